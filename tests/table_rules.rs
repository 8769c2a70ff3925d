//! Table rules: for each, a violation, a clean case and a rounding trap that must stay clean.

mod common;
use common::findings;

/// A consistent 部门整体支出绩效自评表 whose cells can be changed one at a time.
#[derive(Clone)]
struct T {
    initial: &'static str,
    budget: &'static str,
    executed: &'static str,
    weight: &'static str,
    rate: &'static str,
    escore: &'static str,
    sub_initial: &'static str,
    sub_budget: &'static str,
    sub_executed: &'static str,
    carry_budget: &'static str,
    rows: Vec<[&'static str; 6]>, // name, target, actual, weight, score, reason
    section: &'static str,
    total_w: &'static str,
    total: &'static str,
    grade: &'static str,
    note: &'static str,
}

impl Default for T {
    fn default() -> Self {
        T {
            initial: "565.72",
            budget: "587.65",
            executed: "587.65",
            weight: "10",
            rate: "100%",
            escore: "10",
            sub_initial: "565.72",
            sub_budget: "587.65",
            sub_executed: "587.65",
            carry_budget: "",
            rows: vec![
                ["扶持单位数", "10家", "10", "50", "50", ""],
                ["服务对象满意度", "≥90%", "95%", "40", "40", ""],
            ],
            section: "产出指标 (50分)",
            total_w: "100",
            total: "100",
            grade: "优",
            note: "",
        }
    }
}

impl T {
    fn text(&self) -> String {
        let mut s =
            String::from("2020 年度部门整体支出绩效自评报告\n\n2020 年度部门整体支出绩效自评表\n");
        s += "资金情况 (万元)\t年度资金总额\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n";
        s += &format!(
            "\t合计\t{}\t{}\t{}\t{}\t{}\t{}\n",
            self.initial, self.budget, self.executed, self.weight, self.rate, self.escore
        );
        s += &format!(
            "\t其中：当年财政拨款\t{}\t{}\t{}\t\t\t\n",
            self.sub_initial, self.sub_budget, self.sub_executed
        );
        s += &format!("\t上年结转资金\t\t{}\t\t\t\t\n", self.carry_budget);
        s += "\t其他资金\t\t\t\t\t\t\n";
        s += "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n";
        for (i, r) in self.rows.iter().enumerate() {
            let (l1, l2) = if i == 0 {
                (self.section, "数量指标")
            } else {
                ("满意度指标 (40分)", "服务对象满意度指标")
            };
            s += &format!(
                "\t{l1}\t{l2}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                r[0], r[1], r[2], r[3], r[4], r[5]
            );
        }
        s += &format!(
            "总分\t\t\t\t\t{}\t{}\t等级：{}\n",
            self.total_w, self.total, self.grade
        );
        s += self.note;
        s
    }
    fn rules(&self) -> Vec<String> {
        findings(&self.text()).into_iter().map(|(r, _)| r).collect()
    }
}

fn has(t: &T, rule: &str) -> bool {
    t.rules().iter().any(|r| r == rule)
}

#[test]
fn template_is_clean() {
    assert!(
        T::default().rules().is_empty(),
        "{:?}",
        T::default().rules()
    );
}

// JX110 fund-rows-sum
#[test]
fn fund_rows_sum() {
    assert!(has(
        &T {
            sub_budget: "580.65",
            ..T::default()
        },
        "fund-rows-sum"
    ));
    // 587.60 + 0.05 carried over = 587.65: clean
    assert!(!has(
        &T {
            sub_budget: "587.60",
            carry_budget: "0.05",
            ..T::default()
        },
        "fund-rows-sum"
    ));
    // rounding trap: 587.6 (1 decimal) stands for [587.55, 587.65]
    assert!(!has(
        &T {
            sub_budget: "587.6",
            ..T::default()
        },
        "fund-rows-sum"
    ));
    assert!(has(
        &T {
            sub_budget: "587.63",
            ..T::default()
        },
        "fund-rows-sum"
    ));
}

// JX201 score-exceeds-weight
#[test]
fn score_exceeds_weight() {
    let mut t = T::default();
    t.rows[0][4] = "51";
    t.total = "101";
    assert!(has(&t, "score-exceeds-weight"));
    let mut t = T::default();
    t.rows[0][4] = "50.4"; // [50.35, 50.45] > 50
    t.total = "100.4";
    assert!(has(&t, "score-exceeds-weight"));
    // rounding trap: 50.0 is full marks, not above
    let mut t = T::default();
    t.rows[0][4] = "50.0";
    assert!(!has(&t, "score-exceeds-weight"));
}

// JX202 execution-rate
#[test]
fn execution_rate() {
    assert!(has(
        &T {
            rate: "95%",
            ..T::default()
        },
        "execution-rate"
    ));
    assert!(has(
        &T {
            executed: "580",
            sub_executed: "580",
            rate: "100%",
            escore: "10",
            ..T::default()
        },
        "execution-rate"
    ));
    // rounding trap: 587.60 / 587.65 = 99.99% shown as 100%
    assert!(!has(
        &T {
            executed: "587.60",
            sub_executed: "587.60",
            ..T::default()
        },
        "execution-rate"
    ));
    // 580 / 587.65 = 98.698% shown as 98.7%
    assert!(!has(
        &T {
            executed: "580",
            sub_executed: "580",
            rate: "98.7%",
            escore: "9.87",
            ..T::default()
        },
        "execution-rate"
    ));
}

// JX203 execution-score
#[test]
fn execution_score() {
    assert!(has(
        &T {
            escore: "9",
            total: "99",
            ..T::default()
        },
        "execution-score"
    ));
    let base = T {
        executed: "580",
        sub_executed: "580",
        rate: "98.7%",
        ..T::default()
    };
    assert!(!has(
        &T {
            escore: "9.87",
            ..base.clone()
        },
        "execution-score"
    ));
    assert!(!has(
        &T {
            escore: "9.9",
            ..base.clone()
        },
        "execution-score"
    ));
    assert!(has(
        &T {
            escore: "9.8",
            ..base.clone()
        },
        "execution-score"
    ));
    // double rounding: 98.5% → 9.8 is consistent
    assert!(!has(
        &T {
            rate: "98.5%",
            escore: "9.8",
            ..base.clone()
        },
        "execution-score"
    ));
    // capped: 108% → 10
    assert!(!has(
        &T {
            executed: "634.66",
            sub_executed: "634.66",
            rate: "108%",
            escore: "10",
            ..T::default()
        },
        "execution-score"
    ));
}

// JX204 total-score
#[test]
fn total_score() {
    assert!(has(
        &T {
            total: "99",
            grade: "优",
            ..T::default()
        },
        "total-score"
    ));
    assert!(has(
        &T {
            total_w: "90",
            ..T::default()
        },
        "total-score"
    ));
    // decimals: 9.87 + 50 + 40 = 99.87, shown as 99.9 → clean
    let t = T {
        executed: "580",
        sub_executed: "580",
        rate: "98.7%",
        escore: "9.87",
        total: "99.9",
        ..T::default()
    };
    assert!(!has(&t, "total-score"), "{:?}", t.rules());
    let t = T {
        executed: "580",
        sub_executed: "580",
        rate: "98.7%",
        escore: "9.87",
        total: "99.7",
        ..T::default()
    };
    assert!(has(&t, "total-score"));
}

// JX205 weight-sum
#[test]
fn weight_sum() {
    assert!(has(
        &T {
            section: "产出指标 (60分)",
            ..T::default()
        },
        "weight-sum"
    ));
    assert!(!has(&T::default(), "weight-sum"));
    // a displaced (HTML-wrapped) section header makes membership uncertain: nothing reported
    let t = T {
        section: "<div> 产出指标 (60分) </div>",
        ..T::default()
    };
    assert!(!has(&t, "weight-sum"), "{:?}", t.rules());
}

// JX206 grade-band
#[test]
fn grade_band() {
    assert!(has(
        &T {
            grade: "良",
            ..T::default()
        },
        "grade-band"
    ));
    // rounding trap: 89.99 is 良, 90.00 is 优
    let mut t = T {
        total: "89.99",
        grade: "良",
        ..T::default()
    };
    t.rows[0][4] = "39.99";
    assert!(!has(&t, "grade-band"), "{:?}", t.rules());
    let t2 = T {
        grade: "优",
        ..t.clone()
    };
    assert!(has(&t2, "grade-band"));
    // bands stated in the document win
    let note = "备注：总分设置为 100 分，等级划分为：95 分（含）—100 分为优，85 分（含）—95 分为良，60 分（含）—85 分为中，60 分以下为差。\n";
    let mut t3 = T {
        total: "92",
        grade: "良",
        note,
        ..T::default()
    };
    t3.rows[0][4] = "42";
    assert!(!has(&t3, "grade-band"), "{:?}", t3.rules());
    let t4 = T {
        grade: "优",
        ..t3.clone()
    };
    assert!(has(&t4, "grade-band"));
}

// JX207 deviation-unexplained and JX208 attainment-score
#[test]
fn deviation_and_attainment() {
    let mut t = T::default();
    t.rows[0] = ["扶持单位数", "10家", "9", "50", "45", ""];
    t.total = "95";
    assert!(has(&t, "deviation-unexplained"));
    t.rows[0][5] = "两家单位合并";
    assert!(!has(&t, "deviation-unexplained"));
    // met yet deducted, no reason
    let mut t = T::default();
    t.rows[0] = ["扶持单位数", "10家", "10", "50", "45", ""];
    t.total = "95";
    assert!(has(&t, "attainment-score"));
    // missed yet full marks
    let mut t = T::default();
    t.rows[0] = ["扶持单位数", "10家", "9", "50", "50", "两家单位合并"];
    assert!(has(&t, "attainment-score"));
    // reverse target met: ≤232万元 with 231.8万元, full marks: clean
    let mut t = T::default();
    t.rows[0] = ["预算控制", "≤232万元", "231.8万元", "50", "50", ""];
    assert!(t.rules().is_empty(), "{:?}", t.rules());
    // a printed 95.0% meets ≥95% (rounding trap on the actual is not applied: as printed)
    let mut t = T::default();
    t.rows[1] = ["服务对象满意度", "≥95%", "95.0%", "40", "40", ""];
    assert!(t.rules().is_empty(), "{:?}", t.rules());
    // proportional cap: 9 of 10 gives at most 45
    let mut t = T::default();
    t.rows[0] = ["扶持单位数", "10家", "9", "50", "48", "两家单位合并"];
    t.total = "98";
    assert!(has(&t, "attainment-score"));
}

// JX208: an actual worded exactly as its target is met (qualitative and date targets)
#[test]
fn attainment_by_wording() {
    for (target, actual) in [
        ("2024年6月底前完工", "2024年6月底前完工"),
        ("群众反映良好", "群众反映 良好"),
        ("按合同约定时限交付", "按合同约定时限交付"),
    ] {
        let mut t = T::default();
        t.rows[0] = ["交付情况", target, actual, "50", "46", ""];
        t.total = "96";
        assert!(has(&t, "attainment-score"), "{target}: {:?}", t.rules());
        // the deduction explained: clean
        t.rows[0][5] = "部分设备到货延迟";
        assert!(!has(&t, "attainment-score"), "{target}: {:?}", t.rules());
        // full marks: clean
        let mut t = T::default();
        t.rows[0] = ["交付情况", target, actual, "50", "50", ""];
        assert!(t.rules().is_empty(), "{target}: {:?}", t.rules());
    }
    // different wording, placeholders, or too short to tell: no finding
    for (target, actual) in [
        ("2024年6月底前完工", "2024年9月完工"),
        ("—", "—"),
        ("/", "/"),
        ("优", "优"),
    ] {
        let mut t = T::default();
        t.rows[0] = ["交付情况", target, actual, "50", "46", ""];
        t.total = "96";
        assert!(!has(&t, "attainment-score"), "{target}: {:?}", t.rules());
    }
}

// JX209 incomplete-row and JX210 unscored-table
#[test]
fn incomplete_and_unscored() {
    let mut t = T::default();
    t.rows.push(["老干部满意度", "", "", "", "", ""]);
    assert!(has(&t, "incomplete-row"));
    let mut t = T::default();
    t.rows.push(["老干部满意度", "—", "—", "—", "—", ""]);
    assert!(!has(&t, "incomplete-row"), "{:?}", t.rules());
    let mut t = T {
        escore: "",
        total: "",
        ..T::default()
    };
    t.rows[0][4] = "";
    t.rows[1][4] = "";
    assert!(has(&t, "unscored-table"));
}

// JX301 year-mismatch
#[test]
fn year_mismatch() {
    let t = T::default().text().replacen(
        "2020 年度部门整体支出绩效自评表",
        "2021 年度部门整体支出绩效自评表",
        1,
    );
    assert!(findings(&t).iter().any(|(r, _)| r == "year-mismatch"));
    assert!(
        !findings(&T::default().text())
            .iter()
            .any(|(r, _)| r == "year-mismatch")
    );
}

/// 决算 tables with a 行次 column: the row numbers are no figures of the narrative, and each
/// 合计 is the sum of the numbered items of its side.
#[test]
fn row_numbered_final_accounts() {
    let rules =
        |t: &str| -> Vec<String> { common::findings(t).into_iter().map(|(r, _)| r).collect() };
    // two sides flattened on one line, correct
    let ok = "收入支出决算总表\n项目 行次 金额 项目 行次 金额 一、一般公共预算财政拨款收入 1 500.00 一、一般公共服务支出 7 300.00 二、事业收入 2 100.00 二、教育支出 8 280.00 本年收入合计 3 600.00 本年支出合计 9 580.00\n";
    assert!(rules(ok).is_empty(), "{:?}", rules(ok));
    // the left side's 合计 off by 10
    let bad = ok.replace("本年收入合计 3 600.00", "本年收入合计 3 610.00");
    assert_eq!(rules(&bad), vec!["breakdown-sum".to_string()]);
    // aligned columns (pdftotext -layout), a 决算数 and a 预算数 column
    let aligned = "项目        行次    预算数     决算数\n一、财政拨款收入    1    800.00    790.00\n二、其他收入    2    50.00    48.00\n本年收入合计    3    850.00    838.00\n";
    assert!(rules(aligned).is_empty(), "{:?}", rules(aligned));
    let bad = aligned.replace("838.00", "828.00");
    assert_eq!(rules(&bad), vec!["breakdown-sum".to_string()]);
    // pipe rows
    let pipes = "| 项目 | 行次 | 金额 |\n| 一、财政拨款收入 | 1 | 800.00 |\n| 二、其他收入 | 2 | 50.00 |\n| 本年收入合计 | 3 | 950.00 |\n";
    assert_eq!(rules(pipes), vec!["breakdown-sum".to_string()]);
}

/// An 执行率 printed as a fraction (`0.958`) is the same rate as 95.8%.
#[test]
fn execution_rate_as_a_fraction() {
    let table = |rate: &str, score: &str| {
        format!(
            "项目支出绩效自评表\n项目资金(万元)\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n年度资金总额\t40\t40\t38.4\t10\t{rate}\t{score}\n"
        )
    };
    let rules =
        |t: &str| -> Vec<String> { common::findings(t).into_iter().map(|(r, _)| r).collect() };
    // 38.4 / 40 = 0.96; 10 × 0.96 = 9.6
    assert!(rules(&table("0.96", "9.6")).is_empty());
    assert!(rules(&table("0.960", "9.60")).is_empty());
    // a wrong fraction
    assert_eq!(
        rules(&table("0.86", "8.6")),
        vec!["execution-rate".to_string()]
    );
    // a right fraction, a score that is not 分值 × 执行率
    assert_eq!(
        rules(&table("0.96", "8")),
        vec!["execution-score".to_string()]
    );
}

/// A table printed one wrapped cell per line with single spaces (as PDF text comes out), whose
/// satisfaction block starts with `heading` alone on a line.
fn wrapped_table(heading: &str) -> String {
    format!(
        "    年度绩效指标完成情况 一级\n    指标\n    二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施\n\n\n\
         \x20   (60分)\n    数量指标 指标1:新建乡村道路里程 12 12 20 20\n    指标2:改造危桥座数 3 3 20 20\n    ……\n\
         \x20   质量指标 指标1:道路验收合格率 100% 100% 20 20\n    指标2:\n    ……\n\n\n\
         \x20   (30分)\n    社会效益\n    指标\n    指标1:沿线群众出行时间缩短 15 15 30 30\n    指标2:\n    ……\n\
         \x20   满意度指标\n    (10分)\n    受益群众\n    {heading}\n    指标1:沿线群众满意度 90% 95% 10 10\n\
         \x20   指标2:\n    ……\n    总分 100 100\n"
    )
}

// a first- or second-level name alone on its line is a heading of the rows below, not an
// indicator with every cell empty; an item name alone still is one
#[test]
fn a_lone_level_name_is_a_heading_not_an_empty_row() {
    for heading in ["满意度指标", "服务对象满意度指标", "社会效益指标"] {
        let f = findings(&wrapped_table(heading));
        assert!(
            !f.iter().any(|(r, _)| r == "incomplete-row"),
            "{heading}: {f:?}"
        );
    }
    let f = findings(&wrapped_table("群众来信办结率"));
    assert!(f.iter().any(|(r, _)| r == "incomplete-row"), "{f:?}");
}
