//! One row of a permission table: its name cell's identifiers and label resolved to permission
//! ids, each doubt recorded at the place it is about.

use super::build::OutRow;
use super::diagnostics::{Diagnostic, DiagnosticKind};
use super::find::{Role, label_without};
use super::importer::{Importer, leading_ws};
use super::resolve::{self, Ident, LabelMatch, Perm, Resolved, Side, Token};
use super::text::{RawRow, Shape};
use crate::catalog::catalog;
use crate::model::{Location, Platform};

/// How many "did you mean" suggestions one import computes (each is an edit-distance search
/// over the catalog); later unknown names are reported without one.
const MAX_SUGGESTIONS: usize = 64;

/// Whether a name cell says the row has no permission (`无`, `不涉及`, `N/A`, `None`).
fn says_none(label: &str) -> bool {
    let key: String = label
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '。' | '.' | '/' | '／'))
        .flat_map(char::to_lowercase)
        .collect();
    matches!(
        key.as_str(),
        "无" | "暂无"
            | "不涉及"
            | "无权限"
            | "不申请"
            | "na"
            | "none"
            | "nopermission"
            | "nopermissions"
    )
}

/// Whether a name ends in a bracketed remark that denies it (`Contacts (not used)`, `通讯录（不使用）`).
fn remark_denies(label: &str) -> bool {
    let label = label.trim_end();
    let Some(body) = label.strip_suffix([')', '）']) else {
        return false;
    };
    body.rfind(['(', '（'])
        .is_some_and(|open| open > 0 && super::prose::negates(&body[open..]))
}

/// Whether a full `android.permission.` name is a piece of a longer one Android defines
/// (`android.permission.ACCESS_`, `android.permission.READ_PHONE_STAT`): a name cut short by a
/// line, a cell or an excerpt.
fn cut_short(name: &str) -> bool {
    let table = catalog().android();
    name.ends_with('_')
        || table
            .get(table.partition_point(|p| p.name <= name))
            .is_some_and(|p| p.name.starts_with(name))
}

impl Importer<'_> {
    /// A name disclosed as the document writes it (a full name, or a key), where it stands.
    fn as_written(&self, token: &Token, at: usize) -> (Perm, Location) {
        (
            Perm {
                written: token.text.clone(),
                canonical: token.text.clone(),
            },
            self.located(at, &token.text),
        )
    }

    /// Imports one row; returns whether it produced anything (a row or a doubt).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn row(
        &mut self,
        shape: Shape,
        row: &RawRow,
        tokens: Vec<Token>,
        roles: &[Role],
        name_col: usize,
        platform: Platform,
        side: Side,
        table_heading: Option<String>,
    ) -> bool {
        let cell = |role: Role| {
            roles
                .iter()
                .position(|&r| r == role)
                .and_then(|i| row.cells.get(i))
                .map(|c| c.text.clone())
                .filter(|t| !t.is_empty())
        };
        let Some(name_cell) = row.cells.get(name_col).filter(|c| !c.text.is_empty()) else {
            if row.cells.iter().all(|c| c.text.is_empty()) {
                return false;
            }
            self.stats.rows += 1;
            self.stats.unresolved_rows += 1;
            let message = "the row has no permission name (its first column is empty)".to_owned();
            self.doubt(DiagnosticKind::Unresolved, row.start, message.clone());
            self.rows.push(OutRow {
                platform,
                line: self.position(row.start).0,
                name: None,
                description: None,
                purpose: None,
                perms: Vec::new(),
                by_label: None,
                doubts: vec![message],
                table_heading,
            });
            return true;
        };
        if shape == Shape::List && tokens.is_empty() && row.cells.len() < 2 {
            self.note(
                row.start,
                "list item is not \"label (IDENTIFIER): purpose\"; left out".into(),
            );
            return false;
        }
        if shape == Shape::List
            && let Some(first) = tokens.first()
            && super::prose::says_not_requested(
                &name_cell.text[..name_cell.text.find(&first.text).unwrap_or(0)],
            )
        {
            // `- We don't request WRITE_EXTERNAL_STORAGE or MANAGE_EXTERNAL_STORAGE.`: a list
            // of notes under the permissions, naming what the app leaves out.
            for token in &tokens {
                let at = self.token_offset(name_cell, &token.text);
                self.note(
                    at,
                    format!(
                        "`{}` is named in a list item that says it is not requested; left out",
                        token.text
                    ),
                );
            }
            return false;
        }
        let label = label_without(&name_cell.text, &tokens);
        if tokens.is_empty() && says_none(&label) {
            // `无`: an SDK that asks for no permission; the row discloses nothing.
            self.note(
                row.start,
                format!("the row says \"{label}\": no permission; left out"),
            );
            return false;
        }
        if tokens.is_empty() && remark_denies(&label) {
            // `Contacts (not used)`: a name the document lists only to say the app lacks it.
            self.note(
                row.start,
                format!("the row \"{label}\" says the permission is not used; left out"),
            );
            return false;
        }
        if tokens.is_empty() && !label.chars().any(char::is_alphanumeric) {
            // `……`: a template's placeholder row, never filled in.
            self.note(
                row.start,
                format!("the row \"{label}\" names nothing (a placeholder); left out"),
            );
            return false;
        }
        self.stats.rows += 1;
        let name_at = name_cell.raw.start + leading_ws(self.doc, &name_cell.raw);
        let mut perms: Vec<(Perm, Location)> = Vec::new();
        let mut doubts: Vec<(DiagnosticKind, usize, String)> = Vec::new();
        let mut notes: Vec<(DiagnosticKind, usize, String)> = Vec::new();
        let mut by_label = None;
        let mut left_out_ids = 0;
        for token in &tokens {
            let at = self.token_offset(name_cell, &token.text);
            match (platform, &token.kind) {
                (_, Ident::Typo(meant)) => doubts.push((
                    DiagnosticKind::Unresolved,
                    at,
                    format!(
                        "`{}` is not a permission name (did you mean `{meant}`?); write it as \
                         one word",
                        token.text
                    ),
                )),
                (_, Ident::Harmony) => {
                    left_out_ids += 1;
                    notes.push((
                        DiagnosticKind::Note,
                        at,
                        format!("`{}` is a HarmonyOS permission; left out", token.text),
                    ));
                }
                // `android.permission.ACCESS_` (a name cut short) or a typo of a platform
                // name: the `android.permission.` prefix is the platform's own, so a name under
                // it that is a piece or a misspelling of one Android defines is no disclosure,
                // whatever it was meant to be. A whole name Android never defined
                // (`android.permission.READ_APP_BADGE`, which badge libraries put in apps'
                // manifests) is what the app requests, word for word: it is kept, as the
                // manifest side keeps the request, so that the two meet.
                (Platform::Android, Ident::AndroidFull)
                    if token.text.starts_with(resolve::PLATFORM_PREFIX)
                        && catalog().android_permission(&token.text).is_none() =>
                {
                    let suggest = self.suggestions < MAX_SUGGESTIONS;
                    self.suggestions += usize::from(suggest);
                    let short = &token.text[resolve::PLATFORM_PREFIX.len()..];
                    let nearest = match resolve::resolve_short(short, suggest) {
                        Resolved::Unknown { nearest } => nearest,
                        _ => None,
                    };
                    if suggest && nearest.is_none() && !cut_short(&token.text) {
                        notes.push((
                            DiagnosticKind::Note,
                            at,
                            format!(
                                "`{}` is not a permission any Android version defines; kept as \
                                 written, since an app can request it by that name",
                                token.text
                            ),
                        ));
                        perms.push(self.as_written(token, at));
                        continue;
                    }
                    doubts.push((
                        DiagnosticKind::Unresolved,
                        at,
                        format!(
                            "`{}` is not a permission Android defines{}",
                            token.text,
                            nearest.map_or(String::new(), |n| format!(" (did you mean `{n}`?)"))
                        ),
                    ));
                }
                (Platform::Android, Ident::AndroidFull) => perms.push(self.as_written(token, at)),
                (Platform::Android, Ident::AndroidShort) => {
                    let suggest = self.suggestions < MAX_SUGGESTIONS;
                    match resolve::resolve_short(&token.text, suggest) {
                        Resolved::Ids(found) => {
                            let location = self.located(at, &token.text);
                            perms.extend(found.into_iter().map(|p| (p, location.clone())));
                        }
                        Resolved::Ambiguous(candidates) => doubts.push((
                            DiagnosticKind::Ambiguous,
                            at,
                            format!(
                                "short name `{}` names several permissions ({}); write the full name",
                                token.text,
                                candidates.join(", ")
                            ),
                        )),
                        Resolved::Unknown { nearest } => {
                            self.suggestions += 1;
                            doubts.push((
                                DiagnosticKind::Unresolved,
                                at,
                                format!(
                                    "`{}` is not a permission permaudit knows{}",
                                    token.text,
                                    nearest.map_or(String::new(), |n| format!(
                                        " (did you mean `{n}`?)"
                                    ))
                                ),
                            ));
                        }
                    }
                }
                (Platform::Ios | Platform::Macos, Ident::IosKey) => {
                    if catalog().ios_key(&token.text).is_none() {
                        notes.push((
                            DiagnosticKind::Note,
                            at,
                            format!(
                                "`{}` is not a purpose-string key Apple documents (unknown to \
                                 the catalog); kept as written",
                                token.text
                            ),
                        ));
                    }
                    perms.push(self.as_written(token, at));
                }
                (Platform::Ios | Platform::Macos, Ident::PlistOther) => {
                    left_out_ids += 1;
                    notes.push((
                        DiagnosticKind::Note,
                        at,
                        format!(
                            "`{}` is an Info.plist key but not a privacy purpose string; \
                             permaudit does not audit it, so it is left out",
                            token.text
                        ),
                    ));
                }
                (Platform::Android, Ident::IosKey | Ident::PlistOther) => doubts.push((
                    DiagnosticKind::Unresolved,
                    at,
                    format!("`{}` is an Info.plist key in an Android table", token.text),
                )),
                (Platform::Ios | Platform::Macos, Ident::AndroidShort) => {
                    // A bare word such as `NFC` or `CAMERA` in an Apple row is the feature's
                    // name there, as written in iOS policies, not a stray Android name.
                    match resolve::resolve_label(side, &token.text) {
                        LabelMatch::Ids { perms: found, .. } => {
                            let location = self.located(at, &token.text);
                            let ids: Vec<&str> =
                                found.iter().map(|p| p.canonical.as_str()).collect();
                            notes.push((
                                DiagnosticKind::Review,
                                at,
                                format!(
                                    "`{}` in an {} row is read as the name of {}, not as the \
                                     Android permission; confirm it",
                                    token.text,
                                    platform.display_name(),
                                    ids.join(", ")
                                ),
                            ));
                            self.stats.by_label += found.len();
                            perms.extend(found.into_iter().map(|p| (p, location.clone())));
                        }
                        _ => doubts.push((
                            DiagnosticKind::Unresolved,
                            at,
                            format!("`{}` is an Android permission in an iOS table", token.text),
                        )),
                    }
                }
                (Platform::Ios | Platform::Macos, Ident::AndroidFull) => doubts.push((
                    DiagnosticKind::Unresolved,
                    at,
                    format!("`{}` is an Android permission in an iOS table", token.text),
                )),
            }
        }
        let matched = tokens
            .is_empty()
            .then(|| resolve::resolve_row_label(side, &label));
        // `相册` / `Photo library` / `位置信息` in an iOS row: what iOS asks for, and the row's
        // own words, say which key.
        let by_use = match &matched {
            Some(LabelMatch::Vague(candidates) | LabelMatch::Ambiguous(candidates))
                if side == Side::Ios =>
            {
                photo_access(candidates, row, name_col)
                    .or_else(|| location_keys(candidates, row, name_col))
            }
            _ => None,
        };
        if let Some((keys, why)) = by_use {
            let location = self.located_label(name_cell, name_at, &label);
            notes.push((
                DiagnosticKind::Review,
                name_at,
                format!(
                    "\"{label}\" is read as {} {why}; confirm it",
                    keys.join(", ")
                ),
            ));
            by_label = Some(label.clone());
            self.stats.by_label += keys.len();
            perms.extend(
                keys.into_iter()
                    .map(|key| (resolve::perm(side, key), location.clone())),
            );
        } else if let Some(matched) = matched {
            let name = platform.display_name();
            match matched {
                LabelMatch::Ids {
                    perms: found,
                    group,
                } => {
                    let location = self.located_label(name_cell, name_at, &label);
                    let ids: Vec<&str> = found.iter().map(|p| p.canonical.as_str()).collect();
                    let message = if group {
                        format!(
                            "\"{label}\" names a group of permissions, matched by name to {}; \
                             confirm each one is meant",
                            ids.join(", ")
                        )
                    } else {
                        format!(
                            "\"{label}\" matched by name, not by an identifier, to {}; confirm it",
                            ids.join(", ")
                        )
                    };
                    notes.push((DiagnosticKind::Review, name_at, message));
                    by_label = Some(label.clone());
                    self.stats.by_label += found.len();
                    perms.extend(found.into_iter().map(|p| (p, location.clone())));
                }
                LabelMatch::Ambiguous(candidates) => doubts.push((
                    DiagnosticKind::Ambiguous,
                    name_at,
                    format!(
                        "\"{label}\" has no identifier and names several {name} permissions ({}); \
                         write the identifiers in the document",
                        candidates.join(", ")
                    ),
                )),
                LabelMatch::Vague(candidates) => doubts.push((
                    DiagnosticKind::Unresolved,
                    name_at,
                    format!(
                        "\"{label}\" has no identifier and is too vague to name one {name} \
                         permission (it may mean {}); write the identifier in the document",
                        candidates.join(", ")
                    ),
                )),
                LabelMatch::NoPermission { other_platform } => {
                    self.stats.rows -= 1;
                    let why = if other_platform {
                        format!("names permissions of another platform, none of {name}")
                    } else {
                        format!("names no {name} permission (nothing the system guards)")
                    };
                    self.note(name_at, format!("\"{label}\" {why}; left out"));
                    return false;
                }
                LabelMatch::Unknown => doubts.push((
                    DiagnosticKind::Unresolved,
                    name_at,
                    format!(
                        "\"{label}\" has no identifier and is not a name of any {name} permission \
                         permaudit knows; write the identifier in the document",
                    ),
                )),
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        perms.retain(|(p, _)| seen.insert(p.canonical.clone()));
        if perms.is_empty() && doubts.is_empty() && left_out_ids > 0 {
            // Every identifier was something permaudit does not audit; the notes say which.
            self.stats.rows -= 1;
            for (_, at, message) in notes {
                self.note(at, message);
            }
            return false;
        }
        for (kind, at, message) in notes {
            self.diagnostics.push(Diagnostic {
                kind,
                location: self.location(at),
                message,
            });
        }
        if !doubts.is_empty() {
            self.stats.unresolved_rows += 1;
        }
        for (kind, at, message) in &doubts {
            self.doubt(*kind, *at, message.clone());
        }
        self.stats.resolved_ids += perms.len();
        self.rows.push(OutRow {
            platform,
            line: self.position(name_at).0,
            // A heading's words besides its identifiers are only "and" and commas.
            name: cell(Role::Subject)
                .or_else(|| (!label.is_empty() && shape != Shape::Headings).then_some(label)),
            description: cell(Role::Description),
            purpose: cell(Role::Purpose).or_else(|| {
                (!roles.contains(&Role::Purpose))
                    .then(|| cell(Role::Notes))
                    .flatten()
            }),
            perms,
            by_label,
            doubts: doubts.into_iter().map(|(_, _, m)| m).collect(),
            table_heading,
        });
        true
    }
}

const PHOTO_LIBRARY: &str = "NSPhotoLibraryUsageDescription";
const PHOTO_LIBRARY_ADD: &str = "NSPhotoLibraryAddUsageDescription";
/// Longest text of a row read for what it does with photos, in characters.
const MAX_PHOTO_ROW_CHARS: usize = 300;

/// Which photo-library key an iOS row whose label is only "photos" (`相册`, `Photos`) asks for,
/// by what the row says the app does: iOS asks for add-only access
/// (`NSPhotoLibraryAddUsageDescription`) to save into the library and for read and write
/// access (`NSPhotoLibraryUsageDescription`) to read from it. The key and the words that said
/// so; `None` when the row says neither, or the label may mean more than the two keys.
fn photo_access(
    candidates: &[String],
    row: &RawRow,
    name_col: usize,
) -> Option<(Vec<&'static str>, String)> {
    if !only_of(candidates, &[PHOTO_LIBRARY, PHOTO_LIBRARY_ADD]) {
        return None;
    }
    let text = row_text(row, name_col);
    // Only a row's own short cells: prose weighs and negates ("add-only access; the app does
    // not browse your library"), which words picked out of it would misread.
    if text.chars().count() > MAX_PHOTO_ROW_CHARS || negates(&text) {
        return None;
    }
    let found = |words: &[&'static str]| -> Vec<&'static str> {
        words.iter().copied().filter(|w| text.contains(w)).collect()
    };
    let reads = found(&[
        "读取", "读写", "选择", "选取", "上传", "浏览", "查看", "访问", "read", "select", "choose",
        "pick", "upload", "browse", "access",
    ]);
    // `读写` (read and write) is full access, the read key's; adding alone is the add key's.
    let saves = found(&[
        "保存",
        "存入",
        "存到",
        "写入",
        "下载到",
        "save",
        "saving",
        "add to",
    ]);
    // Read and write access covers adding: a row that reads photos (and saves some too) asks
    // for the read key; one that only saves, for the add key.
    let (keys, said) = match (reads.is_empty(), saves.is_empty()) {
        (false, _) => (vec![PHOTO_LIBRARY], reads),
        (true, false) => (vec![PHOTO_LIBRARY_ADD], saves),
        (true, true) => return None,
    };
    let words = said
        .into_iter()
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(", ");
    Some((
        keys,
        format!("from what the row says the app does with photos ({words})"),
    ))
}

const LOCATION_WHEN_IN_USE: &str = "NSLocationWhenInUseUsageDescription";
const LOCATION_ALWAYS: &str = "NSLocationAlwaysAndWhenInUseUsageDescription";

/// The location keys of an iOS row whose label is only "location" (`位置信息`, `Location`):
/// iOS asks every app that uses location for `NSLocationWhenInUseUsageDescription`, and an app
/// that asks for it always (in the background) for `NSLocationAlwaysAndWhenInUseUsageDescription`
/// too. The background key only when the row says so and negates nothing; `None` when the
/// label may mean more than location keys.
fn location_keys(
    candidates: &[String],
    row: &RawRow,
    name_col: usize,
) -> Option<(Vec<&'static str>, String)> {
    let when_in_use = candidates.iter().any(|c| c == LOCATION_WHEN_IN_USE);
    if !when_in_use || !only_of(candidates, &[LOCATION_WHEN_IN_USE, LOCATION_ALWAYS]) {
        return None;
    }
    let text = row_text(row, name_col);
    let background = ["后台", "始终", "always", "background", "all the time"]
        .iter()
        .find(|w| text.contains(*w));
    match background {
        Some(word) if !negates(&text) => Some((
            vec![LOCATION_WHEN_IN_USE, LOCATION_ALWAYS],
            format!(
                "(iOS asks every app that uses location for the first, and one that uses it in \
                 the background, as the row says (\"{word}\"), for the second too)"
            ),
        )),
        _ => Some((
            vec![LOCATION_WHEN_IN_USE],
            "(iOS asks every app that uses location for it; the row does not say it uses \
             location in the background)"
                .to_owned(),
        )),
    }
}

/// Whether a vague label's candidates are some of `keys` and nothing else.
fn only_of(candidates: &[String], keys: &[&str]) -> bool {
    !candidates.is_empty() && candidates.iter().all(|c| keys.contains(&c.as_str()))
}

/// A row's cells as one lowercase text, the name first.
fn row_text(row: &RawRow, name_col: usize) -> String {
    let mut text = row
        .cells
        .get(name_col)
        .map(|c| c.text.clone())
        .unwrap_or_default();
    for (i, c) in row.cells.iter().enumerate() {
        if i != name_col {
            text.push(' ');
            text.push_str(&c.text);
        }
    }
    text.to_lowercase()
}

/// Whether a row's text weighs or negates what it says (`not`, `only`, `不会`, `仅`).
fn negates(text: &str) -> bool {
    [
        "not ",
        "n't ",
        "never",
        "only",
        "不会",
        "不需要",
        "无需",
        "并不",
        "仅",
        "不在",
    ]
    .iter()
    .any(|w| text.contains(w))
}
