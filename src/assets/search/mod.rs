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

mod index;
mod postings;
mod query;
mod sections;
#[cfg(test)]
mod tests;
mod text;

pub use index::file_key;
use index::*;
pub use postings::decode_chunk;
use postings::*;

pub use query::{needed_chunks, parse_query, rank, Chunk, Word};
use sections::*;
use text::*;

use crate::model::{Guide, Page};
use crate::source::quiz::{Question, QuestionKind};
use crate::write::OutputFile;
use rayon::prelude::*;
use serde::Serialize;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

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
    let searchable = crate::model::GENERATED.iter().filter(|g| g.searchable);
    for (url, title) in searchable.filter_map(|g| g.title.map(|t| (g.path, t))) {
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

/// A section of a rendered page body with the index terms of its heading and of its text, for
/// finding where a blueprint item is taught. Made once per page (stemming is the cost).
pub(crate) struct SectionTerms {
    id: String,
    heading: String,
    heading_terms: BTreeSet<String>,
    body_terms: BTreeSet<String>,
}

fn term_set(text: &str) -> BTreeSet<String> {
    text::tokens(text)
        .iter()
        .filter_map(|t| text::normalize(t.text))
        .collect()
}

/// The headed sections of a page body (not its questions), with their terms.
pub(crate) fn section_terms(html: &str) -> Vec<SectionTerms> {
    sections(html)
        .into_iter()
        .filter(|s| !s.id.is_empty() && !s.heading.is_empty() && !s.id.starts_with("q-"))
        .map(|s| SectionTerms {
            heading_terms: term_set(&s.heading),
            body_terms: term_set(&s.text),
            id: s.id,
            heading: s.heading,
        })
        .collect()
}

/// The sections of a page that best teach a blueprint item: those sharing the most words
/// with its `wording` (a word in a section's heading counts three times, one in its text
/// once), at least two words (one for a wording of one or two words). At most `max`, best
/// first (page order on ties), each `(anchor id, heading)`. Used for the reader's "weakest
/// items" lists, which link each item to where to read about it.
pub(crate) fn teaching_sections(
    sections: &[SectionTerms],
    wording: &str,
    max: usize,
) -> Vec<(String, String)> {
    let want = term_set(wording);
    let need = want.len().min(2);
    if need == 0 {
        return Vec::new();
    }
    let mut scored: Vec<(usize, usize)> = sections
        .iter()
        .enumerate()
        .filter_map(|(n, s)| {
            let shared = want
                .iter()
                .filter(|w| s.heading_terms.contains(*w) || s.body_terms.contains(*w))
                .count();
            let score: usize = want
                .iter()
                .map(|w| {
                    3 * usize::from(s.heading_terms.contains(w))
                        + usize::from(s.body_terms.contains(w))
                })
                .sum();
            (shared >= need).then_some((score, n))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored
        .into_iter()
        .take(max)
        .map(|(_, n)| (sections[n].id.clone(), sections[n].heading.clone()))
        .collect()
}
