//! JX102 breakdown-sum.

use super::Ctx;
use super::relations::{BreakdownOutcome, breakdown_unit_fix, change_iv, check_breakdown};
use crate::facts::{Comparison, Direction};
use crate::figure::{Interval, fmt_dec, fmt_in, fmt_iv_in, fmt_pm};
use crate::lang::{Message, Phrase, tr};
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
    ///
    /// The changes of a complete breakdown add up too: when the total and every part state
    /// a change against the same baseline (`比上年`, or each `比预算数`), the parts' changes
    /// (signed by their direction words) must add up to the total's change.
    pub static RULE = ("JX102", "breakdown-sum", Budget, Error, "a total and its parts (其中/包括/分别为) disagree", "总数与分项之和不符");
    pass = [
        "2023年支出合计755.36万元，其中：中央124.23万元，省级370.83万元，市级260.3万元。",
        "2023年支出合计755.4万元，其中：中央124.23万元，省级370.83万元，市级260.3万元。",
        "支出合计200万元，其中：基本支出150万元。",
    ];
    fail = [
        "755.19万元。其中:中央124.23万元,省级370.83万元,市级260.3万元。",
        "2023年支出合计200.00万元，其中：基本支出150.00万元，项目支出60.00万元。",
    ];
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
        static EXCEED: Phrase = Phrase::new("超过", "exceed");
        static SHORT: Phrase = Phrase::new("不足", "fall short of");
        let verb = match outcome {
            BreakdownOutcome::Exceeds => &EXCEED,
            _ => &SHORT,
        };
        let msg = tr!(
            "{v}{raw}，{marker}各项之和 {v2}{unit} {verb}合计",
            "the parts listed after {marker} add up to {v2}{unit}, which {verb} the total {raw}",
            v = &short(&b.total_label),
            raw = &total.raw.replace(' ', ""),
            marker = &b.marker,
            v2 = &fmt_in(point, factor),
            unit = &unit,
            verb = verb,
        );
        let sum_txt = sum_iv.map(|s| fmt_iv_in(s, factor)).unwrap_or_default();
        let help = tr!(
            "{names} = {v}，区间 {sum_txt}；合计 {v2}",
            "{names} = {v}, interval {sum_txt}; total {v2}",
            names = &(names.join(" + ")),
            v = &fmt_in(point, factor),
            sum_txt = &sum_txt,
            v2 = &fmt_pm(total)
        );
        let mut d = ctx
            .diag(msg)
            .with_help(help)
            .at(total.span, tr!("合计", "total"));
        for p in &b.parts {
            d = d.label(p.figure.span, Message::verbatim(short(&p.label)));
        }
        ctx.push(d);
    }
    check_changes(report, ctx);
}

/// The signed change a comparison states (`减少 31 万元` → −31), as an interval.
fn signed_change(c: &Comparison) -> Option<Interval> {
    let (dir, _) = c.direction?;
    match dir {
        Direction::Flat => match &c.delta {
            None => Some(Interval::exact(Decimal::ZERO)),
            Some(d) => d.interval().filter(|i| i.contains(Decimal::ZERO)),
        },
        Direction::Up => c.delta.as_ref()?.interval(),
        Direction::Down => Some(c.delta.as_ref()?.interval()?.negated()),
    }
}

/// Changes of complete breakdowns: Σ parts' changes = the total's change.
fn check_changes(report: &Report, ctx: &mut Ctx) {
    let facts = &report.facts;
    let cmp_of = |f: &crate::figure::Figure| -> Option<&Comparison> {
        let sp = f.span?;
        let mut it = facts
            .comparisons
            .iter()
            .filter(|c| c.current.as_ref().and_then(|x| x.span) == Some(sp));
        match (it.next(), it.next()) {
            (Some(c), None) => Some(c),
            _ => None,
        }
    };
    for b in &facts.breakdowns {
        let Some(total) = &b.total else { continue };
        if !b.complete
            || b.parts.len() < 2
            || check_breakdown(b, &[]) != Some(BreakdownOutcome::Holds)
        {
            continue;
        }
        let Some(tc) = cmp_of(total) else { continue };
        let Some(t_iv) = signed_change(tc) else {
            continue;
        };
        let mut parts = Vec::with_capacity(b.parts.len());
        for p in &b.parts {
            match cmp_of(&p.figure) {
                Some(c) if c.against_budget == tc.against_budget => parts.push((p, c)),
                _ => break,
            }
        }
        if parts.len() != b.parts.len() {
            continue;
        }
        let Some(sum) = Interval::sum(parts.iter().filter_map(|(_, c)| signed_change(c))) else {
            continue;
        };
        if parts.iter().any(|(_, c)| signed_change(c).is_none()) || sum.meets(t_iv) {
            continue;
        }
        // a change that disagrees with its own two levels is change-amount's finding
        let own_slip = |c: &Comparison| {
            change_iv(c).is_some_and(|d| signed_change(c).is_some_and(|s| !s.meets(d)))
        };
        if own_slip(tc) || parts.iter().any(|(_, c)| own_slip(c)) {
            continue;
        }
        report_changes(b, total, tc, &parts, sum, ctx);
    }
}

/// The parts' changes do not add up to the total's change: the finding.
// Long by design: the message lists each part's change and the interval of their sum.
fn report_changes(
    b: &crate::facts::Breakdown,
    total: &crate::figure::Figure,
    tc: &Comparison,
    parts: &[(&crate::facts::Amount, &Comparison)],
    sum: Interval,
    ctx: &mut Ctx,
) {
    let factor = match &total.unit {
        crate::figure::Unit::Money { factor, .. } => *factor,
        _ => total.factor,
    };
    let unit = total.unit.name().to_string();
    let signed = |c: &Comparison| -> String {
        let d = c.delta.as_ref().map(|d| d.shown).unwrap_or_default();
        match c.direction.map(|d| d.0) {
            Some(Direction::Down) => format!("−{}", fmt_dec(d)),
            Some(Direction::Up) => format!("+{}", fmt_dec(d)),
            _ => "0".to_string(),
        }
    };
    let names: Vec<String> = parts
        .iter()
        .map(|(p, c)| format!("{} {}", short(&p.label), signed(c)))
        .collect();
    let point: Decimal = parts
        .iter()
        .map(|(_, c)| {
            let d = c.delta.as_ref().map(|d| d.value()).unwrap_or_default();
            match c.direction.map(|d| d.0) {
                Some(Direction::Down) => -d,
                _ => d,
            }
        })
        .sum();
    let point_txt = if point > Decimal::ZERO {
        format!("+{}", fmt_in(point, factor))
    } else {
        fmt_in(point, factor).replace('-', "−")
    };
    let msg = tr!(
        "{marker}各项的增减额之和 {point_txt}{unit} 与{v}{raw}的增减额 {v2}{unit} 不符",
        "the changes of the parts of {v} {raw} add up to {point_txt}{unit}, not its change {v2}{unit}",
        marker = &b.marker,
        point_txt = &point_txt,
        unit = &unit,
        v = &short(&b.total_label),
        raw = &total.raw.replace(' ', ""),
        v2 = &signed(tc)
    );
    let help = tr!(
        "各项加起来等于合计（{marker}），各项比同一基准的增减额也应加起来等于合计的增减额：{names} = {v}",
        "the parts make up the total, so their changes against the same baseline make up its change: {names} = {v}",
        marker = &b.marker,
        names = &names.join(" "),
        v = &fmt_iv_in(sum, factor)
    );
    let mut d = ctx.diag(msg).with_help(help).at(
        tc.delta.as_ref().and_then(|d| d.span).or(total.span),
        tr!("合计的增减额", "total's change"),
    );
    for (p, c) in parts {
        d = d.label(
            c.delta.as_ref().and_then(|d| d.span),
            Message::verbatim(short(&p.label)),
        );
    }
    ctx.push(d);
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
