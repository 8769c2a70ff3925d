#![no_main]
//! The whole text pipeline on arbitrary bytes: decoding, extraction, rules, renderers.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let r = jixiao_lint::lint_bytes_as("f.txt", data, "text", &Default::default());
    let one = std::slice::from_ref(&r);
    let _ = jixiao_lint::render::json::render(one);
    let _ = jixiao_lint::render::human::render(one, jixiao_lint::Lang::Zh, false);
    let _ = jixiao_lint::render::html::render(one, jixiao_lint::Lang::Zh);
});
