//! Carrying out a parsed command line: settings, the run, and what to tell the user.
//!
//! Output goes to the writers the binary passes in, so that tests can capture it and so that the
//! binary alone decides where it goes and which exit status ends the process. The one exception
//! is `build`'s progress bar, which indicatif draws on stderr itself, and only when stderr is a
//! terminal (`app/progress.rs`).

mod progress;

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::time::Duration;

use crate::cli::{BuildArgs, CheckArgs, Cli, Command, NormalizeArgs, ServeArgs};
use crate::config::{ConfigError, Settings};
use crate::run::{self, BuildOptions};
use crate::serve;

/// How a command ended, as the process exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Everything worked.
    Ok = 0,
    /// Some input was rejected (`normalize`, or `build --strict`), or the run failed.
    Failed = 1,
    /// The command line or the configuration cannot be used.
    Usage = 2,
    /// Another run holds the output folder's lock (EX_TEMPFAIL: try again later).
    Locked = 75,
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
    /// The server could not start, or failed.
    #[error(transparent)]
    Serve(#[from] serve::Error),
    /// Standard output or error could not be written.
    #[error("kabar: error: cannot write the output: {0}")]
    Output(#[from] io::Error),
}

/// Publishing errors name their file already; the others get kabar's name.
fn run_message(error: &run::Error) -> String {
    match error {
        run::Error::Publish(_) | run::Error::Locked(_) | run::Error::Check { .. } => {
            error.to_string()
        }
        other => format!("kabar: error: {other}"),
    }
}

impl Error {
    /// The exit status this error means.
    pub fn status(&self) -> Status {
        match self {
            Error::Config(_) => Status::Usage,
            Error::Run(run::Error::Locked(_)) => Status::Locked,
            Error::Run(_) | Error::Serve(_) | Error::Output(_) => Status::Failed,
        }
    }
}

/// Runs a command, writing results to `out` and messages to `err`.
pub fn execute(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> Result<Status, Error> {
    let result = match cli.command {
        Command::Build(args) => build(args, err),
        Command::Normalize(args) => normalize(args, out, err),
        Command::Check(args) => check(args, out),
        Command::Serve(args) => serve(args, err),
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
    let options = BuildOptions {
        strict: args.strict,
        dry_run: args.dry_run,
        wait: Duration::from_secs(args.wait),
        // The edge of the program reads the clock, once: it only ever dates a change of content.
        now: chrono::Utc::now().fixed_offset(),
        whole_run: false,
    };
    // A bar for someone watching: never in cron (no terminal) nor with --quiet.
    let report = if !args.quiet && io::stderr().is_terminal() {
        progress::with_bar(progress::delay(), |p| run::build(&settings, &options, p))?
    } else {
        run::build(&settings, &options, &())?
    };
    for rejection in &report.rejections {
        writeln!(err, "{rejection}")?;
    }
    if !args.quiet {
        if let Some(warning) = &report.state_warning {
            writeln!(err, "{warning}")?;
        }
        for warning in &report.warnings {
            writeln!(err, "{warning}")?;
        }
    }
    let held_back = report.held_back(&options);
    if !args.quiet {
        writeln!(err, "kabar: {}", report.summary(&options, &settings.output_dir))?;
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

fn check(args: CheckArgs, out: &mut dyn Write) -> Result<Status, Error> {
    let mut status = Status::Ok;
    for path in &args.files {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                writeln!(out, "{}: error: cannot read the file: {e}", path.display())?;
                status = Status::Failed;
                continue;
            }
        };
        let problems = crate::check::check(&bytes);
        for problem in &problems {
            let place = match problem.line {
                Some(line) => format!("{}:{line}", path.display()),
                None => path.display().to_string(),
            };
            writeln!(out, "{place}: {}: {problem}", problem.severity)?;
        }
        if problems.iter().any(crate::check::Problem::is_error) {
            status = Status::Failed;
        } else {
            let format = crate::check::detect(&bytes).map_or("feed".to_string(), |f| f.to_string());
            writeln!(out, "{}: ok: {format}", path.display())?;
        }
    }
    Ok(status)
}

/// Serves until Ctrl-C or SIGTERM; a clean stop is status 0.
fn serve(args: ServeArgs, err: &mut dyn Write) -> Result<Status, Error> {
    let settings = settings(args.config.as_deref())?;
    let options = serve::Options { addr: args.addr, rebuild_every: args.rebuild_every };
    serve::serve(settings, &options, err)?;
    Ok(Status::Ok)
}
