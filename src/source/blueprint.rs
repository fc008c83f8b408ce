//! The exam blueprint (`content/blueprint.toml`): exam facts, domains with weights, task
//! statements and their Knowledge/Skill items. Parsed and validated here; every other stage
//! treats it as read-only reference data.

use crate::diagnostic::Diagnostic;
use crate::source::config::toml_diagnostic;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use toml::Spanned;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all(deserialize = "kebab-case"))]
pub(crate) struct Exam {
    pub(crate) code: String,
    pub(crate) name: String,
    pub(crate) scored_questions: u32,
    pub(crate) unscored_questions: u32,
    /// Questions in a full practice exam.
    pub(crate) total_questions: u32,
    pub(crate) minutes: u32,
    pub(crate) passing_score: u32,
    pub(crate) score_min: u32,
    pub(crate) score_max: u32,
    pub(crate) in_use_until: Option<String>,
    pub(crate) successor: Option<String>,
    pub(crate) successor_from: Option<String>,
    // The facts below are left out of the output when unset, so a guide that does not use
    // them is built byte for byte as before (the question bank carries the exam facts).
    /// First day the version is given (exam versions, see `exams`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) in_use_from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) predecessor: Option<String>,
    /// The question formats the exam uses (`multiple-choice`, …); empty: all five.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) question_formats: Vec<String>,
    /// Names of the facts above that no official source confirms (`minutes`, …).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) unconfirmed: Vec<String>,
    /// This version's coverage minimums, over book.toml's `[coverage]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) min_item_pages: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) min_item_questions: Option<usize>,
}

impl Default for Exam {
    fn default() -> Self {
        Exam {
            code: String::new(),
            name: String::new(),
            scored_questions: 0,
            unscored_questions: 0,
            total_questions: 65,
            minutes: 130,
            passing_score: 0,
            score_min: 0,
            score_max: 0,
            in_use_until: None,
            successor: None,
            successor_from: None,
            in_use_from: None,
            predecessor: None,
            question_formats: Vec::new(),
            unconfirmed: Vec::new(),
            min_item_pages: None,
            min_item_questions: None,
        }
    }
}

/// Which list of a task statement an item belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// A "Knowledge of" item.
    Knowledge,
    /// A "Skills in" item.
    Skill,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Item {
    pub(crate) id: String,
    pub(crate) text: String,
    pub(crate) kind: ItemKind,
    /// The wording is not the official text (e.g. a condensed third-party copy).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(crate) unconfirmed: bool,
    /// Line and column of the item's id in the blueprint file, for diagnostics about it.
    #[serde(skip)]
    pub(crate) place: (usize, usize),
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Task {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) items: Vec<Item>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Domain {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) weight: u32,
    pub(crate) tasks: Vec<Task>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Blueprint {
    pub(crate) exam: Exam,
    pub(crate) domains: Vec<Domain>,
    /// The file it was read from, as shown in diagnostics.
    #[serde(skip)]
    pub(crate) path: String,
}

impl Blueprint {
    pub(crate) fn tasks(&self) -> impl Iterator<Item = (&Domain, &Task)> {
        self.domains
            .iter()
            .flat_map(|d| d.tasks.iter().map(move |t| (d, t)))
    }

    pub(crate) fn items(&self) -> impl Iterator<Item = (&Task, &Item)> {
        self.tasks()
            .flat_map(|(_, t)| t.items.iter().map(move |i| (t, i)))
    }

    pub(crate) fn domain(&self, id: &str) -> Option<&Domain> {
        self.domains.iter().find(|d| d.id == id)
    }

    pub(crate) fn task(&self, id: &str) -> Option<&Task> {
        self.tasks().map(|(_, t)| t).find(|t| t.id == id)
    }

    /// Whether an item with this id exists.
    pub(crate) fn has_item(&self, id: &str) -> bool {
        self.items().any(|(_, i)| i.id == id)
    }

    /// The task id an item id belongs to (`1.1.K2` -> `1.1`), if the item exists.
    pub(crate) fn task_of_item(&self, id: &str) -> Option<&Task> {
        self.items().find(|(_, i)| i.id == id).map(|(t, _)| t)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBlueprint {
    #[serde(default)]
    exam: Exam,
    #[serde(default)]
    domain: Vec<RawDomain>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDomain {
    id: Spanned<String>,
    title: String,
    weight: u32,
    #[serde(default)]
    task: Vec<RawTask>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTask {
    id: Spanned<String>,
    title: String,
    #[serde(default)]
    knowledge: Vec<RawItem>,
    #[serde(default)]
    skills: Vec<RawItem>,
    /// Numbered items without a Knowledge/Skill split (`1.1.1`), counted as skills.
    #[serde(default)]
    items: Vec<RawItem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    id: Spanned<String>,
    text: String,
    #[serde(default)]
    unconfirmed: bool,
}

/// Parses and validates the blueprint. Returns what could be read even when there are errors,
/// so later stages can go on and report their own problems.
pub(crate) fn parse(path: &str, text: &str) -> (Blueprint, Vec<Diagnostic>) {
    match read(path, text) {
        Ok(read) => read,
        Err(d) => (Blueprint::default(), vec![d]),
    }
}

/// Parses and validates the blueprint; `Err` when it is not valid TOML or does not fit the
/// blueprint's keys, so nothing of it can be used.
pub(crate) fn read(path: &str, text: &str) -> Result<(Blueprint, Vec<Diagnostic>), Diagnostic> {
    let raw: RawBlueprint =
        toml::from_str(text).map_err(|e| toml_diagnostic("E020", path, text, 0, &e))?;
    let mut diags = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut check_id = |id: &Spanned<String>, expected: &str, diags: &mut Vec<Diagnostic>| {
        let start = id.span().start;
        if !is_valid_id(id.get_ref(), expected) {
            diags.push(
                Diagnostic::error(
                    "E021",
                    path,
                    format!("id `{}` should look like `{expected}`", id.get_ref()),
                )
                .at(text, start),
            );
        }
        if let Some(first) = seen.get(id.get_ref()) {
            let (line, ..) = crate::diagnostic::locate(text, *first);
            diags.push(
                Diagnostic::error(
                    "E022",
                    path,
                    format!(
                        "duplicate blueprint id `{}` (first defined on line {line})",
                        id.get_ref()
                    ),
                )
                .at(text, start),
            );
        } else {
            seen.insert(id.get_ref().clone(), start);
        }
    };
    let mut blueprint = Blueprint {
        exam: raw.exam,
        domains: Vec::new(),
        path: path.to_string(),
    };
    for d in raw.domain {
        check_id(&d.id, "N", &mut diags);
        let mut domain = Domain {
            id: d.id.get_ref().clone(),
            title: d.title,
            weight: d.weight,
            tasks: Vec::new(),
        };
        for t in d.task {
            check_id(&t.id, &format!("{}.N", domain.id), &mut diags);
            let mut task = Task {
                id: t.id.get_ref().clone(),
                title: t.title,
                items: Vec::new(),
            };
            for (list, letter, kind) in [
                (t.knowledge, "K", ItemKind::Knowledge),
                (t.skills, "S", ItemKind::Skill),
                (t.items, "", ItemKind::Skill),
            ] {
                for item in list {
                    check_id(&item.id, &format!("{}.{letter}N", task.id), &mut diags);
                    let (line, column, _) = crate::diagnostic::locate(text, item.id.span().start);
                    task.items.push(Item {
                        id: item.id.into_inner(),
                        text: item.text,
                        kind,
                        unconfirmed: item.unconfirmed,
                        place: (line, column),
                    });
                }
            }
            domain.tasks.push(task);
        }
        blueprint.domains.push(domain);
    }
    let total: u32 = blueprint.domains.iter().map(|d| d.weight).sum();
    if !blueprint.domains.is_empty() && total != 100 {
        diags.push(Diagnostic::warning(
            "W020",
            path,
            format!("domain weights add up to {total}, not 100"),
        ));
    }
    Ok((blueprint, diags))
}

/// Does `id` match `pattern`, where `N` stands for a positive number?
fn is_valid_id(id: &str, pattern: &str) -> bool {
    let (prefix, letter) = match pattern.rsplit_once('.') {
        Some((p, last)) => (Some(p), last.trim_end_matches('N')),
        None => (None, ""),
    };
    let rest = match prefix {
        Some(p) => match id.strip_prefix(p).and_then(|r| r.strip_prefix('.')) {
            Some(r) => r,
            None => return false,
        },
        None => id,
    };
    let Some(num) = rest.strip_prefix(letter) else {
        return false;
    };
    !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()) && !num.starts_with('0')
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = r#"
[exam]
code = "X"
[[domain]]
id = "1"
title = "D"
weight = 100
[[domain.task]]
id = "1.1"
title = "T"
knowledge = [ { id = "1.1.K1", text = "k" } ]
skills = [ { id = "1.1.S1", text = "s" }, { id = "1.1.S1", text = "again" } ]
"#;

    #[test]
    fn ids_are_checked() {
        assert!(is_valid_id("1", "N"));
        assert!(is_valid_id("1.2", "1.N"));
        assert!(is_valid_id("1.2.K10", "1.2.KN"));
        assert!(!is_valid_id("1.2.S1", "1.2.KN"));
        assert!(!is_valid_id("2.2", "1.N"));
        assert!(!is_valid_id("1.x", "1.N"));
        assert!(!is_valid_id("1.01", "1.N"));
    }

    #[test]
    fn duplicate_item_reported_at_second() {
        let (bp, diags) = parse("content/blueprint.toml", SMALL);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].code, "E022");
        assert_eq!(diags[0].line, 12);
        assert!(diags[0].message.contains("first defined on line 12"));
        assert_eq!(bp.domains[0].tasks[0].items.len(), 3);
        assert_eq!(
            bp.task_of_item("1.1.K1").map(|t| t.id.as_str()),
            Some("1.1")
        );
    }
}
