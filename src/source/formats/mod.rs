//! Input formats: one module per format, each turning bytes into a [`Converted`] text with an
//! origin map (the document's own places), all under the same [`Limits`]; [`decode_input`]
//! picks the reader by the bytes' magic. A new format is one module and one arm of its match.

pub mod docx;
pub mod ods;
pub mod pdf;
pub mod xls;
pub mod xlsx;

use super::decode::{Format, Limits, decode_text, detect};
use super::{Origin, SourceFile, Span};
use crate::error::{InputError, InputErrorKind as K};

/// The text and origin map of a converted document.
pub struct Converted {
    /// Decoded text: one paragraph or table row a line.
    pub text: String,
    /// Where each paragraph and cell came from.
    pub origins: Vec<Origin>,
    /// Problems found while converting that a reviewer should see (not errors).
    pub notes: Vec<(usize, usize, String)>,
}

/// Decode any supported input: text in any common encoding, .docx, .xlsx, PDF. Returns the
/// source (with its origin map), the format name and the spans of uncached formula cells.
// Long by design: the dispatch by content over every input format; each arm is a reader call or a
// refusal with its reason.
pub fn decode_input(
    name: &str,
    bytes: &[u8],
    limits: &Limits,
) -> Result<(SourceFile, &'static str, Vec<Span>), InputError> {
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(InputError::too_large(
            bytes.len() as u64,
            limits.max_file_bytes,
        ));
    }
    if bytes.is_empty() {
        return Err(InputError::new(K::Empty, "the file is empty"));
    }
    let fmt = detect(bytes);
    let converted = match fmt {
        Format::Text => {
            let (text, _enc) = decode_text(bytes)?;
            return Ok((SourceFile::new(name, text), "text", Vec::new()));
        }
        Format::Docx => docx::read_docx(bytes, limits)?,
        Format::Xlsx => xlsx::read_xlsx(bytes, limits)?,
        Format::Pdf => pdf::read_pdf(bytes, limits)?,
        Format::OtherZip => {
            if zip_has_mimetype(bytes, "application/vnd.oasis.opendocument.spreadsheet") {
                ods::read_ods(bytes, limits)?
            } else {
                let (kind, hint) = if name.ends_with(".odt") {
                    (
                        K::Odt,
                        "OpenDocument text (.odt) is not read: save the file as .docx",
                    )
                } else if name.ends_with(".docx")
                    || name.ends_with(".xlsx")
                    || name.ends_with(".ods")
                {
                    (
                        K::Damaged,
                        "the archive has no word/document.xml, xl/workbook.xml or OpenDocument content: not a valid office file (renamed or damaged?)",
                    )
                } else {
                    (
                        K::ZipNotOffice,
                        "a zip archive that is neither .docx, .xlsx nor .ods",
                    )
                };
                return Err(InputError::new(kind, hint));
            }
        }
        Format::Ole => {
            let marker: Vec<u8> = "WordDocument"
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes())
                .collect();
            let word = bytes
                .windows(marker.len())
                .take(8_000_000)
                .any(|w| w == marker.as_slice());
            if word {
                return Err(InputError::new(
                    K::LegacyWord,
                    "a Word 97-2003 (.doc) or WPS document: save it as .docx (Word/WPS: 另存为 .docx), or convert it with LibreOffice: `soffice --headless --convert-to docx FILE`",
                ));
            }
            xls::read_xls(bytes, limits).map_err(|e| {
                InputError::new(
                    e.kind(),
                    format!(
                        "{e}; if this is a WPS or other legacy Office file, save it as .xlsx or .docx"
                    ),
                )
            })?
        }
    };
    let uncached = converted
        .notes
        .iter()
        .map(|(s, e, _)| Span::from_range(*s, *e))
        .collect();
    let origins = converted.origins;
    Ok((
        SourceFile::new(name, converted.text).with_origins(origins),
        fmt.name(),
        uncached,
    ))
}

fn zip_has_mimetype(bytes: &[u8], mime: &str) -> bool {
    let Ok(mut z) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return false;
    };
    let mut total = 0;
    matches!(
        crate::source::decode::zip_entry(&mut z, "mimetype", &Limits::default(), &mut total),
        Ok(Some(m)) if m.trim() == mime
    )
}

/// The character an XML entity or character reference stands for (the five predefined
/// entities and `&#…;`); `None` for any other entity.
pub(crate) fn entity_char(g: &quick_xml::events::BytesRef) -> Option<char> {
    match g.resolve_char_ref() {
        Ok(Some(c)) => Some(c),
        _ => match g.xml10_content().as_ref() {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => None,
        },
    }
}
