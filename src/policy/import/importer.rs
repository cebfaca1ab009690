//! Runs the steps over one document: gathers candidate tables, judges each, imports its rows,
//! and keeps the diagnostics and figures.

use std::ops::Range;

use super::build::OutRow;
use super::diagnostics::{Diagnostic, DiagnosticKind, ImportStats};
use super::find::{
    self, Role, TablePlatform, decide_platform, heading_names_permissions, roles, split_header,
    votes,
};
use super::resolve::{self, Ident, Side, Token};
use super::text::{self, Cell, RawRow, RawTable, Shape};
use super::{ImportError, Imported, content, hant, prose, ruby, yaml};
use crate::model::{Location, Platform};
use crate::source::lines::LineIndex;

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
    /// The document as written, when `doc` is its traditional-Chinese text folded to simplified.
    original: Option<&'d str>,
    /// Bytes of the file before `doc` (a BOM), so spans are offsets in the file.
    base: usize,
    /// Where readings were taken out of the document (see [`ruby`]): offsets of `doc` are
    /// taken back through them, and `index` is of the document as written.
    readings: Option<ruby::Annotations>,
    /// The one platform the whole document speaks of, if it names only one (`iOS`, `App
    /// Store` and no `Android`): a table that names none is about that one. Worked out when a
    /// table first needs it, since most name their own.
    doc_platform: std::cell::OnceCell<Option<TablePlatform>>,
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
            original: None,
            base: 0,
            readings: None,
            doc_platform: std::cell::OnceCell::new(),
        }
    }

    /// Says that `doc` starts `base` bytes into its file.
    pub(super) fn at_offset(mut self, base: usize) -> Self {
        self.base = base;
        self
    }

    /// Marks `doc` as the fold of `original` (same length, see [`hant`]): what is written out
    /// is restored to the original's characters.
    pub(super) fn written_as(mut self, original: &'d str) -> Self {
        debug_assert_eq!(original.len(), self.doc.len());
        self.original = Some(original);
        self
    }

    /// Marks `doc` as `written` with its readings taken out (see [`ruby`]): locations and
    /// spans are of `written`.
    pub(super) fn with_readings(mut self, written: &'d str, readings: ruby::Annotations) -> Self {
        self.index = LineIndex::new(written.as_bytes());
        self.readings = Some(readings);
        self
    }

    pub(super) fn run(mut self) -> Result<Imported, ImportError> {
        let with_text = self
            .lines
            .iter()
            .filter(|(_, l)| !l.trim().is_empty())
            .count();
        if with_text > super::MAX_DOCUMENT_LINES {
            return Err(ImportError::TooManyLines {
                path: self.display.to_owned(),
                lines: with_text,
            });
        }
        let tables = self.tables()?;
        let mut previous_end = 0;
        // Spans the content reader must not read again: every table, and the lists and
        // headings that were imported.
        let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
        for table in &tables {
            let imported = self.table(table, previous_end)?;
            if imported || matches!(table.shape, Shape::Pipe | Shape::Html) {
                taken.push(table.span.clone());
            }
            // A list that is no permission list (`2. iOS` above a table reads as one) does
            // not hide the heading it is from the table after it.
            if table.shape != Shape::Headings
                && (imported || matches!(table.shape, Shape::Pipe | Shape::Html))
            {
                previous_end = previous_end.max(table.span.end);
            }
        }
        let lines = if content::looks_like_html_page(self.doc) {
            content::html_lines(self.doc)
        } else {
            content::text_lines(&self.lines)
        };
        // Both lists are in document order, so one merge-like walk keeps this linear.
        let mut t = 0;
        let free: Vec<content::Line> = lines
            .into_iter()
            .filter(|l| {
                while taken.get(t).is_some_and(|s| s.end <= l.raw.start) {
                    t += 1;
                }
                !taken[t..]
                    .iter()
                    .take_while(|s| s.start < l.raw.end)
                    .any(|s| s.start < l.raw.end && l.raw.start < s.end)
            })
            .collect();
        let mut unused = Vec::new();
        let found = content::extract_noting(&free, &mut unused);
        let content_rows: usize = found.iter().map(|t| t.rows.len()).sum();
        self.refuse_past_row_limit(content_rows)?;
        for (at, named) in unused {
            self.note(
                at,
                format!("\"{named}\" is named in a line that says it is not used; left out"),
            );
        }
        let mut previous_end = 0;
        for table in &found {
            self.table(table, previous_end)?;
            previous_end = table.span.end;
        }
        let free_lines = if found.is_empty() {
            free
        } else {
            outside(free, found.iter().map(|t| t.span.clone()))
        };
        if self.stats.tables > 0 {
            self.named_in_sentences(&free_lines)?;
        }
        if self.stats.tables == 0 {
            // Nothing shaped like a list of permissions: what the sentences name is all the
            // document discloses.
            let prose = prose::extract(self.doc, &free_lines);
            for (at, label) in &prose.negated {
                self.note(
                    *at,
                    format!(
                        "\"{label}\" is named in a sentence that says it is not requested; left out"
                    ),
                );
            }
            if let Some(table) = &prose.table {
                self.note(
                    table.span.start,
                    "no table, list or permission lines were found, so the permissions are read \
                     from the sentences that name them: review each one"
                        .to_owned(),
                );
                let (rows, said) = (self.rows.len(), self.diagnostics.len());
                self.table(table, 0)?;
                if self.rows.len() == rows {
                    // Sentences that name only what is left out (another platform's permission,
                    // a negated one) disclose nothing: an empty policy would read as a document
                    // that was understood. What they named is said in the error instead.
                    self.stats.tables = 0;
                    let notes = self.diagnostics.drain(said..);
                    let seen: Vec<String> = notes
                        .filter(|d| d.message.ends_with("left out"))
                        .map(|d| match d.location.line {
                            Some(line) => format!("{} (line {line})", d.message),
                            None => d.message,
                        })
                        .collect();
                    self.skipped.extend(seen);
                }
            }
        }
        if self.stats.tables == 0 {
            let mut detail = String::new();
            if !self.skipped.is_empty() {
                detail = format!("; seen instead: {}", self.skipped.join("; "));
            }
            if let Some(original) = self.original {
                detail = hant::Restorer::new(original, self.doc).restore(&detail, 0..0);
            }
            // What was seen is counts, lines and the tool's own example: nothing of the
            // document to restore (restoring would turn the example's characters traditional).
            detail.push_str(&self.sightings(&free_lines));
            return Err(ImportError::NoTable {
                path: self.display.to_owned(),
                detail,
            });
        }
        // Shapes are judged one after another; the policy lists rows in document order.
        self.rows.sort_by_key(|r| r.line);
        self.drop_bare_repeats();
        self.diagnostics.sort_by(|a, b| {
            (a.location.line, a.location.column).cmp(&(b.location.line, b.location.column))
        });
        let restorer = self.original.map(|o| hant::Restorer::new(o, self.doc));
        if let Some(restorer) = &restorer {
            self.restore_written(restorer);
        }
        let mut policy = self.policy();
        if let Some(restorer) = &restorer {
            // The title is found in the first 64 KiB (`<title>`, a heading, the first line).
            policy.name = restorer.restore(&policy.name, 0..64 * 1024);
        }
        let yaml = yaml::render(&policy.name, self.display, &self.rows);
        Ok(Imported {
            policy,
            yaml,
            diagnostics: self.diagnostics,
            stats: self.stats,
        })
    }

    /// A document with tables may still name a permission by its identifier in a sentence
    /// outside them (`此外，邀请好友时我们会申请 READ_CONTACTS 权限`): that is a disclosure too,
    /// read as one (to review) unless the sentence negates it or a row already names it.
    /// Labels in such sentences are not read: beside tables, a sentence's words are commentary
    /// far more often than a disclosure, and only an identifier says which permission.
    fn named_in_sentences(&mut self, lines: &[content::Line]) -> Result<(), ImportError> {
        let prose = prose::extract(self.doc, lines);
        let bare_ids = |label: &str| {
            let tokens = resolve::identifiers(label);
            (!tokens.is_empty() && find::label_without(label, &tokens).is_empty()).then_some(tokens)
        };
        for (at, label) in &prose.negated {
            if bare_ids(label).is_some() {
                self.note(
                    *at,
                    format!(
                        "\"{label}\" is named in a sentence that says it is not requested; left out"
                    ),
                );
            }
        }
        let named = |rows: &[OutRow]| -> std::collections::HashSet<String> {
            rows.iter()
                .flat_map(|r| r.perms.iter())
                .map(|(p, _)| crate::catalog::short_name(&p.canonical).to_owned())
                .collect()
        };
        if let Some(mut table) = prose.table {
            let before = named(&self.rows);
            table.rows.retain(|row| {
                row.cells
                    .first()
                    .and_then(|c| bare_ids(&c.text))
                    .is_some_and(|tokens| {
                        tokens
                            .iter()
                            .any(|t| !before.contains(crate::catalog::short_name(&t.text)))
                    })
            });
            if let (Some(first), Some(last)) = (table.rows.first(), table.rows.last()) {
                table.span = first.start..last.cells.last().map_or(last.start, |c| c.raw.end);
                self.note(
                    table.span.start,
                    "a permission named by its identifier in a sentence outside the tables and \
                     lists is read as disclosed: review it"
                        .to_owned(),
                );
                self.table(&table, 0)?;
            }
        }
        // Any other identifier outside the rows is shown, so that what was not read is seen:
        // a sentence that names a permission without saying it is requested (`通讯录
        // (READ_CONTACTS) 用于邀请好友`) may still be a disclosure the author meant.
        let imported = named(&self.rows);
        let negated: std::collections::HashSet<String> = prose
            .negated
            .iter()
            .flat_map(|(_, l)| resolve::identifiers(l))
            .map(|t| crate::catalog::short_name(&t.text).to_owned())
            .collect();
        let mut shown = std::collections::HashSet::new();
        for line in lines {
            let exact = self.doc.get(line.raw.clone()) == Some(line.text.as_str());
            for token in resolve::identifiers(&line.text) {
                let permission = match token.kind {
                    Ident::AndroidFull => token.text.starts_with("android.permission."),
                    Ident::AndroidShort => resolve::known_short(&token.text),
                    Ident::IosKey => true,
                    _ => false,
                };
                let short = crate::catalog::short_name(&token.text);
                if !permission
                    || imported.contains(short)
                    || negated.contains(short)
                    || !shown.insert(short.to_owned())
                {
                    continue;
                }
                if shown.len() > MAX_UNREAD_NOTES {
                    continue;
                }
                let at = if exact {
                    line.raw.start + token.range.start
                } else {
                    line.raw.start
                };
                self.note(
                    at,
                    format!(
                        "`{}` is named outside the tables and lists, but not as a permission \
                         the app requests; not read as disclosed (if it is requested, list it \
                         with the others)",
                        token.text
                    ),
                );
            }
        }
        if let Some(more) = shown.len().checked_sub(MAX_UNREAD_NOTES).filter(|&n| n > 0) {
            // What is not listed is still counted: the document names more than it disclosed.
            let at = lines.last().map_or(0, |l| l.raw.start);
            self.note(
                at,
                format!(
                    "and {more} more permission identifier(s) named outside the tables and \
                     lists, not read as disclosed"
                ),
            );
        }
        Ok(())
    }

    fn doc_platform(&self) -> Option<TablePlatform> {
        *self
            .doc_platform
            .get_or_init(|| find::only_platform_named(self.doc))
    }

    /// Exit 2 once a document holds more rows than a privacy policy can (`MAX_CONTENT_ROWS`),
    /// counting `more` still to read: resolving each would cost time and memory for nothing.
    fn refuse_past_row_limit(&self, more: usize) -> Result<(), ImportError> {
        let rows = self.stats.rows + more;
        if rows <= super::MAX_CONTENT_ROWS {
            return Ok(());
        }
        Err(ImportError::Malformed {
            location: Location::file(self.display),
            message: format!(
                "more than {} rows of permissions (at least {rows}); a privacy policy has a few \
                 hundred at most, so this is not one",
                super::MAX_CONTENT_ROWS
            ),
        })
    }

    /// Judges one table and imports its rows if it is about Android or iOS permissions; returns
    /// whether it did.
    fn table(&mut self, table: &RawTable, previous_end: usize) -> Result<bool, ImportError> {
        self.refuse_past_row_limit(table.rows.len())?;
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
        let (android, ios, harmony) = votes(&self.row_tokens(&rows, &roles, name_col));
        let header_says_permission = header.as_ref().is_some_and(|h| {
            h.iter().any(|c| {
                let t = c.text.to_lowercase();
                t.contains("permission") || t.contains("权限") || t.contains("plist")
            })
        });
        let start = self.position(table.span.start);
        let is_permission_table = android + ios + harmony > 0
            || matches!(table.shape, Shape::Content | Shape::Prose)
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
            return Ok(false);
        }
        let mut heading = self.context(table.span.start, previous_end);
        if let Some(intro) = &table.intro {
            heading.insert(0, intro.clone());
        }
        let header_text = header
            .as_ref()
            .and_then(|h| h.get(name_col))
            .map(|c| c.text.clone())
            .unwrap_or_default();
        // Where a row may name its platforms: a platform column (`适用平台`), or a content
        // row's fourth cell, which its header's platform column became.
        let platform_col = roles
            .iter()
            .position(|&r| r == Role::Platform)
            .or((table.shape == Shape::Content).then_some(content::PLATFORM_CELL));
        let decided = decide_platform(android, ios, harmony, &header_text, &heading);
        // Rows that name their own platform (`iOS:`, `(IOS)`, a platform cell) go there
        // whatever the table's. When the table itself names none, such tags mark the rows
        // that are one platform's only: the others are the app's on both.
        let mut untagged_on_both = false;
        let platform = match decided.or_else(|| self.doc_platform()) {
            Some(p) if decided.is_none() => {
                let name = if p == TablePlatform::Ios {
                    "iOS"
                } else {
                    "Android"
                };
                self.note(
                    table.span.start,
                    format!(
                        "the {} names no platform itself; the document speaks of {name} only, \
                         so it is read as {name}",
                        table.shape.describe(),
                    ),
                );
                p
            }
            Some(p) => p,
            None => {
                let names_its_own = |r: &&RawRow| {
                    row_prefix_platform(r, name_col).is_some()
                        || platform_col
                            .and_then(|c| r.cells.get(c))
                            .is_some_and(|c| !platforms_in(&c.text).is_empty())
                };
                let tagged = rows.iter().filter(|r| names_its_own(r)).count();
                untagged_on_both = tagged > 0;
                let what = if tagged == rows.len() {
                    "each row names its own"
                } else if tagged > 0 {
                    "some rows name theirs, so the rows that name none are read as both \
                     Android's and iOS's"
                } else {
                    "read as Android"
                };
                self.note(
                    table.span.start,
                    format!(
                        "the {} names no platform (no identifiers, nothing in its heading or \
                         columns); {what}",
                        table.shape.describe()
                    ),
                );
                TablePlatform::Android
            }
        };
        let (platform, side) = match platform {
            TablePlatform::Android => (Platform::Android, Side::Android),
            TablePlatform::Ios => (Platform::Ios, Side::Ios),
            TablePlatform::Macos => (Platform::Macos, Side::Ios),
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
                return Ok(false);
            }
        };
        let rows: Vec<&RawRow> = match &header {
            Some(header) => self.drop_wide_rows(table, header.len(), rows),
            None => rows,
        };
        let tokens = self.row_tokens(&rows, &roles, name_col);
        self.stats.tables += 1;
        let mut first = true;
        for (row, tokens) in rows.iter().zip(tokens) {
            // A platform cell (`iOS/Android`) sends the row to each platform it names; a row
            // prefix or tag (`iOS:`, `安卓：`, `(IOS)`) to the one it names.
            let named = platform_col
                .and_then(|c| row.cells.get(c))
                .map(|c| platforms_in(&c.text))
                .filter(|p| !p.is_empty())
                .or_else(|| row_prefix_platform(row, name_col).map(|p| vec![p]))
                .unwrap_or_else(|| match untagged_on_both {
                    true => vec![
                        (Platform::Android, Side::Android),
                        (Platform::Ios, Side::Ios),
                    ],
                    false => vec![(platform, side)],
                });
            for (platform, side) in named {
                let heading = first.then(|| match (table.shape, heading.first()) {
                    (Shape::Headings | Shape::Prose, _) | (_, None) => {
                        format!("{} from line {}", table.shape.describe(), start.0)
                    }
                    (_, Some(nearest)) => nearest.clone(),
                });
                if self.row(
                    table.shape,
                    row,
                    tokens.clone(),
                    &roles,
                    name_col,
                    platform,
                    side,
                    heading,
                ) {
                    first = false;
                }
            }
        }
        Ok(true)
    }

    /// The identifiers of each row: its name cell's, and those of any other cell that holds
    /// nothing but identifiers (an identifier column of its own, `权限名称 | 相关权限`).
    fn row_tokens(&self, rows: &[&RawRow], roles: &[Role], name_col: usize) -> Vec<Vec<Token>> {
        rows.iter()
            .map(|r| {
                let mut tokens = r
                    .cells
                    .get(name_col)
                    .map_or_else(Vec::new, |c| resolve::identifiers(&c.text));
                if tokens.is_empty() {
                    for (i, c) in r.cells.iter().enumerate() {
                        let role = roles.get(i).copied().unwrap_or(Role::Other);
                        if i == name_col || matches!(role, Role::Description | Role::Purpose) {
                            continue;
                        }
                        let found = resolve::identifiers(&c.text);
                        if !found.is_empty() && find::label_without(&c.text, &found).is_empty() {
                            // Offsets are kept relative to the name cell's text: append.
                            tokens.extend(found.into_iter().map(|mut t| {
                                t.range = usize::MAX..usize::MAX;
                                t
                            }));
                        }
                    }
                }
                tokens
            })
            .collect()
    }

    /// A pipe or HTML row with more non-empty cells than the header has columns cannot be
    /// split into label, description and purpose without guessing: it is left out with a
    /// doubt at its line, and the rest of the table is read.
    fn drop_wide_rows<'t>(
        &mut self,
        table: &RawTable,
        columns: usize,
        rows: Vec<&'t RawRow>,
    ) -> Vec<&'t RawRow> {
        if !matches!(table.shape, Shape::Pipe | Shape::Html) {
            return rows;
        }
        let mut kept = Vec::with_capacity(rows.len());
        for row in rows {
            let extra = row.cells.iter().skip(columns).any(|c| !c.text.is_empty());
            if extra {
                self.stats.rows += 1;
                self.stats.unresolved_rows += 1;
                self.doubt(
                    DiagnosticKind::Unresolved,
                    row.start,
                    format!(
                        "malformed row: it has {} cells but the header has {columns} columns, so \
                         its label, description and purpose cannot be told apart; a cell may \
                         contain an unescaped `|` (write it as `\\|`)",
                        row.cells.len()
                    ),
                );
                continue;
            }
            kept.push(row);
        }
        kept
    }

    /// What the text holds though no row was formed, and why: names only in sentences, labels
    /// with no line about permissions near them.
    fn sightings(&self, lines: &[content::Line]) -> String {
        let seen = content::sightings(lines);
        let at = |offsets: &[usize], total: usize| {
            let lines: Vec<String> = offsets
                .iter()
                .map(|&o| self.position(o).0.to_string())
                .collect();
            let more = if total > offsets.len() { ", …" } else { "" };
            format!("line {}{more}", lines.join(", "))
        };
        match (seen.names, seen.labels) {
            (0, 0) => "; no Android permission name or Info.plist key appears in the text, no \
                       line is a permission label on its own, and no sentence names one before \
                       `权限` or \"permission\" (`我们会申请您的相机权限`)"
                .to_owned(),
            (names, labels) => {
                let mut parts = Vec::new();
                if names > 0 {
                    parts.push(format!(
                        "{names} permission name(s) or key(s) ({}), each inside a sentence, \
                         not as a row's name;",
                        at(&seen.name_at, seen.name_lines)
                    ));
                }
                if labels > 0 {
                    parts.push(format!(
                        "{labels} permission label(s) ({}), with no line about permissions \
                         (`权限`, `permission`) near them",
                        at(&seen.label_at, labels)
                    ));
                }
                format!(
                    "; the text holds {}, so no row was formed: write them as a table, a list \
                     or `权限名称：…` lines",
                    parts.join(" and ")
                )
            }
        }
    }

    /// Rows that are nothing but identifiers (no name, description or purpose: a manifest
    /// excerpt quoted in a code block) whose every permission another row of the platform
    /// discloses with its text: the other row says it all, and a second row would be a
    /// duplicate disclosure. Each is left out with a note.
    fn drop_bare_repeats(&mut self) {
        let bare = |r: &OutRow| {
            r.name.is_none()
                && r.description.is_none()
                && r.purpose.is_none()
                && r.doubts.is_empty()
        };
        let described: std::collections::HashSet<(Platform, &str)> = self
            .rows
            .iter()
            .filter(|r| !bare(r))
            .flat_map(|r| {
                r.perms
                    .iter()
                    .map(|(p, _)| (r.platform, p.canonical.as_str()))
            })
            .collect();
        let repeats: Vec<bool> = self
            .rows
            .iter()
            .map(|r| {
                bare(r)
                    && !r.perms.is_empty()
                    && r.perms
                        .iter()
                        .all(|(p, _)| described.contains(&(r.platform, p.canonical.as_str())))
            })
            .collect();
        let mut dropped = Vec::new();
        let mut heading = None;
        let mut keep = repeats.iter().map(|r| !r);
        self.rows.retain_mut(|r| {
            let kept = keep.next().unwrap_or(true);
            if kept {
                // A dropped first row's table heading moves to the row after it.
                if r.table_heading.is_none() {
                    r.table_heading = heading.take();
                }
                heading = None;
            } else {
                heading = heading.take().or(r.table_heading.take());
                dropped.push((r.line, r.perms.len()));
            }
            kept
        });
        for (line, perms) in dropped {
            self.stats.rows = self.stats.rows.saturating_sub(1);
            self.stats.resolved_ids = self.stats.resolved_ids.saturating_sub(perms);
            let at = self
                .lines
                .get((line as usize).saturating_sub(1))
                .map_or(0, |(at, _)| *at);
            self.note(
                at,
                "a row of identifiers only, each disclosed by a row with its purpose too; left \
                 out"
                .to_owned(),
            );
        }
    }

    /// Every text taken from a folded document back in the document's characters: each row's
    /// texts looked up from a little before its line to the next row's line, each diagnostic
    /// around its line.
    fn restore_written(&mut self, restorer: &hant::Restorer<'_>) {
        const BEFORE: usize = 4 * 1024;
        const AFTER: usize = 16 * 1024;
        let len = self.doc.len();
        let line_start = |lines: &[(usize, &str)], line: u32| {
            lines
                .get((line as usize).saturating_sub(1))
                .map_or(len, |(at, _)| *at)
        };
        let starts: Vec<usize> = self
            .rows
            .iter()
            .map(|r| line_start(&self.lines, r.line))
            .collect();
        // Rows are in line order: the next row's line, found from the end in one pass.
        let mut nexts = vec![len; starts.len()];
        for i in (0..starts.len().saturating_sub(1)).rev() {
            nexts[i] = if starts[i + 1] > starts[i] {
                starts[i + 1]
            } else {
                nexts[i + 1]
            };
        }
        for (i, row) in self.rows.iter_mut().enumerate() {
            let (start, next) = (starts[i], nexts[i]);
            let line_end = line_start(&self.lines, row.line.saturating_add(1));
            let near = start.saturating_sub(BEFORE)..next.max(line_end).min(start + AFTER);
            let fix = |text: &mut String| *text = restorer.restore(text, near.clone());
            [
                &mut row.name,
                &mut row.description,
                &mut row.purpose,
                &mut row.by_label,
                &mut row.table_heading,
            ]
            .into_iter()
            .flatten()
            .for_each(fix);
            row.doubts.iter_mut().for_each(fix);
            row.perms.iter_mut().for_each(|(p, _)| fix(&mut p.written));
        }
        for d in &mut self.diagnostics {
            let start = line_start(&self.lines, d.location.line.unwrap_or(1));
            d.message = restorer.restore(&d.message, start.saturating_sub(BEFORE)..start + AFTER);
        }
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

    /// The location of `written` at `offset`, with its span when the document has exactly those
    /// bytes there (an identifier as written; not a label rebuilt from marked-up text).
    pub(super) fn located(&self, offset: usize, written: &str) -> Location {
        self.located_in(offset, offset, written)
    }

    /// [`Self::located`] at `offset`, with the span of `written` where [`Self::token_offset`]
    /// finds it in `cell` (`显示系统窗口` after the `- ` of its list item).
    pub(super) fn located_label(&self, cell: &Cell, offset: usize, written: &str) -> Location {
        self.located_in(offset, self.token_offset(cell, written), written)
    }

    fn located_in(&self, offset: usize, at: usize, written: &str) -> Location {
        let end = at.saturating_add(written.len());
        let span = (self.doc.get(at..end) == Some(written))
            .then(|| {
                let (at, end) = match &self.readings {
                    Some(readings) => (readings.start(at), readings.end(end)),
                    None => (at, end),
                };
                crate::model::Span::new(at + self.base, end + self.base)
            })
            .flatten();
        self.location(offset).with_span(span)
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub(super) fn position(&self, offset: usize) -> (u32, u32) {
        match &self.readings {
            Some(readings) => self.index.position(readings.start(offset)),
            None => self.index.position(offset),
        }
    }
}

/// The platforms a platform cell names (`iOS/Android`, `安卓`, `全平台`).
fn platforms_in(text: &str) -> Vec<(Platform, Side)> {
    let (macos, lower) = find::without_macos(text);
    let mut out = Vec::new();
    if lower.contains("android") || lower.contains("安卓") || lower.contains("全平台") {
        out.push((Platform::Android, Side::Android));
    }
    if lower.contains("ios") || lower.contains("苹果") || lower.contains("全平台") {
        out.push((Platform::Ios, Side::Ios));
    }
    if macos {
        out.push((Platform::Macos, Side::Ios));
    }
    out
}

/// The platform a row's name cell starts with (`iOS:`, `安卓：`, `Android -`).
fn row_prefix_platform(row: &RawRow, name_col: usize) -> Option<(Platform, Side)> {
    let text = &row.cells.get(name_col)?.text;
    // Or tagged after the label: `使用相册权限(IOS)`.
    match resolve::without_platform_tag(text).1 {
        Some(true) => return Some((Platform::Ios, Side::Ios)),
        Some(false) => return Some((Platform::Android, Side::Android)),
        None => {}
    }
    let cut = text.find([':', '：'])?;
    let head = text[..cut]
        .trim()
        .trim_end_matches("端")
        .trim_end_matches("系统");
    match find::platform_named_in(head)? {
        TablePlatform::Android if head.chars().count() <= 10 => {
            Some((Platform::Android, Side::Android))
        }
        TablePlatform::Ios if head.chars().count() <= 10 => Some((Platform::Ios, Side::Ios)),
        TablePlatform::Macos if head.chars().count() <= 10 => Some((Platform::Macos, Side::Ios)),
        _ => None,
    }
}

pub(super) fn leading_ws(doc: &str, raw: &Range<usize>) -> usize {
    doc.get(raw.clone())
        .map_or(0, |s| s.len() - s.trim_start().len())
}

/// Most identifiers outside the rows shown with a note: a few say what was not read; a page
/// of them would bury the rest.
const MAX_UNREAD_NOTES: usize = 16;

/// The lines of `lines` outside every span of `spans` (both in document order).
fn outside(
    lines: Vec<content::Line>,
    spans: impl Iterator<Item = std::ops::Range<usize>>,
) -> Vec<content::Line> {
    let mut spans = spans.peekable();
    lines
        .into_iter()
        .filter(|l| {
            while spans.peek().is_some_and(|s| s.end <= l.raw.start) {
                spans.next();
            }
            !spans
                .peek()
                .is_some_and(|s| s.start < l.raw.end && l.raw.start < s.end)
        })
        .collect()
}
