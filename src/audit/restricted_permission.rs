//! `restricted-permission`: a permission Google Play allows only after a Play Console
//! declaration.

use super::{Context, row_label, Finding, Rule, RuleDef, marked_disclosures, marked_requests};
use crate::catalog::AndroidPermission;
use crate::model::{Disclosure, Message, Severity};
use crate::policy::Policy;


/// The rule's definition: everything the registry, `permaudit rules`, the README and SARIF show.
pub(super) const RULE: RuleDef = RuleDef {
    id: "restricted-permission",
    severity: Severity::Warning,
    summary: "Permission Google Play restricts to declared use cases",
    explanation: "Google Play allows the permission only for qualifying core use cases and only \
                 after a Play Console declaration (SMS and Call Log groups, background location, \
                 QUERY_ALL_PACKAGES, MANAGE_EXTERNAL_STORAGE, REQUEST_INSTALL_PACKAGES, photo \
                 and video, foreground-service types, Health Connect, …). The message names the \
                 Play policy. An app that requests it without a qualifying use case is rejected \
                 or removed from Play. Fix: remove the permission, or complete the declaration \
                 and keep the policy's purpose in line with it. Turn the rule off for apps not \
                 distributed on Google Play.",
    app: Some(requests),
    policy: Some(policy),
    advisory: true,
    same_fact_both_sides: true,
};

/// Requests of restricted permissions.
pub(super) fn requests(ctx: &Context<'_>) -> Vec<Finding> {
    marked_requests(ctx, Rule::RestrictedPermission, AndroidPermission::needs_play_declaration, request_message)
}

/// Disclosures of restricted permissions.
pub(super) fn policy(policy: &Policy) -> Vec<Finding> {
    marked_disclosures(policy, Rule::RestrictedPermission, AndroidPermission::needs_play_declaration, policy_message)
}

/// The text of a finding on a request.
fn request_message(permission: &str, p: &AndroidPermission) -> Message {
    Message::new("msg.restricted-permission.request")
        .permission("permission", permission)
        .text("policy", p.play_policy)
}

/// The text of a finding on a disclosure.
fn policy_message(d: &Disclosure, p: &AndroidPermission) -> Message {
    Message::new("msg.restricted-permission.policy")
        .part("row", row_label(d))
        .permission("permission", &d.permission)
        .text("policy", p.play_policy)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Platform;

    /// What the rule's checks ask of the catalog.
    fn restricted(platform: Platform, name: &str) -> Option<&'static AndroidPermission> {
        crate::audit::marked_android(platform, name, AndroidPermission::needs_play_declaration)
    }

    #[test]
    fn declaration_permissions_only() {
        let sms = restricted(Platform::Android, "android.permission.SEND_SMS");
        assert_eq!(sms.map(|p| p.play_policy), Some("SMS permission group"));
        assert!(restricted(Platform::Android, "android.permission.READ_CALL_LOG").is_some());
        // Foreground location is covered by Play's location policy but needs no declaration.
        assert!(restricted(Platform::Android, "android.permission.ACCESS_FINE_LOCATION").is_none());
        assert!(restricted(Platform::Android, "android.permission.CAMERA").is_none());
    }
}
