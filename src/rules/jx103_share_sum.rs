//! JX103 share-sum.

use super::Ctx;
use crate::facts::Share;
use crate::figure::{Interval, fmt_dec, fmt_iv_in};
use crate::lang::{Message, tr};
use crate::model::Report;
use rust_decimal::Decimal;

declare_rule! {
    /// ### What it checks
    /// Shares (占比 / 占…的 x%) of distinct parts of one whole must not add up to more than
    /// 100%. Shares in one list with one whole are siblings; across the report, shares of the
    /// same named whole whose parts are members of a known partition (基本支出 / 项目支出;
    /// 人员经费 / 公用经费) are siblings too.
    ///
    /// ### Why it matters
    /// Shares above 100% in total mean one share was computed against another whole or mistyped.
    ///
    /// ### Example
    /// `基本支出预算…占一般公共预算支出的84.06%` and `项目支出…占一般公共预算支出的 19.62%`: 103.68%.
    ///
    /// ### Arithmetic
    /// Each share is a rounding interval (0.9% is [0.85, 0.95]); the lower ends must not add up
    /// to more than 100. So 49.26 + 26.37 + 23.47 + 0.9 = 100.00 passes, and so would 100.04.
    pub static RULE = ("JX103", "share-sum", Budget, Error, "shares of one whole add up to more than 100%", "占比合计超过100%");
    pass = [
        "2023年支出合计200.00万元，其中：基本支出150.00万元，占75.00%；项目支出50.00万元，占25.00%。",
        "支出合计3万元，其中：基本支出1万元，占33.3%；项目支出2万元，占66.7%。",
    ];
    fail = [
        "基本支出预算1200万元，占一般公共预算支出的84.06%；项目支出预算280万元，占一般公共预算支出的 19.62%。",
    ];
}

const PARTITIONS: &[&[&str]] = &[&["基本支出", "项目支出"], &["人员经费", "公用经费"]];

fn report_group(ctx: &mut Ctx, group: &[&Share]) {
    if group.len() < 2 {
        return;
    }
    let ivs: Option<Vec<Interval>> = group.iter().map(|s| s.share.interval()).collect();
    let Some(ivs) = ivs else { return };
    let Some(sum) = Interval::sum(ivs) else {
        return;
    };
    let Some(lo) = sum.lo else { return };
    if lo <= Decimal::ONE_HUNDRED {
        return;
    }
    let point: Decimal = group.iter().map(|s| s.share.value()).sum();
    let last = group.last().unwrap();
    let items: Vec<String> = group.iter().map(|s| s.share.raw.clone()).collect();
    let whole = if last.whole_label.is_empty() {
        String::new()
    } else {
        format!("（{}）", last.whole_label)
    };
    let msg = tr!(
        "同一整体{whole}的各项占比之和为 {v}%，超过 100%",
        "shares of one whole{whole} add up to {v}%, over 100%",
        whole = &whole,
        v = &fmt_dec(point)
    );
    let help = tr!(
        "{items} = {v}%，区间 {v2}%",
        "{items} = {v}%, interval {v2}%",
        items = &(items.join(" + ")),
        v = &fmt_dec(point),
        v2 = &fmt_iv_in(sum, Decimal::ONE)
    );
    let mut d = ctx
        .diag(msg)
        .with_help(help)
        .at(last.share.span, tr!("占比", "share"));
    for s in &group[..group.len() - 1] {
        d = d.label(s.share.span, Message::verbatim(s.part_label.clone()));
    }
    ctx.push(d);
}

/// Check the rule on a report.
pub fn check(report: &Report, ctx: &mut Ctx) {
    let shares = &report.facts.shares;
    // siblings in one list
    for chunk in shares.chunk_by(|a, b| a.group == b.group) {
        let group: Vec<&Share> = chunk.iter().filter(|s| s.share.is_checkable()).collect();
        report_group(ctx, &group);
    }
    // members of a known partition of the same named whole, across the report
    for part in PARTITIONS {
        let mut wholes: Vec<&str> = shares
            .iter()
            .filter(|s| !s.whole_label.is_empty())
            .map(|s| s.whole_label.as_str())
            .collect();
        wholes.sort();
        wholes.dedup();
        for w in wholes {
            let mut group: Vec<&Share> = Vec::new();
            for m in *part {
                if let Some(s) = shares.iter().find(|s| {
                    s.whole_label == w
                        && s.part_label.contains(m)
                        && !part.iter().any(|o| o != m && s.part_label.contains(o))
                        && s.share.is_checkable()
                }) {
                    group.push(s);
                }
            }
            let same_list = group.windows(2).all(|x| x[0].group == x[1].group);
            if group.len() >= 2 && !same_list {
                group.sort_by_key(|s| s.share.span.map(|x| x.offset));
                report_group(ctx, &group);
            }
        }
    }
}
