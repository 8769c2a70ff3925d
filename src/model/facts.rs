//! Facts read from the narrative: labelled amounts, breakdowns (a tree), shares, comparisons
//! and rates.
//! Extraction records less, never more: when it is not sure two figures are the same
//! quantity or that a list is complete, it leaves the relation out.

use crate::figure::Figure;
use crate::source::Span;
use serde::{Deserialize, Serialize};

/// A figure with the label printed before it (`收入总计 458.5 万元`).
///
/// ```
/// let r = jixiao_lint::lint_text("a.txt", "2023年收入总计 587.65 万元。", &Default::default());
/// let a = &r.report.unwrap().facts.amounts[0];
/// assert_eq!(a.figure.raw, "587.65 万元");
/// assert_eq!(a.year, Some(2023));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Amount {
    /// The label as printed (nearest noun phrase before the figure).
    pub label: String,
    /// Year the text ties the amount to, when printed.
    #[serde(default)]
    pub year: Option<i32>,
    /// The figure.
    pub figure: Figure,
    /// Index of the sentence it came from.
    pub sentence: usize,
    /// The amount's key figure name when its label names nothing but a budget concept and a
    /// measure (`基本支出预算` and `一般公共预算基本支出` share one): the same key stated twice
    /// with different values is a figure-mismatch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

/// A total and its parts (其中 / 包括 / 分别为 / 为 lists).
///
/// ```
/// let text = "支出合计 100 万元，其中：基本支出 60 万元，项目支出 40 万元。";
/// let r = jixiao_lint::lint_text("b.txt", text, &Default::default());
/// let b = &r.report.unwrap().facts.breakdowns[0];
/// assert_eq!(b.parts.len(), 2);
/// assert!(!b.complete, "其中: the parts must only not exceed the total");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breakdown {
    /// Label of the total.
    pub total_label: String,
    /// The total, when the text ties one to the list (a parallel list of amounts under a
    /// heading without a figure has none).
    #[serde(default)]
    pub total: Option<Figure>,
    /// The parts, in order.
    pub parts: Vec<Amount>,
    /// True when the parts are known to make up the whole total (a named identity, 分别为,
    /// a table 合计); false for a subset (其中), where the parts must only not exceed it.
    pub complete: bool,
    /// The word that introduced the list.
    pub marker: String,
    /// Name of the identity that made it complete, when one did (`三公经费`).
    #[serde(default)]
    pub identity: Option<String>,
    /// The breakdown this one's total is a part of (breakdowns are a tree: an inner list
    /// belongs to its own head).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<usize>,
}

/// A share of a whole (`占比为 49.26%`, `占一般公共预算支出的 19.62%`).
///
/// ```
/// let text = "支出合计 200 万元，其中基本支出 150 万元，占 75%。";
/// let r = jixiao_lint::lint_text("s.txt", text, &Default::default());
/// let s = &r.report.unwrap().facts.shares[0];
/// assert_eq!(s.share.raw, "75%");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Share {
    /// Label of the part.
    pub part_label: String,
    /// The part's amount, when printed beside the share.
    #[serde(default)]
    pub part: Option<Figure>,
    /// The whole as named in the text (`一般公共预算支出`), empty when implicit.
    pub whole_label: String,
    /// The whole's amount, when the text ties one to it.
    #[serde(default)]
    pub whole: Option<Figure>,
    /// The share.
    pub share: Figure,
    /// Shares with the same group number partition the same whole in one list.
    pub group: usize,
    /// True when the shares of the group are known to cover the whole whole (`分为 A 和 B`).
    pub group_complete: bool,
}

/// Direction of a stated change.
///
/// ```
/// let r = jixiao_lint::lint_text("r.txt", "当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。", &Default::default());
/// let c = &r.report.unwrap().facts.comparisons[0];
/// assert_eq!(c.direction.map(|d| d.0), Some(jixiao_lint::facts::Direction::Down));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// 增加 / 增长 / 上升 / 提高.
    Up,
    /// 减少 / 下降 / 降低.
    Down,
    /// 持平.
    Flat,
}

/// A year-over-year (or budget-vs-actual) comparison.
///
/// ```
/// let r = jixiao_lint::lint_text("r.txt", "当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。", &Default::default());
/// let c = &r.report.unwrap().facts.comparisons[0];
/// assert_eq!(c.current.as_ref().map(|f| f.raw.as_str()), Some("1.99 万元"));
/// assert_eq!(c.prior.as_ref().map(|f| f.raw.as_str()), Some("1.42 万元"));
/// assert_eq!(c.direction_word.as_deref(), Some("减少"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    /// Label of the quantity compared.
    pub label: String,
    /// Its subject: the label without periods, measures and fillers (`公务接待费`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub subject: String,
    /// The current value, when printed.
    #[serde(default)]
    pub current: Option<Figure>,
    /// The previous value, when printed (`比上年 1.42 万元`).
    #[serde(default)]
    pub prior: Option<Figure>,
    /// The direction word of the amount change, and where it is.
    #[serde(default)]
    pub direction: Option<(Direction, Span)>,
    /// That word as printed (`减少`), for a suggested correction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction_word: Option<String>,
    /// The stated change amount (magnitude).
    #[serde(default)]
    pub delta: Option<Figure>,
    /// The direction word of the rate, and where it is.
    #[serde(default)]
    pub rate_direction: Option<(Direction, Span)>,
    /// The stated rate (% for relative change, 个百分点 for a difference of rates).
    #[serde(default)]
    pub rate: Option<Figure>,
    /// The baseline as printed (`比上年`, `较 2022 年`, `同比`).
    pub baseline: String,
    /// True when the comparison is against the budget (`比预算数减少`): the current value is
    /// what was spent, the prior the budget.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub against_budget: bool,
    /// The completion of the budget stated with a comparison against it (`完成年初预算100%，
    /// 决算数大于预算数55.93万元`): current ÷ the budget the change implies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completion: Option<Figure>,
}

/// A rate stated in prose beside the amounts it is the ratio of (`截至12月底已拨付782.6万元，
/// …，支付率为93%` of `安排…850万元`): the same relation as a 自评表's 执行率 column.
///
/// ```
/// let text = "项目安排资金 850 万元，已拨付 782.6 万元，支付率为 93%。";
/// let r = jixiao_lint::lint_text("r.txt", text, &Default::default());
/// let ratio = &r.report.unwrap().facts.ratios[0];
/// assert_eq!(ratio.rate.raw, "93%");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ratio {
    /// The rate's name as printed (`支付率`, `预算执行率`).
    pub name: String,
    /// The numerator (what was spent, paid, arrived).
    pub numerator: Figure,
    /// Its label.
    pub numerator_label: String,
    /// The denominator (the budget or what arrived).
    pub denominator: Figure,
    /// Its label.
    pub denominator_label: String,
    /// The stated rate.
    pub rate: Figure,
}

/// How the reader understood one figure: its role in its clause and what it was bound by
/// (shown by `extract`, so a reviewer can see why a figure was bound where it was).
///
/// ```
/// // frames are read for `extract`, not for linting
/// let r = jixiao_lint::lint_text("f.txt", "收入 1 万元。", &Default::default());
/// assert!(r.report.unwrap().facts.frames.is_empty());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Frame {
    /// Index of the sentence.
    pub sentence: usize,
    /// The figure as printed.
    pub figure: String,
    /// Where it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// `level`, `prior`, `change`, `change_rate`, `share`, `rate`, `weight`, `score` …
    pub role: String,
    /// The label printed before it.
    pub label: String,
    /// Its subject (printed or carried over from the clause before).
    pub subject: String,
    /// True when the subject was carried over.
    pub subject_carried: bool,
    /// Its period (`2023`, `本年`, `上年`, `年初`), printed or carried over.
    pub period: String,
    /// What it measures (`budget`, `spent`, `paid`, `arrived`, `revenue`, `balance`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<String>,
}

/// All facts of a report.
///
/// ```
/// let r = jixiao_lint::lint_text("r.txt", "当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。", &Default::default());
/// let facts = r.report.unwrap().facts;
/// assert_eq!(facts.comparisons.len(), 1);
/// assert!(facts.shares.is_empty());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facts {
    /// Labelled amounts.
    #[serde(default)]
    pub amounts: Vec<Amount>,
    /// Totals with parts.
    #[serde(default)]
    pub breakdowns: Vec<Breakdown>,
    /// Shares.
    #[serde(default)]
    pub shares: Vec<Share>,
    /// Comparisons.
    #[serde(default)]
    pub comparisons: Vec<Comparison>,
    /// Latin-script words standing inside Chinese prose.
    #[serde(default)]
    pub latin_words: Vec<super::Text>,
    /// Rates stated in prose with their numerator and denominator.
    #[serde(default)]
    pub ratios: Vec<Ratio>,
    /// The clause frames (only when asked for: `extract`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub frames: Vec<Frame>,
}
