//! The Gradle readers on hostile bytes: the tokenizer and module/settings readers alone, the
//! manifest merger report parser alone, then a whole two-module tree written to a scratch
//! folder — settings script, app and library build scripts, their manifests and a merger
//! report, cut from one input at 0xFF bytes — discovered and read as `check` reads it.
#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use permaudit::input::discover;
use permaudit::input::gradle::{self, GradleOptions, lexer, model, report};

const FILES: [&str; 7] = [
    "settings.gradle",
    "app/build.gradle.kts",
    "app/src/main/AndroidManifest.xml",
    "app/src/play/AndroidManifest.xml",
    "lib/build.gradle",
    "lib/src/main/AndroidManifest.xml",
    "app/build/outputs/logs/manifest-merger-playRelease-report.txt",
];

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = lexer::tokenize("build.gradle", text);
    }
    let _ = model::read_module("build.gradle", data);
    let _ = model::read_settings("settings.gradle", data);
    let _ = report::parse("report.txt", data);

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
    let root: PathBuf = dir.path().to_path_buf();
    let Ok(files) = discover::discover(&[root]) else {
        return;
    };
    for variants in [Vec::new(), vec!["*".to_owned()]] {
        let (inputs, _errors, _rest) = gradle::read_projects(
            files.clone(),
            &GradleOptions {
                variants,
                merger_report: None,
            },
        );
        for input in inputs {
            assert!(input.build.is_some(), "a variant without a name");
        }
    }
});
