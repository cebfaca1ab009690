//! `permaudit policy lint`, `permaudit explain` and `permaudit rules`, driving the real binary.

mod common;

use common::{findings, permaudit};
use predicates::prelude::*;

/// Runs `policy lint` with JSON output and returns (exit code, report).
fn lint_json(args: &[&str]) -> (i32, serde_json::Value) {
    let output = permaudit()
        .args(["policy", "lint"])
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("run permaudit");
    let code = output.status.code().expect("exit code");
    let report = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}); stderr: {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (code, report)
}

/// `(rule, permission, "line:column")` triples for comparison.
fn triples(items: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    items
        .iter()
        .map(|(a, b, c)| ((*a).to_owned(), (*b).to_owned(), (*c).to_owned()))
        .collect()
}

/// Linting the built-in M5 policy reports what issue 4 asks for: the duplicate READ_PHONE_STATE,
/// the deprecated USE_FINGERPRINT, BLUETOOTH_ADMIN, storage and calendar names, the
/// unobtainable READ_LOGS, and the Play-restricted permissions it discloses. All are warnings,
/// so the default threshold passes and `--fail-on warning` fails.
#[test]
fn lint_builtin_m5() {
    let (code, report) = lint_json(&[]);
    assert_eq!(code, 0);
    assert_eq!(report["inputs"], serde_json::json!([]));
    assert_eq!(
        findings(&report),
        triples(&[
            (
                "restricted-permission",
                "android.permission.READ_CALL_LOG",
                "19:19"
            ),
            (
                "restricted-permission",
                "android.permission.SEND_SMS",
                "23:19"
            ),
            (
                "deprecated-permission",
                "com.android.launcher.permission.INSTALL_SHORTCUT",
                "27:19"
            ),
            (
                "deprecated-permission",
                "android.permission.USE_FINGERPRINT",
                "39:19"
            ),
            (
                "restricted-permission",
                "android.permission.REQUEST_INSTALL_PACKAGES",
                "43:19"
            ),
            (
                "deprecated-permission",
                "android.permission.BLUETOOTH_ADMIN",
                "59:19"
            ),
            (
                "deprecated-permission",
                "android.permission.WRITE_EXTERNAL_STORAGE",
                "67:19"
            ),
            (
                "deprecated-permission",
                "android.permission.READ_EXTERNAL_STORAGE",
                "67:43"
            ),
            (
                "unobtainable-permission",
                "android.permission.READ_LOGS",
                "83:19"
            ),
            (
                "duplicate-disclosure",
                "android.permission.READ_PHONE_STATE",
                "87:19"
            ),
            (
                "deprecated-permission",
                "NSCalendarsUsageDescription",
                "110:19"
            ),
        ])
    );
    let (code, _) = lint_json(&["--fail-on", "warning"]);
    assert_eq!(code, 1);
    permaudit()
        .args(["policy", "lint"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("linted the policy alone"))
        .stdout(predicate::str::contains("0 errors, 11 warnings, 0 notes"));
}

/// A policy file with duplicates (across rows and within a row), an unknown full name and rows
/// without a purpose; empty purposes are errors, so the exit code is 1.
#[test]
fn lint_duplicates_unknown_names_and_missing_purposes() {
    let (code, report) = lint_json(&["testdata/rules/duplicate-disclosure/policy.yaml"]);
    assert_eq!(code, 1);
    assert_eq!(
        findings(&report),
        triples(&[
            (
                "duplicate-disclosure",
                "android.permission.READ_PHONE_STATE",
                "8:19"
            ),
            ("empty-purpose", "android.permission.CAMERA", "11:19"),
            ("duplicate-disclosure", "android.permission.CAMERA", "11:19"),
            ("unknown-permission", "android.permission.CAMREA", "11:27"),
            ("empty-purpose", "NSCameraUsageDescription", "14:19"),
            ("duplicate-disclosure", "NSCameraUsageDescription", "14:45"),
        ])
    );
    let message = report["findings"][0]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(message.contains("row \"Phone state\""), "{message}");
}

/// An invalid policy is exit 2 with its position, as for check.
#[test]
fn lint_invalid_policy_exits_2() {
    permaudit()
        .args([
            "policy",
            "lint",
            "testdata/policies-yaml/unknown-short-name.yaml",
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "testdata/policies-yaml/unknown-short-name.yaml:6:19",
        ));
}

/// `explain` by short name shows the catalog facts and both M5 rows that disclose it.
#[test]
fn explain_short_name_and_policy_rows() {
    permaudit()
        .args(["explain", "READ_PHONE_STATE"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(
            "android.permission.READ_PHONE_STATE\n",
        ))
        .stdout(predicate::str::contains(
            "dangerous (runtime: the user is asked)",
        ))
        .stdout(predicate::str::contains("读取电话状态"))
        .stdout(predicate::str::contains(
            "Android row 1 \"Get phone state\" (builtin:m5.yaml:15:19)",
        ))
        .stdout(predicate::str::contains(
            "Android row 19 \"Read phone status\" (builtin:m5.yaml:87:19)",
        ));
}

/// `explain` of a successor names the row that covers it through successor matching, unless
/// names are matched strictly.
#[test]
fn explain_successor_coverage() {
    permaudit()
        .args(["explain", "NSCalendarsFullAccessUsageDescription"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("introduced:     iOS 17.0"))
        .stdout(predicate::str::contains(
            "iOS row 4 \"Read and edit calendar\" (builtin:m5.yaml:110:19), through \
             NSCalendarsUsageDescription (successor matching)",
        ));
    permaudit()
        .args([
            "explain",
            "NSCalendarsFullAccessUsageDescription",
            "--strict-names",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("disclosed by:   no row"));
}

/// `explain` by full name with another policy, and the advisories a request would draw.
#[test]
fn explain_full_name_with_policy_file() {
    permaudit()
        .args([
            "explain",
            "android.permission.READ_LOGS",
            "--policy",
            "testdata/policies-yaml/short-names.yaml",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "policy:         Short names (testdata/policies-yaml/short-names.yaml)",
        ))
        .stdout(predicate::str::contains("disclosed by:   no row"))
        .stdout(predicate::str::contains(
            "unobtainable-permission (warning)",
        ));
}

/// `explain` by Chinese name lists every permission or key with that name.
#[test]
fn explain_chinese_name() {
    permaudit()
        .args(["explain", "日历"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("may mean"))
        .stdout(predicate::str::contains(
            "android.permission.READ_CALENDAR\n",
        ))
        .stdout(predicate::str::contains("NSCalendarsUsageDescription\n"));
}

/// An unknown name is exit 2 with a suggestion.
#[test]
fn explain_unknown_name_exits_2() {
    permaudit()
        .args(["explain", "NSCamraUsageDescription"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "did you mean `NSCameraUsageDescription`",
        ));
}

/// `rules` lists every rule id with its severity and explanation; JSON has every rule.
#[test]
fn rules_lists_every_rule() {
    let ids = [
        "undeclared",
        "unused",
        "policy-outdated",
        "unobtainable-permission",
        "restricted-permission",
        "deprecated-permission",
        "unknown-permission",
        "empty-purpose",
        "missing-companion",
        "duplicate-disclosure",
        "missing-translation",
        "ignored-build-setting",
        "unaudited-platform",
        "unread-source",
        "generated-mismatch",
        "unresolved-build-value",
    ];
    let output = permaudit().arg("rules").output().expect("run");
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).expect("utf-8");
    for id in ids {
        assert!(
            text.contains(&format!("\n{id} (")) || text.starts_with(&format!("{id} (")),
            "{id}"
        );
    }
    assert!(text.contains("empty-purpose (error; check, policy lint)"));
    let output = permaudit()
        .args(["rules", "--format", "json"])
        .output()
        .expect("run");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let got: Vec<_> = json
        .as_array()
        .expect("array")
        .iter()
        .map(|r| r["id"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(got, ids);
}

/// The README's rule section is exactly what `permaudit rules --format markdown` prints, so
/// the documentation cannot drift from the registry. Regenerate it with that command.
#[test]
fn readme_rule_table_comes_from_the_registry() {
    let output = permaudit()
        .args(["rules", "--format", "markdown"])
        .output()
        .expect("run");
    let generated = String::from_utf8(output.stdout).expect("utf-8");
    let readme = std::fs::read_to_string(common::root().join("README.md")).expect("README");
    let start = "<!-- rules: generated by `permaudit rules --format markdown` -->\n";
    let end = "<!-- rules: end -->";
    let begin = readme
        .find(start)
        .expect("README has the rules start marker")
        + start.len();
    let stop = readme[begin..]
        .find(end)
        .expect("README has the rules end marker")
        + begin;
    assert_eq!(readme[begin..stop], generated);
}
