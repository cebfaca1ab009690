//! The diff engine: requested permissions × disclosed permissions → findings.
//!
//! Pure: no I/O, no printing. The same inputs and policy always give the same findings in the
//! same order.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Finding, ParsedInput, Platform};
use crate::policy::Policy;
use crate::rules::Rule;

/// Compares what the inputs request with what the policy discloses.
///
/// - `undeclared`: one finding per (file, permission), at the first request in that file; the
///   app's own permissions (declared with `<permission>`) are exempt.
/// - `unused`: one finding per policy entry whose permission no input of its platform requests,
///   judged only for platforms that have at least one input.
pub fn audit(inputs: &[ParsedInput], policy: &Policy) -> Vec<Finding> {
    let mut findings = Vec::new();

    let mut disclosed: BTreeMap<Platform, BTreeSet<&str>> = BTreeMap::new();
    for d in policy.disclosures() {
        disclosed
            .entry(d.platform)
            .or_default()
            .insert(&d.permission);
    }

    let mut requested: BTreeMap<Platform, BTreeSet<&str>> = BTreeMap::new();
    for input in inputs {
        let platform = input.platform();
        let requested = requested.entry(platform).or_default();
        let disclosed = disclosed.get(&platform);
        let mut reported = BTreeSet::new();
        for request in &input.requests {
            requested.insert(&request.permission);
            if request.own
                || disclosed.is_some_and(|d| d.contains(request.permission.as_str()))
                || !reported.insert(request.permission.as_str())
            {
                continue;
            }
            findings.push(Finding {
                rule: Rule::Undeclared,
                severity: Rule::Undeclared.default_severity(),
                platform,
                permission: request.permission.clone(),
                location: request.location.clone(),
                message: format!(
                    "{} is requested but no row of the policy's {} table discloses it; add it \
                     to the row that explains its use, or stop requesting it",
                    request.permission,
                    platform.display_name()
                ),
            });
        }
    }

    for d in policy.disclosures() {
        let Some(requested) = requested.get(&d.platform) else {
            continue;
        };
        if requested.contains(d.permission.as_str()) {
            continue;
        }
        let row = d
            .row_name
            .as_deref()
            .map_or_else(|| format!("row {}", d.row + 1), |n| format!("row \"{n}\""));
        findings.push(Finding {
            rule: Rule::Unused,
            severity: Rule::Unused.default_severity(),
            platform: d.platform,
            permission: d.permission.clone(),
            location: d.location.clone(),
            message: format!(
                "{} is disclosed by {row} but no audited {} input requests it; remove it from \
                 the policy, or audit the file that requests it",
                d.permission,
                d.platform.display_name()
            ),
        });
    }

    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{InputKind, Location, Request};
    use crate::policy;

    fn manifest(permissions: &[(&str, bool)]) -> ParsedInput {
        ParsedInput {
            path: "AndroidManifest.xml".into(),
            kind: InputKind::Manifest,
            requests: permissions
                .iter()
                .enumerate()
                .map(|(i, &(p, own))| Request {
                    permission: p.into(),
                    location: Location::at("AndroidManifest.xml", i as u32 + 2, 5),
                    max_sdk: None,
                    sdk23_only: false,
                    own,
                    purpose: None,
                })
                .collect(),
            removals: vec![],
        }
    }

    fn policy() -> Policy {
        policy::parse(
            "name: t\nandroid:\n  - name: Cam\n    permissions: [CAMERA, INTERNET]\n\
             ios:\n  - permissions: [NSCameraUsageDescription]\n",
            Some("p.yaml"),
        )
        .unwrap()
    }

    #[test]
    fn undeclared_unused_and_own() {
        let inputs = [manifest(&[
            ("android.permission.CAMERA", false),
            ("android.permission.VIBRATE", false),
            ("android.permission.VIBRATE", false),
            ("com.example.OWN", true),
        ])];
        let findings = audit(&inputs, &policy());
        let got: Vec<_> = findings
            .iter()
            .map(|f| (f.rule, f.permission.as_str(), f.location.to_string()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    Rule::Undeclared,
                    "android.permission.VIBRATE",
                    "AndroidManifest.xml:3:5".into()
                ),
                (
                    Rule::Unused,
                    "android.permission.INTERNET",
                    "p.yaml:4:27".into()
                ),
            ]
        );
    }

    #[test]
    fn unused_only_for_audited_platforms() {
        let findings = audit(&[manifest(&[])], &policy());
        assert!(findings.iter().all(|f| f.platform == Platform::Android));
        assert_eq!(findings.len(), 2);
        assert!(audit(&[], &policy()).is_empty());
    }
}
