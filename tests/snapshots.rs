//! Snapshots of the human and JSON output for both seeds. Review changes with
//! `cargo insta review` (or by reading the .snap.new files) before accepting them.

mod common;
use jixiao_lint::diagnostic::Lang;
use jixiao_lint::lint::{Options, lint_text};
use jixiao_lint::render;

fn results(name: &str, text: &str, lang: Lang) -> Vec<jixiao_lint::FileResult> {
    vec![lint_text(
        name,
        text,
        &Options {
            lang,
            ..Default::default()
        },
    )]
}

#[cfg(feature = "fancy")]
#[test]
fn seed_003_human() {
    let r = results("003_a54991f576d2d3e5.txt", common::SEED_003, Lang::Zh);
    insta::assert_snapshot!(render::human::render(&r, Lang::Zh, false));
}

#[cfg(feature = "fancy")]
#[test]
fn seed_000_human() {
    let r = results("000_6b82af8dce66ba41.txt", common::SEED_000, Lang::Zh);
    insta::assert_snapshot!(render::human::render(&r, Lang::Zh, false));
}

#[cfg(feature = "fancy")]
#[test]
fn seed_003_human_en() {
    let r = results("003_a54991f576d2d3e5.txt", common::SEED_003, Lang::En);
    insta::assert_snapshot!(render::human::render(&r, Lang::En, false));
}

#[test]
fn seed_003_json() {
    let r = results("003_a54991f576d2d3e5.txt", common::SEED_003, Lang::Zh);
    insta::assert_json_snapshot!(render::json::render(&r));
}

#[test]
fn seed_000_json() {
    let r = results("000_6b82af8dce66ba41.txt", common::SEED_000, Lang::Zh);
    insta::assert_json_snapshot!(render::json::render(&r));
}
