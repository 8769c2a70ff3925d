//! JX202 execution-rate.

use super::common::fig;
use super::relations::prior_iv;
use super::{Ctx, RateDenominator};
use crate::figure::{fmt_iv_in, ratio_image, ratio_meets};
use crate::lang::{Phrase, tr};
use crate::model::Report;
use rust_decimal::Decimal;

declare_rule! {
    /// ### What it checks
    /// A stated 执行率 must equal 全年执行数 ÷ 全年预算数 (B/A) on every fund row that prints all
    /// three. The denominator is configurable (`rate_denominator = "initial"` uses 年初预算数);
    /// when the table has no 全年预算数 column, 年初预算数 is used.
    ///
    /// ### Why it matters
    /// The execution rate drives 10 points of the score; a rate that is not B/A is either a
    /// calculation slip or figures copied from another project.
    ///
    /// The same relation stated in prose is checked too: a 预算执行率 / 资金执行率 / 支付率 /
    /// 到位率 / 使用率 next to the amounts it is the ratio of (`共安排…850万元，已拨付782.6万元，
    /// 支付率为93%`), the numerator and denominator bound by what they measure (拨付, 支出,
    /// 到位 over 安排, 预算, 下达). A rate printed as 100% for spending above the budget is
    /// the capped rate many templates ask for and is not reported. A completion of the budget
    /// stated beside the difference from it (`完成年初预算100%，决算数大于预算数55.93万元`) is
    /// checked against the budget that difference implies (current ∓ difference), uncapped:
    /// the text itself says by how much the budget was passed.
    ///
    /// ### Example
    /// `| 587.65 | 587.65 | 10 | 95% |`: 587.65 / 587.65 = 100%, not 95%. In prose:
    /// `安排补助资金850万元，已拨付782.6万元，支付率为93%`: 782.6 ÷ 850 = 92.07%.
    ///
    /// ### Arithmetic
    /// Checked without division: with B, A and the rate p as rounding intervals, the rate is
    /// consistent iff `100·B_lo ≤ p_hi·A_hi` and `p_lo·A_lo ≤ 100·B_hi`. A budget whose interval
    /// reaches 0 is not checkable.
    pub static RULE = ("JX202", "execution-rate", Scoring, Error, "执行率 ≠ 全年执行数 ÷ 全年预算数", "执行率计算不符");
    pass = [
        "2023年度项目支出绩效自评表\n\
         | 资金情况（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n\
         | 年度资金总额 | 565.72 | 587.65 | 587.65 | 10 | 100% | 10 |\n\
         | 其中：当年财政拨款 | 565.72 | 587.65 | 587.65 | | | |\n\
         | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n\
         | 产出指标（50分） | 数量指标 | 培训人次 | ≥500人次 | 520人次 | 30 | 30 | |\n\
         | | 质量指标 | 合格率 | ≥95% | 98% | 20 | 20 | |\n\
         | 满意度指标（40分） | 服务对象满意度 | 学员满意度 | ≥90% | 93% | 40 | 40 | |\n\
         | 总分 | | | | | 100 | 100 | 等级：优 |\n",
        "2023年度项目支出绩效自评表\n\
         | 资金情况（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n\
         | 年度资金总额 | 565.72 | 587.65 | 581.77 | 10 | 99% | 9.9 |\n\
         | 其中：当年财政拨款 | 565.72 | 587.65 | 581.77 | | | |\n\
         | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n\
         | 产出指标（50分） | 数量指标 | 培训人次 | ≥500人次 | 520人次 | 30 | 30 | |\n\
         | | 质量指标 | 合格率 | ≥95% | 98% | 20 | 20 | |\n\
         | 满意度指标（40分） | 服务对象满意度 | 学员满意度 | ≥90% | 93% | 40 | 40 | |\n\
         | 总分 | | | | | 100 | 99.9 | 等级：优 |\n",
        "安排补助资金850万元，已拨付782.6万元，支付率为92.07%。",
    ];
    fail = [
        "2023年度项目支出绩效自评表\n\
         | 资金情况（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n\
         | 年度资金总额 | 565.72 | 587.65 | 587.65 | 10 | 95% | 10 |\n\
         | 其中：当年财政拨款 | 565.72 | 587.65 | 587.65 | | | |\n\
         | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n\
         | 产出指标（50分） | 数量指标 | 培训人次 | ≥500人次 | 520人次 | 30 | 30 | |\n\
         | | 质量指标 | 合格率 | ≥95% | 98% | 20 | 20 | |\n\
         | 满意度指标（40分） | 服务对象满意度 | 学员满意度 | ≥90% | 93% | 40 | 40 | |\n\
         | 总分 | | | | | 100 | 100 | 等级：优 |\n",
        "安排补助资金850万元，已拨付782.6万元，支付率为93%。",
    ];
}

/// Check the rule on a report.
pub fn check(report: &Report, ctx: &mut Ctx) {
    prose_rates(report, ctx);
    completion_rates(report, ctx);
    for t in &report.tables {
        for r in &t.fund_rows {
            let Some(rate) = super::common::rate_fig(&r.rate) else {
                continue;
            };
            if !rate.unit.is_percent() {
                continue;
            }
            let Some(b) = fig(&r.executed) else { continue };
            static INITIAL: Phrase = Phrase::new("年初预算数", "initial budget");
            static FULL_YEAR: Phrase = Phrase::new("全年预算数", "full-year budget");
            let (a_cell, a_name) = match ctx.settings.rate_denominator {
                RateDenominator::InitialBudget => (&r.initial_budget, &INITIAL),
                RateDenominator::FullYearBudget if r.budget.is_some() => (&r.budget, &FULL_YEAR),
                RateDenominator::FullYearBudget => (&r.initial_budget, &INITIAL),
            };
            let Some(a) = fig(a_cell) else { continue };
            let (Some(bi), Some(ai), Some(pi)) = (b.interval(), a.interval(), rate.interval())
            else {
                continue;
            };
            if ratio_meets(bi, ai, pi) != Some(false) {
                continue;
            }
            let img = ratio_image(bi, ai, 4)
                .map(|i| fmt_iv_in(i, Decimal::ONE))
                .unwrap_or_default();
            let msg = tr!(
                "{value}：执行率 {rate} ≠ 全年执行数 {executed} ÷ {a_name} {a}",
                "{value}: execution rate {rate} ≠ executed {executed} ÷ {a_name} {a}",
                value = &r.label.value,
                rate = &rate.raw,
                executed = &b.raw,
                a_name = a_name,
                a = &a.raw,
            );
            let help = tr!(
                "{raw} ÷ {raw2} 的取值范围 {img}%，与 {raw3} 的区间 {v}% 不相交",
                "{raw} ÷ {raw2} lies in {img}%, which does not meet {raw3} {v}%",
                raw = &b.raw,
                raw2 = &a.raw,
                img = &img,
                raw3 = &rate.raw,
                v = &fmt_iv_in(pi, Decimal::ONE)
            );
            let diag = ctx
                .diag(msg)
                .with_help(help)
                .at(&r.rate, tr!("执行率", "rate"))
                .label(&r.executed, tr!("全年执行数", "executed"))
                .label(a_cell, a_name);
            ctx.push(diag);
        }
    }
}

/// Rates stated in prose beside their numerator and denominator.
fn prose_rates(report: &Report, ctx: &mut Ctx) {
    for r in &report.facts.ratios {
        let (b, a, rate) = (&r.numerator, &r.denominator, &r.rate);
        if !rate.unit.is_percent() || !b.unit.same_dimension(&a.unit) {
            continue;
        }
        let (Some(bi), Some(ai), Some(pi)) = (b.interval(), a.interval(), rate.interval()) else {
            continue;
        };
        if ratio_meets(bi, ai, pi) != Some(false) {
            continue;
        }
        // 100% stated for spending above the budget: the capped rate
        if rate.value() == Decimal::ONE_HUNDRED && bi.lo.zip(ai.hi).is_some_and(|(b, a)| b >= a) {
            continue;
        }
        let img = ratio_image(bi, ai, 4)
            .map(|i| fmt_iv_in(i, Decimal::ONE))
            .unwrap_or_default();
        let msg = tr!(
            "{name} {raw} ≠ {numerator_label} {raw2} ÷ {denominator_label} {raw3}",
            "{name} {raw} ≠ {numerator_label} {raw2} ÷ {denominator_label} {raw3}",
            name = &r.name,
            raw = &rate.raw,
            numerator_label = &r.numerator_label,
            raw2 = &b.raw,
            denominator_label = &r.denominator_label,
            raw3 = &a.raw
        );
        let help = tr!(
            "{raw} ÷ {raw2} 的取值范围 {img}%，与 {raw3} 的区间 {v}% 不相交",
            "{raw} ÷ {raw2} lies in {img}%, which does not meet {raw3} {v}%",
            raw = &b.raw,
            raw2 = &a.raw,
            img = &img,
            raw3 = &rate.raw,
            v = &fmt_iv_in(pi, Decimal::ONE)
        );
        let diag = ctx
            .diag(msg)
            .with_help(help)
            .at(rate.span, tr!("比率", "rate"))
            .label(b.span, tr!("分子", "numerator"))
            .label(a.span, tr!("分母", "denominator"));
        ctx.push(diag);
    }
}

/// Completions of the budget stated beside a difference from it: current ÷ (current ∓ the
/// difference).
fn completion_rates(report: &Report, ctx: &mut Ctx) {
    for c in &report.facts.comparisons {
        let (Some(rate), Some(cur), Some(delta)) = (&c.completion, &c.current, &c.delta) else {
            continue;
        };
        if !c.against_budget || !rate.unit.is_percent() {
            continue;
        }
        let (Some(ci), Some(bi), Some(pi)) = (cur.interval(), prior_iv(c, None), rate.interval())
        else {
            continue;
        };
        if ratio_meets(ci, bi, pi) != Some(false) {
            continue;
        }
        let img = ratio_image(ci, bi, 4)
            .map(|i| fmt_iv_in(i, Decimal::ONE))
            .unwrap_or_default();
        static BELOW: Phrase = Phrase::new("低于", "below");
        static OVER: Phrase = Phrase::new("超过", "above");
        let (sign, over) = match c.direction.map(|d| d.0) {
            Some(crate::facts::Direction::Down) => ("+", &BELOW),
            _ => ("−", &OVER),
        };
        let cur_txt = cur.raw.replace(' ', "");
        let d_txt = delta.raw.replace(' ', "");
        let msg = tr!(
            "完成预算 {raw} 与 {cur_txt} ÷ ({shown} {sign} {shown2}) 不符：所述{over}预算 {d_txt}",
            "budget completion {raw} ≠ {cur_txt} ÷ ({shown} {sign} {shown2}): the text says it is {over} the budget by {d_txt}",
            raw = &rate.raw,
            cur_txt = &cur_txt,
            shown = &cur.shown,
            sign = &sign,
            shown2 = &delta.shown,
            over = over,
            d_txt = &d_txt,
        );
        let help = tr!(
            "预算 = {shown} {sign} {shown2} 的区间 {v}；{shown} ÷ 预算 的取值范围 {img}%，与 {raw} 不相交",
            "budget = {shown} {sign} {shown2} lies in {v}; {shown} ÷ budget lies in {img}%, which does not meet {raw}",
            shown = &cur.shown,
            sign = &sign,
            shown2 = &delta.shown,
            v = &fmt_iv_in(bi, cur.factor),
            img = &img,
            raw = &rate.raw
        );
        let diag = ctx
            .diag(msg)
            .with_help(help)
            .at(rate.span, tr!("完成比例", "completion"))
            .label(cur.span, tr!("实际", "actual"))
            .label(delta.span, tr!("与预算之差", "difference from the budget"));
        ctx.push(diag);
    }
}
