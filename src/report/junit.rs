//! `--format junit`: JUnit XML for CI test-report views (GitLab, Jenkins, Azure, …). Per
//! audited platform, one test case per distinct requested permission and one per policy row;
//! a case fails with one `<failure>` per error or warning finding on it (`type` is the rule
//! id), and carries notes in `<system-out>`. Findings that belong to neither (none today, but
//! a rule may point elsewhere) get cases of their own, so none is lost.
//!
//! The document follows the JUnit schema Jenkins and Surefire publish (`testsuites` →
//! `testsuite` → `testcase`); a test validates it against that schema with xmllint.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{Renderer, Report, xml_escape};
use crate::audit::Finding;
use crate::check::CheckOutcome;
use crate::i18n::Lang;
use crate::model::{Platform, Severity};
use crate::policy::Row;

/// The JUnit XML renderer.
#[derive(Debug, Clone, Copy, Default)]
pub struct Junit;

struct Case<'a> {
    name: String,
    classname: String,
    findings: Vec<&'a Finding>,
}

impl Case<'_> {
    fn failed(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.severity >= Severity::Warning)
    }
}

struct Suite<'a> {
    name: String,
    cases: Vec<Case<'a>>,
}

impl Renderer for Junit {
    fn render(&self, report: Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let Report { outcome, options } = report;
        let lang = options.lang;
        let suites = suites(outcome, lang);
        let tests: usize = suites.iter().map(|s| s.cases.len()).sum();
        let failures: usize = suites
            .iter()
            .map(|s| s.cases.iter().filter(|c| c.failed()).count())
            .sum();
        let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(
            xml,
            "<testsuites name=\"permaudit\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">"
        );
        for suite in &suites {
            let failed = suite.cases.iter().filter(|c| c.failed()).count();
            let _ = writeln!(
                xml,
                "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failed}\" errors=\"0\" skipped=\"0\">",
                xml_escape(&suite.name),
                suite.cases.len()
            );
            for case in &suite.cases {
                let _ = write!(
                    xml,
                    "    <testcase name=\"{}\" classname=\"{}\"",
                    xml_escape(&case.name),
                    xml_escape(&case.classname)
                );
                if case.findings.is_empty() {
                    xml.push_str("/>\n");
                    continue;
                }
                xml.push_str(">\n");
                let mut notes = String::new();
                for f in &case.findings {
                    let message = super::message_in(lang, outcome, f);
                    let text =
                        format!("{}[{}] {}: {message}", f.severity, f.rule.id(), f.location,);
                    if f.severity >= Severity::Warning {
                        let _ = writeln!(
                            xml,
                            "      <failure type=\"{}\" message=\"{}\">{}</failure>",
                            f.rule.id(),
                            xml_escape(&message),
                            xml_escape(&text)
                        );
                    } else {
                        notes.push_str(&text);
                        notes.push('\n');
                    }
                }
                if !notes.is_empty() {
                    let _ = writeln!(xml, "      <system-out>{}</system-out>", xml_escape(&notes));
                }
                xml.push_str("    </testcase>\n");
            }
            xml.push_str("  </testsuite>\n");
        }
        xml.push_str("</testsuites>\n");
        out.write_all(xml.as_bytes())
    }
}

fn row_name(row: &Row, lang: Lang) -> String {
    let n = (row.index + 1).to_string();
    match &row.name {
        Some(name) => lang.fill("junit.row.named", &[("n", &n), ("name", name)]),
        None => lang.fill("label.row.numbered", &[("n", &n)]),
    }
}

fn suites(outcome: &CheckOutcome, lang: Lang) -> Vec<Suite<'_>> {
    let platforms: Vec<Platform> = if outcome.command == crate::check::Command::Lint {
        // `policy lint`: the policy's own platforms.
        let mut p: Vec<Platform> = outcome.policy.rows.iter().map(|r| r.platform).collect();
        p.sort_unstable();
        p.dedup();
        p
    } else {
        // A platform has a coverage per policy when variants ship with different ones.
        let mut p: Vec<Platform> = outcome.coverage.iter().map(|c| c.platform).collect();
        p.sort_unstable();
        p.dedup();
        p
    };
    let mut placed = vec![false; outcome.findings.len()];
    let policy_path = outcome.policy.display_path();
    let mut suites = Vec::new();
    for platform in platforms {
        if let Some(coverage) = outcome.coverage.iter().find(|c| c.platform == platform) {
            let cases = coverage
                .requests
                .iter()
                .map(|r| {
                    let findings = take(outcome, &mut placed, |f| {
                        f.platform == platform
                            && f.permission == r.permission
                            && f.location.path != policy_path
                    });
                    Case {
                        name: r.permission.clone(),
                        classname: format!("permaudit.{platform}.requests"),
                        findings,
                    }
                })
                .collect();
            suites.push(Suite {
                name: lang.fill("junit.requests", &[("platform", platform.display_name())]),
                cases,
            });
        }
        let cases = outcome
            .policy
            .rows
            .iter()
            .filter(|r| r.platform == platform)
            .map(|row| {
                let findings = take(outcome, &mut placed, |f| {
                    f.platform == platform
                        && f.location.path == policy_path
                        && row.permissions.iter().any(|d| d.location == f.location)
                });
                Case {
                    name: row_name(row, lang),
                    classname: format!("permaudit.{platform}.policy"),
                    findings,
                }
            })
            .collect();
        suites.push(Suite {
            name: lang.fill("junit.rows", &[("platform", platform.display_name())]),
            cases,
        });
    }
    let rest: Vec<Case<'_>> = outcome
        .findings
        .iter()
        .zip(&placed)
        .filter(|(_, placed)| !**placed)
        .map(|(f, _)| Case {
            name: format!("{} {}", f.rule.id(), f.permission),
            classname: format!("permaudit.{}.other", f.platform),
            findings: vec![f],
        })
        .collect();
    if !rest.is_empty() {
        suites.push(Suite {
            name: lang.text("junit.other").to_owned(),
            cases: rest,
        });
    }
    suites
}

/// The findings matching `which` that no case has taken yet.
fn take<'a>(
    outcome: &'a CheckOutcome,
    placed: &mut [bool],
    which: impl Fn(&Finding) -> bool,
) -> Vec<&'a Finding> {
    let mut taken = Vec::new();
    for (f, placed) in outcome.findings.iter().zip(placed.iter_mut()) {
        if !*placed && which(f) {
            *placed = true;
            taken.push(f);
        }
    }
    taken
}
