//! `unread-source`: an app, or a part of one, whose permission sources permaudit does not read
//! (an Expo `app.config.ts`, a local config plugin, a Unity or NativeScript project, a
//! Capacitor config without its native folders, a mini-program). A run that read only part of
//! an app must never look clean.

use super::{Context, Finding, Rule, RuleDef, finding};
use crate::model::{NoteRule, Severity};

/// The rule's definition: everything the registry, `permaudit rules`, the README and SARIF show.
pub(super) const RULE: RuleDef = RuleDef {
    id: "unread-source",
    severity: Severity::Error,
    summary: "Permission source permaudit does not read",
    explanation: "Discovery found the marks of an app, or of a part of one, whose permissions \
                 come from a source permaudit does not read: an Expo app.config.js or .ts (code \
                 that builds the config), a local Expo config plugin, a Unity, NativeScript, \
                 HarmonyOS or mini-program project, or a Capacitor config without the android/ \
                 and ios/ folders it generates. Whatever those add was not audited, so the \
                 report cannot be called clean. Fix: give permaudit what the tool generates \
                 (the JSON of `npx expo config --json`, the committed native folders, the built \
                 APK or IPA), or exclude the folder in the config if it is not shipped.",
    app: Some(inputs),
    policy: None,
    advisory: false,
    same_fact_both_sides: false,
};

/// One error per unread source, at the file.
pub(super) fn inputs(ctx: &Context<'_>) -> Vec<Finding> {
    ctx.notes(NoteRule::UnreadSource)
        .map(|(input, n)| {
            let message = n.message.clone();
            finding(Rule::UnreadSource, input.platform(), "", &n.location, message)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{InputKind, InputNote, Location, ParsedInput};

    #[test]
    fn an_unread_source_is_an_error_at_its_file() {
        let mut input = ParsedInput::new("app.config.ts", InputKind::Project, Vec::new());
        input.notes.push(InputNote {
            rule: NoteRule::UnreadSource,
            location: Location::file("app.config.ts"),
            setting: "app.config.ts".into(),
            message: crate::model::Message::new("msg.name").text("name", "not read"),
        });
        let findings = crate::audit::audit(&[input], &crate::policy::builtin());
        let unread: Vec<_> = findings
            .iter()
            .filter(|f| f.rule == Rule::UnreadSource)
            .collect();
        assert_eq!(unread.len(), 1);
        assert_eq!(unread[0].severity, Severity::Error);
        assert_eq!(unread[0].location.path, "app.config.ts");
    }
}
