//! `undeclared`: a requested permission that no policy row of its platform discloses.

use super::{Context, finding, matching, Finding, Rule, RuleDef};
use crate::model::{Message, Platform, Severity};


/// The rule's definition: everything the registry, `permaudit rules`, the README and SARIF show.
pub(super) const RULE: RuleDef = RuleDef {
    id: "undeclared",
    severity: Severity::Error,
    summary: "Requested permission not disclosed by the privacy policy",
    explanation: "The app requests a permission (a <uses-permission> in AndroidManifest.xml or a \
                 purpose-string key in Info.plist) that no row of the privacy policy's table for \
                 that platform lists. Regulators (MIIT, TC260-PG-20204A), Google Play and Apple \
                 require every requested system permission to be disclosed with its purpose, so \
                 an undisclosed permission is a compliance gap. Fix: add the permission to the \
                 policy row that explains its use (or a new row), or stop requesting it. A \
                 permission merged in by a library can be dropped with \
                 tools:node=\"remove\".",
    app: Some(check),
    policy: None,
    advisory: false,
    same_fact_both_sides: false,
};

/// One finding per (file, permission), at the first request in that file. The app's own
/// permissions are exempt; with successor matching on, a request whose predecessor or successor
/// the policy discloses is covered (`policy-outdated` reports the wording).
pub(super) fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (input, request) in ctx.first_requests() {
        let platform = input.platform();
        let permission = request.permission.as_str();
        if ctx.with_relatives(platform, permission, |p| ctx.is_disclosed(platform, p)) {
            continue;
        }
        let lowered = ctx
            .settings
            .undeclared_normal
            .filter(|_| matching::is_normal(platform, permission));
        let mut message = message(platform, permission, lowered);
        // A request of a generated manifest says what puts it there, so the fix (a plugin
        // option, a blocked permission) is findable.
        if let Some(origin) = &request.origin {
            message = Message::new("msg.undeclared.origin")
                .part("message", message)
                .part("via", origin.via.clone());
        }
        findings.push(finding(
            Rule::Undeclared,
            platform,
            permission,
            &request.location,
            message,
        ));
    }
    findings
}

/// The finding's text; `lowered` is the severity `undeclared-normal` set, which the text
/// then says, so a lowered severity is never silent.
fn message(platform: Platform, permission: &str, lowered: Option<Severity>) -> Message {
    let message = Message::new("msg.undeclared")
        .permission("permission", permission)
        .text("platform", platform.display_name());
    match lowered {
        Some(severity) => Message::new("msg.undeclared.lowered")
            .part("message", message)
            .part("severity", Message::new(severity_id(severity))),
        None => message,
    }
}

/// The catalog id of a severity's name.
fn severity_id(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "severity.error",
        Severity::Warning => "severity.warning",
        Severity::Note => "severity.note",
    }
}
