//! From a row's text to permission ids: finding identifiers in a label cell, and matching
//! labels without identifiers against the catalog's names.
//!
//! Identifiers are facts the document states; labels are guesses. So identifiers win whenever a
//! row has one, a label is matched only by exact (normalised) equality with a catalog name,
//! and a label that names several permissions is reported as ambiguous, never narrowed to one.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::sync::OnceLock;

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
    let mut out = Vec::new();
    let mut start = None;
    let is_id_char = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '.';
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
                if let Some(kind) = classify(trimmed) {
                    out.push(Token {
                        text: trimmed.to_owned(),
                        kind,
                        range: s + offset..s + offset + trimmed.len(),
                    });
                }
            }
            _ => {}
        }
    }
    out
}

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
    if alnum && token.len() > 16 && token.ends_with("UsageDescription") {
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
    if upper_snake(token) && (token.contains('_') || known_short(token)) {
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
                    let guards = k.guards.split(" (").next().unwrap_or("");
                    add(guards, k.key);
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
    label
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Suffixes a label may carry that name no permission by themselves.
const SUFFIXES: [&str; 6] = [
    "权限",
    "permissions",
    "permission",
    "access",
    "授权",
    "访问",
];

/// Matches a label without identifiers: the whole label first, then without a "permission"
/// suffix, then (if it lists several things, `相机、相册`) each part on its own, all of which
/// must match exactly one permission.
pub(crate) fn resolve_label(side: Side, label: &str) -> Resolved {
    if label.chars().count() > MAX_LABEL_CHARS {
        return Resolved::Unknown { nearest: None };
    }
    let whole = lookup(side, label);
    if !matches!(whole, Resolved::Unknown { .. }) {
        return whole;
    }
    let parts: Vec<&str> = label
        .split(['、', ',', '，', ';', '；', '/', '／'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 {
        return whole;
    }
    let mut perms = Vec::new();
    for part in parts {
        match lookup(side, part) {
            Resolved::Ids(found) => perms.extend(found),
            other => return other,
        }
    }
    Resolved::Ids(perms)
}

fn lookup(side: Side, label: &str) -> Resolved {
    let index = label_index(side);
    let key = normalise(label);
    let mut candidates = index.get(&key);
    if candidates.is_none() {
        for suffix in SUFFIXES {
            if let Some(stem) = key.strip_suffix(suffix).filter(|s| !s.is_empty()) {
                candidates = index.get(stem);
                if candidates.is_some() {
                    break;
                }
            }
        }
    }
    match candidates.map(|c| c.iter().copied().collect::<Vec<_>>()) {
        Some(ids) if ids.len() == 1 => {
            let canonical = ids[0].to_owned();
            let written = match side {
                Side::Android => written_android(&canonical),
                Side::Ios => canonical.clone(),
            };
            Resolved::Ids(vec![Perm { written, canonical }])
        }
        Some(ids) if !ids.is_empty() => {
            Resolved::Ambiguous(ids.into_iter().map(str::to_owned).collect())
        }
        _ => Resolved::Unknown { nearest: None },
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
    fn labels_resolve_only_when_unique() {
        let one = |w: &str, c: &str| {
            Resolved::Ids(
                w.split(' ')
                    .zip(c.split(' '))
                    .map(|(w, c)| Perm {
                        written: w.into(),
                        canonical: c.into(),
                    })
                    .collect(),
            )
        };
        assert_eq!(
            resolve_label(Side::Android, "相机"),
            one("CAMERA", "android.permission.CAMERA")
        );
        assert_eq!(
            resolve_label(Side::Android, "读取电话状态"),
            one("READ_PHONE_STATE", "android.permission.READ_PHONE_STATE")
        );
        assert_eq!(
            resolve_label(Side::Android, "Read phone state"),
            one("READ_PHONE_STATE", "android.permission.READ_PHONE_STATE")
        );
        assert_eq!(
            resolve_label(Side::Android, "Camera permission"),
            one("CAMERA", "android.permission.CAMERA")
        );
        match resolve_label(Side::Android, "存储权限") {
            Resolved::Ambiguous(c) => {
                assert!(c.contains(&"android.permission.READ_EXTERNAL_STORAGE".to_owned()));
                assert!(c.contains(&"android.permission.WRITE_EXTERNAL_STORAGE".to_owned()));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            resolve_label(Side::Ios, "相机"),
            one("NSCameraUsageDescription", "NSCameraUsageDescription")
        );
        assert_eq!(
            resolve_label(Side::Android, "相机、麦克风"),
            one(
                "CAMERA RECORD_AUDIO",
                "android.permission.CAMERA android.permission.RECORD_AUDIO"
            )
        );
        assert_eq!(
            resolve_label(Side::Android, "Punch in"),
            Resolved::Unknown { nearest: None }
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
