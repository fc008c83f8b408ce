//! Markdown to HTML with pulldown-cmark, plus what the guide needs on top: heading and
//! definition-term ids with self-links, GitHub alerts, highlighted code, checked and
//! rewritten links, and inline question markers. Returns the headings, anchors and links
//! it saw so `check` can verify anchors across pages.

use crate::diagnostic::Diagnostic;
use crate::html::{escape, slug};
use crate::model::links::Resolved;
pub(crate) use crate::model::rendered::{Heading, LinkRef, Rendered};
use crate::render::highlight;
use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
};
use std::collections::{HashMap, HashSet};

/// What the renderer needs to know about the page it renders.
#[derive(Clone, Copy)]
pub(crate) struct Context<'a> {
    pub(crate) display: &'a str,
    /// The whole file (for diagnostics).
    pub(crate) file: &'a str,
    /// Offset of the Markdown in `file`.
    pub(crate) base: usize,
    /// Resolves a link destination written on this page.
    pub(crate) resolve: &'a dyn Fn(&str) -> Result<Resolved, String>,
    /// Where diagnostics go when the Markdown is not the file itself (question texts): all
    /// diagnostics are placed here instead of at their own offset.
    pub(crate) fixed_offset: Option<usize>,
    /// Glossary terms to link on their first mention (none on the glossary page itself, in
    /// question texts, or where the page opts out).
    pub(crate) glossary: Option<&'a Glossary<'a>>,
}

/// The glossary's terms, as this page should link them.
#[derive(Debug, Clone)]
pub(crate) struct Glossary<'a> {
    /// URL of the glossary page from the page being rendered.
    pub(crate) url: String,
    pub(crate) terms: &'a GlossaryTerms,
}

/// Glossary terms indexed by their first word, so finding mentions costs one lookup per word
/// of text rather than one search per term.
#[derive(Debug, Clone, Default)]
pub(crate) struct GlossaryTerms {
    /// First word (lower case) -> (lower-cased term, anchor id), longest first so
    /// `Amazon S3 Glacier` wins over `Amazon S3`.
    by_first_word: std::collections::HashMap<String, Vec<(String, String)>>,
}

impl GlossaryTerms {
    /// From (term text, anchor id) pairs.
    pub(crate) fn new(terms: &[(String, String)]) -> Self {
        let mut by_first_word: std::collections::HashMap<String, Vec<(String, String)>> =
            Default::default();
        for (text, id) in terms {
            let lower = fold(text);
            let first = fold(
                &text
                    .chars()
                    .take_while(|c| c.is_alphanumeric())
                    .collect::<String>(),
            );
            if !first.is_empty() {
                by_first_word
                    .entry(first)
                    .or_default()
                    .push((lower, id.clone()));
            }
        }
        for list in by_first_word.values_mut() {
            list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        }
        GlossaryTerms { by_first_word }
    }
}

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
        | Options::ENABLE_DEFINITION_LIST
}

pub(crate) const QUIZ_MARKER_PREFIX: &str = "<!--studyguide-quiz:";

/// Parses `<!-- quiz: some-id -->` (the whole HTML text, trimmed).
fn quiz_marker(html: &str) -> Option<&str> {
    let inner = html
        .trim()
        .strip_prefix("<!--")?
        .strip_suffix("-->")?
        .trim();
    let id = inner.strip_prefix("quiz:")?.trim();
    (!id.is_empty() && !id.contains(char::is_whitespace)).then_some(id)
}

fn alert_title(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    }
}

/// Gives each id once per page: a repeat gets `-1`, `-2`, …. `next` remembers, per base id,
/// the suffix to try first, so 20,000 repeats of one heading cost 20,000 steps, not 200 million.
fn unique_id(
    anchors: &mut HashSet<String>,
    next: &mut HashMap<String, usize>,
    base: String,
) -> String {
    if anchors.insert(base.clone()) {
        return base;
    }
    let n = next.entry(base.clone()).or_insert(1);
    loop {
        let id = format!("{base}-{n}");
        *n += 1;
        if anchors.insert(id.clone()) {
            return id;
        }
    }
}

/// Elements whose text must not get glossary links when an author writes them as raw HTML:
/// links (no link inside a link), code, headings, form controls and foreign content.
const NO_TERM_LINKS: &[&str] = &[
    "a", "abbr", "button", "code", "dfn", "h1", "h2", "h3", "h4", "h5", "h6", "kbd", "label",
    "math", "option", "pre", "samp", "script", "select", "style", "svg", "textarea", "title",
    "var",
];

/// Follows the raw HTML of a page: how many [`NO_TERM_LINKS`] elements are open.
fn track_raw_html(html: &str, depth: &mut usize) {
    crate::html::scan_tags(
        html,
        |t| {
            if t.self_closing || !NO_TERM_LINKS.iter().any(|n| n.eq_ignore_ascii_case(t.name)) {
                return;
            }
            if t.end {
                *depth = depth.saturating_sub(1);
            } else {
                *depth += 1;
            }
        },
        |_, _| {},
    );
}

/// Renders Markdown; diagnostics for broken links and the like go to `diags`.
pub(crate) fn render(markdown: &str, cx: &Context, diags: &mut Vec<Diagnostic>) -> Rendered {
    let mut out = Rendered::default();
    let mut events: Vec<Event> = Vec::new();
    // Buffer for a heading or definition term being collected: (events, plain text).
    let mut pending: Option<(Vec<Event>, String)> = None;
    let mut code: Option<(String, String)> = None;
    let mut link_depth = 0usize;
    // Open raw-HTML elements whose text gets no glossary links (`<a>`, `<code>`, …).
    let mut raw_depth = 0usize;
    let mut next_suffix = HashMap::new();
    let place = |offset: usize| cx.fixed_offset.unwrap_or(cx.base + offset);
    // Built on the first diagnostic, then shared by all of the page's.
    let locator = std::cell::OnceCell::new();
    let locate = |d: Diagnostic, offset: usize| {
        locator
            .get_or_init(|| crate::diagnostic::Locator::new(cx.file))
            .place(d, offset)
    };

    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        if let Some((lang, text)) = &mut code {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    events.push(Event::Html(highlight::code_block(text, lang).into()));
                    code = None;
                }
                _ => {}
            }
            continue;
        }
        let event = match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(l) => l.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
                continue;
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = rewrite(
                    &dest_url, &range, markdown, cx, &mut out, diags, place, &locate,
                );
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = rewrite(
                    &dest_url, &range, markdown, cx, &mut out, diags, place, &locate,
                );
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Html(html) | Event::InlineHtml(html) if quiz_marker(&html).is_some() => {
                let id = quiz_marker(&html).unwrap_or_default().to_string();
                out.quiz_markers.push((id.clone(), place(range.start)));
                Event::Html(format!("{QUIZ_MARKER_PREFIX}{id}-->").into())
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, title) = alert_title(kind);
                Event::Html(format!("<div class=\"alert alert-{class}\" role=\"note\"><p class=\"alert-title\">{title}</p>\n").into())
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => Event::Html("</div>\n".into()),
            Event::Html(html) | Event::InlineHtml(html) if cx.glossary.is_some() => {
                track_raw_html(&html, &mut raw_depth);
                Event::Html(html)
            }
            Event::Start(Tag::Table(_)) => {
                events.push(Event::Html("<div class=\"table-wrap\">".into()));
                event
            }
            Event::End(TagEnd::Table) => {
                events.push(event);
                Event::Html("</div>\n".into())
            }
            other => other,
        };
        match event {
            Event::Start(Tag::Heading { .. }) | Event::Start(Tag::DefinitionListTitle) => {
                pending = Some((vec![event], String::new()));
            }
            Event::End(TagEnd::Heading(_)) | Event::End(TagEnd::DefinitionListTitle) => {
                let Some((buffer, text)) = pending.take() else {
                    continue;
                };
                let html = finish_titled(buffer, &text, &mut out, &mut next_suffix);
                events.push(Event::Html(html.into()));
            }
            Event::Text(t)
                if pending.is_none()
                    && link_depth == 0
                    && raw_depth == 0
                    && cx.glossary.is_some() =>
            {
                match cx.glossary {
                    Some(g) => events.extend(link_terms(t, g, &mut out.glossary_links)),
                    None => events.push(Event::Text(t)),
                }
            }
            e => {
                match &e {
                    Event::Start(Tag::Link { .. } | Tag::Image { .. }) => link_depth += 1,
                    Event::End(TagEnd::Link | TagEnd::Image) => {
                        link_depth = link_depth.saturating_sub(1)
                    }
                    _ => {}
                }
                if let (Event::Text(t) | Event::Code(t), Some((_, text))) = (&e, &mut pending) {
                    text.push_str(t);
                }
                match &mut pending {
                    Some((buffer, _)) => buffer.push(e),
                    None => events.push(e),
                }
            }
        }
    }
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    out
}

/// Lower-cases `c` onto `out` as `str::to_lowercase` does, one char at a time, with the final
/// sigma `ς` as `σ` (lower-casing a whole string picks the final form by position, a single
/// char cannot). Terms and text are folded alike, so they compare equal whatever the case.
fn fold_char(c: char, out: &mut String) {
    for l in c.to_lowercase() {
        out.push(if l == 'ς' { 'σ' } else { l });
    }
}

fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// Splits a text run so the first mention on the page of each glossary term becomes a link.
/// Words are found in the text as written; terms are compared in its folded (lower-cased)
/// copy, whose byte offsets differ (`İ` is 2 bytes, its lower case 3): `map` translates them,
/// and a match that ends inside a written character is no match.
fn link_terms<'e>(
    text: CowStr<'e>,
    glossary: &Glossary,
    linked: &mut Vec<String>,
) -> Vec<Event<'e>> {
    let mut folded = String::with_capacity(text.len());
    // (offset in `folded`, offset in `text`) of every char of `text`, then of the end.
    let mut map: Vec<(usize, usize)> = Vec::with_capacity(text.len() + 1);
    let mut alnum: Vec<bool> = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        map.push((folded.len(), i));
        alnum.push(c.is_alphanumeric());
        fold_char(c, &mut folded);
    }
    map.push((folded.len(), text.len()));
    let to_text = |f: usize| {
        map.binary_search_by_key(&f, |m| m.0)
            .ok()
            .filter(|&k| !alnum.get(k).copied().unwrap_or(false))
            .map(|k| map[k].1)
    };
    let mut events = Vec::new();
    let mut pos = 0;
    let mut k = 0;
    while k < alnum.len() {
        if !alnum[k] || (k > 0 && alnum[k - 1]) {
            k += 1;
            continue;
        }
        let word_end = (k..alnum.len()).find(|&e| !alnum[e]).unwrap_or(alnum.len());
        let (start, fstart) = (map[k].1, map[k].0);
        let word = &folded[fstart..map[word_end].0];
        if start >= pos {
            if let Some(end) = match_term(&folded, fstart, word, glossary.terms, linked, &to_text) {
                if start > pos {
                    events.push(Event::Text(text[pos..start].to_string().into()));
                }
                let id = linked.last().cloned().unwrap_or_default();
                events.push(Event::Html(
                    format!(
                        "<a class=\"glossary-term\" href=\"{}#{}\">",
                        escape(&glossary.url),
                        escape(&id)
                    )
                    .into(),
                ));
                events.push(Event::Text(text[start..end].to_string().into()));
                events.push(Event::Html("</a>".into()));
                pos = end;
            }
        }
        k = word_end;
    }
    if pos == 0 {
        return vec![Event::Text(text)];
    }
    if pos < text.len() {
        events.push(Event::Text(text[pos..].to_string().into()));
    }
    events
}

/// The longest not-yet-linked term starting at `start` of the folded text (whose first word is
/// `word`) that ends where a written word ends (`to_text` gives that end in the written text):
/// records its id in `linked` and returns its end in the written text.
fn match_term(
    folded: &str,
    start: usize,
    word: &str,
    terms: &GlossaryTerms,
    linked: &mut Vec<String>,
    to_text: &dyn Fn(usize) -> Option<usize>,
) -> Option<usize> {
    for (term, id) in terms.by_first_word.get(word)? {
        if !folded[start..].starts_with(term.as_str()) {
            continue;
        }
        let Some(end) = to_text(start + term.len()) else {
            continue;
        };
        if linked.iter().any(|l| l == id) {
            continue;
        }
        linked.push(id.clone());
        return Some(end);
    }
    None
}

/// Renders a collected heading or definition term with its id and self-link.
fn finish_titled(
    buffer: Vec<Event>,
    text: &str,
    out: &mut Rendered,
    next: &mut HashMap<String, usize>,
) -> String {
    let mut iter = buffer.into_iter();
    let start = iter.next();
    let mut inner = String::new();
    pulldown_cmark::html::push_html(&mut inner, iter);
    let text = text.trim();
    match start {
        Some(Event::Start(Tag::Heading {
            level, id, classes, ..
        })) => {
            let id = unique_id(
                &mut out.anchors,
                next,
                id.map_or_else(|| slug(text), |i| i.to_string()),
            );
            let n = heading_number(level);
            out.headings.push(Heading {
                level: n,
                id: id.clone(),
                text: text.to_string(),
            });
            let class = if classes.is_empty() {
                String::new()
            } else {
                format!(" class=\"{}\"", escape(&classes.join(" ")))
            };
            format!(
                "<h{n} id=\"{id}\"{class}>{inner} <a class=\"self-link\" href=\"#{id}\" aria-label=\"Link to this section: {}\">#</a></h{n}>\n",
                escape(text),
                id = escape(&id)
            )
        }
        _ => {
            let id = unique_id(&mut out.anchors, next, slug(text));
            out.terms.push((text.to_string(), id.clone()));
            format!("<dt id=\"{id}\">{inner} <a class=\"self-link\" href=\"#{id}\" aria-label=\"Link to this term: {}\">#</a></dt>\n", escape(text), id = escape(&id))
        }
    }
}

fn heading_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Resolves one link or image destination, recording it or reporting it.
#[allow(clippy::too_many_arguments)]
fn rewrite<'a>(
    dest: &CowStr<'a>,
    range: &std::ops::Range<usize>,
    markdown: &str,
    cx: &Context,
    out: &mut Rendered,
    diags: &mut Vec<Diagnostic>,
    place: impl Fn(usize) -> usize,
    locate: &dyn Fn(Diagnostic, usize) -> Diagnostic,
) -> CowStr<'a> {
    // Point at the destination itself when it is written in the source, else at the link.
    let source = &markdown[range.clone()];
    let offset = range.start + source.find(dest.as_ref()).unwrap_or(0);
    match (cx.resolve)(dest) {
        Ok(Resolved::External) => dest.clone(),
        Ok(Resolved::Internal { url, target }) => {
            out.links.push(LinkRef {
                offset: place(offset),
                target,
            });
            url.into()
        }
        Err(message) => {
            diags.push(locate(
                Diagnostic::error("E030", cx.display, format!("broken link: {message}")),
                place(offset),
            ));
            dest.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::links::Target;

    fn md(text: &str) -> (Rendered, Vec<Diagnostic>) {
        let resolve = |d: &str| -> Result<Resolved, String> {
            if d == "bad.md" {
                Err("nope".into())
            } else {
                Ok(Resolved::Internal {
                    url: d.replace(".md", ".html"),
                    target: Target {
                        page: "x.html".into(),
                        anchor: None,
                    },
                })
            }
        };
        let cx = Context {
            display: "a.md",
            file: text,
            base: 0,
            resolve: &resolve,
            fixed_offset: None,
            glossary: None,
        };
        let mut diags = Vec::new();
        let r = render(text, &cx, &mut diags);
        (r, diags)
    }

    #[test]
    fn headings_get_unique_ids_and_self_links() {
        let (r, _) = md("## Spot vs On-Demand\n\n## Spot vs On-Demand\n\n### Custom {#my-id}\n");
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["spot-vs-on-demand", "spot-vs-on-demand-1", "my-id"]);
        assert!(r.html.contains("<h2 id=\"spot-vs-on-demand\">Spot vs On-Demand <a class=\"self-link\" href=\"#spot-vs-on-demand\""), "{}", r.html);
    }

    #[test]
    fn repeated_headings_number_on_from_the_last_repeat() {
        let (r, _) = md("## A\n\n## A\n\n## A 1\n\n## A\n\n## A-2 {#a-3}\n\n## A\n");
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["a", "a-1", "a-1-1", "a-2", "a-3", "a-4"]);
        let many = "## Example\n\n".repeat(20_000);
        let (r, _) = md(&many);
        assert_eq!(
            r.headings.last().map(|h| h.id.as_str()),
            Some("example-19999")
        );
        assert_eq!(r.anchors.len(), 20_000);
    }

    #[test]
    fn definition_terms_get_ids() {
        let (r, _) = md("Amazon S3\n: Object storage.\n");
        assert!(
            r.html.contains("<dt id=\"amazon-s3\">Amazon S3"),
            "{}",
            r.html
        );
        assert!(r.anchors.contains("amazon-s3"));
    }

    #[test]
    fn alerts_render_with_title() {
        let (r, _) = md("> [!TIP]\n> Use Parquet.\n");
        assert!(
            r.html.contains(
                "<div class=\"alert alert-tip\" role=\"note\"><p class=\"alert-title\">Tip</p>"
            ),
            "{}",
            r.html
        );
        assert!(r.html.contains("<p>Use Parquet.</p>"));
    }

    #[test]
    fn links_are_rewritten_and_broken_ones_reported_at_the_destination() {
        let (r, d) = md("See [a](a.md) and\nalso [b](bad.md).\n");
        assert!(r.html.contains("href=\"a.html\""));
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].line, d[0].column), (2, 10));
        assert_eq!(d[0].message, "broken link: nope");
    }

    #[test]
    fn code_is_highlighted_and_markers_found() {
        let (r, _) = md("```json\n{\"a\": 1}\n```\n\n<!-- quiz: q-1 -->\n");
        assert!(r.html.contains("data-lang=\"json\""));
        assert_eq!(r.quiz_markers, vec![("q-1".to_string(), 22)]);
        assert!(r.html.contains("<!--studyguide-quiz:q-1-->"));
    }

    #[test]
    fn tables_are_wrapped_for_scrolling() {
        let (r, _) = md("| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(
            r.html.starts_with("<div class=\"table-wrap\"><table>"),
            "{}",
            r.html
        );
    }
}

#[cfg(test)]
mod glossary_tests {
    use super::*;

    #[test]
    fn first_mention_of_each_term_links_longest_first_not_in_links_or_headings() {
        let terms = GlossaryTerms::new(&[
            ("Amazon S3".into(), "amazon-s3".into()),
            ("Amazon S3 Glacier".into(), "amazon-s3-glacier".into()),
            ("Drift".into(), "drift".into()),
        ]);
        let glossary = Glossary {
            url: "../glossary.html".into(),
            terms: &terms,
        };
        let resolve = |_: &str| -> Result<Resolved, String> { Ok(Resolved::External) };
        let text = "## Drift\n\nStore it in Amazon S3 Glacier, then Amazon S3. Amazon S3 again; drift and [Amazon S3](https://x) and drifting.\n";
        let cx = Context {
            display: "a.md",
            file: text,
            base: 0,
            resolve: &resolve,
            fixed_offset: None,
            glossary: Some(&glossary),
        };
        let r = render(text, &cx, &mut Vec::new());
        assert!(
            r.html.contains("<h2 id=\"drift\">Drift"),
            "no link inside a heading: {}",
            r.html
        );
        assert!(r.html.contains("in <a class=\"glossary-term\" href=\"../glossary.html#amazon-s3-glacier\">Amazon S3 Glacier</a>, then <a class=\"glossary-term\" href=\"../glossary.html#amazon-s3\">Amazon S3</a>. Amazon S3 again; <a class=\"glossary-term\" href=\"../glossary.html#drift\">drift</a> and <a href=\"https://x\">Amazon S3</a> and drifting."), "{}", r.html);
        assert_eq!(
            r.glossary_links,
            ["amazon-s3-glacier", "amazon-s3", "drift"]
        );
    }

    fn with_glossary(terms: &[(&str, &str)], text: &str) -> Rendered {
        let terms: Vec<(String, String)> = terms
            .iter()
            .map(|(t, i)| (t.to_string(), i.to_string()))
            .collect();
        let terms = GlossaryTerms::new(&terms);
        let glossary = Glossary {
            url: "g.html".into(),
            terms: &terms,
        };
        let resolve = |_: &str| -> Result<Resolved, String> { Ok(Resolved::External) };
        let cx = Context {
            display: "a.md",
            file: text,
            base: 0,
            resolve: &resolve,
            fixed_offset: None,
            glossary: Some(&glossary),
        };
        render(text, &cx, &mut Vec::new())
    }

    #[test]
    fn case_folding_that_changes_byte_lengths_neither_panics_nor_misplaces_links() {
        // İ lower-cases to two chars (3 bytes from 2), ẞ to ß (2 bytes from 3): same total.
        let r = with_glossary(&[("ß", "sz")], "İẞ text and ß.\n");
        assert!(
            r.html.contains(
                "<p>İẞ text and <a class=\"glossary-term\" href=\"g.html#sz\">ß</a>.</p>"
            ),
            "{}",
            r.html
        );
        let r = with_glossary(&[("İstanbul", "ist")], "From İSTANBUL and ﬁ ﬁne.\n");
        assert!(
            r.html
                .contains("From <a class=\"glossary-term\" href=\"g.html#ist\">İSTANBUL</a> and"),
            "{}",
            r.html
        );
        // Greek final sigma: the term and the text fold alike wherever the sigma stands.
        let r = with_glossary(&[("ΟΔΟΣ", "odos")], "Η οδος.\n");
        assert!(
            r.html
                .contains("<a class=\"glossary-term\" href=\"g.html#odos\">οδος</a>"),
            "{}",
            r.html
        );
        for text in [
            "ẞİß\u{301}ﬁς Σ\u{130}x",
            "\u{130}\u{130}\u{130}ß ß",
            "e\u{301}ß",
        ] {
            with_glossary(
                &[("ß", "a"), ("ﬁ", "b"), ("ς", "c"), ("i\u{307}", "d")],
                text,
            );
        }
    }

    #[test]
    fn no_term_links_inside_raw_html_links_code_or_pre() {
        let text = "See <a href=\"https://example.org\">the baz docs</a>, <code>baz</code>, <pre>baz</pre> <kbd>baz</kbd>.\n\n<pre>\nbaz\n</pre>\n\nNow baz.\n";
        let r = with_glossary(&[("baz", "baz")], text);
        assert_eq!(r.html.matches("glossary-term").count(), 1, "{}", r.html);
        assert!(
            r.html
                .contains("Now <a class=\"glossary-term\" href=\"g.html#baz\">baz</a>."),
            "{}",
            r.html
        );
    }
}
