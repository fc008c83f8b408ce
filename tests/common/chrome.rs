//! The one way tests start Chromium: Debian's package at /usr/bin/chromium, driven over the
//! DevTools protocol. Without it a test skips loudly; with `CI=true` a missing browser fails.

use headless_chrome::{Browser, LaunchOptions, Tab};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub const CHROMIUM: &str = "/usr/bin/chromium";

/// Flags for a closed network: no background requests, no first-run work.
pub const FLAGS: &[&str] = &[
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

pub fn browser() -> Option<Browser> {
    if !Path::new(CHROMIUM).exists() {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("CI=true but {CHROMIUM} is missing: .ci/run must install the chromium package");
        }
        eprintln!(
            "\n*** SKIPPING BROWSER TEST: {CHROMIUM} not found (apt-get install chromium) ***\n"
        );
        return None;
    }
    let opts = LaunchOptions::default_builder()
        .path(Some(PathBuf::from(CHROMIUM)))
        .sandbox(false)
        .window_size(Some((1200, 900)))
        .args(FLAGS.iter().map(OsStr::new).collect())
        .idle_browser_timeout(Duration::from_secs(120))
        .build()
        .expect("launch options");
    Some(Browser::new(opts).expect("launch chromium"))
}

/// Navigates `tab` to `url` and waits until the page has loaded and its deferred scripts have
/// run (reading the page before then races with them: a test once read the unshuffled
/// options).
// examples/search_bench.rs includes this file without navigating this way.
#[allow(dead_code)]
pub fn open(tab: &Tab, url: &str) {
    tab.navigate_to(url)
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        let done = tab
            .evaluate("document.readyState === 'complete'", false)
            .ok()
            .and_then(|r| r.value)
            == Some(serde_json::Value::Bool(true));
        if done {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{url} did not finish loading"
        );
        std::thread::sleep(Duration::from_millis(25));
    }
}
