//! Expo apps: the manifest and Info.plist `expo prebuild` generates from `app.json` /
//! `app.config.json` ([`config`]) and the config plugins it names ([`plugins`]).
//!
//! - `app.config.js` / `.ts` is code: permaudit does not run it, says so (`unread-source`),
//!   and accepts the JSON `npx expo config --json` prints for it, named on the command line.
//! - When `android/` or `ios/` from `expo prebuild` are committed, those native files are what
//!   is audited (they are what ships); the config is compared with them, and what it asks for
//!   that they lack is reported (`generated-mismatch`).

pub mod config;
pub mod plugins;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::discover::InputFile;
use super::json::{self, Doc};
use super::projects::{self, ProjectOptions, Read};
use super::{InputError, Limits};
use crate::model::{InputKind, InputNote, Location, Message, NoteRule, ParsedInput, Request};

/// Static config names, in the order Expo prefers them.
const STATIC: &[&str] = &["app.config.json", "app.json"];
/// Configs that are code.
const DYNAMIC: &[&str] = &[
    "app.config.ts",
    "app.config.js",
    "app.config.mjs",
    "app.config.cjs",
];

/// The release manifest of a committed Android prebuild, relative to the app folder.
const PREBUILD_MANIFEST: &str = "android/app/src/main/AndroidManifest.xml";
/// The debug-only manifest prebuild also writes (not in a release build).
const PREBUILD_DEBUG_MANIFEST: &str = "android/app/src/debug/AndroidManifest.xml";

/// Reads the Expo apps among `files`.
pub fn read_projects(files: Vec<InputFile>, options: &ProjectOptions) -> Read {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let mut claimed = BTreeSet::new();
    // Per folder, its config files by name; explicit JSON files (`npx expo config --json`
    // output) on their own.
    let mut folders: BTreeMap<PathBuf, Vec<&InputFile>> = BTreeMap::new();
    let mut explicit = Vec::new();
    for file in &files {
        let name = projects::file_name(file);
        if STATIC.contains(&name) || DYNAMIC.contains(&name) {
            let dir = file.path.parent().unwrap_or(Path::new("")).to_path_buf();
            folders.entry(dir).or_default().push(file);
        } else if name.ends_with(".json") && !super::discover::is_marker_name(name) {
            explicit.push(file);
        }
    }
    let mut resolved_dirs = BTreeSet::new();
    for file in explicit {
        match read_explicit(file, &options.limits) {
            Ok(Some(read)) => {
                claimed.insert(options.limits.real.of(&file.path));
                resolved_dirs.insert(file.path.parent().unwrap_or(Path::new("")).to_path_buf());
                inputs.extend(read);
            }
            Ok(None) => {}
            Err(e) => {
                claimed.insert(options.limits.real.of(&file.path));
                errors.push(e);
            }
        }
    }
    for (dir, configs) in &folders {
        match read_app(
            dir,
            configs,
            resolved_dirs.contains(dir),
            &mut claimed,
            &options.limits,
        ) {
            Ok(read) => inputs.extend(read),
            Err(e) => errors.push(e),
        }
    }
    (
        inputs,
        errors,
        projects::unclaimed(files, &claimed, &options.limits.real),
    )
}

/// A JSON file named on the command line: an Expo config if it looks like one.
fn read_explicit(
    file: &InputFile,
    limits: &Limits,
) -> Result<Option<Vec<ParsedInput>>, InputError> {
    let text = projects::read_text(&file.path, &file.display, json::MAX_BYTES, limits)?;
    let Ok(doc) = Doc::parse(&file.display, &text) else {
        // Not JSON at all: not ours to judge (the file readers will say what it is not).
        return Ok(None);
    };
    let Some(expo) = config::expo_object(&doc.root) else {
        return Ok(None);
    };
    let generated = config::read(&doc, expo, None)?;
    Ok(Some(generated_inputs(&file.display, generated, true, true)))
}

/// One app folder with its config files.
fn read_app(
    dir: &Path,
    configs: &[&InputFile],
    resolved: bool,
    claimed: &mut BTreeSet<PathBuf>,
    limits: &Limits,
) -> Result<Vec<ParsedInput>, InputError> {
    let by_name = |names: &[&str]| {
        names.iter().find_map(|n| {
            configs
                .iter()
                .find(|f| projects::file_name(f) == *n)
                .copied()
        })
    };
    let static_config = by_name(STATIC);
    let dynamic = by_name(DYNAMIC);
    let package_path = dir.join("package.json");
    let package_text = if package_path.is_file() {
        let shown = crate::display::sibling(&configs[0].display, "package.json");
        Some((
            projects::read_text(&package_path, &shown, json::MAX_BYTES, limits)?,
            shown,
        ))
    } else {
        None
    };
    let package = match &package_text {
        Some((text, shown)) => Some(Doc::parse(shown, text)?),
        None => None,
    };
    let depends_on_expo = package.as_ref().is_some_and(|p| {
        config::dependencies(p)
            .iter()
            .any(|(name, _, _)| name == "expo")
    });
    let native_android = dir.join(PREBUILD_MANIFEST).is_file();
    let native_ios = ios_plist(dir);

    let mut inputs = Vec::new();
    let mut notes = Vec::new();
    let mut generated = None;
    let mut shown = String::new();
    if let Some(file) = static_config {
        let text = projects::read_text(&file.path, &file.display, json::MAX_BYTES, limits)?;
        let doc = Doc::parse(&file.display, &text)?;
        if let Some(expo) = config::expo_object(&doc.root) {
            generated = Some(config::read(&doc, expo, package.as_ref())?);
            shown.clone_from(&file.display);
        }
    }
    if generated.is_none() && !(dynamic.is_some() && depends_on_expo) {
        // An `app.json` of a React Native CLI app, or of another tool: not an Expo app.
        return Ok(Vec::new());
    }
    if native_android {
        let debug = dir.join(PREBUILD_DEBUG_MANIFEST);
        if debug.is_file() {
            claimed.insert(limits.real.of(&debug));
        }
    }
    if let Some(file) = dynamic {
        if !(resolved || native_android && native_ios.is_some()) {
            let base = if generated.is_some() {
                Message::new("msg.unread-source.expo-code.base").text("file", &shown)
            } else {
                Message::new("msg.unread-source.expo-code.alone")
            };
            notes.push(InputNote {
                rule: NoteRule::UnreadSource,
                location: Location::file(&file.display),
                setting: projects::file_name(file).to_owned(),
                message: Message::new("msg.unread-source.expo-code")
                    .text("file", &file.display)
                    .part("base", base),
            });
            if generated.is_none() {
                shown.clone_from(&file.display);
            }
        }
    }
    if let Some(generated) = generated {
        for (name, at) in &generated.local_plugins {
            if native_android && native_ios.is_some() {
                break;
            }
            notes.push(InputNote {
                rule: NoteRule::UnreadSource,
                location: at.clone(),
                setting: name.clone(),
                message: Message::new("msg.unread-source.expo-local-plugin").text("plugin", name),
            });
        }
        if dynamic.is_none() {
            notes.extend(mismatches(
                dir,
                &shown,
                &generated,
                native_android,
                native_ios.as_deref(),
                limits,
            )?);
        }
        let mut read = generated_inputs(&shown, generated, !native_android, native_ios.is_none());
        if let Some(first) = read.first_mut() {
            first.notes.append(&mut notes);
        }
        inputs.extend(read);
    }
    if !notes.is_empty() {
        let mut input = ParsedInput::new(&shown, InputKind::Project, Vec::new());
        input.notes = notes;
        inputs.push(input);
    }
    Ok(inputs)
}

/// The app's committed `ios/<App>/Info.plist`, if prebuild output is there.
fn ios_plist(dir: &Path) -> Option<PathBuf> {
    let entries = std::fs::read_dir(dir.join("ios")).ok()?;
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path().join("Info.plist"))
        .filter(|p| p.is_file() && !p.to_string_lossy().contains("Pods"))
        .collect();
    found.sort();
    found.into_iter().next()
}

/// The inputs a config generates for the platforms whose native files are not committed.
fn generated_inputs(
    shown: &str,
    generated: config::Generated,
    android: bool,
    ios: bool,
) -> Vec<ParsedInput> {
    let mut out = Vec::new();
    if android {
        let mut input = ParsedInput::new(shown, InputKind::GeneratedManifest, generated.android);
        input.removals = generated.removals;
        input.build = Some("expo android (prebuild)".to_owned());
        out.push(input);
    }
    if ios {
        let mut input = ParsedInput::new(shown, InputKind::GeneratedPlist, generated.ios);
        input.build = Some("expo ios (prebuild)".to_owned());
        input.apple_platform = Some(crate::model::ApplePlatform::Ios);
        out.push(input);
    }
    out
}

/// What the config asks for that the committed prebuild output lacks.
fn mismatches(
    dir: &Path,
    shown: &str,
    generated: &config::Generated,
    android: bool,
    ios: Option<&Path>,
    limits: &Limits,
) -> Result<Vec<InputNote>, InputError> {
    let mut notes = Vec::new();
    let mut compare =
        |path: &Path, relative: String, wanted: &[Request]| -> Result<(), InputError> {
            let native = projects::read_native(path, &relative, limits)?;
            let has: BTreeSet<&str> = native
                .iter()
                .flat_map(|i| i.requests.iter().map(|r| r.permission.as_str()))
                .collect();
            notes.extend(projects::stale_output_notes(
                shown,
                &relative,
                &has,
                wanted,
                "msg.generated-mismatch.prebuild",
                "npx expo prebuild",
            ));
            Ok(())
        };
    if android {
        compare(
            &dir.join(PREBUILD_MANIFEST),
            crate::display::sibling(shown, PREBUILD_MANIFEST),
            &generated.android,
        )?;
    }
    if let Some(plist) = ios {
        let relative = plist
            .strip_prefix(dir)
            .map(crate::display::slashes)
            .unwrap_or_default();
        compare(
            plist,
            crate::display::sibling(shown, &relative),
            &generated.ios,
        )?;
    }
    Ok(notes)
}
