//! The pipeline, start to end: config, load, parse, model, check, render, write. `check`
//! and `build` share it; `serve` reuses it with its own output.

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
    let mut diags = Vec::new();
    let config = match read_config(root) {
        Ok(c) => c,
        Err(d) => {
            return Outcome {
                diagnostics: vec![d],
                ..Outcome::default()
            }
        }
    };
    let content_dir = root.join(&config.build.content_dir);
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
    let base_url = opts
        .base_url
        .clone()
        .unwrap_or_else(|| config.build.base_url.clone());
    let (mut guide, d) = model::build(config, bp, pages, assets);
    diags.extend(d);
    diags.extend(render::render_bodies(&mut guide));
    diags.extend(crate::check::check(&guide));
    let gate = (
        opts.min_item_pages
            .unwrap_or(guide.config.coverage.min_item_pages),
        opts.min_item_questions
            .unwrap_or(guide.config.coverage.min_item_questions),
    );
    let ropts = RenderOptions {
        base_url,
        inject: opts.inject.clone(),
    };
    finish(guide, diags, ropts, root, gate)
}

/// Coverage (and its gate: minimum pages and questions per item), then templates.
fn finish(
    guide: Guide,
    mut diags: Vec<Diagnostic>,
    ropts: RenderOptions,
    root: &Path,
    gate: (usize, usize),
) -> Outcome {
    let coverage = Coverage::compute(&guide);
    diags.extend(coverage.gate(&guide.blueprint, gate.0, gate.1));
    let pages = guide.pages.len();
    let questions = coverage.questions;
    let mut files = None;
    if !diags.iter().any(Diagnostic::is_error) {
        let theme = crate::theme::load(root, &guide.config.build.theme);
        match theme.and_then(|t| Renderer::new(&guide, &t, coverage.clone(), ropts)) {
            Ok(r) => match r.render_all() {
                Ok(f) => files = Some(f),
                Err(d) => diags.extend(d),
            },
            Err(d) => diags.push(d),
        }
    }
    diagnostic::sort(&mut diags);
    Outcome {
        diagnostics: diags,
        files,
        pages,
        questions,
        coverage: Some(coverage),
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

/// Builds and, when there is no error, replaces the build directory atomically.
pub fn build(root: &Path, opts: &Options) -> anyhow::Result<Outcome> {
    let outcome = run(root, opts);
    if let Some(files) = &outcome.files {
        write::write_atomic(&destination(root, opts), files)?;
    }
    Ok(outcome)
}
