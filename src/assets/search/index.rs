//! The index: built per page in parallel, merged per term, cut into term and document
//! chunks, and written as scripts.

use super::*;
use crate::assets::script::{json, push_json_string};

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

/// The per-thread word cache's maps: its keys are short words, which FxHash hashes fastest.
pub(super) type WordMap<K, V> = rustc_hash::FxHashMap<K, V>;

pub(super) const IN_TITLE: u32 = 1 << 31;
pub(super) const IN_HEADING: u32 = 1 << 30;
pub(super) const COUNT: u32 = IN_HEADING - 1;
/// The word cache is dropped when it holds more words than this (memory stays bounded).
pub(super) const CACHE_WORDS: usize = 1 << 21;

/// Per-thread state of the indexer: words already seen and their terms, by number, and the
/// counts of the document being scored. Terms are numbered per thread; only their text
/// leaves it, so the index does not depend on which thread did what.
#[derive(Default)]
pub(super) struct Scratch {
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
pub(super) fn short_word(word: &str) -> Option<u128> {
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
    pub(super) fn number(&mut self, term: String) -> u32 {
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
    pub(super) fn word(&mut self, word: &str) -> (u32, u32) {
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
    pub(super) fn scan(&mut self, text: &str, flag: u32, touched: &mut Vec<u32>) {
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
pub(super) struct PageOut {
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
    pub(super) fn term(&self, i: usize) -> &str {
        let t = self.terms[i];
        &self.names[t.0 as usize..t.1 as usize]
    }
}

pub(super) fn index_page(page: PageInput) -> PageOut {
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
    pub(super) fn assemble(outs: Vec<PageOut>) -> Index {
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
                push_json_string(&mut body, &cuts[i].0);
                body.push(',');
                push_json_string(&mut body, &list);
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
    pub(super) fn cut_docs(&self, budget: usize) -> Vec<u32> {
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
    pub(super) fn doc_chunk(&self, n: usize, start: usize, end: usize) -> String {
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
                push_json_string(&mut out, &p.url);
                out.push(',');
                push_json_string(&mut out, &p.title);
                out.push_str(",[");
            } else {
                out.push(',');
            }
            out.push('[');
            push_json_string(&mut out, &d.section);
            out.push(',');
            push_json_string(&mut out, &d.id);
            out.push(',');
            push_json_string(&mut out, &d.text);
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
pub(super) fn cut_terms(terms: &[(String, String)], budget: usize) -> Vec<(String, usize)> {
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

pub(super) fn output(name: &str, body: String) -> OutputFile {
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
