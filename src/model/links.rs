//! The one link resolver: turns what an author writes (`../a.md#x`, `task:1.1`, `item:1.1.K2`)
//! into a relative URL from the linking page, or a message saying why it cannot.
//! Anchors on other pages are only known after rendering, so they are returned for `check`.

use std::collections::{HashMap, HashSet};

/// Where a resolved link points, for the anchor check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Target {
    /// Output path of the page (`a/b.html`).
    pub(crate) page: String,
    pub(crate) anchor: Option<String>,
}

#[derive(Debug, Default)]
pub(crate) struct LinkIndex {
    /// Content-relative source path (`a/b.md`) -> output path (`a/b.html`).
    pub(crate) pages: HashMap<String, String>,
    /// Task id -> output path of its page.
    pub(crate) tasks: HashMap<String, String>,
    pub(crate) domains: HashMap<String, String>,
    /// Ids known to the blueprint, for messages that tell "unknown" from "no page".
    pub(crate) blueprint_tasks: HashSet<String>,
    pub(crate) blueprint_domains: HashSet<String>,
    pub(crate) items: HashSet<String>,
    /// Other files under content/ (images, downloads), content-relative.
    pub(crate) assets: HashSet<String>,
    /// Pages the generator writes itself (`coverage.html`, …).
    pub(crate) generated: HashSet<String>,
}

/// Output path for a content-relative Markdown path: `_index.md` becomes `index.html`.
pub(crate) fn output_path(rel: &str) -> String {
    let stem = rel.strip_suffix(".md").unwrap_or(rel);
    match stem.rsplit_once('/') {
        Some((dir, "_index")) => format!("{dir}/index.html"),
        None if stem == "_index" => "index.html".into(),
        _ => format!("{stem}.html"),
    }
}

/// Anchor id for a blueprint item's row in the coverage matrix.
pub(crate) fn item_anchor(id: &str) -> String {
    format!("item-{id}")
}

/// A URL from one output path to another, relative, so the site works under any base path and
/// from `file://`.
pub(crate) fn relative_url(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from.split('/').collect();
    let from_dirs = &from_dirs[..from_dirs.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dirs
        .iter()
        .zip(&to_parts[..to_parts.len() - 1])
        .take_while(|(a, b)| a == b)
        .count();
    let mut url = "../".repeat(from_dirs.len() - common);
    url.push_str(&to_parts[common..].join("/"));
    url
}

/// Joins a relative link onto the directory of the file `from` and normalises `.` and `..`.
/// `None` if it climbs above the root.
pub(crate) fn join(from: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in link.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

fn is_external(dest: &str) -> bool {
    let scheme_end = dest.find(':').unwrap_or(0);
    dest.starts_with("//")
        || (scheme_end > 0
            && dest[..scheme_end]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-' || c == '.')
            && !matches!(&dest[..scheme_end], "task" | "domain" | "item"))
}

/// Why `dest` names a file on the author's computer (a Windows path or a `file:` URL) rather
/// than something the published site holds, if it does: such links work nowhere but there.
fn local_path(dest: &str) -> Option<String> {
    let b = dest.as_bytes();
    let fix = "copy the file into the content directory and link it with a relative path such as `notes.md`";
    // A one-letter "scheme" is a drive letter: no URL scheme is one letter long.
    if (b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':') || dest.starts_with(r"\\") {
        return Some(format!(
            "`{dest}` is a Windows path on your computer, which readers do not have; {fix}"
        ));
    }
    if b.len() >= 5 && b[..5].eq_ignore_ascii_case(b"file:") {
        return Some(format!(
            "`{dest}` is a `file:` link to your computer, which readers do not have; {fix}"
        ));
    }
    if dest.contains('\\') && !is_external(dest) {
        let fixed = dest.replace('\\', "/");
        return Some(format!(
            "`{dest}` uses `\\` between folders, which works only on Windows; write `/`: `{fixed}`"
        ));
    }
    None
}

pub(crate) enum Resolved {
    /// Left as written (external URL).
    External,
    /// Rewritten to `url`; `target` is to be checked once all pages are rendered.
    Internal { url: String, target: Target },
}

impl LinkIndex {
    /// Resolves `dest` written in the page `from_rel` (content-relative), whose output is
    /// `from_out`.
    pub(crate) fn resolve(
        &self,
        from_rel: &str,
        from_out: &str,
        dest: &str,
    ) -> Result<Resolved, String> {
        if dest.is_empty() {
            return Err("link has an empty destination".into());
        }
        if let Some(message) = local_path(dest) {
            return Err(message);
        }
        if is_external(dest) {
            return Ok(Resolved::External);
        }
        let to_page = |page: &str, anchor: Option<String>| {
            let mut url = relative_url(from_out, page);
            if let Some(a) = &anchor {
                url.push('#');
                url.push_str(a);
            }
            Ok(Resolved::Internal {
                url,
                target: Target {
                    page: page.to_string(),
                    anchor,
                },
            })
        };
        if let Some(id) = dest.strip_prefix("task:") {
            return match self.tasks.get(id) {
                Some(page) => to_page(page, None),
                None if self.blueprint_tasks.contains(id) => {
                    Err(format!("no page has `task = \"{id}\"` yet"))
                }
                None => Err(format!("unknown task `{id}`: it is not in the blueprint")),
            };
        }
        if let Some(id) = dest.strip_prefix("domain:") {
            return match self.domains.get(id) {
                Some(page) => to_page(page, None),
                None if self.blueprint_domains.contains(id) => {
                    Err(format!("no page has `domain = \"{id}\"` yet"))
                }
                None => Err(format!("unknown domain `{id}`: it is not in the blueprint")),
            };
        }
        if let Some(id) = dest.strip_prefix("item:") {
            if !self.items.contains(id) {
                return Err(format!("unknown blueprint item `{id}`"));
            }
            // An item of another exam version (`item:MLA-C02:1.1.1`): its version's matrix.
            if let Some((code, item)) = id.split_once(':') {
                return to_page(&format!("coverage-{code}.html"), Some(item_anchor(item)));
            }
            return to_page("coverage.html", Some(item_anchor(id)));
        }
        let (path, anchor) = match dest.split_once('#') {
            Some((p, a)) => (p, Some(a.to_string())),
            None => (dest, None),
        };
        if path.is_empty() {
            return to_page(from_out, anchor);
        }
        if path.starts_with('/') {
            return Err(format!("`{dest}` is an absolute path; write a relative link (e.g. `../page.md`) so the site works under any base URL"));
        }
        let path = path.split('?').next().unwrap_or(path);
        let Some(joined) = join(from_rel, path) else {
            return Err(format!("`{dest}` points outside the content directory"));
        };
        if let Some(page) = self.pages.get(&joined) {
            return to_page(page, anchor);
        }
        let as_dir_index = if joined.is_empty() {
            "_index.md".to_string()
        } else {
            format!("{joined}/_index.md")
        };
        if path.ends_with('/') || joined.is_empty() {
            if let Some(page) = self.pages.get(&as_dir_index) {
                return to_page(page, anchor);
            }
        }
        if self.generated.contains(&joined) {
            return to_page(&joined, anchor);
        }
        if self.assets.contains(&joined) {
            return Ok(Resolved::Internal {
                url: relative_url(from_out, &joined),
                target: Target {
                    page: joined,
                    anchor: None,
                },
            });
        }
        if joined.ends_with(".html") && self.pages.values().any(|p| *p == joined) {
            return Err(format!(
                "`{dest}` links to generated HTML; link to the Markdown file (`{}`) instead",
                joined.replace(".html", ".md")
            ));
        }
        Err(format!(
            "`{dest}` does not exist (looked for `{joined}` in the content directory)"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> LinkIndex {
        let mut ix = LinkIndex::default();
        for rel in ["_index.md", "a.md", "d1/_index.md", "d1/t1.md", "d2/t2.md"] {
            ix.pages.insert(rel.into(), output_path(rel));
        }
        ix.tasks.insert("1.1".into(), "d1/t1.html".into());
        ix.blueprint_tasks
            .extend(["1.1".to_string(), "1.2".to_string()]);
        ix.items.insert("1.1.K1".into());
        ix.generated.insert("coverage.html".into());
        ix.assets.insert("d1/img.png".into());
        ix
    }

    fn url(from: &str, dest: &str) -> Result<String, String> {
        match index().resolve(from, &output_path(from), dest)? {
            Resolved::External => Ok("EXTERNAL".into()),
            Resolved::Internal { url, .. } => Ok(url),
        }
    }

    #[test]
    fn output_paths() {
        assert_eq!(output_path("_index.md"), "index.html");
        assert_eq!(output_path("a/_index.md"), "a/index.html");
        assert_eq!(output_path("a/b.md"), "a/b.html");
    }

    #[test]
    fn relative_urls() {
        assert_eq!(relative_url("index.html", "a/b.html"), "a/b.html");
        assert_eq!(relative_url("a/b.html", "index.html"), "../index.html");
        assert_eq!(relative_url("a/b.html", "a/c.html"), "c.html");
        assert_eq!(relative_url("a/b.html", "c/d.html"), "../c/d.html");
        assert_eq!(relative_url("a/x/b.html", "a/y/c.html"), "../y/c.html");
    }

    #[test]
    fn resolves_each_kind() {
        assert_eq!(url("d2/t2.md", "../d1/t1.md#x").unwrap(), "../d1/t1.html#x");
        assert_eq!(url("d2/t2.md", "task:1.1").unwrap(), "../d1/t1.html");
        assert_eq!(
            url("a.md", "item:1.1.K1").unwrap(),
            "coverage.html#item-1.1.K1"
        );
        assert_eq!(url("a.md", "d1/").unwrap(), "d1/index.html");
        assert_eq!(url("d1/t1.md", "img.png").unwrap(), "img.png");
        assert_eq!(url("a.md", "#top").unwrap(), "a.html#top");
        assert_eq!(url("a.md", "https://aws.amazon.com/").unwrap(), "EXTERNAL");
        assert_eq!(url("a.md", "mailto:x@y").unwrap(), "EXTERNAL");
    }

    #[test]
    fn explains_failures() {
        assert!(url("a.md", "task:1.2")
            .unwrap_err()
            .contains("no page has `task = \"1.2\"`"));
        assert!(url("a.md", "task:9.9")
            .unwrap_err()
            .contains("not in the blueprint"));
        assert!(url("a.md", "item:1.1.K9")
            .unwrap_err()
            .contains("unknown blueprint item"));
        assert!(url("a.md", "nope.md")
            .unwrap_err()
            .contains("does not exist"));
        assert!(url("a.md", "/a.md").unwrap_err().contains("absolute path"));
        assert!(url("a.md", "../../x.md").unwrap_err().contains("outside"));
    }

    #[test]
    fn paths_on_the_authors_disk_are_errors() {
        for dest in [
            r"C:\Users\jane\notes.md",
            "c:/Users/jane/notes.md",
            "D:notes.md",
            r"\\server\share\notes.md",
        ] {
            let e = url("a.md", dest).unwrap_err();
            assert!(e.contains("Windows path"), "{dest}: {e}");
        }
        for dest in [
            "file:///home/jane/notes.md",
            "FILE://C:/x.md",
            "file:notes.md",
        ] {
            let e = url("a.md", dest).unwrap_err();
            assert!(e.contains("`file:` link"), "{dest}: {e}");
        }
        let e = url("d1/t1.md", r"..\a.md").unwrap_err();
        assert!(e.contains("`/`"), "{e}");
    }
}
