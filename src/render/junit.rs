//! JUnit XML: a test suite per file, a failing test case per finding at warning or error
//! level, a passing case for a clean file, an error case for an unreadable one.

use crate::diagnostic::Severity;
use crate::lint::FileResult;
use std::fmt::Write;

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => o.push(' '),
            c => o.push(c),
        }
    }
    o
}

/// The JUnit XML document of a batch.
///
/// ```
/// let r = jixiao_lint::lint_text("r.txt", "当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。", &Default::default());
/// let xml = jixiao_lint::render::junit::render(&[r]);
/// assert!(xml.starts_with("<?xml") && xml.contains("<failure type=\"error\""));
/// ```
pub fn render(results: &[FileResult]) -> String {
    let mut suites = String::new();
    let (mut total, mut failures, mut errors) = (0, 0, 0);
    for r in results {
        let mut cases = String::new();
        let (mut t, mut f, mut e) = (0, 0, 0);
        if let Some(err) = &r.error {
            t += 1;
            e += 1;
            let _ = writeln!(
                cases,
                "    <testcase name=\"read\" classname=\"{}\"><error message=\"{}\"/></testcase>",
                esc(&r.path),
                esc(&err.to_string())
            );
        } else if let Some(src) = &r.source {
            for d in r
                .diagnostics
                .iter()
                .filter(|d| d.severity >= Severity::Warning)
            {
                t += 1;
                f += 1;
                let at = d
                    .span
                    .map(|s| src.line_col(s.offset))
                    .map(|p| match &d.location {
                        Some(loc) => format!("{loc} ({}:{})", p.line, p.column),
                        None => format!("{}:{}", p.line, p.column),
                    })
                    .unwrap_or_default();
                let _ = writeln!(
                    cases,
                    "    <testcase name=\"{} {} {at}\" classname=\"{}\"><failure type=\"{}\" message=\"{}\">{}</failure></testcase>",
                    d.code,
                    d.rule,
                    esc(&r.path),
                    d.severity,
                    esc(&super::located(d, r.lang)),
                    esc(&d
                        .help
                        .as_ref()
                        .map(|h| h.render(r.lang))
                        .unwrap_or_default())
                );
            }
            if t == 0 {
                t = 1;
                let _ = writeln!(
                    cases,
                    "    <testcase name=\"jixiao-lint\" classname=\"{}\"/>",
                    esc(&r.path)
                );
            }
        }
        total += t;
        failures += f;
        errors += e;
        let _ = write!(
            suites,
            "  <testsuite name=\"{}\" tests=\"{t}\" failures=\"{f}\" errors=\"{e}\">\n{cases}  </testsuite>\n",
            esc(&r.path)
        );
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"jixiao-lint\" tests=\"{total}\" failures=\"{failures}\" errors=\"{errors}\">\n{suites}</testsuites>\n"
    )
}
