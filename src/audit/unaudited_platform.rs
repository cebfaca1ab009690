//! `unaudited-platform`: a macOS app the policy has no `macos` table for. It is never pooled
//! into the iOS audit, and never silently dropped either.

use super::{Context, Finding, Rule, RuleDef, finding};
use crate::model::{Location, Message, Severity};

/// The rule's definition: everything the registry, `permaudit rules`, the README and SARIF show.
pub(super) const RULE: RuleDef = RuleDef {
    id: "unaudited-platform",
    severity: Severity::Warning,
    summary: "macOS app not audited: the policy has no macos table",
    explanation: "The input is a macOS app (a macos/ folder, an Xcode target whose SDK is \
                 macosx, or an iOS target also built for Mac Catalyst), and the policy has no \
                 macos table. A macOS app asks for its own permissions and is never pooled \
                 into the iOS audit, so none of its purpose strings were judged: this warning \
                 keeps that visible instead of reporting clean. Fix: add a `macos:` table to \
                 the policy (same schema as `ios:`), or exclude the macOS folder if the app is \
                 not shipped for macOS.",
    app: Some(inputs),
    policy: None,
    advisory: false,
    same_fact_both_sides: false,
};

/// One warning per unaudited input, at the input.
pub(super) fn inputs(ctx: &Context<'_>) -> Vec<Finding> {
    ctx.unaudited
        .iter()
        .map(|input| {
            let what = input
                .build
                .as_deref()
                .map_or_else(|| input.path.clone(), |b| format!("{b} ({})", input.path));
            let keys = input.requests.len();
            finding(
                Rule::UnauditedPlatform,
                input.platform(),
                "",
                &Location::file(&input.path),
                Message::new(if keys == 1 {
                    "msg.unaudited-platform.one"
                } else {
                    "msg.unaudited-platform.other"
                })
                .text("what", what)
                .text("keys", keys.to_string()),
            )
        })
        .collect()
}
