//! `permaudit policy import`: reads the permission tables out of a privacy-policy document.
//!
//! Companies publish their permission tables inside the policy, in Markdown, HTML or plain
//! text. This module finds them and turns them into a [`Policy`], so an audit can run against
//! the published document instead of a YAML copy that drifts from it.
//!
//! The work is split by job:
//! - one extractor per document shape finds tables without judging them
//!   ([`pipe`], [`html`], [`list`]);
//! - this module decides which tables are about permissions and for which platform, splits each
//!   row into label, identifiers, description and purpose, and collects every doubt;
//! - [`resolve`] turns identifiers and labels into permission ids;
//! - [`yaml`] writes the policy YAML, with each row's document line as a comment.
//!
//! Everything here is a pure function of the document text, bounded in time and memory, so it
//! can be fuzzed; only [`import_file`] touches the file system.

mod html;
mod list;
mod pipe;
mod resolve;
mod text;
mod yaml;

use std::fmt;
use std::ops::Range;
use std::path::Path;

use thiserror::Error;

use crate::catalog::catalog;
use crate::model::{Disclosure, Location, Platform};
use crate::policy::{Policy, Row};

use resolve::{Ident, Perm, Resolved, Side, Token};
use text::{Cell, RawRow, RawTable, Shape};

/// Largest document read: policies are tens of kilobytes; anything far larger is not one.
pub const MAX_DOCUMENT_BYTES: usize = 16 * 1024 * 1024;
/// Most candidate tables (of each kind: tables, lists) one document may hold. A privacy policy
/// has a handful; thousands mean the input is not one, and judging them would be slow.
pub const MAX_TABLES: usize = 4096;
/// How many "did you mean" suggestions one import computes (each is an edit-distance search
/// over the catalog); later unknown names are reported without one.
const MAX_SUGGESTIONS: usize = 64;

/// Why a document could not be imported. Every variant means exit code 2.
#[derive(Debug, Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("{path}: cannot read the policy document: {source}")]
    Read {
        /// The file.
        path: String,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The file is larger than [`MAX_DOCUMENT_BYTES`].
    #[error("{path}: the policy document is {size} bytes; at most {MAX_DOCUMENT_BYTES} are read")]
    TooLarge {
        /// The file.
        path: String,
        /// Its size.
        size: usize,
    },
    /// The file is not UTF-8 text.
    #[error(
        "{location}: the policy document is not UTF-8 text; expected Markdown, HTML or plain text"
    )]
    NotText {
        /// Where the first invalid byte is.
        location: Location,
    },
    /// No table, list or heading of the document discloses Android or iOS permissions.
    #[error(
        "{path}: no permission table found; expected a Markdown or text pipe table, an HTML \
         <table>, a list of \"label (IDENTIFIER): purpose\" items or headings naming permissions, \
         whose rows name Android permissions or Info.plist keys (or whose header names a \
         permission column){detail}"
    )]
    NoTable {
        /// The file.
        path: String,
        /// What was seen instead, with a leading separator.
        detail: String,
    },
    /// A permission table is broken in a way that cannot be read without guessing.
    #[error("{location}: malformed permission table: {message}")]
    Malformed {
        /// Where.
        location: Location,
        /// What was expected and what was found.
        message: String,
    },
    /// Some rows could not be resolved, and the caller did not allow that.
    #[error(
        "{path}: {count} permission row(s) could not be resolved to permission ids; fix the \
         document, or pass --allow-unresolved to use the rows that did resolve:\n{details}"
    )]
    Unresolved {
        /// The file.
        path: String,
        /// How many rows.
        count: usize,
        /// One diagnostic per line.
        details: String,
    },
}

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

/// The result of reading a document.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The policy, with every disclosure located at its document line.
    pub policy: Policy,
    /// The policy as YAML that `check --policy` accepts, with source lines as comments.
    pub yaml: String,
    /// Doubts and notes, in document order.
    pub diagnostics: Vec<Diagnostic>,
    /// Figures for the reader.
    pub stats: ImportStats,
}

impl Imported {
    /// Rows that could not be (fully) resolved.
    pub fn unresolved(&self) -> usize {
        self.stats.unresolved_rows
    }

    /// Fails with [`ImportError::Unresolved`] when rows are unresolved and that is not allowed.
    pub fn require_resolved(self, allow_unresolved: bool) -> Result<Imported, ImportError> {
        if self.unresolved() == 0 || allow_unresolved {
            return Ok(self);
        }
        let details = self
            .diagnostics
            .iter()
            .filter(|d| d.kind.is_doubt())
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n");
        Err(ImportError::Unresolved {
            path: self.policy.display_path().to_owned(),
            count: self.unresolved(),
            details,
        })
    }
}

/// Reads and imports a document.
pub fn import_file(path: &Path, display: &str) -> Result<Imported, ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Read {
        path: display.to_owned(),
        source,
    })?;
    import_bytes(&bytes, display)
}

/// Imports a document given as bytes: it must be UTF-8 (a leading BOM is ignored).
pub fn import_bytes(bytes: &[u8], display: &str) -> Result<Imported, ImportError> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(ImportError::TooLarge {
            path: display.to_owned(),
            size: bytes.len(),
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let doc = std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = valid
            .rsplit(|&b| b == b'\n')
            .next()
            .map_or(0, |l| l.iter().filter(|&&b| (b & 0xC0) != 0x80).count())
            + 1;
        ImportError::NotText {
            location: Location::at(display, to_u32(line), to_u32(column)),
        }
    })?;
    import_str(doc, display)
}

/// Imports a document's text. `display` names it in locations and in the policy.
pub fn import_str(doc: &str, display: &str) -> Result<Imported, ImportError> {
    if doc.len() > MAX_DOCUMENT_BYTES {
        return Err(ImportError::TooLarge {
            path: display.to_owned(),
            size: doc.len(),
        });
    }
    let doc = doc.strip_prefix('\u{feff}').unwrap_or(doc);
    Importer::new(doc, display).run()
}

/// Platform a table is about. HarmonyOS tables are recognised so they can be left out by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TablePlatform {
    Android,
    Ios,
    Harmony,
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Name,
    Description,
    Purpose,
    Notes,
    Other,
}

/// A row that made it into the policy, or was left out with its reasons.
#[derive(Debug, Clone)]
struct OutRow {
    platform: Platform,
    line: u32,
    name: Option<String>,
    description: Option<String>,
    purpose: Option<String>,
    perms: Vec<(Perm, Location)>,
    /// The label the permissions were matched by, when no identifier named them.
    by_label: Option<String>,
    /// Why (part of) the row is missing, for the YAML comment.
    doubts: Vec<String>,
    /// The table's heading, on the first row of each table.
    table_heading: Option<String>,
}

struct Importer<'d> {
    doc: &'d str,
    display: &'d str,
    lines: Vec<(usize, &'d str)>,
    diagnostics: Vec<Diagnostic>,
    rows: Vec<OutRow>,
    stats: ImportStats,
    suggestions: usize,
    skipped: Vec<String>,
    /// Last (line index, byte offset, column) computed: positions are asked for in nearly
    /// increasing order, and counting from the line start each time would be quadratic on a
    /// page written as one long line.
    last_position: std::cell::Cell<(usize, usize, usize)>,
}

impl<'d> Importer<'d> {
    fn new(doc: &'d str, display: &'d str) -> Self {
        Importer {
            doc,
            display,
            lines: text::lines(doc),
            diagnostics: Vec::new(),
            rows: Vec::new(),
            stats: ImportStats::default(),
            suggestions: 0,
            skipped: Vec::new(),
            last_position: std::cell::Cell::new((0, 0, 1)),
        }
    }

    fn run(mut self) -> Result<Imported, ImportError> {
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

    /// Every candidate table of every shape, in document order. Lists inside a table are part
    /// of the table, not tables of their own.
    fn tables(&self) -> Result<Vec<RawTable>, ImportError> {
        let mut tables = pipe::extract(self.doc, &self.lines);
        tables.extend(html::extract(self.doc));
        let lists = list::extract_lists(self.doc, &self.lines);
        if tables.len() > MAX_TABLES || lists.len() > MAX_TABLES {
            return Err(ImportError::Malformed {
                location: Location::file(self.display),
                message: format!(
                    "{} tables and {} lists; a privacy policy has at most {MAX_TABLES} of each",
                    tables.len(),
                    lists.len()
                ),
            });
        }
        let inside = |span: &Range<usize>, tables: &[RawTable]| {
            tables
                .iter()
                .any(|t| span.start < t.span.end && t.span.start < span.end)
        };
        let lists: Vec<RawTable> = lists
            .into_iter()
            .filter(|l| !inside(&l.span, &tables))
            .collect();
        tables.extend(lists);
        tables.extend(list::extract_headings(self.doc, &self.lines));
        tables.sort_by_key(|t| t.span.start);
        Ok(tables)
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

    /// Imports one row; returns whether it produced anything (a row or a doubt).
    #[allow(clippy::too_many_arguments)]
    fn row(
        &mut self,
        shape: Shape,
        row: &RawRow,
        tokens: Vec<Token>,
        roles: &[Role],
        name_col: usize,
        platform: Platform,
        side: Side,
        table_heading: Option<String>,
    ) -> bool {
        let cell = |role: Role| {
            roles
                .iter()
                .position(|&r| r == role)
                .and_then(|i| row.cells.get(i))
                .map(|c| c.text.clone())
                .filter(|t| !t.is_empty())
        };
        let Some(name_cell) = row.cells.get(name_col).filter(|c| !c.text.is_empty()) else {
            if row.cells.iter().all(|c| c.text.is_empty()) {
                return false;
            }
            self.stats.rows += 1;
            self.stats.unresolved_rows += 1;
            let message = "the row has no permission name (its first column is empty)".to_owned();
            self.doubt(DiagnosticKind::Unresolved, row.start, message.clone());
            self.rows.push(OutRow {
                platform,
                line: self.position(row.start).0,
                name: None,
                description: None,
                purpose: None,
                perms: Vec::new(),
                by_label: None,
                doubts: vec![message],
                table_heading,
            });
            return true;
        };
        if shape == Shape::List && tokens.is_empty() && row.cells.len() < 2 {
            self.note(
                row.start,
                "list item is not \"label (IDENTIFIER): purpose\"; left out".into(),
            );
            return false;
        }
        self.stats.rows += 1;
        let label = label_without(&name_cell.text, &tokens);
        let name_at = name_cell.raw.start + leading_ws(self.doc, &name_cell.raw);
        let mut perms: Vec<(Perm, Location)> = Vec::new();
        let mut doubts: Vec<(DiagnosticKind, usize, String)> = Vec::new();
        let mut notes: Vec<(DiagnosticKind, usize, String)> = Vec::new();
        let mut by_label = None;
        let mut left_out_ids = 0;
        for token in &tokens {
            let at = self.token_offset(name_cell, &token.text);
            match (platform, &token.kind) {
                (_, Ident::Harmony) => {
                    left_out_ids += 1;
                    notes.push((
                        DiagnosticKind::Note,
                        at,
                        format!("`{}` is a HarmonyOS permission; left out", token.text),
                    ));
                }
                (Platform::Android, Ident::AndroidFull) => perms.push((
                    Perm {
                        written: token.text.clone(),
                        canonical: token.text.clone(),
                    },
                    self.location(at),
                )),
                (Platform::Android, Ident::AndroidShort) => {
                    let suggest = self.suggestions < MAX_SUGGESTIONS;
                    match resolve::resolve_short(&token.text, suggest) {
                        Resolved::Ids(found) => {
                            let location = self.location(at);
                            perms.extend(found.into_iter().map(|p| (p, location.clone())));
                        }
                        Resolved::Ambiguous(candidates) => doubts.push((
                            DiagnosticKind::Ambiguous,
                            at,
                            format!(
                                "short name `{}` names several permissions ({}); write the full name",
                                token.text,
                                candidates.join(", ")
                            ),
                        )),
                        Resolved::Unknown { nearest } => {
                            self.suggestions += 1;
                            doubts.push((
                                DiagnosticKind::Unresolved,
                                at,
                                format!(
                                    "`{}` is not a permission permaudit knows{}",
                                    token.text,
                                    nearest.map_or(String::new(), |n| format!(
                                        " (did you mean `{n}`?)"
                                    ))
                                ),
                            ));
                        }
                    }
                }
                (Platform::Ios | Platform::Macos, Ident::IosKey) => {
                    if catalog().ios_key(&token.text).is_none() {
                        notes.push((
                            DiagnosticKind::Note,
                            at,
                            format!(
                                "`{}` is not a purpose-string key Apple documents (unknown to \
                                 the catalog); kept as written",
                                token.text
                            ),
                        ));
                    }
                    perms.push((
                        Perm {
                            written: token.text.clone(),
                            canonical: token.text.clone(),
                        },
                        self.location(at),
                    ));
                }
                (Platform::Ios | Platform::Macos, Ident::PlistOther) => {
                    left_out_ids += 1;
                    notes.push((
                        DiagnosticKind::Note,
                        at,
                        format!(
                            "`{}` is an Info.plist key but not a privacy purpose string; \
                             permaudit does not audit it, so it is left out",
                            token.text
                        ),
                    ));
                }
                (Platform::Android, Ident::IosKey | Ident::PlistOther) => doubts.push((
                    DiagnosticKind::Unresolved,
                    at,
                    format!("`{}` is an Info.plist key in an Android table", token.text),
                )),
                (Platform::Ios | Platform::Macos, Ident::AndroidFull | Ident::AndroidShort) => {
                    doubts.push((
                        DiagnosticKind::Unresolved,
                        at,
                        format!("`{}` is an Android permission in an iOS table", token.text),
                    ))
                }
            }
        }
        if tokens.is_empty() {
            match resolve::resolve_label(side, &label) {
                Resolved::Ids(found) => {
                    let location = self.location(name_at);
                    let ids: Vec<&str> = found.iter().map(|p| p.canonical.as_str()).collect();
                    notes.push((
                        DiagnosticKind::Review,
                        name_at,
                        format!(
                            "\"{label}\" matched by name, not by an identifier, to {}; confirm it",
                            ids.join(", ")
                        ),
                    ));
                    by_label = Some(label.clone());
                    self.stats.by_label += found.len();
                    perms.extend(found.into_iter().map(|p| (p, location.clone())));
                }
                Resolved::Ambiguous(candidates) => doubts.push((
                    DiagnosticKind::Ambiguous,
                    name_at,
                    format!(
                        "\"{label}\" has no identifier and names several {} permissions ({}); \
                         write the identifiers in the document",
                        platform.display_name(),
                        candidates.join(", ")
                    ),
                )),
                Resolved::Unknown { .. } => doubts.push((
                    DiagnosticKind::Unresolved,
                    name_at,
                    format!(
                        "\"{label}\" has no identifier and is not a name of any {} permission \
                         permaudit knows; write the identifier in the document",
                        platform.display_name()
                    ),
                )),
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        perms.retain(|(p, _)| seen.insert(p.canonical.clone()));
        if perms.is_empty() && doubts.is_empty() && left_out_ids > 0 {
            // Every identifier was something permaudit does not audit; the notes say which.
            self.stats.rows -= 1;
            for (_, at, message) in notes {
                self.note(at, message);
            }
            return false;
        }
        for (kind, at, message) in notes {
            self.diagnostics.push(Diagnostic {
                kind,
                location: self.location(at),
                message,
            });
        }
        if !doubts.is_empty() {
            self.stats.unresolved_rows += 1;
        }
        for (kind, at, message) in &doubts {
            self.doubt(*kind, *at, message.clone());
        }
        self.stats.resolved_ids += perms.len();
        self.rows.push(OutRow {
            platform,
            line: self.position(name_at).0,
            // A heading's words besides its identifiers are only "and" and commas.
            name: (!label.is_empty() && shape != Shape::Headings).then_some(label),
            description: cell(Role::Description),
            purpose: cell(Role::Purpose).or_else(|| {
                (!roles.contains(&Role::Purpose))
                    .then(|| cell(Role::Notes))
                    .flatten()
            }),
            perms,
            by_label,
            doubts: doubts.into_iter().map(|(_, _, m)| m).collect(),
            table_heading,
        });
        true
    }

    /// The validated policy: rows with at least one permission, each disclosure located at
    /// its document line.
    fn policy(&self) -> Policy {
        let mut rows = Vec::new();
        for platform in [Platform::Android, Platform::Ios] {
            for (index, out) in self
                .rows
                .iter()
                .filter(|r| r.platform == platform && !r.perms.is_empty())
                .enumerate()
            {
                rows.push(Row {
                    platform,
                    index,
                    name: out.name.clone(),
                    description: out.description.clone(),
                    purpose: out.purpose.clone(),
                    permissions: out
                        .perms
                        .iter()
                        .map(|(p, location)| Disclosure {
                            platform,
                            permission: p.canonical.clone(),
                            row: index,
                            row_name: out.name.clone(),
                            location: location.clone(),
                        })
                        .collect(),
                });
            }
        }
        Policy {
            name: self.title(),
            source: Some(self.display.to_owned()),
            file: Some(self.display.to_owned()),
            rows,
        }
    }

    /// The document's title: its `<title>`, its first heading, or its first line of text.
    fn title(&self) -> String {
        let from_title = find_between(self.doc, "<title>", "</title>").map(text::clean);
        let from_heading = self
            .lines
            .iter()
            .find_map(|(_, l)| list::heading_text(l).map(|start| text::clean(&l[start..])));
        let first_line = self
            .lines
            .iter()
            .map(|(_, l)| text::clean(l))
            .find(|l| !l.is_empty());
        [from_title, from_heading, first_line]
            .into_iter()
            .flatten()
            .find(|t| !t.is_empty())
            .map(|t| t.chars().take(120).collect())
            .unwrap_or_else(|| self.display.to_owned())
    }

    /// The text just before a table (its heading, caption or introducing line): up to three
    /// lines with visible text, nearest first, from the 2000 bytes above it and never reaching
    /// into the previous table. HTML tags spanning lines are removed before lines are split.
    fn context(&self, table_start: usize, previous_end: usize) -> Vec<String> {
        let mut from = table_start.saturating_sub(2000).max(previous_end);
        while !self.doc.is_char_boundary(from) {
            from += 1;
        }
        let window = self.doc.get(from..table_start).unwrap_or("");
        // A tag cut by the window's start: drop its tail.
        let window = match (window.find('>'), window.find('<')) {
            (Some(gt), Some(lt)) if gt < lt => &window[gt + 1..],
            (Some(gt), None) => &window[gt + 1..],
            _ => window,
        };
        text::strip_tags(window)
            .lines()
            .rev()
            .map(|l| text::clean(l.trim_start().trim_start_matches('#')))
            .filter(|l| !l.is_empty())
            .take(3)
            .collect()
    }

    fn note(&mut self, at: usize, message: String) {
        self.diagnostics.push(Diagnostic {
            kind: DiagnosticKind::Note,
            location: self.location(at),
            message,
        });
    }

    fn doubt(&mut self, kind: DiagnosticKind, at: usize, message: String) {
        self.diagnostics.push(Diagnostic {
            kind,
            location: self.location(at),
            message,
        });
    }

    /// Where an identifier is written: found in the cell's raw text when it appears there
    /// verbatim (it may not, if an entity or tag splits it), else the cell's start.
    fn token_offset(&self, cell: &Cell, token: &str) -> usize {
        self.doc
            .get(cell.raw.clone())
            .and_then(|raw| raw.find(token))
            .map_or(cell.raw.start + leading_ws(self.doc, &cell.raw), |i| {
                cell.raw.start + i
            })
    }

    fn location(&self, offset: usize) -> Location {
        let (line, column) = self.position(offset);
        Location::at(self.display, line, column)
    }

    /// 1-based line and column (in characters) of a byte offset.
    fn position(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.doc.len());
        let index = self
            .lines
            .partition_point(|&(at, _)| at <= offset)
            .saturating_sub(1);
        let (start, _) = self.lines.get(index).copied().unwrap_or((0, ""));
        let (cached_line, cached_offset, cached_column) = self.last_position.get();
        let (from, base) = if cached_line == index && (start..=offset).contains(&cached_offset) {
            (cached_offset, cached_column)
        } else {
            (start, 1)
        };
        let column = base + self.doc.get(from..offset).map_or(0, |s| s.chars().count());
        self.last_position.set((index, offset, column));
        (to_u32(index + 1), to_u32(column))
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn leading_ws(doc: &str, raw: &Range<usize>) -> usize {
    doc.get(raw.clone())
        .map_or(0, |s| s.len() - s.trim_start().len())
}

fn find_between<'a>(doc: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let lower = doc.get(..doc.len().min(64 * 1024))?.to_ascii_lowercase();
    let start = lower.find(open)? + open.len();
    let end = start + lower[start..].find(close)?;
    doc.get(start..end)
}

/// The header row (the extractor's, or a first row that reads like one) and the data rows.
fn split_header(table: &RawTable) -> (Option<Vec<Cell>>, Vec<&RawRow>) {
    if let Some(header) = &table.header {
        return (Some(header.clone()), table.rows.iter().collect());
    }
    if table.shape == Shape::Html {
        if let Some(first) = table.rows.first() {
            let no_ids = first
                .cells
                .iter()
                .all(|c| resolve::identifiers(&c.text).is_empty());
            let named = first
                .cells
                .iter()
                .filter(|c| role_of(&c.text) != Role::Other)
                .count();
            if no_ids && named >= 2 {
                return (
                    Some(first.cells.clone()),
                    table.rows.iter().skip(1).collect(),
                );
            }
        }
    }
    (None, table.rows.iter().collect())
}

/// The role of each column: from the header's words where there is a header, else by
/// position (name; name and purpose; name, description and purpose).
fn roles(header: Option<&[Cell]>, rows: &[&RawRow]) -> Vec<Role> {
    let width = header
        .map(<[Cell]>::len)
        .into_iter()
        .chain(rows.iter().map(|r| r.cells.len()))
        .max()
        .unwrap_or(0);
    let mut roles: Vec<Role> = match header {
        Some(h) => h.iter().map(|c| role_of(&c.text)).collect(),
        None => Vec::new(),
    };
    roles.resize(width, Role::Other);
    // Only the first column of each role counts; later ones are other information.
    for role in [Role::Name, Role::Description, Role::Purpose, Role::Notes] {
        let mut seen = false;
        for r in roles.iter_mut().filter(|r| **r == role) {
            if seen {
                *r = Role::Other;
            }
            seen = true;
        }
    }
    if !roles.contains(&Role::Name) {
        if let Some(first) = roles.iter_mut().find(|r| **r == Role::Other) {
            *first = Role::Name;
        }
    }
    let other: Vec<usize> = (0..width).filter(|&i| roles[i] == Role::Other).collect();
    let need_purpose = !roles.contains(&Role::Purpose) && !roles.contains(&Role::Notes);
    let need_description = !roles.contains(&Role::Description);
    match (other.as_slice(), need_description, need_purpose) {
        ([d, p, ..], true, true) => {
            roles[*d] = Role::Description;
            roles[*p] = Role::Purpose;
        }
        ([p], _, true) | ([_, p, ..], false, true) => roles[*p] = Role::Purpose,
        ([d, ..], true, false) if header.is_none() => roles[*d] = Role::Description,
        _ => {}
    }
    roles
}

/// What a header cell's words say the column holds. Purpose and description words are checked
/// first: "Permission function description" is a description, not a name.
fn role_of(header: &str) -> Role {
    let h = header.to_lowercase();
    let any = |words: &[&str]| words.iter().any(|w| h.contains(w));
    if any(&[
        "purpose", "scenario", "reason", "目的", "场景", "用途", "原因",
    ]) {
        Role::Purpose
    } else if any(&["description", "function", "功能", "描述", "说明", "作用"]) {
        Role::Description
    } else if any(&[
        "permission",
        "name",
        "key",
        "plist",
        "identifier",
        "权限",
        "名称",
    ]) {
        Role::Name
    } else if any(&["备注", "note", "remark"]) {
        Role::Notes
    } else {
        Role::Other
    }
}

/// Identifier votes per platform: (Android, iOS, HarmonyOS).
fn votes(tokens: &[Vec<Token>]) -> (usize, usize, usize) {
    let mut v = (0, 0, 0);
    for t in tokens.iter().flatten() {
        match t.kind {
            Ident::AndroidFull | Ident::AndroidShort => v.0 += 1,
            Ident::IosKey | Ident::PlistOther => v.1 += 1,
            Ident::Harmony => v.2 += 1,
        }
    }
    v
}

/// The platform a table is about: the identifiers in it when they agree on a majority, else
/// the words of its name column's header and of the text just above it.
fn decide_platform(
    android: usize,
    ios: usize,
    harmony: usize,
    header: &str,
    heading: &[String],
) -> Option<TablePlatform> {
    let max = android.max(ios).max(harmony);
    if max > 0 {
        let leaders = [
            (android, TablePlatform::Android),
            (ios, TablePlatform::Ios),
            (harmony, TablePlatform::Harmony),
        ]
        .into_iter()
        .filter(|&(n, _)| n == max)
        .map(|(_, p)| p)
        .collect::<Vec<_>>();
        if let [one] = leaders.as_slice() {
            return Some(*one);
        }
    }
    platform_named_in(header).or_else(|| heading.iter().find_map(|l| platform_named_in(l)))
}

/// The platform a phrase names, as whole words (`iOS权限`, `IOS operating system`, but not
/// "scenarios").
fn platform_named_in(text: &str) -> Option<TablePlatform> {
    let lower = text.to_lowercase();
    let word = |w: &str| {
        lower.match_indices(w).any(|(i, _)| {
            let before = lower[..i].chars().next_back();
            let after = lower[i + w.len()..].chars().next();
            !before.is_some_and(|c| c.is_ascii_alphabetic())
                && !after.is_some_and(|c| c.is_ascii_alphabetic())
        })
    };
    let mut hits = Vec::new();
    for (words, platform) in [
        (
            &["harmonyos", "harmony", "鸿蒙", "ohos"][..],
            TablePlatform::Harmony,
        ),
        (&["android", "安卓"][..], TablePlatform::Android),
        (&["ios", "iphone", "ipados", "苹果"][..], TablePlatform::Ios),
    ] {
        if words.iter().any(|w| word(w)) {
            hits.push(platform);
        }
    }
    match hits.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// A heading row counts only when its text is identifiers joined by "and", commas and the like.
fn heading_names_permissions(row: &RawRow) -> bool {
    let Some(head) = row.cells.first() else {
        return false;
    };
    let tokens = resolve::identifiers(&head.text);
    if tokens.is_empty() {
        return false;
    }
    let rest = label_without(&head.text, &tokens);
    rest.split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、' | '&' | '/'))
        .filter(|w| !w.is_empty())
        .all(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "and" | "or" | "和" | "与" | "及" | "或"
            )
        })
}

/// The label of a name cell: its text without the identifiers, empty brackets and the
/// punctuation that joined them.
fn label_without(text: &str, tokens: &[Token]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for t in tokens {
        if t.range.start >= last && t.range.end <= text.len() {
            out.push_str(&text[last..t.range.start]);
            out.push(' ');
            last = t.range.end;
        }
    }
    out.push_str(&text[last..]);
    let mut label = text::collapse_whitespace(&out);
    // Each pass removes one level of nested empty brackets; a few levels is all prose has.
    for _ in 0..4 {
        let before = label.len();
        for empty in ["()", "（）", "[]", "【】", "( )", "（ ）"] {
            label = label.replace(empty, "");
        }
        label = text::collapse_whitespace(&label);
        if label.len() == before {
            break;
        }
    }
    label
        .trim_matches(|c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    ':' | '：' | '-' | '–' | '—' | ',' | '，' | '、' | '/' | ';' | '；'
                )
        })
        .to_owned()
}

#[cfg(test)]
mod tests;
