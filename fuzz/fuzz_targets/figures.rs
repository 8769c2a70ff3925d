#![no_main]
//! Figure parsing on arbitrary text: cells and streams.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let _ = jixiao_lint::internals::figure::parse_cell(&s, None);
    let mut st = jixiao_lint::internals::CharStream::new();
    st.push_range(&s, 0, s.len());
    for f in jixiao_lint::internals::figure::scan_figures(&st) {
        let _ = f.interval();
        let _ = f.value();
    }
    let _ = jixiao_lint::internals::figure::parse_chinese_numeral(&s);
});
