//! Property tests (issue 15): generated and mutated guides — front matter, Markdown with deep
//! nesting and long lines, every awkward Unicode class (İ ẞ ß ﬁ final sigma, combining marks,
//! bidi controls), questions of every kind and blueprints — go through `check`, which must
//! never panic; its diagnostics must be placed inside the file they name. Fast properties of
//! the pieces (Markdown with a glossary, the tag scanner, the line locator) run many more cases.
//!
//! `cargo test --test prop` runs a short round (a few seconds). The long run, for a fixed time:
//!
//! ```sh
//! STUDYGUIDE_FUZZ_SECS=600 cargo test --release --test prop -- --ignored --nocapture
//! ```
//!
//! `PROPTEST_CASES=N` sets the number of cases of each short property.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::path::Path;

/// Pieces text is made of: the Unicode the issue names, Markdown and HTML syntax, and plain
/// words that glossary terms can match.
const ATOMS: &[&str] = &[
    "İ",
    "ı",
    "ẞ",
    "ß",
    "ﬁ",
    "ﬀ",
    "Σ",
    "σ",
    "ς",
    "ΟΔΟΣ",
    "οδος",
    "e\u{301}",
    "\u{301}",
    "\u{307}",
    "\u{200d}",
    "\u{202e}",
    "\u{feff}",
    "👩\u{200d}💻",
    "日本",
    "\t",
    " ",
    "  ",
    "\n",
    "\r\n",
    "\n\n",
    "[",
    "]",
    "(",
    ")",
    "#",
    "*",
    "_",
    "`",
    "```",
    "~~~",
    "<",
    ">",
    "|",
    ":",
    "\\",
    "\"",
    "'",
    "&",
    "&amp;",
    "+++",
    "---",
    "- ",
    "1. ",
    "> ",
    "    ",
    "baz",
    "Baz",
    "drift",
    "Amazon S3",
    "s3",
    "x",
    "42",
    "=",
    "{",
    "}",
    "<!--",
    "-->",
    "{#id}",
    "[^1]",
    "<a href=\"x.md\">",
    "</a>",
    "<code>",
    "</code>",
    "<pre>",
    "</pre>",
    "<div>",
    "</div>",
    "<script>",
    "</script>",
    "href=\"other.html\"",
    "id=\"top\"",
];

const DESTS: &[&str] = &[
    "missing.md",
    "t.md",
    "t.md#section",
    "t.md#nope",
    "#nope",
    "#",
    "",
    "../x.md",
    "C:\\Users\\jane\\notes.md",
    "c:notes.md",
    "file:///etc/passwd",
    "https://example.org/a b",
    "task:1.1",
    "task:9.9",
    "domain:1",
    "item:1.1.K1",
    "item:İ",
    "glossary.md#ß",
    "..\\t.md",
    "/abs.md",
    "mailto:x@y",
    "ß.md",
    "img.png",
];

fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ATOMS), 0..max).prop_map(|v| v.concat())
}

/// One Markdown block, possibly nested deeply or on one very long line.
fn block() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        text(12),
        (1..7usize, text(6)).prop_map(|(n, t)| format!("{} {t}", "#".repeat(n))),
        (text(4), prop::sample::select(DESTS)).prop_map(|(t, d)| format!("[{t}]({d})")),
        (text(4), prop::sample::select(DESTS)).prop_map(|(t, d)| format!("![{t}]({d})")),
        (
            text(6),
            prop::sample::select(
                &["", "html", "python", "json", "yaml", "bash", "rust", "x y"][..]
            )
        )
            .prop_map(|(t, l)| format!("```{l}\n{t}\n```")),
        text(6).prop_map(|t| format!("{t}\n: {t}")),
        text(6).prop_map(|t| format!("| {t} | b |\n|---|---|\n| {t} | 2 |")),
        text(6).prop_map(|t| format!("> [!NOTE]\n> {t}")),
        (prop::sample::select(DESTS), text(4))
            .prop_map(|(d, t)| format!("<a href=\"{d}\">{t} baz</a> <code>baz {t}</code>")),
        (prop::sample::select(ATOMS), 1000..20_000usize)
            .prop_map(|(a, n)| a.repeat(n / a.len().max(1))),
        (prop::sample::select(DESTS), 100..3000usize)
            .prop_map(|(d, n)| format!("[x]({d}) ").repeat(n)),
        Just("<!-- quiz: q-1 -->".to_string()),
        Just("<!-- quiz: nope -->".to_string()),
    ];
    leaf.prop_recursive(4, 64, 6, |inner| {
        prop_oneof![
            (1..60usize, inner.clone()).prop_map(|(n, b)| format!("{}{b}", "> ".repeat(n))),
            (1..40usize, inner.clone()).prop_map(|(n, b)| {
                (0..n)
                    .map(|i| format!("{}- {b}\n", "  ".repeat(i)))
                    .collect()
            }),
            (1..200usize).prop_map(|n| format!("{}x{}", "*[".repeat(n), "]*".repeat(n))),
            prop::collection::vec(inner, 1..4).prop_map(|v| v.join("\n\n")),
        ]
    })
}

fn markdown() -> impl Strategy<Value = String> {
    prop::collection::vec(block(), 0..8).prop_map(|v| v.join("\n\n"))
}

/// `s` as a TOML basic string (broken TOML comes from the mutations, not from here).
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A `[[quiz]]` table of any kind, well or badly formed.
fn question() -> impl Strategy<Value = String> {
    (
        prop::sample::select(&["multiple-choice", "multiple-response", "ordering", "matching", "case-study", "essay", ""][..]),
        prop::sample::select(&["q-1", "q-2", "Q 3", "", "ß-ı"][..]),
        text(6),
        0..8usize,
        0..8usize,
        prop::sample::select(&["(Select TWO.)", "(Choose 3.)", "Pick ten", "", "select İ"][..]),
    )
        .prop_map(|(kind, id, t, n, correct, select)| {
            let mut q = format!(
                "\n[[quiz]]\nid = \"{id}\"\nkind = \"{kind}\"\ncovers = [\"1.1.K1\"]\nprompt = {}\nexplanation = \"E\"\n",
                toml_string(&format!("{t} {select}"))
            );
            match kind {
                "ordering" => q.push_str(&format!("steps = [{}]\n", (0..n).map(|i| format!("\"s{i}\"")).collect::<Vec<_>>().join(", "))),
                "matching" => q.push_str(&format!("pairs = [{}]\n", (0..n).map(|i| format!("{{ left = \"l{i}\", right = \"r{i}\" }}")).collect::<Vec<_>>().join(", "))),
                "case-study" => {
                    q.push_str("scenario = \"S\"\n");
                    for i in 0..n.min(3) {
                        q.push_str(&format!("[[quiz.questions]]\nid = \"sub-{i}\"\nkind = \"multiple-choice\"\ncovers = [\"1.1.S1\"]\nprompt = \"P\"\nexplanation = \"E\"\noptions = [{{ text = \"a\", correct = true, why = \"w\" }}, {{ text = \"b\", why = \"w\" }}, {{ text = \"c\", why = \"w\" }}, {{ text = \"d\", why = \"w\" }}]\n"));
                    }
                }
                _ => q.push_str(&format!(
                    "options = [{}]\n",
                    (0..n)
                        .map(|i| format!("{{ text = {}, correct = {}, why = \"w\" }}", toml_string(&format!("{t}{i}")), i < correct))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            }
            q
        })
}

/// Front matter: known keys with fitting or unfitting values, questions, and then byte-level
/// mutations (a deleted, doubled or inserted piece).
fn front_matter() -> impl Strategy<Value = String> {
    let field = prop_oneof![
        text(5).prop_map(|t| format!("title = {}", toml_string(&t))),
        Just("task = \"1.1\"".to_string()),
        Just("task = \"9.9\"".to_string()),
        Just("domain = \"1\"".to_string()),
        Just("weight = \"1\"".to_string()),
        Just("weight = 3".to_string()),
        Just("draft = true".to_string()),
        Just("covers = [\"1.1.K1\", \"İ\"]".to_string()),
        Just("covers = [".to_string()),
        Just("link-glossary = false".to_string()),
        Just("[quiz]".to_string()),
        text(4),
    ];
    (
        prop::collection::vec(field, 0..6),
        prop::collection::vec(question(), 0..4),
        prop::collection::vec(
            (
                any::<prop::sample::Index>(),
                0..3u8,
                prop::sample::select(ATOMS),
            ),
            0..3,
        ),
    )
        .prop_map(|(fields, questions, mutations)| {
            let mut fm = format!(
                "title = \"Page\"\n{}\n{}",
                fields.join("\n"),
                questions.concat()
            );
            for (at, how, atom) in mutations {
                let mut i = at.index(fm.len() + 1);
                while !fm.is_char_boundary(i) {
                    i -= 1;
                }
                match how {
                    0 => fm.insert_str(i, atom),
                    1 => {
                        let end = (i + 7).min(fm.len());
                        let end = (end..=fm.len())
                            .find(|&e| fm.is_char_boundary(e))
                            .unwrap_or(fm.len());
                        fm.replace_range(i..end, "");
                    }
                    _ => {
                        let piece: String = fm[i..].chars().take(9).collect();
                        fm.insert_str(i, &piece);
                    }
                }
            }
            fm
        })
}

const BLUEPRINT: &str = "[exam]\ncode = \"FX-01\"\n\n[[domain]]\nid = \"1\"\ntitle = \"Domain one\"\nweight = 100\n\n[[domain.task]]\nid = \"1.1\"\ntitle = \"Task one\"\nknowledge = [ { id = \"1.1.K1\", text = \"Knowing\" } ]\nskills = [ { id = \"1.1.S1\", text = \"Doing\" } ]\n";

/// The fixture blueprint with a few lines deleted, doubled or changed.
fn blueprint() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            any::<prop::sample::Index>(),
            0..3u8,
            prop::sample::select(ATOMS),
        ),
        0..3,
    )
    .prop_map(|edits| {
        let mut lines: Vec<String> = BLUEPRINT.lines().map(str::to_string).collect();
        for (at, how, atom) in edits {
            let i = at.index(lines.len());
            match how {
                0 => {
                    lines.remove(i);
                }
                1 => {
                    let l = lines[i].clone();
                    lines.insert(i, l);
                }
                _ => lines[i].push_str(atom),
            }
            if lines.is_empty() {
                break;
            }
        }
        lines.join("\n")
    })
}

#[derive(Debug, Clone)]
struct Guide {
    front: String,
    body: String,
    terms: Vec<String>,
    blueprint: String,
}

fn guide() -> impl Strategy<Value = Guide> {
    (
        front_matter(),
        markdown(),
        prop::collection::vec(text(3), 0..6),
        prop_oneof![3 => Just(BLUEPRINT.to_string()), 1 => blueprint()],
    )
        .prop_map(|(front, body, terms, blueprint)| Guide {
            front,
            body,
            terms,
            blueprint,
        })
}

fn write(dir: &Path, g: &Guide) {
    let c = dir.join("content");
    std::fs::create_dir_all(&c).unwrap();
    std::fs::write(c.join("blueprint.toml"), &g.blueprint).unwrap();
    std::fs::write(
        c.join("_index.md"),
        "+++\ntitle = \"Home\"\n+++\n\nSee [task one](t.md).\n",
    )
    .unwrap();
    std::fs::write(c.join("t.md"), "+++\ntitle = \"Task one\"\ntask = \"1.1\"\ncovers = [\"1.1.K1\", \"1.1.S1\"]\n+++\n\n## Section\n\nBaz and drift and ß.\n").unwrap();
    let mut glossary = String::from("+++\ntitle = \"Glossary\"\n+++\n\n");
    for t in g.terms.iter().chain(
        ["ß", "baz", "ΟΔΟΣ", "İ"]
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .iter(),
    ) {
        let t = t.replace('\n', " ");
        glossary.push_str(&format!("{t}\n: Defined.\n\n"));
    }
    std::fs::write(c.join("glossary.md"), glossary).unwrap();
    std::fs::write(
        c.join("page.md"),
        format!("+++\n{}\n+++\n\n{}", g.front, g.body),
    )
    .unwrap();
}

/// `check` on the guide: no panic, and every diagnostic placed inside the file it names.
fn check_guide(g: &Guide) -> Result<(), TestCaseError> {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), g);
    let outcome = studyguide::pipeline::check(tmp.path(), &Default::default());
    // Lines per file, each file read once.
    let mut lines: std::collections::HashMap<&str, Option<usize>> = Default::default();
    for d in &outcome.diagnostics {
        let shown = d.to_string();
        prop_assert!(shown.len() < 4_000, "a diagnostic of {} bytes", shown.len());
        if d.line > 0 {
            let count = *lines.entry(d.path.as_str()).or_insert_with(|| {
                std::fs::read_to_string(tmp.path().join(&d.path))
                    .ok()
                    .map(|t| t.split('\n').count())
            });
            if let Some(count) = count {
                prop_assert!(
                    d.line <= count,
                    "{}: line {} of {}",
                    d.headline(),
                    d.line,
                    count
                );
            }
        }
    }
    Ok(())
}

fn cases(default: u32) -> Config {
    let mut c = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        c.cases = default;
    }
    c
}

proptest! {
    #![proptest_config(cases(16))]

    #[test]
    fn check_never_panics_on_generated_guides(g in guide()) {
        check_guide(&g)?;
    }
}

proptest! {
    #![proptest_config(cases(32))]

    #[test]
    fn markdown_with_a_glossary_never_panics(md in markdown(), terms in prop::collection::vec(text(3), 0..6)) {
        // Through `check`, as an author meets it: a valid page whose body is the generated
        // Markdown, and a glossary of generated terms besides ß, İ, ΟΔΟΣ and baz.
        check_guide(&Guide {
            front: "title = \"Page\"".to_string(),
            body: md,
            terms,
            blueprint: BLUEPRINT.to_string(),
        })?;
    }

    #[test]
    fn tag_scanner_keeps_what_it_is_not_asked_to_change(html in text(60)) {
        prop_assert_eq!(studyguide::html::rewrite_attrs(&html, |_, _| None), html.clone());
        let doubled = studyguide::html::rewrite_attrs(&html, |_, v| Some(v.to_string()));
        prop_assert_eq!(doubled, html);
    }

    #[test]
    fn locator_agrees_with_locate(s in text(80), offsets in prop::collection::vec(any::<prop::sample::Index>(), 1..20)) {
        let loc = studyguide::diagnostic::Locator::new(&s);
        for o in offsets {
            let o = o.index(s.len() + 1);
            let (line, column, range) = loc.locate(o);
            let (l2, c2, src) = studyguide::diagnostic::locate(&s, o);
            prop_assert_eq!((line, column, &s[range]), (l2, c2, src));
        }
    }
}

/// The long run: generated guides through `check` for `STUDYGUIDE_FUZZ_SECS` seconds (default
/// 600), in rounds of 64 with a fresh seed each; prints how many it checked.
#[test]
#[ignore]
fn fuzz_for_a_while() {
    let secs: u64 = std::env::var("STUDYGUIDE_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(600);
    let start = std::time::Instant::now();
    let mut checked = 0u64;
    let mut rounds = 0u64;
    while start.elapsed().as_secs() < secs {
        let mut runner = TestRunner::new(Config {
            cases: 64,
            failure_persistence: None,
            ..Config::default()
        });
        runner.run(&guide(), |g| check_guide(&g)).unwrap();
        checked += 64;
        rounds += 1;
    }
    println!("fuzz_for_a_while: {checked} generated guides checked in {rounds} rounds, {:.0} s, no panic", start.elapsed().as_secs_f64());
}
