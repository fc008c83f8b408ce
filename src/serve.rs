//! `serve`: builds the guide into memory, serves it over HTTP on 127.0.0.1, watches the
//! sources and rebuilds on change. A failed rebuild keeps the last good site and shows the
//! diagnostics over every page until the next good build. Pages reload themselves through
//! server-sent events once a rebuild has finished.
//!
//! Files are served from memory only, so no request can reach a file outside the site.

use crate::build::{self, Options};
use crate::diagnostic::Diagnostic;
use crate::html::escape;
use anyhow::{Context, Result};
use notify::{RecursiveMode, Watcher};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

pub const EVENTS_PATH: &str = "/__studyguide/events";

/// The script each served page gets; it reloads the page when a build finishes.
pub const RELOAD_SCRIPT: &str = "<script>(function(){var seen=null;function connect(){var s=new EventSource(\"/__studyguide/events\");s.onmessage=function(e){if(seen===null){seen=e.data;return}if(e.data!==seen)location.reload()};s.onerror=function(){s.close();setTimeout(connect,1000)}}connect()})();</script>";

struct Site {
    /// The last good site (and the guide behind it, for one-page rebuilds).
    live: build::LiveBuild,
    /// Diagnostics of the last build when it failed.
    errors: Vec<Diagnostic>,
    /// Bumped after every build, good or bad.
    generation: u64,
}

struct State {
    site: Mutex<Site>,
    changed: Condvar,
}

pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: String,
    pub port: u16,
    pub reload: bool,
    pub open: bool,
}

/// Content type by file extension.
pub fn content_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, e)| e) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("xml") => "application/xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Maps a request path to a site path, or `None` for anything that tries to leave the site
/// (`..` in any encoding, backslashes, NUL).
pub fn site_path(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode(path)?;
    if decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    let mut parts = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => return None,
            s => parts.push(s),
        }
    }
    let mut joined = parts.join("/");
    if joined.is_empty() || decoded.ends_with('/') {
        if !joined.is_empty() {
            joined.push('/');
        }
        joined.push_str("index.html");
    }
    Some(joined)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The overlay shown over every page while the last build has errors.
fn overlay(errors: &[Diagnostic]) -> String {
    let mut h = String::from("<div id=\"studyguide-error-overlay\" role=\"alert\" style=\"position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:99;background:#2d1214;color:#ffebe9;font:14px/1.5 ui-monospace,monospace;padding:1rem 1.5rem;border-top:4px solid #f85149\"><strong>The last rebuild failed; this is the last good version of the page.</strong><ul>");
    for d in errors {
        h.push_str(&format!("<li>{}</li>", escape(&d.headline())));
    }
    h.push_str("</ul></div>");
    h
}

/// Rebuilds (one page or all, as the change allows) and wakes the live-reload streams.
fn rebuild(state: &State, changed: &[PathBuf]) -> (Duration, usize, build::Scope) {
    let start = Instant::now();
    let mut site = state.site.lock().unwrap_or_else(|e| e.into_inner());
    let (outcome, scope) = site.live.rebuild(changed);
    site.errors = outcome
        .diagnostics
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    site.generation += 1;
    let n = site.errors.len();
    drop(site);
    state.changed.notify_all();
    (start.elapsed(), n, scope)
}

/// Runs the server until the process is stopped.
pub fn serve(opts: ServeOptions) -> Result<()> {
    let addr = format!("{}:{}", opts.bind, opts.port);
    let listener =
        std::net::TcpListener::bind(&addr).with_context(|| format!("cannot listen on {addr}"))?;
    let port = listener.local_addr().map_or(opts.port, |a| a.port());
    let inject = opts.reload.then(|| RELOAD_SCRIPT.to_string());
    let live = build::LiveBuild::new(
        &opts.root,
        Options {
            inject,
            ..Options::default()
        },
    );
    let site = Site {
        live,
        errors: Vec::new(),
        generation: 0,
    };
    let state = Arc::new(State {
        site: Mutex::new(site),
        changed: Condvar::new(),
    });
    let (took, errors, _) = rebuild(&state, &[]);
    print_rebuild("initial build", took, errors, &state);
    // Watch before announcing the address, so no change made after the announcement is missed.
    let (watcher, rx, root) = watch_sources(&opts.root)?;
    let url = format!("http://{}:{port}/", opts.bind);
    println!("serving {} at {url} (Ctrl-C to stop)", opts.root.display());
    if opts.open {
        let _ = std::process::Command::new("xdg-open").arg(&url).spawn();
    }
    let watcher_state = Arc::clone(&state);
    std::thread::spawn(move || {
        let _keep_alive = watcher;
        rebuild_on_change(&watcher_state, &root, &rx);
    });
    for stream in listener.incoming().flatten() {
        let state = Arc::clone(&state);
        std::thread::spawn(move || handle(&state, stream));
    }
    Ok(())
}

fn print_rebuild(what: &str, took: Duration, errors: usize, state: &State) {
    let site = state.site.lock().unwrap_or_else(|e| e.into_inner());
    if errors == 0 {
        println!("{what}: ok in {} ms", took.as_millis());
    } else {
        println!(
            "{what}: {errors} error(s) in {} ms; still serving the last good site",
            took.as_millis()
        );
        for d in &site.errors {
            println!("  {}", d.headline());
        }
    }
}

fn is_relevant(path: &Path, root: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if crate::load::is_ignored_name(&name) {
        return false;
    }
    let rel = path.strip_prefix(root).unwrap_or(path);
    !rel.starts_with("book")
        && !rel.starts_with("target")
        && !rel
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
}

/// Starts watching the guide's content folder, themes and book.toml. Returns the watcher (keep
/// it alive), its events and the canonical root.
fn watch_sources(root: &Path) -> Result<(notify::RecommendedWatcher, Events, PathBuf)> {
    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx).context("starting the file watcher")?;
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let content_dir =
        build::read_config(&root).map_or_else(|_| "content".to_string(), |c| c.build.content_dir);
    for sub in [content_dir.as_str(), "themes", "book.toml"] {
        let p = root.join(sub);
        if p.exists() {
            watcher
                .watch(&p, RecursiveMode::Recursive)
                .with_context(|| format!("watching {}", p.display()))?;
        }
    }
    Ok((watcher, rx, root))
}

type Events = std::sync::mpsc::Receiver<notify::Result<notify::Event>>;

/// The next batch of relevant changed paths once changes settle (debounced: no event for
/// 50 ms), or `None` when the watcher has gone away.
fn next_change(rx: &Events, root: &Path) -> Option<Vec<PathBuf>> {
    loop {
        let first = rx.recv().ok()?;
        let mut changed: Vec<PathBuf> = changed_paths(first);
        while let Ok(ev) = rx.recv_timeout(Duration::from_millis(50)) {
            changed.extend(changed_paths(ev));
        }
        changed.retain(|p| is_relevant(p, root));
        if !changed.is_empty() {
            changed.sort();
            changed.dedup();
            return Some(changed);
        }
    }
}

/// What a rebuild did, in words, for the terminal line.
fn describe(scope: build::Scope, changed: &[PathBuf], root: &Path) -> String {
    let names: Vec<String> = changed
        .iter()
        .map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string())
        .collect();
    let what = match scope {
        build::Scope::OnePage => "rebuilt 1 page",
        build::Scope::Full => "rebuilt everything",
    };
    format!("{what} after change to {}", names.join(", "))
}

/// Rebuilds after changes settle, until the watcher goes away.
fn rebuild_on_change(state: &State, root: &Path, rx: &Events) {
    while let Some(changed) = next_change(rx, root) {
        let (took, errors, scope) = rebuild(state, &changed);
        print_rebuild(&describe(scope, &changed, root), took, errors, state);
    }
}

/// `studyguide watch`: builds into `dest`, then rebuilds on every change and writes the files
/// that changed (each through a temporary file and a rename). A failed rebuild writes nothing.
pub fn watch(root: &Path, opts: Options, dest: &Path) -> Result<()> {
    let (_watcher, rx, canonical) = watch_sources(root)?;
    let mut live = build::LiveBuild::new(root, opts);
    // What the destination holds; `None` until the first good build replaced it.
    let mut written: Option<crate::write::Written> = None;
    let mut changed = Vec::new();
    loop {
        let start = Instant::now();
        let (outcome, scope) = live.rebuild(&changed);
        let errors: Vec<&Diagnostic> = outcome
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .collect();
        let what = if changed.is_empty() {
            "initial build".to_string()
        } else {
            describe(scope, &changed, &canonical)
        };
        if errors.is_empty() {
            let files = live.files();
            let (count, now) = match &written {
                None => (files.len(), crate::write::replace_all(dest, files)?),
                Some(before) => crate::write::sync(dest, before, files)?,
            };
            written = Some(now);
            println!(
                "{what}: ok in {} ms, {count} file(s) written to {}",
                start.elapsed().as_millis(),
                dest.display()
            );
        } else {
            println!(
                "{what}: {} error(s) in {} ms; {} left as it was",
                errors.len(),
                start.elapsed().as_millis(),
                dest.display()
            );
            for d in errors {
                println!("  {}", d.headline());
            }
        }
        // Our own writes are not changes (a --dest inside the watched folders would loop).
        let own = dest.canonicalize().unwrap_or_else(|_| dest.to_path_buf());
        changed = loop {
            let Some(mut next) = next_change(&rx, &canonical) else {
                return Ok(());
            };
            next.retain(|p| !p.starts_with(&own));
            if !next.is_empty() {
                break next;
            }
        };
    }
}

/// The paths an event changed. Reads (the rebuild's own, too) and metadata-only changes such as
/// access times are not changes: counting them would rebuild in a loop.
fn changed_paths(event: notify::Result<notify::Event>) -> Vec<PathBuf> {
    use notify::event::{EventKind, ModifyKind};
    match event {
        Ok(e) => match e.kind {
            EventKind::Create(_) | EventKind::Remove(_) => e.paths,
            EventKind::Modify(ModifyKind::Metadata(_)) => Vec::new(),
            EventKind::Modify(_) => e.paths,
            _ => Vec::new(),
        },
        Err(_) => Vec::new(),
    }
}

/// Reads one request (request line and headers) and answers it; one request per connection.
fn handle(state: &State, stream: TcpStream) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(&stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) if line.trim().is_empty() => break,
            Ok(_) => {}
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, url) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let mut out = &stream;
    if method != "GET" && method != "HEAD" {
        let _ = write_response(
            &mut out,
            405,
            "text/plain; charset=utf-8",
            b"only GET and HEAD\n",
            true,
        );
        return;
    }
    if url == EVENTS_PATH {
        events(state, out);
        return;
    }
    let (status, path, body) = page(state, url);
    let _ = write_response(
        &mut out,
        status,
        content_type(&path),
        &body,
        method == "GET",
    );
}

fn write_response(
    out: &mut impl Write,
    status: u16,
    content_type: &str,
    body: &[u8],
    with_body: bool,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    write!(out, "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n", body.len())?;
    if with_body {
        out.write_all(body)?;
    }
    out.flush()
}

/// The file for a request path: (status, site path, body), with the error overlay when the
/// last build failed.
fn page(state: &State, url: &str) -> (u16, String, Vec<u8>) {
    let mut site = state.site.lock().unwrap_or_else(|e| e.into_inner());
    let found = site_path(url).and_then(|p| site.live.file(&p).map(|b| (p, b.to_vec())));
    let (status, path, mut body) = match found {
        Some((p, b)) => (200, p, b),
        None => (
            404,
            "404.html".to_string(),
            site.live
                .file("404.html")
                .map(<[u8]>::to_vec)
                .unwrap_or_else(|| {
                    b"<!DOCTYPE html><title>Not found</title><h1>Page not found</h1>".to_vec()
                }),
        ),
    };
    if path.ends_with(".html") && (!site.errors.is_empty() || site.live.is_empty()) {
        let html = String::from_utf8_lossy(&body).into_owned();
        let mut extra = overlay(&site.errors);
        if site.live.is_empty() {
            extra.push_str(RELOAD_SCRIPT);
        }
        body = match html.rfind("</body>") {
            Some(pos) => format!("{}{extra}{}", &html[..pos], &html[pos..]),
            None => format!("{html}{extra}"),
        }
        .into_bytes();
    }
    (status, path, body)
}

/// Server-sent events: the build generation now and after every rebuild, until the reader
/// goes away.
fn events(state: &State, mut out: &TcpStream) {
    if write!(out, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n").is_err() {
        return;
    }
    let mut sent: Option<u64> = None;
    loop {
        let site = state.site.lock().unwrap_or_else(|e| e.into_inner());
        let site = match sent {
            Some(g) if g == site.generation => {
                state
                    .changed
                    .wait_timeout(site, Duration::from_secs(15))
                    .unwrap_or_else(|e| e.into_inner())
                    .0
            }
            _ => site,
        };
        let message = if sent == Some(site.generation) {
            ": keep-alive\n\n".to_string()
        } else {
            sent = Some(site.generation);
            format!("data: {}\n\n", site.generation)
        };
        drop(site);
        if out
            .write_all(message.as_bytes())
            .and_then(|_| out.flush())
            .is_err()
        {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_escape_the_site() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(site_path("/a/").as_deref(), Some("a/index.html"));
        assert_eq!(site_path("/a/b.html?x=1#y").as_deref(), Some("a/b.html"));
        assert_eq!(site_path("/a%20b.html").as_deref(), Some("a b.html"));
        for bad in [
            "/../etc/passwd",
            "/a/../../x",
            "/%2e%2e/x",
            "/%2E%2E%2Fx",
            "/a\\..\\x",
            "/%5c..%5cx",
            "/x%00",
            "/%zz",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a.html"), "text/html; charset=utf-8");
        assert_eq!(
            content_type("assets/app.123.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type("x.unknown"), "application/octet-stream");
    }
}
