//! A content row being assembled: what started it and the cells, fields and lines that came
//! under it, until the next row starts ([`super::extract_noting`] drives it line by line).

use std::ops::Range;

use super::parse::{ItemShape, ends_a_sentence, platform_only};
use crate::policy::import::find::Role;
use crate::policy::import::text::{self, Cell, RawRow};

/// What starts a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Anchor {
    /// Identifiers (or Xcode display names) on a short line.
    Ids,
    /// A known label alone on its line.
    Label,
    /// `权限名称：…`.
    Field,
}

/// A row being assembled.
#[derive(Debug)]
pub(super) struct Open {
    pub(super) anchor: Anchor,
    pub(super) start: usize,
    pub(super) raw: Range<usize>,
    /// The name cell's text: identifiers and label.
    pub(super) name: String,
    pub(super) has_label: bool,
    pub(super) description: Vec<String>,
    pub(super) purpose: Vec<String>,
    /// Unkeyed lines after the first, in order (cells of a flattened table, paragraphs).
    pub(super) cells: Vec<String>,
    pub(super) lines: usize,
    /// The other items of a listing field (`涉及的权限：网络权限、读取电话状态`): each is a row
    /// of its own, with this row's description and purpose.
    pub(super) also: Vec<String>,
    /// Whether a line after the first joined the name (the identifiers after a label, or the
    /// label after identifiers): a header's second name column (`相关权限`) is that line.
    pub(super) merged: bool,
    /// Whether the row's label came on the line before its identifiers (`获取手机通话记录` /
    /// `READ_PHONE_STATE` / what for): in such a list, the line before the next identifiers
    /// is the next row's label, not the last cell of this one.
    pub(super) label_first: bool,
    /// Whether the row's first line is a numbered item (`三、`, `3.`), not a heading or bullet.
    pub(super) numbered: bool,
    /// How the row's one line is written when it is a whole item (`- 相机权限：拍照`,
    /// `相机权限：拍照`): the next line written alike is the next row.
    pub(super) item: Option<ItemShape>,
    /// In a flattened table, the first line past the row's own cells that reads as a name:
    /// the index it took in `cells`, and the lines of it and every cell after it. Whole groups
    /// of cells from there are the next rows, whose labels the lexicon does not know.
    pub(super) overflow: Option<(usize, Vec<Range<usize>>)>,
    /// The last `key：value` field's role, while its value may go on on the next line (a hard
    /// wrap: it did not end a sentence).
    pub(super) open_field: Option<Role>,
}

/// Groups of a flattened table's cells, one row per `header.len()` of them, each named by its
/// first cell: `None` unless every group's first cell reads as a name.
pub(super) fn groups(
    cells: &[(String, Range<usize>)],
    header: &[Role],
    reads_as_name: impl Fn(&str) -> bool,
) -> Option<Vec<Open>> {
    let n = header.len();
    if n < 2 || cells.is_empty() || cells.len() % n != 0 {
        return None;
    }
    if !cells.chunks(n).all(|group| reads_as_name(&group[0].0)) {
        return None;
    }
    let (texts, lines) = cells.iter().cloned().unzip();
    Some(unknown_groups(texts, lines, header))
}

fn unknown_groups(cells: Vec<String>, lines: Vec<Range<usize>>, header: &[Role]) -> Vec<Open> {
    let n = header.len();
    let mut rows = Vec::with_capacity(cells.len() / n);
    let mut cells = cells.into_iter();
    for raw in lines.into_iter().step_by(n) {
        let name = cells.next().unwrap_or_default();
        let own: Vec<String> = cells.by_ref().take(n - 1).collect();
        rows.push(Open::unknown(raw, name, own, header));
    }
    rows
}

impl Open {
    /// The row of a flattened table whose label the lexicon does not know: `name` on line
    /// `raw`, then the rest of its group of `header` cells.
    pub(super) fn unknown(
        raw: Range<usize>,
        name: String,
        cells: Vec<String>,
        header: &[Role],
    ) -> Self {
        Open {
            anchor: Anchor::Label,
            start: raw.start,
            raw,
            name,
            has_label: true,
            description: Vec::new(),
            purpose: Vec::new(),
            cells,
            lines: header.len() - 1,
            merged: false,
            label_first: false,
            also: Vec::new(),
            numbered: false,
            item: None,
            overflow: None,
            open_field: None,
        }
    }

    /// The row, and one more per other item of a listing field, each with the same cells.
    pub(super) fn finish_into(mut self, header: &[Role], rows: &mut Vec<RawRow>) {
        // `位置` / its two cells / `IDFA(iOS14及以上)` / its two cells / `相机`: the middle
        // group is a row the lexicon has no label for, shown unresolved, not three cells
        // silently added to `位置`. Only whole groups: a count that is no multiple of the
        // header is a wrapped cell, and the lines stay this row's. Several groups only after a
        // label's row, whose cells are surely one per column: after a bare identifier, a label
        // cell may or may not follow, and the groups' first cells may not be names.
        let mut next = Vec::new();
        if let Some((at, lines)) = self.overflow.take() {
            let extra = self.cells.len().saturating_sub(at);
            let groups = extra == header.len()
                || (self.anchor == Anchor::Label && extra > 0 && extra % header.len() == 0);
            if groups && lines.len() == extra {
                let cells = self.cells.split_off(at);
                self.lines = self.lines.saturating_sub(extra);
                next = unknown_groups(cells, lines, header);
            }
        }
        self.finish_own(header, rows);
        for row in next {
            row.finish_own(header, rows);
        }
    }

    pub(super) fn add_field(&mut self, role: Role, value: &str) {
        match role {
            Role::Description => self.description.push(value.to_owned()),
            Role::Purpose => self.purpose.push(value.to_owned()),
            _ => {}
        }
        self.open_field = (!ends_a_sentence(value)).then_some(role);
    }

    /// The next line of a hard-wrapped field value.
    pub(super) fn continue_field(&mut self, role: Role, text: &str) {
        let value = match role {
            Role::Description => self.description.last_mut(),
            Role::Purpose => self.purpose.last_mut(),
            _ => None,
        };
        if let Some(value) = value {
            value.push(' ');
            value.push_str(text);
        }
        self.open_field = (!ends_a_sentence(text)).then_some(role);
    }

    /// How many cells of a flattened table's row are its own: one per column after the name
    /// (and a label cell after a bare identifier).
    pub(super) fn own_cells(&self, header: &[Role]) -> usize {
        let label_cell = usize::from(self.anchor == Anchor::Ids && !self.has_label);
        header.len().saturating_sub(1) + label_cell
    }

    pub(super) fn finish_own(mut self, header: &[Role], rows: &mut Vec<RawRow>) {
        let also = std::mem::take(&mut self.also);
        let row = self.finish(header);
        let siblings: Vec<RawRow> = also
            .into_iter()
            .map(|name| {
                let mut sibling = row.clone();
                if let Some(first) = sibling.cells.first_mut() {
                    first.text = name;
                }
                sibling
            })
            .collect();
        rows.push(row);
        rows.extend(siblings);
    }

    pub(super) fn finish(mut self, header: &[Role]) -> RawRow {
        // One cell more than the header's columns after the name: the first is the name
        // column's label (`INTERNET` / `网络` / function / purpose).
        if self.anchor == Anchor::Ids
            && !self.has_label
            && header.len() >= 2
            && self.cells.len() >= header.len()
            && self.description.is_empty()
            && self.purpose.is_empty()
        {
            let label = self.cells.remove(0);
            self.name.push(' ');
            self.name.push_str(&label);
        }
        let mut description = self.description;
        let mut purpose = self.purpose;
        let mut platforms = Vec::new();
        let mut cells = self.cells.into_iter();
        if description.is_empty() && purpose.is_empty() {
            // Cells of a flattened table: by the header's columns after the name (the name
            // column may have taken a label line already), else description then purpose.
            let name_columns = if self.merged && header.get(1) == Some(&Role::Name) {
                2
            } else {
                1
            };
            let roles: Vec<Role> = header.iter().copied().skip(name_columns).collect();
            let mut rest: Vec<String> = cells.by_ref().collect();
            // A row that ends at its platform cell (`Android/iOS`, the header's last column)
            // with more cells than columns: a cell went on over several lines, the first
            // column's (what the permission is for) as a rule; they are that one cell.
            if roles.last() == Some(&Role::Platform)
                && rest.len() > roles.len()
                && rest.last().is_some_and(|c| platform_only(c))
            {
                let surplus = rest.len() - roles.len();
                let joined = rest.drain(..=surplus).collect::<Vec<_>>().join(" ");
                rest.insert(0, joined);
            }
            if !roles.is_empty() {
                for (i, c) in rest.into_iter().enumerate() {
                    match roles.get(i).copied().unwrap_or(Role::Other) {
                        Role::Description => description.push(c),
                        Role::Purpose | Role::Notes => purpose.push(c),
                        Role::Platform => platforms.push(c),
                        _ => {}
                    }
                }
            } else {
                let mut rest = rest.into_iter();
                description.extend(rest.next());
                purpose.extend(rest.next());
            }
        } else if description.is_empty() {
            description.extend(cells.next());
        }
        let cell = |text: String| Cell {
            text: text::collapse_whitespace(&text),
            raw: self.raw.clone(),
        };
        let mut cells = vec![
            cell(self.name),
            cell(description.join(" ")),
            cell(purpose.join("; ")),
        ];
        // A platform column (`适用系统`: `安卓系统、IOS系统`) is the row's fourth cell, which
        // the table reads as its platform column.
        if !platforms.is_empty() {
            cells.push(cell(platforms.join(" ")));
        }
        RawRow {
            cells,
            start: self.start,
        }
    }
}
