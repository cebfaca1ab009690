//! What permaudit knows about platform permissions, from tables compiled into the binary.
//!
//! The tables' source of truth is `src/catalog/data/*.tsv`, derived from the reference material
//! with a provenance header each. Every `check` consults the catalog, so it is on the start-up
//! path of a pre-commit hook: rather than parsing the TSVs on each run, the rows and indexes are
//! checked in as static arrays (`generated.rs`), which a test regenerates from the TSVs and
//! compares (`UPDATE_GENERATED=1 cargo test generated` rewrites it). Start-up does no work.

use std::collections::BTreeMap;

use crate::model::Platform;

#[cfg(test)]
mod generate;
#[rustfmt::skip]
mod generated;

#[cfg(test)]
const ANDROID_TSV: &str = include_str!("data/android.tsv");
#[cfg(test)]
const IOS_TSV: &str = include_str!("data/ios.tsv");

/// The namespace of the stock platform permissions.
pub const ANDROID_PREFIX: &str = "android.permission.";

/// One Android permission the catalog knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AndroidPermission {
    /// Full name, e.g. `android.permission.CAMERA`.
    pub name: &'static str,
    /// Protection level as stock Android declares it, e.g. `dangerous`, `signature|privileged`.
    pub protection: &'static str,
    /// First API level that defines it, when known.
    pub since_api: Option<u32>,
    /// API level that deprecated it (a trailing `?` marks an unverified level).
    pub deprecated_api: &'static str,
    /// Replacements, `;`-separated full names.
    pub successors: &'static str,
    /// Google Play policy area restricting it, if any.
    pub play_policy: &'static str,
    /// `aosp`, or where a non-framework permission comes from (`vendor-huawei`, …).
    pub origin: &'static str,
    /// Chinese names, `|`-separated, most common first.
    pub zh: &'static str,
    /// `|`-separated flags (`hidden`, `removed`, `runtime`, `unverified`, …).
    pub flags: &'static str,
    /// Short note.
    pub note: &'static str,
}

/// One iOS purpose-string key the catalog knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IosKey {
    /// The Info.plist key.
    pub key: &'static str,
    /// The resource it guards.
    pub guards: &'static str,
    /// iOS version that introduced it.
    pub introduced: &'static str,
    /// iOS version that deprecated it.
    pub deprecated: &'static str,
    /// Replacements, `;`-separated keys.
    pub successors: &'static str,
    /// Closest Android permissions, `;`-separated.
    pub android: &'static str,
    /// Chinese names, `|`-separated.
    pub zh: &'static str,
    /// `|`-separated flags.
    pub flags: &'static str,
    /// Short note.
    pub note: &'static str,
}

/// Protection-level tokens that let an ordinary store-installed app hold a permission (granted at
/// install, by the user, through an app-op toggle or a role it can take). A level with none of
/// them (`signature`, `signature|privileged`, `internal`, …) is reserved for the platform's own
/// apps. The rule is the reference's (`android/deprecations.tsv`, "unobtainable" rows).
const GRANTABLE_TOKENS: &[&str] = &[
    "normal",
    "dangerous",
    "appop",
    "instant",
    "role",
    "runtime",
    "pre23",
];

/// The items of a list-valued column (`|`- or `;`-separated, possibly empty).
fn list(field: &'static str, separator: char) -> impl Iterator<Item = &'static str> {
    field.split(separator).filter(|s| !s.is_empty())
}

/// The readers of the list-valued columns both tables have (`flags`, `successors`, `zh`).
macro_rules! list_columns {
    ($row:ty, $successors:literal) => {
        impl $row {
            /// Whether the row carries `flag` in its `flags` column.
            pub fn has_flag(&self, flag: &str) -> bool {
                list(self.flags, '|').any(|f| f == flag)
            }

            #[doc = $successors]
            pub fn successors(&self) -> impl Iterator<Item = &'static str> {
                list(self.successors, ';')
            }

            /// Chinese names, most common first.
            pub fn zh_names(&self) -> impl Iterator<Item = &'static str> {
                list(self.zh, '|')
            }
        }
    };
}

list_columns!(
    AndroidPermission,
    "The replacement permissions, full names."
);
list_columns!(IosKey, "The replacement keys.");

impl AndroidPermission {
    /// An install-time permission: its base protection level is `normal`, so the system grants it
    /// without asking the user.
    pub fn is_normal(&self) -> bool {
        self.protection.split('|').next() == Some("normal")
    }

    /// A store-installed app can never be granted it: no grantable token in its protection level,
    /// or the reference lists it as unobtainable (some `role` permissions are only ever given to
    /// system role holders). `unknown` levels (vendor permissions) are never judged.
    pub fn is_unobtainable(&self) -> bool {
        if self.has_flag("unobtainable") {
            return true;
        }
        self.protection != "unknown"
            && !self
                .protection
                .split('|')
                .any(|t| GRANTABLE_TOKENS.contains(&t))
    }

    /// Google Play requires a Play Console declaration before an app using it can be published.
    pub fn needs_play_declaration(&self) -> bool {
        self.has_flag("play-declaration")
    }

    /// Deprecated, replaced, removed or without effect on newer Android.
    pub fn is_deprecated(&self) -> bool {
        !self.deprecated_api.is_empty() || self.has_flag("removed")
    }

    /// The API level from which it is deprecated, and whether the reference confirms that level.
    pub fn deprecated_level(&self) -> Option<(u32, bool)> {
        let (level, verified) = match self.deprecated_api.strip_suffix('?') {
            Some(level) => (level, false),
            None => (self.deprecated_api, true),
        };
        level.parse().ok().map(|l| (l, verified))
    }
}

/// The tables with their lookup indexes, all static.
#[derive(Debug)]
pub struct Catalog {
    /// Sorted by name.
    android: &'static [AndroidPermission],
    /// Sorted by key.
    ios: &'static [IosKey],
    /// (platform, successor, deprecated predecessor), sorted.
    predecessors: &'static [(Platform, &'static str, &'static str)],
    /// Prefixes of wildcard rows (`android.permission.health.*` → `android.permission.health.`).
    wildcards: &'static [&'static str],
}

static CATALOG: Catalog = Catalog {
    android: &generated::ANDROID,
    ios: &generated::IOS,
    predecessors: &generated::PREDECESSORS,
    wildcards: &generated::WILDCARDS,
};

/// The catalog compiled into the binary.
pub fn catalog() -> &'static Catalog {
    &CATALOG
}

impl Catalog {
    /// Indexes of the permissions whose last segment is `short`. A scan rather than an index:
    /// only short names that are not platform permissions get here, a handful per policy,
    /// and a scan costs less than building an index on every start.
    fn with_short<'a>(&'a self, short: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.android
            .iter()
            .enumerate()
            .filter(move |(_, p)| short_name(p.name) == short)
            .map(|(i, _)| i)
    }

    /// Every Android permission, sorted by name.
    pub fn android(&self) -> &[AndroidPermission] {
        self.android
    }

    /// Every iOS key, sorted by key.
    pub fn ios(&self) -> &[IosKey] {
        self.ios
    }

    /// Looks up an Android permission by full name.
    pub fn android_permission(&self, name: &str) -> Option<&AndroidPermission> {
        self.android
            .binary_search_by(|p| p.name.cmp(name))
            .ok()
            .map(|i| &self.android[i])
    }

    /// Whether the catalog knows `name`: a row of that name, or a wildcard row (`….*`, such as
    /// `android.permission.health.*`, whose list the reference calls incomplete) covering it.
    pub fn knows_android(&self, name: &str) -> bool {
        self.android_permission(name).is_some()
            || self.wildcards.iter().any(|prefix| name.starts_with(prefix))
    }

    /// Looks up an iOS key.
    pub fn ios_key(&self, key: &str) -> Option<&IosKey> {
        self.ios
            .binary_search_by(|k| k.key.cmp(key))
            .ok()
            .map(|i| &self.ios[i])
    }

    /// Resolves a short Android name (no dot) to the full name: the platform permission of that
    /// name if there is one, else the only catalog permission whose last segment it is.
    pub fn resolve_short(&self, short: &str) -> ShortName {
        let platform = format!("{ANDROID_PREFIX}{short}");
        if self.android_permission(&platform).is_some() {
            return ShortName::Resolved(platform);
        }
        let matches: Vec<usize> = self.with_short(short).collect();
        match matches.as_slice() {
            [one] => ShortName::Resolved(self.android[*one].name.to_owned()),
            [] => {
                let mut shorts: Vec<&'static str> =
                    self.android.iter().map(|p| short_name(p.name)).collect();
                shorts.sort_unstable();
                shorts.dedup();
                ShortName::Unknown {
                    nearest: nearest(short, shorts.into_iter()),
                }
            }
            many => ShortName::Ambiguous(many.iter().map(|&i| self.android[i].name).collect()),
        }
    }

    /// The replacements the catalog records for a permission or key (empty when none).
    pub fn successors(&self, platform: Platform, name: &str) -> Vec<&'static str> {
        match platform {
            Platform::Android => self
                .android_permission(name)
                .map(|p| p.successors().collect())
                .unwrap_or_default(),
            Platform::Ios | Platform::Macos => self
                .ios_key(name)
                .map(|k| k.successors().collect())
                .unwrap_or_default(),
        }
    }

    /// The deprecated permissions or keys that `name` replaces.
    pub fn predecessors(&self, platform: Platform, name: &str) -> Vec<&'static str> {
        let start = self
            .predecessors
            .partition_point(|(p, s, _)| (*p, *s) < (platform, name));
        self.predecessors[start..]
            .iter()
            .take_while(|(p, s, _)| *p == platform && *s == name)
            .map(|(_, _, old)| *old)
            .collect()
    }

    /// Every permission or key with `zh` among its Chinese names, Android first, by name.
    pub fn by_chinese_name(&self, zh: &str) -> Vec<(Platform, &'static str)> {
        let android = self
            .android
            .iter()
            .filter(|p| p.zh_names().any(|n| n == zh))
            .map(|p| (Platform::Android, p.name));
        let ios = self
            .ios
            .iter()
            .filter(|k| k.zh_names().any(|n| n == zh))
            .map(|k| (Platform::Ios, k.key));
        android.chain(ios).collect()
    }

    /// The `android.permission.*` platform permission whose short name is closest to that of
    /// `name`, for typo suggestions.
    pub fn nearest_platform_permission(&self, name: &str) -> Option<&'static str> {
        // A run audits each policy (and variant) on its own, so one unknown name is asked for
        // several times: the built-in catalog's answers are kept for the run.
        static ANSWERS: std::sync::Mutex<BTreeMap<String, Option<&'static str>>> =
            std::sync::Mutex::new(BTreeMap::new());
        let builtin = std::ptr::eq(self, &CATALOG);
        if builtin {
            let answers = ANSWERS
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if let Some(answer) = answers.get(name) {
                return *answer;
            }
        }
        let answer = self.nearest_platform_permission_uncached(name);
        if builtin {
            ANSWERS
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .insert(name.to_owned(), answer);
        }
        answer
    }

    fn nearest_platform_permission_uncached(&self, name: &str) -> Option<&'static str> {
        let short = name.strip_prefix(ANDROID_PREFIX).unwrap_or(name);
        // The platform's names are one run of the sorted table; of those, only the ones whose
        // length is within reach are looked at further (a run asks for every unknown name).
        let from = self.android.partition_point(|p| p.name < ANDROID_PREFIX);
        let platform = &self.android[from..];
        let platform =
            &platform[..platform.partition_point(|p| p.name.starts_with(ANDROID_PREFIX))];
        let length = chars(short);
        let candidates = platform
            .iter()
            .filter_map(|p| p.name.get(ANDROID_PREFIX.len()..))
            .filter(|s| chars(s).abs_diff(length) <= reach(length))
            .filter(|s| !s.contains('.'));
        nearest(short, candidates).and_then(|s| {
            self.android_permission(&format!("{ANDROID_PREFIX}{s}"))
                .map(|p| p.name)
        })
    }

    /// The known iOS key closest to `key`, for suggestions.
    pub fn nearest_ios_key(&self, key: &str) -> Option<&'static str> {
        nearest(key, self.ios.iter().map(|k| k.key))
    }
}

/// The outcome of resolving a short Android name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShortName {
    /// The full name.
    Resolved(String),
    /// Several permissions end in this segment and none is a platform permission.
    Ambiguous(Vec<&'static str>),
    /// Nothing known by that name; the closest known short name, if any is close.
    Unknown {
        /// Suggestion.
        nearest: Option<&'static str>,
    },
}

/// The last dot-separated segment of a permission name.
pub fn short_name(name: &str) -> &str {
    name.rfind('.').map_or(name, |dot| &name[dot + 1..])
}

/// The candidate closest to `word` by edit distance (case-insensitive), if it is close enough
/// to be a plausible typo: at most a third of the word's length.
pub fn nearest<'c>(word: &str, candidates: impl Iterator<Item = &'c str>) -> Option<&'c str> {
    let word_upper: Vec<char> = word.chars().flat_map(char::to_uppercase).collect();
    let length = word.chars().count();
    let limit = reach(length);
    let word_letters = Letters::of(&word_upper);
    let mut other: Vec<char> = Vec::new();
    candidates
        // The distance is at least the difference in length: most candidates are ruled out
        // without computing it (this runs for every unknown name of every audited file).
        .filter(|c| chars(c).abs_diff(length) <= limit)
        .filter_map(|c| {
            other.clear();
            // Catalog names are ASCII: the Unicode case tables cost more than the distance.
            if c.is_ascii() {
                other.extend(c.bytes().map(|b| char::from(b.to_ascii_uppercase())));
            } else {
                other.extend(c.chars().flat_map(char::to_uppercase));
            }
            // And at least the letters one has that the other lacks: a cheaper bound that
            // rules out most of the rest (a long name leaves a wide length window).
            if word_letters.apart(&Letters::of(&other)) > limit {
                return None;
            }
            distance_within(&word_upper, &other, limit).map(|d| (d, c))
        })
        .min()
        .map(|(_, c)| c)
}

/// The largest edit distance a suggestion for a word of `length` characters may be at.
fn reach(length: usize) -> usize {
    (length / 3).max(2)
}

/// Characters in `text`; a byte each when it is ASCII.
fn chars(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    }
}

/// How often each character occurs, with the characters a permission name is made of counted
/// apart and every other one in one shared class (which only lowers the bound).
struct Letters([u32; 38]);

impl Letters {
    fn of(text: &[char]) -> Self {
        let mut counts = [0u32; 38];
        for &c in text {
            let class = match c {
                'A'..='Z' => c as usize - 'A' as usize,
                '0'..='9' => 26 + (c as usize - '0' as usize),
                '_' => 36,
                _ => 37,
            };
            counts[class] = counts[class].saturating_add(1);
        }
        Letters(counts)
    }

    /// A lower bound of the edit distance: a substitution changes the count of two classes by
    /// one each (one up, one down), an insertion or deletion one class by one, a transposition
    /// none; so at least the larger of what each side has in surplus.
    fn apart(&self, other: &Letters) -> usize {
        let (mut more, mut fewer) = (0usize, 0usize);
        for (a, b) in self.0.iter().zip(&other.0) {
            if a > b {
                more += (a - b) as usize;
            } else {
                fewer += (b - a) as usize;
            }
        }
        more.max(fewer)
    }
}

/// [`edit_distance`] of `a` and `b` when it is at most `limit`, else `None`, computed row by
/// row and given up once two rows in a row exceed `limit`: every later cell comes from one of
/// those two rows plus a non-negative cost (a cell of row `i` is at least the smaller of row
/// `i - 1`'s minimum and row `i - 2`'s minimum plus one), so none can come back under it.
fn distance_within<T: PartialEq>(a: &[T], b: &[T], limit: usize) -> Option<usize> {
    let width = b.len() + 1;
    let mut before: Vec<usize> = vec![0; width];
    let mut previous: Vec<usize> = (0..width).collect();
    let mut row: Vec<usize> = vec![0; width];
    let mut previous_over = false;
    for i in 1..=a.len() {
        row[0] = i;
        for j in 1..width {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j] + 1)
                .min(row[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            row[j] = best;
        }
        let over = row.iter().all(|&d| d > limit);
        if over && previous_over {
            return None;
        }
        previous_over = over;
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut row);
    }
    Some(previous[b.len()]).filter(|&d| d <= limit)
}

/// Optimal-string-alignment distance: Levenshtein plus adjacent transpositions, the usual
/// shape of a typo.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        d[i * width] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A suggestion is the closest platform permission (`android.permission.` and no further
    /// dot) within reach: the same as comparing the word with every such name in the catalog.
    #[test]
    fn suggestions_are_the_nearest_platform_permission() {
        let cat = catalog();
        let everyone = |word: &str| {
            let names: Vec<&str> = cat
                .android
                .iter()
                .filter_map(|p| p.name.strip_prefix(ANDROID_PREFIX))
                .filter(|s| !s.contains('.'))
                .collect();
            nearest(word, names.into_iter()).map(|s| {
                cat.android_permission(&format!("{ANDROID_PREFIX}{s}"))
                    .unwrap()
                    .name
            })
        };
        for word in [
            "READ_CONTACT",
            "android.permission.CAMREA",
            "ACCESS_FINE_LOCATOIN",
            "RECIEVE_BOOT_COMPLETED",
            "health.READ_STEP",
            "X",
            "ACCESS_COARSE_LOCATION_AND_MORE_WORDS",
            "",
        ] {
            let short = word.strip_prefix(ANDROID_PREFIX).unwrap_or(word);
            assert_eq!(
                cat.nearest_platform_permission_uncached(word),
                everyone(short),
                "{word}"
            );
        }
        assert_eq!(
            cat.nearest_platform_permission("READ_CONTACT"),
            Some("android.permission.READ_CONTACTS")
        );
        assert_eq!(
            cat.nearest_platform_permission("RECIEVE_BOOT_COMPLETED"),
            Some("android.permission.RECEIVE_BOOT_COMPLETED")
        );
    }

    /// `generated.rs` is what the generator makes of the TSVs today.
    #[test]
    fn generated_tables_are_fresh() {
        let tables = generate::parse(ANDROID_TSV, IOS_TSV);
        let fresh = crate::sourcegen::ensure_file_contents(
            "src/catalog/generated.rs",
            &generate::render(&tables),
        );
        if !fresh {
            return;
        }
        let cat = catalog();
        assert_eq!(cat.android, &tables.android[..]);
        assert_eq!(cat.ios, &tables.ios[..]);
        assert_eq!(cat.predecessors, &tables.predecessors[..]);
        assert_eq!(cat.wildcards, &tables.wildcards[..]);
    }

    #[test]
    fn tables_are_sorted_unique_and_well_formed() {
        let cat = catalog();
        assert!(cat.android().len() > 1000, "{}", cat.android().len());
        assert!(cat.ios().len() > 30);
        assert!(cat.android().windows(2).all(|w| w[0].name < w[1].name));
        assert!(cat.ios().windows(2).all(|w| w[0].key < w[1].key));
        for p in cat.android() {
            assert!(p.name.contains('.'), "{}", p.name);
            assert!(
                !p.protection.is_empty(),
                "{} has no protection level",
                p.name
            );
        }
        for k in cat.ios() {
            assert!(k.key.ends_with("UsageDescription"), "{}", k.key);
        }
        for line in ANDROID_TSV.lines().chain(IOS_TSV.lines()) {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let columns = 10 - usize::from(IOS_TSV.contains(line));
            assert_eq!(line.split('\t').count(), columns, "{line}");
        }
    }

    /// The counts the README states.
    #[test]
    fn counts_match_the_readme() {
        let cat = catalog();
        let android = cat.android();
        assert_eq!(android.len(), 1211);
        assert_eq!(cat.ios().len(), 45);
        assert_eq!(android.iter().filter(|p| p.is_unobtainable()).count(), 769);
        assert_eq!(android.iter().filter(|p| p.is_deprecated()).count(), 65);
        assert_eq!(
            android
                .iter()
                .filter(|p| !p.deprecated_api.is_empty())
                .count(),
            30
        );
        assert_eq!(
            android.iter().filter(|p| !p.play_policy.is_empty()).count(),
            46
        );
        assert_eq!(
            android
                .iter()
                .filter(|p| p.needs_play_declaration())
                .count(),
            39
        );
        assert_eq!(
            cat.ios()
                .iter()
                .filter(|k| !k.deprecated.is_empty())
                .count(),
            6
        );
        let vendor = android
            .iter()
            .filter(|p| p.origin != "aosp" && p.origin != "grapheneos")
            .count();
        assert_eq!(vendor, 33);
    }

    #[test]
    fn short_names_resolve_like_the_policy_expects() {
        let cat = catalog();
        assert_eq!(
            cat.resolve_short("CAMERA"),
            ShortName::Resolved("android.permission.CAMERA".into())
        );
        assert_eq!(
            cat.resolve_short("INSTALL_SHORTCUT"),
            ShortName::Resolved("com.android.launcher.permission.INSTALL_SHORTCUT".into())
        );
        assert_eq!(
            cat.resolve_short("CAMRA"),
            ShortName::Unknown {
                nearest: Some("CAMERA")
            }
        );
        assert_eq!(
            cat.android_permission("android.permission.INTERNET")
                .map(|p| p.protection),
            Some("normal|instant")
        );
    }

    /// The letter-count bound never exceeds the distance, so it never hides a suggestion.
    #[test]
    fn letter_bound_is_a_lower_bound() {
        let names: Vec<Vec<char>> = catalog()
            .android
            .iter()
            .step_by(7)
            .map(|p| p.name.chars().flat_map(char::to_uppercase).collect())
            .collect();
        let extra: Vec<Vec<char>> = [
            "",
            "CAMREA",
            "READ PHONE_STATE",
            "相机_A",
            "ACCESS_FINE_LOCATON",
        ]
        .iter()
        .map(|s| s.chars().collect())
        .collect();
        for a in names.iter().chain(&extra) {
            for b in names.iter().step_by(5).chain(&extra) {
                let (sa, sb): (String, String) = (a.iter().collect(), b.iter().collect());
                assert!(
                    Letters::of(a).apart(&Letters::of(b)) <= edit_distance(&sa, &sb),
                    "{sa} {sb}"
                );
            }
        }
    }

    #[test]
    fn edit_distance_counts_transpositions_once() {
        assert_eq!(edit_distance("CAMERA", "CAMREA"), 1);
        assert_eq!(edit_distance("", "AB"), 2);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    /// The cut-off distance is the full one whenever that is within the limit, and `None`
    /// exactly when it is not.
    #[test]
    fn distance_within_agrees_with_edit_distance() {
        let words = "_ A AB BA CAMERA CAMREA CAERMA KITTEN SITTING RECORD_AUDIO RECORD_AUDOI \
                     READ_PHONE_STATE READ_PHONESTATE ACCESS_FINE_LOCATION ABCDEF FEDCBA BADCFE XYZ"
            .split_whitespace()
            .map(|w| w.trim_start_matches('_'));
        let words: Vec<&str> = words.collect();
        for &a in &words {
            for &b in &words {
                let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                let full = edit_distance(a, b);
                for limit in 0..8 {
                    let wanted = (full <= limit).then_some(full);
                    assert_eq!(distance_within(&ca, &cb, limit), wanted, "{a} {b} {limit}");
                }
            }
        }
    }
}
