//! JX101 revenue-expenditure-balance.

use super::Ctx;
use crate::facts::Amount;
use crate::figure::fmt_pm;
use crate::lang::tr;
use crate::model::Report;
use crate::source::has;

declare_rule! {
    /// ### What it checks
    /// 收入总计 and 支出总计 of the same scope (`财政拨款收入总计` / `财政拨款支出总计`) and the same
    /// year must be equal: in the 决算 format the 总计 lines include the carry-overs on both sides
    /// (支出总计 contains 年末结转和结余). 本年收入合计 and 本年支出合计 may legitimately differ
    /// and are not compared.
    ///
    /// ### Why it matters
    /// An unbalanced 总计 means a 本年 figure was labelled 总计 or a carry-over was left out.
    ///
    /// ### Example
    /// `财政拨款收入总计1614.63万元 … 财政拨款支出总计1870.91万元`.
    ///
    /// ### Arithmetic
    /// The two rounding intervals must meet.
    pub static RULE = ("JX101", "revenue-expenditure-balance", Budget, Error, "收入总计 ≠ 支出总计 for the same scope and year", "收入总计与支出总计不一致");
    pass = [
        "2023年财政拨款收入总计1614.63万元，财政拨款支出总计1614.63万元。",
        "财政拨款收入总计1614.6万元，财政拨款支出总计1614.63万元。",
    ];
    fail = [
        "财政拨款收入总计1614.63万元，财政拨款支出总计1870.91万元。",
    ];
}

/// The scope of a 总计 label: the words before 收入总计/支出总计, without years and filler.
fn scope(label: &str, key: &str) -> Option<String> {
    let l: String = label.chars().filter(|c| !c.is_whitespace()).collect();
    let p = l.find(key)?;
    let mut s = l[..p].to_string();
    // drop a year and filler words
    let chars: Vec<char> = s.chars().collect();
    if let Some(pos) = chars.iter().position(|c| *c == '年')
        && chars[..pos].iter().all(|c| c.is_ascii_digit())
    {
        s = chars[pos + 1..].iter().collect();
        s = s.trim_start_matches('度').to_string();
    }
    for f in ["本部门", "本单位", "我单位", "我局", "全年", "年度"] {
        if s.contains(f) {
            s = s.replace(f, "");
        }
    }
    Some(s)
}

/// Check the rule on a report.
pub fn check(report: &Report, ctx: &mut Ctx) {
    let amounts = &report.facts.amounts;
    let mut by_sentence: std::collections::HashMap<usize, Vec<&Amount>> =
        std::collections::HashMap::new();
    for a in amounts.iter().filter(|a| has(&a.label, "支出总计")) {
        by_sentence.entry(a.sentence).or_default().push(a);
    }
    let revenue: Vec<&Amount> = amounts
        .iter()
        .filter(|a| has(&a.label, "收入总计") && a.figure.unit.is_money())
        .collect();
    for r in revenue {
        let Some(rs) = scope(&r.label, "收入总计") else {
            continue;
        };
        let exp = by_sentence
            .get(&r.sentence)
            .into_iter()
            .flatten()
            .copied()
            .find(|e| {
                has(&e.label, "支出总计")
                    && e.figure.unit.is_money()
                    && e.sentence == r.sentence
                    && scope(&e.label, "支出总计").as_deref() == Some(rs.as_str())
                    && (e.year == r.year || e.year.is_none() || r.year.is_none())
            });
        let Some(e) = exp else { continue };
        let (Some(ri), Some(ei)) = (r.figure.interval(), e.figure.interval()) else {
            continue;
        };
        if ri.meets(ei) {
            continue;
        }
        let msg = tr!(
            "{rs}收入总计 {raw} ≠ 支出总计 {raw2}",
            "{rs}revenue total {raw} ≠ expenditure total {raw2}",
            rs = &rs,
            raw = &r.figure.raw,
            raw2 = &e.figure.raw
        );
        let help = tr!(
            "决算口径下收入总计应等于支出总计（{v} 对 {v2}）；若为本年收入、本年支出，请改用“本年收入合计/本年支出合计”",
            "the 总计 lines balance by construction ({v} vs {v2}); for this year's revenue and spending use 本年收入合计/本年支出合计",
            v = &fmt_pm(&r.figure),
            v2 = &fmt_pm(&e.figure)
        );
        let d = ctx
            .diag(msg)
            .with_help(help)
            .at(e.figure.span, tr!("支出总计", "expenditure total"))
            .label(r.figure.span, tr!("收入总计", "revenue total"));
        ctx.push(d);
    }
}
