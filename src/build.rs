//! The pipeline, start to end: config, load, parse, model, check, render, write. `check`
//! and `build` share it; `serve` reuses it with its own output.

use crate::bank;
use crate::blueprint::{self, Blueprint};
use crate::config::{self, Config};
use crate::coverage::Coverage;
use crate::diagnostic::{self, Diagnostic};
use crate::load::{self, Content};
use crate::model::{self, Guide};
use crate::page;
use crate::render::{self, RenderOptions, Renderer};
use crate::write::{self, OutputFile};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Overrides `build.base-url`.
    pub base_url: Option<String>,
    /// Overrides `build.build-dir` (relative to the current directory, not the guide).
    pub dest: Option<PathBuf>,
    /// HTML injected into every page (serve mode only).
    pub inject: Option<String>,
    /// Override `coverage.min-item-pages` / `coverage.min-item-questions` of book.toml.
    pub min_item_pages: Option<usize>,
    pub min_item_questions: Option<usize>,
}

/// What a run produced: all diagnostics (sorted), and the files when there was no error.
#[derive(Debug, Default)]
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    pub files: Option<Vec<OutputFile>>,
    pub pages: usize,
    pub questions: usize,
    pub coverage: Option<Coverage>,
}

impl Outcome {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Takes the rendered files, sorted by path, when the run succeeded.
    fn keep_files(&mut self, memory: write::Memory) {
        if !self.has_errors() {
            let mut files = memory.0;
            files.sort_by(|a, b| a.path.cmp(&b.path));
            self.files = Some(files);
        }
    }
}

/// Reads `book.toml` in `root` (an absent file means all defaults).
pub fn read_config(root: &Path) -> Result<Config, Diagnostic> {
    let path = root.join("book.toml");
    match std::fs::read(&path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => config::parse("book.toml", &load::normalize(&text)),
            Err(_) => Err(Diagnostic::error(
                "E005",
                "book.toml",
                "file is not valid UTF-8; save it as UTF-8",
            )),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
        Err(e) => Err(Diagnostic::error(
            "E001",
            "book.toml",
            format!("cannot read: {e}"),
        )),
    }
}

/// Loads, checks and renders the guide in `root`, without writing anything.
pub fn run(root: &Path, opts: &Options) -> Outcome {
    let mut memory = write::Memory::default();
    let mut outcome = run_into(root, opts, &mut memory, Keep::Nothing).0;
    outcome.keep_files(memory);
    outcome
}

/// `check`: everything a build checks and renders, nothing kept.
pub fn check(root: &Path, opts: &Options) -> Outcome {
    run_into(root, opts, &mut write::Discard::default(), Keep::Nothing).0
}

/// Whether a run keeps the guide (with its sources) for one-page rebuilds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keep {
    Nothing,
    Guide,
}

/// Loads, checks and renders the guide into `sink`; also returns the guide and its question
/// bank when the build succeeded (serve keeps them for the next change). The outcome's `files`
/// are left empty: they went to the sink.
fn run_into(
    root: &Path,
    opts: &Options,
    sink: &mut dyn write::Sink,
    keep: Keep,
) -> (Outcome, Option<(Guide, Arc<bank::Scripts>)>) {
    let laps = Laps::new();
    let mut diags = Vec::new();
    let config = match read_config(root) {
        Ok(c) => c,
        Err(d) => {
            let outcome = Outcome {
                diagnostics: vec![d],
                ..Outcome::default()
            };
            return (outcome, None);
        }
    };
    let content_dir = root.join(&config.build.content_dir);
    laps.lap("config");
    let (sources, load_diags) =
        load::load(&content_dir, config.build.content_dir.trim_end_matches('/'));
    diags.extend(load_diags);

    let mut bp = Blueprint::default();
    let mut pages_src = Vec::new();
    let mut assets = Vec::new();
    for s in sources {
        match s.content {
            Content::Text(text) if s.rel == "blueprint.toml" => {
                let (b, d) = blueprint::parse(&s.display, &text);
                bp = b;
                diags.extend(d);
            }
            Content::Text(text) if s.rel.ends_with(".md") => {
                pages_src.push((s.rel, s.display, text))
            }
            Content::Text(text) => assets.push((s.rel, text.into_bytes())),
            Content::Bytes(bytes) => assets.push((s.rel, bytes)),
        }
    }
    if !content_dir.join("blueprint.toml").is_file() && content_dir.is_dir() {
        diags.push(Diagnostic::warning(
            "W001",
            format!("{}/blueprint.toml", config.build.content_dir),
            "no blueprint: domain and task pages, coverage and the practice exam need one",
        ));
    }
    laps.lap("load");
    let parsed: Vec<(Option<page::ParsedPage>, Vec<Diagnostic>)> = pages_src
        .into_par_iter()
        .map(|(rel, display, text)| {
            let mut d = Vec::new();
            (page::parse(&rel, &display, text, &mut d), d)
        })
        .collect();
    let mut pages = Vec::with_capacity(parsed.len());
    for (p, d) in parsed {
        pages.extend(p);
        diags.extend(d);
    }
    laps.lap("parse");
    let (mut guide, d) = model::build(config, bp, pages, assets);
    diags.extend(d);
    diags.extend(missing_glossary(&guide, &content_dir));
    laps.lap("model");
    diags.extend(render::render_bodies(&mut guide));
    laps.lap("markdown");
    diags.extend(crate::check::check(&guide));
    laps.lap("check");
    if keep == Keep::Nothing {
        // Rendered and checked: the sources are not needed again (a tenth of a large guide's
        // memory). Serve keeps them for diagnostics after a one-page rebuild.
        for p in &mut guide.pages {
            p.src.text = String::new();
            p.src.body_offset = 0;
        }
    }
    let gate = gate(opts, &guide);
    let theme = crate::theme::load(root, &guide.config.build.theme);
    let ropts = render_options(opts, &guide);
    let (outcome, bank) = finish(
        &guide,
        diags,
        ropts,
        theme,
        gate,
        Job {
            part: Part::All,
            bank: None,
            sink,
        },
    );
    laps.lap("coverage, search index, templates, write");
    let kept = (keep == Keep::Guide && !outcome.has_errors())
        .then_some(guide)
        .zip(bank);
    (outcome, kept)
}

/// A `build.glossary` in book.toml that names no page of the guide: an error at the key, as
/// otherwise every glossary link would be gone without a word.
fn missing_glossary(guide: &Guide, content_dir: &Path) -> Option<Diagnostic> {
    let b = &guide.config.build;
    let (line, column) = b.glossary_set_at?;
    if guide.pages.iter().any(|p| p.src.rel == b.glossary) {
        return None;
    }
    let why = if content_dir.join(&b.glossary).is_file() {
        "is a draft or could not be read (see its own errors)".to_string()
    } else {
        let guess = guide
            .pages
            .iter()
            .map(|p| p.src.rel.as_str())
            .find(|rel| rel.to_lowercase().contains("gloss"))
            .map(|rel| format!(" (did you mean `{rel}`?)"))
            .unwrap_or_default();
        format!(
            "does not exist in `{}/`{guess}",
            b.content_dir.trim_end_matches('/')
        )
    };
    let mut d = Diagnostic::error(
        "E009",
        "book.toml",
        format!(
            "`build.glossary` names `{}`, which {why}; no glossary term is linked until it names a page",
            b.glossary
        ),
    );
    d.line = line;
    d.column = column;
    Some(d)
}

/// Which files `finish` renders.
#[derive(Debug, Clone, Copy)]
enum Part<'a> {
    All,
    /// Just these content pages.
    Pages(&'a [usize]),
    /// Every file that is not a content page.
    Shared,
}

/// What `finish` renders, with which question bank (one kept from an earlier build with the
/// same questions, if any), into which sink.
struct Job<'a, 'p> {
    part: Part<'p>,
    bank: Option<Arc<bank::Scripts>>,
    sink: &'a mut dyn write::Sink,
}

/// Coverage (and its gate: minimum pages and questions per item), then templates. Returns the
/// question bank used.
fn finish(
    guide: &Guide,
    mut diags: Vec<Diagnostic>,
    ropts: RenderOptions,
    theme: Result<crate::theme::Theme, Diagnostic>,
    gate: (usize, usize),
    job: Job,
) -> (Outcome, Option<Arc<bank::Scripts>>) {
    let Job { part, bank, sink } = job;
    let laps = Laps::new();
    let coverage = Coverage::compute(guide);
    diags.extend(coverage.gate(&guide.blueprint, gate.0, gate.1));
    laps.lap("  coverage");
    let pages = guide.pages.len();
    let questions = coverage.questions;
    let mut used_bank = None;
    if !diags.iter().any(Diagnostic::is_error) {
        let renderer = theme.and_then(|t| Renderer::new(guide, &t, coverage.clone(), ropts, bank));
        laps.lap("  theme, question bank");
        match renderer {
            Ok(r) => {
                let rendered = match part {
                    Part::All => r.render_all(sink),
                    Part::Pages(only) => r.render_pages(Some(only), sink),
                    Part::Shared => r.render_shared(sink),
                };
                laps.lap("  pages, search index, generated pages");
                match rendered {
                    Ok(d) => diags.extend(d),
                    Err(e) => diags.push(Diagnostic::error(
                        "E051",
                        "output",
                        format!("cannot write the site: {e:#}"),
                    )),
                }
                used_bank = Some(r.bank());
            }
            Err(d) => diags.push(d),
        }
    }
    diagnostic::sort(&mut diags);
    let outcome = Outcome {
        diagnostics: diags,
        files: None,
        pages,
        questions,
        coverage: Some(coverage),
    };
    (outcome, used_bank)
}

/// Stage timings on stderr when `STUDYGUIDE_TIMINGS` is set: a profiling aid, not output.
struct Laps {
    last: std::cell::Cell<std::time::Instant>,
    on: bool,
}

impl Laps {
    fn new() -> Self {
        Laps {
            last: std::cell::Cell::new(std::time::Instant::now()),
            on: std::env::var_os("STUDYGUIDE_TIMINGS").is_some(),
        }
    }

    fn lap(&self, stage: &str) {
        if self.on {
            let now = std::time::Instant::now();
            eprintln!(
                "{:>7.1} ms  {stage}",
                (now - self.last.get()).as_secs_f64() * 1000.0
            );
            self.last.set(now);
        }
    }
}

/// Where the build goes: `--dest` as given, else `build.build-dir` under the guide root.
pub fn destination(root: &Path, opts: &Options) -> PathBuf {
    if let Some(d) = &opts.dest {
        return d.clone();
    }
    let build_dir = read_config(root)
        .map(|c| c.build.build_dir)
        .unwrap_or_else(|_| "book".into());
    root.join(build_dir)
}

/// Builds and, when there is no error, replaces the build directory atomically. Files are
/// written as they are rendered, into a staging folder that replaces the build directory at
/// the end; a failed build removes it and leaves the previous build as it was.
pub fn build(root: &Path, opts: &Options) -> anyhow::Result<Outcome> {
    let mut staging = write::Staging::new(&destination(root, opts))?;
    let (outcome, _) = run_into(root, opts, &mut staging, Keep::Nothing);
    let laps = Laps::new();
    if !outcome.has_errors() {
        staging.commit()?;
    }
    laps.lap("commit");
    Ok(outcome)
}

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
    Full,
    OnePage,
}

impl LiveBuild {
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
        let theme = crate::theme::load(&self.root, &guide.config.build.theme);
        let mut memory = write::Memory::default();
        let (outcome, _) = finish(
            guide,
            Vec::new(),
            render_options(&self.opts, guide),
            theme,
            (0, 0),
            Job {
                part: Part::Shared,
                bank: Some(Arc::clone(bank)),
                sink: &mut memory,
            },
        );
        if !outcome.has_errors() {
            self.files.retain(|path, _| !lags(path));
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
        diags.extend(render::render_bodies_of(guide, &[index]));
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
        let theme = crate::theme::load(&self.root, &guide.config.build.theme);
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

/// The coverage minimums: the command line's, else book.toml's.
fn gate(opts: &Options, guide: &Guide) -> (usize, usize) {
    let c = &guide.config.coverage;
    (
        opts.min_item_pages.unwrap_or(c.min_item_pages),
        opts.min_item_questions.unwrap_or(c.min_item_questions),
    )
}

fn render_options(opts: &Options, guide: &Guide) -> RenderOptions {
    RenderOptions {
        base_url: opts
            .base_url
            .clone()
            .unwrap_or_else(|| guide.config.build.base_url.clone()),
        inject: opts.inject.clone(),
    }
}

/// The files a one-page rebuild leaves behind: made from every page's text.
fn lags(path: &str) -> bool {
    path == "print.html" || path.starts_with(crate::search::DIR)
}

fn failed(mut diags: Vec<Diagnostic>) -> Outcome {
    diagnostic::sort(&mut diags);
    Outcome {
        diagnostics: diags,
        ..Outcome::default()
    }
}
