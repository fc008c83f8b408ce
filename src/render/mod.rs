//! Rendering page bodies: Markdown to HTML ([`markdown`]) with highlighted code
//! ([`highlight`]), glossary links and questions ([`quiz_html`]). Whole pages are made later,
//! by `site`.

pub(crate) mod highlight;
pub(crate) mod markdown;
pub(crate) mod quiz_html;

use crate::diagnostic::Diagnostic;
use crate::html::escape;
use crate::model::links::relative_url;
use crate::model::Guide;
use markdown::Context as MdContext;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Renders every page's Markdown and questions; returns the diagnostics (broken links…).
pub(crate) fn render_bodies(guide: &mut Guide) -> Vec<Diagnostic> {
    let all: Vec<usize> = (0..guide.pages.len()).collect();
    render_bodies_of(guide, &all)
}

/// Renders the Markdown and questions of the pages in `only`. The glossary page goes first:
/// the other pages link its terms, and it then lists, under each term, the pages that do.
pub(crate) fn render_bodies_of(guide: &mut Guide, only: &[usize]) -> Vec<Diagnostic> {
    let glossary_page = guide
        .pages
        .iter()
        .position(|p| p.src.rel == guide.config.build.glossary);
    let mut diags = Vec::new();
    let (first, rest): (Vec<usize>, Vec<usize>) =
        only.iter().partition(|&&i| Some(i) == glossary_page);
    diags.extend(render_some(guide, &first, None));
    let terms =
        glossary_page.map(|g| (g, markdown::GlossaryTerms::new(&guide.pages[g].body.terms)));
    diags.extend(render_some(guide, &rest, terms.as_ref()));
    // The lists need every page's links, so they are only made when the glossary itself is
    // rendered (serve's one-page rebuilds fall back to a full one when a page's terms change).
    if let Some((g, _)) = terms.filter(|(g, _)| first.contains(g)) {
        list_term_uses(guide, g);
    }
    diags
}

/// Under each glossary term, the pages (in reading order) that link it.
fn list_term_uses(guide: &mut Guide, g: usize) {
    let glossary_out = guide.pages[g].out.clone();
    let mut uses: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for &i in &guide.order {
        let p = &guide.pages[i];
        for id in &p.body.glossary_links {
            let link = format!(
                "<a href=\"{}\">{}</a>",
                escape(&relative_url(&glossary_out, &p.out)),
                escape(&p.src.front.title)
            );
            uses.entry(id.as_str()).or_default().push(link);
        }
    }
    // One pass over the glossary: after each term's definition, the pages that use it.
    let old = &guide.pages[g].body.html;
    let mut html = String::with_capacity(old.len() + uses.len() * 200);
    let mut rest = old.as_str();
    while let Some(dt) = rest.find("<dt id=\"") {
        let id_start = dt + "<dt id=\"".len();
        let Some(id_len) = rest[id_start..].find('"') else {
            break;
        };
        let id = &rest[id_start..id_start + id_len];
        let Some(end) = rest[id_start..].find("</dd>").map(|e| id_start + e) else {
            break;
        };
        html.push_str(&rest[..end]);
        if let Some(links) = uses.get(id) {
            html.push_str(&format!(
                "<p class=\"term-uses\">Used on: {}</p>",
                links.join(", ")
            ));
        }
        rest = &rest[end..];
    }
    html.push_str(rest);
    guide.pages[g].body.html = html;
}

fn render_some(
    guide: &mut Guide,
    only: &[usize],
    glossary: Option<&(usize, markdown::GlossaryTerms)>,
) -> Vec<Diagnostic> {
    let links = &guide.links;
    let absent = &guide.absent;
    let pages = &guide.pages;
    let results: Vec<_> = only
        .par_iter()
        .map(|&i| {
            let page = &pages[i];
            let mut diags = Vec::new();
            // A link that depends on a file with errors is left as written and counted, not
            // reported: that file's own error is the one to fix.
            let unchecked = std::cell::RefCell::new(Vec::new());
            let resolve = |dest: &str| match links.resolve(&page.src.rel, &page.out, dest) {
                Err(message) => match absent.explain(&page.src.rel, dest) {
                    Some(Ok(blocker)) => {
                        unchecked.borrow_mut().push(blocker);
                        Ok(crate::model::links::Resolved::External)
                    }
                    Some(Err(better)) => Err(better),
                    None => Err(message),
                },
                resolved => resolved,
            };
            let terms = glossary
                .filter(|_| page.src.front.link_glossary)
                .map(|(g, terms)| markdown::Glossary {
                    url: relative_url(&page.out, &pages[*g].out),
                    terms,
                });
            let cx = MdContext {
                display: &page.src.display,
                file: &page.src.text,
                base: page.src.body_offset,
                resolve: &resolve,
                fixed_offset: None,
                glossary: terms.as_ref(),
            };
            let mut body = markdown::render(page.src.body(), &cx, &mut diags);
            let mut numbered = 0;
            let questions: Vec<String> = page
                .src
                .quizzes
                .iter()
                .map(|q| {
                    numbered += 1;
                    let qcx = MdContext {
                        fixed_offset: Some(q.offset),
                        glossary: None,
                        ..cx
                    };
                    let mut html = quiz_html::render(q, numbered, &qcx, &mut body, &mut diags);
                    html.shrink_to_fit();
                    html
                })
                .collect();
            // Kept until the print view is written: without the slack of amortized growth
            // the peak memory at 10,000 pages is 45 MB lower.
            body.html.shrink_to_fit();
            (body, questions, diags, unchecked.into_inner())
        })
        .collect();
    let mut diags = Vec::new();
    for (&i, (body, questions, d, unchecked)) in only.iter().zip(results) {
        let page = &mut guide.pages[i];
        page.body = body;
        page.questions_html = questions;
        page.unchecked = unchecked;
        diags.extend(d);
    }
    diags
}
