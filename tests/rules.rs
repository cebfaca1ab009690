//! One test per advisory rule, each over its own fixture in `testdata/rules/<rule-id>/`, plus
//! successor-aware matching and the `undeclared-normal` setting. Each asserts exactly the
//! findings of the rule under test, so a rule that stops firing, or fires too often, fails.

mod common;

use common::{check_json, findings, permaudit};
use predicates::prelude::*;

const IOS_ONLY: &str = "testdata/policies-yaml/ios-only.yaml";

/// `(permission, "line:column")` of the findings of `rule`, in report order.
fn of_rule(report: &serde_json::Value, rule: &str) -> Vec<(String, String)> {
    findings(report)
        .into_iter()
        .filter(|(r, _, _)| r == rule)
        .map(|(_, p, at)| (p, at))
        .collect()
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

/// Messages of the findings of `rule`.
fn messages(report: &serde_json::Value, rule: &str) -> Vec<String> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| f["message"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// Signature/privileged permissions (and role permissions the reference lists as unobtainable)
/// are reported; appop, special-access and vendor permissions are not.
#[test]
fn unobtainable_permission() {
    let (_, report) = check_json(&[
        "testdata/rules/unobtainable-permission/AndroidManifest.xml",
        "--policy",
        IOS_ONLY,
    ]);
    assert_eq!(
        of_rule(&report, "unobtainable-permission"),
        pairs(&[
            ("android.permission.READ_LOGS", "5:5"),
            ("android.permission.WRITE_SECURE_SETTINGS", "6:5"),
            ("android.permission.READ_PRIVILEGED_PHONE_STATE", "7:5"),
        ])
    );
    assert!(messages(&report, "unobtainable-permission")[0].contains("signature|privileged"));
}

/// Play declaration-form permissions are reported with the Play policy's name; foreground
/// location (no declaration) is not.
#[test]
fn restricted_permission() {
    let (_, report) = check_json(&[
        "testdata/rules/restricted-permission/AndroidManifest.xml",
        "--policy",
        IOS_ONLY,
    ]);
    assert_eq!(
        of_rule(&report, "restricted-permission"),
        pairs(&[
            ("android.permission.SEND_SMS", "4:5"),
            ("android.permission.READ_CALL_LOG", "5:5"),
            ("android.permission.QUERY_ALL_PACKAGES", "6:5"),
        ])
    );
    let messages = messages(&report, "restricted-permission");
    assert!(
        messages[0].contains("\"SMS permission group\""),
        "{}",
        messages[0]
    );
    assert!(
        messages[1].contains("\"Call Log permission group\""),
        "{}",
        messages[1]
    );
}

/// Deprecated Android permissions are reported with their successor unless capped below the
/// deprecation level; a deprecated iOS key is reported unless its successor is kept with it.
#[test]
fn deprecated_permission() {
    let (_, report) = check_json(&[
        "testdata/rules/deprecated-permission/AndroidManifest.xml",
        "testdata/rules/deprecated-permission/Info.plist",
        "--policy",
        IOS_ONLY,
    ]);
    assert_eq!(
        of_rule(&report, "deprecated-permission"),
        pairs(&[
            ("android.permission.USE_FINGERPRINT", "4:5"),
            ("android.permission.WRITE_EXTERNAL_STORAGE", "7:5"),
            ("android.permission.BLUETOOTH", "8:5"),
            ("android.permission.FLASHLIGHT", "9:5"),
            ("NSCalendarsUsageDescription", "6:2"),
        ])
    );
    let messages = messages(&report, "deprecated-permission");
    assert!(messages[0].contains("android.permission.USE_BIOMETRIC"));
    assert!(messages[1].contains("lower its android:maxSdkVersion=\"32\" to 29"));
    assert!(messages[2].contains("android.permission.BLUETOOTH_CONNECT"));
    assert!(messages[4].contains("NSCalendarsFullAccessUsageDescription"));
}

/// Unknown `android.permission.*` names are reported with the nearest real name; historical,
/// wildcard (Health Connect) and non-platform names are not.
#[test]
fn unknown_permission() {
    let (_, report) = check_json(&[
        "testdata/rules/unknown-permission/AndroidManifest.xml",
        "--policy",
        IOS_ONLY,
    ]);
    assert_eq!(
        of_rule(&report, "unknown-permission"),
        pairs(&[
            ("android.permission.CAMREA", "4:5"),
            ("android.permission.ACCESS_FINE_LOCATON", "5:5"),
        ])
    );
    let messages = messages(&report, "unknown-permission");
    assert!(messages[0].contains("did you mean android.permission.CAMERA?"));
    assert!(messages[1].contains("did you mean android.permission.ACCESS_FINE_LOCATION?"));
}

/// Empty, blank, non-string and placeholder purpose strings are errors (exit 1 even with a
/// policy that discloses everything); a real sentence is not reported.
#[test]
fn empty_purpose() {
    let (code, report) = check_json(&[
        "testdata/rules/empty-purpose/Info.plist",
        "--policy",
        IOS_ONLY,
    ]);
    assert_eq!(code, 1);
    assert_eq!(
        of_rule(&report, "empty-purpose"),
        pairs(&[
            ("NSCameraUsageDescription", "6:2"),
            ("NSMicrophoneUsageDescription", "8:2"),
            ("NSContactsUsageDescription", "10:2"),
            ("NSPhotoLibraryUsageDescription", "12:2"),
        ])
    );
    let (_, report) = check_json(&["testdata/ios/empty-purpose.plist", "--policy", IOS_ONLY]);
    assert_eq!(
        of_rule(&report, "empty-purpose"),
        pairs(&[
            ("NSCameraUsageDescription", "7:2"),
            ("NSMicrophoneUsageDescription", "9:2"),
        ])
    );
    assert!(
        report["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|f| f["rule"] == "empty-purpose")
            .all(|f| f["severity"] == "error")
    );
}

/// Missing companions are reported at the dependent permission; a manifest with every companion
/// has none.
#[test]
fn missing_companion() {
    let dir = "testdata/rules/missing-companion";
    let (_, report) = check_json(&[&format!("{dir}/fine-only.xml"), "--policy", IOS_ONLY]);
    assert_eq!(
        of_rule(&report, "missing-companion"),
        pairs(&[("android.permission.ACCESS_FINE_LOCATION", "4:5")])
    );
    let (_, report) = check_json(&[&format!("{dir}/background-only.xml"), "--policy", IOS_ONLY]);
    assert_eq!(
        of_rule(&report, "missing-companion"),
        pairs(&[
            ("android.permission.ACCESS_BACKGROUND_LOCATION", "4:5"),
            ("android.permission.FOREGROUND_SERVICE", "5:5"),
        ])
    );
    let (_, report) = check_json(&[&format!("{dir}/always-only.plist"), "--policy", IOS_ONLY]);
    assert_eq!(
        of_rule(&report, "missing-companion"),
        pairs(&[("NSLocationAlwaysAndWhenInUseUsageDescription", "6:2")])
    );
    let (_, report) = check_json(&[&format!("{dir}/complete.xml"), "--policy", IOS_ONLY]);
    assert!(of_rule(&report, "missing-companion").is_empty());
}

/// A policy naming deprecated permissions covers their successors (and the reverse): no
/// `undeclared` or `unused` for them, a `policy-outdated` note at each outdated policy entry.
#[test]
fn policy_outdated_and_successor_matching() {
    let args = [
        "testdata/rules/policy-outdated/AndroidManifest.xml",
        "testdata/rules/policy-outdated/Info.plist",
        "--policy",
        "testdata/rules/policy-outdated/policy.yaml",
    ];
    let (code, report) = check_json(&args);
    assert_eq!(code, 0);
    assert_eq!(
        of_rule(&report, "policy-outdated"),
        pairs(&[
            ("android.permission.USE_FINGERPRINT", "7:19"),
            ("NSCalendarsUsageDescription", "14:19"),
        ])
    );
    assert!(of_rule(&report, "undeclared").is_empty());
    assert!(of_rule(&report, "unused").is_empty());
    assert_eq!(report["summary"]["notes"], 2);
    assert!(messages(&report, "policy-outdated")[0].contains("android.permission.USE_BIOMETRIC"));

    // Strict names: the successors are undeclared and the old names unused.
    let (code, report) = check_json(&[args[0], args[1], args[2], args[3], "--strict-names"]);
    assert_eq!(code, 1);
    assert!(of_rule(&report, "policy-outdated").is_empty());
    assert_eq!(
        of_rule(&report, "undeclared"),
        pairs(&[
            ("android.permission.USE_BIOMETRIC", "4:5"),
            ("android.permission.READ_EXTERNAL_STORAGE", "5:5"),
            ("NSCalendarsFullAccessUsageDescription", "6:2"),
        ])
    );
    assert_eq!(
        of_rule(&report, "unused"),
        pairs(&[
            ("android.permission.USE_FINGERPRINT", "7:19"),
            ("android.permission.READ_MEDIA_IMAGES", "10:19"),
            ("NSCalendarsUsageDescription", "14:19"),
        ])
    );
}

/// `--undeclared-normal warning` lowers `undeclared` for install-time permissions only, and
/// each lowered finding says so; runtime and vendor permissions stay errors.
#[test]
fn undeclared_normal_is_never_silent() {
    let (_, report) = check_json(&["testdata/m5-app", "--undeclared-normal", "warning"]);
    let undeclared: Vec<_> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "undeclared")
        .map(|f| {
            (
                f["permission"].as_str().unwrap_or_default().to_owned(),
                f["severity"].as_str().unwrap_or_default().to_owned(),
                f["message"]
                    .as_str()
                    .unwrap_or_default()
                    .contains("reported as warning by the undeclared-normal setting"),
            )
        })
        .collect();
    let expect = |p: &str, s: &str, noted: bool| (p.to_owned(), s.to_owned(), noted);
    assert_eq!(
        undeclared,
        vec![
            expect("android.permission.ACCESS_NETWORK_STATE", "warning", true),
            expect("android.permission.CHANGE_WIFI_STATE", "warning", true),
            expect("android.permission.FOREGROUND_SERVICE", "warning", true),
            expect("android.permission.POST_NOTIFICATIONS", "error", false),
            expect(
                "com.huawei.android.launcher.permission.CHANGE_BADGE",
                "error",
                false
            ),
            expect("NSBluetoothAlwaysUsageDescription", "error", false),
            expect("NSLocalNetworkUsageDescription", "error", false),
        ]
    );
    permaudit()
        .args(["check", "testdata/m5-app", "--undeclared-normal", "off"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'off'"));
}
