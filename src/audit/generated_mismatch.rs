//! `generated-mismatch`: the config of an app whose manifest or Info.plist a tool generates
//! (Expo) asks for a permission the committed generated file does not have. The committed file
//! is what is audited, so the config's request would ship unaudited after the next prebuild.

use super::{Context, Finding, Rule, RuleDef, finding};
use crate::model::{NoteRule, Platform, Severity};

/// The rule's definition: everything the registry, `permaudit rules`, the README and SARIF show.
pub(super) const RULE: RuleDef = RuleDef {
    id: "generated-mismatch",
    severity: Severity::Warning,
    summary: "Committed generated manifest or Info.plist disagrees with its config",
    explanation: "The app commits the native files a tool generates (Expo's android/ and ios/ \
                 from `expo prebuild`), and those are what permaudit audits, since they are \
                 what ships today. Its config (app.json, a plugin option) asks for a \
                 permission or purpose string the committed file does not have: the next \
                 prebuild adds it, unaudited. Fix: run the generator again and commit the \
                 result (then audit it), or remove the permission from the config.",
    app: Some(inputs),
    policy: None,
    advisory: false,
    same_fact_both_sides: false,
};

/// One warning per permission the config asks for and the committed file lacks.
pub(super) fn inputs(ctx: &Context<'_>) -> Vec<Finding> {
    ctx.notes(NoteRule::GeneratedMismatch)
        .map(|(_, n)| {
            // The note names the permission (Android, dotted) or the purpose key (iOS).
            let platform = if n.setting.contains('.') {
                Platform::Android
            } else {
                Platform::Ios
            };
            let message = n.message.clone();
            finding(Rule::GeneratedMismatch, platform, &n.setting, &n.location, message)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{InputKind, InputNote, Location, ParsedInput};

    #[test]
    fn a_mismatch_is_a_warning_at_the_config() {
        let mut input = ParsedInput::new("app.json", InputKind::Project, Vec::new());
        input.notes.push(InputNote {
            rule: NoteRule::GeneratedMismatch,
            location: Location::at("app.json", 5, 9),
            setting: "android.permission.CAMERA".into(),
            message: crate::model::Message::new("msg.name").text("name", "stale"),
        });
        let findings = crate::audit::audit(&[input], &crate::policy::builtin());
        let found: Vec<_> = findings
            .iter()
            .filter(|f| f.rule == Rule::GeneratedMismatch)
            .collect();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(found[0].platform, Platform::Android);
        assert_eq!(found[0].location.line, Some(5));
    }
}
