//! Exam versions in Chromium: the version chooser (remembered across pages), the
//! retired-version banner (dated from the blueprint, against today's date) and the generated
//! "What changed" page, on the two-version fixture guide.

mod common;
use common::chrome::{browser, open};
use common::*;
use headless_chrome::Tab;
use std::sync::Arc;

fn js(tab: &Arc<Tab>, code: &str) -> serde_json::Value {
    tab.evaluate(code, false)
        .unwrap_or_else(|e| panic!("JS failed: {e}\n{code}"))
        .value
        .unwrap_or(serde_json::Value::Null)
}

/// The chooser's value, whether the retired banner shows and its text, and which version's
/// line on the page is marked.
fn state(tab: &Arc<Tab>) -> (String, bool, String, String) {
    tab.wait_for_element(".exam-select").unwrap();
    let v = js(
        tab,
        "JSON.stringify([document.querySelector('.exam-select').value, !document.querySelector('.exam-retired').hidden, document.querySelector('.exam-retired').textContent, [...document.querySelectorAll('.exam-serves .chosen')].map(s => s.dataset.exam).join(',')])",
    );
    serde_json::from_str(v.as_str().unwrap()).unwrap()
}

fn choose(tab: &Arc<Tab>, code: &str) {
    js(
        tab,
        &format!("(() => {{ const s = document.querySelector('.exam-select'); s.value = {code:?}; s.dispatchEvent(new Event('change')); }})()"),
    );
}

#[test]
fn version_chooser_is_remembered_and_a_retired_version_says_so() {
    let Some(browser) = browser() else { return };
    // Served over HTTP: file:// pages do not share one localStorage origin.
    let server = start(&fixture("exam-versions"));
    let url = |p: &str| format!("http://127.0.0.1:{}/{p}", server.port);
    let tab = browser.new_tab().unwrap();
    open(&tab, &url("t.html"));
    js(&tab, "localStorage.clear()");
    open(&tab, &url("t.html"));
    // Nothing chosen yet: the guide's default, FX-01, was given until 2020-01-31, and FX-02 is
    // given from 2020-02-01 with no end, so the chooser starts on FX-02, the exam of today.
    let (chosen, banner, _, marked) = state(&tab);
    assert_eq!(
        (chosen.as_str(), banner, marked.as_str()),
        ("FX-02", false, "FX-02")
    );
    // That start is not stored: it follows the dates until the reader chooses.
    let key = "[...Array(localStorage.length).keys()].map(i => localStorage.key(i)).filter(k => k.endsWith(':exam-version')).join(',')";
    assert_eq!(js(&tab, key).as_str(), Some(""));
    // The retired FX-01, chosen, says so.
    choose(&tab, "FX-01");
    let (chosen, banner, text, marked) = state(&tab);
    assert_eq!(chosen, "FX-01");
    assert!(banner, "the retired banner shows for FX-01");
    assert_eq!(
        text,
        "Retired: FX-01 was last given on 2020-01-31. The exam is now FX-02; choose it with the version chooser below."
    );
    assert_eq!(marked, "FX-01");
    // FX-02 has no end date: no banner.
    choose(&tab, "FX-02");
    let (chosen, banner, _, marked) = state(&tab);
    assert_eq!(
        (chosen.as_str(), banner, marked.as_str()),
        ("FX-02", false, "FX-02")
    );
    // Remembered on the next page, and after a reload.
    open(&tab, &url("u.html"));
    let (chosen, banner, _, marked) = state(&tab);
    assert_eq!(
        (chosen.as_str(), banner, marked.as_str()),
        ("FX-02", false, "FX-02")
    );
    tab.reload(true, None).unwrap();
    tab.wait_until_navigated().unwrap();
    assert_eq!(state(&tab).0, "FX-02");
    choose(&tab, "FX-01");
    open(&tab, &url("t.html"));
    let (chosen, banner, _, _) = state(&tab);
    assert_eq!((chosen.as_str(), banner), ("FX-01", true));
    // The version links stay, each to that version's coverage matrix.
    let hrefs = js(
        &tab,
        "[...document.querySelectorAll('.exam-chooser a')].map(a => a.getAttribute('href')).join(' ')",
    );
    assert_eq!(hrefs.as_str(), Some("coverage.html coverage-FX-02.html"));
}

#[test]
fn changes_page_lists_each_kind_of_change_with_its_pages() {
    let Some(browser) = browser() else { return };
    let dir = tempfile::tempdir().unwrap();
    build(&fixture("exam-versions"), dir.path());
    let tab = browser.new_tab().unwrap();
    open(
        &tab,
        &format!("file://{}/changes.html", dir.path().display()),
    );
    let counts = js(
        &tab,
        "['added', 'removed', 'moved', 'reworded', 'same'].map(k => document.querySelectorAll('.changes-' + k + ' li').length).join(',')",
    );
    assert_eq!(counts.as_str(), Some("1,1,1,1,0"));
    // Each item links to the pages that teach it, and the link works.
    let link = js(
        &tab,
        "document.getElementById('moved-1.2.1').querySelector('a').getAttribute('href')",
    );
    assert_eq!(link.as_str(), Some("u.html"));
    let removed = js(
        &tab,
        "document.getElementById('removed-1.2.K1').textContent.replace(/\\s+/g, ' ').trim()",
    );
    assert_eq!(
        removed.as_str(),
        Some("FX-01 1.2.K1 Old knowledge Related in FX-02: 1.1.2 no longer in the exam Taught on: Task two")
    );
    js(
        &tab,
        "document.getElementById('moved-1.2.1').querySelector('a').click()",
    );
    tab.wait_until_navigated().unwrap();
    tab.wait_for_element(".exam-serves").unwrap();
    assert!(tab.get_url().ends_with("/u.html"), "{}", tab.get_url());
    // The sidebar links the page from every page.
    let tools = js(
        &tab,
        "[...document.querySelectorAll('.sidebar a')].map(a => a.textContent).filter(t => /changed|FX-02/.test(t)).join('|')",
    );
    assert_eq!(
        tools.as_str(),
        Some("Coverage matrix, FX-02|What changed between versions")
    );
}

/// The practice exam and the progress page follow the chosen version: its length, time and
/// formats, its domains and only the questions that serve it.
#[test]
fn practice_exam_and_progress_follow_the_chosen_version() {
    let Some(browser) = browser() else { return };
    let server = start(&fixture("exam-versions"));
    let url = |p: &str| format!("http://127.0.0.1:{}/{p}", server.port);
    let tab = browser.new_tab().unwrap();
    open(&tab, &url("practice.html"));
    js(&tab, "localStorage.clear()");
    open(&tab, &url("practice.html"));
    tab.wait_for_element(".exam-select").unwrap();
    let setup = |tab: &Arc<Tab>| {
        let v = js(
            tab,
            "JSON.stringify([document.getElementById('practice-version').hidden, document.getElementById('practice-version').textContent, [...document.querySelectorAll('#practice-form input[name=length]')].map(i => i.value).join(',')])",
        );
        serde_json::from_str::<(bool, String, String)>(v.as_str().unwrap()).unwrap()
    };
    let reloaded = |tab: &Arc<Tab>| {
        std::thread::sleep(std::time::Duration::from_millis(500));
        tab.wait_until_navigated().unwrap();
        tab.wait_for_element(".exam-select").unwrap();
    };
    // Nothing chosen: FX-02, the version given today, with its facts.
    let today = setup(&tab);
    assert!(!today.0, "FX-02's note shows before any choice");
    assert_eq!(today.2, "10,20,40");
    // The default version, chosen: the note stays hidden, the full exam is FX-01's 65 questions.
    choose(&tab, "FX-01");
    reloaded(&tab);
    assert_eq!(setup(&tab), (true, String::new(), "10,20,65".to_string()));
    // Choosing FX-02 reloads the page with FX-02's facts.
    choose(&tab, "FX-02");
    reloaded(&tab);
    let (hidden, note, lengths) = setup(&tab);
    assert!(!hidden);
    assert_eq!(
        note,
        "Exam version FX-02: 40 questions in 90 minutes, in these formats: multiple-choice, multiple-response. Only the 2 questions of the guide that serve FX-02 are drawn. Not confirmed by an official source: minutes."
    );
    assert_eq!(lengths, "10,20,40");
    let timer = js(
        &tab,
        "document.querySelector('#practice-form input[name=timer][value=on]').parentNode.textContent.trim()",
    );
    assert_eq!(
        timer.as_str(),
        Some("Timed, at the exam's pace (90 minutes for 40 questions)")
    );
    js(
        &tab,
        "document.querySelector('#practice-form input[value=\"10\"]').click(); document.querySelector('#practice-form button[type=submit]').click()",
    );
    tab.wait_for_element("#exam-question .quiz").unwrap();
    let drawn = js(
        &tab,
        "[...document.querySelectorAll('#exam-question .quiz[data-qid]')].map(q => q.dataset.qid).sort().join(',')",
    );
    assert_eq!(
        drawn.as_str(),
        Some("q-one,q-two"),
        "no ordering question in FX-02"
    );
    // The progress page tallies by FX-02's domains and tasks.
    open(&tab, &url("progress.html"));
    tab.wait_for_element("#progress-table h2").unwrap();
    let tally = js(
        &tab,
        "[...document.querySelectorAll('#progress-table h2, #progress-table tbody th')].map(e => e.textContent).join('|')",
    );
    assert_eq!(
        tally.as_str(),
        Some("Domain 1: Domain one, renamed|1.1 Task one|1.2 Task two")
    );
    let counts = js(
        &tab,
        "[...document.querySelectorAll('#progress-table tbody tr')].map(r => r.cells[1].textContent.trim()).join('|')",
    );
    assert_eq!(counts.as_str(), Some("0 of 1|0 of 1"));
    let note = js(
        &tab,
        "document.querySelector('.exam-progress-version').textContent",
    );
    assert_eq!(
        note.as_str(),
        Some("Tallied by the domains and tasks of exam version FX-02, over the 2 questions that serve it.")
    );
}

/// Without JavaScript the version bar still says everything: the dates, a link to each
/// version's matrix, what the page serves; no chooser and no banner are made.
#[test]
fn version_bar_works_without_javascript() {
    use headless_chrome::protocol::cdp::Emulation::SetScriptExecutionDisabled;
    let Some(browser) = browser() else { return };
    let dir = tempfile::tempdir().unwrap();
    build(&fixture("exam-versions"), dir.path());
    let tab = browser.new_tab().unwrap();
    tab.call_method(SetScriptExecutionDisabled { value: true })
        .unwrap();
    open(&tab, &format!("file://{}/t.html", dir.path().display()));
    let bar = js(
        &tab,
        "document.querySelector('.exam-versions').innerText.replace(/\\s+/g, ' ').trim()",
    );
    assert_eq!(
        bar.as_str(),
        Some("FX-01 is given until 2020-01-31; FX-02 replaces it from 2020-02-01. Exam version: FX-01 · FX-02 (exam facts unconfirmed: minutes) This page serves: FX-01 (1.1.K1, 1.1.S1); FX-02 (1.1.1) The FX-02 blueprint items this page covers Exam versions each question on this page serves")
    );
    assert_eq!(
        js(
            &tab,
            "document.querySelectorAll('.exam-select, .exam-retired').length"
        ),
        0
    );
}
