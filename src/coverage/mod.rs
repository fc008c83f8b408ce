//! Coverage: for every domain, task and Knowledge/Skill item of the blueprint, the pages whose
//! `covers` name it and the questions that test it. Computed once from the guide; the
//! coverage page, `coverage.json` and the `coverage` command all read this one model.
//!
//! A question counts toward every item in its `covers`; for domain and task totals it belongs
//! to the task of its first `covers` item. Case studies count as their sub-questions, since
//! each is scored on its own.

pub(crate) mod versions;

use crate::diagnostic::Diagnostic;
use crate::model::Guide;
use crate::source::blueprint::Blueprint;
pub use crate::source::blueprint::ItemKind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A page that teaches an item or task.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PageRef {
    /// The page's title.
    pub title: String,
    /// Output path, relative to the site root (`domain-1/1-1-ingest.html`).
    pub path: String,
}

/// One Knowledge or Skill item: its pages and questions.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ItemCoverage {
    /// Item id (`1.1.K2`).
    pub id: String,
    /// Knowledge or skill.
    pub kind: ItemKind,
    /// The item's wording from the blueprint.
    pub text: String,
    /// The wording is not the official text.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unconfirmed: bool,
    /// Pages whose `covers` name the item.
    pub pages: Vec<PageRef>,
    /// Questions whose `covers` name the item.
    pub questions: usize,
    /// Questions by kind (`multiple-choice`, …).
    pub questions_by_kind: BTreeMap<String, usize>,
}

/// One task statement: its page, questions and items.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TaskCoverage {
    /// Task id (`1.1`).
    pub id: String,
    /// The task statement.
    pub title: String,
    /// The task's page, if one has `task = "…"`.
    pub page: Option<PageRef>,
    /// Questions that belong to this task (by their first `covers` item).
    pub questions: usize,
    /// Items of this task.
    pub items_total: usize,
    /// Of those, items taught on at least one page.
    pub items_with_pages: usize,
    /// Of those, items tested by at least one question.
    pub items_with_questions: usize,
    /// Every item, in blueprint order.
    pub items: Vec<ItemCoverage>,
}

/// One domain: its weight, questions and tasks.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DomainCoverage {
    /// Domain id (`1`).
    pub id: String,
    /// The domain's title.
    pub title: String,
    /// Exam weight, percent.
    pub weight: u32,
    /// Questions that belong to the domain's tasks.
    pub questions: usize,
    /// This domain's share of the guide's questions, percent (one decimal).
    pub question_share: f64,
    /// Items of this domain.
    pub items_total: usize,
    /// Of those, items taught on at least one page.
    pub items_with_pages: usize,
    /// Of those, items tested by at least one question.
    pub items_with_questions: usize,
    /// Every task, in blueprint order.
    pub tasks: Vec<TaskCoverage>,
}

/// The coverage report of a whole guide: the `coverage.json` schema.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Coverage {
    /// Version of this JSON layout; bumped when a field changes meaning.
    pub schema: u32,
    /// The exam code (`MLA-C01`).
    pub exam: String,
    /// Exam facts no official source confirms (only for versions that say so).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unconfirmed: Vec<String>,
    /// Questions in the guide.
    pub questions: usize,
    /// Items in the blueprint.
    pub items_total: usize,
    /// Items taught on at least one page.
    pub items_with_pages: usize,
    /// Items tested by at least one question.
    pub items_with_questions: usize,
    /// Every domain, in blueprint order.
    pub domains: Vec<DomainCoverage>,
}

impl Coverage {
    /// Computes the report from the guide's `covers` lists.
    pub fn compute(guide: &Guide) -> Coverage {
        Coverage::compute_for(guide, &guide.blueprint)
    }

    /// Coverage of exam version `bp` (the default or one of `guide.exams`): each page and
    /// question counts toward the items it covers in that version (see `exams::covers_in`).
    pub(crate) fn compute_for(guide: &Guide, bp: &Blueprint) -> Coverage {
        let default = guide.blueprint.exam.code.as_str();
        let code = bp.exam.code.as_str();
        let in_version = |covers: Vec<&str>| -> Vec<String> {
            if code == default && guide.exams.is_empty() {
                return covers.into_iter().map(str::to_string).collect();
            }
            guide.exams.covers_in(default, code, covers.into_iter())
        };
        let mut item_pages: BTreeMap<String, Vec<PageRef>> = BTreeMap::new();
        let mut item_questions: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
        let mut task_questions: BTreeMap<String, usize> = BTreeMap::new();
        for &i in &guide.order {
            let page = &guide.pages[i];
            let r = PageRef {
                title: page.src.front.title.clone(),
                path: page.out.clone(),
            };
            for c in in_version(
                page.src
                    .front
                    .covers
                    .iter()
                    .map(|c| c.value.as_str())
                    .collect(),
            ) {
                let list = item_pages.entry(c).or_default();
                if !list.contains(&r) {
                    list.push(r.clone());
                }
            }
            // A version counts only the question formats it uses (a case study's sub-questions
            // count as a case study).
            let formats = &bp.exam.question_formats;
            for q in page
                .src
                .quizzes
                .iter()
                .filter(|q| formats.is_empty() || formats.iter().any(|f| f == q.kind.name()))
                .flat_map(|q| q.scored())
            {
                let covers = in_version(q.covers.iter().map(String::as_str).collect());
                for c in &covers {
                    *item_questions
                        .entry(c.clone())
                        .or_default()
                        .entry(q.kind.name().to_string())
                        .or_default() += 1;
                }
                if let Some(t) = covers.first().and_then(|c| bp.task_of_item(c)) {
                    *task_questions.entry(t.id.clone()).or_default() += 1;
                }
            }
        }
        let total_questions: usize = task_questions.values().sum();
        let domains: Vec<DomainCoverage> = bp
            .domains
            .iter()
            .map(|d| {
                let tasks: Vec<TaskCoverage> = d
                    .tasks
                    .iter()
                    .map(|t| {
                        let items: Vec<ItemCoverage> = t
                            .items
                            .iter()
                            .map(|it| {
                                let by_kind = item_questions
                                    .get(it.id.as_str())
                                    .cloned()
                                    .unwrap_or_default();
                                ItemCoverage {
                                    id: it.id.clone(),
                                    kind: it.kind,
                                    text: it.text.clone(),
                                    unconfirmed: it.unconfirmed,
                                    pages: item_pages
                                        .get(it.id.as_str())
                                        .cloned()
                                        .unwrap_or_default(),
                                    questions: by_kind.values().sum(),
                                    questions_by_kind: by_kind,
                                }
                            })
                            .collect();
                        TaskCoverage {
                            id: t.id.clone(),
                            title: t.title.clone(),
                            page: guide.task_page(&t.id).map(|p| PageRef {
                                title: p.src.front.title.clone(),
                                path: p.out.clone(),
                            }),
                            questions: task_questions.get(&t.id).copied().unwrap_or(0),
                            items_total: items.len(),
                            items_with_pages: items.iter().filter(|i| !i.pages.is_empty()).count(),
                            items_with_questions: items.iter().filter(|i| i.questions > 0).count(),
                            items,
                        }
                    })
                    .collect();
                let questions = tasks.iter().map(|t| t.questions).sum();
                DomainCoverage {
                    id: d.id.clone(),
                    title: d.title.clone(),
                    weight: d.weight,
                    questions,
                    question_share: share(questions, total_questions),
                    items_total: tasks.iter().map(|t| t.items_total).sum(),
                    items_with_pages: tasks.iter().map(|t| t.items_with_pages).sum(),
                    items_with_questions: tasks.iter().map(|t| t.items_with_questions).sum(),
                    tasks,
                }
            })
            .collect();
        Coverage {
            schema: 1,
            exam: bp.exam.code.clone(),
            unconfirmed: bp.exam.unconfirmed.clone(),
            questions: total_questions,
            items_total: domains.iter().map(|d| d.items_total).sum(),
            items_with_pages: domains.iter().map(|d| d.items_with_pages).sum(),
            items_with_questions: domains.iter().map(|d| d.items_with_questions).sum(),
            domains,
        }
    }

    /// The coverage gate's errors, each with the id of the item it is about.
    pub(crate) fn gaps<'b>(
        &self,
        bp: &'b Blueprint,
        min_pages: usize,
        min_questions: usize,
    ) -> Vec<(&'b str, Diagnostic)> {
        let mut diags = Vec::new();
        for (task, item) in bp.items() {
            let Some(cov) = self.item(&item.id) else {
                continue;
            };
            let mut short = Vec::new();
            if cov.pages.len() < min_pages {
                short.push(format!(
                    "taught on {} page(s), at least {min_pages} required",
                    cov.pages.len()
                ));
            }
            if cov.questions < min_questions {
                short.push(format!(
                    "tested by {} question(s), at least {min_questions} required",
                    cov.questions
                ));
            }
            if short.is_empty() {
                continue;
            }
            let mut d = Diagnostic::error(
                "E060",
                &bp.path,
                format!(
                    "coverage gap: item `{}` of task {} ({}) is {}",
                    item.id,
                    task.id,
                    task.title,
                    short.join("; ")
                ),
            );
            (d.line, d.column) = item.place;
            diags.push((item.id.as_str(), d));
        }
        diags
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&ItemCoverage> {
        self.tasks().flat_map(|t| &t.items).find(|i| i.id == id)
    }

    /// Every task of every domain, in order.
    pub fn tasks(&self) -> impl Iterator<Item = &TaskCoverage> {
        self.domains.iter().flat_map(|d| &d.tasks)
    }

    /// Questions that belong to task `id` (0 for an unknown task).
    pub fn task_questions(&self, id: &str) -> usize {
        self.domains
            .iter()
            .flat_map(|d| &d.tasks)
            .find(|t| t.id == id)
            .map_or(0, |t| t.questions)
    }

    /// The report as pretty-printed JSON (`coverage.json`).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }
}

/// What changed between a baseline and the current coverage.
#[derive(Debug, Default, PartialEq)]
pub struct CoverageDiff {
    /// Items taught now that were not in the baseline.
    pub newly_taught: Vec<String>,
    /// Items taught in the baseline that are not now.
    pub no_longer_taught: Vec<String>,
    /// Items tested now that were not in the baseline.
    pub newly_tested: Vec<String>,
    /// Items tested in the baseline that are not now.
    pub no_longer_tested: Vec<String>,
    /// Task id, questions before, questions now (only tasks that changed).
    pub questions: Vec<(String, usize, usize)>,
}

impl CoverageDiff {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        *self == CoverageDiff::default()
    }
}

/// What changed from `base` to `now`, item by item and task by task.
pub fn diff(base: &Coverage, now: &Coverage) -> CoverageDiff {
    let mut d = CoverageDiff::default();
    for item in now.tasks().flat_map(|t| &t.items) {
        let (taught, tested) = base
            .item(&item.id)
            .map_or((false, false), |b| (!b.pages.is_empty(), b.questions > 0));
        match (taught, !item.pages.is_empty()) {
            (false, true) => d.newly_taught.push(item.id.clone()),
            (true, false) => d.no_longer_taught.push(item.id.clone()),
            _ => {}
        }
        match (tested, item.questions > 0) {
            (false, true) => d.newly_tested.push(item.id.clone()),
            (true, false) => d.no_longer_tested.push(item.id.clone()),
            _ => {}
        }
    }
    for t in now.tasks() {
        let before = base
            .tasks()
            .find(|b| b.id == t.id)
            .map_or(0, |b| b.questions);
        if before != t.questions {
            d.questions.push((t.id.clone(), before, t.questions));
        }
    }
    for b in base
        .tasks()
        .filter(|b| now.tasks().all(|t| t.id != b.id) && b.questions > 0)
    {
        d.questions.push((b.id.clone(), b.questions, 0));
    }
    d
}

/// The terminal table.
pub fn table(c: &Coverage, change: Option<&CoverageDiff>) -> String {
    let mut out = format!(
        "{} coverage: {}/{} items taught, {}/{} tested, {} questions\n\n",
        c.exam,
        c.items_with_pages,
        c.items_total,
        c.items_with_questions,
        c.items_total,
        c.questions
    );
    out.push_str(&format!(
        "{:<6} {:>6} {:>9} {:>7} {:>7} {:>7}\n",
        "task", "weight", "questions", "share", "taught", "tested"
    ));
    for d in &c.domains {
        out.push_str(&format!(
            "{:<6} {:>5}% {:>9} {:>6}% {:>7} {:>7}\n",
            format!("D{}", d.id),
            d.weight,
            d.questions,
            d.question_share,
            format!("{}/{}", d.items_with_pages, d.items_total),
            format!("{}/{}", d.items_with_questions, d.items_total)
        ));
        for t in &d.tasks {
            out.push_str(&format!(
                "{:<6} {:>6} {:>9} {:>7} {:>7} {:>7}\n",
                format!("  {}", t.id),
                "",
                t.questions,
                "",
                format!("{}/{}", t.items_with_pages, t.items_total),
                format!("{}/{}", t.items_with_questions, t.items_total)
            ));
        }
    }
    let gaps = gap_list(c);
    if !gaps.is_empty() {
        out.push_str("\ngaps:\n");
        for g in gaps {
            out.push_str(&format!("  {g}\n"));
        }
    }
    if let Some(ch) = change {
        out.push_str("\nchange against the baseline:\n");
        out.push_str(
            &change_lines(ch)
                .iter()
                .map(|l| format!("  {l}\n"))
                .collect::<String>(),
        );
    }
    out
}

fn gap_list(c: &Coverage) -> Vec<String> {
    let mut gaps = Vec::new();
    for i in c.tasks().flat_map(|t| &t.items) {
        match (i.pages.is_empty(), i.questions == 0) {
            (true, true) => gaps.push(format!("{}: no page, no question", i.id)),
            (true, false) => gaps.push(format!("{}: no page", i.id)),
            (false, true) => gaps.push(format!("{}: no question", i.id)),
            _ => {}
        }
    }
    gaps
}

fn change_lines(ch: &CoverageDiff) -> Vec<String> {
    let mut lines = Vec::new();
    let mut list = |label: &str, ids: &[String]| {
        if !ids.is_empty() {
            lines.push(format!("{label}: {}", ids.join(", ")));
        }
    };
    list("newly taught", &ch.newly_taught);
    list("no longer taught", &ch.no_longer_taught);
    list("newly tested", &ch.newly_tested);
    list("no longer tested", &ch.no_longer_tested);
    for (task, before, now) in &ch.questions {
        let delta = *now as i64 - *before as i64;
        lines.push(format!(
            "task {task} questions: {before} -> {now} ({delta:+})"
        ));
    }
    if lines.is_empty() {
        lines.push("no change".into());
    }
    lines
}

/// Markdown for a pull-request summary.
pub fn markdown(c: &Coverage, change: Option<&CoverageDiff>) -> String {
    let mut out = format!(
        "## Blueprint coverage: {}\n\n{} of {} items taught on a page, {} of {} tested by a question; {} questions.\n\n",
        c.exam, c.items_with_pages, c.items_total, c.items_with_questions, c.items_total, c.questions
    );
    out.push_str("| Domain | Exam weight | Questions | Share of questions | Items taught | Items tested |\n|---|---:|---:|---:|---:|---:|\n");
    for d in &c.domains {
        out.push_str(&format!(
            "| {} {} | {}% | {} | {}% | {}/{} | {}/{} |\n",
            d.id,
            d.title,
            d.weight,
            d.questions,
            d.question_share,
            d.items_with_pages,
            d.items_total,
            d.items_with_questions,
            d.items_total
        ));
    }
    let gaps = gap_list(c);
    if gaps.is_empty() {
        out.push_str("\nNo gaps: every item is taught and tested.\n");
    } else {
        out.push_str(&format!("\n**Gaps ({}):**\n\n", gaps.len()));
        out.push_str(&gaps.iter().map(|g| format!("- {g}\n")).collect::<String>());
    }
    if let Some(ch) = change {
        out.push_str("\n### Change against the baseline\n\n");
        out.push_str(
            &change_lines(ch)
                .iter()
                .map(|l| format!("- {l}\n"))
                .collect::<String>(),
        );
    }
    out
}

fn share(part: usize, total: usize) -> f64 {
    if total == 0 {
        return 0.0;
    }
    (part as f64 * 1000.0 / total as f64).round() / 10.0
}
