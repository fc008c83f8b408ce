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

mod python {
    use super::{hex_run, line_end, next_char, trim_cr, Out, Tok};

    /// f-strings nested deeper than this are lexed as plain strings (bounds recursion).
    const MAX_FSTRING_DEPTH: u32 = 12;

    pub(super) fn lex(code: &str) -> Vec<(Tok, std::ops::Range<usize>)> {
        let mut lx = Lexer {
            s: code.as_bytes(),
            out: Out::new(code),
            fdepth: 0,
            colon_line: (0, 0, false),
        };
        lx.code(0, None);
        lx.out.v
    }

    /// What the previous significant token was, for the names that depend on it.
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Prev {
        Other,
        Def,
        Class,
        Dot,
        Arrow,
    }

    #[derive(Clone, Copy, Default)]
    struct StrKind {
        raw: bool,
        bytes: bool,
        fmt: bool,
    }

    struct Lexer<'a> {
        s: &'a [u8],
        out: Out<'a>,
        fdepth: u32,
        /// Cache for `line_ends_with_colon`: (from, line end, answer).
        colon_line: (usize, usize, bool),
    }

    fn is_ident_start(b: u8) -> bool {
        b.is_ascii_alphabetic() || b == b'_' || b >= 0x80
    }

    fn is_ident(b: u8) -> bool {
        b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
    }

    impl Lexer<'_> {
        /// Lexes code from `i`. In an f-string replacement field (`field` = Some(single_line)),
        /// stops without consuming at the `}`, `:` or `!` that ends the expression, or at a
        /// newline inside a single-line string; returns where it stopped.
        fn code(&mut self, mut i: usize, field: Option<bool>) -> usize {
            let s = self.s;
            let n = s.len();
            let in_field = field.is_some();
            let mut depth = 0u32;
            let mut stmt = !in_field;
            let mut prev = Prev::Other;
            while i < n {
                let b = s[i];
                match b {
                    b'\n' => {
                        if field == Some(true) {
                            return i;
                        }
                        if depth == 0 && !in_field {
                            stmt = true;
                        }
                        i += 1;
                        continue;
                    }
                    b' ' | b'\t' | b'\r' | b'\x0c' => {
                        i += 1;
                        continue;
                    }
                    b'\\' => {
                        // Line continuation (or a stray backslash): plain.
                        i = match s.get(i + 1) {
                            Some(b'\n') => i + 2,
                            Some(b'\r') if s.get(i + 2) == Some(&b'\n') => i + 3,
                            _ => i + 1,
                        };
                        continue;
                    }
                    b'#' => {
                        let e = line_end(s, i);
                        self.out.push(Tok::Comment, i, trim_cr(s, i, e));
                        i = e;
                        continue;
                    }
                    _ => {}
                }
                let at_stmt = stmt;
                stmt = false;
                let mut next_prev = Prev::Other;
                if b == b'"' || b == b'\'' {
                    i = self.string(i, i, StrKind::default());
                } else if b.is_ascii_digit()
                    || (b == b'.' && s.get(i + 1).is_some_and(u8::is_ascii_digit))
                {
                    let e = number(s, i);
                    self.out.push(Tok::Number, i, e);
                    i = e;
                } else if is_ident_start(b) {
                    let start = i;
                    while i < n && is_ident(s[i]) {
                        i += 1;
                    }
                    if i < n && (s[i] == b'"' || s[i] == b'\'') && i - start <= 2 {
                        if let Some(kind) = str_prefix(&s[start..i]) {
                            i = self.string(start, i, kind);
                            prev = Prev::Other;
                            continue;
                        }
                    }
                    let word = &s[start..i];
                    let tok = self.classify(word, i, at_stmt, prev);
                    if tok == Some(Tok::Keyword) {
                        next_prev = match word {
                            b"def" => Prev::Def,
                            b"class" => Prev::Class,
                            _ => Prev::Other,
                        };
                    }
                    if let Some(tok) = tok {
                        self.out.push(tok, start, i);
                    }
                } else {
                    match b {
                        b'@' if at_stmt && s.get(i + 1).is_some_and(|&c| is_ident_start(c)) => {
                            let start = i;
                            i += 1;
                            loop {
                                while i < n && is_ident(s[i]) {
                                    i += 1;
                                }
                                if i + 1 < n && s[i] == b'.' && is_ident_start(s[i + 1]) {
                                    i += 1;
                                } else {
                                    break;
                                }
                            }
                            self.out.push(Tok::Decorator, start, i);
                        }
                        b'(' | b'[' | b'{' => {
                            depth += 1;
                            i += 1;
                        }
                        b')' | b']' => {
                            depth = depth.saturating_sub(1);
                            i += 1;
                        }
                        b'}' => {
                            if in_field && depth == 0 {
                                return i;
                            }
                            depth = depth.saturating_sub(1);
                            i += 1;
                        }
                        b':' => {
                            if in_field && depth == 0 {
                                return i;
                            }
                            if s.get(i + 1) == Some(&b'=') {
                                self.out.push(Tok::Operator, i, i + 2);
                                i += 2;
                            } else {
                                i += 1;
                            }
                        }
                        b'!' => {
                            if in_field && depth == 0 && s.get(i + 1) != Some(&b'=') {
                                return i;
                            }
                            self.out.push(Tok::Operator, i, i + 1);
                            i += 1;
                        }
                        b';' => {
                            stmt = !in_field;
                            i += 1;
                        }
                        b'.' => {
                            next_prev = Prev::Dot;
                            i += 1;
                        }
                        b'-' if s.get(i + 1) == Some(&b'>') => {
                            self.out.push(Tok::Operator, i, i + 2);
                            next_prev = Prev::Arrow;
                            i += 2;
                        }
                        b'=' | b'+' | b'-' | b'*' | b'/' | b'%' | b'<' | b'>' | b'&' | b'|'
                        | b'^' | b'~' | b'@' => {
                            self.out.push(Tok::Operator, i, i + 1);
                            i += 1;
                        }
                        _ => i = next_char(s, i),
                    }
                }
                prev = next_prev;
            }
            i
        }

        /// The class of identifier `word`, which ends at `end`.
        fn classify(&mut self, word: &[u8], end: usize, at_stmt: bool, prev: Prev) -> Option<Tok> {
            let next = self.s.get(end).copied();
            match prev {
                Prev::Def => return Some(Tok::Function),
                Prev::Class => return Some(Tok::Type),
                Prev::Dot => return (next == Some(b'(')).then_some(Tok::Function),
                _ => {}
            }
            if is_keyword(word) {
                return Some(Tok::Keyword);
            }
            match word {
                b"match" | b"case"
                    if at_stmt
                        && next.is_some_and(super::is_space)
                        && self.line_ends_with_colon(end) =>
                {
                    return Some(Tok::Keyword)
                }
                b"type" if at_stmt && next.is_some_and(super::is_space) => {
                    let k = super::skip_spaces(self.s, end, self.s.len());
                    if self.s.get(k).is_some_and(|&c| is_ident_start(c)) {
                        return Some(Tok::Keyword);
                    }
                }
                b"True" | b"False" | b"None" | b"NotImplemented" | b"Ellipsis" | b"__debug__" => {
                    return Some(Tok::Constant)
                }
                b"self" | b"cls" => return Some(Tok::Variable),
                _ => {}
            }
            if prev == Prev::Arrow {
                return Some(Tok::Type);
            }
            if is_builtin(word) {
                return Some(Tok::Builtin);
            }
            (next == Some(b'(')).then_some(Tok::Function)
        }

        /// Whether the line holding `from` ends (before any comment) with `:`. Cached per
        /// line so a line of many `match` words stays linear.
        fn line_ends_with_colon(&mut self, from: usize) -> bool {
            let (start, end, answer) = self.colon_line;
            if start <= from && from < end {
                return answer;
            }
            let s = self.s;
            let e = line_end(s, from);
            let hash = s[from..e]
                .iter()
                .position(|&b| b == b'#')
                .map_or(e, |p| from + p);
            let mut t = hash;
            while t > from && matches!(s[t - 1], b' ' | b'\t' | b'\r') {
                t -= 1;
            }
            let answer = t > from && s[t - 1] == b':';
            self.colon_line = (from, e, answer);
            answer
        }

        /// Lexes a string whose prefix starts at `start` and whose opening quote is at `q`;
        /// returns the index after it.
        fn string(&mut self, start: usize, q: usize, kind: StrKind) -> usize {
            let s = self.s;
            let n = s.len();
            let quote = s[q];
            let triple = q + 2 < n && s[q + 1] == quote && s[q + 2] == quote;
            let fmt = kind.fmt && self.fdepth < MAX_FSTRING_DEPTH;
            let mut i = q + if triple { 3 } else { 1 };
            let mut seg = start;
            while i < n {
                let b = s[i];
                if b == quote {
                    if !triple {
                        self.out.push(Tok::String, seg, i + 1);
                        return i + 1;
                    }
                    if i + 2 < n && s[i + 1] == quote && s[i + 2] == quote {
                        self.out.push(Tok::String, seg, i + 3);
                        return i + 3;
                    }
                    i += 1;
                    continue;
                }
                match b {
                    b'\\' if kind.raw => {
                        // A backslash still keeps the next char (even a quote) in the string.
                        i = if i + 1 < n { next_char(s, i + 1) } else { n };
                    }
                    b'\\' => {
                        let (e, is_escape) = escape_end(s, i, kind.bytes);
                        if is_escape {
                            self.out.push(Tok::String, seg, i);
                            self.out.push(Tok::Escape, i, e);
                            seg = e;
                        }
                        i = e;
                    }
                    b'\n' if !triple => {
                        self.out.push(Tok::String, seg, trim_cr(s, seg, i));
                        return i;
                    }
                    b'{' if fmt => {
                        if s.get(i + 1) == Some(&b'{') {
                            i += 2;
                        } else {
                            self.out.push(Tok::String, seg, i + 1);
                            i = self.field(i + 1, quote, triple);
                            seg = i;
                        }
                    }
                    _ => i += 1,
                }
            }
            self.out.push(Tok::String, seg, n);
            n
        }

        /// Lexes an f-string replacement field from just after its `{`: the expression as
        /// code, then conversion and format spec (with nested fields) as String, through the
        /// closing `}`. Returns the index after it.
        fn field(&mut self, i: usize, quote: u8, triple: bool) -> usize {
            let s = self.s;
            let n = s.len();
            self.fdepth += 1;
            let mut k = self.code(i, Some(!triple));
            let mut seg = k;
            if k < n && s[k] == b'!' {
                k += 1;
                while k < n && s[k].is_ascii_alphanumeric() {
                    k += 1;
                }
            }
            if k < n && s[k] == b':' {
                k += 1;
                while k < n {
                    match s[k] {
                        b'}' => break,
                        b'\n' if !triple => break,
                        c if c == quote => break,
                        b'{' if self.fdepth < MAX_FSTRING_DEPTH => {
                            self.out.push(Tok::String, seg, k + 1);
                            k = self.field(k + 1, quote, triple);
                            seg = k;
                        }
                        _ => k += 1,
                    }
                }
            }
            if k < n && s[k] == b'}' {
                k += 1;
            }
            self.out.push(Tok::String, seg, k);
            self.fdepth -= 1;
            k
        }
    }

    /// The string prefix `w` (before a quote) as a kind, if it is one.
    fn str_prefix(w: &[u8]) -> Option<StrKind> {
        let mut k = StrKind::default();
        for &c in w {
            match c.to_ascii_lowercase() {
                b'r' if !k.raw => k.raw = true,
                b'b' if !k.bytes && !k.fmt => k.bytes = true,
                b'f' | b't' if !k.fmt && !k.bytes => k.fmt = true,
                b'u' if w.len() == 1 => {}
                _ => return None,
            }
        }
        Some(k)
    }

    /// The end of the backslash sequence at `i`, and whether Python treats it as an escape.
    fn escape_end(s: &[u8], i: usize, bytes: bool) -> (usize, bool) {
        let n = s.len();
        let Some(&c) = s.get(i + 1) else {
            return (n, false);
        };
        match c {
            b'\n' => (i + 2, true),
            b'\r' => (
                if s.get(i + 2) == Some(&b'\n') {
                    i + 3
                } else {
                    i + 2
                },
                true,
            ),
            b'\\' | b'\'' | b'"' | b'a' | b'b' | b'f' | b'n' | b'r' | b't' | b'v' => (i + 2, true),
            b'0'..=b'7' => {
                let mut e = i + 2;
                while e < n && e < i + 4 && (b'0'..=b'7').contains(&s[e]) {
                    e += 1;
                }
                (e, true)
            }
            b'x' => (hex_run(s, i + 2, 2, n), true),
            b'u' if !bytes => (hex_run(s, i + 2, 4, n), true),
            b'U' if !bytes => (hex_run(s, i + 2, 8, n), true),
            b'N' if !bytes && s.get(i + 2) == Some(&b'{') => {
                let mut e = i + 3;
                while e < n && (s[e].is_ascii_alphanumeric() || s[e] == b' ' || s[e] == b'-') {
                    e += 1;
                }
                if e < n && s[e] == b'}' {
                    (e + 1, true)
                } else {
                    (i + 2, false)
                }
            }
            _ => (next_char(s, i + 1), false),
        }
    }

    /// The end of the number starting at `i` (a digit, or `.` before a digit).
    fn number(s: &[u8], i: usize) -> usize {
        let n = s.len();
        let digits = |mut j: usize| {
            while j < n && (s[j].is_ascii_digit() || s[j] == b'_') {
                j += 1;
            }
            j
        };
        if s[i] == b'0' && i + 1 < n && matches!(s[i + 1], b'x' | b'X' | b'o' | b'O' | b'b' | b'B')
        {
            let mut j = i + 2;
            while j < n && (s[j].is_ascii_hexdigit() || s[j] == b'_') {
                j += 1;
            }
            return j;
        }
        let mut j = digits(i);
        if j < n && s[j] == b'.' {
            j = digits(j + 1);
        }
        j = super::exponent_end(s, j, digits);
        if j < n && (s[j] == b'j' || s[j] == b'J') {
            j += 1;
        }
        j
    }

    /// The Python 3.12 hard keywords except `True`/`False`/`None`.
    #[rustfmt::skip]
    fn is_keyword(w: &[u8]) -> bool {
        matches!(
            w,
            b"and" | b"as" | b"assert" | b"async" | b"await" | b"break" | b"class" | b"continue"
            | b"def" | b"del" | b"elif" | b"else" | b"except" | b"finally" | b"for" | b"from"
            | b"global" | b"if" | b"import" | b"in" | b"is" | b"lambda" | b"nonlocal" | b"not"
            | b"or" | b"pass" | b"raise" | b"return" | b"try" | b"while" | b"with" | b"yield"
        )
    }

    /// Builtin functions, types, exceptions and warnings.
    #[rustfmt::skip]
    fn is_builtin(w: &[u8]) -> bool {
        matches!(
            w,
            b"ArithmeticError" | b"AssertionError" | b"AttributeError" | b"BaseException"
            | b"BaseExceptionGroup" | b"BlockingIOError" | b"BrokenPipeError" | b"BufferError"
            | b"ConnectionError" | b"ConnectionRefusedError" | b"ConnectionResetError"
            | b"DeprecationWarning" | b"EOFError" | b"Exception" | b"ExceptionGroup"
            | b"FileExistsError" | b"FileNotFoundError" | b"FloatingPointError" | b"FutureWarning"
            | b"GeneratorExit" | b"ImportError" | b"IndentationError" | b"IndexError"
            | b"InterruptedError" | b"IsADirectoryError" | b"KeyError" | b"KeyboardInterrupt"
            | b"LookupError" | b"MemoryError" | b"ModuleNotFoundError" | b"NameError"
            | b"NotADirectoryError" | b"NotImplementedError" | b"OSError" | b"OverflowError"
            | b"PermissionError" | b"ProcessLookupError" | b"RecursionError" | b"ReferenceError"
            | b"RuntimeError" | b"RuntimeWarning" | b"StopAsyncIteration" | b"StopIteration"
            | b"SyntaxError" | b"SystemError" | b"SystemExit" | b"TabError" | b"TimeoutError"
            | b"TypeError" | b"UnboundLocalError" | b"UnicodeDecodeError" | b"UnicodeEncodeError"
            | b"UnicodeError" | b"UserWarning" | b"ValueError" | b"Warning" | b"ZeroDivisionError"
            | b"__import__" | b"abs" | b"aiter" | b"all" | b"anext" | b"any" | b"ascii" | b"bin"
            | b"bool" | b"breakpoint" | b"bytearray" | b"bytes" | b"callable" | b"chr"
            | b"classmethod" | b"compile" | b"complex" | b"delattr" | b"dict" | b"dir" | b"divmod"
            | b"enumerate" | b"eval" | b"exec" | b"exit" | b"filter" | b"float" | b"format"
            | b"frozenset" | b"getattr" | b"globals" | b"hasattr" | b"hash" | b"help" | b"hex"
            | b"id" | b"input" | b"int" | b"isinstance" | b"issubclass" | b"iter" | b"len"
            | b"list" | b"locals" | b"map" | b"max" | b"memoryview" | b"min" | b"next" | b"object"
            | b"oct" | b"open" | b"ord" | b"pow" | b"print" | b"property" | b"quit" | b"range"
            | b"repr" | b"reversed" | b"round" | b"set" | b"setattr" | b"slice" | b"sorted"
            | b"staticmethod" | b"str" | b"sum" | b"super" | b"tuple" | b"type" | b"vars" | b"zip"
        )
    }
}

// ---------------------------------------------------------------------------------------------
// JSON

mod json {
    use super::{hex_run, line_end, next_char, trim_cr, Out, Tok};

    pub(super) fn lex(code: &str) -> Vec<(Tok, std::ops::Range<usize>)> {
        let s = code.as_bytes();
        let n = s.len();
        let mut out = Out::new(code);
        let mut i = 0;
        while i < n {
            let b = s[i];
            match b {
                b'"' | b'\'' => {
                    let e = string_end(s, i);
                    if followed_by_colon(s, e) {
                        out.push(Tok::Key, i, e);
                    } else {
                        string(&mut out, s, i, e);
                    }
                    i = e;
                }
                b'-' | b'0'..=b'9' => {
                    let e = number(s, i);
                    if e > i {
                        out.push(Tok::Number, i, e);
                        i = e;
                    } else {
                        i += 1;
                    }
                }
                b'/' if s.get(i + 1) == Some(&b'/') => {
                    let e = line_end(s, i);
                    out.push(Tok::Comment, i, trim_cr(s, i, e));
                    i = e;
                }
                b'/' if s.get(i + 1) == Some(&b'*') => {
                    let e = s[i + 2..]
                        .windows(2)
                        .position(|w| w == b"*/")
                        .map_or(n, |p| i + 2 + p + 2);
                    out.push(Tok::Comment, i, e);
                    i = e;
                }
                b'a'..=b'z' | b'A'..=b'Z' | b'_' | b'$' => {
                    let start = i;
                    while i < n && (s[i].is_ascii_alphanumeric() || s[i] == b'_' || s[i] == b'$') {
                        i += 1;
                    }
                    match &s[start..i] {
                        b"true" | b"false" | b"null" | b"NaN" | b"Infinity" => {
                            out.push(Tok::Constant, start, i)
                        }
                        _ if followed_by_colon(s, i) => out.push(Tok::Key, start, i),
                        _ => {}
                    }
                }
                _ => i += 1,
            }
        }
        out.v
    }

    /// Whether optional whitespace and then `:` follow `i`.
    fn followed_by_colon(s: &[u8], mut i: usize) -> bool {
        while i < s.len() && matches!(s[i], b' ' | b'\t' | b'\r' | b'\n') {
            i += 1;
        }
        s.get(i) == Some(&b':')
    }

    /// The end of the string opening at `i`: after its closing quote, or (unterminated) at
    /// the end of its line.
    fn string_end(s: &[u8], i: usize) -> usize {
        let q = s[i];
        let mut j = i + 1;
        while j < s.len() {
            match s[j] {
                c if c == q => return j + 1,
                b'\\' if j + 1 < s.len() && s[j + 1] != b'\n' => j = next_char(s, j + 1),
                b'\n' => return trim_cr(s, i, j),
                _ => j += 1,
            }
        }
        s.len()
    }

    /// Pushes the string `i..e` as String with its escapes as Escape.
    fn string(out: &mut Out, s: &[u8], i: usize, e: usize) {
        let mut seg = i;
        let mut j = i + 1;
        while j < e {
            if s[j] == b'\\' && j + 1 < e {
                let end = if s[j + 1] == b'u' {
                    hex_run(s, j + 2, 4, e)
                } else {
                    next_char(s, j + 1).min(e)
                };
                out.push(Tok::String, seg, j);
                out.push(Tok::Escape, j, end);
                seg = end;
                j = end;
            } else {
                j += 1;
            }
        }
        out.push(Tok::String, seg, e);
    }

    /// The end of the number at `i`, or `i` when there is none (a lone `-`).
    fn number(s: &[u8], i: usize) -> usize {
        let n = s.len();
        let digits = |mut j: usize| {
            while j < n && s[j].is_ascii_digit() {
                j += 1;
            }
            j
        };
        let start = if s[i] == b'-' { i + 1 } else { i };
        let mut j = digits(start);
        if j == start {
            return i;
        }
        if j + 1 < n && s[j] == b'.' && s[j + 1].is_ascii_digit() {
            j = digits(j + 1);
        }
        j = super::exponent_end(s, j, digits);
        j
    }
}

// ---------------------------------------------------------------------------------------------
// YAML

mod yaml {
    use super::{hex_run, is_space, line_end, next_char, skip_spaces, trim_cr, Out, Tok};

    pub(super) fn lex(code: &str) -> Vec<(Tok, std::ops::Range<usize>)> {
        let s = code.as_bytes();
        let mut lx = Lexer {
            s,
            out: Out::new(code),
            ls: 0,
            flow: 0,
            quote: None,
            block: None,
        };
        let mut ls = 0;
        while ls < s.len() {
            let le = line_end(s, ls);
            lx.line(ls, trim_cr(s, ls, le));
            ls = le + 1;
        }
        lx.out.v
    }

    struct Lexer<'a> {
        s: &'a [u8],
        out: Out<'a>,
        /// Start of the current line.
        ls: usize,
        /// Depth of open flow collections (`[`, `{`), which may span lines.
        flow: u32,
        /// The quote of a quoted scalar continuing on the next line.
        quote: Option<u8>,
        /// Inside a block scalar: the least indentation of its content lines.
        block: Option<usize>,
    }

    /// `---` or `...` at `ls`, alone or followed by whitespace.
    fn doc_marker(s: &[u8], ls: usize, e: usize) -> bool {
        e - ls >= 3
            && (&s[ls..ls + 3] == b"---" || &s[ls..ls + 3] == b"...")
            && (ls + 3 == e || is_space(s[ls + 3]))
    }

    /// Whether the indicator at `i` is followed by whitespace or the end of the line.
    fn sep_after(s: &[u8], i: usize, e: usize) -> bool {
        i + 1 >= e || is_space(s[i + 1])
    }

    fn is_flow(b: u8) -> bool {
        matches!(b, b',' | b'[' | b']' | b'{' | b'}')
    }

    /// The closing quote of the quoted scalar opening at `i`, if on this line.
    fn find_close(s: &[u8], i: usize, e: usize, q: u8) -> Option<usize> {
        let mut j = i + 1;
        while j < e {
            let c = s[j];
            if c == q {
                if q == b'\'' && j + 1 < e && s[j + 1] == b'\'' {
                    j += 2;
                    continue;
                }
                return Some(j);
            }
            j += if c == b'\\' && q == b'"' { 2 } else { 1 };
        }
        None
    }

    /// A plain key at `i`: (end of the key text, index of its `:`).
    fn plain_key(s: &[u8], i: usize, e: usize) -> Option<(usize, usize)> {
        let mut j = i;
        while j < e {
            let c = s[j];
            if c == b':' && sep_after(s, j, e) {
                let mut ke = j;
                while ke > i && is_space(s[ke - 1]) {
                    ke -= 1;
                }
                return Some((ke, j));
            }
            if c == b'#' && j > i && is_space(s[j - 1]) {
                return None;
            }
            j += 1;
        }
        None
    }

    /// Whether the whole plain scalar `w` is a number (YAML 1.2 core schema, plus `_`).
    fn is_number(w: &[u8]) -> bool {
        let u = match w.first() {
            Some(b'+' | b'-') => &w[1..],
            _ => w,
        };
        if matches!(u, b".inf" | b".Inf" | b".INF") || matches!(w, b".nan" | b".NaN" | b".NAN") {
            return true;
        }
        if let Some(h) = w.strip_prefix(b"0x") {
            return !h.is_empty() && h.iter().all(|c| c.is_ascii_hexdigit() || *c == b'_');
        }
        if let Some(o) = w.strip_prefix(b"0o") {
            return !o.is_empty() && o.iter().all(|c| (b'0'..=b'7').contains(c) || *c == b'_');
        }
        if !u.first().is_some_and(|c| c.is_ascii_digit() || *c == b'.') {
            return false;
        }
        let mut k = 0;
        let mut digits = 0;
        while k < u.len() && (u[k].is_ascii_digit() || u[k] == b'_') {
            digits += usize::from(u[k] != b'_');
            k += 1;
        }
        if k < u.len() && u[k] == b'.' {
            k += 1;
            while k < u.len() && (u[k].is_ascii_digit() || u[k] == b'_') {
                digits += usize::from(u[k] != b'_');
                k += 1;
            }
        }
        if digits == 0 {
            return false;
        }
        if k < u.len() && (u[k] == b'e' || u[k] == b'E') {
            k += 1;
            if k < u.len() && (u[k] == b'+' || u[k] == b'-') {
                k += 1;
            }
            let exp = k;
            while k < u.len() && u[k].is_ascii_digit() {
                k += 1;
            }
            if k == exp {
                return false;
            }
        }
        k == u.len()
    }

    impl Lexer<'_> {
        /// Lexes the line `ls..e` (without its line break).
        fn line(&mut self, ls: usize, e: usize) {
            let s = self.s;
            self.ls = ls;
            let first = skip_spaces(s, ls, e);
            let indent = first - ls;
            let marker = indent == 0 && doc_marker(s, ls, e);
            if let Some(min) = self.block {
                if first == e {
                    return;
                }
                if indent >= min && !marker {
                    self.out.push(Tok::String, first, e);
                    return;
                }
                self.block = None;
            }
            if let Some(q) = self.quote {
                if !marker {
                    if let Some(j) = self.quoted(first, first, e, q) {
                        self.quote = None;
                        if self.flow > 0 {
                            self.flow_line(j, e);
                        } else {
                            self.after(j, e);
                        }
                    }
                    return;
                }
                self.quote = None;
            }
            if self.flow > 0 {
                if !marker {
                    self.flow_line(first, e);
                    return;
                }
                self.flow = 0;
            }
            if first == e {
                return;
            }
            if marker {
                self.out.push(Tok::Punct, ls, ls + 3);
                if s[ls] == b'-' {
                    self.node(ls + 3, e, 0, true);
                } else {
                    self.after(ls + 3, e);
                }
                return;
            }
            if indent == 0 && s[ls] == b'%' {
                let mut j = ls;
                while j < e && !is_space(s[j]) {
                    j += 1;
                }
                self.out.push(Tok::Keyword, ls, j);
                self.after(j, e);
                return;
            }
            self.node(first, e, indent + 1, false);
        }

        /// Lexes block-context content from `i` to the line end `e`. `value` is false where a
        /// key, `- ` or `? ` may start; `min` is the least indentation of a block scalar's
        /// content if one starts here.
        fn node(&mut self, mut i: usize, e: usize, mut min: usize, mut value: bool) {
            let s = self.s;
            loop {
                i = skip_spaces(s, i, e);
                if i >= e {
                    return;
                }
                let b = s[i];
                if b == b'#' && (i == self.ls || is_space(s[i - 1])) {
                    self.out.push(Tok::Comment, i, e);
                    return;
                }
                if !value && sep_after(s, i, e) {
                    match b {
                        b'-' | b'?' => {
                            self.out.push(Tok::Punct, i, i + 1);
                            min = i - self.ls + 1;
                            i += 1;
                            continue;
                        }
                        b':' => {
                            value = true;
                            i += 1;
                            continue;
                        }
                        _ => {}
                    }
                }
                match b {
                    b'&' | b'*' | b'!' => {
                        let mut j = i + 1;
                        while j < e && !is_space(s[j]) {
                            j += 1;
                        }
                        let tok = if b == b'!' { Tok::Type } else { Tok::Variable };
                        self.out.push(tok, i, j);
                        i = j;
                        continue;
                    }
                    b'|' | b'>' => {
                        let mut j = i + 1;
                        while j < e && (s[j].is_ascii_digit() || s[j] == b'+' || s[j] == b'-') {
                            j += 1;
                        }
                        if j == e || is_space(s[j]) {
                            self.out.push(Tok::Punct, i, j);
                            self.block = Some(min);
                            self.after(j, e);
                            return;
                        }
                    }
                    b'"' | b'\'' => {
                        if !value {
                            if let Some(c) = find_close(s, i, e, b) {
                                let k = skip_spaces(s, c + 1, e);
                                if k < e && s[k] == b':' && sep_after(s, k, e) {
                                    self.out.push(Tok::Key, i, c + 1);
                                    min = i - self.ls + 1;
                                    i = k + 1;
                                    value = true;
                                    continue;
                                }
                            }
                        }
                        match self.quoted(i, i + 1, e, b) {
                            Some(j) => self.after(j, e),
                            None => self.quote = Some(b),
                        }
                        return;
                    }
                    b'[' | b'{' => {
                        self.flow_line(i, e);
                        return;
                    }
                    _ => {}
                }
                if !value {
                    if let Some((ke, colon)) = plain_key(s, i, e) {
                        self.out.push(Tok::Key, i, ke);
                        min = i - self.ls + 1;
                        i = colon + 1;
                        value = true;
                        continue;
                    }
                }
                let mut j = i;
                while j < e && !(s[j] == b'#' && j > i && is_space(s[j - 1])) {
                    j += 1;
                }
                let mut te = j;
                while te > i && is_space(s[te - 1]) {
                    te -= 1;
                }
                self.scalar(i, te);
                if j < e {
                    self.out.push(Tok::Comment, j, e);
                }
                return;
            }
        }

        /// Lexes flow-context content (inside `[...]`/`{...}`) from `i` to the line end `e`.
        fn flow_line(&mut self, mut i: usize, e: usize) {
            let s = self.s;
            loop {
                i = skip_spaces(s, i, e);
                if i >= e {
                    return;
                }
                let b = s[i];
                match b {
                    b'#' if i == self.ls || is_space(s[i - 1]) => {
                        self.out.push(Tok::Comment, i, e);
                        return;
                    }
                    b'[' | b'{' => {
                        self.flow += 1;
                        i += 1;
                    }
                    b']' | b'}' => {
                        self.flow = self.flow.saturating_sub(1);
                        i += 1;
                        if self.flow == 0 {
                            self.after(i, e);
                            return;
                        }
                    }
                    b',' => i += 1,
                    b'"' | b'\'' => {
                        if let Some(c) = find_close(s, i, e, b) {
                            let k = skip_spaces(s, c + 1, e);
                            if k < e && s[k] == b':' {
                                self.out.push(Tok::Key, i, c + 1);
                                i = k + 1;
                                continue;
                            }
                        }
                        match self.quoted(i, i + 1, e, b) {
                            Some(j) => i = j,
                            None => {
                                self.quote = Some(b);
                                return;
                            }
                        }
                    }
                    b'&' | b'*' | b'!' => {
                        let mut j = i + 1;
                        while j < e && !is_space(s[j]) && !is_flow(s[j]) {
                            j += 1;
                        }
                        let tok = if b == b'!' { Tok::Type } else { Tok::Variable };
                        self.out.push(tok, i, j);
                        i = j;
                    }
                    b'?' | b':' | b'-' if i + 1 >= e || is_space(s[i + 1]) || is_flow(s[i + 1]) => {
                        i += 1;
                    }
                    _ => {
                        let mut j = i;
                        while j < e {
                            let c = s[j];
                            if is_flow(c)
                                || (c == b':'
                                    && (j + 1 >= e || is_space(s[j + 1]) || is_flow(s[j + 1])))
                                || (c == b'#' && j > i && is_space(s[j - 1]))
                            {
                                break;
                            }
                            j += 1;
                        }
                        if j == i {
                            j = next_char(s, i);
                        }
                        let mut te = j;
                        while te > i && is_space(s[te - 1]) {
                            te -= 1;
                        }
                        if j < e && s[j] == b':' {
                            self.out.push(Tok::Key, i, te);
                        } else {
                            self.scalar(i, te);
                        }
                        i = j;
                    }
                }
            }
        }

        /// After a complete node on this line: only a comment may follow.
        fn after(&mut self, i: usize, e: usize) {
            let s = self.s;
            let mut j = i;
            while j < e {
                if s[j] == b'#' && (j == self.ls || is_space(s[j - 1])) {
                    self.out.push(Tok::Comment, j, e);
                    return;
                }
                j += 1;
            }
        }

        /// Pushes quoted-scalar text from `seg` (scanning from `j`) up to its closing quote
        /// `q`; returns the index after it, or None when the scalar continues past `e`.
        fn quoted(&mut self, mut seg: usize, mut j: usize, e: usize, q: u8) -> Option<usize> {
            let s = self.s;
            while j < e {
                let c = s[j];
                if c == q {
                    if q == b'\'' && j + 1 < e && s[j + 1] == b'\'' {
                        self.out.push(Tok::String, seg, j);
                        self.out.push(Tok::Escape, j, j + 2);
                        j += 2;
                        seg = j;
                        continue;
                    }
                    self.out.push(Tok::String, seg, j + 1);
                    return Some(j + 1);
                }
                if c == b'\\' && q == b'"' {
                    let end = match s.get(j + 1) {
                        _ if j + 1 >= e => e,
                        Some(b'x') => hex_run(s, j + 2, 2, e),
                        Some(b'u') => hex_run(s, j + 2, 4, e),
                        Some(b'U') => hex_run(s, j + 2, 8, e),
                        _ => next_char(s, j + 1).min(e),
                    };
                    self.out.push(Tok::String, seg, j);
                    self.out.push(Tok::Escape, j, end);
                    j = end;
                    seg = j;
                    continue;
                }
                j += 1;
            }
            self.out.push(Tok::String, seg, e);
            None
        }

        /// Classifies the plain scalar `a..b`.
        fn scalar(&mut self, a: usize, b: usize) {
            let w = &self.s[a..b];
            let tok = match w {
                b"~" | b"null" | b"Null" | b"NULL" | b"true" | b"True" | b"TRUE" | b"false"
                | b"False" | b"FALSE" => Tok::Constant,
                _ if is_number(w) => Tok::Number,
                _ => return,
            };
            self.out.push(tok, a, b);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Bash

mod bash {
    use super::{hex_run, line_end, next_char, trim_cr, Out, Tok};

    pub(super) fn lex(code: &str) -> Vec<(Tok, std::ops::Range<usize>)> {
        let mut lx = Lexer {
            s: code.as_bytes(),
            out: Out::new(code),
            cmd: true,
            in_word: false,
            target: false,
            decl: false,
            expect_in: false,
            next: Next::None,
            ctx: Vec::new(),
            docs: Vec::new(),
        };
        lx.run();
        lx.out.v
    }

    /// What the next word is, after `for`, `function` or `case`.
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Next {
        None,
        ForVar,
        FuncName,
        CaseWord,
    }

    /// An open parenthesis and what its `)` means.
    #[derive(Clone, Copy)]
    enum Ctx {
        /// `$(`: restores the enclosing command's state.
        Subst { decl: bool, cmd: bool },
        /// `<(` / `>(`.
        Proc { decl: bool, cmd: bool },
        /// `$((` or `((`, with the depth of parentheses inside.
        Arith { depth: u32, dollar: bool },
        /// A subshell or an array literal.
        Paren { cmd_after: bool },
    }

    /// A heredoc whose body starts after the current line.
    struct Heredoc {
        delim: Vec<u8>,
        strip_tabs: bool,
        expand: bool,
    }

    /// How the word just started is used.
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Role {
        Cont,
        Cmd,
        Arg,
        Target,
        ForVar,
        FuncName,
    }

    struct Lexer<'a> {
        s: &'a [u8],
        out: Out<'a>,
        /// The next word is in command position.
        cmd: bool,
        /// Inside a word (so `#` is not a comment and the word's role is decided).
        in_word: bool,
        /// The next word is a redirection target.
        target: bool,
        /// The arguments of `export`/`local`/…: names and assignments are variables.
        decl: bool,
        /// `in` is a keyword here (after `for NAME` or `case WORD`).
        expect_in: bool,
        next: Next,
        ctx: Vec<Ctx>,
        docs: Vec<Heredoc>,
    }

    fn is_word_byte(b: u8) -> bool {
        !matches!(
            b,
            b' ' | b'\t'
                | b'\r'
                | b'\n'
                | b'|'
                | b'&'
                | b';'
                | b'('
                | b')'
                | b'<'
                | b'>'
                | b'\''
                | b'"'
                | b'`'
                | b'$'
                | b'\\'
        )
    }

    fn is_name_start(b: u8) -> bool {
        b.is_ascii_alphabetic() || b == b'_'
    }

    fn is_name(w: &[u8]) -> bool {
        w.first().is_some_and(|&c| is_name_start(c))
            && w.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'_')
    }

    fn is_number(w: &[u8]) -> bool {
        let int = |d: &[u8]| !d.is_empty() && d.iter().all(u8::is_ascii_digit);
        match w.iter().position(|&c| c == b'.') {
            Some(p) => int(&w[..p]) && int(&w[p + 1..]),
            None => int(w),
        }
    }

    /// `NAME=`, `NAME+=`, `NAME[...]=` at the start of `w`: (end of the name, end of `=`).
    fn assignment(w: &[u8]) -> Option<(usize, usize)> {
        if !w.first().is_some_and(|&c| is_name_start(c)) {
            return None;
        }
        let mut k = 1;
        while k < w.len() && (w[k].is_ascii_alphanumeric() || w[k] == b'_') {
            k += 1;
        }
        if k < w.len() && w[k] == b'[' {
            k += w[k..].iter().position(|&c| c == b']')? + 1;
        }
        let name = k;
        if k < w.len() && w[k] == b'+' {
            k += 1;
        }
        (k < w.len() && w[k] == b'=').then_some((name, k + 1))
    }

    /// The end of the `$` expansion at `j` (not beyond `limit`), or `j + 1` when the `$` is
    /// literal.
    fn dollar_end(s: &[u8], j: usize, limit: usize) -> usize {
        let Some(&c) = s.get(j + 1).filter(|_| j + 1 < limit) else {
            return j + 1;
        };
        match c {
            b'{' => {
                let mut k = j + 2;
                let mut depth = 1u32;
                while k < limit {
                    match s[k] {
                        b'{' => depth += 1,
                        b'}' => {
                            depth -= 1;
                            if depth == 0 {
                                return k + 1;
                            }
                        }
                        b'\n' => return k,
                        b'\\' => k += 1,
                        _ => {}
                    }
                    k += 1;
                }
                limit
            }
            b'(' => paren_end(s, j + 2, limit),
            c if is_name_start(c) => {
                let mut k = j + 2;
                while k < limit && (s[k].is_ascii_alphanumeric() || s[k] == b'_') {
                    k += 1;
                }
                k
            }
            b'0'..=b'9' | b'@' | b'*' | b'#' | b'?' | b'$' | b'!' | b'-' => j + 2,
            _ => j + 1,
        }
    }

    /// The index after the `)` closing a `(` just before `k` (skipping quoted text).
    fn paren_end(s: &[u8], mut k: usize, limit: usize) -> usize {
        let mut depth = 1u32;
        while k < limit {
            match s[k] {
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return k + 1;
                    }
                }
                b'\'' => {
                    k += 1;
                    while k < limit && s[k] != b'\'' {
                        k += 1;
                    }
                }
                b'"' => {
                    k += 1;
                    while k < limit && s[k] != b'"' {
                        k += if s[k] == b'\\' { 2 } else { 1 };
                    }
                }
                b'\\' => k += 1,
                _ => {}
            }
            k += 1;
        }
        limit
    }

    /// The index after the backquote closing the one at `i`.
    fn backtick_end(s: &[u8], i: usize, limit: usize) -> usize {
        let mut j = i + 1;
        while j < limit {
            match s[j] {
                b'`' => return j + 1,
                b'\\' => j += 2,
                _ => j += 1,
            }
        }
        limit
    }

    /// Bash builtins and common commands.
    #[rustfmt::skip]
    fn is_builtin(w: &[u8]) -> bool {
        matches!(
            w,
            b"." | b":" | b"[" | b"alias" | b"apt" | b"apt-get" | b"awk" | b"aws" | b"az"
            | b"base64" | b"basename" | b"bg" | b"bind" | b"break" | b"brew" | b"builtin"
            | b"bzip2" | b"caller" | b"cat" | b"cd" | b"chmod" | b"chown" | b"command" | b"compgen"
            | b"complete" | b"conda" | b"continue" | b"cp" | b"crontab" | b"curl" | b"cut"
            | b"date" | b"dd" | b"declare" | b"df" | b"diff" | b"dig" | b"dirname" | b"dirs"
            | b"disown" | b"dnf" | b"docker" | b"du" | b"echo" | b"enable" | b"env" | b"eval"
            | b"exec" | b"exit" | b"export" | b"false" | b"fc" | b"fg" | b"find" | b"free"
            | b"gcloud" | b"getopts" | b"git" | b"grep" | b"gzip" | b"hash" | b"head" | b"helm"
            | b"help" | b"history" | b"hostname" | b"id" | b"ip" | b"java" | b"jobs"
            | b"journalctl" | b"jq" | b"kill" | b"kubectl" | b"less" | b"let" | b"ln" | b"local"
            | b"logout" | b"ls" | b"make" | b"mapfile" | b"mkdir" | b"mktemp" | b"mv" | b"nc"
            | b"node" | b"nohup" | b"npm" | b"npx" | b"openssl" | b"pip" | b"pip3" | b"popd"
            | b"printf" | b"ps" | b"pushd" | b"pwd" | b"python" | b"python3" | b"read"
            | b"readarray" | b"readonly" | b"realpath" | b"return" | b"rm" | b"rmdir" | b"rsync"
            | b"scp" | b"sed" | b"seq" | b"set" | b"sh" | b"shift" | b"shopt" | b"sleep" | b"sort"
            | b"source" | b"ssh" | b"ssh-keygen" | b"stat" | b"sudo" | b"suspend" | b"systemctl"
            | b"tail" | b"tar" | b"tee" | b"terraform" | b"test" | b"time" | b"times" | b"top"
            | b"touch" | b"tr" | b"trap" | b"true" | b"type" | b"typeset" | b"ulimit" | b"umask"
            | b"unalias" | b"uname" | b"uniq" | b"unset" | b"unzip" | b"uv" | b"wait" | b"wc"
            | b"wget" | b"which" | b"whoami" | b"xargs" | b"yum" | b"zip"
        )
    }

    impl Lexer<'_> {
        fn run(&mut self) {
            let s = self.s;
            let n = s.len();
            let mut i = 0;
            while i < n {
                if matches!(self.ctx.last(), Some(Ctx::Arith { .. })) {
                    if let Some(j) = self.arith_step(i) {
                        i = j;
                        continue;
                    }
                }
                i = match s[i] {
                    b'\n' => self.newline(i),
                    b' ' | b'\t' | b'\r' => {
                        self.in_word = false;
                        i + 1
                    }
                    b'\\' => self.backslash(i),
                    b'#' if !self.in_word => {
                        let e = line_end(s, i);
                        self.out.push(Tok::Comment, i, trim_cr(s, i, e));
                        e
                    }
                    b'\'' => {
                        self.word_start();
                        let e = s[i + 1..]
                            .iter()
                            .position(|&c| c == b'\'')
                            .map_or(n, |p| i + 1 + p + 1);
                        self.out.push(Tok::String, i, e);
                        e
                    }
                    b'"' => {
                        self.word_start();
                        self.dquote(i, i + 1, n, false)
                    }
                    b'`' => {
                        self.word_start();
                        let e = backtick_end(s, i, n);
                        self.out.push(Tok::Variable, i, e);
                        e
                    }
                    b'$' => {
                        self.word_start();
                        self.dollar(i)
                    }
                    b'|' | b'&' | b';' => self.control(i),
                    b'<' | b'>' => self.redirect(i),
                    b'(' => self.open_paren(i),
                    b')' => self.close_paren(i),
                    _ => self.word(i),
                };
            }
        }

        /// Starts a word (unless inside one) and says how it is used.
        fn word_start(&mut self) -> Role {
            if self.in_word {
                return Role::Cont;
            }
            self.in_word = true;
            if self.target {
                self.target = false;
                return Role::Target;
            }
            match std::mem::replace(&mut self.next, Next::None) {
                Next::ForVar => {
                    self.expect_in = true;
                    return Role::ForVar;
                }
                Next::FuncName => return Role::FuncName,
                Next::CaseWord => {
                    self.expect_in = true;
                    return Role::Arg;
                }
                Next::None => {}
            }
            if self.cmd {
                self.cmd = false;
                Role::Cmd
            } else {
                Role::Arg
            }
        }

        /// Resets the state at the end of a command.
        fn end_command(&mut self) {
            self.in_word = false;
            self.cmd = true;
            self.decl = false;
            self.target = false;
            self.expect_in = false;
            self.next = Next::None;
        }

        fn newline(&mut self, i: usize) -> usize {
            self.end_command();
            if self.docs.is_empty() {
                i + 1
            } else {
                self.heredoc_bodies(i + 1)
            }
        }

        fn backslash(&mut self, i: usize) -> usize {
            let s = self.s;
            match s.get(i + 1) {
                Some(b'\n') => i + 2,
                Some(b'\r') if s.get(i + 2) == Some(&b'\n') => i + 3,
                None => i + 1,
                Some(&c) => {
                    self.word_start();
                    if c.is_ascii_punctuation() || c == b' ' || c == b'\t' {
                        self.out.push(Tok::Escape, i, i + 2);
                        i + 2
                    } else {
                        i + 1
                    }
                }
            }
        }

        /// A run of plain word bytes at `i`.
        fn word(&mut self, i: usize) -> usize {
            let s = self.s;
            let n = s.len();
            let mut j = i;
            while j < n && is_word_byte(s[j]) {
                j += 1;
            }
            if j == i {
                return next_char(s, i);
            }
            let role = self.word_start();
            // The run is the whole word unless quotes or expansions continue it.
            let whole = j >= n || !matches!(s[j], b'\'' | b'"' | b'$' | b'`' | b'\\');
            let w = &s[i..j];
            match role {
                Role::Cont => {}
                Role::Cmd => return self.command_word(i, j, whole),
                Role::Arg => self.arg_word(i, j, whole),
                Role::Target => {
                    if whole && is_number(w) {
                        self.out.push(Tok::Number, i, j);
                    }
                }
                Role::ForVar => {
                    if is_name(w) {
                        self.out.push(Tok::Variable, i, j);
                    }
                }
                Role::FuncName => {
                    self.out.push(Tok::Function, i, j);
                    self.cmd = true;
                    self.in_word = false;
                    return self.func_parens(j).unwrap_or(j);
                }
            }
            j
        }

        /// `()` (with optional blanks) after a function name: the index after it.
        fn func_parens(&self, j: usize) -> Option<usize> {
            let s = self.s;
            let k = super::skip_spaces(s, j, s.len());
            if s.get(k) != Some(&b'(') {
                return None;
            }
            let k = super::skip_spaces(s, k + 1, s.len());
            (s.get(k) == Some(&b')')).then_some(k + 1)
        }

        /// Pushes `NAME=` (name as Variable, `=` as Operator) and a numeric value.
        fn push_assignment(&mut self, i: usize, j: usize, whole: bool, (name, eq): (usize, usize)) {
            self.out.push(Tok::Variable, i, i + name);
            self.out.push(Tok::Operator, i + name, i + eq);
            if whole && is_number(&self.s[i + eq..j]) {
                self.out.push(Tok::Number, i + eq, j);
            }
        }

        /// The first word of a command, `i..j`; returns where lexing continues.
        fn command_word(&mut self, i: usize, j: usize, whole: bool) -> usize {
            let w = &self.s[i..j];
            if let Some(a) = assignment(w) {
                self.push_assignment(i, j, whole, a);
                // Still in command position once this word ends.
                self.cmd = true;
                return j;
            }
            if !whole {
                return j;
            }
            let keyword = match w {
                b"if" | b"then" | b"else" | b"elif" | b"while" | b"until" | b"do" | b"!"
                | b"time" | b"coproc" => {
                    self.cmd = true;
                    true
                }
                b"fi" | b"done" | b"esac" | b"[[" | b"]]" => true,
                b"for" | b"select" => {
                    self.next = Next::ForVar;
                    true
                }
                b"case" => {
                    self.next = Next::CaseWord;
                    true
                }
                b"function" => {
                    self.next = Next::FuncName;
                    true
                }
                b"in" if self.expect_in => {
                    self.expect_in = false;
                    true
                }
                b"{" => {
                    self.cmd = true;
                    false
                }
                _ => false,
            };
            if keyword {
                self.out.push(Tok::Keyword, i, j);
                return j;
            }
            if let Some(end) = self.func_parens(j) {
                self.out.push(Tok::Function, i, j);
                self.cmd = true;
                self.in_word = false;
                return end;
            }
            if is_builtin(w) {
                self.out.push(Tok::Builtin, i, j);
                match w {
                    b"export" | b"local" | b"declare" | b"readonly" | b"typeset" | b"unset" => {
                        self.decl = true
                    }
                    b"sudo" | b"nohup" | b"exec" | b"command" | b"builtin" | b"time" => {
                        self.cmd = true
                    }
                    _ => {}
                }
            } else if is_number(w) {
                self.out.push(Tok::Number, i, j);
            }
            j
        }

        /// A word after the first of a command, `i..j`.
        fn arg_word(&mut self, i: usize, j: usize, whole: bool) {
            let w = &self.s[i..j];
            let expect_in = std::mem::replace(&mut self.expect_in, false);
            if self.decl {
                if let Some(a) = assignment(w) {
                    self.push_assignment(i, j, whole, a);
                    return;
                }
            }
            if !whole {
                return;
            }
            if (w == b"in" && expect_in) || w == b"]]" {
                self.out.push(Tok::Keyword, i, j);
            } else if is_number(w) {
                self.out.push(Tok::Number, i, j);
            } else if self.decl && is_name(w) {
                self.out.push(Tok::Variable, i, j);
            }
        }

        /// `$…` outside double quotes (the word has been started).
        fn dollar(&mut self, i: usize) -> usize {
            let s = self.s;
            let n = s.len();
            match s.get(i + 1) {
                Some(b'(') if s.get(i + 2) == Some(&b'(') => {
                    self.out.push(Tok::Variable, i, i + 3);
                    self.ctx.push(Ctx::Arith {
                        depth: 0,
                        dollar: true,
                    });
                    i + 3
                }
                Some(b'(') => {
                    self.out.push(Tok::Variable, i, i + 2);
                    self.ctx.push(Ctx::Subst {
                        decl: self.decl,
                        cmd: self.cmd,
                    });
                    self.end_command();
                    i + 2
                }
                Some(b'\'') => self.ansi_c(i),
                Some(b'"') => self.dquote(i, i + 2, n, false),
                _ => {
                    let e = dollar_end(s, i, n);
                    if e > i + 1 {
                        self.out.push(Tok::Variable, i, e);
                    }
                    e
                }
            }
        }

        /// `$'…'`: a string with C escapes.
        fn ansi_c(&mut self, i: usize) -> usize {
            let s = self.s;
            let n = s.len();
            let mut seg = i;
            let mut j = i + 2;
            while j < n {
                match s[j] {
                    b'\'' => {
                        self.out.push(Tok::String, seg, j + 1);
                        return j + 1;
                    }
                    b'\\' if j + 1 < n => {
                        let e = match s[j + 1] {
                            b'x' => hex_run(s, j + 2, 2, n),
                            b'u' => hex_run(s, j + 2, 4, n),
                            b'U' => hex_run(s, j + 2, 8, n),
                            _ => next_char(s, j + 1),
                        };
                        self.out.push(Tok::String, seg, j);
                        self.out.push(Tok::Escape, j, e);
                        seg = e;
                        j = e;
                    }
                    _ => j += 1,
                }
            }
            self.out.push(Tok::String, seg, n);
            n
        }

        /// Double-quoted text from `seg` (scanning from `j`, up to `limit`): String, with
        /// escapes as Escape and expansions as Variable. In a heredoc body `"` is literal.
        /// Returns the index after the closing quote (or `limit`).
        fn dquote(&mut self, mut seg: usize, mut j: usize, limit: usize, heredoc: bool) -> usize {
            let s = self.s;
            while j < limit {
                match s[j] {
                    b'"' if !heredoc => {
                        self.out.push(Tok::String, seg, j + 1);
                        return j + 1;
                    }
                    b'\\' => {
                        let escapes = match s.get(j + 1) {
                            Some(b'"') => !heredoc,
                            Some(b'\\' | b'$' | b'`' | b'\n') => true,
                            _ => false,
                        };
                        if escapes && j + 1 < limit {
                            self.out.push(Tok::String, seg, j);
                            self.out.push(Tok::Escape, j, j + 2);
                            j += 2;
                            seg = j;
                        } else {
                            j += 1;
                        }
                    }
                    b'$' => {
                        let e = dollar_end(s, j, limit);
                        if e > j + 1 {
                            self.out.push(Tok::String, seg, j);
                            self.out.push(Tok::Variable, j, e);
                            seg = e;
                        }
                        j = e;
                    }
                    b'`' => {
                        let e = backtick_end(s, j, limit);
                        self.out.push(Tok::String, seg, j);
                        self.out.push(Tok::Variable, j, e);
                        seg = e;
                        j = e;
                    }
                    _ => j += 1,
                }
            }
            self.out.push(Tok::String, seg, limit);
            limit
        }

        /// `|`, `||`, `|&`, `&`, `&&`, `&>`, `&>>`, `;`, `;;`, `;&`, `;;&`.
        fn control(&mut self, i: usize) -> usize {
            let s = self.s;
            let at = |k: usize| s.get(i + k).copied();
            let (len, tok, redirect) = match (s[i], at(1)) {
                (b'|', Some(b'|' | b'&')) | (b'&', Some(b'&')) => (2, Some(Tok::Operator), false),
                (b'&', Some(b'>')) => (
                    if at(2) == Some(b'>') { 3 } else { 2 },
                    Some(Tok::Operator),
                    true,
                ),
                (b'|' | b'&', _) => (1, Some(Tok::Operator), false),
                (b';', Some(b';')) => (if at(2) == Some(b'&') { 3 } else { 2 }, None, false),
                (b';', Some(b'&')) => (2, None, false),
                _ => (1, None, false),
            };
            if let Some(tok) = tok {
                self.out.push(tok, i, i + len);
            }
            if redirect {
                self.in_word = false;
                self.target = true;
            } else {
                self.end_command();
            }
            i + len
        }

        /// `<`, `>`, `>>`, `>&`, `<&`, `>|`, `<>`, `<<<`, heredocs and process substitution.
        fn redirect(&mut self, i: usize) -> usize {
            let s = self.s;
            let at = |k: usize| s.get(i + k).copied();
            self.in_word = false;
            match (s[i], at(1), at(2)) {
                (b'<', Some(b'<'), Some(b'<')) => {
                    self.out.push(Tok::Operator, i, i + 3);
                    self.target = true;
                    i + 3
                }
                (b'<', Some(b'<'), _) => self.heredoc(i),
                (_, Some(b'('), _) => {
                    self.out.push(Tok::Operator, i, i + 2);
                    self.ctx.push(Ctx::Proc {
                        decl: self.decl,
                        cmd: self.cmd,
                    });
                    self.end_command();
                    i + 2
                }
                (_, Some(b'>' | b'&' | b'|'), _) => {
                    self.out.push(Tok::Operator, i, i + 2);
                    self.target = true;
                    i + 2
                }
                _ => {
                    self.out.push(Tok::Operator, i, i + 1);
                    self.target = true;
                    i + 1
                }
            }
        }

        /// `<<` or `<<-` and its delimiter word; the body follows the current line.
        fn heredoc(&mut self, i: usize) -> usize {
            let s = self.s;
            let n = s.len();
            let strip_tabs = s.get(i + 2) == Some(&b'-');
            let op_end = i + 2 + usize::from(strip_tabs);
            self.out.push(Tok::Operator, i, op_end);
            let start = super::skip_spaces(s, op_end, n);
            let mut k = start;
            let mut delim = Vec::new();
            let mut quoted = false;
            while k < n {
                match s[k] {
                    q @ (b'\'' | b'"') => {
                        quoted = true;
                        k += 1;
                        while k < n && s[k] != q && s[k] != b'\n' {
                            delim.push(s[k]);
                            k += 1;
                        }
                        if k < n && s[k] == q {
                            k += 1;
                        }
                    }
                    b'\\' => {
                        quoted = true;
                        k += 1;
                        if k < n && s[k] != b'\n' {
                            let e = next_char(s, k);
                            delim.extend_from_slice(&s[k..e]);
                            k = e;
                        }
                    }
                    b' ' | b'\t' | b'\r' | b'\n' | b';' | b'&' | b'|' | b'<' | b'>' | b'('
                    | b')' => break,
                    c => {
                        delim.push(c);
                        k += 1;
                    }
                }
            }
            if k == start {
                return op_end;
            }
            self.out.push(Tok::String, start, k);
            self.docs.push(Heredoc {
                delim,
                strip_tabs,
                expand: !quoted,
            });
            k
        }

        /// The bodies of the pending heredocs, starting at `i` (a line start); returns the
        /// index after the last delimiter line.
        fn heredoc_bodies(&mut self, mut i: usize) -> usize {
            let s = self.s;
            let n = s.len();
            let mut docs = std::mem::take(&mut self.docs);
            for doc in &docs {
                let body = i;
                let mut body_end = n;
                while i < n {
                    let le = line_end(s, i);
                    let ce = trim_cr(s, i, le);
                    let mut cs = i;
                    if doc.strip_tabs {
                        while cs < ce && s[cs] == b'\t' {
                            cs += 1;
                        }
                    }
                    let next_line = (le + 1).min(n);
                    if s[cs..ce] == doc.delim[..] {
                        body_end = trim_cr(s, body, i.saturating_sub(1).max(body));
                        self.body(doc, body, body_end);
                        self.out.push(Tok::String, cs, ce);
                        body_end = usize::MAX;
                        i = next_line;
                        break;
                    }
                    i = next_line;
                }
                if body_end != usize::MAX {
                    self.body(doc, body, body_end);
                    i = n;
                }
            }
            docs.clear();
            self.docs = docs;
            i
        }

        fn body(&mut self, doc: &Heredoc, start: usize, end: usize) {
            if doc.expand {
                self.dquote(start, start, end, true);
            } else {
                self.out.push(Tok::String, start, end);
            }
        }

        fn open_paren(&mut self, i: usize) -> usize {
            let s = self.s;
            if (self.cmd || self.next == Next::ForVar)
                && !self.in_word
                && s.get(i + 1) == Some(&b'(')
            {
                self.next = Next::None;
                self.cmd = false;
                self.ctx.push(Ctx::Arith {
                    depth: 0,
                    dollar: false,
                });
                return i + 2;
            }
            if self.in_word {
                // An array literal: `a=(x y)`.
                self.ctx.push(Ctx::Paren {
                    cmd_after: self.cmd,
                });
                self.cmd = false;
            } else {
                self.ctx.push(Ctx::Paren { cmd_after: false });
                self.cmd = true;
            }
            self.in_word = false;
            i + 1
        }

        fn close_paren(&mut self, i: usize) -> usize {
            match self.ctx.pop() {
                Some(Ctx::Subst { decl, cmd }) => {
                    self.out.push(Tok::Variable, i, i + 1);
                    self.decl = decl;
                    self.cmd = cmd;
                    self.target = false;
                    self.expect_in = false;
                    self.next = Next::None;
                    self.in_word = true;
                }
                Some(Ctx::Proc { decl, cmd }) => {
                    self.out.push(Tok::Operator, i, i + 1);
                    self.decl = decl;
                    self.cmd = cmd;
                    self.target = false;
                    self.expect_in = false;
                    self.next = Next::None;
                    self.in_word = true;
                }
                Some(Ctx::Paren { cmd_after }) => {
                    self.cmd = cmd_after;
                    self.in_word = false;
                }
                Some(arith @ Ctx::Arith { .. }) => self.ctx.push(arith),
                None => {
                    // A `case` pattern's `)`: a command follows.
                    self.cmd = true;
                    self.in_word = false;
                }
            }
            i + 1
        }

        /// One step inside `((…))`/`$((…))`, or None for what the main loop handles.
        fn arith_step(&mut self, i: usize) -> Option<usize> {
            let s = self.s;
            let n = s.len();
            let b = s[i];
            match b {
                b' ' | b'\t' | b'\r' | b'\n' | b';' | b',' => Some(i + 1),
                b'0'..=b'9' => {
                    let mut j = i;
                    while j < n && (s[j].is_ascii_alphanumeric() || s[j] == b'_' || s[j] == b'#') {
                        j += 1;
                    }
                    self.out.push(Tok::Number, i, j);
                    Some(j)
                }
                c if is_name_start(c) => {
                    let mut j = i;
                    while j < n && (s[j].is_ascii_alphanumeric() || s[j] == b'_') {
                        j += 1;
                    }
                    self.out.push(Tok::Variable, i, j);
                    Some(j)
                }
                b'(' => {
                    if let Some(Ctx::Arith { depth, .. }) = self.ctx.last_mut() {
                        *depth += 1;
                    }
                    Some(i + 1)
                }
                b')' => {
                    let Some(Ctx::Arith { depth, dollar }) = self.ctx.last_mut() else {
                        return None;
                    };
                    if *depth > 0 {
                        *depth -= 1;
                        return Some(i + 1);
                    }
                    let dollar = *dollar;
                    self.ctx.pop();
                    let e = if s.get(i + 1) == Some(&b')') {
                        i + 2
                    } else {
                        i + 1
                    };
                    if dollar {
                        self.out.push(Tok::Variable, i, e);
                        self.in_word = true;
                    } else {
                        self.in_word = false;
                    }
                    self.cmd = false;
                    Some(e)
                }
                b'+' | b'-' | b'*' | b'/' | b'%' | b'=' | b'<' | b'>' | b'!' | b'&' | b'|'
                | b'^' | b'~' | b'?' | b':' => {
                    self.out.push(Tok::Operator, i, i + 1);
                    Some(i + 1)
                }
                _ => None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tokens as `[Kind:text]`, space-separated, with line breaks and tabs shown escaped.
    fn render(lang: &str, code: &str) -> String {
        lex(lang, code)
            .expect("known language")
            .iter()
            .map(|(t, r)| {
                let text = code[r.clone()]
                    .replace('\n', "\\n")
                    .replace('\r', "\\r")
                    .replace('\t', "\\t");
                format!("[{t:?}:{text}]")
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Panics unless the tokens for `code` are in order, non-overlapping, non-empty and on
    /// char boundaries.
    fn check(lang: &str, code: &str) {
        let toks = lex(lang, code).expect("known language");
        let mut end = 0;
        for (tok, r) in &toks {
            assert!(r.start < r.end, "{lang}: empty {tok:?} {r:?} in {code:?}");
            assert!(
                r.start >= end,
                "{lang}: {tok:?} {r:?} overlaps or is out of order in {code:?}"
            );
            assert!(
                r.end <= code.len(),
                "{lang}: {tok:?} {r:?} past the end of {code:?}"
            );
            assert!(
                code.is_char_boundary(r.start) && code.is_char_boundary(r.end),
                "{lang}: {tok:?} {r:?} not on char boundaries in {code:?}"
            );
            end = r.end;
        }
    }

    const LANGS: [&str; 4] = ["python", "json", "yaml", "bash"];

    const PY: &str = r##"#!/usr/bin/env python3
"""Train a model.

Spans lines."""
import os
from typing import Optional

@dataclass(frozen=True)
class Trainer(Base):
    def fit(self, epochs: int = 1_000, lr=1e-3) -> Optional[float]:
        for i in range(epochs):  # loop
            loss = self.step(i) ** 2 / 0x1F
            print(f"{i:>4} {loss!r} {{x}}", end='\n')
        return None if loss != 0 else 3j

    match command.split():
        case [action, *rest]:
            pass
"##;

    const JSON: &str = r##"{
  // settings (jsonc)
  "name": "guide", "tags": ["a", "b\"c\u00e9"],
  "n": -1.5e3, "ok": true, "none": null,
  /* block */ "nested": {"k": [1, 2, false]}
}
"##;

    const YAML: &str = r##"%YAML 1.2
---
# CI workflow
name: CI
on:
  push:
    branches: [main, "release/*"]
jobs:
  test:
    runs-on: ubuntu-latest   # host
    steps:
      - uses: actions/checkout@v4
      - name: 'Run it''s tests'
        run: |
          cargo test --all
          echo "# not a comment"
        env: {RUST_LOG: debug, RETRIES: 3}
      - base: &defaults {timeout: 30}
        derived: *defaults
        bucket: !Ref MyBucket
        ratio: 0.75
        version: 1.2.3
        enabled: true
        url: http://example.com/a#b
...
"##;

    const BASH: &str = r##"#!/bin/bash
set -euo pipefail
export PATH="$HOME/bin:$PATH"
for f in *.md; do
  echo "Processing ${f%.md} ($(wc -l < "$f") lines)" # progress
done
if [[ $# -gt 0 ]] && grep -q foo "$1"; then exit 1; fi
cat <<EOF > out.txt
Hello $USER
EOF
deploy() { kubectl apply -f "$1" 2>&1 | tee log; }
"##;

    // --- Python ---------------------------------------------------------------------------

    #[test]
    fn python_definitions_decorators_calls() {
        let code = "@app.route(\"/x\")\nclass Model(Base):\n    def train(self, n: int = 1_000) -> Optional[int]:\n        return print(len(x), obj.fit(n), obj.len, cls)\n";
        assert_eq!(
            render("python", code),
            "[Decorator:@app.route] [String:\"/x\"] [Keyword:class] [Type:Model] \
             [Keyword:def] [Function:train] [Variable:self] [Builtin:int] [Operator:=] \
             [Number:1_000] [Operator:->] [Type:Optional] [Builtin:int] [Keyword:return] \
             [Builtin:print] [Builtin:len] [Function:fit] [Variable:cls]"
        );
    }

    #[test]
    fn python_decorator_only_at_statement_start() {
        assert_eq!(
            render("python", "x = a @ b\n  @deco\n"),
            "[Operator:=] [Operator:@] [Decorator:@deco]"
        );
    }

    #[test]
    fn python_string_prefixes_and_escapes() {
        let code =
            r##"a = r'\d' + Rb"\x" + b'\x00\u1234' + u"é\N{BULLET}\n" + BR'''q''' + 'it\'s' + x"##;
        assert_eq!(
            render("python", code),
            r##"[Operator:=] [String:r'\d'] [Operator:+] [String:Rb"\x"] [Operator:+] [String:b'] [Escape:\x00] [String:\u1234'] [Operator:+] [String:u"é] [Escape:\N{BULLET}\n] [String:"] [Operator:+] [String:BR'''q'''] [Operator:+] [String:'it] [Escape:\'] [String:s'] [Operator:+]"##
        );
        // Not prefixes: longer names, or invalid combinations.
        assert_eq!(
            render("python", "ur'x' bb'y' rbx'z'"),
            "[String:'x'] [String:'y'] [String:'z']"
        );
    }

    #[test]
    fn python_triple_quoted_strings_span_lines() {
        assert_eq!(
            render("python", "s = '''one\n\"two\" ''\nthree''' + 1"),
            "[Operator:=] [String:'''one\\n\"two\" ''\\nthree'''] [Operator:+] [Number:1]"
        );
        // Unterminated triple-quoted runs to the end; unterminated single-line stops at EOL.
        assert_eq!(
            render("python", "\"\"\"never\nclosed"),
            "[String:\"\"\"never\\nclosed]"
        );
        assert_eq!(
            render("python", "x = 'open\ny = 2"),
            "[Operator:=] [String:'open] [Operator:=] [Number:2]"
        );
    }

    #[test]
    fn python_fstrings_lex_replacement_fields_as_code() {
        let code = r##"f"{x!r:>{width}} {{lit}} {d["k"] + len(y)} {self.n=}""##;
        assert_eq!(
            render("python", code),
            r##"[String:f"{] [String:!r:>{] [String:}} {{lit}} {] [String:"k"] [Operator:+] [Builtin:len] [String:} {] [Variable:self] [Operator:=] [String:}"]"##
        );
        // A single-line f-string with an unclosed field ends at the line break.
        assert_eq!(
            render("python", "f'{x\nprint(1)"),
            "[String:f'{] [Builtin:print] [Number:1]"
        );
    }

    #[test]
    fn python_numbers() {
        assert_eq!(
            render(
                "python",
                "1_000 0x1F 0o17 0b1010 1e-5 3j 1.5 .5 1. 1E+10J x1 a.b"
            ),
            "[Number:1_000] [Number:0x1F] [Number:0o17] [Number:0b1010] [Number:1e-5] \
             [Number:3j] [Number:1.5] [Number:.5] [Number:1.] [Number:1E+10J]"
        );
    }

    #[test]
    fn python_keywords_constants_and_soft_keywords() {
        let code = "match cmd:  # dispatch\n    case [a]:\n        pass\nmatch = re.match(p)\ntype Point = tuple[int, int]\ntype(x)\nif not x is None and True: yield False\n";
        assert_eq!(
            render("python", code),
            "[Keyword:match] [Comment:# dispatch] [Keyword:case] [Keyword:pass] [Operator:=] \
             [Function:match] [Keyword:type] [Operator:=] [Builtin:tuple] [Builtin:int] \
             [Builtin:int] [Builtin:type] [Keyword:if] [Keyword:not] [Keyword:is] \
             [Constant:None] [Keyword:and] [Constant:True] [Keyword:yield] [Constant:False]"
        );
    }

    #[test]
    fn python_operators_and_walrus() {
        assert_eq!(
            render("python", "if (n := len(a)) >= 10 or b != c: x **= 2"),
            "[Keyword:if] [Operator::=] [Builtin:len] [Operator:>=] [Number:10] [Keyword:or] \
             [Operator:!=] [Operator:**=] [Number:2]"
        );
    }

    #[test]
    fn python_comments_and_crlf() {
        assert_eq!(
            render("python", "x = 1  # note\r\ny = 'a\r\nz"),
            "[Operator:=] [Number:1] [Comment:# note] [Operator:=] [String:'a]"
        );
    }

    // --- JSON -----------------------------------------------------------------------------

    #[test]
    fn json_keys_strings_numbers_constants() {
        assert_eq!(
            render(
                "json",
                r##"{"a": "b\"c\u00e9", "n" : [-1.5e+3, 0, true, false, null], "k"
:{}}"##
            ),
            r##"[Key:"a"] [String:"b] [Escape:\"] [String:c] [Escape:\u00e9] [String:"] [Key:"n"] [Number:-1.5e+3] [Number:0] [Constant:true] [Constant:false] [Constant:null] [Key:"k"]"##
        );
    }

    #[test]
    fn json_comments_and_lenient_forms() {
        assert_eq!(
            render(
                "json",
                "// line\n{/* block\n*/ unquoted: 'single', \"x\": NaN, - }\n/* open"
            ),
            "[Comment:// line] [Comment:/* block\\n*/] [Key:unquoted] [String:'single'] \
             [Key:\"x\"] [Constant:NaN] [Comment:/* open]"
        );
        // An unterminated string stops at its line end.
        assert_eq!(
            render("json", "{\"a\": \"open\r\n\"b\": 1}"),
            "[Key:\"a\"] [String:\"open] [Key:\"b\"] [Number:1]"
        );
    }

    // --- YAML -----------------------------------------------------------------------------

    #[test]
    fn yaml_keys_lists_and_comments() {
        let code = "# top\nname: CI # trailing\nlist:\n  - a#b\n  - \"quoted key\": 1\n  - 'k2' : x\n  - key: value\n    other: v # c\nurl: http://x:80/a#b\nkey:novalue\nk#1: v\n";
        assert_eq!(
            render("yaml", code),
            "[Comment:# top] [Key:name] [Comment:# trailing] [Key:list] [Punct:-] [Punct:-] \
             [Key:\"quoted key\"] [Number:1] [Punct:-] [Key:'k2'] [Punct:-] [Key:key] \
             [Key:other] [Comment:# c] [Key:url] [Key:k#1]"
        );
    }

    #[test]
    fn yaml_plain_scalars_are_typed_only_when_whole() {
        let code = "a: 42\nb: -3.5e+2\nc: 0x1F\nd: .inf\ne: 1.2.3\nf: 12:30\ng: true\nh: True story\ni: ~\nj: yes\nk: null # none\nl: 1_000\n- 7\n";
        assert_eq!(
            render("yaml", code),
            "[Key:a] [Number:42] [Key:b] [Number:-3.5e+2] [Key:c] [Number:0x1F] [Key:d] \
             [Number:.inf] [Key:e] [Key:f] [Key:g] [Constant:true] [Key:h] [Key:i] \
             [Constant:~] [Key:j] [Key:k] [Constant:null] [Comment:# none] [Key:l] \
             [Number:1_000] [Punct:-] [Number:7]"
        );
    }

    #[test]
    fn yaml_block_scalars() {
        let code = "run: |\n  echo hi # not a comment\n\n    indented more\nnext: >- # fold\n   folded\n- |\n  item text\n-  key: |2\n     body\n   back: 1\n";
        assert_eq!(
            render("yaml", code),
            "[Key:run] [Punct:|] [String:echo hi # not a comment] [String:indented more] \
             [Key:next] [Punct:>-] [Comment:# fold] [String:folded] [Punct:-] [Punct:|] [String:item text] \
             [Punct:-] [Key:key] [Punct:|2] [String:body] [Key:back] [Number:1]"
        );
        // A top-level block scalar after `---` takes unindented lines until a marker.
        assert_eq!(
            render("yaml", "--- |\ntext: not a key\n---\nk: v\n"),
            "[Punct:---] [Punct:|] [String:text: not a key] [Punct:---] [Key:k]"
        );
    }

    #[test]
    fn yaml_quoted_scalars_and_escapes() {
        let code = "a: 'it''s'\nb: \"tab\\there \\u00e9 \\\"q\\\"\"\nc: \"first\n  second\" # after\nd: 'x' y\ne: \"a # b\" # c\n";
        assert_eq!(
            render("yaml", code),
            "[Key:a] [String:'it] [Escape:''] [String:s'] [Key:b] [String:\"tab] [Escape:\\t] \
             [String:here ] [Escape:\\u00e9] [String: ] [Escape:\\\"] [String:q] \
             [Escape:\\\"] [String:\"] [Key:c] [String:\"first] [String:second\"] \
             [Comment:# after] [Key:d] [String:'x'] [Key:e] [String:\"a # b\"] [Comment:# c]"
        );
    }

    #[test]
    fn yaml_documents_directives_anchors_tags() {
        let code = "%YAML 1.2\n--- # doc\nbase: &b {x: 1}\nuse: *b\ns: !!str 123\nr: !Ref Bucket\n? complex\n: value\n...\n";
        assert_eq!(
            render("yaml", code),
            "[Keyword:%YAML] [Punct:---] [Comment:# doc] [Key:base] [Variable:&b] [Key:x] \
             [Number:1] [Key:use] [Variable:*b] [Key:s] [Type:!!str] [Number:123] [Key:r] \
             [Type:!Ref] [Punct:?] [Punct:...]"
        );
    }

    #[test]
    fn yaml_flow_collections_span_lines() {
        let code = "env: {A: 1, \"B\": x,\n  C: [true, 'q']}  # c\nlist: [a, {k: v}, 3]\n";
        assert_eq!(
            render("yaml", code),
            "[Key:env] [Key:A] [Number:1] [Key:\"B\"] [Key:C] [Constant:true] [String:'q'] \
             [Comment:# c] [Key:list] [Key:k] [Number:3]"
        );
    }

    #[test]
    fn yaml_crlf_and_tabs() {
        assert_eq!(
            render("yaml", "a: 1\r\nb:\t'x'\r\n- c\r\n"),
            "[Key:a] [Number:1] [Key:b] [String:'x'] [Punct:-]"
        );
    }

    // --- Bash -----------------------------------------------------------------------------

    #[test]
    fn bash_comments_only_at_word_start() {
        assert_eq!(
            render(
                "bash",
                "#!/bin/sh\necho $# a#b \"#x\" \"q\"#1 $v#2 # real\n"
            ),
            "[Comment:#!/bin/sh] [Builtin:echo] [Variable:$#] [String:\"#x\"] [String:\"q\"] \
             [Variable:$v] [Comment:# real]"
        );
    }

    #[test]
    fn bash_double_quotes_split_into_string_and_variables() {
        let code = r##"echo "Hi ${USER:-you} $1, $(date +%s) `id -u` \"q\" \$5" 'no $x' $'a\tb'"##;
        assert_eq!(
            render("bash", code),
            r##"[Builtin:echo] [String:"Hi ] [Variable:${USER:-you}] [String: ] [Variable:$1] [String:, ] [Variable:$(date +%s)] [String: ] [Variable:`id -u`] [String: ] [Escape:\"] [String:q] [Escape:\"] [String: ] [Escape:\$] [String:5"] [String:'no $x'] [String:$'a] [Escape:\t] [String:b']"##
        );
    }

    #[test]
    fn bash_command_position() {
        let code = "if test -f x; then echo if cd; fi\nls | grep a && cd b || exit 1; echo x\nsudo apt-get install -y jq\nFOO=1 make all\n";
        assert_eq!(
            render("bash", code),
            "[Keyword:if] [Builtin:test] [Keyword:then] [Builtin:echo] [Keyword:fi] \
             [Builtin:ls] [Operator:|] [Builtin:grep] [Operator:&&] [Builtin:cd] \
             [Operator:||] [Builtin:exit] [Number:1] [Builtin:echo] [Builtin:sudo] \
             [Builtin:apt-get] [Variable:FOO] [Operator:=] [Number:1] [Builtin:make]"
        );
    }

    #[test]
    fn bash_variables_assignments_and_declarations() {
        let code = "export A=\"$B\" C\nlocal n=${#arr[@]} $@ $? $$ $10\narr=(one two) x+=1\n";
        assert_eq!(
            render("bash", code),
            "[Builtin:export] [Variable:A] [Operator:=] [String:\"] [Variable:$B] [String:\"] \
             [Variable:C] [Builtin:local] [Variable:n] [Operator:=] [Variable:${#arr[@]}] \
             [Variable:$@] [Variable:$?] [Variable:$$] [Variable:$1] [Variable:arr] \
             [Operator:=] [Variable:x] [Operator:+=] [Number:1]"
        );
    }

    #[test]
    fn bash_loops_case_and_functions() {
        let code = "for i in 1 2; do echo \"$i\"; done\ncase $x in\n  a|b) ls ;;\n  *) exit ;;\nesac\nfunction up { cd ..; }\ndown () { cd -; }\nwhile true; do sleep 5s; done\n";
        assert_eq!(
            render("bash", code),
            "[Keyword:for] [Variable:i] [Keyword:in] [Number:1] [Number:2] [Keyword:do] \
             [Builtin:echo] [String:\"] [Variable:$i] [String:\"] [Keyword:done] \
             [Keyword:case] [Variable:$x] [Keyword:in] [Operator:|] [Builtin:ls] \
             [Builtin:exit] [Keyword:esac] [Keyword:function] [Function:up] [Builtin:cd] \
             [Function:down] [Builtin:cd] [Keyword:while] [Builtin:true] [Keyword:do] \
             [Builtin:sleep] [Keyword:done]"
        );
    }

    #[test]
    fn bash_arithmetic_is_not_a_heredoc() {
        assert_eq!(
            render("bash", "x=$(( a << 2 ))\n(( n++ ))\ncat <<< \"$x\"\n"),
            "[Variable:x] [Operator:=] [Variable:$((] [Variable:a] [Operator:<<] [Number:2] \
             [Variable:))] [Variable:n] [Operator:++] [Builtin:cat] [Operator:<<<] \
             [String:\"] [Variable:$x] [String:\"]"
        );
    }

    #[test]
    fn bash_heredocs() {
        let code = "cat <<EOF | tee f\nHello $USER \"q\"\necho not a command\nEOF\necho after\ncat <<-'END' >x; cat <<\"B\"\n\tliteral $HOME\n\tEND\nb $x\nB\nls\n";
        assert_eq!(
            render("bash", code),
            "[Builtin:cat] [Operator:<<] [String:EOF] [Operator:|] [Builtin:tee] \
             [String:Hello ] [Variable:$USER] [String: \"q\"\\necho not a command] [String:EOF] \
             [Builtin:echo] [Builtin:cat] [Operator:<<-] [String:'END'] [Operator:>] \
             [Builtin:cat] [Operator:<<] [String:\"B\"] [String:\\tliteral $HOME] \
             [String:END] [String:b $x] [String:B] [Builtin:ls]"
        );
        // Unterminated: the body runs to the end.
        assert_eq!(
            render("bash", "cat <<EOF\nno end\nls"),
            "[Builtin:cat] [Operator:<<] [String:EOF] [String:no end\\nls]"
        );
    }

    #[test]
    fn bash_line_continuation_and_numbers() {
        assert_eq!(
            render("bash", "ls \\\n  cat 10 a1 5s 3.5 2>/dev/null\ncat\r\n"),
            "[Builtin:ls] [Number:10] [Number:3.5] [Number:2] [Operator:>] [Builtin:cat]"
        );
    }

    // --- All languages --------------------------------------------------------------------

    #[test]
    fn only_the_four_languages() {
        for lang in LANGS {
            assert_eq!(lex(lang, ""), Some(Vec::new()), "{lang}");
        }
        for lang in ["rust", "py", "sh", "yml", "Python", "", "jsonc"] {
            assert_eq!(lex(lang, "x = 1"), None, "{lang}");
        }
    }

    #[test]
    fn python_every_keyword() {
        // keyword.kwlist of Python 3.12.
        let kwlist = "False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield";
        for kw in kwlist.split(' ') {
            let expected = match kw {
                "False" | "None" | "True" => format!("[Constant:{kw}]"),
                _ => format!("[Keyword:{kw}]"),
            };
            assert_eq!(render("python", kw), expected);
        }
        assert_eq!(render("python", "elsewhere classy"), "");
    }

    #[test]
    fn samples_are_highlighted() {
        // Each sample yields a variety of classes (guards against a lexer silently giving up).
        for (lang, code, min_kinds) in [
            ("python", PY, 11),
            ("json", JSON, 6),
            ("yaml", YAML, 9),
            ("bash", BASH, 8),
        ] {
            let kinds: std::collections::HashSet<Tok> = lex(lang, code)
                .unwrap()
                .into_iter()
                .map(|(t, _)| t)
                .collect();
            assert!(kinds.len() >= min_kinds, "{lang}: only {kinds:?}");
        }
    }

    const NASTY: &[&str] = &[
        "",
        "\n",
        "\r\n",
        "\r",
        "\t",
        " ",
        "\"",
        "'",
        "`",
        "\\",
        "\\\n",
        "$",
        "${",
        "$(",
        "$((",
        "#",
        "f\"{",
        "f'{x!r:{",
        "'''",
        "\"\"\"",
        "b'\\",
        "r\"\\",
        "u'\\N{",
        "'\\x",
        "0x",
        "1e",
        "1e+",
        ".",
        "@",
        "->",
        ":=",
        "{",
        "}",
        "[",
        "]",
        "{{",
        "}}",
        "- ",
        "-",
        "---",
        "...",
        "? ",
        ": ",
        "|",
        ">-",
        "|2\n x",
        "key:",
        "\"k\":",
        "&",
        "*",
        "!",
        "!!",
        "%",
        "<<",
        "<<-",
        "<<'",
        "<<\"E",
        "<<E\nE",
        "<<<",
        "((",
        "))",
        "(",
        ")",
        "$'\\",
        "é",
        "日本語",
        "🦀",
        "é\\",
        "\\é",
        "$é",
        "#é",
        "'é",
        "\"\\é",
        "f\"{é}\"",
        "k: é",
        "- 'é''",
        "<<é\né",
        "\u{feff}",
        "\0",
        "a\0b",
        "/*",
        "//",
        "/*é",
        "\"\\u",
        "\"\\u12",
        "{\"a\"",
        "[1,",
        "'a\\'",
        "\"\\\"",
        "case x in",
        "for",
        "function",
        "match x:",
        "type X",
        "class",
        "def",
        "@x.",
        "x.(",
        "..5",
        "1..2",
        "\\\r\n",
        "a\\\r",
    ];

    #[test]
    fn invariants_hold_for_prefixes_of_samples_and_nasty_inputs() {
        for sample in [PY, JSON, YAML, BASH] {
            for (cut, _) in sample.char_indices() {
                for lang in LANGS {
                    check(lang, &sample[..cut]);
                    check(lang, &sample[cut..]);
                }
            }
        }
        for a in NASTY {
            for b in NASTY {
                let joined = format!("{a}{b}");
                for lang in LANGS {
                    check(lang, &joined);
                }
            }
        }
    }

    #[test]
    fn invariants_hold_for_pseudo_random_inputs() {
        const FRAGMENTS: &[&str] = &[
            " ", "  ", "\t", "\n", "\r\n", "\"", "'", "'''", "\"\"\"", "`", "\\", "$", "${", "}",
            "$(", ")", "(", "((", "))", "[", "]", "{", "#", "# c", ":", ": ", "- ", "---", "...",
            "|", ">", "<<", "<<-", "EOF", "'EOF'", "<<<", "&", "&&", "*", "!", "@", "=", ":=",
            "->", ".", ",", ";", ";;", "0", "1_0", "0x", "1e-", "3j", "f", "rb", "u", "f\"", "if",
            "then", "fi", "do", "done", "for", "in", "case", "esac", "def", "class", "match",
            "type", "echo", "print", "self", "true", "null", "~", "key", "é", "日", "🦀",
            "\u{301}", "\\u00", "\\N{", "\\x", "''", "/*", "*/", "//", "%", "?", "!Ref", "&a",
            "*a", "|2-", "x",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut code = String::new();
        for _ in 0..4000 {
            code.clear();
            let len = next() % 48;
            for _ in 0..len {
                code.push_str(FRAGMENTS[(next() % FRAGMENTS.len() as u64) as usize]);
            }
            for lang in LANGS {
                check(lang, &code);
            }
        }
    }

    #[test]
    fn deep_nesting_and_long_inputs_do_not_overflow() {
        let inputs = [
            "f\"{".repeat(5000),
            "f'{x:{".repeat(5000),
            "$(".repeat(20_000),
            "$((".repeat(20_000) + &"))".repeat(20_000),
            "${".repeat(20_000),
            "\"$(".repeat(20_000),
            "[".repeat(20_000) + &"]".repeat(20_000),
            "{\"a\":".repeat(20_000),
            "- ".repeat(20_000),
            "match x; ".repeat(20_000),
            "<<EOF ".repeat(2_000) + "\n" + &"EOF\n".repeat(2_000),
            "'".repeat(50_001),
        ];
        for code in &inputs {
            for lang in LANGS {
                check(lang, code);
            }
        }
        // Many nested f-strings still end in one String token once the depth limit is hit.
        let nested = "f\"{".repeat(100) + &"\"}".repeat(100);
        let toks = lex("python", &nested).unwrap();
        assert_eq!(toks.first().map(|t| t.0), Some(Tok::String));
        assert_eq!(toks.last().map(|t| t.1.end), Some(nested.len()));
    }

    /// Throughput on the samples repeated to ~4 MB each (debug builds are far slower than
    /// release): `cargo test --lib lexers::tests::throughput -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn throughput() {
        for (lang, sample) in [
            ("python", PY),
            ("json", JSON),
            ("yaml", YAML),
            ("bash", BASH),
        ] {
            let code = sample.repeat(4_000_000 / sample.len() + 1);
            let start = std::time::Instant::now();
            let toks = lex(lang, &code).unwrap();
            let secs = start.elapsed().as_secs_f64();
            println!(
                "{lang}: {:.1} MB/s ({} tokens)",
                code.len() as f64 / secs / 1e6,
                toks.len()
            );
        }
    }
}
