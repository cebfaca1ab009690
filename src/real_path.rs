//! Real paths (what `realpath(3)` gives), resolved once per run.
//!
//! Readers ask whether two paths are one file (a project claiming the manifests and plists it
//! reads), whether a file lies inside a folder, and whether it stays inside the repository
//! ([`crate::confine`]). `std::fs::canonicalize` answers each with one system call per path
//! component, every component walked again from `/`: a Xcode project's few dozen files under a
//! deep checkout cost hundreds of calls, more time than parsing them. Here a path's real form is
//! its parent's (remembered) plus its own name, found with one `lstat`; only a symbolic link,
//! or a path with `..` (which means the parent of wherever a link leads), is resolved whole.

use std::collections::HashMap;
use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

/// Linux's `PATH_MAX`: the longest path a system call takes.
const MAX_PATH_BYTES: usize = 4096;

/// The real paths one run resolved. Clones share them; a run starts with an empty one, so
/// nothing outlives the file system it was read from.
#[derive(Debug, Clone, Default)]
pub struct RealPaths {
    /// By the path's bytes as given: hashing a `Path` goes component by component, several
    /// times the cost of hashing its bytes.
    known: Arc<Mutex<HashMap<OsString, Option<PathBuf>>>>,
}

impl RealPaths {
    /// The real path of `path`, or `path` as given when it does not resolve (a missing file:
    /// whoever opens it reports that).
    pub fn of(&self, path: &Path) -> PathBuf {
        self.resolve(path).unwrap_or_else(|| path.to_path_buf())
    }

    /// The real path of `path`, `None` when it does not resolve, exactly as
    /// `std::fs::canonicalize` would answer.
    pub fn resolve(&self, path: &Path) -> Option<PathBuf> {
        if let Some(known) = self.lock().get(path.as_os_str()) {
            return known.clone();
        }
        // `Path` folds away a `.` inside a path, where the system does not (`file/.` names
        // no file), so such a path is resolved whole too.
        let bytes = path.as_os_str().as_encoded_bytes();
        // A path longer than the system takes is refused by it whole (and cheaply); below that
        // length a path has a bounded number of parts to take one by one.
        let real = if bytes.len() > MAX_PATH_BYTES
            || path.components().any(|c| c == Component::ParentDir)
            || bytes.ends_with(b"/.")
            || bytes.windows(3).any(|w| w == b"/./")
        {
            std::fs::canonicalize(path).ok()
        } else {
            self.piecewise(path)
        };
        self.lock()
            .insert(path.as_os_str().to_owned(), real.clone());
        real
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<OsString, Option<PathBuf>>> {
        self.known.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A plain path (no `.` or `..` inside): up to the nearest ancestor already known, then
    /// down again one `lstat` per name. A loop, not a recursion: a path written in a project
    /// file can have any number of parts.
    fn piecewise(&self, path: &Path) -> Option<PathBuf> {
        let mut below: Vec<&Path> = Vec::new();
        let mut at = path;
        let mut real = loop {
            let (Some(parent), Some(_)) = (at.parent(), at.file_name()) else {
                // `/`, or a path that is only `.`.
                break std::fs::canonicalize(at).ok();
            };
            below.push(at);
            at = if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            };
            if let Some(known) = self.lock().get(at.as_os_str()) {
                break known.clone();
            }
        };
        for step in below.into_iter().rev() {
            // Past a part that does not resolve nothing does; only what exists is remembered.
            let base = real?;
            let kind = std::fs::symlink_metadata(step).ok()?.file_type();
            real = if kind.is_symlink() {
                std::fs::canonicalize(step).ok()
            } else {
                step.file_name().map(|name| base.join(name))
            };
            if step != path {
                self.lock()
                    .insert(step.as_os_str().to_owned(), real.clone());
            }
        }
        real
    }
}

/// `path` with `.` removed and `..` taken back lexically, asking no file system: a key under
/// which two spellings of one path in a project file meet.
pub fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_as_std(real: &RealPaths, path: &Path) {
        assert_eq!(
            real.resolve(path),
            std::fs::canonicalize(path).ok(),
            "{}",
            path.display()
        );
    }

    #[test]
    fn answers_as_canonicalize_does() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("a/b")).unwrap();
        std::fs::write(root.join("a/b/f.txt"), "x").unwrap();
        std::fs::create_dir_all(root.join("elsewhere/c")).unwrap();
        std::fs::write(root.join("elsewhere/c/g.txt"), "y").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root.join("elsewhere"), root.join("a/link")).unwrap();
            std::os::unix::fs::symlink("../elsewhere/c/g.txt", root.join("a/file-link")).unwrap();
            std::os::unix::fs::symlink("missing", root.join("a/dangling")).unwrap();
        }
        let real = RealPaths::default();
        for rel in [
            "a",
            "a/b",
            "a/b/f.txt",
            "a/./b/f.txt",
            "a/b/../b/f.txt",
            "a/link",
            "a/link/c/g.txt",
            "a/link/c/../c/g.txt",
            "a/link/../a/b",
            "a/file-link",
            "a/dangling",
            "a/missing",
            "a/b/f.txt/under-a-file",
            "a/b/",
            "a/b/f.txt/.",
            "a/b/.",
        ] {
            same_as_std(&real, &root.join(rel));
            // Asked again, from what it remembered.
            same_as_std(&real, &root.join(rel));
        }
        same_as_std(&real, Path::new("/"));
        same_as_std(&real, Path::new("."));
        same_as_std(&real, Path::new("src"));
        same_as_std(&real, Path::new("./src/main.rs"));
        same_as_std(&real, Path::new(""));
        assert_eq!(real.of(&root.join("a/missing")), root.join("a/missing"));
        // Paths of many parts, longer than the system takes or just under it, are answered
        // without a deep recursion or remembering every prefix.
        same_as_std(&real, &root.join("x/".repeat(100_000)));
        same_as_std(&real, &root.join("a/".repeat(1_900)));
        let nested = (0..40).fold(root.join("a"), |p, i| p.join(format!("d{i}")));
        std::fs::create_dir_all(&nested).unwrap();
        same_as_std(&real, &nested.join("f"));
        same_as_std(&real, &nested);
    }
}
