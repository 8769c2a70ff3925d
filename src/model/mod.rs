//! The report model: plain serde types. A finance tool can build one in code or JSON (spans
//! optional) and lint it with no source text at all.

use crate::figure::parse_cell;
use crate::source::Span;
use serde::{Deserialize, Serialize};

pub mod facts;

/// Figures as printed, with the interval each stands for: the values the model holds.
pub use crate::figure::{Figure, Interval, Numeral, Qualifier, Unit};

/// A piece of text from the report, with where it was found.
///
/// ```
/// use jixiao_lint::model::Text;
/// let t = Text::new("年度资金总额", None);
/// assert_eq!(t.value, "年度资金总额");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    /// The text as printed.
    pub value: String,
    /// Where it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

impl Text {
    /// Text with a span.
    ///
    /// ```
    /// let t = jixiao_lint::model::Text::new("合计", Some(jixiao_lint::source::Span::new(0, 6)));
    /// assert_eq!(t.span.map(|s| s.end()), Some(6));
    /// ```
    pub fn new(value: impl Into<String>, span: Option<Span>) -> Self {
        Text {
            value: value.into(),
            span,
        }
    }
}

/// One table cell: its text as printed and where it is. Rules parse the figure from it.
///
/// ```
/// let table = "| 资金情况（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n\
///              | 年度资金总额 | 565.72 | 587.65 | 587.65 | 10 | 100% | 10 |\n\
///              | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n\
///              | 产出指标（90分） | 数量指标 | 培训人次 | ≥500人次 | 520人次 | 90 | 90 | |\n\
///              | 总分 | | | | | 100 | 100 | 等级：优 |\n";
/// let report = jixiao_lint::lint_text("t.md", table, &Default::default()).report.unwrap();
/// let t = &report.tables[0];
/// let rate = t.fund_rows[0].rate.as_ref().unwrap();
/// assert_eq!(rate.raw, "100%");
/// assert!(rate.span.is_some());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    /// The cell text as printed (trimmed).
    pub raw: String,
    /// Where it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// A human reference for binary formats (`表2 第3行 第5列`, `自评表!F7`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Box<str>>,
}

impl Cell {
    /// A cell with a span.
    ///
    /// ```
    /// let c = jixiao_lint::model::Cell::new("587.65", None);
    /// assert_eq!(c.figure().map(|f| f.value().to_string()), Some("587.65".into()));
    /// ```
    pub fn new(raw: impl Into<String>, span: Option<Span>) -> Self {
        Cell {
            raw: raw.into(),
            span,
            location: None,
        }
    }

    /// A cell known by the document's own name for its place (`自评表!F7`, `表1 第3行`), for a
    /// model built in code: the findings about it carry that place as their `location`.
    ///
    /// ```
    /// use jixiao_lint::model::Cell;
    /// let c = Cell::at("95%", "自评表!G7");
    /// assert_eq!((c.raw.as_str(), c.location.as_deref()), ("95%", Some("自评表!G7")));
    /// ```
    pub fn at(raw: impl Into<String>, location: impl Into<String>) -> Self {
        Cell {
            raw: raw.into(),
            span: None,
            location: Some(location.into().into_boxed_str()),
        }
    }

    /// True when the cell holds nothing.
    pub(crate) fn is_blank(&self) -> bool {
        self.raw.chars().all(char::is_whitespace)
    }

    /// True when the cell states an explicit absence (`—`, `-`, `/`, `不适用`, `无`).
    pub(crate) fn is_explicit_absence(&self) -> bool {
        let t = self.raw.trim();
        matches!(
            t,
            "—" | "-" | "/" | "／" | "－" | "——" | "--" | "不适用" | "无" | "—/—" | "\\"
        )
    }

    /// The comparison an operator cell states (`≥`, `≤`, `>`, `<`, `=`), whatever form it is
    /// printed in (`≧`, `≦`, `＞=`, `═`, `﹦`, `＝`, full-width or half-width); `正向` and `反向`
    /// read as `≥` and `≤`.
    pub(crate) fn operator(&self) -> Option<&'static str> {
        // every operator form is at most two characters once folded and spaces dropped
        let mut t = ['\0'; 2];
        let mut n = 0;
        for c in self.raw.chars().map(crate::source::fold_char) {
            if c.is_whitespace() {
                continue;
            }
            if n == t.len() {
                return None;
            }
            t[n] = c;
            n += 1;
        }
        Some(match &t[..n] {
            ['≥'] | ['>', '='] | ['正', '向'] => "≥",
            ['≤'] | ['<', '='] | ['反', '向'] => "≤",
            ['>'] => ">",
            ['<'] => "<",
            ['='] | ['=', '='] => "=",
            _ => return None,
        })
    }

    /// The single figure the cell holds, if any.
    ///
    /// ```
    /// use jixiao_lint::model::{Cell, Qualifier};
    /// let f = Cell::new("≥95%", None).figure().unwrap();
    /// assert_eq!(f.qualifier, Qualifier::AtLeast);
    /// assert!(Cell::new("—", None).figure().is_none());
    /// ```
    pub fn figure(&self) -> Option<Figure> {
        parse_cell(&self.raw, self.span)
    }
}

/// What a fund row of the 资金情况 block is.
///
/// ```
/// let table = "| 资金情况（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n\
///              | 年度资金总额 | 565.72 | 587.65 | 587.65 | 10 | 100% | 10 |\n\
///              | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n\
///              | 产出指标（90分） | 数量指标 | 培训人次 | ≥500人次 | 520人次 | 90 | 90 | |\n\
///              | 总分 | | | | | 100 | 100 | 等级：优 |\n";
/// let report = jixiao_lint::lint_text("t.md", table, &Default::default()).report.unwrap();
/// let t = &report.tables[0];
/// assert_eq!(t.fund_rows[0].kind, jixiao_lint::model::FundKind::Total);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FundKind {
    /// 年度资金总额 / 合计 / 总额.
    Total,
    /// 当年(本年)财政拨款 / 财政资金.
    CurrentAppropriation,
    /// 上年结转资金.
    CarryOver,
    /// 其他资金 / 单位资金 / 财政专户管理资金 and other sources.
    Other,
    /// 基本支出 (部门整体 layout).
    Basic,
    /// 项目支出 (部门整体 layout).
    Project,
}

/// A row of the 资金情况 block.
///
/// ```
/// let table = "| 资金情况（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n\
///              | 年度资金总额 | 565.72 | 587.65 | 587.65 | 10 | 100% | 10 |\n\
///              | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n\
///              | 产出指标（90分） | 数量指标 | 培训人次 | ≥500人次 | 520人次 | 90 | 90 | |\n\
///              | 总分 | | | | | 100 | 100 | 等级：优 |\n";
/// let report = jixiao_lint::lint_text("t.md", table, &Default::default()).report.unwrap();
/// let t = &report.tables[0];
/// let row = &t.fund_rows[0];
/// assert_eq!(row.label.value, "年度资金总额");
/// assert_eq!(row.executed.as_ref().map(|c| c.raw.as_str()), Some("587.65"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FundRow {
    /// The row label.
    pub label: Text,
    /// What the row is.
    pub kind: FundKind,
    /// 年初预算数.
    #[serde(default)]
    pub initial_budget: Option<Cell>,
    /// 全年预算数 (调整后预算数), A.
    #[serde(default)]
    pub budget: Option<Cell>,
    /// 全年执行数, B.
    #[serde(default)]
    pub executed: Option<Cell>,
    /// 分值.
    #[serde(default)]
    pub weight: Option<Cell>,
    /// 执行率.
    #[serde(default)]
    pub rate: Option<Cell>,
    /// 得分.
    #[serde(default)]
    pub score: Option<Cell>,
    /// The whole row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// One indicator row of a 自评表.
///
/// ```
/// let table = "| 资金情况（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n\
///              | 年度资金总额 | 565.72 | 587.65 | 587.65 | 10 | 100% | 10 |\n\
///              | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n\
///              | 产出指标（90分） | 数量指标 | 培训人次 | ≥500人次 | 520人次 | 90 | 90 | |\n\
///              | 总分 | | | | | 100 | 100 | 等级：优 |\n";
/// let report = jixiao_lint::lint_text("t.md", table, &Default::default()).report.unwrap();
/// let t = &report.tables[0];
/// let row = &t.indicators[0];
/// assert_eq!(row.name.value, "培训人次");
/// assert_eq!(row.target.as_ref().map(|c| c.raw.as_str()), Some("≥500人次"));
/// assert_eq!(row.score.as_ref().map(|c| c.raw.as_str()), Some("90"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorRow {
    /// 一级指标 as printed on this row (may be inherited from a row above; see `section`).
    #[serde(default)]
    pub level1: Option<Text>,
    /// 二级指标.
    #[serde(default)]
    pub level2: Option<Text>,
    /// 三级指标: the item.
    pub name: Text,
    /// 指标性质 (`≥`, `≤`, `=`), when a separate column gives it.
    #[serde(default)]
    pub operator: Option<Cell>,
    /// 年度指标值 (target, A).
    #[serde(default)]
    pub target: Option<Cell>,
    /// 度量单位, when a separate column gives it.
    #[serde(default)]
    pub unit: Option<Cell>,
    /// 实际完成值 (actual, B).
    #[serde(default)]
    pub actual: Option<Cell>,
    /// 分值 (weight).
    #[serde(default)]
    pub weight: Option<Cell>,
    /// 得分 (score).
    #[serde(default)]
    pub score: Option<Cell>,
    /// 偏差原因分析及改进措施.
    #[serde(default)]
    pub reason: Option<Cell>,
    /// Index of the declared section (first-level indicator) this row belongs to, when the
    /// extractor is sure of it.
    #[serde(default)]
    pub section: Option<usize>,
    /// The whole row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// A first-level section with a declared weight (`产出指标 (50分)`).
///
/// ```
/// let table = "| 资金情况（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n\
///              | 年度资金总额 | 565.72 | 587.65 | 587.65 | 10 | 100% | 10 |\n\
///              | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n\
///              | 产出指标（90分） | 数量指标 | 培训人次 | ≥500人次 | 520人次 | 90 | 90 | |\n\
///              | 总分 | | | | | 100 | 100 | 等级：优 |\n";
/// let report = jixiao_lint::lint_text("t.md", table, &Default::default()).report.unwrap();
/// let t = &report.tables[0];
/// let s = &t.sections[0];
/// assert_eq!(s.name.value, "产出指标");
/// assert_eq!(s.weight.as_ref().map(|c| c.raw.as_str()), Some("90"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// Section name as printed.
    pub name: Text,
    /// Declared weight, when printed.
    #[serde(default)]
    pub weight: Option<Cell>,
    /// False when the extractor could not be sure which rows belong to the section
    /// (scrambled header cells, rows of another section in between). Rules that sum a
    /// section's rows must not run then.
    pub membership_certain: bool,
}

/// A grade band stated in the document or configured: `lo` inclusive, `hi` exclusive
/// unless `hi_inclusive`.
///
/// ```
/// use jixiao_lint::model::GradeBand;
/// use rust_decimal::Decimal;
/// let good = GradeBand { grade: "优".into(), lo: Decimal::from(90), hi: Decimal::from(100), hi_inclusive: true };
/// assert!(good.lo < good.hi);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradeBand {
    /// Grade name (优, 良, 中, 差).
    pub grade: String,
    /// Lower bound (inclusive).
    pub lo: rust_decimal::Decimal,
    /// Upper bound.
    pub hi: rust_decimal::Decimal,
    /// True when `hi` belongs to the band.
    pub hi_inclusive: bool,
}

/// The 总分 row.
///
/// ```
/// let table = "| 资金情况（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n\
///              | 年度资金总额 | 565.72 | 587.65 | 587.65 | 10 | 100% | 10 |\n\
///              | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n\
///              | 产出指标（90分） | 数量指标 | 培训人次 | ≥500人次 | 520人次 | 90 | 90 | |\n\
///              | 总分 | | | | | 100 | 100 | 等级：优 |\n";
/// let report = jixiao_lint::lint_text("t.md", table, &Default::default()).report.unwrap();
/// let t = &report.tables[0];
/// let total = t.total.as_ref().unwrap();
/// assert_eq!(total.score.as_ref().map(|c| c.raw.as_str()), Some("100"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotalRow {
    /// Stated total 分值 (100 unless stated).
    #[serde(default)]
    pub weight: Option<Cell>,
    /// Stated 总分.
    #[serde(default)]
    pub score: Option<Cell>,
    /// The whole row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// Where a scoring model came from.
///
/// ```
/// let table = "| 资金情况（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n\
///              | 年度资金总额 | 565.72 | 587.65 | 587.65 | 10 | 100% | 10 |\n\
///              | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n\
///              | 产出指标（90分） | 数量指标 | 培训人次 | ≥500人次 | 520人次 | 90 | 90 | |\n\
///              | 总分 | | | | | 100 | 100 | 等级：优 |\n";
/// let report = jixiao_lint::lint_text("t.md", table, &Default::default()).report.unwrap();
/// let t = &report.tables[0];
/// assert_eq!(t.origin, jixiao_lint::model::TableOrigin::Table);
/// assert!(!t.is_prose());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TableOrigin {
    /// A 自评表 printed as a table.
    #[default]
    Table,
    /// 分值 / 得分 statements in the narrative (`效益指标：分值30分，自评得分29分`), read into
    /// the same model so the scoring rules apply to them unchanged.
    Prose,
}

/// A 绩效自评表 (project or whole-department self-evaluation table).
///
/// ```
/// let table = "| 资金情况（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n\
///              | 年度资金总额 | 565.72 | 587.65 | 587.65 | 10 | 100% | 10 |\n\
///              | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n\
///              | 产出指标（90分） | 数量指标 | 培训人次 | ≥500人次 | 520人次 | 90 | 90 | |\n\
///              | 总分 | | | | | 100 | 100 | 等级：优 |\n";
/// let report = jixiao_lint::lint_text("t.md", table, &Default::default()).report.unwrap();
/// let t = &report.tables[0];
/// assert_eq!((t.fund_rows.len(), t.indicators.len()), (1, 1));
/// assert_eq!(t.grade.as_ref().map(|g| g.value.as_str()), Some("优"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelfEvalTable {
    /// A printed table or scoring statements in prose.
    #[serde(default, skip_serializing_if = "is_table")]
    pub origin: TableOrigin,
    /// Table title, when found.
    #[serde(default)]
    pub title: Option<Text>,
    /// Year stated in the table title.
    #[serde(default)]
    pub year: Option<i32>,
    /// Rows of the 资金情况 block.
    #[serde(default)]
    pub fund_rows: Vec<FundRow>,
    /// The indicator rows.
    #[serde(default)]
    pub indicators: Vec<IndicatorRow>,
    /// Declared first-level sections.
    #[serde(default)]
    pub sections: Vec<Section>,
    /// Declared weight of the whole indicator block (`绩效指标(90分)`), when printed.
    #[serde(default)]
    pub indicator_block_weight: Option<Cell>,
    /// Declared weight of the fund block (`预算执行情况(10分)`), when printed.
    #[serde(default)]
    pub fund_block_weight: Option<Cell>,
    /// The 总分 row.
    #[serde(default)]
    pub total: Option<TotalRow>,
    /// The 等级 stated.
    #[serde(default)]
    pub grade: Option<Text>,
    /// Grade bands stated in the document's 备注.
    #[serde(default)]
    pub bands: Vec<GradeBand>,
    /// Where the table starts and ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// True when the table is known to continue on another page not present (rows missing).
    #[serde(default)]
    pub fragment: bool,
    /// The template the table follows, when its title or rows tell (`项目支出绩效自评表`,
    /// `部门整体支出绩效自评表`, `转移支付区域绩效自评表`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// The money unit its header states (`项目资金（万元）`, `单位：元`): the unit of its amount
    /// cells.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// How its cells were laid out in the text (`tab rows`, `pipe rows`, `HTML table`,
    /// `space-aligned columns`, `flattened`, `one cell per line`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layout: Option<String>,
}

impl SelfEvalTable {
    /// True for scoring statements read from the narrative rather than a printed table.
    ///
    /// ```
    /// let r = jixiao_lint::lint_text("p.txt", "项目自评得分 95 分，等级为“优”。", &Default::default());
    /// assert!(r.report.unwrap().tables.iter().all(|t| t.is_prose()));
    /// ```
    pub fn is_prose(&self) -> bool {
        self.origin == TableOrigin::Prose
    }
}

fn is_table(o: &TableOrigin) -> bool {
    *o == TableOrigin::Table
}

/// Report metadata.
///
/// ```
/// let r = jixiao_lint::lint_text("m.txt", "2023年度部门整体支出绩效自评报告\n收入 1 万元。", &Default::default());
/// assert_eq!(r.report.unwrap().meta.year, Some(2023));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// Report title.
    #[serde(default)]
    pub title: Option<Text>,
    /// Report year (from the title).
    #[serde(default)]
    pub year: Option<i32>,
    /// Where the year is printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year_span: Option<Span>,
    /// Reporting unit or department.
    #[serde(default)]
    pub unit: Option<Text>,
}

/// A whole report.
///
/// ```
/// use jixiao_lint::model::Report;
/// let empty = Report::default();
/// assert!(jixiao_lint::lint_model(&empty, &Default::default()).is_empty());
/// // the model is serde data
/// let json = serde_json::to_value(&empty).unwrap();
/// assert!(json["tables"].as_array().unwrap().is_empty());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// Metadata.
    #[serde(default)]
    pub meta: Meta,
    /// Self-evaluation tables.
    #[serde(default)]
    pub tables: Vec<SelfEvalTable>,
    /// Facts read from the narrative.
    #[serde(default)]
    pub facts: facts::Facts,
    /// Spreadsheet cells whose formula has no cached value (shown as the formula text).
    #[serde(default)]
    pub uncached_formulas: Vec<Text>,
    /// Inline suppressions (`<!-- jixiao-lint: ignore change-rate -->`).
    #[serde(default)]
    pub suppressions: Vec<Suppression>,
    /// Where extraction stopped early to stay within its limits (an input far larger or
    /// denser than any report): what follows was not read and so not checked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub read_limits: Vec<ReadLimit>,
}

/// A limit that stopped extraction before the end of the input.
///
/// ```
/// let text = format!("{}\n", vec!["7"; 500].join("\t")).repeat(1_100);
/// let r = jixiao_lint::lint_text("big.txt", &text, &Default::default());
/// let limit = &r.report.unwrap().read_limits[0];
/// assert_eq!(limit.kind, jixiao_lint::model::ReadLimitKind::Cells);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadLimit {
    /// Which limit.
    pub kind: ReadLimitKind,
    /// Its value (lines, cells or figures).
    pub limit: u64,
    /// Where reading stopped (the first text not read).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// Which extraction limit was reached.
///
/// ```
/// use jixiao_lint::model::ReadLimitKind;
/// assert_ne!(ReadLimitKind::Lines, ReadLimitKind::Figures);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReadLimitKind {
    /// Lines of one input.
    Lines,
    /// Table cells split out of one input's lines.
    Cells,
    /// Figures read from one input's narrative.
    Figures,
}

/// An inline suppression comment and the paragraph it covers.
///
/// ```
/// let text = "<!-- jixiao-lint: ignore JX302 -->\n收入 1 万元 and 其他。\n";
/// let r = jixiao_lint::lint_text("s.md", text, &Default::default());
/// assert!(r.diagnostics.is_empty());
/// assert_eq!(r.report.unwrap().suppressions[0].rules, ["JX302"]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suppression {
    /// The comment itself.
    pub marker: Text,
    /// Rule names or codes; empty means every rule.
    pub rules: Vec<String>,
    /// The byte range it covers: the next paragraph.
    pub covers: Span,
}
