//! `unaudited-platform`: a macOS app the policy has no `macos` table for. It is never pooled
//! into the iOS audit, and never silently dropped either.

use super::{Context, finding};
use crate::model::{Finding, Location};
use crate::rules::Rule;

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
                format!(
                    "{what} is a macOS app and was not audited: the policy has no `macos:` \
                     table (its {keys} purpose string{} {} not judged, and iOS rows do not \
                     cover a macOS app); add a `macos:` table to the policy",
                    if keys == 1 { "" } else { "s" },
                    if keys == 1 { "was" } else { "were" },
                ),
            )
        })
        .collect()
}
