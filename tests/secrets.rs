//! A pull request cannot make permaudit read, and print, what lies outside the repository:
//! inputs found by discovery and files named by a config that resolve outside it are refused
//! (exit 2, naming the link or the setting) without being read, and neither the environment
//! nor a planted secret appears in any output of any format.

#![cfg(unix)]
#![allow(clippy::unwrap_used)]

mod common;

use std::os::unix::fs::symlink;
use std::path::Path;

use common::permaudit;

const ENV_SECRET: &str = "env-secret-4c1f9a7e";
const FILE_SECRET: &str = "planted-secret-8d2b6e03";
const NS: &str = "http://schemas.android.com/apk/res/android";

fn manifest(permission: &str) -> String {
    format!(
        "<manifest xmlns:android=\"{NS}\" package=\"com.example\">\n  \
         <uses-permission android:name=\"android.permission.{permission}\"/>\n</manifest>\n"
    )
}

/// `work/repo` (a repository: it holds `.git`) and `work/outside` with the planted secrets.
fn layout() -> tempfile::TempDir {
    let work = tempfile::tempdir().unwrap();
    let repo = work.path().join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    std::fs::create_dir_all(repo.join("app/src/main")).unwrap();
    let outside = work.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    // Text that parses as far as a first line (the old "snippet"), and as a bad glob.
    std::fs::write(
        outside.join("secret.txt"),
        format!("TOKEN={FILE_SECRET}\n<manifest>\n"),
    )
    .unwrap();
    std::fs::write(
        outside.join("secret.yaml"),
        format!("policy: {FILE_SECRET}\n"),
    )
    .unwrap();
    std::fs::write(outside.join("ignore"), format!("[{FILE_SECRET}\n")).unwrap();
    std::fs::write(outside.join("Info.plist"), format!("{FILE_SECRET}\n")).unwrap();
    std::fs::write(outside.join("AndroidManifest.xml"), manifest("CAMERA")).unwrap();
    work
}

/// Runs `check` in `repo` with every format on stdout and every format written to files, and
/// returns (exit codes, everything printed or written).
fn run_everything(work: &Path, args: &[&str]) -> (Vec<i32>, String) {
    let mut codes = Vec::new();
    let mut all = String::new();
    let out = work.join("reports");
    std::fs::create_dir_all(&out).unwrap();
    for format in ["table", "json", "sarif", "github", "markdown"] {
        let output = permaudit()
            .current_dir(work.join("repo"))
            .env("PERMAUDIT_TEST_TOKEN", ENV_SECRET)
            .args(["check", "--format", format, "--verbose"])
            .args(args)
            .args(["--output", &format!("json={}/r.json", out.display())])
            .args(["--output", &format!("sarif={}/r.sarif", out.display())])
            .args(["--output", &format!("markdown={}/r.md", out.display())])
            .output()
            .unwrap();
        codes.push(output.status.code().unwrap());
        all.push_str(&String::from_utf8_lossy(&output.stdout));
        all.push_str(&String::from_utf8_lossy(&output.stderr));
        for file in std::fs::read_dir(&out).unwrap() {
            all.push_str(&String::from_utf8_lossy(
                &std::fs::read(file.unwrap().path()).unwrap(),
            ));
        }
    }
    (codes, all)
}

fn assert_refused(work: &Path, args: &[&str], names: &str) {
    let (codes, all) = run_everything(work, args);
    assert!(codes.iter().all(|&c| c == 2), "exit codes {codes:?}\n{all}");
    assert!(all.contains(names), "the error names {names}:\n{all}");
    assert!(all.contains("outside the repository"), "{all}");
    assert!(!all.contains(ENV_SECRET), "the environment leaked:\n{all}");
    assert!(
        !all.contains(FILE_SECRET),
        "the planted secret leaked:\n{all}"
    );
}

#[test]
fn discovered_links_out_of_the_repository_are_refused_unread() {
    let work = layout();
    let repo = work.path().join("repo");
    let main = repo.join("app/src/main/AndroidManifest.xml");

    symlink("/proc/self/environ", &main).unwrap();
    assert_refused(work.path(), &["."], "app/src/main/AndroidManifest.xml");

    std::fs::remove_file(&main).unwrap();
    symlink("../../../../outside/secret.txt", &main).unwrap();
    assert_refused(work.path(), &["."], "app/src/main/AndroidManifest.xml");
    std::fs::remove_file(&main).unwrap();

    // A linked folder out of the repository is not walked.
    std::fs::write(&main, manifest("CAMERA")).unwrap();
    symlink("../outside", repo.join("ios")).unwrap();
    assert_refused(work.path(), &["."], "ios");
    std::fs::remove_file(repo.join("ios")).unwrap();

    // A link that stays inside the repository is followed as before.
    std::fs::create_dir_all(repo.join("shared")).unwrap();
    std::fs::rename(&main, repo.join("shared/AndroidManifest.xml")).unwrap();
    symlink("../../../shared/AndroidManifest.xml", &main).unwrap();
    permaudit()
        .current_dir(&repo)
        .args(["check", "app", "--fail-on", "never"])
        .assert()
        .success();

    // A path named on the command line is the user's choice and stays allowed.
    permaudit()
        .current_dir(&repo)
        .args(["check", "--fail-on", "never"])
        .arg(work.path().join("outside/AndroidManifest.xml"))
        .assert()
        .success();
}

#[test]
fn a_config_cannot_name_files_outside_the_repository() {
    let work = layout();
    let repo = work.path().join("repo");
    std::fs::write(
        repo.join("app/src/main/AndroidManifest.xml"),
        manifest("CAMERA"),
    )
    .unwrap();
    let config = repo.join(".permaudit.yaml");
    for policy in [
        "../../../../../../../../proc/self/environ",
        "/proc/self/environ",
        "../outside/secret.txt",
    ] {
        std::fs::write(&config, format!("policy: {policy}\n")).unwrap();
        assert_refused(work.path(), &["."], "`policy`");
    }
    // A config linked in from outside is not read either.
    std::fs::remove_file(&config).unwrap();
    symlink("../outside/secret.yaml", &config).unwrap();
    assert_refused(work.path(), &["."], ".permaudit.yaml");
    std::fs::remove_file(&config).unwrap();

    // A policy inside the repository, named by the config, is read as always.
    std::fs::write(&config, "policy: privacy/policy.yaml\n").unwrap();
    std::fs::create_dir_all(repo.join("privacy")).unwrap();
    std::fs::write(
        repo.join("privacy/policy.yaml"),
        "name: p\nandroid:\n  - name: Camera\n    permissions: [CAMERA]\n    \
         purpose: Scan QR codes\n",
    )
    .unwrap();
    let output = permaudit()
        .current_dir(&repo)
        .args(["check", ".", "--fail-on", "never"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn an_ignore_file_linked_to_a_secret_never_prints_it() {
    let work = layout();
    let repo = work.path().join("repo");
    std::fs::write(
        repo.join("app/src/main/AndroidManifest.xml"),
        manifest("CAMERA"),
    )
    .unwrap();
    symlink("../outside/ignore", repo.join(".gitignore")).unwrap();
    let (_, all) = run_everything(work.path(), &["."]);
    assert!(
        !all.contains(FILE_SECRET),
        "the planted secret leaked:\n{all}"
    );
}

#[test]
fn snippets_are_never_shown_for_content_that_is_not_text() {
    // A file named on the command line is read; when it is not text, its error has no snippet.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("AndroidManifest.xml");
    std::fs::write(
        &path,
        format!("<manifest xmlns:android=\"{NS}\">\0TOKEN={FILE_SECRET}\0</manifest>\n"),
    )
    .unwrap();
    let output = permaudit().arg("check").arg(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains(FILE_SECRET), "{stderr}");
}

/// The files an Xcode project names (its target's `INFOPLIST_FILE`, an `#include` in an
/// xcconfig) and a linked `.xcodeproj` folder come from the pull request too: outside the
/// repository they are refused unread.
#[test]
fn an_xcode_project_cannot_read_files_outside_the_repository() {
    let work = layout();
    let repo = work.path().join("repo");
    let sample = common::root().join("testdata/xcode-app");
    let copy = |from: &str| {
        let to = repo.join(from);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(sample.join(from), to).unwrap();
    };
    for file in [
        "Tally.xcodeproj/project.pbxproj",
        "Config/Shared.xcconfig",
        "Tally/Info.plist",
        "TallyWidget/Info.plist",
    ] {
        copy(file);
    }
    std::fs::remove_dir_all(repo.join("app")).unwrap();
    let pbxproj = repo.join("Tally.xcodeproj/project.pbxproj");
    let original = std::fs::read_to_string(&pbxproj).unwrap();
    permaudit()
        .current_dir(&repo)
        .args(["check", "--fail-on", "never"])
        .assert()
        .success();

    // (An absolute INFOPLIST_FILE is refused as such; a relative one may still climb out.)
    std::fs::write(
        &pbxproj,
        original.replace(
            "INFOPLIST_FILE = Tally/Info.plist;",
            "INFOPLIST_FILE = ../outside/Info.plist;",
        ),
    )
    .unwrap();
    assert_refused(work.path(), &["."], "Info.plist");
    std::fs::write(&pbxproj, &original).unwrap();

    let xcconfig = repo.join("Config/Shared.xcconfig");
    std::fs::write(&xcconfig, "#include \"../../outside/secret.txt\"\n").unwrap();
    assert_refused(work.path(), &["."], "secret.txt");
    std::fs::copy(sample.join("Config/Shared.xcconfig"), &xcconfig).unwrap();

    // A project folder linked out of the repository is not read.
    let elsewhere = work.path().join("outside/Linked.xcodeproj");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("project.pbxproj"), FILE_SECRET).unwrap();
    symlink(&elsewhere, repo.join("Linked.xcodeproj")).unwrap();
    assert_refused(work.path(), &["."], "Linked.xcodeproj");
}
