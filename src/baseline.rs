//! Baseline files: the findings an app already had when it adopted permaudit, so a team can
//! gate new problems without fixing old ones first.
//!
//! A baseline is versioned JSON. Entries are keyed by rule, platform, permission and file, never
//! by line, so moving a line (or reformatting a manifest) does not resurrect a baselined
//! finding. Paths are stored relative to the baseline's own folder, so the same baseline works
//! whatever folder permaudit is run from.
//!
//! ```json
//! {"version": 1, "findings": [{"rule": "undeclared", "platform": "android",
//!   "permission": "android.permission.ACCESS_NETWORK_STATE", "path": "app/src/main/AndroidManifest.xml"}]}
//! ```

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::audit::Finding;
use crate::model::{Location, Platform};
use crate::real_path::lexical;
use crate::rules::Rule;

/// Version of the baseline format.
pub const VERSION: u32 = 1;

/// Why a baseline could not be read or written.
#[derive(Debug, Error)]
pub enum BaselineError {
    /// The file could not be read.
    #[error("{path}: cannot read the baseline: {source}")]
    Read {
        /// The file.
        path: String,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The file could not be written.
    #[error("{path}: cannot write the baseline: {source}")]
    Write {
        /// The file.
        path: String,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The file is not a baseline this version understands.
    #[error("{location}: invalid baseline: {message}")]
    Invalid {
        /// Where the problem is.
        location: Location,
        /// What was expected and what was found.
        message: String,
    },
}

impl BaselineError {
    /// Where the error points, when it points into a file.
    pub fn location(&self) -> Option<&Location> {
        match self {
            BaselineError::Invalid { location, .. } => Some(location),
            _ => None,
        }
    }
}

/// One baselined finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Rule id.
    pub rule: String,
    /// Platform.
    pub platform: Platform,
    /// Canonical permission id.
    pub permission: String,
    /// File of the finding, relative to the baseline's folder (or `builtin:m5.yaml`).
    pub path: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

/// A loaded baseline.
#[derive(Debug, Clone)]
pub struct Baseline {
    /// The file, as displayed.
    pub file: String,
    /// Absolute folder of the file: entry paths are relative to it.
    pub dir: PathBuf,
    /// The entries, in file order.
    pub entries: Vec<Entry>,
}

impl Baseline {
    /// The key `finding` has in this baseline.
    pub fn key(&self, finding: &Finding, cwd: &Path) -> Entry {
        key(finding, &self.dir, cwd)
    }
}

/// The baseline key of a finding: its path made relative to `dir` (the baseline's folder) when
/// it lies under it. `cwd` is the folder the finding's path is relative to.
pub fn key(finding: &Finding, dir: &Path, cwd: &Path) -> Entry {
    let shown = Path::new(&finding.location.path);
    let path = if finding.location.path.starts_with("builtin:") {
        finding.location.path.clone()
    } else {
        let absolute = lexical(&cwd.join(shown));
        absolute.strip_prefix(lexical(dir)).map_or_else(
            |_| crate::display::slashes(&absolute),
            crate::display::slashes,
        )
    };
    Entry {
        rule: finding.rule.id().to_owned(),
        platform: finding.platform,
        permission: finding.permission.clone(),
        path,
    }
}

/// Reads a baseline file.
pub fn load(path: &Path, display: &str) -> Result<Baseline, BaselineError> {
    let text = std::fs::read_to_string(path).map_err(|source| BaselineError::Read {
        path: display.to_owned(),
        source,
    })?;
    parse(&text, display, absolute_dir(path))
}

/// Parses baseline JSON; `dir` is the folder its paths are relative to. Pure, for tests and
/// fuzzing.
pub fn parse(text: &str, display: &str, dir: PathBuf) -> Result<Baseline, BaselineError> {
    let file: File = serde_json::from_str(text).map_err(|e| BaselineError::Invalid {
        location: Location::at_position(display, e.line(), e.column()),
        message: strip_position(&e.to_string()),
    })?;
    if file.version != VERSION {
        return Err(BaselineError::Invalid {
            location: Location::file(display),
            message: format!(
                "baseline version {} is not supported; expected {VERSION} (rewrite it with \
                 --write-baseline)",
                file.version
            ),
        });
    }
    for entry in &file.findings {
        if Rule::from_id(&entry.rule).is_none() {
            return Err(BaselineError::Invalid {
                location: Location::file(display),
                message: format!(
                    "unknown rule `{}` in an entry for {}; expected one of {}",
                    entry.rule,
                    entry.permission,
                    Rule::ALL
                        .iter()
                        .map(|r| r.id())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
        }
    }
    Ok(Baseline {
        file: display.to_owned(),
        dir,
        entries: file.findings,
    })
}

/// serde_json appends " at line L column C"; the location already says that.
fn strip_position(message: &str) -> String {
    message
        .rsplit_once(" at line ")
        .map_or(message, |(head, _)| head)
        .to_owned()
}

/// The absolute folder a baseline at `path` lives in.
pub fn absolute_dir(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    absolute
        .parent()
        .map_or_else(|| PathBuf::from("/"), Path::to_path_buf)
}

/// The bytes of a baseline holding `findings` (sorted, so rewriting an unchanged baseline is
/// a no-op in version control).
pub fn render(findings: &[Finding], dir: &Path, cwd: &Path) -> Vec<u8> {
    let mut entries: Vec<Entry> = findings.iter().map(|f| key(f, dir, cwd)).collect();
    entries.sort();
    let file = File {
        version: VERSION,
        findings: entries,
    };
    let mut bytes = serde_json::to_vec_pretty(&file).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// Writes a baseline (see [`crate::atomic::write`] for what each kind of path gets) and returns
/// it parsed from the very bytes written, so a baseline written to `-`, a pipe or `/dev/null`
/// hides exactly what a file would, without reading the target back.
pub fn write(
    path: &Path,
    display: &str,
    findings: &[Finding],
    cwd: &Path,
) -> Result<Baseline, BaselineError> {
    let dir = absolute_dir(path);
    let bytes = render(findings, &dir, cwd);
    crate::atomic::write(path, &bytes).map_err(|source| BaselineError::Write {
        path: display.to_owned(),
        source,
    })?;
    parse(&String::from_utf8_lossy(&bytes), display, dir)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Severity;

    fn finding(path: &str, line: u32) -> Finding {
        Finding {
            rule: Rule::Undeclared,
            severity: Severity::Error,
            platform: Platform::Android,
            permission: "android.permission.CAMERA".into(),
            location: Location::at(path, line, 5),
            message: "m".into(),
            text: crate::model::Message::new("msg.name").text("name", "m"),
            variants: Vec::new(),
            policy: None,
        }
    }

    #[test]
    fn keys_ignore_lines_and_are_relative_to_the_baseline() {
        let cwd = Path::new("/repo/app");
        let dir = Path::new("/repo");
        let a = key(&finding("src/main/AndroidManifest.xml", 3), dir, cwd);
        let b = key(
            &finding("./src/main/../main/AndroidManifest.xml", 30),
            dir,
            cwd,
        );
        assert_eq!(a, b);
        assert_eq!(a.path, "app/src/main/AndroidManifest.xml");
        let builtin = key(&finding("builtin:m5.yaml", 3), dir, cwd);
        assert_eq!(builtin.path, "builtin:m5.yaml");
    }

    #[test]
    fn invalid_files_name_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.json");
        std::fs::write(&path, "{\"version\": 1,\n \"findings\": [{\"rule\": 3}]}").unwrap();
        let err = load(&path, "b.json").unwrap_err().to_string();
        assert!(err.starts_with("b.json:2:"), "{err}");
        std::fs::write(&path, "{\"version\": 2, \"findings\": []}").unwrap();
        let err = load(&path, "b.json").unwrap_err().to_string();
        assert!(err.contains("version 2 is not supported"), "{err}");
    }
}
