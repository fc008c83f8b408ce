//! Theme files: the default theme compiled into the binary, overridden file by file by a
//! guide's own `themes/<name>/templates/` and `themes/<name>/static/`.

use crate::diagnostic::Diagnostic;
use std::collections::BTreeMap;
use std::path::Path;

macro_rules! embedded {
    ($($kind:literal / $name:literal),* $(,)?) => {
        &[$(($kind, $name, include_bytes!(concat!("../../themes/default/", $kind, "/", $name)) as &[u8])),*]
    };
}

/// (folder, file name, bytes) of the default theme.
const DEFAULT: &[(&str, &str, &[u8])] = embedded![
    "templates" / "base.html",
    "templates" / "macros.html",
    "templates" / "contents.html",
    "templates" / "page.html",
    "templates" / "task.html",
    "templates" / "domain.html",
    "templates" / "coverage.html",
    "templates" / "progress.html",
    "templates" / "practice.html",
    "templates" / "review.html",
    "templates" / "404.html",
    "templates" / "print.html",
    "templates" / "sitemap.xml",
    "templates" / "changes.html",
    "templates" / "exam-versions.html",
    "static" / "style.css",
    "static" / "app.js",
    "static" / "quiz.js",
    "static" / "progress.js",
    "static" / "practice.js",
    "static" / "study.js",
    "static" / "review.js",
    "static" / "search.js",
    "static" / "favicon.svg",
    "static" / "exams.js",
    "static" / "exams.css",
];

#[derive(Debug, Clone, Default)]
pub(crate) struct Theme {
    /// Template name -> source.
    pub(crate) templates: BTreeMap<String, String>,
    /// Static file name -> bytes.
    pub(crate) statics: BTreeMap<String, Vec<u8>>,
}

/// The embedded default theme with the guide's overrides applied.
pub(crate) fn load(root: &Path, name: &str) -> Result<Theme, Diagnostic> {
    let mut theme = Theme::default();
    for (kind, file, bytes) in DEFAULT {
        insert(&mut theme, kind, file.to_string(), bytes.to_vec());
    }
    let dir = root.join("themes").join(name);
    if !dir.is_dir() {
        if name == "default" {
            return Ok(theme);
        }
        return Err(Diagnostic::error(
            "E004",
            "book.toml",
            format!("theme `{name}` not found: expected a folder `themes/{name}/`"),
        ));
    }
    for kind in ["templates", "static"] {
        let Ok(entries) = std::fs::read_dir(dir.join(kind)) else {
            continue;
        };
        let mut entries: Vec<_> = entries.flatten().collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let file = entry.file_name().to_string_lossy().into_owned();
            if crate::source::load::is_ignored_name(&file) || !entry.path().is_file() {
                continue;
            }
            let shown = format!("themes/{name}/{kind}/{file}");
            let bytes = std::fs::read(entry.path())
                .map_err(|e| Diagnostic::error("E004", &shown, format!("cannot read: {e}")))?;
            if kind == "templates" && std::str::from_utf8(&bytes).is_err() {
                return Err(Diagnostic::error(
                    "E005",
                    shown,
                    "template is not valid UTF-8",
                ));
            }
            insert(&mut theme, kind, file, bytes);
        }
    }
    Ok(theme)
}

fn insert(theme: &mut Theme, kind: &str, file: String, bytes: Vec<u8>) {
    if kind == "templates" {
        theme
            .templates
            .insert(file, String::from_utf8_lossy(&bytes).into_owned());
    } else {
        theme.statics.insert(file, bytes);
    }
}
