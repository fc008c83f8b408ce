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
                    b'=' | b'+' | b'-' | b'*' | b'/' | b'%' | b'<' | b'>' | b'&' | b'|' | b'^'
                    | b'~' | b'@' => {
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
    if s[i] == b'0' && i + 1 < n && matches!(s[i + 1], b'x' | b'X' | b'o' | b'O' | b'b' | b'B') {
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
