//! JX208 attainment-score.

use super::Ctx;
use super::attainment::{Attainment, Sense, attainment};
use super::common::{blank, d, fig};
use crate::figure::Figure;
use crate::lang::tr;
use crate::model::{IndicatorRow, Report};
use rust_decimal::Decimal;

declare_rule! {
    /// ### What it checks
    /// The score must agree with attainment: a target met (direction-aware: ≥, ≤, =, 反向) yet
    /// points deducted with no reason; a target missed yet full marks; a quantitative 得分 above
    /// 分值 × 完成值 / 指标值 (forward indicators) or 分值 × 指标值 / 完成值 (reverse ones).
    ///
    /// ### Why it matters
    /// 财预〔2020〕10号: a met target earns 全部分值; a missed one scores in proportion. Scores
    /// that contradict the row's own figures are either inflated or arbitrarily cut.
    ///
    /// ### Example
    /// `| 合格率 | ≥95% | 98% | 20 | 18 | |`: the target is met, yet 2 points are deducted and no
    /// reason is given.
    ///
    /// ### Arithmetic
    /// Attainment compares the actual as printed with the exact target (a printed 100% meets a
    /// 100% target, a printed 97% misses 98%). The proportional cap is cross-multiplied:
    /// `得分_lo × 指标值 > 分值 × 完成值` means the score is above proportion.
    pub static RULE = ("JX208", "attainment-score", Scoring, Warning, "score contradicts attainment of the target", "得分与指标完成情况矛盾");
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
         | 年度资金总额 | 565.72 | 587.65 | 587.65 | 10 | 100% | 10 |\n\
         | 其中：当年财政拨款 | 565.72 | 587.65 | 587.65 | | | |\n\
         | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n\
         | 产出指标（50分） | 数量指标 | 培训人次 | ≥500人次 | 520人次 | 30 | 30 | |\n\
         | | 质量指标 | 合格率 | ≥95% | 98% | 20 | 18 | 部分批次返工，扣2分 |\n\
         | 满意度指标（40分） | 服务对象满意度 | 学员满意度 | ≥90% | 93% | 40 | 40 | |\n\
         | 总分 | | | | | 100 | 98 | 等级：优 |\n",
    ];
    fail = [
        "2023年度项目支出绩效自评表\n\
         | 资金情况（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n\
         | 年度资金总额 | 565.72 | 587.65 | 587.65 | 10 | 100% | 10 |\n\
         | 其中：当年财政拨款 | 565.72 | 587.65 | 587.65 | | | |\n\
         | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n\
         | 产出指标（50分） | 数量指标 | 培训人次 | ≥500人次 | 520人次 | 30 | 30 | |\n\
         | | 质量指标 | 合格率 | ≥95% | 98% | 20 | 18 | |\n\
         | 满意度指标（40分） | 服务对象满意度 | 学员满意度 | ≥90% | 93% | 40 | 40 | |\n\
         | 总分 | | | | | 100 | 98 | 等级：优 |\n",
    ];
}

/// Check the rule on a report.
pub fn check(report: &Report, ctx: &mut Ctx) {
    for (ti, t) in report.tables.iter().enumerate() {
        if t.is_prose() {
            // (about a printed table's cells)
            continue;
        }
        for (ri, r) in t.indicators.iter().enumerate() {
            let (Some(w), Some(s)) = (fig(&r.weight), fig(&r.score)) else {
                continue;
            };
            let Some(si) = s.interval() else { continue };
            let (Some(lo), Some(hi)) = (si.lo, si.hi) else {
                continue;
            };
            let wv = w.value();
            let att = attainment(r, ctx.compared(report, ti, ri));
            if att == Attainment::Met && hi < wv && blank(&r.reason) {
                met_yet_deducted(r, &s, &w, ctx);
                continue;
            }
            if att != Attainment::Missed {
                continue;
            }
            if lo >= wv {
                missed_yet_full(r, &s, ctx);
                continue;
            }
            // proportional cap
            let Some(c) = ctx.compared(report, ti, ri) else {
                continue;
            };
            let (num, den) = match c.sense {
                Sense::Forward | Sense::Exact => (c.actual, c.target),
                Sense::Reverse => (c.target, c.actual),
            };
            if den <= rust_decimal::Decimal::ZERO || num < rust_decimal::Decimal::ZERO {
                continue;
            }
            let (Some(l), Some(rhs)) = (lo.checked_mul(den), wv.checked_mul(num)) else {
                continue;
            };
            if l > rhs {
                above_proportion(r, (&s, &w, lo), (num, den), ctx);
            }
        }
    }
}

/// The target is met, yet points were deducted with no reason.
fn met_yet_deducted(r: &IndicatorRow, s: &Figure, w: &Figure, ctx: &mut Ctx) {
    let tgt = r.target.as_ref().map(|c| c.raw.clone()).unwrap_or_default();
    let act = r.actual.as_ref().map(|c| c.raw.clone()).unwrap_or_default();
    let msg = tr!(
        "{value}：实际完成值 {act} 已达到指标值 {tgt}，却扣分（{raw}/{raw2}）且未说明原因",
        "{value}: actual {act} meets target {tgt}, yet points were deducted ({raw}/{raw2}) with no reason",
        value = &r.name.value,
        act = &act,
        tgt = &tgt,
        raw = &s.raw,
        raw2 = &w.raw
    );
    let help = tr!(
        "完成指标值的，记该指标所赋全部分值（财预〔2020〕10号）；如因指标值设定偏低而调减，须在偏差原因中说明",
        "a met target earns the full weight; a deduction for a target set too low must be explained"
    );
    let diag = ctx
        .diag(msg)
        .with_help(help)
        .at(&r.score, tr!("得分", "score"))
        .label(&r.actual, tr!("实际完成值", "actual"))
        .label(&r.target, tr!("指标值", "target"));
    ctx.push(diag);
}

/// The target is missed, yet the score is full.
fn missed_yet_full(r: &IndicatorRow, s: &Figure, ctx: &mut Ctx) {
    let tgt = r.target.as_ref().map(|c| c.raw.clone()).unwrap_or_default();
    let act = r.actual.as_ref().map(|c| c.raw.clone()).unwrap_or_default();
    let msg = tr!(
        "{value}：实际完成值 {act} 未达到指标值 {tgt}，却得满分 {raw}",
        "{value}: actual {act} misses target {tgt}, yet the score is full ({raw})",
        value = &r.name.value,
        act = &act,
        tgt = &tgt,
        raw = &s.raw
    );
    let help = tr!(
        "未完成指标值的，按照完成值与指标值的比例记分（财预〔2020〕10号）",
        "a missed target scores in proportion to completion"
    );
    let diag = ctx
        .diag(msg)
        .with_help(help)
        .at(&r.score, tr!("得分", "score"))
        .label(&r.actual, tr!("实际完成值", "actual"));
    ctx.push(diag);
}

/// The score is above the share of the weight the completion earns.
fn above_proportion(
    r: &IndicatorRow,
    (s, w, lo): (&Figure, &Figure, Decimal),
    (num, den): (Decimal, Decimal),
    ctx: &mut Ctx,
) {
    let cap = (w.value() * num / den).round_dp(2);
    let msg = tr!(
        "{value}：得分 {raw} 高于按完成比例应得的 {v}",
        "{value}: score {raw} is above the proportional score {v}",
        value = &r.name.value,
        raw = &s.raw,
        v = &d(cap)
    );
    let help = tr!(
        "{raw} × {v} ÷ {v2} ≈ {v3}，得分下限 {v4} 已超过",
        "{raw} × {v} ÷ {v2} ≈ {v3}; the score's lower end {v4} is above it",
        raw = &w.raw,
        v = &d(num),
        v2 = &d(den),
        v3 = &d(cap),
        v4 = &d(lo)
    );
    let diag = ctx
        .diag(msg)
        .with_help(help)
        .at(&r.score, tr!("得分", "score"))
        .label(&r.actual, tr!("实际完成值", "actual"));
    ctx.push(diag);
}
