//! `permaudit policy import` and `check --policy-doc`, driving the binary over the documents in
//! `testdata/policies/` (see `testdata/README.md`).

#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeSet;

use common::{check_json, findings, permaudit};
use predicates::prelude::*;

/// Imports `doc` (extra args allowed) into a temp file; returns (exit code, stderr, YAML).
fn import(doc: &str, extra: &[&str]) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("policy.yaml");
    let output = permaudit()
        .args(["policy", "import", doc, "--out"])
        .arg(&out)
        .args(extra)
        .output()
        .unwrap();
    let yaml = std::fs::read_to_string(&out).unwrap_or_default();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stderr).unwrap(),
        yaml,
    )
}

/// The permissions a YAML policy discloses, as `check --policy` reads it: every one of them
/// is `unused` against an app that requests nothing (one manifest and one plist).
fn disclosed_via_check(yaml: &str) -> BTreeSet<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("imported.yaml");
    std::fs::write(&path, yaml).unwrap();
    let (code, report) = check_json(&[
        "--policy",
        path.to_str().unwrap(),
        "testdata/android/empty-app.xml",
        "testdata/ios/empty-app.plist",
    ]);
    assert_eq!(code, 0, "{report}");
    findings(&report)
        .into_iter()
        .map(|(rule, permission, _)| {
            assert_eq!(rule, "unused");
            permission
        })
        .collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// English Markdown: a pipe table with labels, backticked, linked and full names, and an iOS
/// list of "label (KEY): purpose" items; `check --policy` accepts the output.
#[test]
fn english_markdown_policy() {
    let (code, stderr, yaml) = import("testdata/policies/en-markdown.md", &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        yaml.contains("# line 9\n  - name: Camera\n    permissions: [CAMERA]"),
        "{yaml}"
    );
    assert_eq!(
        disclosed_via_check(&yaml),
        set(&[
            "android.permission.CAMERA",
            "android.permission.ACCESS_FINE_LOCATION",
            "android.permission.ACCESS_COARSE_LOCATION",
            "android.permission.POST_NOTIFICATIONS",
            "android.permission.INTERNET",
            "NSCameraUsageDescription",
            "NSMicrophoneUsageDescription",
        ])
    );
}

/// Chinese labels without identifiers: unique names resolve and are marked for review, a
/// vague name (相册) and an unknown one are listed with their lines; exit 2 and
/// nothing written, unless --allow-unresolved.
#[test]
fn chinese_labels_only() {
    let (code, stderr, yaml) = import("testdata/policies/zh-labels.md", &[]);
    // The exit code `check --policy-doc` gives the same document.
    assert_eq!(code, 2, "{stderr}");
    assert!(yaml.is_empty(), "{yaml}");
    assert!(
        stderr.contains("zh-labels.md:7:3: review: \"相机\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("zh-labels.md:9:3: unresolved: \"相册\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("may mean android.permission.READ_EXTERNAL_STORAGE, "),
        "{stderr}"
    );
    assert!(
        stderr.contains("zh-labels.md:11:3: unresolved: \"传送门权限\""),
        "{stderr}"
    );

    let (code, stderr, yaml) = import("testdata/policies/zh-labels.md", &["--allow-unresolved"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        yaml.contains("# line 7 (review: matched by the label \"相机\", not by an identifier)"),
        "{yaml}"
    );
    assert!(yaml.contains("left out, \"相册\""), "{yaml}");
    assert_eq!(
        disclosed_via_check(&yaml),
        set(&[
            "android.permission.CAMERA",
            "android.permission.READ_PHONE_STATE",
            "android.permission.RECORD_AUDIO",
        ])
    );
}

/// HTML: a `<th>` header, a `<td><strong>` header, unclosed cells and rows, `<br>` between
/// identifier and label, entities.
#[test]
fn html_tables() {
    let (code, stderr, yaml) = import("testdata/policies/html-tables.html", &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        yaml.contains("name: Example Notes — App permissions"),
        "{yaml}"
    );
    assert!(yaml.contains("purpose: Voice memos & calls"), "{yaml}");
    assert_eq!(
        disclosed_via_check(&yaml),
        set(&[
            "android.permission.CAMERA",
            "android.permission.RECORD_AUDIO",
            "android.permission.READ_CALENDAR",
            "NSCameraUsageDescription",
            "NSPhotoLibraryUsageDescription",
        ])
    );
}

/// The seed's broken rows: a lone `|`, then the label cell, then the other cells; platform
/// per table from its heading and identifiers.
#[test]
fn broken_rows() {
    let (code, stderr, yaml) = import("testdata/policies/broken-rows.txt", &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        yaml.contains(
            "  # line 10\n  - name: Location permissions\n    permissions: [ACCESS_FINE_LOCATION, ACCESS_COARSE_LOCATION]\n    description: Get GPS location information\n    purpose: Punch in and send location function\n"
        ),
        "{yaml}"
    );
    assert_eq!(
        disclosed_via_check(&yaml),
        set(&[
            "android.permission.READ_PHONE_STATE",
            "android.permission.ACCESS_FINE_LOCATION",
            "android.permission.ACCESS_COARSE_LOCATION",
            "com.android.launcher.permission.INSTALL_SHORTCUT",
            "NSCameraUsageDescription",
            "NSPhotoLibraryUsageDescription",
        ])
    );
}

/// No permission table: exit 2 with a clear error naming what was seen instead.
#[test]
fn no_permission_table_exits_2() {
    permaudit()
        .args(["policy", "import", "testdata/policies/no-table.md"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "error: testdata/policies/no-table.md: no permission table found",
        ))
        .stderr(predicate::str::contains("the pipe table at line 5"));
    permaudit()
        .args([
            "check",
            "--policy-doc",
            "testdata/policies/no-table.md",
            "testdata/m5-app",
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("no permission table found"));
}

/// Sentences that name only what is left out (here another platform's permission) disclose
/// nothing: exit 2 saying what they named, never an empty policy that reads as understood.
#[test]
fn prose_naming_only_what_is_left_out_exits_2() {
    let doc = "testdata/policies/shapes/60-prose-other-platform-only.en.txt";
    for args in [
        vec!["policy", "import", "--allow-unresolved", doc],
        vec!["check", "--policy-doc", doc, "testdata/m5-app"],
    ] {
        permaudit()
            .args(&args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("no permission table found"))
            .stderr(predicate::str::contains(
                "seen instead: \"tracking\" names permissions of another platform, none of \
                 Android; left out (line 3)",
            ));
    }
}

/// An unrelated table before the permission table is left out, with a note.
#[test]
fn unrelated_table_first() {
    let (code, stderr, yaml) = import("testdata/policies/unrelated-first.md", &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("unrelated-first.md:5:1: note: pipe table at line 5"),
        "{stderr}"
    );
    assert_eq!(
        disclosed_via_check(&yaml),
        set(&["android.permission.INTERNET", "android.permission.VIBRATE"])
    );
}

/// A missing document and a binary one are exit 2 naming the file.
#[test]
fn unreadable_documents_exit_2() {
    permaudit()
        .args(["policy", "import", "testdata/policies/missing.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "testdata/policies/missing.md: cannot read",
        ));
    permaudit()
        .args(["policy", "import", "testdata/ios/binary.plist"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("testdata/ios/binary.plist:1:"))
        .stderr(predicate::str::contains("not UTF-8"));
}

/// `check --policy-doc`: `unused` findings point at the document's lines; unresolved rows
/// are exit 2 unless --allow-unresolved.
#[test]
fn check_against_a_document() {
    let (code, report) = check_json(&[
        "--policy-doc",
        "testdata/policies/broken-rows.txt",
        "testdata/android/empty-app.xml",
    ]);
    assert_eq!(code, 0, "{report}");
    assert_eq!(
        report["policy"]["path"],
        "testdata/policies/broken-rows.txt"
    );
    let unused: Vec<(String, String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["permission"].as_str().unwrap().to_owned(),
                f["path"].as_str().unwrap().to_owned(),
                format!("{}:{}", f["line"], f["column"]),
            )
        })
        .collect();
    let doc = "testdata/policies/broken-rows.txt".to_owned();
    assert_eq!(
        unused,
        vec![
            (
                "android.permission.READ_PHONE_STATE".into(),
                doc.clone(),
                "7:17".into()
            ),
            (
                "android.permission.ACCESS_FINE_LOCATION".into(),
                doc.clone(),
                "10:22".into()
            ),
            (
                "android.permission.ACCESS_COARSE_LOCATION".into(),
                doc.clone(),
                "10:43".into()
            ),
            (
                "com.android.launcher.permission.INSTALL_SHORTCUT".into(),
                doc,
                "13:17".into()
            ),
        ]
    );

    permaudit()
        .args([
            "check",
            "--policy-doc",
            "testdata/policies/zh-labels.md",
            "testdata/m5-app",
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "2 permission row(s) could not be resolved",
        ))
        .stderr(predicate::str::contains("zh-labels.md:9:3: unresolved"));
    permaudit()
        .args([
            "check",
            "--policy-doc",
            "testdata/policies/zh-labels.md",
            "--allow-unresolved",
            "testdata/android/empty-app.xml",
        ])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("zh-labels.md:9:3: unresolved"))
        .stderr(predicate::str::contains("zh-labels.md:7:3: review"));
    permaudit()
        .args(["check", "--policy", "x.yaml", "--policy-doc", "y.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
}

// ---------------------------------------------------------------------------------------------
// The seed agreement (required in CI: PERMAUDIT_SEEDS=../shared/seeds)
// ---------------------------------------------------------------------------------------------

/// The seed document, `None` (with a message) when `PERMAUDIT_SEEDS` is unset; a panic when
/// it is set but the document is missing, so CI never skips silently.
fn seed() -> Option<String> {
    let Some(dir) = std::env::var_os("PERMAUDIT_SEEDS") else {
        #[allow(clippy::print_stderr)]
        {
            eprintln!("skipped: PERMAUDIT_SEEDS is not set");
        }
        return None;
    };
    let root = common::root();
    let path = root.join(dir).join("m5-privacy-agreement.txt");
    assert!(
        path.is_file(),
        "PERMAUDIT_SEEDS is set but {} does not exist",
        path.display()
    );
    Some(path.to_str().unwrap().to_owned())
}

type SeedRow = (
    String,
    Option<String>,
    Vec<String>,
    Option<String>,
    Option<String>,
);

fn rows_of(policy: &permaudit::policy::Policy) -> Vec<SeedRow> {
    policy
        .rows
        .iter()
        .map(|r| {
            (
                r.platform.as_str().to_owned(),
                r.name.clone(),
                r.permissions.iter().map(|d| d.permission.clone()).collect(),
                r.description.clone(),
                r.purpose.clone(),
            )
        })
        .collect()
}

/// Importing the seed yields exactly the rows of `policy/m5.yaml`: labels, permissions,
/// descriptions and purposes, in order.
#[test]
fn seed_round_trip_equals_builtin_policy() {
    let Some(seed) = seed() else { return };
    let (code, stderr, yaml) = import(&seed, &[]);
    assert_eq!(code, 0, "{stderr}");
    let imported = permaudit::policy::parse(&yaml, Some("imported.yaml")).unwrap();
    let builtin = permaudit::policy::builtin();
    assert_eq!(rows_of(&imported), rows_of(&builtin));
    assert_eq!(imported.rows.len(), 26);
}

/// `check --policy-doc` with the seed gives the built-in policy's findings, with `unused`
/// findings at the seed's lines, plus what the built-in policy acknowledges about itself.
#[test]
fn seed_check_equals_builtin_check() {
    let Some(seed) = seed() else { return };
    let (code_doc, doc_report) = check_json(&["--policy-doc", &seed, "testdata/m5-app"]);
    let (code_builtin, builtin_report) = check_json(&["testdata/m5-app"]);
    assert_eq!(code_doc, code_builtin);
    let key = |r: &serde_json::Value| {
        r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| (f["rule"].to_string(), f["permission"].to_string()))
            .collect::<BTreeSet<_>>()
    };
    // The document is the user's own policy, so the built-in policy's acknowledged findings
    // (`policy/m5.acknowledged.yaml`) are not acknowledged for it: of them, the duplicate row of
    // READ_PHONE_STATE, which the app requests, is reported.
    let extra: Vec<_> = key(&doc_report)
        .difference(&key(&builtin_report))
        .cloned()
        .collect();
    assert_eq!(
        extra,
        [(
            "\"duplicate-disclosure\"".to_owned(),
            "\"android.permission.READ_PHONE_STATE\"".to_owned()
        )]
    );
    assert!(key(&builtin_report).is_subset(&key(&doc_report)));
    let unused: Vec<&serde_json::Value> = doc_report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "unused")
        .collect();
    // The rows no variant audited against the policy requests ("Install application" is the
    // China build's, so not stale: both builds ship with this one policy).
    assert_eq!(unused.len(), 5);
    for f in unused {
        assert_eq!(f["path"].as_str().unwrap(), seed);
        assert!(f["line"].as_u64().unwrap() > 150, "{f}");
    }
    let send_sms = doc_report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["permission"] == "android.permission.SEND_SMS")
        .unwrap();
    assert_eq!(send_sms["line"], 190);
}

/// The nine shapes real policies use (issue 16), and sentences when nothing else is there, one
/// fixture each under `testdata/policies/shapes/`: what each imports, through
/// `check --policy`, and the doubts it must report at their lines.
#[test]
fn the_shapes_policies_are_published_in() {
    let cases: &[(&str, &[&str], &[&str])] = &[
        (
            "1-flattened.zh.txt",
            &[
                "android.permission.CAMERA",
                "android.permission.ACCESS_FINE_LOCATION",
                "android.permission.VIBRATE",
            ],
            &[],
        ),
        (
            // Copied from a page from its first row on: no heading, the first label's own
            // description is what speaks of permissions.
            "1b-no-heading.zh.txt",
            &[
                "android.permission.CALL_PHONE",
                "android.permission.ACCESS_NETWORK_STATE",
            ],
            &["1b-no-heading.zh.txt:1:1: review: \"直接拨打电话号码\" matched by name"],
        ),
        (
            "2-loose-pipes.zh.txt",
            &[
                "android.permission.READ_CALENDAR",
                "android.permission.WRITE_CALENDAR",
                "android.permission.ACCESS_NETWORK_STATE",
            ],
            &[],
        ),
        (
            "2b-tabs.zh.md",
            &[
                "android.permission.RECORD_AUDIO",
                "android.permission.CAMERA",
            ],
            &["2b-tabs.zh.md:7:1: note: the row \"……\" names nothing"],
        ),
        (
            "3-key-value.zh.txt",
            &[
                "android.permission.READ_CONTACTS",
                "android.permission.RECORD_AUDIO",
                "android.permission.CAMERA",
            ],
            &[],
        ),
        (
            "4-labels.zh.md",
            &[
                "android.permission.READ_EXTERNAL_STORAGE",
                "android.permission.WRITE_EXTERNAL_STORAGE",
                "android.permission.ACCESS_COARSE_LOCATION",
                "android.permission.ACCESS_FINE_LOCATION",
                "NSCameraUsageDescription",
                "NSLocationWhenInUseUsageDescription",
            ],
            &[
                "4-labels.zh.md:5:1: review: \"读取/写入外置存储\" names a group",
                "4-labels.zh.md:7:1: unresolved: \"MAC地址\"",
                "may mean android.permission.QUERY_ALL_PACKAGES",
                // Location on Android is one grant, fine or coarse as the user picks; on iOS
                // every app that uses location asks for one key. Each is read, to review.
                "4-labels.zh.md:9:1: review: \"位置信息\" names a group of permissions, matched \
                 by name to android.permission.ACCESS_COARSE_LOCATION, \
                 android.permission.ACCESS_FINE_LOCATION",
                "4-labels.zh.md:10:1: unresolved: \"相册\" has no identifier and is too vague \
                 to name one Android permission",
                "4-labels.zh.md:14:1: review: \"位置信息\" is read as \
                 NSLocationWhenInUseUsageDescription (iOS asks every app that uses location for it;",
            ],
        ),
        (
            "5-ident-column.zh.md",
            &[
                "android.permission.READ_EXTERNAL_STORAGE",
                "android.permission.WRITE_EXTERNAL_STORAGE",
                "android.permission.ACCESS_FINE_LOCATION",
            ],
            &[],
        ),
        (
            "6-plist-header.zh.md",
            &["NSCameraUsageDescription", "NSMicrophoneUsageDescription"],
            &[],
        ),
        (
            "7-spans.en.html",
            &[
                "android.permission.READ_EXTERNAL_STORAGE",
                "android.permission.WRITE_EXTERNAL_STORAGE",
                "android.permission.CAMERA",
                "android.permission.RECORD_AUDIO",
            ],
            &["7-spans.en.html:11:1: unresolved: malformed row: it has 4 cells"],
        ),
        (
            "8-mixed-platform.zh.md",
            &[
                "android.permission.ACTIVITY_RECOGNITION",
                "NSMotionUsageDescription",
                "NSHealthShareUsageDescription",
                "NFCReaderUsageDescription",
            ],
            &[
                "unresolved: `READ PHONE_STATE` is not a permission name (did you mean \
               `READ_PHONE_STATE`?)",
                // A bare `NFC` in an iOS row is the feature's name there.
                "8-mixed-platform.zh.md:9:7: review: `NFC` in an iOS row is read as the name of \
                 NFCReaderUsageDescription",
            ],
        ),
        (
            // A third-party SDK list: each SDK's permissions in a column of their own, labels
            // or identifiers; an SDK that asks for none says `无`.
            "11-sdk-list.zh.md",
            &[
                "android.permission.ACCESS_FINE_LOCATION",
                "android.permission.ACCESS_COARSE_LOCATION",
                "android.permission.READ_PHONE_STATE",
                "android.permission.ACCESS_NETWORK_STATE",
            ],
            &[
                "11-sdk-list.zh.md:8:28: review: \"读取手机状态、获取网络状态\" matched by name",
                "11-sdk-list.zh.md:9:1: note: the row says \"无\": no permission; left out",
            ],
        ),
        (
            // `**Label** – purpose` bullets (dash, not colon), a heading after the last one.
            "12-dash-list.en.md",
            &[
                "android.permission.CAMERA",
                "android.permission.ACCESS_FINE_LOCATION",
                "android.permission.READ_EXTERNAL_STORAGE",
                "android.permission.WRITE_EXTERNAL_STORAGE",
                "android.permission.INTERNET",
                "android.permission.POST_NOTIFICATIONS",
            ],
            &["12-dash-list.en.md:13:1: review: \"Notifications\" matched by name"],
        ),
        (
            // An HTML page: `<li><strong>相机权限（CAMERA）</strong>：用于…。</li>` items (the
            // identifier in the name, a sentence after it) and a `<dl>` whose `<dd>` opens with
            // the key its `<dt>` label stands for.
            "13-html-items.zh.html",
            &[
                "android.permission.CAMERA",
                "android.permission.RECORD_AUDIO",
                "android.permission.READ_EXTERNAL_STORAGE",
                "android.permission.WRITE_EXTERNAL_STORAGE",
                "NSCameraUsageDescription",
                "NSPhotoLibraryAddUsageDescription",
            ],
            &["13-html-items.zh.html:9:5: review: \"存储权限\" names a group"],
        ),
        (
            // The manifest's own `<uses-permission>` lines quoted in a code block, two of them
            // explained again in a list: each permission once.
            "14-manifest-excerpt.en.md",
            &[
                "android.permission.INTERNET",
                "android.permission.CAMERA",
                "android.permission.ACCESS_FINE_LOCATION",
            ],
            &[
                "14-manifest-excerpt.en.md:8:1: note: a row of identifiers only, each disclosed by \
               a row with its purpose too; left out",
            ],
        ),
        (
            // `Label: sentence (IDENTIFIERS).` lines; the ones that say "not used" are not
            // disclosures.
            "15-label-sentences.en.txt",
            &[
                "android.permission.ACCESS_FINE_LOCATION",
                "android.permission.ACCESS_COARSE_LOCATION",
                "android.permission.WRITE_EXTERNAL_STORAGE",
            ],
            &[
                "15-label-sentences.en.txt:6:1: note: \"Phone\" is named in a line that says it \
                 is not used; left out",
                "15-label-sentences.en.txt:7:1: note: \"Contacts\" is named in a line that says \
                 it is not used; left out",
            ],
        ),
        (
            "9-xcode-names.en.md",
            &[
                "NSCameraUsageDescription",
                "NSPhotoLibraryAddUsageDescription",
            ],
            &[],
        ),
        (
            "10-sentences.zh.txt",
            &[
                "android.permission.CAMERA",
                "android.permission.RECORD_AUDIO",
                "android.permission.READ_EXTERNAL_STORAGE",
                "android.permission.WRITE_EXTERNAL_STORAGE",
                "android.permission.READ_CONTACTS",
            ],
            &[
                "10-sentences.zh.txt:4:23: note: no table, list or permission lines were found",
                "10-sentences.zh.txt:4:23: review: \"相机\" matched by name",
                // Broken over two lines, as a PDF gives it; 不限于 widens the list.
                "10-sentences.zh.txt:6:21: review: \"读取通讯录\" matched by name",
                "10-sentences.zh.txt:5:24: note: \"后台定位\" is named in a sentence that says it \
                 is not requested; left out",
                "10-sentences.zh.txt:8:25: note: \"phone state\" is named in a sentence that \
                 says it is not requested",
            ],
        ),
    ];
    for (file, want, messages) in cases {
        let path = format!("testdata/policies/shapes/{file}");
        check_shape(file, &path, want, messages);
    }
}

/// More shapes, from trying real pages as a new user would (session 12): each names what the
/// YAML must say of its rows, beyond the permissions.
#[test]
fn more_shapes_policies_are_published_in() {
    let cases: &[(&str, &[&str], &[&str])] = &[
        (
            // Flattened one cell per line, each cell still ending in its `|` (a lone `|` for a
            // wrapped one); the header's `是否询问` / `是否可关闭` columns hold nothing of the
            // row, and a description that reads like a label (`访问位置信息`) is a cell.
            "16-edge-pipes.zh.txt",
            &[
                "android.permission.CAMERA",
                "android.permission.ACCESS_FINE_LOCATION",
                "android.permission.ACCESS_COARSE_LOCATION",
                "android.permission.RECORD_AUDIO",
            ],
            &[
                "  - name: 位置\n    permissions: [ACCESS_COARSE_LOCATION, ACCESS_FINE_LOCATION]\n    \
                 description: 访问位置信息\n    purpose: 填写收货地址时推荐附近地址\n",
                "  - name: 录音\n    permissions: [RECORD_AUDIO]\n    description: 录制音频\n    \
                 purpose: 发送语音消息\n",
            ],
        ),
        (
            // `权限名称 / 相关权限 / 权限功能说明 / 使用场景或目的` flattened: a label, then its
            // identifiers; a label the lexicon does not know still names its row.
            "17-ident-after-label.zh.txt",
            &[
                "android.permission.READ_PHONE_STATE",
                "android.permission.READ_EXTERNAL_STORAGE",
                "android.permission.WRITE_EXTERNAL_STORAGE",
                "android.permission.ACCESS_FINE_LOCATION",
                "android.permission.ACCESS_COARSE_LOCATION",
            ],
            &[
                "  - name: 读取手机/电话状态\n    permissions: [READ_PHONE_STATE]\n    description: \
                 读取设备识别信息\n    purpose: 用于账号安全校验\n",
                "  - name: 读取/写入外置存储\n    permissions: [READ_EXTERNAL_STORAGE, \
                 WRITE_EXTERNAL_STORAGE]\n    description: 读写设备存储空间中的文件\n    purpose: \
                 保存和上传图片\n",
                "  - name: 位置\n    permissions: [ACCESS_FINE_LOCATION, ACCESS_COARSE_LOCATION]\n",
            ],
        ),
        (
            // No separator line and header words that are no stock column name as a whole
            // (`调取设备权限`, `对应业务功能/场景`), labels only.
            "18-pipes-no-separator.zh.txt",
            &[
                "android.permission.CAMERA",
                "android.permission.RECEIVE_SMS",
                "android.permission.REQUEST_INSTALL_PACKAGES",
            ],
            &[
                "  - name: 接收短信\n    permissions: [RECEIVE_SMS]\n    description: 注册、登录\n    \
               purpose: 自动填入短信验证码\n",
            ],
        ),
        (
            // Android's own permission labels (AOSP's permlab_* strings), here in traditional
            // Chinese as a Hong Kong phone shows them.
            "19-stock-labels.zh-Hant.txt",
            &[
                "android.permission.READ_PHONE_STATE",
                "android.permission.ACCESS_COARSE_LOCATION",
                "android.permission.READ_CALENDAR",
            ],
            &[
                "  - name: 只能在前台獲取大概位置（基於網絡）\n    permissions: [ACCESS_COARSE_LOCATION]\n",
            ],
        ),
        (
            // A Markdown list served with its line breaks lost: one line of quoted items.
            "20-collapsed-list.en.md",
            &[
                "android.permission.CAMERA",
                "android.permission.RECORD_AUDIO",
                "android.permission.VIBRATE",
            ],
            &[
                "name: Android permissions\n",
                "  - permissions: [android.permission.RECORD_AUDIO]\n    purpose: Used for voice \
                 notes.\n",
                "    purpose: Used for haptic feedback.\n",
            ],
        ),
        (
            // A personal-information list whose field names permissions among other things:
            // each permission is a row with the section's purpose; `手机号码` is none, `储存` is
            // `存储`, and 读写 is reading and writing; a numbered heading ends the row above.
            "21-listing-field.zh.txt",
            &[
                "android.permission.INTERNET",
                "android.permission.READ_PHONE_STATE",
                "android.permission.READ_EXTERNAL_STORAGE",
                "android.permission.WRITE_EXTERNAL_STORAGE",
            ],
            &[
                "  - name: 读取电话状态\n    permissions: [READ_PHONE_STATE]\n    purpose: \
                 由运营商验证本机号码后登录\n",
                "  - name: 读写外置储存权限\n    permissions: [READ_EXTERNAL_STORAGE, \
                 WRITE_EXTERNAL_STORAGE]\n    purpose: 从相册选择图片作为头像\n",
            ],
        ),
        (
            // The header flattened one cell per line above the separator; each row's first
            // cell on a line of its own, prefixed with its platform; a name broken by a space
            // after the full prefix is a doubt, never `android.permission.READ`.
            "22-flattened-header.zh.txt",
            &[
                "NSCameraUsageDescription",
                "NSMicrophoneUsageDescription",
                "android.permission.CAMERA",
            ],
            &[
                "  - name: iOS\n    permissions: [NSMicrophoneUsageDescription]\n    description: \
               麦克风\n    purpose: 录制语音留言\n",
            ],
        ),
        (
            // A document that speaks of iOS only (`iPhone`, after the list): its list is iOS's.
            // `相機(Camera)` is one label in two languages; `PhotoLibraryAdd` and `Local Network
            // Usage` are keys as developers name them.
            "23-ios-bilingual.zh-Hant.md",
            &[
                "NSCameraUsageDescription",
                "NSPhotoLibraryAddUsageDescription",
                "NSLocalNetworkUsageDescription",
            ],
            &["  - name: 相機(Camera)\n    permissions: [NSCameraUsageDescription]\n"],
        ),
        (
            // A page run into one line whose items open with a bold identifier; its prose
            // names `INTERNET` only to say the app lacks it, and that is no disclosure.
            "24-collapsed-bold.en.md",
            &["android.permission.CAMERA", "android.permission.VIBRATE"],
            &[
                "  - permissions: [VIBRATE]\n    purpose: Used for a short buzz when a code is read.\n",
            ],
        ),
        (
            // A flattened table with a platform column (`适用系统`): each row goes to the
            // platforms its cell names.
            "25-platform-column.zh.txt",
            &[
                "android.permission.CAMERA",
                "android.permission.RECORD_AUDIO",
                "android.permission.READ_EXTERNAL_STORAGE",
                "android.permission.WRITE_EXTERNAL_STORAGE",
                "NSCameraUsageDescription",
                "NSMicrophoneUsageDescription",
            ],
            &[
                "ios:\n",
                "  - name: 麦克风\n    permissions: [NSMicrophoneUsageDescription]\n",
            ],
        ),
        (
            // Cells copied without the space between them: an English label runs into the
            // next cell's capital; in such a run, a label the lexicon does not know
            // (`Gallery`) is its own unresolved row, not a line dropped.
            "26-glued-cells.en.txt",
            &[
                "android.permission.CAMERA",
                "android.permission.RECORD_AUDIO",
            ],
            &["  - name: Microphone\n    permissions: [RECORD_AUDIO]\n"],
        ),
        (
            // A flattened header whose columns are words, not stock names (`Permission type`,
            // `Will I be asked …`, `Mobile operating system`): its platform column still sends
            // each row where it says.
            "27-worded-header.en.txt",
            &[
                "android.permission.CAMERA",
                "android.permission.RECORD_AUDIO",
                "NSCameraUsageDescription",
            ],
            &[
                "  - name: Camera\n    permissions: [NSCameraUsageDescription]\n    purpose: Scanning \
               the code on a delivery box\n",
            ],
        ),
        (
            // Numbered headings tagged with the one platform they are for (`(IOS)`,
            // `(Android)`): rows of that platform, not sections; the untagged row is the
            // app's on both; `使用相机(摄像头)权限` names the camera in both its words.
            "28-platform-tags.zh.txt",
            &[
                "android.permission.CAMERA",
                "NSCameraUsageDescription",
                "NSMicrophoneUsageDescription",
                "android.permission.READ_EXTERNAL_STORAGE",
                "android.permission.WRITE_EXTERNAL_STORAGE",
            ],
            &[
                "ios:\n  # line 3 (review: matched by the label \"使用相机(摄像头)权限\", not by an \
               identifier)\n",
                "\n  # line 6 (review: matched by the label \"使用麦克风权限(IOS)\", not by an \
               identifier)\n",
            ],
        ),
        (
            // Table rows whose cells the page joined with single spaces: the identifiers open
            // each row, the rest is its text.
            "29-space-joined.zh.txt",
            &[
                "android.permission.INTERNET",
                "android.permission.READ_MEDIA_IMAGES",
                "android.permission.CAMERA",
                // An English label first, the Chinese cells after it.
                "NSCameraUsageDescription",
                "NSMicrophoneUsageDescription",
            ],
            &[
                "  - permissions: [READ_MEDIA_IMAGES]\n    purpose: 读取图片文件 选择照片上传证件信息",
                "  - name: Microphone\n    permissions: [NSMicrophoneUsageDescription]\n",
            ],
        ),
        (
            // Numbered items `一、 日历：` …: an item the lexicon does not know (`照片`) is the next
            // row, unresolved and shown, not a cell of the row above; `相机使用权限` is the
            // camera.
            "30-numbered-unknown.zh.txt",
            &[
                "android.permission.READ_CALENDAR",
                "android.permission.WRITE_CALENDAR",
                "android.permission.ACCESS_COARSE_LOCATION",
                "android.permission.ACCESS_FINE_LOCATION",
                "android.permission.CAMERA",
            ],
            &[
                "  - name: 位置\n    permissions: [ACCESS_COARSE_LOCATION, ACCESS_FINE_LOCATION]\n    \
                 description: 用于推荐附近的门店\n  #",
                "  - name: 相机使用权限\n    permissions: [CAMERA]\n    purpose: 扫描二维码\n",
            ],
        ),
        (
            // Numbered items, some tagged with their platform (`(IOS)`, `(Android)`): an
            // unknown tagged item is an unresolved row of its platform, not a section heading
            // that moves the rows after it to iOS; an unknown untagged item (`使用人脸核验权限`)
            // is the next row, not the description of the row above; the untagged rows are the
            // app's on both platforms.
            "31-numbered-tagged.zh.txt",
            &[
                "android.permission.CAMERA",
                "android.permission.READ_EXTERNAL_STORAGE",
                "android.permission.WRITE_EXTERNAL_STORAGE",
                "android.permission.RECORD_AUDIO",
                "NSCameraUsageDescription",
                "NSMicrophoneUsageDescription",
            ],
            &[
                "  - name: 使用存储权限(Android)\n    permissions: [READ_EXTERNAL_STORAGE, \
                 WRITE_EXTERNAL_STORAGE]\n    purpose: 保存付款码; 用于保存二维码图片至本地\n",
            ],
        ),
        (
            // Beside a table, a sentence that names an identifier as a permission the app
            // asks for is a disclosure too; one that refuses it, or names it otherwise, is not,
            // and each is shown with a note.
            "32-sentences-beside-table.zh.md",
            &[
                "android.permission.CAMERA",
                "android.permission.RECORD_AUDIO",
                "android.permission.READ_CONTACTS",
            ],
            &[
                "  - permissions: [READ_CONTACTS]\n    purpose: 此外，在您邀请好友时，我们会申请 \
               READ_CONTACTS 权限，用于读取通讯录\n",
            ],
        ),
        (
            // A flattened table under a title line and a numbered platform heading: the title
            // and the heading are not header columns; `IDFA(iOS14及以上)` is a row, its
            // brackets a version, not an iOS section; a group of cells whose label the
            // lexicon does not know is a row of its own, unresolved, not cells of the row above.
            "33-flattened-unknown-row.zh.txt",
            &[
                "NSCameraUsageDescription",
                "NSUserTrackingUsageDescription",
                "NSMicrophoneUsageDescription",
                "android.permission.CAMERA",
                "android.permission.RECORD_AUDIO",
            ],
            &[
                "  - name: IDFA(iOS14及以上)\n    permissions: [NSUserTrackingUsageDescription]\n    \
                 description: 读取广告标识符\n    purpose: 用于广告效果归因\n",
                "  - name: 相机\n    permissions: [CAMERA]\n    description: 调用摄像头拍摄\n    \
                 purpose: 用于扫描订单二维码\n  # line 29 (unresolved:",
            ],
        ),
        (
            // Numbered items whose `key: value` lines are hard-wrapped: a wrapped line that
            // reads as a label (`Bluetooth`, `Camera`) goes on the value, never starts a row;
            // an item whose label is unknown, with the fields the others have, is its own
            // unresolved row.
            "34-hard-wrapped-items.en.txt",
            &[
                "android.permission.CAMERA",
                "android.permission.RECORD_AUDIO",
            ],
            &[
                "    purpose: scan the pairing code printed on the Bluetooth feeder and take a \
                 photo of your pet\n",
                "    purpose: record a call for your pet to play at Camera feeding time.\n",
            ],
        ),
        (
            // Numbered items with identifiers and `key: value` lines under them: each item is
            // a row with its fields, and an item without an identifier is an unresolved row.
            "35-list-item-without-id.zh.txt",
            &[
                "android.permission.CAMERA",
                "android.permission.RECORD_AUDIO",
            ],
            &[
                "  - name: 相机权限\n    permissions: [android.permission.CAMERA]\n    \
               description: 使用摄像头拍摄照片\n    purpose: 上传个人头像\n",
            ],
        ),
        (
            // Pipe tables under numbered platform headings (`2. iOS`), the first with a row
            // short of a cell: two tables, each of its heading's platform.
            "36-numbered-platform-tables.en.md",
            &[
                "android.permission.CAMERA",
                "android.permission.RECORD_AUDIO",
                "NSCameraUsageDescription",
                "NSMicrophoneUsageDescription",
            ],
            &["ios:\n  # 2. iOS\n"],
        ),
        (
            // A list of stock labels copied from a store page: `N.label` then its description,
            // from the first line (no heading, so no title: the file names the policy). An
            // item the lexicon does not know, numbered next (`4.`), is the next row, shown
            // unresolved, named by the words before its colon (`7.悬浮球：…`); a sub-list
            // under an item (`1.发送语音消息`, `2.语音搜索`) is not.
            "37-numbered-stock-labels.zh.txt",
            &[
                "android.permission.GET_ACCOUNTS",
                "android.permission.SEND_SMS",
                "android.permission.VIBRATE",
                // Android 4.4's label of it on a phone without an SD card.
                "android.permission.MOUNT_UNMOUNT_FILESYSTEMS",
                "android.permission.RECORD_AUDIO",
                "android.permission.WAKE_LOCK",
            ],
            &["name: testdata/policies/shapes/37-numbered-stock-labels.zh.txt\n"],
        ),
        (
            // A flattened table with a `序号` column: each number starts a row, so the cell
            // after it is the row's name even when the lexicon does not know it; a name tagged
            // with its platform and a cut qualifier (`(Android仅限部分渠道`) is a row, not a
            // section heading; `读取设备电话状态` is `读取电话状态` with the device named.
            "38-flattened-numbered-cells.zh.txt",
            &[
                "android.permission.RECORD_AUDIO",
                "android.permission.READ_PHONE_STATE",
                "android.permission.CAMERA",
            ],
            &[
                "  - name: 照相机权限\n    permissions: [CAMERA]\n    purpose: 开启后，我们会调用\
                 摄像头，用于拍摄头像。\n",
            ],
        ),
        (
            // Each row a label, then its identifier, then what for, with no header: the label
            // the lexicon knows (`获取手机通话记录`) names the identifier under it, not a row of
            // its own; an unknown one (`创建快捷方式`) is the next row's name, not the last
            // cell of the row above.
            "39-label-then-key.zh.txt",
            &[
                "android.permission.READ_PHONE_STATE",
                "android.permission.VIBRATE",
                "android.permission.INTERNET",
                "com.android.launcher.permission.INSTALL_SHORTCUT",
            ],
            &[
                "  - name: 获取手机通话记录\n    permissions: [READ_PHONE_STATE]\n",
                "  - name: 创建快捷方式\n    permissions: [INSTALL_SHORTCUT]\n    description: \
                 在桌面添加图标 快速打开常用功能\n",
            ],
        ),
        (
            // Bulleted `label：what for` items under a heading that is also a column word
            // (`权限说明`): items, not a flattened table's header. An item whose label the
            // lexicon does not know, first or later, is an unresolved row, not the heading's
            // text or the description of the item above.
            "40-bullet-items.zh.md",
            &[
                "android.permission.CAMERA",
                "android.permission.RECORD_AUDIO",
            ],
            &["  - name: 相机权限\n    permissions: [CAMERA]\n    purpose: 用于扫描二维码\n"],
        ),
        (
            // Names under `android.permission.` that Android does not define, a typo and one
            // cut off where the page's excerpt ends: unresolved, never disclosed as written.
            // Another prefix is an app's own permission, kept.
            "41-undefined-platform-names.en.md",
            &[
                "android.permission.CAMERA",
                "com.example.app.permission.C2D_MESSAGE",
            ],
            &[],
        ),
        (
            // Items written alike without bullets, here with bold names: the item between two
            // known ones is the next row (unresolved), not the description of the one above.
            "42-bold-items.zh.md",
            &[
                "android.permission.CAMERA",
                "android.permission.RECORD_AUDIO",
            ],
            &["  - name: 相机权限\n    permissions: [CAMERA]\n    purpose: 用于扫描二维码。\n"],
        ),
        (
            // No list at all, so sentences are read: a bracketed label (`【悬浮球权限】`) is a
            // row even when the lexicon does not know it.
            "43-bracketed-labels.zh.txt",
            &[
                "android.permission.CAMERA",
                "android.permission.RECORD_AUDIO",
            ],
            &[],
        ),
        (
            // The same in English, `Name permission: text` lines.
            "44-plain-items.en.txt",
            &[
                "android.permission.CAMERA",
                "android.permission.RECORD_AUDIO",
            ],
            &[],
        ),
        (
            // A flattened table whose first rows, and two rows in the middle, have labels the
            // lexicon does not know: each whole group of cells is a row, shown unresolved,
            // and the title is the line above the header, not a header cell.
            "45-flattened-unknown-first.en.txt",
            &[
                "android.permission.CAMERA",
                "android.permission.RECORD_AUDIO",
                // `Geographic location`, a name seen in published policies: Android's location.
                "android.permission.ACCESS_COARSE_LOCATION",
                "android.permission.ACCESS_FINE_LOCATION",
            ],
            &[
                "android:\n  # App permissions\n",
                "  - name: Camera\n    permissions: [CAMERA]\n    description: Scanning\n    \
                 purpose: Scans coupon codes at the till\n",
            ],
        ),
        (
            // `label：text` items run together on one line (a page whose list lost its
            // breaks): each known label that ends at a colon starts a row.
            "46-glued-items.zh.txt",
            &[
                "android.permission.CAMERA",
                "android.permission.ACCESS_NETWORK_STATE",
                "android.permission.WAKE_LOCK",
                "android.permission.READ_CONTACTS",
            ],
            &[
                "  - name: 查看网络连接\n    permissions: [ACCESS_NETWORK_STATE]\n    purpose: \
                 用于判断当前网络是否可用\n",
                "  - name: 读取您的通讯录\n    permissions: [READ_CONTACTS]\n    purpose: 用于添加好友\n",
            ],
        ),
        (
            // Prose that lists the permissions after the word and a colon, one per clause,
            // and a list said not to be requested.
            "47-listed-after-colon.en.txt",
            &[
                "android.permission.CAMERA",
                "android.permission.RECORD_AUDIO",
                "android.permission.POST_NOTIFICATIONS",
            ],
            &[
                "  - name: Microphone\n    permissions: [RECORD_AUDIO]\n    purpose: to dictate notes\n",
                "  - name: Notifications\n    permissions: [POST_NOTIFICATIONS]\n    purpose: so we \
                 can remind you of due bills\n",
            ],
        ),
        (
            // Sentences that end with `；`: a label never reaches back into the one before
            // (`语音；位置` reads as two labels).
            "48-semicolon-sentences.zh.txt",
            &[
                "android.permission.CAMERA",
                "android.permission.RECORD_AUDIO",
                "android.permission.ACCESS_COARSE_LOCATION",
                "android.permission.ACCESS_FINE_LOCATION",
            ],
            &["  - name: 位置\n    permissions: [ACCESS_COARSE_LOCATION, ACCESS_FINE_LOCATION]\n"],
        ),
        (
            // `- Label - text` items, some tagged with their platform, some with labels the
            // lexicon does not know: each item written as the one above is a row of its own
            // (unknown ones shown unresolved, none taken for the row above's description).
            "49-sibling-bullets.en.txt",
            &[
                "android.permission.CAMERA",
                "NSCameraUsageDescription",
                "android.permission.ACCESS_COARSE_LOCATION",
                "android.permission.ACCESS_FINE_LOCATION",
                "NSLocationWhenInUseUsageDescription",
                "NSMotionUsageDescription",
                "android.permission.READ_EXTERNAL_STORAGE",
                "android.permission.WRITE_EXTERNAL_STORAGE",
            ],
            &[
                "  - name: Camera\n    permissions: [CAMERA]\n    purpose: Scans the QR code on a \
               buoy sensor.\n  # line 6 (unresolved: \"Offline Sync\"",
            ],
        ),
        (
            // Label lines, each with a longer line of what it allows under it, as app markets
            // list them: a label the lexicon does not know between known ones is a row
            // (unresolved), and the section after the list is no part of its last row.
            "50-label-pairs.zh.txt",
            &[
                "android.permission.CAMERA",
                "android.permission.RECORD_AUDIO",
                "android.permission.READ_CONTACTS",
            ],
            &["    description: 允许应用读取您手机上存储的联系人数据，用于邀请好友。\n"],
        ),
        (
            // A flattened table whose last column is the platform (`Android/iOS`): each row
            // ends at its platform cell, so the line after is the next row's name even when
            // the lexicon does not know it, and a cell over two lines stays one cell.
            "51-flattened-platform-column.en.txt",
            &[
                "android.permission.CAMERA",
                "NSCameraUsageDescription",
                "android.permission.RECORD_AUDIO",
                "android.permission.GET_ACCOUNTS",
                "android.permission.READ_CONTACTS",
                "android.permission.WRITE_CONTACTS",
                "NSContactsUsageDescription",
            ],
            &[
                "    purpose: Records a voice note for the crew Sends the voice note with a lost-item \
               report\n",
            ],
        ),
        (
            // A table whose cells a page joined with spaces, under a header of Chinese column
            // names so joined: each line's first words are the row's name (a known label of
            // up to three words, `Face ID`, else the first word, shown unresolved when
            // unknown), one word per column is its column's, and a line of one word is a cell
            // that went on. A list in a label's bracket says what the label covers.
            "52-space-joined-table.zh.txt",
            &[
                "android.permission.CAMERA",
                "android.permission.READ_EXTERNAL_STORAGE",
                "android.permission.WRITE_EXTERNAL_STORAGE",
                "android.permission.RECORD_AUDIO",
            ],
            &[
                "  - name: 相机权限\n    permissions: [CAMERA]\n    description: 扫一扫\n    purpose: \
                 扫描商品条码\n",
                "  - name: 麦克风\n    permissions: [RECORD_AUDIO]\n    description: 语音搜索\n",
            ],
        ),
        (
            // Rows joined by spaces whose first column is the permission group, written on
            // each group's first row only (`LOCATION ACCESS_FINE_LOCATION …`).
            "53-group-column.en.txt",
            &[
                "android.permission.CAMERA",
                "android.permission.ACCESS_FINE_LOCATION",
                "android.permission.ACCESS_COARSE_LOCATION",
                "android.permission.READ_PHONE_STATE",
            ],
            &["  - name: PHONE\n    permissions: [READ_PHONE_STATE]\n"],
        ),
        (
            // A numbered list whose items write the label, a space and what it allows on one
            // line: each is a row (an unknown label shown unresolved), none the item above's.
            "54-numbered-label-space-text.zh.txt",
            &[
                "android.permission.CAMERA",
                "android.permission.RECORD_AUDIO",
                "android.permission.READ_CONTACTS",
            ],
            &[
                "  - name: 录音\n    permissions: [RECORD_AUDIO]\n    purpose: 允许该应用录制音频，用于语音客服。\n",
            ],
        ),
        (
            // iOS rows named only "photos": what the row says the app does picks the key
            // (reading: the read and write key; only saving: the add key); a half in brackets
            // narrows a vague label (`照片(Photos)`); a row that weighs or negates stays vague.
            "55-ios-photos-by-use.zh.md",
            &[
                "NSCameraUsageDescription",
                "NSPhotoLibraryUsageDescription",
                "NSPhotoLibraryAddUsageDescription",
            ],
            &[
                "  - name: 相册\n    permissions: [NSPhotoLibraryAddUsageDescription]\n    \
                 description: 保存图片到相册\n",
            ],
        ),
        (
            // iOS rows named only "location": iOS asks every app that uses location for the
            // when-in-use key, and the always key too when the row says background (not when
            // it says the app does not).
            "56-ios-location-keys.zh.md",
            &[
                "NSLocationWhenInUseUsageDescription",
                "NSLocationAlwaysAndWhenInUseUsageDescription",
            ],
            &[
                "  - name: 地理位置\n    permissions: [NSLocationWhenInUseUsageDescription, \
                 NSLocationAlwaysAndWhenInUseUsageDescription]\n",
                "  - name: Location\n    permissions: [NSLocationWhenInUseUsageDescription]\n",
            ],
        ),
        (
            // A store's list under its group headings, in capitals: each heading (`- STORAGE`,
            // a label itself) only groups the items under it, and `READ` is a word, not
            // Samsung's one-word permission of that name.
            "57-store-groups-capitals.en.txt",
            &[
                "android.permission.READ_SMS",
                "android.permission.ACCESS_FINE_LOCATION",
                "android.permission.WRITE_EXTERNAL_STORAGE",
                "android.permission.READ_PHONE_STATE",
            ],
            &[
                "  - name: READ YOUR TEXT MESSAGES (SMS OR MMS)\n    permissions: [READ_SMS]\n    \
                 description: Allows the app to read SMS messages stored on your device.\n  #",
                "  - name: MODIFY OR DELETE THE CONTENTS OF YOUR USB STORAGE\n    \
                 permissions: [WRITE_EXTERNAL_STORAGE]\n",
            ],
        ),
        (
            // Android 2.3's labels under a heading that says no "permission": Android's own
            // descriptions (`允许应用程序…`) show the rows, the first one included.
            "58-market-old-labels.zh.txt",
            &[
                "android.permission.ACCESS_FINE_LOCATION",
                "android.permission.FLASHLIGHT",
                "android.permission.WRITE_EXTERNAL_STORAGE",
                "android.permission.READ_USER_DICTIONARY",
            ],
            &["  - name: 精准的(GPS)位置\n    permissions: [ACCESS_FINE_LOCATION]\n"],
        ),
        (
            // A header joined by spaces whose name column is no stock name (`调取设备权限`);
            // a phone maker's label (`读取通话状态和移动网络信息`); a bracket saying what the
            // permission is for (`存储权限(相册权限)`) or narrowing a vague name (`电话(设备信息)`).
            "59-spaced-maker-labels.zh.txt",
            &[
                "android.permission.CAMERA",
                "android.permission.READ_PHONE_STATE",
                "android.permission.READ_EXTERNAL_STORAGE",
                "android.permission.WRITE_EXTERNAL_STORAGE",
            ],
            &[
                "  - name: 存储权限(相册权限)\n    permissions: [READ_EXTERNAL_STORAGE, \
                 WRITE_EXTERNAL_STORAGE]\n    description: 上传头像\n    purpose: 选择并上传头像图片\n",
                "  - name: 电话(设备信息)权限\n    permissions: [READ_PHONE_STATE]\n",
            ],
        ),
        (
            // A table whose cells the page joined with spaces, each row its label, then its
            // identifier, then the rest: the label is the row's name (`Write Storage`, which
            // no lexicon knows, as a label cell in capitals), never a sentence about the id.
            "61-spaced-label-then-ids.en.txt",
            &[
                "android.permission.WRITE_EXTERNAL_STORAGE",
                "android.permission.CAMERA",
                "android.permission.ACCESS_FINE_LOCATION",
                "android.permission.ACCESS_COARSE_LOCATION",
            ],
            &[
                "  - name: Write Storage\n    permissions: [WRITE_EXTERNAL_STORAGE]\n    \
                 purpose: Save files to the shared storage To keep exported tide charts\n",
            ],
        ),
        (
            // Prose only, naming identifiers inside a sentence about permissions: each is a
            // row; one the sentence says is not requested is noted, not imported.
            "62-prose-inline-ids.en.txt",
            &[
                "android.permission.CAMERA",
                "android.permission.RECORD_AUDIO",
            ],
            &["  - permissions: [RECORD_AUDIO]\n"],
        ),
        (
            // List items that say what is not requested are notes, not rows; a whole
            // `android.permission.` name Android never defined is kept as written (an app
            // requests it by that name), one cut short is not.
            "63-list-notes.en.md",
            &[
                "android.permission.CAMERA",
                "android.permission.READ_APP_BADGE",
            ],
            &["  - permissions: [android.permission.READ_APP_BADGE]\n"],
        ),
        (
            // Labels a line break cut in two, as a store listing copied from a page wraps
            // them: the two lines are one name.
            "64-wrapped-labels.en.txt",
            &[
                "android.permission.CALL_PHONE",
                "android.permission.READ_PHONE_STATE",
                "android.permission.WRITE_EXTERNAL_STORAGE",
            ],
            &["  - name: directly call phone numbers\n    permissions: [CALL_PHONE]\n"],
        ),
        (
            // A known name with a remark in brackets is that name; a remark that denies it
            // leaves the row out with a note.
            "65-label-remarks.en.md",
            &[
                "android.permission.CAMERA",
                "android.permission.RECORD_AUDIO",
            ],
            &["  - name: Camera (For the scanner library)\n    permissions: [CAMERA]\n"],
        ),
        (
            // A header of column names joined by spaces whose permission column is the
            // second, after the scene: each row's second word is its name.
            "66-spaced-scene-first.zh.txt",
            &[
                "android.permission.READ_EXTERNAL_STORAGE",
                "android.permission.WRITE_EXTERNAL_STORAGE",
                "android.permission.CAMERA",
                "android.permission.RECORD_AUDIO",
            ],
            &[
                "  - name: 相机权限\n    permissions: [CAMERA]\n    description: 账号登录\n    purpose: 扫码登录; 扫描电脑端登录二维码\n",
            ],
        ),
    ];
    for (file, want, yaml_has) in cases {
        let path = format!("testdata/policies/shapes/{file}");
        let (stderr, yaml) = import_disclosing(&path, want);
        if file.starts_with("65-") {
            assert!(
                stderr.contains(
                    "65-label-remarks.en.md:6:1: note: the row \"Contacts (not used)\" says the \
                     permission is not used; left out"
                ),
                "{stderr}"
            );
        }
        if file.starts_with("63-") {
            for (line, name) in [
                (13, "WRITE_EXTERNAL_STORAGE"),
                (13, "MANAGE_EXTERNAL_STORAGE"),
                (14, "ACCESS_BACKGROUND_LOCATION"),
            ] {
                assert!(
                    stderr.contains(&format!("63-list-notes.en.md:{line}:"))
                        && stderr.contains(&format!(
                            "`{name}` is named in a list item that says it is not requested"
                        )),
                    "{stderr}"
                );
            }
            assert!(
                stderr.contains("9:3: unresolved: `android.permission.ACCESS_` is not a permission")
                    && stderr.contains("`android.permission.READ_APP_BADGE` is not a permission any Android version defines; kept as written"),
                "{stderr}"
            );
        }
        if file.starts_with("62-") {
            assert!(
                stderr.contains(
                    "\"READ_CONTACTS\" is named in a sentence that says it is not requested"
                ),
                "{stderr}"
            );
        }
        if file.starts_with("50-") {
            assert!(yaml.ends_with("用于邀请好友。\n"), "{yaml}");
        }
        if file.starts_with("22-") {
            assert!(
                stderr.contains(
                    "22-flattened-header.zh.txt:10:5: unresolved: `android.permission.READ \
                     PHONE_STATE` is not a permission name (did you mean `READ_PHONE_STATE`?)"
                ) && !yaml.contains("permission.READ]")
                    && stderr.contains("columns); each row names its own"),
                "{stderr}\n{yaml}"
            );
        } else if let Some(line) = [
            ("42-", "42-bold-items.zh.md:5:1: unresolved: \"悬浮球权限\""),
            (
                "43-",
                "43-bracketed-labels.zh.txt:3:2: unresolved: \"悬浮球\"",
            ),
            (
                "44-",
                "44-plain-items.en.txt:4:1: unresolved: \"Floating ball permission\"",
            ),
            (
                "50-",
                "50-label-pairs.zh.txt:16:1: unresolved: \"读取存储卡中的照片\"",
            ),
            (
                "52-",
                "52-space-joined-table.zh.txt:5:1: unresolved: \"云打印\"",
            ),
            (
                "54-",
                "54-numbered-label-space-text.zh.txt:9:1: unresolved: \"云端同步\"",
            ),
            (
                "55-",
                "55-ios-photos-by-use.zh.md:9:3: unresolved: \"Photos\"",
            ),
        ]
        .iter()
        .find_map(|(prefix, line)| file.starts_with(prefix).then_some(*line))
        {
            assert!(
                stderr.contains(line) && stderr.matches("unresolved:").count() == 1,
                "wanted {line:?} in\n{stderr}\n{yaml}"
            );
        } else if file.starts_with("47-") {
            for label in ["Contacts", "SMS"] {
                let want = format!(
                    "note: \"{label}\" is named in a sentence that says it is not requested"
                );
                assert!(stderr.contains(&want), "wanted {want:?} in\n{stderr}");
            }
        } else if file.starts_with("49-") {
            for (line, label) in [
                (
                    6,
                    "\"Offline Sync\" has no identifier and is not a name of any Android",
                ),
                (
                    6,
                    "\"Offline Sync\" has no identifier and is not a name of any iOS",
                ),
                (10, "\"Battery Saver Exemption (Android only)\""),
            ] {
                let want = format!("49-sibling-bullets.en.txt:{line}:1: unresolved: {label}");
                assert!(stderr.contains(&want), "wanted {want:?} in\n{stderr}");
            }
            assert_eq!(stderr.matches("unresolved:").count(), 3, "{stderr}");
            let want = "49-sibling-bullets.en.txt:7:1: review: \"GPS Location\" is read as \
                        NSLocationWhenInUseUsageDescription (";
            assert!(stderr.contains(want), "wanted {want:?} in\n{stderr}");
        } else if file.starts_with("51-") {
            for (line, label) in [
                (
                    19,
                    "\"Offline tickets\" has no identifier and is not a name of any Android",
                ),
                (
                    19,
                    "\"Offline tickets\" has no identifier and is not a name of any iOS",
                ),
                (
                    37,
                    "\"Ferry proximity alerts\" has no identifier and is not a name of any iOS",
                ),
            ] {
                let want =
                    format!("51-flattened-platform-column.en.txt:{line}:1: unresolved: {label}");
                assert!(stderr.contains(&want), "wanted {want:?} in\n{stderr}");
            }
            assert_eq!(stderr.matches("unresolved:").count(), 3, "{stderr}");
        } else if file.starts_with("45-") {
            for (line, label) in [
                (6, "Network access"),
                (18, "Floating window"),
                (22, "Motion sensor"),
            ] {
                let want =
                    format!("45-flattened-unknown-first.en.txt:{line}:1: unresolved: \"{label}\"");
                assert!(stderr.contains(&want), "wanted {want:?} in\n{stderr}");
            }
            assert_eq!(stderr.matches("unresolved:").count(), 3, "{stderr}");
        } else if file.starts_with("41-") {
            for line in [
                "41-undefined-platform-names.en.md:6:3: unresolved: \
                 `android.permission.WRITE_INTERNAL_STORAGE` is not a permission Android defines \
                 (did you mean `WRITE_EXTERNAL_STORAGE`?)",
                "41-undefined-platform-names.en.md:8:3: unresolved: `android.permission.ACCESS_` \
                 is not a permission Android defines",
            ] {
                assert!(
                    stderr.contains(line),
                    "wanted {line:?} in\n{stderr}\n{yaml}"
                );
            }
        } else if file.starts_with("40-") {
            for line in [
                "40-bullet-items.zh.md:3:1: unresolved: \"读取/写入/删除SD卡中的内容权限\"",
                "40-bullet-items.zh.md:5:1: unresolved: \"悬浮球权限\"",
            ] {
                assert!(
                    stderr.contains(line),
                    "wanted {line:?} in\n{stderr}\n{yaml}"
                );
            }
        } else if file.starts_with("37-") {
            assert!(
                stderr.contains(
                    "37-numbered-stock-labels.zh.txt:7:1: review: \"装载和卸载文件系统\" matched by \
                     name"
                ) && stderr.contains("37-numbered-stock-labels.zh.txt:15:1: unresolved: \"悬浮球\" has no")
                    && stderr.matches("unresolved:").count() == 1
                    && !yaml.contains("name: 语音搜索"),
                "{stderr}\n{yaml}"
            );
        } else if file.starts_with("38-") {
            assert!(
                stderr.contains(
                    "38-flattened-numbered-cells.zh.txt:12:1: unresolved: \"获取设备存储的账户\
                     (Android仅限部分渠道\" has no identifier"
                ) && stderr.matches("unresolved:").count() == 1,
                "{stderr}\n{yaml}"
            );
        } else if file.starts_with("31-") {
            for line in [
                "31-numbered-tagged.zh.txt:6:1: unresolved: \"使用图片库权限(IOS)\" has no \
                 identifier and is not a name of any iOS permission",
                "31-numbered-tagged.zh.txt:12:1: unresolved: \"使用人脸核验权限\" has no \
                 identifier and is not a name of any Android permission",
                "31-numbered-tagged.zh.txt:12:1: unresolved: \"使用人脸核验权限\" has no \
                 identifier and is not a name of any iOS permission",
                "columns); some rows name theirs, so the rows that name none are read as both \
                 Android's and iOS's",
            ] {
                assert!(
                    stderr.contains(line),
                    "wanted {line:?} in\n{stderr}\n{yaml}"
                );
            }
            assert!(!yaml.contains("description: 使用"), "{yaml}");
        } else if file.starts_with("32-") {
            for line in [
                "32-sentences-beside-table.zh.md:10:18: note: a permission named by its \
                 identifier in a sentence outside the tables and lists is read as disclosed",
                "32-sentences-beside-table.zh.md:11:17: note: \"READ_SMS\" is named in a \
                 sentence that says it is not requested; left out",
                "32-sentences-beside-table.zh.md:12:16: note: `ACCESS_NETWORK_STATE` is named \
                 outside the tables and lists, but not as a permission the app requests",
            ] {
                assert!(stderr.contains(line), "wanted {line:?} in\n{stderr}");
            }
        } else if file.starts_with("33-") {
            for line in [
                "33-flattened-unknown-row.zh.txt:14:1: unresolved: \"人脸核验\" has no identifier",
                "33-flattened-unknown-row.zh.txt:29:1: unresolved: \"来单弹窗提醒\" has no \
                 identifier",
            ] {
                assert!(stderr.contains(line), "wanted {line:?} in\n{stderr}");
            }
        } else if file.starts_with("26-") {
            let line = "26-glued-cells.en.txt:5:1: unresolved: \"Gallery\" has no identifier";
            assert!(stderr.contains(line), "wanted {line:?} in\n{stderr}");
        } else if file.starts_with("35-") {
            let line =
                "35-list-item-without-id.zh.txt:17:5: unresolved: \"读取/写入/删除SD卡中的内容";
            assert!(stderr.contains(line), "wanted {line:?} in\n{stderr}");
        } else if file.starts_with("34-") {
            let line = "34-hard-wrapped-items.en.txt:8:1: unresolved: \"Show over other apps\"";
            assert!(stderr.contains(line), "wanted {line:?} in\n{stderr}");
        } else if file.starts_with("63-") {
            // The name cut short, checked with the rest of the fixture above.
            assert_eq!(stderr.matches("unresolved:").count(), 1, "{stderr}");
        } else if file.starts_with("30-") {
            assert!(
                stderr.contains(
                    "30-numbered-unknown.zh.txt:7:1: unresolved: \"照片\" has no identifier"
                ) && !yaml.contains("上传头像"),
                "{stderr}\n{yaml}"
            );
        } else {
            assert!(!stderr.contains("unresolved:"), "{file}: {stderr}");
        }
        if file.starts_with("23-") {
            assert!(
                stderr.contains("the document speaks of iOS only, so it is read as iOS"),
                "{stderr}"
            );
        }
        for part in *yaml_has {
            assert!(yaml.contains(part), "{file}: wanted {part:?} in\n{yaml}");
        }
    }
}

fn check_shape(file: &str, path: &str, want: &[&str], messages: &[&str]) {
    {
        let (stderr, yaml) = import_disclosing(path, want);
        if file.starts_with("12-") {
            // The heading after the list is the next section, not the last row's description.
            assert!(!yaml.contains("Contact"), "{yaml}");
            assert!(
                yaml.contains("    purpose: to remind you of due tasks.\n"),
                "{yaml}"
            );
        }
        if file.starts_with("13-") {
            assert!(
                yaml.contains(
                    "  - name: 相册\n    permissions: [NSPhotoLibraryAddUsageDescription]\n    \
                 description: 用于保存图片。\n"
                ),
                "{yaml}"
            );
            assert!(
                !stderr.contains("unresolved:") && !yaml.contains("如有疑问"),
                "{stderr}\n{yaml}"
            );
        }
        if file.starts_with("14-") {
            assert_eq!(yaml.matches("INTERNET").count(), 1, "{yaml}");
            assert!(!yaml.contains("# xml"), "{yaml}");
        }
        if file.starts_with("11-") {
            // The SDK names the row; nothing is unresolved.
            assert!(yaml.contains("  - name: 消息推送SDK\n"), "{yaml}");
            assert!(!stderr.contains("unresolved:"), "{stderr}");
        }
        for m in messages {
            assert!(stderr.contains(m), "{file}: wanted {m:?} in\n{stderr}");
        }
    }
}

/// Imports `doc` with `--allow-unresolved`, checks that it succeeds and discloses exactly
/// `want` (read back through `check --policy`), and returns its stderr and YAML.
fn import_disclosing(doc: &str, want: &[&str]) -> (String, String) {
    let (code, stderr, yaml) = import(doc, &["--allow-unresolved"]);
    assert_eq!(code, 0, "{doc}: {stderr}");
    assert_eq!(
        disclosed_via_check(&yaml),
        set(want),
        "{doc}: {stderr}\n{yaml}"
    );
    (stderr, yaml)
}

/// Pinyin readings printed after characters (`相機(jī)`) and HTML ruby are skipped, as a
/// reader skips them; what is written out and every location are the document's own.
#[test]
fn readings_printed_beside_characters() {
    let doc = "testdata/policies/zh-hant/pinyin-readings.zh-Hant.txt";
    let (stderr, yaml) = import_disclosing(
        doc,
        &[
            "android.permission.CAMERA",
            "android.permission.RECORD_AUDIO",
            "android.permission.READ_CONTACTS",
        ],
    );
    for wanted in [
        "name: 應用權限說明\n",
        "  - name: 相機權限\n    permissions: [CAMERA]\n    description: 掃描二維碼時,需要開啟相機權限\n",
        "  - name: 讀取您的通訊錄\n",
    ] {
        assert!(yaml.contains(wanted), "wanted {wanted:?} in\n{yaml}");
    }
    assert!(
        stderr.contains(":8:1: unresolved: \"顯示懸浮球權限\" has no identifier"),
        "{stderr}"
    );
    // The caret spans the label as the document writes it, readings and all.
    permaudit()
        .args(["check", "--allow-unresolved", "--policy-doc", doc])
        .arg("testdata/android/empty-app.xml")
        .assert()
        .stdout(predicate::str::contains(
            "4 | (2)錄音權(quán)限\n  |    ^^^^^^^^^^^^^^ disclosed by row \"錄音權限\"",
        ));

    let (_, yaml) = import_disclosing(
        "testdata/policies/zh-hant/ruby.zh-Hant.html",
        &[
            "android.permission.CAMERA",
            "android.permission.RECORD_AUDIO",
        ],
    );
    for wanted in ["  - name: 相機\n", "  - name: 麥克風\n"] {
        assert!(yaml.contains(wanted), "wanted {wanted:?} in\n{yaml}");
    }
}

/// Policies written in traditional Chinese (Taiwan, Hong Kong) are read as the simplified ones
/// are, and what is written out keeps the document's own characters.
#[test]
fn traditional_chinese_policies() {
    let (stderr, yaml) = import_disclosing(
        "testdata/policies/zh-hant/taiwan-table.zh-Hant.md",
        &[
            "android.permission.CAMERA",
            "android.permission.RECORD_AUDIO",
            "android.permission.ACCESS_FINE_LOCATION",
            // 位置資訊 folds to 位置信息: location, which Android grants fine or coarse.
            "android.permission.ACCESS_COARSE_LOCATION",
            "android.permission.READ_CONTACTS",
            // 行事曆 folds to 日历, Android's own label of the calendar group.
            "android.permission.READ_CALENDAR",
            "android.permission.WRITE_CALENDAR",
            "NSCameraUsageDescription",
            "NSMicrophoneUsageDescription",
            "NSMotionUsageDescription",
            "NSSpeechRecognitionUsageDescription",
        ],
    );
    for wanted in [
        "name: 應用程式權限說明",
        "  # Android 系統權限\n",
        "  - name: 相機\n    permissions: [CAMERA]\n    description: 使用相機拍攝照片與影片\n    \
         purpose: 掃描 QR Code、拍攝大頭貼\n",
        "  - name: 動作與健身\n",
        "left out, \"藍牙\"",
        "  - name: 位置資訊\n",
    ] {
        assert!(yaml.contains(wanted), "wanted {wanted:?} in\n{yaml}");
    }
    for wanted in [
        "taiwan-table.zh-Hant.md:11:3: review: \"存取精確位置\" matched by name, not by an \
         identifier, to android.permission.ACCESS_FINE_LOCATION",
        "taiwan-table.zh-Hant.md:13:3: review: \"行事曆\" names a group of permissions, matched \
         by name to android.permission.READ_CALENDAR, android.permission.WRITE_CALENDAR",
        "taiwan-table.zh-Hant.md:15:3: review: \"位置資訊\" names a group of permissions",
        "taiwan-table.zh-Hant.md:24:3: review: \"語音辨識\" matched by name",
    ] {
        assert!(stderr.contains(wanted), "wanted {wanted:?} in\n{stderr}");
    }
    assert!(
        !yaml.contains("相机") && !stderr.contains("相机"),
        "{yaml}\n{stderr}"
    );

    let (stderr, yaml) = import_disclosing(
        "testdata/policies/zh-hant/hongkong-key-value.zh-Hant.txt",
        &[
            "android.permission.CAMERA",
            "android.permission.READ_EXTERNAL_STORAGE",
            "android.permission.READ_PHONE_STATE",
            // Named twice (heading and `權限名稱：`): the name that is known is read.
            "android.permission.POST_NOTIFICATIONS",
        ],
    );
    assert!(
        yaml.contains("    description: 讀取裝置上的相片及檔案\n"),
        "{yaml}"
    );
    assert!(
        stderr.contains(
            "hongkong-key-value.zh-Hant.txt:21:1: review: \"通知許可權 推播通知\" matched by name, \
             not by an identifier, to android.permission.POST_NOTIFICATIONS"
        ),
        "{stderr}"
    );

    // An HTML page: a table and a list, Taiwan's words (存取 access, 概略 approximate).
    let (stderr, yaml) = import_disclosing(
        "testdata/policies/zh-hant/taiwan-page.zh-Hant.html",
        &[
            "android.permission.CAMERA",
            "android.permission.ACCESS_FINE_LOCATION",
            "android.permission.ACCESS_COARSE_LOCATION",
            "android.permission.READ_CALL_LOG",
            "android.permission.RECORD_AUDIO",
            "android.permission.VIBRATE",
            "NSCameraUsageDescription",
            "NSPhotoLibraryUsageDescription",
            // 藍牙: the key that replaced NSBluetoothPeripheralUsageDescription, which
            // successor matching covers.
            "NSBluetoothAlwaysUsageDescription",
        ],
    );
    assert!(yaml.contains("name: 隱私權政策 - 權限說明\n"), "{yaml}");
    assert!(yaml.contains("  - name: 存取概略位置\n"), "{yaml}");
    // `照片圖庫（NSPhotoLibraryUsageDescription）：上傳大頭貼`: name, then purpose.
    assert!(
        yaml.contains("  - name: 照片圖庫\n    permissions: [NSPhotoLibraryUsageDescription]\n    purpose: 上傳大頭貼\n"),
        "{yaml}"
    );
    assert!(
        stderr.contains("taiwan-page.zh-Hant.html:11:9: unresolved: \"傳送通知\" has no identifier and is too vague"),
        "{stderr}"
    );
}

/// Formats by content, not by extension: a Word document's table keeps its cells, a PDF's
/// text layer is read; encrypted, scanned and broken documents and zip bombs are exit 2
/// saying so.
#[test]
fn word_and_pdf_documents() {
    let (code, stderr, yaml) = import("testdata/policies/formats/weather.zh.docx", &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(yaml.contains("description: 获取大致位置"), "{yaml}");
    assert_eq!(
        disclosed_via_check(&yaml),
        set(&[
            "android.permission.ACCESS_COARSE_LOCATION",
            "android.permission.POST_NOTIFICATIONS"
        ])
    );
    let (code, stderr, yaml) = import("testdata/policies/formats/receipts.en.pdf", &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        disclosed_via_check(&yaml),
        set(&[
            "android.permission.CAMERA",
            "android.permission.RECORD_AUDIO"
        ])
    );
    // The same bytes under another name are read the same way.
    let dir = tempfile::tempdir().unwrap();
    let renamed = dir.path().join("policy.txt");
    std::fs::copy("testdata/policies/formats/weather.zh.docx", &renamed).unwrap();
    let (code, stderr, _) = import(renamed.to_str().unwrap(), &[]);
    assert_eq!(code, 0, "{stderr}");

    for (file, says) in [
        ("encrypted.pdf", "as PDF: it is encrypted"),
        (
            "scanned.pdf",
            "has a text layer (a scanned or image-only document)",
        ),
        ("malformed.pdf", "cannot read the policy document as PDF"),
        (
            "bomb.docx",
            "as Word (.docx): word/document.xml inflates to",
        ),
    ] {
        let path = format!("testdata/policies/formats/{file}");
        let (code, stderr, yaml) = import(&path, &[]);
        assert_eq!(code, 2, "{file}: {stderr}");
        assert!(yaml.is_empty());
        assert!(stderr.contains(says), "{file}: {stderr}");
        assert!(stderr.contains(&path), "{file}: {stderr}");
    }
}

/// A document that forms no row says what it holds and why no row was formed.
#[test]
fn no_row_says_what_was_seen() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("prose.md");
    std::fs::write(
        &doc,
        "# Policy\n\nWe may use CAMERA and RECORD_AUDIO when you scan a code or record a note.\n\n相机\n",
    )
    .unwrap();
    let (code, stderr, _) = import(doc.to_str().unwrap(), &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("2 permission name(s) or key(s) (line 3), each inside a sentence"),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 permission label(s) (line 5), with no line about permissions"),
        "{stderr}"
    );
}
