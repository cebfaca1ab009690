//! The `permaudit` binary: parse arguments, call the library, render, choose the exit code.
//! Exit codes are 0 (clean at the threshold), 1 (findings at or above it) and 2 (anything that
//! prevents a trustworthy result), and nothing else, even on a panic.

mod cli;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Result;
use clap::Parser;

use cli::{
    Cli, Command, FailOn, Format, ImportArgs, JudgeArgs, PolicyCommand, RulesFormat, SeverityArg,
};
use permaudit::audit::Settings;
use permaudit::check::{self, CheckOptions, CheckOutcome};
use permaudit::explain;
use permaudit::input::Limits;
use permaudit::model::Severity;
use permaudit::policy;
use permaudit::policy::import::{self, Diagnostic};
use permaudit::report::{RenderOptions, Renderer, json::Json, table::TableReport};
use permaudit::rules;

const EXIT_FINDINGS: u8 = 1;
const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        #[allow(clippy::print_stderr)]
        {
            eprintln!(
                "error: permaudit hit an internal error (a bug): {info}\n\
                 please report it at the project's issue tracker with the command line and \
                 the input that caused it"
            );
        }
    }));
    match std::panic::catch_unwind(run) {
        Ok(Ok(code)) => code,
        Ok(Err(err)) => {
            report_error(&err);
            ExitCode::from(EXIT_ERROR)
        }
        Err(_) => ExitCode::from(EXIT_ERROR),
    }
}

#[allow(clippy::print_stderr)]
fn report_error(err: &anyhow::Error) {
    for line in err.to_string().lines() {
        eprintln!("error: {line}");
    }
}

fn run() -> Result<ExitCode> {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // clap prints help and version itself (exit 0) and usage errors (exit 2).
        Err(e) => e.exit(),
    };
    match cli.command {
        Command::Check(args) => {
            let outcome = check::run(&CheckOptions {
                paths: args.paths,
                policy: args.policy,
                settings: settings(&args.judge),
                limits: Limits {
                    max_input_bytes: args.max_input_size,
                },
                policy_doc: args.policy_doc,
                allow_unresolved: args.allow_unresolved,
            })?;
            print_diagnostics(&outcome.policy_diagnostics);
            report(&outcome, args.format, args.fail_on)
        }
        Command::Policy(PolicyCommand::Show) => {
            write_stdout(policy::BUILTIN_M5.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Policy(PolicyCommand::Lint(args)) => {
            let outcome = check::lint(args.file.as_deref(), &Settings::default())?;
            report(&outcome, args.format, args.fail_on)
        }
        Command::Explain(args) => {
            let policy = check::load_policy(args.policy.as_deref())?;
            let entries = explain::lookup(&args.name)?;
            let text = explain::render(&args.name, &entries, &policy, &settings(&args.judge));
            write_stdout(text.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules(args) => {
            let text = match args.format {
                RulesFormat::Text => rules::text(),
                RulesFormat::Markdown => rules::markdown(),
                RulesFormat::Json => {
                    let mut json = serde_json::to_string_pretty(&rules::infos())?;
                    json.push('\n');
                    json
                }
            };
            write_stdout(text.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Policy(PolicyCommand::Import(args)) => policy_import(&args),
    }
}

/// `permaudit policy import`: the YAML goes to stdout or `--out`, every doubt to stderr. With
/// unresolved rows and no `--allow-unresolved` nothing is written and the exit code is 1, so a
/// partial policy is never mistaken for the document's.
fn policy_import(args: &ImportArgs) -> Result<ExitCode> {
    let display = permaudit::input::discover::display_root(&args.document);
    let imported = import::import_file(&args.document, &display)?;
    print_diagnostics(&imported.diagnostics);
    let stats = imported.stats;
    #[allow(clippy::print_stderr)]
    {
        eprintln!(
            "{display}: {} permission table(s), {} row(s), {} permission(s) resolved \
             ({} by label, to review), {} row(s) unresolved",
            stats.tables, stats.rows, stats.resolved_ids, stats.by_label, stats.unresolved_rows
        );
    }
    if stats.unresolved_rows > 0 && !args.allow_unresolved {
        #[allow(clippy::print_stderr)]
        {
            eprintln!(
                "error: {display}: {} row(s) could not be resolved; nothing written (fix the \
                 document, or pass --allow-unresolved to write the rows that did resolve)",
                stats.unresolved_rows
            );
        }
        return Ok(ExitCode::from(EXIT_FINDINGS));
    }
    match &args.out {
        Some(path) => std::fs::write(path, imported.yaml.as_bytes())
            .map_err(|e| anyhow::anyhow!("{}: cannot write the policy: {e}", path.display()))?,
        None => write_stdout(imported.yaml.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Import diagnostics, one per line, on stderr.
#[allow(clippy::print_stderr)]
fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        eprintln!("{d}");
    }
}

/// The audit settings the flags ask for; everything else keeps its documented default.
fn settings(judge: &JudgeArgs) -> Settings {
    let mut settings = Settings::default();
    if judge.strict_names {
        settings.successor_matching = false;
    }
    settings.undeclared_normal = judge.undeclared_normal.map(|s| match s {
        SeverityArg::Note => Severity::Note,
        SeverityArg::Warning => Severity::Warning,
        SeverityArg::Error => Severity::Error,
    });
    settings
}

/// Renders an outcome and picks the exit code from `--fail-on`.
fn report(outcome: &CheckOutcome, format: Format, fail_on: FailOn) -> Result<ExitCode> {
    let options = RenderOptions { color: use_color() };
    let mut buf = Vec::new();
    match format {
        Format::Table => TableReport.render(outcome, options, &mut buf)?,
        Format::Json => Json.render(outcome, options, &mut buf)?,
    }
    let threshold = match fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Never => None,
    };
    let failed = threshold.is_some_and(|t| outcome.findings.iter().any(|f| f.severity >= t));
    write_stdout(&buf)?;
    Ok(if failed {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    })
}

/// Colour only for a terminal, and never when `NO_COLOR` is set to a non-empty value
/// (no-color.org).
fn use_color() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    !no_color && io::stdout().is_terminal()
}

/// Writes the report. A reader that closed the pipe early (`| head`) is not an error worth a
/// message; the exit code still reflects the findings, so a truncated read never looks clean.
fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut stdout = io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}
