//! Test-only support for the checked-in generated tables (`src/catalog/generated.rs`,
//! `src/policy/builtin_generated.rs`): each module's `generated_*` test renders the file from its
//! source of truth and compares it here with the file on disk.

use std::path::Path;

/// The command that rewrites every generated file.
pub(crate) const REGENERATE: &str = "UPDATE_GENERATED=1 cargo test generated";

/// The header every generated file starts with.
pub(crate) fn header(sources: &str) -> String {
    format!(
        "// @generated from {sources} by the `generated_*` tests; do not edit.\n\
         // Regenerate with `{REGENERATE}`.\n"
    )
}

/// The value of `variable`, which names a generated table's source outside the repository;
/// `None` when it is unset, which only a run outside CI may be (CI sets every such variable,
/// so a freshness test there can never pass unseen). `hint` says where the source is found.
pub(crate) fn source_from_env(variable: &str, hint: &str) -> Option<std::ffi::OsString> {
    let value = std::env::var_os(variable);
    assert!(
        value.is_some() || std::env::var("CI").map_or(true, |v| v != "true"),
        "{variable} is not set but CI=true ({hint})"
    );
    value
}

/// Asserts that the file at `relative` (from the crate root) holds `expected`; with
/// `UPDATE_GENERATED` set, rewrites it instead and returns `false` (the running test binary was
/// compiled from the old file). Line endings are not compared, so a checkout with CRLF
/// conversion still passes.
pub(crate) fn ensure_file_contents(relative: &str, expected: &str) -> bool {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    if actual.replace("\r\n", "\n") == expected {
        return true;
    }
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        std::fs::write(&path, expected).unwrap();
        eprintln!("rewrote {relative}; run the tests again to check it compiles as expected");
        return false;
    }
    panic!("{relative} is out of date with its sources; run `{REGENERATE}` and commit the result");
}
