//! Hostile inputs end with a normal result, never a panic, in bounded time.

mod common;

use jixiao_lint::internals::decode;
use jixiao_lint::lint::{Options, lint_text};
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
        &"收入999999999999999亿元，其中A 999999999999999亿元，".repeat(300),
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
    // (found by the fuzzer: a bracket after an amount at the deepest nesting overflowed the
    // depth of the list it opens)
    survive(
        "brackets after amounts, 300 deep",
        &"收入100万元(".repeat(300),
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
    // one long line of prose with figures (10 MB in the release-only test below)
    let line = "当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元，".repeat(4_000);
    survive("long line", &line);
    // 20,000 lines
    let many = "收入 10 万元，其中 A 4 万元，B 6 万元。\n".repeat(20_000);
    survive("many lines", &many);
}

#[test]
fn bad_bytes_are_a_clear_error() {
    // a UTF-16 byte-order mark followed by an odd byte count
    let e = decode(&[0xff, 0xfe, 0x00, 0x41, 0xc3]).unwrap_err();
    assert!(e.message().contains("UTF-16"), "{e}");
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    assert!(
        decode(&noise)
            .unwrap_err()
            .message()
            .contains("cannot decode")
    );
    assert_eq!(decode(b"\xEF\xBB\xBFabc").unwrap(), "abc");
}

#[test]
fn xml_entity_expansion_is_not_expanded() {
    // "billion laughs": entities are never expanded, so this stays small and fast
    let mut dtd = String::from("<!DOCTYPE w [<!ENTITY a \"哈哈哈哈哈哈哈哈哈哈\">");
    let mut prev = "a".to_string();
    for i in 0..10 {
        let name = format!("e{i}");
        dtd += &format!("<!ENTITY {name} \"{}\">", format!("&{prev};").repeat(10));
        prev = name;
    }
    dtd += "]>";
    let doc = format!(
        "<?xml version=\"1.0\"?>{dtd}<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>&{prev};收入10万元</w:t></w:r></w:p></w:body></w:document>"
    );
    let t = Instant::now();
    let r = jixiao_lint::lint_bytes(
        "laughs.docx",
        &common::zip(&[("word/document.xml", doc)]),
        &Options::default(),
    );
    assert!(t.elapsed().as_secs() < 5);
    if let Some(src) = &r.source {
        assert!(src.text().len() < 10_000, "entities were expanded");
    }
}

#[test]
#[cfg(unix)]
fn symlink_loop_in_a_folder() {
    let d = std::env::temp_dir().join(format!("jixiao-loop-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(d.join("a")).unwrap();
    std::os::unix::fs::symlink(&d, d.join("a/loop")).unwrap();
    std::fs::write(
        d.join("a/r.txt"),
        "会议费当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao-lint"))
        .args(["check", "--format", "json"])
        .arg(&d)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"].as_array().unwrap().len(), 1);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn gbk_mislabelled_as_utf8_is_decoded() {
    let (gbk, _, _) =
        encoding_rs::GBK.encode("会议费当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。");
    let r = jixiao_lint::lint_bytes("utf8.txt", &gbk, &Options::default());
    assert!(r.error.is_none());
    assert_eq!(r.diagnostics[0].rule, "change-direction");
}

/// Large inputs: run in release (`cargo test --release --test hostile`), as .ci/run does.
#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "large inputs are measured in release builds"
)]
fn ten_megabyte_line_and_fifty_megabytes_of_text() {
    let line =
        "会议费当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元，".repeat(10 * 1024 * 1024 / 90);
    let t = Instant::now();
    let r = lint_text("line.txt", &line, &Options::default());
    assert!(!r.diagnostics.is_empty());
    assert!(
        t.elapsed().as_secs() < 30,
        "10 MB line took {:?}",
        t.elapsed()
    );
    let page = include_str!("fixtures/003_a54991f576d2d3e5.txt");
    let big = page.repeat(50 * 1024 * 1024 / page.len());
    let t = Instant::now();
    let r = lint_text("big.txt", &big, &Options::default());
    assert!(r.diagnostics.len() > 1000);
    assert!(t.elapsed().as_secs() < 60, "50 MB took {:?}", t.elapsed());
}

/// A text made of a cell stream's hostile shapes: linear time, no panic, no finding.
fn no_finding_quickly(name: &str, text: &str, limit_ms: u128) {
    let t = Instant::now();
    let r = lint_text(name, text, &Options::default());
    let took = t.elapsed().as_millis();
    let serious: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.severity >= jixiao_lint::Severity::Warning)
        .map(|d| d.rule)
        .collect();
    assert!(serious.is_empty(), "{name}: {serious:?}");
    // (a debug build is slower: the bound is for release builds, ten times looser here)
    let limit = if cfg!(debug_assertions) {
        limit_ms * 10
    } else {
        limit_ms
    };
    assert!(took < limit, "{name} took {took} ms");
}

#[test]
fn cell_stream_shapes() {
    let header = "年初预算数 全年预算数 全年执行数 分值 执行率 得分 ";
    // 10,000 cells on one flattened line
    let cells: String = (0..10_000).map(|i| format!("{} ", i % 97)).collect();
    no_finding_quickly(
        "10k cells",
        &format!("{header}年度资金总额 {cells}\n"),
        2000,
    );
    // a header repeated 1,000 times, flattened and one cell per line
    no_finding_quickly("header ×1000", &header.repeat(1000), 2000);
    no_finding_quickly(
        "header ×1000, one cell per line",
        &header
            .split(' ')
            .collect::<Vec<_>>()
            .join("\n")
            .repeat(1000),
        2000,
    );
    // a stream of only numbers
    no_finding_quickly("numbers", &"12.5 ".repeat(20_000), 2000);
    no_finding_quickly("numbers, one per line", &"12.5\n".repeat(20_000), 2000);
    // a table with no values
    let empty = "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施 产出指标 数量指标 培训人数 质量指标 合格率 总分 等级：优\n";
    no_finding_quickly(
        "no values",
        &format!("{header}年度资金总额 其中：当年财政拨款 上年结转资金\n{empty}"),
        500,
    );
    // linear: 10× the cells takes about 10× the time, not 100×
    let t1 = Instant::now();
    let _ = lint_text(
        "a",
        &format!("{header}年度资金总额 {}\n", "5 ".repeat(2_000)),
        &Options::default(),
    );
    let a = t1.elapsed();
    let t2 = Instant::now();
    let _ = lint_text(
        "b",
        &format!("{header}年度资金总额 {}\n", "5 ".repeat(20_000)),
        &Options::default(),
    );
    let b = t2.elapsed();
    assert!(
        b < a * 40 + std::time::Duration::from_millis(50),
        "{a:?} → {b:?}"
    );
}
