//! One line taken apart: its marker (bullet, number, heading), its `key：value` fields, and the
//! tests of what its words are (a label, a sentence, a page footer, a note that a permission is
//! not used).

use super::super::find::{self, Role};
use super::super::resolve::{self, LabelMatch, Side};
use super::super::text::is_han;

/// Longest line text (in characters) read as a label: labels are short, prose is not.
pub(super) const MAX_LABEL_LINE: usize = 40;
/// [`MAX_LABEL_LINE`] for a line of ASCII only.
const MAX_ENGLISH_LABEL_LINE: usize = 56;
/// Longest platform tag after a name (` (Android only)`), in characters.
const MAX_PLATFORM_TAG: usize = 16;
/// Longest `key` of a `key：value` line, in characters.
pub(super) const MAX_KEY_CHARS: usize = 16;
/// Most `key：value` fields read from one line.
pub(super) const MAX_FIELDS: usize = 8;

/// What a line's structure says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Marker {
    /// No marker: a paragraph, or a cell of a flattened table.
    Plain,
    /// A Markdown heading, a numbered heading (`1.`, `1、`, `一、`, `I.`) or a bullet.
    Marked,
    /// An indented bullet: below the line above it.
    Nested,
}

/// Most items read from one listing field.
pub(super) const MAX_LISTED: usize = 32;

/// The items of a listing field's value that name permissions (identifiers, or labels the
/// lexicon or catalog knows), each a row's name; what they are for in brackets is dropped
/// (`读取电话状态(获取手机号码)`), and items that name no permission (personal information:
/// `手机号`, `设备信息`) are no rows.
pub(super) fn listed_labels(value: &str) -> Vec<String> {
    let mut plain = String::with_capacity(value.len());
    let mut depth = 0usize;
    for c in value.chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = depth.saturating_sub(1),
            c if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    plain
        .split(['、', ',', '，', ';', '；', '/'])
        .map(|i| i.trim().trim_start_matches("涉及"))
        .filter(|i| !i.is_empty())
        .take(MAX_LISTED)
        .filter(|i| !resolve::identifiers(i).is_empty() || (short(i) && known_label(label_text(i))))
        .map(str::to_owned)
        .collect()
}

/// Android's permission groups (`android.permission-group.*`), by their short names.
const PERMISSION_GROUPS: [&str; 15] = [
    "CALENDAR",
    "CALL_LOG",
    "CAMERA",
    "CONTACTS",
    "LOCATION",
    "MICROPHONE",
    "NEARBY_DEVICES",
    "NOTIFICATIONS",
    "PHONE",
    "PHYSICAL_ACTIVITY",
    "READ_MEDIA_AURAL",
    "READ_MEDIA_VISUAL",
    "SENSORS",
    "SMS",
    "STORAGE",
];

/// Where the run of identifiers that opens `body` ends (only separators between them), if
/// `body` opens with one.
pub(super) fn leading_ids_end(body: &str, tokens: &[resolve::Token]) -> Option<usize> {
    // A group column before them (`LOCATION ACCESS_FINE_LOCATION …`, `PHONE READ_PHONE_STATE`):
    // the name of an Android permission group, written on each group's first row only.
    let start = tokens.first()?.range.start;
    // Or the row's label (`Camera CAMERA Use to take photos …`, `Read Storage
    // READ_EXTERNAL_STORAGE …`): a table whose cells the page joined with spaces.
    let group = body.get(..start).is_some_and(|head| {
        head.ends_with(char::is_whitespace)
            && (PERMISSION_GROUPS.contains(&head.trim())
                || (short(head.trim()) && known_label(head.trim()))
                || title_words(head.trim()))
    });
    if start != 0 && !group {
        return None;
    }
    let mut end = start;
    for t in tokens {
        let between = body.get(end..t.range.start)?;
        if !between
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, ',' | '、' | '/' | '，'))
        {
            break;
        }
        end = t.range.end;
    }
    Some(end)
}

/// Whether `text` is one to three capitalised English words (`Write Storage`): a label cell,
/// not a sentence's opening (`We use`).
fn title_words(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..=3).contains(&words.len())
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_ascii_uppercase())
                && w.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
        })
        && !matches!(
            words[0],
            "We" | "The" | "This" | "It" | "If" | "For" | "Our" | "Your"
        )
}

/// A line taken apart: its marker, its text without the marker, and its `key：value` fields.
#[derive(Debug)]
pub(super) struct Parsed<'l> {
    pub(super) marker: Marker,
    pub(super) body: &'l str,
    /// Fields in order: (role of the key, value); `Role::Other` for keys that are known but
    /// hold neither (备注, 拒绝授权的后果). Empty when the line is not `key：value`.
    pub(super) fields: Vec<(Role, &'l str)>,
}

/// The role a `key：value` key gives its value, when the key is one policies use.
pub(super) fn field_role(key: &str) -> Option<Role> {
    let k: String = key
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    let role = match k.as_str() {
        // Not `名称` or `name` alone: `名称：某某公司` names a company, not a permission.
        "权限名称" | "权限" | "权限名" | "相关权限" | "系统权限" | "permission"
        | "permissionname" => Role::Name,
        k if find::DESCRIPTION_NAMES.contains(&k) || k == "explanation" => Role::Description,
        k if find::PURPOSE_NAMES.contains(&k)
            || matches!(k, "调用目的" | "usagecontext" | "usagescenario") =>
        {
            Role::Purpose
        }
        "涉及的权限"
        | "涉及权限"
        | "涉及的权限/个人信息"
        | "涉及权限/个人信息"
        | "权限/个人信息"
        | "所需权限"
        | "申请的权限"
        | "申请权限"
        | "调用的权限"
        | "使用的权限"
        | "permissionsused"
        | "permissionsrequired" => Role::Listed,
        k if find::ASIDE_NAMES.contains(&k) => Role::Other,
        "备注"
        | "收集个人信息的类型"
        | "适用范围"
        | "privacy&security"
        | "typeofpersonalinformationcollected"
        | "note"
        | "notes" => Role::Other,
        _ => return None,
    };
    Some(role)
}

pub(super) fn parse(text: &str) -> Parsed<'_> {
    let (marker, body) = strip_marker(text);
    let mut fields = Vec::new();
    // Each `:`/`：` ends a field key when the words just before it are a known key; a line may
    // hold several (`功能说明:… 使用场景和目的:…`).
    let mut cuts: Vec<(usize, usize, Role)> = Vec::new();
    for (i, c) in body.char_indices() {
        if c != ':' && c != '：' {
            continue;
        }
        // A line that does not start with a key is no `key：value` line, and a line has a
        // handful of fields: either way the rest of a long line need not be looked at.
        if cuts.first().is_none_or(|&(start, _, _)| start != 0) && i > MAX_KEY_CHARS * 4
            || cuts.len() >= MAX_FIELDS
        {
            break;
        }
        let before = &body[..i];
        // The key starts after the last space or sentence mark, at most MAX_KEY_CHARS back.
        let key_start = before
            .char_indices()
            .rev()
            .take(MAX_KEY_CHARS + 1)
            .take_while(|&(_, ch)| !matches!(ch, ' ' | '。' | '；' | ';' | ',' | '，' | ':' | '：'))
            .last()
            .map_or(i, |(s, _)| s);
        let mut chosen = None;
        // Try the longest key first, then shorter tails (`Usage Scenario/Purpose` has a space).
        let wide_start = before
            .char_indices()
            .rev()
            .take(MAX_KEY_CHARS + 8)
            .take_while(|&(_, ch)| !matches!(ch, '。' | '；' | ';' | '，' | ':' | '：'))
            .last()
            .map_or(i, |(s, _)| s);
        for start in [wide_start, key_start] {
            let key = before[start..].trim();
            if key.is_empty() {
                continue;
            }
            if let Some(role) = field_role(key) {
                chosen = Some((start, role));
                break;
            }
        }
        if let Some((start, role)) = chosen {
            if cuts.last().is_none_or(|&(_, end, _)| start >= end) {
                cuts.push((start, i + c.len_utf8(), role));
            }
        }
    }
    // A line is `key：value` only when it starts with a key.
    if cuts.first().is_some_and(|&(start, _, _)| start == 0) {
        for (n, &(_, value_start, role)) in cuts.iter().enumerate() {
            let end = cuts.get(n + 1).map_or(body.len(), |&(s, _, _)| s);
            fields.push((role, body[value_start..end].trim()));
        }
    }
    Parsed {
        marker,
        body,
        fields,
    }
}

/// What opens a bulleted item.
pub(super) const BULLETS: [&str; 10] = ["- ", "* ", "+ ", "• ", "· ", "●", "○", "■", "◆", "▪"];

/// The bullet a line opens with, and how far it is indented.
pub(super) fn bullet_of(text: &str) -> Option<(usize, &'static str)> {
    let t = text.trim_start();
    let indent = text.len() - t.len();
    BULLETS
        .iter()
        .find(|b| t.starts_with(**b))
        .map(|&b| (indent, b))
}

/// The marker at the start of a line, and the text after it.
pub(super) fn strip_marker(text: &str) -> (Marker, &str) {
    let t = text.trim_start();
    let indented = text.len() - t.len() >= 2;
    let t2 = t.trim_start_matches(['#', '>']).trim_start();
    if t2.len() != t.len() {
        return (Marker::Marked, strip_number(t2).1);
    }
    for bullet in BULLETS {
        if let Some(rest) = t.strip_prefix(bullet) {
            let marker = if indented {
                Marker::Nested
            } else {
                Marker::Marked
            };
            return (marker, strip_number(rest.trim_start()).1);
        }
    }
    match strip_number(t) {
        (true, rest) => (Marker::Marked, rest),
        (false, rest) => (Marker::Plain, rest),
    }
}

/// `IDFA(iOS14及以上)`, `通知（Android 13+）`: a name whose brackets say from which version of
/// a platform it applies. The platform is named only there, beside a version number: the
/// line is a row's name, not a platform section's heading.
pub(super) fn version_qualified(body: &str) -> bool {
    let body = body.trim();
    let Some(inner_end) = body.strip_suffix([')', '）']) else {
        return false;
    };
    let Some(open) = inner_end.rfind(['(', '（']) else {
        return false;
    };
    let (outside, inner) = (&inner_end[..open], &inner_end[open..]);
    !outside.trim().is_empty()
        && find::platform_named_in(outside).is_none()
        && find::platform_named_in(inner).is_some()
        && inner.bytes().any(|b| b.is_ascii_digit())
}

/// Whether `text` is a numbered list item (`四、 相片：…`, `3. Camera: …`): neither a heading,
/// a quote nor a bullet, which the lines under a numbered row may be.
pub(super) fn numbered_item(text: &str) -> bool {
    let t = text.trim_start();
    !t.starts_with(['#', '>']) && !BULLETS.iter().any(|b| t.starts_with(b)) && strip_number(t).0
}

/// The number of a numbered item and the way it is written (`3.` is `(3, ".")`, `十一、` is
/// `(11, "cjk、")`): the next item of a list has the next number written the same way, which
/// a sub-list under an item (`1.`, `2.` again) does not.
pub(super) fn ordinal(text: &str) -> Option<(u32, String)> {
    let t = text.trim_start();
    if !numbered_item(t) {
        return None;
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let n = t[..digits].parse().ok()?;
        let mark = t[digits..].chars().next()?;
        return Some((n, mark.to_string()));
    }
    let numeral: String = t
        .chars()
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .collect();
    if !numeral.is_empty() {
        let mark = t[numeral.len()..].chars().next()?;
        return Some((cjk_number(&numeral)?, format!("cjk{mark}")));
    }
    None
}

/// `七` is 7, `十一` 11, `二十三` 23; anything else (`十十`) is no number.
pub(super) fn cjk_number(numeral: &str) -> Option<u32> {
    let digit = |c: char| "一二三四五六七八九".find(c).map(|i| i as u32 / 3 + 1);
    let chars: Vec<char> = numeral.chars().collect();
    match chars.as_slice() {
        [d] if *d != '十' => digit(*d),
        ['十'] => Some(10),
        ['十', d] => Some(10 + digit(*d)?),
        [t, '十'] => Some(10 * digit(*t)?),
        [t, '十', d] => Some(10 * digit(*t)? + digit(*d)?),
        _ => None,
    }
}

/// `1.`, `1、`, `1)`, `(1)`, `（1）`, `一、`, `（二）`, `I.`: the numbering of a heading or item.
pub(super) fn strip_number(t: &str) -> (bool, &str) {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &t[digits..];
        for m in [".", "、", ")", "）", "．"] {
            if let Some(r) = rest.strip_prefix(m) {
                // `1.5 GB` is a number, not a numbering.
                if m == "." && r.starts_with(|c: char| c.is_ascii_digit()) {
                    return (false, t);
                }
                return (true, r.trim_start());
            }
        }
    }
    let cjk = t
        .chars()
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .map(char::len_utf8)
        .sum::<usize>();
    if (1..=9).contains(&cjk) {
        for m in ["、", ".", "．"] {
            if let Some(r) = t[cjk..].strip_prefix(m) {
                return (true, r.trim_start());
            }
        }
    }
    for (open, close) in [("(", ")"), ("（", "）")] {
        if let Some(rest) = t.strip_prefix(open) {
            let n = rest
                .chars()
                .take_while(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(*c))
                .map(char::len_utf8)
                .sum::<usize>();
            if (1..=9).contains(&n) {
                if let Some(r) = rest[n..].strip_prefix(close) {
                    return (true, r.trim_start());
                }
            }
        }
    }
    let roman = t
        .bytes()
        .take_while(|b| matches!(b, b'I' | b'V' | b'X'))
        .count();
    if (1..=4).contains(&roman) && t[roman..].starts_with(". ") {
        return (true, t[roman + 2..].trim_start());
    }
    (false, t)
}

/// Whether the next line may go on a value that ends so (no full stop), and whether it
/// stopped inside an English sentence.
pub(super) fn unfinished(value: &str) -> Option<bool> {
    let value = value.trim_end();
    (!ends_a_sentence(value))
        .then(|| value.ends_with(|c: char| c.is_ascii_alphanumeric() || c == ','))
}

/// Whether a text ends as a sentence or a clause does, so that the next line is not its
/// continuation.
pub(super) fn ends_a_sentence(text: &str) -> bool {
    text.trim_end()
        .ends_with(['。', '.', '!', '！', '?', '？', ';', '；'])
}

/// Whether a line on its own reads as a name: [`short`], or a known English label a little
/// longer, as English spends more letters on a name than Chinese does (Android's own run to 50:
/// `modify or delete the contents of your USB storage`).
pub(super) fn name_line(text: &str) -> bool {
    short(text)
        || (text.is_ascii()
            && text.len() <= MAX_ENGLISH_LABEL_LINE
            && !text.ends_with('.')
            && known_label(label_text(text)))
}

/// Whether a text reads as a name rather than a sentence.
pub(super) fn short(text: &str) -> bool {
    text.chars().count() <= MAX_LABEL_LINE
        && !text.contains('。')
        && !text.contains(". ")
        && !text.ends_with('.')
}

/// The label of a line (no identifiers in it), trailing colons and brackets trimmed.
pub(super) fn label_text(body: &str) -> &str {
    body.trim()
        .trim_end_matches([':', '：'])
        .trim_matches(|c: char| matches!(c, '【' | '】' | '[' | ']' | '*' | '"' | '“' | '”'))
        .trim()
}

/// Whether a row's text says the permission is not used: it opens with a Chinese word of
/// refusal (`不使用`, `未申请`, `无需`), or its first clause holds an English negation (`not
/// used`, `we never request …`). A negation later in the text (`扫码，不会用于其他用途`) is a
/// condition of the use, not a refusal.
pub(super) fn says_unused(text: &str) -> bool {
    const ZH: [&str; 14] = [
        "不使用",
        "不申请",
        "不会申请",
        "不会使用",
        "不需要",
        "未使用",
        "未申请",
        "无需",
        "无须",
        "没有使用",
        "从不",
        "绝不",
        "不涉及",
        "暂不",
    ];
    let t = text
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    if ZH.iter().any(|w| t.starts_with(w)) {
        return true;
    }
    let first = t
        .split([',', '.', ';', '，', '。', '；', '('])
        .next()
        .unwrap_or("");
    // `without it, scanning is unavailable` is what refusing costs, not a refusal.
    !first.contains("without") && super::super::prose::negates_in_english(first)
}

/// Whether a line is a page number or footer that a PDF's text layer puts between lines:
/// `第 12 页 共 14 页`, `共14页 第3页`, `Page 3 of 10`, `3 / 14`, `- 3 -`.
pub(super) fn is_page_marker(text: &str) -> bool {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let zh_page = |s: &str| {
        s.strip_prefix('第')
            .or_else(|| s.strip_prefix('共'))
            .and_then(|r| r.strip_suffix('页'))
            .is_some_and(digits)
    };
    if let Some(i) = t.find('页').map(|i| i + '页'.len_utf8()) {
        let (first, rest) = t.split_at(i);
        if zh_page(first) && (rest.is_empty() || zh_page(rest)) {
            return true;
        }
    }
    if let Some(rest) = t.strip_prefix("page") {
        let (n, of) = rest.split_once("of").unwrap_or((rest, "0"));
        return digits(n) && digits(of);
    }
    if let Some((n, m)) = t.split_once('/') {
        return digits(n) && digits(m);
    }
    digits(t.trim_matches('-')) && t.starts_with('-') && t.ends_with('-')
}

/// `label：text` (or `label – text`, `label — text`, `label - text`, `label——text`) where the
/// label is one the lexicon or the catalog knows: the two parts.
pub(super) fn label_then_text(body: &str) -> Option<(&str, &str)> {
    if let Some((head, rest)) = split_name(body) {
        let head = label_text(head);
        if !head.is_empty() && known_label(head) {
            return Some((head, rest));
        }
    }
    glued_label(body).or_else(|| latin_then_cjk(body))
}

/// `Camera 相机权限 OCR识别身份证`: a row whose cells the page joined with spaces, an English
/// label first and the Chinese cells after it. The Latin words before the first Han character
/// are the label when the lexicon or catalog knows them.
pub(super) fn latin_then_cjk(body: &str) -> Option<(&str, &str)> {
    if !body.as_bytes().first()?.is_ascii_alphabetic() {
        return None;
    }
    let cut = body.find(|c: char| !c.is_ascii())?;
    let (head, rest) = (body[..cut].trim(), body[cut..].trim());
    let han = rest.chars().next().is_some_and(|c| c as u32 >= 0x3400);
    (han && !head.is_empty() && head.len() <= 40 && !rest.is_empty() && known_label(head))
        .then_some((head, rest))
}

/// `CameraAdditional functionTo take photos…`: a table whose cells were copied without the
/// space between them, so an English label runs into the next cell's capital. The first such
/// seam (a lower-case letter, then a capital) cuts when the text before it is a known label.
pub(super) fn glued_label(body: &str) -> Option<(&str, &str)> {
    glued_seam(body).filter(|(head, _)| known_label(head))
}

/// The text before and after the first seam of [`glued_label`], whatever the text before it.
pub(super) fn glued_seam(body: &str) -> Option<(&str, &str)> {
    let bytes = body.as_bytes();
    if !bytes.first()?.is_ascii_uppercase() {
        return None;
    }
    let limit = bytes.len().min(MAX_LABEL_LINE);
    // The first seam only: a label's own words are not capitalised after its first
    // (`Body sensors`, `Address book`), and one lookup a line keeps long documents cheap.
    let i =
        (1..limit).find(|&i| bytes[i].is_ascii_uppercase() && bytes[i - 1].is_ascii_lowercase())?;
    let (head, rest) = (&body[..i], body[i..].trim());
    (!rest.is_empty()).then_some((head, rest))
}

/// A line cut at its first `：`, `:`, ` – `, ` — `, ` - ` or `——` within the first
/// [`MAX_LABEL_LINE`] characters: the name before it and the text after it, both non-empty.
pub(super) fn split_name(body: &str) -> Option<(&str, &str)> {
    split_name_at(body).map(|(head, rest, _)| (head, rest))
}

/// [`split_name`], and the separator it split at.
pub(super) fn split_name_at(body: &str) -> Option<(&str, &str, &'static str)> {
    // A name may carry its platform's tag past the usual length (`Access to your Files and
    // Media (Android only) - …`): the tag is no part of the name.
    let limit = body
        .char_indices()
        .nth(MAX_LABEL_LINE + MAX_PLATFORM_TAG)
        .map_or(body.len(), |(i, _)| i);
    let (i, sep) = [":", "：", " – ", " — ", " - ", "——"]
        .iter()
        .filter_map(|sep| body[..limit].find(sep).map(|i| (i, *sep)))
        .min()?;
    let head = &body[..i];
    let rest = body[i + sep.len()..].trim();
    let fits = head.chars().count() <= MAX_LABEL_LINE
        || resolve::without_platform_tag(head).0.chars().count() <= MAX_LABEL_LINE;
    (i > 0 && fits && !rest.is_empty()).then_some((head, rest, sep))
}

/// How a one-line `name：text` item is written: its indent, its bullet (none is `""`), whether
/// its name is bold (`**相机权限**`), and its separator.
pub(super) type ItemShape = (usize, &'static str, bool, &'static str);

pub(super) fn item_shape(text: &str, body: &str) -> Option<ItemShape> {
    let (_, _, sep) = split_name_at(body)?;
    let (indent, bullet) = bullet_of(text).unwrap_or((text.len() - text.trim_start().len(), ""));
    Some((indent, bullet, body.starts_with("**"), sep))
}

/// Whether a line speaks of permissions (`权限`, `permission`, `授权`, and Taiwan's `許可權`,
/// which a traditional document is read as: see [`super::super::hant`]).
pub(super) fn mentions_permissions(text: &str) -> bool {
    text.contains("权限")
        || text.contains("许可权")
        || text.contains("授权")
        || text.to_ascii_lowercase().contains("permission")
}

/// Whether a line opens as Android's own description of a permission does (`允许应用程序…`,
/// `允许该应用…`, "Allows the app to …"): the permdesc string a phone's permission screen shows
/// under each label, which app markets copy as the line under it with no heading of their own
/// (`此应用程序需要访问以下内容`).
pub(super) fn describes_grant(text: &str) -> bool {
    let text = text.trim_start();
    ["允许应用", "允许该应用", "允许此应用", "允许程序"]
        .iter()
        .any(|w| text.starts_with(w))
        || [
            "allows the app",
            "allows an app",
            "allows the application",
            "allows applications",
        ]
        .iter()
        .any(|w| {
            text.get(..w.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(w))
        })
}

/// Whether a label names something the lexicon or the catalog knows, on either platform.
pub(super) fn known_label(label: &str) -> bool {
    [Side::Android, Side::Ios]
        .into_iter()
        .any(|side| resolve::resolve_label(side, label) != LabelMatch::Unknown)
}

/// Whether a line is nothing but platform names (`Android/iOS`, `安卓、IOS系统`, `iOS`): the
/// cell of a flattened table's platform column.
pub(super) fn platform_only(text: &str) -> bool {
    let mut named = false;
    for part in text
        .split(['/', '／', '、', ',', '，', '&', '|', '和', '及'])
        .flat_map(str::split_whitespace)
    {
        let lower = part.to_lowercase();
        let name = lower.trim_end_matches("系统").trim_end_matches('端');
        match name {
            "android" | "ios" | "ipados" | "安卓" | "苹果" | "harmonyos" | "鸿蒙" | "全平台" =>
            {
                named = true;
            }
            "and" => {}
            _ => return false,
        }
    }
    named
}

/// Most words of a line looked at under a header joined by spaces.
pub(super) const MAX_SPACED_CELLS: usize = 64;

/// The columns of a line that is a header of Chinese column names joined by spaces, one of the
/// first three naming the permission (`设备权限 对应业务功能 调用权限的目的 是否询问`, `获取场景
/// 获取权限 对应功能业务 调用权限目的`). English column names have spaces of their own (`Usage
/// scenario`), so only names without are read so.
pub(super) fn spaced_header(body: &str) -> Option<Vec<Role>> {
    let words: Vec<&str> = body.split_whitespace().take(MAX_SPACED_CELLS).collect();
    if words.len() < 3 || words.len() >= MAX_SPACED_CELLS {
        return None;
    }
    // The name column: a stock name (`设备权限`), or one that says permission and is no label
    // itself (`调取设备权限`, not `相机权限`). Every column must have a name of a column (the
    // `collect` below), so a sentence of words apart is no header.
    let names = |w: &str| {
        find::column_name_role(w) == Some(Role::Name)
            || (w.chars().any(is_han)
                && w.chars().count() <= 8
                && find::role_of(w) == Role::Name
                && !known_label(label_text(w)))
    };
    if !words.iter().take(3).any(|w| names(w)) {
        return None;
    }
    words
        .iter()
        .map(|w| {
            (w.chars().any(is_han) && w.chars().count() <= 16 && resolve::identifiers(w).is_empty())
                .then(|| find::role_of(w))
                .filter(|&r| r != Role::Other)
        })
        .collect()
}

/// A row's name under a header joined by spaces, and the rest of its line: the longest of its
/// first three words that is a known label (`Face ID 面容识别 …`), else its first word.
pub(super) fn spaced_name(body: &str) -> Option<(&str, &str)> {
    // Where each of the first four words ends in `body` (the words are slices of it).
    let ends: Vec<usize> = body
        .split_whitespace()
        .take(4)
        .map(|w| w.as_ptr() as usize - body.as_ptr() as usize + w.len())
        .collect();
    // A name and something after it.
    if ends.len() < 2 {
        return None;
    }
    let name_at = |n: usize| {
        let end = ends[n - 1];
        (&body[..end], body[end..].trim_start())
    };
    let known = (1..ends.len().min(4))
        .rev()
        .map(name_at)
        .find(|(name, _)| known_label(label_text(name)));
    known.or_else(|| {
        let (name, rest) = name_at(1);
        (name.chars().count() <= MAX_SPACED_NAME && !rest.is_empty()).then_some((name, rest))
    })
}

/// A row under a header joined by spaces whose name column is not the first (`首次启动App
/// 存储权限 全部业务功能 保证…` under `获取场景 获取权限 …`): its name, the cells before and
/// after it with their columns, the last column taking the rest of the line. `None` when the
/// line has fewer words than the header has columns.
pub(super) fn spaced_row_at<'a>(
    body: &'a str,
    roles: &[Role],
    name_col: usize,
) -> Option<(&'a str, Vec<(Role, &'a str)>)> {
    let mut words = body.split_whitespace();
    let mut cells = Vec::new();
    let mut name = None;
    for (i, &role) in roles.iter().enumerate() {
        let word = words.next()?;
        if i == name_col {
            name = Some(word);
        } else if i + 1 == roles.len() {
            // The last column: this word and every one after it.
            let start = word.as_ptr() as usize - body.as_ptr() as usize;
            cells.push((role, body[start..].trim_end()));
        } else {
            cells.push((role, word));
        }
    }
    let name = name?;
    (name.chars().count() <= MAX_SPACED_NAME && resolve::identifiers(name).is_empty())
        .then_some((name, cells))
}

/// Longest first word read as a row's name under a header joined by spaces.
const MAX_SPACED_NAME: usize = 16;
