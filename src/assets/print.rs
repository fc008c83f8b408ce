//! The print view: the whole guide on one page in reading order, and beside it one view per
//! top-level section or domain (`print/<section>.html`, issue 16), a large one in runs of at
//! most [`PART_PAGES`] pages, which stay printable when the whole guide is hundreds of
//! megabytes. Each page's ids are prefixed with the page's anchor so they stay unique, and links
//! between pages are rewritten to point inside the one page.

use crate::html::slug;
use crate::model::links::relative_url;
use crate::model::Guide;
use std::collections::HashMap;
use std::ops::Range;

/// One part of the guide with its own print view: a top-level section and everything under it.
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct PrintPart {
    /// Output path (`print/<section>.html`).
    pub(crate) path: String,
    pub(crate) title: String,
    /// Its pages, as positions in the reading order.
    #[serde(skip)]
    pub(crate) range: Range<usize>,
}

/// The folder of the part views; every file in it is a print view.
pub(crate) const PARTS_DIR: &str = "print/";

/// The most pages in one part view. A top-level section with more, or a guide without
/// sections, is printed in runs of this many pages, so every part stays a size a browser prints.
pub(crate) const PART_PAGES: usize = 100;

/// The top-level sections (or domains) that hold other pages, each with its print view, a large
/// one in runs of [`PART_PAGES`] pages. With fewer than two sections, runs of the whole guide
/// when it has more than [`PART_PAGES`] pages, else none (the whole view serves).
pub(crate) fn parts(guide: &Guide) -> Vec<PrintPart> {
    fn size(n: &crate::model::NavNode) -> usize {
        1 + n.children.iter().map(size).sum::<usize>()
    }
    let taken: std::collections::HashSet<&str> =
        guide.pages.iter().map(|p| p.out.as_str()).collect();
    let mut seen = std::collections::HashSet::new();
    let mut start = usize::from(guide.home.is_some());
    // (slug, title, range) of each top-level section with pages under it.
    let mut sections = Vec::new();
    for n in &guide.nav {
        let len = size(n);
        let p = &guide.pages[n.page];
        let dir = p.out.trim_end_matches(".html").trim_end_matches("/index");
        if !n.children.is_empty() {
            sections.push((
                slug(&dir.replace('/', " ")),
                p.src.front.title.clone(),
                start..start + len,
            ));
        }
        start += len;
    }
    if sections.len() < 2 {
        // One section is (nearly) the whole guide: the whole view serves, cut in runs if large.
        sections = vec![("part".to_string(), String::new(), 0..guide.order.len())];
        if guide.order.len() <= PART_PAGES {
            return Vec::new();
        }
    }
    let title_of = |n: usize| guide.pages[guide.order[n]].src.front.title.as_str();
    let mut parts = Vec::new();
    for (name, title, range) in sections {
        let runs = range.len().div_ceil(PART_PAGES);
        for k in 0..runs {
            let first = range.start + k * PART_PAGES;
            let run = first..(first + PART_PAGES).min(range.end);
            let (path, title) = if runs == 1 {
                (format!("{PARTS_DIR}{name}.html"), title.clone())
            } else {
                let which = format!(
                    "{} of {runs} ({} to {})",
                    k + 1,
                    title_of(run.start),
                    title_of(run.end - 1)
                );
                let title = if title.is_empty() {
                    format!("Part {which}")
                } else {
                    format!("{title}, part {which}")
                };
                (format!("{PARTS_DIR}{name}-{}.html", k + 1), title)
            };
            if !taken.contains(path.as_str()) && seen.insert(path.clone()) {
                parts.push(PrintPart {
                    path,
                    title,
                    range: run,
                });
            }
        }
    }
    parts
}

/// The anchor of a page's section in the print view.
pub(crate) fn page_anchor(out: &str) -> String {
    format!(
        "p-{}",
        slug(&out.trim_end_matches(".html").replace('/', " "))
    )
}

/// What the print template gets for each page. `content` and `questions` are markers that
/// [`stream`] replaces with the page's rewritten HTML after the template has run: the template
/// decides the layout, but megabytes of HTML never pass through its context.
#[derive(serde::Serialize)]
pub(crate) struct PrintPage {
    pub(crate) anchor: String,
    pub(crate) title: String,
    pub(crate) content: String,
    pub(crate) questions: String,
}

const MARKER: &str = "<!--studyguide:print:";

/// The pages at positions `range` of the reading order, with markers for their HTML (see
/// [`PrintPage`]): marker `2n` is the text of the `n`th page of the reading order, `2n + 1` its
/// questions.
pub(crate) fn pages(guide: &Guide, range: Range<usize>) -> Vec<PrintPage> {
    guide.order[range.clone()]
        .iter()
        .zip(range)
        .map(|(&i, n)| {
            let p = &guide.pages[i];
            PrintPage {
                anchor: page_anchor(&p.out),
                title: p.src.front.title.clone(),
                content: format!("{MARKER}{}-->", 2 * n),
                // Empty when the page has no questions, so templates can test it.
                questions: if p.questions_html.is_empty() {
                    String::new()
                } else {
                    format!("{MARKER}{}-->", 2 * n + 1)
                },
            }
        })
        .collect()
}

/// Writes the print view at `view` (holding the pages at positions `range` of the reading
/// order): the rendered template with each marker replaced by the page HTML it stands for,
/// rewritten for the one page; links to pages outside the view stay links to those pages.
/// Pages are rewritten in parallel, a batch at a time, so the whole view is never in memory.
pub(crate) fn stream(
    rendered: &str,
    guide: &Guide,
    view: &str,
    range: Range<usize>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    const BATCH: usize = 64;
    let anchors: HashMap<&str, String> = guide.order[range.clone()]
        .iter()
        .map(|&i| &guide.pages[i])
        .map(|p| (p.out.as_str(), page_anchor(&p.out)))
        .collect();
    let part = |n: usize| -> (String, String) {
        let p = &guide.pages[guide.order[n]];
        let own = &anchors[p.out.as_str()];
        let questions: String = p
            .questions_html
            .iter()
            .map(|q| rewrite(q, view, &p.out, own, &anchors))
            .collect();
        (
            rewrite(&p.body.html, view, &p.out, own, &anchors),
            questions,
        )
    };
    // The rewritten pages of the current batch, from page `first` on.
    let mut first = 0;
    let mut batch: Vec<(String, String)> = Vec::new();
    let mut rest = rendered;
    while let Some(at) = rest.find(MARKER) {
        let after = &rest[at + MARKER.len()..];
        let Some(end) = after.find("-->") else { break };
        let marker_end = at + MARKER.len() + end + 3;
        let Some(n) = after[..end]
            .parse::<usize>()
            .ok()
            .filter(|n| range.contains(&(n / 2)))
        else {
            out.write_all(&rest.as_bytes()[..marker_end])?;
            rest = &rest[marker_end..];
            continue;
        };
        let page = n / 2;
        if page < first || page >= first + batch.len() {
            first = page;
            let last = (page + BATCH).min(range.end);
            batch = (page..last).into_par_iter().map(part).collect();
        }
        out.write_all(&rest.as_bytes()[..at])?;
        let (content, questions) = &batch[page - first];
        out.write_all(if n % 2 == 0 { content } else { questions }.as_bytes())?;
        rest = &rest[marker_end..];
    }
    out.write_all(rest.as_bytes())
}

/// Rewrites `id`, `href`, `src` and `for`/`aria-*` id references of one page's HTML, in one
/// pass over it.
/// `view` is the print view's own path, `out` the page's.
pub(crate) fn rewrite(
    html: &str,
    view: &str,
    out: &str,
    own: &str,
    anchors: &HashMap<&str, String>,
) -> String {
    crate::html::rewrite_attrs(html, |name, value| match name {
        "href" | "src" => Some(link(value, view, out, own, anchors)),
        _ if ATTRS.contains(&name) => Some(
            value
                .split(' ')
                .filter(|v| !v.is_empty())
                .map(|v| format!("{own}--{v}"))
                .collect::<Vec<_>>()
                .join(" "),
        ),
        _ => None,
    })
}

const ATTRS: &[&str] = &[
    "id",
    "href",
    "src",
    "for",
    "aria-labelledby",
    "aria-describedby",
    "aria-controls",
];

fn link(url: &str, view: &str, out: &str, own: &str, anchors: &HashMap<&str, String>) -> String {
    if url.contains("://") || url.starts_with("mailto:") {
        return url.to_string();
    }
    let (path, frag) = url.split_once('#').unwrap_or((url, ""));
    if path.is_empty() {
        return format!("#{own}--{frag}");
    }
    // Resolve against the page's folder to a path from the site root.
    let Some(target) = crate::model::links::join(out, path) else {
        return url.to_string();
    };
    match anchors.get(target.as_str()) {
        Some(a) if frag.is_empty() => format!("#{a}"),
        Some(a) => format!("#{a}--{frag}"),
        // Not a page of this view (an image, the coverage matrix, a page of another part): a
        // plain link from the view.
        None => relative_url(view, &target) + if frag.is_empty() { "" } else { "#" } + frag,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_ids_and_links_into_the_one_page() {
        let anchors: HashMap<&str, String> = [
            ("d1/a.html", page_anchor("d1/a.html")),
            ("d2/b.html", page_anchor("d2/b.html")),
        ]
        .into_iter()
        .collect();
        let html = r##"<h2 id="x">X <a href="#x">#</a></h2><a href="../d2/b.html#y">b</a> <a href="../d2/b.html">b</a> <img src="img.png"> <a href="../coverage.html#item-1.1.K1">c</a> <a href="https://aws.amazon.com/">e</a> <label for="m0">l</label>"##;
        let got = rewrite(
            html,
            "print.html",
            "d1/a.html",
            &anchors["d1/a.html"],
            &anchors,
        );
        assert_eq!(
            got,
            r##"<h2 id="p-d1-a--x">X <a href="#p-d1-a--x">#</a></h2><a href="#p-d2-b--y">b</a> <a href="#p-d2-b">b</a> <img src="d1/img.png"> <a href="coverage.html#item-1.1.K1">c</a> <a href="https://aws.amazon.com/">e</a> <label for="p-d1-a--m0">l</label>"##
        );
    }

    #[test]
    fn code_samples_are_copied_byte_for_byte() {
        let anchors: HashMap<&str, String> = [("d1/a.html", page_anchor("d1/a.html"))]
            .into_iter()
            .collect();
        let code = r##"<pre class="code hl-code" data-lang="html"><code><span class="hl-p">&lt;</span>a href="other.html" id="x"&gt; &lt;img src="i.png"&gt;</code></pre>"##;
        let got = rewrite(
            code,
            "print.html",
            "d1/a.html",
            &anchors["d1/a.html"],
            &anchors,
        );
        assert_eq!(got, code);
    }
}
