//! The narrative vocabulary as data: every word the reader recognises, with its role. A new
//! phrasing should mostly be a new row here, not a new branch in the reader.
//!
//! Words are matched on the folded stream (simplified characters, half-width punctuation),
//! longest first at each position.

use crate::facts::Direction;

/// A reporting period (or budget stage) a figure is tied to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum PeriodWord {
    /// 本年, 当年, 今年, 本期.
    This,
    /// 上年, 去年, 上年同期, 同期.
    Prev,
    /// 年初 (the budget as first approved).
    Initial,
    /// 调整后 (the budget after adjustment).
    Adjusted,
}

/// What an amount measures: the budget, what was spent, what arrived …
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Measure {
    /// 预算, 安排, 下达, 批复, 核定, 计划.
    Budget,
    /// 执行, 支出, 决算, 使用.
    Spent,
    /// 拨付, 支付.
    Paid,
    /// 到位.
    Arrived,
    /// 收入.
    Revenue,
    /// 结余, 结转.
    Balance,
}

/// A rate stated in prose, with the measures of its numerator and denominator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RateWord {
    /// The rate's name as a key (`执行率`).
    pub name: &'static str,
    /// Measures the numerator may have.
    pub num: &'static [Measure],
    /// Measures the denominator may have.
    pub den: &'static [Measure],
}

/// How a list head relates its items to the total before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ListWord {
    /// 其中, 包括, 含: a subset, the items must not exceed the total.
    Partial,
    /// 分别为, 由…组成: the items make up the total.
    Complete,
    /// 为 right after a separator and a level amount (`124.23万元,为 A 25万元, B 100万元`).
    Apposition,
}

/// Words of scoring statements.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ScoreWord {
    /// 分值, 权重, 满分.
    Weight,
    /// 得分, 自评得分, 评分.
    Score,
    /// 总分, 综合得分: the score of the whole evaluation.
    Total,
    /// 总分值: the weight of the whole evaluation.
    TotalWeight,
    /// 等级, 评价等级.
    Grade,
}

/// The role of a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lex {
    /// A period or stage.
    Period(PeriodWord),
    /// A measure.
    Measure(Measure),
    /// A comparison head (比, 较, 对比, 同比 …); `比` and `较` need a period after them.
    Compare,
    /// A bare comparison preposition that needs a period after it (`比上年`, `较2022年`).
    CompareNeedsPeriod,
    /// A change word; `rate` for words naming the rate itself (增长率, 降幅).
    Change { dir: Direction, rate: bool },
    /// A one-character change word, a change only right before a figure (`同比增21500元`).
    ChangeShort(Direction),
    /// A list head.
    List(ListWord),
    /// 各 / 分别: the figures that follow distribute over the coordinated subjects before.
    Coord,
    /// A share word (占, 占比, 比重).
    Share,
    /// A rate word (执行率 …).
    Rate(&'static RateWord),
    /// A scoring word.
    Score(ScoreWord),
    /// A total word (合计, 总计, 共计).
    Total,
    /// A word that ends a list (此外, 另外).
    Stop,
    /// The closing word of a `由…组成` list.
    Compose,
    /// A statement that an amount is zero or did not occur (`为零`, `未发生`).
    Zero,
}

use Measure::*;

/// 执行率 and its synonyms: spent (or paid) ÷ budget.
const EXEC: RateWord = RateWord {
    name: "执行率",
    num: &[Spent, Paid],
    den: &[Budget],
};
/// 支付率: paid ÷ budget (or what arrived).
const PAY: RateWord = RateWord {
    name: "支付率",
    num: &[Paid, Spent],
    den: &[Budget, Arrived],
};
/// 到位率: arrived ÷ budget.
const ARRIVE: RateWord = RateWord {
    name: "到位率",
    num: &[Arrived],
    den: &[Budget],
};
/// 使用率: used ÷ budget (or what arrived).
const USE: RateWord = RateWord {
    name: "使用率",
    num: &[Spent, Paid],
    den: &[Budget, Arrived],
};

/// Every word, with its role. Order does not matter: the index sorts longest first.
pub(crate) const WORDS: &[(&str, Lex)] = &[
    // periods
    ("本年度", Lex::Period(PeriodWord::This)),
    ("本年", Lex::Period(PeriodWord::This)),
    ("当年", Lex::Period(PeriodWord::This)),
    ("今年", Lex::Period(PeriodWord::This)),
    ("本期", Lex::Period(PeriodWord::This)),
    ("上年度", Lex::Period(PeriodWord::Prev)),
    ("上年同期", Lex::Period(PeriodWord::Prev)),
    ("上一年度", Lex::Period(PeriodWord::Prev)),
    ("上一年", Lex::Period(PeriodWord::Prev)),
    ("上年", Lex::Period(PeriodWord::Prev)),
    ("去年", Lex::Period(PeriodWord::Prev)),
    ("上期", Lex::Period(PeriodWord::Prev)),
    ("同期", Lex::Period(PeriodWord::Prev)),
    ("年初", Lex::Period(PeriodWord::Initial)),
    ("调整后", Lex::Period(PeriodWord::Adjusted)),
    // measures
    ("预算", Lex::Measure(Budget)),
    ("安排", Lex::Measure(Budget)),
    ("下达", Lex::Measure(Budget)),
    ("批复", Lex::Measure(Budget)),
    ("核定", Lex::Measure(Budget)),
    ("可用", Lex::Measure(Budget)),
    ("执行数", Lex::Measure(Spent)),
    ("执行", Lex::Measure(Spent)),
    ("支出", Lex::Measure(Spent)),
    ("开支", Lex::Measure(Spent)),
    ("决算", Lex::Measure(Spent)),
    ("使用", Lex::Measure(Spent)),
    ("拨付", Lex::Measure(Paid)),
    ("支付", Lex::Measure(Paid)),
    ("到位", Lex::Measure(Arrived)),
    ("到账", Lex::Measure(Arrived)),
    ("收入", Lex::Measure(Revenue)),
    ("结余", Lex::Measure(Balance)),
    ("结转", Lex::Measure(Balance)),
    // comparison heads
    ("与上年相比", Lex::Compare),
    ("相比", Lex::Compare),
    ("对比", Lex::Compare),
    ("同比", Lex::Compare),
    ("环比", Lex::Compare),
    ("相较", Lex::Compare),
    ("比", Lex::CompareNeedsPeriod),
    ("较", Lex::CompareNeedsPeriod),
    // changes
    (
        "增加",
        Lex::Change {
            dir: Direction::Up,
            rate: false,
        },
    ),
    (
        "增长",
        Lex::Change {
            dir: Direction::Up,
            rate: false,
        },
    ),
    (
        "上升",
        Lex::Change {
            dir: Direction::Up,
            rate: false,
        },
    ),
    (
        "提高",
        Lex::Change {
            dir: Direction::Up,
            rate: false,
        },
    ),
    (
        "提升",
        Lex::Change {
            dir: Direction::Up,
            rate: false,
        },
    ),
    (
        "增多",
        Lex::Change {
            dir: Direction::Up,
            rate: false,
        },
    ),
    (
        "上涨",
        Lex::Change {
            dir: Direction::Up,
            rate: false,
        },
    ),
    (
        "增支",
        Lex::Change {
            dir: Direction::Up,
            rate: false,
        },
    ),
    (
        "减少",
        Lex::Change {
            dir: Direction::Down,
            rate: false,
        },
    ),
    (
        "下降",
        Lex::Change {
            dir: Direction::Down,
            rate: false,
        },
    ),
    (
        "降低",
        Lex::Change {
            dir: Direction::Down,
            rate: false,
        },
    ),
    (
        "下滑",
        Lex::Change {
            dir: Direction::Down,
            rate: false,
        },
    ),
    (
        "回落",
        Lex::Change {
            dir: Direction::Down,
            rate: false,
        },
    ),
    (
        "缩减",
        Lex::Change {
            dir: Direction::Down,
            rate: false,
        },
    ),
    (
        "压减",
        Lex::Change {
            dir: Direction::Down,
            rate: false,
        },
    ),
    (
        "减支",
        Lex::Change {
            dir: Direction::Down,
            rate: false,
        },
    ),
    (
        "持平",
        Lex::Change {
            dir: Direction::Flat,
            rate: false,
        },
    ),
    (
        "无变化",
        Lex::Change {
            dir: Direction::Flat,
            rate: false,
        },
    ),
    (
        "无增减",
        Lex::Change {
            dir: Direction::Flat,
            rate: false,
        },
    ),
    (
        "没有变化",
        Lex::Change {
            dir: Direction::Flat,
            rate: false,
        },
    ),
    (
        "增长率",
        Lex::Change {
            dir: Direction::Up,
            rate: true,
        },
    ),
    (
        "增长幅度",
        Lex::Change {
            dir: Direction::Up,
            rate: true,
        },
    ),
    (
        "增幅",
        Lex::Change {
            dir: Direction::Up,
            rate: true,
        },
    ),
    (
        "增加率",
        Lex::Change {
            dir: Direction::Up,
            rate: true,
        },
    ),
    (
        "减少率",
        Lex::Change {
            dir: Direction::Down,
            rate: true,
        },
    ),
    (
        "下降率",
        Lex::Change {
            dir: Direction::Down,
            rate: true,
        },
    ),
    (
        "下降幅度",
        Lex::Change {
            dir: Direction::Down,
            rate: true,
        },
    ),
    (
        "降幅",
        Lex::Change {
            dir: Direction::Down,
            rate: true,
        },
    ),
    (
        "减幅",
        Lex::Change {
            dir: Direction::Down,
            rate: true,
        },
    ),
    (
        "降低率",
        Lex::Change {
            dir: Direction::Down,
            rate: true,
        },
    ),
    ("增", Lex::ChangeShort(Direction::Up)),
    ("多", Lex::ChangeShort(Direction::Up)),
    ("减", Lex::ChangeShort(Direction::Down)),
    ("降", Lex::ChangeShort(Direction::Down)),
    ("少", Lex::ChangeShort(Direction::Down)),
    // list heads
    ("其中", Lex::List(ListWord::Partial)),
    ("包括", Lex::List(ListWord::Partial)),
    ("主要包括", Lex::List(ListWord::Partial)),
    ("包含", Lex::List(ListWord::Partial)),
    ("含", Lex::List(ListWord::Partial)),
    ("主要用于", Lex::List(ListWord::Partial)),
    ("分别为", Lex::List(ListWord::Complete)),
    ("分别是", Lex::List(ListWord::Complete)),
    ("由", Lex::List(ListWord::Complete)),
    ("为", Lex::List(ListWord::Apposition)),
    ("为零", Lex::Zero),
    ("为0", Lex::Zero),
    ("为 0", Lex::Zero),
    ("没有", Lex::Zero),
    ("未发生", Lex::Zero),
    ("组成", Lex::Compose),
    ("构成", Lex::Compose),
    // coordination
    ("各", Lex::Coord),
    ("分别", Lex::Coord),
    // shares
    ("占", Lex::Share),
    ("占比", Lex::Share),
    ("比重", Lex::Share),
    ("所占比例", Lex::Share),
    // rates
    ("执行率", Lex::Rate(&EXEC)),
    ("预算执行率", Lex::Rate(&EXEC)),
    ("资金执行率", Lex::Rate(&EXEC)),
    ("支出率", Lex::Rate(&EXEC)),
    ("支付率", Lex::Rate(&PAY)),
    ("拨付率", Lex::Rate(&PAY)),
    ("到位率", Lex::Rate(&ARRIVE)),
    ("使用率", Lex::Rate(&USE)),
    ("预算完成率", Lex::Rate(&EXEC)),
    ("完成预算", Lex::Rate(&EXEC)),
    ("完成年初预算", Lex::Rate(&EXEC)),
    ("完成全年预算", Lex::Rate(&EXEC)),
    ("完成调整后预算", Lex::Rate(&EXEC)),
    // scoring
    ("分值", Lex::Score(ScoreWord::Weight)),
    ("权重", Lex::Score(ScoreWord::Weight)),
    ("满分", Lex::Score(ScoreWord::Weight)),
    ("得分", Lex::Score(ScoreWord::Score)),
    ("自评得分", Lex::Score(ScoreWord::Score)),
    ("评分", Lex::Score(ScoreWord::Score)),
    ("实际得分", Lex::Score(ScoreWord::Score)),
    ("总分", Lex::Score(ScoreWord::Total)),
    ("总分值", Lex::Score(ScoreWord::TotalWeight)),
    ("自评总分值", Lex::Score(ScoreWord::TotalWeight)),
    ("自评总分", Lex::Score(ScoreWord::Total)),
    ("综合得分", Lex::Score(ScoreWord::Total)),
    ("综合评分", Lex::Score(ScoreWord::Total)),
    ("总得分", Lex::Score(ScoreWord::Total)),
    ("等级", Lex::Score(ScoreWord::Grade)),
    // totals
    ("合计", Lex::Total),
    ("总计", Lex::Total),
    ("共计", Lex::Total),
    ("总额", Lex::Total),
    ("累计", Lex::Total),
    // list stops
    ("此外", Lex::Stop),
    ("另外", Lex::Stop),
    ("另有", Lex::Stop),
];

/// Budget concepts a clause may name a whole by (`“三公”经费支出决算中，…`).
pub(crate) const CONCEPT_NAMES: &[&str] = &[
    "三公",
    "基本支出",
    "项目支出",
    "人员经费",
    "公用经费",
    "财政拨款",
    "机关运行经费",
];

/// The words of [`Lex::Zero`].
pub(crate) const ZERO_WORDS: &[&str] = &["为零", "为0", "为 0", "没有", "未发生"];

/// Single characters that abbreviate a word when coordinated (`收、支总计` = 收入总计, 支出总计).
pub(crate) const ABBREVIATIONS: &[(&str, &str)] = &[("收", "收入"), ("支", "支出")];

/// Words dropped from a label when it is reduced to its subject: copulas, fillers and the
/// verbs that introduce an amount.
pub(crate) const FILLERS: &[&str] = &[
    "本单位",
    "本部门",
    "我单位",
    "我部门",
    "本局",
    "我局",
    "单位",
    "部门",
    "共计",
    "合计",
    "总计",
    "达到",
    "共",
    "为",
    "是",
    "达",
    "计",
    "约",
    "近",
    "已",
    "实际",
    "全年",
    "年度",
    "度",
    "截至",
    "截止",
    "的",
    "了",
    "全部",
    "金额",
    "资金",
    "经费",
    "数",
];

/// Words that name the general public budget, the scope most reports speak of when they say
/// no other (`一般公共预算基本支出` and `基本支出预算` are the same key figure when the report
/// names no other fund).
pub(crate) const GENERAL_SCOPE: &[&str] = &["一般公共预算", "一般公共财政预算", "公共财政预算"];

/// Names of other fund scopes: a report that names one of them keeps scopes apart.
pub(crate) const OTHER_SCOPES: &[&str] = &["政府性基金", "国有资本经营", "财政专户", "社保基金"];

/// Endings of a score statement's subject that are not part of the indicator's name.
pub(crate) const SCORE_NAME_TAILS: &[&str] = &[
    "绩效目标",
    "完成情况",
    "实现情况",
    "执行情况",
    "得分情况",
    "评价情况",
    "情况",
    "方面",
    "自评",
];

/// Words before a flat claim that make it approximate (`基本持平`): such a claim is not checked.
pub(crate) const APPROXIMATE_FLAT: &[&str] = &["基本", "大致", "大体", "总体", "略有", "相对"];

/// Words stating that one measure exceeds or falls below another by an amount, read only
/// between a spending measure and the budget (`决算数大于预算数55.93万元`, `实际支出低于预算12万元`):
/// a change against the budget. (Not tokens: their first characters are too common to test at
/// every position; the reader looks at the text between the two measure words.)
pub(crate) const EXCEEDS: &[(&str, Direction)] = &[
    ("大于", Direction::Up),
    ("高于", Direction::Up),
    ("超过", Direction::Up),
    ("超出", Direction::Up),
    ("多于", Direction::Up),
    ("小于", Direction::Down),
    ("低于", Direction::Down),
    ("少于", Direction::Down),
];

/// A named identity: a total and the components that make it up (spec/rule-catalog.md). A
/// list under such a total that names every component is complete.
pub(crate) struct Identity {
    pub name: &'static str,
    /// Words one of which the total's label contains.
    pub total: &'static [&'static str],
    /// Components: each is a list of words one of which a part's label contains.
    pub parts: &'static [&'static [&'static str]],
    /// Components that may be listed but need not be.
    pub optional: &'static [&'static [&'static str]],
    /// Reports state the components one by one, each in a sentence or section of its own,
    /// after the total (`一、因公出国(境)经费 … 二、公务接待费 …`): the components are budget
    /// lines named by their own names, so the identity may be assembled across sentences.
    pub spread: bool,
}

/// The identities that make a breakdown complete.
pub(crate) const IDENTITIES: &[Identity] = &[
    Identity {
        name: "三公经费",
        total: &["三公"],
        parts: &[&["出国"], &["车"], &["接待"]],
        spread: true,
        optional: &[],
    },
    Identity {
        name: "公务用车购置及运行费",
        total: &[
            "公务用车购置及运行",
            "公务用车购置和运行",
            "公务用车购置及维护",
            "公务用车购置和维护",
        ],
        parts: &[&["购置"], &["运行", "维护"]],
        spread: true,
        optional: &[],
    },
    Identity {
        name: "本年支出合计",
        total: &["支出合计", "本年支出", "支出总额", "支出预算"],
        parts: &[&["基本支出"], &["项目支出"]],
        spread: false,
        optional: &[&["上缴上级"], &["经营支出"], &["对附属单位补助"]],
    },
    Identity {
        name: "基本支出",
        total: &["基本支出"],
        parts: &[&["人员经费"], &["公用经费"]],
        spread: false,
        optional: &[],
    },
    Identity {
        name: "收入总计",
        total: &["收入总计"],
        parts: &[&["本年收入"], &["年初结转", "结转和结余"]],
        spread: false,
        optional: &[&["非财政拨款结余", "事业基金"]],
    },
    Identity {
        name: "调整后预算",
        total: &["预算"],
        parts: &[&["年初预算"], &["调整追加", "追加", "调增"]],
        spread: false,
        optional: &[],
    },
];

/// The index of [`WORDS`]: (first character, word index), sorted by character and, within a
/// character, longest word first; a bitmap of the characters a token can start with (the
/// tokenizer asks for every character: most are plain text and are let through by one bit
/// test); and a small hash table from a first character to its run of `keys` (small enough
/// to stay in the first-level cache).
pub(crate) struct Index {
    keys: Vec<(char, u16)>,
    /// Open-addressed: (character, start, end) of its run of `keys`; `'\0'` for free slots.
    table: Vec<(char, u16, u16)>,
    /// One bit per CJK character: set for first characters of words and numeral characters.
    starts: Vec<u64>,
}

const TABLE: usize = 512;

#[inline(always)]
fn slot_of(c: char) -> usize {
    ((c as u32).wrapping_mul(2_654_435_761) >> 23) as usize & (TABLE - 1)
}

impl Index {
    fn build() -> Self {
        let mut keys: Vec<(char, u16)> = WORDS
            .iter()
            .enumerate()
            .filter_map(|(i, (w, _))| w.chars().next().map(|c| (c, i as u16)))
            .collect();
        keys.sort_by(|a, b| {
            a.0.cmp(&b.0).then_with(|| {
                let la = WORDS[a.1 as usize].0.chars().count();
                let lb = WORDS[b.1 as usize].0.chars().count();
                lb.cmp(&la)
            })
        });
        let mut table = vec![('\0', 0u16, 0u16); TABLE];
        let mut i = 0;
        while i < keys.len() {
            let c = keys[i].0;
            let mut j = i;
            while j < keys.len() && keys[j].0 == c {
                j += 1;
            }
            let mut k = slot_of(c);
            while table[k].0 != '\0' {
                k = (k + 1) & (TABLE - 1);
            }
            table[k] = (c, i as u16, j as u16);
            i = j;
        }
        let mut starts = vec![0u64; 0x5200 / 64 + 1];
        let mut set = |c: char| {
            let k = (c as u32).wrapping_sub(0x4E00) as usize;
            if k < 0x5200 {
                starts[k / 64] |= 1 << (k % 64);
            }
        };
        for &(c, _) in &keys {
            set(c);
        }
        for c in crate::source::NUMERAL_CHARS.chars() {
            set(c);
        }
        Index {
            keys,
            table,
            starts,
        }
    }

    /// True for a CJK character that starts no token (most of a text); without a branch,
    /// for the pass over every character.
    #[inline(always)]
    pub(crate) fn is_plain_branchless(&self, c: char) -> bool {
        let k = (c as u32).wrapping_sub(0x4E00) as usize;
        let inside = k < 0x5200;
        let kk = if inside { k } else { 0 };
        inside & (self.starts[kk / 64] & (1 << (kk % 64)) == 0)
    }

    /// Indices into [`WORDS`] of the words starting with `c`, longest first.
    #[inline]
    pub(crate) fn starting_with(&self, c: char) -> &[(char, u16)] {
        let mut k = slot_of(c);
        loop {
            let (x, a, b) = self.table[k];
            if x == c {
                return &self.keys[a as usize..b as usize];
            }
            if x == '\0' {
                return &[];
            }
            k = (k + 1) & (TABLE - 1);
        }
    }
}

/// The word index, built once.
pub(crate) fn index() -> &'static Index {
    static I: std::sync::OnceLock<Index> = std::sync::OnceLock::new();
    I.get_or_init(Index::build)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_is_longest_first_and_complete() {
        let ix = index();
        let w: Vec<&str> = ix
            .starting_with('增')
            .iter()
            .map(|&(_, i)| WORDS[i as usize].0)
            .collect();
        assert_eq!(w.first(), Some(&"增长幅度"));
        assert_eq!(w.last(), Some(&"增"));
        for (word, _) in WORDS {
            let c = word.chars().next().unwrap();
            assert!(
                ix.starting_with(c)
                    .iter()
                    .any(|&(_, i)| WORDS[i as usize].0 == *word),
                "{word}"
            );
        }
        assert!(ix.starting_with('a').is_empty());
    }

    #[test]
    fn no_word_twice() {
        let mut seen = std::collections::HashSet::new();
        for (w, _) in WORDS {
            assert!(seen.insert(*w), "{w} twice");
        }
    }
}
