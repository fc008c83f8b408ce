//! Helpers shared by the integration tests: run the real binary, read a built site.
#![allow(dead_code)]

pub mod chrome;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_studyguide"))
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// Runs `studyguide ARGS` and returns (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    let out = bin().args(args).output().expect("run studyguide");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

/// Builds the guide in `root` into `dest`; panics with the diagnostics if it fails.
pub fn build(root: &Path, dest: &Path) {
    let (code, _, err) = run(&[
        "--root",
        root.to_str().unwrap(),
        "build",
        "--dest",
        dest.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "build of {} failed:\n{err}", root.display());
}

/// Every file under `dir`, by `/`-separated relative path.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, std::fs::read(e.path()).unwrap());
        }
    }
    out
}

/// Values of `attr="…"` in an HTML document, in order.
pub fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        if let Some(end) = rest.find('"') {
            out.push(rest[..end].replace("&amp;", "&"));
            rest = &rest[end..];
        }
    }
    out
}

/// Copies a directory tree (for tests that change a guide).
pub fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let target = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// A running `studyguide serve` on a free port; killed when dropped.
pub struct Server {
    child: Child,
    pub port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The live-reload WebSocket of a server on 127.0.0.1:`port`.
pub fn reload_socket(
    port: u16,
    timeout: std::time::Duration,
) -> tungstenite::WebSocket<std::net::TcpStream> {
    let tcp = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    tcp.set_read_timeout(Some(timeout)).unwrap();
    let url = format!("ws://127.0.0.1:{port}{}", studyguide::serve::RELOAD_PATH);
    tungstenite::client(url, tcp)
        .expect("websocket handshake")
        .0
}

/// The next text message on a reload socket, or `None` when none came before its timeout.
pub fn next_reload(ws: &mut tungstenite::WebSocket<std::net::TcpStream>) -> Option<String> {
    loop {
        match ws.read() {
            Ok(tungstenite::Message::Text(t)) => return Some(t.to_string()),
            Ok(_) => {}
            Err(_) => return None,
        }
    }
}

pub fn start(root: &std::path::Path) -> Server {
    let mut child = bin()
        .args(["--root", root.to_str().unwrap(), "serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let port = loop {
        let line = lines.next().expect("server exited").unwrap();
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            break rest
                .trim_end_matches(|c: char| !c.is_ascii_digit())
                .split('/')
                .next()
                .unwrap()
                .parse()
                .unwrap();
        }
    };
    // Keep draining stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Server { child, port }
}
