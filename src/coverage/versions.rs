//! Coverage across exam versions: which versions a question serves, its domain and task in
//! each, and what changed between two versions (the generated "What changed" page). The
//! versions and crosswalks themselves are read in `source::exams`.

use crate::source::blueprint::Blueprint;
use crate::source::exams::{Change, Crosswalk, Mapping};
use serde::Serialize;
use std::collections::BTreeMap;

/// Does question `q` serve exam version `bp`: does it cover an item there, in a question
/// format the version uses?
pub(crate) fn serves_question(
    guide: &crate::model::Guide,
    bp: &Blueprint,
    q: &crate::source::quiz::Question,
) -> bool {
    let formats = &bp.exam.question_formats;
    if !formats.is_empty() && !formats.iter().any(|f| f == q.kind.name()) {
        return false;
    }
    !guide
        .exams
        .covers_in(
            &guide.blueprint.exam.code,
            &bp.exam.code,
            q.covers.iter().map(String::as_str),
        )
        .is_empty()
}

/// For scored question `s` (of top-level question `top`, itself or its case study): each exam
/// version besides the default that it serves, with its domain there (that of its first item
/// in that version), its task there and the items it covers there. Empty for a one-version
/// guide.
pub(crate) fn question_domains(
    guide: &crate::model::Guide,
    top: &crate::source::quiz::Question,
    s: &crate::source::quiz::Question,
) -> BTreeMap<String, (String, String, Vec<String>)> {
    let mut out = BTreeMap::new();
    for v in &guide.exams.versions {
        let formats = &v.exam.question_formats;
        if !formats.is_empty() && !formats.iter().any(|f| f == top.kind.name()) {
            continue;
        }
        let covers = guide.exams.covers_in(
            &guide.blueprint.exam.code,
            &v.exam.code,
            s.covers.iter().map(String::as_str),
        );
        if let Some(t) = covers.first().and_then(|c| v.task_of_item(c)) {
            let domain = v
                .domains
                .iter()
                .find(|d| d.tasks.iter().any(|x| x.id == t.id))
                .map_or_else(String::new, |d| d.id.clone());
            out.insert(v.exam.code.clone(), (domain, t.id.clone(), covers.clone()));
        }
    }
    out
}

/// What changed between two versions, for the generated "What changed" page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ChangeEntry {
    pub(crate) id: String,
    pub(crate) text: String,
    pub(crate) unconfirmed: bool,
    pub(crate) task: String,
    /// The older version's items, with their text and task.
    pub(crate) from: Vec<(String, String, String)>,
    pub(crate) note: String,
    pub(crate) related: Vec<String>,
    /// The pages that teach it (filled by the renderer).
    pub(crate) pages: Vec<super::PageRef>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Changes {
    pub(crate) from: String,
    pub(crate) to: String,
    pub(crate) added: Vec<ChangeEntry>,
    pub(crate) removed: Vec<ChangeEntry>,
    pub(crate) moved: Vec<ChangeEntry>,
    pub(crate) reworded: Vec<ChangeEntry>,
    pub(crate) same: Vec<ChangeEntry>,
}

/// Sorts the crosswalk's items into added, removed, moved (carried over from another task),
/// reworded (reworded, merged or a Knowledge item made a skill) and unchanged.
pub(crate) fn changes(cw: &Crosswalk, old: &Blueprint, new: &Blueprint) -> Changes {
    let old_item = |id: &str| {
        old.items()
            .find(|(_, i)| i.id == id)
            .map(|(t, i)| (id.to_string(), i.text.clone(), t.id.clone()))
            .unwrap_or_else(|| (id.to_string(), String::new(), String::new()))
    };
    let mut c = Changes {
        from: cw.from.clone(),
        to: cw.to.clone(),
        ..Changes::default()
    };
    let mut order: BTreeMap<&str, usize> = BTreeMap::new();
    for (n, (_, i)) in new.items().enumerate() {
        order.insert(&i.id, n);
    }
    let mut items: Vec<&Mapping> = cw.items.iter().collect();
    items.sort_by_key(|m| order.get(m.id.as_str()).copied().unwrap_or(usize::MAX));
    for m in items {
        let Some((task, item)) = new.items().find(|(_, i)| i.id == m.id) else {
            continue;
        };
        let from: Vec<_> = m.from.iter().map(|f| old_item(f)).collect();
        let entry = ChangeEntry {
            id: m.id.clone(),
            text: item.text.clone(),
            unconfirmed: item.unconfirmed,
            task: task.id.clone(),
            from,
            note: m.note.clone(),
            related: Vec::new(),
            pages: Vec::new(),
        };
        let moved = m.change == Change::Moved || entry.from.iter().any(|(_, _, t)| *t != task.id);
        match m.change {
            Change::New => c.added.push(entry),
            _ if moved => c.moved.push(entry),
            Change::Same => c.same.push(entry),
            _ => c.reworded.push(entry),
        }
    }
    for r in &cw.removed {
        let (id, text, task) = old_item(&r.id);
        c.removed.push(ChangeEntry {
            id,
            text,
            unconfirmed: false,
            task,
            from: Vec::new(),
            note: r.note.clone(),
            related: r.related.clone(),
            pages: Vec::new(),
        });
    }
    c
}
