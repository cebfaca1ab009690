//! Finding permission tables: gathering every shape's candidates, reading what a header's
//! columns hold, and deciding which platform a table is about.

use std::ops::Range;

use super::importer::Importer;
use super::resolve::{self, Ident, Token};
use super::text::{self, Cell, RawRow, RawTable, Shape};
use super::{ImportError, MAX_TABLES, html, list, pipe};
use crate::model::Location;

/// Platform a table is about. HarmonyOS tables are recognised so they can be left out by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TablePlatform {
    Android,
    Ios,
    /// A macOS (or Mac Catalyst) table: the same Info.plist keys as iOS, so only the words
    /// around it tell the two apart.
    Macos,
    Harmony,
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Name,
    Description,
    Purpose,
    Notes,
    /// Which platforms the row is for (`适用平台`: `iOS/Android`).
    Platform,
    /// What the row is about when its name column lists permissions: a third-party SDK.
    Subject,
    /// A column policies add beside the regulator's three that holds none of them (`是否询问`,
    /// `是否可关闭`, `拒绝授权的后果`): never taken for a description or purpose.
    Aside,
    /// A `key：value` field that lists permissions among other things (`涉及的权限/个人信息：
    /// 网络权限、读取电话状态、手机号`): the items that name permissions are the row's name.
    Listed,
    Other,
}

impl Importer<'_> {
    /// Every candidate table of every shape, in document order. Lists inside a table are part
    /// of the table, not tables of their own.
    pub(super) fn tables(&self) -> Result<Vec<RawTable>, ImportError> {
        let mut tables = pipe::extract(self.doc, &self.lines);
        tables.extend(pipe::extract_tabbed(&self.lines));
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

    /// The text just before a table (its heading, caption or introducing line): up to three
    /// lines with visible text, nearest first, from the 2000 bytes above it and never reaching
    /// into the previous table. HTML tags spanning lines are removed before lines are split.
    pub(super) fn context(&self, table_start: usize, previous_end: usize) -> Vec<String> {
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
            // A Markdown code fence (```` ```xml ````) is markup, not a heading.
            .filter(|l| !l.trim_start().starts_with("```") && !l.trim_start().starts_with("~~~"))
            .map(|l| text::clean(l.trim_start().trim_start_matches('#')))
            // A row number (`1 |`, a flattened table's `序号` cell) is no heading either.
            .filter(|l| {
                !l.trim_end_matches(['|', ' '])
                    .bytes()
                    .all(|b| b.is_ascii_digit())
            })
            // A quoted manifest line (`<uses-permission …/>` in a code block) is a row's
            // identifier, not a heading.
            .filter(|l| {
                let ids = resolve::identifiers(l);
                ids.is_empty() || !label_without(l, &ids).is_empty()
            })
            .take(3)
            .collect()
    }
}

/// The header row (the extractor's, or a first row that reads like one) and the data rows.
pub(super) fn split_header(table: &RawTable) -> (Option<Vec<Cell>>, Vec<&RawRow>) {
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
pub(super) fn roles(header: Option<&[Cell]>, rows: &[&RawRow]) -> Vec<Role> {
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
    // A third-party SDK list names each SDK first and its permissions in a column of their
    // own: that column is the row's name, the SDK's is other information.
    if let Some(list) = header.and_then(|h| h.iter().position(|c| lists_permissions(&c.text))) {
        let mut subject = true;
        for r in roles.iter_mut().filter(|r| **r == Role::Name) {
            *r = if subject { Role::Subject } else { Role::Other };
            subject = false;
        }
        roles[list] = Role::Name;
    }
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

/// Whether a header cell is, as a whole, the column of the permissions a row (an SDK) asks for:
/// `申请权限`, `所需权限`, `Required permissions`.
fn lists_permissions(header: &str) -> bool {
    let h: String = header
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | ':' | '：'))
        .flat_map(char::to_lowercase)
        .collect();
    matches!(
        h.as_str(),
        "申请权限"
            | "申请的权限"
            | "所需权限"
            | "涉及权限"
            | "调用权限"
            | "使用权限"
            | "权限列表"
            | "requiredpermissions"
            | "requestedpermissions"
            | "permissionsrequested"
    )
}

/// Names of a description column, and of a `key：value` description key (lower case, no
/// spaces): the regulator's 权限功能说明 and the words policies use for it.
pub(super) const DESCRIPTION_NAMES: &[&str] = &[
    "权限功能说明",
    "功能说明",
    "权限说明",
    "功能描述",
    "权限描述",
    "权限功能",
    "业务功能",
    "对应业务功能/场景",
    "说明",
    "描述",
    "description",
    "function",
];

/// Names of a purpose column, and of a `key：value` purpose key: the regulator's 使用场景或目的
/// as policies write it.
pub(super) const PURPOSE_NAMES: &[&str] = &[
    "使用场景或目的",
    "使用场景/目的",
    "使用场景与目的",
    "使用场景和目的",
    "使用场景",
    "使用目的",
    "业务场景",
    "目的",
    "用途",
    "申请目的",
    "调用权限目的",
    "调用目的",
    "场景说明",
    "purpose",
    "reason",
    "usagescenario/purpose",
    "intendeduse",
];

/// Names of the columns policies add beside name, description and purpose: whether the user
/// is asked, whether the permission can be turned off, and what refusing it costs.
pub(super) const ASIDE_NAMES: &[&str] = &[
    "是否询问",
    "是否可关闭",
    "是否可以关闭",
    "是否可撤回",
    "是否必要",
    "是否必须",
    "是否必需",
    "开启权限前是否询问",
    "用户可否关闭权限",
    "用户是否可关闭",
    "拒绝授权的后果",
    "拒绝授权影响",
    "拒绝后果",
    "关闭后影响",
    "关闭/拒绝权限调取的影响",
    "askforauthorizationornot",
    "canbedisabledornot",
    "queryornot",
    "调用时机",
    "callingtime",
    "datatype",
];

/// The role of a header cell that is, as a whole, a column name policies use (`权限名称`,
/// `使用场景或目的`, `Purpose`); `None` for anything else.
pub(super) fn column_name_role(header: &str) -> Option<Role> {
    let h: String = header
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | ':' | '：'))
        .flat_map(char::to_lowercase)
        .collect();
    let role = match h.as_str() {
        "权限名称"
        | "权限"
        | "权限名"
        | "名称"
        | "系统权限"
        | "设备权限"
        | "权限类型"
        | "相关权限"
        | "权限标识"
        | "权限代码"
        | "英文名称"
        | "permission"
        | "permissions"
        | "permissionname"
        | "name"
        | "key"
        | "plistkey"
        | "info.plistkey"
        | "plist中描述名称"
        | "identifier"
        | "androidpermission"
        | "iospermission" => Role::Name,
        k if DESCRIPTION_NAMES.contains(&k) || k == "作用" => Role::Description,
        k if PURPOSE_NAMES.contains(&k) || matches!(k, "调用权限的目的" | "usage" | "scenario") => {
            Role::Purpose
        }
        "备注" | "note" | "notes" | "remark" | "remarks" => Role::Notes,
        "适用平台" | "平台" | "platform" | "操作系统" | "适用系统" | "系统" => {
            Role::Platform
        }
        k if ASIDE_NAMES.contains(&k) => Role::Aside,
        _ => return None,
    };
    Some(role)
}

/// What a header cell's words say the column holds: the whole cell as a known column name
/// first; else its words, purpose first, then identifier words (`plist 中描述名称` names keys,
/// though it contains 描述), then description ("Permission function description" is a
/// description, not a name), then name words.
pub(super) fn role_of(header: &str) -> Role {
    if let Some(role) = column_name_role(header) {
        return role;
    }
    let h = header.to_lowercase();
    let any = |words: &[&str]| words.iter().any(|w| h.contains(w));
    if any(&[
        "是否",
        "可否",
        "能否",
        "后果",
        "影响",
        "asked",
        "disable",
        "impact",
        "consequence",
        "whether",
        "turn off",
        "turned off",
        "can it ",
        "can i ",
        "optional",
        "mandatory",
    ]) {
        // Whether the user is asked, can turn it off, what refusing costs: before the name
        // words, since such a column's name often says "permission" too.
        Role::Aside
    } else if any(&["operating system", "platform", "操作系统", "适用系统"]) {
        Role::Platform
    } else if any(&[
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

/// Longest document looked at for the platforms it names.
const MAX_PLATFORM_SCAN: usize = 4 * 1024 * 1024;

/// The one platform a document speaks of: words of iOS (`iOS`, `iPhone`, `iPad`, `App
/// Store`, `Info.plist`) and none of Android (`Android`, `安卓`, `Google Play`, `APK`), or the
/// reverse; `None` when it names both or neither.
pub(super) fn only_platform_named(doc: &str) -> Option<TablePlatform> {
    let text = doc.get(..doc.len().min(MAX_PLATFORM_SCAN)).unwrap_or("");
    let lower = text.to_lowercase();
    let ios = ["ios", "iphone", "ipad", "app store", "info.plist", "ipados"]
        .iter()
        .any(|w| has_word(&lower, w));
    let android = has_word(&lower, "android")
        || lower.contains("安卓")
        || has_word(&lower, "play store")
        || has_word(&lower, "google play")
        || lower.contains("play 商店")
        || lower.contains("play商店")
        || has_word(&lower, "apk");
    match (ios, android) {
        (true, false) => Some(TablePlatform::Ios),
        (false, true) => Some(TablePlatform::Android),
        _ => None,
    }
}

/// Identifier votes per platform: (Android, iOS, HarmonyOS).
pub(super) fn votes(tokens: &[Vec<Token>]) -> (usize, usize, usize) {
    let mut v = (0, 0, 0);
    for t in tokens.iter().flatten() {
        match t.kind {
            Ident::AndroidFull | Ident::AndroidShort | Ident::Typo(_) => v.0 += 1,
            Ident::IosKey | Ident::PlistOther => v.1 += 1,
            Ident::Harmony => v.2 += 1,
        }
    }
    v
}

/// The platform a table is about: the identifiers in it when they agree on a majority, else
/// the words of its name column's header and of the text just above it.
pub(super) fn decide_platform(
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
            // Info.plist keys are the same on iOS and macOS: a table of them that its header or
            // heading calls a macOS table is one.
            let named = || {
                platform_named_in(header)
                    .or_else(|| heading.iter().find_map(|l| platform_named_in(l)))
            };
            if *one == TablePlatform::Ios && named() == Some(TablePlatform::Macos) {
                return Some(TablePlatform::Macos);
            }
            return Some(*one);
        }
    }
    platform_named_in(header).or_else(|| heading.iter().find_map(|l| platform_named_in(l)))
}

/// The platform a phrase names, as whole words (`iOS权限`, `IOS operating system`, but not
/// "scenarios").
pub(super) fn platform_named_in(text: &str) -> Option<TablePlatform> {
    let (macos, lower) = without_macos(text);
    let word = |w: &str| has_word(&lower, w);
    let mut hits = Vec::new();
    if macos {
        hits.push(TablePlatform::Macos);
    }
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

/// Whether `text` names macOS, and its lowercase text with the macOS phrases taken out:
/// "苹果电脑" (Mac) holds "苹果" (Apple, which alone means iOS here), and "Mac OS X" must not
/// also be read as other words.
pub(super) fn without_macos(text: &str) -> (bool, String) {
    let mut lower = text.to_lowercase();
    let mut macos = false;
    // Phrases only: a bare "Mac" is as often the MAC address (`MAC地址`) as the computer.
    for phrase in [
        "mac catalyst",
        "苹果电脑",
        "mac os x",
        "mac os",
        "macos",
        "os x",
        "osx",
        "mac 端",
        "mac端",
        "mac 版",
        "mac版",
        "mac app",
        "mac应用",
        "mac 应用",
    ] {
        // Whole words only: "iOS X…" holds "os x".
        while let Some(at) = word_at(&lower, phrase) {
            macos = true;
            lower.replace_range(at..at + phrase.len(), " ");
        }
    }
    (macos, lower)
}

/// Where `w` first occurs in `lower` as a whole word (no ASCII letter either side).
fn word_at(lower: &str, w: &str) -> Option<usize> {
    lower.match_indices(w).map(|(i, _)| i).find(|&i| {
        let before = lower[..i].chars().next_back();
        let after = lower[i + w.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphabetic())
            && !after.is_some_and(|c| c.is_ascii_alphabetic())
    })
}

/// Whether `w` occurs in `lower` as a whole word.
fn has_word(lower: &str, w: &str) -> bool {
    word_at(lower, w).is_some()
}

/// A heading row counts only when its text is identifiers joined by "and", commas and the like.
pub(super) fn heading_names_permissions(row: &RawRow) -> bool {
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
pub(super) fn label_without(text: &str, tokens: &[Token]) -> String {
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
    let label = label.trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ':' | '：' | '-' | '–' | '—' | ',' | '，' | '、' | '/' | ';' | '；'
            )
    });
    // `CAMERA（相机）`: the label in brackets after its identifier is the label itself.
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(inner) = label.strip_prefix(open).and_then(|l| l.strip_suffix(close)) {
            if !inner.contains([open, close]) && !inner.trim().is_empty() {
                return inner.trim().to_owned();
            }
        }
    }
    label.to_owned()
}
