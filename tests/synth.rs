//! The benchmark's synthetic guide (`examples/synth.rs`) must pass `studyguide --deny-warnings
//! check` on every layout: `bench/run.sh` refuses to time a guide that does not.

mod common;

#[path = "../examples/synth.rs"]
#[allow(dead_code)] // its `main` and argument parsing are for the example binary
mod synth;

use synth::Layout;

#[test]
fn synthetic_guide_passes_check_with_warnings_denied_on_every_layout() {
    let layouts = [
        ("domains", Layout::Domains),
        ("flat", Layout::Flat),
        ("folder", Layout::Folder),
        ("section", Layout::Section),
        ("deep", Layout::Deep),
    ];
    for (layout, which) in layouts {
        let dir = tempfile::tempdir().unwrap();
        let (pages, questions) = synth::generate(150, dir.path(), which);
        assert_eq!(pages, 150, "layout {layout}");
        assert!(questions > 150, "layout {layout}: {questions} questions");
        let root = dir.path().join("studyguide");
        let (code, _, err) =
            common::run(&["--root", root.to_str().unwrap(), "--deny-warnings", "check"]);
        assert_eq!(code, 0, "layout {layout}: check failed:\n{err}");
        assert!(
            !err.contains("warning["),
            "layout {layout}: warnings:\n{err}"
        );
    }
}
