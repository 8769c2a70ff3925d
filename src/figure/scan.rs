//! Finding figures in an origin-mapped character stream.

use super::chinese::parse_chinese_numeral;
use super::{Figure, Numeral, Qualifier, Unit};
use crate::source::{CharStream, Span, is_cjk, is_numeral_char};
use rust_decimal::Decimal;
use std::str::FromStr;
use std::sync::OnceLock;

/// Longest-first list of count classifiers.
const CLASSIFIERS: &[&str] = &[
    "平方公里",
    "平方米",
    "立方米",
    "工作日",
    "人次",
    "台套",
    "台次",
    "场次",
    "批次",
    "户次",
    "件次",
    "公里",
    "公顷",
    "千米",
    "小时",
    "个月",
    "课时",
    "学时",
    "人",
    "名",
    "位",
    "户",
    "家",
    "所",
    "个",
    "项",
    "件",
    "份",
    "篇",
    "场",
    "次",
    "期",
    "批",
    "条",
    "本",
    "台",
    "套",
    "辆",
    "处",
    "座",
    "亩",
    "米",
    "吨",
    "天",
    "周",
    "副",
    "支",
    "株",
    "盏",
    "间",
    "张",
    "册",
    "部",
    "起",
    "栋",
    "类",
    "种",
    "组",
    "块",
    "棵",
    "头",
    "只",
    "床",
    "例",
    "宗",
    "笔",
    "届",
    "首",
    "节",
    "堂",
    "年",
];

/// Single-character classifiers that also begin common words.
const RISKY_CLASSIFIERS: &[char] = &[
    '本', '期', '台', '部', '所', '处', '条', '支', '间', '张', '组', '类', '种', '块', '座', '届',
    '首', '节', '堂', '头', '只', '床', '例', '宗', '笔', '副', '周', '米', '天', '批', '套', '份',
    '场',
];

/// Qualifiers written before a number, longest first.
const PRE_QUALIFIERS: &[(&str, Qualifier)] = &[
    ("不少于", Qualifier::AtLeast),
    ("不低于", Qualifier::AtLeast),
    ("不超过", Qualifier::AtMost),
    ("不高于", Qualifier::AtMost),
    ("不大于", Qualifier::AtMost),
    ("不小于", Qualifier::AtLeast),
    ("将近", Qualifier::Near),
    ("接近", Qualifier::Near),
    ("大约", Qualifier::Approx),
    ("约为", Qualifier::Approx),
    ("大概", Qualifier::Approx),
    ("不足", Qualifier::LessThan),
    ("不满", Qualifier::LessThan),
    ("不到", Qualifier::LessThan),
    ("超过", Qualifier::MoreThan),
    ("多于", Qualifier::MoreThan),
    ("大于", Qualifier::MoreThan),
    ("少于", Qualifier::LessThan),
    ("小于", Qualifier::LessThan),
    ("至少", Qualifier::AtLeast),
    ("至多", Qualifier::AtMost),
    (">=", Qualifier::AtLeast),
    ("<=", Qualifier::AtMost),
    ("约", Qualifier::Approx),
    ("近", Qualifier::Near),
    ("逾", Qualifier::MoreThan),
    ("≥", Qualifier::AtLeast),
    ("≤", Qualifier::AtMost),
    (">", Qualifier::MoreThan),
    ("<", Qualifier::LessThan),
    ("=", Qualifier::Equal),
];

/// Qualifiers written after a figure.
const POST_QUALIFIERS: &[(&str, Qualifier)] = &[
    ("以上", Qualifier::AtLeast),
    ("以下", Qualifier::AtMost),
    ("以内", Qualifier::AtMost),
    ("左右", Qualifier::Approx),
];

/// Indices of a word list grouped by one character of each word (its first or last), so a
/// scan looks only at the words that can match at a position. Order within a group is the
/// list order (longest first where the list is).
struct ByChar {
    items: Vec<(char, usize)>,
}

impl ByChar {
    fn new<'w>(words: impl Iterator<Item = &'w str>, last: bool) -> Self {
        let mut items: Vec<(char, usize)> = words
            .enumerate()
            .filter_map(|(i, w)| {
                let c = if last {
                    w.chars().last()
                } else {
                    w.chars().next()
                };
                c.map(|c| (c, i))
            })
            .collect();
        items.sort_by_key(|&(c, i)| (c, i));
        ByChar { items }
    }
    /// List indices of the words keyed by `c`.
    fn get(&self, c: char) -> impl Iterator<Item = usize> + '_ {
        let from = self.items.partition_point(|&(k, _)| k < c);
        self.items[from..]
            .iter()
            .take_while(move |&&(k, _)| k == c)
            .map(|&(_, i)| i)
    }
}

fn pre_qualifiers_by_last() -> &'static ByChar {
    static T: OnceLock<ByChar> = OnceLock::new();
    T.get_or_init(|| ByChar::new(PRE_QUALIFIERS.iter().map(|(w, _)| *w), true))
}

fn classifiers_by_first() -> &'static ByChar {
    static T: OnceLock<ByChar> = OnceLock::new();
    T.get_or_init(|| ByChar::new(CLASSIFIERS.iter().copied(), false))
}

fn stop_phrases_by_first() -> &'static ByChar {
    static T: OnceLock<ByChar> = OnceLock::new();
    T.get_or_init(|| ByChar::new(STOP_PHRASES.iter().copied(), false))
}

struct Cur<'a> {
    s: &'a CharStream,
}

impl Cur<'_> {
    fn c(&self, i: usize) -> char {
        self.s.at(i)
    }
    fn starts_with(&self, i: usize, w: &str) -> bool {
        w.chars().enumerate().all(|(n, ch)| self.c(i + n) == ch)
    }
    fn ends_with(&self, end: usize, w: &str) -> bool {
        let mut i = end;
        for ch in w.chars().rev() {
            if i == 0 || self.c(i - 1) != ch {
                return false;
            }
            i -= 1;
        }
        true
    }
    fn skip_spaces(&self, mut i: usize) -> usize {
        while self.c(i) == ' ' || self.c(i) == '\t' {
            i += 1;
        }
        i
    }
    fn back_spaces(&self, mut i: usize) -> usize {
        while i > 0 && (self.c(i - 1) == ' ' || self.c(i - 1) == '\t') {
            i -= 1;
        }
        i
    }
}

/// Scan a stream for every figure it prints.
pub fn scan_figures(s: &CharStream) -> Vec<Figure> {
    let cur = Cur { s };
    let chars = s.chars();
    let n = chars.len();
    let mut out = Vec::new();
    let mut i = 0;
    // only the characters that can start a figure (recorded when the stream was built)
    for &start in s.figure_starts() {
        let start = start as usize;
        if start < i {
            continue;
        }
        i = start;
        if i >= n {
            break;
        }
        let ch = chars[i].c;
        if ch.is_ascii_digit() {
            let prev = if i > 0 { cur.c(i - 1) } else { ' ' };
            if prev.is_ascii_alphanumeric() || prev == '.' || prev == '_' {
                while i < n && (cur.c(i).is_ascii_digit() || cur.c(i) == '.') {
                    i += 1;
                }
                continue;
            }
            let (fig, next) = arabic(&cur, i);
            if let Some(f) = fig {
                out.push(f);
            }
            i = next.max(i + 1);
            continue;
        }
        if is_numeral_char(ch) && (i == 0 || !is_numeral_char(cur.c(i - 1))) {
            let (fig, next) = chinese(&cur, i);
            if let Some(f) = fig {
                out.push(f);
            }
            i = next.max(i + 1);
            continue;
        }
        i += 1;
    }
    out
}

/// Parse a table cell that holds one figure (with optional qualifier and unit).
/// Returns `None` when the cell is empty, text, a date, or holds more than one figure.
pub fn parse_cell(text: &str, base: Option<Span>) -> Option<Figure> {
    if let Some(f) = plain_cell(text, base) {
        return Some(f);
    }
    // no digit of any kind: no figure (most text cells end here, without building a stream)
    let has_digit = text.chars().any(|c| {
        let c = crate::source::fold_char(c);
        c.is_ascii_digit() || (is_numeral_char(c) && !matches!(c, '万' | '亿'))
    });
    if !has_digit {
        return None;
    }
    let mut s = CharStream::new();
    s.push_range(text, 0, text.len());
    let figs = scan_figures(&s);
    if figs.len() != 1 {
        return None;
    }
    let mut f = figs.into_iter().next()?;
    // the rest of the cell must be blank or punctuation
    let (a, b) = f.chars;
    for (k, sc) in s.chars().iter().enumerate() {
        if (k < a || k >= b) && !sc.c.is_whitespace() && !matches!(sc.c, '(' | ')' | '分') {
            return None;
        }
    }
    f.span = match (base, f.span) {
        (Some(b), Some(sp)) => Some(Span::new(b.offset + sp.offset, sp.len)),
        _ => None,
    };
    Some(f)
}

/// Fast path for the most common cells: an ASCII number, optionally with `%` (`587.65`, `100%`).
fn plain_cell(text: &str, base: Option<Span>) -> Option<Figure> {
    let lead = text.len() - text.trim_start().len();
    let t = text.trim();
    let (num, unit) = match t.strip_suffix('%') {
        Some(n) => (n, Unit::Percent),
        None => (t, Unit::Plain),
    };
    let b = num.as_bytes();
    if b.is_empty() || b.len() > 18 || !b[0].is_ascii_digit() || !b[b.len() - 1].is_ascii_digit() {
        return None;
    }
    if !b.iter().all(|c| c.is_ascii_digit() || *c == b'.')
        || b.iter().filter(|c| **c == b'.').count() > 1
    {
        return None;
    }
    let shown = Decimal::from_str(num).ok()?;
    Some(Figure {
        raw: t.to_string(),
        span: base.map(|s| Span::new(s.offset + lead, t.len())),
        shown,
        factor: Decimal::ONE,
        unit,
        qualifier: Qualifier::None,
        numeral: Numeral::Arabic,
        chars: (0, t.chars().count()),
    })
}

/// Qualifier written just before `start` (after skipping spaces); returns it and its start.
fn pre_qualifier(cur: &Cur, start: usize) -> (Qualifier, usize) {
    let end = cur.back_spaces(start);
    if end == 0 {
        return (Qualifier::None, start);
    }
    for idx in pre_qualifiers_by_last().get(cur.c(end - 1)) {
        let (w, q) = &PRE_QUALIFIERS[idx];
        if cur.ends_with(end, w) {
            let qs = end - w.chars().count();
            // 近 in 近年/最近 is not a qualifier: require it to stand right before the number
            if *w == "近" && qs > 0 && matches!(cur.c(qs - 1), '最' | '将' | '附' | '接') {
                continue;
            }
            return (*q, qs);
        }
    }
    (Qualifier::None, start)
}

/// A number that is no amount: a list marker (`1.`, `2、`, `(1)`), a reference or ordinal
/// (`第3`, `附件2`, `表1`, `〔2020〕`), a date, document number or time, a year, or the ends
/// of a range. Returns where reading goes on.
fn not_an_amount(cur: &Cur, i: usize, j: usize, frac: bool, int_len: usize) -> Option<usize> {
    // list markers: "1." "2、" "(1)" at the start of a paragraph or clause
    let before = cur.back_spaces(i);
    let prev = if before > 0 { cur.c(before - 1) } else { '\n' };
    let at_clause_start = before == 0 || matches!(prev, '。' | ';' | '；' | ':' | '\n');
    if !frac && int_len <= 2 {
        let nx = cur.c(j);
        if at_clause_start && (nx == '、' || (nx == '.' && !cur.c(j + 1).is_ascii_digit())) {
            return Some(j + 1);
        }
        if matches!(prev, '(' | '（') && matches!(nx, ')' | '）') {
            return Some(j + 1);
        }
    }
    if frac && at_clause_start && int_len <= 2 && cur.c(j) == '年' {
        // "1.2024年度": list marker followed by a year
        return Some(j);
    }
    // references and ordinals
    if prev == '第'
        || cur.ends_with(before, "附件")
        || cur.ends_with(before, "表")
        || cur.ends_with(before, "图")
    {
        return Some(j);
    }
    if matches!(prev, '〔' | '[' | '【' | '〖') {
        return Some(j);
    }
    let k = cur.skip_spaces(j);
    let nx = cur.c(k);
    // dates, document numbers, times
    if matches!(nx, '月' | '日' | '号' | '〕' | ']' | '】') {
        return Some(k + 1);
    }
    if nx == ':' && cur.c(k + 1).is_ascii_digit() {
        let mut e = k + 1;
        while cur.c(e).is_ascii_digit() || cur.c(e) == ':' {
            e += 1;
        }
        return Some(e);
    }
    if nx == '年' && !frac && int_len == 4 {
        return Some(k + 1);
    }
    // ranges: skip both ends (bounds of a range are not equality figures)
    if matches!(nx, '-' | '~' | '—' | '至' | '到') && cur.c(k + 1).is_ascii_digit() && k == j {
        let mut e = k + 1;
        while cur.c(e).is_ascii_digit() || cur.c(e) == '.' {
            e += 1;
        }
        return Some(e);
    }
    None
}

/// The multiplier characters after a number (万, 亿, 千, 百; 千分 and 百分 are not), as their
/// product and their text; `k` moves past them. `None` when the product overflows.
fn multipliers(cur: &Cur, k: &mut usize) -> Option<(Decimal, String)> {
    let mut factor = Decimal::ONE;
    let mut mult_text = String::new();
    loop {
        let c = cur.c(*k);
        let m = match c {
            '万' => 10_000i64,
            '亿' => 100_000_000,
            '千' if !cur.starts_with(*k, "千分") => 1000,
            '百' if !cur.starts_with(*k, "百分") => 100,
            _ => break,
        };
        factor = factor.checked_mul(Decimal::from(m))?;
        mult_text.push(c);
        *k += 1;
    }
    Some((factor, mult_text))
}

/// A money unit written after multipliers is named with them (`万` + `元` is 万元).
fn with_multipliers(unit: Unit, mult_text: &str) -> Unit {
    match unit {
        Unit::Money { factor: f, name } if !mult_text.is_empty() => Unit::Money {
            factor: f,
            name: match mult_text {
                "万" => "万元".into(),
                "亿" => "亿元".into(),
                "千" => "千元".into(),
                "百" => "百元".into(),
                _ => format!("{mult_text}{name}").into(),
            },
        },
        u => u,
    }
}

/// The digits of a number read at `i`.
struct Digits {
    /// One past the last digit.
    end: usize,
    /// Digits of the first run (before a separator or the point).
    int_len: usize,
    /// Written with thousands separators.
    grouped: bool,
    /// With a fractional part.
    frac: bool,
}

/// Read the digits of an Arabic number: integer digits (three-digit groups after a comma),
/// a fractional part. `Err` with where reading goes on for what is no amount: more than 15
/// integer digits (account numbers, IDs, noise) or a section number (`3.2.1`).
fn digits_at(cur: &Cur, i: usize) -> Result<Digits, usize> {
    let mut j = i;
    while cur.c(j).is_ascii_digit() {
        j += 1;
    }
    let int_len = j - i;
    // integer digits, thousands separators left out
    let mut int_digits = int_len;
    let mut grouped = false;
    // three-digit grouping with one separator kind
    if int_len <= 3 && cur.c(j) == ',' {
        loop {
            if cur.c(j) == ','
                && (1..=3).all(|d| cur.c(j + d).is_ascii_digit())
                && !cur.c(j + 4).is_ascii_digit()
            {
                grouped = true;
                int_digits += 3;
                j += 4;
            } else {
                break;
            }
        }
    }
    if int_digits > 15 {
        // no amount in a report has more than 15 integer digits: account numbers, IDs, noise
        // absurdly long digit strings are not figures (account numbers, noise)
        while cur.c(j).is_ascii_digit() || cur.c(j) == '.' {
            j += 1;
        }
        return Err(j);
    }
    let mut frac = false;
    if cur.c(j) == '.' && cur.c(j + 1).is_ascii_digit() {
        j += 1;
        while cur.c(j).is_ascii_digit() {
            j += 1;
        }
        frac = true;
        if cur.c(j) == '.' && cur.c(j + 1).is_ascii_digit() {
            // version or section number 3.2.1
            while cur.c(j).is_ascii_digit() || cur.c(j) == '.' {
                j += 1;
            }
            return Err(j);
        }
    }
    Ok(Digits {
        end: j,
        int_len,
        grouped,
        frac,
    })
}

// Long by design: the Arabic number scanner on the hot path: digits, then what the characters
// around them make of them, then the unit.
fn arabic(cur: &Cur, i: usize) -> (Option<Figure>, usize) {
    let Digits {
        end: j,
        int_len,
        grouped,
        frac,
    } = match digits_at(cur, i) {
        Ok(d) => d,
        Err(skip_to) => return (None, skip_to),
    };
    // the folded text of the number is ASCII digits and a point; only a grouped number
    // needs a copy without its separators
    let printed = cur.s.text(i, j);
    let digits: std::borrow::Cow<str> = if grouped {
        printed.replace(',', "").into()
    } else {
        printed.into()
    };
    let num_end = j;
    let Ok(mut shown) = Decimal::from_str(&digits) else {
        return (None, j);
    };
    if let Some(skip_to) = not_an_amount(cur, i, j, frac, int_len) {
        return (None, skip_to);
    }
    // sign
    let mut start = i;
    if i > 0 && cur.c(i - 1) == '-' && (i < 2 || !cur.c(i - 2).is_ascii_alphanumeric()) {
        shown = -shown;
        start = i - 1;
    }
    let (mut qualifier, qual_start) = pre_qualifier(cur, start);
    // unit
    let mut k = cur.skip_spaces(num_end);
    let mut more_by = false;
    if matches!(cur.c(k), '余' | '多') && !cur.starts_with(k, "多个") {
        let after = k + 1;
        if unit_at(cur, after, Decimal::ONE).is_some() || matches!(cur.c(after), '万' | '亿' | '千')
        {
            more_by = true;
            k = after;
        }
    }
    let (factor, mult_text) = match multipliers(cur, &mut k) {
        Some(m) => m,
        None => return (None, k),
    };
    if !more_by && matches!(cur.c(k), '余' | '多') && !mult_text.is_empty() {
        more_by = true;
        k += 1;
    }
    let (unit, unit_end) = match unit_at(cur, k, factor) {
        Some((u, e)) => (u, e),
        None if cur.ends_with(cur.back_spaces(start), "百分之") && mult_text.is_empty() => {
            (Unit::Percent, k)
        }
        None => (Unit::Plain, k),
    };
    let unit = with_multipliers(unit, &mult_text);
    let factor = match &unit {
        Unit::Money { factor, .. } => *factor,
        _ => factor,
    };
    let mut end = if matches!(unit, Unit::Plain) && mult_text.is_empty() {
        num_end
    } else {
        unit_end
    };
    if more_by {
        qualifier = Qualifier::MoreThanBy;
    }
    let mut ext_end = end;
    let pk = cur.skip_spaces(end);
    for (w, q) in POST_QUALIFIERS {
        if cur.starts_with(pk, w) {
            if qualifier == Qualifier::None {
                qualifier = *q;
            }
            ext_end = pk + w.chars().count();
            break;
        }
    }
    if end < num_end {
        end = num_end;
    }
    let span = cur.s.span(start, end);
    let raw = cur.s.text(start, end);
    let fig = Figure {
        raw: raw.to_string(),
        span: Some(span),
        shown,
        factor,
        unit,
        qualifier,
        numeral: Numeral::Arabic,
        chars: (qual_start.min(start), ext_end.max(end)),
    };
    (Some(fig), end)
}

/// First characters of every unit and classifier (a quick reject before the list scan).
const UNIT_FIRST: &str = "元圆%‰个百千分倍平立工人场批户件公小课学名位家所项份篇次期条本台套辆处座亩米吨天周副支株盏间张册部起栋类种组块棵头只床例宗笔届首节堂年";

fn is_unit_first(c: char) -> bool {
    static T: OnceLock<Vec<char>> = OnceLock::new();
    let t = T.get_or_init(|| {
        let mut v: Vec<char> = UNIT_FIRST.chars().collect();
        v.sort_unstable();
        v
    });
    t.binary_search(&c).is_ok()
}

/// A unit starting at `k`; `factor` is the multiplier already read.
fn unit_at(cur: &Cur, k: usize, factor: Decimal) -> Option<(Unit, usize)> {
    let c = cur.c(k);
    if !is_unit_first(c) {
        return None;
    }
    if c == '元' || c == '圆' {
        return Some((
            Unit::Money {
                factor,
                name: "元".into(),
            },
            k + 1,
        ));
    }
    if factor == Decimal::ONE {
        if c == '%' {
            return Some((Unit::Percent, k + 1));
        }
        if c == '‰' {
            return Some((Unit::PerMille, k + 1));
        }
        if matches!(c, '个' | '百' | '千') {
            for (w, u) in [
                ("个百分点", Unit::PercentPoint),
                ("百分点", Unit::PercentPoint),
                ("个千分点", Unit::PerMillePoint),
                ("千分点", Unit::PerMillePoint),
                ("百分比", Unit::Percent),
            ] {
                if cur.starts_with(k, w) {
                    return Some((u, k + w.chars().count()));
                }
            }
        }
        if c == '倍' {
            return Some((Unit::Multiple, k + 1));
        }
        if c == '分' {
            let nx = cur.c(k + 1);
            if !is_cjk(nx) || matches!(nx, '以' | '为' | '及' | '的' | '和' | '、') {
                return Some((Unit::Score, k + 1));
            }
            return None;
        }
    }
    for idx in classifiers_by_first().get(c) {
        let w = &CLASSIFIERS[idx];
        if cur.starts_with(k, w) {
            // "年度", "年初", "个人" etc. are words, not classifiers
            let e = k + w.chars().count();
            let nx = cur.c(e);
            if *w == "年" && matches!(nx, '度' | '初' | '末' | '底' | '内' | '中') {
                return None;
            }
            if *w == "个" && matches!(nx, '人' | '性') {
                return None;
            }
            // single-character classifiers that also start common words (本级, 支出, 部门,
            // 期间, 台账…) count only when no Chinese character follows
            if e == k + 1 && RISKY_CLASSIFIERS.contains(&c) && is_cjk(nx) {
                return None;
            }
            return Some((
                Unit::Count {
                    classifier: (*w).into(),
                },
                e,
            ));
        }
    }
    None
}

/// Set phrases whose numerals are morphemes, not quantities (GB/T 15835 §4.1.2).
const STOP_PHRASES: &[&str] = &[
    "一成不变",
    "一般",
    "一是",
    "二是",
    "三是",
    "四是",
    "五是",
    "六是",
    "一体",
    "一律",
    "一次性",
    "一些",
    "一定",
    "一直",
    "一旦",
    "一人一策",
    "一对一",
    "一事一议",
    "三公",
    "三重一大",
    "五险一金",
    "两会",
    "十四五",
    "十三五",
    "十二五",
    "一带一路",
    "万一",
    "一线",
    "一流",
    "之一",
    "一批",
    "一系列",
    "一把手",
];

// Long by design: the Chinese numeral scanner, one pass on the hot path.
fn chinese(cur: &Cur, i: usize) -> (Option<Figure>, usize) {
    let mut j = i;
    while is_numeral_char(cur.c(j)) {
        j += 1;
    }
    let run = cur.s.text(i, j);
    for idx in stop_phrases_by_first().get(cur.c(i)) {
        let p = STOP_PHRASES[idx];
        if cur.starts_with(i, p) {
            return (None, i + p.chars().count());
        }
    }
    if i > 0 && matches!(cur.c(i - 1), '第' | '星' | '周') {
        return (None, j);
    }
    if !run
        .chars()
        .any(|c| super::chinese::digit_value(c).is_some() || matches!(c, '十' | '拾' | '廿' | '卅'))
    {
        // 万元, 亿元, 百分: a unit, not a numeral
        return (None, j);
    }
    let Some(value) = parse_chinese_numeral(run) else {
        return (None, j);
    };
    let mut k = j;
    let mut more_by = false;
    if matches!(cur.c(k), '余' | '多') {
        more_by = true;
        k += 1;
    }
    if cur.ends_with(i, "百分之") {
        let fig = Figure {
            raw: cur.s.text(i - 3, j).to_string(),
            span: Some(cur.s.span(i - 3, j)),
            shown: value,
            factor: Decimal::ONE,
            unit: Unit::Percent,
            qualifier: pre_qualifier(cur, i - 3).0,
            numeral: Numeral::Chinese,
            chars: (i - 3, j),
        };
        return (Some(fig), j);
    }
    if cur.c(k) == '成'
        && !more_by
        && !cur.starts_with(k, "成本")
        && !cur.starts_with(k, "成效")
        && !cur.starts_with(k, "成果")
        && !cur.starts_with(k, "成员")
        && !cur.starts_with(k, "成立")
        && !cur.starts_with(k, "成为")
    {
        // 两成 = 20%
        let fig = Figure {
            raw: cur.s.text(i, k + 1).to_string(),
            span: Some(cur.s.span(i, k + 1)),
            shown: value,
            factor: Decimal::TEN,
            unit: Unit::Percent,
            qualifier: pre_qualifier(cur, i).0,
            numeral: Numeral::Chinese,
            chars: (i, k + 1),
        };
        return (Some(fig), k + 1);
    }
    let single_digit = run.chars().count() == 1
        && super::chinese::digit_value(run.chars().next().unwrap_or(' ')).is_some();
    let Some((unit, end)) = unit_at(cur, k, Decimal::ONE) else {
        return (None, j);
    };
    let unit = match unit {
        Unit::Score | Unit::Percent | Unit::PerMille => return (None, j),
        u => u,
    };
    if single_digit && !more_by && !unit.is_money() {
        // 一个, 三项, 两名: too often part of set phrases to be trusted
        return (None, end);
    }
    if matches!(&unit, Unit::Count { classifier } if classifier == "年") {
        return (None, end);
    }
    let qualifier = if more_by {
        Qualifier::MoreThanBy
    } else {
        pre_qualifier(cur, i).0
    };
    let fig = Figure {
        raw: cur.s.text(i, end).to_string(),
        span: Some(cur.s.span(i, end)),
        shown: value,
        factor: Decimal::ONE,
        unit,
        qualifier,
        numeral: Numeral::Chinese,
        chars: (i, end),
    };
    (Some(fig), end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(t: &str) -> Vec<Figure> {
        let mut s = CharStream::new();
        s.push_range(t, 0, t.len());
        scan_figures(&s)
    }

    fn one(t: &str) -> Figure {
        let v = scan(t);
        assert_eq!(v.len(), 1, "{t}: {v:?}");
        v.into_iter().next().unwrap()
    }

    #[test]
    fn money_with_units_and_full_width() {
        let f = one("收入５８７．６５万元");
        assert_eq!(f.shown.to_string(), "587.65");
        assert_eq!(f.shown.scale(), 2);
        assert_eq!(f.factor, Decimal::from(10_000));
        assert!(f.unit.is_money());
        let g = one("收入 587.65 万元");
        assert_eq!(g.value(), f.value());
        assert_eq!(one("1,234.56元").shown.to_string(), "1234.56");
        assert_eq!(
            one("23,866.88万元").value(),
            Decimal::from_str("238668800").unwrap()
        );
        assert_eq!(one("1.2亿元").factor, Decimal::from(100_000_000));
    }

    #[test]
    fn percent_points_and_counts() {
        assert!(one("占比为４９．２６％").unit.is_percent());
        assert_eq!(one("提高2.1个百分点").unit, Unit::PercentPoint);
        assert_eq!(one("≥100百分比").unit, Unit::Percent);
        assert_eq!(
            one("1200人").unit,
            Unit::Count {
                classifier: "人".into()
            }
        );
        assert_eq!(one("500 余人次").qualifier, Qualifier::MoreThanBy);
        let f = one("1.5万余人次");
        assert_eq!(f.value(), Decimal::from(15000));
        assert_eq!(f.qualifier, Qualifier::MoreThanBy);
        assert_eq!(one("98分").unit, Unit::Score);
    }

    #[test]
    fn qualifiers() {
        assert_eq!(one("≤232万元").qualifier, Qualifier::AtMost);
        assert_eq!(one("≥95%").qualifier, Qualifier::AtLeast);
        assert_eq!(one(">60%").qualifier, Qualifier::MoreThan);
        assert_eq!(one("40 余万元").qualifier, Qualifier::MoreThanBy);
        assert_eq!(one("近 17 万元").qualifier, Qualifier::Near);
        assert_eq!(one("约5万元").qualifier, Qualifier::Approx);
        assert_eq!(one("50万元以上").qualifier, Qualifier::AtLeast);
        assert_eq!(one("不低于85%").qualifier, Qualifier::AtLeast);
    }

    #[test]
    fn percent_forms() {
        let f = one("百分之五");
        assert_eq!(f.unit, Unit::Percent);
        assert_eq!(f.value(), Decimal::from(5));
        assert_eq!(one("百分之5").unit, Unit::Percent);
        let f = one("提高两成");
        assert_eq!(f.unit, Unit::Percent);
        assert_eq!(f.value(), Decimal::from(20));
        assert_eq!(one("增长1倍").unit, Unit::Multiple);
        assert!(scan("完成项目").is_empty());
        assert!(scan("一成不变").is_empty());
    }

    #[test]
    fn full_width_grouping_and_percent() {
        assert_eq!(
            one("收入１，２３４．５６万元").value(),
            Decimal::from_str("12345600").unwrap()
        );
        assert!(one("占４９．２６％").unit.is_percent());
    }

    #[test]
    fn risky_classifiers_need_a_boundary() {
        assert!(matches!(one("136.00本级资金").unit, Unit::Plain));
        assert!(matches!(one("送出春联1万余副").unit, Unit::Count { .. }));
        assert!(matches!(one("13.61万元支出").unit, Unit::Money { .. }));
        assert!(scan("补助资金(万元)").is_empty());
    }

    #[test]
    fn chinese_numerals() {
        let f = one("十余个专业");
        assert_eq!(f.value(), Decimal::from(10));
        assert_eq!(f.qualifier, Qualifier::MoreThanBy);
        assert_eq!(one("三千元").value(), Decimal::from(3000));
        assert_eq!(one("两万元").value(), Decimal::from(20000));
        for t in [
            "一般公共预算",
            "三公经费",
            "一是主动作为",
            "十四五规划",
            "进一步加强",
            "一人一策",
            "三个平台",
        ] {
            assert!(scan(t).is_empty(), "{t}");
        }
    }

    #[test]
    fn not_quantities() {
        for t in [
            "2023年",
            "2022 年",
            "2023年12月31日",
            "财预〔2020〕10号",
            "株办字[2001] 85号",
            "表3",
            "附件1",
            "第3条",
            "1. 主要职能",
            "2、严格",
            "（1）工资",
            "版本3.2.1",
            "1.2024年度项目",
            "1-10月",
            "14:54",
        ] {
            assert!(scan(t).is_empty(), "{t}: {:?}", scan(t));
        }
    }

    #[test]
    fn fast_path_agrees_with_the_scanner() {
        for t in ["587.65", "100%", "10", "0.00", "98.5%", " 5 "] {
            let fast = plain_cell(t, Some(Span::new(10, t.len()))).unwrap();
            let mut s = CharStream::new();
            s.push_range(t, 0, t.len());
            let slow = scan_figures(&s).pop().unwrap();
            assert_eq!((fast.shown, &fast.unit), (slow.shown, &slow.unit), "{t}");
            assert_eq!(
                fast.span.unwrap().offset,
                10 + slow.span.unwrap().offset,
                "{t}"
            );
        }
        assert!(plain_cell("1.2.3", None).is_none());
        assert!(plain_cell("2020年", None).is_none());
    }

    #[test]
    fn cells() {
        let f = parse_cell("≤232万元", None).unwrap();
        assert_eq!(f.qualifier, Qualifier::AtMost);
        assert!(parse_cell("2020年12月", None).is_none());
        assert!(parse_cell("已完成", None).is_none());
        assert_eq!(parse_cell(" 5 ", None).unwrap().shown, Decimal::from(5));
        assert_eq!(parse_cell("(50分)", None).unwrap().unit, Unit::Score);
        let f = parse_cell("587.65", Some(Span::new(100, 6))).unwrap();
        assert_eq!(f.span, Some(Span::new(100, 6)));
    }
}
