//! `--format concise`: one line per finding, `path:line:col: severity[rule] message`, the form
//! editors' problem matchers, `grep` and `sort` read. A closing count follows unless `--quiet`.

use std::io::{self, Write};

use super::{Renderer, Report, Summary};

/// The one-line-per-finding renderer.
#[derive(Debug, Clone, Copy, Default)]
pub struct Concise;

impl Renderer for Concise {
    fn render(&self, report: Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let Report { outcome, options } = report;
        for f in &outcome.findings {
            // A message is one line already; a newline from a hostile input would forge a
            // second finding, so it is shown as a space, and bidi controls are made visible.
            let message = super::message_in(options.lang, outcome, f);
            let message = super::text::visible(&message.replace(['\r', '\n'], " ")).into_owned();
            writeln!(
                out,
                "{}: {}[{}] {message}",
                f.location,
                f.severity,
                f.rule.id()
            )?;
        }
        if !options.quiet {
            let s = Summary::of(outcome);
            let lang = options.lang;
            let counts = lang.fill(
                "human.summary",
                &[
                    ("errors", &lang.count("error", s.errors)),
                    ("warnings", &lang.count("warning", s.warnings)),
                    ("notes", &lang.count("note", s.notes)),
                ],
            );
            writeln!(out, "{counts}")?;
        }
        Ok(())
    }
}
