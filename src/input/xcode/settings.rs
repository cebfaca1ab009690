//! Build settings as Xcode layers and expands them.
//!
//! Levels, lowest first: built-in values (`SRCROOT`, `TARGET_NAME`, …), the project
//! configuration's `.xcconfig`, the project configuration, the target configuration's
//! `.xcconfig`, the target configuration. A higher level overrides a lower one; within a level
//! the last assignment wins, and an assignment whose `[sdk=…]` condition matches beats an
//! unconditional one. `$(inherited)` is the value of the same setting one level down.
//! `$(NAME)` / `${NAME}` expand recursively, with the common `:modifier`s.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::model::Location;

/// One `KEY = value` (or `KEY[cond] = value`) with where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment<'a> {
    /// Setting name.
    pub key: Cow<'a, str>,
    /// The text between `[` and `]`, e.g. `sdk=iphoneos*`, when conditional.
    pub condition: Option<Cow<'a, str>>,
    /// Value as written (unexpanded).
    pub value: Cow<'a, str>,
    /// Where it is written; built-in values have an empty path.
    pub location: Location,
}

/// Why a value could not be expanded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExpandError {
    /// `$(NAME)` names a setting no level defines.
    Undefined(String),
    /// The setting refers to itself (other than through `$(inherited)`), or nests too deep.
    Recursive(String),
    /// `$(` without its `)`.
    Unclosed,
}

impl std::fmt::Display for ExpandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExpandError::Undefined(n) => write!(f, "$({n}) is not defined at any level"),
            ExpandError::Recursive(n) => write!(f, "$({n}) refers to itself"),
            ExpandError::Unclosed => f.write_str("a `$(` is never closed"),
        }
    }
}

const MAX_EXPANSION_DEPTH: usize = 32;

/// The settings of one target in one configuration, for one SDK.
#[derive(Debug, Clone)]
pub struct Levels<'a> {
    levels: Vec<Vec<Assignment<'a>>>,
    /// SDK name the conditions are matched against (`iphoneos`, `macosx`, …).
    sdk: String,
    configuration: String,
}

/// Matches `pattern` (with `*` wildcards) against `text`.
fn glob(pattern: &str, text: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == text,
        Some((head, rest)) => {
            let Some(tail) = text.strip_prefix(head) else {
                return false;
            };
            (0..=tail.len()).any(|i| tail.is_char_boundary(i) && glob(rest, &tail[i..]))
        }
    }
}

impl<'a> Levels<'a> {
    /// Levels lowest first; `sdk` and `configuration` decide which conditions match.
    pub fn new(levels: Vec<Vec<Assignment<'a>>>, sdk: &str, configuration: &str) -> Self {
        Levels {
            levels,
            sdk: sdk.to_owned(),
            configuration: configuration.to_owned(),
        }
    }

    /// The same levels matched against another SDK.
    pub fn with_sdk(self, sdk: &str) -> Self {
        Levels {
            sdk: sdk.to_owned(),
            ..self
        }
    }

    /// Whether a condition applies. Architecture conditions count as matching: a setting for
    /// any architecture is in some shipped slice.
    fn matches(&self, condition: &str) -> bool {
        condition.split(',').all(|part| {
            let (k, v) = part.split_once('=').unwrap_or((part, "*"));
            match k.trim() {
                "sdk" => glob(v.trim(), &self.sdk),
                "config" => glob(v.trim(), &self.configuration),
                _ => true,
            }
        })
    }

    /// The assignment that decides `key` at `level` or below: (level index, assignment).
    fn winner(&self, key: &str, below: usize) -> Option<(usize, &Assignment<'a>)> {
        for index in (0..below.min(self.levels.len())).rev() {
            let level = &self.levels[index];
            let conditional = level
                .iter()
                .rev()
                .find(|a| a.key == key && a.condition.as_deref().is_some_and(|c| self.matches(c)));
            let chosen = conditional.or_else(|| {
                level
                    .iter()
                    .rev()
                    .find(|a| a.key == key && a.condition.is_none())
            });
            if let Some(a) = chosen {
                return Some((index, a));
            }
        }
        None
    }

    /// The assignment that decides `key`, if any level sets it.
    pub fn assignment(&self, key: &str) -> Option<&Assignment<'a>> {
        self.winner(key, usize::MAX).map(|(_, a)| a)
    }

    /// Every setting name that starts with `prefix`, sorted.
    pub fn keys_with_prefix(&self, prefix: &str) -> Vec<String> {
        let mut keys: Vec<String> = self
            .levels
            .iter()
            .flatten()
            .filter(|a| a.key.starts_with(prefix))
            .map(|a| a.key.to_string())
            .collect();
        keys.sort();
        keys.dedup();
        keys
    }

    /// The expanded value of `key` and the assignment it comes from; `None` when unset.
    pub fn get(&self, key: &str) -> Option<Result<(String, &Assignment<'a>), ExpandError>> {
        let (level, a) = self.winner(key, usize::MAX)?;
        Some(self.expand_at(&a.value, key, level, 0).map(|v| (v, a)))
    }

    /// Expands a text that is not itself a setting (an Info.plist value) against every level.
    pub fn expand_value(&self, text: &str) -> Result<String, ExpandError> {
        self.expand_at(text, "", self.levels.len(), 0)
    }

    /// Expands `value`, written for `key` at `level`.
    fn expand_at(
        &self,
        value: &str,
        key: &str,
        level: usize,
        depth: usize,
    ) -> Result<String, ExpandError> {
        if depth > MAX_EXPANSION_DEPTH {
            return Err(ExpandError::Recursive(key.to_owned()));
        }
        let mut out = String::with_capacity(value.len());
        let mut rest = value;
        while let Some(start) = rest.find('$') {
            out.push_str(&rest[..start]);
            let after = &rest[start + 1..];
            let close = match after.chars().next() {
                Some('(') => ')',
                Some('{') => '}',
                _ => {
                    out.push('$');
                    rest = after;
                    continue;
                }
            };
            let inner_start = 1;
            // Nested references such as $(FOO_$(BAR)) are matched by depth.
            let mut nesting = 0usize;
            let mut end = None;
            for (i, c) in after.char_indices().skip(1) {
                match c {
                    '(' | '{' => nesting += 1,
                    c2 if c2 == close && nesting == 0 => {
                        end = Some(i);
                        break;
                    }
                    ')' | '}' => nesting = nesting.saturating_sub(1),
                    _ => {}
                }
            }
            let Some(end) = end else {
                return Err(ExpandError::Unclosed);
            };
            let reference = self.expand_at(&after[inner_start..end], key, level, depth + 1)?;
            let (name, modifiers) = match reference.split_once(':') {
                Some((n, m)) => (n.to_owned(), Some(m.to_owned())),
                None => (reference.clone(), None),
            };
            let expanded = if name == "inherited" {
                match self.winner(key, level) {
                    Some((lower, a)) => self.expand_at(&a.value, key, lower, depth + 1)?,
                    None => String::new(),
                }
            } else {
                match self.winner(&name, usize::MAX) {
                    Some((l, a)) => self.expand_at(&a.value, &name, l, depth + 1)?,
                    None => match modifiers
                        .as_deref()
                        .and_then(|m| m.strip_prefix("default="))
                    {
                        Some(d) => d.to_owned(),
                        None => return Err(ExpandError::Undefined(name)),
                    },
                }
            };
            out.push_str(&apply_modifiers(expanded, modifiers.as_deref()));
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

fn apply_modifiers(value: String, modifiers: Option<&str>) -> String {
    let Some(modifiers) = modifiers else {
        return value;
    };
    modifiers.split(':').fold(value, |v, m| match m {
        "lower" => v.to_lowercase(),
        "upper" => v.to_uppercase(),
        "rfc1034identifier" => v
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '.' {
                    c
                } else {
                    '-'
                }
            })
            .collect(),
        "c99extidentifier" | "identifier" => v
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '_' })
            .collect(),
        "base" => v
            .rsplit('/')
            .next()
            .map(|f| f.rsplit_once('.').map_or(f, |(b, _)| b).to_owned())
            .unwrap_or_default(),
        "file" => v.rsplit('/').next().unwrap_or_default().to_owned(),
        "dir" => v
            .rsplit_once('/')
            .map_or(String::new(), |(d, _)| format!("{d}/")),
        _ => v,
    })
}

/// Built-in settings as a level of their own, so `$(inherited)` and references find them.
pub fn builtins(values: BTreeMap<&'static str, String>) -> Vec<Assignment<'static>> {
    values
        .into_iter()
        .map(|(k, v)| Assignment {
            key: Cow::Borrowed(k),
            condition: None,
            value: Cow::Owned(v),
            location: Location::file(""),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a<'a>(
        key: &'a str,
        condition: Option<&'a str>,
        value: &'a str,
        line: u32,
    ) -> Assignment<'a> {
        Assignment {
            key: key.into(),
            condition: condition.map(Cow::Borrowed),
            value: value.into(),
            location: Location::at("p", line, 1),
        }
    }

    #[test]
    fn inherited_conditions_and_references() {
        let levels = Levels::new(
            vec![
                vec![a("TARGET_NAME", None, "App", 0), a("SRCROOT", None, ".", 0)],
                vec![
                    a("X", None, "base", 1),
                    a("P", None, "$(SRCROOT)/$(TARGET_NAME)/Info.plist", 2),
                ],
                vec![
                    a("X", None, "$(inherited) top", 3),
                    a("X", Some("sdk=macosx*"), "mac", 4),
                    a("Y", None, "$(NOPE)", 5),
                    a("Z", None, "$(Z) again", 6),
                    a("L", None, "${TARGET_NAME:lower}", 7),
                ],
            ],
            "iphoneos",
            "Release",
        );
        assert_eq!(levels.get("X").unwrap().unwrap().0, "base top");
        assert_eq!(levels.get("P").unwrap().unwrap().0, "./App/Info.plist");
        assert_eq!(levels.get("L").unwrap().unwrap().0, "app");
        assert_eq!(
            levels.get("Y").unwrap().unwrap_err(),
            ExpandError::Undefined("NOPE".into())
        );
        assert!(matches!(
            levels.get("Z").unwrap(),
            Err(ExpandError::Recursive(_))
        ));
        assert!(levels.get("W").is_none());
        let mac = Levels::new(levels.levels.clone(), "macosx", "Release");
        assert_eq!(mac.get("X").unwrap().unwrap().0, "mac");
        assert_eq!(mac.get("X").unwrap().unwrap().1.location.line, Some(4));
    }

    #[test]
    fn globs() {
        assert!(glob("iphone*", "iphoneos"));
        assert!(glob("*os", "iphoneos"));
        assert!(!glob("macosx*", "iphoneos"));
    }
}
