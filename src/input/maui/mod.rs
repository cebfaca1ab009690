//! .NET MAUI and Xamarin apps: the `.csproj` decides which platforms ship
//! (`<TargetFrameworks>`), the Android manifest the build generates is
//! `Platforms/Android/AndroidManifest.xml` (Xamarin: `Properties/AndroidManifest.xml`) merged
//! with the `[assembly: UsesPermission]` attributes of the project's C# files ([`csharp`]),
//! and `Platforms/iOS/Info.plist` and `Platforms/MacCatalyst/Info.plist` are the iOS and
//! Mac Catalyst Info.plists.
//!
//! Not read: what NuGet packages add through their own attributes or the manifests of their
//! Android libraries; a package reference that may add some is an `unread-source` note.

pub mod csharp;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use quick_xml::events::Event;

use super::discover::InputFile;
use super::projects::{self, ProjectOptions, Read};
use super::{InputError, Limits};
use crate::model::{ApplePlatform, InputKind, InputNote, Location, Message, NoteRule, ParsedInput};

/// Largest `.csproj` or C# file read.
const MAX_BYTES: u64 = 4 * 1024 * 1024;

/// Most C# files scanned in one project: beyond this it is not an app project folder.
const MAX_SOURCES: usize = 20_000;

/// One platform a project builds for.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Framework {
    /// As written: `net8.0-android`.
    name: String,
    platform: Shipped,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shipped {
    Android,
    Ios,
    MacCatalyst,
}

/// Reads the .NET app projects among `files`.
pub fn read_projects(files: Vec<InputFile>, options: &ProjectOptions) -> Read {
    let (csprojs, rest): (Vec<_>, Vec<_>) = files.into_iter().partition(|f| {
        Path::new(projects::file_name(f))
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csproj"))
    });
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let mut claimed = BTreeSet::new();
    for csproj in chosen(&csprojs) {
        match read_project(csproj, &mut claimed, &options.limits) {
            Ok(read) => inputs.extend(read),
            Err(e) => errors.push(e),
        }
    }
    (
        inputs,
        errors,
        projects::unclaimed(rest, &claimed, &options.limits.real),
    )
}

/// The project files to read: of several in one folder, the one named after the folder (the
/// others are copies such as `App - Backup.csproj` that no solution builds).
fn chosen(csprojs: &[InputFile]) -> Vec<&InputFile> {
    let mut out = Vec::new();
    for file in csprojs {
        let dir = file.path.parent();
        let siblings: Vec<&InputFile> = csprojs.iter().filter(|f| f.path.parent() == dir).collect();
        let named = |f: &InputFile| {
            let stem = f.path.file_stem().and_then(|s| s.to_str());
            let folder = f
                .path
                .parent()
                .and_then(|d| std::fs::canonicalize(d).ok())
                .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()));
            stem.is_some() && stem.map(str::to_owned) == folder
        };
        if siblings.len() == 1 || named(file) || !siblings.iter().any(|f| named(f)) {
            out.push(file);
        }
    }
    out
}

fn read_project(
    csproj: &InputFile,
    claimed: &mut BTreeSet<PathBuf>,
    limits: &Limits,
) -> Result<Vec<ParsedInput>, InputError> {
    let text = projects::read_text(&csproj.path, &csproj.display, MAX_BYTES, limits)?;
    let (Some(frameworks), packages) = scan(&csproj.display, &text)? else {
        return Ok(Vec::new());
    };
    let dir = csproj.path.parent().unwrap_or(Path::new("."));
    let shown_dir = csproj.display.rsplit_once('/').map_or("", |(d, _)| d);
    let shown = |relative: &str| crate::display::join(shown_dir, relative);
    let android_manifest = [
        "Platforms/Android/AndroidManifest.xml",
        "Properties/AndroidManifest.xml",
    ]
    .into_iter()
    .find(|r| dir.join(r).is_file());
    let plists = [
        ("Platforms/iOS/Info.plist", Shipped::Ios),
        ("Platforms/MacCatalyst/Info.plist", Shipped::MacCatalyst),
    ];
    // The platform folders belong to the project whether or not it ships them: a folder not
    // in TargetFrameworks is not built.
    for relative in android_manifest
        .iter()
        .copied()
        .chain(plists.iter().map(|(r, _)| *r))
    {
        if dir.join(relative).is_file() {
            claimed.insert(limits.real.of(&dir.join(relative)));
        }
    }
    let mut inputs = Vec::new();
    for framework in &frameworks {
        let build = Some(format!("{} (Release)", framework.name));
        match framework.platform {
            Shipped::Android => {
                let mut requests = Vec::new();
                for (path, display) in sources(dir, shown_dir)? {
                    let text = projects::read_text(&path, &display, MAX_BYTES, limits)?;
                    requests.extend(csharp::uses_permissions(
                        &display,
                        &text,
                        csharp::Target::Android,
                    )?);
                }
                let mut removals = Vec::new();
                if let Some(relative) = android_manifest {
                    let path = dir.join(relative);
                    for manifest in projects::read_native(&path, &shown(relative), limits)? {
                        requests.extend(manifest.requests);
                        removals.extend(manifest.removals);
                    }
                }
                let mut input =
                    ParsedInput::new(&csproj.display, InputKind::GeneratedManifest, requests);
                input.removals = removals;
                input.build = build;
                if let Some((_, at)) = packages.first() {
                    let names: Vec<&str> = packages.iter().map(|(n, _)| n.as_str()).collect();
                    input.notes.push(InputNote {
                        rule: NoteRule::UnreadSource,
                        location: at.clone(),
                        setting: "PackageReference".to_owned(),
                        message: Message::new("msg.unread-source.nuget")
                            .part("packages", Message::list(&names)),
                    });
                }
                inputs.push(input);
            }
            Shipped::Ios | Shipped::MacCatalyst => {
                let Some((relative, _)) = plists.iter().find(|(_, p)| *p == framework.platform)
                else {
                    continue;
                };
                let path = dir.join(relative);
                if !path.is_file() {
                    return Err(InputError::invalid(
                        Location::file(&csproj.display),
                        format!(
                            "{} targets {}, but {} is not there; permaudit cannot tell what the \
                             app's Info.plist holds",
                            csproj.display,
                            framework.name,
                            shown(relative)
                        ),
                    ));
                }
                for mut plist in projects::read_native(&path, &shown(relative), limits)? {
                    plist.build = build.clone();
                    plist.apple_platform = Some(if framework.platform == Shipped::Ios {
                        ApplePlatform::Ios
                    } else {
                        ApplePlatform::Macos
                    });
                    inputs.push(plist);
                }
            }
        }
    }
    Ok(inputs)
}

/// What a `.csproj` says: the shipped frameworks of an app project, or `None` for a project
/// that is not a mobile app (a class library, a test project), and the package references that
/// may add permissions (see [`may_add_permissions`]), each at its element, in file order. Only
/// unconditioned `<TargetFramework(s)>` count: the conditioned ones add Windows or Tizen, which
/// permaudit does not audit.
type Csproj = (Option<Vec<Framework>>, Vec<(String, Location)>);

fn scan(display: &str, text: &str) -> Result<Csproj, InputError> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut found: Option<String> = None;
    let mut inside = false;
    let mut is_app = false;
    let mut packages = Vec::new();
    let lines = crate::source::lines::LineIndex::new(text.as_bytes());
    loop {
        let start = usize::try_from(reader.buffer_position()).unwrap_or(0);
        let event = reader
            .read_event()
            .map_err(|e| not_well_formed(display, &lines, reader.error_position(), &e))?;
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "PackageReference" => {
                let name = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.local_name().as_ref() == "Include")
                    .map(|a| a.value.to_string());
                if let Some(name) = name.filter(|n| may_add_permissions(n)) {
                    // The element starts after any whitespace the event began with.
                    let at = start + text.get(start..).and_then(|t| t.find('<')).unwrap_or(0);
                    let (line, column) = lines.position(at);
                    packages.push((name, Location::at(display, line, column)));
                }
                inside = false;
            }
            Event::Start(e) => {
                let name = e.local_name();
                let conditioned = e
                    .attributes()
                    .flatten()
                    .any(|a| a.key.local_name().as_ref() == "Condition");
                inside = !conditioned
                    && found.is_none()
                    && matches!(name.as_ref(), "TargetFrameworks" | "TargetFramework");
                if matches!(name.as_ref(), "UseMaui" | "AndroidApplication") {
                    is_app = true;
                }
            }
            Event::Text(t) if inside => {
                let value: &str = &t;
                let value = value.to_owned();
                found = Some(value);
                inside = false;
            }
            Event::End(_) => inside = false,
            Event::Eof => break,
            _ => {}
        }
    }
    let Some(value) = found else {
        return Ok((None, packages));
    };
    let frameworks: Vec<Framework> = value
        .split(';')
        .map(str::trim)
        .filter_map(|name| {
            let lower = name.to_ascii_lowercase();
            let platform = if lower.contains("-android") || lower.starts_with("monoandroid") {
                Shipped::Android
            } else if lower.contains("-maccatalyst") {
                Shipped::MacCatalyst
            } else if lower.contains("-ios") || lower.starts_with("xamarin.ios") {
                Shipped::Ios
            } else {
                return None;
            };
            Some(Framework {
                name: name.to_owned(),
                platform,
            })
        })
        .collect();
    if frameworks.is_empty() && !is_app {
        return Ok((None, packages));
    }
    Ok((Some(frameworks), packages))
}

/// A project file quick-xml cannot read, at the place it stopped.
fn not_well_formed(
    display: &str,
    lines: &crate::source::lines::LineIndex<'_>,
    position: u64,
    e: &quick_xml::Error,
) -> InputError {
    let (line, column) = lines.position(usize::try_from(position).unwrap_or(0));
    InputError::invalid(
        Location::at(display, line, column),
        format!("not a well-formed project file: {e}"),
    )
}

/// Packages that bring no Android library of their own, so no permission: the MAUI framework
/// (whose permissions the app declares itself, as its templates do), the .NET runtime's and
/// Microsoft.Extensions' managed libraries, and managed-only libraries.
const MANAGED_ONLY: &[&str] = &[
    "Microsoft.Maui.",
    "Microsoft.Extensions.",
    "Microsoft.AspNetCore.Components.",
    "System.",
    "CommunityToolkit.Maui.Markup",
    "CommunityToolkit.Mvvm",
    "Newtonsoft.Json",
];

/// Whether a `<PackageReference>` may bring an Android library of its own (any package but
/// [`MANAGED_ONLY`]). Compared as bytes: a hostile name need not split at a character there.
fn may_add_permissions(name: &str) -> bool {
    !MANAGED_ONLY.iter().any(|m| {
        let (name, m) = (name.as_bytes(), m.as_bytes());
        name.eq_ignore_ascii_case(m)
            || (m.ends_with(b".")
                && name.len() > m.len()
                && name[..m.len()].eq_ignore_ascii_case(m))
    })
}

/// The C# files of the project in `dir` that an Android build compiles, sorted: all of them
/// but build outputs, other platforms' folders and nested projects.
fn sources(dir: &Path, shown_dir: &str) -> Result<Vec<(PathBuf, String)>, InputError> {
    let mut out = Vec::new();
    let mut pending = vec![(dir.to_path_buf(), shown_dir.to_owned(), 0usize)];
    while let Some((folder, shown, depth)) = pending.pop() {
        let entries = std::fs::read_dir(&folder).map_err(|source| InputError::Read {
            path: if shown.is_empty() {
                ".".to_owned()
            } else {
                shown.clone()
            },
            source,
        })?;
        let mut entries: Vec<_> = entries.flatten().collect();
        entries.sort_by_key(std::fs::DirEntry::file_name);
        if depth > 0
            && entries.iter().any(|e| {
                Path::new(&e.file_name())
                    .extension()
                    .is_some_and(|x| x.eq_ignore_ascii_case("csproj"))
            })
        {
            continue;
        }
        for entry in entries {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            let display = crate::display::join(&shown, &name);
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                let other_platform =
                    shown.ends_with("Platforms") && !name.eq_ignore_ascii_case("Android");
                let skipped = name.starts_with('.')
                    || matches!(name.as_str(), "bin" | "obj" | "node_modules")
                    || other_platform;
                if !skipped && depth < 32 {
                    pending.push((path, display, depth + 1));
                }
            } else if Path::new(&name)
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("cs"))
            {
                out.push((path, display));
                if out.len() > MAX_SOURCES {
                    return Err(InputError::invalid(
                        Location::file(if shown_dir.is_empty() { "." } else { shown_dir }),
                        format!("more than {MAX_SOURCES} C# files; not an app project folder"),
                    ));
                }
            }
        }
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_names_are_judged_by_their_prefix_whatever_their_characters() {
        assert!(!may_add_permissions("Microsoft.Maui.Controls"));
        assert!(!may_add_permissions("communitytoolkit.mvvm"));
        assert!(may_add_permissions("Plugin.LocalNotification"));
        assert!(may_add_permissions("Microsoft.Maui"));
        // A multi-byte character across the prefix's end is a name like any other, not a panic.
        assert!(may_add_permissions("Microsoft.Mau€x"));
    }

    #[test]
    fn one_scan_gives_the_frameworks_and_the_packages() {
        let text = "<Project>\n<PropertyGroup><TargetFrameworks>net8.0-android;net8.0-ios\
                    </TargetFrameworks></PropertyGroup>\n<ItemGroup>\n  \
                    <PackageReference Include=\"System.Text.Json\" />\n  \
                    <PackageReference Include=\"ZXing.Net.Maui\" Version=\"1\" />\n\
                    </ItemGroup>\n</Project>\n";
        let (frameworks, packages) = scan("A.csproj", text).unwrap();
        assert_eq!(frameworks.map(|f| f.len()), Some(2));
        assert_eq!(
            packages
                .iter()
                .map(|(n, l)| format!("{n} {l}"))
                .collect::<Vec<_>>(),
            ["ZXing.Net.Maui A.csproj:5:3"]
        );
    }
}
