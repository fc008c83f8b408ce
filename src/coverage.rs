//! Coverage: for every domain, task and Knowledge/Skill item of the blueprint, the pages whose
//! `covers` name it and the questions that test it. Computed once from the guide; the
//! coverage page, `coverage.json` and the `coverage` command all read this one model.
//!
//! A question counts toward every item in its `covers`; for domain and task totals it belongs
//! to the task of its first `covers` item. Case studies count as their sub-questions, since
//! each is scored on its own.

use crate::blueprint::ItemKind;
use crate::model::Guide;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PageRef {
    pub title: String,
    /// Output path, relative to the site root (`domain-1/1-1-ingest.html`).
    pub path: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ItemCoverage {
    pub id: String,
    pub kind: ItemKind,
    pub text: String,
    pub pages: Vec<PageRef>,
    pub questions: usize,
    /// Questions by kind (`multiple-choice`, …).
    pub questions_by_kind: BTreeMap<String, usize>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TaskCoverage {
    pub id: String,
    pub title: String,
    pub page: Option<PageRef>,
    /// Questions that belong to this task (by their first `covers` item).
    pub questions: usize,
    pub items_total: usize,
    pub items_with_pages: usize,
    pub items_with_questions: usize,
    pub items: Vec<ItemCoverage>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DomainCoverage {
    pub id: String,
    pub title: String,
    /// Exam weight, percent.
    pub weight: u32,
    pub questions: usize,
    /// This domain's share of the guide's questions, percent (one decimal).
    pub question_share: f64,
    pub items_total: usize,
    pub items_with_pages: usize,
    pub items_with_questions: usize,
    pub tasks: Vec<TaskCoverage>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Coverage {
    /// Version of this JSON layout; bumped when a field changes meaning.
    pub schema: u32,
    pub exam: String,
    pub questions: usize,
    pub items_total: usize,
    pub items_with_pages: usize,
    pub items_with_questions: usize,
    pub domains: Vec<DomainCoverage>,
}

impl Coverage {
    pub fn compute(guide: &Guide) -> Coverage {
        let bp = &guide.blueprint;
        let mut item_pages: BTreeMap<&str, Vec<PageRef>> = BTreeMap::new();
        let mut item_questions: BTreeMap<&str, BTreeMap<String, usize>> = BTreeMap::new();
        let mut task_questions: BTreeMap<String, usize> = BTreeMap::new();
        for &i in &guide.order {
            let page = &guide.pages[i];
            let r = PageRef {
                title: page.src.front.title.clone(),
                path: page.out.clone(),
            };
            for c in &page.src.front.covers {
                let list = item_pages.entry(c.value.as_str()).or_default();
                if !list.contains(&r) {
                    list.push(r.clone());
                }
            }
            for q in page.src.quizzes.iter().flat_map(|q| q.scored()) {
                for c in &q.covers {
                    *item_questions
                        .entry(c.as_str())
                        .or_default()
                        .entry(q.kind.name().to_string())
                        .or_default() += 1;
                }
                if let Some(t) = q.covers.first().and_then(|c| bp.task_of_item(c)) {
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
            questions: total_questions,
            items_total: domains.iter().map(|d| d.items_total).sum(),
            items_with_pages: domains.iter().map(|d| d.items_with_pages).sum(),
            items_with_questions: domains.iter().map(|d| d.items_with_questions).sum(),
            domains,
        }
    }

    pub fn task_questions(&self, id: &str) -> usize {
        self.domains
            .iter()
            .flat_map(|d| &d.tasks)
            .find(|t| t.id == id)
            .map_or(0, |t| t.questions)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }
}

fn share(part: usize, total: usize) -> f64 {
    if total == 0 {
        return 0.0;
    }
    (part as f64 * 1000.0 / total as f64).round() / 10.0
}
