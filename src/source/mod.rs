//! Source text: decoded text with a line index, character folding and origin-mapped
//! character streams. Every later stage works on spans into the original text.

pub(crate) mod decode;
mod fold;
pub(crate) mod formats;
pub(crate) mod stream;

pub(crate) use fold::NUMERAL_CHARS;
pub(crate) use fold::{
    fold_char, has, is_cjk, is_latin_letter, is_numeral_char, is_plain_ideograph, is_sentence_end,
    label_key, label_key_cow,
};
pub(crate) use stream::{CharStream, SChar};

use serde::{Deserialize, Serialize};

/// A byte range in the decoded text of a source file.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
///
/// ```
/// let r = jixiao_lint::lint_text("r.txt", "当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。", &Default::default());
/// let sp = r.diagnostics[0].span.unwrap();
/// let src = r.source.as_ref().unwrap();
/// assert_eq!(&src.text()[sp.offset..sp.end()], "减少");
/// ```
pub struct Span {
    /// Byte offset of the first byte.
    pub offset: usize,
    /// Length in bytes.
    pub len: usize,
}

impl Span {
    /// A span from a byte offset and length.
    ///
    /// ```
    /// let sp = jixiao_lint::source::Span::new(3, 6);
    /// assert_eq!((sp.offset, sp.len), (3, 6));
    /// ```
    pub fn new(offset: usize, len: usize) -> Self {
        Span { offset, len }
    }
    /// The span from `start` to `end` (exclusive); an inverted range gives an empty span.
    pub(crate) fn from_range(start: usize, end: usize) -> Self {
        Span {
            offset: start,
            len: end.saturating_sub(start),
        }
    }
    /// One byte past the end.
    ///
    /// ```
    /// assert_eq!(jixiao_lint::source::Span::new(3, 6).end(), 9);
    /// ```
    pub fn end(&self) -> usize {
        self.offset + self.len
    }
    /// The smallest span covering both.
    pub(crate) fn cover(self, other: Span) -> Span {
        let s = self.offset.min(other.offset);
        let e = self.end().max(other.end());
        Span::from_range(s, e)
    }
}

/// A decoded source file with a line index.
///
/// ```
/// use jixiao_lint::source::SourceFile;
/// let src = SourceFile::new("r.txt", "标题\n正文");
/// assert_eq!((src.name(), src.line_count()), ("r.txt", 2));
/// ```
#[derive(Clone, Debug)]
pub struct SourceFile {
    name: String,
    text: String,
    line_starts: Vec<usize>,
    /// Number of characters before byte `k · CHECKPOINT` (columns in O(CHECKPOINT)), counted
    /// the first time a column is asked for (most lints never need one).
    char_checkpoints: std::sync::OnceLock<Vec<usize>>,
    /// Where ranges of the text came from in a binary original (paragraphs, cells), sorted.
    origins: Vec<Origin>,
}

/// Where a range of the decoded text came from in the original document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Origin {
    /// First byte in the decoded text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// A human reference: `第12段`, `表2 第3行 第5列`, `自评表!F7`, `第3页`.
    pub location: String,
}

/// Bytes between two character-count checkpoints.
const CHECKPOINT: usize = 256;

/// Characters in a byte range: bytes that are not UTF-8 continuation bytes.
fn count_chars(b: &[u8]) -> usize {
    b.iter().filter(|&&x| (x & 0xC0) != 0x80).count()
}

/// Old Mac and some exports end lines with a lone CR: it becomes LF (one byte for one byte,
/// so every offset, span and column stays as it was); CRLF is left alone.
fn lone_cr_to_lf(text: String) -> String {
    let b = text.as_bytes();
    let lone = |i: usize| b.get(i + 1) != Some(&b'\n');
    if !memchr::memchr_iter(b'\r', b).any(lone) {
        return text;
    }
    let mut bytes = text.into_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    // (ASCII for ASCII: still UTF-8)
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// A 1-based line and character column.
///
/// ```
/// let src = jixiao_lint::source::SourceFile::new("r.txt", "标题\n正文");
/// let at = src.line_col("标题\n正".len());
/// assert_eq!((at.line, at.column), (2, 2));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in Unicode scalar values.
    pub column: usize,
}

impl SourceFile {
    /// Index `text` (already decoded) under `name`.
    ///
    /// ```
    /// let src = jixiao_lint::source::SourceFile::new("r.txt", "一\r\n二");
    /// assert_eq!(src.line_text(1), "二");
    /// ```
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = lone_cr_to_lf(text.into());
        let mut line_starts = Vec::with_capacity(text.len() / 40 + 2);
        line_starts.push(0);
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        // (the guess above is generous for short lines; the index lives as long as the text)
        line_starts.shrink_to_fit();
        SourceFile {
            name: name.into(),
            text,
            line_starts,
            char_checkpoints: std::sync::OnceLock::new(),
            origins: Vec::new(),
        }
    }

    /// Attach the origin map of a converted document (ranges sorted by start).
    pub(crate) fn with_origins(mut self, mut origins: Vec<Origin>) -> Self {
        origins.sort_by_key(|o| (o.start, o.end));
        self.origins = origins;
        self
    }

    /// The human reference of the place a byte offset came from, for converted documents.
    ///
    /// ```
    /// // text has no document places; a .docx's paragraphs and cells do (`第2段`, `表1 第3行 第5列`)
    /// let src = jixiao_lint::source::SourceFile::new("r.txt", "正文");
    /// assert_eq!(src.location(0), None);
    /// ```
    pub fn location(&self, offset: usize) -> Option<&str> {
        let i = self.origins.partition_point(|o| o.start <= offset);
        self.origins[..i]
            .iter()
            .rev()
            .take(8)
            .find(|o| offset < o.end.max(o.start + 1))
            .map(|o| o.location.as_str())
    }

    /// The file name used in diagnostics.
    ///
    /// ```
    /// assert_eq!(jixiao_lint::source::SourceFile::new("a.txt", "").name(), "a.txt");
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The decoded text.
    ///
    /// ```
    /// assert_eq!(jixiao_lint::source::SourceFile::new("a.txt", "正文").text(), "正文");
    /// ```
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Number of lines (a trailing newline does not open a new line).
    ///
    /// ```
    /// assert_eq!(jixiao_lint::source::SourceFile::new("a.txt", "一\n二\n").line_count(), 2);
    /// ```
    pub fn line_count(&self) -> usize {
        let n = self.line_starts.len();
        if n > 1 && self.line_starts[n - 1] == self.text.len() {
            n - 1
        } else {
            n
        }
    }

    /// 0-based line index of a byte offset (clamped to the text).
    pub(crate) fn line_index(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// The 0-based lines, among the first `max_lines`, that contain one of `phrases`, in order
    /// (one vectorised byte search per phrase rather than a search per line).
    pub(crate) fn lines_with(&self, phrases: &[&str], max_lines: usize) -> Vec<usize> {
        let lines = max_lines.min(self.line_count());
        if lines == 0 {
            return Vec::new();
        }
        let head = &self.text.as_bytes()[..self.line_range(lines - 1).1];
        let mut out: Vec<usize> = phrases
            .iter()
            .flat_map(|p| memchr::memmem::find_iter(head, p.as_bytes()))
            .map(|off| self.line_index(off))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Byte range of a 0-based line, without its line terminator.
    pub(crate) fn line_range(&self, line: usize) -> (usize, usize) {
        let start = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        let mut end = self
            .line_starts
            .get(line + 1)
            .map(|e| e - 1)
            .unwrap_or(self.text.len());
        if end > start && self.text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        (start, end.max(start))
    }

    /// Text of a 0-based line, without its terminator.
    ///
    /// ```
    /// let src = jixiao_lint::source::SourceFile::new("a.txt", "一\n二");
    /// assert_eq!(src.line_text(0), "一");
    /// ```
    pub fn line_text(&self, line: usize) -> &str {
        let (s, e) = self.line_range(line);
        self.text.get(s..e).unwrap_or("")
    }

    /// Byte offset of the start of a 0-based line.
    pub(crate) fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len())
    }

    /// Characters before byte offset `x` (which must be a char boundary).
    fn chars_before(&self, x: usize) -> usize {
        let k = x / CHECKPOINT;
        let checkpoints = self.char_checkpoints.get_or_init(|| {
            let mut v = Vec::with_capacity(self.text.len() / CHECKPOINT + 2);
            let mut acc = 0;
            for chunk in self.text.as_bytes().chunks(CHECKPOINT) {
                v.push(acc);
                acc += count_chars(chunk);
            }
            v.push(acc);
            v
        });
        checkpoints[k] + count_chars(&self.text.as_bytes()[k * CHECKPOINT..x])
    }

    /// 1-based line and character column of a byte offset. An offset inside a
    /// multi-byte character counts as that character.
    ///
    /// ```
    /// let src = jixiao_lint::source::SourceFile::new("a.txt", "ab\n收入");
    /// let at = src.line_col(3 + "收".len());
    /// assert_eq!((at.line, at.column), (2, 2));
    /// ```
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.text.len());
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        let mut end = offset;
        while end > start && !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let column = self.chars_before(end) - self.chars_before(start) + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_holding_phrases() {
        let f = SourceFile::new(
            "t",
            "单位名称：甲\n正文\n主管部门 乙，单位名称\n\n末行单位名称",
        );
        assert_eq!(f.lines_with(&["单位名称", "主管部门"], 100), vec![0, 2, 4]);
        // only the first lines are searched
        assert_eq!(f.lines_with(&["单位名称"], 3), vec![0, 2]);
        assert!(f.lines_with(&["单位名称"], 0).is_empty());
        assert!(f.lines_with(&["预算"], 100).is_empty());
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let f = SourceFile::new("t", "第一行\n收入587.65万元\n");
        let off = f.text().find("587").unwrap();
        assert_eq!(f.line_col(off), LineCol { line: 2, column: 3 });
        assert_eq!(f.line_count(), 2);
        assert_eq!(f.line_text(1), "收入587.65万元");
    }

    #[test]
    fn columns_on_long_lines() {
        let line = "收入10万元，".repeat(500);
        let f = SourceFile::new("t", format!("x\n{line}\n"));
        let off = f.text().rfind("10").unwrap();
        let want = f.text()[2..off].chars().count() + 1;
        assert_eq!(
            f.line_col(off),
            LineCol {
                line: 2,
                column: want
            }
        );
    }

    #[test]
    fn crlf_lines_and_clamping() {
        let f = SourceFile::new("t", "a\r\nb");
        assert_eq!(f.line_text(0), "a");
        assert_eq!(f.line_text(1), "b");
        assert_eq!(f.line_col(999).line, 2);
        assert_eq!(f.line_index(2), 0);
        assert_eq!(f.line_index(3), 1);
    }
}
