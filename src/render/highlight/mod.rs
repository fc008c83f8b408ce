//! Build-time syntax highlighting. Code becomes a stream of classed tokens (`lexers::Tok`),
//! written as `<span class="hl-…">` with one short class per token kind, so one page works with
//! the light and the dark colours (at the end of `themes/default/static/style.css`).
//!
//! Two sources feed the one emitter:
//! - the hand-written lexers of [`crate::render::highlight::lexers`] for the languages study guides are made of
//!   (Python, JSON, YAML, Bash), which run at tens of MB/s;
//! - syntect for every other language it knows, its scopes mapped onto the same token kinds.
//!   Its syntax set is loaded once, and only when a page has such a block.
//!
//! syntect parses Python and YAML at about 0.6 MB/s here: on a 1,000-page guide with three code
//! blocks a page that was two seconds of CPU, most of the build.

pub(crate) mod lexers;

use crate::html::{escape, escape_text};
use lexers::Tok;
use std::ops::Range;
use std::sync::OnceLock;
use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxSet};
use syntect::util::LinesWithEndings;

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    // bat's syntax set: syntect's defaults plus Dockerfile, TOML, TypeScript, HCL and more.
    SET.get_or_init(two_face::syntax::extra_newlines)
}

/// Aliases authors commonly write, mapped to the names the lexers and syntect use.
fn token_for(lang: &str) -> &str {
    match lang {
        // Not `console`: a terminal transcript mixes prompts and output, which no lexer reads.
        "sh" | "shell" | "zsh" | "shellscript" => "bash",
        "yml" => "yaml",
        "py" | "python3" => "python",
        "js" => "javascript",
        "jsonc" | "json5" => "json",
        "Dockerfile" | "docker" => "dockerfile",
        "tf" | "terraform" => "hcl",
        other => other,
    }
}

/// The CSS class of a token kind (`hl-` and one letter, to keep pages small).
fn class(tok: Tok) -> &'static str {
    match tok {
        Tok::Comment => "hl-c",
        Tok::String => "hl-s",
        Tok::Escape => "hl-e",
        Tok::Number => "hl-n",
        Tok::Keyword => "hl-k",
        Tok::Constant => "hl-l",
        Tok::Builtin => "hl-b",
        Tok::Function => "hl-f",
        Tok::Type => "hl-t",
        Tok::Key => "hl-a",
        Tok::Decorator => "hl-d",
        Tok::Variable => "hl-v",
        Tok::Operator => "hl-o",
        Tok::Punct => "hl-p",
    }
}

/// One fenced code block as HTML: highlighted when the language is known, escaped otherwise.
pub(crate) fn code_block(code: &str, lang: &str) -> String {
    let lang = lang.split([',', ' ']).next().unwrap_or("").trim();
    let lang_attr = if lang.is_empty() {
        String::new()
    } else {
        format!(" data-lang=\"{}\"", escape(lang))
    };
    let key = token_for(&lang.to_ascii_lowercase()).to_string();
    let tokens = if lang.is_empty() {
        None
    } else {
        lexers::lex(&key, code).or_else(|| syntect_tokens(&key, code))
    };
    match tokens {
        Some(tokens) => format!(
            "<pre class=\"code hl-code\"{lang_attr}><code>{}</code></pre>\n",
            emit(code, &tokens)
        ),
        None => format!(
            "<pre class=\"code\"{lang_attr}><code>{}</code></pre>\n",
            escape_text(code)
        ),
    }
}

/// The HTML of `code` with its tokens: neighbouring tokens of one kind share a span, and text
/// between tokens is plain.
fn emit(code: &str, tokens: &[(Tok, Range<usize>)]) -> String {
    let mut out = String::with_capacity(code.len() * 2);
    let mut at = 0;
    let mut open: Option<(Tok, usize)> = None;
    let close = |out: &mut String, open: &mut Option<(Tok, usize)>, end: usize| {
        if let Some((tok, start)) = open.take() {
            out.push_str("<span class=\"");
            out.push_str(class(tok));
            out.push_str("\">");
            out.push_str(&escape_text(&code[start..end]));
            out.push_str("</span>");
        }
    };
    for (tok, range) in tokens {
        // Defensive: a token out of order or out of bounds is skipped, never a panic.
        if range.start < at
            || range.end > code.len()
            || range.start >= range.end
            || !code.is_char_boundary(range.start)
            || !code.is_char_boundary(range.end)
        {
            continue;
        }
        match open {
            Some((t, _)) if t == *tok && range.start == at => {}
            _ => {
                close(&mut out, &mut open, at);
                out.push_str(&escape_text(&code[at..range.start]));
                open = Some((*tok, range.start));
            }
        }
        at = range.end;
    }
    close(&mut out, &mut open, at);
    out.push_str(&escape_text(&code[at..]));
    out
}

/// Scope prefixes and the token kind they give, most specific first. The innermost scope of a
/// piece of text with a rule decides its kind.
const SCOPE_RULES: &[(&str, Tok)] = &[
    ("comment", Tok::Comment),
    ("punctuation.definition.comment", Tok::Comment),
    ("constant.character.escape", Tok::Escape),
    ("string", Tok::String),
    ("constant.numeric", Tok::Number),
    ("constant.language", Tok::Constant),
    ("constant", Tok::Constant),
    ("keyword.operator", Tok::Operator),
    ("keyword", Tok::Keyword),
    ("storage", Tok::Keyword),
    ("entity.name.function.decorator", Tok::Decorator),
    ("meta.annotation", Tok::Decorator),
    ("entity.name.function", Tok::Function),
    ("variable.function", Tok::Function),
    ("support.function", Tok::Builtin),
    ("entity.name.tag", Tok::Key),
    ("entity.other.attribute-name", Tok::Key),
    ("support.type.property-name", Tok::Key),
    ("meta.mapping.key", Tok::Key),
    ("entity.name", Tok::Type),
    ("entity.other.inherited-class", Tok::Type),
    ("support.type", Tok::Type),
    ("support.class", Tok::Type),
    ("variable.language", Tok::Variable),
    ("variable.parameter", Tok::Variable),
    ("variable.other.readwrite", Tok::Variable),
    ("punctuation.definition.variable", Tok::Variable),
    ("markup.heading", Tok::Keyword),
    ("markup.inserted", Tok::String),
    ("markup.deleted", Tok::Keyword),
];

fn scope_rules() -> &'static [(Scope, Tok)] {
    static RULES: OnceLock<Vec<(Scope, Tok)>> = OnceLock::new();
    RULES.get_or_init(|| {
        SCOPE_RULES
            .iter()
            .filter_map(|(s, t)| Scope::new(s).ok().map(|s| (s, *t)))
            .collect()
    })
}

fn kind_of(stack: &ScopeStack) -> Option<Tok> {
    let rules = scope_rules();
    stack.as_slice().iter().rev().find_map(|scope| {
        rules
            .iter()
            .find(|(prefix, _)| prefix.is_prefix_of(*scope))
            .map(|(_, t)| *t)
    })
}

/// Tokens from syntect for a language it knows; `None` for an unknown one or a parse error.
fn syntect_tokens(lang: &str, code: &str) -> Option<Vec<(Tok, Range<usize>)>> {
    let set = syntaxes();
    let syntax = set.find_syntax_by_token(lang)?;
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut tokens = Vec::new();
    let mut line_start = 0;
    for line in LinesWithEndings::from(code) {
        let ops = state.parse_line(line, set).ok()?;
        let mut at = 0;
        let mut text_to = |pos: usize, stack: &ScopeStack, at: &mut usize| {
            let pos = pos.min(line.len());
            if pos > *at {
                if let Some(tok) = kind_of(stack) {
                    tokens.push((tok, line_start + *at..line_start + pos));
                }
                *at = pos;
            }
        };
        for (pos, op) in &ops {
            text_to(*pos, &stack, &mut at);
            stack.apply(op).ok()?;
        }
        text_to(line.len(), &stack, &mut at);
        line_start += line.len();
    }
    Some(tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_a_lexer_language_with_short_classes() {
        let html = code_block("x = 1  # one\n", "python");
        assert!(html.contains("<span class=\"hl-n\">1</span>"), "{html}");
        assert!(html.contains("<span class=\"hl-c\"># one</span>"), "{html}");
        assert!(html.contains("data-lang=\"python\""));
    }

    /// Fences that were plain text with syntect's own set (a Dockerfile block is in the guide).
    #[test]
    fn bats_syntaxes_colour_dockerfile_toml_typescript_and_hcl() {
        for (lang, code, want) in [
            (
                "dockerfile",
                "FROM python:3.12\nRUN pip install x\n",
                "<span class=\"hl-k\">FROM</span>",
            ),
            (
                "Dockerfile",
                "FROM python:3.12\n",
                "<span class=\"hl-k\">FROM</span>",
            ),
            ("toml", "[book]\ntitle = \"x\"\n", "<span class=\"hl-s\">"),
            (
                "typescript",
                "const n: number = 2;\n",
                "<span class=\"hl-n\">2</span>",
            ),
            ("ts", "let s = 'a';\n", "<span class=\"hl-s\">"),
            (
                "hcl",
                "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n}\n",
                "<span class=\"hl-s\">",
            ),
            (
                "terraform",
                "variable \"n\" {\n  default = 3\n}\n",
                "<span class=\"hl-n\">3</span>",
            ),
        ] {
            let html = code_block(code, lang);
            assert!(html.contains(want), "{lang}: {html}");
        }
    }

    #[test]
    fn highlights_other_languages_through_syntect_with_the_same_classes() {
        let html = code_block("SELECT name FROM t -- all\nWHERE n > 2;\n", "sql");
        assert!(
            html.contains("<span class=\"hl-k\">SELECT</span>"),
            "{html}"
        );
        assert!(html.contains("<span class=\"hl-c\">-- all"), "{html}");
        assert!(html.contains("<span class=\"hl-n\">2</span>"), "{html}");
        let rust = code_block("fn main() { let s = \"a\\n\"; }\n", "rust");
        assert!(rust.contains("<span class=\"hl-k\">fn</span>"), "{rust}");
        assert!(rust.contains("<span class=\"hl-f\">main</span>"), "{rust}");
        assert!(rust.contains("<span class=\"hl-e\">\\n</span>"), "{rust}");
    }

    #[test]
    fn aliases_and_case_reach_the_same_lexer() {
        assert_eq!(
            code_block("a: 1\n", "yml").replace("yml", "yaml"),
            code_block("a: 1\n", "YAML").replace("YAML", "yaml")
        );
    }

    #[test]
    fn unknown_language_is_escaped_plain() {
        assert_eq!(
            code_block("<b>\n", "nosuchlang"),
            "<pre class=\"code\" data-lang=\"nosuchlang\"><code>&lt;b&gt;\n</code></pre>\n"
        );
    }

    #[test]
    fn emit_merges_neighbours_escapes_and_skips_bad_ranges() {
        let code = "a<b c";
        let tokens = vec![
            (Tok::Keyword, 0..1),
            (Tok::Keyword, 1..2),
            (Tok::String, 2..3),
            (Tok::Number, 1..2),  // out of order: skipped
            (Tok::Number, 4..99), // out of bounds: skipped
        ];
        assert_eq!(
            emit(code, &tokens),
            "<span class=\"hl-k\">a&lt;</span><span class=\"hl-s\">b</span> c"
        );
    }

    #[test]
    fn every_class_has_a_light_and_a_dark_colour() {
        let css = include_str!("../../../themes/default/static/style.css");
        for tok in [
            Tok::Comment,
            Tok::String,
            Tok::Escape,
            Tok::Number,
            Tok::Keyword,
            Tok::Constant,
            Tok::Builtin,
            Tok::Function,
            Tok::Type,
            Tok::Key,
            Tok::Decorator,
            Tok::Variable,
            Tok::Operator,
            Tok::Punct,
        ] {
            let selector = format!(".{}", class(tok));
            assert!(
                css.matches(&format!("{selector} ")).count()
                    + css.matches(&format!("{selector},")).count()
                    >= 3,
                "{selector} needs a rule in the light, the dark and the system-dark block"
            );
        }
    }
}
