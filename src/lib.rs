//! permaudit: keeps a mobile app's requested permissions and its privacy policy's disclosures
//! in agreement.
//!
//! Data flows one way:
//! ```text
//! input (manifests, plists) ─┐
//!                            ├─► audit ─► findings ─► report (table, JSON)
//! policy (YAML)  ────────────┘
//! ```
//! Each stage is a module with its own error type; [`check`] wires them together for the
//! command line.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod atomic;
pub mod audit;
pub mod baseline;
pub mod catalog;
pub mod check;
pub mod config;
pub mod confine;
pub mod display;
pub mod explain;
pub mod i18n;
pub mod init;
pub mod input;
pub mod model;
pub mod policy;
pub mod real_path;
pub mod report;
pub mod rules;
pub mod source;
#[cfg(test)]
mod sourcegen;
pub mod suppress;
mod yaml;
