//! The .NET reader on hostile bytes: the C# attribute scanner alone, then a MAUI project (csproj, C# source, Android manifest, iOS plist) cut from one input.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common/tree.rs"]
mod tree;

/// The files of the tree, cut from one input at 0xFF bytes.
const FILES: &[&str] = &[
    "App/App.csproj",
    "App/Platforms/Android/MainApplication.cs",
    "App/Platforms/Android/AndroidManifest.xml",
    "App/Platforms/iOS/Info.plist",
];

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = permaudit::input::maui::csharp::uses_permissions(
            "A.cs",
            text,
            permaudit::input::maui::csharp::Target::Android,
        );
    }
    let Some((_dir, files)) = tree::discovered(data, FILES) else {
        return;
    };
    tree::read_generated(files);
});
