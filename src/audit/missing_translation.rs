//! `missing-translation`: a purpose string that a language the app is localized into does not
//! translate.

use super::{Context, Finding, Rule, RuleDef, finding};
use crate::model::{Message, Severity};

/// The rule's definition: everything the registry, `permaudit rules`, the README and SARIF show.
pub(super) const RULE: RuleDef = RuleDef {
    id: "missing-translation",
    severity: Severity::Warning,
    summary: "Purpose string not translated into a language the app is localized into",
    explanation: "Purpose string not translated into a language the app is localized into",
    app: Some(requests),
    policy: None,
    advisory: false,
    same_fact_both_sides: false,
};

/// One finding per purpose-string request that lacks at least one translation, naming every
/// language it lacks. Requests carry every language of the app (see
/// `input::xcode::project::localize`), `None` where untranslated.
pub(super) fn requests(ctx: &Context<'_>) -> Vec<Finding> {
    ctx.first_requests()
        .filter_map(|(input, r)| {
            let missing: Vec<&str> = r
                .localizations
                .iter()
                .filter(|l| l.purpose.is_none())
                .map(|l| l.language.as_str())
                .collect();
            if missing.is_empty() {
                return None;
            }
            let file = if missing.len() == 1 {
                Message::new("msg.missing-translation.file").text("language", missing[0])
            } else {
                Message::new("msg.missing-translation.files")
            };
            let shown = match missing.len() {
                1..=8 => Message::new("msg.name").text("name", missing.join(", ")),
                n => Message::new("msg.missing-translation.more")
                    .text("languages", missing[..8].join(", "))
                    .text("more", (n - 8).to_string()),
            };
            let those = if missing.len() == 1 {
                "msg.missing-translation.that-language"
            } else {
                "msg.missing-translation.those-languages"
            };
            Some(finding(
                Rule::MissingTranslation,
                input.platform(),
                &r.permission,
                &r.location,
                Message::new("msg.missing-translation")
                    .permission("permission", &r.permission)
                    .part("languages", shown)
                    .part("those", Message::new(those))
                    .text("key", &r.permission)
                    .part("file", file),
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{Settings, audit_with};
    use crate::model::{InputKind, Localization, Location, ParsedInput, Request};

    #[test]
    fn reports_each_untranslated_language_once_per_request() {
        let loc = |language: &str, purpose: Option<&str>| Localization {
            language: language.into(),
            purpose: purpose.map(str::to_owned),
            location: Location::file(format!("{language}.lproj/InfoPlist.strings")),
        };
        let request = Request {
            permission: "NSCameraUsageDescription".into(),
            location: Location::at("Info.plist", 5, 2),
            max_sdk: None,
            sdk23_only: false,
            own: false,
            purpose: Some("Scan".into()),
            localizations: vec![loc("de", Some("Scannen")), loc("zh-Hans", None)],
            origin: None,
        };
        let mut translated = request.clone();
        translated.permission = "NSMicrophoneUsageDescription".into();
        translated.localizations = vec![loc("zh-Hans", Some("录音"))];
        let inputs = [ParsedInput::new(
            "Info.plist",
            InputKind::Plist,
            vec![request, translated],
        )];
        let policy = crate::policy::parse(
            "name: t\nios:\n  - permissions: [NSCameraUsageDescription, NSMicrophoneUsageDescription]\n",
            Some("p.yaml"),
        )
        .unwrap();
        let findings = audit_with(&inputs, &policy, &Settings::default());
        let got: Vec<_> = findings
            .iter()
            .filter(|f| f.rule == Rule::MissingTranslation)
            .map(|f| (f.permission.as_str(), f.location.to_string()))
            .collect();
        assert_eq!(
            got,
            [("NSCameraUsageDescription", "Info.plist:5:2".to_owned())]
        );
        assert!(
            findings[0].message.contains("zh-Hans"),
            "{}",
            findings[0].message
        );
    }
}
