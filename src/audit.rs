//! The diff engine: requested permissions × disclosed permissions → findings, plus the advisory
//! rules that judge requests and policies against the permission catalog.
//!
//! Pure: no I/O, no printing. The same inputs and policy always give the same findings in the
//! same order. Every rule lives in its own file, `src/audit/<rule_id>.rs` (dashes become
//! underscores), next to its unit tests; its id, severity and explanation live in
//! [`crate::rules`].

mod deprecated_permission;
mod duplicate_disclosure;
mod empty_purpose;
mod ignored_build_setting;
mod matching;
mod missing_companion;
mod missing_translation;
mod policy_outdated;
mod restricted_permission;
mod unaudited_platform;
mod undeclared;
mod unknown_permission;
mod unobtainable_permission;
mod unused;

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Disclosure, Finding, Location, ParsedInput, Platform, Request, Severity};
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
/// configuration (config file, flags) only ever changes them explicitly. Build it with
/// `Settings::default()` and change fields, so new switches keep their documented default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Per-rule level; a rule not listed reports at its default severity.
    pub levels: BTreeMap<Rule, Level>,
    /// Successor-aware matching (default on; config key `successor-matching`, off with
    /// `--strict-names`): a disclosed deprecated permission covers its successors and the
    /// reverse, with a `policy-outdated` note instead of `undeclared` + `unused`.
    pub successor_matching: bool,
    /// Severity of `undeclared` for Android permissions whose protection level is `normal`
    /// (install-time); `None` means the same as every other `undeclared`. Config key
    /// `undeclared-normal`, flag `--undeclared-normal`. Each finding it changes says so in its
    /// message, so the lowering is never silent.
    pub undeclared_normal: Option<Severity>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            levels: BTreeMap::new(),
            successor_matching: true,
            undeclared_normal: None,
        }
    }
}

impl Settings {
    /// The level `rule` reports at.
    pub fn level(&self, rule: Rule) -> Level {
        self.levels
            .get(&rule)
            .copied()
            .unwrap_or(Level::On(rule.default_severity()))
    }

    /// The severity `undeclared-normal` gives `finding`, if it applies: an `undeclared` Android
    /// permission that the catalog knows as install-time (`normal`).
    fn undeclared_normal_override(&self, finding: &Finding) -> Option<Severity> {
        let severity = self.undeclared_normal?;
        (finding.rule == Rule::Undeclared
            && matching::is_normal(finding.platform, &finding.permission))
        .then_some(severity)
    }

    /// Applies the per-rule levels: drops findings of rules that are off and sets severities.
    pub fn apply(&self, findings: &mut Vec<Finding>) {
        findings.retain_mut(|f| match self.level(f.rule) {
            Level::Off => false,
            Level::On(severity) => {
                f.severity = self.undeclared_normal_override(f).unwrap_or(severity);
                true
            }
        });
    }
}

/// Audits with the default settings; see [`audit_with`].
pub fn audit(inputs: &[ParsedInput], policy: &Policy) -> Vec<Finding> {
    audit_with(inputs, policy, &Settings::default())
}

/// Compares what the inputs request with what the policy discloses (`permaudit check`): the
/// matching rules (`undeclared`, `unused`, `policy-outdated`) and the advisories about requests
/// (see each rule's [`Rule::scope`]).
pub fn audit_with(inputs: &[ParsedInput], policy: &Policy, settings: &Settings) -> Vec<Finding> {
    let ctx = Context::new(inputs, policy, settings);
    let mut findings = Vec::new();
    findings.extend(undeclared::check(&ctx));
    findings.extend(unused::check(&ctx));
    findings.extend(policy_outdated::check(&ctx));
    findings.extend(unobtainable_permission::requests(&ctx));
    findings.extend(restricted_permission::requests(&ctx));
    findings.extend(deprecated_permission::requests(&ctx));
    findings.extend(unknown_permission::requests(&ctx));
    findings.extend(empty_purpose::requests(&ctx));
    findings.extend(missing_companion::check(&ctx));
    findings.extend(missing_translation::requests(&ctx));
    findings.extend(ignored_build_setting::inputs(&ctx));
    findings.extend(unaudited_platform::inputs(&ctx));
    finish(findings, settings)
}

/// Judges a policy alone (`permaudit policy lint`): unknown and deprecated names, duplicates,
/// rows without a purpose, and what it discloses that is unobtainable or restricted.
pub fn lint_policy(policy: &Policy, settings: &Settings) -> Vec<Finding> {
    let mut findings = Vec::new();
    findings.extend(unobtainable_permission::policy(policy));
    findings.extend(restricted_permission::policy(policy));
    findings.extend(deprecated_permission::policy(policy));
    findings.extend(unknown_permission::policy(policy));
    findings.extend(empty_purpose::policy(policy));
    findings.extend(duplicate_disclosure::policy(policy));
    finish(findings, settings)
}

/// The advisories a request for `permission` alone would draw (unobtainable, restricted,
/// deprecated, unknown, missing companion), for `permaudit explain`.
pub fn advisories_for(platform: Platform, permission: &str, settings: &Settings) -> Vec<Finding> {
    let kind = match platform {
        Platform::Android => crate::model::InputKind::Manifest,
        Platform::Ios | Platform::Macos => crate::model::InputKind::Plist,
    };
    let inputs = [ParsedInput {
        path: String::new(),
        kind,
        requests: vec![Request {
            permission: permission.to_owned(),
            location: Location::file(""),
            max_sdk: None,
            sdk23_only: false,
            own: false,
            purpose: None,
            localizations: Vec::new(),
        }],
        removals: Vec::new(),
        build: None,
        apple_platform: None,
        notes: Vec::new(),
    }];
    let empty = Policy {
        name: String::new(),
        source: None,
        file: None,
        rows: Vec::new(),
    };
    let ctx = Context::new(&inputs, &empty, settings);
    let mut findings = Vec::new();
    findings.extend(unobtainable_permission::requests(&ctx));
    findings.extend(restricted_permission::requests(&ctx));
    findings.extend(deprecated_permission::requests(&ctx));
    findings.extend(unknown_permission::requests(&ctx));
    findings.extend(missing_companion::check(&ctx));
    finish(findings, settings)
}

fn finish(mut findings: Vec<Finding>, settings: &Settings) -> Vec<Finding> {
    settings.apply(&mut findings);
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings
}

/// A finding at the rule's default severity; [`Settings::apply`] sets the final one.
fn finding(
    rule: Rule,
    platform: Platform,
    permission: &str,
    location: &Location,
    message: String,
) -> Finding {
    Finding {
        rule,
        severity: rule.default_severity(),
        platform,
        permission: permission.to_owned(),
        location: location.clone(),
        message,
    }
}

/// How a policy row is named in messages: its label, else its number.
fn row_label(d: &Disclosure) -> String {
    d.row_name
        .as_deref()
        .map_or_else(|| format!("row {}", d.row + 1), |n| format!("row \"{n}\""))
}

/// What the rules of a `check` share: the inputs, the policy and indexes over both.
struct Context<'a> {
    /// The inputs audited against the policy.
    inputs: Vec<&'a ParsedInput>,
    /// Inputs of a platform the policy has no table for (macOS), listed as not audited.
    unaudited: Vec<&'a ParsedInput>,
    policy: &'a Policy,
    settings: &'a Settings,
    /// Per platform, every permission any audited input requests (the app's own included).
    requested: BTreeMap<Platform, BTreeSet<&'a str>>,
    /// Per platform, every permission the policy discloses.
    disclosed: BTreeMap<Platform, BTreeSet<&'a str>>,
}

impl<'a> Context<'a> {
    fn new(all: &'a [ParsedInput], policy: &'a Policy, settings: &'a Settings) -> Self {
        // A macOS app is judged only against a `macos` table; without one it is not pooled
        // into iOS but reported as not audited.
        let has_macos = policy.rows.iter().any(|r| r.platform == Platform::Macos);
        let (inputs, unaudited): (Vec<&ParsedInput>, Vec<&ParsedInput>) = all
            .iter()
            .partition(|i| has_macos || i.platform() != Platform::Macos);
        let mut requested: BTreeMap<Platform, BTreeSet<&str>> = BTreeMap::new();
        for input in &inputs {
            let set = requested.entry(input.platform()).or_default();
            set.extend(input.requests.iter().map(|r| r.permission.as_str()));
        }
        let mut disclosed: BTreeMap<Platform, BTreeSet<&str>> = BTreeMap::new();
        for d in policy.disclosures() {
            disclosed
                .entry(d.platform)
                .or_default()
                .insert(&d.permission);
        }
        Context {
            inputs,
            unaudited,
            policy,
            settings,
            requested,
            disclosed,
        }
    }

    fn is_requested(&self, platform: Platform, permission: &str) -> bool {
        self.requested
            .get(&platform)
            .is_some_and(|s| s.contains(permission))
    }

    fn is_disclosed(&self, platform: Platform, permission: &str) -> bool {
        self.disclosed
            .get(&platform)
            .is_some_and(|s| s.contains(permission))
    }

    /// The first request of each permission in each input, the app's own excepted: rules about
    /// requests report once per file and permission, where it is first written.
    fn first_requests(&self) -> impl Iterator<Item = (&'a ParsedInput, &'a Request)> {
        self.inputs.iter().copied().flat_map(|input| {
            let mut seen = BTreeSet::new();
            input
                .requests
                .iter()
                .filter(move |r| !r.own && seen.insert(r.permission.as_str()))
                .map(move |r| (input, r))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::InputKind;
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
                    localizations: Vec::new(),
                })
                .collect(),
            removals: vec![],
            build: None,
            apple_platform: None,
            notes: Vec::new(),
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
