//! PDF documents for policy import: any bytes after a `%PDF-` header → a policy or an error
//! (encrypted, no text layer, unreadable), never a panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut pdf = b"%PDF-1.7\n".to_vec();
    pdf.extend_from_slice(data);
    let _ = permaudit::policy::import::import_bytes(&pdf, "policy.pdf");
});
