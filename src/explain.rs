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
use crate::i18n::Lang;
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

/// The explanation of `entries` (as found for `query`) against `policy`, as text in `lang`.
/// The catalog's own notes and descriptions (`guards`, `note`) are English data and stay so.
pub fn render(
    query: &str,
    entries: &[Entry],
    policy: &Policy,
    settings: &Settings,
    lang: Lang,
) -> String {
    let mut out = String::new();
    if entries.len() > 1 {
        let _ = writeln!(
            out,
            "{}\n",
            lang.fill(
                "explain.several",
                &[("query", query), ("n", &entries.len().to_string())]
            )
        );
    }
    for (i, entry) in entries.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match entry {
            Entry::Android(p) => android(&mut out, lang, p),
            Entry::Ios(k) => ios(&mut out, lang, k),
        }
        disclosure(&mut out, lang, *entry, policy, settings);
        let advisories = advisories_for(entry.platform(), entry.name(), settings);
        if advisories.is_empty() {
            line(
                &mut out,
                lang,
                "explain.if-requested",
                lang.text("explain.no-advisory"),
            );
        } else {
            for (j, f) in advisories.iter().enumerate() {
                let label = if j == 0 { "explain.if-requested" } else { "" };
                let message = if lang == Lang::En {
                    f.message.clone()
                } else {
                    lang.render(&f.text, &|p| {
                        crate::report::permission_name(lang, f.platform, p)
                    })
                };
                line(
                    &mut out,
                    lang,
                    label,
                    &lang.fill(
                        "explain.advisory",
                        &[
                            ("rule", f.rule.id()),
                            ("severity", lang.severity(f.severity)),
                            ("message", &message),
                        ],
                    ),
                );
            }
        }
    }
    out
}

/// One `label: value` line, the values aligned at one column whatever the label's script.
fn line(out: &mut String, lang: Lang, label: &str, value: &str) {
    let label = if label.is_empty() {
        String::new()
    } else {
        lang.fill("explain.label", &[("label", lang.text(label))])
    };
    let pad = 15usize.saturating_sub(unicode_width::UnicodeWidthStr::width(label.as_str()));
    let _ = writeln!(out, "  {label}{:pad$} {value}", "");
}

fn list(items: impl Iterator<Item = &'static str>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

/// Chinese names, listed as Chinese lists them (with `、`) in a Chinese explanation.
fn names(lang: Lang, items: impl Iterator<Item = &'static str>) -> String {
    let separator = if lang == Lang::Zh { "、" } else { ", " };
    items.collect::<Vec<_>>().join(separator)
}

fn android(out: &mut String, lang: Lang, p: &AndroidPermission) {
    let _ = writeln!(out, "{}", p.name);
    let origin = match p.origin {
        "aosp" => lang.text("explain.android.aosp").to_owned(),
        other => lang.fill("explain.android.outside", &[("origin", other)]),
    };
    line(
        out,
        lang,
        "explain.platform",
        &lang.fill("explain.android", &[("origin", &origin)]),
    );
    let kind = if p.protection == "unknown" {
        "explain.protection.not-recorded"
    } else if p.is_normal() {
        "explain.protection.install-time"
    } else if p.protection.split('|').next() == Some("dangerous") {
        "explain.protection.runtime"
    } else if p.is_unobtainable() {
        "explain.protection.never"
    } else {
        "explain.protection.special"
    };
    line(
        out,
        lang,
        "explain.protection",
        &lang.fill(
            "explain.protection.value",
            &[("protection", p.protection), ("kind", lang.text(kind))],
        ),
    );
    if let Some(api) = p.since_api {
        line(
            out,
            lang,
            "explain.added-in",
            &lang.fill("explain.api", &[("api", &api.to_string())]),
        );
    }
    if p.is_deprecated() {
        let when = match p.deprecated_level() {
            Some((l, true)) => lang.fill("explain.deprecated.from", &[("level", &l.to_string())]),
            Some((l, false)) => lang.fill(
                "explain.deprecated.from-unconfirmed",
                &[("level", &l.to_string())],
            ),
            None => lang.text("explain.deprecated.removed").to_owned(),
        };
        deprecated(out, lang, when, p.successors());
    }
    if !p.play_policy.is_empty() {
        let declaration = if p.needs_play_declaration() {
            lang.text("explain.play.declaration")
        } else {
            ""
        };
        line(
            out,
            lang,
            "explain.play",
            &lang.fill(
                "explain.play.policy",
                &[("policy", p.play_policy), ("declaration", declaration)],
            ),
        );
    }
    let zh = names(lang, p.zh_names());
    if !zh.is_empty() {
        line(out, lang, "explain.zh-names", &zh);
    }
    if !p.flags.is_empty() {
        line(out, lang, "explain.flags", &p.flags.replace('|', ", "));
    }
    if !p.note.is_empty() {
        line(out, lang, "explain.note", p.note);
    }
}

/// The deprecation line: since when, and what replaces it where anything does.
fn deprecated(
    out: &mut String,
    lang: Lang,
    when: String,
    successors: impl Iterator<Item = &'static str>,
) {
    let successors = list(successors);
    let value = if successors.is_empty() {
        when
    } else {
        lang.fill(
            "explain.deprecated.successor",
            &[("when", &when), ("successors", &successors)],
        )
    };
    line(out, lang, "explain.deprecated", &value);
}

fn ios(out: &mut String, lang: Lang, k: &IosKey) {
    let _ = writeln!(out, "{}", k.key);
    line(out, lang, "explain.platform", lang.text("explain.ios"));
    line(out, lang, "explain.guards", k.guards);
    if !k.introduced.is_empty() {
        line(
            out,
            lang,
            "explain.introduced",
            &lang.fill("explain.ios.version", &[("version", k.introduced)]),
        );
    }
    if !k.deprecated.is_empty() {
        let when = lang.fill("explain.ios.version", &[("version", k.deprecated)]);
        deprecated(out, lang, when, k.successors());
    }
    if !k.android.is_empty() {
        line(
            out,
            lang,
            "explain.android-match",
            &k.android.replace(';', ", "),
        );
    }
    let zh = names(lang, k.zh_names());
    if !zh.is_empty() {
        line(out, lang, "explain.zh-names", &zh);
    }
    if !k.flags.is_empty() {
        line(out, lang, "explain.flags", &k.flags.replace('|', ", "));
    }
    if !k.note.is_empty() {
        line(out, lang, "explain.note", k.note);
    }
}

fn disclosure(out: &mut String, lang: Lang, entry: Entry, policy: &Policy, settings: &Settings) {
    let platform = entry.platform();
    let rows = |name: &str| -> Vec<String> {
        policy
            .disclosures()
            .filter(|d| d.platform == platform && d.permission == name)
            .map(|d| {
                let label = d.row_name.as_deref().map_or_else(String::new, |n| {
                    lang.fill("explain.row.name", &[("name", n)])
                });
                lang.fill(
                    "explain.row",
                    &[
                        ("platform", platform.display_name()),
                        ("n", &(d.row + 1).to_string()),
                        ("label", &label),
                        ("at", &d.location.to_string()),
                    ],
                )
            })
            .collect()
    };
    line(
        out,
        lang,
        "explain.policy",
        &lang.fill(
            "explain.policy.value",
            &[("name", &policy.name), ("path", policy.display_path())],
        ),
    );
    let direct = rows(entry.name());
    let covered: Vec<String> = if direct.is_empty() && settings.successor_matching {
        let cat = catalog();
        let mut related = cat.successors(platform, entry.name());
        related.extend(cat.predecessors(platform, entry.name()));
        related
            .iter()
            .flat_map(|r| {
                rows(r).into_iter().map(move |row| {
                    lang.fill("explain.row.through", &[("row", &row), ("permission", r)])
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    let shown = if direct.is_empty() { covered } else { direct };
    if shown.is_empty() {
        line(
            out,
            lang,
            "explain.disclosed-by",
            lang.text("explain.disclosed-by.none"),
        );
    }
    for (i, r) in shown.iter().enumerate() {
        line(
            out,
            lang,
            if i == 0 { "explain.disclosed-by" } else { "" },
            r,
        );
    }
}

/// Where the audited app requests the entries, and what put each request there (which file,
/// which plugin or template, and where that knowledge comes from), in `lang`.
pub fn requested_by(entries: &[Entry], inputs: &[ParsedInput], lang: Lang) -> String {
    let mut out = String::new();
    for entry in entries {
        let requests: Vec<(&ParsedInput, &crate::model::Request)> = inputs
            .iter()
            .filter(|i| i.platform() == entry.platform() || entry.platform() == Platform::Ios)
            .flat_map(|i| i.requests.iter().map(move |r| (i, r)))
            .filter(|(_, r)| r.permission == entry.name())
            .collect();
        if requests.is_empty() {
            let _ = writeln!(
                out,
                "\n{}",
                lang.fill("explain.not-requested", &[("name", entry.name())])
            );
            continue;
        }
        let _ = writeln!(
            out,
            "\n{}",
            lang.fill("explain.requested-at", &[("name", entry.name())])
        );
        for (input, request) in requests {
            let build = input
                .build
                .as_deref()
                .map_or_else(|| input.path.clone(), |b| format!("{b}: {}", input.path));
            let at = lang.fill(
                "explain.request",
                &[("at", &request.location.to_string()), ("build", &build)],
            );
            match &request.origin {
                Some(origin) => {
                    let _ = writeln!(
                        out,
                        "  {}",
                        lang.fill(
                            "explain.request.origin",
                            &[
                                ("request", &at),
                                ("via", &lang.plain(&origin.via)),
                                ("kind", origin.kind.as_str()),
                            ],
                        )
                    );
                    if let Some(source) = &origin.source {
                        let _ = writeln!(
                            out,
                            "    {}",
                            lang.fill("explain.known-from", &[("source", source)])
                        );
                    }
                }
                None => {
                    let _ = writeln!(
                        out,
                        "  {}",
                        lang.fill("explain.request.written", &[("request", &at)])
                    );
                }
            }
            // What the user reads in the permission prompt, in each language the app ships:
            // the reviewer signs off the wording, not just the key.
            if let Some(purpose) = &request.purpose {
                let _ = writeln!(
                    out,
                    "    {}",
                    lang.fill("explain.purpose", &[("purpose", &format!("{purpose:?}"))])
                );
            }
            for l in &request.localizations {
                match &l.purpose {
                    Some(text) => {
                        let _ = writeln!(
                            out,
                            "    {}",
                            lang.fill(
                                "explain.translation",
                                &[
                                    ("language", &l.language),
                                    ("text", &format!("{text:?}")),
                                    ("at", &l.location.to_string())
                                ],
                            )
                        );
                    }
                    None => {
                        let _ = writeln!(
                            out,
                            "    {}",
                            lang.fill(
                                "explain.untranslated",
                                &[("language", &l.language), ("at", &l.location.to_string())],
                            )
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
