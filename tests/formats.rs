//! Issue 4: the seeds rebuilt as .docx (tables as real Word tables), as .xlsx (the 自评表), as
//! GBK and as UTF-16 text give the same diagnostics as the UTF-8 text, each pointing to the
//! right paragraph, cell or line. The fixtures are generated here.

mod common;
use common::{docx_of, esc, zip};
use jixiao_lint::lint::{Options, lint_bytes, lint_text};
use std::collections::BTreeMap;

fn rule_counts(r: &jixiao_lint::FileResult) -> BTreeMap<String, usize> {
    assert!(r.error.is_none(), "{:?}", r.error);
    let mut m = BTreeMap::new();
    for d in &r.diagnostics {
        *m.entry(d.rule.to_string()).or_insert(0) += 1;
    }
    m
}

/// Every line a row, tab-separated cells at their columns; "95%" cells become numbers with a
/// percent format, plain numbers numbers, the rest inline strings.
pub fn xlsx_of(text: &str, sheet: &str) -> Vec<u8> {
    let mut rows = String::new();
    for (r, line) in text.split('\n').enumerate() {
        rows += &format!("<row r=\"{}\">", r + 1);
        for (c, cell) in line.split('\t').enumerate() {
            if cell.is_empty() {
                continue;
            }
            let col = (b'A' + c as u8) as char;
            let reference = format!("{col}{}", r + 1);
            let t = cell.trim();
            if let Some(p) = t.strip_suffix('%').filter(|p| p.parse::<f64>().is_ok()) {
                let v: rust_decimal::Decimal = p.parse().unwrap();
                rows += &format!(
                    "<c r=\"{reference}\" s=\"1\"><v>{}</v></c>",
                    v / rust_decimal::Decimal::ONE_HUNDRED
                );
            } else if t.parse::<f64>().is_ok() && !t.starts_with('+') {
                rows += &format!("<c r=\"{reference}\"><v>{t}</v></c>");
            } else {
                rows += &format!(
                    "<c r=\"{reference}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
                    esc(cell)
                );
            }
        }
        rows += "</row>";
    }
    zip(&[
        ("xl/workbook.xml", format!("<?xml version=\"1.0\"?><workbook xmlns=\"x\" xmlns:r=\"r\"><sheets><sheet name=\"{sheet}\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>")),
        ("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"p\"><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>".into()),
        ("xl/styles.xml", "<?xml version=\"1.0\"?><styleSheet xmlns=\"x\"><cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"9\"/></cellXfs></styleSheet>".into()),
        ("xl/worksheets/sheet1.xml", format!("<?xml version=\"1.0\"?><worksheet xmlns=\"x\"><sheetData>{rows}</sheetData></worksheet>")),
    ])
}

#[test]
fn seeds_as_docx_give_the_same_findings_with_locations() {
    for (name, text) in [("003", common::SEED_003), ("000", common::SEED_000)] {
        let want = rule_counts(&lint_text("t.txt", text, &Options::default()));
        let r = lint_bytes("t.docx", &docx_of(text), &Options::default());
        assert_eq!(r.format, "docx");
        assert_eq!(rule_counts(&r), want, "seed {name}");
        for d in &r.diagnostics {
            let loc = d.location.as_deref().unwrap_or("");
            assert!(
                loc.starts_with('第') || loc.starts_with('表'),
                "{}: {loc:?}",
                d.rule
            );
        }
    }
    // the table findings point at table cells, the narrative ones at paragraphs
    let r = lint_bytes("t.docx", &docx_of(common::SEED_003), &Options::default());
    let dev = r
        .diagnostics
        .iter()
        .find(|d| d.rule == "deviation-unexplained")
        .unwrap();
    // seed 003 line 138: the blank line 131 splits the rows into two Word tables
    assert_eq!(dev.location.as_deref(), Some("表2 第7行 第7列"));
    let dir = r
        .diagnostics
        .iter()
        .find(|d| d.rule == "change-direction")
        .unwrap();
    assert!(
        dir.location.as_deref().unwrap().ends_with('段'),
        "{:?}",
        dir.location
    );
}

#[test]
fn self_evaluation_table_as_xlsx() {
    let table: String = common::SEED_003
        .split('\n')
        .skip(108)
        .collect::<Vec<_>>()
        .join("\n");
    let want = rule_counts(&lint_text("t.txt", &table, &Options::default()));
    assert!(want.contains_key("deviation-unexplained"), "{want:?}");
    let r = lint_bytes("t.xlsx", &xlsx_of(&table, "自评表"), &Options::default());
    assert_eq!(r.format, "xlsx");
    assert_eq!(rule_counts(&r), want);
    let dev = r
        .diagnostics
        .iter()
        .find(|d| d.rule == "deviation-unexplained")
        .unwrap();
    assert!(
        dev.location.as_deref().unwrap().starts_with("自评表!"),
        "{:?}",
        dev.location
    );
    // an edited 执行率 in a percent-formatted cell is read as 95%
    let edited = table.replacen("\t100%\t10", "\t95%\t10", 1);
    let r = lint_bytes("t.xlsx", &xlsx_of(&edited, "自评表"), &Options::default());
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.rule == "execution-rate")
        .expect("execution-rate");
    assert_eq!(d.location.as_deref(), Some("自评表!G5"));
}

#[test]
fn seeds_in_gbk_and_utf16() {
    for text in [common::SEED_003, common::SEED_000] {
        let want = rule_counts(&lint_text("t.txt", text, &Options::default()));
        let (gbk, _, unmappable) = encoding_rs::GB18030.encode(text);
        assert!(!unmappable);
        assert_eq!(
            rule_counts(&lint_bytes("t.txt", &gbk, &Options::default())),
            want
        );
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(
            rule_counts(&lint_bytes("t.txt", &le, &Options::default())),
            want
        );
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(
            rule_counts(&lint_bytes("t.txt", &be, &Options::default())),
            want
        );
    }
}

#[test]
fn uncached_formula_is_reported_not_read_as_empty() {
    let mut x = xlsx_of("总分\t100\t98", "自评表");
    // rebuild with a formula cell without a value
    x = {
        let sheet = "<?xml version=\"1.0\"?><worksheet xmlns=\"x\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>总分</t></is></c><c r=\"C1\"><f>SUM(C2:C9)</f></c></row></sheetData></worksheet>";
        let _ = x;
        zip(&[
            ("xl/workbook.xml", "<workbook xmlns:r=\"r\"><sheets><sheet name=\"表\" r:id=\"rId1\"/></sheets></workbook>".into()),
            ("xl/_rels/workbook.xml.rels", "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>".into()),
            ("xl/worksheets/sheet1.xml", sheet.into()),
        ])
    };
    let r = lint_bytes("t.xlsx", &x, &Options::default());
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.rule == "formula-without-value")
        .expect("reported");
    assert_eq!(d.location.as_deref(), Some("表!C1"));
}

#[test]
fn hostile_files_give_clear_errors() {
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.txt", vec![], "empty"),
        (
            "truncated.docx",
            docx_of("收入 10 万元")[..60].to_vec(),
            "damaged",
        ),
        ("renamed.docx", xlsx_of("a\tb", "s"), ""),
        (
            "noise.bin",
            (0..5000u32)
                .map(|i| (i.wrapping_mul(2654435761) >> 11) as u8)
                .collect(),
            "decode",
        ),
        (
            "old.doc",
            {
                let mut v = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
                v.extend("WordDocument".encode_utf16().flat_map(|u| u.to_le_bytes()));
                v
            },
            ".docx",
        ),
        (
            "old.xls",
            vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0],
            ".xlsx",
        ),
        (
            "broken.ods",
            zip(&[(
                "mimetype",
                "application/vnd.oasis.opendocument.spreadsheet".into(),
            )]),
            ".ods",
        ),
    ];
    for (name, bytes, hint) in cases {
        let r = lint_bytes(name, &bytes, &Options::default());
        if name == "renamed.docx" {
            // content decides, not the extension: an .xlsx renamed .docx is read as a spreadsheet
            assert_eq!(r.format, "xlsx", "{:?}", r.error);
            continue;
        }
        let e = r
            .error
            .unwrap_or_else(|| panic!("{name} should fail"))
            .to_string();
        assert!(e.contains(hint), "{name}: {e}");
    }
}

#[test]
fn zip_bomb_is_refused() {
    let bytes = common::zip_bomb_docx();
    assert!(bytes.len() < 2_000_000);
    let r = lint_bytes("bomb.docx", &bytes, &Options::default());
    let e = r.error.expect("refused");
    assert_eq!(e.kind(), jixiao_lint::error::InputErrorKind::ZipBomb, "{e}");
    assert!(
        e.message().contains("zip bomb") || e.message().contains("limit"),
        "{e}"
    );
}

/// A one-page PDF with a non-embedded Adobe-GB1 font (STSong-Light, UniGB-UCS2-H): every line
/// of `text` one PDF line; tab-separated rows are laid out in columns wide enough for their
/// longest cell, as a typesetter would.
pub fn pdf_of(text: &str) -> Vec<u8> {
    let fs = 10usize;
    let width_of = |s: &str| -> usize {
        s.chars()
            .map(|c| if c.is_ascii() { fs / 2 } else { fs })
            .sum()
    };
    let lines: Vec<&str> = text.split('\n').collect();
    let mut colw: Vec<usize> = Vec::new();
    for l in lines.iter().filter(|l| l.contains('\t')) {
        for (i, c) in l.split('\t').enumerate() {
            let w = width_of(c.trim());
            if colw.len() <= i {
                colw.push(0);
            }
            colw[i] = colw[i].max(w.min(400));
        }
    }
    let page_w = lines
        .iter()
        .map(|l| width_of(l))
        .max()
        .unwrap_or(100)
        .max(colw.iter().map(|w| w + 40).sum())
        + 100;
    let page_h = 40 + lines.len() * 14;
    let mut content = vec![format!("BT /F1 {fs} Tf")];
    let mut y = page_h - 30;
    for l in &lines {
        let cells: Vec<(usize, &str)> = if l.contains('\t') {
            let mut x = 40;
            l.split('\t')
                .enumerate()
                .map(|(i, c)| {
                    let at = x;
                    x += colw[i] + 40;
                    (at, c.trim())
                })
                .collect()
        } else {
            vec![(40, *l)]
        };
        for (x, t) in cells {
            if t.is_empty() {
                continue;
            }
            let hex: String = t.encode_utf16().map(|u| format!("{u:04X}")).collect();
            content.push(format!("1 0 0 1 {x} {y} Tm <{hex}> Tj"));
        }
        y -= 14;
    }
    content.push("ET".into());
    let stream = content.join("\n");
    let objs = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {page_w} {page_h}] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"),
        format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()),
        "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>".to_string(),
        "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 /W [1 95 500] >>".to_string(),
        "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offs = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offs.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for o in offs {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn have_pdftotext() -> bool {
    std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok()
}

#[test]
fn seeds_as_pdf() {
    if !have_pdftotext() {
        // without poppler the error says how to install it
        let r = lint_bytes("t.pdf", &pdf_of("收入"), &Options::default());
        let e = r.error.unwrap();
        assert_eq!(e.kind(), jixiao_lint::error::InputErrorKind::NeedsPdftotext);
        assert!(e.message().contains("apt-get install poppler-utils"));
        return;
    }
    for (name, text) in [("000", common::SEED_000), ("003", common::SEED_003)] {
        let want = rule_counts(&lint_text("t.txt", text, &Options::default()));
        let r = lint_bytes("t.pdf", &pdf_of(text), &Options::default());
        assert_eq!(r.format, "pdf");
        assert_eq!(rule_counts(&r), want, "seed {name}");
        for d in &r.diagnostics {
            assert_eq!(d.location.as_deref(), Some("第1页"));
        }
    }
    // a PDF with no text layer (a scan) needs OCR
    let r = lint_bytes("scan.pdf", &pdf_of(""), &Options::default());
    let e = r.error.unwrap();
    assert_eq!(e.kind(), jixiao_lint::error::InputErrorKind::NoTextLayer);
    assert!(e.message().contains("no text layer"));
}

/// An OpenDocument spreadsheet: numbers as float cells, everything else (percents included)
/// as strings.
fn ods_of(text: &str, sheet: &str) -> Vec<u8> {
    let mut rows = String::new();
    for line in text.split('\n') {
        rows += "<table:table-row>";
        for cell in line.split('\t') {
            let t = cell.trim();
            if t.is_empty() {
                rows += "<table:table-cell/>";
            } else if t.parse::<f64>().is_ok() {
                rows += &format!(
                    "<table:table-cell office:value-type=\"float\" office:value=\"{t}\"><text:p>{t}</text:p></table:table-cell>"
                );
            } else {
                rows += &format!(
                    "<table:table-cell office:value-type=\"string\"><text:p>{}</text:p></table:table-cell>",
                    esc(cell)
                );
            }
        }
        rows += "</table:table-row>";
    }
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\"><office:body><office:spreadsheet><table:table table:name=\"{sheet}\">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"
    );
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/><manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>";
    zip(&[
        (
            "mimetype",
            "application/vnd.oasis.opendocument.spreadsheet".into(),
        ),
        ("META-INF/manifest.xml", manifest.into()),
        ("content.xml", content),
    ])
}

#[test]
fn self_evaluation_table_as_ods() {
    let table: String = common::SEED_003
        .split('\n')
        .skip(108)
        .collect::<Vec<_>>()
        .join("\n");
    let want = rule_counts(&lint_text("t.txt", &table, &Options::default()));
    let r = lint_bytes("t.ods", &ods_of(&table, "自评表"), &Options::default());
    assert_eq!(rule_counts(&r), want);
    let dev = r
        .diagnostics
        .iter()
        .find(|d| d.rule == "deviation-unexplained")
        .unwrap();
    assert!(
        dev.location.as_deref().unwrap().starts_with("自评表!"),
        "{:?}",
        dev.location
    );
}

/// A PDF whose content stream is followed by `noise` unknown operators: pdftotext prints one
/// warning each on stderr.
fn noisy_pdf(text: &str, noise: usize) -> Vec<u8> {
    let content = format!(
        "BT /F1 12 Tf 72 712 Td ({text}) Tj ET\n{}",
        "zz ".repeat(noise)
    );
    let objs = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offs = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offs.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for o in offs {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[test]
fn pdftotext_warnings_and_errors() {
    if !have_pdftotext() {
        return;
    }
    // 20,000 warnings (about 900 KB on stderr, far more than a pipe holds): the text is read
    // at once, not after a time-out
    let start = std::time::Instant::now();
    let r = lint_bytes(
        "noisy.pdf",
        &noisy_pdf("Budget 2023", 20_000),
        &Options::default(),
    );
    assert!(r.error.is_none(), "{:?}", r.error);
    assert!(r.source.unwrap().text().contains("Budget 2023"));
    assert!(start.elapsed().as_secs() < 10, "{:?}", start.elapsed());
    // a PDF pdftotext cannot read: its own words are in the message
    let r = lint_bytes(
        "bad.pdf",
        b"%PDF-1.4\nnothing else here\n",
        &Options::default(),
    );
    let e = r.error.expect("an error").to_string();
    let why = e
        .split("pdftotext could not read the PDF: ")
        .nth(1)
        .unwrap_or("");
    assert!(!why.trim().is_empty(), "{e}");
}
