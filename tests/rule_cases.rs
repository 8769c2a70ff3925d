//! Every rule's own cases, declared at the end of its `declare_rule!` in `src/rules/`: on each
//! pass case the rule reports nothing; on each fail case it reports, and what it reports (line,
//! column, message, help, the text it points at) is snapshotted per rule
//! (`tests/snapshots/rule_cases__JX….snap`, reviewed like any snapshot). The example in each
//! rule's documentation is one of its fail cases, so the documentation cannot drift from what
//! the rule does.
//!
//! Adding a rule means adding its cases in its own file; this harness needs no change.

mod common;

use jixiao_lint::Lang;
use jixiao_lint::lint::{FileResult, Options, lint_bytes, lint_text};
use jixiao_lint::rules::{RuleMeta, catalogue};

/// Rules whose input cannot be a literal text (a spreadsheet's formula without its value; an
/// input past the read limits): their fail cases are generated here.
const NOT_TEXT: &[&str] = &["JX303", "JX305"];

/// The generated fail cases of the rules in [`NOT_TEXT`]: (file name, bytes).
fn generated_fail_cases(code: &str) -> Vec<(&'static str, Vec<u8>)> {
    match code {
        // `自评表!C1` holds `=SUM(C2:C9)` and no cached value
        "JX303" => {
            let sheet = "<?xml version=\"1.0\"?><worksheet xmlns=\"x\"><sheetData><row r=\"1\">\
                <c r=\"A1\" t=\"inlineStr\"><is><t>总分</t></is></c><c r=\"C1\"><f>SUM(C2:C9)</f></c>\
                </row></sheetData></worksheet>";
            vec![(
                "case.xlsx",
                common::zip(&[
                    (
                        "xl/workbook.xml",
                        "<workbook xmlns:r=\"r\"><sheets><sheet name=\"自评表\" r:id=\"rId1\"/></sheets></workbook>".into(),
                    ),
                    (
                        "xl/_rels/workbook.xml.rels",
                        "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>".into(),
                    ),
                    ("xl/worksheets/sheet1.xml", sheet.into()),
                ]),
            )]
        }
        // 500 tab-separated cells a line: the 1,001st line would pass 500,000 table cells
        "JX305" => vec![(
            "case.txt",
            format!("{}\n", vec!["7"; 500].join("\t"))
                .repeat(1_100)
                .into_bytes(),
        )],
        _ => Vec::new(),
    }
}

/// Every text of a finding fills each hole of its phrase in both languages and has no value
/// that no hole uses (nested texts included), and renders to something in English.
fn every_hole_filled(d: &jixiao_lint::Diagnostic) {
    let texts = std::iter::once(&d.message)
        .chain(d.help.as_ref())
        .chain(d.primary_label.as_ref())
        .chain(d.labels.iter().map(|l| &l.text));
    for t in texts {
        let (missing, unused) = t.mismatched_holes();
        assert!(
            missing.is_empty() && unused.is_empty(),
            "{} {:?}: holes without a value {missing:?}, values without a hole {unused:?}",
            d.code,
            t.render(Lang::Zh)
        );
        assert_ne!(t.render(Lang::En), "", "{}", d.code);
    }
}

fn run(text: &str) -> FileResult {
    lint_text("case.md", text, &Options::default())
}

/// What the rule reports on a text, one finding per line group.
fn findings_of(m: &RuleMeta, text: &str) -> Vec<String> {
    findings_in(m, &run(text))
}

/// What the rule reports in a result (the text its spans point into is the result's).
fn findings_in(m: &RuleMeta, r: &FileResult) -> Vec<String> {
    let source = r.source.as_ref().map(|s| s.text()).unwrap_or("");
    for d in r.diagnostics.iter().filter(|d| d.code == m.code) {
        every_hole_filled(d);
    }
    r.diagnostics
        .iter()
        .filter(|d| d.code == m.code)
        .map(|d| {
            let at = d
                .start
                .map(|p| format!("{}:{}", p.line, p.column))
                .unwrap_or_else(|| "-".into());
            let span = d
                .span
                .and_then(|s| source.get(s.offset..s.offset + s.len))
                .unwrap_or("");
            let msg = d.message.render(Lang::Zh);
            let mut s = format!("{at} {:?} {msg}\n    at «{span}»", d.severity);
            if let Some(h) = &d.help {
                s += &format!("\n    help: {}", h.render(Lang::Zh));
            }
            if let Some(fix) = &d.suggestion {
                s += &format!("\n    fix: {fix:?}");
            }
            s
        })
        .collect()
}

#[test]
fn every_rule_file_is_registered() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|f| f.starts_with("jx") && f.ends_with(".rs"))
        .collect();
    files.sort();
    let codes: Vec<String> = catalogue().map(|m| m.code.to_lowercase()).collect();
    assert_eq!(files.len(), codes.len(), "{files:?}");
    for (f, c) in files.iter().zip(&codes) {
        assert!(f.starts_with(c.as_str()), "{f} registers {c}");
    }
}

#[test]
fn every_rule_has_cases() {
    for m in catalogue() {
        assert!(!m.pass.is_empty(), "{}: no pass case", m.code);
        assert_eq!(
            m.fail.is_empty(),
            NOT_TEXT.contains(&m.code),
            "{}: fail cases are empty only for a rule whose input is not a text",
            m.code
        );
        assert!(
            !m.fail.is_empty() || !generated_fail_cases(m.code).is_empty(),
            "{}: no fail case",
            m.code
        );
    }
}

#[test]
fn pass_cases_are_clean() {
    for m in catalogue() {
        for (i, case) in m.pass.iter().enumerate() {
            let f = findings_of(m, case);
            assert!(f.is_empty(), "{} pass case {i} reported: {f:#?}", m.code);
        }
    }
}

#[test]
fn fail_cases_report_and_are_snapshotted() {
    for m in catalogue() {
        let mut out = String::new();
        for (i, case) in m.fail.iter().enumerate() {
            let f = findings_of(m, case);
            assert!(!f.is_empty(), "{} fail case {i} reported nothing", m.code);
            out += &format!("fail case {i}:\n");
            for x in f {
                out += &format!("  {x}\n");
            }
        }
        for (name, bytes) in generated_fail_cases(m.code) {
            let r = lint_bytes(name, &bytes, &Options::default());
            let f = findings_in(m, &r);
            assert!(
                !f.is_empty(),
                "{} generated case {name} reported nothing",
                m.code
            );
            out += &format!("generated case {name}:\n");
            for x in f {
                out += &format!("  {x}\n");
            }
        }
        insta::assert_snapshot!(m.code, out);
    }
}

/// The backticked fragments of a rule's `### Example` paragraph, each as its pieces (split at
/// `…`), whitespace removed.
fn example_fragments(doc: &str) -> Vec<Vec<String>> {
    let Some(ex) = doc.split("### Example").nth(1) else {
        return Vec::new();
    };
    let ex = ex.split("###").next().unwrap_or("");
    ex.split('`')
        .skip(1)
        .step_by(2)
        .map(|f| {
            f.split('…')
                .map(|p| p.split_whitespace().collect::<String>())
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
        })
        .filter(|f| !f.is_empty())
        .collect()
}

/// Every quoted fragment of the example is in one of the fail cases (all its pieces in the same
/// case).
fn quoted_in(fragments: &[Vec<String>], cases: &[&str]) -> bool {
    let cases: Vec<String> = cases
        .iter()
        .map(|c| c.split_whitespace().collect())
        .collect();
    fragments.iter().all(|pieces| {
        cases
            .iter()
            .any(|c| pieces.iter().all(|p| c.contains(p.as_str())))
    })
}

#[test]
fn documented_example_is_a_fail_case() {
    for m in catalogue() {
        if m.fail.is_empty() {
            // a generated case: the example's quotes are in the text read from it, or in what
            // the rule reports there (its message, its place in the document)
            let fragments = example_fragments(m.doc);
            assert!(!fragments.is_empty(), "{}: no quoted example", m.code);
            let seen: Vec<String> = generated_fail_cases(m.code)
                .into_iter()
                .map(|(name, bytes)| {
                    let r = lint_bytes(name, &bytes, &Options::default());
                    let mut t = r
                        .source
                        .as_ref()
                        .map(|s| s.text().to_string())
                        .unwrap_or_default();
                    for d in r.diagnostics.iter().filter(|d| d.code == m.code) {
                        let msg = d.message.render(Lang::Zh);
                        t += &format!("\n{msg}\n{}", d.location.as_deref().unwrap_or(""));
                    }
                    t
                })
                .collect();
            let seen: Vec<&str> = seen.iter().map(String::as_str).collect();
            assert!(
                quoted_in(&fragments, &seen),
                "{}: the documented example {fragments:?} is not what its generated case shows",
                m.code
            );
            continue;
        }
        let fragments = example_fragments(m.doc);
        assert!(!fragments.is_empty(), "{}: no quoted example", m.code);
        assert!(
            quoted_in(&fragments, m.fail),
            "{}: the documented example {fragments:?} is not among its fail cases",
            m.code
        );
    }
}

#[test]
fn example_check_can_fail() {
    // the check compares quoted text, not prose: a changed figure is a different example
    let doc = "### Example\n`当年开支 1.99 万元 … 减少 0.57 万元`: up.\n### Fix\n";
    let f = example_fragments(doc);
    assert_eq!(
        f,
        vec![vec![
            "当年开支1.99万元".to_string(),
            "减少0.57万元".to_string()
        ]]
    );
    assert!(quoted_in(
        &f,
        &["当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。"]
    ));
    assert!(!quoted_in(
        &f,
        &["当年开支 1.99 万元，比上年 1.42 万元减少 0.58 万元。"]
    ));
    // both pieces in one case, not one in each
    assert!(!quoted_in(
        &f,
        &["当年开支 1.99 万元。", "减少 0.57 万元。"]
    ));
}
