//! Hiding findings a team has decided about: acknowledgements from the config, then the
//! baseline. Pure: findings in, findings out, plus an account of everything hidden, expired or
//! stale, so reports can show it. Nothing is hidden without a trace.

use std::path::Path;

use crate::audit::Finding;
use crate::baseline::{Baseline, Entry};
use crate::config::{Acknowledgement, Date};
use crate::model::Platform;
use crate::rules::Rule;

/// What suppression did in a run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Suppression {
    /// Findings hidden by a live acknowledgement, each with the acknowledgement.
    pub acknowledged: Vec<(Finding, Acknowledgement)>,
    /// Acknowledgements past their `expires` date: their findings are reported again.
    pub expired: Vec<Acknowledgement>,
    /// Live acknowledgements that matched no finding (the permission is disclosed or no longer
    /// requested): candidates for removal from the config.
    pub unmatched: Vec<Acknowledgement>,
    /// The baseline used, as displayed.
    pub baseline: Option<String>,
    /// Findings hidden by the baseline.
    pub baselined: Vec<Finding>,
    /// Baseline entries that matched no finding (fixed since): the baseline can be rewritten.
    pub stale: Vec<Entry>,
}

impl Suppression {
    /// Whether anything was hidden, expired or stale (reports mention suppression only then).
    pub fn is_empty(&self) -> bool {
        *self == Suppression::default()
    }
}

/// Hides `undeclared` findings of permissions acknowledged in the config until `today` is past
/// their `expires` date. An expired acknowledgement hides nothing and its finding's message
/// says so. Only `undeclared` is acknowledged: the config declares a deliberate missing
/// disclosure, not a licence to ignore other rules. An acknowledgement that hid nothing is
/// reported as unmatched only for a platform that was audited: with no iOS input, an iOS
/// acknowledgement was not put to the test.
pub fn acknowledge(
    findings: Vec<Finding>,
    acknowledgements: &[Acknowledgement],
    audited: &[Platform],
    today: Date,
    suppression: &mut Suppression,
) -> Vec<Finding> {
    let live = |a: &Acknowledgement| a.expires.is_none_or(|e| today <= e);
    suppression.expired = acknowledgements
        .iter()
        .filter(|a| !live(a))
        .cloned()
        .collect();
    let mut used = vec![false; acknowledgements.len()];
    let mut kept = Vec::with_capacity(findings.len());
    for mut finding in findings {
        let matched = acknowledgements.iter().position(|a| {
            finding.rule == Rule::Undeclared
                && a.platform == finding.platform
                && a.permission == finding.permission
        });
        match matched {
            Some(i) if live(&acknowledgements[i]) => {
                used[i] = true;
                suppression
                    .acknowledged
                    .push((finding, acknowledgements[i].clone()));
            }
            Some(i) => {
                let a = &acknowledgements[i];
                let text = crate::model::Message::new("msg.acknowledgement-expired")
                    .part("message", finding.text.clone())
                    .text("at", a.location.to_string())
                    .text("date", a.expires.map(|e| e.to_string()).unwrap_or_default())
                    .text("reason", &a.reason);
                finding.set_text(text);
                kept.push(finding);
            }
            None => kept.push(finding),
        }
    }
    suppression.unmatched = acknowledgements
        .iter()
        .zip(used)
        .filter(|(a, used)| !used && live(a) && audited.contains(&a.platform))
        .map(|(a, _)| a.clone())
        .collect();
    kept
}

/// Hides findings that match a baseline entry, one entry per finding, and records the entries
/// that matched nothing.
pub fn apply_baseline(
    findings: Vec<Finding>,
    baseline: &Baseline,
    cwd: &Path,
    suppression: &mut Suppression,
) -> Vec<Finding> {
    let mut unused: Vec<Option<&Entry>> = baseline.entries.iter().map(Some).collect();
    let mut kept = Vec::with_capacity(findings.len());
    for finding in findings {
        let key = baseline.key(&finding, cwd);
        match unused.iter_mut().find(|e| e.is_some_and(|e| *e == key)) {
            Some(slot) => {
                *slot = None;
                suppression.baselined.push(finding);
            }
            None => kept.push(finding),
        }
    }
    suppression.baseline = Some(baseline.file.clone());
    suppression.stale = unused.into_iter().flatten().cloned().collect();
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Location, Platform, Severity};

    fn finding(rule: Rule, permission: &str) -> Finding {
        Finding {
            rule,
            severity: Severity::Error,
            platform: Platform::Android,
            permission: permission.into(),
            location: Location::at("m.xml", 2, 5),
            message: "msg".into(),
            text: crate::model::Message::new("msg.name").text("name", "msg"),
            variants: Vec::new(),
            policy: None,
        }
    }

    fn ack(permission: &str, expires: Option<&str>) -> Acknowledgement {
        Acknowledgement {
            platform: Platform::Android,
            permission: permission.into(),
            reason: "because".into(),
            expires: expires.and_then(Date::parse),
            location: Location::at(".permaudit.yaml", 3, 17),
        }
    }

    #[test]
    fn live_expired_and_unmatched_acknowledgements() {
        let today = Date::parse("2025-06-30").unwrap();
        let acks = [
            ack("A", Some("2025-06-30")),
            ack("B", Some("2025-06-29")),
            ack("C", None),
        ];
        let mut s = Suppression::default();
        let kept = acknowledge(
            vec![
                finding(Rule::Undeclared, "A"),
                finding(Rule::Undeclared, "B"),
                finding(Rule::Unused, "C"),
            ],
            &acks,
            &[Platform::Android],
            today,
            &mut s,
        );
        assert_eq!(s.acknowledged.len(), 1);
        assert_eq!(s.acknowledged[0].0.permission, "A");
        assert_eq!(kept.len(), 2);
        assert!(
            kept[0].message.contains("expired on 2025-06-29"),
            "{}",
            kept[0].message
        );
        assert_eq!(kept[1].rule, Rule::Unused, "unused is never acknowledged");
        assert_eq!(s.expired, [acks[1].clone()]);
        assert_eq!(s.unmatched, [acks[2].clone()]);

        // Not audited, not judged: the same run without Android inputs lists nothing unmatched.
        let mut s = Suppression::default();
        acknowledge(Vec::new(), &acks, &[Platform::Ios], today, &mut s);
        assert!(s.unmatched.is_empty());
    }

    #[test]
    fn baseline_matches_one_to_one_and_reports_stale() {
        let entry = |p: &str| Entry {
            rule: "undeclared".into(),
            platform: Platform::Android,
            permission: p.into(),
            path: "m.xml".into(),
        };
        let baseline = Baseline {
            file: "b.json".into(),
            dir: "/r".into(),
            entries: vec![entry("A"), entry("GONE")],
        };
        let mut s = Suppression::default();
        let kept = apply_baseline(
            vec![
                finding(Rule::Undeclared, "A"),
                finding(Rule::Undeclared, "NEW"),
            ],
            &baseline,
            Path::new("/r"),
            &mut s,
        );
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].permission, "NEW");
        assert_eq!(s.baselined.len(), 1);
        assert_eq!(s.stale, [entry("GONE")]);
    }
}
