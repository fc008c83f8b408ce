//! `studyguide init [DIR]`: writes a small, working guide to start from — a book.toml, a
//! blueprint with one domain and task, and a task page with one question of each kind.

use super::Cli;
use anyhow::{bail, Context, Result};
use std::io::Write;
use std::path::Path;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Where to create it (default: the current folder).
    #[arg(default_value = ".")]
    dir: PathBuf,
}

pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    let files = init(&args.dir)?;
    if !cli.quiet {
        let mut out = std::io::stdout().lock();
        for f in files {
            writeln!(out, "created {}", args.dir.join(f).display())?;
        }
        writeln!(out, "next: cd {} && studyguide build", args.dir.display())?;
    }
    Ok(ExitCode::SUCCESS)
}

const FILES: &[(&str, &str)] = &[
    ("book.toml", include_str!("scaffold/book.toml")),
    (
        "content/blueprint.toml",
        include_str!("scaffold/blueprint.toml"),
    ),
    ("content/_index.md", include_str!("scaffold/_index.md")),
    (
        "content/domain-1/_index.md",
        include_str!("scaffold/domain.md"),
    ),
    (
        "content/domain-1/1-1-first-task.md",
        include_str!("scaffold/task.md"),
    ),
];

/// Creates a new guide in `dir`; refuses to overwrite any existing file.
fn init(dir: &Path) -> Result<Vec<String>> {
    for (rel, _) in FILES {
        if dir.join(rel).exists() {
            bail!(
                "{} already exists; `init` never overwrites files (choose an empty folder)",
                dir.join(rel).display()
            );
        }
    }
    let mut written = Vec::new();
    for (rel, text) in FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
        }
        std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
        written.push(rel.to_string());
    }
    Ok(written)
}
