//! The Gradle readers on hostile bytes: the tokenizer and module/settings readers alone, the
//! manifest merger report parser alone, then a whole two-module tree written to a scratch
//! folder — settings script, app and library build scripts, their manifests and a merger
//! report, cut from one input at 0xFF bytes — discovered and read as `check` reads it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use permaudit::input::gradle::{self, GradleOptions, lexer, model, report};

#[path = "common/tree.rs"]
mod tree;

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

    let Some((_dir, files)) = tree::discovered(data, &FILES) else {
        return;
    };
    for variants in [Vec::new(), vec!["*".to_owned()]] {
        let (inputs, _errors, _rest) = gradle::read_projects(
            files.clone(),
            &GradleOptions {
                variants,
                merger_report: None,
            },
            &Default::default(),
        );
        for input in inputs {
            assert!(input.build.is_some(), "a variant without a name");
        }
    }
});
