//! What finance software embedding the library relies on: a model built in code is linted
//! with the places it gave its cells, findings render in either language without linting again,
//! and the options refuse names of no rule.

use jixiao_lint::model::{Cell, FundKind, FundRow, Report, SelfEvalTable, Text};
use jixiao_lint::{Lang, Options, lint_model, lint_text};

fn fund_row(rate: Cell, score: Cell) -> FundRow {
    FundRow {
        label: Text::new("年度资金总额", None),
        kind: FundKind::Total,
        initial_budget: None,
        budget: Some(Cell::at("587.65", "资金!D5")),
        executed: Some(Cell::at("500.00", "资金!E5")),
        weight: Some(Cell::at("10", "资金!F5")),
        rate: Some(rate),
        score: Some(score),
        span: None,
    }
}

fn report(row: FundRow) -> Report {
    Report {
        tables: vec![SelfEvalTable {
            fund_rows: vec![row],
            ..Default::default()
        }],
        ..Default::default()
    }
}

#[test]
fn a_model_built_in_code_carries_its_cells_places_into_the_findings() {
    // 500 / 587.65 = 85.1%, not 95%
    let r = report(fund_row(
        Cell::at("95%", "资金!G5"),
        Cell::at("8.5", "资金!H5"),
    ));
    let d = lint_model(&r, &Options::default());
    let rate = d
        .iter()
        .find(|d| d.rule == "execution-rate")
        .expect("{d:?}");
    assert_eq!(rate.location.as_deref(), Some("资金!G5"));
    assert_eq!(rate.span, None, "no text, no span");
    // the figures it used keep their places too
    let places: Vec<&str> = rate
        .labels
        .iter()
        .filter_map(|l| l.location.as_deref())
        .collect();
    assert_eq!(places, ["资金!E5", "资金!D5"]);
    assert!(rate.labels.iter().all(|l| l.span.is_none()));
    // the consistent row has no finding, hence no place
    let ok = report(fund_row(
        Cell::at("85.09%", "资金!G5"),
        Cell::at("8.5", "资金!H5"),
    ));
    assert!(
        lint_model(&ok, &Options::default())
            .iter()
            .all(|d| d.rule != "execution-rate")
    );
    // a cell without a place gives a finding without one
    let plain = report(fund_row(Cell::new("95%", None), Cell::new("8.5", None)));
    let d = lint_model(&plain, &Options::default());
    let rate = d.iter().find(|d| d.rule == "execution-rate").unwrap();
    assert_eq!(rate.location, None);
}

#[test]
fn one_lint_renders_in_either_language() {
    let r = lint_text(
        "r.txt",
        "当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。",
        &Options::default(),
    );
    let d = &r.diagnostics[0];
    let zh = d.message.render(Lang::Zh);
    let en = d.message.render(Lang::En);
    assert!(zh.contains("却写作“减少”"), "{zh}");
    assert!(en.contains("yet the text says a decrease"), "{en}");
    // labels and help follow the same language
    assert_eq!(
        d.primary_label.as_ref().unwrap().render(Lang::En),
        "direction"
    );
    let labels: Vec<String> = d.labels.iter().map(|l| l.text.render(Lang::Zh)).collect();
    assert_eq!(labels, ["本年", "上年"]);
    // every label carries its line and column
    assert!(
        d.labels
            .iter()
            .all(|l| l.start.is_some_and(|p| p.line == 1))
    );
    // the JSON renderer speaks the result's language, changed after linting
    let mut r = r;
    r.lang = Lang::En;
    let j = r.to_json();
    assert_eq!(j["diagnostics"][0]["message"], en.as_str());
    assert_eq!(j["diagnostics"][0]["labels"][0]["text"], "this year");
}

#[test]
fn options_refuse_a_name_of_no_rule_in_both_languages() {
    let e = Options::builder()
        .ignore("change-directoin")
        .build()
        .unwrap_err();
    assert_eq!(e.name, "change-directoin");
    assert!(
        e.localized(Lang::Zh)
            .contains("没有名为“change-directoin”的规则")
    );
    assert!(Options::builder().ignore("JX105").build().is_ok());
    assert!(
        Options::builder().select("budget").build().is_ok(),
        "a group name"
    );
}
