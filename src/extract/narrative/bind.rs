//! From what the reader bound to the facts of the model: amounts with their key figure
//! names, breakdowns as a tree, comparisons, shares tied to their whole, rates with their
//! numerator and denominator, and prose scoring statements as a scoring table.

use super::lexicon::{IDENTITIES, Measure, PeriodWord};
use super::read::{Item, Parsed, Role, ScoreEvent, ScoreNode};
use super::tokens::Style;
use crate::facts::{Amount, Breakdown, Comparison, Direction, Facts, Frame, Ratio, Share};
use crate::figure::Figure;
use crate::model::{Cell, IndicatorRow, Section, SelfEvalTable, TableOrigin, Text, TotalRow};
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};

/// The facts, the prose scoring table (when the narrative states scores) and, when asked,
/// the frames.
pub(crate) fn to_facts(p: Parsed, doc: &str, frames: bool) -> (Facts, Option<SelfEvalTable>) {
    let mut facts = Facts::default();
    // whether the report names a fund scope other than the general public budget, found
    // only when a key figure needs it
    let other_scope = std::cell::OnceCell::new();
    let other_scope = || *other_scope.get_or_init(|| names_other_scope(doc));
    let is_part: HashSet<usize> = p
        .lists
        .iter()
        .flat_map(|l| l.parts.iter().flatten().chain(l.loose.iter()))
        .copied()
        .collect();
    breakdowns(&p, &mut facts);
    spread_identities(&p, &mut facts, &is_part);
    comparisons(&p, doc, &mut facts);
    shares(&p, &mut facts);
    stated_shares(&p, doc, &mut facts);
    ratios(&p, &mut facts);
    if frames {
        facts.frames = frames_of(&p.items);
    }
    let table = prose_table(&p);
    // the amounts last, taking the items' figures and labels instead of copying them: the
    // amounts are collected into the items' own buffer (in-place collection), so the two are
    // never held side by side
    let Parsed { items, .. } = p;
    let mut amounts: Vec<Amount> = items
        .into_iter()
        .enumerate()
        .filter(|(_, it)| is_amount(it))
        .map(|(i, it)| Amount {
            // a list's item is qualified by its head: not a key figure of its own
            key: key_of(&it, &other_scope).filter(|_| !is_part.contains(&i)),
            label: it.label,
            year: it.period.year,
            figure: it.f,
            sentence: it.sentence as usize,
        })
        .collect();
    amounts.shrink_to_fit();
    facts.amounts = amounts;
    (facts, table)
}

/// A level, rate or score stated in prose is an amount of the facts (a change in points is
/// not).
fn is_amount(it: &Item) -> bool {
    matches!(it.role, Role::Level | Role::Rate(_) | Role::Score(_))
        && !matches!(
            it.f.unit,
            crate::figure::Unit::PercentPoint | crate::figure::Unit::PerMillePoint
        )
}

/// Whether the report names a fund scope other than the general public budget.
fn names_other_scope(doc: &str) -> bool {
    let mut folded = String::with_capacity(doc.len());
    folded.extend(doc.chars().map(|c| {
        if crate::source::is_plain_ideograph(c) {
            c
        } else {
            crate::source::fold_char(c)
        }
    }));
    super::lexicon::OTHER_SCOPES
        .iter()
        .any(|w| memchr::memmem::find(folded.as_bytes(), w.as_bytes()).is_some())
}

/// One comparison of the facts per comparison read: its levels, change, rate and direction.
fn comparisons(p: &Parsed, doc: &str, facts: &mut Facts) {
    let items = &p.items;
    // (one comparison of the facts per one read: room for exactly that many)
    facts.comparisons.reserve_exact(p.comparisons.len());
    for c in &p.comparisons {
        let get = |i: Option<usize>| i.map(|i| &items[i]);
        let (cur, prior, delta, rate) = (get(c.current), get(c.prior), get(c.delta), get(c.rate));
        let dir = |x: Option<&Item>| {
            x.and_then(|it| match it.role {
                Role::Change { dir, .. } => it.dir_span.map(|s| (dir, s)),
                _ => None,
            })
        };
        let label = cur.or(prior).map(|x| x.label.clone()).unwrap_or_default();
        facts.comparisons.push(Comparison {
            label,
            subject: c.subject.clone(),
            current: cur.map(|x| x.f.clone()),
            prior: prior.map(|x| x.f.clone()),
            direction: dir(delta).or(c.flat.map(|sp| (Direction::Flat, sp))),
            direction_word: dir(delta)
                .map(|(_, sp)| sp)
                .or(c.flat)
                .and_then(|sp| doc.get(sp.offset..sp.end()))
                .map(str::to_string),
            delta: delta.map(|x| x.f.clone()),
            rate_direction: dir(rate),
            rate: rate.map(|x| x.f.clone()),
            baseline: c.baseline.clone(),
            against_budget: c.against_budget,
            completion: get(c.completion).map(|x| x.f.clone()),
        });
    }
}

/// The rates stated in prose with the amounts they are the ratio of.
fn ratios(p: &Parsed, facts: &mut Facts) {
    let items = &p.items;
    facts.ratios.reserve_exact(p.ratios.len());
    for r in &p.ratios {
        let name = match items[r.rate].role {
            Role::Rate(rw) => rw.name.to_string(),
            _ => continue,
        };
        facts.ratios.push(Ratio {
            name,
            numerator: items[r.num].f.clone(),
            numerator_label: items[r.num].label.clone(),
            denominator: items[r.den].f.clone(),
            denominator_label: items[r.den].label.clone(),
            rate: items[r.rate].f.clone(),
        });
    }
}

/// What the reader bound to each figure (for `extract`'s frames).
fn frames_of(items: &[Item]) -> Vec<Frame> {
    items
        .iter()
        .map(|it| Frame {
            sentence: it.sentence as usize,
            figure: it.f.raw.clone(),
            span: it.f.span,
            role: it.role.name().to_string(),
            label: it.label.clone(),
            subject: it.subject.clone(),
            subject_carried: !it.own_subject && !it.subject.is_empty(),
            period: it.period.describe(),
            measure: it.measure.map(measure_name),
        })
        .collect()
}

fn measure_name(m: Measure) -> String {
    match m {
        Measure::Budget => "budget",
        Measure::Spent => "spent",
        Measure::Paid => "paid",
        Measure::Arrived => "arrived",
        Measure::Revenue => "revenue",
        Measure::Balance => "balance",
    }
    .to_string()
}

/// The key figure name of a level amount: its subject when the subject is a budget concept
/// (基本支出, 人员经费, 三公经费 …) and its measures, with the general public budget scope
/// folded in when the report names no other fund.
fn key_of(it: &Item, other_scope: &dyn Fn() -> bool) -> Option<String> {
    if it.role != Role::Level || !it.own_subject || !it.f.is_checkable() || !it.f.unit.is_money() {
        return None;
    }
    // a previous year's figure or a budget stage is another figure
    if it.period.rel == Some(super::lexicon::PeriodWord::Prev) || it.period.stage.is_some() {
        return None;
    }
    let mut measures = it.measures;
    // the top-level concepts of a department's budget (economic classes such as 工资福利 or
    // 商品和服务 recur under every head and are not key figures)
    const CONCEPTS: &[&str] = &["基本", "项目", "人员", "公用", "三公", "财政拨款"];
    let mut subject = Some(it.subject.as_str()).filter(|x| CONCEPTS.contains(x));
    if it.general_scope {
        if other_scope() {
            return None;
        }
        // (the scope's words as they remain in the subject once 预算 is taken out)
        for w in ["一般公共财政", "一般公共", "公共财政"] {
            if let Some(r) = it.subject.strip_prefix(w)
                && CONCEPTS.contains(&r)
            {
                subject = Some(r);
            }
        }
        measures |= 1 << (Measure::Budget as u8);
    }
    let subject = subject?;
    if measures == 0 {
        return None;
    }
    Some(format!("{subject}|{measures}"))
}

// Long by design: builds the breakdown tree of each list (nested by brackets and 其中) in one pass.
fn breakdowns(p: &Parsed, facts: &mut Facts) {
    let items = &p.items;
    // item → breakdown it is a part of (for parents)
    let mut part_of: HashMap<usize, usize> = HashMap::new();
    let mut made: Vec<(usize, Option<usize>)> = Vec::new(); // (breakdown, head item)
    let mut lists: Vec<&super::read::List> = p.lists.iter().collect();
    // heads before the lists they head: sort by the position of the first item
    lists.sort_by_key(|l| {
        l.heads
            .first()
            .copied()
            .or(l.loose.first().copied())
            .unwrap_or(usize::MAX)
    });
    for l in lists {
        let marker = l.word.to_string();
        if l.heads.is_empty() {
            if l.loose.len() >= 2 {
                let parts: Vec<Amount> = l.loose.iter().map(|&i| part(&items[i])).collect();
                let k = facts.breakdowns.len();
                for &i in &l.loose {
                    part_of.entry(i).or_insert(k);
                }
                facts.breakdowns.push(Breakdown {
                    total_label: String::new(),
                    total: None,
                    parts,
                    complete: false,
                    marker,
                    identity: None,
                    parent: None,
                });
                made.push((k, None));
            }
            continue;
        }
        for (h, ps) in l.heads.iter().zip(&l.parts) {
            if ps.is_empty() {
                continue;
            }
            // the same item named twice is no list of parts (a table's cells read twice)
            // (an item's name: its label with the subject it carries)
            let mut labels: Vec<String> = ps
                .iter()
                .filter(|&&i| !items[i].label.is_empty())
                .map(|&i| format!("{}|{}", items[i].subject, items[i].label))
                .collect();
            let n = labels.len();
            labels.sort_unstable();
            labels.dedup();
            if labels.len() < n {
                continue;
            }
            let head = &items[*h];
            let parts: Vec<&Item> = ps.iter().map(|&i| &items[i]).collect();
            let mut complete = l.kind == super::lexicon::ListWord::Complete;
            let mut identity = None;
            if let Some(name) = named_identity(&p.zero_text, &head.label, &parts) {
                complete = true;
                identity = Some(name.to_string());
            }
            let k = facts.breakdowns.len();
            for &i in ps {
                part_of.entry(i).or_insert(k);
            }
            facts.breakdowns.push(Breakdown {
                total_label: head.label.clone(),
                total: Some(head.f.clone()),
                parts: parts.iter().map(|x| part(x)).collect(),
                complete,
                marker: marker.clone(),
                identity,
                parent: None,
            });
            made.push((k, Some(*h)));
        }
    }
    for (k, head) in made {
        if let Some(h) = head
            && let Some(&pk) = part_of.get(&h)
            && pk != k
        {
            facts.breakdowns[k].parent = Some(pk);
        }
    }
}

/// Named identities whose components are stated one by one after the total, each in a
/// sentence or section of its own (`“三公”经费支出 3825 万元 … 一、因公出国(境)经费 … 99 万元 …
/// 二、公务接待费 1014 万元 …`). Only for identities marked `spread`. The breakdown is made
/// when the total heads no list of its own and every component has exactly one amount after
/// it, before the identity's total is named again: a level of the total's dimension and
/// measure, of its year (or none printed; the parts all of one), with a label naming that one component, not a part of
/// another list. Anything less is left out.
// Long by design: the named identities (收入 = 财政拨款 + …) found and checked in one pass over the
// totals.
fn spread_identities(p: &Parsed, facts: &mut Facts, is_part: &HashSet<usize>) {
    let items = &p.items;
    let heads: HashSet<usize> = p
        .lists
        .iter()
        .flat_map(|l| l.heads.iter().copied())
        .collect();
    use memchr::memmem::Finder;
    for id in IDENTITIES.iter().filter(|id| id.spread) {
        // (finders built once per identity: labels are searched many times)
        let totals: Vec<Finder> = id.total.iter().map(Finder::new).collect();
        let names_total = |it: &Item| totals.iter().any(|f| f.find(it.label.as_bytes()).is_some());
        let named: Vec<usize> = (0..items.len())
            .filter(|&i| {
                items[i].role == Role::Level && items[i].f.unit.is_money() && names_total(&items[i])
            })
            .collect();
        if named.is_empty() {
            continue;
        }
        for (k, &t) in named.iter().enumerate() {
            let total = &items[t];
            if heads.contains(&t) || is_part.contains(&t) || !total.f.is_checkable() {
                continue;
            }
            let end = named.get(k + 1).copied().unwrap_or(items.len());
            let fits = |c: &Item| {
                c.role == Role::Level
                    && c.own_subject
                    && c.f.unit.same_dimension(&total.f.unit)
                    // of the total's measure; a part naming none only under a total that is
                    // not a budget (a budget total's parts say 预算 too: `…预算50万元。因公出国
                    // 费10万元` may be what was spent)
                    && match c.measure {
                        Some(m) => Some(m) == total.measure,
                        None => total.measure != Some(Measure::Budget),
                    }
                    // of the total's period: none printed, or the same (本年 for a total
                    // without one)
                    && (c.period.rel.is_none()
                        || c.period.rel == total.period.rel
                        || total.period.rel.is_none()
                            && c.period.rel == Some(PeriodWord::This))
                    && (c.period.stage.is_none() || c.period.stage == total.period.stage)
                    && (total.period.year.is_none()
                        || c.period.year.is_none()
                        || c.period.year == total.period.year)
            };
            let comps: Vec<Vec<Finder>> = id
                .parts
                .iter()
                .chain(id.optional.iter())
                .map(|ws| ws.iter().map(Finder::new).collect())
                .collect();
            let which = |c: &Item| -> Option<usize> {
                let mut hit = comps
                    .iter()
                    .enumerate()
                    .filter(|(_, fs)| fs.iter().any(|f| f.find(c.label.as_bytes()).is_some()))
                    .map(|(n, _)| n);
                match (hit.next(), hit.next()) {
                    (Some(n), None) => Some(n),
                    _ => None,
                }
            };
            let mut found: Vec<Vec<usize>> = vec![Vec::new(); comps.len()];
            for (c, it) in items.iter().enumerate().take(end).skip(t + 1) {
                if !is_part.contains(&c)
                    && fits(it)
                    && let Some(n) = which(it)
                {
                    found[n].push(c);
                }
            }
            let required = id.parts.len();
            if found[..required].iter().any(|f| f.len() != 1)
                || found[required..].iter().any(|f| f.len() > 1)
            {
                continue;
            }
            let mut parts: Vec<usize> = found.into_iter().flatten().collect();
            // one year for all the parts
            let mut years = parts.iter().map(|&c| items[c].period.year);
            let first = years.next().flatten();
            if years.any(|y| y != first) {
                continue;
            }
            parts.sort_unstable();
            facts.breakdowns.push(Breakdown {
                total_label: total.label.clone(),
                total: Some(total.f.clone()),
                parts: parts.iter().map(|&c| part(&items[c])).collect(),
                complete: true,
                marker: id.name.to_string(),
                identity: Some(id.name.to_string()),
                parent: None,
            });
        }
    }
}

fn part(it: &Item) -> Amount {
    Amount {
        label: it.label.clone(),
        year: it.period.year,
        figure: it.f.clone(),
        sentence: it.sentence as usize,
        key: None,
    }
}

/// A breakdown that a named identity makes complete: every component is listed (or stated to
/// be zero in the text: `出国费今年为零`) and every part is a component.
fn named_identity(text: &str, total_label: &str, parts: &[&Item]) -> Option<&'static str> {
    let stated_zero = |w: &str| -> bool {
        text.match_indices(w).any(|(b, _)| {
            let rest = &text[b..];
            let window: String = rest.chars().take(14).collect();
            super::lexicon::ZERO_WORDS
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

/// Shares, each tied to its whole: the head of the list its part belongs to (implicit whole),
/// or the one amount the named whole names — the amount labelled exactly so first, else the
/// only amount whose label ends with it.
// Long by design: ties each share to its whole in one pass, with the groups that decide
// completeness.
fn shares(p: &Parsed, facts: &mut Facts) {
    let items = &p.items;
    // part item → head item of its list
    let mut head_of: HashMap<usize, usize> = HashMap::new();
    for l in &p.lists {
        for (h, ps) in l.heads.iter().zip(&l.parts) {
            for &i in ps {
                head_of.entry(i).or_insert(*h);
            }
        }
    }
    let key = |s: &str| s.replace(' ', "");
    // the whole a share names, by label
    let find_named = |whole: &str, part: Option<usize>| -> Option<Figure> {
        let w = key(whole);
        let unit_ok = |i: usize| {
            part.is_none_or(|pi| items[i].f.unit.same_dimension(&items[pi].f.unit))
                && Some(i) != part
        };
        let levels = items
            .iter()
            .enumerate()
            .filter(|(i, it)| it.role == Role::Level && unit_ok(*i));
        let exact: Vec<usize> = levels
            .clone()
            .filter(|(_, it)| key(&it.label) == w)
            .map(|(i, _)| i)
            .collect();
        let same_value = |c: &[usize]| {
            let first = items[c[0]].f.interval();
            c.iter()
                .all(|&i| items[i].f.interval().is_some() && items[i].f.interval() == first)
        };
        if !exact.is_empty() {
            return same_value(&exact).then(|| items[exact[0]].f.clone());
        }
        // (labels are printed without a trailing 合计/总计: so is the whole compared)
        let w = w
            .trim_end_matches("合计")
            .trim_end_matches("总计")
            .to_string();
        let stem = w.trim_end_matches("预算");
        let mut cands: Vec<usize> = Vec::new();
        for k in [w.as_str(), stem] {
            if k.is_empty() {
                continue;
            }
            for (i, it) in levels.clone() {
                if key(&it.label).ends_with(k) && !cands.contains(&i) {
                    cands.push(i);
                }
            }
        }
        if cands.len() == 1 {
            Some(items[cands[0]].f.clone())
        } else {
            None
        }
    };
    for sr in &p.shares {
        let s = &items[sr.share];
        let part = sr.part.map(|i| &items[i]);
        let whole = if sr.whole.is_empty() {
            sr.part
                .and_then(|pi| head_of.get(&pi))
                .map(|&h| items[h].f.clone())
        } else if sr.part.is_some() {
            find_named(&sr.whole, sr.part)
        } else {
            None
        };
        facts.shares.push(Share {
            part_label: part.map(|x| x.label.clone()).unwrap_or_default(),
            part: part.map(|x| x.f.clone()),
            whole_label: sr.whole.clone(),
            whole,
            share: s.f.clone(),
            group: sr.group * 64 + group_of(&sr.whole),
            group_complete: false,
        });
    }
    // group numbers: shares of one sentence and one named whole
    let mut seen: HashMap<usize, usize> = HashMap::new();
    for sh in facts.shares.iter_mut() {
        let n = seen.len();
        sh.group = *seen.entry(sh.group).or_insert(n);
    }
}

/// `占 X%，为 Y 万元`: a percent and the amount right after it (joined by 为 / 是 / 计 / 共计)
/// in one sentence, as (percent item, amount item), in order.
fn percent_amount_pairs(items: &[Item], doc: &str) -> Vec<(usize, usize)> {
    use crate::figure::Unit;
    let gap_is = |a: &Item, b: &Item| -> bool {
        let (Some(x), Some(y)) = (a.f.span, b.f.span) else {
            return false;
        };
        let (from, to) = (x.offset + x.len, y.offset);
        to >= from
            && doc
                .get(from..to)
                .is_some_and(|g| matches!(g.trim(), "为" | "是" | "计" | "共计"))
    };
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for i in 1..items.len() {
        let (a, b) = (&items[i - 1], &items[i]);
        if a.role == Role::Level
            && b.role == Role::Level
            && a.sentence == b.sentence
            && a.f.unit == Unit::Percent
            && a.f.is_checkable()
            && b.f.unit.is_money()
            && b.f.is_checkable()
            && b.label.is_empty()
            && gap_is(a, b)
        {
            pairs.push((i - 1, i));
        }
    }
    pairs
}

/// Shares stated before their amount (`总保费 1293.45 万元，中央财政补贴 47.5% 为 614.39 万元，
/// 省级财政补贴 32.5% 为 420.37 万元`): a percent followed by 为/是 and an amount of the same
/// clause is the share that amount is of a whole the text does not name. The whole is the one
/// money amount before them in the sentence (not itself such a part) that at least one of the
/// statements verifies exactly as printed, and no other candidate does; each statement that
/// agrees with it — as printed, or once its amount is read in the other of 元/万元 — is
/// recorded. A statement that agrees in no reading is left out (its whole may be another).
fn stated_shares(p: &Parsed, doc: &str, facts: &mut Facts) {
    use crate::figure::{Unit, ratio_meets};
    let items = &p.items;
    let pairs = percent_amount_pairs(items, doc);
    let factor_of = |f: &Figure| match &f.unit {
        Unit::Money { factor, .. } => Some(*factor),
        _ => None,
    };
    let meets = |part: &Figure, fac: Decimal, whole: &Figure, share: &Figure| -> bool {
        let (Some(pi), Some(wi), Some(si)) = (
            crate::figure::Interval::displayed(part.shown, fac),
            whole.interval(),
            share.interval(),
        ) else {
            return false;
        };
        ratio_meets(pi, wi, si) == Some(true)
    };
    let mut k = 0;
    while k < pairs.len() {
        let sentence = items[pairs[k].0].sentence;
        let mut end = k;
        while end < pairs.len() && items[pairs[end].0].sentence == sentence {
            end += 1;
        }
        let group = &pairs[k..end];
        k = end;
        let first = group[0].0;
        let in_pair: HashSet<usize> = group.iter().flat_map(|&(a, b)| [a, b]).collect();
        let cands: Vec<usize> = (0..first)
            .filter(|&c| {
                let it = &items[c];
                it.sentence == sentence
                    && it.role == Role::Level
                    && it.f.unit.is_money()
                    && it.f.is_checkable()
                    && !in_pair.contains(&c)
            })
            .collect();
        let verified: Vec<usize> = cands
            .iter()
            .copied()
            .filter(|&w| {
                group.iter().any(|&(s, a)| {
                    factor_of(&items[a].f)
                        .is_some_and(|fac| meets(&items[a].f, fac, &items[w].f, &items[s].f))
                })
            })
            .collect();
        let [w] = verified[..] else { continue };
        let whole = &items[w];
        let no = facts.shares.iter().map(|x| x.group + 1).max().unwrap_or(0);
        for &(s, a) in group {
            let Some(fac) = factor_of(&items[a].f) else {
                continue;
            };
            let other = if fac == Decimal::ONE {
                Decimal::from(10_000)
            } else {
                Decimal::ONE
            };
            let agrees = meets(&items[a].f, fac, &whole.f, &items[s].f)
                || meets(&items[a].f, other, &whole.f, &items[s].f);
            if !agrees {
                continue;
            }
            facts.shares.push(Share {
                part_label: items[s].label.clone(),
                part: Some(items[a].f.clone()),
                whole_label: whole.label.clone(),
                whole: Some(whole.f.clone()),
                share: items[s].f.clone(),
                group: no,
                group_complete: false,
            });
        }
    }
}

fn group_of(whole: &str) -> usize {
    // a small stable number per whole name within a sentence
    whole
        .bytes()
        .fold(0usize, |a, b| a.wrapping_mul(31).wrapping_add(b as usize))
        % 64
}

/// A scored item of the prose and its place in the tree of headings.
struct N<'a> {
    node: &'a ScoreNode,
    parent: Option<usize>,
    children: usize,
}

/// The scoring statements as a tree (each under the nearest heading of a shallower numbering
/// style), with the total and the grade stated.
fn score_tree(p: &Parsed) -> ScoreTree<'_> {
    let mut nodes: Vec<N> = Vec::new();
    let mut styles: Vec<Style> = Vec::new();
    // open nodes: (style depth, node index)
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut total: Option<&ScoreNode> = None;
    let mut grade: Option<(char, crate::source::Span)> = None;
    let depth_of = |styles: &mut Vec<Style>, st: Style| -> usize {
        if let Some(p) = styles.iter().position(|&x| x == st) {
            styles.truncate(p + 1);
            p
        } else {
            styles.push(st);
            styles.len() - 1
        }
    };
    for ev in &p.scores {
        match ev {
            ScoreEvent::Marker(st) => {
                let d = depth_of(&mut styles, *st);
                stack.retain(|&(sd, _)| sd < d);
            }
            ScoreEvent::Node(n) => {
                if n.grade.is_some() {
                    grade = n.grade;
                }
                let is_total = n.total || (n.name.is_empty() && n.marker.is_none());
                if is_total {
                    if n.score.is_some() {
                        total = Some(n);
                    }
                    continue;
                }
                let Some(st) = n.marker else {
                    continue;
                };
                if n.name.is_empty() {
                    continue;
                }
                let d = depth_of(&mut styles, st);
                stack.retain(|&(sd, _)| sd < d);
                let parent = stack.last().map(|&(_, k)| k);
                if let Some(pk) = parent {
                    nodes[pk].children += 1;
                }
                stack.push((d, nodes.len()));
                nodes.push(N {
                    node: n,
                    parent,
                    children: 0,
                });
            }
        }
    }
    ScoreTree {
        nodes,
        total,
        grade,
    }
}

/// The scored items, the total and the grade the prose states.
struct ScoreTree<'a> {
    nodes: Vec<N<'a>>,
    total: Option<&'a ScoreNode>,
    grade: Option<(char, crate::source::Span)>,
}

/// The scoring statements of the narrative as a scoring table: an item with items numbered
/// under it (`2. 效益指标：分值30分 … (1) 社会效益指标：分值20分 …`) is a section of its
/// children; a statement of the whole (`自评总分 95 分，等级为优`) is the total.
fn prose_table(p: &Parsed) -> Option<SelfEvalTable> {
    let items = &p.items;
    let ScoreTree {
        nodes,
        total,
        grade,
    } = score_tree(p);
    let cell = |i: Option<usize>| -> Option<Cell> {
        let it = &items[i?];
        let f = &it.f;
        // the figure's number as printed, so the cell reads back as the same figure
        Some(Cell::new(
            f.shown.to_string(),
            f.span.map(|s| number_span(f, s)),
        ))
    };
    let mut t = SelfEvalTable {
        origin: TableOrigin::Prose,
        ..Default::default()
    };
    let mut section_of: HashMap<usize, usize> = HashMap::new();
    for (k, n) in nodes.iter().enumerate() {
        if n.children > 0 && n.node.weight.is_some() {
            section_of.insert(k, t.sections.len());
            t.sections.push(Section {
                name: Text::new(n.node.name.clone(), n.node.name_span),
                weight: cell(n.node.weight),
                membership_certain: true,
            });
        }
    }
    for n in &nodes {
        if n.node.weight.is_none() && n.node.score.is_none() {
            continue;
        }
        t.indicators.push(IndicatorRow {
            name: Text::new(n.node.name.clone(), n.node.name_span),
            weight: cell(n.node.weight),
            score: cell(n.node.score),
            section: n.parent.and_then(|pk| section_of.get(&pk).copied()),
            ..Default::default()
        });
    }
    if let Some(tn) = total {
        t.total = Some(TotalRow {
            weight: cell(tn.weight),
            score: cell(tn.score),
            span: None,
        });
    }
    if let Some((g, sp)) = grade {
        t.grade = Some(Text::new(g.to_string(), Some(sp)));
    }
    let useful = !t.sections.is_empty()
        || t.total.as_ref().is_some_and(|x| x.score.is_some())
        || t.indicators
            .iter()
            .any(|r| r.weight.is_some() && r.score.is_some());
    useful.then_some(t)
}

/// The span of a figure's number (without its unit): prose figures read back as cells.
fn number_span(f: &Figure, s: crate::source::Span) -> crate::source::Span {
    let n = f.shown.to_string();
    match f.raw.find(&n) {
        Some(p) if f.raw.len() == s.len => crate::source::Span::new(s.offset + p, n.len()),
        _ => s,
    }
}
