//! Postings: each term's documents and score classes, written as base-64 digits.

use super::*;

/// Base-64 digits, none of which needs escaping in a JSON string.
pub(super) const DIGITS: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The score class of a document's counts for a term, and back.
pub(super) fn class(title: bool, heading: bool, count: u32) -> u32 {
    u32::from(title) * 2 * (BODY_MAX + 1)
        + u32::from(heading) * (BODY_MAX + 1)
        + count.min(BODY_MAX)
}

pub(super) fn class_score(class: u32) -> u32 {
    let (flags, count) = (class / (BODY_MAX + 1), class % (BODY_MAX + 1));
    (flags / 2) * TITLE + (flags % 2) * HEADING + count
}

/// The class of a score made by `class_score` (`None` for any other number).
#[cfg(test)]
pub(super) fn score_class(score: u32) -> Option<u32> {
    let (title, rest) = (score / TITLE, score % TITLE);
    let (heading, count) = (rest / HEADING, rest % HEADING);
    (title <= 1 && heading <= 1 && count <= BODY_MAX)
        .then(|| class(title == 1, heading == 1, count))
}

/// A term's postings as they are written, built one document at a time.
#[derive(Debug, Default, Clone)]
pub(super) struct Postings {
    /// The next document number that costs a gap of 0.
    next: u32,
    pub(super) text: String,
}

impl Postings {
    pub(super) fn push(&mut self, doc: u32, class: u32) {
        let mut v = u64::from(doc - self.next) * u64::from(CLASSES) + u64::from(class);
        self.next = doc + 1;
        loop {
            let digit = (v & 31) as usize;
            v >>= 5;
            if v == 0 {
                self.text.push(DIGITS[digit] as char);
                return;
            }
            self.text.push(DIGITS[digit | 32] as char);
        }
    }
}

/// `[doc, score, …]` (documents ascending, scores as `rank` sees them) as written in a chunk.
/// `None` if the documents are not ascending or a score is not one the index makes.
#[cfg(test)]
pub(super) fn encode_postings(postings: &[u32]) -> Option<String> {
    let mut p = Postings::default();
    for pair in postings.chunks_exact(2) {
        if pair[0] < p.next && !p.text.is_empty() {
            return None;
        }
        p.push(pair[0], score_class(pair[1])?);
    }
    Some(p.text)
}

/// The postings of a chunk's term, `[doc, score, …]`; `None` if `text` is not postings.
pub(super) fn decode_postings(text: &str) -> Option<Vec<u32>> {
    let mut out = Vec::new();
    let (mut next, mut v, mut shift) = (0u64, 0u64, 0u32);
    for b in text.bytes() {
        let digit = DIGITS.iter().position(|&d| d == b)? as u64;
        v |= (digit & 31).checked_shl(shift)?;
        shift += 5;
        if digit < 32 {
            let doc = next + v / u64::from(CLASSES);
            out.push(u32::try_from(doc).ok()?);
            out.push(class_score((v % u64::from(CLASSES)) as u32));
            next = doc + 1;
            (v, shift) = (0, 0);
        } else if shift > 60 {
            return None;
        }
    }
    (shift == 0).then_some(out)
}

/// The terms of a written chunk (`"term postings term postings …"`).
pub fn decode_chunk(text: &str) -> Option<Chunk> {
    let mut out = Chunk::new();
    let mut it = text.split(' ').filter(|s| !s.is_empty());
    while let Some(term) = it.next() {
        out.insert(term.to_string(), decode_postings(it.next()?)?);
    }
    Some(out)
}
