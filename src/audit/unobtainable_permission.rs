//! `unobtainable-permission`: an Android permission a store-installed app can never be granted.

use super::{Context, finding, row_label};
use crate::catalog::{AndroidPermission, catalog};
use crate::model::{Finding, Platform};
use crate::policy::Policy;
use crate::rules::Rule;

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
                format!(
                    "{} is {}: Android never grants it to a store-installed app, so the request \
                     does nothing; remove it (tools:node=\"remove\" if a library merges it in)",
                    r.permission, p.protection
                ),
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
                format!(
                    "{} discloses {}, which is {}: a store-installed app can never be granted \
                     it; remove it from the policy and the app",
                    row_label(d),
                    d.permission,
                    p.protection
                ),
            ))
        })
        .collect()
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
