//! `studyguide init [DIR]`.

use super::Cli;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Where to create it (default: the current folder).
    #[arg(default_value = ".")]
    dir: PathBuf,
}

pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    let files = studyguide::init::init(&args.dir)?;
    if !cli.quiet {
        let mut out = std::io::stdout().lock();
        for f in files {
            writeln!(out, "created {}", args.dir.join(f).display())?;
        }
        writeln!(out, "next: cd {} && studyguide build", args.dir.display())?;
    }
    Ok(ExitCode::SUCCESS)
}
