//! The question bank as a script (`assets/bank.<hash>.js`) for the progress page and the
//! practice exam: every scored question with its domain, task, page and HTML. Loaded with a
//! `<script>` tag so it works from `file://`.

use crate::model::Guide;
use serde::Serialize;

#[derive(Serialize)]
struct BankQuestion<'a> {
    id: &'a str,
    kind: &'static str,
    domain: String,
    task: String,
    /// Output path of the page the question is on.
    page: &'a str,
    /// The case study this question belongs to, if any.
    case: Option<&'a str>,
}

#[derive(Serialize)]
struct BankTask {
    id: String,
    title: String,
    page: Option<String>,
}

#[derive(Serialize)]
struct BankDomain {
    id: String,
    title: String,
    weight: u32,
    tasks: Vec<BankTask>,
}

#[derive(Serialize)]
struct Bank<'a> {
    key: String,
    exam: &'a crate::blueprint::Exam,
    domains: Vec<BankDomain>,
    questions: Vec<BankQuestion<'a>>,
    /// Question-set HTML by top-level question id (a case study holds its sub-questions).
    html: std::collections::BTreeMap<&'a str, &'a str>,
}

pub fn script(guide: &Guide) -> String {
    let bp = &guide.blueprint;
    let mut questions = Vec::new();
    let mut html = std::collections::BTreeMap::new();
    for &i in &guide.order {
        let page = &guide.pages[i];
        for (q, h) in page.src.quizzes.iter().zip(&page.questions_html) {
            html.insert(q.id.as_str(), h.as_str());
            let case = (q.scored().first().map(|s| s.id.as_str()) != Some(q.id.as_str()))
                .then_some(q.id.as_str());
            for s in q.scored() {
                let task = s
                    .covers
                    .first()
                    .and_then(|c| bp.task_of_item(c))
                    .map(|t| t.id.clone())
                    .unwrap_or_default();
                let domain = task.split('.').next().unwrap_or("").to_string();
                questions.push(BankQuestion {
                    id: &s.id,
                    kind: s.kind.name(),
                    domain,
                    task,
                    page: &page.out,
                    case,
                });
            }
        }
    }
    let domains = bp
        .domains
        .iter()
        .map(|d| BankDomain {
            id: d.id.clone(),
            title: d.title.clone(),
            weight: d.weight,
            tasks: d
                .tasks
                .iter()
                .map(|t| BankTask {
                    id: t.id.clone(),
                    title: t.title.clone(),
                    page: guide.links.tasks.get(&t.id).cloned(),
                })
                .collect(),
        })
        .collect();
    let bank = Bank {
        key: crate::html::slug(&guide.config.book.title),
        exam: &bp.exam,
        domains,
        questions,
        html,
    };
    let json = serde_json::to_string(&bank).unwrap_or_else(|_| "{}".into());
    // `</script>` inside a string would end an inline script; keep the file safe to inline.
    format!("window.STUDYGUIDE_BANK = {};\n", json.replace("</", "<\\/"))
}
