//! `*.xcodeproj/project.pbxproj` → one [`ParsedInput`] per shipped target: the Info.plist
//! Xcode builds for it in the chosen configuration.
//!
//! What decides the built Info.plist (Xcode's build settings reference):
//! - `INFOPLIST_FILE`: the plist file the build starts from, relative to `SRCROOT`;
//! - `GENERATE_INFOPLIST_FILE = YES`: Xcode adds every `INFOPLIST_KEY_<key>` setting to it.
//!   When the file and a setting set one key, the file's value is the one that ships (the
//!   generated keys are defaults the file overrides); permaudit locates such a request at the
//!   file's line;
//! - `GENERATE_INFOPLIST_FILE = NO` (the default): `INFOPLIST_KEY_*` settings are ignored by
//!   Xcode; permaudit says so in a note at each purpose-string setting.
//!
//! Settings come from the levels described in [`super::settings`]. Test bundles, frameworks,
//! libraries and other bundles that are not apps or app extensions are not audited: iOS reads
//! purpose strings only from an app's or extension's own Info.plist.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::openstep::{self, Node, Value};
use super::settings::{Assignment, ExpandError, Levels, builtins};
use super::{ApplePlatform, XcodeOptions};
use crate::input::InputError;
use crate::input::plist::is_usage_key;
use crate::model::{InputKind, Location, ParsedInput, Request};

/// Largest project.pbxproj read: the biggest real ones are a few MB.
pub const MAX_PBXPROJ_BYTES: u64 = 32 * 1024 * 1024;

/// Prefix of the build settings Xcode turns into Info.plist keys.
pub const INFOPLIST_KEY_PREFIX: &str = "INFOPLIST_KEY_";

/// What reading one project gave.
#[derive(Debug, Default)]
pub struct ProjectOutcome {
    /// One input per shipped target.
    pub inputs: Vec<ParsedInput>,
    /// Files the project reads as a target's Info.plist (shipped or not): discovery does not
    /// audit them a second time as loose files.
    pub claimed: Vec<PathBuf>,
}

/// Product types whose Info.plist iOS, macOS, watchOS, tvOS and visionOS read purpose strings
/// from: apps, app extensions, App Clips and watch apps.
pub(crate) fn is_app_bundle(product_type: &str) -> bool {
    let t = product_type
        .strip_prefix("com.apple.product-type.")
        .unwrap_or(product_type);
    !t.ends_with("-container")
        && (t.starts_with("application")
            || t.contains("extension")
            || t.starts_with("watchapp")
            || t == "messages-application"
            || t == "app-clip")
}

/// What the product type is called in messages.
fn product_kind(product_type: &str) -> &str {
    product_type
        .strip_prefix("com.apple.product-type.")
        .unwrap_or(product_type)
}

struct Project<'a> {
    display: &'a str,
    /// The folder holding the `.xcodeproj` (plus `projectDirPath`): `SRCROOT`.
    src_root: PathBuf,
    /// `src_root` as displayed.
    src_display: String,
    /// Objects by id (looked up only, never listed: no order needed).
    objects: HashMap<&'a str, &'a Node<'a>, foldhash::fast::RandomState>,
    parents: HashMap<&'a str, &'a str, foldhash::fast::RandomState>,
    /// Lines and columns of the tree's offsets.
    positions: openstep::Positions<'a>,
    /// Paths of the groups asked for so far: a localized file's path is its group's path and
    /// its own, and a group of forty languages would otherwise walk its group chain forty
    /// times.
    group_paths: std::cell::RefCell<HashMap<&'a str, Option<PathBuf>, foldhash::fast::RandomState>>,
    /// What the project may read.
    jail: super::Jail,
}

fn str_of<'a>(node: &'a Node<'_>, key: &str) -> Option<&'a str> {
    node.value.get(key)?.value.value.as_str()
}

fn list_of<'a>(node: &'a Node<'_>, key: &str) -> Vec<&'a str> {
    node.value
        .get(key)
        .and_then(|e| e.value.value.as_array())
        .map(|a| a.iter().filter_map(|n| n.value.as_str()).collect())
        .unwrap_or_default()
}

impl<'a> Project<'a> {
    /// The place in the project file of the byte at offset `at`.
    fn at(&self, at: u32) -> Location {
        let (line, column) = self.positions.of(at);
        Location::at(self.display, line, column)
    }

    fn err(&self, at: u32, message: impl Into<String>) -> InputError {
        InputError::invalid(self.at(at), message)
    }

    fn object(
        &self,
        id: &str,
        wanted: &str,
        from: &openstep::Entry<'_>,
    ) -> Result<&'a Node<'a>, InputError> {
        self.objects.get(id).copied().ok_or_else(|| {
            self.err(
                from.at,
                format!(
                    "`{}` names object {id}, which the project does not define (expected {wanted})",
                    from.key
                ),
            )
        })
    }

    /// The path of a file reference or group, relative to `SRCROOT` where possible.
    fn path_of(&self, id: &str, depth: usize) -> Option<PathBuf> {
        let node = self.objects.get(id)?;
        let own = str_of(node, "path").unwrap_or("");
        let tree = str_of(node, "sourceTree").unwrap_or("<group>");
        let base = match tree {
            "<group>" if depth < 64 => match self.parents.get(id) {
                // Remembered for the parents of the files asked about (depth 0), so a
                // remembered path is always the one this call would have worked out.
                Some(&parent) if depth == 0 => {
                    let known = self.group_paths.borrow().get(parent).cloned();
                    match known {
                        Some(path) => path?,
                        None => {
                            let path = self.path_of(parent, depth + 1);
                            self.group_paths.borrow_mut().insert(parent, path.clone());
                            path?
                        }
                    }
                }
                Some(parent) => self.path_of(parent, depth + 1)?,
                None => self.src_root.clone(),
            },
            "SOURCE_ROOT" | "SRCROOT" | "<group>" => self.src_root.clone(),
            "<absolute>" => PathBuf::new(),
            _ => return None,
        };
        Some(if own.is_empty() { base } else { base.join(own) })
    }
}

/// Reads the project at `xcodeproj` (the `.xcodeproj` folder), shown as `display`.
pub fn read_project(
    xcodeproj: &Path,
    display: &str,
    options: &XcodeOptions,
    limits: &crate::input::Limits,
) -> Result<ProjectOutcome, InputError> {
    let pbx_display = format!("{display}/project.pbxproj");
    let pbx_path = xcodeproj.join("project.pbxproj");
    let jail = super::Jail::around(xcodeproj.parent().unwrap_or(Path::new(".")), limits);
    let bytes = jail.read(&pbx_path, &pbx_display, MAX_PBXPROJ_BYTES)?;
    let arena = bumpalo::Bump::new();
    let positions = openstep::Positions::of_source(&bytes);
    let root = openstep::parse_source(&bytes, &arena).map_err(|e| {
        InputError::invalid(
            Location::at(&pbx_display, e.line, e.column),
            format!("malformed project.pbxproj: {}", e.message),
        )
    })?;
    let top = |at, m: String| {
        let (line, column) = positions.of(at);
        InputError::invalid(Location::at(&pbx_display, line, column), m)
    };
    let objects_entry = root.value.get("objects").ok_or_else(|| {
        top(
            root.at,
            "no `objects` dictionary; expected an Xcode project.pbxproj".into(),
        )
    })?;
    let objects_dict = objects_entry.value.value.as_dict().ok_or_else(|| {
        top(
            objects_entry.at,
            format!(
                "`objects` is {}; expected a dictionary",
                objects_entry.value.value.kind()
            ),
        )
    })?;
    // A later duplicate id wins, as in CFPropertyList.
    let mut objects = HashMap::with_capacity_and_hasher(
        objects_dict.len(),
        foldhash::fast::RandomState::default(),
    );
    for e in objects_dict {
        objects.insert(e.key, &e.value);
    }
    let mut parents = HashMap::with_hasher(foldhash::fast::RandomState::default());
    for e in objects_dict {
        let isa = str_of(&e.value, "isa").unwrap_or("");
        if matches!(isa, "PBXGroup" | "PBXVariantGroup" | "XCVersionGroup") {
            for child in list_of(&e.value, "children") {
                parents.insert(child, e.key);
            }
        }
    }
    let root_entry = root.value.get("rootObject").ok_or_else(|| {
        top(
            root.at,
            "no `rootObject`; expected an Xcode project.pbxproj".into(),
        )
    })?;
    let root_id = root_entry.value.value.as_str().unwrap_or("");
    let dir = xcodeproj.parent().unwrap_or(Path::new("")).to_path_buf();
    let dir_display = display
        .rsplit_once('/')
        .map_or(String::new(), |(d, _)| d.to_owned());
    let mut project = Project {
        display: &pbx_display,
        src_root: dir.clone(),
        src_display: dir_display.clone(),
        objects,
        parents,
        positions,
        group_paths: std::cell::RefCell::default(),
        jail,
    };
    let pbx_project = project.object(root_id, "the PBXProject", root_entry)?;
    if let Some(extra) = str_of(pbx_project, "projectDirPath").filter(|p| !p.is_empty()) {
        project.src_root = dir.join(extra);
        project.group_paths.get_mut().clear();
        project.src_display = crate::display::join(&dir_display, extra);
    }
    let project_name = xcodeproj
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();

    let project_configs = configurations(&project, pbx_project)?;
    let development = str_of(pbx_project, "developmentRegion").unwrap_or("en");
    let regions_at = pbx_project
        .value
        .get("knownRegions")
        .map_or(Location::file(project.display), |e| project.at(e.at));
    let known_regions: Vec<String> = list_of(pbx_project, "knownRegions")
        .into_iter()
        .filter(|r| *r != "Base" && *r != development)
        .map(str::to_owned)
        .collect();
    let regions = Regions {
        known: known_regions,
        at: regions_at,
        development: development.to_owned(),
    };

    let mut outcome = ProjectOutcome::default();
    let targets = pbx_project.value.get("targets");
    for target_id in list_of(pbx_project, "targets") {
        let from = targets.expect("targets listed");
        let target = project.object(target_id, "a target", from)?;
        if str_of(target, "isa") != Some("PBXNativeTarget") {
            continue;
        }
        let name = str_of(target, "name").unwrap_or(target_id).to_owned();
        let product_type = str_of(target, "productType").unwrap_or("");
        let target_configs = configurations(&project, target)?;
        let shipped = is_app_bundle(product_type);
        let chosen = choose_configuration(&project, &target_configs, &name, options, shipped)?;
        let Some((config_name, target_config)) = chosen else {
            continue;
        };
        let project_config = project_configs
            .configs
            .iter()
            .find(|c| c.name == config_name);
        let target_built = TargetBuild::new(
            &project,
            &project_name,
            &name,
            product_type,
            &config_name,
            project_config,
            target_config,
        )?;
        if let Some(file) = &target_built.infoplist_file {
            outcome.claimed.push(file.0.clone());
        }
        if !shipped {
            continue;
        }
        let sources = localization_sources(&project, target, &target_built);
        let mut inputs = target_built.inputs(&project)?;
        for input in &mut inputs {
            localize(
                &project.jail,
                input,
                &sources,
                &regions,
                target_built.infoplist_file.as_ref(),
            )?;
        }
        outcome.inputs.extend(inputs);
    }
    Ok(outcome)
}

/// The languages a project is localized into, besides its development language.
struct Regions {
    known: Vec<String>,
    /// Where `knownRegions` is written.
    at: Location,
    development: String,
}

/// Where a target's localized purpose strings may come from.
#[derive(Debug)]
enum Source {
    /// `<lang>.lproj/InfoPlist.strings`; `listed` is where the project names it, if it does.
    Strings {
        language: String,
        path: PathBuf,
        shown: String,
        listed: Option<Location>,
    },
    /// `InfoPlist.xcstrings`.
    Catalog { path: PathBuf, shown: String },
}

/// The target's `InfoPlist.strings` variant groups and `InfoPlist.xcstrings` catalogs in its
/// Copy Bundle Resources phase, plus those beside its Info.plist and in its synchronized
/// folders (Xcode 16 targets list folders, not files).
fn localization_sources(
    project: &Project<'_>,
    target: &Node<'_>,
    build: &TargetBuild,
) -> Vec<Source> {
    let mut out = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    // By the path's bytes: ordering `Path`s compares them component by component.
    let mut add = |source: Source, seen: &mut std::collections::BTreeSet<std::ffi::OsString>| {
        let path = match &source {
            Source::Strings { path, .. } | Source::Catalog { path, .. } => path,
        };
        // Two spellings of one file (a variant group's path, the folder beside the Info.plist)
        // meet lexically; a file reached through a link as well would only repeat its
        // translations.
        if seen.insert(crate::real_path::lexical(path).into_os_string()) {
            out.push(source);
        }
    };
    for phase_id in list_of(target, "buildPhases") {
        let Some(phase) = project.objects.get(phase_id) else {
            continue;
        };
        if str_of(phase, "isa") != Some("PBXResourcesBuildPhase") {
            continue;
        }
        for file_id in list_of(phase, "files") {
            let Some(file_ref) = project
                .objects
                .get(file_id)
                .and_then(|bf| str_of(bf, "fileRef"))
            else {
                continue;
            };
            let Some(node) = project.objects.get(file_ref) else {
                continue;
            };
            let name = str_of(node, "name").or(str_of(node, "path")).unwrap_or("");
            match str_of(node, "isa") {
                Some("PBXVariantGroup") if name == "InfoPlist.strings" => {
                    let children = node.value.get("children");
                    for child_id in list_of(node, "children") {
                        let Some(child) = project.objects.get(child_id) else {
                            continue;
                        };
                        let Some(path) = project.path_of(child_id, 0) else {
                            continue;
                        };
                        let language = str_of(child, "name")
                            .map(str::to_owned)
                            .or_else(|| path.parent().and_then(super::localized::lproj_language));
                        let Some(language) = language else { continue };
                        if language == "Base" {
                            continue;
                        }
                        let shown = display_of(project, &path);
                        let listed = children.map(|e| {
                            let at = e
                                .value
                                .value
                                .as_array()
                                .and_then(|a| a.iter().find(|n| n.value.as_str() == Some(child_id)))
                                .map_or(e.at, |n| n.at);
                            project.at(at)
                        });
                        add(
                            Source::Strings {
                                language,
                                path,
                                shown,
                                listed,
                            },
                            &mut seen,
                        );
                    }
                }
                Some("PBXFileReference") if name.ends_with("InfoPlist.xcstrings") => {
                    if let Some(path) = project.path_of(file_ref, 0) {
                        let shown = display_of(project, &path);
                        add(Source::Catalog { path, shown }, &mut seen);
                    }
                }
                _ => {}
            }
        }
    }
    let mut dirs: Vec<PathBuf> = Vec::new();
    if let Some((file, _, _)) = &build.infoplist_file {
        dirs.extend(file.parent().map(Path::to_path_buf));
    }
    for group in list_of(target, "fileSystemSynchronizedGroups") {
        dirs.extend(project.path_of(group, 0));
    }
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for entry in entries {
            if let Some(language) = super::localized::lproj_language(&entry) {
                let path = entry.join("InfoPlist.strings");
                if language != "Base" && path.is_file() {
                    let shown = display_of(project, &path);
                    add(
                        Source::Strings {
                            language,
                            path,
                            shown,
                            listed: None,
                        },
                        &mut seen,
                    );
                }
            } else if entry
                .file_name()
                .is_some_and(|n| n == "InfoPlist.xcstrings")
            {
                let shown = display_of(project, &entry);
                add(Source::Catalog { path: entry, shown }, &mut seen);
            }
        }
    }
    out
}

/// Carries every language the app is localized into on each purpose-string request: the
/// translation where a file has one, `None` where none does (iOS then shows the Info.plist
/// text). Languages are the project's `knownRegions`, the Info.plist's
/// `CFBundleLocalizations` and every language with a file, less the development language.
fn localize(
    jail: &super::Jail,
    input: &mut ParsedInput,
    sources: &[Source],
    regions: &Regions,
    plist: Option<&(PathBuf, String, Assignment<'_>)>,
) -> Result<(), InputError> {
    // language → (translations, where the language's file is)
    let mut by_language: BTreeMap<String, (super::localized::Translations, Location)> =
        BTreeMap::new();
    for source in sources {
        match source {
            Source::Strings {
                language,
                path,
                shown,
                listed,
            } => {
                if !path.is_file() {
                    // Listed but absent: Xcode would fail to copy it; the language counts as
                    // untranslated, located where the project lists it.
                    by_language.entry(language.clone()).or_insert_with(|| {
                        (
                            BTreeMap::new(),
                            listed.clone().unwrap_or_else(|| Location::file(shown)),
                        )
                    });
                    continue;
                }
                let t = super::localized::read_strings(jail, path, shown)?;
                let entry = by_language
                    .entry(language.clone())
                    .or_insert_with(|| (BTreeMap::new(), Location::file(shown)));
                entry.0.extend(t);
                entry.1 = Location::file(shown);
            }
            Source::Catalog { path, shown } => {
                for (language, t) in super::localized::read_catalog(jail, path, shown)? {
                    let entry = by_language
                        .entry(language)
                        .or_insert_with(|| (BTreeMap::new(), Location::file(shown)));
                    entry.0.extend(t);
                }
            }
        }
    }
    let mut languages: BTreeMap<String, Location> = BTreeMap::new();
    for l in &regions.known {
        languages.insert(l.clone(), regions.at.clone());
    }
    if let Some((file, shown, _)) = plist {
        for l in bundle_localizations(jail, file, shown) {
            languages.entry(l).or_insert_with(|| Location::file(shown));
        }
    }
    for (l, (_, at)) in &by_language {
        languages.insert(l.clone(), at.clone());
    }
    // The Info.plist text is the development language's, unless a file of that language
    // overrides it (iOS prefers the strings file).
    if !by_language.contains_key(&regions.development) {
        languages.remove(&regions.development);
    }
    if languages.is_empty() {
        return Ok(());
    }
    for request in &mut input.requests {
        request.localizations = languages
            .iter()
            .filter_map(|(language, at)| {
                let found = by_language
                    .get(language)
                    .and_then(|(t, _)| t.get(&request.permission));
                // A key the development language's file leaves out falls back to the
                // Info.plist text, which is already in that language: nothing is untranslated.
                if found.is_none() && *language == regions.development {
                    return None;
                }
                Some(crate::model::Localization {
                    language: language.clone(),
                    purpose: found.map(|(text, _)| text.clone()),
                    location: found.map_or_else(|| at.clone(), |(_, l)| l.clone()),
                })
            })
            .collect();
    }
    Ok(())
}

/// `CFBundleLocalizations` of an Info.plist file (empty when it has none or is unreadable; the
/// plist itself was already read, kept and validated).
fn bundle_localizations(jail: &super::Jail, file: &Path, shown: &str) -> Vec<String> {
    let Ok(bytes) = jail.read(file, shown, crate::input::Limits::DEFAULT_MAX_INPUT_BYTES) else {
        return Vec::new();
    };
    // The key is ASCII, so an XML or binary plist that has it holds its bytes as written
    // (unless XML spells a letter as a character reference): most have none and are not
    // parsed a second time.
    let finder = |needle: &[u8]| memchr::memmem::find(&bytes, needle).is_some();
    if !finder(b"CFBundleLocalizations") && !finder(b"&#") {
        return Vec::new();
    }
    let Ok(value) = plist::Value::from_reader(std::io::Cursor::new(&bytes[..])) else {
        return Vec::new();
    };
    value
        .as_dictionary()
        .and_then(|d| d.get("CFBundleLocalizations"))
        .and_then(plist::Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_string().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// One XCBuildConfiguration: its name, settings and base `.xcconfig` (read only when the
/// configuration is the one audited).
struct Config<'a> {
    name: String,
    /// Its `buildSettings` (checked: every value a string or a list), turned into
    /// [`Assignment`]s only for the configuration audited.
    settings: &'a [openstep::Entry<'a>],
    /// (path, shown, where `baseConfigurationReference` is written).
    xcconfig: Option<(PathBuf, String, Location)>,
}

/// Where CocoaPods writes the `.xcconfig` files it adds to a project: `pod install` generates
/// them and they are usually not committed; they set search paths and linker flags, never an
/// Info.plist key.
const COCOAPODS_SUPPORT: &str = "Pods/Target Support Files/";

impl<'a> Config<'a> {
    /// The build settings, in file order: their names and values are the project file's
    /// text, not copies.
    fn assignments(&self, project: &Project<'_>) -> Vec<Assignment<'a>> {
        self.settings
            .iter()
            .map(|s| {
                let key: &'a str = s.key;
                let (key, condition) = match key.split_once('[') {
                    Some((k, c)) => {
                        let c = c.trim_end_matches(']');
                        let c = if c.contains("][") {
                            Cow::Owned(c.replace("][", ","))
                        } else {
                            Cow::Borrowed(c)
                        };
                        (k, Some(c))
                    }
                    None => (key, None),
                };
                let value = match &s.value.value {
                    Value::String(v) => Cow::Borrowed(*v),
                    // A list-valued setting is space-joined, as Xcode evaluates it.
                    Value::Array(items) => Cow::Owned(
                        items
                            .iter()
                            .filter_map(|n| n.value.as_str())
                            .collect::<Vec<_>>()
                            .join(" "),
                    ),
                    // Refused when the configuration was read.
                    _ => Cow::Borrowed(""),
                };
                Assignment {
                    key: Cow::Borrowed(key),
                    condition,
                    value,
                    location: project.at(s.at).with_span(project.positions.key_span(s)),
                }
            })
            .collect()
    }

    /// The settings of the base `.xcconfig`, with a note when it is a CocoaPods file that is
    /// not there.
    fn read_xcconfig(
        &self,
        jail: &super::Jail,
        notes: &mut Vec<crate::model::InputNote>,
    ) -> Result<Vec<Assignment<'static>>, InputError> {
        let Some((path, shown, at)) = &self.xcconfig else {
            return Ok(Vec::new());
        };
        if !path.is_file() {
            if shown.contains(COCOAPODS_SUPPORT) {
                notes.push(crate::model::InputNote {
                    rule: crate::model::NoteRule::IgnoredBuildSetting,
                    location: at.clone(),
                    setting: "baseConfigurationReference".to_owned(),
                    message: crate::model::Message::new("msg.ignored-build-setting.pods")
                        .text("file", shown.as_str()),
                });
                return Ok(Vec::new());
            }
            return Err(InputError::invalid(
                at.clone(),
                format!(
                    "baseConfigurationReference names {shown}, which does not exist; Xcode \
                     cannot build configuration {}",
                    self.name
                ),
            ));
        }
        super::xcconfig::read(jail, path, shown)
    }
}

struct ConfigList<'a> {
    configs: Vec<Config<'a>>,
    default: Option<String>,
}

fn configurations<'a>(
    project: &Project<'a>,
    owner: &Node<'_>,
) -> Result<ConfigList<'a>, InputError> {
    let Some(entry) = owner.value.get("buildConfigurationList") else {
        return Ok(ConfigList {
            configs: Vec::new(),
            default: None,
        });
    };
    let id = entry.value.value.as_str().unwrap_or("");
    let list = project.object(id, "an XCConfigurationList", entry)?;
    let mut configs = Vec::new();
    let configs_entry = list.value.get("buildConfigurations");
    for config_id in list_of(list, "buildConfigurations") {
        let Some(from) = configs_entry else { break };
        let config = project.object(config_id, "an XCBuildConfiguration", from)?;
        let name = str_of(config, "name").unwrap_or("").to_owned();
        let mut settings_of: &[openstep::Entry<'_>] = &[];
        if let Some(settings) = config.value.get("buildSettings") {
            let Some(dict) = settings.value.value.as_dict() else {
                return Err(project.err(
                    settings.at,
                    format!(
                        "buildSettings is {}; expected a dictionary",
                        settings.value.value.kind()
                    ),
                ));
            };
            for s in dict {
                match &s.value.value {
                    Value::String(_) | Value::Array(_) => {}
                    other => {
                        return Err(project.err(
                            s.at,
                            format!(
                                "build setting {} is {}; expected a string",
                                s.key,
                                other.kind()
                            ),
                        ));
                    }
                }
            }
            settings_of = dict;
        }
        let mut xcconfig = None;
        if let Some(base) = config.value.get("baseConfigurationReference") {
            let id = base.value.value.as_str().unwrap_or("");
            project.object(id, "a PBXFileReference", base)?;
            let path = project.path_of(id, 0).ok_or_else(|| {
                project.err(base.at, format!("baseConfigurationReference {id}: its location (sourceTree) cannot be resolved inside the project folder"))
            })?;
            let shown = display_of(project, &path);
            xcconfig = Some((path, shown, project.at(base.at)));
        }
        configs.push(Config {
            name,
            settings: settings_of,
            xcconfig,
        });
    }
    Ok(ConfigList {
        configs,
        default: str_of(list, "defaultConfigurationName").map(str::to_owned),
    })
}

/// The display path of `path`, which lies under the project's folder when Xcode can build it.
fn display_of(project: &Project<'_>, path: &Path) -> String {
    // Most paths are the project folder and plain names: compared as text, without taking
    // either apart into components.
    if !cfg!(windows)
        && let (Some(full), Some(root)) = (path.to_str(), project.src_root.to_str())
        && let Some(rest) = full.strip_prefix(root).and_then(|r| r.strip_prefix('/'))
        && !rest.is_empty()
        && rest
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
    {
        return crate::display::join(&project.src_display, rest);
    }
    let relative = path.strip_prefix(&project.src_root).unwrap_or(path);
    let mut parts: Vec<String> = Vec::new();
    for c in relative.components() {
        match c {
            std::path::Component::ParentDir if parts.last().is_some_and(|p| p != "..") => {
                parts.pop();
            }
            std::path::Component::CurDir => {}
            other => parts.push(other.as_os_str().to_string_lossy().into_owned()),
        }
    }
    crate::display::join(&project.src_display, &parts.join("/"))
}

fn choose_configuration<'c>(
    project: &Project<'_>,
    list: &'c ConfigList<'_>,
    target: &str,
    options: &XcodeOptions,
    shipped: bool,
) -> Result<Option<(String, &'c Config<'c>)>, InputError> {
    let wanted = options.configuration.as_deref().unwrap_or("Release");
    if let Some(c) = list.configs.iter().find(|c| c.name == wanted) {
        return Ok(Some((c.name.clone(), c)));
    }
    let names: Vec<&str> = list.configs.iter().map(|c| c.name.as_str()).collect();
    if options.configuration.is_some() && shipped {
        return Err(InputError::invalid(
            Location::file(project.display),
            format!(
                "target {target} has no build configuration named {wanted} (it has: {}); choose \
                 one with --configuration",
                names.join(", ")
            ),
        ));
    }
    // No Release: the configuration `xcodebuild` uses when none is named.
    let fallback = list
        .default
        .as_deref()
        .and_then(|d| list.configs.iter().find(|c| c.name == d))
        .or_else(|| list.configs.first());
    Ok(fallback.map(|c| (c.name.clone(), c)))
}

/// The settings of one target in one configuration, and what they decide.
struct TargetBuild<'a> {
    name: String,
    configuration: String,
    platform: ApplePlatform,
    catalyst: bool,
    levels: Levels<'a>,
    /// (path to open, path shown, the setting) of `INFOPLIST_FILE`.
    infoplist_file: Option<(PathBuf, String, Assignment<'a>)>,
    generate: Option<(bool, Assignment<'a>)>,
    /// Notes from reading the configuration files.
    notes: Vec<crate::model::InputNote>,
}

/// The platform an SDK name builds for.
fn platform_of_sdk(sdk: &str) -> Option<ApplePlatform> {
    let sdk = sdk.trim().to_ascii_lowercase();
    if sdk.starts_with("iphone") {
        Some(ApplePlatform::Ios)
    } else if sdk.starts_with("macosx") {
        Some(ApplePlatform::Macos)
    } else if sdk.starts_with("watch") {
        Some(ApplePlatform::Watchos)
    } else if sdk.starts_with("appletv") {
        Some(ApplePlatform::Tvos)
    } else if sdk.starts_with("xr") {
        Some(ApplePlatform::Visionos)
    } else {
        None
    }
}

fn sdk_name(platform: ApplePlatform) -> &'static str {
    match platform {
        ApplePlatform::Ios => "iphoneos",
        ApplePlatform::Macos => "macosx",
        ApplePlatform::Watchos => "watchos",
        ApplePlatform::Tvos => "appletvos",
        ApplePlatform::Visionos => "xros",
    }
}

fn expand_error(a: &Assignment<'_>, e: &ExpandError) -> InputError {
    InputError::invalid(
        a.location.clone(),
        format!(
            "{} = {}: {e}; permaudit cannot tell which Info.plist Xcode builds",
            a.key, a.value
        ),
    )
}

impl<'a> TargetBuild<'a> {
    #[allow(clippy::too_many_arguments)]
    fn new(
        project: &Project<'_>,
        project_name: &str,
        name: &str,
        product_type: &str,
        configuration: &str,
        project_config: Option<&Config<'a>>,
        target_config: &Config<'a>,
    ) -> Result<Self, InputError> {
        let mut values: BTreeMap<&'static str, String> = BTreeMap::new();
        for k in ["SRCROOT", "PROJECT_DIR", "SOURCE_ROOT"] {
            values.insert(k, ".".to_owned());
        }
        values.insert("TARGET_NAME", name.to_owned());
        values.insert("TARGETNAME", name.to_owned());
        values.insert("PRODUCT_NAME", "$(TARGET_NAME)".to_owned());
        values.insert("PROJECT_NAME", project_name.to_owned());
        values.insert("PROJECT", project_name.to_owned());
        values.insert("CONFIGURATION", configuration.to_owned());
        let mut notes = Vec::new();
        let mut levels = vec![builtins(values)];
        if let Some(p) = project_config {
            levels.push(p.read_xcconfig(&project.jail, &mut notes)?);
            levels.push(p.assignments(project));
        }
        levels.push(target_config.read_xcconfig(&project.jail, &mut notes)?);
        levels.push(target_config.assignments(project));

        // The SDK decides which conditional settings apply, so read it unconditionally first.
        let plain = Levels::new(levels, "", configuration);
        let setting = |key: &str| -> Result<Option<(String, Assignment<'a>)>, InputError> {
            match plain.get(key) {
                None => Ok(None),
                Some(Ok((v, a))) => Ok(Some((v, a.clone()))),
                Some(Err(e)) => Err(expand_error(plain.assignment(key).expect("set"), &e)),
            }
        };
        let sdkroot = setting("SDKROOT")?;
        let supported = setting("SUPPORTED_PLATFORMS")?;
        let kind = product_kind(product_type);
        let from_sdk = sdkroot.as_ref().and_then(|(v, _)| platform_of_sdk(v));
        let from_supported = supported.as_ref().and_then(|(v, _)| {
            let platforms: Vec<ApplePlatform> =
                v.split_whitespace().filter_map(platform_of_sdk).collect();
            [
                ApplePlatform::Ios,
                ApplePlatform::Watchos,
                ApplePlatform::Tvos,
                ApplePlatform::Visionos,
                ApplePlatform::Macos,
            ]
            .into_iter()
            .find(|p| platforms.contains(p))
        });
        let platform = if kind.contains("watch") {
            ApplePlatform::Watchos
        } else {
            from_sdk.or(from_supported).unwrap_or(ApplePlatform::Ios)
        };
        let catalyst = platform == ApplePlatform::Ios
            && setting("SUPPORTS_MACCATALYST")?.is_some_and(|(v, _)| v.eq_ignore_ascii_case("YES"));
        let levels = plain.with_sdk(sdk_name(platform));

        let get = |key: &str| -> Result<Option<(String, Assignment<'a>)>, InputError> {
            match levels.get(key) {
                None => Ok(None),
                Some(Ok((v, a))) => Ok(Some((v, a.clone()))),
                Some(Err(e)) => Err(expand_error(levels.assignment(key).expect("set"), &e)),
            }
        };
        let generate =
            get("GENERATE_INFOPLIST_FILE")?.map(|(v, a)| (v.eq_ignore_ascii_case("YES"), a));
        let infoplist_file = match get("INFOPLIST_FILE")? {
            Some((v, a)) if !v.trim().is_empty() => {
                let relative = v.trim().trim_start_matches("./");
                if Path::new(relative).is_absolute() {
                    return Err(InputError::invalid(
                        a.location.clone(),
                        format!(
                            "INFOPLIST_FILE = {v} is an absolute path; expected a path inside the project folder"
                        ),
                    ));
                }
                let path = project.src_root.join(relative);
                let shown = display_of(project, &path);
                Some((path, shown, a))
            }
            _ => None,
        };
        Ok(TargetBuild {
            name: name.to_owned(),
            configuration: configuration.to_owned(),
            platform,
            catalyst,
            levels,
            infoplist_file,
            generate,
            notes,
        })
    }

    /// The built Info.plist's requests, as one input (two for an iOS app also built for Mac
    /// Catalyst, which is a macOS app).
    fn inputs(&self, project: &Project<'_>) -> Result<Vec<ParsedInput>, InputError> {
        let generate = self.generate.as_ref().is_some_and(|(g, _)| *g);
        let mut requests: Vec<Request> = Vec::new();
        let mut notes = self.notes.clone();
        let mut kind = InputKind::XcodeProject;
        let mut path = project.display.to_owned();
        if let Some((file, shown, setting)) = &self.infoplist_file {
            if !file.is_file() {
                return Err(InputError::invalid(
                    setting.location.clone(),
                    format!(
                        "INFOPLIST_FILE = {} names {shown}, which does not exist; Xcode cannot \
                         build target {} ({})",
                        setting.value, self.name, self.configuration
                    ),
                ));
            }
            let bytes =
                project
                    .jail
                    .read(file, shown, crate::input::Limits::DEFAULT_MAX_INPUT_BYTES)?;
            // The platform is the target's (below), not guessed from the file.
            let parsed = crate::input::plist::parse_plist_requests(shown, &bytes)?;
            path = shown.clone();
            kind = parsed.kind;
            for mut r in parsed.requests {
                if let Some(p) = &r.purpose {
                    // INFOPLIST_EXPAND_BUILD_SETTINGS (on by default) expands $(…) in values;
                    // a reference to something undefined stays as written.
                    if p.contains('$') {
                        if let Ok(v) = expand_text(&self.levels, p) {
                            r.purpose = Some(v);
                        }
                    }
                }
                requests.push(r);
            }
        }
        let keys = self.levels.keys_with_prefix(INFOPLIST_KEY_PREFIX);
        for setting_key in keys {
            let key = &setting_key[INFOPLIST_KEY_PREFIX.len()..];
            let base = crate::input::plist::base_key(key);
            if !is_usage_key(base) {
                continue;
            }
            let Some(a) = self.levels.assignment(&setting_key) else {
                continue;
            };
            if !generate {
                let why = match &self.generate {
                    Some((_, g)) => crate::model::Message::new("msg.ignored-build-setting.no")
                        .text("at", g.location.to_string()),
                    None => crate::model::Message::new("msg.ignored-build-setting.unset"),
                };
                let file = match &self.infoplist_file {
                    Some(f) => crate::model::Message::new("msg.name").text("name", f.1.as_str()),
                    None => crate::model::Message::new("msg.ignored-build-setting.a-plist"),
                };
                notes.push(crate::model::InputNote {
                    rule: crate::model::NoteRule::IgnoredBuildSetting,
                    location: a.location.clone(),
                    setting: setting_key.clone(),
                    message: crate::model::Message::new("msg.ignored-build-setting")
                        .text("setting", setting_key.as_str())
                        .part("why", why)
                        .text("key", base)
                        .text("target", self.name.as_str())
                        .text("configuration", self.configuration.as_str())
                        .part("file", file),
                });
                continue;
            }
            if requests.iter().any(|r| r.permission == base) {
                // The Info.plist file's own value wins; it is the request's location.
                continue;
            }
            let purpose = match self.levels.get(&setting_key) {
                Some(Ok((v, _))) => v,
                _ => a.value.to_string(),
            };
            requests.push(Request {
                permission: base.to_owned(),
                location: a.location.clone(),
                max_sdk: None,
                sdk23_only: false,
                own: false,
                purpose: Some(purpose),
                localizations: Vec::new(),
                origin: None,
            });
        }
        if self.infoplist_file.is_none() && !generate {
            return Err(InputError::invalid(
                Location::file(project.display),
                format!(
                    "target {} ({}) has neither INFOPLIST_FILE nor GENERATE_INFOPLIST_FILE = YES, \
                     so permaudit cannot tell what its Info.plist holds",
                    self.name, self.configuration
                ),
            ));
        }
        let build = format!("{} ({})", self.name, self.configuration);
        let mut input = ParsedInput {
            path,
            kind,
            requests,
            removals: Vec::new(),
            build: Some(build.clone()),
            apple_platform: Some(self.platform),
            notes,
        };
        crate::input::plist::fold_device_keys(&mut input.requests);
        let mut out = vec![input.clone()];
        if self.catalyst {
            input.build = Some(format!(
                "{} ({}, Mac Catalyst)",
                self.name, self.configuration
            ));
            input.apple_platform = Some(ApplePlatform::Macos);
            input.notes.clear();
            out.push(input);
        }
        Ok(out)
    }
}

fn expand_text(levels: &Levels<'_>, text: &str) -> Result<String, ExpandError> {
    levels.expand_value(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_bundles() {
        for t in [
            "com.apple.product-type.application",
            "com.apple.product-type.app-extension",
            "com.apple.product-type.application.watchapp2",
            "com.apple.product-type.watchkit2-extension",
            "com.apple.product-type.application.on-demand-install-capable",
            "com.apple.product-type.extensionkit-extension",
        ] {
            assert!(is_app_bundle(t), "{t}");
        }
        for t in [
            "com.apple.product-type.bundle.unit-test",
            "com.apple.product-type.bundle.ui-testing",
            "com.apple.product-type.framework",
            "com.apple.product-type.library.static",
            "com.apple.product-type.application.watchapp2-container",
            "com.apple.product-type.tool",
        ] {
            assert!(!is_app_bundle(t), "{t}");
        }
    }

    #[test]
    fn bundle_localizations_in_every_plist_form() {
        let dir = tempfile::tempdir().unwrap();
        let jail = super::super::Jail::around(dir.path(), &Default::default());
        let xml = |body: &str| {
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\"><dict>{body}\
                 </dict></plist>\n"
            )
        };
        let mut binary = Vec::new();
        let mut dict = plist::Dictionary::new();
        dict.insert(
            "CFBundleLocalizations".into(),
            plist::Value::Array(vec!["en".into(), "ja".into()]),
        );
        plist::Value::Dictionary(dict)
            .to_writer_binary(&mut binary)
            .unwrap();
        let cases: [(&str, Vec<u8>, &[&str]); 4] = [
            (
                "plain.plist",
                xml("<key>CFBundleLocalizations</key><array><string>en</string>\
                     <string>zh-Hans</string></array>")
                .into_bytes(),
                &["en", "zh-Hans"],
            ),
            // A letter of the key written as a character reference is still the key.
            (
                "escaped.plist",
                xml("<key>CFBundle&#76;ocalizations</key><array><string>de</string></array>")
                    .into_bytes(),
                &["de"],
            ),
            ("binary.plist", binary, &["en", "ja"]),
            (
                "none.plist",
                xml("<key>CFBundleName</key><string>Tally</string>").into_bytes(),
                &[],
            ),
        ];
        for (name, bytes, want) in cases {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            assert_eq!(bundle_localizations(&jail, &path, name), want, "{name}");
        }
    }
}
