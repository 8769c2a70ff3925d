//! The vocabulary of the official 自评表 templates (项目支出 / 部门整体支出 / 转移支付区域绩效
//! 自评表 and their provincial variants) as data: the 资金 block's column headers and row
//! labels, the indicator block's columns and level names, the total, the grade, and the short
//! status words a target or an actual may be. Both the row reader and the cell-stream grammar
//! read tables through these words; a new synonym is a new row here.

use crate::model::FundKind;
use crate::source::has;

/// Columns of the 资金情况 block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FundCol {
    /// 年初预算数.
    Initial,
    /// 全年预算数 / 调整后预算数.
    Budget,
    /// 全年执行数 / 预算执行数.
    Executed,
    /// 分值 / 权重.
    Weight,
    /// 执行率 / 支付率.
    Rate,
    /// 得分.
    Score,
    /// 原因.
    Reason,
}

/// Header words of the 资金 block, in the order they are tried (the first word a header cell
/// contains decides its column: `得分(分值×执行率)` is the score, `预算执行数` the executed
/// amount).
const FUND_COLUMNS: &[(&str, FundCol)] = &[
    ("得分", FundCol::Score),
    ("率", FundCol::Rate),
    ("分值", FundCol::Weight),
    ("权重", FundCol::Weight),
    ("年初", FundCol::Initial),
    ("执行", FundCol::Executed),
    ("支出数", FundCol::Executed),
    ("决算数", FundCol::Executed),
    ("预算", FundCol::Budget),
    ("原因", FundCol::Reason),
];

/// The column a 资金 block header cell names (its label key).
pub fn fund_col(k: &str) -> Option<FundCol> {
    if has(k, "万元") || has(k, "分)") || has(k, "分）") || k.chars().count() > 16 {
        return None;
    }
    FUND_COLUMNS
        .iter()
        .find(|(w, _)| has(k, w))
        .map(|&(_, c)| c)
}

/// The header phrases of the 资金 block as printed in the templates: in a cell stream, where
/// an item name such as `验收合格率` stands next to them, only these read as columns.
const FUND_HEADER_WORDS: &[&str] = &[
    "年初预算数",
    "年初预算",
    "年初数",
    "全年预算数",
    "全年预算",
    "调整后预算数",
    "调整后预算",
    "全年(调整)预算数",
    "预算数",
    "全年执行数",
    "执行数",
    "预算执行数",
    "实际执行数",
    "实际支出数",
    "决算数",
    "分值",
    "权重",
    "执行率",
    "预算执行率",
    "资金执行率",
    "支付率",
    "到位率",
    "得分",
];

/// The column a header phrase names, when the cell is one of the template's phrases
/// (`得分(分值×执行率)` included).
pub fn fund_header_word(k: &str) -> Option<FundCol> {
    let base = k.split(['(', '（']).next().unwrap_or(k);
    if FUND_HEADER_WORDS.contains(&k) || FUND_HEADER_WORDS.contains(&base) {
        fund_col(k)
    } else {
        None
    }
}

/// Row labels of the 资金 block: (word the label contains, or the whole label, kind).
const FUND_ROWS: &[(&str, bool, FundKind)] = &[
    ("资金总额", false, FundKind::Total),
    ("合计", true, FundKind::Total),
    ("总额", true, FundKind::Total),
    ("总计", false, FundKind::Total),
    ("上年结转", false, FundKind::CarryOver),
    ("结转", false, FundKind::CarryOver),
    ("财政拨款", false, FundKind::CurrentAppropriation),
    ("财政资金", true, FundKind::CurrentAppropriation),
    ("基本支出", false, FundKind::Basic),
    ("项目支出", false, FundKind::Project),
    ("资金", false, FundKind::Other),
    ("补助", false, FundKind::Other),
    ("其他", true, FundKind::Other),
];

/// What a 资金 block row label (its label key) names.
pub fn fund_kind(k: &str) -> Option<FundKind> {
    let k = k
        .trim_start_matches("其中")
        .trim_start_matches([':', '：', ',', '，']);
    FUND_ROWS
        .iter()
        .find(|&&(w, whole, _)| if whole { k == w } else { has(k, w) })
        .map(|&(_, _, kind)| kind)
}

/// A label that names a block rather than a row (`项目资金（万元）`, `资金情况(万元)`,
/// `预算执行情况(10分)`).
pub fn is_block_label(k: &str) -> bool {
    has(k, "万元") || k.ends_with("(元)") || has(k, "情况") || has(k, "分)")
}

/// Columns of the indicator block.
const INDICATOR_COLUMNS: &[&str] = &[
    "一级指标",
    "二级指标",
    "三级指标",
    "指标性质",
    "年度指标值",
    "指标值",
    "度量单位",
    "计量单位",
    "实际完成值",
    "完成值",
    "实际值",
    "全年实际值",
    "分值",
    "权重",
    "得分",
    "自评得分",
    "偏差原因分析及改进措施",
    "未完成原因分析",
    "偏差原因",
];

/// True for a header cell of the indicator block.
pub fn is_indicator_col(k: &str) -> bool {
    INDICATOR_COLUMNS
        .iter()
        .any(|w| k == *w || (w.chars().count() >= 4 && k.starts_with(w) && k.chars().count() <= 16))
}

/// Parts of indicator column headers a line break split (`年度` ⏎ `指标值`).
pub fn is_indicator_fragment(k: &str) -> bool {
    matches!(k, "年度" | "实际" | "年度指标" | "实际完成" | "全年实际")
}

/// Names of first- and second-level indicators.
const LEVEL_NAMES: &[&str] = &[
    "产出指标",
    "效益指标",
    "满意度指标",
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "经济成本指标",
    "社会成本指标",
    "生态环境成本指标",
    "社会效益指标",
    "经济效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
];

/// True for the name of a first- or second-level indicator (`产出指标`, `产出指标(50分)`).
pub fn is_level_name(k: &str) -> bool {
    let k = k
        .split(['(', '（'])
        .next()
        .unwrap_or(k)
        .trim_end_matches(|c: char| c.is_ascii_digit() || c == '分');
    LEVEL_NAMES.contains(&k)
}

/// The seven names the row reader treats as level words when they stand in an item column.
pub fn is_level_word(k: &str) -> bool {
    matches!(
        k,
        "数量指标" | "质量指标" | "时效指标" | "成本指标" | "产出指标" | "效益指标" | "满意度指标"
    )
}

/// The first-level family a level name belongs to.
pub fn family(k: &str) -> Option<&'static str> {
    let k = k.trim_end_matches(|c: char| c.is_ascii_digit() || "()（）分 ".contains(c));
    if has(k, "满意") {
        Some("满意度")
    } else if has(k, "产出")
        || k.starts_with("数量")
        || k.starts_with("质量")
        || k.starts_with("时效")
        || k.starts_with("成本")
    {
        Some("产出")
    } else if has(k, "效益")
        || has(k, "影响")
        || has(k, "社会效")
        || has(k, "经济效")
        || has(k, "生态效")
    {
        Some("效益")
    } else {
        None
    }
}

/// The label of the 总分 row.
pub fn is_total_label(k: &str) -> bool {
    k.starts_with("总分") || k == "合计" || k.starts_with("自评总分") || k == "总计"
}

/// A cell stating the grade (`等级：优`, `评价等级:良`).
pub fn is_grade_cell(k: &str) -> bool {
    k.find("等级").is_some_and(|p| {
        k[p + "等级".len()..]
            .chars()
            .any(|c| matches!(c, '优' | '良' | '中' | '差'))
    })
}

/// A grade on its own (`优`, `良好`).
pub fn is_grade_word(t: &str) -> bool {
    matches!(
        t.trim(),
        "优" | "良" | "中" | "差" | "优秀" | "良好" | "中等" | "较差"
    )
}

/// Status words a target or an actual value may be instead of a figure.
const STATUS_WORDS: &[&str] = &[
    "完成",
    "已完成",
    "基本完成",
    "未完成",
    "按时完成",
    "全部完成",
    "达标",
    "达到",
    "合格",
    "优",
    "良",
    "中",
    "差",
    "优秀",
    "良好",
    "较好",
    "好",
    "是",
    "否",
    "有",
    "无",
    "提升",
    "提高",
    "有所提高",
    "有所提升",
    "明显",
    "显著",
    "有效",
    "满意",
    "按时",
    "及时",
    "稳定",
    "持续",
    "长期",
    "正常",
    "降低",
    "减少",
    "增加",
    "改善",
    "保障",
    "落实",
];

/// True for a short status word standing for a target or an actual (`完成`, `提升`, `良好`),
/// or a date (`2020年12月`).
pub fn is_status_word(k: &str) -> bool {
    STATUS_WORDS.contains(&k)
        || (k.chars().count() <= 12
            && k.contains('年')
            && k.chars().next().is_some_and(|c| c.is_ascii_digit()))
}

/// A bounded figure in a target cell (`≥95%`, `≤232万元`, `>60%`), after folding.
pub fn is_bounded(k: &str) -> bool {
    let t = k.trim_start_matches(['≥', '≤', '>', '<', '=']);
    t.len() < k.len() && crate::figure::parse_cell(t, None).is_some()
}

/// The money unit a header cell states: `项目资金（万元）`, `资金情况(万元)`, `单位：元`,
/// `金额单位：万元`.
pub fn money_unit(t: &str) -> Option<&'static str> {
    let k: String = t
        .chars()
        .map(crate::source::fold_char)
        .filter(|c| !c.is_whitespace())
        .collect();
    for (w, u) in [
        ("(万元)", "万元"),
        ("单位:万元", "万元"),
        ("(亿元)", "亿元"),
        ("单位:亿元", "亿元"),
        ("(元)", "元"),
        ("单位:元", "元"),
    ] {
        if k.contains(w) {
            return Some(u);
        }
    }
    None
}

/// The template a table follows: from its title, else from its fund rows (基本支出 and 项目支出
/// rows are the 部门整体 template's).
pub fn template_of(title: Option<&str>, fund_kinds: &[FundKind]) -> Option<&'static str> {
    let t = title.unwrap_or("");
    if t.contains("转移支付") {
        Some("转移支付区域绩效自评表")
    } else if t.contains("部门整体") || t.contains("整体支出") {
        Some("部门整体支出绩效自评表")
    } else if t.contains("项目支出") || t.contains("项目绩效") {
        Some("项目支出绩效自评表")
    } else if fund_kinds
        .iter()
        .any(|k| matches!(k, FundKind::Basic | FundKind::Project))
    {
        Some("部门整体支出绩效自评表")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fund_columns_and_rows() {
        assert_eq!(fund_col("年初预算数"), Some(FundCol::Initial));
        assert_eq!(fund_col("调整后预算数"), Some(FundCol::Budget));
        assert_eq!(fund_col("预算执行数"), Some(FundCol::Executed));
        assert_eq!(fund_col("得分(分值×执行率)"), Some(FundCol::Score));
        assert_eq!(fund_col("支付率"), Some(FundCol::Rate));
        assert_eq!(fund_col("项目资金(万元)"), None);
        assert_eq!(fund_kind("年度资金总额"), Some(FundKind::Total));
        assert_eq!(
            fund_kind("其中:当年财政拨款"),
            Some(FundKind::CurrentAppropriation)
        );
        assert_eq!(fund_kind("上年结转资金"), Some(FundKind::CarryOver));
        assert_eq!(fund_kind("合计"), Some(FundKind::Total));
        assert!(is_block_label("项目资金(万元)"));
        assert_eq!(money_unit("项目资金（万元）"), Some("万元"));
        assert_eq!(money_unit("金额单位：元"), Some("元"));
        assert_eq!(money_unit("资金情况 (万元)"), Some("万元"));
        assert_eq!(money_unit("年初预算数"), None);
    }

    #[test]
    fn indicator_vocabulary() {
        assert!(is_indicator_col("三级指标"));
        assert!(is_indicator_col("偏差原因分析及改进措施"));
        assert!(!is_indicator_col("培训人数"));
        assert!(is_level_name("产出指标(50分)"));
        assert!(is_level_name("社会效益指标"));
        assert!(!is_level_name("培训人数"));
        assert!(is_grade_cell("等级:优"));
        assert!(is_status_word("已完成"));
        assert!(is_status_word("2020年12月"));
        assert!(is_bounded("≥95%"));
        assert!(!is_bounded("95%"));
    }
}
