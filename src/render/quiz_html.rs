//! Questions as HTML: native, labelled form controls that `quiz.js` brings to life, and the
//! answer with every option's reason in a `<details>` element, so a reader without
//! JavaScript still gets the whole question. The markup holds only what works without
//! JavaScript; `quiz.js` adds what only works with it (the Check and Try again buttons, the
//! feedback line, the ✓/✗ marks, the ordering controls). Every question is written three
//! times (its page, the print view, the practice exam's bank), so each byte here counts
//! thrice.

use crate::diagnostic::Diagnostic;
use crate::html::escape;
use crate::model::ids::quiz_anchor;
use crate::render::markdown::{self, Context, Rendered};
use crate::source::quiz::{Question, QuestionKind};
use std::fmt::Write;

/// Renders Markdown that should sit inline (an option, a step): one paragraph loses its `<p>`.
fn inline(text: &str, cx: &Context, page: &mut Rendered, diags: &mut Vec<Diagnostic>) -> String {
    crate::html::unwrap_paragraph(&block(text, cx, page, diags))
}

fn block(text: &str, cx: &Context, page: &mut Rendered, diags: &mut Vec<Diagnostic>) -> String {
    let r = markdown::render(text, cx, diags);
    page.links.extend(r.links);
    r.html
}

const LETTERS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";

fn letter(i: usize) -> char {
    LETTERS.get(i).map_or('?', |&b| b as char)
}

fn kind_label(q: &Question) -> &'static str {
    match q.kind {
        QuestionKind::MultipleChoice { .. } => "Multiple choice",
        QuestionKind::MultipleResponse { .. } => "Multiple response",
        QuestionKind::Ordering { .. } => "Ordering",
        QuestionKind::Matching { .. } => "Matching",
        QuestionKind::CaseStudy { .. } => "Case study",
    }
}

/// One question (a case study with its sub-questions) as HTML. `number` is its position on
/// the page.
pub(crate) fn render(
    q: &Question,
    number: usize,
    cx: &Context,
    page: &mut Rendered,
    diags: &mut Vec<Diagnostic>,
) -> String {
    let mut h = String::new();
    match &q.kind {
        QuestionKind::CaseStudy {
            scenario,
            questions,
        } => {
            let id = escape(&q.id);
            let _ = writeln!(
                h,
                "<section class=\"quiz case-study\" id=\"{anchor}\" data-qid=\"{id}\">\n<h3 class=\"quiz-title\">Question {number} <span class=\"quiz-kind\">Case study</span></h3>\n<div class=\"scenario\">{}</div>",
                block(scenario, cx, page, diags),
                anchor = escape(&quiz_anchor(&q.id)),
            );
            if !q.prompt.trim().is_empty() {
                let _ = writeln!(
                    h,
                    "<div class=\"quiz-prompt\">{}</div>",
                    block(&q.prompt, cx, page, diags)
                );
            }
            for (i, sub) in questions.iter().enumerate() {
                h.push_str(&single(
                    sub,
                    &format!("{number}.{}", i + 1),
                    cx,
                    page,
                    diags,
                ));
            }
            let _ = writeln!(h, "<div class=\"case-explanation\"><details><summary>About this case</summary>{}</details></div>\n</section>", block(&q.explanation, cx, page, diags));
        }
        _ => h.push_str(&single(q, &number.to_string(), cx, page, diags)),
    }
    h
}

fn single(
    q: &Question,
    number: &str,
    cx: &Context,
    page: &mut Rendered,
    diags: &mut Vec<Diagnostic>,
) -> String {
    let id = escape(&q.id);
    let anchor = escape(&quiz_anchor(&q.id));
    let mut h = String::new();
    let _ = writeln!(
        h,
        "<section class=\"quiz\" id=\"{anchor}\" data-qid=\"{id}\" data-kind=\"{}\">\n<h3 class=\"quiz-title\">Question {number} <span class=\"quiz-kind\">{}</span></h3>\n<div class=\"quiz-prompt\" id=\"{anchor}-prompt\">{}</div>",
        q.kind.name(),
        kind_label(q),
        block(&q.prompt, cx, page, diags),
    );
    let mut answer = String::new();
    match &q.kind {
        QuestionKind::MultipleChoice { options } | QuestionKind::MultipleResponse { options } => {
            let multi = matches!(q.kind, QuestionKind::MultipleResponse { .. });
            let correct = options.iter().filter(|o| o.correct).count();
            let (input, hint) = if multi {
                ("checkbox", format!("Select {correct}."))
            } else {
                ("radio", "Select 1.".to_string())
            };
            let _ = writeln!(h, "<fieldset class=\"options\" aria-describedby=\"{anchor}-prompt\"><legend>Question {number}: {hint}</legend>\n<ul class=\"option-list\">");
            let _ = writeln!(
                answer,
                "<p class=\"answer-key\"><strong>Answer:</strong> {}</p>\n<ul class=\"whys\">",
                options
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| o.correct)
                    .map(|(i, _)| letter(i).to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            for (i, o) in options.iter().enumerate() {
                let text = inline(&o.text, cx, page, diags);
                let _ = writeln!(
                    h,
                    "<li class=\"option\"{}><label><input type=\"{input}\" name=\"{anchor}\" value=\"{i}\"> <span class=\"option-letter\">{}.</span> <span class=\"option-text\">{text}</span></label></li>",
                    if o.correct { " data-correct" } else { "" },
                    letter(i)
                );
                let verdict = if o.correct { "Correct" } else { "Incorrect" };
                let _ = writeln!(
                    answer,
                    "<li class=\"why\"><strong>{}. {verdict}.</strong> {}</li>",
                    letter(i),
                    inline(&o.why, cx, page, diags)
                );
            }
            h.push_str("</ul></fieldset>\n");
            answer.push_str("</ul>\n");
        }
        QuestionKind::Ordering { steps, distractors } => {
            let hint = match distractors.len() {
                0 => "Put the steps in order.".to_string(),
                1 => "Put the steps in order and leave out the 1 item that does not belong."
                    .to_string(),
                n => format!(
                    "Put the steps in order and leave out the {n} items that do not belong."
                ),
            };
            let _ = writeln!(h, "<fieldset class=\"ordering\" data-steps=\"{}\" aria-describedby=\"{anchor}-prompt\"><legend>Question {number}: {hint}</legend>\n<ol class=\"order-list\">", steps.len());
            answer.push_str("<p class=\"answer-key\"><strong>Answer, in order:</strong></p>\n<ol class=\"answer-order\">\n");
            let items: Vec<String> = steps
                .iter()
                .chain(distractors)
                .map(|s| inline(s, cx, page, diags))
                .collect();
            // Shown scrambled, so that a reader without JavaScript is not handed the answer;
            // `data-index` keeps each item's place in the answer.
            for i in scrambled(items.len(), &q.id) {
                let _ = writeln!(
                    h,
                    "<li class=\"step\" data-index=\"{i}\"><span class=\"step-text\">{}</span></li>",
                    items[i]
                );
            }
            for text in &items[..steps.len()] {
                let _ = writeln!(answer, "<li>{text}</li>");
            }
            h.push_str("</ol></fieldset>\n");
            answer.push_str("</ol>\n");
            if !distractors.is_empty() {
                let _ = writeln!(
                    answer,
                    "<p><strong>Not part of it:</strong> {}</p>",
                    items[steps.len()..].join("; ")
                );
            }
        }
        QuestionKind::Matching { pairs, extra_right } => {
            let _ = writeln!(h, "<fieldset class=\"matching\" aria-describedby=\"{anchor}-prompt\"><legend>Question {number}: choose the match for each item.</legend>\n<ul class=\"match-list\">");
            answer.push_str("<p class=\"answer-key\"><strong>Answer:</strong></p>\n<ul class=\"answer-pairs\">\n");
            let rights: Vec<String> = pairs
                .iter()
                .map(|p| p.right.clone())
                .chain(extra_right.iter().cloned())
                .collect();
            for (i, p) in pairs.iter().enumerate() {
                let left = inline(&p.left, cx, page, diags);
                let _ = write!(h, "<li class=\"match\"><label for=\"{anchor}-m{i}\"><span class=\"match-left\">{left}</span></label> <select id=\"{anchor}-m{i}\"><option value=\"\">Choose…</option>");
                for (j, r) in rights.iter().enumerate() {
                    let _ = write!(h, "<option value=\"{j}\">{}</option>", escape(&plain(r)));
                }
                h.push_str("</select></li>\n");
                let _ = writeln!(
                    answer,
                    "<li>{left} → {}</li>",
                    inline(&p.right, cx, page, diags)
                );
            }
            h.push_str("</ul></fieldset>\n");
            answer.push_str("</ul>\n");
        }
        QuestionKind::CaseStudy { .. } => {}
    }
    let _ = writeln!(
        h,
        "<details class=\"answer\"><summary>Show answer and explanation</summary>\n{answer}<div class=\"explanation\">{}</div>\n</details>\n</section>",
        block(&q.explanation, cx, page, diags)
    );
    h
}

/// A fixed order of `n` items, derived from the question id, that is never the answer's own
/// order (for `n > 1`). The same id gives the same order in every build.
fn scrambled(n: usize, id: &str) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut state = id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    for j in (1..n).rev() {
        // xorshift64: enough to scramble a handful of steps.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        order.swap(j, (state % (j as u64 + 1)) as usize);
    }
    if n > 1 && order.iter().enumerate().all(|(i, &v)| i == v) {
        order.rotate_left(1);
    }
    order
}

/// Markdown source reduced to plain text for attributes and `<option>` labels.
pub(crate) fn plain(text: &str) -> String {
    let mut out = String::new();
    for ev in pulldown_cmark::Parser::new(text) {
        if let pulldown_cmark::Event::Text(t) | pulldown_cmark::Event::Code(t) = ev {
            out.push_str(&t);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::scrambled;

    #[test]
    fn scrambled_is_a_fixed_permutation_that_is_never_the_answer() {
        for n in 2..8 {
            for id in [
                "a",
                "b",
                "t43-order",
                "x-1",
                "x-2",
                "x-3",
                "long-question-id-42",
            ] {
                let order = scrambled(n, id);
                let mut sorted = order.clone();
                sorted.sort_unstable();
                assert_eq!(sorted, (0..n).collect::<Vec<_>>(), "{n} {id}: {order:?}");
                assert_ne!(order, sorted, "{n} {id}: shown in the answer's order");
                assert_eq!(order, scrambled(n, id));
            }
        }
        assert_eq!(scrambled(1, "a"), vec![0]);
        assert!(scrambled(0, "a").is_empty());
    }
}
