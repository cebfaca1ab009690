//! `--format json`: the stable, versioned machine-readable report (design §5).
//!
//! Field names and meanings are a contract: add fields, never rename or remove them without
//! bumping `version`.

use std::io::{self, Write};

use serde::Serialize;

use super::{Renderer, Summary};
use crate::model::{ApplePlatform, InputKind, Platform, Severity};
use crate::rules::Rule;

/// Version of the JSON schema.
pub const VERSION: u32 = 1;

/// The JSON renderer.
#[derive(Debug, Clone, Copy, Default)]
pub struct Json;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    policy: PolicyRef<'a>,
    inputs: Vec<InputRef<'a>>,
    findings: Vec<FindingRef<'a>>,
    summary: Summary,
    config: ConfigRef<'a>,
    suppressed: Suppressed<'a>,
    /// The config's `policies:` entries the run used; absent without them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    variant_policies: Vec<VariantPolicyRef<'a>>,
    /// The rules `--select` ran; absent when every rule ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    selected_rules: Option<&'a [Rule]>,
}

#[derive(Serialize)]
struct ConfigRef<'a> {
    path: Option<&'a str>,
}

/// What acknowledgements and the baseline hid (counts), and what needs attention (lists).
#[derive(Serialize)]
struct Suppressed<'a> {
    acknowledged: usize,
    baseline: Option<&'a str>,
    baselined: usize,
    expired_acknowledgements: Vec<AckRef<'a>>,
    unmatched_acknowledgements: Vec<AckRef<'a>>,
    stale_baseline_entries: &'a [crate::baseline::Entry],
}

#[derive(Serialize)]
struct AckRef<'a> {
    platform: Platform,
    permission: &'a str,
    reason: &'a str,
    expires: Option<String>,
    path: &'a str,
    line: Option<u32>,
    column: Option<u32>,
}

impl<'a> AckRef<'a> {
    fn of(a: &'a crate::config::Acknowledgement) -> Self {
        AckRef {
            platform: a.platform,
            permission: &a.permission,
            reason: &a.reason,
            expires: a.expires.map(|e| e.to_string()),
            path: &a.location.path,
            line: a.location.line,
            column: a.location.column,
        }
    }
}

#[derive(Serialize)]
struct PolicyRef<'a> {
    name: &'a str,
    path: Option<&'a str>,
}

#[derive(Serialize)]
struct VariantPolicyRef<'a> {
    /// The entry's variant glob.
    variants: &'a str,
    policy: PolicyRef<'a>,
    /// Where the entry is written.
    path: &'a str,
    line: Option<u32>,
    /// The audited variants it matched.
    audited: &'a [String],
}

#[derive(Serialize)]
struct InputRef<'a> {
    path: &'a str,
    platform: Platform,
    kind: InputKind,
    /// The shipped build (Xcode target and configuration, Gradle variant), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    build: Option<&'a str>,
    /// The Apple platform an Info.plist is built for, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    apple_platform: Option<ApplePlatform>,
    /// The policy the input was audited against, when the config's `policies:` gives its
    /// variants their own.
    #[serde(skip_serializing_if = "Option::is_none")]
    policy: Option<PolicyRef<'a>>,
    requests: Vec<RequestRef<'a>>,
}

#[derive(Serialize)]
struct RequestRef<'a> {
    permission: &'a str,
    path: &'a str,
    line: Option<u32>,
    column: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    purpose: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    localizations: Vec<LocalizationRef<'a>>,
    /// Who or what added the request: a config plugin or template of a generated manifest or
    /// Info.plist, or the library the manifest merger took it from.
    #[serde(skip_serializing_if = "Option::is_none")]
    origin: Option<OriginRef<'a>>,
}

#[derive(Serialize)]
struct OriginRef<'a> {
    kind: crate::model::OriginKind,
    /// English whatever the report language: JSON is the same bytes in every language.
    via: String,
    /// Where permaudit's knowledge of a plugin or template comes from.
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    /// Where the origin is recorded (a merger report's line, a library's manifest).
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u32>,
}

#[derive(Serialize)]
struct LocalizationRef<'a> {
    language: &'a str,
    purpose: Option<&'a str>,
    path: &'a str,
    line: Option<u32>,
}

#[derive(Serialize)]
struct FindingRef<'a> {
    rule: Rule,
    severity: Severity,
    platform: Platform,
    permission: &'a str,
    path: &'a str,
    line: Option<u32>,
    column: Option<u32>,
    message: &'a str,
    /// The Gradle variants the finding holds for, when the audit has variants.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    variants: &'a [String],
    /// The policy the finding was judged against, when variants ship with different ones.
    #[serde(skip_serializing_if = "Option::is_none")]
    policy: Option<&'a str>,
}

impl Renderer for Json {
    /// English in every language, the same whatever the presentation options.
    fn render(&self, report: super::Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let outcome = report.outcome;
        let report = Report {
            version: VERSION,
            policy: PolicyRef {
                name: &outcome.policy.name,
                path: outcome.policy.file.as_deref(),
            },
            inputs: outcome
                .inputs
                .iter()
                .map(|i| InputRef {
                    path: &i.path,
                    platform: i.platform(),
                    kind: i.kind,
                    build: i.build.as_deref(),
                    apple_platform: i.apple_platform,
                    policy: super::policy_of_input(outcome, i).map(|p| PolicyRef {
                        name: &p.name,
                        path: p.file.as_deref(),
                    }),
                    requests: i
                        .requests
                        .iter()
                        .map(|r| RequestRef {
                            permission: &r.permission,
                            path: &r.location.path,
                            line: r.location.line,
                            column: r.location.column,
                            purpose: r.purpose.as_deref(),
                            localizations: r
                                .localizations
                                .iter()
                                .map(|l| LocalizationRef {
                                    language: &l.language,
                                    purpose: l.purpose.as_deref(),
                                    path: &l.location.path,
                                    line: l.location.line,
                                })
                                .collect(),
                            origin: r.origin.as_ref().map(|o| OriginRef {
                                kind: o.kind,
                                via: crate::i18n::Lang::En.plain(&o.via),
                                source: o.source.as_deref(),
                                path: o.location.as_ref().map(|l| l.path.as_str()),
                                line: o.location.as_ref().and_then(|l| l.line),
                            }),
                        })
                        .collect(),
                })
                .collect(),
            findings: outcome
                .findings
                .iter()
                .map(|f| FindingRef {
                    rule: f.rule,
                    severity: f.severity,
                    platform: f.platform,
                    permission: &f.permission,
                    path: &f.location.path,
                    line: f.location.line,
                    column: f.location.column,
                    message: &f.message,
                    variants: &f.variants,
                    policy: f.policy.as_deref(),
                })
                .collect(),
            summary: Summary::of(outcome),
            config: ConfigRef {
                path: outcome.config.as_deref(),
            },
            suppressed: {
                let s = &outcome.suppression;
                Suppressed {
                    acknowledged: s.acknowledged.len(),
                    baseline: s.baseline.as_deref(),
                    baselined: s.baselined.len(),
                    expired_acknowledgements: s.expired.iter().map(AckRef::of).collect(),
                    unmatched_acknowledgements: s.unmatched.iter().map(AckRef::of).collect(),
                    stale_baseline_entries: &s.stale,
                }
            },
            variant_policies: outcome
                .variant_policies
                .iter()
                .map(|e| VariantPolicyRef {
                    variants: &e.variants,
                    policy: PolicyRef {
                        name: &e.policy.name,
                        path: e.policy.file.as_deref(),
                    },
                    path: &e.location.path,
                    line: e.location.line,
                    audited: &e.audited,
                })
                .collect(),
            selected_rules: outcome.selected.as_deref(),
        };
        serde_json::to_writer_pretty(&mut *out, &report).map_err(io::Error::other)?;
        out.write_all(b"\n")
    }
}
