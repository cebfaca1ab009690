//! The generator of `generated.rs`: parses the TSV tables (the source of truth) and renders them
//! as Rust statics. Test-only; `generated_tables_are_fresh` runs it.

use std::fmt::Write as _;

use super::{AndroidPermission, IosKey};
use crate::model::Platform;

/// The tables as parsed from the TSVs, with their indexes.
#[derive(Debug)]
pub(super) struct Tables {
    pub(super) android: Vec<AndroidPermission>,
    pub(super) ios: Vec<IosKey>,
    pub(super) predecessors: Vec<(Platform, &'static str, &'static str)>,
    pub(super) wildcards: Vec<&'static str>,
}

/// Rows of a TSV table (`#` lines and the header skipped), each split on tabs into a fixed
/// array; missing trailing fields are empty.
fn rows<const N: usize>(text: &'static str) -> impl Iterator<Item = [&'static str; N]> {
    let mut rest = text;
    let mut header_seen = false;
    std::iter::from_fn(move || {
        while !rest.is_empty() {
            let end = memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len());
            let line = rest[..end].trim_end_matches('\r');
            rest = rest.get(end + 1..).unwrap_or("");
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            if !header_seen {
                header_seen = true;
                continue;
            }
            let mut fields = [""; N];
            let mut start = 0;
            for (slot, tab) in fields
                .iter_mut()
                .zip(memchr::memchr_iter(b'\t', line.as_bytes()).chain([line.len()]))
            {
                *slot = &line[start..tab];
                start = (tab + 1).min(line.len());
            }
            return Some(fields);
        }
        None
    })
}

/// Parses the TSV tables and builds the indexes.
pub(super) fn parse(android_tsv: &'static str, ios_tsv: &'static str) -> Tables {
    let android: Vec<AndroidPermission> = rows::<10>(android_tsv)
        .map(|r| AndroidPermission {
            name: r[0],
            protection: r[1],
            since_api: r[2].parse().ok(),
            deprecated_api: r[3],
            successors: r[4],
            play_policy: r[5],
            origin: r[6],
            zh: r[7],
            flags: r[8],
            note: r[9],
        })
        .collect();
    let ios: Vec<IosKey> = rows::<9>(ios_tsv)
        .map(|r| IosKey {
            key: r[0],
            guards: r[1],
            introduced: r[2],
            deprecated: r[3],
            successors: r[4],
            android: r[5],
            zh: r[6],
            flags: r[7],
            note: r[8],
        })
        .collect();
    let mut predecessors: Vec<(Platform, &'static str, &'static str)> = android
        .iter()
        .flat_map(|p| p.successors().map(|s| (Platform::Android, s, p.name)))
        .chain(
            ios.iter()
                .flat_map(|k| k.successors().map(|s| (Platform::Ios, s, k.key))),
        )
        .collect();
    predecessors.sort_unstable();
    let wildcards = android
        .iter()
        .filter_map(|p| p.name.strip_suffix('*'))
        .collect();
    Tables {
        android,
        ios,
        predecessors,
        wildcards,
    }
}

/// The text of `generated.rs`: one row per line, strings as Rust literals.
pub(super) fn render(tables: &Tables) -> String {
    let mut out = crate::sourcegen::header("src/catalog/data/android.tsv and ios.tsv");
    out.push_str(
        "\nuse super::{AndroidPermission, IosKey};\nuse crate::model::Platform;\n\n\
         /// Every Android permission, sorted by name.\n",
    );
    let _ = writeln!(
        out,
        "pub(super) static ANDROID: [AndroidPermission; {}] = [",
        tables.android.len()
    );
    for p in &tables.android {
        let _ = writeln!(
            out,
            "    AndroidPermission {{ name: {:?}, protection: {:?}, since_api: {:?}, \
             deprecated_api: {:?}, successors: {:?}, play_policy: {:?}, origin: {:?}, zh: {:?}, \
             flags: {:?}, note: {:?} }},",
            p.name,
            p.protection,
            p.since_api,
            p.deprecated_api,
            p.successors,
            p.play_policy,
            p.origin,
            p.zh,
            p.flags,
            p.note
        );
    }
    out.push_str("];\n\n/// Every iOS purpose-string key, sorted by key.\n");
    let _ = writeln!(
        out,
        "pub(super) static IOS: [IosKey; {}] = [",
        tables.ios.len()
    );
    for k in &tables.ios {
        let _ = writeln!(
            out,
            "    IosKey {{ key: {:?}, guards: {:?}, introduced: {:?}, deprecated: {:?}, \
             successors: {:?}, android: {:?}, zh: {:?}, flags: {:?}, note: {:?} }},",
            k.key,
            k.guards,
            k.introduced,
            k.deprecated,
            k.successors,
            k.android,
            k.zh,
            k.flags,
            k.note
        );
    }
    out.push_str("];\n\n/// (platform, successor, deprecated predecessor), sorted.\n");
    let _ = writeln!(
        out,
        "pub(super) static PREDECESSORS: [(Platform, &str, &str); {}] = [",
        tables.predecessors.len()
    );
    for (platform, successor, old) in &tables.predecessors {
        let _ = writeln!(out, "    (Platform::{platform:?}, {successor:?}, {old:?}),");
    }
    out.push_str("];\n\n/// Prefixes of the wildcard rows (`….*`).\n");
    let _ = writeln!(
        out,
        "pub(super) static WILDCARDS: [&str; {}] = [",
        tables.wildcards.len()
    );
    for prefix in &tables.wildcards {
        let _ = writeln!(out, "    {prefix:?},");
    }
    out.push_str("];\n");
    out
}
