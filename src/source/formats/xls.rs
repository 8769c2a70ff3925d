//! .xls (Excel 97-2003) through calamine: every sheet, each row a tab-separated line,
//! locations `Sheet!B7`. Cell values are turned into display text only (the stored binary
//! floating-point value is printed with the shortest representation that reads back the same);
//! all arithmetic happens later on the decimal text.

use super::Converted;
use super::xlsx::col_name;
use crate::error::{InputError, InputErrorKind as K};
use crate::source::Origin;
use crate::source::decode::{Limits, cap_cell, text_over_limit};
use calamine::{Data, Reader};

fn text(d: &Data) -> String {
    match d {
        Data::Int(i) => i.to_string(),
        Data::Float(f) => {
            let s = format!("{f}");
            match rust_decimal::Decimal::from_str_exact(&s) {
                Ok(x) => x.round_dp(10).normalize().to_string(),
                Err(_) => s,
            }
        }
        Data::String(s) => s.clone(),
        Data::Bool(b) => {
            if *b {
                "TRUE".into()
            } else {
                "FALSE".into()
            }
        }
        Data::DateTime(d) => d.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
        Data::Empty => String::new(),
    }
}

/// The cells calamine would build for an .xls: for each sheet of the BIFF stream, the box from
/// its first to its last cell record (calamine makes every sheet dense when it opens the file,
/// before a single cell can be counted). Read with the entry limit.
fn xls_dense_cells(bytes: &[u8], limits: &Limits) -> Result<u64, InputError> {
    use std::io::Read;
    let mut cf = cfb::CompoundFile::open(std::io::Cursor::new(bytes))
        .map_err(|e| InputError::new(K::Damaged, format!("not a readable .xls: {e}")))?;
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| cf.is_stream(n))
        .ok_or_else(|| InputError::new(K::Damaged, "not a readable .xls: no Workbook stream"))?;
    let mut stream = Vec::new();
    cf.open_stream(name)
        .map_err(|e| InputError::new(K::Damaged, format!("not a readable .xls: {e}")))?
        .take(limits.max_entry_bytes + 1)
        .read_to_end(&mut stream)
        .map_err(|e| InputError::new(K::Damaged, format!("not a readable .xls: {e}")))?;
    if stream.len() as u64 > limits.max_entry_bytes {
        return Err(InputError::new(
            K::OverLimit,
            format!(
                "the .xls workbook stream is over the limit of {} bytes",
                limits.max_entry_bytes
            ),
        ));
    }
    let u16_at = |b: &[u8], i: usize| b.get(i..i + 2).map(|x| u16::from_le_bytes([x[0], x[1]]));
    let mut total = 0u64;
    // (first row, last row, first column, last column) of the sheet being read
    let mut bbox: Option<(u16, u16, u16, u16)> = None;
    let mut close = |bbox: &mut Option<(u16, u16, u16, u16)>| {
        if let Some((r0, r1, c0, c1)) = bbox.take() {
            total += (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1);
        }
    };
    let mut i = 0;
    while let (Some(kind), Some(len)) = (u16_at(&stream, i), u16_at(&stream, i + 2)) {
        let data = stream.get(i + 4..i + 4 + len as usize).unwrap_or(&[]);
        i += 4 + len as usize;
        let cols = match kind {
            // BOF and EOF: a new sheet or the end of one
            0x0809 | 0x000A => {
                close(&mut bbox);
                continue;
            }
            // NUMBER, RK, LABELSST, LABEL, BLANK, BOOLERR, FORMULA, RSTRING
            0x0203 | 0x027E | 0x00FD | 0x0204 | 0x0201 | 0x0205 | 0x0006 | 0x00D6 => {
                u16_at(data, 2).map(|c| (c, c))
            }
            // MULRK, MULBLANK: first column, …, last column
            0x00BD | 0x00BE => {
                match (u16_at(data, 2), u16_at(data, data.len().saturating_sub(2))) {
                    (Some(a), Some(b)) if data.len() >= 6 => Some((a.min(b), a.max(b))),
                    _ => None,
                }
            }
            _ => None,
        };
        if let (Some((ca, cb)), Some(r)) = (cols, u16_at(data, 0)) {
            bbox = Some(match bbox {
                None => (r, r, ca, cb),
                Some((r0, r1, c0, c1)) => (r0.min(r), r1.max(r), c0.min(ca), c1.max(cb)),
            });
        }
    }
    close(&mut bbox);
    Ok(total)
}

/// Convert an .xls file.
pub fn read_xls(bytes: &[u8], limits: &Limits) -> Result<Converted, InputError> {
    // calamine builds each sheet as a dense grid: its size is known before it is built
    let dense = xls_dense_cells(bytes, limits)?;
    if dense > limits.max_dense_cells {
        return Err(InputError::new(
            K::TooManyCells,
            format!(
                "more than {} cells: the .xls sheets span {dense} cells from their first to their last",
                limits.max_dense_cells
            ),
        ));
    }
    let cursor = std::io::Cursor::new(bytes);
    let mut out = Converted {
        text: String::new(),
        origins: Vec::new(),
        notes: Vec::new(),
    };
    let mut cells = 0usize;
    let mut sheets: Vec<(String, calamine::Range<Data>)> = Vec::new();
    let mut wb: calamine::Xls<_> = calamine::open_workbook_from_rs(cursor)
        .map_err(|e| InputError::new(K::Damaged, format!("not a readable .xls: {e}")))?;
    for name in wb.sheet_names() {
        if let Ok(r) = wb.worksheet_range(&name) {
            sheets.push((name, r));
        }
    }
    for (name, range) in sheets {
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (ri, row) in range.rows().enumerate() {
            cells += row.len();
            if cells > limits.max_cells {
                return Err(InputError::new(
                    K::TooManyCells,
                    format!("more than {} cells", limits.max_cells),
                ));
            }
            let base = out.text.len();
            let mut line = String::new();
            for (ci, d) in row.iter().enumerate() {
                if ci > 0 {
                    line.push('\t');
                }
                let t = text(d);
                let t = cap_cell(&t, limits.max_cell_chars).replace(['\t', '\n', '\r'], " ");
                let s = line.len();
                line.push_str(t.trim());
                if !t.trim().is_empty() {
                    let loc = format!(
                        "{name}!{}{}",
                        col_name(c0 as usize + ci),
                        r0 as usize + ri + 1
                    );
                    out.origins.push(Origin {
                        start: base + s,
                        end: base + line.len(),
                        location: loc,
                    });
                }
            }
            if (out.text.len() + line.len()) as u64 >= limits.max_text_bytes {
                return Err(text_over_limit(limits));
            }
            out.text.push_str(line.trim_end_matches('\t'));
            out.text.push('\n');
        }
        out.text.push('\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn record(kind: u16, data: &[u8]) -> Vec<u8> {
        let mut v = kind.to_le_bytes().to_vec();
        v.extend_from_slice(&(data.len() as u16).to_le_bytes());
        v.extend_from_slice(data);
        v
    }

    fn number(row: u16, col: u16) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend_from_slice(&col.to_le_bytes());
        d.extend_from_slice(&[0, 0]);
        d.extend_from_slice(&1f64.to_le_bytes());
        record(0x0203, &d)
    }

    /// A compound file whose Workbook stream holds these sheets' cell records.
    fn xls(sheets: &[Vec<Vec<u8>>]) -> Vec<u8> {
        let mut stream = record(0x0809, &[0; 16]);
        stream.extend(record(0x000A, &[]));
        for cells in sheets {
            stream.extend(record(0x0809, &[0; 16]));
            for c in cells {
                stream.extend_from_slice(c);
            }
            stream.extend(record(0x000A, &[]));
        }
        let mut cf = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
        cf.create_stream("/Workbook")
            .unwrap()
            .write_all(&stream)
            .unwrap();
        cf.flush().unwrap();
        cf.into_inner().into_inner()
    }

    #[test]
    fn dense_size_of_each_sheet_from_its_cell_records() {
        let l = Limits::default();
        // 3 × 2 cells, and a MULBLANK row spanning columns 1..=9 on row 4
        let mut mulblank = 4u16.to_le_bytes().to_vec();
        mulblank.extend_from_slice(&1u16.to_le_bytes());
        mulblank.extend_from_slice(&[0; 18]);
        mulblank.extend_from_slice(&9u16.to_le_bytes());
        let a = vec![number(0, 0), number(2, 1)];
        let b = vec![number(1, 0), record(0x00BE, &mulblank)];
        assert_eq!(xls_dense_cells(&xls(&[a]), &l).unwrap(), 3 * 2);
        let b_cells = 4 * 10; // rows 1..=4, columns 0..=9
        assert_eq!(
            xls_dense_cells(&xls(&[vec![number(0, 0), number(2, 1)], b]), &l).unwrap(),
            6 + b_cells
        );
    }

    #[test]
    fn two_far_corners_in_many_sheets_are_refused_before_calamine() {
        let corners = vec![number(0, 0), number(65_535, 255)];
        let bomb = xls(&vec![corners; 10]);
        let e = read_xls(&bomb, &Limits::default()).err().unwrap();
        assert!(e.message().contains("more than 4000000 cells"), "{e}");
    }
}
