//! .xlsx: every sheet, each row a tab-separated line with cells at their column (merged
//! regions keep their value in the top-left cell). Numbers keep the decimals their number
//! format shows, percent formats print as `95%`, and a formula cell without a cached value is
//! shown as its formula and noted, never read as empty. Locations are `Sheet!B7`.

use super::Converted;
use crate::error::{InputError, InputErrorKind as K};
use crate::source::Origin;
use crate::source::decode::{Limits, cap_cell, text_over_limit, zip_entry};
use quick_xml::events::Event;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::str::FromStr;

/// A number format: percent or not, and decimals shown (None: as stored).
#[derive(Clone, Copy, Debug, Default)]
struct NumFmt {
    percent: bool,
    decimals: Option<u32>,
}

fn builtin_fmt(id: u32) -> NumFmt {
    match id {
        1 | 3 | 37 | 38 => NumFmt {
            percent: false,
            decimals: Some(0),
        },
        2 | 4 | 39 | 40 => NumFmt {
            percent: false,
            decimals: Some(2),
        },
        9 => NumFmt {
            percent: true,
            decimals: Some(0),
        },
        10 => NumFmt {
            percent: true,
            decimals: Some(2),
        },
        _ => NumFmt::default(),
    }
}

fn parse_fmt(code: &str) -> NumFmt {
    let section = code.split(';').next().unwrap_or("");
    // drop quoted literals and bracketed colours/conditions
    let mut clean = String::new();
    let mut in_q = false;
    let mut in_b = false;
    for c in section.chars() {
        match c {
            '"' => in_q = !in_q,
            '[' if !in_q => in_b = true,
            ']' if !in_q => in_b = false,
            _ if !in_q && !in_b => clean.push(c),
            _ => {}
        }
    }
    let percent = clean.contains('%');
    let decimals = if clean.contains('0') || clean.contains('#') {
        Some(
            clean
                .split('.')
                .nth(1)
                .map(|d| d.chars().take_while(|c| *c == '0' || *c == '#').count() as u32)
                .unwrap_or(0),
        )
    } else {
        None
    };
    NumFmt { percent, decimals }
}

fn col_index(r: &str) -> Option<(usize, usize)> {
    let letters: String = r.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let digits: String = r.chars().skip(letters.len()).collect();
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let mut c = 0usize;
    for ch in letters.chars() {
        c = c * 26 + (ch.to_ascii_uppercase() as usize - 'A' as usize + 1);
    }
    let row = digits.parse::<usize>().ok()?;
    Some((c - 1, row.checked_sub(1)?))
}

/// Spreadsheet column letters of a 0-based column index (0 → A, 26 → AA).
pub(crate) fn col_name(mut c: usize) -> String {
    let mut s = Vec::new();
    c += 1;
    while c > 0 {
        let r = (c - 1) % 26;
        s.push((b'A' + r as u8) as char);
        c = (c - 1) / 26;
    }
    s.iter().rev().collect()
}

fn attr(e: &quick_xml::events::BytesStart, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().into_inner() == local)
        .map(|a| a.value.to_string())
}

/// Read elements with a depth limit; `f` gets (event, depth).
fn walk(xml: &str, limits: &Limits, mut f: impl FnMut(&Event, usize)) -> Result<(), InputError> {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut depth = 0usize;
    loop {
        let ev = r.read_event().map_err(|e| {
            InputError::new(
                K::Damaged,
                format!(
                    "damaged spreadsheet XML at byte {}: {e}",
                    r.buffer_position()
                ),
            )
        })?;
        match &ev {
            Event::Start(_) => {
                depth += 1;
                if depth > limits.max_xml_depth {
                    return Err(InputError::new(
                        K::Damaged,
                        format!(
                            "spreadsheet XML nests deeper than {} elements",
                            limits.max_xml_depth
                        ),
                    ));
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Eof => break,
            _ => {}
        }
        f(&ev, depth);
    }
    Ok(())
}

fn text_of(ev: &Event) -> Option<String> {
    match ev {
        Event::Text(t) => Some(t.xml10_content().into_owned()),
        Event::GeneralRef(g) => match g.resolve_char_ref() {
            Ok(Some(c)) => Some(c.to_string()),
            _ => match g.xml10_content().as_ref() {
                "amp" => Some("&".into()),
                "lt" => Some("<".into()),
                "gt" => Some(">".into()),
                "quot" => Some("\"".into()),
                "apos" => Some("'".into()),
                _ => None,
            },
        },
        _ => None,
    }
}

/// A row number and its cells: (column, text, formula without cached value).
type SheetRow = (usize, Vec<(usize, String, bool)>);

/// Convert a .xlsx file.
pub fn read_xlsx(bytes: &[u8], limits: &Limits) -> Result<Converted, InputError> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| InputError::new(K::Damaged, format!("not a readable .xlsx (zip): {e}")))?;
    let mut total = 0;
    let workbook = zip_entry(&mut z, "xl/workbook.xml", limits, &mut total)?
        .ok_or_else(|| InputError::new(K::Damaged, "not a .xlsx: no xl/workbook.xml"))?;
    let rels =
        zip_entry(&mut z, "xl/_rels/workbook.xml.rels", limits, &mut total)?.unwrap_or_default();
    let shared = zip_entry(&mut z, "xl/sharedStrings.xml", limits, &mut total)?.unwrap_or_default();
    let styles = zip_entry(&mut z, "xl/styles.xml", limits, &mut total)?.unwrap_or_default();

    // sheets: name and relationship id
    let sheets = sheet_list(&workbook, limits)?;
    let targets = relationship_targets(&rels, limits)?;
    let strings = shared_strings(&shared, limits)?;
    let xfs = cell_formats(&styles, limits)?;

    let mut out = Converted {
        text: String::new(),
        origins: Vec::new(),
        notes: Vec::new(),
    };
    let mut cells_seen = 0usize;
    let mut text_bytes = 0u64;
    for (name, rid) in &sheets {
        let Some(target) = targets.get(rid) else {
            continue;
        };
        let path = if let Some(t) = target.strip_prefix('/') {
            t.to_string()
        } else {
            format!("xl/{target}")
        };
        let Some(xml) = zip_entry(&mut z, &path, limits, &mut total)? else {
            continue;
        };
        let mut rows = sheet_rows(
            &xml,
            limits,
            (&strings, &xfs),
            (&mut cells_seen, &mut text_bytes),
        )?;
        rows.sort_by_key(|r| r.0);
        emit_sheet(&mut out, name, rows);
    }
    Ok(out)
}

/// The workbook's sheets: name and relationship id, in order.
fn sheet_list(workbook: &str, limits: &Limits) -> Result<Vec<(String, String)>, InputError> {
    let mut sheets: Vec<(String, String)> = Vec::new();
    walk(workbook, limits, |ev, _| {
        if let Event::Start(e) | Event::Empty(e) = ev
            && e.local_name().into_inner() == "sheet"
        {
            sheets.push((
                attr(e, "name").unwrap_or_default(),
                attr(e, "id").unwrap_or_default(),
            ));
        }
    })?;
    Ok(sheets)
}

/// Relationship ids and their targets (the sheets' parts).
fn relationship_targets(
    rels: &str,
    limits: &Limits,
) -> Result<HashMap<String, String>, InputError> {
    let mut targets: HashMap<String, String> = HashMap::new();
    walk(rels, limits, |ev, _| {
        if let Event::Start(e) | Event::Empty(e) = ev
            && e.local_name().into_inner() == "Relationship"
        {
            targets.insert(
                attr(e, "Id").unwrap_or_default(),
                attr(e, "Target").unwrap_or_default(),
            );
        }
    })?;
    Ok(targets)
}

/// The shared strings (phonetic runs left out), each cut at the cell limit.
fn shared_strings(shared: &str, limits: &Limits) -> Result<Vec<String>, InputError> {
    let mut strings: Vec<String> = Vec::new();
    let mut cur: Option<String> = None;
    let mut in_t = false;
    let mut in_rph = false;
    let mut too_many = false;
    walk(shared, limits, |ev, _| match ev {
        Event::Start(e) | Event::Empty(e) if e.local_name().into_inner() == "si" => {
            if strings.len() >= limits.max_cells {
                too_many = true;
            } else if matches!(ev, Event::Empty(_)) {
                strings.push(String::new());
            } else {
                cur = Some(String::new());
            }
        }
        Event::Start(e) => match e.local_name().into_inner() {
            "t" => in_t = true,
            "rPh" => in_rph = true,
            _ => {}
        },
        Event::End(e) => match e.local_name().into_inner() {
            "si" => {
                if let Some(c) = cur.take() {
                    strings.push(c);
                }
            }
            "t" => in_t = false,
            "rPh" => in_rph = false,
            _ => {}
        },
        _ => {
            if in_t
                && !in_rph
                && let (Some(c), Some(t)) = (cur.as_mut(), text_of(ev))
                && c.len() < limits.max_cell_chars * 4
            {
                // (a string longer than a cell can hold is cut where the cell would be)
                c.push_str(&t);
                let keep = cap_cell(c, limits.max_cell_chars).len();
                c.truncate(keep);
            }
        }
    })?;
    if too_many {
        return Err(InputError::new(
            K::TooManyCells,
            format!("more than {} shared strings", limits.max_cells),
        ));
    }
    Ok(strings)
}

/// The number format of each cell style (cellXfs).
fn cell_formats(styles: &str, limits: &Limits) -> Result<Vec<NumFmt>, InputError> {
    let mut custom: HashMap<u32, NumFmt> = HashMap::new();
    let mut xfs: Vec<NumFmt> = Vec::new();
    let mut in_xfs = false;
    walk(styles, limits, |ev, _| match ev {
        Event::Start(e) | Event::Empty(e) => match e.local_name().into_inner() {
            "numFmt" => {
                if let (Some(id), Some(code)) = (
                    attr(e, "numFmtId").and_then(|v| v.parse().ok()),
                    attr(e, "formatCode"),
                ) {
                    custom.insert(id, parse_fmt(&code));
                }
            }
            "cellXfs" => in_xfs = matches!(ev, Event::Start(_)),
            "xf" if in_xfs => {
                let id: u32 = attr(e, "numFmtId")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0);
                xfs.push(custom.get(&id).copied().unwrap_or_else(|| builtin_fmt(id)));
            }
            _ => {}
        },
        Event::End(e) if e.local_name().into_inner() == "cellXfs" => in_xfs = false,
        _ => {}
    })?;
    Ok(xfs)
}

/// A sheet's rows of non-empty cells (column, text, formula without cached value), under the
/// cell and text limits counted over the whole workbook.
// Long by design: the sheet XML's single pass, each event updating the cell being read.
fn sheet_rows(
    xml: &str,
    limits: &Limits,
    (strings, xfs): (&[String], &[NumFmt]),
    (cells_seen, text_bytes): (&mut usize, &mut u64),
) -> Result<Vec<SheetRow>, InputError> {
    let mut rows: Vec<SheetRow> = Vec::new();
    let mut cell: Option<(usize, usize, String, u32)> = None; // col, row, type, style
    let mut v: Option<String> = None;
    let mut f: Option<String> = None;
    let mut is_text = String::new();
    let mut what = "";
    let mut overflow = false;
    let mut overflow_text = false;
    walk(xml, limits, |ev, _| match ev {
        Event::Start(e) | Event::Empty(e) => match e.local_name().into_inner() {
            "c" => {
                *cells_seen += 1;
                if *cells_seen > limits.max_cells {
                    overflow = true;
                }
                let (c, r) = attr(e, "r")
                    .and_then(|r| col_index(&r))
                    .unwrap_or((0, rows.last().map(|x| x.0).unwrap_or(0)));
                cell = Some((
                    c,
                    r,
                    attr(e, "t").unwrap_or_default(),
                    attr(e, "s").and_then(|s| s.parse().ok()).unwrap_or(0),
                ));
                v = None;
                f = None;
                is_text.clear();
                if matches!(ev, Event::Empty(_)) {
                    cell = None;
                }
            }
            "v" => what = "v",
            "f" => {
                what = "f";
                if f.is_none() {
                    f = Some(String::new());
                }
            }
            "t" => what = "t",
            _ => {}
        },
        Event::End(e) => match e.local_name().into_inner() {
            "v" | "f" | "t" => what = "",
            "c" => {
                if let Some((c, r, t, s)) = cell.take() {
                    let fmt = xfs.get(s as usize).copied().unwrap_or_default();
                    let (text, uncached) = match (&v, &f) {
                        (None, Some(formula)) if t != "inlineStr" => (format!("={formula}"), true),
                        _ => (
                            render(&t, v.as_deref().unwrap_or(""), &is_text, strings, fmt),
                            false,
                        ),
                    };
                    let text = cap_cell(&text, limits.max_cell_chars).to_string();
                    *text_bytes += text.len() as u64 + 1;
                    if *text_bytes > limits.max_text_bytes {
                        overflow_text = true;
                    }
                    if !text.is_empty() && c < 16_384 && !overflow_text {
                        match rows.last_mut() {
                            Some((rr, cells)) if *rr == r => cells.push((c, text, uncached)),
                            _ => rows.push((r, vec![(c, text, uncached)])),
                        }
                    }
                }
            }
            _ => {}
        },
        _ => {
            if let Some(t) = text_of(ev) {
                match what {
                    "v" => v.get_or_insert_with(String::new).push_str(&t),
                    "f" => f.get_or_insert_with(String::new).push_str(&t),
                    "t" => is_text.push_str(&t),
                    _ => {}
                }
            }
        }
    })?;
    if overflow {
        return Err(InputError::new(
            K::TooManyCells,
            format!("more than {} cells", limits.max_cells),
        ));
    }
    if overflow_text {
        return Err(text_over_limit(limits));
    }
    Ok(rows)
}

/// A sheet's rows as lines of tab-separated cells, each cell's place (`表!C5`) in the origin
/// map. Only the columns that hold something get a tab: a cell at column XFD does not build
/// the 16,383 empty cells before it, and columns stay aligned across rows.
fn emit_sheet(out: &mut Converted, name: &str, rows: Vec<SheetRow>) {
    // only the columns that hold something get a tab: a cell at column XFD does not
    // build the 16,383 empty cells before it, and columns stay aligned across rows
    let mut used: Vec<usize> = rows.iter().flat_map(|r| r.1.iter().map(|c| c.0)).collect();
    used.sort_unstable();
    used.dedup();
    for (r, mut cells) in rows {
        cells.sort_by_key(|c| c.0);
        let base = out.text.len();
        let mut line = String::new();
        let mut col = 0;
        for (c, text, uncached) in cells {
            let at = used.partition_point(|&u| u < c);
            while col < at {
                line.push('\t');
                col += 1;
            }
            let s = line.len();
            let t = text.replace(['\t', '\n', '\r'], " ");
            line.push_str(t.trim());
            let loc = format!("{name}!{}{}", col_name(c), r + 1);
            if uncached {
                out.notes.push((base + s, base + line.len(), loc.clone()));
            }
            out.origins.push(Origin {
                start: base + s,
                end: base + line.len(),
                location: loc,
            });
        }
        out.text.push_str(&line);
        out.text.push('\n');
    }
    out.text.push('\n');
}

fn render(t: &str, v: &str, inline: &str, strings: &[String], fmt: NumFmt) -> String {
    match t {
        "s" => v
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|i| strings.get(i))
            .cloned()
            .unwrap_or_default(),
        "inlineStr" => inline.to_string(),
        "str" | "e" => v.to_string(),
        "b" => {
            if v.trim() == "1" {
                "TRUE".into()
            } else {
                "FALSE".into()
            }
        }
        _ => {
            let Ok(mut d) =
                Decimal::from_str(v.trim()).or_else(|_| Decimal::from_scientific(v.trim()))
            else {
                return v.to_string();
            };
            if fmt.percent {
                d = d.checked_mul(Decimal::ONE_HUNDRED).unwrap_or(d);
            }
            let d = match fmt.decimals {
                Some(k) => {
                    let mut r = d.round_dp(k);
                    r.rescale(k);
                    r
                }
                None => d.round_dp(10).normalize(),
            };
            if fmt.percent {
                format!("{d}%")
            } else {
                d.to_string()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_refs() {
        assert!(parse_fmt("0.00%").percent);
        assert_eq!(parse_fmt("0.00%").decimals, Some(2));
        assert_eq!(parse_fmt("#,##0.00").decimals, Some(2));
        assert_eq!(parse_fmt("0").decimals, Some(0));
        assert_eq!(col_index("B7"), Some((1, 6)));
        assert_eq!(col_index("AA1"), Some((26, 0)));
        assert_eq!(col_name(26), "AA");
        assert_eq!(
            render(
                "n",
                "0.95",
                "",
                &[],
                NumFmt {
                    percent: true,
                    decimals: Some(0)
                }
            ),
            "95%"
        );
        assert_eq!(
            render(
                "n",
                "587.64999999999998",
                "",
                &[],
                NumFmt {
                    percent: false,
                    decimals: Some(2)
                }
            ),
            "587.65"
        );
        assert_eq!(render("n", "587.65", "", &[], NumFmt::default()), "587.65");
        assert_eq!(render("n", "1E-3", "", &[], NumFmt::default()), "0.001");
    }
}
