//! `--lang zh|en`: every human format in Simplified Chinese, snapshotted; machine formats
//! byte-identical in both languages; the language chosen by flag, config key or locale.

#![allow(clippy::unwrap_used)]

mod common;

use common::permaudit;

fn run(args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    let mut cmd = permaudit();
    cmd.env("PERMAUDIT_TODAY", "2025-01-01");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let output = cmd.args(args).output().expect("run permaudit");
    (
        output.status.code().expect("exit code"),
        String::from_utf8(output.stdout).expect("utf-8"),
    )
}

/// Every report format in Chinese over the sample app (and the config app, which has an
/// acknowledgement), as a snapshot each.
#[test]
fn every_human_format_in_chinese() {
    for format in ["human", "concise", "markdown", "junit", "gitlab", "html"] {
        for (name, app) in [
            ("m5_app", "testdata/m5-app"),
            ("config_app", "testdata/config/app/android"),
        ] {
            let (_, text) = run(
                &[
                    "check", app, "--format", format, "--color", "never", "--lang", "zh",
                ],
                &[],
            );
            let (_, en) = run(&["check", app, "--format", format, "--color", "never"], &[]);
            assert_ne!(text, en, "{format} is not translated");
            insta::assert_snapshot!(format!("{name}_{format}_zh"), text);
        }
    }
}

/// English snapshots of the formats the other test files do not snapshot in English.
#[test]
fn config_app_in_english() {
    for format in ["human", "concise", "junit", "gitlab", "html"] {
        let (_, text) = run(
            &[
                "check",
                "testdata/config/app/android",
                "--format",
                format,
                "--color",
                "never",
            ],
            &[],
        );
        insta::assert_snapshot!(format!("config_app_{format}_en"), text);
    }
}

/// JSON, SARIF and GitHub annotations are contracts for tools: the same bytes in every
/// language.
#[test]
fn machine_formats_do_not_change_with_the_language() {
    for format in ["json", "sarif", "github"] {
        let (_, en) = run(&["check", "testdata/m5-app", "--format", format], &[]);
        let (_, zh) = run(
            &[
                "check",
                "testdata/m5-app",
                "--format",
                format,
                "--lang",
                "zh",
            ],
            &[],
        );
        assert_eq!(en, zh, "{format}");
    }
}

/// The Chinese human report: headers, help, the per-platform line and the counts are
/// Chinese, rule ids stay, and the catalog's Chinese permission names appear.
#[test]
fn chinese_human_report_reads_chinese() {
    let (code, text) = run(
        &[
            "check",
            "testdata/m5-app",
            "--lang",
            "zh",
            "--color",
            "never",
        ],
        &[],
    );
    assert_eq!(code, 1);
    assert!(
        text.contains(
            "错误[undeclared]: 已申请 android.permission.ACCESS_NETWORK_STATE（获取网络状态）"
        ),
        "{text}"
    );
    assert!(
        text.contains("= 帮助: 把它加入说明其用途的政策行，或停止申请它"),
        "{text}"
    );
    assert!(text.contains("7 个错误，11 个警告，0 个提示"), "{text}");
    assert!(
        text.contains("Android：23 项申请中已披露 18 项，未披露 5 项"),
        "{text}"
    );
    // The detail an advisory carries (here the API level) is rendered in Chinese too.
    assert!(
        text.contains("android.permission.BLUETOOTH_ADMIN（蓝牙管理） 自 API 31 起已弃用"),
        "{text}"
    );
    assert!(!text.contains("详情"), "{text}");
    for line in text.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 100, "{line}");
    }
}

/// `--lang` beats the config's `lang`, which beats LC_ALL, which beats LANG.
#[test]
fn language_from_flag_config_and_locale() {
    let zh_marker = "个错误";
    let count = |args: &[&str], env: &[(&str, &str)]| run(args, env).1.contains(zh_marker);
    let app = "testdata/m5-app";
    assert!(!count(&["check", app], &[]));
    assert!(count(&["check", app], &[("LANG", "zh_CN.UTF-8")]));
    assert!(!count(
        &["check", app],
        &[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "C")]
    ));
    assert!(count(
        &["check", app],
        &[("LANG", "C"), ("LC_ALL", "zh_CN.UTF-8")]
    ));
    assert!(!count(
        &["check", app, "--lang", "en"],
        &[("LC_ALL", "zh_CN.UTF-8")]
    ));

    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        common::root().join("testdata/m5-app/ios/M5/Info.plist"),
        dir.path().join("Info.plist"),
    )
    .unwrap();
    std::fs::write(dir.path().join(".permaudit.yaml"), "lang: zh\n").unwrap();
    let path = dir.path().to_str().unwrap();
    assert!(count(&["check", path], &[]));
    assert!(!count(&["check", path, "--lang", "en"], &[]));
    std::fs::write(dir.path().join(".permaudit.yaml"), "lang: fr\n").unwrap();
    let output = permaudit().args(["check", path]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("expected en or zh"));
}

/// `permaudit rules` in Chinese (text, Markdown, JSON): translated summaries and
/// explanations, unchanged ids and keys.
#[test]
fn rules_in_chinese() {
    let (_, text) = run(&["rules", "--lang", "zh"], &[]);
    insta::assert_snapshot!("rules_text_zh", text);
    let (_, markdown) = run(&["rules", "--format", "markdown", "--lang", "zh"], &[]);
    insta::assert_snapshot!("rules_markdown_zh", markdown);
    let (_, json) = run(&["rules", "--format", "json", "--lang", "zh"], &[]);
    let zh: serde_json::Value = serde_json::from_str(&json).unwrap();
    let (_, json) = run(&["rules", "--format", "json"], &[]);
    let en: serde_json::Value = serde_json::from_str(&json).unwrap();
    for (z, e) in zh.as_array().unwrap().iter().zip(en.as_array().unwrap()) {
        assert_eq!(z["id"], e["id"]);
        assert_eq!(z["severity"], e["severity"]);
        assert_ne!(z["summary"], e["summary"]);
        assert_eq!(
            z.as_object().unwrap().keys().collect::<Vec<_>>(),
            e.as_object().unwrap().keys().collect::<Vec<_>>()
        );
    }
}

/// A run of four or more English words, outside quotes (a row's own name) and code spans:
/// identifiers, paths and flags are not words.
fn english_sentence(text: &str) -> Option<String> {
    let mut plain = String::new();
    let mut closing: Option<char> = None;
    for c in text.chars() {
        match closing {
            Some(close) if c == close => closing = None,
            Some(_) => {}
            None => match c {
                '`' => closing = Some('`'),
                '"' => closing = Some('"'),
                '“' => closing = Some('”'),
                '「' => closing = Some('」'),
                c if c.is_ascii_alphabetic() || c == '\'' => plain.push(c),
                c if c.is_ascii() && " ,;:-".contains(c) => plain.push(' '),
                // Anything else (CJK, digits, `.`, `/`, `_`, `<`, full-width punctuation)
                // ends a run of words.
                _ => plain.push('|'),
            },
        }
    }
    plain.split('|').find_map(|run| {
        let words: Vec<&str> = run.split_whitespace().collect();
        // Words glued to `.`, `/` or `_` were cut at them; what is left of an identifier is
        // one token, not a sentence.
        (words.len() >= 4).then(|| words.join(" "))
    })
}

/// Every rule's fixture (the trycmd cases in `tests/cases/rules/`) in Chinese: no finding's
/// message, fix or note is an English sentence.
#[test]
fn every_rule_speaks_chinese() {
    assert_eq!(
        english_sentence("已申请 android.permission.CAMERA（相机）"),
        None
    );
    assert_eq!(
        english_sentence("“Get phone call records”一行披露了 `npx expo config --json`"),
        None
    );
    assert!(english_sentence("详情：X is not a permission any Android version defines").is_some());
    let mut cases: Vec<_> = std::fs::read_dir("tests/cases/rules")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 16, "{cases:?}");
    for case in cases {
        let rule = case.file_stem().unwrap().to_str().unwrap().to_owned();
        let toml = std::fs::read_to_string(&case).unwrap();
        let args_line = toml.lines().find(|l| l.starts_with("args = ")).unwrap();
        let mut args: Vec<String> = args_line["args = [".len()..args_line.len() - 1]
            .split(", ")
            .map(|a| a.trim_matches('"').to_owned())
            .collect();
        args.extend(["--lang", "zh", "--format", "concise"].map(str::to_owned));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (_, text) = run(&args, &[]);
        let marker = format!("[{rule}] ");
        let messages: Vec<&str> = text
            .lines()
            .filter_map(|l| l.split_once(&marker).map(|(_, m)| m))
            .collect();
        assert!(!messages.is_empty(), "{rule}: no finding\n{text}");
        let english: Vec<String> = messages
            .iter()
            .filter_map(|m| english_sentence(m))
            .collect();
        assert!(
            english.is_empty(),
            "{rule}: English in\n{text}\n{english:?}"
        );
    }
}

use common::tree;

/// The notes the input readers write (an unread permission source, a stale generated file, a
/// Gradle value that needs the build), each in Chinese with no English sentence left: the
/// fixtures plus small trees for the app kinds they lack.
#[test]
fn reader_notes_speak_chinese() {
    let made = tree(&[
        ("ns/nativescript.config.ts", "export default {};\n"),
        ("harmony/entry/src/main/module.json5", "{ module: {} }\n"),
        ("mini/project.config.json", "{}\n"),
        ("cap/capacitor.config.json", "{}\n"),
        (
            "cap/ios/App/App/Info.plist",
            "<?xml version=\"1.0\"?>\n<plist version=\"1.0\"><dict/></plist>\n",
        ),
        ("expo/app.json", "{ \"expo\": { \"name\": \"x\" } }\n"),
        (
            "expo/app.config.ts",
            "export default ({ config }) => config;\n",
        ),
        (
            "expo/package.json",
            "{ \"dependencies\": { \"expo\": \"~53.0.0\" } }\n",
        ),
        ("gradle/settings.gradle", "include ':app'\n"),
        (
            "gradle/app/build.gradle",
            "apply plugin: 'com.android.application'\n\
             android { defaultConfig { applicationId 'a.b' } }\n\
             dependencies { implementation project(':absent') }\n",
        ),
        (
            "gradle/app/src/main/AndroidManifest.xml",
            "<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\">\n\
             <uses-permission android:name=\"android.permission.INTERNET\"/>\n</manifest>\n",
        ),
    ]);
    let made = made.path().to_str().unwrap();
    let mut text = String::new();
    for path in [
        "testdata/generated/expo-stale-prebuild",
        "testdata/generated/expo-js-config",
        "testdata/generated/expo-app",
        "testdata/generated/cordova-app",
        "testdata/generated/cordova-ios-platform",
        "testdata/generated/uniapp-modules",
        "testdata/generated/uniapp-nativeplugins",
        "testdata/generated/guards",
        "testdata/gradle/computed",
        made,
    ] {
        let (_, out) = run(
            &[
                "check",
                "--isolated",
                "--select",
                "generated-mismatch,unread-source,unresolved-build-value",
                "--lang",
                "zh",
                "--format",
                "concise",
                path,
            ],
            &[],
        );
        text.push_str(&out);
    }
    let messages: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split_once("] ").map(|(_, m)| m))
        .collect();
    for m in &messages {
        assert_eq!(english_sentence(m), None, "{m}");
    }
    // One phrase of each message the runs above write.
    for phrase in [
        "说明其 prebuild 输出已过时",
        "说明其平台文件已过时",
        "，来自 expo.android.permissions，",
        "，来自 expo-location 配置插件的默认设置，",
        "，来自 config.xml 中的 <edit-config>，",
        "是 Expo 为生成应用配置而运行的代码",
        "（其旁边没有 app.json）",
        "作为其基础读取，但这段代码可以修改或替换它",
        "本地配置插件 ./plugins/withCustom.js 是可在 prebuild 时添加权限的代码",
        "此处引用了 Cordova 插件 cordova-plugin-absent",
        "模块会让 DCloud 云打包加入其 SDK 的权限",
        "中指定 Android 服务商",
        "OAuth 模块的服务商 apple",
        "permaudit 不知道 DCloud 云打包会为它们加入哪些 Info.plist 键",
        "下带有 1 个 AAR 文件",
        "是 Capacitor 应用，但缺少存放其权限的 android/ 和 ios/ 目录",
        "是 Capacitor 应用，但缺少存放其权限的 android/ 目录",
        "是 NativeScript 应用",
        "表明这是 Unity 项目",
        "是 HarmonyOS（ArkTS）模块",
        "是小程序项目",
        "的 applicationId 是计算得出的或未设置",
        "清单占位符 `channel` 是计算得出的",
        "未能解析：已读取的构建脚本都没有把它设为字面量",
        "的值是计算得出的，因此按原样审计该名称",
        "是计算得出的，因此它包含的模块不会合并进任何变体",
        ":app 依赖 :absent，但它不是本项目包含的模块",
    ] {
        assert!(text.contains(phrase), "no {phrase:?} in\n{text}");
    }
}

/// The Chinese templates of the readers' notes, of the origins and of `explain`, including
/// those no fixture reaches (a merger report of another build, a computed Gradle construct),
/// hold no English sentence.
#[test]
fn reader_origin_and_explain_templates_are_chinese() {
    use permaudit::i18n::Lang;
    let prefixes = [
        "msg.generated-mismatch",
        "msg.unread-source.",
        "msg.unresolved-build-value.",
        "origin.",
        "explain.",
    ];
    let ids: Vec<&str> = Lang::Zh
        .ids()
        .filter(|id| prefixes.iter().any(|p| id.starts_with(p)))
        .collect();
    assert!(ids.len() >= 90, "{ids:?}");
    for id in ids {
        let zh = Lang::Zh.text(id);
        assert_eq!(english_sentence(zh), None, "{id}: {zh}");
    }
}

/// `explain --lang zh`: labels, protection levels, the disclosing row, the advisory and where
/// the app requests it are Chinese; the catalog's own English notes and the policy's name are
/// data and stay as written.
#[test]
fn explain_in_chinese() {
    let data = ["备注：", "保护对象：", "隐私政策：", "依据："];
    for args in [
        &["explain", "日历"][..],
        &["explain", "READ_PHONE_STATE"],
        &[
            "explain",
            "MODIFY_AUDIO_SETTINGS",
            "testdata/generated/uniapp-modules",
        ],
        &["explain", "NSCameraUsageDescription", "testdata/xcode-app"],
    ] {
        let (code, en) = run(args, &[]);
        assert_eq!(code, 0);
        let zh_args: Vec<&str> = args.iter().copied().chain(["--lang", "zh"]).collect();
        let (code, text) = run(&zh_args, &[]);
        assert_eq!(code, 0);
        assert_ne!(text, en);
        assert!(text.contains("  平台："), "{text}");
        assert!(text.contains("  披露于："), "{text}");
        for line in text.lines() {
            if data.iter().any(|d| line.trim_start().starts_with(d)) {
                continue;
            }
            assert_eq!(english_sentence(line), None, "{line}\n{text}");
        }
        // Values line up however wide the labels' script is.
        let columns: Vec<usize> = text
            .lines()
            .filter(|l| l.starts_with("  ") && l.contains('：') && !l.starts_with("    "))
            .map(|l| {
                let label = &l[..l.find('：').unwrap() + '：'.len_utf8()];
                let rest = &l[label.len()..];
                unicode_width::UnicodeWidthStr::width(label) + rest.len() - rest.trim_start().len()
            })
            .collect();
        assert!(columns.iter().all(|c| *c == columns[0]), "{text}");
    }
    let (_, text) = run(&["explain", "日历", "--lang", "zh"], &[]);
    assert!(text.starts_with("日历 可能指以下 5 项权限或键："), "{text}");
    assert!(
        text.contains("中文名称：      读取日历、读取日程"),
        "{text}"
    );
    assert!(
        text.contains("deprecated-permission（警告）：NSCalendarsUsageDescription（日历） 自 iOS 17.0 起已弃用"),
        "{text}"
    );
    let (_, text) = run(
        &[
            "explain",
            "MODIFY_AUDIO_SETTINGS",
            "testdata/generated/uniapp-modules",
            "--lang",
            "zh",
        ],
        &[],
    );
    assert!(
        text.contains("，来自 DCloud 云打包（OAuth 模块，sdkConfigs.oauth.weixin） [package]"),
        "{text}"
    );
}
