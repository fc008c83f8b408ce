//! Coverage: the arithmetic on a fixture blueprint, the gate, `--baseline`, and coverage.json
//! of the built guide against the coverage page.

mod common;
use common::*;
use studyguide::coverage::{diff, Coverage};
use studyguide::pipeline::{self, Options};

fn coverage_of(root: &std::path::Path) -> Coverage {
    let opts = Options {
        min_item_pages: Some(0),
        min_item_questions: Some(0),
        ..Options::default()
    };
    let outcome = pipeline::run(root, &opts);
    assert!(!outcome.has_errors(), "{:?}", outcome.diagnostics);
    outcome.coverage.unwrap()
}

#[test]
fn arithmetic_counts_case_study_sub_questions_and_shows_gaps() {
    let c = coverage_of(&fixture("coverage-gap"));
    assert_eq!(
        (
            c.items_total,
            c.items_with_pages,
            c.items_with_questions,
            c.questions
        ),
        (3, 2, 2, 3)
    );
    let d = &c.domains[0];
    assert_eq!((d.questions, d.question_share), (3, 100.0));
    let t1 = &d.tasks[0];
    assert_eq!(
        t1.questions, 3,
        "the case study counts as its two sub-questions"
    );
    let s1 = c.item("1.1.S1").unwrap();
    assert_eq!(s1.questions, 2, "covered only by case-study sub-questions");
    assert_eq!(s1.questions_by_kind.get("ordering"), Some(&1));
    assert_eq!(s1.questions_by_kind.get("multiple-choice"), Some(&1));
    assert_eq!(
        s1.pages.iter().map(|p| p.path.as_str()).collect::<Vec<_>>(),
        ["t1.html"]
    );
    let gap = c.item("1.2.K1").unwrap();
    assert!(gap.pages.is_empty() && gap.questions == 0);
    assert_eq!(d.tasks[1].questions, 0);
}

#[test]
fn unknown_covers_ids_are_errors_not_zeros() {
    let guide = tempfile::tempdir().unwrap();
    copy_dir(&fixture("coverage-gap"), guide.path());
    let t2 = guide.path().join("content/t2.md");
    std::fs::write(
        &t2,
        "+++\ntitle = \"Task with a gap\"\ntask = \"1.2\"\ncovers = [\"1.2.K9\"]\n+++\n",
    )
    .unwrap();
    let (code, _, err) = run(&["--root", guide.path().to_str().unwrap(), "coverage"]);
    assert_eq!(code, 1);
    assert!(err.contains("content/t2.md:4:11: error[E042]: `covers` names `1.2.K9`, which is not a blueprint item"), "{err}");
}

#[test]
fn empty_guide_has_zero_coverage_without_dividing_by_zero() {
    let guide = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(guide.path().join("content")).unwrap();
    std::fs::copy(
        fixture("coverage-gap").join("content/blueprint.toml"),
        guide.path().join("content/blueprint.toml"),
    )
    .unwrap();
    let c = coverage_of(guide.path());
    assert_eq!((c.questions, c.items_with_pages, c.items_total), (0, 0, 3));
    assert_eq!(c.domains[0].question_share, 0.0);
}

#[test]
fn filling_the_gap_passes_the_gate_and_baseline_reports_exactly_the_change() {
    let guide = tempfile::tempdir().unwrap();
    copy_dir(&fixture("coverage-gap"), guide.path());
    let root = guide.path().to_str().unwrap();
    let (_, before_json, _) = run(&["--root", root, "coverage", "--format", "json"]);
    let baseline = guide.path().join("before.json");
    std::fs::write(&baseline, &before_json).unwrap();

    std::fs::write(
        guide.path().join("content/t2.md"),
        r#"+++
title = "Task with a gap"
task = "1.2"
covers = ["1.2.K1"]

[[quiz]]
id = "cov-new"
kind = "multiple-choice"
covers = ["1.2.K1"]
prompt = "Pick the largest."
explanation = "9 is the largest."
options = [
  { text = "1", why = "Smallest." },
  { text = "3", why = "Smaller than 9." },
  { text = "9", correct = true, why = "Largest." },
  { text = "5", why = "Smaller than 9." },
]
+++
Now taught.
"#,
    )
    .unwrap();
    let (code, _, err) = run(&["--root", root, "check"]);
    assert_eq!(code, 0, "{err}");

    let (code, md, _) = run(&[
        "--root",
        root,
        "coverage",
        "--format",
        "markdown",
        "--baseline",
        baseline.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    let change = md
        .split("### Change against the baseline\n\n")
        .nth(1)
        .unwrap();
    assert_eq!(
        change,
        "- newly taught: 1.2.K1\n- newly tested: 1.2.K1\n- task 1.2 questions: 0 -> 1 (+1)\n"
    );
    assert!(md.contains("No gaps: every item is taught and tested."));

    let (_, table, _) = run(&[
        "--root",
        root,
        "coverage",
        "--baseline",
        baseline.to_str().unwrap(),
    ]);
    assert!(table.contains("task 1.2 questions: 0 -> 1 (+1)"), "{table}");
    // Against itself: no change.
    let after = guide.path().join("after.json");
    std::fs::write(
        &after,
        run(&["--root", root, "coverage", "--format", "json"]).1,
    )
    .unwrap();
    let (_, md, _) = run(&[
        "--root",
        root,
        "coverage",
        "--format",
        "markdown",
        "--baseline",
        after.to_str().unwrap(),
    ]);
    assert!(
        md.ends_with("### Change against the baseline\n\n- no change\n"),
        "{md}"
    );
    let base: Coverage = serde_json::from_str(&before_json).unwrap();
    assert_eq!(diff(&base, &base), Default::default());
}

/// coverage.json in the built guide parses, and agrees with coverage.html row by row.
#[test]
fn coverage_json_of_the_guide_matches_the_page() {
    let dest = tempfile::tempdir().unwrap();
    build(&repo(), dest.path());
    let json: Coverage =
        serde_json::from_str(&std::fs::read_to_string(dest.path().join("coverage.json")).unwrap())
            .unwrap();
    let html = std::fs::read_to_string(dest.path().join("coverage.html")).unwrap();
    assert_eq!(json.schema, 1);
    assert_eq!(json.items_total, 133);
    for item in json.tasks().flat_map(|t| &t.items) {
        let row_start = html
            .find(&format!("<tr id=\"item-{}\"", item.id))
            .unwrap_or_else(|| panic!("no row for {}", item.id));
        let row = &html[row_start..row_start + html[row_start..].find("</tr>").unwrap()];
        for p in &item.pages {
            assert!(
                row.contains(&format!("href=\"{}\"", p.path)),
                "{}: page {} missing",
                item.id,
                p.path
            );
        }
        if item.questions > 0 {
            assert!(
                row.contains(&format!("<td>{}<span class=\"by-kind\">", item.questions)),
                "{}: count {} missing in {row}",
                item.id,
                item.questions
            );
        } else {
            assert!(row.contains("Gap: no question"));
        }
    }
    for d in &json.domains {
        assert!(
            html.contains(&format!(
                "<td>{}%</td><td>{}</td><td>{}%</td>",
                d.weight, d.questions, d.question_share
            )),
            "domain {} totals",
            d.id
        );
    }
}

/// `studyguide coverage | head -1`: a reader that closes the pipe early is not an error.
#[test]
fn a_closed_pipe_is_success() {
    use std::process::Stdio;
    let mut child = bin()
        .args(["--root", repo().to_str().unwrap(), "coverage"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Close the reading end before the report is written.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Two exam versions: FX-02's coverage is derived from the pages' FX-01 `covers` through the
/// crosswalk, an explicit `FX-02:` id overrides it, and FX-02 counts only its own formats.
#[test]
fn second_version_coverage_is_derived_through_the_crosswalk() {
    let opts = Options {
        min_item_pages: Some(0),
        min_item_questions: Some(0),
        ..Options::default()
    };
    let outcome = pipeline::run(&fixture("exam-versions"), &opts);
    assert!(!outcome.has_errors(), "{:?}", outcome.diagnostics);
    let c01 = outcome.coverage.unwrap();
    assert_eq!(c01.exam, "FX-01");
    assert_eq!((c01.items_total, c01.questions), (4, 3));
    assert!(
        c01.item("1.1.K1").is_some() && c01.unconfirmed.is_empty(),
        "the default version is as before"
    );
    let [c02] = &outcome.exam_coverage[..] else {
        panic!("one other version: {:?}", outcome.exam_coverage.len())
    };
    assert_eq!(c02.exam, "FX-02");
    assert_eq!(c02.unconfirmed, ["minutes"]);
    // 1.1.1 carries over 1.1.K1 and 1.1.S1: the task page teaches it, and only the
    // multiple-choice question tests it (FX-02 has no ordering questions).
    let merged = c02.item("1.1.1").unwrap();
    let paths = |i: &studyguide::coverage::ItemCoverage| {
        i.pages.iter().map(|p| p.path.clone()).collect::<Vec<_>>()
    };
    assert_eq!(paths(merged), ["t.html"]);
    assert_eq!(merged.questions, 1);
    assert_eq!(merged.questions_by_kind.get("ordering"), None);
    // 1.1.2 is new: only the page that names `FX-02:1.1.2` teaches it.
    let added = c02.item("1.1.2").unwrap();
    assert_eq!(paths(added), ["new.html"]);
    assert!(added.unconfirmed && added.questions == 0);
    // 1.2.1 was moved from 1.1.K2: taught on u.md, tested by q-two, which now belongs to
    // task 1.2 (its first FX-01 item, 1.2.K1, was removed).
    let moved = c02.item("1.2.1").unwrap();
    assert_eq!(
        (paths(moved), moved.questions),
        (vec!["u.html".to_string()], 1)
    );
    assert_eq!(c02.questions, 2);
    assert_eq!(c02.task_questions("1.1"), 1);
    assert_eq!(c02.task_questions("1.2"), 1);
}

#[test]
fn gate_applies_per_version_with_each_versions_minimums() {
    let root = fixture("exam-versions");
    let root = root.to_str().unwrap();
    // Every version, each with its own minimums: FX-02 sets none, so its gap passes.
    let (code, _, stderr) = run(&["--root", root, "check"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = run(&["--root", root, "check", "--exam", "FX-01"]);
    assert_eq!(code, 0, "{stderr}");
    // The command line's minimums, for FX-02 alone: its new item has no question.
    let (code, _, stderr) = run(&[
        "--root",
        root,
        "check",
        "--exam",
        "FX-02",
        "--min-item-questions",
        "1",
    ]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "content/exams/FX-02.toml:23:10: error[E060]: coverage gap: item `1.1.2` of task 1.1 (Task one) is tested by 0 question(s), at least 1 required\n1 error(s), 0 warning(s)\n"
    );
    let (code, _, stderr) = run(&["--root", root, "check", "--exam", "FX-09"]);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with(
            "--exam: error[E078]: the guide has no exam version `FX-09`; it has `FX-01`, `FX-02`"
        ),
        "{stderr}"
    );
}

#[test]
fn coverage_command_reports_the_chosen_version() {
    let root = fixture("exam-versions");
    let root = root.to_str().unwrap();
    let (code, out, _) = run(&["--root", root, "coverage", "--exam", "FX-02"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("FX-02 coverage: 3/3 items taught, 2/3 tested, 2 questions\n"),
        "{out}"
    );
    assert!(out.contains("  1.1.2: no question\n"), "{out}");
    let (code, out, _) = run(&[
        "--root", root, "coverage", "--exam", "FX-02", "--format", "json",
    ]);
    assert_eq!(code, 0);
    let json: Coverage = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (json.exam.as_str(), json.items_with_questions),
        ("FX-02", 2)
    );
    let (code, out, _) = run(&["--root", root, "coverage"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("FX-01 coverage: 4/4 items taught, 4/4 tested, 3 questions\n"),
        "{out}"
    );
    let (code, _, err) = run(&["--root", root, "coverage", "--exam", "FX-09"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("no exam version `FX-09`; it has FX-01, FX-02"),
        "{err}"
    );
}

/// The built site: each version's matrix and JSON, the changes page sorted from the
/// crosswalk with the pages that teach each item, the versions each page and question serve.
#[test]
fn built_site_has_per_version_pages_and_the_changes_page() {
    let dest = tempfile::tempdir().unwrap();
    common::build(&fixture("exam-versions"), dest.path());
    let read = |p: &str| std::fs::read_to_string(dest.path().join(p)).unwrap();
    let json: Coverage = serde_json::from_str(&read("coverage-FX-02.json")).unwrap();
    assert_eq!(json.exam, "FX-02");
    let matrix = read("coverage-FX-02.html");
    assert!(matrix.contains("item of the FX-02 exam guide"), "{matrix}");
    let changes = read("changes.html");
    for (section, count) in [
        ("Added in FX-02 (1)", "added-1.1.2"),
        ("Removed from FX-01 (1)", "removed-1.2.K1"),
        ("Moved to another task (1)", "moved-1.2.1"),
        ("Reworded or merged (1)", "reworded-1.1.1"),
    ] {
        assert!(changes.contains(section), "{section}");
        assert!(changes.contains(&format!("<li id=\"{count}\">")), "{count}");
    }
    // Each item links to the pages that teach it; the new one is marked unconfirmed.
    let added = &changes[changes.find("id=\"added-1.1.2\"").unwrap()..];
    let added = &added[..added.find("</li>").unwrap()];
    assert!(
        added.contains("<a href=\"new.html\">Something new</a>"),
        "{added}"
    );
    assert!(added.contains("unconfirmed wording"), "{added}");
    let t = read("t.html");
    assert!(
        t.contains("<span data-exam=\"FX-01\">FX-01 (1.1.K1, 1.1.S1)</span>; <span data-exam=\"FX-02\">FX-02 (1.1.1)</span>"),
        "{t}"
    );
    assert!(
        t.contains("<li><code>q-one</code>: FX-01, FX-02</li><li><code>q-order</code>: FX-01</li>"),
        "{t}"
    );
    assert!(t.contains("FX-01 is given until 2020-01-31; FX-02 replaces it from 2020-02-01."));
    assert!(t.contains("(exam facts unconfirmed: minutes)"));
    // `item:` links reach either version's matrix.
    let new = read("new.html");
    assert!(
        new.contains("<a href=\"coverage-FX-02.html#item-1.1.2\">the item</a>"),
        "{new}"
    );
    assert!(
        new.contains("<a href=\"coverage.html#item-1.1.K1\">the old one</a>"),
        "{new}"
    );
}

/// A guide with one blueprint gets nothing of the versions machinery: no bar, no script.
#[test]
fn one_version_guide_has_no_version_bar() {
    let dest = tempfile::tempdir().unwrap();
    common::build(&fixture("valid"), dest.path());
    let files = read_tree(dest.path());
    assert!(
        !files
            .keys()
            .any(|f| f.contains("exams") || f.starts_with("coverage-") || f == "changes.html"),
        "{:?}",
        files.keys()
    );
    let t = String::from_utf8(files["t.html"].clone()).unwrap();
    assert!(!t.contains("exam-bar"));
}

/// A question that names an item of FX-02 covers only that there (an override), and its bare
/// ids still count for FX-01.
#[test]
fn a_question_overrides_its_derived_items_by_naming_the_version() {
    let guide = tempfile::tempdir().unwrap();
    copy_dir(&fixture("exam-versions"), guide.path());
    std::fs::write(
        guide.path().join("content/new.md"),
        r#"+++
title = "Something new"
covers = ["FX-02:1.1.2"]

[[quiz]]
id = "q-new"
kind = "multiple-response"
covers = ["1.1.K1", "FX-02:1.1.2"]
prompt = "Pick two."
explanation = "Because."
options = [
  { text = "Right", correct = true, why = "It is." },
  { text = "Also right", correct = true, why = "It is." },
  { text = "Wrong", why = "It is not." },
  { text = "Wrong too", why = "It is not." },
  { text = "Wrong again", why = "It is not." },
]
+++

## New
"#,
    )
    .unwrap();
    let opts = Options {
        min_item_pages: Some(0),
        min_item_questions: Some(0),
        ..Options::default()
    };
    let outcome = pipeline::run(guide.path(), &opts);
    assert!(!outcome.has_errors(), "{:?}", outcome.diagnostics);
    let c01 = outcome.coverage.unwrap();
    assert_eq!(c01.item("1.1.K1").unwrap().questions, 2);
    let c02 = &outcome.exam_coverage[0];
    assert_eq!(c02.item("1.1.2").unwrap().questions, 1, "named: counted");
    assert_eq!(
        c02.item("1.1.1").unwrap().questions,
        1,
        "not derived from 1.1.K1, since the question names its FX-02 item"
    );
    assert_eq!(c02.questions, 3);
}
