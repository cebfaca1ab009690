//! Inputs that are valid, or nearly, where permaudit's answer must be what Android's own tools
//! and runtime make of them (issue 15): duplicate zip entries, redeclared system permissions,
//! aapt2's string processing, namespaced elements, namespace-duplicated attributes, `&#0;`,
//! and the compiled string of an App Bundle attribute. Each case failed (a false clean or a
//! lost request) before the fix.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use common::{check_json, permaudit, requests_via_undeclared};
use permaudit::input::testing::{AxmlBuilder, proto_manifest, stored_zip};
use predicates::prelude::*;

const NS: &str = "http://schemas.android.com/apk/res/android";
const ATTR_NAME: u32 = 0x0101_0003;
const IOS_ONLY: &str = "testdata/policies-yaml/ios-only.yaml";

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The requested (non-exempt) Android permission names, via `undeclared` against a policy that
/// discloses nothing for Android.
fn requested(path: &Path) -> Vec<String> {
    let (_, report) = check_json(&[path.to_str().unwrap(), "--policy", IOS_ONLY]);
    let mut names: Vec<String> = requests_via_undeclared(&report)
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    names.sort();
    names
}

fn text_manifest(package: &str, body: &str) -> String {
    format!(
        "<manifest xmlns:android=\"{NS}\" xmlns:a=\"{NS}\" xmlns:x=\"urn:x\" \
         package=\"{package}\">\n{body}</manifest>\n"
    )
}

/// A binary manifest of `(element, android:name)` children of `<manifest package=…>`.
fn axml(package: &str, children: &[(&str, &str)]) -> Vec<u8> {
    let mut b = AxmlBuilder::default();
    b.string("name");
    b.res_ids = vec![ATTR_NAME];
    b.start(1, "manifest", &[("", "package", 0, package)]);
    for (i, (element, name)) in children.iter().enumerate() {
        let line = i as u32 + 2;
        b.start(line, element, &[(NS, "name", ATTR_NAME, name)]);
        b.end(line, element);
    }
    b.end(children.len() as u32 + 2, "manifest");
    b.build()
}

/// Item 1: the zip reader keeps one slot per name, so the first of two `AndroidManifest.xml`
/// entries vanished with its `READ_SMS` and `CAMERA`. Android refuses the archive; so do we.
#[test]
fn duplicate_manifest_entries_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let first = axml(
        "com.example",
        &[
            ("uses-permission", "android.permission.READ_SMS"),
            ("uses-permission", "android.permission.CAMERA"),
        ],
    );
    let second = axml(
        "com.example",
        &[("uses-permission", "android.permission.INTERNET")],
    );
    let apk = write(
        dir.path(),
        "dup.apk",
        &stored_zip(&[
            ("AndroidManifest.xml", &first),
            ("AndroidManifest.xml", &second),
        ]),
    );
    permaudit()
        .arg("check")
        .arg(&apk)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "lists the entry AndroidManifest.xml more than once",
        ));
    // The same for an App Bundle module, and for any other name (Android refuses them all).
    let module = proto_manifest(&["android.permission.INTERNET"]);
    let aab = write(
        dir.path(),
        "dup.aab",
        &stored_zip(&[
            ("base/manifest/AndroidManifest.xml", &module),
            ("base/manifest/AndroidManifest.xml", &module),
        ]),
    );
    permaudit().arg("check").arg(&aab).assert().code(2);
    let other = write(
        dir.path(),
        "other.apk",
        &stored_zip(&[
            ("AndroidManifest.xml", &second),
            ("classes.dex", b"a"),
            ("classes.dex", b"b"),
        ]),
    );
    permaudit()
        .arg("check")
        .arg(&other)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("classes.dex more than once"));
    // One copy of each name reads as before.
    let fine = write(
        dir.path(),
        "fine.apk",
        &stored_zip(&[("AndroidManifest.xml", &first), ("classes.dex", b"a")]),
    );
    assert_eq!(
        requested(&fine),
        ["android.permission.CAMERA", "android.permission.READ_SMS"]
    );
}

/// Item 2: PackageManager ignores an app's redeclaration of a system permission, so the app
/// still merely requests it: it is never the app's own (exempt), in text or compiled form.
#[test]
fn redeclared_system_permissions_stay_requested() {
    let dir = tempfile::tempdir().unwrap();
    let literal = write(
        dir.path(),
        "literal.xml",
        text_manifest(
            "com.example",
            "  <permission android:name=\"android.permission.READ_SMS\"/>\n  \
             <uses-permission android:name=\"android.permission.READ_SMS\"/>\n  \
             <permission android:name=\"com.example.OWN\"/>\n  \
             <uses-permission android:name=\"com.example.OWN\"/>\n",
        )
        .as_bytes(),
    );
    assert_eq!(requested(&literal), ["android.permission.READ_SMS"]);

    let placeholder = write(
        dir.path(),
        "placeholder.xml",
        text_manifest(
            "android.permission",
            "  <permission android:name=\"${applicationId}.READ_SMS\"/>\n  \
             <uses-permission android:name=\"android.permission.READ_SMS\"/>\n",
        )
        .as_bytes(),
    );
    assert_eq!(requested(&placeholder), ["android.permission.READ_SMS"]);

    let tree = write(
        dir.path(),
        "tree.xml",
        text_manifest(
            "com.example",
            "  <permission-tree android:name=\"android.permission\"/>\n  \
             <uses-permission android:name=\"android.permission.CAMERA\"/>\n",
        )
        .as_bytes(),
    );
    assert_eq!(requested(&tree), ["android.permission.CAMERA"]);

    // A platform permission the catalog does not list is still the platform's namespace.
    let unknown = write(
        dir.path(),
        "unknown.xml",
        text_manifest(
            "com.example",
            "  <permission android:name=\"android.permission.NOT_IN_THE_CATALOG\"/>\n  \
             <uses-permission android:name=\"android.permission.NOT_IN_THE_CATALOG\"/>\n",
        )
        .as_bytes(),
    );
    assert_eq!(
        requested(&unknown),
        ["android.permission.NOT_IN_THE_CATALOG"]
    );

    let manifest = axml(
        "com.example",
        &[
            ("permission", "android.permission.READ_SMS"),
            ("uses-permission", "android.permission.READ_SMS"),
        ],
    );
    let apk = write(
        dir.path(),
        "redeclared.apk",
        &stored_zip(&[("AndroidManifest.xml", &manifest)]),
    );
    assert_eq!(requested(&apk), ["android.permission.READ_SMS"]);
}

/// Item 4: aapt2 processes backslash escapes of a plain-string attribute (with spaces and
/// quotes preserved) before the name reaches the device.
#[test]
fn aapt2_string_processing_of_text_manifests() {
    let dir = tempfile::tempdir().unwrap();
    let escaped = write(
        dir.path(),
        "escaped.xml",
        text_manifest(
            "com.example",
            "  <uses-permission android:name=\"android.permission.READ\\u005fSMS\"/>\n  \
             <uses-permission android:name=\"android.permission.CAM\\ERA\"/>\n  \
             <uses-permission android:name=\"&quot;android.permission.RECORD_AUDIO&quot;\"/>\n",
        )
        .as_bytes(),
    );
    assert_eq!(
        requested(&escaped),
        [
            // aapt2 keeps double quotes in an attribute (spaces preserved): the device sees a
            // quoted, unknown name, and so does the report.
            "\"android.permission.RECORD_AUDIO\"",
            "android.permission.CAMERA",
            "android.permission.READ_SMS",
        ]
    );
    // Where aapt2 would silently truncate the name (a broken `\u`), or produce NUL, refuse.
    for (name, why) in [
        ("android.permission.READ\\uZZSMS", "invalid unicode escape"),
        ("android.permission.READ\\u0000SMS", "NUL"),
    ] {
        let path = write(
            dir.path(),
            "bad.xml",
            text_manifest(
                "com.example",
                &format!("  <uses-permission android:name=\"{name}\"/>\n"),
            )
            .as_bytes(),
        );
        permaudit()
            .arg("check")
            .arg(&path)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(why).and(predicate::str::contains("bad.xml:2:")));
    }
}

/// Item 5: `<x:uses-permission>` is kept by aapt2 and matched by local name on the device.
#[test]
fn namespaced_permission_elements_count() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "namespaced.xml",
        text_manifest(
            "com.example",
            "  <x:uses-permission android:name=\"android.permission.READ_SMS\"/>\n  \
             <uses-permission android:name=\"android.permission.CAMERA\"/>\n",
        )
        .as_bytes(),
    );
    assert_eq!(
        requested(&path),
        ["android.permission.CAMERA", "android.permission.READ_SMS"]
    );
    // The root must still be an unqualified <manifest> (aapt2's ManifestFixer insists).
    let root = write(
        dir.path(),
        "root.xml",
        format!("<x:manifest xmlns:x=\"urn:x\" xmlns:android=\"{NS}\"/>").as_bytes(),
    );
    permaudit().arg("check").arg(&root).assert().code(2);
}

/// Item 6: the same expanded attribute twice, and `&#0;`, are not well-formed; aapt2 (expat)
/// refuses both, and so do we.
#[test]
fn duplicate_expanded_attributes_and_nul_references_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let twice = write(
        dir.path(),
        "twice.xml",
        text_manifest(
            "com.example",
            "  <uses-permission android:name=\"android.permission.READ_SMS\" \
             a:name=\"android.permission.INTERNET\"/>\n",
        )
        .as_bytes(),
    );
    permaudit()
        .arg("check")
        .arg(&twice)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("android:name and a:name are the same attribute")
                .and(predicate::str::contains("twice.xml:2:")),
        );
    let nul = write(
        dir.path(),
        "nul.xml",
        text_manifest(
            "com.example",
            "  <uses-permission android:name=\"android.permission.READ&#0;SMS\"/>\n",
        )
        .as_bytes(),
    );
    permaudit()
        .arg("check")
        .arg(&nul)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("&#0;"));
}

/// Item 3: aapt2 writes a compiled `String` as the typed value the device reads; the `value`
/// text is only the source. With `value` = INTERNET and the compiled string READ_SMS, the
/// module requests READ_SMS; with an empty `value`, still READ_SMS.
#[test]
fn app_bundle_compiled_string_is_what_the_device_reads() {
    use permaudit::input::proto::{
        Item, ProtoString, SourcePosition, XmlAttribute, XmlElement, XmlNode, xml_node,
    };
    use prost::Message;
    let node = |name: &str, attribute: Vec<XmlAttribute>, child: Vec<XmlNode>, line: u32| XmlNode {
        node: Some(xml_node::Node::Element(XmlElement {
            namespace_uri: String::new(),
            name: name.to_owned(),
            attribute,
            child,
        })),
        source: Some(SourcePosition {
            line_number: line,
            column_number: 0,
        }),
    };
    let name = |text: &str, compiled: &str| XmlAttribute {
        namespace_uri: NS.to_owned(),
        name: "name".to_owned(),
        value: text.to_owned(),
        resource_id: ATTR_NAME,
        compiled_item: Some(Item {
            str: Some(ProtoString {
                value: compiled.to_owned(),
            }),
            ..Default::default()
        }),
    };
    let module = node(
        "manifest",
        vec![],
        vec![
            node(
                "uses-permission",
                vec![name(
                    "android.permission.INTERNET",
                    "android.permission.READ_SMS",
                )],
                vec![],
                2,
            ),
            node(
                "uses-permission",
                vec![name("", "android.permission.CAMERA")],
                vec![],
                3,
            ),
        ],
        1,
    )
    .encode_to_vec();
    let dir = tempfile::tempdir().unwrap();
    let aab = write(
        dir.path(),
        "compiled.aab",
        &stored_zip(&[("base/manifest/AndroidManifest.xml", &module)]),
    );
    assert_eq!(
        requested(&aab),
        ["android.permission.CAMERA", "android.permission.READ_SMS"]
    );
}

/// Item 7: a run keeps at most `max-requests` requests, whatever the input kind; the limit is
/// named. (The large hostile cases are timed by tests/hostile/measure.sh.)
#[test]
fn the_request_budget_is_named() {
    let limit = permaudit::input::budget::BUDGET.max_requests as usize;
    let dir = tempfile::tempdir().unwrap();
    let line = "<uses-permission android:name=\"android.permission.CAMERA\"/>\n";
    let path = write(
        dir.path(),
        "dense.xml",
        text_manifest("com.example", &line.repeat(limit + 1)).as_bytes(),
    );
    permaudit()
        .arg("check")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("max-requests = {limit}")));
    let fits = write(
        dir.path(),
        "fits.xml",
        text_manifest("com.example", &line.repeat(100)).as_bytes(),
    );
    permaudit()
        .args(["check", "--fail-on", "never"])
        .arg(&fits)
        .assert()
        .success();
}
