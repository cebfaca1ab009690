//! `unresolved-build-value`: what the Gradle reader could not read without running the build
//! (a computed `applicationId`, placeholder or module path, a setting made by a closure), and a
//! committed merged manifest older than the sources it came from. What depends on such a value
//! is reported as written, never guessed, and this note says where the value is.

use super::{Context, Finding, Rule, RuleDef, finding};
use crate::model::{InputKind, Severity};

/// The rule's definition: everything the registry, `permaudit rules`, the README and SARIF show.
pub(super) const RULE: RuleDef = RuleDef {
    id: "unresolved-build-value",
    severity: Severity::Warning,
    summary: "Gradle build value not read statically",
    explanation: "A value of a Gradle build script that decides what a variant's merged \
                 manifest holds is computed (a function call, a variable defined elsewhere, \
                 a string with $ interpolation, a setting applied by a closure or another \
                 script), so permaudit, which never runs the build, cannot know it: the \
                 manifest names that depend on it are audited as written (${applicationId} \
                 stays unresolved, and an own permission named with it is not recognised). \
                 The same note marks a committed merged manifest older than the sources it \
                 was made from, and a merger report given with an APK or AAB that is not of \
                 the build that made it (it never mentions a permission the artifact \
                 requests, adds one the artifact lacks, or names the app's own permissions \
                 under another application id). Fix: write the value as a literal, or build the variant and \
                 audit its merged manifest or APK.",
    app: Some(inputs),
    policy: None,
    advisory: false,
    same_fact_both_sides: false,
};

/// Whether `input`'s notes are the Gradle reader's (an APK's or AAB's are about its merger
/// report).
pub(super) fn is_gradle(kind: InputKind) -> bool {
    matches!(
        kind,
        InputKind::GradleVariant | InputKind::MergedManifest | InputKind::Apk | InputKind::Aab
    )
}

/// One warning per note, at the value.
pub(super) fn inputs(ctx: &Context<'_>) -> Vec<Finding> {
    // Gradle kinds are Android, so always among the audited inputs.
    ctx.notes(crate::model::NoteRule::UnresolvedBuildValue)
        .filter(|(i, _)| is_gradle(i.kind))
        .map(|(input, n)| {
            let message = n.message.clone();
            finding(Rule::UnresolvedBuildValue, input.platform(), "", &n.location, message)
        })
        .collect()
}
