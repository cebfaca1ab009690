//! The label lexicon: the words real policies use for permissions, mapped to permission ids.
//!
//! The table is derived from the shared reference (`china/permission-labels-zh.tsv`, the labels
//! seen in published policies, each with its sense and where it was seen; and
//! `ios/usage-description-keys.tsv`, Xcode's display names of the Info.plist keys) into
//! `lexicon_generated.rs`, which a `generated_*` test keeps fresh. Each label has a sense:
//! `exact` names one permission per platform, `group` honestly names several (they are all
//! imported, with a `review` note), `vague` names none for sure (the row stays unresolved and
//! the candidates are named). English labels, the platforms' own names for permissions, are
//! `lexicon_en.rs`.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::hant;
use super::resolve::Side;

#[rustfmt::skip]
#[path = "lexicon_generated.rs"]
mod generated;

#[rustfmt::skip]
#[path = "lexicon_en.rs"]
mod english;

/// Which platforms a label is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LabelPlatform {
    Android,
    Ios,
    Both,
    Harmony,
}

/// How surely a label names its permissions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sense {
    Exact,
    Group,
    Vague,
}

/// One label of the lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Label {
    /// As written in the documents.
    pub(crate) label: &'static str,
    pub(crate) platform: LabelPlatform,
    /// Space-separated ids; empty when the label names no permission (clipboard, USB).
    pub(crate) permissions: &'static str,
    pub(crate) sense: Sense,
    /// Where the label was seen (documents and pages), the table's provenance.
    pub(crate) seen: &'static str,
}

/// What the lexicon says about a label on one platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub(crate) sense: Sense,
    /// The label's ids on this platform (possibly none).
    pub(crate) ids: Vec<&'static str>,
    /// Whether the label names permissions on the other platform only.
    pub(crate) other_platform: bool,
}

fn is_android_id(id: &str) -> bool {
    id.contains('.')
}

/// Case, spaces, hyphens, underscores, full-width forms and traditional characters do not
/// distinguish labels: "Wi-Fi 状态" = "wifi状态", "位置（GPS）" = "位置(gps)", "相機" = "相机".
pub(crate) fn normalise(label: &str) -> String {
    let key: String = label
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_' | '\u{200b}'))
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '／' => '/',
            '：' => ':',
            '，' => ',',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    // Han characters start at U+3400, whose UTF-8 lead byte is 0xE3.
    if key.bytes().any(|b| b >= 0xE3) {
        // 储存 and 存储 are one word (storage), written either way round.
        hant::fold_label(&key).replace("储存", "存储")
    } else {
        key
    }
}

/// Android's own labels (`aosp-labels.tsv`: the permlab_* and permgrouplab_* strings of five
/// AOSP versions, in simplified and traditional Chinese and English), which policies copy from
/// a phone's permission screen. A permission's label names it; a group's names the permissions
/// asked for under it, with the sense the table gives; a label two permissions share is a
/// group, as any label naming several is.
const AOSP_TSV: &str = include_str!("aosp-labels.tsv");

fn aosp_labels() -> &'static [Label] {
    static LABELS: OnceLock<Vec<Label>> = OnceLock::new();
    LABELS.get_or_init(|| {
        table_rows(AOSP_TSV)
            .filter_map(|f| match f[..] {
                [permissions, _locale, label, string, sense, ..] => Some(Label {
                    label,
                    platform: LabelPlatform::Android,
                    permissions,
                    sense: sense_of(sense),
                    seen: string,
                }),
                _ => None,
            })
            .collect()
    })
}

/// The data rows of a TSV table kept in the source: its `#` comments and header skipped.
fn table_rows(tsv: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    tsv.lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .map(|l| l.split('\t').collect())
}

fn sense_of(word: &str) -> Sense {
    match word {
        "group" => Sense::Group,
        "vague" => Sense::Vague,
        _ => Sense::Exact,
    }
}

type Index = HashMap<String, Vec<&'static Label>>;

fn index_of(labels: impl Iterator<Item = &'static Label>) -> Index {
    let mut index: Index = HashMap::new();
    for label in labels {
        index.entry(normalise(label.label)).or_default().push(label);
    }
    index
}

/// Labels seen in published policies that the reference does not hold (`seen-labels.tsv`,
/// each with the pages it was read on).
const SEEN_TSV: &str = include_str!("seen-labels.tsv");

fn seen_labels() -> &'static [Label] {
    static LABELS: OnceLock<Vec<Label>> = OnceLock::new();
    LABELS.get_or_init(|| {
        table_rows(SEEN_TSV)
            .filter_map(|f| match f[..] {
                [label, platform, permissions, sense, seen, ..] => Some(Label {
                    label,
                    platform: match platform {
                        "android" => LabelPlatform::Android,
                        "ios" => LabelPlatform::Ios,
                        _ => LabelPlatform::Both,
                    },
                    permissions,
                    sense: sense_of(sense),
                    seen,
                }),
                _ => None,
            })
            .collect()
    })
}

/// The reference's labels, those seen beside it and the platforms' English names, for both
/// platforms.
fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        index_of(
            generated::LABELS
                .iter()
                .chain(english::LABELS.iter())
                .chain(seen_labels().iter()),
        )
    })
}

/// Android's own labels: facts of Android only, so they say nothing of a label on iOS (an iOS
/// row `通讯录` is still the contacts key, through the catalog).
fn aosp_index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| index_of(aosp_labels().iter()))
}

/// Whether some label the lexicon knows starts with `text` and goes on past it (`directly call
/// phone`, of `directly call phone numbers`): the first line of a label a line break cut in two.
pub(crate) fn begins_a_label(text: &str) -> bool {
    static KEYS: OnceLock<Vec<&'static str>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        let mut keys: Vec<&'static str> = index()
            .keys()
            .chain(aosp_index().keys())
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    });
    let key = normalise(text);
    !key.is_empty()
        && keys[keys.partition_point(|k| *k <= key.as_str())..]
            .first()
            .is_some_and(|k| k.starts_with(key.as_str()))
}

const BACKGROUND_LOCATION: &str = "android.permission.ACCESS_BACKGROUND_LOCATION";
/// Android's location group in the order `ids` is sorted to.
const LOCATION_PAIR: [&str; 2] = [
    "android.permission.ACCESS_COARSE_LOCATION",
    "android.permission.ACCESS_FINE_LOCATION",
];

/// The lexicon's entry for a label on one side, if it knows the label.
pub(crate) fn lookup(side: Side, label: &str) -> Option<Entry> {
    let key = normalise(label);
    let shared: &[&'static Label] = index().get(&key).map_or(&[], Vec::as_slice);
    let android: &[&'static Label] = match side {
        Side::Android => aosp_index().get(&key).map_or(&[], Vec::as_slice),
        Side::Ios => &[],
    };
    if shared.is_empty() && android.is_empty() {
        return None;
    }
    let found = || shared.iter().chain(android);
    let on_side = |l: &&Label| {
        matches!(
            (l.platform, side),
            (LabelPlatform::Both, _)
                | (LabelPlatform::Android, Side::Android)
                | (LabelPlatform::Ios, Side::Ios)
        )
    };
    let mine: Vec<&Label> = found().copied().filter(on_side).collect();
    if mine.is_empty() {
        let other =
            found().any(|l| l.platform != LabelPlatform::Harmony && !l.permissions.is_empty());
        return other.then_some(Entry {
            sense: Sense::Exact,
            ids: Vec::new(),
            other_platform: true,
        });
    }
    // Several rows for one label on one side: the least sure sense wins.
    let sense = if mine.iter().any(|l| l.sense == Sense::Vague) {
        Sense::Vague
    } else if mine.iter().any(|l| l.sense == Sense::Group) {
        Sense::Group
    } else {
        Sense::Exact
    };
    // Android grants background location on its own ("Allow all the time", asked apart since
    // Android 11, declared apart on Google Play): a group label (`位置权限`, which TC260's group
    // heading lists it under) discloses it only when it says background itself.
    let says_background = ["后台", "背景", "background"]
        .iter()
        .any(|w| key.contains(w));
    let mut ids: Vec<&'static str> = mine
        .iter()
        .flat_map(|l| {
            l.permissions.split_whitespace().filter(move |&id| {
                l.sense != Sense::Group || id != BACKGROUND_LOCATION || says_background
            })
        })
        .filter(|id| is_android_id(id) == (side == Side::Android))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let sense = match (sense, ids.len()) {
        // A `both` label that is exact names one permission per platform.
        (Sense::Exact, n) if n > 1 => Sense::Group,
        // "Location" on Android is one grant the user makes precise or approximate: since
        // Android 12 an app that requests fine location must request coarse with it, and the
        // system dialog offers both. A label that says only location (`位置信息`, `地理位置`)
        // therefore discloses the pair, as the group label `位置` does.
        (Sense::Vague, _) if side == Side::Android && ids == LOCATION_PAIR => Sense::Group,
        (s, _) => s,
    };
    Some(Entry {
        sense,
        ids,
        other_platform: false,
    })
}

/// Xcode's display name of an Info.plist key (`Privacy - Camera Usage Description`), found at
/// the start of `text` (ASCII case ignored): the key and the display name's length.
pub(crate) fn xcode_name_at(text: &str) -> Option<(&'static str, usize)> {
    generated::XCODE_NAMES
        .iter()
        .filter(|(_, name)| {
            text.as_bytes()
                .get(..name.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(name.as_bytes()))
        })
        .max_by_key(|(_, name)| name.len())
        .map(|(key, name)| (*key, name.len()))
}

#[cfg(test)]
pub(super) mod generate {
    //! Renders `lexicon_generated.rs` from the shared reference tables.

    use std::fmt::Write as _;

    /// The relative paths, under `$PERMAUDIT_REFERENCE`, the table is derived from.
    pub(crate) const LABELS_TSV: &str = "china/permission-labels-zh.tsv";
    pub(crate) const XCODE_TSV: &str = "ios/usage-description-keys.tsv";

    fn rows(text: &str) -> Vec<Vec<&str>> {
        text.lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| l.trim_end_matches('\r').split('\t').collect())
            .collect()
    }

    pub(crate) fn render(labels_tsv: &str, xcode_tsv: &str) -> String {
        let mut out = crate::sourcegen::header(&format!(
            "$PERMAUDIT_REFERENCE/{LABELS_TSV} (label, platform, permissions, sense, source) \
             and\n// $PERMAUDIT_REFERENCE/{XCODE_TSV} (key, xcode_display_name)"
        ));
        out.push_str("\nuse super::{Label, LabelPlatform, Sense};\n\n");
        let labels: Vec<Vec<&str>> = rows(labels_tsv);
        out.push_str("/// The labels policies use, in the reference's order.\n");
        let _ = writeln!(
            out,
            "pub(super) static LABELS: [Label; {}] = [",
            labels.len()
        );
        for r in &labels {
            let field = |i: usize| r.get(i).copied().unwrap_or("").trim();
            let platform = match field(1) {
                "android" => "Android",
                "ios" => "Ios",
                "both" => "Both",
                _ => "Harmony",
            };
            let sense = match field(3) {
                "group" => "Group",
                "vague" => "Vague",
                _ => "Exact",
            };
            let permissions = match field(2) {
                "-" => "",
                p => p,
            };
            let _ = writeln!(
                out,
                "    Label {{ label: {:?}, platform: LabelPlatform::{platform}, permissions: {:?}, \
                 sense: Sense::{sense}, seen: {:?} }},",
                field(0),
                permissions,
                field(4)
            );
        }
        out.push_str(
            "];\n\n/// (Info.plist key, Xcode's display name), in the reference's order.\n",
        );
        let names: Vec<(&str, &str)> = rows(xcode_tsv)
            .into_iter()
            .filter_map(|r| {
                let key = r.first()?.trim();
                let name = r.get(1)?.trim();
                (key.ends_with("UsageDescription") && name.starts_with("Privacy - "))
                    .then_some((key, name))
            })
            .collect();
        let _ = writeln!(
            out,
            "pub(super) static XCODE_NAMES: [(&str, &str); {}] = [",
            names.len()
        );
        for (key, name) in names {
            let _ = writeln!(out, "    ({key:?}, {name:?}),");
        }
        out.push_str("];\n");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `lexicon_generated.rs` is what the reference tables render to today. Skipped without
    /// `PERMAUDIT_REFERENCE` (but not in CI, which sets it).
    #[test]
    fn generated_lexicon_is_fresh() {
        let Some(value) =
            crate::sourcegen::source_from_env("PERMAUDIT_REFERENCE", "the shared reference")
        else {
            return;
        };
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(value);
        let read = |rel: &str| std::fs::read_to_string(root.join(rel)).unwrap_or_default();
        let labels = read(generate::LABELS_TSV);
        let xcode = read(generate::XCODE_TSV);
        assert!(
            !labels.is_empty() && !xcode.is_empty(),
            "reference tables missing under {}",
            root.display()
        );
        crate::sourcegen::ensure_file_contents(
            "src/policy/import/lexicon_generated.rs",
            &generate::render(&labels, &xcode),
        );
    }

    /// Every id of the English table is one the catalog knows, so none is dropped unseen.
    #[test]
    fn english_labels_name_known_permissions() {
        for label in &english::LABELS {
            for id in label.permissions.split_whitespace() {
                let known = if is_android_id(id) {
                    crate::catalog::catalog().android_permission(id).is_some()
                } else {
                    crate::catalog::catalog().ios_key(id).is_some()
                };
                assert!(known, "{}: {id} is not in the catalog", label.label);
            }
        }
        let e = lookup(Side::Android, "Location").unwrap();
        assert_eq!(e.sense, Sense::Group);
        assert_eq!(lookup(Side::Ios, "location").unwrap().sense, Sense::Vague);
        assert_eq!(
            lookup(Side::Ios, "Microphone").unwrap().ids,
            ["NSMicrophoneUsageDescription"]
        );
    }

    /// Every row of the AOSP table is well formed and names a permission the catalog knows;
    /// a stock label resolves to its permission in either script.
    #[test]
    fn seen_labels_name_known_permissions_and_where_seen() {
        let labels = seen_labels();
        assert_eq!(
            labels.len(),
            table_rows(SEEN_TSV).count(),
            "a row of seen-labels.tsv did not parse"
        );
        for l in labels {
            assert!(
                l.seen.contains("https://") || l.seen.contains("http://"),
                "{l:?}"
            );
            for id in l.permissions.split_whitespace() {
                let catalog = crate::catalog::catalog();
                let known = match l.platform {
                    LabelPlatform::Ios => catalog.ios_key(id).is_some(),
                    _ => catalog.android_permission(id).is_some(),
                };
                assert!(known, "{id}: not in the catalog");
            }
            // Nothing here may contradict the reference or Android's own strings.
            let key = normalise(l.label);
            let others = generated::LABELS.iter().chain(aosp_labels());
            for o in others.filter(|o| normalise(o.label) == key) {
                assert_eq!(o.permissions, l.permissions, "{l:?} / {o:?}");
            }
        }
        let read = |label: &str| lookup(Side::Android, label).map(|e| (e.sense, e.ids));
        assert_eq!(
            read("读取通话状态和移动网络信息"),
            Some((Sense::Exact, vec!["android.permission.READ_PHONE_STATE"]))
        );
        assert_eq!(
            read("geographic location"),
            Some((Sense::Group, LOCATION_PAIR.to_vec()))
        );
        // An Android fact: nothing on iOS.
        assert_eq!(
            lookup(Side::Ios, "设备信息权限").map(|e| e.ids),
            Some(vec![])
        );
    }

    #[test]
    fn aosp_labels_name_known_permissions() {
        let rows: Vec<&str> = AOSP_TSV
            .lines()
            .filter(|l| !l.starts_with('#'))
            .skip(1)
            .collect();
        assert_eq!(rows.len(), aosp_labels().len());
        for row in rows {
            let f: Vec<&str> = row.split('\t').collect();
            assert_eq!(f.len(), 6, "{row}");
            assert!(matches!(f[1], "zh-CN" | "zh-TW" | "zh-HK" | "en"), "{row}");
            let ids: Vec<&str> = f[0].split(' ').collect();
            let sense_fits = match f[4] {
                "exact" => ids.len() == 1,
                "group" | "vague" => ids.len() > 1 && f[3].starts_with("permgrouplab_"),
                _ => false,
            };
            assert!(f[3].starts_with("perm") && sense_fits, "{row}");
            for id in ids {
                assert!(
                    crate::catalog::catalog().android_permission(id).is_some(),
                    "{id}: not in the catalog"
                );
            }
        }
        // A group label is the group (the reference's `vague` senses still win: 相册).
        let calendar = lookup(Side::Android, "日曆").unwrap();
        assert_eq!((calendar.sense, calendar.ids.len()), (Sense::Group, 2));
        assert_eq!(lookup(Side::Android, "相册").unwrap().sense, Sense::Vague);
        let read = |label: &str| lookup(Side::Android, label).map(|e| (e.sense, e.ids));
        let phone = Some((Sense::Exact, vec!["android.permission.READ_PHONE_STATE"]));
        assert_eq!(read("读取手机状态和身份"), phone);
        assert_eq!(read("讀取手機狀態和身份"), phone);
        assert_eq!(read("read phone status and identity"), phone);
        // A group label names background location only when it says background.
        assert_eq!(
            read("位置权限"),
            Some((
                Sense::Group,
                vec![
                    "android.permission.ACCESS_COARSE_LOCATION",
                    "android.permission.ACCESS_FINE_LOCATION"
                ]
            ))
        );
        assert_eq!(
            read("后台访问地理位置"),
            Some((Sense::Exact, vec![BACKGROUND_LOCATION]))
        );
        // Android 4.4's labels, which app markets still list.
        assert_eq!(
            read("测试硬件"),
            Some((Sense::Exact, vec!["android.permission.HARDWARE_TEST"]))
        );
        assert_eq!(
            read("只能在前台獲取大概位置（基於網絡）"),
            Some((
                Sense::Exact,
                vec!["android.permission.ACCESS_COARSE_LOCATION"]
            ))
        );
        // A stock label is Android's: the lexicon says nothing of it on iOS, where the
        // catalog's own names decide (通讯录 is the contacts key there).
        assert_eq!(
            lookup(Side::Ios, "只能在前台获取大概位置（基于网络）"),
            None
        );
    }

    #[test]
    fn senses_per_side() {
        let e = lookup(Side::Android, "存储权限").unwrap();
        assert_eq!(e.sense, Sense::Group);
        assert!(e.ids.contains(&"android.permission.READ_EXTERNAL_STORAGE"));
        let e = lookup(Side::Ios, "位置信息").unwrap();
        assert_eq!(e.sense, Sense::Vague);
        // Vague in the reference, but on Android location is one grant of fine and coarse.
        for label in ["位置信息", "地理位置", "Access Location"] {
            let e = lookup(Side::Android, label).unwrap();
            assert_eq!(
                (e.sense, e.ids),
                (Sense::Group, LOCATION_PAIR.to_vec()),
                "{label}"
            );
        }
        // Not for other vague labels: 网络 may be network access or network state.
        assert_eq!(lookup(Side::Android, "网络").unwrap().sense, Sense::Vague);
        let e = lookup(Side::Android, "读取外置存储器").unwrap();
        assert_eq!(
            (e.sense, e.ids),
            (
                Sense::Exact,
                vec!["android.permission.READ_EXTERNAL_STORAGE"]
            )
        );
        assert_eq!(
            xcode_name_at("privacy - camera usage description: x"),
            Some(("NSCameraUsageDescription", 34))
        );
    }
}
