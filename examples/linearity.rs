//! Time and memory stay linear in the input however it is shaped (issue 15, items 2 and 3).
//!
//! ```sh
//! cargo run --release --example linearity -- /tmp/linearity        # writes the guides, times `check`
//! /usr/bin/time -v target/release/studyguide --root /tmp/linearity/long-line check   # peak RSS
//! ```
//!
//! Writes six guides under the folder given (default `/tmp/studyguide-linearity`), then checks
//! each in this process and prints the time and the number of diagnostics:
//!
//! - `long-line/`: one page whose body is one 1 MB line of broken links (65,536 of them);
//! - `long-line-verbose/`: the same size, 2 MB, with a single broken link at its end (what
//!   `--verbose` prints for it must stay short);
//! - `repeated-headings/`: 20,000 `## Example` headings on one page;
//! - `distinct-headings/`: 20,000 different headings (the baseline for the one above);
//! - `broken-links/`: 50,000 broken links, one per line;
//! - `broken-anchors/`: 50,000 links to missing anchors of the same page, one per line.
//!
//! The targets (issue 15): each `check` under a second, the long line under 200 MB peak RSS
//! (measure that with `/usr/bin/time -v`, as the process's own peak includes the others).

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

fn guide(root: &Path, name: &str, body: &str) -> std::path::PathBuf {
    let dir = root.join(name);
    let content = dir.join("content");
    std::fs::create_dir_all(&content).expect("create the guide's folder");
    std::fs::write(
        content.join("_index.md"),
        "+++\ntitle = \"Home\"\n+++\n\nHome.\n",
    )
    .expect("write _index.md");
    std::fs::write(
        content.join("page.md"),
        format!("+++\ntitle = \"Page\"\n+++\n\n{body}"),
    )
    .expect("write page.md");
    dir
}

fn main() {
    let root = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/tmp/studyguide-linearity".into());
    let root = Path::new(&root);
    let link = "[x](missing.md) "; // 16 bytes
    let mut long_line = link.repeat(1 << 16);
    long_line.push('\n');
    let mut verbose = "x".repeat(2 << 20);
    verbose.push_str(" [x](missing.md)\n");
    let repeated = "## Example\n\nText.\n\n".repeat(20_000);
    let mut distinct = String::new();
    for i in 0..20_000 {
        let _ = write!(distinct, "## Example {i}\n\nText.\n\n");
    }
    let mut broken = String::new();
    for i in 0..50_000 {
        let _ = writeln!(broken, "See [page {i}](missing-{i}.md).");
    }
    let mut anchors = String::new();
    for i in 0..50_000 {
        let _ = writeln!(anchors, "See [part {i}](#missing-{i}).");
    }
    let cases = [
        ("long-line", long_line),
        ("long-line-verbose", verbose),
        ("repeated-headings", repeated),
        ("distinct-headings", distinct),
        ("broken-links", broken),
        ("broken-anchors", anchors),
    ];
    for (name, body) in &cases {
        let dir = guide(root, name, body);
        let start = Instant::now();
        let outcome = studyguide::pipeline::check(&dir, &Default::default());
        let took = start.elapsed();
        let shown: usize = outcome
            .diagnostics
            .iter()
            .map(|d| d.to_string().len())
            .sum();
        println!(
            "{name:<18} {:>8.3} s  {:>6} diagnostics, {:>9} bytes as --verbose prints them  ({} KB of Markdown)",
            took.as_secs_f64(),
            outcome.diagnostics.len(),
            shown,
            body.len() / 1024
        );
    }
}
