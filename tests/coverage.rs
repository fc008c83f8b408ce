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
