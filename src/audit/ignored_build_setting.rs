//! `ignored-build-setting`: what the Xcode reader noticed Xcode ignores (an `INFOPLIST_KEY_*`
//! purpose string with `GENERATE_INFOPLIST_FILE = NO`) or could not read without changing the
//! Info.plist (a CocoaPods `.xcconfig` that `pod install` generates).

use super::{Context, finding};
use crate::model::Finding;
use crate::rules::Rule;

/// One note per noted setting, at the setting.
pub(super) fn inputs(ctx: &Context<'_>) -> Vec<Finding> {
    ctx.inputs
        .iter()
        .chain(ctx.unaudited.iter())
        .flat_map(|input| {
            input.notes.iter().map(move |n| {
                finding(
                    Rule::IgnoredBuildSetting,
                    input.platform(),
                    n.setting
                        .strip_prefix("INFOPLIST_KEY_")
                        .unwrap_or(&n.setting),
                    &n.location,
                    n.message.clone(),
                )
            })
        })
        .collect()
}
