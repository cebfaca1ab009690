//! The Xcode readers on hostile bytes: the OpenStep parser alone, strings files and string
//! catalogs alone, then a whole project tree written to a scratch folder — project.pbxproj, a
//! base .xcconfig, the target's Info.plist, a localized InfoPlist.strings and an XcodeGen
//! spec, cut from one input at 0xFF bytes — discovered and read as `check` reads it.
#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use permaudit::input::discover;
use permaudit::input::xcode::{self, XcodeOptions, localized, openstep};

/// The layout of `testdata/xcode-app/` (the seed), so the seed's references resolve:
/// `INFOPLIST_FILE = Tally/Info.plist`, a base configuration `Config/Shared.xcconfig`, a
/// localized `InfoPlist.strings`; then an XcodeGen spec.
const FILES: [&str; 5] = [
    "Tally.xcodeproj/project.pbxproj",
    "Config/Shared.xcconfig",
    "Tally/Info.plist",
    "Tally/zh-Hans.lproj/InfoPlist.strings",
    "project.yml",
];

fuzz_target!(|data: &[u8]| {
    let _ = openstep::parse(data);
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = openstep::parse_strings(text);
    }
    let _ = localized::parse_strings("InfoPlist.strings", data);
    let _ = localized::parse_catalog("InfoPlist.xcstrings", data);

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
    for configuration in [None, Some("Debug".to_owned())] {
        let options = XcodeOptions { configuration };
        let (inputs, _errors, _rest) = xcode::read_projects(files.clone(), &options);
        for input in inputs {
            for request in &input.requests {
                assert!(!request.permission.is_empty(), "an empty request name");
            }
        }
    }
});
