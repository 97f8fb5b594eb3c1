//! Carrying out a parsed command line: settings, the run, and what to tell the user.
//!
//! Output goes to the writers the binary passes in, so that tests can capture it and so that the
//! binary alone decides where it goes and which exit status ends the process.

use std::io::{self, Write};
use std::path::Path;

use crate::cli::{BuildArgs, Cli, Command, NormalizeArgs};
use crate::config::{ConfigError, Settings};
use crate::publish::Outcome;
use crate::run::{self, BuildOptions};

/// How a command ended, as the process exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Everything worked.
    Ok = 0,
    /// Some input was rejected (`normalize`, or `build --strict`), or the run failed.
    Failed = 1,
    /// The command line or the configuration cannot be used.
    Usage = 2,
}

/// Why a command could not run at all.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The configuration is unusable.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The run failed.
    #[error("{}", run_message(.0))]
    Run(#[from] run::Error),
    /// Standard output or error could not be written.
    #[error("kabar: error: cannot write the output: {0}")]
    Output(#[from] io::Error),
}

/// Publishing errors name their file already; the others get kabar's name.
fn run_message(error: &run::Error) -> String {
    match error {
        run::Error::Publish(e) => e.to_string(),
        other => format!("kabar: error: {other}"),
    }
}

impl Error {
    /// The exit status this error means.
    pub fn status(&self) -> Status {
        match self {
            Error::Config(_) => Status::Usage,
            Error::Run(_) | Error::Output(_) => Status::Failed,
        }
    }
}

/// Runs a command, writing results to `out` and messages to `err`.
pub fn execute(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> Result<Status, Error> {
    let result = match cli.command {
        Command::Build(args) => build(args, err),
        Command::Normalize(args) => normalize(args, out, err),
    };
    match result {
        // A reader that stopped reading (`kabar normalize … | head`) is not an error.
        Err(Error::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => Ok(Status::Ok),
        other => other,
    }
}

/// The settings from `--config`, else ./config.toml when present, else the defaults.
fn settings(config: Option<&Path>) -> Result<Settings, Error> {
    match config {
        Some(path) => Ok(Settings::load(path)?),
        None if Path::new("config.toml").is_file() => Ok(Settings::load(Path::new("config.toml"))?),
        None => Ok(Settings::defaults()),
    }
}

fn build(args: BuildArgs, err: &mut dyn Write) -> Result<Status, Error> {
    let mut settings = settings(args.config.as_deref())?;
    if !args.inputs.is_empty() {
        settings.input_dirs = args.inputs.clone();
    }
    if let Some(output) = &args.output {
        settings.output_dir = output.clone();
    }
    let options = BuildOptions { strict: args.strict };
    let report = run::build(&settings, &options)?;
    for rejection in &report.rejections {
        writeln!(err, "{rejection}")?;
    }
    if !args.quiet {
        for warning in &report.warnings {
            writeln!(err, "{warning}")?;
        }
    }
    let held_back = report.held_back(&options);
    if !args.quiet {
        let written = report.published.iter().filter(|(_, o)| *o == Outcome::Written).count();
        let feeds = if held_back {
            "no feeds written (--strict)".to_string()
        } else {
            format!(
                "{} feeds written to {} ({written} changed)",
                report.published.len(),
                settings.output_dir.display()
            )
        };
        writeln!(
            err,
            "kabar: {} files seen, {} skipped, {} articles accepted, {} rejected; {feeds}",
            report.files,
            report.skipped,
            report.accepted,
            report.rejections.len()
        )?;
    }
    Ok(if held_back { Status::Failed } else { Status::Ok })
}

fn normalize(
    args: NormalizeArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Status, Error> {
    let settings = settings(args.config.as_deref())?;
    let normalized = run::normalize_paths(&settings, &args.paths);
    for rejection in &normalized.rejections {
        writeln!(err, "{rejection}")?;
    }
    serde_json::to_writer_pretty(&mut *out, &normalized.articles).map_err(io::Error::from)?;
    writeln!(out)?;
    out.flush()?;
    Ok(if normalized.rejections.is_empty() { Status::Ok } else { Status::Failed })
}
