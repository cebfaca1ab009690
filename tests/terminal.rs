//! The human report as a person sees it: run in a real terminal (tmux) at 80 and 120
//! columns, the screen captured with `capture-pane`. No line may be wider than the terminal,
//! and every finding's whole message must be on screen.
//!
//! `.ci/run` installs tmux and sets `PERMAUDIT_TMUX`; without it the test says it is skipped.

#![allow(clippy::print_stderr, clippy::unwrap_used)]

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use unicode_width::UnicodeWidthStr;

fn tmux() -> Option<String> {
    let tool = std::env::var("PERMAUDIT_TMUX").ok();
    if tool.is_none() {
        eprintln!("PERMAUDIT_TMUX is not set: terminal test skipped (.ci/run sets it)");
    }
    tool
}

/// The screen (and scroll-back) after running `permaudit check <args>` in a `width`-column
/// tmux pane.
fn screen(tmux: &str, width: u16, args: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("tmux.sock");
    let script = dir.path().join("run.sh");
    let bin = env!("CARGO_BIN_EXE_permaudit");
    std::fs::write(
        &script,
        format!(
            "cd '{}' && '{bin}' check {args}; echo \"permaudit-exit=$?\"; sleep 60\n",
            common::root().display()
        ),
    )
    .unwrap();
    let run = |extra: &[&str]| {
        Command::new(tmux)
            .arg("-S")
            .arg(&socket)
            .args(["-f", "/dev/null"])
            .args(extra)
            .env("PERMAUDIT_TODAY", "2025-01-01")
            .env_remove("NO_COLOR")
            .output()
            .expect("run tmux")
    };
    let started = run(&[
        "new-session",
        "-d",
        "-x",
        &width.to_string(),
        "-y",
        "40",
        "sh",
        &script.display().to_string(),
    ]);
    assert!(started.status.success(), "{started:?}");
    run(&["set-option", "-g", "history-limit", "10000"]);
    let deadline = Instant::now() + Duration::from_secs(30);
    let text = loop {
        let captured = run(&["capture-pane", "-p", "-S", "-", "-E", "-"]);
        let text = String::from_utf8(captured.stdout).unwrap();
        if text.contains("permaudit-exit=") || Instant::now() > deadline {
            break text;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    run(&["kill-server"]);
    assert!(text.contains("permaudit-exit=1"), "{text}");
    text
}

/// Tokens of text, without the punctuation the report moves into its own lines.
fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            w.trim_matches(|c| c == ';' || c == '(' || c == ')')
                .to_owned()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

fn check_screen(text: &str, width: usize, report: &serde_json::Value) {
    for line in text.lines() {
        assert!(
            UnicodeWidthStr::width(line) <= width,
            "wider than {width} columns: {line:?}\n{text}"
        );
    }
    let findings = report["findings"].as_array().unwrap();
    let starts: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| {
            ["error[", "warning[", "note["]
                .iter()
                .any(|p| l.starts_with(p))
        })
        .map(|(i, _)| i)
        .collect();
    assert_eq!(starts.len(), findings.len(), "{text}");
    let lines: Vec<&str> = text.lines().collect();
    for (i, f) in findings.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(lines.len());
        let block = words(&lines[starts[i]..end].join("\n"));
        let message = words(f["message"].as_str().unwrap());
        let mut at = 0;
        for word in &message {
            match block[at..].iter().position(|w| w == word) {
                Some(p) => at += p + 1,
                None => panic!(
                    "{width} columns: `{word}` of the message of finding {i} is not on screen \
                     in order\nmessage: {}\nblock:\n{}",
                    f["message"],
                    lines[starts[i]..end].join("\n")
                ),
            }
        }
        let location = format!(
            "{}:{}:{}",
            f["path"].as_str().unwrap(),
            f["line"],
            f["column"]
        );
        assert!(block.contains(&location), "{location} not shown");
    }
}

#[test]
fn diagnostics_fit_80_and_120_columns() {
    let Some(tmux) = tmux() else { return };
    assert!(
        Path::new(&tmux).exists() || tmux == "tmux",
        "{tmux} not found"
    );
    let (_, report) = common::check_json(&["testdata/m5-app"]);
    for width in [80u16, 120] {
        let text = screen(&tmux, width, "testdata/m5-app");
        check_screen(&text, usize::from(width), &report);
        // The closing line counts what the JSON report of the same run counts.
        let summary = &report["summary"];
        let line = format!(
            "{} errors, {} warnings, {} notes",
            summary["errors"], summary["warnings"], summary["notes"]
        );
        assert!(text.contains(&line), "{line} not in:\n{text}");
    }
}
