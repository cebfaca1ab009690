//! `permaudit init`: the text of a commented `.permaudit.yaml`, and of a starter policy that
//! discloses what the app requests today, one row per permission, every row marked `TODO` so
//! nothing generated can pass for a real disclosure.
//!
//! Only text is produced here; the binary writes it (atomically, never over an existing file
//! unless asked).

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::check::CheckError;
use crate::config;
use crate::input;
use crate::model::{ParsedInput, Platform};

/// A commented config; `policy` is the starter policy's path, if one is written alongside.
pub fn config_template(policy: Option<&str>) -> String {
    let policy_line = match policy {
        Some(path) => format!("policy: {}\n", quote(path)),
        None => "# policy: privacy-policy.yaml\n".to_owned(),
    };
    format!(
        "# permaudit configuration, found by walking up from the audited paths to the repository
# root. Unknown keys are errors. Reference: the README's \"Configuration\" section.

# The policy to audit against, relative to this file. Without it: the built-in M5 policy.
{policy_line}
# Lowest severity that makes `permaudit check` exit 1: error, warning or never.
# The --fail-on flag overrides it.
fail-on: error

# Per-rule severity: off, note, warning or error (rule ids: `permaudit check --help`, README).
rules: {{}}
#  unused: warning

# Extra paths to skip when walking directories (gitignore syntax, relative to this file).
# Build outputs, dependencies, test sources and .gitignored paths are skipped already.
exclude: []
#  - android/legacy/

# Permissions requested on purpose without disclosure. Each needs a reason; `expires`
# (YYYY-MM-DD, inclusive) makes the finding come back after that day.
acknowledgements: []
#  - platform: android
#    permission: ACCESS_NETWORK_STATE
#    reason: Needed by the push SDK to detect connectivity; covered by section 4 of the policy
#    expires: 2026-12-31
"
    )
}

/// Reads the inputs under `paths` exactly as `check` would: the same read step, with the
/// config `check` would find (its `exclude:` and `configuration:`) and `limits` (whose texts
/// the caller quotes in errors).
pub fn scan(paths: &[PathBuf], limits: &input::Limits) -> Result<Vec<ParsedInput>, CheckError> {
    let located = config::locate(&config::ConfigSource::Discover, paths)?;
    let config = match &located.path {
        Some(path) => Some(config::load(
            path,
            &crate::display::from_cwd(path),
            &limits.sources,
        )?),
        None => None,
    };
    crate::check::read_app(
        paths,
        config.as_ref(),
        limits,
        &input::xcode::XcodeOptions::default(),
        &input::gradle::GradleOptions::default(),
    )
}

/// A starter policy disclosing every permission `inputs` request (the app's own excepted).
pub fn starter_policy(inputs: &[ParsedInput]) -> String {
    let mut out = String::from(
        "# Starter policy written by `permaudit init` from the permissions the app requests today.\n\
         # Every row is a placeholder: replace each TODO with what your privacy policy says, merge\n\
         # rows that share a purpose, and delete permissions the app should not request.\n\
         name: \"TODO: the title of your privacy policy\"\n",
    );
    for platform in [Platform::Android, Platform::Ios, Platform::Macos] {
        let permissions: BTreeSet<&str> = inputs
            .iter()
            .filter(|i| i.platform() == platform)
            .flat_map(|i| i.requests.iter())
            .filter(|r| !r.own)
            .map(|r| r.permission.as_str())
            .collect();
        if permissions.is_empty() {
            continue;
        }
        out.push_str(&format!("{}:\n", platform.as_str()));
        for permission in permissions {
            let short = permission.rsplit('.').next().unwrap_or(permission);
            out.push_str(&format!(
                "  - name: {}\n    permissions: [{}]\n    description: {}\n    purpose: {}\n",
                quote(&format!("TODO: {short}")),
                quote(permission),
                quote("TODO: what this permission lets the app do"),
                quote("TODO: why the app needs it"),
            ));
        }
    }
    out
}

/// A YAML double-quoted scalar (JSON string syntax is valid YAML).
fn quote(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("{text:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{InputKind, Location, Request};
    use std::path::Path;

    #[test]
    fn template_is_a_valid_config() {
        for policy in [None, Some("p y.yaml")] {
            let text = config_template(policy);
            let config = crate::config::parse(&text, ".permaudit.yaml", Path::new("/r")).unwrap();
            assert_eq!(config.policy.is_some(), policy.is_some());
        }
    }

    #[test]
    fn starter_policy_discloses_every_request() {
        let request = |p: &str, own| Request {
            own,
            ..Request::at(p, Location::at("m.xml", 2, 5))
        };
        let inputs = [ParsedInput {
            path: "m.xml".into(),
            kind: InputKind::Manifest,
            requests: vec![
                request("android.permission.CAMERA", false),
                request("${applicationId}.permission.C2D", false),
                request("com.example.OWN", true),
            ],
            removals: vec![],
            build: None,
            apple_platform: None,
            notes: Vec::new(),
        }];
        let text = starter_policy(&inputs);
        let policy = crate::policy::parse(&text, Some("p.yaml")).unwrap();
        let disclosed: Vec<_> = policy
            .disclosures()
            .map(|d| d.permission.as_str())
            .collect();
        assert_eq!(
            disclosed,
            [
                "${applicationId}.permission.C2D",
                "android.permission.CAMERA"
            ]
        );
        assert!(
            policy
                .rows
                .iter()
                .all(|r| r.name.as_deref().is_some_and(|n| n.starts_with("TODO")))
        );
    }
}
