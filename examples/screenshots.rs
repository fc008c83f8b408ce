//! Screenshots of a built guide for looking at what we built, in light and dark:
//! `cargo run --example screenshots -- SITE_DIR OUT_DIR` (needs /usr/bin/chromium).
//! Takes a task page's quiz after checking answers, the practice exam results, and the
//! coverage matrix, each light and dark, wide and narrow.

use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
use headless_chrome::{Browser, LaunchOptions};
use std::ffi::OsStr;
use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (site, out) = match (args.get(1), args.get(2)) {
        (Some(s), Some(o)) => (std::fs::canonicalize(s)?, PathBuf::from(o)),
        _ => anyhow::bail!("usage: screenshots SITE_DIR OUT_DIR"),
    };
    std::fs::create_dir_all(&out)?;
    let flags = [
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ];
    for (width, height, suffix) in [(1300u32, 1000u32, "wide"), (360, 900, "narrow")] {
        let browser = Browser::new(
            LaunchOptions::default_builder()
                .path(Some(PathBuf::from("/usr/bin/chromium")))
                .sandbox(false)
                .window_size(Some((width, height)))
                .args(flags.iter().map(OsStr::new).collect())
                .build()?,
        )?;
        for theme in ["light", "dark"] {
            let tab = browser.new_tab()?;
            let page = |path: &str| format!("file://{}/{path}", site.display());
            let shot = |name: &str| -> anyhow::Result<()> {
                let png =
                    tab.capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)?;
                std::fs::write(out.join(format!("{name}-{theme}-{suffix}.png")), png)?;
                Ok(())
            };
            tab.navigate_to(&page("index.html"))?
                .wait_until_navigated()?;
            tab.evaluate(
                &format!("localStorage.setItem('studyguide:theme', '{theme}'); true"),
                false,
            )?;

            tab.navigate_to(&page(
                "domain-1-data-preparation/1-1-ingest-and-store-data.html",
            ))?
            .wait_until_navigated()?;
            // Answer the first two questions (one right, one wrong) and check them.
            tab.evaluate(
                "(() => { const qs = [...document.querySelectorAll('.check-yourself .quiz[data-kind=\"multiple-choice\"]')].slice(0, 2);
                  qs.forEach((q, n) => { const o = q.querySelector(n === 0 ? '.option[data-correct] input' : '.option:not([data-correct]) input'); o.checked = true; q.querySelector('.check').click(); });
                  document.getElementById('check-yourself').scrollIntoView(); return qs.length; })()",
                false,
            )?;
            shot("quiz")?;
            // The first ordering question, checked as shuffled: controls, marks and feedback.
            tab.evaluate(
                "(() => { const q = document.querySelector('.check-yourself .quiz[data-kind=\"ordering\"]');
                  q.querySelector('.check').click(); q.scrollIntoView(); return true; })()",
                false,
            )?;
            shot("ordering")?;

            tab.navigate_to(&page("practice.html"))?
                .wait_until_navigated()?;
            tab.evaluate(
                "document.querySelector('input[name=length][value=\"10\"]').checked = true; document.querySelector('#practice-form button[type=submit]').click();
                 document.querySelectorAll('#exam-question .quiz[data-kind=\"multiple-choice\"]').forEach((q, n) => { const o = q.querySelector(n % 2 ? '.option:not([data-correct]) input' : '.option[data-correct] input'); o.checked = true; });
                 window.confirm = () => true; document.getElementById('exam-finish').click(); window.scrollTo(0, 0); true",
                false,
            )?;
            shot("exam-results")?;

            tab.navigate_to(&page("coverage.html"))?
                .wait_until_navigated()?;
            shot("coverage")?;
            tab.close(true)?;
        }
    }
    println!("screenshots written to {}", out.display());
    Ok(())
}
