//! The pages and page parts of a guide with several exam versions (see `crate::source::exams`): the
//! version bar's data, which items and questions of each version a page serves, each other
//! version's coverage matrix and the "What changed between versions" page.

use super::{Renderer, SiteCx};
use crate::diagnostic::Diagnostic;
use crate::model::links::relative_url;
use crate::model::Page;
use crate::write::OutputFile;
use serde::Serialize;

/// An exam version, for the version chooser, the retired-version banner and the pages.
#[derive(Serialize)]
pub(super) struct ExamCx {
    code: String,
    name: String,
    default: bool,
    in_use_from: Option<String>,
    in_use_until: Option<String>,
    successor: Option<String>,
    coverage_url: String,
    total_questions: u32,
    minutes: u32,
    question_formats: Vec<String>,
    unconfirmed: Vec<String>,
}

/// Which items of one exam version a page or question serves.
#[derive(Serialize)]
pub(super) struct ServesCx {
    code: String,
    items: Vec<ServedItem>,
}

#[derive(Serialize)]
pub(super) struct ServedItem {
    id: String,
    text: String,
    unconfirmed: bool,
    /// The item's row in that version's coverage matrix.
    url: String,
}

impl Renderer<'_> {
    pub(super) fn exams_cx(&self, out: &str) -> Vec<ExamCx> {
        let g = self.guide;
        std::iter::once(&g.blueprint)
            .chain(&g.exams.versions)
            .enumerate()
            .map(|(n, b)| ExamCx {
                code: b.exam.code.clone(),
                name: b.exam.name.clone(),
                default: n == 0,
                in_use_from: b.exam.in_use_from.clone(),
                in_use_until: b.exam.in_use_until.clone(),
                successor: b.exam.successor.clone(),
                coverage_url: if n == 0 {
                    relative_url(out, "coverage.html")
                } else {
                    relative_url(out, &format!("coverage-{}.html", b.exam.code))
                },
                total_questions: b.exam.total_questions,
                minutes: b.exam.minutes,
                question_formats: b.exam.question_formats.clone(),
                unconfirmed: b.exam.unconfirmed.clone(),
            })
            .collect()
    }

    /// The items each exam version sees the page covering, and for each question the versions
    /// it serves (it covers an item there, in a format the version uses).
    pub(super) fn serves(
        &self,
        out: &str,
        page: &Page,
    ) -> (Vec<ServesCx>, Vec<(String, Vec<String>)>) {
        let g = self.guide;
        let default = g.blueprint.exam.code.as_str();
        let versions: Vec<&crate::source::blueprint::Blueprint> = std::iter::once(&g.blueprint)
            .chain(&g.exams.versions)
            .collect();
        let serves = versions
            .iter()
            .map(|b| {
                let matrix = if b.exam.code == default {
                    "coverage.html".to_string()
                } else {
                    format!("coverage-{}.html", b.exam.code)
                };
                let ids = g.exams.covers_in(
                    default,
                    &b.exam.code,
                    page.src.front.covers.iter().map(|c| c.value.as_str()),
                );
                let items = ids
                    .into_iter()
                    .filter_map(|id| {
                        let (_, item) = b.items().find(|(_, i)| i.id == id)?;
                        Some(ServedItem {
                            url: relative_url(out, &matrix)
                                + "#"
                                + &crate::model::links::item_anchor(&id),
                            text: item.text.clone(),
                            unconfirmed: item.unconfirmed,
                            id,
                        })
                    })
                    .collect();
                ServesCx {
                    code: b.exam.code.clone(),
                    items,
                }
            })
            .collect();
        let questions = page
            .src
            .quizzes
            .iter()
            .map(|q| {
                let codes = versions
                    .iter()
                    .filter(|b| crate::coverage::versions::serves_question(g, b, q))
                    .map(|b| b.exam.code.clone())
                    .collect();
                (q.id.clone(), codes)
            })
            .collect();
        (serves, questions)
    }

    /// Per exam version besides the default: its coverage matrix page; and the "What changed
    /// between versions" page from the crosswalk.
    pub(super) fn exam_pages(&self) -> Vec<Result<OutputFile, Diagnostic>> {
        let g = self.guide;
        let mut files = Vec::new();
        for (b, c) in g.exams.versions.iter().zip(&self.exam_coverage) {
            let out = format!("coverage-{}.html", b.exam.code);
            let mut cx = self.base_context(&out, None);
            let site = SiteCx {
                title: g.config.book.title.clone(),
                description: g.config.book.description.clone(),
                language: g.config.book.language.clone(),
                key: crate::html::slug(&g.config.book.title),
                exam: b.exam.clone(),
            };
            cx.insert("site", &site);
            cx.insert("coverage", c);
            cx.insert("canonical", &self.canonical(&out));
            files.push(self.render_template("coverage.html", &cx, &out));
        }
        for cw in &g.exams.crosswalks {
            let (Some(old), Some(new)) = (
                std::iter::once(&g.blueprint)
                    .chain(&g.exams.versions)
                    .find(|b| b.exam.code == cw.from),
                g.exams.version(&cw.to),
            ) else {
                continue;
            };
            let out = "changes.html";
            let mut cx = self.base_context(out, None);
            let mut changes = crate::coverage::versions::changes(cw, old, new);
            let taught = |code: &str, id: &str| -> Vec<crate::coverage::PageRef> {
                let cov = if code == g.blueprint.exam.code {
                    Some(&self.coverage)
                } else {
                    self.exam_coverage.iter().find(|c| c.exam == code)
                };
                cov.and_then(|c| c.item(id))
                    .map(|i| i.pages.clone())
                    .unwrap_or_default()
            };
            for list in [
                &mut changes.added,
                &mut changes.moved,
                &mut changes.reworded,
                &mut changes.same,
            ] {
                for e in list.iter_mut() {
                    e.pages = taught(&new.exam.code, &e.id);
                }
            }
            for e in &mut changes.removed {
                e.pages = taught(&old.exam.code, &e.id);
            }
            cx.insert("changes", &changes);
            cx.insert("canonical", &self.canonical(out));
            files.push(self.render_template("changes.html", &cx, out));
        }
        files
    }

    /// The version bar's data for a page at `out`, and the versions' pages in the sidebar.
    pub(super) fn exams_context(
        &self,
        out: &str,
        cx: &mut tera::Context,
        tools: &mut Vec<(String, String, bool)>,
    ) {
        let g = self.guide;
        let exams = self.exams_cx(out);
        for e in exams.iter().filter(|e| !e.default) {
            let page = format!("coverage-{}.html", e.code);
            tools.push((
                format!("Coverage matrix, {}", e.code),
                e.coverage_url.clone(),
                page == out,
            ));
        }
        if !g.exams.crosswalks.is_empty() {
            tools.push((
                "What changed between versions".into(),
                relative_url(out, "changes.html"),
                out == "changes.html",
            ));
        }
        cx.insert("exams", &exams);
        cx.insert(
            "exams_script",
            &self.assets.get("exams.js").map(|a| relative_url(out, a)),
        );
        cx.insert(
            "exams_style",
            &self.assets.get("exams.css").map(|a| relative_url(out, a)),
        );
    }
}
