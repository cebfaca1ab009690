//! Permissions named in sentences: the last resort for a document with no table, list or
//! permission lines at all, such as a generic privacy policy that says
//! `我们会申请您的相机、麦克风、相册权限` or "we ask for the camera and microphone permissions".
//!
//! Only an enumeration of known labels (or identifiers) directly before `权限` / `permission`
//! is read: that is how a sentence discloses a permission by name. A clause that negates
//! (`不索要后台定位权限`, "we never request …") is not a disclosure and is left out with a note;
//! so is anything that is not a label the lexicon or the catalog knows. Every row found here is
//! by name, so the rows carry `review` notes like any label-matched row.
//!
//! Linear in the document: each clause is scanned once, and each lookup is bounded by
//! [`MAX_LABEL_CHARS`] candidate lengths and [`MAX_ENUMERATION`] labels.

use std::collections::BTreeSet;
use std::ops::Range;

use super::content::Line;
use super::lexicon::normalise;
use super::resolve::{self, LabelMatch, Side};
use super::text::{Cell, RawRow, RawTable, Shape};

/// Longest label, in characters, tried before `权限`.
const MAX_LABEL_CHARS: usize = 12;
/// Most labels read from one enumeration (`A、B、C权限`).
const MAX_ENUMERATION: usize = 12;
/// Longest clause read, in bytes: longer runs are not sentences.
const MAX_CLAUSE_BYTES: usize = 4096;
/// Most rows read from sentences in one document.
const MAX_ROWS: usize = 256;
/// Most `权限` / "permission" words looked behind in one document: a policy names a few dozen;
/// a hostile one repeating the word millions of times must stay fast.
const MAX_CUES: usize = 4096;

/// What was read from the sentences: one table of rows (label, sentence), and the negated
/// mentions (offset in the document, the label) the caller notes.
#[derive(Debug, Default)]
pub(super) struct Found {
    pub(super) table: Option<RawTable>,
    pub(super) negated: Vec<(usize, String)>,
}

/// Where each character of the joined text came from.
struct Joined {
    text: String,
    /// `(offset in text, offset in the document)` at each line start, ascending.
    starts: Vec<(usize, usize)>,
    /// Whether the line's cleaned text is its raw text, so offsets inside it are exact.
    exact: Vec<bool>,
}

impl Joined {
    /// Lines joined into one run, as a PDF or a browser copy breaks a sentence over lines:
    /// CJK lines are joined with nothing between them, others with a space.
    fn new(doc: &str, lines: &[Line]) -> Joined {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(lines.len());
        let mut exact = Vec::with_capacity(lines.len());
        let mut after_heading = false;
        for line in lines {
            let last = text.chars().last();
            let first = line.text.chars().next();
            let heading = line.text.trim_start().starts_with('#');
            let follows_heading = std::mem::replace(&mut after_heading, heading);
            if last.is_some_and(|c| ends_sentence(c) || c == '.')
                || starts_item(&line.text)
                || heading
                || follows_heading
            {
                // A finished sentence, a bullet or numbered item, or a heading (which has no
                // full stop): a new clause.
                text.push('\n');
            } else {
                let cjk_seam = last.is_some_and(is_cjk) && first.is_some_and(is_cjk);
                if !text.is_empty() && !cjk_seam {
                    text.push(' ');
                }
            }
            starts.push((text.len(), line.raw.start));
            exact.push(doc.get(line.raw.clone()) == Some(line.text.as_str()));
            text.push_str(&line.text);
        }
        Joined {
            text,
            starts,
            exact,
        }
    }

    /// The document offset of `at` in the joined text: exact where the line was not cleaned,
    /// else the start of its line.
    fn doc_offset(&self, at: usize) -> usize {
        let i = self
            .starts
            .partition_point(|&(t, _)| t <= at)
            .saturating_sub(1);
        match self.starts.get(i) {
            Some(&(t, d)) if self.exact[i] => d + (at - t),
            Some(&(_, d)) => d,
            None => 0,
        }
    }

    fn doc_range(&self, r: Range<usize>) -> Range<usize> {
        let start = self.doc_offset(r.start);
        start..self.doc_offset(r.end).max(start)
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{2e80}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}')
}

/// Whether a line starts a list item (`* `, `- `, `1.`, `2、`, `（一）`, `一、`).
fn starts_item(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with(['*', '-', '•', '·', '（', '(']) {
        return true;
    }
    let numeral = t
        .char_indices()
        .take_while(|&(_, c)| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
        .last()
        .map(|(i, c)| i + c.len_utf8());
    numeral.is_some_and(|n| t[n..].starts_with(['.', '、', '．', ')', '）']))
}

/// A clause without its list marker (`* `, `1.`, `（一）`) and the spaces around it.
fn without_marker(clause: &str) -> &str {
    let t = clause.trim();
    if t.starts_with('#') {
        return t.trim_start_matches('#').trim();
    }
    if !starts_item(t) {
        return t;
    }
    let t = t.trim_start_matches(['*', '-', '•', '·', '（', '(']);
    let t =
        t.trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
    t.trim_start_matches(['.', '、', '．', ')', '）']).trim()
}

/// Ends of sentences: a clause never runs past one.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | ';' | '!' | '?' | '\n')
}

/// Where a negation's reach starts: a comma or colon ends the part of a clause it applies to.
fn ends_phrase(c: char) -> bool {
    matches!(c, '，' | ',' | '：' | ':' | '（' | '(' | '）' | ')') || ends_sentence(c)
}

/// Whether the words before a name (in a list item, say) deny asking for it: a negation in the
/// phrase that leads to the name (`We don't request X`), or in an earlier sentence of the same
/// text that the name's sentence continues (`We do not request background location. If added
/// in the future, we'll include X`).
pub(super) fn says_not_requested(before: &str) -> bool {
    let phrase = before.rsplit(ends_phrase).next().unwrap_or(before);
    if negates(phrase) {
        return true;
    }
    let sentences: Vec<&str> = before
        .split(". ")
        .flat_map(|s| s.split(ends_sentence))
        .collect();
    sentences.len() > 1 && sentences[..sentences.len() - 1].iter().any(|s| negates(s))
}

/// Words that say the app does not ask for what follows. `不限于` ("including but not limited
/// to") and `不仅` ("not only") widen a list rather than negate it.
pub(super) fn negates(phrase: &str) -> bool {
    const ZH: [&str; 8] = ["不", "未", "无需", "无须", "没有", "禁止", "绝不", "从不"];
    const NOT_NEGATIONS: [&str; 3] = ["不限于", "不仅", "不只"];
    let mut zh = phrase.to_owned();
    for widen in NOT_NEGATIONS {
        zh = zh.replace(widen, "");
    }
    ZH.iter().any(|w| zh.contains(w)) || negates_in_english(phrase)
}

/// Whether an English phrase holds a word of negation (`not`, `never`, `don't`, …).
pub(super) fn negates_in_english(phrase: &str) -> bool {
    phrase
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .any(|w| {
            matches!(
                w,
                "not" | "never" | "no" | "without" | "neither" | "nor" | "none"
            ) || w.ends_with("n't")
                || w.ends_with("n’t")
        })
}

/// What an identifier in running text may be quoted with.
const QUOTES: [char; 8] = ['`', '"', '\'', '“', '”', '‘', '’', '*'];

/// Whether `candidate` is, as a whole, a permission label or identifier.
fn is_label(candidate: &str) -> bool {
    let trimmed = candidate.trim();
    // One label, not a list of them (the enumeration is walked label by label).
    let lower = trimmed.to_ascii_lowercase();
    // Nor one that reaches back into the sentence before (`语音；位置`, which the lexicon reads
    // as two labels).
    if trimmed.chars().count() < 2
        || trimmed.contains(['、', ',', '，', '/', '／', '&'])
        || trimmed.contains(ends_sentence)
        || lower.contains(" and ")
        || lower.contains(" or ")
    {
        return false;
    }
    let tokens = resolve::identifiers(trimmed);
    if !tokens.is_empty() {
        // The identifier itself, perhaps quoted (`` `INTERNET` ``), not words before it.
        let rest = super::find::label_without(trimmed, &tokens);
        return tokens.len() == 1 && rest.trim_matches(QUOTES).trim().is_empty();
    }
    [Side::Android, Side::Ios].into_iter().any(|side| {
        matches!(
            resolve::resolve_label(side, trimmed),
            LabelMatch::Ids { .. } | LabelMatch::Vague(_) | LabelMatch::Ambiguous(_)
        )
    })
}

/// The longest label ending at `end` in `text`: its range. Candidates start on character
/// boundaries and, for Latin text, on word boundaries.
fn label_before(text: &str, end: usize) -> Option<Range<usize>> {
    let head = &text[..end];
    let starts: Vec<usize> = head
        .char_indices()
        .rev()
        .take(MAX_LABEL_CHARS * 2)
        .map(|(i, _)| i)
        .collect();
    // Longest first: `后台定位` before `定位`.
    starts
        .into_iter()
        .rev()
        .filter(|&i| {
            let before = head[..i].chars().last();
            let first = head[i..].chars().next();
            // A label starts at its first letter, not at the space or line break before it.
            if first.is_some_and(char::is_whitespace) {
                return false;
            }
            let latin_word = first.is_some_and(|c| c.is_ascii_alphanumeric());
            !latin_word || !before.is_some_and(|c| c.is_ascii_alphanumeric())
        })
        .filter(|&i| head[i..].chars().count() <= MAX_LABEL_CHARS * 2)
        .find(|&i| {
            let candidate = &head[i..];
            let chars = candidate.chars().count();
            let is_latin = candidate.is_ascii();
            // Latin labels are words (`camera`, `location`); CJK ones are short.
            (is_latin || chars <= MAX_LABEL_CHARS) && is_label(candidate)
        })
        .map(|i| i..end)
}

/// `【悬浮球权限】`: the range of the label in the brackets around the `权限` at `cue`, when it
/// is short and inside the clause.
fn bracketed_before(text: &str, clause_start: usize, cue: usize) -> Option<Range<usize>> {
    const OPEN: &str = "【";
    if !text[cue..].strip_prefix("权限")?.starts_with('】') {
        return None;
    }
    let open = text[clause_start..cue].rfind(OPEN)? + clause_start;
    let label = open + OPEN.len()..cue;
    let chars = text[label.clone()].chars().count();
    ((1..=MAX_LABEL_CHARS).contains(&chars) && !text[label.clone()].contains(['】', '【']))
        .then_some(label)
}

/// What may stand between two labels of one enumeration.
fn separator_before(text: &str, at: usize) -> Option<usize> {
    let head = text[..at].trim_end();
    for sep in [
        "、", "，", ",", "/", "／", "&", "以及", "和", "及", "与", "或", " and ", " or ",
    ] {
        let sep_trimmed = sep.trim();
        if let Some(rest) = head.strip_suffix(sep_trimmed) {
            let is_word = sep_trimmed.chars().all(|c| c.is_ascii_alphabetic());
            if is_word && !rest.ends_with(' ') {
                continue;
            }
            return Some(rest.trim_end().len());
        }
    }
    None
}

/// Filler between the last label and the word `权限`: `相机的权限`, `相机等权限`, `相机使用权限`
/// ("camera use permission"), `位置访问权限`; "camera app permission" does not count.
fn trim_filler(text: &str, end: usize) -> usize {
    let mut head = text[..end].trim_end();
    for filler in ["使用", "访问", "等", "的", "相关", "之"] {
        if let Some(rest) = head.strip_suffix(filler) {
            head = rest.trim_end();
        }
    }
    let lower = head.to_ascii_lowercase();
    for filler in [" the", " your"] {
        if lower.ends_with(filler) {
            head = &head[..head.len() - filler.len()];
        }
    }
    head.len()
}

/// The permissions the sentences of `lines` name.
pub(super) fn extract(doc: &str, lines: &[Line]) -> Found {
    let joined = Joined::new(doc, lines);
    let text = joined.text.as_str();
    let mut found = Found::default();
    let mut rows: Vec<RawRow> = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut clause_start = 0;
    let mut cues = 0;
    // After `the following permissions:` (`以下权限：`), whether each clause is the next item
    // of that list, and whether the list was said not to be requested.
    let mut listing: Option<bool> = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), '\n')))
    {
        // A full stop ends a sentence when a space follows it, not inside `3.5` or `a.b`.
        let full_stop = c == '.' && text[i + 1..].starts_with(char::is_whitespace);
        if !ends_sentence(c) && !full_stop {
            continue;
        }
        let clause = clause_start..i;
        clause_start = i + c.len_utf8();
        if clause.len() > MAX_CLAUSE_BYTES || rows.len() >= MAX_ROWS || cues >= MAX_CUES {
            continue;
        }
        if let Some(negated) = listing {
            if !read_item(
                text,
                clause.clone(),
                negated,
                &joined,
                &mut rows,
                &mut seen,
                &mut found,
            ) {
                listing = None;
            }
        }
        cues += read_clause(
            text,
            clause.clone(),
            &joined,
            &mut rows,
            &mut seen,
            &mut found,
        );
        if let Some((items, negated)) = listed_after_colon(text, clause.clone()) {
            let first = read_item(
                text, items, negated, &joined, &mut rows, &mut seen, &mut found,
            );
            listing = first.then_some(negated);
        }
    }
    if let (Some(first), Some(last)) = (rows.first(), rows.last()) {
        let span = first.start..last.cells.last().map_or(last.start, |c| c.raw.end);
        found.table = Some(RawTable {
            shape: Shape::Prose,
            span,
            header: None,
            rows,
            intro: None,
        });
    }
    found
}

/// Where the items start when `clause` introduces a list with the word permission and a
/// colon (`We request the following permissions: Camera, to …`, `需要以下权限：相机，用于…`),
/// and whether it says they are not requested.
fn listed_after_colon(text: &str, clause: Range<usize>) -> Option<(Range<usize>, bool)> {
    let body = &text[clause.clone()];
    let colon = body.find([':', '：'])?;
    let before = body[..colon].trim_end();
    let lower = before.to_ascii_lowercase();
    let cue = ["permissions", "permission", "权限"]
        .iter()
        .any(|w| lower.ends_with(w))
        || [
            "权限如下",
            "权限包括",
            "permissions include",
            "permissions are",
        ]
        .iter()
        .any(|w| lower.ends_with(w));
    if !cue {
        return None;
    }
    let mark = body[colon..].chars().next().map_or(1, char::len_utf8);
    let items = clause.start + colon + mark..clause.end;
    Some((items, negates(before)))
}

/// Reads the list item that opens `item` (`Camera, to let you take photos`, `and Location,
/// to …`, `相机，用于扫码`): its head, up to what it is for, must be one label. Whether it was.
fn read_item(
    text: &str,
    item: Range<usize>,
    negated: bool,
    joined: &Joined,
    rows: &mut Vec<RawRow>,
    seen: &mut BTreeSet<String>,
    found: &mut Found,
) -> bool {
    let body = &text[item.clone()];
    let lead = body.len() - body.trim_start().len();
    let mut start = item.start + lead;
    let rest = &text[start..item.end];
    for joiner in ["and ", "or ", "以及", "和", "及"] {
        if rest.starts_with(joiner) {
            start += joiner.len();
            break;
        }
    }
    let rest = &text[start..item.end];
    let lower = rest.to_ascii_lowercase();
    let end = [",", "，", "(", "（", " - ", " – ", " — ", "：", ":"]
        .iter()
        .filter_map(|sep| rest.find(sep))
        .chain(
            [" to ", " for ", " so ", " when ", " is ", " are "]
                .iter()
                .filter_map(|w| lower.find(w)),
        )
        .chain(["用于", "以便", "为了"].iter().filter_map(|w| rest.find(w)))
        .min()
        .unwrap_or(rest.len());
    let head = rest[..end].trim_end_matches(['.', '。', ' ']);
    if head.is_empty() || !is_label(head) {
        return false;
    }
    let lower = head.to_ascii_lowercase();
    if ["权限", "permission", "permissions"]
        .iter()
        .any(|w| lower.ends_with(w))
    {
        // `相机权限，用于扫码`: an item of the list, read as every `权限` is ([`read_clause`]).
        return true;
    }
    let label = start..start + head.len();
    let written = head.trim().to_owned();
    let raw = joined.doc_range(label.clone());
    if negated {
        found.negated.push((raw.start, written));
        return true;
    }
    let key = normalise(&written);
    if seen.insert(key) && rows.len() < MAX_ROWS {
        // What the item says it is for: the words after its label (`to dictate notes`).
        let what_for = text[label.end..item.end]
            .trim_start_matches(|c: char| c.is_whitespace() || "，,-–—:：".contains(c))
            .trim_end();
        let sentence = Cell {
            text: what_for.to_owned(),
            raw: joined.doc_range(label.end..item.end),
        };
        rows.push(sentence_row(written, raw, &sentence));
    }
    true
}

/// `通知权限`: the label with the `权限` after it, when the lexicon knows the longer one as
/// naming permissions where the shorter is only vague (`通知` alone may mean several things).
fn with_known_suffix(text: &str, label: Range<usize>) -> Range<usize> {
    const SUFFIX: &str = "权限";
    if !text[label.end..].starts_with(SUFFIX) {
        return label;
    }
    let longer = label.start..label.end + SUFFIX.len();
    let names = |l: &str, side| {
        matches!(
            resolve::resolve_label(side, l.trim()),
            LabelMatch::Ids { .. }
        )
    };
    let better = [Side::Android, Side::Ios]
        .into_iter()
        .any(|side| names(&text[longer.clone()], side) && !names(&text[label.clone()], side));
    if better { longer } else { label }
}

fn read_clause(
    text: &str,
    clause: Range<usize>,
    joined: &Joined,
    rows: &mut Vec<RawRow>,
    seen: &mut BTreeSet<String>,
    found: &mut Found,
) -> usize {
    let body = &text[clause.clone()];
    let lower = body.to_ascii_lowercase();
    let mut cues: Vec<usize> = body.match_indices("权限").map(|(i, _)| i).collect();
    cues.extend(lower.match_indices("permission").map(|(i, _)| i));
    cues.sort_unstable();
    let looked = cues.len();
    for cue in cues {
        let at = clause.start + cue;
        let mut end = trim_filler(text, at);
        let mut labels: Vec<Range<usize>> = Vec::new();
        while labels.len() < MAX_ENUMERATION && end > clause.start {
            let Some(label) = label_before(&text[..end], end) else {
                break;
            };
            if label.start < clause.start {
                break;
            }
            let next = separator_before(text, label.start).filter(|&n| n > clause.start);
            labels.push(label);
            match next {
                Some(n) => end = n,
                None => break,
            }
        }
        if labels.is_empty() {
            // `【悬浮球权限】用于…`: a label in brackets names a permission whether or not the
            // lexicon knows it; one it does not is read too, to be shown unresolved.
            if let Some(label) = bracketed_before(text, clause.start, at) {
                labels.push(label);
            }
        }
        let Some(first) = labels.last() else { continue };
        let phrase_start = text[clause.start..first.start]
            .char_indices()
            .rev()
            .find(|&(_, c)| ends_phrase(c))
            .map_or(clause.start, |(i, c)| clause.start + i + c.len_utf8());
        let negated = negates(&text[phrase_start..first.start]);
        let sentence = clause_cell(body, &clause, joined);
        for label in labels.into_iter().rev() {
            let label = with_known_suffix(text, label);
            let written = text[label.clone()].trim().to_owned();
            let raw = joined.doc_range(label);
            if negated {
                found.negated.push((raw.start, written));
                continue;
            }
            // `获取应用列表` and `获取应用列表权限` are one label.
            let key = normalise(&written);
            let key = ["权限", "permissions", "permission"]
                .iter()
                .find_map(|s| key.strip_suffix(s))
                .unwrap_or(&key)
                .to_owned();
            if !seen.insert(key) || rows.len() >= MAX_ROWS {
                continue;
            }
            rows.push(sentence_row(written, raw, &sentence));
        }
    }
    if looked > 0 {
        named_ids(text, clause, joined, rows, seen, found);
    }
    looked
}

/// A sentence about permissions that names them by identifier (`We request permissions for
/// camera (CAMERA) and microphone (RECORD_AUDIO) at runtime.`): each identifier is a row, or
/// noted as negated when the words before it say it is not requested.
fn named_ids(
    text: &str,
    clause: Range<usize>,
    joined: &Joined,
    rows: &mut Vec<RawRow>,
    seen: &mut BTreeSet<String>,
    found: &mut Found,
) {
    let body = &text[clause.clone()];
    let sentence = clause_cell(body, &clause, joined);
    for token in resolve::identifiers(body) {
        if !matches!(
            token.kind,
            resolve::Ident::AndroidFull | resolve::Ident::AndroidShort | resolve::Ident::IosKey
        ) {
            continue;
        }
        let at = clause.start + token.range.start;
        let raw = joined.doc_range(at..clause.start + token.range.end);
        // The label before the cue word may be this identifier (quoted: `INTERNET`), read and
        // noted already.
        let noted = found
            .negated
            .iter()
            .any(|(s, _)| (raw.start.saturating_sub(1)..=raw.start).contains(s));
        if negates(&body[..token.range.start]) {
            if !noted {
                found.negated.push((raw.start, token.text));
            }
            continue;
        }
        let key = normalise(&token.text);
        if !seen.insert(key) || rows.len() >= MAX_ROWS {
            continue;
        }
        rows.push(sentence_row(token.text, raw, &sentence));
    }
}

/// A clause as the purpose cell of the rows it names.
fn clause_cell(body: &str, clause: &Range<usize>, joined: &Joined) -> Cell {
    Cell {
        text: without_marker(body).to_owned(),
        raw: joined.doc_range(clause.clone()),
    }
}

/// A row read from a sentence: the name as written there, and the sentence as its purpose.
fn sentence_row(written: String, raw: Range<usize>, sentence: &Cell) -> RawRow {
    RawRow {
        start: raw.start,
        cells: vec![Cell { text: written, raw }, sentence.clone()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::import::content::text_lines;
    use crate::policy::import::text;

    fn labels(doc: &str) -> (Vec<String>, Vec<String>) {
        let found = extract(doc, &text_lines(&text::lines(doc)));
        let rows = found
            .table
            .map(|t| {
                t.rows
                    .into_iter()
                    .map(|r| r.cells[0].text.clone())
                    .collect()
            })
            .unwrap_or_default();
        (rows, found.negated.into_iter().map(|(_, l)| l).collect())
    }

    #[test]
    fn an_enumeration_before_the_word_permission_is_read() {
        let (rows, negated) = labels("为实现拍照上传，我们需要您的相机、麦克风和存储权限。\n");
        assert_eq!(rows, ["相机", "麦克风", "存储"]);
        assert!(negated.is_empty());
    }

    #[test]
    fn a_list_after_the_word_permission_and_a_colon_is_read() {
        let (rows, _) = labels(
            "We request the following permissions: Camera, to let you take photos; Microphone, \
             to record audio messages; and Location, to tag posts. We also use cookies; Sessions, \
             to stay signed in.\n",
        );
        assert_eq!(rows, ["Camera", "Microphone", "Location"]);
        let (rows, _) = labels("需要以下权限：相机，用于扫码；麦克风，用于语音。\n");
        assert_eq!(rows, ["相机", "麦克风"]);
        let (rows, _) =
            labels("需要以下权限：相机权限，用于扫码；麦克风权限，用于语音；位置，用于推荐。\n");
        assert_eq!(rows, ["相机", "麦克风", "位置"]);
        let (rows, negated) = labels(
            "We never request these permissions: Contacts; SMS.\nCamera permission is used.\n",
        );
        assert_eq!(
            (rows, negated),
            (
                vec!["Camera".to_owned()],
                vec!["Contacts".to_owned(), "SMS".to_owned()]
            )
        );
    }

    #[test]
    fn a_label_never_reaches_into_the_sentence_before() {
        let (found, _) = labels("相机权限，用于扫描；麦克风权限，用于语音；位置权限，用于推荐。");
        assert_eq!(found, ["相机", "麦克风", "位置"]);
    }

    #[test]
    fn a_verb_of_use_before_the_word_permission_is_filler() {
        let (rows, _) = labels("相机使用权限，用于拍照。麦克风访问权限，用于录音。\n");
        assert_eq!(rows, ["相机", "麦克风"]);
    }

    #[test]
    fn a_sentence_broken_over_lines_is_joined() {
        let (rows, _) = labels("我们将获取您的存\n储权限，用于缓存。\n");
        assert_eq!(rows, ["存储"]);
    }

    #[test]
    fn a_negated_mention_is_not_a_disclosure() {
        let (rows, negated) = labels("单次定位场景仅调用一次，不索要后台定位权限。\n");
        assert!(rows.is_empty());
        assert_eq!(negated, ["后台定位"]);
        let (rows, negated) = labels("We never request the contacts permission.\n");
        assert!(rows.is_empty(), "{rows:?}");
        assert_eq!(negated, ["contacts"]);
    }

    #[test]
    fn including_but_not_limited_to_widens_a_list() {
        let (rows, negated) = labels("我们可能申请包括但不限于相机、麦克风等权限。\n");
        assert_eq!(rows, ["相机", "麦克风"]);
        assert!(negated.is_empty());
    }

    #[test]
    fn english_enumerations_are_read() {
        let (rows, _) = labels("The app asks for the camera and phone state permissions.\n");
        assert_eq!(rows, ["camera", "phone state"]);
        let (rows, _) = labels("It saves files.\nLocation permission is used for geotags.\n");
        assert_eq!(rows, ["Location"]);
    }

    #[test]
    fn words_that_are_not_labels_stop_the_enumeration() {
        let (rows, _) = labels("我们会在必要时申请相关系统权限，并征得您的同意。\n");
        assert!(rows.is_empty(), "{rows:?}");
        let (rows, _) = labels("Grant the permission when asked.\n");
        assert!(rows.is_empty(), "{rows:?}");
    }

    #[test]
    fn items_and_sentences_are_clauses_of_their_own() {
        let doc = "* 本应用不收集任何用户信息.\n* 存储权限用来打开本地文件.\n";
        let found = extract(doc, &text_lines(&text::lines(doc)));
        let table = found.table.expect("a row");
        assert_eq!(table.rows.len(), 1);
        assert_eq!(table.rows[0].cells[1].text, "存储权限用来打开本地文件.");
        assert!(found.negated.is_empty());
    }

    #[test]
    fn a_label_the_lexicon_knows_with_its_suffix_keeps_it() {
        // `通知` alone is vague; `通知权限` names POST_NOTIFICATIONS.
        let (rows, _) = labels("【通知权限】用于向您推送订单状态。\n");
        assert_eq!(rows, ["通知权限"]);
        // `相机` names CAMERA already: the label stays as it was found.
        let (rows, _) = labels("【相机权限】用于扫码。\n");
        assert_eq!(rows, ["相机"]);
    }

    #[test]
    fn a_bracketed_label_is_read_known_or_not() {
        let (rows, _) = labels("【相机权限】用于扫码。【悬浮球权限】用于显示悬浮球。\n");
        assert_eq!(rows, ["相机", "悬浮球"]);
        let (rows, _) = labels("【温馨提示】请授予权限。\n");
        assert!(rows.is_empty(), "{rows:?}");
    }

    #[test]
    fn an_identifier_is_read_alone_quoted_or_not() {
        let (rows, negated) =
            labels("Nothing leaves it: the app does not have the `INTERNET` permission.\n");
        assert!(rows.is_empty(), "{rows:?}");
        assert_eq!(negated.len(), 1);
        assert_eq!(negated[0].trim_matches('`'), "INTERNET");
        let (rows, _) = labels("It asks for the CAMERA permission to scan.\n");
        assert_eq!(rows, ["CAMERA"]);
    }

    #[test]
    fn each_label_is_read_once() {
        let (rows, _) = labels("我们申请相机权限。拒绝相机权限后无法拍照。\n");
        assert_eq!(rows, ["相机"]);
    }
}
