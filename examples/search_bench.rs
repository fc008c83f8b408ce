//! Benchmark (not a test) of search. Two modes:
//!
//! ```sh
//! cargo build --release --examples
//! ./target/release/examples/synth --pages 1000 --out /tmp/sb1000
//! (cd /tmp/sb1000/studyguide && /work/main/target/release/studyguide build --quiet)
//!
//! # The browser: time from a keystroke to the first result, and bytes loaded, per query.
//! cargo run --release --example search_bench -- /tmp/sb1000/studyguide/book [RUNS] [QUERY…]
//! # (SEARCH_BENCH_FILES=1 also lists each file a query loaded.)
//!
//! # The build: wall time of `search::output_files` on a guide (its root, not its book/).
//! cargo run --release --example search_bench -- --index /tmp/sb1000/studyguide [RUNS]
//! ```
//!
//! Browser mode launches Debian's headless Chromium (`/usr/bin/chromium`, with the launcher and
//! flags of the browser tests, `tests/common/chrome.rs`), opens the site's home page from
//! `file://`, and for each query (default: "model", "drift", "endpoint", "s3", "p3.2xlarge")
//! and each run (default 5), in a fresh tab: presses `/` to open search, waits until the
//! manifest is loaded, then enters the query as one input event (as a paste, or the last key
//! of a typed word, arrives) and measures in the page the milliseconds from that input event
//! (its timestamp) to the first result in the DOM (a mutation observer). The bytes loaded are
//! the sizes on disk of the search scripts the page requested (Resource Timing lists them;
//! `file://` reports no transfer sizes): manifest, term chunks and document chunks. Prints the
//! median and fastest time, the files and bytes loaded and the result count per query.
//!
//! Index mode loads and renders the guide's Markdown like a build, then times
//! `studyguide::assets::search::output_files` alone (median of RUNS, default 7) and prints the index's
//! file count, bytes, largest file and manifest size.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("--index") => {
            let root = PathBuf::from(args.get(1).expect("usage: search_bench --index GUIDE_DIR"));
            let runs = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(7);
            index_mode(&root, runs);
        }
        Some(site) => {
            let runs = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(5);
            let mut queries: Vec<String> = args.iter().skip(2).cloned().collect();
            if queries.is_empty() {
                queries = ["model", "drift", "endpoint", "s3", "p3.2xlarge"]
                    .map(String::from)
                    .to_vec();
            }
            browser_mode(Path::new(site), runs, &queries);
        }
        None => {
            eprintln!("usage: search_bench BOOK_DIR [RUNS] [QUERY…] | search_bench --index GUIDE_DIR [RUNS]");
            std::process::exit(2);
        }
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

// ---- index mode ------------------------------------------------------------------------------

/// The guide in `root`, loaded, parsed and with its Markdown rendered, as `build` does it.
pub fn load_guide(root: &Path) -> studyguide::model::Guide {
    studyguide::pipeline::load_guide(root).0.expect("book.toml")
}

fn index_mode(root: &Path, runs: usize) {
    let guide = load_guide(root);
    eprintln!("{} pages loaded", guide.page_count());
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let out = studyguide::assets::search::output_files(&guide);
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        eprintln!("output_files: {ms:.1} ms");
        times.push(ms);
        if let Some((_, prev)) = &last {
            assert!(prev == &out.1, "the index differs between two runs");
        }
        last = Some(out);
    }
    let (manifest, files) = last.unwrap();
    let total: usize = files.iter().map(|f| f.bytes.len()).sum();
    let largest = files.iter().max_by_key(|f| f.bytes.len()).unwrap();
    let manifest_bytes = files
        .iter()
        .find(|f| f.path == manifest)
        .map_or(0, |f| f.bytes.len());
    println!(
        "output_files median {:.1} ms over {} runs; {} files, {} bytes; manifest {} bytes; largest {} ({} bytes)",
        median(times),
        runs.max(1),
        files.len(),
        total,
        manifest_bytes,
        largest.path,
        largest.bytes.len()
    );
}

// ---- browser mode ----------------------------------------------------------------------------

// The launcher and flags of the browser tests.
#[path = "../tests/common/chrome.rs"]
mod chrome;

use headless_chrome::Tab;
use std::sync::Arc;

fn js(tab: &Arc<Tab>, code: &str) -> serde_json::Value {
    tab.evaluate(code, false)
        .unwrap_or_else(|e| panic!("JS failed: {e}\n{code}"))
        .value
        .unwrap_or(serde_json::Value::Null)
}

fn wait_for(tab: &Arc<Tab>, code: &str) {
    let start = Instant::now();
    while js(tab, code) != serde_json::Value::Bool(true) {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting for {code}"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Set up in the page before the query: the time of the input event and of the first result
/// (or of the "No results" status, for a query without any).
const PROBE: &str = r#"(() => {
  window.__bench = { input: null, first: null };
  const box = document.querySelector(".search");
  const list = document.getElementById("search-results");
  const status = document.getElementById("search-status");
  document.addEventListener("input", (e) => { window.__bench.input = e.timeStamp; }, true);
  new MutationObserver(() => {
    const found = list.querySelector("[role=option]") || /^No results/.test(status.textContent);
    if (window.__bench.first === null && window.__bench.input !== null && found) {
      window.__bench.first = performance.now();
    }
  }).observe(box, { childList: true, subtree: true, characterData: true });
  return true;
})()"#;

/// One run: (ms from the input event to the first result, search files loaded, results).
fn run_query(tab: &Arc<Tab>, url: &str, query: &str) -> (f64, Vec<String>, String) {
    tab.navigate_to(url)
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    wait_for(
        tab,
        "document.readyState === 'complete' && !document.querySelector('.search').hidden",
    );
    js(tab, PROBE);
    // Open search (the manifest loads), as a reader would with "/".
    tab.press_key("/").unwrap();
    wait_for(tab, "document.activeElement.id === 'search-input' && document.getElementById('search-status').textContent === 'Type to search the guide.'");
    // The query arrives as one input event: a paste, or the last key of a typed word.
    tab.send_character(query).unwrap();
    wait_for(tab, "window.__bench.first !== null");
    let ms = js(tab, "window.__bench.first - window.__bench.input")
        .as_f64()
        .unwrap_or(f64::NAN);
    // Let every result arrive, then list what was loaded.
    wait_for(tab, "(() => { const n = document.querySelectorAll('#search-results [role=option]').length; const s = document.getElementById('search-status').textContent; const m = /^(\\d+) result/.exec(s); return /^No results/.test(s) || (m !== null && n === Math.min(10, Number(m[1]))); })()");
    std::thread::sleep(Duration::from_millis(50));
    // search.js loads each index file with a <script> in the head (Resource Timing does not
    // list file:// loads).
    let files: Vec<String> = js(
        tab,
        "JSON.stringify([...document.querySelectorAll('script[src*=\\'/assets/search/\\']')].map((s) => s.src))",
    )
    .as_str()
    .and_then(|s| serde_json::from_str(s).ok())
    .unwrap_or_default();
    let status = js(tab, "document.getElementById('search-status').textContent")
        .as_str()
        .unwrap_or_default()
        .to_string();
    (ms, files, status)
}

fn browser_mode(site: &Path, runs: usize, queries: &[String]) {
    let site = site
        .canonicalize()
        .unwrap_or_else(|e| panic!("{}: {e}", site.display()));
    assert!(
        site.join("assets/search/index.js").is_file(),
        "{} is not a built site (no assets/search/index.js)",
        site.display()
    );
    let Some(browser) = chrome::browser() else {
        std::process::exit(1);
    };
    let url = format!("file://{}/index.html", site.display());
    let size = |file_url: &str| -> u64 {
        let path = file_url.strip_prefix("file://").unwrap_or(file_url);
        std::fs::metadata(path).map_or(0, |m| m.len())
    };
    println!(
        "{:<14} {:>9} {:>9} {:>6} {:>9}   results",
        "query", "median ms", "min ms", "files", "bytes"
    );
    for q in queries {
        let mut times = Vec::new();
        let mut last = (Vec::new(), String::new());
        for _ in 0..runs.max(1) {
            let tab = browser.new_tab().unwrap();
            let (ms, files, status) = run_query(&tab, &url, q);
            let _ = tab.close(false);
            times.push(ms);
            last = (files, status);
        }
        let bytes: u64 = last.0.iter().map(|f| size(f)).sum();
        let min = times.iter().copied().fold(f64::INFINITY, f64::min);
        println!(
            "{:<14} {:>9.1} {:>9.1} {:>6} {:>9}   {}",
            format!("{q:?}"),
            median(times),
            min,
            last.0.len(),
            bytes,
            last.1
        );
        if std::env::var_os("SEARCH_BENCH_FILES").is_some() {
            for f in &last.0 {
                println!("    {:>7}  {}", size(f), f.rsplit('/').next().unwrap_or(f));
            }
        }
    }
}
