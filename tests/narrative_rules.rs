//! Narrative rules: violations, clean cases, rounding traps, approximations, broken lines.

mod common;
use common::*;
use jixiao_lint::lint::{Options, lint_text};

fn rules(text: &str) -> Vec<String> {
    findings(text).into_iter().map(|(r, _)| r).collect()
}

fn has(text: &str, rule: &str) -> bool {
    rules(text).iter().any(|r| r == rule)
}

fn clean(text: &str) {
    let r = rules(text);
    assert!(r.is_empty(), "{text}\n{r:?}");
}

#[test]
fn breakdown_sum() {
    // parts exceed the total
    assert!(has(
        "转移支付755.19万元。其中:中央级124.23万元,省级370.83万元,市级资金260.3万元。",
        "breakdown-sum"
    ));
    // 为 list
    assert!(has(
        "省级资金转移支付124.23万元,为桂花村建设25万元,村集体帮助0.71万元,河堤工程100万元,改厕项目21.24万元;市级资金260.3万元,为奖励督查10万元,生态补偿资金250万元等。",
        "breakdown-sum"
    ));
    // rounding trap: 289.45 + 154.96 + 137.92 + 5.31 = 587.64 against 587.65
    clean(
        "2020 年支出 587.65 万元，其中工资福利 289.45 万元，商品和服务 154.96 万元，对个人和家庭的补助 137.92 万元，资本性支出 5.31 万元。",
    );
    // a partial 其中 list may fall short
    clean("2020 年支出 587.65 万元，其中基本支出 500 万元。");
    // a list that reaches the total part-way ended there
    clean("年末职工人数 13 人，其中在职人员 8 人，退休人员 5 人，下属单位聘用人员 12 人。");
    // approximate parts are never equality-checked: 40 余万元 could be 49
    clean("慰问支出 50 万元，其中慰问金 40 余万元，慰问品 5 万元。");
    // the 其中 list continues after a page break (blank line, broken sentence)
    let t = "决算收入587.65万元。其中：工资福利支出289.45万元；商品和服务支出16.7万元；\n\n军队移交经费 10 万元；老干部工作经费 300 万元。";
    assert!(has(t, "breakdown-sum"), "{:?}", rules(t));
    // 分别为 makes a complete list: falling short is an error
    assert!(has(
        "下设单位经费100万元，分别为甲单位40万元、乙单位50万元。",
        "breakdown-sum"
    ));
}

#[test]
fn three_public_expenses_identity() {
    let ok = "“三公”经费支出 5.8 万元，其中公务接待费支出 1.91 万元，车辆运行维护费支出 3.89 万元。出国费今年为零。";
    clean(ok);
    let bad = ok.replace("1.91", "1.81");
    assert!(has(&bad, "breakdown-sum"), "{:?}", rules(&bad));
}

#[test]
fn change_direction_amount_rate() {
    assert!(has(
        "会议费当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。",
        "change-direction"
    ));
    clean("培训费当年开支 3.04 万元，比上年 2.87 万元增加 0.17 万元。");
    // broken across lines with a blank line between
    clean("培训费当年开支 3.04 万元，比上年 2.87\n\n万元增加 0.17 万元，主要是举办了培训班。");
    assert!(has(
        "培训费当年开支 3.04 万元，比上年 2.87\n\n万元减少 0.17 万元。",
        "change-direction"
    ));
    assert!(has(
        "总收入587.65万元，比上年637.32万元减少47.67万元。",
        "change-amount"
    ));
    clean("总收入587.65万元，比上年637.32万元减少49.67万元。");
    // 10% for 0.65 / 6.45 = 10.08%: rounding trap
    clean("“三公”经费支出 5.8 万元，比上年 6.45 万元减少 0.65 万元，下降 10%。");
    clean("“三公”经费支出 5.8 万元，比上年 6.45 万元减少 0.65 万元，下降 10.1%。");
    assert!(has(
        "“三公”经费支出 5.8 万元，比上年 6.45 万元减少 0.65 万元，下降 11%。",
        "change-rate"
    ));
    // current and change only: prior = 75800 − 52044.27
    assert!(has(
        "商品和服务支出预算 75800 元，同比增加 52044.27 元，增长 50.63%。",
        "change-rate"
    ));
    clean("资本性支出 31500 元，同比增\n加21500 元，增长 215%。");
    // a sentence broken mid-word by the PDF
    clean(
        "基本支出预算 2476260.58 元,占一般公共预算支出\n的84.06%,同比减少 4966.66 元,下降 0.2%。",
    );
}

#[test]
fn unit_mismatch() {
    let t = "本部门 2023 年度收入总计 458.5 万元，较 2022 年增加 38.27 元，增加 9.1%；";
    assert!(has(t, "unit-mismatch"));
    assert!(
        !has(t, "change-rate"),
        "one finding that names the unit is enough"
    );
    clean("本部门 2023 年度支出总计 458.5 万元，较 2022 年增加 38.27 万元，增加 9.1%。");
    assert!(has(
        "其中完成村卫生室补助471.23元,其中中央补助189.63万元,地方财政补助281.6万元。",
        "unit-mismatch"
    ));
    assert!(has(
        "扶持项目包括三类。其中甲项目1650万元、乙项目1996.5万元、丙项目1709.98元。",
        "unit-mismatch"
    ));
    clean("扶持项目包括三类。其中甲项目1650万元、乙项目1996.5万元、丙项目1709.98万元。");
}

#[test]
fn shares() {
    // 49.26 + 26.37 + 23.47 + 0.9 = 100.00; 0.9% for 5.31 / 587.65 = 0.904%
    clean(
        "工资福利费 289.45 万元，占比为 49.26%；商品和服务支出 154.96 万元，占比为 26.37%；对个人和家庭的补助 137.92 万元，占比为 23.47%；资本性支出 5.31 万元，占比为 0.9%。",
    );
    assert!(has(
        "工资福利费 289.45 万元，占比为 49.62%；商品和服务支出 154.96 万元，占比为 26.37%；对个人和家庭的补助 137.92 万元，占比为 23.47%；资本性支出 5.31 万元，占比为 0.9%。",
        "share-sum"
    ));
    // across sentences: 基本支出 and 项目支出 of the same whole
    let t = "1. 基本支出预算 2476260.58 元,占一般公共预算支出的84.06%。\n2. 项目支出 469500 元,占一般公共预算支出的 19.62%。";
    assert!(has(t, "share-sum"), "{:?}", rules(t));
    // share against part ÷ whole of its list
    clean(
        "本年支出合计4021.94万元,其中:基本支出2719.24万元,占67.61%;项目支出1302.70万元,占32.39%。",
    );
    assert!(has(
        "本年支出合计4021.94万元,其中:基本支出2719.24万元,占76.61%;项目支出1302.70万元,占23.39%。",
        "share-value"
    ));
}

#[test]
fn revenue_expenditure_balance() {
    assert!(has(
        "2020年财政拨款收入总计1614.63万元,与2019年相比增加540.23万元,增长50.28%;财政拨款支出总计1870.91万元,与2019年相比增加633.43万元,增长51.19%。",
        "revenue-expenditure-balance"
    ));
    clean("2021年度收入总计23,866.88万元,支出总计23,866.88万元。");
    // 本年 figures may differ
    clean("2020年本年收入合计3765.66万元,本年支出合计4021.94万元。");
}

#[test]
fn traditional_characters_read_the_same() {
    assert!(has(
        "會議費當年開支 1.99 萬元，比上年 1.42 萬元減少 0.57 萬元。",
        "change-direction"
    ));
    clean("培訓費當年開支 3.04 萬元，比上年 2.87 萬元增長 0.17 萬元。");
    assert!(has(
        "2021年度收入總計23,866.88萬元,支出總計23,000.00萬元。",
        "revenue-expenditure-balance"
    ));
}

#[test]
fn stray_latin_word_is_info() {
    let r = lint_text(
        "t.txt",
        "学习贯彻习近平新时代中国特色社会主义思想 and 党的二十大精神。",
        &Options::default(),
    );
    assert_eq!(r.diagnostics.len(), 1);
    assert_eq!(r.diagnostics[0].rule, "stray-latin-word");
    assert_eq!(r.diagnostics[0].severity, jixiao_lint::Severity::Info);
    let r = lint_text("t.txt", "参观 VR 数字文化艺术产业园。", &Options::default());
    assert!(r.diagnostics.is_empty());
}

#[test]
fn figure_mismatch_narrative_vs_table_total() {
    let table = "\n2020 年度部门整体支出绩效自评表\n资金情况 (万元)\t年度资金总额\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n\t合计\t100\t100\t100\t10\t100%\t10\n绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n\t产出指标 (90分)\t数量指标\t扶持单位数\t10家\t10\t90\t88\t一家延期\n总分\t\t\t\t\t100\t98\t等级：优\n";
    clean(&format!("经自评，本项目自评得分98分。{table}"));
    assert!(has(
        &format!("经自评，本项目自评得分96分。{table}"),
        "figure-mismatch"
    ));
}

#[test]
fn seeds_are_clean_where_gold_says_so() {
    let f = findings(SEED_003);
    assert!(f.contains(&("change-direction".into(), 61)));
    for l in [21, 41, 45, 53, 59, 63, 69] {
        assert!(!f.iter().any(|(_, x)| *x == l), "line {l}: {f:?}");
    }
    let f = findings(SEED_000);
    assert!(f.contains(&("unit-mismatch".into(), 69)));
    for l in [33, 35, 71, 125] {
        assert!(!f.iter().any(|(_, x)| *x == l), "line {l}: {f:?}");
    }
}

#[test]
fn typo_suggestion_names_the_figure() {
    let edited = edit_line(
        SEED_003,
        59,
        "公务接待费支出 1.91 万元",
        "公务接待费支出 1.19 万元",
    );
    let r = lint_text("t.txt", &edited, &Options::default());
    // (the seed's own slip, 减少 for 增加 at line 61, keeps its direction-word suggestion)
    let numeric: Vec<_> = r
        .diagnostics
        .iter()
        .filter_map(|d| d.suggestion.as_ref())
        .filter(|s| s.figure != "减少")
        .collect();
    assert!(numeric.len() >= 2, "{:?}", r.diagnostics);
    for s in numeric {
        assert_eq!(s.figure, "1.19");
        assert_eq!(s.replacement, "1.91");
    }
    // the original has no figure suggestion, only the direction word's
    let r = lint_text("t.txt", SEED_003, &Options::default());
    let all: Vec<_> = r
        .diagnostics
        .iter()
        .filter_map(|d| d.suggestion.as_ref())
        .map(|s| (s.figure.as_str(), s.replacement.as_str()))
        .collect();
    assert_eq!(all, vec![("减少", "增加")]);
}
