//! `studyguide watch`: builds into the build directory, then writes what each change changed;
//! a failed rebuild writes nothing. After every good rebuild the folder is exactly a clean
//! build's.

mod common;
use common::*;
use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

struct Watch {
    child: Child,
    lines: Receiver<String>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Watch {
    fn start(root: &std::path::Path, dest: &std::path::Path) -> Watch {
        let mut child = bin()
            .args(["--root", root.to_str().unwrap(), "watch", "--dest"])
            .arg(dest)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let out = BufReader::new(child.stdout.take().unwrap());
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            for line in out.lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    return;
                }
            }
        });
        Watch { child, lines }
    }

    /// The next line printed, which must contain `want`.
    fn expect_line(&self, want: &str) -> String {
        let line = self
            .lines
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("no line containing {want:?} within 30 s"));
        assert!(line.contains(want), "expected {want:?} in {line:?}");
        line
    }
}

fn assert_clean(root: &std::path::Path, dest: &std::path::Path) {
    let clean = tempfile::tempdir().unwrap();
    build(root, &clean.path().join("site"));
    let want = read_tree(&clean.path().join("site"));
    let have = read_tree(dest);
    assert_eq!(
        have.keys().collect::<Vec<_>>(),
        want.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &want {
        assert!(&have[path] == bytes, "{path} differs from a clean build");
    }
}

#[test]
fn watch_writes_changes_and_keeps_the_site_on_errors() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("valid"), &dir.path().join("guide"));
    let root = dir.path().join("guide");
    let dest = dir.path().join("out");
    let watch = Watch::start(&root, &dest);
    watch.expect_line("initial build: ok");
    assert_clean(&root, &dest);

    let page = root.join("content/t.md");
    let good = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, good.replace("Body text.", "Edited text.")).unwrap();
    let line = watch.expect_line("rebuilt 1 page after change to content/t.md: ok");
    assert!(line.contains("file(s) written"), "{line}");
    let html = std::fs::read_to_string(dest.join("t.html")).unwrap();
    assert!(html.contains("Edited text."));
    assert!(
        !html.contains("/__studyguide/"),
        "no live-reload script outside serve"
    );
    assert_clean(&root, &dest);

    let before = read_tree(&dest);
    std::fs::write(
        &page,
        good.replace("Body text.", "Broken [link](nowhere.md)."),
    )
    .unwrap();
    let line = watch.expect_line("1 error(s)");
    assert!(line.contains("left as it was"), "{line}");
    watch.expect_line("content/t.md:9:15: error[E030]: broken link");
    assert!(
        read_tree(&dest) == before,
        "a failed rebuild changed the site"
    );

    std::fs::write(&page, good.replace("Body text.", "Fixed text.")).unwrap();
    watch.expect_line("rebuilt 1 page after change to content/t.md: ok");
    assert!(std::fs::read_to_string(dest.join("t.html"))
        .unwrap()
        .contains("Fixed text."));
    assert_clean(&root, &dest);
}
