//! Text layout shared by the terminal renderers: display widths (CJK counts double) and word
//! wrapping that also breaks between Chinese characters, which have no spaces between words.

use unicode_width::UnicodeWidthChar;

/// Bidirectional controls (the "Trojan Source" characters: LRE, RLE, PDF, LRO, RLO, LRI, RLI,
/// FSI, PDI, and the LRM, RLM and ALM marks) shown as `<U+202E>`, so text from an input cannot
/// reorder what a reader sees around it; other control characters become U+FFFD.
pub(crate) fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| is_bidi(c) || (c.is_control() && c != '\n' && c != '\t');
    // Printable ASCII, newlines and tabs are shown as they are, and are most of any report.
    let plain = |b: &u8| (b' '..=b'~').contains(b) || matches!(b, b'\n' | b'\t');
    if text.as_bytes().iter().all(plain) || !text.chars().any(hidden) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if c.is_control() && c != '\n' && c != '\t' {
            out.push('\u{fffd}');
        } else if hidden(c) {
            out.push_str(&format!("<U+{:04X}>", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A bidirectional control or mark.
pub(crate) fn is_bidi(c: char) -> bool {
    matches!(
        c,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}'
    )
}

/// Columns `text` takes in a terminal.
pub(crate) fn width(text: &str) -> usize {
    // Reports are mostly printable ASCII, one column a byte; the Unicode tables are for the rest.
    if text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return text.len();
    }
    text.chars().map(char_width).sum()
}

pub(crate) fn char_width(c: char) -> usize {
    match c {
        '\t' => 4,
        ' '..='~' => 1,
        _ if c.is_ascii() => 0,
        _ => c.width().unwrap_or(0),
    }
}

/// Greedy wrap of `text` into lines of at most `width` columns. Words are split on whitespace;
/// each wide (CJK) character may start a line. A word longer than a line is cut.
#[cfg(test)]
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    super::wrap_text(text, width)
}

/// [`wrap`], handing each line to `emit` in order. A report wraps every message, so this builds
/// the lines in one reused buffer, and a message that fits as written is handed on as it is.
pub(crate) fn wrap_each<E>(
    text: &str,
    width: usize,
    emit: impl FnMut(&str) -> Result<(), E>,
) -> Result<(), E> {
    wrap_hanging(text, width, width, emit)
}

/// [`wrap_each`] with a first line `first` columns wide and the others `rest`: a message after
/// a long prefix (`warning[unobtainable-permission]: `) whose later lines hang under a short
/// indent has the whole width for them.
pub(crate) fn wrap_hanging<E>(
    text: &str,
    first: usize,
    rest: usize,
    mut emit: impl FnMut(&str) -> Result<(), E>,
) -> Result<(), E> {
    let mut width = first.max(1);
    let rest_width = rest.max(1);
    // Printable ASCII with single spaces and no space at either end wraps to itself when it
    // fits: the token joining below would rebuild the same bytes.
    let plain = text.len() <= width
        && text.bytes().all(|b| (b' '..=b'~').contains(&b))
        && !text.starts_with(' ')
        && !text.ends_with(' ')
        && memchr::memmem::find(text.as_bytes(), b"  ").is_none();
    if plain {
        return emit(text);
    }
    let mut line = String::with_capacity(text.len().min(width * 4));
    let mut line_width = 0;
    let mut emitted = false;
    for (space, token) in Tokens::new(text) {
        let token_width = self::width(token);
        let gap = usize::from(space && !line.is_empty());
        if !line.is_empty() && line_width + gap + token_width > width {
            // Where no space parts them, an opening quote or bracket goes down with what it
            // opens (`"` / `使用…` would leave the quote alone at the end of the line), and the
            // character before a closing mark or comma goes down with it (`、` never starts a
            // line).
            let carried = if space {
                0
            } else {
                let mut keep = line.len();
                if token.starts_with(CLOSERS) {
                    // The last word (a wide character is one) goes down with the mark, and
                    // with the marks between them (`用` `）` before `。`).
                    let mut chars = line.char_indices().rev().peekable();
                    while let Some(&(i, _)) = chars.peek().filter(|&&(_, c)| CLOSERS.contains(&c)) {
                        keep = i;
                        chars.next();
                    }
                    if let Some((i, c)) = chars.next() {
                        keep = i;
                        if char_width(c) != 2 {
                            keep = chars
                                .take_while(|&(_, c)| !c.is_whitespace() && char_width(c) != 2)
                                .last()
                                .map_or(i, |(j, _)| j);
                        }
                    }
                }
                for (i, c) in line[..keep].char_indices().rev() {
                    if OPENERS.contains(&c) {
                        keep = i;
                    } else {
                        break;
                    }
                }
                // Never the whole line: then it is cut where it is full.
                if keep == 0 { 0 } else { line.len() - keep }
            };
            let tail = line.split_off(line.len() - carried);
            emit(line.trim_end())?;
            emitted = true;
            width = rest_width;
            line.clear();
            line_width = self::width(&tail);
            line.push_str(&tail);
        } else if gap == 1 {
            line.push(' ');
            line_width += 1;
        }
        if token_width <= width - line_width.min(width) {
            line.push_str(token);
            line_width += token_width;
            continue;
        }
        // Longer than a whole line: cut it where the line is full, after the last `/`, `.`
        // or `:` that fits (else `_`), so a path or a permission name breaks between its parts
        // (`com.android.launcher.permission.` / `INSTALL_SHORTCUT`), not inside a word.
        let mut rest = token;
        while !rest.is_empty() {
            let room = width - line_width.min(width);
            let fits = rest
                .char_indices()
                .scan(0, |w, (i, c)| {
                    *w += char_width(c);
                    (*w <= room).then_some(i + c.len_utf8())
                })
                .last()
                .unwrap_or(0);
            if fits == rest.len() {
                line.push_str(rest);
                line_width += self::width(rest);
                break;
            }
            let after = |seams: &[char]| {
                rest[..fits]
                    .rfind(seams)
                    .map(|i| i + 1)
                    .filter(|&i| i * 3 >= fits)
            };
            let cut = after(&['/', '.', ':'])
                .or_else(|| after(&['_']))
                .unwrap_or(fits);
            // Nothing fits on a line that has text: go on with an empty line; a character
            // wider than the whole width goes on a line of its own.
            let cut = match (cut, line.is_empty()) {
                (0, false) => 0,
                (0, true) => rest.chars().next().map_or(rest.len(), char::len_utf8),
                (cut, _) => cut,
            };
            line.push_str(&rest[..cut]);
            rest = &rest[cut..];
            emit(&line)?;
            emitted = true;
            width = rest_width;
            line.clear();
            line_width = 0;
        }
    }
    if !line.is_empty() || !emitted {
        emit(&line)?;
    }
    Ok(())
}

/// Marks that open what follows them, and close or punctuate what precedes them: a line is
/// not broken just after the first or just before the second.
const OPENERS: [char; 9] = ['"', '\'', '(', '[', '“', '‘', '（', '「', '【'];
const CLOSERS: [char; 14] = [
    '"', ')', ']', '”', '’', '）', '」', '】', '，', '。', '、', '：', '；', '！',
];

/// `(preceded by whitespace, token)`: runs of narrow characters, and each wide one alone.
struct Tokens<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Tokens<'t> {
    fn new(text: &'t str) -> Self {
        Tokens { text, at: 0 }
    }
}

impl<'t> Iterator for Tokens<'t> {
    type Item = (bool, &'t str);

    fn next(&mut self) -> Option<Self::Item> {
        let text = self.text;
        let mut space = false;
        let mut start: Option<usize> = None;
        for (i, c) in text[self.at..].char_indices() {
            let i = self.at + i;
            // An ASCII character is never wide, and is whitespace exactly when it is one of
            // `\t`..=`\r` or a space (as `char::is_whitespace` says).
            let (white, wide) = if c.is_ascii() {
                (matches!(c, '\t'..='\r' | ' '), false)
            } else {
                (c.is_whitespace(), !c.is_whitespace() && char_width(c) == 2)
            };
            if white || wide {
                if let Some(s) = start {
                    self.at = i;
                    return Some((space, &text[s..i]));
                }
                if white {
                    space = true;
                } else {
                    self.at = i + c.len_utf8();
                    return Some((space, &text[i..self.at]));
                }
            } else if start.is_none() {
                start = Some(i);
            }
        }
        self.at = text.len();
        start.map(|s| (space, &text[s..]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ASCII fast paths give what the Unicode tables give.
    #[test]
    fn ascii_widths_match_the_tables() {
        for b in 0u8..128 {
            let c = char::from(b);
            let table = if c == '\t' { 4 } else { c.width().unwrap_or(0) };
            assert_eq!(char_width(c), table, "{b:#x}");
            let s = c.to_string();
            assert_eq!(
                width(&s),
                s.chars()
                    .map(|c| if c == '\t' { 4 } else { c.width().unwrap_or(0) })
                    .sum::<usize>(),
                "{b:#x}"
            );
        }
    }

    /// The ASCII shortcut of `tokens` agrees with the Unicode properties it stands for.
    #[test]
    fn ascii_breaks_match_the_tables() {
        for b in 0u8..128 {
            let c = char::from(b);
            assert!(char_width(c) != 2, "{b:#x}");
            assert_eq!(c.is_whitespace(), matches!(c, '\t'..='\r' | ' '), "{b:#x}");
        }
    }

    /// A message handed on as written is what joining its tokens would have built.
    #[test]
    fn plain_text_is_its_own_wrap() {
        for text in [
            "",
            "a",
            "a b",
            "error[undeclared]: x.Y is requested",
            "a,b c;d (e)",
        ] {
            let joined: Vec<&str> = Tokens::new(text).map(|(_, t)| t).collect();
            assert_eq!(joined.join(" "), text);
            assert_eq!(wrap(text, 100), vec![text]);
        }
        // Not plain: rebuilt, so runs of spaces collapse and the ends are trimmed.
        assert_eq!(wrap("  a   b ", 100), vec!["a b"]);
        assert_eq!(wrap("a\tb\nc", 100), vec!["a b c"]);
    }

    #[test]
    fn wraps_words_and_cjk() {
        assert_eq!(wrap("aa bb cc", 5), vec!["aa bb", "cc"]);
        assert_eq!(wrap("abcdefgh", 3), vec!["abc", "def", "gh"]);
        assert_eq!(wrap("相机权限未披露", 6), vec!["相机权", "限未披", "露"]);
        assert_eq!(
            wrap("请求 CAMERA 权限", 10),
            vec!["请求", "CAMERA 权", "限"]
        );
        for line in wrap("相机 a.b.CAMERA 未在隐私政策中披露 x", 7) {
            assert!(width(&line) <= 7, "{line}");
        }
        assert_eq!(wrap("", 10), vec![""]);
        // A first line narrower than the rest (a long prefix, a short hanging indent).
        let mut lines = Vec::new();
        wrap_hanging("aa bb cc dd ee ff", 5, 11, |l| {
            lines.push(l.to_owned());
            Ok::<(), ()>(())
        })
        .unwrap();
        assert_eq!(lines, vec!["aa bb", "cc dd ee ff"]);
        // No line ends with an opening quote, and none starts with a closing mark.
        assert_eq!(
            wrap("unresolved: \"使用图片库权限\" has no", 14),
            vec!["unresolved:", "\"使用图片库权", "限\" has no"]
        );
        assert_eq!(wrap("相机、麦克风", 4), vec!["相", "机、", "麦克", "风"]);
        assert_eq!(wrap("x CAMERA，相机", 8), vec!["x", "CAMERA，", "相机"]);
        assert_eq!(wrap("为未使用）。", 8), vec!["为未使", "用）。"]);
        assert_eq!(wrap("为未使用）。", 10), vec!["为未使", "用）。"]);
        // A name longer than a line breaks between its parts, where one is near the end.
        assert_eq!(
            wrap(
                "see com.android.launcher.permission.INSTALL_SHORTCUT now",
                40
            ),
            vec![
                "see",
                "com.android.launcher.permission.",
                "INSTALL_SHORTCUT now"
            ]
        );
        assert_eq!(
            wrap("/a/very/long/path/to/the/AndroidManifest.xml", 20),
            vec!["/a/very/long/path/", "to/the/", "AndroidManifest.xml"]
        );
        for text in ["a.bcdefghijklmnop", "x 相机 abcdefghijklmnopqrstuvwxyz"] {
            for width in 1..12 {
                let lines = wrap(text, width);
                let joined: String = lines.concat().split_whitespace().collect();
                let want: String = text.split_whitespace().collect();
                assert_eq!(joined, want, "{text} at {width}");
                for line in lines {
                    assert!(self::width(&line) <= width.max(2), "{line:?} at {width}");
                }
            }
        }
        assert_eq!(visible("a\u{202e}b\u{7}"), "a<U+202E>b\u{fffd}");
        assert!(matches!(visible("plain"), std::borrow::Cow::Borrowed(_)));
    }
}
