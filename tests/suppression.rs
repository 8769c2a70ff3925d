//! Inline suppressions and baselines: round trips and unused suppressions.

use jixiao_lint::lint::{Options, lint_text};
use std::process::Command;

const BAD: &str = "会议费当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。";

fn rules(text: &str) -> Vec<&'static str> {
    lint_text("t.md", text, &Options::default())
        .diagnostics
        .iter()
        .map(|d| d.rule)
        .collect()
}

#[test]
fn inline_marker_covers_the_next_paragraph_only() {
    let t = format!("<!-- jixiao-lint: ignore change-direction -->\n{BAD}\n\n{BAD}\n");
    assert_eq!(rules(&t), vec!["change-direction"]);
    let t = format!("<!-- jixiao-lint: ignore JX105 -->\n{BAD}\n");
    assert!(rules(&t).is_empty());
    let t = format!("<!-- jixiao-lint: ignore -->\n{BAD}\n");
    assert!(rules(&t).is_empty());
    // a suppression of another rule does not hide this one, and is reported as unused
    let t = format!("<!-- jixiao-lint: ignore change-rate -->\n{BAD}\n");
    let mut r = rules(&t);
    r.sort();
    assert_eq!(r, vec!["change-direction", "unused-suppression"]);
    let t = format!("<!-- jixiao-lint: ignore no-such-rule -->\n{BAD}\n");
    assert!(rules(&t).contains(&"unused-suppression"));
}

#[test]
fn baseline_round_trip() {
    let d = std::env::temp_dir().join(format!("jixiao-bl-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("r.txt"), format!("前言。\n{BAD}\n")).unwrap();
    let bin = || Command::new(env!("CARGO_BIN_EXE_jixiao-lint"));
    let out = bin()
        .current_dir(&d)
        .args(["check", "--write-baseline", "bl.json", "r.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    // same findings: nothing new
    let out = bin()
        .current_dir(&d)
        .args([
            "check",
            "--format",
            "json",
            "--baseline",
            "bl.json",
            "r.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // text added elsewhere does not revive the old finding; a new slip is reported
    std::fs::write(d.join("r.txt"), format!("新增一段说明。\n前言。\n{BAD}\n培训费当年开支 3.04 万元，比上年 2.87 万元减少 0.17 万元。\n")).unwrap();
    let out = bin()
        .current_dir(&d)
        .args([
            "check",
            "--format",
            "json",
            "--baseline",
            "bl.json",
            "r.txt",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let diags = v["files"][0]["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert!(diags[0]["message"].as_str().unwrap().contains("3.04"));
    // a broken baseline is a usage error
    std::fs::write(d.join("bad.json"), "{").unwrap();
    let out = bin()
        .current_dir(&d)
        .args(["check", "--baseline", "bad.json", "r.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// Findings of `check --format json` run in `dir` with `args`: (exit code, count).
fn new_findings(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, usize) {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao-lint"))
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let n = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["diagnostics"].as_array().map_or(0, |d| d.len()))
        .sum();
    (out.status.code(), n)
}

#[test]
fn baseline_fingerprints_survive_paths_folders_and_moves() {
    let d = std::env::temp_dir().join(format!("jixiao-blfp-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(d.join("reports")).unwrap();
    std::fs::write(d.join("jixiao.toml"), "lang = \"zh\"\n").unwrap();
    let report = d.join("reports/r.txt");
    std::fs::write(&report, format!("前言。\n{BAD}\n")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao-lint"))
        .current_dir(&d)
        .args(["check", "--write-baseline", "bl.json", "reports"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let bl: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.join("bl.json")).unwrap()).unwrap();
    assert_eq!(bl["version"], 2);
    assert_eq!(bl["findings"][0]["path"], "reports/r.txt");
    let fp = bl["findings"][0]["fingerprints"][0]
        .as_str()
        .unwrap()
        .to_string();
    assert!(fp.ends_with(":0"), "{fp}");
    // the finding is old however the path is spelled and from whichever folder
    let abs = report.display().to_string();
    for (dir, args) in [
        (d.clone(), vec!["--baseline", "bl.json", "."]),
        (d.clone(), vec!["--baseline", "bl.json", "reports/r.txt"]),
        (d.clone(), vec!["--baseline", "bl.json", "./reports/r.txt"]),
        (
            d.clone(),
            vec!["--baseline", "bl.json", "reports/../reports/r.txt"],
        ),
        (d.clone(), vec!["--baseline", "bl.json", abs.as_str()]),
        (d.join("reports"), vec!["--baseline", "../bl.json", "."]),
        (d.join("reports"), vec!["--baseline", "../bl.json", "r.txt"]),
    ] {
        assert_eq!(new_findings(&dir, &args), (Some(0), 0), "{dir:?} {args:?}");
    }
    // lines inserted above it and spaces changed inside it: still old
    std::fs::write(
        &report,
        format!(
            "新增一段。\n\n另一段说明。\n前言。\n{}\n",
            BAD.replace(" 万元", "万元")
        ),
    )
    .unwrap();
    assert_eq!(
        new_findings(&d, &["--baseline", "bl.json", "reports"]),
        (Some(0), 0)
    );
    // the same slip a second time is new (its occurrence index is 1), and so is another slip
    std::fs::write(&report, format!("前言。\n{BAD}\n\n{BAD}\n")).unwrap();
    assert_eq!(
        new_findings(&d, &["--baseline", "bl.json", "reports"]),
        (Some(1), 1)
    );
    // SARIF gives the same fingerprint
    std::fs::write(&report, format!("前言。\n{BAD}\n")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao-lint"))
        .current_dir(d.join("reports"))
        .args(["check", "--format", "sarif", "r.txt"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["runs"][0]["results"][0]["partialFingerprints"]["jixiaoLint/v1"],
        fp.as_str()
    );
    // a version 1 baseline (the path as typed) is still applied
    let v1 = serde_json::json!({"version": 1, "findings": [{
        "path": "reports/r.txt", "code": bl["findings"][0]["code"], "rule": bl["findings"][0]["rule"],
        "text": bl["findings"][0]["text"], "count": 1}]});
    std::fs::write(d.join("v1.json"), v1.to_string()).unwrap();
    assert_eq!(
        new_findings(&d, &["--baseline", "v1.json", "reports/r.txt"]),
        (Some(0), 0)
    );
}

#[test]
fn many_markers_over_many_findings() {
    // every marker covers the rest of one long paragraph (no blank line): n² pairs of
    // marker and finding, read in linear-logarithmic time
    let n = 3000;
    let unit = format!("<!-- jixiao-lint: ignore change-direction -->\n{BAD}\n");
    let t = unit.repeat(n);
    let start = std::time::Instant::now();
    let r = rules(&t);
    assert!(r.is_empty(), "{:?}", &r[..r.len().min(3)]);
    // markers naming another rule: nothing hidden, each reported unused
    let t =
        "<!-- jixiao-lint: ignore change-rate -->\n".to_string() + &format!("{BAD}\n").repeat(n);
    let r = rules(&t);
    assert_eq!(r.iter().filter(|x| **x == "change-direction").count(), n);
    assert_eq!(r.iter().filter(|x| **x == "unused-suppression").count(), 1);
    // one used, one unused: two markers over the same paragraph, the second naming a rule
    // that does not fire there
    let t = format!(
        "<!-- jixiao-lint: ignore JX105 -->\n<!-- jixiao-lint: ignore change-rate -->\n{BAD}\n"
    );
    assert_eq!(rules(&t), vec!["unused-suppression"]);
    // (a debug build; the quadratic scan took seconds at this size)
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}
