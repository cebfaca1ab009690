//! CLI cases kept as files: each `tests/cases/**/NAME.toml` holds a command line (run from the
//! repository root), with the expected stdout, stderr and exit code beside it as `NAME.stdout`
//! and `NAME.stderr`. `TRYCMD=overwrite cargo test --test cli_cases` rewrites the expectations
//! after an intended change; review the diff like any other.
//!
//! `tests/cases/rules/` holds one case per rule, run with only that rule on (`--select`), so a
//! rule that stops firing, or fires elsewhere, changes its case's output.

use std::path::Path;

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .env("PERMAUDIT_TODAY", "2025-01-01")
        .env("NO_COLOR", "1")
        .case("tests/cases/*.toml")
        .case("tests/cases/rules/*.toml");
}

/// Every rule of the registry has its case, the case selects that rule alone, and its
/// expected output holds at least one finding of it.
#[test]
fn every_rule_has_a_case_that_fires() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/rules");
    for rule in permaudit::audit::Rule::ALL {
        let id = rule.id();
        let case = std::fs::read_to_string(dir.join(format!("{id}.toml")))
            .unwrap_or_else(|e| panic!("tests/cases/rules/{id}.toml: {e}"));
        assert!(
            case.contains(&format!("\"--select\", \"{id}\"")),
            "tests/cases/rules/{id}.toml must run with `--select {id}`"
        );
        let stdout = std::fs::read_to_string(dir.join(format!("{id}.stdout")))
            .unwrap_or_else(|e| panic!("tests/cases/rules/{id}.stdout: {e}"));
        assert!(
            stdout.contains(&format!("[{id}]:")),
            "tests/cases/rules/{id}.stdout holds no `{id}` finding"
        );
    }
}
