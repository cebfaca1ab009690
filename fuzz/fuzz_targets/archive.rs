//! Archive reader (zip → APK/AAB/IPA entries → decoders), under permaudit's limits: any bytes
//! give inputs or an error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use permaudit::input::archive::{LIMITS, read_archive};

fuzz_target!(|data: &[u8]| {
    for name in ["fuzz.apk", "fuzz.aab", "fuzz.ipa"] {
        let _ = read_archive(name, data, &LIMITS);
    }
});
