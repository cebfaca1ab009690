//! `unused`: a disclosed permission that no audited input of its platform requests.

use super::{Context, finding, matching, row_label};
use crate::model::Finding;
use crate::rules::Rule;

/// One finding per policy entry, judged only for platforms with at least one audited input.
/// With successor matching on, an entry whose successor or predecessor is requested is in use
/// (`policy-outdated` reports the wording).
pub(super) fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for d in ctx.policy.disclosures() {
        if !ctx.requested.contains_key(&d.platform) || ctx.is_requested(d.platform, &d.permission) {
            continue;
        }
        if ctx.settings.successor_matching
            && matching::relatives(d.platform, &d.permission)
                .iter()
                .any(|r| ctx.is_requested(d.platform, r))
        {
            continue;
        }
        findings.push(finding(
            Rule::Unused,
            d.platform,
            &d.permission,
            &d.location,
            format!(
                "{} is disclosed by {} but no audited {} input requests it; remove it from the \
                 policy, or audit the file that requests it",
                d.permission,
                row_label(d),
                d.platform.display_name()
            ),
        ));
    }
    findings
}
