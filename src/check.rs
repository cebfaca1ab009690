//! `permaudit check`, as a library call: load the policy, find and parse the inputs, audit.
//!
//! The binary only parses arguments, calls [`run`] and renders the outcome, so everything a
//! test wants to exercise is reachable without a process.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::audit::coverage::{PlatformCoverage, coverage};
use crate::audit::{Finding, Settings, audit_with, lint_policy};
use crate::baseline::{self, BaselineError};
use crate::config::{self, Config, ConfigError, ConfigSource, Date, FailOn};
use crate::input::discover::{self, DiscoverError};
use crate::input::{self, InputError, Limits};
use crate::model::{Location, ParsedInput, Platform};
use crate::policy::import::{self, Diagnostic, ImportError};
use crate::policy::{self, Policy, PolicyError};
use crate::source::SourceMap;
use crate::suppress::{self, Suppression};

/// The flags that decide how an outcome is judged and shown, each of which a config may also
/// set: resolved once, flag over config over default, into the outcome.
#[derive(Debug, Clone, Copy, Default)]
pub struct Presentation {
    /// `--fail-on`.
    pub fail_on: Option<FailOn>,
    /// `--lang`.
    pub lang: Option<crate::i18n::Lang>,
    /// The language of the user's locale (`LC_ALL`, `LANG`), the last resort.
    pub locale: crate::i18n::Lang,
}

/// What to check.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Files and directories to audit (`.` when the command line names none).
    pub paths: Vec<PathBuf>,
    /// Policy file; `None` uses the built-in M5 policy.
    pub policy: Option<PathBuf>,
    /// How to judge (rule levels and switches). Levels from the config file are applied on
    /// top of these; a rule the config does not mention keeps the level given here.
    pub settings: Settings,
    /// Resource limits for reading inputs.
    pub limits: Limits,
    /// Privacy-policy document to import and audit against (instead of `policy`).
    pub policy_doc: Option<PathBuf>,
    /// With `policy_doc`: use the rows that resolved even when others did not.
    pub allow_unresolved: bool,
    /// With a `policy_doc` URL: fetch plain `http://` too.
    pub allow_http: bool,
    /// Where the config file comes from (discovered by default).
    pub config: ConfigSource,
    /// Baseline whose entries hide matching findings.
    pub baseline: Option<PathBuf>,
    /// Write the findings left after acknowledgements to this baseline (atomically), and then
    /// treat them as baselined.
    pub write_baseline: Option<PathBuf>,
    /// The date acknowledgements expire against; `None` is today in UTC. Tests pin it.
    pub today: Option<Date>,
    /// Which Xcode build configuration is audited.
    pub xcode: input::xcode::XcodeOptions,
    /// Which Gradle variants are audited.
    pub gradle: input::gradle::GradleOptions,
    /// `--fail-on` and `--lang`, resolved against the config into the outcome.
    pub presentation: Presentation,
}

/// A `policies:` entry of the config as the run used it: the variants it matched and the
/// policy they were audited against.
#[derive(Debug, Clone)]
pub struct VariantPolicy {
    /// The entry's variant glob, as written.
    pub variants: String,
    /// Where the entry is written.
    pub location: Location,
    /// The policy its variants were audited against.
    pub policy: Policy,
    /// The audited variants it matched, sorted (empty when it matched none).
    pub audited: Vec<String>,
}

/// The result of a successful check (one that may still have findings).
#[derive(Debug, Clone)]
pub struct CheckOutcome {
    /// The policy audited against: the default, for every input that is not a Gradle variant
    /// matched by a `policies:` entry.
    pub policy: Policy,
    /// The config's `policies:` entries, in file order, when they were used (a `--policy` or
    /// `--policy-doc` on the command line audits everything against that one policy).
    pub variant_policies: Vec<VariantPolicy>,
    /// Every audited input, sorted by path.
    pub inputs: Vec<ParsedInput>,
    /// Findings, sorted, after acknowledgements and the baseline.
    pub findings: Vec<Finding>,
    /// What importing `policy_doc` noted (rows to review, tables left out, rows allowed to stay
    /// unresolved); empty for a YAML policy.
    pub policy_diagnostics: Vec<Diagnostic>,
    /// The config file used, as displayed, if any.
    pub config: Option<String>,
    /// Why that config (or none) was used.
    pub config_why: String,
    /// Why this policy was used.
    pub policy_why: String,
    /// The exit threshold: `--fail-on`, else the config's `fail-on`, else `error`.
    pub fail_on: FailOn,
    /// The report language: `--lang`, else the config's `lang`, else the locale's.
    pub lang: crate::i18n::Lang,
    /// What acknowledgements and the baseline hid, and what of them is expired or stale.
    pub suppression: Suppression,
    /// Per audited platform, how each request and policy entry stands (empty for a lint).
    pub coverage: Vec<PlatformCoverage>,
    /// The date of the run (acknowledgements expire against it; reports show it).
    pub today: Date,
    /// Which command produced the outcome: reports of a policy lint have no app side.
    pub command: Command,
    /// The rules `--select` limited the run to, in registry order; `None` when every rule ran.
    /// Reports name them, so a partial run never reads as a full one.
    pub selected: Option<Vec<crate::audit::Rule>>,
    /// Which request each (permission, location) is, built on first use: reports look a
    /// finding's request up once per finding, and a scan of every request per finding made
    /// a 4,000-file tree's report quadratic.
    pub requests: RequestIndex,
    /// The texts the run read, for the reports to quote.
    pub sources: SourceMap,
}

/// Requests by permission and location, over an outcome's inputs (see
/// [`CheckOutcome::request_at`]). Keyed by a hash of the pair, with the candidates compared
/// on lookup, so that neither building nor looking up copies a path.
#[derive(Debug, Clone, Default)]
pub struct RequestIndex(std::sync::OnceLock<HashMap<u64, Vec<(usize, usize)>>>);

fn request_key(permission: &str, location: &Location) -> u64 {
    use std::hash::{BuildHasher, Hash, Hasher};
    // A fixed hasher: the index lives for one run and is never exposed, and a fixed seed keeps
    // runs identical.
    let mut h =
        std::hash::BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default()
            .build_hasher();
    permission.hash(&mut h);
    location.hash(&mut h);
    h.finish()
}

impl CheckOutcome {
    /// The policy the Gradle variant `variant` was audited against.
    pub fn policy_of_variant(&self, variant: &str) -> &Policy {
        self.variant_policies
            .iter()
            .find(|e| e.audited.iter().any(|v| v == variant))
            .map_or(&self.policy, |e| &e.policy)
    }

    /// Every policy of the run: the default, then those of `policies:`.
    pub fn policies(&self) -> impl Iterator<Item = &Policy> {
        std::iter::once(&self.policy).chain(self.variant_policies.iter().map(|e| &e.policy))
    }

    /// The request of `permission` at `location`, if an audited input has one there (the
    /// first, in input order, when variants share a manifest line).
    pub fn request_at(
        &self,
        permission: &str,
        location: &Location,
    ) -> Option<&crate::model::Request> {
        let index = self.requests.0.get_or_init(|| {
            let mut index: HashMap<u64, Vec<(usize, usize)>> = HashMap::new();
            for (i, input) in self.inputs.iter().enumerate() {
                for (j, r) in input.requests.iter().enumerate() {
                    index
                        .entry(request_key(&r.permission, &r.location))
                        .or_default()
                        .push((i, j));
                }
            }
            index
        });
        index
            .get(&request_key(permission, location))?
            .iter()
            .map(|&(i, j)| &self.inputs[i].requests[j])
            .find(|r| r.permission == permission && r.location == *location)
    }

    /// Whether a finding is at or above the `fail-on` threshold (exit code 1).
    pub fn fails(&self) -> bool {
        self.fail_on
            .threshold()
            .is_some_and(|t| self.findings.iter().any(|f| f.severity >= t))
    }
}

/// The command an outcome is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Command {
    /// `permaudit check`: the app against the policy.
    #[default]
    Check,
    /// `permaudit policy lint`: the policy alone.
    Lint,
}

/// Why a check could not produce a trustworthy result. Every variant means exit code 2.
#[derive(Debug, Error)]
pub enum CheckError {
    /// The policy is unreadable or invalid.
    #[error(transparent)]
    Policy(#[from] PolicyError),
    /// The policy document could not be read, or has rows that could not be resolved.
    #[error(transparent)]
    PolicyDoc(#[from] ImportError),
    /// The paths could not be walked, or hold nothing to audit.
    #[error(transparent)]
    Discover(#[from] DiscoverError),
    /// One or more inputs could not be read or parsed; all of them are listed.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Inputs(Vec<InputError>),
    /// The config file is unreadable, invalid or ambiguous.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The baseline is unreadable, invalid or could not be written.
    #[error(transparent)]
    Baseline(#[from] BaselineError),
}

impl CheckError {
    /// Each problem with its message and, when it points into a file, its location, so the
    /// binary can show the offending line.
    pub fn problems(&self) -> Vec<(String, Option<&Location>)> {
        match self {
            CheckError::Inputs(errors) => errors
                .iter()
                .map(|e| {
                    let location = match e {
                        InputError::Invalid { location, .. } => Some(location),
                        InputError::Read { .. } => None,
                    };
                    (e.to_string(), location)
                })
                .collect(),
            CheckError::Policy(e) => e.problems(),
            CheckError::PolicyDoc(e) => {
                let location = match e {
                    ImportError::NotText { location } | ImportError::Malformed { location, .. } => {
                        Some(location)
                    }
                    _ => None,
                };
                vec![(e.to_string(), location)]
            }
            CheckError::Config(e) => e.problems(),
            CheckError::Baseline(e) => vec![(e.to_string(), e.location())],
            CheckError::Discover(e) => vec![(e.to_string(), None)],
        }
    }
}

/// Runs a check. Any unreadable or malformed input fails the whole check: a partial audit
/// could report "clean" for an app it did not fully read.
pub fn run(options: &CheckOptions) -> Result<CheckOutcome, CheckError> {
    let default_paths = [PathBuf::from(".")];
    let paths = if options.paths.is_empty() {
        &default_paths[..]
    } else {
        &options.paths[..]
    };

    let sources = &options.limits.sources;
    let located = config::locate(&options.config, paths)?;
    let config: Option<Config> = match &located.path {
        Some(path) => Some(config::load(
            path,
            &crate::display::from_cwd(path),
            sources,
        )?),
        None => None,
    };

    let mut policy_diagnostics = Vec::new();
    let (policy, policy_why) = match (
        &options.policy,
        config.as_ref().and_then(|c| c.policy.as_ref()),
    ) {
        _ if options.policy_doc.is_some() => {
            let doc = options.policy_doc.as_deref().unwrap_or(Path::new("."));
            let imported = match doc.to_str().filter(|d| import::is_url(d)) {
                Some(url) => import::import_url(url, options.allow_http)?,
                None => import::import_file(doc, &crate::display::root(doc), sources)?,
            }
            .require_resolved(options.allow_unresolved)?;
            policy_diagnostics = imported.diagnostics;
            (
                imported.policy,
                "imported from the document named by --policy-doc".to_owned(),
            )
        }
        (Some(path), _) => (
            policy::load(path, &crate::display::root(path), sources)?,
            "named by --policy".to_owned(),
        ),
        (None, Some(path)) => (
            policy::load(path, &crate::display::from_cwd(path), sources)?,
            format!(
                "named by `policy:` in {}",
                config.as_ref().map_or("", |c| c.file.as_str())
            ),
        ),
        (None, None) => (
            policy::builtin(),
            "built-in default (no --policy, and no `policy:` in a config)".to_owned(),
        ),
    };

    // A policy named on the command line is the one policy of the run: it replaces the
    // config's `policy:` and its `policies:` alike, so a draft can be tried on every build.
    let mut variant_policies = Vec::new();
    let mut policy_why = policy_why;
    if (options.policy.is_some() || options.policy_doc.is_some())
        && config.as_ref().is_some_and(|c| !c.policies.is_empty())
    {
        policy_why.push_str(", for every input (the config's `policies:` are not used)");
    }
    if options.policy.is_none()
        && options.policy_doc.is_none()
        && let Some(config) = &config
    {
        for entry in &config.policies {
            variant_policies.push(VariantPolicy {
                variants: entry.variants.clone(),
                location: entry.location.clone(),
                policy: policy::load(
                    &entry.policy,
                    &crate::display::from_cwd(&entry.policy),
                    sources,
                )?,
                audited: Vec::new(),
            });
        }
    }

    let mut settings = options.settings.clone();
    if let Some(config) = &config {
        settings
            .levels
            .extend(config.levels.iter().map(|(r, l)| (*r, *l)));
        // Flags beat the config: `--strict-names` stays strict, and an explicit
        // `--undeclared-normal` wins over the config's.
        if config.successor_matching == Some(false) {
            settings.successor_matching = false;
        }
        if settings.undeclared_normal.is_none() {
            settings.undeclared_normal = config.undeclared_normal;
        }
    }

    let inputs = read_app(
        paths,
        config.as_ref(),
        &options.limits,
        &options.xcode,
        &options.gradle,
    )?;
    let assignment = assign_policies(&inputs, &mut variant_policies)?;
    let (findings, coverage) = if variant_policies.is_empty() {
        (
            audit_with(&inputs, &policy, &settings),
            coverage(&inputs, &policy, settings.successor_matching),
        )
    } else {
        audit_assigned(&inputs, &policy, &variant_policies, &assignment, &settings)
    };

    let mut suppression = Suppression::default();
    let today = options.today.unwrap_or_else(Date::today_utc);
    let acknowledgements = config.as_ref().map_or(&[][..], |c| &c.acknowledgements[..]);
    let mut audited: Vec<Platform> = inputs
        .iter()
        .filter(|i| i.kind != crate::model::InputKind::Project)
        .map(ParsedInput::platform)
        .collect();
    audited.sort_unstable();
    audited.dedup();
    let mut findings = suppress::acknowledge(
        findings,
        acknowledgements,
        &audited,
        today,
        &mut suppression,
    );

    // Writing a baseline accepts the current findings: the run then reads it back like
    // `--baseline`, so what was just written is what hides findings, byte for byte.
    let baseline_path = options
        .write_baseline
        .as_ref()
        .or(options.baseline.as_ref());
    if let Some(path) = baseline_path {
        let cwd = std::env::current_dir().map_err(|source| BaselineError::Read {
            path: crate::display::from_cwd(path),
            source,
        })?;
        let display = crate::display::from_cwd(path);
        let baseline = if options.write_baseline.is_some() {
            baseline::write(path, &display, &findings, &cwd)?
        } else {
            baseline::load(path, &display)?
        };
        findings = suppress::apply_baseline(findings, &baseline, &cwd, &mut suppression);
    }

    Ok(CheckOutcome {
        policy,
        variant_policies,
        inputs,
        findings,
        policy_diagnostics,
        config: config.as_ref().map(|c| c.file.clone()),
        config_why: located.why,
        policy_why,
        fail_on: options
            .presentation
            .fail_on
            .or(config.as_ref().and_then(|c| c.fail_on))
            .unwrap_or(FailOn::Error),
        lang: options
            .presentation
            .lang
            .or(config.as_ref().and_then(|c| c.lang))
            .unwrap_or(options.presentation.locale),
        suppression,
        coverage,
        today,
        selected: selected(&settings),
        command: Command::Check,
        requests: RequestIndex::default(),
        sources: sources.clone(),
    })
}

/// The read step `check` and `init` share: discovers the app's files under `paths` (skipping
/// the config's `exclude:`), reads the projects among them (Xcode targets in the chosen
/// configuration: `xcode`, else the config's `configuration:`; Gradle variants chosen by
/// `gradle`, else the config's `variants:`), then every other file. Any
/// file that cannot be read is an error, all of them listed; finding nothing to audit is an
/// error too, never an empty (clean) result.
pub fn read_app(
    paths: &[PathBuf],
    config: Option<&Config>,
    limits: &Limits,
    xcode: &input::xcode::XcodeOptions,
    gradle: &input::gradle::GradleOptions,
) -> Result<Vec<ParsedInput>, CheckError> {
    let exclude = match config {
        Some(config) if !config.exclude.is_empty() => Some(exclude_matcher(config)?),
        _ => None,
    };
    let files = discover::discover_excluding(paths, exclude.as_ref(), &limits.real)?;
    let mut xcode = xcode.clone();
    if xcode.configuration.is_none() {
        xcode.configuration = config.and_then(|c| c.configuration.clone());
    }
    let options = input::projects::ProjectOptions {
        xcode,
        gradle: gradle_options(gradle, config),
        limits: limits.clone(),
    };
    let (mut inputs, mut errors, files) = input::projects::read_projects(files, &options);
    // The merger reports no Gradle module took belong to the APKs and AABs beside them.
    let (reports, files): (Vec<_>, Vec<_>) = files
        .into_iter()
        .partition(|f| input::gradle::is_report_name(input::projects::file_name(f)));
    let explicit = options.gradle.merger_report.as_deref();
    let mut artifact_dirs = std::collections::BTreeSet::new();
    let mut used_reports = std::collections::BTreeSet::new();
    let mut artifacts = 0usize;
    for (file, result) in files.iter().zip(read_parallel(&files, limits)) {
        match result {
            Ok(mut parsed) => {
                let artifact = parsed.iter().any(|p| {
                    matches!(
                        p.kind,
                        crate::model::InputKind::Apk | crate::model::InputKind::Aab
                    )
                });
                if artifact {
                    artifacts += 1;
                    artifact_dirs.insert(folder_of(&file.path, &limits.real));
                    match input::gradle::artifact::attach(file, &mut parsed, explicit, limits) {
                        Ok(used) => used_reports.extend(used),
                        Err(e) => errors.push(e),
                    }
                }
                inputs.extend(parsed);
            }
            Err(e) => errors.push(e),
        }
    }
    if let Some(report) = explicit
        && artifacts == 0
    {
        errors.push(InputError::invalid(
            Location::file(crate::display::root(report)),
            "--merger-report gives the merger report of an APK or AAB, and no APK or AAB is \
             audited; a Gradle module's report is found in its build/outputs/logs/ folder",
        ));
    }
    for report in reports {
        let beside_artifact = artifact_dirs.contains(&folder_of(&report.path, &limits.real));
        if !beside_artifact && !used_reports.contains(&limits.real.of(&report.path)) {
            errors.push(InputError::invalid(
                Location::file(&report.display),
                "a manifest merger report with no APK or AAB beside it and no Gradle module \
                 it belongs to; audit it with the artifact it describes (in the same folder, \
                 or with --merger-report)",
            ));
        }
    }
    if !errors.is_empty() {
        return Err(CheckError::Inputs(errors));
    }
    // Only a `project.yml` that is not an XcodeGen spec was found: nothing was audited, which
    // must never read as clean.
    if inputs.is_empty() {
        return Err(CheckError::Discover(DiscoverError::NothingFound {
            paths: paths
                .iter()
                .map(|p| crate::display::root(p))
                .collect::<Vec<_>>()
                .join(", "),
        }));
    }
    Ok(inputs)
}

/// Which `policies:` entry each audited Gradle variant is audited against (variants no entry
/// matches use the default policy), recording in each entry the variants it got. A variant two
/// entries match is an error naming both: choosing one by order would be a silent guess about
/// which document a build ships with.
fn assign_policies(
    inputs: &[ParsedInput],
    entries: &mut [VariantPolicy],
) -> Result<std::collections::BTreeMap<String, usize>, CheckError> {
    let mut assignment = std::collections::BTreeMap::new();
    if entries.is_empty() {
        return Ok(assignment);
    }
    let mut variants: Vec<&str> = inputs.iter().filter_map(crate::audit::variant_of).collect();
    variants.sort_unstable();
    variants.dedup();
    for v in variants {
        let matched: Vec<usize> = entries
            .iter()
            .enumerate()
            .filter(|(_, e)| input::gradle::variants::glob_match(&e.variants, v))
            .map(|(i, _)| i)
            .collect();
        match matched[..] {
            [] => {}
            [i] => {
                entries[i].audited.push(v.to_owned());
                assignment.insert(v.to_owned(), i);
            }
            [first, second, ..] => {
                let (a, b) = (&entries[first], &entries[second]);
                return Err(CheckError::Config(ConfigError::Invalid {
                    location: b.location.clone(),
                    message: format!(
                        "variant {v} matches two `policies:` entries, `{}` (at {}, policy {}) \
                         and `{}` (policy {}); a variant ships with one policy: narrow the \
                         globs so that one entry matches it",
                        a.variants,
                        a.location,
                        a.policy.display_path(),
                        b.variants,
                        b.policy.display_path()
                    ),
                }));
            }
        }
    }
    Ok(assignment)
}

/// Audits and measures coverage with the variants of `assignment` judged against their
/// entries' policies (one policy per distinct file) and everything else against `default`.
fn audit_assigned(
    inputs: &[ParsedInput],
    default: &Policy,
    entries: &[VariantPolicy],
    assignment: &std::collections::BTreeMap<String, usize>,
    settings: &Settings,
) -> (Vec<Finding>, Vec<PlatformCoverage>) {
    // Entries naming one file (or the default's) share its audit, so their findings merge.
    let mut policies: Vec<&Policy> = vec![default];
    let mut slot: Vec<usize> = Vec::new();
    for e in entries {
        let path = e.policy.display_path();
        match policies.iter().position(|p| p.display_path() == path) {
            Some(i) => slot.push(i),
            None => {
                slot.push(policies.len());
                policies.push(&e.policy);
            }
        }
    }
    let policy_of = |v: &str| assignment.get(v).map_or(0, |&e| slot[e]);
    let findings = crate::audit::audit_policies(inputs, &policies, &policy_of, settings);
    let mut coverages = Vec::new();
    for (p, policy) in policies.iter().enumerate() {
        let subset: Vec<ParsedInput> = inputs
            .iter()
            .filter(|i| crate::audit::variant_of(i).map_or(0, policy_of) == p)
            .cloned()
            .collect();
        if subset.is_empty() {
            continue;
        }
        for mut c in coverage(&subset, policy, settings.successor_matching) {
            c.policy = Some(policy.display_path().to_owned());
            coverages.push(c);
        }
    }
    (findings, coverages)
}

/// The folder holding `path`, canonical (`app.apk` is in `.`).
fn folder_of(path: &Path, real: &crate::real_path::RealPaths) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => real.of(dir),
        _ => real.of(Path::new(".")),
    }
}

/// `--variant` globs, else the config's `variants`.
fn gradle_options(
    options: &input::gradle::GradleOptions,
    config: Option<&Config>,
) -> input::gradle::GradleOptions {
    let mut gradle = options.clone();
    if gradle.variants.is_empty() {
        gradle.variants = config.map(|c| c.variants.clone()).unwrap_or_default();
    }
    gradle
}

/// Loads the policy file at `path` (shown as given), or the built-in policy; a file's text is
/// kept in `sources`.
pub fn load_policy(path: Option<&Path>, sources: &SourceMap) -> Result<Policy, PolicyError> {
    match path {
        Some(path) => policy::load(path, &crate::display::root(path), sources),
        None => Ok(policy::builtin()),
    }
}

/// `permaudit policy lint`: judges a policy alone. The outcome has no inputs; renderers show
/// it as a lint of the policy.
pub fn lint(
    policy_path: Option<&Path>,
    settings: &Settings,
    options: &Presentation,
    sources: &SourceMap,
) -> Result<CheckOutcome, CheckError> {
    let policy = load_policy(policy_path, sources)?;
    let findings = lint_policy(&policy, settings);
    let policy_why = match policy_path {
        Some(_) => "named on the command line".to_owned(),
        None => "built-in default".to_owned(),
    };
    Ok(CheckOutcome {
        policy,
        variant_policies: Vec::new(),
        inputs: Vec::new(),
        findings,
        policy_diagnostics: Vec::new(),
        config: None,
        config_why: "not used by policy lint".to_owned(),
        policy_why,
        fail_on: options.fail_on.unwrap_or(FailOn::Error),
        lang: options.lang.unwrap_or(options.locale),
        suppression: Suppression::default(),
        coverage: Vec::new(),
        today: Date::today_utc(),
        selected: selected(settings),
        command: Command::Lint,
        requests: RequestIndex::default(),
        sources: sources.clone(),
    })
}

/// `--select`'s rules in registry order, for the reports.
fn selected(settings: &Settings) -> Option<Vec<crate::audit::Rule>> {
    settings
        .select
        .as_ref()
        .map(|s| s.iter().copied().collect())
}

/// The config's `exclude:` patterns as one gitignore matcher rooted at the config's folder.
fn exclude_matcher(config: &Config) -> Result<ignore::gitignore::Gitignore, ConfigError> {
    let root = std::fs::canonicalize(&config.dir).unwrap_or_else(|_| config.dir.clone());
    let mut builder = ignore::gitignore::GitignoreBuilder::new(&root);
    for pattern in &config.exclude {
        builder
            .add_line(None, pattern)
            .map_err(|e| invalid_exclude(config, &e))?;
    }
    builder.build().map_err(|e| invalid_exclude(config, &e))
}

fn invalid_exclude(config: &Config, err: &ignore::Error) -> ConfigError {
    // Each pattern was already validated alone while parsing; this is only reachable if the
    // combination fails, which the file as a whole is then blamed for.
    ConfigError::Invalid {
        location: Location::file(&config.file),
        message: format!("invalid `exclude` patterns: {err}"),
    }
}

/// Below this many files a thread costs more than it saves (the pre-commit case is 1–3 files).
const PARALLEL_THRESHOLD: usize = 64;

/// Reads and parses the files on all cores, returning results in the files' order so reports
/// stay deterministic. Files are dealt out in contiguous chunks, one per thread.
fn read_parallel(
    files: &[discover::InputFile],
    limits: &Limits,
) -> Vec<Result<Vec<ParsedInput>, InputError>> {
    let read = |file: &discover::InputFile| input::read_all(&file.path, &file.display, limits);
    if files.len() < PARALLEL_THRESHOLD {
        return files.iter().map(read).collect();
    }
    // Only asked past the threshold: on Linux it reads cgroup files, a cost a small run skips.
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    if threads < 2 {
        return files.iter().map(read).collect();
    }
    let chunk = files.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(read).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| match h.join() {
                Ok(results) => results,
                // A panic in a parser is a bug; re-raise it so main reports it as one (exit 2).
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}
