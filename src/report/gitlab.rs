//! `--format gitlab`: GitLab Code Quality JSON (an array of issues with `description`,
//! `check_name`, `fingerprint`, `severity` and `location.path` / `location.lines.begin`), for
//! the merge-request widget via `artifacts: reports: codequality:`.
//!
//! Severities map error → `major`, warning → `minor`, note → `info`. Fingerprints are the
//! SARIF ones (line-independent), with an ordinal for repeats, so GitLab can tell new issues
//! from old ones across pushes; they must be unique within a report.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{Renderer, Report, sarif};
use crate::model::Severity;

/// The GitLab Code Quality renderer.
#[derive(Debug, Clone, Copy, Default)]
pub struct Gitlab;

#[derive(Serialize)]
struct Issue<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    description: String,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: IssueLocation<'a>,
}

#[derive(Serialize)]
struct IssueLocation<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: u32,
}

impl Renderer for Gitlab {
    fn render(&self, report: Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let Report { outcome, options } = report;
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        let issues: Vec<Issue<'_>> = outcome
            .findings
            .iter()
            .map(|f| {
                let base = sarif::fingerprint(f);
                let n = seen.entry(base.clone()).or_default();
                let fingerprint = if *n == 0 { base } else { format!("{base}:{n}") };
                *n += 1;
                Issue {
                    kind: "issue",
                    description: super::message_in(options.lang, outcome, f),
                    check_name: f.rule.id(),
                    fingerprint,
                    severity: match f.severity {
                        Severity::Error => "major",
                        Severity::Warning => "minor",
                        Severity::Note => "info",
                    },
                    location: IssueLocation {
                        path: &f.location.path,
                        // GitLab needs a line; a file without lines (binary plist) is line 1.
                        lines: Lines {
                            begin: f.location.line.unwrap_or(1),
                        },
                    },
                }
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &issues).map_err(io::Error::other)?;
        out.write_all(b"\n")
    }
}
