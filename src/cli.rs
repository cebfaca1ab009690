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
    /// When to use colour: auto (a terminal, unless NO_COLOR is set; CLICOLOR_FORCE forces
    /// it), always or never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub(crate) color: ColorChoice,
    /// Print only the findings: no header, footer or notes.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub(crate) quiet: bool,
    /// Say on stderr which config, policy and files were used, and why.
    #[arg(long, short, global = true)]
    pub(crate) verbose: bool,
    /// Language of messages and human reports: en or zh [default: the config's `lang`, else
    /// from LC_ALL/LANG, else en]. Rule ids and JSON/SARIF keys never change.
    #[arg(long, value_enum, global = true)]
    pub(crate) lang: Option<LangArg>,
}

/// `--lang`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum LangArg {
    /// English.
    En,
    /// Simplified Chinese (简体中文).
    Zh,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    /// Colour on a terminal, unless `NO_COLOR` is set; `CLICOLOR_FORCE` forces it.
    Auto,
    /// Always colour, whatever the output and environment.
    Always,
    /// Never colour.
    Never,
}

/// The subcommands. Deferred: clap builds only the arguments of the subcommand being run (and
/// all of them for help, completions and the man page), which is most of its start-up work.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub(crate) enum Command {
    /// Audit manifests and Info.plists against a policy.
    ///
    /// Exit codes: 0 no findings at or above --fail-on; 1 findings at or above it; 2 usage
    /// error, unreadable or malformed input, or invalid policy.
    Check(CheckArgs),
    /// Work with policies.
    #[command(subcommand)]
    Policy(PolicyCommand),
    /// Explain a permission or Info.plist key: what the catalog knows, and which policy row
    /// discloses it.
    ///
    /// NAME is a full or short Android name (android.permission.CAMERA, CAMERA), an Info.plist
    /// key (NSCameraUsageDescription) or a Chinese name (相机). Exit 2 when nothing matches.
    Explain(ExplainArgs),
    /// List every rule with its default severity and explanation.
    Rules(RulesArgs),
    /// Write a commented .permaudit.yaml (and, with --with-policy, a starter policy built from
    /// the app's current requests) in the current folder.
    Init(InitArgs),
    /// Generate shell completions or the man page.
    #[command(subcommand, hide = true)]
    Generate(GenerateCommand),
}

/// How names are matched and judged; shared by the commands that compare against a policy.
/// Each flag has a configuration key of the same name (see the README).
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct JudgeArgs {
    /// Match names strictly: a policy row naming a deprecated permission does not cover its
    /// successor (config: successor-matching: false).
    #[arg(long)]
    pub(crate) strict_names: bool,
    /// Severity of `undeclared` for install-time (`normal`) Android permissions; each finding
    /// it changes says so (config: undeclared-normal).
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub(crate) undeclared_normal: Option<SeverityArg>,
}

/// A severity on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum SeverityArg {
    /// note
    Note,
    /// warning
    Warning,
    /// error
    Error,
}

/// Arguments of `permaudit explain`.
#[derive(Debug, clap::Args)]
pub(crate) struct ExplainArgs {
    /// Permission, Info.plist key or Chinese name.
    #[arg(value_name = "NAME")]
    pub(crate) name: String,
    /// App paths to audit: lists where the app requests the permission, and which file and
    /// plugin put it there.
    #[arg(value_name = "PATH")]
    pub(crate) paths: Vec<PathBuf>,
    /// Policy file (YAML) whose rows are searched; default: the built-in M5 policy.
    #[arg(long, value_name = "FILE")]
    pub(crate) policy: Option<PathBuf>,
    /// Matching settings.
    #[command(flatten)]
    pub(crate) judge: JudgeArgs,
}

/// Arguments of `permaudit rules`.
#[derive(Debug, clap::Args)]
pub(crate) struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
    pub(crate) format: RulesFormat,
}

/// Formats of `permaudit rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum RulesFormat {
    /// Plain text.
    Text,
    /// The README's rule table and explanations.
    Markdown,
    /// A JSON array.
    Json,
}

/// Arguments of `permaudit init`.
#[derive(Debug, clap::Args)]
pub(crate) struct InitArgs {
    /// Where the app's manifests and Info.plists are (for --with-policy).
    #[arg(value_name = "PATH", default_value = ".")]
    pub(crate) paths: Vec<PathBuf>,
    /// Also write a starter policy disclosing every permission the app requests today, each row
    /// marked TODO for the author to describe, and point the config at it.
    #[arg(long, value_name = "FILE", num_args = 0..=1, default_missing_value = "privacy-policy.yaml")]
    pub(crate) with_policy: Option<PathBuf>,
    /// Overwrite existing files.
    #[arg(long)]
    pub(crate) force: bool,
}

/// `permaudit generate …`
#[derive(Debug, Subcommand)]
pub(crate) enum GenerateCommand {
    /// Shell completion script on stdout.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Man page (roff) on stdout.
    Man,
}

/// Arguments of `permaudit check`.
#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
    /// Files or directories to audit. Directories are searched for AndroidManifest.xml,
    /// Info.plist and Xcode projects, skipping build outputs, dependencies and test sources.
    #[arg(value_name = "PATH", default_value = ".")]
    pub(crate) paths: Vec<PathBuf>,
    /// Policy file (YAML); default: the built-in M5 policy.
    #[arg(long, value_name = "FILE", conflicts_with = "policy_doc")]
    pub(crate) policy: Option<PathBuf>,
    /// Audit against a privacy-policy document (Markdown, HTML, text, Word or PDF; a file, or
    /// an https:// address, fetched) instead of a YAML policy: its permission tables are read
    /// as `policy import` reads them, and `unused` findings point at the document's lines.
    /// An address is only ever taken from here, never from a config file.
    #[arg(long, value_name = "DOC")]
    pub(crate) policy_doc: Option<PathBuf>,
    /// With --policy-doc URL: also fetch a plain http:// address (e.g. a local preview).
    #[arg(long, requires = "policy_doc")]
    pub(crate) allow_http: bool,
    /// With --policy-doc: audit against the rows that resolved even if some did not (they are
    /// listed on stderr). Without it, an unresolved row is exit 2.
    #[arg(long, requires = "policy_doc")]
    pub(crate) allow_unresolved: bool,
    /// Report format on stdout.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,
    /// Also write a report to a file, as FORMAT=FILE (e.g. sarif=permaudit.sarif); repeatable.
    /// Files are replaced atomically.
    #[arg(long, short, value_name = "FORMAT=FILE", value_parser = parse_output)]
    pub(crate) output: Vec<(Format, PathBuf)>,
    /// Lowest severity that makes the exit code 1 [default: the config's `fail-on`, else error].
    #[arg(long, value_enum)]
    pub(crate) fail_on: Option<FailOn>,
    /// Config file to use instead of discovering .permaudit.yaml / permaudit.yaml.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub(crate) config: Option<PathBuf>,
    /// Use no config file, even if one would be discovered.
    #[arg(long)]
    pub(crate) isolated: bool,
    /// Hide findings recorded in this baseline file, and report entries that no longer match.
    #[arg(long, value_name = "FILE")]
    pub(crate) baseline: Option<PathBuf>,
    /// Record the current findings in this baseline file (atomically) and hide them.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub(crate) write_baseline: Option<PathBuf>,
    /// Matching settings.
    #[command(flatten)]
    pub(crate) judge: JudgeArgs,
    /// Run only these rules (ids, repeatable or comma-separated); every other rule is off,
    /// whatever the config says. For reviewing one concern at a time.
    #[arg(long, value_name = "RULE", value_delimiter = ',', value_parser = parse_rule)]
    pub(crate) select: Vec<permaudit::audit::Rule>,
    /// Largest input file to read, in bytes (suffixes K, M, G allowed); larger files are an
    /// error, not a skip.
    #[arg(long, value_name = "SIZE", default_value = "8M", value_parser = parse_size)]
    pub(crate) max_input_size: u64,
    /// Xcode build configuration whose Info.plist is audited, for every target of every
    /// .xcodeproj [default: the config's `configuration`, else Release].
    #[arg(long, value_name = "NAME")]
    pub(crate) configuration: Option<String>,
    /// Gradle build variant to audit (repeatable; `*` and `?` globs, e.g. `*Release`)
    /// [default: the config's `variants`, else every non-debuggable variant].
    #[arg(long = "variant", value_name = "NAME")]
    pub(crate) variants: Vec<String>,
    /// The Android Gradle plugin's merger report (manifest-merger-<variant>-report.txt) of the
    /// APKs and AABs audited, for who added each permission [default: the report beside the
    /// artifact, in its folder].
    #[arg(long, value_name = "FILE")]
    pub(crate) merger_report: Option<PathBuf>,
}

/// Parses `123`, `512K`, `16M`, `1G` (binary multiples).
fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (digits, shift) = match s.char_indices().last() {
        Some((i, 'k' | 'K')) => (&s[..i], 10),
        Some((i, 'm' | 'M')) => (&s[..i], 20),
        Some((i, 'g' | 'G')) => (&s[..i], 30),
        _ => (s, 0),
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("expected a size such as 16M or 1048576, found `{s}`"))?;
    n.checked_mul(1u64 << shift)
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("size `{s}` is out of range"))
}

/// A rule id of `--select`, with the nearest id when it is none.
fn parse_rule(value: &str) -> Result<permaudit::audit::Rule, String> {
    use permaudit::audit::Rule;
    Rule::from_id(value.trim()).ok_or_else(|| {
        let ids = Rule::ALL.iter().map(|r| r.id());
        let near = permaudit::catalog::nearest(value, ids.clone())
            .map_or(String::new(), |n| format!(" (did you mean `{n}`?)"));
        format!(
            "unknown rule `{value}`{near}; expected one of {}",
            ids.collect::<Vec<_>>().join(", ")
        )
    })
}

/// `FORMAT=FILE` of `--output`.
fn parse_output(value: &str) -> Result<(Format, PathBuf), String> {
    let (format, file) = value.split_once('=').ok_or_else(|| {
        format!("expected FORMAT=FILE (e.g. sarif=permaudit.sarif), got `{value}`")
    })?;
    let format = Format::from_str(format, true).map_err(|_| {
        let known: Vec<_> = Format::value_variants()
            .iter()
            .filter_map(|v| v.to_possible_value().map(|p| p.get_name().to_owned()))
            .collect();
        format!(
            "unknown format `{format}`; expected one of {}",
            known.join(", ")
        )
    })?;
    if file.is_empty() {
        return Err(format!("no file after `{format:?}=`"));
    }
    Ok((format, PathBuf::from(file)))
}

/// Report formats: the library's list, so the flags and the renderers never disagree.
pub(crate) use permaudit::report::export::Format;

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
    /// Check a policy alone: unknown and deprecated names, duplicates, rows without a purpose,
    /// and restricted or unobtainable permissions it discloses.
    ///
    /// Exit codes as for check: 0 no findings at or above --fail-on; 1 findings at or above it;
    /// 2 usage error or invalid policy.
    Lint(LintArgs),

    /// Read the permission tables of a privacy-policy document into policy YAML.
    ///
    /// Understands Markdown and text pipe tables (also rows broken over several lines), HTML
    /// <table>s, lists of "label (IDENTIFIER): purpose" and headings naming permissions.
    /// Rows matched by label rather than identifier are marked for review. Exit codes: 0
    /// imported; 2 unreadable document, no permission table, or some rows unresolved or
    /// ambiguous (listed on stderr; nothing written unless --allow-unresolved), as
    /// `check --policy-doc` exits on the same document.
    Import(ImportArgs),
}

/// Arguments of `permaudit policy lint`.
#[derive(Debug, clap::Args)]
pub(crate) struct LintArgs {
    /// Policy file (YAML); default: the built-in M5 policy.
    #[arg(value_name = "FILE")]
    pub(crate) file: Option<PathBuf>,
    /// Report format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,
    /// Lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub(crate) fail_on: FailOn,
    /// Run only these rules (ids, repeatable or comma-separated).
    #[arg(long, value_name = "RULE", value_delimiter = ',', value_parser = parse_rule)]
    pub(crate) select: Vec<permaudit::audit::Rule>,
}

/// Arguments of `permaudit policy import`.
#[derive(Debug, clap::Args)]
pub(crate) struct ImportArgs {
    /// The privacy-policy document: Markdown, HTML or plain text (UTF-8), Word .docx or PDF,
    /// recognised by its content.
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
