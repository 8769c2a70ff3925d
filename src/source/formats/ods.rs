//! .ods (OpenDocument spreadsheet): `content.xml` read as a stream, every sheet, each row a
//! tab-separated line, locations `Sheet!B7`. A cell shows what the spreadsheet displays (its
//! `text:p` paragraphs, where the number format has already been applied); a cell with a
//! value and no display text shows the value.
//!
//! Repeats are counted before anything is built: an empty cell or row repeated a million times
//! only moves the position; a cell with content repeated `n` times costs `n` cells of the
//! budget, and the converted text is capped. Only the columns that hold something get a tab, so
//! a far column does not allocate the gap before it. The archive entry is read with the same
//! size, ratio and depth limits as .docx and .xlsx.

use super::Converted;
use super::xlsx::col_name;
use crate::error::{InputError, InputErrorKind as K};
use crate::source::Origin;
use crate::source::decode::{Limits, cap_cell, text_over_limit, zip_entry};
use quick_xml::events::{BytesStart, Event};
use std::collections::BTreeSet;

/// The most repeats of one row or cell taken at face value (ODF writers use large repeat counts
/// only for empty space; a repeat with content beyond this is not a report).
const MAX_REPEAT: u64 = 1 << 20;

fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().into_inner() == local)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

fn repeat(e: &BytesStart, local: &str) -> u64 {
    attr(e, local)
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(1)
        .clamp(1, MAX_REPEAT)
}

/// One sheet being read: its rows as (row, cells as (column, text)).
#[derive(Default)]
struct Sheet {
    name: String,
    rows: Vec<(u64, Vec<(u64, String)>)>,
}

/// The cell being read.
#[derive(Default)]
struct CellState {
    repeat: u64,
    /// Display text (paragraphs joined by a space).
    text: String,
    paragraphs: usize,
    /// The value attribute, for a cell without display text.
    value: Option<String>,
    percent: bool,
}

/// Budgets shared by every sheet of the file.
struct Budget<'a> {
    limits: &'a Limits,
    cells: u64,
    text: u64,
}

impl Budget<'_> {
    fn take(&mut self, cells: u64, text: u64) -> Result<(), InputError> {
        self.cells = self.cells.saturating_add(cells);
        self.text = self.text.saturating_add(text);
        if self.cells > self.limits.max_cells as u64 {
            return Err(InputError::new(
                K::TooManyCells,
                format!("more than {} cells", self.limits.max_cells),
            ));
        }
        if self.text > self.limits.max_text_bytes {
            return Err(text_over_limit(self.limits));
        }
        Ok(())
    }
}

/// Convert an .ods file.
pub fn read_ods(bytes: &[u8], limits: &Limits) -> Result<Converted, InputError> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| InputError::new(K::Damaged, format!("not a readable .ods (zip): {e}")))?;
    let mut total = 0;
    let xml = zip_entry(&mut z, "content.xml", limits, &mut total)?.ok_or_else(|| {
        InputError::new(
            K::Damaged,
            "not a valid office file: the .ods has no content.xml",
        )
    })?;
    let sheets = read_content(&xml, limits)?;
    drop(xml);
    let mut out = Converted {
        text: String::new(),
        origins: Vec::new(),
        notes: Vec::new(),
    };
    for sheet in sheets {
        emit(&mut out, sheet, limits)?;
    }
    Ok(out)
}

/// Where the reading of content.xml stands.
struct OdsReading<'a> {
    limits: &'a Limits,
    depth: usize,
    sheets: Vec<Sheet>,
    budget: Budget<'a>,
    // position in the current sheet
    row_no: u64,
    col_no: u64,
    row_repeat: u64,
    row_cells: Vec<(u64, String)>,
    cell: Option<CellState>,
    /// Inside a text:p of the current cell (its depth).
    in_p: Option<usize>,
    /// Inside an element whose text is not shown (annotations, notes): its depth.
    hidden: Option<usize>,
}

fn read_content(xml: &str, limits: &Limits) -> Result<Vec<Sheet>, InputError> {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut st = OdsReading {
        limits,
        depth: 0,
        sheets: Vec::new(),
        budget: Budget {
            limits,
            cells: 0,
            text: 0,
        },
        row_no: 0,
        col_no: 0,
        row_repeat: 1,
        row_cells: Vec::new(),
        cell: None,
        in_p: None,
        hidden: None,
    };
    loop {
        let ev = r.read_event().map_err(|e| {
            InputError::new(
                K::Damaged,
                format!("damaged .ods XML at byte {}: {e}", r.buffer_position()),
            )
        })?;
        match &ev {
            Event::Start(e) => st.start(e, false)?,
            Event::Empty(e) => st.start(e, true)?,
            Event::End(e) => st.end(e)?,
            Event::Text(t) => {
                if let Some(c) = st.text_target() {
                    push_capped(&mut c.text, &t.xml10_content(), limits);
                }
            }
            Event::CData(t) => {
                if let Some(c) = st.text_target() {
                    push_capped(&mut c.text, &t.xml10_content(), limits);
                }
            }
            Event::GeneralRef(g) => {
                if let Some(c) = st.text_target()
                    && let Some(ch) = super::entity_char(g)
                {
                    push_capped(&mut c.text, ch.encode_utf8(&mut [0; 4]), limits);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(st.sheets)
}

impl OdsReading<'_> {
    /// The cell whose paragraph text is being read (none in hidden content).
    fn text_target(&mut self) -> Option<&mut CellState> {
        if self.hidden.is_none() && self.in_p.is_some() {
            self.cell.as_mut()
        } else {
            None
        }
    }

    // Long by design: the dispatch over the content.xml elements a sheet is made of.
    fn start(&mut self, e: &quick_xml::events::BytesStart, empty: bool) -> Result<(), InputError> {
        let limits = self.limits;
        if !empty {
            self.depth += 1;
            if self.depth > limits.max_xml_depth {
                return Err(InputError::new(
                    K::Damaged,
                    format!(
                        ".ods XML nests deeper than {} elements",
                        limits.max_xml_depth
                    ),
                ));
            }
        }
        if self.hidden.is_some() {
            return Ok(());
        }
        match e.local_name().into_inner() {
            "table" => {
                self.sheets.push(Sheet {
                    name: attr(e, "name").unwrap_or_default(),
                    rows: Vec::new(),
                });
                self.row_no = 0;
            }
            "table-row" => {
                self.col_no = 0;
                self.row_cells.clear();
                self.row_repeat = repeat(e, "number-rows-repeated");
                if empty {
                    self.row_no = self.row_no.saturating_add(self.row_repeat);
                }
            }
            "table-cell" | "covered-table-cell" => {
                let kind = attr(e, "value-type").unwrap_or_default();
                let value = attr(e, "value")
                    .or_else(|| attr(e, "date-value"))
                    .or_else(|| attr(e, "time-value"))
                    .or_else(|| attr(e, "boolean-value"))
                    .or_else(|| attr(e, "string-value"));
                let c = CellState {
                    repeat: repeat(e, "number-columns-repeated"),
                    value,
                    percent: kind == "percentage",
                    ..Default::default()
                };
                if empty {
                    end_cell(
                        c,
                        &mut self.col_no,
                        &mut self.row_cells,
                        &mut self.budget,
                        limits,
                    )?;
                } else {
                    self.cell = Some(c);
                }
            }
            "annotation" | "note" | "tracked-changes" if !empty => self.hidden = Some(self.depth),
            "p" | "h" if !empty => {
                if let Some(c) = self.cell.as_mut() {
                    if c.paragraphs > 0 {
                        c.text.push(' ');
                    }
                    c.paragraphs += 1;
                    self.in_p = Some(self.depth);
                }
            }
            "p" | "h" => {
                if let Some(c) = self.cell.as_mut() {
                    c.paragraphs += 1;
                }
            }
            "s" if self.in_p.is_some() => {
                if let Some(c) = self.cell.as_mut() {
                    let n = attr(e, "c")
                        .and_then(|v| v.parse::<usize>().ok())
                        .unwrap_or(1)
                        .min(limits.max_cell_chars);
                    push_capped(&mut c.text, &" ".repeat(n), limits);
                }
            }
            "tab" | "line-break" if self.in_p.is_some() => {
                if let Some(c) = self.cell.as_mut() {
                    push_capped(&mut c.text, " ", limits);
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, e: &quick_xml::events::BytesEnd) -> Result<(), InputError> {
        let limits = self.limits;
        let d = self.depth;
        self.depth = self.depth.saturating_sub(1);
        if let Some(h) = self.hidden {
            if d == h {
                self.hidden = None;
            }
            return Ok(());
        }
        match e.local_name().into_inner() {
            "p" | "h" if self.in_p == Some(d) => self.in_p = None,
            "table-cell" | "covered-table-cell" => {
                if let Some(c) = self.cell.take() {
                    end_cell(
                        c,
                        &mut self.col_no,
                        &mut self.row_cells,
                        &mut self.budget,
                        limits,
                    )?;
                }
                self.in_p = None;
            }
            "table-row" => {
                if let Some(sheet) = self.sheets.last_mut() {
                    end_row(
                        sheet,
                        self.row_no,
                        self.row_repeat,
                        &self.row_cells,
                        &mut self.budget,
                    )?;
                }
                self.row_no = self.row_no.saturating_add(self.row_repeat);
                self.row_cells.clear();
            }
            _ => {}
        }
        Ok(())
    }
}

/// Append within the per-cell limit of characters.
fn push_capped(text: &mut String, s: &str, limits: &Limits) {
    let have = text.chars().count();
    if have >= limits.max_cell_chars {
        return;
    }
    text.push_str(cap_cell(s, limits.max_cell_chars - have));
}

fn end_cell(
    c: CellState,
    col_no: &mut u64,
    row_cells: &mut Vec<(u64, String)>,
    budget: &mut Budget,
    limits: &Limits,
) -> Result<(), InputError> {
    let shown = if c.paragraphs > 0 {
        c.text
    } else {
        match c.value {
            Some(v) if c.percent => percent(&v),
            Some(v) => cap_cell(&v, limits.max_cell_chars).to_string(),
            None => String::new(),
        }
    };
    let shown = shown.replace(['\t', '\n', '\r'], " ").trim().to_string();
    if !shown.is_empty() {
        // the repeats of a cell with content are real cells: each is paid for
        budget.take(c.repeat, (shown.len() as u64 + 1).saturating_mul(c.repeat))?;
        for k in 0..c.repeat {
            row_cells.push((col_no.saturating_add(k), shown.clone()));
        }
    }
    *col_no = col_no.saturating_add(c.repeat);
    Ok(())
}

fn end_row(
    sheet: &mut Sheet,
    row_no: u64,
    repeat: u64,
    cells: &[(u64, String)],
    budget: &mut Budget,
) -> Result<(), InputError> {
    if cells.is_empty() {
        return Ok(());
    }
    let text: u64 = cells.iter().map(|c| c.1.len() as u64 + 1).sum();
    // the first copy was paid for cell by cell; the others now
    let more = repeat - 1;
    budget.take(
        (cells.len() as u64).saturating_mul(more),
        text.saturating_mul(more),
    )?;
    for k in 0..repeat {
        sheet.rows.push((row_no.saturating_add(k), cells.to_vec()));
    }
    Ok(())
}

/// A percentage value without display text (`0.95` → `95%`).
fn percent(v: &str) -> String {
    match rust_decimal::Decimal::from_str_exact(v.trim())
        .or_else(|_| rust_decimal::Decimal::from_scientific(v.trim()))
    {
        Ok(d) => match d.checked_mul(rust_decimal::Decimal::ONE_HUNDRED) {
            Some(p) => format!("{}%", p.normalize()),
            None => v.to_string(),
        },
        Err(_) => v.to_string(),
    }
}

/// Write a sheet's rows as tab-separated lines; only columns holding something get a tab.
fn emit(out: &mut Converted, sheet: Sheet, limits: &Limits) -> Result<(), InputError> {
    let used: BTreeSet<u64> = sheet
        .rows
        .iter()
        .flat_map(|(_, cells)| cells.iter().map(|c| c.0))
        .collect();
    let rank = |c: u64| used.range(..c).count();
    let ranks: std::collections::HashMap<u64, usize> = used.iter().map(|&c| (c, rank(c))).collect();
    for (r, cells) in &sheet.rows {
        let base = out.text.len();
        let mut line = String::new();
        let mut col = 0usize;
        for (c, text) in cells {
            let at = ranks.get(c).copied().unwrap_or(col);
            while col < at {
                line.push('\t');
                col += 1;
            }
            let s = line.len();
            line.push_str(text);
            out.origins.push(Origin {
                start: base + s,
                end: base + line.len(),
                location: format!(
                    "{}!{}{}",
                    sheet.name,
                    col_name(usize::try_from(*c).unwrap_or(usize::MAX / 2)),
                    r.saturating_add(1)
                ),
            });
        }
        if (out.text.len() + line.len() + 1) as u64 > limits.max_text_bytes {
            return Err(text_over_limit(limits));
        }
        out.text.push_str(&line);
        out.text.push('\n');
    }
    out.text.push('\n');
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(body: &str) -> String {
        format!(
            "<office:document-content xmlns:office=\"o\" xmlns:table=\"t\" xmlns:text=\"x\"><office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>"
        )
    }

    fn lines(body: &str) -> Vec<String> {
        let sheets = read_content(&content(body), &Limits::default()).unwrap();
        let mut out = Converted {
            text: String::new(),
            origins: Vec::new(),
            notes: Vec::new(),
        };
        for s in sheets {
            emit(&mut out, s, &Limits::default()).unwrap();
        }
        out.text.lines().map(String::from).collect()
    }

    #[test]
    fn display_text_repeats_and_gaps() {
        let body = "<table:table table:name=\"S\">\
            <table:table-row table:number-rows-repeated=\"1000000\"><table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row>\
            <table:table-row><table:table-cell office:value-type=\"percentage\" office:value=\"0.95\"><text:p>95.00%</text:p></table:table-cell>\
            <table:table-cell table:number-columns-repeated=\"5000\"/>\
            <table:table-cell office:value-type=\"float\" office:value=\"3\"><text:p>3<text:s text:c=\"2\"/>万元</text:p><office:annotation><text:p>note</text:p></office:annotation></table:table-cell></table:table-row>\
            <table:table-row table:number-rows-repeated=\"2\"><table:table-cell><text:p>a</text:p><text:p>b</text:p></table:table-cell></table:table-row>\
            <table:table-row><table:table-cell office:value-type=\"percentage\" office:value=\"0.125\"/></table:table-row>\
            </table:table>";
        assert_eq!(
            lines(body),
            vec!["95.00%\t3  万元", "a b", "a b", "12.5%", ""]
        );
    }

    #[test]
    fn repeated_content_is_paid_for() {
        let big = "x".repeat(100_000);
        let body = format!(
            "<table:table table:name=\"S\"><table:table-row table:number-rows-repeated=\"3000\"><table:table-cell><text:p>{big}</text:p></table:table-cell></table:table-row></table:table>"
        );
        let e = read_content(&content(&body), &Limits::default())
            .err()
            .unwrap();
        assert!(e.message().contains("over the limit"), "{e}");
        let body = "<table:table table:name=\"S\"><table:table-row table:number-rows-repeated=\"6000\"><table:table-cell table:number-columns-repeated=\"16384\"><text:p>1</text:p></table:table-cell></table:table-row></table:table>";
        let e = read_content(&content(body), &Limits::default())
            .err()
            .unwrap();
        assert!(e.message().contains("cells"), "{e}");
    }
}
