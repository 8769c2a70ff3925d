#![no_main]
//! The review server's multipart reader on arbitrary bodies and content types.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (head, body) = data.split_at(data.len().min(40));
    let ct = String::from_utf8_lossy(head);
    if let Some(b) = jixiao_lint::internals::multipart_boundary(&format!("multipart/form-data; boundary={ct}")) {
        if let Ok(parts) = jixiao_lint::internals::parse_multipart(body, &b, 64) {
            for p in parts {
                assert!(p.data.end <= body.len() && p.data.start <= p.data.end);
            }
        }
    }
});
