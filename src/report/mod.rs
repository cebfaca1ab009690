//! Reports: one module per output format, each turning a [`CheckOutcome`] into bytes.

pub mod concise;
pub mod diagnostic;
pub mod export;
pub mod github;
pub mod gitlab;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;
mod text;

use std::io::{self, Write};

use crate::check::CheckOutcome;
use crate::model::Severity;

/// Settings every renderer may consult.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Emit ANSI colour (only ever true for a terminal that has not asked for `NO_COLOR`).
    pub color: bool,
    /// `--quiet`: only the findings, no header or footer (human formats only; machine formats
    /// keep their full shape).
    pub quiet: bool,
    /// Columns to wrap human reports to: the terminal's width; `None` (not a terminal) is
    /// [`RenderOptions::DEFAULT_WIDTH`].
    pub width: Option<usize>,
    /// Language of the human formats (human, concise, html, markdown, junit, gitlab); JSON,
    /// SARIF and GitHub annotations are English in every language.
    pub lang: crate::i18n::Lang,
}

impl RenderOptions {
    /// Width used when the output is not a terminal (a file, a pipe, a CI log).
    pub const DEFAULT_WIDTH: usize = 100;

    /// The width to wrap to; never below 40 columns, where no diagnostic fits anyway.
    pub fn width(&self) -> usize {
        self.width.unwrap_or(Self::DEFAULT_WIDTH).max(40)
    }
}

/// What a renderer is asked for: the outcome of a run, and how to present it.
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    /// What the run found.
    pub outcome: &'a CheckOutcome,
    /// How to present it.
    pub options: RenderOptions,
}

/// An output format.
pub trait Renderer {
    /// Writes `report` to `out`.
    fn render(&self, report: Report<'_>, out: &mut dyn Write) -> io::Result<()>;
}

/// Finding counts by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Findings of severity error.
    pub errors: usize,
    /// Findings of severity warning.
    pub warnings: usize,
    /// Findings of severity note.
    pub notes: usize,
}

impl Summary {
    /// Counts the outcome's findings.
    pub fn of(outcome: &CheckOutcome) -> Summary {
        let mut s = Summary::default();
        for f in &outcome.findings {
            match f.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Note => s.notes += 1,
            }
        }
        s
    }
}

/// How many files the inputs came from: an archive's inputs (`app.aab!/base/…`) share one.
pub(crate) fn audited_files(outcome: &CheckOutcome) -> usize {
    let mut files: Vec<&str> = outcome
        .inputs
        .iter()
        .map(|i| {
            i.path
                .split_once("!/")
                .map_or(i.path.as_str(), |(file, _)| file)
        })
        .collect();
    files.sort_unstable();
    files.dedup();
    files.len()
}

/// A finding as a diagnostic shows it, in the report's language: a header (what is wrong), a
/// fix and remarks. English splits the rule's own message; another language renders the
/// finding's structured message from its catalog and splits that at its own punctuation.
pub(crate) struct Localized<'a> {
    pub(crate) what: std::borrow::Cow<'a, str>,
    pub(crate) fix: Option<std::borrow::Cow<'a, str>>,
    pub(crate) notes: Vec<std::borrow::Cow<'a, str>>,
}

pub(crate) fn localize<'a>(
    lang: crate::i18n::Lang,
    outcome: &CheckOutcome,
    f: &'a crate::audit::Finding,
) -> Localized<'a> {
    let mut l = localize_message(lang, f);
    l.notes.extend(
        context_notes(lang, outcome, f)
            .into_iter()
            .map(std::borrow::Cow::Owned),
    );
    l
}

/// The request a finding at a request points at, if any.
pub(crate) fn request_of<'o>(
    outcome: &'o CheckOutcome,
    f: &crate::audit::Finding,
) -> Option<&'o crate::model::Request> {
    outcome.request_at(&f.permission, &f.location)
}

/// Who added the request a finding is about, when a merged manifest says so.
pub(crate) fn origin_of<'o>(
    outcome: &'o CheckOutcome,
    f: &crate::audit::Finding,
) -> Option<&'o crate::model::Origin> {
    request_of(outcome, f).and_then(|r| r.origin.as_ref())
}

/// The variants a finding holds for and who added its request, as notes.
pub(crate) fn context_notes(
    lang: crate::i18n::Lang,
    outcome: &CheckOutcome,
    f: &crate::audit::Finding,
) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(o) = origin_of(outcome, f) {
        let at = o
            .location
            .as_ref()
            .map_or_else(|| f.location.to_string(), ToString::to_string);
        // A generated manifest's plugin or template is named in the finding's own message;
        // the merger's library is not, so it gets a note.
        let key = match o.kind {
            crate::model::OriginKind::Implied => Some("finding.origin-implied"),
            crate::model::OriginKind::Library => Some("finding.origin"),
            _ => None,
        };
        if let Some(key) = key {
            notes.push(lang.fill(key, &[("by", &lang.plain(&o.via)), ("at", &at)]));
        }
    }
    if !f.variants.is_empty() {
        notes.push(lang.fill("finding.variants", &[("variants", &f.variants.join(", "))]));
    }
    if let Some(policy) = &f.policy {
        notes.push(lang.fill("finding.policy", &[("policy", policy)]));
    }
    notes
}

/// One line per `policies:` entry: its glob, its policy and the variants audited against it.
pub(crate) fn variant_policy_lines(lang: crate::i18n::Lang, outcome: &CheckOutcome) -> Vec<String> {
    outcome
        .variant_policies
        .iter()
        .map(|e| {
            let audited = if e.audited.is_empty() {
                lang.text("human.variant-policy.none").to_owned()
            } else {
                e.audited.join(", ")
            };
            lang.fill(
                "human.variant-policy",
                &[
                    ("glob", &e.variants),
                    ("name", &e.policy.name),
                    ("path", e.policy.display_path()),
                    ("variants", &audited),
                ],
            )
        })
        .collect()
}

/// The policy an input was audited against, when the run has `policies:` entries.
pub(crate) fn policy_of_input<'o>(
    outcome: &'o CheckOutcome,
    input: &crate::model::ParsedInput,
) -> Option<&'o crate::policy::Policy> {
    if outcome.variant_policies.is_empty() {
        return None;
    }
    Some(crate::audit::variant_of(input).map_or(&outcome.policy, |v| outcome.policy_of_variant(v)))
}

/// A coverage's platform as reports title it, with its policy when the run has several.
pub(crate) fn coverage_title(
    lang: crate::i18n::Lang,
    c: &crate::audit::coverage::PlatformCoverage,
) -> String {
    match &c.policy {
        Some(policy) => lang.fill(
            "report.coverage-policy",
            &[("platform", c.platform.display_name()), ("policy", policy)],
        ),
        None => c.platform.display_name().to_owned(),
    }
}

/// Whether `path` is a policy file of the run.
pub(crate) fn is_policy_path(outcome: &CheckOutcome, path: &str) -> bool {
    outcome.policies().any(|p| p.display_path() == path)
}

fn localize_message<'a>(lang: crate::i18n::Lang, f: &'a crate::audit::Finding) -> Localized<'a> {
    use std::borrow::Cow;
    if lang == crate::i18n::Lang::En {
        let parts = split_message(&f.message);
        return Localized {
            what: Cow::Borrowed(parts.what),
            fix: parts.fix.map(Cow::Borrowed),
            notes: parts.notes.into_iter().map(Cow::Borrowed).collect(),
        };
    }
    let text = lang.render(&f.text, &|p| permission_name(lang, f.platform, p));
    let parts = split_fullwidth(&text);
    Localized {
        what: Cow::Owned(parts.what.to_owned()),
        fix: parts.fix.map(|s| Cow::Owned(s.to_owned())),
        notes: parts
            .notes
            .into_iter()
            .map(|s| Cow::Owned(s.to_owned()))
            .collect(),
    }
}

/// A finding's message as one line in the report's language (concise, HTML, JUnit, GitLab).
pub(crate) fn message_in(
    lang: crate::i18n::Lang,
    outcome: &CheckOutcome,
    f: &crate::audit::Finding,
) -> String {
    if lang == crate::i18n::Lang::En {
        let mut out = f.message.clone();
        for note in context_notes(lang, outcome, f) {
            out.push_str(" (");
            out.push_str(&note);
            out.push(')');
        }
        return out;
    }
    let l = localize(lang, outcome, f);
    let mut out = l.what.into_owned();
    if let Some(fix) = l.fix {
        out.push('；');
        out.push_str(&fix);
    }
    for note in l.notes {
        out.push('（');
        out.push_str(&note);
        out.push('）');
    }
    out
}

/// The permission as messages name it; in Chinese with the catalog's Chinese name, if any.
pub(crate) fn permission_name(
    lang: crate::i18n::Lang,
    platform: crate::model::Platform,
    permission: &str,
) -> String {
    if lang == crate::i18n::Lang::En {
        return permission.to_owned();
    }
    let cat = crate::catalog::catalog();
    let zh = match platform {
        crate::model::Platform::Android => cat
            .android_permission(permission)
            .and_then(|p| p.zh_names().next()),
        crate::model::Platform::Ios | crate::model::Platform::Macos => {
            cat.ios_key(permission).and_then(|k| k.zh_names().next())
        }
    };
    match zh {
        Some(zh) if !zh.is_empty() => {
            lang.fill("finding.zh-name", &[("permission", permission), ("zh", zh)])
        }
        _ => permission.to_owned(),
    }
}

/// The policy row a finding in the policy points at, as messages name it.
pub(crate) fn row_label(
    lang: crate::i18n::Lang,
    outcome: &CheckOutcome,
    f: &crate::audit::Finding,
) -> Option<String> {
    let d = outcome
        .policies()
        .flat_map(|p| p.disclosures())
        .find(|d| d.location == f.location)?;
    Some(match d.row_name.as_deref() {
        Some(name) => lang.fill("label.row.named", &[("name", name)]),
        None => lang.fill("label.row.numbered", &[("n", &(d.row + 1).to_string())]),
    })
}

/// Word wrap to `width` display columns (Chinese breaks between characters).
pub fn wrap_text(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    text::wrap_each(text, width, |line| {
        lines.push(line.to_owned());
        Ok::<(), std::convert::Infallible>(())
    })
    .unwrap_or_else(|never| match never {});
    lines
}

/// A finding's message in the parts a diagnostic shows: what is wrong (the header), how to
/// fix it (`= help:`), and trailing parenthesised remarks (`= note:`). Rule messages are
/// written `what; fix (remark)`; a `;` or parenthesis inside quotes or brackets does not count.
pub(crate) struct MessageParts<'a> {
    pub(crate) what: &'a str,
    pub(crate) fix: Option<&'a str>,
    pub(crate) notes: Vec<&'a str>,
}

/// A trailing remark found in a text: where the text before it ends, and the remark's bytes.
type Remark = (usize, std::ops::Range<usize>);

/// How a language punctuates `what; fix (remark)`.
struct Punctuation {
    /// Between what is wrong and the fix, outside brackets and quotes.
    separator: char,
    /// Whether the separator counts only with a space after it (`; ` in English, not `；`).
    spaced: bool,
    /// Brackets that nest whether or not inside `"…"` (Chinese quotation marks).
    quotes: (&'static [char], &'static [char]),
    /// Brackets that nest outside `"…"`.
    brackets: (&'static [char], &'static [char]),
    /// The trailing remark group: (where the text before it ends, the remark).
    remark: fn(&str) -> Option<Remark>,
}

const ENGLISH: Punctuation = Punctuation {
    separator: ';',
    spaced: true,
    quotes: (&[], &[]),
    brackets: (&['(', '[', '{'], &[')', ']', '}']),
    // ` (…)`: the space before it is not part of the text either.
    remark: |text| trailing_parenthesis(text).map(|open| (open, open + 2..text.len() - 1)),
};

const FULLWIDTH: Punctuation = Punctuation {
    separator: '；',
    spaced: false,
    quotes: (&['“', '「'], &['”', '」']),
    brackets: (&['（', '(', '[', '{'], &['）', ')', ']', '}']),
    remark: |text| {
        trailing_fullwidth_parenthesis(text)
            .map(|open| (open, open + '（'.len_utf8()..text.len() - '）'.len_utf8()))
    },
};

pub(crate) fn split_message(message: &str) -> MessageParts<'_> {
    split_with(message, &ENGLISH)
}

/// [`split_message`] for a language with full-width punctuation: the fix follows the first
/// `；` outside brackets and quotes, and trailing `（…）` groups are remarks.
pub(crate) fn split_fullwidth(message: &str) -> MessageParts<'_> {
    split_with(message, &FULLWIDTH)
}

fn split_with<'m>(message: &'m str, p: &Punctuation) -> MessageParts<'m> {
    let mut depth = 0usize;
    let mut quoted = false;
    let mut split = None;
    for (i, c) in message.char_indices() {
        // Letters, digits and spaces are most of a message and none of them punctuation.
        if c.is_ascii_alphanumeric() || c == ' ' {
            continue;
        }
        if c == '"' {
            quoted = !quoted;
        } else if p.quotes.0.contains(&c) || (!quoted && p.brackets.0.contains(&c)) {
            depth += 1;
        } else if p.quotes.1.contains(&c) || (!quoted && p.brackets.1.contains(&c)) {
            depth = depth.saturating_sub(1);
        } else if c == p.separator
            && !quoted
            && depth == 0
            && (!p.spaced || message[i + c.len_utf8()..].starts_with(' '))
        {
            split = Some(i);
            break;
        }
    }
    let (what, fix) = match split {
        Some(i) => {
            let rest = &message[i + p.separator.len_utf8()..];
            (
                &message[..i],
                Some(if p.spaced { rest.trim_start() } else { rest }),
            )
        }
        None => (message, None),
    };
    // Peel trailing remarks off the fix (or off the header when there is no fix).
    let mut notes = Vec::new();
    let mut tail = fix.unwrap_or(what);
    while let Some((cut, remark)) = (p.remark)(tail) {
        notes.insert(0, &tail[remark]);
        tail = &tail[..cut];
        if p.spaced {
            tail = tail.trim_end();
        }
    }
    match fix {
        Some(_) => MessageParts {
            what,
            fix: Some(tail),
            notes,
        },
        None => MessageParts {
            what: tail,
            fix: None,
            notes,
        },
    }
}

/// Byte index of the `（` of a `（…）` group that closes at the end of `text` and does not
/// start it.
fn trailing_fullwidth_parenthesis(text: &str) -> Option<usize> {
    trailing_group(text, '（', '）').filter(|&i| i > 0)
}

/// Byte index of the space before a ` (…)` group that closes at the end of `text`.
fn trailing_parenthesis(text: &str) -> Option<usize> {
    trailing_group(text, '(', ')')
        .filter(|&i| i > 0 && text[..i].ends_with(' '))
        .map(|i| i - 1)
}

/// Byte index of the `open` that matches the `close` ending `text`, nesting counted.
fn trailing_group(text: &str, open: char, close: char) -> Option<usize> {
    if !text.ends_with(close) {
        return None;
    }
    let mut depth = 0usize;
    for (i, c) in text.char_indices().rev() {
        if c == close {
            depth += 1;
        } else if c == open {
            depth -= 1;
            if depth == 0 {
                return Some(i);
            }
        }
    }
    None
}

/// Text made safe for XML and HTML content and attribute values. Characters XML 1.0 does not
/// allow (controls other than tab, newline and carriage return) become U+FFFD, so a hostile
/// input cannot make the document unparsable.
pub(crate) fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_split_into_what_fix_and_notes() {
        let p = split_message("X is requested; add it (or \"a; b\") here (install-time: note)");
        assert_eq!(p.what, "X is requested");
        assert_eq!(p.fix, Some("add it (or \"a; b\") here"));
        assert_eq!(p.notes, vec!["install-time: note"]);
        let p = split_message("row \"a; b\" lists X (twice)");
        assert_eq!(
            (p.what, p.fix, p.notes),
            ("row \"a; b\" lists X", None, vec!["twice"])
        );
        let p = split_message("(all of it)");
        assert_eq!(p.what, "(all of it)");
    }

    #[test]
    fn fullwidth_messages_split_at_their_own_punctuation() {
        let p = split_fullwidth("甲未披露（“a；b”）；请加入“c；d”一行（安装时）（二）");
        assert_eq!(p.what, "甲未披露（“a；b”）");
        assert_eq!(p.fix, Some("请加入“c；d”一行"));
        assert_eq!(p.notes, vec!["安装时", "二"]);
        let p = split_fullwidth("（全部）");
        assert_eq!((p.what, p.fix), ("（全部）", None));
    }
}
