//! Coverage: per audited platform, the status of every requested permission and every policy
//! entry. Reports use it for the per-platform summary line and the HTML sign-off matrix.
//!
//! It states facts about the app and the policy, independent of rule levels: a request whose
//! `undeclared` finding is switched off or acknowledged is still not disclosed.

use std::collections::{BTreeMap, BTreeSet};

use super::matching;
use crate::model::{Disclosure, Location, ParsedInput, Platform};
use crate::policy::Policy;

/// How a requested permission stands against the policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestStatus {
    /// A policy row names it.
    Disclosed,
    /// Only a deprecated predecessor or a successor is named (successor matching).
    DisclosedAs(String),
    /// No policy row of the platform names it or a relative.
    Undeclared,
}

/// How a policy entry stands against the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryStatus {
    /// An audited input requests it.
    Requested,
    /// An audited input requests a predecessor or successor of it (successor matching).
    RequestedAs(String),
    /// No audited input of the platform requests it or a relative: the policy overstates.
    /// Gradle variants audited against one policy count together, as `unused` judges them:
    /// the document serves every build that ships with it.
    Stale,
}

/// One distinct requested permission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestCoverage {
    /// Canonical id.
    pub permission: String,
    /// Every place it is requested (first request per input), in input order.
    pub locations: Vec<Location>,
    /// Its status.
    pub status: RequestStatus,
}

/// One policy entry (a permission in a row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryCoverage {
    /// The disclosure.
    pub disclosure: Disclosure,
    /// Its status.
    pub status: EntryStatus,
}

/// Coverage of one audited platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlatformCoverage {
    /// The platform.
    pub platform: Platform,
    /// Distinct requested permissions (the app's own excepted), sorted by id.
    pub requests: Vec<RequestCoverage>,
    /// The policy's entries for the platform, in policy order.
    pub entries: Vec<EntryCoverage>,
    /// The policy measured (as displayed), when the run audits its Gradle variants against
    /// several (the config's `policies:`): one coverage per policy and platform then.
    pub policy: Option<String>,
}

impl PlatformCoverage {
    /// Requests disclosed (directly or through a relative).
    pub fn disclosed(&self) -> usize {
        self.requests.len() - self.undeclared()
    }

    /// Requests no row discloses.
    pub fn undeclared(&self) -> usize {
        self.requests
            .iter()
            .filter(|r| r.status == RequestStatus::Undeclared)
            .count()
    }

    /// Policy entries no input requests.
    pub fn stale(&self) -> usize {
        self.entries
            .iter()
            .filter(|e| e.status == EntryStatus::Stale)
            .count()
    }
}

/// Coverage of every platform with at least one audited input, in platform order. Matching
/// follows `undeclared` and `unused` exactly (the app's own permissions are exempt from
/// disclosure but still make an entry requested).
pub fn coverage(
    inputs: &[ParsedInput],
    policy: &Policy,
    successor_matching: bool,
) -> Vec<PlatformCoverage> {
    let mut requested: BTreeMap<Platform, BTreeMap<&str, Vec<Location>>> = BTreeMap::new();
    let mut any_request: BTreeMap<Platform, BTreeSet<&str>> = BTreeMap::new();
    // The places already listed, per platform and permission: a tree of thousands of
    // manifests requests `INTERNET` in each, and scanning its list for every one was
    // quadratic.
    let mut listed: std::collections::HashSet<(Platform, &str, &Location)> =
        std::collections::HashSet::new();
    for input in inputs {
        // A project file reported on with notes only audits no platform.
        if input.kind == crate::model::InputKind::Project {
            continue;
        }
        let platform = input.platform();
        // An unaudited platform has its own finding; counting its requests as undeclared
        // would contradict it.
        if !super::audits(policy, platform) {
            continue;
        }
        let own = requested.entry(platform).or_default();
        let all = any_request.entry(platform).or_default();
        let mut seen = BTreeSet::new();
        for r in &input.requests {
            all.insert(&r.permission);
            if !r.own && seen.insert(r.permission.as_str()) {
                // Variants of one module share their manifests' lines: one place, listed once.
                if listed.insert((platform, r.permission.as_str(), &r.location)) {
                    own.entry(&r.permission)
                        .or_default()
                        .push(r.location.clone());
                }
            }
        }
    }
    let mut result = Vec::new();
    for (platform, permissions) in requested {
        let disclosed: BTreeSet<&str> = policy
            .disclosures()
            .filter(|d| d.platform == platform)
            .map(|d| d.permission.as_str())
            .collect();
        let requests = permissions
            .into_iter()
            .map(|(permission, locations)| {
                let status = if disclosed.contains(permission) {
                    RequestStatus::Disclosed
                } else {
                    relative(successor_matching, platform, permission, |r| {
                        disclosed.contains(r)
                    })
                    .map_or(RequestStatus::Undeclared, RequestStatus::DisclosedAs)
                };
                RequestCoverage {
                    permission: permission.to_owned(),
                    locations,
                    status,
                }
            })
            .collect();
        let all = &any_request[&platform];
        let entries = policy
            .disclosures()
            .filter(|d| d.platform == platform)
            .map(|d| {
                let status = if all.contains(d.permission.as_str()) {
                    EntryStatus::Requested
                } else {
                    relative(successor_matching, platform, &d.permission, |r| {
                        all.contains(r)
                    })
                    .map_or(EntryStatus::Stale, EntryStatus::RequestedAs)
                };
                EntryCoverage {
                    disclosure: d.clone(),
                    status,
                }
            })
            .collect();
        result.push(PlatformCoverage {
            platform,
            requests,
            entries,
            policy: None,
        });
    }
    result
}

fn relative(
    successor_matching: bool,
    platform: Platform,
    permission: &str,
    present: impl Fn(&str) -> bool,
) -> Option<String> {
    if !successor_matching {
        return None;
    }
    matching::relatives(platform, permission)
        .into_iter()
        .find(|r| present(r))
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{InputKind, Request};
    use crate::policy;

    fn request(permission: &str, line: u32, own: bool) -> Request {
        Request {
            own,
            ..Request::at(permission, Location::at("m.xml", line, 5))
        }
    }

    #[test]
    fn an_entry_one_variant_of_the_policy_requests_is_not_stale() {
        let variant = |build: &str, permissions: &[&str]| {
            let mut input = ParsedInput::new(
                "m.xml",
                InputKind::GradleVariant,
                permissions
                    .iter()
                    .enumerate()
                    .map(|(i, p)| request(p, i as u32 + 2, false))
                    .collect(),
            );
            input.build = Some(build.to_owned());
            input
        };
        let inputs = [
            variant(
                "chinaRelease",
                &["android.permission.CAMERA", "android.permission.SEND_SMS"],
            ),
            variant("playRelease", &["android.permission.CAMERA"]),
        ];
        let policy = policy::parse(
            "name: t\nandroid:\n  - permissions: [CAMERA, SEND_SMS, READ_SMS]\n",
            Some("p.yaml"),
        )
        .unwrap();
        let c = &coverage(&inputs, &policy, true)[0];
        let statuses: Vec<_> = c.entries.iter().map(|e| e.status.clone()).collect();
        assert_eq!(
            statuses,
            vec![
                EntryStatus::Requested,
                EntryStatus::Requested,
                EntryStatus::Stale,
            ]
        );
        assert_eq!(c.stale(), 1);
    }

    #[test]
    fn statuses_follow_the_matching_rules() {
        let input = ParsedInput::new(
            "m.xml",
            InputKind::Manifest,
            vec![
                request("android.permission.CAMERA", 2, false),
                request("android.permission.USE_BIOMETRIC", 3, false),
                request("android.permission.VIBRATE", 4, false),
                request("com.example.OWN", 5, true),
            ],
        );
        let policy = policy::parse(
            "name: t\nandroid:\n  - permissions: [CAMERA, USE_FINGERPRINT, INTERNET, com.example.OWN]\n",
            Some("p.yaml"),
        )
        .unwrap();
        let cov = coverage(std::slice::from_ref(&input), &policy, true);
        assert_eq!(cov.len(), 1);
        let c = &cov[0];
        let statuses: Vec<_> = c
            .requests
            .iter()
            .map(|r| (r.permission.as_str(), r.status.clone()))
            .collect();
        assert_eq!(
            statuses,
            vec![
                ("android.permission.CAMERA", RequestStatus::Disclosed),
                (
                    "android.permission.USE_BIOMETRIC",
                    RequestStatus::DisclosedAs("android.permission.USE_FINGERPRINT".into())
                ),
                ("android.permission.VIBRATE", RequestStatus::Undeclared),
            ]
        );
        assert_eq!((c.disclosed(), c.undeclared(), c.stale()), (2, 1, 1));
        assert_eq!(c.entries[2].status, EntryStatus::Stale);
        assert_eq!(c.entries[3].status, EntryStatus::Requested);

        let strict = coverage(&[input], &policy, false);
        assert_eq!(
            (
                strict[0].disclosed(),
                strict[0].undeclared(),
                strict[0].stale()
            ),
            (1, 2, 2)
        );
    }
}
