//! Runs the steps over one document: gathers candidate tables, judges each, imports its rows,
//! and keeps the diagnostics and figures.

use std::ops::Range;

use super::build::OutRow;
use super::diagnostics::{Diagnostic, DiagnosticKind, ImportStats};
use super::find::{
    Role, TablePlatform, decide_platform, heading_names_permissions, roles, split_header, votes,
};
use super::resolve::{self, Side, Token};
use super::text::{self, Cell, RawRow, RawTable, Shape};
use super::{ImportError, Imported, yaml};
use crate::input::lines::LineIndex;
use crate::model::{Location, Platform};

pub(super) struct Importer<'d> {
    pub(super) doc: &'d str,
    pub(super) display: &'d str,
    pub(super) lines: Vec<(usize, &'d str)>,
    pub(super) diagnostics: Vec<Diagnostic>,
    pub(super) rows: Vec<OutRow>,
    pub(super) stats: ImportStats,
    pub(super) suggestions: usize,
    skipped: Vec<String>,
    index: LineIndex<'d>,
}

impl<'d> Importer<'d> {
    pub(super) fn new(doc: &'d str, display: &'d str) -> Self {
        Importer {
            doc,
            display,
            lines: text::lines(doc),
            diagnostics: Vec::new(),
            rows: Vec::new(),
            stats: ImportStats::default(),
            suggestions: 0,
            skipped: Vec::new(),
            index: LineIndex::new(doc.as_bytes()),
        }
    }

    pub(super) fn run(mut self) -> Result<Imported, ImportError> {
        let tables = self.tables()?;
        let mut previous_end = 0;
        for table in &tables {
            self.table(table, previous_end)?;
            if table.shape != Shape::Headings {
                previous_end = previous_end.max(table.span.end);
            }
        }
        if self.stats.tables == 0 {
            let detail = if self.skipped.is_empty() {
                String::new()
            } else {
                format!("; seen instead: {}", self.skipped.join("; "))
            };
            return Err(ImportError::NoTable {
                path: self.display.to_owned(),
                detail,
            });
        }
        // Shapes are judged one after another; the policy lists rows in document order.
        self.rows.sort_by_key(|r| r.line);
        self.diagnostics.sort_by(|a, b| {
            (a.location.line, a.location.column).cmp(&(b.location.line, b.location.column))
        });
        let policy = self.policy();
        let yaml = yaml::render(&policy.name, self.display, &self.rows);
        Ok(Imported {
            policy,
            yaml,
            diagnostics: self.diagnostics,
            stats: self.stats,
        })
    }

    /// Judges one table and imports its rows if it is about Android or iOS permissions.
    fn table(&mut self, table: &RawTable, previous_end: usize) -> Result<(), ImportError> {
        let (header, rows) = split_header(table);
        let roles = roles(header.as_deref(), &rows);
        let name_col = roles.iter().position(|&r| r == Role::Name).unwrap_or(0);
        let rows: Vec<&RawRow> = match table.shape {
            // Headings are structure; only those that are nothing but identifiers are rows.
            Shape::Headings => rows
                .into_iter()
                .filter(|r| heading_names_permissions(r))
                .collect(),
            _ => rows,
        };
        let tokens: Vec<Vec<Token>> = rows
            .iter()
            .map(|r| {
                r.cells
                    .get(name_col)
                    .map_or_else(Vec::new, |c| resolve::identifiers(&c.text))
            })
            .collect();
        let (android, ios, harmony) = votes(&tokens);
        let header_says_permission = header.as_ref().is_some_and(|h| {
            h.iter().any(|c| {
                let t = c.text.to_lowercase();
                t.contains("permission") || t.contains("权限") || t.contains("plist")
            })
        });
        let start = self.position(table.span.start);
        let is_permission_table = android + ios + harmony > 0
            || (header_says_permission && matches!(table.shape, Shape::Pipe | Shape::Html));
        if !is_permission_table {
            if matches!(table.shape, Shape::Pipe | Shape::Html) && !rows.is_empty() {
                let what = format!(
                    "the {} at line {} (no permission identifiers and no permission column)",
                    table.shape.describe(),
                    start.0
                );
                self.note(
                    table.span.start,
                    format!(
                        "{} is not a permission table; left out",
                        what.trim_start_matches("the ")
                    ),
                );
                self.skipped.push(what);
            }
            return Ok(());
        }
        let heading = self.context(table.span.start, previous_end);
        let header_text = header
            .as_ref()
            .and_then(|h| h.get(name_col))
            .map(|c| c.text.clone())
            .unwrap_or_default();
        let platform = match decide_platform(android, ios, harmony, &header_text, &heading) {
            Some(p) => p,
            None => {
                self.note(
                    table.span.start,
                    format!(
                        "the {} names no platform (no identifiers, nothing in its heading or \
                         columns); read as Android",
                        table.shape.describe()
                    ),
                );
                TablePlatform::Android
            }
        };
        let (platform, side) = match platform {
            TablePlatform::Android => (Platform::Android, Side::Android),
            TablePlatform::Ios => (Platform::Ios, Side::Ios),
            TablePlatform::Harmony => {
                let what = format!(
                    "a HarmonyOS {} at line {} ({} rows)",
                    table.shape.describe(),
                    start.0,
                    rows.len()
                );
                self.note(
                    table.span.start,
                    format!("{what}; permaudit audits Android and iOS only, so it is left out"),
                );
                self.skipped.push(what);
                return Ok(());
            }
        };
        if let Some(header) = &header {
            self.check_width(table, header.len(), &rows)?;
        }
        self.stats.tables += 1;
        let mut first = true;
        for (row, tokens) in rows.iter().zip(tokens) {
            let heading = first.then(|| match (table.shape, heading.first()) {
                (Shape::Headings, _) | (_, None) => {
                    format!("{} from line {}", table.shape.describe(), start.0)
                }
                (_, Some(nearest)) => nearest.clone(),
            });
            if self.row(
                table.shape,
                row,
                tokens,
                &roles,
                name_col,
                platform,
                side,
                heading,
            ) {
                first = false;
            }
        }
        Ok(())
    }

    /// A pipe or HTML row with more non-empty cells than the header has columns cannot be
    /// split into label, description and purpose without guessing.
    fn check_width(
        &self,
        table: &RawTable,
        columns: usize,
        rows: &[&RawRow],
    ) -> Result<(), ImportError> {
        if !matches!(table.shape, Shape::Pipe | Shape::Html) {
            return Ok(());
        }
        for row in rows {
            let extra = row.cells.iter().skip(columns).any(|c| !c.text.is_empty());
            if extra {
                let (line, column) = self.position(row.start);
                return Err(ImportError::Malformed {
                    location: Location::at(self.display, line, column),
                    message: format!(
                        "the row has {} cells but the header has {columns} columns; a cell may \
                         contain an unescaped `|` (write it as `\\|`)",
                        row.cells.len()
                    ),
                });
            }
        }
        Ok(())
    }

    pub(super) fn note(&mut self, at: usize, message: String) {
        self.diagnostics.push(Diagnostic {
            kind: DiagnosticKind::Note,
            location: self.location(at),
            message,
        });
    }

    pub(super) fn doubt(&mut self, kind: DiagnosticKind, at: usize, message: String) {
        self.diagnostics.push(Diagnostic {
            kind,
            location: self.location(at),
            message,
        });
    }

    /// Where an identifier is written: found in the cell's raw text when it appears there
    /// verbatim (it may not, if an entity or tag splits it), else the cell's start.
    pub(super) fn token_offset(&self, cell: &Cell, token: &str) -> usize {
        self.doc
            .get(cell.raw.clone())
            .and_then(|raw| raw.find(token))
            .map_or(cell.raw.start + leading_ws(self.doc, &cell.raw), |i| {
                cell.raw.start + i
            })
    }

    pub(super) fn location(&self, offset: usize) -> Location {
        let (line, column) = self.position(offset);
        Location::at(self.display, line, column)
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub(super) fn position(&self, offset: usize) -> (u32, u32) {
        self.index.position(offset)
    }
}

pub(super) fn leading_ws(doc: &str, raw: &Range<usize>) -> usize {
    doc.get(raw.clone())
        .map_or(0, |s| s.len() - s.trim_start().len())
}
