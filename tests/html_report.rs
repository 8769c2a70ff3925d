//! `check --format html`: the review page, snapshot-tested for structure and text (not pixels),
//! self-contained, escaped, and anchored at every finding.

mod common;

use common::{SEED_000, SEED_003};
use jixiao_lint::diagnostic::Lang;
use jixiao_lint::lint::{FileResult, Options, lint_bytes, lint_text};
use jixiao_lint::render::html;

fn page(results: &[FileResult], lang: Lang) -> String {
    html::render(results, lang)
}

fn seed(name: &str, text: &str, lang: Lang) -> String {
    let opts = Options::builder().lang(lang).build().unwrap();
    page(&[lint_text(name, text, &opts)], lang)
}

/// Structure and text: the inline style and script replaced by placeholders, and the lines of
/// document text that carry no finding left out (they are the document itself).
fn digest(page: &str) -> String {
    let mut out = String::new();
    let mut skip = false;
    let mut in_script = false;
    for line in page.lines() {
        if line.starts_with("<style>") {
            out.push_str("<style>…</style>\n");
            skip = !line.ends_with("</style>");
            continue;
        }
        if skip {
            skip = !line.ends_with("</style>");
            continue;
        }
        if line.starts_with("<script>") {
            out.push_str("<script>…</script>\n");
            in_script = true;
            continue;
        }
        if in_script {
            in_script = line != "</script>";
            continue;
        }
        if line.starts_with("<div class=\"ln\"") && !line.contains("<mark") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.replace(env!("CARGO_PKG_VERSION"), "VERSION")
}

/// Every `src`/`href` points inside the page; a CSP forbids every request.
fn assert_self_contained(page: &str) {
    assert!(page.contains("Content-Security-Policy\" content=\"default-src 'none';"));
    for attr in [
        "src=\"", "href=\"", "url(", "@import", "<link", "<iframe", "<img",
    ] {
        for (i, _) in page.match_indices(attr) {
            let rest = &page[i + attr.len()..];
            assert!(
                attr == "href=\"" && rest.starts_with('#'),
                "external reference: {}",
                &page[i..(i + 60).min(page.len())]
            );
        }
    }
}

#[test]
fn seed_003_page() {
    let p = seed("003.txt", SEED_003, Lang::Zh);
    assert_self_contained(&p);
    insta::assert_snapshot!("html_seed_003", digest(&p));
}

#[test]
fn seed_000_page() {
    let p = seed("000.txt", SEED_000, Lang::Zh);
    assert_self_contained(&p);
    insta::assert_snapshot!("html_seed_000", digest(&p));
}

#[test]
fn seed_003_page_in_english() {
    let p = seed("003.txt", SEED_003, Lang::En);
    assert_self_contained(&p);
    insta::assert_snapshot!("html_seed_003_en", digest(&p));
}

#[test]
fn every_finding_has_an_anchor_at_its_span_and_a_highlight() {
    let r = lint_text("003.txt", SEED_003, &Options::default());
    let p = page(std::slice::from_ref(&r), Lang::Zh);
    let text = r.source.as_ref().unwrap().text();
    for (i, d) in r.diagnostics.iter().enumerate() {
        let Some(sp) = d.span else { continue };
        let anchor = format!("<span class=\"anchor\" id=\"f0-m{i}\"></span>");
        let at = p
            .find(&anchor)
            .unwrap_or_else(|| panic!("no anchor for {i}"));
        // the anchor opens the highlight of exactly the span's text
        let after = &p[at + anchor.len()..];
        assert!(after.starts_with("<mark class=\"hl p "), "{}", &after[..80]);
        let body_start = after.find('>').unwrap() + 1;
        let body_end = after.find("</mark>").unwrap();
        let marked = &after[body_start..body_end];
        let want = &text[sp.offset..sp.end()];
        assert!(
            want.starts_with(marked) && !marked.is_empty(),
            "{i}: marked {marked:?}, span {want:?}"
        );
        // and the list links to it
        assert!(p.contains(&format!("href=\"#f0-m{i}\"")));
        assert!(p.contains(&format!("id=\"f0-d{i}\"")));
    }
}

#[test]
fn document_text_is_escaped() {
    let text = SEED_003.replacen(
        "单位名称",
        "<script>alert('x')</script><img src=x onerror=alert(1)>单位名称",
        1,
    );
    let p = seed("x\"<b>.txt", &text, Lang::Zh);
    assert!(!p.contains("<script>alert"));
    assert!(!p.contains("<img"));
    assert!(p.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(p.contains("x&quot;&lt;b&gt;.txt"));
    assert_self_contained(&p);
}

#[test]
fn unreadable_files_are_explained_in_chinese() {
    let bad = lint_bytes("空.txt", b"", &Options::default());
    let good = lint_text("003.txt", SEED_003, &Options::default());
    let p = page(&[bad, good], Lang::Zh);
    assert!(p.contains(
        "<p class=\"unreadable\" role=\"alert\"><strong>无法读取：</strong>文件是空的。"
    ));
    assert!(p.contains("<span class=\"count unreadable\">无法读取：<b>1</b></span>"));
    // two files: two sections with distinct anchors
    assert!(p.contains("<article class=\"file\" id=\"f0\""));
    assert!(p.contains("<article class=\"file\" id=\"f1\""));
    assert!(p.contains("href=\"#f1-m0\""));
    assert!(!p.contains("href=\"#f0-m"));
}

#[test]
fn a_clean_report_says_so() {
    let clean = "2020年度部门整体支出绩效自评报告\n收入总计 100 万元，支出总计 100 万元。\n";
    let p = seed("clean.txt", clean, Lang::Zh);
    assert!(p.contains("<span class=\"ok\">全部通过</span>"));
    assert!(p.contains("<p class=\"clean\">未发现问题。</p>"));
    assert!(!p.contains("id=\"filters\""));
}

#[test]
fn docx_tables_show_their_cells_and_word_locations() {
    let bytes = common::docx_of(
        "2020年度项目支出绩效自评表\n\
         项目名称\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n\
         年度资金总额\t100\t100\t90\t10\t80%\t9",
    );
    let r = lint_bytes("自评表.docx", &bytes, &Options::default());
    assert!(r.error.is_none(), "{:?}", r.error);
    assert!(
        r.diagnostics.iter().any(|d| d.rule == "execution-rate"),
        "{:?}",
        r.diagnostics
    );
    let p = page(std::slice::from_ref(&r), Lang::Zh);
    // cells are separated, and the finding names the Word table cell
    assert!(p.contains("<div class=\"ln row\""));
    assert!(p.contains("年度资金总额</span><span class=\"td\">100</span>"));
    assert!(p.contains("<span class=\"where\">表1 第2行"), "{p}");
}

#[test]
fn huge_documents_show_only_the_lines_around_findings() {
    let filler = "这一行只是填充文字，没有任何数字。\n".repeat(120_000);
    let text = format!("{filler}{SEED_003}{filler}");
    assert!(text.len() > 2 * 1024 * 1024);
    let r = lint_text("big.txt", &text, &Options::default());
    let findings = r.diagnostics.len();
    assert!(findings >= 3);
    let p = page(std::slice::from_ref(&r), Lang::Zh);
    assert!(p.contains("<div class=\"gap\">（省略 "));
    assert!(p.len() < 400_000, "{} bytes", p.len());
    assert_eq!(p.matches("<li class=\"finding").count(), findings);
    for i in 0..findings {
        if r.diagnostics[i].span.is_some() {
            assert!(p.contains(&format!("id=\"f0-m{i}\"")));
        }
    }
}

#[test]
fn findings_at_a_line_end_or_past_the_text_still_have_their_place() {
    use jixiao_lint::diagnostic::{Diagnostic, Severity};
    use jixiao_lint::source::Span;
    let text = "第一行\n\n名称\t10\t\n末行";
    let mut r = lint_text("t.txt", text, &Options::default());
    r.diagnostics.clear();
    let nl = text.find('\n').unwrap();
    let cell_end = text.rfind("\t\n").unwrap() + 1; // the empty last cell: its line break
    for (k, off) in [nl, nl + 1, cell_end, text.len(), text.len() + 50]
        .into_iter()
        .enumerate()
    {
        let mut d = Diagnostic::new(
            "incomplete-row",
            "JX209",
            Severity::Warning,
            jixiao_lint::lang::Message::verbatim(format!("m{k}")),
        );
        d.span = Some(Span::new(off, 0));
        r.diagnostics.push(d);
    }
    let p = page(std::slice::from_ref(&r), Lang::Zh);
    for k in 0..5 {
        assert_eq!(
            p.matches(&format!("id=\"f0-m{k}\"")).count(),
            1,
            "anchor {k} once"
        );
    }
    assert!(p.matches("eol\" data-d=").count() >= 4, "{p}");
}
