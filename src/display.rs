//! How paths are shown in messages and reports: `/`-separated on every system, relative to
//! what the user named, without `./`. One place, so a path reads the same in a finding, an
//! error and a note whichever part of the program wrote it.

use std::path::Path;

/// `path`, `/`-separated.
pub fn slashes(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// A path as the user gave it: `/`-separated, without a leading `./` or a trailing `/`; `.`
/// for the current folder.
pub fn root(path: &Path) -> String {
    let s = slashes(path);
    let trimmed = s.strip_prefix("./").unwrap_or(&s);
    if trimmed.is_empty() {
        ".".to_owned()
    } else {
        trimmed.trim_end_matches('/').to_owned()
    }
}

/// `dir/relative`, without a leading `./` on `relative`; `relative` alone when `dir` is the
/// current folder.
pub fn join(dir: &str, relative: &str) -> String {
    let relative = relative.trim_start_matches("./");
    if dir.is_empty() || dir == "." {
        relative.to_owned()
    } else {
        format!("{dir}/{relative}")
    }
}

/// The path of `relative` beside the file shown as `display`.
pub fn sibling(display: &str, relative: &str) -> String {
    let dir = display.rsplit_once('/').map_or("", |(d, _)| d);
    join(dir, relative)
}

/// A path relative to the working directory when it is under it, else as it is.
pub fn from_cwd(path: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf));
    let shown = relative
        .filter(|r| !r.as_os_str().is_empty())
        .unwrap_or_else(|| path.to_path_buf());
    slashes(&shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_the_same_everywhere() {
        assert_eq!(root(Path::new("./")), ".");
        assert_eq!(root(Path::new("./app/")), "app");
        assert_eq!(join(".", "a/b.xml"), "a/b.xml");
        assert_eq!(join("app", "./a/b.xml"), "app/a/b.xml");
        assert_eq!(sibling("app/manifest.json", "Info.plist"), "app/Info.plist");
        assert_eq!(sibling("manifest.json", "Info.plist"), "Info.plist");
    }
}
