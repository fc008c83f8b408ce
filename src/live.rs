//! Incremental rebuilds for `serve` and `watch`: the last good build kept in memory, and the
//! cheapest rebuild each change allows.

use crate::assets::bank;
use crate::diagnostic::Diagnostic;
use crate::model::Guide;
use crate::pipeline::{
    failed, finish, gate, load_theme, render_options, run_into, Gate, Job, Keep, Laps, Options,
    Outcome, Part,
};
use crate::source::{load, page};
use crate::write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A build kept in memory between changes, for `serve` and `watch`: a change to one page's
/// body re-renders that page alone. The two files made from every page's text, the print view
/// and the search index, are then out of date, and are made again when first asked for
/// ([`LiveBuild::file`], [`LiveBuild::refresh`]). Anything else — a new or deleted file, a
/// changed title, weight, `covers` or question, the glossary, the blueprint, book.toml, the
/// theme — rebuilds everything. Either way the files are the same as a clean build's.
pub struct LiveBuild {
    root: PathBuf,
    opts: Options,
    /// The guide of the last good build and its question bank; `None` until one succeeds.
    guide: Option<(Guide, Arc<bank::Scripts>)>,
    /// The site of the last good build, by output path.
    files: std::collections::HashMap<String, Vec<u8>>,
    /// The print view and search index lag behind the pages (after a one-page rebuild).
    stale: bool,
}

/// How much a rebuild did, for the terminal line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Everything was rebuilt.
    Full,
    /// One page was re-rendered; the print view and search index follow when asked for.
    OnePage,
}

impl LiveBuild {
    /// A live build of the guide in `root`; nothing is built until the first [`LiveBuild::rebuild`].
    pub fn new(root: &Path, opts: Options) -> Self {
        LiveBuild {
            root: root.to_path_buf(),
            opts,
            guide: None,
            files: Default::default(),
            stale: false,
        }
    }

    /// Whether there is a good build to serve.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// One file of the last good build, made current first if it lags behind.
    pub fn file(&mut self, path: &str) -> Option<&[u8]> {
        if self.stale && lags(path) {
            self.refresh();
        }
        self.files.get(path).map(Vec::as_slice)
    }

    /// Every file of the last good build, all current.
    pub fn files(&mut self) -> &std::collections::HashMap<String, Vec<u8>> {
        self.refresh();
        &self.files
    }

    /// Makes the print view and the search index current after one-page rebuilds.
    pub fn refresh(&mut self) {
        if !std::mem::take(&mut self.stale) {
            return;
        }
        let Some((guide, bank)) = &self.guide else {
            return;
        };
        let theme = load_theme(&self.root, &guide.config);
        let mut memory = write::Memory::default();
        let (outcome, _) = finish(
            guide,
            Vec::new(),
            render_options(&self.opts, guide),
            theme,
            Gate {
                cli: (Some(0), Some(0)),
                ..Gate::default()
            },
            Job {
                part: Part::Shared,
                bank: Some(Arc::clone(bank)),
                sink: &mut memory,
            },
        );
        if !outcome.has_errors() {
            // A content page's file never lags, even where its path looks like one that does.
            let pages: std::collections::HashSet<&str> =
                guide.pages.iter().map(|p| p.out.as_str()).collect();
            self.files
                .retain(|path, _| !lags(path) || pages.contains(path.as_str()));
            for f in memory.0.into_iter().filter(|f| lags(&f.path)) {
                self.files.insert(f.path, f.bytes);
            }
        }
    }

    /// Rebuilds after changes to `changed` (absolute or root-relative paths). On success the
    /// files are replaced; on failure the last good files stay and the diagnostics say why.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> (Outcome, Scope) {
        if let [one] = changed {
            if let Some(outcome) = self.try_one_page(one) {
                return (outcome, Scope::OnePage);
            }
        }
        let mut memory = write::Memory::default();
        let (mut outcome, kept) = run_into(&self.root, &self.opts, &mut memory, Keep::Guide);
        if let Some(kept) = kept {
            self.files = memory.0.into_iter().map(|f| (f.path, f.bytes)).collect();
            self.guide = Some(kept);
            self.stale = false;
        }
        outcome.files = None;
        (outcome, Scope::Full)
    }

    /// The one-page path; `None` when the change needs a full rebuild.
    fn try_one_page(&mut self, path: &Path) -> Option<Outcome> {
        let laps = Laps::new();
        let (guide, bank) = self.guide.as_mut()?;
        // A deleted file cannot be canonicalized: that is a full rebuild.
        let content_dir = self
            .root
            .join(&guide.config.build.content_dir)
            .canonicalize()
            .ok()?;
        let abs = if path.is_absolute() {
            path.to_path_buf()
        } else {
            self.root.join(path)
        };
        let abs = abs.canonicalize().ok()?;
        let rel_path = abs.strip_prefix(&content_dir).ok()?;
        let rel = rel_path
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let index = guide.pages.iter().position(|p| p.src.rel == rel)?;
        let text = String::from_utf8(std::fs::read(&abs).ok()?).ok()?;
        let display = guide.pages[index].src.display.clone();
        let mut diags = Vec::new();
        let Some(parsed) = page::parse(&rel, &display, load::normalize(&text), &mut diags) else {
            return Some(failed(diags));
        };
        if diags.iter().any(Diagnostic::is_error) {
            return Some(failed(diags));
        }
        let old = &guide.pages[index].src;
        let same_shape = old.front.title == parsed.front.title
            && old.front.weight == parsed.front.weight
            && old.front.draft == parsed.front.draft
            && old.front.domain.as_ref().map(|d| &d.value)
                == parsed.front.domain.as_ref().map(|d| &d.value)
            && old.front.task.as_ref().map(|t| &t.value)
                == parsed.front.task.as_ref().map(|t| &t.value)
            && old.front.covers.iter().map(|c| &c.value).eq(parsed
                .front
                .covers
                .iter()
                .map(|c| &c.value))
            && old.quizzes == parsed.quizzes;
        if !same_shape || guide.pages[index].src.rel == guide.config.build.glossary {
            return None;
        }
        let previous = std::mem::replace(&mut guide.pages[index].src, parsed);
        let previous_body = std::mem::take(&mut guide.pages[index].body);
        let previous_questions = std::mem::take(&mut guide.pages[index].questions_html);
        let restore = |guide: &mut Guide, (src, body, questions)| {
            let page = &mut guide.pages[index];
            page.src = src;
            page.body = body;
            page.questions_html = questions;
        };
        laps.lap("one page: parse");
        diags.extend(crate::render::render_bodies_of(guide, &[index]));
        laps.lap("one page: markdown");
        if guide.pages[index].body.glossary_links != previous_body.glossary_links
            || guide.pages[index].questions_html != previous_questions
        {
            // The glossary lists the pages that use each term, and the question bank holds the
            // questions' HTML: those change too.
            restore(guide, (previous, previous_body, previous_questions));
            return None;
        }
        diags.extend(crate::check::check(guide));
        laps.lap("one page: check");
        let gate = gate(&self.opts, guide);
        let theme = load_theme(&self.root, &guide.config);
        let mut memory = write::Memory::default();
        let (outcome, _) = finish(
            guide,
            diags,
            render_options(&self.opts, guide),
            theme,
            gate,
            Job {
                part: Part::Pages(&[index]),
                bank: Some(Arc::clone(bank)),
                sink: &mut memory,
            },
        );
        if outcome.has_errors() {
            // Keep the last good guide as it was, for the next change.
            restore(guide, (previous, previous_body, previous_questions));
        } else {
            for f in memory.0 {
                self.files.insert(f.path, f.bytes);
            }
            self.stale = true;
        }
        Some(outcome)
    }
}

/// The files a one-page rebuild leaves behind: made from every page's text (the print views
/// and the search index).
fn lags(path: &str) -> bool {
    path == "print.html"
        || path.starts_with(crate::assets::print::PARTS_DIR)
        || path.starts_with(crate::assets::search::DIR)
}
