//! Helpers shared by integration tests.
#![allow(dead_code)]

use jixiao_lint::lint::{Options, lint_text};
use std::collections::BTreeSet;
use std::io::Write;

pub const SEED_003: &str = include_str!("fixtures/003_a54991f576d2d3e5.txt");
pub const SEED_000: &str = include_str!("fixtures/000_6b82af8dce66ba41.txt");

/// (rule, 1-based line) of every diagnostic at warning level or above.
pub fn findings(text: &str) -> BTreeSet<(String, usize)> {
    let r = lint_text("t.txt", text, &Options::default());
    let src = r.source.unwrap();
    r.diagnostics
        .iter()
        .filter(|d| d.severity >= jixiao_lint::Severity::Warning)
        .map(|d| {
            (
                d.rule.to_string(),
                d.span.map(|s| src.line_col(s.offset).line).unwrap_or(0),
            )
        })
        .collect()
}

/// All diagnostics, any severity, as (rule, line).
pub fn all_findings(text: &str) -> BTreeSet<(String, usize)> {
    let r = lint_text("t.txt", text, &Options::default());
    let src = r.source.unwrap();
    r.diagnostics
        .iter()
        .map(|d| {
            (
                d.rule.to_string(),
                d.span.map(|s| src.line_col(s.offset).line).unwrap_or(0),
            )
        })
        .collect()
}

/// Replace `from` by `to` on 1-based line `line` only (exactly one occurrence on that line).
pub fn edit_line(text: &str, line: usize, from: &str, to: &str) -> String {
    let mut lines: Vec<String> = text.split('\n').map(String::from).collect();
    let l = &mut lines[line - 1];
    assert_eq!(
        l.matches(from).count(),
        1,
        "line {line} must contain {from:?} once: {l:?}"
    );
    *l = l.replacen(from, to, 1);
    lines.join("\n")
}

/// Findings that the edited text has and the original has not.
pub fn new_findings(orig: &str, edited: &str) -> BTreeSet<(String, usize)> {
    let a = findings(orig);
    findings(edited).difference(&a).cloned().collect()
}

pub fn set(items: &[(&str, usize)]) -> BTreeSet<(String, usize)> {
    items.iter().map(|(r, l)| (r.to_string(), *l)).collect()
}

/// Escape text for XML content.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A zip archive of these (name, content) entries, stored.
pub fn zip(entries: &[(&str, String)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, body) in entries {
        w.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(body.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// Every line becomes a paragraph; runs of tab-separated lines become a Word table.
pub fn docx_of(text: &str) -> Vec<u8> {
    let mut body = String::new();
    let lines: Vec<&str> = text.split('\n').collect();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].contains('\t') {
            body += "<w:tbl>";
            while i < lines.len() && lines[i].contains('\t') {
                body += "<w:tr>";
                for c in lines[i].split('\t') {
                    body += &format!(
                        "<w:tc><w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p></w:tc>",
                        esc(c)
                    );
                }
                body += "</w:tr>";
                i += 1;
            }
            body += "</w:tbl>";
            continue;
        }
        body += &format!(
            "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            esc(lines[i])
        );
        i += 1;
    }
    let doc = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    zip(&[
        ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".into()),
        ("word/document.xml", doc),
    ])
}

/// A .docx whose document.xml unpacks to 80 MB of spaces (under 100 KB packed): a zip bomb.
pub fn zip_bomb_docx() -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    w.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated),
    )
    .unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..80 {
        w.write_all(&chunk).unwrap();
    }
    w.finish().unwrap().into_inner()
}
