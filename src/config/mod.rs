//! The project configuration file, `.permaudit.yaml` (or `permaudit.yaml`): which policy to use,
//! the exit threshold, per-rule severities, extra discovery exclusions and acknowledgements.
//!
//! Like the policy, it is deserialised into raw structs that keep positions
//! ([`serde_saphyr::Spanned`], unknown keys refused) and then validated; every problem is a
//! [`ConfigError`] naming `file:line:column`. A config that cannot be read or understood stops
//! the run (exit 2): silently ignoring it would audit with the wrong policy or hide nothing the
//! author meant to hide, and either could produce a false "clean".
//!
//! Discovery ([`locate`]) walks up from each audited path to the repository root (the first
//! folder holding `.git`), as ruff and typos do.

mod date;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_saphyr::Spanned;
use thiserror::Error;

pub use date::Date;

use crate::audit::Level;
use crate::catalog;
use crate::model::{Location, Platform, Severity};
use crate::policy;
use crate::rules::Rule;

/// File names a config may have, in the order they are looked for.
pub const FILE_NAMES: &[&str] = &[".permaudit.yaml", "permaudit.yaml"];

/// Why a config could not be found or used.
#[derive(Debug, Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("{path}: cannot read the config: {source}")]
    Read {
        /// The file.
        path: String,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The file is not a valid config.
    #[error("{location}: invalid config: {message}")]
    Invalid {
        /// Where the problem is.
        location: Location,
        /// What was expected and what was found.
        message: String,
    },
    /// The config found by discovery is a link out of the repository (see [`crate::confine`]).
    #[error(
        "{path}: is a symbolic link to {target}, outside the repository ({boundary}); a config \
         is only read from inside the repository (name it with --config FILE to use it anyway)"
    )]
    Outside {
        /// The config, as displayed.
        path: String,
        /// Where it resolves to.
        target: String,
        /// The repository root it escapes.
        boundary: String,
    },
    /// Discovery found more than one config, and choosing one would be a guess.
    #[error(
        "{first} and {second} both apply to this run; keep one, or choose with --config FILE \
         (or --isolated to use none)"
    )]
    Ambiguous {
        /// One config.
        first: String,
        /// The other.
        second: String,
    },
    /// Several problems in one config file, each an [`ConfigError::Invalid`], in file order,
    /// one per line.
    #[error("{}", lines(.0))]
    Several(Vec<ConfigError>),
}

impl ConfigError {
    /// Where the error points, when it points into a file (the first place, for several).
    pub fn location(&self) -> Option<&Location> {
        match self {
            ConfigError::Invalid { location, .. } => Some(location),
            ConfigError::Several(all) => all.first().and_then(ConfigError::location),
            _ => None,
        }
    }

    /// Each problem with its place: one for a single error, every one for [`Self::Several`].
    pub fn problems(&self) -> Vec<(String, Option<&Location>)> {
        match self {
            ConfigError::Several(all) => all.iter().flat_map(ConfigError::problems).collect(),
            other => vec![(other.to_string(), other.location())],
        }
    }
}

fn lines(errors: &[ConfigError]) -> String {
    let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
    lines.join("\n")
}

/// Which severities make the exit code 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    /// Errors only.
    Error,
    /// Warnings and errors.
    Warning,
    /// No finding fails the run (input errors still exit 2).
    Never,
}

impl FailOn {
    /// The lowest failing severity, `None` for never.
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Never => None,
        }
    }
}

/// A permission requested on purpose without disclosure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acknowledgement {
    /// Platform of the permission.
    pub platform: Platform,
    /// Canonical permission id (short names resolved as in policies).
    pub permission: String,
    /// Why it is requested without disclosure (required: an acknowledgement is a decision
    /// someone has to be able to review).
    pub reason: String,
    /// Last day the acknowledgement holds; from the next day on the finding shows again.
    pub expires: Option<Date>,
    /// Where the acknowledgement is written.
    pub location: Location,
}

/// A validated config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The file, as displayed.
    pub file: String,
    /// The folder relative paths in the file are resolved against (the config's own folder).
    pub dir: PathBuf,
    /// The policy file named by `policy:`, resolved against [`Config::dir`].
    pub policy: Option<PathBuf>,
    /// `fail-on:`.
    pub fail_on: Option<FailOn>,
    /// `lang:` (`en` or `zh`), the language of human reports; `--lang` wins over it.
    pub lang: Option<crate::i18n::Lang>,
    /// `rules:`: per-rule levels.
    pub levels: BTreeMap<Rule, Level>,
    /// `exclude:`: gitignore-style patterns relative to [`Config::dir`].
    pub exclude: Vec<String>,
    /// `acknowledgements:`.
    pub acknowledgements: Vec<Acknowledgement>,
    /// `successor-matching:` (see [`crate::audit::Settings::successor_matching`]).
    pub successor_matching: Option<bool>,
    /// `undeclared-normal:` (see [`crate::audit::Settings::undeclared_normal`]).
    pub undeclared_normal: Option<Severity>,
    /// `configuration:`: the Xcode build configuration audited (`--configuration` wins).
    pub configuration: Option<String>,
    /// `variants:`: globs of the Gradle variants audited (`--variant` wins).
    pub variants: Vec<String>,
    /// `policies:`: the policy each Gradle variant ships with, in file order.
    pub policies: Vec<VariantPolicy>,
}

/// One `policies:` entry: the variants matching `variants` are audited against `policy`
/// instead of the default policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariantPolicy {
    /// The variant glob (`*` any run, `?` one character), as written.
    pub variants: String,
    /// The policy file, resolved against [`Config::dir`].
    pub policy: PathBuf,
    /// Where the entry's `variants:` is written, for errors and reports.
    pub location: Location,
}

/// Where the config comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ConfigSource {
    /// Look for `.permaudit.yaml` / `permaudit.yaml` from each path up to the repository root.
    #[default]
    Discover,
    /// Use this file (`--config FILE`).
    File(PathBuf),
    /// Use no config file (`--isolated`).
    Isolated,
}

/// The config chosen for a run, and why (for `--verbose`).
#[derive(Debug, Clone)]
pub struct Located {
    /// The config to read, if any.
    pub path: Option<PathBuf>,
    /// How it was chosen, in words.
    pub why: String,
}

/// Chooses the config for a run over `paths`.
pub fn locate(source: &ConfigSource, paths: &[PathBuf]) -> Result<Located, ConfigError> {
    match source {
        ConfigSource::File(path) => Ok(Located {
            path: Some(path.clone()),
            why: "named by --config".into(),
        }),
        ConfigSource::Isolated => Ok(Located {
            path: None,
            why: "--isolated: config discovery is off".into(),
        }),
        ConfigSource::Discover => {
            let mut found: Option<(PathBuf, String)> = None;
            for given in paths {
                // A path that does not exist is reported by discovery with a better message.
                let Ok(absolute) = std::fs::canonicalize(given) else {
                    continue;
                };
                let start = if absolute.is_dir() {
                    absolute.as_path()
                } else {
                    absolute.parent().unwrap_or(&absolute)
                };
                let Some(config) = nearest(start)? else {
                    continue;
                };
                let folder = config.parent().unwrap_or(start);
                // Config files are found once per run, before any input is read.
                let real = crate::real_path::RealPaths::default();
                let boundary = crate::confine::boundary(folder, &real);
                if let Some(target) = crate::confine::outside(&boundary, &config, &real) {
                    return Err(ConfigError::Outside {
                        path: crate::display::from_cwd(&config),
                        target: crate::display::from_cwd(&target),
                        boundary: crate::display::from_cwd(&boundary),
                    });
                }
                match &found {
                    Some((first, _)) if *first != config => {
                        return Err(ConfigError::Ambiguous {
                            first: crate::display::from_cwd(first),
                            second: crate::display::from_cwd(&config),
                        });
                    }
                    Some(_) => {}
                    None => {
                        let why =
                            format!("found by walking up from {}", crate::display::root(given));
                        found = Some((config, why));
                    }
                }
            }
            Ok(match found {
                Some((path, why)) => Located {
                    path: Some(path),
                    why,
                },
                None => Located {
                    path: None,
                    why: format!(
                        "none found: no {} between the audited paths and the repository root",
                        FILE_NAMES.join(" or ")
                    ),
                },
            })
        }
    }
}

/// The config governing `dir`: the first folder from `dir` upwards holding one, stopping after
/// the repository root. Two names in one folder are ambiguous, not a silent preference.
fn nearest(dir: &Path) -> Result<Option<PathBuf>, ConfigError> {
    for folder in dir.ancestors() {
        let present: Vec<PathBuf> = FILE_NAMES
            .iter()
            .map(|name| folder.join(name))
            .filter(|p| p.is_file())
            .collect();
        match present.as_slice() {
            [] => {}
            [one] => return Ok(Some(one.clone())),
            [first, second, ..] => {
                return Err(ConfigError::Ambiguous {
                    first: crate::display::from_cwd(first),
                    second: crate::display::from_cwd(second),
                });
            }
        }
        // `.git` is a folder in a clone and a file in a worktree or submodule.
        if folder.join(".git").exists() {
            break;
        }
    }
    Ok(None)
}

/// Reads and validates a config file. `display` names it in messages and reports; its text is
/// kept in `sources` for them.
pub fn load(
    path: &Path,
    display: &str,
    sources: &crate::source::SourceMap,
) -> Result<Config, ConfigError> {
    let text = crate::yaml::read(sources, path, display).map_err(|e| match e {
        crate::yaml::Unreadable::Io(source) => ConfigError::Read {
            path: display.to_owned(),
            source,
        },
        crate::yaml::Unreadable::NotUtf8(message) => ConfigError::Invalid {
            location: Location::file(display),
            message,
        },
    })?;
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = absolute
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    parse(&text, display, &dir)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    #[serde(default)]
    policy: Option<Spanned<String>>,
    #[serde(default)]
    fail_on: Option<Spanned<String>>,
    #[serde(default)]
    rules: HashMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    acknowledgements: Vec<RawAcknowledgement>,
    #[serde(default)]
    successor_matching: Option<bool>,
    #[serde(default)]
    undeclared_normal: Option<Spanned<String>>,
    #[serde(default)]
    lang: Option<Spanned<String>>,
    configuration: Option<Spanned<String>>,
    #[serde(default)]
    variants: Vec<Spanned<String>>,
    #[serde(default)]
    policies: Vec<RawVariantPolicy>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawVariantPolicy {
    variants: Spanned<String>,
    policy: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawAcknowledgement {
    platform: Spanned<String>,
    permission: Spanned<String>,
    reason: Spanned<String>,
    #[serde(default)]
    expires: Option<Spanned<String>>,
}

const KEYS: &[&str] = &[
    "policy",
    "fail-on",
    "rules",
    "exclude",
    "acknowledgements",
    "successor-matching",
    "undeclared-normal",
    "lang",
    "configuration",
    "variants",
    "policies",
    "platform",
    "permission",
    "reason",
    "expires",
];

/// Parses and validates config YAML; `file` is the display path and `dir` the folder relative
/// paths are resolved against.
pub fn parse(text: &str, file: &str, dir: &Path) -> Result<Config, ConfigError> {
    let mut options = serde_saphyr::Options::default();
    options.with_snippet = false;
    // An empty file (or one holding only comments) is a config that changes nothing.
    let raw: Option<RawConfig> =
        serde_saphyr::from_str_with_options(text, options).map_err(|e| ConfigError::Invalid {
            location: crate::yaml::error_location(&e, file),
            message: crate::yaml::error_message(&e, KEYS.iter().copied()),
        })?;
    let raw = raw.unwrap_or(RawConfig {
        policy: None,
        fail_on: None,
        rules: HashMap::new(),
        exclude: Vec::new(),
        acknowledgements: Vec::new(),
        successor_matching: None,
        undeclared_normal: None,
        lang: None,
        configuration: None,
        variants: Vec::new(),
        policies: Vec::new(),
    });
    let at = |loc: &serde_saphyr::Location| at(file, loc);
    let invalid = |loc: &serde_saphyr::Location, message: String| ConfigError::Invalid {
        location: at(loc),
        message,
    };
    // Every problem of the file is reported, so a person fixes them in one go.
    let mut problems: Vec<ConfigError> = Vec::new();

    let policy = raw.policy.and_then(|p| {
        policy_path(&p, "`policy`", dir, file)
            .map_err(|e| problems.push(e))
            .ok()
    });

    let mut policies: Vec<VariantPolicy> = Vec::new();
    for entry in raw.policies {
        let glob = entry.variants.value.trim();
        if glob.is_empty() {
            problems.push(invalid(
                &entry.variants.referenced,
                "a `policies:` entry has an empty `variants`; expected a Gradle variant name or \
                 glob such as *China*"
                    .to_owned(),
            ));
            continue;
        }
        let location = at(&entry.variants.referenced);
        if let Some(first) = policies.iter().find(|p| p.variants == glob) {
            problems.push(ConfigError::Invalid {
                location,
                message: format!(
                    "`policies:` names the variants `{glob}` twice (first at {}); keep one",
                    first.location
                ),
            });
            continue;
        }
        match policy_path(&entry.policy, "a `policies:` entry's `policy`", dir, file) {
            Ok(policy) => policies.push(VariantPolicy {
                variants: glob.to_owned(),
                policy,
                location,
            }),
            Err(e) => problems.push(e),
        }
    }

    let lang = match raw.lang {
        None => None,
        Some(v) => crate::i18n::Lang::parse(v.value.trim()).or_else(|| {
            problems.push(invalid(
                &v.referenced,
                format!(
                    "`lang: {}` is not a language permaudit speaks; expected en or zh",
                    v.value
                ),
            ));
            None
        }),
    };

    let fail_on = match raw.fail_on {
        None => None,
        Some(v) => match v.value.as_str() {
            "error" => Some(FailOn::Error),
            "warning" => Some(FailOn::Warning),
            "never" => Some(FailOn::Never),
            other => {
                problems.push(invalid(
                    &v.referenced,
                    format!(
                        "`fail-on: {other}` is not a threshold; expected error, warning or never"
                    ),
                ));
                None
            }
        },
    };

    let undeclared_normal = match raw.undeclared_normal {
        None => None,
        Some(v) => match v.value.as_str() {
            "note" => Some(Severity::Note),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            other => {
                problems.push(invalid(
                    &v.referenced,
                    format!(
                        "`undeclared-normal: {other}` is not a severity; expected note, warning \
                         or error (it lowers or raises `undeclared` for normal permissions, never \
                         turns it off)"
                    ),
                ));
                None
            }
        },
    };

    let configuration = match raw.configuration {
        Some(c) if c.value.trim().is_empty() => {
            problems.push(invalid(
                &c.referenced,
                "`configuration:` is empty; expected an Xcode build configuration name such as \
                 Release"
                    .to_owned(),
            ));
            None
        }
        other => other.map(|c| c.value),
    };

    let mut variants = Vec::new();
    for v in raw.variants {
        if v.value.trim().is_empty() {
            problems.push(invalid(
                &v.referenced,
                "a `variants:` entry is empty; expected a Gradle variant name or glob such as \
                 playRelease or *Release"
                    .to_owned(),
            ));
            continue;
        }
        variants.push(v.value);
    }

    // HashMap order is arbitrary: validate in file order so the errors come in file order,
    // every time.
    let mut rules: Vec<_> = raw.rules.into_iter().collect();
    rules.sort_by_key(|(k, _)| (k.referenced.line(), k.referenced.column()));
    let mut levels = BTreeMap::new();
    for (key, value) in rules {
        let Some(rule) = Rule::from_id(&key.value) else {
            let near = catalog::nearest(&key.value, Rule::ALL.iter().map(|r| r.id()));
            problems.push(invalid(
                &key.referenced,
                format!(
                    "unknown rule `{}`; expected one of {}{}",
                    key.value,
                    Rule::ALL
                        .iter()
                        .map(|r| r.id())
                        .collect::<Vec<_>>()
                        .join(", "),
                    near.map_or(String::new(), |n| format!(" (did you mean `{n}`?)"))
                ),
            ));
            continue;
        };
        let level = match value.value.as_str() {
            "off" => Level::Off,
            "note" => Level::On(Severity::Note),
            "warning" => Level::On(Severity::Warning),
            "error" => Level::On(Severity::Error),
            other => {
                problems.push(invalid(
                    &value.referenced,
                    format!(
                        "`{other}` is not a level for rule `{rule}`; expected off, note, warning \
                         or error"
                    ),
                ));
                continue;
            }
        };
        levels.insert(rule, level);
    }

    let mut exclude = Vec::new();
    for pattern in raw.exclude {
        let trimmed = pattern.value.trim();
        if trimmed.is_empty() {
            problems.push(invalid(
                &pattern.referenced,
                "empty `exclude` pattern; expected a path or glob relative to this config".into(),
            ));
            continue;
        }
        // Build each pattern alone so a bad glob is reported where it is written.
        let mut builder = ignore::gitignore::GitignoreBuilder::new(dir);
        if let Err(e) = builder.add_line(None, trimmed).and_then(|b| b.build()) {
            problems.push(invalid(
                &pattern.referenced,
                format!("invalid `exclude` pattern `{trimmed}`: {e}"),
            ));
            continue;
        }
        exclude.push(trimmed.to_owned());
    }

    let mut acknowledgements: Vec<Acknowledgement> = Vec::new();
    for raw_ack in raw.acknowledgements {
        let platform = match raw_ack.platform.value.as_str() {
            "android" => Platform::Android,
            "ios" => Platform::Ios,
            "macos" => Platform::Macos,
            other => {
                problems.push(invalid(
                    &raw_ack.platform.referenced,
                    format!("unknown platform `{other}`; expected android, ios or macos"),
                ));
                continue;
            }
        };
        let location = at(&raw_ack.permission.referenced);
        let permission = match policy::canonical(platform, raw_ack.permission.value.trim()) {
            Ok(permission) => permission,
            Err(message) => {
                problems.push(ConfigError::Invalid { location, message });
                continue;
            }
        };
        if raw_ack.reason.value.trim().is_empty() {
            problems.push(invalid(
                &raw_ack.reason.referenced,
                format!(
                    "the acknowledgement of {permission} has an empty `reason`; say why it is \
                     requested without disclosure"
                ),
            ));
            continue;
        }
        let expires = match raw_ack.expires {
            None => None,
            Some(e) => match Date::parse(e.value.trim()) {
                Some(date) => Some(date),
                None => {
                    problems.push(invalid(
                        &e.referenced,
                        format!(
                            "`expires: {}` is not a date; expected YYYY-MM-DD, e.g. 2026-12-31",
                            e.value
                        ),
                    ));
                    continue;
                }
            },
        };
        if let Some(first) = acknowledgements
            .iter()
            .find(|a| a.platform == platform && a.permission == permission)
        {
            problems.push(ConfigError::Invalid {
                location,
                message: format!(
                    "{permission} is acknowledged twice (first at {}); keep one",
                    first.location
                ),
            });
            continue;
        }
        acknowledgements.push(Acknowledgement {
            platform,
            permission,
            reason: raw_ack.reason.value.trim().to_owned(),
            expires,
            location,
        });
    }

    problems.sort_by_key(|p| p.location().map(|l| (l.line, l.column)));
    match problems.len() {
        0 => {}
        1 => return Err(problems.remove(0)),
        _ => return Err(ConfigError::Several(problems)),
    }
    Ok(Config {
        file: file.to_owned(),
        dir: dir.to_path_buf(),
        policy,
        fail_on,
        levels,
        exclude,
        acknowledgements,
        successor_matching: raw.successor_matching,
        undeclared_normal,
        lang,
        configuration,
        variants,
        policies,
    })
}

/// A policy path of the config (`what` names the key in messages), resolved against `dir` and
/// kept inside the repository.
fn policy_path(
    value: &Spanned<String>,
    what: &str,
    dir: &Path,
    file: &str,
) -> Result<PathBuf, ConfigError> {
    let invalid = |message: String| ConfigError::Invalid {
        location: at(file, &value.referenced),
        message,
    };
    if value.value.trim().is_empty() {
        return Err(invalid(format!(
            "{what} is empty; expected the path of a policy file, relative to this config"
        )));
    }
    let path = dir.join(value.value.trim());
    // The config may come from a pull request: it names files inside its repository only, so
    // `policy: /proc/self/environ` cannot make permaudit read (and quote) it.
    let real = crate::real_path::RealPaths::default();
    let boundary = crate::confine::boundary(dir, &real);
    if let Some(target) = crate::confine::outside(&boundary, &path, &real) {
        return Err(invalid(format!(
            "{what} resolves to {}, outside the repository ({}); a config can only name files \
             inside it (pass --policy FILE on the command line to use a file elsewhere)",
            crate::display::from_cwd(&target),
            crate::display::from_cwd(&boundary)
        )));
    }
    Ok(path)
}

fn at(file: &str, loc: &serde_saphyr::Location) -> Location {
    crate::yaml::location(file, loc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<Config, ConfigError> {
        parse(text, ".permaudit.yaml", Path::new("/repo"))
    }

    #[test]
    fn full_config() {
        let config = parse_str(
            "policy: privacy/policy.yaml\nfail-on: warning\nrules:\n  unused: off\n  \
             undeclared: warning\nexclude: [legacy/]\nacknowledgements:\n  - platform: android\n    \
             permission: ACCESS_NETWORK_STATE\n    reason: SDK X needs it\n    expires: 2026-12-31\n",
        )
        .unwrap();
        assert_eq!(
            config.policy,
            Some(PathBuf::from("/repo/privacy/policy.yaml"))
        );
        assert_eq!(config.fail_on, Some(FailOn::Warning));
        assert_eq!(config.levels.get(&Rule::Unused), Some(&Level::Off));
        assert_eq!(
            config.levels.get(&Rule::Undeclared),
            Some(&Level::On(Severity::Warning))
        );
        assert_eq!(config.exclude, ["legacy/"]);
        let ack = &config.acknowledgements[0];
        assert_eq!(ack.permission, "android.permission.ACCESS_NETWORK_STATE");
        assert_eq!(ack.expires, Date::parse("2026-12-31"));
        assert_eq!(ack.location.to_string(), ".permaudit.yaml:9:17");
    }

    #[test]
    fn policies_map_variant_globs_to_files_beside_the_config() {
        let config = parse_str(
            "policy: privacy.yaml\npolicies:\n  - variants: \"china*\"\n    policy: \
             privacy-cn.yaml\n  - variants: play*\n    policy: policies/play.yaml\n",
        )
        .unwrap();
        let got: Vec<(&str, PathBuf, String)> = config
            .policies
            .iter()
            .map(|p| {
                (
                    p.variants.as_str(),
                    p.policy.clone(),
                    p.location.to_string(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "china*",
                    PathBuf::from("/repo/privacy-cn.yaml"),
                    ".permaudit.yaml:3:15".to_owned()
                ),
                (
                    "play*",
                    PathBuf::from("/repo/policies/play.yaml"),
                    ".permaudit.yaml:5:15".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn empty_config_changes_nothing() {
        let config = parse_str("# nothing yet\n").unwrap();
        assert!(config.policy.is_none() && config.levels.is_empty());
    }

    #[test]
    fn every_problem_of_a_file_is_reported_in_file_order() {
        let text = "rules:\n  unused: loud\n  unusd: off\nfail-on: sometimes\nlang: fr\n\
                    exclude: ['']\n";
        let err = parse_str(text).unwrap_err();
        let at: Vec<String> = err
            .problems()
            .iter()
            .map(|(_, l)| l.map(ToString::to_string).unwrap_or_default())
            .collect();
        assert_eq!(
            at,
            [
                ".permaudit.yaml:2:11",
                ".permaudit.yaml:3:3",
                ".permaudit.yaml:4:10",
                ".permaudit.yaml:5:7",
                ".permaudit.yaml:6:11",
            ]
        );
        assert_eq!(err.to_string().lines().count(), 5, "{err}");
        assert_eq!(
            err.location().map(ToString::to_string).as_deref(),
            Some(".permaudit.yaml:2:11")
        );
    }

    #[test]
    fn errors_point_at_the_value() {
        let cases = [
            ("polcy: x\n", "1:1", "did you mean `policy`"),
            ("rules:\n  unusd: off\n", "2:3", "did you mean `unused`"),
            ("rules:\n  unused: loud\n", "2:11", "expected off, note"),
            (
                "fail-on: sometimes\n",
                "1:10",
                "expected error, warning or never",
            ),
            (
                "acknowledgements:\n  - platform: android\n    permission: CAMRA\n    reason: x\n",
                "3:17",
                "did you mean `CAMERA`",
            ),
            (
                "acknowledgements:\n  - platform: android\n    permission: CAMERA\n",
                "3:5",
                "missing field `reason`",
            ),
            (
                "acknowledgements:\n  - platform: ios\n    permission: NSCameraUsageDescription\n    reason: x\n    expires: 2026-02-30\n",
                "5:14",
                "expected YYYY-MM-DD",
            ),
            ("exclude: ['a/{b']\n", "1:11", "invalid `exclude` pattern"),
            (
                "policies:\n  - variant: china*\n    policy: cn.yaml\n",
                "2:5",
                "did you mean `variants`",
            ),
            (
                "policies:\n  - variants: china*\n",
                "2:5",
                "missing field `policy`",
            ),
            (
                "policies:\n  - variants: ' '\n    policy: cn.yaml\n",
                "2:15",
                "has an empty `variants`",
            ),
            (
                "policies:\n  - variants: china*\n    policy: ''\n",
                "3:13",
                "a `policies:` entry's `policy` is empty",
            ),
            (
                "policies:\n  - variants: a*\n    policy: a.yaml\n  - variants: a*\n    policy: b.yaml\n",
                "4:15",
                "names the variants `a*` twice (first at .permaudit.yaml:2:15)",
            ),
        ];
        for (text, at, needle) in cases {
            let err = parse_str(text).unwrap_err().to_string();
            assert!(
                err.starts_with(&format!(".permaudit.yaml:{at}:")),
                "{text:?}: {err}"
            );
            assert!(err.contains(needle), "{text:?}: {err}");
        }
    }
}
