//! One fixture guide per kind of bad input (and the inputs that must work), each with the
//! exact diagnostics `check` prints (`expected.txt`) and its exit code (`expected-exit`);
//! an optional `args` file holds extra command-line flags (e.g. `--verbose`).

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
    let extra = std::fs::read_to_string(dir.join("args")).unwrap_or_default();
    let mut args = vec!["--root", dir.to_str().unwrap()];
    args.extend(extra.split_whitespace());
    args.push("check");
    let (code, _, stderr) = run(&args);
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
    // Issue 15, items 1-3, 6-8, 10-12.
    unicode_case_folding_in_glossary_terms => "unicode-glossary",
    long_line_shows_a_bounded_window => "long-line-verbose",
    windows_and_file_links_are_errors => "local-path-link",
    misspelled_glossary_setting_is_reported => "glossary-misspelled",
    select_count_matches_correct_options => "quiz-mr-select-count",
    code_samples_are_kept_as_written => "code-samples",
    no_glossary_links_inside_raw_html => "glossary-raw-html",
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

/// Item 1 of issue 15: case folding that changes byte lengths (İ, ẞ, final sigma) links the
/// right words.
#[test]
fn unicode_glossary_terms_link_the_words_written() {
    let tmp = tempfile::tempdir().unwrap();
    common::build(&fixture("unicode-glossary"), tmp.path());
    let html = std::fs::read_to_string(tmp.path().join("page.html")).unwrap();
    assert!(
        html.contains(
            "İẞ text: the <a class=\"glossary-term\" href=\"glossary.html#ß\">ß</a> and ẞ"
        ),
        "{html}"
    );
    assert!(
        html.contains("a road: <a class=\"glossary-term\" href=\"glossary.html#οδοσ\">οδος</a>."),
        "{html}"
    );
}

/// Item 10 of issue 15: the print view and the practice bank copy code as written; only real
/// links move.
#[test]
fn print_view_and_bank_keep_code_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    common::build(&fixture("code-samples"), tmp.path());
    let print = std::fs::read_to_string(tmp.path().join("print.html")).unwrap();
    let sample = "<code>&lt;a href=\"other.html\" id=\"top\"&gt;&lt;img src=\"logo.png\"&gt;&lt;/a&gt;\n</code>";
    let inline = "<code>&lt;a href=\"other.html\"&gt;</code>";
    let page = std::fs::read_to_string(tmp.path().join("d1/page.html")).unwrap();
    assert!(page.contains(inline), "{page}");
    assert!(print.contains(inline), "print view changed inline code");
    assert!(page.contains(sample), "{page}");
    assert_eq!(
        print.matches(sample).count(),
        2,
        "print view changed a code block"
    );
    assert!(
        !print.contains("d1/other.html") && !print.contains("p-d1-page--top"),
        "print view rewrote code"
    );
    assert!(
        print.contains("href=\"#p-t\""),
        "the real link is still rewritten"
    );
    // The question HTML of the practice exam and the review, in its chunks.
    let bank: String = std::fs::read_dir(tmp.path().join("assets/bank"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert!(bank.contains(sample), "bank changed a code sample: {bank}");
    assert!(
        !bank.contains("d1/other.html") && !bank.contains("d1/logo.png"),
        "{bank}"
    );
}

/// Item 12 of issue 15: no glossary link inside the author's raw `<a>`, `<code>`, `<kbd>` or
/// `<pre>`; the first mention outside them is linked.
#[test]
fn glossary_links_stay_out_of_raw_html() {
    let tmp = tempfile::tempdir().unwrap();
    common::build(&fixture("glossary-raw-html"), tmp.path());
    let html = std::fs::read_to_string(tmp.path().join("page.html")).unwrap();
    assert_eq!(html.matches("glossary-term").count(), 1, "{html}");
    assert!(
        html.contains(
            "<a href=\"https://example.org\">the baz docs</a>, <code>baz</code>, <kbd>baz</kbd>."
        ),
        "{html}"
    );
    assert!(
        html.contains(
            "Now <a class=\"glossary-term\" href=\"glossary.html#baz\">baz</a> is linked once."
        ),
        "{html}"
    );
}
