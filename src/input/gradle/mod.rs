//! Gradle projects: what each shipped Android build variant requests once the Android Gradle
//! plugin has merged its manifests.
//!
//! - [`lexer`] and [`tree`]: a panic-free, spanned reading of Groovy and Kotlin DSL scripts;
//! - [`model`]: settings (included modules) and each module's literal build configuration;
//! - [`variants`]: flavor × build type combinations, application ids, placeholders;
//! - [`merge`]: the merger's rules for permission elements;
//! - [`report`]: the merger's report, for who added each request.
//!
//! Build outputs (`build/intermediates/merged_manifest*/<variant>/…/AndroidManifest.xml` and
//! `build/outputs/logs/manifest-merger-<variant>-report.txt`) are the ground truth when present.

pub mod artifact;
pub mod lexer;
pub(crate) mod merge;
pub mod model;
pub mod report;
pub mod tree;
pub mod variants;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::InputError;
use super::discover::InputFile;
use crate::input::android::{self, SourceManifest};
use crate::input::budget::Budget;
use crate::model::{InputKind, InputNote, Location, Message, Origin, ParsedInput, Request};
use crate::source::SourceMap;
use model::{Kind, Module, Value};
use variants::Variant;

/// The build scripts discovery picks up.
pub const SCRIPT_NAMES: &[&str] = &[
    "build.gradle",
    "build.gradle.kts",
    "settings.gradle",
    "settings.gradle.kts",
];

/// Is this file name a merger report (`manifest-merger-release-report.txt`)?
pub fn is_report_name(name: &str) -> bool {
    name.starts_with("manifest-merger-") && name.ends_with("-report.txt")
}

/// The setting a note about a Gradle build carries, so reports group them.
pub const NOTE_SETTING: &str = "gradle";

/// The note that a variant's application id is unknown, dropped once a manifest's literal
/// package gives it.
const APPLICATION_ID_NOTE: &str = "msg.unresolved-build-value.application-id";

/// Which variants to audit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GradleOptions {
    /// `--variant` globs (and the config key `variants`); empty audits every
    /// non-debuggable variant.
    pub variants: Vec<String>,
    /// `--merger-report`: the merger report of the APKs and AABs audited; `None` looks for
    /// one beside each artifact.
    pub merger_report: Option<PathBuf>,
}

/// Largest manifest read while merging.
const MAX_MANIFEST_BYTES: u64 = 8 * 1024 * 1024;

/// Reads a file whole, refusing one over `max` bytes, and keeps it for the report.
fn read_file(
    sources: &SourceMap,
    path: &Path,
    display: &str,
    max: u64,
) -> Result<std::sync::Arc<crate::source::Source>, InputError> {
    super::read_kept(sources, path, display, max, "Gradle build file or manifest")
}

struct Project {
    /// Module path → (dir, display dir, build script file).
    modules: BTreeMap<String, (PathBuf, String, Option<InputFile>)>,
    /// What the settings script computes.
    unresolved: Vec<model::Unresolved>,
    /// The folder the project's files must stay in (its repository, see [`crate::confine`]):
    /// `manifest.srcFile "/etc/x"` or a linked module from a pull request is refused.
    boundary: PathBuf,
}

fn parent_display(display: &str) -> String {
    match display.rsplit_once('/') {
        Some((d, _)) => d.to_owned(),
        None => String::new(),
    }
}

fn join(dir: &str, rel: &str) -> String {
    crate::display::join(dir, rel)
}

/// Reads the Gradle projects among `files`: returns one input per audited variant, the errors,
/// and the other files minus the manifests and reports the projects own.
pub fn read_projects(
    files: Vec<InputFile>,
    options: &GradleOptions,
    limits: &super::Limits,
) -> (Vec<ParsedInput>, Vec<InputError>, Vec<InputFile>) {
    let name_of = |f: &InputFile| super::projects::file_name(f).to_owned();
    let (scripts, rest): (Vec<_>, Vec<_>) = files
        .into_iter()
        .partition(|f| SCRIPT_NAMES.contains(&name_of(f).as_str()));
    let (reports, rest): (Vec<_>, Vec<_>) =
        rest.into_iter().partition(|f| is_report_name(&name_of(f)));
    let mut errors = Vec::new();
    let mut inputs = Vec::new();
    let mut claimed_dirs: Vec<PathBuf> = Vec::new();
    let mut claimed_reports: BTreeSet<PathBuf> = BTreeSet::new();

    let projects = projects(&scripts, limits, &mut errors);
    for project in &projects {
        let mut modules: BTreeMap<String, Module> = BTreeMap::new();
        for (path, (_, _, script)) in &project.modules {
            let Some(script) = script else { continue };
            let read = read_file(
                &limits.sources,
                &script.path,
                &script.display,
                lexer::MAX_BYTES,
            )
            .and_then(|b| model::read_module(&script.display, &b));
            match read {
                Ok(m) => {
                    modules.insert(path.clone(), m);
                }
                Err(e) => errors.push(e),
            }
        }
        let apps: Vec<&String> = modules
            .iter()
            .filter(|(_, m)| m.kind == Kind::Application)
            .map(|(p, _)| p)
            .collect();
        if apps.is_empty() {
            continue;
        }
        for (path, m) in &modules {
            if m.kind != Kind::Other || m.has_android {
                if let Some((dir, _, _)) = project.modules.get(path) {
                    claimed_dirs.push(limits.real.of(dir));
                }
            }
        }
        let mut reader = VariantReader {
            project,
            modules: &modules,
            cache: BTreeMap::new(),
            budget: &limits.budget,
            sources: &limits.sources,
            real: &limits.real,
            reports: &reports,
        };
        for app in apps {
            match reader.app(app, options, &mut claimed_reports) {
                Ok(found) => inputs.extend(found),
                Err(e) => errors.extend(e),
            }
        }
    }
    let inside = |p: &Path| {
        let c = limits.real.of(p);
        claimed_dirs.iter().any(|d| c.starts_with(d))
    };
    let mut rest: Vec<InputFile> = rest
        .into_iter()
        .filter(|f| !(name_of(f) == "AndroidManifest.xml" && inside(&f.path)))
        .collect();
    for r in reports {
        if !claimed_reports.contains(&limits.real.of(&r.path)) {
            if inside(&r.path) {
                // A report of a variant that is not audited.
                continue;
            }
            rest.push(r);
        }
    }
    (inputs, errors, rest)
}

/// The projects among the scripts: one per settings script (its included modules), and one per
/// build script outside every settings script's modules (a single-module project).
fn projects(
    scripts: &[InputFile],
    limits: &super::Limits,
    errors: &mut Vec<InputError>,
) -> Vec<Project> {
    let (sources, real) = (&limits.sources, &limits.real);
    let name_of = |f: &InputFile| super::projects::file_name(f).to_owned();
    let build_scripts: BTreeMap<PathBuf, &InputFile> = scripts
        .iter()
        .filter(|f| name_of(f).starts_with("build."))
        .filter_map(|f| f.path.parent().map(|d| (real.of(d), f)))
        .collect();
    let mut out = Vec::new();
    let mut owned: BTreeSet<PathBuf> = BTreeSet::new();
    let mut settings_dirs: Vec<PathBuf> = Vec::new();
    for s in scripts
        .iter()
        .filter(|f| name_of(f).starts_with("settings."))
    {
        let Some(dir) = s.path.parent() else { continue };
        let settings = match read_file(sources, &s.path, &s.display, lexer::MAX_BYTES)
            .and_then(|b| model::read_settings(&s.display, &b))
        {
            Ok(x) => x,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let display_dir = parent_display(&s.display);
        let mut modules = BTreeMap::new();
        let mut add = |path: String, rel: String| {
            let d = dir.join(&rel);
            let script = build_scripts.get(&real.of(&d)).map(|f| (*f).clone());
            modules.insert(path, (d, join(&display_dir, &rel), script));
        };
        add(":".to_owned(), String::new());
        for (m, _) in &settings.includes {
            let rel = settings
                .project_dirs
                .get(m)
                .cloned()
                .unwrap_or_else(|| m.trim_start_matches(':').replace(':', "/"));
            add(m.clone(), rel);
        }
        for (d, _, _) in modules.values() {
            owned.insert(real.of(d));
        }
        settings_dirs.push(real.of(dir));
        out.push(Project {
            modules,
            unresolved: settings.unresolved,
            boundary: crate::confine::boundary(dir, real),
        });
    }
    for (dir, f) in &build_scripts {
        if owned.contains(dir) || settings_dirs.iter().any(|s| dir.starts_with(s)) {
            continue;
        }
        let mut modules = BTreeMap::new();
        let Some(d) = f.path.parent() else { continue };
        modules.insert(
            ":".to_owned(),
            (
                d.to_path_buf(),
                parent_display(&f.display),
                Some((*f).clone()),
            ),
        );
        out.push(Project {
            modules,
            unresolved: Vec::new(),
            boundary: crate::confine::boundary(d, real),
        });
    }
    out
}

/// A build output: its display path, bytes and modification time.
type Output = (
    String,
    std::sync::Arc<crate::source::Source>,
    Option<std::time::SystemTime>,
);

struct VariantReader<'a> {
    project: &'a Project,
    modules: &'a BTreeMap<String, Module>,
    cache: BTreeMap<PathBuf, (String, SourceManifest)>,
    /// The run's budget: every variant's manifests draw from it.
    budget: &'a Budget,
    sources: &'a SourceMap,
    real: &'a crate::real_path::RealPaths,
    reports: &'a [InputFile],
}

/// Normalizes a type-safe accessor path (`~:featureLogin`) against the included modules.
fn resolve_module<'m>(name: &str, modules: &'m BTreeMap<String, Module>) -> Option<&'m String> {
    match name.strip_prefix('~') {
        None => modules.get_key_value(name).map(|(k, _)| k),
        Some(accessor) => {
            let norm = |s: &str| {
                s.chars()
                    .filter(|c| c.is_alphanumeric() || *c == ':')
                    .flat_map(char::to_lowercase)
                    .collect::<String>()
            };
            let want = norm(accessor);
            modules.keys().find(|k| norm(k) == want)
        }
    }
}

const DEP_SUFFIXES: &[&str] = &["Implementation", "Api", "Compile", "RuntimeOnly"];
const DEP_PLAIN: &[&str] = &["implementation", "api", "compile", "runtimeOnly"];

/// Does a dependency in `configuration` reach the variant (whose source set names are `sets`)?
fn applies(configuration: &str, sets: &[String]) -> bool {
    if DEP_PLAIN.contains(&configuration) {
        return true;
    }
    DEP_SUFFIXES.iter().any(|s| {
        configuration
            .strip_suffix(s)
            .is_some_and(|prefix| sets.iter().any(|set| set == prefix))
    })
}

/// The variant's flavors as AGP joins them in output folder and report names (`freeArm` for
/// flavors `free` and `arm`); `None` without flavors.
fn flavor_combination(v: &Variant) -> Option<String> {
    let (first, rest) = v.flavors.split_first()?;
    let mut combo = first.clone();
    rest.iter().for_each(|f| combo.push_str(&capitalize(f)));
    Some(combo)
}

impl VariantReader<'_> {
    /// Reads a file of the project, refusing one outside its repository.
    fn read(
        &self,
        path: &Path,
        display: &str,
        max: u64,
    ) -> Result<std::sync::Arc<crate::source::Source>, InputError> {
        super::confined(&self.project.boundary, path, display, self.real)?;
        read_file(self.sources, path, display, max)
    }

    fn module_dir(&self, path: &str) -> Option<(&PathBuf, &String)> {
        self.project.modules.get(path).map(|(d, s, _)| (d, s))
    }

    /// Reads (once) the manifest at `rel` in module `path`, if it exists.
    fn manifest(
        &mut self,
        module: &str,
        rel: &str,
    ) -> Result<Option<(String, SourceManifest)>, InputError> {
        let Some((dir, display)) = self.module_dir(module) else {
            return Ok(None);
        };
        let file = dir.join(rel);
        let display = join(display, rel);
        if !file.is_file() {
            return Ok(None);
        }
        let key = self.real.of(&file);
        if let Some(hit) = self.cache.get(&key) {
            return Ok(Some(hit.clone()));
        }
        let bytes = self.read(&file, &display, MAX_MANIFEST_BYTES)?;
        let (_, source) = android::parse_source(&display, &bytes, self.budget)?;
        self.cache.insert(key, (display.clone(), source.clone()));
        Ok(Some((display, source)))
    }

    /// The manifest path of source set `set` in `m`, relative to its module; `Err` with a note
    /// when `sourceSets` sets it to a computed value.
    // The note is the rare path (a computed srcFile), built once per source set: not worth a box.
    #[allow(clippy::result_large_err)]
    fn manifest_rel(m: &Module, set: &str) -> Result<String, InputNote> {
        match m.manifests.get(set) {
            Some(s) => match &s.value {
                Value::Literal(p) => Ok(p.clone()),
                Value::Computed(t) => Err(note(
                    &s.location,
                    Message::new("msg.unresolved-build-value.source-set")
                        .text("set", set)
                        .text("value", t),
                )),
            },
            None => Ok(format!("src/{set}/AndroidManifest.xml")),
        }
    }

    /// The library modules a variant merges, in dependency order (breadth-first), or the
    /// cycle that makes the build impossible.
    fn libraries(
        &self,
        app: &str,
        sets: &[String],
        build_type: &str,
        notes: &mut Vec<InputNote>,
    ) -> Result<Vec<String>, InputError> {
        let mut order: Vec<String> = Vec::new();
        let mut queue: Vec<(String, Vec<String>)> = vec![(app.to_owned(), vec![app.to_owned()])];
        let lib_sets = [build_type.to_owned(), "main".to_owned()];
        let mut i = 0;
        while let Some((current, chain)) = queue.get(i).cloned() {
            i += 1;
            let Some(m) = self.modules.get(&current) else {
                continue;
            };
            let sets = if current == app { sets } else { &lib_sets[..] };
            for dep in &m.deps {
                if !applies(&dep.configuration, sets) {
                    continue;
                }
                let Some(target) = resolve_module(&dep.project, self.modules) else {
                    notes.push(note(
                        &dep.location,
                        Message::new("msg.unresolved-build-value.not-included")
                            .text("module", &current)
                            .text("dependency", dep.project.trim_start_matches('~')),
                    ));
                    continue;
                };
                if chain.contains(target) {
                    let mut cycle = chain.clone();
                    cycle.push(target.clone());
                    return Err(InputError::invalid(
                        dep.location.clone(),
                        format!(
                            "circular dependency between modules: {}; Gradle cannot build this",
                            cycle.join(" → ")
                        ),
                    ));
                }
                if !order.contains(target) {
                    order.push(target.clone());
                }
                let mut next = chain.clone();
                next.push(target.clone());
                if queue.len() < 10_000 {
                    queue.push((target.clone(), next));
                }
            }
        }
        Ok(order)
    }

    fn app(
        &mut self,
        app: &str,
        options: &GradleOptions,
        claimed_reports: &mut BTreeSet<PathBuf>,
    ) -> Result<Vec<ParsedInput>, Vec<InputError>> {
        let Some(m) = self.modules.get(app) else {
            return Ok(Vec::new());
        };
        let all = variants::variants(m);
        let chosen: Vec<&Variant> = all
            .iter()
            .filter(|v| {
                if options.variants.is_empty() {
                    !v.debuggable
                } else {
                    options
                        .variants
                        .iter()
                        .any(|g| variants::glob_match(g, &v.name))
                }
            })
            .collect();
        let mut out = Vec::new();
        let mut errors = Vec::new();
        for v in chosen {
            match self.variant(app, m, v, claimed_reports) {
                Ok(input) => out.push(input),
                Err(e) => errors.push(e),
            }
        }
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(errors)
        }
    }

    fn variant(
        &mut self,
        app: &str,
        m: &Module,
        v: &Variant,
        claimed_reports: &mut BTreeSet<PathBuf>,
    ) -> Result<ParsedInput, InputError> {
        let mut notes: Vec<InputNote> = m
            .unresolved
            .iter()
            .chain(&self.project.unresolved)
            .map(|u| note(&u.location, u.message.clone()))
            .collect();
        let sets = v.source_sets();
        // Placeholder values the device sees.
        let mut values: BTreeMap<String, String> = BTreeMap::new();
        match &v.application_id {
            Ok(id) => {
                values.insert("applicationId".into(), id.clone());
                values.insert("packageName".into(), id.clone());
            }
            Err(at) => notes.push(note(
                at,
                Message::new(APPLICATION_ID_NOTE).text("variant", &v.name),
            )),
        }
        let mut placeholder_at: BTreeMap<String, Location> = BTreeMap::new();
        for (k, s) in &v.placeholders {
            placeholder_at.insert(k.clone(), s.location.clone());
            match &s.value {
                Value::Literal(x) => {
                    values.insert(k.clone(), x.clone());
                }
                Value::Computed(t) => notes.push(note(
                    &s.location,
                    Message::new("msg.unresolved-build-value.placeholder")
                        .text("key", k)
                        .text("value", t)
                        .text("placeholder", format!("${{{k}}}")),
                )),
            }
        }
        // Sources, highest priority first.
        let mut manifests: Vec<(String, SourceManifest, Option<String>, Option<String>)> =
            Vec::new();
        let mut main_display = None;
        for set in &sets {
            match Self::manifest_rel(m, set) {
                Ok(rel) => {
                    if let Some((display, src)) = self.manifest(app, &rel)? {
                        if set == "main" {
                            main_display = Some(display.clone());
                        }
                        manifests.push((display, src, None, None));
                    }
                }
                Err(n) => notes.push(n),
            }
        }
        let libraries = self.libraries(app, &sets, &v.build_type, &mut notes)?;
        for lib in &libraries {
            let Some(lm) = self.modules.get(lib) else {
                continue;
            };
            for set in [v.build_type.as_str(), "main"] {
                match Self::manifest_rel(lm, set) {
                    Ok(rel) => {
                        if let Some((display, src)) = self.manifest(lib, &rel)? {
                            let package = lm
                                .namespace
                                .as_ref()
                                .and_then(|n| n.literal().map(str::to_owned))
                                .or_else(|| src.package.clone());
                            manifests.push((display, src, Some(lib.clone()), package));
                        }
                    }
                    Err(n) => notes.push(n),
                }
            }
        }
        // A manifest's literal package is the application id when nothing else sets it.
        if !values.contains_key("applicationId")
            && let Some(p) = manifests
                .iter()
                .find(|x| x.2.is_none() && x.1.package.is_some())
                .and_then(|x| x.1.package.clone())
        {
            values.insert("applicationId".into(), p.clone());
            values.insert("packageName".into(), p);
            notes.retain(|n| n.message.id != APPLICATION_ID_NOTE);
        }
        let sources: Vec<merge::Source<'_>> = manifests
            .iter()
            .map(|(_, src, module, package)| merge::Source {
                elements: &src.elements,
                module: module.clone(),
                package: package.clone(),
            })
            .collect();
        let merged = merge::merge(&sources, &values);
        for (key, at) in &merged.unresolved {
            let why = match placeholder_at.get(key) {
                Some(set) => Message::new("msg.unresolved-build-value.unresolved.computed")
                    .text("at", set.to_string()),
                None => Message::new("msg.unresolved-build-value.unresolved.unset"),
            };
            notes.push(note(
                at,
                Message::new("msg.unresolved-build-value.unresolved")
                    .text("placeholder", format!("${{{key}}}"))
                    .text("variant", &v.name)
                    .part("why", why),
            ));
        }
        let path = main_display.clone().unwrap_or_else(|| m.build_file.clone());
        let (dir, display_dir) = match self.module_dir(app) {
            Some((d, s)) => (d.clone(), s.clone()),
            None => (PathBuf::new(), String::new()),
        };
        let report = self.find_report(&dir, &display_dir, v, claimed_reports)?;
        let mut input = match self.merged_output(&dir, &display_dir, v)? {
            Some((display, bytes, modified)) => {
                let mut parsed = android::parse_manifest_within(&display, &bytes, self.budget)?;
                parsed.kind = InputKind::MergedManifest;
                let newest = self.newest_source(&manifests, m);
                if let (Some(made), Some((newest, newest_display))) = (modified, newest)
                    && newest.duration_since(made).is_ok_and(|d| d.as_secs() >= 2)
                {
                    notes.push(note(
                        &Location::file(&display),
                        Message::new("msg.unresolved-build-value.stale-merged")
                            .text("file", newest_display),
                    ));
                }
                parsed
            }
            None => {
                let mut p = ParsedInput::new(&path, InputKind::GradleVariant, merged.requests);
                p.removals = merged.removals;
                mark_own(&mut p.requests, &merged.own, &merged.own_trees);
                p
            }
        };
        if let Some((report_display, entries)) = report {
            self.attribute(&mut input, &report_display, &entries, &display_dir);
        }
        input.build = Some(v.name.clone());
        // In the order, and with the duplicates dropped, of the English text: the same in every
        // language, and the order the notes had when they were English strings.
        let mut keyed: Vec<(Location, String, InputNote)> = notes
            .into_iter()
            .map(|n| {
                let english = crate::i18n::Lang::En.plain(&n.message);
                (n.location.clone(), english, n)
            })
            .collect();
        keyed.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        keyed.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
        input.notes = keyed.into_iter().map(|(_, _, n)| n).collect();
        Ok(input)
    }

    fn newest_source(
        &self,
        manifests: &[(String, SourceManifest, Option<String>, Option<String>)],
        m: &Module,
    ) -> Option<(std::time::SystemTime, String)> {
        let mut newest: Option<(std::time::SystemTime, String)> = None;
        let displays = manifests
            .iter()
            .map(|x| x.0.clone())
            .chain(std::iter::once(m.build_file.clone()));
        for display in displays {
            let path = self
                .cache
                .iter()
                .find(|(_, (d, _))| *d == display)
                .map(|(p, _)| p.clone())
                .or_else(|| {
                    self.project
                        .modules
                        .values()
                        .filter_map(|(_, _, s)| s.as_ref())
                        .find(|s| s.display == display)
                        .map(|s| s.path.clone())
                });
            if let Some(t) = path
                .and_then(|p| std::fs::metadata(p).ok())
                .and_then(|md| md.modified().ok())
                && newest.as_ref().is_none_or(|(n, _)| t > *n)
            {
                newest = Some((t, display));
            }
        }
        newest
    }

    /// The merged manifest AGP wrote for `v`, if the tree has one.
    fn merged_output(
        &self,
        dir: &Path,
        display_dir: &str,
        v: &Variant,
    ) -> Result<Option<Output>, InputError> {
        let mut names = vec![v.name.clone()];
        names.extend(flavor_combination(v).map(|c| format!("{c}/{}", v.build_type)));
        for base in [
            "build/intermediates/merged_manifest",
            "build/intermediates/merged_manifests",
            "build/intermediates/manifests/full",
        ] {
            for name in &names {
                let rel = format!("{base}/{name}");
                let d = dir.join(&rel);
                if !d.is_dir() {
                    continue;
                }
                if let Some(found) = find_manifest(&d, 0) {
                    let suffix = found
                        .strip_prefix(&d)
                        .map(crate::display::slashes)
                        .unwrap_or_default();
                    let display = join(display_dir, &format!("{rel}/{suffix}"));
                    let bytes = self.read(&found, &display, MAX_MANIFEST_BYTES)?;
                    let modified = std::fs::metadata(&found)
                        .ok()
                        .and_then(|m| m.modified().ok());
                    return Ok(Some((display, bytes, modified)));
                }
            }
        }
        Ok(None)
    }

    fn find_report(
        &self,
        dir: &Path,
        display_dir: &str,
        v: &Variant,
        claimed: &mut BTreeSet<PathBuf>,
    ) -> Result<Option<(String, Vec<report::Entry>)>, InputError> {
        let mut stems = vec![v.name.clone()];
        stems.extend(flavor_combination(v).map(|c| format!("{c}-{}", v.build_type)));
        let mut candidates: Vec<(PathBuf, String)> = Vec::new();
        for stem in &stems {
            let file = format!("manifest-merger-{stem}-report.txt");
            for rel in [format!("build/outputs/logs/{file}"), file.clone()] {
                candidates.push((dir.join(&rel), join(display_dir, &rel)));
            }
        }
        // Discovered reports keep the display path discovery gave them.
        for (path, display) in candidates {
            if !path.is_file() {
                continue;
            }
            let display = self
                .reports
                .iter()
                .find(|r| self.real.of(&r.path) == self.real.of(&path))
                .map_or(display, |r| r.display.clone());
            let bytes = self.read(&path, &display, report::MAX_BYTES)?;
            let entries = report::parse(&display, &bytes)?;
            claimed.insert(self.real.of(&path));
            return Ok(Some((display, entries)));
        }
        Ok(None)
    }

    /// Attributes each request to the declaration the report says added it, and adds the
    /// requests only the report shows (a library's, when no merged manifest is present).
    fn attribute(
        &self,
        input: &mut ParsedInput,
        report_display: &str,
        entries: &[report::Entry],
        display_dir: &str,
    ) {
        let merged_output = input.kind == InputKind::MergedManifest;
        let known: Vec<String> = self.cache.values().map(|(d, _)| d.clone()).collect();
        let tree_file = |file: &str| -> Option<String> {
            let norm = file.replace('\\', "/");
            if !norm.starts_with('/') && !norm.contains(":/") {
                return Some(join(display_dir, &norm));
            }
            // An absolute path of the machine that built: match the longest tail that is a
            // manifest of this tree.
            known
                .iter()
                .filter(|k| {
                    let rel = k
                        .strip_prefix(display_dir)
                        .map(|r| r.trim_start_matches('/'))
                        .unwrap_or(k);
                    !rel.is_empty() && norm.ends_with(&format!("/{rel}"))
                })
                .max_by_key(|k| k.len())
                .cloned()
        };
        let element_of = |r: &Request| {
            if r.sdk23_only {
                "uses-permission-sdk-23"
            } else {
                "uses-permission"
            }
        };
        for r in &mut input.requests {
            let Some(entry) = entries
                .iter()
                .find(|e| e.key == r.permission && e.element == element_of(r))
            else {
                continue;
            };
            let Some(added) = entry.added() else { continue };
            let report_at = Location::at(report_display, added.report_line, 1);
            match (&added.library, added.action) {
                (_, report::Action::Implied) => {
                    let by = added.reason.as_ref().map_or_else(
                        || crate::model::Message::new("origin.merger"),
                        crate::model::Message::name,
                    );
                    r.origin = Some(Origin {
                        via: by,
                        location: Some(r.location.clone()),
                        kind: crate::model::OriginKind::Implied,
                        source: None,
                    });
                    r.location = report_at;
                }
                (Some(lib), _) => {
                    r.origin = Some(Origin {
                        via: crate::model::Message::name(lib),
                        location: Some(r.location.clone()),
                        kind: crate::model::OriginKind::Library,
                        source: None,
                    });
                    r.location = report_at;
                }
                (None, _) => {
                    if merged_output
                        && let (Some(file), Some(line)) = (&added.file, added.line)
                        && let Some(path) = tree_file(file)
                    {
                        r.location = Location {
                            path,
                            line: Some(line),
                            column: None,
                            span: None,
                        };
                    }
                }
            }
        }
        if merged_output {
            return;
        }
        for e in entries {
            if e.element == "permission" {
                continue;
            }
            let sdk23 = e.element != "uses-permission";
            if input
                .requests
                .iter()
                .any(|r| r.permission == e.key && r.sdk23_only == sdk23)
            {
                continue;
            }
            let Some(added) = e.added() else { continue };
            let by = added
                .library
                .clone()
                .or_else(|| added.reason.clone())
                .or_else(|| added.file.clone())
                .unwrap_or_default();
            input.requests.push(Request {
                permission: e.key.clone(),
                location: Location::at(report_display, added.report_line, 1),
                max_sdk: None,
                sdk23_only: sdk23,
                own: false,
                purpose: None,
                localizations: Vec::new(),
                origin: Some(Origin {
                    via: crate::model::Message::name(by),
                    location: None,
                    kind: if added.action == report::Action::Implied {
                        crate::model::OriginKind::Implied
                    } else {
                        crate::model::OriginKind::Library
                    },
                    source: None,
                }),
            });
        }
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The first `AndroidManifest.xml` at or below `dir` (two levels at most, names sorted).
fn find_manifest(dir: &Path, depth: usize) -> Option<PathBuf> {
    let direct = dir.join("AndroidManifest.xml");
    if direct.is_file() {
        return Some(direct);
    }
    if depth >= 2 {
        return None;
    }
    let mut subdirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    subdirs.sort();
    subdirs
        .into_iter()
        .find_map(|d| find_manifest(&d, depth + 1))
}

fn note(location: &Location, message: Message) -> InputNote {
    InputNote {
        rule: crate::model::NoteRule::UnresolvedBuildValue,
        location: location.clone(),
        setting: NOTE_SETTING.to_owned(),
        message,
    }
}

fn mark_own(requests: &mut [Request], own: &[String], trees: &[String]) {
    for r in requests {
        let declared = own.contains(&r.permission)
            || trees.iter().any(|t| {
                r.permission
                    .strip_prefix(t.as_str())
                    .is_some_and(|rest| rest.starts_with('.'))
            });
        r.own = declared && !crate::input::manifest::is_system_permission(&r.permission);
    }
}
