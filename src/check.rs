//! Check: the rules that need the whole guide — anchors on other pages, question ids unique
//! across the guide, blueprint ids in `covers`, inline question markers, and warnings for
//! answer keys a reader could guess from position or length.

use crate::diagnostic::{Diagnostic, Locator};
use crate::model::Guide;
use crate::source::quiz::{Question, QuestionKind};
use std::collections::{HashMap, HashSet};

pub(crate) fn check(guide: &Guide) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    anchors(guide, &mut diags);
    questions(guide, &mut diags);
    covers(guide, &mut diags);
    answer_bias(guide, &mut diags);
    diags
}

fn anchors(guide: &Guide, diags: &mut Vec<Diagnostic>) {
    let by_out: HashMap<&str, usize> = guide
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.out.as_str(), i))
        .collect();
    for page in &guide.pages {
        // One line index per page with broken anchors: placing each by a scan from the top
        // was quadratic (50,000 broken anchors: seconds).
        let locator = std::cell::OnceCell::new();
        for link in &page.body.links {
            let (Some(anchor), Some(&target)) =
                (&link.target.anchor, by_out.get(link.target.page.as_str()))
            else {
                continue;
            };
            let target = &guide.pages[target];
            let known = target.body.anchors.contains(anchor)
                || crate::model::ids::quiz_of_anchor(anchor)
                    .is_some_and(|id| target.src.quizzes.iter().any(|q| q.id == id));
            if !known {
                let d = Diagnostic::error(
                    "E031",
                    &page.src.display,
                    format!(
                        "broken anchor: `#{anchor}` is not a heading, term or question on `{}`",
                        target.src.display
                    ),
                );
                let locator = locator.get_or_init(|| Locator::new(&page.src.text));
                diags.push(locator.place(d, link.offset));
            }
        }
    }
}

fn questions(guide: &Guide, diags: &mut Vec<Diagnostic>) {
    // Where each id was first seen: the page and the offset (lines are counted only for a
    // duplicate, as counting them for every question was most of this check's time).
    let mut seen: HashMap<&str, (&crate::model::Page, usize)> = HashMap::new();
    for page in &guide.pages {
        let all = page
            .src
            .quizzes
            .iter()
            .flat_map(|q| std::iter::once(q).chain(sub_questions(q)));
        for q in all {
            if let Some((first, offset)) = seen.get(q.id.as_str()) {
                let path = &first.src.display;
                let line = crate::diagnostic::locate(&first.src.text, *offset).0;
                diags.push(
                    Diagnostic::error("E041", &page.src.display, format!("question id `{}` is already used in {path}:{line}; ids must be unique in the guide", q.id))
                        .at(&page.src.text, q.offset),
                );
            } else {
                seen.insert(&q.id, (page, q.offset));
            }
        }
        let own: HashSet<&str> = page.src.quizzes.iter().map(|q| q.id.as_str()).collect();
        let mut placed = HashSet::new();
        for (id, offset) in &page.body.quiz_markers {
            let message = if !own.contains(id.as_str()) {
                format!("`<!-- quiz: {id} -->` names no question of this page")
            } else if !placed.insert(id.as_str()) {
                format!("question `{id}` is placed twice on this page")
            } else {
                continue;
            };
            diags.push(
                Diagnostic::error("E043", &page.src.display, message).at(&page.src.text, *offset),
            );
        }
    }
}

/// The sub-questions of a case study (none for the other kinds).
pub(crate) fn sub_questions(q: &Question) -> impl Iterator<Item = &Question> {
    match &q.kind {
        QuestionKind::CaseStudy { questions, .. } => questions.iter(),
        _ => [].iter(),
    }
}

fn covers(guide: &Guide, diags: &mut Vec<Diagnostic>) {
    if guide.absent.blueprint.is_some() {
        // Nothing is known to the blueprint: counted in its note instead.
        return;
    }
    let known = &guide.links.items;
    for page in &guide.pages {
        for c in &page.src.front.covers {
            if !known.contains(&c.value) && !guide.exams.has_item(&c.value) {
                diags.push(
                    Diagnostic::error(
                        "E042",
                        &page.src.display,
                        format!(
                            "`covers` names `{}`, which is not a blueprint item",
                            c.value
                        ),
                    )
                    .at(&page.src.text, c.offset),
                );
            }
        }
        for q in page
            .src
            .quizzes
            .iter()
            .flat_map(|q| std::iter::once(q).chain(sub_questions(q)))
        {
            for c in q
                .covers
                .iter()
                .filter(|c| !known.contains(*c) && !guide.exams.has_item(c))
            {
                diags.push(
                    Diagnostic::error(
                        "E042",
                        &page.src.display,
                        format!(
                            "question `{}` covers `{c}`, which is not a blueprint item",
                            q.id
                        ),
                    )
                    .at(&page.src.text, q.offset),
                );
            }
        }
    }
}

/// Warns when every single-answer question has its key in the same position, or as the
/// longest option, and for each question whose key is at least 1.3 times as long as every
/// distractor: a reader learns the pattern, not the subject.
fn answer_bias(guide: &Guide, diags: &mut Vec<Diagnostic>) {
    let mut positions = HashSet::new();
    let mut always_longest = true;
    let mut count = 0;
    let mut first: Option<(&str, &str, usize)> = None;
    for page in &guide.pages {
        for q in page
            .src
            .quizzes
            .iter()
            .flat_map(|q| std::iter::once(q).chain(sub_questions(q)))
        {
            let QuestionKind::MultipleChoice { options } = &q.kind else {
                continue;
            };
            let Some(key) = options.iter().position(|o| o.correct) else {
                continue;
            };
            count += 1;
            positions.insert(key);
            let longest = options
                .iter()
                .map(|o| o.text.chars().count())
                .max()
                .unwrap_or(0);
            let key_len = options[key].text.chars().count();
            let strictly = options
                .iter()
                .enumerate()
                .all(|(i, o)| i == key || o.text.chars().count() < key_len);
            always_longest &= key_len == longest && strictly;
            // Per question: the key is longer than every distractor by 30% or more.
            let distractor = options
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != key)
                .map(|(_, o)| o.text.chars().count())
                .max()
                .unwrap_or(0);
            if distractor > 0 && key_len * 10 >= distractor * 13 {
                diags.push(
                    Diagnostic::warning(
                        "W042",
                        &page.src.display,
                        format!(
                            "question `{}`: the correct option is {:.1}x as long as the longest distractor ({key_len} against {distractor} characters); readers can guess by length",
                            q.id,
                            key_len as f64 / distractor as f64
                        ),
                    )
                    .at(&page.src.text, q.offset),
                );
            }
            first.get_or_insert((&page.src.display, &page.src.text, q.offset));
        }
    }
    let Some((path, text, offset)) = first else {
        return;
    };
    if count >= 4 && positions.len() == 1 {
        let pos = positions.iter().next().copied().unwrap_or(0) + 1;
        diags.push(Diagnostic::warning("W040", path, format!("the correct option is option {pos} in all {count} multiple-choice questions; vary its position")).at(text, offset));
    }
    if count >= 4 && always_longest {
        diags.push(Diagnostic::warning("W041", path, format!("the correct option is the longest in all {count} multiple-choice questions; readers can guess by length")).at(text, offset));
    }
}
