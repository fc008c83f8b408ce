//! Exam versions: besides the default blueprint (`content/blueprint.toml`), a guide may hold
//! other versions of the exam, one blueprint per file in `content/exams/<CODE>.toml`, and a
//! crosswalk (`content/exams/crosswalk.toml`) from the default version's items to another's.
//!
//! Item ids are namespaced by version outside their own file: `1.1.K1` is an item of the
//! default version, `MLA-C02:1.1.1` one of version MLA-C02. A page or question covers, in a
//! version other than the default, the items its own `covers` name with that version's code
//! (an override) or, when it names none, the items the crosswalk derives from its default
//! `covers` (so authors tag once).

use crate::diagnostic::{locate, Diagnostic};
use crate::source::blueprint::{self, Blueprint};
use crate::source::config::toml_diagnostic;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use toml::Spanned;

/// Where exam versions and the crosswalk live, relative to the content directory.
pub(crate) const DIR: &str = "exams/";
pub(crate) const CROSSWALK: &str = "exams/crosswalk.toml";

/// How an item changed from one version to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Change {
    Same,
    Reworded,
    Merged,
    Moved,
    KnowledgeToSkill,
    New,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Mapping {
    /// The item in the newer version (bare id).
    pub(crate) id: String,
    /// The items of the older version it carries over (bare ids).
    pub(crate) from: Vec<String>,
    pub(crate) change: Change,
    pub(crate) note: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Removed {
    pub(crate) id: String,
    pub(crate) note: String,
    /// Items of the newer version whose topic is related, though not carried over.
    pub(crate) related: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Crosswalk {
    pub(crate) from: String,
    pub(crate) to: String,
    pub(crate) items: Vec<Mapping>,
    pub(crate) removed: Vec<Removed>,
}

/// Every exam version of the guide besides the default one, and the crosswalks.
#[derive(Debug, Clone, Default)]
pub(crate) struct Exams {
    pub(crate) versions: Vec<Blueprint>,
    pub(crate) crosswalks: Vec<Crosswalk>,
}

impl Exams {
    pub(crate) fn is_empty(&self) -> bool {
        self.versions.is_empty()
    }

    pub(crate) fn version(&self, code: &str) -> Option<&Blueprint> {
        self.versions.iter().find(|b| b.exam.code == code)
    }

    /// Is `id` a namespaced item (`CODE:1.1.1`) of one of the other versions?
    pub(crate) fn has_item(&self, id: &str) -> bool {
        split(id).is_some_and(|(code, item)| self.version(code).is_some_and(|b| b.has_item(item)))
    }

    /// The crosswalk from `from` to `to`, if the guide has one.
    pub(crate) fn crosswalk(&self, from: &str, to: &str) -> Option<&Crosswalk> {
        self.crosswalks
            .iter()
            .find(|c| c.from == from && c.to == to)
    }

    /// The items of version `code` (bare ids) that something with these `covers` covers: the
    /// covers that name `code` explicitly, or else those the crosswalk from `default` derives.
    /// For the default version, the covers without a namespace.
    pub(crate) fn covers_in<'a>(
        &self,
        default: &str,
        code: &str,
        covers: impl Iterator<Item = &'a str> + Clone,
    ) -> Vec<String> {
        if code == default {
            return covers
                .filter(|c| split(c).is_none())
                .map(str::to_string)
                .collect();
        }
        let explicit: Vec<String> = covers
            .clone()
            .filter_map(|c| {
                split(c)
                    .filter(|(v, _)| *v == code)
                    .map(|(_, i)| i.to_string())
            })
            .collect();
        if !explicit.is_empty() {
            return explicit;
        }
        let Some(cw) = self.crosswalk(default, code) else {
            return Vec::new();
        };
        let mut out: Vec<String> = Vec::new();
        for c in covers.filter(|c| split(c).is_none()) {
            for m in cw.items.iter().filter(|m| m.from.iter().any(|f| f == c)) {
                if !out.contains(&m.id) {
                    out.push(m.id.clone());
                }
            }
        }
        // In the crosswalk's order (the version's own order when converted from it).
        out.sort_by_key(|id| cw.items.iter().position(|m| m.id == *id));
        out
    }
}

/// Reads the exam version files and the crosswalk (`exams/…` under the content directory:
/// content-relative path, displayed path, text), given the default blueprint.
pub(crate) fn load(
    default: &Blueprint,
    files: Vec<(String, String, String)>,
) -> (Exams, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut exams = Exams::default();
    let mut crosswalk = None;
    for (rel, display, text) in files {
        if rel == CROSSWALK {
            crosswalk = Some((display, text));
            continue;
        }
        if rel[DIR.len()..].contains('/') {
            diags.push(Diagnostic::error(
                "E070",
                &display,
                "an exam version file lives directly in `exams/` (`exams/<CODE>.toml`)",
            ));
            continue;
        }
        let (bp, d) = parse_version(&rel, &display, &text);
        let failed = d.iter().any(|d| d.code == "E020");
        diags.extend(d);
        if failed {
            continue;
        }
        let clash = std::iter::once(default)
            .chain(exams.versions.iter())
            .find(|b| b.exam.code == bp.exam.code);
        if let Some(other) = clash {
            let at = key_offset(&text, "code").unwrap_or(0);
            diags.push(
                Diagnostic::error(
                    "E070",
                    &display,
                    format!(
                        "exam code `{}` is already the code of {}; each version has its own",
                        bp.exam.code, other.path
                    ),
                )
                .at(&text, at),
            );
            continue;
        }
        exams.versions.push(bp);
    }
    if let Some((display, text)) = crosswalk {
        let (cw, d) = parse_crosswalk(&display, &text, default, &exams.versions);
        diags.extend(d);
        exams.crosswalks.extend(cw);
    }
    (exams, diags)
}

/// `MLA-C02:1.1.1` -> (`MLA-C02`, `1.1.1`).
pub(crate) fn split(id: &str) -> Option<(&str, &str)> {
    id.split_once(':')
}

/// Parses one exam version file. Its code must be set, and its name must be `<code>.toml`, so
/// a reader of `covers = ["MLA-C02:1.1.1"]` knows which file to open.
pub(crate) fn parse_version(rel: &str, path: &str, text: &str) -> (Blueprint, Vec<Diagnostic>) {
    let (bp, mut diags) = blueprint::parse(path, text);
    if diags.iter().any(|d| d.code == "E020") {
        return (bp, diags);
    }
    let stem = rel
        .strip_prefix(DIR)
        .and_then(|r| r.strip_suffix(".toml"))
        .unwrap_or(rel);
    if bp.exam.code != stem {
        let at = key_offset(text, "code").unwrap_or(0);
        diags.push(
            Diagnostic::error(
                "E070",
                path,
                format!(
                    "exam code `{}` does not match the file name; an exam version file is named after its code (`exams/{}.toml`)",
                    bp.exam.code, bp.exam.code
                ),
            )
            .at(text, at),
        );
    }
    diags.extend(exam_facts(&bp, path, text));
    (bp, diags)
}

/// Checks the exam facts every blueprint may carry: known question formats, known names in
/// `unconfirmed`, dates as YYYY-MM-DD.
pub(crate) fn exam_facts(bp: &Blueprint, path: &str, text: &str) -> Vec<Diagnostic> {
    const FORMATS: &[&str] = &[
        "multiple-choice",
        "multiple-response",
        "ordering",
        "matching",
        "case-study",
    ];
    const FACTS: &[&str] = &[
        "scored-questions",
        "unscored-questions",
        "total-questions",
        "minutes",
        "passing-score",
        "score-min",
        "score-max",
        "in-use-from",
        "in-use-until",
        "question-formats",
    ];
    let mut diags = Vec::new();
    let mut bad = |key: &str, value: &str, message: String| {
        let at = value_offset(text, key, value).unwrap_or(0);
        diags.push(Diagnostic::error("E071", path, message).at(text, at));
    };
    for f in &bp.exam.question_formats {
        if !FORMATS.contains(&f.as_str()) {
            bad(
                "question-formats",
                f,
                format!("unknown question format `{f}`; use {}", FORMATS.join(", ")),
            );
        }
    }
    for f in &bp.exam.unconfirmed {
        if !FACTS.contains(&f.as_str()) {
            bad(
                "unconfirmed",
                f,
                format!(
                    "`unconfirmed` names `{f}`, which is not an exam fact; use {}",
                    FACTS.join(", ")
                ),
            );
        }
    }
    for (key, value) in [
        ("in-use-from", &bp.exam.in_use_from),
        ("in-use-until", &bp.exam.in_use_until),
        ("successor-from", &bp.exam.successor_from),
    ] {
        if let Some(v) = value {
            if !is_date(v) {
                bad(
                    key,
                    v,
                    format!("`{key}` is `{v}`; write the date as YYYY-MM-DD"),
                );
            }
        }
    }
    diags
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && (1..=12).contains(&s[5..7].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&s[8..10].parse::<u32>().unwrap_or(0))
}

/// Offset of `key =` at the start of a line.
fn key_offset(text: &str, key: &str) -> Option<usize> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        if let Some(rest) = t.strip_prefix(key) {
            if rest.trim_start().starts_with('=') {
                return Some(at + line.len() - t.len());
            }
        }
        at += line.len();
    }
    None
}

/// Offset of `"value"` on the line of `key =`, else of the key.
fn value_offset(text: &str, key: &str, value: &str) -> Option<usize> {
    let k = key_offset(text, key)?;
    let line_end = text[k..].find('\n').map_or(text.len(), |e| k + e);
    let quoted = format!("\"{value}\"");
    Some(text[k..line_end].find(&quoted).map_or(k, |i| k + i))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCrosswalk {
    from: Spanned<String>,
    to: Spanned<String>,
    #[serde(default)]
    item: Vec<RawMapping>,
    #[serde(default)]
    removed: Vec<RawRemoved>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMapping {
    id: Spanned<String>,
    #[serde(default)]
    from: Vec<Spanned<String>>,
    change: Spanned<String>,
    #[serde(default)]
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRemoved {
    id: Spanned<String>,
    #[serde(default)]
    note: String,
    #[serde(default)]
    related: Vec<Spanned<String>>,
}

/// Parses and validates a crosswalk against the guide's versions (`default` and `others`):
/// both codes exist; every id names an item of its version; each item of the newer version is
/// listed once; every item of the older version is carried over by some item or listed under
/// `[[removed]]`, not both; `new` items carry nothing over and the others do.
pub(crate) fn parse_crosswalk(
    path: &str,
    text: &str,
    default: &Blueprint,
    others: &[Blueprint],
) -> (Option<Crosswalk>, Vec<Diagnostic>) {
    let raw: RawCrosswalk = match toml::from_str(text) {
        Ok(r) => r,
        Err(e) => return (None, vec![toml_diagnostic("E020", path, text, 0, &e)]),
    };
    let mut diags = Vec::new();
    let err = |diags: &mut Vec<Diagnostic>, code: &'static str, at: usize, message: String| {
        diags.push(Diagnostic::error(code, path, message).at(text, at));
    };
    let find = |code: &str| {
        std::iter::once(default)
            .chain(others.iter())
            .find(|b| !b.exam.code.is_empty() && b.exam.code == code)
    };
    let known: Vec<String> = std::iter::once(default)
        .chain(others.iter())
        .map(|b| format!("`{}`", b.exam.code))
        .collect();
    let mut versions = Vec::new();
    for (key, code) in [("from", &raw.from), ("to", &raw.to)] {
        let v = find(code.get_ref());
        if v.is_none() {
            err(
                &mut diags,
                "E072",
                code.span().start,
                format!(
                    "crosswalk `{key}` names exam `{}`, which the guide does not have (it has {})",
                    code.get_ref(),
                    known.join(", ")
                ),
            );
        }
        versions.push(v);
    }
    let (Some(old), Some(new)) = (versions[0], versions[1]) else {
        return (None, diags);
    };
    if old.exam.code != default.exam.code {
        err(
            &mut diags,
            "E072",
            raw.from.span().start,
            format!(
                "a crosswalk maps the default version's items (`{}`, in {}) to another version; `from` is `{}`",
                default.exam.code, default.path, old.exam.code
            ),
        );
        return (None, diags);
    }
    if old.exam.code == new.exam.code {
        err(
            &mut diags,
            "E072",
            raw.to.span().start,
            "a crosswalk maps one exam version to another; `from` and `to` are the same".into(),
        );
        return (None, diags);
    }
    let mut cw = Crosswalk {
        from: old.exam.code.clone(),
        to: new.exam.code.clone(),
        ..Crosswalk::default()
    };
    let line_of = |offset: usize| locate(text, offset).0;
    let mut listed: HashMap<String, usize> = HashMap::new();
    let mut carried: HashSet<String> = HashSet::new();
    for m in raw.item {
        let id = m.id.get_ref();
        let at = m.id.span().start;
        if !new.has_item(id) {
            err(
                &mut diags,
                "E073",
                at,
                format!("`{id}` is not an item of {}", new.exam.code),
            );
        } else if let Some(first) = listed.get(id) {
            err(
                &mut diags,
                "E074",
                at,
                format!(
                    "{} item `{id}` is listed twice (first on line {})",
                    new.exam.code,
                    line_of(*first)
                ),
            );
        } else {
            listed.insert(id.clone(), at);
        }
        let change = match m.change.get_ref().as_str() {
            "same" => Some(Change::Same),
            "reworded" => Some(Change::Reworded),
            "merged" => Some(Change::Merged),
            "moved" => Some(Change::Moved),
            "knowledge-to-skill" => Some(Change::KnowledgeToSkill),
            "new" => Some(Change::New),
            other => {
                err(&mut diags, "E075", m.change.span().start, format!("unknown change `{other}`; use same, reworded, merged, moved, knowledge-to-skill or new"));
                None
            }
        };
        match change {
            Some(Change::New) if !m.from.is_empty() => err(
                &mut diags,
                "E075",
                m.from[0].span().start,
                format!("`{id}` is `new` but carries over {} item(s); a new item has `from = []` (use `[[removed]] related` for a related old item)", old.exam.code),
            ),
            Some(c) if c != Change::New && m.from.is_empty() => err(
                &mut diags,
                "E075",
                m.change.span().start,
                format!(
                    "`{id}` is `{}` but `from` names no {} item; list the items it carries over, or make it `new`",
                    m.change.get_ref(),
                    old.exam.code
                ),
            ),
            _ => {}
        }
        let mut from = Vec::new();
        for f in m.from {
            if !old.has_item(f.get_ref()) {
                err(
                    &mut diags,
                    "E073",
                    f.span().start,
                    format!("`{}` is not an item of {}", f.get_ref(), old.exam.code),
                );
            }
            carried.insert(f.get_ref().clone());
            from.push(f.into_inner());
        }
        if let Some(change) = change {
            cw.items.push(Mapping {
                id: m.id.into_inner(),
                from,
                change,
                note: m.note,
            });
        }
    }
    let mut removed_at: HashMap<String, usize> = HashMap::new();
    for r in raw.removed {
        let id = r.id.get_ref();
        let at = r.id.span().start;
        if !old.has_item(id) {
            err(
                &mut diags,
                "E073",
                at,
                format!("`{id}` is not an item of {}", old.exam.code),
            );
        } else if carried.contains(id) {
            err(&mut diags, "E076", at, format!("{} item `{id}` is listed as removed, but an item of {} carries it over; keep one of the two", old.exam.code, new.exam.code));
        } else if let Some(first) = removed_at.get(id) {
            err(
                &mut diags,
                "E074",
                at,
                format!(
                    "removed item `{id}` is listed twice (first on line {})",
                    line_of(*first)
                ),
            );
        } else {
            removed_at.insert(id.clone(), at);
        }
        for rel in &r.related {
            if !new.has_item(rel.get_ref()) {
                err(
                    &mut diags,
                    "E073",
                    rel.span().start,
                    format!("`{}` is not an item of {}", rel.get_ref(), new.exam.code),
                );
            }
        }
        cw.removed.push(Removed {
            id: r.id.into_inner(),
            note: r.note,
            related: r.related.into_iter().map(Spanned::into_inner).collect(),
        });
    }
    // Completeness, at the end of the file: what is missing has no line of its own.
    let end = text.trim_end().len();
    let missing_old: Vec<&str> = old
        .items()
        .map(|(_, i)| i.id.as_str())
        .filter(|i| !carried.contains(*i) && !removed_at.contains_key(*i))
        .collect();
    if !missing_old.is_empty() {
        err(&mut diags, "E077", end, format!("{} item(s) of {} are neither carried over nor removed: {}; add each to an item's `from` or to `[[removed]]`", missing_old.len(), old.exam.code, missing_old.join(", ")));
    }
    let missing_new: Vec<&str> = new
        .items()
        .map(|(_, i)| i.id.as_str())
        .filter(|i| !listed.contains_key(*i))
        .collect();
    if !missing_new.is_empty() {
        err(&mut diags, "E077", end, format!("{} item(s) of {} are not listed: {}; add an `[[item]]` for each (`change = \"new\"` if it has no counterpart)", missing_new.len(), new.exam.code, missing_new.join(", ")));
    }
    (Some(cw), diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = r#"
[exam]
code = "OLD-1"
[[domain]]
id = "1"
title = "D"
weight = 100
[[domain.task]]
id = "1.1"
title = "T"
knowledge = [ { id = "1.1.K1", text = "k1" }, { id = "1.1.K2", text = "k2" } ]
skills = [ { id = "1.1.S1", text = "s1" } ]
"#;

    const NEW: &str = r#"
[exam]
code = "NEW-2"
[[domain]]
id = "1"
title = "D"
weight = 100
[[domain.task]]
id = "1.1"
title = "T"
items = [ { id = "1.1.1", text = "one" }, { id = "1.1.2", text = "two", unconfirmed = true } ]
"#;

    fn versions() -> (Blueprint, Blueprint) {
        let (old, d) = blueprint::parse("content/blueprint.toml", OLD);
        assert!(d.is_empty(), "{d:?}");
        let (new, d) = parse_version("exams/NEW-2.toml", "content/exams/NEW-2.toml", NEW);
        assert!(d.is_empty(), "{d:?}");
        (old, new)
    }

    #[test]
    fn numbered_items_parse_as_skills() {
        let (_, new) = versions();
        let items: Vec<_> = new
            .items()
            .map(|(_, i)| (i.id.as_str(), i.unconfirmed))
            .collect();
        assert_eq!(items, [("1.1.1", false), ("1.1.2", true)]);
    }

    #[test]
    fn a_complete_crosswalk_derives_covers() {
        let (old, new) = versions();
        let text = r#"from = "OLD-1"
to = "NEW-2"
[[item]]
id = "1.1.1"
from = ["1.1.K1", "1.1.S1"]
change = "merged"
[[item]]
id = "1.1.2"
change = "new"
[[removed]]
id = "1.1.K2"
"#;
        let (cw, d) = parse_crosswalk(
            "content/exams/crosswalk.toml",
            text,
            &old,
            std::slice::from_ref(&new),
        );
        assert!(d.is_empty(), "{d:?}");
        let exams = Exams {
            versions: vec![new],
            crosswalks: cw.into_iter().collect(),
        };
        let derive = |covers: &[&str]| exams.covers_in("OLD-1", "NEW-2", covers.iter().copied());
        assert_eq!(derive(&["1.1.S1"]), ["1.1.1"]);
        assert_eq!(derive(&["1.1.K2"]), Vec::<String>::new());
        // An explicit id of the version overrides the derivation.
        assert_eq!(derive(&["1.1.S1", "NEW-2:1.1.2"]), ["1.1.2"]);
        assert_eq!(
            exams.covers_in("OLD-1", "OLD-1", ["1.1.S1", "NEW-2:1.1.2"].into_iter()),
            ["1.1.S1"]
        );
        assert!(exams.has_item("NEW-2:1.1.2"));
        assert!(!exams.has_item("NEW-2:1.1.9"));
        assert!(!exams.has_item("1.1.1"));
    }

    #[test]
    fn an_incomplete_crosswalk_is_rejected_at_each_line() {
        let (old, new) = versions();
        let text = r#"from = "OLD-1"
to = "NEW-2"
[[item]]
id = "1.1.1"
from = ["1.1.K9"]
change = "renamed"
[[item]]
id = "1.1.1"
change = "same"
[[removed]]
id = "1.1.K1"
"#;
        let (_, d) = parse_crosswalk("content/exams/crosswalk.toml", text, &old, &[new]);
        let got: Vec<String> = d.iter().map(|d| d.headline()).collect();
        assert_eq!(
            got,
            [
                "content/exams/crosswalk.toml:6:10: error[E075]: unknown change `renamed`; use same, reworded, merged, moved, knowledge-to-skill or new",
                "content/exams/crosswalk.toml:5:9: error[E073]: `1.1.K9` is not an item of OLD-1",
                "content/exams/crosswalk.toml:8:6: error[E074]: NEW-2 item `1.1.1` is listed twice (first on line 4)",
                "content/exams/crosswalk.toml:9:10: error[E075]: `1.1.1` is `same` but `from` names no OLD-1 item; list the items it carries over, or make it `new`",
                "content/exams/crosswalk.toml:11:14: error[E077]: 2 item(s) of OLD-1 are neither carried over nor removed: 1.1.K2, 1.1.S1; add each to an item's `from` or to `[[removed]]`",
                "content/exams/crosswalk.toml:11:14: error[E077]: 1 item(s) of NEW-2 are not listed: 1.1.2; add an `[[item]]` for each (`change = \"new\"` if it has no counterpart)",
            ]
        );
    }

    #[test]
    fn a_crosswalk_starts_at_the_default_version() {
        let (old, new) = versions();
        let text = "from = \"NEW-2\"\nto = \"OLD-1\"\n";
        let (cw, d) = parse_crosswalk("content/exams/crosswalk.toml", text, &old, &[new]);
        assert!(cw.is_none());
        let got: Vec<String> = d.iter().map(|d| d.headline()).collect();
        assert_eq!(got, ["content/exams/crosswalk.toml:1:8: error[E072]: a crosswalk maps the default version's items (`OLD-1`, in content/blueprint.toml) to another version; `from` is `NEW-2`"]);
    }

    #[test]
    fn dates_and_formats_are_checked() {
        assert!(is_date("2026-09-28"));
        assert!(!is_date("2026-13-01"));
        assert!(!is_date("28.09.2026"));
        let text =
            "[exam]\ncode = \"NEW-2\"\nin-use-until = \"soon\"\nquestion-formats = [\"essay\"]\n";
        let (_, d) = parse_version("exams/NEW-2.toml", "content/exams/NEW-2.toml", text);
        let got: Vec<String> = d.iter().map(|d| d.headline()).collect();
        assert_eq!(
            got,
            [
                "content/exams/NEW-2.toml:4:21: error[E071]: unknown question format `essay`; use multiple-choice, multiple-response, ordering, matching, case-study",
                "content/exams/NEW-2.toml:3:16: error[E071]: `in-use-until` is `soon`; write the date as YYYY-MM-DD",
            ]
        );
    }
}
