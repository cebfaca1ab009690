// @generated from policy/m5.yaml by the `generated_*` tests; do not edit.
// Regenerate with `UPDATE_GENERATED=1 cargo test generated`.

use super::BuiltinRow;
use crate::model::Platform;

pub(super) const NAME: &str = "M5 Privacy Protection Agreement — Appendix 2";
pub(super) const SOURCE: Option<&str> = Some("M5 Privacy Protection Agreement (Beijing Seeyon Internet Software Co., Ltd.), Appendix 2");

pub(super) static ROWS: [BuiltinRow; 26] = [
    BuiltinRow {
        platform: Platform::Android,
        index: 0,
        name: Some("Get phone state"),
        description: Some("Get phone state"),
        purpose: Some("Caller ID"),
        permissions: &[
            ("android.permission.READ_PHONE_STATE", 15, 19, 854, 870),
        ],
    },
    BuiltinRow {
        platform: Platform::Android,
        index: 1,
        name: Some("Get phone call records"),
        description: Some("Get phone call records"),
        purpose: Some("Caller ID"),
        permissions: &[
            ("android.permission.READ_CALL_LOG", 19, 19, 979, 992),
        ],
    },
    BuiltinRow {
        platform: Platform::Android,
        index: 2,
        name: Some("Send SMS"),
        description: Some("Send SMS"),
        purpose: Some("Send SMS"),
        permissions: &[
            ("android.permission.SEND_SMS", 23, 19, 1094, 1102),
        ],
    },
    BuiltinRow {
        platform: Platform::Android,
        index: 3,
        name: Some("create shortcut"),
        description: Some("Create desktop shortcut"),
        purpose: Some("Desktop add button"),
        permissions: &[
            ("com.android.launcher.permission.INSTALL_SHORTCUT", 27, 19, 1196, 1212),
        ],
    },
    BuiltinRow {
        platform: Platform::Android,
        index: 4,
        name: Some("Lock screen"),
        description: Some("The message channel under the lock screen remains active"),
        purpose: Some("Rongyun lib message channel keeps alive"),
        permissions: &[
            ("android.permission.WAKE_LOCK", 31, 19, 1327, 1336),
        ],
    },
    BuiltinRow {
        platform: Platform::Android,
        index: 5,
        name: Some("shock"),
        description: Some("Message reminder"),
        purpose: Some("Message reminder"),
        permissions: &[
            ("android.permission.VIBRATE", 35, 19, 1499, 1506),
        ],
    },
    BuiltinRow {
        platform: Platform::Android,
        index: 6,
        name: Some("fingerprint identification"),
        description: Some("Allow fingerprint"),
        purpose: Some("Account login security verification"),
        permissions: &[
            ("android.permission.USE_FINGERPRINT", 39, 19, 1627, 1642),
        ],
    },
    BuiltinRow {
        platform: Platform::Android,
        index: 7,
        name: Some("Install application"),
        description: Some("Allow application installation"),
        purpose: Some("Install application"),
        permissions: &[
            ("android.permission.REQUEST_INSTALL_PACKAGES", 43, 19, 1776, 1800),
        ],
    },
    BuiltinRow {
        platform: Platform::Android,
        index: 8,
        name: Some("Monitor start broadcast"),
        description: Some("Monitor start broadcast"),
        purpose: Some("Push function"),
        permissions: &[
            ("android.permission.RECEIVE_BOOT_COMPLETED", 47, 19, 1935, 1957),
        ],
    },
    BuiltinRow {
        platform: Platform::Android,
        index: 9,
        name: Some("network right"),
        description: Some("Allow network identification"),
        purpose: Some("Access server"),
        permissions: &[
            ("android.permission.INTERNET", 51, 19, 2069, 2077),
        ],
    },
    BuiltinRow {
        platform: Platform::Android,
        index: 10,
        name: Some("Network status permissions"),
        description: Some("Allow listening for network status"),
        purpose: Some("Network status monitoring"),
        permissions: &[
            ("android.permission.ACCESS_WIFI_STATE", 55, 19, 2207, 2224),
        ],
    },
    BuiltinRow {
        platform: Platform::Android,
        index: 11,
        name: Some("Bluetooth permissions"),
        description: Some("Allow connection to paired bluetooth devices"),
        purpose: Some("Rongyun voice pairing Bluetooth devices and other functions"),
        permissions: &[
            ("android.permission.BLUETOOTH_ADMIN", 59, 19, 2367, 2382),
        ],
    },
    BuiltinRow {
        platform: Platform::Android,
        index: 12,
        name: Some("Location permissions"),
        description: Some("Get GPS location information"),
        purpose: Some("Punch in and send location function"),
        permissions: &[
            ("android.permission.ACCESS_FINE_LOCATION", 63, 19, 2568, 2588),
            ("android.permission.ACCESS_COARSE_LOCATION", 63, 41, 2590, 2612),
        ],
    },
    BuiltinRow {
        platform: Platform::Android,
        index: 13,
        name: Some("Storage permissions"),
        description: Some("Provides writing and reading external storage data"),
        purpose: Some("Save data to the mobile phone system, such as pictures, videos, files, etc; Browse system albums, files, etc"),
        permissions: &[
            ("android.permission.WRITE_EXTERNAL_STORAGE", 67, 19, 2757, 2779),
            ("android.permission.READ_EXTERNAL_STORAGE", 67, 43, 2781, 2802),
        ],
    },
    BuiltinRow {
        platform: Platform::Android,
        index: 14,
        name: Some("Make a call"),
        description: Some("Enter the mobile phone dialing interface from the program"),
        purpose: Some("Allow the program to enter the mobile phone dialing interface"),
        permissions: &[
            ("android.permission.CALL_PHONE", 71, 19, 3034, 3044),
        ],
    },
    BuiltinRow {
        platform: Platform::Android,
        index: 15,
        name: Some("Shooting permission"),
        description: Some("Take photos or videos with"),
        purpose: Some("Take / upload photos and videos"),
        permissions: &[
            ("android.permission.CAMERA", 75, 19, 3244, 3250),
        ],
    },
    BuiltinRow {
        platform: Platform::Android,
        index: 16,
        name: Some("Read and edit calendar"),
        description: Some("Read or edit calendar events in the system"),
        purpose: Some("Synchronization schedule function"),
        permissions: &[
            ("android.permission.READ_CALENDAR", 79, 19, 3392, 3405),
            ("android.permission.WRITE_CALENDAR", 79, 34, 3407, 3421),
        ],
    },
    BuiltinRow {
        platform: Platform::Android,
        index: 17,
        name: Some("Read system log"),
        description: Some("Read system log"),
        purpose: Some("Upload app crash log"),
        permissions: &[
            ("android.permission.READ_LOGS", 83, 19, 3574, 3583),
        ],
    },
    BuiltinRow {
        platform: Platform::Android,
        index: 18,
        name: Some("Read phone status"),
        description: Some("Identify call status and mobile network information"),
        purpose: Some("Address book incoming call monitoring and wireless screen projection"),
        permissions: &[
            ("android.permission.READ_PHONE_STATE", 87, 19, 3698, 3714),
        ],
    },
    BuiltinRow {
        platform: Platform::Android,
        index: 19,
        name: Some("Recording authority"),
        description: Some("Recording audio using a microphone"),
        purpose: Some("Rongyun voice, form recording and uploading, etc"),
        permissions: &[
            ("android.permission.RECORD_AUDIO", 91, 19, 3915, 3927),
        ],
    },
    BuiltinRow {
        platform: Platform::Ios,
        index: 0,
        name: Some("Biometrics"),
        description: Some("Fingerprints and facial features are allowed"),
        purpose: Some("Account login security verification"),
        permissions: &[
            ("NSFaceIDUsageDescription", 98, 19, 4139, 4163),
        ],
    },
    BuiltinRow {
        platform: Platform::Ios,
        index: 1,
        name: Some("Location permissions"),
        description: Some("Get GPS location information"),
        purpose: Some("Punch in and send location function"),
        permissions: &[
            ("NSLocationAlwaysAndWhenInUseUsageDescription", 102, 19, 4325, 4369),
            ("NSLocationWhenInUseUsageDescription", 102, 65, 4371, 4406),
        ],
    },
    BuiltinRow {
        platform: Platform::Ios,
        index: 2,
        name: Some("Shooting and album permissions"),
        description: Some("Use camera"),
        purpose: Some("Take photos upload pictures function / select send photos / save photos to album"),
        permissions: &[
            ("NSCameraUsageDescription", 106, 19, 4562, 4586),
            ("NSPhotoLibraryAddUsageDescription", 106, 45, 4588, 4621),
            ("NSPhotoLibraryUsageDescription", 106, 80, 4623, 4653),
        ],
    },
    BuiltinRow {
        platform: Platform::Ios,
        index: 3,
        name: Some("Read and edit calendar"),
        description: Some("Read or edit calendar events in the system"),
        purpose: Some("Synchronization schedule function"),
        permissions: &[
            ("NSCalendarsUsageDescription", 110, 19, 4828, 4855),
        ],
    },
    BuiltinRow {
        platform: Platform::Ios,
        index: 4,
        name: Some("Read write contact"),
        description: Some("Read system address book"),
        purpose: Some("Save contacts to contacts"),
        permissions: &[
            ("NSContactsUsageDescription", 114, 19, 5011, 5037),
        ],
    },
    BuiltinRow {
        platform: Platform::Ios,
        index: 5,
        name: Some("Recording authority"),
        description: Some("Recording audio using a microphone"),
        purpose: Some("Rongyun voice, form recording and uploading"),
        permissions: &[
            ("NSMicrophoneUsageDescription", 118, 19, 5168, 5196),
        ],
    },
];
