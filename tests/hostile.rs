//! Hostile inputs end with a normal result, never a panic, in bounded time.

use jixiao_lint::lint::{Options, decode, lint_text};
use std::time::Instant;

fn survive(name: &str, text: &str) {
    let t = Instant::now();
    let r = lint_text(name, text, &Options::default());
    let _ = jixiao_lint::render::json::render(std::slice::from_ref(&r));
    let _ =
        jixiao_lint::render::human::render(std::slice::from_ref(&r), jixiao_lint::Lang::Zh, false);
    assert!(t.elapsed().as_secs() < 20, "{name} took {:?}", t.elapsed());
}

#[test]
fn degenerate_texts() {
    survive("empty", "");
    survive("whitespace", " \n\t\n\u{3000}\r\n");
    survive("nul", "收入\u{0}587.65万元\u{0}，其中\u{0}\u{0}");
    survive("digits", &"9".repeat(10_000));
    survive(
        "forty digits",
        "收入1234567890123456789012345678901234567890万元，其中A 1万元，B 2万元。",
    );
    survive(
        "1e999",
        "收入1e999万元，比上年1e999万元增加1e999万元，增长1e999%。",
    );
    survive(
        "huge amounts",
        &"收入999999999999999亿元，其中A 999999999999999亿元，".repeat(2000),
    );
    survive(
        "only markers",
        &"其中，其中：其中为由组成分别为占比为%，比上年增加减少下降".repeat(500),
    );
    survive(
        "unicode soup",
        "①②③㈠㈡⑴⑵㎡％％％．．．，，，〇〇〇亿亿亿万万万十十十余余余",
    );
    survive(
        "numerals",
        &"一亿亿亿亿亿亿亿亿亿亿亿亿亿亿万万万万万万元".repeat(50),
    );
}

#[test]
fn huge_tables_and_lines() {
    // a table with 10,000 columns
    let header = "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n";
    let wide = (0..10_000)
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join("\t");
    survive("wide", &format!("{header}{wide}\n"));
    // deeply nested HTML
    let deep = format!(
        "{}收入10万元{}",
        "<div>".repeat(50_000),
        "</div>".repeat(50_000)
    );
    survive("deep html", &deep);
    // one 2 MB line of prose with figures
    let line = "当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元，".repeat(40_000);
    survive("long line", &line);
    // 20,000 lines
    let many = "收入 10 万元，其中 A 4 万元，B 6 万元。\n".repeat(20_000);
    survive("many lines", &many);
}

#[test]
fn bad_bytes_are_a_clear_error() {
    // a UTF-16 byte-order mark followed by an odd byte count
    let e = decode(&[0xff, 0xfe, 0x00, 0x41, 0xc3]).unwrap_err();
    assert!(e.contains("UTF-16"), "{e}");
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    assert!(decode(&noise).unwrap_err().contains("cannot decode"));
    assert_eq!(decode(b"\xEF\xBB\xBFabc").unwrap(), "abc");
}
