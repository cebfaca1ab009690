//! `policy import` over the real privacy policies at `$PERMAUDIT_CORPUS/policies/` (see the
//! corpus `README.md`): none crashes, every successful import is YAML that `check --policy`
//! accepts, and the figures per document are printed so a reviewer can judge them
//! (`cargo test --test import_conformance -- --nocapture`).
//!
//! With `PERMAUDIT_CORPUS` unset the test prints that it was skipped and passes; set to a
//! directory that does not exist it fails, so CI never skips silently.

#![allow(clippy::print_stderr, clippy::unwrap_used)]

mod common;

use std::path::PathBuf;

use permaudit::policy::import::{self, ImportError};

/// (permission tables, rows, resolved ids, unresolved rows).
type Figures = (usize, usize, usize, usize);

/// What each corpus document is expected to give, or `None` for "no permission table" (exit 2).
const EXPECTED: &[(&str, Option<Figures>)] = &[
    // One heading per permission; the BLUETOOTH heading names three.
    ("binaryeye-PRIVACY.en.md", Some((1, 8, 10, 0))),
    // Android and iOS HTML tables; the HarmonyOS table and UIBackgroundModes are left out.
    ("jiamai-legal-permissions.zh.md", Some((2, 24, 24, 0))),
    // Permissions only in prose, and a link to the list.
    ("jiamai-privacy-personal.zh.md", None),
    // Short names and NS keys in HTML tables.
    ("jimeng-ai-permissions.zh.html", Some((2, 14, 14, 0))),
    // Five prose bullets: no table, no identifiers.
    ("legado-privacyPolicy.zh.md", None),
    ("rck-privacy.zh.md", Some((1, 8, 8, 0))),
    ("screentime-PRIVACY.en.md", Some((1, 3, 3, 0))),
];

fn corpus() -> Option<PathBuf> {
    common::shared_dir("PERMAUDIT_CORPUS")
}

/// Every corpus policy imports without a crash, with the expected figures.
#[test]
fn corpus_policies_import() {
    let Some(root) = corpus() else { return };
    let dir = root.join("policies");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // The corpus grows (documents with `NAME.expected.json` are judged by precision and recall
    // in their own test, issue 16); the figures below pin the documents this test was written
    // for, so each of them must still be there.
    for (name, _) in EXPECTED {
        assert!(
            names.iter().any(|n| n == name),
            "{name} is gone from the corpus policies; update EXPECTED"
        );
    }

    eprintln!(
        "{:<34} {:>6} {:>5} {:>8} {:>8} {:>10}",
        "document", "tables", "rows", "resolved", "by-label", "unresolved"
    );
    for (name, want) in EXPECTED {
        let path = dir.join(name);
        // The binary must never crash on a real document: 0, 1 or 2 only.
        let code = common::permaudit()
            .args(["policy", "import", "--allow-unresolved"])
            .arg(&path)
            .output()
            .unwrap()
            .status
            .code();
        assert!(matches!(code, Some(0..=2)), "{name}: exit {code:?}");

        match import::import_file(&path, name) {
            Ok(imported) => {
                let s = imported.stats;
                eprintln!(
                    "{name:<34} {:>6} {:>5} {:>8} {:>8} {:>10}",
                    s.tables, s.rows, s.resolved_ids, s.by_label, s.unresolved_rows
                );
                for d in &imported.diagnostics {
                    eprintln!("    {d}");
                }
                let reread =
                    permaudit::policy::parse(&imported.yaml, Some(name)).unwrap_or_else(|e| {
                        panic!("{name}: imported YAML is invalid: {e}\n{}", imported.yaml)
                    });
                assert_eq!(
                    reread.disclosures().count(),
                    s.resolved_ids,
                    "{name}: YAML and import disagree"
                );
                assert_eq!(
                    Some((s.tables, s.rows, s.resolved_ids, s.unresolved_rows)),
                    *want,
                    "{name}"
                );
                assert_eq!(code, Some(0), "{name}");
            }
            Err(e @ ImportError::NoTable { .. }) => {
                eprintln!("{name:<34} no permission table ({e})");
                assert_eq!(*want, None, "{name}: {e}");
                assert_eq!(code, Some(2), "{name}");
            }
            Err(e) => panic!("{name}: {e}"),
        }
    }
}
