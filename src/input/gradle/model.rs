//! The Gradle module model, read statically: what `settings.gradle(.kts)` includes and what each
//! module's `build.gradle(.kts)` writes as literal values for the manifest merge (plugin kind,
//! `namespace`, `applicationId`, `applicationIdSuffix`, `flavorDimensions`, `productFlavors`,
//! `buildTypes`, `manifestPlaceholders`, `sourceSets` manifest paths, and `project(":x")`
//! dependencies). Nothing is executed. A value that is computed (a call, a variable defined
//! elsewhere, an interpolating string) is kept as [`Value::Computed`] with its text and
//! position, so what depends on it is reported unresolved instead of guessed.

use std::collections::BTreeMap;

use super::lexer::{self, Tok, Token};
use super::tree::{self, Stmt};
use crate::input::InputError;
use crate::model::{Location, Message};

/// A value as the build script writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A literal string (or one made only of literals and local literal variables).
    Literal(String),
    /// Anything else, as written.
    Computed(String),
}

/// A value and where it is set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    /// What it is set to.
    pub value: Value,
    /// Where (the statement's first token).
    pub location: Location,
}

impl Setting {
    /// The literal value, if it is one.
    pub fn literal(&self) -> Option<&str> {
        match &self.value {
            Value::Literal(s) => Some(s),
            Value::Computed(_) => None,
        }
    }
}

/// The settings a product flavor, a build type or `defaultConfig` can make.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Props {
    /// `applicationId`.
    pub application_id: Option<Setting>,
    /// `applicationIdSuffix`.
    pub suffix: Option<Setting>,
    /// `manifestPlaceholders`, in the order they are set (a later one wins).
    pub placeholders: Vec<(String, Setting)>,
    /// `manifestPlaceholders` was assigned (or added to) a value that is not a literal map.
    pub computed_placeholders: Vec<Location>,
}

/// A product flavor or a build type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dimensioned {
    /// Its name.
    pub name: String,
    /// Flavors: `dimension`.
    pub dimension: Option<String>,
    /// Build types: `debuggable` / `isDebuggable`, when written as a literal.
    pub debuggable: Option<bool>,
    /// Build types: `initWith(other)`.
    pub init_with: Option<String>,
    /// Its settings.
    pub props: Props,
    /// Where it is declared.
    pub location: Location,
}

/// What a module is, from its plugins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `com.android.application` (or the old `android` plugin).
    Application,
    /// `com.android.library` (or another Android plugin whose manifest is merged into the app).
    Library,
    /// No Android plugin seen.
    Other,
}

/// One `project(":x")` dependency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectDep {
    /// The configuration (`implementation`, `api`, `playStoreImplementation`, …).
    pub configuration: String,
    /// The module path (`:core`).
    pub project: String,
    /// Where it is written.
    pub location: Location,
}

/// Something the reader could not resolve without running the build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    /// Where.
    pub location: Location,
    /// What (`applicationId`, `manifestPlaceholders`, `project(...)`).
    pub setting: String,
    /// What the user sees because of it.
    pub message: Message,
}

/// One module's build script, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Module {
    /// Display path of the build script.
    pub build_file: String,
    /// Its kind.
    pub kind: Kind,
    /// `namespace`.
    pub namespace: Option<Setting>,
    /// `defaultConfig`.
    pub default: Props,
    /// `flavorDimensions`, in order.
    pub dimensions: Vec<String>,
    /// `productFlavors`, in declaration order.
    pub flavors: Vec<Dimensioned>,
    /// `buildTypes` as written (`debug` and `release` exist even when not written).
    pub build_types: Vec<Dimensioned>,
    /// `sourceSets`: source set → manifest path relative to the module (from `manifest.srcFile`
    /// or `setRoot`).
    pub manifests: BTreeMap<String, Setting>,
    /// `project(...)` dependencies, in order.
    pub deps: Vec<ProjectDep>,
    /// What could not be resolved.
    pub unresolved: Vec<Unresolved>,
    /// The script has an `android { }` block.
    pub has_android: bool,
}

/// `settings.gradle(.kts)`, read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// Included module paths (`:app`, `:feature:login`) and where each is included.
    pub includes: Vec<(String, Location)>,
    /// `project(":x").projectDir = file("dir")`, when literal.
    pub project_dirs: BTreeMap<String, String>,
    /// What could not be resolved.
    pub unresolved: Vec<Unresolved>,
}

/// Tokenizes and splits a script into statements.
pub fn parse_script<'a>(path: &str, bytes: &'a [u8]) -> Result<Vec<Stmt<'a>>, InputError> {
    if bytes.len() as u64 > lexer::MAX_BYTES {
        return Err(InputError::invalid(
            Location::file(path),
            format!(
                "the file is {} bytes, over {} bytes; not a real Gradle build script",
                bytes.len(),
                lexer::MAX_BYTES
            ),
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        InputError::invalid(
            Location::file(path),
            format!(
                "not UTF-8 text (invalid byte at offset {})",
                e.valid_up_to()
            ),
        )
    })?;
    let tokens = lexer::tokenize(path, text)?;
    Ok(tree::statements(tokens))
}

/// Reads a settings script.
pub fn read_settings(path: &str, bytes: &[u8]) -> Result<Settings, InputError> {
    let stmts = parse_script(path, bytes)?;
    let mut settings = Settings::default();
    let mut vars = Vars::default();
    walk_settings(path, &stmts, &mut settings, &mut vars);
    Ok(settings)
}

fn walk_settings(path: &str, stmts: &[Stmt], out: &mut Settings, vars: &mut Vars) {
    for s in stmts {
        vars.define(s);
        let name = ident(&s.head, 0);
        if name == Some("include") {
            for arg in args(&s.head[1..]) {
                match eval(arg, vars) {
                    Value::Literal(m) => {
                        for m in m.split(',') {
                            let m = m.trim();
                            if m.is_empty() {
                                continue;
                            }
                            let m = if m.starts_with(':') {
                                m.to_owned()
                            } else {
                                format!(":{m}")
                            };
                            out.includes.push((m, loc(path, &s.head[0])));
                        }
                    }
                    Value::Computed(text) => out.unresolved.push(Unresolved {
                        location: loc(path, &s.head[0]),
                        setting: "include".into(),
                        message: Message::new("msg.unresolved-build-value.include")
                            .text("statement", format!("include {text}")),
                    }),
                }
            }
        } else if name == Some("project") && s.block.is_none() {
            // project(":x").projectDir = file("dir")
            let head = &s.head;
            if let (Some(p), Some(eq)) = (
                call_string(head, 0),
                head.iter().position(|t| t.tok == Tok::Punct('=')),
            ) && head.iter().any(|t| t.tok == Tok::Ident("projectDir"))
            {
                match first_string(&head[eq + 1..]) {
                    Some(dir) => {
                        out.project_dirs.insert(p, dir);
                    }
                    None => out.unresolved.push(Unresolved {
                        location: loc(path, &head[0]),
                        setting: "projectDir".into(),
                        message: Message::new("msg.unresolved-build-value.project-dir")
                            .text("module", p),
                    }),
                }
            }
        }
        if let Some(block) = &s.block
            && !matches!(
                name,
                Some("pluginManagement" | "dependencyResolutionManagement")
            )
        {
            walk_settings(path, block, out, vars);
        }
    }
}

/// Local `val`/`var`/`def` variables with a literal value, in the order they are defined.
#[derive(Debug, Default)]
struct Vars(BTreeMap<String, Value>);

impl Vars {
    fn define(&mut self, s: &Stmt) {
        let h = &s.head;
        let typed = matches!(
            ident(h, 0),
            Some("val" | "var" | "def" | "String" | "final")
        );
        if !typed {
            return;
        }
        // `val name = …`, `def name = …`, `String name = …`, `val name: String = …`
        let Some(eq) = h.iter().position(|t| t.tok == Tok::Punct('=')) else {
            return;
        };
        let Some(name) = h[..eq].iter().skip(1).find_map(|t| match &t.tok {
            Tok::Ident(n) if !matches!(*n, "String" | "def" | "val" | "var") => {
                Some((*n).to_owned())
            }
            _ => None,
        }) else {
            return;
        };
        let value = eval(&h[eq + 1..], self);
        self.0.insert(name, value);
    }
}

fn loc(path: &str, t: &Token) -> Location {
    Location::at(path, t.line, t.column)
}

fn ident<'a>(h: &[Token<'a>], i: usize) -> Option<&'a str> {
    match h.get(i).map(|t| &t.tok) {
        Some(Tok::Ident(s)) => Some(*s),
        _ => None,
    }
}

fn punct(h: &[Token], i: usize, c: char) -> bool {
    h.get(i).is_some_and(|t| t.tok == Tok::Punct(c))
}

/// Splits call arguments: `(a, b)` or `a, b` (Groovy's paren-less call), at top-level commas.
fn args<'h, 'a>(h: &'h [Token<'a>]) -> Vec<&'h [Token<'a>]> {
    let inner = if punct(h, 0, '(') && matching(h, 0) == Some(h.len() - 1) {
        &h[1..h.len() - 1]
    } else {
        h
    };
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, t) in inner.iter().enumerate() {
        match t.tok {
            Tok::Punct('(' | '[' | '{') => depth += 1,
            Tok::Punct(')' | ']' | '}') => depth = depth.saturating_sub(1),
            Tok::Punct(',') if depth == 0 => {
                out.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if start < inner.len() {
        out.push(&inner[start..]);
    }
    out
}

/// Index of the bracket closing the one at `open`.
fn matching(h: &[Token], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, t) in h.iter().enumerate().skip(open) {
        match t.tok {
            Tok::Punct('(' | '[' | '{') => depth += 1,
            Tok::Punct(')' | ']' | '}') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

fn text(h: &[Token]) -> String {
    let mut s = String::new();
    for t in h {
        match &t.tok {
            Tok::Ident(n) | Tok::Num(n) => {
                if s.ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                    s.push(' ');
                }
                s.push_str(n);
            }
            Tok::Str { value, .. } => {
                s.push('"');
                s.push_str(value);
                s.push('"');
            }
            Tok::Punct(c) => s.push(*c),
            Tok::Newline => {}
        }
    }
    s
}

/// The value of an expression, literal only when it certainly is one.
fn eval(h: &[Token], vars: &Vars) -> Value {
    let h = strip_parens(h);
    match h {
        [
            Token {
                tok:
                    Tok::Str {
                        value,
                        interpolated: false,
                    },
                ..
            },
        ] => {
            return Value::Literal(value.to_string());
        }
        [
            Token {
                tok: Tok::Ident(n), ..
            },
        ] => {
            if let Some(v) = vars.0.get(*n) {
                return v.clone();
            }
        }
        _ => {}
    }
    // "a" + "b" + name
    let parts: Vec<&[Token]> = h.split(|t| t.tok == Tok::Punct('+')).collect();
    if parts.len() > 1 && parts.iter().all(|p| !p.is_empty()) {
        let mut out = String::new();
        for p in parts {
            match eval(p, vars) {
                Value::Literal(s) => out.push_str(&s),
                Value::Computed(_) => return Value::Computed(text(h)),
            }
        }
        return Value::Literal(out);
    }
    Value::Computed(text(h))
}

fn strip_parens<'h, 'a>(mut h: &'h [Token<'a>]) -> &'h [Token<'a>] {
    while h.len() >= 2 && punct(h, 0, '(') && matching(h, 0) == Some(h.len() - 1) {
        h = &h[1..h.len() - 1];
    }
    h
}

/// `name("x")` at `i`: the literal string argument.
fn call_string(h: &[Token], i: usize) -> Option<String> {
    if !punct(h, i + 1, '(') {
        return None;
    }
    match h.get(i + 2).map(|t| &t.tok) {
        Some(Tok::Str {
            value,
            interpolated: false,
        }) if punct(h, i + 3, ')') => Some(value.to_string()),
        _ => None,
    }
}

fn first_string(h: &[Token]) -> Option<String> {
    h.iter().find_map(|t| match &t.tok {
        Tok::Str {
            value,
            interpolated: false,
        } => Some(value.to_string()),
        _ => None,
    })
}

/// The name a container entry is declared under: `name { }`, `create("name") { }`,
/// `register("name")`, `getByName("name")`, `maybeCreate("name")`, `named("name")`.
fn entry_name(h: &[Token]) -> Option<String> {
    match (ident(h, 0), h.len()) {
        (Some(n), 1) => Some(n.to_owned()),
        // Groovy: `create "name"`, `register 'name'`.
        (Some("create" | "register" | "maybeCreate"), 2) => first_string(&h[1..]),
        (Some("create" | "register" | "getByName" | "maybeCreate" | "named" | "getting"), _) => {
            call_string(h, 0)
        }
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Top,
    Plugins,
    Android,
    Props(Target),
    Flavors,
    BuildTypes,
    SourceSets,
    SourceSet,
    Dependencies,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Default,
    Flavor(usize),
    BuildType(usize),
}

struct Reader<'a> {
    path: &'a str,
    module: Module,
    vars: Vars,
    source_set: String,
}

/// Reads a module's build script.
pub fn read_module(path: &str, bytes: &[u8]) -> Result<Module, InputError> {
    let stmts = parse_script(path, bytes)?;
    let mut r = Reader {
        path,
        module: Module {
            build_file: path.to_owned(),
            kind: Kind::Other,
            namespace: None,
            default: Props::default(),
            dimensions: Vec::new(),
            flavors: Vec::new(),
            build_types: Vec::new(),
            manifests: BTreeMap::new(),
            deps: Vec::new(),
            unresolved: Vec::new(),
            has_android: false,
        },
        vars: Vars::default(),
        source_set: String::new(),
    };
    r.walk(&stmts, Ctx::Top);
    Ok(r.module)
}

fn plugin_kind(id: &str) -> Option<Kind> {
    let id = id.to_ascii_lowercase();
    if id == "android" || id == "com.android.application" || id.contains("application") {
        Some(Kind::Application)
    } else if id == "android-library"
        || id.starts_with("com.android.")
        || (id.contains("android") && (id.contains("library") || id.contains("feature")))
    {
        Some(Kind::Library)
    } else {
        None
    }
}

impl Reader<'_> {
    fn at(&self, t: &Token) -> Location {
        loc(self.path, t)
    }

    fn set_kind(&mut self, id: &str) {
        if let Some(k) = plugin_kind(id)
            && (self.module.kind == Kind::Other || k == Kind::Application)
        {
            self.module.kind = k;
        }
    }

    fn unresolved(&mut self, t: &Token, setting: &str, message: Message) {
        let location = self.at(t);
        self.module.unresolved.push(Unresolved {
            location,
            setting: setting.to_owned(),
            message,
        });
    }

    fn walk(&mut self, stmts: &[Stmt], ctx: Ctx) {
        for s in stmts {
            self.vars.define(s);
            self.stmt(s, ctx);
        }
    }

    fn stmt(&mut self, s: &Stmt, ctx: Ctx) {
        let h = &s.head;
        let name = ident(h, 0).unwrap_or_default().to_owned();
        // `apply plugin: 'x'` / `apply(plugin = "x")` anywhere at the top.
        if name == "apply" && ctx == Ctx::Top {
            if h.iter().any(|t| t.tok == Tok::Ident("plugin"))
                && let Some(id) = first_string(&h[1..])
            {
                self.set_kind(&id);
            }
            return;
        }
        match (ctx, s.block.as_ref()) {
            (Ctx::Top, Some(b)) => match name.as_str() {
                "plugins" => self.walk(b, Ctx::Plugins),
                "android" if h.len() == 1 => {
                    self.module.has_android = true;
                    self.walk(b, Ctx::Android);
                }
                "dependencies" => self.walk(b, Ctx::Dependencies),
                // Configuration of other projects or of the build itself.
                "buildscript" | "allprojects" | "subprojects" | "pluginManagement" => {}
                _ => self.walk(b, Ctx::Top),
            },
            (Ctx::Top, None) => {
                // `android.defaultConfig.applicationId = "x"` and the like are rare; noted.
                if name == "android" && punct(h, 1, '.') {
                    self.android_dotted(s);
                }
            }
            (Ctx::Plugins, _) => self.plugin(h),
            (Ctx::Android, b) => self.android(s, &name, b),
            (Ctx::Props(target), _) => self.props(s, target),
            (Ctx::Flavors | Ctx::BuildTypes, b) => self.container(s, ctx, b),
            (Ctx::SourceSets, b) => self.source_sets(s, b),
            (Ctx::SourceSet, b) => {
                let set = self.source_set.clone();
                self.source_set_stmt(&set, h, 0);
                if let Some(b) = b
                    && name == "manifest"
                {
                    for inner in b {
                        self.source_set_stmt(&set, &prefixed("manifest", &inner.head), 0);
                    }
                }
            }
            (Ctx::Dependencies, b) => {
                self.dependency(h);
                if let Some(b) = b
                    && !matches!(name.as_str(), "constraints" | "components")
                    && h.len() > 1
                {
                    // `implementation(project(":x")) { exclude … }`: the head is the dependency.
                    let _ = b;
                }
            }
        }
    }

    fn android_dotted(&mut self, s: &Stmt) {
        self.unresolved(
            &s.head[0],
            "android",
            Message::new("msg.unresolved-build-value.outside-android")
                .text("statement", text(&s.head)),
        );
    }

    fn plugin(&mut self, h: &[Token]) {
        match ident(h, 0) {
            Some("id") => {
                if let Some(id) = first_string(&h[1..]) {
                    self.set_kind(&id);
                }
            }
            Some("alias") => {
                let t = text(&h[1..]);
                self.set_kind(&t);
            }
            Some(n) if h.len() == 1 => {
                let n = n.to_owned();
                self.set_kind(&n);
            }
            _ => {}
        }
    }

    fn android(&mut self, s: &Stmt, name: &str, b: Option<&Vec<Stmt>>) {
        let h = &s.head;
        match (name, b) {
            ("defaultConfig", Some(b)) => self.walk(b, Ctx::Props(Target::Default)),
            ("productFlavors", Some(b)) => self.walk(b, Ctx::Flavors),
            ("buildTypes", Some(b)) => self.walk(b, Ctx::BuildTypes),
            ("sourceSets", Some(b)) => self.walk(b, Ctx::SourceSets),
            ("namespace", None) => {
                let v = self.value_of(&h[1..]);
                self.module.namespace = Some(Setting {
                    value: v,
                    location: self.at(&h[0]),
                });
            }
            ("flavorDimensions", None) => {
                let assign = punct(h, 1, '=');
                let rest = if assign || (punct(h, 1, '+') && punct(h, 2, '=')) {
                    &h[if assign { 2 } else { 3 }..]
                } else {
                    &h[1..]
                };
                if assign {
                    self.module.dimensions.clear();
                }
                for v in self.strings(rest) {
                    match v {
                        Some(d) => self.module.dimensions.push(d),
                        None => self.unresolved(
                            &h[0],
                            "flavorDimensions",
                            Message::new("msg.unresolved-build-value.dimensions"),
                        ),
                    }
                }
            }
            ("sourceSets", None) => {
                // `sourceSets.main.manifest.srcFile "x"`
                if punct(h, 1, '.')
                    && let Some(set) = ident(h, 2)
                {
                    let set = set.to_owned();
                    self.source_set_stmt(&set, h, 4);
                }
            }
            (_, Some(b)) => {
                // `productFlavors.create("x") { }`, `buildTypes.getByName("release") { }`
                let dotted = |container: &str| name == container && punct(h, 1, '.');
                if dotted("productFlavors") {
                    self.container(
                        &Stmt {
                            head: h[2..].to_vec(),
                            block: Some(b.clone()),
                        },
                        Ctx::Flavors,
                        Some(b),
                    );
                } else if dotted("buildTypes") {
                    self.container(
                        &Stmt {
                            head: h[2..].to_vec(),
                            block: Some(b.clone()),
                        },
                        Ctx::BuildTypes,
                        Some(b),
                    );
                } else if !matches!(
                    name,
                    "signingConfigs"
                        | "testOptions"
                        | "lint"
                        | "lintOptions"
                        | "packaging"
                        | "packagingOptions"
                ) {
                    self.walk(b, Ctx::Android);
                }
            }
            _ => {}
        }
    }

    /// Each argument: `Some(literal)` or `None` when computed. Lists (`listOf`, `[…]`) are
    /// flattened.
    fn strings(&self, h: &[Token]) -> Vec<Option<String>> {
        let h = strip_parens(h);
        let inner: &[Token] = if matches!(
            ident(h, 0),
            Some("listOf" | "setOf" | "arrayOf" | "mutableListOf")
        ) && punct(h, 1, '(')
        {
            &h[1..]
        } else if punct(h, 0, '[') && matching(h, 0) == Some(h.len().saturating_sub(1)) {
            &h[1..h.len() - 1]
        } else {
            h
        };
        args(inner)
            .into_iter()
            .map(|a| match eval(a, &self.vars) {
                Value::Literal(s) => Some(s),
                Value::Computed(_) => None,
            })
            .collect()
    }

    fn value_of(&self, h: &[Token]) -> Value {
        let h = if punct(h, 0, '=') { &h[1..] } else { h };
        eval(h, &self.vars)
    }

    fn container(&mut self, s: &Stmt, ctx: Ctx, b: Option<&Vec<Stmt>>) {
        let h = &s.head;
        // `all { }`, `configureEach { }`: applied to every entry, which is not modelled.
        if matches!(
            ident(h, 0),
            Some("all" | "configureEach" | "forEach" | "each")
        ) {
            if let Some(t) = h.first() {
                self.unresolved(
                    t,
                    "productFlavors/buildTypes",
                    Message::new("msg.unresolved-build-value.closure"),
                );
            }
            return;
        }
        let Some(name) = entry_name(h) else {
            if let (Some(t), Some(_)) = (h.first(), b) {
                self.unresolved(
                    t,
                    "productFlavors/buildTypes",
                    Message::new("msg.unresolved-build-value.entry-name")
                        .text("statement", text(h)),
                );
            }
            return;
        };
        let list = if ctx == Ctx::Flavors {
            &mut self.module.flavors
        } else {
            &mut self.module.build_types
        };
        let index = match list.iter().position(|d| d.name == name) {
            Some(i) => i,
            None => {
                list.push(Dimensioned {
                    name,
                    dimension: None,
                    debuggable: None,
                    init_with: None,
                    props: Props::default(),
                    location: loc(self.path, &h[0]),
                });
                list.len() - 1
            }
        };
        if let Some(b) = b {
            let target = if ctx == Ctx::Flavors {
                Target::Flavor(index)
            } else {
                Target::BuildType(index)
            };
            self.walk(b, Ctx::Props(target));
        }
    }

    fn props_mut(&mut self, target: Target) -> &mut Props {
        match target {
            Target::Default => &mut self.module.default,
            Target::Flavor(i) => &mut self.module.flavors[i].props,
            Target::BuildType(i) => &mut self.module.build_types[i].props,
        }
    }

    fn entry_mut(&mut self, target: Target) -> Option<&mut Dimensioned> {
        match target {
            Target::Default => None,
            Target::Flavor(i) => self.module.flavors.get_mut(i),
            Target::BuildType(i) => self.module.build_types.get_mut(i),
        }
    }

    fn props(&mut self, s: &Stmt, target: Target) {
        let h = &s.head;
        let Some(name) = ident(h, 0).map(str::to_owned) else {
            return;
        };
        let location = self.at(&h[0]);
        match name.as_str() {
            "applicationId" | "applicationIdSuffix" if h.len() > 1 => {
                let value = self.value_of(&h[1..]);
                let setting = Setting { value, location };
                let props = self.props_mut(target);
                if name == "applicationId" {
                    props.application_id = Some(setting);
                } else {
                    props.suffix = Some(setting);
                }
            }
            "dimension" | "setDimension" if h.len() > 1 => {
                let v = self.value_of(&h[1..]);
                match v {
                    Value::Literal(d) => {
                        if let Some(e) = self.entry_mut(target) {
                            e.dimension = Some(d);
                        }
                    }
                    Value::Computed(t) => self.unresolved(
                        &h[0],
                        "dimension",
                        Message::new("msg.unresolved-build-value.dimension").text("value", t),
                    ),
                }
            }
            "debuggable" | "isDebuggable" if h.len() > 1 => {
                let v = match strip_parens(if punct(h, 1, '=') { &h[2..] } else { &h[1..] }) {
                    [
                        Token {
                            tok: Tok::Ident(b), ..
                        },
                    ] if *b == "true" => Some(true),
                    [
                        Token {
                            tok: Tok::Ident(b), ..
                        },
                    ] if *b == "false" => Some(false),
                    _ => None,
                };
                if v.is_none() {
                    self.unresolved(
                        &h[0],
                        "debuggable",
                        Message::new("msg.unresolved-build-value.debuggable"),
                    );
                }
                if let Some(e) = self.entry_mut(target) {
                    e.debuggable = v.or(Some(false));
                }
            }
            "initWith" => {
                // initWith(getByName("release")), initWith buildTypes.release, initWith(release)
                let rest = strip_parens(&h[1..]);
                let other = rest
                    .iter()
                    .rev()
                    .find_map(|t| match &t.tok {
                        Tok::Str {
                            value,
                            interpolated: false,
                        } => Some(value.to_string()),
                        _ => None,
                    })
                    .or_else(|| match rest.last().map(|t| &t.tok) {
                        Some(Tok::Ident(n)) => Some((*n).to_owned()),
                        _ => None,
                    });
                // initWith copies the other type's settings as they are now.
                if let Some(other) = other {
                    let copied = self
                        .module
                        .build_types
                        .iter()
                        .find(|b| b.name == other)
                        .map(|b| (b.props.clone(), b.debuggable));
                    if let Some(e) = self.entry_mut(target) {
                        e.init_with = Some(other);
                        if let Some((props, debuggable)) = copied {
                            e.props = props;
                            e.debuggable = debuggable;
                        }
                    }
                }
            }
            "manifestPlaceholders" | "addManifestPlaceholders" | "setManifestPlaceholders" => {
                self.placeholders(h, target);
            }
            _ => {}
        }
    }

    fn placeholders(&mut self, h: &[Token], target: Target) {
        let location = self.at(&h[0]);
        // manifestPlaceholders["k"] = v
        if punct(h, 1, '[')
            && let Some(close) = matching(h, 1)
            && punct(h, close + 1, '=')
        {
            let key = eval(&h[2..close], &self.vars);
            let value = eval(&h[close + 2..], &self.vars);
            match key {
                Value::Literal(k) => self
                    .props_mut(target)
                    .placeholders
                    .push((k, Setting { value, location })),
                Value::Computed(_) => self.props_mut(target).computed_placeholders.push(location),
            }
            return;
        }
        // manifestPlaceholders.put("k", v) / .putAll(map) / .set(...)
        let (replace, rest): (bool, &[Token]) = if punct(h, 1, '.') {
            match ident(h, 2) {
                Some("put") => {
                    let a = args(&h[3..]);
                    if let [k, v] = a.as_slice() {
                        let key = eval(k, &self.vars);
                        let value = eval(v, &self.vars);
                        match key {
                            Value::Literal(k) => self
                                .props_mut(target)
                                .placeholders
                                .push((k, Setting { value, location })),
                            Value::Computed(_) => {
                                self.props_mut(target).computed_placeholders.push(location);
                            }
                        }
                    } else {
                        self.props_mut(target).computed_placeholders.push(location);
                    }
                    return;
                }
                Some("putAll") => (false, &h[3..]),
                _ => {
                    self.props_mut(target).computed_placeholders.push(location);
                    return;
                }
            }
        } else if punct(h, 1, '=') {
            (true, &h[2..])
        } else if punct(h, 1, '+') && punct(h, 2, '=') {
            (false, &h[3..])
        } else {
            // Groovy `manifestPlaceholders = [...]` written as a call, or
            // `addManifestPlaceholders([...])`.
            (ident(h, 0) != Some("addManifestPlaceholders"), &h[1..])
        };
        match self.map_literal(rest) {
            Some(entries) => {
                let props = self.props_mut(target);
                if replace {
                    props.placeholders.clear();
                }
                for (k, value) in entries {
                    props.placeholders.push((
                        k,
                        Setting {
                            value,
                            location: location.clone(),
                        },
                    ));
                }
            }
            None => self.props_mut(target).computed_placeholders.push(location),
        }
    }

    /// `[k: v, …]` (Groovy) or `mapOf("k" to v, …)` (Kotlin); `None` when not a literal map.
    fn map_literal(&self, h: &[Token]) -> Option<Vec<(String, Value)>> {
        let h = strip_parens(h);
        let (inner, sep) = if matches!(ident(h, 0), Some("mapOf" | "mutableMapOf" | "hashMapOf"))
            && punct(h, 1, '(')
            && matching(h, 1) == Some(h.len() - 1)
        {
            (&h[2..h.len() - 1], None)
        } else if punct(h, 0, '[') && matching(h, 0) == Some(h.len() - 1) {
            (&h[1..h.len() - 1], Some(':'))
        } else {
            return None;
        };
        if inner.is_empty() || (inner.len() == 1 && inner[0].tok == Tok::Punct(':')) {
            return Some(Vec::new());
        }
        let mut out = Vec::new();
        for entry in args(inner) {
            let split = match sep {
                Some(c) => entry.iter().position(|t| t.tok == Tok::Punct(c)),
                None => entry.iter().position(|t| t.tok == Tok::Ident("to")),
            }?;
            let key = match &entry[..split] {
                // Groovy map keys may be bare names.
                [
                    Token {
                        tok: Tok::Ident(k), ..
                    },
                ] if sep.is_some() => (*k).to_owned(),
                k => match eval(k, &self.vars) {
                    Value::Literal(k) => k,
                    Value::Computed(_) => return None,
                },
            };
            out.push((key, eval(&entry[split + 1..], &self.vars)));
        }
        Some(out)
    }

    fn source_sets(&mut self, s: &Stmt, b: Option<&Vec<Stmt>>) {
        let h = &s.head;
        match b {
            Some(b) => {
                if let Some(name) = entry_name(h) {
                    let saved = std::mem::replace(&mut self.source_set, name);
                    self.walk(b, Ctx::SourceSet);
                    self.source_set = saved;
                }
            }
            None => {
                // `main.manifest.srcFile 'x'`, `debug.setRoot('dir')`,
                // `getByName("main").manifest.srcFile("x")`
                let (set, at) = if let Some(n) = call_string(h, 0)
                    .filter(|_| matches!(ident(h, 0), Some("getByName" | "named" | "maybeCreate")))
                {
                    (n, 4)
                } else if let Some(n) = ident(h, 0) {
                    (n.to_owned(), 1)
                } else {
                    return;
                };
                if punct(h, at, '.') {
                    self.source_set_stmt(&set, h, at + 1);
                }
            }
        }
    }

    /// `manifest.srcFile x` / `setRoot x` starting at `h[i]`, for source set `set`.
    fn source_set_stmt(&mut self, set: &str, h: &[Token], i: usize) {
        let rest = &h[i.min(h.len())..];
        let (file, value_at) = match (ident(rest, 0), ident(rest, 2)) {
            (Some("manifest"), Some("srcFile")) if punct(rest, 1, '.') => (true, 3),
            (Some("setRoot"), _) => (false, 1),
            _ => return,
        };
        let Some(t) = rest.first() else { return };
        let value = self.value_of(&rest[value_at..]);
        let value = match (value, file) {
            (Value::Literal(dir), false) => {
                Value::Literal(format!("{}/AndroidManifest.xml", dir.trim_end_matches('/')))
            }
            (v, _) => v,
        };
        let location = self.at(t);
        self.module
            .manifests
            .insert(set.to_owned(), Setting { value, location });
    }

    fn dependency(&mut self, h: &[Token]) {
        let Some(first) = ident(h, 0).map(str::to_owned) else {
            return;
        };
        // `add("cfg", project(":x"))`
        let (configuration, rest) = if first == "add" {
            match args(&h[1..]).first().map(|a| eval(a, &self.vars)) {
                Some(Value::Literal(c)) => (c, &h[1..]),
                _ => return,
            }
        } else {
            (first, &h[1..])
        };
        // Find project(...) or projects.x among the arguments.
        for (i, t) in rest.iter().enumerate() {
            match &t.tok {
                Tok::Ident(p) if *p == "project" && punct(rest, i + 1, '(') => {
                    let close = matching(rest, i + 1).unwrap_or(rest.len() - 1);
                    let inner = &rest[i + 2..close];
                    // project(':x') or project(path: ':x')
                    let path_arg = args(inner)
                        .into_iter()
                        .find(|a| a.len() == 1 || ident(a, 0) == Some("path"))
                        .map(|a| {
                            if ident(a, 0) == Some("path") {
                                eval(&a[2.min(a.len())..], &self.vars)
                            } else {
                                eval(a, &self.vars)
                            }
                        });
                    match path_arg {
                        Some(Value::Literal(p)) => {
                            let location = self.at(t);
                            self.module.deps.push(ProjectDep {
                                configuration: configuration.clone(),
                                project: p,
                                location,
                            });
                        }
                        _ => self.unresolved(
                            t,
                            "project",
                            Message::new("msg.unresolved-build-value.project")
                                .text("statement", text(&rest[i..=close.min(rest.len() - 1)])),
                        ),
                    }
                    return;
                }
                Tok::Ident(p) if *p == "projects" && punct(rest, i + 1, '.') => {
                    // Type-safe project accessors: projects.feature.login → :feature:login
                    // (matched against the included names by the caller, ignoring case and
                    // separators).
                    let mut path = String::new();
                    let mut j = i + 2;
                    while let Some(n) = ident(rest, j) {
                        path.push(':');
                        path.push_str(n);
                        if !punct(rest, j + 1, '.') {
                            break;
                        }
                        j += 2;
                    }
                    if !path.is_empty() {
                        let location = self.at(t);
                        self.module.deps.push(ProjectDep {
                            configuration: configuration.clone(),
                            project: format!("~{path}"),
                            location,
                        });
                    }
                    return;
                }
                _ => {}
            }
        }
    }
}

fn prefixed<'a>(first: &'a str, h: &[Token<'a>]) -> Vec<Token<'a>> {
    let Some(t) = h.first() else {
        return Vec::new();
    };
    let mut v = vec![
        Token {
            tok: Tok::Ident(first),
            line: t.line,
            column: t.column,
        },
        Token {
            tok: Tok::Punct('.'),
            line: t.line,
            column: t.column,
        },
    ];
    v.extend_from_slice(h);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groovy_app() {
        let m = read_module(
            "b.gradle",
            br#"apply plugin: 'com.android.application'
android {
    namespace 'a.b'
    defaultConfig {
        applicationId "a.b"
        manifestPlaceholders = [k: 'v', "x": "y"]
    }
    flavorDimensions "mode", "dist"
    productFlavors {
        q { dimension "mode"; applicationId = "q.c"; applicationIdSuffix ".s" }
        free { dimension 'dist' }
    }
    buildTypes {
        release { }
        beta { initWith release; debuggable false; manifestPlaceholders.put("k", "w") }
    }
    sourceSets { main { manifest.srcFile 'AndroidManifest.xml' } ; debug.setRoot('bt/debug') }
}
dependencies { implementation project(':lib'); freeApi project(path: ':other') }
"#,
        )
        .unwrap();
        assert_eq!(m.kind, Kind::Application);
        assert_eq!(m.namespace.unwrap().literal(), Some("a.b"));
        assert_eq!(m.default.placeholders.len(), 2);
        assert_eq!(m.dimensions, ["mode", "dist"]);
        assert_eq!(
            m.flavors[0]
                .props
                .application_id
                .as_ref()
                .unwrap()
                .literal(),
            Some("q.c")
        );
        assert_eq!(m.flavors[1].dimension.as_deref(), Some("dist"));
        assert_eq!(m.build_types[1].init_with.as_deref(), Some("release"));
        assert_eq!(m.build_types[1].props.placeholders[0].0, "k");
        assert_eq!(m.manifests["main"].literal(), Some("AndroidManifest.xml"));
        assert_eq!(
            m.manifests["debug"].literal(),
            Some("bt/debug/AndroidManifest.xml")
        );
        let deps: Vec<_> = m
            .deps
            .iter()
            .map(|d| (d.configuration.as_str(), d.project.as_str()))
            .collect();
        assert_eq!(deps, [("implementation", ":lib"), ("freeApi", ":other")]);
    }

    #[test]
    fn kotlin_app_with_locals_and_computed_values() {
        let m = read_module(
            "b.kts",
            br#"plugins { id("com.android.application") }
android {
    namespace = "n"
    defaultConfig {
        val p = "PRIVATE"
        manifestPlaceholders["perm"] = p
        manifestPlaceholders["other"] = compute()
        applicationId = "x.${suffix}"
    }
    flavorDimensions += "default"
    productFlavors { create("qa") { dimension = "default" } }
    buildTypes {
        getByName("release") { isDebuggable = false }
        create("playStore") { initWith(getByName("release")); manifestPlaceholders += mapOf("perm" to "P2") }
    }
}
dependencies { add("playStoreImplementation", project(":core")); api(projects.featureLogin) }
"#,
        )
        .unwrap();
        assert_eq!(m.default.placeholders[0].1.literal(), Some("PRIVATE"));
        assert_eq!(m.default.placeholders[1].1.literal(), None);
        assert_eq!(m.default.application_id.as_ref().unwrap().literal(), None);
        assert_eq!(m.flavors[0].dimension.as_deref(), Some("default"));
        assert_eq!(
            m.build_types[1].props.placeholders[0].1.literal(),
            Some("P2")
        );
        assert_eq!(m.deps[0].configuration, "playStoreImplementation");
        assert_eq!(m.deps[1].project, "~:featureLogin");
    }

    #[test]
    fn settings_includes() {
        let s = read_settings(
            "s",
            b"include ':app', ':lib'\ninclude(\":a:b\")\ninclude(\n  \":core\",\n  \":x\"\n)\n",
        )
        .unwrap();
        let names: Vec<_> = s.includes.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, [":app", ":lib", ":a:b", ":core", ":x"]);
    }
}
