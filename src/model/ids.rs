//! Ids the site makes from the guide's own ids, in one place so that every page, the search
//! index and the question bank agree on them.

const QUIZ_ANCHOR_PREFIX: &str = "q-";

/// The element id of a question on its page.
pub(crate) fn quiz_anchor(id: &str) -> String {
    format!("{QUIZ_ANCHOR_PREFIX}{id}")
}

/// The question id an element id names, if it is a question's ([`quiz_anchor`] reversed).
pub(crate) fn quiz_of_anchor(anchor: &str) -> Option<&str> {
    anchor.strip_prefix(QUIZ_ANCHOR_PREFIX)
}
