//! The command-line contract of spec/interfaces.md: formats, exit codes, batches with
//! unreadable inputs, rules/explain/extract, configuration.

mod common;
use std::path::PathBuf;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_jixiao-lint"))
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("jixiao-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn json_contract_and_exit_1() {
    let out = bin()
        .args(["check", "--format", "json"])
        .arg(fixture("003_a54991f576d2d3e5.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["tool"]["name"], "jixiao-lint");
    let d = &v["files"][0]["diagnostics"][0];
    for k in [
        "rule",
        "code",
        "severity",
        "message",
        "help",
        "line",
        "column",
        "end_line",
        "end_column",
        "offset",
        "length",
        "location",
        "suggestion",
        "labels",
    ] {
        assert!(d.get(k).is_some(), "missing {k}");
    }
    assert_eq!(d["rule"], "change-direction");
    assert_eq!(d["line"], 61);
    assert_eq!(d["column"], 36);
    assert_eq!(v["summary"]["errors"], 1);
}

#[test]
fn clean_input_exits_0_and_english() {
    let d = tmpdir("clean");
    let f = d.join("ok.txt");
    std::fs::write(&f, "总收入587.65万元，比上年637.32万元减少49.67万元。\n").unwrap();
    let out = bin()
        .current_dir(&d)
        .args(["check", "--lang", "en"])
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("0 error(s)"), "{s}");
}

#[test]
fn unreadable_input_is_reported_and_the_batch_continues() {
    let d = tmpdir("batch");
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    std::fs::write(d.join("bad.txt"), noise).unwrap();
    let out = bin()
        .current_dir(&d)
        .args(["check", "--format", "json"])
        .arg(d.join("bad.txt"))
        .arg(d.join("missing.txt"))
        .arg(fixture("000_6b82af8dce66ba41.txt"))
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 3);
    assert!(
        files[0]["error"]
            .as_str()
            .unwrap()
            .contains("cannot decode"),
        "{}",
        files[0]["error"]
    );
    assert!(files[1]["error"].as_str().unwrap().contains("cannot read"));
    assert!(files[2]["error"].is_null());
    assert!(!files[2]["diagnostics"].as_array().unwrap().is_empty());
    // an error-level finding wins over an unreadable input: exit 1
    assert_eq!(out.status.code(), Some(1));
    let out = bin()
        .current_dir(&d)
        .arg("check")
        .arg(d.join("bad.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(
        bin()
            .args(["check", "--select", "no-such-rule", "x.txt"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        bin()
            .args(["check", "--format", "xml", "x.txt"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        bin()
            .args(["explain", "JX999"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn rules_explain_extract() {
    let out = bin().args(["rules", "--format", "json"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v.as_array().unwrap().len(),
        jixiao_lint::rules::catalogue().len()
    );
    let out = bin().args(["explain", "JX107"]).output().unwrap();
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("change-rate")
    );
    let out = bin()
        .arg("extract")
        .arg(fixture("003_a54991f576d2d3e5.txt"))
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let t = &v["tables"][0];
    assert_eq!(t["indicators"].as_array().unwrap().len(), 19);
    assert_eq!(t["total"]["score"]["raw"], "98");
    assert_eq!(t["grade"]["value"], "优");
    assert!(!v["facts"]["comparisons"].as_array().unwrap().is_empty());
}

#[test]
fn configuration_file_found_upward() {
    let d = tmpdir("cfg");
    std::fs::create_dir_all(d.join("drafts")).unwrap();
    std::fs::copy(fixture("003_a54991f576d2d3e5.txt"), d.join("drafts/r.txt")).unwrap();
    std::fs::write(
        d.join("jixiao.toml"),
        "[rules]\nchange-direction = \"warning\"\n",
    )
    .unwrap();
    let out = bin()
        .current_dir(d.join("drafts"))
        .args(["check", "--format", "json", "r.txt"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(
        d.join("jixiao.toml"),
        "[rules]\nchange-directio = \"warning\"\n",
    )
    .unwrap();
    let out = bin()
        .current_dir(d.join("drafts"))
        .args(["check", "r.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("change-directio"));
}

#[test]
fn stdin_is_read() {
    use std::io::Write;
    let mut child = bin()
        .args(["check", "--format", "json", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"][0]["path"], "-");
}

#[test]
fn hostile_folder_batch_continues() {
    let d = tmpdir("hostile");
    std::fs::write(d.join("empty.txt"), b"").unwrap();
    std::fs::write(
        d.join("noise.txt"),
        (0..4096u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect::<Vec<u8>>(),
    )
    .unwrap();
    std::fs::write(
        d.join("truncated.docx"),
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00garbage",
    )
    .unwrap();
    std::fs::write(d.join("fake.pdf"), b"%PDF-1.4\nnot really a pdf").unwrap();
    std::fs::write(
        d.join("old.doc"),
        [0xD0u8, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 1, 2, 3],
    )
    .unwrap();
    std::fs::copy(fixture("003_a54991f576d2d3e5.txt"), d.join("z_report.txt")).unwrap();
    let out = bin()
        .current_dir(&d)
        .args(["check", "--format", "json", "."])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 6, "{files:#?}");
    for f in files {
        let p = f["path"].as_str().unwrap();
        if p.ends_with("z_report.txt") {
            assert!(f["error"].is_null());
            assert!(!f["diagnostics"].as_array().unwrap().is_empty());
        } else {
            assert!(
                f["error"].as_str().is_some_and(|e| !e.is_empty()),
                "{p}: {f}"
            );
        }
    }
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn html_report_of_a_folder_to_a_file() {
    let d = tmpdir("html");
    std::fs::copy(fixture("003_a54991f576d2d3e5.txt"), d.join("b.txt")).unwrap();
    std::fs::copy(fixture("000_6b82af8dce66ba41.txt"), d.join("a.txt")).unwrap();
    std::fs::write(d.join("c.txt"), b"").unwrap();
    let out_file = d.join("report.html");
    let out = bin()
        .args(["check", "--format", "html", "--output"])
        .arg(&out_file)
        .arg(&d)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "errors found");
    assert!(out.stdout.is_empty(), "the page goes to the file");
    let page = std::fs::read_to_string(&out_file).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    // files in sorted order, each with its own section; the empty one explained
    let a = page.find("data-path=\"").unwrap();
    let order: Vec<&str> = page[a..]
        .match_indices("data-path=\"")
        .map(|(i, m)| {
            let rest = &page[a + i + m.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    assert_eq!(order.len(), 3);
    assert!(order[0].ends_with("a.txt") && order[1].ends_with("b.txt"));
    assert!(page.contains("文件是空的"));
    assert!(page.contains("<span class=\"count error\">错误：<b>2</b></span>"));
    // English on request
    let en = bin()
        .args(["check", "--format", "html", "--lang", "en"])
        .arg(fixture("003_a54991f576d2d3e5.txt"))
        .output()
        .unwrap();
    let en = String::from_utf8(en.stdout).unwrap();
    assert!(en.contains("<html lang=\"en\">") && en.contains("Findings"));
}

#[test]
fn serve_refuses_a_non_loopback_address() {
    let out = bin()
        .args(["serve", "--host", "0.0.0.0", "--port", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a loopback address"));
}

#[test]
fn conventions_of_ruff_and_oxlint() {
    let seed = fixture("003_a54991f576d2d3e5.txt");
    // --exit-zero: findings, exit 0; an unreadable file is still exit 2
    let out = bin()
        .args(["check", "--exit-zero"])
        .arg(&seed)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("JX105"));
    let d = tmpdir("exitzero");
    std::fs::write(d.join("noise.txt"), [0xff, 0xfe, 0x00, 0x9c, 0x01]).unwrap();
    let out = bin()
        .args(["check", "--exit-zero"])
        .arg(&seed)
        .arg(d.join("noise.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // --output-format is --format
    let out = bin()
        .args(["check", "--output-format", "json"])
        .arg(&seed)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], 1);
    // colours: always, never, and NO_COLOR for auto (not a terminal here: none either way)
    let esc = |args: &[&str], no_color: bool| {
        let mut c = bin();
        c.args(args).arg(&seed);
        if no_color {
            c.env("NO_COLOR", "1");
        } else {
            c.env_remove("NO_COLOR");
        }
        String::from_utf8_lossy(&c.output().unwrap().stdout).contains('\u{1b}')
    };
    assert!(esc(&["check", "--color", "always"], false));
    assert!(!esc(&["check", "--color", "never"], false));
    assert!(!esc(&["check"], true));
    // no path: the current folder
    let d = tmpdir("defaultpath");
    std::fs::copy(&seed, d.join("report.txt")).unwrap();
    let out = bin()
        .args(["check", "--format", "json"])
        .current_dir(&d)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"].as_array().unwrap().len(), 1);
    assert!(
        v["files"][0]["path"]
            .as_str()
            .unwrap()
            .ends_with("report.txt")
    );
    // --stdin-filename names standard input
    let out = bin()
        .args([
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "drafts/自评.txt",
            "-",
        ])
        .stdin(std::fs::File::open(&seed).unwrap())
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"][0]["path"], "drafts/自评.txt");
    assert_eq!(v["files"][0]["diagnostics"].as_array().unwrap().len(), 3);
}

#[test]
fn shell_completions_and_a_manual_page() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = bin().args(["completions", shell]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("jixiao-lint") || text.contains("jixiao__lint"),
            "{shell}"
        );
        assert!(
            text.contains("exit-zero"),
            "{shell}: the check options are completed"
        );
    }
    let out = bin().arg("man").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let man = String::from_utf8_lossy(&out.stdout);
    assert!(man.contains(".TH jixiao-lint 1"), "{man}");
    assert!(man.contains("check"));
    let bad = bin().args(["completions", "cmd.exe"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn concise_format_is_one_line_per_finding() {
    let out = bin()
        .args(["check", "--format", "concise"])
        .arg(fixture("003_a54991f576d2d3e5.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    // three findings and the summary line
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].ends_with("却写作“减少”"), "{}", lines[0]);
    assert!(
        lines[0].contains(":61:36: error JX105 change-direction "),
        "{}",
        lines[0]
    );
    assert!(lines[3].starts_with("共 1 个文件"));
}

/// Exit code of `check` run in `dir` on `args`.
fn check_in(dir: &std::path::Path, args: &[&str]) -> Option<i32> {
    bin()
        .current_dir(dir)
        .arg("check")
        .args(args)
        .output()
        .unwrap()
        .status
        .code()
}

#[test]
fn configuration_found_per_file_and_globs_relative_to_it() {
    const BAD: &str = "会议费当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。\n";
    let d = tmpdir("percfg");
    std::fs::create_dir_all(d.join("proj/drafts")).unwrap();
    std::fs::create_dir_all(d.join("proj/quiet")).unwrap();
    // the project's configuration: budget rules off for drafts/**
    std::fs::write(
        d.join("proj/jixiao.toml"),
        "[[overrides]]\npaths = [\"drafts/**\"]\nignore = [\"budget\"]\n",
    )
    .unwrap();
    // a nearer configuration for quiet/: budget rules off everywhere below it
    std::fs::write(d.join("proj/quiet/jixiao.toml"), "ignore = [\"budget\"]\n").unwrap();
    for f in ["proj/drafts/x.txt", "proj/quiet/y.txt", "proj/final.txt"] {
        std::fs::write(d.join(f), BAD).unwrap();
    }
    let abs = d.join("proj/drafts/x.txt").display().to_string();
    let proj = d.join("proj");
    let drafts = d.join("proj/drafts");
    // the override applies however the path is typed and from whichever folder
    for (dir, path) in [
        (&proj, "drafts/x.txt"),
        (&proj, "./drafts/x.txt"),
        (&drafts, "x.txt"),
        (&drafts, "."),
        (&d, "proj/drafts/x.txt"),
        (&d, abs.as_str()),
    ] {
        assert_eq!(check_in(dir, &[path]), Some(0), "{dir:?} {path}");
    }
    // the nearest configuration of each file, from any folder
    assert_eq!(check_in(&d, &["proj/quiet/y.txt"]), Some(0));
    assert_eq!(check_in(&proj, &["quiet"]), Some(0));
    // a file the configurations leave alone is checked
    assert_eq!(check_in(&d, &["proj/final.txt"]), Some(1));
    assert_eq!(check_in(&d, &["proj"]), Some(1));
    // --config applies one file to all
    std::fs::write(d.join("all-off.toml"), "ignore = [\"budget\"]\n").unwrap();
    assert_eq!(
        check_in(&d, &["--config", "all-off.toml", "proj/final.txt"]),
        Some(0)
    );
    // a bad configuration found for a file: exit 2 with file:line:column
    std::fs::write(
        d.join("proj/quiet/jixiao.toml"),
        "[rules]\nchang-rate = \"off\"\n",
    )
    .unwrap();
    let out = bin()
        .current_dir(&d)
        .args(["check", "proj/quiet/y.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("配置文件有误：")
            && err.contains("jixiao.toml:2:1: [rules] 中没有名为“chang-rate”的规则"),
        "{err}"
    );
    let out = bin()
        .current_dir(&d)
        .args(["check", "--lang", "en", "proj/quiet/y.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("configuration error: ")
            && err.contains("jixiao.toml:2:1: unknown rule 'chang-rate'"),
        "{err}"
    );
}

#[test]
fn fix_diff_and_show_fixes() {
    // 3.04 − 2.87 = 0.17, printed 0.71: one value makes the comparison hold
    const FIXABLE: &str =
        "前言。\r\n培训费当年开支 3.04 万元，比上年 2.87 万元增加 0.71 万元。\r\n";
    // the direction and the amount both disagree with the levels: no single fix
    const AMBIGUOUS: &str = "会议费当年开支 1.99 万元，比上年 1.42 万元减少 0.67 万元。\n";
    let d = tmpdir("fix");
    let a = d.join("a.txt");
    let (gbk, _, _) = encoding_rs::GBK.encode(FIXABLE);
    std::fs::write(&a, &gbk).unwrap();
    std::fs::write(d.join("b.md"), AMBIGUOUS).unwrap();
    // --diff shows the edit and writes nothing
    let out = bin()
        .current_dir(&d)
        .args(["check", "--diff", "--show-fixes", "a.txt", "b.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let so = String::from_utf8_lossy(&out.stdout);
    assert!(
        so.contains("-培训费当年开支 3.04 万元，比上年 2.87 万元增加 0.71 万元。"),
        "{so}"
    );
    assert!(
        so.contains("+培训费当年开支 3.04 万元，比上年 2.87 万元增加 0.17 万元。"),
        "{so}"
    );
    assert!(!so.contains("b.md"), "{so}");
    let se = String::from_utf8_lossy(&out.stderr);
    assert!(se.contains("a.txt:2:"), "{se}");
    assert!(se.contains("0.71 万元 → 0.17 万元"), "{se}");
    assert_eq!(std::fs::read(&a).unwrap(), gbk.to_vec());
    // --fix writes it in its encoding with its line endings, and reports what is left
    let out = bin()
        .current_dir(&d)
        .args(["check", "--fix", "--format", "json", "a.txt", "b.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "b.md is left");
    let now = std::fs::read(&a).unwrap();
    let (fixed, _, bad) = encoding_rs::GBK.decode(&now);
    assert!(!bad);
    assert_eq!(fixed, FIXABLE.replace("0.71", "0.17"));
    assert_eq!(std::fs::read_to_string(d.join("b.md")).unwrap(), AMBIGUOUS);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let left: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| !f["diagnostics"].as_array().unwrap().is_empty())
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(left, vec!["b.md"]);
    // nothing left to fix: --diff exits 0
    let out = bin()
        .current_dir(&d)
        .args(["check", "--diff", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    // seed 003: 减少 becomes 增加, and a second run reports nothing of that rule
    let seed = d.join("seed003.txt");
    std::fs::copy(fixture("003_a54991f576d2d3e5.txt"), &seed).unwrap();
    let out = bin()
        .current_dir(&d)
        .args(["check", "--fix", "--show-fixes", "seed003.txt"])
        .output()
        .unwrap();
    let se = String::from_utf8_lossy(&out.stderr);
    assert!(se.contains("减少 → 增加 (JX105)"), "{se}");
    let fixed = std::fs::read_to_string(&seed).unwrap();
    assert!(fixed.contains("比上年 1.42 万元增加 0.57 万元"));
    let out = bin()
        .current_dir(&d)
        .args(["check", "--format", "concise", "seed003.txt"])
        .output()
        .unwrap();
    let so = String::from_utf8_lossy(&out.stdout);
    assert!(!so.contains("change-direction"), "{so}");
    assert!(
        so.contains("deviation-unexplained"),
        "the rest is still reported: {so}"
    );
    // a Word document is never written
    let doc = d.join("r.docx");
    let bytes = common::docx_of(FIXABLE);
    std::fs::write(&doc, &bytes).unwrap();
    let out = bin()
        .current_dir(&d)
        .args(["check", "--fix", "r.docx"])
        .output()
        .unwrap();
    let se = String::from_utf8_lossy(&out.stderr);
    assert!(se.contains("never rewrites"), "{se}");
    assert_eq!(std::fs::read(&doc).unwrap(), bytes);
}

#[test]
fn readme_and_manual_page_name_every_flag() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let man = bin().arg("man").output().unwrap();
    // roff escapes the hyphens of option names
    let man = String::from_utf8_lossy(&man.stdout).replace("\\-", "-");
    for sub in [
        "check",
        "serve",
        "rules",
        "explain",
        "extract",
        "completions",
    ] {
        let help = bin().args([sub, "--help"]).output().unwrap();
        let help = String::from_utf8_lossy(&help.stdout).to_string();
        for flag in help
            .split_whitespace()
            .map(|w| w.trim_end_matches([',', ']', ')', '.']))
            .filter(|w| w.starts_with("--") && w.len() > 2 && *w != "--help")
        {
            let flag = flag.split(['=', '<']).next().unwrap();
            assert!(
                readme.contains(flag),
                "README does not document `{sub} {flag}`"
            );
            if sub == "check" {
                assert!(man.contains(flag), "the manual page does not name `{flag}`");
            }
        }
    }
}

#[test]
fn every_output_format_names_the_place_in_a_word_document() {
    let d = tmpdir("locations");
    std::fs::write(d.join("seed003.docx"), common::docx_of(common::SEED_003)).unwrap();
    let run = |format: &str| {
        let out = bin()
            .current_dir(&d)
            .args(["check", "--format", format, "seed003.docx"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}");
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    // the places, from the JSON output
    let v: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    let locs: Vec<String> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|x| x["location"].as_str().map(str::to_string))
        .collect();
    assert!(!locs.is_empty());
    for format in [
        "human", "concise", "github", "junit", "rdjson", "sarif", "html",
    ] {
        let out = run(format);
        for loc in &locs {
            assert!(
                out.contains(loc.as_str()),
                "{format} does not show {loc}:\n{out}"
            );
        }
    }
}
