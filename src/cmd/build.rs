//! `studyguide build`: the whole pipeline into a folder, replaced atomically.

use super::{report, Cli, Gate};
use std::path::PathBuf;
use std::process::ExitCode;
use studyguide::pipeline;

#[derive(clap::Args)]
pub struct Args {
    /// Where the site will live, e.g. https://example.org/guide/ (canonical links, sitemap).
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Write the site here instead of build.build-dir.
    #[arg(long, value_name = "DIR")]
    dest: Option<PathBuf>,
    #[command(flatten)]
    gate: Gate,
}

pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    let opts = pipeline::Options {
        dest: args.dest.clone(),
        ..args.gate.options(&args.base_url)
    };
    let start = std::time::Instant::now();
    let outcome = pipeline::build(&cli.root, &opts)?;
    let code = report(cli, &outcome)?;
    if !outcome.has_errors() && !cli.quiet {
        eprintln!(
            "built {} pages, {} questions into {} in {} ms",
            outcome.pages,
            outcome.questions,
            pipeline::destination(&cli.root, &opts).display(),
            start.elapsed().as_millis()
        );
    }
    Ok(code)
}
