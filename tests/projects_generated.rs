//! Conformance over the project trees of `$PERMAUDIT_CORPUS/projects/` whose manifests and
//! Info.plists are generated (Expo, uni-app, Cordova, .NET MAUI): the real binary audits each
//! tree, and what every shipped build requests, on which platform and from which file:line, must
//! be exactly its `EXPECTED.json`.
//!
//! `EXPECTED.json` lists what the tree's files show. Requests permaudit adds from knowledge of
//! a plugin's or template's code (origin `plugin-default`, `package`, `template`) are not in
//! the tree's files; they are left out here and covered by the fixtures of
//! `tests/generated.rs`.
//!
//! Required in CI: without `PERMAUDIT_CORPUS` the test prints that it was skipped; with it set
//! to something that is not a folder, it fails.

#![allow(clippy::print_stderr, clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

/// The trees this reader owns: every `expo-*`, `uniapp-*`, `cordova-*` and `maui-*` tree.
const PREFIXES: &[&str] = &["expo-", "uniapp-", "cordova-", "maui-"];

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

fn builds(report: &Value) -> Vec<(String, Build)> {
    report["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] != "project")
        .map(|i| {
            let mut from = BTreeMap::new();
            for r in i["requests"].as_array().unwrap() {
                let written = r["origin"].is_null()
                    || matches!(
                        r["origin"]["kind"].as_str(),
                        Some("config" | "plugin-option")
                    );
                if !written {
                    continue;
                }
                let p = r["permission"].as_str().unwrap().to_owned();
                from.entry(p)
                    .or_insert_with(|| format!("{}:{}", r["path"].as_str().unwrap(), r["line"]));
            }
            let platform = match i["apple_platform"].as_str() {
                Some("macos") => "maccatalyst".to_owned(),
                Some(p) => p.to_owned(),
                None => i["platform"].as_str().unwrap().to_owned(),
            };
            (
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
        // `app.json:105 (expo-sensors plugin motionPermission)`: the place is before the space.
        from: entry["from"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| {
                let v = v.as_str().unwrap();
                (k.clone(), v.split(' ').next().unwrap_or(v).to_owned())
            })
            .collect(),
    }
}

#[test]
fn generated_trees_audit_to_their_expected_json() {
    let Some(corpus) = common::shared_dir("PERMAUDIT_CORPUS") else {
        return;
    };
    let mut trees: Vec<String> = std::fs::read_dir(corpus.join("projects"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| PREFIXES.iter().any(|p| n.starts_with(p)))
        .collect();
    trees.sort();
    assert!(trees.len() >= 10, "only {trees:?} in the corpus");
    let mut failures = Vec::new();
    for tree in &trees {
        let dir = corpus.join("projects").join(tree);
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("EXPECTED.json")).unwrap())
                .unwrap();
        let report = report(&dir);
        let mut got = builds(&report);
        for (name, entry) in expected["shipped"].as_object().unwrap() {
            let want = expected_build(entry);
            // One build per platform in these trees: matched by platform.
            match got.iter().position(|(_, g)| g.platform == want.platform) {
                Some(i) => {
                    let (path, build) = got.remove(i);
                    if build != want {
                        failures.push(format!(
                            "{tree}: {name} ({path}):\n  got  {build:?}\n  want {want:?}"
                        ));
                    }
                }
                None => failures.push(format!("{tree}: {name} was not audited")),
            }
        }
        for (path, build) in got {
            failures.push(format!(
                "{tree}: audited {path}, which EXPECTED.json does not ship: {build:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
