//! `unused`: a disclosed permission that no audited input of its platform requests.

use super::{Context, finding, row_label, Finding, Rule, RuleDef};
use crate::model::{Disclosure, Message, Severity};


/// The rule's definition: everything the registry, `permaudit rules`, the README and SARIF show.
pub(super) const RULE: RuleDef = RuleDef {
    id: "unused",
    severity: Severity::Warning,
    summary: "Disclosed permission no longer requested by the app",
    explanation: "A policy row discloses a permission that none of the audited inputs of that \
                 platform requests. The policy overstates what the app collects and has drifted \
                 from the app. The rule is only judged for platforms with at least one audited \
                 input. Fix: remove the permission from the policy, or check that the audit \
                 covers every manifest that requests it (flavour manifests, the built APK). A \
                 disclosure whose successor or predecessor the app requests is not unused (see \
                 policy-outdated).",
    app: Some(check),
    policy: None,
    advisory: false,
    same_fact_both_sides: false,
};

/// One finding per policy entry, judged only for platforms with at least one audited input.
/// With successor matching on, an entry whose successor or predecessor is requested is in use
/// (`policy-outdated` reports the wording).
pub(super) fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for d in ctx.policy.disclosures() {
        if !ctx.requested.contains_key(&d.platform)
            || ctx.with_relatives(d.platform, &d.permission, |p| ctx.is_requested(d.platform, p))
        {
            continue;
        }
        findings.push(finding(
            Rule::Unused,
            d.platform,
            &d.permission,
            &d.location,
            message(d),
        ));
    }
    findings
}

/// The finding's text.
fn message(d: &Disclosure) -> Message {
    Message::new("msg.unused")
        .permission("permission", &d.permission)
        .part("row", row_label(d))
        .text("platform", d.platform.display_name())
}
