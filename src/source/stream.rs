//! Origin-mapped character streams: folded characters, each remembering where it came from.

use super::fold::pinyin_annotation_len;
use super::{
    Span, fold_char, is_cjk, is_latin_letter, is_numeral_char, is_plain_ideograph, is_sentence_end,
};

/// One character of a stream: the folded character and its place in the original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SChar {
    /// Folded character (see [`fold_char`]).
    pub c: char,
    /// Byte offset of the original character (streams cover the first 4 GiB of a text).
    pub off: u32,
    /// Byte offset of the folded character in the stream's folded text (upper 29 bits) and
    /// byte length of the original character (lower 3 bits; 0 for a virtual separator):
    /// twelve bytes a character.
    packed: u32,
}

/// Largest folded text a stream holds (29 bits of offset).
const MAX_FOLDED: usize = 1 << 29;

impl SChar {
    fn new(c: char, off: u32, fb: u32, len: usize) -> Self {
        SChar {
            c,
            off,
            packed: (fb << 3) | len as u32,
        }
    }
    /// Byte length of the original character (0 for a virtual separator).
    pub fn orig_len(&self) -> usize {
        (self.packed & 7) as usize
    }
    /// True for a virtual separator (no width in the original).
    pub fn is_virtual(&self) -> bool {
        self.orig_len() == 0
    }
    fn fb(&self) -> usize {
        (self.packed >> 3) as usize
    }
}

/// A sequence of folded characters with an origin map. Text from several lines can be
/// joined into one stream; a virtual separator keeps numbers on both sides of a line
/// break apart without changing any span.
#[derive(Clone, Debug, Default)]
pub struct CharStream {
    chars: Vec<SChar>,
    /// The folded characters as text, so slices of it are borrowed, never built.
    folded: String,
    /// Indices of the characters that can start a figure (ASCII digits and Chinese numeral
    /// characters), recorded while the stream is built so the figure scan visits only them.
    figure_starts: Vec<u32>,
    /// True when the stream holds a Latin letter ([`is_latin_letter`]).
    has_latin: bool,
    /// Indices of sentence terminators (。 ! ?, full-width forms folded).
    terminators: Vec<u32>,
}

impl CharStream {
    /// An empty stream.
    pub fn new() -> Self {
        CharStream::default()
    }

    #[inline]
    fn push(&mut self, sc: SChar) {
        self.folded.push(sc.c);
        self.chars.push(sc);
    }

    /// Append the characters of `text[start..end]` (byte range, must be on char boundaries).
    pub fn push_range(&mut self, text: &str, start: usize, end: usize) {
        let Some(slice) = text.get(start..end) else {
            return;
        };
        // offsets are kept in 32 bits: text past 4 GiB is not read
        if end > u32::MAX as usize || self.folded.len() + slice.len() >= MAX_FOLDED {
            return;
        }
        let start = start as u32;
        let n = slice.len();
        // (a stream made with its final capacity does not grow here)
        if self.chars.capacity() - self.chars.len() < n {
            self.chars.reserve(slice.chars().count());
        }
        self.folded.reserve(n);
        let mut fb = self.folded.len() as u32;
        // unchanged characters are copied into `folded` a run at a time
        let mut run = 0;
        let bytes = slice.as_bytes();
        let mut i = 0;
        while i < n {
            let b0 = bytes[i];
            // fast path: a three-byte ideograph of U+4000–U+9FFF (lead bytes E4–E9), the bulk
            // of every report, that folds to itself and starts no figure
            if (0xE4..=0xE9).contains(&b0) && i + 2 < n {
                let cp = ((b0 as u32 & 0x0F) << 12)
                    | ((bytes[i + 1] as u32 & 0x3F) << 6)
                    | (bytes[i + 2] as u32 & 0x3F);
                if let Some(ch) = char::from_u32(cp)
                    && is_plain_ideograph(ch)
                {
                    self.chars.push(SChar::new(ch, start + i as u32, fb, 3));
                    fb += 3;
                    i += 3;
                    continue;
                }
            }
            let Some(ch) = slice[i..].chars().next() else {
                break;
            };
            // a pinyin annotation after a character (`预(yù)算`, text converted between
            // scripts) is not read
            if (ch == '(' || ch == '（')
                && self.chars.last().is_some_and(|l| is_cjk(l.c))
                && let Some(skip) = pinyin_annotation_len(&slice[i..])
            {
                self.folded.push_str(&slice[run..i]);
                run = i + skip;
                i += skip;
                continue;
            }
            let len = ch.len_utf8();
            let c = if len == 1 { ch } else { fold_char(ch) };
            if c == ch && c != '\r' && c != '\u{FEFF}' {
                self.note(c);
                self.chars.push(SChar::new(c, start + i as u32, fb, len));
                fb += len as u32;
                i += len;
                continue;
            }
            self.folded.push_str(&slice[run..i]);
            run = i + len;
            if ch == '\r' || ch == '\u{FEFF}' {
                i += len;
                continue;
            }
            self.note(c);
            self.folded.push(c);
            self.chars.push(SChar::new(c, start + i as u32, fb, len));
            fb += c.len_utf8() as u32;
            i += len;
        }
        self.folded.push_str(&slice[run..]);
        debug_assert_eq!(self.folded.len(), fb as usize);
    }

    /// An empty stream with room for `chars` characters and `bytes` bytes of folded text.
    pub fn with_capacity(chars: usize, bytes: usize) -> Self {
        CharStream {
            chars: Vec::with_capacity(chars),
            folded: String::with_capacity(bytes),
            figure_starts: Vec::new(),
            has_latin: false,
            terminators: Vec::new(),
        }
    }

    /// Record what the next character (index `chars.len()`) is for the later readers.
    #[inline(always)]
    fn note(&mut self, c: char) {
        let i = self.chars.len() as u32;
        if c.is_ascii_digit() || is_numeral_char(c) {
            self.figure_starts.push(i);
        } else if is_sentence_end(c) {
            self.terminators.push(i);
        } else if (c as u32) < 0x250 && is_latin_letter(c) {
            // (Latin letters all lie below U+0250: CJK text skips the test)
            self.has_latin = true;
        }
    }

    /// Indices of the characters that can start a figure (ASCII digits, Chinese numerals).
    pub fn figure_starts(&self) -> &[u32] {
        &self.figure_starts
    }

    /// True when the stream holds a Latin letter ([`is_latin_letter`]).
    pub fn has_latin(&self) -> bool {
        self.has_latin
    }

    /// Indices of the sentence terminators (。 ! ?; full-width forms are folded).
    pub fn terminators(&self) -> &[u32] {
        &self.terminators
    }

    /// Append a virtual space at byte offset `at` (zero width in the original).
    pub fn push_virtual_space(&mut self, at: usize) {
        let (Ok(off), true) = (u32::try_from(at), self.folded.len() < MAX_FOLDED) else {
            return;
        };
        self.push(SChar::new(' ', off, self.folded.len() as u32, 0));
    }

    /// The characters.
    pub fn chars(&self) -> &[SChar] {
        &self.chars
    }

    /// Number of characters.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// True when the stream holds no character.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// Folded character at index `i`, or `'\0'` past the end.
    pub fn at(&self, i: usize) -> char {
        self.chars.get(i).map(|s| s.c).unwrap_or('\0')
    }

    /// Span in the original text covering characters `i..j`.
    pub fn span(&self, i: usize, j: usize) -> Span {
        if i >= j || i >= self.chars.len() {
            let at = self
                .chars
                .get(i)
                .map(|s| s.off as usize)
                .or_else(|| self.chars.last().map(|s| s.off as usize + s.orig_len()))
                .unwrap_or(0);
            return Span::new(at, 0);
        }
        let j = j.min(self.chars.len());
        let first = self.chars[i];
        // skip virtual characters at the end
        let mut k = j - 1;
        while k > i && self.chars[k].is_virtual() {
            k -= 1;
        }
        let last = self.chars[k];
        Span::from_range(first.off as usize, last.off as usize + last.orig_len())
    }

    /// True when the folded characters from `i` on spell `w` (no allocation).
    pub fn starts_with_at(&self, i: usize, w: &str) -> bool {
        let mut k = i;
        for ch in w.chars() {
            match self.chars.get(k) {
                Some(sc) if sc.c == ch => k += 1,
                _ => return false,
            }
        }
        true
    }

    /// When the folded characters ending just before `end` spell `w`, the index where `w`
    /// starts (no allocation).
    pub fn ends_with_at(&self, end: usize, w: &str) -> Option<usize> {
        let mut k = end.min(self.chars.len());
        for ch in w.chars().rev() {
            if k == 0 || self.chars[k - 1].c != ch {
                return None;
            }
            k -= 1;
        }
        Some(k)
    }

    /// Folded text of characters `i..j` (borrowed).
    pub fn text(&self, i: usize, j: usize) -> &str {
        let j = j.min(self.chars.len());
        if i >= j {
            return "";
        }
        let end = self.chars.get(j).map_or(self.folded.len(), |c| c.fb());
        &self.folded[self.chars[i].fb()..end]
    }

    /// The whole folded text.
    pub fn folded(&self) -> &str {
        &self.folded
    }

    /// Character index of a byte offset into [`CharStream::folded`].
    pub fn char_at_byte(&self, b: usize) -> usize {
        self.chars.partition_point(|c| c.fb() < b)
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn pinyin_annotations_are_not_read() {
        for (text, want) in [
            ("完成年初預(yù)算100%", "完成年初预算100%"),
            ("決算數（shù）大于", "决算数大于"),
            ("好的(de)结果", "好的结果"),
        ] {
            let mut s = CharStream::new();
            s.push_range(text, 0, text.len());
            let got: String = s.chars().iter().map(|c| c.c).collect();
            assert_eq!(got, want, "{text}");
        }
        // brackets that are no annotation stay: not after a character, capitals, spaces,
        // too long, no tone
        for text in [
            "合计(万元)",
            "A(yù)",
            "办公费(含邮电)",
            "经费(Fund)",
            "项目(abc)",
            "项(yù sh)",
        ] {
            let mut s = CharStream::new();
            s.push_range(text, 0, text.len());
            let got: String = s.chars().iter().map(|c| c.c).collect();
            assert_eq!(got, text, "{text}");
        }
        // the characters after an annotation keep their place in the original text
        let text = "预(yù)算5万元";
        let mut s = CharStream::new();
        s.push_range(text, 0, text.len());
        let five = s.chars().iter().find(|c| c.c == '5').unwrap();
        assert_eq!(&text[five.off as usize..five.off as usize + 1], "5");
    }

    use super::*;

    #[test]
    fn spans_point_into_the_original() {
        let text = "比上年２．８７\n万元增加";
        let mut s = CharStream::new();
        let nl = text.find('\n').unwrap();
        s.push_range(text, 0, nl);
        s.push_range(text, nl + 1, text.len());
        assert_eq!(s.text(0, s.len()), "比上年2.87万元增加");
        let sp = s.span(3, 7);
        assert_eq!(&text[sp.offset..sp.end()], "２．８７");
        assert!(s.starts_with_at(7, "万元增加"));
        assert_eq!(s.ends_with_at(s.len(), "增加"), Some(s.len() - 2));
        assert_eq!(s.ends_with_at(s.len(), "减少"), None);
        assert_eq!(s.ends_with_at(1, "上比"), None);
        assert_eq!(s.ends_with_at(100, "增加"), Some(s.len() - 2));
    }

    #[test]
    fn notes_figure_starts_terminators_and_latin() {
        let text = "收入５８７万元！其中二项。ok?";
        let mut s = CharStream::new();
        s.push_range(text, 0, text.len());
        // ５８７ (folded digits) at 2–4, 二 at 10; 万 (a numeral character) at 5
        assert_eq!(s.figure_starts(), &[2, 3, 4, 5, 10]);
        // ！ folded at 7, 。 at 12, ? at 15
        assert_eq!(s.terminators(), &[7, 12, 15]);
        assert!(s.has_latin());
        let mut t = CharStream::new();
        t.push_range("预算执行率。", 0, "预算执行率。".len());
        assert!(!t.has_latin());
        assert!(t.figure_starts().is_empty());
    }

    #[test]
    fn virtual_space_has_no_width() {
        let text = "105\n45";
        let mut s = CharStream::new();
        s.push_range(text, 0, 3);
        s.push_virtual_space(3);
        s.push_range(text, 4, 6);
        assert_eq!(s.text(0, s.len()), "105 45");
        let sp = s.span(0, 4);
        assert_eq!(&text[sp.offset..sp.end()], "105");
    }
}
