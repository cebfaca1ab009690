//! `unknown-permission`: an `android.permission.*` name that no Android version defined.
//!
//! Only the platform namespace is judged: permissions of apps, vendors and SDKs are open-ended,
//! but every `android.permission.*` name Android ever defined is in the catalog (historical
//! ones included), so an unknown one is a typo.

use super::{Context, finding, row_label, Finding, Rule, RuleDef};
use crate::catalog::{ANDROID_PREFIX, catalog};
use crate::model::{Disclosure, Message, Platform, Severity};
use crate::policy::Policy;


/// The rule's definition: everything the registry, `permaudit rules`, the README and SARIF show.
pub(super) const RULE: RuleDef = RuleDef {
    id: "unknown-permission",
    severity: Severity::Warning,
    summary: "android.permission.* name Android never defined",
    explanation: "The name is in the android.permission namespace but no Android version ever \
                 defined it, so it is almost certainly a typo and grants nothing. The message \
                 suggests the nearest real name. Fix: correct the spelling in the manifest or \
                 the policy.",
    app: Some(requests),
    policy: Some(policy),
    advisory: true,
    same_fact_both_sides: true,
};

/// `Some(suggestion)` when `name` is an unknown platform name; the suggestion is the nearest
/// real name, if one is close.
fn unknown(platform: Platform, name: &str) -> Option<Option<&'static str>> {
    // Placeholders are resolved by the build; they are not names to judge.
    if platform != Platform::Android || !name.starts_with(ANDROID_PREFIX) || name.contains("${") {
        return None;
    }
    let cat = catalog();
    if cat.knows_android(name) {
        return None;
    }
    Some(cat.nearest_platform_permission(name))
}

fn did_you_mean(nearest: Option<&str>) -> Message {
    nearest.map_or_else(
        || Message::new("msg.unknown-permission.check-spelling"),
        |n| Message::new("msg.unknown-permission.did-you-mean").text("nearest", n),
    )
}

/// Requests of unknown platform names.
pub(super) fn requests(ctx: &Context<'_>) -> Vec<Finding> {
    // A large tree repeats the same names in many files; judge each name once.
    let mut judged: std::collections::HashMap<(Platform, &str), Option<Option<&'static str>>> =
        std::collections::HashMap::new();
    ctx.first_requests()
        .filter_map(|(input, r)| {
            let nearest = *judged
                .entry((input.platform(), r.permission.as_str()))
                .or_insert_with(|| unknown(input.platform(), &r.permission))
                .as_ref()?;
            Some(finding(
                Rule::UnknownPermission,
                input.platform(),
                &r.permission,
                &r.location,
                request_message(&r.permission, nearest),
            ))
        })
        .collect()
}

/// Disclosures of unknown platform names (short names are already resolved or rejected when the
/// policy loads; this catches full names).
pub(super) fn policy(policy: &Policy) -> Vec<Finding> {
    policy
        .disclosures()
        .filter_map(|d| {
            let nearest = unknown(d.platform, &d.permission)?;
            Some(finding(
                Rule::UnknownPermission,
                d.platform,
                &d.permission,
                &d.location,
                policy_message(d, nearest),
            ))
        })
        .collect()
}

/// The text of a finding on a request; `nearest` is the suggested real name.
fn request_message(permission: &str, nearest: Option<&str>) -> Message {
    Message::new("msg.unknown-permission.request")
        .permission("permission", permission)
        .part("fix", did_you_mean(nearest))
}

/// The text of a finding on a disclosure.
fn policy_message(d: &Disclosure, nearest: Option<&str>) -> Message {
    Message::new("msg.unknown-permission.policy")
        .part("row", row_label(d))
        .permission("permission", &d.permission)
        .part("fix", did_you_mean(nearest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_only_in_the_platform_namespace() {
        assert_eq!(
            unknown(Platform::Android, "android.permission.CAMREA"),
            Some(Some("android.permission.CAMERA"))
        );
        assert_eq!(
            unknown(Platform::Android, "android.permission.CAMERA"),
            None
        );
        // Historical names are known.
        assert_eq!(
            unknown(Platform::Android, "android.permission.READ_OWNER_DATA"),
            None
        );
        assert_eq!(
            unknown(Platform::Android, "android.permission.health.READ_STEPS"),
            None
        );
        assert_eq!(
            unknown(Platform::Android, "com.example.permission.CAMREA"),
            None
        );
        assert_eq!(unknown(Platform::Ios, "android.permission.CAMREA"), None);
    }
}
