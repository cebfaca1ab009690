//! What a repository can make permaudit read: only files inside that repository.
//!
//! In CI the tree being audited, and the config in it, come from a pull request. A link
//! `app/AndroidManifest.xml -> /proc/self/environ`, or `policy: ../../../proc/self/environ` in a
//! committed config, would otherwise have permaudit read the CI machine's environment (tokens
//! included) and quote it in an error. So inputs found by walking a folder, and files named by a
//! config, must resolve inside the *boundary*: the repository root (the nearest folder upwards
//! holding `.git`), or, outside a repository, the folder the walk starts from (for a config, the
//! config's own folder). Paths given on the command line are the user's own choice and are not
//! confined.

use std::path::{Path, PathBuf};

use crate::real_path::RealPaths;

/// The boundary for files found under, or named from, `dir`.
pub fn boundary(dir: &Path, real: &RealPaths) -> PathBuf {
    let dir = resolve(dir, real);
    for folder in dir.ancestors() {
        // `.git` is a folder in a clone and a file in a worktree or submodule.
        if folder.join(".git").exists() {
            return folder.to_path_buf();
        }
    }
    dir
}

/// Where `path` really is, when that is outside `boundary`; `None` when it is inside.
pub fn outside(boundary: &Path, path: &Path, real: &RealPaths) -> Option<PathBuf> {
    let real = resolve(path, real);
    (!real.starts_with(boundary)).then_some(real)
}

/// The real path when it exists, else the absolute path with `.` and `..` folded (a missing
/// file is reported by whoever opens it; here it only has to be placed in or out).
fn resolve(path: &Path, real: &RealPaths) -> PathBuf {
    if let Some(real) = real.resolve(path) {
        return real;
    }
    crate::real_path::lexical(&std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boundary(dir: &Path) -> PathBuf {
        super::boundary(dir, &RealPaths::default())
    }

    fn outside(boundary: &Path, path: &Path) -> Option<PathBuf> {
        super::outside(boundary, path, &RealPaths::default())
    }

    #[test]
    fn inside_and_outside() {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("repo");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::create_dir_all(repo.join("app/src")).unwrap();
        let b = boundary(&repo.join("app/src"));
        assert_eq!(b, std::fs::canonicalize(&repo).unwrap());
        assert!(outside(&b, &repo.join("app/policy.yaml")).is_none());
        assert!(outside(&b, &repo.join("app/../../secret")).is_some());
        assert!(outside(&b, Path::new("/proc/self/environ")).is_some());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("/etc/hostname", repo.join("app/link")).unwrap();
            assert!(outside(&b, &repo.join("app/link")).is_some());
        }
        // Without a repository, the starting folder is the boundary.
        let plain = dir.path().join("plain");
        std::fs::create_dir_all(plain.join("a")).unwrap();
        let b = boundary(&plain.join("a"));
        assert!(outside(&b, &plain.join("a/x")).is_none());
        assert!(outside(&b, &plain.join("y")).is_some());
    }
}
