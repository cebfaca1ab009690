//! The policy: which permissions a privacy policy discloses, per platform, row by row.
//!
//! Loading has two phases, like cargo-deny's config: the YAML is deserialised into raw structs
//! that keep every value's position ([`serde_saphyr::Spanned`]), then validated into a
//! [`Policy`] whose names are canonical. Every error names `file:line:column` and says what was
//! expected.

#[rustfmt::skip]
mod builtin_generated;
pub mod import;

use std::path::Path;

use serde::Deserialize;
use serde_saphyr::Spanned;
use thiserror::Error;

use crate::catalog::{self, ShortName};
use crate::input::plist::is_usage_key;
use crate::model::{Disclosure, Location, Platform};

/// The built-in policy's YAML: Appendix 2 of the M5 privacy agreement.
pub const BUILTIN_M5: &str = include_str!("../../policy/m5.yaml");
/// How the built-in policy is named in reports (it has no file on the user's disk).
pub const BUILTIN_PATH: &str = "builtin:m5.yaml";

/// Why a policy could not be loaded.
#[derive(Debug, Error)]
pub enum PolicyError {
    /// The file could not be read.
    #[error("{path}: cannot read the policy: {source}")]
    Read {
        /// The file.
        path: String,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The file is not a valid policy.
    #[error("{location}: invalid policy: {message}")]
    Invalid {
        /// Where the problem is.
        location: Location,
        /// What was expected and what was found.
        message: String,
    },
    /// Several problems in one file, each an [`PolicyError::Invalid`], in file order, one per
    /// line: a person fixes them in one go rather than one run each.
    #[error("{}", lines(.0))]
    Several(Vec<PolicyError>),
}

fn lines(errors: &[PolicyError]) -> String {
    let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
    lines.join("\n")
}

impl PolicyError {
    /// Each problem with its place: one for a single error, every one for [`Self::Several`].
    pub fn problems(&self) -> Vec<(String, Option<&Location>)> {
        match self {
            PolicyError::Read { .. } => vec![(self.to_string(), None)],
            PolicyError::Invalid { location, .. } => vec![(self.to_string(), Some(location))],
            PolicyError::Several(all) => all.iter().flat_map(PolicyError::problems).collect(),
        }
    }
}

/// A validated policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// The policy's title.
    pub name: String,
    /// Where its tables come from, if it says.
    pub source: Option<String>,
    /// The file it was read from; `None` for the built-in policy.
    pub file: Option<String>,
    /// Every row of both platforms, Android first, in file order.
    pub rows: Vec<Row>,
}

/// One disclosure row: a labelled group of permissions with a description and purpose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Platform of the table the row is in.
    pub platform: Platform,
    /// Position in its platform's list (0-based).
    pub index: usize,
    /// The row's label.
    pub name: Option<String>,
    /// What the permission does, as the policy puts it.
    pub description: Option<String>,
    /// Why the app uses it.
    pub purpose: Option<String>,
    /// The permissions, canonical, each with its position in the policy.
    pub permissions: Vec<Disclosure>,
}

impl Policy {
    /// The display path of the policy: the file, or [`BUILTIN_PATH`].
    pub fn display_path(&self) -> &str {
        self.file.as_deref().unwrap_or(BUILTIN_PATH)
    }

    /// Every disclosure of every row.
    pub fn disclosures(&self) -> impl Iterator<Item = &Disclosure> {
        self.rows.iter().flat_map(|r| r.permissions.iter())
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    name: Spanned<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    android: Vec<RawRow>,
    #[serde(default)]
    ios: Vec<RawRow>,
    /// The macOS app's table (Mac Catalyst included): same schema as `ios`.
    #[serde(default)]
    macos: Vec<RawRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRow {
    #[serde(default)]
    name: Option<String>,
    permissions: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    purpose: Option<String>,
}

/// One row of the built-in policy as `builtin_generated.rs` stores it: [`BUILTIN_M5`] already
/// parsed, validated and resolved against the catalog.
#[derive(Debug)]
struct BuiltinRow {
    platform: Platform,
    index: usize,
    name: Option<&'static str>,
    description: Option<&'static str>,
    purpose: Option<&'static str>,
    /// Canonical id, the line and column where the policy writes it, and its bytes there.
    permissions: &'static [(&'static str, u32, u32, u32, u32)],
}

/// The built-in M5 policy.
///
/// Every `check` without a policy file loads it, so it is on the start-up path of a pre-commit
/// hook: instead of parsing the YAML and resolving its short names on each run, it is built from
/// `builtin_generated.rs`, which a test regenerates from [`BUILTIN_M5`] with [`parse`] and
/// compares (`UPDATE_GENERATED=1 cargo test generated` rewrites it). The result is equal to
/// `parse(BUILTIN_M5, None)`, locations included, and cannot fail: the tables were validated
/// when they were generated.
pub fn builtin() -> Policy {
    let rows = builtin_generated::ROWS
        .iter()
        .map(|r| {
            let row_name = r.name.map(str::to_owned);
            Row {
                platform: r.platform,
                index: r.index,
                permissions: r
                    .permissions
                    .iter()
                    .map(|&(permission, line, column, start, end)| Disclosure {
                        platform: r.platform,
                        permission: permission.to_owned(),
                        row: r.index,
                        row_name: row_name.clone(),
                        location: Location::at(BUILTIN_PATH, line, column)
                            .with_span(Some(crate::model::Span { start, end })),
                    })
                    .collect(),
                name: row_name,
                description: r.description.map(str::to_owned),
                purpose: r.purpose.map(str::to_owned),
            }
        })
        .collect();
    Policy {
        name: builtin_generated::NAME.to_owned(),
        source: builtin_generated::SOURCE.map(str::to_owned),
        file: None,
        rows,
    }
}

/// Reads and validates a policy file, keeping its text in `sources` for the report.
pub fn load(
    path: &Path,
    display: &str,
    sources: &crate::source::SourceMap,
) -> Result<Policy, PolicyError> {
    let text = crate::yaml::read(sources, path, display).map_err(|e| match e {
        crate::yaml::Unreadable::Io(source) => PolicyError::Read {
            path: display.to_owned(),
            source,
        },
        crate::yaml::Unreadable::NotUtf8(message) => PolicyError::Invalid {
            location: Location::file(display),
            message,
        },
    })?;
    parse(&text, Some(display))
}

/// Parses and validates policy YAML. `file` is the display path, `None` for the built-in.
pub fn parse(text: &str, file: Option<&str>) -> Result<Policy, PolicyError> {
    let path = file.unwrap_or(BUILTIN_PATH);
    let mut options = serde_saphyr::Options::default();
    options.with_snippet = false;
    let raw: RawPolicy =
        serde_saphyr::from_str_with_options(text, options).map_err(|e| PolicyError::Invalid {
            location: crate::yaml::error_location(&e, path),
            message: crate::yaml::error_message(&e, FIELDS.iter().copied()),
        })?;
    validate(raw, path, file)
}

/// The keys a policy file may use, for "did you mean".
const FIELDS: [&str; 8] = [
    "name",
    "source",
    "android",
    "ios",
    "macos",
    "permissions",
    "description",
    "purpose",
];

fn validate(raw: RawPolicy, path: &str, file: Option<&str>) -> Result<Policy, PolicyError> {
    let at = |loc: &serde_saphyr::Location| crate::yaml::location(path, loc);
    let mut problems = Vec::new();
    if raw.name.value.trim().is_empty() {
        problems.push(PolicyError::Invalid {
            location: at(&raw.name.referenced),
            message: "`name` is empty; expected the policy's title".into(),
        });
    }
    let mut rows = Vec::new();
    for (platform, raw_rows) in [
        (Platform::Android, raw.android),
        (Platform::Ios, raw.ios),
        (Platform::Macos, raw.macos),
    ] {
        for (index, raw_row) in raw_rows.into_iter().enumerate() {
            if raw_row.permissions.value.is_empty() {
                problems.push(PolicyError::Invalid {
                    location: at(&raw_row.permissions.referenced),
                    message: format!(
                        "`permissions` of {} row {} is empty; expected at least one permission",
                        platform.display_name(),
                        index + 1
                    ),
                });
            }
            let mut permissions = Vec::new();
            for entry in raw_row.permissions.value {
                let location = at(&entry.referenced);
                match canonical(platform, entry.value.trim()) {
                    Ok(permission) => permissions.push(Disclosure {
                        platform,
                        permission,
                        row: index,
                        row_name: raw_row.name.clone(),
                        location,
                    }),
                    Err(message) => problems.push(PolicyError::Invalid { location, message }),
                }
            }
            rows.push(Row {
                platform,
                index,
                name: raw_row.name,
                description: raw_row.description,
                purpose: raw_row.purpose,
                permissions,
            });
        }
    }
    // Rows are read platform by platform; a person reads the file top to bottom.
    problems.sort_by_key(|p| match p {
        PolicyError::Invalid { location, .. } => (location.line, location.column),
        _ => (None, None),
    });
    match problems.len() {
        0 => Ok(Policy {
            name: raw.name.value,
            source: raw.source,
            file: file.map(str::to_owned),
            rows,
        }),
        1 => Err(problems.remove(0)),
        _ => Err(PolicyError::Several(problems)),
    }
}

/// The canonical id of a name written in a policy.
/// The canonical id of a permission as a policy (or an acknowledgement) writes it, or what is
/// wrong with the name.
pub(crate) fn canonical(platform: Platform, name: &str) -> Result<String, String> {
    let invalid = |message: String| message;
    if name.is_empty() {
        return Err(invalid("empty permission name".into()));
    }
    match platform {
        Platform::Android if name.contains('.') => Ok(name.to_owned()),
        Platform::Android => match catalog::catalog().resolve_short(name) {
            ShortName::Resolved(full) => Ok(full),
            ShortName::Ambiguous(candidates) => Err(invalid(format!(
                "short name `{name}` matches several permissions ({}); write the full name",
                candidates.join(", ")
            ))),
            ShortName::Unknown { nearest } => Err(invalid(format!(
                "unknown Android permission short name `{name}`; expected a platform permission \
                 such as CAMERA, or a full name with dots{}",
                nearest.map_or(String::new(), |n| format!(" (did you mean `{n}`?)"))
            ))),
        },
        Platform::Ios | Platform::Macos if is_usage_key(name) => Ok(name.to_owned()),
        Platform::Ios | Platform::Macos => Err(invalid(format!(
            "`{name}` is not an Info.plist purpose-string key; expected a key ending in \
             UsageDescription{}",
            catalog::catalog()
                .nearest_ios_key(name)
                .map_or(String::new(), |n| format!(" (did you mean `{n}`?)"))
        ))),
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;

    /// The text of `builtin_generated.rs` for a parsed built-in policy.
    fn render_builtin(policy: &Policy) -> String {
        let mut out = crate::sourcegen::header("policy/m5.yaml");
        out.push_str("\nuse super::BuiltinRow;\nuse crate::model::Platform;\n\n");
        writeln!(out, "pub(super) const NAME: &str = {:?};", policy.name).unwrap();
        writeln!(
            out,
            "pub(super) const SOURCE: Option<&str> = {:?};",
            policy.source
        )
        .unwrap();
        writeln!(
            out,
            "\npub(super) static ROWS: [BuiltinRow; {}] = [",
            policy.rows.len()
        )
        .unwrap();
        for row in &policy.rows {
            writeln!(
                out,
                "    BuiltinRow {{\n        platform: Platform::{:?},\n        index: {},\n        \
                 name: {:?},\n        description: {:?},\n        purpose: {:?},\n        \
                 permissions: &[",
                row.platform, row.index, row.name, row.description, row.purpose
            )
            .unwrap();
            for d in &row.permissions {
                assert_eq!(d.location.path, BUILTIN_PATH);
                let (Some(line), Some(column), Some(span)) =
                    (d.location.line, d.location.column, d.location.span)
                else {
                    panic!("{} has no position in {BUILTIN_PATH}", d.permission);
                };
                writeln!(
                    out,
                    "            ({:?}, {line}, {column}, {}, {}),",
                    d.permission, span.start, span.end
                )
                .unwrap();
            }
            out.push_str("        ],\n    },\n");
        }
        out.push_str("];\n");
        out
    }

    /// `builtin_generated.rs` is what the YAML parses to today, and `builtin()` rebuilds exactly
    /// that policy from it.
    #[test]
    fn generated_builtin_policy_is_fresh() {
        let parsed = parse(BUILTIN_M5, None).unwrap();
        let fresh = crate::sourcegen::ensure_file_contents(
            "src/policy/builtin_generated.rs",
            &render_builtin(&parsed),
        );
        if fresh {
            assert_eq!(builtin(), parsed);
        }
    }

    #[test]
    fn builtin_encodes_appendix_2() {
        let policy = builtin();
        let android: Vec<_> = policy
            .rows
            .iter()
            .filter(|r| r.platform == Platform::Android)
            .collect();
        let ios: Vec<_> = policy
            .rows
            .iter()
            .filter(|r| r.platform == Platform::Ios)
            .collect();
        assert_eq!(android.len(), 20);
        assert_eq!(ios.len(), 6);
        let distinct = |rows: &[&Row]| {
            rows.iter()
                .flat_map(|r| r.permissions.iter().map(|d| d.permission.clone()))
                .collect::<std::collections::BTreeSet<_>>()
        };
        assert_eq!(distinct(&android).len(), 22);
        assert_eq!(distinct(&ios).len(), 9);
        assert!(distinct(&android).contains("com.android.launcher.permission.INSTALL_SHORTCUT"));
        let phone_rows = android
            .iter()
            .filter(|r| {
                r.permissions
                    .iter()
                    .any(|d| d.permission == "android.permission.READ_PHONE_STATE")
            })
            .count();
        assert_eq!(phone_rows, 2);
        assert!(
            policy
                .rows
                .iter()
                .all(|r| r.name.is_some() && r.description.is_some() && r.purpose.is_some())
        );
    }

    #[test]
    fn errors_point_at_the_value() {
        let err = parse(
            "name: x\nandroid:\n  - permissions: [CAMRA]\n",
            Some("p.yaml"),
        )
        .unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("p.yaml:3:"), "{text}");
        assert!(text.contains("did you mean `CAMERA`"), "{text}");

        let err = parse(
            "name: x\nandroid:\n  - permisions: [CAMERA]\n",
            Some("p.yaml"),
        )
        .unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("p.yaml:3:5"), "{text}");
        assert!(text.contains("did you mean `permissions`"), "{text}");

        let err = parse("name: x\nios:\n  - permissions: []\n", Some("p.yaml")).unwrap_err();
        assert!(err.to_string().contains("is empty"), "{err}");

        let err = parse(
            "name: x\nios:\n  - permissions: [NSCamera]\n",
            Some("p.yaml"),
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .contains("not an Info.plist purpose-string key"),
            "{err}"
        );
    }
}
