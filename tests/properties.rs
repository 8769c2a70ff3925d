//! Property tests: interval arithmetic laws and figure parsing round trips.

use jixiao_lint::internals::figure::{Interval, parse_cell, ratio_meets};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn dec(m: i64, k: u32) -> Decimal {
    Decimal::new(m, k)
}

proptest! {
    // a sum of intervals contains the sum of any members
    #[test]
    fn sum_contains_sums_of_members(
        xs in prop::collection::vec((0i64..10_000_000, 0u32..4, 0u32..=100), 1..12),
    ) {
        let mut ivs = Vec::new();
        let mut member_sum = Decimal::ZERO;
        for (m, k, t) in &xs {
            let shown = dec(*m, *k);
            let iv = Interval::displayed(shown, Decimal::ONE).unwrap();
            // a member: lo + t% of the width
            let lo = iv.lo.unwrap();
            let w = iv.hi.unwrap() - lo;
            member_sum += lo + w * Decimal::from(*t) / Decimal::ONE_HUNDRED;
            ivs.push(iv);
        }
        let s = Interval::sum(ivs).unwrap();
        prop_assert!(s.contains(member_sum));
    }

    #[test]
    fn meets_is_symmetric(a in 0i64..100_000, ka in 0u32..4, b in 0i64..100_000, kb in 0u32..4) {
        let x = Interval::displayed(dec(a, ka), Decimal::ONE).unwrap();
        let y = Interval::displayed(dec(b, kb), Decimal::ONE).unwrap();
        prop_assert_eq!(x.meets(y), y.meets(x));
    }

    // rounding a value to k decimals gives a printed figure whose interval contains the value
    #[test]
    fn printed_interval_contains_the_value(m in -10_000_000_000i64..10_000_000_000, scale in 0u32..8, k in 0u32..5) {
        let v = dec(m, scale);
        for strategy in [rust_decimal::RoundingStrategy::MidpointAwayFromZero, rust_decimal::RoundingStrategy::MidpointNearestEven] {
            let printed = v.round_dp_with_strategy(k, strategy);
            let mut shown = printed;
            shown.rescale(k);
            let iv = Interval::displayed(shown, Decimal::ONE).unwrap();
            prop_assert!(iv.contains(v), "{} printed {} → {}", v, shown, iv);
        }
    }

    // a share computed from exact amounts and printed with k decimals always passes
    #[test]
    fn printed_ratio_is_consistent(a in 1i64..10_000_000, extra in 0i64..10_000_000, k in 0u32..4) {
        let part = dec(a, 2);
        let whole = dec(a + extra, 2);
        let pct = (part * Decimal::ONE_HUNDRED / whole).round_dp(k);
        let mut shown = pct;
        shown.rescale(k);
        let p = Interval::displayed(shown, Decimal::ONE).unwrap();
        let ai = Interval::displayed(part, Decimal::ONE).unwrap();
        let wi = Interval::displayed(whole, Decimal::ONE).unwrap();
        prop_assert_eq!(ratio_meets(ai, wi, p), Some(true));
    }

    // figures round-trip through printing and parsing, full-width forms included
    #[test]
    fn figures_round_trip(m in 0i64..100_000_000_000, k in 0u32..4, unit in 0usize..5, wide in any::<bool>()) {
        let shown = dec(m, k);
        let (suffix, factor) = [("元", 1i64), ("万元", 10_000), ("亿元", 100_000_000), ("%", 1), ("人", 1)][unit];
        let mut text = format!("{shown}{suffix}");
        if wide {
            text = text.chars().map(|c| match c {
                '0'..='9' => char::from_u32(c as u32 + 0xFEE0).unwrap(),
                '.' => '．',
                '%' => '％',
                c => c,
            }).collect();
        }
        let f = parse_cell(&text, None).unwrap();
        prop_assert_eq!(f.shown, shown);
        prop_assert_eq!(f.shown.scale(), k);
        prop_assert_eq!(f.value(), shown * Decimal::from(factor));
    }

    // no input makes the whole pipeline panic
    #[test]
    fn lint_never_panics(s in "\\PC{0,300}") {
        let _ = jixiao_lint::lint_text("p.txt", &s, &Default::default());
    }
}

fn token() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "1",
        "2",
        "0",
        "9",
        ".",
        ",",
        "，",
        "。",
        "；",
        "、",
        "：",
        "\t",
        "|",
        "\n",
        "\n\n",
        " ",
        "%",
        "％",
        "万元",
        "元",
        "亿",
        "万",
        "人",
        "个",
        "余",
        "约",
        "近",
        "≥",
        "≤",
        "其中",
        "包括",
        "分别为",
        "为",
        "共计",
        "合计",
        "比上年",
        "较上年",
        "同比",
        "增加",
        "减少",
        "增长",
        "下降",
        "个百分点",
        "占",
        "占比为",
        "收入总计",
        "支出总计",
        "三公经费",
        "公务接待费",
        "出国费为零",
        "年度资金总额",
        "当年财政拨款",
        "全年预算数",
        "全年执行数",
        "执行率",
        "分值",
        "得分",
        "总分",
        "等级：优",
        "绩效指标",
        "一级指标",
        "年度指标值",
        "实际完成值",
        "偏差原因分析及改进措施",
        "产出指标 (50分)",
        "<div>",
        "</div>",
        "<td>",
        "<tr>",
        "十",
        "余",
        "两",
        "三千",
        "百分之",
        "成",
        "倍",
        "2020年",
        "(",
        ")",
        "（",
        "）",
        "<!-- jixiao-lint: ignore -->",
        "and",
        "为优",
        "90 分（含）—100 分",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]
    #[test]
    fn report_shaped_noise_never_panics(parts in prop::collection::vec(token(), 0..120)) {
        let s: String = parts.concat();
        let r = jixiao_lint::lint_text("p.txt", &s, &Default::default());
        let _ = jixiao_lint::render::json::render(std::slice::from_ref(&r));
        let _ = jixiao_lint::render::sarif::render(std::slice::from_ref(&r));
        #[cfg(feature = "fancy")]
        let _ = jixiao_lint::render::human::render(std::slice::from_ref(&r), jixiao_lint::Lang::Zh, false);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]
    /// Any phrase, however its braces fall, renders without panicking in both languages; with
    /// no values it renders its holes as written, and with a value for every name it leaves no
    /// `{name}` of those names behind.
    #[test]
    fn phrases_render_whatever_their_braces(t in "[{}ab_中 ]{0,24}") {
        use jixiao_lint::Lang;
        use jixiao_lint::lang::{Message, Phrase};
        let phrase: &'static Phrase = Box::leak(Box::new(Phrase::new(
            Box::leak(t.clone().into_boxed_str()),
            Box::leak(t.clone().into_boxed_str()),
        )));
        let bare = Message::new(phrase);
        let zh = bare.render(Lang::Zh);
        prop_assert_eq!(&zh, &bare.render(Lang::En));
        let (missing, unused) = bare.mismatched_holes();
        prop_assert!(unused.is_empty());
        for m in &missing {
            let hole = format!("{{{m}}}");
            prop_assert!(zh.contains(&hole), "{} shows in {:?}", hole, zh);
        }
        let names = ["a", "b", "ab", "中", "a_b", "_"];
        let filled = names.iter().fold(Message::new(phrase), |m, n| m.arg(n, "V"));
        let (missing, _) = filled.mismatched_holes();
        prop_assert!(missing.iter().all(|m| !names.contains(&m.as_str())));
    }
}
