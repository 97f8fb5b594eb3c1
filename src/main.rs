//! The `kabar` binary: parse the command line, run it, map the result to an exit status.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use kabar::app;
use kabar::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    // Not locked for the whole run: `serve` logs from other threads too.
    let mut err = std::io::stderr();
    let status = match app::execute(cli, &mut out, &mut err) {
        Ok(status) => status,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            e.status()
        }
    };
    ExitCode::from(status as u8)
}
