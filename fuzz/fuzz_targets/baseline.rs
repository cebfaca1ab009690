//! Baseline files: any text → a baseline or an error with a location.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = permaudit::baseline::parse(text, "baseline.json", std::path::PathBuf::from("/"));
    }
});
