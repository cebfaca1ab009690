//! Agreement with aapt and aapt2 over the artifacts of the corpus at `$PERMAUDIT_CORPUS`
//! (`apk/AAPT-NOTES.md`, `aab/AAPT2-NOTES.md`).
//!
//! - Every APK and bare binary manifest that aapt read (exit 0): permaudit's requests — name,
//!   `maxSdkVersion`, sdk-23 — equal aapt's `uses-permission` and `uses-permission-sdk-23`
//!   lines, in document order, duplicates included.
//! - Every App Bundle module: the requests equal aapt2's for that module, and permaudit reports
//!   exactly the modules aapt2 was run on.
//! - Where aapt failed or crashed, permaudit's outcome is pinned in [`AAPT_FAILURES`] (the
//!   requests Android would install, or exit 2 with a reason), and the table of these files is
//!   printed (`cargo test --test agreement -- --nocapture`).
//!
//! With `PERMAUDIT_CORPUS` unset the tests print that they were skipped and pass; set to a
//! directory that does not exist, they fail.

#![allow(clippy::print_stderr, clippy::print_stdout, clippy::unwrap_used)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use permaudit::model::ParsedInput;

/// (name, maxSdkVersion, uses-permission-sdk-23)
type Req = (String, Option<String>, bool);

fn corpus() -> Option<PathBuf> {
    common::shared_dir("PERMAUDIT_CORPUS")
}

/// aapt's and aapt2's `dump permissions` request lines, in order.
fn aapt_requests(text: &str) -> Vec<Req> {
    text.lines()
        .filter_map(|line| {
            let (sdk23, rest) = if let Some(r) = line.strip_prefix("uses-permission-sdk-23: ") {
                (true, r)
            } else {
                (false, line.strip_prefix("uses-permission: ")?)
            };
            let field = |key: &str| {
                let start = rest.find(&format!("{key}='"))? + key.len() + 2;
                let len = rest[start..].find('\'')?;
                Some(rest[start..start + len].to_owned())
            };
            Some((field("name").unwrap(), field("maxSdkVersion"), sdk23))
        })
        .collect()
}

fn ours(inputs: &[ParsedInput]) -> Vec<Req> {
    inputs
        .iter()
        .flat_map(|i| &i.requests)
        .map(|r| (r.permission.clone(), r.max_sdk.clone(), r.sdk23_only))
        .collect()
}

/// `apk/aapt-exit-codes.tsv`: (path, command) → exit code.
fn exit_codes(apk: &Path) -> BTreeMap<(String, String), i32> {
    std::fs::read_to_string(apk.join("aapt-exit-codes.tsv"))
        .unwrap()
        .lines()
        .skip(1)
        .map(|line| {
            let mut cols = line.split('\t');
            let path = cols.next().unwrap().to_owned();
            let command = cols.next().unwrap().to_owned();
            let code = cols.next().unwrap().parse().unwrap();
            ((path, command), code)
        })
        .collect()
}

/// What permaudit must do with each file aapt fails on, and why (the closing table).
/// `Ok(n)`: it decodes the manifest and extracts `n` requests (what Android installs); `Err(s)`: exit 2, the reason
/// containing `s`.
const AAPT_FAILURES: &[(&str, Result<usize, &str>, &str)] = &[
    (
        "androguard/CertChain.apk",
        Err("no AndroidManifest.xml entry"),
        "no manifest in the zip: nothing Android would install",
    ),
    (
        "androguard/multidex.apk",
        Err("no AndroidManifest.xml entry"),
        "no manifest in the zip: nothing Android would install",
    ),
    (
        "androguard/apksig-empty-unsigned.apk",
        Err("no AndroidManifest.xml entry"),
        "empty zip",
    ),
    (
        "apkinspector/minimal_SIZE_ExtraField.apk",
        Err("not a readable zip archive"),
        "zero sizes and a bogus extra field in the central directory: the zip reader loses the \
         next record's signature and refuses the archive, as all three aapt tools do",
    ),
    (
        "apkinspector/minimal_def_mod.apk",
        Ok(0),
        "unknown compression method on a stored manifest: read as stored, as Android does",
    ),
    (
        "apkinspector/truncated-cd.apk",
        Err("not a readable zip archive"),
        "the central directory runs one byte into the end record: refused, as Android's reader \
         and all three aapt tools refuse it (`bad offsets`)",
    ),
    (
        "fdroidserver/janus.apk",
        Ok(6),
        "DEX prepended before the zip: the archive is found from its end",
    ),
    (
        "axml/androguard/AndroidManifestWrongFilesize.xml",
        Err("Android refuses such a manifest"),
        "document size larger than the file: Android's ResXMLTree refuses it, no device installs it",
    ),
    (
        "axml/androguard/AndroidManifest_StringNotTerminated.xml",
        Ok(21),
        "string #49 (an element name) lacks its terminator: aapt crashes (xmltree) or stops after \
         5 requests (permissions); permaudit reads the string to its declared length, inside the \
         pool, and reports all 21 (a superset of aapt's 5: never fewer)",
    ),
];

#[test]
fn apks_and_binary_manifests_agree_with_aapt() {
    let Some(root) = corpus() else { return };
    let apk = root.join("apk");
    let codes = exit_codes(&apk);
    let mut checked = 0;
    let mut table = Vec::new();
    for ((path, command), code) in &codes {
        if command != "permissions" && command != "permissions(wrapped)" {
            continue;
        }
        let file = apk.join(path);
        let truth = std::fs::read_to_string(format!("{}.aapt-permissions.txt", file.display()))
            .unwrap_or_else(|e| panic!("{path}: no aapt ground truth: {e}"));
        let result = permaudit::input::read_all(&file, path, &Default::default());
        if *code == 0 {
            let inputs = result.unwrap_or_else(|e| panic!("{path}: aapt reads it, we fail: {e}"));
            assert_eq!(ours(&inputs), aapt_requests(&truth), "{path}");
            checked += 1;
            continue;
        }
        let Some((_, expected, why)) = AAPT_FAILURES.iter().find(|(p, _, _)| p == path) else {
            panic!("{path}: aapt exits {code} but the file has no pinned outcome");
        };
        let outcome = match (&result, expected) {
            (Ok(inputs), Ok(n)) => {
                assert_eq!(inputs.len(), 1, "{path}: one manifest decoded");
                let got = ours(inputs);
                assert_eq!(got.len(), *n, "{path}: {got:?}");
                // aapt's partial output (before it failed) must be a prefix of ours.
                let partial = aapt_requests(&truth);
                assert_eq!(got[..partial.len()], partial[..], "{path}");
                let names: Vec<_> = got.iter().map(|r| r.0.as_str()).collect();
                format!("extracted {n}: {}", names.join(", "))
            }
            (Err(e), Err(s)) => {
                let message = e.to_string();
                assert!(message.contains(s), "{path}: {message}");
                assert!(message.starts_with(path.as_str()), "{path}: {message}");
                format!("exit 2: {message}")
            }
            (got, want) => panic!("{path}: expected {want:?}, got {got:?}"),
        };
        table.push(format!("| {path} | {code} | {outcome} | {why} |"));
    }
    assert!(checked >= 30, "only {checked} files agreed");
    assert_eq!(
        table.len(),
        AAPT_FAILURES.len(),
        "every pinned failure was seen"
    );
    println!("{checked} APKs and binary manifests agree with aapt.\n");
    println!("| file | aapt exit | permaudit | why |\n|---|---|---|---|");
    for row in table {
        println!("{row}");
    }
}

#[test]
fn app_bundle_modules_agree_with_aapt2() {
    let Some(root) = corpus() else { return };
    let aab = root.join("aab");
    let mut bundles = 0;
    for dir in std::fs::read_dir(&aab).unwrap() {
        let dir = dir.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if !name.ends_with(".aab") {
                continue;
            }
            let display = name.clone();
            let inputs = permaudit::input::read_all(&path, &display, &Default::default())
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            let mut modules = Vec::new();
            for truth in std::fs::read_dir(&dir).unwrap() {
                let truth = truth.unwrap().path();
                let file = truth.file_name().unwrap().to_string_lossy().into_owned();
                let Some(module) = file
                    .strip_prefix(&format!("{name}."))
                    .and_then(|m| m.strip_suffix(".aapt2-permissions.txt"))
                else {
                    continue;
                };
                let inner = format!("{display}!/{module}/manifest/AndroidManifest.xml");
                let input = inputs
                    .iter()
                    .find(|i| i.path == inner)
                    .unwrap_or_else(|| panic!("{inner} not reported"));
                let expected = aapt_requests(&std::fs::read_to_string(&truth).unwrap());
                assert_eq!(ours(std::slice::from_ref(input)), expected, "{inner}");
                println!("{inner}: {} requests agree with aapt2", expected.len());
                modules.push(module.to_owned());
            }
            assert_eq!(
                inputs.len(),
                modules.len(),
                "{name}: modules reported vs aapt2's"
            );
            bundles += 1;
        }
    }
    assert!(bundles >= 2, "only {bundles} bundles");
}

/// The binary, end to end, on the IPA of the corpus: its app's purpose strings, located inside
/// the archive.
#[test]
fn ipa_from_the_corpus() {
    let Some(root) = corpus() else { return };
    let ipa = root.join("ipa/fdroidserver/com.fake.IpaApp_1000000000001.ipa");
    let (code, report) = common::check_json(&[ipa.to_str().unwrap()]);
    assert!(code == 0 || code == 1, "{report}");
    let paths = common::input_paths(&report);
    assert!(!paths.is_empty());
    for p in &paths {
        assert!(
            p.contains(".ipa!/Payload/") && p.ends_with("Info.plist"),
            "{p}"
        );
    }
    assert!(
        report["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["kind"] == "ipa")
    );
}
