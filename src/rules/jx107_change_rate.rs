//! JX107 change-rate.

use super::Ctx;
use super::common::sides;
use super::relations::{check_rate, prior_iv, rate_by_delta};
use crate::facts::Comparison;
use crate::figure::{Interval, Unit, fmt_iv_in, ratio_image};
use crate::lang::tr;
use crate::model::Report;
use rust_decimal::Decimal;

declare_rule! {
    /// ### What it checks
    /// A stated growth or decline rate must equal change ÷ previous value, computed from the
    /// figures of the same comparison (prior and change, current and prior, or current and
    /// change).
    ///
    /// ### Why it matters
    /// Growth rates are the figures most often recomputed by hand, and most often left over
    /// from a previous draft when an amount changes.
    ///
    /// ### Example
    /// `75800 元，同比增加 52044.27 元，增长 50.63%`: the prior value is 23755.73, so the growth
    /// is 219.08%.
    ///
    /// ### Arithmetic
    /// Cross-multiplied, no division: with Δ, P and q as rounding intervals the rate holds iff
    /// `100·Δ_lo ≤ q_hi·P_hi` and `q_lo·P_lo ≤ 100·Δ_hi` (10% for 0.65 ÷ 6.45 = 10.08% holds).
    /// From current and prior, the form C/P = 1 ± q keeps each figure once. A slip that a
    /// 元/万元 swap explains is reported by unit-mismatch instead.
    pub static RULE = ("JX107", "change-rate", Budget, Error, "stated growth/decline rate ≠ change ÷ previous", "增减幅度计算不符");
    pass = [
        "本年支出 75800 元，同比增加 52044.27 元，增长 219.08%。",
        "本年支出 330 万元，比上年 300 万元增加 30 万元，增长约 10%。",
    ];
    fail = [
        "本年支出 75800 元，同比增加 52044.27 元，增长 50.63%。",
    ];
}

/// Check the rule on a report.
pub fn check(report: &Report, ctx: &mut Ctx) {
    for c in &report.facts.comparisons {
        if check_rate(c, None) != Some(false) {
            continue;
        }
        // a 元/万元 slip of the change is unit-mismatch's finding
        if let (Some(d), Some(cur)) = (&c.delta, &c.current)
            && let (Unit::Money { factor: df, .. }, Unit::Money { factor: cf, .. }) =
                (&d.unit, &cur.unit)
            && df != cf
            && check_rate(c, Some(*cf)) == Some(true)
        {
            continue;
        }
        let r = c.rate.as_ref().unwrap();
        let by_delta_failed = rate_by_delta(c, None) == Some(false);
        let img = rate_image(c, by_delta_failed);
        let img_txt = img
            .map(|i| format!("{}%", fmt_iv_in(i, Decimal::ONE)))
            .unwrap_or_else(|| "?".into());
        let basis = basis_of(c, by_delta_failed);
        let msg = tr!(
            "{label}变动率 {raw} 与 {basis} 不符",
            "{label}: the stated rate {raw} does not match {basis}",
            label = &c.label,
            raw = &r.raw,
            basis = &basis
        );
        let help = tr!(
            "{basis} 的取值范围 {img_txt}，与 {raw} 的区间 {v}% 不相交",
            "{basis} lies in {img_txt}, which does not meet {raw} {v}%",
            basis = &basis,
            img_txt = &img_txt,
            raw = &r.raw,
            v = &fmt_iv_in(r.interval().unwrap(), Decimal::ONE)
        );
        let mut diag = ctx
            .diag(msg)
            .with_help(help)
            .at(r.span, tr!("变动率", "rate"));
        if let Some(d) = &c.delta {
            diag = diag.label(d.span, tr!("增减额", "change"));
        }
        let [now, then] = sides(c);
        if let Some(cur) = &c.current {
            diag = diag.label(cur.span, now);
        }
        if let Some(p) = &c.prior {
            diag = diag.label(p.span, then);
        }
        ctx.push(diag);
    }
}

/// What the stated figures give for the rate: change ÷ prior when the change is what fails,
/// else current ÷ prior − 1, in percent.
fn rate_image(c: &Comparison, by_delta_failed: bool) -> Option<Interval> {
    let p = prior_iv(c, None);
    if by_delta_failed {
        match (&c.delta, p) {
            (Some(d), Some(p)) => d.interval().and_then(|di| ratio_image(di, p, 3)),
            _ => None,
        }
    } else {
        // current ÷ prior − 1, shown as a change in percent
        match (
            c.current.as_ref().and_then(|x| x.interval()),
            c.prior.as_ref().and_then(|x| x.interval()),
        ) {
            (Some(ci), Some(pi)) => ratio_image(ci, pi, 3).and_then(|i| {
                let h = Interval::exact(Decimal::ONE_HUNDRED);
                if c.direction.or(c.rate_direction).map(|x| x.0)
                    == Some(crate::facts::Direction::Down)
                {
                    h.minus(i)
                } else {
                    i.minus(h)
                }
            }),
            _ => None,
        }
    }
}

/// The arithmetic the rate was checked against, as printed in the message.
fn basis_of(c: &Comparison, by_delta_failed: bool) -> String {
    match (by_delta_failed, &c.delta, &c.prior, &c.current) {
        (true, Some(d), Some(p), _) => format!("{} ÷ {}", d.shown, p.shown),
        (true, Some(d), None, Some(cur)) => format!(
            "{} ÷ ({} {} {})",
            d.shown,
            cur.shown,
            if c.direction.map(|x| x.0) == Some(crate::facts::Direction::Down) {
                "+"
            } else {
                "−"
            },
            d.shown
        ),
        (_, _, Some(p), Some(cur))
            if c.direction.or(c.rate_direction).map(|x| x.0)
                == Some(crate::facts::Direction::Down) =>
        {
            format!("({} − {}) ÷ {}", p.shown, cur.shown, p.shown)
        }
        (_, _, Some(p), Some(cur)) => format!("({} − {}) ÷ {}", cur.shown, p.shown, p.shown),
        _ => String::new(),
    }
}
