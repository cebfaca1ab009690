//! The Expo reader on hostile bytes: app.json, package.json and a committed prebuild manifest cut from one input, discovered and read.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common/tree.rs"]
mod tree;

/// The files of the tree, cut from one input at 0xFF bytes.
const FILES: &[&str] = &[
    "app.json",
    "package.json",
    "android/app/src/main/AndroidManifest.xml",
];

fuzz_target!(|data: &[u8]| {
    let Some((_dir, files)) = tree::discovered(data, FILES) else {
        return;
    };
    tree::read_generated(files);
});
