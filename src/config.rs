//! `book.toml`: one `Config` type, deserialized with serde, every key defaulted, unknown keys
//! rejected with their place.

use crate::diagnostic::Diagnostic;
use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub book: BookConfig,
    pub build: BuildConfig,
    pub output: OutputConfig,
    pub coverage: CoverageConfig,
}

/// Minimum coverage `check` and `build` require of every blueprint item (0: no gate).
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct CoverageConfig {
    pub min_item_pages: usize,
    pub min_item_questions: usize,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BookConfig {
    pub title: String,
    pub description: String,
    pub language: String,
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
pub struct BuildConfig {
    pub content_dir: String,
    pub build_dir: String,
    pub theme: String,
    pub base_url: String,
    /// The glossary page (content-relative): its definition-list terms are linked on their
    /// first mention on every other page.
    pub glossary: String,
    /// Where `glossary` is set in book.toml (line, column), when it is: a page it names must
    /// exist (the default may be absent: a guide need not have a glossary).
    #[serde(skip)]
    pub glossary_set_at: Option<(usize, usize)>,
}

impl Default for BuildConfig {
    fn default() -> Self {
        BuildConfig {
            content_dir: "content".into(),
            build_dir: "book".into(),
            theme: "default".into(),
            base_url: "/".into(),
            glossary: "glossary.md".into(),
            glossary_set_at: None,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct OutputConfig {
    /// e.g. `https://github.com/OWNER/REPO/edit/main/{path}`; `{path}` is the page's path from
    /// the guide root (`content/intro.md`).
    pub edit_url_template: Option<String>,
}

/// Parses `book.toml` text; `path` is only used in diagnostics.
pub fn parse(path: &str, text: &str) -> Result<Config, Diagnostic> {
    let mut config: Config =
        toml::from_str(text).map_err(|e| toml_diagnostic("E002", path, text, 0, &e))?;
    config.build.glossary_set_at = glossary_place(text);
    if config.build.base_url.is_empty() {
        return Err(Diagnostic::error(
            "E003",
            path,
            "`build.base-url` is empty; use \"/\" for the root of a site",
        ));
    }
    Ok(config)
}

/// Line and column of the value of `build.glossary`, if the key is there.
fn glossary_place(text: &str) -> Option<(usize, usize)> {
    #[derive(Deserialize)]
    struct File {
        build: Option<Build>,
    }
    #[derive(Deserialize)]
    struct Build {
        glossary: Option<toml::Spanned<String>>,
    }
    let file: File = toml::from_str(text).ok()?;
    let span = file.build?.glossary?.span();
    let (line, column, _) = crate::diagnostic::locate(text, span.start);
    Some((line, column))
}

/// A TOML error as a diagnostic; `base` is the byte offset of `toml_text` in `file_text`.
pub fn toml_diagnostic(
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
