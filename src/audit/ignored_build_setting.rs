//! `ignored-build-setting`: what the Xcode reader noticed Xcode ignores (an `INFOPLIST_KEY_*`
//! purpose string with `GENERATE_INFOPLIST_FILE = NO`) or could not read without changing the
//! Info.plist (a CocoaPods `.xcconfig` that `pod install` generates).

use super::{Context, Finding, Rule, RuleDef, finding};
use crate::model::Severity;

/// The rule's definition: everything the registry, `permaudit rules`, the README and SARIF show.
pub(super) const RULE: RuleDef = RuleDef {
    id: "ignored-build-setting",
    severity: Severity::Note,
    summary: "Info.plist build setting Xcode ignores",
    explanation: "An Xcode build setting looks like it adds a purpose string but does not: \
                 INFOPLIST_KEY_<key> settings are only added to the Info.plist when \
                 GENERATE_INFOPLIST_FILE = YES, and with it NO (the default) Xcode ignores \
                 them, so the key ships only if the INFOPLIST_FILE has it. The note also \
                 records a CocoaPods .xcconfig that is not there (pod install generates it; it \
                 sets no Info.plist key) and was not read. Fix: set GENERATE_INFOPLIST_FILE = \
                 YES, or move the key into the Info.plist file and delete the setting.",
    app: Some(inputs),
    policy: None,
    advisory: false,
    same_fact_both_sides: false,
};

/// One note per noted setting, at the setting.
pub(super) fn inputs(ctx: &Context<'_>) -> Vec<Finding> {
    // The Gradle reader's notes are its own rule's; a project file carries none of these.
    ctx.notes(crate::model::NoteRule::IgnoredBuildSetting)
        .filter(|(i, _)| {
            i.kind != crate::model::InputKind::Project
                && !super::unresolved_build_value::is_gradle(i.kind)
        })
        .map(|(input, n)| {
            let key = n.setting.strip_prefix("INFOPLIST_KEY_").unwrap_or(&n.setting);
            let message = n.message.clone();
            finding(Rule::IgnoredBuildSetting, input.platform(), key, &n.location, message)
        })
        .collect()
}
