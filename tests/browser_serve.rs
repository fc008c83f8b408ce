//! `serve` in a real headless Chromium: many tabs of one served guide all load and all reload
//! after one edit (each tab holds a live-reload socket; none may starve the others).

mod common;
use common::chrome::browser;
use common::*;
use std::time::{Duration, Instant};

fn body_text(tab: &headless_chrome::Tab) -> String {
    tab.evaluate("document.body ? document.body.textContent : ''", false)
        .ok()
        .and_then(|r| r.value)
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

#[test]
fn eight_tabs_all_load_and_all_reload_after_one_edit() {
    let Some(browser) = browser() else { return };
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("valid"), dir.path());
    let server = start(dir.path());
    let url = format!("http://127.0.0.1:{}/t.html", server.port);
    let tabs: Vec<_> = (0..8).map(|_| browser.new_tab().unwrap()).collect();
    for (n, tab) in tabs.iter().enumerate() {
        tab.set_default_timeout(Duration::from_secs(15));
        tab.navigate_to(&url)
            .unwrap()
            .wait_until_navigated()
            .unwrap_or_else(|e| panic!("tab {} did not load: {e}", n + 1));
        assert!(body_text(tab).contains("Body text."), "tab {}", n + 1);
        tab.evaluate("window.__notReloaded = true", false).unwrap();
    }
    // Each served page carries the reload script once.
    let scripts = tabs[0]
        .evaluate(
            "[...document.scripts].filter(s => s.textContent.includes('livereload')).length",
            false,
        )
        .unwrap()
        .value;
    assert_eq!(scripts, Some(serde_json::json!(1)));
    // Let every page open its socket before editing.
    std::thread::sleep(Duration::from_millis(1000));
    let page = dir.path().join("content/t.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replace("Body text.", "Text after the edit.")).unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    for (n, tab) in tabs.iter().enumerate() {
        while !body_text(tab).contains("Text after the edit.") {
            assert!(Instant::now() < deadline, "tab {} did not reload", n + 1);
            std::thread::sleep(Duration::from_millis(100));
        }
        let fresh = tab
            .evaluate("window.__notReloaded === undefined", false)
            .unwrap()
            .value;
        assert_eq!(
            fresh,
            Some(serde_json::json!(true)),
            "tab {}: no reload",
            n + 1
        );
    }
}
