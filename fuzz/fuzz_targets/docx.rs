#![no_main]
//! .docx reading on arbitrary bytes (seeded with real .docx files).
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = jixiao_lint::lint_bytes("f.docx", data, &Default::default());
});
