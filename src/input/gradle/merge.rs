//! The manifest merger's rules for permission elements, applied to a variant's manifests in
//! priority order (highest first), as the Android Gradle plugin's merger applies them:
//!
//! - elements are matched by element name and `android:name`; `<uses-permission>` and
//!   `<uses-permission-sdk-23>` are different elements;
//! - `tools:node="remove"` drops the matching element of every lower-priority manifest,
//!   `tools:node="removeAll"` every element of that name; with `tools:selector="pkg"` only
//!   those of the library whose package is `pkg`; the marking element itself is not merged;
//! - `tools:node="replace"` keeps the marking element as written and ignores lower ones;
//! - otherwise two declarations merge into one, at the higher-priority position; when both
//!   request a permission, the merged `android:maxSdkVersion` is the broader one (none when
//!   either has none, else the higher), unless the higher one says
//!   `tools:remove="android:maxSdkVersion"`, which removes the attribute;
//! - `${applicationId}`, `${packageName}` and `manifestPlaceholders` are substituted before
//!   matching, so the names compared are the names the device sees.

use std::collections::BTreeMap;

use crate::input::manifest::PermElement;
use crate::model::{Location, Origin, Removal, Request};

/// One manifest of a variant, with who it belongs to.
#[derive(Debug, Clone)]
pub(crate) struct Source<'a> {
    /// Its permission elements.
    pub(crate) elements: &'a [PermElement],
    /// For a library module's manifest: the module (`:core`).
    pub(crate) module: Option<String>,
    /// The package `tools:selector` matches (a library's namespace or `package`).
    pub(crate) package: Option<String>,
}

/// A permission name with placeholders substituted, and those left unresolved.
pub(crate) fn substitute(name: &str, values: &BTreeMap<String, String>) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut missing = Vec::new();
    let mut rest = name;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find('}') {
            Some(end) => {
                let key = &after[..end];
                match values.get(key) {
                    Some(v) => out.push_str(v),
                    None => {
                        missing.push(key.to_owned());
                        out.push_str(&rest[start..start + 3 + end]);
                    }
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    (out, missing)
}

/// The merged permissions of a variant.
#[derive(Debug, Default)]
pub(crate) struct Merged {
    /// Requests, in the merged manifest's order (highest-priority manifest first).
    pub(crate) requests: Vec<Request>,
    /// The removal markers that were seen.
    pub(crate) removals: Vec<Removal>,
    /// Names the app declares with `<permission>`.
    pub(crate) own: Vec<String>,
    /// Names declared with `<permission-tree>`.
    pub(crate) own_trees: Vec<String>,
    /// Placeholders left unresolved, with where each is used.
    pub(crate) unresolved: Vec<(String, Location)>,
}

fn broader(a: Option<&str>, b: Option<&str>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => match (a.parse::<u32>(), b.parse::<u32>()) {
            (Ok(x), Ok(y)) => Some(x.max(y).to_string()),
            _ => Some(a.to_owned()),
        },
        _ => None,
    }
}

/// Merges `sources` (highest priority first).
pub(crate) fn merge(sources: &[Source<'_>], values: &BTreeMap<String, String>) -> Merged {
    let mut merged = Merged::default();
    // (element, name) → index into requests, and whether it was written with replace
    // (lower-priority declarations then no longer change it).
    let mut requested: BTreeMap<(String, String), (usize, bool, bool)> = BTreeMap::new();
    // Removal markers: (element, name or None for removeAll, selector), from a manifest
    // of higher priority than those they apply to.
    let mut removers: Vec<(String, Option<String>, Option<String>)> = Vec::new();
    let mut declared: BTreeMap<(String, String), ()> = BTreeMap::new();
    for source in sources {
        let mut here: Vec<(String, Option<String>, Option<String>)> = Vec::new();
        for e in source.elements {
            let Some(raw) = &e.attrs.name else { continue };
            let (name, missing) = substitute(raw, values);
            for m in missing {
                merged.unresolved.push((m, e.location.clone()));
            }
            let local = if e.local == "uses-permission-sdk-m" {
                "uses-permission-sdk-23".to_owned()
            } else {
                e.local.clone()
            };
            let removed = removers.iter().any(|(el, n, sel)| {
                el == &local
                    && n.as_ref().is_none_or(|n| n == &name)
                    && sel
                        .as_ref()
                        .is_none_or(|s| source.package.as_deref() == Some(s.as_str()))
            });
            if let Some(node @ ("remove" | "removeAll")) = e.attrs.tools_node.as_deref() {
                let target = (node == "remove").then(|| name.clone());
                here.push((
                    local.clone(),
                    target.clone(),
                    e.attrs.tools_selector.clone(),
                ));
                merged.removals.push(Removal {
                    permission: target,
                    node: node.to_owned(),
                    location: e.location.clone(),
                });
                continue;
            }
            if removed {
                continue;
            }
            let replace = e.attrs.tools_node.as_deref() == Some("replace");
            let strips_max = e
                .attrs
                .tools_remove
                .as_deref()
                .is_some_and(|r| r.split(',').any(|a| a.trim() == "android:maxSdkVersion"));
            match local.as_str() {
                "permission" | "permission-tree" => {
                    if declared.insert((local.clone(), name.clone()), ()).is_none() {
                        if local == "permission" {
                            merged.own.push(name);
                        } else {
                            merged.own_trees.push(name);
                        }
                    }
                }
                _ => match requested.get(&(local.clone(), name.clone())).copied() {
                    Some((i, fixed, stripped)) => {
                        if !fixed
                            && !stripped
                            && let Some(r) = merged.requests.get_mut(i)
                        {
                            r.max_sdk = broader(r.max_sdk.as_deref(), e.attrs.max_sdk.as_deref());
                        }
                    }
                    None => {
                        requested.insert(
                            (local.clone(), name.clone()),
                            (merged.requests.len(), replace, strips_max),
                        );
                        merged.requests.push(Request {
                            permission: name,
                            location: e.location.clone(),
                            max_sdk: if strips_max {
                                None
                            } else {
                                e.attrs.max_sdk.clone()
                            },
                            sdk23_only: local != "uses-permission",
                            own: false,
                            purpose: None,
                            localizations: Vec::new(),
                            origin: source.module.as_ref().map(|m| Origin {
                                via: crate::model::Message::name(m),
                                location: Some(e.location.clone()),
                                kind: crate::model::OriginKind::Library,
                                source: None,
                            }),
                        });
                    }
                },
            }
        }
        // A marker applies to lower-priority manifests only.
        removers.extend(here);
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::manifest::PermissionAttrs;

    fn el(local: &str, name: &str, node: Option<&str>, max: Option<&str>) -> PermElement {
        PermElement {
            local: local.into(),
            attrs: PermissionAttrs {
                name: Some(name.into()),
                max_sdk: max.map(Into::into),
                tools_node: node.map(Into::into),
                tools_selector: None,
                tools_remove: None,
                ..PermissionAttrs::default()
            },
            location: Location::at("m", 1, 1),
        }
    }

    fn names(m: &Merged) -> Vec<(&str, Option<&str>)> {
        m.requests
            .iter()
            .map(|r| (r.permission.as_str(), r.max_sdk.as_deref()))
            .collect()
    }

    #[test]
    fn remove_replace_selector_and_max_sdk() {
        let flavor = [el("uses-permission", "A", Some("remove"), None)];
        let main = [
            el("uses-permission", "A", None, None),
            el("uses-permission", "B", None, Some("28")),
            el("uses-permission", "C", None, Some("22")),
        ];
        let mut sel = el("uses-permission", "D", Some("remove"), None);
        sel.attrs.tools_selector = Some("lib.one".into());
        let main2 = [sel];
        let lib1 = [
            el("uses-permission", "B", None, Some("30")),
            el("uses-permission", "C", None, None),
            el("uses-permission", "D", None, None),
        ];
        let lib2 = [
            el("uses-permission", "E", None, None),
            el("uses-permission", "A", None, None),
        ];
        let src = |e: &'static [PermElement], m: Option<&str>, p: Option<&str>| Source {
            elements: e,
            module: m.map(Into::into),
            package: p.map(Into::into),
        };
        let (flavor, main, main2, lib1, lib2): (
            &'static _,
            &'static _,
            &'static _,
            &'static _,
            &'static _,
        ) = (
            Box::leak(Box::new(flavor)),
            Box::leak(Box::new(main)),
            Box::leak(Box::new(main2)),
            Box::leak(Box::new(lib1)),
            Box::leak(Box::new(lib2)),
        );
        let m = merge(
            &[
                src(flavor, None, None),
                src(main, None, None),
                src(main2, None, None),
                src(lib1, Some(":one"), Some("lib.one")),
                src(lib2, Some(":two"), Some("lib.two")),
            ],
            &BTreeMap::new(),
        );
        assert_eq!(names(&m), [("B", Some("30")), ("C", None), ("E", None)]);
        assert_eq!(
            m.requests[2].origin.as_ref().unwrap().via,
            crate::model::Message::name(":two")
        );
        assert_eq!(m.removals.len(), 2);
    }

    #[test]
    fn placeholders() {
        let mut v = BTreeMap::new();
        v.insert("applicationId".to_owned(), "com.x".to_owned());
        assert_eq!(
            substitute("${applicationId}.P", &v),
            ("com.x.P".into(), vec![])
        );
        assert_eq!(
            substitute("${a}${applicationId}${", &v),
            ("${a}com.x${".into(), vec!["a".to_owned()])
        );
    }
}
