//! The catalog (`src/catalog/data/*.tsv`) agrees with the reference material it was derived
//! from, at `$PERMAUDIT_REFERENCE` (CI: `../shared/reference`; a relative path is taken from the
//! crate root). See that directory's `README.md` for what each file holds.
//!
//! With `PERMAUDIT_REFERENCE` unset the tests print that they were skipped and pass; with it set
//! to a directory that does not exist they fail, so CI never skips silently.

#![allow(clippy::print_stderr, clippy::unwrap_used)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use permaudit::catalog::catalog;

fn reference() -> Option<PathBuf> {
    common::shared_dir("PERMAUDIT_REFERENCE")
}

/// A TSV file as header-keyed rows (`#` lines skipped).
fn table(root: &std::path::Path, rel: &str) -> Vec<BTreeMap<String, String>> {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut lines = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty());
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    lines
        .map(|l| {
            header
                .iter()
                .zip(l.split('\t').chain(std::iter::repeat("")))
                .map(|(h, v)| ((*h).to_owned(), v.to_owned()))
                .collect()
        })
        .collect()
}

/// The leading number of a field such as `23 (not verified)`.
fn leading_number(s: &str) -> Option<u32> {
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Every platform permission of the AOSP manifest transcription is in the catalog with the
/// stock protection level (API 36 where the SDK defines it), the first API level, and its
/// origin; non-framework rows keep their source as origin.
#[test]
fn android_platform_permissions_agree() {
    let Some(root) = reference() else { return };
    let cat = catalog();
    let rows = table(&root, "android/platform-permissions.tsv");
    let mut by_name: BTreeMap<&str, Vec<&BTreeMap<String, String>>> = BTreeMap::new();
    for r in &rows {
        if !r["name"].contains("<applicationId>") {
            by_name.entry(&r["name"]).or_default().push(r);
        }
    }
    assert!(by_name.len() > 1100, "{}", by_name.len());
    for (name, variants) in &by_name {
        let p = cat
            .android_permission(name)
            .unwrap_or_else(|| panic!("{name} is missing from the catalog"));
        let source = &variants[0]["source"];
        let framework = source.starts_with("aosp-core-res") || source == "grapheneos-addition";
        let api36: BTreeSet<&str> = variants
            .iter()
            .map(|v| v["protectionLevel_sdk_api36"].as_str())
            .filter(|l| !l.is_empty())
            .collect();
        if framework && !api36.is_empty() {
            assert!(
                api36.contains(p.protection),
                "{name}: {} vs {api36:?}",
                p.protection
            );
        } else {
            let raw: BTreeSet<&str> = variants
                .iter()
                .map(|v| v["protectionLevel"].as_str())
                .map(|l| if l.is_empty() { "unknown" } else { l })
                .collect();
            assert!(
                raw.contains(p.protection),
                "{name}: {} vs {raw:?}",
                p.protection
            );
        }
        if let Some(since) = leading_number(&variants[0]["since_api"]) {
            assert_eq!(p.since_api, Some(since), "{name}");
        }
        let origin = if source.starts_with("aosp-core-res") {
            "aosp"
        } else if source == "grapheneos-addition" {
            "grapheneos"
        } else {
            source.as_str()
        };
        assert_eq!(p.origin, origin, "{name}");
    }
    // Stock Android, not the GrapheneOS tree the transcription came from.
    assert_eq!(
        cat.android_permission("android.permission.INTERNET")
            .map(|p| p.protection),
        Some("normal|instant")
    );
}

/// Names no longer defined by the framework are kept (so they are not "unknown").
#[test]
fn historical_permissions_are_kept() {
    let Some(root) = reference() else { return };
    for r in table(&root, "android/permission-presence-by-api.tsv") {
        assert!(
            catalog().android_permission(&r["name"]).is_some(),
            "{} is missing",
            r["name"]
        );
    }
}

/// Deprecation levels (unconfirmed ones marked `?`), successors and unobtainable rows match
/// `deprecations.tsv`.
#[test]
fn deprecations_agree() {
    let Some(root) = reference() else { return };
    let cat = catalog();
    let level_types = [
        "deprecated",
        "deprecated then removed",
        "removed",
        "replaced",
        "no-effect",
        "unobtainable",
    ];
    for r in table(&root, "android/deprecations.tsv") {
        let name = &r["permission"];
        let Some(p) = cat.android_permission(name) else {
            panic!("{name} is missing")
        };
        let kind = r["change_type"].as_str();
        if !level_types.contains(&kind) {
            continue;
        }
        if let Some(level) = leading_number(&r["api_level"]) {
            let unconfirmed =
                r["api_level"].contains("not verified") || r["verified"].starts_with("partly");
            assert_eq!(
                p.deprecated_level(),
                Some((level, !unconfirmed)),
                "{name}: {}",
                p.deprecated_api
            );
        }
        let successors: Vec<_> = p.successors().collect();
        for token in r["replacement"].split([' ', ';', '(', ')', ',']) {
            // Wildcards (`android.permission.health.*`) are patterns, not successors to request.
            if cat.android_permission(token).is_some() && token != name && !token.ends_with('*') {
                assert!(
                    successors.contains(&token),
                    "{name}: {token} not a successor"
                );
            }
        }
        if kind == "unobtainable" {
            assert!(p.is_unobtainable(), "{name}");
        }
    }
    let admin = cat
        .android_permission("android.permission.BLUETOOTH_ADMIN")
        .unwrap();
    // The reference maps BLUETOOTH_ADMIN to SCAN and ADVERTISE only (CONNECT replaces BLUETOOTH).
    assert_eq!(
        admin.successors().collect::<Vec<_>>(),
        [
            "android.permission.BLUETOOTH_SCAN",
            "android.permission.BLUETOOTH_ADVERTISE"
        ]
    );
}

/// Play policy areas and declaration requirements match `play-restricted.tsv`.
#[test]
fn play_restrictions_agree() {
    let Some(root) = reference() else { return };
    let cat = catalog();
    for r in table(&root, "android/play-restricted.tsv") {
        let name = &r["permission"];
        if name.contains('*') {
            continue;
        }
        let p = cat.android_permission(name).unwrap();
        assert_eq!(p.play_policy, r["policy_area"], "{name}");
        let declaration = r["play_console_declaration"].as_str();
        let needed = declaration.starts_with("yes")
            || declaration.starts_with("via ")
            || declaration.starts_with("Play Console declaration");
        assert_eq!(p.needs_play_declaration(), needed, "{name}: {declaration}");
    }
}

/// Every iOS purpose-string key is in the catalog with its introduction and deprecation
/// versions, successors, and an `unverified` flag where the reference is not sure.
#[test]
fn ios_keys_agree() {
    let Some(root) = reference() else { return };
    let cat = catalog();
    let rows = table(&root, "ios/usage-description-keys.tsv");
    let mut keys = 0;
    for r in &rows {
        let key = &r["key"];
        if !key.ends_with("UsageDescription") {
            continue;
        }
        keys += 1;
        let k = cat
            .ios_key(key)
            .unwrap_or_else(|| panic!("{key} is missing from the catalog"));
        let introduced = r["introduced_ios"].as_str();
        if introduced.starts_with(|c: char| c.is_ascii_digit()) {
            let version = introduced.split_whitespace().next().unwrap();
            assert_eq!(k.introduced, version, "{key}");
        }
        let deprecated = r["deprecated_or_removed"].as_str();
        assert_eq!(deprecated.is_empty(), k.deprecated.is_empty(), "{key}");
        if !deprecated.is_empty() {
            let major = k.deprecated.split('.').next().unwrap();
            assert!(
                deprecated.contains(major),
                "{key}: {} vs {deprecated}",
                k.deprecated
            );
        }
        let successors: Vec<_> = k.successors().collect();
        for token in r["replaced_by"].split([' ', '/', ';', ',']) {
            if token.ends_with("UsageDescription") {
                assert!(
                    successors.contains(&token),
                    "{key}: {token} not a successor"
                );
            }
        }
        assert_eq!(
            k.has_flag("unverified"),
            r["verified"] != "yes",
            "{key}: verified = {}",
            r["verified"]
        );
    }
    assert_eq!(keys, cat.ios().len());
}
