//! Property tests: generated manifests and plists — random permission sets, namespace
//! prefixes, attribute orders, whitespace, comments, CRLF and BOM — parse back to exactly the
//! generated requests at exactly the generated lines and columns.

use permaudit::input::parse;
use proptest::prelude::*;

const NS: &str = "http://schemas.android.com/apk/res/android";
const TOOLS: &str = "http://schemas.android.com/tools";

/// One generated `<uses-permission…>` line and what it should parse to.
#[derive(Debug, Clone)]
struct Perm {
    name: String,
    sdk23: bool,
    max_sdk: Option<u8>,
    removed: bool,
    name_first: bool,
    commented: bool,
    indent: String,
}

fn perm() -> impl Strategy<Value = Perm> {
    (
        "[A-Z][A-Z_]{0,20}",
        any::<bool>(),
        proptest::option::of(1u8..40),
        prop::bool::weighted(0.15),
        any::<bool>(),
        prop::bool::weighted(0.15),
        "[ \t]{0,6}",
    )
        .prop_map(
            |(short, sdk23, max_sdk, removed, name_first, commented, indent)| Perm {
                name: format!("android.permission.{short}"),
                sdk23,
                max_sdk,
                removed,
                name_first,
                commented,
                indent,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn manifests_parse_back_exactly(
        perms in prop::collection::vec(perm(), 0..25),
        // XML reserves prefixes starting with `xml`, and `tools` is bound to the tools
        // namespace below: a manifest with either would rightly be refused.
        prefix in "[a-z]{1,8}".prop_filter("a free prefix", |p| !p.starts_with("xml") && p != "tools"),
        crlf: bool,
        bom: bool,
        blank_lines in prop::collection::vec(0usize..3, 25),
    ) {
        let eol = if crlf { "\r\n" } else { "\n" };
        let mut lines = vec![
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>".to_owned(),
            "<!-- generated -->".to_owned(),
            format!("<manifest xmlns:{prefix}=\"{NS}\" xmlns:tools=\"{TOOLS}\" package=\"x.y\">"),
        ];
        let mut expected = Vec::new();
        let mut removed = Vec::new();
        for (i, p) in perms.iter().enumerate() {
            for _ in 0..blank_lines[i % blank_lines.len()] {
                lines.push(String::new());
            }
            let element = if p.sdk23 { "uses-permission-sdk-23" } else { "uses-permission" };
            let name = format!("{prefix}:name=\"{}\"", p.name);
            let mut attrs = Vec::new();
            if let Some(m) = p.max_sdk {
                attrs.push(format!("{prefix}:maxSdkVersion=\"{m}\""));
            }
            if p.removed {
                attrs.push("tools:node=\"remove\"".to_owned());
            }
            if p.name_first { attrs.insert(0, name) } else { attrs.push(name) }
            let tag = format!("<{element} {} />", attrs.join(" "));
            let line = if p.commented { format!("{}<!-- {tag} -->", p.indent) } else { format!("{}{tag}", p.indent) };
            lines.push(line);
            if p.commented {
                continue;
            }
            let at = (lines.len() as u32, p.indent.chars().count() as u32 + 1);
            if p.removed {
                removed.push((p.name.clone(), at));
            } else {
                expected.push((p.name.clone(), at, p.sdk23, p.max_sdk.map(|m| m.to_string())));
            }
        }
        lines.push("  <application/>".to_owned());
        lines.push("</manifest>".to_owned());
        let mut text = lines.join(eol);
        text.push_str(eol);
        if bom {
            text.insert(0, '\u{feff}');
        }

        let parsed = parse("AndroidManifest.xml", text.as_bytes()).expect("generated manifest parses");
        let got: Vec<_> = parsed.requests.iter().map(|r| (
            r.permission.clone(),
            (r.location.line.unwrap_or(0), r.location.column.unwrap_or(0)),
            r.sdk23_only,
            r.max_sdk.clone(),
        )).collect();
        prop_assert_eq!(got, expected);
        let got_removed: Vec<_> = parsed.removals.iter().map(|r| (
            r.permission.clone().unwrap_or_default(),
            (r.location.line.unwrap_or(0), r.location.column.unwrap_or(0)),
        )).collect();
        prop_assert_eq!(got_removed, removed);
    }

    #[test]
    fn xml_plists_parse_back_exactly(
        keys in prop::collection::btree_map("[A-Z][A-Za-z]{0,12}", "[ -~&&[^<&]]{0,30}", 0..20),
        usage in prop::collection::vec(any::<bool>(), 20),
        crlf: bool,
        bom: bool,
    ) {
        let eol = if crlf { "\r\n" } else { "\n" };
        let mut lines = vec![
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>".to_owned(),
            "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">".to_owned(),
            "<plist version=\"1.0\">".to_owned(),
            "<dict>".to_owned(),
        ];
        let mut expected = Vec::new();
        for (i, (stem, value)) in keys.iter().enumerate() {
            let key = if usage[i] { format!("NS{stem}UsageDescription") } else { format!("CF{stem}") };
            lines.push(format!("\t<key>{key}</key>"));
            if usage[i] {
                expected.push((key, lines.len() as u32, value.clone()));
            }
            lines.push(format!("\t<string>{value}</string>"));
            lines.push("\t<!-- <key>NSFakeUsageDescription</key> -->".to_owned());
        }
        lines.push("</dict>".to_owned());
        lines.push("</plist>".to_owned());
        let mut text = lines.join(eol);
        if bom {
            text.insert(0, '\u{feff}');
        }
        let parsed = parse("Info.plist", text.as_bytes()).expect("generated plist parses");
        let got: Vec<_> = parsed.requests.iter().map(|r| (
            r.permission.clone(),
            r.location.line.unwrap_or(0),
            r.purpose.clone().unwrap_or_default(),
        )).collect();
        prop_assert_eq!(&got, &expected);
        prop_assert!(parsed.requests.iter().all(|r| r.location.column == Some(2)));

        // The same dictionary written as a binary plist gives the same keys and purposes.
        let mut dict = plist::Dictionary::new();
        for (i, (stem, value)) in keys.iter().enumerate() {
            let key = if usage[i] { format!("NS{stem}UsageDescription") } else { format!("CF{stem}") };
            dict.insert(key, value.clone().into());
        }
        let mut bytes = Vec::new();
        plist::Value::Dictionary(dict).to_writer_binary(&mut bytes).expect("write bplist");
        let binary = parse("Info.plist", &bytes).expect("binary plist parses");
        let mut got: Vec<_> = binary.requests.iter().map(|r| (r.permission.clone(), r.purpose.clone().unwrap_or_default())).collect();
        got.sort();
        let mut want: Vec<_> = expected.iter().map(|(k, _, v)| (k.clone(), v.clone())).collect();
        want.sort();
        prop_assert_eq!(got, want);
    }
}
