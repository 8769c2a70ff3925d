//! Reading the narrative by meaning. Paragraphs are rebuilt from lines a PDF extraction broke;
//! each becomes a stream of typed tokens (`tokens`: figures, years, lexicon words,
//! separators, brackets, heading markers); one reader (`read`) turns the tokens into clause
//! frames — every figure with its role, subject, period and measure, printed or carried over —
//! and binds relations by meaning as it goes; `bind` turns them into the model's facts.
//! The vocabulary is data ([`lexicon`]). When a binding is ambiguous, nothing is recorded.

mod bind;
pub mod lexicon;
mod read;
mod tokens;

use crate::facts::Facts;
use crate::figure::scan_figures;
use crate::model::{SelfEvalTable, Text};
use crate::source::{CharStream, SourceFile, is_cjk, is_latin_letter, is_sentence_end};

/// Largest paragraph read, in characters (hostile inputs: one huge line).
const MAX_PARAGRAPH_CHARS: usize = 200_000;
/// Most figures the narrative reader takes from one document (a long real report has a few
/// thousand).
pub const MAX_FIGURES: usize = 50_000;

/// Read the facts of the prose lines (lines not belonging to a table).
pub fn extract_facts(src: &SourceFile, table_lines: &[bool]) -> Facts {
    read_narrative(src, table_lines, false).0
}

/// Read the narrative: its facts, the scoring statements it makes (as a scoring table with
/// [`crate::model::TableOrigin::Prose`]), and, with `frames`, the clause frames.
pub fn read_narrative(
    src: &SourceFile,
    table_lines: &[bool],
    frames: bool,
) -> (Facts, Option<SelfEvalTable>) {
    let (facts, table, _) = read_narrative_bounded(src, table_lines, frames);
    (facts, table)
}

/// [`read_narrative`], and the offset where reading stopped when the document holds more
/// than [`MAX_FIGURES`] figures.
pub fn read_narrative_bounded(
    src: &SourceFile,
    table_lines: &[bool],
    frames: bool,
) -> (Facts, Option<SelfEvalTable>, Option<usize>) {
    // each paragraph's stream is built when it is read and dropped after: memory holds one
    // paragraph's characters, not the document's
    let groups = paragraph_lines(src, table_lines);
    let mut reader = read::Reader::new();
    let mut numbering = tokens::Numbering::default();
    let mut toks = Vec::new();
    let mut latin = Vec::new();
    let mut figures_read = 0usize;
    let mut cut = None;
    for (g, hard) in groups {
        let start = g.first().map_or(0, |x| x.start);
        let p = para_of(src, g, hard);
        let mut figs = scan_figures(&p.s);
        // (a text of nothing but numbers does not grow the model without end: past the cap
        // the rest of the narrative is not read)
        figures_read += figs.len();
        if figures_read > MAX_FIGURES {
            cut = Some(start);
            break;
        }
        toks.clear();
        tokens::tokenize(&p.s, &figs, &mut numbering, &mut toks);
        reader.paragraph(&p.s, &mut figs, &toks, p.hard);
        latin_words(&p, &mut latin);
    }
    let parsed = reader.finish();
    let (mut facts, table) = bind::to_facts(parsed, src.text(), frames);
    facts.latin_words = latin;
    (facts, table, cut)
}

fn starts_with_marker(t: &str) -> bool {
    let t = t.trim_start();
    let mut buf = ['\0'; 24];
    let mut n = 0;
    for (slot, c) in buf.iter_mut().zip(t.chars()) {
        *slot = c;
        n += 1;
    }
    let chars = &buf[..n];
    let Some(&c0) = chars.first() else {
        return false;
    };
    if matches!(c0, '(' | '（') {
        return chars
            .get(1)
            .is_some_and(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(*c));
    }
    if ('①'..='⑳').contains(&c0) || c0 == '#' {
        return true;
    }
    if c0 == '第'
        && chars
            .get(1)
            .is_some_and(|c| "一二三四五六七八九十".contains(*c))
    {
        return true;
    }
    if "一二三四五六七八九十".contains(c0) {
        return chars.get(1) == Some(&'、') || chars.get(2) == Some(&'、');
    }
    if c0.is_ascii_digit() {
        let mut i = 0;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        return matches!(chars.get(i), Some('、') | Some('.') | Some('．'))
            && !chars.get(i + 1).is_some_and(|c| c.is_ascii_digit());
    }
    false
}

/// A paragraph: joined lines with an origin map.
struct Para {
    s: CharStream,
    /// A table or a source line stands between it and the paragraph before.
    hard: bool,
}

/// One line of a paragraph: its trimmed byte range, and whether a virtual space joins it to
/// the previous line (digits or Latin letters on both sides of the break).
struct Piece {
    start: usize,
    end: usize,
    chars: usize,
    space_before: bool,
}

/// The lines of each paragraph, and whether a table or source line stands before it.
// Long by design: groups the prose lines into paragraphs in one pass; markers, blank lines and
// table lines each end one.
fn paragraph_lines(src: &SourceFile, table_lines: &[bool]) -> Vec<(Vec<Piece>, bool)> {
    // first the grouping of lines, then each paragraph's stream built at its final size
    // each group with whether a table or source line stands before it
    let mut groups: Vec<(Vec<Piece>, bool)> = Vec::new();
    let mut hard = false;
    let mut cur: Vec<Piece> = Vec::new();
    let mut cur_chars = 0usize;
    let mut prev_text: Option<&str> = None;
    // whether the previous line opens with a list marker (each line is tested once)
    let mut prev_marker = false;
    let flush = |cur: &mut Vec<Piece>,
                 groups: &mut Vec<(Vec<Piece>, bool)>,
                 n: &mut usize,
                 hard: &mut bool| {
        if !cur.is_empty() {
            groups.push((std::mem::take(cur), *hard));
            *hard = false;
        }
        *n = 0;
    };
    let n = src.line_count().min(table_lines.len());
    for (line, &in_table) in table_lines.iter().enumerate().take(n) {
        if in_table {
            flush(&mut cur, &mut groups, &mut cur_chars, &mut hard);
            hard = true;
            prev_text = None;
            continue;
        }
        let text = src.line_text(line);
        let t = text.trim();
        if t.is_empty() {
            continue;
        }
        if t.starts_with("# source:") || t.starts_with("# title:") || t.starts_with("<!--") {
            flush(&mut cur, &mut groups, &mut cur_chars, &mut hard);
            hard = true;
            prev_text = None;
            continue;
        }
        let (s, _) = src.line_range(line);
        let lead = text.len() - text.trim_start().len();
        let start = s + lead;
        let end = start + t.len();
        let t_marker = starts_with_marker(t);
        let join = match prev_text {
            None => false,
            Some(prev) => {
                let last = prev.chars().last().unwrap_or('。');
                let heading = prev_marker
                    && prev.chars().count() <= 30
                    && !prev.contains('，')
                    && !prev.contains(',')
                    && !matches!(last, '，' | ',' | '、' | '；' | ';' | ':' | '：');
                !is_sentence_end(last) && !t_marker && !heading
            }
        };
        let mut space_before = false;
        if !join {
            flush(&mut cur, &mut groups, &mut cur_chars, &mut hard);
        } else {
            // the last character the stream holds (the stream skips \r and BOMs)
            let a = prev_text
                .and_then(|p| p.chars().rev().find(|c| !matches!(c, '\r' | '\u{FEFF}')))
                .map(crate::source::fold_char)
                .unwrap_or(' ');
            let b = t
                .chars()
                .next()
                .map(crate::source::fold_char)
                .unwrap_or(' ');
            if (a.is_ascii_alphanumeric() || a == '.') && (b.is_ascii_alphanumeric() || b == '.') {
                space_before = true;
            }
        }
        let t_chars = t.chars().count();
        if cur_chars + space_before as usize + t_chars > MAX_PARAGRAPH_CHARS {
            flush(&mut cur, &mut groups, &mut cur_chars, &mut hard);
        }
        cur_chars += space_before as usize + t_chars;
        cur.push(Piece {
            start,
            end,
            chars: t_chars,
            space_before,
        });
        prev_text = Some(t);
        prev_marker = t_marker;
    }
    flush(&mut cur, &mut groups, &mut cur_chars, &mut hard);
    groups
}

/// The stream of one paragraph, built at its final size.
fn para_of(src: &SourceFile, g: Vec<Piece>, hard: bool) -> Para {
    let chars: usize = g.iter().map(|p| p.chars + p.space_before as usize).sum();
    let bytes: usize = g.iter().map(|p| p.end - p.start + 1).sum();
    let mut s = CharStream::with_capacity(chars, bytes);
    for p in g {
        if p.space_before {
            s.push_virtual_space(p.start);
        }
        s.push_range(src.text(), p.start, p.end);
    }
    Para { s, hard }
}

/// Latin-script words standing between Chinese characters (`思想 and 党的`).
fn latin_words(p: &Para, out: &mut Vec<Text>) {
    let s = &p.s;
    if !s.has_latin() {
        return;
    }
    let n = s.len();
    let mut i = 0;
    while i < n {
        let c = s.at(i);
        if is_latin_letter(c) && !(i > 0 && s.at(i - 1).is_ascii_alphanumeric()) {
            let st = i;
            while i < n && is_latin_letter(s.at(i)) {
                i += 1;
            }
            if i < n && s.at(i).is_ascii_digit() {
                continue;
            }
            let word = s.text(st, i);
            let len = word.chars().count();
            let upper = word.chars().all(|c| c.is_uppercase());
            let mut l = st;
            while l > 0 && s.at(l - 1) == ' ' {
                l -= 1;
            }
            let mut r = i;
            while r < n && s.at(r) == ' ' {
                r += 1;
            }
            let left_cjk = l > 0 && is_cjk(s.at(l - 1));
            let right_cjk = r < n && is_cjk(s.at(r));
            if len >= 2 && !upper && left_cjk && right_cjk {
                out.push(Text::new(word, Some(s.span(st, i))));
            }
            continue;
        }
        i += 1;
    }
}
