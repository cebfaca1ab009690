//! The formats for people and for CI dashboards beyond SARIF: `concise`, `gitlab`, `junit`
//! and `html`, over the sample app and over hostile strings, snapshotted; the JUnit XML is
//! validated against the JUnit schema (xmllint) and the HTML opened in headless Chromium.

#![allow(clippy::print_stderr, clippy::unwrap_used)]

mod common;

use common::{check_stdout as stdout, permaudit};

const HOSTILE: &[&str] = &[
    "testdata/reports/hostile",
    "--policy",
    "testdata/reports/hostile-policy.yaml",
];

/// `path:line:col: severity[rule] message`, one line per finding in report order, then counts.
#[test]
fn concise_one_line_per_finding() {
    let (code, text) = stdout(&["testdata/m5-app", "--format", "concise"]);
    assert_eq!(code, 1);
    let (_, report) = common::check_json(&["testdata/m5-app"]);
    let findings = report["findings"].as_array().unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), findings.len() + 1);
    for (line, f) in lines.iter().zip(findings) {
        let expected = format!(
            "{}:{}:{}: {}[{}] {}",
            f["path"].as_str().unwrap(),
            f["line"],
            f["column"],
            f["severity"].as_str().unwrap(),
            f["rule"].as_str().unwrap(),
            f["message"].as_str().unwrap()
        );
        let variants: Vec<&str> = f["variants"]
            .as_array()
            .map(|v| v.iter().map(|x| x.as_str().unwrap()).collect())
            .unwrap_or_default();
        let expected = if variants.is_empty() {
            expected
        } else {
            format!("{expected} (in variants: {})", variants.join(", "))
        };
        assert_eq!(*line, expected);
    }
    assert_eq!(lines.last(), Some(&"7 errors, 11 warnings, 0 notes"));
    insta::assert_snapshot!("m5_app_concise", text);

    let (_, quiet) = stdout(&["testdata/m5-app", "--format", "concise", "--quiet"]);
    assert_eq!(quiet.lines().count(), findings.len());
}

/// Bidi controls from an input are shown, not obeyed, in the terminal formats.
#[test]
fn concise_and_human_show_bidi_controls() {
    for format in ["concise", "human"] {
        let (_, text) = stdout(&[HOSTILE, &["--format", format, "--color", "never"]].concat());
        assert!(text.contains("<U+202E>gnp.exe"), "{text}");
        assert!(!text.contains('\u{202e}'), "{format}: raw RLO in {text}");
    }
}

/// GitLab Code Quality: an array of issues with the fields GitLab requires, unique
/// fingerprints and GitLab's severity names.
#[test]
fn gitlab_code_quality() {
    let (code, text) = stdout(&["testdata/m5-app", "--format", "gitlab"]);
    assert_eq!(code, 1);
    let issues: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    assert_eq!(issues.len(), 18);
    let mut fingerprints = std::collections::BTreeSet::new();
    for issue in &issues {
        for key in ["description", "check_name", "fingerprint", "severity"] {
            assert!(issue[key].is_string(), "{key} in {issue}");
        }
        assert!(issue["location"]["path"].is_string());
        assert!(issue["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&issue["severity"].as_str().unwrap())
        );
        assert!(fingerprints.insert(issue["fingerprint"].as_str().unwrap().to_owned()));
    }
    let majors = issues.iter().filter(|i| i["severity"] == "major").count();
    assert_eq!(majors, 7, "errors are major");
    insta::assert_snapshot!("m5_app_gitlab", text);
}

/// xmllint, which `.ci/run` installs (Debian libxml2-utils) and names in `PERMAUDIT_XMLLINT`.
fn xmllint() -> Option<String> {
    let tool = std::env::var("PERMAUDIT_XMLLINT").ok();
    if tool.is_none() {
        eprintln!(
            "PERMAUDIT_XMLLINT is not set: JUnit schema validation skipped (.ci/run sets it)"
        );
    }
    tool
}

fn validate_junit(tool: &str, xml: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.xml");
    std::fs::write(&file, xml).unwrap();
    let output = std::process::Command::new(tool)
        .args(["--noout", "--schema"])
        .arg(common::root().join("tests/schemas/junit.xsd"))
        .arg(&file)
        .output()
        .expect("run xmllint");
    assert!(
        output.status.success(),
        "JUnit XML does not validate:\n{}\n{xml}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// JUnit: a test case per distinct request and per policy row of each audited platform;
/// error and warning findings fail their case. Valid against the JUnit schema, also with
/// hostile strings; `--output junit=FILE` writes the same bytes.
#[test]
fn junit_cases_per_request_and_row() {
    let (code, xml) = stdout(&["testdata/m5-app", "--format", "junit"]);
    assert_eq!(code, 1);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let suites: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testsuite"))
        .map(|n| {
            (
                n.attribute("name").unwrap().to_owned(),
                n.children().filter(|c| c.has_tag_name("testcase")).count(),
                n.attribute("failures").unwrap().parse::<usize>().unwrap(),
            )
        })
        .collect();
    // 23 distinct Android requests (24 less the app's own, over both variants), 20 Android rows
    // (4 stale: REQUEST_INSTALL_PACKAGES is the China build's, and both ship this policy); 10
    // iOS keys, 6 rows.
    assert_eq!(
        suites,
        vec![
            ("Android requests".to_owned(), 23, 10),
            ("Android policy rows".to_owned(), 20, 4),
            ("iOS requests".to_owned(), 10, 2),
            ("iOS policy rows".to_owned(), 6, 1),
        ]
    );
    let failures = doc
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .count();
    assert_eq!(failures, 18, "every finding of the run is a failure");
    insta::assert_snapshot!("m5_app_junit", xml);

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("junit.xml");
    let output = permaudit()
        .env("PERMAUDIT_TODAY", "2025-01-01")
        .args(["check", "testdata/m5-app", "--quiet", "-o"])
        .arg(format!("junit={}", file.display()))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), xml);

    let (_, hostile) = stdout(&[HOSTILE, &["--format", "junit"]].concat());
    let doc = roxmltree::Document::parse(&hostile).unwrap();
    let message = doc
        .descendants()
        .find(|n| n.attribute("type") == Some("empty-purpose"))
        .and_then(|n| n.attribute("message"))
        .unwrap();
    assert!(
        message.contains("<script>alert(\"x\")</script> & 'quoted'"),
        "{message}"
    );
    if let Some(tool) = xmllint() {
        validate_junit(&tool, &xml);
        validate_junit(&tool, &hostile);
        // The schema does reject: a case without a name.
        let broken = xml.replacen("<testcase name=", "<testcase nom=", 1);
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("broken.xml");
        std::fs::write(&file, broken).unwrap();
        let status = std::process::Command::new(&tool)
            .args(["--noout", "--schema"])
            .arg(common::root().join("tests/schemas/junit.xsd"))
            .arg(&file)
            .output()
            .unwrap()
            .status;
        assert!(!status.success(), "the schema check can fail");
    }
}

/// Chromium, which `.ci/run` installs (Debian `chromium`) and names in `PERMAUDIT_CHROMIUM`.
fn chromium() -> Option<String> {
    let tool = std::env::var("PERMAUDIT_CHROMIUM").ok();
    if tool.is_none() {
        eprintln!("PERMAUDIT_CHROMIUM is not set: browser test skipped (.ci/run sets it)");
    }
    tool
}

/// Runs headless Chromium on `page` with `extra` arguments; returns (stdout, stderr).
fn run_chromium(tool: &str, page: &std::path::Path, extra: &[String]) -> (String, String) {
    let profile = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(tool)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "chromium failed: {stderr}");
    (String::from_utf8_lossy(&output.stdout).into_owned(), stderr)
}

/// What the page said on the console or the network: script errors, refused resources.
fn page_errors(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| {
            [
                "CONSOLE",
                "Uncaught",
                "Refused to",
                "net::ERR",
                "Failed to load",
            ]
            .iter()
            .any(|m| l.contains(m))
        })
        .collect()
}

/// The values of every `name="…"` attribute in serialised HTML, unescaped.
fn attributes(dom: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    dom.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &dom[i + needle.len()..];
            let value = &rest[..rest.find('"').unwrap()];
            value
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&nbsp;", "\u{a0}")
                .replace("&amp;", "&")
        })
        .collect()
}

/// `data-count="NAME">VALUE<` pairs.
fn counts(dom: &str) -> std::collections::BTreeMap<String, String> {
    let mut out = std::collections::BTreeMap::new();
    for (i, _) in dom.match_indices("data-count=\"") {
        let rest = &dom[i + 12..];
        let name = &rest[..rest.find('"').unwrap()];
        let after = &rest[rest.find('>').unwrap() + 1..];
        let value = &after[..after.find('<').unwrap()];
        out.insert(name.to_owned(), value.to_owned());
    }
    out
}

/// Share of pixels in an 8-bit RGB(A) PNG that differ from the top-left pixel: a blank page
/// is 0. Decoded here (chunks, zlib, scanline filters) to need no image library.
fn ink(png: &[u8]) -> f64 {
    use std::io::Read;
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let (mut width, mut height, mut channels) = (0usize, 0usize, 0usize);
    let mut data = Vec::new();
    let mut at = 8;
    while at + 8 <= png.len() {
        let len = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
        let kind = &png[at + 4..at + 8];
        let body = &png[at + 8..at + 8 + len];
        match kind {
            b"IHDR" => {
                width = u32::from_be_bytes(body[0..4].try_into().unwrap()) as usize;
                height = u32::from_be_bytes(body[4..8].try_into().unwrap()) as usize;
                assert_eq!(body[8], 8, "bit depth");
                channels = match body[9] {
                    2 => 3,
                    6 => 4,
                    other => panic!("colour type {other}"),
                };
            }
            b"IDAT" => data.extend_from_slice(body),
            _ => {}
        }
        at += 12 + len;
    }
    let mut raw = Vec::new();
    flate2::read::ZlibDecoder::new(&data[..])
        .read_to_end(&mut raw)
        .unwrap();
    let stride = width * channels;
    let mut pixels = vec![0u8; stride * height];
    for y in 0..height {
        let filter = raw[y * (stride + 1)];
        let line = &raw[y * (stride + 1) + 1..(y + 1) * (stride + 1)];
        for x in 0..stride {
            let a = if x >= channels {
                pixels[y * stride + x - channels]
            } else {
                0
            };
            let b = if y > 0 {
                pixels[(y - 1) * stride + x]
            } else {
                0
            };
            let c = if x >= channels && y > 0 {
                pixels[(y - 1) * stride + x - channels]
            } else {
                0
            };
            let predicted = match filter {
                0 => 0,
                1 => a,
                2 => b,
                3 => ((u16::from(a) + u16::from(b)) / 2) as u8,
                4 => {
                    let p = i16::from(a) + i16::from(b) - i16::from(c);
                    let (pa, pb, pc) = (
                        (p - i16::from(a)).abs(),
                        (p - i16::from(b)).abs(),
                        (p - i16::from(c)).abs(),
                    );
                    if pa <= pb && pa <= pc {
                        a
                    } else if pb <= pc {
                        b
                    } else {
                        c
                    }
                }
                other => panic!("filter {other}"),
            };
            pixels[y * stride + x] = line[x].wrapping_add(predicted);
        }
    }
    let background = &pixels[..channels];
    let differing = pixels
        .chunks(channels)
        .filter(|p| p[..3] != background[..3])
        .count();
    differing as f64 / (width * height) as f64
}

/// The sign-off page of the sample app in a real browser: it loads without errors, renders
/// something (the screenshot is not blank), and the findings and counts it shows are those of
/// the JSON report of the same run.
#[test]
fn html_report_in_headless_chromium() {
    let (code, html) = stdout(&["testdata/m5-app", "--format", "html"]);
    assert_eq!(code, 1);
    // Self-contained: nothing to fetch, no script.
    for forbidden in ["<script", "src=", "href=\"http", "url(", "@import"] {
        assert!(!html.contains(forbidden), "{forbidden} in the page");
    }
    insta::assert_snapshot!("m5_app_html", html);
    let Some(tool) = chromium() else { return };

    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    let output = permaudit()
        .env("PERMAUDIT_TODAY", "2025-01-01")
        .args(["check", "testdata/m5-app", "--quiet", "--output"])
        .arg(format!("html={}", page.display()))
        .arg("--output")
        .arg(format!("json={}", dir.path().join("report.json").display()))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("report.json")).unwrap())
            .unwrap();

    let shot = dir.path().join("shot.png");
    let (_, stderr) = run_chromium(
        &tool,
        &page,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,1600".to_owned(),
        ],
    );
    assert!(
        page_errors(&stderr).is_empty(),
        "{:?}",
        page_errors(&stderr)
    );
    let ink = ink(&std::fs::read(&shot).unwrap());
    assert!(ink > 0.01, "the screenshot is blank ({ink})");

    let (dom, stderr) = run_chromium(&tool, &page, &["--dump-dom".to_owned()]);
    assert!(
        page_errors(&stderr).is_empty(),
        "{:?}",
        page_errors(&stderr)
    );
    assert!(dom.contains("Permission disclosure report"), "{dom}");
    let shown = attributes(&dom, "data-finding");
    let expected: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{}|{}|{}|{}:{}:{}",
                f["rule"].as_str().unwrap(),
                f["platform"].as_str().unwrap(),
                f["permission"].as_str().unwrap(),
                f["path"].as_str().unwrap(),
                f["line"],
                f["column"]
            )
        })
        .collect();
    let mut sorted_shown = shown.clone();
    sorted_shown.sort();
    let mut sorted_expected = expected.clone();
    sorted_expected.sort();
    assert_eq!(sorted_shown, sorted_expected);
    let counts = counts(&dom);
    for key in ["errors", "warnings", "notes"] {
        assert_eq!(counts[key], report["summary"][key].to_string(), "{key}");
    }
    // The coverage numbers agree with the findings: each undeclared finding is one
    // undeclared request, each unused finding one stale entry.
    let of_rule = |rule: &str, platform: &str| {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == rule && f["platform"] == platform)
            .count()
            .to_string()
    };
    for platform in ["android", "ios"] {
        assert_eq!(
            counts[&format!("{platform}-undeclared")],
            of_rule("undeclared", platform)
        );
        assert_eq!(
            counts[&format!("{platform}-stale")],
            of_rule("unused", platform)
        );
    }
    let cells = attributes(&dom, "data-cell");
    assert_eq!(
        cells.iter().filter(|c| c.ends_with("|undeclared")).count(),
        7
    );
}

/// Hostile strings from the inputs and the policy stay text: no element is created from them,
/// quotes do not end attributes, and bidi controls are shown, not obeyed.
#[test]
fn html_escapes_hostile_strings() {
    let (_, html) = stdout(&[HOSTILE, &["--format", "html"]].concat());
    assert!(!html.contains("<script"), "raw <script> in the page");
    assert!(!html.contains("<img"), "raw <img> in the page");
    assert!(
        !html.contains('\u{202e}') && !html.contains('\u{2067}'),
        "raw bidi control"
    );
    assert!(
        html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"),
        "{html}"
    );
    assert!(html.contains("&lt;U+202E&gt;gnp.exe"), "{html}");
    insta::assert_snapshot!("hostile_html", html);
    let Some(tool) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("hostile.html");
    std::fs::write(&page, &html).unwrap();
    let (dom, stderr) = run_chromium(&tool, &page, &["--dump-dom".to_owned()]);
    assert!(
        page_errors(&stderr).is_empty(),
        "{:?}",
        page_errors(&stderr)
    );
    assert!(
        !dom.contains("<script") && !dom.contains("<img") && !dom.contains("<b>"),
        "{dom}"
    );
    let findings = attributes(&dom, "data-finding");
    assert_eq!(findings.len(), 4, "{findings:?}");
    assert!(
        dom.contains("Hostile &lt;b&gt;policy&lt;/b&gt; &amp; \"friends\""),
        "{dom}"
    );
}

/// The human report quotes the bytes the readers parsed, never a second read: the manifest and
/// the policy are rewritten after the check, and the report still shows (and points its carets
/// into) the lines that were audited. A file that fails to parse is kept too, for its error.
#[test]
fn snippets_come_from_what_the_run_read() {
    use permaudit::check::{self, CheckOptions};
    use permaudit::config::ConfigSource;
    use permaudit::report::{RenderOptions, Renderer, Report, human::Human};

    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("AndroidManifest.xml");
    std::fs::write(
        &manifest,
        "<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\" package=\"a.b\">\n\
         \x20 <uses-permission android:name=\"android.permission.CAMERA\" /><!-- as audited -->\n\
         </manifest>\n",
    )
    .unwrap();
    let policy = dir.path().join("policy.yaml");
    std::fs::write(
        &policy,
        "name: p\nandroid:\n  - name: Contacts\n    permissions: [READ_CONTACTS] # as audited\n    \
         description: Read contacts\n    purpose: Invite friends\n",
    )
    .unwrap();
    let options = CheckOptions {
        paths: vec![manifest.clone()],
        policy: Some(policy.clone()),
        config: ConfigSource::Isolated,
        ..CheckOptions::default()
    };
    let outcome = check::run(&options).unwrap();
    std::fs::write(&manifest, "changed\n").unwrap();
    std::fs::write(&policy, "changed\n").unwrap();
    let mut out = Vec::new();
    let report = Report {
        outcome: &outcome,
        options: RenderOptions::default(),
    };
    Human.render(report, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains(
            "<uses-permission android:name=\"android.permission.CAMERA\" /><!-- as audited -->"
        ),
        "{text}"
    );
    assert!(
        text.contains("permissions: [READ_CONTACTS] # as audited"),
        "{text}"
    );
    assert!(!text.contains("changed"), "{text}");

    // A manifest that does not parse: its text is what the error's snippet quotes.
    std::fs::write(&manifest, "<manifest>\n  <uses-permission\n").unwrap();
    let options = CheckOptions {
        paths: vec![manifest.clone()],
        config: ConfigSource::Isolated,
        ..CheckOptions::default()
    };
    assert!(check::run(&options).is_err());
    let display = permaudit::display::root(&manifest);
    let kept = options.limits.sources.get(&display).unwrap();
    assert_eq!(&kept[..], b"<manifest>\n  <uses-permission\n");
}
