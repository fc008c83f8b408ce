//! Load: walks the content directory and reads every file, sorted, without parsing.
//! Hidden files and editor temp files are skipped. Text is normalised (BOM dropped,
//! CRLF turned into LF) so later stages see one form; line numbers are unchanged by it.

use crate::diagnostic::Diagnostic;
use std::path::Path;
use walkdir::WalkDir;

#[derive(Debug, Clone)]
pub(crate) enum Content {
    /// A Markdown page or the blueprint: UTF-8 text.
    Text(String),
    /// Anything else (images, downloads): copied to the output as it is.
    Bytes(Vec<u8>),
}

#[derive(Debug, Clone)]
pub(crate) struct Source {
    /// Path relative to the content directory, `/`-separated: `domain-1/_index.md`.
    pub(crate) rel: String,
    /// Path as shown in diagnostics, relative to the guide root: `content/domain-1/_index.md`.
    pub(crate) display: String,
    pub(crate) content: Content,
}

/// Is this file name one that editors or the OS leave behind, or hidden?
pub(crate) fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913" // vim's write test file
}

fn is_text_source(rel: &str) -> bool {
    rel.ends_with(".md") || rel.ends_with(".toml")
}

/// Normalises text: drops a leading BOM and turns CRLF into LF.
pub(crate) fn normalize(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text.to_string()
    }
}

/// What [`load_tree`] found: the files it read, the problems, and the files that exist but are
/// not part of the guide, so that a link to one is not told "does not exist".
#[derive(Debug, Default)]
pub(crate) struct Tree {
    pub(crate) sources: Vec<Source>,
    pub(crate) diags: Vec<Diagnostic>,
    /// Text files that could not be read as UTF-8 (or at all): content-relative path, path
    /// for diagnostics, and the text as far as it could be read. Each has an error in `diags`.
    pub(crate) failed: Vec<Failed>,
    /// Hidden and editor files that were left out, content-relative.
    pub(crate) ignored: Vec<String>,
}

/// A Markdown or TOML file that could not be read; its error is already reported.
#[derive(Debug, Clone)]
pub(crate) struct Failed {
    pub(crate) rel: String,
    pub(crate) display: String,
    /// The text with bytes that are not UTF-8 replaced, or empty when it could not be read.
    pub(crate) text: String,
}

fn rel_of(dir: &Path, path: &Path) -> String {
    path.strip_prefix(dir)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Reads every file under `dir` (shown in diagnostics as `display_prefix/…`). Symbolic links
/// are followed (a loop or a link to nothing is an error naming the link).
pub(crate) fn load_tree(dir: &Path, display_prefix: &str) -> Tree {
    let mut tree = Tree::default();
    if !dir.is_dir() {
        tree.diags.push(Diagnostic::error(
            "E001",
            display_prefix,
            format!("content directory `{display_prefix}` not found; create it or set `content-dir` in `[build]` of book.toml"),
        ));
        return tree;
    }
    let mut walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let rel = e.path().map(|p| rel_of(dir, p));
                let shown = rel
                    .as_ref()
                    .map(|r| format!("{display_prefix}/{r}"))
                    .unwrap_or_else(|| display_prefix.into());
                let message = match (e.path(), e.loop_ancestor()) {
                    (Some(_), Some(ancestor)) => {
                        let back = rel_of(dir, ancestor);
                        let back = match back.is_empty() {
                            true => display_prefix.to_string(),
                            false => format!("{display_prefix}/{back}"),
                        };
                        format!(
                            "symbolic link loop: this folder links back to `{back}`; remove the link"
                        )
                    }
                    (Some(p), None) if p.is_symlink() && !p.exists() => format!(
                        "symbolic link to `{}`, which does not exist; fix or remove the link",
                        std::fs::read_link(p).unwrap_or_default().display()
                    ),
                    _ => format!("cannot read: {e}"),
                };
                tree.diags
                    .push(Diagnostic::error("E001", shown.clone(), message));
                if let Some(rel) = rel.filter(|r| is_text_source(r)) {
                    tree.failed.push(Failed {
                        rel,
                        display: shown,
                        text: String::new(),
                    });
                }
                continue;
            }
        };
        if entry.depth() > 0 && is_ignored_name(&entry.file_name().to_string_lossy()) {
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            } else {
                tree.ignored.push(rel_of(dir, entry.path()));
            }
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = rel_of(dir, entry.path());
        let display = format!("{display_prefix}/{rel}");
        let bytes = match std::fs::read(entry.path()) {
            Ok(b) => b,
            Err(e) => {
                tree.diags.push(Diagnostic::error(
                    "E001",
                    display.clone(),
                    format!("cannot read: {e}"),
                ));
                if is_text_source(&rel) {
                    tree.failed.push(Failed {
                        rel,
                        display,
                        text: String::new(),
                    });
                }
                continue;
            }
        };
        let content = if is_text_source(&rel) {
            match String::from_utf8(bytes) {
                Ok(t) => Content::Text(normalize(&t)),
                Err(e) => {
                    let offset = e.utf8_error().valid_up_to();
                    let valid = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
                    tree.diags.push(
                        Diagnostic::error(
                            "E005",
                            display.clone(),
                            "file is not valid UTF-8; save it as UTF-8",
                        )
                        .at(&valid, offset),
                    );
                    tree.failed.push(Failed {
                        rel,
                        display,
                        text: normalize(&String::from_utf8_lossy(e.as_bytes())),
                    });
                    continue;
                }
            }
        } else {
            Content::Bytes(bytes)
        };
        tree.sources.push(Source {
            rel,
            display,
            content,
        });
    }
    tree
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_editor_files() {
        for n in [
            ".hidden.md",
            "a.md~",
            "#a.md#",
            ".#a.md",
            "a.md.swp",
            "4913",
        ] {
            assert!(is_ignored_name(n), "{n}");
        }
        assert!(!is_ignored_name("a.md"));
    }

    #[cfg(unix)]
    #[test]
    fn follows_symlinks_and_names_loops_and_dangling_links() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("content");
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(tmp.path().join("outside.md"), "+++\ntitle = \"O\"\n+++\n").unwrap();
        std::os::unix::fs::symlink("../outside.md", dir.join("linked.md")).unwrap();
        std::os::unix::fs::symlink("..", dir.join("sub/up")).unwrap();
        std::os::unix::fs::symlink("gone.md", dir.join("dangling.md")).unwrap();
        std::fs::write(dir.join(".hidden.md"), "x").unwrap();
        let tree = load_tree(&dir, "content");
        let rels: Vec<&str> = tree.sources.iter().map(|s| s.rel.as_str()).collect();
        assert_eq!(rels, ["linked.md"]);
        let messages: Vec<String> = tree.diags.iter().map(|d| d.headline()).collect();
        assert_eq!(
            messages,
            [
                "content/dangling.md: error[E001]: symbolic link to `gone.md`, which does not exist; fix or remove the link",
                "content/sub/up: error[E001]: symbolic link loop: this folder links back to `content`; remove the link",
            ]
        );
        assert_eq!(
            tree.failed.len(),
            1,
            "the dangling page is a page with errors"
        );
        assert_eq!(tree.ignored, [".hidden.md"]);
    }

    #[test]
    fn normalizes_bom_and_crlf() {
        assert_eq!(normalize("\u{feff}a\r\nb\r\n"), "a\nb\n");
    }
}
