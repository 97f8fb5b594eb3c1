//! The files a walk found, kept for the whole run in about half the memory of an [`Origin`]
//! each.
//!
//! A build holds the listing from the walk to the last feed: a rebuild compares each file's size
//! and time with the state, the index refers to files by their place in it, and the items a feed
//! shows are read again from it. As a `Vec<(Format, Origin)>` that was 64 bytes a file and a
//! path of its own (its folder spelled out every time, and the allocator's rounding): about 145
//! bytes a file, a third of a 300,000-article build's peak. Here each folder's path is kept
//! once, the file names end to end in one buffer, and the rest in 32 bytes; an [`Origin`] is
//! made again only for a file that is read. The walk builds it so from the start, a folder at a
//! time, and sorts it once merged: a whole list of origins, merged from every folder, was the
//! peak of a rebuild with nothing to do.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::{Format, Origin};

/// Article files sorted by the bytes of their paths, each with its format, size and time.
#[derive(Debug, Default)]
pub struct Listing {
    /// Each folder's path with its trailing separator, and where a relative path starts in the
    /// paths of its files.
    folders: Vec<(Box<[u8]>, u32)>,
    /// Every file's name, end to end.
    names: Vec<u8>,
    files: Vec<Listed>,
}

#[derive(Debug, Clone, Copy)]
struct Listed {
    size: u64,
    /// Seconds since the Unix epoch (negative before it).
    seconds: i64,
    /// The nanoseconds past `seconds`; `NO_TIME` when the file system gave no time.
    nanos: u32,
    folder: u32,
    name: u32,
    name_len: u16,
    format: Format,
}

const NO_TIME: u32 = u32::MAX;

impl Listing {
    /// Adds a file at the end.
    pub(super) fn push(&mut self, format: Format, origin: &Origin) {
        let bytes = bytes_of(&origin.path);
        let cut = bytes.iter().rposition(|&b| b == b'/').map_or(0, |at| at + 1);
        let (folder, name) = bytes.split_at(cut);
        // A file name is at most 255 bytes on the file systems kabar runs on; a longer one is
        // kept whole in its "folder", which then holds it alone.
        let (folder, name) =
            if name.len() > usize::from(u16::MAX) { (&bytes[..], &[][..]) } else { (folder, name) };
        // The files of one folder come together from the walk.
        let same = |(path, rel_start): &(Box<[u8]>, u32)| {
            **path == *folder && *rel_start == origin.rel_start
        };
        if !self.folders.last().is_some_and(same) {
            self.folders.push((folder.into(), origin.rel_start));
        }
        let (seconds, nanos) = split_time(origin.modified);
        self.files.push(Listed {
            size: origin.size,
            seconds,
            nanos,
            folder: u32::try_from(self.folders.len() - 1).expect("under 4 billion folders"),
            name: u32::try_from(self.names.len()).expect("under 4 GiB of file names"),
            name_len: name.len() as u16,
            format,
        });
        self.names.extend_from_slice(name);
    }

    /// Adds the files of `other` at the end.
    pub(super) fn append(&mut self, other: Listing) {
        let folders = u32::try_from(self.folders.len()).expect("under 4 billion folders");
        let names = u32::try_from(self.names.len()).expect("under 4 GiB of file names");
        self.folders.extend(other.folders);
        self.names.extend(other.names);
        self.files.extend(other.files.into_iter().map(|f| Listed {
            folder: f.folder + folders,
            name: f.name + names,
            ..f
        }));
    }

    /// Sorts the files by the bytes of their paths, and gives back the room merging left.
    pub(super) fn sort(&mut self) {
        let Listing { folders, names, files } = self;
        let parts = |f: &Listed| (&*folders[f.folder as usize].0, name_in(names, f));
        files.sort_unstable_by(|a, b| {
            if a.folder == b.folder {
                parts(a).1.cmp(parts(b).1)
            } else {
                cmp_split(parts(a), parts(b))
            }
        });
        files.shrink_to_fit();
        names.shrink_to_fit();
        folders.shrink_to_fit();
    }

    /// How many files it holds.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The `i`th file's format and origin, made for reading it.
    pub fn get(&self, i: usize) -> (Format, Origin) {
        let file = &self.files[i];
        let (folder, name) = self.parts(i);
        let origin = Origin {
            path: path_of([folder, name].concat()),
            rel_start: self.folders[file.folder as usize].1,
            modified: join_time(file.seconds, file.nanos),
            size: file.size,
        };
        (file.format, origin)
    }

    /// Every file, made one at a time.
    pub fn iter(&self) -> impl Iterator<Item = (Format, Origin)> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// The `i`th file's path.
    pub fn path(&self, i: usize) -> PathBuf {
        self.get(i).1.path
    }

    /// The `i`th file's size and modification time, as listed.
    pub fn stat(&self, i: usize) -> (u64, Option<SystemTime>) {
        let file = &self.files[i];
        (file.size, join_time(file.seconds, file.nanos))
    }

    /// The `i`th file's path as text: what the state file knows it by.
    pub fn key(&self, i: usize) -> String {
        let (folder, name) = self.parts(i);
        match (std::str::from_utf8(folder), std::str::from_utf8(name)) {
            (Ok(folder), Ok(name)) => [folder, name].concat(),
            _ => String::from_utf8_lossy(&[folder, name].concat()).into_owned(),
        }
    }

    /// How the `i`th file's [`key`](Self::key) sorts against `key`, without making it.
    pub fn cmp_key(&self, i: usize, key: &str) -> Ordering {
        let (folder, name) = self.parts(i);
        if std::str::from_utf8(folder).is_ok() && std::str::from_utf8(name).is_ok() {
            cmp_joined(folder, name, key.as_bytes())
        } else {
            self.key(i).as_str().cmp(key)
        }
    }

    /// The place of the file whose [`key`](Self::key) is `key`.
    pub fn position(&self, key: &str) -> Option<usize> {
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let middle = low + (high - low) / 2;
            match self.cmp_key(middle, key) {
                Ordering::Less => low = middle + 1,
                Ordering::Greater => high = middle,
                Ordering::Equal => return Some(middle),
            }
        }
        None
    }

    /// Whether `id` is the id an article of the `i`th file gets from its path alone: the path
    /// relative to its input folder, with `#N` after it for the `N`th article of a file of
    /// several (`normalize/identity.rs`). The index keeps no copy of such an id.
    pub fn is_path_id(&self, i: usize, part: Option<usize>, id: &str) -> bool {
        let Some((folder, name)) = self.relative(i) else { return false };
        let id = id.as_bytes();
        let Some(rest) = id.strip_prefix(folder).and_then(|rest| rest.strip_prefix(name)) else {
            return false;
        };
        match part {
            None => rest.is_empty(),
            Some(n) => rest.strip_prefix(b"#").is_some_and(|digits| {
                let mut buffer = itoa::Buffer::new();
                digits == buffer.format(n).as_bytes()
            }),
        }
    }

    /// The id an article of the `i`th file gets from its path alone, as [`is_path_id`]
    /// (Self::is_path_id) checks it, handed to `take` in pieces.
    pub fn path_id<R>(&self, i: usize, part: Option<usize>, take: impl FnOnce(&[&[u8]]) -> R) -> R {
        let (folder, name) = self.relative(i).unwrap_or_default();
        let mut buffer = itoa::Buffer::new();
        match part {
            None => take(&[folder, name]),
            Some(n) => take(&[folder, name, b"#", buffer.format(n).as_bytes()]),
        }
    }

    /// The `i`th file's path relative to its input folder, in two pieces, where `/` is what
    /// separates folders. Not checked to be text: only an id, which is text, is compared with it,
    /// and only the pieces of an id found equal are made into one again.
    fn relative(&self, i: usize) -> Option<(&[u8], &[u8])> {
        let (folder, name) = self.parts(i);
        let start = self.folders[self.files[i].folder as usize].1 as usize;
        let (folder, name) = match start.checked_sub(folder.len()) {
            None => (&folder[start..], name),
            Some(into_name) => (&[][..], name.get(into_name..)?),
        };
        (std::path::MAIN_SEPARATOR == '/').then_some((folder, name))
    }

    fn parts(&self, i: usize) -> (&[u8], &[u8]) {
        let file = &self.files[i];
        (&self.folders[file.folder as usize].0, name_in(&self.names, file))
    }
}

#[cfg(test)]
impl Listing {
    /// A listing of Markdown files `names` (in sort order) under the input folder `root`, for
    /// the tests of other stages.
    pub fn of(root: &str, names: &[&str]) -> Listing {
        let mut listing = Listing::default();
        for name in names {
            let path = std::path::Path::new(root).join(name);
            listing.push(Format::Markdown, &Origin::new(root.as_ref(), path, None, 0));
        }
        listing
    }
}

/// A file's name, out of the names end to end.
fn name_in<'a>(names: &'a [u8], file: &Listed) -> &'a [u8] {
    let start = file.name as usize;
    &names[start..start + usize::from(file.name_len)]
}

/// How `a0` followed by `a1` sorts against `b0` followed by `b1`.
fn cmp_split((a0, a1): (&[u8], &[u8]), (b0, b1): (&[u8], &[u8])) -> Ordering {
    match b0.split_at_checked(a0.len()) {
        Some((head, rest)) => a0.cmp(head).then_with(|| cmp_joined(rest, b1, a1).reverse()),
        None => cmp_split((b0, b1), (a0, a1)).reverse(),
    }
}

/// How `a` followed by `b` sorts against `c`.
fn cmp_joined(a: &[u8], b: &[u8], c: &[u8]) -> Ordering {
    match c.split_at_checked(a.len()) {
        Some((head, tail)) => a.cmp(head).then_with(|| b.cmp(tail)),
        // `c` ends inside `a`.
        None => a[..c.len()].cmp(c).then(Ordering::Greater),
    }
}

#[cfg(unix)]
fn bytes_of(path: &std::path::Path) -> Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    Cow::Borrowed(path.as_os_str().as_bytes())
}

#[cfg(unix)]
fn path_of(bytes: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

// Elsewhere paths are kept as their text; a path that is no text loses what is not.
#[cfg(not(unix))]
fn bytes_of(path: &std::path::Path) -> Cow<'_, [u8]> {
    match path.to_string_lossy() {
        Cow::Borrowed(text) => Cow::Borrowed(text.as_bytes()),
        Cow::Owned(text) => Cow::Owned(text.into_bytes()),
    }
}

#[cfg(not(unix))]
fn path_of(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
}

fn split_time(time: Option<SystemTime>) -> (i64, u32) {
    let Some(time) = time else { return (0, NO_TIME) };
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => (i64::try_from(after.as_secs()).unwrap_or(i64::MAX), after.subsec_nanos()),
        Err(before) => {
            let before = before.duration();
            let seconds = i64::try_from(before.as_secs()).unwrap_or(i64::MAX);
            match before.subsec_nanos() {
                0 => (-seconds, 0),
                nanos => (-seconds - 1, 1_000_000_000 - nanos),
            }
        }
    }
}

fn join_time(seconds: i64, nanos: u32) -> Option<SystemTime> {
    if nanos == NO_TIME {
        return None;
    }
    let whole = Duration::from_secs(seconds.unsigned_abs());
    let at = if seconds >= 0 { UNIX_EPOCH + whole } else { UNIX_EPOCH - whole };
    Some(at + Duration::from_nanos(u64::from(nanos)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn origin(root: &str, path: &str, modified: Option<SystemTime>, size: u64) -> Origin {
        Origin::new(Path::new(root), PathBuf::from(path), modified, size)
    }

    fn listing(files: &[(Format, Origin)]) -> Listing {
        let mut listing = Listing::default();
        files.iter().for_each(|(format, origin)| listing.push(*format, origin));
        listing
    }

    #[test]
    fn gives_back_what_it_was_given() {
        let at = UNIX_EPOCH + Duration::new(1_700_000_000, 123_456_789);
        let files = vec![
            (Format::Text, origin("arsip", "arsip/2016/12/a.txt", Some(at), 10)),
            (Format::Markdown, origin("arsip", "arsip/2016/12/b.md", None, 20)),
            (Format::JsonLines, origin("arsip", "arsip/2017/c.jsonl", Some(UNIX_EPOCH), 30)),
            (Format::Html, origin("halaman.html", "halaman.html", Some(at), 40)),
        ];
        let listing = listing(&files);
        assert_eq!(listing.len(), 4);
        // Two files of one folder share its path.
        assert_eq!(listing.folders.len(), 3);
        for (i, (format, origin)) in files.iter().enumerate() {
            let (f, o) = listing.get(i);
            assert_eq!(
                (f, &o.path, o.rel_path(), o.modified, o.size),
                (*format, &origin.path, origin.rel_path(), origin.modified, origin.size)
            );
            assert_eq!(listing.key(i), origin.path.to_str().unwrap());
            assert_eq!(listing.stat(i), (origin.size, origin.modified));
        }
    }

    #[test]
    fn sorts_pieces_merged_in_any_order_as_their_paths_sort() {
        let paths = ["a", "a-b.txt", "a/b.txt", "a/b/c.txt", "a/b/d.txt", "a/b0.txt", "ab/x", "b"];
        // As the walk gives them: each folder's files together, folders in any order.
        let pieces = [
            vec!["a/b/d.txt", "a/b/c.txt"],
            vec!["b", "a", "a-b.txt"],
            vec!["ab/x"],
            vec!["a/b0.txt", "a/b.txt"],
        ];
        let mut merged = Listing::default();
        for piece in pieces {
            let files: Vec<_> =
                piece.iter().map(|p| (Format::Text, origin("", p, None, 0))).collect();
            merged.append(listing(&files));
        }
        merged.sort();
        let keys: Vec<String> = (0..merged.len()).map(|i| merged.key(i)).collect();
        assert_eq!(keys, paths);
    }

    #[test]
    fn times_before_the_epoch_and_none_survive() {
        for time in [
            None,
            Some(UNIX_EPOCH),
            Some(UNIX_EPOCH - Duration::new(5, 250)),
            Some(UNIX_EPOCH - Duration::new(5, 0)),
            Some(UNIX_EPOCH + Duration::new(2_000_000_000, 999_999_999)),
        ] {
            let (seconds, nanos) = split_time(time);
            assert_eq!(join_time(seconds, nanos), time);
        }
    }

    #[test]
    fn a_path_id_is_the_path_under_the_input_folder_and_the_part() {
        let files = [
            (Format::Text, origin("arsip", "arsip/2016/12/a.txt", None, 1)),
            (Format::JsonLines, origin("arsip", "arsip/ekspor.jsonl", None, 1)),
            (Format::Markdown, origin("satu.md", "satu.md", None, 1)),
        ];
        let listing = listing(&files);
        let cases = [
            (0, None, "2016/12/a.txt", true),
            (0, None, "arsip/2016/12/a.txt", false),
            (0, None, "2016/12/a.tx", false),
            (0, Some(2), "2016/12/a.txt", false),
            (1, Some(12), "ekspor.jsonl#12", true),
            (1, Some(12), "ekspor.jsonl#1", false),
            (1, Some(12), "ekspor.jsonl#012", false),
            (1, None, "ekspor.jsonl#12", false),
            // A single file named as input: its name.
            (2, None, "satu.md", true),
        ];
        for (i, part, id, expected) in cases {
            assert_eq!(listing.is_path_id(i, part, id), expected, "{i} {part:?} {id}");
            if expected {
                let made = listing.path_id(i, part, |pieces| pieces.concat());
                assert_eq!(made, id.as_bytes());
            }
        }
    }

    #[test]
    fn a_key_sorts_as_the_whole_path_would() {
        // Sorted, as a walk gives them: a folder's files are not all together.
        let paths = ["a", "a-b.txt", "a/b.txt", "a/b/c.txt", "a/b0.txt", "ab/", "b"];
        let files: Vec<_> = paths.iter().map(|p| (Format::Text, origin("", p, None, 0))).collect();
        let listing = listing(&files);
        for (i, path) in paths.iter().enumerate() {
            for other in paths.iter().chain(&["", "a/", "a/b", "a/b.txt0", "zz"]) {
                assert_eq!(listing.cmp_key(i, other), path.cmp(other), "{path} against {other}");
            }
            assert_eq!(listing.position(path), Some(i));
            assert_eq!(listing.position(&format!("{path}~")), None);
        }
    }
}
