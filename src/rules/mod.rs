//! The rule catalogue: one file per rule, each declaring its code, name, default severity
//! and documentation. `rules.md` is generated from these declarations.

use crate::diagnostic::{Diagnostic, Lang, Severity};
use crate::lang::Message;
use crate::model::{GradeBand, Report};

/// The group a rule belongs to: what `--select budget` and the catalogue sort by.
///
/// ```
/// use jixiao_lint::rules::{RuleGroup, find};
/// assert_eq!(find("JX105").unwrap().group, RuleGroup::Budget);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleGroup {
    /// Narrative arithmetic: sums, shares, changes, units, key figures.
    Budget,
    /// The 自评表's scoring: execution rates, scores, weights, grades, indicator rows.
    Scoring,
    /// Message and run hygiene: years, stray words, formulas, suppressions, partly read input.
    Hygiene,
}

impl RuleGroup {
    /// Every group, in catalogue order.
    pub(crate) const ALL: [RuleGroup; 3] =
        [RuleGroup::Budget, RuleGroup::Scoring, RuleGroup::Hygiene];

    /// The group's name as typed in `--select`, `jixiao.toml` and shown in outputs.
    ///
    /// ```
    /// assert_eq!(jixiao_lint::rules::RuleGroup::Scoring.as_str(), "scoring");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            RuleGroup::Budget => "budget",
            RuleGroup::Scoring => "scoring",
            RuleGroup::Hygiene => "hygiene",
        }
    }

    /// The group a name stands for.
    pub(crate) fn parse(s: &str) -> Option<RuleGroup> {
        RuleGroup::ALL.into_iter().find(|g| g.as_str() == s)
    }
}

impl std::fmt::Display for RuleGroup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A selector of `--select` / `--ignore` / `select = […]`: a rule's name or code, a group, or
/// `all`.
pub(crate) fn selects(selector: &str, m: &RuleMeta) -> bool {
    selector == m.name
        || selector.eq_ignore_ascii_case(m.code)
        || RuleGroup::parse(selector) == Some(m.group)
        || selector == "all"
}

/// True when `selector` names a rule, a group or `all`.
pub(crate) fn is_selector(selector: &str) -> bool {
    selector == "all" || RuleGroup::parse(selector).is_some() || find(selector).is_some()
}

/// Static description of a rule.
///
/// ```
/// let m = jixiao_lint::rules::find("change-direction").unwrap();
/// assert_eq!((m.code, m.severity), ("JX105", jixiao_lint::Severity::Error));
/// assert!(m.doc.contains("### What it checks"));
/// ```
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable code (JX…).
    pub code: &'static str,
    /// Stable kebab-case name.
    pub name: &'static str,
    /// Group.
    pub group: RuleGroup,
    /// Default severity.
    pub severity: Severity,
    /// One-line summary.
    pub summary: &'static str,
    /// Plain-Chinese title for review staff (review page, `rules`).
    pub title_zh: &'static str,
    /// Full documentation (Markdown): what it checks, why it matters, an example, the arithmetic.
    pub doc: &'static str,
    /// Report texts on which the rule reports nothing (its pass cases: clean texts and rounding
    /// traps). Run by `tests/rule_cases.rs`.
    pub pass: &'static [&'static str],
    /// Report texts on which the rule reports (its fail cases); the documented example is
    /// one of them. Run and snapshotted by `tests/rule_cases.rs`. Empty only for a rule whose
    /// input cannot be a literal text (a spreadsheet's formulas, an input past the read
    /// limits): the harness generates its fail cases.
    pub fail: &'static [&'static str],
}

impl RuleMeta {
    /// The rule's title in `lang`: its Chinese title or its English summary.
    ///
    /// ```
    /// let m = jixiao_lint::rules::find("JX105").unwrap();
    /// assert_eq!(m.title(jixiao_lint::Lang::Zh), "增减方向与数字矛盾");
    /// assert_eq!(m.title(jixiao_lint::Lang::En), m.summary);
    /// ```
    pub fn title(&self, lang: Lang) -> &'static str {
        crate::lang::Phrase::new(self.title_zh, self.summary).get(lang)
    }
}

/// Declare a rule: doc comment, static name, code, name, group, severity, summary, Chinese
/// title, then its pass and fail cases.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:expr])*
        pub static $ident:ident = ($code:expr, $name:expr, $group:ident, $sev:ident, $summary:expr, $title_zh:expr);
        pass = [$($pass:expr),* $(,)?];
        fail = [$($fail:expr),* $(,)?];
    ) => {
        $(#[doc = $doc])*
        pub static $ident: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
            code: $code,
            name: $name,
            group: $crate::rules::RuleGroup::$group,
            severity: $crate::diagnostic::Severity::$sev,
            summary: $summary,
            title_zh: $title_zh,
            doc: concat!($($doc, "\n"),*),
            pass: &[$($pass),*],
            fail: &[$($fail),*],
        };
    };
}

mod attainment;
mod common;
mod relations;
// the rule files, one module each, and their registry: generated by build.rs from the files of
// this folder (`jxNNN_name.rs`), so a new rule is its file alone
include!(concat!(env!("OUT_DIR"), "/rules_registry.rs"));
mod suggest;
mod suppression;

/// Which denominator an execution rate uses.
///
/// ```
/// use jixiao_lint::rules::RateDenominator;
/// assert_eq!(RateDenominator::default(), RateDenominator::FullYearBudget);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RateDenominator {
    /// 全年预算数 (national template, default).
    #[default]
    FullYearBudget,
    /// 年初预算数 (some provinces).
    InitialBudget,
}

/// Settings the rules read.
///
/// ```
/// let s = jixiao_lint::rules::RuleSettings::default();
/// assert!(s.bands.is_none(), "the bands the document states, else the national ones");
/// ```
#[derive(Clone, Debug, Default)]
pub struct RuleSettings {
    /// Grade bands to use when the document states none.
    pub bands: Option<Vec<GradeBand>>,
    /// Execution-rate denominator.
    pub rate_denominator: RateDenominator,
}

/// What a rule sees while it runs.
pub(crate) struct Ctx<'a> {
    /// Settings.
    pub settings: &'a RuleSettings,
    meta: Option<&'static RuleMeta>,
    out: Vec<Diagnostic>,
    /// Target and actual of every indicator row (table, row), read once per run for the
    /// rules that need them (JX207, JX208).
    compared: Option<Vec<Vec<Option<attainment::Compared>>>>,
    /// The suppressions that covered no finding (indices into the report's), known once the
    /// other rules ran.
    unused_suppressions: Vec<usize>,
}

impl<'a> Ctx<'a> {
    /// A context with no diagnostics yet. A context serves one run over one report (its
    /// caches belong to that report), so only [`run`] makes one.
    pub(crate) fn new(settings: &'a RuleSettings) -> Self {
        Ctx {
            settings,
            meta: None,
            out: Vec::new(),
            compared: None,
            unused_suppressions: Vec::new(),
        }
    }

    /// Target and actual of indicator row `ri` of table `ti`, compared ([`attainment::compare`]),
    /// computed once per run for all rows.
    pub(crate) fn compared(
        &mut self,
        report: &Report,
        ti: usize,
        ri: usize,
    ) -> Option<attainment::Compared> {
        let all = self.compared.get_or_insert_with(|| {
            report
                .tables
                .iter()
                .map(|t| t.indicators.iter().map(attainment::compare).collect())
                .collect()
        });
        all.get(ti)?.get(ri).copied().flatten()
    }

    /// The suppression comments that covered no finding (indices into
    /// `report.suppressions`): for rule JX304, which runs after the others.
    pub(crate) fn unused_suppressions(&self) -> &[usize] {
        &self.unused_suppressions
    }

    /// Start a diagnostic of the running rule.
    pub(crate) fn diag(&self, message: Message) -> Diagnostic {
        let m = self.meta.expect("diag called outside a rule");
        Diagnostic::new(m.name, m.code, m.severity, message)
    }

    /// Record a diagnostic.
    pub(crate) fn push(&mut self, d: Diagnostic) {
        self.out.push(d);
    }

    /// The diagnostics recorded.
    pub(crate) fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.out
    }
}

/// A rule's check function.
pub(crate) type CheckFn = fn(&Report, &mut Ctx);

/// Every rule, in code order.
pub(crate) fn registry() -> &'static [(&'static RuleMeta, CheckFn)] {
    REGISTERED
}

/// The rule catalogue: every rule's code, name, group, severity, summary and documentation, in
/// code order.
///
/// ```
/// let codes: Vec<&str> = jixiao_lint::rules::catalogue().map(|m| m.code).collect();
/// assert!(codes.contains(&"JX105"));
/// assert!(codes.windows(2).all(|w| w[0] < w[1]));
/// ```
pub fn catalogue() -> impl ExactSizeIterator<Item = &'static RuleMeta> {
    REGISTERED.iter().map(|(m, _)| *m)
}

/// Find a rule by name or code (case-insensitive for codes).
///
/// ```
/// use jixiao_lint::rules::find;
/// assert_eq!(find("jx105").map(|m| m.name), Some("change-direction"));
/// assert!(find("no-such-rule").is_none());
/// ```
pub fn find(name_or_code: &str) -> Option<&'static RuleMeta> {
    registry()
        .iter()
        .map(|(m, _)| *m)
        .find(|m| m.name == name_or_code || m.code.eq_ignore_ascii_case(name_or_code))
}

/// Run the selected rules on a report.
pub(crate) fn run(
    report: &Report,
    settings: &RuleSettings,
    enabled: &dyn Fn(&RuleMeta) -> bool,
) -> Vec<Diagnostic> {
    let mut ctx = Ctx::new(settings);
    // JX304 reads what the suppressions did, so it runs after the others and after the
    // findings the comments cover are dropped
    let unused = &jx304_unused_suppression::RULE;
    for (meta, check) in registry() {
        if !enabled(meta) || std::ptr::eq(*meta, unused) {
            continue;
        }
        ctx.meta = Some(meta);
        check(report, &mut ctx);
    }
    ctx.unused_suppressions = suppression::apply(report, &mut ctx.out);
    if enabled(unused) {
        ctx.meta = Some(unused);
        jx304_unused_suppression::check(report, &mut ctx);
    }
    let mut d = ctx.into_diagnostics();
    suggest::attach(&report.facts, &mut d);
    d
}

/// The rule catalogue as Markdown (the content of rules.md).
///
/// ```
/// let md = jixiao_lint::rules::rules_markdown();
/// assert!(md.starts_with("# jixiao-lint rules") && md.contains("| JX105 |"));
/// ```
pub fn rules_markdown() -> String {
    let mut s = String::from(
        "# jixiao-lint rules\n\n<!-- Generated from the rule declarations in src/rules/. Do not edit by hand: \
         run `UPDATE_RULES_MD=1 cargo test --test rules_md` to regenerate. -->\n\n\
         | code | name | 名称 | group | default | summary |\n|---|---|---|---|---|---|\n",
    );
    for (m, _) in registry() {
        s.push_str(&format!(
            "| {} | [{}](#{}) | {} | {} | {} | {} |\n",
            m.code, m.name, m.name, m.title_zh, m.group, m.severity, m.summary
        ));
    }
    for (m, _) in registry() {
        s.push_str(&format!(
            "\n## {}\n\n`{}` · {} · group `{}` · default severity **{}**\n\n",
            m.name, m.code, m.title_zh, m.group, m.severity
        ));
        for line in m.doc.lines() {
            s.push_str(line.strip_prefix(' ').unwrap_or(line));
            s.push('\n');
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_select_their_rules_and_nothing_else() {
        let m = &jx105_change_direction::RULE;
        assert_eq!(m.group, RuleGroup::Budget);
        assert!(selects("budget", m) && selects("all", m));
        assert!(selects("JX105", m) && selects("jx105", m) && selects("change-direction", m));
        assert!(!selects("scoring", m) && !selects("Budget", m) && !selects("JX10", m));
        for g in RuleGroup::ALL {
            assert_eq!(RuleGroup::parse(g.as_str()), Some(g));
            assert!(
                registry().iter().any(|(m, _)| m.group == g),
                "{g} has no rule"
            );
        }
        assert!(is_selector("hygiene") && is_selector("JX305") && is_selector("all"));
        assert!(!is_selector("budgets") && !is_selector(""));
    }
}
