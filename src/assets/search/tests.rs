use super::query::{chunk_key, prefix_keys};
use super::*;

/// Cases shared with `tests/js/search.test.js`, which reads them from this file: keep the
/// JSON between the markers valid.
pub(crate) const SHARED_CASES: &str = r#"/*search-cases*/{
  "terms": [
    ["Amazon S3 and AWS Glue", ["amazon", "s3", "aws", "glue"]],
    ["p3.2xlarge, ml.m5.xlarge.", ["p3.2xlarge", "p3", "2xlarge", "ml.m5.xlarge", "ml", "m5", "xlarg"]],
    ["L1 and L2 regularization; F1 score", ["l1", "l2", "regular", "f1", "score"]],
    ["BYOC containers in Kinesis", ["byoc", "contain", "kinesi"]],
    ["Kinesis Data Streams' shards", ["kinesi", "data", "stream", "shard"]],
    ["The model's max_depth is 6.", ["model", "max_depth", "max", "depth", "6"]],
    ["on-demand vs. Spot: A/B testing", ["demand", "vs", "spot", "b", "test"]],
    ["Don’t over-fit (e.g. dropout)", ["dont", "over", "fit", "e.g", "dropout"]],
    ["SageMaker Ground Truth — labeling", ["sagemak", "ground", "truth", "label"]],
    ["Task 1.1, item 1.1.K2", ["task", "1.1", "item", "1.1.k2", "k2"]],
    ["Résumé ÉTÉ naïve", ["résumé", "été", "naïve"]],
    ["__init__ ...dots... end.", ["init", "dot", "end"]],
    ["a.b ‘x’ it’s 3’", ["a.b", "x", "3"]],
    ["", []]
  ],
  "stems": [
    ["caresses", "caress"], ["ponies", "poni"], ["cats", "cat"], ["feed", "feed"],
    ["agreed", "agre"], ["plastered", "plaster"], ["motoring", "motor"], ["sing", "sing"],
    ["conflated", "conflat"], ["hopping", "hop"], ["filing", "file"], ["happy", "happi"],
    ["relational", "relat"], ["conditional", "condit"], ["rational", "ration"],
    ["generalization", "gener"], ["electricity", "electr"], ["adjustment", "adjust"],
    ["hopeful", "hope"], ["goodness", "good"], ["probate", "probat"], ["rate", "rate"],
    ["controlling", "control"], ["roll", "roll"], ["deploy", "deploy"], ["deploying", "deploy"],
    ["deployment", "deploy"], ["queries", "queri"], ["query", "queri"], ["training", "train"],
    ["trained", "train"], ["models", "model"], ["kinesis", "kinesi"], ["s3", "s3"],
    ["aws", "aws"], ["byoc", "byoc"], ["l1", "l1"], ["f1", "f1"], ["gpus", "gpu"],
    ["p3.2xlarge", "p3.2xlarge"], ["k2s", "k2s"], ["naïve", "naïve"]
  ],
  "queries": [
    ["kinesis", [["kinesi", "kinesis", true]]],
    ["Kinesis ", [["kinesi", "kinesis", false]]],
    ["the s3 bu", [["s3", "s3", false], ["bu", "bu", true]]],
    ["what is the", [["what", "what", false], ["the", "the", true]]],
    ["p3.2xl", [["p3.2xl", "p3.2xl", true]]],
    ["  ", []]
  ],
  "keys": ["2", "by", "fi", "ki", "p3", "s", "st", "é"],
  "chunk_key": [
    ["kinesi", "ki"], ["2xlarge", "2"], ["0", "2"], ["shard", "s"], ["s", "s"], ["st", "st"],
    ["zzz", "st"], ["byoc", "by"], ["été", "é"], ["ü", "é"]
  ],
  "prefix_keys": [
    ["s", ["s", "st"]], ["st", ["st"]], ["k", ["fi", "ki"]], ["p3.2x", ["p3"]], ["zz", ["st"]],
    ["0", ["2"]], ["2", ["2"]]
  ],
  "needed": [
    ["kinesis", ["ki"]], ["kinesis ", ["ki"]], ["the s", ["s"]], ["the st", ["st"]], ["s ", ["s"]],
    ["shards streams", ["s", "st"]], ["byoc k", ["by", "fi"]], ["k", ["fi"]], ["ki", ["ki"]],
    ["sh", ["s"]], ["st", ["st"]]
  ],
  "postings": [
    [[0, 1], "B"],
    [[0, 1000, 2, 2, 3, 100], "qB2CV"],
    [[5, 1120, 70, 1, 10000000, 101], "3PhoFq2yihZ"]
  ],
  "sample_terms": {
    "2xlarge": [4, 1], "again": [2, 1], "byoc": [4, 1], "data": [2, 1], "deliv": [2, 1, 3, 1],
    "firehos": [2, 1, 3, 100], "hold": [1, 1], "ingest": [0, 1], "instanc": [4, 100],
    "kinesi": [0, 1000, 2, 2, 3, 100], "lake": [2, 1], "p3": [4, 1], "p3.2xlarge": [4, 1],
    "record": [0, 1, 1, 1], "s3": [2, 2], "shard": [1, 101], "storag": [2, 1000],
    "stream": [0, 1000, 3, 1], "train": [4, 1], "use": [2, 1]
  }
}/*search-cases*/"#;

fn cases() -> serde_json::Value {
    serde_json::from_str(SHARED_CASES.trim_matches(|c| c != '{' && c != '}')).unwrap()
}

fn strings(v: &serde_json::Value) -> Vec<String> {
    serde_json::from_value(v.clone()).unwrap()
}

#[test]
fn tokenizer_matches_shared_cases() {
    for case in cases()["terms"].as_array().unwrap() {
        let text = case[0].as_str().unwrap();
        assert_eq!(terms(text), strings(&case[1]), "terms of {text:?}");
    }
}

#[test]
fn stemmer_matches_shared_cases() {
    for case in cases()["stems"].as_array().unwrap() {
        let (word, want) = (case[0].as_str().unwrap(), case[1].as_str().unwrap());
        assert_eq!(stem(word), want, "stem of {word}");
    }
}

#[test]
fn queries_and_chunk_keys_match_shared_cases() {
    let c = cases();
    for case in c["queries"].as_array().unwrap() {
        let q = case[0].as_str().unwrap();
        let want: Vec<Word> = case[1]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| Word {
                term: w[0].as_str().unwrap().into(),
                raw: w[1].as_str().unwrap().into(),
                prefix: w[2].as_bool().unwrap(),
            })
            .collect();
        assert_eq!(parse_query(q), want, "query {q:?}");
    }
    let keys = strings(&c["keys"]);
    for case in c["chunk_key"].as_array().unwrap() {
        let term = case[0].as_str().unwrap();
        assert_eq!(chunk_key(&keys, term), case[1].as_str(), "chunk of {term}");
    }
    for case in c["prefix_keys"].as_array().unwrap() {
        let p = case[0].as_str().unwrap();
        assert_eq!(prefix_keys(&keys, p), strings(&case[1]), "prefix {p}");
    }
    for case in c["needed"].as_array().unwrap() {
        let q = case[0].as_str().unwrap();
        assert_eq!(
            needed_chunks(&parse_query(q), &keys),
            strings(&case[1]),
            "query {q:?}"
        );
    }
    assert_eq!(chunk_key(&[], "x"), None);
    assert!(needed_chunks(&parse_query("x"), &[]).is_empty());
}

#[test]
fn postings_round_trip_and_match_shared_cases() {
    for case in cases()["postings"].as_array().unwrap() {
        let postings: Vec<u32> = serde_json::from_value(case[0].clone()).unwrap();
        let text = case[1].as_str().unwrap();
        assert_eq!(encode_postings(&postings).as_deref(), Some(text));
        assert_eq!(decode_postings(text), Some(postings));
    }
    // Every score class, and gaps of every size, survive.
    let mut postings = Vec::new();
    let mut doc = 0;
    for (i, (t, h, c)) in (0..2)
        .flat_map(|t| (0..2).flat_map(move |h| (0..=BODY_MAX).map(move |c| (t, h, c))))
        .enumerate()
    {
        doc += 1 + (i as u32 * 7919) % 100_000;
        postings.extend([doc, t * TITLE + h * HEADING + c]);
    }
    let text = encode_postings(&postings).unwrap();
    assert_eq!(decode_postings(&text), Some(postings));
    assert!(text.bytes().all(|b| DIGITS.contains(&b)));
    // What the index never makes is refused, and so is what it never writes.
    assert_eq!(encode_postings(&[1, 21]), None);
    assert_eq!(encode_postings(&[3, 1, 2, 1]), None);
    assert_eq!(decode_postings("qB2C!"), None);
    assert_eq!(decode_postings("q"), None, "a number left unfinished");
    assert_eq!(
        decode_chunk("kinesi qB2CV s3 B"),
        Some(Chunk::from([
            ("kinesi".to_string(), vec![0, 1000, 2, 2, 3, 100]),
            ("s3".to_string(), vec![0, 1]),
        ]))
    );
    assert_eq!(decode_chunk("kinesi"), None);
}

#[test]
fn tokens_keep_offsets() {
    let t = tokens("Use p3.2xlarge.");
    assert_eq!(
        t,
        vec![
            Token {
                start: 0,
                end: 3,
                text: "Use"
            },
            Token {
                start: 4,
                end: 14,
                text: "p3.2xlarge"
            }
        ]
    );
    let t = tokens("é’s x’");
    assert_eq!(
        t.iter().map(|t| t.text).collect::<Vec<_>>(),
        ["é’s", "x"],
        "{t:?}"
    );
}

#[test]
fn measure_counts_vowel_consonant_sequences() {
    for (w, m) in [
        ("tr", 0),
        ("ee", 0),
        ("tree", 0),
        ("y", 0),
        ("by", 0),
        ("trouble", 1),
        ("oats", 1),
        ("trees", 1),
        ("ivy", 1),
        ("troubles", 2),
        ("private", 2),
        ("oaten", 2),
    ] {
        assert_eq!(measure(w.as_bytes()), m, "m({w})");
    }
}

fn doc(section: &str, heading: &str, text: &str) -> DocInput {
    DocInput {
        section: section.into(),
        id: crate::html::slug(section),
        heading: heading.into(),
        text: text.into(),
        ..DocInput::default()
    }
}

fn sample_pages() -> Vec<PageInput> {
    vec![
        PageInput {
            url: "streaming.html".into(),
            title: "Kinesis streaming".into(),
            docs: vec![
                DocInput {
                    title: "Kinesis streaming".into(),
                    text: "Ingest records.".into(),
                    ..DocInput::default()
                },
                doc("Shards", "Shards", "A shard holds records."),
            ],
        },
        PageInput {
            url: "storage.html".into(),
            title: "Storage".into(),
            docs: vec![
                DocInput {
                    title: "Storage".into(),
                    text: "Use S3 for data lakes. Kinesis Firehose delivers to S3, kinesis again."
                        .into(),
                    ..DocInput::default()
                },
                doc("Kinesis Firehose", "Kinesis Firehose", "Delivers streams."),
                doc("Empty", "", ""),
                doc("Instances", "Instances", "Train on p3.2xlarge with BYOC."),
            ],
        },
    ]
}

fn sample() -> Index {
    Index::build(sample_pages())
}

#[test]
fn sample_index_is_the_one_the_js_tests_rank() {
    let want: Chunk = serde_json::from_value(cases()["sample_terms"].clone()).unwrap();
    assert_eq!(sample().postings(), want);
}

#[test]
fn building_in_parallel_gives_the_same_index_as_one_page_at_a_time() {
    let many: Vec<PageInput> = (0..40)
        .flat_map(|i| {
            sample_pages().into_iter().map(move |mut p| {
                p.url = format!("{i}-{}", p.url);
                p.docs[0].text.push_str(&format!(" page{i} zeta{}", i % 7));
                p
            })
        })
        .collect();
    let parallel = Index::build(many.clone());
    let one_by_one = Index::assemble(many.into_iter().map(index_page).collect());
    assert_eq!(parallel.terms, one_by_one.terms);
    assert_eq!(parallel.docs, one_by_one.docs);
    assert_eq!(parallel.pages[79].first_doc, 39 * 5 + 2);
    // The page numbers count: "zeta3" is on pages 3, 10, 17, … (two pages each).
    let zeta3 = &parallel.postings()["zeta3"];
    assert_eq!(zeta3.len(), 6 * 2 * 2);
    assert_eq!(zeta3[0], parallel.pages[6].first_doc);
}

#[test]
fn ranking_puts_title_before_heading_before_body() {
    let index = sample();
    let hits = index.search("kinesis ");
    let order: Vec<u32> = hits.iter().map(|h| h.0).collect();
    // 0: page title, 3: heading, 2: body (twice).
    assert_eq!(order, [0, 3, 2]);
    assert!(hits[0].1 > hits[1].1 && hits[1].1 > hits[2].1, "{hits:?}");
    // Equal scores keep reading order.
    let hits = index.search("records ");
    assert_eq!(hits.iter().map(|h| h.0).collect::<Vec<_>>(), [0, 1]);
}

/// "feature store": the section headed "Feature Store" (doc 1) before the page whose title
/// has "store" and whose body has "feature" (doc 0), as a reader expects.
#[test]
fn sections_named_by_every_word_come_first() {
    let chunk: Chunk = [
        ("featur".to_string(), vec![0, 3, 1, 100]),
        ("store".to_string(), vec![0, 1000, 1, 100]),
    ]
    .into_iter()
    .collect();
    let keys = [String::new()];
    let hits = rank(&parse_query("feature store "), &keys, &|_| Some(&chunk));
    assert_eq!(hits, [(1, 1200), (0, 1003)]);
    // A prefix being typed names the section too (half of a heading's score).
    let hits = rank(&parse_query("feature sto"), &keys, &|_| Some(&chunk));
    assert_eq!(hits.first().map(|h| h.0), Some(1), "{hits:?}");
}

#[test]
fn every_word_must_match_and_the_last_is_a_prefix() {
    let index = sample();
    assert_eq!(index.search("kinesis deliv").len(), 2);
    assert_eq!(index.search("kinesis deliv")[0].0, 3);
    assert!(
        index.search("kinesis deli ").is_empty(),
        "deli is not a term"
    );
    // A prefix match counts half of an exact one.
    let exact = index.search("shard")[0].1;
    let prefix = index.search("shar")[0].1;
    assert_eq!(prefix, exact / 2);
    assert!(
        index.search("s").is_empty(),
        "one-letter prefixes do not expand"
    );
}

#[test]
fn terms_with_digits_and_dots_are_findable() {
    let index = sample();
    for q in ["p3.2xlarge", "p3", "2xlarge", "p3.2x", "byoc", "s3 "] {
        assert!(!index.search(q).is_empty(), "{q}");
    }
    assert_eq!(index.search("byoc")[0].0, 4);
}

#[test]
fn empty_sections_are_left_out_but_every_page_keeps_its_top() {
    let index = sample();
    assert_eq!(index.docs.len(), 5);
    let mut pages = sample_pages();
    pages.push(PageInput {
        url: "x.html".into(),
        ..PageInput::default()
    });
    let index = Index::build(pages);
    assert_eq!(index.pages[2].first_doc, 5);
    assert_eq!(index.docs.len(), 6);
    assert_eq!(index.docs[5].page, 2);
}

/// The argument list of `window.__sgSearchX(…);` in an index file.
fn args(file: &OutputFile) -> Vec<serde_json::Value> {
    let js = std::str::from_utf8(&file.bytes).unwrap();
    let inner = js.split_once('(').unwrap().1.trim_end();
    serde_json::from_str(&format!("[{}]", inner.strip_suffix(");").unwrap())).unwrap()
}

#[test]
fn chunks_hold_what_their_keys_say_and_prefixes_find_every_term() {
    let index = sample();
    let (manifest_path, files) = index.files_with(40, 60);
    let manifest = args(files.iter().find(|f| f.path == manifest_path).unwrap());
    let keys = strings(&manifest[0]["terms"]);
    assert!(keys.len() > 5, "{keys:?}");
    let hash = manifest[0]["h"].as_str().unwrap();
    let mut chunks: BTreeMap<String, Chunk> = BTreeMap::new();
    for key in &keys {
        let path = format!("{DIR}/{}.{hash}.js", file_key(key));
        let file = files.iter().find(|f| f.path == path).unwrap();
        let a = args(file);
        assert_eq!(a[0], *key);
        let chunk = decode_chunk(a[1].as_str().unwrap()).unwrap();
        assert!(!chunk.is_empty());
        if chunk.len() > 1 {
            assert!(file.bytes.len() <= 40 + 60, "{path}: {}", file.bytes.len());
        }
        chunks.insert(key.clone(), chunk);
    }
    // Every term is in the chunk `chunk_key` names, and every prefix of it finds it.
    let all = index.postings();
    assert_eq!(
        chunks.values().map(Chunk::len).sum::<usize>(),
        all.len(),
        "each term once"
    );
    for (term, postings) in &all {
        let key = chunk_key(&keys, term).unwrap();
        assert_eq!(chunks[key].get(term), Some(postings), "{term} in {key}");
        for end in 1..=term.chars().count() {
            let p: String = term.chars().take(end).collect();
            let found = prefix_keys(&keys, &p)
                .into_iter()
                .any(|k| chunks[k].contains_key(term));
            assert!(found, "{term} by its prefix {p}");
        }
    }
    // The same search through the chunk files.
    for q in [
        "kinesis ",
        "kinesis deliv",
        "st",
        "p3.2x",
        "shar",
        "s3 byoc",
    ] {
        let words = parse_query(q);
        let loaded: BTreeMap<String, &Chunk> = needed_chunks(&words, &keys)
            .into_iter()
            .map(|k| {
                let c = &chunks[&k];
                (k, c)
            })
            .collect();
        let via_files = rank(&words, &keys, &|k| loaded.get(k).copied());
        assert_eq!(via_files, index.search(q), "{q}");
    }
}

#[test]
fn term_chunks_are_cut_where_the_key_is_shortest() {
    let terms: Vec<(String, String)> = [
        "mod", "model", "modelnam", "modul", "mon", "monitor", "more", "most",
    ]
    .iter()
    .map(|t| (t.to_string(), "AAAAAAAA".to_string()))
    .collect();
    // Each entry takes 10 + its length bytes: 80 bytes hold five terms, and half of 80 is
    // reached after three; of the cuts after three, four or five terms (keys `modu`,
    // `mon`, `moni`), `mon` is the shortest.
    let cuts = cut_terms(&terms, 80);
    let keys: Vec<&str> = cuts.iter().map(|c| c.0.as_str()).collect();
    assert_eq!(keys, ["m", "mon"], "{cuts:?}");
    assert_eq!(cuts[1].1, 4);
    // Without room to choose, the cut falls where the budget ends.
    let cuts = cut_terms(&terms, 20);
    assert_eq!(cuts.len(), terms.len(), "one term each: {cuts:?}");
    assert_eq!(cuts[2].0, "modeln");
    assert!(cut_terms(&[], 10).is_empty());
}

#[test]
fn document_chunks_keep_pages_whole_where_they_can() {
    let pages: Vec<PageInput> = (0..6)
        .map(|p| PageInput {
            url: format!("p{p}.html"),
            title: format!("Page {p}"),
            docs: (0..3)
                .map(|d| DocInput {
                    title: if d == 0 {
                        format!("Page {p}")
                    } else {
                        String::new()
                    },
                    text: format!("words of page {p} section {d} {}", "filler ".repeat(5)),
                    ..DocInput::default()
                })
                .collect(),
        })
        .collect();
    let index = Index::build(pages);
    let page_bytes: usize = (0..3)
        .map(|d| {
            let doc = &index.docs[d];
            doc.section.len() + doc.id.len() + doc.text.len() + 12
        })
        .sum::<usize>()
        + index.pages[0].url.len()
        + index.pages[0].title.len()
        + 12;
    // Room for two pages and a bit: cuts fall between pages.
    let starts = index.cut_docs(page_bytes * 2 + 40);
    assert_eq!(starts, [0, 6, 12]);
    // Less than a page: pages are split, and each chunk names its page again.
    let (path, files) = index.files_with(1000, page_bytes / 2);
    let manifest = args(files.iter().find(|f| f.path == path).unwrap());
    let starts: Vec<u32> = serde_json::from_value(manifest[0]["docs"].clone()).unwrap();
    assert!(starts.len() > 6, "{starts:?}");
    let mut seen = 0;
    for (n, &first) in starts.iter().enumerate() {
        assert_eq!(first as usize, seen);
        let file = files
            .iter()
            .find(|f| f.path.starts_with(&format!("{DIR}/d-{n}.")))
            .unwrap();
        let a = args(file);
        assert_eq!(a[0], n);
        for group in a[1].as_array().unwrap() {
            let page = index.docs[seen].page as usize;
            assert_eq!(group[0], index.pages[page].url);
            assert_eq!(group[1], index.pages[page].title);
            for row in group[2].as_array().unwrap() {
                assert_eq!(row[2], index.docs[seen].text);
                seen += 1;
            }
        }
    }
    assert_eq!(seen, index.docs.len());
}

#[test]
fn files_are_deterministic_small_and_named_by_key_and_hash() {
    let (manifest, files) = sample().files();
    let (again, files2) = sample().files();
    assert_eq!(manifest, again);
    assert_eq!(files, files2);
    assert_eq!(manifest, "assets/search/index.js");
    // One term chunk, one document chunk and the manifest.
    assert_eq!(files.len(), 3);
    let m = args(files.iter().find(|f| f.path == manifest).unwrap());
    let hash = m[0]["h"].as_str().unwrap().to_string();
    assert_eq!(m[0]["terms"], serde_json::json!(["2"]));
    assert_eq!(m[0]["docs"], serde_json::json!([0]));
    assert_eq!(m[0]["n"], 5);
    let chunk = files
        .iter()
        .find(|f| f.path == format!("assets/search/2.{hash}.js"))
        .unwrap();
    assert!(String::from_utf8_lossy(&chunk.bytes)
        .starts_with("window.__sgSearchChunk(\"2\",\"2xlarge xK again "));
    assert!(files
        .iter()
        .any(|f| f.path == format!("assets/search/d-0.{hash}.js")));
    // Another text: other names.
    let mut pages = sample_pages();
    pages[0].docs[1].text.push_str(" More.");
    let (_, other) = Index::build(pages).files();
    assert!(!other[0].path.ends_with(&format!(".{hash}.js")));
    assert_eq!(file_key("é.a_"), "_e9__2e_a_5f_");
}

#[test]
fn sections_are_cut_at_headings_and_terms() {
    let html = "<p>Intro <em>text</em></p>\n<h2 id=\"a-b\">A &amp; <code>B</code> <a class=\"self-link\" href=\"#a-b\" aria-label=\"Link to this section: A &amp; B\">#</a></h2>\n<ul><li>one.</li><li>Two</li></ul><!--studyguide-quiz:x-->\n<dl><dt id=\"s3\">S3 <a class=\"self-link\" href=\"#s3\" aria-label=\"Link to this term: S3\">#</a></dt>\n<dd>Object&nbsp;storage&#x2014;cheap&#39;s<sup>1</sup></dd></dl><table><tr><td>a</td><td>b</td></tr></table><script>x()</script>";
    let s = sections(html);
    let got: Vec<(&str, &str, &str)> = s
        .iter()
        .map(|s| (s.id.as_str(), s.heading.as_str(), s.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("", "", "Intro text"),
            ("a-b", "A & B", "one. Two"),
            ("s3", "S3", "Object storage—cheap's 1 a b"),
        ]
    );
    assert_eq!(
        plain("Pick **one** [link](x.md).\n\n- a\n- b"),
        "Pick one link. a b"
    );
    assert_eq!(
        unescape("&amp;lt; &#65;&unknown; & x"),
        "&lt; A&unknown; & x"
    );
}

#[test]
fn sections_read_any_case_nested_headings_and_odd_text() {
    let html = "<H2 ID=\"x\" id=\"real\">Big <STYLE>p{}</style>one</H2>\u{a0}text\t\n  here<BR>next &#x1F600;&bogus;&#xZZ; <h3>no id</h3><h3 data-id=\"no\">also none</h3>\
                    <dt id=\"t\">Term <h4 id=\"inner\">nested</h4> end</dt>after<script>never</script>";
    let s = sections(html);
    let got: Vec<(&str, &str, &str)> = s
        .iter()
        .map(|s| (s.id.as_str(), s.heading.as_str(), s.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("", "", ""),
            (
                "real",
                "Big one",
                "text here next 😀&bogus;&#xZZ; no id also none"
            ),
            ("t", "Term nested end", "after"),
        ]
    );
    // An unclosed comment or tag ends the text.
    assert_eq!(sections("a <!-- b")[0].text, "a");
    assert_eq!(sections("a <b")[0].text, "a");
}

#[test]
fn question_texts_come_from_their_rendered_html() {
    let html = "<section class=\"quiz\" id=\"q-a\"><h3>Question 1</h3>\n<div class=\"quiz-prompt\" id=\"q-a-prompt\"><p>Which <strong>one</strong>?</p><div class=\"note\"><p>Inner</p></div><p>Last</p></div><div>options</div></section>";
    assert_eq!(
        div_text(html, "<div class=\"quiz-prompt\" id=\"q-a-prompt\">").as_deref(),
        Some("Which one? Inner Last")
    );
    assert_eq!(div_text(html, "<div class=\"scenario\">"), None);
    assert_eq!(
        div_text("<div class=\"scenario\">open", "<div class=\"scenario\">"),
        None
    );
}

#[test]
fn an_item_is_taught_by_the_section_that_shares_most_of_its_words() {
    let html = "<p>Intro about data.</p>\
        <h2 id=\"formats\">Data formats</h2><p>Parquet and ORC are columnar formats; CSV is not.</p>\
        <h2 id=\"streams\">Streaming ingestion</h2><p>Kinesis Data Streams and Firehose ingest records.</p>\
        <section class=\"quiz\" id=\"q-x\"><h3 id=\"q-x-title\">Question 1</h3><p>Columnar formats like Parquet?</p></section>";
    let sections = section_terms(html);
    // Heading words weigh more; stems match ("formats" and "format", "ingestion" and "ingest").
    assert_eq!(
        teaching_sections(&sections, "Data format choices (Parquet, CSV)", 1),
        [("formats".to_string(), "Data formats".to_string())]
    );
    assert_eq!(
        teaching_sections(&sections, "Streaming data ingestion with Kinesis", 2)[0].0,
        "streams"
    );
    // One shared word is not enough for a longer wording; questions never teach.
    assert!(teaching_sections(&sections, "Model monitoring with Clarify drift", 3).is_empty());
    assert!(teaching_sections(&sections, "", 3).is_empty());
    assert!(sections.iter().all(|s| !s.id.starts_with("q-")));
}
