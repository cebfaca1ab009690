//! `permaudit check`, as a library call: load the policy, find and parse the inputs, audit.
//!
//! The binary only parses arguments, calls [`run`] and renders the outcome, so everything a
//! test wants to exercise is reachable without a process.

use std::path::PathBuf;

use thiserror::Error;

use crate::audit::{Settings, audit_with};
use crate::input::discover::{self, DiscoverError};
use crate::input::{self, InputError};
use crate::model::{Finding, ParsedInput};
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
}

/// Why a check could not produce a trustworthy result. Every variant means exit code 2.
#[derive(Debug, Error)]
pub enum CheckError {
    /// The policy is unreadable or invalid.
    #[error(transparent)]
    Policy(#[from] PolicyError),
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
    let policy = match &options.policy {
        Some(path) => policy::load(path, &discover::display_root(path))?,
        None => policy::builtin()?,
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
        match input::read_all(&file.path, &file.display) {
            Ok(parsed) => inputs.extend(parsed),
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
    })
}
