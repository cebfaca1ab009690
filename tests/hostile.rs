//! Hostile and broken input: every case ends with exit 2 naming the file (or a correct result
//! where the input is valid), never a "clean" exit 0 with missing data, never a panic, and
//! within bounded time. Inputs are generated here so the suite needs no large files in git.

mod common;

use std::path::Path;
use std::time::Duration;

use common::{check_json, permaudit};
use predicates::prelude::*;

const NS: &str = "http://schemas.android.com/apk/res/android";

fn small_manifest() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<manifest xmlns:android=\"{NS}\">\n  \
         <uses-permission android:name=\"android.permission.CAMERA\"/>\n  <application>\n  \
         </application>\n</manifest>\n"
    )
}

/// Runs `check` on one file and asserts exit 2, nothing on stdout, the file named on stderr.
fn assert_refused(path: &Path, needle: &str) {
    let shown = path.to_str().expect("utf-8 path");
    permaudit()
        .args(["check", shown])
        .timeout(Duration::from_secs(10))
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(shown))
        .stderr(predicate::str::contains(needle));
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(&path, bytes).expect("write");
    path
}

/// Every truncation of a small manifest before its end tag is an error, in-process (fast) for
/// every byte boundary, and through the binary for a sample of them.
#[test]
fn truncated_at_every_byte_boundary() {
    let text = small_manifest();
    let complete = text.find("</manifest>").expect("end tag") + "</manifest>".len();
    for len in 0..complete {
        let result = permaudit::input::parse("m.xml", &text.as_bytes()[..len]);
        assert!(result.is_err(), "prefix of {len} bytes parsed as valid");
    }
    for len in complete..=text.len() {
        let parsed = permaudit::input::parse("m.xml", &text.as_bytes()[..len]).expect("valid");
        assert_eq!(parsed.requests.len(), 1);
    }
    let dir = tempfile::tempdir().expect("tempdir");
    for len in [0, 1, 40, 80, 120, complete - 1] {
        let path = write(
            dir.path(),
            &format!("t{len}/AndroidManifest.xml"),
            &text.as_bytes()[..len],
        );
        assert_refused(&path, "");
    }
}

/// Invalid UTF-8, UTF-16 (rejected with a clear message: Android Studio and Xcode write
/// UTF-8), NUL bytes, an empty file.
#[test]
fn encoding_and_byte_level_garbage() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = small_manifest();
    let mut invalid = text.clone().into_bytes();
    let at = text.find("CAMERA").expect("name");
    invalid[at] = 0xFF;
    assert_refused(
        &write(dir.path(), "bad-utf8.xml", &invalid),
        "invalid UTF-8",
    );

    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    assert_refused(&write(dir.path(), "utf16.xml", &utf16), "UTF-16");

    let nul = text.replace("<application>", "<application>\0");
    assert_refused(&write(dir.path(), "nul.xml", nul.as_bytes()), "U+0000");

    assert_refused(&write(dir.path(), "empty.xml", b""), "empty");
    assert_refused(
        &write(dir.path(), "Info.plist", b"bplist00\x00\x01"),
        "malformed binary plist",
    );
}

/// A 100 MB manifest is refused by the size limit before it is read; raising the limit makes it
/// a valid (if absurd) input again.
#[test]
fn huge_manifest_hits_the_size_limit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("AndroidManifest.xml");
    {
        use std::io::Write;
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
        writeln!(f, "<manifest xmlns:android=\"{NS}\">").expect("write");
        let line = "<uses-permission android:name=\"android.permission.CAMERA\"/>\n";
        for _ in 0..(100 * 1024 * 1024 / line.len()) {
            f.write_all(line.as_bytes()).expect("write");
        }
        f.write_all(b"</manifest>\n").expect("write");
    }
    assert_refused(&path, "--max-input-size");
    // A smaller file just over a lowered limit shows the flag works both ways.
    let small = write(
        dir.path(),
        "small/AndroidManifest.xml",
        small_manifest().as_bytes(),
    );
    permaudit()
        .args([
            "check",
            small.to_str().expect("utf-8"),
            "--max-input-size",
            "64",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("input size limit of 64 bytes"));
    permaudit()
        .args([
            "check",
            small.to_str().expect("utf-8"),
            "--max-input-size",
            "1K",
        ])
        .assert()
        .code(0);
}

/// Nesting 100,000 deep is refused at the depth limit, in bounded time.
#[test]
fn deep_nesting() {
    let dir = tempfile::tempdir().expect("tempdir");
    let depth = 100_000;
    let manifest = format!(
        "<manifest xmlns:android=\"{NS}\">{}{}</manifest>",
        "<a>".repeat(depth),
        "</a>".repeat(depth)
    );
    assert_refused(
        &write(dir.path(), "deep.xml", manifest.as_bytes()),
        "nested deeper",
    );
    let plist = format!(
        "<plist><dict><key>k</key>{}{}</dict></plist>",
        "<array>".repeat(depth),
        "</array>".repeat(depth)
    );
    assert_refused(
        &write(dir.path(), "Info.plist", plist.as_bytes()),
        "nested deeper",
    );
}

/// Entity expansion and external entities, in manifests and plists: never expanded, never
/// fetched.
#[test]
fn entities_are_refused_everywhere() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plist = "<?xml version=\"1.0\"?>\n<!DOCTYPE plist [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n\
                 <plist><dict><key>NSCameraUsageDescription</key><string>&xxe;</string></dict></plist>";
    assert_refused(&write(dir.path(), "Info.plist", plist.as_bytes()), "never");
    let lol = "<!DOCTYPE m [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n\
               <plist><dict><key>&b;</key><string>x</string></dict></plist>";
    assert_refused(
        &write(dir.path(), "lol/Info.plist", lol.as_bytes()),
        "never",
    );
}

/// A binary plist whose containers share references (2^60 leaves from a few hundred bytes),
/// one that refers to itself, and one that nests past the stack.
#[test]
fn binary_plist_graph_bombs() {
    fn bplist(objects: &[Vec<u8>]) -> Vec<u8> {
        let mut out = b"bplist00".to_vec();
        let mut offsets = Vec::new();
        for o in objects {
            offsets.push(u32::try_from(out.len()).expect("small"));
            out.extend_from_slice(o);
        }
        let table = out.len() as u64;
        for off in offsets {
            out.extend_from_slice(&off.to_be_bytes());
        }
        out.extend_from_slice(&[0, 0, 0, 0, 0, 0, 4, 2]);
        out.extend_from_slice(&(objects.len() as u64).to_be_bytes());
        out.extend_from_slice(&0u64.to_be_bytes());
        out.extend_from_slice(&table.to_be_bytes());
        out
    }
    let r = |i: usize| u16::try_from(i).expect("small").to_be_bytes();
    let key = b"\x5F\x10\x18NSCameraUsageDescription".to_vec();
    let dict = [vec![0xD1], r(1).to_vec(), r(2).to_vec()].concat();
    let dir = tempfile::tempdir().expect("tempdir");

    let mut shared = vec![dict.clone(), key.clone()];
    for i in 0..60 {
        shared.push([vec![0xA2], r(3 + i).to_vec(), r(3 + i).to_vec()].concat());
    }
    shared.push(b"\x51x".to_vec());
    assert_refused(
        &write(dir.path(), "shared/Info.plist", &bplist(&shared)),
        "decompression bomb",
    );

    let cyclic = vec![
        dict.clone(),
        key.clone(),
        [vec![0xA1], r(2).to_vec()].concat(),
    ];
    assert_refused(
        &write(dir.path(), "cyclic/Info.plist", &bplist(&cyclic)),
        "cyclic",
    );

    let mut chain = vec![dict, key];
    for i in 0..5000 {
        chain.push([vec![0xA1], r(3 + i).to_vec()].concat());
    }
    chain.push(b"\x51x".to_vec());
    assert_refused(
        &write(dir.path(), "chain/Info.plist", &bplist(&chain)),
        "deeper",
    );
}

/// A YAML policy with an alias bomb (8^12 strings from a dozen lines) is refused quickly. The
/// policy schema has no nested collections, so the bomb fails on its first expanded event;
/// serde-saphyr's default budgets cap events and alias replays on top of that.
#[test]
fn yaml_alias_bomb() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut yaml =
        String::from("a0: &a0 [CAMERA, CAMERA, CAMERA, CAMERA, CAMERA, CAMERA, CAMERA, CAMERA]\n");
    for i in 1..12 {
        let prev = format!("*a{}", i - 1);
        yaml.push_str(&format!("a{i}: &a{i} [{}]\n", vec![prev; 8].join(", ")));
    }
    yaml.push_str("name: bomb\nandroid:\n  - permissions: *a11\n");
    let policy = write(dir.path(), "bomb.yaml", yaml.as_bytes());
    let policy = policy.to_str().expect("utf-8");
    permaudit()
        .args(["check", "testdata/m5-app", "--policy", policy])
        .timeout(Duration::from_secs(10))
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(policy));
}

/// A directory named like an input, a dangling input link, and a symlink loop inside a
/// discovered tree are errors; an unrelated dangling link is not.
#[cfg(unix)]
#[test]
fn odd_file_system_entries() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    let manifest = small_manifest();
    let run = |sub: &str| {
        permaudit()
            .current_dir(root)
            .args(["check", sub, "--format", "json"])
            .timeout(Duration::from_secs(10))
            .assert()
    };

    write(root, "a/app/AndroidManifest.xml", manifest.as_bytes());
    std::fs::create_dir_all(root.join("a/lib/AndroidManifest.xml")).expect("mkdir");
    run("a")
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("a/lib/AndroidManifest.xml"));

    write(root, "b/app/AndroidManifest.xml", manifest.as_bytes());
    symlink("missing", root.join("b/app/Info.plist")).expect("symlink");
    run("b")
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("b/app/Info.plist"));

    write(root, "c/app/AndroidManifest.xml", manifest.as_bytes());
    symlink("..", root.join("c/app/loop")).expect("symlink");
    run("c")
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("loop"));

    write(root, "d/app/AndroidManifest.xml", manifest.as_bytes());
    symlink("missing", root.join("d/app/stale-link")).expect("symlink");
    run("d").code(0);

    // A link inside the repository (`e` holds `.git`) is followed; the same link with no
    // repository around leaves the audited folder and is refused unread (tests/secrets.rs).
    write(root, "e/real/AndroidManifest.xml", manifest.as_bytes());
    std::fs::create_dir_all(root.join("e/.git")).expect("mkdir");
    std::fs::create_dir_all(root.join("e/app")).expect("mkdir");
    symlink(
        "../real/AndroidManifest.xml",
        root.join("e/app/AndroidManifest.xml"),
    )
    .expect("symlink");
    let (_, report) = check_json(&[root.join("e/app").to_str().expect("utf-8")]);
    assert_eq!(report["inputs"].as_array().map(Vec::len), Some(1));
    std::fs::remove_dir(root.join("e/.git")).expect("rmdir");
    run("e/app")
        .code(2)
        .stderr(predicate::str::contains("outside the repository"));
}

/// An unreadable file is exit 2 naming it. Root reads a mode-000 file, so there the read
/// failure is produced another way: `/proc/self/mem` opens but fails to read at offset 0
/// (EIO), the same failure path as a denied read.
#[cfg(unix)]
#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(
        dir.path(),
        "AndroidManifest.xml",
        small_manifest().as_bytes(),
    );
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read(&path).is_err() {
        assert_refused(&path, "cannot read");
        return;
    }
    #[cfg(target_os = "linux")]
    {
        let link = dir.path().join("io-error/AndroidManifest.xml");
        std::fs::create_dir_all(link.parent().expect("parent")).expect("mkdir");
        std::os::unix::fs::symlink("/proc/self/mem", &link).expect("symlink");
        assert_refused(&link, "cannot read");
        // Discovered, not named: a link out of the audited tree is refused before any read.
        assert_refused(link.parent().expect("parent"), "outside the repository");
    }
}

/// No input file's bytes or modification time change during a run.
#[test]
fn inputs_are_never_modified() {
    let dir = tempfile::tempdir().expect("tempdir");
    let manifest = write(
        dir.path(),
        "app/AndroidManifest.xml",
        small_manifest().as_bytes(),
    );
    let plist = write(
        dir.path(),
        "ios/Info.plist",
        &std::fs::read(common::root().join("testdata/ios/basic.plist")).expect("fixture"),
    );
    let snapshot = |p: &Path| {
        let meta = std::fs::metadata(p).expect("meta");
        (
            std::fs::read(p).expect("read"),
            meta.modified().expect("mtime"),
            meta.len(),
        )
    };
    let before = (snapshot(&manifest), snapshot(&plist));
    permaudit()
        .args([
            "check",
            dir.path().to_str().expect("utf-8"),
            "--format",
            "json",
        ])
        .assert()
        .code(1);
    assert_eq!(before, (snapshot(&manifest), snapshot(&plist)));
}

/// An archive listing more entries than the limit is refused from its end-of-central-directory
/// record, before the central directory is parsed; a zip bomb stops at the inflated-size cap.
#[test]
fn archive_entry_count_and_zip_bomb() {
    use std::io::Write;
    let dir = tempfile::tempdir().expect("tempdir");
    // 120,000 empty stored entries: a central directory of a few MB.
    let path = dir.path().join("many.apk");
    {
        let file = std::fs::File::create(&path).expect("create");
        let mut zip = zip_writer(file);
        for i in 0..120_000 {
            zip.start_file(format!("e{i}"), stored()).expect("entry");
        }
        zip.finish().expect("finish");
    }
    assert_refused(&path, "max-entries = 100000");

    let bomb = dir.path().join("bomb.apk");
    {
        let file = std::fs::File::create(&bomb).expect("create");
        let mut zip = zip_writer(file);
        zip.start_file("AndroidManifest.xml", deflated())
            .expect("entry");
        let block = vec![0u8; 1 << 20];
        for _ in 0..64 {
            zip.write_all(&block).expect("write");
        }
        zip.finish().expect("finish");
    }
    assert_refused(&bomb, "max-inflated-size");
}

fn zip_writer(file: std::fs::File) -> zip::ZipWriter<std::fs::File> {
    zip::ZipWriter::new(file)
}

fn stored() -> zip::write::SimpleFileOptions {
    zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored)
}

fn deflated() -> zip::write::SimpleFileOptions {
    zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated)
}

/// A project folder holding `project.pbxproj` and whatever else `files` lists, audited through
/// the binary; asserts exit 2 with `needle` and the file named on stderr, quickly.
fn assert_project_refused(files: &[(&str, Vec<u8>)], named: &str, needle: &str) {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, bytes) in files {
        write(dir.path(), name, bytes);
    }
    permaudit()
        .current_dir(dir.path())
        .args(["check", "--isolated", "."])
        .timeout(Duration::from_secs(10))
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(named))
        .stderr(predicate::str::contains(needle));
}

/// The sample project's pbxproj with `from` replaced by `to`.
fn sample_pbxproj(from: &str, to: &str) -> Vec<u8> {
    let text = std::fs::read_to_string(
        common::root().join("testdata/xcode-app/Tally.xcodeproj/project.pbxproj"),
    )
    .expect("sample pbxproj");
    assert!(text.contains(from), "{from}");
    text.replacen(from, to, 1).into_bytes()
}

/// Hostile Xcode projects: an unterminated string, nesting far deeper than any project, a file
/// over the size limit, a cyclic `#include` and an `INFOPLIST_FILE` that is not there are each
/// exit 2 naming the file (and line where there is one), never a panic or a clean run.
#[test]
fn hostile_xcode_projects_are_errors() {
    const PBX: &str = "App.xcodeproj/project.pbxproj";
    assert_project_refused(
        &[(PBX, b"// !$*UTF8*$!\n{\n\tarchiveVersion = \"1;\n".to_vec())],
        PBX,
        ":3:",
    );
    let deep = format!("{{ a = {}1{};}}", "(".repeat(100_000), ")".repeat(100_000));
    assert_project_refused(&[(PBX, deep.into_bytes())], PBX, "deep");
    let mut huge = b"// !$*UTF8*$!\n{ objects = { ".to_vec();
    huge.resize(33 * 1024 * 1024, b' ');
    assert_project_refused(&[(PBX, huge)], PBX, "bytes");
    let cyclic = sample_pbxproj("SDKROOT = iphoneos;", "SDKROOT = iphoneos;");
    assert_project_refused(
        &[
            ("Tally.xcodeproj/project.pbxproj", cyclic),
            (
                "Config/Shared.xcconfig",
                b"#include \"Other.xcconfig\"\n".to_vec(),
            ),
            (
                "Config/Other.xcconfig",
                b"#include \"Shared.xcconfig\"\n".to_vec(),
            ),
            (
                "Tally/Info.plist",
                std::fs::read(common::root().join("testdata/xcode-app/Tally/Info.plist"))
                    .expect("plist"),
            ),
        ],
        "Shared.xcconfig",
        "cycle",
    );
    assert_project_refused(
        &[(
            "Tally.xcodeproj/project.pbxproj",
            sample_pbxproj(
                "INFOPLIST_FILE = Tally/Info.plist;",
                "INFOPLIST_FILE = Gone/Info.plist;",
            ),
        )],
        "project.pbxproj:",
        "does not exist",
    );
}

/// A document of more rows than a policy can hold (25,000 list items) is refused before they
/// are resolved, and one of more lines than a policy can have (60,000) before it is read:
/// exit 2 naming the file and the limit, with no YAML.
#[test]
fn policy_document_with_too_many_rows() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text, limit) in [
        (
            "many-rows.md",
            "- android.permission.CAMERA x\n".repeat(25_000),
            "more than 20000 rows of permissions",
        ),
        (
            "many-lines.txt",
            "云端同步\n允许应用在后台同步\n".repeat(30_000),
            "the policy document has 60000 lines of text; at most 50000 are read",
        ),
    ] {
        let path = write(dir.path(), name, text.as_bytes());
        permaudit()
            .args(["policy", "import", "--allow-unresolved"])
            .arg(&path)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(name))
            .stderr(predicate::str::contains(limit));
    }
}

/// Hostile policy documents for `policy import` (issue 16): a huge document on one line, deep
/// HTML nesting, a Word document whose XML nests a million elements, a zip bomb whose entry
/// header lies about its size, and a malformed PDF: each ends with exit 0, 1 or 2 and a
/// message, never a crash. Time and memory are measured by `tests/hostile/measure.sh`.
#[test]
fn hostile_policy_documents() {
    use std::io::Write;
    let dir = tempfile::tempdir().expect("tempdir");
    let one_line = "CAMERA 相机：拍照 | 权限名称：相册 Privacy - ".repeat(200_000);
    let deep_html = "<table><tr><td>".repeat(100_000) + "CAMERA";
    let colons = "权限名称：".repeat(1_000_000);
    let mut cases: Vec<(&str, Vec<u8>)> = vec![
        ("one-line.txt", one_line.into_bytes()),
        ("deep.html", deep_html.into_bytes()),
        ("colons.txt", colons.into_bytes()),
        (
            "malformed.pdf",
            b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 1 0 R >> endobj\ntrailer << /Root 1 0 R >>"
                .to_vec(),
        ),
    ];
    let mut deep_docx = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut deep_docx));
        zip.start_file("word/document.xml", deflated())
            .expect("entry");
        for _ in 0..1_000_000 {
            zip.write_all(b"<w:tbl><w:tr><w:tc>").expect("write");
        }
        zip.finish().expect("finish");
    }
    cases.push(("deep.docx", deep_docx));
    for (name, bytes) in cases {
        let path = write(dir.path(), name, &bytes);
        let output = permaudit()
            .args(["policy", "import", "--allow-unresolved"])
            .arg(&path)
            .output()
            .expect("run");
        let code = output.status.code();
        assert!(matches!(code, Some(0..=2)), "{name}: {code:?}");
        if code == Some(2) {
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(stderr.contains(name), "{name}: {stderr}");
        }
    }
}
