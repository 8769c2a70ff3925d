//! .xls (Excel 97-2003) through calamine (.ods has its own streaming reader, [`super::ods`]): every sheet, each row a tab-separated line,
//! locations `Sheet!B7`. Cell values are turned into display text only (the stored binary
//! floating-point value is printed with the shortest representation that reads back the same);
//! all arithmetic happens later on the decimal text.

use super::docx::Converted;
use super::xlsx::col_name;
use crate::source::Origin;
use crate::source::decode::{Limits, cap_cell, text_over_limit};
use calamine::{Data, Reader};

/// Which legacy spreadsheet format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Excel 97-2003 (BIFF8).
    Xls,
}

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

/// Convert an .xls or .ods file.
pub fn read_sheets(bytes: &[u8], kind: Kind, limits: &Limits) -> Result<Converted, String> {
    let cursor = std::io::Cursor::new(bytes);
    let mut out = Converted {
        text: String::new(),
        origins: Vec::new(),
        notes: Vec::new(),
    };
    let mut cells = 0usize;
    let mut sheets: Vec<(String, calamine::Range<Data>)> = Vec::new();
    match kind {
        Kind::Xls => {
            let mut wb: calamine::Xls<_> = calamine::open_workbook_from_rs(cursor)
                .map_err(|e| format!("not a readable .xls: {e}"))?;
            for name in wb.sheet_names() {
                if let Ok(r) = wb.worksheet_range(&name) {
                    sheets.push((name, r));
                }
            }
        }
    }
    for (name, range) in sheets {
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (ri, row) in range.rows().enumerate() {
            cells += row.len();
            if cells > limits.max_cells {
                return Err(format!("more than {} cells", limits.max_cells));
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
