//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it.
//!
//! - `rules[]` is built from [`Rule::ALL`], so every rule (including ones added later) is
//!   described with its summary, explanation and default level.
//! - File locations are relative URIs against the `%SRCROOT%` base (the folder permaudit ran
//!   in, normally the repository root), so code scanning can link them to the repository.
//! - Findings in the built-in policy point at `m5.yaml` under a `PERMAUDIT_BUILTIN` base whose
//!   description says it is compiled into permaudit: there is no file in the repository to link.
//! - `partialFingerprints` hash rule, platform, permission and file but not the line, so an
//!   alert survives lines moving.
//! - Findings hidden by acknowledgements or the baseline are kept with `suppressions`, as SARIF
//!   intends, so viewers can show what was accepted and why.
//!
//! The model is a handful of serde structs: the subset permaudit writes, not the whole schema.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{Renderer, Report};
use crate::audit::Finding;
use crate::check::CheckOutcome;
use crate::model::Severity;
use crate::policy::BUILTIN_PATH;
use crate::rules::Rule;

/// The SARIF renderer.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sarif;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The key of permaudit's line-independent fingerprint in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "permauditFinding/v1";
const SRCROOT: &str = "%SRCROOT%";
const BUILTIN_BASE: &str = "PERMAUDIT_BUILTIN";
const INFORMATION_URI: &str = "https://crates.io/crates/permaudit";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    invocations: Vec<Invocation>,
    original_uri_base_ids: BTreeMap<&'static str, ArtifactLocation>,
    results: Vec<SarifResult>,
    column_kind: &'static str,
    properties: RunProperties,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RunProperties {
    policy: String,
    policy_path: String,
    config: Option<String>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: &'static str,
    name: String,
    short_description: Message,
    full_description: Message,
    help: MultiformatMessage,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<&'static str>,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

#[derive(Serialize)]
struct MultiformatMessage {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    #[serde(skip_serializing_if = "Option::is_none")]
    uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<Message>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Message,
    locations: Vec<ResultLocation>,
    /// Who added the request to the merged manifest (a library's line in the merged manifest
    /// or the merger report).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression>,
    properties: ResultProperties,
}

#[derive(Serialize)]
struct ResultProperties {
    platform: &'static str,
    permission: String,
    /// The Gradle variants the finding holds for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    variants: Vec<String>,
    /// The policy the finding was judged against, when variants ship with different ones.
    #[serde(skip_serializing_if = "Option::is_none")]
    policy: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RelatedLocation {
    id: usize,
    physical_location: PhysicalLocation,
    message: Message,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Suppression {
    kind: &'static str,
    status: &'static str,
    justification: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultLocation {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<u32>,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// SARIF's `name`: an identifier-like word that must differ from the id (case-insensitively;
/// sarif-multitool's SARIF1001), so `empty-purpose` → `EmptyPurpose` and a one-word id gains a
/// suffix: `undeclared` → `UndeclaredPermission`.
fn rule_name(id: &str) -> String {
    let name = pascal_case(id);
    if name.eq_ignore_ascii_case(id) {
        name + "Permission"
    } else {
        name
    }
}

fn pascal_case(id: &str) -> String {
    id.split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or_else(String::new, |c| {
                c.to_uppercase().chain(chars).collect::<String>()
            })
        })
        .collect()
}

/// A stable, line-independent fingerprint: FNV-1a (64-bit) over rule, platform, permission and
/// file. Not cryptographic; it only needs to be stable across runs and versions, which a
/// hand-written FNV is and `std`'s randomly seeded hashers are not.
pub fn fingerprint(finding: &Finding) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    // The policy counts only when the run has several, so a single-policy run keeps the
    // fingerprints it always had.
    let policy = finding.policy.as_deref();
    for part in [
        finding.rule.id(),
        finding.platform.as_str(),
        &finding.permission,
        &finding.location.path,
    ]
    .into_iter()
    .chain(policy)
    {
        for byte in part.bytes().chain(std::iter::once(0)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// Percent-encodes what may not appear in a URI path (RFC 3986): spaces, `%`, `#`, `?`, and
/// non-ASCII, byte by byte.
fn uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        let keep = byte.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&byte);
        if keep {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn artifact(path: &str) -> ArtifactLocation {
    if path == BUILTIN_PATH {
        return ArtifactLocation {
            uri: Some("m5.yaml".into()),
            uri_base_id: Some(BUILTIN_BASE),
            description: None,
        };
    }
    if path.starts_with('/') {
        // Outside the working folder: an absolute file URI, which viewers can still open.
        return ArtifactLocation {
            uri: Some(format!("file://{}", uri_path(path))),
            uri_base_id: None,
            description: None,
        };
    }
    ArtifactLocation {
        uri: Some(uri_path(path)),
        uri_base_id: Some(SRCROOT),
        description: None,
    }
}

fn result(
    outcome: &CheckOutcome,
    finding: &Finding,
    ordinal: usize,
    suppression: Option<Suppression>,
) -> SarifResult {
    let related_locations = super::origin_of(outcome, finding)
        .and_then(|o| o.location.as_ref().map(|l| (o, l)))
        .map(|(o, l)| RelatedLocation {
            id: 0,
            physical_location: PhysicalLocation {
                artifact_location: artifact(&l.path),
                region: l.line.map(|start_line| Region {
                    start_line,
                    start_column: l.column,
                }),
            },
            message: Message {
                text: match o.kind {
                    crate::model::OriginKind::Implied => {
                        format!(
                            "implied by the manifest merger: {}",
                            crate::i18n::Lang::En.plain(&o.via)
                        )
                    }
                    crate::model::OriginKind::Library => {
                        format!(
                            "added to the merged manifest by {}",
                            crate::i18n::Lang::En.plain(&o.via)
                        )
                    }
                    _ => format!("added by {}", crate::i18n::Lang::En.plain(&o.via)),
                },
            },
        })
        .into_iter()
        .collect();
    let rule_index = Rule::ALL
        .iter()
        .position(|r| *r == finding.rule)
        .unwrap_or_default();
    let region = finding.location.line.map(|start_line| Region {
        start_line,
        start_column: finding.location.column,
    });
    SarifResult {
        rule_id: finding.rule.id(),
        rule_index,
        level: level(finding.severity),
        message: Message {
            text: super::message_in(crate::i18n::Lang::En, outcome, finding),
        },
        related_locations,
        locations: vec![ResultLocation {
            physical_location: PhysicalLocation {
                artifact_location: artifact(&finding.location.path),
                region,
            },
        }],
        // Two findings can share a key (a permission listed in two policy rows): the ordinal
        // keeps their alerts apart without involving line numbers.
        partial_fingerprints: BTreeMap::from([(
            FINGERPRINT_KEY,
            if ordinal == 0 {
                fingerprint(finding)
            } else {
                format!("{}:{ordinal}", fingerprint(finding))
            },
        )]),
        suppressions: suppression.into_iter().collect(),
        properties: ResultProperties {
            platform: finding.platform.as_str(),
            permission: finding.permission.clone(),
            variants: finding.variants.clone(),
            policy: finding.policy.clone(),
        },
    }
}

impl Renderer for Sarif {
    /// English in every language, the same whatever the presentation options.
    fn render(&self, report: Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let outcome = report.outcome;
        let rules = Rule::ALL
            .iter()
            .map(|rule| ReportingDescriptor {
                id: rule.id(),
                name: rule_name(rule.id()),
                short_description: Message {
                    text: rule.summary().to_owned(),
                },
                full_description: Message {
                    text: rule.explanation().to_owned(),
                },
                help: MultiformatMessage {
                    text: rule.explanation().to_owned(),
                    markdown: format!(
                        "**{}** (`{}`, default severity {})\n\n{}",
                        rule.summary(),
                        rule.id(),
                        rule.default_severity(),
                        rule.explanation()
                    ),
                },
                default_configuration: Configuration {
                    level: level(rule.default_severity()),
                },
                properties: RuleProperties {
                    tags: vec!["privacy", "permissions"],
                },
            })
            .collect();

        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        let mut ordinal = |f: &Finding| {
            let n = seen.entry(fingerprint(f)).or_default();
            *n += 1;
            *n - 1
        };
        let mut results: Vec<SarifResult> = outcome
            .findings
            .iter()
            .map(|f| result(outcome, f, ordinal(f), None))
            .collect();
        let s = &outcome.suppression;
        // Hidden findings stay in the log, suppressed with why (SARIF `suppressions`).
        let mut accepted = |finding, justification| {
            let suppression = Suppression {
                kind: "external",
                status: "accepted",
                justification,
            };
            result(outcome, finding, ordinal(finding), Some(suppression))
        };
        for (finding, ack) in &s.acknowledged {
            let why = format!("acknowledged at {}: {}", ack.location, ack.reason);
            results.push(accepted(finding, why));
        }
        for finding in &s.baselined {
            let why = format!("in the baseline {}", s.baseline.as_deref().unwrap_or(""));
            results.push(accepted(finding, why));
        }

        let base_ids = BTreeMap::from([
            (
                BUILTIN_BASE,
                ArtifactLocation {
                    uri: None,
                    uri_base_id: None,
                    description: Some(Message {
                        text: "The policy compiled into permaudit; print it with `permaudit \
                               policy show`."
                            .into(),
                    }),
                },
            ),
            (
                SRCROOT,
                ArtifactLocation {
                    uri: None,
                    uri_base_id: None,
                    description: Some(Message {
                        text: "The folder permaudit ran in (normally the repository root).".into(),
                    }),
                },
            ),
        ]);

        let log = Log {
            schema: SCHEMA,
            version: "2.1.0",
            runs: vec![Run {
                tool: Tool {
                    driver: Driver {
                        name: "permaudit",
                        version: env!("CARGO_PKG_VERSION"),
                        semantic_version: env!("CARGO_PKG_VERSION"),
                        information_uri: INFORMATION_URI,
                        rules,
                    },
                },
                invocations: vec![Invocation {
                    execution_successful: true,
                }],
                original_uri_base_ids: base_ids,
                results,
                column_kind: "unicodeCodePoints",
                properties: RunProperties {
                    policy: outcome.policy.name.clone(),
                    policy_path: outcome.policy.display_path().to_owned(),
                    config: outcome.config.clone(),
                },
            }],
        };
        serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::other)?;
        out.write_all(b"\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Location, Platform};

    #[test]
    fn fingerprint_ignores_lines_and_names() {
        let mut f = Finding {
            rule: Rule::Undeclared,
            severity: Severity::Error,
            platform: Platform::Android,
            permission: "android.permission.CAMERA".into(),
            location: Location::at("a/AndroidManifest.xml", 3, 5),
            message: "x".into(),
            text: crate::model::Message::new("msg.name").text("name", "x"),
            variants: Vec::new(),
            policy: None,
        };
        let before = fingerprint(&f);
        f.location.line = Some(40);
        f.message = "y".into();
        assert_eq!(fingerprint(&f), before);
        f.permission = "android.permission.VIBRATE".into();
        assert_ne!(fingerprint(&f), before);
        assert_eq!(rule_name("empty-purpose"), "EmptyPurpose");
        assert_eq!(rule_name("undeclared"), "UndeclaredPermission");
        assert_eq!(uri_path("a b/é.xml"), "a%20b/%C3%A9.xml");
    }
}
