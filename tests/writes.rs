//! Every file permaudit writes (`--output FORMAT=FILE`, `--write-baseline`, `policy import
//! --out`, `init`) leaves what the path names intact: a device stays a device, a FIFO is
//! written and stays a FIFO, a symlink is written through and stays a link, a regular file
//! keeps its permissions, and `-` is standard output.

#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::print_stderr)]

mod common;

use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use common::{permaudit, root};

fn is_root() -> bool {
    Process::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// A character device with `/dev/null`'s numbers (1, 3) in `dir`. Needs root; CI runs as root,
/// and there a failure to create it fails the test.
fn null_device(dir: &Path) -> Option<PathBuf> {
    let node = dir.join("null");
    let made = Process::new("mknod")
        .arg(&node)
        .args(["c", "1", "3"])
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        assert!(!is_root(), "mknod failed although running as root");
        eprintln!("skipping the device-node case: mknod needs root");
        return None;
    }
    Some(node)
}

fn assert_still_null_device(node: &Path) {
    let meta = std::fs::symlink_metadata(node).unwrap();
    assert!(
        meta.file_type().is_char_device(),
        "{} is no longer a character device",
        node.display()
    );
    assert_eq!(meta.rdev(), std::fs::metadata("/dev/null").unwrap().rdev());
}

fn fifo(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let status = Process::new("mkfifo").arg(&path).status().unwrap();
    assert!(status.success());
    path
}

/// Reads a FIFO to its end on another thread (a writer blocks until a reader opens it).
fn drain(path: &Path) -> std::thread::JoinHandle<Vec<u8>> {
    let path = path.to_path_buf();
    std::thread::spawn(move || std::fs::read(path).unwrap())
}

fn sample() -> String {
    root()
        .join("testdata/m5-app")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn report_to_a_device_node_keeps_the_node() {
    let dir = tempfile::tempdir().unwrap();
    let Some(node) = null_device(dir.path()) else {
        return;
    };
    let node_s = node.to_string_lossy().into_owned();
    permaudit()
        .args(["check", &sample(), "--output"])
        .arg(format!("json={node_s}"))
        .arg("--write-baseline")
        .arg(&node)
        .assert()
        .code(0);
    assert_still_null_device(&node);
    // Nothing left beside it: no temporary file was made or renamed.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    permaudit()
        .args(["policy", "import"])
        .arg(root().join("testdata/policies/en-markdown.md"))
        .arg("--out")
        .arg(&node)
        .assert()
        .success();
    assert_still_null_device(&node);
}

#[test]
fn report_to_a_fifo_is_written_into_it() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = fifo(dir.path(), "report.fifo");
    let reader = drain(&pipe);
    permaudit()
        .args(["check", &sample(), "--fail-on", "never", "--output"])
        .arg(format!("sarif={}", pipe.display()))
        .assert()
        .success();
    let bytes = reader.join().unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&bytes).expect("SARIF through the FIFO");
    assert_eq!(sarif["version"], "2.1.0");
    assert!(
        std::fs::symlink_metadata(&pipe)
            .unwrap()
            .file_type()
            .is_fifo()
    );

    // A baseline written into a FIFO still hides what it lists: the run uses the bytes it wrote.
    let reader = drain(&pipe);
    permaudit()
        .args(["check", &sample(), "--write-baseline"])
        .arg(&pipe)
        .assert()
        .code(0);
    let baseline: serde_json::Value = serde_json::from_slice(&reader.join().unwrap()).unwrap();
    assert!(!baseline["findings"].as_array().unwrap().is_empty());
    assert!(
        std::fs::symlink_metadata(&pipe)
            .unwrap()
            .file_type()
            .is_fifo()
    );
}

#[test]
fn report_through_a_symlink_writes_the_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let real = dir.path().join("out/report.json");
    std::fs::write(&real, "old").unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = dir.path().join("report.json");
    std::os::unix::fs::symlink("out/report.json", &link).unwrap();
    permaudit()
        .args(["check", &sample(), "--fail-on", "never", "--output"])
        .arg(format!("json={}", link.display()))
        .assert()
        .success();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&real).unwrap()).unwrap();
    assert!(report["findings"].is_array());
    let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the replaced file keeps its permissions");

    // `init --with-policy` through a link: the link stays, its target gets the policy.
    let work = tempfile::tempdir().unwrap();
    std::fs::write(work.path().join("real-policy.yaml"), "old").unwrap();
    std::os::unix::fs::symlink("real-policy.yaml", work.path().join("policy.yaml")).unwrap();
    permaudit()
        .current_dir(work.path())
        .args(["init", "--force", "--with-policy", "policy.yaml"])
        .arg(sample())
        .assert()
        .success();
    assert!(
        std::fs::symlink_metadata(work.path().join("policy.yaml"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let text = std::fs::read_to_string(work.path().join("real-policy.yaml")).unwrap();
    assert!(text.contains("permissions"), "{text}");

    // A link to nothing is refused, and stays a link.
    let dangling = dir.path().join("dangling.json");
    std::os::unix::fs::symlink("missing/report.json", &dangling).unwrap();
    permaudit()
        .args(["check", &sample(), "--fail-on", "never", "--output"])
        .arg(format!("json={}", dangling.display()))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("symbolic link"));
    assert!(
        std::fs::symlink_metadata(&dangling)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn dash_and_dev_stdout_are_standard_output() {
    for target in ["-", "/dev/stdout"] {
        let output = permaudit()
            .args([
                "check",
                &sample(),
                "--fail-on",
                "never",
                "--quiet",
                "--output",
            ])
            .arg(format!("json={target}"))
            .output()
            .unwrap();
        assert!(output.status.success(), "{target}");
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert!(
            stdout.contains("\"findings\""),
            "{target}: the JSON report is on stdout: {stdout}"
        );
    }
    assert!(
        std::fs::symlink_metadata("/dev/stdout").is_ok_and(|m| !m.file_type().is_file()),
        "/dev/stdout must never become a regular file"
    );
    permaudit()
        .args(["policy", "import"])
        .arg(root().join("testdata/policies/en-markdown.md"))
        .args(["--out", "-"])
        .assert()
        .success()
        .stdout(predicates::str::contains("permissions"));
}
