//! Cordova, Ionic and PhoneGap apps: the manifest and Info.plist `cordova prepare` generates
//! from `config.xml` (`<config-file>` and `<edit-config>` entries), the `plugin.xml` of every
//! plugin the app installs ([`plugin`]), and the platform template's own permissions.
//!
//! Plugins are those committed under `plugins/` (cordova-lib installs every plugin found
//! there), plus those `config.xml` or `package.json` (`cordova.plugins`) name; a named plugin
//! whose `plugin.xml` is in neither `plugins/` nor `node_modules/` is reported as not read.
//! A committed `platforms/android/` manifest is audited as a native file instead, and so is a
//! committed `platforms/ios/<App>/<App>-Info.plist` (config entries it lacks are
//! `generated-mismatch`).

pub mod plugin;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::discover::InputFile;
use super::json::{self, Doc};
use super::projects::{self, ProjectOptions, Read};
use super::xmltree::Tree;
use super::{InputError, Limits};
use crate::model::{
    InputKind, InputNote, Location, NoteRule, Origin, OriginKind, ParsedInput, Request,
};

/// Largest `config.xml` or `plugin.xml` read.
const MAX_BYTES: u64 = 4 * 1024 * 1024;

/// Where the cordova-android template's own permission comes from.
const TEMPLATE_SOURCE: &str =
    "npm cordova-android 6-15, templates/project/AndroidManifest.xml (apache/cordova-android)";

/// Committed Android platform manifests, relative to the app folder (cordova-android 7+, and
/// older).
const PLATFORM_MANIFESTS: &[&str] = &[
    "platforms/android/app/src/main/AndroidManifest.xml",
    "platforms/android/AndroidManifest.xml",
];

/// Reads the Cordova apps among `files`.
pub fn read_projects(files: Vec<InputFile>, options: &ProjectOptions) -> Read {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    // The copies `cordova prepare` writes under platforms/ (res/xml/config.xml, the iOS
    // project's config.xml) are outputs, audited through the native files beside them.
    let is_output = |f: &InputFile| {
        f.display.starts_with("platforms/")
            || f.display.contains("/platforms/")
            || f.path
                .parent()
                .and_then(Path::file_name)
                .is_some_and(|d| d == "xml")
    };
    for file in files
        .iter()
        .filter(|f| projects::file_name(f) == "config.xml" && !is_output(f))
    {
        match read_app(file, &options.limits) {
            Ok(read) => inputs.extend(read),
            Err(e) => errors.push(e),
        }
    }
    (inputs, errors, files)
}

/// The variables given to plugins: `(plugin id, variable name, value)`.
type Variables = Vec<(String, String, String)>;

fn read_app(file: &InputFile, limits: &Limits) -> Result<Vec<ParsedInput>, InputError> {
    let text = projects::read_text(&file.path, &file.display, MAX_BYTES, limits)?;
    let tree = Tree::parse(&file.display, text.as_bytes())?;
    let root = tree.root();
    // Android's own res/xml/config.xml and other tools' config.xml are not Cordova apps.
    if root.local() != "widget" {
        return Ok(Vec::new());
    }
    let dir = file.path.parent().unwrap_or(Path::new("."));
    let shown = |relative: &str| crate::display::sibling(&file.display, relative);

    let package_text = match dir.join("package.json") {
        p if p.is_file() => Some(projects::read_text(
            &p,
            &shown("package.json"),
            json::MAX_BYTES,
            limits,
        )?),
        _ => None,
    };
    let package_shown = shown("package.json");
    let package = match &package_text {
        Some(text) => Some(Doc::parse(&package_shown, text)?),
        None => None,
    };

    // Plugins named by the app, with where they are named, and their variables.
    let mut named: Vec<(String, Location)> = Vec::new();
    let mut variables: Variables = Vec::new();
    for element in tree.children(root).filter(|e| e.local() == "plugin") {
        let Some(name) = element.attr("name") else {
            continue;
        };
        named.push((name.to_owned(), element.location.clone()));
        for var in tree.children(element).filter(|e| e.local() == "variable") {
            if let (Some(k), Some(v)) = (var.attr("name"), var.attr("value")) {
                variables.push((name.to_owned(), k.to_owned(), v.to_owned()));
            }
        }
    }
    let mut template_at = tree
        .children(root)
        .find(|e| e.local() == "engine" && e.attr("name") == Some("android"))
        .map(|e| e.location.clone());
    if let Some(package) = &package {
        if let Some(plugins) =
            json::path(&package.root, &["cordova", "plugins"]).and_then(|p| p.as_object())
        {
            for prop in &plugins.properties {
                let name = json::prop_name(&prop.name).to_owned();
                if let Some(vars) = prop.value.as_object() {
                    for var in &vars.properties {
                        if let Some(value) = json::string(&var.value) {
                            variables.push((
                                name.clone(),
                                json::prop_name(&var.name).to_owned(),
                                value.to_owned(),
                            ));
                        }
                    }
                }
                named.push((name, package.at(prop.range.start)));
            }
        }
        if template_at.is_none() {
            template_at = super::expo::config::dependencies(package)
                .into_iter()
                .find(|(name, _, _)| name == "cordova-android")
                .map(|(_, _, at)| at);
        }
    }

    // The plugins that are installed: every folder of plugins/ with a plugin.xml, then the
    // named ones found in node_modules/.
    let mut sources: Vec<(String, PathBuf, String)> = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir.join("plugins")) {
        let mut dirs: Vec<String> = entries
            .flatten()
            .filter(|e| e.path().join("plugin.xml").is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        dirs.sort();
        for name in dirs {
            let relative = format!("plugins/{name}/plugin.xml");
            sources.push((name, dir.join(&relative), shown(&relative)));
        }
    }
    let mut notes = Vec::new();
    let mut seen: BTreeSet<String> = sources.iter().map(|(n, _, _)| n.clone()).collect();
    for (name, at) in &named {
        if !seen.insert(name.clone()) {
            continue;
        }
        let relative = format!("node_modules/{name}/plugin.xml");
        if dir.join(&relative).is_file() {
            sources.push((name.clone(), dir.join(&relative), shown(&relative)));
        } else {
            notes.push(InputNote {
                rule: NoteRule::UnreadSource,
                location: at.clone(),
                setting: name.clone(),
                message: crate::model::Message::new("msg.unread-source.cordova-plugin")
                    .text("plugin", name),
            });
        }
    }

    let mut android = Vec::new();
    let mut ios = Vec::new();
    plugin::entries(&tree, "config.xml", &[], &mut android, &mut ios);
    for (name, path, display) in &sources {
        let text = projects::read_text(path, display, MAX_BYTES, limits)?;
        let plugin_tree = Tree::parse(display, text.as_bytes())?;
        let vars: Vec<(&str, &str)> = variables
            .iter()
            .filter(|(p, _, _)| p == name)
            .map(|(_, k, v)| (k.as_str(), v.as_str()))
            .collect();
        plugin::entries(&plugin_tree, name, &vars, &mut android, &mut ios);
    }
    let mut template = Request::at(
        "android.permission.INTERNET",
        template_at.unwrap_or_else(|| root.location.clone()),
    );
    template.origin = Some(Origin {
        location: None,
        kind: OriginKind::Template,
        via: crate::model::Message::new("origin.cordova-template"),
        source: Some(TEMPLATE_SOURCE.to_owned()),
    });
    android.push(template);

    let mut inputs = Vec::new();
    let native = PLATFORM_MANIFESTS.iter().any(|m| dir.join(m).is_file());
    if !native {
        let mut input = ParsedInput::new(&file.display, InputKind::GeneratedManifest, android);
        input.build = Some("cordova android".to_owned());
        input.notes = std::mem::take(&mut notes);
        inputs.push(input);
    }
    match platform_plist(dir) {
        None => {
            let mut input = ParsedInput::new(&file.display, InputKind::GeneratedPlist, ios);
            input.build = Some("cordova ios".to_owned());
            input.apple_platform = Some(crate::model::ApplePlatform::Ios);
            input.notes = notes;
            inputs.push(input);
        }
        Some((relative, xcode)) => {
            // cordova-ios writes config.xml's and the plugins' entries into this plist on
            // `cordova prepare`: the committed file is what ships, and what the config asks
            // for that it lacks means it is stale.
            let display = shown(&relative);
            let native = projects::read_native(&dir.join(&relative), &display, limits)?;
            let has: BTreeSet<&str> = native
                .iter()
                .flat_map(|i| i.requests.iter().map(|r| r.permission.as_str()))
                .collect();
            notes.extend(projects::stale_output_notes(
                &file.display,
                &display,
                &has,
                &ios,
                "msg.generated-mismatch.platform",
                "cordova prepare ios",
            ));
            let mut input = ParsedInput::new(&file.display, InputKind::Project, Vec::new());
            input.notes = notes;
            inputs.push(input);
            // With the Xcode project beside it, the Xcode reader audits the plist as its
            // target's; without it, it is audited here.
            if !xcode {
                for mut plist in native {
                    plist.build = Some("cordova ios (committed platforms/ios)".to_owned());
                    plist.apple_platform = Some(crate::model::ApplePlatform::Ios);
                    inputs.push(plist);
                }
            }
        }
    }
    Ok(inputs)
}

/// The committed cordova-ios plist, `platforms/ios/<App>/<App>-Info.plist`, relative to the
/// app folder, and whether the `<App>.xcodeproj` that names it is committed too.
fn platform_plist(dir: &Path) -> Option<(String, bool)> {
    let ios = dir.join("platforms/ios");
    let mut apps: Vec<String> = std::fs::read_dir(&ios)
        .ok()?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|app| ios.join(format!("{app}/{app}-Info.plist")).is_file())
        .collect();
    apps.sort();
    let app = apps.into_iter().next()?;
    let xcode = ios.join(format!("{app}.xcodeproj")).is_dir();
    Some((format!("platforms/ios/{app}/{app}-Info.plist"), xcode))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_platform_plist_is_the_one_named_after_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let ios = dir.path().join("platforms/ios");
        assert_eq!(platform_plist(dir.path()), None);
        std::fs::create_dir_all(ios.join("App")).unwrap();
        // A plist not named after its folder is not the app's.
        std::fs::write(ios.join("App/Other-Info.plist"), "").unwrap();
        assert_eq!(platform_plist(dir.path()), None);
        std::fs::write(ios.join("App/App-Info.plist"), "").unwrap();
        assert_eq!(
            platform_plist(dir.path()),
            Some(("platforms/ios/App/App-Info.plist".to_owned(), false))
        );
        std::fs::create_dir_all(ios.join("App.xcodeproj")).unwrap();
        assert_eq!(
            platform_plist(dir.path()),
            Some(("platforms/ios/App/App-Info.plist".to_owned(), true))
        );
    }
}
