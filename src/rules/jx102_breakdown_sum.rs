//! JX102 breakdown-sum.

use super::Ctx;
use super::relations::{BreakdownOutcome, breakdown_unit_fix, check_breakdown};
use crate::figure::{Interval, fmt_in, fmt_iv_in, fmt_pm};
use crate::model::Report;
use rust_decimal::Decimal;

declare_rule! {
    /// ### What it checks
    /// A total and its parts: in the narrative, lists introduced by 其中 / 包括 / 分别为 / 由…
    /// 组成 / 为 after an amount — inner lists (in brackets, or by 其中 inside an item) belong
    /// to their own head, a list may run over several sentences, and a list after two years'
    /// totals gives each year's column to its own total; in 决算 tables with a 行次 column,
    /// each 合计 against the numbered items (一、二、…) of its side. A partial list (其中) must
    /// not exceed its total; a complete one (分别为, a named identity such as 基本支出 = 人员经费
    /// + 公用经费, a table's 合计) must add up to it.
    ///
    /// ### Why it matters
    /// Parts that add up to more than the whole are always wrong: one figure was mistyped or
    /// belongs to another total.
    ///
    /// ### Example
    /// `755.19万元。其中:中央124.23万元,省级370.83万元,市级260.3万元` — the parts give 755.36.
    ///
    /// ### Arithmetic
    /// Every figure is a rounding interval. A partial list is violated when even the lower ends
    /// of the parts add up to more than the upper end of the total (so 587.64 against 587.65
    /// with four 2-decimal parts is fine). A list that reaches the total part-way and then runs
    /// on (`13 人，其中在职 8 人，退休 5 人，聘用 12 人`) ended where it reached it. A slip
    /// that a 元/万元 swap explains is reported by unit-mismatch instead.
    pub static RULE = ("JX102", "breakdown-sum", "budget", Error, "a total and its parts (其中/包括/分别为) disagree", "总数与分项之和不符");
}

/// Check the rule on a report.
pub fn check(report: &Report, ctx: &mut Ctx) {
    for b in &report.facts.breakdowns {
        let Some(total) = &b.total else { continue };
        let Some(outcome) = check_breakdown(b, &[]) else {
            continue;
        };
        if outcome == BreakdownOutcome::Holds || breakdown_unit_fix(b).is_some() {
            continue;
        }
        let factor = match &total.unit {
            crate::figure::Unit::Money { factor, .. } => *factor,
            _ => total.factor,
        };
        let point: Decimal = b.parts.iter().map(|p| p.figure.value()).sum();
        let sum_iv = Interval::sum(b.parts.iter().filter_map(|p| p.figure.printed_interval()));
        let unit = total.unit.name().to_string();
        let names: Vec<String> = b
            .parts
            .iter()
            .map(|p| format!("{} {}", short(&p.label), p.figure.raw.replace(' ', "")))
            .collect();
        let (zh, en) = match outcome {
            BreakdownOutcome::Exceeds => ("超过", "exceed"),
            _ => ("不足", "fall short of"),
        };
        let msg = ctx.t(
            format!(
                "{}{}，{}各项之和 {}{} {}合计",
                short(&b.total_label),
                total.raw.replace(' ', ""),
                b.marker,
                fmt_in(point, factor),
                unit,
                zh
            ),
            format!(
                "the parts listed after {} add up to {}{}, which {} the total {}",
                b.marker,
                fmt_in(point, factor),
                unit,
                en,
                total.raw.replace(' ', "")
            ),
        );
        let sum_txt = sum_iv.map(|s| fmt_iv_in(s, factor)).unwrap_or_default();
        let help = ctx.t(
            format!(
                "{} = {}，区间 {}；合计 {}",
                names.join(" + "),
                fmt_in(point, factor),
                sum_txt,
                fmt_pm(total)
            ),
            format!(
                "{} = {}, interval {}; total {}",
                names.join(" + "),
                fmt_in(point, factor),
                sum_txt,
                fmt_pm(total)
            ),
        );
        let mut d = ctx
            .diag(msg)
            .with_help(help)
            .at(total.span, ctx.t("合计".into(), "total".into()));
        for p in &b.parts {
            d = d.label(p.figure.span, short(&p.label));
        }
        ctx.push(d);
    }
}

/// The last characters of a long label.
pub fn short(l: &str) -> String {
    let chars: Vec<char> = l.chars().collect();
    if chars.len() > 16 {
        chars[chars.len() - 16..].iter().collect()
    } else {
        l.to_string()
    }
}
