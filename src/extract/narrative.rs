//! Reading facts from the narrative: paragraphs are rebuilt from lines a PDF extraction
//! broke, split into sentences, and every figure is given a role (a level amount, a prior
//! value, a change, a share). Comparisons, breakdowns and shares are assembled from the roles.
//! When it is not sure, the extractor records less, never more.

use crate::facts::{Amount, Breakdown, Comparison, Direction, Facts, Share};
use crate::figure::{Figure, Unit, scan_figures};
use crate::model::Text;
use crate::source::{CharStream, SourceFile, Span, is_latin_letter, is_sentence_end};

/// Largest paragraph read, in characters (hostile inputs: one huge line).
const MAX_PARAGRAPH_CHARS: usize = 200_000;

/// Read the facts of the prose lines (lines not belonging to a table).
pub fn extract_facts(src: &SourceFile, table_lines: &[bool]) -> Facts {
    let mut facts = Facts::default();
    let paras = paragraphs(src, table_lines);
    let mut sentence_no = 0;
    for p in &paras {
        read_paragraph(p, &mut facts, &mut sentence_no);
        latin_words(p, &mut facts);
    }
    resolve_share_wholes(&mut facts);
    facts
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
}

/// One line of a paragraph: its trimmed byte range, and whether a virtual space joins it to
/// the previous line (digits or Latin letters on both sides of the break).
struct Piece {
    start: usize,
    end: usize,
    chars: usize,
    space_before: bool,
}

fn paragraphs(src: &SourceFile, table_lines: &[bool]) -> Vec<Para> {
    // first the grouping of lines, then each paragraph's stream built at its final size
    let mut groups: Vec<Vec<Piece>> = Vec::new();
    let mut cur: Vec<Piece> = Vec::new();
    let mut cur_chars = 0usize;
    let mut prev_text: Option<&str> = None;
    // whether the previous line opens with a list marker (each line is tested once)
    let mut prev_marker = false;
    let flush = |cur: &mut Vec<Piece>, groups: &mut Vec<Vec<Piece>>, n: &mut usize| {
        if !cur.is_empty() {
            groups.push(std::mem::take(cur));
        }
        *n = 0;
    };
    let n = src.line_count().min(table_lines.len());
    for (line, &in_table) in table_lines.iter().enumerate().take(n) {
        if in_table {
            flush(&mut cur, &mut groups, &mut cur_chars);
            prev_text = None;
            continue;
        }
        let text = src.line_text(line);
        let t = text.trim();
        if t.is_empty() {
            continue;
        }
        if t.starts_with("# source:") || t.starts_with("# title:") || t.starts_with("<!--") {
            flush(&mut cur, &mut groups, &mut cur_chars);
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
            flush(&mut cur, &mut groups, &mut cur_chars);
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
            flush(&mut cur, &mut groups, &mut cur_chars);
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
    flush(&mut cur, &mut groups, &mut cur_chars);
    groups
        .into_iter()
        .map(|g| {
            let chars: usize = g.iter().map(|p| p.chars + p.space_before as usize).sum();
            let bytes: usize = g.iter().map(|p| p.end - p.start + 1).sum();
            let mut s = CharStream::with_capacity(chars, bytes);
            for p in g {
                if p.space_before {
                    s.push_virtual_space(p.start);
                }
                s.push_range(src.text(), p.start, p.end);
            }
            Para { s }
        })
        .collect()
}

/// The role of a figure in its sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// A level amount (`收入 587.65 万元`).
    Level,
    /// A prior-year value after a baseline phrase (`比上年 637.32 万元`).
    Prior,
    /// A change after a direction word (`减少 49.67 万元`, `下降 10%`).
    Change(Direction),
    /// A new level after a direction word (`增长到`, `降至`).
    NewLevel,
    /// A share (`占比为 49.26%`).
    Share,
}

struct Fig {
    f: Figure,
    role: Role,
    label: String,
    /// Character index where the text before the figure (its item) starts.
    pre_start: usize,
    /// The baseline phrase standing between the previous figure and this one (stream range).
    baseline: Option<(usize, usize)>,
    /// Direction word span.
    dir_span: Option<Span>,
}

const UP_WORDS: &[&str] = &["增加", "增长", "上升", "提高", "提升", "增多", "上涨", "增"];
const DOWN_WORDS: &[&str] = &[
    "减少", "下降", "降低", "下滑", "回落", "缩减", "压减", "减", "降",
];
const SEPARATORS: &[char] = &['，', ',', '；', ';', '、', '：', ':'];

fn is_sep(c: char) -> bool {
    SEPARATORS.contains(&c)
}

/// A direction word ending at `end` (after dropping a trailing 了 and spaces).
fn direction_before(s: &CharStream, start: usize, end: usize) -> Option<(Direction, usize, usize)> {
    let mut e = end;
    while e > start && s.at(e - 1) == ' ' {
        e -= 1;
    }
    if e > start && s.at(e - 1) == '了' {
        e -= 1;
    }
    for (words, dir) in [(UP_WORDS, Direction::Up), (DOWN_WORDS, Direction::Down)] {
        for w in words {
            if let Some(ws) = s.ends_with_at(e, w)
                && ws >= start
            {
                return Some((dir, ws, e));
            }
        }
    }
    None
}

/// Baseline phrases: 比上年, 较上年, 同比, 与上年相比, 较2022年, 比上年同期, 较上年决算数…
/// Returns the stream range of the last one in `from..to` (its first six characters at most).
fn find_baseline_in(s: &CharStream, from: usize, to: usize) -> Option<(usize, usize)> {
    let at = |i: usize, w: &str| i < to && s.starts_with_at(i, w);
    let mut found = None;
    for i in from..to {
        let c = s.at(i);
        let is_baseline = match c {
            '同' | '环' => i + 1 < to && s.at(i + 1) == '比',
            '比' | '较' | '与' => {
                let mut j = i + 1;
                while j < to && s.at(j) == ' ' {
                    j += 1;
                }
                at(j, "上年")
                    || at(j, "去年")
                    || at(j, "上一年")
                    || at(j, "同期")
                    || (j + 4 <= to && (0..4).all(|k| s.at(j + k).is_ascii_digit()))
            }
            _ => false,
        };
        if is_baseline {
            found = Some(i);
        }
    }
    found.map(|i| (i, (i + 6).min(to)))
}

fn read_paragraph(p: &Para, facts: &mut Facts, sentence_no: &mut usize) {
    let s = &p.s;
    let figs = scan_figures(s);
    // sentence boundaries
    let mut sentences = Vec::new();
    let mut a = 0;
    for &i in s.terminators() {
        let i = i as usize;
        sentences.push((a, i + 1));
        a = i + 1;
    }
    if a < s.len() {
        sentences.push((a, s.len()));
    }
    let mut figs = figs.into_iter().peekable();
    // the level amounts of the previous sentence (indices into `facts.amounts`)
    let mut prev_levels: Vec<usize> = Vec::new();
    for &(sa, sb) in &sentences {
        let mut in_sentence = Vec::new();
        while let Some(f) = figs.next_if(|f| f.chars.0 < sb) {
            if f.chars.0 >= sa {
                in_sentence.push(f);
            }
        }
        if in_sentence.is_empty() {
            // no figure: nothing to compare, break down or share, and no level for the next
            // sentence's 其中
            prev_levels.clear();
            *sentence_no += 1;
            continue;
        }
        let classified = classify(s, sa, sb, in_sentence);
        let levels = read_sentence(s, sa, sb, &classified, &prev_levels, facts, *sentence_no);
        prev_levels = levels;
        *sentence_no += 1;
    }
}

fn classify(s: &CharStream, sa: usize, _sb: usize, figs: Vec<Figure>) -> Vec<Fig> {
    let mut out: Vec<Fig> = Vec::with_capacity(figs.len());
    let mut prev_end = sa;
    for f in figs {
        let (fs, fe) = f.chars;
        let pre_from = prev_end.min(fs);
        // the item this figure belongs to starts after the last separator
        let mut item_start = pre_from;
        // a separator right before the figure ("总额: 763.00") belongs to its label
        let mut search_end = fs;
        while search_end > pre_from && matches!(s.at(search_end - 1), ' ' | ':' | '：') {
            search_end -= 1;
        }
        for k in (pre_from..search_end).rev() {
            if is_sep(s.at(k)) || s.at(k) == '(' || s.at(k) == '（' {
                item_start = k + 1;
                break;
            }
        }
        let item = s.text(item_start, fs);
        // the last baseline phrase before the figure; when it lies inside the item it is also
        // the item's last one (a phrase is recognised from its own characters only)
        let last_baseline = find_baseline_in(s, pre_from, fs);
        let mut role = Role::Level;
        let mut dir_span = None;
        let mut baseline = None;
        if let Some((dir, ds, de)) = direction_before(s, pre_from, fs) {
            let after = s.text(de, fs).trim();
            if after.starts_with('到') || after.starts_with('至') || after.starts_with('为') {
                role = Role::NewLevel;
            } else {
                role = Role::Change(dir);
                dir_span = Some(s.span(ds, de));
            }
        } else if matches!(f.unit, Unit::Percent)
            && (item.contains('占') || item.contains("比重") || item.contains("比例"))
        {
            role = Role::Share;
        } else if let Some((bpos, _)) = last_baseline.filter(|&(p, _)| p >= item_start) {
            // a prior value: at most a short label between the baseline and the figure, and no
            // direction word
            if fs - bpos <= 16 {
                role = Role::Prior;
            }
        }
        if let Some(phrase) = last_baseline {
            baseline = Some(phrase);
        }
        let label = clean_label(item);
        out.push(Fig {
            f,
            role,
            label,
            pre_start: item_start,
            baseline,
            dir_span,
        });
        prev_end = fe;
    }
    out
}

fn clean_label(item: &str) -> String {
    let mut t = item.trim();
    for p in [
        "其中",
        "包括",
        "分别为",
        "分别是",
        "为",
        "是",
        "共计",
        "共",
        "合计",
        "达到",
        "达",
    ] {
        if let Some(r) = t.strip_prefix(p) {
            t = r.trim();
        }
    }
    let t = t.trim_end_matches(|c: char| {
        c == ' '
            || c == '为'
            || c == '是'
            || c == '达'
            || c == '约'
            || c == '近'
            || c == '共'
            || c == ':'
            || c == '：'
    });
    let mut t = t;
    for w in ["共计", "合计", "达到"] {
        while let Some(r) = t.strip_suffix(w) {
            t = r;
        }
    }
    t.trim().to_string()
}

fn is_total_label(l: &str) -> bool {
    l.contains("总额") || l.contains("合计") || l.contains("总计") || l.contains("共计")
}

fn same_dimension(a: &Figure, b: &Figure) -> bool {
    a.unit.same_dimension(&b.unit)
}

/// Words that end a list of parts.
const LIST_STOPS: &[&str] = &["此外", "另外", "另有", "以外"];

#[allow(clippy::too_many_arguments)]
fn read_sentence(
    s: &CharStream,
    sa: usize,
    sb: usize,
    figs: &[Fig],
    prev_levels: &[usize],
    facts: &mut Facts,
    sentence: usize,
) -> Vec<usize> {
    // amounts
    let mut levels = Vec::new();
    for f in figs {
        if f.role == Role::Level && !matches!(f.f.unit, Unit::PercentPoint | Unit::PerMillePoint) {
            facts.amounts.push(Amount {
                label: f.label.clone(),
                year: year_of(&f.label),
                figure: f.f.clone(),
                sentence,
            });
            if !f.f.unit.is_percent() {
                levels.push(facts.amounts.len() - 1);
            }
        }
    }
    comparisons(s, figs, facts);
    breakdowns(s, sa, sb, figs, prev_levels, facts);
    shares(s, figs, facts);
    levels
}

fn year_of(label: &str) -> Option<i32> {
    if !label.contains('年') {
        return None;
    }
    if label.contains(' ') {
        crate::extract::selfeval::year_in(&label.replace(' ', ""))
    } else {
        crate::extract::selfeval::year_in(label)
    }
}

fn comparisons(s: &CharStream, figs: &[Fig], facts: &mut Facts) {
    let mut cur: Option<Comparison> = None;
    let mut last_level: Option<&Fig> = None;
    let push = |c: Option<Comparison>, facts: &mut Facts| {
        if let Some(c) = c
            && (c.current.is_some() || c.prior.is_some())
            && (c.delta.is_some() || c.rate.is_some() || c.direction.is_some())
        {
            facts.comparisons.push(c);
        }
    };
    // whether a baseline phrase stands anywhere since the last level amount
    let mut baseline_since_level = false;
    for f in figs {
        if f.baseline.is_some() && !matches!(f.role, Role::Level | Role::NewLevel) {
            baseline_since_level = true;
        }
        match f.role {
            Role::Level | Role::NewLevel => {
                push(cur.take(), facts);
                baseline_since_level = false;
                if f.role == Role::Level {
                    last_level = Some(f);
                }
            }
            Role::Share => {}
            Role::Prior => {
                let Some(l) = last_level else { continue };
                if !same_dimension(&l.f, &f.f) {
                    continue;
                }
                if cur.as_ref().is_some_and(|c| c.prior.is_some()) {
                    push(cur.take(), facts);
                }
                let c =
                    cur.get_or_insert_with(|| new_cmp(l, f.baseline.map(|(a, b)| s.text(a, b))));
                c.prior = Some(f.f.clone());
            }
            Role::Change(dir) => {
                let Some(l) = last_level else { continue };
                if cur.is_none() {
                    // a change needs a baseline phrase since the level amount
                    if !baseline_since_level {
                        continue;
                    }
                    cur = Some(new_cmp(l, f.baseline.map(|(a, b)| s.text(a, b))));
                }
                let c = cur.as_mut().unwrap();
                match f.f.unit {
                    Unit::Percent | Unit::PercentPoint => {
                        if c.rate.is_none() {
                            c.rate = Some(f.f.clone());
                            c.rate_direction = f.dir_span.map(|sp| (dir, sp));
                        }
                    }
                    _ => {
                        if same_dimension(&l.f, &f.f) && c.delta.is_none() {
                            c.delta = Some(f.f.clone());
                            c.direction = f.dir_span.map(|sp| (dir, sp));
                        }
                    }
                }
            }
        }
    }
    push(cur.take(), facts);
}

fn new_cmp(l: &Fig, baseline: Option<&str>) -> Comparison {
    Comparison {
        label: l.label.clone(),
        current: Some(l.f.clone()),
        prior: None,
        direction: None,
        delta: None,
        rate_direction: None,
        rate: None,
        baseline: baseline.unwrap_or_default().to_string(),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Marker {
    Qizhong,
    Baokuo,
    Fenbie,
    Wei,
    Total,
}

fn find_markers(
    s: &CharStream,
    sa: usize,
    sb: usize,
    figs: &[Fig],
) -> Vec<(usize, usize, Marker, bool)> {
    // (position, end, marker, inside parentheses)
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut i = sa;
    while i < sb {
        let c = s.at(i);
        if c == '(' || c == '（' {
            depth += 1;
        } else if c == ')' || c == '）' {
            depth = (depth - 1).max(0);
        }
        // a marker word lies wholly inside the sentence
        let word = |w: &str, n: usize| i + n <= sb && s.starts_with_at(i, w);
        let m = if c == '其' && word("其中", 2) {
            Some((Marker::Qizhong, 2))
        } else if c == '包' && word("包括", 2) {
            Some((Marker::Baokuo, 2))
        } else if c == '分' && (word("分别为", 3) || word("分别是", 3)) {
            Some((Marker::Fenbie, 3))
        } else if c == '由' && i > sa && matches!(s.at(i - 1), ',' | '，') {
            // "X 万元，由 A a 万元、B b 万元组成": a complete list
            let tail = s.text(i, sb);
            if tail.contains("组成") || tail.contains("构成") {
                Some((Marker::Fenbie, 1))
            } else {
                None
            }
        } else if c == '为' && i > sa && matches!(s.at(i - 1), ',' | '，') && {
            let k = figs.partition_point(|f| f.f.chars.1 + 2 < i);
            figs[k..]
                .iter()
                .take_while(|f| f.f.chars.1 <= i)
                .any(|f| f.role == Role::Level)
        } {
            Some((Marker::Wei, 1))
        } else {
            None
        };
        if let Some((m, len)) = m {
            out.push((i, i + len, m, depth > 0));
            i += len;
            continue;
        }
        i += 1;
    }
    // implicit totals: an amount labelled 共计/合计/总计 followed by further amounts
    for f in figs {
        if f.role == Role::Level {
            let (a, b) = (f.pre_start, f.f.chars.0);
            let mut e = b;
            while e > a && s.at(e - 1) == ' ' {
                e -= 1;
            }
            let has_gongji =
                (a..b.saturating_sub(1)).any(|k| s.at(k) == '共' && s.at(k + 1) == '计');
            let ends_heji = e >= a + 2 && s.at(e - 2) == '合' && s.at(e - 1) == '计';
            if has_gongji || ends_heji {
                out.push((f.f.chars.1, f.f.chars.1, Marker::Total, false));
            }
        }
    }
    out.sort_by_key(|m| m.0);
    out
}

fn breakdowns(
    s: &CharStream,
    sa: usize,
    sb: usize,
    figs: &[Fig],
    prev_levels: &[usize],
    facts: &mut Facts,
) {
    let markers = find_markers(s, sa, sb, figs);
    let first_of_sentence = facts.breakdowns.len();
    for (mi, &(pos, mend, marker, in_paren)) in markers.iter().enumerate() {
        // the total
        let upto = figs.partition_point(|f| f.f.chars.1 <= pos);
        let last_level = figs[..upto].iter().rev().find(|f| f.role == Role::Level);
        let total: Option<(String, Figure)> = match last_level {
            Some(f) => {
                // the total must stand in the same clause chain: no other marker in between
                let between_marker = markers[..mi]
                    .iter()
                    .rev()
                    .take_while(|m| m.0 >= f.f.chars.1)
                    .any(|m| m.0 < pos && m.2 != Marker::Total);
                // a bare number right after another one is a flattened table column
                if between_marker || f.label.is_empty() {
                    None
                } else {
                    Some((f.label.clone(), f.f.clone()))
                }
            }
            None => {
                // a list opening a sentence refers to the previous sentence's only amount
                let lead = s.text(sa, pos);
                let lead_is_blank = lead
                    .chars()
                    .all(|c| !c.is_alphanumeric() || "一二三四五六七八九十".contains(c));
                if lead_is_blank
                    && let [only] = prev_levels
                    && let Some(a) = facts.amounts.get(*only)
                {
                    Some((a.label.clone(), a.figure.clone()))
                } else {
                    None
                }
            }
        };
        if marker == Marker::Total && total.is_none() {
            continue;
        }
        // the parts
        let mut parts: Vec<&Fig> = Vec::new();
        // the list runs to the next marker of its own level (markers inside parentheses
        // open lists of their own)
        let next_marker = markers[mi + 1..]
            .iter()
            .find(|m| m.3 == in_paren || !m.3)
            .map(|m| m.0)
            .unwrap_or(sb);
        let mut stop = sb;
        if marker != Marker::Total {
            stop = next_marker.min(sb);
        }
        // stop words and, for 为 lists, the next ；; for a list inside parentheses, the ')'
        for k in mend..stop {
            let c = s.at(k);
            if (matches!(marker, Marker::Wei | Marker::Fenbie | Marker::Baokuo)
                && (c == '；' || c == ';'))
                || (in_paren && (c == ')' || c == '）'))
                || LIST_STOPS.iter().any(|w| s.starts_with_at(k, w))
            {
                stop = k;
                break;
            }
        }
        let from = figs.partition_point(|f| f.f.chars.0 < mend);
        for f in figs[from..].iter().take_while(|f| f.f.chars.1 <= stop) {
            if f.role != Role::Level {
                continue;
            }
            if let Some((_, t)) = &total
                && !same_dimension(t, &f.f)
                && !(t.unit.is_money() && f.f.unit.is_money())
            {
                continue;
            }
            if f.f.unit.is_percent() {
                continue;
            }
            if is_total_label(&f.label) || f.label.is_empty() {
                // another total, or a bare number (a flattened table cell): the list ended
                break;
            }
            parts.push(f);
        }
        if marker == Marker::Total && parts.len() < 2 {
            continue;
        }
        if parts.is_empty() {
            continue;
        }
        let mut complete = marker == Marker::Fenbie;
        let mut identity = None;
        if let Some((tl, _)) = &total
            && let Some(name) = named_identity(s, tl, &parts)
        {
            complete = true;
            identity = Some(name.to_string());
        }
        let same = |b: &Breakdown| {
            b.total.as_ref().map(|t| t.span) == total.as_ref().map(|t| t.1.span)
                && b.parts.len() == parts.len()
                && b.parts
                    .iter()
                    .zip(parts.iter())
                    .all(|(x, y)| x.figure.span == y.f.span)
        };
        if facts.breakdowns[first_of_sentence..].iter().any(same) {
            continue;
        }
        facts.breakdowns.push(Breakdown {
            total_label: total.as_ref().map(|t| t.0.clone()).unwrap_or_default(),
            total: total.map(|t| t.1),
            parts: parts
                .iter()
                .map(|f| Amount {
                    label: f.label.clone(),
                    year: None,
                    figure: f.f.clone(),
                    sentence: 0,
                })
                .collect(),
            complete,
            marker: match marker {
                Marker::Qizhong => "其中",
                Marker::Baokuo => "包括",
                Marker::Fenbie => "分别为",
                Marker::Wei => "为",
                Marker::Total => "共计",
            }
            .to_string(),
            identity,
        });
    }
}

/// A named identity: a total and the components that make it up.
struct Identity {
    name: &'static str,
    /// Words one of which the total's label contains.
    total: &'static [&'static str],
    /// Components: each is a list of words one of which a part's label contains.
    parts: &'static [&'static [&'static str]],
    /// Components that may be listed but need not be.
    optional: &'static [&'static [&'static str]],
}

/// The identities of spec/rule-catalog.md that make a breakdown complete.
const IDENTITIES: &[Identity] = &[
    Identity {
        name: "三公经费",
        total: &["三公"],
        parts: &[&["出国"], &["车"], &["接待"]],
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
        optional: &[],
    },
    Identity {
        name: "本年支出合计",
        total: &["支出合计", "本年支出", "支出总额"],
        parts: &[&["基本支出"], &["项目支出"]],
        optional: &[&["上缴上级"], &["经营支出"], &["对附属单位补助"]],
    },
    Identity {
        name: "基本支出",
        total: &["基本支出"],
        parts: &[&["人员经费"], &["公用经费"]],
        optional: &[],
    },
    Identity {
        name: "收入总计",
        total: &["收入总计"],
        parts: &[&["本年收入"], &["年初结转", "结转和结余"]],
        optional: &[&["非财政拨款结余", "事业基金"]],
    },
    Identity {
        name: "调整后预算",
        total: &["预算"],
        parts: &[&["年初预算"], &["调整追加", "追加", "调增"]],
        optional: &[],
    },
];

/// A breakdown that a named identity makes complete: every component is listed (or stated to
/// be zero in the paragraph: `出国费今年为零`) and every part is a component.
fn named_identity(s: &CharStream, total_label: &str, parts: &[&Fig]) -> Option<&'static str> {
    let text = s.folded();
    let stated_zero = |w: &str| -> bool {
        text.match_indices(w).any(|(b, _)| {
            let i = s.char_at_byte(b);
            let window = s.text(i, i + 14);
            ["为零", "为0", "没有", "未发生", "为 0"]
                .iter()
                .any(|z| window.contains(z))
        })
    };
    'ids: for id in IDENTITIES {
        if !id.total.iter().any(|w| total_label.contains(w)) {
            continue;
        }
        // the total's own label must not itself be one of the components
        if id
            .parts
            .iter()
            .any(|c| c.iter().any(|w| total_label.ends_with(w)))
            && id.name != "基本支出"
        {
            continue;
        }
        for p in parts {
            let known = id
                .parts
                .iter()
                .chain(id.optional.iter())
                .any(|c| c.iter().any(|w| p.label.contains(w)));
            if !known {
                continue 'ids;
            }
        }
        for c in id.parts {
            let listed = parts.iter().any(|p| c.iter().any(|w| p.label.contains(w)));
            if !listed && !c.iter().any(|w| stated_zero(w)) {
                continue 'ids;
            }
        }
        return Some(id.name);
    }
    None
}

fn shares(s: &CharStream, figs: &[Fig], facts: &mut Facts) {
    let base_group = facts.shares.last().map(|x| x.group + 1).unwrap_or(0);
    let mut groups: Vec<String> = Vec::new();
    let mut last_level: Option<&Fig> = None;
    for f in figs {
        match f.role {
            Role::Level => last_level = Some(f),
            Role::Share => {
                let item = s.text(f.pre_start, f.f.chars.0);
                let whole = match item.find('占') {
                    Some(p) => {
                        let w = &item[p + '占'.len_utf8()..];
                        let w = w.trim();
                        let w = w.strip_prefix('比').unwrap_or(w);
                        let w = w.trim_end_matches(|c: char| {
                            c == ' ' || c == '为' || c == '的' || c == '达'
                        });
                        let w = w
                            .trim_end_matches("比重")
                            .trim_end_matches("比例")
                            .trim_end_matches("的");
                        w.trim().to_string()
                    }
                    None => String::new(),
                };
                let g = match groups.iter().position(|x| *x == whole) {
                    Some(i) => i,
                    None => {
                        groups.push(whole.clone());
                        groups.len() - 1
                    }
                };
                let part = last_level.filter(|l| l.f.chars.1 <= f.f.chars.0);
                facts.shares.push(Share {
                    part_label: part.map(|p| p.label.clone()).unwrap_or_default(),
                    part: part.map(|p| p.f.clone()),
                    whole_label: whole,
                    whole: None,
                    share: f.f.clone(),
                    group: base_group + g,
                    group_complete: false,
                });
            }
            _ => {}
        }
    }
}

/// Tie shares to a whole amount: the total of the breakdown their part belongs to (implicit
/// whole), or a unique amount whose label ends with the named whole.
fn resolve_share_wholes(facts: &mut Facts) {
    use std::collections::HashMap;
    if facts.shares.is_empty() {
        return;
    }
    // part span → total of its breakdown
    let mut total_of: HashMap<Span, Option<Figure>> = HashMap::new();
    for b in &facts.breakdowns {
        for p in &b.parts {
            if let Some(sp) = p.figure.span {
                total_of.insert(sp, b.total.clone());
            }
        }
    }
    // named wholes → amounts whose label ends with them
    let mut keys: std::collections::HashSet<String> = std::collections::HashSet::new();
    for sh in &facts.shares {
        if !sh.whole_label.is_empty() {
            let k = sh.whole_label.replace(' ', "");
            for x in [k.trim_end_matches("预算").to_string(), k] {
                if !x.is_empty() {
                    keys.insert(x);
                }
            }
        }
    }
    // (keys are few: test each label against each key rather than each suffix against a set)
    let keys: Vec<String> = keys
        .into_iter()
        .filter(|k| k.chars().count() <= 64)
        .collect();
    let mut by_suffix: HashMap<String, Vec<usize>> = HashMap::new();
    if !keys.is_empty() {
        for (i, a) in facts.amounts.iter().enumerate() {
            let l: std::borrow::Cow<str> = if a.label.contains(' ') {
                a.label.replace(' ', "").into()
            } else {
                a.label.as_str().into()
            };
            for k in &keys {
                if l.ends_with(k.as_str()) {
                    by_suffix.entry(k.clone()).or_default().push(i);
                }
            }
        }
    }
    for sh in facts.shares.iter_mut() {
        let Some(part) = &sh.part else { continue };
        if sh.whole_label.is_empty() {
            if let Some(sp) = part.span
                && let Some(t) = total_of.get(&sp)
            {
                sh.whole = t.clone();
            }
            continue;
        }
        let key = sh.whole_label.replace(' ', "");
        let mut cands: Vec<usize> = Vec::new();
        for k in [key.as_str(), key.trim_end_matches("预算")] {
            if k.is_empty() {
                continue;
            }
            for &i in by_suffix.get(k).map(|v| v.as_slice()).unwrap_or(&[]) {
                let a = &facts.amounts[i];
                if a.figure.unit.same_dimension(&part.unit)
                    && a.figure.span != part.span
                    && !cands.contains(&i)
                {
                    cands.push(i);
                }
            }
        }
        if cands.len() == 1 {
            sh.whole = Some(facts.amounts[cands[0]].figure.clone());
        }
    }
}

/// Latin-script words standing between Chinese characters (`思想 and 党的`).
fn latin_words(p: &Para, facts: &mut Facts) {
    let s = &p.s;
    if !s.has_latin() {
        return;
    }
    let n = s.len();
    let is_cjk = |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c);
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
                facts.latin_words.push(Text::new(word, Some(s.span(st, i))));
            }
            continue;
        }
        i += 1;
    }
}
