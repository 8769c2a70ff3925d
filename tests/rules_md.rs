//! rules.md is generated from the rule declarations; this test fails when it is stale.
//! Regenerate with `UPDATE_RULES_MD=1 cargo test --test rules_md`.

#[test]
fn rules_md_is_up_to_date() {
    let want = jixiao_lint::rules::rules_markdown();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/rules.md");
    if std::env::var_os("UPDATE_RULES_MD").is_some() {
        std::fs::write(path, &want).unwrap();
    }
    let have = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        have == want,
        "rules.md is stale: run `UPDATE_RULES_MD=1 cargo test --test rules_md` and commit it"
    );
}

#[test]
fn every_rule_is_documented() {
    for m in jixiao_lint::rules::catalogue() {
        assert!(m.code.starts_with("JX") && m.code.len() == 5, "{}", m.code);
        assert!(
            m.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{}",
            m.name
        );
        for section in [
            "### What it checks",
            "### Why it matters",
            "### Example",
            "### Arithmetic",
        ] {
            assert!(m.doc.contains(section), "{} lacks {section}", m.name);
        }
        assert!(!m.summary.contains("TODO"), "{}", m.name);
    }
}
