//! Privacy-policy document import (pipe tables, HTML tables, lists): any bytes → a policy with
//! diagnostics or an error, never a panic or hang; an imported policy's YAML loads back.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(imported) = permaudit::policy::import::import_bytes(data, "policy.md") {
        if imported.stats.unresolved_rows == 0 {
            if let Err(e) = permaudit::policy::parse(&imported.yaml, Some("imported.yaml")) {
                panic!("imported YAML does not load: {e}\n{}", imported.yaml);
            }
        }
    }
});
