// Unit tests for the search tokenizer, stemmer and ranking: `node --test tests/js`.
// The tokenizer, stemmer and query cases are the ones src/assets/search/tests.rs holds (read from the
// SHARED_CASES), so the index and the browser cannot drift apart.
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const S = require("../../themes/default/static/search.js");

const rust = fs.readFileSync(path.join(__dirname, "../../src/assets/search/tests.rs"), "utf8");
const rustIndex = fs.readFileSync(path.join(__dirname, "../../src/assets/search/mod.rs"), "utf8");
const marker = "/*search-cases*/";
const CASES = JSON.parse(rust.split(marker)[1]);

test("the shared cases were found", () => {
  assert.ok(CASES.terms.length >= 10 && CASES.stems.length >= 30 && CASES.queries.length >= 5);
});

test("tokenizer matches the Rust index (shared cases)", () => {
  for (const [text, want] of CASES.terms) assert.deepEqual(S.terms(text), want, text);
});

test("stemmer matches the Rust index (shared cases)", () => {
  for (const [word, want] of CASES.stems) assert.equal(S.stem(word), want, word);
});

test("queries and chunk keys match the Rust side (shared cases)", () => {
  for (const [q, want] of CASES.queries) {
    assert.deepEqual(S.parseQuery(q).map((w) => [w.term, w.raw, w.prefix]), want, q);
  }
  const keys = CASES.keys;
  for (const [term, key] of CASES.chunk_key) assert.equal(S.chunkKey(keys, term), key, term);
  for (const [p, want] of CASES.prefix_keys) assert.deepEqual(S.prefixKeys(keys, p), want, p);
  for (const [q, want] of CASES.needed) assert.deepEqual(S.neededChunks(S.parseQuery(q), keys), want, q);
  assert.equal(S.chunkKey([], "x"), null);
  assert.deepEqual(S.neededChunks(S.parseQuery("x"), []), []);
});

test("postings decode as the Rust side wrote them (shared cases)", () => {
  for (const [postings, text] of CASES.postings) assert.deepEqual(S.decodePostings(text), postings, text);
  assert.equal(S.decodePostings("qB2C!"), null);
  assert.equal(S.decodePostings("q"), null, "a number left unfinished");
  assert.deepEqual({ ...S.decodeChunk("kinesi qB2CV s3 B") }, { kinesi: [0, 1000, 2, 2, 3, 100], s3: [0, 1] });
  assert.equal(S.decodeChunk("kinesi"), null);
});

test("keys compare by code point, as Rust sorts them", () => {
  // UTF-16 puts the surrogates of U+1F600 before U+FFFF; code points do not.
  assert.ok(S.compare("\uffff", "\u{1F600}") < 0);
  assert.ok("\uffff" > "\u{1F600}");
  assert.ok(S.compare("ab", "abc") < 0 && S.compare("b", "abc") > 0 && S.compare("x", "x") === 0);
  assert.equal(S.chunkKey(["a", "\uffff", "\u{1F600}"], "\u{1F601}"), "\u{1F600}");
});

test("the stop words are the Rust ones", () => {
  const list = rustIndex.match(/pub const STOP_WORDS: &\[&str\] = &\[([^\]]*)\]/)[1];
  assert.deepEqual(S.STOP_WORDS, JSON.parse("[" + list.replace(/,\s*$/, "") + "]"));
});

test("tokens carry UTF-16 offsets into the text", () => {
  const text = "😀 Amazon S3: p3.2xlarge.";
  const t = S.tokens(text);
  assert.deepEqual(t.map((x) => x.text), ["Amazon", "S3", "p3.2xlarge"]);
  for (const x of t) assert.equal(text.slice(x.start, x.end), x.text);
});

test("measure counts vowel-consonant sequences", () => {
  for (const [w, m] of [["tr", 0], ["tree", 0], ["by", 0], ["trouble", 1], ["oats", 1], ["ivy", 1], ["troubles", 2], ["oaten", 2]]) {
    assert.equal(S.measure(w), m, w);
  }
});

// The sample index of src/assets/search/tests.rs, every term in one chunk (checked there).
const TERMS = CASES.sample_terms;
const search = (q) => S.rank(S.parseQuery(q), [""], (k) => (k === "" ? TERMS : null));

test("ranking: title before heading before body, ties in reading order", () => {
  assert.deepEqual(search("kinesis ").map((h) => h[0]), [0, 3, 2]);
  assert.deepEqual(search("records "), [[0, 1], [1, 1]]);
});

test("a section named by every word comes first (as in the Rust tests)", () => {
  const chunk = { featur: [0, 3, 1, 100], store: [0, 1000, 1, 100] };
  const find = (q) => S.rank(S.parseQuery(q), [""], () => chunk);
  assert.deepEqual(find("feature store "), [[1, 1200], [0, 1003]]);
  assert.equal(find("feature sto")[0][0], 1);
});

test("every word must match; the last one is a prefix worth half", () => {
  assert.deepEqual(search("kinesis deliv"), [[3, 101], [2, 3]]);
  assert.deepEqual(search("kinesis deli "), []);
  assert.equal(search("shar")[0][1], Math.floor(search("shard")[0][1] / 2));
  assert.deepEqual(search("s"), []);
  assert.deepEqual(search("p3.2x"), [[4, 0]]);
  assert.deepEqual(search("byoc"), [[4, 1]]);
});

test("a query needs one chunk per word, and a word being typed every chunk it can be in", () => {
  const keys = ["d", "ki", "p3", "s", "sh", "st"];
  assert.deepEqual(S.neededChunks(S.parseQuery("the Kinesis shards "), keys), ["ki", "sh"]);
  assert.deepEqual(S.neededChunks(S.parseQuery("p3.2xlarge"), keys), ["p3"]);
  assert.deepEqual(S.neededChunks(S.parseQuery("s"), keys), ["s"]);
  assert.deepEqual(S.neededChunks(S.parseQuery("st"), keys), ["st"]);
  assert.equal(S.fileKey("é.a_"), "_e9__2e_a_5f_");
  assert.equal(S.fileKey("s3"), "s3");
});

test("the engine loads the manifest, the chunks a query needs and the documents it shows", async () => {
  // Two term chunks ("a" up to "kinesi", "s" from "s3") and two document chunks (0-2, 3-4).
  const files = {
    "x/index.js": () => global.__sgSearchManifest({ h: "h1", n: 5, terms: ["a", "s"], docs: [0, 3] }),
    "x/a.h1.js": () => global.__sgSearchChunk("a", "again pF kinesi qB2CV"),
    "x/s.h1.js": () => global.__sgSearchChunk("s", "s3 qF1C"),
    "x/d-0.h1.js": () => global.__sgSearchDocs(0, [["a.html", "Page A", [["", "", "Kinesis intro."], ["Sec", "sec", "Body."]]], ["b.html", "Page B", [["", "", "S3 and kinesis again."]]]]),
    "x/d-1.h1.js": () => global.__sgSearchDocs(1, [["b.html", "Page B", [["Kinesis", "kinesis", "Streams."], ["More", "more", "S3."]]]]),
  };
  const loaded = [];
  // Each file arrives in a later task, in the order asked for (as <script> loads do).
  const engine = new S.Engine("x/index.js", (url) => {
    loaded.push(url);
    return new Promise((resolve) => setTimeout(() => { files[url](); resolve(); }, 0));
  });
  const partial = [];
  const r = await engine.search("kinesis", 10, (p) => partial.push(p.hits.map((h) => h.url)));
  assert.deepEqual(loaded, ["x/index.js", "x/a.h1.js", "x/d-0.h1.js", "x/d-1.h1.js"]);
  // The best hit's documents came first: it was passed on before the others arrived.
  assert.deepEqual(partial, [["a.html"]]);
  assert.equal(r.total, 3);
  assert.deepEqual(r.hits.map((h) => [h.url, h.page, h.section, h.score]), [
    ["a.html", "Page A", "", 1000],
    ["b.html#kinesis", "Page B", "Kinesis", 100],
    ["b.html", "Page B", "", 2],
  ]);
  loaded.length = 0;
  const r2 = await engine.search("s3 ", 1);
  assert.deepEqual(loaded, ["x/s.h1.js"], "the manifest and known files are not loaded again");
  assert.deepEqual(r2.hits.map((h) => h.url), ["b.html"]);
  assert.equal(r2.total, 2);
});

test("snippets mark the query words, escaped, around the best window", () => {
  const words = S.parseQuery("kinesis shar");
  assert.equal(
    S.highlight("Kinesis <shards> & more kinesis", words),
    "<mark>Kinesis</mark> &lt;<mark>shards</mark>&gt; &amp; more <mark>kinesis</mark>"
  );
  const long = "Filler words here. ".repeat(30) + "Use Kinesis Data Streams with enough shards. " + "More filler text. ".repeat(30);
  const s = S.snippet(long, words, 120);
  assert.ok(s.startsWith("…") && s.endsWith("…"), s);
  assert.ok(s.includes("<mark>Kinesis</mark> Data Streams with enough <mark>shards</mark>"), s);
  // Parts of dotted terms are marked too.
  assert.equal(S.highlight("Use ml.p3.2xlarge", S.parseQuery("p3 ")), "Use <mark>ml.p3.2xlarge</mark>");
});

test("the / shortcut is ignored in form fields and editable content", () => {
  const el = (closestMatch, editable) => ({ nodeType: 1, isContentEditable: !!editable, closest: () => (closestMatch ? {} : null) });
  assert.equal(S.isEditable(el(true)), true);
  assert.equal(S.isEditable(el(false, true)), true);
  assert.equal(S.isEditable(el(false)), false);
  assert.equal(S.isEditable(null), false);
});
