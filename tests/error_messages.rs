//! An input that cannot be read gives a typed error: its kind (to match on), its English
//! message (what JSON and SARIF carry) and a Chinese text that names the real cause and what
//! to do. Each case is a real input read through the public API, not a message string.

mod common;

use jixiao_lint::Lang;
use jixiao_lint::error::{InputError, InputErrorKind as K};
use jixiao_lint::lint::{Options, lint_bytes, lint_bytes_as};

fn error_of(name: &str, bytes: &[u8]) -> InputError {
    lint_bytes(name, bytes, &Options::default())
        .error
        .unwrap_or_else(|| panic!("{name} should be refused"))
}

#[test]
fn each_unreadable_input_has_its_kind_and_its_chinese_cause() {
    let cases: Vec<(&str, Vec<u8>, K, &str)> = vec![
        ("empty.txt", Vec::new(), K::Empty, "文件是空的"),
        ("bomb.docx", common::zip_bomb_docx(), K::ZipBomb, "压缩炸弹"),
        (
            "notes.zip",
            common::zip(&[("a.txt", "收入".to_string())]),
            K::ZipNotOffice,
            "不是 .docx、.xlsx 或 .ods",
        ),
        (
            "report.odt",
            common::zip(&[("content.xml", "<x/>".to_string())]),
            K::Odt,
            ".odt",
        ),
        (
            "renamed.docx",
            common::zip(&[("a.txt", "收入".to_string())]),
            K::Damaged,
            "已损坏",
        ),
        (
            "bad.txt",
            // a UTF-16 byte-order mark followed by half a code unit
            vec![0xFF, 0xFE, 0x41],
            K::Undecodable,
            "无法识别文件内容",
        ),
    ];
    for (name, bytes, kind, zh) in cases {
        let e = error_of(name, &bytes);
        assert_eq!(e.kind(), kind, "{name}: {e}");
        let text = e.localized(Lang::Zh);
        assert!(text.contains(zh), "{name}: {text}");
        // the English detail stays in brackets for whoever must look further
        assert!(text.ends_with(&format!("（{e}）")), "{name}: {text}");
        assert_eq!(e.localized(Lang::En), e.to_string());
    }
}

#[test]
fn too_large_says_how_large_in_megabytes() {
    let e = InputError::too_large(70_000_000, 64 * 1024 * 1024);
    assert_eq!(
        e.kind(),
        K::TooLarge {
            bytes: 70_000_000,
            limit: 64 * 1024 * 1024
        }
    );
    assert_eq!(
        e.to_string(),
        "file is 70000000 bytes, over the limit of 67108864 bytes"
    );
    let zh = e.localized(Lang::Zh);
    assert!(
        zh.contains("文件过大（66.8 MB）") && zh.contains("64 MB"),
        "{zh}"
    );
}

#[test]
fn a_declared_format_the_content_does_not_have() {
    let r = lint_bytes_as(
        "a.xlsx",
        "收入 100 万元".as_bytes(),
        "xlsx",
        &Options::default(),
    );
    let e = r.error.expect("refused");
    assert_eq!(e.kind(), K::Format);
    assert_eq!(e.to_string(), "declared xlsx, but the content is text");
    let r = lint_bytes_as("a.txt", b"x", "rtf", &Options::default());
    assert_eq!(
        r.error.expect("refused").to_string(),
        "unknown format 'rtf'"
    );
}

#[test]
fn json_carries_the_english_message() {
    let r = lint_bytes("empty.txt", b"", &Options::default());
    let j = r.to_json();
    assert_eq!(j["error"], "the file is empty");
}
