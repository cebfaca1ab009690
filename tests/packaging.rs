//! The ways to install permaudit agree with the crate and with each other: the wheel's project,
//! the pre-commit mirror, the GitHub Action and the binstall metadata carry this version and
//! the hook definition of `.pre-commit-hooks.yaml`; the README's workflows and the Action pass
//! `actionlint` (required in CI: `.ci/run` installs it and names it in `PERMAUDIT_ACTIONLINT`,
//! with shellcheck in `PERMAUDIT_SHELLCHECK`).

mod common;

use std::path::Path;
use std::process::Command;

use serde_json::Value;

const VERSION: &str = env!("CARGO_PKG_VERSION");

fn read(path: &str) -> String {
    std::fs::read_to_string(common::root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn yaml(path: &str) -> Value {
    serde_saphyr::from_str(&read(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The lines of a TOML file as `key = value` pairs, with the table they sit in; enough for
/// the flat pyproject files here without a TOML parser in the dev tree.
fn toml_value(path: &str, table: &str, key: &str) -> String {
    let text = read(path);
    let mut current = String::new();
    for line in text.lines().map(str::trim) {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = name.to_owned();
        } else if current == table
            && let Some((k, v)) = line.split_once('=')
            && k.trim() == key
        {
            return v.trim().to_owned();
        }
    }
    panic!("{path}: no {key} in [{table}]")
}

#[test]
fn wheel_is_the_crate_binary() {
    let path = "packaging/python/pyproject.toml";
    assert_eq!(toml_value(path, "tool.maturin", "bindings"), r#""bin""#);
    assert_eq!(
        toml_value(path, "tool.maturin", "manifest-path"),
        r#""../../Cargo.toml""#
    );
    assert_eq!(toml_value(path, "project", "name"), r#""permaudit""#);
    // The version is the crate's, read by maturin from Cargo.toml.
    assert_eq!(toml_value(path, "project", "dynamic"), r#"["version"]"#);
    assert_eq!(toml_value(path, "project", "license"), r#""MIT""#);
    assert_eq!(
        toml_value(path, "project", "readme"),
        r#""../../README.md""#
    );
    let license = common::root().join("packaging/python/LICENSE");
    assert_eq!(
        std::fs::read(&license).expect("packaging/python/LICENSE (a link to the crate's)"),
        std::fs::read(common::root().join("LICENSE")).expect("LICENSE")
    );
}

#[test]
fn mirror_pins_this_version_and_is_the_main_hook() {
    let path = "packaging/pre-commit-mirror/pyproject.toml";
    assert_eq!(
        toml_value(path, "project", "version"),
        format!(r#""{VERSION}""#)
    );
    assert_eq!(
        toml_value(path, "project", "dependencies"),
        format!(r#"["permaudit=={VERSION}"]"#)
    );

    let main = yaml(".pre-commit-hooks.yaml");
    let main = main
        .as_array()
        .and_then(|hooks| hooks.iter().find(|h| h["id"] == "permaudit"))
        .expect("the main repository's permaudit hook");
    let mirror = yaml("packaging/pre-commit-mirror/.pre-commit-hooks.yaml");
    let hooks = mirror.as_array().expect("a list of hooks");
    assert_eq!(hooks.len(), 1, "the mirror has one hook");
    let hook = &hooks[0];
    assert_eq!(hook["language"], "python", "the mirror installs the wheel");
    for key in [
        "id",
        "name",
        "description",
        "entry",
        "pass_filenames",
        "files",
    ] {
        assert_eq!(
            hook[key], main[key],
            "mirror hook {key} differs from the main hook's"
        );
    }
}

#[test]
fn action_installs_this_version() {
    let action = yaml("action/action.yml");
    assert_eq!(action["runs"]["using"], "composite");
    assert_eq!(action["inputs"]["version"]["default"], VERSION);
    for script in ["action/install.sh", "action/check.sh"] {
        assert!(
            action["runs"]["steps"]
                .as_array()
                .expect("steps")
                .iter()
                .any(|s| s["run"].as_str().is_some_and(|r| r.contains(&format!(
                    "$GITHUB_ACTION_PATH/{}",
                    script.trim_start_matches("action/")
                )))),
            "no step runs {script}"
        );
    }
}

/// Every `permaudit==X` in the README is this version.
#[test]
fn readme_pins_this_version() {
    let readme = read("README.md");
    let pins: Vec<&str> = readme
        .match_indices("permaudit==")
        .map(|(i, m)| {
            let rest = &readme[i + m.len()..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
                .unwrap_or(rest.len());
            &rest[..end]
        })
        .filter(|v| !v.is_empty() && *v != "VERSION")
        .collect();
    assert!(!pins.is_empty(), "the README pins a version somewhere");
    assert!(
        pins.iter().all(|v| *v == VERSION),
        "README pins {pins:?}, crate is {VERSION}"
    );
}

/// The release recipe names the archive binstall asks for, for every target it lists.
#[test]
fn binstall_metadata_names_the_release_archives() {
    let output = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(common::root())
        .output()
        .expect("cargo metadata");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: Value = serde_json::from_slice(&output.stdout).expect("metadata JSON");
    let binstall = &metadata["packages"][0]["metadata"]["binstall"];
    let url = binstall["pkg-url"].as_str().expect("pkg-url");
    let bin_dir = binstall["bin-dir"].as_str().expect("bin-dir");
    assert_eq!(binstall["pkg-fmt"], "tgz");
    assert_eq!(
        binstall["overrides"]["x86_64-pc-windows-msvc"]["pkg-fmt"],
        "zip"
    );

    let readme = read("README.md");
    let recipe = &readme[readme.find("## Releasing").expect("README release recipe")..];
    let targets = [
        "x86_64-unknown-linux-gnu",
        "aarch64-unknown-linux-gnu",
        "x86_64-unknown-linux-musl",
        "x86_64-apple-darwin",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ];
    for target in targets {
        let suffix = if target.contains("windows") {
            ".zip"
        } else {
            ".tar.gz"
        };
        let file = url
            .rsplit('/')
            .next()
            .expect("a file name")
            .replace("{ name }", "permaudit")
            .replace("{ version }", "VERSION")
            .replace("{ target }", target)
            .replace("{ archive-suffix }", suffix);
        assert!(
            recipe.contains(&format!("`{file}`")),
            "release recipe lacks {file}"
        );
    }
    let folder = bin_dir
        .replace("{ name }", "permaudit")
        .replace("{ version }", VERSION)
        .replace("{ target }", "x86_64-unknown-linux-gnu")
        .replace("{ bin }", "permaudit")
        .replace("{ binary-ext }", "");
    assert!(
        recipe.contains(&folder),
        "release recipe lacks the layout {folder}"
    );
}

/// The fenced YAML blocks of the README whose first line names a workflow file
/// (`# .github/workflows/NAME.yml`), as (name, text).
fn readme_workflows() -> Vec<(String, String)> {
    let readme = read("README.md");
    let mut found = Vec::new();
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        if line.trim() != "```yaml" {
            continue;
        }
        let block: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
        if let Some(name) = block
            .first()
            .and_then(|l| l.trim().strip_prefix("# .github/workflows/"))
        {
            found.push((name.trim().to_owned(), block.join("\n") + "\n"));
        }
    }
    found
}

/// A workflow that sets every input of the Action, so actionlint checks all of them against
/// `action.yml`.
fn every_input_workflow(action: &Value) -> String {
    let inputs = action["inputs"].as_object().expect("inputs");
    let mut with = String::new();
    for name in inputs.keys() {
        with.push_str(&format!("          {name}: \"x\"\n"));
    }
    format!(
        "name: every input\non: push\njobs:\n  audit:\n    runs-on: ubuntu-latest\n    steps:\n      \
         - uses: actions/checkout@v4\n      - uses: ./action\n        id: audit\n        with:\n{with}      \
         - run: echo \"exit ${{{{ steps.audit.outputs.exit-code }}}} ${{{{ steps.audit.outputs.sarif-file }}}}\"\n"
    )
}

#[test]
fn readme_workflows_and_the_action_pass_actionlint() {
    let workflows = readme_workflows();
    let names: Vec<&str> = workflows.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["permaudit.yml", "permaudit-pip.yml"],
        "the README's workflow examples"
    );
    assert!(
        workflows[0].1.contains("uses: OWNER/permaudit/action@v1"),
        "the first recipe uses the Action"
    );

    let Some(actionlint) = std::env::var_os("PERMAUDIT_ACTIONLINT") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "PERMAUDIT_ACTIONLINT is not set in CI (.ci/run installs actionlint)"
        );
        eprintln!("skipped: PERMAUDIT_ACTIONLINT is not set (.ci/run sets it)");
        return;
    };
    let repo = tempfile::tempdir().expect("temp dir");
    // actionlint finds the project by its `.git` folder.
    std::fs::create_dir_all(repo.path().join(".git")).expect(".git");
    let dir = repo.path().join(".github/workflows");
    std::fs::create_dir_all(&dir).expect("workflows dir");
    std::fs::create_dir_all(repo.path().join("action")).expect("action dir");
    std::fs::copy(
        common::root().join("action/action.yml"),
        repo.path().join("action/action.yml"),
    )
    .expect("copy action.yml");
    for (name, text) in &workflows {
        // The published reference becomes the local Action, whose inputs actionlint checks.
        let local = text.replace("OWNER/permaudit/action@v1", "./action");
        std::fs::write(dir.join(name), local).expect("write workflow");
    }
    std::fs::write(
        dir.join("every-input.yml"),
        every_input_workflow(&yaml("action/action.yml")),
    )
    .expect("write workflow");
    run_actionlint(Path::new(&actionlint), repo.path());
}

fn run_actionlint(actionlint: &Path, repo: &Path) {
    let mut cmd = Command::new(actionlint);
    cmd.current_dir(repo).args(["-no-color", "-oneline"]);
    match std::env::var_os("PERMAUDIT_SHELLCHECK") {
        Some(shellcheck) => cmd.arg("-shellcheck").arg(shellcheck),
        None => cmd.args(["-shellcheck", ""]),
    };
    let output = cmd.output().expect("run actionlint");
    assert!(
        output.status.success(),
        "actionlint:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
