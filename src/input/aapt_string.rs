//! aapt2's processing of an attribute's text: what a name written in a text manifest becomes
//! on the device.
//!
//! aapt2 flattens an attribute that has no compiled value (a permission name is a plain
//! string) as the text of `StringBuilder(preserve_spaces = true).AppendText(value)` (aapt2
//! `format/binary/XmlFlattener.cpp` and `ResourceUtils.cpp`); `aapt2 convert`, which bundletool
//! uses to turn an App Bundle module into an APK, does the same to the protobuf's `value`. With
//! spaces preserved, whitespace and quotes (`"`, `'`) stay as written; only backslash escapes are
//! processed:
//! - `\t` and `\n` are a tab and a line feed; `\#`, `\@`, `\?`, `\"`, `\'` and `\\` are the
//!   character itself; any other `\c` is `c` (the backslash is dropped);
//! - `\u` takes up to four hex digits (fewer at the end of the text) and is that code point, so
//!   `android.permission.READ\u005fSMS` is `READ_SMS` on the phone;
//! - a backslash at the very end is dropped.
//!
//! Where aapt2 records an error and silently keeps only the text before it (a `\u` followed by
//! a non-hex character), or produces a character the name cannot hold (NUL, a lone surrogate),
//! the name is refused instead: what the device would see is a truncated or broken name, and
//! guessing it would risk a false "clean".

/// The processed text, or why aapt2 would not produce an intact one.
pub(crate) fn process(raw: &str) -> Result<String, String> {
    if !raw.contains('\\') {
        return check(raw.to_owned());
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(escaped) = chars.next() else {
            break;
        };
        match escaped {
            't' => out.push('\t'),
            'n' => out.push('\n'),
            'u' => {
                let mut code: u32 = 0;
                for _ in 0..4 {
                    let Some(&next) = chars.peek() else {
                        break;
                    };
                    let Some(digit) = next.to_digit(16) else {
                        return Err(format!(
                            "invalid unicode escape `\\u` followed by `{next}` (expected four \
                             hex digits); aapt2 would keep only the text before it"
                        ));
                    };
                    code = (code << 4) | digit;
                    chars.next();
                }
                let Some(decoded) = char::from_u32(code) else {
                    return Err(format!(
                        "unicode escape `\\u{code:04x}` is a lone surrogate, not a character"
                    ));
                };
                out.push(decoded);
            }
            other => out.push(other),
        }
    }
    check(out)
}

fn check(text: String) -> Result<String, String> {
    if text.contains('\0') {
        return Err("the name contains a NUL character (written as `\\u0000`)".to_owned());
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::process;

    #[test]
    fn follows_aapt2_string_builder_with_spaces_preserved() {
        let cases = [
            ("android.permission.READ_SMS", "android.permission.READ_SMS"),
            (
                "android.permission.READ\\u005fSMS",
                "android.permission.READ_SMS",
            ),
            (
                "android.permission.READ\\u005FSMS",
                "android.permission.READ_SMS",
            ),
            ("a\\u5f", "a_"),
            (
                "\"android.permission.CAMERA\"",
                "\"android.permission.CAMERA\"",
            ),
            ("it's  spaced", "it's  spaced"),
            ("a\\.b", "a.b"),
            ("a\\\\b", "a\\b"),
            ("a\\tb\\nc", "a\tb\nc"),
            ("\\@x\\?y\\#z\\'\\\"", "@x?y#z'\""),
            ("trailing\\", "trailing"),
        ];
        for (raw, device) in cases {
            assert_eq!(process(raw).as_deref(), Ok(device), "{raw}");
        }
        assert!(process("READ\\uZZSMS").is_err());
        assert!(process("a\\u0000b").is_err());
        assert!(process("x\\ud800").is_err());
        // Fewer than four digits at the end of the text is not an error.
        assert_eq!(process("a\\u41").as_deref(), Ok("aA"));
    }
}
