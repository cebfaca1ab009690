//! Apps whose manifests and Info.plists are generated (Expo, uni-app, Cordova, .NET MAUI),
//! over the fixtures of `testdata/generated/`: what each build requests and from which
//! file:line, what plugin or template put it there, the unread app kinds, the malformed
//! configs that must fail with exit 2 at their line, and the native-folder app kinds that must
//! keep working (guards).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use serde_json::Value;

/// `(build, platform, [(permission, "path:line", origin kind)])` of every audited input.
type Builds = Vec<(String, String, Vec<(String, String, String)>)>;

fn builds(report: &Value) -> Builds {
    report["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let platform = i["apple_platform"]
                .as_str()
                .or(i["platform"].as_str())
                .unwrap()
                .to_owned();
            let requests = i["requests"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    (
                        r["permission"].as_str().unwrap().to_owned(),
                        format!("{}:{}", r["path"].as_str().unwrap(), r["line"]),
                        r["origin"]["kind"].as_str().unwrap_or("native").to_owned(),
                    )
                })
                .collect();
            (
                i["build"]
                    .as_str()
                    .unwrap_or(i["kind"].as_str().unwrap())
                    .to_owned(),
                platform,
                requests,
            )
        })
        .collect()
}

fn req(permission: &str, at: &str, kind: &str) -> (String, String, String) {
    (permission.to_owned(), at.to_owned(), kind.to_owned())
}

/// The requests of build `i` that a file of the tree writes (not the packager's defaults).
fn written(report: &Value, i: usize) -> Vec<(String, String, String)> {
    builds(report)[i]
        .2
        .iter()
        .filter(|r| r.2 != "template")
        .cloned()
        .collect()
}

fn rules(report: &Value) -> Vec<(String, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            matches!(
                f["rule"].as_str(),
                Some("unread-source" | "generated-mismatch")
            )
        })
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                format!("{}:{}", f["path"].as_str().unwrap(), f["line"]),
            )
        })
        .collect()
}

const M: &str = "testdata/generated/maui-app/Platforms/Android/MainApplication.cs";

#[test]
fn maui_attributes_merge_with_the_manifest() {
    let (code, report) = common::check_json(&["--isolated", "testdata/generated/maui-app"]);
    assert_eq!(code, 1);
    let manifest = "testdata/generated/maui-app/Platforms/Android/AndroidManifest.xml";
    assert_eq!(
        builds(&report),
        vec![
            (
                "net8.0-android (Release)".into(),
                "android".into(),
                vec![
                    req("android.permission.CAMERA", &format!("{M}:5"), "config"),
                    req(
                        "android.permission.POST_NOTIFICATIONS",
                        &format!("{M}:6"),
                        "config"
                    ),
                    req(
                        "android.permission.READ_EXTERNAL_STORAGE",
                        &format!("{M}:7"),
                        "config"
                    ),
                    req("android.permission.VIBRATE", &format!("{M}:8"), "config"),
                    req("android.permission.WAKE_LOCK", &format!("{M}:8"), "config"),
                    // `#else` of `#if DEBUG`: a Release build has it, not ReadLogs.
                    req(
                        "android.permission.ACCESS_WIFI_STATE",
                        &format!("{M}:14"),
                        "config"
                    ),
                    req(
                        "android.permission.INTERNET",
                        &format!("{manifest}:4"),
                        "native"
                    ),
                    req(
                        "android.permission.CAMERA",
                        &format!("{manifest}:5"),
                        "native"
                    ),
                ]
            ),
            (
                "net8.0-ios (Release)".into(),
                "ios".into(),
                vec![req(
                    "NSCameraUsageDescription",
                    "testdata/generated/maui-app/Platforms/iOS/Info.plist:5",
                    "native"
                )]
            ),
        ]
    );
    // The MacCatalyst plist is not built (net8.0-maccatalyst is commented out), nor read alone.
    let paths = common::input_paths(&report);
    assert!(
        paths.iter().all(|p| !p.contains("MacCatalyst")),
        "{paths:?}"
    );
    // NuGet packages with Android libraries of their own may add permissions: unread, named,
    // at the first of them; the MAUI framework and managed-only packages are not.
    assert_eq!(
        rules(&report),
        vec![(
            "unread-source".into(),
            "testdata/generated/maui-app/MauiApp.csproj:11".into()
        )]
    );
    let note = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "unread-source")
        .unwrap();
    let message = note["message"].as_str().unwrap();
    assert!(
        message.contains("Plugin.LocalNotification, ZXing.Net.Maui"),
        "{message}"
    );
    assert!(!message.contains("CommunityToolkit.Mvvm"), "{message}");
}

#[test]
fn expo_config_plugins_and_packages() {
    let (code, report) = common::check_json(&["--isolated", "testdata/generated/expo-app"]);
    assert_eq!(code, 1);
    let app = "testdata/generated/expo-app/app.json";
    let package = "testdata/generated/expo-app/package.json";
    assert_eq!(
        builds(&report),
        vec![
            (
                "expo android (prebuild)".into(),
                "android".into(),
                vec![
                    // Short names are prefixed; READ_CONTACTS is blocked; image-picker's
                    // RECORD_AUDIO is off (microphonePermission: false).
                    req("android.permission.CAMERA", &format!("{app}:7"), "config"),
                    req("android.permission.VIBRATE", &format!("{app}:7"), "config"),
                    req(
                        "android.permission.ACCESS_COARSE_LOCATION",
                        &format!("{package}:6"),
                        "package"
                    ),
                    req(
                        "android.permission.ACCESS_FINE_LOCATION",
                        &format!("{package}:6"),
                        "package"
                    ),
                    req(
                        "android.permission.FOREGROUND_SERVICE",
                        &format!("{package}:6"),
                        "package"
                    ),
                ]
            ),
            (
                "expo ios (prebuild)".into(),
                "ios".into(),
                vec![
                    req("NSCameraUsageDescription", &format!("{app}:12"), "config"),
                    req(
                        "NSPhotoLibraryUsageDescription",
                        &format!("{app}:18"),
                        "plugin-option"
                    ),
                    req(
                        "NSCameraUsageDescription",
                        &format!("{app}:18"),
                        "plugin-default"
                    ),
                    req(
                        "NSMotionUsageDescription",
                        &format!("{app}:19"),
                        "plugin-option"
                    ),
                    req(
                        "NSLocationAlwaysAndWhenInUseUsageDescription",
                        &format!("{package}:6"),
                        "package"
                    ),
                    req(
                        "NSLocationAlwaysUsageDescription",
                        &format!("{package}:6"),
                        "package"
                    ),
                    req(
                        "NSLocationWhenInUseUsageDescription",
                        &format!("{package}:6"),
                        "package"
                    ),
                ]
            ),
        ]
    );
    // The local plugin is code: the run says it was not read.
    assert_eq!(
        rules(&report),
        vec![("unread-source".into(), format!("{app}:20"))]
    );
    // What put a request there is in the report, with the source of that knowledge.
    let inputs = report["inputs"].as_array().unwrap();
    let motion = inputs[1]["requests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["permission"] == "NSMotionUsageDescription")
        .unwrap();
    assert_eq!(
        motion["origin"]["via"],
        "expo-sensors config plugin, option motionPermission"
    );
    assert!(
        motion["origin"]["source"]
            .as_str()
            .unwrap()
            .contains("packages/expo-sensors/plugin/src/withSensors.ts")
    );
}

#[test]
fn explain_names_the_file_and_the_plugin() {
    let output = common::permaudit()
        .args([
            "explain",
            "NSMotionUsageDescription",
            "testdata/generated/expo-app",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains(
            "testdata/generated/expo-app/app.json:19:26 (expo ios (prebuild): \
             testdata/generated/expo-app/app.json), put there by the expo-sensors config \
             plugin, option motionPermission [plugin-option]"
        ),
        "{text}"
    );
}

#[test]
fn expo_code_configs_and_stale_prebuilds_are_reported() {
    let (code, report) = common::check_json(&["--isolated", "testdata/generated/expo-js-config"]);
    assert_eq!(code, 1);
    assert_eq!(
        rules(&report),
        vec![(
            "unread-source".into(),
            "testdata/generated/expo-js-config/app.config.ts:null".into()
        )]
    );
    let (_, report) = common::check_json(&["--isolated", "testdata/generated/expo-stale-prebuild"]);
    let found = rules(&report);
    assert!(
        found.contains(&(
            "generated-mismatch".into(),
            "testdata/generated/expo-stale-prebuild/app.json:6".into()
        )),
        "{found:?}"
    );
    // The committed native files are what is audited.
    assert_eq!(
        common::input_paths(&report)
            .into_iter()
            .filter(|p| !p.ends_with("app.json"))
            .collect::<Vec<_>>(),
        vec![
            "testdata/generated/expo-stale-prebuild/android/app/src/main/AndroidManifest.xml",
            "testdata/generated/expo-stale-prebuild/ios/Stale/Info.plist",
        ]
    );
}

#[test]
fn cordova_config_plugins_and_template() {
    let (code, report) = common::check_json(&["--isolated", "testdata/generated/cordova-app"]);
    assert_eq!(code, 1);
    let config = "testdata/generated/cordova-app/config.xml";
    let plugin = "testdata/generated/cordova-app/plugins/cordova-plugin-demo/plugin.xml";
    assert_eq!(
        builds(&report),
        vec![
            (
                "cordova android".into(),
                "android".into(),
                vec![
                    req(
                        "android.permission.VIBRATE",
                        &format!("{config}:10"),
                        "config"
                    ),
                    // READ_SMS is for amazon-fireos only.
                    req(
                        "android.permission.CAMERA",
                        &format!("{plugin}:5"),
                        "plugin-option"
                    ),
                    req(
                        "android.permission.INTERNET",
                        &format!("{config}:18"),
                        "template"
                    ),
                ]
            ),
            (
                "cordova ios".into(),
                "ios".into(),
                vec![
                    req(
                        "NSLocationWhenInUseUsageDescription",
                        &format!("{config}:14"),
                        "config"
                    ),
                    req(
                        "NSCameraUsageDescription",
                        &format!("{plugin}:15"),
                        "plugin-option"
                    ),
                ]
            ),
        ]
    );
    // The plugin variable fills the purpose string.
    let camera = &report["inputs"][1]["requests"][1];
    assert_eq!(camera["purpose"], "Scan tickets");
    assert_eq!(
        rules(&report),
        vec![("unread-source".into(), format!("{config}:7"))]
    );
}

#[test]
fn uniapp_manifest_with_comments_and_native_resources() {
    let (code, report) = common::check_json(&["--isolated", "testdata/generated/uniapp-app"]);
    assert_eq!(code, 1);
    let manifest = "testdata/generated/uniapp-app/manifest.json";
    assert_eq!(
        builds(&report),
        vec![
            (
                "app-plus android (cloud packaging)".into(),
                "android".into(),
                vec![
                    // uses-feature is not a permission; READ_PHONE_STATE is excluded and
                    // ACCESS_BACKGROUND_LOCATION removed by nativeResources.
                    req(
                        "android.permission.CAMERA",
                        &format!("{manifest}:10"),
                        "config"
                    ),
                    req(
                        "android.permission.BLUETOOTH",
                        &format!("{manifest}:13"),
                        "config"
                    ),
                    // The Camera module's, from DCloud's offline-SDK page, at its key.
                    req(
                        "android.permission.CAMERA",
                        &format!("{manifest}:6"),
                        "package"
                    ),
                ]
                .into_iter()
                // The cloud packager's defaults, at `app-plus`, but the excluded one.
                .chain(
                    UNIAPP_DEFAULTS
                        .iter()
                        .filter(|p| **p != "android.permission.READ_PHONE_STATE")
                        .map(|p| req(p, &format!("{manifest}:5"), "template"))
                )
                .chain([req(
                    "android.permission.VIBRATE",
                    "testdata/generated/uniapp-app/nativeResources/android/AndroidManifest.xml:5",
                    "native"
                )])
                .collect()
            ),
            (
                "app-plus ios (cloud packaging)".into(),
                "ios".into(),
                vec![req(
                    "NSCameraUsageDescription",
                    &format!("{manifest}:23"),
                    "config"
                )]
            ),
        ]
    );
    // No DCloud page names the Info.plist keys of a module: unread on iOS.
    assert_eq!(
        rules(&report),
        vec![("unread-source".into(), format!("{manifest}:6"))]
    );
    // The list names itself as one: "put there by the app-plus.distribute.android.permissions
    // list", not "… by the app-plus.distribute.android.permissions".
    assert_eq!(
        report["inputs"][0]["requests"][0]["origin"]["via"],
        "app-plus.distribute.android.permissions list"
    );
}

/// The app's own `AndroidManifest.xml` and `Info.plist` at the project root, where DCloud's
/// pages on native resources have them created, are merged into the cloud builds (their
/// `tools:node="remove"` applies to the packager's defaults) and are not inputs of their own.
#[test]
fn uniapp_root_native_files_are_merged() {
    let dir = "testdata/generated/uniapp-root-files";
    let (code, report) = common::check_json(&["--isolated", dir]);
    assert_eq!(code, 1);
    let builds = builds(&report);
    assert_eq!(builds.len(), 2, "{builds:?}");
    let written = |i: usize| written(&report, i);
    assert_eq!(
        written(0),
        vec![
            req(
                "android.permission.CAMERA",
                &format!("{dir}/manifest.json:8"),
                "config"
            ),
            req(
                "android.permission.RECORD_AUDIO",
                &format!("{dir}/AndroidManifest.xml:4"),
                "native"
            ),
        ]
    );
    let defaults: Vec<&str> = builds[0]
        .2
        .iter()
        .filter(|r| r.2 == "template")
        .map(|r| r.0.as_str())
        .collect();
    assert!(!defaults.contains(&"android.permission.REQUEST_INSTALL_PACKAGES"));
    assert!(defaults.contains(&"android.permission.INSTALL_PACKAGES"));
    assert_eq!(
        written(1),
        vec![
            req(
                "NSCameraUsageDescription",
                &format!("{dir}/manifest.json:13"),
                "config"
            ),
            req(
                "NSMicrophoneUsageDescription",
                &format!("{dir}/Info.plist:5"),
                "native"
            ),
        ]
    );
    // A uni-ad network (`sdkConfigs.ad`) is unread on both platforms, at its key.
    assert_eq!(
        rules(&report),
        vec![
            ("unread-source".into(), format!("{dir}/manifest.json:17")),
            ("unread-source".into(), format!("{dir}/manifest.json:17")),
        ]
    );
}

#[test]
fn uniapp_modules_add_what_the_cloud_packager_adds() {
    let dir = "testdata/generated/uniapp-modules";
    let (code, report) = common::check_json(&["--isolated", dir]);
    assert_eq!(code, 1);
    let manifest = format!("{dir}/manifest.json");
    let at = |line: u32| format!("{manifest}:{line}");
    let android = &builds(&report)[0];
    assert_eq!(android.0, "app-plus android (cloud packaging)");
    let got: Vec<_> = android
        .2
        .iter()
        .map(|(p, at, kind)| (p.as_str(), at.clone(), kind.as_str()))
        .collect();
    let mut want = vec![("android.permission.BLUETOOTH", at(15), "config")];
    // Bluetooth, at its key.
    for p in [
        "ACCESS_COARSE_LOCATION",
        "ACCESS_FINE_LOCATION",
        "BLUETOOTH_ADMIN",
        "BLUETOOTH",
    ] {
        want.push((full(p), at(6), "package"));
    }
    // Maps with the AMap provider; ACCESS_LOCATION_EXTRA_COMMANDS is excluded.
    for p in [
        "ACCESS_COARSE_LOCATION",
        "ACCESS_FINE_LOCATION",
        "ACCESS_NETWORK_STATE",
        "ACCESS_WIFI_STATE",
        "CHANGE_WIFI_STATE",
        "INTERNET",
        "READ_PHONE_STATE",
        "WRITE_EXTERNAL_STORAGE",
        "BLUETOOTH",
        "BLUETOOTH_ADMIN",
    ] {
        want.push((full(p), at(7), "package"));
    }
    // OAuth's weixin provider; apple is not known, and Payment's alipay is iOS-only.
    want.push(("android.permission.MODIFY_AUDIO_SETTINGS", at(8), "package"));
    for p in UNIAPP_DEFAULTS {
        want.push((p, at(4), "template"));
    }
    assert_eq!(got, want);

    // The provider that decided a request is its origin's place, and the page its source.
    let requests = report["inputs"][0]["requests"].as_array().unwrap();
    let amap = requests
        .iter()
        .find(|r| r["line"] == 7 && r["permission"] == "android.permission.INTERNET")
        .unwrap();
    assert_eq!(amap["origin"]["line"], 22);
    assert_eq!(
        amap["origin"]["via"],
        "DCloud cloud packager for the Maps module (sdkConfigs.maps.amap)"
    );
    assert!(
        amap["origin"]["source"]
            .as_str()
            .unwrap()
            .contains("app-permission-android")
    );

    // iOS: every module; Android: the Payment module without an Android provider, the unknown
    // FaceID module (VideoPlayer is known to add nothing) and OAuth's unknown apple provider.
    assert_eq!(
        rules(&report),
        vec![
            ("unread-source".into(), at(5)),
            ("unread-source".into(), at(9)),
            ("unread-source".into(), at(10)),
            ("unread-source".into(), at(23)),
        ]
    );
}

#[test]
fn uniapp_native_plugins_merge_what_their_package_json_declares() {
    let dir = "testdata/generated/uniapp-nativeplugins";
    let (code, report) = common::check_json(&["--isolated", dir]);
    assert_eq!(code, 1);
    let scanner = format!("{dir}/nativeplugins/Acme-Scanner/package.json");
    let written = |i: usize| written(&report, i);
    assert_eq!(
        written(0),
        vec![
            // A bare name and a <uses-permission> string, each at its line.
            req(
                "android.permission.CAMERA",
                &format!("{scanner}:11"),
                "plugin-option"
            ),
            req(
                "android.permission.VIBRATE",
                &format!("{scanner}:12"),
                "plugin-option"
            ),
        ]
    );
    assert_eq!(
        written(1),
        vec![
            req(
                "NSPhotoLibraryUsageDescription",
                &format!("{dir}/manifest.json:7"),
                "config"
            ),
            // plists and capabilities.plists purpose strings (not the plugin's own key), and
            // the privacies the plugin uses.
            req(
                "NSCameraUsageDescription",
                &format!("{scanner}:19"),
                "plugin-option"
            ),
            req(
                "NSMicrophoneUsageDescription",
                &format!("{scanner}:23"),
                "plugin-option"
            ),
            req(
                "NSPhotoLibraryUsageDescription",
                &format!("{scanner}:25"),
                "plugin-option"
            ),
        ]
    );
    let camera = &report["inputs"][0]["requests"][0]["origin"]["via"];
    assert_eq!(
        camera,
        "uni native plugin Acme-Scanner (_dp_nativeplugin.android.permissions)"
    );
    assert_eq!(report["inputs"][1]["requests"][1]["purpose"], "Scan codes");
    // The AAR's own manifest is not read, and says so at the plugin's package.json.
    assert_eq!(
        rules(&report),
        vec![(
            "unread-source".into(),
            format!("{dir}/nativeplugins/Acme-Push/package.json:null")
        )]
    );
}

#[test]
fn cordova_committed_ios_plist_is_audited_instead_of_the_config() {
    let dir = "testdata/generated/cordova-ios-platform";
    let (code, report) = common::check_json(&["--isolated", dir]);
    // generated-mismatch is a warning: no finding here is an error.
    assert_eq!(code, 0);
    let plist = format!("{dir}/platforms/ios/Tickets/Tickets-Info.plist");
    let ios: Vec<_> = builds(&report)
        .into_iter()
        .filter(|b| b.1 == "ios")
        .collect();
    assert_eq!(
        ios,
        vec![(
            "cordova ios (committed platforms/ios)".into(),
            "ios".into(),
            vec![
                req("NSCameraUsageDescription", &format!("{plist}:7"), "native"),
                req(
                    "NSMicrophoneUsageDescription",
                    &format!("{plist}:9"),
                    "native"
                ),
            ]
        )]
    );
    // What config.xml asks for that the committed plist lacks is stale output.
    assert_eq!(
        rules(&report),
        vec![("generated-mismatch".into(), format!("{dir}/config.xml:8"))]
    );
}

fn full(short: &str) -> &'static str {
    Box::leak(format!("android.permission.{short}").into_boxed_str())
}

/// What DCloud's page says every cloud build gets (`src/input/uniapp/modules.rs`), written
/// out here so a change to the table shows in a test.
const UNIAPP_DEFAULTS: &[&str] = &[
    "android.permission.INTERNET",
    "android.permission.READ_EXTERNAL_STORAGE",
    "android.permission.WRITE_EXTERNAL_STORAGE",
    "android.permission.READ_PHONE_STATE",
    "android.permission.ACCESS_NETWORK_STATE",
    "android.permission.ACCESS_WIFI_STATE",
    "com.asus.msa.SupplementaryDID.ACCESS",
    "com.huawei.android.launcher.permission.CHANGE_BADGE",
    "android.permission.INSTALL_PACKAGES",
    "android.permission.REQUEST_INSTALL_PACKAGES",
];

#[test]
fn malformed_configs_fail_at_their_line() {
    for (dir, at) in [
        ("expo-broken", "expo-broken/app.json:5:5:"),
        ("expo-not-string", "expo-not-string/app.json:4:34:"),
        (
            "uniapp-unclosed-comment",
            "uniapp-unclosed-comment/manifest.json:3:9:",
        ),
        (
            "uniapp-bad-fragment",
            "uniapp-bad-fragment/manifest.json:6:21:",
        ),
        (
            "uniapp-plugin-broken",
            "uniapp-plugin-broken/nativeplugins/Acme-Broken/package.json:4:67:",
        ),
        (
            "uniapp-modules-array",
            "uniapp-modules-array/manifest.json:3:21:",
        ),
        (
            "uniapp-sdkconfigs-string",
            "uniapp-sdkconfigs-string/manifest.json:5:49:",
        ),
        ("cordova-broken", "cordova-broken/config.xml:5:5:"),
        (
            "cordova-ios-plist-broken",
            "cordova-ios-plist-broken/platforms/ios/Tickets/Tickets-Info.plist:5:17:",
        ),
        (
            "maui-unknown-if",
            "maui-unknown-if/Platforms/Android/MainApplication.cs:4:12:",
        ),
    ] {
        let output = common::permaudit()
            .args(["check", "--isolated"])
            .arg(format!("testdata/generated/bad/{dir}"))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{dir}: {stderr}");
        assert!(
            stderr.contains(&format!("testdata/generated/bad/{at}")),
            "{dir}: {stderr}"
        );
    }
}

#[test]
fn huge_and_deeply_nested_configs_fail_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge");
    std::fs::create_dir(&huge).unwrap();
    let mut text = String::from("{\"expo\": {\"slug\": \"x\", \"android\": {\"permissions\": [");
    while text.len() < 3 * 1024 * 1024 {
        text.push_str("\"CAMERA\",");
    }
    text.push_str("\"CAMERA\"]}}}");
    std::fs::write(huge.join("app.json"), text).unwrap();
    let deep = dir.path().join("deep");
    std::fs::create_dir(&deep).unwrap();
    std::fs::write(
        deep.join("manifest.json"),
        format!("{{\"app-plus\": {}", "[".repeat(500_000)),
    )
    .unwrap();
    for (folder, file) in [(&huge, "app.json"), (&deep, "manifest.json")] {
        let output = common::permaudit()
            .args(["check", "--isolated"])
            .arg(folder)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(file), "{stderr}");
    }
}

#[test]
fn unread_app_kinds_are_errors() {
    for dir in ["capacitor-no-native", "unity-app"] {
        let (code, report) =
            common::check_json(&["--isolated", &format!("testdata/generated/guards/{dir}")]);
        assert_eq!(code, 1, "{dir}");
        let found = rules(&report);
        assert_eq!(found.len(), 1, "{dir}: {found:?}");
        assert_eq!(found[0].0, "unread-source");
    }
}

#[test]
fn native_folder_app_kinds_keep_working() {
    for (dir, expected) in [
        (
            "capacitor-app",
            &[
                "android/app/src/main/AndroidManifest.xml",
                "ios/App/App/Info.plist",
            ][..],
        ),
        (
            "flutter-app",
            &[
                "android/app/src/main/AndroidManifest.xml",
                "ios/Runner/Info.plist",
            ][..],
        ),
        (
            "kmp-app",
            &[
                "androidApp/src/main/AndroidManifest.xml",
                "iosApp/iosApp/Info.plist",
            ][..],
        ),
        // A React Native CLI `app.json` is not an Expo config.
        (
            "react-native-cli",
            &["android/app/src/main/AndroidManifest.xml"][..],
        ),
    ] {
        let root = format!("testdata/generated/guards/{dir}");
        let (_, report) = common::check_json(&["--isolated", &root]);
        let want: Vec<String> = expected.iter().map(|p| format!("{root}/{p}")).collect();
        assert_eq!(common::input_paths(&report), want, "{dir}");
        assert!(rules(&report).is_empty(), "{dir}");
    }
}
