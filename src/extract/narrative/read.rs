//! Clause frames and the relations bound from them, read in one pass over a document's
//! paragraphs.
//!
//! Every figure becomes an [`Item`]: its role in its clause (a level, a prior value, a change,
//! a share, a rate, a score), its subject, period and measure — each either printed in its own
//! clause or carried over from the clause before it, as Chinese leaves them out. Relations are
//! bound by meaning: a change to the pair of levels of the same subject and measure in two
//! periods (or to the level a comparison phrase names), a list item to the total of its own
//! period, an inner list to its own head. When a binding is ambiguous nothing is recorded.

use super::lexicon::{ABBREVIATIONS, FILLERS, Lex};
use super::lexicon::{ListWord, Measure, PeriodWord, RateWord, ScoreWord};
use super::tokens::{Style, T, Tok};
use crate::facts::Direction;
use crate::figure::{Figure, Unit};
use crate::source::{CharStream, Span};

/// When a figure's value belongs: a year, this or the previous year, a budget stage.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct Period {
    pub year: Option<i32>,
    /// This or Prev.
    pub rel: Option<PeriodWord>,
    /// Initial or Adjusted.
    pub stage: Option<PeriodWord>,
}

impl Period {
    pub(crate) fn is_empty(&self) -> bool {
        self.year.is_none() && self.rel.is_none() && self.stage.is_none()
    }

    /// True when `self` is later than `o`; `None` when the two cannot be ordered.
    pub(crate) fn later_than(&self, o: &Period) -> Option<bool> {
        match (self.year, o.year) {
            (Some(a), Some(b)) if a != b => return Some(a > b),
            (Some(_), None) if o.rel == Some(PeriodWord::Prev) => return Some(true),
            (None, Some(_)) if self.rel == Some(PeriodWord::Prev) => return Some(false),
            (Some(_), None) | (None, Some(_)) => return None,
            _ => {}
        }
        if let (Some(a), Some(b)) = (self.rel, o.rel)
            && a != b
        {
            return Some(a == PeriodWord::This);
        }
        if self.rel != o.rel {
            // one of them states no year-relation: only a Prev beside nothing is ordered
            return match (self.rel, o.rel) {
                (None, Some(PeriodWord::Prev)) if self.stage.is_none() => Some(true),
                (Some(PeriodWord::Prev), None) if o.stage.is_none() => Some(false),
                _ => None,
            };
        }
        match (self.stage, o.stage) {
            (Some(a), Some(b)) if a != b => Some(a == PeriodWord::Adjusted),
            _ => None,
        }
    }

    /// Short text for frames (`2023`, `本年`, `上年`, `年初`).
    pub(crate) fn describe(&self) -> String {
        let mut s = String::new();
        if let Some(y) = self.year {
            s.push_str(&y.to_string());
        }
        match self.rel {
            Some(PeriodWord::This) => s.push_str("本年"),
            Some(PeriodWord::Prev) => s.push_str("上年"),
            _ => {}
        }
        match self.stage {
            Some(PeriodWord::Initial) => s.push_str("年初"),
            Some(PeriodWord::Adjusted) => s.push_str("调整后"),
            _ => {}
        }
        s
    }
}

/// The role of a figure in its clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// A level amount (`收入 587.65 万元`).
    Level,
    /// A prior value after a comparison phrase (`比上年 637.32 万元`).
    Prior,
    /// A change (`减少 49.67 万元`); `rate` when the figure is the relative change.
    Change { dir: Direction, rate: bool },
    /// A new level after a change word (`增长到`, `降至`).
    NewLevel,
    /// A share (`占 49.26%`).
    Share,
    /// A rate named in prose (`支付率为 93%`).
    Rate(&'static RateWord),
    /// A scoring figure.
    Score(ScoreWord),
}

impl Role {
    pub(crate) fn name(&self) -> &'static str {
        match self {
            Role::Level => "level",
            Role::Prior => "prior",
            Role::Change { rate: false, .. } => "change",
            Role::Change { rate: true, .. } => "change_rate",
            Role::NewLevel => "new_level",
            Role::Share => "share",
            Role::Rate(_) => "rate",
            Role::Score(ScoreWord::Weight) => "weight",
            Role::Score(ScoreWord::Total) => "total_score",
            Role::Score(ScoreWord::TotalWeight) => "total_weight",
            Role::Score(_) => "score",
        }
    }
}

/// A figure with its frame.
#[derive(Clone, Debug)]
pub(crate) struct Item {
    pub f: Figure,
    pub role: Role,
    /// The label as printed before the figure, cleaned of list words and copulas.
    pub label: String,
    /// The subject: the label without periods, measures and fillers (carried when empty).
    pub subject: String,
    pub own_subject: bool,
    pub period: Period,
    pub own_period: bool,
    pub measure: Option<Measure>,
    /// Every measure word of the label, as bits of `Measure as u8`.
    pub measures: u8,
    /// The label names a total (合计, 总计, 共计).
    pub total_word: bool,
    /// The label names a general-public-budget scope word.
    pub general_scope: bool,
    pub sentence: u32,
    pub depth: u8,
    pub dir_span: Option<Span>,
}

/// A list being read: its head(s), its items, how it ends.
#[derive(Clone, Debug)]
pub(crate) struct List {
    /// The total(s) the list breaks down: one, or one per period (`2024年…16万元，2023年…21.3万元。其中…`).
    pub heads: Vec<usize>,
    /// Items of each head, in order.
    pub parts: Vec<Vec<usize>>,
    /// Items of a headless list.
    pub loose: Vec<usize>,
    pub kind: ListWord,
    pub word: &'static str,
    depth: u8,
    bracket: bool,
    sentence: usize,
    /// Colon-introduced: may run on over the next sentences.
    colon: bool,
    /// Ends its sentence (`其中:` and nothing after), or its items are numbered.
    open_ended: bool,
    item_style: Option<Style>,
    styles_before: Vec<Style>,
    awaiting: bool,
    /// Ends with its clause (the coordinated figures after a total: `支出预算627.80万元，基本
    /// 支出、项目支出分别为 a、b`).
    clause: bool,
}

/// A comparison: current and prior levels, change amount and rate (item indices).
#[derive(Clone, Debug, Default)]
pub(crate) struct Cmp {
    pub current: Option<usize>,
    pub prior: Option<usize>,
    pub delta: Option<usize>,
    pub rate: Option<usize>,
    pub baseline: String,
    /// Against the budget (`比预算数`), not an earlier period.
    pub against_budget: bool,
    /// The rate of completion of the budget stated with it (`完成年初预算100%`).
    pub completion: Option<usize>,
    /// A claim of no change without an amount (`与上年相比无变化`): where the word is.
    pub flat: Option<Span>,
    /// The subject of the current level.
    pub subject: String,
}

/// A share and the part it is of.
#[derive(Clone, Debug)]
pub(crate) struct ShareRel {
    pub share: usize,
    pub part: Option<usize>,
    pub group: usize,
    /// The whole as named (`基本支出预算`), empty when implicit.
    pub whole: String,
}

/// A rate stated in prose and the amounts it is the ratio of.
#[derive(Clone, Debug)]
pub(crate) struct RatioRel {
    pub rate: usize,
    pub num: usize,
    pub den: usize,
}

/// A sentence's scoring statement, or a heading between them.
#[derive(Clone, Debug)]
pub(crate) enum ScoreEvent {
    Marker(Style),
    Node(ScoreNode),
}

/// What one sentence says of a scored item.
#[derive(Clone, Debug, Default)]
pub(crate) struct ScoreNode {
    pub name: String,
    pub name_span: Option<Span>,
    pub marker: Option<Style>,
    pub weight: Option<usize>,
    pub score: Option<usize>,
    pub total: bool,
    pub grade: Option<(char, Span)>,
}

/// Everything read from a document's narrative.
#[derive(Default)]
pub(crate) struct Parsed {
    /// The folded text of the paragraphs that state something is zero or did not occur
    /// (`出国费今年为零`): a component of an identity may be left out of its list there.
    pub zero_text: String,
    pub items: Vec<Item>,
    pub lists: Vec<List>,
    pub comparisons: Vec<Cmp>,
    pub shares: Vec<ShareRel>,
    pub ratios: Vec<RatioRel>,
    pub scores: Vec<ScoreEvent>,
}

/// Per-sentence state.
#[derive(Default)]
struct Sentence {
    levels: Vec<usize>,
    subject: String,
    period: Period,
    measure: Option<Measure>,
    /// A comparison head stands in the sentence (position of the last one).
    baseline: Option<u32>,
    baseline_text: String,
    /// The comparison head names the budget (`比预算数`, `较预算`): its prior is the budget.
    against_budget: bool,
    /// `决算数大于预算数 X`: the direction, where the word is, and the token of X.
    exceeds: Option<(Direction, Span, usize)>,
    /// Completion rates of the budget without a budget amount in the sentence: (rate item,
    /// numerator item).
    open_rates: Vec<(usize, usize)>,
    /// The comparisons made before this sentence.
    cmp_start: usize,
    cmp: Option<Cmp>,
    node: Option<ScoreNode>,
    marker: Option<Style>,
    first_clause: bool,
    any_fig: bool,
    /// The sentence opens with a list word (`主要包括：…`): a description of the item before.
    starts_with_list: bool,
    started: bool,
    share_group: Option<usize>,
    /// The subjects of the last coordination (`收、支总计各是…`), for one that leaves them
    /// out (`…各增长 5.50%、4.48%`).
    coord_subjects: Vec<String>,
    /// Comparisons of coordinated subjects, one per subject.
    coord_cmps: Vec<Cmp>,
}

impl Sentence {
    /// Ready for the next sentence (its buffers kept).
    fn reset(&mut self) {
        self.levels.clear();
        self.subject.clear();
        self.period = Period::default();
        self.measure = None;
        self.baseline = None;
        self.baseline_text.clear();
        self.against_budget = false;
        self.exceeds = None;
        self.open_rates.clear();
        self.cmp = None;
        self.node = None;
        self.marker = None;
        self.first_clause = false;
        self.any_fig = false;
        self.starts_with_list = false;
        self.started = false;
        self.share_group = None;
        self.coord_subjects.clear();
        self.coord_cmps.clear();
    }
}

/// The components a composition names, and the amount found for each.
#[derive(Clone, Debug)]
struct Composition {
    head: usize,
    names: Vec<String>,
    found: Vec<Option<usize>>,
    /// Sentences it may still look through.
    left: u8,
    /// The heading styles above it: a heading of one of them ends it (its components may be
    /// numbered in a style of their own).
    styles_before: Vec<Style>,
}

/// A figure of a coordination (`收、支总计各是 a、b`, `2023年、2022年…分别为 a、b`): the
/// subject or the period it takes.
#[derive(Clone, Debug)]
struct Coord {
    tok: usize,
    subject: Option<String>,
    period: Option<Period>,
}

/// The document reader.
pub(crate) struct Reader {
    pub out: Parsed,
    sentence_no: usize,
    sent: Sentence,
    prev_levels: Vec<usize>,
    lists: Vec<List>,
    depth: u8,
    /// Marker styles of the headings above the current point, outermost first.
    headings: Vec<Style>,
    next_share_group: usize,
    // per paragraph
    label_from: usize,
    clause_has_fig: bool,
    /// Planned coordinated figures: (token index, subject, period).
    coord: Vec<Coord>,
    coord_role: Option<Role>,
    /// For each open bracket, the first item index inside it (levels of an earlier bracket
    /// at the same depth are not heads of a list in this one).
    scopes: Vec<usize>,
    /// A total whose components were named (`由 A 和 B 组成`) and whose amounts are being
    /// looked for in the sentences after.
    composition: Option<Composition>,
    /// For each open bracket, the index of its token.
    opens: Vec<usize>,
    /// Where the current sentence's text starts (after its marker or the sentence before).
    sentence_start: usize,
    /// Where the current clause starts (after a comma or a semicolon; a colon does not end it).
    clause_start: usize,
    /// For each open bracket, where the label ran from before it: a bracket with no figure
    /// inside is part of the label around it (`本级资金(包括结转结余) 73.25`).
    bracket_labels: Vec<usize>,
    /// The sentence's subject and measure when each open bracket opened (with the
    /// sentence's number): an inner list's items do not become the subject after it closes.
    bracket_subjects: Vec<(usize, String, Option<Measure>)>,
}

const GENERIC_SCORE_NAMES: &[&str] = &[
    "项目",
    "本项目",
    "该项目",
    "整体",
    "部门整体",
    "本部门",
    "综合",
    "总体",
    "评价",
    "绩效",
    "自评",
    "最终",
    "本次",
];

/// The list word as printed in messages: 为, 由, 分别为, 包括, 主要用于, 含 or 其中.
fn list_word_name(s: &CharStream, tk: Tok, kind: ListWord) -> &'static str {
    match kind {
        ListWord::Apposition => "为",
        ListWord::Complete if s.at(tk.a as usize) == '由' => "由",
        ListWord::Complete => "分别为",
        ListWord::Partial => match s.text(tk.a as usize, tk.b as usize) {
            "包括" | "主要包括" | "包含" => "包括",
            "主要用于" => "主要用于",
            "含" => "含",
            _ => "其中",
        },
    }
}

/// What [`Reader::role_of`] reads of a figure.
struct RoleRead {
    role: Role,
    dir_span: Option<Span>,
    whole: String,
    from_exceeds: bool,
    depth: u8,
}

/// The period, measures and total word a figure's label states.
struct LabelWords {
    period: Period,
    measure: Option<Measure>,
    measures: u8,
    total_word: bool,
}

fn label_words(ltoks: &[Tok]) -> LabelWords {
    let mut w = LabelWords {
        period: Period::default(),
        measure: None,
        measures: 0,
        total_word: false,
    };
    for t in ltoks {
        match t.t {
            T::Year(y) => w.period.year = Some(y),
            T::Word(Lex::Period(p @ (PeriodWord::This | PeriodWord::Prev))) => {
                w.period.rel = Some(p)
            }
            T::Word(Lex::Period(p)) => w.period.stage = Some(p),
            T::Word(Lex::Measure(m)) => {
                w.measure = Some(m);
                w.measures |= 1 << (m as u8);
            }
            T::Word(Lex::Total) => w.total_word = true,
            _ => {}
        }
    }
    w
}

/// The role a direction word (`增加`, `减少`, `增长到` …) gives the figure after it, when only
/// a filler stands between them: a change (with the word's place) or a new level.
fn change_after(s: &CharStream, dt: &Tok, fs: usize, pct: bool) -> Option<(Role, Option<Span>)> {
    let gap: String = s
        .text(dt.b as usize, fs)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let (dir, rate_word) = match dt.t {
        T::Word(Lex::Change { dir, rate }) => (dir, rate),
        T::Word(Lex::ChangeShort(dir)) => (dir, false),
        _ => return None,
    };
    if matches!(gap.as_str(), "到" | "至" | "为到") {
        return Some((Role::NewLevel, None));
    }
    if matches!(
        gap.as_str(),
        "" | "了" | "为" | "达" | "额" | "额为" | ":" | "幅度为" | "幅度" | "率为" | "率" | "了约"
    ) {
        // (增长率 with a non-percent figure: not a rate)
        if !rate_word || pct {
            let role = Role::Change {
                dir,
                rate: rate_word || pct,
            };
            return Some((role, Some(s.span(dt.a as usize, dt.b as usize))));
        }
    }
    None
}

/// The label names the general public budget (一般公共预算 and its variants).
fn names_general_scope(label: &str) -> bool {
    label.contains("公共")
        && super::lexicon::GENERAL_SCOPE
            .iter()
            .any(|w| label.contains(w))
}

/// The figures of a coordination from token `k`: separated by 、, each possibly with its own
/// change word (`分别增加 31.60万元、减少 14.80万元`).
fn coordinated_figures(toks: &[Tok], mut k: usize) -> Vec<usize> {
    let mut fk: Vec<usize> = Vec::new();
    loop {
        fk.push(k);
        if k + 2 < toks.len() && toks[k + 1].t == T::Sep('、') {
            if matches!(toks[k + 2].t, T::Fig(_)) {
                k += 2;
                continue;
            }
            if k + 3 < toks.len()
                && matches!(
                    toks[k + 2].t,
                    T::Word(Lex::Change { .. }) | T::Word(Lex::ChangeShort(_))
                )
                && matches!(toks[k + 3].t, T::Fig(_))
            {
                k += 3;
                continue;
            }
        }
        break;
    }
    fk
}

/// The periods a coordination's region states, and its text without periods and comparison
/// words (from `start` to `end`).
fn periods_and_names(
    s: &CharStream,
    region: &[Tok],
    start: usize,
    end: usize,
) -> (Vec<Period>, String) {
    let mut periods: Vec<Period> = Vec::new();
    let mut text = String::new();
    let mut pos = start;
    for t in region {
        let period = match t.t {
            T::Year(y) => Some(Period {
                year: Some(y),
                ..Default::default()
            }),
            T::Word(Lex::Period(p @ (PeriodWord::This | PeriodWord::Prev))) => Some(Period {
                rel: Some(p),
                ..Default::default()
            }),
            _ => None,
        };
        let drop = period.is_some()
            || matches!(
                t.t,
                T::Word(Lex::Compare | Lex::CompareNeedsPeriod | Lex::Period(_))
            );
        if drop && t.a as usize >= pos {
            text.push_str(s.text(pos, t.a as usize));
            pos = t.b as usize;
        }
        periods.extend(period);
    }
    text.push_str(s.text(pos, end));
    (periods, text)
}

/// A unit printed once, after the last of coordinated figures, holds for the bare numbers
/// before it.
fn spread_unit(figs: &mut [Figure], toks: &[Tok], fk: &[usize]) {
    let Some(&last) = fk.last() else { return };
    let last = fig_of(toks[last]);
    let unit = figs[last].unit.clone();
    let factor = figs[last].factor;
    if !matches!(unit, Unit::Plain) {
        for &t in &fk[..fk.len() - 1] {
            let f = &mut figs[fig_of(toks[t])];
            if f.unit == Unit::Plain && f.factor == rust_decimal::Decimal::ONE {
                f.unit = unit.clone();
                f.factor = factor;
            }
        }
    }
}

impl Reader {
    pub(crate) fn new() -> Self {
        Reader {
            out: Parsed::default(),
            sentence_no: 0,
            sent: Sentence::default(),
            prev_levels: Vec::new(),
            lists: Vec::new(),
            depth: 0,
            headings: Vec::new(),
            next_share_group: 0,
            label_from: 0,
            clause_has_fig: false,
            coord: Vec::new(),
            coord_role: None,
            scopes: Vec::new(),
            opens: Vec::new(),
            composition: None,
            sentence_start: 0,
            clause_start: 0,
            bracket_labels: Vec::new(),
            bracket_subjects: Vec::new(),
        }
    }

    /// Read one paragraph. `hard` when a table or a source line stands between it and the one
    /// before (no list runs on across it).
    pub(crate) fn paragraph(
        &mut self,
        s: &CharStream,
        figs: &mut [Figure],
        toks: &[Tok],
        hard: bool,
    ) {
        if hard {
            self.end_sentence();
            self.close_all();
            self.headings.clear();
            self.composition = None;
        }
        // a paragraph that states something is zero: kept for the identities
        if toks.iter().any(|t| t.t == T::Word(Lex::Zero)) {
            self.out.zero_text.push_str(s.folded());
            self.out.zero_text.push('\n');
        }
        self.depth = 0;
        self.label_from = 0;
        self.sentence_start = 0;
        self.clause_start = 0;
        self.clause_has_fig = false;
        self.coord.clear();
        self.coord_role = None;
        let mut j = 0;
        while j < toks.len() {
            self.token(s, figs, toks, j);
            j += 1;
        }
        self.end_sentence();
    }

    /// Close every open list (end of document).
    pub(crate) fn finish(mut self) -> Parsed {
        self.end_sentence();
        self.close_all();
        // (what was read is final: held at its exact size while the facts are built from it)
        let o = &mut self.out;
        o.items.shrink_to_fit();
        o.lists.shrink_to_fit();
        o.comparisons.shrink_to_fit();
        o.shares.shrink_to_fit();
        o.ratios.shrink_to_fit();
        o.scores.shrink_to_fit();
        o.zero_text.shrink_to_fit();
        self.out
    }

    /// A colon ends the first clause; the text before it is the topic of what follows when no
    /// figure follows it directly (`会议费支出情况：当年开支 1.99 万元`).
    fn colon(&mut self, s: &CharStream, toks: &[Tok], j: usize) {
        let tk = toks[j];
        self.first_clause_ends();
        // `基本支出：200万元`: the label runs on to the figure; `会议费支出情况：当年开支
        // 1.99 万元`: the text before the colon is the topic, the subject of what
        // follows when it names none
        let direct = toks.get(j + 1).is_some_and(|n| {
            matches!(n.t, T::Fig(_)) && s.text(tk.b as usize, n.a as usize).trim().is_empty()
        });
        if !direct {
            let from = self.label_from.min(j);
            let lstart = if from > 0 {
                toks[from - 1].b as usize
            } else {
                0
            };
            let topic = subject_of(s, &toks[from..j], lstart.min(tk.a as usize), tk.a as usize);
            let topic = strip_topic(&topic);
            if !topic.is_empty() && self.sent.subject.is_empty() {
                self.sent.subject = topic;
            }
            self.label_from = j + 1;
        }
    }

    /// A semicolon ends a clause and the lists that are neither colon-introduced nor 其中 lists.
    fn semicolon(&mut self, j: usize, tk: Tok) {
        self.close_clause_lists();
        self.clause_start = tk.b as usize;
        // a list that is not colon-introduced and not a 其中 list ends at a semicolon
        let d = self.depth;
        let mut k = 0;
        while k < self.lists.len() {
            let l = &self.lists[k];
            if l.depth == d
                && !l.colon
                && !l.bracket
                && l.word != "其中"
                && l.word != "中"
                && !l.awaiting
            {
                let l = self.lists.remove(k);
                self.out.lists.push(l);
            } else {
                k += 1;
            }
        }
        self.first_clause_ends();
        self.label_from = j + 1;
        self.clause_has_fig = false;
        self.coord.clear();
        self.coord_role = None;
    }

    /// An opening bracket: right after a level amount it lists that amount's parts; the
    /// bracket's text is read one level deeper.
    fn open_bracket(&mut self, figs: &[Figure], toks: &[Tok], j: usize) {
        // a bracket right after a level amount lists that amount's parts
        if let Some(prev) = j.checked_sub(1).map(|p| toks[p])
            && let T::Fig(_) = prev.t
            && let Some(&last) = self.sent.levels.last()
            && self.out.items[last].f.span.map(|x| x.offset)
                == figs[fig_of(prev)].span.map(|x| x.offset)
        {
            self.lists.push(List {
                heads: vec![last],
                parts: vec![Vec::new()],
                loose: Vec::new(),
                kind: ListWord::Partial,
                word: "(",
                depth: self.depth.saturating_add(1),
                bracket: true,
                sentence: self.sentence_no,
                colon: false,
                open_ended: false,
                item_style: None,
                styles_before: self.headings.clone(),
                awaiting: false,
                clause: false,
            });
        }
        self.depth = self.depth.saturating_add(1);
        self.scopes.push(self.out.items.len());
        self.opens.push(j);
        self.bracket_labels.push(self.label_from);
        self.bracket_subjects.push((
            self.sentence_no,
            self.sent.subject.clone(),
            self.sent.measure,
        ));
        self.label_from = j + 1;
    }

    /// A closing bracket ends the bracket's lists and gives back the subject before it.
    fn close_bracket(&mut self, j: usize) {
        let d = self.depth;
        while let Some(l) = self.lists.last() {
            if l.depth >= d && (l.bracket || l.depth > d.saturating_sub(1)) {
                let l = self.lists.pop().unwrap();
                self.out.lists.push(l);
            } else {
                break;
            }
        }
        self.depth = self.depth.saturating_sub(1);
        let empty = self.scopes.pop() == Some(self.out.items.len());
        self.opens.pop();
        let before = self.bracket_labels.pop();
        if let Some((no, subject, measure)) = self.bracket_subjects.pop()
            && no == self.sentence_no
            && !empty
        {
            self.sent.subject = subject;
            self.sent.measure = measure;
        }
        self.label_from = match before {
            Some(b) if empty => b,
            _ => j + 1,
        };
    }

    // Long by design: the dispatch over the token kinds: one short arm per kind.
    fn token(&mut self, s: &CharStream, figs: &mut [Figure], toks: &[Tok], j: usize) {
        let tk = toks[j];
        if let T::Marker(st, _) = tk.t {
            // a heading or item marker starts a sentence
            self.end_sentence();
            self.marker(st);
            self.sent.started = true;
            self.sent.first_clause = true;
            self.sent.marker = Some(st);
            self.sent.starts_with_list =
                matches!(toks.get(j + 1).map(|t| t.t), Some(T::Word(Lex::List(_))));
            self.label_from = j + 1;
            self.sentence_start = tk.b as usize;
            self.clause_start = tk.b as usize;
            return;
        }
        if !self.sent.started && !matches!(tk.t, T::Sep(_)) {
            self.sent.started = true;
            self.sent.first_clause = true;
            self.sent.starts_with_list = matches!(tk.t, T::Word(Lex::List(_)));
        }
        match tk.t {
            T::Sep('。') => {
                self.sentence_start = tk.b as usize;
                self.clause_start = tk.b as usize;
                if !self.sent.started {
                    // a sentence with nothing read in it still ends the one before
                    self.prev_levels.clear();
                }
                self.end_sentence();
                self.label_from = j + 1;
            }
            T::Sep(':') if !self.clause_has_fig => self.colon(s, toks, j),
            T::Sep('、') => self.label_from = j + 1,
            T::Sep(';') => self.semicolon(j, tk),
            T::Sep(_) => {
                self.close_clause_lists();
                self.first_clause_ends();
                if !self.clause_has_fig && tk.a > 0 && s.at(tk.a as usize - 1) == '中' {
                    self.whole_named(s, toks, j);
                }
                self.label_from = j + 1;
                self.clause_start = tk.b as usize;
                self.clause_has_fig = false;
                self.coord.clear();
                self.coord_role = None;
            }
            T::Marker(..) => {}
            T::Open => self.open_bracket(figs, toks, j),
            T::Close => self.close_bracket(j),
            T::Word(Lex::List(kind)) => self.list_word(s, figs, toks, j, kind),
            T::Word(Lex::Coord) if self.coordination(s, figs, toks, j) => {
                self.label_from = j + 1;
            }
            T::Word(Lex::Stop) => {
                if let Some(p) = self.lists.iter().rposition(|l| l.depth == self.depth) {
                    let l = self.lists.remove(p);
                    self.out.lists.push(l);
                }
            }
            T::Word(Lex::Compare) => {
                self.baseline(s, tk);
                // `与2021年度预算相比`: against the budget of the period
                if let Some(from) = budget_object(s, toks, j) {
                    self.sent.against_budget = true;
                    self.sent.baseline_text = s.text(from, tk.b as usize).to_string();
                }
            }
            T::Word(Lex::CompareNeedsPeriod)
                if toks.get(j + 1).is_some_and(|n| {
                    n.t == T::Word(Lex::Measure(Measure::Budget))
                        && (n.a..n.a + 1).contains(&skip_spaces(s, tk.b))
                }) =>
            {
                self.baseline(s, tk);
                self.sent.against_budget = true;
            }
            T::Word(Lex::CompareNeedsPeriod)
                if toks.get(j + 1).is_some_and(|n| {
                    matches!(
                        n.t,
                        T::Year(_)
                            | T::Word(Lex::Period(PeriodWord::Prev))
                            | T::Word(Lex::Period(PeriodWord::Initial))
                    ) && (n.a..n.a + 1).contains(&skip_spaces(s, tk.b))
                }) =>
            {
                self.baseline(s, tk);
                // `比年初预算`: against the budget as first approved
                self.sent.against_budget = toks
                    .get(j + 1)
                    .is_some_and(|n| n.t == T::Word(Lex::Period(PeriodWord::Initial)))
                    && toks
                        .get(j + 2)
                        .is_some_and(|n| n.t == T::Word(Lex::Measure(Measure::Budget)));
            }
            T::Word(Lex::Measure(Measure::Budget)) if j > 0 => self.exceeds(s, toks, j),
            T::Word(Lex::Change {
                dir: Direction::Flat,
                ..
            }) => self.flat_claim(s, toks, j),
            T::Word(Lex::Score(ScoreWord::Grade)) => self.grade(s, tk),
            T::Fig(_) => self.figure(s, figs, toks, j),
            _ => {}
        }
    }

    /// `决算数大于预算数 55.93 万元`, `实际支出低于预算 12 万元`: at the budget word `j`, a spending
    /// measure before it with only an exceed word ([`super::lexicon::EXCEEDS`]) between (and
    /// 数 after each measure), then the amount: a change against the budget.
    fn exceeds(&mut self, s: &CharStream, toks: &[Tok], j: usize) {
        let (before, budget) = (toks[j - 1], toks[j]);
        if !matches!(
            before.t,
            T::Word(Lex::Measure(Measure::Spent | Measure::Paid))
        ) {
            return;
        }
        // the text between: [数] word
        let mut a = before.b as usize;
        if a < budget.a as usize && s.at(a) == '数' {
            a += 1;
        }
        let between = s.text(a, budget.a as usize);
        let Some(&(word, dir)) = super::lexicon::EXCEEDS.iter().find(|(w, _)| *w == between) else {
            return;
        };
        let Some(fig) = toks.get(j + 1).filter(|t| matches!(t.t, T::Fig(_))) else {
            return;
        };
        let mut k = budget.b as usize;
        if k < fig.a as usize && s.at(k) == '数' {
            k += 1;
        }
        if k != fig.a as usize {
            return;
        }
        let wtok = Tok {
            a: a as u32,
            b: (a + word.chars().count()) as u32,
            ..before
        };
        self.baseline(s, wtok);
        self.sent.against_budget = true;
        self.sent.exceeds = Some((dir, s.span(wtok.a as usize, wtok.b as usize), j + 1));
    }

    /// `与上年相比无变化`, `与预算持平`: a claim of no change with no amount after it, in a
    /// sentence with a comparison head, of a current and a prior level the sentence binds (two
    /// periods, or the budget level when against the budget). Not when qualified (`基本持平`).
    fn flat_claim(&mut self, s: &CharStream, toks: &[Tok], j: usize) {
        let tk = toks[j];
        if self.sent.baseline.is_none() || next_fig_in_clause(toks, j).is_some() {
            return;
        }
        let before = s.text((tk.a as usize).saturating_sub(2), tk.a as usize);
        if super::lexicon::APPROXIMATE_FLAT
            .iter()
            .any(|w| before.ends_with(w))
        {
            return;
        }
        let items = &self.out.items;
        let levels: Vec<usize> = self
            .sent
            .levels
            .iter()
            .copied()
            .filter(|&l| items[l].depth == self.depth)
            .collect();
        let Some(&last) = levels.last() else { return };
        // against the budget, the budget may be left to a table (`与年度预算相比无变化` below
        // a 预算数 / 决算数 table): the claim is kept with no prior, for the binding to fill
        let pair = if self.sent.against_budget {
            budget_prior(items, &levels, last).map(|b| (last, b))
        } else {
            period_pair(items, &levels, last).map(|(a, b)| (a, Some(b)))
        };
        let Some((cur, prior)) = pair else {
            return;
        };
        if prior.is_some_and(|p| !items[cur].f.unit.same_dimension(&items[p].f.unit)) {
            return;
        }
        self.out.comparisons.push(Cmp {
            current: Some(cur),
            prior,
            baseline: self.sent.baseline_text.clone(),
            against_budget: self.sent.against_budget,
            flat: Some(s.span(tk.a as usize, tk.b as usize)),
            subject: items[cur].subject.clone(),
            ..Default::default()
        });
    }

    fn baseline(&mut self, s: &CharStream, tk: Tok) {
        self.sent.baseline = Some(tk.a);
        self.sent.against_budget = false;
        let e = (tk.b as usize + 4).min(s.len());
        self.sent.baseline_text = s.text(tk.a as usize, e).to_string();
    }

    /// The end of the first clause of a sentence: lists waiting for their next item close
    /// unless the clause described the item before (`主要包括：…`).
    fn first_clause_ends(&mut self) {
        if !self.sent.first_clause {
            return;
        }
        self.sent.first_clause = false;
        if !self.sent.any_fig && !self.sent.starts_with_list {
            self.close_awaiting();
        }
    }

    fn close_clause_lists(&mut self) {
        while let Some(p) = self.lists.iter().rposition(|l| l.clause) {
            let l = self.lists.remove(p);
            self.out.lists.push(l);
        }
    }

    fn close_awaiting(&mut self) {
        let mut k = 0;
        while k < self.lists.len() {
            if self.lists[k].awaiting {
                let l = self.lists.remove(k);
                self.out.lists.push(l);
            } else {
                k += 1;
            }
        }
    }

    fn close_all(&mut self) {
        while let Some(l) = self.lists.pop() {
            self.out.lists.push(l);
        }
    }

    fn end_sentence(&mut self) {
        self.clause_has_fig = false;
        if !self.sent.started {
            return;
        }
        if let Some(c) = self.sent.cmp.take() {
            self.push_cmp(c);
        }
        for c in std::mem::take(&mut self.sent.coord_cmps) {
            self.push_cmp(c);
        }
        for &(rate, num) in &self.sent.open_rates {
            let start = self.sent.cmp_start.min(self.out.comparisons.len());
            let mut hits = self.out.comparisons[start..]
                .iter_mut()
                .filter(|c| c.against_budget && c.current == Some(num) && c.delta.is_some());
            if let (Some(c), None) = (hits.next(), hits.next()) {
                c.completion = Some(rate);
            }
        }
        if let Some(n) = self.sent.node.take()
            && (n.weight.is_some() || n.score.is_some() || n.grade.is_some())
        {
            self.out.scores.push(ScoreEvent::Node(n));
        } else if let Some(m) = self.sent.marker {
            self.out.scores.push(ScoreEvent::Marker(m));
        }
        // lists: brackets and plain lists end with their sentence; colon-introduced lists
        // that got an item, and lists that end their sentence, wait for the next item
        let figureless_description = !self.sent.any_fig && self.sent.starts_with_list;
        let mut k = 0;
        while k < self.lists.len() {
            let l = &mut self.lists[k];
            let keep = if l.awaiting {
                // a sentence that did not continue the list (or only described its last item)
                figureless_description
            } else if l.bracket {
                false
            } else if l.sentence == self.sentence_no {
                l.open_ended
                    || (l.colon && l.parts.iter().any(|p| !p.is_empty()))
                    || (l.colon && !l.loose.is_empty())
            } else {
                // a list continued in this sentence waits again
                true
            };
            if keep {
                l.awaiting = true;
                k += 1;
            } else {
                let l = self.lists.remove(k);
                self.out.lists.push(l);
            }
        }
        // (a description sentence — no figure, opening with 主要包括 — keeps the levels of the
        // sentence before it)
        if self.sent.any_fig || !self.sent.starts_with_list {
            std::mem::swap(&mut self.prev_levels, &mut self.sent.levels);
        }
        if let Some(c) = self.composition.as_mut() {
            c.left = c.left.saturating_sub(1);
            if c.left == 0 {
                self.composition = None;
            }
        }
        self.sent.reset();
        self.sent.cmp_start = self.out.comparisons.len();
        self.sentence_no += 1;
        self.depth = 0;
        self.scopes.clear();
        self.opens.clear();
        self.bracket_labels.clear();
        self.bracket_subjects.clear();
        self.coord.clear();
        self.coord_role = None;
    }

    /// A heading or item marker: the lists it continues stay open, the others close.
    fn marker(&mut self, st: Style) {
        if self
            .composition
            .as_ref()
            .is_some_and(|c| c.styles_before.contains(&st))
        {
            self.composition = None;
        }
        // heading stack: a style already open closes everything below it
        if let Some(p) = self.headings.iter().position(|&x| x == st) {
            self.headings.truncate(p + 1);
        } else {
            self.headings.push(st);
        }
        while let Some(l) = self.lists.last_mut() {
            if l.item_style == Some(st) {
                l.awaiting = false;
                return;
            }
            if l.item_style.is_none()
                && (l.open_ended || l.colon)
                && l.styles_before.iter().all(|&b| b < st)
            {
                l.item_style = Some(st);
                l.awaiting = false;
                return;
            }
            let l = self.lists.pop().unwrap();
            self.out.lists.push(l);
        }
    }

    /// The head of a list opened here: the last level of this sentence at this depth (with its
    /// companions of other periods), or the levels of the sentence before when the list opens
    /// its sentence.
    fn list_heads(&self, here: &[usize], depth: u8) -> Vec<usize> {
        if let Some(&last) = here.last() {
            // (a bare number — a cell of a flattened table's row — is no total anyone lists
            // parts of, and the labelled amount before it is another column's)
            if self.out.items[last].label.is_empty() {
                Vec::new()
            } else {
                period_set(&self.out.items, here, last)
            }
        } else if depth == 0 {
            match self.prev_levels.as_slice() {
                [] => Vec::new(),
                [one] => vec![*one],
                many => {
                    let last = *many.last().unwrap();
                    let set = period_set(&self.out.items, many, last);
                    if set.len() == many.len() {
                        set
                    } else {
                        Vec::new()
                    }
                }
            }
        } else {
            Vec::new()
        }
    }

    // Long by design: the list words (为, 分别为 / 由, 其中) differ only in their opening checks; the
    // list they open is built once.
    fn list_word(
        &mut self,
        s: &CharStream,
        figs: &mut [Figure],
        toks: &[Tok],
        j: usize,
        kind: ListWord,
    ) {
        let tk = toks[j];
        let word = list_word_name(s, tk, kind);
        match kind {
            ListWord::Apposition => {
                // `124.23万元,为 A 25万元, B 100万元`: right after a separator that follows a
                // level amount, and followed by a labelled figure in its clause
                let ok = j >= 2
                    && matches!(toks[j - 1].t, T::Sep(','))
                    && matches!(toks[j - 2].t, T::Fig(_))
                    && self.sent.levels.last().is_some_and(|&l| {
                        self.out.items[l].f.span == figs[fig_of(toks[j - 2])].span
                    })
                    && next_fig_in_clause(toks, j).is_some_and(|k| {
                        let gap = s.text(tk.b as usize, toks[k].a as usize);
                        gap.chars().filter(|c| !c.is_whitespace()).count() >= 2
                    });
                if !ok {
                    return;
                }
            }
            ListWord::Complete => {
                if self.coordination(s, figs, toks, j) {
                    self.label_from = j + 1;
                    return;
                }
                if word == "由" {
                    let Some(c) = toks[j + 1..]
                        .iter()
                        .take_while(|t| t.t != T::Sep('。'))
                        .position(|t| t.t == T::Word(Lex::Compose))
                        .map(|p| p + j + 1)
                    else {
                        return;
                    };
                    // `由 A 和 B 组成` with no figures: the components named, their amounts
                    // stated in the sentences after
                    if !toks[j + 1..c].iter().any(|t| matches!(t.t, T::Fig(_))) {
                        self.composition(s, toks, j, c);
                        return;
                    }
                }
            }
            ListWord::Partial => {}
        }
        self.label_from = j + 1;
        // the head: the last level of this sentence at this depth, or the levels of the
        // sentence before when the list opens its sentence
        let depth = self.depth;
        let scope = if depth > 0 {
            self.scopes.last().copied().unwrap_or(0)
        } else {
            0
        };
        let here: Vec<usize> = self
            .sent
            .levels
            .iter()
            .copied()
            .filter(|&i| self.out.items[i].depth == depth && i >= scope)
            .collect();
        // `(其中: …)` right after an amount: the bracket's own list goes on
        if here.is_empty()
            && depth > 0
            && let Some(l) = self.lists.last_mut()
            && l.bracket
            && l.depth == depth
            && l.parts.iter().all(|p| p.is_empty())
        {
            l.kind = kind;
            l.word = word;
            return;
        }
        let heads = self.list_heads(&here, depth);
        // colon-introduced, ending its sentence, or numbered items next
        let mut k = j + 1;
        let colon = toks.get(k).is_some_and(|t| t.t == T::Sep(':'));
        if colon {
            k += 1;
        }
        let (open_ended, item_style) = match toks.get(k).map(|t| t.t) {
            None | Some(T::Sep('。')) => (true, None),
            Some(T::Marker(st, _)) => (true, Some(st)),
            _ => (false, None),
        };
        let n = heads.len();
        self.lists.push(List {
            heads,
            parts: vec![Vec::new(); n],
            loose: Vec::new(),
            kind,
            word,
            depth,
            bracket: false,
            sentence: self.sentence_no,
            colon,
            open_ended,
            item_style,
            styles_before: self.headings.clone(),
            awaiting: false,
            clause: false,
        });
    }

    /// `收、支总计各是 2310.45、2298.17 万元`, `A、B 分别为 x、y`, `2023年、2022年 A 分别为 x、y`:
    /// as many coordinated subjects (or periods) before the word as figures after it — or none
    /// before it, taking those of the coordination before (`…，各增长 5.50%、4.48%`). Plans the
    /// subject or period of each figure and spreads a unit printed once over the figures before
    /// it. Returns false when the pattern does not hold.
    /// Coordinated amounts right after a total, with no list open to take them, are that
    /// total's parts (a partial list; a named identity makes it complete).
    fn parts_after_total(
        &mut self,
        toks: &[Tok],
        j: usize,
        first_fig: usize,
        plan: &[(Option<String>, Option<Period>)],
    ) {
        let plain = !toks[j + 1..first_fig].iter().any(|t| {
            matches!(
                t.t,
                T::Word(Lex::Change { .. } | Lex::ChangeShort(_) | Lex::Share | Lex::Rate(_))
            )
        });
        if plain
            && plan.iter().all(|(x, p)| x.is_some() && p.is_none())
            && !self.lists.iter().any(|l| l.depth == self.depth)
            && let Some(&head) = self
                .sent
                .levels
                .iter()
                .rev()
                .find(|&&l| self.out.items[l].depth == self.depth)
        {
            self.lists.push(List {
                heads: vec![head],
                parts: vec![Vec::new()],
                loose: Vec::new(),
                kind: ListWord::Partial,
                word: "分别为",
                depth: self.depth,
                bracket: false,
                sentence: self.sentence_no,
                colon: false,
                open_ended: false,
                item_style: None,
                styles_before: Vec::new(),
                awaiting: false,
                clause: true,
            });
        }
    }

    // Long by design: checks the coordination pattern step by step, each step able to reject it.
    fn coordination(
        &mut self,
        s: &CharStream,
        figs: &mut [Figure],
        toks: &[Tok],
        j: usize,
    ) -> bool {
        if self.clause_has_fig {
            return false;
        }
        // the words between the coordination word and the first figure (是, 增加, 占…的)
        let mut k = j + 1;
        let mut share = false;
        while k < toks.len() && !matches!(toks[k].t, T::Fig(_) | T::Sep(_)) {
            share |= toks[k].t == T::Word(Lex::Share);
            k += 1;
        }
        if k >= toks.len() || !matches!(toks[k].t, T::Fig(_)) {
            return false;
        }
        let gap = s.text(toks[j].b as usize, toks[k].a as usize);
        let limit = if share { 16 } else { 4 };
        if gap.chars().filter(|c| !c.is_whitespace()).count() > limit {
            return false;
        }
        // the figures: separated by 、, each possibly with its own change word
        // (`分别增加 31.60万元、减少 14.80万元`)
        let fk = coordinated_figures(toks, k);
        if fk.len() < 2 {
            return false;
        }
        // the region before the word, back to the clause start (、 does not end it)
        let mut b = self.label_from.min(j);
        while b > 0 && toks[b - 1].t == T::Sep('、') {
            b -= 1;
            while b > 0 && !matches!(toks[b - 1].t, T::Sep(_) | T::Marker(..)) {
                b -= 1;
            }
        }
        let st = if b > 0 { toks[b - 1].b as usize } else { 0 };
        // its periods, and its text without periods and comparison words
        let (periods, text) = periods_and_names(s, &toks[b..j], st, toks[j].a as usize);
        let parts: Vec<String> = text
            .split(['、', '和', '与', '及'])
            .map(|x| x.trim().to_string())
            .collect();
        let named: Vec<&String> = parts.iter().filter(|x| !x.is_empty()).collect();
        let n = fk.len();
        let plan: Vec<(Option<String>, Option<Period>)> = if parts.len() == n
            && named.len() == n
            && named.iter().all(|x| x.chars().count() <= 24)
        {
            // one subject each; a period stated once holds for all
            let mut subjects = parts.clone();
            share_tail(&mut subjects);
            let period = (periods.len() == 1).then(|| periods[0]);
            subjects.into_iter().map(|x| (Some(x), period)).collect()
        } else if periods.len() == n && named.len() <= 1 {
            // one period each: `2023年、2022年“三公”经费支出分别为 a、b`
            let subject = named.first().map(|x| x.to_string());
            periods
                .iter()
                .map(|p| (subject.clone(), Some(*p)))
                .collect()
        } else if named.is_empty() && self.sent.coord_subjects.len() == n {
            // the subjects of the coordination before; a period stated once holds for all
            let period = (periods.len() == 1).then(|| periods[0]);
            self.sent
                .coord_subjects
                .iter()
                .map(|x| (Some(x.clone()), period))
                .collect()
        } else {
            return false;
        };
        // a unit printed once, after the last figure
        spread_unit(figs, toks, &fk);
        if plan.iter().all(|(x, _)| x.is_some()) {
            self.sent.coord_subjects = plan.iter().filter_map(|(x, _)| x.clone()).collect();
        }
        self.parts_after_total(toks, j, fk[0], &plan);
        self.coord = fk
            .into_iter()
            .zip(plan)
            .map(|(tok, (subject, period))| Coord {
                tok,
                subject,
                period,
            })
            .collect();
        self.coord_role = None;
        true
    }

    /// `“三公”经费支出决算中，A a，占 p%；B b，占 q%`: the clause before the list names its
    /// whole by a budget concept and a measure; the whole is the last amount stated of that
    /// concept and measure (a few sentences up). The items after it are its parts, the shares
    /// with no whole named are shares of it.
    fn whole_named(&mut self, s: &CharStream, toks: &[Tok], j: usize) {
        let from = self.label_from.min(j);
        let a = if from > 0 {
            toks[from - 1].b as usize
        } else {
            0
        };
        let text = s.text(a, toks[j].a as usize);
        let Some(concept) = super::lexicon::CONCEPT_NAMES
            .iter()
            .find(|c| text.contains(*c))
        else {
            return;
        };
        let mut measures = 0u8;
        for t in &toks[from..j] {
            if let T::Word(Lex::Measure(m)) = t.t {
                measures |= 1 << (m as u8);
            }
        }
        if measures == 0 {
            return;
        }
        // the last amount of that concept and measure, a few dozen figures up at most
        let head = self
            .out
            .items
            .iter()
            .enumerate()
            .rev()
            .take(60)
            .find(|(_, it)| {
                it.role == Role::Level
                    && it.f.unit.is_money()
                    && (it.label.contains(concept) || it.subject.contains(concept.trim_end_matches("经费")))
                    // (a measure printed in its own label, not carried over)
                    && it.measures & measures != 0
            })
            .map(|(i, _)| i);
        let Some(head) = head else { return };
        self.lists.push(List {
            heads: vec![head],
            parts: vec![Vec::new()],
            loose: Vec::new(),
            kind: ListWord::Partial,
            word: "中",
            depth: self.depth,
            bracket: false,
            sentence: self.sentence_no,
            colon: false,
            open_ended: false,
            item_style: None,
            styles_before: Vec::new(),
            awaiting: false,
            clause: false,
        });
    }

    /// `本年收入合计268.90万元，由财政拨款收入和其他收入组成。`: remember the total and the
    /// names; the sentences after state each component's amount.
    fn composition(&mut self, s: &CharStream, toks: &[Tok], j: usize, c: usize) {
        let Some(&head) = self
            .sent
            .levels
            .iter()
            .rev()
            .find(|&&l| self.out.items[l].depth == self.depth)
        else {
            return;
        };
        let names: Vec<String> = s
            .text(toks[j].b as usize, toks[c].a as usize)
            .split(['、', '和', '与', '及', ','])
            .map(|x| x.trim().to_string())
            .filter(|x| !x.is_empty())
            .collect();
        if names.len() < 2 || names.len() > 8 || names.iter().any(|x| x.chars().count() > 16) {
            return;
        }
        let n = names.len();
        self.composition = Some(Composition {
            head,
            names,
            found: vec![None; n],
            left: 8,
            styles_before: self.headings.clone(),
        });
    }

    /// A level amount named like a component of the composition being read.
    fn composition_item(&mut self, idx: usize) {
        let Some(c) = self.composition.as_mut() else {
            return;
        };
        let label = &self.out.items[idx].label;
        let Some(k) = c
            .names
            .iter()
            .position(|nm| label == nm || label.ends_with(nm.as_str()))
        else {
            return;
        };
        if c.found[k].is_some() {
            // a component stated twice: which amount is meant is not clear
            self.composition = None;
            return;
        }
        c.found[k] = Some(idx);
        if c.found.iter().all(|f| f.is_some()) {
            let c = self.composition.take().unwrap();
            self.out.lists.push(List {
                heads: vec![c.head],
                parts: vec![c.found.into_iter().flatten().collect()],
                loose: Vec::new(),
                kind: ListWord::Complete,
                word: "由",
                depth: 0,
                bracket: false,
                sentence: self.sentence_no,
                colon: false,
                open_ended: false,
                item_style: None,
                styles_before: Vec::new(),
                awaiting: false,
                clause: false,
            });
        }
    }

    fn grade(&mut self, s: &CharStream, tk: Tok) {
        let mut k = tk.b as usize;
        let end = (k + 8).min(s.len());
        while k < end {
            let c = s.at(k);
            if matches!(c, '优' | '良' | '中' | '差') {
                // 优秀, 良好, 中等, 较差 all name their band by the first character
                let node = self.sent.node.get_or_insert_with(Default::default);
                node.grade = Some((c, s.span(k, k + 1)));
                return;
            }
            if !matches!(
                c,
                '为' | '是'
                    | ':'
                    | ' '
                    | '"'
                    | '“'
                    | '”'
                    | '评'
                    | '定'
                    | '「'
                    | '」'
                    | '属'
                    | '于'
                    | '达'
                    | '到'
            ) {
                return;
            }
            k += 1;
        }
    }

    /// A figure's role from the words of its label nearest it: a change (after 增加 / 减少 …),
    /// a new level (增长到), a share (占), a named rate, a score, a prior value (after a
    /// comparison phrase), else a level; with the direction word's place, a share's named
    /// whole and the depth the figure is read at.
    // Long by design: the role rules in their order of precedence (change, share, rate, score,
    // prior), each falling through to the next.
    fn role_of(
        &self,
        s: &CharStream,
        f: &Figure,
        toks: &[Tok],
        j: usize,
        ltoks: &[Tok],
    ) -> RoleRead {
        let fs = f.chars.0;
        let mut role = Role::Level;
        let mut dir_span = None;
        let mut whole = String::new();
        let dir_tok = ltoks.iter().rev().find(|t| {
            matches!(
                t.t,
                T::Word(Lex::Change { .. }) | T::Word(Lex::ChangeShort(_))
            )
        });
        let pct = f.unit.is_percent();
        let mut found = false;
        // `决算数大于预算数 X`: the words between the measures name no subject
        let mut from_exceeds = false;
        if let Some((dir, sp, k)) = self.sent.exceeds
            && k == j
            && !pct
        {
            role = Role::Change { dir, rate: false };
            dir_span = Some(sp);
            found = true;
            from_exceeds = true;
        } else if let Some(dt) = dir_tok
            && let Some((r, sp)) = change_after(s, dt, fs, pct)
        {
            role = r;
            dir_span = sp;
            found = true;
        }
        if !found && pct {
            if let Some(st) = ltoks.iter().rev().find(|t| t.t == T::Word(Lex::Share)) {
                role = Role::Share;
                whole = share_whole(s.text(st.b as usize, fs));
                found = true;
            } else if let Some(T::Word(Lex::Rate(rw))) = ltoks
                .iter()
                .rev()
                .map(|t| t.t)
                .find(|t| matches!(t, T::Word(Lex::Rate(_))))
            {
                role = Role::Rate(rw);
                found = true;
            }
        }
        if !found
            && matches!(f.unit, Unit::Score | Unit::Plain)
            && let Some(T::Word(Lex::Score(sw))) = ltoks
                .iter()
                .rev()
                .map(|t| t.t)
                .find(|t| matches!(t, T::Word(Lex::Score(_))))
            && sw != ScoreWord::Grade
        {
            role = Role::Score(sw);
            found = true;
        }
        if !found
            && let Some(ci) = ltoks.iter().rposition(|t| {
                matches!(
                    t.t,
                    T::Word(Lex::Compare) | T::Word(Lex::CompareNeedsPeriod)
                )
            })
            && self.sent.baseline.is_some_and(|b| b == ltoks[ci].a)
            && fs.saturating_sub(ltoks[ci].a as usize) <= 16
            && !matches!(ltoks[ci].t, T::Word(Lex::Compare))
        {
            role = Role::Prior;
        }
        // `较2022年（1,402.50万元）`: a figure alone in brackets after a comparison phrase is
        // the prior value, read at the depth of the phrase
        let mut depth = self.depth;
        if !found
            && role == Role::Level
            && ltoks.is_empty()
            && let Some(&open) = self.opens.last()
            && open == j - 1
            && open >= 2
            && matches!(
                toks[open - 1].t,
                T::Year(_) | T::Word(Lex::Period(PeriodWord::Prev))
            )
            && matches!(
                toks[open - 2].t,
                T::Word(Lex::Compare) | T::Word(Lex::CompareNeedsPeriod)
            )
            && toks.get(j + 1).is_some_and(|t| t.t == T::Close)
        {
            role = Role::Prior;
            depth = depth.saturating_sub(1);
        }
        RoleRead {
            role,
            dir_span,
            whole,
            from_exceeds,
            depth,
        }
    }

    /// A prior value ends the comparison before it and opens one with the last level of its
    /// dimension as the current value.
    fn prior_item(&mut self, idx: usize) {
        if let Some(c) = self.sent.cmp.take() {
            self.push_cmp(c);
        }
        // a bare number after a comparison phrase (`较上年2.08减少0.03万元`) is in the
        // unit of the level it is compared with
        if self.out.items[idx].f.unit == Unit::Plain
            && self.out.items[idx].f.factor == rust_decimal::Decimal::ONE
            && let Some(&l) = self.sent.levels.last()
            && self.out.items[l].f.unit.is_money()
        {
            let (unit, factor) = (self.out.items[l].f.unit.clone(), self.out.items[l].f.factor);
            let f = &mut self.out.items[idx].f;
            f.unit = unit;
            f.factor = factor;
        }
        let cur = self.last_level_same_dim(idx);
        self.sent.cmp = Some(Cmp {
            current: cur,
            prior: Some(idx),
            baseline: self.sent.baseline_text.clone(),
            subject: self.out.items[idx].subject.clone(),
            ..Default::default()
        });
    }

    /// A share: its part is the level before it, or for a coordinated share the level of its
    /// subject (`A、B 分别为 a、b，分别占 p%、q%`).
    fn share_item(&mut self, idx: usize, subject: Option<&String>, whole: String) {
        // the part: the level before it, or for a coordinated share the level of its
        // subject (`A、B 分别为 a、b，分别占 p%、q%`)
        let part = match subject {
            Some(subj) => self
                .sent
                .levels
                .iter()
                .rev()
                .copied()
                .find(|&l| self.out.items[l].subject == *subj),
            None => self
                .sent
                .levels
                .last()
                .copied()
                .filter(|&l| self.out.items[l].depth == self.depth),
        };
        let g = *self.sent.share_group.get_or_insert_with(|| {
            self.next_share_group += 1;
            self.next_share_group - 1
        });
        self.out.shares.push(ShareRel {
            share: idx,
            part,
            group: g,
            whole,
        });
    }

    /// A scoring figure fills the sentence's scoring statement: its weight, score or total,
    /// named by the sentence's text before the first scoring word.
    fn score_item(&mut self, s: &CharStream, idx: usize, sw: ScoreWord, ltoks: &[Tok], fs: usize) {
        let name_end = ltoks
            .iter()
            .find(|t| matches!(t.t, T::Word(Lex::Score(_))))
            .map(|t| t.a as usize)
            .unwrap_or(fs);
        let node = self.sent.node.get_or_insert_with(Default::default);
        if node.name.is_empty() && node.weight.is_none() && node.score.is_none() {
            // the name: the sentence's text before the first scoring word
            let from = self.sentence_start.max(self.clause_start).min(name_end);
            let nm = score_name(s.text(from, name_end));
            if !nm.is_empty() {
                node.name_span = Some(s.span(from, name_end));
            }
            node.name = nm;
            node.marker = self.sent.marker;
        }
        match sw {
            ScoreWord::Weight => {
                node.weight.get_or_insert(idx);
            }
            ScoreWord::Score => {
                node.score.get_or_insert(idx);
            }
            ScoreWord::Total => {
                node.total = true;
                node.score.get_or_insert(idx);
            }
            ScoreWord::TotalWeight => {
                node.total = true;
                node.weight.get_or_insert(idx);
            }
            ScoreWord::Grade => {}
        }
    }

    /// A level with its own subject, measure or period carries them to the figures after it
    /// in the sentence.
    fn carry_to_sentence(&mut self, idx: usize) {
        let it = &self.out.items[idx];
        if it.own_subject {
            self.sent.subject = it.subject.clone();
            self.sent.measure = it.measure;
        } else if it.measure.is_some() && self.sent.measure.is_none() {
            self.sent.measure = it.measure;
        }
        if it.own_period {
            self.sent.period = it.period;
        }
    }

    /// Coordinated figures share the role of the first, unless they state their own
    /// (`分别增加 a、减少 b`).
    fn coordinated_role(&mut self, role: Role, dir_span: Option<Span>) -> (Role, Option<Span>) {
        match self.coord_role {
            Some(r) if role == Role::Level => {
                let sp = if let Role::Change { .. } = r {
                    self.out.items.last().and_then(|it| it.dir_span)
                } else {
                    dir_span
                };
                (r, sp)
            }
            Some(_) => (role, dir_span),
            None => {
                self.coord_role = Some(role);
                (role, dir_span)
            }
        }
    }

    /// A level joins its list and composition, is one of the sentence's levels, and ends the
    /// comparison before it.
    fn level_item(&mut self, idx: usize) {
        self.list_item(idx);
        if self.composition.is_some() {
            self.composition_item(idx);
        }
        self.sent.levels.push(idx);
        if let Some(c) = self.sent.cmp.take() {
            self.push_cmp(c);
        }
    }

    // Long by design: builds an item from its label's parts in reading order; the parts
    // themselves are in role_of, label_words and subject_of.
    fn figure(&mut self, s: &CharStream, figs: &mut [Figure], toks: &[Tok], j: usize) {
        // the figure moves into its item; what stays behind keeps its span and unit (later
        // tokens compare spans) but not its text
        let fi = fig_of(toks[j]);
        let keep = figs[fi].clone_without_text();
        let f = std::mem::replace(&mut figs[fi], keep);
        let fs = f.chars.0;
        // the label: from the end of the token before it (the last figure, separator or list
        // word) to the figure
        let lstart = match self.label_from {
            k if k > 0 && k <= j => (toks[k - 1].b as usize).min(fs),
            _ => 0,
        };
        let ltoks = &toks[self.label_from.min(j)..j];
        let planned = self.coord.iter().find(|c| c.tok == j).cloned();

        // the role, from the words of the label nearest the figure
        let RoleRead {
            mut role,
            mut dir_span,
            mut whole,
            from_exceeds,
            depth,
        } = self.role_of(s, &f, toks, j, ltoks);
        if planned.is_some() {
            (role, dir_span) = self.coordinated_role(role, dir_span);
        }

        // period, measure, total words
        let LabelWords {
            mut period,
            mut measure,
            measures,
            total_word,
        } = label_words(ltoks);
        let raw_label = s.text(lstart, fs);
        let general_scope = names_general_scope(raw_label);
        let mut label = clean_label(raw_label);
        let mut subject = if from_exceeds {
            String::new()
        } else {
            subject_of(s, ltoks, lstart, fs)
        };
        if let Some(c) = &planned {
            if let Some(x) = &c.subject {
                label = x.clone();
                subject = x.clone();
            } else {
                // one period each, the subject printed once before them
                subject = String::new();
            }
            if let Some(p) = c.period {
                period = p;
            }
        }
        let mut own_subject = !subject.is_empty();
        let own_period = !period.is_empty();
        let is_levelish = matches!(role, Role::Level | Role::Prior);
        if !own_subject && matches!(role, Role::Level | Role::Prior | Role::Change { .. }) {
            subject = self.sent.subject.clone();
            own_subject = false;
            if measure.is_none() {
                measure = self.sent.measure;
            }
        }
        if !own_period && role == Role::Level {
            period = self.sent.period;
        }
        let item = Item {
            f,
            role,
            label,
            subject,
            own_subject,
            period,
            own_period,
            measure,
            measures,
            total_word,
            general_scope,
            sentence: u32::try_from(self.sentence_no).unwrap_or(u32::MAX),
            depth,
            dir_span,
        };
        let idx = self.out.items.len();
        crate::extract::push_frugal(&mut self.out.items, item);
        self.clause_has_fig = true;
        self.sent.any_fig = true;
        self.label_from = j + 1;

        if is_levelish && role == Role::Level {
            self.carry_to_sentence(idx);
        }
        match role {
            Role::Level => self.level_item(idx),
            Role::Prior => self.prior_item(idx),
            Role::Change { .. } => self.change(idx),
            Role::Share => {
                let subject = planned.as_ref().and_then(|c| c.subject.as_ref());
                self.share_item(idx, subject, std::mem::take(&mut whole));
            }
            Role::Rate(rw) => self.ratio(idx, rw),
            Role::Score(sw) => self.score_item(s, idx, sw, ltoks, fs),
            Role::NewLevel => {
                if let Some(c) = self.sent.cmp.take() {
                    self.push_cmp(c);
                }
            }
        }
        self.sent.first_clause = false;
    }

    fn last_level_same_dim(&self, idx: usize) -> Option<usize> {
        let it = &self.out.items[idx];
        self.sent.levels.iter().rev().copied().find(|&l| {
            let x = &self.out.items[l];
            x.depth == it.depth && x.f.unit.same_dimension(&it.f.unit)
        })
    }

    /// An unbracketed inner list inside an outer one: the item goes to the outer list (and the
    /// inner one is closed) when it is named like the outer list's items and not like the
    /// inner list's. Returns the index of the list the item goes to.
    fn list_for(&mut self, idx: usize, inner: usize, outer_list: Option<usize>) -> usize {
        let mut target = inner;
        if let Some(outer) = outer_list
            && !self.lists[inner].bracket
        {
            let suffix = |i: usize| -> String {
                let l = &self.out.items[i].label;
                let v: Vec<char> = l.chars().collect();
                v[v.len().saturating_sub(2)..].iter().collect()
            };
            let mine = suffix(idx);
            let first_of = |l: &List| -> Option<usize> {
                l.parts
                    .iter()
                    .flatten()
                    .copied()
                    .min()
                    .or(l.loose.first().copied())
            };
            let outer_like = first_of(&self.lists[outer]).is_some_and(|p| suffix(p) == mine);
            let inner_like = first_of(&self.lists[inner]).is_some_and(|p| suffix(p) == mine);
            if outer_like && !inner_like && mine.chars().count() == 2 {
                let l = self.lists.remove(inner);
                self.out.lists.push(l);
                target = outer - usize::from(outer > inner);
            }
        }
        target
    }

    /// Which of a list's heads an item belongs to: the only one unless the item states
    /// another year; of several (one per period), the one of the item's period.
    fn head_slot(&self, heads: &[usize], it: &Item) -> Option<usize> {
        if heads.len() == 1 {
            let h = &self.out.items[heads[0]];
            let clash = it.own_period
                && h.period.year.is_some()
                && it.period.year.is_some()
                && h.period.year != it.period.year;
            if clash { None } else { Some(0) }
        } else {
            heads
                .iter()
                .position(|&h| self.out.items[h].period == it.period && it.own_period)
                .or_else(|| {
                    heads
                        .iter()
                        .position(|&h| self.out.items[h].period == it.period)
                        .filter(|_| !it.period.is_empty())
                })
        }
    }

    /// A level amount joins the innermost open list of its depth when it fits.
    fn list_item(&mut self, idx: usize) {
        let it = &self.out.items[idx];
        if it.f.unit.is_percent() || matches!(it.f.unit, Unit::PercentPoint | Unit::PerMillePoint) {
            return;
        }
        let depth = it.depth;
        // (the lists of this depth, innermost first: no allocation, most items meet none)
        let mut cands = (0..self.lists.len())
            .rev()
            .filter(|&k| self.lists[k].depth == depth);
        let Some(inner) = cands.next() else {
            return;
        };
        let outer_list = cands.next();
        let target = self.list_for(idx, inner, outer_list);
        let it = &self.out.items[idx];
        let l = &self.lists[target];
        if l.awaiting && !self.sent.first_clause {
            return;
        }
        // a total ends every list of its depth; a bare number (a flattened table cell) ends
        // the list
        if it.total_word {
            let mut k = 0;
            while k < self.lists.len() {
                if self.lists[k].depth == depth {
                    let l = self.lists.remove(k);
                    self.out.lists.push(l);
                } else {
                    k += 1;
                }
            }
            return;
        }
        if it.label.is_empty() {
            let l = self.lists.remove(target);
            self.out.lists.push(l);
            return;
        }
        let heads = &l.heads;
        if heads.is_empty() {
            let l = &mut self.lists[target];
            l.awaiting = false;
            l.loose.push(idx);
            return;
        }
        let fits = |h: usize| {
            let hf = &self.out.items[h].f;
            hf.unit.same_dimension(&it.f.unit) || (hf.unit.is_money() && it.f.unit.is_money())
        };
        if !heads.iter().all(|&h| fits(h)) {
            if l.awaiting {
                let l = self.lists.remove(target);
                self.out.lists.push(l);
            } else if l.parts.iter().all(|p| p.is_empty()) {
                // a head of another dimension (`包括三大类。其中 A 1650万元…`) is not the
                // total of these items: the list has none
                let l = &mut self.lists[target];
                l.heads.clear();
                l.parts.clear();
                l.loose.push(idx);
            }
            return;
        }
        // the head this item belongs to: by period when the list has one head per period
        let slot = self.head_slot(heads, it);
        let l = &mut self.lists[target];
        l.awaiting = false;
        if let Some(k) = slot {
            l.parts[k].push(idx);
        }
    }

    /// A coordinated subject names its levels, wherever they were stated: the last two when
    /// they are of two ordered periods (current, prior), else the last after a comparison
    /// phrase (current only).
    fn coordinated_levels(&self, idx: usize, subject: &str) -> (Option<usize>, Option<usize>) {
        let items = &self.out.items;
        let mut same = items[..idx]
            .iter()
            .enumerate()
            .rev()
            .filter(|(_, x)| x.role == Role::Level && x.subject == subject)
            .map(|(i, _)| i);
        let (a, b) = (same.next(), same.next());
        if let (Some(a), Some(b)) = (a, b)
            && let Some(later) = items[a].period.later_than(&items[b].period)
        {
            return if later {
                (Some(a), Some(b))
            } else {
                (Some(b), Some(a))
            };
        }
        if self.sent.baseline.is_some() {
            (a, None)
        } else {
            (None, None)
        }
    }

    /// A change joins the comparison under way when it has room for it and names no other
    /// subject (`own_subject`); otherwise that comparison is closed. True when it joined.
    fn join_cmp(&mut self, idx: usize, rate: bool, own_subject: Option<&String>) -> bool {
        let Some(c) = self.sent.cmp.as_mut() else {
            return false;
        };
        let room = if rate {
            c.rate.is_none()
        } else {
            c.delta.is_none()
        };
        let same = own_subject.is_none_or(|s| *s == c.subject || c.subject.is_empty());
        if room && same {
            if rate {
                c.rate = Some(idx);
            } else {
                c.delta = Some(idx);
            }
            return true;
        }
        let c = self.sent.cmp.take().unwrap();
        self.push_cmp(c);
        false
    }

    // Long by design: binds a change to a comparison (coordinated, joined or new); the three
    // share the levels it looks up.
    fn change(&mut self, idx: usize) {
        let x = &self.out.items[idx];
        let Role::Change { rate, .. } = x.role else {
            return;
        };
        struct It {
            own_subject: bool,
            subject: String,
            depth: u8,
            unit: Unit,
        }
        let it = It {
            own_subject: x.own_subject,
            subject: x.subject.clone(),
            depth: x.depth,
            unit: x.f.unit.clone(),
        };
        let coordinated = it.own_subject && !self.coord.is_empty();
        if coordinated
            && let Some(c) = self
                .sent
                .coord_cmps
                .iter_mut()
                .find(|c| c.subject == it.subject)
        {
            if rate && c.rate.is_none() {
                c.rate = Some(idx);
            } else if !rate && c.delta.is_none() {
                c.delta = Some(idx);
            }
            return;
        }
        if !coordinated && self.join_cmp(idx, rate, it.own_subject.then_some(&it.subject)) {
            return;
        }
        let items = &self.out.items;
        let levels: Vec<usize> = self
            .sent
            .levels
            .iter()
            .copied()
            .filter(|&l| items[l].depth == it.depth)
            .collect();
        let (mut cur, mut prior) = (None, None);
        if coordinated {
            (cur, prior) = self.coordinated_levels(idx, &it.subject);
        } else if let Some(&last) = levels.last() {
            if let Some((a, b)) = period_pair(items, &levels, last) {
                (cur, prior) = (Some(a), Some(b));
            }
            if cur.is_none() && self.sent.baseline.is_some() {
                cur = Some(last);
                if self.sent.against_budget {
                    let Some(b) = budget_prior(items, &levels, last) else {
                        return;
                    };
                    prior = b;
                }
            }
        } else if self.sent.baseline.is_some()
            && self.sent.first_clause
            && let [one] = self.prev_levels.as_slice()
        {
            // a sentence opening with the change (`同比增长5%。`) compares the one amount of the
            // sentence before; deeper in a sentence, the clauses before name other items
            cur = Some(*one);
        }
        let Some(cur) = cur else {
            return;
        };
        if !rate && !items[cur].f.unit.same_dimension(&it.unit) {
            return;
        }
        let mut c = Cmp {
            current: Some(cur),
            prior,
            baseline: self.sent.baseline_text.clone(),
            against_budget: self.sent.against_budget,
            subject: items[cur].subject.clone(),
            ..Default::default()
        };
        if rate {
            c.rate = Some(idx);
        } else {
            c.delta = Some(idx);
        }
        if coordinated {
            // coordinated changes each make their own comparison
            self.sent.coord_cmps.push(c);
        } else {
            self.sent.cmp = Some(c);
        }
    }

    fn push_cmp(&mut self, c: Cmp) {
        if (c.current.is_some() || c.prior.is_some()) && (c.delta.is_some() || c.rate.is_some()) {
            self.out.comparisons.push(c);
        }
    }

    /// A rate in prose: the amounts of its sentence whose measures are its numerator's and
    /// its denominator's, each unambiguous.
    fn ratio(&mut self, idx: usize, rw: &'static RateWord) {
        let items = &self.out.items;
        let pick = |ms: &[Measure]| -> Option<usize> {
            let c: Vec<usize> = self
                .sent
                .levels
                .iter()
                .copied()
                .filter(|&l| {
                    items[l].measure.is_some_and(|m| ms.contains(&m)) && items[l].f.unit.is_money()
                })
                .collect();
            let last = *c.last()?;
            let li = items[last].f.interval()?;
            // every candidate must state the same amount
            c.iter()
                .all(|&x| items[x].f.interval().is_some_and(|iv| iv.meets(li)))
                .then_some(last)
        };
        let (Some(num), Some(den)) = (pick(rw.num), pick(rw.den)) else {
            // a completion of the budget whose budget the sentence gives only as a
            // difference (`完成年初预算100%，决算数大于预算数55.93万元`)
            if let (Some(num), None) = (pick(rw.num), pick(rw.den))
                && rw.den.contains(&Measure::Budget)
            {
                self.sent.open_rates.push((idx, num));
            }
            return;
        };
        if num == den {
            return;
        }
        let (a, b) = (&items[num], &items[den]);
        if a.own_subject && b.own_subject && a.subject != b.subject {
            return;
        }
        self.out.ratios.push(RatioRel {
            rate: idx,
            num,
            den,
        });
    }
}

fn fig_of(t: Tok) -> usize {
    match t.t {
        T::Fig(k) => k as usize,
        _ => usize::MAX,
    }
}

/// The current and prior of the levels ending with `last` when they are of two ordered
/// periods (`2024年…，2023年…`, `本年…，上年…`).
fn period_pair(items: &[Item], levels: &[usize], last: usize) -> Option<(usize, usize)> {
    let set = period_set(items, levels, last);
    let [a, b] = set[..] else { return None };
    match items[a].period.later_than(&items[b].period)? {
        true => Some((a, b)),
        false => Some((b, a)),
    }
}

/// Against the budget, with `last` the current: the one budget level of `levels` with its
/// subject (`Some(None)` when there is none or more than one); `None` when `last` is itself a
/// budget (a budget compared with the budget is not read).
fn budget_prior(items: &[Item], levels: &[usize], last: usize) -> Option<Option<usize>> {
    if items[last].measure == Some(Measure::Budget) {
        return None;
    }
    let mut budgets = levels.iter().copied().filter(|&l| {
        l != last
            && items[l].measure == Some(Measure::Budget)
            && items[l].subject == items[last].subject
    });
    Some(match (budgets.next(), budgets.next()) {
        (Some(b), None) => Some(b),
        _ => None,
    })
}

/// Where the object starts when the comparison word at `j` (`相比`, `对比`, `相较`) closes an
/// object that is the budget of the period (`与预算相比`, `与2021年度预算数相比`, `和年初预算对比`): between `与`
/// (`和`, `同`, `跟`) and the word only a year, 本年 / 年初 / 调整后, the budget measure and the
/// fillers 数 度 的 全年. Any other word (`上年`, a subject, a figure) makes it another comparison.
fn budget_object(s: &CharStream, toks: &[Tok], j: usize) -> Option<usize> {
    if !matches!(
        s.text(toks[j].a as usize, toks[j].b as usize),
        "相比" | "对比" | "相较"
    ) {
        return None;
    }
    let filler = |c: char| c.is_whitespace() || "数度的全年".contains(c);
    // the opening word right before `end`, past fillers: the object's first character
    let opened = |end: usize| -> Option<usize> {
        let mut k = end;
        while k > 0 && filler(s.at(k - 1)) {
            k -= 1;
        }
        (k > 0 && matches!(s.at(k - 1), '与' | '和' | '同' | '跟')).then_some(k - 1)
    };
    let mut budget = false;
    let mut end = toks[j].a as usize;
    for t in toks[..j].iter().rev() {
        // the gap between this token and the object so far: fillers only
        if !s.text(t.b as usize, end).chars().all(filler) {
            return opened(end).filter(|_| budget);
        }
        match t.t {
            T::Year(_)
            | T::Word(Lex::Period(PeriodWord::This | PeriodWord::Initial | PeriodWord::Adjusted)) =>
                {}
            T::Word(Lex::Measure(Measure::Budget)) => budget = true,
            _ => return None,
        }
        end = t.a as usize;
    }
    opened(end).filter(|_| budget)
}

fn skip_spaces(s: &CharStream, mut i: u32) -> u32 {
    while (i as usize) < s.len() && s.at(i as usize) == ' ' {
        i += 1;
    }
    i
}

fn next_fig_in_clause(toks: &[Tok], j: usize) -> Option<usize> {
    toks[j + 1..]
        .iter()
        .position(|t| matches!(t.t, T::Fig(_) | T::Sep(_)))
        .map(|p| p + j + 1)
        .filter(|&k| matches!(toks[k].t, T::Fig(_)))
}

/// The levels ending with `last` (in `levels`) that name the same subject and measure in
/// distinct, ordered periods: one head per period. Just `[last]` otherwise.
fn period_set(items: &[Item], levels: &[usize], last: usize) -> Vec<usize> {
    let l = &items[last];
    let mut set = vec![last];
    for &i in levels.iter().rev().skip_while(|&&i| i != last).skip(1) {
        let x = &items[i];
        if x.subject != l.subject || x.measure != l.measure || !x.f.unit.same_dimension(&l.f.unit) {
            break;
        }
        if set.iter().any(|&k| items[k].period == x.period) {
            break;
        }
        if set
            .iter()
            .all(|&k| items[k].period.later_than(&x.period).is_some())
        {
            set.push(i);
        } else {
            break;
        }
    }
    set.reverse();
    set
}

/// The label as printed: trimmed, without list words before it and copulas after it.
pub(crate) fn clean_label(item: &str) -> String {
    const HEADS: &[&str] = &[
        "其中",
        "包括",
        "主要包括",
        "分别为",
        "分别是",
        "为",
        "是",
        "共计",
        "共",
        "合计",
        "达到",
        "达",
        ":",
        ",",
        "、",
    ];
    let mut t = item.trim();
    // (only when the first character can start one of the words)
    while let Some(c) = t.chars().next()
        && matches!(
            c,
            '其' | '包' | '主' | '分' | '为' | '是' | '共' | '合' | '达' | ':' | ',' | '、'
        )
    {
        let before = t;
        for p in HEADS {
            if let Some(r) = t.strip_prefix(p) {
                t = r.trim();
            }
        }
        if t == before {
            break;
        }
    }
    let t = t.trim_end_matches(|c: char| {
        matches!(
            c,
            ' ' | '为' | '是' | '达' | '约' | '近' | '共' | ':' | '(' | '（'
        )
    });
    let mut t = t;
    for w in ["共计", "合计", "达到", "累计"] {
        while let Some(r) = t.strip_suffix(w) {
            t = r.trim_end();
        }
    }
    // a colon inside the label (`会议费支出情况：当年开支`) is printed full-width again
    let t = t.trim();
    // (a label of signs only — `+`, `/` of OCR noise — is no label)
    if !t.chars().any(char::is_alphabetic) {
        return String::new();
    }
    if t.contains(':') {
        t.replace(':', "：")
    } else {
        t.to_string()
    }
}

/// The subject of a label: its text outside every recognised word, fillers dropped.
fn subject_of(s: &CharStream, ltoks: &[Tok], lstart: usize, fs: usize) -> String {
    let mut out = String::with_capacity(s.text(lstart, fs).len());
    let mut pos = lstart;
    let push = |a: usize, b: usize, out: &mut String| {
        for c in s.text(a, b).chars() {
            if crate::source::is_plain_ideograph(c)
                || !c.is_whitespace()
                    && !c.is_ascii_digit()
                    && !matches!(c, ':' | '"' | '“' | '”' | '.')
            {
                out.push(c);
            }
        }
    };
    for t in ltoks {
        let (a, b) = (t.a as usize, t.b as usize);
        if a < pos {
            continue;
        }
        push(pos, a.min(fs), &mut out);
        pos = b;
    }
    if pos < fs {
        push(pos, fs, &mut out);
    }
    strip_fillers(&out)
}

fn strip_fillers(t: &str) -> String {
    const DATES: &[&str] = &["月底", "月末", "年底", "年末", "月份", "月", "日"];
    // the first and last characters of the words (only words that can match are tried)
    static ENDS: std::sync::OnceLock<(Vec<char>, Vec<char>)> = std::sync::OnceLock::new();
    let (firsts, lasts) = ENDS.get_or_init(|| {
        let mut f: Vec<char> = FILLERS
            .iter()
            .chain(DATES)
            .filter_map(|w| w.chars().next())
            .collect();
        let mut l: Vec<char> = FILLERS.iter().filter_map(|w| w.chars().last()).collect();
        f.sort_unstable();
        f.dedup();
        l.sort_unstable();
        l.dedup();
        (f, l)
    });
    let mut t = t;
    loop {
        let before = t;
        if t.chars()
            .next()
            .is_some_and(|c| firsts.binary_search(&c).is_ok())
        {
            for w in FILLERS.iter().chain(DATES) {
                if let Some(r) = t.strip_prefix(w) {
                    t = r;
                }
            }
        }
        if t.chars()
            .next_back()
            .is_some_and(|c| lasts.binary_search(&c).is_ok())
        {
            for w in FILLERS {
                if let Some(r) = t.strip_suffix(w) {
                    t = r;
                }
            }
        }
        if t == before {
            break;
        }
    }
    t.to_string()
}

/// Short coordinated stems sharing the head after the last one: `收、支总计` → 收入总计、
/// 支出总计 (the abbreviations spelled out).
fn share_tail(subjects: &mut [String]) {
    let Some(last) = subjects.last().cloned() else {
        return;
    };
    let first_len = subjects[0].chars().count();
    let last_len = last.chars().count();
    if !(subjects[..subjects.len() - 1]
        .iter()
        .all(|x| x.chars().count() == first_len)
        && first_len <= 2
        && last_len > first_len)
    {
        return;
    }
    let tail: String = last.chars().skip(first_len).collect();
    for x in subjects.iter_mut() {
        let stem: String = x.chars().take(first_len).collect();
        let stem = ABBREVIATIONS
            .iter()
            .find(|(a, _)| *a == stem)
            .map(|(_, full)| full.to_string())
            .unwrap_or(stem);
        *x = format!("{stem}{tail}");
    }
}

/// A topic before a colon without the words that make it a heading (`会议费情况` → 会议费).
fn strip_topic(t: &str) -> String {
    let mut t = t;
    for w in [
        "总体情况",
        "基本情况",
        "完成情况",
        "使用情况",
        "情况",
        "说明",
        "概况",
    ] {
        if let Some(r) = t.strip_suffix(w) {
            t = r;
            break;
        }
    }
    t.to_string()
}

/// The whole a share names: `占基本支出预算的` → `基本支出预算`.
fn share_whole(t: &str) -> String {
    let w = t.trim();
    let w = w.trim_end_matches(|c: char| {
        c == ' ' || c == '为' || c == '的' || c == '达' || c == '约' || c == ':'
    });
    let w = w
        .trim_end_matches("比重")
        .trim_end_matches("比例")
        .trim_end_matches("的");
    w.trim().replace(' ', "")
}

/// The name of a scored item: `2. 效益指标完成情况` → `效益指标`.
fn score_name(t: &str) -> String {
    let mut n: String = t
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, ':' | ',' | '(' | ')' | '"' | '“' | '”'))
        .collect();
    loop {
        let before = n.clone();
        for w in super::lexicon::SCORE_NAME_TAILS {
            if let Some(r) = n.strip_suffix(w) {
                n = r.to_string();
            }
        }
        for w in ["的", "为", "其"] {
            if n.len() > w.len()
                && let Some(r) = n.strip_suffix(w)
            {
                n = r.to_string();
            }
        }
        if n == before {
            break;
        }
    }
    if GENERIC_SCORE_NAMES.contains(&n.as_str()) || n.starts_with("经") {
        return String::new();
    }
    n
}
