//! Model: turns parsed pages and the blueprint into a `Guide` — output paths, which page is
//! which domain or task, the navigation tree and the reading order — and reports pages that
//! contradict each other or the blueprint.

use crate::blueprint::Blueprint;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::links::{output_path, LinkIndex};
use crate::markdown::Rendered;
use crate::page::ParsedPage;
use std::collections::HashMap;

/// Pages the generator writes itself; content may not claim their paths.
pub const GENERATED: &[&str] = &[
    "coverage.html",
    "progress.html",
    "practice.html",
    "print.html",
    "404.html",
    "sitemap.xml",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageKind {
    Home,
    Domain(String),
    Task(String),
    Plain,
}

#[derive(Debug)]
pub struct Page {
    pub src: ParsedPage,
    pub out: String,
    pub kind: PageKind,
    /// Filled by the render stage's Markdown pass.
    pub body: Rendered,
    /// Each question rendered to HTML, in front-matter order (also filled by render).
    pub questions_html: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct NavNode {
    pub page: usize,
    pub children: Vec<NavNode>,
}

#[derive(Debug)]
pub struct Guide {
    pub config: Config,
    pub blueprint: Blueprint,
    /// The exam's other versions and the crosswalks (empty for a one-version guide).
    pub exams: crate::exams::Exams,
    pub pages: Vec<Page>,
    /// The home page (`_index.md`), if there is one.
    pub home: Option<usize>,
    /// Top-level navigation, without the home page.
    pub nav: Vec<NavNode>,
    /// Every page in reading order (home first), for previous/next.
    pub order: Vec<usize>,
    /// Parent section page of each page (by index), for breadcrumbs.
    pub parent: Vec<Option<usize>>,
    pub links: LinkIndex,
    /// Other files under content/: content-relative path and bytes.
    pub assets: Vec<(String, Vec<u8>)>,
}

impl Guide {
    pub fn task_page(&self, id: &str) -> Option<&Page> {
        self.pages
            .iter()
            .find(|p| p.kind == PageKind::Task(id.to_string()))
    }

    pub fn domain_page(&self, id: &str) -> Option<&Page> {
        self.pages
            .iter()
            .find(|p| p.kind == PageKind::Domain(id.to_string()))
    }
}

fn dir_of(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(d, _)| d)
}

/// Builds the guide. Drafts are left out.
pub fn build(
    config: Config,
    blueprint: Blueprint,
    parsed: Vec<ParsedPage>,
    assets: Vec<(String, Vec<u8>)>,
) -> (Guide, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut pages: Vec<Page> = Vec::new();
    let mut claimed: HashMap<String, String> = GENERATED
        .iter()
        .map(|g| (g.to_string(), "the generator".to_string()))
        .collect();
    let mut claimed_task: HashMap<String, String> = HashMap::new();
    let mut claimed_domain: HashMap<String, String> = HashMap::new();
    for src in parsed.into_iter().filter(|p| !p.front.draft) {
        let out = output_path(&src.rel);
        if let Some(other) = claimed.get(&out) {
            diags.push(Diagnostic::error(
                "E014",
                &src.display,
                format!("output path `{out}` is already taken by {other}; rename one of them"),
            ));
            continue;
        }
        claimed.insert(out.clone(), format!("`{}`", src.display));
        let kind = match (&src.front.domain, &src.front.task) {
            (Some(_), Some(t)) => {
                diags.push(
                    Diagnostic::error(
                        "E015",
                        &src.display,
                        "a page can be a domain page or a task page, not both",
                    )
                    .at(&src.text, t.offset),
                );
                PageKind::Plain
            }
            (Some(d), None) => {
                if blueprint.domain(&d.value).is_none() {
                    diags.push(
                        Diagnostic::error(
                            "E016",
                            &src.display,
                            format!("unknown domain `{}`: it is not in the blueprint", d.value),
                        )
                        .at(&src.text, d.offset),
                    );
                    PageKind::Plain
                } else if let Some(other) =
                    claimed_domain.insert(d.value.clone(), src.display.clone())
                {
                    diags.push(
                        Diagnostic::error(
                            "E017",
                            &src.display,
                            format!("domain `{}` already has a page: `{other}`", d.value),
                        )
                        .at(&src.text, d.offset),
                    );
                    PageKind::Plain
                } else {
                    PageKind::Domain(d.value.clone())
                }
            }
            (None, Some(t)) => {
                if blueprint.task(&t.value).is_none() {
                    diags.push(
                        Diagnostic::error(
                            "E016",
                            &src.display,
                            format!("unknown task `{}`: it is not in the blueprint", t.value),
                        )
                        .at(&src.text, t.offset),
                    );
                    PageKind::Plain
                } else if let Some(other) =
                    claimed_task.insert(t.value.clone(), src.display.clone())
                {
                    diags.push(
                        Diagnostic::error(
                            "E017",
                            &src.display,
                            format!("task `{}` already has a page: `{other}`", t.value),
                        )
                        .at(&src.text, t.offset),
                    );
                    PageKind::Plain
                } else {
                    PageKind::Task(t.value.clone())
                }
            }
            (None, None) if src.rel == "_index.md" => PageKind::Home,
            (None, None) => PageKind::Plain,
        };
        pages.push(Page {
            src,
            out,
            kind,
            body: Rendered::default(),
            questions_html: Vec::new(),
        });
    }

    let mut links = LinkIndex::default();
    for p in &pages {
        links.pages.insert(p.src.rel.clone(), p.out.clone());
        match &p.kind {
            PageKind::Task(id) => drop(links.tasks.insert(id.clone(), p.out.clone())),
            PageKind::Domain(id) => drop(links.domains.insert(id.clone(), p.out.clone())),
            _ => {}
        }
    }
    for (d, t) in blueprint.tasks() {
        links.blueprint_domains.insert(d.id.clone());
        links.blueprint_tasks.insert(t.id.clone());
    }
    links.items = blueprint.items().map(|(_, i)| i.id.clone()).collect();
    links.assets = assets.iter().map(|(rel, _)| rel.clone()).collect();
    links.generated = GENERATED.iter().map(|g| g.to_string()).collect();

    // Navigation: each page hangs under the `_index.md` of the nearest directory above it.
    let section_of: HashMap<&str, usize> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.src.rel.ends_with("_index.md"))
        .map(|(i, p)| (dir_of(&p.src.rel), i))
        .collect();
    let home = section_of.get("").copied();
    let parent: Vec<Option<usize>> = pages
        .iter()
        .map(|p| {
            let mut dir = dir_of(&p.src.rel);
            if p.src.rel.ends_with("_index.md") {
                if dir.is_empty() {
                    return None;
                }
                dir = dir_of(dir);
            }
            loop {
                if let Some(&s) = section_of.get(dir) {
                    return Some(s);
                }
                if dir.is_empty() {
                    return None;
                }
                dir = dir_of(dir);
            }
        })
        .collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); pages.len()];
    let mut top: Vec<usize> = Vec::new();
    for (i, par) in parent.iter().enumerate() {
        match par {
            Some(s) if Some(*s) != home => children[*s].push(i),
            _ if Some(i) == home => {}
            _ => top.push(i),
        }
    }
    let key = |i: &usize| (pages[*i].src.front.weight, pages[*i].src.rel.clone());
    top.sort_by_key(key);
    for c in &mut children {
        c.sort_by_key(key);
    }
    fn node(i: usize, children: &[Vec<usize>]) -> NavNode {
        NavNode {
            page: i,
            children: children[i].iter().map(|&c| node(c, children)).collect(),
        }
    }
    let nav: Vec<NavNode> = top.iter().map(|&i| node(i, &children)).collect();
    let mut order = Vec::with_capacity(pages.len());
    order.extend(home);
    fn walk(n: &NavNode, order: &mut Vec<usize>) {
        order.push(n.page);
        n.children.iter().for_each(|c| walk(c, order));
    }
    nav.iter().for_each(|n| walk(n, &mut order));

    let guide = Guide {
        config,
        blueprint,
        exams: crate::exams::Exams::default(),
        pages,
        home,
        nav,
        order,
        parent,
        links,
        assets,
    };
    (guide, diags)
}
