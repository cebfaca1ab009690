//! Built artifacts end to end: APKs, App Bundles, IPAs and bare binary manifests, built byte by
//! byte in the tests (`permaudit::input::testing`), audited by the real binary.
//!
//! The policy `testdata/policies-yaml/ios-only.yaml` discloses no Android permission and only
//! `NSCameraUsageDescription`, so the `undeclared` findings are exactly the requests the binary
//! read, with their locations.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use common::{check_json, permaudit, requests_via_undeclared};
use permaudit::input::testing::{axml_manifest, proto_manifest, sample_axml, zip};
use predicates::prelude::*;

fn policy() -> String {
    common::root()
        .join("testdata/policies-yaml/ios-only.yaml")
        .display()
        .to_string()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn apk() -> Vec<u8> {
    let manifest = sample_axml(false);
    zip(&[
        ("classes.dex", b"dex\n035\0", true),
        ("AndroidManifest.xml", &manifest, true),
        // An APK carried inside an APK is not the app's manifest.
        ("assets/inner.apk", b"PK\x05\x06", false),
    ])
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

/// `check app.apk`: the manifest entry is decoded, requests located at the AXML line.
#[test]
fn apk_requests_with_entry_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "app.apk", &apk());
    let (code, report) = check_json(&[path.to_str().unwrap(), "--policy", &policy()]);
    assert_eq!(code, 1);
    assert_eq!(
        requests_via_undeclared(&report),
        pairs(&[
            ("android.permission.CAMERA", "3:null"),
            ("android.permission.SEND_SMS", "4:null"),
        ])
    );
    let finding = &report["findings"][0];
    assert!(
        finding["path"]
            .as_str()
            .unwrap()
            .ends_with("app.apk!/AndroidManifest.xml"),
        "{finding}"
    );
    assert_eq!(report["inputs"][0]["kind"], "apk");
    assert_eq!(report["inputs"][0]["platform"], "android");
}

/// The built-in policy also applies to artifacts; the table report names the entry.
#[test]
fn apk_against_builtin_policy_table() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = axml_manifest(false, &[("android.permission.BODY_SENSORS", None)], &[]);
    let path = write(
        dir.path(),
        "app.apk",
        &zip(&[("AndroidManifest.xml", &manifest, true)]),
    );
    permaudit()
        .args(["check", path.to_str().unwrap()])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("app.apk!/AndroidManifest.xml:3"))
        .stdout(predicate::str::contains("android.permission.BODY_SENSORS"));
}

/// A bare compiled manifest is detected by content, whatever its name.
#[test]
fn bare_binary_manifest() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = axml_manifest(true, &[("android.permission.INTERNET", Some("22"))], &[]);
    let path = write(dir.path(), "compiled.bin", &bytes);
    let (code, report) = check_json(&[path.to_str().unwrap(), "--policy", &policy()]);
    assert_eq!(code, 1);
    assert_eq!(
        requests_via_undeclared(&report),
        pairs(&[("android.permission.INTERNET", "3:null")])
    );
    assert_eq!(report["inputs"][0]["kind"], "binary-manifest");
}

/// `check app.aab`: one input per module, each module's requests at its own path.
#[test]
fn app_bundle_per_module() {
    let dir = tempfile::tempdir().unwrap();
    let base = proto_manifest(&["android.permission.INTERNET", "android.permission.CAMERA"]);
    let feature = proto_manifest(&["android.permission.RECORD_AUDIO"]);
    let bytes = zip(&[
        ("BundleConfig.pb", b"", false),
        ("base/manifest/AndroidManifest.xml", &base, true),
        ("base/resources.pb", b"", false),
        ("voice/manifest/AndroidManifest.xml", &feature, false),
    ]);
    let path = write(dir.path(), "app.aab", &bytes);
    let (code, report) = check_json(&[path.to_str().unwrap(), "--policy", &policy()]);
    assert_eq!(code, 1);
    let inputs = common::input_paths(&report);
    assert_eq!(inputs.len(), 2);
    assert!(inputs[0].ends_with("app.aab!/base/manifest/AndroidManifest.xml"));
    assert!(inputs[1].ends_with("app.aab!/voice/manifest/AndroidManifest.xml"));
    let by_path: Vec<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let path = f["path"].as_str().unwrap();
            let module = path.split("!/").nth(1).unwrap().split('/').next().unwrap();
            (
                module.to_owned(),
                f["permission"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        by_path,
        pairs(&[
            ("base", "android.permission.INTERNET"),
            ("base", "android.permission.CAMERA"),
            ("voice", "android.permission.RECORD_AUDIO"),
        ])
    );
    assert!(
        report["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["kind"] == "aab")
    );
    // The human header counts the file and its inputs apart.
    common::permaudit()
        .args(["check", path.to_str().unwrap(), "--policy", &policy()])
        .assert()
        .code(1)
        .stdout(predicates::str::contains("audited 1 file (2 inputs):"));
}

fn ipa() -> Vec<u8> {
    let mut dict = plist::Dictionary::new();
    dict.insert("CFBundleIdentifier".into(), "com.example".into());
    dict.insert("NSCameraUsageDescription".into(), "Scan".into());
    dict.insert("NSBluetoothAlwaysUsageDescription".into(), "Pair".into());
    let mut app = Vec::new();
    plist::Value::Dictionary(dict)
        .to_writer_binary(&mut app)
        .unwrap();
    let extension = b"<?xml version=\"1.0\"?>\n<plist version=\"1.0\">\n<dict>\n\
        \t<key>CFBundleIdentifier</key><string>x</string>\n\
        \t<key>NSMicrophoneUsageDescription</key><string>Dictate</string>\n</dict>\n</plist>\n";
    zip(&[
        ("Payload/Demo.app/Info.plist", &app, true),
        (
            "Payload/Demo.app/PlugIns/Share.appex/Info.plist",
            extension,
            true,
        ),
        // A framework's Info.plist requests nothing.
        (
            "Payload/Demo.app/Frameworks/F.framework/Info.plist",
            b"not read",
            false,
        ),
    ])
}

/// `check app.ipa`: the app's binary plist and the extension's XML plist, each with its path
/// inside the archive (and a line for the XML one).
#[test]
fn ipa_app_and_extension() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "Demo.ipa", &ipa());
    let (code, report) = check_json(&[path.to_str().unwrap(), "--policy", &policy()]);
    assert_eq!(code, 1);
    let findings: Vec<(String, String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let path = f["path"].as_str().unwrap();
            (
                path.split("!/").nth(1).unwrap().to_owned(),
                f["permission"].as_str().unwrap().to_owned(),
                f["line"].to_string(),
            )
        })
        .collect();
    assert_eq!(
        findings,
        vec![
            (
                "Payload/Demo.app/Info.plist".to_owned(),
                "NSBluetoothAlwaysUsageDescription".to_owned(),
                "null".to_owned()
            ),
            (
                "Payload/Demo.app/PlugIns/Share.appex/Info.plist".to_owned(),
                "NSMicrophoneUsageDescription".to_owned(),
                "5".to_owned()
            ),
        ]
    );
    assert_eq!(common::input_paths(&report).len(), 2);
}

/// A directory holding artifacts: all three are discovered and audited.
#[test]
fn directory_of_artifacts() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    write(dir.path(), "out/app.apk", &apk());
    write(dir.path(), "out/Demo.ipa", &ipa());
    let base = proto_manifest(&["android.permission.CAMERA"]);
    write(
        dir.path(),
        "out/app.aab",
        &zip(&[("base/manifest/AndroidManifest.xml", &base, true)]),
    );
    let (code, report) = check_json(&[dir.path().to_str().unwrap(), "--policy", &policy()]);
    assert_eq!(code, 1);
    let kinds: Vec<String> = report["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["kind"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(kinds, ["ipa", "ipa", "aab", "apk"]);
}

/// Data prepended before the zip (a Janus-style APK) does not hide the manifest.
#[test]
fn prepended_data_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"dex\n035\0 a DEX file pretending to be the APK".to_vec();
    bytes.extend_from_slice(&apk());
    let path = write(dir.path(), "janus.apk", &bytes);
    let (code, report) = check_json(&[path.to_str().unwrap(), "--policy", &policy()]);
    assert_eq!(code, 1, "{report}");
    assert_eq!(requests_via_undeclared(&report).len(), 2);
}

/// A stored manifest whose compression method was scrambled is read as stored, as Android
/// reads it.
#[test]
fn unknown_method_on_stored_manifest() {
    let manifest = sample_axml(false);
    let mut bytes = zip(&[("AndroidManifest.xml", &manifest, false)]);
    // Method field: offset 8 of the local header, offset 10 of the central directory entry.
    bytes[8..10].copy_from_slice(&30208u16.to_le_bytes());
    let central = bytes.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
    bytes[central + 10..central + 12].copy_from_slice(&30208u16.to_le_bytes());
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "app.apk", &bytes);
    let (code, report) = check_json(&[path.to_str().unwrap(), "--policy", &policy()]);
    assert_eq!(code, 1, "{report}");
    assert_eq!(requests_via_undeclared(&report).len(), 2);
}

/// Broken artifacts are exit 2 naming the file (and the entry when it is the entry).
#[test]
fn broken_artifacts_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "garbage.apk",
            b"not a zip at all".to_vec(),
            "garbage.apk: not a readable zip",
        ),
        (
            "nomanifest.apk",
            zip(&[("classes.dex", b"dex", false)]),
            "nomanifest.apk: no AndroidManifest.xml entry",
        ),
        (
            "badaxml.apk",
            zip(&[(
                "AndroidManifest.xml",
                b"\x03\x00\x08\x00\xff\xff\xff\x7f1234",
                false,
            )]),
            "badaxml.apk!/AndroidManifest.xml: binary AXML",
        ),
        (
            "badmodule.aab",
            zip(&[("base/manifest/AndroidManifest.xml", b"\xff\xff\xff", false)]),
            "badmodule.aab!/base/manifest/AndroidManifest.xml: not an aapt2 protobuf manifest",
        ),
        (
            "noapp.ipa",
            zip(&[("Payload/readme.txt", b"x", false)]),
            "noapp.ipa: no Payload/<App>.app/Info.plist entry",
        ),
    ];
    for (name, bytes, message) in cases {
        let path = write(dir.path(), name, &bytes);
        permaudit()
            .args(["check", path.to_str().unwrap()])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
    }
}

/// A zip bomb: the manifest entry inflates past the inflated-size limit, which is named.
#[test]
fn zip_bomb_names_the_limit() {
    let limit = permaudit::input::archive::LIMITS.max_inflated as usize;
    let zeros = vec![0u8; limit + 1];
    let bytes = zip(&[("AndroidManifest.xml", &zeros, true)]);
    assert!(bytes.len() < limit / 100, "the bomb is small compressed");
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "bomb.apk", &bytes);
    permaudit()
        .args(["check", path.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bomb.apk!/AndroidManifest.xml"))
        .stderr(predicate::str::contains("max-inflated-size"));
}

/// Enough files to be read on several threads: inputs keep their sorted order, and every
/// broken file is reported (in order), not just the first.
#[test]
fn many_files_in_parallel_keep_order_and_errors() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..90 {
        let sub = dir.path().join(format!("m{i:02}"));
        std::fs::create_dir(&sub).unwrap();
        let text = if i == 10 || i == 80 {
            "<manifest><application>".to_owned()
        } else {
            format!(
                "<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\">\
                 <uses-permission android:name=\"P{i}\"/></manifest>"
            )
        };
        std::fs::write(sub.join("AndroidManifest.xml"), text).unwrap();
    }
    let output = permaudit()
        .args(["check", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    let m10 = stderr.find("m10/AndroidManifest.xml").unwrap();
    let m80 = stderr.find("m80/AndroidManifest.xml").unwrap();
    assert!(m10 < m80, "{stderr}");

    std::fs::remove_dir_all(dir.path().join("m10")).unwrap();
    std::fs::remove_dir_all(dir.path().join("m80")).unwrap();
    let (code, report) = check_json(&[dir.path().to_str().unwrap(), "--policy", &policy()]);
    assert_eq!(code, 1);
    let inputs = common::input_paths(&report);
    assert_eq!(inputs.len(), 88);
    let mut sorted = inputs.clone();
    sorted.sort();
    assert_eq!(inputs, sorted);
}
