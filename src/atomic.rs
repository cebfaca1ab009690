//! Writing the files permaudit produces (reports, baselines, imported policies, `init` output)
//! without ever destroying what the path names.
//!
//! What a write does depends on what the path is, the way a shell's `>` would treat it, except
//! that a regular file is replaced atomically:
//! - `-` is standard output.
//! - A path that names (directly or through symbolic links) the file or pipe standard output or
//!   standard error already writes to (`/dev/stdout`, `/dev/stderr`, `/proc/self/fd/1`) is
//!   written through that stream, so the report lands where the stream goes.
//! - A regular file, or a path that does not exist yet, is replaced atomically: the bytes go to
//!   a temporary file in the same folder, are flushed to disk, take the old file's permissions
//!   (and owner, where permitted), and are renamed over it. A crash, a full disk or a kill never
//!   leaves a half-written report.
//! - A symbolic link is written through, never replaced: the file it finally points to is what
//!   gets replaced (atomically, in that file's own folder), so `report.json -> out/report.json`
//!   stays a link. A link to nothing is refused: creating a file wherever a dangling link
//!   points is a surprise nobody asked for.
//! - Anything else that is not a folder (a character or block device such as `/dev/null`, a
//!   FIFO, a socket) is opened and written in place. Renaming over one would replace the node
//!   itself: as root, `--output json=/dev/null` once replaced the system's `/dev/null`.
//!
//! A rename is never done over anything that is not a regular file.

use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` as described in the module documentation. On error a regular
/// target is untouched and the temporary file is removed.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if path.as_os_str() == "-" {
        return write_stream(Stream::Stdout, bytes);
    }
    let link = fs::symlink_metadata(path).ok();
    let target = match fs::metadata(path) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    match (link, target) {
        // Nothing there: a new regular file.
        (None, _) => replace(path, bytes, None),
        (Some(link), None) => {
            debug_assert!(link.file_type().is_symlink());
            Err(io::Error::new(
                io::ErrorKind::NotFound,
                "is a symbolic link to a file that does not exist; refusing to create a file \
                 where it points (write to the real path instead)",
            ))
        }
        (Some(_), Some(meta)) if meta.is_dir() => Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "is a directory; expected a file path",
        )),
        (Some(link), Some(meta)) => {
            if let Some(stream) = open_stream(&meta) {
                return write_stream(stream, bytes);
            }
            if !meta.is_file() {
                // Devices, FIFOs, sockets: write in place, never rename over them.
                let mut file = OpenOptions::new().write(true).open(path)?;
                return file.write_all(bytes).and_then(|()| file.flush());
            }
            if link.file_type().is_symlink() {
                // Replace the file the link points to, in its own folder, so the link stays.
                let real = fs::canonicalize(path)?;
                replace(&real, bytes, Some(&meta))
            } else {
                replace(path, bytes, Some(&meta))
            }
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Stream {
    Stdout,
    Stderr,
}

fn write_stream(stream: Stream, bytes: &[u8]) -> io::Result<()> {
    match stream {
        Stream::Stdout => {
            let mut out = io::stdout().lock();
            out.write_all(bytes).and_then(|()| out.flush())
        }
        Stream::Stderr => {
            let mut err = io::stderr().lock();
            err.write_all(bytes).and_then(|()| err.flush())
        }
    }
}

/// The standard stream already writing to the file `meta` describes, if any: replacing that
/// file would leave the stream writing to an unlinked inode, and writing it through a second
/// descriptor would interleave at the wrong offset.
#[cfg(unix)]
fn open_stream(meta: &Metadata) -> Option<Stream> {
    use std::os::fd::AsFd;
    use std::os::unix::fs::MetadataExt;
    let same = |fd: std::os::fd::BorrowedFd<'_>| {
        fd.try_clone_to_owned()
            .ok()
            .map(File::from)
            .and_then(|f| f.metadata().ok())
            .is_some_and(|m| m.dev() == meta.dev() && m.ino() == meta.ino())
    };
    if same(io::stdout().as_fd()) {
        Some(Stream::Stdout)
    } else if same(io::stderr().as_fd()) {
        Some(Stream::Stderr)
    } else {
        None
    }
}

#[cfg(not(unix))]
fn open_stream(_meta: &Metadata) -> Option<Stream> {
    None
}

/// Atomic replace of the regular file (or new file) at `path`; `old` is the file being
/// replaced, whose permissions and owner the new file keeps.
fn replace(path: &Path, bytes: &[u8], old: Option<&Metadata>) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file path"))?;
    let tmp: PathBuf = dir.join(format!(
        ".{}.permaudit-{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        // `create_new`: never follow or truncate something planted under the temporary name.
        let mut file = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        file.write_all(bytes)?;
        if let Some(old) = old {
            keep_owner(&tmp, old);
            file.set_permissions(old.permissions())?;
        }
        file.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        // Best effort: the temporary file is ours and worthless after a failed write.
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Gives the new file the old one's owner and group. Only root (or the owner, for the group)
/// may; a user replacing their own file already owns the new one, so failure changes nothing
/// that matters and is not an error.
#[cfg(unix)]
fn keep_owner(tmp: &Path, old: &Metadata) {
    use std::os::unix::fs::MetadataExt;
    let _ = std::os::unix::fs::chown(tmp, Some(old.uid()), Some(old.gid()));
}

#[cfg(not(unix))]
fn keep_owner(_tmp: &Path, _old: &Metadata) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.txt");
        std::fs::write(&target, "old").unwrap();
        write(&target, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn failure_keeps_the_target() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no-such-dir").join("out.txt");
        assert!(write(&missing, b"x").is_err());
    }

    #[cfg(unix)]
    #[test]
    fn keeps_the_permissions_of_the_replaced_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.txt");
        std::fs::write(&target, "old").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
        write(&target, b"new").unwrap();
        let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }

    #[cfg(unix)]
    #[test]
    fn writes_through_a_symlink_and_keeps_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("real")).unwrap();
        let real = dir.path().join("real/report.json");
        std::fs::write(&real, "old").unwrap();
        let link = dir.path().join("report.json");
        std::os::unix::fs::symlink("real/report.json", &link).unwrap();
        write(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        // No temporary left in either folder.
        assert_eq!(
            std::fs::read_dir(dir.path().join("real")).unwrap().count(),
            1
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[cfg(unix)]
    #[test]
    fn a_dangling_symlink_is_refused_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("report.json");
        std::os::unix::fs::symlink("nowhere/report.json", &link).unwrap();
        let err = write(&link, b"new").unwrap_err();
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }

    #[test]
    fn a_directory_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = write(dir.path(), b"x").unwrap_err();
        assert!(err.to_string().contains("directory"), "{err}");
    }
}
