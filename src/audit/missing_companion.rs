//! `missing-companion`: a permission requested without another one it needs to work.
//!
//! Requests of all audited files of a platform are pooled, as for `unused`: a companion in a
//! flavour or library manifest counts.

use std::collections::BTreeSet;

use super::{Context, finding, Finding, Rule, RuleDef};
use crate::model::{Message, Platform, Severity};


/// The rule's definition: everything the registry, `permaudit rules`, the README and SARIF show.
pub(super) const RULE: RuleDef = RuleDef {
    id: "missing-companion",
    severity: Severity::Warning,
    summary: "Permission requested without the companion it needs",
    explanation: "Some permissions only work together with another one: \
                 ACCESS_FINE_LOCATION needs ACCESS_COARSE_LOCATION on Android 12+ (the user may \
                 grant approximate location only); ACCESS_BACKGROUND_LOCATION is granted only \
                 on top of a foreground location permission; FOREGROUND_SERVICE needs the \
                 FOREGROUND_SERVICE_<TYPE> permission of each service type for apps targeting \
                 Android 14; NSLocationAlwaysAndWhenInUseUsageDescription is ignored without \
                 NSLocationWhenInUseUsageDescription. Requests of all audited files of a \
                 platform are pooled. Fix: request the companion (and disclose it).",
    app: Some(check),
    policy: None,
    advisory: true,
    same_fact_both_sides: false,
};

/// What satisfies a dependency.
#[derive(Debug)]
enum Needs {
    /// Any one of these.
    AnyOf(&'static [&'static str]),
    /// Any permission whose name starts with this.
    AnyWithPrefix(&'static str),
}

/// One dependency between permissions.
#[derive(Debug)]
struct Companion {
    platform: Platform,
    permission: &'static str,
    needs: Needs,
    /// What to request, for the message: a catalog id.
    wanted: &'static str,
    /// Why, for the message: a catalog id.
    why: &'static str,
}

/// The dependencies permaudit knows, each a documented platform requirement (Android's location
/// and foreground-service permission docs, as recorded in the reference's deprecations table;
/// Apple's location key documentation).
const COMPANIONS: &[Companion] = &[
    Companion {
        platform: Platform::Android,
        permission: "android.permission.ACCESS_FINE_LOCATION",
        needs: Needs::AnyOf(&["android.permission.ACCESS_COARSE_LOCATION"]),
        wanted: "msg.missing-companion.fine-location.wanted",
        why: "msg.missing-companion.fine-location.why",
    },
    Companion {
        platform: Platform::Android,
        permission: "android.permission.ACCESS_BACKGROUND_LOCATION",
        needs: Needs::AnyOf(&[
            "android.permission.ACCESS_FINE_LOCATION",
            "android.permission.ACCESS_COARSE_LOCATION",
        ]),
        wanted: "msg.missing-companion.background-location.wanted",
        why: "msg.missing-companion.background-location.why",
    },
    Companion {
        platform: Platform::Android,
        permission: "android.permission.FOREGROUND_SERVICE",
        needs: Needs::AnyWithPrefix("android.permission.FOREGROUND_SERVICE_"),
        wanted: "msg.missing-companion.foreground-service.wanted",
        why: "msg.missing-companion.foreground-service.why",
    },
    Companion {
        platform: Platform::Ios,
        permission: "NSLocationAlwaysAndWhenInUseUsageDescription",
        needs: Needs::AnyOf(&["NSLocationWhenInUseUsageDescription"]),
        wanted: "msg.missing-companion.always-location.wanted",
        why: "msg.missing-companion.always-location.why",
    },
];

/// One finding per unmet dependency, at the first request of the dependent permission.
pub(super) fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut reported = BTreeSet::new();
    let mut findings = Vec::new();
    for (input, r) in ctx.first_requests() {
        let platform = input.platform();
        for c in COMPANIONS {
            if c.platform != platform || c.permission != r.permission {
                continue;
            }
            let met = match c.needs {
                Needs::AnyOf(names) => names.iter().any(|n| ctx.is_requested(platform, n)),
                Needs::AnyWithPrefix(prefix) => ctx
                    .requested
                    .get(&platform)
                    .is_some_and(|s| s.iter().any(|p| p.starts_with(prefix))),
            };
            if met || !reported.insert((platform, c.permission)) {
                continue;
            }
            findings.push(finding(
                Rule::MissingCompanion,
                platform,
                &r.permission,
                &r.location,
                message(&r.permission, c),
            ));
        }
    }
    findings
}

/// The finding's text.
fn message(permission: &str, c: &Companion) -> Message {
    Message::new("msg.missing-companion")
        .permission("permission", permission)
        .part("wanted", Message::new(c.wanted))
        .part("why", Message::new(c.why))
}
