//! The subcommands, one file each, and what they share: the options every command takes and
//! how diagnostics are printed and turned into an exit code.

mod build;
mod check;
mod coverage;
mod export;
mod init;
mod serve;
mod watch;

use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use studyguide::diagnostic::Severity;
use studyguide::pipeline::{Options, Outcome};

#[derive(Parser)]
#[command(
    name = "studyguide",
    version,
    about = "Build certification study guides: Markdown pages with self-check questions into a static site"
)]
pub struct Cli {
    /// Print nothing but errors.
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Print more detail (page counts, timing).
    #[arg(short, long, global = true)]
    verbose: bool,
    /// Treat warnings as errors (exit 1 when there are any).
    #[arg(long, global = true)]
    deny_warnings: bool,
    /// The guide's folder (the one holding book.toml).
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

/// Coverage minimums (override `[coverage]` in book.toml).
#[derive(clap::Args, Clone)]
struct Gate {
    /// Fail unless every blueprint item is taught on at least N pages.
    #[arg(long, value_name = "N")]
    min_item_pages: Option<usize>,
    /// Fail unless every blueprint item is tested by at least N questions.
    #[arg(long, value_name = "N")]
    min_item_questions: Option<usize>,
    /// Apply the coverage gate to this exam version only (its code, e.g. MLA-C02); every
    /// version's own minimums apply when it is not given.
    #[arg(long, value_name = "CODE")]
    exam: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new guide (book.toml, a blueprint, a domain and a task page with one question of each kind).
    Init(init::Args),
    /// Build the site into the build directory (book/ by default), replacing it atomically.
    Build(build::Args),
    /// Build into memory, serve on http://127.0.0.1:3000/, rebuild and reload on every change.
    Serve(serve::Args),
    /// Build into the build directory, then rebuild on every change and write what changed (no server).
    Watch(watch::Args),
    /// Check everything a build checks, without writing anything.
    Check(check::Args),
    /// Blueprint coverage: pages and questions per domain, task and item.
    Coverage(coverage::Args),
    /// The question bank outside the site: an Anki text file or JSON (docs/EXPORT.md).
    Export(export::Args),
}

/// Runs the command; `Err` for failures that are not about the guide's content (I/O, a port
/// in use), which `main` prints once.
pub fn run(cli: &Cli) -> anyhow::Result<ExitCode> {
    match &cli.command {
        Command::Init(args) => init::run(cli, args),
        Command::Build(args) => build::run(cli, args),
        Command::Serve(args) => serve::run(cli, args),
        Command::Watch(args) => watch::run(cli, args),
        Command::Check(args) => check::run(cli, args),
        Command::Coverage(args) => coverage::run(cli, args),
        Command::Export(args) => export::run(cli, args),
    }
}

impl Gate {
    /// Build options with this gate and `base_url`.
    fn options(&self, base_url: &Option<String>) -> Options {
        Options {
            base_url: base_url.clone(),
            min_item_pages: self.min_item_pages,
            min_item_questions: self.min_item_questions,
            exam: self.exam.clone(),
            ..Options::default()
        }
    }
}

/// Prints the diagnostics and says how the command should exit.
fn report(cli: &Cli, outcome: &Outcome) -> anyhow::Result<ExitCode> {
    let errors = outcome
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = outcome
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    let mut err = std::io::stderr().lock();
    for d in &outcome.diagnostics {
        if d.severity == Severity::Warning && cli.quiet && !cli.deny_warnings {
            continue;
        }
        if cli.verbose {
            writeln!(err, "{d}\n")?;
        } else {
            writeln!(err, "{}", d.headline())?;
        }
    }
    if errors > 0 || (cli.deny_warnings && warnings > 0) {
        writeln!(err, "{errors} error(s), {warnings} warning(s)")?;
        return Ok(ExitCode::from(1));
    }
    if warnings > 0 && !cli.quiet {
        writeln!(err, "{warnings} warning(s)")?;
    }
    Ok(ExitCode::SUCCESS)
}
