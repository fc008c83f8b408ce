//! Serve mode's one-page rebuilds give exactly the files of a clean build.

mod common;
use common::*;
use std::collections::HashMap;
use studyguide::live::{LiveBuild, Scope};
use studyguide::pipeline::{self, Options};

fn clean(root: &std::path::Path) -> HashMap<String, Vec<u8>> {
    let outcome = pipeline::run(root, &Options::default());
    assert!(!outcome.has_errors(), "{:?}", outcome.diagnostics);
    outcome
        .files
        .unwrap()
        .into_iter()
        .map(|f| (f.path, f.bytes))
        .collect()
}

fn assert_same(live: &mut LiveBuild, root: &std::path::Path) {
    let want = clean(root);
    let have = live.files();
    let mut paths: Vec<&String> = want.keys().chain(have.keys()).collect();
    paths.sort();
    paths.dedup();
    for p in paths {
        assert!(have.get(p) == want.get(p), "{p} differs from a clean build");
    }
}

fn served(live: &mut LiveBuild, path: &str) -> String {
    String::from_utf8_lossy(live.file(path).expect(path)).into_owned()
}

#[test]
fn one_page_rebuilds_match_a_clean_build() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("content"), &dir.path().join("content"));
    std::fs::copy(repo().join("book.toml"), dir.path().join("book.toml")).unwrap();
    let root = dir.path();
    let mut live = LiveBuild::new(root, Options::default());
    let (outcome, scope) = live.rebuild(&[]);
    assert!(!outcome.has_errors() && scope == Scope::Full);

    let page = root.join("content/domain-1-data-preparation/1-1-ingest-and-store-data.md");
    let text = std::fs::read_to_string(&page).unwrap();
    // A body edit, with a new heading others could link to: one page.
    std::fs::write(
        &page,
        text.replacen("\n## ", "\n## A new section\n\nNew words here.\n\n## ", 1),
    )
    .unwrap();
    let (outcome, scope) = live.rebuild(std::slice::from_ref(&page));
    assert_eq!(scope, Scope::OnePage);
    assert!(!outcome.has_errors(), "{:?}", outcome.diagnostics);
    assert!(served(
        &mut live,
        "domain-1-data-preparation/1-1-ingest-and-store-data.html"
    )
    .contains("New words here."));
    // The print view is made again when asked for.
    assert!(served(&mut live, "print.html").contains("New words here."));
    assert_same(&mut live, root);

    // A broken edit keeps the last good files; the fix is one page again.
    let good = std::fs::read_to_string(&page).unwrap();
    let before = live.files().clone();
    std::fs::write(
        &page,
        good.replacen("New words here.", "New [words](missing.md) here.", 1),
    )
    .unwrap();
    let (outcome, _) = live.rebuild(std::slice::from_ref(&page));
    assert!(outcome.has_errors());
    assert!(*live.files() == before, "a failed rebuild changed the site");
    std::fs::write(&page, good.replacen("New words here.", "Fixed words.", 1)).unwrap();
    let (outcome, scope) = live.rebuild(std::slice::from_ref(&page));
    assert!(!outcome.has_errors() && scope == Scope::OnePage);
    assert_same(&mut live, root);

    // A title shows on other pages (sidebar, neighbours): everything is rebuilt.
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        text.replacen(
            "title = \"Ingest and store data\"",
            "title = \"Ingest and store the data\"",
            1,
        ),
    )
    .unwrap();
    let (outcome, scope) = live.rebuild(std::slice::from_ref(&page));
    assert!(!outcome.has_errors(), "{:?}", outcome.diagnostics);
    assert_eq!(scope, Scope::Full);
    assert!(
        served(
            &mut live,
            "domain-1-data-preparation/1-2-transform-and-engineer-features.html"
        )
        .contains("Ingest and store the data"),
        "the next page's previous link shows the new title"
    );
    assert_same(&mut live, root);
}
