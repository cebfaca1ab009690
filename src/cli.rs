//! Command-line definitions only: no behaviour lives here.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Keep an app's requested permissions and its privacy policy's disclosures in agreement.
#[derive(Debug, Parser)]
#[command(name = "permaudit", version, about, long_about = None)]
pub(crate) struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Audit manifests and Info.plists against a policy.
    ///
    /// Exit codes: 0 no findings at or above --fail-on; 1 findings at or above it; 2 usage
    /// error, unreadable or malformed input, or invalid policy.
    Check(CheckArgs),
    /// Work with policies.
    #[command(subcommand)]
    Policy(PolicyCommand),
}

/// Arguments of `permaudit check`.
#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
    /// Files or directories to audit. Directories are searched for AndroidManifest.xml and
    /// Info.plist, skipping build outputs, dependencies and test sources.
    #[arg(value_name = "PATH", default_value = ".")]
    pub(crate) paths: Vec<PathBuf>,
    /// Policy file (YAML); default: the built-in M5 policy.
    #[arg(long, value_name = "FILE", conflicts_with = "policy_doc")]
    pub(crate) policy: Option<PathBuf>,
    /// Audit against a privacy-policy document (Markdown, HTML or text) instead of a YAML
    /// policy: its permission tables are read as `policy import` reads them, and `unused`
    /// findings point at the document's lines.
    #[arg(long, value_name = "DOC")]
    pub(crate) policy_doc: Option<PathBuf>,
    /// With --policy-doc: audit against the rows that resolved even if some did not (they are
    /// listed on stderr). Without it, an unresolved row is exit 2.
    #[arg(long, requires = "policy_doc")]
    pub(crate) allow_unresolved: bool,
    /// Report format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub(crate) format: Format,
    /// Lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub(crate) fail_on: FailOn,
}

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Human-readable table.
    Table,
    /// Versioned JSON (schema in the README).
    Json,
}

/// Exit-code threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FailOn {
    /// Fail on errors only.
    Error,
    /// Fail on warnings and errors.
    Warning,
    /// Never fail because of findings (input errors still exit 2).
    Never,
}

/// `permaudit policy …`
#[derive(Debug, Subcommand)]
pub(crate) enum PolicyCommand {
    /// Print the built-in policy's YAML, to copy and adapt.
    Show,
    /// Read the permission tables of a privacy-policy document into policy YAML.
    ///
    /// Understands Markdown and text pipe tables (also rows broken over several lines), HTML
    /// <table>s, lists of "label (IDENTIFIER): purpose" and headings naming permissions.
    /// Rows matched by label rather than identifier are marked for review. Exit codes: 0
    /// imported; 1 some rows unresolved or ambiguous (listed on stderr; nothing written unless
    /// --allow-unresolved); 2 unreadable document or no permission table.
    Import(ImportArgs),
}

/// Arguments of `permaudit policy import`.
#[derive(Debug, clap::Args)]
pub(crate) struct ImportArgs {
    /// The privacy-policy document (Markdown, HTML or plain text, UTF-8).
    #[arg(value_name = "DOC")]
    pub(crate) document: PathBuf,
    /// Write the policy YAML to this file instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub(crate) out: Option<PathBuf>,
    /// Write the policy even if some rows could not be resolved (they are left out, listed
    /// on stderr and as comments in the YAML), and exit 0.
    #[arg(long)]
    pub(crate) allow_unresolved: bool,
}
