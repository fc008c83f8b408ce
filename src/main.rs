//! The `studyguide` command line: a thin layer over the library.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use studyguide::build::{self, Options, Outcome};
use studyguide::diagnostic::Severity;

#[derive(Parser)]
#[command(
    name = "studyguide",
    version,
    about = "Build certification study guides: Markdown pages with self-check questions into a static site"
)]
struct Cli {
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
#[derive(clap::Args, Clone, Copy)]
struct Gate {
    /// Fail unless every blueprint item is taught on at least N pages.
    #[arg(long, value_name = "N")]
    min_item_pages: Option<usize>,
    /// Fail unless every blueprint item is tested by at least N questions.
    #[arg(long, value_name = "N")]
    min_item_questions: Option<usize>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Table,
    Json,
    Markdown,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new guide (book.toml, a blueprint, a domain and a task page with one question of each kind).
    Init {
        /// Where to create it (default: the current folder).
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Build the site into the build directory (book/ by default), replacing it atomically.
    Build {
        /// Where the site will live, e.g. https://example.org/guide/ (canonical links, sitemap).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Write the site here instead of build.build-dir.
        #[arg(long, value_name = "DIR")]
        dest: Option<PathBuf>,
        #[command(flatten)]
        gate: Gate,
    },
    /// Build into memory, serve on http://127.0.0.1:3000/, rebuild and reload on every change.
    Serve {
        #[arg(long, default_value_t = 3000)]
        port: u16,
        /// Address to listen on. Anything but 127.0.0.1 exposes your drafts to the network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Do not reload pages when the site is rebuilt.
        #[arg(long)]
        no_reload: bool,
    },
    /// Build into the build directory, then rebuild on every change and write what changed (no server).
    Watch {
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Write the site here instead of build.build-dir.
        #[arg(long, value_name = "DIR")]
        dest: Option<PathBuf>,
    },
    /// Check everything a build checks, without writing anything.
    Check {
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        #[command(flatten)]
        gate: Gate,
    },
    /// Blueprint coverage: pages and questions per domain, task and item.
    Coverage {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// A coverage.json from an earlier build (e.g. of the main branch): also show what changed.
        #[arg(long, value_name = "FILE.json")]
        baseline: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Command::Init { dir } => match studyguide::init::init(dir) {
            Ok(files) => {
                if !cli.quiet {
                    for f in files {
                        println!("created {}", dir.join(f).display());
                    }
                    println!("next: cd {} && studyguide build", dir.display());
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e:#}");
                ExitCode::from(1)
            }
        },
        Command::Build {
            base_url,
            dest,
            gate,
        } => {
            let opts = Options {
                base_url: base_url.clone(),
                dest: dest.clone(),
                min_item_pages: gate.min_item_pages,
                min_item_questions: gate.min_item_questions,
                ..Options::default()
            };
            let start = std::time::Instant::now();
            let outcome = match build::build(&cli.root, &opts) {
                Ok(o) => o,
                Err(e) => {
                    eprintln!("error: {e:#}");
                    return ExitCode::from(1);
                }
            };
            let code = report(&cli, &outcome);
            if !outcome.has_errors() && !cli.quiet {
                eprintln!(
                    "built {} pages, {} questions into {} in {} ms",
                    outcome.pages,
                    outcome.questions,
                    build::destination(&cli.root, &opts).display(),
                    start.elapsed().as_millis()
                );
            }
            code
        }
        Command::Serve {
            port,
            bind,
            open,
            no_reload,
        } => {
            if bind != "127.0.0.1" && bind != "localhost" && bind != "::1" {
                eprintln!("warning: listening on {bind}: anyone who can reach this machine can read the guide");
            }
            let opts = studyguide::serve::ServeOptions {
                root: cli.root.clone(),
                bind: bind.clone(),
                port: *port,
                reload: !no_reload,
                open: *open,
            };
            match studyguide::serve::serve(opts) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e:#}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Watch { base_url, dest } => {
            let opts = Options {
                base_url: base_url.clone(),
                dest: dest.clone(),
                ..Options::default()
            };
            let dest = build::destination(&cli.root, &opts);
            match studyguide::serve::watch(&cli.root, opts, &dest) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e:#}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Coverage { format, baseline } => coverage(&cli, *format, baseline.as_deref()),
        Command::Check { base_url, gate } => {
            let opts = Options {
                base_url: base_url.clone(),
                min_item_pages: gate.min_item_pages,
                min_item_questions: gate.min_item_questions,
                ..Options::default()
            };
            let outcome = build::check(&cli.root, &opts);
            let code = report(&cli, &outcome);
            if !cli.quiet && !outcome.has_errors() {
                eprintln!(
                    "checked {} pages, {} questions",
                    outcome.pages, outcome.questions
                );
            }
            code
        }
    }
}

fn coverage(cli: &Cli, format: Format, baseline: Option<&std::path::Path>) -> ExitCode {
    use studyguide::coverage;
    // The report shows gaps itself; the gate only applies to check and build.
    let opts = Options {
        min_item_pages: Some(0),
        min_item_questions: Some(0),
        ..Options::default()
    };
    let outcome = build::run(&cli.root, &opts);
    if outcome.has_errors() {
        return report(cli, &outcome);
    }
    let Some(now) = outcome.coverage else {
        return ExitCode::from(1);
    };
    let change = match baseline.map(|p| {
        std::fs::read_to_string(p)
            .map_err(|e| e.to_string())
            .and_then(|t| serde_json::from_str::<coverage::Coverage>(&t).map_err(|e| e.to_string()))
    }) {
        None => None,
        Some(Ok(base)) => Some(coverage::diff(&base, &now)),
        Some(Err(e)) => {
            eprintln!(
                "error: cannot read the baseline {}: {e}",
                baseline
                    .map(|p| p.display().to_string())
                    .unwrap_or_default()
            );
            return ExitCode::from(1);
        }
    };
    match format {
        Format::Table => print!("{}", coverage::table(&now, change.as_ref())),
        Format::Markdown => print!("{}", coverage::markdown(&now, change.as_ref())),
        Format::Json => print!("{}", now.to_json()),
    }
    ExitCode::SUCCESS
}

/// Prints the diagnostics and says how the command should exit.
fn report(cli: &Cli, outcome: &Outcome) -> ExitCode {
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
    for d in &outcome.diagnostics {
        if d.severity == Severity::Warning && cli.quiet && !cli.deny_warnings {
            continue;
        }
        if cli.verbose {
            eprintln!("{d}\n");
        } else {
            eprintln!("{}", d.headline());
        }
    }
    if errors > 0 || (cli.deny_warnings && warnings > 0) {
        eprintln!("{errors} error(s), {warnings} warning(s)");
        return ExitCode::from(1);
    }
    if warnings > 0 && !cli.quiet {
        eprintln!("{warnings} warning(s)");
    }
    ExitCode::SUCCESS
}
