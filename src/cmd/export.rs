//! `studyguide export`: the question bank as an Anki text file or as JSON (docs/EXPORT.md).

use super::{report, Cli};
use anyhow::Context;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use studyguide::export::{self, Format as Out, Request};

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Anki,
    Json,
}

#[derive(clap::Args)]
pub struct Args {
    /// anki: a text file for Anki's File > Import; json: the bank as JSON (docs/EXPORT.md).
    #[arg(long, value_enum)]
    format: Format,
    /// Write to FILE (replaced only when the export succeeds) instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Only the questions of this exam version (its code, e.g. MLA-C02), tagged with its ids.
    #[arg(long, value_name = "CODE")]
    exam: Option<String>,
    /// Where the site lives: links to its pages become absolute URLs (plain text without it).
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
}

pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    let req = Request {
        format: match args.format {
            Format::Anki => Out::Anki,
            Format::Json => Out::Json,
        },
        exam: args.exam.clone(),
        base_url: args.base_url.clone(),
    };
    let (outcome, exported) = export::export(&cli.root, &req);
    let code = report(cli, &outcome)?;
    let Some(exported) = exported.filter(|_| code == ExitCode::SUCCESS) else {
        return Ok(code);
    };
    match &args.out {
        Some(path) => write_atomically(path, exported.text.as_bytes())?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(exported.text.as_bytes())?;
            out.flush()?;
        }
    }
    if !cli.quiet {
        eprintln!("{}", exported.summary(args.exam.as_deref()));
    }
    Ok(code)
}

/// Writes a temporary file beside `path`, then renames it over `path`: a failed export leaves
/// the previous file as it was.
fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot write {}", path.display()))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .with_context(|| format!("cannot write {}", path.display()))?;
    tmp.persist(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}
