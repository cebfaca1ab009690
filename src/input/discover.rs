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
use std::sync::{Arc, Mutex, PoisonError};

use crate::real_path::RealPaths;

use thiserror::Error;

use crate::display::{self, slashes};

/// File names discovery looks for.
pub const INPUT_NAMES: &[&str] = &["AndroidManifest.xml", "Info.plist"];

/// Built artifacts discovery also picks up, by extension (case-insensitive): what ships.
pub const ARTIFACT_EXTENSIONS: &[&str] = &["apk", "aab", "ipa"];

/// Files that mark a project whose manifest or Info.plist a build tool generates (Expo,
/// uni-app, Cordova, .NET), or an app kind whose permission sources permaudit does not read
/// (Capacitor without native folders, NativeScript, Unity, mini-programs, HarmonyOS). Discovery
/// lists them for the project readers of [`super::projects`], which tell a real one from a
/// file that only shares the name (a web `manifest.json`).
pub const MARKER_NAMES: &[&str] = &[
    "app.json",
    "app.config.json",
    "app.config.js",
    "app.config.ts",
    "app.config.mjs",
    "app.config.cjs",
    "manifest.json",
    "config.xml",
    "capacitor.config.json",
    "capacitor.config.ts",
    "capacitor.config.js",
    "nativescript.config.ts",
    "nativescript.config.js",
    "project.config.json",
    "mini.project.json",
    "ProjectVersion.txt",
    "app.json5",
    "module.json5",
];

/// Is a file of this name a project marker (see [`MARKER_NAMES`]; also any `*.csproj`)?
pub fn is_marker_name(name: &str) -> bool {
    MARKER_NAMES.contains(&name)
        || name
            .rsplit_once('.')
            .is_some_and(|(stem, ext)| !stem.is_empty() && ext.eq_ignore_ascii_case("csproj"))
}

/// Is `file` only a marker (no input of its own), so that the project readers decide alone
/// what it means?
pub fn is_marker_only(file: &InputFile) -> bool {
    file.path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| is_marker_name(n) && !is_input_name(n))
}

/// Is a directory of this name an Xcode project discovery audits (`App.xcodeproj`)?
pub fn is_project_dir_name(name: &str) -> bool {
    name.len() > ".xcodeproj".len() && name.ends_with(".xcodeproj")
}

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
    #[error("{path}: {message}")]
    Walk {
        /// The path that failed (or the starting directory when the walker does not say).
        path: String,
        /// What went wrong.
        message: String,
    },
    /// A link found while walking resolves outside the repository (see [`crate::confine`]).
    #[error(
        "{path}: is a symbolic link to {target}, outside the repository ({boundary}); \
         permaudit does not read what a repository links to outside itself (name the file on \
         the command line to audit it anyway)"
    )]
    Outside {
        /// The link, as displayed.
        path: String,
        /// Where it resolves to.
        target: String,
        /// The repository root (or audited folder) it escapes.
        boundary: String,
    },
    /// The paths hold nothing to audit.
    #[error(
        "no AndroidManifest.xml, Info.plist or Xcode project under {paths} (nor an .apk, .aab or \
         .ipa); point permaudit at the app's source tree or build outputs (or name the files)"
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
    discover_excluding(paths, None, &RealPaths::default())
}

/// Like [`discover`], also skipping what `exclude` (the config's `exclude:` patterns, rooted at
/// the config's folder) matches during directory walks. Files named on the command line are
/// still always audited. `real` is the run's memory of real paths.
pub fn discover_excluding(
    paths: &[PathBuf],
    exclude: Option<&ignore::gitignore::Gitignore>,
    real: &RealPaths,
) -> Result<Vec<InputFile>, DiscoverError> {
    let mut found = BTreeSet::new();
    let mut seen = BTreeSet::new();
    for given in paths {
        let shown = display::root(given);
        let meta = std::fs::metadata(given).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => DiscoverError::Missing {
                path: shown.clone(),
            },
            _ => DiscoverError::Walk {
                path: shown.clone(),
                message: format!("cannot read: {e}"),
            },
        })?;
        if !meta.is_dir() {
            add(&mut found, &mut seen, given.clone(), shown);
            continue;
        }
        walk(given, &shown, exclude, real, &mut found, &mut seen)?;
    }
    if found.is_empty() {
        let paths = paths
            .iter()
            .map(|p| display::root(p))
            .collect::<Vec<_>>()
            .join(", ");
        return Err(DiscoverError::NothingFound { paths });
    }
    Ok(found.into_iter().collect())
}

/// Entries a walk visits on one thread before it starts again on all cores. A hook's tree (a
/// project's few dozen files) ends well below it, where spawning walker threads would cost
/// more than the walk; a tree past it is walked again in parallel (stat-bound), the entries
/// already seen being a small share of it.
const SERIAL_ENTRIES: usize = 1024;

type Outcome = Result<(PathBuf, String), DiscoverError>;

fn walk(
    root: &Path,
    shown: &str,
    exclude: Option<&ignore::gitignore::Gitignore>,
    real: &RealPaths,
    found: &mut BTreeSet<InputFile>,
    seen: &mut BTreeSet<FileKey>,
) -> Result<(), DiscoverError> {
    let boundary = crate::confine::boundary(root, real);
    let walker = Walker::new(root, shown, exclude, &boundary, real);
    let (mut outcomes, escapes) = match walker.serial(SERIAL_ENTRIES) {
        Some(done) => done,
        None => walker.parallel(),
    };
    // Deterministic whatever order the directories list in: the first error by path, else every
    // file in display order (so of two paths to one file, the first in that order is kept).
    let mut errors: Vec<DiscoverError> = outcomes
        .iter_mut()
        .filter_map(|o| match o {
            Err(e) => Some(std::mem::replace(
                e,
                DiscoverError::Walk {
                    path: String::new(),
                    message: String::new(),
                },
            )),
            Ok(_) => None,
        })
        .collect();
    errors.extend(escapes);
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.to_string());
        return Err(errors.swap_remove(0));
    }
    let mut files: Vec<(PathBuf, String)> = outcomes.into_iter().filter_map(Result::ok).collect();
    files.sort_by(|a, b| a.1.cmp(&b.1));
    for (path, display) in files {
        add(found, seen, path, display);
    }
    Ok(())
}

/// One walk of a root: the builder's settings, and what the filter records.
struct Walker<'a> {
    root: &'a Path,
    shown: &'a str,
    boundary: &'a Path,
    real: &'a RealPaths,
    /// The exclusion matcher and the canonical root its patterns compare against.
    exclude: Option<(ignore::gitignore::Gitignore, PathBuf)>,
}

/// A walk's outcomes, and the linked folders it refused to enter.
type Walked = (Vec<Outcome>, Vec<DiscoverError>);

impl<'a> Walker<'a> {
    fn new(
        root: &'a Path,
        shown: &'a str,
        exclude: Option<&ignore::gitignore::Gitignore>,
        boundary: &'a Path,
        real: &'a RealPaths,
    ) -> Self {
        // Exclusion patterns are rooted at the config's folder, an absolute path; the walker's
        // paths are relative to `root`, so compare through the canonical root.
        let exclude = exclude.and_then(|e| Some((e.clone(), real.resolve(root)?)));
        Walker {
            root,
            shown,
            boundary,
            real,
            exclude,
        }
    }

    /// The builder, with a filter that records into `escapes` each linked folder outside the
    /// boundary it does not enter (it could be `/`); those fail the walk.
    fn builder(&self, escapes: &Arc<Mutex<Vec<DiscoverError>>>) -> ignore::WalkBuilder {
        let root_owned = self.root.to_path_buf();
        let exclude = self.exclude.clone();
        let excluded = move |path: &Path, is_dir: bool| -> bool {
            let Some((exclude, root_abs)) = &exclude else {
                return false;
            };
            let Ok(relative) = path.strip_prefix(&root_owned) else {
                return false;
            };
            let absolute = root_abs.join(relative);
            // `Gitignore` panics on paths outside its root: only ask about paths under it.
            absolute.starts_with(exclude.path())
                && exclude
                    .matched_path_or_any_parents(&absolute, is_dir)
                    .is_ignore()
        };
        let escapes_seen = Arc::clone(escapes);
        let boundary = self.boundary.to_path_buf();
        let walk_shown = self.shown.to_owned();
        let walk_root = self.root.to_path_buf();
        let real = self.real.clone();
        let mut builder = ignore::WalkBuilder::new(self.root);
        builder
            .standard_filters(false)
            .git_ignore(true)
            .git_exclude(true)
            .require_git(false)
            .parents(true)
            // Symlinked sources are part of the app; the walker detects loops and reports them,
            // which is an error here like any other walk failure.
            .follow_links(true)
            .filter_entry(move |entry| {
                let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                let walked = entry.depth() == 0
                    || (!is_dir || skip_reason(entry.path()).is_none())
                        && !excluded(entry.path(), is_dir);
                if walked && is_dir && entry.depth() > 0 && entry.path_is_symlink() {
                    if let Some(err) = escape(entry, &walk_root, &walk_shown, &boundary, &real) {
                        escapes_seen
                            .lock()
                            .unwrap_or_else(PoisonError::into_inner)
                            .push(err);
                        return false;
                    }
                }
                walked
            });
        builder
    }

    fn outcome(&self, entry: Result<ignore::DirEntry, ignore::Error>) -> Option<Outcome> {
        match entry {
            Ok(entry) => visit(&entry, self.root, self.shown, self.boundary, self.real),
            Err(e) if is_relevant(&e) => Some(Err(DiscoverError::Walk {
                path: error_path(&e).unwrap_or_else(|| self.shown.to_owned()),
                message: format!("cannot walk the directory: {}", describe(&e)),
            })),
            // A dangling link that could never be an input (say, a stale `.bin` link) says
            // nothing about the app; anything that might hide an input fails the run.
            Err(_) => None,
        }
    }

    /// The walk on this thread, or `None` once it has visited `limit` entries.
    fn serial(&self, limit: usize) -> Option<Walked> {
        let escapes = Arc::default();
        let mut outcomes = Vec::new();
        for (visited, entry) in self.builder(&escapes).build().enumerate() {
            if visited == limit {
                return None;
            }
            if let Some(outcome) = self.outcome(entry) {
                let failed = outcome.is_err();
                outcomes.push(outcome);
                if failed {
                    break;
                }
            }
        }
        Some((outcomes, take(&escapes)))
    }

    /// The walk on all cores; what it finds is sorted by the caller, so the order threads
    /// finish in never shows.
    fn parallel(&self) -> Walked {
        let escapes = Arc::default();
        let outcomes: Mutex<Vec<Outcome>> = Mutex::new(Vec::new());
        self.builder(&escapes).build_parallel().run(|| {
            let outcomes = &outcomes;
            Box::new(move |entry| {
                if let Some(outcome) = self.outcome(entry) {
                    let failed = outcome.is_err();
                    // Never drop what was found: a poisoned lock (a panic on another thread,
                    // which main reports as exit 2 anyway) still holds every earlier outcome.
                    outcomes
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .push(outcome);
                    if failed {
                        return ignore::WalkState::Quit;
                    }
                }
                ignore::WalkState::Continue
            })
        });
        let outcomes = outcomes
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        (outcomes, take(&escapes))
    }
}

fn take(escapes: &Mutex<Vec<DiscoverError>>) -> Vec<DiscoverError> {
    std::mem::take(&mut *escapes.lock().unwrap_or_else(PoisonError::into_inner))
}

/// What makes two paths the same file: the device and inode where the platform has them (one
/// `stat`, where resolving the real path costs a system call per component), else the
/// canonical path.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum FileKey {
    Inode(u64, u64),
    Path(PathBuf),
}

fn file_key(path: &Path) -> FileKey {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(meta) = std::fs::metadata(path) {
            return FileKey::Inode(meta.dev(), meta.ino());
        }
    }
    FileKey::Path(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
}

fn add(
    found: &mut BTreeSet<InputFile>,
    seen: &mut BTreeSet<FileKey>,
    path: PathBuf,
    display: String,
) {
    if seen.insert(file_key(&path)) {
        found.insert(InputFile { display, path });
    }
}

/// Whether a walk error could hide an input: loops, unreadable folders, and broken entries
/// that carry an input's name all could; a dangling link under another name cannot.
fn is_relevant(err: &ignore::Error) -> bool {
    match err {
        ignore::Error::Loop { .. } => true,
        ignore::Error::WithPath { path, .. } => {
            let named = path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(is_input_name);
            let dangling = std::fs::symlink_metadata(path)
                .is_ok_and(|m| m.file_type().is_symlink())
                && std::fs::metadata(path).is_err();
            named || !dangling
        }
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            is_relevant(err)
        }
        _ => true,
    }
}

/// What one walked entry contributes: nothing, an input file, or an error.
fn visit(
    entry: &ignore::DirEntry,
    root: &Path,
    shown: &str,
    boundary: &Path,
    real: &RealPaths,
) -> Option<Result<(PathBuf, String), DiscoverError>> {
    let name = entry.file_name().to_str();
    let relative = entry.path().strip_prefix(root).unwrap_or(entry.path());
    let display = if relative.as_os_str().is_empty() {
        shown.to_owned()
    } else {
        join_display(shown, relative)
    };
    let project =
        name.is_some_and(is_project_dir_name) && entry.file_type().is_some_and(|t| t.is_dir());
    // An XcodeGen spec; the Xcode reader tells a spec from another `project.yml`.
    // Project markers (`app.json`, `*.csproj`, …) too; the project readers tell a real one
    // from a file that only shares the name.
    let spec = (name == Some(super::xcode::XCODEGEN_SPEC) || name.is_some_and(is_marker_name))
        && entry.file_type().is_some_and(|t| t.is_file());
    // Gradle scripts and merger reports; the Gradle reader decides what they mean.
    let gradle = name.is_some_and(|n| {
        super::gradle::SCRIPT_NAMES.contains(&n) || super::gradle::is_report_name(n)
    }) && entry.file_type().is_some_and(|t| t.is_file());
    let named = name.is_some_and(is_input_name);
    if !(project || spec || gradle || named) {
        return None;
    }
    // A link out of the tree is refused whatever it is named, a project folder included.
    if entry.path_is_symlink() {
        if let Some(err) = escape(entry, root, shown, boundary, real) {
            return Some(Err(err));
        }
    }
    if project || spec || gradle {
        return Some(Ok((entry.path().to_path_buf(), display)));
    }
    if !entry.file_type().is_some_and(|t| t.is_file()) {
        return Some(Err(DiscoverError::Walk {
            path: display,
            message: "has an input's name but is not a regular file (a directory?)".into(),
        }));
    }
    Some(Ok((entry.path().to_path_buf(), display)))
}

/// The refusal of a walked link that resolves outside `boundary`, if it does.
fn escape(
    entry: &ignore::DirEntry,
    root: &Path,
    shown: &str,
    boundary: &Path,
    real: &RealPaths,
) -> Option<DiscoverError> {
    let target = crate::confine::outside(boundary, entry.path(), real)?;
    let relative = entry.path().strip_prefix(root).unwrap_or(entry.path());
    Some(DiscoverError::Outside {
        path: join_display(shown, relative),
        target: slashes(&target),
        boundary: slashes(boundary),
    })
}

/// A walk error in words, without the text of an ignore-file pattern: a `.gitignore` can be a
/// link to anything (`/proc/self/environ`), and its "pattern" must not reach the log.
fn describe(err: &ignore::Error) -> String {
    match err {
        ignore::Error::Glob { .. } => "an ignore file has an invalid pattern".to_owned(),
        ignore::Error::WithLineNumber { line, err } => format!("line {line}: {}", describe(err)),
        ignore::Error::WithPath { path, err } => format!("{}: {}", slashes(path), describe(err)),
        ignore::Error::WithDepth { err, .. } => describe(err),
        ignore::Error::Partial(errs) => errs.iter().map(describe).collect::<Vec<_>>().join("; "),
        other => other.to_string(),
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

fn join_display(root: &str, relative: &Path) -> String {
    display::join(root, &slashes(relative))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_serial_walk_and_the_parallel_one_find_the_same_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for i in 0..40 {
            let d = root.join(format!("m{}/app{i}/src", i % 4));
            std::fs::create_dir_all(&d).unwrap();
            std::fs::write(d.join("AndroidManifest.xml"), "<manifest/>").unwrap();
            std::fs::write(d.join("notes.txt"), "x").unwrap();
        }
        std::fs::create_dir_all(root.join("m0/build")).unwrap();
        std::fs::write(root.join("m0/build/AndroidManifest.xml"), "<manifest/>").unwrap();
        let real = RealPaths::default();
        let boundary = crate::confine::boundary(root, &real);
        let walker = Walker::new(root, "tree", None, &boundary, &real);
        let sorted = |(outcomes, escapes): Walked| {
            assert!(escapes.is_empty());
            let mut found: Vec<String> = outcomes.into_iter().map(|o| o.unwrap().1).collect();
            found.sort();
            found
        };
        // Past its budget the serial walk gives up, and the caller walks again in parallel.
        assert!(walker.serial(10).is_none());
        let serial = sorted(walker.serial(usize::MAX).unwrap());
        assert_eq!(serial.len(), 40, "{serial:?}");
        assert!(serial.iter().all(|f| !f.contains("/build/")));
        assert_eq!(sorted(walker.parallel()), serial);
    }

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
        assert_eq!(join_display(".", Path::new("a/b.xml")), "a/b.xml");
        assert_eq!(join_display("app", Path::new("a/b.xml")), "app/a/b.xml");
    }
}
