//! Hand-written lexers for the languages that dominate study guides: Python, JSON, YAML and
//! Bash.
//!
//! Why: syntect (Oniguruma) parses Python and YAML at well under 1 MB/s, which made
//! highlighting most of a build's CPU time. Each lexer here is a single forward pass over the
//! bytes — no regexes, no backtracking, no allocation per byte — and runs at tens to hundreds
//! of MB/s. They only classify byte ranges; `highlight` turns the ranges into HTML and keeps
//! syntect for every other language.
//!
//! These are highlighters, not parsers: on malformed input they degrade (an unterminated
//! string runs to the end of its line, or of the input where the language allows multi-line
//! strings) but never panic. Every syntactic character they act on is ASCII, so every token
//! boundary lies on an ASCII byte or at the end of the input, which keeps ranges on `char`
//! boundaries; `Out::push` also checks that, drops empty ranges, merges a range into the
//! previous one when both have the same class and touch, and never lets ranges overlap.
//! Ranges may span line breaks (triple-quoted strings, `/* */` comments, heredoc bodies,
//! block and multi-line quoted YAML scalars are single ranges only when no other token
//! interrupts them), and touching ranges of one class are merged (so `\t\n` is one Escape).
//!
//! Coverage per language (what is deliberately left plain is listed too):
//! - **Python**: comments; strings with every prefix (`r b u f t`, two-letter combinations,
//!   any case), single/double/triple quotes, escapes (not in raw strings; `\u`/`\U`/`\N{}`
//!   only outside bytes); f-strings' replacement fields lexed as code (3.12 rules: nested
//!   quotes allowed; the braces, conversion and format spec are String); numbers; the 3.12
//!   keywords, with the soft keywords `match`/`case` only at a statement start on a line
//!   ending in `:` and `type` only as `type Name …` at a statement start; `True`/`False`/
//!   `None`/`NotImplemented`/`Ellipsis`/`__debug__` as Constant; builtins and built-in
//!   exceptions; `def` names as Function, `class` names and the name after `->` as Type;
//!   `name(` as Function (also after `.`; attribute names are otherwise plain); decorators;
//!   `self`/`cls` as Variable; operators. Brackets, `,`, `.`, `:` stay plain; parameter
//!   annotations are not typed.
//! - **JSON** (with jsonc/JSON5 tolerance): keys (a string or bare word followed by `:`),
//!   strings with escapes, numbers, `true`/`false`/`null`/`NaN`/`Infinity`, `//` and `/* */`
//!   comments, single-quoted strings. Punctuation stays plain.
//! - **YAML**: comments, document markers and directives, `-`/`?` indicators as Punct, keys
//!   (plain, quoted, after `- `, in flow collections), single- and double-quoted scalars with
//!   `''` and backslash escapes (also multi-line), block scalars (`|`, `>`, with indicators)
//!   whose more-indented lines are String, flow collections across lines, anchors and aliases
//!   (`&a`, `*a`) as Variable, tags (`!Ref`, `!!str`) as Type, and plain scalars that are
//!   wholly a YAML 1.2 core-schema number (plus `_` separators) or `true`/`false`/`null`/`~`
//!   (three spellings each). `yes`/`no`/`on`/`off` stay plain: they are booleans only in
//!   YAML 1.1, and colouring `on:`-style keys or `country: no` as constants misleads more
//!   often than it helps. Continuation lines of multi-line plain scalars are lexed like new
//!   nodes.
//! - **Bash**: comments (`#` at a word start) and shebangs, single-, double- (split into
//!   String/Escape/Variable) and `$'…'` strings, `$VAR`, `${…}`, `$1`, `$?`, `$(…)`,
//!   `` `…` `` and `$((…))` as Variable (outside quotes the inside of `$(…)` and `$((…))` is
//!   lexed as code), keywords at command position (and `in` after `for`/`case`), builtins and
//!   common commands at command position (the first word of a command, also after `sudo`,
//!   `exec`, `command`…, and after assignments), `name()` and `function name` as Function,
//!   assignment names (also after `export`/`local`/`declare`…) and `for` variables as
//!   Variable, numbers as whole words, operators and redirections, heredocs (`<<EOF`,
//!   `<<-EOF`, quoted delimiters; unquoted bodies get their expansions highlighted), line
//!   continuations. Options and other commands stay plain; `case` patterns, brace expansion,
//!   globs and `[[ … ]]` operands are not analysed.

use std::ops::Range;

/// The classes of highlighted text. Gaps between tokens are plain text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Tok {
    /// `# ...`, `//`, `/* */`, shebang.
    Comment,
    /// String literals including prefixes and quotes; YAML quoted and block scalars; heredoc
    /// bodies and delimiters.
    String,
    /// Escape sequences inside strings (`\n`, `\"`, `\u00e9`, YAML `''`).
    Escape,
    /// Integers, floats, hex, `1e-3`, `1_000`, `3j`.
    Number,
    /// Language keywords.
    Keyword,
    /// `True`/`False`/`None`, `true`/`false`/`null`, YAML `~`.
    Constant,
    /// Python builtins; Bash builtins and common commands at command position.
    Builtin,
    /// A function being defined (after `def`, `function`, before `()` in Bash) and, in
    /// Python, a name directly followed by `(`.
    Function,
    /// Python class names after `class` and the name after `->`; YAML tags.
    Type,
    /// JSON object keys, YAML mapping keys.
    Key,
    /// Python `@decorator` (the `@` and the dotted name).
    Decorator,
    /// Bash `$VAR`, `${…}`, `$(…)`, assignment names; Python `self`/`cls`; YAML anchors and
    /// aliases.
    Variable,
    /// Operators (`=`, `==`, `+`, `->`, `:=`, `|`, `&&`, redirections…).
    Operator,
    /// YAML `-`/`?` indicators, `---`/`...`, block scalar headers (`|`, `>-`).
    Punct,
}

/// Token ranges (byte ranges into `code`, in order, non-overlapping, each on char boundaries)
/// for a language this module knows, or None for any other language (the caller then uses
/// syntect). `lang` is the fence's language token, already lower-cased and alias-resolved:
/// "python", "json", "yaml", "bash" (callers map py, yml, sh, shell, zsh, console?… to these).
pub(crate) fn lex(lang: &str, code: &str) -> Option<Vec<(Tok, Range<usize>)>> {
    let toks = match lang {
        "python" => python::lex(code),
        "json" => json::lex(code),
        "yaml" => yaml::lex(code),
        "bash" => bash::lex(code),
        _ => return None,
    };
    Some(toks)
}

/// The token list under construction.
struct Out<'a> {
    src: &'a str,
    v: Vec<(Tok, Range<usize>)>,
}

impl<'a> Out<'a> {
    fn new(src: &'a str) -> Self {
        Out {
            src,
            v: Vec::with_capacity(src.len() / 8 + 4),
        }
    }

    /// Adds `start..end` as `tok`: empty ranges are dropped, a range touching the previous
    /// one of the same class extends it. The lexers only ever push in order and on char
    /// boundaries (debug builds check); release builds clamp and drop rather than emit a
    /// range that could make the caller panic.
    fn push(&mut self, tok: Tok, start: usize, end: usize) {
        let end = end.min(self.src.len());
        let mut start = start;
        if let Some((_, last)) = self.v.last() {
            debug_assert!(start >= last.end || start >= end, "overlap at {start}");
            start = start.max(last.end);
        }
        if start >= end {
            return;
        }
        let ok = self.src.is_char_boundary(start) && self.src.is_char_boundary(end);
        debug_assert!(ok, "{start}..{end} not on char boundaries");
        if !ok {
            return;
        }
        if let Some((last_tok, last)) = self.v.last_mut() {
            if *last_tok == tok && last.end == start {
                last.end = end;
                return;
            }
        }
        self.v.push((tok, start..end));
    }
}

/// The index after the char starting at `i` (robust even inside a char).
fn next_char(s: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    while j < s.len() && (s[j] & 0xC0) == 0x80 {
        j += 1;
    }
    j.min(s.len())
}

/// The index of the next `\n` at or after `i`, or the input length.
fn line_end(s: &[u8], i: usize) -> usize {
    match s
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| b == b'\n'))
    {
        Some(p) => i + p,
        None => s.len(),
    }
}

/// `end`, less one when the line `start..end` ends in `\r`.
fn trim_cr(s: &[u8], start: usize, end: usize) -> usize {
    if end > start && s[end - 1] == b'\r' {
        end - 1
    } else {
        end
    }
}

/// The index after up to `max` hex digits from `i`, not beyond `limit`.
fn hex_run(s: &[u8], i: usize, max: usize, limit: usize) -> usize {
    let mut j = i;
    while j < limit && j - i < max && s[j].is_ascii_hexdigit() {
        j += 1;
    }
    j
}

/// After a number's digits at `j`: the end of an exponent (`e-5`, `E+10`) if one follows,
/// its digits read by `digits`; else `j`.
fn exponent_end(s: &[u8], j: usize, digits: impl Fn(usize) -> usize) -> usize {
    if !matches!(s.get(j), Some(b'e' | b'E')) {
        return j;
    }
    let mut k = j + 1;
    if matches!(s.get(k), Some(b'+' | b'-')) {
        k += 1;
    }
    if s.get(k).is_some_and(u8::is_ascii_digit) {
        digits(k)
    } else {
        j
    }
}

fn is_space(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

fn skip_spaces(s: &[u8], mut i: usize, end: usize) -> usize {
    while i < end && is_space(s[i]) {
        i += 1;
    }
    i
}

// ---------------------------------------------------------------------------------------------
// Python

mod python;

// ---------------------------------------------------------------------------------------------
// JSON

mod json;

// ---------------------------------------------------------------------------------------------
// YAML

mod yaml;

// ---------------------------------------------------------------------------------------------
// Bash

mod bash;

#[cfg(test)]
mod tests;
