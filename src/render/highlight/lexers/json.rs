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
