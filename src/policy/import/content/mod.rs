//! Finding disclosures by content: whatever the layout, the lines that name permissions
//! (identifiers, Xcode display names, labels the lexicon or the catalog knows, `权限名称：…`)
//! start rows, and the lines after them (cells of a table flattened one per line, `key：value`
//! lines, indented bullets, paragraphs) give the row its description and purpose.
//!
//! This is what a table becomes when a browser or a PDF flattens it, and what the regulator's
//! three columns look like when written as paragraphs. Lines that name a platform
//! (`安卓操作系统应用权限列表`, `二、 Android 系统权限调用`) split the rows into one table per
//! section, so the parent module can judge each section's platform.
//!
//! Every pass is linear in the document: each line is looked at a bounded number of times, and
//! every lookup is bounded by a constant (label length, key length, cells per row).
//!
//! The rooms: [`lines`] turns the document into lines, [`parse`] takes one line apart and says
//! what its words are, [`row`] holds the row being assembled, this file decides line by line
//! where rows start and what joins them, and [`sightings`] says what a document that formed no
//! row still held.

use std::ops::Range;

use super::find::{self, Role, TablePlatform};
use super::resolve;
use super::text::{RawRow, RawTable, Shape, is_han};

mod lines;
mod parse;
mod row;
mod sightings;

pub(crate) use lines::{Line, collapsed_items, html_lines, looks_like_html_page, text_lines};
use parse::{
    MAX_SPACED_CELLS, Marker, bullet_of, describes_grant, glued_seam, is_page_marker, item_shape,
    known_label, label_text, label_then_text, leading_ids_end, listed_labels, mentions_permissions,
    name_line, numbered_item, ordinal, parse, platform_only, says_unused, short, spaced_header,
    spaced_name, spaced_row_at, split_name, strip_marker, unfinished, version_qualified,
};
use row::{Anchor, Open};
pub(crate) use sightings::sightings;

/// Lines after a row's first that may still be its cells, description or purpose.
const MAX_ROW_LINES: usize = 12;
/// Longest line looked at for names and fields; longer lines are prose.
const MAX_LINE_BYTES: usize = 8 * 1024;
/// How many lines after a line about permissions (or a row) a label alone may start a row.
const MAX_CUE_DISTANCE: usize = 40;
/// Longest sentence (in characters) after a short name that gives the row its identifiers
/// (`Location: we use it to … (ACCESS_FINE_LOCATION).`).
const MAX_NAMED_SENTENCE: usize = 400;
/// Where a content row keeps its platform cell, when its header had a platform column.
pub(crate) const PLATFORM_CELL: usize = 3;

/// [`extract_noting`], the lines that say "not used" dropped.
#[cfg(test)]
pub(crate) fn extract(lines: &[Line]) -> Vec<RawTable> {
    extract_noting(lines, &mut Vec::new())
}

/// The rows the content of `lines` discloses, one table per platform section; and into
/// `unused` each line that names a permission only to say it is not used (`Contacts: not
/// used.`): its document offset and what it names.
pub(crate) fn extract_noting(lines: &[Line], unused: &mut Vec<(usize, String)>) -> Vec<RawTable> {
    let lines = &*lines::join_wrapped_labels(lines);
    let mut tables: Vec<RawTable> = Vec::new();
    let mut rows: Vec<RawRow> = Vec::new();
    let mut intro: Option<String> = None;
    let mut header: Vec<Role> = Vec::new();
    let mut header_run: Vec<Role> = Vec::new();
    let mut open: Option<Open> = None;
    // A flattened table's cells between its header and its first row the lexicon knows:
    // whole groups of them are rows with unknown labels (`Network access` / its cells, before
    // `Contacts`). `None` once any line breaks the grid.
    let mut leading: Option<Vec<(String, Range<usize>)>> = None;
    // Where the current header's first line, and the header being read, start.
    let mut header_from: Option<usize> = None;
    let mut header_run_from = 0;
    let mut span: Option<Range<usize>> = None;
    let flush = |rows: &mut Vec<RawRow>,
                 span: &mut Option<Range<usize>>,
                 intro: &Option<String>,
                 tables: &mut Vec<RawTable>| {
        if let Some(span) = span.take() {
            if !rows.is_empty() {
                tables.push(RawTable {
                    shape: Shape::Content,
                    span,
                    header: None,
                    rows: std::mem::take(rows),
                    intro: intro.clone(),
                });
            }
        }
        rows.clear();
    };
    // The last line that spoke of permissions, or started a row: a label on its own starts a
    // row only near one, so a glossary (`WIFI: a wireless network…`) is not a disclosure.
    let mut cue: Option<usize> = None;
    // Whether the line before was a `key：value` field whose value may go on (no full stop),
    // and if so whether it stopped inside an English sentence (a letter or comma last).
    let mut unfinished_field: Option<bool> = None;
    // Whether the last row was a line of cells glued together (`CameraAdditional function…`).
    let mut glued_run = false;
    // The number of the open row's item (`10.`) while no other numbered line has come under
    // it: the line numbered next, written the same way (`11.`), is the list's next item.
    let mut row_ordinal: Option<(u32, String)> = None;
    // How many lines the last finished row had after its first, and how many rows in a row
    // had that many: rows alike (`查看网络连接` / what it allows, `发送短信` / what it allows)
    // say where the next row starts, even under a label the lexicon does not know.
    let mut streak: Option<(usize, usize)> = None;
    // Whether the line before was a flattened table's platform cell, its header's last column
    // (`Android/iOS`): the row ended there, so this line is the next row's name.
    let mut platform_ended = false;
    // A header whose column names are joined by spaces (`设备权限 对应业务功能 调用权限的目的
    // 是否询问`), as a page's table copied without tabs gives it: its rows are lines whose
    // first words are the name, and a line of one word under a row is a cell that went on.
    let mut spaced: Option<Vec<Role>> = None;
    // A flattened table's sequence-number column (`序号` / `1 |` / `麦克风权限 |` / …): the last
    // number, and whether the line before was the next one, so this line is a row's name cell
    // even when the lexicon does not know it.
    let mut sequence: Option<u32> = None;
    let mut after_number = false;
    // A label whose own description (the next line) speaks of permissions is a row too: the
    // first row of a list copied from a page, with no heading above it, has no cue before it.
    let speaks: Vec<bool> = lines
        .iter()
        .map(|l| {
            l.text.len() <= MAX_LINE_BYTES
                && (mentions_permissions(&l.text) || describes_grant(&l.text))
        })
        .collect();
    for (index, line) in lines.iter().enumerate() {
        // Past the most rows a policy can hold, reading on is wasted: the importer refuses
        // the document anyway (see `MAX_CONTENT_ROWS`).
        if index % 1024 == 0
            && rows.len() + tables.iter().map(|t| t.rows.len()).sum::<usize>()
                > super::MAX_CONTENT_ROWS
        {
            break;
        }
        if open.is_none() {
            streak = None;
        }
        let row_ended = std::mem::take(&mut platform_ended);
        let ord = ordinal(&line.text);
        // A numbered item is near a cue that its own item or the next says (`1.查找设备上的帐号`
        // / its description / `2.发送短信` / `此权限可能会导致意外收费`): a list copied from a
        // page starts with its first item, with no heading above it.
        let near_cue = cue.is_some_and(|c| index - c <= MAX_CUE_DISTANCE)
            || speaks.get(index + 1).copied().unwrap_or(false)
            || first_of_alike(lines, index)
            || (ord.is_some() && speaks.iter().skip(index + 1).take(4).any(|&s| s));
        if speaks[index] {
            cue = Some(index);
        }
        let in_order = open.is_some()
            && matches!((&ord, &row_ordinal), (Some((n, mark)), Some((m, row_mark)))
                if *n == m + 1 && mark == row_mark);
        if ord.is_some() {
            // Kept only if this line starts the next row: a numbered line under a row is a
            // sub-list, whose numbers say nothing of the list's next item.
            row_ordinal = None;
        }
        if line.text.len() > MAX_LINE_BYTES {
            // Prose (or a page on one line): never a name, at most a row's description.
            if let Some(o) = open.as_mut().filter(|o| o.lines < MAX_ROW_LINES) {
                o.lines += 1;
                let mut end = MAX_LINE_BYTES;
                while !line.text.is_char_boundary(end) {
                    end -= 1;
                }
                o.cells.push(line.text[..end].to_owned());
            }
            continue;
        }
        if group_heading(lines, index) {
            // `- YOUR LOCATION` over `APPROXIMATE LOCATION (NETWORK-BASED)` / `Allows the app
            // to …`: a store's permission group, whose items follow; neither a cell of the row
            // above nor a row of its own.
            if let Some(o) = open.take() {
                o.finish_into(&header, &mut rows);
            }
            continue;
        }
        if is_page_marker(&line.text) {
            // `第 12 页 共 14 页`, `Page 3 of 10`: a PDF's page footer between a row's cells.
            continue;
        }
        let parsed = parse(&line.text);
        let body = parsed.body.trim();
        if let Some(roles) = (parsed.marker == Marker::Plain && parsed.fields.is_empty())
            .then(|| spaced_header(body))
            .flatten()
        {
            if let Some(o) = open.take() {
                o.finish_into(&header, &mut rows);
            }
            leading_rows(&mut leading, &header, header_from, &mut rows, &mut span);
            header.clear();
            header_from = Some(line.raw.start);
            spaced = Some(roles);
            continue;
        }
        // A run of column names is the header of a flattened table.
        let column = (parsed.fields.is_empty() && body.chars().count() <= 16)
            .then(|| find::column_name_role(body))
            .flatten()
            .or_else(|| {
                // Inside a header, a column whose words say what it holds though it is no
                // stock name (`对应业务功能与调用权限目的`); never a label or an identifier. A
                // header may start so too (`Permission type`) when the next line is a column.
                // Never a numbered heading or one that names a platform (`1、iOS系统权限调用
                // 说明`): that starts a section, whatever its words.
                let word_column = |text: &str| {
                    let (marker, body) = strip_marker(text);
                    let body = body.trim();
                    // Nor a bullet, nor `name：text` (`- 相机权限：拍照`): an item, not a column.
                    let item = bullet_of(text).is_some()
                        || body.trim_end_matches([':', '：']).contains([':', '：']);
                    // Nor a sentence (`本清单说明本应用使用的系统权限。`): a column is named.
                    (body.chars().count() <= 40
                        && !body.ends_with(['。', '.', '！', '!'])
                        && !numbered_item(text)
                        && !item
                        && (marker == Marker::Plain || !text.trim_start().starts_with('#'))
                        && find::platform_named_in(body).is_none()
                        && resolve::identifiers(body).is_empty()
                        && !known_label(label_text(body)))
                    .then(|| find::role_of(body))
                    .filter(|r| *r != Role::Other)
                };
                if !parsed.fields.is_empty() {
                    return None;
                }
                let inside = !header_run.is_empty() && open.is_none() || header_run.len() >= 2;
                if inside {
                    return word_column(&line.text);
                }
                // Not a numbered item, nor a line whose next line is `key：value` (`2. 读取SD卡
                // 中的内容权限` / `权限功能说明: …`): that is a row and its fields.
                let starts = open.is_none()
                    && word_column(&line.text) == Some(Role::Name)
                    && lines.get(index + 1).is_some_and(|next| {
                        parse(&next.text).fields.is_empty()
                            && word_column(&next.text).is_some_and(|r| r != Role::Name)
                    });
                starts.then_some(Role::Name)
            });
        if let Some(role) = column {
            if header_run.is_empty() {
                // A sequence column's name (`序号`, `No.`) before it is the header's first line.
                let numbered = index.checked_sub(1).and_then(|i| lines.get(i)).filter(|l| {
                    let name = l.text.trim().trim_end_matches(['|', ' ']).to_lowercase();
                    matches!(name.as_str(), "序号" | "编号" | "no." | "no" | "#")
                });
                header_run_from = numbered.map_or(line.raw.start, |l| l.raw.start);
            }
            header_run.push(role);
            if header_run.len() >= 2 {
                if let Some(o) = open.take() {
                    o.finish_into(&header, &mut rows);
                }
                header = header_run.clone();
                header_from = Some(header_run_from);
                sequence = None;
                leading = Some(Vec::new());
            }
            continue;
        }
        header_run.clear();
        let numbered_row = std::mem::take(&mut after_number);
        if header.len() >= 2 && parsed.marker == Marker::Plain && parsed.fields.is_empty() {
            let number = body.trim_end_matches(['|', ' ']);
            let next = sequence.map_or(1, |n| n + 1);
            if number.len() <= 3 && number.parse::<u32>().ok() == Some(next) {
                if let Some(o) = open.take() {
                    o.finish_into(&header, &mut rows);
                }
                sequence = Some(next);
                after_number = true;
                continue;
            }
        }
        // A numbered item after a row that was one: the next item of a numbered list, which is
        // the next row even when the lexicon does not know its label (shown unresolved, never
        // a cell of the row above).
        let next_in_list = numbered_item(&line.text) && open.as_ref().is_some_and(|o| o.numbered);
        // A short line naming one platform and no permission starts a section, unless it is
        // the cell of a flattened table's platform column (`Android`, last in its row).
        let tokens = resolve::identifiers(body);
        let platform_last = header.len() >= 2 && header.last() == Some(&Role::Platform);
        let platform_cell = parsed.marker == Marker::Plain
            && open.as_ref().is_some_and(|o| {
                header.get(o.lines + 1) == Some(&Role::Platform)
                    || (platform_last && platform_only(body))
            });
        if tokens.is_empty()
            && parsed.fields.is_empty()
            && !platform_cell
            && body.chars().count() <= 48
        {
            if let Some(p) = find::platform_named_in(body) {
                // `二、使用相册(图片库)权限(IOS)`: a row tagged with its platform, no section.
                // So is the next item of a numbered list of permissions whose label the
                // lexicon does not know (`使用相册(图片库)权限(IOS)` after `一、使用相机权限`).
                let tagged_row = {
                    let (head, tag) = resolve::without_platform_tag(label_text(body));
                    // And a tagged cell of a flattened table's rows (`读取设备电话状态(Android
                    // 仅限VIVO和魅族两个渠道`): a section starts with a heading, not a row's cell.
                    tag.is_some()
                        && (known_label(head)
                            || (mentions_permissions(head) && next_in_list)
                            || header.len() >= 2)
                };
                if !tagged_row
                    && !version_qualified(body)
                    && (p != TablePlatform::Harmony || !known_label(label_text(body)))
                {
                    if let Some(o) = open.take() {
                        o.finish_into(&header, &mut rows);
                    }
                    leading_rows(&mut leading, &header, header_from, &mut rows, &mut span);
                    flush(&mut rows, &mut span, &intro, &mut tables);
                    intro = Some(body.to_owned());
                    header.clear();
                    header_from = None;
                    spaced = None;
                    continue;
                }
            }
        }
        if parsed.fields.is_empty() {
            // `Contacts: not used.`, `Phone: we never request …`: named to say it is not.
            let said_unused = match split_name(body) {
                Some((head, rest)) if says_unused(rest) && short(head) => {
                    let head = label_text(head);
                    let named = !resolve::identifiers(body).is_empty()
                        || ((near_cue || mentions_permissions(head)) && known_label(head));
                    named.then(|| head.to_owned())
                }
                _ => None,
            };
            if let Some(head) = said_unused {
                if let Some(o) = open.take() {
                    o.finish_into(&header, &mut rows);
                }
                unused.push((line.raw.start, head));
                continue;
            }
        }
        // `Intended use: during network matching by` then `Bluetooth`: a hard wrap of the
        // value, not a label starting a row. In an item of a numbered list the value goes on;
        // outside any row the line is skipped.
        let before = std::mem::take(&mut unfinished_field);
        let wrapped = before.is_some()
            && parsed.marker == Marker::Plain
            && parsed.fields.is_empty()
            && tokens.is_empty();
        unfinished_field = match parsed.fields.last() {
            Some(&(_, value)) => unfinished(value),
            None if wrapped => unfinished(body),
            None => None,
        };
        if wrapped {
            match open.as_mut() {
                Some(o) if o.numbered && o.lines < MAX_ROW_LINES && o.open_field.is_some() => {
                    if let Some(role) = o.open_field {
                        o.lines += 1;
                        o.continue_field(role, body);
                    }
                    continue;
                }
                // Outside a row only an English sentence cut mid-way (`… matching by` /
                // `Bluetooth`) is so sure a wrap that the line is skipped: a Chinese line
                // after `说明：以下为本应用使用的权限` may well be the first row's label.
                None if before == Some(true) && body.is_ascii() => continue,
                _ => {}
            }
        }
        let mut pending_purpose: Option<String> = None;
        let mut also = Vec::new();
        let name_field = match parsed.fields.first() {
            Some(&(Role::Name, v)) => Some(v.to_owned()),
            Some(&(Role::Listed, v)) => {
                let mut items = listed_labels(v).into_iter();
                let first = items.next();
                also.extend(items);
                first
            }
            _ => None,
        };
        // Inside a flattened table with a header, a row has one line per column: the lines
        // after its first are its cells, even a cell that reads like a label (a description
        // `访问位置信息`, `获取已安装应用列表`) or the identifier column (`相关权限`) after a
        // label. A second identifier line still starts the next row.
        let in_cells = parsed.marker == Marker::Plain
            && parsed.fields.is_empty()
            && open.as_ref().is_some_and(|o| {
                header.len() >= 2
                    && o.lines + 1 < header.len()
                    && (tokens.is_empty() || (o.anchor == Anchor::Label && o.lines == 0))
            });
        // `- 悬浮球权限：显示悬浮球` after the item `- 相机权限：拍照`, or written alike without
        // a bullet (`悬浮球权限：…`, `**悬浮球权限**：…`, `Floating ball permission: …`): the
        // list's next item, a permission by its own word, is the next row even when the
        // lexicon does not know its label (shown unresolved, not the description of the row
        // above). So is a bulleted list's first item when the item after it is a known label's;
        // an unbulleted line before such rows is as often the list's introduction
        // (`权限说明：以下为…`).
        let shape = item_shape(&line.text, body);
        let bulleted = bullet_of(&line.text).is_some();
        let item_after = || {
            lines.get(index + 1).is_some_and(|next| {
                let next_parsed = parse(&next.text);
                let next_body = next_parsed.body.trim();
                item_shape(&next.text, next_body) == shape
                    && next_parsed.fields.is_empty()
                    && label_then_text(next_body)
                        .is_some_and(|(head, _)| mentions_permissions(head))
            })
        };
        let same_item = open.as_ref().is_some_and(|o| o.item == shape);
        let next_item_row = (parsed.fields.is_empty()
            && tokens.is_empty()
            && shape.is_some()
            && (same_item || (bulleted && item_after())))
        .then(|| split_name(body))
        .flatten()
        .map(|(head, rest)| (label_text(head), rest))
        .filter(|(head, _)| {
            // A bulleted item written as the row above was (`- GPS Location - Required …`
            // after `- Camera - Required …`) is its sibling even without a word for
            // permission: shown unresolved, never that row's description.
            !head.is_empty()
                && short(resolve::without_platform_tag(head).0)
                && (mentions_permissions(head) || (bulleted && same_item))
                && find::column_name_role(head).is_none()
        });
        let mut whole_item = false;
        let mut spaced_cells: Vec<(Role, String)> = Vec::new();
        let words =
            if spaced.is_some() && parsed.marker == Marker::Plain && parsed.fields.is_empty() {
                body.split_whitespace().take(MAX_SPACED_CELLS).count()
            } else {
                0
            };
        // Where the header's name column is: the first, as most are, or one after a column
        // of scenes (`获取场景 获取权限 …`).
        let spaced_name_col = spaced
            .as_deref()
            .and_then(|roles| roles.iter().position(|&r| r == Role::Name))
            .unwrap_or(0);
        let spaced_row = (words >= 2 && tokens.is_empty() && spaced_name_col == 0)
            .then(|| spaced_name(body))
            .flatten();
        let spaced_row_inside = (words >= 2 && tokens.is_empty() && spaced_name_col > 0)
            .then(|| spaced_row_at(body, spaced.as_deref().unwrap_or_default(), spaced_name_col))
            .flatten();
        let spaced_cell = words == 1 && tokens.is_empty() && open.is_some();
        let anchor = if in_cells || spaced_cell {
            None
        } else if let Some((name, cells)) = spaced_row_inside {
            spaced_cells = cells
                .into_iter()
                .map(|(role, cell)| (role, cell.to_owned()))
                .collect();
            Some((Anchor::Label, name.to_owned()))
        } else if let Some((name, rest)) = spaced_row {
            // `照片 用户反馈,上传头像 获取用户照片库` under such a header: a row, even when the
            // lexicon does not know its name (shown unresolved, not a line dropped).
            // One word per column after the name: each is its column's; else the rest is one
            // cell (a cell with spaces of its own).
            let roles = spaced.as_deref().unwrap_or_default();
            let cells: Vec<&str> = rest.split_whitespace().collect();
            if cells.len() + 1 == roles.len() {
                spaced_cells = roles[1..]
                    .iter()
                    .zip(cells)
                    .map(|(&role, cell)| (role, cell.to_owned()))
                    .collect();
            } else {
                pending_purpose = Some(rest.to_owned());
            }
            Some((Anchor::Label, name.to_owned()))
        } else if row_ended
            && parsed.marker == Marker::Plain
            && parsed.fields.is_empty()
            && tokens.is_empty()
            && short(body)
            && !label_text(body).is_empty()
        {
            // `album` after `camera` / its cells / `Android/iOS`: the next row, even when the
            // lexicon does not know its label (shown unresolved, not cells of the row above).
            Some((Anchor::Label, label_text(body).to_owned()))
        } else if let Some((head, rest)) = next_item_row {
            pending_purpose = Some(rest.to_owned());
            whole_item = true;
            Some((Anchor::Label, head.to_owned()))
        } else if let Some(value) = name_field {
            Some((Anchor::Field, value))
        } else if !tokens.is_empty() && parsed.fields.is_empty() {
            let label = find::label_without(body, &tokens);
            // `相机（NSCameraUsageDescription）：扫码`, `相机权限（CAMERA）：用于扫描二维码。`: the
            // identifiers named, then what for.
            let named = split_name(body).filter(|(head, _)| {
                let head_ids = resolve::identifiers(head);
                !head_ids.is_empty() && short(&find::label_without(head, &head_ids))
            });
            if let Some((head, rest)) = named {
                pending_purpose = Some(rest.to_owned());
                Some((Anchor::Ids, head.trim().to_owned()))
            } else if label.trim().is_empty()
                && parsed.marker == Marker::Plain
                && open
                    .as_ref()
                    .is_some_and(|o| o.anchor == Anchor::Label && o.lines == 0)
            {
                // `获取手机通话记录` then `READ_PHONE_STATE`: the label's identifiers (below).
                None
            } else if short(&label) {
                Some((Anchor::Ids, body.to_owned()))
            } else if let Some(head_end) = (parsed.marker != Marker::Plain
                || !open
                    .as_ref()
                    .is_some_and(|o| o.anchor == Anchor::Label && o.lines == 0))
            .then(|| leading_ids_end(body, &tokens))
            .flatten()
            {
                // `> android.permission.CAMERA Used to scan codes.`: a list item or quote that
                // opens with the identifiers, then says what for; or a table row whose cells
                // the page joined with spaces (`CAMERA 相机权限 开启相机拍照 开户上传证件 可选`).
                // Right after a label, such a line is the label's identifiers (`<dt>相册</dt>
                // <dd>NSPhotoLibraryAddUsageDescription，用于保存图片。</dd>`), below.
                let rest = body[head_end..].trim_start_matches(|c: char| {
                    c.is_whitespace() || "，,、:：;；-–—".contains(c)
                });
                pending_purpose = Some(rest.to_owned());
                Some((Anchor::Ids, body[..head_end].trim().to_owned()))
            } else {
                split_name(body).and_then(|(head, rest)| {
                    // One sentence, not a page run into one line whose prose may name a
                    // permission only to say the app lacks it.
                    if short(head)
                        && resolve::identifiers(head).is_empty()
                        && rest.chars().count() <= MAX_NAMED_SENTENCE
                    {
                        // `Location: we use it to … (ACCESS_FINE_LOCATION, …).`: a name, then
                        // a sentence with the identifiers it stands for.
                        let ids: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
                        pending_purpose = Some(rest.to_owned());
                        Some((Anchor::Ids, format!("{} {}", head.trim(), ids.join(" "))))
                    } else {
                        None
                    }
                })
            }
        } else if let Some((head, rest)) = (parsed.fields.is_empty()
            && (near_cue || mentions_permissions(body)))
        .then(|| label_then_text(body))
        .flatten()
        {
            // `- 相机：扫描二维码`: a known label, then what it is for.
            (near_cue || mentions_permissions(head)).then(|| {
                pending_purpose = Some(rest.to_owned());
                whole_item = true;
                (Anchor::Label, head.to_owned())
            })
        } else if parsed.fields.is_empty() && name_line(body) {
            let label = label_text(body);
            // Unless that row of a flattened table already has all its cells: then the
            // label is the next row's (`NFC权限` / its cells / `剪切板权限`).
            let inside_id_row = open.as_ref().is_some_and(|o| {
                o.anchor == Anchor::Ids
                    && o.lines < MAX_ROW_LINES
                    && !(header.len() >= 2 && o.cells.len() >= o.own_cells(&header))
            });
            let absorbed = inside_id_row && parsed.marker == Marker::Plain;
            let known = !absorbed
                && !label.is_empty()
                && (near_cue || mentions_permissions(label))
                && known_label(label);
            // `十三、使用人脸识别权限` after the rows `一、使用相机权限` …: the next item of the
            // list, a permission by its own word, is the next row even when the lexicon does
            // not know its label (an unresolved row, shown, not a cell of the row above).
            let next_item = || {
                // Its own word for permission, or the fields the items above have.
                let next_fields = lines
                    .get(index + 1)
                    .map(|next| parse(&next.text).fields)
                    .unwrap_or_default();
                let fields_follow = !next_fields.is_empty();
                // Or, first of its list (the items above it were read as a list of their
                // own), its own word for permission and a description or purpose under it.
                let described = next_fields
                    .iter()
                    .any(|&(role, _)| matches!(role, Role::Description | Role::Purpose));
                numbered_item(&line.text)
                    && tokens.is_empty()
                    && ((next_in_list
                        && (mentions_permissions(label) || fields_follow || in_order))
                        || (mentions_permissions(label) && described))
            };
            let numbered_cell = numbered_row && tokens.is_empty() && !label.is_empty();
            // `读取存储卡中的内容` after rows of a label line and a line of what it allows: the
            // row above has all its lines, and this short line with a longer one under it is
            // written as the rows were. With a known label after that, the list goes on past
            // it: it is the next row's label (shown unresolved when unknown, never the row
            // above's text). Otherwise it is a section after the list (`关于我们` / a
            // paragraph, `Utilization of Data` / …): the row ends there.
            let alike = streak
                .filter(|&(k, rows)| rows >= 1 && (1..=3).contains(&k))
                .filter(|&(k, _)| {
                    header.len() < 2
                        && parsed.marker == Marker::Plain
                        && tokens.is_empty()
                        && !label.is_empty()
                        && !body.ends_with([':', '：'])
                        && open
                            .as_ref()
                            .is_some_and(|o| o.anchor == Anchor::Label && o.lines == k)
                        && lines.get(index + 1).is_some_and(|next| {
                            let next_parsed = parse(&next.text);
                            next_parsed.marker == Marker::Plain
                                && next_parsed.fields.is_empty()
                                && resolve::identifiers(&next.text).is_empty()
                                && next_parsed.body.trim().chars().count() > body.chars().count()
                        })
                })
                .map(|(k, _)| {
                    lines.get(index + 1 + k).is_some_and(|after| {
                        let after = parse(&after.text);
                        let label = label_text(after.body.trim());
                        after.marker == Marker::Plain
                            && after.fields.is_empty()
                            && short(label)
                            && known_label(label)
                    })
                });
            if known || numbered_cell || alike == Some(true) {
                Some((Anchor::Label, label.to_owned()))
            } else if next_item() {
                // `2. 悬浮球：用于显示悬浮球`: the name before the colon, what for after it.
                match split_name(body).filter(|(head, _)| short(head)) {
                    Some((head, rest)) => {
                        pending_purpose = Some(rest.to_owned());
                        Some((Anchor::Label, label_text(head).to_owned()))
                    }
                    None => Some((Anchor::Label, label.to_owned())),
                }
            } else if alike == Some(false) {
                if let Some(o) = open.take() {
                    o.finish_into(&header, &mut rows);
                }
                continue;
            } else {
                None
            }
        } else if parsed.fields.is_empty() && next_in_list {
            // `四、 相片/相機：…` after the rows `二、 日曆：` and `三、 位置：`: the next item of
            // the list is the next row even when the lexicon does not know its label. It is
            // then an unresolved row, shown, not a cell silently added to the row above.
            // Or written `2.修改或删除您共享存储空间中的内容 允许该应用写入…`: a Chinese label has no
            // space of its own, so the first space ends it.
            let label_then_space = || {
                body.split_once(char::is_whitespace)
                    .filter(|(head, _)| head.chars().any(is_han))
            };
            split_name(body)
                .or_else(label_then_space)
                .filter(|(head, _)| short(head) && resolve::identifiers(head).is_empty())
                .map(|(head, rest)| {
                    pending_purpose = Some(rest.trim().to_owned());
                    (Anchor::Label, head.trim().to_owned())
                })
        } else {
            None
        };
        // `AlbumAdditional functionTo select photos…` after `CameraAdditional function…`: the
        // next row of a table copied without the spaces between cells, even when the lexicon
        // does not know its label (an unresolved row, shown, not a line dropped).
        let anchor = anchor.or_else(|| {
            (glued_run && parsed.marker == Marker::Plain && parsed.fields.is_empty())
                .then(|| glued_seam(body))
                .flatten()
                // The rest glued too (`Additional functionTo select…`): cells, not prose that
                // happens to start with a capitalised name (`WeChat is …`).
                .filter(|(head, rest)| {
                    head.split_whitespace().count() <= 4 && glued_seam(rest).is_some()
                })
                .map(|(head, rest)| {
                    pending_purpose = Some(rest.to_owned());
                    (Anchor::Label, head.to_owned())
                })
        });
        if anchor.is_some() {
            glued_run = parsed.fields.is_empty() && glued_seam(body).is_some();
        }
        if let Some((kind, name)) = anchor {
            // `1. 读取通讯录` then `权限名称：READ_CONTACTS`: one row, named by both.
            if let Some(o) = open.as_mut() {
                if kind == Anchor::Field && o.anchor == Anchor::Label && o.lines == 0 {
                    o.name = format!("{name} {}", o.name);
                    o.anchor = Anchor::Field;
                    o.raw = line.raw.clone();
                    if let Some(s) = span.as_mut() {
                        s.end = line.raw.end;
                    }
                    continue;
                }
            }
            // `权限名称 | 相关权限 | …` flattened: each row is a label line, then its
            // identifiers. A label the lexicon does not know overflowed the row above as one
            // cell too many; it is this row's name.
            let mut name = name;
            let mut merged = false;
            if kind == Anchor::Ids && header.get(1) == Some(&Role::Name) {
                if let Some(o) = open.as_mut().filter(|o| o.lines >= header.len()) {
                    if let Some(label) = o.cells.pop() {
                        o.lines -= 1;
                        name = format!("{label} {name}");
                        merged = true;
                    }
                }
            } else if kind == Anchor::Ids && header.len() < 2 && parsed.marker == Marker::Plain {
                // The same without a header, once the rows above were so: `获取手机通话记录` /
                // `READ_PHONE_STATE` / what for / `创建快捷方式` / `INSTALL_SHORTCUT`.
                let label_line = open.as_mut().filter(|o| {
                    o.label_first
                        && o.anchor == Anchor::Ids
                        && o.cells.len() >= 2
                        && o.description.is_empty()
                        && o.purpose.is_empty()
                        && o.cells.last().is_some_and(|c| {
                            short(c) && resolve::identifiers(c).is_empty() && !c.contains(' ')
                        })
                });
                if let Some(o) = label_line {
                    if let Some(label) = o.cells.pop() {
                        o.lines -= 1;
                        name = format!("{label} {name}");
                        merged = true;
                    }
                }
            }
            if let Some(o) = open.take() {
                streak = Some(match streak {
                    Some((k, rows)) if k == o.lines => (k, rows + 1),
                    _ => (o.lines, 1),
                });
                o.finish_into(&header, &mut rows);
            }
            leading_rows(&mut leading, &header, header_from, &mut rows, &mut span);
            let has_label = kind != Anchor::Ids || {
                let tokens = resolve::identifiers(&name);
                !find::label_without(&name, &tokens).is_empty()
            };
            let mut row = Open {
                anchor: kind,
                start: line.raw.start,
                raw: line.raw.clone(),
                name,
                has_label,
                description: Vec::new(),
                purpose: Vec::new(),
                cells: Vec::new(),
                // The label line is one of the row's lines (its first column).
                lines: usize::from(merged),
                merged,
                label_first: merged,
                also,
                numbered: numbered_item(&line.text),
                item: whole_item.then(|| item_shape(&line.text, body)).flatten(),
                overflow: None,
                open_field: None,
            };
            row.purpose.extend(pending_purpose.take());
            for (role, cell) in spaced_cells.drain(..) {
                match role {
                    Role::Description => row.description.push(cell),
                    Role::Purpose | Role::Notes => row.purpose.push(cell),
                    _ => {}
                }
            }
            // `1、CAMERA 拍照权限：功能说明…` keeps its other fields.
            for &(role, value) in parsed.fields.iter().skip(1) {
                row.add_field(role, value);
            }
            cue = Some(index);
            row_ordinal = ord;
            // A flattened header is the table's first lines: what is above it is its title.
            let span = span.get_or_insert(header_from.unwrap_or(line.raw.start)..line.raw.end);
            span.end = line.raw.end;
            open = Some(row);
            continue;
        }
        // A numbered heading after a row of `key：value` fields (`3、信息服务` after `目的：…`)
        // starts the next section: the fields were the row's cells.
        let next_section = parsed.marker == Marker::Marked
            && parsed.fields.is_empty()
            && open.as_ref().is_some_and(|o| {
                o.anchor == Anchor::Field && (!o.description.is_empty() || !o.purpose.is_empty())
            });
        if line.text.trim_start().starts_with('#') || next_section {
            spaced = None;
            // A heading that starts no row is the next section's title, not a cell of the row
            // above (`## Contact` after the last permission).
            if let Some(o) = open.take() {
                o.finish_into(&header, &mut rows);
            }
            leading_rows(&mut leading, &header, header_from, &mut rows, &mut span);
            continue;
        }
        let Some(o) = open.as_mut() else {
            let cell =
                parsed.marker == Marker::Plain && parsed.fields.is_empty() && tokens.is_empty();
            match leading.as_mut() {
                Some(cells) if cell && cells.len() < MAX_LEADING_CELLS => {
                    cells.push((body.to_owned(), line.raw.clone()));
                }
                _ => leading = None,
            }
            continue;
        };
        o.lines += 1;
        if o.lines > MAX_ROW_LINES {
            continue;
        }
        if let Some(s) = span.as_mut() {
            s.end = line.raw.end;
        }
        if !parsed.fields.is_empty() {
            for &(role, value) in &parsed.fields {
                o.add_field(role, value);
            }
            continue;
        }

        // `<dt>相册</dt><dd>NSPhotoLibraryAddUsageDescription，用于保存图片。</dd>`: a label, then
        // a line that opens with the identifiers it stands for and says what for.
        let dd_ids = (o.anchor == Anchor::Label && o.lines == 1 && o.cells.is_empty())
            .then(|| leading_ids_end(body, &tokens))
            .flatten();
        if let Some(head_end) = dd_ids {
            o.name.push(' ');
            o.name.push_str(body[..head_end].trim());
            o.anchor = Anchor::Ids;
            o.merged = true;
            o.label_first = true;
            let rest = body[head_end..]
                .trim_start_matches(|c: char| c.is_whitespace() || "，,、:：;；)）".contains(c));
            if !rest.is_empty() {
                o.cells.push(rest.to_owned());
            }
            continue;
        }
        // A flattened table's label cell right after an identifier.
        if o.anchor == Anchor::Ids
            && !o.has_label
            && o.cells.is_empty()
            && known_label(label_text(body))
            && short(body)
            && tokens.is_empty()
        {
            o.name.push(' ');
            o.name.push_str(body);
            o.has_label = true;
            o.merged = true;
            continue;
        }
        if o.overflow.is_none()
            && o.description.is_empty()
            && o.purpose.is_empty()
            && o.cells.len() == o.own_cells(&header)
            && header.len() >= 2
            && header.get(1) != Some(&Role::Name)
            && cell_names_row(body)
        {
            o.overflow = Some((o.cells.len(), Vec::new()));
        }
        if let Some((_, lines)) = o.overflow.as_mut() {
            lines.push(line.raw.clone());
        }
        o.cells.push(body.to_owned());
        platform_ended = platform_last && platform_only(body);
    }
    if let Some(o) = open.take() {
        o.finish_into(&header, &mut rows);
    }
    leading_rows(&mut leading, &header, header_from, &mut rows, &mut span);
    flush(&mut rows, &mut span, &intro, &mut tables);
    tables
}

/// Most cells kept between a flattened table's header and its first known row.
const MAX_LEADING_CELLS: usize = 256;

/// Whether a flattened table's cell past a row's own cells can name the next row: short, no
/// identifier, not a clause that goes on (`…、`).
fn cell_names_row(body: &str) -> bool {
    short(body)
        && resolve::identifiers(body).is_empty()
        && !body.ends_with([',', '，', '、', ';', '；'])
}

/// The rows of the cells kept between a header and its first known row (see `leading` in
/// [`extract_noting`]), when they are whole groups each named by its first cell. A table
/// whose second column names the permission too (`权限名称 | 相关权限`) is read by its
/// identifiers instead.
fn leading_rows(
    leading: &mut Option<Vec<(String, Range<usize>)>>,
    header: &[Role],
    header_from: Option<usize>,
    rows: &mut Vec<RawRow>,
    span: &mut Option<Range<usize>>,
) {
    let Some(cells) = leading.take() else { return };
    if header.get(1) == Some(&Role::Name) {
        return;
    }
    let Some(groups) = row::groups(&cells, header, cell_names_row) else {
        return;
    };
    let (first, last) = (&cells[0].1, &cells[cells.len() - 1].1);
    let s = span.get_or_insert(header_from.unwrap_or(first.start)..first.end);
    s.start = s.start.min(first.start);
    s.end = s.end.max(last.end);
    // Before the row that ends them: the rows so far are in document order.
    let at = rows.partition_point(|r| r.start < first.start);
    let mut made = Vec::new();
    for group in groups {
        group.finish_into(header, &mut made);
    }
    rows.splice(at..at, made);
}

/// Whether line `index` is a known label written as the next row is, which Android's own
/// description under it shows to be a row (`精准的(GPS)位置` / `访问精准的位置源…` /
/// `控制闪光灯` / `允许应用程序控制闪光灯。`): the first row of a list copied with no heading
/// about permissions, whose own description does not open as a grant.
fn first_of_alike(lines: &[Line], index: usize) -> bool {
    let text = |i: usize| lines.get(i).map_or("", |l: &Line| l.text.as_str());
    describes_grant(text(index + 3))
        && name_line(text(index).trim())
        && name_line(text(index + 2).trim())
        && known_label(label_text(text(index + 2).trim()))
        && known_label(label_text(text(index).trim()))
}

/// Whether line `index` is a bulleted heading over unbulleted items that each are a known label
/// and Android's own description of it (`- YOUR LOCATION` / `PRECISE LOCATION (GPS AND
/// NETWORK-BASED)` / `Allows the app to get your precise location …`), as an app store lists
/// permissions under their groups.
fn group_heading(lines: &[Line], index: usize) -> bool {
    let text = |i: usize| lines.get(i).map_or("", |l: &Line| l.text.as_str());
    let heading = text(index);
    let item = text(index + 1);
    bullet_of(heading).is_some()
        && heading.chars().count() <= 48
        && !describes_grant(strip_marker(heading).1)
        && resolve::identifiers(heading).is_empty()
        && bullet_of(item).is_none()
        && item.chars().count() <= 64
        && known_label(label_text(item.trim()))
        && describes_grant(text(index + 2))
}

#[cfg(test)]
mod tests {
    use super::lines::collapsed_items_within;
    use super::parse::cjk_number;
    use super::*;
    use crate::policy::import::text;

    #[test]
    fn headers_and_rows_joined_by_spaces() {
        assert_eq!(
            spaced_header("设备权限 对应业务功能 调用权限的目的 是否询问"),
            Some(vec![
                Role::Name,
                Role::Description,
                Role::Purpose,
                Role::Aside
            ])
        );
        // The name column after a column of scenes; its rows' words, the last column taking
        // the rest of the line.
        let roles = spaced_header("获取场景 获取权限 对应功能业务 调用权限目的").unwrap();
        assert_eq!(
            roles,
            vec![Role::Purpose, Role::Name, Role::Description, Role::Purpose]
        );
        assert_eq!(
            spaced_row_at("首次启动App 存储权限 全部业务功能 保证 正常使用", &roles, 1),
            Some((
                "存储权限",
                vec![
                    (Role::Purpose, "首次启动App"),
                    (Role::Description, "全部业务功能"),
                    (Role::Purpose, "保证 正常使用")
                ]
            ))
        );
        assert_eq!(spaced_row_at("首次启动App 存储权限", &roles, 1), None);
        assert_eq!(
            spaced_header("业务功能 权限名称 目的"),
            Some(vec![Role::Description, Role::Name, Role::Purpose])
        );
        // English names have spaces of their own; a row is no header.
        for line in [
            "Permission Usage scenario Platform",
            "相机 扫码 拍照",
            // Nor a line of fewer than three words, none at all included.
            "",
            "   ",
            "调取设备权限 目的",
        ] {
            assert_eq!(spaced_header(line), None, "{line}");
        }
        // A first column in the page's own words, naming no permission by itself.
        assert!(spaced_header("调取设备权限 对应业务功能/场景 调用权限目的").is_some());
        assert_eq!(spaced_header("相机权限 拍照 扫码"), None);
        assert_eq!(
            spaced_name("Face ID 快捷登录 用面容登录"),
            Some(("Face ID", "快捷登录 用面容登录"))
        );
        assert_eq!(spaced_name("云打印 打印小票"), Some(("云打印", "打印小票")));
        for line in ["", "   ", "云打印"] {
            assert_eq!(spaced_name(line), None, "{line:?}");
        }
        assert_eq!(
            spaced_name("一个很长很长的句子没有空格一直写下去直到超过 限度"),
            None
        );
    }

    #[test]
    fn platform_cells_are_platform_names_only() {
        for cell in [
            "Android/iOS",
            "安卓系统、IOS系统",
            "iOS",
            "Android and iOS",
            "全平台",
        ] {
            assert!(platform_only(cell), "{cell}");
        }
        for cell in [
            "",
            "Yes",
            "iOS 14 and later",
            "Android/iOS 相机",
            "苹果手机",
        ] {
            assert!(!platform_only(cell), "{cell}");
        }
    }

    #[test]
    fn run_together_items_split_at_known_labels_before_colons() {
        let line = "权限：控制振动：提醒来电查看网络连接：判断是否联网防止手机休眠：播放时常亮";
        let pieces: Vec<&str> = collapsed_items(line)
            .into_iter()
            .map(|r| &line[r])
            .collect();
        assert_eq!(
            pieces,
            [
                "权限：",
                "控制振动：提醒来电",
                "查看网络连接：判断是否联网",
                "防止手机休眠：播放时常亮"
            ]
        );
        // Two seams are no run-together list; nor are colons after words that are no label.
        for line in [
            "控制振动：提醒来电查看网络连接：判断是否联网",
            "注意：以下内容：仅供参考：谢谢",
        ] {
            assert_eq!(collapsed_items(line).len(), 1, "{line}");
        }
        // Out of lookups, nothing is split.
        let mut budget = 3;
        assert_eq!(collapsed_items_within(line, &mut budget).len(), 1);
    }

    fn lines_of(doc: &str) -> Vec<Line> {
        text_lines(&text::lines(doc))
    }

    fn names(doc: &str) -> Vec<Vec<String>> {
        extract(&lines_of(doc))
            .into_iter()
            .flat_map(|t| t.rows)
            .map(|r| r.cells.into_iter().map(|c| c.text).collect())
            .collect()
    }

    #[test]
    fn markers_and_fields() {
        assert_eq!(strip_marker("1、CAMERA 拍照权限").1, "CAMERA 拍照权限");
        assert_eq!(strip_marker("一、 iOS 系统权限调用").1, "iOS 系统权限调用");
        assert_eq!(strip_marker("（二）设备权限").1, "设备权限");
        assert_eq!(strip_marker("1.5 GB").0, Marker::Plain);
        let p = parse("功能说明:拍照 使用场景和目的:扫码");
        assert_eq!(
            p.fields,
            vec![(Role::Description, "拍照"), (Role::Purpose, "扫码")]
        );
        let p = parse("Usage Scenario/Purpose: to scan");
        assert_eq!(p.fields, vec![(Role::Purpose, "to scan")]);
        assert!(parse("我们将依据：以下规则").fields.is_empty());
    }

    #[test]
    fn flattened_table_rows() {
        let doc = "安卓权限列表\n权限名称\n功能说明\n使用目的\nCAMERA\n相机\n拍照\n扫码\nRECORD_AUDIO\n麦克风\n录音\n语音\n";
        assert_eq!(
            names(doc),
            vec![
                vec!["CAMERA 相机", "拍照", "扫码"],
                vec!["RECORD_AUDIO 麦克风", "录音", "语音"]
            ]
        );
    }

    /// A field whose value has no full stop does not swallow the label after it outside a
    /// row, unless an English sentence was cut mid-way; inside a numbered item it goes on.
    #[test]
    fn hard_wraps_of_field_values() {
        let doc = "权限说明：以下为本应用使用的权限\n相机\n用途：拍照\n";
        assert_eq!(names(doc), vec![vec!["相机", "", "拍照"]]);
        // Glued cells: an unknown label is a row; prose after the table is not.
        let doc = "App permissions\nCameraScan codesTo read a code.Yes\n\
                   GalleryPick photosTo attach one.Yes\nWeChat is where we answer.\n";
        assert_eq!(
            names(doc),
            vec![
                vec!["Camera", "", "Scan codesTo read a code.Yes"],
                vec![
                    "Gallery",
                    "WeChat is where we answer.",
                    "Pick photosTo attach one.Yes"
                ]
            ]
        );
        let doc = "Purpose: pairing over\nBluetooth\n(1) Camera permission\nPurpose: scan the\n\
                   Bluetooth\nfeeder\n";
        assert_eq!(
            names(doc),
            vec![vec!["Camera permission", "", "scan the Bluetooth feeder"]]
        );
    }

    /// After a row named by its identifier has all its cells, a label alone is the next row.
    #[test]
    fn a_label_after_a_full_identifier_row_is_the_next_row() {
        let doc = "权限名称\n功能说明\n使用目的\nNFC权限\n读写标签\n连接设备\n剪切板权限\n复制\n粘贴口令\n";
        assert_eq!(
            names(doc),
            vec![
                vec!["NFC权限", "读写标签", "连接设备"],
                vec!["剪切板权限", "复制", "粘贴口令"]
            ]
        );
    }

    #[test]
    fn rows_that_say_unused() {
        for t in [
            "not used.",
            "We never request it",
            "无需此权限",
            "不使用",
            "N/A — we don't",
        ] {
            assert!(says_unused(t), "{t}");
        }
        for t in [
            "用于扫码，不会用于其他用途",
            "to scan codes; never shared",
            "不开启将无法扫码",
            "Used only when you tap Scan",
            "without it, scanning is unavailable",
        ] {
            assert!(!says_unused(t), "{t}");
        }
    }

    #[test]
    fn items_are_numbered_and_written_alike() {
        assert_eq!(ordinal("11.装载和卸载文件系统"), Some((11, ".".to_owned())));
        assert_eq!(ordinal("3、相机"), Some((3, "、".to_owned())));
        assert_eq!(
            ordinal("十三、使用人脸识别权限"),
            Some((13, "cjk、".to_owned()))
        );
        assert_eq!(ordinal("二十、通知"), Some((20, "cjk、".to_owned())));
        assert_eq!(ordinal("二十一、通知"), Some((21, "cjk、".to_owned())));
        assert_eq!(ordinal("十、通知"), Some((10, "cjk、".to_owned())));
        assert_eq!(ordinal("1.5 GB"), None);
        assert_eq!(ordinal("相机"), None);
        assert_eq!(cjk_number("十十"), None);
    }

    #[test]
    fn version_qualified_names() {
        assert!(version_qualified("IDFA(iOS14及以上)"));
        assert!(version_qualified("通知（Android 13+）"));
        assert!(!version_qualified("2、Android系统权限调用说明"));
        assert!(!version_qualified("系统权限（iOS）"));
        assert!(!version_qualified("(iOS 14)"));
    }

    #[test]
    fn page_markers() {
        for t in [
            "第 12 页 共 14 页",
            "共14页 第3页",
            "第3页",
            "Page 3 of 10",
            "page 7",
            "3 / 14",
            "- 3 -",
        ] {
            assert!(is_page_marker(t), "{t}");
        }
        for t in [
            "第三方",
            "页面权限",
            "CAMERA",
            "1. 相机",
            "READ/WRITE",
            "3",
            "- 相机 -",
        ] {
            assert!(!is_page_marker(t), "{t}");
        }
    }

    #[test]
    fn key_value_blocks_and_label_lines() {
        let doc = "系统权限\n1. 相机\n使用场景/目的：扫码\n拒绝授权的后果：无法扫码\n2. 麦克风\n使用场景/目的：语音\n";
        assert_eq!(
            names(doc),
            vec![vec!["相机", "", "扫码"], vec!["麦克风", "", "语音"]]
        );
    }
}
