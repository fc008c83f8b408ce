//! Benchmark (not a test): time from a one-page edit to the live-reload message under
//! `studyguide serve`. Usage:
//!
//! ```sh
//! cargo build --release && cargo run --release --example synth -- --pages 1000 --out /tmp/synth
//! cargo run --release --example reload_bench -- /tmp/synth/studyguide [RUNS]
//! ```
//!
//! Prints each run and the median, with and without the 50 ms debounce the server waits for
//! editors that write a file in several steps.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const DEBOUNCE_MS: f64 = 50.0;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let root = PathBuf::from(args.get(1).expect("usage: reload_bench GUIDE_DIR [RUNS]"));
    let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(15);
    let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/studyguide");
    let mut child = Command::new(&bin)
        .args(["--root", root.to_str().unwrap(), "serve", "--port", "0"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("start target/release/studyguide (cargo build --release first)");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut port = 0u16;
    for line in lines.by_ref() {
        let line = line.unwrap();
        eprintln!("server: {line}");
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            port = rest.split('/').next().unwrap().parse().unwrap();
            break;
        }
    }
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            eprintln!("server: {line}");
        }
    });
    let url = format!("ws://127.0.0.1:{port}{}", studyguide::serve::RELOAD_PATH);
    let (mut socket, _) = tungstenite::connect(url).expect("reload socket");
    let mut next_data = || loop {
        if let tungstenite::Message::Text(_) = socket.read().expect("reload message") {
            return;
        }
    };
    next_data();
    // The first page with a body to edit: the largest Markdown file that is not an _index.md.
    let page = walk(&root.join("content"))
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("_index.md"))
        .expect("a page");
    let original = std::fs::read_to_string(&page).unwrap();
    let mut times = Vec::new();
    for n in 0..runs {
        let edited = format!("{original}\n\nEdit number {n}.\n");
        let start = Instant::now();
        std::fs::write(&page, edited).unwrap();
        next_data();
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        println!(
            "run {n:>2}: {ms:7.1} ms edit to reload message ({:6.1} ms without the debounce)",
            ms - DEBOUNCE_MS
        );
        times.push(ms);
        std::thread::sleep(Duration::from_millis(200));
    }
    std::fs::write(&page, original).unwrap();
    times.sort_by(|a, b| a.total_cmp(b));
    let median = times[times.len() / 2];
    println!("median over {runs} runs: {median:.1} ms edit to reload message; {:.1} ms excluding the {DEBOUNCE_MS} ms debounce", median - DEBOUNCE_MS);
    let _ = child.kill();
    let _ = child.wait();
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
