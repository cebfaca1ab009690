//! `policy-outdated`: the policy names a deprecated permission and the app requests the
//! permission that replaced it, which the row covers only through successor matching.

use super::{Context, finding, row_label};
use crate::catalog::catalog;
use crate::model::Finding;
use crate::rules::Rule;

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
            format!(
                "{} names {}, which was replaced; the app requests its successor {names}, \
                 covered by this row only through successor matching; name {names} in the row",
                row_label(d),
                d.permission,
            ),
        ));
    }
    findings
}
