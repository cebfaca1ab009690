//! `check --policy-doc URL` against a local HTTP server on 127.0.0.1 (never an outside
//! address): the page is fetched and audited against; plain http needs `--allow-http`; a
//! redirect loop, an oversized body and an error status are exit 2 naming the address,
//! and the body of an error page is never echoed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

use common::{check_json, findings, permaudit};

const POLICY: &str = "# 示例权限\n\n| 权限名称 | 相关权限 | 使用场景或目的 |\n|---|---|---|\n\
                      | 相机 | CAMERA | 扫码 |\n";

/// Serves until the process ends: `/policy.md`, `/loop` (redirects to itself), `/big` (a body
/// over the size limit), anything else 404 with a body that must never be echoed.
fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            let _ = reader.read_line(&mut request);
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
                    break;
                }
            }
            let path = request.split_whitespace().nth(1).unwrap_or("/").to_owned();
            let _ = match path.as_str() {
                "/policy.md" => write!(
                    stream,
                    "HTTP/1.1 200 OK\r\nContent-Type: text/markdown\r\nContent-Length: {}\r\n\
                     Connection: close\r\n\r\n{POLICY}",
                    POLICY.len()
                ),
                // `Connection: close`, as this server closes every connection after one
                // answer: without it the client may send the next redirect's request on the
                // closed socket and fail with an end of file instead of counting redirects.
                "/loop" => write!(
                    stream,
                    "HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\n\
                     Connection: close\r\n\r\n"
                ),
                "/big" => {
                    let size = 17 * 1024 * 1024;
                    let _ = write!(
                        stream,
                        "HTTP/1.1 200 OK\r\nContent-Length: {size}\r\nConnection: close\r\n\r\n"
                    );
                    let block = vec![b'a'; 64 * 1024];
                    for _ in 0..(size / block.len()) {
                        if stream.write_all(&block).is_err() {
                            break;
                        }
                    }
                    Ok(())
                }
                _ => write!(
                    stream,
                    "HTTP/1.1 404 Not Found\r\nContent-Length: 18\r\nConnection: close\r\n\r\n\
                     SECRET-ERROR-PAGE\n"
                ),
            };
        }
    });
    address
}

#[test]
fn live_policy_over_local_http() {
    let base = serve();
    let url = format!("{base}/policy.md");
    let (code, report) = check_json(&[
        "--policy-doc",
        &url,
        "--allow-http",
        "testdata/android/empty-app.xml",
    ]);
    assert_eq!(code, 0, "{report}");
    let found = findings(&report);
    assert!(
        found
            .iter()
            .any(|(rule, p, _)| rule == "unused" && p == "android.permission.CAMERA"),
        "{found:?}"
    );

    // Plain http without --allow-http is refused before anything is sent.
    permaudit()
        .args([
            "check",
            "--policy-doc",
            &url,
            "testdata/android/empty-app.xml",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "only https:// addresses are fetched",
        ));

    for (path, says) in [
        ("/loop", "redirects"),
        ("/big", "larger than"),
        ("/missing", "HTTP 404"),
    ] {
        let url = format!("{base}{path}");
        let output = permaudit()
            .args(["check", "--policy-doc", &url, "--allow-http"])
            .arg("testdata/android/empty-app.xml")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{path}: {stderr}");
        assert!(stderr.contains(&url), "{path}: {stderr}");
        assert!(stderr.contains(says), "{path}: {stderr}");
        assert!(!stderr.contains("SECRET-ERROR-PAGE"), "{path}: {stderr}");
    }
}
