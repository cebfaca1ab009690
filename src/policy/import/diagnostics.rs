//! What a person is told about an import: doubts and notes at document lines, and figures.

use std::fmt;

use crate::model::Location;

/// How much a diagnostic matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DiagnosticKind {
    /// Information: something left out on purpose (a table that is not about permissions, a
    /// HarmonyOS table, a plist key that is not a permission).
    Note,
    /// A row matched by its label rather than an identifier: a person should confirm it.
    Review,
    /// A row or identifier that names no known permission. Fails the import.
    Unresolved,
    /// A row or identifier that names several permissions. Fails the import.
    Ambiguous,
}

impl DiagnosticKind {
    /// Lower-case name used on stderr.
    pub fn as_str(self) -> &'static str {
        match self {
            DiagnosticKind::Note => "note",
            DiagnosticKind::Review => "review",
            DiagnosticKind::Unresolved => "unresolved",
            DiagnosticKind::Ambiguous => "ambiguous",
        }
    }

    /// Whether this kind of doubt fails the import unless allowed.
    pub fn is_doubt(self) -> bool {
        matches!(self, DiagnosticKind::Unresolved | DiagnosticKind::Ambiguous)
    }
}

/// One thing a person should know about the import, at a document line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// How much it matters.
    pub kind: DiagnosticKind,
    /// Where in the document.
    pub location: Location,
    /// What and what to do.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            self.location,
            self.kind.as_str(),
            self.message
        )
    }
}

/// Counts a reviewer can judge an import by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportStats {
    /// Android and iOS permission tables read.
    pub tables: usize,
    /// Rows read from them.
    pub rows: usize,
    /// Permission entries written to the policy (a row may have several).
    pub resolved_ids: usize,
    /// Of those, entries matched by label rather than identifier.
    pub by_label: usize,
    /// Rows with at least one unresolved or ambiguous name.
    pub unresolved_rows: usize,
}
