//! `serve`: builds the guide into memory, serves it over HTTP on 127.0.0.1, watches the
//! sources and rebuilds on change. A failed rebuild keeps the last good site and shows the
//! diagnostics over every page until the next good build. Pages reload themselves over a
//! WebSocket once a rebuild has finished.
//!
//! Three parts: [`http`] answers requests from memory (no request can reach a file outside the
//! site), [`reload`] tells open pages when to reload, [`watch`] turns file changes into
//! rebuilds (and is the whole `watch` command). This file holds what they share.

mod http;
mod reload;
mod watch;

pub use http::{content_type, site_path};
pub use reload::{with_reload, PATH as RELOAD_PATH};
pub use watch::watch;

use crate::diagnostic::Diagnostic;
use crate::pipeline::Options;
use anyhow::{Context, Result};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What `studyguide serve` was asked to do.
pub struct ServeOptions {
    /// The guide's folder.
    pub root: PathBuf,
    /// Address to listen on.
    pub bind: String,
    /// Port to listen on (0: any free port).
    pub port: u16,
    /// Reload open pages after each rebuild.
    pub reload: bool,
    /// Open the site in the default browser once it is served.
    pub open: bool,
}

struct Site {
    /// The last good site (and the guide behind it, for one-page rebuilds).
    live: crate::live::LiveBuild,
    /// Diagnostics of the last build when it failed.
    errors: Vec<Diagnostic>,
}

/// Shared by the HTTP handlers and the rebuild thread.
struct State {
    site: Mutex<Site>,
    /// Bumped after every build, good or bad; the reload sockets wait on it.
    generation: tokio::sync::watch::Sender<u64>,
    /// Differs between runs of the server, so a page reconnecting after a restart reloads.
    instance: u64,
    /// Whether pages get the reload script.
    reload: bool,
}

impl State {
    fn lock(&self) -> std::sync::MutexGuard<'_, Site> {
        self.site.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Rebuilds (one page or all, as the change allows) and tells the open pages.
fn rebuild(state: &State, changed: &[PathBuf]) -> (Duration, usize, crate::live::Scope) {
    let start = Instant::now();
    let mut site = state.lock();
    let (outcome, scope) = site.live.rebuild(changed);
    site.errors = outcome
        .diagnostics
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    let n = site.errors.len();
    drop(site);
    state.generation.send_modify(|g| *g += 1);
    (start.elapsed(), n, scope)
}

/// Runs the server until the process is stopped.
pub fn serve(opts: ServeOptions) -> Result<()> {
    let addr = format!("{}:{}", opts.bind, opts.port);
    let listener =
        std::net::TcpListener::bind(&addr).with_context(|| format!("cannot listen on {addr}"))?;
    let port = listener.local_addr().map_or(opts.port, |a| a.port());
    let instance = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let state = Arc::new(State {
        site: Mutex::new(Site {
            live: crate::live::LiveBuild::new(&opts.root, Options::default()),
            errors: Vec::new(),
        }),
        generation: tokio::sync::watch::Sender::new(0),
        instance,
        reload: opts.reload,
    });
    let (took, errors, _) = rebuild(&state, &[]);
    print_rebuild("initial build", took, errors, &state);
    // Watch before announcing the address, so no change made after the announcement is missed.
    let sources = watch::Sources::start(&opts.root)?;
    let url = format!("http://{}:{port}/", opts.bind);
    println!("serving {} at {url} (Ctrl-C to stop)", opts.root.display());
    if opts.open {
        if let Err(e) = opener::open_browser(&url) {
            eprintln!("warning: cannot open a browser: {e}");
        }
    }
    let watcher_state = Arc::clone(&state);
    std::thread::spawn(move || {
        while let Some(changed) = sources.next_change() {
            let (took, errors, scope) = rebuild(&watcher_state, &changed);
            let what = watch::describe(scope, &changed, sources.root());
            print_rebuild(&what, took, errors, &watcher_state);
        }
    });
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("starting the HTTP server")?
        .block_on(http::run(listener, state))
}

fn print_rebuild(what: &str, took: Duration, errors: usize, state: &State) {
    if errors == 0 {
        println!("{what}: ok in {} ms", took.as_millis());
        return;
    }
    println!(
        "{what}: {errors} error(s) in {} ms; still serving the last good site",
        took.as_millis()
    );
    for d in &state.lock().errors {
        println!("  {}", d.headline());
    }
}
