//! `--format markdown`: a GitHub-flavoured Markdown summary for a pull-request comment or
//! `$GITHUB_STEP_SUMMARY`: a headline with counts, the findings as a table, then what was
//! hidden, expired or stale, and which policy and config were used.

use std::io::{self, Write};

use super::{RenderOptions, Renderer, Summary, plural};
use crate::check::CheckOutcome;

/// The Markdown renderer.
#[derive(Debug, Clone, Copy, Default)]
pub struct Markdown;

/// Makes text safe inside a table cell: pipes would split the cell, newlines end the row, and
/// `<`/`>` would be read as HTML.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
        .replace('\r', "")
        .replace('\n', "<br>")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace("&lt;br&gt;", "<br>")
}

impl Renderer for Markdown {
    fn render(
        &self,
        outcome: &CheckOutcome,
        _: RenderOptions,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let summary = Summary::of(outcome);
        let verdict = if outcome.findings.is_empty() {
            "no findings"
        } else if summary.errors > 0 {
            "permission disclosures need attention"
        } else {
            "warnings only"
        };
        writeln!(out, "## permaudit: {verdict}")?;
        writeln!(out)?;
        writeln!(
            out,
            "**{}**, **{}**, **{}** in {} against *{}* (`{}`); config: {}.",
            plural(summary.errors, "error"),
            plural(summary.warnings, "warning"),
            plural(summary.notes, "note"),
            plural(outcome.inputs.len(), "file"),
            cell(&outcome.policy.name),
            outcome.policy.display_path(),
            outcome
                .config
                .as_deref()
                .map_or_else(|| "none".to_owned(), |c| format!("`{c}`"))
        )?;
        if !outcome.findings.is_empty() {
            writeln!(out)?;
            writeln!(out, "| severity | rule | permission | location | message |")?;
            writeln!(out, "|---|---|---|---|---|")?;
            for f in &outcome.findings {
                writeln!(
                    out,
                    "| {} | `{}` | `{}` | `{}` | {} |",
                    f.severity,
                    f.rule.id(),
                    f.permission,
                    f.location,
                    cell(&f.message)
                )?;
            }
        }
        let s = &outcome.suppression;
        if !s.is_empty() {
            writeln!(out)?;
            writeln!(out, "### Suppressed and stale")?;
            writeln!(out)?;
            if !s.acknowledged.is_empty() {
                writeln!(
                    out,
                    "- {} hidden by acknowledgements in the config",
                    plural(s.acknowledged.len(), "finding")
                )?;
            }
            if let Some(baseline) = &s.baseline {
                writeln!(
                    out,
                    "- {} hidden by the baseline `{baseline}`",
                    plural(s.baselined.len(), "finding")
                )?;
            }
            for a in &s.expired {
                writeln!(
                    out,
                    "- acknowledgement of `{}` at `{}` **expired** on {}: {}",
                    a.permission,
                    a.location,
                    a.expires.map(|e| e.to_string()).unwrap_or_default(),
                    cell(&a.reason)
                )?;
            }
            for a in &s.unmatched {
                writeln!(
                    out,
                    "- acknowledgement of `{}` at `{}` matched no finding (remove it?)",
                    a.permission, a.location
                )?;
            }
            for e in &s.stale {
                writeln!(
                    out,
                    "- stale baseline entry: `{}` `{}` in `{}` no longer occurs",
                    e.rule, e.permission, e.path
                )?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_the_table() {
        assert_eq!(cell("a|b\nc <x>"), "a\\|b<br>c &lt;x&gt;");
    }
}
