#![no_main]
//! .xlsx reading on arbitrary bytes (seeded with real .xlsx files).
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = jixiao_lint::lint_bytes("f.xlsx", data, &Default::default());
});
