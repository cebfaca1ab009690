//! The rule registry: every rule permaudit can report, with its stable id, default severity and
//! the explanation shown to users. Reports, the README's rule table and `permaudit rules` all
//! read from here, so a rule is described in exactly one place.

use std::fmt;

use serde::Serialize;

use crate::model::Severity;

/// A rule. Ids are kebab-case and never renamed once released.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// A permission is requested by an audited input and disclosed by no policy row of that
    /// platform.
    Undeclared,
    /// A policy row discloses a permission that no audited input of that platform requests.
    Unused,
    /// A request is disclosed only through a deprecated predecessor named in the policy.
    PolicyOutdated,
    /// A permission a store-installed app can never be granted.
    UnobtainablePermission,
    /// A permission Google Play only allows after a Play Console declaration.
    RestrictedPermission,
    /// A deprecated, replaced, removed or no-effect permission or purpose-string key.
    DeprecatedPermission,
    /// An `android.permission.*` name that Android never defined.
    UnknownPermission,
    /// An empty, blank or placeholder purpose.
    EmptyPurpose,
    /// A permission that needs a companion permission the app does not request.
    MissingCompanion,
    /// One permission listed in more than one policy row.
    DuplicateDisclosure,
    /// A purpose string without a translation for a language the app is localized into.
    MissingTranslation,
    /// A build setting Xcode ignores (or a configuration file not read) where it concerns the
    /// Info.plist.
    IgnoredBuildSetting,
    /// An input of a platform the policy has no table for (a macOS app), not audited.
    UnauditedPlatform,
}

/// Which command judges a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// `permaudit check`: the app against the policy.
    Check,
    /// `permaudit policy lint`: the policy alone.
    Lint,
    /// Both commands.
    Both,
}

impl Scope {
    /// How the README and `permaudit rules` name it.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Check => "check",
            Scope::Lint => "policy lint",
            Scope::Both => "check, policy lint",
        }
    }
}

impl Rule {
    /// Every rule, in the order they are documented.
    pub const ALL: &'static [Rule] = &[
        Rule::Undeclared,
        Rule::Unused,
        Rule::PolicyOutdated,
        Rule::UnobtainablePermission,
        Rule::RestrictedPermission,
        Rule::DeprecatedPermission,
        Rule::UnknownPermission,
        Rule::EmptyPurpose,
        Rule::MissingCompanion,
        Rule::DuplicateDisclosure,
        Rule::MissingTranslation,
        Rule::IgnoredBuildSetting,
        Rule::UnauditedPlatform,
    ];

    /// Stable id, as written in reports and configuration.
    pub fn id(self) -> &'static str {
        match self {
            Rule::Undeclared => "undeclared",
            Rule::Unused => "unused",
            Rule::PolicyOutdated => "policy-outdated",
            Rule::UnobtainablePermission => "unobtainable-permission",
            Rule::RestrictedPermission => "restricted-permission",
            Rule::DeprecatedPermission => "deprecated-permission",
            Rule::UnknownPermission => "unknown-permission",
            Rule::EmptyPurpose => "empty-purpose",
            Rule::MissingCompanion => "missing-companion",
            Rule::DuplicateDisclosure => "duplicate-disclosure",
            Rule::MissingTranslation => "missing-translation",
            Rule::IgnoredBuildSetting => "ignored-build-setting",
            Rule::UnauditedPlatform => "unaudited-platform",
        }
    }

    /// Severity used unless configuration says otherwise.
    pub fn default_severity(self) -> Severity {
        match self {
            Rule::Undeclared => Severity::Error,
            Rule::Unused => Severity::Warning,
            Rule::PolicyOutdated => Severity::Note,
            Rule::UnobtainablePermission => Severity::Warning,
            Rule::RestrictedPermission => Severity::Warning,
            Rule::DeprecatedPermission => Severity::Warning,
            Rule::UnknownPermission => Severity::Warning,
            Rule::EmptyPurpose => Severity::Error,
            Rule::MissingCompanion => Severity::Warning,
            Rule::DuplicateDisclosure => Severity::Warning,
            Rule::MissingTranslation => Severity::Warning,
            Rule::IgnoredBuildSetting => Severity::Note,
            Rule::UnauditedPlatform => Severity::Warning,
        }
    }

    /// Which command judges the rule.
    pub fn scope(self) -> Scope {
        match self {
            Rule::Undeclared
            | Rule::Unused
            | Rule::PolicyOutdated
            | Rule::MissingCompanion
            | Rule::MissingTranslation
            | Rule::IgnoredBuildSetting
            | Rule::UnauditedPlatform => Scope::Check,
            Rule::DuplicateDisclosure => Scope::Lint,
            Rule::UnobtainablePermission
            | Rule::RestrictedPermission
            | Rule::DeprecatedPermission
            | Rule::UnknownPermission
            | Rule::EmptyPurpose => Scope::Both,
        }
    }

    /// One line for tables and SARIF `shortDescription`.
    pub fn summary(self) -> &'static str {
        match self {
            Rule::Undeclared => "Requested permission not disclosed by the privacy policy",
            Rule::Unused => "Disclosed permission no longer requested by the app",
            Rule::PolicyOutdated => {
                "Policy names a deprecated permission; the app requests its successor"
            }
            Rule::UnobtainablePermission => "Permission a store-installed app can never be granted",
            Rule::RestrictedPermission => "Permission Google Play restricts to declared use cases",
            Rule::DeprecatedPermission => "Deprecated, replaced or no-effect permission or key",
            Rule::UnknownPermission => "android.permission.* name Android never defined",
            Rule::EmptyPurpose => "Empty or placeholder purpose string",
            Rule::MissingCompanion => "Permission requested without the companion it needs",
            Rule::DuplicateDisclosure => "Policy lists one permission in several rows",
            Rule::MissingTranslation => {
                "Purpose string not translated into a language the app is localized into"
            }
            Rule::IgnoredBuildSetting => "Info.plist build setting Xcode ignores",
            Rule::UnauditedPlatform => "macOS app not audited: the policy has no macos table",
        }
    }

    /// What the rule catches, why it matters and how to fix it.
    pub fn explanation(self) -> &'static str {
        match self {
            Rule::Undeclared => {
                "The app requests a permission (a <uses-permission> in AndroidManifest.xml or a \
                 purpose-string key in Info.plist) that no row of the privacy policy's table for \
                 that platform lists. Regulators (MIIT, TC260-PG-20204A), Google Play and Apple \
                 require every requested system permission to be disclosed with its purpose, so \
                 an undisclosed permission is a compliance gap. Fix: add the permission to the \
                 policy row that explains its use (or a new row), or stop requesting it. A \
                 permission merged in by a library can be dropped with \
                 tools:node=\"remove\"."
            }
            Rule::Unused => {
                "A policy row discloses a permission that none of the audited inputs of that \
                 platform requests. The policy overstates what the app collects and has drifted \
                 from the app. The rule is only judged for platforms with at least one audited \
                 input. Fix: remove the permission from the policy, or check that the audit \
                 covers every manifest that requests it (flavour manifests, the built APK). A \
                 disclosure whose successor or predecessor the app requests is not unused (see \
                 policy-outdated)."
            }
            Rule::PolicyOutdated => {
                "Successor-aware matching: a policy row that names a deprecated permission (for \
                 example NSCalendarsUsageDescription, or USE_FINGERPRINT) also covers the \
                 permissions that replaced it (NSCalendarsFullAccessUsageDescription, \
                 USE_BIOMETRIC), and the reverse, so an app that moved to the new name is not \
                 reported as undeclared. The policy still names the old permission, so this note \
                 points at the row to reword. Fix: name the successor the app requests in that \
                 row. --strict-names turns successor matching off (the request is then \
                 undeclared and the old name unused)."
            }
            Rule::UnobtainablePermission => {
                "The permission's protection level has none of normal, dangerous, appop, \
                 instant, role, runtime or pre23 (for example signature|privileged), or the \
                 reference lists it as unobtainable: Android grants it only to apps signed with \
                 the platform key or preinstalled on the system image. A store-installed app \
                 never receives it, so requesting it does nothing, and disclosing it promises \
                 data the app cannot collect. Fix: remove it from the manifest (often an SDK \
                 merges it in: use tools:node=\"remove\") and from the policy. Vendor \
                 permissions whose protection level is unknown are not judged."
            }
            Rule::RestrictedPermission => {
                "Google Play allows the permission only for qualifying core use cases and only \
                 after a Play Console declaration (SMS and Call Log groups, background location, \
                 QUERY_ALL_PACKAGES, MANAGE_EXTERNAL_STORAGE, REQUEST_INSTALL_PACKAGES, photo \
                 and video, foreground-service types, Health Connect, …). The message names the \
                 Play policy. An app that requests it without a qualifying use case is rejected \
                 or removed from Play. Fix: remove the permission, or complete the declaration \
                 and keep the policy's purpose in line with it. Turn the rule off for apps not \
                 distributed on Google Play."
            }
            Rule::DeprecatedPermission => {
                "Android deprecated, replaced or removed the permission, or it has no effect on \
                 newer versions (USE_FINGERPRINT from API 28, BLUETOOTH_ADMIN from 31, \
                 READ_EXTERNAL_STORAGE from 33, …); or Apple deprecated the Info.plist key \
                 (NSCalendarsUsageDescription from iOS 17). The message names the successor. \
                 An Android request capped below the deprecation level with \
                 android:maxSdkVersion, and an iOS key kept next to its successor for older OS \
                 versions, are the correct legacy pattern and are not reported. Fix: request \
                 the successor, and cap the old permission with maxSdkVersion (or keep the old \
                 key only while supporting older iOS); in a policy, name the successor."
            }
            Rule::UnknownPermission => {
                "The name is in the android.permission namespace but no Android version ever \
                 defined it, so it is almost certainly a typo and grants nothing. The message \
                 suggests the nearest real name. Fix: correct the spelling in the manifest or \
                 the policy."
            }
            Rule::EmptyPurpose => {
                "An Info.plist purpose string (NS…UsageDescription) is empty, whitespace, not \
                 a string, or an obvious placeholder (TODO, TBD, placeholder, lorem ipsum, …). \
                 iOS shows it in the permission prompt and App Store review rejects an app \
                 whose purpose string does not explain the use. In a policy, a row without a \
                 purpose fails the disclosure requirement the same way. Fix: write one \
                 sentence saying what the app does with the data."
            }
            Rule::MissingCompanion => {
                "Some permissions only work together with another one: \
                 ACCESS_FINE_LOCATION needs ACCESS_COARSE_LOCATION on Android 12+ (the user may \
                 grant approximate location only); ACCESS_BACKGROUND_LOCATION is granted only \
                 on top of a foreground location permission; FOREGROUND_SERVICE needs the \
                 FOREGROUND_SERVICE_<TYPE> permission of each service type for apps targeting \
                 Android 14; NSLocationAlwaysAndWhenInUseUsageDescription is ignored without \
                 NSLocationWhenInUseUsageDescription. Requests of all audited files of a \
                 platform are pooled. Fix: request the companion (and disclose it)."
            }
            Rule::DuplicateDisclosure => {
                "The policy lists the same permission in two or more rows, usually with \
                 different purposes (the M5 policy does this for READ_PHONE_STATE). Readers \
                 and regulators cannot tell which purpose applies. Fix: merge the rows, or \
                 state every purpose in one row."
            }
            Rule::MissingTranslation => {
                "The app is localized into a language (the Xcode project's knownRegions, the \
                 Info.plist's CFBundleLocalizations, or a <lang>.lproj folder) but that \
                 language's InfoPlist.strings (or InfoPlist.xcstrings) has no translation of a \
                 purpose string, so users of that language see the permission prompt in the \
                 development language. Apps for mainland China are expected to explain every \
                 permission in Chinese: a missing zh-Hans is the typical finding. An empty \
                 InfoPlist.strings translates nothing. One finding per purpose string lists \
                 every language it lacks. Fix: add \"KEY\" = \"…\"; to \
                 <lang>.lproj/InfoPlist.strings (or translate the key in the string catalog)."
            }
            Rule::IgnoredBuildSetting => {
                "An Xcode build setting looks like it adds a purpose string but does not: \
                 INFOPLIST_KEY_<key> settings are only added to the Info.plist when \
                 GENERATE_INFOPLIST_FILE = YES, and with it NO (the default) Xcode ignores \
                 them, so the key ships only if the INFOPLIST_FILE has it. The note also \
                 records a CocoaPods .xcconfig that is not there (pod install generates it; it \
                 sets no Info.plist key) and was not read. Fix: set GENERATE_INFOPLIST_FILE = \
                 YES, or move the key into the Info.plist file and delete the setting."
            }
            Rule::UnauditedPlatform => {
                "The input is a macOS app (a macos/ folder, an Xcode target whose SDK is \
                 macosx, or an iOS target also built for Mac Catalyst), and the policy has no \
                 macos table. A macOS app asks for its own permissions and is never pooled \
                 into the iOS audit, so none of its purpose strings were judged: this warning \
                 keeps that visible instead of reporting clean. Fix: add a `macos:` table to \
                 the policy (same schema as `ios:`), or exclude the macOS folder if the app is \
                 not shipped for macOS."
            }
        }
    }

    /// Looks a rule up by its id.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|r| r.id() == id)
    }
}

/// The README's rule section: a table of every rule, then each rule's explanation under its
/// own heading. `permaudit rules --format markdown` prints it and a test keeps the README
/// identical to it.
pub fn markdown() -> String {
    // `<` would start an HTML tag in Markdown (`<uses-permission>` would vanish).
    let escape = |s: &str| s.replace('<', "\\<");
    let mut out =
        String::from("| rule | default severity | judged by | summary |\n|---|---|---|---|\n");
    for rule in Rule::ALL {
        out.push_str(&format!(
            "| [`{id}`](#{id}) | {} | {} | {} |\n",
            rule.default_severity(),
            rule.scope().as_str(),
            escape(rule.summary()),
            id = rule.id(),
        ));
    }
    for rule in Rule::ALL {
        out.push_str(&format!(
            "\n#### `{}`\n\n{}\n",
            rule.id(),
            escape(rule.explanation())
        ));
    }
    out
}

/// `permaudit rules`: every rule with its severity, scope, summary and explanation, wrapped for
/// a terminal.
pub fn text() -> String {
    let mut out = String::new();
    for (i, rule) in Rule::ALL.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!(
            "{} ({}; {})\n  {}\n",
            rule.id(),
            rule.default_severity(),
            rule.scope().as_str(),
            rule.summary()
        ));
        for line in wrap(rule.explanation(), 96) {
            out.push_str("  ");
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// Greedy word wrap; a word longer than `width` gets a line of its own.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// One rule as `permaudit rules --format json` prints it.
#[derive(Debug, Serialize)]
pub struct RuleInfo {
    /// Stable id.
    pub id: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// Which command judges it.
    pub scope: Scope,
    /// One line.
    pub summary: &'static str,
    /// What, why, how to fix.
    pub explanation: &'static str,
}

/// Every rule, for JSON.
pub fn infos() -> Vec<RuleInfo> {
    Rule::ALL
        .iter()
        .map(|r| RuleInfo {
            id: r.id(),
            severity: r.default_severity(),
            scope: r.scope(),
            summary: r.summary(),
            explanation: r.explanation(),
        })
        .collect()
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case_and_round_trip() {
        let mut seen = std::collections::BTreeSet::new();
        for rule in Rule::ALL {
            let id = rule.id();
            assert!(seen.insert(id), "duplicate id {id}");
            assert!(
                id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{id} is not kebab-case"
            );
            assert_eq!(Rule::from_id(id), Some(*rule));
            assert!(!rule.summary().is_empty() && !rule.explanation().is_empty());
        }
    }
}
