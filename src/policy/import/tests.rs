//! Unit tests of the importer over small documents written here; the integration tests in
//! `tests/import.rs` drive the binary over `testdata/policies/`.

use super::*;
use crate::model::Platform;
use importer::Importer;

fn import(doc: &str) -> Imported {
    import_str(doc, "doc.md").unwrap_or_else(|e| panic!("{e}"))
}

/// (platform, written permissions) per row of a policy.
fn rows(policy: &crate::policy::Policy) -> Vec<(Platform, Vec<String>)> {
    let ids = |r: &crate::policy::Row| r.permissions.iter().map(|d| d.permission.clone()).collect();
    policy.rows.iter().map(|r| (r.platform, ids(r))).collect()
}

/// [`rows`] of the imported YAML, read back with the policy loader, which must be the rows of
/// the imported policy.
fn rows_of(imported: &Imported) -> Vec<(Platform, Vec<String>)> {
    let policy = crate::policy::parse(&imported.yaml, Some("doc.yaml"))
        .unwrap_or_else(|e| panic!("{e}\n{}", imported.yaml));
    assert_eq!(
        rows(&policy),
        rows(&imported.policy),
        "YAML and in-memory policy differ:\n{}",
        imported.yaml
    );
    rows(&policy)
}

/// One expected row of [`rows_of`].
fn row(platform: Platform, ids: &[&str]) -> (Platform, Vec<String>) {
    (platform, ids.iter().map(|&id| id.to_owned()).collect())
}

/// One expected Android row of [`rows_of`], of `android.permission.` names given short.
fn android(short: &[&str]) -> (Platform, Vec<String>) {
    let ids = short.iter().map(|s| format!("android.permission.{s}"));
    (Platform::Android, ids.collect())
}

#[test]
fn pipe_table_with_labels_and_short_names() {
    let doc = "# Policy\n\n## Android permissions\n\n| Permission | Description | Purpose |\n|---|---|---|\n| Camera CAMERA | take photos | scan codes |\n| Location ACCESS_FINE_LOCATION ACCESS_COARSE_LOCATION | GPS | maps |\n";
    let imported = import(doc);
    assert_eq!(
        rows_of(&imported),
        vec![
            android(&["CAMERA"]),
            android(&["ACCESS_FINE_LOCATION", "ACCESS_COARSE_LOCATION"]),
        ]
    );
    let row = &imported.policy.rows[0];
    assert_eq!(row.name.as_deref(), Some("Camera"));
    assert_eq!(row.description.as_deref(), Some("take photos"));
    assert_eq!(row.purpose.as_deref(), Some("scan codes"));
    assert_eq!(row.permissions[0].location.to_string(), "doc.md:7:10");
    assert_eq!(imported.policy.name, "Policy");
    assert!(imported.yaml.contains("# line 7\n"), "{}", imported.yaml);
    assert_eq!(imported.unresolved(), 0);
}

#[test]
fn labels_only_are_marked_for_review_and_ambiguity_is_reported() {
    let doc = "## 安卓权限\n\n| 权限 | 用途 |\n| - | - |\n| 相机 | 扫码 |\n| 存储权限 | 保存图片 |\n| 相册 | 选图 |\n| 传送门 | 无 |\n";
    let imported = import(doc);
    assert_eq!(
        rows_of(&imported),
        vec![
            android(&["CAMERA"]),
            android(&["READ_EXTERNAL_STORAGE", "WRITE_EXTERNAL_STORAGE"])
        ]
    );
    assert_eq!(imported.unresolved(), 2);
    let kinds: Vec<(DiagnosticKind, Option<u32>)> = imported
        .diagnostics
        .iter()
        .map(|d| (d.kind, d.location.line))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (DiagnosticKind::Review, Some(5)),
            (DiagnosticKind::Review, Some(6)),
            (DiagnosticKind::Unresolved, Some(7)),
            (DiagnosticKind::Unresolved, Some(8)),
        ]
    );
    assert!(
        imported
            .yaml
            .contains("review: matched by the label \"相机\"")
    );
    assert!(
        imported.yaml.contains("left out, \"相册\""),
        "{}",
        imported.yaml
    );
    let err = imported.require_resolved(false).unwrap_err().to_string();
    assert!(err.contains("doc.md:7:3: unresolved"), "{err}");
    assert!(err.contains("may mean"), "{err}");
}

#[test]
fn platform_from_identifiers_heading_and_columns() {
    let doc = "IOS operating system application permission list\n| Permission name / permission plist | Permission function description | Usage scenario or purpose |\n|---|---|---|\n| Camera NSCameraUsageDescription | camera | photos |\n\n| iOS权限名称 | 目的 |\n|---|---|\n| 麦克风 | 通话 |\n";
    let imported = import(doc);
    assert_eq!(
        rows_of(&imported),
        vec![
            row(Platform::Ios, &["NSCameraUsageDescription"]),
            row(Platform::Ios, &["NSMicrophoneUsageDescription"]),
        ]
    );
    assert_eq!(imported.policy.rows[0].purpose.as_deref(), Some("photos"));
    assert_eq!(imported.policy.rows[1].purpose.as_deref(), Some("通话"));
}

#[test]
fn macos_tables_are_told_from_ios_by_their_words() {
    // The same keys in an iOS and a macOS table: only the headings tell them apart.
    let doc = "## iOS\n| Permission | Purpose |\n|---|---|\n| NSCameraUsageDescription | scan |\n\n\
               ## macOS\n| Permission | Purpose |\n|---|---|\n| NSCameraUsageDescription | calls |\n\n\
               ## 苹果电脑（Mac Catalyst）端权限\n| 权限名称 | 目的 |\n|---|---|\n| 麦克风 | 通话 |\n";
    let imported = import(doc);
    let camera = || vec!["NSCameraUsageDescription".to_owned()];
    assert_eq!(
        rows_of(&imported),
        vec![
            (Platform::Ios, camera()),
            (Platform::Macos, camera()),
            row(Platform::Macos, &["NSMicrophoneUsageDescription"]),
        ],
        "{}",
        imported.yaml
    );
    assert!(imported.yaml.contains("\nmacos:\n"), "{}", imported.yaml);
    // A platform column naming both sends the row to each; "machine" is not "Mac".
    let doc = "| 权限 | 适用平台 | 目的 |\n|---|---|---|\n| NSCameraUsageDescription | iOS/macOS | 扫码 |\n\n\
               Machine permissions\n| Permission | Purpose |\n|---|---|\n| NSMicrophoneUsageDescription | calls |\n";
    let mic = || vec!["NSMicrophoneUsageDescription".to_owned()];
    assert_eq!(
        rows_of(&import(doc)),
        vec![
            (Platform::Ios, camera()),
            (Platform::Ios, mic()),
            (Platform::Macos, camera()),
        ]
    );
    use find::{TablePlatform as T, platform_named_in};
    for (text, want) in [
        ("MAC地址", None),
        ("iOS Xcode 权限", Some(T::Ios)),
        ("Mac端权限", Some(T::Macos)),
        ("OS X permissions", Some(T::Macos)),
        ("iOS 与 macOS", None),
    ] {
        assert_eq!(platform_named_in(text), want, "{text}");
    }
}

#[test]
fn unrelated_tables_are_left_out_with_a_note() {
    let doc = "| Field | Use |\n|---|---|\n| Android ID | login |\n\n| Permission | Purpose |\n|---|---|\n| INTERNET | sync |\n";
    let imported = import(doc);
    assert_eq!(rows_of(&imported), vec![android(&["INTERNET"])]);
    assert_eq!(imported.diagnostics.len(), 1);
    assert_eq!(imported.diagnostics[0].kind, DiagnosticKind::Note);
    assert!(
        imported.diagnostics[0]
            .message
            .contains("not a permission table")
    );
}

#[test]
fn lists_and_headings() {
    let doc = "# P\n\nWe ask for:\n\n- Camera (`CAMERA`): scan codes\n- 麦克风（RECORD_AUDIO）：语音\n- We never sell data.\n\n## Permissions\n\n### [VIBRATE][VIBRATE] and [WAKE_LOCK][x]\n\nTo buzz.\n\n### Something else\n\nText.\n";
    let imported = import(doc);
    assert_eq!(
        rows_of(&imported),
        vec![
            android(&["CAMERA"]),
            android(&["RECORD_AUDIO"]),
            android(&["VIBRATE", "WAKE_LOCK"]),
        ]
    );
    assert_eq!(imported.policy.rows[1].name.as_deref(), Some("麦克风"));
    assert_eq!(imported.policy.rows[1].purpose.as_deref(), Some("语音"));
    assert_eq!(imported.policy.rows[2].purpose.as_deref(), Some("To buzz."));
    assert_eq!(imported.stats.unresolved_rows, 0);
}

#[test]
fn html_tables_harmony_and_non_permission_keys() {
    let doc = "<h3>iOS</h3><table><tr><td><strong>权限名称</strong></td><td>目的</td></tr>\
               <tr><td>NSCameraUsageDescription</td><td>拍照</td></tr>\
               <tr><td>UIBackgroundModes</td><td>后台</td></tr></table>\n\
               <p>鸿蒙</p>\n<table><tr><th>权限</th></tr><tr><td>ohos.permission.CAMERA</td></tr></table>";
    let imported = import(doc);
    assert_eq!(
        rows_of(&imported),
        vec![row(Platform::Ios, &["NSCameraUsageDescription"])]
    );
    assert_eq!(imported.policy.rows[0].purpose.as_deref(), Some("拍照"));
    assert_eq!(imported.unresolved(), 0);
    let messages: Vec<&str> = imported
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert!(
        messages.iter().any(|m| m.contains("UIBackgroundModes")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("HarmonyOS")),
        "{messages:?}"
    );
}

#[test]
fn unknown_short_names_suggest_and_wrong_platform_is_doubt() {
    let doc = "| Permission | Purpose |\n|---|---|\n| READ_PHONE_STAT | x |\n| CAMERA NSCameraUsageDescription | y |\n";
    let imported = import(doc);
    assert_eq!(imported.unresolved(), 2);
    let text: Vec<String> = imported
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(text[0].contains("doc.md:3:3: unresolved"), "{text:?}");
    assert!(
        text[0].contains("did you mean `READ_PHONE_STATE`"),
        "{text:?}"
    );
    assert!(
        text[1].contains("Info.plist key in an Android table"),
        "{text:?}"
    );
    // The CAMERA of the mixed row still resolves.
    assert_eq!(rows_of(&imported), vec![android(&["CAMERA"])]);
}

#[test]
fn no_table_and_malformed_and_not_text() {
    let err = import_str("# Policy\n\nWe use the camera.\n", "p.md").unwrap_err();
    assert!(matches!(err, ImportError::NoTable { .. }), "{err}");
    // One malformed row is a doubt at its line; the rows around it are read.
    let imported = import_str(
        "| Permission | Purpose |\n|---|---|\n| CAMERA | a | b |\n| RECORD_AUDIO | c |\n",
        "p.md",
    )
    .unwrap();
    assert_eq!(imported.unresolved(), 1);
    let first = imported.diagnostics[0].to_string();
    assert!(
        first.starts_with("p.md:3:1: unresolved: malformed row"),
        "{first}"
    );
    assert_eq!(imported.policy.disclosures().count(), 1);
    let err = import_bytes(b"ok\n\xff", "p.md").unwrap_err();
    assert!(err.to_string().starts_with("p.md:2:1:"), "{err}");
}

#[test]
fn hostile_inputs_do_not_panic() {
    let samples = [
        "",
        "|",
        "|\n|-|\n|",
        "| a |\n|---|\n|\n|\n|\n",
        "<table><tr><td>",
        "- (CAMERA",
        "### [",
        "\u{feff}| 权限 |\n|--|\n| 相机",
        "| x | y |\n|---|---|\n| ACCESS_FINE_LOCATION\u{0} | \u{202e} |",
        "1、CAMERA：",
        "&#x;&#99999999;<a href='>",
    ];
    for s in samples {
        let _ = import_str(s, "h.md");
    }
    // Many unknown capitalised names: bounded suggestion work.
    let mut doc = String::from("| Permission | Purpose |\n|---|---|\n");
    for i in 0..2000 {
        doc.push_str(&format!("| NOT_A_PERMISSION_{i} | x |\n"));
    }
    let imported = import(&doc);
    assert_eq!(imported.unresolved(), 2000);
}

/// Pathological documents finish quickly: every scan is linear or bounded.
#[test]
fn pathological_documents_are_fast() {
    let started = std::time::Instant::now();
    let n = 200_000;
    let docs = [
        "<a".repeat(n),
        "<a '".repeat(n),
        "[".repeat(n) + "]",
        "[a](".repeat(n),
        "(".repeat(n) + ")",
        format!(
            "| Permission | Purpose |\n|---|---|\n| {} CAMERA | x |\n",
            "(".repeat(n)
        ),
        format!(
            "<table><tr><td>{}</td></tr></table>",
            "<td>CAMERA".repeat(n / 10)
        ),
        "- CAMERA: x\n".repeat(n / 10),
        "# h\n".repeat(n / 10),
    ];
    for doc in &docs {
        let _ = import_str(doc, "big.md");
    }
    assert!(
        started.elapsed() < std::time::Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
}

/// Columns count characters, also when asked for out of order on one line.
#[test]
fn positions_count_characters() {
    let doc = "相机 x\n| Permission | Purpose |\n|---|---|\n| 相机 CAMERA | 拍照 | \n";
    let importer = Importer::new(doc, "p.md");
    let camera = doc.find("CAMERA").unwrap_or(0);
    assert_eq!(importer.position(camera), (4, 6));
    assert_eq!(importer.position(doc.find('x').unwrap_or(0)), (1, 4));
    assert_eq!(importer.position(camera), (4, 6));
    assert_eq!(importer.position(camera - 1), (4, 5));
}

/// Found by the CI fuzz smoke: a purpose-string *dictionary* key, written as an identifier or
/// through its Chinese label, was imported as a disclosure the policy schema refuses, so the
/// written YAML did not load. The import now keeps to the schema's keys and its YAML loads.
#[test]
fn purpose_string_dictionaries_are_not_imported_as_keys() {
    let doc = "| 权限名称 | 使用目的 |\n|---|---|\n\
               | 相机 NSCameraUsageDescription | 拍照 |\n\
               | NSLocationTemporaryUsageDescriptionDictionary | 临时精确位置 |\n\
               | 允许临时访问精确地理位置信息 | 临时精确位置 |\n";
    let imported = super::import_str(doc, "policy.md").expect("imports");
    assert!(
        !imported
            .yaml
            .contains("permissions: [NSLocationTemporaryUsageDescriptionDictionary"),
        "{}",
        imported.yaml
    );
    if imported.stats.unresolved_rows == 0 {
        crate::policy::parse(&imported.yaml, Some("imported.yaml")).expect("the YAML loads");
    }
    assert!(
        imported.yaml.contains("NSCameraUsageDescription"),
        "{}",
        imported.yaml
    );
}

#[test]
fn a_label_in_brackets_after_its_identifier_is_the_label() {
    use find::label_without;
    let label = |text: &str| label_without(text, &resolve::identifiers(text));
    assert_eq!(label("android.permission.CAMERA（相机）"), "相机");
    assert_eq!(label("RECORD_AUDIO (Microphone)"), "Microphone");
    // Brackets inside a label stay.
    assert_eq!(
        label("位置（GPS）信息 ACCESS_FINE_LOCATION"),
        "位置（GPS）信息"
    );
    assert_eq!(label("CAMERA（）"), "");
}

/// Beside a table, every permission identifier the rows do not hold is shown: one note each up
/// to a cap, then one note counting the rest, so a long page cannot hide what it named.
#[test]
fn identifiers_outside_the_rows_are_all_accounted_for() {
    let names = [
        "RECORD_AUDIO",
        "READ_CONTACTS",
        "READ_SMS",
        "SEND_SMS",
        "CALL_PHONE",
        "READ_CALL_LOG",
        "WRITE_CALL_LOG",
        "BODY_SENSORS",
        "READ_CALENDAR",
        "WRITE_CALENDAR",
        "VIBRATE",
        "WAKE_LOCK",
        "NFC",
        "BLUETOOTH",
        "INTERNET",
        "ACCESS_WIFI_STATE",
        "CHANGE_WIFI_STATE",
        "ACCESS_NETWORK_STATE",
        "GET_ACCOUNTS",
    ];
    let mut doc = String::from("| 权限名称 | 使用目的 |\n|---|---|\n| 相机 CAMERA | 扫码 |\n\n");
    for name in names {
        doc.push_str(&format!("日志记录了 {name} 的结果。\n"));
    }
    let imported = super::import_str(&doc, "policy.md").expect("imports");
    let messages: Vec<String> = imported
        .diagnostics
        .iter()
        .map(|d| d.message.clone())
        .collect();
    let one_each = messages
        .iter()
        .filter(|m| m.contains("is named outside the tables and lists"))
        .count();
    assert_eq!(one_each, 16, "{messages:#?}");
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("and 3 more permission identifier(s)")),
        "{messages:#?}"
    );
}
