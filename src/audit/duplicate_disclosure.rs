//! `duplicate-disclosure`: one permission listed in more than one policy row.

use std::collections::BTreeMap;

use super::{finding, row_label};
use crate::model::{Disclosure, Finding, Platform};
use crate::policy::Policy;
use crate::rules::Rule;

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
            format!(
                "{} lists {} again; it is already disclosed by {} ({}); merge the rows or state \
                 every purpose in one of them",
                row_label(d),
                d.permission,
                row_label(earlier),
                earlier.location
            ),
        ));
    }
    findings
}
