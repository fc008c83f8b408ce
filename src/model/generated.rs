//! The pages the generator writes itself, in one list: content may not claim their paths,
//! links may point at them, and the header, the sitemap, the search index and the renderer
//! each take what they need from here.

/// The contents page: every page of the guide in reading order, as a nested list. Every
/// sidebar links it, so any page is two steps from any other on every layout (issue 16).
pub(crate) const CONTENTS: &str = "contents.html";

/// A page made by the generator rather than from a content file.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GeneratedPage {
    /// Output path from the site root.
    pub(crate) path: &'static str,
    /// Title of the link in every page's header (and in the sitemap); `None`: not linked.
    pub(crate) title: Option<&'static str>,
    /// Whether search finds it by its title.
    pub(crate) searchable: bool,
    /// Whether it is the template of the same name with the site's context and nothing else.
    pub(crate) plain_template: bool,
}

/// Every generated page, in the order of the header's links.
pub(crate) const GENERATED: &[GeneratedPage] = &[
    GeneratedPage {
        path: CONTENTS,
        title: Some("All pages"),
        searchable: true,
        plain_template: false,
    },
    GeneratedPage {
        path: "coverage.html",
        title: Some("Coverage matrix"),
        searchable: true,
        plain_template: true,
    },
    GeneratedPage {
        path: "progress.html",
        title: Some("Your progress"),
        searchable: true,
        plain_template: true,
    },
    GeneratedPage {
        path: "review.html",
        title: Some("Review"),
        searchable: true,
        plain_template: true,
    },
    GeneratedPage {
        path: "practice.html",
        title: Some("Practice exam"),
        searchable: true,
        plain_template: true,
    },
    GeneratedPage {
        path: "print.html",
        title: Some("Whole guide (print)"),
        searchable: false,
        plain_template: false,
    },
    GeneratedPage {
        path: "404.html",
        title: None,
        searchable: false,
        plain_template: false,
    },
    GeneratedPage {
        path: "sitemap.xml",
        title: None,
        searchable: false,
        plain_template: false,
    },
];

/// The generated pages that every page links in its header, with their titles.
pub(crate) fn linked() -> impl Iterator<Item = (&'static str, &'static str)> {
    GENERATED
        .iter()
        .filter_map(|g| g.title.map(|t| (g.path, t)))
}
