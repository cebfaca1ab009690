//! Build variants of an application module: every combination of one product flavor per
//! dimension (in `flavorDimensions` order) with every build type, named as the Android Gradle
//! plugin names them (`quicksyFreeRelease`), with the application id and manifest placeholders
//! each one gets.

use std::collections::BTreeMap;

use super::model::{Dimensioned, Module, Setting, Value};
use crate::model::Location;

/// One variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// `quicksyFreeRelease`, or the build type's name when there are no flavors.
    pub name: String,
    /// One flavor per dimension, in dimension order (highest priority first).
    pub flavors: Vec<String>,
    /// The build type.
    pub build_type: String,
    /// The build type is debuggable (`debug`, or `initWith` it, or `debuggable true`).
    pub debuggable: bool,
    /// The application id, or where the part of it that is computed is set.
    pub application_id: Result<String, Location>,
    /// `manifestPlaceholders` after defaultConfig, flavors and the build type.
    pub placeholders: BTreeMap<String, Setting>,
    /// Where placeholders are set from something that is not a literal map.
    pub computed_placeholders: Vec<Location>,
}

impl Variant {
    /// The source sets of the variant, highest priority first, as AGP orders them: the
    /// variant, the build type, the flavor combination, each flavor, then `main`.
    pub fn source_sets(&self) -> Vec<String> {
        let mut sets = Vec::new();
        if !self.flavors.is_empty() {
            sets.push(self.name.clone());
        }
        sets.push(self.build_type.clone());
        if self.flavors.len() > 1 {
            sets.push(camel(&self.flavors));
        }
        sets.extend(self.flavors.iter().cloned());
        sets.push("main".to_owned());
        sets
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn camel(parts: &[String]) -> String {
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i == 0 {
            out.push_str(p);
        } else {
            out.push_str(&capitalize(p));
        }
    }
    out
}

/// The build types AGP creates whether or not the script names them.
fn build_types(module: &Module) -> Vec<Dimensioned> {
    let mut types = module.build_types.clone();
    for implicit in ["debug", "release"] {
        if !types.iter().any(|t| t.name == implicit) {
            types.push(Dimensioned {
                name: implicit.to_owned(),
                dimension: None,
                debuggable: None,
                init_with: None,
                props: Default::default(),
                location: Location::file(&module.build_file),
            });
        }
    }
    types
}

fn is_debuggable(types: &[Dimensioned], t: &Dimensioned) -> bool {
    let mut current = t;
    // initWith chains are short; the bound only guards against a cycle.
    for _ in 0..16 {
        if let Some(d) = current.debuggable {
            return d;
        }
        if current.name == "debug" {
            return true;
        }
        match current
            .init_with
            .as_ref()
            .and_then(|n| types.iter().find(|x| &x.name == n))
        {
            Some(next) if next.name != current.name => current = next,
            _ => return false,
        }
    }
    false
}

/// Every variant of `module` (debuggable ones included; the caller chooses).
pub fn variants(module: &Module) -> Vec<Variant> {
    let mut dims = module.dimensions.clone();
    for f in &module.flavors {
        if let Some(d) = &f.dimension
            && !dims.contains(d)
        {
            dims.push(d.clone());
        }
    }
    if dims.is_empty() && !module.flavors.is_empty() {
        dims.push(String::new());
    }
    let groups: Vec<Vec<&Dimensioned>> = dims
        .iter()
        .map(|d| {
            module
                .flavors
                .iter()
                .filter(|f| {
                    f.dimension.as_deref() == Some(d.as_str())
                        || (f.dimension.is_none() && dims.len() == 1)
                })
                .collect()
        })
        .filter(|g: &Vec<&Dimensioned>| !g.is_empty())
        .collect();
    let mut combos: Vec<Vec<&Dimensioned>> = vec![Vec::new()];
    for group in &groups {
        combos = combos
            .into_iter()
            .flat_map(|c| {
                group.iter().map(move |f| {
                    let mut c = c.clone();
                    c.push(f);
                    c
                })
            })
            .collect();
    }
    let types = build_types(module);
    let mut out = Vec::new();
    for combo in &combos {
        for t in &types {
            let flavors: Vec<String> = combo.iter().map(|f| f.name.clone()).collect();
            let name = if flavors.is_empty() {
                t.name.clone()
            } else {
                format!("{}{}", camel(&flavors), capitalize(&t.name))
            };
            out.push(Variant {
                name,
                application_id: application_id(module, combo, t),
                placeholders: placeholders(module, combo, t),
                computed_placeholders: module
                    .default
                    .computed_placeholders
                    .iter()
                    .chain(combo.iter().flat_map(|f| &f.props.computed_placeholders))
                    .chain(&t.props.computed_placeholders)
                    .cloned()
                    .collect(),
                flavors,
                build_type: t.name.clone(),
                debuggable: is_debuggable(&types, t),
            });
        }
    }
    out
}

fn application_id(
    module: &Module,
    combo: &[&Dimensioned],
    t: &Dimensioned,
) -> Result<String, Location> {
    let base = combo
        .iter()
        .find_map(|f| f.props.application_id.as_ref())
        .or(module.default.application_id.as_ref())
        .or(module.namespace.as_ref());
    let Some(base) = base else {
        return Err(Location::file(&module.build_file));
    };
    let mut id = match &base.value {
        Value::Literal(s) => s.clone(),
        Value::Computed(_) => return Err(base.location.clone()),
    };
    let suffixes = std::iter::once(module.default.suffix.as_ref())
        .chain(combo.iter().map(|f| f.props.suffix.as_ref()))
        .chain(std::iter::once(t.props.suffix.as_ref()))
        .flatten();
    for s in suffixes {
        match &s.value {
            Value::Literal(v) => {
                if !v.is_empty() && !v.starts_with('.') {
                    id.push('.');
                }
                id.push_str(v);
            }
            Value::Computed(_) => return Err(s.location.clone()),
        }
    }
    Ok(id)
}

fn placeholders(
    module: &Module,
    combo: &[&Dimensioned],
    t: &Dimensioned,
) -> BTreeMap<String, Setting> {
    let mut out = BTreeMap::new();
    // Lowest priority first, so a higher one overwrites: defaultConfig, the flavors from the
    // last dimension to the first, the build type.
    let layers = std::iter::once(&module.default)
        .chain(combo.iter().rev().map(|f| &f.props))
        .chain(std::iter::once(&t.props));
    for props in layers {
        for (k, v) in &props.placeholders {
            out.insert(k.clone(), v.clone());
        }
    }
    out
}

/// Does `name` match the glob `pattern` (`*` any run, `?` one character)?
pub fn glob_match(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    let (mut pi, mut ni) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while ni < n.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == n[ni]) {
            pi += 1;
            ni += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ni;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ni = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::gradle::model::read_module;

    #[test]
    fn two_dimensions_and_build_types() {
        let m = read_module(
            "b",
            br#"apply plugin: 'com.android.application'
android {
  namespace 'n'
  defaultConfig { applicationId 'a'; manifestPlaceholders = [k: 'd'] }
  flavorDimensions 'mode', 'dist'
  productFlavors {
    q { dimension 'mode'; applicationId 'q'; manifestPlaceholders = [k: 'q'] }
    c { dimension 'mode' }
    play { dimension 'dist'; applicationIdSuffix '.p' }
  }
  buildTypes { beta { initWith debug } ; staging { initWith release; debuggable true } }
}"#,
        )
        .unwrap();
        let v = variants(&m);
        let names: Vec<_> = v.iter().map(|v| (v.name.as_str(), v.debuggable)).collect();
        assert_eq!(
            names,
            [
                ("qPlayBeta", true),
                ("qPlayStaging", true),
                ("qPlayDebug", true),
                ("qPlayRelease", false),
                ("cPlayBeta", true),
                ("cPlayStaging", true),
                ("cPlayDebug", true),
                ("cPlayRelease", false),
            ]
        );
        assert_eq!(v[3].application_id, Ok("q.p".to_owned()));
        assert_eq!(v[7].application_id, Ok("a.p".to_owned()));
        assert_eq!(v[3].placeholders["k"].literal(), Some("q"));
        assert_eq!(v[7].placeholders["k"].literal(), Some("d"));
        assert_eq!(
            v[3].source_sets(),
            ["qPlayRelease", "release", "qPlay", "q", "play", "main"]
        );
    }

    #[test]
    fn globs() {
        assert!(!glob_match("*China*", "chinaRelease"));
        assert!(glob_match("*China*", "playChinaRelease"));
        assert!(glob_match("play?elease", "playRelease"));
        assert!(glob_match("*", ""));
        assert!(!glob_match("a*b", "ac"));
    }
}
