//! HTTP: axum on hyper (the stack Zola and mdBook use), one connection per task. Files come
//! from the in-memory site only, so no request path can reach a file outside it. Request
//! headers are limited to 64 KiB and must arrive within 10 s; answering a request is limited
//! to 30 s (the first request for the print view or search index makes them).

use super::{reload, State};
use crate::diagnostic::Diagnostic;
use crate::html::escape;
use axum::body::Body;
use axum::extract::State as Shared;
use axum::http::{header, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::sync::Arc;
use std::time::Duration;
use tower_http::timeout::TimeoutLayer;

/// The largest request head (request line and headers) the server reads.
const MAX_HEAD: usize = 64 * 1024;

/// Serves `state` on `listener` until the process ends.
pub(super) async fn run(listener: std::net::TcpListener, state: Arc<State>) -> anyhow::Result<()> {
    listener.set_nonblocking(true)?;
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let app = Router::new()
        .route(reload::PATH, get(reload::socket))
        .fallback(file)
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .with_state(state);
    loop {
        let (stream, _) = match listener.accept().await {
            Ok(accepted) => accepted,
            // Out of file descriptors and the like: wait instead of spinning on the error.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let service = TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let mut http = hyper::server::conn::http1::Builder::new();
            http.timer(TokioTimer::new())
                .header_read_timeout(Duration::from_secs(10))
                .max_buf_size(MAX_HEAD);
            // A reader closing the tab mid-response is not an error worth reporting.
            let _ = http
                .serve_connection(TokioIo::new(stream), service)
                .with_upgrades()
                .await;
        });
    }
}

/// Any request but the reload socket: a file of the site, the 404 page, or 405.
async fn file(Shared(state): Shared<Arc<State>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
            "only GET and HEAD\n",
        )
            .into_response();
    }
    let path = uri.path().to_string();
    // Looking a file up may make the print view or the search index: not on the async threads.
    let Ok((status, name, body)) = tokio::task::spawn_blocking(move || page(&state, &path)).await
    else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, content_type(&name))
        .header(header::CACHE_CONTROL, "no-store")
        .body(Body::from(body))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// The file for a request path: (status, site path, body). HTML gets the reload script and,
/// while the last build has errors, the error overlay.
fn page(state: &State, url: &str) -> (StatusCode, String, Vec<u8>) {
    let mut site = state.lock();
    let found = site_path(url).and_then(|p| site.live.file(&p).map(|b| (p, b.to_vec())));
    let (status, path, body) = match found {
        Some((p, b)) => (StatusCode::OK, p, b),
        None => (
            StatusCode::NOT_FOUND,
            "404.html".to_string(),
            site.live.file("404.html").map_or_else(
                || b"<!DOCTYPE html><title>Not found</title><h1>Page not found</h1>".to_vec(),
                <[u8]>::to_vec,
            ),
        ),
    };
    if !path.ends_with(".html") {
        return (status, path, body);
    }
    let overlay = if site.errors.is_empty() {
        String::new()
    } else {
        overlay(&site.errors)
    };
    // A site whose first build failed still reloads itself once the author fixes it.
    let reload = state.reload || site.live.is_empty();
    (
        status,
        path.clone(),
        reload::with_reload(&body, &overlay, reload),
    )
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

/// Hand-written: ten lines, and the one place that must reject bad escapes rather than pass
/// them through (which percent-encoding crates do by default).
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
