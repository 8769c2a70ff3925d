//! The character stream of a paragraph as typed tokens: figures, years, lexicon words,
//! separators, brackets and heading / list markers. Text that is none of these is not a
//! token; labels are read from the stream between tokens.

use super::lexicon::{Index, Lex, WORDS, index};
use crate::figure::{Figure, parse_chinese_numeral};
use crate::source::{CharStream, is_cjk, is_numeral_char};

/// Numbering styles of headings and list items, in the order official documents nest them
/// (一、 › （一） › 1. › （1） › ①).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Style {
    /// 一、
    Han,
    /// （一）
    ParenHan,
    /// 1. / 1、
    Digit,
    /// （1）
    ParenDigit,
    /// ①
    Circled,
}

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum T {
    /// A figure (index into the paragraph's figures).
    Fig(u32),
    /// A year (`2023年`, `2023年度`).
    Year(i32),
    /// A lexicon word.
    Word(Lex),
    /// A separator: `,` `;` `:` `、` or `。` (for every sentence end).
    Sep(char),
    /// An opening bracket.
    Open,
    /// A closing bracket.
    Close,
    /// A heading or list marker with its number.
    Marker(Style, u16),
}

/// A token and its character range in the stream.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    pub t: T,
    pub a: u32,
    pub b: u32,
}

/// The last number seen of each marker style (a marker glued to the text before it counts
/// only when it continues a numbering: `…教学秩序二、资金管理` after `一、`).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Numbering {
    last: [u16; 5],
}

impl Numbering {
    fn continues(&self, st: Style, n: u16) -> bool {
        n >= 2 && self.last[st as usize] == n - 1
    }
    fn note(&mut self, st: Style, n: u16) {
        self.last[st as usize] = n;
    }
}

/// Tokenize a paragraph. `figs` are the stream's figures in order.
// Long by design: the tokenizer's single pass over the candidate characters, on the hot path.
pub(crate) fn tokenize(s: &CharStream, figs: &[Figure], num: &mut Numbering, out: &mut Vec<Tok>) {
    let n = s.len();
    let ix = index();
    let mut fi = 0usize;
    let mut i = 0usize;
    // where the next figure starts (figures are sorted)
    let mut next_fig = figs.first().map_or(usize::MAX, |f| f.chars.0);
    let chars = s.chars();
    let terms = s.terminators();
    // the characters a token can start at, found in one pass without branches (most of a
    // text is Chinese that starts none)
    let cands = token_starts(chars, ix);
    // the sentence being read: where it ends and whether it holds a figure
    let mut seg_end = 0usize;
    let mut ti = 0usize;
    let mut light = false;
    // where the last marker ended (what follows it starts a clause)
    let mut after_marker = usize::MAX;
    let mut ci = 0usize;
    while ci < cands.len() {
        let cand = cands[ci] as usize;
        ci += 1;
        if cand < i {
            // (inside a token already read)
            continue;
        }
        i = cand;
        let c = chars[i].c;
        let last_sig = last_significant(chars, i, after_marker);
        if i >= seg_end {
            (ti, seg_end) = sentence_of(terms, ti, i, n);
            // a sentence without a figure relates nothing: only its markers, a list word
            // opening it, a stop word, a zero statement and a grade are read
            light = next_fig >= seg_end;
        }
        // figures first (their range includes qualifiers), unless a marker stands here
        while fi < figs.len() && figs[fi].chars.0 < i {
            fi += 1;
        }
        next_fig = figs.get(fi).map_or(usize::MAX, |f| f.chars.0);
        let clause_start = match last_sig {
            None => true,
            Some(p) => matches!(p, ',' | ';' | ':' | '。' | '!' | '?' | '(' | ')' | '、'),
        };
        if let Some((st, k, end)) = marker_at(s, i, clause_start, last_sig, num) {
            num.note(st, k);
            out.push(Tok {
                t: T::Marker(st, k),
                a: i as u32,
                b: end as u32,
            });
            // a figure the scanner read inside the marker is not a figure
            while fi < figs.len() && figs[fi].chars.0 < end {
                fi += 1;
            }
            after_marker = end;
            i = end;
            continue;
        }
        if fi < figs.len() && figs[fi].chars.0 == i {
            let f = &figs[fi];
            out.push(Tok {
                t: T::Fig(fi as u32),
                a: i as u32,
                b: f.chars.1 as u32,
            });
            i = f.chars.1.max(i + 1);
            fi += 1;
            continue;
        }
        match c {
            ' ' | '\t' => {
                i += 1;
                continue;
            }
            // (a sentence without figures needs none of these)
            ',' | ';' | ':' | '、' if !light => out.push(tok(T::Sep(c), i, i + 1)),
            '。' | '!' | '?' => out.push(tok(T::Sep('。'), i, i + 1)),
            '(' | '[' | '【' | '〔' if !light => out.push(tok(T::Open, i, i + 1)),
            ')' | ']' | '】' | '〕' if !light => out.push(tok(T::Close, i, i + 1)),
            _ if c.is_ascii_digit() => {
                i = year_or_number(s, i, light, out);
                continue;
            }
            _ => {
                let mut matched = None;
                for &(_, wi) in ix.starting_with(c) {
                    let (w, lex) = WORDS[wi as usize];
                    if s.starts_with_at(i, w) {
                        matched = Some((lex, i + w.chars().count()));
                        break;
                    }
                }
                if let Some((lex, end)) = matched {
                    let at = WordAt {
                        end,
                        next_fig,
                        light,
                        last_sig,
                        seg_start: seg_start(terms, ti),
                    };
                    let keep = keeps_word(lex, &at, s, figs.get(fi), out.last());
                    if keep {
                        out.push(tok(T::Word(lex), i, end));
                        i = end;
                        continue;
                    }
                }
            }
        }
        i += 1;
    }
}

/// The characters a token can start at, found in one pass without branches (most of a text
/// is Chinese that starts none).
fn token_starts(chars: &[crate::source::SChar], ix: &Index) -> Vec<u32> {
    let mut cands: Vec<u32> = vec![0; chars.len()];
    let mut nc = 0usize;
    for (k, sc) in chars.iter().enumerate() {
        cands[nc] = k as u32;
        nc += usize::from(!ix.is_plain_branchless(sc.c));
    }
    cands.truncate(nc);
    cands
}

/// The last character before `i` that is not a space; `:` right after a marker (what follows
/// a marker starts a clause).
fn last_significant(chars: &[crate::source::SChar], i: usize, after_marker: usize) -> Option<char> {
    let mut k = i;
    while k > 0 && matches!(chars[k - 1].c, ' ' | '\t') {
        k -= 1;
    }
    if k == 0 {
        None
    } else if k == after_marker {
        Some(':')
    } else {
        Some(chars[k - 1].c)
    }
}

/// At a digit the scanner did not take as a figure: a year (a token, unless the sentence has
/// no figure), or a number such as a date or a reference, skipped whole. Returns where reading
/// goes on.
fn year_or_number(s: &CharStream, i: usize, light: bool, out: &mut Vec<Tok>) -> usize {
    if let Some((y, end)) = year_at(s, i) {
        if !light {
            out.push(tok(T::Year(y), i, end));
        }
        return end;
    }
    let mut e = i;
    while e < s.len() && (s.at(e).is_ascii_digit() || s.at(e) == '.') {
        e += 1;
    }
    e
}

/// The terminator of the sentence holding character `i` (searched from `ti`) and one past
/// the sentence's end (`n` for the last sentence).
fn sentence_of(terms: &[u32], mut ti: usize, i: usize, n: usize) -> (usize, usize) {
    while ti < terms.len() && (terms[ti] as usize) < i {
        ti += 1;
    }
    (ti, terms.get(ti).map_or(n, |&t| t as usize + 1))
}

/// Where a lexicon word was found, and what surrounds it.
struct WordAt {
    /// One past its last character.
    end: usize,
    /// Where the next figure starts.
    next_fig: usize,
    /// The sentence holds no figure.
    light: bool,
    /// The last character before it that is not a space (`:` right after a marker).
    last_sig: Option<char>,
    /// Where the sentence starts.
    seg_start: usize,
}

/// Whether a lexicon word found in the text is a token: a word never reaches into a figure;
/// in a sentence without figures only stop, zero and grade words count (and a list word
/// opening it); 为 introduces a list only right after a separator; a one-character change
/// word only right before a figure (`next`, the next figure).
#[inline]
fn keeps_word(
    lex: Lex,
    at: &WordAt,
    s: &CharStream,
    next: Option<&Figure>,
    last_tok: Option<&Tok>,
) -> bool {
    match lex {
        // a word never reaches into a figure (`为 0.9%` is 为 and 0.9%)
        _ if at.end > at.next_fig => false,
        // (in a sentence without figures only these count after its start)
        _ if at.light
            && !matches!(
                lex,
                Lex::Stop | Lex::Zero | Lex::Score(super::lexicon::ScoreWord::Grade)
            )
            && !(matches!(lex, Lex::List(_))
                && last_tok.is_none_or(|t| {
                    (t.a as usize) < at.seg_start || matches!(t.t, T::Marker(..))
                })) =>
        {
            false
        }
        // 为 introduces a list only right after a separator
        Lex::List(super::lexicon::ListWord::Apposition) => at.last_sig == Some(','),
        // a one-character change word only right before a figure
        Lex::ChangeShort(_) => {
            let mut k = at.end;
            while k < s.len() && matches!(s.at(k), ' ' | '了') {
                k += 1;
            }
            next.is_some_and(|f| f.chars.0 == k)
        }
        _ => true,
    }
}

/// Where the sentence ending at terminator `ti` starts.
fn seg_start(terms: &[u32], ti: usize) -> usize {
    match ti {
        0 => 0,
        k => terms.get(k - 1).map_or(0, |&t| t as usize + 1),
    }
}

fn tok(t: T, a: usize, b: usize) -> Tok {
    Tok {
        t,
        a: a as u32,
        b: b as u32,
    }
}

/// A year at `i`: four digits (1950–2100), optional spaces, 年 (and 度).
fn year_at(s: &CharStream, i: usize) -> Option<(i32, usize)> {
    if i > 0 && s.at(i - 1).is_ascii_digit() {
        return None;
    }
    let mut v = 0i32;
    for k in 0..4 {
        let d = s.at(i + k).to_digit(10)?;
        v = v * 10 + d as i32;
    }
    let mut e = i + 4;
    if e < s.len() && s.at(e).is_ascii_digit() {
        return None;
    }
    while e < s.len() && s.at(e) == ' ' {
        e += 1;
    }
    if e >= s.len() || s.at(e) != '年' || !(1950..=2100).contains(&v) {
        return None;
    }
    e += 1;
    if e < s.len() && s.at(e) == '度' {
        e += 1;
    }
    Some((v, e))
}

/// A heading or list marker at `i`: (style, number, end).
// Long by design: every numbering style of headings and items (一、 (一) 1. (1) ① 第一 …) recognised
// in one place.
fn marker_at(
    s: &CharStream,
    i: usize,
    clause_start: bool,
    last_sig: Option<char>,
    num: &Numbering,
) -> Option<(Style, u16, usize)> {
    let n = s.len();
    let c = s.at(i);
    let glued = last_sig.is_some_and(|p| is_cjk(p) && !is_numeral_char(p) && p != '第');
    if ('①'..='⑳').contains(&c) {
        return Some((Style::Circled, (c as u32 - '①' as u32 + 1) as u16, i + 1));
    }
    if c == '(' {
        // (一) / (1)
        let mut k = i + 1;
        while k < n && k < i + 4 && (s.at(k).is_ascii_digit() || is_numeral_char(s.at(k))) {
            k += 1;
        }
        if k == i + 1 || k >= n || s.at(k) != ')' {
            return None;
        }
        let inner = s.text(i + 1, k);
        if inner.chars().all(|x| x.is_ascii_digit()) {
            let v: u16 = inner.parse().ok()?;
            return Some((Style::ParenDigit, v, k + 1));
        }
        if inner.chars().all(is_numeral_char) {
            let v = parse_chinese_numeral(inner)?;
            let v: u16 = v.try_into().ok()?;
            if v == 0 || v > 99 {
                return None;
            }
            return Some((Style::ParenHan, v, k + 1));
        }
        return None;
    }
    if !(clause_start || glued) {
        return None;
    }
    if c.is_ascii_digit() {
        let mut k = i;
        while k < n && k < i + 3 && s.at(k).is_ascii_digit() {
            k += 1;
        }
        if k - i > 2 || k >= n {
            return None;
        }
        let sep = s.at(k);
        if !matches!(sep, '、' | '.') {
            return None;
        }
        let next = if k + 1 < n { s.at(k + 1) } else { ' ' };
        if next.is_ascii_digit() || (sep == '.' && !(is_cjk(next) || next == ' ')) {
            return None;
        }
        let v: u16 = s.text(i, k).parse().ok()?;
        if v == 0 || (!clause_start && !num.continues(Style::Digit, v)) {
            return None;
        }
        // "1.2024年度": a marker followed by a year is still a marker
        return Some((Style::Digit, v, k + 1));
    }
    if is_numeral_char(c) {
        let mut k = i;
        while k < n && k < i + 4 && is_numeral_char(s.at(k)) {
            k += 1;
        }
        if k >= n || s.at(k) != '、' {
            return None;
        }
        let next = if k + 1 < n { s.at(k + 1) } else { ' ' };
        if next.is_ascii_digit() || is_numeral_char(next) {
            return None;
        }
        let v = parse_chinese_numeral(s.text(i, k))?;
        let v: u16 = v.try_into().ok()?;
        if v == 0 || v > 99 {
            return None;
        }
        if !clause_start && !num.continues(Style::Han, v) {
            return None;
        }
        return Some((Style::Han, v, k + 1));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figure::scan_figures;

    fn toks(t: &str) -> Vec<T> {
        let mut s = CharStream::new();
        s.push_range(t, 0, t.len());
        let figs = scan_figures(&s);
        let mut out = Vec::new();
        tokenize(&s, &figs, &mut Numbering::default(), &mut out);
        out.into_iter().map(|t| t.t).collect()
    }

    #[test]
    fn glued_headings_continue_a_numbering() {
        let t = toks("一、项目概况共计156万元,用于维持教学秩序二、资金管理情况三、支出情况");
        let m: Vec<_> = t
            .iter()
            .filter_map(|x| match x {
                T::Marker(s, n) => Some((*s, *n)),
                _ => None,
            })
            .collect();
        assert_eq!(m, vec![(Style::Han, 1), (Style::Han, 2), (Style::Han, 3)]);
        // a glued numeral that starts no numbering is text
        let t = toks("全面推进二、三产业融合");
        assert!(!t.iter().any(|x| matches!(x, T::Marker(..))));
    }

    #[test]
    fn markers_of_every_style() {
        let t = toks("(一)收入 10万元;(2)支出 5万元;①其他 1万元。3.结余 4万元");
        let styles: Vec<_> = t
            .iter()
            .filter_map(|x| match x {
                T::Marker(s, _) => Some(*s),
                _ => None,
            })
            .collect();
        assert_eq!(
            styles,
            vec![
                Style::ParenHan,
                Style::ParenDigit,
                Style::Circled,
                Style::Digit
            ]
        );
        // four figures, no marker read as a figure
        assert_eq!(t.iter().filter(|x| matches!(x, T::Fig(_))).count(), 4);
    }

    #[test]
    fn years_words_and_short_changes() {
        let t = toks("2023年度收入同比增21500元,增强能力");
        assert!(matches!(t[0], T::Year(2023)));
        assert!(t.contains(&T::Word(Lex::ChangeShort(crate::facts::Direction::Up))));
        // 增 in 增强 is not a change
        assert_eq!(
            t.iter()
                .filter(|x| matches!(x, T::Word(Lex::ChangeShort(_))))
                .count(),
            1
        );
        // 占比 is one share word, not 占 + 比
        let t = toks("占比为 20%");
        assert_eq!(t[0], T::Word(Lex::Share));
        assert!(matches!(t[1], T::Fig(_)));
        // 为 opens a list only right after a separator
        let t = toks("收入 10 万元,为甲 5 万元");
        assert!(t.contains(&T::Word(Lex::List(
            super::super::lexicon::ListWord::Apposition
        ))));
    }
}
