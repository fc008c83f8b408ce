//! `studyguide watch`: a folder kept current with the sources, no server.

use super::Cli;
use std::path::PathBuf;
use std::process::ExitCode;
use studyguide::pipeline::{self, Options};

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Write the site here instead of build.build-dir.
    #[arg(long, value_name = "DIR")]
    dest: Option<PathBuf>,
}

pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    let opts = Options {
        base_url: args.base_url.clone(),
        dest: args.dest.clone(),
        ..Options::default()
    };
    let dest = pipeline::destination(&cli.root, &opts);
    studyguide::serve::watch(&cli.root, opts, &dest)?;
    Ok(ExitCode::SUCCESS)
}
