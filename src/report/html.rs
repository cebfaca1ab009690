//! `--format html`: one self-contained page for the release sign-off. No external assets, no
//! scripts (a Content-Security-Policy forbids them, so even a failure of escaping could not
//! run one), and print styles so "Save as PDF" gives a clean document.
//!
//! Contents: the app and policy with the report date and permaudit version; the verdict and
//! counts; per audited platform the coverage matrix (every policy entry and every request,
//! with its status); each finding with its evidence (location and source line); the
//! advisories; acknowledgements with reasons and expiry; and what was not audited.
//!
//! Every string from an input, the policy or the config is escaped, and bidirectional controls
//! are shown as `<U+202E>` rather than obeyed. Elements carry `data-*` attributes with the
//! finding keys and counts, so a test can compare the rendered page with the JSON report.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{Renderer, Report, Summary, text, xml_escape};
use crate::audit::Finding;
use crate::audit::coverage::{EntryStatus, PlatformCoverage, RequestStatus};
use crate::check::CheckOutcome;
use crate::i18n::Lang;
use crate::model::Platform;
use crate::rules::Rule;
use crate::source::Texts;

/// The HTML sign-off renderer.
#[derive(Debug, Clone, Copy, Default)]
pub struct Html;

/// Escaped, with bidi controls made visible.
fn esc(text: &str) -> String {
    xml_escape(&text::visible(text))
}

const STYLE: &str = "\
:root{--err:#b3261e;--warn:#8a5a00;--note:#1f5f8b;--ok:#1e6b34;--line:#c8c8c8}\
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI','Noto Sans','Noto Sans CJK SC',\
'PingFang SC','Microsoft YaHei',sans-serif;color:#1b1b1b;margin:2rem auto;max-width:72rem;\
padding:0 1rem}\
h1{font-size:1.6rem;margin:0 0 .5rem}h2{font-size:1.25rem;margin:2rem 0 .5rem;\
border-bottom:2px solid #1b1b1b}h3{font-size:1.05rem;margin:1.2rem 0 .4rem}\
table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem}\
th,td{border:1px solid var(--line);padding:.25rem .45rem;text-align:left;vertical-align:top}\
th{background:#f1f1f1}thead{display:table-header-group}tr{break-inside:avoid}\
code,pre{font-family:ui-monospace,'SFMono-Regular',Menlo,Consolas,monospace;font-size:.9em}\
pre{background:#f6f6f6;border:1px solid var(--line);padding:.35rem .5rem;margin:.3rem 0;\
white-space:pre-wrap;word-break:break-all}\
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:0}\
dl.meta dt{font-weight:600}dl.meta dd{margin:0}\
.verdict{font-size:1.1rem;font-weight:600;padding:.5rem .75rem;border:2px solid;margin:1rem 0}\
.verdict.fail{color:var(--err)}.verdict.pass{color:var(--ok)}\
.s-error{color:var(--err);font-weight:600}.s-warning{color:var(--warn);font-weight:600}\
.s-note{color:var(--note);font-weight:600}\
td.disclosed{color:var(--ok)}td.undeclared{color:var(--err);font-weight:600}\
td.stale{color:var(--warn);font-weight:600}\
article.finding{border:1px solid var(--line);border-left:4px solid var(--line);\
padding:.4rem .7rem;margin:.5rem 0;break-inside:avoid}\
article.f-error{border-left-color:var(--err)}\
article.f-warning{border-left-color:var(--warn)}\
article.f-note{border-left-color:var(--note)}\
article.finding p{margin:.2rem 0}\
.muted{color:#555}\
@page{size:A4;margin:14mm}\
@media print{body{margin:0;max-width:none;font-size:11px}h2{break-after:avoid}\
a{color:inherit;text-decoration:none}}";

impl Renderer for Html {
    fn render(&self, report: Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let Report { outcome, options } = report;
        let lang = options.lang;
        let t = |id: &str| lang.text(id);
        let mut h = String::with_capacity(32 * 1024);
        let app = app_name(outcome, lang);
        let version = env!("CARGO_PKG_VERSION");
        let summary = Summary::of(outcome);
        let _ = write!(
            h,
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
             style-src 'unsafe-inline'\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"permaudit {version}\">\n\
             <title>{}: {}</title>\n<style>{STYLE}</style>\n\
             </head>\n<body>\n",
            if lang == Lang::Zh { "zh-Hans" } else { "en" },
            t("html.title"),
            esc(&app)
        );
        let _ = write!(
            h,
            "<header>\n<h1>{}</h1>\n<dl class=\"meta\">\n\
             <dt>{}</dt><dd><code>{}</code> ({})</dd>\n\
             <dt>{}</dt><dd>{} <span class=\"muted\">({})</span></dd>\n",
            t("html.title"),
            t("html.app"),
            esc(&app),
            lang.fill(
                "html.audited",
                &[("inputs", &lang.count("input", outcome.inputs.len()))]
            ),
            t("html.policy"),
            esc(&outcome.policy.name),
            esc(outcome
                .policy
                .file
                .as_deref()
                .unwrap_or_else(|| t("human.builtin"))),
        );
        for line in super::variant_policy_lines(lang, outcome) {
            let _ = writeln!(
                h,
                "<dt>{}</dt><dd>{}</dd>",
                t("html.variant-policy"),
                esc(&line)
            );
        }
        if let Some(source) = &outcome.policy.source {
            let _ = writeln!(
                h,
                "<dt>{}</dt><dd>{}</dd>",
                t("html.policy-source"),
                esc(source)
            );
        }
        let _ = write!(
            h,
            "<dt>{}</dt><dd>{}</dd>\n<dt>{}</dt><dd><time>{}</time></dd>\n\
             <dt>{}</dt><dd>permaudit {version}</dd>\n</dl>\n</header>\n",
            t("html.config"),
            esc(outcome.config.as_deref().unwrap_or_else(|| t("human.none"))),
            t("html.date"),
            outcome.today,
            t("html.generator"),
        );

        // Verdict and counts.
        let (class, verdict) = if summary.errors > 0 {
            ("fail", t("html.verdict.fail"))
        } else if outcome.findings.is_empty() {
            ("pass", t("html.verdict.clean"))
        } else {
            ("pass", t("html.verdict.warnings"))
        };
        let _ = write!(
            h,
            "<section id=\"summary\">\n<h2>{}</h2>\n\
             <p class=\"verdict {class}\">{verdict}</p>\n<table class=\"counts\">\n\
             <thead><tr><th>{}</th><th>{}</th><th>{}</th>\
             <th>{}</th><th>{}</th></tr></thead>\n\
             <tbody><tr><td data-count=\"errors\">{}</td><td data-count=\"warnings\">{}</td>\
             <td data-count=\"notes\">{}</td><td data-count=\"acknowledged\">{}</td>\
             <td data-count=\"baselined\">{}</td></tr></tbody>\n</table>\n",
            t("html.summary"),
            t("html.col.errors"),
            t("html.col.warnings"),
            t("html.col.notes"),
            t("html.col.acknowledged"),
            t("html.col.baselined"),
            summary.errors,
            summary.warnings,
            summary.notes,
            outcome.suppression.acknowledged.len(),
            outcome.suppression.baselined.len()
        );
        if !outcome.coverage.is_empty() {
            let _ = write!(
                h,
                "<table class=\"coverage\">\n<thead><tr><th>{}</th><th>{}</th>\
                 <th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
                t("html.col.platform"),
                t("html.col.requested"),
                t("html.col.disclosed"),
                t("html.col.undeclared"),
                t("html.col.stale"),
            );
            for c in &outcome.coverage {
                let p = c.platform.as_str();
                let _ = writeln!(
                    h,
                    "<tr><td>{}</td><td data-count=\"{p}-requested\">{}</td>\
                     <td data-count=\"{p}-disclosed\">{}</td>\
                     <td data-count=\"{p}-undeclared\">{}</td>\
                     <td data-count=\"{p}-stale\">{}</td></tr>",
                    esc(&super::coverage_title(lang, c)),
                    c.requests.len(),
                    c.disclosed(),
                    c.undeclared(),
                    c.stale()
                );
            }
            h.push_str("</tbody>\n</table>\n");
        }
        h.push_str("</section>\n");

        for (i, c) in outcome.coverage.iter().enumerate() {
            matrix(&mut h, c, i, lang);
        }

        let mut sources = Texts::new(&outcome.sources);
        let (disclosure, advisories): (Vec<&Finding>, Vec<&Finding>) = outcome
            .findings
            .iter()
            .partition(|f| matches!(f.rule, Rule::Undeclared | Rule::Unused));
        let _ = writeln!(
            h,
            "<section id=\"findings\">\n<h2>{}</h2>",
            t("html.findings")
        );
        if disclosure.is_empty() {
            let _ = writeln!(h, "<p>{}</p>", t("html.none"));
        }
        for f in disclosure {
            finding(&mut h, outcome, f, lang, &mut sources);
        }
        let _ = writeln!(
            h,
            "</section>\n<section id=\"advisories\">\n<h2>{}</h2>\n<p class=\"muted\">{}</p>",
            t("html.advisories"),
            t("html.advisories.about")
        );
        if advisories.is_empty() {
            let _ = writeln!(h, "<p>{}</p>", t("html.none"));
        }
        for f in advisories {
            finding(&mut h, outcome, f, lang, &mut sources);
        }
        h.push_str("</section>\n");

        acknowledgements(&mut h, outcome, lang);
        not_audited(&mut h, outcome, lang);
        h.push_str("</body>\n</html>\n");
        out.write_all(h.as_bytes())
    }
}

/// The audited app: the folder all inputs share (archives count as their file).
fn app_name(outcome: &CheckOutcome, lang: Lang) -> String {
    let dirs: Vec<Vec<&str>> = outcome
        .inputs
        .iter()
        .map(|i| {
            let file = i.path.split_once("!/").map_or(i.path.as_str(), |(f, _)| f);
            let mut parts: Vec<&str> = file.split('/').collect();
            parts.pop();
            parts
        })
        .collect();
    let Some(first) = dirs.first() else {
        return lang.text("html.policy-only").to_owned();
    };
    let mut common = first.len();
    for d in &dirs[1..] {
        common = common.min(first.iter().zip(d).take_while(|(a, b)| a == b).count());
    }
    let joined = first[..common].join("/");
    if joined.is_empty() {
        ".".to_owned()
    } else if dirs.len() == 1 {
        outcome.inputs[0].path.clone()
    } else {
        joined
    }
}

/// Per platform: every policy entry (by row) and every request, with its status.
fn matrix(h: &mut String, c: &PlatformCoverage, nth: usize, lang: Lang) {
    let t = |id: &str| lang.text(id);
    let platform = c.platform;
    let line = lang.fill(
        "html.matrix.line",
        &[
            ("disclosed", &c.disclosed().to_string()),
            ("requests", &lang.count("request", c.requests.len())),
            ("undeclared", &c.undeclared().to_string()),
            ("stale", &lang.count("entry", c.stale())),
        ],
    );
    let _ = write!(
        h,
        "<section class=\"platform\" id=\"platform-{}\">\n<h2>{}</h2>\n<p>{line}</p>\n\
         <table class=\"matrix\">\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th>\
         </tr></thead>\n<tbody>\n",
        // One platform has a matrix per policy when variants ship with different ones.
        if c.policy.is_some() {
            format!("{}-{}", platform.as_str(), nth + 1)
        } else {
            platform.as_str().to_owned()
        },
        esc(&lang.fill(
            "html.matrix.title",
            &[("platform", &super::coverage_title(lang, c))]
        )),
        t("html.col.row"),
        t("html.col.permission"),
        t("html.col.requested-at"),
        t("html.col.status"),
    );
    let requested_at = |permission: &str| -> String {
        c.requests
            .iter()
            .find(|r| r.permission == permission)
            .map(|r| {
                r.locations
                    .iter()
                    .map(|l| format!("<code>{}</code>", esc(&l.to_string())))
                    .collect::<Vec<_>>()
                    .join("<br>")
            })
            .unwrap_or_default()
    };
    for e in &c.entries {
        let d = &e.disclosure;
        let row = d.row_name.as_deref().map_or_else(
            || lang.fill("label.row.numbered", &[("n", &(d.row + 1).to_string())]),
            |n| format!("{}. {n}", d.row + 1),
        );
        let (class, status, at) = match &e.status {
            EntryStatus::Requested => (
                "disclosed",
                t("html.status.disclosed").to_owned(),
                requested_at(&d.permission),
            ),
            EntryStatus::RequestedAs(other) => (
                "disclosed",
                lang.fill(
                    "html.status.disclosed-as",
                    &[("other", &format!("<code>{}</code>", esc(other)))],
                ),
                requested_at(other),
            ),
            EntryStatus::Stale => ("stale", t("html.status.stale").to_owned(), String::new()),
        };
        let _ = writeln!(
            h,
            "<tr data-cell=\"{}|{}|{class}\"><td>{}</td><td><code>{}</code>{}</td><td>{at}</td>\
             <td class=\"{class}\">{status}</td></tr>",
            platform.as_str(),
            esc(&d.permission),
            esc(&row),
            esc(&d.permission),
            zh_name(lang, platform, &d.permission),
        );
    }
    for r in &c.requests {
        if r.status != RequestStatus::Undeclared {
            continue;
        }
        let _ = writeln!(
            h,
            "<tr data-cell=\"{}|{}|undeclared\"><td class=\"muted\">{}</td>\
             <td><code>{}</code>{}</td><td>{}</td><td class=\"undeclared\">{}</td></tr>",
            platform.as_str(),
            esc(&r.permission),
            t("html.no-row"),
            esc(&r.permission),
            zh_name(lang, platform, &r.permission),
            requested_at(&r.permission),
            t("html.status.undeclared"),
        );
    }
    h.push_str("</tbody>\n</table>\n</section>\n");
}

/// In Chinese, the catalog's Chinese name after the identifier.
fn zh_name(lang: Lang, platform: Platform, permission: &str) -> String {
    let named = super::permission_name(lang, platform, permission);
    match named.strip_prefix(permission) {
        Some(rest) if !rest.is_empty() => format!(
            "<br>{}",
            esc(rest.trim_start_matches('（').trim_end_matches('）'))
        ),
        _ => String::new(),
    }
}

/// One finding with its evidence.
fn finding(
    h: &mut String,
    outcome: &CheckOutcome,
    f: &Finding,
    lang: Lang,
    sources: &mut Texts<'_>,
) {
    let severity = f.severity.as_str();
    let _ = write!(
        h,
        "<article class=\"finding f-{severity}\" data-finding=\"{}|{}|{}|{}\">\n\
         <div><span class=\"s-{severity}\">{}[{}]</span> <code>{}</code> \
         <span class=\"muted\">({})</span></div>\n<p>{}</p>\n\
         <div>{} <code>{}</code></div>\n",
        f.rule.id(),
        f.platform.as_str(),
        esc(&f.permission),
        esc(&f.location.to_string()),
        lang.severity(f.severity),
        f.rule.id(),
        esc(&f.permission),
        f.platform.display_name(),
        esc(&super::message_in(lang, outcome, f)),
        lang.text("html.at"),
        esc(&f.location.to_string()),
    );
    if let Some(line) = f.location.line
        && let Some(source) = sources.line(&f.location.path, line)
    {
        let _ = writeln!(h, "<pre>{line:>4} | {}</pre>", esc(source.trim_end()));
    }
    h.push_str("</article>\n");
}

fn acknowledgements(h: &mut String, outcome: &CheckOutcome, lang: Lang) {
    let t = |id: &str| lang.text(id);
    let s = &outcome.suppression;
    let _ = writeln!(
        h,
        "<section id=\"acknowledgements\">\n<h2>{}</h2>",
        t("html.acks")
    );
    if s.acknowledged.is_empty() && s.expired.is_empty() && s.unmatched.is_empty() {
        let _ = writeln!(h, "<p>{}</p>", t("html.acks.none"));
    } else {
        let _ = writeln!(
            h,
            "<table class=\"acks\">\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th>\
             <th>{}</th></tr></thead>\n<tbody>",
            t("html.col.permission"),
            t("html.col.reason"),
            t("html.col.expires"),
            t("html.col.state"),
            t("html.col.written-at"),
        );
        let mut row = |a: &crate::config::Acknowledgement, state: &str, key: &str| {
            let _ = writeln!(
                h,
                "<tr data-ack=\"{key}\"><td><code>{}</code> ({})</td><td>{}</td><td>{}</td>\
                 <td>{state}</td><td><code>{}</code></td></tr>",
                esc(&a.permission),
                a.platform.display_name(),
                esc(&a.reason),
                a.expires
                    .map_or_else(|| t("html.ack.never").to_owned(), |e| e.to_string()),
                esc(&a.location.to_string())
            );
        };
        for (_, a) in &s.acknowledged {
            row(a, t("html.ack.hides"), "hides");
        }
        for a in &s.expired {
            row(a, t("html.ack.expired"), "expired");
        }
        for a in &s.unmatched {
            row(a, t("html.ack.unmatched"), "unmatched");
        }
        h.push_str("</tbody>\n</table>\n");
    }
    match &s.baseline {
        Some(baseline) => {
            let _ = writeln!(
                h,
                "<p>{}</p>",
                lang.fill(
                    "html.baseline",
                    &[
                        ("baseline", &format!("<code>{}</code>", esc(baseline))),
                        ("findings", &lang.count("finding", s.baselined.len())),
                        ("stale", &lang.count("baseline-entry", s.stale.len())),
                    ]
                )
            );
        }
        None => {
            let _ = writeln!(h, "<p>{}</p>", t("html.baseline.none"));
        }
    }
    h.push_str("</section>\n");
}

/// What the audit did not cover, said plainly so a sign-off does not read more into it.
fn not_audited(h: &mut String, outcome: &CheckOutcome, lang: Lang) {
    let t = |id: &str| lang.text(id);
    let _ = writeln!(
        h,
        "<section id=\"not-audited\">\n<h2>{}</h2>\n<ul>",
        t("html.not-audited")
    );
    let audited: Vec<Platform> = outcome.coverage.iter().map(|c| c.platform).collect();
    for platform in [Platform::Android, Platform::Ios] {
        let rows = outcome
            .policy
            .rows
            .iter()
            .filter(|r| r.platform == platform)
            .count();
        if !audited.contains(&platform)
            && outcome.command == crate::check::Command::Check
            && rows > 0
        {
            let _ = writeln!(
                h,
                "<li data-not-audited=\"{}\">{}</li>",
                platform.as_str(),
                lang.fill(
                    "html.not-audited.platform",
                    &[
                        ("platform", platform.display_name()),
                        ("rows", &lang.count("row", rows)),
                    ]
                )
            );
        }
    }
    for input in &outcome.inputs {
        if input.requests.iter().any(|r| r.location.line.is_none()) {
            let _ = writeln!(
                h,
                "<li>{}</li>",
                lang.fill(
                    "html.not-audited.binary",
                    &[
                        ("path", &format!("<code>{}</code>", esc(&input.path))),
                        ("kind", input.kind.as_str()),
                    ]
                )
            );
        }
    }
    for d in &outcome.policy_diagnostics {
        let _ = writeln!(h, "<li>{}</li>", esc(&d.to_string()));
    }
    let _ = writeln!(
        h,
        "<li>{}</li>\n</ul>\n<h3>{}</h3>\n<ul>",
        t("html.not-audited.scope"),
        t("html.inputs")
    );
    for input in &outcome.inputs {
        let _ = writeln!(
            h,
            "<li>{}</li>",
            lang.fill(
                "html.input",
                &[
                    ("path", &format!("<code>{}</code>", esc(&input.path))),
                    ("platform", input.platform().display_name()),
                    ("kind", input.kind.as_str()),
                    ("requests", &lang.count("request", input.requests.len())),
                ]
            )
        );
    }
    h.push_str("</ul>\n</section>\n");
}
