//! Questions: the five formats of the real exam as one enum, parsed from `[[quiz]]` in a page's
//! front matter and validated against the exam's rules. Rendering lives in `render`; rules
//! that need the whole guide (unique ids, blueprint ids, answer-position bias) live in `check`.

use crate::diagnostic::Diagnostic;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use toml::Spanned;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct Choice {
    pub(crate) text: String,
    pub(crate) correct: bool,
    pub(crate) why: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct Pair {
    pub(crate) left: String,
    pub(crate) right: String,
}

/// What kind of question, and the parts only that kind has.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub(crate) enum QuestionKind {
    /// Exactly one correct of four.
    MultipleChoice { options: Vec<Choice> },
    /// Two or more correct of five or more.
    MultipleResponse { options: Vec<Choice> },
    /// 3-5 steps in the correct order, plus steps that do not belong.
    Ordering {
        steps: Vec<String>,
        distractors: Vec<String>,
    },
    /// 3-7 left/right pairs, plus right-hand choices that match nothing.
    Matching {
        pairs: Vec<Pair>,
        extra_right: Vec<String>,
    },
    /// A scenario with two or more questions of the other kinds, each scored on its own.
    CaseStudy {
        scenario: String,
        questions: Vec<Question>,
    },
}

impl QuestionKind {
    pub(crate) fn name(&self) -> &'static str {
        match self {
            QuestionKind::MultipleChoice { .. } => "multiple-choice",
            QuestionKind::MultipleResponse { .. } => "multiple-response",
            QuestionKind::Ordering { .. } => "ordering",
            QuestionKind::Matching { .. } => "matching",
            QuestionKind::CaseStudy { .. } => "case-study",
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct Question {
    pub(crate) id: String,
    pub(crate) covers: Vec<String>,
    pub(crate) prompt: String,
    pub(crate) explanation: String,
    #[serde(flatten)]
    pub(crate) kind: QuestionKind,
    /// Byte offset of the question's table in the page file (for diagnostics).
    #[serde(skip)]
    pub(crate) offset: usize,
}

impl Question {
    /// This question and, for a case study, its sub-questions: every scored unit.
    pub(crate) fn scored(&self) -> Vec<&Question> {
        match &self.kind {
            QuestionKind::CaseStudy { questions, .. } => questions.iter().collect(),
            _ => vec![self],
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawQuestion {
    id: Option<String>,
    kind: Option<String>,
    #[serde(default)]
    covers: Vec<String>,
    prompt: Option<String>,
    explanation: Option<String>,
    #[serde(default)]
    options: Vec<RawChoice>,
    #[serde(default)]
    steps: Vec<String>,
    #[serde(default)]
    distractors: Vec<String>,
    #[serde(default)]
    pairs: Vec<RawPair>,
    #[serde(default)]
    extra_right: Vec<String>,
    scenario: Option<String>,
    #[serde(default)]
    questions: Vec<Spanned<RawQuestion>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChoice {
    text: String,
    #[serde(default)]
    correct: bool,
    why: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPair {
    left: String,
    right: String,
}

/// Where diagnostics about a question go: the page file and the byte offset of the question.
pub(crate) struct Place<'a> {
    pub(crate) path: &'a str,
    pub(crate) text: &'a str,
    /// Offset of the front matter's TOML inside the file.
    pub(crate) base: usize,
}

/// Is `id` a valid question id: lower-case ASCII letters, digits and `-`, starting with a letter?
pub(crate) fn is_valid_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.ends_with('-')
        && !id.contains("--")
}

/// How many answers a multiple-response prompt tells the reader to pick, as in the exam's
/// "(Select TWO.)": the phrase as written and the number. `None` when the prompt does not say.
pub(crate) fn stated_count(prompt: &str) -> Option<(&str, usize)> {
    const NUMBERS: [&str; 9] = [
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    let words: Vec<(usize, &str)> = prompt
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| (w.as_ptr() as usize - prompt.as_ptr() as usize, w))
        .collect();
    for pair in words.windows(2) {
        let [(start, verb), (num_at, num)] = [pair[0], pair[1]];
        if !["select", "choose", "pick"]
            .iter()
            .any(|v| v.eq_ignore_ascii_case(verb))
        {
            continue;
        }
        let n = NUMBERS
            .iter()
            .position(|w| w.eq_ignore_ascii_case(num))
            .map(|i| i + 2)
            .or_else(|| num.parse().ok());
        if let Some(n) = n {
            return Some((&prompt[start..num_at + num.len()], n));
        }
    }
    None
}

/// Validates one raw question; returns it when it is well-formed enough to render.
pub(crate) fn validate(
    raw: &Spanned<RawQuestion>,
    place: &Place,
    nested: bool,
    diags: &mut Vec<Diagnostic>,
) -> Option<Question> {
    let offset = place.base + raw.span().start;
    let q = raw.get_ref();
    let before = diags.len();
    let label = q.id.clone().unwrap_or_else(|| "question".into());
    let mut err = |message: String| {
        diags.push(Diagnostic::error("E040", place.path, message).at(place.text, offset))
    };

    let id = match &q.id {
        None => {
            err("question has no `id`; add a stable id such as `id = \"ingest-formats-1\"`".into());
            String::new()
        }
        Some(id) if !is_valid_id(id) => {
            err(format!("question id `{id}` must use lower-case letters, digits and single hyphens, starting with a letter"));
            id.clone()
        }
        Some(id) => id.clone(),
    };
    let explanation = q.explanation.clone().unwrap_or_else(|| {
        err(format!(
            "`{label}` has no `explanation`; say why the answer is right"
        ));
        String::new()
    });
    let kind_name = q.kind.as_deref().unwrap_or("");
    let is_case = kind_name == "case-study";
    let prompt = match (&q.prompt, is_case) {
        (Some(p), _) if !p.trim().is_empty() => p.clone(),
        (_, true) => q.prompt.clone().unwrap_or_default(),
        _ => {
            err(format!("`{label}` has no `prompt`"));
            String::new()
        }
    };
    if q.covers.is_empty() && !is_case {
        err(format!("`{label}` has no `covers`; name the blueprint items it tests, e.g. `covers = [\"1.1.K1\"]`"));
    }
    // Fields that belong to other kinds are a sign of a mistake.
    let stray = |present: bool, field: &str, kinds: &str| {
        present.then(|| format!("`{label}`: `{field}` is only used by {kinds} questions"))
    };
    let mut strays = vec![
        stray(
            !q.options.is_empty() && !matches!(kind_name, "multiple-choice" | "multiple-response"),
            "options",
            "multiple-choice and multiple-response",
        ),
        stray(
            !q.steps.is_empty() && kind_name != "ordering",
            "steps",
            "ordering",
        ),
        stray(
            !q.distractors.is_empty() && kind_name != "ordering",
            "distractors",
            "ordering",
        ),
        stray(
            !q.pairs.is_empty() && kind_name != "matching",
            "pairs",
            "matching",
        ),
        stray(
            !q.extra_right.is_empty() && kind_name != "matching",
            "extra_right",
            "matching",
        ),
        stray(q.scenario.is_some() && !is_case, "scenario", "case-study"),
        stray(
            !q.questions.is_empty() && !is_case,
            "questions",
            "case-study",
        ),
    ];
    let known_kind = matches!(
        kind_name,
        "multiple-choice" | "multiple-response" | "ordering" | "matching" | "case-study"
    );
    if !known_kind {
        strays.clear();
    }
    for m in strays.drain(..).flatten() {
        err(m);
    }

    let kind = match kind_name {
        "multiple-choice" | "multiple-response" => {
            let options = choices(&q.options, &label, &mut err);
            let correct = options.iter().filter(|o| o.correct).count();
            if kind_name == "multiple-choice" {
                if options.len() != 4 || correct != 1 {
                    err(format!(
                        "multiple-choice `{label}` needs exactly 4 options with 1 correct (as in the exam); it has {} with {correct} correct",
                        options.len()
                    ));
                }
                QuestionKind::MultipleChoice { options }
            } else {
                if options.len() < 5 || correct < 2 {
                    err(format!(
                        "multiple-response `{label}` needs 5 or more options with 2 or more correct; it has {} with {correct} correct",
                        options.len()
                    ));
                }
                if let Some((said, n)) = stated_count(&prompt).filter(|&(_, n)| n != correct) {
                    err(format!(
                        "multiple-response `{label}`: the prompt says \"{said}\" but {correct} options are marked correct; mark {n} correct or change the prompt"
                    ));
                }
                QuestionKind::MultipleResponse { options }
            }
        }
        "ordering" => {
            if !(3..=5).contains(&q.steps.len()) {
                err(format!(
                    "ordering `{label}` needs 3 to 5 steps; it has {}",
                    q.steps.len()
                ));
            }
            let all: Vec<&String> = q.steps.iter().chain(&q.distractors).collect();
            texts_ok(&all, "step", &label, &mut err);
            QuestionKind::Ordering {
                steps: q.steps.clone(),
                distractors: q.distractors.clone(),
            }
        }
        "matching" => {
            if !(3..=7).contains(&q.pairs.len()) {
                err(format!(
                    "matching `{label}` needs 3 to 7 pairs; it has {}",
                    q.pairs.len()
                ));
            }
            let lefts: Vec<&String> = q.pairs.iter().map(|p| &p.left).collect();
            texts_ok(&lefts, "left-hand item", &label, &mut err);
            let rights: Vec<&String> = q
                .pairs
                .iter()
                .map(|p| &p.right)
                .chain(&q.extra_right)
                .collect();
            texts_ok(&rights, "right-hand item", &label, &mut err);
            let pairs = q
                .pairs
                .iter()
                .map(|p| Pair {
                    left: p.left.clone(),
                    right: p.right.clone(),
                })
                .collect();
            QuestionKind::Matching {
                pairs,
                extra_right: q.extra_right.clone(),
            }
        }
        "case-study" => {
            if nested {
                err(format!("case study `{label}` is inside another case study; case studies cannot be nested"));
            }
            let scenario = q
                .scenario
                .clone()
                .filter(|s| !s.trim().is_empty())
                .unwrap_or_else(|| {
                    err(format!("case study `{label}` has no `scenario`"));
                    String::new()
                });
            if q.questions.len() < 2 {
                err(format!(
                    "case study `{label}` needs 2 or more `[[quiz.questions]]`; it has {}",
                    q.questions.len()
                ));
            }
            let questions: Vec<Question> = q
                .questions
                .iter()
                .filter_map(|sub| validate(sub, place, true, diags))
                .collect();
            QuestionKind::CaseStudy {
                scenario,
                questions,
            }
        }
        "" => {
            diags.push(
                Diagnostic::error(
                    "E040",
                    place.path,
                    format!("`{label}` has no `kind`; use one of {KINDS}"),
                )
                .at(place.text, offset),
            );
            return None;
        }
        other => {
            diags.push(
                Diagnostic::error(
                    "E040",
                    place.path,
                    format!("`{label}` has unknown kind `{other}`; use one of {KINDS}"),
                )
                .at(place.text, offset),
            );
            return None;
        }
    };
    if diags.len() > before {
        return None;
    }
    let mut covers = q.covers.clone();
    if let QuestionKind::CaseStudy { questions, .. } = &kind {
        for sub in questions {
            for c in &sub.covers {
                if !covers.contains(c) {
                    covers.push(c.clone());
                }
            }
        }
    }
    Some(Question {
        id,
        covers,
        prompt,
        explanation,
        kind,
        offset,
    })
}

const KINDS: &str = "multiple-choice, multiple-response, ordering, matching, case-study";

fn choices(raw: &[RawChoice], label: &str, err: &mut impl FnMut(String)) -> Vec<Choice> {
    let texts: Vec<&String> = raw.iter().map(|o| &o.text).collect();
    texts_ok(&texts, "option", label, err);
    raw.iter()
        .enumerate()
        .map(|(i, o)| {
            let why = o
                .why
                .clone()
                .filter(|w| !w.trim().is_empty())
                .unwrap_or_else(|| {
                    err(format!(
                        "option {} of `{label}` has no `why`; say why it is right or wrong",
                        i + 1
                    ));
                    String::new()
                });
            Choice {
                text: o.text.clone(),
                correct: o.correct,
                why,
            }
        })
        .collect()
}

/// No empty and no repeated texts in a list of options, steps or match items.
fn texts_ok(texts: &[&String], what: &str, label: &str, err: &mut impl FnMut(String)) {
    let mut seen = HashSet::new();
    for (i, t) in texts.iter().enumerate() {
        let key = t.trim().to_lowercase();
        if key.is_empty() {
            err(format!("{what} {} of `{label}` is empty", i + 1));
        } else if !seen.insert(key) {
            err(format!("{what} `{}` of `{label}` appears twice", t.trim()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stated_counts_are_read_as_the_exam_writes_them() {
        assert_eq!(
            stated_count("Which? (Select TWO.)"),
            Some(("Select TWO", 2))
        );
        assert_eq!(stated_count("choose 3 answers"), Some(("choose 3", 3)));
        assert_eq!(stated_count("Pick three."), Some(("Pick three", 3)));
        assert_eq!(stated_count("Select the best options."), None);
        assert_eq!(stated_count("Which two?"), None);
        assert_eq!(
            stated_count("İẞ select ﬁve (Select FIVE.)"),
            Some(("Select FIVE", 5))
        );
    }

    #[derive(Deserialize)]
    struct Fm {
        quiz: Vec<Spanned<RawQuestion>>,
    }

    fn run(toml_text: &str) -> (Vec<Question>, Vec<Diagnostic>) {
        let fm: Fm = toml::from_str(toml_text).unwrap();
        let place = Place {
            path: "p.md",
            text: toml_text,
            base: 0,
        };
        let mut diags = Vec::new();
        let qs = fm
            .quiz
            .iter()
            .filter_map(|q| validate(q, &place, false, &mut diags))
            .collect();
        (qs, diags)
    }

    const MC: &str = r#"
[[quiz]]
id = "a-1"
kind = "multiple-choice"
covers = ["1.1.K1"]
prompt = "P"
explanation = "E"
options = [
  { text = "A", correct = true, why = "w" },
  { text = "B", why = "w" },
  { text = "C", why = "w" },
  { text = "D", why = "w" },
]
"#;

    #[test]
    fn valid_multiple_choice() {
        let (qs, diags) = run(MC);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(qs[0].kind.name(), "multiple-choice");
    }

    #[test]
    fn multiple_choice_with_two_correct_is_rejected_at_its_line() {
        let (qs, diags) = run(&MC.replace(r#""B", why"#, r#""B", correct = true, why"#));
        assert!(qs.is_empty());
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].line, 2);
        assert!(
            diags[0]
                .message
                .contains("exactly 4 options with 1 correct"),
            "{}",
            diags[0].message
        );
    }

    #[test]
    fn duplicate_and_empty_options_and_missing_why() {
        let (_, diags) = run(&MC
            .replace(r#""C", why = "w""#, r#""a""#)
            .replace(r#""D""#, r#""  ""#));
        let msgs: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
        assert!(
            msgs.iter()
                .any(|m| m.contains("option `a` of `a-1` appears twice")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("option 4 of `a-1` is empty")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("option 3 of `a-1` has no `why`")),
            "{msgs:?}"
        );
    }

    #[test]
    fn ordering_and_matching_counts() {
        let t = r#"
[[quiz]]
id = "o"
kind = "ordering"
covers = ["x"]
prompt = "P"
explanation = "E"
steps = ["a", "b"]

[[quiz]]
id = "m"
kind = "matching"
covers = ["x"]
prompt = "P"
explanation = "E"
pairs = [{ left = "a", right = "1" }, { left = "b", right = "2" }, { left = "c", right = "3" }]
extra_right = ["2"]
"#;
        let (_, diags) = run(t);
        assert_eq!(diags.len(), 2, "{diags:?}");
        assert!(diags[0].message.contains("3 to 5 steps; it has 2"));
        assert_eq!(diags[1].line, 10);
        assert!(diags[1]
            .message
            .contains("right-hand item `2` of `m` appears twice"));
    }

    #[test]
    fn case_study_rules() {
        let t = r#"
[[quiz]]
id = "cs"
kind = "case-study"
scenario = "S"
explanation = "E"

  [[quiz.questions]]
  id = "cs-inner"
  kind = "case-study"
  scenario = "S"
  explanation = "E"
"#;
        let (_, diags) = run(t);
        let msgs: Vec<String> = diags
            .iter()
            .map(|d| format!("{}:{}", d.line, d.message))
            .collect();
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("2:") && m.contains("needs 2 or more")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("8:") && m.contains("cannot be nested")),
            "{msgs:?}"
        );
    }

    #[test]
    fn ids() {
        assert!(is_valid_id("t11-parquet"));
        assert!(!is_valid_id("T11"));
        assert!(!is_valid_id("1abc"));
        assert!(!is_valid_id("a--b"));
        assert!(!is_valid_id("a_b"));
    }
}
