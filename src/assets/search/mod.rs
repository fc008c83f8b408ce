//! Search: a build-time index over page titles, section headings, definition terms (the
//! glossary), body text and question prompts, written as small scripts that the browser loads
//! with `<script>` (so search works from `file://`, without `fetch`).
//!
//! Output, all under `assets/search/`, every name but the manifest's carrying one fingerprint
//! of the whole index (`<h>`):
//! - `index.js`, the manifest: `window.__sgSearchManifest({"h":…,"n":docs,"terms":[…],
//!   "docs":[…]})`: the key of each term chunk and the first document of each document chunk.
//!   A few hundred bytes to a few KB, whatever the size of the guide.
//! - `<key>.<h>.js`, term chunks: `window.__sgSearchChunk("key","term postings term …")`. The
//!   terms of the whole guide, sorted, are cut into runs of about [`TERM_CHUNK_BYTES`]; a
//!   chunk's key is the shortest prefix of its first term that sorts after the previous
//!   chunk's last term (`ki`, `mod`, `s3`), so a term lives in the chunk with the last key at
//!   or before it, and the terms with a prefix in that chunk and the following ones whose keys
//!   start with the prefix ([`chunk_key`], [`prefix_keys`]). Cuts prefer short keys, so a
//!   family of terms (`model`, `modeling`) rarely straddles two chunks. Key characters other
//!   than `a-z0-9` are written `_<hex>_` in file names.
//! - `d-<n>.<h>.js`, document chunks: `window.__sgSearchDocs(n,[[url,title,[[section,id,text],
//!   …]],…])`: consecutive documents, about [`DOC_CHUNK_BYTES`] each, with the URL and title of
//!   their pages: what a result shows (page title, section, snippet) and where it lands.
//!
//! Postings are a string per term: for each document, in ascending order, one number (the gap
//! to the previous document times 84 plus the score class: in the title, in a heading, body
//! count up to 20) as base-64 digits of 5 bits, low digits first, a digit of 32 or more
//! meaning that more follow ([`encode_postings`]; most postings take two characters).
//!
//! A query needs the manifest, the chunk of each query word (a word being typed needs every
//! chunk that can hold a term starting with it) and the document chunks of the results it
//! shows. The tokenizer and the query logic below exist twice, here (the index, and the tests)
//! and in `themes/default/static/search.js` (the browser); `tests/js/search.test.js` runs the
//! same cases as the tests here, and `tests/search.rs` runs both on a built guide.
//!
//! A document is a section of a page: the part before its first heading (which also carries
//! the page title and description), each heading or definition term up to the next one, and
//! each question prompt. Sections are cut from the page's rendered HTML at the headings and
//! terms that `markdown` wrote with their ids; the text comes from the same HTML rather than
//! `Rendered.text`, which runs list items and table cells together (`memory.Amazon`).
//!
//! Building is per page and in parallel (sections, tokens, stems, scores: a per-thread cache
//! maps each distinct word to its terms once), then per first byte of the terms, also in
//! parallel (merging the pages' postings); the files are written from there.

use crate::model::{Guide, Page};
use crate::source::quiz::{Question, QuestionKind};
use crate::write::OutputFile;
use rayon::prelude::*;
use serde::Serialize;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

/// Key of the manifest in the renderer's asset map (`assets["search-index.js"]` in templates).
pub const MANIFEST_ASSET: &str = "search-index.js";
/// Folder of the index files in the output.
pub const DIR: &str = "assets/search";
/// Where the manifest is written (not fingerprinted: see `Index::files`).
pub const MANIFEST_PATH: &str = "assets/search/index.js";
/// A term chunk is cut when its terms and postings would pass this many bytes.
pub const TERM_CHUNK_BYTES: usize = 16 * 1024;
/// A document chunk is cut when its documents would pass this many bytes.
///
/// The budgets trade bytes per query against files per build. A one-word query loads the
/// manifest, its term chunk (two if a word being typed straddles a cut) and the document
/// chunks of its ten results, which are mostly ten different ones: about
/// `TERM_CHUNK_BYTES + 10 * DOC_CHUNK_BYTES` at worst. The number of files is about the
/// index's size over these budgets, and documents (with their whole text, so that a snippet
/// can show any match) are most of the index. On the 1,000-page synthetic guide, 8 KB
/// document chunks load 87–107 KB a query from about 1,070 files, 10 KB 90–120 KB from 790,
/// 16 KB 90–170 KB (over the 150 KB target) from 540; each file costs about a millisecond to
/// write there.
pub const DOC_CHUNK_BYTES: usize = 10 * 1024;

/// Score of a term in a document: a title hit beats any heading hit beats any body count.
const TITLE: u32 = 1000;
const HEADING: u32 = 100;
const BODY_MAX: u32 = 20;
/// Score classes: (in title, in heading, body count 0..=20).
const CLASSES: u32 = 4 * (BODY_MAX + 1);

/// Words too common to index (a query may still end with one as a prefix).
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "its", "of",
    "on", "or", "that", "the", "this", "to", "with",
];

// ---- tokenizer -------------------------------------------------------------------------------

/// A word of a text: byte range and the text as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) text: &'a str,
}

/// Calls `f(start, end)` for each word of `text`: runs of letters and digits, with `.`, `_`
/// and apostrophes kept between two of them (`p3.2xlarge`, `max_depth`, `model's`).
fn each_token(text: &str, mut f: impl FnMut(usize, usize)) {
    let b = text.as_bytes();
    // (is a word character, is a joiner, length in bytes) of the character at `i`.
    let class = |i: usize| -> (bool, bool, usize) {
        let c = b[i];
        if c < 0x80 {
            (
                c.is_ascii_alphanumeric(),
                matches!(c, b'.' | b'_' | b'\''),
                1,
            )
        } else {
            let ch = text[i..].chars().next().unwrap_or(' ');
            (ch.is_alphanumeric(), ch == '\u{2019}', ch.len_utf8())
        }
    };
    let mut i = 0;
    while i < b.len() {
        let (word, _, len) = class(i);
        if !word {
            i += len;
            continue;
        }
        let start = i;
        i += len;
        loop {
            while i < b.len() && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            if i >= b.len() {
                break;
            }
            let (word, joiner, len) = class(i);
            if word || (joiner && i + len < b.len() && class(i + len).0) {
                i += len;
            } else {
                break;
            }
        }
        f(start, i);
    }
}

/// Splits text into words: runs of letters and digits, with `.`, `_` and apostrophes kept
/// between two of them.
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    each_token(text, |start, end| {
        out.push(Token {
            start,
            end,
            text: &text[start..end],
        })
    });
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
    pub(crate) term: String,
    pub(crate) raw: String,
    pub(crate) prefix: bool,
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

/// The chunk that holds `term` (if any does): the last key at or before it, else the first.
/// `keys` are the manifest's, sorted.
pub fn chunk_key<'k>(keys: &'k [String], term: &str) -> Option<&'k str> {
    let after = keys.partition_point(|k| k.as_str() <= term);
    keys.get(after.saturating_sub(1)).map(String::as_str)
}

/// The chunks that can hold a term starting with `prefix`: its own chunk and the following
/// ones whose keys start with it.
pub fn prefix_keys<'k>(keys: &'k [String], prefix: &str) -> Vec<&'k str> {
    let first = keys
        .partition_point(|k| k.as_str() <= prefix)
        .saturating_sub(1);
    let mut out: Vec<&str> = keys.get(first).map(String::as_str).into_iter().collect();
    out.extend(
        keys.iter()
            .skip(first + 1)
            .take_while(|k| k.starts_with(prefix))
            .map(String::as_str),
    );
    out
}

/// Whether a word is matched as a prefix: only while typed, and from two characters.
fn expands(w: &Word) -> bool {
    w.prefix && w.term.chars().count() >= 2
}

/// The chunks one word needs, in key order.
fn word_keys<'k>(keys: &'k [String], w: &Word) -> Vec<&'k str> {
    let mut out: Vec<&str> = chunk_key(keys, &w.term).into_iter().collect();
    if expands(w) {
        out.extend(prefix_keys(keys, &w.term));
        if w.raw.chars().count() >= 2 {
            out.extend(prefix_keys(keys, &w.raw));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The chunk keys a query needs, sorted.
pub fn needed_chunks(words: &[Word], keys: &[String]) -> Vec<String> {
    let set: BTreeSet<&str> = words.iter().flat_map(|w| word_keys(keys, w)).collect();
    set.into_iter().map(String::from).collect()
}

/// Documents matching every word, best first: `(doc, score)`. An exact term match scores
/// the term's score, a prefix match half of it (prefixes need two characters); a document's
/// score is the sum over the words of its best match. `chunk` gives the loaded chunks by key.
pub fn rank<'c>(
    words: &[Word],
    keys: &[String],
    chunk: &dyn Fn(&str) -> Option<&'c Chunk>,
) -> Vec<(u32, u32)> {
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
        let own = chunk_key(keys, &w.term).and_then(chunk);
        if let Some(p) = own.and_then(|c| c.get(&w.term)) {
            add(p, false);
        }
        if expands(w) {
            let raw_ok = w.raw.chars().count() >= 2;
            for key in word_keys(keys, w) {
                let Some(c) = chunk(key) else { continue };
                for (t, p) in c {
                    let matches =
                        t.starts_with(w.term.as_str()) || (raw_ok && t.starts_with(w.raw.as_str()));
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

// ---- postings --------------------------------------------------------------------------------

/// Base-64 digits, none of which needs escaping in a JSON string.
const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The score class of a document's counts for a term, and back.
fn class(title: bool, heading: bool, count: u32) -> u32 {
    u32::from(title) * 2 * (BODY_MAX + 1)
        + u32::from(heading) * (BODY_MAX + 1)
        + count.min(BODY_MAX)
}

fn class_score(class: u32) -> u32 {
    let (flags, count) = (class / (BODY_MAX + 1), class % (BODY_MAX + 1));
    (flags / 2) * TITLE + (flags % 2) * HEADING + count
}

/// The class of a score made by `class_score` (`None` for any other number).
fn score_class(score: u32) -> Option<u32> {
    let (title, rest) = (score / TITLE, score % TITLE);
    let (heading, count) = (rest / HEADING, rest % HEADING);
    (title <= 1 && heading <= 1 && count <= BODY_MAX)
        .then(|| class(title == 1, heading == 1, count))
}

/// A term's postings as they are written, built one document at a time.
#[derive(Debug, Default, Clone)]
struct Postings {
    /// The next document number that costs a gap of 0.
    next: u32,
    text: String,
}

impl Postings {
    fn push(&mut self, doc: u32, class: u32) {
        let mut v = u64::from(doc - self.next) * u64::from(CLASSES) + u64::from(class);
        self.next = doc + 1;
        loop {
            let digit = (v & 31) as usize;
            v >>= 5;
            if v == 0 {
                self.text.push(DIGITS[digit] as char);
                return;
            }
            self.text.push(DIGITS[digit | 32] as char);
        }
    }
}

/// `[doc, score, …]` (documents ascending, scores as `rank` sees them) as written in a chunk.
/// `None` if the documents are not ascending or a score is not one the index makes.
pub fn encode_postings(postings: &[u32]) -> Option<String> {
    let mut p = Postings::default();
    for pair in postings.chunks_exact(2) {
        if pair[0] < p.next && !p.text.is_empty() {
            return None;
        }
        p.push(pair[0], score_class(pair[1])?);
    }
    Some(p.text)
}

/// The postings of a chunk's term, `[doc, score, …]`; `None` if `text` is not postings.
pub fn decode_postings(text: &str) -> Option<Vec<u32>> {
    let mut out = Vec::new();
    let (mut next, mut v, mut shift) = (0u64, 0u64, 0u32);
    for b in text.bytes() {
        let digit = DIGITS.iter().position(|&d| d == b)? as u64;
        v |= (digit & 31).checked_shl(shift)?;
        shift += 5;
        if digit < 32 {
            let doc = next + v / u64::from(CLASSES);
            out.push(u32::try_from(doc).ok()?);
            out.push(class_score((v % u64::from(CLASSES)) as u32));
            next = doc + 1;
            (v, shift) = (0, 0);
        } else if shift > 60 {
            return None;
        }
    }
    (shift == 0).then_some(out)
}

/// The terms of a written chunk (`"term postings term postings …"`).
pub fn decode_chunk(text: &str) -> Option<Chunk> {
    let mut out = Chunk::new();
    let mut it = text.split(' ').filter(|s| !s.is_empty());
    while let Some(term) = it.next() {
        out.insert(term.to_string(), decode_postings(it.next()?)?);
    }
    Some(out)
}

// ---- the index -------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct IndexPage {
    /// Output path (`a/b.html`).
    pub(crate) url: String,
    pub(crate) title: String,
    pub(crate) first_doc: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct IndexDoc {
    pub(crate) page: u32,
    /// Heading, term or question label; empty for the top of a page.
    pub(crate) section: String,
    /// Element id to land on; empty for the top of a page.
    pub(crate) id: String,
    /// Plain text, for snippets.
    pub(crate) text: String,
}

/// What one document contributes, before scoring.
#[derive(Debug, Default, Clone)]
pub(crate) struct DocInput {
    pub(crate) section: String,
    pub(crate) id: String,
    /// Scored as a title (the page title, on the top-of-page document only).
    pub(crate) title: String,
    /// Scored as a heading (the section's heading or term).
    pub(crate) heading: String,
    /// Scored as body text, and kept for snippets.
    pub(crate) text: String,
}

/// A page to index: its URL, title and documents, the first being the top of the page.
/// Documents without any term are left out, except the first, which carries the page.
#[derive(Debug, Default, Clone)]
pub(crate) struct PageInput {
    pub(crate) url: String,
    pub(crate) title: String,
    pub(crate) docs: Vec<DocInput>,
}

#[derive(Debug, Default, Clone)]
pub(crate) struct Index {
    pub(crate) pages: Vec<IndexPage>,
    pub(crate) docs: Vec<IndexDoc>,
    /// Every term, sorted, with its postings as written ([`encode_postings`]).
    pub(crate) terms: Vec<(String, String)>,
}

/// A small, fast hash for the per-thread word cache (its keys are short words).
#[derive(Default, Clone, Copy)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut h = self.0;
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut word = [0u8; 8];
            word.copy_from_slice(w);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
        self.0 = h;
    }

    fn write_u8(&mut self, b: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn write_u128(&mut self, v: u128) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let h = (self.0.rotate_left(5) ^ v as u64).wrapping_mul(K);
        self.0 = (h.rotate_left(5) ^ (v >> 64) as u64).wrapping_mul(K);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

const IN_TITLE: u32 = 1 << 31;
const IN_HEADING: u32 = 1 << 30;
const COUNT: u32 = IN_HEADING - 1;
/// The word cache is dropped when it holds more words than this (memory stays bounded).
const CACHE_WORDS: usize = 1 << 21;

/// Per-thread state of the indexer: words already seen and their terms, by number, and the
/// counts of the document being scored. Terms are numbered per thread; only their text
/// leaves it, so the index does not depend on which thread did what.
#[derive(Default)]
struct Scratch {
    /// A word as written -> the range of its term numbers in `ids` (none for a stop word):
    /// words of up to 15 bytes by [`short_word`], longer ones by their text.
    short_words: WordMap<u128, (u32, u32)>,
    words: WordMap<Box<str>, (u32, u32)>,
    ids: Vec<u32>,
    names: Vec<Box<str>>,
    numbers: WordMap<Box<str>, u32>,
    /// Per term number: title and heading flags and body count in the current document.
    acc: Vec<u32>,
    /// Per term number: 1 + its number on the current page (0: not on it).
    on_page: Vec<u32>,
}

/// A word of up to 15 bytes as one number (its bytes, then its length in the last byte):
/// compared and hashed without touching memory elsewhere.
fn short_word(word: &str) -> Option<u128> {
    let b = word.as_bytes();
    if b.len() > 15 {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..b.len()].copy_from_slice(b);
    buf[15] = b.len() as u8;
    Some(u128::from_le_bytes(buf))
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Scratch {
    fn number(&mut self, term: String) -> u32 {
        if let Some(&n) = self.numbers.get(term.as_str()) {
            return n;
        }
        let n = self.names.len() as u32;
        let term: Box<str> = term.into();
        self.names.push(term.clone());
        self.numbers.insert(term, n);
        self.acc.push(0);
        self.on_page.push(0);
        n
    }

    /// The term numbers of a word as written.
    fn word(&mut self, word: &str) -> (u32, u32) {
        let short = short_word(word);
        let known = match short {
            Some(key) => self.short_words.get(&key),
            None => self.words.get(word),
        };
        if let Some(&range) = known {
            return range;
        }
        let start = self.ids.len() as u32;
        if let Some(term) = normalize(word) {
            let parts = parts(&term);
            let n = self.number(term);
            self.ids.push(n);
            for p in parts {
                let n = self.number(p);
                self.ids.push(n);
            }
        }
        let range = (start, self.ids.len() as u32);
        match short {
            Some(key) => self.short_words.insert(key, range),
            None => self.words.insert(word.into(), range),
        };
        range
    }

    /// Counts the terms of `text` into `acc` (`flag`: title or heading; 0: body), noting
    /// each term's first touch in the document in `touched`.
    fn scan(&mut self, text: &str, flag: u32, touched: &mut Vec<u32>) {
        each_token(text, |s, e| {
            let (a, b) = self.word(&text[s..e]);
            for k in a..b {
                let n = self.ids[k as usize] as usize;
                let acc = &mut self.acc[n];
                if *acc == 0 {
                    touched.push(n as u32);
                }
                if flag == 0 {
                    if *acc & COUNT < BODY_MAX {
                        *acc += 1;
                    }
                } else {
                    *acc |= flag;
                }
            }
        });
    }
}

/// One page, indexed: its documents and its terms (sorted) with their postings by the
/// page's own document numbers.
struct PageOut {
    url: String,
    title: String,
    /// The documents kept: section, id, text.
    docs: Vec<(String, String, String)>,
    /// The page's terms end to end, grouped by their first byte (in byte order).
    names: String,
    /// Per term: its range in `names` and in `postings`.
    terms: Vec<(u32, u32, u32, u32)>,
    /// Page document number << 7 | score class.
    postings: Vec<u32>,
    /// The terms of each first byte: (byte, range in `terms`).
    runs: Vec<(u8, u32, u32)>,
}

impl PageOut {
    fn term(&self, i: usize) -> &str {
        let t = self.terms[i];
        &self.names[t.0 as usize..t.1 as usize]
    }
}

fn index_page(page: PageInput) -> PageOut {
    SCRATCH.with(|cell| {
        let mut guard = cell.borrow_mut();
        let s = &mut *guard;
        if s.words.len() + s.short_words.len() > CACHE_WORDS {
            *s = Scratch::default();
        }
        let mut docs = Vec::new();
        // Term numbers in order of first use on the page, and (page term, posting) pairs.
        let mut page_terms: Vec<u32> = Vec::new();
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        let mut touched = Vec::new();
        let mut inputs = page.docs;
        if inputs.is_empty() {
            inputs.push(DocInput::default());
        }
        for (i, d) in inputs.into_iter().enumerate() {
            touched.clear();
            s.scan(&d.title, IN_TITLE, &mut touched);
            s.scan(&d.heading, IN_HEADING, &mut touched);
            s.scan(&d.text, 0, &mut touched);
            if touched.is_empty() && i > 0 {
                continue;
            }
            let doc = docs.len() as u32;
            for &n in &touched {
                let acc = std::mem::take(&mut s.acc[n as usize]);
                let c = class(acc & IN_TITLE != 0, acc & IN_HEADING != 0, acc & COUNT);
                let slot = &mut s.on_page[n as usize];
                if *slot == 0 {
                    page_terms.push(n);
                    *slot = page_terms.len() as u32;
                }
                pairs.push((*slot - 1, doc << 7 | c));
            }
            docs.push((d.section, d.id, d.text));
        }
        // The page's terms grouped by their first byte (the merge works per first byte and
        // sorts there), and their postings grouped by term (a stable counting sort keeps
        // documents ascending).
        let firsts: Vec<u8> = page_terms
            .iter()
            .map(|&n| s.names[n as usize].as_bytes()[0])
            .collect();
        let first = |o: u32| firsts[o as usize];
        let mut at = [0u32; 257];
        for &b in &firsts {
            at[b as usize + 1] += 1;
        }
        for i in 1..at.len() {
            at[i] += at[i - 1];
        }
        let mut order = vec![0u32; firsts.len()];
        for (o, &b) in firsts.iter().enumerate() {
            order[at[b as usize] as usize] = o as u32;
            at[b as usize] += 1;
        }
        let mut rank = vec![0u32; order.len()];
        for (r, &o) in order.iter().enumerate() {
            rank[o as usize] = r as u32;
        }
        let mut starts = vec![0u32; order.len() + 1];
        for &(t, _) in &pairs {
            starts[rank[t as usize] as usize + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut fill = starts.clone();
        let mut postings = vec![0u32; pairs.len()];
        for &(t, p) in &pairs {
            let r = rank[t as usize] as usize;
            postings[fill[r] as usize] = p;
            fill[r] += 1;
        }
        let mut names = String::new();
        let mut terms = Vec::with_capacity(order.len());
        let mut runs: Vec<(u8, u32, u32)> = Vec::new();
        for (r, &o) in order.iter().enumerate() {
            let byte = first(o);
            match runs.last_mut() {
                Some(run) if run.0 == byte => run.2 += 1,
                _ => runs.push((byte, r as u32, r as u32 + 1)),
            }
            let n = page_terms[o as usize] as usize;
            let start = names.len() as u32;
            names.push_str(&s.names[n]);
            terms.push((start, names.len() as u32, starts[r], starts[r + 1]));
            s.on_page[n] = 0;
        }
        PageOut {
            url: page.url,
            title: page.title,
            docs,
            names,
            terms,
            postings,
            runs,
        }
    })
}

impl Index {
    #[cfg(test)]
    /// Indexes pages (in parallel), in the order given.
    pub(crate) fn build(pages: Vec<PageInput>) -> Index {
        Index::assemble(pages.into_par_iter().map(index_page).collect())
    }

    /// Numbers the documents of indexed pages and merges their terms: per first byte of the
    /// terms, in parallel.
    fn assemble(outs: Vec<PageOut>) -> Index {
        let mut first_doc = Vec::with_capacity(outs.len());
        let mut n = 0u32;
        // Per first byte: (page, range of its terms).
        let mut by_byte: Vec<Vec<(u32, u32, u32)>> = vec![Vec::new(); 256];
        for (p, o) in outs.iter().enumerate() {
            first_doc.push(n);
            n += o.docs.len() as u32;
            for &(b, start, end) in &o.runs {
                by_byte[b as usize].push((p as u32, start, end));
            }
        }
        let merged: Vec<Vec<(String, String)>> = by_byte
            .par_iter()
            .filter(|runs| !runs.is_empty())
            .map(|runs| {
                let mut map: WordMap<&str, Postings> = WordMap::default();
                for &(p, start, end) in runs {
                    let (o, first) = (&outs[p as usize], first_doc[p as usize]);
                    for i in start as usize..end as usize {
                        let t = o.terms[i];
                        let postings = map.entry(o.term(i)).or_default();
                        for &x in &o.postings[t.2 as usize..t.3 as usize] {
                            postings.push(first + (x >> 7), x & 127);
                        }
                    }
                }
                let mut terms: Vec<(&str, Postings)> = map.into_iter().collect();
                terms.sort_unstable_by(|a, b| a.0.cmp(b.0));
                terms
                    .into_iter()
                    .map(|(t, p)| (t.to_string(), p.text))
                    .collect()
            })
            .collect();
        let mut index = Index {
            pages: Vec::with_capacity(outs.len()),
            docs: Vec::with_capacity(n as usize),
            terms: merged.into_iter().flatten().collect(),
        };
        for (o, first) in outs.into_iter().zip(first_doc) {
            let page = index.pages.len() as u32;
            index.pages.push(IndexPage {
                url: o.url,
                title: o.title,
                first_doc: first,
            });
            index
                .docs
                .extend(o.docs.into_iter().map(|(section, id, text)| IndexDoc {
                    page,
                    section,
                    id,
                    text,
                }));
        }
        index
    }

    #[cfg(test)]
    /// Every term's postings, decoded (`[doc, score, …]`).
    pub(crate) fn postings(&self) -> Chunk {
        self.terms
            .iter()
            .map(|(t, p)| (t.clone(), decode_postings(p).unwrap_or_default()))
            .collect()
    }

    #[cfg(test)]
    /// Runs a query against the in-memory index.
    pub(crate) fn search(&self, query: &str) -> Vec<(u32, u32)> {
        let all = self.postings();
        rank(&parse_query(query), &[String::new()], &|_| Some(&all))
    }

    /// The index files and the manifest's output path.
    pub(crate) fn files(&self) -> (String, Vec<OutputFile>) {
        self.files_with(TERM_CHUNK_BYTES, DOC_CHUNK_BYTES)
    }

    /// The index files, with term and document chunks of about the given sizes.
    pub(crate) fn files_with(
        &self,
        term_bytes: usize,
        doc_bytes: usize,
    ) -> (String, Vec<OutputFile>) {
        let cuts = cut_terms(&self.terms, term_bytes);
        let term_bodies: Vec<String> = (0..cuts.len())
            .into_par_iter()
            .map(|i| {
                let end = cuts.get(i + 1).map_or(self.terms.len(), |c| c.1);
                let mut list = String::new();
                for (t, p) in &self.terms[cuts[i].1..end] {
                    if !list.is_empty() {
                        list.push(' ');
                    }
                    list.push_str(t);
                    list.push(' ');
                    list.push_str(p);
                }
                let mut body = String::from("window.__sgSearchChunk(");
                push_json(&mut body, &cuts[i].0);
                body.push(',');
                push_json(&mut body, &list);
                body.push_str(");\n");
                body
            })
            .collect();
        let starts = self.cut_docs(doc_bytes);
        let doc_bodies: Vec<String> = (0..starts.len())
            .into_par_iter()
            .map(|i| {
                let end = starts.get(i + 1).map_or(self.docs.len(), |&e| e as usize);
                self.doc_chunk(i, starts[i] as usize, end)
            })
            .collect();
        // One fingerprint names every file: a change anywhere renames them all, so a browser
        // never mixes files of two builds.
        let prints: Vec<String> = term_bodies
            .par_iter()
            .chain(doc_bodies.par_iter())
            .map(|b| crate::assets::fingerprint::fingerprint(b.as_bytes()))
            .collect();
        let hash = crate::assets::fingerprint::fingerprint(prints.concat().as_bytes());
        let mut files = Vec::with_capacity(term_bodies.len() + doc_bodies.len() + 1);
        for ((key, _), body) in cuts.iter().zip(term_bodies) {
            files.push(output(&format!("{}.{hash}.js", file_key(key)), body));
        }
        for (i, body) in doc_bodies.into_iter().enumerate() {
            files.push(output(&format!("d-{i}.{hash}.js"), body));
        }
        #[derive(Serialize)]
        struct Manifest<'a> {
            h: &'a str,
            n: usize,
            terms: Vec<&'a str>,
            docs: &'a [u32],
        }
        let manifest = Manifest {
            h: &hash,
            n: self.docs.len(),
            terms: cuts.iter().map(|c| c.0.as_str()).collect(),
            docs: &starts,
        };
        let body = format!("window.__sgSearchManifest({});\n", json(&manifest));
        // Not fingerprinted: every page names the manifest, and an edit to one page must not
        // change every other page (serve's one-page rebuilds rely on that). The manifest is
        // small and names the fingerprinted chunks, which carry the caching.
        files.push(output("index.js", body));
        (MANIFEST_PATH.to_string(), files)
    }

    /// Where document chunks start: a chunk is cut before a document that would take it past
    /// `budget` bytes, or earlier at the start of a page if the chunk is three quarters full
    /// there (so that pages stay whole where they can).
    fn cut_docs(&self, budget: usize) -> Vec<u32> {
        let header = |d: usize| {
            let p = &self.pages[self.docs[d].page as usize];
            p.url.len() + p.title.len() + 12
        };
        let starts_page = |d: usize| self.pages[self.docs[d].page as usize].first_doc as usize == d;
        let mut starts = Vec::new();
        let (mut start, mut size) = (0usize, 0usize);
        let mut page_cut: Option<(usize, usize)> = None;
        for (d, doc) in self.docs.iter().enumerate() {
            let own = doc.section.len() + doc.id.len() + doc.text.len() + 12;
            let base = own + if starts_page(d) { header(d) } else { 0 };
            if d > start && size + base > budget {
                let (cut, before) = page_cut.take().unwrap_or((d, size));
                starts.push(start as u32);
                start = cut;
                size -= before;
            }
            if starts_page(d) && d > start && size >= budget * 3 / 4 {
                page_cut = Some((d, size));
            }
            size += base;
            if d == start && !starts_page(d) {
                size += header(d);
            }
        }
        if !self.docs.is_empty() {
            starts.push(start as u32);
        }
        starts
    }

    /// `window.__sgSearchDocs(n,[[url,title,[[section,id,text],…]],…])` for documents
    /// `start..end`, grouped by page.
    fn doc_chunk(&self, n: usize, start: usize, end: usize) -> String {
        let bytes: usize = self.docs[start..end]
            .iter()
            .map(|d| d.section.len() + d.id.len() + d.text.len() + 12)
            .sum();
        let mut out = String::with_capacity(bytes + 256);
        out.push_str("window.__sgSearchDocs(");
        out.push_str(&n.to_string());
        out.push_str(",[");
        let mut page = u32::MAX;
        for (i, d) in self.docs[start..end].iter().enumerate() {
            if d.page != page {
                if i > 0 {
                    out.push_str("]],");
                }
                page = d.page;
                let p = &self.pages[page as usize];
                out.push('[');
                push_json(&mut out, &p.url);
                out.push(',');
                push_json(&mut out, &p.title);
                out.push_str(",[");
            } else {
                out.push(',');
            }
            out.push('[');
            push_json(&mut out, &d.section);
            out.push(',');
            push_json(&mut out, &d.id);
            out.push(',');
            push_json(&mut out, &d.text);
            out.push(']');
        }
        if end > start {
            out.push_str("]]");
        }
        out.push_str("]);\n");
        out
    }
}

/// Where term chunks start, with their keys: a chunk is cut when its terms would pass
/// `budget` bytes, at the place with the shortest key among those that leave it at least
/// half full (the fullest of them on a tie).
fn cut_terms(terms: &[(String, String)], budget: usize) -> Vec<(String, usize)> {
    let Some(first) = terms.first() else {
        return Vec::new();
    };
    let mut sum = vec![0usize; terms.len() + 1];
    for (i, (t, p)) in terms.iter().enumerate() {
        sum[i + 1] = sum[i] + t.len() + p.len() + 2;
    }
    // The key of a chunk starting at `i`: the shortest prefix of its first term that sorts
    // after the term before it.
    let key = |i: usize| -> String {
        let (prev, term) = (&terms[i - 1].0, &terms[i].0);
        let common = prev
            .chars()
            .zip(term.chars())
            .take_while(|(a, b)| a == b)
            .count();
        term.chars().take(common + 1).collect()
    };
    let mut cuts = vec![(first.0.chars().take(1).collect::<String>(), 0)];
    let mut start = 0;
    loop {
        // The longest run from `start` within the budget (at least one term).
        let mut end = start + 1;
        while end < terms.len() && sum[end + 1] - sum[start] <= budget {
            end += 1;
        }
        if end >= terms.len() {
            break;
        }
        let low = (start + 1..=end)
            .find(|&j| sum[j] - sum[start] >= budget / 2)
            .unwrap_or(end);
        let mut best = (end, key(end));
        for j in (low..end).rev() {
            let k = key(j);
            if k.chars().count() < best.1.chars().count() {
                best = (j, k);
            }
        }
        cuts.push((best.1, best.0));
        start = best.0;
    }
    cuts
}

fn json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|_| "null".into())
        .replace("</", "<\\/")
}

/// Whether any of the 8 bytes of `w` needs escaping in a JSON string in a script: a control
/// character, `"`, `\` or `/` (bit tricks: a byte below n, or equal to v, sets its top bit).
fn needs_escape(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const TOPS: u64 = 0x8080_8080_8080_8080;
    let below = |n: u8| w.wrapping_sub(ONES * u64::from(n)) & !w & TOPS;
    let equal = |v: u8| {
        let x = w ^ (ONES * u64::from(v));
        x.wrapping_sub(ONES) & !x & TOPS
    };
    (below(0x20) | equal(b'"') | equal(b'\\') | equal(b'/')) != 0
}

/// Appends `s` as a JSON string (`</` written `<\/`, so a chunk never closes a script).
fn push_json(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let b = s.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        if let Some(word) = b.get(i..i + 8) {
            let mut w = [0u8; 8];
            w.copy_from_slice(word);
            if !needs_escape(u64::from_le_bytes(w)) {
                i += 8;
                continue;
            }
        }
        let end = (i + 8).min(b.len());
        for j in i..end {
            let escaped = match b[j] {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                b'/' if j > 0 && b[j - 1] == b'<' => "\\/",
                c if c < 0x20 => {
                    out.push_str(&s[copied..j]);
                    out.push_str(&format!("\\u{:04x}", c));
                    copied = j + 1;
                    continue;
                }
                _ => continue,
            };
            out.push_str(&s[copied..j]);
            out.push_str(escaped);
            copied = j + 1;
        }
        i = end;
    }
    out.push_str(&s[copied..]);
    out.push('"');
}

fn output(name: &str, body: String) -> OutputFile {
    OutputFile {
        path: format!("{DIR}/{name}"),
        bytes: body.into_bytes(),
    }
}

/// A chunk key as a file name: `a`-`z` and `0`-`9` as they are, anything else as `_`, its
/// code point in hex and `_` (`é` → `_e9_`, `.` → `_2e_`).
pub fn file_key(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for c in key.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else {
            out.push_str(&format!("_{:x}_", u32::from(c)));
        }
    }
    out
}

// ---- from the guide --------------------------------------------------------------------------

/// Builds the index of a rendered guide: pages in reading order, then the generated pages.
pub(crate) fn index(guide: &Guide) -> Index {
    let mut listed = vec![false; guide.pages.len()];
    let mut order: Vec<usize> = Vec::with_capacity(guide.pages.len());
    for &i in &guide.order {
        if let Some(seen) = listed.get_mut(i) {
            *seen = true;
            order.push(i);
        }
    }
    order.extend((0..guide.pages.len()).filter(|&i| !listed[i]));
    // Splitting pages into sections and scoring their terms is per page: in parallel.
    let mut outs: Vec<PageOut> = order
        .par_iter()
        .map(|&i| {
            let p = &guide.pages[i];
            index_page(PageInput {
                url: p.out.clone(),
                title: p.src.front.title.clone(),
                docs: page_docs(p),
            })
        })
        .collect();
    for (url, title) in [
        ("coverage.html", "Coverage matrix"),
        ("progress.html", "Your progress"),
        ("practice.html", "Practice exam"),
    ] {
        outs.push(index_page(PageInput {
            url: url.into(),
            title: title.into(),
            docs: vec![DocInput {
                title: title.into(),
                ..DocInput::default()
            }],
        }));
    }
    Index::assemble(outs)
}

/// The manifest's output path and every index file, for the renderer.
pub fn output_files(guide: &Guide) -> (String, Vec<OutputFile>) {
    let index = index(guide);
    let files = index.files();
    // Freeing the index (every document's text) need not hold up the caller.
    rayon::spawn(move || drop(index));
    files
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
                text: if description.trim().is_empty() {
                    s.text
                } else {
                    collapse(&format!("{description} {}", s.text))
                },
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
        let html = page.questions_html.get(n).map_or("", String::as_str);
        question_docs(q, &(n + 1).to_string(), html, &mut docs);
    }
    docs
}

/// The documents of a question (a case study: its scenario, then each sub-question). Texts
/// come from the question's rendered HTML (`html`, as `quiz_html` wrote it), else from its
/// Markdown.
fn question_docs(q: &Question, number: &str, html: &str, docs: &mut Vec<DocInput>) {
    let label = format!("Question {number}");
    let anchor = crate::model::ids::quiz_anchor(&q.id);
    match &q.kind {
        QuestionKind::CaseStudy {
            scenario,
            questions,
        } => {
            let scenario =
                div_text(html, "<div class=\"scenario\">").unwrap_or_else(|| plain(scenario));
            let prompt = if q.prompt.trim().is_empty() {
                String::new()
            } else {
                div_text(html, "<div class=\"quiz-prompt\">").unwrap_or_else(|| plain(&q.prompt))
            };
            docs.push(DocInput {
                section: format!("{label} (case study)"),
                id: anchor,
                text: collapse(&format!("{scenario} {prompt}")),
                ..DocInput::default()
            });
            for (i, sub) in questions.iter().enumerate() {
                question_docs(sub, &format!("{number}.{}", i + 1), html, docs);
            }
        }
        _ => {
            let open = format!(
                "<div class=\"quiz-prompt\" id=\"{}-prompt\">",
                crate::html::escape(&anchor)
            );
            docs.push(DocInput {
                section: label,
                text: div_text(html, &open).unwrap_or_else(|| plain(&q.prompt)),
                id: anchor,
                ..DocInput::default()
            })
        }
    }
}

/// The plain text of the `<div>` that `open` (its whole start tag) begins in `html`.
fn div_text(html: &str, open: &str) -> Option<String> {
    let start = html.find(open)? + open.len();
    let mut depth = 0usize;
    let mut at = start;
    loop {
        let close = html[at..].find("</div>").map(|i| at + i)?;
        let next = html[at..close].find("<div").map(|i| at + i);
        match next {
            Some(n) if n < close => {
                depth += 1;
                at = n + 4;
            }
            _ if depth == 0 => return Some(flat_text(&html[start..close])),
            _ => {
                depth -= 1;
                at = close + 6;
            }
        }
    }
}

/// Plain text of an HTML fragment: its sections' headings and texts, in order.
fn flat_text(html: &str) -> String {
    let parts: Vec<String> = sections(html)
        .into_iter()
        .flat_map(|s| [s.heading, s.text])
        .filter(|t| !t.is_empty())
        .collect();
    parts.join(" ")
}

/// Plain text of a Markdown snippet (a question prompt).
fn plain(md: &str) -> String {
    let resolve = |_: &str| Ok(crate::model::links::Resolved::External);
    let cx = crate::render::markdown::Context {
        display: "",
        file: md,
        base: 0,
        resolve: &resolve,
        fixed_offset: None,
        glossary: None,
    };
    flat_text(&crate::render::markdown::render(md, &cx, &mut Vec::new()).html)
}

/// Runs of whitespace become one space.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---- sections of rendered HTML -----------------------------------------------------------------

/// One section of a rendered page: the heading or term that starts it (with its id; both
/// empty for the part before the first heading) and its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    pub(crate) id: String,
    pub(crate) heading: String,
    pub(crate) text: String,
}

/// Text being collected, as HTML text (entities and all); `take` gives it decoded, with runs
/// of whitespace written as one space and none at either end.
#[derive(Default)]
struct Collector {
    raw: String,
}

impl Collector {
    fn space(&mut self) {
        self.raw.push(' ');
    }

    /// Appends HTML text (between tags).
    fn html(&mut self, s: &str) {
        self.raw.push_str(s);
    }

    fn take(&mut self) -> String {
        let text = clean(&self.raw);
        self.raw.clear();
        text
    }
}

/// HTML text as plain text: entities decoded, runs of whitespace as one space, none at either
/// end (in one pass).
fn clean(raw: &str) -> String {
    let b = raw.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let mut space = false;
    let mut i = 0;
    while i < b.len() {
        // A run of bytes that are neither whitespace nor `&` nor part of a wider character.
        let run = b[i..]
            .iter()
            .position(|&c| c <= b' ' || c == b'&' || c >= 0x80)
            .map_or(b.len(), |n| i + n);
        if run > i {
            if space && !out.is_empty() {
                out.push(b' ');
            }
            space = false;
            out.extend_from_slice(&b[i..run]);
            i = run;
            continue;
        }
        let c = b[i];
        let (ch, len) = if c == b'&' {
            entity(&raw[i..]).unwrap_or(('&', 1))
        } else if c >= 0x80 {
            let ch = raw[i..].chars().next().unwrap_or(' ');
            (ch, ch.len_utf8())
        } else {
            (char::from(c), 1)
        };
        i += len;
        if ch.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(b' ');
        }
        space = false;
        let mut buf = [0u8; 4];
        out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
    }
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The character of the entity `s` starts with, and the entity's length: the five escapes,
/// `&nbsp;` (as a space) and numeric ones.
fn entity(s: &str) -> Option<(char, usize)> {
    let end = s.as_bytes().iter().take(11).position(|&b| b == b';')?;
    let c = match &s[1..end] {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        n => n
            .strip_prefix("#x")
            .or_else(|| n.strip_prefix("#X"))
            .map(|h| u32::from_str_radix(h, 16))
            .or_else(|| n.strip_prefix('#').map(str::parse))
            .and_then(Result::ok)
            .and_then(char::from_u32)?,
    };
    Some((c, end + 1))
}

/// What a tag means to the section splitter.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tag {
    /// Its contents are left out (`script`, `style`).
    Hidden,
    /// An `a` (left out when it is a heading's self-link).
    Link,
    /// A heading or a definition term: starts a section when it has an id.
    Titled,
    /// Its boundaries separate words.
    Spaced,
    Other,
}

/// The tag named `name` (any case), and its name in lower case (up to 10 bytes).
fn tag_kind(name: &str) -> (Tag, [u8; 10], usize) {
    let mut low = [0u8; 10];
    if name.len() > low.len() {
        return (Tag::Other, low, 0);
    }
    for (l, b) in low.iter_mut().zip(name.bytes()) {
        *l = b.to_ascii_lowercase();
    }
    let kind = match &low[..name.len()] {
        b"script" | b"style" => Tag::Hidden,
        b"a" => Tag::Link,
        b"dt" | b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" => Tag::Titled,
        b"p" | b"br" | b"li" | b"ul" | b"ol" | b"dl" | b"dd" | b"tr" | b"td" | b"th" | b"table"
        | b"thead" | b"tbody" | b"div" | b"pre" | b"blockquote" | b"hr" | b"sup" | b"section"
        | b"details" | b"summary" | b"figure" | b"figcaption" => Tag::Spaced,
        _ => Tag::Other,
    };
    (kind, low, name.len())
}

/// Splits rendered HTML into sections at each heading and definition term with an id (as
/// `markdown` writes them), as plain text: tags dropped (with a space for block elements),
/// entities decoded, the self-links of headings and the contents of `script` and `style` left
/// out, whitespace collapsed.
pub fn sections(html: &str) -> Vec<Section> {
    let mut out = vec![Section::default()];
    let mut text = Collector::default();
    // The open heading's name (lower case), and the tag whose end a skipped part waits for.
    let mut heading: Option<([u8; 10], usize)> = None;
    let mut skip: Option<([u8; 10], usize)> = None;
    let b = html.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // The text up to the next tag (a plain loop: tags are close together in code).
        let mut lt = i;
        while lt < b.len() && b[lt] != b'<' {
            lt += 1;
        }
        if skip.is_none() {
            text.html(&html[i..lt]);
        }
        if lt == b.len() {
            break;
        }
        if b[lt + 1..].starts_with(b"!--") {
            i = html[lt + 4..]
                .find("-->")
                .map_or(b.len(), |e| lt + 4 + e + 3);
            continue;
        }
        let mut gt = lt + 1;
        while gt < b.len() && b[gt] != b'>' {
            gt += 1;
        }
        if gt == b.len() {
            break;
        }
        let tag = &html[lt + 1..gt];
        i = gt + 1;
        let closing = tag.starts_with('/');
        // The name: after any `/`, up to a space or `/`.
        let t = tag.as_bytes();
        let from = t.iter().position(|&c| c != b'/').unwrap_or(t.len());
        let to = t[from..]
            .iter()
            .position(|&c| c <= b' ' || c == b'/' || c >= 0x80)
            .map_or(t.len(), |n| from + n);
        let (kind, low, len) = tag_kind(&tag[from..to]);
        if let Some((end, end_len)) = skip {
            if closing && low[..len] == end[..end_len] {
                skip = None;
            }
            continue;
        }
        if closing {
            if heading.is_some_and(|(h, n)| low[..len] == h[..n]) {
                heading = None;
                if let Some(last) = out.last_mut() {
                    last.heading = text.take();
                }
                continue;
            }
        } else {
            match kind {
                Tag::Hidden => {
                    skip = Some((low, len));
                    continue;
                }
                Tag::Link if tag.contains("class=\"self-link\"") => {
                    skip = Some((low, len));
                    continue;
                }
                Tag::Titled if heading.is_none() => {
                    if let Some(id) = attr(tag, "id") {
                        flush(&mut text, &mut out);
                        out.push(Section {
                            id: unescape(id),
                            ..Section::default()
                        });
                        heading = Some((low, len));
                        continue;
                    }
                }
                _ => {}
            }
        }
        if matches!(kind, Tag::Spaced | Tag::Titled) {
            text.space();
        }
    }
    flush(&mut text, &mut out);
    out
}

fn flush(text: &mut Collector, out: &mut [Section]) {
    let t = text.take();
    if let Some(last) = out.last_mut() {
        if last.text.is_empty() {
            last.text = t;
        } else if !t.is_empty() {
            last.text.push(' ');
            last.text.push_str(&t);
        }
    }
}

/// The value of `name="…"` in a tag's source.
fn attr<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let mut from = 0;
    while let Some(i) = tag[from..].find(name) {
        let at = from + i;
        let value = &tag[at + name.len()..];
        if tag[..at].ends_with(' ') {
            if let Some(v) = value.strip_prefix("=\"") {
                return v.split('"').next();
            }
        }
        from = at + name.len();
    }
    None
}

/// Decodes the entities that HTML writers produce: the five escapes, `&nbsp;` and numeric ones.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match entity(rest) {
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

#[cfg(test)]
mod tests {
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
                        text:
                            "Use S3 for data lakes. Kinesis Firehose delivers to S3, kinesis again."
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
    fn json_strings_are_escaped_for_a_script() {
        let mut out = String::new();
        push_json(&mut out, "a\"b\\c\nd</script>\u{1}é");
        assert_eq!(out, r#""a\"b\\c\nd<\/script>\u0001é""#);
        let back: String = serde_json::from_str(&out).unwrap();
        assert_eq!(back, "a\"b\\c\nd</script>\u{1}é");
        // Whatever the place of the special characters in the 8-byte blocks.
        for k in 0..20 {
            let text = format!(
                "{}</a\"b\\c\u{1}\u{1f}d\u{7f}é/x{}",
                "x".repeat(k),
                "y".repeat(k % 9)
            );
            let mut out = String::new();
            push_json(&mut out, &text);
            assert!(!out.contains("</"), "{out}");
            assert_eq!(serde_json::from_str::<String>(&out).unwrap(), text, "{out}");
        }
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
}
