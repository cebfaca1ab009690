//! App Bundle (aapt2 protobuf) manifest decoder: any bytes give requests or an error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use permaudit::input::proto::parse_proto_manifest;

fuzz_target!(|data: &[u8]| {
    let _ = parse_proto_manifest("fuzz.pb", data);
});
