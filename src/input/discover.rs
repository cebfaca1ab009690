//! Turning the paths on the command line into the list of files to audit.
//!
//! A file named on the command line is always audited, whatever its name. A directory is walked
//! for the app's own `AndroidManifest.xml` and `Info.plist` files and for built artifacts
//! (`*.apk`, `*.aab`, `*.ipa`), skipping what does not ship
//! with the app (design §2): hidden folders, `.gitignore`d paths, dependency folders, build
//! outputs and test source sets. Any error while walking (unreadable folder, symlink loop) is
//! an error, never a silent skip: a skipped manifest could turn into a false "clean".

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use thiserror::Error;

/// File names discovery looks for.
pub const INPUT_NAMES: &[&str] = &["AndroidManifest.xml", "Info.plist"];

/// Built artifacts discovery also picks up, by extension (case-insensitive): what ships.
pub const ARTIFACT_EXTENSIONS: &[&str] = &["apk", "aab", "ipa"];

/// Is a file of this name an input discovery audits?
pub fn is_input_name(name: &str) -> bool {
    INPUT_NAMES.contains(&name)
        || name.rsplit_once('.').is_some_and(|(stem, ext)| {
            !stem.is_empty()
                && ARTIFACT_EXTENSIONS
                    .iter()
                    .any(|a| a.eq_ignore_ascii_case(ext))
        })
}

/// Folder names that never hold the shipped app's own inputs.
pub const SKIPPED_DIRS: &[&str] = &[
    "node_modules",
    "Pods",
    "Carthage",
    "build",
    "DerivedData",
    "intermediates",
];

/// Why discovery failed.
#[derive(Debug, Error)]
pub enum DiscoverError {
    /// A path on the command line does not exist.
    #[error("{path}: no such file or directory")]
    Missing {
        /// The path as given.
        path: String,
    },
    /// The walk hit something it could not read.
    #[error("{path}: cannot walk the directory: {message}")]
    Walk {
        /// The path that failed (or the starting directory when the walker does not say).
        path: String,
        /// What went wrong.
        message: String,
    },
    /// The paths hold nothing to audit.
    #[error(
        "no AndroidManifest.xml or Info.plist under {paths} (nor an .apk, .aab or .ipa); point \
         permaudit at the app's source tree or build outputs (or name the files)"
    )]
    NothingFound {
        /// The paths searched, comma-separated.
        paths: String,
    },
}

/// One file to audit.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct InputFile {
    /// Path as displayed in reports: as given, or joined onto the directory given.
    pub display: String,
    /// Path to open.
    pub path: PathBuf,
}

/// Why a directory is skipped during discovery, or `None` to descend into it.
pub fn skip_reason(dir: &Path) -> Option<&'static str> {
    let name = dir.file_name()?.to_str()?;
    if name.starts_with('.') {
        return Some("hidden folder");
    }
    if SKIPPED_DIRS.contains(&name) {
        return Some("dependency or build output folder");
    }
    if name.len() > "Tests".len() && name.ends_with("Tests") || name == "Tests" {
        return Some("iOS test bundle");
    }
    let parent_is_src = dir
        .parent()
        .and_then(Path::file_name)
        .is_some_and(|p| p == "src");
    if parent_is_src && (name.starts_with("test") || name.starts_with("androidTest")) {
        return Some("Android test source set");
    }
    None
}

/// Lists the files to audit under `paths`, sorted by display path, without duplicates.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<InputFile>, DiscoverError> {
    let mut found = BTreeSet::new();
    let mut seen = BTreeSet::new();
    for given in paths {
        let shown = display_root(given);
        let meta = std::fs::metadata(given).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => DiscoverError::Missing {
                path: shown.clone(),
            },
            _ => DiscoverError::Walk {
                path: shown.clone(),
                message: e.to_string(),
            },
        })?;
        if !meta.is_dir() {
            add(&mut found, &mut seen, given.clone(), shown);
            continue;
        }
        walk(given, &shown, &mut found, &mut seen)?;
    }
    if found.is_empty() {
        let paths = paths
            .iter()
            .map(|p| display_root(p))
            .collect::<Vec<_>>()
            .join(", ");
        return Err(DiscoverError::NothingFound { paths });
    }
    Ok(found.into_iter().collect())
}

fn walk(
    root: &Path,
    shown: &str,
    found: &mut BTreeSet<InputFile>,
    seen: &mut BTreeSet<PathBuf>,
) -> Result<(), DiscoverError> {
    let walker = ignore::WalkBuilder::new(root)
        .standard_filters(false)
        .git_ignore(true)
        .git_exclude(true)
        .require_git(false)
        .parents(true)
        .follow_links(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(|entry| {
            entry.depth() == 0
                || !entry.file_type().is_some_and(|t| t.is_dir())
                || skip_reason(entry.path()).is_none()
        })
        .build();
    for entry in walker {
        let entry = entry.map_err(|e| DiscoverError::Walk {
            path: error_path(&e).unwrap_or_else(|| shown.to_owned()),
            message: e.to_string(),
        })?;
        let is_file = entry.file_type().is_some_and(|t| t.is_file());
        let named = entry.file_name().to_str().is_some_and(is_input_name);
        if !is_file || !named {
            continue;
        }
        let relative = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let display = join_display(shown, relative);
        add(found, seen, entry.path().to_path_buf(), display);
    }
    Ok(())
}

fn add(
    found: &mut BTreeSet<InputFile>,
    seen: &mut BTreeSet<PathBuf>,
    path: PathBuf,
    display: String,
) {
    let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
    if seen.insert(key) {
        found.insert(InputFile { display, path });
    }
}

fn error_path(err: &ignore::Error) -> Option<String> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(slashes(path)),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(slashes(child)),
        _ => None,
    }
}

/// The path as the user gave it, `/`-separated, without a leading `./`.
pub fn display_root(path: &Path) -> String {
    let s = slashes(path);
    let trimmed = s.strip_prefix("./").unwrap_or(&s);
    if trimmed.is_empty() {
        ".".to_owned()
    } else {
        trimmed.trim_end_matches('/').to_owned()
    }
}

fn join_display(root: &str, relative: &Path) -> String {
    let relative = slashes(relative);
    if root == "." || root.is_empty() {
        relative
    } else {
        format!("{root}/{relative}")
    }
}

fn slashes(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skip_rules() {
        for dir in [
            "app/node_modules",
            "ios/Pods",
            "a/.git",
            "app/build",
            "app/src/test",
            "app/src/testDebug",
            "app/src/androidTest",
            "ios/M5Tests",
            "ios/M5UITests",
            "x/DerivedData",
        ] {
            assert!(
                skip_reason(Path::new(dir)).is_some(),
                "{dir} should be skipped"
            );
        }
        for dir in [
            "app/src/main",
            "app/src/debug",
            "ios/M5",
            "app/testing",
            "lib/test",
        ] {
            assert!(
                skip_reason(Path::new(dir)).is_none(),
                "{dir} should be walked"
            );
        }
    }

    #[test]
    fn artifact_names() {
        for yes in [
            "app.apk",
            "App.IPA",
            "b.aab",
            "AndroidManifest.xml",
            "Info.plist",
        ] {
            assert!(is_input_name(yes), "{yes}");
        }
        for no in [".apk", "apk", "app.apks", "app.zip", "Info.plist.bak"] {
            assert!(!is_input_name(no), "{no}");
        }
    }

    #[test]
    fn display_paths() {
        assert_eq!(display_root(Path::new("./")), ".");
        assert_eq!(display_root(Path::new("./app/")), "app");
        assert_eq!(join_display(".", Path::new("a/b.xml")), "a/b.xml");
        assert_eq!(join_display("app", Path::new("a/b.xml")), "app/a/b.xml");
    }
}
