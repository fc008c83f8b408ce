//! Watching the sources: file events become debounced batches of changed paths. `serve`
//! rebuilds in memory on each batch; the `watch` command (here too) writes what changed.

use crate::diagnostic::Diagnostic;
use crate::pipeline::{self, Options};
use anyhow::{Context, Result};
use notify::{RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

type Events = std::sync::mpsc::Receiver<notify::Result<notify::Event>>;

/// A running watch of a guide's content folder, themes and book.toml.
pub(super) struct Sources {
    /// Kept alive for as long as events are wanted.
    _watcher: notify::RecommendedWatcher,
    events: Events,
    /// The canonical guide folder.
    root: PathBuf,
}

impl Sources {
    /// Starts watching the guide in `root`.
    pub(super) fn start(root: &Path) -> Result<Self> {
        let (tx, events) = std::sync::mpsc::channel();
        let mut watcher = notify::recommended_watcher(tx).context("starting the file watcher")?;
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let content_dir = pipeline::read_config(&root)
            .map_or_else(|_| "content".to_string(), |c| c.build.content_dir);
        for sub in [content_dir.as_str(), "themes", "book.toml"] {
            let p = root.join(sub);
            if p.exists() {
                watcher
                    .watch(&p, RecursiveMode::Recursive)
                    .with_context(|| format!("watching {}", p.display()))?;
            }
        }
        Ok(Sources {
            _watcher: watcher,
            events,
            root,
        })
    }

    pub(super) fn root(&self) -> &Path {
        &self.root
    }

    /// The next batch of relevant changed paths once changes settle (debounced: no event for
    /// 50 ms), or `None` when the watcher has gone away.
    pub(super) fn next_change(&self) -> Option<Vec<PathBuf>> {
        loop {
            let first = self.events.recv().ok()?;
            let mut changed: Vec<PathBuf> = changed_paths(first);
            while let Ok(ev) = self.events.recv_timeout(Duration::from_millis(50)) {
                changed.extend(changed_paths(ev));
            }
            changed.retain(|p| is_relevant(p, &self.root));
            if !changed.is_empty() {
                changed.sort();
                changed.dedup();
                return Some(changed);
            }
        }
    }
}

fn is_relevant(path: &Path, root: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if crate::source::load::is_ignored_name(&name) {
        return false;
    }
    let rel = path.strip_prefix(root).unwrap_or(path);
    !rel.starts_with("book")
        && !rel.starts_with("target")
        && !rel
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
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

/// What a rebuild did, in words, for the terminal line.
pub(super) fn describe(scope: crate::live::Scope, changed: &[PathBuf], root: &Path) -> String {
    let names: Vec<String> = changed
        .iter()
        .map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string())
        .collect();
    let what = match scope {
        crate::live::Scope::OnePage => "rebuilt 1 page",
        crate::live::Scope::Full => "rebuilt everything",
    };
    format!("{what} after change to {}", names.join(", "))
}

/// `studyguide watch`: builds into `dest`, then rebuilds on every change and writes the files
/// that changed (each through a temporary file and a rename). A failed rebuild writes nothing.
pub fn watch(root: &Path, opts: Options, dest: &Path) -> Result<()> {
    let sources = Sources::start(root)?;
    let mut live = crate::live::LiveBuild::new(root, opts);
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
            describe(scope, &changed, sources.root())
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
            let Some(mut next) = sources.next_change() else {
                return Ok(());
            };
            next.retain(|p| !p.starts_with(&own));
            if !next.is_empty() {
                break next;
            }
        };
    }
}
