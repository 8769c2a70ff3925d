//! Writes never lose data (#14): outputs are written atomically, never over an input, a
//! folder's earlier report is not linted, a failed write is exit 2, a closed pipe ends quietly.

use std::path::Path;
use std::process::{Command, Stdio};

const BAD: &str = "会议费当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。\n";

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_jixiao-lint"))
}

fn folder() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

#[test]
fn output_that_is_an_input_is_refused() {
    let d = folder();
    let input = d.path().join("in.txt");
    std::fs::write(&input, BAD).unwrap();
    for (flag, target) in [
        ("-o", "in.txt"),
        ("--write-baseline", "in.txt"),
        ("-o", "./in.txt"),
    ] {
        let out = bin()
            .current_dir(d.path())
            .args(["check", "--format", "json", flag, target, "in.txt"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{flag} {target}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("refusing"));
        assert_eq!(std::fs::read_to_string(&input).unwrap(), BAD);
    }
}

#[test]
fn earlier_reports_in_the_folder_are_not_linted() {
    let d = folder();
    std::fs::create_dir(d.path().join("r")).unwrap();
    std::fs::write(d.path().join("r/a.txt"), BAD).unwrap();
    let run = |args: &[&str]| {
        let out = bin().current_dir(d.path()).args(args).output().unwrap();
        assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
    };
    run(&["check", "r", "--format", "html", "-o", "r/检查结果.html"]);
    let first = std::fs::read(d.path().join("r/检查结果.html")).unwrap();
    run(&["check", "r", "--format", "html", "-o", "r/检查结果.html"]);
    let second = std::fs::read(d.path().join("r/检查结果.html")).unwrap();
    assert_eq!(
        first.len(),
        second.len(),
        "the page does not grow run after run"
    );
    // a page written under another name is recognised by its generator tag
    std::fs::copy(
        d.path().join("r/检查结果.html"),
        d.path().join("r/old.html"),
    )
    .unwrap();
    let out = bin()
        .current_dir(d.path())
        .args(["check", "r", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, vec!["r/a.txt"]);
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_exit_2_and_a_closed_pipe_is_quiet() {
    let d = folder();
    std::fs::write(d.path().join("ok.txt"), "前言。\n").unwrap();
    if Path::new("/dev/full").exists() {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = bin()
            .current_dir(d.path())
            .args(["check", "ok.txt"])
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write"));
        let out = bin()
            .current_dir(d.path())
            .args(["check", "ok.txt", "-o", "/dev/full"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
    }
    // the reader goes away before anything is written: no panic, exit 0
    for args in [
        vec!["rules"],
        vec!["rules", "--format", "json"],
        vec!["explain", "change-direction"],
        vec!["extract", "ok.txt"],
    ] {
        let mut child = bin()
            .current_dir(d.path())
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {out:?}");
        assert!(out.stderr.is_empty(), "{args:?}");
    }
}

#[cfg(unix)]
#[test]
fn a_kill_during_write_baseline_keeps_the_old_baseline() {
    let d = folder();
    std::fs::write(d.path().join("a.txt"), BAD).unwrap();
    // the old baseline
    let ok = bin()
        .current_dir(d.path())
        .args(["check", "--write-baseline", "bl.json", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(ok.status.code(), Some(0));
    let old = std::fs::read_to_string(d.path().join("bl.json")).unwrap();
    // more findings, and a write that pauses half-way: killed there
    std::fs::write(d.path().join("a.txt"), BAD.repeat(50)).unwrap();
    let mut child = bin()
        .current_dir(d.path())
        .env("JIXIAO_TEST_WRITE_PAUSE_MS", "20000")
        .args(["check", "--write-baseline", "bl.json", "a.txt"])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // wait for the half-written temporary file
    let started = std::time::Instant::now();
    let temp_seen = loop {
        let temp = std::fs::read_dir(d.path())
            .unwrap()
            .flatten()
            .any(|e| e.file_name().to_string_lossy().ends_with(".tmp"));
        if temp || started.elapsed().as_secs() > 15 {
            break temp;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    child.kill().unwrap(); // SIGKILL
    let _ = child.wait();
    assert!(temp_seen, "the write had started");
    assert_eq!(
        std::fs::read_to_string(d.path().join("bl.json")).unwrap(),
        old,
        "the old baseline is intact"
    );
    // and without the kill the new baseline replaces it whole
    let ok = bin()
        .current_dir(d.path())
        .args(["check", "--write-baseline", "bl.json", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(ok.status.code(), Some(0));
    let new = std::fs::read_to_string(d.path().join("bl.json")).unwrap();
    assert_ne!(new, old);
    let v: serde_json::Value = serde_json::from_str(&new).unwrap();
    assert!(v.is_object());
}
