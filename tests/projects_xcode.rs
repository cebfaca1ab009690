//! Conformance over the Xcode (and Flutter Apple) project trees of
//! `$PERMAUDIT_CORPUS/projects/`: the real binary audits each tree, and what every shipped
//! Apple target requests, on which platform and from which file:line, must be exactly its
//! `EXPECTED.json` (Android builds of the same trees are another reader's test).
//!
//! Required in CI: without `PERMAUDIT_CORPUS` the test prints that it was skipped; with it set
//! to something that is not a folder, it fails.

#![allow(clippy::print_stderr, clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

/// The trees this reader owns.
const TREES: &[&str] = &[
    "enchanted-xcode-generated-plist",
    "project-color-infoplist-strings",
    "deltachat-ios-infoplist-strings",
    "tca-syncups-no-infoplist",
    "swiftui-atom-properties-xcodegen",
    "loop-watchos-multitarget",
    "fluffychat-flutter-macos",
];

/// One audited Apple build as the report shows it.
#[derive(Debug, PartialEq, Eq)]
struct Build {
    platform: String,
    requests: BTreeSet<String>,
    /// permission → first "path:line".
    from: BTreeMap<String, String>,
}

fn report(tree: &Path) -> Value {
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

fn builds(report: &Value) -> Vec<(Option<String>, String, Build)> {
    report["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["platform"] != "android")
        .map(|i| {
            let mut from = BTreeMap::new();
            for r in i["requests"].as_array().unwrap() {
                let p = r["permission"].as_str().unwrap().to_owned();
                from.entry(p)
                    .or_insert_with(|| format!("{}:{}", r["path"].as_str().unwrap(), r["line"]));
            }
            let platform = i["apple_platform"]
                .as_str()
                .or(i["platform"].as_str())
                .unwrap()
                .to_owned();
            (
                i["build"].as_str().map(str::to_owned),
                i["path"].as_str().unwrap().to_owned(),
                Build {
                    platform,
                    requests: from.keys().cloned().collect(),
                    from,
                },
            )
        })
        .collect()
}

fn expected_build(entry: &Value) -> Build {
    Build {
        platform: entry["platform"].as_str().unwrap().to_owned(),
        requests: entry["requests"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap().to_owned())
            .collect(),
        from: entry["from"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
            .collect(),
    }
}

#[test]
fn xcode_trees_audit_to_their_expected_json() {
    let Some(corpus) = common::shared_dir("PERMAUDIT_CORPUS") else {
        return;
    };
    let mut failures = Vec::new();
    for tree in TREES {
        let dir = corpus.join("projects").join(tree);
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("EXPECTED.json")).unwrap())
                .unwrap();
        let report = report(&dir);
        let mut got = builds(&report);
        for (name, entry) in expected["shipped"].as_object().unwrap() {
            if entry["platform"] == "android" {
                continue;
            }
            let want = expected_build(entry);
            // A target build is matched by name; a loose Info.plist (no build) by platform.
            let index = got
                .iter()
                .position(|(b, _, _)| b.as_deref() == Some(name.as_str()))
                .or_else(|| {
                    got.iter()
                        .position(|(b, _, g)| b.is_none() && g.platform == want.platform)
                });
            match index {
                Some(i) => {
                    let (_, path, build) = got.remove(i);
                    if build != want {
                        failures.push(format!(
                            "{tree}: {name} ({path}):\n  got  {build:?}\n  want {want:?}"
                        ));
                    }
                }
                None => failures.push(format!("{tree}: {name} was not audited")),
            }
        }
        for (name, path, build) in got {
            failures.push(format!(
                "{tree}: audited {} ({path}), which EXPECTED.json does not ship: {build:?}",
                name.unwrap_or_default()
            ));
        }
        if let Some(localizations) = expected["localizations"].as_object() {
            let mut seen: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
            for input in report["inputs"].as_array().unwrap() {
                for r in input["requests"].as_array().unwrap() {
                    for l in r["localizations"].as_array().into_iter().flatten() {
                        let file = seen
                            .entry(l["path"].as_str().unwrap().to_owned())
                            .or_default();
                        if !l["purpose"].is_null() {
                            file.insert(r["permission"].as_str().unwrap().to_owned());
                        }
                    }
                }
            }
            for (file, keys) in localizations {
                let want: BTreeSet<String> = keys
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|k| k.as_str().unwrap().to_owned())
                    .collect();
                let got = seen.remove(file).unwrap_or_default();
                if got != want {
                    failures.push(format!("{tree}: {file}: translated {got:?}, want {want:?}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
