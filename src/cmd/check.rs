//! `studyguide check`: everything `build` checks, without writing.

use super::{report, Cli, Gate};
use std::process::ExitCode;
use studyguide::pipeline;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    #[command(flatten)]
    gate: Gate,
}

pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    let outcome = pipeline::check(&cli.root, &args.gate.options(&args.base_url));
    let code = report(cli, &outcome)?;
    if !cli.quiet && !outcome.has_errors() {
        eprintln!(
            "checked {} pages, {} questions",
            outcome.pages, outcome.questions
        );
    }
    Ok(code)
}
