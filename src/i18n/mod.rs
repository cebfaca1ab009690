//! Messages in English and Simplified Chinese: one catalog per language (`en.rs`, `zh.rs`),
//! each a static table sorted by stable message id (`rule.undeclared.summary`,
//! `finding.unused.title`, `html.summary`, …). Looking a message up is a binary search over
//! static data: nothing is parsed or allocated at start-up, which a pre-commit hook would pay
//! for on every run.
//!
//! Templates name their arguments (`{permission}`); [`Lang::fill`] substitutes them. Rule ids,
//! JSON and SARIF keys are never translated.

pub mod rules;

mod en;
mod zh;

use crate::model::{Arg, Message, Severity};
use crate::rules::Rule;

/// A language permaudit speaks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English (the default).
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// Every language.
    pub const ALL: &'static [Lang] = &[Lang::En, Lang::Zh];

    /// `en` or `zh`, as `--lang` and the config key `lang` take it.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// Parses `en`/`zh` (also `zh-CN`, `zh_CN`, `zh-Hans`, `en-US`, case-insensitive).
    pub fn parse(value: &str) -> Option<Lang> {
        let primary = value
            .split(['-', '_', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "zh" => Some(Lang::Zh),
            _ => None,
        }
    }

    /// The language a POSIX locale asks for: `LC_ALL`, else `LANG` (the first that is set
    /// and not empty); Chinese for a `zh_*` locale, English for anything else (`C`, `POSIX`,
    /// other languages permaudit does not speak).
    pub fn from_locale(lc_all: Option<&str>, lang: Option<&str>) -> Lang {
        let value = [lc_all, lang].into_iter().flatten().find(|v| !v.is_empty());
        match value.and_then(Lang::parse) {
            Some(Lang::Zh) => Lang::Zh,
            _ => Lang::En,
        }
    }

    fn table(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Lang::En => en::MESSAGES,
            Lang::Zh => zh::MESSAGES,
        }
    }

    /// Every message id of this language, sorted.
    pub fn ids(self) -> impl Iterator<Item = &'static str> {
        self.table().iter().map(|(id, _)| *id)
    }

    /// The message `id`. An id missing from this language falls back to English, and one
    /// missing from both to the id itself; the catalog test makes both impossible.
    pub fn text(self, id: &str) -> &'static str {
        let find = |table: &'static [(&'static str, &'static str)]| {
            table
                .binary_search_by(|(k, _)| (*k).cmp(id))
                .ok()
                .map(|i| table[i].1)
        };
        find(self.table())
            .or_else(|| find(en::MESSAGES))
            .unwrap_or("")
    }

    /// The message `id` with each `{name}` replaced by its value.
    pub fn fill(self, id: &str, args: &[(&str, &str)]) -> String {
        let template = self.text(id);
        let mut out = String::with_capacity(template.len() + 32);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    let name = &after[..close];
                    match args.iter().find(|(k, _)| *k == name) {
                        Some((_, value)) => out.push_str(value),
                        None => {
                            out.push('{');
                            out.push_str(name);
                            out.push('}');
                        }
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    out.push_str(&rest[open..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// A structured message in this language; `name` shows a permission argument (the
    /// reports' Chinese adds the catalog's Chinese name).
    pub fn render(self, message: &Message, name: &dyn Fn(&str) -> String) -> String {
        let mut out = String::with_capacity(self.text(message.id).len() + 32);
        self.render_into(message, name, &mut out);
        out
    }

    /// [`Lang::render`] written into `out`: each argument goes straight into the sentence, a
    /// nested part rendered in place, so a message costs one string however deep it is (every
    /// finding's message is rendered on every run).
    fn render_into(self, message: &Message, name: &dyn Fn(&str) -> String, out: &mut String) {
        let mut rest = self.text(message.id);
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                out.push_str(&rest[open..]);
                return;
            };
            let key = &after[..close];
            match message.args.iter().find(|(k, _)| *k == key).map(|(_, v)| v) {
                Some(Arg::Text(t)) => out.push_str(t),
                Some(Arg::Permission(p)) => out.push_str(&name(p)),
                Some(Arg::Message(m)) => self.render_into(m, name, out),
                None => {
                    out.push('{');
                    out.push_str(key);
                    out.push('}');
                }
            }
            rest = &after[close + 1..];
        }
        out.push_str(rest);
    }

    /// A structured message with permissions named as they are.
    pub fn plain(self, message: &Message) -> String {
        self.render(message, &str::to_owned)
    }

    /// `n` things: `count.<what>.one` for 1, else `count.<what>.other`.
    pub fn count(self, what: &str, n: usize) -> String {
        let id = format!("count.{what}.{}", if n == 1 { "one" } else { "other" });
        self.fill(&id, &[("n", &n.to_string())])
    }

    /// A rule's one-line summary.
    pub fn rule_summary(self, rule: Rule) -> &'static str {
        self.text(&format!("rule.{}.summary", rule.id()))
    }

    /// A rule's explanation.
    pub fn rule_explanation(self, rule: Rule) -> &'static str {
        self.text(&format!("rule.{}.explanation", rule.id()))
    }

    /// A severity's name (the rule-id brackets and JSON keep the English one).
    pub fn severity(self, severity: Severity) -> &'static str {
        // Asked once per finding: the ids are written out rather than formatted each time.
        self.text(match severity {
            Severity::Error => "severity.error",
            Severity::Warning => "severity.warning",
            Severity::Note => "severity.note",
        })
    }
}

/// The names `{…}` a template uses, sorted.
#[cfg(test)]
fn placeholders(template: &str) -> Vec<&str> {
    let mut names: Vec<&str> = template
        .split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(n, _)| n))
        .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_exists_in_every_language_with_the_same_placeholders() {
        for lang in Lang::ALL {
            let table = lang.table();
            for pair in table.windows(2) {
                assert!(
                    pair[0].0 < pair[1].0,
                    "{lang:?}: {} not sorted/unique",
                    pair[1].0
                );
            }
            for (id, text) in table {
                // `msg.nothing` is the absent form of an optional part of a message.
                if *id == "msg.nothing" {
                    continue;
                }
                assert!(!text.trim().is_empty(), "{lang:?}: {id} is empty");
            }
        }
        let en: Vec<&str> = en::MESSAGES.iter().map(|(k, _)| *k).collect();
        let zh: Vec<&str> = zh::MESSAGES.iter().map(|(k, _)| *k).collect();
        let only_en: Vec<_> = en.iter().filter(|k| !zh.contains(k)).collect();
        let only_zh: Vec<_> = zh.iter().filter(|k| !en.contains(k)).collect();
        assert!(only_en.is_empty(), "only in English: {only_en:?}");
        assert!(only_zh.is_empty(), "only in Chinese: {only_zh:?}");
        for (id, text) in en::MESSAGES {
            // Rule explanations mention `FOREGROUND_SERVICE_<TYPE>`, not placeholders.
            let zh_text = Lang::Zh.text(id);
            let mut expected = placeholders(text);
            let mut got = placeholders(zh_text);
            // Chinese drops the English plural's words but never an argument.
            expected.retain(|p| *p != "zh");
            got.retain(|p| *p != "zh");
            assert_eq!(got, expected, "{id}: placeholders differ");
        }
    }

    #[test]
    fn every_rule_has_its_texts_and_english_matches_the_registry() {
        for rule in Rule::ALL {
            for lang in Lang::ALL {
                for key in ["summary", "explanation", "title", "help"] {
                    let prefix = if matches!(key, "summary" | "explanation") {
                        "rule"
                    } else {
                        "finding"
                    };
                    let id = format!("{prefix}.{}.{key}", rule.id());
                    assert!(
                        lang.table().iter().any(|(k, _)| *k == id),
                        "{lang:?}: no {id}"
                    );
                }
            }
            assert_eq!(Lang::En.rule_summary(*rule), rule.summary());
            assert_eq!(Lang::En.rule_explanation(*rule), rule.explanation());
        }
    }

    #[test]
    fn locale_and_fill() {
        assert_eq!(
            Lang::from_locale(Some("zh_CN.UTF-8"), Some("en_US")),
            Lang::Zh
        );
        assert_eq!(Lang::from_locale(Some(""), Some("zh_TW.UTF-8")), Lang::Zh);
        assert_eq!(Lang::from_locale(None, Some("C.UTF-8")), Lang::En);
        assert_eq!(Lang::from_locale(Some("de_DE"), Some("zh_CN")), Lang::En);
        assert_eq!(Lang::from_locale(None, None), Lang::En);
        assert_eq!(Lang::parse("zh-Hans"), Some(Lang::Zh));
        assert_eq!(Lang::parse("fr"), None);
        assert_eq!(
            Lang::Zh.fill("count.error.other", &[("n", "3")]),
            "3 个错误"
        );
        assert_eq!(Lang::En.count("error", 1), "1 error");
        assert_eq!(
            Lang::En.fill("label.row.named", &[("name", "{x}")]),
            "row \"{x}\""
        );
    }
}
