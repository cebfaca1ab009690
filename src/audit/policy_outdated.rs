//! `policy-outdated`: the policy names a deprecated permission and the app requests the
//! permission that replaced it, which the row covers only through successor matching.

use super::{Context, finding, row_label, Finding, Rule, RuleDef};
use crate::catalog::catalog;
use crate::model::{Disclosure, Message, Severity};


/// The rule's definition: everything the registry, `permaudit rules`, the README and SARIF show.
pub(super) const RULE: RuleDef = RuleDef {
    id: "policy-outdated",
    severity: Severity::Note,
    summary: "Policy names a deprecated permission; the app requests its successor",
    explanation: "Successor-aware matching: a policy row that names a deprecated permission (for \
                 example NSCalendarsUsageDescription, or USE_FINGERPRINT) also covers the \
                 permissions that replaced it (NSCalendarsFullAccessUsageDescription, \
                 USE_BIOMETRIC), and the reverse, so an app that moved to the new name is not \
                 reported as undeclared. The policy still names the old permission, so this note \
                 points at the row to reword. Fix: name the successor the app requests in that \
                 row. --strict-names turns successor matching off (the request is then \
                 undeclared and the old name unused).",
    app: Some(check),
    policy: None,
    advisory: false,
    same_fact_both_sides: false,
};

/// One note per policy entry whose successors the app requests without the policy naming them.
/// Located at the entry, since that is the text to change. Nothing when successor matching is
/// off: the requests are then `undeclared`.
pub(super) fn check(ctx: &Context<'_>) -> Vec<Finding> {
    if !ctx.settings.successor_matching {
        return Vec::new();
    }
    let mut findings = Vec::new();
    for d in ctx.policy.disclosures() {
        let successors: Vec<_> = catalog()
            .successors(d.platform, &d.permission)
            .into_iter()
            .filter(|s| ctx.is_requested(d.platform, s) && !ctx.is_disclosed(d.platform, s))
            .collect();
        if successors.is_empty() {
            continue;
        }
        let names = successors.join(", ");
        findings.push(finding(
            Rule::PolicyOutdated,
            d.platform,
            &d.permission,
            &d.location,
            message(d, &names),
        ));
    }
    findings
}

/// The finding's text; `names` are the successors the app requests.
fn message(d: &Disclosure, names: &str) -> Message {
    Message::new("msg.policy-outdated")
        .part("row", row_label(d))
        .permission("permission", &d.permission)
        .text("names", names)
}
