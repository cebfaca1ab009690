//! `.permaudit.yaml` discovery, acknowledgements, baselines, `init` and the everyday CLI
//! conventions (`--color`, `--quiet`, `--verbose`, `generate`), driving the real binary.
//! Fixtures: `testdata/config/` (see testdata/README.md).

mod common;

use common::{findings, permaudit};
use predicates::prelude::*;

const APP: &str = "testdata/config/app/android";

/// Runs `check --format json` with a pinned date; returns (exit code, report, stderr).
fn check(args: &[&str], today: &str) -> (i32, serde_json::Value, String) {
    let output = permaudit()
        .env("PERMAUDIT_TODAY", today)
        .arg("check")
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("run permaudit");
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let report = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}\nstderr: {stderr}"));
    (output.status.code().expect("exit code"), report, stderr)
}

fn permissions(report: &serde_json::Value) -> Vec<String> {
    findings(report).into_iter().map(|(_, p, _)| p).collect()
}

/// A config is found by walking up from a nested folder; it names the policy, turns `unused`
/// off, excludes `legacy/`, and a live acknowledgement hides its finding while an expired one
/// reports it again and says so.
#[test]
fn config_discovered_from_nested_folder_with_acknowledgements() {
    let (code, report, _) = check(&[APP], "2025-01-01");
    assert_eq!(code, 1);
    assert_eq!(
        report["config"]["path"],
        "testdata/config/app/.permaudit.yaml"
    );
    assert_eq!(report["policy"]["path"], "testdata/config/app/policy.yaml");
    assert_eq!(
        common::input_paths(&report),
        ["testdata/config/app/android/src/main/AndroidManifest.xml"],
        "legacy/ is excluded by the config"
    );
    assert_eq!(
        permissions(&report),
        [
            "android.permission.VIBRATE",
            "android.permission.ACCESS_NETWORK_STATE"
        ],
        "RECORD_AUDIO is acknowledged; unused (READ_CONTACTS) is off"
    );
    let vibrate = report["findings"][0]["message"].as_str().expect("message");
    assert!(vibrate.contains("expired on 2024-01-01"), "{vibrate}");
    let s = &report["suppressed"];
    assert_eq!(s["acknowledged"], 1);
    assert_eq!(
        s["expired_acknowledgements"][0]["permission"],
        "android.permission.VIBRATE"
    );
    assert_eq!(s["expired_acknowledgements"][0]["line"], 13);
    // The iOS acknowledgement is not judged: no iOS input was audited.
    let unmatched = s["unmatched_acknowledgements"].as_array().expect("array");
    assert_eq!(unmatched.len(), 1, "{unmatched:?}");
    assert_eq!(unmatched[0]["permission"], "android.permission.CAMERA");
}

/// The same acknowledgement is live through its `expires` day and expired the day after.
#[test]
fn acknowledgement_expires_after_its_date() {
    let (_, report, _) = check(&[APP], "2030-01-01");
    assert!(!permissions(&report).contains(&"android.permission.RECORD_AUDIO".to_owned()));
    let (_, report, _) = check(&[APP], "2030-01-02");
    assert!(permissions(&report).contains(&"android.permission.RECORD_AUDIO".to_owned()));
    assert_eq!(report["suppressed"]["acknowledged"], 0);
    assert_eq!(
        report["suppressed"]["expired_acknowledgements"]
            .as_array()
            .expect("array")
            .len(),
        2
    );
}

/// `--isolated` ignores the discovered config: built-in policy, `legacy/` audited too when the
/// parent folder is given, and every finding shown.
#[test]
fn isolated_ignores_discovered_config() {
    let (code, report, _) = check(&["testdata/config/app", "--isolated"], "2025-01-01");
    assert_eq!(code, 1);
    assert!(report["config"]["path"].is_null());
    assert!(report["policy"]["path"].is_null());
    assert_eq!(common::input_paths(&report).len(), 2);
    assert!(permissions(&report).contains(&"android.permission.ACCESS_NETWORK_STATE".to_owned()));
    assert!(permissions(&report).contains(&"android.permission.READ_SMS".to_owned()));
}

/// `--config FILE` replaces discovery; its `fail-on` sets the exit code unless `--fail-on` is
/// given.
#[test]
fn explicit_config_and_fail_on_precedence() {
    let args = [APP, "--config", "testdata/config/fail-never.yaml"];
    let (code, report, _) = check(&args, "2025-01-01");
    assert_eq!(code, 0);
    assert_eq!(report["config"]["path"], "testdata/config/fail-never.yaml");
    assert!(report["summary"]["errors"].as_u64().expect("count") > 0);
    let (code, _, _) = check(
        &[args[0], args[1], args[2], "--fail-on", "error"],
        "2025-01-01",
    );
    assert_eq!(code, 1);
}

/// An invalid config is exit 2 with file:line:column, the offending line and a caret.
#[test]
fn invalid_config_points_at_the_line() {
    permaudit()
        .args(["check", APP, "--config", "testdata/config/invalid.yaml"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "testdata/config/invalid.yaml:3:3: invalid config: unknown rule `undeclard`",
        ))
        .stderr(predicate::str::contains("3 |   undeclard: warning"))
        .stderr(predicate::str::contains("^^^^^^^^^"))
        .stderr(predicate::str::contains("did you mean `undeclared`"));
}

/// A missing `--config` file is exit 2, never a run without it.
#[test]
fn missing_config_exits_2() {
    permaudit()
        .args(["check", APP, "--config", "testdata/config/nope.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "nope.yaml: cannot read the config",
        ));
}

/// Two config names in one folder are ambiguous: exit 2 naming both.
#[test]
fn two_configs_in_one_folder_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::copy(
        "testdata/config/app/android/src/main/AndroidManifest.xml",
        dir.path().join("AndroidManifest.xml"),
    )
    .unwrap();
    std::fs::write(dir.path().join(".permaudit.yaml"), "").unwrap();
    std::fs::write(dir.path().join("permaudit.yaml"), "").unwrap();
    permaudit()
        .current_dir(dir.path())
        .args(["check", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            ".permaudit.yaml and permaudit.yaml",
        ));
}

/// Policy errors show the offending line with a caret, still exit 2.
#[test]
fn policy_error_shows_snippet() {
    permaudit()
        .args([
            "check",
            APP,
            "--isolated",
            "--policy",
            "testdata/policies-yaml/unknown-short-name.yaml",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--> testdata/policies-yaml/unknown-short-name.yaml",
        ))
        .stderr(predicate::str::contains("^"));
}

/// Baseline round trip: writing records the findings without lines (atomically, no temporary
/// left) and hides them; reading hides them again; an entry whose finding is gone is reported
/// as stale; a new finding still shows.
#[test]
fn baseline_write_read_and_stale() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = dir.path().join("baseline.json");
    let baseline = baseline.to_str().expect("utf-8 path");
    let (code, report, _) = check(
        &["testdata/m5-app", "--write-baseline", baseline],
        "2025-01-01",
    );
    assert_eq!(code, 0, "everything is baselined");
    assert_eq!(report["suppressed"]["baselined"], 18);
    assert_eq!(report["findings"].as_array().expect("array").len(), 0);
    let written = std::fs::read_to_string(baseline).unwrap();
    assert!(
        !written.contains("\"line\""),
        "keyed without lines: {written}"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

    let (code, report, _) = check(&["testdata/m5-app", "--baseline", baseline], "2025-01-01");
    assert_eq!(code, 0);
    assert_eq!(report["suppressed"]["baselined"], 18);
    assert!(
        report["suppressed"]["stale_baseline_entries"]
            .as_array()
            .expect("array")
            .is_empty()
    );

    // Only the Android manifest: the iOS entries are stale, and a manifest with a new
    // permission shows it.
    let (code, report, _) = check(
        &[
            "testdata/m5-app/android/app/src/main/AndroidManifest.xml",
            "testdata/config/app/android/src/main/AndroidManifest.xml",
            "--isolated",
            "--baseline",
            baseline,
        ],
        "2025-01-01",
    );
    assert_eq!(code, 1);
    let stale = report["suppressed"]["stale_baseline_entries"]
        .as_array()
        .expect("array");
    assert!(
        stale
            .iter()
            .any(|e| e["permission"] == "NSLocalNetworkUsageDescription"),
        "{stale:?}"
    );
    assert!(
        permissions(&report)
            .iter()
            .all(|p| !p.contains("CHANGE_BADGE"))
    );
    assert!(
        report["findings"]
            .as_array()
            .expect("array")
            .iter()
            .all(|f| f["path"] == "testdata/config/app/android/src/main/AndroidManifest.xml")
    );
}

/// A malformed baseline is exit 2 with its position, never an empty baseline.
#[test]
fn malformed_baseline_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = dir.path().join("b.json");
    std::fs::write(&baseline, "{\"version\": 1,\n  \"findings\": [}\n").unwrap();
    permaudit()
        .args(["check", "testdata/m5-app", "--baseline"])
        .arg(&baseline)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("b.json:2:").and(predicate::str::contains("invalid baseline")),
        );
}

/// `--color never` and `NO_COLOR` keep ANSI escapes out; `--color always` and
/// `CLICOLOR_FORCE` put them in even when piped; `NO_COLOR` beats `CLICOLOR_FORCE`.
#[test]
fn color_choices() {
    let esc = || predicate::str::contains("\u{1b}[");
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = permaudit();
        cmd.args(["check", "testdata/m5-app"]).args(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.assert().code(1)
    };
    run(&["--color", "always"], &[]).stdout(esc());
    run(&["--color", "never"], &[("CLICOLOR_FORCE", "1")]).stdout(esc().not());
    run(&[], &[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")]).stdout(esc().not());
    run(&[], &[("CLICOLOR_FORCE", "1")]).stdout(esc());
    run(&["--color", "always"], &[("NO_COLOR", "1")]).stdout(esc());
}

/// `--quiet` prints only the findings; `--verbose` says on stderr which config, policy and
/// files were used and why.
#[test]
fn quiet_and_verbose() {
    permaudit()
        .args(["check", "testdata/m5-app", "--quiet"])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("policy:").not())
        .stdout(predicate::str::contains("audited 2 files").not())
        .stdout(predicate::str::contains("7 errors").not())
        .stdout(predicate::str::contains(
            "android.permission.ACCESS_NETWORK_STATE",
        ));
    permaudit()
        .args(["check", APP, "--verbose", "--format", "json"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "config: testdata/config/app/.permaudit.yaml (found by walking up from testdata/config/app/android)",
        ))
        .stderr(predicate::str::contains("named by `policy:` in"))
        .stderr(predicate::str::contains("audited testdata/config/app/android/src/main/AndroidManifest.xml"));
}

/// Shell completions and the man page come from the clap definitions.
#[test]
fn generate_completions_and_man() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        permaudit()
            .args(["generate", "completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("permaudit"));
    }
    permaudit()
        .args(["generate", "man"])
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH permaudit"));
}

/// `init --with-policy` writes a commented config and a starter policy from the app's
/// requests; the app then passes against it, and a second `init` refuses to overwrite.
#[test]
fn init_writes_config_and_starter_policy() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let app = dir.path().join("app");
    std::fs::create_dir(&app).unwrap();
    std::fs::copy(
        common::root().join("testdata/m5-app/android/app/src/main/AndroidManifest.xml"),
        app.join("AndroidManifest.xml"),
    )
    .unwrap();
    std::fs::copy(
        common::root().join("testdata/m5-app/ios/M5/Info.plist"),
        app.join("Info.plist"),
    )
    .unwrap();
    permaudit()
        .current_dir(dir.path())
        .args(["init", "app", "--with-policy"])
        .assert()
        .success()
        .stderr(predicate::str::contains("wrote .permaudit.yaml"));
    let config = std::fs::read_to_string(dir.path().join(".permaudit.yaml")).unwrap();
    assert!(
        config.contains("policy: \"privacy-policy.yaml\""),
        "{config}"
    );
    let policy = std::fs::read_to_string(dir.path().join("privacy-policy.yaml")).unwrap();
    assert!(policy.contains("TODO"), "{policy}");
    // `check` judges the policy it audits against, so the placeholder policy cannot pass: every
    // row's TODO purpose is an `empty-purpose` error, reported once, whether the hook audits
    // the app folder or the repository root.
    let rows = policy.matches("\n  - name: ").count();
    assert_eq!(rows, 33, "{policy}");
    for args in [&["check", "app"][..], &["check", "."][..]] {
        let output = permaudit()
            .current_dir(dir.path())
            .args(args)
            .args(["--format", "json"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let rules: Vec<&str> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap())
            .collect();
        assert_eq!(
            rules.iter().filter(|r| **r == "empty-purpose").count(),
            rows,
            "{args:?}: {rules:?}"
        );
        assert!(!rules.contains(&"undeclared") && !rules.contains(&"unused"));
    }
    // With the purposes written, what remains are the advisories about the app itself
    // (deprecated and restricted permissions): warnings, so the check passes.
    std::fs::write(
        dir.path().join("privacy-policy.yaml"),
        policy.replace(
            "TODO: why the app needs it",
            "Lets the user share documents",
        ),
    )
    .unwrap();
    permaudit()
        .current_dir(dir.path())
        .args(["check", "app"])
        .assert()
        .success()
        .stdout(predicate::str::contains("config: .permaudit.yaml"))
        .stdout(predicate::str::contains("0 errors"))
        .stdout(predicate::str::contains("[empty-purpose]").not())
        .stdout(predicate::str::contains("[undeclared]").not())
        .stdout(predicate::str::contains("[unused]").not());
    permaudit()
        .current_dir(dir.path())
        .args(["init"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
}

/// The judging settings have config keys: `successor-matching: false` behaves like
/// `--strict-names`, and `undeclared-normal` lowers `undeclared` for normal permissions, saying
/// so in each message; an explicit flag wins over the config.
#[test]
fn judging_keys_in_config() {
    let dir = tempfile::tempdir().unwrap();
    let strict = dir.path().join("strict.yaml");
    std::fs::write(&strict, "successor-matching: false\n").unwrap();
    let lowered = dir.path().join("lowered.yaml");
    std::fs::write(&lowered, "undeclared-normal: warning\n").unwrap();
    let rules = |report: &serde_json::Value, rule: &str| {
        report["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|f| f["rule"] == rule)
            .count()
    };
    let fixture = [
        "testdata/rules/policy-outdated/AndroidManifest.xml",
        "testdata/rules/policy-outdated/Info.plist",
        "--policy",
        "testdata/rules/policy-outdated/policy.yaml",
    ];
    let (_, matching, _) = check(&fixture, "2025-01-01");
    assert!(rules(&matching, "policy-outdated") > 0);
    let mut strict_args = fixture.to_vec();
    strict_args.extend(["--config", strict.to_str().unwrap()]);
    let (_, via_config, _) = check(&strict_args, "2025-01-01");
    let mut flag_args = fixture.to_vec();
    flag_args.extend(["--isolated", "--strict-names"]);
    let (_, via_flag, _) = check(&flag_args, "2025-01-01");
    assert_eq!(rules(&via_config, "policy-outdated"), 0);
    assert_eq!(via_config["findings"], via_flag["findings"]);

    let cfg = lowered.to_str().unwrap();
    let (_, report, _) = check(&["testdata/m5-app", "--config", cfg], "2025-01-01");
    let lowered_count = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| {
            f["rule"] == "undeclared"
                && f["severity"] == "warning"
                && f["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("undeclared-normal"))
        })
        .count();
    assert!(lowered_count > 0, "{report}");
    let (_, report, _) = check(
        &[
            "testdata/m5-app",
            "--config",
            cfg,
            "--undeclared-normal",
            "error",
        ],
        "2025-01-01",
    );
    assert_eq!(report["summary"]["errors"], 7);
}

/// `init` reads the app with `check`'s read step: an Xcode 13 project whose purpose strings are
/// build settings gets a starter policy covering them (iOS and macOS tables), and the config's
/// `exclude:` is honoured, so `init` and `check` never see different files.
#[test]
fn init_reads_xcode_projects_and_honours_exclude() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let copy = |from: &str, to: &str| {
        let to = dir.path().join(to);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(common::root().join(from), to).unwrap();
    };
    for file in [
        "Tally.xcodeproj/project.pbxproj",
        "Config/Shared.xcconfig",
        "Tally/Info.plist",
        "TallyWidget/Info.plist",
    ] {
        copy(
            &format!("testdata/xcode-app/{file}"),
            &format!("app/{file}"),
        );
    }
    copy(
        "testdata/android/own-permission.xml",
        "vendor/AndroidManifest.xml",
    );
    std::fs::write(dir.path().join("permaudit.yaml"), "exclude: [vendor/]\n").unwrap();
    permaudit()
        .current_dir(dir.path())
        .args(["init", ".", "--with-policy", "--force"])
        .assert()
        .success();
    let policy = std::fs::read_to_string(dir.path().join("privacy-policy.yaml")).unwrap();
    for key in [
        "NSCameraUsageDescription",
        "NSLocationWhenInUseUsageDescription",
        "NSPhotoLibraryAddUsageDescription",
    ] {
        assert!(policy.contains(key), "{key} missing:\n{policy}");
    }
    assert!(policy.contains("\nmacos:\n"), "{policy}");
    assert!(
        !policy.contains("android"),
        "vendor/ was excluded:\n{policy}"
    );
}
