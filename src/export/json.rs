//! The bank as JSON, field by field as docs/EXPORT.md describes it. `SCHEMA` changes when a
//! field is renamed or removed, or changes meaning; added fields keep it.

use super::{Cx, Entry, Placed};
use crate::source::quiz::QuestionKind;
use serde::Serialize;

/// The schema's version number.
const SCHEMA: u32 = 1;

#[derive(Serialize)]
struct Bank<'a> {
    schema: u32,
    generator: String,
    guide: GuideInfo<'a>,
    /// `--exam CODE`, when the bank is of one version only.
    exam: Option<&'a str>,
    questions: Vec<Question<'a>>,
}

#[derive(Serialize)]
struct GuideInfo<'a> {
    title: &'a str,
    /// The default exam version's code first, then the others.
    exams: Vec<&'a str>,
    base_url: Option<&'a str>,
}

/// Markdown as written and as HTML for use outside the site.
#[derive(Serialize)]
struct Text<'a> {
    markdown: &'a str,
    html: String,
}

#[derive(Serialize)]
struct PageRef<'a> {
    source: &'a str,
    path: &'a str,
    title: &'a str,
    url: Option<String>,
}

#[derive(Serialize)]
struct Case<'a> {
    id: &'a str,
    scenario: Text<'a>,
    prompt: Text<'a>,
    explanation: Text<'a>,
}

#[derive(Serialize)]
struct Exam<'a> {
    code: &'a str,
    domains: &'a [String],
    tasks: &'a [String],
    items: &'a [String],
}

#[derive(Serialize)]
struct Choice<'a> {
    text: Text<'a>,
    correct: bool,
    why: Text<'a>,
}

#[derive(Serialize)]
struct Pair<'a> {
    left: Text<'a>,
    right: Text<'a>,
}

#[derive(Serialize)]
struct Question<'a> {
    id: &'a str,
    kind: &'static str,
    page: PageRef<'a>,
    case: Option<Case<'a>>,
    covers: &'a [String],
    exams: Vec<Exam<'a>>,
    prompt: Text<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    options: Option<Vec<Choice<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    steps: Option<Vec<Text<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    distractors: Option<Vec<Text<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pairs: Option<Vec<Pair<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    extra_right: Option<Vec<Text<'a>>>,
    explanation: Text<'a>,
}

pub(super) fn write(cx: &Cx, entries: &[Entry], exam: Option<&str>) -> String {
    let guide = cx.guide;
    let bank = Bank {
        schema: SCHEMA,
        generator: format!("studyguide {}", env!("CARGO_PKG_VERSION")),
        guide: GuideInfo {
            title: &guide.config.book.title,
            exams: std::iter::once(&guide.blueprint)
                .chain(&guide.exams.versions)
                .map(|b| b.exam.code.as_str())
                .collect(),
            base_url: cx.base_url.as_deref(),
        },
        exam,
        questions: entries.iter().map(|e| question(cx, e)).collect(),
    };
    let mut text = serde_json::to_string_pretty(&bank).unwrap_or_default();
    text.push('\n');
    text
}

fn question<'a>(cx: &Cx, e: &'a Entry<'a>) -> Question<'a> {
    let page = e.page;
    let text = |markdown: &'a str| Text {
        markdown,
        html: cx.html(page, markdown),
    };
    let inline = |markdown: &'a str| Text {
        markdown,
        html: cx.inline(page, markdown),
    };
    let q = e.q;
    let mut out = Question {
        id: &q.id,
        kind: q.kind.name(),
        page: PageRef {
            source: &page.src.rel,
            path: &page.out,
            title: &page.src.front.title,
            url: cx.question_url(page, e.case.unwrap_or(q)),
        },
        case: e.case.map(|c| Case {
            id: &c.id,
            scenario: match &c.kind {
                QuestionKind::CaseStudy { scenario, .. } => text(scenario),
                _ => text(""),
            },
            prompt: text(&c.prompt),
            explanation: text(&c.explanation),
        }),
        covers: &q.covers,
        exams: e.exams.iter().map(exam).collect(),
        prompt: text(&q.prompt),
        options: None,
        steps: None,
        distractors: None,
        pairs: None,
        extra_right: None,
        explanation: text(&q.explanation),
    };
    match &q.kind {
        QuestionKind::MultipleChoice { options } | QuestionKind::MultipleResponse { options } => {
            out.options = Some(
                options
                    .iter()
                    .map(|o| Choice {
                        text: inline(&o.text),
                        correct: o.correct,
                        why: inline(&o.why),
                    })
                    .collect(),
            );
        }
        QuestionKind::Ordering { steps, distractors } => {
            out.steps = Some(steps.iter().map(|s| inline(s)).collect());
            out.distractors = Some(distractors.iter().map(|s| inline(s)).collect());
        }
        QuestionKind::Matching { pairs, extra_right } => {
            out.pairs = Some(
                pairs
                    .iter()
                    .map(|p| Pair {
                        left: inline(&p.left),
                        right: inline(&p.right),
                    })
                    .collect(),
            );
            out.extra_right = Some(extra_right.iter().map(|s| inline(s)).collect());
        }
        QuestionKind::CaseStudy { .. } => {}
    }
    out
}

fn exam(p: &Placed) -> Exam<'_> {
    Exam {
        code: &p.code,
        domains: &p.domains,
        tasks: &p.tasks,
        items: &p.items,
    }
}
