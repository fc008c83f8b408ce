//! `serve` against a real server on a free 127.0.0.1 port: edits are served after the
//! rebuild, a broken edit keeps the last good page with an error overlay, path traversal
//! gets 404, and the live-reload channel announces every rebuild.

mod common;
use common::*;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// A raw HTTP/1.0 GET: (status, body).
fn get(port: u16, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let status = raw
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = raw
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

fn wait_for(port: u16, path: &str, what: &str, pred: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (_, body) = get(port, path);
        if pred(&body) {
            return body;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}; last body:\n{body}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn edits_are_served_broken_edits_keep_the_last_good_page() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("valid"), dir.path());
    let server = start(dir.path());
    let port = server.port;
    let (status, body) = get(port, "/t.html");
    assert_eq!(status, 200);
    assert!(body.contains("Body text."));
    assert_eq!(
        body.matches(studyguide::serve::RELOAD_PATH).count(),
        1,
        "serve mode must add the live reload script exactly once"
    );

    let page = dir.path().join("content/t.md");
    let good = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, good.replace("Body text.", "Edited text.")).unwrap();
    wait_for(port, "/t.html", "the edit", |b| b.contains("Edited text."));

    std::fs::write(
        &page,
        good.replace("Body text.", "Broken [link](nowhere.md)."),
    )
    .unwrap();
    let body = wait_for(port, "/t.html", "the overlay", |b| {
        b.contains("studyguide-error-overlay")
    });
    assert!(body.contains("Edited text."), "the last good page is gone");
    assert!(
        body.contains("content/t.md:9:15: error[E030]: broken link"),
        "{body}"
    );
    let (_, home) = get(port, "/");
    assert!(
        home.contains("studyguide-error-overlay"),
        "every page shows the overlay"
    );

    std::fs::write(&page, good.replace("Body text.", "Fixed text.")).unwrap();
    let body = wait_for(port, "/t.html", "the fix", |b| b.contains("Fixed text."));
    assert!(!body.contains("studyguide-error-overlay"));
}

#[test]
fn path_traversal_gets_404_and_types_are_right() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("valid"), dir.path());
    std::fs::write(dir.path().join("secret.txt"), "top secret").unwrap();
    let server = start(dir.path());
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..%2fsecret.txt",
        "/..\\secret.txt",
        "/%5c..%5csecret.txt",
        "//etc/passwd",
        "/content/t.md",
        "/book.toml",
    ] {
        let (status, body) = get(server.port, path);
        assert_eq!(status, 404, "{path}");
        assert!(
            !body.contains("top secret") && !body.contains("root:"),
            "{path} leaked"
        );
    }
    let (status, body) = get(server.port, "/no-such-page.html");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"));
}

#[test]
fn live_reload_channel_announces_each_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("valid"), dir.path());
    let server = start(dir.path());
    let mut ws = reload_socket(server.port, Duration::from_secs(20));
    let first = next_reload(&mut ws).expect("the current generation at once");
    std::fs::write(
        dir.path().join("content/new.md"),
        "+++\ntitle = \"New\"\n+++\nNew page.\n",
    )
    .unwrap();
    let second = next_reload(&mut ws).expect("a reload message within 20 s");
    assert_ne!(first, second);
    assert_eq!(
        get(server.port, "/new.html").0,
        200,
        "reload announced before the page was served"
    );
}

/// Many open pages: each socket gets every reload, and plain requests are still answered
/// while they are open (a browser allows six HTTP connections per host, not six sockets).
#[test]
fn twenty_reload_sockets_all_hear_a_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("valid"), dir.path());
    let server = start(dir.path());
    let mut sockets: Vec<_> = (0..20)
        .map(|_| reload_socket(server.port, Duration::from_secs(20)))
        .collect();
    let firsts: Vec<String> = sockets
        .iter_mut()
        .map(|ws| next_reload(ws).expect("first message"))
        .collect();
    assert_eq!(get(server.port, "/t.html").0, 200);
    let page = dir.path().join("content/t.md");
    let good = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, good.replace("Body text.", "Edited text.")).unwrap();
    for (ws, first) in sockets.iter_mut().zip(&firsts) {
        let next = next_reload(ws).expect("every socket hears the rebuild");
        assert_ne!(&next, first);
    }
}

#[test]
fn request_heads_are_bounded_and_other_methods_refused() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("valid"), dir.path());
    let server = start(dir.path());
    // A 1 MiB header: the server answers with an error or closes; it never serves the page.
    let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let huge = "a".repeat(1 << 20);
    let _ = write!(
        s,
        "GET /t.html HTTP/1.1\r\nHost: x\r\nX-Big: {huge}\r\n\r\n"
    );
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let raw = String::from_utf8_lossy(&raw);
    assert!(!raw.contains("Body text."), "served despite a 1 MiB header");
    assert!(
        raw.is_empty() || raw.starts_with("HTTP/1.1 431") || raw.starts_with("HTTP/1.1 400"),
        "{}",
        &raw[..raw.len().min(200)]
    );
    let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    write!(
        s,
        "POST /t.html HTTP/1.0\r\nHost: x\r\nContent-Length: 0\r\n\r\n"
    )
    .unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    assert!(
        raw.starts_with("HTTP/1.0 405") || raw.starts_with("HTTP/1.1 405"),
        "{raw}"
    );
}

/// 200 saves in quick succession (faster than the debounce) end with every served file equal
/// to a clean build's.
#[test]
fn two_hundred_quick_saves_end_identical_to_a_clean_build() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("valid"), dir.path());
    let server = start(dir.path());
    let page = dir.path().join("content/t.md");
    let good = std::fs::read_to_string(&page).unwrap();
    for n in 0..200 {
        std::fs::write(
            &page,
            good.replace("Body text.", &format!("Save number {n}.")),
        )
        .unwrap();
        if n % 20 == 0 {
            std::thread::sleep(Duration::from_millis(60));
        }
    }
    wait_for(server.port, "/t.html", "the last save", |b| {
        b.contains("Save number 199.")
    });
    // Let any rebuild already under way finish.
    std::thread::sleep(Duration::from_millis(300));
    let clean = studyguide::pipeline::run(dir.path(), &Default::default());
    let files = clean.files.expect("clean build");
    assert!(files.len() > 10);
    for f in &files {
        let (status, body) = get(server.port, &format!("/{}", f.path));
        assert_eq!(status, 200, "{}", f.path);
        assert!(
            if f.path.ends_with(".html") {
                body.as_bytes() == studyguide::serve::with_reload(&f.bytes, "", true)
            } else {
                body.as_bytes() == f.bytes.as_slice()
            },
            "{} differs from a clean build",
            f.path
        );
    }
}

/// Rebuilding reads every source; those reads must not count as changes.
#[test]
fn no_rebuild_without_a_change() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("valid"), dir.path());
    let server = start(dir.path());
    let mut ws = reload_socket(server.port, Duration::from_millis(1500));
    let mut data = Vec::new();
    while let Some(message) = next_reload(&mut ws) {
        data.push(message);
    }
    assert_eq!(
        data.len(),
        1,
        "generations sent without any change: {data:?}"
    );
}
