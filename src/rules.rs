//! The rules as documentation: `permaudit rules` (text, Markdown, JSON) and the README's rule
//! section are rendered in the chosen language by [`crate::i18n::rules`] from the registry in
//! [`crate::audit`], where each rule is defined once in its own file. This module keeps the
//! short path `crate::rules::Rule` that the rest of the crate imports.

pub use crate::audit::{Rule, Scope};
