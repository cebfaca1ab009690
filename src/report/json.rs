//! `--format json`: the stable, versioned machine-readable report (design §5).
//!
//! Field names and meanings are a contract: add fields, never rename or remove them without
//! bumping `version`.

use std::io::{self, Write};

use serde::Serialize;

use super::{RenderOptions, Renderer, Summary};
use crate::check::CheckOutcome;
use crate::model::{InputKind, Platform, Severity};
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
}

#[derive(Serialize)]
struct PolicyRef<'a> {
    name: &'a str,
    path: Option<&'a str>,
}

#[derive(Serialize)]
struct InputRef<'a> {
    path: &'a str,
    platform: Platform,
    kind: InputKind,
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
}

impl Renderer for Json {
    fn render(
        &self,
        outcome: &CheckOutcome,
        _: RenderOptions,
        out: &mut dyn Write,
    ) -> io::Result<()> {
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
                })
                .collect(),
            summary: Summary::of(outcome),
        };
        serde_json::to_writer_pretty(&mut *out, &report).map_err(io::Error::other)?;
        out.write_all(b"\n")
    }
}
