//! Reading aids taken out before anything reads a document: pinyin glosses and HTML ruby.
//!
//! Some publishers (download portals, converted mirrors) print a character's reading after it,
//! `應(yīng)用`, or mark it up as ruby, `<ruby>應<rt>yīng</rt></ruby>`. A reader skips the
//! reading; the importer must too, or no label, cue word or column name of such a page matches
//! (`應(yīng)用權(quán)限` is `应用权限`). A gloss is only ever removed whole, never a character of
//! the text around it, and lines stay where they are, so [`Annotations`] can take every offset
//! found in the stripped text back to the document as written.

use std::borrow::Cow;

use super::text::is_han;

/// Where readings were taken out: for each, its offset in the stripped text and the bytes
/// removed there and before it, in increasing order.
#[derive(Debug, Default)]
pub(super) struct Annotations {
    removed: Vec<(usize, usize)>,
}

impl Annotations {
    /// The offset in the document as written of the character at `offset` of the stripped
    /// text: past every reading removed at or before it.
    pub(super) fn start(&self, offset: usize) -> usize {
        offset + self.before(self.removed.partition_point(|&(at, _)| at <= offset))
    }

    /// The offset in the document as written where text ending at `offset` of the stripped
    /// text ends: a reading removed right there follows it and is not part of it.
    pub(super) fn end(&self, offset: usize) -> usize {
        offset + self.before(self.removed.partition_point(|&(at, _)| at < offset))
    }

    fn before(&self, count: usize) -> usize {
        count.checked_sub(1).map_or(0, |i| self.removed[i].1)
    }
}

/// `doc` without its readings, and where they were; `doc` itself when it has none.
pub(super) fn strip(doc: &str) -> (Cow<'_, str>, Annotations) {
    let mut out = String::new();
    let mut annotations = Annotations::default();
    let mut copied = 0;
    let mut total = 0;
    let mut i = 0;
    let bytes = doc.as_bytes();
    while let Some(found) = memchr::memchr3(b'(', 0xEF, b'<', &bytes[i..]) {
        let at = i + found;
        let Some(len) = reading_at(doc, at) else {
            i = at + 1;
            continue;
        };
        out.push_str(&doc[copied..at]);
        total += len;
        annotations.removed.push((out.len(), total));
        copied = at + len;
        i = copied;
    }
    if annotations.removed.is_empty() {
        return (Cow::Borrowed(doc), annotations);
    }
    out.push_str(&doc[copied..]);
    (Cow::Owned(out), annotations)
}

/// The length of the reading that starts at byte `at` of `doc`, if one does: a pinyin
/// syllable in brackets right after a Han character, or a ruby `<rt>`/`<rp>` element.
fn reading_at(doc: &str, at: usize) -> Option<usize> {
    let rest = &doc[at..];
    if rest.starts_with('<') {
        return ruby_element(rest);
    }
    let (open, close) = if rest.starts_with('(') {
        ('(', ')')
    } else if rest.starts_with('（') {
        ('（', '）')
    } else {
        return None;
    };
    if !doc[..at].chars().next_back().is_some_and(is_han) {
        return None;
    }
    let inner = &rest[open.len_utf8()..];
    let end = inner.find(close)?;
    syllable(&inner[..end]).then_some(open.len_utf8() + end + close.len_utf8())
}

/// `<rt>…</rt>` or `<rp>…</rp>` (any case) with no markup inside: its length.
fn ruby_element(rest: &str) -> Option<usize> {
    let head = rest.get(..4)?;
    let name = if head.eq_ignore_ascii_case("<rt>") {
        "rt"
    } else if head.eq_ignore_ascii_case("<rp>") {
        "rp"
    } else {
        return None;
    };
    // A reading is a syllable or a bracket; anything long is not one, and bounding the
    // search keeps a page of unclosed `<rt>` linear.
    let body = &rest[4..];
    let window = &body[..floor_boundary(body, 64)];
    let close = window.find('<')?;
    let tail = &body[close..];
    let closing = tail.get(..5)?;
    (closing.len() == 5
        && closing.starts_with("</")
        && closing[2..4].eq_ignore_ascii_case(name)
        && closing.ends_with('>'))
    .then_some(4 + close + 5)
}

fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// One Hanyu Pinyin syllable written with its tone mark (`yīng`, `lǜ`): lower-case letters,
/// `ü`, and exactly one tone-marked vowel. The mark is what tells a reading from a bracketed
/// word (`(a)`, `(men)`, `(GPS)`), so a syllable without one is left alone.
fn syllable(text: &str) -> bool {
    let mut marks = 0;
    let mut letters = 0;
    for c in text.chars() {
        if "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ".contains(c) {
            marks += 1;
        } else if !(c.is_ascii_lowercase() || c == 'ü') {
            return false;
        }
        letters += 1;
    }
    marks == 1 && (1..=6).contains(&letters)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glosses_after_han_characters_are_taken_out() {
        let doc = "應(yīng)用權(quán)限(GPS)說明(a)\n設(shè)備（xìn）息";
        let (text, _) = strip(doc);
        assert_eq!(text, "應用權限(GPS)說明(a)\n設備息");
    }

    #[test]
    fn brackets_that_are_not_readings_stay() {
        for doc in [
            "定位(精确位置)",
            "Camera (cámara)",
            "相机(camera)",
            "相机(yīngyīng)",
            "(yīng)开头",
            "未闭合(yīng",
            "两个声调(yīngyí)",
        ] {
            assert_eq!(strip(doc).0, doc, "{doc}");
        }
    }

    #[test]
    fn ruby_annotations_are_taken_out() {
        let doc = "<ruby>應<rp>(</rp><rt>yīng</rt><rp>)</rp></ruby>用 <RT>x</RT> <rt>unclosed";
        assert_eq!(strip(doc).0, "<ruby>應</ruby>用  <rt>unclosed");
    }

    #[test]
    fn offsets_map_back_to_the_document_as_written() {
        let doc = "權(quán)限(xiàn)：相機(jī)";
        let (text, annotations) = strip(doc);
        assert_eq!(text, "權限：相機");
        for (word, written) in [("權限", "權(quán)限"), ("相機", "相機"), ("：", "：")] {
            let start = text.find(word).unwrap();
            let end = start + word.len();
            let range = annotations.start(start)..annotations.end(end);
            assert_eq!(&doc[range], written, "{word}");
        }
        assert_eq!(annotations.start(text.len()), doc.len());
    }

    #[test]
    fn a_document_without_readings_is_borrowed() {
        let (text, annotations) = strip("| 相机 | CAMERA |");
        assert!(matches!(text, Cow::Borrowed(_)));
        assert_eq!(annotations.start(3), 3);
    }
}
