//! `book.toml`: one `Config` type, deserialized with serde, every key defaulted, unknown keys
//! rejected with their place.

use crate::diagnostic::Diagnostic;
use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(crate) struct Config {
    pub(crate) book: BookConfig,
    pub(crate) build: BuildConfig,
    pub(crate) output: OutputConfig,
    pub(crate) coverage: CoverageConfig,
}

/// Minimum coverage `check` and `build` require of every blueprint item (0: no gate).
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct CoverageConfig {
    pub(crate) min_item_pages: usize,
    pub(crate) min_item_questions: usize,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(crate) struct BookConfig {
    pub(crate) title: String,
    pub(crate) description: String,
    pub(crate) language: String,
}

impl Default for BookConfig {
    fn default() -> Self {
        BookConfig {
            title: "Study guide".into(),
            description: String::new(),
            language: "en".into(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct BuildConfig {
    pub(crate) content_dir: String,
    pub(crate) build_dir: String,
    pub(crate) theme: String,
    pub(crate) base_url: String,
    /// The glossary page (content-relative): its definition-list terms are linked on their
    /// first mention on every other page.
    pub(crate) glossary: String,
}

impl Default for BuildConfig {
    fn default() -> Self {
        BuildConfig {
            content_dir: "content".into(),
            build_dir: "book".into(),
            theme: "default".into(),
            base_url: "/".into(),
            glossary: "glossary.md".into(),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct OutputConfig {
    /// e.g. `https://github.com/OWNER/REPO/edit/main/{path}`; `{path}` is the page's path from
    /// the guide root (`content/intro.md`).
    pub(crate) edit_url_template: Option<String>,
}

/// Parses `book.toml` text; `path` is only used in diagnostics.
pub(crate) fn parse(path: &str, text: &str) -> Result<Config, Diagnostic> {
    let config: Config =
        toml::from_str(text).map_err(|e| toml_diagnostic("E002", path, text, 0, &e))?;
    if config.build.base_url.is_empty() {
        return Err(Diagnostic::error(
            "E003",
            path,
            "`build.base-url` is empty; use \"/\" for the root of a site",
        ));
    }
    Ok(config)
}

/// A TOML error as a diagnostic; `base` is the byte offset of `toml_text` in `file_text`.
pub(crate) fn toml_diagnostic(
    code: &'static str,
    path: &str,
    file_text: &str,
    base: usize,
    err: &toml::de::Error,
) -> Diagnostic {
    let message = err.message().trim().replace('\n', " ");
    let message = humanize_toml_message(&message);
    let d = Diagnostic::error(code, path, message);
    match err.span() {
        Some(span) => d.at(file_text, base + span.start),
        None => d.at(file_text, base),
    }
}

fn humanize_toml_message(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        if let Some((key, expected)) = rest.split_once('`') {
            return format!(
                "unknown key `{key}`{}",
                expected.replace(", expected", "; expected")
            );
        }
    }
    message.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_config_has_defaults() {
        let c = parse("book.toml", "").unwrap();
        assert_eq!(c.build.build_dir, "book");
        assert_eq!(c.build.content_dir, "content");
        assert_eq!(c.build.base_url, "/");
    }

    #[test]
    fn unknown_key_is_located() {
        let text = "[book]\ntitle = \"x\"\ntitel = \"y\"\n";
        let d = parse("book.toml", text).unwrap_err();
        assert_eq!((d.line, d.column), (3, 1));
        assert!(
            d.message.starts_with("unknown key `titel`"),
            "{}",
            d.message
        );
    }
}
