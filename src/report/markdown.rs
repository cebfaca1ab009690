//! `--format markdown`: a GitHub-flavoured Markdown summary for a pull-request comment or
//! `$GITHUB_STEP_SUMMARY`: a headline with counts, the findings as a table, then what was
//! hidden, expired or stale, and which policy and config were used.

use std::io::{self, Write};

use super::{Renderer, Report, Summary};

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
    fn render(&self, report: Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let Report { outcome, options } = report;
        let lang = options.lang;
        let summary = Summary::of(outcome);
        let verdict = lang.text(if outcome.findings.is_empty() {
            "markdown.verdict.clean"
        } else if summary.errors > 0 {
            "markdown.verdict.errors"
        } else {
            "markdown.verdict.warnings"
        });
        writeln!(
            out,
            "## {}",
            lang.fill("markdown.title", &[("verdict", verdict)])
        )?;
        writeln!(out)?;
        let config = outcome
            .config
            .as_deref()
            .map_or_else(|| lang.text("human.none").to_owned(), |c| format!("`{c}`"));
        let line = lang.fill(
            "markdown.line",
            &[
                ("errors", &lang.count("error", summary.errors)),
                ("warnings", &lang.count("warning", summary.warnings)),
                ("notes", &lang.count("note", summary.notes)),
                ("files", &lang.count("file", outcome.inputs.len())),
                ("policy", &cell(&outcome.policy.name)),
                ("path", outcome.policy.display_path()),
                ("config", &config),
            ],
        );
        writeln!(out, "{line}")?;
        let entries = super::variant_policy_lines(lang, outcome);
        if !entries.is_empty() {
            writeln!(out)?;
            for entry in entries {
                writeln!(out, "- {}", cell(&entry))?;
            }
        }
        if !outcome.findings.is_empty() {
            writeln!(out)?;
            writeln!(out, "{}", lang.text("markdown.header"))?;
            writeln!(out, "|---|---|---|---|---|")?;
            for f in &outcome.findings {
                writeln!(
                    out,
                    "| {} | `{}` | `{}` | `{}` | {} |",
                    lang.severity(f.severity),
                    f.rule.id(),
                    f.permission,
                    f.location,
                    cell(&super::message_in(lang, outcome, f))
                )?;
            }
        }
        let s = &outcome.suppression;
        if !s.is_empty() {
            writeln!(out)?;
            writeln!(out, "### {}", lang.text("markdown.suppressed"))?;
            writeln!(out)?;
            if !s.acknowledged.is_empty() {
                let findings = lang.count("finding", s.acknowledged.len());
                writeln!(
                    out,
                    "- {}",
                    lang.fill("markdown.acknowledged", &[("findings", &findings)])
                )?;
            }
            if let Some(baseline) = &s.baseline {
                let findings = lang.count("finding", s.baselined.len());
                writeln!(
                    out,
                    "- {}",
                    lang.fill(
                        "markdown.baselined",
                        &[("findings", &findings), ("baseline", baseline)]
                    )
                )?;
            }
            for a in &s.expired {
                let line = lang.fill(
                    "markdown.expired",
                    &[
                        ("permission", &a.permission),
                        ("location", &a.location.to_string()),
                        (
                            "date",
                            &a.expires.map(|e| e.to_string()).unwrap_or_default(),
                        ),
                        ("reason", &cell(&a.reason)),
                    ],
                );
                writeln!(out, "- {line}")?;
            }
            for a in &s.unmatched {
                let line = lang.fill(
                    "markdown.unmatched",
                    &[
                        ("permission", &a.permission),
                        ("location", &a.location.to_string()),
                    ],
                );
                writeln!(out, "- {line}")?;
            }
            for e in &s.stale {
                let line = lang.fill(
                    "markdown.stale",
                    &[
                        ("rule", e.rule.as_str()),
                        ("permission", &e.permission),
                        ("path", &e.path),
                    ],
                );
                writeln!(out, "- {line}")?;
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
