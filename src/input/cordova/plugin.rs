//! The `<config-file>` and `<edit-config>` entries of a Cordova `config.xml` or `plugin.xml`
//! that write permissions into `AndroidManifest.xml` or purpose strings into `*-Info.plist`.
//! Only entries for the `android` and `ios` platforms count (`amazon-fireos`, `windows`, … are
//! other builds).

use crate::input::xmltree::{Element, Tree};
use crate::model::{Message, Origin, OriginKind, Request};

/// Which build an entry is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// Outside any `<platform>`: decided by the target file.
    Any,
    Android,
    Ios,
    Other,
}

/// Appends the requests `tree` makes. `owner` is `config.xml` or the plugin's id; `vars` the
/// plugin variables the app gives it.
pub(crate) fn entries(
    tree: &Tree,
    owner: &str,
    vars: &[(&str, &str)],
    android: &mut Vec<Request>,
    ios: &mut Vec<Request>,
) {
    let preferences = preferences(tree);
    walk(
        tree,
        tree.root(),
        Scope::Any,
        owner,
        vars,
        &preferences,
        android,
        ios,
        0,
    );
}

/// `<preference name default>` of a plugin: a variable's value when the app gives none.
fn preferences(tree: &Tree) -> Vec<(String, String)> {
    tree.elements
        .iter()
        .filter(|e| e.local() == "preference")
        .filter_map(|e| Some((e.attr("name")?.to_owned(), e.attr("default")?.to_owned())))
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn walk(
    tree: &Tree,
    element: &Element,
    scope: Scope,
    owner: &str,
    vars: &[(&str, &str)],
    preferences: &[(String, String)],
    android: &mut Vec<Request>,
    ios: &mut Vec<Request>,
    depth: usize,
) {
    if depth > 64 {
        return;
    }
    for child in tree.children(element) {
        match child.local() {
            "platform" => {
                let inner = match child.attr("name") {
                    Some("android") => Scope::Android,
                    Some("ios") => Scope::Ios,
                    _ => Scope::Other,
                };
                walk(
                    tree,
                    child,
                    inner,
                    owner,
                    vars,
                    preferences,
                    android,
                    ios,
                    depth + 1,
                );
            }
            "config-file" | "edit-config" => {
                let target = child
                    .attr(if child.local() == "config-file" {
                        "target"
                    } else {
                        "file"
                    })
                    .unwrap_or_default();
                let for_android = target.ends_with("AndroidManifest.xml")
                    && matches!(scope, Scope::Any | Scope::Android);
                let for_ios =
                    target.ends_with("Info.plist") && matches!(scope, Scope::Any | Scope::Ios);
                if for_android {
                    for item in tree.children(child) {
                        let is_permission =
                            matches!(item.local(), "uses-permission" | "uses-permission-sdk-23");
                        let Some(name) = item.attr("android:name") else {
                            continue;
                        };
                        if !is_permission {
                            continue;
                        }
                        let mut request = Request::at(name, item.location.clone());
                        request.max_sdk = item.attr("android:maxSdkVersion").map(str::to_owned);
                        request.sdk23_only = item.local() == "uses-permission-sdk-23";
                        request.origin = Some(origin(owner, child.local()));
                        android.push(request);
                    }
                }
                if for_ios {
                    let key = child
                        .attr(if child.local() == "config-file" {
                            "parent"
                        } else {
                            "target"
                        })
                        .unwrap_or_default();
                    if crate::input::plist::is_usage_key(key) {
                        let text = tree
                            .children(child)
                            .find(|e| e.local() == "string")
                            .map(|e| substitute(&e.text, vars, preferences));
                        let mut request = Request::at(key, child.location.clone());
                        request.purpose = text;
                        request.origin = Some(origin(owner, child.local()));
                        ios.push(request);
                    }
                }
            }
            _ => {}
        }
    }
}

fn origin(owner: &str, element: &str) -> Origin {
    if owner == "config.xml" {
        Origin {
            location: None,
            kind: OriginKind::Config,
            via: Message::new("origin.cordova-config").text("element", element),
            source: None,
        }
    } else {
        Origin {
            location: None,
            kind: OriginKind::PluginOption,
            via: Message::new("origin.cordova-plugin")
                .text("plugin", owner)
                .text("element", element),
            source: None,
        }
    }
}

/// `$CAMERA_USAGE_DESCRIPTION` → the variable the app gives, else the preference's default.
fn substitute(text: &str, vars: &[(&str, &str)], preferences: &[(String, String)]) -> String {
    let trimmed = text.trim();
    let Some(name) = trimmed.strip_prefix('$') else {
        return trimmed.to_owned();
    };
    vars.iter()
        .find(|(k, _)| *k == name)
        .map(|(_, v)| (*v).to_owned())
        .or_else(|| {
            preferences
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        })
        .unwrap_or_else(|| trimmed.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platform_scoped_entries() {
        let xml = br#"<plugin id="p">
  <preference name="CAM" default="Camera please"/>
  <platform name="android">
    <config-file target="AndroidManifest.xml" parent="/*">
      <uses-permission android:name="android.permission.CAMERA"/>
    </config-file>
  </platform>
  <platform name="amazon-fireos">
    <config-file target="AndroidManifest.xml" parent="/*">
      <uses-permission android:name="android.permission.READ_SMS"/>
    </config-file>
  </platform>
  <platform name="ios">
    <config-file target="*-Info.plist" parent="NSCameraUsageDescription">
      <string>$CAM</string>
    </config-file>
  </platform>
</plugin>"#;
        let tree = Tree::parse("plugin.xml", xml).unwrap();
        let (mut android, mut ios) = (Vec::new(), Vec::new());
        entries(&tree, "p", &[], &mut android, &mut ios);
        assert_eq!(android.len(), 1);
        assert_eq!(android[0].location.to_string(), "plugin.xml:5:7");
        assert_eq!(ios[0].purpose.as_deref(), Some("Camera please"));
        let (mut android, mut ios) = (Vec::new(), Vec::new());
        entries(&tree, "p", &[("CAM", "Scan codes")], &mut android, &mut ios);
        assert_eq!(ios[0].purpose.as_deref(), Some("Scan codes"));
    }
}
