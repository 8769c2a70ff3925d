//! The rule catalogue: one file per rule, each declaring its code, name, default severity
//! and documentation. `rules.md` is generated from these declarations.

use crate::diagnostic::{Diagnostic, Lang, Severity};
use crate::model::{GradeBand, Report};

/// The group a rule belongs to: what `--select budget` and the catalogue sort by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleGroup {
    /// Narrative arithmetic: sums, shares, changes, units, key figures.
    Budget,
    /// The 自评表's scoring: execution rates, scores, weights, grades, indicator rows.
    Scoring,
    /// Text and run hygiene: years, stray words, formulas, suppressions, partly read input.
    Hygiene,
}

impl RuleGroup {
    /// Every group, in catalogue order.
    pub const ALL: [RuleGroup; 3] = [RuleGroup::Budget, RuleGroup::Scoring, RuleGroup::Hygiene];

    /// The group's name as typed in `--select`, `jixiao.toml` and shown in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleGroup::Budget => "budget",
            RuleGroup::Scoring => "scoring",
            RuleGroup::Hygiene => "hygiene",
        }
    }

    /// The group a name stands for.
    pub fn parse(s: &str) -> Option<RuleGroup> {
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
pub fn selects(selector: &str, m: &RuleMeta) -> bool {
    selector == m.name
        || selector.eq_ignore_ascii_case(m.code)
        || RuleGroup::parse(selector) == Some(m.group)
        || selector == "all"
}

/// True when `selector` names a rule, a group or `all`.
pub fn is_selector(selector: &str) -> bool {
    selector == "all" || RuleGroup::parse(selector).is_some() || find(selector).is_some()
}

/// Static description of a rule.
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
    /// input cannot be a text (a spreadsheet's formulas, an input past the read limits): its
    /// cases live with the format's tests.
    pub fail: &'static [&'static str],
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
pub mod jx101_revenue_expenditure_balance;
pub mod jx102_breakdown_sum;
pub mod jx103_share_sum;
pub mod jx104_share_value;
pub mod jx105_change_direction;
pub mod jx106_change_amount;
pub mod jx107_change_rate;
pub mod jx108_unit_mismatch;
pub mod jx109_figure_mismatch;
pub mod jx110_fund_rows_sum;
pub mod jx201_score_exceeds_weight;
pub mod jx202_execution_rate;
pub mod jx203_execution_score;
pub mod jx204_total_score;
pub mod jx205_weight_sum;
pub mod jx206_grade_band;
pub mod jx207_deviation_unexplained;
pub mod jx208_attainment_score;
pub mod jx209_incomplete_row;
pub mod jx210_unscored_table;
pub mod jx301_year_mismatch;
pub mod jx302_stray_latin_word;
pub mod jx303_formula_without_value;
pub mod jx304_unused_suppression;
pub mod jx305_partly_read;
mod relations;
mod suggest;
mod suppression;

/// Which denominator an execution rate uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RateDenominator {
    /// 全年预算数 (national template, default).
    #[default]
    FullYearBudget,
    /// 年初预算数 (some provinces).
    InitialBudget,
}

/// Settings the rules read.
#[derive(Clone, Debug, Default)]
pub struct RuleSettings {
    /// Grade bands to use when the document states none.
    pub bands: Option<Vec<GradeBand>>,
    /// Execution-rate denominator.
    pub rate_denominator: RateDenominator,
}

/// What a rule sees while it runs.
pub struct Ctx<'a> {
    /// Message language.
    pub lang: Lang,
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
    pub(crate) fn new(lang: Lang, settings: &'a RuleSettings) -> Self {
        Ctx {
            lang,
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

    /// Pick a message in the context's language.
    pub fn t(&self, zh: String, en: String) -> String {
        self.lang.pick(zh, en)
    }

    /// Start a diagnostic of the running rule.
    pub fn diag(&self, message: String) -> Diagnostic {
        let m = self.meta.expect("diag called outside a rule");
        Diagnostic::new(m.name, m.code, m.severity, message)
    }

    /// Record a diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.out.push(d);
    }

    /// The diagnostics recorded.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.out
    }
}

/// A rule's check function.
pub type CheckFn = fn(&Report, &mut Ctx);

/// Every rule, in code order.
pub fn registry() -> &'static [(&'static RuleMeta, CheckFn)] {
    static R: &[(&RuleMeta, CheckFn)] = &[
        (
            &jx101_revenue_expenditure_balance::RULE,
            jx101_revenue_expenditure_balance::check,
        ),
        (&jx102_breakdown_sum::RULE, jx102_breakdown_sum::check),
        (&jx103_share_sum::RULE, jx103_share_sum::check),
        (&jx104_share_value::RULE, jx104_share_value::check),
        (&jx105_change_direction::RULE, jx105_change_direction::check),
        (&jx106_change_amount::RULE, jx106_change_amount::check),
        (&jx107_change_rate::RULE, jx107_change_rate::check),
        (&jx108_unit_mismatch::RULE, jx108_unit_mismatch::check),
        (&jx109_figure_mismatch::RULE, jx109_figure_mismatch::check),
        (&jx110_fund_rows_sum::RULE, jx110_fund_rows_sum::check),
        (
            &jx201_score_exceeds_weight::RULE,
            jx201_score_exceeds_weight::check,
        ),
        (&jx202_execution_rate::RULE, jx202_execution_rate::check),
        (&jx203_execution_score::RULE, jx203_execution_score::check),
        (&jx204_total_score::RULE, jx204_total_score::check),
        (&jx205_weight_sum::RULE, jx205_weight_sum::check),
        (&jx206_grade_band::RULE, jx206_grade_band::check),
        (
            &jx207_deviation_unexplained::RULE,
            jx207_deviation_unexplained::check,
        ),
        (&jx208_attainment_score::RULE, jx208_attainment_score::check),
        (&jx209_incomplete_row::RULE, jx209_incomplete_row::check),
        (&jx210_unscored_table::RULE, jx210_unscored_table::check),
        (&jx301_year_mismatch::RULE, jx301_year_mismatch::check),
        (&jx302_stray_latin_word::RULE, jx302_stray_latin_word::check),
        (
            &jx303_formula_without_value::RULE,
            jx303_formula_without_value::check,
        ),
        (
            &jx304_unused_suppression::RULE,
            jx304_unused_suppression::check,
        ),
        (&jx305_partly_read::RULE, jx305_partly_read::check),
    ];
    R
}

/// Find a rule by name or code (case-insensitive for codes).
pub fn find(name_or_code: &str) -> Option<&'static RuleMeta> {
    registry()
        .iter()
        .map(|(m, _)| *m)
        .find(|m| m.name == name_or_code || m.code.eq_ignore_ascii_case(name_or_code))
}

/// Run the selected rules on a report.
pub fn run(
    report: &Report,
    lang: Lang,
    settings: &RuleSettings,
    enabled: &dyn Fn(&RuleMeta) -> bool,
) -> Vec<Diagnostic> {
    let mut ctx = Ctx::new(lang, settings);
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
    suggest::attach(&report.facts, &mut d, lang);
    d
}

/// The rule catalogue as Markdown (the content of rules.md).
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
