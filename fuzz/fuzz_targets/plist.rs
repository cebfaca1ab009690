//! Info.plist parser (XML and binary): any bytes → requests or an error, never a panic, hang or
//! unbounded allocation (binary plists with shared or cyclic references included).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = permaudit::input::plist::parse_plist("Info.plist", data);
    // The same bytes behind a binary header reach the object-graph guard.
    let mut binary = b"bplist00".to_vec();
    binary.extend_from_slice(data);
    let _ = permaudit::input::plist::parse_plist("Info.plist", &binary);
});
