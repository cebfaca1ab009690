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
    run_in_pane(tmux, width, &format!("check {args}"), 1)
}

/// The screen after running `permaudit <command>` (shell words, redirections allowed) in a
/// `width`-column tmux pane, which must exit with `exit`.
fn run_in_pane(tmux: &str, width: u16, command: &str, exit: i32) -> String {
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("tmux.sock");
    let script = dir.path().join("run.sh");
    let bin = env!("CARGO_BIN_EXE_permaudit");
    std::fs::write(
        &script,
        format!(
            "cd '{}' && '{bin}' {command}; echo \"permaudit-exit=$?\"; sleep 60\n",
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
    assert!(text.contains(&format!("permaudit-exit={exit}")), "{text}");
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

/// `policy import`'s doubts in a terminal: wrapped to its width with continuation lines
/// indented, every word of each doubt on screen in order (piped, each stays one line: see
/// `tests/import.rs`).
#[test]
fn import_doubts_fit_80_columns() {
    let Some(tmux) = tmux() else { return };
    let document = "testdata/policies/zh-labels.md";
    let piped = common::permaudit()
        .args(["policy", "import", document])
        .output()
        .unwrap();
    assert_eq!(piped.status.code(), Some(2));
    let doubts = String::from_utf8(piped.stderr).unwrap();
    assert!(doubts.lines().any(|l| l.width() > 80), "{doubts}");
    let text = run_in_pane(
        &tmux,
        80,
        &format!("policy import {document} >/dev/null"),
        2,
    );
    for line in text.lines() {
        assert!(
            line.width() <= 80,
            "wider than 80 columns: {line:?}\n{text}"
        );
    }
    // Each doubt starts a line, its continuations are indented, and its words are all there.
    let lines: Vec<&str> = text.lines().collect();
    for doubt in doubts.lines() {
        let start = lines
            .iter()
            .position(|l| doubt.starts_with(l.trim_end()) && !l.trim().is_empty())
            .unwrap_or_else(|| panic!("{doubt:?} does not start a line:\n{text}"));
        let mut shown = lines[start].trim_end().to_owned();
        for l in &lines[start + 1..] {
            let Some(rest) = l.strip_prefix("    ") else {
                break;
            };
            shown.push(' ');
            shown.push_str(rest.trim_end());
        }
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert_eq!(squeeze(&shown), squeeze(doubt), "{text}");
    }
}

/// An error `check` stops on (here a policy document with unresolved rows) in a terminal:
/// wrapped between words with its later lines indented, nothing cut by the terminal's edge.
#[test]
fn check_errors_fit_80_columns() {
    let Some(tmux) = tmux() else { return };
    let args = "check --policy-doc testdata/policies/shapes/31-numbered-tagged.zh.txt \
                testdata/m5-app";
    let piped = common::permaudit().args(args.split(' ')).output().unwrap();
    assert_eq!(piped.status.code(), Some(2));
    let error = String::from_utf8(piped.stderr).unwrap();
    assert!(error.lines().any(|l| l.width() > 80), "{error}");
    let text = run_in_pane(&tmux, 80, args, 2);
    // Every line of the error on screen is a line of its own or an indented continuation,
    // so squeezed of spaces it is the piped error.
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with("error:"))
        .unwrap_or_else(|| panic!("no error on screen:\n{text}"));
    let shown: String = lines[start..]
        .iter()
        .take_while(|l| l.starts_with("error:") || l.starts_with(' '))
        .copied()
        .collect();
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    assert_eq!(squeeze(&shown), squeeze(&error), "{text}");
}
