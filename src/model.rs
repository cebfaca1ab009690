//! The values that flow through permaudit: what an app requests, what a policy discloses, and
//! the findings that come out of comparing the two.
//!
//! Everything here is plain data. Parsing lives in `input` and `policy`, judgement in `audit`,
//! rendering in `report`; this module only names things so those stages agree.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The mobile platform a permission belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    /// Android: permissions are `<uses-permission>` names in `AndroidManifest.xml`.
    Android,
    /// iOS: permissions are privacy purpose-string keys in `Info.plist` (watchOS, tvOS and
    /// visionOS builds are audited with iOS).
    Ios,
    /// macOS (Mac Catalyst included): the same purpose-string keys, audited only against a
    /// policy's `macos` table, never pooled with iOS.
    Macos,
}

impl Platform {
    /// Lower-case name used in reports and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Android => "android",
            Platform::Ios => "ios",
            Platform::Macos => "macos",
        }
    }

    /// Name as a person writes it, for messages.
    pub fn display_name(self) -> &'static str {
        match self {
            Platform::Android => "Android",
            Platform::Ios => "iOS",
            Platform::Macos => "macOS",
        }
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The Apple operating system an Info.plist is built for. iOS, watchOS, tvOS and visionOS
/// inputs are audited against the policy's `ios` table (a watch app and extensions ship inside
/// the iOS app); a macOS input (Mac Catalyst included) only ever against a `macos` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ApplePlatform {
    /// iOS and iPadOS.
    Ios,
    /// macOS, Mac Catalyst included.
    Macos,
    /// watchOS.
    Watchos,
    /// tvOS.
    Tvos,
    /// visionOS.
    Visionos,
}

impl ApplePlatform {
    /// Lower-case name used in reports and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ApplePlatform::Ios => "ios",
            ApplePlatform::Macos => "macos",
            ApplePlatform::Watchos => "watchos",
            ApplePlatform::Tvos => "tvos",
            ApplePlatform::Visionos => "visionos",
        }
    }
}

impl fmt::Display for ApplePlatform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where something was found. Lines and columns are 1-based; columns count Unicode scalar
/// values, not bytes, so they match what an editor shows. Inputs without lines (binary plists)
/// and the rare value whose position is unknown carry `None`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// Path as given on the command line, or joined onto the directory given; `/`-separated.
    pub path: String,
    /// 1-based line, when the format has lines.
    pub line: Option<u32>,
    /// 1-based column of the construct's first character.
    pub column: Option<u32>,
    /// The bytes of the name the location is about (the manifest's `android:name` value, the
    /// plist key, the policy's list item), when the reader knows them: the caret of a
    /// snippet goes under exactly these. Never in a machine report, whose columns stay the
    /// construct's start.
    pub span: Option<Span>,
}

/// A byte range of a file as it was read (a byte-order mark included): `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// Offset of the first byte.
    pub start: u32,
    /// Offset just past the last byte.
    pub end: u32,
}

impl Span {
    /// The span `start..end`, saturating offsets past 4 GiB (no file permaudit reads is that
    /// large); `None` when it would be empty or reversed.
    pub fn new(start: usize, end: usize) -> Option<Self> {
        (start < end).then(|| Span {
            start: saturating_u32(start),
            end: saturating_u32(end),
        })
    }
}

impl Location {
    /// A location that names a file only.
    pub fn file(path: impl Into<String>) -> Self {
        Location {
            path: path.into(),
            line: None,
            column: None,
            span: None,
        }
    }

    /// A location at a line and column of a file.
    pub fn at(path: impl Into<String>, line: u32, column: u32) -> Self {
        Location {
            path: path.into(),
            line: Some(line),
            column: Some(column),
            span: None,
        }
    }

    /// This location with the bytes of its name, when known.
    #[must_use]
    pub fn with_span(mut self, span: Option<Span>) -> Self {
        self.span = span;
        self
    }

    /// A location at a parser's line and column, in whatever integer it counts them: line 0
    /// (the parsers' "no position") names the file only, and values past `u32::MAX` saturate.
    pub fn at_position<N: TryInto<u32>>(path: impl Into<String>, line: N, column: N) -> Self {
        match saturating_u32(line) {
            0 => Location::file(path),
            line => Location::at(path, line, saturating_u32(column)),
        }
    }
}

/// A count or offset as the `u32` a [`Location`] holds, saturating: a position past 4 GiB is
/// not in a file permaudit reads, and must not wrap to a small one.
pub fn saturating_u32<N: TryInto<u32>>(n: N) -> u32 {
    n.try_into().unwrap_or(u32::MAX)
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.path)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }
}

/// What kind of file an input was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum InputKind {
    /// A source `AndroidManifest.xml` (text XML).
    Manifest,
    /// An `Info.plist` in XML form.
    Plist,
    /// An `Info.plist` in binary (`bplist00`) form.
    BinaryPlist,
    /// A compiled (binary AXML) `AndroidManifest.xml` given as a file of its own.
    BinaryManifest,
    /// The binary AXML `AndroidManifest.xml` inside an APK (`app.apk!/AndroidManifest.xml`).
    Apk,
    /// One module's protobuf manifest inside an Android App Bundle
    /// (`app.aab!/base/manifest/AndroidManifest.xml`).
    Aab,
    /// An app's or app extension's `Info.plist` inside an IPA
    /// (`app.ipa!/Payload/App.app/Info.plist`).
    Ipa,
    /// An Info.plist Xcode generates from build settings alone (`GENERATE_INFOPLIST_FILE = YES`
    /// without `INFOPLIST_FILE`); the input's path is the `project.pbxproj`.
    XcodeProject,
    /// The `AndroidManifest.xml` a build tool generates from a project's own files (Expo
    /// `app.json`, uni-app `manifest.json`, Cordova `config.xml` and `plugin.xml`, .NET
    /// `[assembly: UsesPermission]` attributes); the input's path is the project file.
    GeneratedManifest,
    /// The `Info.plist` a build tool generates from a project's own files (Expo, uni-app,
    /// Cordova); the input's path is the project file.
    GeneratedPlist,
    /// A project file reported on without requests of its own: an app whose permission sources
    /// permaudit does not read (an `app.config.ts`, a Unity project, …), or a config whose
    /// committed generated files are audited instead; it carries only notes
    /// (`unread-source`, `generated-mismatch`).
    Project,
    /// One Gradle build variant: its source manifests merged as the Android Gradle plugin
    /// merges them; the input's path is the app module's main manifest.
    GradleVariant,
    /// A merged manifest the Android Gradle plugin wrote under `build/intermediates/`.
    MergedManifest,
}

impl InputKind {
    /// Platform this kind of file describes.
    pub fn platform(self) -> Platform {
        match self {
            InputKind::Manifest
            | InputKind::BinaryManifest
            | InputKind::Apk
            | InputKind::Aab
            | InputKind::GeneratedManifest
            | InputKind::Project
            | InputKind::GradleVariant
            | InputKind::MergedManifest => Platform::Android,
            InputKind::Plist
            | InputKind::BinaryPlist
            | InputKind::Ipa
            | InputKind::XcodeProject
            | InputKind::GeneratedPlist => Platform::Ios,
        }
    }

    /// Kebab-case name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            InputKind::Manifest => "manifest",
            InputKind::Plist => "plist",
            InputKind::BinaryPlist => "binary-plist",
            InputKind::BinaryManifest => "binary-manifest",
            InputKind::Apk => "apk",
            InputKind::Aab => "aab",
            InputKind::Ipa => "ipa",
            InputKind::XcodeProject => "xcode-project",
            InputKind::GeneratedManifest => "generated-manifest",
            InputKind::GeneratedPlist => "generated-plist",
            InputKind::Project => "project",
            InputKind::GradleVariant => "gradle-variant",
            InputKind::MergedManifest => "merged-manifest",
        }
    }
}

/// One permission the app asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// Canonical id: the full Android name as written, or the Info.plist key.
    pub permission: String,
    /// Where the request is written (the element's `<`, or the plist `<key>`).
    pub location: Location,
    /// `android:maxSdkVersion`, kept verbatim: the permission is still requested on devices up
    /// to that level, and placeholders such as `${max}` must survive.
    pub max_sdk: Option<String>,
    /// Requested through `<uses-permission-sdk-23>`: only on API 23 and later.
    pub sdk23_only: bool,
    /// The app declares this permission itself with `<permission>`: it is the app's own and not
    /// subject to disclosure.
    pub own: bool,
    /// iOS purpose string shown to the user; `None` when the value is not a string.
    pub purpose: Option<String>,
    /// The purpose string's translations (`<lang>.lproj/InfoPlist.strings`,
    /// `InfoPlist.xcstrings`), sorted by language; empty when the app has none.
    pub localizations: Vec<Localization>,
    /// Who or what added the request when it is not simply written at `location`: the plugin,
    /// attribute or template of a generated manifest or Info.plist, or the library that the
    /// Android Gradle plugin's merger took it from. `None` for a request written in a native
    /// file.
    pub origin: Option<Origin>,
}

impl Request {
    /// A request of `permission` at `location`, with nothing else known.
    pub fn at(permission: impl Into<String>, location: Location) -> Self {
        Request {
            permission: permission.into(),
            location,
            max_sdk: None,
            sdk23_only: false,
            own: false,
            purpose: None,
            localizations: Vec::new(),
            origin: None,
        }
    }
}

/// How a request of a generated manifest or Info.plist was derived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OriginKind {
    /// Written in the project's config as a permission (`android.permissions`, a
    /// `<config-file>` entry, an `[assembly: UsesPermission]` attribute).
    Config,
    /// A plugin option written in the config names it (`motionPermission`, a plugin
    /// `<variable>`), or the plugin's own `plugin.xml` in the tree adds it.
    PluginOption,
    /// A plugin the config names adds it whatever its options (knowledge of the plugin's code).
    PluginDefault,
    /// A package the app depends on adds it without being named in the config (Expo's
    /// auto-applied plugins, uni-app modules): knowledge, located at the dependency.
    Package,
    /// The build tool's own project template adds it (Cordova's `INTERNET`): knowledge.
    Template,
    /// The manifest merger took it from a library (a module of the build, a Maven library):
    /// recorded in the merger report (`ADDED from`, `MERGED from`).
    Library,
    /// The manifest merger added it because a library targets an old SDK (`IMPLIED from`).
    Implied,
}

impl OriginKind {
    /// Kebab-case name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            OriginKind::Config => "config",
            OriginKind::PluginOption => "plugin-option",
            OriginKind::PluginDefault => "plugin-default",
            OriginKind::Package => "package",
            OriginKind::Template => "template",
            OriginKind::Library => "library",
            OriginKind::Implied => "implied",
        }
    }

    /// Whether the request is written in a file of the tree (rather than known about a plugin
    /// or template).
    pub fn is_written(self) -> bool {
        matches!(self, OriginKind::Config | OriginKind::PluginOption)
    }
}

/// Where a request comes from, when more than its location says.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Origin {
    /// How it was derived.
    pub kind: OriginKind,
    /// What adds it, as a person reads it: `expo-camera config plugin, option
    /// recordAudioAndroid`, `cordova-android platform template`, the library
    /// (`com.umeng.umsdk:common:9.6.1`) or module (`:core`) the merger took it from. A
    /// message, so a Chinese report names a plugin or template in Chinese; JSON and SARIF
    /// keep its English.
    pub via: Message,
    /// Where permaudit's knowledge of that comes from (npm package and versions, source file),
    /// for a request derived from knowledge rather than read from the tree.
    pub source: Option<String>,
    /// Where that is recorded (the merger report's line, a library module's manifest), when
    /// it is not the request's own location.
    pub location: Option<Location>,
}

/// One translation of a purpose string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Localization {
    /// Language or region code as the project names it (`zh-Hans`, `en`, `pt-BR`).
    pub language: String,
    /// The translated text; `None` when the language's file does not translate the key (iOS
    /// then shows the Info.plist text).
    pub purpose: Option<String>,
    /// Where the translation is written (the file, when it does not translate the key).
    pub location: Location,
}

/// Which rule reports an [`InputNote`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum NoteRule {
    /// `ignored-build-setting`: a setting the build ignores.
    #[default]
    IgnoredBuildSetting,
    /// `unread-source`: a permission source permaudit does not read.
    UnreadSource,
    /// `generated-mismatch`: committed generated output disagrees with its config.
    GeneratedMismatch,
    /// `unresolved-build-value`: a Gradle value that cannot be read without running the build.
    UnresolvedBuildValue,
}

/// Something the reader noticed about an input that changes what ships, such as a build
/// setting Xcode ignores; reported as a note at the setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputNote {
    /// The rule that reports it.
    pub rule: NoteRule,
    /// Where the setting is.
    pub location: Location,
    /// The setting's name.
    pub setting: String,
    /// What Xcode does with it, and how to change that.
    pub message: Message,
}

/// A permission a manifest explicitly strips with `tools:node="remove"` or `"removeAll"`.
/// Not a request; kept so reports can show that the removal was seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    /// Permission named on the removing element (`None` for a `removeAll` without a name).
    pub permission: Option<String>,
    /// The `tools:node` value (`remove` or `removeAll`).
    pub node: String,
    /// Where the removing element is.
    pub location: Location,
}

/// Everything permaudit learned from one audited file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedInput {
    /// Path as displayed in reports.
    pub path: String,
    /// Format the file was read as.
    pub kind: InputKind,
    /// Requests in document order.
    pub requests: Vec<Request>,
    /// Permissions removed from library manifests.
    pub removals: Vec<Removal>,
    /// The shipped build this input describes: the Xcode target and configuration
    /// (`App (Release)`) or the Gradle variant; `None` for a file read on its own.
    pub build: Option<String>,
    /// The Apple platform an Info.plist is built for; `None` for Android inputs (and for an
    /// Info.plist whose platform is not known, which is audited as iOS).
    pub apple_platform: Option<ApplePlatform>,
    /// What the reader noticed that changes what ships (ignored settings).
    pub notes: Vec<InputNote>,
}

impl ParsedInput {
    /// A file's requests, outside any project build.
    pub fn new(path: impl Into<String>, kind: InputKind, requests: Vec<Request>) -> Self {
        ParsedInput {
            path: path.into(),
            kind,
            requests,
            removals: Vec::new(),
            build: None,
            apple_platform: None,
            notes: Vec::new(),
        }
    }

    /// Platform of this input: a macOS Info.plist is `macos`, never `ios`.
    pub fn platform(&self) -> Platform {
        match self.apple_platform {
            Some(ApplePlatform::Macos) => Platform::Macos,
            _ => self.kind.platform(),
        }
    }
}

/// One permission listed in one row of a policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disclosure {
    /// Platform of the table the row belongs to.
    pub platform: Platform,
    /// Canonical id after short-name resolution.
    pub permission: String,
    /// Index of the row in its platform's list (0-based), so findings can name the row.
    pub row: usize,
    /// The row's label, if the policy gives one.
    pub row_name: Option<String>,
    /// Where the permission is written in the policy.
    pub location: Location,
}

/// How serious a finding is. Ordered from least to most severe so `>=` compares thresholds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run unless asked to.
    Note,
    /// Probably a problem; fails the run with `--fail-on warning`.
    Warning,
    /// A compliance gap; fails the run by default.
    Error,
}

impl Severity {
    /// Lower-case name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A message in no language yet: a catalog id (`msg.…` in `i18n/{en,zh}.rs`) and its named
/// arguments. Findings carry one so every report language renders the whole text from its own
/// catalog, not a translation of the English string.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Message {
    /// The catalog id of the template.
    pub id: &'static str,
    /// The template's `{name}` arguments.
    pub args: Vec<(&'static str, Arg)>,
}

/// One argument of a [`Message`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Arg {
    /// Text shown as it is in every language: a name, a path, a number, a quoted value.
    Text(String),
    /// A permission or Info.plist key, which a language may follow with its own name for it.
    Permission(String),
    /// A part of the sentence that is itself translated.
    Message(Message),
}

impl Message {
    /// The message `id` without arguments yet.
    pub fn new(id: &'static str) -> Message {
        Message {
            id,
            args: Vec::new(),
        }
    }

    /// A name, path or key shown as it is in every language (`msg.name`).
    pub fn name(value: impl Into<String>) -> Message {
        Message::new("msg.name").text("name", value)
    }

    /// Names listed as the language lists them (`a, b, c`; `a、b、c`), each shown as it is.
    pub fn list<S: AsRef<str>>(items: &[S]) -> Message {
        let mut items = items.iter().rev();
        let last = items.next().map_or_else(
            || Message::new("msg.nothing"),
            |s| Message::name(s.as_ref()),
        );
        items.fold(last, |rest, first| {
            Message::new("msg.list")
                .text("first", first.as_ref())
                .part("rest", rest)
        })
    }

    /// With the argument `name` shown as `value` in every language.
    pub fn text(mut self, name: &'static str, value: impl Into<String>) -> Message {
        self.args.push((name, Arg::Text(value.into())));
        self
    }

    /// With the argument `name` naming a permission.
    pub fn permission(mut self, name: &'static str, value: impl Into<String>) -> Message {
        self.args.push((name, Arg::Permission(value.into())));
        self
    }

    /// With the argument `name` a translated part.
    pub fn part(mut self, name: &'static str, value: Message) -> Message {
        self.args.push((name, Arg::Message(value)));
        self
    }
}
