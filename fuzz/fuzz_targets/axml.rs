//! Binary AXML decoder: any bytes give requests or an error, never a panic, hang or
//! unbounded allocation.
#![no_main]

use libfuzzer_sys::fuzz_target;
use permaudit::input::axml::parse_binary_manifest;
use permaudit::model::InputKind;

fuzz_target!(|data: &[u8]| {
    let _ = parse_binary_manifest("fuzz.xml", data, InputKind::BinaryManifest);
});
