//! `[assembly: UsesPermission(...)]` attributes in C# sources, which the .NET Android build
//! writes into the generated `AndroidManifest.xml` as `<uses-permission>` elements.
//!
//! A small lexer, not a C# parser: it skips comments, strings and inactive `#if` regions, then
//! matches the attribute shape on the tokens. What it cannot decide (a permission named by a
//! variable, an `#if` on a symbol whose value in a Release build is unknown) is an error at the
//! attribute, never a guess.

use crate::input::InputError;
use crate::model::{Location, Origin, OriginKind, Request};
use crate::source::lines::LineIndex;

/// The build whose `#if` symbols decide which attributes count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// `net*-android`.
    Android,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Num(String),
    Punct(u8),
}

/// Whether the code at a point is compiled in a Release build of the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Active {
    Yes,
    No,
    /// Depends on a symbol whose value is not known.
    Unknown,
}

/// One `#if` level: whether its enclosing code is active, whether an earlier branch was taken,
/// and whether the current branch is active.
#[derive(Debug, Clone, Copy)]
struct Level {
    outer: Active,
    taken: Active,
    current: Active,
}

/// The `[assembly: UsesPermission]` requests of one C# file.
pub fn uses_permissions(
    path: &str,
    text: &str,
    target: Target,
) -> Result<Vec<Request>, InputError> {
    // Most C# files have no attribute; skip them without lexing.
    if !text.contains("UsesPermission") {
        return Ok(Vec::new());
    }
    let lines = LineIndex::new(text.as_bytes());
    let loc = |offset: usize| {
        let (line, column) = lines.position(offset);
        Location::at(path, line, column)
    };
    let tokens = lex(text, target, &loc)?;
    let mut requests = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let is_assembly = matches!(&tokens[i].0, Tok::Punct(b'['))
            && matches!(tokens.get(i + 1), Some((Tok::Ident(a), _, _)) if a == "assembly")
            && matches!(tokens.get(i + 2), Some((Tok::Punct(b':'), _, _)));
        if !is_assembly {
            i += 1;
            continue;
        }
        i += 3;
        // Attributes of one list: `Name(args), Name(args)` up to the closing `]`.
        loop {
            let start = i;
            let mut name = Vec::new();
            while let Some((tok, _, _)) = tokens.get(i) {
                match tok {
                    Tok::Ident(s) => name.push(s.as_str()),
                    Tok::Punct(b'.' | b':') => {}
                    _ => break,
                }
                i += 1;
            }
            let args_start = i;
            let mut args: Vec<&(Tok, usize, Active)> = Vec::new();
            if matches!(tokens.get(i), Some((Tok::Punct(b'('), _, _))) {
                let mut depth = 0usize;
                while let Some(t) = tokens.get(i) {
                    match t.0 {
                        Tok::Punct(b'(') => depth += 1,
                        Tok::Punct(b')') => {
                            depth -= 1;
                            if depth == 0 {
                                i += 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                    if depth > 1 || !matches!(t.0, Tok::Punct(b'(')) || i > args_start {
                        args.push(t);
                    }
                    i += 1;
                }
            }
            let last = name.last().copied().unwrap_or_default();
            if last == "UsesPermission" || last == "UsesPermissionAttribute" {
                let (_, offset, active) = tokens[start];
                let at = loc(offset);
                match active {
                    Active::No => {}
                    Active::Unknown => {
                        return Err(InputError::invalid(
                            at,
                            "this [assembly: UsesPermission] is inside an #if whose symbols \
                             permaudit cannot tell for a Release Android build; move it out \
                             of the #if, or use DEBUG/RELEASE/ANDROID",
                        ));
                    }
                    Active::Yes => requests.push(attribute(&args, at)?),
                }
            }
            match tokens.get(i) {
                Some((Tok::Punct(b','), _, _)) => i += 1,
                _ => break,
            }
        }
    }
    Ok(requests)
}

/// The request one `UsesPermission(...)` argument list makes. `args` excludes the outer
/// parentheses.
fn attribute(args: &[&(Tok, usize, Active)], at: Location) -> Result<Request, InputError> {
    let mut name = None;
    let mut max_sdk = None;
    for arg in args.split(|t| matches!(t.0, Tok::Punct(b','))) {
        let (key, value) = match arg {
            [(Tok::Ident(k), _, _), (Tok::Punct(b'='), _, _), rest @ ..] => {
                (Some(k.as_str()), rest)
            }
            rest => (None, rest),
        };
        match key {
            None | Some("Name") => name = Some(permission(value, &at)?),
            Some("MaxSdkVersion") => match value {
                [(Tok::Num(n), _, _)] => max_sdk = Some(n.clone()),
                _ => {
                    return Err(InputError::invalid(
                        at,
                        "MaxSdkVersion is not a number literal; permaudit cannot tell up to \
                         which API level the permission is requested",
                    ));
                }
            },
            Some(_) => {}
        }
    }
    let Some(permission) = name else {
        return Err(InputError::invalid(
            at,
            "[assembly: UsesPermission] names no permission",
        ));
    };
    let mut request = Request::at(permission, at);
    request.max_sdk = max_sdk;
    request.origin = Some(Origin {
        location: None,
        kind: OriginKind::Config,
        via: crate::model::Message::new("origin.maui-attribute"),
        source: None,
    });
    Ok(request)
}

/// The permission an attribute argument names: a string literal, or a constant of
/// `Android.Manifest.Permission`.
fn permission(value: &[&(Tok, usize, Active)], at: &Location) -> Result<String, InputError> {
    if let [(Tok::Str(s), _, _)] = value {
        return Ok(s.clone());
    }
    let parts: Vec<&str> = value
        .iter()
        .filter_map(|t| match &t.0 {
            Tok::Ident(s) => Some(s.as_str()),
            _ => None,
        })
        .collect();
    let dotted = value
        .iter()
        .all(|t| matches!(&t.0, Tok::Ident(_) | Tok::Punct(b'.' | b':')));
    if dotted && parts.len() >= 2 && parts[parts.len() - 2] == "Permission" {
        if let Some(constant) = parts.last() {
            return Ok(format!("android.permission.{}", screaming_snake(constant)));
        }
    }
    Err(InputError::invalid(
        at.clone(),
        "the permission is not a string literal or an Android.Manifest.Permission constant; \
         permaudit cannot tell which permission this attribute requests",
    ))
}

/// `ReadExternalStorage` → `READ_EXTERNAL_STORAGE`: how the .NET bindings name the Java
/// constants of `android.Manifest.permission`.
pub(crate) fn screaming_snake(pascal: &str) -> String {
    let mut out = String::with_capacity(pascal.len() + 4);
    let mut previous: Option<char> = None;
    for c in pascal.chars() {
        if c.is_ascii_uppercase()
            && previous.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit())
        {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
        previous = Some(c);
    }
    out
}

/// Tokens with their byte offset and whether they are compiled.
fn lex(
    text: &str,
    target: Target,
    loc: &dyn Fn(usize) -> Location,
) -> Result<Vec<(Tok, usize, Active)>, InputError> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut stack: Vec<Level> = Vec::new();
    let mut i = 0;
    let mut line_start = true;
    let active = |stack: &[Level]| stack.last().map_or(Active::Yes, |l| l.current);
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            line_start = true;
            i += 1;
            continue;
        }
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if line_start && b == b'#' {
            let end = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
            let directive = text.get(i + 1..end).unwrap_or_default();
            // A trailing `//` comment is not part of the condition.
            let directive = directive.split("//").next().unwrap_or_default().trim();
            preprocess(directive, target, &mut stack, &|| loc(i))?;
            i = end;
            continue;
        }
        line_start = false;
        let on = active(&stack);
        match b {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = memchr::memmem::find(&bytes[i + 2..], b"*/").map_or(bytes.len(), |n| i + n + 4);
            }
            b'"' | b'@' | b'$' if starts_string(bytes, i) => {
                let (value, end) = string(bytes, i);
                if on != Active::No {
                    tokens.push((Tok::Str(value), i, on));
                }
                i = end;
            }
            b'\'' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'\'' && bytes[i] != b'\n' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                i += 1;
            }
            b if b.is_ascii_alphabetic() || b == b'_' || b >= 0x80 => {
                let start = i;
                while i < bytes.len()
                    && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] >= 0x80)
                {
                    i += 1;
                }
                if on != Active::No {
                    let word = text.get(start..i).unwrap_or_default().to_owned();
                    tokens.push((Tok::Ident(word), start, on));
                }
            }
            b if b.is_ascii_digit() => {
                let start = i;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                if on != Active::No {
                    let number = text.get(start..i).unwrap_or_default().to_owned();
                    tokens.push((Tok::Num(number), start, on));
                }
            }
            _ => {
                if on != Active::No {
                    tokens.push((Tok::Punct(b), i, on));
                }
                i += 1;
            }
        }
    }
    Ok(tokens)
}

fn starts_string(bytes: &[u8], i: usize) -> bool {
    let rest = &bytes[i..];
    rest.starts_with(b"\"")
        || rest.starts_with(b"@\"")
        || rest.starts_with(b"$\"")
        || rest.starts_with(b"$@\"")
        || rest.starts_with(b"@$\"")
}

/// A string literal starting at `i` (regular, verbatim, interpolated or raw): its text and
/// the offset after it. Escapes other than `\"`, `\\` and `""` are kept as written; a
/// permission name has none.
fn string(bytes: &[u8], mut i: usize) -> (String, usize) {
    let mut verbatim = false;
    while i < bytes.len() && bytes[i] != b'"' {
        verbatim |= bytes[i] == b'@';
        i += 1;
    }
    let rest = &bytes[i..];
    let quotes = rest.iter().take_while(|&&b| b == b'"').count();
    if quotes >= 3 {
        // A raw string literal ends at the same number of quotes.
        let fence = &rest[..quotes];
        let body = i + quotes;
        let end = memchr::memmem::find(&bytes[body..], fence).map_or(bytes.len(), |n| body + n);
        let value = String::from_utf8_lossy(&bytes[body..end]).into_owned();
        return (value, (end + quotes).min(bytes.len()));
    }
    i += 1;
    let mut value = Vec::new();
    while i < bytes.len() {
        match bytes[i] {
            b'"' if verbatim && bytes.get(i + 1) == Some(&b'"') => {
                value.push(b'"');
                i += 2;
            }
            b'"' => return (String::from_utf8_lossy(&value).into_owned(), i + 1),
            b'\\' if !verbatim && i + 1 < bytes.len() => {
                value.push(bytes[i + 1]);
                i += 2;
            }
            b'\n' if !verbatim => break,
            other => {
                value.push(other);
                i += 1;
            }
        }
    }
    (String::from_utf8_lossy(&value).into_owned(), i)
}

/// Applies one preprocessor directive (without its `#`) to the `#if` stack.
fn preprocess(
    directive: &str,
    target: Target,
    stack: &mut Vec<Level>,
    at: &dyn Fn() -> Location,
) -> Result<(), InputError> {
    let (word, rest) = directive
        .split_once(|c: char| c.is_whitespace() || c == '(' || c == '!')
        .map_or((directive, ""), |(w, _)| (w, &directive[w.len()..]));
    let outer = stack.last().map_or(Active::Yes, |l| l.current);
    match word {
        "if" => {
            let value = condition(rest, target);
            let current = and(outer, value);
            stack.push(Level {
                outer,
                taken: value,
                current,
            });
        }
        "elif" => {
            let Some(level) = stack.last_mut() else {
                return Err(unbalanced(at));
            };
            let value = and(not(level.taken), condition(rest, target));
            level.current = and(level.outer, value);
            level.taken = or(level.taken, value);
        }
        "else" => {
            let Some(level) = stack.last_mut() else {
                return Err(unbalanced(at));
            };
            level.current = and(level.outer, not(level.taken));
            level.taken = Active::Yes;
        }
        "endif" if stack.pop().is_none() => return Err(unbalanced(at)),
        _ => {}
    }
    Ok(())
}

fn unbalanced(at: &dyn Fn() -> Location) -> InputError {
    InputError::invalid(at(), "#elif, #else or #endif without an #if")
}

fn and(a: Active, b: Active) -> Active {
    match (a, b) {
        (Active::No, _) | (_, Active::No) => Active::No,
        (Active::Yes, Active::Yes) => Active::Yes,
        _ => Active::Unknown,
    }
}

fn or(a: Active, b: Active) -> Active {
    match (a, b) {
        (Active::Yes, _) | (_, Active::Yes) => Active::Yes,
        (Active::No, Active::No) => Active::No,
        _ => Active::Unknown,
    }
}

fn not(a: Active) -> Active {
    match a {
        Active::Yes => Active::No,
        Active::No => Active::Yes,
        Active::Unknown => Active::Unknown,
    }
}

/// Evaluates an `#if` condition (`!`, `&&`, `||`, `==`, `!=`, parentheses, `true`/`false`).
fn condition(text: &str, target: Target) -> Active {
    let tokens: Vec<&str> = tokenize_condition(text);
    let mut pos = 0;
    let value = expr(&tokens, &mut pos, target, 0);
    if pos == tokens.len() {
        value
    } else {
        Active::Unknown
    }
}

fn tokenize_condition(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            i += 1;
        } else if b.is_ascii_alphanumeric() || b == b'_' {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            out.push(&text[start..i]);
        } else {
            let two = text.get(i..i + 2);
            if matches!(two, Some("&&" | "||" | "==" | "!=")) {
                out.push(&text[i..i + 2]);
                i += 2;
            } else {
                out.push(text.get(i..i + 1).unwrap_or("?"));
                i += 1;
            }
        }
    }
    out
}

/// Precedence climbing: `||` < `&&` < `==`/`!=` < unary.
fn expr(tokens: &[&str], pos: &mut usize, target: Target, depth: usize) -> Active {
    if depth > 32 {
        *pos = tokens.len() + 1;
        return Active::Unknown;
    }
    let mut left = conjunction(tokens, pos, target, depth);
    while tokens.get(*pos) == Some(&"||") {
        *pos += 1;
        let right = conjunction(tokens, pos, target, depth);
        left = or(left, right);
    }
    left
}

fn conjunction(tokens: &[&str], pos: &mut usize, target: Target, depth: usize) -> Active {
    let mut left = equality(tokens, pos, target, depth);
    while tokens.get(*pos) == Some(&"&&") {
        *pos += 1;
        let right = equality(tokens, pos, target, depth);
        left = and(left, right);
    }
    left
}

fn equality(tokens: &[&str], pos: &mut usize, target: Target, depth: usize) -> Active {
    let left = unary(tokens, pos, target, depth);
    match tokens.get(*pos) {
        Some(&"==") | Some(&"!=") => {
            let negate = tokens[*pos] == "!=";
            *pos += 1;
            let right = unary(tokens, pos, target, depth);
            let same = match (left, right) {
                (Active::Unknown, _) | (_, Active::Unknown) => Active::Unknown,
                (a, b) if a == b => Active::Yes,
                _ => Active::No,
            };
            if negate { not(same) } else { same }
        }
        _ => left,
    }
}

fn unary(tokens: &[&str], pos: &mut usize, target: Target, depth: usize) -> Active {
    match tokens.get(*pos) {
        Some(&"!") => {
            *pos += 1;
            not(unary(tokens, pos, target, depth + 1))
        }
        Some(&"(") => {
            *pos += 1;
            let value = expr(tokens, pos, target, depth + 1);
            if tokens.get(*pos) == Some(&")") {
                *pos += 1;
            } else {
                *pos = tokens.len() + 1;
            }
            value
        }
        Some(symbol) => {
            *pos += 1;
            defined(symbol, target)
        }
        None => {
            *pos = tokens.len() + 1;
            Active::Unknown
        }
    }
}

/// Whether a Release build for `target` defines `symbol`.
fn defined(symbol: &str, target: Target) -> Active {
    let Target::Android = target;
    match symbol {
        "true" | "RELEASE" | "TRACE" | "ANDROID" | "__ANDROID__" | "__MOBILE__" | "NET"
        | "NETCOREAPP" | "MONOANDROID" => Active::Yes,
        "false" | "DEBUG" | "IOS" | "__IOS__" | "MACCATALYST" | "__MACCATALYST__" | "MACOS"
        | "__MACOS__" | "WINDOWS" | "TIZEN" | "__TIZEN__" | "TVOS" | "WATCHOS" | "NETSTANDARD"
        | "NETFRAMEWORK" | "WINDOWS_UWP" => Active::No,
        s if s.starts_with("ANDROID") && s.ends_with("_OR_GREATER") => Active::Unknown,
        s if s.starts_with("NET") && s.ends_with("_OR_GREATER") => Active::Yes,
        s if s.starts_with("NETSTANDARD") || s.starts_with("NETFRAMEWORK") => Active::No,
        s if s.starts_with("IOS") || s.starts_with("MACCATALYST") || s.starts_with("WINDOWS") => {
            Active::No
        }
        _ => Active::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, u32, Option<String>)> {
        uses_permissions("A.cs", text, Target::Android)
            .unwrap()
            .into_iter()
            .map(|r| (r.permission, r.location.line.unwrap(), r.max_sdk))
            .collect()
    }

    #[test]
    fn forms_comments_and_if_blocks() {
        let text = "\u{feff}using Android;\n\
            [assembly: UsesPermission(Android.Manifest.Permission.Camera)]\n\
            // [assembly: UsesPermission(Manifest.Permission.RecordAudio)]\n\
            /* [assembly: UsesPermission(\"x\")] */\n\
            [assembly: UsesPermission(\"android.permission.POST_NOTIFICATIONS\"), UsesPermission(Name = \"android.permission.VIBRATE\", MaxSdkVersion = 30)]\n\
            #if DEBUG\n\
            [assembly: UsesPermission(Manifest.Permission.ReadLogs)]\n\
            #else\n\
            [assembly: UsesPermission(global::Android.Manifest.Permission.AccessWifiState)]\n\
            #endif\n\
            [assembly: Application(Label = \"UsesPermission\")]\n\
            var s = @\"[assembly: UsesPermission(\"\"y\"\")]\";\n";
        assert_eq!(
            names(text),
            vec![
                ("android.permission.CAMERA".into(), 2, None),
                ("android.permission.POST_NOTIFICATIONS".into(), 5, None),
                ("android.permission.VIBRATE".into(), 5, Some("30".into())),
                ("android.permission.ACCESS_WIFI_STATE".into(), 9, None),
            ]
        );
    }

    #[test]
    fn what_cannot_be_told_is_an_error() {
        for text in [
            "[assembly: UsesPermission(MyPermissions.Camera)]",
            "[assembly: UsesPermission(\"a\" + B)]",
            "[assembly: UsesPermission()]",
            "#if SOME_FLAG\n[assembly: UsesPermission(\"android.permission.CAMERA\")]\n#endif",
            "#endif\n[assembly: UsesPermission(\"x\")]",
        ] {
            let err = uses_permissions("A.cs", text, Target::Android).unwrap_err();
            assert!(err.to_string().starts_with("A.cs:"), "{err}");
        }
    }

    #[test]
    fn constants() {
        assert_eq!(screaming_snake("ReadMediaImages"), "READ_MEDIA_IMAGES");
        assert_eq!(screaming_snake("Nfc"), "NFC");
        assert_eq!(screaming_snake("UseSip"), "USE_SIP");
    }
}
