//! The build as a whole: determinism, atomicity, relative URLs, link integrity of the guide in
//! this repository, `init`, exit codes.

mod common;
use common::*;
use std::collections::BTreeSet;

#[test]
fn two_builds_are_byte_identical() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    build(&repo(), a.path());
    build(&repo(), b.path());
    let (ta, tb) = (read_tree(a.path()), read_tree(b.path()));
    assert!(ta.len() > 20);
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (path, bytes) in &ta {
        assert!(bytes == &tb[path], "{path} differs between two builds");
    }
}

#[test]
fn failed_build_leaves_previous_output_untouched() {
    let guide = tempfile::tempdir().unwrap();
    copy_dir(&fixture("valid"), guide.path());
    let dest = guide.path().join("site");
    build(guide.path(), &dest);
    let before = read_tree(&dest);
    std::fs::write(
        guide.path().join("content/broken.md"),
        "+++\ntitle = \"x\"\n+++\n[a](nowhere.md)\n",
    )
    .unwrap();
    let (code, _, err) = run(&[
        "--root",
        guide.path().to_str().unwrap(),
        "build",
        "--dest",
        dest.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("content/broken.md:4:5: error[E030]"), "{err}");
    assert_eq!(
        read_tree(&dest),
        before,
        "the failed build changed the previous output"
    );
    // No temporary folders are left behind either.
    let leftovers: Vec<_> = std::fs::read_dir(guide.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".site."))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn pages_use_only_relative_urls() {
    let dest = tempfile::tempdir().unwrap();
    let (code, _, err) = run(&[
        "--root",
        repo().to_str().unwrap(),
        "build",
        "--base-url",
        "https://example.org/pr-42/",
        "--dest",
        dest.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let tree = read_tree(dest.path());
    let mut checked = 0;
    for (path, bytes) in tree
        .iter()
        .filter(|(p, _)| p.ends_with(".html") && *p != "404.html")
    {
        let html = String::from_utf8_lossy(bytes);
        for attr in ["href", "src", "action"] {
            for url in attr_values(&html, attr) {
                checked += 1;
                let canonical = html.contains(&format!("<link rel=\"canonical\" href=\"{url}\""));
                assert!(
                    canonical || !url.starts_with('/'),
                    "{path}: root-relative {attr} {url}"
                );
                assert!(
                    canonical || !url.starts_with("https://example.org"),
                    "{path}: absolute {attr} {url}"
                );
            }
        }
    }
    assert!(checked > 1000, "only {checked} URLs seen");
    let sitemap = String::from_utf8_lossy(&tree["sitemap.xml"]).into_owned();
    assert!(sitemap.contains("<loc>https://example.org/pr-42/domain-1-data-preparation/1-1-ingest-and-store-data.html</loc>"), "{sitemap}");
}

/// Every internal href/src in the built guide points to a file that exists and, with a
/// fragment, to an id on that page.
#[test]
fn every_internal_link_in_the_guide_resolves() {
    let dest = tempfile::tempdir().unwrap();
    build(&repo(), dest.path());
    let tree = read_tree(dest.path());
    let ids = |path: &str| -> BTreeSet<String> {
        attr_values(&String::from_utf8_lossy(&tree[path]), "id")
            .into_iter()
            .collect()
    };
    let mut links = 0;
    for (path, bytes) in tree
        .iter()
        .filter(|(p, _)| p.ends_with(".html") && *p != "404.html")
    {
        let html = String::from_utf8_lossy(bytes);
        let all_ids = attr_values(&html, "id");
        let unique: BTreeSet<&String> = all_ids.iter().collect();
        assert_eq!(unique.len(), all_ids.len(), "{path}: duplicate ids");
        let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
        for url in attr_values(&html, "href")
            .into_iter()
            .chain(attr_values(&html, "src"))
        {
            if url.contains("://") || url.starts_with("mailto:") {
                continue;
            }
            links += 1;
            let (file, frag) = url.split_once('#').unwrap_or((&url, ""));
            let target = if file.is_empty() {
                path.clone()
            } else {
                normalize(dir, file)
            };
            assert!(
                tree.contains_key(&target),
                "{path}: link {url} -> missing file {target}"
            );
            if !frag.is_empty() && target.ends_with(".html") {
                assert!(
                    ids(&target).contains(frag),
                    "{path}: link {url} -> no id `{frag}` in {target}"
                );
            }
        }
    }
    assert!(links > 2000, "only {links} links checked");
}

fn normalize(dir: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = if dir.is_empty() {
        vec![]
    } else {
        dir.split('/').collect()
    };
    for seg in rel.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[test]
fn init_then_build_works_anywhere() {
    let dir = tempfile::tempdir().unwrap();
    let guide = dir.path().join("new-guide");
    let (code, out, err) = run(&["init", guide.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("created"));
    let (code, _, err) = run(&["--root", guide.to_str().unwrap(), "build"]);
    assert_eq!(code, 0, "{err}");
    let page = std::fs::read_to_string(guide.join("book/domain-1/1-1-first-task.html")).unwrap();
    for kind in [
        "multiple-choice",
        "multiple-response",
        "ordering",
        "matching",
    ] {
        assert!(
            page.contains(&format!("data-kind=\"{kind}\"")),
            "no {kind} question"
        );
    }
    assert!(page.contains("class=\"quiz case-study\""));
    // A second init refuses to overwrite.
    let (code, _, err) = run(&["init", guide.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("never overwrites"), "{err}");
}

#[test]
fn usage_errors_exit_2_and_warnings_can_be_denied() {
    assert_eq!(run(&["build", "--no-such-flag"]).0, 2);
    assert_eq!(run(&["frobnicate"]).0, 2);
    let guide = tempfile::tempdir().unwrap();
    copy_dir(&fixture("valid"), guide.path());
    // Weights that do not add up to 100 are a warning.
    let bp = guide.path().join("content/blueprint.toml");
    std::fs::write(
        &bp,
        std::fs::read_to_string(&bp)
            .unwrap()
            .replace("weight = 100", "weight = 90"),
    )
    .unwrap();
    let root = guide.path().to_str().unwrap();
    let (code, _, err) = run(&["--root", root, "check"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning[W020]: domain weights add up to 90, not 100"),
        "{err}"
    );
    assert_eq!(run(&["--root", root, "--deny-warnings", "check"]).0, 1);
}

#[test]
fn the_guide_in_this_repository_checks_clean() {
    let (code, _, err) = run(&[
        "--root",
        repo().to_str().unwrap(),
        "--deny-warnings",
        "check",
    ]);
    assert_eq!(code, 0, "{err}");
}

/// The question HTML holds only what works without JavaScript (quiz.js adds buttons, marks
/// and the feedback line), and an ordering question is not shown in its answer's order.
#[test]
fn question_markup_works_without_javascript() {
    let dest = tempfile::tempdir().unwrap();
    build(&repo(), dest.path());
    let tree = read_tree(dest.path());
    let (mut questions, mut orderings) = (0, 0);
    for (path, bytes) in tree.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for q in html.split("<section class=\"quiz").skip(1) {
            // A case study's own part ends where its first sub-question starts.
            let q = &q[..q.find("</section>").unwrap_or(q.len())];
            questions += 1;
            for js_only in [
                "<button",
                "class=\"mark\"",
                "class=\"feedback\"",
                "Leave out</label>",
            ] {
                assert!(!q.contains(js_only), "{path}: `{js_only}` in {q}");
            }
            if q.contains("data-kind=\"ordering\"") {
                orderings += 1;
                let list = &q[q.find("class=\"order-list\"").unwrap()..q.find("</ol>").unwrap()];
                let shown: Vec<String> = attr_values(list, "data-index");
                let answer: Vec<String> = (0..shown.len()).map(|i| i.to_string()).collect();
                assert!(shown.len() > 1, "{path}: {list}");
                assert_ne!(shown, answer, "{path}: steps shown in the answer's order");
            }
        }
    }
    assert!(
        questions > 150 && orderings > 10,
        "{questions} questions, {orderings} ordering"
    );
}

#[test]
fn a_print_view_per_domain_beside_the_whole_one() {
    let dest = tempfile::tempdir().unwrap();
    build(&repo(), dest.path());
    let tree = read_tree(dest.path());
    let whole = String::from_utf8_lossy(&tree["print.html"]).into_owned();
    let parts: Vec<&String> = tree.keys().filter(|p| p.starts_with("print/")).collect();
    assert_eq!(parts.len(), 4, "one print view per domain: {parts:?}");
    for part in parts {
        let html = String::from_utf8_lossy(&tree[part]);
        // Linked from the whole view and the contents page, and much smaller than the whole.
        assert!(
            whole.contains(&format!("href=\"{part}\"")),
            "{part} not linked"
        );
        let contents = String::from_utf8_lossy(&tree["contents.html"]);
        assert!(
            contents.contains(&format!("href=\"{part}\"")),
            "{part} not listed"
        );
        assert!(html.len() < whole.len() / 2, "{part} is not a part");
        assert!(html.contains("class=\"print-page\""), "{part} has no pages");
    }
}
