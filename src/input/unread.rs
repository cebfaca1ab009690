//! App kinds whose permission sources permaudit does not read: their marks are reported
//! (`unread-source`), so a run over such a tree never looks clean.
//!
//! - Capacitor (`capacitor.config.*`) is read through the `android/` and `ios/` folders it
//!   generates; without them, nothing of the app was read.
//! - NativeScript (`nativescript.config.*`) keeps its manifests in `App_Resources/`, where
//!   they are templates merged by its CLI; Unity (`ProjectSettings/ProjectVersion.txt`) and
//!   HarmonyOS (`module.json5`, `app.json5`) have their own formats; WeChat and Alipay
//!   mini-programs (`project.config.json`, `mini.project.json`) ask for permissions at run
//!   time through their host app.

use super::discover::InputFile;
use super::projects::{self, ProjectOptions, Read};
use crate::model::{InputKind, InputNote, Location, NoteRule, ParsedInput};

/// Reads the marks of unread app kinds among `files`; the files themselves are left in place
/// (they are markers, dropped after the last reader).
pub fn read_projects(files: Vec<InputFile>, _: &ProjectOptions) -> Read {
    let mut inputs = Vec::new();
    for file in &files {
        let Some(message) = unread(file) else {
            continue;
        };
        let mut input = ParsedInput::new(&file.display, InputKind::Project, Vec::new());
        input.notes.push(InputNote {
            rule: NoteRule::UnreadSource,
            location: Location::file(&file.display),
            setting: projects::file_name(file).to_owned(),
            message: crate::model::Message::new("msg.untranslated").text("message", message),
        });
        inputs.push(input);
    }
    (inputs, Vec::new(), files)
}

/// Why `file` marks an app permaudit did not read, if it does.
fn unread(file: &InputFile) -> Option<String> {
    let name = projects::file_name(file);
    let dir = file.path.parent()?;
    let shown = &file.display;
    match name {
        "capacitor.config.json" | "capacitor.config.ts" | "capacitor.config.js" => {
            let android = dir
                .join("android/app/src/main/AndroidManifest.xml")
                .is_file();
            let ios = dir.join("ios/App/App/Info.plist").is_file();
            let missing = match (android, ios) {
                (true, true) => return None,
                (false, true) => "android/",
                (true, false) => "ios/",
                (false, false) => "android/ and ios/",
            };
            Some(format!(
                "{shown} is a Capacitor app without its {missing} folder, where its permissions \
                 live; run `npx cap add android` / `npx cap add ios` and commit the folders, or \
                 audit the built APK or IPA"
            ))
        }
        "nativescript.config.ts" | "nativescript.config.js" => Some(format!(
            "{shown} is a NativeScript app, whose manifests in App_Resources/ are templates its \
             CLI merges with plugins at build time, and permaudit does not read them; audit the \
             built APK or IPA (`ns build`), or the platforms/ output"
        )),
        "ProjectVersion.txt" if dir.file_name().is_some_and(|d| d == "ProjectSettings") => {
            Some(format!(
                "{shown} marks a Unity project, whose manifest and Info.plist Unity generates \
                 from its player settings and plugins, and permaudit does not read them; audit \
                 the built APK, AAB or IPA, or the exported Gradle or Xcode project"
            ))
        }
        "module.json5" | "app.json5" => Some(format!(
            "{shown} is a HarmonyOS (ArkTS) module, whose requestPermissions permaudit does not \
             read; HarmonyOS permissions are not audited"
        )),
        "project.config.json" | "mini.project.json" => Some(format!(
            "{shown} is a mini-program project, whose permissions (scope.*, requiredPrivateInfos) \
             the host app grants at run time, and permaudit does not read them; mini-programs \
             are not audited"
        )),
        _ => None,
    }
}
