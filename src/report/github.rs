//! `--format github`: GitHub Actions workflow commands, so findings appear as annotations on
//! the pull request's changed files.
//!
//! One `::error`/`::warning`/`::notice` line per finding, then plain lines for the summary
//! (shown in the log only). Values are escaped as the Actions runner requires: in the message,
//! `%`, CR and LF; in properties additionally `:` and `,`. Findings in the built-in policy have
//! no file in the repository, so their annotations carry no `file=`.

use std::io::{self, Write};

use super::{Renderer, Report, Summary, plural};
use crate::model::Severity;
use crate::policy::BUILTIN_PATH;

/// The GitHub Actions annotation renderer.
#[derive(Debug, Clone, Copy, Default)]
pub struct Github;

/// Escapes a workflow-command message.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow-command property value.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

impl Renderer for Github {
    /// English in every language, the same whatever the presentation options.
    fn render(&self, report: Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let outcome = report.outcome;
        for f in &outcome.findings {
            let command = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "notice",
            };
            let mut properties = Vec::new();
            if f.location.path != BUILTIN_PATH {
                properties.push(format!("file={}", escape_property(&f.location.path)));
                if let Some(line) = f.location.line {
                    properties.push(format!("line={line}"));
                    if let Some(column) = f.location.column {
                        properties.push(format!("col={column}"));
                    }
                }
            }
            properties.push(format!(
                "title={}",
                escape_property(&format!("permaudit {}: {}", f.rule.id(), f.permission))
            ));
            let mut message = f.message.clone();
            if f.location.path == BUILTIN_PATH {
                message.push_str(&format!(" (at {})", f.location));
            }
            writeln!(
                out,
                "::{command} {}::{}",
                properties.join(","),
                escape_data(&message)
            )?;
        }
        let s = &outcome.suppression;
        for a in &s.expired {
            writeln!(
                out,
                "::warning file={},line={},col={},title={}::{}",
                escape_property(&a.location.path),
                a.location.line.unwrap_or(1),
                a.location.column.unwrap_or(1),
                escape_property("permaudit: acknowledgement expired"),
                escape_data(&format!(
                    "the acknowledgement of {} expired on {}; its finding is reported again",
                    a.permission,
                    a.expires.map(|e| e.to_string()).unwrap_or_default()
                ))
            )?;
        }
        for e in &s.stale {
            writeln!(
                out,
                "::notice title={}::{}",
                escape_property("permaudit: stale baseline entry"),
                escape_data(&format!(
                    "{} {} {} in {} no longer occurs; rewrite the baseline with --write-baseline",
                    e.rule, e.platform, e.permission, e.path
                ))
            )?;
        }
        let summary = Summary::of(outcome);
        writeln!(
            out,
            "permaudit: {}, {}, {} (policy: {}; config: {})",
            plural(summary.errors, "error"),
            plural(summary.warnings, "warning"),
            plural(summary.notes, "note"),
            outcome.policy.display_path(),
            outcome.config.as_deref().unwrap_or("none")
        )?;
        if !s.acknowledged.is_empty() || !s.baselined.is_empty() {
            writeln!(
                out,
                "permaudit: hidden: {} acknowledged, {} by the baseline",
                s.acknowledged.len(),
                s.baselined.len()
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(escape_data("50%\r\nnext"), "50%25%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
