//! The diff engine: requested permissions × disclosed permissions → findings.
//!
//! Pure: no I/O, no printing. The same inputs and policy always give the same findings in the
//! same order.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Finding, ParsedInput, Platform, Severity};
use crate::policy::Policy;
use crate::rules::Rule;

/// The level a rule reports at, after configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// The rule does not report.
    Off,
    /// The rule reports at this severity.
    On(Severity),
}

/// How the audit judges, beyond the policy itself. The defaults are the documented behaviour;
/// configuration (config file, flags) only ever changes them explicitly.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// Per-rule level; a rule not listed reports at its default severity.
    pub levels: BTreeMap<Rule, Level>,
}

impl Settings {
    /// The level `rule` reports at.
    pub fn level(&self, rule: Rule) -> Level {
        self.levels
            .get(&rule)
            .copied()
            .unwrap_or(Level::On(rule.default_severity()))
    }

    /// Applies the per-rule levels: drops findings of rules that are off and sets severities.
    pub fn apply(&self, findings: &mut Vec<Finding>) {
        findings.retain_mut(|f| match self.level(f.rule) {
            Level::Off => false,
            Level::On(severity) => {
                f.severity = severity;
                true
            }
        });
    }
}

/// Audits with the default settings; see [`audit_with`].
pub fn audit(inputs: &[ParsedInput], policy: &Policy) -> Vec<Finding> {
    audit_with(inputs, policy, &Settings::default())
}

/// Compares what the inputs request with what the policy discloses.
///
/// - `undeclared`: one finding per (file, permission), at the first request in that file; the
///   app's own permissions (declared with `<permission>`) are exempt.
/// - `unused`: one finding per policy entry whose permission no input of its platform requests,
///   judged only for platforms that have at least one input.
pub fn audit_with(inputs: &[ParsedInput], policy: &Policy, settings: &Settings) -> Vec<Finding> {
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

    settings.apply(&mut findings);
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
    fn settings_turn_rules_off_and_change_severity() {
        let inputs = [manifest(&[("android.permission.VIBRATE", false)])];
        let mut settings = Settings::default();
        settings.levels.insert(Rule::Unused, Level::Off);
        settings
            .levels
            .insert(Rule::Undeclared, Level::On(Severity::Warning));
        let findings = audit_with(&inputs, &policy(), &settings);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].rule, Rule::Undeclared);
        assert_eq!(findings[0].severity, Severity::Warning);
    }

    #[test]
    fn unused_only_for_audited_platforms() {
        let findings = audit(&[manifest(&[])], &policy());
        assert!(findings.iter().all(|f| f.platform == Platform::Android));
        assert_eq!(findings.len(), 2);
        assert!(audit(&[], &policy()).is_empty());
    }
}
