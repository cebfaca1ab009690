//! `unobtainable-permission`: an Android permission a store-installed app can never be granted.

use super::{Context, finding, row_label, Finding, Rule, RuleDef};
use crate::catalog::{AndroidPermission, catalog};
use crate::model::{Disclosure, Platform, Severity};
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

/// The catalog row, when the permission is one no store-installed app can hold.
fn unobtainable(platform: Platform, permission: &str) -> Option<&'static AndroidPermission> {
    if platform != Platform::Android {
        return None;
    }
    catalog()
        .android_permission(permission)
        .filter(|p| p.is_unobtainable())
}

/// Requests of unobtainable permissions.
pub(super) fn requests(ctx: &Context<'_>) -> Vec<Finding> {
    ctx.first_requests()
        .filter_map(|(input, r)| {
            let p = unobtainable(input.platform(), &r.permission)?;
            Some(finding(
                Rule::UnobtainablePermission,
                input.platform(),
                &r.permission,
                &r.location,
                request_message(&r.permission, p),
            ))
        })
        .collect()
}

/// Disclosures of unobtainable permissions: the policy promises data the app cannot collect.
pub(super) fn policy(policy: &Policy) -> Vec<Finding> {
    policy
        .disclosures()
        .filter_map(|d| {
            let p = unobtainable(d.platform, &d.permission)?;
            Some(finding(
                Rule::UnobtainablePermission,
                d.platform,
                &d.permission,
                &d.location,
                policy_message(d, p),
            ))
        })
        .collect()
}

/// The text of a finding on a request.
fn request_message(permission: &str, p: &AndroidPermission) -> String {
    format!(
        "{permission} is {}: Android never grants it to a store-installed app, so the request \
         does nothing; remove it (tools:node=\"remove\" if a library merges it in)",
        p.protection
    )
}

/// The text of a finding on a disclosure.
fn policy_message(d: &Disclosure, p: &AndroidPermission) -> String {
    format!(
        "{} discloses {}, which is {}: a store-installed app can never be granted it; remove it \
         from the policy and the app",
        row_label(d),
        d.permission,
        p.protection
    )
}

#[cfg(test)]
mod tests {
    use super::*;

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
