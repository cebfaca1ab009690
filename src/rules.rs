//! The rules as documentation: `permaudit rules` (text, Markdown, JSON) and the README's rule
//! section, rendered from the registry in [`crate::audit`], where each rule is defined once in
//! its own file.

use serde::Serialize;

use crate::model::Severity;

pub use crate::audit::{Rule, Scope};

/// The README's rule section: a table of every rule, then each rule's explanation under its
/// own heading. `permaudit rules --format markdown` prints it and a test keeps the README
/// identical to it.
pub fn markdown() -> String {
    // `<` would start an HTML tag in Markdown (`<uses-permission>` would vanish).
    let escape = |s: &str| s.replace('<', "\\<");
    let mut out =
        String::from("| rule | default severity | judged by | summary |\n|---|---|---|---|\n");
    for rule in Rule::ALL {
        out.push_str(&format!(
            "| [`{id}`](#{id}) | {} | {} | {} |\n",
            rule.default_severity(),
            rule.scope().as_str(),
            escape(rule.summary()),
            id = rule.id(),
        ));
    }
    for rule in Rule::ALL {
        out.push_str(&format!(
            "\n#### `{}`\n\n{}\n",
            rule.id(),
            escape(rule.explanation())
        ));
    }
    out
}

/// `permaudit rules`: every rule with its severity, scope, summary and explanation, wrapped for
/// a terminal.
pub fn text() -> String {
    let mut out = String::new();
    for (i, rule) in Rule::ALL.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!(
            "{} ({}; {})\n  {}\n",
            rule.id(),
            rule.default_severity(),
            rule.scope().as_str(),
            rule.summary()
        ));
        for line in wrap(rule.explanation(), 96) {
            out.push_str("  ");
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// Greedy word wrap; a word longer than `width` gets a line of its own.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// One rule as `permaudit rules --format json` prints it.
#[derive(Debug, Serialize)]
pub struct RuleInfo {
    /// Stable id.
    pub id: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// Which command judges it.
    pub scope: Scope,
    /// One line.
    pub summary: &'static str,
    /// What, why, how to fix.
    pub explanation: &'static str,
}

/// Every rule, for JSON.
pub fn infos() -> Vec<RuleInfo> {
    Rule::ALL
        .iter()
        .map(|r| RuleInfo {
            id: r.id(),
            severity: r.default_severity(),
            scope: r.scope(),
            summary: r.summary(),
            explanation: r.explanation(),
        })
        .collect()
}
