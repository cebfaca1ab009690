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
        let real = self.uncached(path);
        self.lock()
            .insert(path.as_os_str().to_owned(), real.clone());
        real
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<OsString, Option<PathBuf>>> {
        self.known.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn uncached(&self, path: &Path) -> Option<PathBuf> {
        let whole = || std::fs::canonicalize(path).ok();
        // `Path` folds away a `.` inside a path, where the system does not (`file/.` names
        // no file), so such a path is resolved whole too.
        let bytes = path.as_os_str().as_encoded_bytes();
        if path.components().any(|c| c == Component::ParentDir)
            || bytes.ends_with(b"/.")
            || bytes.windows(3).any(|w| w == b"/./")
        {
            return whole();
        }
        let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
            // `/`, or a path that is only `.`.
            return whole();
        };
        let parent = if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        };
        let base = self.resolve(parent)?;
        if std::fs::symlink_metadata(path)
            .ok()?
            .file_type()
            .is_symlink()
        {
            return whole();
        }
        Some(base.join(name))
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
    }
}
