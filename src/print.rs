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

#[derive(serde::Serialize)]
pub struct PrintPage {
    pub anchor: String,
    pub title: String,
    pub content: String,
    pub questions: String,
}

/// Every page in reading order, its HTML rewritten for the one-page view.
pub fn pages(guide: &Guide) -> Vec<PrintPage> {
    let anchors: HashMap<&str, String> = guide
        .pages
        .iter()
        .map(|p| (p.out.as_str(), page_anchor(&p.out)))
        .collect();
    guide
        .order
        .iter()
        .map(|&i| {
            let p = &guide.pages[i];
            let own = &anchors[p.out.as_str()];
            PrintPage {
                anchor: own.clone(),
                title: p.src.front.title.clone(),
                content: rewrite(&p.body.html, &p.out, own, &anchors),
                questions: p
                    .questions_html
                    .iter()
                    .map(|q| rewrite(q, &p.out, own, &anchors))
                    .collect(),
            }
        })
        .collect()
}

/// Rewrites `id`, `href`, `src` and `for`/`aria-*` id references of one page's HTML, in one
/// pass over it.
pub fn rewrite(html: &str, out: &str, own: &str, anchors: &HashMap<&str, String>) -> String {
    let mut result = String::with_capacity(html.len() + html.len() / 8);
    let mut copied = 0;
    let mut search = 0;
    while let Some(found) = html[search..].find("=\"") {
        let eq = search + found;
        let value_start = eq + 2;
        let Some(len) = html[value_start..].find('"') else {
            break;
        };
        let value_end = value_start + len;
        search = value_end + 1;
        let name_start = html[..eq].rfind(' ').map_or(0, |p| p + 1);
        let name = &html[name_start..eq];
        if name_start == 0 || !ATTRS.contains(&name) {
            continue;
        }
        let value = &html[value_start..value_end];
        result.push_str(&html[copied..value_start]);
        result.push_str(&match name {
            "href" | "src" => link(value, out, own, anchors),
            _ => value
                .split(' ')
                .filter(|v| !v.is_empty())
                .map(|v| format!("{own}--{v}"))
                .collect::<Vec<_>>()
                .join(" "),
        });
        copied = value_end;
    }
    result.push_str(&html[copied..]);
    result
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
