//! The pipeline, start to end: config, load, parse, model, check, render, write. `check`
//! and `build` share it; `live` reuses its parts for incremental rebuilds.

use crate::assets::bank;
use crate::coverage::Coverage;
use crate::diagnostic::{self, Diagnostic};
use crate::model::absent::{self, Absent, Blocker};
use crate::model::{self, Guide};
use crate::site::{RenderOptions, Renderer};
use crate::source::blueprint::{self, Blueprint};
use crate::source::config::{self, Config};
use crate::source::load::{self, Content};
use crate::source::page;
use crate::write::{self, OutputFile};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What a command asks of the pipeline beyond book.toml.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Overrides `build.base-url`.
    pub base_url: Option<String>,
    /// Overrides `build.build-dir` (relative to the current directory, not the guide).
    pub dest: Option<PathBuf>,
    /// Override `coverage.min-item-pages` / `coverage.min-item-questions` of book.toml.
    pub min_item_pages: Option<usize>,
    /// Override `coverage.min-item-questions` of book.toml.
    pub min_item_questions: Option<usize>,
    /// Which exam version's coverage the gate applies to (`--exam CODE`); every version's
    /// when `None`.
    pub exam: Option<String>,
}

/// What a run produced: all diagnostics (sorted), and the files when there was no error.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Every problem found, sorted by place.
    pub diagnostics: Vec<Diagnostic>,
    /// The rendered files, for [`run`] when there was no error.
    pub files: Option<Vec<OutputFile>>,
    /// Pages in the guide.
    pub pages: usize,
    /// Questions in the guide, counting a case study's sub-questions.
    pub questions: usize,
    /// Blueprint coverage, when the guide got as far as the model.
    pub coverage: Option<Coverage>,
    /// The coverage of the guide's other exam versions (`content/exams/`), in file order.
    pub exam_coverage: Vec<Coverage>,
}

impl Outcome {
    /// Whether any diagnostic is an error.
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
pub(crate) fn read_config(root: &Path) -> Result<Config, Diagnostic> {
    let path = root.join("book.toml");
    match std::fs::read(&path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => config::parse("book.toml", &load::normalize(&text)),
            Err(e) => {
                let offset = e.utf8_error().valid_up_to();
                let valid = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
                Err(Diagnostic::error(
                    "E005",
                    "book.toml",
                    "file is not valid UTF-8; save it as UTF-8",
                )
                .at(&valid, offset))
            }
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

/// The guide in `root`, loaded, parsed, modelled and with its Markdown rendered, with the
/// diagnostics so far; `None` when book.toml cannot be read. For tools that work on the guide
/// itself (the search benchmark), not on its output.
pub fn load_guide(root: &Path) -> (Option<Guide>, Vec<Diagnostic>) {
    match prepare(root, &Laps::new()) {
        Ok((guide, diags)) => (Some(guide), diags),
        Err(diags) => (None, diags),
    }
}

/// Config, load, parse, model and Markdown: everything before the whole-guide checks.
fn prepare(root: &Path, laps: &Laps) -> Result<(Guide, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let config = match read_config(root) {
        Ok(c) => c,
        Err(d) => return Err(vec![d]),
    };
    let content_dir = root.join(&config.build.content_dir);
    laps.lap("config");
    let tree = load::load_tree(&content_dir, config.build.content_dir.trim_end_matches('/'));
    for d in tree.diags {
        // A missing content folder is book.toml's `content-dir`, when it names one.
        let missing = d.code == "E001" && !content_dir.is_dir();
        diags.push(match missing {
            true => config.at_build_key("content-dir", d),
            false => d,
        });
    }
    // Files that exist but will not be in the site: checks that depend on them are skipped
    // (and counted) rather than reported as if the file did not exist.
    let mut absent = Absent::default();
    absent.ignored = tree.ignored.into_iter().collect();
    for f in tree.failed {
        if f.rel == "blueprint.toml" {
            absent.blueprint = Some(f.display);
        } else if f.rel.ends_with(".md") {
            absent.add(absent::salvage(&f.rel, &f.display, &f.text));
        }
    }

    let mut bp = Blueprint::default();
    let mut exam_files = Vec::new();
    let mut pages_src = Vec::new();
    let mut assets = Vec::new();
    for s in tree.sources {
        match s.content {
            Content::Text(text) if s.rel == "blueprint.toml" => {
                match blueprint::read(&s.display, &text) {
                    Ok((b, d)) => {
                        bp = b;
                        diags.extend(d);
                    }
                    Err(d) => {
                        diags.push(d);
                        absent.blueprint = Some(s.display);
                    }
                }
            }
            Content::Text(text)
                if s.rel.starts_with(crate::source::exams::DIR) && s.rel.ends_with(".toml") =>
            {
                exam_files.push((s.rel, s.display, text))
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
    let parsed: Vec<_> = pages_src
        .into_par_iter()
        .map(|(rel, display, text)| {
            let mut d = Vec::new();
            let page = page::parse_or_text(&rel, &display, text, &mut d)
                .map_err(|text| absent::salvage(&rel, &display, &text));
            (page, d)
        })
        .collect();
    let mut pages = Vec::with_capacity(parsed.len());
    for (p, d) in parsed {
        match p {
            Ok(p) => pages.push(p),
            Err(failed) => absent.add(failed),
        }
        diags.extend(d);
    }
    laps.lap("parse");
    let (exams, d) = crate::source::exams::load(&bp, exam_files);
    diags.extend(d);
    let (mut guide, d) = model::build_with(config, bp, pages, assets, absent);
    diags.extend(d);
    diags.extend(missing_glossary(&guide, &content_dir));
    // `item:` links may name the other versions' items too (`item:MLA-C02:1.1.1`).
    for v in &exams.versions {
        for (_, i) in v.items() {
            guide
                .links
                .items
                .insert(format!("{}:{}", v.exam.code, i.id));
        }
    }
    guide.exams = exams;
    laps.lap("model");
    diags.extend(crate::render::render_bodies(&mut guide));
    laps.lap("markdown");
    Ok((guide, diags))
}

/// A `build.glossary` in book.toml that names no page of the guide: an error at the key, as
/// otherwise every glossary link would be gone without a word.
fn missing_glossary(guide: &Guide, content_dir: &Path) -> Option<Diagnostic> {
    let config = &guide.config;
    let b = &config.build;
    if !config.sets_build_key("glossary") || guide.pages.iter().any(|p| p.src.rel == b.glossary) {
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
    let d = Diagnostic::error(
        "E009",
        "book.toml",
        format!(
            "`build.glossary` names `{}`, which {why}; no glossary term is linked until it names a page",
            b.glossary
        ),
    );
    Some(config.at_build_key("glossary", d))
}

/// Whether a run keeps the guide (with its sources) for one-page rebuilds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keep {
    Nothing,
    Guide,
}

/// Loads, checks and renders the guide into `sink`; also returns the guide and its question
/// bank when the build succeeded (serve keeps them for the next change). The outcome's `files`
/// are left empty: they went to the sink.
pub(crate) fn run_into(
    root: &Path,
    opts: &Options,
    sink: &mut dyn write::Sink,
    keep: Keep,
) -> (Outcome, Option<(Guide, Arc<bank::Scripts>)>) {
    let laps = Laps::new();
    let (mut guide, mut diags) = match prepare(root, &laps) {
        Ok(ready) => ready,
        Err(diagnostics) => {
            let outcome = Outcome {
                diagnostics,
                ..Outcome::default()
            };
            return (outcome, None);
        }
    };
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
    let theme = load_theme(root, &guide.config);
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

/// Which files `finish` renders.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Part<'a> {
    All,
    /// Just these content pages.
    Pages(&'a [usize]),
    /// Every file that is not a content page.
    Shared,
}

/// What `finish` renders, with which question bank (one kept from an earlier build with the
/// same questions, if any), into which sink.
pub(crate) struct Job<'a, 'p> {
    pub(crate) part: Part<'p>,
    pub(crate) bank: Option<Arc<bank::Scripts>>,
    pub(crate) sink: &'a mut dyn write::Sink,
}

/// Coverage (and its gate: minimum pages and questions per item), then templates. Returns the
/// question bank used.
pub(crate) fn finish(
    guide: &Guide,
    mut diags: Vec<Diagnostic>,
    ropts: RenderOptions,
    theme: Result<crate::assets::theme::Theme, Diagnostic>,
    gate: Gate,
    job: Job,
) -> (Outcome, Option<Arc<bank::Scripts>>) {
    let Job { part, bank, sink } = job;
    let laps = Laps::new();
    let coverage = Coverage::compute(guide);
    let exam_coverage: Vec<Coverage> = guide
        .exams
        .versions
        .iter()
        .map(|b| Coverage::compute_for(guide, b))
        .collect();
    let mut tally = unchecked(guide, gate.is_active());
    // An item a page with errors may cover is not short of pages or questions until that
    // page can be read.
    let mut claimed: std::collections::HashMap<&str, Blocker> = guide
        .absent
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.why == absent::Why::Errors)
        .flat_map(|(i, p)| {
            p.items
                .iter()
                .map(move |item| (item.as_str(), Blocker::Page(i)))
        })
        .collect();
    for (i, p) in guide.pages.iter().enumerate() {
        for item in &p.src.invalid_items {
            claimed.entry(item).or_insert(Blocker::Questions(i));
        }
    }
    for (item, d) in gate.apply(guide, &coverage, &exam_coverage) {
        match claimed.get(item.as_str()) {
            Some(&b) => *tally.items.entry(b).or_default() += 1,
            None => diags.push(d),
        }
    }
    laps.lap("  coverage");
    let pages = guide.pages.len();
    // Every question of the guide, a case study counting as its sub-questions: also those
    // that cover only another exam version's items (the coverage counts the default's).
    let questions = guide
        .pages
        .iter()
        .flat_map(|p| &p.src.quizzes)
        .map(|q| q.scored().len())
        .sum();
    let mut used_bank = None;
    if !diags.iter().any(Diagnostic::is_error) {
        let renderer = theme
            .and_then(|t| Renderer::new(guide, &t, coverage.clone(), ropts, bank))
            .map(|r| r.with_exam_coverage(exam_coverage.clone()));
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
    // After the errors: what they stopped from being checked.
    diags.extend(absent::notes(&guide.absent, &tally, |i| {
        guide.pages[i].src.display.as_str()
    }));
    let outcome = Outcome {
        diagnostics: diags,
        files: None,
        pages,
        questions,
        coverage: Some(coverage),
        exam_coverage,
    };
    (outcome, used_bank)
}

/// The checks skipped because a file has errors, as far as they are known before the coverage
/// gate: links that depend on such a file and, when the blueprint could not be read, every
/// reference to it.
fn unchecked(guide: &Guide, gate: bool) -> absent::Tally {
    let mut tally = absent::Tally::default();
    for b in guide.pages.iter().flat_map(|p| &p.unchecked) {
        *tally.links.entry(*b).or_default() += 1;
    }
    if guide.absent.blueprint.is_some() {
        for p in &guide.pages {
            let front = &p.src.front;
            tally.keys += usize::from(front.task.is_some()) + usize::from(front.domain.is_some());
            tally.covers += front.covers.len();
            tally.covers += p
                .src
                .quizzes
                .iter()
                .flat_map(|q| std::iter::once(q).chain(crate::check::sub_questions(q)))
                .map(|q| q.covers.len())
                .sum::<usize>();
        }
        tally.gate = gate;
    }
    tally
}

/// Stage timings on stderr when `STUDYGUIDE_TIMINGS` is set: a profiling aid, not output.
pub(crate) struct Laps {
    last: std::cell::Cell<std::time::Instant>,
    on: bool,
}

impl Laps {
    pub(crate) fn new() -> Self {
        Laps {
            last: std::cell::Cell::new(std::time::Instant::now()),
            on: std::env::var_os("STUDYGUIDE_TIMINGS").is_some(),
        }
    }

    pub(crate) fn lap(&self, stage: &str) {
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

/// The theme named in book.toml; a missing one is reported on its `theme` value.
pub(crate) fn load_theme(
    root: &Path,
    config: &Config,
) -> Result<crate::assets::theme::Theme, Diagnostic> {
    crate::assets::theme::load(root, &config.build.theme)
        .map_err(|d| config.at_build_key("theme", d))
}

/// The coverage gate: for each exam version it applies to, the minimum pages and questions
/// per item. `Gate::default()` checks nothing.
#[derive(Debug, Clone, Default)]
pub(crate) struct Gate {
    /// The command line's minimums, over everything else.
    pub(crate) cli: (Option<usize>, Option<usize>),
    /// book.toml's, under a version's own (`min-item-pages` in its `[exam]`).
    pub(crate) book: (usize, usize),
    /// `--exam CODE`: only that version; `None`: every version.
    pub(crate) exam: Option<String>,
}

impl Gate {
    /// Whether any minimum is above zero (otherwise skipped coverage is not worth a note).
    fn is_active(&self) -> bool {
        self.cli.0.unwrap_or(self.book.0) > 0 || self.cli.1.unwrap_or(self.book.1) > 0
    }

    /// The gate's errors for every version it applies to, each with the item it is about.
    fn apply(
        &self,
        guide: &Guide,
        default: &Coverage,
        others: &[Coverage],
    ) -> Vec<(String, Diagnostic)> {
        let versions = std::iter::once((&guide.blueprint, default))
            .chain(guide.exams.versions.iter().zip(others));
        let mut diags = Vec::new();
        if let Some(code) = &self.exam {
            if versions.clone().all(|(b, _)| b.exam.code != *code) {
                let known: Vec<String> = versions
                    .clone()
                    .map(|(b, _)| format!("`{}`", b.exam.code))
                    .collect();
                diags.push((
                    String::new(),
                    Diagnostic::error(
                        "E078",
                        "--exam",
                        format!(
                            "the guide has no exam version `{code}`; it has {}",
                            known.join(", ")
                        ),
                    ),
                ));
            }
        }
        for (bp, cov) in versions {
            if self.exam.as_ref().is_some_and(|c| *c != bp.exam.code) {
                continue;
            }
            let pages = self.cli.0.or(bp.exam.min_item_pages).unwrap_or(self.book.0);
            let questions = self
                .cli
                .1
                .or(bp.exam.min_item_questions)
                .unwrap_or(self.book.1);
            diags.extend(
                cov.gaps(bp, pages, questions)
                    .into_iter()
                    .map(|(item, d)| (item.to_string(), d)),
            );
        }
        diags
    }
}

/// The coverage minimums: the command line's, else the version's, else book.toml's.
pub(crate) fn gate(opts: &Options, guide: &Guide) -> Gate {
    let c = &guide.config.coverage;
    Gate {
        cli: (opts.min_item_pages, opts.min_item_questions),
        book: (c.min_item_pages, c.min_item_questions),
        exam: opts.exam.clone(),
    }
}

pub(crate) fn render_options(opts: &Options, guide: &Guide) -> RenderOptions {
    RenderOptions {
        base_url: opts
            .base_url
            .clone()
            .unwrap_or_else(|| guide.config.build.base_url.clone()),
    }
}

pub(crate) fn failed(mut diags: Vec<Diagnostic>) -> Outcome {
    diagnostic::sort(&mut diags);
    Outcome {
        diagnostics: diags,
        ..Outcome::default()
    }
}
