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

use std::path::Path;
use std::sync::Arc;

use super::InputError;
use crate::real_path::RealPaths;
use crate::source::SourceMap;

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
/// What it reads is kept in the run's [`SourceMap`], for the report.
#[derive(Debug, Clone)]
pub(crate) struct Jail {
    boundary: std::path::PathBuf,
    sources: SourceMap,
    real: RealPaths,
}

impl Jail {
    /// The jail of a project whose files sit in `dir`, keeping what it reads in the run's
    /// sources.
    pub(crate) fn around(dir: &Path, limits: &super::Limits) -> Self {
        Jail {
            boundary: crate::confine::boundary(dir, &limits.real),
            sources: limits.sources.clone(),
            real: limits.real.clone(),
        }
    }

    /// The run's real paths.
    pub(crate) fn real(&self) -> &RealPaths {
        &self.real
    }

    /// Reads `path` whole, refusing a file outside the jail or over `max` bytes.
    pub(crate) fn read(
        &self,
        path: &Path,
        display: &str,
        max: u64,
    ) -> Result<Arc<crate::source::Source>, InputError> {
        super::confined(&self.boundary, path, display, &self.real)?;
        super::read_kept(&self.sources, path, display, max, "Xcode project file")
    }
}

/// Reads the Xcode projects among `files` and returns their inputs, the errors, and the other
/// files minus those a project reads as a target's Info.plist (audited through it, never a
/// second time as loose files).
pub fn read_projects(
    files: Vec<super::discover::InputFile>,
    options: &XcodeOptions,
    limits: &super::Limits,
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
    let real = &limits.real;
    for spec in &specs {
        // `project.yml` is a common name: only a YAML with `targets:` is an XcodeGen spec.
        let jail = Jail::around(spec.path.parent().unwrap_or(Path::new(".")), limits);
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
        match xcodegen::read_spec(&spec.path, &spec.display, options, limits) {
            Ok(outcome) => {
                inputs.extend(outcome.inputs);
                claimed.extend(outcome.claimed.iter().map(|p| real.of(p)));
            }
            Err(e) => errors.push(e),
        }
    }
    // The project a spec generates is audited through the spec, once.
    let projects: Vec<_> = projects
        .into_iter()
        .filter(|p| !claimed.contains(&real.of(&p.path)))
        .collect();
    for project in &projects {
        match project::read_project(&project.path, &project.display, options, limits) {
            Ok(outcome) => {
                inputs.extend(outcome.inputs);
                claimed.extend(outcome.claimed.iter().map(|p| real.of(p)));
            }
            Err(e) => errors.push(e),
        }
    }
    let rest = super::projects::unclaimed(rest, &claimed, real);
    (inputs, errors, rest)
}
