//! Text to terms: the tokenizer (words with `.`, `_` and apostrophes inside them), folding,
//! and a Porter stemmer. Hand-written: the browser's `search.js` must do exactly the same,
//! and the tests hold the two to shared cases.

use super::*;

/// A word of a text: byte range and the text as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Token<'a> {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) text: &'a str,
}

/// Calls `f(start, end)` for each word of `text`: runs of letters and digits, with `.`, `_`
/// and apostrophes kept between two of them (`p3.2xlarge`, `max_depth`, `model's`).
pub(super) fn each_token(text: &str, mut f: impl FnMut(usize, usize)) {
    let b = text.as_bytes();
    // (is a word character, is a joiner, length in bytes) of the character at `i`.
    let class = |i: usize| -> (bool, bool, usize) {
        let c = b[i];
        if c < 0x80 {
            (
                c.is_ascii_alphanumeric(),
                matches!(c, b'.' | b'_' | b'\''),
                1,
            )
        } else {
            let ch = text[i..].chars().next().unwrap_or(' ');
            (ch.is_alphanumeric(), ch == '\u{2019}', ch.len_utf8())
        }
    };
    let mut i = 0;
    while i < b.len() {
        let (word, _, len) = class(i);
        if !word {
            i += len;
            continue;
        }
        let start = i;
        i += len;
        loop {
            while i < b.len() && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            if i >= b.len() {
                break;
            }
            let (word, joiner, len) = class(i);
            if word || (joiner && i + len < b.len() && class(i + len).0) {
                i += len;
            } else {
                break;
            }
        }
        f(start, i);
    }
}

/// Splits text into words: runs of letters and digits, with `.`, `_` and apostrophes kept
/// between two of them.
pub(super) fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    each_token(text, |start, end| {
        out.push(Token {
            start,
            end,
            text: &text[start..end],
        })
    });
    out
}

/// Case-folded, without apostrophes, before stemming.
pub(super) fn fold(raw: &str) -> String {
    raw.to_lowercase()
        .chars()
        .filter(|&c| c != '\'' && c != '\u{2019}')
        .collect()
}

/// The index term of a token: folded and stemmed; `None` for stop words.
pub(super) fn normalize(raw: &str) -> Option<String> {
    let t = fold(raw);
    if t.is_empty() || STOP_WORDS.contains(&t.as_str()) {
        return None;
    }
    Some(stem(&t))
}

/// The parts of a dotted or underscored term (`p3.2xlarge` → `p3`, `2xlarge`), two
/// characters or longer, so that each part is findable on its own.
pub(super) fn parts(term: &str) -> Vec<String> {
    if !term.contains(['.', '_']) {
        return Vec::new();
    }
    term.split(['.', '_'])
        .filter(|p| p.chars().count() >= 2)
        .filter_map(normalize)
        .collect()
}

/// Every index term of a text, in order: each token's term, then its parts.
#[cfg(test)]
pub(super) fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for t in tokens(text) {
        if let Some(n) = normalize(t.text) {
            let p = parts(&n);
            out.push(n);
            out.extend(p);
        }
    }
    out
}

// ---- stemmer ---------------------------------------------------------------------------------

/// Porter's stemmer (1980), with one change from Porter2: `y` becomes `i` only after a
/// consonant that is not the first letter (`deploy` stays, `query` becomes `queri`).
/// Only words of four or more ASCII letters are stemmed: `s3`, `p3.2xlarge`, `aws`, `ecs`,
/// `byoc` and words with other characters are left as they are.
pub(super) fn stem(word: &str) -> String {
    if word.len() <= 3 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_string();
    }
    let mut w = word.as_bytes().to_vec();
    step1ab(&mut w);
    step1c(&mut w);
    replace_suffix(&mut w, STEP2, 0);
    replace_suffix(&mut w, STEP3, 0);
    step4(&mut w);
    step5(&mut w);
    String::from_utf8_lossy(&w).into_owned()
}

pub(super) fn is_consonant(w: &[u8], i: usize) -> bool {
    match w[i] {
        b'a' | b'e' | b'i' | b'o' | b'u' => false,
        b'y' => i == 0 || !is_consonant(w, i - 1),
        _ => true,
    }
}

/// Porter's m: the number of vowel-consonant sequences in `w`.
pub(super) fn measure(w: &[u8]) -> usize {
    let n = w.len();
    let mut i = 0;
    let mut m = 0;
    while i < n && is_consonant(w, i) {
        i += 1;
    }
    loop {
        while i < n && !is_consonant(w, i) {
            i += 1;
        }
        if i >= n {
            return m;
        }
        while i < n && is_consonant(w, i) {
            i += 1;
        }
        m += 1;
    }
}

pub(super) fn has_vowel(w: &[u8]) -> bool {
    (0..w.len()).any(|i| !is_consonant(w, i))
}

pub(super) fn double_consonant(w: &[u8]) -> bool {
    let n = w.len();
    n >= 2 && w[n - 1] == w[n - 2] && is_consonant(w, n - 1)
}

/// Ends consonant-vowel-consonant, the last not `w`, `x` or `y` (`hop`, not `how`).
pub(super) fn cvc(w: &[u8]) -> bool {
    let n = w.len();
    n >= 3
        && is_consonant(w, n - 3)
        && !is_consonant(w, n - 2)
        && is_consonant(w, n - 1)
        && !matches!(w[n - 1], b'w' | b'x' | b'y')
}

pub(super) fn step1ab(w: &mut Vec<u8>) {
    if w.ends_with(b"sses") || w.ends_with(b"ies") {
        w.truncate(w.len() - 2);
    } else if !w.ends_with(b"ss") && w.ends_with(b"s") {
        w.pop();
    }
    if w.ends_with(b"eed") {
        if measure(&w[..w.len() - 3]) > 0 {
            w.pop();
        }
        return;
    }
    let cut = if w.ends_with(b"ed") && has_vowel(&w[..w.len() - 2]) {
        2
    } else if w.ends_with(b"ing") && has_vowel(&w[..w.len() - 3]) {
        3
    } else {
        return;
    };
    w.truncate(w.len() - cut);
    if w.ends_with(b"at") || w.ends_with(b"bl") || w.ends_with(b"iz") {
        w.push(b'e');
    } else if double_consonant(w) && !matches!(w[w.len() - 1], b'l' | b's' | b'z') {
        w.pop();
    } else if measure(w) == 1 && cvc(w) {
        w.push(b'e');
    }
}

pub(super) fn step1c(w: &mut [u8]) {
    let n = w.len();
    if n > 2 && w[n - 1] == b'y' && is_consonant(w, n - 2) {
        w[n - 1] = b'i';
    }
}

pub(super) const STEP2: &[(&str, &str)] = &[
    ("ational", "ate"),
    ("tional", "tion"),
    ("enci", "ence"),
    ("anci", "ance"),
    ("izer", "ize"),
    ("abli", "able"),
    ("alli", "al"),
    ("entli", "ent"),
    ("eli", "e"),
    ("ousli", "ous"),
    ("ization", "ize"),
    ("ation", "ate"),
    ("ator", "ate"),
    ("alism", "al"),
    ("iveness", "ive"),
    ("fulness", "ful"),
    ("ousness", "ous"),
    ("aliti", "al"),
    ("iviti", "ive"),
    ("biliti", "ble"),
];

pub(super) const STEP3: &[(&str, &str)] = &[
    ("icate", "ic"),
    ("ative", ""),
    ("alize", "al"),
    ("iciti", "ic"),
    ("ical", "ic"),
    ("ful", ""),
    ("ness", ""),
];

pub(super) const STEP4: &[&str] = &[
    "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou",
    "ism", "ate", "iti", "ous", "ive", "ize",
];

/// The first suffix of `table` that `w` ends with is replaced when the rest has m > `min`.
pub(super) fn replace_suffix(w: &mut Vec<u8>, table: &[(&str, &str)], min: usize) {
    if let Some((suffix, with)) = table.iter().find(|(s, _)| w.ends_with(s.as_bytes())) {
        let stem = w.len() - suffix.len();
        if measure(&w[..stem]) > min {
            w.truncate(stem);
            w.extend_from_slice(with.as_bytes());
        }
    }
}

pub(super) fn step4(w: &mut Vec<u8>) {
    if let Some(suffix) = STEP4.iter().find(|s| w.ends_with(s.as_bytes())) {
        let stem = w.len() - suffix.len();
        let ok = *suffix != "ion" || (stem > 0 && matches!(w[stem - 1], b's' | b't'));
        if ok && measure(&w[..stem]) > 1 {
            w.truncate(stem);
        }
    }
}

pub(super) fn step5(w: &mut Vec<u8>) {
    if w.ends_with(b"e") {
        let stem = &w[..w.len() - 1];
        let m = measure(stem);
        if m > 1 || (m == 1 && !cvc(stem)) {
            w.pop();
        }
    }
    if w.ends_with(b"ll") && measure(w) > 1 {
        w.pop();
    }
}
