//! XcodeGen specs (`project.yml`): the Info.plist each shipped target will have once
//! `xcodegen generate` and Xcode have run.
//!
//! Read (XcodeGen's ProjectSpec): `targets` with `type`, `platform` (a list expands into one
//! target per platform, named `<target>_<platform>`), `templates` / `targetTemplates` (applied
//! first, target keys win; `${target_name}` and `${platform}` substituted), `info.path` and
//! `info.properties` (XcodeGen writes the plist from them), `settings` (flat, or `base` +
//! `configs.<name>`) at project and target level, where `INFOPLIST_KEY_*`,
//! `GENERATE_INFOPLIST_FILE` and `INFOPLIST_FILE` decide as in Xcode. Every request points at
//! its YAML line. `include:` is not read: a spec that uses it is an error, not a partial audit.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::ApplePlatform;
use super::XcodeOptions;
use crate::input::InputError;
use crate::input::plist::{base_key, is_usage_key};
use crate::model::{InputKind, Location, ParsedInput, Request};

/// Largest spec read.
pub const MAX_BYTES: u64 = 4 * 1024 * 1024;

type Map = HashMap<Spanned<String>, Spanned<serde_json::Value>>;

/// A map's entries in file order (HashMap order is arbitrary; output must not be).
fn in_order(map: &Map) -> Vec<(&Spanned<String>, &Spanned<serde_json::Value>)> {
    let mut v: Vec<_> = map.iter().collect();
    v.sort_by_key(|(k, _)| (k.referenced.line(), k.referenced.column(), k.value.clone()));
    v
}

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct RawSpec {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    include: Option<Spanned<serde_json::Value>>,
    #[serde(default)]
    settings: Option<Map>,
    #[serde(default)]
    targets: HashMap<Spanned<String>, RawTarget>,
    #[serde(default)]
    target_templates: BTreeMap<String, RawTarget>,
}

#[derive(Debug, Deserialize, Default, Clone)]
#[serde(rename_all = "camelCase")]
struct RawTarget {
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    platform: Option<serde_json::Value>,
    #[serde(default)]
    templates: Vec<String>,
    #[serde(default)]
    info: Option<RawInfo>,
    #[serde(default)]
    settings: Option<Map>,
}

#[derive(Debug, Deserialize, Default, Clone)]
struct RawInfo {
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    properties: Map,
}

/// What reading a spec gave.
#[derive(Debug, Default)]
pub struct SpecOutcome {
    /// One input per shipped target.
    pub inputs: Vec<ParsedInput>,
    /// Files the spec generates or names (`info.path`, `INFOPLIST_FILE`), and the generated
    /// `.xcodeproj` beside it: not audited a second time.
    pub claimed: Vec<PathBuf>,
}

/// Is this YAML an XcodeGen spec? (`project.yml` is a common name; only a mapping with
/// `targets` is one.)
pub fn looks_like_spec(text: &str) -> bool {
    text.lines().any(|l| l.starts_with("targets:"))
}

fn location(file: &str, l: &serde_saphyr::Location) -> Location {
    crate::yaml::location(file, l)
}

fn text_of(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Bool(true) => Some("YES".into()),
        serde_json::Value::Bool(false) => Some("NO".into()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn platform_of(name: &str) -> Option<ApplePlatform> {
    match name.to_ascii_lowercase().as_str() {
        "ios" => Some(ApplePlatform::Ios),
        "macos" => Some(ApplePlatform::Macos),
        "tvos" => Some(ApplePlatform::Tvos),
        "watchos" => Some(ApplePlatform::Watchos),
        "visionos" => Some(ApplePlatform::Visionos),
        _ => None,
    }
}

/// Settings of a `settings:` map for one configuration: (key, value, where), flat settings
/// and `base` first, then `configs.<configuration>`.
fn settings_of(map: &Map, configuration: &str, file: &str) -> Vec<(String, String, Location)> {
    let structured = map
        .keys()
        .any(|k| matches!(k.value.as_str(), "base" | "configs" | "groups"));
    let mut out = Vec::new();
    let mut flat = |k: &str, v: &serde_json::Value, at: Location| {
        if let Some(text) = text_of(v) {
            out.push((k.to_owned(), text, at));
        }
    };
    if !structured {
        for (k, v) in in_order(map) {
            flat(&k.value, &v.value, location(file, &k.referenced));
        }
        return out;
    }
    // Nested maps lose their inner spans through serde_json::Value; they are located at the
    // `base:` / `configs:` key.
    for (k, v) in in_order(map) {
        let at = location(file, &k.referenced);
        match (k.value.as_str(), &v.value) {
            ("base", serde_json::Value::Object(o)) => {
                for (sk, sv) in o {
                    flat(sk, sv, at.clone());
                }
            }
            ("configs", serde_json::Value::Object(configs)) => {
                for (name, c) in configs {
                    if !name.eq_ignore_ascii_case(configuration) {
                        continue;
                    }
                    if let serde_json::Value::Object(o) = c {
                        for (sk, sv) in o {
                            flat(sk, sv, at.clone());
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Reads the spec at `path` (shown as `display`).
pub fn read_spec(
    path: &Path,
    display: &str,
    options: &XcodeOptions,
    limits: &crate::input::Limits,
) -> Result<SpecOutcome, InputError> {
    let jail = super::Jail::around(path.parent().unwrap_or(Path::new(".")), limits);
    let bytes = jail.read(path, display, MAX_BYTES)?;
    let text = bytes.as_str().ok_or_else(|| {
        InputError::invalid(
            Location::file(display),
            "invalid UTF-8; expected a UTF-8 XcodeGen spec",
        )
    })?;
    let mut yaml_options = serde_saphyr::Options::default();
    yaml_options.with_snippet = false;
    let spec: Option<RawSpec> =
        serde_saphyr::from_str_with_options(text, yaml_options).map_err(|e| {
            let at = e
                .location()
                .map_or_else(|| Location::file(display), |l| location(display, &l));
            InputError::invalid(at, format!("malformed XcodeGen spec: {e}"))
        })?;
    let spec = spec.unwrap_or_default();
    if let Some(include) = &spec.include {
        return Err(InputError::invalid(
            location(display, &include.referenced),
            "`include:` is not read by permaudit yet, so the targets' Info.plist cannot be told \
             from this spec alone; audit the generated .xcodeproj instead (name it on the \
             command line)",
        ));
    }
    let dir = path.parent().unwrap_or(Path::new("")).to_path_buf();
    let dir_display = display
        .rsplit_once('/')
        .map_or(String::new(), |(d, _)| d.to_owned());
    let configuration = options.configuration.as_deref().unwrap_or("Release");
    let mut outcome = SpecOutcome::default();
    if let Some(name) = &spec.name {
        outcome.claimed.push(dir.join(format!("{name}.xcodeproj")));
    }
    let mut targets: Vec<_> = spec.targets.iter().collect();
    targets.sort_by(|a, b| a.0.value.cmp(&b.0.value));
    for (name, target) in targets {
        let merged = apply_templates(&spec, target, &name.value, display, &name.referenced, 0)?;
        let platforms: Vec<String> = match &merged.platform {
            Some(serde_json::Value::Array(list)) => list.iter().filter_map(text_of).collect(),
            Some(v) => text_of(v).into_iter().collect(),
            None => vec!["iOS".to_owned()],
        };
        let expanded = platforms.len() > 1;
        for platform_name in &platforms {
            let target_name = if expanded {
                format!("{}_{platform_name}", name.value)
            } else {
                name.value.clone()
            };
            let kind = merged.kind.clone().unwrap_or_default();
            let subst = |s: &str| {
                s.replace("${target_name}", &target_name)
                    .replace("$target_name", &target_name)
                    .replace("${platform}", platform_name)
            };
            let mut levels: Vec<(String, String, Location)> = Vec::new();
            if let Some(s) = &spec.settings {
                levels.extend(settings_of(s, configuration, display));
            }
            if let Some(s) = &merged.settings {
                levels.extend(settings_of(s, configuration, display));
            }
            let setting = |key: &str| levels.iter().rev().find(|(k, _, _)| k == key).cloned();
            let info_path = merged
                .info
                .as_ref()
                .and_then(|i| i.path.as_deref())
                .map(subst);
            let plist_file = info_path
                .clone()
                .or_else(|| setting("INFOPLIST_FILE").map(|(_, v, _)| subst(&v)));
            if let Some(p) = &plist_file {
                outcome
                    .claimed
                    .push(dir.join(p.trim_start_matches("$(SRCROOT)/")));
            }
            if !super::project::is_app_bundle(&kind) {
                continue;
            }
            let platform = if kind.contains("watch") {
                ApplePlatform::Watchos
            } else {
                platform_of(platform_name).unwrap_or(ApplePlatform::Ios)
            };
            let mut requests: Vec<Request> = Vec::new();
            let mut path = display.to_owned();
            let mut input_kind = InputKind::XcodeProject;
            if let Some(info) = &merged.info {
                for (k, v) in in_order(&info.properties) {
                    let key = base_key(&k.value);
                    if is_usage_key(key) && !requests.iter().any(|r| r.permission == key) {
                        requests.push(Request {
                            permission: key.to_owned(),
                            location: location(display, &k.referenced),
                            max_sdk: None,
                            sdk23_only: false,
                            own: false,
                            purpose: text_of(&v.value).map(|t| subst(&t)),
                            localizations: Vec::new(),
                            origin: None,
                        });
                    }
                }
            } else if let Some(file) = &plist_file {
                let file_path = dir.join(file.trim_start_matches("$(SRCROOT)/"));
                let shown =
                    crate::display::join(&dir_display, file.trim_start_matches("$(SRCROOT)/"));
                if !file_path.is_file() {
                    let at =
                        setting("INFOPLIST_FILE").map_or_else(|| Location::file(display), |s| s.2);
                    return Err(InputError::invalid(
                        at,
                        format!(
                            "INFOPLIST_FILE names {shown}, which does not exist; target {target_name} cannot be built"
                        ),
                    ));
                }
                let bytes = jail.read(
                    &file_path,
                    &shown,
                    crate::input::Limits::DEFAULT_MAX_INPUT_BYTES,
                )?;
                let parsed = crate::input::plist::parse_plist(&shown, &bytes)?;
                path = shown;
                input_kind = parsed.kind;
                requests = parsed.requests;
            }
            let generate = setting("GENERATE_INFOPLIST_FILE")
                .is_some_and(|(_, v, _)| v.eq_ignore_ascii_case("YES"));
            let mut notes = Vec::new();
            for (k, v, at) in &levels {
                let Some(key) = k.strip_prefix(super::project::INFOPLIST_KEY_PREFIX) else {
                    continue;
                };
                let key = base_key(key.split('[').next().unwrap_or(key));
                if !is_usage_key(key) {
                    continue;
                }
                if !generate {
                    notes.push(crate::model::InputNote {
                        rule: crate::model::NoteRule::IgnoredBuildSetting,
                        location: at.clone(),
                        setting: k.clone(),
                        message: crate::model::Message::new("msg.ignored-build-setting.xcodegen")
                            .text("setting", k.as_str())
                            .text("target", target_name.to_string())
                            .text("configuration", configuration.to_string())
                            .text("key", key.to_string()),
                    });
                    continue;
                }
                // The plist's own value wins (see project.rs); among settings, the last
                // (most specific) one was pushed last and is replaced below.
                if let Some(i) = requests.iter().position(|r| r.permission == key) {
                    if requests[i].location.path != display || info_has(&merged, key) {
                        continue;
                    }
                    requests.remove(i);
                }
                requests.push(Request {
                    permission: key.to_owned(),
                    location: at.clone(),
                    max_sdk: None,
                    sdk23_only: false,
                    own: false,
                    purpose: Some(v.clone()),
                    localizations: Vec::new(),
                    origin: None,
                });
            }
            if merged.info.is_none() && plist_file.is_none() && !generate {
                return Err(InputError::invalid(
                    location(display, &name.referenced),
                    format!(
                        "target {target_name} has neither info, INFOPLIST_FILE nor \
                         GENERATE_INFOPLIST_FILE: YES, so permaudit cannot tell what its \
                         Info.plist holds"
                    ),
                ));
            }
            crate::input::plist::fold_device_keys(&mut requests);
            outcome.inputs.push(ParsedInput {
                path: path.clone(),
                kind: input_kind,
                requests,
                removals: Vec::new(),
                build: Some(format!("{target_name} ({configuration})")),
                apple_platform: Some(platform),
                notes,
            });
        }
    }
    Ok(outcome)
}

fn info_has(target: &RawTarget, key: &str) -> bool {
    target
        .info
        .as_ref()
        .is_some_and(|i| i.properties.keys().any(|k| base_key(&k.value) == key))
}

/// The target with its templates applied: template values first, the target's own win.
fn apply_templates(
    spec: &RawSpec,
    target: &RawTarget,
    name: &str,
    display: &str,
    at: &serde_saphyr::Location,
    depth: usize,
) -> Result<RawTarget, InputError> {
    if depth > 16 {
        return Err(InputError::invalid(
            location(display, at),
            format!("target {name}: templates nest deeper than 16 (a template cycle?)"),
        ));
    }
    let mut merged = RawTarget::default();
    for t in &target.templates {
        let Some(template) = spec.target_templates.get(t) else {
            return Err(InputError::invalid(
                location(display, at),
                format!("target {name} uses template {t}, which targetTemplates does not define"),
            ));
        };
        let applied = apply_templates(spec, template, name, display, at, depth + 1)?;
        overlay(&mut merged, applied);
    }
    let mut own = target.clone();
    own.templates.clear();
    overlay(&mut merged, own);
    Ok(merged)
}

fn overlay(base: &mut RawTarget, top: RawTarget) {
    if top.kind.is_some() {
        base.kind = top.kind;
    }
    if top.platform.is_some() {
        base.platform = top.platform;
    }
    match (&mut base.info, top.info) {
        (Some(b), Some(t)) => {
            if t.path.is_some() {
                b.path = t.path;
            }
            for (k, v) in t.properties {
                b.properties.retain(|bk, _| bk.value != k.value);
                b.properties.insert(k, v);
            }
        }
        (b @ None, Some(t)) => *b = Some(t),
        _ => {}
    }
    match (&mut base.settings, top.settings) {
        (Some(b), Some(t)) => {
            for (k, v) in t {
                b.retain(|bk, _| bk.value != k.value);
                b.insert(k, v);
            }
        }
        (b @ None, Some(t)) => *b = Some(t),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_platform_lists_and_settings() {
        let dir = tempfile::tempdir().unwrap();
        let spec = "name: P\ntargetTemplates:\n  App:\n    type: application\n    info:\n      path: Info-${target_name}.plist\n      properties:\n        NSCameraUsageDescription: Scan\ntargets:\n  A:\n    templates: [App]\n    platform: [macOS, tvOS]\n  B:\n    type: application\n    platform: iOS\n    settings:\n      GENERATE_INFOPLIST_FILE: YES\n      INFOPLIST_KEY_NSMicrophoneUsageDescription: Talk\n  T:\n    type: bundle.unit-test\n    platform: iOS\n";
        let path = dir.path().join("project.yml");
        std::fs::write(&path, spec).unwrap();
        let out = read_spec(
            &path,
            "project.yml",
            &XcodeOptions::default(),
            &Default::default(),
        )
        .unwrap();
        let got: Vec<_> = out
            .inputs
            .iter()
            .map(|i| {
                (
                    i.build.clone().unwrap(),
                    i.apple_platform.unwrap(),
                    i.requests
                        .iter()
                        .map(|r| format!("{}@{}", r.permission, r.location))
                        .collect::<Vec<_>>(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "A_macOS (Release)".to_owned(),
                    ApplePlatform::Macos,
                    vec!["NSCameraUsageDescription@project.yml:8:9".to_owned()]
                ),
                (
                    "A_tvOS (Release)".to_owned(),
                    ApplePlatform::Tvos,
                    vec!["NSCameraUsageDescription@project.yml:8:9".to_owned()]
                ),
                (
                    "B (Release)".to_owned(),
                    ApplePlatform::Ios,
                    vec!["NSMicrophoneUsageDescription@project.yml:18:7".to_owned()]
                ),
            ]
        );
        assert!(out.claimed.iter().any(|p| p.ends_with("P.xcodeproj")));
        std::fs::write(&path, "include: [a.yml]\ntargets: {}\n").unwrap();
        let err = read_spec(
            &path,
            "project.yml",
            &XcodeOptions::default(),
            &Default::default(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("include"), "{err}");
    }
}
