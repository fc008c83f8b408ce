//! Queries: parsing what the reader typed, which chunks a query needs, and ranking.

use super::*;

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
pub(super) fn chunk_key<'k>(keys: &'k [String], term: &str) -> Option<&'k str> {
    let after = keys.partition_point(|k| k.as_str() <= term);
    keys.get(after.saturating_sub(1)).map(String::as_str)
}

/// The chunks that can hold a term starting with `prefix`: its own chunk and the following
/// ones whose keys start with it.
pub(super) fn prefix_keys<'k>(keys: &'k [String], prefix: &str) -> Vec<&'k str> {
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
pub(super) fn expands(w: &Word) -> bool {
    w.prefix && w.term.chars().count() >= 2
}

/// The chunks one word needs, in key order.
pub(super) fn word_keys<'k>(keys: &'k [String], w: &Word) -> Vec<&'k str> {
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

/// The least score of a word in a title or heading (a prefix match scores half).
const NAMED: u32 = HEADING / 2;

/// Documents matching every word, best first: `(doc, score)`. An exact term match scores
/// the term's score, a prefix match half of it (prefixes need two characters); a document's
/// score is the sum over the words of its best match, plus a title's score when the query has
/// several words and every one is in the document's title or heading. `chunk` gives the
/// loaded chunks by key.
pub fn rank<'c>(
    words: &[Word],
    keys: &[String],
    chunk: &dyn Fn(&str) -> Option<&'c Chunk>,
) -> Vec<(u32, u32)> {
    let mut total: Option<BTreeMap<u32, (u32, bool)>> = None;
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
        // (score so far, whether every word so far is in the title or a heading).
        let named = |s: u32| s >= NAMED;
        total = Some(match total {
            None => best.into_iter().map(|(d, s)| (d, (s, named(s)))).collect(),
            Some(prev) => prev
                .into_iter()
                .filter_map(|(d, (s, all))| best.get(&d).map(|b| (d, (s + b, all && named(*b)))))
                .collect(),
        });
    }
    // A section named by every word of a query of several words (the Feature Store section
    // for "feature store") comes before one whose title holds one word and whose body the
    // other. One word needs no bonus: title, heading and body already rank in that order.
    let mut hits: Vec<(u32, u32)> = total
        .unwrap_or_default()
        .into_iter()
        .map(|(d, (s, all))| (d, if all && words.len() > 1 { s + TITLE } else { s }))
        .collect();
    hits.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    hits
}
