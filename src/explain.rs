//! `permaudit explain NAME`: everything the catalog knows about a permission or purpose-string
//! key, and which row of the active policy discloses it.
//!
//! A name is looked up as a full Android name, an Info.plist key, a short Android name (any
//! case) and finally a Chinese name; a Chinese name may stand for several permissions, and each
//! is explained.

use std::fmt::Write as _;

use thiserror::Error;

use crate::audit::{Settings, advisories_for};
use crate::catalog::{ANDROID_PREFIX, AndroidPermission, IosKey, ShortName, catalog, nearest};
use crate::model::{ParsedInput, Platform};
use crate::policy::Policy;

/// Why a name could not be explained.
#[derive(Debug, Error)]
pub enum ExplainError {
    /// The catalog has nothing by that name.
    #[error("unknown permission or key `{query}`{}; expected an Android permission (CAMERA or \
             android.permission.CAMERA), an Info.plist key (NSCameraUsageDescription) or a \
             Chinese name (相机)", .nearest.as_ref().map_or(String::new(), |n| format!(" (did you mean `{n}`?)")))]
    Unknown {
        /// What was asked.
        query: String,
        /// The closest known name, if one is close.
        nearest: Option<String>,
    },
}

/// One catalog entry a name resolved to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// An Android permission.
    Android(&'static AndroidPermission),
    /// An iOS purpose-string key.
    Ios(&'static IosKey),
}

impl Entry {
    /// Platform of the entry.
    pub fn platform(self) -> Platform {
        match self {
            Entry::Android(_) => Platform::Android,
            Entry::Ios(_) => Platform::Ios,
        }
    }

    /// Canonical name.
    pub fn name(self) -> &'static str {
        match self {
            Entry::Android(p) => p.name,
            Entry::Ios(k) => k.key,
        }
    }
}

/// The catalog entries `query` names.
pub fn lookup(query: &str) -> Result<Vec<Entry>, ExplainError> {
    let cat = catalog();
    let query = query.trim();
    if let Some(p) = cat.android_permission(query) {
        return Ok(vec![Entry::Android(p)]);
    }
    if let Some(k) = cat.ios_key(query) {
        return Ok(vec![Entry::Ios(k)]);
    }
    if let Some(p) = cat.android().iter().find(|p| {
        p.name
            .strip_suffix('*')
            .is_some_and(|prefix| query.starts_with(prefix))
    }) {
        return Ok(vec![Entry::Android(p)]);
    }
    let mut short_nearest = None;
    if !query.contains('.') && !query.is_empty() {
        for candidate in [query.to_owned(), query.to_uppercase()] {
            match cat.resolve_short(&candidate) {
                ShortName::Resolved(full) => {
                    if let Some(p) = cat.android_permission(&full) {
                        return Ok(vec![Entry::Android(p)]);
                    }
                }
                ShortName::Ambiguous(names) => {
                    return Ok(names
                        .into_iter()
                        .filter_map(|n| cat.android_permission(n).map(Entry::Android))
                        .collect());
                }
                ShortName::Unknown { nearest } => short_nearest = short_nearest.or(nearest),
            }
        }
    }
    let by_zh: Vec<Entry> = cat
        .by_chinese_name(query)
        .into_iter()
        .filter_map(|(platform, name)| match platform {
            Platform::Android => cat.android_permission(name).map(Entry::Android),
            Platform::Ios | Platform::Macos => cat.ios_key(name).map(Entry::Ios),
        })
        .collect();
    if !by_zh.is_empty() {
        return Ok(by_zh);
    }
    let suggestion = if query.ends_with("UsageDescription") {
        cat.nearest_ios_key(query).map(str::to_owned)
    } else if query.starts_with(ANDROID_PREFIX) {
        cat.nearest_platform_permission(query).map(str::to_owned)
    } else if query.contains('.') {
        nearest(query, cat.android().iter().map(|p| p.name)).map(str::to_owned)
    } else {
        short_nearest.map(str::to_owned)
    };
    Err(ExplainError::Unknown {
        query: query.to_owned(),
        nearest: suggestion,
    })
}

/// The explanation of `entries` (as found for `query`) against `policy`, as text.
pub fn render(query: &str, entries: &[Entry], policy: &Policy, settings: &Settings) -> String {
    let mut out = String::new();
    if entries.len() > 1 {
        let _ = writeln!(
            out,
            "{query} may mean {} permissions or keys:\n",
            entries.len()
        );
    }
    for (i, entry) in entries.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match entry {
            Entry::Android(p) => android(&mut out, p),
            Entry::Ios(k) => ios(&mut out, k),
        }
        disclosure(&mut out, *entry, policy, settings);
        let advisories = advisories_for(entry.platform(), entry.name(), settings);
        if advisories.is_empty() {
            line(&mut out, "if requested", "no advisory");
        } else {
            for (j, f) in advisories.iter().enumerate() {
                let label = if j == 0 { "if requested" } else { "" };
                line(
                    &mut out,
                    label,
                    &format!("{} ({}): {}", f.rule, f.severity, f.message),
                );
            }
        }
    }
    out
}

fn line(out: &mut String, label: &str, value: &str) {
    if label.is_empty() {
        let _ = writeln!(out, "  {:<15} {value}", "");
    } else {
        let _ = writeln!(out, "  {:<15} {value}", format!("{label}:"));
    }
}

fn list(items: impl Iterator<Item = &'static str>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

fn android(out: &mut String, p: &AndroidPermission) {
    let _ = writeln!(out, "{}", p.name);
    let origin = match p.origin {
        "aosp" => "AOSP platform permission".to_owned(),
        other => format!("defined outside the Android framework: {other}"),
    };
    line(out, "platform", &format!("Android ({origin})"));
    let kind = if p.protection == "unknown" {
        "not recorded"
    } else if p.is_normal() {
        "install-time: granted without asking the user"
    } else if p.protection.split('|').next() == Some("dangerous") {
        "runtime: the user is asked"
    } else if p.is_unobtainable() {
        "never granted to a store-installed app"
    } else {
        "special access: granted through a settings screen, app-op or role"
    };
    line(out, "protection", &format!("{} ({kind})", p.protection));
    if let Some(api) = p.since_api {
        line(out, "added in", &format!("API {api}"));
    }
    if p.is_deprecated() {
        let when = match p.deprecated_level() {
            Some((l, true)) => format!("from API {l}"),
            Some((l, false)) => format!("from API {l} (level not confirmed)"),
            None => "removed (level not recorded)".to_owned(),
        };
        let successors = list(p.successors());
        let value = if successors.is_empty() {
            when
        } else {
            format!("{when}; successor: {successors}")
        };
        line(out, "deprecated", &value);
    }
    if !p.play_policy.is_empty() {
        let declaration = if p.needs_play_declaration() {
            " (Play Console declaration required)"
        } else {
            ""
        };
        line(
            out,
            "Google Play",
            &format!("{} policy{declaration}", p.play_policy),
        );
    }
    let zh = list(p.zh_names());
    if !zh.is_empty() {
        line(out, "Chinese names", &zh);
    }
    if !p.flags.is_empty() {
        line(out, "flags", &p.flags.replace('|', ", "));
    }
    if !p.note.is_empty() {
        line(out, "note", p.note);
    }
}

fn ios(out: &mut String, k: &IosKey) {
    let _ = writeln!(out, "{}", k.key);
    line(out, "platform", "iOS (Info.plist purpose-string key)");
    line(out, "guards", k.guards);
    if !k.introduced.is_empty() {
        line(out, "introduced", &format!("iOS {}", k.introduced));
    }
    if !k.deprecated.is_empty() {
        let successors = list(k.successors());
        let value = if successors.is_empty() {
            format!("iOS {}", k.deprecated)
        } else {
            format!("iOS {}; successor: {successors}", k.deprecated)
        };
        line(out, "deprecated", &value);
    }
    if !k.android.is_empty() {
        line(out, "Android match", &k.android.replace(';', ", "));
    }
    let zh = list(k.zh_names());
    if !zh.is_empty() {
        line(out, "Chinese names", &zh);
    }
    if !k.flags.is_empty() {
        line(out, "flags", &k.flags.replace('|', ", "));
    }
    if !k.note.is_empty() {
        line(out, "note", k.note);
    }
}

fn disclosure(out: &mut String, entry: Entry, policy: &Policy, settings: &Settings) {
    let platform = entry.platform();
    let rows = |name: &str| -> Vec<String> {
        policy
            .disclosures()
            .filter(|d| d.platform == platform && d.permission == name)
            .map(|d| {
                let label = d
                    .row_name
                    .as_deref()
                    .map_or_else(String::new, |n| format!(" \"{n}\""));
                format!(
                    "{} row {}{label} ({})",
                    platform.display_name(),
                    d.row + 1,
                    d.location
                )
            })
            .collect()
    };
    line(
        out,
        "policy",
        &format!("{} ({})", policy.name, policy.display_path()),
    );
    let direct = rows(entry.name());
    let covered: Vec<String> = if direct.is_empty() && settings.successor_matching {
        let cat = catalog();
        let mut related = cat.successors(platform, entry.name());
        related.extend(cat.predecessors(platform, entry.name()));
        related
            .iter()
            .flat_map(|r| {
                rows(r)
                    .into_iter()
                    .map(move |row| format!("{row}, through {r} (successor matching)"))
            })
            .collect()
    } else {
        Vec::new()
    };
    let shown = if direct.is_empty() { covered } else { direct };
    if shown.is_empty() {
        line(out, "disclosed by", "no row");
    }
    for (i, r) in shown.iter().enumerate() {
        line(out, if i == 0 { "disclosed by" } else { "" }, r);
    }
}

/// Where the audited app requests the entries, and what put each request there (which file,
/// which plugin or template, and where that knowledge comes from).
pub fn requested_by(entries: &[Entry], inputs: &[ParsedInput]) -> String {
    let mut out = String::new();
    for entry in entries {
        let requests: Vec<(&ParsedInput, &crate::model::Request)> = inputs
            .iter()
            .filter(|i| i.platform() == entry.platform() || entry.platform() == Platform::Ios)
            .flat_map(|i| i.requests.iter().map(move |r| (i, r)))
            .filter(|(_, r)| r.permission == entry.name())
            .collect();
        if requests.is_empty() {
            let _ = writeln!(out, "\n{}: not requested by the audited app", entry.name());
            continue;
        }
        let _ = writeln!(out, "\n{}: requested by the audited app at", entry.name());
        for (input, request) in requests {
            let build = input
                .build
                .as_deref()
                .map_or_else(|| input.path.clone(), |b| format!("{b}: {}", input.path));
            let _ = write!(out, "  {} ({build})", request.location);
            match &request.origin {
                Some(origin) => {
                    let _ = writeln!(
                        out,
                        ", put there by the {} [{}]",
                        crate::i18n::Lang::En.plain(&origin.via),
                        origin.kind.as_str()
                    );
                    if let Some(source) = &origin.source {
                        let _ = writeln!(out, "    known from {source}");
                    }
                }
                None => {
                    let _ = writeln!(out, ", written in the file");
                }
            }
            // What the user reads in the permission prompt, in each language the app ships:
            // the reviewer signs off the wording, not just the key.
            if let Some(purpose) = &request.purpose {
                let _ = writeln!(out, "    purpose string: {purpose:?}");
            }
            for l in &request.localizations {
                match &l.purpose {
                    Some(text) => {
                        let _ = writeln!(out, "    {}: {text:?} ({})", l.language, l.location);
                    }
                    None => {
                        let _ = writeln!(
                            out,
                            "    {}: no translation ({}); the prompt falls back to the purpose string",
                            l.language, l.location
                        );
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_by_every_kind_of_name() {
        let names =
            |q: &str| -> Vec<&str> { lookup(q).unwrap().into_iter().map(Entry::name).collect() };
        assert_eq!(names("CAMERA"), vec!["android.permission.CAMERA"]);
        assert_eq!(names("camera"), vec!["android.permission.CAMERA"]);
        assert_eq!(
            names("android.permission.CAMERA"),
            vec!["android.permission.CAMERA"]
        );
        assert_eq!(
            names("NSCalendarsUsageDescription"),
            vec!["NSCalendarsUsageDescription"]
        );
        assert_eq!(
            names("android.permission.health.READ_STEPS"),
            vec!["android.permission.health.*"]
        );
        assert!(names("指纹").contains(&"android.permission.USE_FINGERPRINT"));
        let err = lookup("CAMRA").unwrap_err().to_string();
        assert!(err.contains("did you mean `CAMERA`"), "{err}");
        let err = lookup("NSCamraUsageDescription").unwrap_err().to_string();
        assert!(
            err.contains("did you mean `NSCameraUsageDescription`"),
            "{err}"
        );
    }
}
