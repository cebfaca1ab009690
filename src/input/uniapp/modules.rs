//! What HBuilderX cloud packaging adds to the Android manifest of a uni-app: the default
//! permissions of every build, and those of the `app-plus.modules` the app enables (with the
//! `app-plus.distribute.sdkConfigs` provider it picks, for modules whose SDK is a provider's).
//! Knowledge kept as data with its source: DCloud's own documentation.
//!
//! A module, or a provider of one, that is not here is not known: the reader says so
//! (`unread-source`) rather than auditing the build as if the module added nothing. iOS keys
//! are not here: DCloud's documentation names no purpose string the packager adds for a
//! module (the app writes them in `privacyDescription`), so every enabled module is reported
//! as unread for iOS.

/// DCloud's page of the permissions cloud packaging uses (`dcloudio/unidocs-zh`,
/// `docs/tutorial/app-permission-android.md`).
const PERMISSIONS_PAGE: &str = "DCloud uni-app docs, app-permission-android (uniapp.dcloud.net.cn/\
     tutorial/app-permission-android; dcloudio/unidocs-zh docs/tutorial/app-permission-android.md)";

/// DCloud's offline-SDK page of what the Geolocation module needs in the manifest
/// (`dcloudio/native-docs`, `5PlusDocs/usemodule/androidModuleConfig/geolocation.md`): the
/// cloud page lists no Geolocation permissions, and this is what the same module's SDK asks for.
const GEOLOCATION_PAGE: &str = "DCloud native docs, Android Geolocation module configuration \
     (nativesupport.dcloud.net.cn/AppDocs/usemodule/androidModuleConfig/geolocation; \
     dcloudio/native-docs 5PlusDocs/usemodule/androidModuleConfig/geolocation.md)";

/// DCloud's offline-SDK page of the other modules (`dcloudio/native-docs`,
/// `docs/AppDocs/usemodule/androidModuleConfig/others.md`): what each module's AAR needs in the
/// manifest, for the modules the cloud page does not list (Camera, Barcode, Record, LivePusher,
/// and VideoPlayer and SQLite, which need none). The cloud packager builds with the same
/// modules, so this is what their cloud build asks for.
const OTHERS_PAGE: &str = "DCloud native docs, Android configuration of the other modules \
     (nativesupport.dcloud.net.cn/AppDocs/usemodule/androidModuleConfig/others; \
     dcloudio/native-docs docs/AppDocs/usemodule/androidModuleConfig/others.md)";

/// Added to every cloud build ("默认使用的权限"). Since HBuilderX 2.6.3 a Google Play build
/// leaves out the two install permissions; the channel is picked when packaging, not in
/// `manifest.json`, so they are kept (the larger set is the one that may ship).
pub(crate) const DEFAULTS: &[&str] = &[
    "android.permission.INTERNET",
    "android.permission.READ_EXTERNAL_STORAGE",
    "android.permission.WRITE_EXTERNAL_STORAGE",
    "android.permission.READ_PHONE_STATE",
    "android.permission.ACCESS_NETWORK_STATE",
    "android.permission.ACCESS_WIFI_STATE",
    "com.asus.msa.SupplementaryDID.ACCESS",
    "com.huawei.android.launcher.permission.CHANGE_BADGE",
    "android.permission.INSTALL_PACKAGES",
    "android.permission.REQUEST_INSTALL_PACKAGES",
];

/// Where [`DEFAULTS`] come from.
pub(crate) const DEFAULTS_SOURCE: &str = PERMISSIONS_PAGE;

/// One `app-plus.modules` key.
#[derive(Debug)]
pub(crate) struct Module {
    /// The key in `app-plus.modules`.
    pub(crate) key: &'static str,
    /// The `sdkConfigs` section naming the provider, for a module whose permissions are its
    /// provider's.
    pub(crate) sdk: Option<&'static str>,
    /// Added whatever the provider.
    pub(crate) android: &'static [&'static str],
    /// The providers known, by their key in the `sdkConfigs` section.
    pub(crate) providers: &'static [Provider],
    pub(crate) source: &'static str,
}

/// One provider of a module.
#[derive(Debug)]
pub(crate) struct Provider {
    pub(crate) key: &'static str,
    pub(crate) android: &'static [&'static str],
}

const BLUETOOTH: &[&str] = &[
    "android.permission.ACCESS_COARSE_LOCATION",
    "android.permission.ACCESS_FINE_LOCATION",
    "android.permission.BLUETOOTH_ADMIN",
    "android.permission.BLUETOOTH",
];

const AMAP_MAPS: &[&str] = &[
    "android.permission.ACCESS_COARSE_LOCATION",
    "android.permission.ACCESS_FINE_LOCATION",
    "android.permission.ACCESS_NETWORK_STATE",
    "android.permission.ACCESS_WIFI_STATE",
    "android.permission.CHANGE_WIFI_STATE",
    "android.permission.INTERNET",
    "android.permission.READ_PHONE_STATE",
    "android.permission.WRITE_EXTERNAL_STORAGE",
    "android.permission.ACCESS_LOCATION_EXTRA_COMMANDS",
    "android.permission.BLUETOOTH",
    "android.permission.BLUETOOTH_ADMIN",
];

/// The Baidu map SDK's list, and the list the offline page gives both system and AMap
/// location.
const LOCATION_SDK: &[&str] = &[
    "android.permission.ACCESS_COARSE_LOCATION",
    "android.permission.ACCESS_FINE_LOCATION",
    "android.permission.ACCESS_WIFI_STATE",
    "android.permission.ACCESS_NETWORK_STATE",
    "android.permission.CHANGE_WIFI_STATE",
    "android.permission.READ_PHONE_STATE",
    "android.permission.WRITE_EXTERNAL_STORAGE",
    "android.permission.INTERNET",
    "android.permission.MOUNT_UNMOUNT_FILESYSTEMS",
    "android.permission.READ_LOGS",
    "android.permission.WRITE_SETTINGS",
];

const AUDIO_SETTINGS: &[&str] = &["android.permission.MODIFY_AUDIO_SETTINGS"];

/// The WeChat SDK (OAuth, Payment and Share modules) and the QQ SDK (OAuth and Share): one
/// provider each, wherever a module uses it.
const WEIXIN: Provider = Provider {
    key: "weixin",
    android: AUDIO_SETTINGS,
};
const QQ: Provider = Provider {
    key: "qq",
    android: AUDIO_SETTINGS,
};

/// Getui's list (uniPush and Getui push are the same SDK), the optional geofence permissions
/// included: the page says modules get every permission their SDK may need.
const GETUI: &[&str] = &[
    "android.permission.INTERNET",
    "android.permission.READ_PHONE_STATE",
    "android.permission.ACCESS_NETWORK_STATE",
    "android.permission.CHANGE_WIFI_STATE",
    "android.permission.ACCESS_WIFI_STATE",
    "android.permission.RECEIVE_BOOT_COMPLETED",
    "android.permission.WRITE_EXTERNAL_STORAGE",
    "android.permission.VIBRATE",
    "android.permission.GET_TASKS",
    "android.permission.BLUETOOTH",
    "android.permission.BLUETOOTH_ADMIN",
    "android.permission.ACCESS_FINE_LOCATION",
    "android.permission.ACCESS_COARSE_LOCATION",
    "android.permission.BROADCAST_PACKAGE_ADDED",
    "android.permission.BROADCAST_PACKAGE_CHANGED",
    "android.permission.BROADCAST_PACKAGE_INSTALL",
    "android.permission.BROADCAST_PACKAGE_REPLACED",
    "android.permission.RESTART_PACKAGES",
    "android.permission.CHANGE_NETWORK_STATE",
    "android.permission.WRITE_SETTINGS",
    "android.permission.REQUEST_INSTALL_PACKAGES",
];

const SPEECH: &[&str] = &[
    "android.permission.RECORD_AUDIO",
    "android.permission.INTERNET",
    "android.permission.ACCESS_NETWORK_STATE",
    "android.permission.ACCESS_WIFI_STATE",
    "android.permission.CHANGE_NETWORK_STATE",
    "android.permission.READ_PHONE_STATE",
    "android.permission.WRITE_EXTERNAL_STORAGE",
];

/// Every module permaudit knows, by key. Sections of the page: "App模块（三方SDK）的权限列表";
/// then the offline page's (see [`OTHERS_PAGE`]).
pub(crate) const MODULES: &[Module] = &[
    Module {
        key: "Bluetooth",
        sdk: None,
        android: BLUETOOTH,
        providers: &[],
        source: PERMISSIONS_PAGE,
    },
    Module {
        // The page's heading says "Contact"; the modules key is `Contacts`.
        key: "Contacts",
        sdk: None,
        android: &[
            "android.permission.GET_ACCOUNTS",
            "android.permission.WRITE_CONTACTS",
            "android.permission.READ_CONTACTS",
        ],
        providers: &[],
        source: PERMISSIONS_PAGE,
    },
    Module {
        key: "Fingerprint",
        sdk: None,
        android: &["android.permission.USE_FINGERPRINT"],
        providers: &[],
        source: PERMISSIONS_PAGE,
    },
    Module {
        key: "FacialRecognitionVerify",
        sdk: None,
        android: &[
            "android.permission.INTERNET",
            "android.permission.ACCESS_NETWORK_STATE",
            "android.permission.CAMERA",
            "android.permission.RECORD_AUDIO",
            "android.permission.FOREGROUND_SERVICE",
            "android.permission.WRITE_EXTERNAL_STORAGE",
            "android.permission.READ_EXTERNAL_STORAGE",
        ],
        providers: &[],
        source: PERMISSIONS_PAGE,
    },
    Module {
        key: "iBeacon",
        sdk: None,
        android: BLUETOOTH,
        providers: &[],
        source: PERMISSIONS_PAGE,
    },
    Module {
        key: "Messaging",
        sdk: None,
        android: &[
            "android.permission.RECEIVE_SMS",
            "android.permission.SEND_SMS",
            "android.permission.WRITE_SMS",
            "android.permission.READ_SMS",
        ],
        providers: &[],
        source: PERMISSIONS_PAGE,
    },
    Module {
        key: "Maps",
        sdk: Some("maps"),
        android: &[],
        providers: &[
            Provider {
                key: "amap",
                android: AMAP_MAPS,
            },
            Provider {
                key: "baidu",
                android: LOCATION_SDK,
            },
        ],
        source: PERMISSIONS_PAGE,
    },
    Module {
        key: "Geolocation",
        sdk: Some("geolocation"),
        android: &[],
        providers: &[
            Provider {
                key: "system",
                android: LOCATION_SDK,
            },
            Provider {
                key: "amap",
                android: LOCATION_SDK,
            },
        ],
        source: GEOLOCATION_PAGE,
    },
    Module {
        key: "OAuth",
        sdk: Some("oauth"),
        android: &[],
        providers: &[
            WEIXIN,
            QQ,
            Provider {
                key: "sina",
                android: &[],
            },
            Provider {
                key: "xiaomi",
                android: &[],
            },
        ],
        source: PERMISSIONS_PAGE,
    },
    Module {
        key: "Payment",
        sdk: Some("payment"),
        android: &[],
        providers: &[
            Provider {
                key: "alipay",
                android: &[
                    "android.permission.ACCESS_NETWORK_STATE",
                    "android.permission.ACCESS_WIFI_STATE",
                ],
            },
            WEIXIN,
        ],
        source: PERMISSIONS_PAGE,
    },
    Module {
        key: "Push",
        sdk: Some("push"),
        android: &[],
        providers: &[
            Provider {
                key: "unipush",
                android: GETUI,
            },
            Provider {
                key: "igexin",
                android: GETUI,
            },
        ],
        source: PERMISSIONS_PAGE,
    },
    Module {
        key: "Share",
        sdk: Some("share"),
        android: &[],
        providers: &[
            WEIXIN,
            QQ,
            Provider {
                key: "sina",
                android: &[
                    "android.permission.CHANGE_WIFI_STATE",
                    "android.permission.ACCESS_WIFI_STATE",
                    "android.permission.ACCESS_NETWORK_STATE",
                    "android.permission.INTERNET",
                    "android.permission.WRITE_EXTERNAL_STORAGE",
                ],
            },
        ],
        source: PERMISSIONS_PAGE,
    },
    Module {
        key: "Speech",
        sdk: Some("speech"),
        android: &[],
        providers: &[
            Provider {
                key: "baidu",
                android: SPEECH,
            },
            Provider {
                key: "ifly",
                android: SPEECH,
            },
        ],
        source: PERMISSIONS_PAGE,
    },
    Module {
        key: "Statistic",
        sdk: Some("statics"),
        android: &[],
        providers: &[Provider {
            key: "umeng",
            android: &[
                "android.permission.READ_LOGS",
                "android.permission.RECEIVE_BOOT_COMPLETED",
                "android.permission.RECEIVE_USER_PRESENT",
            ],
        }],
        source: PERMISSIONS_PAGE,
    },
    Module {
        key: "Barcode",
        sdk: None,
        android: &[
            "android.permission.CAMERA",
            "android.permission.VIBRATE",
            "android.permission.FLASHLIGHT",
        ],
        providers: &[],
        source: OTHERS_PAGE,
    },
    Module {
        key: "Camera",
        sdk: None,
        android: &["android.permission.CAMERA"],
        providers: &[],
        source: OTHERS_PAGE,
    },
    Module {
        key: "LivePusher",
        sdk: None,
        android: &[
            "android.permission.INTERNET",
            "android.permission.ACCESS_NETWORK_STATE",
            "android.permission.ACCESS_WIFI_STATE",
            "android.permission.WRITE_EXTERNAL_STORAGE",
            "android.permission.READ_EXTERNAL_STORAGE",
            "android.permission.RECORD_AUDIO",
            "android.permission.MODIFY_AUDIO_SETTINGS",
            "android.permission.BLUETOOTH",
            "android.permission.CAMERA",
            "android.permission.READ_PHONE_STATE",
        ],
        providers: &[],
        source: OTHERS_PAGE,
    },
    Module {
        key: "Record",
        sdk: None,
        android: &[
            "android.permission.RECORD_AUDIO",
            "android.permission.MODIFY_AUDIO_SETTINGS",
        ],
        providers: &[],
        source: OTHERS_PAGE,
    },
    Module {
        // The page gives the module no permission: it adds none.
        key: "SQLite",
        sdk: None,
        android: &[],
        providers: &[],
        source: OTHERS_PAGE,
    },
    Module {
        // The page gives the module no permission: it adds none.
        key: "VideoPlayer",
        sdk: None,
        android: &[],
        providers: &[],
        source: OTHERS_PAGE,
    },
];

/// The module of `key`, if permaudit knows it.
pub(crate) fn find(key: &str) -> Option<&'static Module> {
    MODULES.iter().find(|m| m.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_permission_is_a_full_name_and_listed_once_per_row() {
        let mut lists: Vec<(&str, &[&str])> = vec![("defaults", DEFAULTS)];
        for m in MODULES {
            lists.push((m.key, m.android));
            for p in m.providers {
                lists.push((p.key, p.android));
            }
        }
        for (name, list) in lists {
            let mut seen = std::collections::BTreeSet::new();
            for p in list {
                assert!(p.contains('.'), "{name}: {p} is not a full name");
                assert!(seen.insert(*p), "{name}: {p} twice");
            }
        }
    }

    #[test]
    fn keys_are_unique_and_provider_modules_name_their_section() {
        let mut keys = std::collections::BTreeSet::new();
        for m in MODULES {
            assert!(keys.insert(m.key), "{} twice", m.key);
            assert_eq!(m.sdk.is_some(), !m.providers.is_empty(), "{}", m.key);
        }
        assert!(
            find("FaceID").is_none(),
            "no DCloud page lists FaceID's Android permissions"
        );
        assert_eq!(
            find("Camera").map(|m| m.android),
            Some(&["android.permission.CAMERA"][..])
        );
        assert_eq!(
            find("Fingerprint").map(|m| m.android),
            Some(&["android.permission.USE_FINGERPRINT"][..])
        );
    }
}
