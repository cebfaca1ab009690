//! `empty-purpose`: an iOS purpose string, or a policy row's purpose, that says nothing.

use super::{Context, finding, Finding, Rule, RuleDef};
use crate::model::{Message, Platform, Severity};
use crate::policy::{Policy, Row};


/// The rule's definition: everything the registry, `permaudit rules`, the README and SARIF show.
pub(super) const RULE: RuleDef = RuleDef {
    id: "empty-purpose",
    severity: Severity::Error,
    summary: "Empty or placeholder purpose string",
    explanation: "An Info.plist purpose string (NS…UsageDescription) is empty, whitespace, not \
                 a string, or an obvious placeholder (TODO, TBD, placeholder, lorem ipsum, …). \
                 iOS shows it in the permission prompt and App Store review rejects an app \
                 whose purpose string does not explain the use. In a policy, a row without a \
                 purpose fails the disclosure requirement the same way. Fix: write one \
                 sentence saying what the app does with the data.",
    app: Some(requests),
    policy: Some(policy),
    advisory: false,
    same_fact_both_sides: false,
};

/// Values people leave in while meaning to write the text later (compared case-insensitively,
/// without trailing punctuation).
const PLACEHOLDERS: &[&str] = &[
    "todo",
    "tbd",
    "fixme",
    "xxx",
    "placeholder",
    "test",
    "description",
    "usage description",
    "purpose",
    "n/a",
    "none",
    "-",
    "?",
];

/// Why `purpose` says nothing, or `None` when it says something. `name` is the Info.plist key it
/// belongs to (empty for policy rows): a purpose string that only repeats the key is a
/// placeholder too.
fn emptiness(purpose: Option<&str>, name: &str) -> Option<&'static str> {
    let Some(purpose) = purpose else {
        return Some("missing");
    };
    let text = purpose.trim();
    if text.is_empty() {
        return Some(if purpose.is_empty() { "empty" } else { "blank" });
    }
    let normal = text
        .trim_end_matches(['.', '!', '…', ':'])
        .trim()
        .to_lowercase();
    let placeholder = PLACEHOLDERS.contains(&normal.as_str())
        || normal.starts_with("todo:")
        || normal.starts_with("todo ")
        || normal.starts_with("fixme")
        || normal.starts_with("lorem ipsum")
        || (!name.is_empty() && normal == name.to_lowercase());
    placeholder.then_some("a placeholder")
}

/// Apple requests whose purpose string says nothing, and translations that say nothing (the
/// user of that language sees the prompt empty). A value that is not a string counts: iOS has
/// no text to show either. A language whose file leaves the key out is not judged here: iOS
/// shows the Info.plist text (`missing-translation` reports it).
pub(super) fn requests(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    let apple = ctx
        .first_requests()
        .filter(|(input, _)| matches!(input.platform(), Platform::Ios | Platform::Macos));
    for (input, r) in apple {
        let why = match r.purpose.as_deref() {
            None => Some("not a string"),
            Some(p) => emptiness(Some(p), &r.permission),
        };
        if let Some(why) = why {
            out.push(finding(
                Rule::EmptyPurpose,
                input.platform(),
                &r.permission,
                &r.location,
                request_message(&r.permission, why, r.purpose.as_deref()),
            ));
        }
        for l in &r.localizations {
            let Some(text) = l.purpose.as_deref() else {
                continue;
            };
            if let Some(why) = emptiness(Some(text), &r.permission) {
                out.push(finding(
                    Rule::EmptyPurpose,
                    input.platform(),
                    &r.permission,
                    &l.location,
                    Message::new("msg.empty-purpose.translation")
                        .text("language", &l.language)
                        .permission("permission", &r.permission)
                        .part("why", why_message(why))
                        .part("shown", quoted(text)),
                ));
            }
        }
    }
    out
}

/// ` ("text")` for a purpose with text, else nothing.
fn quoted(purpose: &str) -> Message {
    if purpose.trim().is_empty() {
        Message::new("msg.nothing")
    } else {
        Message::new("msg.empty-purpose.shown").text("purpose", purpose.trim())
    }
}

/// What [`emptiness`] found, as a translated part of the message.
fn why_message(why: &str) -> Message {
    Message::new(match why {
        "missing" => "msg.empty-purpose.why.missing",
        "empty" => "msg.empty-purpose.why.empty",
        "blank" => "msg.empty-purpose.why.blank",
        "a placeholder" => "msg.empty-purpose.why.placeholder",
        _ => "msg.empty-purpose.why.not-a-string",
    })
}

/// Policy rows whose purpose says nothing. Located at the row's first permission (a row has no
/// position of its own).
pub(super) fn policy(policy: &Policy) -> Vec<Finding> {
    policy
        .rows
        .iter()
        .filter_map(|row| {
            let first = row.permissions.first()?;
            // A purpose that repeats the row's label ("Send SMS" / "Send SMS") is terse but says
            // something, so the label is not compared.
            let why = emptiness(row.purpose.as_deref(), "")?;
            Some(finding(
                Rule::EmptyPurpose,
                row.platform,
                &first.permission,
                &first.location,
                policy_message(row, why),
            ))
        })
        .collect()
}

/// The text of a finding on an Info.plist purpose string; `why` says what is wrong with
/// `purpose`, which is quoted when it has text.
fn request_message(key: &str, why: &str, purpose: Option<&str>) -> Message {
    let shown = purpose.map_or_else(|| Message::new("msg.nothing"), quoted);
    Message::new("msg.empty-purpose.request")
        .permission("permission", key)
        .part("why", why_message(why))
        .part("shown", shown)
}

/// The text of a finding on a policy row.
fn policy_message(row: &Row, why: &str) -> Message {
    Message::new("msg.empty-purpose.policy")
        .text("platform", row.platform.display_name())
        .part("row", super::row_message(row.index, row.name.as_deref()))
        .part("why", why_message(why))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_counts_as_empty() {
        assert_eq!(emptiness(Some(""), "K"), Some("empty"));
        assert_eq!(emptiness(Some(" \t"), "K"), Some("blank"));
        assert_eq!(emptiness(None, "K"), Some("missing"));
        for p in [
            "TODO",
            "todo: write this",
            "TBD.",
            "Lorem ipsum dolor",
            "K",
            "placeholder",
        ] {
            assert_eq!(emptiness(Some(p), "K"), Some("a placeholder"), "{p}");
        }
        assert_eq!(emptiness(Some("Scan documents to upload"), "K"), None);
        // A word that merely starts like a placeholder is real text.
        assert_eq!(
            emptiness(Some("Testing your hearing needs the microphone"), "K"),
            None
        );
    }
}
