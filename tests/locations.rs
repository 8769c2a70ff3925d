//! The document's own place (`表2 第7行 第7列`, `自评表!F7`, `第29段`) is shown in every output
//! format for inputs that have one, not only in JSON, SARIF and HTML; unreadable files are not
//! dropped from rdjson.
mod common;

use jixiao_lint::lint::{FileResult, Options, lint_bytes};
use jixiao_lint::render;

fn docx_result() -> FileResult {
    let r = lint_bytes(
        "seed003.docx",
        &common::docx_of(common::SEED_003),
        &Options::default(),
    );
    assert!(r.error.is_none());
    assert!(!r.diagnostics.is_empty());
    r
}

#[test]
fn every_format_names_the_place_in_the_document() {
    let r = docx_result();
    let locs: Vec<String> = r
        .diagnostics
        .iter()
        .filter_map(|d| d.location.clone())
        .collect();
    assert!(!locs.is_empty(), "a .docx finding has a location");
    let results = std::slice::from_ref(&r);
    #[cfg(feature = "fancy")]
    {
        let human = render::human::render(results, jixiao_lint::Lang::Zh, false);
        let en = render::human::render(results, jixiao_lint::Lang::En, false);
        for loc in &locs {
            let zh = format!("seed003.docx {loc}（提取文本第 ");
            assert!(human.contains(&zh), "human: {loc}\n{human}");
            assert!(en.contains(&format!("seed003.docx {loc} (line ")), "{en}");
        }
    }
    let (github, summary) = render::github::render(results);
    let junit = render::junit::render(results);
    let rdjson = render::rdjson::render(results).to_string();
    for loc in &locs {
        assert!(github.contains(loc.as_str()), "github: {loc}\n{github}");
        assert!(summary.contains(loc.as_str()), "step summary: {loc}");
        assert!(junit.contains(loc.as_str()), "junit: {loc}");
        assert!(rdjson.contains(loc.as_str()), "rdjson: {loc}");
    }
}

#[test]
fn text_inputs_keep_their_plain_lines() {
    let r = jixiao_lint::lint::lint_text("seed.txt", common::SEED_003, &Options::default());
    assert!(r.diagnostics.iter().all(|d| d.location.is_none()));
    let results = std::slice::from_ref(&r);
    #[cfg(feature = "fancy")]
    {
        let human = render::human::render(results, jixiao_lint::Lang::Zh, false);
        assert!(!human.contains("提取文本"), "{human}");
    }
    let (github, _) = render::github::render(results);
    assert!(!github.contains("::["), "{github}");
}

#[test]
fn rdjson_reports_an_unreadable_file() {
    let bad = lint_bytes(
        "noise.bin",
        &[0xff, 0xfe, 0x00, 0x01, 0x9c],
        &Options::default(),
    );
    assert!(bad.error.is_some());
    let j = render::json::render(std::slice::from_ref(&bad));
    assert_eq!(j["summary"]["unreadable"], 1, "the JSON summary counts it");
    let v = render::rdjson::render(&[bad]);
    let d = &v["diagnostics"][0];
    assert_eq!(d["location"]["path"], "noise.bin");
    assert_eq!(d["severity"], "ERROR");
    assert!(d["message"].as_str().unwrap().starts_with("cannot read"));
}
