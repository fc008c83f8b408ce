//! The question bank as two scripts, loaded with `<script>` tags so they work from `file://`:
//! `assets/bank.<hash>.js` lists every scored question with its domain, task and page (the
//! progress page needs no more), and `assets/bank-html.<hash>.js` holds the questions' HTML for
//! the practice exam. The HTML is most of the bytes; it is serialised in parallel.

use crate::assets::script::{push_json_string, push_template_literal};
use crate::model::Guide;
use crate::write::OutputFile;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct BankQuestion<'a> {
    id: &'a str,
    kind: &'static str,
    domain: String,
    task: String,
    /// Output path of the page the question is on.
    page: &'a str,
    /// The case study this question belongs to, if any.
    case: Option<&'a str>,
    /// The start of the prompt as plain text, for the progress page's lists.
    prompt: String,
    /// The chunk of the question HTML that holds its question set.
    chunk: Option<usize>,
    /// The default version's blueprint items it tests (the reader's mastery of each item is
    /// computed from these in the browser).
    items: Vec<String>,
    /// With exam versions: for each version the question serves, its domain, task and items
    /// there.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    versions: BTreeMap<String, (String, String, Vec<String>)>,
}

/// An exam version besides the default, for the practice exam and the progress page.
#[derive(Serialize)]
struct BankVersion<'a> {
    exam: &'a crate::source::blueprint::Exam,
    domains: Vec<BankDomain>,
}

#[derive(Serialize)]
struct BankTask {
    id: String,
    title: String,
    page: Option<String>,
    items: Vec<BankItem>,
}

/// A blueprint item with where the guide teaches it: for the reader's weakest items.
#[derive(Serialize)]
struct BankItem {
    id: String,
    text: String,
    /// Up to [`TEACH_LINKS`] places that teach it, `(title, url from the site root)`: the
    /// sections of its pages that share most words with it, or the pages themselves.
    teach: Vec<(String, String)>,
}

/// Links per item to where it is taught, and pages of an item looked into for them.
const TEACH_LINKS: usize = 3;

#[derive(Serialize)]
struct BankDomain {
    id: String,
    title: String,
    weight: u32,
    tasks: Vec<BankTask>,
}

#[derive(Serialize)]
struct Bank<'a> {
    key: String,
    exam: &'a crate::source::blueprint::Exam,
    domains: Vec<BankDomain>,
    questions: Vec<BankQuestion<'a>>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    versions: BTreeMap<String, BankVersion<'a>>,
    /// The title of each page with questions, by output path.
    pages: BTreeMap<&'a str, &'a str>,
    /// The question HTML's chunks, from the site's root.
    chunks: &'a [&'a str],
}

/// The bank's scripts: `bank.js` (small) in full, and the question HTML in chunks
/// (`assets/bank/<n>.<hash>.js`), each a run of question sets in reading order, loaded by the
/// practice exam and the review page only for the questions they show. Chunk bytes are made
/// again by [`write_chunk`] when written rather than kept (a 10,000-page guide has hundreds of
/// megabytes of question HTML).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Scripts {
    pub(crate) meta: OutputFile,
    /// Each chunk's output path and the range of [`entries`] it holds.
    pub(crate) chunks: Vec<(String, std::ops::Range<usize>)>,
}

/// Asset name of the metadata, as templates know it.
pub(crate) const META_ASSET: &str = "bank.js";

/// A chunk is cut once its question HTML passes this many bytes, or the guide's over
/// [`MAX_CHUNKS`] if that is more: a 10-question practice exam loads about ten chunks, and a
/// guide of any size writes a bounded number of files.
const CHUNK_BYTES: usize = 16 * 1024;
const MAX_CHUNKS: usize = 256;

/// One question set for the practice exam and the review: top-level question id (a case
/// study holds its sub-questions), its HTML and the page it was written for.
pub(crate) type Entry<'g> = (&'g str, &'g str, &'g str);

/// Every question set of the guide, in reading order.
pub(crate) fn entries(guide: &Guide) -> Vec<Entry<'_>> {
    guide
        .order
        .iter()
        .flat_map(|&i| {
            let page = &guide.pages[i];
            page.src
                .quizzes
                .iter()
                .zip(&page.questions_html)
                .map(|(q, h)| (q.id.as_str(), h.as_str(), page.out.as_str()))
        })
        .collect()
}

/// Where the chunks are cut: consecutive runs of entries of about `CHUNK_BYTES` each.
fn chunk_ranges(entries: &[Entry<'_>]) -> Vec<std::ops::Range<usize>> {
    let total: usize = entries.iter().map(|e| e.1.len()).sum();
    let target = CHUNK_BYTES.max(total / MAX_CHUNKS + 1);
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, e) in entries.iter().enumerate() {
        bytes += e.1.len();
        if bytes >= target {
            out.push(start..i + 1);
            start = i + 1;
            bytes = 0;
        }
    }
    if start < entries.len() {
        out.push(start..entries.len());
    }
    out
}

pub(crate) fn scripts(guide: &Guide) -> Scripts {
    use rayon::prelude::*;
    let all = entries(guide);
    let ranges = chunk_ranges(&all);
    let chunks: Vec<(String, std::ops::Range<usize>)> = ranges
        .into_par_iter()
        .enumerate()
        .map(|(n, range)| {
            let mut hash = crate::assets::fingerprint::Fingerprint::default();
            let _ = write_chunk(&all[range.clone()], &mut hash);
            (format!("assets/bank/{n}.{}.js", hash.finish()), range)
        })
        .collect();
    let mut chunk_of = rustc_hash::FxHashMap::default();
    for (n, (_, range)) in chunks.iter().enumerate() {
        for e in &all[range.clone()] {
            chunk_of.insert(e.0, n);
        }
    }
    let paths: Vec<&str> = chunks.iter().map(|c| c.0.as_str()).collect();
    let meta = crate::assets::fingerprint::asset_file(
        META_ASSET,
        metadata(guide, &paths, &chunk_of).into_bytes(),
    );
    Scripts { meta, chunks }
}

/// Writes one chunk: its question sets' HTML by top-level id, added to
/// `window.STUDYGUIDE_BANK_HTML`. The practice exam and the review page (both at the site's
/// root) show it, so links are made relative to the root. Serialised in parallel.
pub(crate) fn write_chunk(
    entries: &[Entry<'_>],
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    out.write_all(
        b"Object.assign(window.STUDYGUIDE_BANK_HTML = window.STUDYGUIDE_BANK_HTML || {}, {",
    )?;
    let json: Vec<String> = entries
        .par_iter()
        .map(|(id, h, from)| {
            let mut entry = String::with_capacity(h.len() + h.len() / 8 + id.len() + 8);
            push_json_string(&mut entry, id);
            entry.push(':');
            if h.contains("href=\"") || h.contains("src=\"") {
                push_template_literal(&mut entry, &rebase(h, from, PRACTICE_PAGE));
            } else {
                push_template_literal(&mut entry, h);
            }
            entry
        })
        .collect();
    for (k, j) in json.iter().enumerate() {
        if k > 0 {
            out.write_all(b",\n")?;
        }
        out.write_all(j.as_bytes())?;
    }
    out.write_all(b"});\n")
}

/// Where the practice exam (and the review page, beside it) is: the chunks' links are
/// relative to it.
const PRACTICE_PAGE: &str = "practice.html";

/// Makes the relative links of HTML written for page `from` work on page `to`.
pub(crate) fn rebase(html: &str, from: &str, to: &str) -> String {
    use crate::model::links::{join, relative_url};
    crate::html::rewrite_attrs(html, |name, value| {
        if !matches!(name, "href" | "src") || value.contains("://") || value.starts_with("mailto:")
        {
            return None;
        }
        let (path, frag) = value.split_once('#').unwrap_or((value, ""));
        let target = if path.is_empty() {
            from.to_string()
        } else {
            join(from, path)?
        };
        let mut url = relative_url(to, &target);
        if !frag.is_empty() {
            url.push('#');
            url.push_str(frag);
        }
        Some(url)
    })
}

/// A blueprint's domains and tasks, with the task pages when `with_pages` (the default
/// version's: a page names its task there).
fn bank_domains(
    guide: &Guide,
    bp: &crate::source::blueprint::Blueprint,
    with_pages: bool,
    coverage: &crate::coverage::Coverage,
    sections: &Sections<'_>,
) -> Vec<BankDomain> {
    let item = |it: &crate::source::blueprint::Item| BankItem {
        id: it.id.clone(),
        text: it.text.clone(),
        teach: coverage.item(&it.id).map_or_else(Vec::new, |c| {
            teach(&c.pages, &it.text, |path| {
                sections.get(path).map(Vec::as_slice)
            })
        }),
    };
    bp.domains
        .iter()
        .map(|d| BankDomain {
            id: d.id.clone(),
            title: d.title.clone(),
            weight: d.weight,
            tasks: d
                .tasks
                .iter()
                .map(|t| BankTask {
                    id: t.id.clone(),
                    title: t.title.clone(),
                    page: if with_pages {
                        guide.links.tasks.get(&t.id).cloned()
                    } else {
                        None
                    },
                    items: t.items.iter().map(item).collect(),
                })
                .collect(),
        })
        .collect()
}

/// Where an item is taught: on each of its first pages, the sections that share most words
/// with its wording (the page itself where none does), up to [`TEACH_LINKS`] in all. Bounded
/// per item, so the work does not grow with the number of pages that cover it.
fn teach<'s>(
    pages: &[crate::coverage::PageRef],
    wording: &str,
    sections: impl Fn(&str) -> Option<&'s [crate::assets::search::SectionTerms]>,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for page in pages.iter().take(TEACH_LINKS) {
        let found = sections(&page.path).map_or_else(Vec::new, |s| {
            crate::assets::search::teaching_sections(s, wording, 1)
        });
        if found.is_empty() {
            out.push((page.title.clone(), page.path.clone()));
        }
        for (id, heading) in found {
            out.push((
                format!("{} › {}", page.title, heading),
                format!("{}#{}", page.path, id),
            ));
        }
    }
    out.truncate(TEACH_LINKS);
    out
}

/// The headed sections of the pages that teach some item of some exam version (the first
/// [`TEACH_LINKS`] pages of each item), by output path: made once, in parallel, for every
/// version's item lists.
type Sections<'g> = rustc_hash::FxHashMap<&'g str, Vec<crate::assets::search::SectionTerms>>;

fn teaching_pages<'g>(guide: &'g Guide, coverages: &[crate::coverage::Coverage]) -> Sections<'g> {
    use rayon::prelude::*;
    let mut wanted = rustc_hash::FxHashSet::default();
    for coverage in coverages {
        for item in coverage.tasks().flat_map(|t| &t.items) {
            for p in item.pages.iter().take(TEACH_LINKS) {
                wanted.insert(p.path.clone());
            }
        }
    }
    guide
        .pages
        .par_iter()
        .filter(|p| wanted.contains(&p.out))
        .map(|p| {
            (
                p.out.as_str(),
                crate::assets::search::section_terms(&p.body.html),
            )
        })
        .collect()
}

/// The first words of a prompt as plain text (at most [`PROMPT_CHARS`] characters, with `…`
/// when cut): enough to recognise a question in a list. Hand-written rather than a Markdown
/// render per question: it runs for every question of the guide, and only code and emphasis
/// marks and link targets need to go.
fn prompt_summary(markdown: &str) -> String {
    let mut text = String::with_capacity(PROMPT_CHARS + 4);
    let mut chars = markdown.chars().peekable();
    let mut count = 0;
    let mut space = false;
    while let Some(c) = chars.next() {
        match c {
            '`' | '*' => continue,
            // `[text](target)`: the text stays, the target goes.
            ']' if chars.peek() == Some(&'(') => {
                for t in chars.by_ref() {
                    if t == ')' {
                        break;
                    }
                }
                continue;
            }
            '[' => continue,
            c if c.is_whitespace() => {
                space = !text.is_empty();
                continue;
            }
            c => {
                if count == PROMPT_CHARS {
                    text.push('…');
                    break;
                }
                if space {
                    text.push(' ');
                    count += 1;
                    space = false;
                }
                text.push(c);
                count += 1;
            }
        }
    }
    text
}

/// Characters of a prompt the progress page shows.
const PROMPT_CHARS: usize = 100;

fn metadata(
    guide: &Guide,
    chunks: &[&str],
    chunk_of: &rustc_hash::FxHashMap<&str, usize>,
) -> String {
    let bp = &guide.blueprint;
    let mut questions = Vec::new();
    for &i in &guide.order {
        let page = &guide.pages[i];
        for q in &page.src.quizzes {
            let case = (q.scored().first().map(|s| s.id.as_str()) != Some(q.id.as_str()))
                .then_some(q.id.as_str());
            for s in q.scored() {
                // The first item of the default version (`MLA-C02:…` ids are another version's).
                let task = s
                    .covers
                    .iter()
                    .find(|c| crate::source::exams::split(c).is_none())
                    .and_then(|c| bp.task_of_item(c))
                    .map(|t| t.id.clone())
                    .unwrap_or_default();
                let domain = task.split('.').next().unwrap_or("").to_string();
                questions.push(BankQuestion {
                    id: &s.id,
                    kind: s.kind.name(),
                    domain,
                    task,
                    page: &page.out,
                    case,
                    prompt: prompt_summary(&s.prompt),
                    chunk: chunk_of.get(q.id.as_str()).copied(),
                    items: s
                        .covers
                        .iter()
                        .filter(|c| crate::source::exams::split(c).is_none())
                        .cloned()
                        .collect(),
                    versions: crate::coverage::versions::question_domains(guide, q, s),
                });
            }
        }
    }
    // Each version's coverage, made once: the default first, then the others in order.
    let coverages: Vec<crate::coverage::Coverage> = std::iter::once(bp)
        .chain(guide.exams.versions.iter())
        .map(|v| crate::coverage::Coverage::compute_for(guide, v))
        .collect();
    let sections = teaching_pages(guide, &coverages);
    let domains = bank_domains(guide, bp, true, &coverages[0], &sections);
    let versions = guide
        .exams
        .versions
        .iter()
        .zip(&coverages[1..])
        .map(|(v, coverage)| {
            let version = BankVersion {
                exam: &v.exam,
                domains: bank_domains(guide, v, false, coverage, &sections),
            };
            (v.exam.code.clone(), version)
        })
        .collect();
    let pages = guide
        .order
        .iter()
        .map(|&i| &guide.pages[i])
        .filter(|p| !p.src.quizzes.is_empty())
        .map(|p| (p.out.as_str(), p.src.front.title.as_str()))
        .collect();
    let bank = Bank {
        pages,
        chunks,
        key: crate::html::slug(&guide.config.book.title),
        exam: &bp.exam,
        domains,
        questions,
        versions,
    };
    format!(
        "window.STUDYGUIDE_BANK = {};\n",
        crate::assets::script::json(&bank)
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn prompt_summaries_are_plain_and_bounded() {
        assert_eq!(
            super::prompt_summary(
                "Which **two** `max_depth` values in [the docs](a.md#x)?\n\nMore."
            ),
            "Which two max_depth values in the docs? More."
        );
        let long = "ß".repeat(150);
        let s = super::prompt_summary(&long);
        assert_eq!(s.chars().count(), super::PROMPT_CHARS + 1);
        assert!(s.ends_with('…'));
        assert_eq!(super::prompt_summary("   "), "");
    }

    #[test]
    fn rebases_links_for_the_practice_page() {
        let html = r##"<a href="../glossary.html#s3">S3</a> <a href="#q-x">x</a> <a href="b.html">b</a> <a href="https://aws.amazon.com/">aws</a> <img src="img/a.png">"##;
        assert_eq!(
            super::rebase(html, "d1/a.html", "practice.html"),
            r##"<a href="glossary.html#s3">S3</a> <a href="d1/a.html#q-x">x</a> <a href="d1/b.html">b</a> <a href="https://aws.amazon.com/">aws</a> <img src="d1/img/a.png">"##
        );
    }

    #[test]
    fn code_samples_are_not_rebased() {
        let html = r##"<p>See <a href="b.html">b</a>:</p><pre class="code"><code>&lt;a href="other.html"&gt; src="x.png"</code></pre>"##;
        assert_eq!(
            super::rebase(html, "d1/a.html", "practice.html"),
            html.replace("\"b.html\"", "\"d1/b.html\"")
        );
    }
}
