//! From a row's text to permission ids: finding identifiers in a label cell, and matching
//! labels without identifiers against the catalog's names.
//!
//! Identifiers are facts the document states; labels are guesses. So identifiers win whenever a
//! row has one, a label is matched only by exact (normalised) equality with a catalog name,
//! and a label that names several permissions is reported as ambiguous, never narrowed to one.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::sync::OnceLock;

use super::lexicon::{self, Sense};
use crate::catalog::{self, ANDROID_PREFIX, ShortName, catalog};

/// Longest token considered as an identifier; longer runs are prose or garbage.
const MAX_TOKEN: usize = 160;
/// Longest label matched against the catalog's names.
const MAX_LABEL_CHARS: usize = 64;

/// What a token in a label cell is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Ident {
    /// A full Android name (`android.permission.CAMERA`, vendor names with dots).
    AndroidFull,
    /// A short Android name the catalog knows, or any `UPPER_SNAKE` name (reported if unknown).
    AndroidShort,
    /// An Info.plist purpose-string key (`NS…UsageDescription`).
    IosKey,
    /// Another Info.plist key (`UIBackgroundModes`): not a privacy permission.
    PlistOther,
    /// A HarmonyOS permission (`ohos.permission.INTERNET`).
    Harmony,
    /// Words that are an Android short name with a space for an underscore
    /// (`READ PHONE_STATE`): the name it probably means. Never read as either word.
    Typo(String),
}

/// An identifier found in a cell: its text and byte range in the cell's plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    pub(crate) text: String,
    pub(crate) kind: Ident,
    pub(crate) range: Range<usize>,
}

/// The identifiers in `text`, in order. A token is a run of `[A-Za-z0-9_.]`, so an identifier
/// glued to Chinese text (`WRITE_EXTERNAL_STORAGE写入外置存储器`) is still found.
pub(crate) fn identifiers(text: &str) -> Vec<Token> {
    let is_id_char = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '.';
    // Every run of identifier characters, dots trimmed, in order.
    let mut words: Vec<Range<usize>> = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (start, is_id_char(c)) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                start = None;
                let raw = &text[s..i];
                let trimmed = raw.trim_matches('.');
                let offset = raw.len() - raw.trim_start_matches('.').len();
                if !trimmed.is_empty() {
                    split_glued(text, s + offset..s + offset + trimmed.len(), &mut words);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if let Some((token, used)) = typo_at(text, &words[i..]) {
            out.push(token);
            i += used;
            continue;
        }
        let range = words[i].clone();
        let word = &text[range.clone()];
        if let Some(kind) = classify(word) {
            out.push(Token {
                text: word.to_owned(),
                kind,
                range,
            });
        }
        i += 1;
    }
    out.extend(xcode_names(text));
    out.sort_by_key(|t| t.range.start);
    out
}

/// A run of identifier characters, cut before each full name glued to the one before it
/// (`android.permission.ACCESS_FINE_LOCATIONandroid.permission.ACCESS_COARSE_LOCATION`, as a
/// page whose cell held one name per line gives it when copied): a namespace segment in lower
/// case (`android.`, `com.`) right after the upper-case letter or digit that ends a name.
fn split_glued(text: &str, range: Range<usize>, words: &mut Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    let mut from = range.start;
    // Whether the current dot-separated segment has an upper-case letter so far: it must end
    // a name (`…LOCATION`), not be a lower-case segment with a digit (`c2dm.` of
    // `com.google.android.c2dm.permission.RECEIVE`). Kept as the walk goes, so a long run is
    // read once.
    let mut upper_in_segment = false;
    for j in range.start + 1..range.end {
        let before = bytes[j - 1];
        match before {
            b'.' => upper_in_segment = false,
            b if b.is_ascii_uppercase() => upper_in_segment = true,
            _ => {}
        }
        if !upper_in_segment || !(before.is_ascii_uppercase() || before.is_ascii_digit()) {
            continue;
        }
        // A lower-case segment of two or more letters and its dot; the letters stop at the
        // first other byte, so this reads a run of them only where it starts.
        let segment = bytes[j..range.end]
            .iter()
            .take_while(|b| b.is_ascii_lowercase())
            .count();
        if segment >= 2 && bytes.get(j + segment) == Some(&b'.') {
            words.push(from..j);
            from = j;
            upper_in_segment = false;
        }
    }
    words.push(from..range.end);
}

/// Most words joined when looking for a spaced-out short name (`READ PHONE STATE`).
const MAX_TYPO_WORDS: usize = 3;

/// A short name written with spaces for some of its underscores, at the first of `words`:
/// the token and how many words it used.
fn typo_at(text: &str, words: &[Range<usize>]) -> Option<(Token, usize)> {
    let upper = |r: &Range<usize>| {
        let w = &text[r.clone()];
        w.starts_with(|c: char| c.is_ascii_uppercase())
            && w.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
    };
    // `android.permission.READ PHONE_STATE`: the full prefix before the broken name.
    let first = &text[words.first()?.clone()];
    let stem = first.strip_prefix(ANDROID_PREFIX).unwrap_or(first);
    let stem_upper = stem.starts_with(|c: char| c.is_ascii_uppercase())
        && stem
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
    if !stem_upper {
        return None;
    }
    let mut joined = stem.to_owned();
    for n in 2..=MAX_TYPO_WORDS.min(words.len()) {
        let (prev, next) = (&words[n - 2], &words[n - 1]);
        let gap = &text[prev.end..next.start];
        if !upper(next) || gap.is_empty() || gap.len() > 2 || gap.bytes().any(|b| b != b' ') {
            return None;
        }
        joined.push('_');
        joined.push_str(&text[next.clone()]);
        let underscore = words[..n].iter().any(|r| text[r.clone()].contains('_'));
        if underscore && known_short(&joined) {
            let range = words[0].start..next.end;
            return Some((
                Token {
                    text: text[range.clone()].to_owned(),
                    kind: Ident::Typo(joined),
                    range,
                },
                n,
            ));
        }
    }
    None
}

/// Xcode's display names of Info.plist keys (`Privacy - Camera Usage Description`), as the
/// keys they stand for.
fn xcode_names(text: &str) -> Vec<Token> {
    let lower = text.to_ascii_lowercase();
    lower
        .match_indices("privacy - ")
        .take(MAX_XCODE_NAMES)
        .filter_map(|(i, _)| {
            let (key, len) = lexicon::xcode_name_at(&text[i..])?;
            Some(Token {
                text: key.to_owned(),
                kind: Ident::IosKey,
                range: i..i + len,
            })
        })
        .collect()
}

/// Most Xcode display names looked up in one cell; a cell holds a few.
const MAX_XCODE_NAMES: usize = 64;

/// What a token is, or `None` for an ordinary word.
pub(crate) fn classify(token: &str) -> Option<Ident> {
    if token.len() < 2 || token.len() > MAX_TOKEN {
        return None;
    }
    let upper_snake = |s: &str| {
        s.starts_with(|c: char| c.is_ascii_uppercase())
            && s.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
    };
    if token.contains('.') {
        let mut segments = token.split('.');
        let first = segments.next().unwrap_or("");
        let last = token.rsplit('.').next().unwrap_or("");
        let well_formed = first.starts_with(|c: char| c.is_ascii_lowercase())
            && token.split('.').all(|s| !s.is_empty())
            && upper_snake(last);
        return match well_formed {
            true if first == "ohos" => Some(Ident::Harmony),
            true => Some(Ident::AndroidFull),
            false => None,
        };
    }
    let alnum = token.bytes().all(|b| b.is_ascii_alphanumeric());
    // Only what the policy schema and the Info.plist reader call a purpose-string key: a
    // purpose-string dictionary (`NSLocationTemporaryUsageDescriptionDictionary`) is neither,
    // so importing it would write a policy that does not load. It is a plist key like others.
    if alnum && token.len() > 16 && crate::input::plist::is_usage_key(token) {
        return Some(Ident::IosKey);
    }
    let plist_prefix = ["NS", "UI", "LS", "CF", "BG", "ITS", "WK"].iter().any(|p| {
        token
            .strip_prefix(p)
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_uppercase()))
    });
    if alnum && plist_prefix && token.bytes().any(|b| b.is_ascii_lowercase()) && token.len() > 6 {
        return Some(Ident::PlistOther);
    }
    // A word without `_` is an identifier only as Android's own (`CAMERA`, `INTERNET`): a
    // vendor's one-word name (Samsung's badge `READ`, `WRITE`; `RECEIVE` of push services) is
    // an English word in a heading written in capitals (`READ YOUR TEXT MESSAGES`).
    if upper_snake(token) && (token.contains('_') || aosp_word(token)) {
        return Some(Ident::AndroidShort);
    }
    None
}

/// Short name → full names of every catalog permission with that last segment.
fn short_index() -> &'static HashMap<&'static str, Vec<&'static str>> {
    static INDEX: OnceLock<HashMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: HashMap<&'static str, Vec<&'static str>> = HashMap::new();
        for p in catalog().android() {
            index
                .entry(catalog::short_name(p.name))
                .or_default()
                .push(p.name);
        }
        index
    })
}

/// Whether the catalog knows a permission of this short name. Checked before
/// [`crate::catalog::Catalog::resolve_short`], which computes a suggestion for unknown names:
/// a document full of capitalised words must not cost an edit-distance search per word.
pub(crate) fn known_short(short: &str) -> bool {
    short_index().contains_key(short)
}

/// Whether `word` is the short name of a permission in `android.permission`.
fn aosp_word(word: &str) -> bool {
    short_index().get(word).is_some_and(|names| {
        names
            .iter()
            .any(|n| n.strip_prefix("android.permission.") == Some(word))
    })
}

/// A resolved permission: the form to write in the policy and the canonical id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Perm {
    pub(crate) written: String,
    pub(crate) canonical: String,
}

/// How an identifier or label resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Resolved {
    /// Exactly these permissions (one per identifier, or one per part of a listed label).
    Ids(Vec<Perm>),
    /// Several permissions match; the canonical ids.
    Ambiguous(Vec<String>),
    /// Nothing matches; the nearest known name, if one is close.
    Unknown { nearest: Option<String> },
}

/// Resolves a short Android name the way the policy loader will.
/// The prefix of the permissions the Android platform itself defines.
pub(crate) const PLATFORM_PREFIX: &str = "android.permission.";

pub(crate) fn resolve_short(short: &str, suggest: bool) -> Resolved {
    if !known_short(short) {
        let nearest = suggest
            .then(|| catalog::nearest(short, short_index().keys().copied()))
            .flatten();
        return Resolved::Unknown {
            nearest: nearest.map(str::to_owned),
        };
    }
    match catalog().resolve_short(short) {
        ShortName::Resolved(canonical) => Resolved::Ids(vec![Perm {
            written: short.to_owned(),
            canonical,
        }]),
        ShortName::Ambiguous(many) => {
            Resolved::Ambiguous(many.into_iter().map(str::to_owned).collect())
        }
        ShortName::Unknown { nearest } => Resolved::Unknown {
            nearest: nearest.map(str::to_owned),
        },
    }
}

/// How a canonical Android id is best written in a policy: the short name when it resolves back
/// to the same id, else the full name.
pub(crate) fn written_android(canonical: &str) -> String {
    let short = catalog::short_name(canonical);
    match catalog().resolve_short(short) {
        ShortName::Resolved(full) if full == canonical => short.to_owned(),
        _ => canonical.to_owned(),
    }
}

/// Which catalog a label is matched against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Android,
    Ios,
}

/// Normalised label → canonical ids, per platform: the catalog's Chinese names (`zh`), the
/// English names derived from short names (`READ_PHONE_STATE` → "read phone state") for
/// Android, and the resource an iOS key guards ("Camera", "Contacts") for iOS.
fn label_index(side: Side) -> &'static HashMap<String, BTreeSet<&'static str>> {
    static ANDROID: OnceLock<HashMap<String, BTreeSet<&'static str>>> = OnceLock::new();
    static IOS: OnceLock<HashMap<String, BTreeSet<&'static str>>> = OnceLock::new();
    let build = |side: Side| {
        let mut index: HashMap<String, BTreeSet<&'static str>> = HashMap::new();
        let mut add = |name: &str, id: &'static str| {
            let key = normalise(name);
            if !key.is_empty() {
                index.entry(key).or_default().insert(id);
            }
        };
        match side {
            Side::Android => {
                for p in catalog().android() {
                    for alias in p.zh.split('|') {
                        add(alias, p.name);
                    }
                    if let Some(short) = p.name.strip_prefix(ANDROID_PREFIX) {
                        add(&short.replace('_', " "), p.name);
                    }
                }
            }
            Side::Ios => {
                for k in catalog().ios() {
                    for alias in k.zh.split('|') {
                        add(alias, k.key);
                    }
                    // The key's own words: "Location When In Use" is
                    // NSLocationWhenInUseUsageDescription (spaces and case do not count).
                    if let Some(words) = k
                        .key
                        .strip_prefix("NS")
                        .unwrap_or(k.key)
                        .strip_suffix("UsageDescription")
                    {
                        add(words, k.key);
                    }
                    // A deprecated key's resource name ("Location") is its successor's too.
                    if k.deprecated.is_empty() {
                        let guards = k.guards.split(" (").next().unwrap_or("");
                        add(guards, k.key);
                    }
                }
            }
        }
        index
    };
    match side {
        Side::Android => ANDROID.get_or_init(|| build(Side::Android)),
        Side::Ios => IOS.get_or_init(|| build(Side::Ios)),
    }
}

/// Case, spaces and hyphens do not distinguish names: "Wi-Fi 状态" = "wifi状态".
fn normalise(label: &str) -> String {
    lexicon::normalise(label)
}

/// Suffixes a label may carry that name no permission by themselves. `相机使用权限` ("camera
/// use permission") is `相机权限`: the longer suffixes come first so their stem is tried.
const SUFFIXES: [&str; 8] = [
    "使用权限",
    "访问权限",
    "权限",
    "permissions",
    "permission",
    "access",
    "授权",
    "访问",
];

/// Verbs (and the device's own name, `手机通讯录`) a label may start with that name no
/// permission by themselves, tried (after the whole label and its suffix stems) when nothing
/// else matched. In English, the words of iOS's own alert ("Would Like to Access Your
/// Photos") and pages' "Access to your Files and Media" (spaces are gone from the key), and
/// "GPS" before "Location".
const PREFIXES: [&str; 10] = [
    "访问",
    "使用",
    "获取",
    "手机",
    "设备",
    "accesstoyour",
    "accesstothe",
    "accessyour",
    "accessthe",
    "gps",
];

/// Verbs of access a label may name the device after (`读取设备电话状态`).
const VERBS: [&str; 5] = ["读取", "获取", "访问", "查看", "修改"];

/// How a label without identifiers matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LabelMatch {
    /// These permissions; `group` when the label names several at once (a person confirms).
    Ids { perms: Vec<Perm>, group: bool },
    /// The catalog's names give several permissions for it.
    Ambiguous(Vec<String>),
    /// The lexicon knows the label but it does not say which permission: the candidates.
    Vague(Vec<String>),
    /// The label names no permission of this platform (clipboard, USB; or only the other
    /// platform's).
    NoPermission { other_platform: bool },
    /// Nothing matches.
    Unknown,
}

/// Matches a label without identifiers: the whole label first (the lexicon, then the catalog's
/// names), then without a "permission" suffix, then (if it lists several things, `相机、相册`)
/// each part on its own, all of which must match.
pub(crate) fn resolve_label(side: Side, label: &str) -> LabelMatch {
    if label.chars().count() > MAX_LABEL_CHARS {
        return LabelMatch::Unknown;
    }
    let label = without_platform_tag(label).0;
    if let Some(key) = (side == Side::Ios).then(|| ios_key_stem(label)).flatten() {
        return LabelMatch::Ids {
            perms: vec![perm(side, key)],
            group: false,
        };
    }
    let whole = lookup(side, label);
    if whole != LabelMatch::Unknown {
        return whole;
    }
    if let Some(found) = bilingual(side, label) {
        return found;
    }
    if let Some(both) = shared_verb(side, label).or_else(|| read_and_write(side, label)) {
        return both;
    }
    let parts: Vec<&str> = label
        .split(['、', ',', '，', ';', '；', '/', '／', '&'])
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 {
        return whole;
    }
    let mut perms = Vec::new();
    let mut group = false;
    for part in parts {
        match lookup(side, part) {
            LabelMatch::Ids {
                perms: found,
                group: g,
            } => {
                group |= g;
                perms.extend(found);
            }
            LabelMatch::NoPermission { .. } => {}
            other => return other,
        }
    }
    if perms.is_empty() {
        return LabelMatch::NoPermission {
            other_platform: false,
        };
    }
    LabelMatch::Ids { perms, group }
}

/// A row's label: as [`resolve_label`], and when that knows nothing, a Chinese label of words
/// apart, as a row named twice reads (a numbered heading and its `权限名称：` line, `通知权限
/// 推送通知`), means what each word that is known means, when they agree. Words that name
/// different things are not a list (that needs `、`): nothing is chosen. Not for finding labels
/// in running text, where words apart are neighbours, not names of one row.
pub(crate) fn resolve_row_label(side: Side, label: &str) -> LabelMatch {
    match resolve_label(side, label) {
        LabelMatch::Unknown => synonyms(side, label).unwrap_or(LabelMatch::Unknown),
        found => found,
    }
}

fn synonyms(side: Side, label: &str) -> Option<LabelMatch> {
    if label.chars().count() > MAX_LABEL_CHARS {
        return None;
    }
    if !label.bytes().any(|b| b >= 0xE3) {
        // English labels are phrases of words ("Read phone state"), never one per word.
        return None;
    }
    let mut words = label.split_whitespace();
    words.clone().nth(1)?;
    let mut known = words
        .by_ref()
        .map(|w| lookup(side, w))
        .filter(|m| *m != LabelMatch::Unknown);
    let first = known.next()?;
    known.all(|m| m == first).then_some(first)
}

/// `读取图片和视频`: one verb for two things joined by `和`, `与` or `及`, each of which names
/// permissions with the verb (`读取图片`, `读取视频`). Both must; the row is a group to review.
fn shared_verb(side: Side, label: &str) -> Option<LabelMatch> {
    const VERBS: [&str; 6] = ["读取", "写入", "访问", "使用", "获取", "修改"];
    const JOINS: [char; 3] = ['和', '与', '及'];
    let verb = VERBS.iter().find(|v| label.starts_with(**v))?;
    let (first, second) = label.split_once(JOINS)?;
    let second = second.trim();
    if second.is_empty() || second.contains(JOINS) || first.len() <= verb.len() {
        return None;
    }
    let mut perms = Vec::new();
    for part in [first.to_owned(), format!("{verb}{second}")] {
        match lookup(side, &part) {
            LabelMatch::Ids { perms: found, .. } => perms.extend(found),
            _ => return None,
        }
    }
    Some(LabelMatch::Ids { perms, group: true })
}

/// `使用相册权限(IOS)`, `存储权限（安卓）`: a label tagged with the one platform it is for. The
/// label without the tag, and the platform (`true` for iOS). The tag may qualify its platform
/// (`(Android仅限VIVO和魅族两个渠道)`) and may have lost its closing bracket
/// where a flattened table cut the cell (`读取设备电话状态(Android仅限VIVO和魅族两个渠道`).
pub(crate) fn without_platform_tag(label: &str) -> (&str, Option<bool>) {
    let trimmed = label.trim_end();
    let inner_end = trimmed.strip_suffix([')', '）']).unwrap_or(trimmed);
    let tagged = inner_end.rfind(['(', '（']).and_then(|start| {
        let open = inner_end[start..].chars().next()?.len_utf8();
        let head = inner_end[..start].trim_end();
        let inner = inner_end[start + open..].trim();
        let lower = inner.to_ascii_lowercase();
        let ios = [
            ("ios", true),
            ("iphone", true),
            ("苹果", true),
            ("android", false),
            ("安卓", false),
        ]
        .into_iter()
        .find_map(|(word, ios)| {
            let rest = lower.strip_prefix(word)?;
            // The platform's own word, not the start of another (`androidx`, `iOSApp`); not
            // its version (`IDFA(iOS14及以上)`), a name of its own; and one platform only
            // (`(iOS与Android)` is both).
            let other: &[&str] = if ios {
                &["android", "安卓"]
            } else {
                &["ios", "iphone", "苹果"]
            };
            (!rest.starts_with(|c: char| c.is_ascii_alphabetic())
                && !rest.bytes().any(|b| b.is_ascii_digit())
                && !other.iter().any(|o| rest.contains(o)))
            .then_some(ios)
        })?;
        (!head.is_empty()).then_some((head, Some(ios)))
    });
    tagged.unwrap_or((label, None))
}

/// `PhotoLibrary`, `LocationWhenInUse`, `Local Network Usage`: an Info.plist key without its
/// `NS` and `UsageDescription`, as developers name them; the key, when there is one.
fn ios_key_stem(label: &str) -> Option<&'static str> {
    let stem: String = label.split_whitespace().collect();
    if stem.len() < 4 || stem.len() > 48 || !stem.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let stem = stem
        .strip_suffix("UsageDescription")
        .or_else(|| stem.strip_suffix("Usage"))
        .unwrap_or(&stem);
    let stem = stem.strip_prefix("NS").unwrap_or(stem);
    // A key's stem is CamelCase words (`PhotoLibrary`, `FaceID`); one plain word (`Location`,
    // `Camera`) is a label, which the lexicon reads with its own sense.
    let capitals = stem.bytes().filter(u8::is_ascii_uppercase).count();
    if !stem.starts_with(|c: char| c.is_ascii_uppercase()) || capitals < 2 {
        return None;
    }
    let key = format!("NS{stem}UsageDescription");
    catalog()
        .ios_key(&key)
        .map(|k| k.key)
        .filter(|k| known_id(Side::Ios, k))
}

/// `相機(Camera)`, `Camera（相机）`: one label in two languages. When the whole is unknown, each
/// half is looked up; what a half names is the label's, unless the halves name different
/// things (then the label is left as unknown rather than either guessed).
fn bilingual(side: Side, label: &str) -> Option<LabelMatch> {
    // `使用相机(摄像头)权限`: the word for permission after the bracket belongs to both halves.
    let label = label.trim();
    let label = ["权限", " permissions", " permission"]
        .iter()
        .find_map(|s| label.strip_suffix(s))
        .unwrap_or(label)
        .trim_end();
    let open = label.find(['(', '（'])?;
    let inner = label[open..]
        .trim_start_matches(['(', '（'])
        .strip_suffix([')', '）'])?;
    let outer = label[..open].trim();
    if outer.is_empty() || inner.is_empty() || inner.contains(['(', '（']) {
        return None;
    }
    // Only a translation may leave a half unknown: `相機(Camera)`, never `包括摄像头(相机)`,
    // whose outer half is a sentence's words before the label.
    let translated = outer.is_ascii() != inner.is_ascii();
    let a = lookup(side, outer);
    // `存储权限(相册、媒体、其他文件)`: a list in the bracket says what the label covers, as
    // the system's dialog does; the label before it is the name.
    if inner.contains(['、', '，', ',']) && a != LabelMatch::Unknown {
        return Some(a);
    }
    let b = lookup(side, inner);
    match (a, b) {
        (LabelMatch::Unknown, LabelMatch::Unknown) => None,
        // `Camera (For aCamera library)`, `相机（用于扫码）`: a known name, then a remark on it;
        // one that denies (`相机（不使用）`) is no name of a permission the app asks for.
        (known, LabelMatch::Unknown) => {
            (translated || !super::prose::negates(inner)).then_some(known)
        }
        (LabelMatch::Unknown, known) => translated.then_some(known),
        (a, b) if a == b => Some(a),
        // `存储权限(相册权限)`: the name, then what it is for in the bracket (photos, which
        // alone may mean storage or media); on iOS, which has no storage permission, the
        // bracket is the name.
        (LabelMatch::Ids { perms, group }, LabelMatch::Vague(_)) if !translated => {
            Some(LabelMatch::Ids { perms, group })
        }
        (
            LabelMatch::NoPermission {
                other_platform: true,
            },
            vague @ LabelMatch::Vague(_),
        ) if !translated => Some(vague),
        // `照片(Photos)`: one half names a permission the other, vague, half may mean.
        (LabelMatch::Ids { perms, group }, LabelMatch::Vague(candidates))
        | (LabelMatch::Vague(candidates), LabelMatch::Ids { perms, group })
            if perms.iter().all(|p| candidates.contains(&p.canonical)) =>
        {
            Some(LabelMatch::Ids { perms, group })
        }
        _ => None,
    }
}

/// `读写外置存储`, `Read/Write Contacts`: 读写 is 读取 and 写入 of one thing, "read/write" is
/// "read" and "write" of it; when the lexicon knows both (`读取外置存储`, `写入外置存储`; "read
/// contacts", "write contacts"), the label is their group, to review.
fn read_and_write(side: Side, label: &str) -> Option<LabelMatch> {
    let label = label.trim();
    // `Read/Write Contacts`, `Read and write calendar`: the English form, each verb with the
    // thing after both.
    let lower = label.to_ascii_lowercase();
    let english = [
        "read/write ",
        "read / write ",
        "read and write ",
        "read & write ",
    ]
    .iter()
    .find_map(|p| lower.strip_prefix(p).map(|_| &label[p.len()..]));
    let (thing, verbs) = match english {
        Some(thing) => (thing.trim(), ["read ", "write "]),
        None => (
            label.strip_prefix("读写")?.trim_start_matches(['/', '、']),
            ["读取", "写入"],
        ),
    };
    if thing.chars().count() < 2 {
        return None;
    }
    let mut perms = Vec::new();
    for verb in verbs {
        match lookup(side, &format!("{verb}{thing}")) {
            LabelMatch::Ids { perms: found, .. } => perms.extend(found),
            _ => return None,
        }
    }
    Some(LabelMatch::Ids { perms, group: true })
}

/// Whether the catalog knows an id of this side (the lexicon lists a few the platform never
/// defined, such as a notification key iOS does not have).
fn known_id(side: Side, id: &str) -> bool {
    match side {
        Side::Android => catalog().android_permission(id).is_some(),
        // The schema's purpose-string keys only (see `classify`).
        Side::Ios => catalog().ios_key(id).is_some() && crate::input::plist::is_usage_key(id),
    }
}

/// A permission as a row names it: Android's short form written back as it is written.
pub(crate) fn perm(side: Side, canonical: &str) -> Perm {
    let written = match side {
        Side::Android => written_android(canonical),
        Side::Ios => canonical.to_owned(),
    };
    Perm {
        written,
        canonical: canonical.to_owned(),
    }
}

/// Several names the catalog gives one label for, when they are one capability across
/// platform versions: one of them is the deprecated predecessor or a replacement of every
/// other (`蓝牙` on iOS: `NSBluetoothAlwaysUsageDescription`, which replaced
/// `NSBluetoothPeripheralUsageDescription`; `日历`: `NSCalendarsUsageDescription` and the two
/// keys iOS 17 split it into). Successor matching (on unless `--strict-names`) lets that one
/// disclosure cover the others, so it is the label's, preferring one not deprecated.
fn one_capability<'a>(side: Side, ids: &[&'a str]) -> Option<&'a str> {
    let platform = match side {
        Side::Android => crate::model::Platform::Android,
        Side::Ios => crate::model::Platform::Ios,
    };
    let cat = catalog();
    let deprecated = |id: &str| match side {
        Side::Android => cat
            .android_permission(id)
            .is_some_and(|p| p.is_deprecated()),
        Side::Ios => cat.ios_key(id).is_some_and(|k| !k.deprecated.is_empty()),
    };
    let hubs: Vec<&'a str> = ids
        .iter()
        .copied()
        .filter(|&hub| {
            let mut related = cat.successors(platform, hub);
            related.extend(cat.predecessors(platform, hub));
            ids.iter().all(|&id| id == hub || related.contains(&id))
        })
        .collect();
    hubs.iter()
        .copied()
        .find(|&h| !deprecated(h))
        .or(hubs.first().copied())
}

fn lookup(side: Side, label: &str) -> LabelMatch {
    let key = normalise(label);
    if key.is_empty() {
        return LabelMatch::Unknown;
    }
    // `读取设备电话状态`: the device named between the verb and what it reads (`读取电话状态`).
    let without_device = VERBS.iter().find_map(|verb| {
        let rest = key.strip_prefix(verb)?;
        let rest = ["设备", "手机", "本机"]
            .iter()
            .find_map(|d| rest.strip_prefix(d))?
            .trim_start_matches('的');
        (rest.chars().count() >= 2).then(|| format!("{verb}{rest}"))
    });
    let stems = SUFFIXES
        .iter()
        .filter_map(|s| key.strip_suffix(s).filter(|s| !s.is_empty()));
    // `访问大致位置`: a verb of access before a name the lexicon knows without it; and
    // `使用地理位置权限`, the verb and the suffix both.
    fn bare(key: &str) -> impl Iterator<Item = &str> {
        PREFIXES
            .iter()
            .filter_map(move |p| key.strip_prefix(p).filter(|s| s.chars().count() >= 2))
    }
    let bare_stems = stems.clone().flat_map(bare);
    // A label seen only on the other platform (`日历权限`, written down from Android
    // policies) says nothing of this one: its stem (`日历`) may still name this platform's
    // permission. Only when none does is it the other platform's.
    let mut other_platform = None;
    for key in std::iter::once(key.as_str())
        .chain(stems)
        .chain(bare(&key))
        .chain(bare_stems)
        .chain(without_device.as_deref())
    {
        match lookup_exact(side, key) {
            LabelMatch::Unknown => {}
            found @ LabelMatch::NoPermission {
                other_platform: true,
            } => {
                other_platform.get_or_insert(found);
            }
            found => return found,
        }
    }
    other_platform.unwrap_or(LabelMatch::Unknown)
}

fn lookup_exact(side: Side, key: &str) -> LabelMatch {
    if let Some(entry) = lexicon::lookup(side, key) {
        let ids: Vec<&str> = entry
            .ids
            .iter()
            .copied()
            .filter(|id| known_id(side, id))
            .collect();
        return match (entry.sense, ids.as_slice()) {
            (_, []) => LabelMatch::NoPermission {
                other_platform: entry.other_platform,
            },
            (Sense::Vague, _) => LabelMatch::Vague(ids.iter().map(|&s| s.to_owned()).collect()),
            (sense, _) => LabelMatch::Ids {
                perms: ids.iter().map(|id| perm(side, id)).collect(),
                group: sense == Sense::Group || ids.len() > 1,
            },
        };
    }
    let index = label_index(side);
    match index
        .get(key)
        .map(|c| c.iter().copied().collect::<Vec<_>>())
    {
        Some(ids) if ids.len() == 1 => LabelMatch::Ids {
            perms: vec![perm(side, ids[0])],
            group: false,
        },
        Some(ids) if !ids.is_empty() => match one_capability(side, &ids) {
            Some(key) => LabelMatch::Ids {
                perms: vec![perm(side, key)],
                group: false,
            },
            None => LabelMatch::Ambiguous(ids.into_iter().map(str::to_owned).collect()),
        },
        _ => LabelMatch::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, Ident)> {
        identifiers(text)
            .into_iter()
            .map(|t| (t.text, t.kind))
            .collect()
    }

    #[test]
    fn one_word_identifiers_are_android_own() {
        assert_eq!(classify("CAMERA"), Some(Ident::AndroidShort));
        assert_eq!(classify("INTERNET"), Some(Ident::AndroidShort));
        // Samsung's `com.sec.android.provider.badge.permission.READ` is in the catalog, but the
        // word alone is English.
        assert!(known_short("READ"));
        assert_eq!(classify("READ"), None);
        assert_eq!(classify("WRITE"), None);
    }

    #[test]
    fn read_and_write_of_one_thing_is_both() {
        let ids = |label: &str| match resolve_label(Side::Android, label) {
            LabelMatch::Ids { perms, group } => Some((
                perms.into_iter().map(|p| p.canonical).collect::<Vec<_>>(),
                group,
            )),
            _ => None,
        };
        let contacts = Some((
            vec![
                "android.permission.READ_CONTACTS".to_owned(),
                "android.permission.WRITE_CONTACTS".to_owned(),
            ],
            true,
        ));
        assert_eq!(ids("Read/Write Contacts"), contacts);
        assert_eq!(ids("read and write contacts"), contacts);
        assert_eq!(ids("Read/Write nothing"), None);
    }

    #[test]
    fn full_names_glued_together_are_apart() {
        let names =
            |text: &str| -> Vec<String> { identifiers(text).into_iter().map(|t| t.text).collect() };
        assert_eq!(
            names(
                "android.permission.ACCESS_FINE_LOCATIONandroid.permission.ACCESS_COARSE_LOCATION"
            ),
            [
                "android.permission.ACCESS_FINE_LOCATION",
                "android.permission.ACCESS_COARSE_LOCATION"
            ]
        );
        assert_eq!(
            names("android.permission.CAMERAcom.android.launcher.permission.INSTALL_SHORTCUT"),
            [
                "android.permission.CAMERA",
                "com.android.launcher.permission.INSTALL_SHORTCUT"
            ]
        );
        // Lower case after lower case, or no dot after it, or a digit in a lower-case
        // segment, is one name.
        assert_eq!(
            names("NSCameraUsageDescription READ_PHONE_STATEx"),
            ["NSCameraUsageDescription"]
        );
        assert_eq!(
            names("com.google.android.c2dm.permission.RECEIVE"),
            ["com.google.android.c2dm.permission.RECEIVE"]
        );
    }

    #[test]
    fn finds_identifiers_among_words() {
        assert_eq!(
            kinds("Location permissions ACCESS_FINE_LOCATION ACCESS_COARSE_LOCATION"),
            vec![
                ("ACCESS_FINE_LOCATION".into(), Ident::AndroidShort),
                ("ACCESS_COARSE_LOCATION".into(), Ident::AndroidShort)
            ]
        );
        assert_eq!(
            kinds("Send SMS SEND_SMS"),
            vec![("SEND_SMS".into(), Ident::AndroidShort)]
        );
        assert_eq!(
            kinds("network right INTERNET. GPS WiFi"),
            vec![("INTERNET".into(), Ident::AndroidShort)]
        );
        assert_eq!(
            kinds("WRITE_EXTERNAL_STORAGE写入外置存储器"),
            vec![("WRITE_EXTERNAL_STORAGE".into(), Ident::AndroidShort)]
        );
        assert_eq!(
            kinds(
                "android.permission.CAMERA ohos.permission.CAMERA UIBackgroundModes NSCameraUsageDescription e.g. v1.2"
            ),
            vec![
                ("android.permission.CAMERA".into(), Ident::AndroidFull),
                ("ohos.permission.CAMERA".into(), Ident::Harmony),
                ("UIBackgroundModes".into(), Ident::PlistOther),
                ("NSCameraUsageDescription".into(), Ident::IosKey),
            ]
        );
    }

    #[test]
    fn platform_tags_may_qualify_their_platform() {
        assert_eq!(
            without_platform_tag("存储权限（安卓）"),
            ("存储权限", Some(false))
        );
        assert_eq!(
            without_platform_tag("读取设备电话状态(Android仅限部分渠道"),
            ("读取设备电话状态", Some(false))
        );
        assert_eq!(
            without_platform_tag("Local network (iOS only)"),
            ("Local network", Some(true))
        );
        // A version is a name of its own; another word is no tag.
        for untagged in [
            "IDFA(iOS14及以上)",
            "库(androidx)",
            "相机(前置)",
            "(iOS)",
            "相机（iOS与Android）",
        ] {
            assert_eq!(
                without_platform_tag(untagged),
                (untagged, None),
                "{untagged}"
            );
        }
    }

    #[test]
    fn the_device_between_verb_and_name_is_read_past() {
        let ids = |m: LabelMatch| match m {
            LabelMatch::Ids { perms, .. } => perms.into_iter().map(|p| p.canonical).collect(),
            other => panic!("{other:?}"),
        };
        let got: Vec<String> = ids(resolve_label(Side::Android, "读取设备电话状态"));
        assert_eq!(got, ["android.permission.READ_PHONE_STATE"]);
        let got: Vec<String> = ids(resolve_label(Side::Android, "获取手机通话记录"));
        assert_eq!(got, ["android.permission.READ_CALL_LOG"]);
        assert_eq!(
            resolve_label(Side::Android, "读取设备"),
            LabelMatch::Unknown
        );
    }

    #[test]
    fn labels_resolve_only_when_sure() {
        let ids = |w: &str, c: &str, group: bool| LabelMatch::Ids {
            perms: w
                .split(' ')
                .zip(c.split(' '))
                .map(|(w, c)| Perm {
                    written: w.into(),
                    canonical: c.into(),
                })
                .collect(),
            group,
        };
        let one = |w: &str, c: &str| ids(w, c, false);
        // Labels that name one permission, each as it is written and as its canonical id.
        // `X使用权限`, `X访问权限` and a verb before with a suffix after read as `X`. A label
        // written down from Android policies (`日历权限`) is the iOS calendar's too by its stem
        // (see `one_capability`), and keys that differ only by iOS version are one capability:
        // the one that relates to every other, the current one first.
        let android = |short: &'static str| (short, format!("android.permission.{short}"));
        let ios = |key: &'static str| (key, key.to_owned());
        for (side, label, (written, canonical)) in [
            (Side::Android, "相机", android("CAMERA")),
            (Side::Android, "读取电话状态", android("READ_PHONE_STATE")),
            (
                Side::Android,
                "Read phone state",
                android("READ_PHONE_STATE"),
            ),
            (Side::Android, "Camera permission", android("CAMERA")),
            (Side::Android, "相机使用权限", android("CAMERA")),
            (Side::Ios, "相機使用權限", ios("NSCameraUsageDescription")),
            (Side::Android, "麦克风访问权限", android("RECORD_AUDIO")),
            (
                Side::Ios,
                "使用麦克风权限",
                ios("NSMicrophoneUsageDescription"),
            ),
            (Side::Ios, "日历权限", ios("NSCalendarsUsageDescription")),
            (Side::Ios, "蓝牙", ios("NSBluetoothAlwaysUsageDescription")),
            (Side::Ios, "日历", ios("NSCalendarsUsageDescription")),
            (Side::Ios, "相机", ios("NSCameraUsageDescription")),
        ] {
            assert_eq!(
                resolve_label(side, label),
                one(written, &canonical),
                "{label}"
            );
        }
        // One that only Android has (`闪光灯权限`) stays the other platform's.
        assert_eq!(
            resolve_label(Side::Ios, "闪光灯权限"),
            LabelMatch::NoPermission {
                other_platform: true
            }
        );
        // `手机通讯录`: the phone's contacts.
        assert_eq!(
            resolve_label(Side::Android, "手机通讯录"),
            resolve_label(Side::Android, "通讯录")
        );
        assert_ne!(resolve_label(Side::Android, "通讯录"), LabelMatch::Unknown);
        assert!(matches!(
            resolve_label(Side::Android, "使用地理位置权限"),
            LabelMatch::Ids { group: true, .. }
        ));
        assert!(matches!(
            resolve_label(Side::Android, "使用相册权限"),
            LabelMatch::Vague(_)
        ));
        assert_eq!(
            resolve_label(Side::Android, "存储权限"),
            ids(
                "READ_EXTERNAL_STORAGE WRITE_EXTERNAL_STORAGE",
                "android.permission.READ_EXTERNAL_STORAGE android.permission.WRITE_EXTERNAL_STORAGE",
                true
            )
        );
        assert_eq!(
            resolve_label(Side::Android, "读取/写入外置存储"),
            ids(
                "READ_EXTERNAL_STORAGE WRITE_EXTERNAL_STORAGE",
                "android.permission.READ_EXTERNAL_STORAGE android.permission.WRITE_EXTERNAL_STORAGE",
                true
            )
        );
        assert_eq!(
            resolve_label(Side::Android, "相机、麦克风"),
            one(
                "CAMERA RECORD_AUDIO",
                "android.permission.CAMERA android.permission.RECORD_AUDIO"
            )
        );
        // iOS has two location keys, and a row that only says location leaves which one open.
        assert!(matches!(
            resolve_label(Side::Ios, "位置信息"),
            LabelMatch::Vague(c) if !c.is_empty()
        ));
        assert!(matches!(
            resolve_label(Side::Android, "位置信息"),
            LabelMatch::Ids { group: true, .. }
        ));
        assert_eq!(
            resolve_label(Side::Android, "剪切板"),
            LabelMatch::NoPermission {
                other_platform: false
            }
        );
        assert_eq!(
            resolve_label(Side::Android, "Punch in"),
            LabelMatch::Unknown
        );
    }

    #[test]
    fn a_verb_of_access_before_a_known_name() {
        assert!(matches!(
            resolve_label(Side::Android, "访问大致位置"),
            LabelMatch::Ids { ref perms, .. }
                if perms.iter().map(|p| p.canonical.as_str()).eq(["android.permission.ACCESS_COARSE_LOCATION"])
        ));
        assert_eq!(
            resolve_label(Side::Android, "访问天气"),
            LabelMatch::Unknown
        );
    }

    #[test]
    fn a_list_in_brackets_says_what_the_label_covers() {
        let ids = |label| match resolve_label(Side::Android, label) {
            LabelMatch::Ids { perms, .. } => perms.into_iter().map(|p| p.canonical).collect(),
            _ => Vec::new(),
        };
        assert_eq!(
            ids("存储权限(相册、媒体、其他文件)"),
            [
                "android.permission.READ_EXTERNAL_STORAGE",
                "android.permission.WRITE_EXTERNAL_STORAGE"
            ]
        );
        // An unknown name is not made known by its bracket's list.
        assert_eq!(
            resolve_label(Side::Android, "云盘(相册、文件)"),
            LabelMatch::Unknown
        );
        // English words before a name are read past; alone they name nothing.
        assert_eq!(ids("GPS Location").len(), 2);
        assert_eq!(ids("Access to your Files and Media").len(), 2);
        assert_eq!(resolve_label(Side::Android, "GPS"), LabelMatch::Unknown);
    }

    #[test]
    fn one_verb_for_two_things() {
        let ids = |m: LabelMatch| match m {
            LabelMatch::Ids { perms, group: true } => {
                perms.into_iter().map(|p| p.canonical).collect::<Vec<_>>()
            }
            other => panic!("{other:?}"),
        };
        assert_eq!(
            ids(resolve_label(Side::Android, "读取图片和视频")),
            [
                "android.permission.READ_MEDIA_IMAGES",
                "android.permission.READ_MEDIA_VIDEO"
            ]
        );
        // Both halves must name permissions with the verb.
        assert_eq!(
            resolve_label(Side::Android, "读取图片和天气"),
            LabelMatch::Unknown
        );
    }

    #[test]
    fn an_ios_key_is_known_by_its_own_words() {
        for (label, key) in [
            (
                "Location When In Use",
                "NSLocationWhenInUseUsageDescription",
            ),
            (
                "Location Always and When In Use",
                "NSLocationAlwaysAndWhenInUseUsageDescription",
            ),
            ("speech recognition", "NSSpeechRecognitionUsageDescription"),
        ] {
            assert!(
                matches!(
                    resolve_label(Side::Ios, label),
                    LabelMatch::Ids { ref perms, group: false }
                        if perms.iter().map(|p| p.canonical.as_str()).eq([key])
                ),
                "{label}: {:?}",
                resolve_label(Side::Ios, label)
            );
        }
    }

    #[test]
    fn a_row_named_twice_reads_as_the_name_that_is_known() {
        assert!(matches!(
            resolve_row_label(Side::Android, "通知权限 推送通知"),
            LabelMatch::Ids { ref perms, .. }
                if perms.iter().map(|p| p.canonical.as_str()).eq(["android.permission.POST_NOTIFICATIONS"])
        ));
        // Words that name different permissions are not one row's names.
        assert_eq!(
            resolve_row_label(Side::Android, "相机 麦克风"),
            LabelMatch::Unknown
        );
        // Running text finds labels without this.
        assert_eq!(
            resolve_label(Side::Android, "通知权限 推送通知"),
            LabelMatch::Unknown
        );
        assert_eq!(
            resolve_row_label(Side::Android, "Punch in"),
            LabelMatch::Unknown
        );
    }

    #[test]
    fn short_names_resolve_like_the_loader() {
        assert_eq!(
            resolve_short("INSTALL_SHORTCUT", true),
            Resolved::Ids(vec![Perm {
                written: "INSTALL_SHORTCUT".into(),
                canonical: "com.android.launcher.permission.INSTALL_SHORTCUT".into()
            }])
        );
        assert_eq!(
            resolve_short("CAMRA", true),
            Resolved::Unknown {
                nearest: Some("CAMERA".into())
            }
        );
        assert_eq!(written_android("android.permission.CAMERA"), "CAMERA");
    }
}
