//! The Xcode readers on hostile bytes: the OpenStep parser alone, strings files and string
//! catalogs alone, then a whole project tree written to a scratch folder — project.pbxproj, a
//! base .xcconfig, the target's Info.plist, a localized InfoPlist.strings and an XcodeGen
//! spec, cut from one input at 0xFF bytes — discovered and read as `check` reads it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use permaudit::input::xcode::{self, XcodeOptions, localized, openstep};

#[path = "common/tree.rs"]
mod tree;

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

/// Asks for the line, column and key span of every value and key of a parsed tree: the
/// offsets the parser keeps must be places in the text.
fn place_everything(node: &openstep::Node<'_>, positions: &openstep::Positions<'_>) {
    let mut open = vec![node];
    while let Some(node) = open.pop() {
        let _ = positions.of(node.at);
        match &node.value {
            openstep::Value::Array(items) => open.extend(items.iter()),
            openstep::Value::Dict(entries) => {
                for e in entries.iter() {
                    let _ = positions.of(e.at);
                    let _ = positions.key_span(e);
                    open.push(&e.value);
                }
            }
            _ => {}
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let arena = openstep::Bump::new();
    if let Ok(root) = openstep::parse(data, &arena) {
        place_everything(&root, &openstep::Positions::new(data));
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = openstep::parse_strings(text, &openstep::Bump::new());
    }
    let _ = localized::parse_strings("InfoPlist.strings", data);
    let _ = localized::parse_catalog("InfoPlist.xcstrings", data);

    let Some((_dir, files)) = tree::discovered(data, &FILES) else {
        return;
    };
    for configuration in [None, Some("Debug".to_owned())] {
        let options = XcodeOptions { configuration };
        let (inputs, _errors, _rest) = xcode::read_projects(files.clone(), &options, &Default::default());
        for input in inputs {
            for request in &input.requests {
                assert!(!request.permission.is_empty(), "an empty request name");
            }
        }
    }
});
