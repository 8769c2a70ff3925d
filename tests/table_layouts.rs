//! The same 自评表 written as tab-separated rows, a Markdown pipe table, an HTML table with one
//! cell per line, and space-aligned columns (`pdftotext -layout`) gives the same findings.

mod common;
use common::findings;
use std::collections::BTreeSet;

const ROWS: &[&[&str]] = &[
    &[
        "资金情况(万元)",
        "年度资金总额",
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "分值",
        "执行率",
        "得分",
    ],
    &["", "合计", "565.72", "587.65", "587.65", "10", "95%", "10"],
    &[
        "",
        "其中：当年财政拨款",
        "565.72",
        "580.65",
        "587.65",
        "",
        "",
        "",
    ],
    &[
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ],
    &[
        "",
        "产出指标 (50分)",
        "数量指标",
        "扶持单位数",
        "10家",
        "10",
        "50",
        "45",
        "",
    ],
    &[
        "",
        "满意度指标 (40分)",
        "服务对象满意度指标",
        "服务对象满意度",
        "≥90%",
        "95%",
        "40",
        "41",
        "",
    ],
    &["总分", "", "", "", "", "", "100", "96", "等级：良"],
];

fn tabs() -> String {
    ROWS.iter()
        .map(|r| r.join("\t"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn pipes() -> String {
    ROWS.iter()
        .map(|r| format!("| {} |", r.join(" | ")))
        .collect::<Vec<_>>()
        .join("\n")
}

fn html() -> String {
    let mut s = String::from("<table>\n");
    for r in ROWS {
        s += "<tr>\n";
        for c in r.iter() {
            s += &format!("<td>{c}</td>\n");
        }
        s += "</tr>\n";
    }
    s + "</table>"
}

fn spaces() -> String {
    ROWS.iter()
        .map(|r| {
            r.iter()
                .filter(|c| !c.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join("    ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn rules(text: &str) -> BTreeSet<String> {
    findings(&format!("2020 年度部门整体支出绩效自评表\n{text}\n"))
        .into_iter()
        .map(|(r, _)| r)
        .collect()
}

#[test]
fn same_findings_in_every_layout() {
    let want: BTreeSet<String> = [
        "execution-rate",        // 587.65 / 587.65 is not 95%
        "fund-rows-sum",         // 580.65 ≠ 587.65
        "score-exceeds-weight",  // 41 > 40
        "attainment-score",      // 10 of 10 yet 45 of 50, no reason
        "deviation-unexplained", // points lost, no reason
        "grade-band",            // 96 is 优, not 良 (10 + 45 + 41 = 96 and Σ 分值 = 100 hold)
    ]
    .into_iter()
    .map(String::from)
    .collect();
    for (name, text) in [
        ("tabs", tabs()),
        ("pipes", pipes()),
        ("html", html()),
        ("spaces", spaces()),
    ] {
        assert_eq!(rules(&text), want, "{name}:\n{text}");
    }
}
