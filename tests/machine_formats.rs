//! Machine formats against their specifications, warning gates, deterministic parallel batches.

use jixiao_lint::lint::{Options, lint_text};
use jixiao_lint::render;
use std::path::PathBuf;
use std::process::Command;

const SEED_003: &str = include_str!("fixtures/003_a54991f576d2d3e5.txt");

fn results() -> Vec<jixiao_lint::FileResult> {
    let edited = SEED_003.replacen("公务接待费支出 1.91 万元", "公务接待费支出 1.19 万元", 1);
    vec![
        lint_text("报告/自评报告,2020:第1版.txt", &edited, &Options::default()),
        lint_text(
            "ok.txt",
            "总收入587.65万元，比上年637.32万元减少49.67万元。",
            &Options::default(),
        ),
    ]
}

#[test]
fn sarif_validates_against_the_2_1_0_schema() {
    // the published schema's `language` pattern has a stray `]` that ECMA regexes read as a
    // literal and Rust's regex engine rejects: escape it (same meaning) before compiling
    let text = include_str!("fixtures/sarif-2.1.0-rtm.5.json")
        .replace(r#"[a-zA-Z]{2}]?$"#, r#"[a-zA-Z]{2}\\]?$"#);
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    let v = render::sarif::render(&results());
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&v)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // the validator does catch a broken log
    let mut broken = v.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken));
    let run = &v["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert_eq!(
        run["tool"]["driver"]["rules"].as_array().unwrap().len(),
        jixiao_lint::rules::catalogue().len()
    );
    let r = &run["results"][0];
    assert!(
        r["locations"][0]["physicalLocation"]["region"]["startColumn"]
            .as_u64()
            .unwrap()
            > 0
    );
    // the suggestion becomes a fix
    assert!(
        run["results"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r.get("fixes").is_some())
    );
}

#[test]
fn github_annotations_escape_and_respect_limits() {
    let (out, summary) = render::github::render(&results());
    for line in out.lines() {
        assert!(
            line.starts_with("::error ")
                || line.starts_with("::warning ")
                || line.starts_with("::notice"),
            "{line}"
        );
        assert!(!line.contains('\n'));
    }
    assert!(out.contains("file=报告/自评报告%2C2020%3A第1版.txt"));
    assert!(summary.contains("| 报告/自评报告,2020:第1版.txt |"));
    // more than 10 errors: 10 annotations, the rest in the summary
    let many = "会议费当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。\n".repeat(15);
    let (out, summary) = render::github::render(&[lint_text("m.txt", &many, &Options::default())]);
    assert_eq!(
        out.lines().filter(|l| l.starts_with("::error ")).count(),
        10
    );
    assert!(out.contains("5 more findings"));
    assert_eq!(
        summary
            .lines()
            .filter(|l| l.contains("change-direction"))
            .count(),
        15
    );
}

#[test]
fn junit_is_well_formed_with_counts() {
    let x = render::junit::render(&results());
    let mut r = quick_xml::Reader::from_str(&x);
    let mut cases = 0;
    let mut failures = 0;
    loop {
        match r.read_event().unwrap() {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                match e.local_name().into_inner() {
                    "testcase" => cases += 1,
                    "failure" => failures += 1,
                    _ => {}
                }
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    let warn_or_err: usize = results()
        .iter()
        .map(|r| {
            r.diagnostics
                .iter()
                .filter(|d| d.severity >= jixiao_lint::Severity::Warning)
                .count()
        })
        .sum();
    assert_eq!(failures, warn_or_err);
    assert_eq!(cases, warn_or_err + 1); // + the passing case of the clean file
}

#[test]
fn rdjson_shape() {
    let v = render::rdjson::render(&results());
    let d = &v["diagnostics"][0];
    assert!(d["location"]["range"]["start"]["line"].as_u64().is_some());
    assert!(["ERROR", "WARNING", "INFO"].contains(&d["severity"].as_str().unwrap()));
    assert!(
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d.get("suggestions").is_some())
    );
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_jixiao-lint"))
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("jixiao-mf-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn warning_gates_and_quiet() {
    let d = tmp("gates");
    let f = d.join("w.txt");
    // one warning (deviation-unexplained), no error
    let table = "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n\t产出指标\t数量指标\t扶持单位数\t10家\t9\t5\t4\t\n";
    std::fs::write(&f, table).unwrap();
    let code = |args: &[&str]| {
        bin()
            .current_dir(&d)
            .arg("check")
            .args(args)
            .arg(&f)
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(code(&[]), Some(0));
    assert_eq!(code(&["--deny-warnings"]), Some(1));
    assert_eq!(code(&["--max-warnings", "0"]), Some(1));
    assert_eq!(code(&["--max-warnings", "5"]), Some(0));
    let out = bin()
        .current_dir(&d)
        .args(["check", "--quiet", "--statistics"])
        .arg(&f)
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("JX207 deviation-unexplained"), "{s}");
    assert!(
        s.contains("共 1 个文件：0 个错误，1 个警告"),
        "in the reader's language: {s}"
    );
    let out = bin()
        .current_dir(&d)
        .args(["check", "--quiet", "--statistics", "--lang", "en"])
        .arg(&f)
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("1 files, 0 errors, 1 warnings"), "{s}");
    let out = bin()
        .current_dir(&d)
        .args(["check", "--format", "sarif", "--output"])
        .arg(d.join("r.sarif"))
        .arg(&f)
        .output()
        .unwrap();
    assert!(out.stdout.is_empty());
    assert!(
        std::fs::read_to_string(d.join("r.sarif"))
            .unwrap()
            .contains("\"2.1.0\"")
    );
}

#[test]
fn parallel_batches_are_deterministic_and_respect_ignores() {
    let d = tmp("batch");
    for i in 0..120 {
        let text = SEED_003.replacen("1.99 万元", &format!("1.{:02} 万元", i % 100), 1);
        std::fs::write(d.join(format!("r{i:03}.txt")), text).unwrap();
    }
    std::fs::create_dir_all(d.join("skip")).unwrap();
    std::fs::write(
        d.join("skip/x.txt"),
        "会议费当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。",
    )
    .unwrap();
    std::fs::write(d.join(".gitignore"), "skip/\n").unwrap();
    let run = || {
        bin()
            .current_dir(&d)
            .args(["check", "--format", "json", "."])
            .output()
            .unwrap()
            .stdout
    };
    let a = run();
    let b = run();
    assert_eq!(a, b, "byte-identical output on repeated runs");
    let v: serde_json::Value = serde_json::from_slice(&a).unwrap();
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 120);
    let paths: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    // include/exclude globs
    let out = bin()
        .current_dir(&d)
        .args(["check", "--format", "json", "--exclude", "r1*", "."])
        .output()
        .unwrap()
        .stdout;
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["files"].as_array().unwrap().len(), 120 - 20);
}
