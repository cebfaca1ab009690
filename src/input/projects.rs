//! The project readers, run in order over the discovered files. Each takes the files it owns
//! (a marker such as `app.json` or `*.csproj`, and the native files its build generates or
//! merges), and hands the rest on; what is left at the end is read file by file.
//!
//! A new project kind is one room under `src/input/<kind>/` with a `read_projects` function of
//! the [`Reader`] shape, plus one line in [`READERS`].

use super::InputError;
use super::discover::InputFile;
use crate::model::ParsedInput;

/// Choices that change what a project builds, and the run's limits and kept texts.
#[derive(Debug, Clone, Default)]
pub struct ProjectOptions {
    /// Which Xcode build configuration is audited.
    pub xcode: super::xcode::XcodeOptions,
    /// Which Gradle variants are audited.
    pub gradle: super::gradle::GradleOptions,
    /// The run's limits: the native files a project merges draw from the run's budget, and
    /// every file it reads is kept for the report.
    pub limits: super::Limits,
}

/// What a reader returns: the inputs it read, its errors, and the files it leaves to others.
pub type Read = (Vec<ParsedInput>, Vec<InputError>, Vec<InputFile>);

/// A project reader.
pub type Reader = fn(Vec<InputFile>, &ProjectOptions) -> Read;

/// Every project reader, in the order they run. A reader that merges native files into what
/// it reports (a .NET project's `Platforms/Android/AndroidManifest.xml`) runs before the
/// readers that would take them on their own; the reader of unread app kinds runs last, over
/// what no other reader took.
pub const READERS: &[(&str, Reader)] = &[
    ("xcode", |files, options| {
        super::xcode::read_projects(files, &options.xcode, &options.limits)
    }),
    ("maui", super::maui::read_projects),
    ("expo", super::expo::read_projects),
    ("cordova", super::cordova::read_projects),
    ("uniapp", super::uniapp::read_projects),
    // After the generated-manifest readers, which compare a committed `android/` with their
    // config, and before the native files are read one by one.
    ("gradle", |files, options| {
        super::gradle::read_projects(files, &options.gradle, &options.limits)
    }),
    ("unread", super::unread::read_projects),
];

/// Runs every reader of [`READERS`] in order. The files left are the native inputs no project
/// took; marker files no reader wanted (a web `manifest.json`, a `config.xml` of another tool)
/// are dropped, as discovery only listed them for the readers to look at.
pub fn read_projects(files: Vec<InputFile>, options: &ProjectOptions) -> Read {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let mut rest = files;
    for (_, reader) in READERS {
        let (read, failed, left) = reader(rest, options);
        inputs.extend(read);
        errors.extend(failed);
        rest = left;
    }
    let rest = rest
        .into_iter()
        .filter(|f| !super::discover::is_marker_only(f))
        .collect();
    (inputs, errors, rest)
}

/// Reads a project file as UTF-8 text (a leading BOM dropped), refusing one over `max` bytes
/// or outside the repository (a project comes from a pull request: a link in it to
/// `~/.ssh/id_rsa` is refused, never read).
pub(crate) fn read_text(
    path: &std::path::Path,
    display: &str,
    max: u64,
    limits: &super::Limits,
) -> Result<String, InputError> {
    let dir = path.parent().unwrap_or(std::path::Path::new("."));
    let bytes = super::xcode::Jail::around(dir, limits).read(path, display, max)?;
    // The kept file was checked for UTF-8 when it was read.
    if let Some(text) = bytes.as_str() {
        return Ok(text.strip_prefix('\u{feff}').unwrap_or(text).to_owned());
    }
    let body = bytes.strip_prefix(super::UTF8_BOM).unwrap_or(&bytes);
    String::from_utf8(body.to_vec()).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let (line, column) = crate::source::lines::LineIndex::new(body).position(offset);
        InputError::invalid(
            crate::model::Location::at(display, line, column),
            "not UTF-8 text (re-save the file as UTF-8)",
        )
    })
}

/// Takes the files of `claimed` (real paths) out of `files`.
pub(crate) fn unclaimed(
    files: Vec<InputFile>,
    claimed: &std::collections::BTreeSet<std::path::PathBuf>,
    real: &crate::real_path::RealPaths,
) -> Vec<InputFile> {
    if claimed.is_empty() {
        return files;
    }
    files
        .into_iter()
        .filter(|f| !claimed.contains(&real.of(&f.path)))
        .collect()
}

/// The file name of `file`.
pub(crate) fn file_name(file: &InputFile) -> &str {
    file.path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
}

/// Reads a native file a project merges (a manifest, an Info.plist) as the file readers do,
/// refusing one that resolves outside the repository.
pub(crate) fn read_native(
    path: &std::path::Path,
    display: &str,
    limits: &super::Limits,
) -> Result<Vec<ParsedInput>, InputError> {
    let dir = path.parent().unwrap_or(std::path::Path::new("."));
    super::confined(
        &crate::confine::boundary(dir, &limits.real),
        path,
        display,
        &limits.real,
    )?;
    super::read_all(path, display, limits)
}

/// The `generated-mismatch` notes of a project whose generated native file is committed: one
/// per permission in `wanted` (what the config asks for) that the native file (`has`) lacks, in
/// the config's order. `output` (`msg.generated-mismatch.prebuild`, `….platform`) and
/// `command` name the generator's output and how to refresh it.
pub(crate) fn stale_output_notes(
    config: &str,
    native: &str,
    has: &std::collections::BTreeSet<&str>,
    wanted: &[crate::model::Request],
    output: &'static str,
    command: &str,
) -> Vec<crate::model::InputNote> {
    use crate::model::Message;
    let mut seen = std::collections::BTreeSet::new();
    let mut notes = Vec::new();
    for request in wanted {
        if has.contains(request.permission.as_str()) || !seen.insert(&request.permission) {
            continue;
        }
        let via = request.origin.as_ref().map_or_else(
            || Message::new("msg.nothing"),
            |o| Message::new("msg.generated-mismatch.via").part("via", o.via.clone()),
        );
        let message = Message::new("msg.generated-mismatch")
            .text("config", config)
            .permission("permission", &request.permission)
            .part("via", via)
            .text("native", native)
            .part("output", Message::new(output))
            .text("command", command);
        notes.push(crate::model::InputNote {
            rule: crate::model::NoteRule::GeneratedMismatch,
            location: request.location.clone(),
            setting: request.permission.clone(),
            message,
        });
    }
    notes
}
