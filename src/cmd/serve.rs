//! `studyguide serve`: the site from memory, rebuilt and reloaded on every change.

use super::Cli;
use std::process::ExitCode;
use studyguide::serve::{serve, ServeOptions};

#[derive(clap::Args)]
pub struct Args {
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
}

pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    if !matches!(args.bind.as_str(), "127.0.0.1" | "localhost" | "::1") {
        eprintln!(
            "warning: listening on {}: anyone who can reach this machine can read the guide",
            args.bind
        );
    }
    serve(ServeOptions {
        root: cli.root.clone(),
        bind: args.bind.clone(),
        port: args.port,
        reload: !args.no_reload,
        open: args.open,
    })?;
    Ok(ExitCode::SUCCESS)
}
