//! The site's navigation: the sidebar (a window around the current page on every level, so a
//! page's sidebar stays small whatever the layout), section pages' lists of their pages and the
//! contents page that lists every page.

use super::{Link, Renderer};
use crate::diagnostic::Diagnostic;
use crate::model::links::relative_url;
use crate::model::{Guide, NavNode, PageKind};
use crate::write::OutputFile;
use serde::Serialize;

#[derive(Serialize)]
pub(super) struct NavItem {
    title: String,
    label: String,
    url: String,
    current: bool,
    open: bool,
    children: Vec<NavItem>,
    /// Children not listed (a long section shows a window around the current page).
    hidden: usize,
    total: usize,
}

/// Each page's position among its siblings in the navigation tree, and the domain and task pages
/// (always listed in the sidebar).
pub(super) fn positions(guide: &Guide) -> (Vec<usize>, Vec<usize>) {
    let mut sibling = vec![0; guide.pages.len()];
    fn number(nodes: &[NavNode], sibling: &mut [usize]) {
        for (k, n) in nodes.iter().enumerate() {
            sibling[n.page] = k;
            number(&n.children, sibling);
        }
    }
    number(&guide.nav, &mut sibling);
    let special = (0..guide.pages.len())
        .filter(|&i| matches!(guide.pages[i].kind, PageKind::Domain(_) | PageKind::Task(_)))
        .collect();
    (sibling, special)
}

impl Renderer<'_> {
    /// The sidebar of the page at `out` (`current`: its page, if it is a content page), the
    /// home link and the contents page's link, into `cx`. `root`: the path to the site's root.
    pub(super) fn nav_context(
        &self,
        cx: &mut tera::Context,
        out: &str,
        root: &str,
        current: Option<usize>,
    ) {
        let g = self.guide;
        let open_chain = self.ancestors(current);
        cx.insert(
            "home_url",
            &g.home
                .map(|h| relative_url(out, &g.pages[h].out))
                .unwrap_or_else(|| format!("{root}index.html")),
        );
        cx.insert("home_current", &(current.is_some() && current == g.home));
        let (shown, hidden) = self.nav_window(&g.nav, &open_chain);
        let nav: Vec<NavItem> = shown
            .into_iter()
            .map(|n| self.nav_item(n, out, current, &open_chain))
            .collect();
        cx.insert("nav", &nav);
        // Top-level pages left out of the sidebar are on the contents page.
        cx.insert("nav_hidden", &hidden);
        cx.insert("nav_total", &g.nav.len());
        let contents = crate::model::generated::CONTENTS;
        cx.insert("contents_url", &relative_url(out, contents));
        cx.insert("contents_current", &(out == contents));
    }

    /// `current` and its sections, innermost first (the sidebar's open sections, the breadcrumbs).
    pub(super) fn ancestors(&self, current: Option<usize>) -> Vec<usize> {
        let mut chain = Vec::new();
        let mut cur = current;
        while let Some(i) = cur {
            chain.push(i);
            cur = self.guide.parent[i];
        }
        chain
    }

    /// One sidebar entry. Only the sections on the way to the current page are expanded, and a
    /// long section shows a window around the current page (plus its task pages) and a link to
    /// the rest: the sidebar stays small however many pages the guide has, so the build stays
    /// linear in the number of pages.
    fn nav_item(&self, n: &NavNode, out: &str, current: Option<usize>, open: &[usize]) -> NavItem {
        let p = &self.guide.pages[n.page];
        let is_open = open.contains(&n.page);
        let (shown, hidden) = if is_open {
            self.nav_window(&n.children, open)
        } else {
            (Vec::new(), 0)
        };
        NavItem {
            title: p.src.front.title.clone(),
            label: match &p.kind {
                PageKind::Task(id) => id.clone(),
                PageKind::Domain(id) => format!("Domain {id}"),
                _ => String::new(),
            },
            url: relative_url(out, &p.out),
            current: current == Some(n.page),
            open: is_open,
            children: shown
                .into_iter()
                .map(|c| self.nav_item(c, out, current, open))
                .collect(),
            hidden,
            total: n.children.len(),
        }
    }

    /// The pages of section `i` in reading order, unless they are all task pages (the domain
    /// page lists those in its own table) or `i` is the home page.
    pub(super) fn section_links(&self, out: &str, i: usize) -> Vec<Link> {
        let g = self.guide;
        if Some(i) == g.home {
            return Vec::new();
        }
        let children = &self.kids[i];
        if children
            .iter()
            .all(|&c| matches!(g.pages[c].kind, PageKind::Task(_)))
        {
            return Vec::new();
        }
        children.iter().map(|&c| self.link_to(out, c)).collect()
    }

    /// The entries of one level of the sidebar to list (the top level or an open section's
    /// children), and how many are left out: a long list shows a window around the entry on the
    /// way to the current page (or its first entries), plus its domain and task pages. The
    /// current page's own level (the top level, off the content pages) gets a wide window;
    /// every other open level (the sections above the current page, and the current section's
    /// own pages, which its page lists anyway) a narrow one. So the sidebar is bounded whatever
    /// the layout: top-level pages, a folder without `_index.md`, one huge section, or deep
    /// nesting whose sections fill up (issue 16). The rest is one step away on the section page
    /// or the contents page.
    fn nav_window<'n>(&self, children: &'n [NavNode], open: &[usize]) -> (Vec<&'n NavNode>, usize) {
        const WINDOW: usize = 10;
        const NARROW: usize = 3;
        // Found through each page's position among its siblings, so a page's sidebar costs the
        // size of the window, not of the level (10,000 top-level pages would make it quadratic).
        let at = |page: usize| {
            Some(self.sibling[page]).filter(|&k| children.get(k).is_some_and(|c| c.page == page))
        };
        // `open` starts with the current page, then the sections above it.
        let found = open
            .iter()
            .enumerate()
            .find_map(|(depth, &o)| at(o).map(|k| (depth, k)));
        let (width, here) = match found {
            Some((0, k)) => (WINDOW, k),
            Some((_, k)) => (NARROW, k),
            None if open.is_empty() => (WINDOW, 0),
            None => (NARROW, 0),
        };
        if children.len() <= 3 * width {
            return (children.iter().collect(), 0);
        }
        let window = here.saturating_sub(width)..=here + width;
        let mut picked: Vec<usize> = window.clone().filter(|&k| k < children.len()).collect();
        picked.extend(
            self.special
                .iter()
                .filter_map(|&p| at(p))
                .filter(|k| !window.contains(k)),
        );
        picked.sort_unstable();
        let shown: Vec<&NavNode> = picked.into_iter().map(|k| &children[k]).collect();
        let hidden = children.len() - shown.len();
        (shown, hidden)
    }

    /// The contents page: every page in reading order as nested lists, written here rather
    /// than in the template (one string for thousands of links; the template places it).
    pub(super) fn contents_page(&self) -> Result<OutputFile, Diagnostic> {
        use std::fmt::Write as _;
        let out = crate::model::generated::CONTENTS;
        let g = self.guide;
        let mut html = String::with_capacity(64 * g.pages.len() + 64);
        let entry = |html: &mut String, i: usize| {
            let p = &g.pages[i];
            let label = match &p.kind {
                PageKind::Task(id) => format!(
                    "<span class=\"nav-label\">{}</span> ",
                    crate::html::escape(id)
                ),
                PageKind::Domain(id) => {
                    format!(
                        "<span class=\"nav-label\">Domain {}</span> ",
                        crate::html::escape(id)
                    )
                }
                _ => String::new(),
            };
            let _ = write!(
                html,
                "<a href=\"{}\">{label}{}</a>",
                crate::html::escape(&relative_url(out, &p.out)),
                crate::html::escape(&p.src.front.title)
            );
        };
        fn list(html: &mut String, nodes: &[NavNode], entry: &dyn Fn(&mut String, usize)) {
            html.push_str("<ul>\n");
            for n in nodes {
                html.push_str("<li>");
                entry(html, n.page);
                if !n.children.is_empty() {
                    list(html, &n.children, entry);
                }
                html.push_str("</li>\n");
            }
            html.push_str("</ul>\n");
        }
        html.push_str("<ul class=\"contents\">\n");
        if let Some(h) = g.home {
            html.push_str("<li>");
            entry(&mut html, h);
            html.push_str("</li>\n");
        }
        for n in &g.nav {
            html.push_str("<li>");
            entry(&mut html, n.page);
            if !n.children.is_empty() {
                list(&mut html, &n.children, &entry);
            }
            html.push_str("</li>\n");
        }
        html.push_str("</ul>\n");
        let mut cx = self.base_context(out, None);
        cx.insert("canonical", &self.canonical(out));
        cx.insert("contents", &html);
        cx.insert("page_count", &g.pages.len());
        let print: Vec<Link> = crate::assets::print::parts(g)
            .into_iter()
            .map(|p| Link {
                title: p.title,
                url: relative_url(out, &p.path),
            })
            .collect();
        cx.insert("print_whole_url", &relative_url(out, "print.html"));
        cx.insert("print_parts", &print);
        self.render_template("contents.html", &cx, out)
    }
}
