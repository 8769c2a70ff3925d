//! Why an input could not be read: one typed error for every format and every way of reading
//! (files, standard input, uploads), with its English text (`Display`, what JSON and SARIF
//! carry) and its Chinese text for people ([`InputError::localized`]).

use crate::lang::{Lang, Message, tr};

/// What kind of failure an [`InputError`] is: match on it instead of on the message.
///
/// ```
/// use jixiao_lint::error::InputErrorKind;
/// let r = jixiao_lint::lint_bytes("a.docx", b"PK\x03\x04 not a zip", &Default::default());
/// assert_eq!(r.error.map(|e| e.kind()), Some(InputErrorKind::Damaged));
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputErrorKind {
    /// The input is larger than the size limit.
    TooLarge {
        /// Its size in bytes.
        bytes: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// Another limit on what is read (standard input past the size limit).
    OverLimit,
    /// The input holds no bytes.
    Empty,
    /// A compressed document that unpacks to far more than it holds.
    ZipBomb,
    /// More table cells than the limit.
    TooManyCells,
    /// The text made from a document is over the text limit.
    TextOverLimit,
    /// The text pdftotext made is over the text limit.
    PdfTextOverLimit,
    /// A Word 97-2003 (.doc) or WPS document.
    LegacyWord,
    /// An OpenDocument text (.odt).
    Odt,
    /// Neither text in a known encoding nor a known document format.
    Undecodable,
    /// A document of a known format that cannot be opened (damaged or renamed).
    Damaged,
    /// A zip archive that is not an office document.
    ZipNotOffice,
    /// A PDF, and pdftotext is not installed.
    NeedsPdftotext,
    /// A PDF without a text layer (a scan).
    NoTextLayer,
    /// pdftotext failed on the PDF.
    Pdf,
    /// A FIFO, socket or device named as a file.
    NotRegularFile,
    /// A folder named as a file.
    IsDirectory,
    /// The file system refused the read.
    CannotRead,
    /// A format named by the caller that the content does not have, or no format at all.
    Format,
}

/// Why an input could not be read.
///
/// ```
/// use jixiao_lint::error::InputErrorKind;
/// use jixiao_lint::{Options, lint_bytes};
///
/// let r = lint_bytes("empty.txt", b"", &Options::default());
/// let e = r.error.expect("an empty file is refused");
/// assert_eq!(e.kind(), InputErrorKind::Empty);
/// assert_eq!(e.to_string(), "the file is empty");
/// assert_eq!(e.localized(jixiao_lint::diagnostic::Lang::Zh), "文件是空的。（the file is empty）");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct InputError {
    kind: InputErrorKind,
    message: String,
}

impl InputError {
    /// An error of `kind` with its English message.
    pub(crate) fn new(kind: InputErrorKind, message: impl Into<String>) -> Self {
        InputError {
            kind,
            message: message.into(),
        }
    }

    /// An input of `bytes` bytes over the limit of `limit`.
    ///
    /// ```
    /// use jixiao_lint::{Lang, error::InputError};
    /// let e = InputError::too_large(70 * 1024 * 1024, 64 * 1024 * 1024);
    /// assert_eq!(e.localized(Lang::Zh), "文件过大（70 MB），超过了 64 MB 的上限，没有检查。");
    /// ```
    pub fn too_large(bytes: u64, limit: u64) -> Self {
        InputError::new(
            InputErrorKind::TooLarge { bytes, limit },
            format!("file is {bytes} bytes, over the limit of {limit} bytes"),
        )
    }

    /// What kind of failure it is.
    ///
    /// ```
    /// use jixiao_lint::error::InputErrorKind;
    /// let r = jixiao_lint::lint_bytes("e.txt", b"", &Default::default());
    /// assert_eq!(r.error.unwrap().kind(), InputErrorKind::Empty);
    /// ```
    pub fn kind(&self) -> InputErrorKind {
        self.kind
    }

    /// The English message.
    ///
    /// ```
    /// let r = jixiao_lint::lint_bytes("e.txt", b"", &Default::default());
    /// assert_eq!(r.error.unwrap().message(), "the file is empty");
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The same error, its message led by where the input came from (`standard input: …`).
    #[cfg_attr(not(feature = "cli"), allow(dead_code))]
    pub(crate) fn within(mut self, what: &str) -> Self {
        self.message = format!("{what}: {}", self.message);
        self
    }

    /// The message for people in `lang`: in Chinese, what happened and what to do, with the
    /// English detail in brackets.
    ///
    /// ```
    /// use jixiao_lint::Lang;
    /// let e = jixiao_lint::lint_bytes("e.txt", b"", &Default::default()).error.unwrap();
    /// assert_eq!(e.localized(Lang::En), "the file is empty");
    /// assert_eq!(e.localized(Lang::Zh), "文件是空的。（the file is empty）");
    /// ```
    pub fn localized(&self, lang: Lang) -> String {
        self.text().render(lang)
    }

    /// The message for people, in every language: in Chinese, what happened and what to do,
    /// with the English detail in brackets; in English, the detail.
    ///
    /// ```
    /// let e = jixiao_lint::lint_bytes("e.txt", b"", &Default::default()).error.unwrap();
    /// assert_eq!(e.text().render(jixiao_lint::Lang::Zh), e.localized(jixiao_lint::Lang::Zh));
    /// ```
    pub fn text(&self) -> Message {
        use InputErrorKind as K;
        let detail = self.message.as_str();
        let what = match self.kind {
            K::TooLarge { bytes, limit } => {
                return tr!(
                    "文件过大（{size} MB），超过了 {limit} MB 的上限，没有检查。",
                    "{detail}",
                    size = &megabytes(bytes),
                    limit = &megabytes(limit),
                    detail = detail,
                );
            }
            K::ZipBomb => "压缩包解压后异常庞大（疑似“压缩炸弹”），为安全起见已停止读取",
            K::Empty => "文件是空的",
            K::TooManyCells => "表格单元格过多，超过了可检查的上限",
            K::TextOverLimit => "文件转换出的文字过多，超过了可检查的上限",
            K::PdfTextOverLimit => "PDF 中的文字过多，超过了可检查的上限",
            K::OverLimit => "文件过大，超过了可检查的大小上限",
            K::LegacyWord => {
                "这是 Word 97-2003（.doc）或 WPS 格式的文件，请在 Word/WPS 中“另存为”.docx 后再检查"
            }
            K::Odt => "这是 .odt 文件，请另存为 .docx 后再检查",
            K::Undecodable => {
                "无法识别文件内容：既不是文本（UTF-8/GBK 等编码），也不是 .docx、.xlsx 或 PDF"
            }
            K::Damaged => "文件已损坏或格式不对，无法打开",
            K::ZipNotOffice => "这是一个压缩包，但不是 .docx、.xlsx 或 .ods 文件",
            K::NeedsPdftotext => "读取 PDF 需要安装 pdftotext（poppler-utils）",
            K::NoTextLayer => "PDF 中没有文字（可能是扫描件），请提供带文字的 PDF 或 Word 文件",
            K::Pdf => "无法读取这个 PDF 文件",
            K::NotRegularFile => "这不是普通文件（管道、设备等），请把内容从标准输入传入（-）",
            K::IsDirectory => "这是一个文件夹，不是文件",
            K::CannotRead => "无法打开文件",
            K::Format => "无法读取文件",
        };
        tr!(
            "{what}。（{detail}）",
            "{detail}",
            what = what,
            detail = detail
        )
    }
}

impl serde::Serialize for InputError {
    /// As its English message (the JSON report's `error`).
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.message)
    }
}

/// Bytes as MiB with at most one decimal, rounded up (`20`, `1.1`): for messages.
pub(crate) fn megabytes(bytes: u64) -> String {
    let tenths = bytes.saturating_mul(10).div_ceil(1024 * 1024);
    if tenths.is_multiple_of(10) {
        format!("{}", tenths / 10)
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_is_the_message_and_chinese_leads_with_the_kind() {
        let e = InputError::new(InputErrorKind::Damaged, "not a readable .xls: bad header");
        assert_eq!(e.to_string(), "not a readable .xls: bad header");
        assert_eq!(e.localized(Lang::En), "not a readable .xls: bad header");
        assert_eq!(
            e.localized(Lang::Zh),
            "文件已损坏或格式不对，无法打开。（not a readable .xls: bad header）"
        );
        let big = InputError::too_large(70 * 1024 * 1024, 64 * 1024 * 1024);
        assert_eq!(
            big.to_string(),
            "file is 73400320 bytes, over the limit of 67108864 bytes"
        );
        assert_eq!(
            big.localized(Lang::Zh),
            "文件过大（70 MB），超过了 64 MB 的上限，没有检查。"
        );
        let s = InputError::new(InputErrorKind::OverLimit, "more than 9 bytes")
            .within("standard input");
        assert_eq!(s.to_string(), "standard input: more than 9 bytes");
        assert_eq!(s.kind(), InputErrorKind::OverLimit);
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            "\"standard input: more than 9 bytes\""
        );
    }
}
