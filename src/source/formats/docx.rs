//! .docx: body paragraphs and tables in document order. Tables become tab-separated rows with
//! exact cell boundaries (gridSpan and vMerge give empty cells), so the table reader sees the
//! real table. Tracked insertions are kept and deletions dropped; content controls are read;
//! `mc:AlternateContent` is read once (its Choice); text boxes become paragraphs of their own;
//! nested tables are flattened into their cell.

use super::Converted;
use crate::error::{InputError, InputErrorKind as K};
use crate::source::Origin;
use crate::source::decode::{Limits, zip_entry};
use quick_xml::events::Event;

struct Cell {
    text: String,
    span: usize,
    merged: bool,
}

struct Table {
    rows: Vec<Vec<Cell>>,
}

/// Convert a .docx file.
pub fn read_docx(bytes: &[u8], limits: &Limits) -> Result<Converted, InputError> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| InputError::new(K::Damaged, format!("not a readable .docx (zip): {e}")))?;
    let mut total = 0;
    let xml = zip_entry(&mut z, "word/document.xml", limits, &mut total)?
        .ok_or_else(|| InputError::new(K::Damaged, "not a .docx: no word/document.xml"))?;
    convert(&xml, limits)
}

/// Where the reading of document.xml stands.
struct Reading {
    out: Converted,
    depth: usize,
    /// Inside w:del, mc:Fallback, w:instrText: the depth where skipping ends.
    skip_depth: Option<usize>,
    /// Paragraphs being read (a stack: text boxes nest paragraphs).
    paras: Vec<String>,
    tables: Vec<Table>,
    cells: usize,
    para_no: usize,
    table_no: usize,
    in_t: bool,
}

fn convert(xml: &str, limits: &Limits) -> Result<Converted, InputError> {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut st = Reading {
        out: Converted {
            text: String::new(),
            origins: Vec::new(),
            notes: Vec::new(),
        },
        depth: 0,
        skip_depth: None,
        paras: Vec::new(),
        tables: Vec::new(),
        cells: 0,
        para_no: 0,
        table_no: 0,
        in_t: false,
    };
    loop {
        let ev = r.read_event().map_err(|e| {
            InputError::new(
                K::Damaged,
                format!("damaged document.xml at byte {}: {e}", r.buffer_position()),
            )
        })?;
        match ev {
            Event::Start(e) => st.start(&e, limits)?,
            Event::Empty(e) => st.empty(&e),
            Event::Text(t) => {
                if let Some(p) = st.text_target() {
                    p.push_str(&t.xml10_content().replace(['\t', '\n', '\r'], " "));
                }
            }
            Event::GeneralRef(g) => {
                if let Some(p) = st.text_target()
                    && let Some(c) = super::entity_char(&g)
                {
                    p.push(if matches!(c, '\t' | '\n' | '\r') {
                        ' '
                    } else {
                        c
                    });
                }
            }
            Event::End(e) => st.end(&e),
            Event::Eof => break,
            _ => {}
        }
    }
    // (the text is at most the XML's text plus a tab per spanned column: bounded by the entry
    // limit, and then held to the same cap as every converted text)
    if st.out.text.len() as u64 > limits.max_text_bytes {
        return Err(crate::source::decode::text_over_limit(limits));
    }
    Ok(st.out)
}

impl Reading {
    /// The paragraph text of a `w:t` being read (none inside skipped content).
    fn text_target(&mut self) -> Option<&mut String> {
        if self.in_t && self.skip_depth.is_none() {
            self.paras.last_mut()
        } else {
            None
        }
    }

    fn start(
        &mut self,
        e: &quick_xml::events::BytesStart,
        limits: &Limits,
    ) -> Result<(), InputError> {
        self.depth += 1;
        if self.depth > limits.max_xml_depth {
            return Err(InputError::new(
                K::Damaged,
                format!(
                    "document.xml nests deeper than {} elements",
                    limits.max_xml_depth
                ),
            ));
        }
        if self.skip_depth.is_some() {
            return Ok(());
        }
        let name = e.local_name();
        match name.into_inner() {
            "del" | "Fallback" | "instrText" | "delText" => self.skip_depth = Some(self.depth),
            "p" => self.paras.push(String::new()),
            "t" => self.in_t = true,
            "tbl" => self.tables.push(Table { rows: Vec::new() }),
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.rows.push(Vec::new());
                }
            }
            "tc" => {
                self.cells += 1;
                if self.cells > limits.max_cells {
                    return Err(InputError::new(
                        K::TooManyCells,
                        format!("more than {} table cells", limits.max_cells),
                    ));
                }
                if let Some(row) = self.tables.last_mut().and_then(|t| t.rows.last_mut()) {
                    row.push(Cell {
                        text: String::new(),
                        span: 1,
                        merged: false,
                    });
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn empty(&mut self, e: &quick_xml::events::BytesStart) {
        if self.skip_depth.is_some() {
            return;
        }
        let name = e.local_name();
        match name.into_inner() {
            "tab" | "br" | "cr" => {
                if let Some(p) = self.paras.last_mut() {
                    p.push(' ');
                }
            }
            "gridSpan" => {
                let v = attr(e, "val")
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 64);
                if let Some(c) = self
                    .tables
                    .last_mut()
                    .and_then(|t| t.rows.last_mut())
                    .and_then(|r| r.last_mut())
                {
                    c.span = v;
                }
            }
            "vMerge" => {
                let restart = attr(e, "val").is_some_and(|v| v == "restart");
                if !restart
                    && let Some(c) = self
                        .tables
                        .last_mut()
                        .and_then(|t| t.rows.last_mut())
                        .and_then(|r| r.last_mut())
                {
                    c.merged = true;
                }
            }
            "p" if self.paras.is_empty() && self.tables.is_empty() => {
                // an empty paragraph
                self.para_no += 1;
                emit_line(&mut self.out, "", vec![]);
            }
            _ => {}
        }
    }

    fn end(&mut self, e: &quick_xml::events::BytesEnd) {
        let name = e.local_name();
        if let Some(sd) = self.skip_depth {
            if self.depth == sd {
                self.skip_depth = None;
            }
            self.depth = self.depth.saturating_sub(1);
            return;
        }
        self.depth = self.depth.saturating_sub(1);
        match name.into_inner() {
            "t" => self.in_t = false,
            "p" => {
                let text = self.paras.pop().unwrap_or_default();
                let text = text.trim().to_string();
                let in_box = !self.paras.is_empty();
                if let Some(c) = self
                    .tables
                    .last_mut()
                    .and_then(|t| t.rows.last_mut())
                    .and_then(|r| r.last_mut())
                    .filter(|_| !in_box)
                {
                    if !c.text.is_empty() && !text.is_empty() {
                        c.text.push(' ');
                    }
                    c.text.push_str(&text);
                } else {
                    self.para_no += 1;
                    let loc = if in_box {
                        format!("第{}段（文本框）", self.para_no)
                    } else {
                        format!("第{}段", self.para_no)
                    };
                    emit_line(&mut self.out, &text, vec![(0, text.len(), loc)]);
                }
            }
            "tbl" => {
                let Some(t) = self.tables.pop() else { return };
                if let Some(c) = self
                    .tables
                    .last_mut()
                    .and_then(|t| t.rows.last_mut())
                    .and_then(|r| r.last_mut())
                {
                    // a nested table: its text joins the enclosing cell
                    let flat: Vec<String> = t
                        .rows
                        .iter()
                        .map(|r| {
                            r.iter()
                                .map(|c| c.text.as_str())
                                .collect::<Vec<_>>()
                                .join(" ")
                        })
                        .collect();
                    if !c.text.is_empty() {
                        c.text.push(' ');
                    }
                    c.text.push_str(flat.join(" ").trim());
                } else {
                    self.table_no += 1;
                    emit_table(&mut self.out, &t, self.table_no);
                }
            }
            _ => {}
        }
    }
}

fn attr(e: &quick_xml::events::BytesStart, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().into_inner() == local)
        .map(|a| a.value.to_string())
}

/// Append a line; `parts` are (start, end, location) relative to the line.
fn emit_line(out: &mut Converted, text: &str, parts: Vec<(usize, usize, String)>) {
    let base = out.text.len();
    out.text.push_str(text);
    out.text.push('\n');
    for (s, e, loc) in parts {
        out.origins.push(Origin {
            start: base + s,
            end: base + e.max(s),
            location: loc,
        });
    }
}

fn emit_table(out: &mut Converted, t: &Table, n: usize) {
    for (ri, row) in t.rows.iter().enumerate() {
        let mut line = String::new();
        let mut parts = Vec::new();
        let mut col = 0;
        for c in row {
            if col > 0 {
                line.push('\t');
            }
            let text = if c.merged { "" } else { c.text.trim() };
            let s = line.len();
            line.push_str(&text.replace('\t', " "));
            parts.push((
                s,
                line.len(),
                format!("表{n} 第{}行 第{}列", ri + 1, col + 1),
            ));
            col += 1;
            for _ in 1..c.span {
                line.push('\t');
                col += 1;
            }
        }
        emit_line(out, &line, parts);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(inner: &str) -> String {
        format!(
            r#"<?xml version="1.0"?><w:document xmlns:w="w" xmlns:mc="mc"><w:body>{inner}</w:body></w:document>"#
        )
    }

    #[test]
    fn paragraphs_tables_and_revisions() {
        let xml = body(concat!(
            r#"<w:p><w:r><w:t>收入</w:t></w:r><w:ins><w:r><w:t>587.65</w:t></w:r></w:ins><w:del><w:r><w:delText>999</w:delText></w:r></w:del><w:r><w:t>万元</w:t></w:r></w:p>"#,
            r#"<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>合计</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>10</w:t></w:r></w:p></w:tc></w:tr>"#,
            r#"<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
            r#"<w:p><mc:AlternateContent><mc:Choice><w:r><w:t>一次</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>一次</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>"#,
            r#"<w:sdt><w:sdtContent><w:p><w:r><w:t>控件&amp;内容</w:t></w:r></w:p></w:sdtContent></w:sdt>"#,
        ));
        let c = convert(&xml, &Limits::default()).unwrap();
        let lines: Vec<&str> = c.text.lines().collect();
        assert_eq!(
            lines,
            vec![
                "收入587.65万元",
                "合计\t\t10",
                "\ta\tb",
                "一次",
                "控件&内容"
            ]
        );
        let off = c.text.find("10").unwrap();
        let loc = c
            .origins
            .iter()
            .find(|o| o.start <= off && off < o.end)
            .unwrap();
        assert_eq!(loc.location, "表1 第1行 第3列");
        assert_eq!(c.origins[0].location, "第1段");
    }

    #[test]
    fn depth_limit() {
        let deep = format!("{}{}", "<w:p>".repeat(1000), "</w:p>".repeat(1000));
        assert!(convert(&body(&deep), &Limits::default()).is_err());
    }
}
