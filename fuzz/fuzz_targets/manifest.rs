//! Text AndroidManifest.xml parser: any bytes → requests or an error, never a panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(parsed) = permaudit::input::android::parse_manifest("AndroidManifest.xml", data) {
        // Positions must lie inside the input.
        let lines = data.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
        for r in &parsed.requests {
            assert!(r.location.line.is_some_and(|l| l >= 1 && l <= lines));
        }
    }
});
