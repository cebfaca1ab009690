//! End-to-end behaviour of `permaudit check` over the files in `testdata/`, driving the real
//! binary. Each test's doc comment says what a user would expect.

mod common;

use common::{check_json, findings, input_paths, permaudit, requests_via_undeclared};
use predicates::prelude::*;

const IOS_ONLY: &str = "testdata/policies-yaml/ios-only.yaml";

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

/// The sample app against the built-in policy: a readable table, exit 1.
#[test]
fn sample_app_table_exits_1() {
    permaudit()
        .args(["check", "testdata/m5-app"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "policy: M5 Privacy Protection Agreement — Appendix 2 (built-in)",
        ))
        .stdout(predicate::str::contains("audited 2 files (3 inputs):"))
        .stdout(predicate::str::contains("7 errors, 11 warnings, 0 notes"))
        .stdout(predicate::str::contains("\u{1b}[").not());
}

/// The JSON report has design §5's schema, and only the app's own files were audited: the
/// Android app as its two release variants (the debug source set, test source sets, build
/// outputs, node_modules and Pods decoys skipped).
#[test]
fn sample_app_json_schema_and_discovery() {
    let (code, report) = check_json(&["testdata/m5-app"]);
    assert_eq!(code, 1);
    assert_eq!(report["version"], 1);
    assert_eq!(
        report["policy"]["name"],
        "M5 Privacy Protection Agreement — Appendix 2"
    );
    assert!(report["policy"]["path"].is_null());
    assert_eq!(
        input_paths(&report),
        vec![
            "testdata/m5-app/android/app/src/main/AndroidManifest.xml",
            "testdata/m5-app/android/app/src/main/AndroidManifest.xml",
            "testdata/m5-app/ios/M5/Info.plist"
        ]
    );
    assert_eq!(report["inputs"][0]["platform"], "android");
    assert_eq!(report["inputs"][0]["kind"], "gradle-variant");
    assert_eq!(report["inputs"][0]["build"], "playRelease");
    assert_eq!(report["inputs"][1]["build"], "chinaRelease");
    assert_eq!(report["inputs"][2]["platform"], "ios");
    assert_eq!(report["inputs"][2]["kind"], "plist");
    assert_eq!(
        report["summary"],
        serde_json::json!({"errors": 7, "warnings": 11, "notes": 0})
    );
    let keys: Vec<_> = report["findings"][0]
        .as_object()
        .expect("finding object")
        .keys()
        .cloned()
        .collect();
    assert_eq!(
        keys,
        [
            "column",
            "line",
            "message",
            "path",
            "permission",
            "platform",
            "rule",
            "severity",
            "variants"
        ]
    );
    insta::assert_json_snapshot!("m5_app_json", report);
}

/// `--fail-on never` reports the same findings and exits 0.
#[test]
fn fail_on_never_exits_0() {
    let (code, report) = check_json(&["testdata/m5-app", "--fail-on", "never"]);
    assert_eq!(code, 0);
    assert_eq!(report["summary"]["errors"], 7);
}

/// An app that requests nothing: every Appendix 2 permission of both platforms is `unused`
/// (warnings), and the default threshold still passes; `--fail-on warning` fails.
#[test]
fn app_requesting_nothing_reports_every_disclosure_unused() {
    let args = [
        "testdata/android/empty-app.xml",
        "testdata/ios/empty-app.plist",
    ];
    let (code, report) = check_json(&args);
    assert_eq!(code, 0);
    let all = findings(&report);
    assert!(all.iter().all(|(rule, _, _)| rule == "unused"));
    let android = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["platform"] == "android")
        .count();
    // 20 rows, 23 entries: READ_PHONE_STATE is disclosed by two rows and each is stale.
    assert_eq!(android, 23);
    assert_eq!(all.len() - android, 9);
    let distinct: std::collections::BTreeSet<_> = all.iter().map(|(_, p, _)| p.clone()).collect();
    assert_eq!(distinct.len(), 22 + 9);
    let (code, _) = check_json(&[args[0], args[1], "--fail-on", "warning"]);
    assert_eq!(code, 1);
}

/// Unused findings of a single-platform audit never mention the other platform.
#[test]
fn unused_is_judged_only_for_audited_platforms() {
    let (_, report) = check_json(&["testdata/android/empty-app.xml"]);
    assert!(
        report["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .all(|f| f["platform"] == "android")
    );
}

/// A manifest binding the Android namespace to another prefix: names are found by namespace
/// URI, and an `android:` prefix bound elsewhere is not the Android namespace.
#[test]
fn android_namespace_by_uri_not_prefix() {
    let (code, report) = check_json(&["testdata/android/other-prefix.xml", "--policy", IOS_ONLY]);
    assert_eq!(code, 1);
    assert_eq!(
        requests_via_undeclared(&report),
        pairs(&[
            ("android.permission.CAMERA", "16:5"),
            ("android.permission.ACCESS_FINE_LOCATION", "19:5"),
            ("android.permission.RECORD_AUDIO", "23:5"),
            ("android.permission.WAKE_LOCK", "29:5"),
        ])
    );
}

/// BOM + CRLF, `tools:node="remove"`, `uses-permission-sdk-23`, `maxSdkVersion` and
/// commented-out / CDATA / PI permissions: the right set at the right lines and columns.
#[test]
fn bom_crlf_manifest_right_set_right_lines() {
    let (_, report) = check_json(&["testdata/android/bom-crlf.xml", "--policy", IOS_ONLY]);
    assert_eq!(
        requests_via_undeclared(&report),
        pairs(&[
            ("android.permission.INTERNET", "18:5"),
            ("android.permission.CAMERA", "20:5"),
            ("android.permission.VIBRATE", "20:65"),
            ("android.permission.ACCESS_FINE_LOCATION", "21:5"),
            ("android.permission.WRITE_EXTERNAL_STORAGE", "22:5"),
        ])
    );
}

/// Only direct children of `<manifest>` are requests.
#[test]
fn nested_uses_permission_is_not_a_request() {
    let (_, report) = check_json(&["testdata/android/nested.xml", "--policy", IOS_ONLY]);
    assert_eq!(
        requests_via_undeclared(&report),
        pairs(&[("android.permission.INTERNET", "9:5")])
    );
}

/// A permission the manifest declares itself is the app's own and needs no disclosure;
/// placeholders are kept verbatim.
#[test]
fn own_permissions_are_exempt() {
    let (_, report) = check_json(&["testdata/android/own-permission.xml", "--policy", IOS_ONLY]);
    assert_eq!(
        requests_via_undeclared(&report),
        pairs(&[("android.permission.CAMERA", "14:5")])
    );
    let (_, report) = check_json(&["testdata/android/placeholder.xml", "--policy", IOS_ONLY]);
    assert_eq!(
        requests_via_undeclared(&report),
        pairs(&[("android.permission.INTERNET", "13:5")])
    );
}

/// A binary Info.plist is detected by content; its findings name the file without a line.
#[test]
fn binary_plist() {
    let (code, report) = check_json(&[
        "testdata/ios/binary.plist",
        "--policy",
        "testdata/policies-yaml/short-names.yaml",
    ]);
    assert_eq!(code, 1);
    assert_eq!(report["inputs"][0]["kind"], "binary-plist");
    let undeclared: Vec<_> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "undeclared")
        .collect();
    assert_eq!(undeclared.len(), 1);
    assert_eq!(undeclared[0]["permission"], "NSMicrophoneUsageDescription");
    assert_eq!(undeclared[0]["path"], "testdata/ios/binary.plist");
    assert!(undeclared[0]["line"].is_null());
}

/// XML plist: only top-level purpose keys count, positions are those of `<key>`.
#[test]
fn xml_plist_top_level_keys() {
    let (_, report) = check_json(&[
        "testdata/ios/basic.plist",
        "--policy",
        "testdata/policies-yaml/short-names.yaml",
    ]);
    let got: Vec<_> = findings(&report)
        .into_iter()
        .filter(|(rule, _, _)| rule == "undeclared")
        .map(|(_, p, at)| (p, at))
        .collect();
    assert_eq!(
        got,
        pairs(&[
            ("NFCReaderUsageDescription", "18:2"),
            ("NSMicrophoneUsageDescription", "20:2"),
        ])
    );
}

/// A custom policy with short names resolves them (INSTALL_SHORTCUT to the launcher
/// namespace) and its `unused` findings point at the policy's own lines.
#[test]
fn custom_policy_with_short_names() {
    let (code, report) = check_json(&[
        "testdata/android/placeholder.xml",
        "--policy",
        "testdata/policies-yaml/short-names.yaml",
    ]);
    assert_eq!(code, 0);
    assert_eq!(
        report["policy"]["path"],
        "testdata/policies-yaml/short-names.yaml"
    );
    let unused: Vec<_> = findings(&report)
        .into_iter()
        .filter(|(rule, _, _)| rule == "unused")
        .map(|(_, p, at)| (p, at))
        .collect();
    assert_eq!(
        unused,
        pairs(&[
            ("android.permission.CAMERA", "6:19"),
            ("android.permission.ACCESS_NETWORK_STATE", "11:9"),
            ("com.android.launcher.permission.INSTALL_SHORTCUT", "15:19"),
        ])
    );
}

/// Invalid policies exit 2 with `file:line:column` and what was expected.
#[test]
fn invalid_policies_exit_2_with_position() {
    for (file, at, needle) in [
        ("misspelt-field.yaml", "9:5", "did you mean `permissions`"),
        (
            "empty-permissions.yaml",
            "8:18",
            "expected at least one permission",
        ),
        ("unknown-short-name.yaml", "6:19", "did you mean `CAMERA`"),
        ("wrong-type.yaml", "6:18", "sequence"),
    ] {
        let path = format!("testdata/policies-yaml/{file}");
        permaudit()
            .args(["check", "testdata/m5-app", "--policy", &path])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(format!("{path}:{at}")))
            .stderr(predicate::str::contains(needle));
    }
}

/// A truncated manifest is exit 2 naming the file, with nothing on stdout that could be read
/// as a clean result.
#[test]
fn truncated_manifest_exits_2() {
    permaudit()
        .args([
            "check",
            "testdata/android/truncated.xml",
            "--format",
            "json",
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("testdata/android/truncated.xml"));
}

/// Every broken input is listed, not just the first.
#[test]
fn all_input_errors_are_listed() {
    permaudit()
        .args([
            "check",
            "testdata/android/truncated.xml",
            "testdata/ios/array-root.plist",
            "testdata/ios/not-a-plist.plist",
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("truncated.xml"))
        .stderr(predicate::str::contains("array-root.plist"))
        .stderr(predicate::str::contains("expected <dict>"))
        .stderr(predicate::str::contains("not-a-plist.plist"));
}

/// A missing path is exit 2.
#[test]
fn missing_path_exits_2() {
    permaudit()
        .args(["check", "testdata/does-not-exist"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "testdata/does-not-exist: no such file or directory",
        ));
}

/// A directory with nothing to audit is exit 2: a CI step pointed at the wrong folder must
/// not pass.
#[test]
fn directory_without_inputs_exits_2() {
    permaudit()
        .args(["check", "testdata/policies-yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no AndroidManifest.xml, Info.plist or Xcode project under testdata/policies-yaml",
        ));
}

/// Entity-expansion bombs and external entities are refused without expansion or fetching.
#[test]
fn entity_bomb_and_xxe_are_refused() {
    for file in ["entity-bomb.xml", "xxe.xml"] {
        let path = format!("testdata/android/{file}");
        permaudit()
            .args(["check", &path])
            .timeout(std::time::Duration::from_secs(10))
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(&path))
            .stderr(predicate::str::contains("never expands DTD entities"))
            .stderr(predicate::str::contains("root:").not());
    }
}

/// Discovery honours .gitignore and the skip rules, and names the files it audited.
#[test]
fn discovery_respects_gitignore_and_skip_rules() {
    let dir = tempfile::tempdir().expect("tempdir");
    let manifest = std::fs::read("testdata/android/placeholder.xml").expect("fixture");
    for rel in [
        "app/src/main/AndroidManifest.xml",
        "app/src/androidTest/AndroidManifest.xml",
        "app/src/testDebug/AndroidManifest.xml",
        "generated/AndroidManifest.xml",
        ".hidden/AndroidManifest.xml",
        "node_modules/x/AndroidManifest.xml",
        "app/build/AndroidManifest.xml",
    ] {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, &manifest).expect("write");
    }
    std::fs::write(dir.path().join(".gitignore"), "generated/\n").expect("gitignore");
    let output = permaudit()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "--fail-on", "never"])
        .output()
        .expect("run");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(
        input_paths(&report),
        vec!["app/src/main/AndroidManifest.xml"]
    );
}

/// A file named on the command line is audited whatever its name, and format is detected by
/// content.
#[test]
fn named_files_are_always_audited() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("odd-name.txt");
    std::fs::copy("testdata/ios/binary.plist", &path).expect("copy");
    let (_, report) = check_json(&[path.to_str().expect("utf-8 path")]);
    assert_eq!(report["inputs"][0]["kind"], "binary-plist");
}

/// Same input, same bytes out.
#[test]
fn output_is_deterministic() {
    let run = || {
        permaudit()
            .args(["check", "testdata/m5-app", "--format", "json"])
            .output()
            .expect("run")
            .stdout
    };
    assert_eq!(run(), run());
}

/// `policy show` prints the built-in policy, which loads as a policy file. As a file of the
/// user's own, its known findings are no longer acknowledged (`policy/m5.acknowledged.yaml`
/// belongs to the built-in policy only): of them, the rows the app uses draw their findings.
#[test]
fn policy_show_round_trips() {
    let output = permaudit().args(["policy", "show"]).output().expect("run");
    assert!(output.status.success());
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("m5.yaml");
    std::fs::write(&path, &output.stdout).expect("write");
    let (_, builtin) = check_json(&["testdata/m5-app"]);
    let (_, copy) = check_json(&["testdata/m5-app", "--policy", path.to_str().expect("utf-8")]);
    let strip = |v: &serde_json::Value| {
        findings(v)
            .into_iter()
            .map(|(r, p, _)| (r, p))
            .collect::<Vec<_>>()
    };
    let mut extra = strip(&copy);
    for f in strip(&builtin) {
        let i = extra
            .iter()
            .position(|e| *e == f)
            .expect("the copy keeps every finding");
        extra.remove(i);
    }
    assert_eq!(
        extra,
        [(
            "duplicate-disclosure".to_owned(),
            "android.permission.READ_PHONE_STATE".to_owned()
        )]
    );
}

/// Usage errors are exit 2; help is exit 0.
#[test]
fn usage_errors_exit_2() {
    permaudit()
        .args(["check", "--format", "xml"])
        .assert()
        .code(2);
    permaudit().args(["frobnicate"]).assert().code(2);
    permaudit().arg("--help").assert().code(0);
}

/// A reader that closes the pipe early does not produce an error message.
#[cfg(unix)]
#[test]
fn closed_stdout_is_quiet() {
    use std::process::{Command, Stdio};
    let bin = assert_cmd::cargo::cargo_bin!("permaudit");
    let mut child = Command::new(bin)
        .current_dir(common::root())
        .args(["check", "testdata/m5-app"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("wait");
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(output.status.code(), Some(1));
}
