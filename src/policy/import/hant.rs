//! Traditional Chinese read as simplified: policies published for Taiwan, Hong Kong and Macau
//! write `相機`, `麥克風`, `位置資訊`, `儲存空間`, and every cue word, label and lexicon entry
//! of the importer is simplified.
//!
//! A document that is mostly traditional is folded once, before anything reads it: each
//! character to its simplified form (Unihan's `kSimplifiedVariant`, [`SIMPLIFIED`]), then the
//! regional words whose mainland form differs (`資訊` → `信息`, `網路` → `网络`). Every fold keeps
//! the byte length, so every offset, line and column found in the folded text is the original
//! document's, and what the importer writes out is restored from the original by position
//! ([`Restorer`]). Words whose mainland form is shorter (`行事曆` → `日历`) cannot be folded in
//! place; [`fold_label`] folds them too, for the label lookups, which compare normalised keys.
//!
//! A simplified document is never folded: the few characters it shares with the table
//! (`著`, `後` in a quotation) would gain nothing, and it is read exactly as before.

use std::cell::Cell;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use super::hant_generated::SIMPLIFIED;

/// Regional words, as the character fold leaves them, and the mainland word with the same
/// meaning; each pair has the same number of characters (three bytes each), so the document's
/// byte offsets survive. Taiwan's device and permission vocabulary (Android's and iOS's zh-TW
/// permission labels and settings names).
const WORDS: [(&str, &str); 32] = [
    ("资讯", "信息"),
    ("储存", "存储"),
    ("网路", "网络"),
    ("相簿", "相册"),
    ("联络人", "联系人"),
    ("简讯", "短信"),
    ("装置", "设备"),
    ("档案", "文件"),
    ("辨识", "识别"),
    ("剪贴簿", "剪贴板"),
    ("萤幕", "屏幕"),
    ("推播", "推送"),
    ("摄影机", "摄像头"),
    ("存取", "访问"),
    ("程式", "程序"),
    ("软体", "软件"),
    ("行动网路", "移动网络"),
    ("行动装置", "移动设备"),
    ("行动数据", "移动数据"),
    ("背景", "后台"),
    ("前景", "前台"),
    ("动作与健身", "运动与健身"),
    ("概略位置", "大致位置"),
    ("通话纪录", "通话记录"),
    ("影片", "视频"),
    ("音讯", "音频"),
    ("视窗", "窗口"),
    ("桌布", "壁纸"),
    ("侦测", "检测"),
    ("感测器", "传感器"),
    ("连线", "连接"),
    ("传送", "发送"),
];

/// Regional words whose mainland form is shorter: folded only in label keys.
const SHORTER_WORDS: [(&str, &str); 5] = [
    ("行事历", "日历"),
    ("许可权", "权限"),
    ("使用者", "用户"),
    ("网际网路", "互联网"),
    ("最佳化", "优化"),
];

/// The simplified form of one character (itself when it has none).
pub(super) fn simplified(c: char) -> char {
    // Below the CJK ideographs nothing folds; most characters of any document are there.
    if c < '\u{3400}' {
        return c;
    }
    SIMPLIFIED
        .binary_search_by_key(&c, |&(t, _)| t)
        .map_or(c, |i| SIMPLIFIED[i].1)
}

/// A leftmost-longest replacer of `pairs`: the automaton and the replacement of each pattern.
type Replacer = (AhoCorasick, Vec<&'static str>);

fn replacer<'a>(pairs: impl Iterator<Item = &'a (&'static str, &'static str)> + Clone) -> Replacer {
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(pairs.clone().map(|(from, _)| from))
        .expect("the regional words are a small fixed set");
    (automaton, pairs.map(|(_, to)| *to).collect())
}

/// The document fold's words: same length only.
fn words() -> &'static Replacer {
    static WORDS_AC: OnceLock<Replacer> = OnceLock::new();
    WORDS_AC.get_or_init(|| replacer(WORDS.iter()))
}

/// The label fold's words: every length.
fn label_words() -> &'static Replacer {
    static LABEL_AC: OnceLock<Replacer> = OnceLock::new();
    LABEL_AC.get_or_init(|| replacer(WORDS.iter().chain(&SHORTER_WORDS)))
}

/// The folded document when `doc` is written in traditional Chinese, else `None`.
///
/// Traditional means at least one Han character in twenty has a simplified form that differs:
/// running traditional text has several in ten, a simplified one none but a quoted name.
pub(super) fn fold_document(doc: &str) -> Option<String> {
    let (mut han, mut traditional) = (0usize, 0usize);
    for c in doc.chars().filter(|&c| c >= '\u{3400}') {
        han += 1;
        if simplified(c) != c {
            traditional += 1;
        }
    }
    if traditional < 2 || traditional * 20 < han {
        return None;
    }
    let chars: String = doc.chars().map(simplified).collect();
    let (automaton, replacements) = words();
    let folded = automaton.replace_all(&chars, replacements);
    debug_assert_eq!(folded.len(), doc.len());
    Some(folded)
}

/// A label's key form: every character simplified and every regional word, of either length,
/// in its mainland form. Applied to both sides of every label lookup, so a traditional label
/// matches whether or not its document was folded.
pub(super) fn fold_label(label: &str) -> String {
    let chars: String = label.chars().map(simplified).collect();
    let (automaton, replacements) = label_words();
    automaton.replace_all(&chars, replacements)
}

/// Brings text the importer took from a folded document back to the characters the document
/// was written in.
pub(super) struct Restorer<'d> {
    original: &'d str,
    folded: &'d str,
    /// Folded character → the one original character it stands for, wherever that is certain:
    /// it came from one original character only and the original never has it unfolded.
    inverse: HashMap<char, char>,
    /// Bytes of the folded document still to be searched: past it, characters only. Keeps a
    /// hostile document of a million tiny rows linear.
    budget: Cell<usize>,
}

/// How much of the folded document all lookups together may search.
const SEARCH_BUDGET: usize = 64 * 1024 * 1024;

impl<'d> Restorer<'d> {
    pub(super) fn new(original: &'d str, folded: &'d str) -> Self {
        let mut sources: HashMap<char, Option<char>> = HashMap::new();
        let mut unfolded = std::collections::HashSet::new();
        // Each fold keeps every character's byte length, so the two texts walk in step.
        for (o, f) in original.chars().zip(folded.chars()) {
            if o < '\u{3400}' {
                // Below the ideographs nothing is folded (see `simplified`).
                continue;
            }
            if o == f {
                unfolded.insert(f);
            } else {
                sources
                    .entry(f)
                    .and_modify(|s| {
                        if *s != Some(o) {
                            *s = None;
                        }
                    })
                    .or_insert(Some(o));
            }
        }
        let inverse = sources
            .into_iter()
            .filter(|(f, _)| !unfolded.contains(f))
            .filter_map(|(f, o)| Some((f, o?)))
            .collect();
        Restorer {
            original,
            folded,
            inverse,
            budget: Cell::new(SEARCH_BUDGET),
        }
    }

    /// `text` as the document wrote it. Each run of non-ASCII characters is looked up in the
    /// folded document within `near` (where the text was read): found, the original characters
    /// at the same place are taken; not found (the text was cleaned or joined), each character
    /// whose original is certain is restored and the others are left folded.
    pub(super) fn restore(&self, text: &str, near: Range<usize>) -> String {
        let start = floor_boundary(self.folded, near.start.min(self.folded.len()));
        let end = floor_boundary(self.folded, near.end.min(self.folded.len()));
        let window = &self.folded[start..end.max(start)];
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(i) = rest.find(|c: char| !c.is_ascii()) {
            out.push_str(&rest[..i]);
            rest = &rest[i..];
            let run_len = rest.find(|c: char| c.is_ascii()).unwrap_or(rest.len());
            let run = &rest[..run_len];
            let budget = self.budget.get();
            let found = (window.len() <= budget)
                .then(|| {
                    self.budget.set(budget - window.len());
                    memchr::memmem::find(window.as_bytes(), run.as_bytes())
                })
                .flatten();
            match found {
                Some(at) => out.push_str(&self.original[start + at..start + at + run_len]),
                None => out.extend(run.chars().map(|c| *self.inverse.get(&c).unwrap_or(&c))),
            }
            rest = &rest[run_len..];
        }
        out.push_str(rest);
        out
    }
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
pub(super) mod generate {
    //! Renders `hant_generated.rs` from the Unicode Character Database's Unihan variants.

    use std::fmt::Write as _;

    /// Where Debian's `unicode-data` package puts the file (compressed).
    pub(crate) const DEBIAN_PATH: &str = "/usr/share/unicode/Unihan_Variants.txt.bz2";

    /// Every `kSimplifiedVariant` whose first simplified form differs from the character and
    /// has its UTF-8 length, sorted by code point. Unihan lists the usual form first where a
    /// character has several (`開` → `开`, `線` → `线`); where the character is its own first
    /// form (`乾`, `裡`: simplified text keeps it in some words) it is left alone.
    pub(crate) fn render(unihan_variants: &str) -> String {
        let mut pairs: Vec<(char, char)> = unihan_variants
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut fields = l.split('\t');
                let from = code_point(fields.next()?)?;
                (fields.next()? == "kSimplifiedVariant").then_some(())?;
                let to = code_point(fields.next()?.split(' ').next()?)?;
                (from != to && from.len_utf8() == to.len_utf8()).then_some((from, to))
            })
            .collect();
        pairs.sort_unstable();
        pairs.dedup_by_key(|p| p.0);
        let mut out = crate::sourcegen::header(&format!(
            "the Unicode Character Database's Unihan_Variants.txt, Unicode {}\n// \
             ($PERMAUDIT_UNIHAN; Debian's unicode-data ships it as \
             /usr/share/unicode/Unihan_Variants.txt.bz2)",
            version(unihan_variants).unwrap_or("(unknown)")
        ));
        out.push_str(
            "\n/// Traditional character → its simplified form (`kSimplifiedVariant`, the first \
             when\n/// there are several; same UTF-8 length only), sorted by code point.\n",
        );
        let _ = writeln!(
            out,
            "#[rustfmt::skip]\npub(super) static SIMPLIFIED: [(char, char); {}] = [",
            pairs.len()
        );
        for row in pairs.chunks(6) {
            out.push_str("   ");
            for (from, to) in row {
                let _ = write!(
                    out,
                    " ('\\u{{{:x}}}', '\\u{{{:x}}}'),",
                    *from as u32, *to as u32
                );
            }
            out.push('\n');
        }
        out.push_str("];\n");
        out
    }

    /// The `# Unicode version: 15.0.0` of the file's header.
    pub(crate) fn version(unihan_variants: &str) -> Option<&str> {
        unihan_variants
            .lines()
            .take_while(|l| l.starts_with('#'))
            .find_map(|l| l.strip_prefix("# Unicode version:"))
            .map(str::trim)
    }

    fn code_point(field: &str) -> Option<char> {
        char::from_u32(u32::from_str_radix(field.strip_prefix("U+")?, 16).ok()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `hant_generated.rs` is what the Unihan variants render to today. Skipped without
    /// `PERMAUDIT_UNIHAN` (the uncompressed `Unihan_Variants.txt`), but not in CI, which sets it.
    #[test]
    fn generated_simplified_table_is_fresh() {
        let hint = format!("decompress {}", generate::DEBIAN_PATH);
        let Some(path) = crate::sourcegen::source_from_env("PERMAUDIT_UNIHAN", &hint) else {
            return;
        };
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("PERMAUDIT_UNIHAN={}: {e}", path.to_string_lossy()));
        assert!(
            text.contains("kSimplifiedVariant"),
            "not the Unihan variants file"
        );
        // Another Unicode version is another source, not a stale table: the table says which
        // version it was derived from, and is compared only with that one.
        let version = generate::version(&text).expect("a `# Unicode version:` header line");
        let derived_from = format!(", Unicode {version}\n");
        let table = include_str!("hant_generated.rs");
        if std::env::var_os("UPDATE_GENERATED").is_none() && !table.contains(&derived_from) {
            eprintln!("skipped: PERMAUDIT_UNIHAN is Unicode {version}; the table names another");
            return;
        }
        crate::sourcegen::ensure_file_contents(
            "src/policy/import/hant_generated.rs",
            &generate::render(&text),
        );
    }

    #[test]
    fn the_table_is_sorted_and_keeps_lengths() {
        assert!(SIMPLIFIED.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(
            SIMPLIFIED
                .iter()
                .all(|(t, s)| t.len_utf8() == s.len_utf8() && t != s)
        );
        assert!(SIMPLIFIED.len() > 3000, "{}", SIMPLIFIED.len());
    }

    #[test]
    fn regional_words_keep_lengths_and_fold_to_new_words() {
        for (from, to) in WORDS {
            assert_eq!(from.len(), to.len(), "{from} → {to}");
            assert!(from.chars().all(|c| c.len_utf8() == 3), "{from}");
            // Written as the character fold leaves them, or they would never match.
            assert_eq!(from.chars().map(simplified).collect::<String>(), from);
            assert_ne!(from, to);
        }
        for (from, to) in SHORTER_WORDS {
            assert!(to.len() < from.len(), "{from} → {to}");
            assert_eq!(from.chars().map(simplified).collect::<String>(), from);
        }
    }

    #[test]
    fn traditional_documents_fold_in_place() {
        let doc = "| 權限名稱 | 使用目的 |\n| 相機 | 掃描條碼 |\n| 位置資訊 | 附近門市 |\n| 網路 | 連線 |\n";
        let folded = fold_document(doc).expect("traditional");
        assert_eq!(folded.len(), doc.len());
        assert_eq!(
            folded,
            "| 权限名称 | 使用目的 |\n| 相机 | 扫描条码 |\n| 位置信息 | 附近门市 |\n| 网络 | 连接 |\n"
        );
    }

    #[test]
    fn simplified_documents_are_left_alone() {
        assert!(fold_document("| 权限名称 | 使用目的 |\n| 相机 | 扫码 |\n").is_none());
        // A simplified policy that quotes one traditional name stays as written.
        let quoted = "本应用申请相机、麦克风、存储、位置、通讯录、日历权限，繁体称“相機”。";
        assert!(fold_document(quoted).is_none());
        assert!(fold_document("Camera | NSCameraUsageDescription").is_none());
    }

    #[test]
    fn labels_fold_every_regional_word() {
        assert_eq!(fold_label("行事曆"), "日历");
        assert_eq!(fold_label("相機許可權"), "相机权限");
        assert_eq!(fold_label("讀取網際網路"), "读取互联网");
        assert_eq!(fold_label("相机"), "相机");
    }

    #[test]
    fn restored_text_is_the_original() {
        let doc = "權限：相機\n用途：掃描條碼\n後台：資訊\n";
        let folded = fold_document(doc).expect("traditional");
        let restorer = Restorer::new(doc, &folded);
        // Found where it was read: the original characters.
        assert_eq!(
            restorer.restore("相机 (camera)", 0..doc.len()),
            "相機 (camera)"
        );
        assert_eq!(restorer.restore("信息", 0..doc.len()), "資訊");
        // Not found (joined from two places): each certain character restored.
        assert_eq!(restorer.restore("相机扫描", 0..doc.len()), "相機掃描");
        // A window past the end (clamped, empty) falls back to characters too.
        assert_eq!(restorer.restore("条码", 500..900), "條碼");
        assert_eq!(restorer.restore("plain", 0..0), "plain");
    }

    #[test]
    fn uncertain_characters_stay_folded() {
        // 后 is written unfolded and folded from 後: which one a cleaned text meant is unknown.
        let doc = "皇后與後台後面的相機相機相機相機\n";
        let folded = fold_document(doc).expect("traditional");
        let restorer = Restorer::new(doc, &folded);
        assert_eq!(restorer.restore("后 相机", 0..0), "后 相機");
    }
}
