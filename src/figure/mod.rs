//! Figures: numbers as printed, with units, multipliers, qualifiers and the interval each
//! stands for (spec/numbers.md).

mod chinese;
mod interval;
mod scan;

pub use chinese::parse_chinese_numeral;
pub(crate) use interval::ratio_image;
pub use interval::{Interval, ratio_meets};
pub use scan::{parse_cell, scan_figures};

use crate::source::Span;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// What a figure measures.
///
/// ```
/// use jixiao_lint::model::{Cell, Unit};
/// let f = Cell::new("1.5万元", None).figure().unwrap();
/// assert!(f.unit.is_money());
/// assert!(matches!(Cell::new("95%", None).figure().unwrap().unit, Unit::Percent));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Unit {
    /// Money; `factor` converts the printed number (after multipliers) to 元.
    Money {
        /// 元 per printed unit (1 for 元, 10000 for 万元, …).
        factor: Decimal,
        /// The unit as printed (`万元`); borrowed for the common names, so reading a figure
        /// allocates nothing for its unit.
        name: Cow<'static, str>,
    },
    /// Percent.
    Percent,
    /// Per mille.
    PerMille,
    /// Percentage points (个百分点).
    PercentPoint,
    /// Per-mille points (个千分点).
    PerMillePoint,
    /// A count with its classifier (人, 人次, 个, 项 …). Different classifiers never add.
    Count {
        /// The classifier as printed.
        classifier: Cow<'static, str>,
    },
    /// Points of a score (分).
    Score,
    /// A multiple (倍).
    Multiple,
    /// A bare number, possibly with a multiplier (万) but no unit.
    Plain,
}

impl Unit {
    /// True for money.
    ///
    /// ```
    /// assert!(jixiao_lint::model::Cell::new("3元", None).figure().unwrap().unit.is_money());
    /// ```
    pub fn is_money(&self) -> bool {
        matches!(self, Unit::Money { .. })
    }
    /// True for percent.
    ///
    /// ```
    /// assert!(jixiao_lint::model::Cell::new("95%", None).figure().unwrap().unit.is_percent());
    /// ```
    pub fn is_percent(&self) -> bool {
        matches!(self, Unit::Percent)
    }
    /// Short printed name (`万元`, `%`, `人` …).
    ///
    /// ```
    /// assert_eq!(jixiao_lint::model::Cell::new("3万元", None).figure().unwrap().unit.name(), "万元");
    /// ```
    pub fn name(&self) -> &str {
        match self {
            Unit::Money { name, .. } => name,
            Unit::Percent => "%",
            Unit::PerMille => "‰",
            Unit::PercentPoint => "个百分点",
            Unit::PerMillePoint => "个千分点",
            Unit::Count { classifier } => classifier,
            Unit::Score => "分",
            Unit::Multiple => "倍",
            Unit::Plain => "",
        }
    }
    /// True when two figures of these units measure the same dimension.
    pub(crate) fn same_dimension(&self, o: &Unit) -> bool {
        match (self, o) {
            (Unit::Money { .. }, Unit::Money { .. }) => true,
            (Unit::Count { classifier: a }, Unit::Count { classifier: b }) => {
                a == b || (is_person(a) && is_person(b))
            }
            (a, b) => std::mem::discriminant(a) == std::mem::discriminant(b),
        }
    }
}

fn is_person(c: &str) -> bool {
    matches!(c, "人" | "名" | "位")
}

/// How a figure is qualified. Only `None` and `Reached` take part in equality checks.
///
/// ```
/// use jixiao_lint::model::{Cell, Qualifier};
/// assert_eq!(Cell::new("约3万元", None).figure().unwrap().qualifier, Qualifier::Approx);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// A plain printed figure.
    None,
    /// `≥x`, `x以上`, `不低于x`: at least.
    AtLeast,
    /// `>x`, `超过x`: more than.
    MoreThan,
    /// `≤x`, `x以下`, `不超过x`: at most.
    AtMost,
    /// `<x`, `不足x`: less than.
    LessThan,
    /// `=x` in a target column: exactly.
    Equal,
    /// `x余`, `x多`: more than x by less than one unit of the last digit.
    MoreThanBy,
    /// `近x`: slightly below x.
    Near,
    /// `约x`, `x左右`: about.
    Approx,
}

impl Qualifier {
    /// True for figures that must never be compared for equality.
    ///
    /// ```
    /// use jixiao_lint::model::Qualifier;
    /// assert!(Qualifier::Approx.is_approximate() && !Qualifier::AtLeast.is_approximate());
    /// ```
    pub fn is_approximate(self) -> bool {
        matches!(
            self,
            Qualifier::MoreThanBy | Qualifier::Near | Qualifier::Approx
        )
    }
    /// True for bounds (targets such as `≥95%`).
    ///
    /// ```
    /// use jixiao_lint::model::Qualifier;
    /// assert!(Qualifier::AtLeast.is_bound() && !Qualifier::None.is_bound());
    /// ```
    pub fn is_bound(self) -> bool {
        matches!(
            self,
            Qualifier::AtLeast | Qualifier::MoreThan | Qualifier::AtMost | Qualifier::LessThan
        )
    }
}

/// How the number was written.
///
/// ```
/// use jixiao_lint::model::{Cell, Numeral};
/// assert_eq!(Cell::new("三千元", None).figure().unwrap().numeral, Numeral::Chinese);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Numeral {
    /// Arabic digits.
    Arabic,
    /// Chinese numerals (三千, 十余).
    Chinese,
}

/// A figure as printed, with what it stands for.
///
/// ```
/// let f = jixiao_lint::model::Cell::new("587.65万元", None).figure().unwrap();
/// assert_eq!(f.shown.to_string(), "587.65");
/// assert_eq!(f.factor.to_string(), "10000");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    /// The figure as printed (folded), number and unit.
    pub raw: String,
    /// Where it is, when it comes from a source text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// The number as printed, scale preserved (`0.90` keeps two decimals).
    pub shown: Decimal,
    /// Multiplier applied to `shown` to reach the base unit (万元 → 10000 元; 1.5万人次 → 10000).
    pub factor: Decimal,
    /// The unit.
    pub unit: Unit,
    /// Qualifier.
    pub qualifier: Qualifier,
    /// How it was written.
    pub numeral: Numeral,
    /// Index of the first and one-past-last character in the stream it was scanned from.
    #[serde(skip)]
    pub(crate) chars: (usize, usize),
}

impl Figure {
    /// Value in base units (元 for money), as a point.
    ///
    /// ```
    /// let f = jixiao_lint::model::Cell::new("1.5万元", None).figure().unwrap();
    /// assert_eq!(f.value(), rust_decimal::Decimal::from(15000));
    /// ```
    pub fn value(&self) -> Decimal {
        self.shown.checked_mul(self.factor).unwrap_or(self.shown)
    }

    /// The interval of values the printed figure stands for, in base units, ignoring any
    /// qualifier. Chinese numerals are exact.
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// let f = jixiao_lint::model::Cell::new("≥95%", None).figure().unwrap();
    /// let iv = f.printed_interval().unwrap();
    /// assert!(iv.contains(Decimal::new(9549, 2)) && !iv.contains(Decimal::new(9560, 2)));
    /// ```
    pub fn printed_interval(&self) -> Option<Interval> {
        match self.numeral {
            Numeral::Chinese => Some(Interval::exact(self.value())),
            Numeral::Arabic => Interval::displayed(self.shown, self.factor),
        }
    }

    /// The interval for equality checks; `None` for approximate or bound figures.
    ///
    /// ```
    /// use jixiao_lint::model::Cell;
    /// assert!(Cell::new("95%", None).figure().unwrap().interval().is_some());
    /// assert!(Cell::new("约95%", None).figure().unwrap().interval().is_none(), "never compared");
    /// ```
    pub fn interval(&self) -> Option<Interval> {
        if self.qualifier.is_approximate() || self.qualifier.is_bound() {
            return None;
        }
        self.printed_interval()
    }

    /// True when the figure may take part in an equality check.
    ///
    /// ```
    /// use jixiao_lint::model::Cell;
    /// assert!(!Cell::new("≥95%", None).figure().unwrap().is_checkable());
    /// ```
    pub fn is_checkable(&self) -> bool {
        !self.qualifier.is_approximate() && !self.qualifier.is_bound()
    }

    /// A copy without the printed text (`raw` empty): no allocation.
    pub(crate) fn clone_without_text(&self) -> Figure {
        Figure {
            raw: String::new(),
            span: self.span,
            shown: self.shown,
            factor: self.factor,
            unit: self.unit.clone(),
            qualifier: self.qualifier,
            numeral: self.numeral,
            chars: self.chars,
        }
    }

    /// The printed number without unit (`587.65`).
    ///
    /// ```
    /// let f = jixiao_lint::model::Cell::new("0.90万元", None).figure().unwrap();
    /// assert_eq!(f.number_text(), "0.90");
    /// ```
    pub fn number_text(&self) -> String {
        self.shown.to_string()
    }
}

/// Format a decimal for messages: no trailing zeros beyond `min_dp` decimals.
pub(crate) fn fmt_dec(v: Decimal) -> String {
    let n = v.normalize();
    if n.is_zero() {
        "0".to_string()
    } else {
        n.to_string()
    }
}

/// Format a value in base units back in a money unit factor (`5876500` with 10000 → `587.65`).
pub(crate) fn fmt_in(v: Decimal, factor: Decimal) -> String {
    match v.checked_div(factor) {
        Some(x) => fmt_dec(x.round_dp(6)),
        None => fmt_dec(v),
    }
}

/// Format an interval in a unit factor.
pub(crate) fn fmt_iv_in(iv: Interval, factor: Decimal) -> String {
    let f = |v: Option<Decimal>| v.map(|x| fmt_in(x, factor));
    match (f(iv.lo), f(iv.hi)) {
        (Some(l), Some(h)) if l == h => l,
        (Some(l), Some(h)) => format!("[{l}, {h}]"),
        (Some(l), None) => format!("[{l}, +∞)"),
        (None, Some(h)) => format!("(−∞, {h}]"),
        _ => "(−∞, +∞)".into(),
    }
}

/// `v ± h` notation of a printed figure's interval in its own unit (`587.65 ± 0.005`).
pub(crate) fn fmt_pm(f: &Figure) -> String {
    if f.numeral == Numeral::Chinese {
        return fmt_dec(f.shown);
    }
    let k = f.shown.scale();
    let half = Decimal::try_new(5, k + 1).unwrap_or(Decimal::ZERO);
    format!("{} ± {}", f.shown, fmt_dec(half))
}
