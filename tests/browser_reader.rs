//! The reader's view of the built MLA-C01 guide in a real headless Chromium (issue 14): every
//! page at three widths in light and dark, anchors below the sticky header, printing with the
//! answers, practice exams in a row. Without Chromium these tests skip loudly; with `CI=true` a
//! missing browser fails.

mod common;
use common::chrome::{
    axe, axe_source, browser, errors, js, json_of, open, open_synced, set_theme, string, viewport,
    wait_for, watch_errors,
};
use common::*;
use headless_chrome::protocol::cdp::Emulation;
use headless_chrome::Tab;
use serde_json::{json, Value};
use std::path::Path;
use std::sync::Arc;

/// The guide in this repository, built into a fresh folder.
fn guide() -> tempfile::TempDir {
    let dest = tempfile::tempdir().unwrap();
    build(&repo(), dest.path());
    dest
}

/// Every HTML page of a built site, as `/`-separated relative paths.
fn pages(dir: &Path) -> Vec<String> {
    read_tree(dir)
        .into_keys()
        .filter(|p| p.ends_with(".html"))
        .collect()
}

fn url(dir: &Path, page: &str) -> String {
    format!("file://{}/{page}", dir.display())
}

/// Where to look at a page: from disk, except `404.html`, whose links are absolute from the
/// site's root (it answers for any missing path), so it is looked at as a server sends it.
fn page_url(dir: &Path, server: &Server, page: &str) -> String {
    if page == "404.html" {
        format!("http://127.0.0.1:{}/no/such/page.html", server.port)
    } else {
        url(dir, page)
    }
}

/// What is wider than it may be on the current page: the document itself (sideways scroll),
/// anything inside a question drawn outside the question's card, anything of the article
/// drawn over the "On this page" column. Descendants of scroll containers (code blocks,
/// tables) are clipped by them and not counted. Every answer is opened first.
const OVERFLOW: &str = r#"(() => {
  const out = [];
  const de = document.documentElement;
  if (de.scrollWidth > de.clientWidth) out.push(`document is ${de.scrollWidth}px wide in a ${de.clientWidth}px window`);
  document.querySelectorAll('.quiz .answer').forEach(d => { d.open = true; d.setAttribute('data-revealed', ''); });
  const clipped = el => { for (let p = el.parentElement; p; p = p.parentElement) { const s = getComputedStyle(p); if (s.overflowX !== 'visible') return true; } return false; };
  const name = el => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '') + ' "' + (el.textContent || '').trim().slice(0, 50) + '"';
  const check = (container, limitRight, what) => {
    container.querySelectorAll('*').forEach(el => {
      if (out.length > 8) return;
      const b = el.getBoundingClientRect();
      if (b.width === 0 || b.height === 0) return;
      const limitLeft = what === 'card' ? container.getBoundingClientRect().left : -1e9;
      if (b.right > limitRight + 0.5 || b.left < limitLeft - 0.5) {
        if (clipped(el) && el.parentElement.closest('pre, .table-wrap, .search-results')) return;
        out.push(`${name(el)} reaches ${Math.round(b.right)}px, past the ${what} at ${Math.round(limitRight)}px`);
      }
    });
  };
  document.querySelectorAll('.quiz').forEach(q => { if (q.offsetParent) check(q, q.getBoundingClientRect().right, 'card'); });
  const toc = document.querySelector('.toc'), page = document.querySelector('.page');
  if (toc && page && toc.offsetParent) check(page, toc.getBoundingClientRect().left, 'contents column');
  return out.join('\n');
})()"#;

#[test]
fn no_page_scrolls_sideways_at_any_width_in_light_or_dark() {
    let Some(browser) = browser() else { return };
    let site = guide();
    let tab = browser.new_tab().unwrap();
    let server = start(&repo());
    let mut failures = Vec::new();
    let all = pages(site.path());
    assert!(all.len() >= 19, "{all:?}");
    for page in &all {
        open(&tab, &page_url(site.path(), &server, page));
        for theme in ["light", "dark"] {
            js(
                &tab,
                &format!("document.documentElement.dataset.theme = '{theme}'; true"),
            );
            for width in [320, 768, 1280] {
                viewport(&tab, width);
                let found = string(&tab, OVERFLOW);
                if !found.is_empty() {
                    failures.push(format!("{page} at {width}px, {theme}:\n{found}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Is the top of the element with this id below the sticky header, after jumping to it?
const BELOW_HEADER: &str = r#"((id) => {
  const el = document.getElementById(id);
  const header = document.querySelector('.topbar').getBoundingClientRect().bottom;
  return Math.round(el.getBoundingClientRect().top) >= Math.round(header);
})"#;

#[test]
fn in_page_jumps_and_focus_land_below_the_sticky_header() {
    let Some(browser) = browser() else { return };
    let site = guide();
    let tab = browser.new_tab().unwrap();
    let mut failures = Vec::new();
    let page = "domain-3-deployment-orchestration/3-2-create-and-script-infrastructure.html";
    for width in [320, 1280] {
        viewport(&tab, width);
        open(&tab, &url(site.path(), page));
        // Every link to an anchor on the page: contents, "Check yourself", glossary, self-links.
        let ids = json_of(
            &tab,
            "[...new Set([...document.querySelectorAll('main a[href^=\"#\"]')].map(a => decodeURIComponent(a.getAttribute('href').slice(1))))].filter(id => document.getElementById(id))",
        );
        let ids: Vec<String> = serde_json::from_value(ids).unwrap();
        assert!(ids.len() > 5, "{ids:?}");
        for id in &ids {
            js(
                &tab,
                &format!(
                    "window.scrollTo(0, 0); location.hash = {:?}; true",
                    format!("#{id}")
                ),
            );
            if js(&tab, &format!("{BELOW_HEADER}({id:?})")) != Value::Bool(true) {
                failures.push(format!("{width}px: #{id} lands under the header"));
            }
        }
        // Keyboard focus moving backwards from the end of the page stays below the header.
        js(
            &tab,
            "window.scrollTo(0, document.body.scrollHeight); document.querySelector('.footer button').focus(); true",
        );
        for _ in 0..25 {
            tab.press_key_with_modifiers(
                "Tab",
                Some(&[headless_chrome::browser::tab::ModifierKey::Shift]),
            )
            .unwrap();
            let covered = string(
                &tab,
                "(() => { const el = document.activeElement; if (!el.closest('main')) return ''; const h = document.querySelector('.topbar').getBoundingClientRect().bottom; const r = el.getBoundingClientRect(); return r.top < h - 0.5 ? (el.textContent || el.tagName).trim().slice(0, 40) + ' at ' + Math.round(r.top) + ' under a header ending at ' + Math.round(h) : ''; })()",
            );
            if !covered.is_empty() {
                failures.push(format!("{width}px: focus on {covered}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The text of a PDF, by `pdftotext` (poppler-utils), whitespace collapsed.
fn pdf_text(pdf: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("page.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = match std::process::Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(&file)
        .arg("-")
        .output()
    {
        Ok(out) => out,
        Err(e) if std::env::var("CI").as_deref() != Ok("true") => {
            eprintln!("\n*** SKIPPING PDF CHECK: cannot run pdftotext ({e}); apt-get install poppler-utils ***\n");
            return None;
        }
        Err(e) => panic!("CI=true but pdftotext cannot run: {e}"),
    };
    assert!(out.status.success());
    Some(collapse(&String::from_utf8_lossy(&out.stdout)))
}

/// Without whitespace: a long token wrapped at the end of a printed line comes out of
/// pdftotext with a line break inside it.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect()
}

/// For each question on the page: its answer key and the opening words of its explanation.
const ANSWERS: &str = r#"[...document.querySelectorAll('.quiz[data-kind]')].map(q => {
  const words = el => el ? el.textContent.trim().split(/\s+/).slice(0, 8).join(' ') : '';
  return [q.dataset.qid, words(q.querySelector(':scope > .answer .answer-key')), words(q.querySelector(':scope > .answer .explanation'))];
})"#;

fn printed_answers_missing(tab: &Arc<Tab>, page_url: &str) -> Option<Vec<String>> {
    open(tab, page_url);
    let answers: Vec<(String, String, String)> =
        serde_json::from_value(json_of(tab, ANSWERS)).unwrap();
    assert!(!answers.is_empty(), "no questions on {page_url}");
    let pdf = tab.print_to_pdf(None).unwrap();
    let text = pdf_text(&pdf)?;
    let mut missing = Vec::new();
    for (id, key, explanation) in answers {
        for part in [key, explanation] {
            if !part.is_empty() && !text.contains(&collapse(&part)) {
                missing.push(format!("{page_url}: {id}: {part:?}"));
            }
        }
    }
    Some(missing)
}

#[test]
fn printing_a_task_page_or_the_print_view_shows_every_answer() {
    let Some(browser) = browser() else { return };
    let site = guide();
    let tab = browser.new_tab().unwrap();
    let mut missing = Vec::new();
    for page in [
        "domain-1-data-preparation/1-1-ingest-and-store-data.html",
        "print.html",
    ] {
        let Some(m) = printed_answers_missing(&tab, &url(site.path(), page)) else {
            return;
        };
        missing.extend(m);
    }
    assert!(
        missing.is_empty(),
        "{} answers or explanations not printed, e.g.:\n{}",
        missing.len(),
        missing[..missing.len().min(10)].join("\n")
    );
}

/// Starts a practice exam of `length` questions without a timer from the setup form.
fn start_exam(tab: &Arc<Tab>, length: u32) {
    js(
        tab,
        &format!("document.querySelector('input[name=length][value=\"{length}\"]').checked = true; document.querySelector('input[name=timer][value=\"off\"]').checked = true; document.querySelector('#practice-form button[type=submit]').click(); true"),
    );
    wait_for(tab, "!document.getElementById('practice-exam').hidden");
}

/// Answers the first option of every choice question in the exam, walks through it with Next
/// and finishes (accepting any confirmation).
fn answer_some_and_finish(tab: &Arc<Tab>) {
    js(
        tab,
        "document.querySelectorAll('#exam-question .quiz[data-kind] .option:first-child input').forEach(i => i.click()); true",
    );
    let units = js(
        tab,
        "document.querySelectorAll('#exam-navigator button').length",
    )
    .as_u64()
    .unwrap();
    for _ in 1..units {
        js(tab, "document.getElementById('exam-next').click(); true");
    }
    js(
        tab,
        "window.confirm = () => true; document.getElementById('exam-finish').click(); true",
    );
    // A review step may come before the results.
    js(
        tab,
        "(() => { const b = document.getElementById('exam-review-finish'); if (b && b.offsetParent) b.click(); return true; })()",
    );
    wait_for(tab, "!document.getElementById('practice-results').hidden");
}

fn scored_of(summary: &str) -> u64 {
    let (_, rest) = summary.split_once("You answered ").expect(summary);
    let (_, rest) = rest.split_once(" of ").expect(summary);
    rest.split_whitespace().next().unwrap().parse().unwrap()
}

#[test]
fn practice_exams_in_a_row_score_only_their_own_questions() {
    let Some(browser) = browser() else { return };
    let site = guide();
    let tab = browser.new_tab().unwrap();
    open(&tab, &url(site.path(), "practice.html"));
    js(&tab, "localStorage.clear(); true");
    open(&tab, &url(site.path(), "practice.html"));
    watch_errors(&tab);
    let attempts = "Object.values(StudyGuideQuiz.loadProgress().questions).reduce((n, q) => n + q.attempts, 0)";

    start_exam(&tab, 10);
    answer_some_and_finish(&tab);
    let summary = string(
        &tab,
        "document.getElementById('results-summary').textContent",
    );
    assert_eq!(scored_of(&summary), 10, "{summary}");
    assert_eq!(js(&tab, attempts), json!(10));
    let missed = js(
        &tab,
        "document.querySelectorAll('#results-review .quiz[data-kind] .feedback.wrong').length",
    )
    .as_u64()
    .unwrap();
    assert!(missed > 0, "first options are rarely all right");

    // Retry the missed (a case study comes back whole): scores exactly that exam's questions
    // and records exactly those.
    js(
        &tab,
        "document.getElementById('results-retry-missed').click(); true",
    );
    wait_for(&tab, "!document.getElementById('practice-exam').hidden");
    let retried = js(
        &tab,
        "document.querySelectorAll('#exam-question .quiz[data-kind]').length",
    )
    .as_u64()
    .unwrap();
    assert!(
        retried >= missed && retried < 10 + missed,
        "{retried} for {missed} missed"
    );
    answer_some_and_finish(&tab);
    let summary = string(
        &tab,
        "document.getElementById('results-summary').textContent",
    );
    assert_eq!(scored_of(&summary), retried, "{summary}");
    assert_eq!(js(&tab, attempts), json!(10 + retried));

    // A new exam after that: its own 10 questions, the review shows only those.
    js(&tab, "document.getElementById('results-new').click(); true");
    start_exam(&tab, 10);
    answer_some_and_finish(&tab);
    let summary = string(
        &tab,
        "document.getElementById('results-summary').textContent",
    );
    assert_eq!(scored_of(&summary), 10, "{summary}");
    assert_eq!(
        js(
            &tab,
            "document.querySelectorAll('#results-review .quiz[data-kind]').length"
        ),
        json!(10)
    );
    assert_eq!(js(&tab, attempts), json!(20 + retried));
    assert_eq!(errors(&tab), "", "page errors");
}

#[test]
fn axe_finds_nothing_serious_on_any_page_in_light_or_dark() {
    let Some(browser) = browser() else { return };
    let Some(source) = axe_source() else { return };
    let site = guide();
    let tab = browser.new_tab().unwrap();
    viewport(&tab, 1280);
    let server = start(&repo());
    let mut failures = Vec::new();
    for page in pages(site.path()) {
        open(&tab, &page_url(site.path(), &server, &page));
        for theme in ["light", "dark"] {
            set_theme(&tab, theme);
            for v in axe(&tab, &source) {
                failures.push(format!("{page}, {theme}: {v}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn axe_finds_nothing_serious_in_the_states_a_reader_creates() {
    let Some(browser) = browser() else { return };
    let Some(source) = axe_source() else { return };
    let site = guide();
    let tab = browser.new_tab().unwrap();
    let mut failures = Vec::new();
    let task = url(
        site.path(),
        "domain-1-data-preparation/1-1-ingest-and-store-data.html",
    );
    let mut check = |tab: &Arc<Tab>, state: &str| {
        for theme in ["light", "dark"] {
            set_theme(tab, theme);
            for v in axe(tab, &source) {
                failures.push(format!("{state}, {theme}: {v}"));
            }
        }
    };
    viewport(&tab, 1280);
    open(&tab, &url(site.path(), "practice.html"));
    js(&tab, "localStorage.clear(); true");

    // Questions checked right and wrong.
    open(&tab, &task);
    js(
        &tab,
        "(() => { const qs = [...document.querySelectorAll('.quiz[data-kind=multiple-choice]')]; qs[0].querySelector('.option[data-correct] input').click(); qs[0].querySelector('.check').click(); qs[1].querySelector('.option:not([data-correct]) input').click(); qs[1].querySelector('.check').click(); return true; })()",
    );
    check(&tab, "task page with a right and a wrong answer");

    // Search open with results.
    js(
        &tab,
        "document.querySelector('.search-toggle').click(); true",
    );
    wait_for(&tab, "!!(window.StudyGuideSearch && window.StudyGuideSearch.open) && !document.getElementById('search-panel').hidden");
    js(
        &tab,
        "const i = document.getElementById('search-input'); i.value = 'feature store'; i.dispatchEvent(new Event('input')); true",
    );
    wait_for(
        &tab,
        "document.querySelectorAll('#search-results li').length > 0",
    );
    js(
        &tab,
        "document.getElementById('search-input').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true })); true",
    );
    check(&tab, "search open with results");

    // The shortcuts dialog.
    open(&tab, &task);
    tab.press_key("?").unwrap();
    wait_for(&tab, "document.getElementById('shortcuts').open");
    check(&tab, "shortcuts dialog");

    // The menu open at 320 px.
    viewport(&tab, 320);
    open(&tab, &task);
    js(&tab, "document.querySelector('.nav-toggle').click(); true");
    check(&tab, "menu open at 320 px");
    viewport(&tab, 1280);

    // A practice exam in progress, paused and finished.
    open(&tab, &url(site.path(), "practice.html"));
    js(
        &tab,
        "document.querySelector('input[name=length][value=\"10\"]').checked = true; document.querySelector('#practice-form button[type=submit]').click(); true",
    );
    wait_for(&tab, "!document.getElementById('practice-exam').hidden");
    js(
        &tab,
        "document.querySelector('#exam-question .exam-item:not([hidden]) fieldset input')?.click(); document.getElementById('exam-flag').click(); true",
    );
    check(&tab, "practice exam in progress");
    js(&tab, "document.getElementById('exam-pause').click(); true");
    check(&tab, "practice exam paused");
    js(&tab, "document.getElementById('exam-pause').click(); true");
    answer_some_and_finish(&tab);
    check(&tab, "practice exam finished");

    // The progress page after answering.
    open(&tab, &url(site.path(), "progress.html"));
    check(&tab, "progress page after answering");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn arrow_keys_scroll_a_wide_code_block_instead_of_leaving_the_page() {
    let Some(browser) = browser() else { return };
    let site = guide();
    let tab = browser.new_tab().unwrap();
    viewport(&tab, 320);
    let page = url(
        site.path(),
        "domain-3-deployment-orchestration/3-2-create-and-script-infrastructure.html",
    );
    open(&tab, &page);
    // A wide code block is a named tab stop (axe scrollable-region-focusable).
    wait_for(
        &tab,
        "document.querySelectorAll('main pre[tabindex=\"0\"]').length > 0",
    );
    let wide =
        "[...document.querySelectorAll('main pre')].filter(p => p.scrollWidth > p.clientWidth + 1)";
    assert_eq!(
        js(
            &tab,
            &format!("{wide}.every(p => p.tabIndex === 0 && p.getAttribute('aria-label'))")
        ),
        json!(true)
    );
    js(&tab, &format!("{wide}[0].focus(); true"));
    tab.press_key("ArrowRight").unwrap();
    tab.press_key("ArrowRight").unwrap();
    assert_eq!(
        string(&tab, "location.href"),
        page,
        "ArrowRight left the page"
    );
    wait_for(&tab, &format!("{wide}[0].scrollLeft > 0"));
}

#[test]
fn practice_exam_counts_questions_keeps_pause_warns_and_reviews_before_finishing() {
    let Some(browser) = browser() else { return };
    // Over HTTP: the test reloads right after writing localStorage, and file:// pages in
    // separate renderers were seen to read a stale copy for seconds under load.
    let server = start(&repo());
    let tab = browser.new_tab().unwrap();
    let practice = format!("http://127.0.0.1:{}/practice.html", server.port);
    open(&tab, &practice);
    js(&tab, "localStorage.clear(); true");
    open(&tab, &practice);
    watch_errors(&tab);
    // The full exam, timed: counted in questions, a case study as its sub-questions.
    js(
        &tab,
        "document.querySelector('#practice-form button[type=submit]').click(); true",
    );
    wait_for(&tab, "!document.getElementById('practice-exam').hidden");
    let total = js(
        &tab,
        "document.querySelectorAll('#exam-question .quiz[data-kind]').length",
    );
    assert_eq!(total, json!(65));
    let position = string(&tab, "document.getElementById('exam-position').textContent");
    assert!(position.ends_with(" of 65"), "{position}");

    // Paused: nothing moves, and a reload keeps it paused.
    js(&tab, "document.getElementById('exam-pause').click(); true");
    let frozen = "['exam-next', 'exam-finish', 'exam-flag'].every(id => document.getElementById(id).disabled) && [...document.querySelectorAll('#exam-navigator button')].every(b => b.disabled)";
    assert_eq!(js(&tab, frozen), json!(true), "controls work while paused");
    let exam_key = "localStorage.getItem('studyguide:' + STUDYGUIDE_BANK.key + ':exam') || ''";
    open_synced(&browser, &tab, &practice, exam_key);
    wait_for(&tab, "!document.getElementById('practice-exam').hidden");
    assert!(
        string(&tab, "document.getElementById('exam-timer').textContent").starts_with("Paused"),
        "pause lost on reload"
    );
    assert_eq!(js(&tab, frozen), json!(true));
    assert_eq!(
        js(&tab, "document.getElementById('exam-question').hidden"),
        json!(true)
    );

    // Ten minutes before the end the time left is announced (the saved clock is set to just
    // over ten minutes and the page reloaded; 604 s, so that the page saves its clock again
    // only after four seconds, when the reload has long been compared with what was saved).
    let key = "'studyguide:' + STUDYGUIDE_BANK.key + ':exam'";
    js(
        &tab,
        &format!("(() => {{ const s = JSON.parse(localStorage.getItem({key})); s.left = 604; s.paused = false; localStorage.setItem({key}, JSON.stringify(s)); return true; }})()"),
    );
    open_synced(&browser, &tab, &practice, exam_key);
    wait_for(&tab, "!document.getElementById('practice-exam').hidden");
    assert_eq!(js(&tab, frozen), json!(false));
    wait_for(
        &tab,
        "document.getElementById('exam-alert').textContent === '10 minutes left.'",
    );

    // Finishing first lists the unanswered and flagged questions, with a way back.
    js(&tab, "document.getElementById('exam-flag').click(); true");
    js(&tab, "document.getElementById('exam-finish').click(); true");
    assert_eq!(
        js(&tab, "document.getElementById('practice-results').hidden"),
        json!(true),
        "finished at once"
    );
    let review = string(&tab, "document.getElementById('exam-review').textContent");
    assert!(review.contains("Not answered"), "{review}");
    assert!(review.contains("Flagged for review"), "{review}");
    js(
        &tab,
        "document.querySelector('#exam-review-list button').click(); true",
    );
    assert_eq!(
        js(&tab, "document.getElementById('exam-review').hidden"),
        json!(true)
    );
    js(&tab, "document.getElementById('exam-finish').click(); document.getElementById('exam-review-finish').click(); true");
    wait_for(&tab, "!document.getElementById('practice-results').hidden");
    let summary = string(
        &tab,
        "document.getElementById('results-summary').textContent",
    );
    assert_eq!(scored_of(&summary), 65, "{summary}");
    assert_eq!(errors(&tab), "", "page errors");
}

#[test]
fn a_task_page_reveals_answers_unrecorded_and_remembers_results_after_a_reload() {
    let Some(browser) = browser() else { return };
    let site = guide();
    let tab = browser.new_tab().unwrap();
    let task = url(
        site.path(),
        "domain-1-data-preparation/1-1-ingest-and-store-data.html",
    );
    open(&tab, &task);
    js(&tab, "localStorage.clear(); true");
    open(&tab, &task);
    let total = js(&tab, "document.querySelectorAll('.quiz[data-kind]').length")
        .as_u64()
        .unwrap();
    let recorded = "Object.keys(StudyGuideQuiz.loadProgress().questions).length";

    // Reveal the third question's answer without answering: shown, not recorded.
    let third = "document.querySelectorAll('.quiz[data-kind=multiple-choice]')[2]";
    js(
        &tab,
        &format!("{third}.querySelector('.answer summary').click(); true"),
    );
    assert_eq!(
        js(
            &tab,
            &format!("!!{third}.querySelector('.explanation').offsetParent")
        ),
        json!(true),
        "the answer cannot be revealed without answering"
    );
    assert_eq!(js(&tab, recorded), json!(0));

    // One right, one wrong, then a reload.
    js(
        &tab,
        "(() => { const qs = [...document.querySelectorAll('.quiz[data-kind=multiple-choice]')]; qs[0].querySelector('.option[data-correct] input').click(); qs[0].querySelector('.check').click(); qs[1].querySelector('.option:not([data-correct]) input').click(); qs[1].querySelector('.check').click(); return true; })()",
    );
    assert_eq!(js(&tab, recorded), json!(2));
    open(&tab, &task);
    let qs = "[...document.querySelectorAll('.quiz[data-kind=multiple-choice]')]";
    assert_eq!(
        js(
            &tab,
            &format!("{qs}[0].querySelector('.option[data-correct]').classList.contains('is-right') && {qs}[0].querySelector('.feedback').textContent.includes('Correct')")
        ),
        json!(true),
        "the right answer is not shown after a reload"
    );
    assert_eq!(
        js(
            &tab,
            &format!("{qs}[1].querySelector('.option.is-wrong input').checked && !{qs}[1].querySelector('.retry').hidden")
        ),
        json!(true),
        "the wrong answer is not shown after a reload"
    );
    // The ✓/✗ marks sit inside their option's card.
    let outside = string(
        &tab,
        "[...document.querySelectorAll('.option .mark')].filter(m => m.textContent && (() => { const r = m.getBoundingClientRect(), c = m.closest('.option').querySelector('label').getBoundingClientRect(); return r.top < c.top || r.bottom > c.bottom || r.left < c.left || r.right > c.right; })()).map(m => m.textContent).join('; ')",
    );
    assert_eq!(outside, "", "marks outside their option card");
    let tally = string(
        &tab,
        "(document.querySelector('.quiz-tally') || {}).textContent || ''",
    );
    assert!(
        tally.contains(&format!("2 of {total}")) && tally.contains("1 right"),
        "tally: {tally:?}"
    );
}

#[test]
fn the_menu_at_320px_keeps_focus_inside_and_the_sidebar_is_reachable_without_javascript() {
    let Some(browser) = browser() else { return };
    let site = guide();
    let task = url(
        site.path(),
        "domain-1-data-preparation/1-1-ingest-and-store-data.html",
    );
    let tab = browser.new_tab().unwrap();
    viewport(&tab, 320);
    open(&tab, &task);
    js(&tab, "document.querySelector('.nav-toggle').click(); true");
    let mut outside = Vec::new();
    for _ in 0..40 {
        tab.press_key("Tab").unwrap();
        let at = string(
            &tab,
            "(() => { const el = document.activeElement; return el === document.body || el.closest('#sidebar, .topbar') ? '' : (el.textContent || el.tagName).trim().slice(0, 40); })()",
        );
        if !at.is_empty() {
            outside.push(at);
        }
    }
    assert!(
        outside.is_empty(),
        "focus went behind the open menu: {outside:?}"
    );
    tab.press_key("Escape").unwrap();
    assert_eq!(
        js(
            &tab,
            "document.getElementById('sidebar').classList.contains('open')"
        ),
        json!(false)
    );

    // The header leaves room for the guide's title (it was cut to "M…").
    let brand = js(
        &tab,
        "Math.round(document.querySelector('.brand').getBoundingClientRect().width)",
    );
    assert!(
        brand.as_i64().unwrap() >= 110,
        "title {brand}px wide at 320 px"
    );

    // Without JavaScript the sidebar's links are on the page at 320 px.
    let tab = browser.new_tab().unwrap();
    tab.call_method(
        headless_chrome::protocol::cdp::Emulation::SetScriptExecutionDisabled { value: true },
    )
    .unwrap();
    viewport(&tab, 320);
    tab.navigate_to(&task)
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    assert_eq!(
        js(
            &tab,
            "[...document.querySelectorAll('#sidebar a')].filter(a => a.getBoundingClientRect().width > 0).length > 10"
        ),
        json!(true),
        "the sidebar cannot be reached without JavaScript"
    );
    assert_eq!(
        js(&tab, "!!document.querySelector('.nav-toggle').offsetParent"),
        json!(false),
        "a Menu button that does nothing"
    );
}

#[test]
fn theme_toggle_leave_out_boxes_matching_lists_and_search_focus_say_what_they_are() {
    let Some(browser) = browser() else { return };
    let site = guide();
    let page = url(
        site.path(),
        "domain-4-monitoring-security/4-2-monitor-and-optimize-infrastructure-and-costs.html",
    );
    let tab = browser.new_tab().unwrap();
    open(&tab, &page);
    js(&tab, "localStorage.clear(); true");
    open(&tab, &page);
    let mut problems = Vec::new();

    // The toggle's name stays the same and its pressed state says whether dark mode is on.
    for _ in 0..2 {
        js(
            &tab,
            "document.querySelector('.theme-toggle').click(); true",
        );
        let said = string(
            &tab,
            "(() => { const b = document.querySelector('.theme-toggle'); const dark = getComputedStyle(document.documentElement).colorScheme.includes('dark'); return b.textContent.trim() === 'Dark mode' && b.getAttribute('aria-pressed') === String(dark) ? '' : `\"${b.textContent}\" pressed=${b.getAttribute('aria-pressed')} while dark=${dark}`; })()",
        );
        if !said.is_empty() {
            problems.push(format!("theme toggle: {said}"));
        }
    }

    // Each "Leave out" box names its step.
    let unnamed = string(
        &tab,
        "[...document.querySelectorAll('.leave-out input')].filter(i => !(i.getAttribute('aria-label') || '').includes(i.closest('.step').querySelector('.step-text').textContent)).length + ' of ' + document.querySelectorAll('.leave-out input').length",
    );
    if !unnamed.starts_with("0 of ") || unnamed == "0 of 0" {
        problems.push(format!(
            "leave-out boxes without their step's name: {unnamed}"
        ));
    }

    // A matching question's dropdowns list the choices in one order.
    let orders = string(
        &tab,
        "[...document.querySelectorAll('.quiz[data-kind=matching]')].filter(q => new Set([...q.querySelectorAll('.match select')].map(s => [...s.options].map(o => o.value).join())).size !== 1).map(q => q.dataset.qid).join()",
    );
    if !orders.is_empty() {
        problems.push(format!("matching dropdowns in different orders: {orders}"));
    }

    // Search closes when the focus leaves it.
    js(
        &tab,
        "document.querySelector('.search-toggle').click(); true",
    );
    wait_for(&tab, "!!(window.StudyGuideSearch && window.StudyGuideSearch.open) && !document.getElementById('search-panel').hidden");
    js(&tab, "document.querySelector('main h1').setAttribute('tabindex', '-1'); document.querySelector('main h1').focus(); true");
    if js(&tab, "document.getElementById('search-panel').hidden") != json!(true) {
        problems.push("the search panel stays open when focus leaves it".into());
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Not a check: `SHOTS=/some/dir cargo test --test browser_reader screenshots -- --ignored`
/// saves a task page at 320 px in light and dark and practice results after a retry.
#[test]
#[ignore]
fn screenshots() {
    use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption::Png;
    let Some(browser) = browser() else { return };
    let Ok(out) = std::env::var("SHOTS") else {
        return;
    };
    let site = guide();
    let tab = browser.new_tab().unwrap();
    let task = url(
        site.path(),
        "domain-3-deployment-orchestration/3-2-create-and-script-infrastructure.html",
    );
    viewport(&tab, 320);
    open(&tab, &task);
    js(&tab, "localStorage.clear(); true");
    open(&tab, &task);
    js(
        &tab,
        "(() => { const q = [...document.querySelectorAll('.quiz[data-kind=multiple-choice]')].find(q => q.querySelector('code')) || document.querySelector('.quiz[data-kind=multiple-choice]'); q.querySelector('.option:not([data-correct]) input').click(); q.querySelector('.check').click(); q.scrollIntoView(); return true; })()",
    );
    for theme in ["light", "dark"] {
        set_theme(&tab, theme);
        let png = tab.capture_screenshot(Png, None, None, true).unwrap();
        std::fs::write(format!("{out}/task-320-{theme}.png"), png).unwrap();
    }
    viewport(&tab, 1000);
    let practice = url(site.path(), "practice.html");
    open(&tab, &practice);
    set_theme(&tab, "light");
    start_exam(&tab, 10);
    answer_some_and_finish(&tab);
    js(
        &tab,
        "document.getElementById('results-retry-missed').click(); true",
    );
    wait_for(&tab, "!document.getElementById('practice-exam').hidden");
    answer_some_and_finish(&tab);
    js(&tab, "window.scrollTo(0, 0); true");
    let png = tab.capture_screenshot(Png, None, None, true).unwrap();
    std::fs::write(format!("{out}/practice-results-after-retry.png"), png).unwrap();
}

#[test]
fn progress_import_merges_only_this_guides_questions_and_says_so() {
    let Some(browser) = browser() else { return };
    let site = guide();
    let tab = browser.new_tab().unwrap();
    let page = url(site.path(), "progress.html");
    open(&tab, &page);
    js(&tab, "localStorage.clear(); true");
    open(&tab, &page);
    let import = |content: &str| {
        js(
            &tab,
            &format!("(() => {{ const dt = new DataTransfer(); dt.items.add(new File([{content:?}], 'mine.json')); const i = document.getElementById('progress-import'); i.files = dt.files; i.dispatchEvent(new Event('change')); return true; }})()"),
        );
        wait_for(
            &tab,
            "document.getElementById('progress-message').textContent !== ''",
        );
        let said = string(
            &tab,
            "document.getElementById('progress-message').textContent",
        );
        js(
            &tab,
            "document.getElementById('progress-message').textContent = ''; true",
        );
        said
    };
    let known = string(&tab, "STUDYGUIDE_BANK.questions[0].id");
    let said = import("{not json");
    assert!(
        said.starts_with("Nothing imported")
            && !said.contains("JSON.parse")
            && !said.contains("Unexpected"),
        "{said}"
    );
    let file = format!(
        r#"{{"version":1,"questions":{{"{known}":{{"attempts":2,"correct":true}},"no-such-question":{{"attempts":1,"correct":true}}}}}}"#
    );
    let said = import(&file);
    assert!(
        said.contains("Merged 1 question") && said.contains("skipped 1"),
        "{said}"
    );
    assert_eq!(
        js(
            &tab,
            "Object.keys(JSON.parse(localStorage.getItem('studyguide:' + STUDYGUIDE_BANK.key + ':progress')).questions).join()"
        ),
        json!(known)
    );
}

#[test]
fn coverage_gaps_only_shows_no_empty_headings() {
    let Some(browser) = browser() else { return };
    let site = guide();
    let tab = browser.new_tab().unwrap();
    open(&tab, &url(site.path(), "coverage.html"));
    js(
        &tab,
        "const g = document.querySelector('input[name=coverage-filter][value=gaps]'); g.checked = true; g.dispatchEvent(new Event('change', { bubbles: true })); true",
    );
    let empty = string(
        &tab,
        "[...document.querySelectorAll('.coverage-domain')].filter(s => s.offsetParent && ![...s.querySelectorAll('tbody tr')].some(r => r.offsetParent)).map(s => s.querySelector('h2').textContent).join('; ')",
    );
    assert_eq!(empty, "", "headings over nothing under 'Gaps only'");
    let said = string(
        &tab,
        "document.querySelector('.coverage-count').textContent",
    );
    assert!(
        !said.starts_with("Showing 0"),
        "says {said:?} instead of that there are no gaps"
    );
}

#[test]
fn search_shows_more_than_ten_results_on_request() {
    let Some(browser) = browser() else { return };
    let site = guide();
    let tab = browser.new_tab().unwrap();
    open(&tab, &url(site.path(), "index.html"));
    js(
        &tab,
        "document.querySelector('.search-toggle').click(); true",
    );
    wait_for(&tab, "!!(window.StudyGuideSearch && window.StudyGuideSearch.open) && !document.getElementById('search-panel').hidden");
    js(
        &tab,
        "const i = document.getElementById('search-input'); i.value = 'sagemaker'; i.dispatchEvent(new Event('input')); true",
    );
    wait_for(
        &tab,
        "document.querySelectorAll('#search-results [role=option]').length === 10",
    );
    let status = string(&tab, "document.getElementById('search-status').textContent");
    let total: usize = status
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .expect(&status);
    assert!(total > 20, "{status}");
    let more = "[...document.querySelectorAll('#search-panel button')].find(b => /more/i.test(b.textContent) && b.offsetParent)";
    assert_eq!(
        js(&tab, &format!("!!{more}")),
        json!(true),
        "no way to see more than 10 of {total} results"
    );
    js(&tab, &format!("{more}.click(); true"));
    wait_for(
        &tab,
        "document.querySelectorAll('#search-results [role=option]').length === 20",
    );
    assert_eq!(js(&tab, "document.activeElement.id"), json!("search-input"));
}

#[test]
fn each_task_has_one_question_count_on_domain_task_and_progress_pages() {
    let Some(browser) = browser() else { return };
    let site = guide();
    let tab = browser.new_tab().unwrap();
    // Progress page: task id -> N in "0 of N" (Correct column), tallied by MLA-C01's tasks as
    // the domain pages are (with nothing chosen it follows the version given today).
    open(&tab, &url(site.path(), "progress.html"));
    js(
        &tab,
        "localStorage.setItem('studyguide:' + document.querySelector('.exam-versions').dataset.key + ':exam-version', 'MLA-C01'); true",
    );
    open(&tab, &url(site.path(), "progress.html"));
    assert_eq!(
        string(&tab, "document.querySelector('.exam-select').value"),
        "MLA-C01"
    );
    let progress: std::collections::BTreeMap<String, u64> = serde_json::from_value(json_of(
        &tab,
        "Object.fromEntries([...document.querySelectorAll('#progress-table tbody tr')].map(r => [r.querySelector('th').textContent.split(' ')[0], Number(r.cells[2].textContent.split(' of ')[1])]))",
    ))
    .unwrap();
    let mut problems = Vec::new();
    for page in pages(site.path()) {
        if !page.ends_with("/index.html") || !page.starts_with("domain-") {
            continue;
        }
        open(&tab, &url(site.path(), &page));
        let rows: Vec<(String, Option<String>, u64)> = serde_json::from_value(json_of(
            &tab,
            "[...document.querySelectorAll('table.domain-tasks tbody tr')].map(r => [r.cells[0].textContent, r.querySelector('a') && r.querySelector('a').href, Number(r.cells[3].textContent)])",
        ))
        .unwrap();
        for (task, href, on_domain) in rows {
            let Some(href) = href else { continue };
            open(&tab, &href);
            let on_task = js(&tab, "document.querySelectorAll('.quiz[data-kind]').length")
                .as_u64()
                .unwrap();
            let on_progress = progress.get(&task).copied().unwrap_or(0);
            if on_domain != on_task || on_progress != on_task {
                problems.push(format!(
                    "task {task}: domain page {on_domain}, task page {on_task}, progress page {on_progress}"
                ));
            }
            open(&tab, &url(site.path(), &page));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn printing_without_javascript_still_shows_every_answer() {
    let Some(browser) = browser() else { return };
    let site = guide();
    let tab = browser.new_tab().unwrap();
    tab.call_method(Emulation::SetScriptExecutionDisabled { value: true })
        .unwrap();
    let page = url(
        site.path(),
        "domain-1-data-preparation/1-1-ingest-and-store-data.html",
    );
    let Some(missing) = printed_answers_missing(&tab, &page) else {
        return;
    };
    assert!(
        missing.is_empty(),
        "{} answers or explanations not printed, e.g.:\n{}",
        missing.len(),
        missing[..missing.len().min(5)].join("\n")
    );
}

/// A guard: the issue's "progress page scrolls sideways at 320 px" did not reproduce with these
/// answers before the theme changes either (its table scrolls inside its own box).
#[test]
fn the_progress_page_after_answering_fits_320px() {
    let Some(browser) = browser() else { return };
    // Over HTTP, so that the progress page surely reads the answers just given (file:// pages
    // in separate renderers were seen to read a stale localStorage under load).
    let server = start(&repo());
    let tab = browser.new_tab().unwrap();
    let at = |page: &str| format!("http://127.0.0.1:{}/{page}", server.port);
    let task = at("domain-1-data-preparation/1-1-ingest-and-store-data.html");
    open(&tab, &task);
    js(
        &tab,
        "document.querySelectorAll('.quiz[data-kind=multiple-choice]').forEach(q => { q.querySelector('.option input').click(); q.querySelector('.check').click(); }); true",
    );
    viewport(&tab, 320);
    open_synced(
        &browser,
        &tab,
        &at("progress.html"),
        "localStorage.getItem(StudyGuideStudy.progressKey) || ''",
    );
    // The page shows the answers: weakest items, questions to redo.
    assert!(
        !string(
            &tab,
            "document.getElementById('progress-summary').textContent"
        )
        .starts_with("You have answered 0 "),
        "the progress page shows no answers"
    );
    for theme in ["light", "dark"] {
        set_theme(&tab, theme);
        assert_eq!(string(&tab, OVERFLOW), "", "{theme}");
    }
}

/// Issue 14: 101 Tab presses from the top of the 1.2 page to its first question (glossary
/// links, the sidebar, the contents). A second skip link goes to the questions: from the top,
/// a few presses reach the first question's controls, on every page that has questions.
#[test]
fn a_skip_link_reaches_the_questions_in_a_few_tab_presses() {
    let Some(browser) = browser() else { return };
    let site = guide();
    let tab = browser.new_tab().unwrap();
    for page in [
        "domain-1-data-preparation/1-2-transform-and-engineer-features.html",
        "domain-4-monitoring-security/4-3-secure-aws-resources.html",
    ] {
        open(&tab, &url(site.path(), page));
        let mut presses = 0;
        let mut in_questions = false;
        while presses < 12 && !in_questions {
            tab.press_key("Tab").unwrap();
            presses += 1;
            let focused = string(
                &tab,
                "(() => { const el = document.activeElement; return (el.className || '') + '|' + (el.textContent || '').trim(); })()",
            );
            if focused.starts_with("skip-link|Skip to the questions") {
                tab.press_key("Enter").unwrap();
                presses += 1;
            }
            in_questions = json_of(
                &tab,
                "!!document.activeElement.closest('.check-yourself .quiz')",
            ) == Value::Bool(true);
        }
        assert!(
            in_questions,
            "{page}: no question control within {presses} key presses"
        );
    }
}
