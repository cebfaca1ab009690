//! The formats for people and for CI dashboards beyond SARIF: `concise`, `gitlab`, `junit`
//! and `html`, over the sample app and over hostile strings, snapshotted; the JUnit XML is
//! validated against the JUnit schema (xmllint) and the HTML opened in headless Chromium.

#![allow(clippy::print_stderr, clippy::unwrap_used)]

mod common;

use common::permaudit;

/// stdout of `check` with `args`, and its exit code.
fn stdout(args: &[&str]) -> (i32, String) {
    let output = permaudit()
        .env("PERMAUDIT_TODAY", "2025-01-01")
        .arg("check")
        .args(args)
        .output()
        .expect("run permaudit");
    (
        output.status.code().expect("exit code"),
        String::from_utf8(output.stdout).expect("utf-8"),
    )
}

const HOSTILE: &[&str] = &[
    "testdata/reports/hostile",
    "--policy",
    "testdata/reports/hostile-policy.yaml",
];

/// `path:line:col: severity[rule] message`, one line per finding in report order, then counts.
#[test]
fn concise_one_line_per_finding() {
    let (code, text) = stdout(&["testdata/m5-app", "--format", "concise"]);
    assert_eq!(code, 1);
    let (_, report) = common::check_json(&["testdata/m5-app"]);
    let findings = report["findings"].as_array().unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), findings.len() + 1);
    for (line, f) in lines.iter().zip(findings) {
        let expected = format!(
            "{}:{}:{}: {}[{}] {}",
            f["path"].as_str().unwrap(),
            f["line"],
            f["column"],
            f["severity"].as_str().unwrap(),
            f["rule"].as_str().unwrap(),
            f["message"].as_str().unwrap()
        );
        assert_eq!(*line, expected);
    }
    assert_eq!(lines.last(), Some(&"7 errors, 11 warnings, 0 notes"));
    insta::assert_snapshot!("m5_app_concise", text);

    let (_, quiet) = stdout(&["testdata/m5-app", "--format", "concise", "--quiet"]);
    assert_eq!(quiet.lines().count(), findings.len());
}

/// Bidi controls from an input are shown, not obeyed, in the terminal formats.
#[test]
fn concise_and_human_show_bidi_controls() {
    for format in ["concise", "human"] {
        let (_, text) = stdout(&[HOSTILE, &["--format", format, "--color", "never"]].concat());
        assert!(text.contains("<U+202E>gnp.exe"), "{text}");
        assert!(!text.contains('\u{202e}'), "{format}: raw RLO in {text}");
    }
}

/// GitLab Code Quality: an array of issues with the fields GitLab requires, unique
/// fingerprints and GitLab's severity names.
#[test]
fn gitlab_code_quality() {
    let (code, text) = stdout(&["testdata/m5-app", "--format", "gitlab"]);
    assert_eq!(code, 1);
    let issues: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    assert_eq!(issues.len(), 18);
    let mut fingerprints = std::collections::BTreeSet::new();
    for issue in &issues {
        for key in ["description", "check_name", "fingerprint", "severity"] {
            assert!(issue[key].is_string(), "{key} in {issue}");
        }
        assert!(issue["location"]["path"].is_string());
        assert!(issue["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&issue["severity"].as_str().unwrap())
        );
        assert!(fingerprints.insert(issue["fingerprint"].as_str().unwrap().to_owned()));
    }
    let majors = issues.iter().filter(|i| i["severity"] == "major").count();
    assert_eq!(majors, 7, "errors are major");
    insta::assert_snapshot!("m5_app_gitlab", text);
}

/// xmllint, which `.ci/run` installs (Debian libxml2-utils) and names in `PERMAUDIT_XMLLINT`.
fn xmllint() -> Option<String> {
    let tool = std::env::var("PERMAUDIT_XMLLINT").ok();
    if tool.is_none() {
        eprintln!(
            "PERMAUDIT_XMLLINT is not set: JUnit schema validation skipped (.ci/run sets it)"
        );
    }
    tool
}

fn validate_junit(tool: &str, xml: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.xml");
    std::fs::write(&file, xml).unwrap();
    let output = std::process::Command::new(tool)
        .args(["--noout", "--schema"])
        .arg(common::root().join("tests/schemas/junit.xsd"))
        .arg(&file)
        .output()
        .expect("run xmllint");
    assert!(
        output.status.success(),
        "JUnit XML does not validate:\n{}\n{xml}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// JUnit: a test case per distinct request and per policy row of each audited platform;
/// error and warning findings fail their case. Valid against the JUnit schema, also with
/// hostile strings; `--output junit=FILE` writes the same bytes.
#[test]
fn junit_cases_per_request_and_row() {
    let (code, xml) = stdout(&["testdata/m5-app", "--format", "junit"]);
    assert_eq!(code, 1);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let suites: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testsuite"))
        .map(|n| {
            (
                n.attribute("name").unwrap().to_owned(),
                n.children().filter(|c| c.has_tag_name("testcase")).count(),
                n.attribute("failures").unwrap().parse::<usize>().unwrap(),
            )
        })
        .collect();
    // 23 distinct Android requests (24 less the app's own), 20 Android rows; 10 iOS keys, 6 rows.
    assert_eq!(
        suites,
        vec![
            ("Android requests".to_owned(), 23, 10),
            ("Android policy rows".to_owned(), 20, 4),
            ("iOS requests".to_owned(), 10, 2),
            ("iOS policy rows".to_owned(), 6, 1),
        ]
    );
    let failures = doc
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .count();
    assert_eq!(failures, 18, "every finding of the run is a failure");
    insta::assert_snapshot!("m5_app_junit", xml);

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("junit.xml");
    let output = permaudit()
        .env("PERMAUDIT_TODAY", "2025-01-01")
        .args(["check", "testdata/m5-app", "--quiet", "-o"])
        .arg(format!("junit={}", file.display()))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), xml);

    let (_, hostile) = stdout(&[HOSTILE, &["--format", "junit"]].concat());
    let doc = roxmltree::Document::parse(&hostile).unwrap();
    let message = doc
        .descendants()
        .find(|n| n.attribute("type") == Some("empty-purpose"))
        .and_then(|n| n.attribute("message"))
        .unwrap();
    assert!(
        message.contains("<script>alert(\"x\")</script> & 'quoted'"),
        "{message}"
    );
    if let Some(tool) = xmllint() {
        validate_junit(&tool, &xml);
        validate_junit(&tool, &hostile);
        // The schema does reject: a case without a name.
        let broken = xml.replacen("<testcase name=", "<testcase nom=", 1);
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("broken.xml");
        std::fs::write(&file, broken).unwrap();
        let status = std::process::Command::new(&tool)
            .args(["--noout", "--schema"])
            .arg(common::root().join("tests/schemas/junit.xsd"))
            .arg(&file)
            .output()
            .unwrap()
            .status;
        assert!(!status.success(), "the schema check can fail");
    }
}
