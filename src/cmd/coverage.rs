//! `studyguide coverage`: the blueprint coverage report as a table, JSON or Markdown.

use super::{report, Cli};
use anyhow::Context;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use studyguide::coverage;
use studyguide::pipeline::{self, Options};

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Table,
    Json,
    Markdown,
}

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// A coverage.json from an earlier build (e.g. of the main branch): also show what changed.
    #[arg(long, value_name = "FILE.json")]
    baseline: Option<PathBuf>,
    /// The exam version to report on (its code, e.g. MLA-C02); the guide's default otherwise.
    #[arg(long, value_name = "CODE")]
    exam: Option<String>,
}

pub fn run(cli: &Cli, args: &Args) -> anyhow::Result<ExitCode> {
    // The report shows gaps itself; the gate only applies to check and build.
    let opts = Options {
        min_item_pages: Some(0),
        min_item_questions: Some(0),
        ..Options::default()
    };
    let outcome = pipeline::run(&cli.root, &opts);
    if outcome.has_errors() {
        return report(cli, &outcome);
    }
    let Some(default) = outcome.coverage else {
        return Ok(ExitCode::from(1));
    };
    let now = match &args.exam {
        None => default,
        Some(code) => {
            let mut all = std::iter::once(default).chain(outcome.exam_coverage);
            let codes: Vec<String> = all.clone().map(|c| c.exam).collect();
            match all.find(|c| c.exam == *code) {
                Some(c) => c,
                None => anyhow::bail!(
                    "the guide has no exam version `{code}`; it has {}",
                    codes.join(", ")
                ),
            }
        }
    };
    let change = match &args.baseline {
        None => None,
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the baseline {}", path.display()))?;
            let base: coverage::Coverage = serde_json::from_str(&text)
                .with_context(|| format!("cannot read the baseline {}", path.display()))?;
            Some(coverage::diff(&base, &now))
        }
    };
    let text = match args.format {
        Format::Table => coverage::table(&now, change.as_ref()),
        Format::Markdown => coverage::markdown(&now, change.as_ref()),
        Format::Json => now.to_json(),
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
