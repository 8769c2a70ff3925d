//! A finance tool that already holds the 自评表 in its database builds the model in code and
//! lints it, with no document at all. Run: `cargo run --example finance_tool`.

use jixiao_lint::Lang;
use jixiao_lint::lint::{Options, lint_model};
use jixiao_lint::model::{
    Cell, FundKind, FundRow, IndicatorRow, Report, SelfEvalTable, Text, TotalRow,
};

fn cell(v: &str) -> Option<Cell> {
    Some(Cell::new(v, None))
}

fn main() {
    let fund = vec![
        FundRow {
            label: Text::new("年度资金总额", None),
            kind: FundKind::Total,
            initial_budget: cell("565.72"),
            budget: cell("587.65"),
            executed: cell("587.65"),
            weight: cell("10"),
            rate: cell("100%"),
            score: cell("10"),
            span: None,
        },
        FundRow {
            label: Text::new("当年财政拨款", None),
            kind: FundKind::CurrentAppropriation,
            initial_budget: cell("565.72"),
            budget: cell("580.65"), // a slip: the parts no longer add up to the total
            executed: cell("587.65"),
            weight: None,
            rate: None,
            score: None,
            span: None,
        },
    ];
    let row = |name: &str, target: &str, actual: &str, weight: &str, score: &str| IndicatorRow {
        name: Text::new(name, None),
        target: cell(target),
        actual: cell(actual),
        weight: cell(weight),
        score: cell(score),
        ..Default::default()
    };
    let table = SelfEvalTable {
        fund_rows: fund,
        indicators: vec![
            row("扶持单位数", "10家", "10", "50", "50"),
            row("服务对象满意度", "≥90%", "95%", "40", "38"), // met, yet points deducted
        ],
        total: Some(TotalRow {
            weight: cell("100"),
            score: cell("98"),
            span: None,
        }),
        grade: Some(Text::new("优", None)),
        ..Default::default()
    };
    let report = Report {
        tables: vec![table],
        ..Default::default()
    };
    for d in lint_model(&report, &Options::default()) {
        // the texts are rendered in the language the reader asks for
        let msg = d.message.render(Lang::Zh);
        println!("{} {} {}: {msg}", d.severity, d.code, d.rule);
        if let Some(h) = &d.help {
            println!("    {}", h.render(Lang::En));
        }
    }
}
