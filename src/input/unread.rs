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
use crate::model::{InputKind, InputNote, Location, Message, NoteRule, ParsedInput};

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
            message,
        });
        inputs.push(input);
    }
    (inputs, Vec::new(), files)
}

/// Why `file` marks an app permaudit did not read, if it does.
fn unread(file: &InputFile) -> Option<Message> {
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
                (false, true) => Message::name("android/"),
                (true, false) => Message::name("ios/"),
                (false, false) => Message::new("msg.unread-source.capacitor.both"),
            };
            Some(
                Message::new("msg.unread-source.capacitor")
                    .text("file", shown)
                    .part("missing", missing),
            )
        }
        "nativescript.config.ts" | "nativescript.config.js" => {
            Some(Message::new("msg.unread-source.nativescript").text("file", shown))
        }
        "ProjectVersion.txt" if dir.file_name().is_some_and(|d| d == "ProjectSettings") => {
            Some(Message::new("msg.unread-source.unity").text("file", shown))
        }
        "module.json5" | "app.json5" => {
            Some(Message::new("msg.unread-source.harmonyos").text("file", shown))
        }
        "project.config.json" | "mini.project.json" => {
            Some(Message::new("msg.unread-source.mini-program").text("file", shown))
        }
        _ => None,
    }
}
