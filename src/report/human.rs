//! `--format human` (the default): diagnostics in the shape rustc, ruff and cargo-deny users
//! know. Per finding a header line `severity[rule]: what`, the location, the source line with
//! a caret under the request (or the policy entry, labelled with its row), then `= help:` and
//! `= note:` lines. A short header names the policy, the config and what was audited; the
//! closing summary has one line per audited platform and the counts.
//!
//! Everything is wrapped to [`RenderOptions::width`]; identifiers and paths are never broken
//! inside (a line with a path longer than the terminal overflows rather than corrupt it).
//! Rendering is plain string building: no terminal or table library to initialise.

use std::io::{self, Write};

use super::text;
use super::{Renderer, Report, Summary};
use crate::audit::Finding;
use crate::check::CheckOutcome;
use crate::i18n::Lang;
use crate::model::Severity;
use crate::source::Texts;

/// The diagnostics renderer.
#[derive(Debug, Clone, Copy, Default)]
pub struct Human;

/// ANSI styles; nothing without colour.
struct Style {
    on: bool,
}

/// `lead` and `text` in one style, written straight into the report (no string per line).
struct Painted<'a> {
    code: Option<&'static str>,
    lead: &'a str,
    text: &'a str,
}

impl std::fmt::Display for Painted<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(code) = self.code {
            f.write_str("\x1b[")?;
            f.write_str(code)?;
            f.write_str("m")?;
        }
        f.write_str(self.lead)?;
        f.write_str(self.text)?;
        if self.code.is_some() {
            f.write_str("\x1b[0m")?;
        }
        Ok(())
    }
}

impl Style {
    fn paint<'a>(&self, code: &'static str, lead: &'a str, text: &'a str) -> Painted<'a> {
        Painted {
            code: self.on.then_some(code),
            lead,
            text,
        }
    }
    fn severity<'a>(&self, severity: Severity, text: &'a str) -> Painted<'a> {
        let code = match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Note => "1;36",
        };
        self.paint(code, "", text)
    }
    fn gutter<'a>(&self, text: &'a str) -> Painted<'a> {
        self.paint("1;34", "", text)
    }
    fn bold<'a>(&self, lead: &'a str, text: &'a str) -> Painted<'a> {
        self.paint("1", lead, text)
    }
}

/// `n` spaces: a slice of a constant for the indents a report has, allocated only beyond it.
fn spaces(n: usize) -> std::borrow::Cow<'static, str> {
    const SPACES: &str = "                                                                ";
    match SPACES.get(..n) {
        Some(s) => std::borrow::Cow::Borrowed(s),
        None => std::borrow::Cow::Owned(" ".repeat(n)),
    }
}

impl Renderer for Human {
    fn render(&self, report: Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let Report { outcome, options } = report;
        let width = options.width();
        let lang = options.lang;
        let style = Style { on: options.color };
        if !options.quiet {
            header(outcome, lang, width, out)?;
        }
        let mut sources = Texts::new(&outcome.sources);
        for f in &outcome.findings {
            finding(outcome, f, lang, width, &style, &mut sources, out)?;
            writeln!(out)?;
        }
        if options.quiet {
            return Ok(());
        }
        if outcome.findings.is_empty() {
            let id = if outcome.command == crate::check::Command::Lint {
                "human.clean.lint"
            } else if outcome.suppression.is_empty() {
                "human.clean"
            } else {
                "human.clean.hidden"
            };
            lines(out, "", "", lang.text(id), width)?;
            writeln!(out)?;
        }
        suppression(outcome, lang, width, out)?;
        for c in &outcome.coverage {
            let text = lang.fill(
                "human.coverage",
                &[
                    ("platform", &super::coverage_title(lang, c)),
                    ("disclosed", &c.disclosed().to_string()),
                    ("requests", &lang.count("request", c.requests.len())),
                    ("undeclared", &c.undeclared().to_string()),
                    ("stale", &lang.count("entry", c.stale())),
                ],
            );
            lines(out, "", "  ", &text, width)?;
        }
        let s = Summary::of(outcome);
        let counts = lang.fill(
            "human.summary",
            &[
                ("errors", &lang.count("error", s.errors)),
                ("warnings", &lang.count("warning", s.warnings)),
                ("notes", &lang.count("note", s.notes)),
            ],
        );
        let painted = if s.errors > 0 {
            style.severity(Severity::Error, &counts)
        } else if s.warnings > 0 {
            style.severity(Severity::Warning, &counts)
        } else {
            style.bold("", &counts)
        };
        writeln!(out, "{painted}")
    }
}

/// What acknowledgements and the baseline hid, and which of them need attention.
fn suppression(
    outcome: &CheckOutcome,
    lang: Lang,
    width: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let s = &outcome.suppression;
    let mut said = Vec::new();
    if !s.acknowledged.is_empty() {
        said.push(lang.fill(
            "suppression.acknowledged",
            &[("findings", &lang.count("finding", s.acknowledged.len()))],
        ));
    }
    if let Some(baseline) = &s.baseline {
        said.push(lang.fill(
            "suppression.baseline",
            &[
                ("baseline", baseline),
                ("findings", &lang.count("finding", s.baselined.len())),
            ],
        ));
    }
    // An expired acknowledgement says when it expired; an unmatched one has nothing to add.
    let expired = s.expired.iter().map(|a| ("suppression.expired", a, true));
    let unmatched = s
        .unmatched
        .iter()
        .map(|a| ("suppression.unmatched", a, false));
    for (id, a, dated) in expired.chain(unmatched) {
        let location = a.location.to_string();
        let date = a.expires.map(|e| e.to_string()).unwrap_or_default();
        let mut args = vec![
            ("platform", a.platform.as_str()),
            ("permission", a.permission.as_str()),
            ("location", location.as_str()),
        ];
        if dated {
            args.push(("date", date.as_str()));
        }
        said.push(lang.fill(id, &args));
    }
    for e in &s.stale {
        said.push(lang.fill(
            "suppression.stale",
            &[
                ("rule", e.rule.as_str()),
                ("platform", e.platform.as_str()),
                ("permission", &e.permission),
                ("path", &e.path),
            ],
        ));
    }
    for text in &said {
        lines(out, "", "  ", &text::visible(text), width)?;
    }
    Ok(())
}

/// Policy, config, and the audited inputs (one line each).
fn header(outcome: &CheckOutcome, lang: Lang, width: usize, out: &mut dyn Write) -> io::Result<()> {
    let policy = &outcome.policy;
    let origin = policy
        .file
        .as_deref()
        .unwrap_or_else(|| lang.text("human.builtin"));
    let line = lang.fill(
        "human.policy",
        &[("name", &text::visible(&policy.name)), ("origin", origin)],
    );
    lines(out, "", "  ", &line, width)?;
    for line in super::variant_policy_lines(lang, outcome) {
        lines(out, "", "  ", &text::visible(&line), width)?;
    }
    if let Some(rules) = &outcome.selected {
        let ids: Vec<&str> = rules.iter().map(|r| r.id()).collect();
        let line = lang.fill("human.selected", &[("rules", &ids.join(", "))]);
        lines(out, "", "  ", &line, width)?;
    }
    if outcome.command == crate::check::Command::Lint {
        lines(out, "", "", lang.text("human.lint"), width)?;
        return writeln!(out);
    }
    let config = outcome
        .config
        .as_deref()
        .unwrap_or_else(|| lang.text("human.none"));
    lines(
        out,
        "",
        "  ",
        &lang.fill("human.config", &[("config", config)]),
        width,
    )?;
    let files = super::audited_files(outcome);
    let what = if files == outcome.inputs.len() {
        lang.count("file", files)
    } else {
        lang.fill(
            "human.audited-inputs",
            &[
                ("files", &lang.count("file", files)),
                ("inputs", &lang.count("input", outcome.inputs.len())),
            ],
        )
    };
    writeln!(out, "{}", lang.fill("human.audited", &[("what", &what)]))?;
    let separator = lang.text("human.list-separator");
    for input in &outcome.inputs {
        let own = input.requests.iter().filter(|r| r.own).count();
        let mut detail = vec![
            input.platform().display_name().to_owned(),
            lang.count("request", input.requests.len()),
        ];
        if own > 0 {
            detail.push(lang.fill("human.input.own", &[("n", &own.to_string())]));
        }
        if !input.removals.is_empty() {
            detail.push(lang.fill(
                "human.input.removed",
                &[("n", &input.removals.len().to_string())],
            ));
        }
        if let Some(policy) = super::policy_of_input(outcome, input) {
            detail.push(lang.fill("human.input.policy", &[("policy", policy.display_path())]));
        }
        let mut detail = detail.join(separator);
        // A project file reported on with notes only requests nothing itself.
        if input.kind == crate::model::InputKind::Project {
            detail = lang.text("human.input.project").to_owned();
        }
        // A built input (an Xcode target, a Gradle variant) is named by what ships: its file is
        // only where its requests were read from.
        let line = match &input.build {
            Some(build) => lang.fill(
                "human.input.build",
                &[("build", build), ("path", &input.path), ("detail", &detail)],
            ),
            None => lang.fill("human.input", &[("path", &input.path), ("detail", &detail)]),
        };
        lines(out, "  ", "    ", &line, width)?;
    }
    writeln!(out)
}

/// One diagnostic.
fn finding(
    outcome: &CheckOutcome,
    f: &Finding,
    lang: Lang,
    width: usize,
    style: &Style,
    sources: &mut Texts<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let parts = super::localize(lang, outcome, f);
    let what = text::visible(&parts.what);
    let prefix = format!("{}[{}]: ", lang.severity(f.severity), f.rule.id());
    // The hanging indent lines continuation up under the message unless that leaves too little
    // room; then two spaces.
    let hang = if text::width(&prefix) * 3 <= width {
        spaces(text::width(&prefix))
    } else {
        spaces(2)
    };
    each_line(&prefix, &hang, &what, width, |first, line| {
        if first {
            writeln!(
                out,
                "{}{}",
                style.severity(f.severity, &prefix[..prefix.len() - 1]),
                style.bold(" ", line)
            )
        } else {
            writeln!(out, "{}", style.bold(&hang, line))
        }
    })?;

    let line_no = f.location.line;
    let shown = line_no.and_then(|_| sources.located_line(&f.location));
    // The gutter fits the line shown, which may be below the location's when the name is.
    let gutter_width = shown
        .as_ref()
        .map(|shown| shown.number)
        .or(line_no)
        .map_or(1, |n| n.to_string().len());
    let pad = spaces(gutter_width);
    writeln!(out, "{pad}{} {}", style.gutter("-->"), f.location)?;

    let in_policy = super::is_policy_path(outcome, &f.location.path);
    let label = if in_policy {
        super::row_label(lang, outcome, f)
            .map(|row| lang.fill("label.disclosed-by", &[("row", &text::visible(&row))]))
    } else if f.rule != crate::audit::Rule::UnresolvedBuildValue
        && super::request_of(outcome, f).is_some()
    {
        Some(lang.text("label.requested-here").to_owned())
    } else {
        // Not a request of an audited input: a config setting, a translation, a module list
        // permaudit cannot expand, an ignored build setting, a computed value.
        Some(lang.text("label.set-here").to_owned())
    };
    if let Some(crate::source::Located {
        number: n,
        line: source,
        caret: span,
    }) = shown
    {
        writeln!(out, "{pad} {}", style.gutter("|"))?;
        let gutter = format!("{n:>gutter_width$} | ");
        let room = width.saturating_sub(gutter.len()).max(20);
        let shown = snippet(source, span, f.location.column, &f.permission, room);
        writeln!(out, "{}{}", style.gutter(&gutter), shown.line)?;
        let caret_len = shown.caret_len.max(1);
        let caret = Caret {
            indent: shown.caret_start,
            len: caret_len,
        }
        .to_string();
        let caret_end = shown.caret_start + caret_len;
        let bar = style.gutter("|");
        match &label {
            Some(label) if caret_end + 1 + text::width(label) <= room => writeln!(
                out,
                "{pad} {bar} {} {}",
                style.severity(f.severity, &caret),
                style.severity(f.severity, label)
            )?,
            Some(label) => {
                writeln!(out, "{pad} {bar} {}", style.severity(f.severity, &caret))?;
                let indent = spaces(shown.caret_start.min(room / 2));
                text::wrap_each(label, room.saturating_sub(indent.len()), |line| {
                    writeln!(
                        out,
                        "{pad} {bar} {indent}{}",
                        style.severity(f.severity, line)
                    )
                })?;
            }
            None => writeln!(out, "{pad} {bar} {}", style.severity(f.severity, &caret))?,
        }
        writeln!(out, "{pad} {}", style.gutter("|"))?;
    } else if in_policy && let Some(label) = &label {
        note_line(out, &pad, style, lang.text("label.note"), label, width)?;
    }
    if let Some(help) = &parts.fix {
        note_line(
            out,
            &pad,
            style,
            lang.text("label.help"),
            &text::visible(help),
            width,
        )?;
    }
    for note in &parts.notes {
        note_line(
            out,
            &pad,
            style,
            lang.text("label.note"),
            &text::visible(note),
            width,
        )?;
    }
    Ok(())
}

/// A caret line: `indent` spaces, then `len` carets.
struct Caret {
    indent: usize,
    len: usize,
}

impl std::fmt::Display for Caret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:1$}", "", self.indent)?;
        for _ in 0..self.len {
            f.write_str("^")?;
        }
        Ok(())
    }
}

/// `= help: …` / `= note: …`, wrapped with the text aligned after the colon.
fn note_line(
    out: &mut dyn Write,
    pad: &str,
    style: &Style,
    kind: &str,
    text: &str,
    width: usize,
) -> io::Result<()> {
    // `{pad} = {kind}: `
    let prefix_width = pad.len() + 3 + text::width(kind) + 2;
    let hang = spaces(prefix_width);
    let room = width.saturating_sub(prefix_width);
    let mut first = true;
    text::wrap_each(text, room.max(20), |line| {
        if std::mem::take(&mut first) {
            writeln!(
                out,
                "{pad} {} {}{line}",
                style.gutter("="),
                style.paint("1", kind, ": ")
            )
        } else {
            writeln!(out, "{hang}{line}")
        }
    })
}

/// `text` wrapped to `width`, each line handed to `emit` with whether it is the first: the
/// first goes after `first`, the rest after `hang`.
fn each_line(
    first: &str,
    hang: &str,
    text: &str,
    width: usize,
    mut emit: impl FnMut(bool, &str) -> io::Result<()>,
) -> io::Result<()> {
    let room = |indent: &str| width.saturating_sub(text::width(indent)).max(20);
    let mut is_first = true;
    text::wrap_hanging(text, room(first), room(hang), |line| {
        emit(std::mem::take(&mut is_first), line)
    })
}

fn lines(out: &mut dyn Write, first: &str, hang: &str, text: &str, width: usize) -> io::Result<()> {
    each_line(first, hang, text, width, |is_first, line| {
        writeln!(out, "{}{line}", if is_first { first } else { hang })
    })
}

/// A source line made fit for display, with where the caret goes (in columns).
#[derive(Debug, PartialEq, Eq)]
struct Shown {
    line: String,
    caret_start: usize,
    caret_len: usize,
}

/// Tabs expanded, control characters replaced, cut to `room` columns around the caret. The
/// caret goes under `span` (the bytes of the name, from the reader) when there is one; else
/// under the permission's name when it is written on the line after `column`, else under the
/// token at `column`.
fn snippet(
    source: &str,
    span: Option<(usize, usize)>,
    column: Option<u32>,
    permission: &str,
    room: usize,
) -> Shown {
    // Byte offset of the character at 1-based `column` (the line's end when past it).
    let skip = column.map_or(0, |c| (c as usize).saturating_sub(1));
    let byte_from = source
        .char_indices()
        .nth(skip)
        .map_or(source.len(), |(b, _)| b);
    let short = permission.rsplit('.').next().unwrap_or(permission);
    let found = span.or_else(|| {
        [permission, short]
            .into_iter()
            .filter(|n| !n.is_empty())
            .find_map(|name| {
                source[byte_from..]
                    .find(name)
                    .map(|b| (byte_from + b, byte_from + b + name.len()))
            })
    });
    // Else the token at the column: up to the next whitespace or delimiter, at least one
    // character.
    let (start, end) = found.unwrap_or_else(|| {
        let rest = &source[byte_from..];
        let first = rest.chars().next().map_or(0, char::len_utf8);
        let len = rest
            .char_indices()
            .skip(1)
            .find(|&(_, c)| c.is_whitespace() || ",:]}>\"'".contains(c))
            .map_or(rest.len(), |(b, _)| b)
            .max(first);
        (byte_from, byte_from + len)
    });
    // Most source lines are printable ASCII: a column a byte, shown as they are.
    let ascii = source.bytes().all(|b| (b' '..=b'~').contains(&b));
    let columns = |text: &str| {
        if ascii {
            text.len()
        } else {
            text.chars().map(shown_width).sum::<usize>()
        }
    };
    let caret_start = columns(&source[..start]);
    let caret_end = caret_start + columns(&source[start..end]);
    let total = caret_end + columns(&source[end..]);
    if total <= room {
        let mut line = String::with_capacity(source.len());
        if ascii {
            line.push_str(source);
        } else {
            source.chars().for_each(|c| push_shown(&mut line, c));
        }
        return Shown {
            line,
            caret_start,
            caret_len: caret_end.saturating_sub(caret_start).max(1),
        };
    }
    // Cut: keep the caret's text, with context before it, and mark cuts with an ellipsis.
    let mut chars = source.chars().peekable();
    let (mut skipped, mut cut) = (0, false);
    while let Some(&c) = chars.peek() {
        if caret_start.saturating_sub(skipped) <= room / 4 {
            break;
        }
        skipped += shown_width(c);
        cut = true;
        chars.next();
    }
    let lead = usize::from(cut);
    let mut line = String::with_capacity(room + 8);
    if lead == 1 {
        line.push('…');
    }
    let mut used = lead;
    while let Some(&c) = chars.peek() {
        let w = shown_width(c);
        if used + w >= room {
            break;
        }
        push_shown(&mut line, c);
        used += w;
        chars.next();
    }
    if chars.peek().is_some() {
        line.push('…');
    }
    let caret_start = caret_start - skipped + lead;
    let caret_len = (caret_end - skipped + lead)
        .min(used)
        .saturating_sub(caret_start)
        .max(1);
    Shown {
        line,
        caret_start,
        caret_len,
    }
}

/// Columns a source character takes as shown: a tab is four spaces, a bidirectional control is
/// written out (`<U+202E>`), another control character is U+FFFD.
fn shown_width(c: char) -> usize {
    match c {
        '\t' => 4,
        c if text::is_bidi(c) => 8,
        c if c.is_control() => 1,
        c => text::char_width(c),
    }
}

fn push_shown(line: &mut String, c: char) {
    use std::fmt::Write as _;
    match c {
        '\t' => line.push_str("    "),
        c if text::is_bidi(c) => {
            let _ = write!(line, "<U+{:04X}>", u32::from(c));
        }
        c if c.is_control() => line.push('\u{fffd}'),
        c => line.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_under_the_name() {
        let s = snippet(
            "    <uses-permission android:name=\"android.permission.CAMERA\" />",
            None,
            Some(5),
            "android.permission.CAMERA",
            100,
        );
        assert_eq!(s.caret_start, 35);
        assert_eq!(s.caret_len, 25);
        let s = snippet(
            "\t<key>NSCameraUsageDescription</key>",
            None,
            Some(2),
            "NSCameraUsageDescription",
            100,
        );
        assert_eq!(&s.line[..9], "    <key>");
        assert_eq!((s.caret_start, s.caret_len), (9, 24));
        let s = snippet(
            "    permissions: [CAMERA, X]",
            None,
            Some(19),
            "android.permission.CAMERA",
            100,
        );
        assert_eq!((s.caret_start, s.caret_len), (18, 6));
    }

    /// A span from the reader beats the search: the key as written (`~iphone` included),
    /// though the name the finding carries is the folded one.
    #[test]
    fn caret_under_the_span() {
        let line = "\t<key>NSCameraUsageDescription~iphone</key>";
        let guessed = snippet(line, None, Some(2), "NSCameraUsageDescription", 100);
        assert_eq!((guessed.caret_start, guessed.caret_len), (9, 24));
        let exact = snippet(
            line,
            Some((6, 37)),
            Some(2),
            "NSCameraUsageDescription",
            100,
        );
        assert_eq!((exact.caret_start, exact.caret_len), (9, 31));
    }

    /// The first renderer's snippet, a display string per character: the reference that the
    /// allocation-free one must agree with.
    fn snippet_by_chars(source: &str, column: Option<u32>, permission: &str, room: usize) -> Shown {
        let chars: Vec<char> = source.chars().collect();
        let from = column
            .map_or(0, |c| (c as usize).saturating_sub(1))
            .min(chars.len());
        let short = permission.rsplit('.').next().unwrap_or(permission);
        let byte_from: usize = chars[..from].iter().map(|c| c.len_utf8()).sum();
        let found = [permission, short]
            .into_iter()
            .filter(|n| !n.is_empty())
            .find_map(|name| {
                source[byte_from..].find(name).map(|b| {
                    (
                        source[..byte_from + b].chars().count(),
                        name.chars().count(),
                    )
                })
            });
        let (start, len) = found.unwrap_or_else(|| {
            let len = chars[from..]
                .iter()
                .skip(1)
                .position(|c| c.is_whitespace() || ",:]}>\"'".contains(*c))
                .map_or(chars.len() - from, |p| p + 1)
                .max(1);
            (from, len)
        });
        let shown: Vec<(String, usize)> = chars
            .iter()
            .map(|&c| match c {
                '\t' => ("    ".to_owned(), 4),
                c if text::is_bidi(c) => (format!("<U+{:04X}>", u32::from(c)), 8),
                c if c.is_control() => ("\u{fffd}".to_owned(), 1),
                c => (c.to_string(), text::char_width(c)),
            })
            .collect();
        let col = |i: usize| -> usize { shown[..i.min(shown.len())].iter().map(|s| s.1).sum() };
        let total = col(shown.len());
        let (caret_start, caret_end) = (col(start), col((start + len).min(shown.len())));
        if total <= room {
            return Shown {
                line: shown.iter().map(|s| s.0.as_str()).collect(),
                caret_start,
                caret_len: caret_end.saturating_sub(caret_start).max(1),
            };
        }
        let mut first = 0;
        while first < shown.len() && caret_start.saturating_sub(col(first)) > room / 4 {
            first += 1;
        }
        let lead = usize::from(first > 0);
        let mut line = String::from(if first > 0 { "…" } else { "" });
        let mut used = lead;
        let mut last = first;
        while last < shown.len() && used + shown[last].1 < room {
            line.push_str(&shown[last].0);
            used += shown[last].1;
            last += 1;
        }
        if last < shown.len() {
            line.push('…');
        }
        let caret_start = caret_start - col(first) + lead;
        let caret_len = (caret_end - col(first) + lead)
            .min(used)
            .saturating_sub(caret_start)
            .max(1);
        Shown {
            line,
            caret_start,
            caret_len,
        }
    }

    #[test]
    fn snippet_agrees_with_the_per_character_reference() {
        let pieces = [
            "<uses-permission android:name=\"",
            "android.permission.CAMERA",
            "CAMERA",
            "\t",
            "相机权限",
            "\u{202e}",
            "\u{301}",
            "\u{7}",
            "\"/>",
            " ",
            "x",
            "é",
        ];
        // Every line of up to three pieces, at columns before, inside and past it, in rooms
        // that fit it and rooms that cut it.
        let mut lines = vec![String::new()];
        let mut last = lines.clone();
        for _ in 0..3 {
            let mut next = Vec::new();
            for l in &last {
                for p in pieces {
                    next.push(format!("{l}{p}"));
                }
            }
            lines.extend(next.iter().cloned());
            last = next;
        }
        lines.push(format!("{}{}{}", "y".repeat(70), pieces[1], "z".repeat(70)));
        for line in &lines {
            for column in [
                None,
                Some(0),
                Some(1),
                Some(3),
                Some(9),
                Some(40),
                Some(500),
            ] {
                for permission in ["android.permission.CAMERA", "a.b.NOPE", ""] {
                    for room in [4, 20, 41, 100] {
                        assert_eq!(
                            snippet(line, None, column, permission, room),
                            snippet_by_chars(line, column, permission, room),
                            "{line:?} {column:?} {permission} {room}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn long_lines_are_cut_around_the_caret() {
        let source = format!(
            "{}<uses-permission android:name=\"a.B\"/>{}",
            "x".repeat(90),
            "y".repeat(90)
        );
        let s = snippet(&source, None, Some(91), "a.B", 40);
        assert!(text::width(&s.line) <= 40, "{}", s.line);
        let caret: String = s
            .line
            .chars()
            .skip(s.caret_start)
            .take(s.caret_len)
            .collect();
        assert_eq!(caret, "a.B");
        assert!(s.line.starts_with('…') && s.line.ends_with('…'));
    }
}
