//! JX204 total-score.

use super::Ctx;
use super::common::{blank, d, fig, fund_total};
use crate::diagnostic::Place;
use crate::figure::{Interval, fmt_iv_in};
use crate::lang::tr;
use crate::model::{Cell, Report, SelfEvalTable};
use rust_decimal::Decimal;

declare_rule! {
    /// ### What it checks
    /// 总分 must equal the sum of the 得分 of the execution-rate row and every indicator row,
    /// and the 分值 must add up to the stated total 分值 (100 unless the table states another).
    ///
    /// ### Why it matters
    /// 财预〔2020〕10号: “总分由各项指标得分汇总形成”. A total that is not the sum was adjusted by
    /// hand, or a row's score was changed without updating it.
    ///
    /// ### Example
    /// `| 总分 | | | | | 100 | 97 |` while the fund block and the rows score 10 + 30 + 20 + 40 = 100.
    ///
    /// ### Arithmetic
    /// Scores are assigned points: a score printed in whole points is exact (an interval of
    /// ±0.5 per row would let 19 rows drift by 9.5 points and hide every real slip). A score
    /// printed with decimals (a proportional score such as 9.87) stands for its rounding
    /// interval. The sum must meet the interval of the printed 总分. Weights are exact. Only whole tables are checked: the fund block, the indicator rows and
    /// the 总分 row must all be present, and every weighted row must carry a score.
    pub static RULE = ("JX204", "total-score", Scoring, Error, "总分 ≠ Σ 得分, or Σ 分值 ≠ total 分值", "总分与各项得分之和不符");
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
         | 产出指标（50分） | 数量指标 | 培训人次 | ≥500人次 | 520人次 | 30 | 29.5 | |\n\
         | | 质量指标 | 合格率 | ≥95% | 98% | 20 | 20 | |\n\
         | 满意度指标（40分） | 服务对象满意度 | 学员满意度 | ≥90% | 93% | 40 | 40 | |\n\
         | 总分 | | | | | 100 | 99.5 | 等级：优 |\n",
    ];
    fail = [
        "2023年度项目支出绩效自评表\n\
         | 资金情况（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n\
         | 年度资金总额 | 565.72 | 587.65 | 587.65 | 10 | 100% | 10 |\n\
         | 其中：当年财政拨款 | 565.72 | 587.65 | 587.65 | | | |\n\
         | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n\
         | 产出指标（50分） | 数量指标 | 培训人次 | ≥500人次 | 520人次 | 30 | 30 | |\n\
         | | 质量指标 | 合格率 | ≥95% | 98% | 20 | 20 | |\n\
         | 满意度指标（40分） | 服务对象满意度 | 学员满意度 | ≥90% | 93% | 40 | 40 | |\n\
         | 总分 | | | | | 100 | 97 | 等级：优 |\n",
    ];
}

fn scored_rows(t: &SelfEvalTable) -> Option<Vec<(&Option<Cell>, &Option<Cell>)>> {
    if t.is_prose() {
        return prose_rows(t);
    }
    let ft = fund_total(t)?;
    let mut rows = vec![(&ft.weight, &ft.score)];
    for r in &t.indicators {
        if blank(&r.weight) && blank(&r.score) {
            continue;
        }
        if r.weight.as_ref().is_some_and(|c| c.is_explicit_absence()) {
            continue;
        }
        rows.push((&r.weight, &r.score));
    }
    if rows.len() < 2 {
        return None;
    }
    Some(rows)
}

/// Scoring statements in prose: the top-level items, when their 分值 make up the total's or
/// exceed it (with fewer, the narrative does not state every item, and nothing is compared).
fn prose_rows(t: &SelfEvalTable) -> Option<Vec<(&Option<Cell>, &Option<Cell>)>> {
    let total = t.total.as_ref()?;
    let stated = fig(&total.weight)
        .map(|f| f.value())
        .unwrap_or(Decimal::ONE_HUNDRED);
    let rows: Vec<_> = t
        .indicators
        .iter()
        .filter(|r| r.section.is_none())
        .map(|r| (&r.weight, &r.score))
        .collect();
    let ws: Option<Vec<Decimal>> = rows
        .iter()
        .map(|(w, _)| fig(w).map(|f| f.value()))
        .collect();
    let sum: Decimal = ws?.iter().copied().sum();
    // (more than the total's 分值 is wrong however many items the text names; less may be a
    // text that names only some)
    (rows.len() >= 2 && sum >= stated).then_some(rows)
}

/// Check the rule on a report.
// Long by design: the total against the rows' scores and weights, each with its rounding slack.
pub fn check(report: &Report, ctx: &mut Ctx) {
    for t in &report.tables {
        let Some(total) = &t.total else { continue };
        let Some(rows) = scored_rows(t) else { continue };
        // a table known to be cut off misses rows
        if t.fragment {
            continue;
        }
        // layouts without cell delimiters lose empty cells, and with them rows the reader
        // cannot align: unless the rows read make up the total's 分值, some are missing
        if !matches!(
            t.layout.as_deref(),
            None | Some("tab rows" | "pipe rows" | "HTML table")
        ) {
            let ws: Option<Decimal> = rows.iter().map(|(w, _)| fig(w).map(|f| f.value())).sum();
            let stated = fig(&total.weight)
                .map(|f| f.value())
                .unwrap_or(Decimal::ONE_HUNDRED);
            if ws != Some(stated) {
                continue;
            }
        }
        // Σ 得分
        if let Some(ts) = fig(&total.score)
            && let Some(tsi) = ts.interval()
        {
            let ivs: Option<Vec<Interval>> = rows
                .iter()
                .map(|(_, s)| {
                    fig(s).and_then(|f| {
                        if f.shown.scale() == 0 {
                            Some(Interval::exact(f.value()))
                        } else {
                            f.interval()
                        }
                    })
                })
                .collect();
            if let Some(ivs) = ivs
                && let Some(sum) = Interval::sum(ivs)
                && !sum.meets(tsi)
            {
                let point: Decimal = rows
                    .iter()
                    .filter_map(|(_, s)| fig(s).map(|f| f.value()))
                    .sum();
                let msg = tr!(
                    "总分 {raw} ≠ 各行得分之和 {v}",
                    "total score {raw} ≠ sum of row scores {v}",
                    raw = &ts.raw,
                    v = &d(point)
                );
                let help = tr!(
                    "{rows} 行得分之和 {v}（区间 {v2}）与总分 {raw} 的区间 {v3} 不相交",
                    "the {rows} row scores sum to {v} (interval {v2}), which does not meet total {raw} {v3}",
                    rows = &rows.len(),
                    v = &d(point),
                    v2 = &fmt_iv_in(sum, Decimal::ONE),
                    raw = &ts.raw,
                    v3 = &fmt_iv_in(tsi, Decimal::ONE)
                );
                let diag = ctx
                    .diag(msg)
                    .with_help(help)
                    .at(&total.score, tr!("总分", "total"));
                ctx.push(diag);
            }
        }
        // Σ 分值
        let ws: Option<Vec<Decimal>> = rows
            .iter()
            .map(|(w, _)| fig(w).map(|f| f.value()))
            .collect();
        let Some(ws) = ws else { continue };
        let sum: Decimal = ws.iter().copied().sum();
        let (stated, stated_raw) = match fig(&total.weight) {
            Some(f) => (f.value(), f.raw),
            None => (Decimal::ONE_HUNDRED, "100".to_string()),
        };
        if sum != stated {
            let msg = tr!(
                "各行分值之和 {v} ≠ 总分值 {stated_raw}",
                "row weights sum to {v}, not the total weight {stated_raw}",
                v = &d(sum),
                stated_raw = &stated_raw
            );
            let help = tr!(
                "{rows} 行分值（执行率行 + 指标行）相加得 {v}，分值为精确值，不存在舍入误差",
                "{rows} row weights (execution row + indicators) add up to {v}; weights are exact",
                rows = &rows.len(),
                v = &d(sum)
            );
            let at = Place::from(&total.weight).or(total.span);
            let diag = ctx
                .diag(msg)
                .with_help(help)
                .at(at, tr!("总分值", "total weight"));
            ctx.push(diag);
        }
    }
}
