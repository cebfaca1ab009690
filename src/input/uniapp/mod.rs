//! uni-app (DCloud) apps: the manifest and Info.plist HBuilderX cloud packaging generates from
//! `manifest.json` (JSON with comments): `app-plus.distribute.android.permissions` (a list of
//! `<uses-permission …/>` strings), `excludePermissions`, and
//! `app-plus.distribute.ios.privacyDescription`; merged with the native files the packager
//! merges: the app's own `AndroidManifest.xml` and `Info.plist` (at the project root, or under
//! `nativeResources/android/` and `nativeResources/ios/`) and the `utssdk/app-android/
//! AndroidManifest.xml` and `utssdk/app-ios/Info.plist` of local `uni_modules`.
//!
//! What the packager itself adds is knowledge ([`modules`]): its default permissions, and
//! those of each `app-plus.modules` key with its `sdkConfigs` provider, located at the key.
//! A module or provider permaudit does not know is reported (`unread-source`) at its line.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

mod modules;

use super::discover::InputFile;
use super::json::{self, Doc};
use super::projects::{self, ProjectOptions, Read};
use super::xmltree::Tree;
use super::{InputError, Limits};
use crate::model::{
    ApplePlatform, InputKind, InputNote, Location, Message, NoteRule, Origin, OriginKind,
    ParsedInput, Removal, Request,
};

/// Reads the uni-app apps among `files`.
pub fn read_projects(files: Vec<InputFile>, options: &ProjectOptions) -> Read {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let mut claimed = BTreeSet::new();
    for file in files
        .iter()
        .filter(|f| projects::file_name(f) == "manifest.json")
    {
        match read_app(file, &mut claimed, &options.limits) {
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

fn origin(via: Message) -> Option<Origin> {
    Some(Origin {
        location: None,
        kind: OriginKind::Config,
        via,
        source: None,
    })
}

fn read_app(
    file: &InputFile,
    claimed: &mut BTreeSet<PathBuf>,
    limits: &Limits,
) -> Result<Vec<ParsedInput>, InputError> {
    let text = projects::read_text(&file.path, &file.display, json::MAX_BYTES, limits)?;
    let doc = match Doc::parse(&file.display, &text) {
        Ok(doc) => doc,
        // A `manifest.json` that is not JSON is not a uni-app manifest, unless it says so.
        Err(e) if text.contains("app-plus") => return Err(e),
        Err(_) => return Ok(Vec::new()),
    };
    // A web app manifest or a browser extension's: not a uni-app app.
    let Some(app) = json::path(&doc.root, &["app-plus"]) else {
        return Ok(Vec::new());
    };
    json::object(&doc, app, "app-plus")?;
    let dir = file.path.parent().unwrap_or(Path::new("."));
    let shown = |relative: &str| crate::display::sibling(&file.display, relative);

    let mut android = Vec::new();
    let mut removals = Vec::new();
    if let Some(list) = json::path(app, &["distribute", "android", "permissions"]) {
        for item in &json::array(&doc, list, "app-plus.distribute.android.permissions")?.elements {
            if let Some(mut request) = fragment(&doc, item, "permissions")? {
                request.origin = origin(
                    Message::new("origin.list")
                        .text("key", "app-plus.distribute.android.permissions"),
                );
                android.push(request);
            }
        }
    }
    if let Some(list) = json::path(app, &["distribute", "android", "excludePermissions"]) {
        for item in
            &json::array(&doc, list, "app-plus.distribute.android.excludePermissions")?.elements
        {
            if let Some(request) = fragment(&doc, item, "excludePermissions")? {
                removals.push(Removal {
                    permission: Some(request.permission),
                    node: "excludePermissions".to_owned(),
                    location: request.location,
                });
            }
        }
    }
    let mut ios = Vec::new();
    if let Some(descriptions) = json::path(app, &["distribute", "ios", "privacyDescription"]) {
        let descriptions = json::object(
            &doc,
            descriptions,
            "app-plus.distribute.ios.privacyDescription",
        )?;
        for prop in &descriptions.properties {
            let key = json::prop_name(&prop.name);
            if !crate::input::plist::is_usage_key(key) {
                continue;
            }
            let mut request = Request::at(key, doc.at(prop.range.start));
            request.purpose = json::string(&prop.value).map(str::to_owned);
            request.origin = origin(Message::name("app-plus.distribute.ios.privacyDescription"));
            ios.push(request);
        }
    }

    let mut android_notes = Vec::new();
    let mut ios_notes = Vec::new();
    // What files of the tree write comes before the packager's knowledge, so a permission
    // both add is located where it is written.
    native_plugins(
        dir,
        &shown,
        &mut android,
        &mut ios,
        &mut android_notes,
        limits,
    )?;
    packager(&doc, app, &mut android, &mut android_notes, &mut ios_notes)?;

    // Native files the cloud packager merges. DCloud's pages on native resources
    // (`app-nativeresource-android`, `app-nativeresource-ios`) have the app's own
    // `AndroidManifest.xml` and `Info.plist` created at the project root (HBuilderX 3.6.0 and
    // 3.6.5 on), and show the main Info.plist under `nativeResources/ios/` too (written
    // `info.plist` there); older projects keep the manifest in `nativeResources/android/`.
    let mut android_files = vec![
        "AndroidManifest.xml".to_owned(),
        "nativeResources/android/AndroidManifest.xml".to_owned(),
    ];
    let mut ios_files = vec![
        "Info.plist".to_owned(),
        "nativeResources/ios/Info.plist".to_owned(),
        "nativeResources/ios/info.plist".to_owned(),
    ];
    if let Ok(entries) = std::fs::read_dir(dir.join("uni_modules")) {
        let mut modules: Vec<String> = entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        modules.sort();
        for module in modules {
            android_files.push(format!(
                "uni_modules/{module}/utssdk/app-android/AndroidManifest.xml"
            ));
            ios_files.push(format!("uni_modules/{module}/utssdk/app-ios/Info.plist"));
        }
    }
    for relative in &android_files {
        let path = dir.join(relative);
        // One file under two spellings, on a file system that folds case, is read once.
        if !path.is_file() || !claimed.insert(limits.real.of(&path)) {
            continue;
        }
        for manifest in projects::read_native(&path, &shown(relative), limits)? {
            android.extend(manifest.requests);
            removals.extend(manifest.removals);
        }
    }
    for relative in &ios_files {
        let path = dir.join(relative);
        if !path.is_file() || !claimed.insert(limits.real.of(&path)) {
            continue;
        }
        for plist in projects::read_native(&path, &shown(relative), limits)? {
            ios.extend(plist.requests);
        }
    }
    let removed: Vec<String> = removals
        .iter()
        .filter_map(|r| r.permission.clone())
        .collect();
    android.retain(|r| !removed.contains(&r.permission));

    let mut out = Vec::new();
    let mut input = ParsedInput::new(&file.display, InputKind::GeneratedManifest, android);
    input.removals = removals;
    input.build = Some("app-plus android (cloud packaging)".to_owned());
    input.notes = android_notes;
    out.push(input);
    let mut input = ParsedInput::new(&file.display, InputKind::GeneratedPlist, ios);
    input.notes = ios_notes;
    input.build = Some("app-plus ios (cloud packaging)".to_owned());
    input.apple_platform = Some(ApplePlatform::Ios);
    out.push(input);
    Ok(out)
}

/// What the cloud packager adds to the Android manifest: the modules' permissions (after the
/// app's own, so a permission the app lists is located at its own line), then the defaults.
/// A module or provider not in [`modules`] is an `unread-source` note on Android; every
/// enabled module is one on iOS, where no module's keys are known.
fn packager(
    doc: &Doc<'_>,
    app: &json::Node<'_>,
    android: &mut Vec<Request>,
    android_notes: &mut Vec<InputNote>,
    ios_notes: &mut Vec<InputNote>,
) -> Result<(), InputError> {
    let sdk_configs = match json::path(app, &["distribute", "sdkConfigs"]) {
        Some(v) => Some(json::object(doc, v, "app-plus.distribute.sdkConfigs")?),
        None => None,
    };
    let unread = |at: Location, setting: String, message: Message| InputNote {
        rule: NoteRule::UnreadSource,
        location: at,
        setting,
        message,
    };
    let mut enabled = Vec::new();
    if let Some(list) = json::path(app, &["modules"]) {
        let list = json::object(doc, list, "app-plus.modules")?;
        for prop in &list.properties {
            let key = json::prop_name(&prop.name);
            let at = doc.at(prop.range.start);
            enabled.push(key.to_owned());
            let setting = format!("app-plus.modules.{key}");
            let Some(module) = modules::find(key) else {
                android_notes.push(unread(
                    at,
                    setting,
                    Message::new("msg.unread-source.uni-module").text("module", key),
                ));
                continue;
            };
            let add = |android: &mut Vec<Request>,
                       list: &[&str],
                       via: Message,
                       from: Option<Location>| {
                for permission in list {
                    let mut request = Request::at(*permission, at.clone());
                    request.origin = Some(Origin {
                        location: from.clone(),
                        kind: OriginKind::Package,
                        via: via.clone(),
                        source: Some(module.source.to_owned()),
                    });
                    android.push(request);
                }
            };
            add(
                android,
                module.android,
                Message::new("origin.dcloud-module").text("module", key),
                None,
            );
            let Some(section) = module.sdk else {
                continue;
            };
            let providers = match sdk_configs.and_then(|c| json::get(c, section)) {
                Some(v) => json::object(doc, v, &format!("sdkConfigs.{section}"))?
                    .properties
                    .iter()
                    .filter(|p| for_android(&p.value))
                    .collect::<Vec<_>>(),
                None => Vec::new(),
            };
            if providers.is_empty() {
                android_notes.push(unread(
                    at.clone(),
                    setting,
                    Message::new("msg.unread-source.uni-no-provider")
                        .text("module", key)
                        .text("section", section),
                ));
            }
            for provider in providers {
                let name = json::prop_name(&provider.name);
                let from = doc.at(provider.range.start);
                match module.providers.iter().find(|p| p.key == name) {
                    Some(known) => add(
                        android,
                        known.android,
                        Message::new("origin.dcloud-provider")
                            .text("module", key)
                            .text("section", section)
                            .text("provider", name),
                        Some(from),
                    ),
                    None => android_notes.push(unread(
                        from,
                        format!("app-plus.distribute.sdkConfigs.{section}.{name}"),
                        Message::new("msg.unread-source.uni-provider")
                            .text("provider", name)
                            .text("module", key),
                    )),
                }
            }
        }
        if !enabled.is_empty() {
            ios_notes.push(unread(
                doc.at(json::range_start(
                    json::path(app, &["modules"]).unwrap_or(app),
                )),
                "app-plus.modules".to_owned(),
                Message::new("msg.unread-source.uni-ios-modules")
                    .part("modules", Message::list(&enabled)),
            ));
        }
    }
    // uni-ad is set up in `sdkConfigs.ad`, one entry per ad network, not in `modules`. DCloud's
    // page lists each network's permissions by its display name only, not by the key the
    // manifest uses, so a network is unread rather than matched by a guess.
    if let Some(ad) = sdk_configs.and_then(|c| json::get(c, "ad")) {
        let ad = json::object(doc, ad, "sdkConfigs.ad")?;
        for (platform, notes) in [("android", &mut *android_notes), ("ios", &mut *ios_notes)] {
            for provider in ad
                .properties
                .iter()
                .filter(|p| for_platform(&p.value, platform))
            {
                let name = json::prop_name(&provider.name);
                notes.push(unread(
                    doc.at(provider.range.start),
                    format!("app-plus.distribute.sdkConfigs.ad.{name}"),
                    Message::new("msg.unread-source.uni-ad").text("provider", name),
                ));
            }
        }
    }
    // The defaults are located at `app-plus`, the object whose presence makes a cloud build.
    let at = doc.at(json::range_start(app));
    for permission in modules::DEFAULTS {
        let mut request = Request::at(*permission, at.clone());
        request.origin = Some(Origin {
            location: None,
            kind: OriginKind::Template,
            via: Message::new("origin.dcloud-defaults"),
            source: Some(modules::DEFAULTS_SOURCE.to_owned()),
        });
        android.push(request);
    }
    Ok(())
}

/// What the uni native plugins under `nativeplugins/` add, as each one's `package.json`
/// declares it for cloud packaging (DCloud's native plugin docs, `NativePlugin/course/
/// package.md`): `_dp_nativeplugin.android.permissions`, and on iOS the usage keys of `plists`,
/// `capabilities.plists` and `privacies`. An AAR the plugin ships brings its own manifest,
/// which permaudit does not read: `unread-source` at the plugin's `package.json`.
fn native_plugins(
    dir: &Path,
    shown: &dyn Fn(&str) -> String,
    android: &mut Vec<Request>,
    ios: &mut Vec<Request>,
    notes: &mut Vec<InputNote>,
    limits: &Limits,
) -> Result<(), InputError> {
    let Ok(entries) = std::fs::read_dir(dir.join("nativeplugins")) else {
        return Ok(());
    };
    let mut plugins: Vec<String> = entries
        .flatten()
        .filter(|e| e.path().join("package.json").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    plugins.sort();
    for plugin in plugins {
        let relative = format!("nativeplugins/{plugin}/package.json");
        let display = shown(&relative);
        let text = projects::read_text(&dir.join(&relative), &display, json::MAX_BYTES, limits)?;
        let doc = Doc::parse(&display, &text)?;
        let Some(native) = json::path(&doc.root, &["_dp_nativeplugin"]) else {
            continue;
        };
        json::object(&doc, native, "_dp_nativeplugin")?;
        let origin = |what: &str| {
            Some(Origin {
                location: None,
                kind: OriginKind::PluginOption,
                via: Message::new("origin.uni-native-plugin")
                    .text("plugin", &plugin)
                    .text("field", format!("_dp_nativeplugin.{what}")),
                source: None,
            })
        };
        if let Some(list) = json::path(native, &["android", "permissions"]) {
            for item in &json::array(&doc, list, "_dp_nativeplugin.android.permissions")?.elements {
                if let Some(mut request) = fragment(&doc, item, "permissions")? {
                    request.origin = origin("android.permissions");
                    android.push(request);
                }
            }
        }
        for path in [
            &["ios", "plists"][..],
            &["ios", "capabilities", "plists"][..],
        ] {
            let Some(plists) = json::path(native, path) else {
                continue;
            };
            let what = path.join(".");
            let plists = json::object(&doc, plists, &format!("_dp_nativeplugin.{what}"))?;
            for prop in &plists.properties {
                let key = json::prop_name(&prop.name);
                if !crate::input::plist::is_usage_key(key) {
                    continue;
                }
                let mut request = Request::at(key, doc.at(prop.range.start));
                request.purpose = json::string(&prop.value).map(str::to_owned);
                request.origin = origin(&what);
                ios.push(request);
            }
        }
        if let Some(list) = json::path(native, &["ios", "privacies"]) {
            for item in &json::array(&doc, list, "_dp_nativeplugin.ios.privacies")?.elements {
                let key = json::string(item).ok_or_else(|| {
                    doc.error(
                        item,
                        "an entry of _dp_nativeplugin.ios.privacies is not a string",
                    )
                })?;
                // Without a text here, the app's privacyDescription gives it; the key ships
                // either way.
                if crate::input::plist::is_usage_key(key) {
                    let mut request = Request::at(key, doc.loc(item));
                    request.origin = origin("ios.privacies");
                    ios.push(request);
                }
            }
        }
        let aars = std::fs::read_dir(dir.join(format!("nativeplugins/{plugin}/android")))
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".aar"))
            .count();
        if aars > 0 {
            notes.push(InputNote {
                rule: NoteRule::UnreadSource,
                location: Location::file(&display),
                setting: format!("nativeplugins/{plugin}"),
                message: Message::new("msg.unread-source.uni-native-aar")
                    .text("plugin", &plugin)
                    .text("aars", aars.to_string()),
            });
        }
    }
    Ok(())
}

/// Whether an `sdkConfigs` provider is packaged for Android: its `__platform__` list, when
/// it has one, names `android`.
fn for_android(provider: &json::Node<'_>) -> bool {
    for_platform(provider, "android")
}

/// Whether an `sdkConfigs` provider is packaged for `platform` (`android`, `ios`).
fn for_platform(provider: &json::Node<'_>, platform: &str) -> bool {
    let Some(platforms) = provider
        .as_object()
        .and_then(|o| json::get(o, "__platform__"))
        .and_then(|p| p.as_array())
    else {
        return true;
    };
    platforms
        .elements
        .iter()
        .any(|p| json::string(p) == Some(platform))
}

/// The permission a `<uses-permission …/>` string of the list names; `None` for another
/// element (`<uses-feature>`).
fn fragment(
    doc: &Doc<'_>,
    item: &json::Node<'_>,
    list: &str,
) -> Result<Option<Request>, InputError> {
    let text = json::string(item)
        .ok_or_else(|| doc.error(item, format!("an entry of {list} is not a string")))?;
    let at = doc.loc(item);
    // Some manifests list bare names rather than elements.
    if !text.trim_start().starts_with('<') {
        let name = text.trim();
        if name.is_empty() {
            return Err(doc.error(item, format!("an empty entry in {list}")));
        }
        return Ok(Some(Request::at(name, at)));
    }
    // The fragment has no namespace declarations; bind the prefixes it uses.
    let wrapped = format!(
        "<x xmlns:android=\"http://schemas.android.com/apk/res/android\" \
         xmlns:tools=\"http://schemas.android.com/tools\">{text}</x>"
    );
    let tree = Tree::parse_at(doc.path, wrapped.as_bytes(), Some(&at)).map_err(|e| {
        let why = match e {
            InputError::Invalid { message, .. } => message,
            other => other.to_string(),
        };
        InputError::invalid(
            at.clone(),
            format!("an entry of {list} is not one XML element: {why}"),
        )
    })?;
    let root = tree.root();
    let Some(element) = tree.children(root).next() else {
        return Err(doc.error(item, format!("an entry of {list} holds no XML element")));
    };
    if !matches!(
        element.local(),
        "uses-permission" | "uses-permission-sdk-23"
    ) {
        return Ok(None);
    }
    let Some(name) = element.attr("android:name") else {
        return Err(doc.error(
            item,
            format!("a <uses-permission> in {list} has no android:name"),
        ));
    };
    let mut request = Request::at(name, at);
    request.max_sdk = element.attr("android:maxSdkVersion").map(str::to_owned);
    request.sdk23_only = element.local() == "uses-permission-sdk-23";
    Ok(Some(request))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_provider_is_for_android_unless_its_platforms_leave_android_out() {
        let text = r#"{"a": {}, "b": {"__platform__": ["ios"]}, "c": {"__platform__": ["ios", "android"]}, "d": true}"#;
        let doc = Doc::parse("m.json", text).unwrap();
        let got: Vec<bool> = doc
            .root
            .as_object()
            .unwrap()
            .properties
            .iter()
            .map(|p| for_android(&p.value))
            .collect();
        assert_eq!(got, [true, false, true, true]);
    }
}
