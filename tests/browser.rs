//! Browser tests in a real headless Chromium (Debian's `chromium`), driven over the DevTools
//! protocol. Without Chromium they skip loudly; with `CI=true` a missing browser fails.

mod common;
use common::chrome::{browser, open};
use common::*;
use headless_chrome::Tab;

use std::sync::Arc;

/// A freshly built scaffold guide (one question of each kind) and its task page URL.
fn scaffold_site() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let guide = dir.path().join("g");
    assert_eq!(run(&["init", guide.to_str().unwrap()]).0, 0);
    build(&guide, &guide.join("book"));
    let url = format!(
        "file://{}/book/domain-1/1-1-first-task.html",
        guide.display()
    );
    (dir, url)
}

/// A browser tab on the scaffold site's first task page, served over real HTTP by
/// `studyguide serve` (these tests go from page to page right after writing localStorage, and
/// file:// pages in separate renderers were seen to read a stale copy under load), with what
/// must outlive it: bind `_browser`, `_dir` and `_server` when destructuring (`..` would drop
/// them, closing the tab).
struct Session {
    tab: Arc<Tab>,
    url: String,
    _browser: headless_chrome::Browser,
    _dir: tempfile::TempDir,
    _server: Server,
}

fn session() -> Option<Session> {
    let browser = browser()?;
    let (dir, _) = scaffold_site();
    let server = start(&dir.path().join("g"));
    let url = format!(
        "http://127.0.0.1:{}/domain-1/1-1-first-task.html",
        server.port
    );
    let tab = browser.new_tab().unwrap();
    open(&tab, &url);
    Some(Session {
        tab,
        url,
        _browser: browser,
        _dir: dir,
        _server: server,
    })
}

fn js(tab: &Arc<Tab>, code: &str) -> serde_json::Value {
    tab.evaluate(code, false)
        .unwrap_or_else(|e| panic!("JS failed: {e}\n{code}"))
        .value
        .unwrap_or(serde_json::Value::Null)
}

/// The text of `selector` once it starts with `want`, or what it holds after 10 s (the caller
/// asserts on it): a page may still be filling an element when the test first looks.
fn text_once(tab: &Arc<Tab>, selector: &str, want: &str) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let t = text(tab, selector);
        if t.starts_with(want) || std::time::Instant::now() > deadline {
            return t;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

fn text(tab: &Arc<Tab>, selector: &str) -> String {
    js(
        tab,
        &format!("document.querySelector({selector:?}).textContent"),
    )
    .as_str()
    .unwrap_or("")
    .to_string()
}

/// Clicks the option of question `qid` whose text is exactly `label`.
fn choose(tab: &Arc<Tab>, qid: &str, label: &str) {
    let found = js(
        tab,
        &format!(
            "(() => {{ const o = [...document.querySelectorAll('#q-{qid} .option')].find(o => o.querySelector('.option-text').textContent.trim() === {label:?}); if (!o) return false; o.querySelector('input').click(); return true; }})()"
        ),
    );
    assert_eq!(
        found,
        serde_json::Value::Bool(true),
        "option {label} of {qid}"
    );
}

#[test]
fn quizzes_grade_on_check_give_feedback_and_save_progress() {
    let Some(Session {
        tab,
        url,
        _browser,
        _dir,
        _server,
    }) = session()
    else {
        return;
    };

    // With JavaScript the intro speaks of the Check button, not of the no-JS way.
    assert_eq!(
        js(&tab, "[...document.querySelectorAll('.quiz-intro span')].filter(s => s.offsetParent).map(s => s.className).join()"),
        "with-js"
    );

    // Multiple choice: a wrong answer, then the right one after "Try again".
    choose(&tab, "first-choice", "9");
    assert_eq!(
        text(&tab, "#q-first-choice .feedback"),
        "",
        "graded before Check"
    );
    tab.wait_for_element("#q-first-choice .check")
        .unwrap()
        .click()
        .unwrap();
    assert!(text(&tab, "#q-first-choice .feedback").starts_with("✗ Not correct"));
    assert_eq!(
        js(
            &tab,
            "document.querySelector('#q-first-choice .answer').open"
        ),
        serde_json::Value::Bool(true)
    );
    tab.wait_for_element("#q-first-choice .retry")
        .unwrap()
        .click()
        .unwrap();
    choose(&tab, "first-choice", "7");
    tab.wait_for_element("#q-first-choice .check")
        .unwrap()
        .click()
        .unwrap();
    assert_eq!(text(&tab, "#q-first-choice .feedback"), "✓ Correct.");
    assert!(text(&tab, "#q-first-choice .option.is-right .mark").contains("Correct answer, chosen"));

    // Multiple response: all or nothing.
    choose(&tab, "first-response", "2");
    tab.wait_for_element("#q-first-response .check")
        .unwrap()
        .click()
        .unwrap();
    assert!(
        text(&tab, "#q-first-response .feedback").starts_with("✗"),
        "one of two correct must not score"
    );

    // Ordering with the Move buttons, named for their item: each step in turn is moved up to
    // its place (from any starting order: the shuffle depends on the browser profile).
    let solve = "(() => { const list = document.querySelector('#q-first-ordering .order-list');
        ['1','2','3'].forEach((want, target) => {
          for (let moves = 0; moves < 3; moves++) {
            const steps = [...list.querySelectorAll('.step')];
            const i = steps.findIndex(s => s.querySelector('.step-text').textContent === want);
            if (i <= target) break;
            steps[i].querySelector('.move-up').click();
          }
        });
        return [...list.querySelectorAll('.step-text')].map(s => s.textContent).join(','); })()";
    assert_eq!(js(&tab, solve), serde_json::json!("1,2,3"));
    assert_eq!(
        js(&tab, "document.querySelector('#q-first-ordering .step .move-up').getAttribute('aria-label').startsWith('Move up: ')"),
        serde_json::Value::Bool(true)
    );
    tab.wait_for_element("#q-first-ordering .check")
        .unwrap()
        .click()
        .unwrap();
    assert_eq!(text(&tab, "#q-first-ordering .feedback"), "✓ Correct.");

    // Matching with one <select> per prompt; the extra right-hand item is a distractor.
    let matched = "(() => { const want = {'2':'4','3':'9','4':'16'};
        for (const m of document.querySelectorAll('#q-first-matching .match')) {
          const sel = m.querySelector('select');
          const opt = [...sel.options].find(o => o.textContent === want[m.querySelector('.match-left').textContent]);
          sel.value = opt.value; }
        return true; })()";
    js(&tab, matched);
    tab.wait_for_element("#q-first-matching .check")
        .unwrap()
        .click()
        .unwrap();
    assert_eq!(text(&tab, "#q-first-matching .feedback"), "✓ Correct.");

    // Progress is saved under the guide's key and question ids.
    let saved = js(&tab, "JSON.stringify(JSON.parse(localStorage.getItem('studyguide:my-certification-guide:progress')).questions)");
    let saved: serde_json::Value = serde_json::from_str(saved.as_str().unwrap()).unwrap();
    assert_eq!(
        saved["first-choice"]["correct"],
        serde_json::Value::Bool(true)
    );
    assert_eq!(saved["first-choice"]["attempts"], serde_json::json!(2));
    assert_eq!(
        saved["first-response"]["correct"],
        serde_json::Value::Bool(false)
    );
    assert_eq!(
        saved["first-ordering"]["correct"],
        serde_json::Value::Bool(true)
    );

    // The shuffle is stable across reloads for the same reader.
    let order = "[...document.querySelectorAll('#q-first-response .option-text')].map(o => o.textContent).join('|')";
    let before = js(&tab, order);
    open(&tab, &url);
    assert_eq!(js(&tab, order), before);

    // The progress page counts what was answered.
    open(
        &tab,
        &url.replace("domain-1/1-1-first-task.html", "progress.html"),
    );
    let want = "You have answered 4 of 6 questions; 3 correct";
    let summary = text_once(&tab, "#progress-summary", want);
    assert!(summary.starts_with(want), "{summary}");
    // What is left is listed by prompt, not by question id.
    let left = js(
        &tab,
        "[...document.querySelectorAll('#progress-table ul.todo a')].map(a => a.textContent).join('|')",
    );
    let left = left.as_str().unwrap_or("");
    assert!(
        left.contains("Which of these are even? (Select TWO.)"),
        "{left}"
    );
    assert!(!left.contains("first-response"), "{left}");
}

#[test]
fn practice_exam_runs_and_scores_per_domain() {
    let Some(browser) = browser() else { return };
    let (_dir, url) = scaffold_site();
    let tab = browser.new_tab().unwrap();
    open(
        &tab,
        &url.replace("domain-1/1-1-first-task.html", "practice.html"),
    );
    js(&tab, "document.querySelector('input[name=length][value=\"10\"]').checked = true; document.querySelector('input[name=timer][value=\"off\"]').checked = true; true");
    tab.wait_for_element("#practice-form button[type=submit]")
        .unwrap()
        .click()
        .unwrap();
    // The exam's questions load first (only theirs).
    common::chrome::wait_for(&tab, "!document.getElementById('practice-exam').hidden");
    assert_eq!(
        js(&tab, "document.getElementById('practice-exam').hidden"),
        serde_json::Value::Bool(false)
    );
    // The scaffold has 6 scored questions in 5 sets (the case study holds 2).
    assert_eq!(
        js(
            &tab,
            "document.querySelectorAll('#exam-navigator button').length"
        ),
        serde_json::json!(5)
    );
    assert_eq!(text(&tab, "#exam-timer"), "No timer");
    js(&tab, "document.getElementById('exam-flag').click(); true");
    assert_eq!(
        js(
            &tab,
            "document.querySelector('#exam-navigator button').classList.contains('flagged')"
        ),
        serde_json::Value::Bool(true)
    );
    // Answer the multiple-choice question correctly wherever it landed, leave the rest.
    js(&tab, "(() => { const o = [...document.querySelectorAll('#q-first-choice .option')].find(o => o.querySelector('.option-text').textContent === '7'); o.querySelector('input').checked = true; return true; })()");
    js(
        &tab,
        "document.getElementById('exam-finish').click(); document.getElementById('exam-review-finish').click(); true",
    );
    assert_eq!(
        js(&tab, "document.getElementById('practice-results').hidden"),
        serde_json::Value::Bool(false)
    );
    let summary = text(&tab, "#results-summary");
    assert!(
        summary.contains("You answered 1 of 6 correctly"),
        "{summary}"
    );
    assert!(summary.contains("First domain"), "{summary}");
    assert_eq!(
        js(
            &tab,
            "document.getElementById('results-retry-missed').hidden"
        ),
        serde_json::Value::Bool(false)
    );
}

#[test]
fn dark_mode_toggle_persists() {
    let Some(Session {
        tab,
        url,
        _browser,
        _dir,
        _server,
    }) = session()
    else {
        return;
    };
    let was_dark = js(
        &tab,
        "document.querySelector('.theme-toggle').getAttribute('aria-pressed')",
    ) == "true";
    tab.wait_for_element(".theme-toggle")
        .unwrap()
        .click()
        .unwrap();
    let theme = js(&tab, "document.documentElement.dataset.theme");
    assert_eq!(
        theme,
        serde_json::json!(if was_dark { "light" } else { "dark" })
    );
    assert_eq!(
        js(&tab, "localStorage.getItem('studyguide:theme')"),
        theme,
        "the choice is stored"
    );
    // A write to localStorage reaches the browser process asynchronously; a navigation in the
    // same millisecond can outrun it (seen once in CI), which no reader does.
    std::thread::sleep(std::time::Duration::from_millis(500));
    open(&tab, &url);
    assert_eq!(js(&tab, "document.documentElement.dataset.theme"), theme);
}

#[test]
fn served_page_reloads_itself_after_an_edit() {
    let Some(browser) = browser() else { return };
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("valid"), dir.path());
    let server = start(dir.path());
    let tab = browser.new_tab().unwrap();
    open(&tab, &format!("http://127.0.0.1:{}/t.html", server.port));
    assert!(text(&tab, "main").contains("Body text."));
    js(&tab, "window.__notReloaded = true; true");
    // Give the page time to open its event stream before editing.
    std::thread::sleep(std::time::Duration::from_millis(500));
    let page = dir.path().join("content/t.md");
    std::fs::write(
        &page,
        std::fs::read_to_string(&page)
            .unwrap()
            .replace("Body text.", "Text after the edit."),
    )
    .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let body = js(&tab, "document.body ? document.body.textContent : ''");
        if body.as_str().unwrap_or("").contains("Text after the edit.") {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "page did not reload with the new text"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(
        js(&tab, "window.__notReloaded === undefined"),
        serde_json::Value::Bool(true),
        "text changed without a reload"
    );
}

/// Presses Tab until the focused element matches `selector` (JS `matches`); panics after 400.
fn tab_to(tab: &Arc<Tab>, selector: &str) {
    for _ in 0..400 {
        if js(
            tab,
            &format!("!!document.activeElement && document.activeElement.matches({selector:?})"),
        ) == serde_json::Value::Bool(true)
        {
            return;
        }
        tab.press_key("Tab").unwrap();
    }
    panic!("Tab never reached {selector}");
}

fn focused_text(tab: &Arc<Tab>, closest: &str, inner: &str) -> String {
    js(tab, &format!("(document.activeElement.closest({closest:?}) || {{}}).querySelector ? document.activeElement.closest({closest:?}).querySelector({inner:?}).textContent.trim() : ''"))
        .as_str()
        .unwrap_or("")
        .to_string()
}

/// In a radio group, presses ArrowDown until the focused option's text is `want`, then makes
/// sure it is checked (focus alone does not select: after "Try again" nothing is).
fn arrow_to_option(tab: &Arc<Tab>, want: &str) {
    for _ in 0..8 {
        if focused_text(tab, ".option", ".option-text") == want {
            if js(tab, "document.activeElement.checked") != serde_json::Value::Bool(true) {
                tab.press_key(" ").unwrap();
            }
            assert_eq!(
                js(tab, "document.activeElement.checked"),
                serde_json::Value::Bool(true)
            );
            return;
        }
        tab.press_key("ArrowDown").unwrap();
    }
    panic!("no option {want}");
}

#[test]
fn quizzes_work_from_the_keyboard_alone() {
    let Some(Session {
        tab,
        url,
        _browser,
        _dir,
        _server,
    }) = session()
    else {
        return;
    };

    // Multiple choice: wrong, then right after "Try again".
    tab_to(&tab, "#q-first-choice input[type=radio]");
    tab.press_key(" ").unwrap();
    arrow_to_option(&tab, "9");
    tab_to(&tab, "#q-first-choice .check");
    tab.press_key("Enter").unwrap();
    assert!(text(&tab, "#q-first-choice .feedback").starts_with("✗ Not correct"));
    assert_eq!(
        js(&tab, "document.activeElement.className"),
        serde_json::json!("retry"),
        "focus goes to Try again"
    );
    tab.press_key("Enter").unwrap();
    arrow_to_option(&tab, "7");
    tab_to(&tab, "#q-first-choice .check");
    tab.press_key("Enter").unwrap();
    assert_eq!(text(&tab, "#q-first-choice .feedback"), "✓ Correct.");
    assert_eq!(
        js(
            &tab,
            "document.querySelector('#q-first-choice .feedback').getAttribute('role')"
        ),
        serde_json::json!("status")
    );

    // Multiple response: walk the five checkboxes in the order shown, Space on the two right ones.
    tab_to(&tab, "#q-first-response .option:first-child input");
    for n in 0..5 {
        if n > 0 {
            tab.press_key("Tab").unwrap();
        }
        let label = focused_text(&tab, ".option", ".option-text");
        if label == "2" || label == "8" {
            tab.press_key(" ").unwrap();
        }
    }
    tab_to(&tab, "#q-first-response .check");
    tab.press_key("Enter").unwrap();
    assert_eq!(text(&tab, "#q-first-response .feedback"), "✓ Correct.");

    // Ordering: press "Move up" on whichever step is out of place until solved.
    for _ in 0..6 {
        let misplaced = js(&tab, "(() => { const t = [...document.querySelectorAll('#q-first-ordering .step-text')].map(s => s.textContent); const i = t.findIndex((v, k) => v !== String(k + 1)); if (i < 0) return -1; return t.indexOf(String(i + 1)); })()");
        let i = misplaced.as_i64().unwrap();
        if i < 0 {
            break;
        }
        tab_to(
            &tab,
            &format!("#q-first-ordering .step:nth-child({}) .move-up", i + 1),
        );
        tab.press_key("Enter").unwrap();
        assert!(
            text(&tab, "#q-first-ordering .feedback").starts_with("Moved “"),
            "the move is announced"
        );
    }
    tab_to(&tab, "#q-first-ordering .check");
    tab.press_key("Enter").unwrap();
    assert_eq!(text(&tab, "#q-first-ordering .feedback"), "✓ Correct.");

    // Matching: one <select> per prompt, chosen with the arrow keys; one left wrong.
    let want = [("2", "4"), ("3", "9"), ("4", "8")];
    for (n, (left, right)) in want.iter().enumerate() {
        tab_to(
            &tab,
            &format!("#q-first-matching .match:nth-child({}) select", n + 1),
        );
        assert_eq!(focused_text(&tab, ".match", ".match-left"), *left);
        for _ in 0..6 {
            if js(
                &tab,
                "document.activeElement.selectedOptions[0].textContent",
            ) == serde_json::json!(right)
            {
                break;
            }
            tab.press_key("ArrowDown").unwrap();
        }
    }
    tab_to(&tab, "#q-first-matching .check");
    tab.press_key("Enter").unwrap();
    assert!(
        text(&tab, "#q-first-matching .feedback").starts_with("✗"),
        "one wrong pair fails the question"
    );
    assert!(text(&tab, "#q-first-matching .match.is-wrong .mark").contains("Matches: 16"));

    // Reload: progress kept, and the progress page agrees.
    open(&tab, &url);
    let saved = js(&tab, "Object.keys(JSON.parse(localStorage.getItem('studyguide:my-certification-guide:progress')).questions).sort().join()");
    assert_eq!(
        saved,
        serde_json::json!("first-choice,first-matching,first-ordering,first-response")
    );
    open(
        &tab,
        &url.replace("domain-1/1-1-first-task.html", "progress.html"),
    );
    let want = "You have answered 4 of 6 questions; 3 correct";
    let summary = text_once(&tab, "#progress-summary", want);
    assert!(summary.starts_with(want), "{summary}");
}

#[test]
fn practice_exam_from_the_keyboard_survives_a_reload() {
    let Some(browser) = browser() else { return };
    let dest = tempfile::tempdir().unwrap();
    build(&repo(), dest.path());
    let url = format!("file://{}/practice.html", dest.path().display());
    let tab = browser.new_tab().unwrap();
    open(&tab, &url);
    tab_to(&tab, "input[name=length]");
    for _ in 0..4 {
        if js(&tab, "document.activeElement.value") == serde_json::json!("10") {
            break;
        }
        tab.press_key("ArrowUp").unwrap();
    }
    tab_to(&tab, "#practice-form button[type=submit]");
    tab.press_key("Enter").unwrap();
    common::chrome::wait_for(&tab, "!document.getElementById('practice-exam').hidden");
    let scored = js(
        &tab,
        "document.querySelectorAll('#exam-question .quiz[data-kind]').length",
    )
    .as_i64()
    .unwrap();
    assert_eq!(scored, 10, "a 10-question exam has 10 scored questions");
    assert!(
        text(&tab, "#exam-timer").ends_with("left"),
        "the exam is timed by default"
    );

    // Answer the first question's first control, flag it, go to the next one.
    tab_to(&tab, "#exam-question .exam-item:not([hidden]) fieldset input, #exam-question .exam-item:not([hidden]) fieldset select, #exam-question .exam-item:not([hidden]) fieldset button");
    tab.press_key(" ").unwrap();
    tab_to(&tab, "#exam-flag");
    tab.press_key(" ").unwrap();
    tab_to(&tab, "#exam-next");
    tab.press_key("Enter").unwrap();
    let second = "document.querySelector('#exam-navigator li:nth-child(2) button').getAttribute('aria-current')";
    assert_eq!(js(&tab, second), serde_json::json!("step"));

    // Reload mid-exam: same questions, same place, flag kept.
    let ids = "[...document.querySelectorAll('#exam-question .quiz[data-kind]')].map(q => q.dataset.qid).join()";
    let before = js(&tab, ids);
    open(&tab, &url);
    assert_eq!(
        js(&tab, "document.getElementById('practice-exam').hidden"),
        serde_json::Value::Bool(false),
        "exam not resumed"
    );
    assert_eq!(js(&tab, ids), before);
    assert_eq!(js(&tab, second), serde_json::json!("step"));
    assert_eq!(js(&tab, "document.querySelector('#exam-navigator li:first-child button').classList.contains('flagged')"), serde_json::Value::Bool(true));

    // Finish (accepting the unanswered warning) and read the results and review.
    tab_to(&tab, "#exam-finish");
    tab.press_key("Enter").unwrap();
    tab_to(&tab, "#exam-review-finish");
    tab.press_key("Enter").unwrap();
    let summary = text(&tab, "#results-summary");
    assert!(summary.contains("of 10 correctly"), "{summary}");
    assert!(summary.contains("scaled score"), "{summary}");
    assert!(summary.contains("Results per domain"));
    let reviewed = js(&tab, "document.querySelectorAll('#results-review .quiz[data-kind] .answer[data-revealed]').length");
    assert_eq!(
        reviewed,
        serde_json::json!(10),
        "every question is reviewed with its explanation"
    );
    // Finishing clears the saved exam: a reload starts fresh.
    open(&tab, &url);
    assert_eq!(
        js(&tab, "document.getElementById('practice-setup').hidden"),
        serde_json::Value::Bool(false)
    );
}

#[test]
fn arrow_keys_go_to_neighbours_and_question_mark_lists_shortcuts() {
    let Some(Session {
        tab,
        _browser,
        _dir,
        _server,
        ..
    }) = session()
    else {
        return;
    };
    // In a radio group the arrows choose an option and must not leave the page.
    tab_to(&tab, "#q-first-choice input[type=radio]");
    tab.press_key("ArrowRight").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(
        js(&tab, "location.pathname.endsWith('1-1-first-task.html')"),
        serde_json::Value::Bool(true)
    );
    js(&tab, "document.activeElement.blur(); true");
    tab.press_key("?").unwrap();
    assert_eq!(
        js(&tab, "document.getElementById('shortcuts').open"),
        serde_json::Value::Bool(true)
    );
    tab.press_key("Escape").unwrap();
    assert_eq!(
        js(&tab, "document.getElementById('shortcuts').open"),
        serde_json::Value::Bool(false)
    );
    // The task page's previous page is its domain page.
    tab.press_key("ArrowLeft").unwrap();
    tab.wait_until_navigated().unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while js(&tab, "location.pathname.endsWith('domain-1/index.html')")
        != serde_json::Value::Bool(true)
    {
        assert!(
            std::time::Instant::now() < deadline,
            "ArrowLeft did not open the previous page"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

/// Without JavaScript a question still works as a form with its answer folded away: no
/// buttons that would do nothing, the intro says how to see the answer, and an ordering
/// question does not show its steps in the answer's order.
#[test]
fn questions_work_without_javascript() {
    use headless_chrome::protocol::cdp::Emulation::SetScriptExecutionDisabled;
    let Some(browser) = browser() else { return };
    let (_dir, url) = scaffold_site();
    let tab = browser.new_tab().unwrap();
    tab.call_method(SetScriptExecutionDisabled { value: true })
        .unwrap();
    open(&tab, &url);
    assert_eq!(
        js(&tab, "document.documentElement.classList.contains('js')"),
        false
    );
    assert_eq!(
        js(&tab, "[...document.querySelectorAll('.quiz-intro span')].filter(s => s.offsetParent).map(s => s.className).join()"),
        "without-js"
    );
    assert_eq!(
        js(
            &tab,
            "document.querySelectorAll('.quiz button, .quiz .mark, .quiz .feedback').length"
        ),
        0
    );
    assert_eq!(
        js(&tab, "[...document.querySelectorAll('.quiz details.answer')].filter(d => d.offsetParent).length"),
        js(&tab, "document.querySelectorAll('.quiz[data-kind]').length")
    );
    let shown = js(&tab, "[...document.querySelectorAll('#q-first-ordering .step')].map(s => s.dataset.index).join()");
    let answer = js(&tab, "[...document.querySelectorAll('#q-first-ordering .answer-order li')].map((_, i) => i).join()");
    assert_eq!(
        shown.as_str().map(|s| s.split(',').count()),
        Some(3),
        "{shown}"
    );
    assert_ne!(shown, answer);
    // The answer key names the options by the letters shown.
    let choice = text(&tab, "#q-first-choice .answer-key");
    let correct = js(&tab, "String.fromCharCode(65 + [...document.querySelectorAll('#q-first-choice .option')].findIndex(o => o.hasAttribute('data-correct')))");
    assert_eq!(choice, format!("Answer: {}", correct.as_str().unwrap()));
}

/// quiz.js shuffles an ordering question per reader and never starts it solved, whatever
/// order the HTML shows its steps in.
#[test]
fn ordering_never_starts_solved_for_any_reader() {
    let Some(Session {
        tab,
        url,
        _browser,
        _dir,
        _server,
    }) = session()
    else {
        return;
    };
    let mut orders = std::collections::BTreeSet::new();
    for seed in 0..24 {
        js(&tab, &format!("localStorage.setItem('studyguide:' + document.documentElement.dataset.guide + ':seed', '{seed}'); true"));
        open(&tab, &url);
        let order = js(&tab, "[...document.querySelectorAll('#q-first-ordering .step')].map(s => s.dataset.index).join()");
        let order = order.as_str().unwrap().to_string();
        let mut sorted: Vec<&str> = order.split(',').collect();
        sorted.sort_unstable();
        assert_eq!(sorted.len(), 3, "{order}");
        assert_ne!(order, sorted.join(","), "seed {seed} starts solved");
        orders.insert(order);
    }
    assert!(
        orders.len() >= 3,
        "the shuffle varies by reader: {orders:?}"
    );
}
