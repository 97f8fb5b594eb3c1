//! The command line: clap's types, and nothing else imports clap.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

/// kabar turns a folder of articles (txt, md, json, jsonl) into RSS 2.0, Atom and JSON Feed files.
#[derive(Debug, Parser)]
#[command(name = "kabar", version, about, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read the articles and write rss.xml, atom.xml and feed.json into the output folder.
    Build(BuildArgs),
    /// Print the normalized articles of files or folders as a JSON array.
    Normalize(NormalizeArgs),
    /// Check RSS 2.0, Atom and JSON Feed files: one line per problem, exit 1 on any error.
    Check(CheckArgs),
    /// Serve the output folder over HTTP to feed apps, optionally rebuilding it on a timer.
    Serve(ServeArgs),
}

/// Options of `kabar build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The configuration file [default: ./config.toml when present]
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// A folder of articles, instead of `[input] dirs` (repeat for several)
    #[arg(long = "input", value_name = "DIR")]
    pub inputs: Vec<PathBuf>,
    /// The folder to write the feeds to, instead of `[output] dir`
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Publish nothing and exit 1 when any input is rejected
    #[arg(long)]
    pub strict: bool,
    /// Print errors only: no warnings, no summary
    #[arg(long, short)]
    pub quiet: bool,
    /// Say what would change, and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Wait up to SECONDS for another run on the same output folder to finish [default: 0]
    #[arg(long, value_name = "SECONDS", default_value_t = 0)]
    pub wait: u64,
}

/// Options of `kabar check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Feed files (RSS 2.0, Atom 1.0 or JSON Feed 1.1)
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

/// Options of `kabar normalize`.
#[derive(Debug, Args)]
pub struct NormalizeArgs {
    /// The configuration file [default: ./config.toml when present]
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Article files or folders
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// Options of `kabar serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The configuration file [default: ./config.toml when present]
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The address to listen on; port 0 picks a free one, named in the start line
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Rebuild the feeds every DURATION (30s, 5m, 1h), locked and atomic like `kabar build`
    #[arg(long, value_name = "DURATION", value_parser = duration)]
    pub rebuild_every: Option<Duration>,
}

/// A period such as `30s`, `5m`, `1h 30m`; zero is refused.
fn duration(text: &str) -> Result<Duration, String> {
    match humantime::parse_duration(text) {
        Ok(d) if d.is_zero() => Err(format!("`{text}` is zero; expected a period such as 30s")),
        Ok(d) => Ok(d),
        Err(e) => Err(format!("`{text}`: {e}; expected a period such as 30s, 5m or 1h")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        let cases: &[(&str, Option<u64>)] = &[
            ("30s", Some(30)),
            ("5m", Some(300)),
            ("1h", Some(3600)),
            ("1h 30m", Some(5400)),
            ("1s", Some(1)),
            ("0s", None),
            ("30", None),
            ("soon", None),
            ("-5s", None),
        ];
        for (text, expected) in cases {
            assert_eq!(duration(text).ok().map(|d| d.as_secs()), *expected, "{text}");
        }
    }
}
