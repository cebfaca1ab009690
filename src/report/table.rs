//! `--format table`: the human report. A header naming the policy and the audited files, one
//! row per finding, and a footer with counts.

use std::io::{self, Write};

use comfy_table::{Cell, Color, ColumnConstraint, ContentArrangement, Table, presets};

use super::{RenderOptions, Renderer, Summary, plural};
use crate::check::CheckOutcome;
use crate::model::Severity;

/// The table renderer.
#[derive(Debug, Clone, Copy, Default)]
pub struct TableReport;

impl Renderer for TableReport {
    fn render(
        &self,
        outcome: &CheckOutcome,
        options: RenderOptions,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        if options.quiet {
            return render_findings(outcome, options, out);
        }
        let policy = &outcome.policy;
        let origin = match &policy.file {
            Some(path) => path.clone(),
            None => "built-in".to_owned(),
        };
        writeln!(out, "policy: {} ({origin})", policy.name)?;
        // `check` always audits at least one file (nothing to audit is an error), so no inputs
        // means `policy lint`.
        let lint = outcome.inputs.is_empty();
        if lint {
            writeln!(out, "linted the policy alone (no app files)")?;
        } else {
            writeln!(
                out,
                "config: {}",
                outcome.config.as_deref().unwrap_or("none")
            )?;
            // An App Bundle or IPA holds several inputs: count both when they differ.
            let files = super::audited_files(outcome);
            if files == outcome.inputs.len() {
                writeln!(out, "audited {}:", plural(files, "file"))?;
            } else {
                writeln!(
                    out,
                    "audited {} ({}):",
                    plural(files, "file"),
                    plural(outcome.inputs.len(), "input")
                )?;
            }
        }
        for input in &outcome.inputs {
            let own = input.requests.iter().filter(|r| r.own).count();
            let mut detail = plural(input.requests.len(), "request");
            if own > 0 {
                detail.push_str(&format!(", {own} own"));
            }
            if !input.removals.is_empty() {
                detail.push_str(&format!(", {} removed", input.removals.len()));
            }
            writeln!(
                out,
                "  {:<7} {} ({detail})",
                input.platform().as_str(),
                input.path
            )?;
        }
        writeln!(out)?;

        if outcome.findings.is_empty() && lint {
            writeln!(
                out,
                "No findings: the policy names only current, obtainable permissions, each once, with a purpose."
            )?;
        } else if outcome.findings.is_empty() {
            if outcome.suppression.is_empty() {
                writeln!(
                    out,
                    "No findings: every requested permission is disclosed and every disclosed one is requested."
                )?;
            } else {
                writeln!(out, "No findings shown.")?;
            }
        } else {
            render_findings(outcome, options, out)?;
        }
        render_suppression(outcome, out)?;

        let s = Summary::of(outcome);
        writeln!(
            out,
            "{}, {}, {}",
            plural(s.errors, "error"),
            plural(s.warnings, "warning"),
            plural(s.notes, "note")
        )
    }
}

/// What acknowledgements and the baseline hid, and which of them need attention.
fn render_suppression(outcome: &CheckOutcome, out: &mut dyn Write) -> io::Result<()> {
    let s = &outcome.suppression;
    if !s.acknowledged.is_empty() {
        writeln!(
            out,
            "hidden by acknowledgements: {}",
            plural(s.acknowledged.len(), "finding")
        )?;
    }
    if let Some(baseline) = &s.baseline {
        writeln!(
            out,
            "hidden by the baseline {baseline}: {}",
            plural(s.baselined.len(), "finding")
        )?;
    }
    for a in &s.expired {
        writeln!(
            out,
            "expired acknowledgement: {} {} at {} (expired {}): reported again",
            a.platform,
            a.permission,
            a.location,
            a.expires.map(|e| e.to_string()).unwrap_or_default()
        )?;
    }
    for a in &s.unmatched {
        writeln!(
            out,
            "unmatched acknowledgement: {} {} at {} hides nothing; remove it",
            a.platform, a.permission, a.location
        )?;
    }
    for e in &s.stale {
        writeln!(
            out,
            "stale baseline entry: {} {} {} in {} no longer occurs; rewrite with --write-baseline",
            e.rule, e.platform, e.permission, e.path
        )?;
    }
    Ok(())
}

/// The findings table alone (`--quiet` prints only this, and nothing when there are none).
fn render_findings(
    outcome: &CheckOutcome,
    options: RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    if outcome.findings.is_empty() {
        return Ok(());
    }
    {
        let mut table = Table::new();
        table
            .load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_header(vec![
                "severity",
                "rule",
                "permission",
                "location",
                "message",
            ]);
        if options.color {
            table.enforce_styling();
        } else {
            // Without a terminal there is no width to fit: one line per finding keeps the
            // report greppable in CI logs.
            table.force_no_tty();
        }
        for f in &outcome.findings {
            let mut severity = Cell::new(f.severity.as_str());
            if options.color {
                severity = severity.fg(match f.severity {
                    Severity::Error => Color::Red,
                    Severity::Warning => Color::Yellow,
                    Severity::Note => Color::Cyan,
                });
            }
            table.add_row(vec![
                severity,
                Cell::new(f.rule.id()),
                Cell::new(&f.permission),
                Cell::new(f.location.to_string()),
                Cell::new(&f.message),
            ]);
        }
        // Identifiers and locations are copied into editors and searches: never wrap them;
        // only the prose column gives way.
        for i in 0..4 {
            if let Some(column) = table.column_mut(i) {
                column.set_constraint(ColumnConstraint::ContentWidth);
            }
        }
        writeln!(out, "{table}")?;
    }
    Ok(())
}
