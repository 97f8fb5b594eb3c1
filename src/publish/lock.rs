//! One run at a time per output folder.
//!
//! The lock is an advisory file lock (`flock` on Unix, `LockFileEx` on Windows) on
//! `OUTPUT/.kabar.lock`, taken with the standard library's `File::try_lock`. The operating system
//! drops it when the process ends, however it ends, so a run killed with SIGKILL never leaves a
//! stale lock behind; the file itself stays and is reused. It holds the pid of the holder, for
//! the message a second run prints.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The lock file's name in the output folder.
pub const LOCK_FILE: &str = ".kabar.lock";

/// Why the lock could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another run holds it, and waiting did not help.
    #[error("{}: error: another kabar run{} holds the lock on this output folder{}", path.display(), holder.map(|p| format!(" (pid {p})")).unwrap_or_default(), if waited.as_secs() > 0 { format!("; waited {}s", waited.as_secs()) } else { String::new() })]
    Busy {
        /// The lock file.
        path: PathBuf,
        /// The pid written by the holder, when readable.
        holder: Option<u32>,
        /// How long this run waited.
        waited: Duration,
    },
    /// The lock file could not be opened or locked.
    #[error("{}: error: cannot lock: {source}", path.display())]
    Io {
        /// The lock file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

/// A held lock; dropping it releases the lock.
#[derive(Debug)]
pub struct Lock {
    file: File,
}

impl Lock {
    /// Takes the lock of an output folder (created when missing), waiting up to `wait`.
    pub fn acquire(dir: &Path, wait: Duration) -> Result<Lock, LockError> {
        let path = dir.join(LOCK_FILE);
        let io = |source| LockError::Io { path: path.clone(), source };
        std::fs::create_dir_all(dir).map_err(io)?;
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io)?;
        let started = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(TryLockError::WouldBlock) if started.elapsed() < wait => {
                    std::thread::sleep(Duration::from_millis(50).min(wait));
                }
                Err(TryLockError::WouldBlock) => {
                    let mut text = String::new();
                    let holder =
                        file.read_to_string(&mut text).ok().and_then(|_| text.trim().parse().ok());
                    return Err(LockError::Busy { path, holder, waited: started.elapsed() });
                }
                Err(TryLockError::Error(e)) => return Err(io(e)),
            }
        }
        // Best effort: the pid is only for the message of a run that finds the folder busy.
        let _ = file
            .set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| writeln!(file, "{}", std::process::id()));
        Ok(Lock { file })
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_waits_then_gives_up() {
        let dir = tempfile::tempdir().unwrap();
        let first = Lock::acquire(dir.path(), Duration::ZERO).unwrap();
        let started = Instant::now();
        let err = Lock::acquire(dir.path(), Duration::from_millis(200)).unwrap_err();
        assert!(started.elapsed() >= Duration::from_millis(200));
        let message = err.to_string();
        assert!(
            message.contains("another kabar run")
                && message.contains(&format!("pid {}", std::process::id())),
            "{message}"
        );
        drop(first);
        Lock::acquire(dir.path(), Duration::ZERO).expect("free again once dropped");
    }

    #[test]
    fn waiting_succeeds_when_the_holder_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let first = Lock::acquire(dir.path(), Duration::ZERO).unwrap();
        let releaser = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(100));
            drop(first);
        });
        Lock::acquire(dir.path(), Duration::from_secs(5)).expect("taken after the holder let go");
        releaser.join().unwrap();
    }
}
