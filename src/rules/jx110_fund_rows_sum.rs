//! JX110 fund-rows-sum.

use super::Ctx;
use super::common::{blank, d, fig};
use crate::figure::{Interval, fmt_iv_in};
use crate::lang::{Message, Phrase, tr};
use crate::model::{Cell, FundKind, FundRow, Report};
use rust_decimal::Decimal;

declare_rule! {
    /// ### What it checks
    /// In the 资金情况 block of a 自评表, the 年度资金总额 row must equal the sum of its 其中
    /// rows (当年财政拨款 + 上年结转资金 + 其他资金, or 基本支出 + 项目支出 + 其他 in a
    /// whole-department table), separately in the 年初预算数, 全年预算数 and 全年执行数 columns.
    ///
    /// ### Why it matters
    /// The fund block feeds the execution rate and its score; a total that is not the sum of
    /// its sources means one of the figures was copied wrong.
    ///
    /// ### Example
    /// `| 其中：当年财政拨款 | 565.72 | 580.65 | 587.65 |` under
    /// `| 年度资金总额 | 565.72 | 587.65 | 587.65 |` and no other source: the parts give 580.65 in
    /// the 全年预算数 column, not 587.65.
    ///
    /// ### Arithmetic
    /// Each printed figure stands for its rounding interval (`587.65` is `[587.645, 587.655]`).
    /// The sum of the parts' intervals must meet the total's interval. A column where every
    /// sub-row is blank is not checked; a blank sub-row next to filled ones counts as 0.
    pub static RULE = ("JX110", "fund-rows-sum", Budget, Error, "年度资金总额 ≠ 当年财政拨款 + 上年结转资金 + 其他资金 in a fund column", "资金来源合计不符");
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
         | 其中：当年财政拨款 | 565.72 | 587.6 | 587.65 | | | |\n\
         | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n\
         | 产出指标（50分） | 数量指标 | 培训人次 | ≥500人次 | 520人次 | 30 | 30 | |\n\
         | | 质量指标 | 合格率 | ≥95% | 98% | 20 | 20 | |\n\
         | 满意度指标（40分） | 服务对象满意度 | 学员满意度 | ≥90% | 93% | 40 | 40 | |\n\
         | 总分 | | | | | 100 | 100 | 等级：优 |\n",
    ];
    fail = [
        "2023年度项目支出绩效自评表\n\
         | 资金情况（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n\
         | 年度资金总额 | 565.72 | 587.65 | 587.65 | 10 | 100% | 10 |\n\
         | 其中：当年财政拨款 | 565.72 | 580.65 | 587.65 | | | |\n\
         | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n\
         | 产出指标（50分） | 数量指标 | 培训人次 | ≥500人次 | 520人次 | 30 | 30 | |\n\
         | | 质量指标 | 合格率 | ≥95% | 98% | 20 | 20 | |\n\
         | 满意度指标（40分） | 服务对象满意度 | 学员满意度 | ≥90% | 93% | 40 | 40 | |\n\
         | 总分 | | | | | 100 | 100 | 等级：优 |\n",
    ];
}

/// Reads one fund column of a row.
type Column = fn(&FundRow) -> &Option<Cell>;

/// Check the rule on a report.
pub fn check(report: &Report, ctx: &mut Ctx) {
    for t in &report.tables {
        let rows = &t.fund_rows;
        let mut i = 0;
        while i < rows.len() {
            if rows[i].kind != FundKind::Total {
                i += 1;
                continue;
            }
            let total = &rows[i];
            let parts: Vec<&FundRow> = rows[i + 1..]
                .iter()
                .take_while(|r| r.kind != FundKind::Total)
                .collect();
            i += 1 + parts.len();
            if parts.is_empty() {
                continue;
            }
            static INITIAL: Phrase = Phrase::new("年初预算数", "initial budget");
            static BUDGET: Phrase = Phrase::new("全年预算数", "full-year budget");
            static EXECUTED: Phrase = Phrase::new("全年执行数", "executed");
            let cols: [(&'static Phrase, Column); 3] = [
                (&INITIAL, |r| &r.initial_budget),
                (&BUDGET, |r| &r.budget),
                (&EXECUTED, |r| &r.executed),
            ];
            for (name, get) in cols {
                check_column(total, &parts, name, get, ctx);
            }
        }
    }
}

/// One column of a total row against the sum of its parts.
// Long by design: a column's sum and its message; the message shows every value of the check.
fn check_column(
    total: &FundRow,
    parts: &[&FundRow],
    column: &'static Phrase,
    get: Column,
    ctx: &mut Ctx,
) {
    let Some(tf) = fig(get(total)) else { return };
    let Some(tiv) = tf.interval() else { return };
    if parts.iter().all(|p| blank(get(p))) {
        return;
    }
    let mut ivs = Vec::new();
    let mut ok = true;
    for p in parts {
        let c = get(p);
        if blank(c) || c.as_ref().is_some_and(|c| c.is_explicit_absence()) {
            ivs.push(Interval::exact(Decimal::ZERO));
            continue;
        }
        match fig(c).and_then(|f| f.interval()) {
            Some(v) => ivs.push(v),
            None => ok = false,
        }
    }
    if !ok {
        return;
    }
    let Some(sum) = Interval::sum(ivs) else {
        return;
    };
    if sum.meets(tiv) {
        return;
    }
    let first = parts.iter().find(|p| !blank(get(p))).map(|p| (*p).clone());
    let Some(first) = first else { return };
    let names: Vec<String> = parts
        .iter()
        .filter(|p| !blank(get(p)))
        .map(|p| p.label.value.clone())
        .collect();
    let point: Decimal = parts
        .iter()
        .filter_map(|p| fig(get(p)).map(|f| f.value()))
        .sum();
    let one = Decimal::ONE;
    let msg = tr!(
        "{column}：{value} {raw} ≠ 其中各项之和 {v}",
        "{column}: {value} {raw} ≠ sum of its parts {v}",
        column = column,
        value = &total.label.value,
        raw = &tf.raw,
        v = &d(point)
    );
    let help = tr!(
        "{names} = {v}，区间 {v2}，与 {raw} 的区间 {v3} 不相交",
        "{names} = {v}, interval {v2}, does not meet {raw} {v3}",
        names = &(names.join(" + ")),
        v = &d(point),
        v2 = &fmt_iv_in(sum, one),
        raw = &tf.raw,
        v3 = &fmt_iv_in(tiv, one)
    );
    let mut diag = ctx
        .diag(msg)
        .with_help(help)
        .at(get(&first), tr!("其中项", "part"))
        .label(get(total), tr!("合计", "total"));
    for p in parts.iter().skip(1) {
        diag = diag.label(get(p), Message::verbatim(p.label.value.clone()));
    }
    ctx.push(diag);
}
