//! Helpers shared by the integration tests: run the real binary from the repository root and
//! read its JSON report back.

#![allow(dead_code)]

use std::path::PathBuf;

use assert_cmd::Command;

/// The `permaudit` binary, run from the repository root so `testdata/…` paths resolve and
/// appear in reports exactly as written in the tests.
pub(crate) fn permaudit() -> Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("permaudit");
    // The report language follows LC_ALL/LANG: tests pin English unless they ask otherwise.
    cmd.current_dir(root())
        .env_remove("NO_COLOR")
        .env_remove("LC_ALL")
        .env_remove("LANG");
    cmd
}

/// The repository root.
pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// stdout of `check` with `args` on a pinned date (acknowledgement expiry is judged against
/// it), and its exit code.
pub(crate) fn check_stdout(args: &[&str]) -> (i32, String) {
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

/// Runs `check` with JSON output and returns (exit code, report).
pub(crate) fn check_json(args: &[&str]) -> (i32, serde_json::Value) {
    let output = permaudit()
        .arg("check")
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("run permaudit");
    let code = output.status.code().expect("exit code");
    let stdout = String::from_utf8(output.stdout).expect("utf-8 stdout");
    let report = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}); exit {code}\nstdout: {stdout}\nstderr: {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (code, report)
}

/// `(rule, permission, "line:column")` of every finding, in report order.
pub(crate) fn findings(report: &serde_json::Value) -> Vec<(String, String, String)> {
    report["findings"]
        .as_array()
        .expect("findings array")
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or_default().to_owned(),
                f["permission"].as_str().unwrap_or_default().to_owned(),
                format!("{}:{}", f["line"], f["column"]),
            )
        })
        .collect()
}

/// The `undeclared` findings as `(permission, "line:column")`: with the `ios-only.yaml`
/// policy, exactly the Android request set of the audited manifest with its positions.
pub(crate) fn requests_via_undeclared(report: &serde_json::Value) -> Vec<(String, String)> {
    findings(report)
        .into_iter()
        .filter(|(rule, _, _)| rule == "undeclared")
        .map(|(_, p, at)| (p, at))
        .collect()
}

/// The `inputs[].path` of a report.
pub(crate) fn input_paths(report: &serde_json::Value) -> Vec<String> {
    report["inputs"]
        .as_array()
        .expect("inputs array")
        .iter()
        .map(|i| i["path"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// A folder of shared material named by an environment variable (`PERMAUDIT_CORPUS`,
/// `PERMAUDIT_REFERENCE`, `PERMAUDIT_SEEDS`), relative paths taken from the crate root.
/// `None` (and a "skipped" line) when the variable is unset; a panic when it is set but names
/// no folder, so CI, which sets it, can never skip silently.
#[allow(clippy::print_stderr)]
pub(crate) fn shared_dir(variable: &str) -> Option<PathBuf> {
    let Some(value) = std::env::var_os(variable) else {
        // CI sets the variables; without them a required conformance test would pass unseen.
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "{variable} is not set but CI=true: the conformance tests need the shared corpus"
        );
        eprintln!("skipped: {variable} is not set");
        return None;
    };
    let dir = root().join(value);
    assert!(
        dir.is_dir(),
        "{variable} is set to {} but that is not a directory",
        dir.display()
    );
    Some(dir)
}

/// Files written into a fresh directory, for the shapes the fixtures do not cover.
pub(crate) fn tree<S: AsRef<str>>(files: &[(&str, S)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for (name, text) in files {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("the tree's folders");
        }
        std::fs::write(&path, text.as_ref()).expect("the tree's files");
    }
    dir
}
