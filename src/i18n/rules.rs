//! `permaudit rules` (text, Markdown, JSON) and the README's rule section, in a language from
//! the catalogs: one layout for every language, with summaries, explanations and scope names
//! translated. Ids and JSON keys stay English; the English texts equal the registry's (tested
//! here and in `i18n`).

use serde::Serialize;

use super::Lang;
use crate::model::Severity;
use crate::rules::{Rule, Scope};

fn scope(lang: Lang, scope: Scope) -> &'static str {
    lang.text(match scope {
        Scope::Check => "scope.check",
        Scope::Both => "scope.both",
    })
}

/// `permaudit rules`, wrapped for a terminal (Chinese wraps between characters).
pub fn text(lang: Lang) -> String {
    let mut out = String::new();
    for (i, rule) in Rule::ALL.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&lang.fill(
            "rules.heading",
            &[
                ("id", rule.id()),
                ("severity", rule.default_severity().as_str()),
                ("scope", scope(lang, rule.scope())),
            ],
        ));
        out.push_str("\n  ");
        out.push_str(lang.rule_summary(*rule));
        out.push('\n');
        for line in crate::report::wrap_text(lang.rule_explanation(*rule), 96) {
            out.push_str("  ");
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// The rule table and explanations as Markdown.
pub fn markdown(lang: Lang) -> String {
    let escape = |s: &str| s.replace('<', "\\<");
    let mut out = format!("{}\n|---|---|---|---|\n", lang.text("rules.table"));
    for rule in Rule::ALL {
        out.push_str(&format!(
            "| [`{id}`](#{id}) | {} | {} | {} |\n",
            rule.default_severity(),
            scope(lang, rule.scope()),
            escape(lang.rule_summary(*rule)),
            id = rule.id(),
        ));
    }
    for rule in Rule::ALL {
        out.push_str(&format!(
            "\n#### `{}`\n\n{}\n",
            rule.id(),
            escape(lang.rule_explanation(*rule))
        ));
    }
    out
}

/// One rule as `permaudit rules --format json` prints it (the registry's shape).
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
pub fn infos(lang: Lang) -> Vec<RuleInfo> {
    Rule::ALL
        .iter()
        .map(|r| RuleInfo {
            id: r.id(),
            severity: r.default_severity(),
            scope: r.scope(),
            summary: lang.rule_summary(*r),
            explanation: lang.rule_explanation(*r),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_is_the_registry_output() {
        let text = text(Lang::En);
        let markdown = markdown(Lang::En);
        for rule in Rule::ALL {
            let heading = format!(
                "{} ({}; {})\n  {}\n",
                rule.id(),
                rule.default_severity(),
                rule.scope().as_str(),
                rule.summary()
            );
            assert!(text.contains(&heading), "{heading}");
            let row = format!(
                "| [`{id}`](#{id}) | {} | {} | {} |\n",
                rule.default_severity(),
                rule.scope().as_str(),
                rule.summary().replace('<', "\\<"),
                id = rule.id(),
            );
            assert!(markdown.contains(&row), "{row}");
            let section = format!(
                "\n#### `{}`\n\n{}\n",
                rule.id(),
                rule.explanation().replace('<', "\\<")
            );
            assert!(markdown.contains(&section), "{section}");
        }
        let registry: Vec<_> = Rule::ALL
            .iter()
            .map(|r| {
                (
                    r.id(),
                    r.default_severity(),
                    r.scope(),
                    r.summary(),
                    r.explanation(),
                )
            })
            .collect();
        let english: Vec<_> = infos(Lang::En)
            .into_iter()
            .map(|i| (i.id, i.severity, i.scope, i.summary, i.explanation))
            .collect();
        assert_eq!(english, registry);
        let zh = super::text(Lang::Zh);
        assert!(zh.contains("应用申请了隐私政策未披露的权限"), "{zh}");
        assert!(zh.contains("undeclared（error；check）"), "{zh}");
    }
}
