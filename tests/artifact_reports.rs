//! An APK or App Bundle with the Android Gradle plugin's merger report of its build: every
//! request carries who added it (`origin`), as for a merged manifest, in every format; a
//! report of another build is said; the report's variant picks the variant's policy. The
//! artifacts are built byte by byte here (`permaudit::input::testing`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};

use common::permaudit;
use permaudit::input::testing::{axml_manifest, proto_manifest, zip};
use serde_json::Value;

/// INTERNET from the app's own manifest, READ_PHONE_STATE from Umeng, ACCESS_NETWORK_STATE
/// implied by an old library (lines as AGP writes them, Windows paths of the build machine).
const REPORT: &str = "-- Merging decision tree log ---\n\
manifest\n\
ADDED from C:\\w\\app\\src\\main\\AndroidManifest.xml:2:1-20:12\n\
uses-permission#android.permission.INTERNET\n\
ADDED from C:\\w\\app\\src\\main\\AndroidManifest.xml:5:5-67\n\
\tandroid:name\n\
\t\tADDED from C:\\w\\app\\src\\main\\AndroidManifest.xml:5:22-64\n\
uses-permission#android.permission.READ_PHONE_STATE\n\
ADDED from [com.umeng.umsdk:common:9.6.3] C:\\Users\\u\\.gradle\\caches\\a\\AndroidManifest.xml:11:5-75\n\
MERGED from [com.amap.api:location:6.3.0] C:\\Users\\u\\.gradle\\caches\\b\\AndroidManifest.xml:9:5-75\n\
uses-permission#android.permission.ACCESS_NETWORK_STATE\n\
IMPLIED from C:\\w\\app\\src\\main\\AndroidManifest.xml:2:1-20:12 reason: com.old.sdk has a targetSdkVersion < 4\n";

const PERMISSIONS: [&str; 3] = [
    "android.permission.INTERNET",
    "android.permission.READ_PHONE_STATE",
    "android.permission.ACCESS_NETWORK_STATE",
];

fn apk(permissions: &[&str]) -> Vec<u8> {
    let uses: Vec<(&str, Option<&str>)> = permissions.iter().map(|p| (*p, None)).collect();
    let manifest = axml_manifest(false, &uses, &[]);
    zip(&[
        ("classes.dex", b"dex\n035\0", true),
        ("AndroidManifest.xml", &manifest, true),
    ])
}

/// A policy with no Android row, so every request of the artifact is `undeclared`.
fn no_android() -> String {
    common::root()
        .join("testdata/policies-yaml/ios-only.yaml")
        .display()
        .to_string()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    path
}

fn run(dir: &Path, args: &[&str], format: &str) -> (i32, String, String) {
    let out = permaudit()
        .current_dir(dir)
        .args(["check", "--isolated", "--format", format])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let (code, out, err) = run(dir, args, "json");
    assert!(code == 0 || code == 1, "exit {code}: {err}");
    serde_json::from_str(&out).unwrap()
}

/// permission → (path:line, origin kind, origin via) of the first input's requests.
fn origins(report: &Value) -> Vec<(String, String, String, String)> {
    report["inputs"][0]["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["permission"].as_str().unwrap().to_owned(),
                format!("{}:{}", r["path"].as_str().unwrap(), r["line"]),
                r["origin"]["kind"].as_str().unwrap_or("-").to_owned(),
                r["origin"]["via"].as_str().unwrap_or("-").to_owned(),
            )
        })
        .collect()
}

fn has_note(report: &Value, needle: &str) -> bool {
    report["findings"].as_array().unwrap().iter().any(|f| {
        f["rule"] == "unresolved-build-value" && f["message"].as_str().unwrap().contains(needle)
    })
}

#[test]
fn the_report_beside_an_apk_attributes_every_request() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "out/app-china-release.apk", &apk(&PERMISSIONS));
    write(
        dir.path(),
        "out/manifest-merger-chinaRelease-report.txt",
        REPORT.as_bytes(),
    );
    // Another variant's report beside it is not this artifact's.
    write(
        dir.path(),
        "out/manifest-merger-release-report.txt",
        b"-- Merging decision tree log ---\n",
    );
    let policy = no_android();
    let args = ["out/app-china-release.apk", "--policy", policy.as_str()];
    let report = json(dir.path(), &args);
    let r = "out/manifest-merger-chinaRelease-report.txt";
    assert_eq!(
        origins(&report),
        vec![
            (
                PERMISSIONS[0].to_owned(),
                "out/app-china-release.apk!/AndroidManifest.xml:3".to_owned(),
                "-".to_owned(),
                "-".to_owned()
            ),
            (
                PERMISSIONS[1].to_owned(),
                format!("{r}:9"),
                "library".to_owned(),
                "com.umeng.umsdk:common:9.6.3".to_owned()
            ),
            (
                PERMISSIONS[2].to_owned(),
                format!("{r}:12"),
                "implied".to_owned(),
                "com.old.sdk has a targetSdkVersion < 4".to_owned()
            ),
        ]
    );
    assert_eq!(report["inputs"][0]["build"], "chinaRelease");
    assert_eq!(
        report["inputs"][0]["requests"][1]["origin"]["path"],
        "out/app-china-release.apk!/AndroidManifest.xml"
    );
    assert!(
        !has_note(&report, "merger report"),
        "a matching report is not a finding: {report}"
    );
    // The undeclared READ_PHONE_STATE says who added it, in every format.
    let (_, sarif, _) = run(dir.path(), &args, "sarif");
    let sarif: Value = serde_json::from_str(&sarif).unwrap();
    let related = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["properties"]["permission"] == PERMISSIONS[1])
        .unwrap()["relatedLocations"][0]
        .clone();
    assert_eq!(
        related["message"]["text"],
        "added to the merged manifest by com.umeng.umsdk:common:9.6.3"
    );
    for format in ["human", "markdown", "concise", "html"] {
        let (_, out, _) = run(dir.path(), &args, format);
        assert!(
            out.contains("com.umeng.umsdk:common:9.6.3"),
            "{format}: {out}"
        );
    }
}

#[test]
fn a_report_given_with_merger_report_is_used_wherever_it_is() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "dist/app.apk", &apk(&PERMISSIONS));
    write(dir.path(), "logs/build.txt", REPORT.as_bytes());
    let report = json(
        dir.path(),
        &["dist/app.apk", "--merger-report", "logs/build.txt"],
    );
    let got = origins(&report);
    assert_eq!(got[1].1, "logs/build.txt:9");
    assert_eq!(got[1].3, "com.umeng.umsdk:common:9.6.3");
    // Not named like a merger report: no variant to take.
    assert!(report["inputs"][0].get("build").is_none(), "{report}");
}

#[test]
fn a_report_of_another_build_is_said() {
    let dir = tempfile::tempdir().unwrap();
    // CAMERA is in the APK but not in the report; the report's ACCESS_NETWORK_STATE is not in
    // the APK.
    write(
        dir.path(),
        "app.apk",
        &apk(&[PERMISSIONS[0], PERMISSIONS[1], "android.permission.CAMERA"]),
    );
    write(
        dir.path(),
        "manifest-merger-release-report.txt",
        REPORT.as_bytes(),
    );
    let report = json(dir.path(), &["."]);
    assert!(
        has_note(
            &report,
            "this merger report never mentions android.permission.CAMERA, which app.apk!/AndroidManifest.xml requests"
        ),
        "{report}"
    );
    assert!(
        has_note(
            &report,
            "this merger report adds android.permission.ACCESS_NETWORK_STATE, which app.apk!/AndroidManifest.xml does not request"
        ),
        "{report}"
    );
    let note = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["message"].as_str().unwrap().contains("adds android"))
        .unwrap();
    assert_eq!(note["path"], "manifest-merger-release-report.txt");
    assert_eq!(note["line"], 11);
    assert_eq!(note["severity"], "warning");
}

#[test]
fn an_app_bundle_base_module_is_attributed() {
    let dir = tempfile::tempdir().unwrap();
    let base = proto_manifest(&PERMISSIONS);
    let feature = proto_manifest(&["android.permission.RECORD_AUDIO"]);
    write(
        dir.path(),
        "app.aab",
        &zip(&[
            ("base/manifest/AndroidManifest.xml", &base, true),
            ("voice/manifest/AndroidManifest.xml", &feature, true),
        ]),
    );
    write(
        dir.path(),
        "manifest-merger-release-report.txt",
        REPORT.as_bytes(),
    );
    let report = json(dir.path(), &["app.aab"]);
    let got = origins(&report);
    assert_eq!(got[1].3, "com.umeng.umsdk:common:9.6.3", "{report}");
    let voice = &report["inputs"][1];
    assert!(voice["path"].as_str().unwrap().contains("voice/"));
    assert!(voice["requests"][0].get("origin").is_none());
    // The feature module's RECORD_AUDIO is its own report's business, not a mismatch.
    assert!(!has_note(&report, "RECORD_AUDIO"), "{report}");
}

#[test]
fn the_reports_variant_chooses_the_artifacts_policy() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "app-china-release.apk", &apk(&PERMISSIONS));
    write(
        dir.path(),
        "manifest-merger-chinaRelease-report.txt",
        REPORT.as_bytes(),
    );
    write(
        dir.path(),
        "privacy.yaml",
        b"name: default\nandroid:\n  - permissions: [INTERNET]\n    purpose: Sync\n",
    );
    write(
        dir.path(),
        "privacy-cn.yaml",
        b"name: cn\nandroid:\n  - permissions: [INTERNET, READ_PHONE_STATE, ACCESS_NETWORK_STATE]\n    purpose: Sync\n",
    );
    write(
        dir.path(),
        "permaudit.yaml",
        b"policy: privacy.yaml\npolicies:\n  - variants: china*\n    policy: privacy-cn.yaml\n",
    );
    let out = permaudit()
        .current_dir(dir.path())
        .args([
            "check",
            "--config",
            "permaudit.yaml",
            "--format",
            "json",
            "app-china-release.apk",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["inputs"][0]["policy"]["path"], "privacy-cn.yaml");
}

#[test]
fn a_report_without_its_artifact_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "app.apk", &apk(&PERMISSIONS));
    write(
        dir.path(),
        "logs/manifest-merger-release-report.txt",
        REPORT.as_bytes(),
    );
    let (code, _, err) = run(dir.path(), &["."], "json");
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("logs/manifest-merger-release-report.txt: a manifest merger report with no APK or AAB beside it"),
        "{err}"
    );
    let (code, _, err) = run(
        dir.path(),
        &[
            "logs",
            "--merger-report",
            "logs/manifest-merger-release-report.txt",
        ],
        "json",
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no APK or AAB is audited"), "{err}");
    // A malformed report is exit 2 at its line.
    write(dir.path(), "bad/app.apk", &apk(&PERMISSIONS));
    write(
        dir.path(),
        "bad/manifest-merger-release-report.txt",
        b"-- Merging decision tree log ---\nuses-permission#x\nADDED from [lib\n",
    );
    let (code, _, err) = run(dir.path(), &["bad/app.apk"], "json");
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("bad/manifest-merger-release-report.txt:3:1"),
        "{err}"
    );
}
