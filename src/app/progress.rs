//! The progress bar of `kabar build` on a terminal: indicatif, on stderr.
//!
//! The bar is made hidden and drawn only once the run has lasted [`DELAY`]: most runs (a rebuild
//! that finds nothing new) are over sooner, and a bar that flashes for a tenth of a second is
//! noise. It is cleared before the run's messages are printed, so that none is written across it.
//! Whether to show one at all (a terminal, no `--quiet`) is the caller's decision.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::run::Progress;

/// How long a run goes before its bar appears.
const DELAY: Duration = Duration::from_secs(1);

/// [`DELAY`], or for tests (so that a small build shows its bar) the milliseconds in
/// `KABAR_PROGRESS_DELAY_MS`, as the README says.
pub fn delay() -> Duration {
    std::env::var("KABAR_PROGRESS_DELAY_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(DELAY, Duration::from_millis)
}

/// How often the bar is redrawn when nothing is reported (listing files, rendering feeds), so
/// that the spinner and the elapsed time move.
const TICK: Duration = Duration::from_millis(100);

/// A build's [`Progress`], drawn by indicatif.
struct Bar {
    bar: ProgressBar,
    spinner: ProgressStyle,
    counter: ProgressStyle,
}

impl Bar {
    fn new() -> Bar {
        // Templates are constants: a unit test makes a Bar, so a bad one cannot ship.
        let style = |template| ProgressStyle::with_template(template).expect("a valid template");
        let spinner = style("{spinner} {msg} {elapsed}");
        let counter = style("{spinner} {msg} {human_pos}/{human_len} files [{bar:30}] {elapsed}");
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden())
            .with_style(spinner.clone())
            .with_message("listing the files");
        Bar { bar, spinner, counter }
    }

    /// Starts drawing, from where the run has got to.
    fn show(&self) {
        self.bar.set_draw_target(ProgressDrawTarget::stderr());
        self.bar.enable_steady_tick(TICK);
    }
}

impl Progress for Bar {
    fn found(&self, files: usize) {
        self.bar.set_length(files as u64);
        self.bar.set_style(self.counter.clone());
        self.bar.set_message("indexing");
    }

    fn indexed(&self) {
        // An atomic add; indicatif takes its lock only when a redraw is due.
        self.bar.inc(1);
    }

    fn rendering(&self) {
        self.bar.set_style(self.spinner.clone());
        self.bar.set_message("rendering the feeds");
    }
}

/// Runs `build` with a bar that appears once `delay` has passed (at once for zero), and is
/// cleared before this returns.
pub fn with_bar<T>(delay: Duration, build: impl FnOnce(&dyn Progress) -> T) -> T {
    let bar = Bar::new();
    if delay.is_zero() {
        bar.show();
    }
    let result = std::thread::scope(|scope| {
        let (done, finished) = mpsc::channel::<()>();
        if !delay.is_zero() {
            let bar = &bar;
            // Dropping `done` ends the wait early; the scope joins this thread before the bar
            // is cleared, so the bar is never shown after that.
            scope.spawn(move || {
                if finished.recv_timeout(delay) == Err(RecvTimeoutError::Timeout) {
                    bar.show();
                }
            });
        }
        let result = build(&bar);
        drop(done);
        result
    });
    bar.bar.finish_and_clear();
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The stages in the order `build` reports them, on a bar that is not drawn: the templates
    /// parse and the counter counts.
    #[test]
    fn counts_the_files_indexed() {
        let bar = Bar::new();
        bar.found(3);
        bar.indexed();
        bar.indexed();
        bar.rendering();
        assert_eq!((bar.bar.position(), bar.bar.length()), (2, Some(3)));
        assert!(bar.bar.is_hidden());
    }

    /// A run shorter than the delay returns what `build` gave as soon as it is over: the wait
    /// for the delay ends with the run.
    #[test]
    fn a_short_run_does_not_wait_for_the_delay() {
        let start = std::time::Instant::now();
        let files = with_bar(Duration::from_secs(3600), |progress| {
            progress.found(1);
            progress.indexed();
            1
        });
        assert_eq!(files, 1);
        assert!(start.elapsed() < Duration::from_secs(60));
    }
}
