//! The request rules of an Android manifest, applied to a stream of elements.
//!
//! A source manifest (text XML), a compiled manifest (binary AXML, inside an APK or alone) and
//! an App Bundle module's manifest (aapt2 protobuf) are three encodings of one tree. Each decoder
//! walks its encoding and hands every element to [`ManifestRules::element`]; the rules — which
//! elements are requests, what `tools:node` and `<permission>` mean — live only here, so the
//! three can never disagree about them.
//!
//! The rules (design §2, and Android's own `ParsingPackageUtils`):
//! - a request is a `<uses-permission>`, `<uses-permission-sdk-23>` or its older spelling
//!   `<uses-permission-sdk-m>` that is a direct child of `<manifest>`;
//! - `tools:node="remove"`/`"removeAll"` is a manifest-merger instruction: in a *source*
//!   manifest it marks a removal, not a request. The merger strips `tools:` attributes before
//!   compiling, and Android ignores them, so in a *compiled* manifest such an attribute (which
//!   only a tampered file can carry) removes nothing: the permission is requested;
//! - `<permission>` and `<permission-tree>` declare the app's own permissions — except a
//!   permission the platform (or a system app) already defines: PackageManager ignores such a
//!   redeclaration ("attempting to redeclare system permission …; ignoring new declaration") and
//!   the app still merely requests it. A request for one is therefore never the app's own, however
//!   it was declared (literally, through `${applicationId}` with `package="android.permission"`, or
//!   under a `<permission-tree>`). "Defined by the system" is every permission the catalog has
//!   from the AOSP framework (`origin` `aosp`) and every name in the platform's own
//!   `android.permission.` namespace, so a platform permission the catalog does not know yet
//!   cannot be turned into an exempt one either. Permissions of other apps the catalog lists
//!   (Google Play services, vendor push services) are not the platform's: the app that defines
//!   them on a device without the original (microG defines Play services' permissions) owns
//!   them.

use super::InputError;
use super::budget::Budget;
use crate::model::{InputKind, Location, ParsedInput, Removal, Request};

/// The namespace of `android:` attributes. The three decoders match attributes by it, so it
/// lives with the rules they share.
pub const ANDROID_NS: &str = "http://schemas.android.com/apk/res/android";
/// The namespace of the manifest merger's `tools:` attributes.
pub const TOOLS_NS: &str = "http://schemas.android.com/tools";

/// Which encoding the elements come from; the two differ only where Android's build and
/// runtime differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    /// Text XML as developers write it: `tools:node` is honoured and the root must be a
    /// `<manifest>` in no namespace.
    Source,
    /// Compiled by aapt/aapt2: Android matches element names by local name only and never
    /// reads `tools:` attributes.
    Compiled,
}

/// The attributes of a permission element that matter here, already decoded to text.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct PermissionAttrs {
    /// `android:name`.
    pub(crate) name: Option<String>,
    /// Where `android:name`'s value is written (text manifests; compiled ones have no text).
    pub(crate) name_span: Option<crate::model::Span>,
    /// `android:maxSdkVersion`, verbatim (a number once compiled).
    pub(crate) max_sdk: Option<String>,
    /// `tools:node` (source manifests only).
    pub(crate) tools_node: Option<String>,
    /// `tools:selector`: the package of the library a `tools:node` marker applies to.
    pub(crate) tools_selector: Option<String>,
    /// `tools:remove`: attributes removed from lower-priority declarations.
    pub(crate) tools_remove: Option<String>,
}

/// A permission element of a source manifest with everything the manifest merger reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PermElement {
    /// Local name (`uses-permission`, `uses-permission-sdk-23`, `permission`, …).
    pub(crate) local: String,
    /// Its attributes.
    pub(crate) attrs: PermissionAttrs,
    /// Where it is.
    pub(crate) location: Location,
}

/// One element of the stream.
pub(crate) struct Element<'a> {
    /// 1 for the root, 2 for its children, and so on.
    pub(crate) depth: usize,
    /// The element is in no namespace (matters for the root of a source manifest only).
    pub(crate) unqualified: bool,
    /// Local name.
    pub(crate) local: &'a str,
    /// Where the element is, worked out only for the elements a request or an error is
    /// located at (a large manifest has tens of thousands of others).
    pub(crate) location: &'a dyn Fn() -> Location,
}

/// Is `local` an element whose attributes the rules need (at depth 2)?
pub(crate) fn is_permission_element(local: &str) -> bool {
    matches!(
        local,
        "uses-permission"
            | "uses-permission-sdk-23"
            | "uses-permission-sdk-m"
            | "permission"
            | "permission-tree"
    )
}

/// Accumulates requests, removals and own permissions over one manifest's elements.
#[derive(Debug)]
pub(crate) struct ManifestRules<'b> {
    dialect: Dialect,
    budget: &'b Budget,
    requests: Vec<Request>,
    removals: Vec<Removal>,
    own: Vec<String>,
    own_trees: Vec<String>,
    package: Option<String>,
    elements: Vec<PermElement>,
}

/// Placeholders the Android Gradle plugin replaces with the application id.
const APPLICATION_ID_PLACEHOLDERS: &[&str] = &["${applicationId}", "${packageName}"];

fn expand_application_id(name: &str, package: &str) -> Option<String> {
    APPLICATION_ID_PLACEHOLDERS
        .iter()
        .find(|p| name.contains(*p))
        .map(|p| name.replace(p, package))
}

impl<'b> ManifestRules<'b> {
    /// Rules for one manifest; every request kept is drawn from the run's `budget`.
    pub(crate) fn new(dialect: Dialect, budget: &'b Budget) -> Self {
        ManifestRules {
            dialect,
            budget,
            requests: Vec::new(),
            removals: Vec::new(),
            own: Vec::new(),
            own_trees: Vec::new(),
            package: None,
            elements: Vec::new(),
        }
    }

    /// Records the root's literal `package` attribute (a source manifest's; compiled ones have
    /// their placeholders resolved already), so a declaration written with
    /// `${applicationId}` also covers the name the build makes from it: Signal declares
    /// `${applicationId}.ACCESS_SECRETS` and requests `org.thoughtcrime.securesms.ACCESS_SECRETS`.
    pub(crate) fn set_package(&mut self, package: Option<String>) {
        self.package = package.filter(|p| !p.is_empty() && !p.contains("${"));
    }

    /// Applies the rules to one element. `attrs` is called only for permission elements that
    /// are direct children of the root, so decoders decode attributes only where they matter.
    pub(crate) fn element(
        &mut self,
        element: Element<'_>,
        attrs: impl FnOnce() -> Result<PermissionAttrs, InputError>,
    ) -> Result<(), InputError> {
        if element.depth == 1 {
            // aapt2's ManifestFixer requires a root <manifest> in no namespace; Android's
            // runtime reads compiled names by local name only.
            let root_counts = element.unqualified || self.dialect == Dialect::Compiled;
            if !root_counts || element.local != "manifest" {
                return Err(InputError::invalid(
                    (element.location)(),
                    format!(
                        "expected the root element <manifest>, found <{}>",
                        element.local
                    ),
                ));
            }
            return Ok(());
        }
        // A namespaced child such as `<x:uses-permission>` is kept by aapt2 (its ManifestFixer
        // only skips validating it) and matched by local name on the device, so in both
        // dialects it is the element its local name says.
        if element.depth != 2 || !is_permission_element(element.local) {
            return Ok(());
        }
        let attrs = attrs()?;
        let mut location = (element.location)();
        location.span = attrs.name_span;
        if self.dialect == Dialect::Source && attrs.name.is_some() {
            self.elements.push(PermElement {
                local: element.local.to_owned(),
                attrs: attrs.clone(),
                location: location.clone(),
            });
        }
        let removal = match (self.dialect, attrs.tools_node.as_deref()) {
            (Dialect::Source, Some(node @ ("remove" | "removeAll"))) => Some(node.to_owned()),
            _ => None,
        };
        let Some(name) = attrs.name else {
            return Err(missing_name(location, element.local));
        };
        match element.local {
            "permission" | "permission-tree" => {
                if removal.is_none() {
                    if element.local == "permission" {
                        self.own.push(name);
                    } else {
                        self.own_trees.push(name);
                    }
                }
            }
            local => match removal {
                Some(node) => self.removals.push(Removal {
                    permission: Some(name),
                    node,
                    location,
                }),
                None => {
                    self.budget.request(&location)?;
                    self.requests.push(Request {
                        permission: name,
                        location,
                        max_sdk: attrs.max_sdk,
                        sdk23_only: local != "uses-permission",
                        own: false,
                        purpose: None,
                        localizations: Vec::new(),
                        origin: None,
                    });
                }
            },
        }
        Ok(())
    }

    /// The root's literal `package` and the permission elements, for the manifest merger.
    pub(crate) fn take_source(&mut self) -> (Option<String>, Vec<PermElement>) {
        (self.package.clone(), std::mem::take(&mut self.elements))
    }

    /// The parsed input: requests for the app's own permissions (declared with `<permission>`
    /// or under a `<permission-tree>`) are marked `own`.
    pub(crate) fn finish(self, path: &str, kind: InputKind) -> ParsedInput {
        let ManifestRules {
            mut requests,
            removals,
            mut own,
            mut own_trees,
            package,
            ..
        } = self;
        if let Some(package) = &package {
            for list in [&mut own, &mut own_trees] {
                let expanded: Vec<String> = list
                    .iter()
                    .filter_map(|name| expand_application_id(name, package))
                    .collect();
                list.extend(expanded);
            }
        }
        for request in &mut requests {
            let declared = own.contains(&request.permission)
                || own_trees.iter().any(|tree| {
                    request
                        .permission
                        .strip_prefix(tree.as_str())
                        .is_some_and(|rest| rest.starts_with('.'))
                });
            request.own = declared && !is_system_permission(&request.permission);
        }
        let mut input = ParsedInput::new(path, kind, requests);
        input.removals = removals;
        input
    }
}

/// Is `name` a permission the platform or a system app defines (see the module docs)?
pub(crate) fn is_system_permission(name: &str) -> bool {
    name.starts_with(crate::catalog::ANDROID_PREFIX)
        || crate::catalog::catalog()
            .android_permission(name)
            .is_some_and(|p| p.origin == "aosp")
}

fn missing_name(location: Location, element: &str) -> InputError {
    InputError::invalid(
        location,
        format!(
            "<{element}> has no android:name attribute; expected a name attribute in the \
             namespace {} (check the xmlns declaration of its prefix)",
            ANDROID_NS
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn el(depth: usize, local: &str) -> Element<'_> {
        Element {
            depth,
            unqualified: true,
            local,
            location: &|| Location::at("m", 1, 1),
        }
    }

    fn attrs(name: &str, node: Option<&str>) -> PermissionAttrs {
        PermissionAttrs {
            name: Some(name.to_owned()),
            max_sdk: None,
            tools_node: node.map(str::to_owned),
            tools_selector: None,
            tools_remove: None,
            ..PermissionAttrs::default()
        }
    }

    #[test]
    fn tools_node_removes_only_in_source_manifests() {
        let budget = Budget::default();
        for (dialect, requested) in [(Dialect::Source, 0), (Dialect::Compiled, 1)] {
            let mut rules = ManifestRules::new(dialect, &budget);
            rules.element(el(1, "manifest"), || unreachable!()).unwrap();
            rules
                .element(el(2, "uses-permission"), || Ok(attrs("A", Some("remove"))))
                .unwrap();
            let parsed = rules.finish("m", InputKind::Manifest);
            assert_eq!(parsed.requests.len(), requested, "{dialect:?}");
            assert_eq!(parsed.removals.len(), 1 - requested, "{dialect:?}");
        }
    }

    #[test]
    fn sdk_m_is_sdk_23_and_depth_matters() {
        let budget = Budget::default();
        let mut rules = ManifestRules::new(Dialect::Compiled, &budget);
        rules.element(el(1, "manifest"), || unreachable!()).unwrap();
        rules
            .element(el(2, "uses-permission-sdk-m"), || Ok(attrs("A", None)))
            .unwrap();
        rules
            .element(el(3, "uses-permission"), || unreachable!())
            .unwrap();
        let parsed = rules.finish("m", InputKind::Apk);
        assert_eq!(parsed.requests.len(), 1);
        assert!(parsed.requests[0].sdk23_only);
    }

    #[test]
    fn wrong_root_and_missing_name_fail() {
        let budget = Budget::default();
        let mut rules = ManifestRules::new(Dialect::Compiled, &budget);
        let err = rules
            .element(el(1, "plist"), || unreachable!())
            .unwrap_err();
        assert!(err.to_string().contains("found <plist>"), "{err}");
        let err = rules
            .element(el(2, "uses-permission"), || Ok(PermissionAttrs::default()))
            .unwrap_err();
        assert!(err.to_string().contains("no android:name"), "{err}");
    }
}
