//! `--fix`, `--diff`, `--show-fixes`: the typo suggestions applied to text inputs (.txt, .md,
//! .html). An edit is made only when it is unambiguous: the diagnostic names one replacement
//! (the suggestion pass gives one only when a single value makes every relation around the
//! figure hold), the printed figure contains the suggested digits once, and no other finding
//! touches the figure without the same suggestion. The file keeps its encoding, byte-order
//! mark and line endings; .docx, .xlsx, .ods, .xls and PDF documents are never written.

use crate::lint::FileResult;
use crate::source::Span;

/// One edit of a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// The bytes replaced (of the decoded text).
    pub span: Span,
    /// The text there now.
    pub before: String,
    /// The text after the edit.
    pub after: String,
    /// The codes of the findings the edit answers.
    pub codes: Vec<&'static str>,
}

/// Why a file's suggestions cannot be applied.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FixError {
    /// A binary document (Word, spreadsheet, PDF).
    #[error(
        "{0} is a {1} document: --fix never rewrites it; apply the suggestions in the document itself"
    )]
    Binary(String, &'static str),
    /// The text cannot be written back in its encoding.
    #[error("{0}: its encoding ({1}) is not written back; apply the suggestions by hand")]
    Encoding(String, &'static str),
    /// The file changed since it was read.
    #[error("{0}: the file changed while it was checked; run again")]
    Changed(String),
    /// Reading or writing failed.
    #[error("{0}: {1}")]
    Io(String, String),
}

/// The unambiguous edits of a checked text file, in order.
pub fn edits(r: &FileResult) -> Vec<Edit> {
    let Some(src) = &r.source else {
        return Vec::new();
    };
    let text = src.text();
    let mut out: Vec<Edit> = Vec::new();
    for d in &r.diagnostics {
        let Some(s) = &d.suggestion else { continue };
        let Some(sp) = s.span else { continue };
        if let Some(e) = out.iter_mut().find(|e| e.span == sp) {
            if !e.codes.contains(&d.code) {
                e.codes.push(d.code);
            }
            continue;
        }
        let Some(printed) = text.get(sp.offset..sp.end()) else {
            continue;
        };
        // the suggested digits stand once in the printed figure
        if s.figure.is_empty() || printed.matches(s.figure.as_str()).count() != 1 {
            continue;
        }
        out.push(Edit {
            span: sp,
            before: printed.to_string(),
            after: printed.replacen(s.figure.as_str(), &s.replacement, 1),
            codes: vec![d.code],
        });
    }
    // no other finding touches an edited figure without naming the same replacement
    out.retain(|e| {
        r.diagnostics.iter().all(|d| {
            let touches = d
                .span
                .into_iter()
                .chain(d.labels.iter().filter_map(|l| l.span))
                .any(|s| s.offset < e.span.end() && e.span.offset < s.end());
            !touches
                || d.suggestion
                    .as_ref()
                    .is_some_and(|s| s.span == Some(e.span))
        })
    });
    out.sort_by_key(|e| e.span.offset);
    // overlapping edits: none is made
    let mut k = 1;
    while k < out.len() {
        if out[k].span.offset < out[k - 1].span.end() {
            out.drain(k - 1..=k);
            k = k.saturating_sub(1).max(1);
        } else {
            k += 1;
        }
    }
    out
}

/// The kind of binary document a path names, by its extension.
pub fn binary_kind(path: &str) -> Option<&'static str> {
    let ext = std::path::Path::new(path)
        .extension()?
        .to_string_lossy()
        .to_ascii_lowercase();
    match ext.as_str() {
        "docx" => Some("Word"),
        "xlsx" | "xlsm" | "xls" | "ods" => Some("spreadsheet"),
        "pdf" => Some("PDF"),
        "doc" | "wps" => Some("Word"),
        _ => None,
    }
}

/// The file's new bytes with `edits` applied to `bytes` (what was read), in its encoding and
/// with its byte-order mark and line endings. The edits' spans are of the decoded text.
pub fn apply(path: &str, bytes: &[u8], decoded: &str, edits: &[Edit]) -> Result<Vec<u8>, FixError> {
    let (raw, enc) = crate::source::decode::decode_text(bytes)
        .map_err(|e| FixError::Io(path.to_string(), e.to_string()))?;
    // (the decoded text turns a lone CR into LF byte for byte: offsets are the same)
    let same = raw.len() == decoded.len()
        && raw
            .bytes()
            .zip(decoded.bytes())
            .all(|(a, b)| a == b || (a == b'\r' && b == b'\n'));
    if !same {
        return Err(FixError::Changed(path.to_string()));
    }
    let mut out = String::with_capacity(raw.len() + 16);
    let mut at = 0;
    for e in edits {
        if raw.get(e.span.offset..e.span.end()) != Some(e.before.as_str()) {
            return Err(FixError::Changed(path.to_string()));
        }
        out.push_str(&raw[at..e.span.offset]);
        out.push_str(&e.after);
        at = e.span.end();
    }
    out.push_str(&raw[at..]);
    let bom = encoding_rs::Encoding::for_bom(bytes).map(|(_, n)| &bytes[..n]);
    let enc_ref = encoding_rs::Encoding::for_label(enc.as_bytes()).unwrap_or(encoding_rs::UTF_8);
    if enc_ref == encoding_rs::UTF_16LE || enc_ref == encoding_rs::UTF_16BE {
        return Err(FixError::Encoding(path.to_string(), enc));
    }
    let (body, _, unmappable) = enc_ref.encode(&out);
    if unmappable {
        return Err(FixError::Encoding(path.to_string(), enc));
    }
    let mut v = Vec::with_capacity(body.len() + 3);
    if let Some(b) = bom {
        v.extend_from_slice(b);
    }
    v.extend_from_slice(&body);
    Ok(v)
}

/// A unified-style diff of the edited lines (`--diff`): the line before with `-`, after with `+`.
pub fn diff(path: &str, decoded: &str, edits: &[Edit]) -> String {
    let mut out = format!("--- {path}\n+++ {path} (fixed)\n");
    let src = crate::source::SourceFile::new(path, decoded.to_string());
    let mut k = 0;
    while k < edits.len() {
        let line = src.line_index(edits[k].span.offset);
        let (start, text) = (src.line_start(line), src.line_text(line));
        let mut fixed = String::new();
        let mut at = start;
        while k < edits.len() && src.line_index(edits[k].span.offset) == line {
            let e = &edits[k];
            fixed.push_str(&decoded[at..e.span.offset]);
            fixed.push_str(&e.after);
            at = e.span.end();
            k += 1;
        }
        fixed.push_str(&decoded[at..start + text.len()]);
        out.push_str(&format!("@@ line {} @@\n-{text}\n+{fixed}\n", line + 1));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::{Options, lint_text};

    #[test]
    fn edits_apply_in_the_encoding_and_keep_line_endings() {
        // 3.04 − 2.87 = 0.17 is stated as 0.71: one value (0.17) makes the relation hold
        let text = "前言。\r\n培训费当年开支 3.04 万元，比上年 2.87 万元增加 0.71 万元。\r\n";
        let r = lint_text("a.txt", text, &Options::default());
        let e = edits(&r);
        assert_eq!(e.len(), 1, "{:?}", r.diagnostics);
        assert_eq!(e[0].after.trim(), "0.17 万元");
        // UTF-8 with a byte-order mark and CRLF
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(text.as_bytes());
        let r = crate::lint::lint_bytes("a.txt", &bytes, &Options::default());
        let out = apply(
            "a.txt",
            &bytes,
            r.source.as_ref().unwrap().text(),
            &edits(&r),
        )
        .unwrap();
        assert_eq!(&out[..3], &[0xEF, 0xBB, 0xBF]);
        let s = String::from_utf8(out[3..].to_vec()).unwrap();
        assert_eq!(s, text.replace("0.71", "0.17"));
        // GBK stays GBK
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let r = crate::lint::lint_bytes("a.txt", &gbk, &Options::default());
        let out = apply("a.txt", &gbk, r.source.as_ref().unwrap().text(), &edits(&r)).unwrap();
        let (back, _, bad) = encoding_rs::GBK.decode(&out);
        assert!(!bad);
        assert_eq!(back, text.replace("0.71", "0.17"));
        // the fixed text has no finding left
        assert!(
            lint_text("a.txt", &back, &Options::default())
                .diagnostics
                .is_empty()
        );
    }

    /// `text` has exactly one edit; after it the text holds `want` and has no finding left.
    fn one_fix_cleans(text: &str, want: &str) {
        let r = lint_text("a.txt", text, &Options::default());
        let e = edits(&r);
        assert_eq!(e.len(), 1, "{text}: {:?}", r.diagnostics);
        let out = String::from_utf8(apply("a.txt", text.as_bytes(), text, &e).unwrap()).unwrap();
        assert!(out.contains(want), "{out}");
        assert!(
            lint_text("a.txt", &out, &Options::default())
                .diagnostics
                .is_empty(),
            "{out}"
        );
    }

    #[test]
    fn a_wrong_direction_word_is_turned() {
        for (text, want) in [
            (
                "会议费当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。\n",
                "增加 0.57",
            ),
            (
                "差旅费支出 8.20 万元，比上年 9.10 万元增加 0.90 万元。\n",
                "减少 0.90",
            ),
            (
                "印刷费支出 3.5 万元，较上年 2.5 万元降低 1.0 万元。\n",
                "提高 1.0",
            ),
        ] {
            one_fix_cleans(text, want);
        }
        // a rate word states the direction too: both would have to change, no edit
        let text = "会议费当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元，下降 40.14%。\n";
        let r = lint_text("a.txt", text, &Options::default());
        assert!(edits(&r).is_empty(), "{:?}", r.diagnostics);
    }

    #[test]
    fn a_wrong_unit_is_turned() {
        for (text, want) in [
            (
                "总保费1293.45万元，中央补贴47.5%为614.39万元，省级补贴32.5%为420.37元。\n",
                "420.37万元",
            ),
            (
                "收入总计 458.5 万元，较 2022 年增加 38.27 元，增加 9.1%。\n",
                "38.27 万元",
            ),
            (
                "补贴总额96.00万元，省级负担60%为57.60万元，市级负担40%为384000.00万元。\n",
                "384000.00元",
            ),
        ] {
            one_fix_cleans(text, want);
        }
    }

    #[test]
    fn ambiguous_or_changed_files_are_not_edited() {
        // the direction and the amount both disagree with the levels: no suggestion, no edit
        let text = "会议费当年开支 1.99 万元，比上年 1.42 万元减少 0.67 万元。\n";
        let r = lint_text("a.txt", text, &Options::default());
        assert!(!r.diagnostics.is_empty());
        assert!(edits(&r).is_empty());
        // the file changed after it was checked
        let text = "前言。\n培训费当年开支 3.04 万元，比上年 2.87 万元增加 0.71 万元。\n";
        let r = lint_text("a.txt", text, &Options::default());
        let e = edits(&r);
        let other = text.replace("前言", "序言");
        assert!(matches!(
            apply("a.txt", other.as_bytes(), text, &e),
            Err(FixError::Changed(_))
        ));
        assert_eq!(binary_kind("报告.DOCX"), Some("Word"));
        assert_eq!(binary_kind("表.xlsx"), Some("spreadsheet"));
        assert_eq!(binary_kind("a.md"), None);
    }
}
