//! What rendering a page's Markdown produces: its HTML and what `check` and the site need to
//! know about it (headings, anchors, links, question markers, glossary terms). The model holds
//! it; `render` fills it in.

use crate::model::links::Target;
use std::collections::HashSet;

/// A heading of a page, for "on this page" and the search index.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Heading {
    pub(crate) level: u8,
    pub(crate) id: String,
    pub(crate) text: String,
}

/// A link to check once every page is rendered, with where it was written.
#[derive(Debug, Clone)]
pub(crate) struct LinkRef {
    pub(crate) offset: usize,
    pub(crate) target: Target,
}

/// A page body (or a question text) rendered to HTML, with what was found in it.
#[derive(Debug, Default)]
pub(crate) struct Rendered {
    pub(crate) html: String,
    pub(crate) headings: Vec<Heading>,
    pub(crate) anchors: HashSet<String>,
    pub(crate) links: Vec<LinkRef>,
    /// `<!-- quiz: id -->` markers: the id and the marker's byte offset in the file.
    pub(crate) quiz_markers: Vec<(String, usize)>,
    /// Definition-list terms on this page: (text, id). On the glossary page, its terms.
    pub(crate) terms: Vec<(String, String)>,
    /// Ids of glossary terms this page links (first mentions), in order of appearance.
    pub(crate) glossary_links: Vec<String>,
}
