//! The bank as an Anki text file: one note of type Basic per scored question, with a stable
//! GUID (`studyguide:<question id>`) so that importing a newer export updates the notes it
//! made before, a deck column (a missing deck is created), Front and Back as HTML, and tags
//! per exam version. The format is Anki's text import with file headers (Anki 2.1.55 and
//! later): https://docs.ankiweb.net/importing/text-files.html

use super::{letter, select_hint, shuffled, Cx, Entry};
use crate::html::escape;
use crate::source::quiz::QuestionKind;
use std::fmt::Write;

/// The columns, in order; the headers name them by their 1-based position.
const COLUMNS: [&str; 5] = ["GUID", "Deck", "Front", "Back", "Tags"];

/// The prefix of every note's GUID: keeps the question ids apart from the GUIDs Anki makes.
pub(super) const GUID_PREFIX: &str = "studyguide:";

pub(super) fn write(cx: &Cx, entries: &[Entry]) -> String {
    let mut out = String::new();
    out.push_str("#separator:tab\n#html:true\n#notetype:Basic\n");
    out.push_str("#guid column:1\n#deck column:2\n#tags column:5\n");
    let _ = writeln!(out, "#columns:{}", COLUMNS.join("\t"));
    let deck = cx.guide.config.book.title.trim();
    let deck = if deck.is_empty() { "studyguide" } else { deck };
    for e in entries {
        let fields = [
            format!("{GUID_PREFIX}{}", e.q.id),
            deck.to_string(),
            one_line(&front(cx, e)),
            one_line(&back(cx, e)),
            tags(e).join(" "),
        ];
        let row: Vec<String> = fields.iter().map(|f| field(f)).collect();
        out.push_str(&row.join("\t"));
        out.push('\n');
    }
    out
}

/// One field as Anki reads it: enclosed in double quotes, inner quotes doubled, when it holds
/// a tab, a line break or a quote (the rule of Anki's manual; five lines, so no CSV crate).
fn field(text: &str) -> String {
    if text.contains(['\t', '\n', '\r', '"']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// HTML on one line: line breaks outside `<pre>` are only white space to HTML, so they become
/// spaces; inside `<pre>` they are kept (the field is then quoted).
fn one_line(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<pre") {
        out.push_str(&flatten(&rest[..start]));
        let end = rest[start..]
            .find("</pre>")
            .map_or(rest.len(), |e| start + e + "</pre>".len());
        out.push_str(&rest[start..end]);
        rest = &rest[end..];
    }
    out.push_str(&flatten(rest));
    out.trim().to_string()
}

fn flatten(html: &str) -> String {
    html.replace("\r\n", " ").replace(['\n', '\r'], " ")
}

/// Tags: per exam version `CODE::domain-D`, `CODE::task-T`, `CODE::item-I`, and the question's
/// format as `studyguide::KIND` (and `studyguide::case-study` for a case study's questions).
/// Anki splits tags at white space, so none may hold any.
fn tags(e: &Entry) -> Vec<String> {
    let clean = |s: &str| s.split_whitespace().collect::<Vec<_>>().join("_");
    let mut tags = Vec::new();
    for p in &e.exams {
        let code = clean(&p.code);
        tags.extend(
            p.domains
                .iter()
                .map(|d| format!("{code}::domain-{}", clean(d))),
        );
        tags.extend(p.tasks.iter().map(|t| format!("{code}::task-{}", clean(t))));
        tags.extend(p.items.iter().map(|i| format!("{code}::item-{}", clean(i))));
    }
    tags.push(format!("studyguide::{}", e.q.kind.name()));
    if e.case.is_some() {
        tags.push("studyguide::case-study".into());
    }
    tags
}

fn front(cx: &Cx, e: &Entry) -> String {
    let page = e.page;
    let mut h = String::new();
    if let Some(case) = e.case {
        if let QuestionKind::CaseStudy { scenario, .. } = &case.kind {
            let _ = write!(
                h,
                "<div class=\"sg-scenario\"><p><b>Case study</b></p>{}",
                cx.html(page, scenario)
            );
            if !case.prompt.trim().is_empty() {
                h.push_str(&cx.html(page, &case.prompt));
            }
            h.push_str("</div><hr>");
        }
    }
    h.push_str(&cx.html(page, &e.q.prompt));
    match &e.q.kind {
        QuestionKind::MultipleChoice { options } | QuestionKind::MultipleResponse { options } => {
            if let Some(hint) = select_hint(e.q) {
                let _ = write!(h, "<p>{hint}</p>");
            }
            for (i, o) in options.iter().enumerate() {
                let _ = write!(h, "<div>{}. {}</div>", letter(i), cx.inline(page, &o.text));
            }
        }
        QuestionKind::Ordering { steps, distractors } => {
            let all: Vec<&String> = steps.iter().chain(distractors).collect();
            match distractors.len() {
                0 => h.push_str("<p>Put these steps in order.</p>"),
                _ => {
                    let _ = write!(
                        h,
                        "<p>Select and put in order {} of these {} steps.</p>",
                        steps.len(),
                        all.len()
                    );
                }
            }
            for (label, &i) in shuffled(all.len(), &e.q.id).iter().enumerate() {
                let _ = write!(
                    h,
                    "<div>{}. {}</div>",
                    letter(label),
                    cx.inline(page, all[i])
                );
            }
        }
        QuestionKind::Matching { pairs, extra_right } => {
            h.push_str("<p>Match each item to one choice.</p>");
            for (i, p) in pairs.iter().enumerate() {
                let _ = write!(h, "<div>{}. {}</div>", i + 1, cx.inline(page, &p.left));
            }
            h.push_str("<p>Choices:</p>");
            let rights = rights(pairs, extra_right);
            for (label, &i) in shuffled(rights.len(), &e.q.id).iter().enumerate() {
                let _ = write!(
                    h,
                    "<div>{}. {}</div>",
                    letter(label),
                    cx.inline(page, rights[i])
                );
            }
        }
        QuestionKind::CaseStudy { .. } => {}
    }
    h
}

fn rights<'a>(pairs: &'a [crate::source::quiz::Pair], extra: &'a [String]) -> Vec<&'a String> {
    pairs.iter().map(|p| &p.right).chain(extra).collect()
}

fn back(cx: &Cx, e: &Entry) -> String {
    let page = e.page;
    let mut h = String::new();
    match &e.q.kind {
        QuestionKind::MultipleChoice { options } | QuestionKind::MultipleResponse { options } => {
            let correct: Vec<usize> = (0..options.len()).filter(|&i| options[i].correct).collect();
            let letters: Vec<String> = correct.iter().map(|&i| letter(i).to_string()).collect();
            let _ = write!(h, "<p><b>Answer: {}</b></p>", letters.join(", "));
            for &i in &correct {
                let _ = write!(
                    h,
                    "<div>{}. {}</div>",
                    letter(i),
                    cx.inline(page, &options[i].text)
                );
            }
            h.push_str(&cx.html(page, &e.q.explanation));
            h.push_str("<p><b>Each option</b></p><ul>");
            for (i, o) in options.iter().enumerate() {
                let mark = if o.correct {
                    "✓ correct"
                } else {
                    "✗ wrong"
                };
                let _ = write!(
                    h,
                    "<li>{}. {} ({mark}): {}</li>",
                    letter(i),
                    cx.inline(page, &o.text),
                    cx.inline(page, &o.why)
                );
            }
            h.push_str("</ul>");
        }
        QuestionKind::Ordering { steps, distractors } => {
            let all: Vec<&String> = steps.iter().chain(distractors).collect();
            let order = shuffled(all.len(), &e.q.id);
            // The label each step has on the front.
            let label_of = |i: usize| letter(order.iter().position(|&x| x == i).unwrap_or(0));
            let seq: Vec<String> = (0..steps.len()).map(|i| label_of(i).to_string()).collect();
            let _ = write!(h, "<p><b>Answer: {}</b></p><ol>", seq.join(", "));
            for (i, s) in steps.iter().enumerate() {
                let _ = write!(h, "<li>{}. {}</li>", label_of(i), cx.inline(page, s));
            }
            h.push_str("</ol>");
            if !distractors.is_empty() {
                h.push_str("<p>Not part of the sequence:</p>");
                for (i, d) in distractors.iter().enumerate() {
                    let _ = write!(
                        h,
                        "<div>{}. {}</div>",
                        label_of(steps.len() + i),
                        cx.inline(page, d)
                    );
                }
            }
            h.push_str(&cx.html(page, &e.q.explanation));
        }
        QuestionKind::Matching { pairs, extra_right } => {
            let rights = rights(pairs, extra_right);
            let order = shuffled(rights.len(), &e.q.id);
            let label_of = |i: usize| letter(order.iter().position(|&x| x == i).unwrap_or(0));
            let key: Vec<String> = (0..pairs.len())
                .map(|i| format!("{}-{}", i + 1, label_of(i)))
                .collect();
            let _ = write!(h, "<p><b>Answer: {}</b></p><ul>", key.join(", "));
            for (i, p) in pairs.iter().enumerate() {
                let _ = write!(
                    h,
                    "<li>{}. {} → {}. {}</li>",
                    i + 1,
                    cx.inline(page, &p.left),
                    label_of(i),
                    cx.inline(page, &p.right)
                );
            }
            h.push_str("</ul>");
            if !extra_right.is_empty() {
                h.push_str("<p>Matches nothing:</p>");
                for (i, x) in extra_right.iter().enumerate() {
                    let _ = write!(
                        h,
                        "<div>{}. {}</div>",
                        label_of(pairs.len() + i),
                        cx.inline(page, x)
                    );
                }
            }
            h.push_str(&cx.html(page, &e.q.explanation));
        }
        QuestionKind::CaseStudy { .. } => {}
    }
    if let Some(case) = e.case.filter(|c| !c.explanation.trim().is_empty()) {
        let _ = write!(
            h,
            "<p><b>Case study</b></p>{}",
            cx.html(page, &case.explanation)
        );
    }
    let title = escape(&page.src.front.title);
    let from = match cx.question_url(page, e.case.unwrap_or(e.q)) {
        Some(url) => format!("<a href=\"{}\">{title}</a>", escape(&url)),
        None => title,
    };
    let _ = write!(h, "<p><small>{} · {from}</small></p>", escape(&e.q.id));
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(field("plain text"), "plain text");
        assert_eq!(field("a\tb"), "\"a\tb\"");
        assert_eq!(field("<a href=\"x\">"), "\"<a href=\"\"x\"\">\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
    }

    proptest::proptest! {
        /// Any fields, written as a row, read back unchanged by the CSV reader with the
        /// settings Anki's importer uses (tab, `#` comments, quotes; no header row).
        #[test]
        fn rows_read_back_as_written(
            fields in proptest::collection::vec("[a-z\"\t\n\r #<>é]{0,12}", 4),
        ) {
            // The first column is a GUID, which starts with the prefix.
            let mut row = vec![format!("{GUID_PREFIX}x")];
            row.extend(fields);
            let line: Vec<String> = row.iter().map(|f| field(f)).collect();
            let text = format!("#html:true\n{}\n", line.join("\t"));
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .comment(Some(b'#'))
                .delimiter(b'\t')
                .from_reader(text.as_bytes());
            let records: Vec<Vec<String>> = reader
                .records()
                .map(|r| r.unwrap().iter().map(str::to_string).collect())
                .collect();
            proptest::prop_assert_eq!(records, vec![row]);
        }
    }

    #[test]
    fn line_breaks_are_kept_only_in_pre() {
        assert_eq!(
            one_line("<p>a\nb</p>\n<pre><code>x\ny\n</code></pre>\n<p>c</p>\n"),
            "<p>a b</p> <pre><code>x\ny\n</code></pre> <p>c</p>"
        );
        assert_eq!(one_line("<pre>never closed\n"), "<pre>never closed");
    }
}
