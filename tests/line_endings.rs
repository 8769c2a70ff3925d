//! CR, LF and CRLF all end a line: the same findings at the same lines and columns, spans that
//! point at the same characters.

use jixiao_lint::lint::{Options, lint_text};

fn findings(text: &str) -> Vec<(String, usize, usize, String)> {
    let r = lint_text("t.txt", text, &Options::default());
    let src = r.source.as_ref().expect("a source");
    r.diagnostics
        .iter()
        .map(|d| {
            let sp = d.span.expect("a span");
            let lc = src.line_col(sp.offset);
            let at = src.text()[sp.offset..sp.end()].to_string();
            (d.rule.to_string(), lc.line, lc.column, at)
        })
        .collect()
}

fn with_endings(lines: &[&str], eol: &str) -> String {
    lines.iter().map(|l| format!("{l}{eol}")).collect()
}

#[test]
fn every_line_ending_reads_the_same() {
    let docs: [&[&str]; 3] = [
        &[
            "关于2023年度部门整体支出绩效自评报告",
            "当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。",
        ],
        &[
            "一、部门基本情况",
            "",
            "2023年收入合计 500 万元，其中：财政拨款收入 400 万元，其他收入 200 万元。",
        ],
        &[
            "（一）三公经费",
            "三公经费支出 12 万元，",
            "比上年 10 万元增加 2 万元，增长 25%。公务接待费 3 万元，比上年 5 万元增加 2 万元。",
        ],
    ];
    for lines in docs {
        let lf = findings(&with_endings(lines, "\n"));
        assert!(!lf.is_empty(), "{lines:?} has a finding");
        for eol in ["\r", "\r\n"] {
            assert_eq!(findings(&with_endings(lines, eol)), lf, "{eol:?} {lines:?}");
        }
    }
}

#[test]
fn lone_cr_keeps_offsets_and_crlf_stays_crlf() {
    let r = lint_text("t.txt", "标题\r正文\r\n末行", &Options::default());
    let src = r.source.expect("a source");
    assert_eq!(src.line_count(), 3);
    assert_eq!(src.line_text(0), "标题");
    assert_eq!(src.line_text(1), "正文");
    assert_eq!(src.line_text(2), "末行");
    // one byte for one byte: the text keeps its length, CRLF is kept
    assert_eq!(src.text().len(), "标题\r正文\r\n末行".len());
    assert!(src.text().contains("\r\n"));
}
