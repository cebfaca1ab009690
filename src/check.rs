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
    for result in read_parallel(&files) {
        match result {
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

/// Below this many files a thread costs more than it saves (the pre-commit case is 1–3 files).
const PARALLEL_THRESHOLD: usize = 64;

/// Reads and parses the files on all cores, returning results in the files' order so reports
/// stay deterministic. Files are dealt out in contiguous chunks, one per thread.
fn read_parallel(files: &[discover::InputFile]) -> Vec<Result<Vec<ParsedInput>, InputError>> {
    let read = |file: &discover::InputFile| input::read_all(&file.path, &file.display);
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    if files.len() < PARALLEL_THRESHOLD || threads < 2 {
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
