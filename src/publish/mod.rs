//! Writing the output folder: the only module that does.
//!
//! Three things live here: atomic writes of the feed files (this file), the lock that keeps two
//! runs from interleaving ([`lock`]), and the state file that makes runs incremental ([`state`]).
//!
//! Every file is written to a temporary file in the same folder, flushed to disk, and renamed
//! over the old one, so a reader never sees half a feed. A file whose bytes would not change is
//! not rewritten at all, so its modification time stays and HTTP caches keep working. This module
//! deals in bytes and paths, never in articles.

pub mod lock;
pub mod state;

use std::io::Write;
use std::path::{Path, PathBuf};

pub use lock::{Lock, LockError};
pub use state::State;

/// Why the output could not be written.
#[derive(Debug, thiserror::Error)]
#[error("{}: error: cannot write: {source}", path.display())]
pub struct Error {
    /// The file or folder.
    pub path: PathBuf,
    /// What the file system said.
    pub source: std::io::Error,
}

/// What happened to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// New bytes were written.
    Written,
    /// The file already held these bytes and was left alone.
    Unchanged,
}

/// Publishes files into `dir` (created when missing): `(relative path, bytes)` pairs.
pub fn publish(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<Vec<(PathBuf, Outcome)>, Error> {
    let mut outcomes = Vec::with_capacity(files.len());
    for (name, bytes) in files {
        let path = dir.join(name);
        let outcome = write_atomic(&path, bytes)?;
        outcomes.push((path, outcome));
    }
    Ok(outcomes)
}

/// Replaces a file's contents atomically, unless it already holds exactly these bytes.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<Outcome, Error> {
    let fail = |p: &Path| {
        let p = p.to_path_buf();
        move |source| Error { path: p, source }
    };
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(Outcome::Unchanged);
    }
    let folder = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder).map_err(fail(folder))?;
    let mut file =
        tempfile::Builder::new().prefix(".kabar-").tempfile_in(folder).map_err(fail(folder))?;
    file.write_all(bytes).map_err(fail(path))?;
    file.as_file().sync_all().map_err(fail(path))?;
    set_readable(file.as_file()).map_err(fail(path))?;
    file.persist(path).map_err(|e| Error { path: path.to_path_buf(), source: e.error })?;
    Ok(Outcome::Written)
}

/// Writes a file atomically from a writer callback, without holding its bytes in memory (the
/// state file of a large archive is tens of megabytes). Always writes.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    let fail = |p: &Path| {
        let p = p.to_path_buf();
        move |source| Error { path: p, source }
    };
    let folder = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder).map_err(fail(folder))?;
    let file =
        tempfile::Builder::new().prefix(".kabar-").tempfile_in(folder).map_err(fail(folder))?;
    let mut buffered = std::io::BufWriter::with_capacity(1 << 16, file);
    write(&mut buffered).map_err(fail(path))?;
    let file = buffered
        .into_inner()
        .map_err(|e| Error { path: path.to_path_buf(), source: e.into_error() })?;
    file.as_file().sync_all().map_err(fail(path))?;
    set_readable(file.as_file()).map_err(fail(path))?;
    file.persist(path).map_err(|e| Error { path: path.to_path_buf(), source: e.error })?;
    Ok(())
}

/// Temporary files are created private (0600); a published feed is for everyone to read.
#[cfg(unix)]
fn set_readable(file: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_readable(_: &std::fs::File) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_then_leaves_identical_bytes_alone() {
        let dir = tempfile::tempdir().unwrap();
        let files = vec![("rss.xml".to_string(), b"<rss/>".to_vec())];
        let first = publish(&dir.path().join("out"), &files).unwrap();
        assert_eq!(first[0].1, Outcome::Written);
        let path = &first[0].0;
        let mtime = std::fs::metadata(path).unwrap().modified().unwrap();
        let second = publish(&dir.path().join("out"), &files).unwrap();
        assert_eq!(second[0].1, Outcome::Unchanged);
        assert_eq!(std::fs::metadata(path).unwrap().modified().unwrap(), mtime);
        let changed = vec![("rss.xml".to_string(), b"<rss></rss>".to_vec())];
        assert_eq!(publish(&dir.path().join("out"), &changed).unwrap()[0].1, Outcome::Written);
        assert_eq!(std::fs::read(path).unwrap(), b"<rss></rss>");
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path().join("out")).unwrap().count(), 1);
    }

    #[test]
    fn reports_the_path_it_cannot_write() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, b"x").unwrap();
        let err = write_atomic(&blocker.join("rss.xml"), b"x").unwrap_err();
        assert!(err.to_string().contains("file"), "{err}");
    }
}
