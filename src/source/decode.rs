//! Bytes in, decoded text out: format detection by content (magic bytes), text encodings, and
//! the limits that keep every format bounded.

use crate::error::{InputError, InputErrorKind as K};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};
use std::io::Read;

/// The input formats jixiao-lint reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain text in some encoding.
    Text,
    /// Office Open XML word processing (.docx).
    Docx,
    /// Office Open XML spreadsheet (.xlsx).
    Xlsx,
    /// A zip archive of another kind (.ods, .odt, unknown).
    OtherZip,
    /// PDF.
    Pdf,
    /// An OLE2 compound file: .doc, .xls, WPS.
    Ole,
}

impl Format {
    /// The name used in JSON output.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
            Format::OtherZip => "zip",
            Format::Pdf => "pdf",
            Format::Ole => "ole",
        }
    }
}

/// Resource limits for every input format.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Largest input file, in bytes.
    pub max_file_bytes: u64,
    /// Largest decompressed zip entry, in bytes.
    pub max_entry_bytes: u64,
    /// Largest total of decompressed zip entries read, in bytes.
    pub max_total_bytes: u64,
    /// Largest decompressed ÷ compressed ratio of a zip entry over 1 MiB.
    pub max_ratio: u64,
    /// Deepest XML nesting.
    pub max_xml_depth: usize,
    /// Most table cells read from one document.
    pub max_cells: usize,
    /// Most cells of the dense grids an .xls is read into (from each sheet's first to its last
    /// cell, empty ones included).
    pub max_dense_cells: u64,
    /// Largest text made from a document, spreadsheet or PDF, in bytes.
    pub max_text_bytes: u64,
    /// Most characters of one spreadsheet cell (Excel's own limit).
    pub max_cell_chars: usize,
    /// Time allowed to an external converter (pdftotext), in seconds.
    pub converter_seconds: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 64 * 1024 * 1024,
            max_entry_bytes: 64 * 1024 * 1024,
            max_total_bytes: 256 * 1024 * 1024,
            max_ratio: 200,
            max_xml_depth: 256,
            max_cells: 500_000,
            max_dense_cells: 4_000_000,
            max_text_bytes: 64 * 1024 * 1024,
            max_cell_chars: 32_767,
            converter_seconds: 30,
        }
    }
}

/// Detect the format of a file from its first bytes (and, for zips, its entries).
pub fn detect(bytes: &[u8]) -> Format {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        let names = zip_names(bytes);
        if names.iter().any(|n| n == "word/document.xml") {
            return Format::Docx;
        }
        if names.iter().any(|n| n == "xl/workbook.xml") {
            return Format::Xlsx;
        }
        return Format::OtherZip;
    }
    if bytes.starts_with(b"%PDF-") {
        return Format::Pdf;
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Format::Ole;
    }
    Format::Text
}

fn zip_names(bytes: &[u8]) -> Vec<String> {
    match zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
        Ok(z) => z
            .file_names()
            .filter_map(|n| n.ok().map(|s| s.into_owned()))
            .take(100_000)
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// The first `max` characters of `s`.
pub fn cap_cell(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// The error for a converted text over [`Limits::max_text_bytes`].
pub fn text_over_limit(limits: &Limits) -> InputError {
    InputError::new(
        K::TextOverLimit,
        format!(
            "the text made from the document is over the limit of {} MB",
            limits.max_text_bytes / (1024 * 1024)
        ),
    )
}

/// Read one entry of a zip archive within the limits; `total` accumulates what was read.
pub fn zip_entry(
    z: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
    limits: &Limits,
    total: &mut u64,
) -> Result<Option<String>, InputError> {
    let mut f = match z.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(InputError::new(
                K::Damaged,
                format!("damaged archive entry {name}: {e}"),
            ));
        }
    };
    let declared = f.size();
    let compressed = f.compressed_size().max(1);
    if declared > limits.max_entry_bytes {
        return Err(InputError::new(
            K::ZipBomb,
            format!(
                "archive entry {name} unpacks to {declared} bytes, over the limit of {} bytes",
                limits.max_entry_bytes
            ),
        ));
    }
    if declared > 1024 * 1024 && declared / compressed > limits.max_ratio {
        return Err(InputError::new(
            K::ZipBomb,
            format!(
                "archive entry {name} expands {}×, over the limit of {}× (zip bomb?)",
                declared / compressed,
                limits.max_ratio
            ),
        ));
    }
    let budget = limits
        .max_entry_bytes
        .min(limits.max_total_bytes.saturating_sub(*total));
    let mut buf = Vec::new();
    (&mut f)
        .take(budget + 1)
        .read_to_end(&mut buf)
        .map_err(|e| InputError::new(K::Damaged, format!("damaged archive entry {name}: {e}")))?;
    if buf.len() as u64 > budget {
        return Err(InputError::new(
            K::ZipBomb,
            format!("archive entry {name} unpacks to more than {budget} bytes (zip bomb?)"),
        ));
    }
    if buf.len() as u64 > 1024 * 1024 && buf.len() as u64 / compressed > limits.max_ratio {
        return Err(InputError::new(
            K::ZipBomb,
            format!(
                "archive entry {name} expands over {}× (zip bomb?)",
                limits.max_ratio
            ),
        ));
    }
    *total += buf.len() as u64;
    let s = String::from_utf8(buf).map_err(|_| {
        InputError::new(K::Damaged, format!("archive entry {name} is not UTF-8 XML"))
    })?;
    Ok(Some(s))
}

/// Decode text bytes: a BOM decides; else UTF-8; else UTF-16 without BOM (many NUL bytes);
/// else the encoding chardetng guesses (GB18030/GBK, Big5, …). Returns the text and the
/// encoding's name.
pub fn decode_text(bytes: &[u8]) -> Result<(String, &'static str), InputError> {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        if had_errors {
            return Err(InputError::new(
                K::Undecodable,
                format!("invalid {} text after its byte-order mark", enc.name()),
            ));
        }
        return Ok((text.into_owned(), enc.name()));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), "UTF-8"));
    }
    let sample = &bytes[..bytes.len().min(8192)];
    let nul_even = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let nul_odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|b| **b == 0)
        .count();
    let half = sample.len() / 2 + 1;
    if (nul_even + nul_odd) * 10 >= half && bytes.len().is_multiple_of(2) {
        let enc = if nul_odd > nul_even {
            UTF_16LE
        } else {
            UTF_16BE
        };
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        if !had_errors {
            return Ok((text.into_owned(), enc.name()));
        }
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Deny);
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors || text.contains('\u{0}') && enc != encoding_rs::UTF_8 && looks_binary(bytes) {
        let bad = bytes
            .iter()
            .take(16)
            .map(|b| format!("{b:02x}"))
            .collect::<Vec<_>>()
            .join(" ");
        return Err(InputError::new(
            K::Undecodable,
            format!(
                "cannot decode the text: not UTF-8 or UTF-16, and invalid as {} (the best guess); first bytes: {bad}",
                enc.name()
            ),
        ));
    }
    Ok((text.into_owned(), enc.name()))
}

fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(4096)];
    sample
        .iter()
        .filter(|b| **b < 0x09 || (**b > 0x0d && **b < 0x20))
        .count()
        * 20
        > sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        let s = "收入总计 458.5 万元，比上年增加 38.27 万元。\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(s);
        assert_eq!(decode_text(&gbk).unwrap().0, s);
        let mut le = vec![0xFF, 0xFE];
        le.extend(s.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode_text(&le).unwrap().0, s);
        let no_bom: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(decode_text(&no_bom).unwrap().0, s);
        let be: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(decode_text(&be).unwrap().0, s);
        let (big5, _, _) = encoding_rs::BIG5
            .encode("收入總計 458.5 萬元，比上年增加 38.27 萬元，主要原因是人員經費增長。\n");
        assert!(decode_text(&big5).unwrap().0.contains("收入總計"));
        let mut bom8 = vec![0xEF, 0xBB, 0xBF];
        bom8.extend(s.as_bytes());
        assert_eq!(decode_text(&bom8).unwrap().0, s);
    }

    #[test]
    fn binary_noise_is_an_error() {
        let noise: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        assert!(decode_text(&noise).is_err());
    }

    #[test]
    fn detection() {
        assert_eq!(detect(b"%PDF-1.4"), Format::Pdf);
        assert_eq!(
            detect(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            Format::Ole
        );
        assert_eq!(detect(b"PK\x03\x04garbage"), Format::OtherZip);
        assert_eq!(detect("收入".as_bytes()), Format::Text);
    }
}
