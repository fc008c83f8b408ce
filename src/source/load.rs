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

/// Reads every file under `dir` (shown in diagnostics as `display_prefix/…`).
pub(crate) fn load(dir: &Path, display_prefix: &str) -> (Vec<Source>, Vec<Diagnostic>) {
    let mut sources = Vec::new();
    let mut diags = Vec::new();
    if !dir.is_dir() {
        diags.push(Diagnostic::error(
            "E001",
            display_prefix,
            format!("content directory `{}` not found; create it or set `build.content-dir` in book.toml", dir.display()),
        ));
        return (sources, diags);
    }
    let walker = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let shown = e
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| display_prefix.into());
                diags.push(Diagnostic::error(
                    "E001",
                    shown,
                    format!("cannot read: {e}"),
                ));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel_path = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let rel = rel_path
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let display = format!("{display_prefix}/{rel}");
        let bytes = match std::fs::read(entry.path()) {
            Ok(b) => b,
            Err(e) => {
                diags.push(Diagnostic::error(
                    "E001",
                    display,
                    format!("cannot read: {e}"),
                ));
                continue;
            }
        };
        let content = if is_text_source(&rel) {
            match String::from_utf8(bytes) {
                Ok(t) => Content::Text(normalize(&t)),
                Err(e) => {
                    let offset = e.utf8_error().valid_up_to();
                    let valid = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
                    diags.push(
                        Diagnostic::error(
                            "E005",
                            display,
                            "file is not valid UTF-8; save it as UTF-8",
                        )
                        .at(&valid, offset),
                    );
                    continue;
                }
            }
        } else {
            Content::Bytes(bytes)
        };
        sources.push(Source {
            rel,
            display,
            content,
        });
    }
    (sources, diags)
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

    #[test]
    fn normalizes_bom_and_crlf() {
        assert_eq!(normalize("\u{feff}a\r\nb\r\n"), "a\nb\n");
    }
}
