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

use super::source::Sources;
use super::{RenderOptions, Renderer, Summary, text, xml_escape};
use crate::audit::coverage::{EntryStatus, PlatformCoverage, RequestStatus};
use crate::check::CheckOutcome;
use crate::model::{Finding, Platform};
use crate::rules::Rule;

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
    fn render(
        &self,
        outcome: &CheckOutcome,
        _: RenderOptions,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let mut h = String::with_capacity(32 * 1024);
        let app = app_name(outcome);
        let version = env!("CARGO_PKG_VERSION");
        let summary = Summary::of(outcome);
        let _ = write!(
            h,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
             style-src 'unsafe-inline'\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"permaudit {version}\">\n\
             <title>Permission disclosure report: {}</title>\n<style>{STYLE}</style>\n\
             </head>\n<body>\n",
            esc(&app)
        );
        let _ = write!(
            h,
            "<header>\n<h1>Permission disclosure report</h1>\n<dl class=\"meta\">\n\
             <dt>App</dt><dd><code>{}</code> ({} audited)</dd>\n\
             <dt>Policy</dt><dd>{} <span class=\"muted\">({})</span></dd>\n",
            esc(&app),
            plural(outcome.inputs.len(), "input"),
            esc(&outcome.policy.name),
            esc(outcome.policy.file.as_deref().unwrap_or("built-in")),
        );
        if let Some(source) = &outcome.policy.source {
            let _ = writeln!(h, "<dt>Policy source</dt><dd>{}</dd>", esc(source));
        }
        let _ = write!(
            h,
            "<dt>Config</dt><dd>{}</dd>\n<dt>Report date</dt><dd><time>{}</time></dd>\n\
             <dt>Generated by</dt><dd>permaudit {version}</dd>\n</dl>\n</header>\n",
            esc(outcome.config.as_deref().unwrap_or("none")),
            outcome.today
        );

        // Verdict and counts.
        let (class, verdict) = if summary.errors > 0 {
            ("fail", "Not ready for release: disclosures need attention")
        } else if outcome.findings.is_empty() {
            ("pass", "No findings: the policy and the app agree")
        } else {
            ("pass", "No errors; warnings to review")
        };
        let _ = write!(
            h,
            "<section id=\"summary\">\n<h2>Summary</h2>\n\
             <p class=\"verdict {class}\">{verdict}</p>\n<table class=\"counts\">\n\
             <thead><tr><th>errors</th><th>warnings</th><th>notes</th>\
             <th>hidden by acknowledgements</th><th>hidden by the baseline</th></tr></thead>\n\
             <tbody><tr><td data-count=\"errors\">{}</td><td data-count=\"warnings\">{}</td>\
             <td data-count=\"notes\">{}</td><td data-count=\"acknowledged\">{}</td>\
             <td data-count=\"baselined\">{}</td></tr></tbody>\n</table>\n",
            summary.errors,
            summary.warnings,
            summary.notes,
            outcome.suppression.acknowledged.len(),
            outcome.suppression.baselined.len()
        );
        if !outcome.coverage.is_empty() {
            h.push_str(
                "<table class=\"coverage\">\n<thead><tr><th>platform</th><th>requested</th>\
                 <th>disclosed</th><th>undeclared</th><th>stale policy entries</th></tr>\
                 </thead>\n<tbody>\n",
            );
            for c in &outcome.coverage {
                let p = c.platform.as_str();
                let _ = writeln!(
                    h,
                    "<tr><td>{}</td><td data-count=\"{p}-requested\">{}</td>\
                     <td data-count=\"{p}-disclosed\">{}</td>\
                     <td data-count=\"{p}-undeclared\">{}</td>\
                     <td data-count=\"{p}-stale\">{}</td></tr>",
                    c.platform.display_name(),
                    c.requests.len(),
                    c.disclosed(),
                    c.undeclared(),
                    c.stale()
                );
            }
            h.push_str("</tbody>\n</table>\n");
        }
        h.push_str("</section>\n");

        for c in &outcome.coverage {
            matrix(&mut h, c);
        }

        let mut sources = Sources::default();
        let (disclosure, advisories): (Vec<&Finding>, Vec<&Finding>) =
            outcome.findings.iter().partition(|f| {
                matches!(
                    f.rule,
                    Rule::Undeclared | Rule::Unused | Rule::PolicyOutdated
                )
            });
        h.push_str("<section id=\"findings\">\n<h2>Disclosure findings</h2>\n");
        if disclosure.is_empty() {
            h.push_str("<p>None.</p>\n");
        }
        for f in disclosure {
            finding(&mut h, f, &mut sources);
        }
        h.push_str(
            "</section>\n<section id=\"advisories\">\n<h2>Advisories</h2>\n\
             <p class=\"muted\">What the permission knowledge base says about the requests \
             and the policy: deprecated, restricted, unobtainable or unknown permissions, \
             placeholder purposes, missing companions.</p>\n",
        );
        if advisories.is_empty() {
            h.push_str("<p>None.</p>\n");
        }
        for f in advisories {
            finding(&mut h, f, &mut sources);
        }
        h.push_str("</section>\n");

        acknowledgements(&mut h, outcome);
        not_audited(&mut h, outcome);
        h.push_str("</body>\n</html>\n");
        out.write_all(h.as_bytes())
    }
}

fn plural(n: usize, word: &str) -> String {
    super::plural(n, word)
}

/// The audited app: the folder all inputs share (archives count as their file).
fn app_name(outcome: &CheckOutcome) -> String {
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
        return "(policy only)".to_owned();
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
fn matrix(h: &mut String, c: &PlatformCoverage) {
    let platform = c.platform;
    let _ = write!(
        h,
        "<section class=\"platform\" id=\"platform-{}\">\n<h2>{}: policy rows × requests</h2>\n\
         <p>{} of {} disclosed, {} undeclared; {} stale.</p>\n\
         <table class=\"matrix\">\n<thead><tr><th>policy row</th><th>permission</th>\
         <th>requested at</th><th>status</th></tr></thead>\n<tbody>\n",
        platform.as_str(),
        platform.display_name(),
        c.disclosed(),
        plural(c.requests.len(), "distinct request"),
        c.undeclared(),
        plural(c.stale(), "policy entry").replace("entrys", "entries"),
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
            || format!("row {}", d.row + 1),
            |n| format!("{}. {n}", d.row + 1),
        );
        let (class, status, at) = match &e.status {
            EntryStatus::Requested => (
                "disclosed",
                "disclosed and requested".to_owned(),
                requested_at(&d.permission),
            ),
            EntryStatus::RequestedAs(other) => (
                "disclosed",
                format!("disclosed; requested as <code>{}</code>", esc(other)),
                requested_at(other),
            ),
            EntryStatus::Stale => (
                "stale",
                "stale: disclosed, not requested".to_owned(),
                String::new(),
            ),
        };
        let _ = writeln!(
            h,
            "<tr data-cell=\"{}|{}|{class}\"><td>{}</td><td><code>{}</code></td><td>{at}</td>\
             <td class=\"{class}\">{status}</td></tr>",
            platform.as_str(),
            esc(&d.permission),
            esc(&row),
            esc(&d.permission),
        );
    }
    for r in &c.requests {
        if r.status != RequestStatus::Undeclared {
            continue;
        }
        let _ = writeln!(
            h,
            "<tr data-cell=\"{}|{}|undeclared\"><td class=\"muted\">(no row)</td>\
             <td><code>{}</code></td><td>{}</td>\
             <td class=\"undeclared\">undeclared: requested, not disclosed</td></tr>",
            platform.as_str(),
            esc(&r.permission),
            esc(&r.permission),
            requested_at(&r.permission),
        );
    }
    h.push_str("</tbody>\n</table>\n</section>\n");
}

/// One finding with its evidence.
fn finding(h: &mut String, f: &Finding, sources: &mut Sources) {
    let severity = f.severity.as_str();
    let _ = write!(
        h,
        "<article class=\"finding f-{severity}\" data-finding=\"{}|{}|{}|{}\">\n\
         <div><span class=\"s-{severity}\">{severity}[{}]</span> <code>{}</code> \
         <span class=\"muted\">({})</span></div>\n<p>{}</p>\n\
         <div>at <code>{}</code></div>\n",
        f.rule.id(),
        f.platform.as_str(),
        esc(&f.permission),
        esc(&f.location.to_string()),
        f.rule.id(),
        esc(&f.permission),
        platform_name(f.platform),
        esc(&f.message),
        esc(&f.location.to_string()),
    );
    if let Some(line) = f.location.line
        && let Some(source) = sources.line(&f.location.path, line)
    {
        let _ = writeln!(h, "<pre>{line:>4} | {}</pre>", esc(source.trim_end()));
    }
    h.push_str("</article>\n");
}

fn platform_name(p: Platform) -> &'static str {
    p.display_name()
}

fn acknowledgements(h: &mut String, outcome: &CheckOutcome) {
    let s = &outcome.suppression;
    h.push_str("<section id=\"acknowledgements\">\n<h2>Acknowledgements and baseline</h2>\n");
    if s.acknowledged.is_empty() && s.expired.is_empty() && s.unmatched.is_empty() {
        h.push_str("<p>No acknowledgements in the config.</p>\n");
    } else {
        h.push_str(
            "<table class=\"acks\">\n<thead><tr><th>permission</th><th>reason</th>\
             <th>expires</th><th>state</th><th>written at</th></tr></thead>\n<tbody>\n",
        );
        let mut row = |a: &crate::config::Acknowledgement, state: &str| {
            let _ = writeln!(
                h,
                "<tr data-ack=\"{state}\"><td><code>{}</code> ({})</td><td>{}</td><td>{}</td>\
                 <td>{state}</td><td><code>{}</code></td></tr>",
                esc(&a.permission),
                a.platform.display_name(),
                esc(&a.reason),
                a.expires
                    .map_or_else(|| "never".to_owned(), |e| e.to_string()),
                esc(&a.location.to_string())
            );
        };
        for (_, a) in &s.acknowledged {
            row(a, "hides a finding");
        }
        for a in &s.expired {
            row(a, "expired: finding reported again");
        }
        for a in &s.unmatched {
            row(a, "matches nothing");
        }
        h.push_str("</tbody>\n</table>\n");
    }
    match &s.baseline {
        Some(baseline) => {
            let _ = writeln!(
                h,
                "<p>Baseline <code>{}</code> hides {}; {} no longer occur.</p>",
                esc(baseline),
                plural(s.baselined.len(), "finding"),
                plural(s.stale.len(), "entry").replace("entrys", "entries")
            );
        }
        None => h.push_str("<p>No baseline.</p>\n"),
    }
    h.push_str("</section>\n");
}

/// What the audit did not cover, said plainly so a sign-off does not read more into it.
fn not_audited(h: &mut String, outcome: &CheckOutcome) {
    h.push_str("<section id=\"not-audited\">\n<h2>Not audited</h2>\n<ul>\n");
    let audited: Vec<Platform> = outcome.coverage.iter().map(|c| c.platform).collect();
    for platform in [Platform::Android, Platform::Ios] {
        let rows = outcome
            .policy
            .rows
            .iter()
            .filter(|r| r.platform == platform)
            .count();
        if !audited.contains(&platform) && !outcome.inputs.is_empty() && rows > 0 {
            let _ = writeln!(
                h,
                "<li data-not-audited=\"{}\">{}: no input of this platform was audited; the \
                 policy's {} for it were not compared with the app.</li>",
                platform.as_str(),
                platform.display_name(),
                plural(rows, "row")
            );
        }
    }
    for input in &outcome.inputs {
        if input.requests.iter().any(|r| r.location.line.is_none()) {
            let _ = writeln!(
                h,
                "<li><code>{}</code> ({}): a binary format without lines; findings name the \
                 file only and show no source line.</li>",
                esc(&input.path),
                input.kind.as_str()
            );
        }
    }
    for d in &outcome.policy_diagnostics {
        let _ = writeln!(h, "<li>{}</li>", esc(&d.to_string()));
    }
    h.push_str(
        "<li>Only the files listed in this report were read. Permissions that a build adds \
         from elsewhere (library manifests not merged into an audited manifest, build \
         variants or targets not audited, runtime-only SDK behaviour) are not covered.</li>\n\
         </ul>\n",
    );
    h.push_str("<h3>Audited inputs</h3>\n<ul>\n");
    for input in &outcome.inputs {
        let _ = writeln!(
            h,
            "<li><code>{}</code> ({}, {}, {})</li>",
            esc(&input.path),
            input.platform().display_name(),
            input.kind.as_str(),
            plural(input.requests.len(), "request")
        );
    }
    h.push_str("</ul>\n</section>\n");
}
