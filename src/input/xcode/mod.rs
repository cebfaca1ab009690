//! Xcode projects: what the Info.plist of each shipped target holds once Xcode has built it.
//!
//! - [`openstep`]: a spanned reader for the old-style property lists of `project.pbxproj`;
//! - [`xcconfig`]: `.xcconfig` files with `#include` / `#include?`;
//! - [`settings`]: build-setting levels, `$(inherited)` and `$(VAR)` expansion;
//! - [`project`]: targets, configurations and the built Info.plist of each shipped target.

pub mod localized;
pub mod openstep;
pub mod platform;
pub mod project;
pub mod settings;
pub mod xcconfig;
pub mod xcodegen;

use std::io::Read;
use std::path::Path;

use super::InputError;
use crate::model::Location;

pub use crate::model::ApplePlatform;

/// The file name of an XcodeGen spec.
pub const XCODEGEN_SPEC: &str = "project.yml";

/// Choices that change which Info.plist is built.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct XcodeOptions {
    /// Build configuration to audit (`--configuration`, config key `configuration`);
    /// `None` is `Release`.
    pub configuration: Option<String>,
}

/// The files one project may read: those inside its repository (the nearest folder upwards
/// holding `.git`), or inside the project's own folder when there is none. The project comes
/// from a pull request in CI, so `INFOPLIST_FILE = /proc/self/environ`, an `#include` of
/// `~/.ssh/id_rsa` or a link out of the tree is refused, never read (as configs and walked
/// inputs are, see [`crate::confine`]).
#[derive(Debug, Clone)]
pub(crate) struct Jail {
    boundary: std::path::PathBuf,
}

impl Jail {
    /// The jail of a project whose files sit in `dir`.
    pub(crate) fn around(dir: &Path) -> Self {
        Jail {
            boundary: crate::confine::boundary(dir),
        }
    }

    /// Reads `path` whole, refusing a file outside the jail or over `max` bytes.
    pub(crate) fn read(&self, path: &Path, display: &str, max: u64) -> Result<Vec<u8>, InputError> {
        if let Some(real) = crate::confine::outside(&self.boundary, path) {
            return Err(InputError::invalid(
                Location::file(display),
                format!(
                    "resolves to {}, outside the repository ({}); a project's files must be \
                     inside it, so it was not read",
                    real.display(),
                    self.boundary.display()
                ),
            ));
        }
        read_capped(path, display, max)
    }
}

/// Reads a file whole, refusing one over `max` bytes (named in the message).
fn read_capped(path: &Path, display: &str, max: u64) -> Result<Vec<u8>, InputError> {
    let io_error = |source| InputError::Read {
        path: display.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io_error)?;
    let mut bytes = Vec::new();
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > max {
        return Err(InputError::invalid(
            Location::file(display),
            format!("the file is over {max} bytes; not a real Xcode project file"),
        ));
    }
    Ok(bytes)
}

/// Reads the Xcode projects among `files` and returns their inputs, the errors, and the other
/// files minus those a project reads as a target's Info.plist (audited through it, never a
/// second time as loose files).
pub fn read_projects(
    files: Vec<super::discover::InputFile>,
    options: &XcodeOptions,
) -> (
    Vec<crate::model::ParsedInput>,
    Vec<InputError>,
    Vec<super::discover::InputFile>,
) {
    let (projects, rest): (Vec<_>, Vec<_>) = files.into_iter().partition(|f| {
        f.path.is_dir()
            && f.path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(super::discover::is_project_dir_name)
    });
    let (specs, rest): (Vec<_>, Vec<_>) = rest
        .into_iter()
        .partition(|f| f.path.file_name().is_some_and(|n| n == XCODEGEN_SPEC));
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let mut claimed = std::collections::BTreeSet::new();
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    for spec in &specs {
        // `project.yml` is a common name: only a YAML with `targets:` is an XcodeGen spec.
        let jail = Jail::around(spec.path.parent().unwrap_or(Path::new(".")));
        let is_spec = jail
            .read(&spec.path, &spec.display, xcodegen::MAX_BYTES)
            .map(|b| xcodegen::looks_like_spec(&String::from_utf8_lossy(&b)));
        match is_spec {
            Ok(false) => continue,
            Err(e) => {
                errors.push(e);
                continue;
            }
            Ok(true) => {}
        }
        match xcodegen::read_spec(&spec.path, &spec.display, options) {
            Ok(outcome) => {
                inputs.extend(outcome.inputs);
                claimed.extend(outcome.claimed.iter().map(|p| canonical(p)));
            }
            Err(e) => errors.push(e),
        }
    }
    // The project a spec generates is audited through the spec, once.
    let projects: Vec<_> = projects
        .into_iter()
        .filter(|p| !claimed.contains(&canonical(&p.path)))
        .collect();
    for project in &projects {
        match project::read_project(&project.path, &project.display, options) {
            Ok(outcome) => {
                inputs.extend(outcome.inputs);
                claimed.extend(
                    outcome
                        .claimed
                        .iter()
                        .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())),
                );
            }
            Err(e) => errors.push(e),
        }
    }
    let rest = rest
        .into_iter()
        .filter(|f| {
            claimed.is_empty()
                || !claimed
                    .contains(&std::fs::canonicalize(&f.path).unwrap_or_else(|_| f.path.clone()))
        })
        .collect();
    (inputs, errors, rest)
}
