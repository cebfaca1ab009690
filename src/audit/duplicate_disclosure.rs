//! `duplicate-disclosure`: one permission listed in more than one policy row.

use std::collections::BTreeMap;

use super::{finding, row_label, Finding, Rule, RuleDef};
use crate::model::{Disclosure, Message, Platform, Severity};
use crate::policy::Policy;


/// The rule's definition: everything the registry, `permaudit rules`, the README and SARIF show.
pub(super) const RULE: RuleDef = RuleDef {
    id: "duplicate-disclosure",
    severity: Severity::Warning,
    summary: "Policy lists one permission in several rows",
    explanation: "The policy lists the same permission in two or more rows, usually with \
                 different purposes (the M5 policy does this for READ_PHONE_STATE). Readers \
                 and regulators cannot tell which purpose applies. Fix: merge the rows, or \
                 state every purpose in one row.",
    app: None,
    policy: Some(policy),
    advisory: false,
    same_fact_both_sides: false,
};

/// One finding per repeated entry (every occurrence after the first), naming the first row.
/// Within one row a repeat is reported too: it is the same mistake.
pub(super) fn policy(policy: &Policy) -> Vec<Finding> {
    let mut first: BTreeMap<(Platform, &str), &Disclosure> = BTreeMap::new();
    let mut findings = Vec::new();
    for d in policy.disclosures() {
        let Some(earlier) = first.get(&(d.platform, d.permission.as_str())) else {
            first.insert((d.platform, &d.permission), d);
            continue;
        };
        findings.push(finding(
            Rule::DuplicateDisclosure,
            d.platform,
            &d.permission,
            &d.location,
            message(d, earlier),
        ));
    }
    findings
}

/// The finding's text: `d` repeats `earlier`.
fn message(d: &Disclosure, earlier: &Disclosure) -> Message {
    Message::new("msg.duplicate-disclosure")
        .part("row", row_label(d))
        .permission("permission", &d.permission)
        .part("earlier", row_label(earlier))
        .text("at", earlier.location.to_string())
}
