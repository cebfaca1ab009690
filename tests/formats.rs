//! Every report format over the sample app, snapshotted (insta), plus `--output` and the SARIF
//! validation with the SARIF maintainers' own validator when `.ci/run` provides it.

mod common;

use common::{check_stdout as stdout, permaudit};

/// The human diagnostics, without colour, at the width used off a terminal (100 columns).
#[test]
fn human_snapshot() {
    let (code, text) = stdout(&["testdata/m5-app", "--color", "never"]);
    assert_eq!(code, 1);
    for line in text.lines() {
        assert!(
            line.chars().count() <= 100,
            "longer than 100 columns: {line}"
        );
    }
    insta::assert_snapshot!("m5_app_human", text);
}

/// `--quiet`: the diagnostics alone, no header or summary.
#[test]
fn human_quiet_prints_findings_only() {
    let (code, text) = stdout(&["testdata/m5-app", "--color", "never", "--quiet"]);
    assert_eq!(code, 1);
    assert!(text.starts_with("warning[unused]: "), "{text}");
    assert!(
        !text.lines().any(|l| l.starts_with("policy: ")
            || l.starts_with("Android: ")
            || l.contains("errors,")),
        "{text}"
    );
    let locations = text.lines().filter(|l| l.trim_start().starts_with("--> "));
    assert_eq!(locations.count(), 18, "{text}");
}

/// SARIF 2.1.0: rules from the registry, relative URIs, regions, line-free fingerprints.
#[test]
fn sarif_snapshot() {
    let (code, text) = stdout(&["testdata/m5-app", "--format", "sarif"]);
    assert_eq!(code, 1);
    let log: serde_json::Value = serde_json::from_str(&text).expect("SARIF is JSON");
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), permaudit::rules::Rule::ALL.len());
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 18);
    let first = &results[0]["locations"][0]["physicalLocation"];
    assert_eq!(first["artifactLocation"]["uriBaseId"], "PERMAUDIT_BUILTIN");
    let fingerprints: std::collections::BTreeSet<_> = results
        .iter()
        .map(|r| r["partialFingerprints"]["permauditFinding/v1"].to_string())
        .collect();
    assert_eq!(fingerprints.len(), results.len(), "fingerprints are unique");
    insta::assert_snapshot!("m5_app_sarif", text);
}

/// Suppressed findings stay in SARIF with `suppressions`, so viewers know they were accepted.
#[test]
fn sarif_keeps_suppressed_findings() {
    let (_, text) = stdout(&["testdata/config/app/android", "--format", "sarif"]);
    let log: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let results = log["runs"][0]["results"].as_array().expect("results");
    let suppressed: Vec<_> = results
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(suppressed.len(), 1);
    assert_eq!(
        suppressed[0]["properties"]["permission"],
        "android.permission.RECORD_AUDIO"
    );
    assert_eq!(
        log["runs"][0]["properties"]["config"],
        "testdata/config/app/.permaudit.yaml"
    );
}

/// Fingerprints do not change when a line moves.
#[test]
fn sarif_fingerprints_survive_moved_lines() {
    let dir = tempfile::tempdir().unwrap();
    let original = std::fs::read_to_string(
        common::root().join("testdata/config/app/android/src/main/AndroidManifest.xml"),
    )
    .unwrap();
    let path = dir.path().join("AndroidManifest.xml");
    let fingerprints = |text: &str| {
        std::fs::write(&path, text).unwrap();
        let output = permaudit()
            .current_dir(dir.path())
            .args([
                "check",
                "AndroidManifest.xml",
                "--isolated",
                "--format",
                "sarif",
            ])
            .output()
            .unwrap();
        let log: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| {
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    == "AndroidManifest.xml"
            })
            .map(|r| {
                (
                    r["partialFingerprints"].clone(),
                    r["locations"][0]["physicalLocation"]["region"]["startLine"].clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    let before = fingerprints(&original);
    let after = fingerprints(&original.replacen("<manifest", "\n\n<manifest", 1));
    assert!(!before.is_empty(), "{before:?}");
    assert_eq!(before.len(), after.len());
    for ((fb, lb), (fa, la)) in before.iter().zip(&after) {
        assert_eq!(fb, fa);
        assert_ne!(lb, la, "the lines did move");
    }
}

/// GitHub workflow commands: one annotation per finding, escaped.
#[test]
fn github_snapshot() {
    let (code, text) = stdout(&["testdata/m5-app", "--format", "github"]);
    assert_eq!(code, 1);
    assert!(text.lines().filter(|l| l.starts_with("::error ")).count() == 7);
    insta::assert_snapshot!("m5_app_github", text);
}

/// Markdown summary for a pull request or the step summary.
#[test]
fn markdown_snapshot() {
    let (code, text) = stdout(&["testdata/config/app/android", "--format", "markdown"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("config_app_markdown", text);
}

/// `--output` writes other formats to files in the same run as the table on stdout, and the
/// files hold exactly what `--format` would print.
#[test]
fn output_writes_files_alongside_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let sarif = dir.path().join("r.sarif");
    let md = dir.path().join("summary.md");
    let output = permaudit()
        .args(["check", "testdata/m5-app", "--color", "never"])
        .arg("--output")
        .arg(format!("sarif={}", sarif.display()))
        .arg("-o")
        .arg(format!("markdown={}", md.display()))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stdout).contains("7 errors, 11 warnings"));
    let (_, direct) = stdout(&["testdata/m5-app", "--format", "sarif"]);
    assert_eq!(std::fs::read_to_string(&sarif).unwrap(), direct);
    assert!(
        std::fs::read_to_string(&md)
            .unwrap()
            .starts_with("## permaudit")
    );

    permaudit()
        .args(["check", "testdata/m5-app", "--output", "yaml=x"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown format `yaml`"));
}

/// The SARIF of the sample app (and of a run with suppressions) passes `sarif-multitool
/// validate` with no error and no warning. `.ci/run` installs the validator and sets
/// `PERMAUDIT_SARIF_MULTITOOL`; without it this test cannot run and says so.
#[test]
fn sarif_passes_sarif_multitool() {
    let Ok(tool) = std::env::var("PERMAUDIT_SARIF_MULTITOOL") else {
        eprintln!(
            "PERMAUDIT_SARIF_MULTITOOL is not set: SARIF validation skipped (.ci/run sets it)"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    for (name, args) in [
        ("m5.sarif", vec!["testdata/m5-app"]),
        ("config.sarif", vec!["testdata/config/app/android"]),
    ] {
        let (_, text) = stdout(&[&args[..], &["--format", "sarif"]].concat());
        let input = dir.path().join(name);
        std::fs::write(&input, text).unwrap();
        let result = dir.path().join(format!("{name}.validation.sarif"));
        let status = std::process::Command::new(&tool)
            .arg("validate")
            .arg(&input)
            .arg("--output")
            .arg(&result)
            .args(["--log", "ForceOverwrite", "--level", "Error;Warning"])
            .status()
            .expect("run sarif-multitool");
        assert!(status.success(), "sarif-multitool failed on {name}");
        let log: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&result).unwrap()).unwrap();
        let problems: Vec<_> = log["runs"][0]["results"]
            .as_array()
            .map(|r| r.iter().map(|x| x["message"].to_string()).collect())
            .unwrap_or_default();
        assert!(problems.is_empty(), "{name}: {problems:#?}");
        let notifications = &log["runs"][0]["invocations"][0]["toolExecutionNotifications"];
        assert!(
            notifications
                .as_array()
                .is_none_or(|n| n.iter().all(|n| n["level"] != "error")),
            "{notifications}"
        );
    }
}
