//! The uni-app reader on hostile bytes: manifest.json (JSON with comments, XML fragments in strings) and a nativeResources manifest cut from one input, discovered and read.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common/tree.rs"]
mod tree;

/// The files of the tree, cut from one input at 0xFF bytes.
const FILES: &[&str] = &[
    "manifest.json",
    "nativeResources/android/AndroidManifest.xml",
    "uni_modules/m/utssdk/app-ios/Info.plist",
    "AndroidManifest.xml",
    "Info.plist",
];

fuzz_target!(|data: &[u8]| {
    let Some((_dir, files)) = tree::discovered(data, FILES) else {
        return;
    };
    tree::read_generated(files);
});
