#![no_main]
//! .ods reading: the fuzzer's bytes are the content.xml of an OpenDocument spreadsheet
//! (repeats, nesting, entities, broken XML), packed as a real .ods so the reader, not the zip
//! check, is exercised.
use libfuzzer_sys::fuzz_target;
use std::io::Write;

fuzz_target!(|data: &[u8]| {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored);
    if w.start_file("mimetype", opts).is_err()
        || w
            .write_all(b"application/vnd.oasis.opendocument.spreadsheet")
            .is_err()
        || w.start_file("content.xml", opts).is_err()
        || w.write_all(data).is_err()
    {
        return;
    }
    let Ok(c) = w.finish() else { return };
    let _ = jixiao_lint::lint_bytes("f.ods", &c.into_inner(), &Default::default());
});
