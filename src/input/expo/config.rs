//! One Expo config (`app.json`, `app.config.json`, or the JSON `npx expo config --json`
//! prints) → the requests of the manifest and Info.plist `expo prebuild` generates from it.

use super::plugins::{self, When};
use crate::input::InputError;
use crate::input::json::{self, Doc};
use crate::model::{Location, Message, Origin, OriginKind, Platform, Removal, Request};

/// What a config makes prebuild generate.
#[derive(Debug, Default)]
pub(crate) struct Generated {
    /// Android requests in the order they are added: `android.permissions`, then plugins.
    pub(crate) android: Vec<Request>,
    /// Permissions `android.blockedPermissions` or a plugin option strips.
    pub(crate) removals: Vec<Removal>,
    /// iOS purpose strings: `ios.infoPlist`, then plugins.
    pub(crate) ios: Vec<Request>,
    /// Local config plugins (`./plugins/withX.js`): code permaudit does not run.
    pub(crate) local_plugins: Vec<(String, Location)>,
}

/// Whether `root` is an Expo config: an `expo` object, or the keys of one at the top level
/// (`npx expo config --json` prints it unwrapped). A React Native CLI `app.json`
/// (`name`, `displayName`) is not.
pub(crate) fn expo_object<'v, 'a>(
    root: &'v json::Node<'a>,
) -> Option<&'v jsonc_parser::ast::Object<'a>> {
    let object = root.as_object()?;
    if let Some(expo) = json::get(object, "expo") {
        return expo.as_object();
    }
    let keys = ["sdkVersion", "slug", "plugins", "android", "ios"];
    (keys
        .iter()
        .filter(|k| json::get(object, k).is_some())
        .count()
        >= 2)
        .then_some(object)
}

/// The dependencies of a `package.json`, with where each is named.
pub(crate) fn dependencies(doc: &Doc<'_>) -> Vec<(String, String, Location)> {
    let mut out = Vec::new();
    for section in ["dependencies", "devDependencies"] {
        let Some(deps) = json::path(&doc.root, &[section]).and_then(|d| d.as_object()) else {
            continue;
        };
        for prop in &deps.properties {
            let version = json::string(&prop.value).unwrap_or_default().to_owned();
            out.push((
                json::prop_name(&prop.name).to_owned(),
                version,
                doc.at(prop.range.start),
            ));
        }
    }
    out
}

/// Reads the config of `doc` (already known to be one, see [`expo_object`]); `package` is the
/// `package.json` beside it, if any.
pub(crate) fn read(
    doc: &Doc<'_>,
    expo: &jsonc_parser::ast::Object<'_>,
    package: Option<&Doc<'_>>,
) -> Result<Generated, InputError> {
    let mut out = Generated::default();
    if let Some(android) = json::get(expo, "android") {
        let android = json::object(doc, android, "expo.android")?;
        if let Some(list) = json::get(android, "permissions") {
            for item in &json::array(doc, list, "expo.android.permissions")?.elements {
                let name = json::string(item).ok_or_else(|| {
                    doc.error(item, "an entry of expo.android.permissions is not a string")
                })?;
                let mut request = Request::at(full_name(name), doc.loc(item));
                request.origin = Some(Origin {
                    location: None,
                    kind: OriginKind::Config,
                    via: Message::name("expo.android.permissions"),
                    source: None,
                });
                out.android.push(request);
            }
        }
        if let Some(list) = json::get(android, "blockedPermissions") {
            for item in &json::array(doc, list, "expo.android.blockedPermissions")?.elements {
                let name = json::string(item).ok_or_else(|| {
                    doc.error(
                        item,
                        "an entry of expo.android.blockedPermissions is not a string",
                    )
                })?;
                out.removals.push(Removal {
                    permission: Some(full_name(name)),
                    node: "blockedPermissions".to_owned(),
                    location: doc.loc(item),
                });
            }
        }
    }
    if let Some(ios) = json::get(expo, "ios") {
        let ios = json::object(doc, ios, "expo.ios")?;
        if let Some(plist) = json::get(ios, "infoPlist") {
            for prop in &json::object(doc, plist, "expo.ios.infoPlist")?.properties {
                let key = json::prop_name(&prop.name);
                if !crate::input::plist::is_usage_key(key) {
                    continue;
                }
                let mut request = Request::at(key, doc.at(prop.range.start));
                request.purpose = json::string(&prop.value).map(str::to_owned);
                request.origin = Some(Origin {
                    location: None,
                    kind: OriginKind::Config,
                    via: Message::name("expo.ios.infoPlist"),
                    source: None,
                });
                out.ios.push(request);
            }
        }
    }
    let mut named = Vec::new();
    if let Some(list) = json::get(expo, "plugins") {
        for entry in &json::array(doc, list, "expo.plugins")?.elements {
            let (name_node, options) = match entry {
                json::Node::StringLit(_) => (entry, None),
                json::Node::Array(a) => match a.elements.as_slice() {
                    [name] => (name, None),
                    [name, options, ..] => (name, options.as_object()),
                    [] => return Err(doc.error(entry, "an empty plugin entry")),
                },
                _ => {
                    return Err(
                        doc.error(entry, "a plugin entry must be a name or [name, options]")
                    );
                }
            };
            let name = json::string(name_node)
                .ok_or_else(|| doc.error(name_node, "a plugin name must be a string"))?;
            named.push(name.to_owned());
            if name.starts_with("./") || name.starts_with("../") || name.starts_with('/') {
                out.local_plugins
                    .push((name.to_owned(), doc.loc(name_node)));
                continue;
            }
            if let Some(plugin) = plugins::find(name) {
                apply(
                    doc,
                    plugin,
                    name_node,
                    options,
                    OriginKind::PluginDefault,
                    &mut out,
                );
            }
        }
    }
    if let Some(package) = package {
        for (name, version, at) in dependencies(package) {
            if named.contains(&name) || !plugins::AUTO_APPLIED.contains(&name.as_str()) {
                continue;
            }
            if let Some(plugin) = plugins::find(&name) {
                let via = Message::new("origin.expo-auto")
                    .text("package", &name)
                    .text("version", version);
                apply_auto(plugin, &at, &via, &mut out);
            }
        }
    }
    let blocked: Vec<String> = out
        .removals
        .iter()
        .filter_map(|r| r.permission.clone())
        .collect();
    out.android.retain(|r| !blocked.contains(&r.permission));
    Ok(out)
}

/// `CAMERA` → `android.permission.CAMERA`, as Expo's `ensurePermissionNameFormat` does.
fn full_name(name: &str) -> String {
    if name.contains('.') {
        name.to_owned()
    } else {
        format!("android.permission.{name}")
    }
}

/// What `plugin` named at `name_node` with `options` adds.
fn apply(
    doc: &Doc<'_>,
    plugin: &plugins::Plugin,
    name_node: &json::Node<'_>,
    options: Option<&jsonc_parser::ast::Object<'_>>,
    default_kind: OriginKind,
    out: &mut Generated,
) {
    let option = |key: &str| {
        options.and_then(|o| {
            o.properties
                .iter()
                .rev()
                .find(|p| json::prop_name(&p.name) == key)
        })
    };
    let via = |what: Message| what.text("package", plugin.package);
    let source = source(plugin);
    for adds in plugin.adds {
        let (given, key) = match adds.when {
            When::Always => (None, None),
            When::UnlessFalse(key) | When::IfTrue(key) => (option(key), Some(key)),
        };
        let is_false = given.is_some_and(|p| p.value.as_boolean_lit().is_some_and(|b| !b.value));
        let is_true = given.is_some_and(|p| p.value.as_boolean_lit().is_some_and(|b| b.value));
        let list = match adds.platform {
            Platform::Android => &mut out.android,
            _ => &mut out.ios,
        };
        if is_false {
            if adds.platform != Platform::Android {
                // createPermissionsPlugin deletes the key, whoever set it.
                list.retain(|r| r.permission != adds.permission);
            }
            continue;
        }
        if matches!(adds.when, When::IfTrue(_)) && !is_true {
            continue;
        }
        let (location, kind, what) = match (given, key) {
            (Some(prop), Some(key)) => (
                doc.at(prop.range.start),
                OriginKind::PluginOption,
                Message::new("origin.expo-option").text("option", key),
            ),
            _ => (
                doc.loc(name_node),
                default_kind,
                Message::new("origin.expo-default"),
            ),
        };
        let mut request = Request::at(adds.permission, location);
        if adds.platform != Platform::Android {
            request.purpose = given
                .and_then(|p| json::string(&p.value))
                .map(str::to_owned);
        }
        request.origin = Some(Origin {
            location: None,
            kind,
            via: via(what),
            source: Some(source.clone()),
        });
        list.push(request);
    }
    for (key, permission) in plugin.blocks {
        let blocked =
            option(key).is_some_and(|p| p.value.as_boolean_lit().is_some_and(|b| !b.value));
        if blocked {
            out.removals.push(Removal {
                permission: Some((*permission).to_owned()),
                node: format!("{} option {key}: false", plugin.package),
                location: option(key).map_or_else(|| doc.loc(name_node), |p| doc.at(p.range.start)),
            });
        }
    }
}

/// What an auto-applied `plugin` (no options) adds, located at the dependency.
fn apply_auto(plugin: &plugins::Plugin, at: &Location, via: &Message, out: &mut Generated) {
    for adds in plugin.adds {
        if matches!(adds.when, When::IfTrue(_)) {
            continue;
        }
        let mut request = Request::at(adds.permission, at.clone());
        request.origin = Some(Origin {
            location: None,
            kind: OriginKind::Package,
            via: via.clone(),
            source: Some(source(plugin)),
        });
        match adds.platform {
            Platform::Android => out.android.push(request),
            _ => out.ios.push(request),
        }
    }
}

/// Where the knowledge of `plugin` comes from.
fn source(plugin: &plugins::Plugin) -> String {
    format!(
        "npm {} {}; {} {}",
        plugin.package,
        plugin.majors,
        plugins::SOURCE,
        plugin.source
    )
}
