// Unit tests for the search tokenizer, stemmer and ranking: `node --test tests/js`.
// The tokenizer, stemmer and query cases are the ones src/search.rs tests (read from its
// SHARED_CASES), so the index and the browser cannot drift apart.
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const S = require("../../themes/default/static/search.js");

const rust = fs.readFileSync(path.join(__dirname, "../../src/search.rs"), "utf8");
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
  for (const [term, key] of CASES.keys) assert.equal(S.chunkKey(term), key, term);
});

test("the stop words are the Rust ones", () => {
  const list = rust.match(/pub const STOP_WORDS: &\[&str\] = &\[([^\]]*)\]/)[1];
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

// The sample index of src/search.rs's tests, as the chunks it writes (checked there).
const CHUNKS = CASES.sample_chunks;
const search = (q) => S.rank(S.parseQuery(q), (k) => CHUNKS[k] || null);

test("ranking: title before heading before body, ties in reading order", () => {
  assert.deepEqual(search("kinesis ").map((h) => h[0]), [0, 3, 2]);
  assert.deepEqual(search("records "), [[0, 1], [1, 1]]);
});

test("every word must match; the last one is a prefix worth half", () => {
  assert.deepEqual(search("kinesis deliv"), [[3, 101], [2, 3]]);
  assert.deepEqual(search("kinesis deli "), []);
  assert.equal(search("shar")[0][1], Math.floor(search("shard")[0][1] / 2));
  assert.deepEqual(search("s"), []);
  assert.deepEqual(search("p3.2x"), [[4, 0]]);
  assert.deepEqual(search("byoc"), [[4, 1]]);
});

test("a query needs one chunk per word", () => {
  assert.deepEqual(S.neededChunks(S.parseQuery("the Kinesis shards")), ["ki", "sh"]);
  assert.deepEqual(S.neededChunks(S.parseQuery("p3.2xlarge")), ["p3"]);
  assert.equal(S.fileKey("é."), "_e9_2e");
  assert.equal(S.fileKey("s3"), "s3");
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
