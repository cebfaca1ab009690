//! The Expo reader on hostile bytes: app.json, package.json and a committed prebuild manifest cut from one input, discovered and read.
#![no_main]

use libfuzzer_sys::fuzz_target;
use permaudit::input::{discover, projects};

/// The files of the tree, cut from one input at 0xFF bytes.
const FILES: &[&str] = &[
    "app.json",
    "package.json",
    "android/app/src/main/AndroidManifest.xml",
];

fuzz_target!(|data: &[u8]| {
    let Ok(dir) = tempfile::tempdir() else { return };
    let mut parts = data.split(|&b| b == 0xFF);
    for name in FILES {
        let path = dir.path().join(name);
        let Some(parent) = path.parent() else { return };
        if std::fs::create_dir_all(parent).is_err() {
            return;
        }
        if std::fs::write(&path, parts.next().unwrap_or_default()).is_err() {
            return;
        }
    }
    let Ok(files) = discover::discover(&[dir.path().to_path_buf()]) else {
        return;
    };
    let (inputs, _errors, _rest) =
        projects::read_projects(files, &projects::ProjectOptions::default());
    for input in inputs {
        for request in &input.requests {
            assert!(request.location.line.is_some() || request.location.path.ends_with(".plist"));
        }
    }
});
