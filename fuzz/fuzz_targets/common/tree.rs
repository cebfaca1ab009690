//! What the project-tree targets share: one input cut at 0xFF bytes into the files of a tree
//! in a scratch folder, the tree discovered as `check` discovers it, and the invariant every
//! generated-app reader keeps. Each target includes it and uses what it needs.
#![allow(dead_code)]

use permaudit::input::discover::{self, InputFile};

/// The scratch folder (dropped, and removed, by the caller when done) and the files `check`
/// would audit in it; `None` when the system refuses a write or the walk.
pub fn discovered(data: &[u8], files: &[&str]) -> Option<(tempfile::TempDir, Vec<InputFile>)> {
    let dir = tempfile::tempdir().ok()?;
    let mut parts = data.split(|&b| b == 0xFF);
    for name in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent()?).ok()?;
        std::fs::write(&path, parts.next().unwrap_or_default()).ok()?;
    }
    let found = discover::discover(&[dir.path().to_path_buf()]).ok()?;
    Some((dir, found))
}

/// The project readers over `files`: every request from a config is located at a line (a
/// binary plist has none).
pub fn read_generated(files: Vec<InputFile>) {
    use permaudit::input::projects;
    let (inputs, _errors, _rest) =
        projects::read_projects(files, &projects::ProjectOptions::default());
    for input in inputs {
        for request in &input.requests {
            assert!(request.location.line.is_some() || request.location.path.ends_with(".plist"));
        }
    }
}
