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
