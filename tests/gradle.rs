//! Gradle projects through the real binary: variants and their choice, the merger's permission
//! rules across flavors, build types and library modules, placeholders, build outputs as
//! ground truth with attribution, and hostile build scripts (each exit 2 at file:line).
//! The trees are written here, so every expectation sits next to the files it is about.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;
use std::time::Duration;

use common::permaudit;
use predicates::prelude::*;
use serde_json::Value;

const NS: &str = r#"xmlns:android="http://schemas.android.com/apk/res/android" xmlns:tools="http://schemas.android.com/tools""#;

fn manifest(body: &str) -> String {
    format!("<manifest {NS}>\n{body}\n</manifest>\n")
}

use common::tree;

fn json(dir: &Path, extra: &[&str]) -> (i32, Value) {
    let out = permaudit()
        .current_dir(dir)
        .args(["check", "--isolated", "--format", "json", "."])
        .args(extra)
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    let code = out.status.code().unwrap();
    assert!(
        code == 0 || code == 1,
        "exit {code}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (code, serde_json::from_slice(&out.stdout).unwrap())
}

/// variant → [(permission, maxSdk-free "path:line", origin)]
fn variants(report: &Value) -> Vec<(String, Vec<(String, String)>)> {
    report["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let requests = i["requests"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    (
                        r["permission"].as_str().unwrap().to_owned(),
                        format!("{}:{}", r["path"].as_str().unwrap(), r["line"]),
                    )
                })
                .collect();
            (i["build"].as_str().unwrap_or_default().to_owned(), requests)
        })
        .collect()
}

fn names(requests: &[(String, String)]) -> Vec<&str> {
    let mut v: Vec<&str> = requests.iter().map(|(p, _)| p.as_str()).collect();
    v.sort_unstable();
    v
}

/// Two dimensions, a debug-only manifest, a flavor that removes with `tools:node`, a library
/// whose request a selector removes, `replace`, and placeholders from defaultConfig, a flavor
/// and the build type.
fn app() -> tempfile::TempDir {
    tree(&[
        ("settings.gradle.kts", "include(\":app\", \":lib\", \":ads\")\n".into()),
        (
            "app/build.gradle.kts",
            r#"plugins { id("com.android.application") }
android {
    namespace = "org.example.app"
    defaultConfig {
        applicationId = "org.example.app"
        manifestPlaceholders["perm"] = "android.permission.CAMERA"
    }
    flavorDimensions += listOf("market", "tier")
    productFlavors {
        create("play") { dimension = "market" }
        create("china") { dimension = "market"; applicationIdSuffix = ".cn" }
        create("free") { dimension = "tier" }
        create("paid") { dimension = "tier"; manifestPlaceholders["perm"] = "android.permission.RECORD_AUDIO" }
    }
    buildTypes {
        getByName("release") { }
        create("beta") { initWith(getByName("debug")) }
    }
}
dependencies {
    implementation(project(":lib"))
    add("chinaImplementation", project(":ads"))
}
"#
            .into(),
        ),
        (
            "app/src/main/AndroidManifest.xml",
            manifest(
                r#"<permission android:name="${applicationId}.permission.SYNC"/>
<uses-permission android:name="${applicationId}.permission.SYNC"/>
<uses-permission android:name="${perm}"/>
<uses-permission android:name="android.permission.READ_PHONE_STATE" android:maxSdkVersion="22"/>
<uses-permission android:name="android.permission.GET_ACCOUNTS" tools:node="remove" tools:selector="com.ads"/>"#,
            ),
        ),
        (
            "app/src/debug/AndroidManifest.xml",
            manifest(r#"<uses-permission android:name="android.permission.READ_LOGS"/>"#),
        ),
        (
            "app/src/play/AndroidManifest.xml",
            manifest(
                r#"<uses-permission android:name="android.permission.REQUEST_INSTALL_PACKAGES" tools:node="remove"/>"#,
            ),
        ),
        (
            "lib/build.gradle",
            "plugins { id 'com.android.library' }\nandroid { namespace 'org.example.lib' }\n".into(),
        ),
        (
            "lib/src/main/AndroidManifest.xml",
            manifest(
                r#"<uses-permission android:name="android.permission.REQUEST_INSTALL_PACKAGES"/>
<uses-permission android:name="${applicationId}.permission.SYNC"/>
<uses-permission android:name="android.permission.READ_PHONE_STATE"/>
<uses-permission android:name="android.permission.GET_ACCOUNTS"/>"#,
            ),
        ),
        (
            "ads/build.gradle",
            "apply plugin: 'com.android.library'\nandroid { namespace 'com.ads' }\n".into(),
        ),
        (
            "ads/src/main/AndroidManifest.xml",
            manifest(
                r#"<uses-permission android:name="android.permission.GET_ACCOUNTS"/>
<uses-permission android:name="android.permission.ACCESS_COARSE_LOCATION"/>"#,
            ),
        ),
    ])
}

#[test]
fn variants_merge_as_agp_merges() {
    let dir = app();
    let (_, report) = json(dir.path(), &[]);
    let got = variants(&report);
    let built: Vec<&str> = got.iter().map(|(b, _)| b.as_str()).collect();
    // Release only (beta is initWith(debug)); flavor order within dimension order.
    assert_eq!(
        built,
        [
            "playFreeRelease",
            "playPaidRelease",
            "chinaFreeRelease",
            "chinaPaidRelease"
        ]
    );
    let by = |b: &str| &got.iter().find(|(n, _)| n == b).unwrap().1;
    // play: REQUEST_INSTALL_PACKAGES removed from the library by the flavor; the library's
    // GET_ACCOUNTS stays (the selector names another package); placeholders resolved.
    assert_eq!(
        names(by("playFreeRelease")),
        [
            "android.permission.CAMERA",
            "android.permission.GET_ACCOUNTS",
            "android.permission.READ_PHONE_STATE",
            "org.example.app.permission.SYNC"
        ]
    );
    // paid: the flavor's placeholder wins over defaultConfig's.
    assert!(names(by("playPaidRelease")).contains(&"android.permission.RECORD_AUDIO"));
    // china: the suffix changes ${applicationId}; the ads library's GET_ACCOUNTS is removed by
    // the selector, its location permission merged; the library keeps REQUEST_INSTALL_PACKAGES.
    assert_eq!(
        names(by("chinaFreeRelease")),
        [
            "android.permission.ACCESS_COARSE_LOCATION",
            "android.permission.CAMERA",
            "android.permission.GET_ACCOUNTS",
            "android.permission.READ_PHONE_STATE",
            "android.permission.REQUEST_INSTALL_PACKAGES",
            "org.example.app.cn.permission.SYNC"
        ]
    );
    // GET_ACCOUNTS of china comes from :lib (not the selected package), at its line.
    let get_accounts = &by("chinaFreeRelease")
        .iter()
        .find(|(p, _)| p == "android.permission.GET_ACCOUNTS")
        .unwrap()
        .1;
    assert_eq!(get_accounts, "lib/src/main/AndroidManifest.xml:5");
    // The own permission is exempt in every variant, and the library's maxSdkVersion-free
    // request widens READ_PHONE_STATE; findings shared by all four variants are listed once.
    let input = &report["inputs"][0]["requests"];
    let rps = input
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["permission"] == "android.permission.READ_PHONE_STATE")
        .unwrap();
    assert_eq!(rps["path"], "app/src/main/AndroidManifest.xml");
    let restricted: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            f["permission"] == "android.permission.REQUEST_INSTALL_PACKAGES"
                && f["rule"] == "restricted-permission"
        })
        .collect();
    assert!(!restricted.is_empty());
    for f in restricted {
        assert_eq!(
            f["variants"],
            serde_json::json!(["chinaFreeRelease", "chinaPaidRelease"]),
            "{f}"
        );
    }
    let undeclared_sync = report["findings"].as_array().unwrap().iter().any(|f| {
        f["permission"]
            .as_str()
            .unwrap()
            .ends_with(".permission.SYNC")
    });
    assert!(
        !undeclared_sync,
        "the app's own permission is never undeclared"
    );
}

#[test]
fn variant_flag_and_config_choose_variants() {
    let dir = app();
    let (_, report) = json(
        dir.path(),
        &["--variant", "play*", "--variant", "chinaFreeBeta"],
    );
    let built: Vec<String> = variants(&report).into_iter().map(|(b, _)| b).collect();
    assert_eq!(
        built,
        [
            "playFreeRelease",
            "playFreeBeta",
            "playFreeDebug",
            "playPaidRelease",
            "playPaidBeta",
            "playPaidDebug",
            "chinaFreeBeta"
        ]
    );
    let debug = variants(&report)
        .into_iter()
        .find(|(b, _)| b == "playFreeDebug")
        .unwrap();
    assert!(names(&debug.1).contains(&"android.permission.READ_LOGS"));
    std::fs::write(
        dir.path().join(".permaudit.yaml"),
        "variants: [\"*PaidRelease\"]\n",
    )
    .unwrap();
    let out = permaudit()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "."])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let built: Vec<String> = variants(&report).into_iter().map(|(b, _)| b).collect();
    assert_eq!(built, ["playPaidRelease", "chinaPaidRelease"]);
}

/// Without a Gradle script the manifests are audited as before, one input each.
#[test]
fn manifests_without_gradle_audit_as_before() {
    let dir = tree(&[
        (
            "src/main/AndroidManifest.xml",
            manifest(r#"<uses-permission android:name="android.permission.CAMERA"/>"#),
        ),
        (
            "src/debug/AndroidManifest.xml",
            manifest(r#"<uses-permission android:name="android.permission.READ_LOGS"/>"#),
        ),
    ]);
    let (_, report) = json(dir.path(), &[]);
    let kinds: Vec<&str> = report["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["manifest", "manifest"]);
}

/// A merged manifest and merger report are the ground truth: a library's request appears at
/// the report's line with the library as its origin (JSON, SARIF, table), and a merged
/// manifest older than its sources is warned about.
#[test]
fn build_outputs_are_ground_truth_with_origin() {
    let dir = tree(&[
        ("app/build.gradle", "apply plugin: 'com.android.application'\nandroid { defaultConfig { applicationId 'a.b' } }\n".into()),
        (
            "app/src/main/AndroidManifest.xml",
            manifest(r#"<uses-permission android:name="android.permission.INTERNET"/>"#),
        ),
        (
            "app/build/intermediates/merged_manifest/release/AndroidManifest.xml",
            manifest(
                r#"<uses-permission android:name="android.permission.INTERNET"/>
<uses-permission android:name="android.permission.ACCESS_NETWORK_STATE"/>"#,
            ),
        ),
        (
            "app/build/outputs/logs/manifest-merger-release-report.txt",
            "-- Merging decision tree log ---\nuses-permission#android.permission.INTERNET\n\
             ADDED from C:\\work\\app\\src\\main\\AndroidManifest.xml:2:1-60\n\
             uses-permission#android.permission.ACCESS_NETWORK_STATE\n\
             ADDED from [com.umeng.umsdk:common:9.6.1] /home/u/.gradle/caches/x/AndroidManifest.xml:11:5-75\n"
                .into(),
        ),
    ]);
    // Make the sources newer than the merged manifest.
    let old = std::time::SystemTime::now() - Duration::from_secs(3600);
    let merged = dir
        .path()
        .join("app/build/intermediates/merged_manifest/release/AndroidManifest.xml");
    std::fs::File::options()
        .write(true)
        .open(&merged)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let (_, report) = json(dir.path(), &[]);
    let requests = report["inputs"][0]["requests"].as_array().unwrap();
    assert_eq!(report["inputs"][0]["kind"], "merged-manifest");
    assert_eq!(requests[0]["path"], "app/src/main/AndroidManifest.xml");
    assert_eq!(requests[0]["line"], 2);
    assert_eq!(
        requests[1]["path"],
        "app/build/outputs/logs/manifest-merger-release-report.txt"
    );
    assert_eq!(requests[1]["line"], 5);
    assert_eq!(requests[1]["origin"]["via"], "com.umeng.umsdk:common:9.6.1");
    let stale = report["findings"].as_array().unwrap().iter().any(|f| {
        f["rule"] == "unresolved-build-value"
            && f["message"].as_str().unwrap().contains("older than")
    });
    assert!(stale, "{report}");
    let sarif = permaudit()
        .current_dir(dir.path())
        .args(["check", "--isolated", "--format", "sarif", "."])
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&sarif.stdout).unwrap();
    let related = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["properties"]["permission"] == "android.permission.ACCESS_NETWORK_STATE")
        .unwrap()["relatedLocations"][0]["message"]["text"]
        .clone();
    assert!(
        related
            .as_str()
            .unwrap()
            .contains("com.umeng.umsdk:common:9.6.1"),
        "{related}"
    );
    permaudit()
        .current_dir(dir.path())
        .args(["check", "--isolated", "--color", "never", "."])
        .assert()
        .stdout(predicate::str::contains(
            "added to the merged manifest by com.umeng.umsdk:common:9.6.1",
        ));
}

fn assert_refused(files: &[(&str, String)], needle: &str) {
    let dir = tree(files);
    permaudit()
        .current_dir(dir.path())
        .args(["check", "--isolated", "."])
        .timeout(Duration::from_secs(20))
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(needle));
}

/// Unterminated strings and comments, nesting far deeper than any build, a script over the
/// size limit, a dependency cycle between modules and a malformed merger report are each
/// exit 2 naming file:line, never a panic or a clean run.
#[test]
fn hostile_build_files_are_errors() {
    let main = (
        "app/src/main/AndroidManifest.xml",
        manifest(r#"<uses-permission android:name="android.permission.CAMERA"/>"#),
    );
    assert_refused(
        &[
            ("app/build.gradle", "android {\n  namespace 'a\n}\n".into()),
            main.clone(),
        ],
        "app/build.gradle:2:13: unterminated string",
    );
    assert_refused(
        &[
            (
                "app/build.gradle.kts",
                "android {\n /* never closed\n".into(),
            ),
            main.clone(),
        ],
        "app/build.gradle.kts:2:2: unterminated /* comment",
    );
    assert_refused(
        &[
            ("app/build.gradle", "a".to_owned() + &"{".repeat(100_000)),
            main.clone(),
        ],
        "app/build.gradle:1:",
    );
    assert_refused(
        &[
            (
                "app/build.gradle",
                format!("// {}\n", "x".repeat(5 * 1024 * 1024)),
            ),
            main.clone(),
        ],
        "app/build.gradle: the file is",
    );
    assert_refused(
        &[
            ("settings.gradle", "include ':app', ':a', ':b'\n".into()),
            (
                "app/build.gradle",
                "apply plugin: 'com.android.application'\ndependencies { implementation project(':a') }\n"
                    .into(),
            ),
            main.clone(),
            (
                "a/build.gradle",
                "apply plugin: 'com.android.library'\ndependencies {\n  api project(':b')\n}\n".into(),
            ),
            (
                "b/build.gradle",
                "apply plugin: 'com.android.library'\ndependencies {\n  api project(':a')\n}\n".into(),
            ),
        ],
        "b/build.gradle:3:7: circular dependency between modules: :app → :a → :b → :a",
    );
    assert_refused(
        &[
            (
                "build.gradle",
                "apply plugin: 'com.android.application'\n".into(),
            ),
            ("src/main/AndroidManifest.xml", manifest("")),
            (
                "manifest-merger-release-report.txt",
                "-- Merging decision tree log ---\nuses-permission#A\nADDED from [lib\n".into(),
            ),
        ],
        "manifest-merger-release-report.txt:3:1",
    );
}
