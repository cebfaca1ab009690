//! Word documents for policy import: fuzz bytes as `word/document.xml` inside a real zip, and
//! as the whole file (a zip that may be broken) → a policy or an error, never a panic or hang.
#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut docx = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut docx));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        if zip.start_file("word/document.xml", options).is_ok() {
            let _ = zip.write_all(data);
        }
        let _ = zip.finish();
    }
    let _ = permaudit::policy::import::import_bytes(&docx, "policy.docx");
    let mut raw = b"PK\x03\x04".to_vec();
    raw.extend_from_slice(data);
    let _ = permaudit::policy::import::import_bytes(&raw, "policy.docx");
});
