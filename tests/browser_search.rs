//! Search in a real headless Chromium (Debian's `chromium`), driven over the DevTools protocol,
//! as in `tests/browser.rs`: without Chromium these tests skip loudly; with `CI=true` a missing
//! browser fails.

mod common;
use common::chrome::{browser, open};
use common::*;
use headless_chrome::Tab;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A long page whose last heading is far below the fold.
fn deep_page() -> String {
    let filler = "Lorem ipsum dolor sit amet, filler words to make the page long.\n\n".repeat(80);
    format!(
        "+++\ntitle = \"Instance deep dive\"\n+++\n\n## Families\n\n{filler}\n## Storage\n\n{filler}\n### Tuning p3.2xlarge instances\n\nSpot training on p3.2xlarge.\n\n{filler}"
    )
}

/// The `init` scaffold (a task page with a matching question) plus the deep page, built into
/// `book/`.
fn site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let guide = dir.path().join("g");
    assert_eq!(run(&["init", guide.to_str().unwrap()]).0, 0);
    std::fs::write(guide.join("content/deep.md"), deep_page()).unwrap();
    build(&guide, &guide.join("book"));
    (dir, guide)
}

fn js(tab: &Arc<Tab>, code: &str) -> serde_json::Value {
    tab.evaluate(code, false)
        .unwrap_or_else(|e| panic!("JS failed: {e}\n{code}"))
        .value
        .unwrap_or(serde_json::Value::Null)
}

/// Waits until the JS expression is true.
fn wait_for(tab: &Arc<Tab>, code: &str) {
    let start = Instant::now();
    while js(tab, code) != serde_json::Value::Bool(true) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "timed out waiting for {code}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn string(tab: &Arc<Tab>, code: &str) -> String {
    js(tab, code).as_str().unwrap_or_default().to_string()
}

const PANEL_OPEN: &str = "!document.getElementById('search-panel').hidden";
const INPUT_FOCUSED: &str = "document.activeElement.id === 'search-input'";

/// From a page of the site at `start`: "/" opens search, typing finds the deep heading,
/// ArrowDown and Enter land on it.
fn search_from_keyboard_lands_on_deep_heading(tab: &Arc<Tab>, start: &str) {
    open(tab, start);
    wait_for(tab, "!document.querySelector('.search').hidden");
    tab.press_key("/").unwrap();
    wait_for(tab, INPUT_FOCUSED);
    assert_eq!(
        string(tab, "document.getElementById('search-input').value"),
        "",
        "the / must not be typed into the box"
    );
    assert_eq!(
        js(
            tab,
            "document.querySelector('.search-toggle').getAttribute('aria-expanded')"
        ),
        "true"
    );

    // Escape closes and gives the focus back to the button; the button opens it again.
    tab.press_key("Escape").unwrap();
    wait_for(tab, "document.getElementById('search-panel').hidden");
    wait_for(
        tab,
        "document.activeElement.classList.contains('search-toggle')",
    );
    tab.press_key("Enter").unwrap();
    wait_for(tab, INPUT_FOCUSED);

    tab.type_str("p3.2xlarge").unwrap();
    wait_for(
        tab,
        "document.querySelectorAll('#search-results [role=option]').length > 0",
    );
    let first = string(
        tab,
        "document.querySelector('#search-results [role=option]').textContent",
    );
    assert!(first.contains("Tuning p3.2xlarge instances"), "{first}");
    assert!(
        string(
            tab,
            "document.querySelector('#search-results [role=option] .search-snippet').innerHTML"
        )
        .contains("<mark>p3.2xlarge</mark>"),
        "query words are marked"
    );
    assert!(
        string(tab, "document.getElementById('search-status').textContent").contains("result"),
        "the count is announced"
    );
    // Loaded: the manifest, one term chunk (the one word's) and the documents of the results.
    wait_for(
        tab,
        "(() => { const n = document.querySelectorAll('#search-results [role=option]').length; const s = document.getElementById('search-status').textContent; const m = /^(\\d+) result/.exec(s); return /^No results/.test(s) || (m !== null && n === Math.min(10, Number(m[1]))); })()",
    );
    let loaded: Vec<String> = serde_json::from_str(&string(
        tab,
        "JSON.stringify([...document.querySelectorAll('script[src*=\"/assets/search/\"]')].map((s) => s.src.split('/').pop().split('.')[0]))",
    ))
    .unwrap();
    assert_eq!(loaded[0], "index", "{loaded:?}");
    let terms = loaded[1..].iter().filter(|n| !n.starts_with("d-")).count();
    assert_eq!(terms, 1, "{loaded:?}");
    assert!(loaded.len() >= 3, "{loaded:?}");
    assert_eq!(
        js(
            tab,
            "document.getElementById('search-input').getAttribute('aria-expanded')"
        ),
        "true"
    );

    // Arrow keys move through the results (wrapping), Enter opens the active one.
    let count = js(
        tab,
        "document.querySelectorAll('#search-results [role=option]').length",
    )
    .as_u64()
    .unwrap();
    tab.press_key("ArrowDown").unwrap();
    wait_for(
        tab,
        "document.getElementById('search-input').getAttribute('aria-activedescendant') === 'search-option-0'",
    );
    assert_eq!(
        js(
            tab,
            "document.getElementById('search-option-0').getAttribute('aria-selected')"
        ),
        "true"
    );
    tab.press_key("ArrowUp").unwrap();
    wait_for(
        tab,
        &format!(
            "document.getElementById('search-input').getAttribute('aria-activedescendant') === 'search-option-{}'",
            count - 1
        ),
    );
    tab.press_key("ArrowDown").unwrap();
    wait_for(
        tab,
        "document.getElementById('search-input').getAttribute('aria-activedescendant') === 'search-option-0'",
    );
    tab.press_key("Enter").unwrap();
    wait_for(
        tab,
        "location.pathname.endsWith('/deep.html') && location.hash === '#tuning-p32xlarge-instances'",
    );
    // Landed: the heading is in view, far down the page.
    wait_for(
        tab,
        "(() => { const r = document.getElementById('tuning-p32xlarge-instances').getBoundingClientRect(); return r.top > -2 && r.top < innerHeight / 2 && scrollY > 2000; })()",
    );

    // On the same page, Enter opens the first result and the focus moves to its section.
    tab.press_key("/").unwrap();
    wait_for(tab, INPUT_FOCUSED);
    tab.type_str("famil").unwrap();
    wait_for(
        tab,
        "(document.querySelector('#search-results [role=option]') || {}).textContent?.includes('Families') === true",
    );
    tab.press_key("Enter").unwrap();
    wait_for(
        tab,
        "location.hash === '#families' && document.activeElement.id === 'families' && document.getElementById('search-panel').hidden",
    );
}

/// Serves `dir` under `/pr-42/` on a free 127.0.0.1 port (a pull-request preview's base
/// path), from a thread; returns the port.
fn serve_under_base_path(dir: PathBuf) -> u16 {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut line = String::new();
            let mut reader = BufReader::new(&stream);
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            while let Ok(n) = reader.read_line(&mut String::new()) {
                if n <= 2 {
                    break;
                }
            }
            let path = line.split_whitespace().nth(1).unwrap_or("/");
            let path = path.split(['?', '#']).next().unwrap_or("");
            let file = path
                .strip_prefix("/pr-42/")
                .filter(|p| !p.split('/').any(|s| s == ".."))
                .map(|p| dir.join(if p.is_empty() { "index.html" } else { p }));
            let response = match file.and_then(|f| std::fs::read(&f).ok().map(|b| (f, b))) {
                Some((f, body)) => {
                    let kind = match f.extension().and_then(|e| e.to_str()) {
                        Some("html") => "text/html; charset=utf-8",
                        Some("js") => "text/javascript; charset=utf-8",
                        Some("css") => "text/css; charset=utf-8",
                        Some("svg") => "image/svg+xml",
                        _ => "application/octet-stream",
                    };
                    let mut r = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    )
                    .into_bytes();
                    r.extend(body);
                    r
                }
                None => b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .to_vec(),
            };
            let _ = stream.write_all(&response);
        }
    });
    port
}

#[test]
fn keyboard_search_finds_a_deep_heading_and_lands_on_it() {
    let Some(browser) = browser() else { return };
    let (_dir, guide) = site();
    let port = serve_under_base_path(guide.join("book"));
    let tab = browser.new_tab().unwrap();
    // Under a base path and from a page one folder down: result URLs must be relative to it.
    search_from_keyboard_lands_on_deep_heading(
        &tab,
        &format!("http://127.0.0.1:{port}/pr-42/domain-1/1-1-first-task.html"),
    );
    assert!(string(&tab, "location.pathname").starts_with("/pr-42/"));
}

#[test]
fn keyboard_search_works_from_file_urls() {
    let Some(browser) = browser() else { return };
    let (_dir, guide) = site();
    let tab = browser.new_tab().unwrap();
    search_from_keyboard_lands_on_deep_heading(
        &tab,
        &format!(
            "file://{}/book/domain-1/1-1-first-task.html",
            guide.display()
        ),
    );
    // The search scripts came from file:// too, without fetch.
    assert_eq!(
        js(
            &tab,
            "location.protocol === 'file:' && typeof window.__sgSearchChunk === 'function'"
        ),
        true
    );
}

#[test]
fn slash_does_nothing_while_typing_in_a_quiz_field() {
    let Some(browser) = browser() else { return };
    let (_dir, guide) = site();
    let tab = browser.new_tab().unwrap();
    open(
        &tab,
        &format!(
            "file://{}/book/domain-1/1-1-first-task.html",
            guide.display()
        ),
    );
    wait_for(&tab, "!document.querySelector('.search').hidden");

    // The matching question's <select>.
    js(
        &tab,
        "document.querySelector('#q-first-matching select').focus()",
    );
    wait_for(&tab, "document.activeElement.tagName === 'SELECT'");
    tab.press_key("/").unwrap();
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(js(&tab, PANEL_OPEN), false, "/ in a select opened search");
    assert_eq!(js(&tab, "document.activeElement.tagName"), "SELECT");

    // A text field, a textarea and an editable element added to the question.
    for (make, value) in [
        (
            "Object.assign(document.createElement('input'), { type: 'text' })",
            "value",
        ),
        ("document.createElement('textarea')", "value"),
        (
            "Object.assign(document.createElement('div'), { contentEditable: 'true' })",
            "textContent",
        ),
    ] {
        js(
            &tab,
            &format!("(() => {{ const e = {make}; e.id = 'typing'; document.getElementById('q-first-matching').appendChild(e); e.focus(); return true; }})()"),
        );
        wait_for(&tab, "document.activeElement.id === 'typing'");
        tab.type_str("a/b").unwrap();
        let typed = js(&tab, &format!("document.getElementById('typing').{value}"));
        assert_eq!(typed, "a/b", "the / was not typed into {make}");
        assert_eq!(js(&tab, PANEL_OPEN), false, "/ while typing opened search");
        js(&tab, "document.getElementById('typing').remove()");
    }

    // Outside a field, "/" opens search, whatever key produces it (a German layout's Shift+7).
    js(&tab, "document.activeElement.blur()");
    js(
        &tab,
        "document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '/', code: 'Digit7', shiftKey: true, bubbles: true, cancelable: true }))",
    );
    wait_for(&tab, PANEL_OPEN);
    wait_for(&tab, INPUT_FOCUSED);
    // Ctrl+/ (a browser or editor shortcut) is left alone.
    tab.press_key("Escape").unwrap();
    wait_for(&tab, "document.getElementById('search-panel').hidden");
    js(&tab, "document.activeElement.blur()");
    js(
        &tab,
        "document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '/', ctrlKey: true, bubbles: true, cancelable: true }))",
    );
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(js(&tab, PANEL_OPEN), false);
}

/// search.js is not part of a page's weight: it loads when the reader first opens search, here
/// with the button (the keyboard path is covered above), and the box then works as usual.
#[test]
fn the_search_script_loads_on_first_use() {
    let Some(browser) = browser() else { return };
    let (_dir, guide) = site();
    let tab = browser.new_tab().unwrap();
    open(&tab, &format!("file://{}/book/deep.html", guide.display()));
    wait_for(&tab, "!document.querySelector('.search').hidden");
    assert_eq!(
        js(
            &tab,
            "typeof window.StudyGuideSearch === 'undefined' && !document.querySelector('script[src*=\"assets/search.\"]')"
        ),
        true,
        "search.js loaded with the page"
    );
    js(
        &tab,
        "document.querySelector('.search-toggle').click(); true",
    );
    wait_for(&tab, PANEL_OPEN);
    wait_for(&tab, INPUT_FOCUSED);
    tab.type_str("p3.2xlarge").unwrap();
    wait_for(
        &tab,
        "document.querySelectorAll('#search-results [role=option]').length > 0",
    );
    assert!(string(
        &tab,
        "document.getElementById('search-results').textContent"
    )
    .contains("Tuning p3.2xlarge instances"));
    // A second click closes it: search.js now owns the button.
    js(
        &tab,
        "document.querySelector('.search-toggle').click(); true",
    );
    wait_for(&tab, "document.getElementById('search-panel').hidden");
}
