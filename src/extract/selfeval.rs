//! Reading 绩效自评表 tables from split rows. Columns are found from header words, not
//! fixed positions; rows whose leading cells are missing or shifted are aligned by content.

use super::cells::{Row, RowKind};
use super::template::{FundCol, family, fund_col, fund_kind, is_level_word};
use crate::figure::{Figure, Unit, parse_cell};
use crate::model::{
    Cell, FundRow, GradeBand, IndicatorRow, Section, SelfEvalTable, Text, TotalRow,
};
use crate::source::{SourceFile, Span, has, label_key, label_key_cow};
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::cell::OnceCell;

#[derive(Clone, Copy, Debug, Default)]
struct Layout {
    has_op: bool,
    has_unit: bool,
    has_scores: bool,
}

enum Mode {
    None,
    Fund(Vec<FundCol>),
    Indicators(Layout),
}

/// The result of reading tables: the tables and which lines they consumed.
pub struct TablesOut {
    /// The tables found.
    pub tables: Vec<SelfEvalTable>,
    /// Per 0-based line: true when the line belongs to a table.
    pub table_lines: Vec<bool>,
}

struct Builder {
    t: SelfEvalTable,
    current_section: Option<usize>,
    last_line: usize,
    first_line: usize,
}

impl Builder {
    fn new(line: usize) -> Self {
        Builder {
            t: SelfEvalTable::default(),
            current_section: None,
            last_line: line,
            first_line: line,
        }
    }
    fn has_content(&self) -> bool {
        !self.t.fund_rows.is_empty() || !self.t.indicators.is_empty() || self.t.total.is_some()
    }
}

/// A row with the label key of every cell and each cell's figure parsed at most once
/// (several readers try a row against several layouts).
struct RowView<'a> {
    row: &'a Row,
    keys: Vec<Cow<'a, str>>,
    figs: Vec<OnceCell<Option<Figure>>>,
}

impl<'a> RowView<'a> {
    fn new(row: &'a Row) -> Self {
        RowView {
            row,
            keys: row.cells.iter().map(|c| label_key_cow(&c.raw)).collect(),
            figs: row.cells.iter().map(|_| OnceCell::new()).collect(),
        }
    }
    /// The figure of cell `i`, if it holds exactly one.
    fn fig(&self, i: usize) -> Option<&Figure> {
        let cell = self.row.cells.get(i)?;
        self.figs[i]
            .get_or_init(|| parse_cell(&cell.raw, None))
            .as_ref()
    }
    /// True when cell `i` holds a figure.
    fn num(&self, i: usize) -> bool {
        self.fig(i).is_some()
    }
}

/// Read every 自评表 in the file.
pub fn extract_tables(src: &SourceFile, rows: &[Option<Row>]) -> TablesOut {
    extract_tables_in(src, rows, &[])
}

/// Read every 自评表 of the file, taking the rows of `regions` (tables read from a cell
/// stream: flattened lines, one cell per line) at their first line.
pub fn extract_tables_in(
    src: &SourceFile,
    rows: &[Option<Row>],
    regions: &[super::layout::Region],
) -> TablesOut {
    let n = rows.len();
    let mut a = Assembler {
        src,
        rows,
        table_lines: vec![false; n],
        tables: Vec::new(),
        cur: None,
        mode: Mode::None,
        pending_title: None,
    };
    // the key (folded, pinyin stripped) of a whole line is needed only for title, band and
    // grade lines: found for the whole text at once
    let title_lines = src.lines_with(
        &["自评表", "自評表", "為優", "为优", "为良", "等级", "等級"],
        n,
    );
    for (line, line_row) in rows.iter().enumerate() {
        let text = src.line_text(line);
        // a table read from a cell stream starting here (its first line may also hold the
        // title: the rows are read after it)
        let region = regions.iter().find(|r| r.first == line);
        let region_rows = region.map(|r| r.rows.as_slice());
        if let Some(t) = region.and_then(|r| r.title.as_ref()) {
            a.pending_title = Some((
                Text::new(t.raw.clone(), t.span),
                year_in(&label_key(&t.raw)),
            ));
        }
        let key = if title_lines.binary_search(&line).is_ok() {
            label_key(text)
        } else {
            String::new()
        };
        if a.title_line(line, text, &key) && region_rows.is_none() {
            continue;
        }
        // grade bands in a 备注 after (or inside) a table
        if let Some(bands) = parse_bands(&key) {
            if let Some(b) = a.cur.as_mut() {
                b.t.bands = bands;
                a.table_lines[line] = true;
            } else if let Some(t) = a.tables.last_mut()
                && t.bands.is_empty()
            {
                t.bands = bands;
            }
            continue;
        }
        let here: &[Row] = match (region_rows, line_row.as_ref()) {
            (Some(rs), _) => rs,
            (None, Some(row)) => std::slice::from_ref(row),
            (None, None) => {
                a.prose_line(line, text, &key);
                continue;
            }
        };
        for row in here {
            a.row(line, row, region);
        }
    }
    a.finish();
    let Assembler {
        mut tables,
        mut table_lines,
        ..
    } = a;
    mark_fragments(&mut tables, src, regions);
    // delimited rows are never prose
    for (line, r) in rows.iter().enumerate() {
        if let Some(r) = r
            && matches!(r.kind, RowKind::Tabs | RowKind::Pipes | RowKind::Html)
        {
            table_lines[line] = true;
        }
    }
    TablesOut {
        tables,
        table_lines,
    }
}

/// A table read from a stream cut off inside its indicator block: its last section (or, when
/// the stream is incomplete, every section) may miss rows.
fn mark_fragments(
    tables: &mut [SelfEvalTable],
    src: &SourceFile,
    regions: &[super::layout::Region],
) {
    for r in regions.iter().filter(|r| r.truncated || r.incomplete) {
        if let Some(t) = tables.iter_mut().find(|t| {
            t.span.is_some_and(|sp| {
                sp.offset <= src.line_start(r.last) && src.line_start(r.first) <= sp.end()
            })
        }) {
            t.fragment = true;
            if r.incomplete {
                for s in t.sections.iter_mut() {
                    s.membership_certain = false;
                }
            } else if let Some(s) = t.sections.last_mut() {
                s.membership_certain = false;
            }
        }
    }
}

/// The tables being read, line by line.
struct Assembler<'a> {
    src: &'a SourceFile,
    rows: &'a [Option<Row>],
    table_lines: Vec<bool>,
    tables: Vec<SelfEvalTable>,
    cur: Option<Builder>,
    mode: Mode,
    pending_title: Option<(Text, Option<i32>)>,
}

impl Assembler<'_> {
    /// The table being built is complete: its span, template and exact-size rows.
    fn finish(&mut self) {
        let src = self.src;
        if let Some(mut b) = self.cur.take()
            && b.has_content()
        {
            let s = src.line_start(b.first_line);
            let e = src.line_range(b.last_line).1;
            b.t.span = Some(Span::from_range(s, e));
            let kinds: Vec<_> = b.t.fund_rows.iter().map(|r| r.kind).collect();
            b.t.template =
                super::template::template_of(b.t.title.as_ref().map(|t| t.value.as_str()), &kinds)
                    .map(String::from);
            // (a table's rows are final here: held at their exact size from now on)
            b.t.fund_rows.shrink_to_fit();
            b.t.indicators.shrink_to_fit();
            b.t.sections.shrink_to_fit();
            b.t.bands.shrink_to_fit();
            self.tables.push(b.t);
        }
    }

    /// A title line (`2020 年度部门整体支出绩效自评表`, or a row holding only the title) is
    /// kept for the next table and ends the one before. True when the line is a title.
    fn title_line(&mut self, line: usize, text: &str, key: &str) -> bool {
        let (src, rows) = (self.src, self.rows);
        let only_cell = rows[line]
            .as_ref()
            .filter(|r| r.nonempty() == 1)
            .and_then(|r| r.cells.iter().find(|c| !c.is_blank()))
            .filter(|c| c.raw.contains("自评表") || c.raw.contains("自評表"));
        let title_key = match only_cell {
            Some(c) => label_key(&c.raw),
            None => key.to_string(),
        };
        // (a line another line's row took over — a pipe row's second half — is no title)
        let taken = line > 0
            && rows[line].as_ref().is_some_and(|r| r.cells.is_empty())
            && rows[line - 1]
                .as_ref()
                .is_some_and(|p| p.span.end() > src.line_start(line));
        if !taken
            && has(&title_key, "自评表")
            && !title_key.starts_with("附件")
            && title_key.chars().count() <= 80
            && !title_key.contains('。')
        {
            let year = year_in(&title_key);
            let (s, e) = src.line_range(line);
            self.pending_title = Some(match only_cell {
                Some(c) => (Text::new(c.raw.clone(), c.span), year),
                None => (Text::new(text.trim(), Some(trim_span(src, s, e))), year),
            });
            if self.cur.as_ref().is_some_and(|b| b.has_content()) {
                self.finish();
                self.mode = Mode::None;
            }
            if rows[line].is_some() {
                self.table_lines[line] = true;
            }
            return true;
        }
        false
    }

    /// A line of no row: prose after the indicator rows ends the table body (a grade in it is
    /// the table's); in space-aligned layouts a lone item name or fund label is a row whose
    /// other cells are empty.
    fn prose_line(&mut self, line: usize, text: &str, key: &str) {
        let (src, rows) = (self.src, self.rows);
        if !text.trim().is_empty()
            && matches!(self.mode, Mode::Indicators(_))
            && !key.starts_with('|')
        {
            // prose after the indicator rows ends the table body
            if let Some(g) = grade_in(key, src, line)
                && let Some(b) = self.cur.as_mut()
            {
                b.t.grade = Some(g);
            }
            // space-aligned layout: a lone item name at the item-name column is a row
            // whose other cells are empty
            if let Some(b) = self.cur.as_mut()
                && let Some(ind) = lone_name_row(src, rows, line, b)
            {
                b.t.indicators.push(ind);
                b.last_line = line;
                self.table_lines[line] = true;
            }
        }
        // space-aligned layout: a fund row label alone on its line is a row whose
        // amounts are empty (`上年结转资金`)
        if let Mode::Fund(_) = self.mode
            && let Some(b) = self.cur.as_mut()
        {
            let t = text.trim();
            let k = label_key(t);
            if t.chars().count() <= 16
                && !t.contains(char::is_whitespace)
                && let Some(kind) = fund_kind(&k)
                && !super::template::is_block_label(&k)
            {
                let (s, e) = src.line_range(line);
                let lead = text.len() - text.trim_start().len();
                b.t.fund_rows.push(FundRow {
                    label: Text::new(t, Some(Span::new(s + lead, t.len()))),
                    kind,
                    initial_budget: None,
                    budget: None,
                    executed: None,
                    weight: None,
                    rate: None,
                    score: None,
                    span: Some(Span::from_range(s, e)),
                });
                b.last_line = line;
                self.table_lines[line] = true;
            }
        }
    }

    /// One row of a table's cell stream.
    fn row(&mut self, line: usize, row: &Row, region: Option<&super::layout::Region>) {
        let layout = match region {
            Some(r) => match r.layout {
                super::layout::Layout::Flattened => "flattened",
                super::layout::Layout::CellPerLine => "one cell per line",
                super::layout::Layout::RowsOnLines => "rows with single spaces",
            },
            None => match row.kind {
                RowKind::Tabs => "tab rows",
                RowKind::Pipes => "pipe rows",
                RowKind::Html => "HTML table",
                _ => "space-aligned columns",
            },
        };
        if let Some(b) = self.cur.as_mut()
            && b.t.layout.is_none()
            && b.has_content()
        {
            b.t.layout = Some(layout.to_string());
        }
        if row.cells.is_empty() {
            if self.cur.is_some() {
                self.table_lines[line] = true;
            }
            return;
        }
        let view = RowView::new(row);
        let keys = &view.keys;

        // fund header?
        if let Some((cols, label_weight)) = fund_header(row, keys) {
            if self.cur.as_ref().is_some_and(|b| b.has_content()) {
                self.finish();
            }
            let b = self.cur.get_or_insert_with(|| Builder::new(line));
            if let Some((t, y)) = self.pending_title.take() {
                b.t.title = Some(t);
                b.t.year = y;
            }
            b.t.fund_block_weight = label_weight.or(b.t.fund_block_weight.take());
            if b.t.unit.is_none() {
                b.t.unit = row
                    .cells
                    .iter()
                    .find_map(|c| super::template::money_unit(&c.raw))
                    .map(String::from);
            }
            b.last_line = line;
            self.table_lines[line] = true;
            self.mode = Mode::Fund(cols);
            return;
        }
        // indicator header?
        if let Some((lay, block_w)) = indicator_header(row, keys) {
            let b = self.cur.get_or_insert_with(|| Builder::new(line));
            if let Some((t, y)) = self.pending_title.take() {
                b.t.title = Some(t);
                b.t.year = y;
            }
            if block_w.is_some() {
                b.t.indicator_block_weight = block_w;
            }
            b.last_line = line;
            self.table_lines[line] = true;
            self.mode = Mode::Indicators(lay);
            return;
        }
        match &mut self.mode {
            Mode::Indicators(_) => self.indicator_mode_row(line, row, &view),
            Mode::Fund(cols) => {
                let cols = cols.clone();
                self.fund_mode_row(line, row, &view, &cols);
            }
            Mode::None => self.none_mode_row(line, row, &view),
        }
    }

    /// A row under an indicator header: a header continuation, the total row, or an
    /// indicator row.
    fn indicator_mode_row(&mut self, line: usize, row: &Row, view: &RowView) {
        let keys = &view.keys;
        let Mode::Indicators(lay) = &mut self.mode else {
            return;
        };
        if is_header_continuation(keys) {
            for k in keys {
                if has(k, "指标性质") {
                    lay.has_op = true;
                }
                if has(k, "度量单位") {
                    lay.has_unit = true;
                }
            }
            self.table_lines[line] = true;
            return;
        }
        let b = self.cur.get_or_insert_with(|| Builder::new(line));
        if let Some(total) = total_row(view) {
            let (tr, grade) = total;
            b.t.total = Some(tr);
            if grade.is_some() {
                b.t.grade = grade;
            }
            b.last_line = line;
            self.table_lines[line] = true;
            self.mode = Mode::None;
            return;
        }
        let spaced = matches!(row.kind, RowKind::Spaces | RowKind::LabelFigures);
        if let Some(ind) = indicator_row(view, lay) {
            // space-aligned columns lose empty cells: trust such a row only when it
            // carries a numeric weight and score
            if spaced
                && !(ind
                    .weight
                    .as_ref()
                    .is_some_and(|c| parse_cell(&c.raw, None).is_some())
                    && ind
                        .score
                        .as_ref()
                        .is_some_and(|c| parse_cell(&c.raw, None).is_some()))
            {
                return;
            }
            add_indicator(b, row, ind);
            b.last_line = line;
            self.table_lines[line] = true;
        }
    }

    /// A row under a fund header: a fund row, or a row that ends the block.
    fn fund_mode_row(&mut self, line: usize, row: &Row, view: &RowView, cols: &[FundCol]) {
        let keys = &view.keys;
        if let Some(fr) = fund_row(view, cols) {
            let b = self.cur.get_or_insert_with(|| Builder::new(line));
            b.t.fund_rows.push(fr);
            b.last_line = line;
            self.table_lines[line] = true;
        } else if keys.iter().any(|k| has(k, "目标")) {
            self.mode = Mode::None;
            if row.kind != RowKind::Spaces && row.kind != RowKind::LabelFigures {
                self.table_lines[line] = true;
            }
        }
    }

    /// A row outside any block: a late total row, or a delimited row kept out of the prose.
    fn none_mode_row(&mut self, line: usize, row: &Row, view: &RowView) {
        if let Some(b) = self.cur.as_mut() {
            if let Some((tr, grade)) = total_row(view)
                && b.t.total.is_none()
                && !b.t.indicators.is_empty()
            {
                b.t.total = Some(tr);
                if grade.is_some() {
                    b.t.grade = grade;
                }
                b.last_line = line;
                self.table_lines[line] = true;
                return;
            }
            if matches!(
                row.kind,
                RowKind::Tabs | RowKind::Pipes | RowKind::Html | RowKind::Flat
            ) {
                self.table_lines[line] = true;
            }
        }
    }
}

fn trim_span(src: &SourceFile, s: usize, e: usize) -> Span {
    let t = &src.text()[s..e];
    let lead = t.len() - t.trim_start().len();
    Span::new(s + lead, t.trim().len())
}

/// A 4-digit year followed by 年 in a key.
pub fn year_in(key: &str) -> Option<i32> {
    let chars: Vec<char> = key.chars().collect();
    for i in 0..chars.len().saturating_sub(4) {
        if chars[i..i + 4].iter().all(|c| c.is_ascii_digit())
            && (i == 0 || !chars[i - 1].is_ascii_digit())
            && chars.get(i + 4) == Some(&'年')
        {
            let y: String = chars[i..i + 4].iter().collect();
            if let Ok(v) = y.parse::<i32>()
                && (1950..=2100).contains(&v)
            {
                return Some(v);
            }
        }
    }
    None
}

/// A declared weight in a label cell: `(10分)`.
fn declared_weight(cell: &Cell) -> Option<Cell> {
    let t = &cell.raw;
    let open = t.find(['(', '（'])?;
    let inner_start = open + t[open..].chars().next()?.len_utf8();
    let close = t[inner_start..].find([')', '）'])? + inner_start;
    let inner = t[inner_start..close].trim();
    let inner_trim = inner.trim_end_matches('分').trim();
    let f = parse_cell(inner_trim, None)?;
    if !matches!(f.unit, Unit::Plain | Unit::Score) {
        return None;
    }
    let lead = inner.len() - inner.trim_start().len();
    let span = cell
        .span
        .map(|s| Span::new(s.offset + inner_start + lead, inner_trim.len()));
    Some(Cell::new(inner_trim, span))
}

fn fund_header(row: &Row, keys: &[Cow<str>]) -> Option<(Vec<FundCol>, Option<Cell>)> {
    // a header names at least two money columns (年初/全年预算数, 执行数)
    // (keys of figure cells are ASCII: no header word to look for)
    let money =
        |k: &&Cow<str>| !k.is_ascii() && (has(k, "预算") || has(k, "执行") || has(k, "年初"));
    if keys.iter().filter(money).take(2).count() < 2 {
        return None;
    }
    let mut cols = Vec::new();
    let mut money_words = 0;
    let mut started = false;
    let mut weight = None;
    for (i, k) in keys.iter().enumerate() {
        if k.is_empty() {
            continue;
        }
        match fund_col(k) {
            Some(c) => {
                if matches!(c, FundCol::Initial | FundCol::Budget | FundCol::Executed) {
                    money_words += 1;
                }
                started = true;
                cols.push(c);
            }
            None => {
                if started {
                    return None;
                }
                if let Some(w) = declared_weight(&row.cells[i]) {
                    weight = Some(w);
                }
            }
        }
    }
    if money_words >= 2 && cols.len() >= 3 && !keys.iter().any(|k| has(k, "指标值")) {
        Some((cols, weight))
    } else {
        None
    }
}

fn fund_row(v: &RowView, cols: &[FundCol]) -> Option<FundRow> {
    let (row, keys) = (v.row, &v.keys);
    let li = keys.iter().position(|k| !k.is_empty())?;
    if v.num(li) {
        return None;
    }
    let kind = fund_kind(&keys[li])?;
    let label = Text::new(row.cells[li].raw.clone(), row.cells[li].span);
    let vals: Vec<(usize, &Cell)> = row.cells.iter().enumerate().skip(li + 1).collect();
    let mut fr = FundRow {
        label,
        kind,
        initial_budget: None,
        budget: None,
        executed: None,
        weight: None,
        rate: None,
        score: None,
        span: Some(row.span),
    };
    // positional assignment
    let mut conflict = false;
    let mut assign: Vec<(FundCol, &Cell)> = Vec::new();
    for (i, &(ci, c)) in vals.iter().enumerate() {
        let Some(col) = cols.get(i) else {
            if !c.is_blank() && v.num(ci) {
                conflict = true;
            }
            continue;
        };
        if c.is_blank() {
            continue;
        }
        if let Some(f) = v.fig(ci) {
            // (a rate may be printed as a fraction: 0.958)
            let pct = f.unit.is_percent()
                || (*col == FundCol::Rate
                    && f.unit == Unit::Plain
                    && f.shown.scale() >= 1
                    && f.shown <= Decimal::new(15, 1));
            if pct != (*col == FundCol::Rate) {
                conflict = true;
            }
        }
        assign.push((*col, c));
    }
    if conflict {
        // typed fallback: amounts fill the amount columns in order, percents the rate
        assign.clear();
        let mut amount_cols = cols
            .iter()
            .copied()
            .filter(|c| !matches!(c, FundCol::Rate | FundCol::Reason));
        let has_rate = cols.contains(&FundCol::Rate);
        for &(ci, c) in vals.iter().filter(|(_, c)| !c.is_blank()) {
            let Some(f) = v.fig(ci) else {
                continue;
            };
            if f.unit.is_percent() {
                if has_rate {
                    assign.push((FundCol::Rate, c));
                }
            } else if let Some(col) = amount_cols.next() {
                assign.push((col, c));
            }
        }
    }
    for (col, c) in assign {
        let cell = Some((*c).clone());
        match col {
            FundCol::Initial => fr.initial_budget = cell,
            FundCol::Budget => fr.budget = cell,
            FundCol::Executed => fr.executed = cell,
            FundCol::Weight => fr.weight = cell,
            FundCol::Rate => fr.rate = cell,
            FundCol::Score => fr.score = cell,
            FundCol::Reason => {}
        }
    }
    Some(fr)
}

fn indicator_header(row: &Row, keys: &[Cow<str>]) -> Option<(Layout, Option<Cell>)> {
    let any = |w: &str| keys.iter().any(|k| !k.is_ascii() && has(k, w));
    if !(any("指标值") && (any("完成值") || any("实际值") || any("完成情况"))) {
        return None;
    }
    let lay = Layout {
        has_op: any("指标性质"),
        has_unit: any("度量单位"),
        has_scores: any("分值") || any("权重") || any("得分"),
    };
    let mut block = None;
    for (i, k) in keys.iter().enumerate() {
        if k.starts_with("绩效指标")
            && let Some(w) = declared_weight(&row.cells[i])
        {
            block = Some(w);
        }
    }
    Some((lay, block))
}

fn is_header_continuation(keys: &[Cow<str>]) -> bool {
    keys.iter().any(|k| {
        !k.is_ascii()
            && (has(k, "指标性质")
                || has(k, "度量单位")
                || k == "一级指标"
                || k == "二级指标"
                || k == "三级指标"
                || has(k, "指标值"))
    })
}

fn total_row(v: &RowView) -> Option<(TotalRow, Option<Text>)> {
    let (row, keys) = (v.row, &v.keys);
    let li = keys.iter().position(|k| !k.is_empty())?;
    let k = &keys[li];
    if !(k.starts_with("总分") || k == "合计" || k.starts_with("自评总分") || k == "总计")
    {
        return None;
    }
    let mut figs = Vec::new();
    let mut grade = None;
    for (i, c) in row.cells.iter().enumerate().skip(li + 1) {
        if c.is_blank() {
            continue;
        }
        if let Some(g) = grade_cell(c) {
            grade = Some(g);
            continue;
        }
        if v.num(i) {
            figs.push(c.clone());
        }
    }
    let mut tr = TotalRow {
        span: Some(row.span),
        ..Default::default()
    };
    match figs.len() {
        2 => {
            tr.weight = Some(figs[0].clone());
            tr.score = Some(figs[1].clone());
        }
        _ => {
            // one figure: weight or score cannot be told apart; record nothing
        }
    }
    Some((tr, grade))
}

fn grade_cell(c: &Cell) -> Option<Text> {
    let k = label_key(&c.raw);
    let idx = k.find("等级")?;
    let rest = &k[idx + "等级".len()..];
    let g = rest
        .chars()
        .find(|ch| matches!(ch, '优' | '良' | '中' | '差'))?;
    // span of the grade character in the original cell
    let span = c.span.and_then(|s| {
        let off = c.raw.rfind(g)?;
        Some(Span::new(s.offset + off, g.len_utf8()))
    });
    Some(Text::new(g.to_string(), span))
}

fn grade_in(key: &str, src: &SourceFile, line: usize) -> Option<Text> {
    if !key.starts_with("等级") {
        return None;
    }
    let (s, e) = src.line_range(line);
    grade_cell(&Cell::new(
        src.text()[s..e].trim(),
        Some(trim_span(src, s, e)),
    ))
}

/// Grade bands stated in a 备注: "90 分（含）—100 分为优，80 分（含）—90 分为良，…，60 分以下为差".
pub fn parse_bands(key: &str) -> Option<Vec<GradeBand>> {
    if !(has(key, "为优") || has(key, "为良")) {
        return None;
    }
    let mut bands = Vec::new();
    let chars: Vec<char> = key.chars().collect();
    let mut seg_start = 0;
    let mut i = 0;
    while i + 1 < chars.len() {
        if matches!(chars[i], ',' | '，' | ';' | '；' | ':' | '：' | '。') {
            seg_start = i + 1;
        }
        let g = chars[i + 1];
        if chars[i] == '为' && matches!(g, '优' | '良' | '中' | '差') {
            let seg: String = chars[seg_start..i].iter().collect();
            let nums = numbers_in(&seg);
            if has(&seg, "以下") || has(&seg, "以内") {
                if let Some((hi, _)) = nums.first() {
                    bands.push(GradeBand {
                        grade: g.to_string(),
                        lo: Decimal::ZERO,
                        hi: *hi,
                        hi_inclusive: false,
                    });
                }
            } else if has(&seg, "以上") {
                if let Some((lo, _)) = nums.first() {
                    bands.push(GradeBand {
                        grade: g.to_string(),
                        lo: *lo,
                        hi: Decimal::ONE_HUNDRED,
                        hi_inclusive: true,
                    });
                }
            } else if nums.len() >= 2 {
                let (lo, _) = nums[0];
                let (hi, hi_incl) = nums[1];
                bands.push(GradeBand {
                    grade: g.to_string(),
                    lo,
                    hi,
                    hi_inclusive: hi_incl || hi >= Decimal::ONE_HUNDRED,
                });
            }
            seg_start = i + 2;
        }
        i += 1;
    }
    if bands.len() >= 2 { Some(bands) } else { None }
}

/// Numbers in a band segment, each with whether "(含)" follows it.
fn numbers_in(seg: &str) -> Vec<(Decimal, bool)> {
    let chars: Vec<char> = seg.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let s = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let t: String = chars[s..i].iter().collect();
            let rest: String = chars[i..chars.len().min(i + 5)].iter().collect();
            let rest = rest.trim_start_matches('分');
            let incl =
                rest.starts_with("(含)") || rest.starts_with("（含）") || rest.starts_with('含');
            if let Ok(v) = t.parse::<Decimal>() {
                out.push((v, incl));
            }
        } else {
            i += 1;
        }
    }
    out
}

fn is_operator(t: &str) -> bool {
    Cell::new(t, None).operator().is_some() || matches!(t.trim(), "定性" | "定量")
}

fn name_like(c: &Cell) -> bool {
    name_like_parsed(c, || parse_cell(c.raw.trim(), None).is_some())
}

/// [`name_like`] with the figure test supplied (parsed once per cell by [`RowView`]).
fn name_like_parsed(c: &Cell, is_figure: impl FnOnce() -> bool) -> bool {
    let t = c.raw.trim();
    if t.is_empty() || c.is_explicit_absence() || is_operator(t) {
        return false;
    }
    if is_figure() {
        return false;
    }
    let first = t.chars().next().unwrap_or(' ');
    if first.is_ascii_digit() || matches!(first, '≥' | '≤' | '>' | '<' | '＞' | '＜') {
        return false;
    }
    t.chars().any(|ch| ch.is_alphabetic())
}

fn weight_like(v: &RowView, i: usize) -> bool {
    let Some(c) = v.row.cells.get(i) else {
        return true;
    };
    if c.is_blank() {
        return true;
    }
    match v.fig(i) {
        Some(f) => {
            matches!(f.unit, Unit::Plain | Unit::Score)
                && f.qualifier == crate::figure::Qualifier::None
                && f.value() >= Decimal::ZERO
                && f.value() <= Decimal::ONE_HUNDRED
        }
        None => c.is_explicit_absence(),
    }
}

// Long by design: maps a row's cells to the indicator columns of its layout, one branch per
// optional column.
fn indicator_row(v: &RowView, lay: &Layout) -> Option<IndicatorRow> {
    let (row, keys) = (v.row, &v.keys);
    let cells = &row.cells;
    let n = cells.len();
    let get = |k: usize| cells.get(k);
    let mut best: Option<(usize, usize)> = None; // (count, t)
    for t in 1..=n.min(8) {
        if !name_like_parsed(&cells[t - 1], || v.num(t - 1)) {
            continue;
        }
        if keys[t - 1].starts_with("总分") || keys[t - 1] == "合计" {
            return None;
        }
        let mut k = t;
        if lay.has_op {
            if let Some(c) = get(k)
                && !c.is_blank()
                && !is_operator(&c.raw)
            {
                continue;
            }
            k += 1;
        }
        let target = k;
        k += 1;
        if lay.has_unit {
            k += 1;
        }
        let _actual = k;
        k += 1;
        if lay.has_scores {
            if !weight_like(v, k) || !weight_like(v, k + 1) {
                continue;
            }
            k += 2;
        }
        // reason cell: text, never a bare figure
        if get(k).is_some_and(|r| !r.is_blank()) && v.num(k) {
            continue;
        }
        if (k + 1..n).any(|x| !cells[x].is_blank()) {
            continue;
        }
        // the target cell of a real row is not a section word
        if keys.get(target).is_some_and(|k| is_level_word(k)) {
            continue;
        }
        // prefer a figure in the target and actual cells, and an item name that is not a
        // second-level word
        let figure_at = |x: usize| v.num(x);
        let nk = &keys[t - 1];
        let level_name = is_level_word(nk) || nk.ends_with("指标");
        let (wi, si) = if lay.has_scores {
            (k - 2, k - 1)
        } else {
            (usize::MAX, usize::MAX)
        };
        let count = (t..k.min(n)).filter(|&x| !cells[x].is_blank()).count() as i32
            + 2 * figure_at(target) as i32
            + figure_at(_actual) as i32
            + 2 * figure_at(wi) as i32
            + figure_at(si) as i32
            - 2 * level_name as i32;
        let count = count.max(0) as usize;
        if best.is_none_or(|(c, _)| count > c) {
            best = Some((count, t));
        }
    }
    let (_, t) = best?;
    let cell = |k: usize| -> Option<Cell> { get(k).filter(|c| !c.is_blank()).cloned() };
    let name = &cells[t - 1];
    let mut ind = IndicatorRow {
        name: Text::new(name.raw.clone(), name.span),
        span: Some(row.span),
        ..Default::default()
    };
    if t >= 2 && !cells[t - 2].is_blank() {
        ind.level2 = Some(Text::new(cells[t - 2].raw.clone(), cells[t - 2].span));
    }
    if t >= 3 && !cells[t - 3].is_blank() {
        ind.level1 = Some(Text::new(cells[t - 3].raw.clone(), cells[t - 3].span));
    }
    let mut k = t;
    if lay.has_op {
        ind.operator = cell(k);
        k += 1;
    }
    ind.target = cell(k);
    k += 1;
    if lay.has_unit {
        ind.unit = cell(k);
        k += 1;
    }
    ind.actual = cell(k);
    k += 1;
    if lay.has_scores {
        ind.weight = cell(k);
        ind.score = cell(k + 1);
        k += 2;
    }
    ind.reason = cell(k);
    Some(ind)
}

/// In space-aligned (`pdftotext -layout`) text, an indented line holding only an item name,
/// starting at the character column of the previous row's item name and followed by another
/// table row, is an indicator row whose other cells are empty. Short fragments (a wrapped cell's
/// tail) are not.
fn lone_name_row(
    src: &SourceFile,
    rows: &[Option<Row>],
    line: usize,
    b: &Builder,
) -> Option<IndicatorRow> {
    let prev = b.t.indicators.last()?;
    let prev_span = prev.name.span?;
    let prev_row = rows.get(src.line_index(prev_span.offset))?.as_ref()?;
    if !matches!(prev_row.kind, RowKind::Spaces | RowKind::LabelFigures) {
        return None;
    }
    let text = src.line_text(line);
    let t = text.trim();
    if t.chars().count() < 4 || t.contains(char::is_whitespace) || parse_cell(t, None).is_some() {
        return None;
    }
    // a first- or second-level name alone on its line heads the rows below (a wrapped
    // 一级/二级指标 cell), it is no item of its own
    if super::template::is_level_name(&label_key(t)) {
        return None;
    }
    let (s, _) = src.line_range(line);
    let lead = text.len() - text.trim_start().len();
    if lead < 4 || src.line_col(s + lead).column != src.line_col(prev_span.offset).column {
        return None;
    }
    let next =
        (line + 1..rows.len().min(line + 4)).find(|&l| !src.line_text(l).trim().is_empty())?;
    rows.get(next)?.as_ref()?;
    let cell = Cell::new(t, Some(Span::new(s + lead, t.len())));
    if !name_like(&cell) {
        return None;
    }
    Some(IndicatorRow {
        name: Text::new(t, cell.span),
        span: Some(Span::new(s, text.len())),
        section: b.current_section,
        ..Default::default()
    })
}

fn add_indicator(b: &mut Builder, row: &Row, mut ind: IndicatorRow) {
    let level1_idx = ind.level1.as_ref().and_then(|l| {
        row.cells
            .iter()
            .position(|c| c.span == l.span && c.raw == l.value)
    });
    if let Some(l1) = ind.level1.clone() {
        let key = label_key(&l1.value);
        let fam = family(&key);
        if fam.is_some() && (has(&key, "指标") || key.len() <= 12) {
            let displaced = level1_idx.is_some_and(|i| row.html_cells.contains(&i));
            let name_text = l1
                .value
                .split(['(', '（'])
                .next()
                .unwrap_or("")
                .trim()
                .to_string();
            let weight = declared_weight(&Cell::new(l1.value.clone(), l1.span));
            b.t.sections.push(Section {
                name: Text::new(name_text, l1.span),
                weight,
                membership_certain: !displaced,
            });
            b.current_section = Some(b.t.sections.len() - 1);
        }
    }
    // a second-level name of another family means rows of another section are mixed in
    if let (Some(l2), Some(si)) = (ind.level2.as_ref(), b.current_section) {
        let f2 = family(&label_key(&l2.value));
        let fs = family(&label_key(&b.t.sections[si].name.value));
        if let (Some(f2), Some(fs)) = (f2, fs)
            && f2 != fs
        {
            for s in b.t.sections.iter_mut() {
                let fam = family(&label_key(&s.name.value));
                if fam == Some(f2) || fam == Some(fs) {
                    s.membership_certain = false;
                }
            }
        }
    }
    ind.section = b.current_section;
    b.t.indicators.push(ind);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_from_note() {
        let k = label_key(
            "2. 总分设置为 100 分，等级划分为：90 分（含）—100 分为优，80 分（含）—90 分为良，60 分（含）—80 分为中，60 分以下为差。",
        );
        let b = parse_bands(&k).unwrap();
        assert_eq!(b.len(), 4);
        assert_eq!(b[0].grade, "优");
        assert_eq!(b[0].lo, Decimal::from(90));
        assert!(b[0].hi_inclusive);
        assert_eq!(b[1].grade, "良");
        assert!(!b[1].hi_inclusive);
        assert_eq!(b[3].grade, "差");
        assert_eq!(b[3].hi, Decimal::from(60));
    }

    #[test]
    fn years() {
        assert_eq!(year_in("2020年度部门整体支出绩效自评表"), Some(2020));
        assert_eq!(year_in("部门预算项目支出绩效自评表(2023年度)"), Some(2023));
        assert_eq!(year_in("自评表"), None);
    }
}
