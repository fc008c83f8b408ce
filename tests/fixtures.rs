//! One fixture guide per kind of bad input (and the inputs that must work), each with the
//! exact diagnostics `check` prints (`expected.txt`) and its exit code (`expected-exit`).

mod common;
use common::{fixture, run};

fn check_fixture(name: &str) {
    let dir = fixture(name);
    let expected = std::fs::read_to_string(dir.join("expected.txt")).unwrap();
    let expected_exit: i32 = std::fs::read_to_string(dir.join("expected-exit"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let (code, _, stderr) = run(&["--root", dir.to_str().unwrap(), "check"]);
    assert_eq!(stderr, expected, "diagnostics of fixture `{name}`");
    assert_eq!(code, expected_exit, "exit code of fixture `{name}`");
}

macro_rules! fixtures {
    ($($test:ident => $dir:literal),* $(,)?) => {
        $(#[test] fn $test() { check_fixture($dir); })*

        #[test]
        fn every_fixture_has_a_test() {
            let listed = [$($dir),*];
            for e in std::fs::read_dir(common::repo().join("tests/fixtures")).unwrap() {
                let name = e.unwrap().file_name().to_string_lossy().into_owned();
                assert!(listed.contains(&name.as_str()), "fixture `{name}` has no test");
            }
        }
    };
}

fixtures! {
    valid_guide_passes => "valid",
    crlf_line_endings_work => "crlf",
    byte_order_mark_works => "bom",
    front_matter_not_closed => "unclosed-front-matter",
    invalid_toml => "invalid-toml",
    unknown_key_in_book_toml => "unknown-key-book",
    unknown_key_in_front_matter => "unknown-key-front-matter",
    page_names_unknown_task => "unknown-task",
    two_pages_claim_one_output_path => "duplicate-output-path",
    broken_md_link => "broken-md-link",
    broken_anchor => "broken-anchor",
    unknown_task_item_domain_links => "unknown-blueprint-link",
    duplicate_blueprint_id => "duplicate-blueprint-id",
    non_utf8_file => "non-utf8",
    empty_file => "empty-file",
    invalid_questions => "invalid-question",
    duplicate_question_id_across_pages => "duplicate-question-id",
    all_problems_reported_in_one_run => "several-problems",
    coverage_gate_names_each_short_item => "coverage-gap",
    quiz_answer_bias => "quiz-answer-bias",
    quiz_bad_id => "quiz-bad-id",
    quiz_case_nested => "quiz-case-nested",
    quiz_case_too_few => "quiz-case-too-few",
    quiz_duplicate_option => "quiz-duplicate-option",
    quiz_empty_option => "quiz-empty-option",
    quiz_matching_count => "quiz-matching-count",
    quiz_mc_count => "quiz-mc-count",
    quiz_missing_covers => "quiz-missing-covers",
    quiz_missing_explanation => "quiz-missing-explanation",
    quiz_missing_id => "quiz-missing-id",
    quiz_missing_why => "quiz-missing-why",
    quiz_mr_count => "quiz-mr-count",
    quiz_ordering_count => "quiz-ordering-count",
    quiz_stray_field => "quiz-stray-field",
    quiz_unknown_covers => "quiz-unknown-covers",
    quiz_unknown_kind => "quiz-unknown-kind",
    quiz_unknown_marker => "quiz-unknown-marker",
    quiz_longest_answer => "quiz-longest-answer",
    // One mistake, one error: what depends on a file with errors is skipped and counted in
    // one note (issue 15). `cascade-control` is the same guide without the mistake.
    cascade_control_is_valid => "cascade-control",
    cascade_front_matter_type_error => "cascade-front-matter",
    cascade_front_matter_syntax_error => "cascade-front-matter-syntax",
    cascade_blueprint_type_error => "cascade-blueprint",
    cascade_blueprint_syntax_error => "cascade-blueprint-syntax",
    cascade_blueprint_missing_title => "cascade-blueprint-missing-title",
    cascade_blueprint_non_utf8 => "cascade-blueprint-non-utf8",
    cascade_invalid_question => "cascade-invalid-question",
    link_to_draft_says_draft => "link-to-draft",
    link_to_hidden_file_says_hidden => "hidden-file-link",
    symlinked_page_is_followed => "symlinked-page",
    dangling_symlink_is_named => "symlink-dangling",
    // book.toml and TOML mistakes with their place and the fix.
    book_missing_theme => "book-missing-theme",
    book_missing_content_dir => "book-missing-content-dir",
    book_empty_base_url => "book-empty-base-url",
    book_non_utf8 => "book-non-utf8",
    book_unclosed_string => "book-unclosed-string",
    toml_unclosed_array => "toml-unclosed-array",
    quiz_table_not_array => "quiz-table-not-array",
    yaml_front_matter => "yaml-front-matter",
    two_exam_versions_with_a_crosswalk_pass => "exam-versions",
    invalid_crosswalk_reported_at_each_line => "crosswalk-invalid",
    crosswalk_names_unknown_exam => "crosswalk-unknown-exam",
    invalid_exam_version_file => "exam-version-invalid",
}

#[test]
fn crlf_and_bom_pages_render_their_headings() {
    for (name, id) in [("crlf", "heading-here"), ("bom", "bom-heading")] {
        let tmp = tempfile::tempdir().unwrap();
        common::build(&fixture(name), tmp.path());
        let html = std::fs::read_to_string(tmp.path().join("page.html")).unwrap();
        assert!(
            html.contains(&format!("id=\"{id}\"")),
            "{name}: heading id missing"
        );
        assert!(
            !html.contains('\u{feff}') && !html.contains('\r'),
            "{name}: BOM or CR leaked into output"
        );
    }
}
