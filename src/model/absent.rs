//! Pages that exist but are not in the site — drafts, and files with errors — and the checks
//! that depend on them. A link to a page whose front matter does not parse, `task:1.1` when the
//! page that says `task = "1.1"` is that page, or any blueprint reference when blueprint.toml
//! has errors cannot be checked: those checks are skipped and counted, one note per file, so
//! one mistake gives one error. A link to a draft or a hidden file says so instead of "does
//! not exist".

use crate::diagnostic::Diagnostic;
use crate::model::links::join;
use std::collections::{HashMap, HashSet};

/// Why a page that exists is not in the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Why {
    Draft,
    /// It could not be read or its front matter has errors (already reported).
    Errors,
}

#[derive(Debug, Clone)]
pub(crate) struct AbsentPage {
    /// Content-relative path (`a/b.md`).
    pub(crate) rel: String,
    pub(crate) display: String,
    pub(crate) why: Why,
    pub(crate) task: Option<String>,
    pub(crate) domain: Option<String>,
    /// Blueprint item ids the page may cover. For a page with errors: every string in its
    /// front matter shaped like an item id, since which key holds it cannot be known.
    pub(crate) items: HashSet<String>,
}

/// A file whose errors stop other checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Blocker {
    /// The blueprint could not be read.
    Blueprint,
    /// This page (index into [`Absent::pages`]) has errors.
    Page(usize),
    /// Questions of this page (index into the guide's pages) were left out for their errors.
    Questions(usize),
}

#[derive(Debug, Default)]
pub(crate) struct Absent {
    pub(crate) pages: Vec<AbsentPage>,
    by_rel: HashMap<String, usize>,
    /// Hidden and editor files left out of the guide, content-relative.
    pub(crate) ignored: HashSet<String>,
    /// blueprint.toml's path for diagnostics, when it could not be read.
    pub(crate) blueprint: Option<String>,
}

impl Absent {
    pub(crate) fn add(&mut self, page: AbsentPage) {
        self.by_rel
            .entry(page.rel.clone())
            .or_insert(self.pages.len());
        self.pages.push(page);
    }

    /// For a link that did not resolve: `Some(Ok(file))` when it depends on a file with errors
    /// (skip it), `Some(Err(message))` when it points at a page or file that exists but is not
    /// in the site (a better message), `None` when the resolver's message stands.
    pub(crate) fn explain(&self, from_rel: &str, dest: &str) -> Option<Result<Blocker, String>> {
        for kind in ["task", "domain", "item"] {
            let Some(id) = dest.strip_prefix(kind).and_then(|r| r.strip_prefix(':')) else {
                continue;
            };
            if self.blueprint.is_some() {
                return Some(Ok(Blocker::Blueprint));
            }
            let (i, page) = self.pages.iter().enumerate().find(|(_, p)| match kind {
                "task" => p.task.as_deref() == Some(id),
                "domain" => p.domain.as_deref() == Some(id),
                _ => false,
            })?;
            return Some(match page.why {
                Why::Errors => Ok(Blocker::Page(i)),
                Why::Draft => Err(format!(
                    "the page of {kind} {id}, `{}`, is a draft (`draft = true`), so it is not in the site; publish it or remove the link",
                    page.display
                )),
            });
        }
        let path = dest.split('#').next().unwrap_or(dest);
        let path = path.split('?').next().unwrap_or(path);
        if path.is_empty() || path.starts_with('/') {
            return None;
        }
        let joined = join(from_rel, path)?;
        let index = if joined.is_empty() {
            "_index.md".to_string()
        } else {
            format!("{joined}/_index.md")
        };
        let as_dir = path.ends_with('/') || joined.is_empty();
        let found = self
            .by_rel
            .get(&joined)
            .or_else(|| as_dir.then(|| self.by_rel.get(&index)).flatten());
        if let Some(&i) = found {
            let page = &self.pages[i];
            return Some(match page.why {
                Why::Errors => Ok(Blocker::Page(i)),
                Why::Draft => Err(format!(
                    "`{dest}` is a draft (`draft = true` in `{}`), so it is not in the site; publish it or remove the link",
                    page.display
                )),
            });
        }
        if self.ignored.contains(&joined) {
            return Some(Err(format!(
                "`{dest}` is a hidden or editor file, which is left out of the site; rename `{joined}` to publish it"
            )));
        }
        None
    }
}

/// How many checks each file with errors stopped.
#[derive(Debug, Default, Clone)]
pub(crate) struct Tally {
    /// Links that were not checked, by the file they depend on.
    pub(crate) links: HashMap<Blocker, usize>,
    /// Coverage-minimum checks of blueprint items a page with errors may cover.
    pub(crate) items: HashMap<Blocker, usize>,
    /// Front-matter references to the blueprint (`task`, `domain`, `covers`) not checked.
    pub(crate) keys: usize,
    pub(crate) covers: usize,
    /// Whether the coverage minimums were not checked at all (the blueprint has errors).
    pub(crate) gate: bool,
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn and_list(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// One note per file with errors that stopped other checks, saying how many; `page` gives the
/// path of a page of the guide (for [`Blocker::Questions`]).
pub(crate) fn notes<'a>(
    absent: &Absent,
    tally: &Tally,
    page: impl Fn(usize) -> &'a str,
) -> Vec<Diagnostic> {
    let mut notes = Vec::new();
    if let Some(path) = &absent.blueprint {
        let mut parts = Vec::new();
        if tally.keys > 0 {
            parts.push(plural(
                tally.keys,
                "`task`/`domain` key",
                "`task`/`domain` keys",
            ));
        }
        if tally.covers > 0 {
            parts.push(plural(tally.covers, "`covers` id", "`covers` ids"));
        }
        if let Some(&n) = tally.links.get(&Blocker::Blueprint) {
            parts.push(plural(
                n,
                "`task:`/`domain:`/`item:` link",
                "`task:`/`domain:`/`item:` links",
            ));
        }
        let mut what = Vec::new();
        if !parts.is_empty() {
            what.push(format!("{} that refer to it", and_list(&parts)));
        }
        if tally.gate {
            what.push("the coverage minimums".into());
        }
        if !what.is_empty() {
            notes.push(Diagnostic::note(
                "N001",
                path,
                format!("{} not checked: it has errors", what.join(", and ")),
            ));
        }
    }
    for (i, page) in absent.pages.iter().enumerate() {
        let mut parts = Vec::new();
        if let Some(&n) = tally.links.get(&Blocker::Page(i)) {
            parts.push(plural(n, "link to this page", "links to this page"));
        }
        if let Some(&n) = tally.items.get(&Blocker::Page(i)) {
            parts.push(format!(
                "the coverage of {}",
                plural(n, "blueprint item it names", "blueprint items it names")
            ));
        }
        if !parts.is_empty() {
            notes.push(Diagnostic::note(
                "N001",
                &page.display,
                format!("{} not checked: it has errors", and_list(&parts)),
            ));
        }
    }
    let mut questions: Vec<_> = tally
        .items
        .iter()
        .filter_map(|(b, n)| match b {
            Blocker::Questions(i) => Some((*i, *n)),
            _ => None,
        })
        .collect();
    questions.sort();
    for (i, n) in questions {
        notes.push(Diagnostic::note(
            "N001",
            page(i),
            format!(
                "the coverage of {} not checked: they have errors",
                plural(
                    n,
                    "blueprint item its left-out questions name",
                    "blueprint items its left-out questions name"
                )
            ),
        ));
    }
    notes
}

/// What a page that could not be read says it is, as far as that can be told: its `task`,
/// `domain` and the item ids it names. `text` is the whole file.
pub(crate) fn salvage(rel: &str, display: &str, text: &str) -> AbsentPage {
    let region = front_matter_region(text);
    let (task, domain) = match toml::from_str::<toml::Table>(region) {
        Ok(table) => {
            let get = |k: &str| table.get(k).and_then(|v| v.as_str()).map(str::to_string);
            (get("task"), get("domain"))
        }
        Err(_) => (scan_key(region, "task"), scan_key(region, "domain")),
    };
    let items = crate::source::page::item_ids_in(region)
        .map(str::to_string)
        .collect();
    AbsentPage {
        rel: rel.to_string(),
        display: display.to_string(),
        why: Why::Errors,
        task,
        domain,
        items,
    }
}

/// The front matter between `+++` (or `---`) lines, to the end of the file if it is not
/// closed; the whole text when there is none.
fn front_matter_region(text: &str) -> &str {
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next() else {
        return text;
    };
    let fence = first.trim_end();
    if fence != "+++" && fence != "---" {
        return text;
    }
    let start = first.len();
    let mut pos = start;
    for line in lines {
        if line.trim_end() == fence {
            return &text[start..pos];
        }
        pos += line.len();
    }
    &text[start..]
}

/// `key = "value"` (or YAML's `key: value`) on a line of its own before the first table.
fn scan_key(region: &str, key: &str) -> Option<String> {
    for line in region.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            return None;
        }
        let Some(rest) = line.strip_prefix(key) else {
            continue;
        };
        let Some(value) = rest.trim_start().strip_prefix(['=', ':']) else {
            continue;
        };
        let value = value.trim().trim_matches(['"', '\'']);
        if !value.is_empty() {
            return Some(value.to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn salvages_task_and_items_from_a_page_with_errors() {
        // A type error: the TOML still parses as a table.
        let p = salvage(
            "t.md",
            "content/t.md",
            "+++\ntitle = \"T\"\nweight = \"1\"\ntask = \"1.1\"\ncovers = [\"1.1.K1\"]\n+++\nbody 1.1.K9\n",
        );
        assert_eq!(p.task.as_deref(), Some("1.1"));
        assert_eq!(p.items, HashSet::from(["1.1.K1".to_string()]));
        // A syntax error: the lines are scanned.
        let p = salvage(
            "t.md",
            "content/t.md",
            "+++\ntitle = \"T\ntask = \"1.2\"\n[[quiz]]\ncovers = [\"1.2.S3\"\n+++\n",
        );
        assert_eq!(p.task.as_deref(), Some("1.2"));
        assert!(p.items.contains("1.2.S3"));
        // YAML front matter.
        let p = salvage(
            "t.md",
            "content/t.md",
            "---\ntitle: T\ndomain: \"2\"\n---\n",
        );
        assert_eq!(p.domain.as_deref(), Some("2"));
    }

    #[test]
    fn explains_links_to_absent_pages() {
        let mut a = Absent::default();
        a.add(AbsentPage {
            rel: "d/bad.md".into(),
            display: "content/d/bad.md".into(),
            why: Why::Errors,
            task: Some("1.1".into()),
            domain: None,
            items: HashSet::new(),
        });
        a.add(AbsentPage {
            rel: "d/_index.md".into(),
            display: "content/d/_index.md".into(),
            why: Why::Draft,
            task: None,
            domain: Some("1".into()),
            items: HashSet::new(),
        });
        a.ignored.insert("notes.md~".into());
        assert_eq!(a.explain("d/x.md", "bad.md#a"), Some(Ok(Blocker::Page(0))));
        assert_eq!(a.explain("x.md", "task:1.1"), Some(Ok(Blocker::Page(0))));
        assert!(matches!(a.explain("x.md", "d/"), Some(Err(m)) if m.contains("is a draft")));
        assert!(matches!(a.explain("x.md", "domain:1"), Some(Err(m)) if m.contains("is a draft")));
        assert!(matches!(a.explain("x.md", "notes.md~"), Some(Err(m)) if m.contains("hidden")));
        assert_eq!(a.explain("x.md", "task:2.1"), None);
        assert_eq!(a.explain("x.md", "other.md"), None);
        a.blueprint = Some("content/blueprint.toml".into());
        assert_eq!(
            a.explain("x.md", "item:1.1.K1"),
            Some(Ok(Blocker::Blueprint))
        );
    }
}
