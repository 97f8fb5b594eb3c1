//! Writing the output folder: the only module that does.
//!
//! Three things live here: atomic writes of the feed files (this file), the lock that keeps two
//! runs from interleaving ([`lock`]), and the state file that makes runs incremental ([`state`]).
//!
//! Every file is written to a temporary file in the same folder, flushed to disk, and renamed
//! over the old one, so a reader never sees half a feed. A file whose bytes would not change is
//! not rewritten at all, so its modification time stays and HTTP caches keep working. This module
//! deals in bytes and paths, never in articles.
//!
//! Feeds that are gone (a category without articles any more) are removed here too, and with
//! care, since the output folder may be a web server's document root holding other things: only
//! in folders that the state file says kabar published to ([`stale_files`]), only files of the
//! names kabar writes there, only regular files in real folders plainly inside the output folder
//! (no `..`, no symbolic links), and then each folder left empty. Nothing is ever removed
//! recursively.

pub mod lock;
pub mod state;

use std::io::Write;
use std::path::{Component, Path, PathBuf};

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
    /// The file belonged to a feed that is gone, and was removed.
    Removed,
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

/// The published files `names` (relative to `dir`) as they are now, for the state: the next run
/// renders nothing when they are still so ([`intact`]).
pub fn outputs<'a>(
    dir: &Path,
    names: impl Iterator<Item = &'a str>,
) -> Result<Vec<state::Output>, Error> {
    names
        .map(|name| {
            let path = dir.join(name);
            // As `intact` will look at it: the file itself, not what a link points to.
            let metadata =
                std::fs::symlink_metadata(&path).map_err(|source| Error { path, source })?;
            Ok(state::Output {
                name: name.to_string(),
                size: metadata.len(),
                modified_ns: nanos(metadata.modified().ok()),
            })
        })
        .collect()
}

/// Every one of `outputs` is still a file of the size and modification time it had: nobody
/// edited, replaced or removed a published file since.
pub fn intact(dir: &Path, outputs: &[state::Output]) -> bool {
    outputs.iter().all(|output| {
        std::fs::symlink_metadata(dir.join(&output.name)).is_ok_and(|m| {
            m.is_file() && m.len() == output.size && nanos(m.modified().ok()) == output.modified_ns
        })
    })
}

/// A time as nanoseconds since the Unix epoch (0 when unknown or before it), as the state holds
/// times.
pub fn nanos(time: Option<std::time::SystemTime>) -> i64 {
    time.and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

/// The files that a run published in `folders` (relative to `dir`, such as `categories/ekonomi/`)
/// and that are still there: each of `names` that is a regular file. A folder that is not plainly
/// inside `dir` (absolute, empty, with `.` or `..`) or that is reached through a symbolic link is
/// passed over: the state file that names the folders is data, and must not lead a run to
/// remove anything outside the output folder.
pub fn stale_files<'a>(
    dir: &Path,
    folders: impl IntoIterator<Item = &'a str>,
    names: &[&str],
) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for folder in folders {
        let relative = Path::new(folder);
        let plain = relative.components().all(|c| matches!(c, Component::Normal(_)));
        if !plain || relative.as_os_str().is_empty() {
            continue;
        }
        // Every folder on the way must be a folder, not a link to one.
        let mut path = dir.to_path_buf();
        let real = relative.components().all(|c| {
            path.push(c);
            std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir())
        });
        if !real {
            continue;
        }
        for name in names {
            let file = path.join(name);
            if std::fs::symlink_metadata(&file).is_ok_and(|m| m.is_file()) {
                files.push(file);
            }
        }
    }
    files
}

/// Removes files that [`stale_files`] found, then each folder they leave empty, up to `dir`
/// (which stays). A file already gone is not an error.
pub fn remove(dir: &Path, files: &[PathBuf]) -> Result<Vec<(PathBuf, Outcome)>, Error> {
    let mut outcomes = Vec::with_capacity(files.len());
    for file in files {
        match std::fs::remove_file(file) {
            Ok(()) => outcomes.push((file.clone(), Outcome::Removed)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(Error { path: file.clone(), source }),
        }
    }
    for file in files {
        // `remove_dir` removes only an empty folder: one that holds anything else stays, and so
        // do the folders above it.
        let mut folder = file.parent();
        while let Some(f) = folder.filter(|f| f.starts_with(dir) && *f != dir) {
            if std::fs::remove_dir(f).is_err() {
                break;
            }
            folder = f.parent();
        }
    }
    Ok(outcomes)
}

/// Replaces a file's contents atomically, unless it already holds exactly these bytes.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<Outcome, Error> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(Outcome::Unchanged);
    }
    let mut file = AtomicFile::create(path)?;
    file.write_all(bytes).map_err(|source| Error { path: path.to_path_buf(), source })?;
    file.commit()?;
    Ok(Outcome::Written)
}

/// A file being written beside the one it replaces, under a temporary name, and put in its
/// place whole by [`commit`](Self::commit): a reader sees the old file or the new one, never a
/// part. Dropped without a commit, it is removed, and the old file is left as it was.
pub struct AtomicFile {
    path: PathBuf,
    out: std::io::BufWriter<tempfile::NamedTempFile>,
}

impl AtomicFile {
    /// Starts a file that will replace `path`, creating its folder if need be.
    pub fn create(path: &Path) -> Result<AtomicFile, Error> {
        let folder = path.parent().unwrap_or(Path::new("."));
        let fail = |source| Error { path: folder.to_path_buf(), source };
        std::fs::create_dir_all(folder).map_err(fail)?;
        let file = tempfile::Builder::new().prefix(".kabar-").tempfile_in(folder).map_err(fail)?;
        let out = std::io::BufWriter::with_capacity(1 << 16, file);
        Ok(AtomicFile { path: path.to_path_buf(), out })
    }

    /// The file it will replace.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Puts the file in place, on disk before its name is.
    pub fn commit(self) -> Result<(), Error> {
        let AtomicFile { path, out } = self;
        let fail = |source| Error { path: path.clone(), source };
        let file = out.into_inner().map_err(|e| fail(e.into_error()))?;
        file.as_file().sync_all().map_err(fail)?;
        set_readable(file.as_file()).map_err(fail)?;
        file.persist(&path).map_err(|e| fail(e.error))?;
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.out.write(bytes)
    }
    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.out.write_all(bytes)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
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

    const NAMES: [&str; 3] = ["rss.xml", "atom.xml", "feed.json"];

    #[test]
    fn removes_only_the_named_files_of_recorded_folders_and_folders_left_empty() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let files = [
            "categories/a/rss.xml",
            "categories/a/atom.xml",
            "categories/a/feed.json",
            "categories/b/rss.xml",
            "categories/b/notes.txt",
            "categories/c/rss.xml",
        ];
        for file in files {
            write_atomic(&out.join(file), b"x").unwrap();
        }
        let stale = stale_files(&out, ["categories/a/", "categories/b/", "categories/x/"], &NAMES);
        let expected: Vec<PathBuf> = ["categories/a/rss.xml", "categories/a/atom.xml"]
            .iter()
            .chain(&["categories/a/feed.json", "categories/b/rss.xml"])
            .map(|f| out.join(f))
            .collect();
        assert_eq!(stale, expected);
        let removed = remove(&out, &stale).unwrap();
        assert!(removed.iter().all(|(_, o)| *o == Outcome::Removed) && removed.len() == 4);
        // `a/` was left empty and is gone; `b/` holds a file kabar did not write; `c/` was
        // not named.
        assert!(!out.join("categories/a").exists());
        assert!(out.join("categories/b/notes.txt").is_file());
        assert!(!out.join("categories/b/rss.xml").exists());
        assert!(out.join("categories/c/rss.xml").is_file());
        // Removing again finds nothing, and is no error.
        assert_eq!(remove(&out, &stale).unwrap(), vec![]);
    }

    #[test]
    fn a_state_file_cannot_lead_outside_the_output_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let outside = dir.path().join("outside");
        write_atomic(&outside.join("rss.xml"), b"keep").unwrap();
        write_atomic(&out.join("rss.xml"), b"main").unwrap();
        let absolute = format!("{}/", outside.display());
        let folders = ["../outside/", absolute.as_str(), "", "./", "categories/../../outside/"];
        assert_eq!(stale_files(&out, folders, &NAMES), Vec::<PathBuf>::new());
        #[cfg(unix)]
        {
            std::fs::create_dir_all(out.join("categories")).unwrap();
            std::os::unix::fs::symlink(&outside, out.join("categories/link")).unwrap();
            assert_eq!(stale_files(&out, ["categories/link/"], &NAMES), Vec::<PathBuf>::new());
            // A link in place of a feed file is not a file kabar wrote.
            std::fs::create_dir_all(out.join("sources/a")).unwrap();
            std::os::unix::fs::symlink(outside.join("rss.xml"), out.join("sources/a/rss.xml"))
                .unwrap();
            assert_eq!(stale_files(&out, ["sources/a/"], &NAMES), Vec::<PathBuf>::new());
        }
        assert_eq!(std::fs::read(outside.join("rss.xml")).unwrap(), b"keep");
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
