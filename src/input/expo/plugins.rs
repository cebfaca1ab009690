//! What the `expo-*` config plugins add to the generated manifest and Info.plist: knowledge of
//! each plugin's own code, kept as data with its source.
//!
//! Source of every row: the plugin's `plugin/src/with*.ts` in the expo/expo repository (the
//! code npm ships as `plugin/build`), read at the commit named in `SOURCE`; `majors` are the
//! npm major versions the row was checked for. Expo applies a plugin named in `plugins` with
//! its options; a plugin of [`AUTO_APPLIED`] is also applied, without options, when the app
//! depends on the package (`withLegacyExpoPlugins` of `@expo/prebuild-config`).
//!
//! iOS keys follow `IOSConfig.Permissions.createPermissionsPlugin`: the option's text, else
//! the text already in `ios.infoPlist`, else the plugin's default; the option `false` removes
//! the key.

use crate::model::Platform;

/// When a plugin adds a permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum When {
    /// Whatever the options say.
    Always,
    /// Unless the option is `false`; the option's value (a text, `true`) names it.
    UnlessFalse(&'static str),
    /// Only when the option is `true`.
    IfTrue(&'static str),
}

/// One permission a plugin adds.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Adds {
    pub(crate) platform: Platform,
    pub(crate) permission: &'static str,
    pub(crate) when: When,
}

/// One config plugin.
#[derive(Debug)]
pub(crate) struct Plugin {
    /// The npm package (and plugin name).
    pub(crate) package: &'static str,
    /// npm major versions checked.
    pub(crate) majors: &'static str,
    /// Where its code says so.
    pub(crate) source: &'static str,
    pub(crate) adds: &'static [Adds],
    /// Android permissions blocked (`withBlockedPermissions`) when the option is `false`.
    pub(crate) blocks: &'static [(&'static str, &'static str)],
}

const fn android(permission: &'static str, when: When) -> Adds {
    Adds {
        platform: Platform::Android,
        permission,
        when,
    }
}

const fn ios(permission: &'static str, option: &'static str) -> Adds {
    Adds {
        platform: Platform::Ios,
        permission,
        when: When::UnlessFalse(option),
    }
}

/// The expo/expo commit the rows were read at.
pub(crate) const SOURCE: &str = "github.com/expo/expo (main, read 2026-12)";

/// Every plugin permaudit knows, by package name.
pub(crate) const PLUGINS: &[Plugin] = &[
    Plugin {
        package: "expo-audio",
        majors: "0, 1",
        source: "packages/expo-audio/plugin/src/withAudio.ts",
        adds: &[
            ios("NSMicrophoneUsageDescription", "microphonePermission"),
            android(
                "android.permission.RECORD_AUDIO",
                When::UnlessFalse("recordAudioAndroid"),
            ),
            android("android.permission.MODIFY_AUDIO_SETTINGS", When::Always),
        ],
        blocks: &[],
    },
    Plugin {
        package: "expo-av",
        majors: "13-15",
        source: "packages/expo-av/plugin/src/withAV.ts",
        adds: &[
            ios("NSMicrophoneUsageDescription", "microphonePermission"),
            android(
                "android.permission.RECORD_AUDIO",
                When::UnlessFalse("microphonePermission"),
            ),
            android("android.permission.MODIFY_AUDIO_SETTINGS", When::Always),
        ],
        blocks: &[],
    },
    Plugin {
        package: "expo-camera",
        majors: "14-17",
        source: "packages/expo-camera/plugin/src/withCamera.ts",
        adds: &[
            ios("NSCameraUsageDescription", "cameraPermission"),
            ios("NSMicrophoneUsageDescription", "microphonePermission"),
            android("android.permission.CAMERA", When::Always),
            android(
                "android.permission.RECORD_AUDIO",
                When::UnlessFalse("recordAudioAndroid"),
            ),
        ],
        blocks: &[],
    },
    Plugin {
        package: "expo-image-picker",
        majors: "14-17",
        source: "packages/expo-image-picker/plugin/src/withImagePicker.ts",
        adds: &[
            ios("NSPhotoLibraryUsageDescription", "photosPermission"),
            ios("NSCameraUsageDescription", "cameraPermission"),
            ios("NSMicrophoneUsageDescription", "microphonePermission"),
            android(
                "android.permission.RECORD_AUDIO",
                When::UnlessFalse("microphonePermission"),
            ),
        ],
        blocks: &[
            ("microphonePermission", "android.permission.RECORD_AUDIO"),
            ("cameraPermission", "android.permission.CAMERA"),
        ],
    },
    Plugin {
        package: "expo-local-authentication",
        majors: "13-17",
        source: "packages/expo-local-authentication/plugin/src/withLocalAuthentication.ts",
        adds: &[
            ios("NSFaceIDUsageDescription", "faceIDPermission"),
            android("android.permission.USE_BIOMETRIC", When::Always),
            android("android.permission.USE_FINGERPRINT", When::Always),
        ],
        blocks: &[],
    },
    Plugin {
        package: "expo-location",
        majors: "16-19",
        source: "packages/expo-location/plugin/src/withLocation.ts",
        adds: &[
            ios(
                "NSLocationAlwaysAndWhenInUseUsageDescription",
                "locationAlwaysAndWhenInUsePermission",
            ),
            ios(
                "NSLocationAlwaysUsageDescription",
                "locationAlwaysPermission",
            ),
            ios(
                "NSLocationWhenInUseUsageDescription",
                "locationWhenInUsePermission",
            ),
            android("android.permission.ACCESS_COARSE_LOCATION", When::Always),
            android("android.permission.ACCESS_FINE_LOCATION", When::Always),
            android("android.permission.FOREGROUND_SERVICE", When::Always),
            android(
                "android.permission.ACCESS_BACKGROUND_LOCATION",
                When::IfTrue("isAndroidBackgroundLocationEnabled"),
            ),
        ],
        blocks: &[],
    },
    Plugin {
        package: "expo-media-library",
        majors: "15-18",
        source: "packages/expo-media-library/plugin/src/withMediaLibrary.ts",
        adds: &[
            ios("NSPhotoLibraryUsageDescription", "photosPermission"),
            ios("NSPhotoLibraryAddUsageDescription", "savePhotosPermission"),
            android("android.permission.READ_EXTERNAL_STORAGE", When::Always),
            android("android.permission.WRITE_EXTERNAL_STORAGE", When::Always),
            android(
                "android.permission.ACCESS_MEDIA_LOCATION",
                When::IfTrue("isAccessMediaLocationEnabled"),
            ),
        ],
        blocks: &[],
    },
    Plugin {
        package: "expo-secure-store",
        majors: "12-15",
        source: "packages/expo-secure-store/plugin/src/withSecureStore.ts",
        adds: &[ios("NSFaceIDUsageDescription", "faceIDPermission")],
        blocks: &[],
    },
    Plugin {
        package: "expo-sensors",
        majors: "12-15",
        source: "packages/expo-sensors/plugin/src/withSensors.ts",
        adds: &[ios("NSMotionUsageDescription", "motionPermission")],
        blocks: &[],
    },
];

/// Plugins Expo applies for an installed package even when `plugins` does not name it
/// (`legacyExpoPlugins` in `packages/@expo/prebuild-config/src/plugins/withDefaultPlugins.ts`),
/// restricted to those of [`PLUGINS`].
pub(crate) const AUTO_APPLIED: &[&str] = &[
    "expo-av",
    "expo-camera",
    "expo-image-picker",
    "expo-location",
    "expo-media-library",
    "expo-sensors",
    "expo-local-authentication",
];

/// The plugin named `package`, if known.
pub(crate) fn find(package: &str) -> Option<&'static Plugin> {
    PLUGINS.iter().find(|p| p.package == package)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_auto_plugins_are_known() {
        assert!(PLUGINS.windows(2).all(|w| w[0].package < w[1].package));
        for name in AUTO_APPLIED {
            assert!(find(name).is_some(), "{name}");
        }
        for p in PLUGINS {
            assert!(p.source.starts_with(&format!("packages/{}/", p.package)));
            for a in p.adds {
                let known = match a.platform {
                    Platform::Android => crate::catalog::catalog().knows_android(a.permission),
                    _ => crate::catalog::catalog().ios_key(a.permission).is_some(),
                };
                assert!(known, "{} is not in the catalog", a.permission);
            }
        }
    }
}
