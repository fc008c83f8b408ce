//! Export: the question bank outside the site, as an Anki text file ([`anki`]) or as JSON
//! ([`json`]). It runs the whole pipeline first, so a guide that `check` rejects is rejected
//! here with the same diagnostics, and then reads the checked guide: one entry per scored
//! question (a case study's sub-questions each on their own), in reading order, with its
//! domain, task and items in each exam version it serves.
//!
//! Question texts are Markdown written for the site; outside it, links to the guide's own pages
//! become absolute URLs under `--base-url` when one is given, and plain text otherwise (their
//! link text kept, images replaced by their alt text). Links to other sites stay as written.

mod anki;
mod json;

use crate::model::{Guide, Page};
use crate::pipeline::{self, Keep, Options, Outcome};
use crate::source::blueprint::Blueprint;
use crate::source::quiz::{stated_count, Question, QuestionKind};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::path::Path;

/// The file formats `studyguide export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Anki's text import format (tab-separated, with file headers).
    Anki,
    /// The bank as JSON (docs/EXPORT.md).
    Json,
}

/// What to export.
#[derive(Debug, Clone)]
pub struct Request {
    /// The file format.
    pub format: Format,
    /// Only the questions of this exam version, tagged with its ids only (`--exam CODE`).
    pub exam: Option<String>,
    /// Where the site lives (`--base-url`): links to its pages become absolute URLs. Without
    /// it they become plain text.
    pub base_url: Option<String>,
}

/// The exported file and what went into it.
#[derive(Debug, Clone)]
pub struct Export {
    /// The file's text.
    pub text: String,
    /// Scored questions exported, by kind: multiple choice, multiple response, ordering,
    /// matching.
    pub by_kind: [usize; 4],
    /// How many of them are sub-questions of a case study, and of how many case studies.
    pub in_cases: (usize, usize),
    /// Questions left out because they do not serve the `--exam` version.
    pub left_out: usize,
}

impl Export {
    /// Scored questions exported.
    pub fn count(&self) -> usize {
        self.by_kind.iter().sum()
    }

    /// The one-line summary printed on stderr.
    pub fn summary(&self, exam: Option<&str>) -> String {
        let [mc, mr, ord, mat] = self.by_kind;
        let mut s = format!(
            "exported {} questions: {mc} multiple choice, {mr} multiple response, {ord} ordering, {mat} matching",
            self.count()
        );
        if self.in_cases.0 > 0 {
            s.push_str(&format!(
                " ({} of them in {} case studies)",
                self.in_cases.0, self.in_cases.1
            ));
        }
        // Every format has a readable form: nothing is skipped (docs/EXPORT.md).
        s.push_str("; 0 skipped");
        if let Some(code) = exam.filter(|_| self.left_out > 0) {
            s.push_str(&format!("; {} not in {code} left out", self.left_out));
        }
        s
    }
}

/// Checks the guide in `root` as `check` does (without the coverage minimums, as `coverage`)
/// and, when it has no error, exports its questions. The outcome holds the diagnostics.
pub fn export(root: &Path, req: &Request) -> (Outcome, Option<Export>) {
    let opts = Options {
        base_url: req.base_url.clone(),
        min_item_pages: Some(0),
        min_item_questions: Some(0),
        // An unknown version is reported by the pipeline (E078), as for `check --exam`.
        exam: req.exam.clone(),
        ..Options::default()
    };
    let (outcome, kept) = pipeline::run_into(
        root,
        &opts,
        &mut crate::write::Discard::default(),
        Keep::Guide,
    );
    let Some((guide, _)) = kept.filter(|_| !outcome.has_errors()) else {
        return (outcome, None);
    };
    let entries = entries(&guide, req.exam.as_deref());
    let left_out = total_scored(&guide) - entries.len();
    let cx = Cx {
        guide: &guide,
        base_url: req.base_url.as_deref().map(with_slash),
    };
    let text = match req.format {
        Format::Anki => anki::write(&cx, &entries),
        Format::Json => json::write(&cx, &entries, req.exam.as_deref()),
    };
    let mut by_kind = [0; 4];
    for e in &entries {
        by_kind[kind_index(&e.q.kind)] += 1;
    }
    let mut cases: Vec<&str> = entries
        .iter()
        .filter_map(|e| e.case.map(|c| c.id.as_str()))
        .collect();
    let in_cases = cases.len();
    cases.dedup();
    let export = Export {
        text,
        by_kind,
        in_cases: (in_cases, cases.len()),
        left_out,
    };
    (outcome, Some(export))
}

fn with_slash(url: &str) -> String {
    match url.ends_with('/') {
        true => url.to_string(),
        false => format!("{url}/"),
    }
}

fn kind_index(kind: &QuestionKind) -> usize {
    match kind {
        QuestionKind::MultipleChoice { .. } => 0,
        QuestionKind::MultipleResponse { .. } => 1,
        QuestionKind::Ordering { .. } => 2,
        // A case study is never scored itself: its sub-questions are.
        QuestionKind::Matching { .. } | QuestionKind::CaseStudy { .. } => 3,
    }
}

/// What the writers share: the guide and how links leave the site.
struct Cx<'g> {
    guide: &'g Guide,
    /// `--base-url`, ending in `/`.
    base_url: Option<String>,
}

/// One scored question with its place.
struct Entry<'g> {
    page: &'g Page,
    /// The case study it belongs to, if any.
    case: Option<&'g Question>,
    q: &'g Question,
    /// Per exam version it serves: its domains, tasks and items there.
    exams: Vec<Placed>,
}

/// Where a question sits in one exam version.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Placed {
    code: String,
    domains: Vec<String>,
    tasks: Vec<String>,
    items: Vec<String>,
}

fn total_scored(guide: &Guide) -> usize {
    guide
        .pages
        .iter()
        .flat_map(|p| &p.src.quizzes)
        .map(|q| q.scored().len())
        .sum()
}

/// Every scored question in reading order; with `exam`, only those that serve that version,
/// placed in it alone.
fn entries<'g>(guide: &'g Guide, exam: Option<&str>) -> Vec<Entry<'g>> {
    let mut order = guide.order.clone();
    // Pages outside the reading order (none today) still have their questions exported.
    let mut seen = vec![false; guide.pages.len()];
    for &i in &order {
        if let Some(s) = seen.get_mut(i) {
            *s = true;
        }
    }
    order.extend((0..guide.pages.len()).filter(|&i| !seen[i]));
    let versions: Vec<&Blueprint> = std::iter::once(&guide.blueprint)
        .chain(&guide.exams.versions)
        .filter(|b| exam.is_none_or(|code| b.exam.code == code))
        .collect();
    let mut out = Vec::new();
    for i in order {
        let page = &guide.pages[i];
        for top in &page.src.quizzes {
            let case = matches!(top.kind, QuestionKind::CaseStudy { .. }).then_some(top);
            for q in top.scored() {
                let exams: Vec<Placed> = versions
                    .iter()
                    .filter_map(|bp| placed(guide, bp, top, q))
                    .collect();
                if exam.is_some() && exams.is_empty() {
                    continue;
                }
                out.push(Entry {
                    page,
                    case,
                    q,
                    exams,
                });
            }
        }
    }
    out
}

/// Scored question `q` (of `top`, itself or its case study) in version `bp`: the items it
/// covers there with their tasks and domains, or `None` when it does not serve that version
/// (no item there, or a question format the version does not use: the rule of the site's
/// per-version practice exam and coverage).
fn placed(guide: &Guide, bp: &Blueprint, top: &Question, q: &Question) -> Option<Placed> {
    let formats = &bp.exam.question_formats;
    if !formats.is_empty() && !formats.iter().any(|f| f == top.kind.name()) {
        return None;
    }
    let items = guide.exams.covers_in(
        &guide.blueprint.exam.code,
        &bp.exam.code,
        q.covers.iter().map(String::as_str),
    );
    if items.is_empty() {
        return None;
    }
    let mut p = Placed {
        code: bp.exam.code.clone(),
        domains: Vec::new(),
        tasks: Vec::new(),
        items: Vec::new(),
    };
    for item in items {
        if let Some((d, t)) = bp
            .tasks()
            .find(|(_, t)| t.items.iter().any(|i| i.id == item))
        {
            push_new(&mut p.domains, &d.id);
            push_new(&mut p.tasks, &t.id);
        }
        push_new(&mut p.items, &item);
    }
    Some(p)
}

fn push_new(list: &mut Vec<String>, s: &str) {
    if !list.iter().any(|x| x == s) {
        list.push(s.to_string());
    }
}

impl Cx<'_> {
    /// Markdown written on `page` as HTML for use outside the site (see the module's docs).
    fn html(&self, page: &Page, markdown: &str) -> String {
        let links = &self.guide.links;
        // Per open link or image: whether its tags are kept.
        let mut kept: Vec<bool> = Vec::new();
        let events =
            Parser::new_ext(markdown, crate::render::markdown::options()).filter_map(|event| {
                match event {
                    Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }) => keep(&mut kept, self.destination(page, links, &dest_url)).map(|d| {
                        Event::Start(Tag::Link {
                            link_type,
                            dest_url: d.into(),
                            title,
                            id,
                        })
                    }),
                    Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }) => keep(&mut kept, self.destination(page, links, &dest_url)).map(|d| {
                        Event::Start(Tag::Image {
                            link_type,
                            dest_url: d.into(),
                            title,
                            id,
                        })
                    }),
                    Event::End(TagEnd::Link | TagEnd::Image) => {
                        kept.pop().unwrap_or(true).then_some(event)
                    }
                    // A quiz marker means nothing outside the page.
                    Event::Html(_) | Event::InlineHtml(_) if event_is_quiz_marker(&event) => None,
                    other => Some(other),
                }
            });
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events);
        html
    }

    /// Inline Markdown (an option, a step): one paragraph loses its `<p>`.
    fn inline(&self, page: &Page, markdown: &str) -> String {
        crate::html::unwrap_paragraph(&self.html(page, markdown))
    }

    /// Where a link written on `page` goes from outside the site: external links as written,
    /// the guide's own pages under the base URL, or `None` (plain text) without one.
    fn destination(
        &self,
        page: &Page,
        links: &crate::model::links::LinkIndex,
        dest: &str,
    ) -> Option<String> {
        use crate::model::links::Resolved;
        match links.resolve(&page.src.rel, &page.out, dest) {
            Ok(Resolved::External) => Some(dest.to_string()),
            Ok(Resolved::Internal { target, .. }) => self.base_url.as_ref().map(|base| {
                let mut url = format!("{base}{}", target.page);
                if let Some(a) = &target.anchor {
                    url.push('#');
                    url.push_str(a);
                }
                url
            }),
            // Checked already; should one fail anyway, its text is kept.
            Err(_) => None,
        }
    }

    /// The page's absolute URL (with the question's anchor), when there is a base URL.
    fn question_url(&self, page: &Page, q: &Question) -> Option<String> {
        self.base_url.as_ref().map(|base| {
            format!(
                "{base}{}#{}",
                page.out,
                crate::model::ids::quiz_anchor(&q.id)
            )
        })
    }
}

fn event_is_quiz_marker(event: &Event) -> bool {
    match event {
        Event::Html(h) | Event::InlineHtml(h) => {
            let t = h.trim();
            t.starts_with("<!--") && t.trim_start_matches("<!--").trim().starts_with("quiz:")
        }
        _ => false,
    }
}

/// "(Select TWO.)" for a multiple-response question whose prompt does not say how many.
fn select_hint(q: &Question) -> Option<String> {
    let QuestionKind::MultipleResponse { options } = &q.kind else {
        return None;
    };
    if stated_count(&q.prompt).is_some() {
        return None;
    }
    const WORDS: [&str; 9] = [
        "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN",
    ];
    let n = options.iter().filter(|o| o.correct).count();
    let word = n
        .checked_sub(2)
        .and_then(|i| WORDS.get(i))
        .map_or_else(|| n.to_string(), |w| w.to_string());
    Some(format!("(Select {word}.)"))
}

/// A deterministic shuffle of `0..n` seeded by `key` (a question id), so every export of the
/// same question shows its steps or choices in the same order, and never the answer's order
/// when another exists. FNV-1a and xorshift by hand: the order must not change with a
/// dependency's version, which a hashing or random crate does not promise.
fn shuffled(n: usize, key: &str) -> Vec<usize> {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    let mut next = move || {
        h ^= h << 13;
        h ^= h >> 7;
        h ^= h << 17;
        h
    };
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    if n > 1 && order.iter().enumerate().all(|(i, &x)| i == x) {
        order.rotate_left(1);
    }
    order
}

const LETTERS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// `A`, `B`, … for the `i`th choice (`?` past `Z`; the rules allow far fewer).
fn letter(i: usize) -> char {
    LETTERS.get(i).map_or('?', |&b| b as char)
}

/// Records whether a link or image keeps its tags (it does where it has a destination) for
/// its end event, and passes the destination on.
fn keep(kept: &mut Vec<bool>, dest: Option<String>) -> Option<String> {
    kept.push(dest.is_some());
    dest
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The front of `t11-feature-store-ingest-order` in this guide: A is step 6, B step 1, ….
    const PINNED: [usize; 6] = [5, 0, 4, 2, 1, 3];

    #[test]
    fn shuffles_are_stable_permutations_and_never_the_identity() {
        for n in 0..9 {
            for key in ["a", "ingest-order", "x-1", ""] {
                let s = shuffled(n, key);
                assert_eq!(s, shuffled(n, key));
                let mut sorted = s.clone();
                sorted.sort();
                assert_eq!(sorted, (0..n).collect::<Vec<_>>());
                if n > 1 {
                    assert_ne!(sorted, s, "{n} {key}");
                }
            }
        }
        // Pinned: a change here reorders every exported card.
        assert_eq!(shuffled(6, "t11-feature-store-ingest-order"), PINNED);
    }

    #[test]
    fn select_hint_counts_correct_options() {
        let mut q = Question {
            id: "q".into(),
            covers: vec![],
            prompt: "Which?".into(),
            explanation: String::new(),
            kind: QuestionKind::MultipleResponse {
                options: (0..5)
                    .map(|i| crate::source::quiz::Choice {
                        text: i.to_string(),
                        correct: i < 2,
                        why: String::new(),
                    })
                    .collect(),
            },
            offset: 0,
        };
        assert_eq!(select_hint(&q).as_deref(), Some("(Select TWO.)"));
        q.prompt = "Which? (Select TWO.)".into();
        assert_eq!(select_hint(&q), None);
    }
}
