//! Format detection and dispatch, as used for files named on the command line.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = permaudit::input::parse("input", data);
});
