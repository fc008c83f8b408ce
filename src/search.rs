//! Search: a build-time index over page titles, section headings, definition terms (the
//! glossary), body text and question prompts, written as small scripts that the browser loads
//! with `<script>` (so search works from `file://`, without `fetch`).
//!
//! Output, all under `assets/search/`:
//! - `index.<hash>.js`: the manifest, `window.__sgSearchManifest({...})`: the term chunks (key
//!   -> hash), the pages (URL, title, first document) and the text buckets (first document,
//!   file).
//! - `<key>.<hash>.js`: one term chunk per key (the first two characters of a term; other
//!   characters than `a-z0-9` written as `_` and their code point in hex),
//!   `window.__sgSearchChunk("ab", {"term": [doc, score, doc, score, …], …})`.
//! - `t<n>.<hash>.js`: documents' section title, id and text for result titles and snippets,
//!   `window.__sgSearchDocs(n, [[section, id, text], …])`, about 4 KB each, in reading order.
//!
//! A query needs the manifest, one chunk per query word and the text buckets of the results it
//! shows. The tokenizer and the query logic below exist twice, here (the index, and the tests)
//! and in `themes/default/static/search.js` (the browser); `tests/js/search.test.js` runs
//! the same cases as the tests here, and `tests/search.rs` runs both on a built guide.
//!
//! A document is a section of a page: the part before its first heading (which also carries
//! the page title and description), each heading or definition term up to the next one, and
//! each question prompt. Sections are cut from the page's rendered HTML at the headings and
//! terms that `markdown` wrote with their ids; the text comes from the same HTML rather than
//! `Rendered.text`, which runs list items and table cells together (`memory.Amazon`).

use crate::model::{Guide, Page};
use crate::quiz::{Question, QuestionKind};
use crate::write::OutputFile;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Key of the manifest in the renderer's asset map (`assets["search-index.js"]` in templates).
pub const MANIFEST_ASSET: &str = "search-index.js";
/// Folder of the index files in the output.
pub const DIR: &str = "assets/search";
/// Where the manifest is written (not fingerprinted: see `Index::files`).
pub const MANIFEST_PATH: &str = "assets/search/index.js";
/// Text buckets are cut after this many bytes of text.
const BUCKET_BYTES: usize = 4 * 1024;

/// Score of a term in a document: a title hit beats any heading hit beats any body count.
const TITLE: u32 = 1000;
const HEADING: u32 = 100;
const BODY_MAX: u32 = 20;

/// Words too common to index (a query may still end with one as a prefix).
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "its", "of",
    "on", "or", "that", "the", "this", "to", "with",
];

// ---- tokenizer -------------------------------------------------------------------------------

/// A word of a text: byte range and the text as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Characters kept inside a token when a word character comes on both sides: `p3.2xlarge`,
/// `max_depth`, `model's`.
fn is_joiner(c: char) -> bool {
    matches!(c, '.' | '_' | '\'' | '\u{2019}')
}

/// Splits text into words: runs of letters and digits, with `.`, `_` and apostrophes kept
/// between two of them.
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, &(at, c)) in chars.iter().enumerate() {
        if is_word_char(c) {
            start.get_or_insert(at);
            continue;
        }
        if start.is_some()
            && is_joiner(c)
            && chars.get(i + 1).is_some_and(|&(_, n)| is_word_char(n))
        {
            continue;
        }
        if let Some(s) = start.take() {
            out.push(Token {
                start: s,
                end: at,
                text: &text[s..at],
            });
        }
    }
    if let Some(s) = start {
        out.push(Token {
            start: s,
            end: text.len(),
            text: &text[s..],
        });
    }
    out
}

/// Case-folded, without apostrophes, before stemming.
pub fn fold(raw: &str) -> String {
    raw.to_lowercase()
        .chars()
        .filter(|&c| c != '\'' && c != '\u{2019}')
        .collect()
}

/// The index term of a token: folded and stemmed; `None` for stop words.
pub fn normalize(raw: &str) -> Option<String> {
    let t = fold(raw);
    if t.is_empty() || STOP_WORDS.contains(&t.as_str()) {
        return None;
    }
    Some(stem(&t))
}

/// The parts of a dotted or underscored term (`p3.2xlarge` → `p3`, `2xlarge`), two
/// characters or longer, so that each part is findable on its own.
pub fn parts(term: &str) -> Vec<String> {
    if !term.contains(['.', '_']) {
        return Vec::new();
    }
    term.split(['.', '_'])
        .filter(|p| p.chars().count() >= 2)
        .filter_map(normalize)
        .collect()
}

/// Every index term of a text, in order: each token's term, then its parts.
pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for t in tokens(text) {
        if let Some(n) = normalize(t.text) {
            let p = parts(&n);
            out.push(n);
            out.extend(p);
        }
    }
    out
}

// ---- stemmer ---------------------------------------------------------------------------------

/// Porter's stemmer (1980), with one change from Porter2: `y` becomes `i` only after a
/// consonant that is not the first letter (`deploy` stays, `query` becomes `queri`).
/// Only words of four or more ASCII letters are stemmed: `s3`, `p3.2xlarge`, `aws`, `ecs`,
/// `byoc` and words with other characters are left as they are.
pub fn stem(word: &str) -> String {
    if word.len() <= 3 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_string();
    }
    let mut w = word.as_bytes().to_vec();
    step1ab(&mut w);
    step1c(&mut w);
    replace_suffix(&mut w, STEP2, 0);
    replace_suffix(&mut w, STEP3, 0);
    step4(&mut w);
    step5(&mut w);
    String::from_utf8_lossy(&w).into_owned()
}

fn is_consonant(w: &[u8], i: usize) -> bool {
    match w[i] {
        b'a' | b'e' | b'i' | b'o' | b'u' => false,
        b'y' => i == 0 || !is_consonant(w, i - 1),
        _ => true,
    }
}

/// Porter's m: the number of vowel-consonant sequences in `w`.
fn measure(w: &[u8]) -> usize {
    let n = w.len();
    let mut i = 0;
    let mut m = 0;
    while i < n && is_consonant(w, i) {
        i += 1;
    }
    loop {
        while i < n && !is_consonant(w, i) {
            i += 1;
        }
        if i >= n {
            return m;
        }
        while i < n && is_consonant(w, i) {
            i += 1;
        }
        m += 1;
    }
}

fn has_vowel(w: &[u8]) -> bool {
    (0..w.len()).any(|i| !is_consonant(w, i))
}

fn double_consonant(w: &[u8]) -> bool {
    let n = w.len();
    n >= 2 && w[n - 1] == w[n - 2] && is_consonant(w, n - 1)
}

/// Ends consonant-vowel-consonant, the last not `w`, `x` or `y` (`hop`, not `how`).
fn cvc(w: &[u8]) -> bool {
    let n = w.len();
    n >= 3
        && is_consonant(w, n - 3)
        && !is_consonant(w, n - 2)
        && is_consonant(w, n - 1)
        && !matches!(w[n - 1], b'w' | b'x' | b'y')
}

fn step1ab(w: &mut Vec<u8>) {
    if w.ends_with(b"sses") || w.ends_with(b"ies") {
        w.truncate(w.len() - 2);
    } else if !w.ends_with(b"ss") && w.ends_with(b"s") {
        w.pop();
    }
    if w.ends_with(b"eed") {
        if measure(&w[..w.len() - 3]) > 0 {
            w.pop();
        }
        return;
    }
    let cut = if w.ends_with(b"ed") && has_vowel(&w[..w.len() - 2]) {
        2
    } else if w.ends_with(b"ing") && has_vowel(&w[..w.len() - 3]) {
        3
    } else {
        return;
    };
    w.truncate(w.len() - cut);
    if w.ends_with(b"at") || w.ends_with(b"bl") || w.ends_with(b"iz") {
        w.push(b'e');
    } else if double_consonant(w) && !matches!(w[w.len() - 1], b'l' | b's' | b'z') {
        w.pop();
    } else if measure(w) == 1 && cvc(w) {
        w.push(b'e');
    }
}

fn step1c(w: &mut [u8]) {
    let n = w.len();
    if n > 2 && w[n - 1] == b'y' && is_consonant(w, n - 2) {
        w[n - 1] = b'i';
    }
}

const STEP2: &[(&str, &str)] = &[
    ("ational", "ate"),
    ("tional", "tion"),
    ("enci", "ence"),
    ("anci", "ance"),
    ("izer", "ize"),
    ("abli", "able"),
    ("alli", "al"),
    ("entli", "ent"),
    ("eli", "e"),
    ("ousli", "ous"),
    ("ization", "ize"),
    ("ation", "ate"),
    ("ator", "ate"),
    ("alism", "al"),
    ("iveness", "ive"),
    ("fulness", "ful"),
    ("ousness", "ous"),
    ("aliti", "al"),
    ("iviti", "ive"),
    ("biliti", "ble"),
];

const STEP3: &[(&str, &str)] = &[
    ("icate", "ic"),
    ("ative", ""),
    ("alize", "al"),
    ("iciti", "ic"),
    ("ical", "ic"),
    ("ful", ""),
    ("ness", ""),
];

const STEP4: &[&str] = &[
    "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou",
    "ism", "ate", "iti", "ous", "ive", "ize",
];

/// The first suffix of `table` that `w` ends with is replaced when the rest has m > `min`.
fn replace_suffix(w: &mut Vec<u8>, table: &[(&str, &str)], min: usize) {
    if let Some((suffix, with)) = table.iter().find(|(s, _)| w.ends_with(s.as_bytes())) {
        let stem = w.len() - suffix.len();
        if measure(&w[..stem]) > min {
            w.truncate(stem);
            w.extend_from_slice(with.as_bytes());
        }
    }
}

fn step4(w: &mut Vec<u8>) {
    if let Some(suffix) = STEP4.iter().find(|s| w.ends_with(s.as_bytes())) {
        let stem = w.len() - suffix.len();
        let ok = *suffix != "ion" || (stem > 0 && matches!(w[stem - 1], b's' | b't'));
        if ok && measure(&w[..stem]) > 1 {
            w.truncate(stem);
        }
    }
}

fn step5(w: &mut Vec<u8>) {
    if w.ends_with(b"e") {
        let stem = &w[..w.len() - 1];
        let m = measure(stem);
        if m > 1 || (m == 1 && !cvc(stem)) {
            w.pop();
        }
    }
    if w.ends_with(b"ll") && measure(w) > 1 {
        w.pop();
    }
}

// ---- queries ---------------------------------------------------------------------------------

/// A word of a query: its term, the folded word before stemming, and whether it is matched as
/// a prefix (the last word while the reader is still typing it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Word {
    pub term: String,
    pub raw: String,
    pub prefix: bool,
}

/// Terms of one chunk: term -> `[doc, score, doc, score, …]`, documents ascending.
pub type Chunk = BTreeMap<String, Vec<u32>>;

/// The words of a query. The last word is a prefix unless the query ends after it (a space);
/// stop words are dropped, except a last word being typed.
pub fn parse_query(query: &str) -> Vec<Word> {
    let toks = tokens(query);
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let prefix = i + 1 == toks.len() && t.end == query.len();
        let raw = fold(t.text);
        match normalize(t.text) {
            Some(term) => out.push(Word { term, raw, prefix }),
            None if prefix && !raw.is_empty() => out.push(Word {
                term: raw.clone(),
                raw,
                prefix,
            }),
            None => {}
        }
    }
    out
}

/// The chunk a term lives in: its first two characters.
pub fn chunk_key(term: &str) -> String {
    term.chars().take(2).collect()
}

/// The chunk keys a query needs, sorted.
pub fn needed_chunks(words: &[Word]) -> Vec<String> {
    let mut keys = BTreeSet::new();
    for w in words {
        keys.insert(chunk_key(&w.term));
        if w.prefix {
            keys.insert(chunk_key(&w.raw));
        }
    }
    keys.into_iter().collect()
}

/// Documents matching every word, best first: `(doc, score)`. An exact term match scores
/// the term's score, a prefix match half of it (prefixes need two characters); a document's
/// score is the sum over the words of its best match.
pub fn rank<'c>(words: &[Word], chunk: &dyn Fn(&str) -> Option<&'c Chunk>) -> Vec<(u32, u32)> {
    let mut total: Option<BTreeMap<u32, u32>> = None;
    for w in words {
        let mut best: BTreeMap<u32, u32> = BTreeMap::new();
        let mut add = |postings: &[u32], half: bool| {
            for pair in postings.chunks_exact(2) {
                let s = if half { pair[1] / 2 } else { pair[1] };
                let e = best.entry(pair[0]).or_insert(0);
                *e = (*e).max(s);
            }
        };
        if let Some(p) = chunk(&chunk_key(&w.term)).and_then(|c| c.get(&w.term)) {
            add(p, false);
        }
        if w.prefix && w.term.chars().count() >= 2 {
            let mut keys = vec![chunk_key(&w.term)];
            if chunk_key(&w.raw) != keys[0] {
                keys.push(chunk_key(&w.raw));
            }
            for key in keys {
                let Some(c) = chunk(&key) else { continue };
                for (t, p) in c {
                    let matches = t.starts_with(w.term.as_str())
                        || (w.raw.chars().count() >= 2 && t.starts_with(w.raw.as_str()));
                    if *t != w.term && matches {
                        add(p, true);
                    }
                }
            }
        }
        total = Some(match total {
            None => best,
            Some(prev) => prev
                .into_iter()
                .filter_map(|(d, s)| best.get(&d).map(|b| (d, s + b)))
                .collect(),
        });
    }
    let mut hits: Vec<(u32, u32)> = total.unwrap_or_default().into_iter().collect();
    hits.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    hits
}

// ---- the index -------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexPage {
    /// Output path (`a/b.html`).
    pub url: String,
    pub title: String,
    pub first_doc: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexDoc {
    pub page: u32,
    /// Heading, term or question label; empty for the top of a page.
    pub section: String,
    /// Element id to land on; empty for the top of a page.
    pub id: String,
    /// Plain text, for snippets.
    pub text: String,
}

/// What one document contributes, before scoring.
#[derive(Debug, Default, Clone)]
pub struct DocInput {
    pub section: String,
    pub id: String,
    /// Scored as a title (the page title, on the top-of-page document only).
    pub title: String,
    /// Scored as a heading (the section's heading or term).
    pub heading: String,
    /// Scored as body text, and kept for snippets.
    pub text: String,
}

#[derive(Debug, Default, Clone)]
pub struct Index {
    pub pages: Vec<IndexPage>,
    pub docs: Vec<IndexDoc>,
    pub chunks: BTreeMap<String, Chunk>,
}

impl Index {
    /// Adds a page and its documents (documents without any term are left out, except the
    /// first, which carries the page).
    pub fn add_page(&mut self, url: &str, title: &str, docs: Vec<DocInput>) {
        self.add_scored_page(url, title, docs.into_iter().map(score).collect());
    }

    /// `add_page` with each document's terms already scored (done in parallel by `index`).
    fn add_scored_page(&mut self, url: &str, title: &str, docs: Vec<ScoredDoc>) {
        let page = self.pages.len() as u32;
        self.pages.push(IndexPage {
            url: url.to_string(),
            title: title.to_string(),
            first_doc: self.docs.len() as u32,
        });
        for (i, (d, scores)) in docs.into_iter().enumerate() {
            if scores.is_empty() && i > 0 {
                continue;
            }
            let doc = self.docs.len() as u32;
            for (term, (title, heading, count)) in scores {
                let score =
                    u32::from(title) * TITLE + u32::from(heading) * HEADING + count.min(BODY_MAX);
                self.chunks
                    .entry(chunk_key(&term))
                    .or_default()
                    .entry(term)
                    .or_default()
                    .extend([doc, score]);
            }
            self.docs.push(IndexDoc {
                page,
                section: d.section,
                id: d.id,
                text: d.text,
            });
        }
    }

    /// Runs a query against the in-memory index.
    pub fn search(&self, query: &str) -> Vec<(u32, u32)> {
        rank(&parse_query(query), &|k| self.chunks.get(k))
    }

    /// The index files and the manifest's output path.
    pub fn files(&self) -> (String, Vec<OutputFile>) {
        let mut files = Vec::new();
        let mut chunk_files = BTreeMap::new();
        for (key, chunk) in &self.chunks {
            let body = format!("window.__sgSearchChunk({},{});\n", json(key), json(chunk));
            let hash = crate::render::fingerprint(body.as_bytes());
            files.push(output(&format!("{}.{hash}.js", file_key(key)), body));
            chunk_files.insert(key.as_str(), hash);
        }
        let mut texts = Vec::new();
        let mut start = 0;
        while start < self.docs.len() {
            let mut end = start;
            let mut bytes = 0;
            while end < self.docs.len() && (end == start || bytes < BUCKET_BYTES) {
                bytes += self.docs[end].text.len() + self.docs[end].section.len();
                end += 1;
            }
            let rows: Vec<(&str, &str, &str)> = self.docs[start..end]
                .iter()
                .map(|d| (d.section.as_str(), d.id.as_str(), d.text.as_str()))
                .collect();
            let n = texts.len();
            let body = format!("window.__sgSearchDocs({n},{});\n", json(&rows));
            let name = hashed(&format!("t{n}"), &body);
            texts.push((start as u32, name.clone()));
            files.push(output(&name, body));
            start = end;
        }
        #[derive(Serialize)]
        struct Manifest<'a> {
            chunks: &'a BTreeMap<&'a str, String>,
            pages: Vec<(&'a str, &'a str, u32)>,
            docs: usize,
            texts: &'a [(u32, String)],
        }
        let manifest = Manifest {
            chunks: &chunk_files,
            pages: self
                .pages
                .iter()
                .map(|p| (p.url.as_str(), p.title.as_str(), p.first_doc))
                .collect(),
            docs: self.docs.len(),
            texts: &texts,
        };
        let body = format!("window.__sgSearchManifest({});\n", json(&manifest));
        // Not fingerprinted: every page names the manifest, and an edit to one page must not
        // change every other page (serve's one-page rebuilds rely on that). The manifest is
        // small and names the fingerprinted chunks, which carry the caching.
        let name = "index.js".to_string();
        let path = format!("{DIR}/{name}");
        files.push(output(&name, body));
        (path, files)
    }
}

fn json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|_| "null".into())
        .replace("</", "<\\/")
}

fn hashed(stem: &str, body: &str) -> String {
    format!("{stem}.{}.js", crate::render::fingerprint(body.as_bytes()))
}

fn output(name: &str, body: String) -> OutputFile {
    OutputFile {
        path: format!("{DIR}/{name}"),
        bytes: body.into_bytes(),
    }
}

/// A chunk key as a file name: `a`-`z` and `0`-`9` as they are, anything else as `_` and
/// its code point in hex (`é` → `_e9`, `.` → `_2e`).
fn file_key(key: &str) -> String {
    key.chars()
        .map(|c| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                c.to_string()
            } else {
                format!("_{:x}", u32::from(c))
            }
        })
        .collect()
}

// ---- from the guide --------------------------------------------------------------------------

/// Builds the index of a rendered guide: pages in reading order, then the generated pages.
/// A document with its terms: (in the title, in the heading, count in the text).
type ScoredDoc = (DocInput, BTreeMap<String, (bool, bool, u32)>);

fn score(d: DocInput) -> ScoredDoc {
    let mut scores: BTreeMap<String, (bool, bool, u32)> = BTreeMap::new();
    for t in terms(&d.title) {
        scores.entry(t).or_default().0 = true;
    }
    for t in terms(&d.heading) {
        scores.entry(t).or_default().1 = true;
    }
    for t in terms(&d.text) {
        scores.entry(t).or_default().2 += 1;
    }
    (d, scores)
}

pub fn index(guide: &Guide) -> Index {
    let mut order = guide.order.clone();
    order.extend((0..guide.pages.len()).filter(|i| !guide.order.contains(i)));
    // Splitting pages into sections and scoring their terms is per page: in parallel.
    let docs: Vec<Vec<ScoredDoc>> = order
        .par_iter()
        .map(|&i| page_docs(&guide.pages[i]).into_iter().map(score).collect())
        .collect();
    let mut index = Index::default();
    for (&i, docs) in order.iter().zip(docs) {
        let p = &guide.pages[i];
        index.add_scored_page(&p.out, &p.src.front.title, docs);
    }
    for (url, title) in [
        ("coverage.html", "Coverage matrix"),
        ("progress.html", "Your progress"),
        ("practice.html", "Practice exam"),
    ] {
        let top = DocInput {
            title: title.into(),
            ..DocInput::default()
        };
        index.add_page(url, title, vec![top]);
    }
    index
}

/// The manifest's output path and every index file, for the renderer.
pub fn output_files(guide: &Guide) -> (String, Vec<OutputFile>) {
    index(guide).files()
}

/// One section of a rendered page: the heading or term that starts it (with its id; both
/// empty for the part before the first heading) and its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    pub id: String,
    pub heading: String,
    pub text: String,
}

/// Elements whose boundaries separate words (`Rendered.text` runs list items and table cells
/// together: `memory.Amazon`, `causeFixS3`).
const SPACED: &[&str] = &[
    "p",
    "br",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "tr",
    "td",
    "th",
    "table",
    "thead",
    "tbody",
    "div",
    "pre",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "sup",
    "section",
    "details",
    "summary",
    "figure",
    "figcaption",
];

/// Splits rendered HTML into sections at each heading and definition term with an id (as
/// `markdown` writes them), as plain text: tags dropped (with a space for block elements),
/// entities decoded, the self-links of headings and the contents of `script` and `style` left
/// out, whitespace collapsed.
pub fn sections(html: &str) -> Vec<Section> {
    let mut out = vec![Section::default()];
    // Closing tag of the heading being read, and whether a self-link is being skipped.
    let mut heading: Option<String> = None;
    let mut skip_until: Option<&str> = None;
    let mut text = String::new();
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            text.push_str(rest);
            break;
        };
        if skip_until.is_none() {
            text.push_str(&rest[..lt]);
        }
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if let Some(end) = skip_until {
            if closing && name == end {
                skip_until = None;
            }
            continue;
        }
        if !closing && (name == "script" || name == "style") {
            skip_until = Some(if name == "script" { "script" } else { "style" });
            continue;
        }
        if !closing && name == "a" && tag.contains("class=\"self-link\"") {
            skip_until = Some("a");
            continue;
        }
        let is_titled = name == "dt"
            || (name.len() == 2
                && name.starts_with('h')
                && name[1..].chars().all(|c| ('1'..='6').contains(&c)));
        if is_titled && !closing && heading.is_none() {
            if let Some(id) = attr(tag, "id") {
                flush(&mut text, &mut out);
                out.push(Section {
                    id: unescape(id),
                    ..Section::default()
                });
                heading = Some(name);
                continue;
            }
        }
        if closing && heading.as_deref() == Some(name.as_str()) {
            heading = None;
            if let Some(last) = out.last_mut() {
                last.heading = collapse(&unescape(&text));
            }
            text.clear();
            continue;
        }
        if SPACED.contains(&name.as_str()) {
            text.push(' ');
        }
    }
    flush(&mut text, &mut out);
    out
}

fn flush(text: &mut String, out: &mut [Section]) {
    if let Some(last) = out.last_mut() {
        let t = collapse(&unescape(text));
        if !t.is_empty() {
            if !last.text.is_empty() {
                last.text.push(' ');
            }
            last.text.push_str(&t);
        }
    }
    text.clear();
}

/// The value of `name="…"` in a tag's source.
fn attr<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    tag[start..].split('"').next()
}

/// Decodes the entities that HTML writers produce: the five escapes, `&nbsp;` and numeric ones.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let decoded = rest.find(';').filter(|&e| e <= 10).and_then(|e| {
            let c = match &rest[1..e] {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                n => n
                    .strip_prefix("#x")
                    .or_else(|| n.strip_prefix("#X"))
                    .map(|h| u32::from_str_radix(h, 16))
                    .or_else(|| n.strip_prefix('#').map(str::parse))
                    .and_then(Result::ok)
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Runs of whitespace become one space.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Plain text of a Markdown snippet (a question prompt).
fn plain(md: &str) -> String {
    let resolve = |_: &str| Ok(crate::links::Resolved::External);
    let cx = crate::markdown::Context {
        display: "",
        file: md,
        base: 0,
        resolve: &resolve,
        fixed_offset: None,
        glossary: None,
    };
    let html = crate::markdown::render(md, &cx, &mut Vec::new()).html;
    let parts: Vec<String> = sections(&html)
        .into_iter()
        .flat_map(|s| [s.heading, s.text])
        .filter(|t| !t.is_empty())
        .collect();
    parts.join(" ")
}

/// The documents of one page: its top (with the title and description), its sections and its
/// questions.
fn page_docs(page: &Page) -> Vec<DocInput> {
    let mut docs = Vec::new();
    for (i, s) in sections(&page.body.html).into_iter().enumerate() {
        if i == 0 {
            let description = &page.src.front.description;
            docs.push(DocInput {
                title: page.src.front.title.clone(),
                text: collapse(&format!("{description} {}", s.text)),
                ..DocInput::default()
            });
        } else {
            docs.push(DocInput {
                section: s.heading.clone(),
                id: s.id,
                heading: s.heading,
                text: s.text,
                ..DocInput::default()
            });
        }
    }
    for (n, q) in page.src.quizzes.iter().enumerate() {
        question_docs(q, &(n + 1).to_string(), &mut docs);
    }
    docs
}

fn question_docs(q: &Question, number: &str, docs: &mut Vec<DocInput>) {
    let label = format!("Question {number}");
    let anchor = crate::check::quiz_anchor(&q.id);
    match &q.kind {
        QuestionKind::CaseStudy {
            scenario,
            questions,
        } => {
            docs.push(DocInput {
                section: format!("{label} (case study)"),
                id: anchor,
                text: collapse(&format!("{} {}", plain(scenario), plain(&q.prompt))),
                ..DocInput::default()
            });
            for (i, sub) in questions.iter().enumerate() {
                question_docs(sub, &format!("{number}.{}", i + 1), docs);
            }
        }
        _ => docs.push(DocInput {
            section: label,
            id: anchor,
            text: plain(&q.prompt),
            ..DocInput::default()
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cases shared with `tests/js/search.test.js`, which reads them from this file: keep the
    /// JSON between the markers valid.
    pub const SHARED_CASES: &str = r#"/*search-cases*/{
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
  "keys": [["kinesi", "ki"], ["s3", "s3"], ["b", "b"], ["été", "ét"]],
  "sample_chunks": {
    "2x": {"2xlarge": [4, 1]},
    "ag": {"again": [2, 1]},
    "by": {"byoc": [4, 1]},
    "da": {"data": [2, 1]},
    "de": {"deliv": [2, 1, 3, 1]},
    "fi": {"firehos": [2, 1, 3, 100]},
    "ho": {"hold": [1, 1]},
    "in": {"ingest": [0, 1], "instanc": [4, 100]},
    "ki": {"kinesi": [0, 1000, 2, 2, 3, 100]},
    "la": {"lake": [2, 1]},
    "p3": {"p3": [4, 1], "p3.2xlarge": [4, 1]},
    "re": {"record": [0, 1, 1, 1]},
    "s3": {"s3": [2, 2]},
    "sh": {"shard": [1, 101]},
    "st": {"storag": [2, 1000], "stream": [0, 1000, 3, 1]},
    "tr": {"train": [4, 1]},
    "us": {"use": [2, 1]}
  }
}/*search-cases*/"#;

    fn cases() -> serde_json::Value {
        serde_json::from_str(SHARED_CASES.trim_matches(|c| c != '{' && c != '}')).unwrap()
    }

    #[test]
    fn tokenizer_matches_shared_cases() {
        for case in cases()["terms"].as_array().unwrap() {
            let text = case[0].as_str().unwrap();
            let want: Vec<&str> = case[1]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            assert_eq!(terms(text), want, "terms of {text:?}");
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
        for case in c["keys"].as_array().unwrap() {
            assert_eq!(
                chunk_key(case[0].as_str().unwrap()),
                case[1].as_str().unwrap()
            );
        }
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

    fn sample() -> Index {
        let mut index = Index::default();
        index.add_page(
            "streaming.html",
            "Kinesis streaming",
            vec![
                DocInput {
                    title: "Kinesis streaming".into(),
                    text: "Ingest records.".into(),
                    ..DocInput::default()
                },
                doc("Shards", "Shards", "A shard holds records."),
            ],
        );
        index.add_page(
            "storage.html",
            "Storage",
            vec![
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
        );
        index
    }

    #[test]
    fn sample_index_is_the_one_the_js_tests_rank() {
        let want: BTreeMap<String, Chunk> =
            serde_json::from_value(cases()["sample_chunks"].clone()).unwrap();
        assert_eq!(sample().chunks, want);
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
        let mut index = sample();
        assert_eq!(index.docs.len(), 5);
        index.add_page("x.html", "", vec![DocInput::default()]);
        assert_eq!(index.pages[2].first_doc, 5);
        assert_eq!(index.docs.len(), 6);
    }

    #[test]
    fn files_are_deterministic_and_named_by_key_and_hash() {
        let (manifest, files) = sample().files();
        let (again, files2) = sample().files();
        assert_eq!(manifest, again);
        assert_eq!(
            files.iter().map(|f| &f.bytes).collect::<Vec<_>>(),
            files2.iter().map(|f| &f.bytes).collect::<Vec<_>>()
        );
        assert_eq!(manifest, "assets/search/index.js");
        let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert!(names.iter().any(|n| n.starts_with("assets/search/ki.")));
        assert!(names.iter().any(|n| n.starts_with("assets/search/t0.")));
        let ki = files
            .iter()
            .find(|f| f.path.starts_with("assets/search/ki."))
            .unwrap();
        assert!(String::from_utf8_lossy(&ki.bytes)
            .starts_with("window.__sgSearchChunk(\"ki\",{\"kinesi\":[0,1000,2,2,3,100]"));
        assert_eq!(file_key("é."), "_e9_2e");
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
}
