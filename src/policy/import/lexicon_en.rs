//! English labels: the names the platforms themselves give permissions in their dialogs and
//! settings, which English policies copy. The Chinese table comes from the shared reference;
//! these are facts of the platforms, kept here with their source.
//!
//! Android: the runtime permission groups' labels (`permgrouplab_*` in AOSP
//! `frameworks/base/core/res/res/values/strings.xml`), each with the permissions the system
//! asks for under it (the same grouping CTS's permission tests map to those labels). A group
//! label the system shows for one permission is `exact`; for several, `group` (all imported,
//! each to review); "Phone" covers unlike permissions (device identity, calls, numbers) and is
//! `vague`, as the Chinese 电话 is. Background location is its own grant ("Allow all the
//! time"), so "Location" does not name it.
//!
//! iOS: the Privacy & Security section names of Settings (Camera, Microphone, Photos, …), with
//! the purpose-string key each one is asked under; "Photos", "Location", "Calendars",
//! "Reminders" and "Health" each have more than one key and are `vague`, as 相册 and 位置信息 are.
//!
//! A label listed for one platform only names nothing on the other (the row is left out with a
//! note there), so a label the catalog already resolves on a platform is listed for both.

use super::{Label, LabelPlatform, Sense};

const AOSP: &str = "AOSP core/res strings.xml permgrouplab_* (runtime permission group labels)";
const SETTINGS: &str = "iOS Settings, Privacy & Security section names";
const ALERT: &str = "iOS permission alert (\"Would Like to Access Your Motion & Fitness Activity\")";

/// The English labels, by platform.
pub(super) static LABELS: [Label; 34] = [
    // Android group labels.
    Label { label: "Camera", platform: LabelPlatform::Android, permissions: "android.permission.CAMERA", sense: Sense::Exact, seen: AOSP },
    Label { label: "Microphone", platform: LabelPlatform::Android, permissions: "android.permission.RECORD_AUDIO", sense: Sense::Exact, seen: AOSP },
    Label { label: "Location", platform: LabelPlatform::Android, permissions: "android.permission.ACCESS_FINE_LOCATION android.permission.ACCESS_COARSE_LOCATION", sense: Sense::Group, seen: AOSP },
    Label { label: "Contacts", platform: LabelPlatform::Android, permissions: "android.permission.READ_CONTACTS android.permission.WRITE_CONTACTS android.permission.GET_ACCOUNTS", sense: Sense::Group, seen: AOSP },
    Label { label: "Calendar", platform: LabelPlatform::Android, permissions: "android.permission.READ_CALENDAR android.permission.WRITE_CALENDAR", sense: Sense::Group, seen: AOSP },
    Label { label: "SMS", platform: LabelPlatform::Android, permissions: "android.permission.SEND_SMS android.permission.RECEIVE_SMS android.permission.READ_SMS android.permission.RECEIVE_WAP_PUSH android.permission.RECEIVE_MMS", sense: Sense::Group, seen: AOSP },
    Label { label: "Storage", platform: LabelPlatform::Android, permissions: "android.permission.READ_EXTERNAL_STORAGE android.permission.WRITE_EXTERNAL_STORAGE", sense: Sense::Group, seen: AOSP },
    Label { label: "Files and media", platform: LabelPlatform::Android, permissions: "android.permission.READ_EXTERNAL_STORAGE android.permission.WRITE_EXTERNAL_STORAGE", sense: Sense::Group, seen: AOSP },
    Label { label: "Photos and videos", platform: LabelPlatform::Android, permissions: "android.permission.READ_MEDIA_IMAGES android.permission.READ_MEDIA_VIDEO", sense: Sense::Group, seen: AOSP },
    Label { label: "Music and audio", platform: LabelPlatform::Android, permissions: "android.permission.READ_MEDIA_AUDIO", sense: Sense::Exact, seen: AOSP },
    Label { label: "Call logs", platform: LabelPlatform::Android, permissions: "android.permission.READ_CALL_LOG android.permission.WRITE_CALL_LOG android.permission.PROCESS_OUTGOING_CALLS", sense: Sense::Group, seen: AOSP },
    Label { label: "Phone", platform: LabelPlatform::Android, permissions: "android.permission.READ_PHONE_STATE android.permission.CALL_PHONE android.permission.READ_PHONE_NUMBERS android.permission.ANSWER_PHONE_CALLS", sense: Sense::Vague, seen: AOSP },
    Label { label: "Physical activity", platform: LabelPlatform::Android, permissions: "android.permission.ACTIVITY_RECOGNITION", sense: Sense::Exact, seen: AOSP },
    Label { label: "Nearby devices", platform: LabelPlatform::Android, permissions: "android.permission.BLUETOOTH_SCAN android.permission.BLUETOOTH_CONNECT android.permission.BLUETOOTH_ADVERTISE android.permission.NEARBY_WIFI_DEVICES", sense: Sense::Group, seen: AOSP },
    Label { label: "Notifications", platform: LabelPlatform::Android, permissions: "android.permission.POST_NOTIFICATIONS", sense: Sense::Exact, seen: AOSP },
    Label { label: "Body sensors", platform: LabelPlatform::Android, permissions: "android.permission.BODY_SENSORS", sense: Sense::Exact, seen: AOSP },
    // iOS Settings names; the first four share their English word with an Android group.
    Label { label: "Camera", platform: LabelPlatform::Ios, permissions: "NSCameraUsageDescription", sense: Sense::Exact, seen: SETTINGS },
    Label { label: "Microphone", platform: LabelPlatform::Ios, permissions: "NSMicrophoneUsageDescription", sense: Sense::Exact, seen: SETTINGS },
    Label { label: "Location", platform: LabelPlatform::Ios, permissions: "NSLocationWhenInUseUsageDescription NSLocationAlwaysAndWhenInUseUsageDescription", sense: Sense::Vague, seen: SETTINGS },
    Label { label: "Contacts", platform: LabelPlatform::Ios, permissions: "NSContactsUsageDescription", sense: Sense::Exact, seen: SETTINGS },
    Label { label: "Calendars", platform: LabelPlatform::Ios, permissions: "NSCalendarsFullAccessUsageDescription NSCalendarsWriteOnlyAccessUsageDescription NSCalendarsUsageDescription", sense: Sense::Vague, seen: SETTINGS },
    Label { label: "Reminders", platform: LabelPlatform::Ios, permissions: "NSRemindersFullAccessUsageDescription NSRemindersUsageDescription", sense: Sense::Vague, seen: SETTINGS },
    Label { label: "Photos", platform: LabelPlatform::Ios, permissions: "NSPhotoLibraryUsageDescription NSPhotoLibraryAddUsageDescription", sense: Sense::Vague, seen: SETTINGS },
    Label { label: "Location Services", platform: LabelPlatform::Ios, permissions: "NSLocationWhenInUseUsageDescription NSLocationAlwaysAndWhenInUseUsageDescription", sense: Sense::Vague, seen: SETTINGS },
    Label { label: "Tracking", platform: LabelPlatform::Ios, permissions: "NSUserTrackingUsageDescription", sense: Sense::Exact, seen: SETTINGS },
    Label { label: "Local Network", platform: LabelPlatform::Ios, permissions: "NSLocalNetworkUsageDescription", sense: Sense::Exact, seen: SETTINGS },
    Label { label: "Speech Recognition", platform: LabelPlatform::Ios, permissions: "NSSpeechRecognitionUsageDescription", sense: Sense::Exact, seen: SETTINGS },
    Label { label: "Motion & Fitness", platform: LabelPlatform::Ios, permissions: "NSMotionUsageDescription", sense: Sense::Exact, seen: SETTINGS },
    Label { label: "Motion & Fitness Activity", platform: LabelPlatform::Ios, permissions: "NSMotionUsageDescription", sense: Sense::Exact, seen: ALERT },
    Label { label: "Health", platform: LabelPlatform::Ios, permissions: "NSHealthShareUsageDescription NSHealthUpdateUsageDescription", sense: Sense::Vague, seen: SETTINGS },
    Label { label: "HomeKit", platform: LabelPlatform::Ios, permissions: "NSHomeKitUsageDescription", sense: Sense::Exact, seen: SETTINGS },
    Label { label: "Media & Apple Music", platform: LabelPlatform::Ios, permissions: "NSAppleMusicUsageDescription", sense: Sense::Exact, seen: SETTINGS },
    Label { label: "Face ID", platform: LabelPlatform::Ios, permissions: "NSFaceIDUsageDescription", sense: Sense::Exact, seen: SETTINGS },
    Label { label: "Focus", platform: LabelPlatform::Ios, permissions: "NSFocusStatusUsageDescription", sense: Sense::Exact, seen: SETTINGS },
];
