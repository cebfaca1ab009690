//! The `permaudit` binary: parse arguments, call the library, render, choose the exit code.
//! Exit codes are 0 (clean at the threshold), 1 (findings at or above it) and 2 (anything that
//! prevents a trustworthy result), and nothing else, even on a panic.

mod cli;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Result;
use clap::{CommandFactory, Parser};

use cli::{
    Cli, ColorChoice, Command, FailOn, GenerateCommand, ImportArgs, InitArgs, JudgeArgs, LangArg,
    PolicyCommand, RulesFormat, SeverityArg,
};
use permaudit::audit::Settings;
use permaudit::check::{self, CheckError, CheckOptions, CheckOutcome};
use permaudit::config::{self, ConfigSource, Date};
use permaudit::explain;
use permaudit::i18n::Lang;
use permaudit::input::Limits;
use permaudit::model::Severity;
use permaudit::policy;
use permaudit::policy::import::{self, Diagnostic};
use permaudit::report::export::Exports;
use permaudit::report::{RenderOptions, diagnostic};
use permaudit::source::{SourceMap, Texts};

const EXIT_FINDINGS: u8 = 1;
const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    // The release profile aborts on panic (no unwinding tables to load or run), so the hook
    // itself ends the process with exit 2, on any thread; test builds unwind and end the same way.
    std::panic::set_hook(Box::new(|info| {
        #[allow(clippy::print_stderr)]
        {
            eprintln!(
                "error: permaudit hit an internal error (a bug): {info}\n\
                 please report it at the project's issue tracker with the command line and \
                 the input that caused it"
            );
        }
        std::process::exit(i32::from(EXIT_ERROR));
    }));
    match run() {
        Ok(code) => code,
        Err(err) => {
            report_error(&err);
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// The error on stderr, `error: ` before each of its lines (see [`wrap_lines`]).
#[allow(clippy::print_stderr)]
fn report_error(err: &anyhow::Error) {
    const PREFIX: &str = "error: ";
    let width = stderr_width();
    for line in err.to_string().lines() {
        let line = match width {
            Some(width) => wrap_lines(line, width.saturating_sub(PREFIX.len()))
                .replace('\n', &format!("\n{}", " ".repeat(PREFIX.len()))),
            None => line.to_owned(),
        };
        eprintln!("{PREFIX}{line}");
    }
}

/// `text` wrapped for a terminal `width` columns wide, between words: each line on its own,
/// keeping its indent, its continuation lines indented four more (an error that lists
/// diagnostics indents them). Without this the terminal cuts words, and Chinese labels,
/// wherever the edge falls.
fn wrap_lines(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    for (n, line) in text.lines().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let body = line.trim_start_matches(' ');
        let indent = &line[..line.len() - body.len()];
        let room = width.saturating_sub(indent.len() + 4).max(20);
        for (i, part) in permaudit::report::wrap_text(body, room).iter().enumerate() {
            if i > 0 {
                out.push('\n');
                out.push_str("    ");
            }
            out.push_str(indent);
            out.push_str(part);
        }
    }
    out
}

fn run() -> Result<ExitCode> {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // clap prints help and version itself (exit 0) and usage errors (exit 2).
        Err(e) => e.exit(),
    };
    let color = cli.color;
    let lang_flag = cli.lang.map(|l| match l {
        LangArg::En => Lang::En,
        LangArg::Zh => Lang::Zh,
    });
    match cli.command {
        Command::Check(args) => {
            let config = match (args.config, args.isolated) {
                (Some(file), _) => ConfigSource::File(file),
                (None, true) => ConfigSource::Isolated,
                (None, false) => ConfigSource::Discover,
            };
            let exports = Exports::new(args.output)?;
            let options = CheckOptions {
                paths: args.paths,
                policy: args.policy,
                settings: Settings {
                    select: selection(&args.select),
                    ..settings(&args.judge)
                },
                limits: Limits {
                    max_input_bytes: args.max_input_size,
                    ..Limits::default()
                },
                policy_doc: args.policy_doc,
                allow_unresolved: args.allow_unresolved,
                allow_http: args.allow_http,
                config,
                baseline: args.baseline,
                write_baseline: args.write_baseline,
                today: today()?,
                xcode: permaudit::input::xcode::XcodeOptions {
                    configuration: args.configuration,
                },
                gradle: permaudit::input::gradle::GradleOptions {
                    variants: args.variants,
                    merger_report: args.merger_report,
                },
                presentation: check::Presentation {
                    fail_on: args.fail_on.map(config_fail_on),
                    lang: lang_flag,
                    locale: locale_lang(),
                },
            };
            let outcome = match check::run(&options) {
                Ok(outcome) => outcome,
                Err(e) => {
                    report_check_error(
                        &e,
                        &options.limits.sources,
                        use_color(color, io::stderr().is_terminal()),
                    );
                    return Ok(ExitCode::from(EXIT_ERROR));
                }
            };
            print_diagnostics(&outcome.policy_diagnostics);
            if cli.verbose {
                explain_run(&outcome, &options, &exports);
            }
            let lang = outcome.lang;
            let stdout_options = stdout_options(color, cli.quiet, lang);
            let buf = args.format.render(&outcome, stdout_options)?;
            exports.write(
                &outcome,
                RenderOptions {
                    quiet: cli.quiet,
                    lang,
                    ..RenderOptions::default()
                },
            )?;
            write_stdout(&buf)?;
            let code = exit_code(&outcome);
            // The process ends here, and the outcome holds only memory: freeing its findings,
            // requests and kept texts one allocation at a time would be the run's last
            // thousands of calls for nothing anyone sees.
            std::mem::forget(outcome);
            Ok(code)
        }
        Command::Policy(PolicyCommand::Lint(args)) => {
            let settings = Settings {
                select: selection(&args.select),
                ..Settings::default()
            };
            let presentation = check::Presentation {
                fail_on: Some(config_fail_on(args.fail_on)),
                lang: lang_flag,
                locale: locale_lang(),
            };
            let sources = SourceMap::default();
            let outcome =
                match check::lint(args.file.as_deref(), &settings, &presentation, &sources) {
                    Ok(outcome) => outcome,
                    Err(e) => {
                        report_check_error(
                            &e,
                            &sources,
                            use_color(color, io::stderr().is_terminal()),
                        );
                        return Ok(ExitCode::from(EXIT_ERROR));
                    }
                };
            let options = stdout_options(color, cli.quiet, outcome.lang);
            let buf = args.format.render(&outcome, options)?;
            write_stdout(&buf)?;
            Ok(exit_code(&outcome))
        }
        Command::Policy(PolicyCommand::Import(args)) => policy_import(&args),
        Command::Explain(args) => {
            let policy = check::load_policy(args.policy.as_deref(), &SourceMap::default())?;
            let entries = explain::lookup(&args.name)?;
            // As `rules` and `policy lint`: the flag, else the locale (explain reads no config).
            let lang = lang_flag.unwrap_or_else(locale_lang);
            let mut text =
                explain::render(&args.name, &entries, &policy, &settings(&args.judge), lang);
            if !args.paths.is_empty() {
                let options = CheckOptions {
                    paths: args.paths.clone(),
                    ..CheckOptions::default()
                };
                match check::run(&options) {
                    Ok(outcome) => {
                        text.push_str(&explain::requested_by(&entries, &outcome.inputs, lang));
                    }
                    Err(e) => {
                        report_check_error(
                            &e,
                            &options.limits.sources,
                            use_color(ColorChoice::Auto, io::stderr().is_terminal()),
                        );
                        return Ok(ExitCode::from(EXIT_ERROR));
                    }
                }
            }
            write_stdout(text.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules(args) => {
            let lang = lang_flag.unwrap_or_else(locale_lang);
            let text = match args.format {
                RulesFormat::Text => permaudit::i18n::rules::text(lang),
                RulesFormat::Markdown => permaudit::i18n::rules::markdown(lang),
                RulesFormat::Json => {
                    let mut json =
                        serde_json::to_string_pretty(&permaudit::i18n::rules::infos(lang))?;
                    json.push('\n');
                    json
                }
            };
            write_stdout(text.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Init(args) => init(args, cli.quiet),
        Command::Generate(GenerateCommand::Completions { shell }) => {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "permaudit", &mut buf);
            write_stdout(&buf)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Generate(GenerateCommand::Man) => {
            let mut buf = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut buf)?;
            write_stdout(&buf)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Policy(PolicyCommand::Show) => {
            write_stdout(policy::BUILTIN_M5.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn config_fail_on(fail_on: FailOn) -> config::FailOn {
    match fail_on {
        FailOn::Error => config::FailOn::Error,
        FailOn::Warning => config::FailOn::Warning,
        FailOn::Never => config::FailOn::Never,
    }
}

/// 1 when a finding is at or above the threshold, else 0.
fn exit_code(outcome: &CheckOutcome) -> ExitCode {
    if outcome.fails() {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
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

/// The rules `--select` names; none named runs every rule.
fn selection(
    rules: &[permaudit::audit::Rule],
) -> Option<std::collections::BTreeSet<permaudit::audit::Rule>> {
    (!rules.is_empty()).then(|| rules.iter().copied().collect())
}

/// `permaudit policy import`: the YAML goes to stdout or `--out`, every doubt to stderr. With
/// unresolved rows and no `--allow-unresolved` nothing is written and the exit code is 2, as
/// `check --policy-doc` exits on the same document: a policy that cannot be read in full is an
/// input error, and a partial policy is never mistaken for the document's.
fn policy_import(args: &ImportArgs) -> Result<ExitCode> {
    let display = permaudit::display::root(&args.document);
    let imported = import::import_file(&args.document, &display, &SourceMap::default())?;
    print_diagnostics(&imported.diagnostics);
    let stats = imported.stats;
    let width = stderr_width();
    eprint_wrapped(
        &format!(
            "{display}: {} permission table(s), {} row(s), {} permission(s) resolved \
             ({} by label, to review), {} row(s) unresolved",
            stats.tables, stats.rows, stats.resolved_ids, stats.by_label, stats.unresolved_rows
        ),
        width,
    );
    if stats.unresolved_rows > 0 && !args.allow_unresolved {
        eprint_wrapped(
            &format!(
                "error: {display}: {} row(s) could not be resolved; nothing written (fix the \
                 document, or pass --allow-unresolved to write the rows that did resolve)",
                stats.unresolved_rows
            ),
            width,
        );
        return Ok(ExitCode::from(EXIT_ERROR));
    }
    match &args.out {
        Some(path) => permaudit::atomic::write(path, imported.yaml.as_bytes())
            .map_err(|e| anyhow::anyhow!("{}: cannot write the policy: {e}", path.display()))?,
        None => write_stdout(imported.yaml.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Import diagnostics on stderr, one each (see [`eprint_wrapped`]).
fn print_diagnostics(diagnostics: &[Diagnostic]) {
    let width = stderr_width();
    for d in diagnostics {
        eprint_wrapped(&d.to_string(), width);
    }
}

/// The width of stderr when it is a terminal.
fn stderr_width() -> Option<usize> {
    let stderr = io::stderr();
    stderr
        .is_terminal()
        .then(|| terminal_size::terminal_size_of(&stderr).map(|(w, _)| usize::from(w.0)))
        .flatten()
}

/// One message on stderr. In a terminal it is wrapped to the terminal's width, continuation
/// lines indented, so a person reads it whole; piped (a CI log, `grep`, an editor's problem
/// matcher) it stays one `file:line:col: kind: message` line, as those tools read it.
#[allow(clippy::print_stderr)]
fn eprint_wrapped(text: &str, width: Option<usize>) {
    match width {
        Some(width) => eprintln!("{}", wrap_lines(text, width)),
        None => eprintln!("{text}"),
    }
}

/// `PERMAUDIT_TODAY=YYYY-MM-DD` pins the date acknowledgements expire against. It exists for
/// tests (an expiry test must not start failing on a calendar date); unset, today in UTC.
fn today() -> Result<Option<Date>> {
    match std::env::var("PERMAUDIT_TODAY") {
        Ok(value) => Date::parse(&value)
            .map(Some)
            .ok_or_else(|| anyhow::anyhow!("PERMAUDIT_TODAY={value}: expected YYYY-MM-DD")),
        Err(_) => Ok(None),
    }
}

/// The language the environment asks for (`LC_ALL`, else `LANG`), for runs without `--lang`
/// or a config's `lang`.
fn locale_lang() -> Lang {
    let var = |name: &str| std::env::var(name).ok();
    Lang::from_locale(var("LC_ALL").as_deref(), var("LANG").as_deref())
}

/// Colour and width for the report on stdout: a terminal's own width, else the default.
fn stdout_options(color: ColorChoice, quiet: bool, lang: Lang) -> RenderOptions {
    let terminal = io::stdout().is_terminal();
    RenderOptions {
        color: use_color(color, terminal),
        quiet,
        lang,
        width: terminal
            .then(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
            .flatten(),
    }
}

/// The colour decision for one stream. An explicit `--color always|never` wins; otherwise
/// `NO_COLOR` (non-empty, no-color.org) turns colour off, `CLICOLOR_FORCE` (non-empty, not
/// `0`) turns it on, and else colour follows whether the stream is a terminal.
fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) => false,
        ColorChoice::Auto if set("CLICOLOR_FORCE") => true,
        ColorChoice::Auto => is_terminal,
    }
}

/// Every problem on stderr, with the offending line and a caret where the run kept the file's
/// text (`sources`: what the readers read; nothing is read again to show it).
#[allow(clippy::print_stderr)]
fn report_check_error(err: &CheckError, sources: &SourceMap, color: bool) {
    let mut texts = Texts::new(sources);
    let width = stderr_width();
    for (message, location) in err.problems() {
        // The renderer indents a message's later lines under its first, past `error: `.
        let message = match width {
            Some(width) => wrap_lines(&message, width.saturating_sub("error: ".len())),
            None => message,
        };
        let source = location
            .filter(|l| l.line.is_some())
            .and_then(|l| texts.whole(&l.path));
        eprintln!("{}", diagnostic::render(&message, location, source, color));
    }
}

/// `--verbose`: what was used and why, on stderr so the report stays machine-readable.
#[allow(clippy::print_stderr)]
fn explain_run(outcome: &CheckOutcome, options: &CheckOptions, exports: &Exports) {
    eprintln!(
        "permaudit: config: {} ({})",
        outcome.config.as_deref().unwrap_or("none"),
        outcome.config_why
    );
    eprintln!(
        "permaudit: policy: {} from {} ({})",
        outcome.policy.name,
        outcome.policy.display_path(),
        outcome.policy_why
    );
    for e in &outcome.variant_policies {
        eprintln!(
            "permaudit: policy for variants {}: {} from {} (`policies:` entry at {}; audited: {})",
            e.variants,
            e.policy.name,
            e.policy.display_path(),
            e.location,
            if e.audited.is_empty() {
                "no audited variant matches".to_owned()
            } else {
                e.audited.join(", ")
            }
        );
    }
    for input in &outcome.inputs {
        eprintln!(
            "permaudit: audited {} ({}, {} requests)",
            input.path,
            input.kind.as_str(),
            input.requests.len()
        );
    }
    if let Some(path) = &options.write_baseline {
        eprintln!("permaudit: wrote baseline {}", path.display());
    }
    for (format, path) in exports.files() {
        eprintln!(
            "permaudit: writing {} report to {}",
            format.name(),
            path.display()
        );
    }
}

/// `permaudit init`: never overwrites without --force, writes atomically.
#[allow(clippy::print_stderr)]
fn init(args: InitArgs, quiet: bool) -> Result<ExitCode> {
    let config_path = std::path::Path::new(".permaudit.yaml");
    let mut files: Vec<(std::path::PathBuf, String)> = Vec::new();
    if let Some(policy_path) = &args.with_policy {
        let limits = Limits::default();
        let inputs = match permaudit::init::scan(&args.paths, &limits) {
            Ok(inputs) => inputs,
            Err(e) => {
                report_check_error(
                    &e,
                    &limits.sources,
                    use_color(ColorChoice::Auto, io::stderr().is_terminal()),
                );
                return Ok(ExitCode::from(EXIT_ERROR));
            }
        };
        files.push((
            policy_path.clone(),
            permaudit::init::starter_policy(&inputs),
        ));
    }
    let policy_text = args.with_policy.as_deref().map(permaudit::display::slashes);
    files.insert(
        0,
        (
            config_path.to_path_buf(),
            permaudit::init::config_template(policy_text.as_deref()),
        ),
    );
    if !args.force {
        if let Some((existing, _)) = files.iter().find(|(p, _)| p.exists()) {
            anyhow::bail!(
                "{} already exists; pass --force to overwrite it",
                existing.display()
            );
        }
    }
    for (path, text) in &files {
        permaudit::atomic::write(path, text.as_bytes())
            .map_err(|e| anyhow::anyhow!("{}: cannot write: {e}", path.display()))?;
        if !quiet {
            eprintln!("permaudit: wrote {}", path.display());
        }
    }
    Ok(ExitCode::SUCCESS)
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
