//! Model: turns parsed pages and the blueprint into a `Guide` — output paths, which page is
//! which domain or task, the navigation tree and the reading order — and reports pages that
//! contradict each other or the blueprint.

pub(crate) mod absent;
pub(crate) mod generated;
pub(crate) mod ids;
pub(crate) mod links;
pub(crate) mod rendered;

use crate::diagnostic::Diagnostic;
use crate::model::links::{output_path, LinkIndex};
use crate::source::blueprint::Blueprint;
use crate::source::config::Config;
use crate::source::page::ParsedPage;
use absent::{Absent, AbsentPage, Blocker};
use rendered::Rendered;
use std::collections::HashMap;

pub(crate) use generated::GENERATED;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PageKind {
    Home,
    Domain(String),
    Task(String),
    Plain,
}

#[derive(Debug)]
pub(crate) struct Page {
    pub(crate) src: ParsedPage,
    pub(crate) out: String,
    pub(crate) kind: PageKind,
    /// Filled by the render stage's Markdown pass.
    pub(crate) body: Rendered,
    /// Each question rendered to HTML, in front-matter order (also filled by render).
    pub(crate) questions_html: Vec<String>,
    /// Links on this page not checked because the file they depend on has errors (render).
    pub(crate) unchecked: Vec<Blocker>,
}

#[derive(Debug, Clone)]
pub(crate) struct NavNode {
    pub(crate) page: usize,
    pub(crate) children: Vec<NavNode>,
}

/// The whole guide after the model stage: configuration, blueprint, pages with their output
/// paths and kinds, navigation, reading order and the link index.
#[derive(Debug)]
pub struct Guide {
    pub(crate) config: Config,
    pub(crate) blueprint: Blueprint,
    /// The exam's other versions and the crosswalks (empty for a one-version guide).
    pub(crate) exams: crate::source::exams::Exams,
    pub(crate) pages: Vec<Page>,
    /// The home page (`_index.md`), if there is one.
    pub(crate) home: Option<usize>,
    /// Top-level navigation, without the home page.
    pub(crate) nav: Vec<NavNode>,
    /// Every page in reading order (home first), for previous/next.
    pub(crate) order: Vec<usize>,
    /// Parent section page of each page (by index), for breadcrumbs.
    pub(crate) parent: Vec<Option<usize>>,
    pub(crate) links: LinkIndex,
    /// Other files under content/: content-relative path and bytes.
    pub(crate) assets: Vec<(String, Vec<u8>)>,
    /// Pages that exist but are not in the site (drafts, pages with errors), hidden files,
    /// and whether the blueprint could not be read.
    pub(crate) absent: Absent,
}

impl Guide {
    /// How many pages the guide has (drafts left out).
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    pub(crate) fn task_page(&self, id: &str) -> Option<&Page> {
        self.pages
            .iter()
            .find(|p| p.kind == PageKind::Task(id.to_string()))
    }
}

fn dir_of(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(d, _)| d)
}

/// Builds the guide, knowing which files could not be read (`absent`): checks that depend on
/// them are skipped. Drafts are left out and added to `absent`.
pub(crate) fn build_with(
    config: Config,
    blueprint: Blueprint,
    parsed: Vec<ParsedPage>,
    assets: Vec<(String, Vec<u8>)>,
    mut absent: Absent,
) -> (Guide, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    // With a blueprint that could not be read, `task` and `domain` cannot be checked.
    let blueprint_failed = absent.blueprint.is_some();
    let mut pages: Vec<Page> = Vec::new();
    let mut claimed: HashMap<String, String> = GENERATED
        .iter()
        .map(|g| (g.path.to_string(), "the generator".to_string()))
        .collect();
    let mut claimed_task: HashMap<String, String> = HashMap::new();
    let mut claimed_domain: HashMap<String, String> = HashMap::new();
    for src in parsed {
        if src.front.draft {
            absent.add(AbsentPage {
                rel: src.rel.clone(),
                display: src.display.clone(),
                why: absent::Why::Draft,
                task: src.front.task.as_ref().map(|t| t.value.clone()),
                domain: src.front.domain.as_ref().map(|d| d.value.clone()),
                items: src.front.covers.iter().map(|c| c.value.clone()).collect(),
            });
            continue;
        }
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
            (Some(_), None) | (None, Some(_)) if blueprint_failed => PageKind::Plain,
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
            unchecked: Vec::new(),
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
    links.generated = GENERATED.iter().map(|g| g.path.to_string()).collect();

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
        exams: crate::source::exams::Exams::default(),
        pages,
        home,
        nav,
        order,
        parent,
        links,
        assets,
        absent,
    };
    (guide, diags)
}
