//! An APK's or App Bundle's requests attributed from the merger report of the build that made
//! it (`manifest-merger-<variant>-report.txt`), as the merged-manifest path attributes them:
//! the report named with `--merger-report`, else the one beside the artifact in its folder.
//!
//! The artifact is what ships, so its requests are never changed by the report; only who added
//! each one is taken from it. A report of another build (it never mentions a permission the
//! artifact requests, it adds one the artifact lacks, or its own permissions carry another
//! application id) is said in an `unresolved-build-value` note, never silently trusted.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::report::{self, Action, Entry};
use crate::input::InputError;
use crate::input::discover::InputFile;
use crate::model::{
    InputKind, InputNote, Location, Message, Origin, OriginKind, ParsedInput, Request,
};

/// The variant a report is of, from its file name: `manifest-merger-chinaRelease-report.txt`
/// and the older `manifest-merger-china-release-report.txt` are both `chinaRelease`.
pub fn variant_of_report(name: &str) -> Option<String> {
    let stem = name
        .strip_prefix("manifest-merger-")?
        .strip_suffix("-report.txt")?;
    let mut parts = stem.split('-').filter(|p| !p.is_empty());
    let mut variant = parts.next()?.to_owned();
    for part in parts {
        variant.push_str(&super::capitalize(part));
    }
    Some(variant)
}

/// Lower-case letters and digits only, to compare an artifact's name with a report's variant.
fn squashed(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The merger reports in each folder an artifact was read from, listed once per run: a folder
/// of many APKs would otherwise be read again for each. Clones share it.
#[derive(Debug, Default, Clone)]
pub struct ReportListings(Arc<Mutex<HashMap<PathBuf, Arc<[String]>>>>);

impl ReportListings {
    /// The report names in `dir`, sorted; none when it cannot be listed.
    fn reports_in(&self, dir: &Path) -> Arc<[String]> {
        if let Some(names) = self.0.lock().ok().and_then(|map| map.get(dir).cloned()) {
            return names;
        }
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .filter_map(|e| {
                // Names are tested before anything is copied or asked of the file system.
                let name = e.file_name();
                let name = name
                    .to_str()
                    .filter(|n| super::is_report_name(n))?
                    .to_owned();
                e.file_type()
                    .is_ok_and(|t| t.is_file() || t.is_symlink())
                    .then_some(name)
            })
            .collect();
        names.sort();
        let names: Arc<[String]> = names.into();
        if let Ok(mut map) = self.0.lock() {
            map.insert(dir.to_path_buf(), Arc::clone(&names));
        }
        names
    }
}

/// What is beside an artifact.
enum Beside {
    /// No merger report.
    None,
    /// The report of this artifact: its path and name.
    One(PathBuf, String),
    /// Several reports, none named for the artifact more closely than the others.
    Ambiguous(Vec<String>),
}

/// The merger report beside `artifact`: the only one in its folder, else the one whose variant
/// the artifact's file name spells (`app-china-release.apk` → `chinaRelease`; the longest
/// such name wins, so `chinaRelease` beats `release`).
fn beside(artifact: &Path, listings: &ReportListings) -> Beside {
    let Some(dir) = artifact.parent() else {
        return Beside::None;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let reports = listings.reports_in(dir);
    match &reports[..] {
        [] => return Beside::None,
        [one] => return Beside::One(dir.join(one), one.clone()),
        _ => {}
    }
    let name = artifact
        .file_stem()
        .and_then(|s| s.to_str())
        .map(squashed)
        .unwrap_or_default();
    let mut named: Vec<(usize, &String)> = reports
        .iter()
        .filter_map(|r| {
            let v = squashed(&variant_of_report(r)?);
            name.contains(&v).then_some((v.len(), r))
        })
        .collect();
    named.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    match named.as_slice() {
        [(len, r), rest @ ..] if rest.first().is_none_or(|(l, _)| l < len) => {
            Beside::One(dir.join(r.as_str()), (*r).clone())
        }
        _ => Beside::Ambiguous(reports.to_vec()),
    }
}

/// Attributes the requests of the artifact read from `file` (its `inputs`) from its merger
/// report: `explicit` (`--merger-report`), else the one beside it. The artifact's inputs get
/// the report's variant as their build, so the variant's policy judges them. Returns the
/// canonical path of the report used, if any; an unreadable or malformed report is an error.
pub fn attach(
    file: &InputFile,
    inputs: &mut [ParsedInput],
    explicit: Option<&Path>,
    limits: &crate::input::Limits,
) -> Result<Option<PathBuf>, InputError> {
    let real = &limits.real;
    let (path, display) = match explicit {
        Some(path) => (path.to_path_buf(), crate::display::root(path)),
        None => match beside(&file.path, &limits.report_listings) {
            Beside::None => return Ok(None),
            Beside::One(path, name) => {
                // A report beside an artifact from a pull request stays inside the repository.
                let boundary =
                    crate::confine::boundary(path.parent().unwrap_or(Path::new(".")), real);
                let display = crate::display::sibling(&file.display, &name);
                if let Some(real) = crate::confine::outside(&boundary, &path, real) {
                    return Err(InputError::invalid(
                        Location::file(&display),
                        format!(
                            "resolves to {}, outside the repository ({}); a merger report \
                             beside an artifact must be inside it, so it was not read",
                            real.display(),
                            boundary.display()
                        ),
                    ));
                }
                (path, display)
            }
            Beside::Ambiguous(names) => {
                let note = super::note(
                    &Location::file(&file.display),
                    Message::new("msg.unresolved-build-value.reports-ambiguous")
                        .text("artifact", &file.display)
                        .part("reports", Message::list(&names)),
                );
                if let Some(first) = inputs.first_mut() {
                    first.notes.push(note);
                }
                return Ok(None);
            }
        },
    };
    let bytes = super::read_file(&limits.sources, &path, &display, report::MAX_BYTES)?;
    let entries = report::parse(&display, &bytes)?;
    let variant = path
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(variant_of_report);
    for input in inputs.iter_mut() {
        if variant.is_some() {
            input.build.clone_from(&variant);
        }
        // An App Bundle's feature modules have merger reports of their own: the app's report
        // describes its base module.
        let described = match input.kind {
            InputKind::Apk => true,
            InputKind::Aab => input.path.ends_with("!/base/manifest/AndroidManifest.xml"),
            _ => false,
        };
        if described {
            let notes = attribute(input, &display, &entries);
            input.notes.extend(notes);
        }
    }
    Ok(Some(real.of(&path)))
}

/// Is `e` an entry of the element a request of this kind is written as?
fn same_element(e: &Entry, sdk23_only: bool) -> bool {
    if sdk23_only {
        matches!(
            e.element.as_str(),
            "uses-permission-sdk-23" | "uses-permission-sdk-m"
        )
    } else {
        e.element == "uses-permission"
    }
}

/// A permission's name split into the application id it is named under and the rest, when
/// it is an app's own (not the platform's): the rest must match for two names to be one
/// permission of two application ids.
fn own_shape<'a>(artifact: &'a str, report: &'a str) -> Option<(&'a str, &'a str)> {
    if artifact.starts_with("android.") || report.starts_with("android.") {
        return None;
    }
    let a: Vec<&str> = artifact.split('.').collect();
    let r: Vec<&str> = report.split('.').collect();
    let common = a
        .iter()
        .rev()
        .zip(r.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    if common == 0 || common >= a.len() || common >= r.len() {
        return None;
    }
    let prefix = |name: &'a str, parts: &[&str]| {
        let keep: usize = parts[..parts.len() - common]
            .iter()
            .map(|p| p.len() + 1)
            .sum();
        &name[..keep - 1]
    };
    Some((prefix(artifact, &a), prefix(report, &r)))
}

/// Attributes `input`'s requests from the report's entries and returns what does not match.
fn attribute(input: &mut ParsedInput, report_display: &str, entries: &[Entry]) -> Vec<InputNote> {
    let requests: Vec<(String, bool)> = input
        .requests
        .iter()
        .map(|r| (r.permission.clone(), r.sdk23_only))
        .collect();
    let mut unmentioned: Vec<&str> = requests
        .iter()
        .filter(|(p, sdk23)| {
            !entries
                .iter()
                .any(|e| e.key == *p && same_element(e, *sdk23))
        })
        .map(|(p, _)| p.as_str())
        .collect();
    unmentioned.sort_unstable();
    unmentioned.dedup();
    let mut absent: Vec<&Entry> = entries
        .iter()
        .filter(|e| e.element != "permission" && e.added().is_some())
        .filter(|e| {
            let sdk23 = e.element != "uses-permission";
            !requests.iter().any(|(p, s)| *p == e.key && *s == sdk23)
        })
        .collect();
    absent.sort_by(|a, b| a.key.cmp(&b.key));
    absent.dedup_by(|a, b| a.key == b.key);

    let mut notes = Vec::new();
    // Only the permissions the artifact declares itself are named under its application id.
    let own: Vec<&str> = input
        .requests
        .iter()
        .filter(|r| r.own)
        .map(|r| r.permission.as_str())
        .collect();
    let other_id = unmentioned
        .iter()
        .filter(|a| own.contains(*a))
        .find_map(|a| {
            absent
                .iter()
                .find_map(|b| own_shape(a, &b.key).map(|ids| (*a, *b, ids)))
        });
    if let Some((ours, theirs, (our_id, their_id))) = other_id {
        notes.push(super::note(
            &Location::at(report_display, theirs.report_line, 1),
            Message::new("msg.unresolved-build-value.report-other-id")
                .permission("ours", ours)
                .text("artifact", &input.path)
                .permission("theirs", &theirs.key)
                .text("their_id", their_id)
                .text("our_id", our_id),
        ));
        return notes;
    }
    if !unmentioned.is_empty() {
        notes.push(super::note(
            &Location::file(report_display),
            Message::new(if unmentioned.len() == 1 {
                "msg.unresolved-build-value.report-unmentioned.one"
            } else {
                "msg.unresolved-build-value.report-unmentioned.other"
            })
            .part("permissions", Message::list(&unmentioned))
            .text("artifact", &input.path),
        ));
    }
    if let Some(first) = absent.first() {
        let keys: Vec<&str> = absent.iter().map(|e| e.key.as_str()).collect();
        notes.push(super::note(
            &Location::at(report_display, first.report_line, 1),
            Message::new("msg.unresolved-build-value.report-absent")
                .part("permissions", Message::list(&keys))
                .text("artifact", &input.path),
        ));
    }
    for r in &mut input.requests {
        let Some(added) = entries
            .iter()
            .find(|e| e.key == r.permission && same_element(e, r.sdk23_only))
            .and_then(Entry::added)
        else {
            continue;
        };
        let origin = |kind: OriginKind, via: Message, r: &Request| Origin {
            kind,
            via,
            source: None,
            location: Some(r.location.clone()),
        };
        let found = match (&added.library, added.action) {
            (_, Action::Implied) => Some(origin(
                OriginKind::Implied,
                added
                    .reason
                    .as_ref()
                    .map_or_else(|| Message::new("origin.merger"), Message::name),
                &*r,
            )),
            (Some(lib), _) => Some(origin(OriginKind::Library, Message::name(lib), &*r)),
            // The app's own manifest wrote it: the artifact's line is where it is.
            (None, _) => None,
        };
        if let Some(o) = found {
            r.origin = Some(o);
            r.location = Location::at(report_display, added.report_line, 1);
        }
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn variants_from_report_names() {
        assert_eq!(
            variant_of_report("manifest-merger-chinaRelease-report.txt").as_deref(),
            Some("chinaRelease")
        );
        assert_eq!(
            variant_of_report("manifest-merger-china-release-report.txt").as_deref(),
            Some("chinaRelease")
        );
        assert_eq!(
            variant_of_report("manifest-merger-release-report.txt").as_deref(),
            Some("release")
        );
        assert_eq!(variant_of_report("report.txt"), None);
    }

    #[test]
    fn own_permissions_of_two_application_ids() {
        assert_eq!(
            own_shape(
                "com.example.m5.permission.PUSH_MESSAGE",
                "com.other.permission.PUSH_MESSAGE"
            ),
            Some(("com.example.m5", "com.other"))
        );
        assert_eq!(
            own_shape(
                "com.example.DYNAMIC_RECEIVER_NOT_EXPORTED_PERMISSION",
                "com.example.cn.DYNAMIC_RECEIVER_NOT_EXPORTED_PERMISSION"
            ),
            Some(("com.example", "com.example.cn"))
        );
        assert_eq!(own_shape("android.permission.CAMERA", "x.CAMERA"), None);
        assert_eq!(own_shape("com.a.X", "com.a.Y"), None);
        assert_eq!(own_shape("com.a.X", "com.a.X"), None);
    }

    fn input(permissions: &[&str]) -> ParsedInput {
        let requests = permissions
            .iter()
            .enumerate()
            .map(|(i, p)| {
                Request::at(
                    *p,
                    Location::at("app.apk!/AndroidManifest.xml", i as u32 + 2, 0),
                )
            })
            .collect();
        ParsedInput::new("app.apk!/AndroidManifest.xml", InputKind::Apk, requests)
    }

    const REPORT: &str = "-- Merging decision tree log ---\n\
uses-permission#android.permission.INTERNET\n\
ADDED from /w/app/src/main/AndroidManifest.xml:5:5-67\n\
uses-permission#android.permission.READ_PHONE_STATE\n\
ADDED from [com.umeng.umsdk:common:9.6.3] /h/.gradle/AndroidManifest.xml:9:5-75\n\
uses-permission#android.permission.SEND_SMS\n\
ADDED from [cn.rongcloud.sdk:im_lib:5.4.5] /h/.gradle/x/AndroidManifest.xml:7:5-69\n\
REMOVED from /w/app/src/main/AndroidManifest.xml:62:5-64:38\n";

    #[test]
    fn a_matching_report_attributes_library_requests() {
        let entries = report::parse("r.txt", REPORT.as_bytes()).unwrap();
        let mut apk = input(&[
            "android.permission.INTERNET",
            "android.permission.READ_PHONE_STATE",
        ]);
        let notes = attribute(&mut apk, "r.txt", &entries);
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(apk.requests[0].origin, None);
        assert_eq!(
            apk.requests[0].location.path,
            "app.apk!/AndroidManifest.xml"
        );
        let umeng = &apk.requests[1];
        let origin = umeng.origin.as_ref().unwrap();
        assert_eq!(
            (origin.kind, Lang::En.plain(&origin.via).as_str()),
            (OriginKind::Library, "com.umeng.umsdk:common:9.6.3")
        );
        assert_eq!(umeng.location.to_string(), "r.txt:5:1");
        assert_eq!(
            origin.location.as_ref().map(ToString::to_string).as_deref(),
            Some("app.apk!/AndroidManifest.xml:3:0")
        );
    }

    #[test]
    fn a_report_of_another_build_is_said() {
        let entries = report::parse("r.txt", REPORT.as_bytes()).unwrap();
        let mut apk = input(&["android.permission.INTERNET", "android.permission.CAMERA"]);
        let notes = attribute(&mut apk, "r.txt", &entries);
        let said: Vec<String> = notes
            .iter()
            .map(|n| format!("{} {}", n.location, Lang::En.plain(&n.message)))
            .collect();
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(
            said[0]
                .starts_with("r.txt this merger report never mentions android.permission.CAMERA,"),
            "{said:?}"
        );
        assert!(
            said[1].starts_with(
                "r.txt:4:1 this merger report adds android.permission.READ_PHONE_STATE, which"
            ),
            "{said:?}"
        );
    }

    #[test]
    fn a_report_of_another_application_id_attributes_nothing() {
        let text = format!(
            "{REPORT}uses-permission#com.example.cn.permission.PUSH\nADDED from /w/AndroidManifest.xml:3:5\n"
        );
        let entries = report::parse("r.txt", text.as_bytes()).unwrap();
        let mut apk = input(&[
            "android.permission.INTERNET",
            "android.permission.READ_PHONE_STATE",
            "com.example.permission.PUSH",
        ]);
        apk.requests[2].own = true;
        let notes = attribute(&mut apk, "r.txt", &entries);
        assert_eq!(notes.len(), 1, "{notes:?}");
        let said = Lang::En.plain(&notes[0].message);
        assert!(
            said.contains("application id com.example.cn, not com.example"),
            "{said}"
        );
        assert!(apk.requests.iter().all(|r| r.origin.is_none()));
    }
}
