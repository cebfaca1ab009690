//! The Apple platform of an Info.plist read on its own (outside an Xcode project): folder
//! conventions first (Flutter's `macos/`, .NET MAUI's `Platforms/MacCatalyst/`), then the
//! keys a built Info.plist carries (`CFBundleSupportedPlatforms`, `LSMinimumSystemVersion`,
//! `WKApplication`). A plist that says nothing is iOS, as permaudit always read it.

use crate::model::ApplePlatform;

/// The platform a folder convention gives `path` (`/`-separated), if any.
pub fn from_path(path: &str) -> Option<ApplePlatform> {
    let inner = path.rsplit_once("!/").map_or(path, |(_, entry)| entry);
    let dirs: Vec<&str> = inner.split('/').collect();
    let dirs = &dirs[..dirs.len().saturating_sub(1)];
    dirs.iter().rev().find_map(|d| {
        let d = d.to_ascii_lowercase();
        match d.as_str() {
            "macos" | "maccatalyst" | "macosx" | "osx" => Some(ApplePlatform::Macos),
            "watchos" => Some(ApplePlatform::Watchos),
            "tvos" => Some(ApplePlatform::Tvos),
            "visionos" | "xros" => Some(ApplePlatform::Visionos),
            // An `ios/` folder decides too: it stops a `macos` further up from applying.
            "ios" => Some(ApplePlatform::Ios),
            _ => None,
        }
    })
}

/// The platform the compiled keys of a plist's top-level dictionary give, if any.
pub fn from_keys(dict: &plist::Dictionary) -> Option<ApplePlatform> {
    if let Some(platforms) = dict
        .get("CFBundleSupportedPlatforms")
        .and_then(plist::Value::as_array)
    {
        for p in platforms.iter().filter_map(plist::Value::as_string) {
            let p = p.to_ascii_lowercase();
            let found = if p.starts_with("iphone") {
                Some(ApplePlatform::Ios)
            } else if p.starts_with("macosx") || p == "maccatalyst" {
                Some(ApplePlatform::Macos)
            } else if p.starts_with("watch") {
                Some(ApplePlatform::Watchos)
            } else if p.starts_with("appletv") {
                Some(ApplePlatform::Tvos)
            } else if p.starts_with("xr") {
                Some(ApplePlatform::Visionos)
            } else {
                None
            };
            if found.is_some() {
                return found;
            }
        }
    }
    if dict.contains_key("WKApplication") || dict.contains_key("WKWatchKitApp") {
        return Some(ApplePlatform::Watchos);
    }
    if dict.contains_key("LSMinimumSystemVersion") && !dict.contains_key("LSRequiresIPhoneOS") {
        return Some(ApplePlatform::Macos);
    }
    None
}

/// The platform of a loose Info.plist: folder convention, else compiled keys.
pub fn classify(path: &str, bytes: &[u8]) -> Option<ApplePlatform> {
    if let Some(p) = from_path(path) {
        return Some(p);
    }
    let value = plist::Value::from_reader(std::io::Cursor::new(bytes)).ok()?;
    from_keys(value.as_dictionary()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders() {
        assert_eq!(
            from_path("macos/Runner/Info.plist"),
            Some(ApplePlatform::Macos)
        );
        assert_eq!(
            from_path("app/Platforms/MacCatalyst/Info.plist"),
            Some(ApplePlatform::Macos)
        );
        assert_eq!(from_path("ios/Runner/Info.plist"), Some(ApplePlatform::Ios));
        assert_eq!(
            from_path("macos/sub/ios/Info.plist"),
            Some(ApplePlatform::Ios)
        );
        assert_eq!(from_path("Runner/Info.plist"), None);
        assert_eq!(from_path("macos.ipa!/Payload/A.app/Info.plist"), None);
    }

    #[test]
    fn keys() {
        let mut d = plist::Dictionary::new();
        d.insert("LSMinimumSystemVersion".into(), "11.0".into());
        assert_eq!(from_keys(&d), Some(ApplePlatform::Macos));
        d.insert(
            "CFBundleSupportedPlatforms".into(),
            plist::Value::Array(vec!["iPhoneOS".into()]),
        );
        assert_eq!(from_keys(&d), Some(ApplePlatform::Ios));
        assert_eq!(from_keys(&plist::Dictionary::new()), None);
    }
}
