//! Pages: splits a Markdown file into its TOML front matter and body, and reads the front
//! matter (including its questions). Markdown is rendered later, in `markdown`.

use crate::diagnostic::Diagnostic;
use crate::source::config::toml_diagnostic;
use crate::source::quiz::{self, Question, RawQuestion};
use serde::Deserialize;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: Option<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    weight: i64,
    #[serde(default)]
    draft: bool,
    domain: Option<Spanned<String>>,
    task: Option<Spanned<String>>,
    #[serde(default)]
    covers: Vec<Spanned<String>>,
    #[serde(default)]
    quiz: Vec<Spanned<RawQuestion>>,
    /// `false`: do not link glossary terms on this page.
    #[serde(default = "yes", rename = "link-glossary")]
    link_glossary: bool,
}

fn yes() -> bool {
    true
}

/// A value from the front matter and the byte offset (in the file) where it was written.
#[derive(Debug, Clone)]
pub(crate) struct Located<T> {
    pub(crate) value: T,
    pub(crate) offset: usize,
}

#[derive(Debug, Clone)]
pub(crate) struct FrontMatter {
    pub(crate) title: String,
    pub(crate) description: String,
    pub(crate) weight: i64,
    pub(crate) draft: bool,
    pub(crate) domain: Option<Located<String>>,
    pub(crate) task: Option<Located<String>>,
    pub(crate) covers: Vec<Located<String>>,
    pub(crate) link_glossary: bool,
}

/// A page whose front matter has been read; its body is still Markdown text.
#[derive(Debug, Clone)]
pub(crate) struct ParsedPage {
    /// Path relative to the content directory (`a/b.md`).
    pub(crate) rel: String,
    /// Path for diagnostics (`content/a/b.md`).
    pub(crate) display: String,
    /// The whole file, normalised.
    pub(crate) text: String,
    /// Byte offset where the Markdown body starts.
    pub(crate) body_offset: usize,
    pub(crate) front: FrontMatter,
    pub(crate) quizzes: Vec<Question>,
    /// Blueprint item ids named in questions that were left out for their errors.
    pub(crate) invalid_items: Vec<String>,
}

impl ParsedPage {
    pub(crate) fn body(&self) -> &str {
        &self.text[self.body_offset..]
    }
}

/// Finds the front matter: returns (toml start, toml end, body start) as byte offsets.
fn split(text: &str) -> Result<(usize, usize, usize), &'static str> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() == "---" {
        return Err("front matter is YAML (`---`), but studyguide reads TOML: change both `---` lines to `+++` and write each `key: value` as `key = \"value\"`");
    }
    if text[..first_line_end].trim_end() != "+++" {
        return Err("page has no front matter; start the file with a `+++` line, then `title = \"…\"`, then `+++`");
    }
    let toml_start = (first_line_end + 1).min(text.len());
    let mut pos = toml_start;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if text[pos..end].trim_end() == "+++" {
            return Ok((toml_start, pos, (end + 1).min(text.len())));
        }
        pos = end + 1;
    }
    Err("front matter is not closed: add a line with `+++` after the TOML")
}

/// Reads one page's front matter. Returns `None` if the page cannot be used at all.
pub(crate) fn parse(
    rel: &str,
    display: &str,
    text: String,
    diags: &mut Vec<Diagnostic>,
) -> Option<ParsedPage> {
    parse_or_text(rel, display, text, diags).ok()
}

/// Reads one page's front matter; when the page cannot be used at all, gives its text back
/// (so that what it was meant to be can be told: see `absent::salvage`).
pub(crate) fn parse_or_text(
    rel: &str,
    display: &str,
    text: String,
    diags: &mut Vec<Diagnostic>,
) -> Result<ParsedPage, String> {
    if text.trim().is_empty() {
        diags.push(Diagnostic::error(
            "E010",
            display,
            "page is empty; a page needs front matter with at least `title = \"…\"` between `+++` lines",
        ));
        return Err(text);
    }
    let (toml_start, toml_end, body_offset) = match split(&text) {
        Ok(s) => s,
        Err(msg) => {
            diags.push(Diagnostic::error("E011", display, msg).at(&text, 0));
            return Err(text);
        }
    };
    let raw: RawFrontMatter = match toml::from_str(&text[toml_start..toml_end]) {
        Ok(r) => r,
        Err(e) => {
            diags.push(front_matter_error(display, &text, toml_start, toml_end, &e));
            return Err(text);
        }
    };
    let title = match raw.title {
        Some(t) if !t.trim().is_empty() => t,
        _ => {
            diags.push(
                Diagnostic::error("E013", display, "front matter has no `title`")
                    .at(&text, toml_start),
            );
            String::new()
        }
    };
    let loc = |s: Spanned<String>| Located {
        offset: toml_start + s.span().start,
        value: s.into_inner(),
    };
    let place = quiz::Place {
        path: display,
        text: &text,
        base: toml_start,
    };
    let mut quizzes = Vec::with_capacity(raw.quiz.len());
    let mut invalid_items = Vec::new();
    for q in &raw.quiz {
        match quiz::validate(q, &place, false, diags) {
            Some(q) => quizzes.push(q),
            // Left out: the items it names may be short of questions only because of that.
            None => {
                let span = q.span();
                let written = &text[toml_start + span.start..toml_start + span.end];
                invalid_items.extend(item_ids_in(written).map(str::to_string));
            }
        }
    }
    invalid_items.sort();
    invalid_items.dedup();
    let front = FrontMatter {
        title,
        description: raw.description,
        weight: raw.weight,
        draft: raw.draft,
        domain: raw.domain.map(loc),
        task: raw.task.map(loc),
        covers: raw.covers.into_iter().map(loc).collect(),
        link_glossary: raw.link_glossary,
    };
    Ok(ParsedPage {
        rel: rel.to_string(),
        display: display.to_string(),
        text,
        body_offset,
        front,
        quizzes,
        invalid_items,
    })
}

/// Every word of `text` shaped like a blueprint item id (`1.1.K2`).
pub(crate) fn item_ids_in(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
        .filter(|t| is_item_id(t))
}

/// `1.1.K2`, `3.2.S10`: a blueprint item id.
fn is_item_id(t: &str) -> bool {
    let mut parts = t.split('.');
    let (Some(d), Some(task), Some(item), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(d)
        && digits(task)
        && item.len() > 1
        && item.starts_with(['K', 'S'])
        && digits(&item[1..])
}

/// A front matter that is not valid TOML or does not fit the page's keys, as one diagnostic.
fn front_matter_error(
    display: &str,
    text: &str,
    toml_start: usize,
    toml_end: usize,
    err: &toml::de::Error,
) -> Diagnostic {
    let mut d = toml_diagnostic("E012", display, &text[..toml_end], toml_start, err);
    let line = d
        .source_line
        .as_ref()
        .map_or("", |s| s.text.as_str())
        .trim();
    if d.message.contains("expected a sequence") && line.starts_with('[') && !line.starts_with("[[")
    {
        let name = line.trim_start_matches('[').split(']').next().unwrap_or("");
        d.message = format!(
            "`[{name}]` is one table, but `{name}` is a list: write `[[{name}]]` (two brackets) before each entry"
        );
        return d;
    }
    if !d.message.starts_with("unknown key") {
        d.message = format!("invalid front matter: {}", d.message);
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> (Option<ParsedPage>, Vec<Diagnostic>) {
        let mut d = Vec::new();
        (parse("a.md", "content/a.md", text.to_string(), &mut d), d)
    }

    #[test]
    fn splits_front_matter() {
        let (page, d) = p("+++\ntitle = \"T\"\ntask = \"1.1\"\n+++\n# Body\n");
        let page = page.unwrap();
        assert!(d.is_empty());
        assert_eq!(page.body(), "# Body\n");
        assert_eq!(page.front.task.as_ref().unwrap().value, "1.1");
        assert_eq!(
            crate::diagnostic::locate(&page.text, page.front.task.unwrap().offset).0,
            3
        );
    }

    #[test]
    fn unclosed_front_matter() {
        let (page, d) = p("+++\ntitle = \"T\"\n# Body\n");
        assert!(page.is_none());
        assert_eq!(d[0].code, "E011");
        assert!(d[0].message.contains("not closed"));
    }

    #[test]
    fn unknown_key_located() {
        let (_, d) = p("+++\ntitle = \"T\"\ntags = []\n+++\n");
        assert_eq!((d[0].line, d[0].column), (3, 1));
        assert!(
            d[0].message.starts_with("unknown key `tags`"),
            "{}",
            d[0].message
        );
    }
}
