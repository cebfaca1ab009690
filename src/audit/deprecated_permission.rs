//! `deprecated-permission`: an Android permission that is deprecated, replaced, removed or
//! without effect on newer versions, or a deprecated Info.plist purpose-string key.

use super::{Context, any_of, finding, row_label, Finding, Rule, RuleDef};
use crate::catalog::catalog;
use crate::model::{Disclosure, Message, Platform, Request, Severity};
use crate::policy::Policy;


/// The rule's definition: everything the registry, `permaudit rules`, the README and SARIF show.
pub(super) const RULE: RuleDef = RuleDef {
    id: "deprecated-permission",
    severity: Severity::Warning,
    summary: "Deprecated, replaced or no-effect permission or key",
    explanation: "Android deprecated, replaced or removed the permission, or it has no effect on \
                 newer versions (USE_FINGERPRINT from API 28, BLUETOOTH_ADMIN from 31, \
                 READ_EXTERNAL_STORAGE from 33, …); or Apple deprecated the Info.plist key \
                 (NSCalendarsUsageDescription from iOS 17). The message names the successor. \
                 An Android request capped below the deprecation level with \
                 android:maxSdkVersion, and an iOS key kept next to its successor for older OS \
                 versions, are the correct legacy pattern and are not reported. Fix: request \
                 the successor, and cap the old permission with maxSdkVersion (or keep the old \
                 key only while supporting older iOS); in a policy, name the successor.",
    app: Some(requests),
    policy: Some(policy),
    advisory: true,
    same_fact_both_sides: true,
};

/// What the catalog says about a deprecated permission or key.
#[derive(Debug)]
struct Deprecation {
    /// "is deprecated … from API 28", ready to follow the name.
    what: Message,
    /// Replacements.
    successors: Vec<&'static str>,
    /// Android: the first API level it no longer works on, when known.
    api_level: Option<u32>,
    /// iOS: the version that deprecated the key.
    ios_version: Option<&'static str>,
}

fn deprecation(platform: Platform, name: &str) -> Option<Deprecation> {
    match platform {
        Platform::Android => {
            let p = catalog().android_permission(name)?;
            if !p.is_deprecated() {
                return None;
            }
            let level = p.deprecated_level();
            let what = match level {
                Some((l, true)) => {
                    Message::new("msg.deprecated-permission.from-api").text("level", l.to_string())
                }
                Some((l, false)) => Message::new("msg.deprecated-permission.from-api-unconfirmed")
                    .text("level", l.to_string()),
                None => Message::new("msg.deprecated-permission.removed"),
            };
            Some(Deprecation {
                what,
                successors: p.successors().collect(),
                api_level: level.map(|(l, _)| l),
                ios_version: None,
            })
        }
        Platform::Ios | Platform::Macos => {
            let k = catalog().ios_key(name)?;
            if k.deprecated.is_empty() {
                return None;
            }
            Some(Deprecation {
                what: Message::new("msg.deprecated-permission.since-ios")
                    .text("version", k.deprecated),
                successors: k.successors().collect(),
                api_level: None,
                ios_version: Some(k.deprecated),
            })
        }
    }
}

/// The correct legacy pattern, not reported: an Android request capped below the level it stops
/// working at, or an iOS key kept next to its successor for older OS versions.
fn is_legacy_only(ctx: &Context<'_>, platform: Platform, r: &Request, dep: &Deprecation) -> bool {
    match platform {
        Platform::Android => {
            let cap = r
                .max_sdk
                .as_deref()
                .and_then(|m| m.trim().parse::<u32>().ok());
            matches!((cap, dep.api_level), (Some(cap), Some(level)) if cap < level)
        }
        Platform::Ios | Platform::Macos => {
            dep.successors.iter().any(|s| ctx.is_requested(platform, s))
        }
    }
}

/// The text of a finding on a request.
fn request_message(r: &Request, dep: &Deprecation) -> Message {
    Message::new("msg.deprecated-permission.request")
        .permission("permission", &r.permission)
        .part("what", dep.what.clone())
        .part("advice", request_advice(r, dep))
}

/// The text of a finding on a disclosure.
fn policy_message(d: &Disclosure, dep: &Deprecation) -> Message {
    let advice = if dep.successors.is_empty() {
        Message::new("msg.deprecated-permission.policy.remove")
    } else {
        Message::new("msg.deprecated-permission.policy.successor")
            .part("successors", any_of(&dep.successors))
    };
    Message::new("msg.deprecated-permission.policy")
        .part("row", row_label(d))
        .permission("permission", &d.permission)
        .part("what", dep.what.clone())
        .part("advice", advice)
}

fn request_advice(r: &Request, dep: &Deprecation) -> Message {
    let successors = any_of(&dep.successors);
    if let Some(version) = dep.ios_version {
        return if dep.successors.is_empty() {
            Message::new("msg.deprecated-permission.ios.remove").text("version", version)
        } else {
            Message::new("msg.deprecated-permission.ios.add")
                .part("successors", successors)
                .text("version", version)
        };
    }
    let advice = match (dep.api_level, r.max_sdk.as_deref()) {
        (Some(level), Some(cap)) => Message::new("msg.deprecated-permission.lower-cap")
            .text("cap", cap)
            .text("last", level.saturating_sub(1).to_string()),
        (Some(level), None) => Message::new("msg.deprecated-permission.cap")
            .text("last", level.saturating_sub(1).to_string()),
        (None, _) => Message::new("msg.deprecated-permission.remove"),
    };
    if dep.successors.is_empty() {
        advice
    } else {
        Message::new("msg.deprecated-permission.instead")
            .part("successors", successors)
            .part("advice", advice)
    }
}

/// Requests of deprecated permissions and keys.
pub(super) fn requests(ctx: &Context<'_>) -> Vec<Finding> {
    ctx.first_requests()
        .filter_map(|(input, r)| {
            let platform = input.platform();
            let dep = deprecation(platform, &r.permission)?;
            if is_legacy_only(ctx, platform, r, &dep) {
                return None;
            }
            Some(finding(
                Rule::DeprecatedPermission,
                platform,
                &r.permission,
                &r.location,
                request_message(r, &dep),
            ))
        })
        .collect()
}

/// Disclosures of deprecated names, unless the same row also names a successor (a policy may
/// rightly name both while the app supports older versions).
pub(super) fn policy(policy: &Policy) -> Vec<Finding> {
    let mut findings = Vec::new();
    for row in &policy.rows {
        for d in &row.permissions {
            let Some(dep) = deprecation(d.platform, &d.permission) else {
                continue;
            };
            if dep
                .successors
                .iter()
                .any(|s| row.permissions.iter().any(|o| o.permission == *s))
            {
                continue;
            }
            findings.push(finding(
                Rule::DeprecatedPermission,
                d.platform,
                &d.permission,
                &d.location,
                policy_message(d, &dep),
            ));
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_facts_behind_the_messages() {
        let fp = deprecation(Platform::Android, "android.permission.USE_FINGERPRINT").unwrap();
        assert_eq!(fp.api_level, Some(28));
        assert_eq!(fp.successors, vec!["android.permission.USE_BIOMETRIC"]);
        let bt = deprecation(Platform::Android, "android.permission.BLUETOOTH_ADMIN").unwrap();
        assert_eq!(
            bt.successors,
            vec![
                "android.permission.BLUETOOTH_SCAN",
                "android.permission.BLUETOOTH_ADVERTISE"
            ]
        );
        let cal = deprecation(Platform::Ios, "NSCalendarsUsageDescription").unwrap();
        assert_eq!(cal.ios_version, Some("17.0"));
        assert_eq!(cal.successors.len(), 2);
        assert!(deprecation(Platform::Android, "android.permission.CAMERA").is_none());
        assert!(deprecation(Platform::Ios, "NSCameraUsageDescription").is_none());
    }
}
