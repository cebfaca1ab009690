//! `unobtainable-permission`: an Android permission a store-installed app can never be granted.

use super::{Context, row_label, Finding, Rule, RuleDef, marked_disclosures, marked_requests};
use crate::catalog::AndroidPermission;
use crate::model::{Disclosure, Message, Severity};
use crate::policy::Policy;


/// The rule's definition: everything the registry, `permaudit rules`, the README and SARIF show.
pub(super) const RULE: RuleDef = RuleDef {
    id: "unobtainable-permission",
    severity: Severity::Warning,
    summary: "Permission a store-installed app can never be granted",
    explanation: "The permission's protection level has none of normal, dangerous, appop, \
                 instant, role, runtime or pre23 (for example signature|privileged), or the \
                 reference lists it as unobtainable: Android grants it only to apps signed with \
                 the platform key or preinstalled on the system image. A store-installed app \
                 never receives it, so requesting it does nothing, and disclosing it promises \
                 data the app cannot collect. Fix: remove it from the manifest (often an SDK \
                 merges it in: use tools:node=\"remove\") and from the policy. Vendor \
                 permissions whose protection level is unknown are not judged.",
    app: Some(requests),
    policy: Some(policy),
    advisory: true,
    same_fact_both_sides: true,
};

/// Requests of unobtainable permissions.
pub(super) fn requests(ctx: &Context<'_>) -> Vec<Finding> {
    marked_requests(ctx, Rule::UnobtainablePermission, AndroidPermission::is_unobtainable, request_message)
}

/// Disclosures of unobtainable permissions.
pub(super) fn policy(policy: &Policy) -> Vec<Finding> {
    marked_disclosures(policy, Rule::UnobtainablePermission, AndroidPermission::is_unobtainable, policy_message)
}

/// The text of a finding on a request.
fn request_message(permission: &str, p: &AndroidPermission) -> Message {
    Message::new("msg.unobtainable-permission.request")
        .permission("permission", permission)
        .text("protection", p.protection)
}

/// The text of a finding on a disclosure.
fn policy_message(d: &Disclosure, p: &AndroidPermission) -> Message {
    Message::new("msg.unobtainable-permission.policy")
        .part("row", row_label(d))
        .permission("permission", &d.permission)
        .text("protection", p.protection)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Platform;

    /// What the rule's checks ask of the catalog.
    fn unobtainable(platform: Platform, name: &str) -> Option<&'static AndroidPermission> {
        crate::audit::marked_android(platform, name, AndroidPermission::is_unobtainable)
    }

    #[test]
    fn protection_levels_decide() {
        for name in [
            "android.permission.READ_LOGS",
            "android.permission.INSTALL_PACKAGES",
            "android.permission.READ_PRIVILEGED_PHONE_STATE",
        ] {
            assert!(unobtainable(Platform::Android, name).is_some(), "{name}");
        }
        for name in [
            "android.permission.CAMERA",
            "android.permission.INTERNET",
            "android.permission.REQUEST_INSTALL_PACKAGES",
            "android.permission.SYSTEM_ALERT_WINDOW",
            "com.huawei.android.launcher.permission.CHANGE_BADGE",
        ] {
            assert!(unobtainable(Platform::Android, name).is_none(), "{name}");
        }
    }
}
