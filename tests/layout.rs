//! The README's Layout block is true: every path it names exists, and every file and folder of
//! `src/` (and of its sub-folders that hold one module per concern) is named in it, so a new
//! room cannot be added without saying what it is for.

use std::collections::BTreeSet;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The fenced block under `## Layout`.
fn layout_block() -> String {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let section = readme
        .split("\n## Layout\n")
        .nth(1)
        .expect("README has a `## Layout` section");
    let start = section.find("```\n").expect("Layout has a fenced block") + 4;
    let end = start + section[start..].find("```").expect("the block is closed");
    section[start..end].to_owned()
}

/// Paths the block names: a word at the start of a line, or two spaces in under the last
/// folder named at the start of a line.
fn named_paths(block: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut folder = String::new();
    for line in block.lines() {
        let Some(word) = line.split_whitespace().next() else {
            continue;
        };
        let indent = line.len() - line.trim_start().len();
        let path = match indent {
            0 => {
                if word.ends_with('/') {
                    folder = word.to_owned();
                }
                word.to_owned()
            }
            2 => format!("{folder}{word}"),
            _ => continue,
        };
        // `src/audit/<rule>.rs` stands for a family of files.
        if !path.contains('<') {
            out.push(path);
        }
    }
    out
}

fn words(block: &str) -> BTreeSet<String> {
    block
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | ';' | ':' | '`'))
        .flat_map(|w| {
            let w = w.trim_end_matches('.');
            // `xcode/` and `src/input/xcode/` both name the folder `xcode`.
            let last = w.trim_end_matches('/').rsplit('/').next().unwrap_or(w);
            [w.to_owned(), last.to_owned()]
        })
        .collect()
}

#[test]
fn every_named_path_exists() {
    let block = layout_block();
    let paths = named_paths(&block);
    assert!(
        paths.len() > 20,
        "the Layout block names too few paths: {paths:?}"
    );
    for path in paths {
        assert!(
            root().join(&path).exists(),
            "README Layout names `{path}`, which does not exist"
        );
    }
}

#[test]
fn every_source_file_and_folder_is_named() {
    let block = layout_block();
    let words = words(&block);
    let named: BTreeSet<String> = named_paths(&block).into_iter().collect();
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(root().join("src")).expect("src/") {
        let entry = entry.expect("entry");
        let name = entry.file_name().to_string_lossy().into_owned();
        let shown = if entry.path().is_dir() {
            format!("src/{name}/")
        } else {
            format!("src/{name}")
        };
        if !named.contains(&shown) {
            missing.push(shown);
        }
    }
    // Folders whose files each have one job: each file is named in the block.
    for dir in [
        "src/input",
        "src/input/xcode",
        "src/policy/import",
        "src/report",
        "src/i18n",
        "src/catalog",
        "src/config",
    ] {
        let Ok(entries) = std::fs::read_dir(root().join(dir)) else {
            missing.push(format!("{dir}/ (folder named by this test)"));
            continue;
        };
        for entry in entries {
            let name = entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned();
            let is_mod = name == "mod.rs" && dir != "src/input";
            if !is_mod && !words.contains(&name) && !words.contains(&format!("{name}/")) {
                missing.push(format!("{dir}/{name}"));
            }
        }
    }
    // Every input room under src/input/ is its own line.
    for entry in std::fs::read_dir(root().join("src/input")).expect("src/input/") {
        let entry = entry.expect("entry");
        if entry.path().is_dir() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !named.contains(&format!("src/input/{name}/")) {
                missing.push(format!("src/input/{name}/ (as its own line)"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "README Layout does not name: {}",
        missing.join(", ")
    );
}
