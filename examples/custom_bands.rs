//! A province that grades 优秀 ≥ 85, 良好 ≥ 75, 合格 ≥ 60, 不合格 below, and computes 执行率
//! against 年初预算数. Run: `cargo run --example custom_bands`.

use jixiao_lint::lint::{Options, lint_text};
use jixiao_lint::model::GradeBand;
use jixiao_lint::rules::RateDenominator;
use rust_decimal::Decimal;

fn band(grade: &str, lo: i64, hi: i64, hi_inclusive: bool) -> GradeBand {
    GradeBand {
        grade: grade.into(),
        lo: Decimal::from(lo),
        hi: Decimal::from(hi),
        hi_inclusive,
    }
}

fn main() {
    let opts = Options::builder()
        .bands(vec![
            band("优秀", 85, 100, true),
            band("良好", 75, 85, false),
            band("合格", 60, 75, false),
            band("不合格", 0, 60, false),
        ])
        .rate_denominator(RateDenominator::InitialBudget)
        .build()
        .expect("the rule names above exist");
    let table = "项目支出绩效自评表\n\
        资金情况(万元)\t年度资金总额\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n\
        \t合计\t500\t600\t450\t10\t90%\t9\n\
        绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n\
        \t产出指标 (90分)\t数量指标\t培训人数\t200人\t150\t90\t67\t疫情停课\n\
        总分\t\t\t\t\t100\t76\t等级：良好\n";
    let r = lint_text("table.txt", table, &opts);
    if r.diagnostics.is_empty() {
        println!("consistent under the provincial bands and the 年初预算数 denominator");
    }
    for d in &r.diagnostics {
        println!("{} {}: {}", d.code, d.rule, d.message.render(r.lang));
    }
}
