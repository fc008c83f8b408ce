//! Navigation stays linear on every layout (issue 16): the sidebar of a page has a bounded size
//! whatever the number of pages and the folder shape, the current page is marked in it, and
//! every page is two steps from every other (the sidebar links the contents page, which links
//! every page). Sizes and counts only, never timings.

mod common;
use common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

const LAYOUTS: [&str; 5] = ["domains", "flat", "folder", "section", "deep"];

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join("content").join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn page(title: &str, weight: usize, extra: &str) -> String {
    format!("+++\ntitle = \"{title}\"\nweight = {weight}\n{extra}+++\n\nSome text about {title}.\n")
}

/// A guide of `n` pages in `layout` (the layouts of `examples/synth.rs`, small pages).
fn guide(root: &Path, layout: &str, n: usize) {
    std::fs::write(root.join("book.toml"), "[book]\ntitle = \"Nav\"\n").unwrap();
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::copy(
        fixture("valid").join("content/blueprint.toml"),
        root.join("content/blueprint.toml"),
    )
    .unwrap();
    write(root, "_index.md", &page("Home", 0, ""));
    let mut made = 1;
    let plain = |root: &Path, dir: &str, made: &mut usize| {
        let rel = if dir.is_empty() {
            format!("page-{made:05}.md")
        } else {
            format!("{dir}/page-{made:05}.md")
        };
        write(root, &rel, &page(&format!("Page {made:05}"), *made, ""));
        *made += 1;
    };
    match layout {
        "domains" => {
            write(root, "d1/_index.md", &page("Domain", 1, "domain = \"1\"\n"));
            write(root, "d1/task.md", &page("Task", 2, "task = \"1.1\"\n"));
            made += 2;
            while made < n {
                plain(root, "d1", &mut made);
            }
        }
        "flat" | "folder" => {
            let dir = if layout == "flat" { "" } else { "pages" };
            while made < n {
                plain(root, dir, &mut made);
            }
        }
        "section" => {
            write(root, "s/_index.md", &page("Section", 1, ""));
            made += 1;
            while made < n {
                plain(root, "s", &mut made);
            }
        }
        "deep" | "deep-15" => {
            // A binary tree of sections eight levels deep, then pages spread over them;
            // `deep-15`: always 15 sections (four levels), so more pages fill each section.
            let sections = if layout == "deep-15" {
                15
            } else {
                (n / 2).clamp(1, 510)
            };
            let mut dirs: Vec<String> = Vec::new();
            for s in 0..sections {
                let name = format!("s{s:03}");
                let dir = if s == 0 {
                    name
                } else {
                    format!("{}/{name}", dirs[(s - 1) / 2])
                };
                write(
                    root,
                    &format!("{dir}/_index.md"),
                    &page(&format!("Section {s:03}"), made, ""),
                );
                made += 1;
                dirs.push(dir);
            }
            let mut k = 0;
            while made < n {
                plain(root, &dirs[k % sections].clone(), &mut made);
                k += 1;
            }
        }
        _ => unreachable!(),
    }
}

/// `href` resolved against the folder of `from` (both relative to the site root).
fn resolve(from: &str, href: &str) -> String {
    let href = href.split('#').next().unwrap();
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for p in href.split('/') {
        match p {
            ".." => drop(parts.pop()),
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

fn sidebar(html: &str) -> &str {
    let start = html.find("<nav id=\"sidebar\"").expect("a sidebar");
    let end = start + html[start..].find("</nav>").unwrap() + 6;
    &html[start..end]
}

struct Measure {
    /// Sidebar bytes of the largest sidebar.
    max_nav: usize,
    /// Links in the largest sidebar.
    max_links: usize,
}

/// Builds the guide and checks the two-step property; returns the sidebar sizes.
fn measure(layout: &str, n: usize) -> Measure {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("guide");
    std::fs::create_dir_all(&root).unwrap();
    guide(&root, layout, n);
    let dest = dir.path().join("site");
    build(&root, &dest);
    let tree = read_tree(&dest);
    let html: BTreeMap<&str, String> = tree
        .iter()
        .filter(|(p, _)| p.ends_with(".html") && p.as_str() != "404.html")
        .map(|(p, b)| (p.as_str(), String::from_utf8(b.clone()).unwrap()))
        .collect();
    // Content pages: the .md files, by output path.
    let content: BTreeSet<String> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| {
            let rel = e.path().strip_prefix(root.join("content")).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            rel.replace("_index.md", "index.md").replace(".md", ".html")
        })
        .collect();
    assert_eq!(content.len(), n, "{layout}: the generator made {n} pages");
    let linked_from_contents: BTreeSet<String> = attr_values(&html["contents.html"], "href")
        .iter()
        .map(|h| resolve("contents.html", h))
        .collect();
    let missing: Vec<_> = content.difference(&linked_from_contents).collect();
    assert!(
        missing.is_empty(),
        "{layout}: contents.html misses {missing:?}"
    );
    let mut m = Measure {
        max_nav: 0,
        max_links: 0,
    };
    for (path, text) in &html {
        if path.starts_with("print") {
            continue;
        }
        let nav = sidebar(text);
        let links: Vec<String> = attr_values(nav, "href")
            .iter()
            .map(|h| resolve(path, h))
            .collect();
        assert!(
            links.iter().any(|l| l == "contents.html"),
            "{layout}: the sidebar of {path} does not link the contents page"
        );
        if content.contains(*path) {
            assert!(
                nav.contains("aria-current=\"page\""),
                "{layout}: the sidebar of {path} does not mark the current page"
            );
        }
        m.max_nav = m.max_nav.max(nav.len());
        m.max_links = m.max_links.max(links.len());
    }
    m
}

#[test]
fn sidebar_size_does_not_grow_with_the_page_count_on_any_layout() {
    let mut report = String::new();
    for layout in LAYOUTS {
        let small = measure(layout, 120);
        let large = measure(layout, 600);
        writeln!(
            report,
            "{layout}: 120 pages: max {} B / {} links; 600 pages: max {} B / {} links",
            small.max_nav, small.max_links, large.max_nav, large.max_links
        )
        .unwrap();
        // Five times the pages: the largest sidebar may differ by the length of a few more
        // relative URLs and window entries, never in proportion to the pages.
        assert!(
            large.max_links <= small.max_links + 12,
            "{layout}: the sidebar grows with the guide\n{report}"
        );
        assert!(
            large.max_nav <= small.max_nav * 3 / 2 + 1024,
            "{layout}: the sidebar grows with the guide\n{report}"
        );
        assert!(large.max_nav < 30 * 1024, "{layout}: over 30 KB\n{report}");
    }
    eprintln!("{report}");
}

#[test]
fn sidebar_does_not_grow_as_the_sections_on_the_way_fill_up() {
    // The sections above the current page keep their number (four levels) while each holds
    // more pages: 3 pages a section, then 25. Every open level used to list all its entries up
    // to 30, so the sidebar of a page four levels down grew with the pages of each level above
    // it (the `deep` layout's sidebar: 2.8 KB at 1,000 pages, 14.8 KB at 10,000).
    let small = measure("deep-15", 60);
    let large = measure("deep-15", 400);
    let report = format!(
        "60 pages: max {} B / {} links; 400 pages: max {} B / {} links",
        small.max_nav, small.max_links, large.max_nav, large.max_links
    );
    // At 400 pages every level holds 25 to 30 entries. The page's own level may list them all
    // (up to 30); each other open level (the sections above, and a section page's own pages) a
    // window of 7 and a link to the rest: 52 links, against 117 when every open level listed
    // up to 30 entries.
    assert!(
        large.max_links <= small.max_links + 50,
        "the sidebar grows with the sections' pages\n{report}"
    );
    eprintln!("{report}");
}

/// The `id`s of the pages a print view holds.
fn print_pages(html: &str) -> Vec<String> {
    html.split("<section class=\"print-page\" id=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_string())
        .collect()
}

#[test]
fn every_page_is_in_a_print_view_of_bounded_size_on_any_layout() {
    // The whole guide on one page grows with it (hundreds of megabytes at 10,000 pages), so
    // beside it every page is also in a part of at most PART_PAGES pages: a top-level section,
    // or a run of pages of a large section or of a guide without sections. Parts are linked
    // from the whole view and the contents page.
    const PART_PAGES: usize = 100;
    for layout in LAYOUTS {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("guide");
        std::fs::create_dir_all(&root).unwrap();
        guide(&root, layout, 330);
        let dest = dir.path().join("site");
        build(&root, &dest);
        let tree = read_tree(&dest);
        let text = |p: &str| String::from_utf8(tree[p].clone()).unwrap();
        let whole = print_pages(&text("print.html"));
        assert_eq!(whole.len(), 330, "{layout}: the whole view has every page");
        let (whole_html, contents) = (text("print.html"), text("contents.html"));
        let mut in_parts = BTreeSet::new();
        let mut sizes = Vec::new();
        for part in tree.keys().filter(|p| p.starts_with("print/")) {
            let pages = print_pages(&text(part));
            sizes.push(pages.len());
            assert!(
                (1..=PART_PAGES).contains(&pages.len()),
                "{layout}: {part} holds {} pages",
                pages.len()
            );
            for (from, html) in [("print.html", &whole_html), ("contents.html", &contents)] {
                assert!(
                    html.contains(&format!("href=\"{part}\"")),
                    "{layout}: {part} not linked from {from}"
                );
            }
            for p in pages {
                assert!(in_parts.insert(p.clone()), "{layout}: {p} in two parts");
            }
        }
        if layout == "flat" {
            // Runs of a guide without sections say which pages they hold.
            assert!(
                contents.contains(">Part 1 of 4 (Home to Page 00099)</a>"),
                "flat: part titles in {contents}"
            );
        }
        // Every page but the home page is in a part.
        let outside: Vec<&String> = whole.iter().filter(|p| !in_parts.contains(*p)).collect();
        assert!(
            outside.len() <= 1,
            "{layout}: {} pages in no part (sizes {sizes:?}): {:?}",
            outside.len(),
            &outside[..outside.len().min(5)]
        );
    }
}
