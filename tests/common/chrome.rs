#![allow(dead_code)] // Each test binary (and examples/search_bench.rs) uses a different part.
//! The one way tests start Chromium: Debian's package at /usr/bin/chromium, driven over the
//! DevTools protocol. Without it a test skips loudly; with `CI=true` a missing browser fails.

use headless_chrome::protocol::cdp::Emulation;
use headless_chrome::{Browser, LaunchOptions, Tab};
use serde_json::{json, Value};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use std::time::Instant;

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

pub fn js(tab: &Arc<Tab>, code: &str) -> Value {
    tab.evaluate(code, false)
        .unwrap_or_else(|e| panic!("JS failed: {e}\n{code}"))
        .value
        .unwrap_or(Value::Null)
}

/// A JSON value computed in the page (arrays and objects come back by value).
pub fn json_of(tab: &Arc<Tab>, code: &str) -> Value {
    serde_json::from_str(&string(tab, &format!("JSON.stringify({code})"))).unwrap()
}

pub fn string(tab: &Arc<Tab>, code: &str) -> String {
    js(tab, code).as_str().unwrap_or_default().to_string()
}

/// Waits until the JS expression is true (a bound on waiting, not a timing assertion).
pub fn wait_for(tab: &Arc<Tab>, code: &str) {
    let start = Instant::now();
    while js(tab, code) != Value::Bool(true) {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting for {code}"
        );
        std::thread::sleep(Duration::from_millis(30));
    }
}

/// Sets the viewport to `width` × 800 CSS pixels.
pub fn viewport(tab: &Arc<Tab>, width: u32) {
    tab.call_method(Emulation::SetDeviceMetricsOverride {
        width,
        height: 800,
        device_scale_factor: 1.0,
        mobile: false,
        scale: None,
        screen_width: None,
        screen_height: None,
        position_x: None,
        position_y: None,
        dont_set_visible_size: None,
        screen_orientation: None,
        viewport: None,
        display_feature: None,
        device_posture: None,
    })
    .unwrap();
}

/// Collects uncaught errors of the page from now on into `window.__errors`.
pub fn watch_errors(tab: &Arc<Tab>) {
    js(
        tab,
        "window.__errors = []; window.addEventListener('error', e => window.__errors.push(String(e.message))); true",
    );
}

pub fn errors(tab: &Arc<Tab>) -> String {
    string(tab, "(window.__errors || []).join('\\n')")
}

/// axe-core's script, from the npm package `.ci/run` installs into `.ci/node/`.
pub fn axe_source() -> Option<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(".ci/node/node_modules/axe-core/axe.min.js");
    match std::fs::read_to_string(&path) {
        Ok(s) => Some(s),
        Err(e) if std::env::var("CI").as_deref() != Ok("true") => {
            eprintln!(
                "\n*** SKIPPING AXE CHECKS: {} ({e}); npm install --prefix .ci/node axe-core ***\n",
                path.display()
            );
            None
        }
        Err(e) => panic!("CI=true but {} cannot be read: {e}", path.display()),
    }
}

/// axe-core's serious and critical WCAG 2.2 A/AA violations on the page as it is now.
pub fn axe(tab: &Arc<Tab>, source: &str) -> Vec<String> {
    if js(tab, "typeof window.axe") != json!("object") {
        tab.evaluate(source, false).unwrap();
    }
    let found = tab
        .evaluate(
            "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] }).then(r => JSON.stringify(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => `${v.id} (${v.impact}): ${v.nodes.length} node(s), e.g. ${v.nodes[0].target.join(' ')}: ${v.nodes[0].failureSummary.replace(/\\s+/g, ' ').slice(0, 160)}`)))",
            true,
        )
        .unwrap()
        .value
        .unwrap();
    serde_json::from_str(found.as_str().unwrap()).unwrap()
}

pub fn set_theme(tab: &Arc<Tab>, theme: &str) {
    js(
        tab,
        &format!("document.documentElement.dataset.theme = '{theme}'; true"),
    );
}

/// Opens `url` in `tab` once what the JS expression `read` (over localStorage) gives on the
/// current page has reached the browser: a second tab is opened on the same page until it
/// reads the same, and only then does `tab` leave. (A page left the instant after it wrote can
/// lose the write when its renderer is shut down under load, and a page opened in that
/// instant can read the older value.) Waiting is bounded; the values must then be exact.
pub fn open_synced(browser: &Browser, tab: &Arc<Tab>, url: &str, read: &str) {
    let before = string(tab, read);
    let here = tab.get_url();
    let deadline = Instant::now() + Duration::from_secs(20);
    let observer = browser.new_tab().unwrap();
    loop {
        open(&observer, &here);
        let seen = string(&observer, read);
        if seen == before {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "{here}: another tab never saw what {read} gives:\n{before}\nbut\n{seen}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    let _ = observer.close(false);
    loop {
        open(tab, url);
        let now = string(tab, read);
        if now == before {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{url} never saw what {read} gave before it:\n{before}\nbut\n{now}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}
