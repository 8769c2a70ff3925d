//! Closed-interval arithmetic on exact decimals (spec/numbers.md §2). No division is used in
//! any decision: ratios are compared by cross-multiplication.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A closed interval `[lo, hi]`; `None` on a side means unbounded.
///
/// ```
/// use jixiao_lint::model::Interval;
/// use rust_decimal::Decimal;
/// // 1.99 printed with two decimals stands for [1.985, 1.995]
/// let iv = Interval::displayed(Decimal::new(199, 2), Decimal::ONE).unwrap();
/// assert!(iv.contains(Decimal::new(1985, 3)) && iv.contains(Decimal::new(1995, 3)));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interval {
    /// Lower bound, `None` for −∞.
    pub lo: Option<Decimal>,
    /// Upper bound, `None` for +∞.
    pub hi: Option<Decimal>,
}

impl Interval {
    /// The single point `v`.
    ///
    /// ```
    /// use jixiao_lint::model::Interval;
    /// let iv = Interval::exact(rust_decimal::Decimal::TEN);
    /// assert_eq!(iv.mid(), Some(rust_decimal::Decimal::TEN));
    /// ```
    pub fn exact(v: Decimal) -> Self {
        Interval {
            lo: Some(v),
            hi: Some(v),
        }
    }

    /// `[lo, hi]`.
    ///
    /// ```
    /// use jixiao_lint::model::Interval;
    /// use rust_decimal::Decimal;
    /// let iv = Interval::new(Decimal::ONE, Decimal::TWO);
    /// assert!(iv.is_bounded() && iv.contains(Decimal::new(15, 1)));
    /// ```
    pub fn new(lo: Decimal, hi: Decimal) -> Self {
        Interval {
            lo: Some(lo.min(hi)),
            hi: Some(lo.max(hi)),
        }
    }

    /// The interval a figure printed as `shown` stands for, scaled by `factor`:
    /// `[shown − ½·10^-k, shown + ½·10^-k] × factor` with `k` the printed decimals.
    ///
    /// ```
    /// use jixiao_lint::model::Interval;
    /// use rust_decimal::Decimal;
    /// // 587.65 万元 in 元: [5876450, 5876550]
    /// let iv = Interval::displayed(Decimal::new(58765, 2), Decimal::from(10_000)).unwrap();
    /// assert!(iv.contains(Decimal::from(5_876_450)) && !iv.contains(Decimal::from(5_876_551)));
    /// ```
    pub fn displayed(shown: Decimal, factor: Decimal) -> Option<Self> {
        let k = shown.scale();
        let half = Decimal::try_new(5, k + 1).ok()?;
        let lo = shown.checked_sub(half)?.checked_mul(factor)?;
        let hi = shown.checked_add(half)?.checked_mul(factor)?;
        Some(Interval::new(lo, hi))
    }

    /// `[v, +∞)`.
    #[cfg(test)]
    pub(crate) fn at_least(v: Decimal) -> Self {
        Interval {
            lo: Some(v),
            hi: None,
        }
    }

    /// True when both ends are finite.
    ///
    /// ```
    /// use jixiao_lint::model::Interval;
    /// assert!(Interval::exact(rust_decimal::Decimal::ONE).is_bounded());
    /// ```
    pub fn is_bounded(&self) -> bool {
        self.lo.is_some() && self.hi.is_some()
    }

    /// Minkowski sum; `None` on overflow.
    ///
    /// ```
    /// use jixiao_lint::model::Interval;
    /// use rust_decimal::Decimal;
    /// let a = Interval::displayed(Decimal::new(15, 1), Decimal::ONE).unwrap(); // [1.45, 1.55]
    /// let s = a.plus(a).unwrap();
    /// assert!(s.contains(Decimal::new(29, 1)) && s.contains(Decimal::new(31, 1)));
    /// ```
    pub fn plus(self, o: Interval) -> Option<Interval> {
        Some(Interval {
            lo: opt_add(self.lo, o.lo)?,
            hi: opt_add(self.hi, o.hi)?,
        })
    }

    /// Negation.
    pub(crate) fn negated(self) -> Interval {
        Interval {
            lo: self.hi.map(|v| -v),
            hi: self.lo.map(|v| -v),
        }
    }

    /// Difference `self − o`.
    ///
    /// ```
    /// use jixiao_lint::model::Interval;
    /// use rust_decimal::Decimal;
    /// let d = Interval::exact(Decimal::TEN).minus(Interval::exact(Decimal::ONE)).unwrap();
    /// assert_eq!(d.mid(), Some(Decimal::from(9)));
    /// ```
    pub fn minus(self, o: Interval) -> Option<Interval> {
        self.plus(o.negated())
    }

    /// `w · self`, swapping ends when `w < 0`.
    ///
    /// ```
    /// use jixiao_lint::model::Interval;
    /// use rust_decimal::Decimal;
    /// let iv = Interval::exact(Decimal::TWO).scale(Decimal::from(3)).unwrap();
    /// assert_eq!(iv.mid(), Some(Decimal::from(6)));
    /// ```
    pub fn scale(self, w: Decimal) -> Option<Interval> {
        let f = |v: Option<Decimal>| -> Option<Option<Decimal>> {
            match v {
                Some(x) => Some(Some(x.checked_mul(w)?)),
                None => Some(None),
            }
        };
        if w.is_sign_negative() && !w.is_zero() {
            Some(Interval {
                lo: f(self.hi)?,
                hi: f(self.lo)?,
            })
        } else if w.is_zero() {
            Some(Interval::exact(Decimal::ZERO))
        } else {
            Some(Interval {
                lo: f(self.lo)?,
                hi: f(self.hi)?,
            })
        }
    }

    /// Product of two bounded non-negative intervals (`[a1·b1, a2·b2]`); `None` otherwise.
    #[cfg(test)]
    pub(crate) fn times(self, o: Interval) -> Option<Interval> {
        let (a1, a2, b1, b2) = (self.lo?, self.hi?, o.lo?, o.hi?);
        if a1 < Decimal::ZERO || b1 < Decimal::ZERO {
            return None;
        }
        Some(Interval::new(a1.checked_mul(b1)?, a2.checked_mul(b2)?))
    }

    /// Sum of many intervals; `None` on overflow or an empty input.
    ///
    /// ```
    /// use jixiao_lint::model::Interval;
    /// use rust_decimal::Decimal;
    /// let parts = [Interval::exact(Decimal::ONE), Interval::exact(Decimal::TWO)];
    /// assert_eq!(Interval::sum(parts).and_then(|s| s.mid()), Some(Decimal::from(3)));
    /// ```
    pub fn sum<I: IntoIterator<Item = Interval>>(items: I) -> Option<Interval> {
        let mut it = items.into_iter();
        let mut acc = it.next()?;
        for x in it {
            acc = acc.plus(x)?;
        }
        Some(acc)
    }

    /// True when the two intervals share at least one point.
    ///
    /// ```
    /// use jixiao_lint::model::Interval;
    /// use rust_decimal::Decimal;
    /// // 96.5 + 15 + 5 = 116.5, which no rounding of 118.5 reaches
    /// let parts = ["96.5", "15", "5"].map(|v| Interval::displayed(v.parse().unwrap(), Decimal::ONE).unwrap());
    /// let total = Interval::displayed(Decimal::new(1185, 1), Decimal::ONE).unwrap();
    /// assert!(!Interval::sum(parts).unwrap().meets(total));
    /// ```
    pub fn meets(self, o: Interval) -> bool {
        let lo = max_lo(self.lo, o.lo);
        let hi = min_hi(self.hi, o.hi);
        match (lo, hi) {
            (Some(l), Some(h)) => l <= h,
            _ => true,
        }
    }

    /// True when `v` lies inside.
    ///
    /// ```
    /// use jixiao_lint::model::Interval;
    /// use rust_decimal::Decimal;
    /// assert!(!Interval::exact(Decimal::ONE).contains(Decimal::TWO));
    /// ```
    pub fn contains(self, v: Decimal) -> bool {
        self.lo.is_none_or(|l| l <= v) && self.hi.is_none_or(|h| v <= h)
    }

    /// The image of `min(x, cap)` over the interval (used for `min(rate, 100)`): each end is
    /// replaced by `min(end, cap)`.
    pub(crate) fn min_with(self, cap: Decimal) -> Interval {
        Interval {
            lo: self.lo.map(|v| v.min(cap)),
            hi: Some(self.hi.map_or(cap, |v| v.min(cap))),
        }
    }

    /// Midpoint of a bounded interval.
    ///
    /// ```
    /// use jixiao_lint::model::Interval;
    /// use rust_decimal::Decimal;
    /// assert_eq!(Interval::new(Decimal::ONE, Decimal::from(3)).mid(), Some(Decimal::TWO));
    /// ```
    pub fn mid(self) -> Option<Decimal> {
        let (l, h) = (self.lo?, self.hi?);
        l.checked_add(h)?.checked_div(Decimal::TWO)
    }

    /// Distance between two disjoint intervals (0 when they meet).
    #[cfg(test)]
    pub(crate) fn gap(self, o: Interval) -> Decimal {
        if self.meets(o) {
            return Decimal::ZERO;
        }
        match (self.hi, o.lo, o.hi, self.lo) {
            (Some(h), Some(l), _, _) if h < l => l - h,
            (_, _, Some(h), Some(l)) if h < l => l - h,
            _ => Decimal::ZERO,
        }
    }
}

fn opt_add(a: Option<Decimal>, b: Option<Decimal>) -> Option<Option<Decimal>> {
    match (a, b) {
        (Some(x), Some(y)) => Some(Some(x.checked_add(y)?)),
        _ => Some(None),
    }
}

fn max_lo(a: Option<Decimal>, b: Option<Decimal>) -> Option<Decimal> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

fn min_hi(a: Option<Decimal>, b: Option<Decimal>) -> Option<Decimal> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

/// Does some `a' ∈ a`, `b' ∈ b`, `p' ∈ p` satisfy `100·a' = p'·b'`? (`p` in percent.)
/// Requires `a ≥ 0`, `b > 0`, `p ≥ 0` in the parts used; cross-multiplied, no division.
/// Returns `None` when not checkable (unbounded or non-positive denominators, overflow).
///
/// ```
/// use jixiao_lint::internals::figure::{Interval, ratio_meets};
/// use rust_decimal::Decimal;
/// let iv = |v: &str| Interval::displayed(v.parse().unwrap(), Decimal::ONE).unwrap();
/// // 587.65 / 587.65 = 100%, not 95%
/// assert_eq!(ratio_meets(iv("587.65"), iv("587.65"), iv("95")), Some(false));
/// assert_eq!(ratio_meets(iv("587.65"), iv("587.65"), iv("100")), Some(true));
/// ```
pub fn ratio_meets(a: Interval, b: Interval, p: Interval) -> Option<bool> {
    let (a1, a2) = (a.lo?, a.hi?);
    let (b1, b2) = (b.lo?, b.hi?);
    if b1 <= Decimal::ZERO || a1 < Decimal::ZERO {
        return None;
    }
    let hundred = Decimal::ONE_HUNDRED;
    // image of 100a/b is [100·a1/b2, 100·a2/b1]; meets p iff
    // 100·a1 ≤ p2·b2 (when p bounded above) and p1·b1 ≤ 100·a2 (when p bounded below)
    let upper_ok = match p.hi {
        Some(p2) => hundred.checked_mul(a1)? <= p2.checked_mul(b2)?,
        None => true,
    };
    let lower_ok = match p.lo {
        Some(p1) => p1.checked_mul(b1)? <= hundred.checked_mul(a2)?,
        None => true,
    };
    Some(upper_ok && lower_ok)
}

/// The image of `100·a/b` rounded outward to `dp` decimals, for display only.
pub(crate) fn ratio_image(a: Interval, b: Interval, dp: u32) -> Option<Interval> {
    use rust_decimal::RoundingStrategy::{ToNegativeInfinity, ToPositiveInfinity};
    let (a1, a2) = (a.lo?, a.hi?);
    let (b1, b2) = (b.lo?, b.hi?);
    if b1 <= Decimal::ZERO {
        return None;
    }
    let lo = (a1 * Decimal::ONE_HUNDRED)
        .checked_div(b2)?
        .round_dp_with_strategy(dp, ToNegativeInfinity);
    let hi = (a2 * Decimal::ONE_HUNDRED)
        .checked_div(b1)?
        .round_dp_with_strategy(dp, ToPositiveInfinity);
    Some(Interval::new(lo, hi))
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.lo, self.hi) {
            (Some(l), Some(h)) if l == h => write!(f, "{}", l.normalize()),
            (Some(l), Some(h)) => write!(f, "[{}, {}]", l.normalize(), h.normalize()),
            (Some(l), None) => write!(f, "[{}, +∞)", l.normalize()),
            (None, Some(h)) => write!(f, "(−∞, {}]", h.normalize()),
            (None, None) => write!(f, "(−∞, +∞)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }
    fn shown(s: &str) -> Interval {
        Interval::displayed(d(s), Decimal::ONE).unwrap()
    }

    #[test]
    fn four_parts_round_to_total() {
        // spec §3.1: 289.45 + 154.96 + 137.92 + 5.31 = 587.64 vs 587.65 → consistent
        let sum = Interval::sum(["289.45", "154.96", "137.92", "5.31"].map(shown)).unwrap();
        assert_eq!(sum, Interval::new(d("587.62"), d("587.66")));
        assert!(sum.meets(shown("587.65")));
        assert!(sum.meets(shown("587.7")));
        assert!(!sum.meets(shown("587.68")));
        assert!(!sum.meets(shown("587.56")));
    }

    #[test]
    fn mixed_decimals_widen() {
        let sum = Interval::sum(["289.45", "155", "137.9", "5.31"].map(shown)).unwrap();
        assert!(sum.meets(shown("587.65")));
        assert!(!sum.meets(shown("588.30")));
    }

    #[test]
    fn ratio_cross_multiplied() {
        // 0.9% for 5.31 / 587.65 (0.9036%)
        assert_eq!(
            ratio_meets(shown("5.31"), shown("587.65"), shown("0.9")),
            Some(true)
        );
        // 49.62 typo
        assert_eq!(
            ratio_meets(shown("289.45"), shown("587.65"), shown("49.62")),
            Some(false)
        );
        // change rate 0.65 / 6.45 = 10.08% shown as 10%
        assert_eq!(
            ratio_meets(shown("0.65"), shown("6.45"), shown("10")),
            Some(true)
        );
        assert_eq!(
            ratio_meets(shown("0.65"), shown("6.45"), shown("10.2")),
            Some(true)
        );
        assert_eq!(
            ratio_meets(shown("0.65"), shown("6.45"), shown("10.3")),
            Some(false)
        );
        assert_eq!(
            ratio_meets(shown("0.65"), shown("6.45"), shown("11")),
            Some(false)
        );
        assert_eq!(ratio_meets(shown("1"), shown("0"), shown("1")), None);
    }

    #[test]
    fn score_with_cap() {
        // 10 × min(98.7%, 100%) = 9.87; 9.9 ok, 9.8 not
        let rate = shown("98.7").min_with(Decimal::ONE_HUNDRED);
        let img = rate.scale(d("0.1")).unwrap();
        assert!(img.meets(shown("9.9")));
        assert!(img.meets(shown("9.87")));
        assert!(!img.meets(shown("9.8")));
        // double rounding: 98.5% → 9.8 is consistent
        let img = shown("98.5").scale(d("0.1")).unwrap();
        assert!(img.meets(shown("9.8")));
    }

    #[test]
    fn product_of_intervals() {
        // 10 (exact weight) × 98.7% = 9.87 → [9.865, 9.875]
        let p = Interval::exact(d("0.1")).times(shown("98.7")).unwrap();
        assert_eq!(p, Interval::new(d("9.865"), d("9.875")));
        assert!(shown("-1").times(shown("2")).is_none());
    }

    #[test]
    fn half_lines_and_gap() {
        assert!(Interval::at_least(d("95")).meets(shown("95.0")));
        assert!(!Interval::at_least(d("95")).meets(shown("94.9")));
        assert_eq!(shown("1").gap(shown("3")), d("1"));
        assert_eq!(format!("{}", shown("5.8")), "[5.75, 5.85]");
    }
}
