//! The print view: the whole guide on one page in reading order. Each page's ids are
//! prefixed with the page's anchor so they stay unique, and links between pages are rewritten
//! to point inside the one page.

use crate::html::slug;
use crate::links::relative_url;
use crate::model::Guide;
use std::collections::HashMap;

/// The anchor of a page's section in the print view.
pub fn page_anchor(out: &str) -> String {
    format!(
        "p-{}",
        slug(&out.trim_end_matches(".html").replace('/', " "))
    )
}

/// What the print template gets for each page. `content` and `questions` are markers that
/// [`splice`] replaces with the page's rewritten HTML after the template has run: the template
/// decides the layout, but megabytes of HTML never pass through its context.
#[derive(serde::Serialize)]
pub struct PrintPage {
    pub anchor: String,
    pub title: String,
    pub content: String,
    pub questions: String,
}

const MARKER: &str = "<!--studyguide:print:";

/// Every page in reading order with markers for its HTML (see [`PrintPage`]), and the HTML
/// itself, rewritten for the one-page view (in parallel), for [`splice`].
pub fn pages(guide: &Guide) -> (Vec<PrintPage>, Vec<String>) {
    use rayon::prelude::*;
    let anchors: HashMap<&str, String> = guide
        .pages
        .iter()
        .map(|p| (p.out.as_str(), page_anchor(&p.out)))
        .collect();
    let html: Vec<(String, String)> = guide
        .order
        .par_iter()
        .map(|&i| {
            let p = &guide.pages[i];
            let own = &anchors[p.out.as_str()];
            let questions: String = p
                .questions_html
                .iter()
                .map(|q| rewrite(q, &p.out, own, &anchors))
                .collect();
            (rewrite(&p.body.html, &p.out, own, &anchors), questions)
        })
        .collect();
    let marks = guide
        .order
        .iter()
        .zip(&html)
        .enumerate()
        .map(|(n, (&i, (_, questions)))| {
            let p = &guide.pages[i];
            PrintPage {
                anchor: page_anchor(&p.out),
                title: p.src.front.title.clone(),
                content: format!("{MARKER}{}-->", 2 * n),
                // Empty when the page has no questions, so templates can test it.
                questions: if questions.is_empty() {
                    String::new()
                } else {
                    format!("{MARKER}{}-->", 2 * n + 1)
                },
            }
        })
        .collect();
    let parts = html.into_iter().flat_map(|(c, q)| [c, q]).collect();
    (marks, parts)
}

/// Replaces the markers of [`pages`] in the rendered template with the HTML they stand for.
pub fn splice(rendered: &str, parts: &[String]) -> String {
    let total: usize = parts.iter().map(String::len).sum();
    let mut out = String::with_capacity(rendered.len() + total);
    let mut rest = rendered;
    while let Some(at) = rest.find(MARKER) {
        let after = &rest[at + MARKER.len()..];
        let Some(end) = after.find("-->") else { break };
        match after[..end]
            .parse::<usize>()
            .ok()
            .and_then(|n| parts.get(n))
        {
            Some(part) => {
                out.push_str(&rest[..at]);
                out.push_str(part);
            }
            None => out.push_str(&rest[..at + MARKER.len() + end + 3]),
        }
        rest = &after[end + 3..];
    }
    out.push_str(rest);
    out
}

/// Rewrites `id`, `href`, `src` and `for`/`aria-*` id references of one page's HTML, in one
/// pass over it.
pub fn rewrite(html: &str, out: &str, own: &str, anchors: &HashMap<&str, String>) -> String {
    crate::html::rewrite_attrs(html, |name, value| match name {
        "href" | "src" => Some(link(value, out, own, anchors)),
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

fn link(url: &str, out: &str, own: &str, anchors: &HashMap<&str, String>) -> String {
    if url.contains("://") || url.starts_with("mailto:") {
        return url.to_string();
    }
    let (path, frag) = url.split_once('#').unwrap_or((url, ""));
    if path.is_empty() {
        return format!("#{own}--{frag}");
    }
    // Resolve against the page's folder to a path from the site root.
    let Some(target) = crate::links::join(out, path) else {
        return url.to_string();
    };
    match anchors.get(target.as_str()) {
        Some(a) if frag.is_empty() => format!("#{a}"),
        Some(a) => format!("#{a}--{frag}"),
        // Not a page (an image, the coverage matrix): a plain link from the site root.
        None => relative_url("print.html", &target) + if frag.is_empty() { "" } else { "#" } + frag,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splice_replaces_markers_and_keeps_unknown_ones() {
        let parts = vec!["<p>a</p>".to_string(), "<p>b</p>".to_string()];
        let rendered = format!("x{MARKER}1-->y{MARKER}0-->z{MARKER}9-->w");
        assert_eq!(
            splice(&rendered, &parts),
            format!("x<p>b</p>y<p>a</p>z{MARKER}9-->w")
        );
    }

    #[test]
    fn rewrites_ids_and_links_into_the_one_page() {
        let anchors: HashMap<&str, String> = [
            ("d1/a.html", page_anchor("d1/a.html")),
            ("d2/b.html", page_anchor("d2/b.html")),
        ]
        .into_iter()
        .collect();
        let html = r##"<h2 id="x">X <a href="#x">#</a></h2><a href="../d2/b.html#y">b</a> <a href="../d2/b.html">b</a> <img src="img.png"> <a href="../coverage.html#item-1.1.K1">c</a> <a href="https://aws.amazon.com/">e</a> <label for="m0">l</label>"##;
        let got = rewrite(html, "d1/a.html", &anchors["d1/a.html"], &anchors);
        assert_eq!(
            got,
            r##"<h2 id="p-d1-a--x">X <a href="#p-d1-a--x">#</a></h2><a href="#p-d2-b--y">b</a> <a href="#p-d2-b">b</a> <img src="d1/img.png"> <a href="coverage.html#item-1.1.K1">c</a> <a href="https://aws.amazon.com/">e</a> <label for="p-d1-a--m0">l</label>"##
        );
    }
}
