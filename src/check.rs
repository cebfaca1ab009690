//! `permaudit check`, as a library call: load the policy, find and parse the inputs, audit.
//!
//! The binary only parses arguments, calls [`run`] and renders the outcome, so everything a
//! test wants to exercise is reachable without a process.

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::audit::{Settings, audit_with, lint_policy};
use crate::input::discover::{self, DiscoverError};
use crate::input::{self, InputError, Limits};
use crate::model::{Finding, ParsedInput};
use crate::policy::import::{self, Diagnostic, ImportError};
use crate::policy::{self, Policy, PolicyError};

/// What to check.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Files and directories to audit (`.` when the command line names none).
    pub paths: Vec<PathBuf>,
    /// Policy file; `None` uses the built-in M5 policy.
    pub policy: Option<PathBuf>,
    /// How to judge (rule levels and switches).
    pub settings: Settings,
    /// Resource limits for reading inputs.
    pub limits: Limits,
    /// Privacy-policy document to import and audit against (instead of `policy`).
    pub policy_doc: Option<PathBuf>,
    /// With `policy_doc`: use the rows that resolved even when others did not.
    pub allow_unresolved: bool,
}

/// The result of a successful check (one that may still have findings).
#[derive(Debug, Clone)]
pub struct CheckOutcome {
    /// The policy audited against.
    pub policy: Policy,
    /// Every audited input, sorted by path.
    pub inputs: Vec<ParsedInput>,
    /// Findings, sorted.
    pub findings: Vec<Finding>,
    /// What importing `policy_doc` noted (rows to review, tables left out, rows allowed to stay
    /// unresolved); empty for a YAML policy.
    pub policy_diagnostics: Vec<Diagnostic>,
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
}

/// Runs a check. Any unreadable or malformed input fails the whole check: a partial audit
/// could report "clean" for an app it did not fully read.
pub fn run(options: &CheckOptions) -> Result<CheckOutcome, CheckError> {
    let mut policy_diagnostics = Vec::new();
    let policy = match &options.policy_doc {
        Some(doc) => {
            let imported = import::import_file(doc, &discover::display_root(doc))?
                .require_resolved(options.allow_unresolved)?;
            policy_diagnostics = imported.diagnostics;
            imported.policy
        }
        None => load_policy(options.policy.as_deref())?,
    };
    let default_paths = [PathBuf::from(".")];
    let paths = if options.paths.is_empty() {
        &default_paths[..]
    } else {
        &options.paths[..]
    };
    let files = discover::discover(paths)?;

    let mut inputs = Vec::with_capacity(files.len());
    let mut errors = Vec::new();
    for file in &files {
        match input::read(&file.path, &file.display, &options.limits) {
            Ok(parsed) => inputs.push(parsed),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(CheckError::Inputs(errors));
    }
    let findings = audit_with(&inputs, &policy, &options.settings);
    Ok(CheckOutcome {
        policy,
        inputs,
        findings,
        policy_diagnostics,
    })
}

/// Loads the policy file at `path` (shown as given), or the built-in policy.
pub fn load_policy(path: Option<&Path>) -> Result<Policy, PolicyError> {
    match path {
        Some(path) => policy::load(path, &discover::display_root(path)),
        None => policy::builtin(),
    }
}

/// `permaudit policy lint`: judges a policy alone. The outcome has no inputs; renderers show
/// it as a lint of the policy.
pub fn lint(policy_path: Option<&Path>, settings: &Settings) -> Result<CheckOutcome, CheckError> {
    let policy = load_policy(policy_path)?;
    let findings = lint_policy(&policy, settings);
    Ok(CheckOutcome {
        policy,
        inputs: Vec::new(),
        findings,
        policy_diagnostics: Vec::new(),
    })
}
