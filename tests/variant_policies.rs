//! Per-variant policies (the config's `policies:`) through the real binary, on
//! `testdata/gradle/variant-policies/`: a Google Play and a mainland-China flavor, each with a
//! `release` and a `beta` build type, audited against the policy each ships with, and an iOS
//! app that keeps the default policy. Every policy misses something only another variant
//! requests, so a variant judged against the wrong policy changes the findings.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{check_json, check_stdout, permaudit};
use predicates::prelude::*;
use serde_json::Value;

const TREE: &str = "testdata/gradle/variant-policies";

fn at(file: &str) -> String {
    format!("{TREE}/{file}")
}

/// (rule, permission, path, variants, policy) of every finding.
fn findings(report: &Value) -> Vec<(String, String, String, String, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let variants: Vec<&str> = f["variants"]
                .as_array()
                .map(|v| v.iter().map(|x| x.as_str().unwrap()).collect())
                .unwrap_or_default();
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["permission"].as_str().unwrap().to_owned(),
                f["path"].as_str().unwrap().to_owned(),
                variants.join(","),
                f["policy"].as_str().unwrap_or("-").to_owned(),
            )
        })
        .collect()
}

fn only<'a>(
    all: &'a [(String, String, String, String, String)],
    rule: &str,
) -> Vec<(&'a str, &'a str, &'a str, &'a str)> {
    all.iter()
        .filter(|f| f.0 == rule)
        .map(|f| (f.1.as_str(), f.2.as_str(), f.3.as_str(), f.4.as_str()))
        .collect()
}

#[test]
fn each_variant_is_audited_against_its_policy() {
    let (code, report) = check_json(&[TREE]);
    assert_eq!(code, 1, "{report}");
    let cn = at("privacy-cn.yaml");
    let play = at("privacy-play.yaml");
    let default = at("privacy.yaml");
    let main = at("android/app/src/main/AndroidManifest.xml");

    // Which policy each input was audited against.
    let policies: Vec<(String, String)> = report["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["build"]
                    .as_str()
                    .unwrap_or(i["path"].as_str().unwrap())
                    .to_owned(),
                i["policy"]["path"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let mut policies = policies;
    policies.sort();
    assert_eq!(
        policies,
        vec![
            ("chinaBeta".to_owned(), cn.clone()),
            ("chinaRelease".to_owned(), cn.clone()),
            ("playBeta".to_owned(), play.clone()),
            ("playRelease".to_owned(), play.clone()),
            (at("ios/Info.plist"), default.clone()),
        ]
    );
    assert_eq!(
        report["variant_policies"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (
                e["variants"].clone(),
                e["audited"].clone(),
                e["line"].clone()
            ))
            .collect::<Vec<_>>(),
        vec![
            (
                Value::from("china*"),
                serde_json::json!(["chinaBeta", "chinaRelease"]),
                Value::from(5)
            ),
            (
                Value::from("play*"),
                serde_json::json!(["playBeta", "playRelease"]),
                Value::from(7)
            ),
        ]
    );

    let all = findings(&report);
    // READ_PHONE_STATE (china only) is disclosed by the China policy, POST_NOTIFICATIONS (play
    // only) by the Play policy: neither is undeclared. VIBRATE is disclosed by neither: one
    // finding per policy, never merged across them. ACCESS_WIFI_STATE (the beta build type)
    // is undeclared for playBeta alone.
    assert_eq!(
        only(&all, "undeclared"),
        vec![
            (
                "android.permission.ACCESS_WIFI_STATE",
                at("android/app/src/beta/AndroidManifest.xml").as_str(),
                "playBeta",
                play.as_str()
            ),
            (
                "android.permission.VIBRATE",
                main.as_str(),
                "chinaBeta,chinaRelease",
                cn.as_str()
            ),
            (
                "android.permission.VIBRATE",
                main.as_str(),
                "playBeta,playRelease",
                play.as_str()
            ),
            (
                "NSMicrophoneUsageDescription",
                at("ios/Info.plist").as_str(),
                "",
                default.as_str()
            ),
        ]
    );
    // `unused` is per policy: ACCESS_WIFI_STATE is requested by chinaBeta, so the China row is
    // in use though chinaRelease does not request it; SEND_SMS no China variant requests. The
    // default policy audits no Android input, so its Android row is not judged.
    assert_eq!(
        only(&all, "unused"),
        vec![(
            "android.permission.SEND_SMS",
            cn.as_str(),
            "chinaBeta,chinaRelease",
            cn.as_str()
        )]
    );
    // Coverage per policy and platform.
    let human = check_stdout(&[TREE, "--color", "never"]).1;
    for line in [
        "policy for variants china*: Ledger 个人信息保护政策（中国大陆版） \
         (testdata/gradle/variant-policies/privacy-cn.yaml); audited: chinaBeta, chinaRelease",
        "chinaRelease: testdata/gradle/variant-policies/android/app/src/main/AndroidManifest.xml",
        "= note: audited against testdata/gradle/variant-policies/privacy-play.yaml",
        "Android against testdata/gradle/variant-policies/privacy-cn.yaml:",
        "iOS against testdata/gradle/variant-policies/privacy.yaml:",
    ] {
        let squeezed = human.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(squeezed.contains(line), "{line}\n{human}");
    }
}

#[test]
fn every_format_names_the_policy_of_each_finding() {
    let sarif = permaudit()
        .args(["check", TREE, "--format", "sarif"])
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&sarif.stdout).unwrap();
    let vibrate: Vec<(String, String)> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["properties"]["permission"] == "android.permission.VIBRATE")
        .map(|r| {
            (
                r["properties"]["policy"].as_str().unwrap().to_owned(),
                r["partialFingerprints"]["permauditFinding/v1"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            )
        })
        .collect();
    assert_eq!(vibrate.len(), 2, "{sarif}");
    assert_ne!(vibrate[0].0, vibrate[1].0);
    for (format, needle) in [
        (
            "markdown",
            "policy for variants play*: Ledger privacy policy (Google Play)",
        ),
        (
            "markdown",
            "audited against testdata/gradle/variant-policies/privacy-cn.yaml",
        ),
        ("html", "Policy for variants"),
        (
            "html",
            "Android against testdata/gradle/variant-policies/privacy-play.yaml",
        ),
        (
            "concise",
            "audited against testdata/gradle/variant-policies/privacy-play.yaml",
        ),
        (
            "junit",
            "audited against testdata/gradle/variant-policies/privacy-cn.yaml",
        ),
    ] {
        permaudit()
            .args(["check", TREE, "--format", format])
            .assert()
            .code(1)
            .stdout(predicate::str::contains(needle));
    }
}

#[test]
fn a_variant_matched_twice_is_an_error_naming_both_entries() {
    permaudit()
        .args(["check", TREE, "--config", &at("overlap.yaml")])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "{}:6:15: invalid config: variant chinaRelease matches two `policies:` entries, \
             `china*`",
            at("overlap.yaml")
        )))
        .stderr(predicate::str::contains("`*Release`"));
}

#[test]
fn a_policy_on_the_command_line_is_the_only_policy() {
    let (code, report) = check_json(&[TREE, "--policy", &at("privacy-play.yaml")]);
    assert_eq!(code, 1);
    assert!(report.get("variant_policies").is_none(), "{report}");
    let all = findings(&report);
    let undeclared = only(&all, "undeclared");
    assert!(
        undeclared
            .iter()
            .any(|f| f.0 == "android.permission.READ_PHONE_STATE"
                && f.2 == "chinaBeta,chinaRelease"
                && f.3 == "-"),
        "{undeclared:?}"
    );
}

#[test]
fn a_variant_no_entry_matches_uses_the_default_policy() {
    // `Play*` matches nothing: the Play variants fall back to the default policy, whose only
    // Android row is INTERNET.
    let config = at("only-china.yaml");
    let (code, report) = check_json(&[TREE, "--config", &config]);
    assert_eq!(code, 1);
    let entries = report["variant_policies"].as_array().unwrap();
    assert_eq!(
        entries[1]["audited"],
        serde_json::json!([]),
        "globs are case-sensitive"
    );
    let all = findings(&report);
    let camera: Vec<_> = only(&all, "undeclared")
        .into_iter()
        .filter(|f| f.0 == "android.permission.CAMERA")
        .collect();
    assert_eq!(camera.len(), 1, "{camera:?}");
    assert_eq!(camera[0].2, "playBeta,playRelease");
    assert!(camera[0].3.ends_with("privacy.yaml"), "{camera:?}");
    permaudit()
        .args(["check", TREE, "--config", &config])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("no audited variant matches"));
}
