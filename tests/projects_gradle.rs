//! Conformance over the Android Gradle trees and AGP merger reports of
//! `$PERMAUDIT_CORPUS/projects/`: the real binary audits each tree, and what every shipped
//! variant requests, and from which file:line, must be exactly its `EXPECTED.json`.
//!
//! `EXPECTED.json` notes after a location in parentheses how it was worked out (the
//! placeholder and the build-script line that set it, or the library the merger report names);
//! the location before it is compared exactly, and a library named there must be the
//! request's `origin`.
//!
//! Required in CI: without `PERMAUDIT_CORPUS` the test prints that it was skipped; with it set
//! to something that is not a folder, it fails.

#![allow(clippy::print_stderr, clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;

use serde_json::Value;

/// The trees this reader owns.
const TREES: &[&str] = &[
    "amaze-2014-merger-report",
    "conversations-flavors",
    "kiwix-android-library-placeholders",
    "talk-android-flavor-placeholders",
    "venergio-merger-report",
];

fn report(tree: &std::path::Path) -> Value {
    let output = assert_cmd::cargo::cargo_bin_cmd!("permaudit")
        .current_dir(tree)
        .args(["check", "--isolated", "--format", "json", "."])
        .output()
        .unwrap();
    let code = output.status.code().unwrap();
    assert!(
        code == 0 || code == 1,
        "{}: exit {code}\n{}",
        tree.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// variant → permission → ("path:line", origin).
type Got = BTreeMap<String, BTreeMap<String, (String, Option<String>)>>;

fn android_builds(report: &Value) -> Got {
    let mut out = Got::new();
    for i in report["inputs"].as_array().unwrap() {
        if i["platform"] != "android" {
            continue;
        }
        let build = i["build"].as_str().unwrap_or_default().to_owned();
        let entry = out.entry(build).or_default();
        for r in i["requests"].as_array().unwrap() {
            let p = r["permission"].as_str().unwrap().to_owned();
            let origin = r["origin"]["via"].as_str().map(str::to_owned);
            entry.entry(p).or_insert_with(|| {
                (
                    format!("{}:{}", r["path"].as_str().unwrap(), r["line"]),
                    origin,
                )
            });
        }
    }
    out
}

#[test]
fn gradle_trees_audit_to_their_expected_json() {
    let Some(corpus) = common::shared_dir("PERMAUDIT_CORPUS") else {
        return;
    };
    let mut failures = Vec::new();
    for tree in TREES {
        let dir = corpus.join("projects").join(tree);
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("EXPECTED.json")).unwrap())
                .unwrap();
        let mut got = android_builds(&report(&dir));
        for (name, entry) in expected["shipped"].as_object().unwrap() {
            if entry["platform"] != "android" {
                continue;
            }
            let Some(build) = got.remove(name) else {
                failures.push(format!("{tree}: {name} was not audited"));
                continue;
            };
            let want: BTreeMap<String, String> = entry["from"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
                .collect();
            if let Some(requests) = entry["requests"].as_array() {
                let listed: Vec<&str> = requests.iter().map(|r| r.as_str().unwrap()).collect();
                let keys: Vec<&str> = want.keys().map(String::as_str).collect();
                assert_eq!(listed, keys, "{tree}: {name}: requests and from disagree");
            }
            for (permission, from) in &want {
                let (location, note) = match from.split_once(" (") {
                    Some((l, n)) => (l, Some(n)),
                    None => (from.as_str(), None),
                };
                match build.get(permission) {
                    None => failures.push(format!("{tree}: {name}: {permission} not requested")),
                    Some((got_at, origin)) => {
                        if got_at != location {
                            failures.push(format!(
                                "{tree}: {name}: {permission} at {got_at}, want {location}"
                            ));
                        }
                        // `ADDED from [group:name:version]` names the library that added it.
                        if let Some(lib) = note
                            .and_then(|n| n.strip_prefix("ADDED from ["))
                            .and_then(|n| n.split_once(']'))
                            .map(|(l, _)| l)
                            && origin.as_deref() != Some(lib)
                        {
                            failures.push(format!(
                                "{tree}: {name}: {permission} origin {origin:?}, want {lib}"
                            ));
                        }
                    }
                }
            }
            for permission in build.keys().filter(|p| !want.contains_key(*p)) {
                failures.push(format!(
                    "{tree}: {name}: requests {permission}, which EXPECTED.json does not list"
                ));
            }
        }
        for name in got.keys() {
            failures.push(format!(
                "{tree}: audited {name}, which EXPECTED.json does not ship"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
