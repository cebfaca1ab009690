//! The rule registry: every rule permaudit can report, with its stable id, default severity and
//! the explanation shown to users. Reports, the README's rule table and `permaudit rules` all
//! read from here, so a rule is described in exactly one place.

use std::fmt;

use serde::Serialize;

use crate::model::Severity;

/// A rule. Ids are kebab-case and never renamed once released.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// A permission is requested by an audited input and disclosed by no policy row of that
    /// platform.
    Undeclared,
    /// A policy row discloses a permission that no audited input of that platform requests.
    Unused,
}

impl Rule {
    /// Every rule, in the order they are documented.
    pub const ALL: &'static [Rule] = &[Rule::Undeclared, Rule::Unused];

    /// Stable id, as written in reports and configuration.
    pub fn id(self) -> &'static str {
        match self {
            Rule::Undeclared => "undeclared",
            Rule::Unused => "unused",
        }
    }

    /// Severity used unless configuration says otherwise.
    pub fn default_severity(self) -> Severity {
        match self {
            Rule::Undeclared => Severity::Error,
            Rule::Unused => Severity::Warning,
        }
    }

    /// One line for tables and SARIF `shortDescription`.
    pub fn summary(self) -> &'static str {
        match self {
            Rule::Undeclared => "Requested permission not disclosed by the privacy policy",
            Rule::Unused => "Disclosed permission no longer requested by the app",
        }
    }

    /// What the rule catches, why it matters and how to fix it.
    pub fn explanation(self) -> &'static str {
        match self {
            Rule::Undeclared => {
                "The app requests a permission (a <uses-permission> in AndroidManifest.xml or a \
                 purpose-string key in Info.plist) that no row of the privacy policy's table for \
                 that platform lists. Regulators (MIIT, TC260-PG-20204A), Google Play and Apple \
                 require every requested system permission to be disclosed with its purpose, so \
                 an undisclosed permission is a compliance gap. Fix: add the permission to the \
                 policy row that explains its use (or a new row), or stop requesting it. A \
                 permission merged in by a library can be dropped with \
                 tools:node=\"remove\"."
            }
            Rule::Unused => {
                "A policy row discloses a permission that none of the audited inputs of that \
                 platform requests. The policy overstates what the app collects and has drifted \
                 from the app. The rule is only judged for platforms with at least one audited \
                 input. Fix: remove the permission from the policy, or check that the audit \
                 covers every manifest that requests it (flavour manifests, the built APK)."
            }
        }
    }

    /// Looks a rule up by its id.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|r| r.id() == id)
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case_and_round_trip() {
        let mut seen = std::collections::BTreeSet::new();
        for rule in Rule::ALL {
            let id = rule.id();
            assert!(seen.insert(id), "duplicate id {id}");
            assert!(
                id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{id} is not kebab-case"
            );
            assert_eq!(Rule::from_id(id), Some(*rule));
            assert!(!rule.summary().is_empty() && !rule.explanation().is_empty());
        }
    }
}
