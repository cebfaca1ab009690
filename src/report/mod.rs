//! Reports: one module per output format, each turning a [`CheckOutcome`] into bytes.

pub mod diagnostic;
pub mod github;
pub mod json;
pub mod markdown;
pub mod sarif;
pub mod table;

use std::io::{self, Write};

use crate::check::CheckOutcome;
use crate::model::Severity;

/// Settings every renderer may consult.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Emit ANSI colour (only ever true for a terminal that has not asked for `NO_COLOR`).
    pub color: bool,
    /// `--quiet`: only the findings, no header or footer (human formats only; machine formats
    /// keep their full shape).
    pub quiet: bool,
}

/// An output format.
pub trait Renderer {
    /// Writes the report for `outcome` to `out`.
    fn render(
        &self,
        outcome: &CheckOutcome,
        options: RenderOptions,
        out: &mut dyn Write,
    ) -> io::Result<()>;
}

/// Finding counts by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Findings of severity error.
    pub errors: usize,
    /// Findings of severity warning.
    pub warnings: usize,
    /// Findings of severity note.
    pub notes: usize,
}

impl Summary {
    /// Counts the outcome's findings.
    pub fn of(outcome: &CheckOutcome) -> Summary {
        let mut s = Summary::default();
        for f in &outcome.findings {
            match f.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Note => s.notes += 1,
            }
        }
        s
    }
}

/// How many files the inputs came from: an archive's inputs (`app.aab!/base/…`) share one.
pub(crate) fn audited_files(outcome: &CheckOutcome) -> usize {
    let mut files: Vec<&str> = outcome
        .inputs
        .iter()
        .map(|i| {
            i.path
                .split_once("!/")
                .map_or(i.path.as_str(), |(file, _)| file)
        })
        .collect();
    files.sort_unstable();
    files.dedup();
    files.len()
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}
