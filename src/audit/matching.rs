//! Successor-aware matching, shared by `undeclared`, `unused` and `policy-outdated`.
//!
//! A deprecated permission and the permissions that replaced it (as the catalog records them:
//! `USE_FINGERPRINT` → `USE_BIOMETRIC`, `NSCalendarsUsageDescription` →
//! `NSCalendarsFullAccessUsageDescription` / `…WriteOnlyAccess…`) name the same user-facing
//! capability, so a policy row naming one covers the other. Only one step is followed: a chain
//! of replacements is rare and each link is recorded in the catalog directly.

use crate::catalog::catalog;
use crate::model::Platform;

/// The permissions related to `permission` by one replacement step, in either direction.
pub(super) fn relatives(platform: Platform, permission: &str) -> Vec<&'static str> {
    let cat = catalog();
    let mut related = cat.successors(platform, permission);
    related.extend(cat.predecessors(platform, permission));
    related.sort_unstable();
    related.dedup();
    related
}

/// An Android permission the catalog knows as install-time (`normal`).
pub(super) fn is_normal(platform: Platform, permission: &str) -> bool {
    platform == Platform::Android
        && catalog()
            .android_permission(permission)
            .is_some_and(|p| p.is_normal())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relatives_go_both_ways() {
        assert_eq!(
            relatives(Platform::Android, "android.permission.USE_FINGERPRINT"),
            vec!["android.permission.USE_BIOMETRIC"]
        );
        assert_eq!(
            relatives(Platform::Android, "android.permission.USE_BIOMETRIC"),
            vec!["android.permission.USE_FINGERPRINT"]
        );
        assert_eq!(
            relatives(Platform::Ios, "NSCalendarsFullAccessUsageDescription"),
            vec!["NSCalendarsUsageDescription"]
        );
        assert!(relatives(Platform::Android, "android.permission.CAMERA").is_empty());
        assert!(is_normal(Platform::Android, "android.permission.INTERNET"));
        assert!(!is_normal(Platform::Android, "android.permission.CAMERA"));
        assert!(!is_normal(Platform::Ios, "NSCameraUsageDescription"));
    }
}
