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
    /// book.toml's text and where its `[build]` values were written, for diagnostics.
    #[serde(skip)]
    pub(crate) written: Written,
}

/// Where the values of `[build]` were written in book.toml.
#[derive(Debug, Clone, Default)]
pub(crate) struct Written {
    text: String,
    /// `content-dir`, `theme`, … -> byte offset of its value.
    build: std::collections::HashMap<String, usize>,
}

impl Config {
    /// Places `d` on the value of `[build] key` in book.toml when it is written there.
    /// Whether book.toml sets `[build] key` itself (rather than leaving the default).
    pub(crate) fn sets_build_key(&self, key: &str) -> bool {
        self.written.build.contains_key(key)
    }

    /// Places `d` on the value of `[build] key` in book.toml when it is written there.
    pub(crate) fn at_build_key(&self, key: &str, d: Diagnostic) -> Diagnostic {
        match self.written.build.get(key) {
            Some(&offset) => Diagnostic {
                path: "book.toml".into(),
                ..d
            }
            .at(&self.written.text, offset),
            None => d,
        }
    }
}

fn build_spans(text: &str) -> std::collections::HashMap<String, usize> {
    #[derive(Deserialize, Default)]
    struct Spans {
        #[serde(default)]
        build: std::collections::HashMap<String, toml::Spanned<toml::Value>>,
    }
    toml::from_str::<Spans>(text)
        .map(|s| {
            s.build
                .into_iter()
                .map(|(k, v)| (k, v.span().start))
                .collect()
        })
        .unwrap_or_default()
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
    let mut config: Config =
        toml::from_str(text).map_err(|e| toml_diagnostic("E002", path, text, 0, &e))?;
    config.written = Written {
        text: text.to_string(),
        build: build_spans(text),
    };
    if config.build.base_url.is_empty() {
        let d = Diagnostic::error(
            "E003",
            path,
            "`base-url` is empty; use \"/\" for the root of a site, or the full URL where it will live",
        );
        return Err(config.at_build_key("base-url", d));
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
    let at = base + err.span().map_or(0, |s| s.start);
    // The parser notices an unclosed string at the end of its line (or file) and an unclosed
    // array where the next key starts: point at the opening quote or bracket instead.
    if let Some((offset, message)) = unclosed(&file_text[base..], at - base, &message) {
        return Diagnostic::error(code, path, message).at(file_text, base + offset);
    }
    let d = Diagnostic::error(code, path, humanize_toml_message(&message)).at(file_text, at);
    // The shown window of the line, and the column within it.
    let (line, column) = d
        .source_line
        .as_ref()
        .map_or(("", 0), |s| (s.text.as_str(), s.caret + 1));
    match wrong_type(&message, line, column) {
        Some(better) => Diagnostic {
            message: better,
            ..d
        },
        None => d,
    }
}

/// `weight = "1"`: a string where a number (or true/false) belongs, with the key's name and
/// the fix.
fn wrong_type(message: &str, line: &str, column: usize) -> Option<String> {
    let rest = message.strip_prefix("invalid type: string \"")?;
    let (value, expected) = rest.rsplit_once("\", expected ")?;
    let before: String = line.chars().take(column.saturating_sub(1)).collect();
    let before = before.trim_end().strip_suffix('=')?.trim_end();
    let key_start = before
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .map_or(0, |i| i + 1);
    let key = &before[key_start..];
    if key.is_empty() {
        return None;
    }
    if matches!(
        expected,
        "i64" | "u64" | "u32" | "usize" | "i32" | "an integer"
    ) {
        let digits: String = value.chars().filter(char::is_ascii_digit).collect();
        let fix = if digits.is_empty() {
            format!("a number without quotes, e.g. `{key} = 1`")
        } else {
            format!("`{key} = {digits}`")
        };
        return Some(format!(
            "`{key}` must be a whole number, not the string \"{value}\": write {fix}"
        ));
    }
    if expected == "a boolean" {
        let fix = if value == "false" { "false" } else { "true" };
        return Some(format!(
            "`{key}` must be true or false, not the string \"{value}\": write `{key} = {fix}`"
        ));
    }
    None
}

/// For a TOML syntax error at `at` in `toml`: the offset and message of the string, array or
/// inline table left open before it, if that is what the error is about.
fn unclosed(toml: &str, at: usize, message: &str) -> Option<(usize, String)> {
    #[derive(PartialEq)]
    enum State {
        Code,
        Comment,
        Str(&'static str),
    }
    let mut state = State::Code;
    // Open `[` and `{` of values: (offset, bracket).
    let mut open: Vec<(usize, u8)> = Vec::new();
    let mut string_start = 0;
    let bytes = toml.as_bytes();
    let at = at.min(bytes.len());
    let mut line_start = true;
    let mut i = 0;
    while i < at {
        let b = bytes[i];
        match &state {
            State::Comment => {
                if b == b'\n' {
                    state = State::Code;
                }
            }
            State::Str(delim) => {
                if delim.len() == 1 && b == b'\n' {
                    // A one-line string ends at the end of the line, closed or not.
                    return Some((string_start, unclosed_string(delim)));
                }
                if (*delim == "\"" || *delim == "\"\"\"") && b == b'\\' {
                    i += 2;
                    continue;
                }
                if bytes[i..].starts_with(delim.as_bytes()) {
                    i += delim.len();
                    state = State::Code;
                    continue;
                }
            }
            State::Code => match b {
                b'#' => state = State::Comment,
                b'"' | b'\'' => {
                    let triple = if b == b'"' { "\"\"\"" } else { "'''" };
                    let delim = if bytes[i..].starts_with(triple.as_bytes()) {
                        triple
                    } else if b == b'"' {
                        "\""
                    } else {
                        "'"
                    };
                    string_start = i;
                    state = State::Str(delim);
                    i += delim.len();
                    line_start = false;
                    continue;
                }
                b'[' if open.is_empty() && line_start => {
                    // A table header: skip to the end of its line.
                    i = toml[i..].find('\n').map_or(at, |n| i + n);
                    continue;
                }
                b'[' | b'{' => open.push((i, b)),
                b']' | b'}' => drop(open.pop()),
                _ => {}
            },
        }
        if b == b'\n' {
            line_start = true;
        } else if !b.is_ascii_whitespace() {
            line_start = false;
        }
        i += 1;
    }
    if let State::Str(delim) = state {
        if message.contains("string") {
            return Some((string_start, unclosed_string(delim)));
        }
    }
    let line_of = |o: usize| bytes[..o].iter().filter(|&&c| c == b'\n').count();
    let (offset, bracket) = *open.first()?;
    if bracket == b'[' && message.contains("expected `]`") && line_of(offset) < line_of(at) {
        return Some((
            offset,
            "array is not closed: add `]` after its last value".to_string(),
        ));
    }
    None
}

fn unclosed_string(delim: &str) -> String {
    format!("string is not closed: add `{delim}` at the end of its text")
}

fn humanize_toml_message(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("missing field `") {
        return format!("missing key `{rest}");
    }
    if message.starts_with("invalid inline table expected `}`") {
        return "inline table is not closed: add `}` after its last value (an inline table is written on one line)".into();
    }
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

    /// Found by the property tests: a multi-byte character inside a string before the error
    /// made the scan slice inside the character.
    #[test]
    fn unclosed_scan_steps_over_multibyte_characters() {
        let toml = "title = \"İẞ\\İ\"\nx = \"ß\n";
        let at = toml.len();
        let found = unclosed(toml, at, "invalid string");
        assert_eq!(found.map(|(o, _)| o), Some(toml.rfind('"').unwrap()));
        for cut in 0..=toml.len() {
            let _ = unclosed(toml, cut, "expected `]`");
        }
    }

    #[test]
    fn empty_config_has_defaults() {
        let c = parse("book.toml", "").unwrap();
        assert_eq!(c.build.build_dir, "book");
        assert_eq!(c.build.content_dir, "content");
        assert_eq!(c.build.base_url, "/");
    }

    fn place(text: &str) -> (usize, usize, String) {
        let err = toml::from_str::<toml::Table>(text).unwrap_err();
        let d = toml_diagnostic("E", "x.toml", text, 0, &err);
        (d.line, d.column, d.message)
    }

    #[test]
    fn unclosed_string_is_placed_at_its_quote() {
        let (l, c, m) = place("a = 1\ntitle = \"Page\nb = 2\n");
        assert_eq!((l, c), (2, 9), "{m}");
        assert!(m.starts_with("string is not closed"), "{m}");
        // An escaped quote does not close it.
        assert_eq!(place("t = \"a \\\" b\n").1, 5);
        assert_eq!(place("t = '''a\nb\n").0, 1);
    }

    #[test]
    fn a_string_for_a_number_names_the_key_and_the_fix() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct T {
            weight: u32,
            #[serde(default)]
            inner: Vec<I>,
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct I {
            draft: bool,
        }
        let place = |text: &str| {
            let err = toml::from_str::<T>(text).unwrap_err();
            toml_diagnostic("E", "x.toml", text, 0, &err).message
        };
        assert_eq!(
            place("weight = \"28%\"\n"),
            "`weight` must be a whole number, not the string \"28%\": write `weight = 28`"
        );
        assert_eq!(
            place("weight = 1\ninner = [ { draft = \"yes\" } ]\n"),
            "`draft` must be true or false, not the string \"yes\": write `draft = true`"
        );
    }

    #[test]
    fn unclosed_array_is_placed_at_its_bracket() {
        let (l, c, m) = place("covers = [\"1.1.K1\",\n\n[[quiz]]\nid = \"x\"\n");
        assert_eq!((l, c), (1, 10), "{m}");
        assert!(m.starts_with("array is not closed"), "{m}");
        // A string with `[` or `#` inside does not count.
        assert_eq!(place("a = \"[#\"\ncovers = [1,\nb = 2\n").0, 2);
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
