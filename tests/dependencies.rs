//! The library without default features stays light: what finance software embeds must not
//! pull in the command line's, the terminal's or the HTTP server's crates.

use std::collections::BTreeSet;
use std::process::Command;

/// Distinct crates (name and version) in the normal and build dependency tree, the root left out.
fn crates(features: &[&str]) -> Option<BTreeSet<String>> {
    let out = Command::new(env!("CARGO"))
        .args([
            "tree",
            "--offline",
            "--locked",
            "-e",
            "normal,build",
            "--prefix",
            "none",
        ])
        .args(features)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()?;
    if !out.status.success() {
        eprintln!(
            "cargo tree failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    Some(
        text.lines()
            .filter_map(|l| {
                let mut w = l.split_whitespace();
                Some(format!("{} {}", w.next()?, w.next()?))
            })
            .filter(|c| !c.starts_with("jixiao-lint "))
            .collect(),
    )
}

#[test]
fn the_embedded_library_has_fewer_than_half_the_dependencies() {
    let lib = crates(&["--no-default-features"]).expect("cargo tree runs offline");
    let full = crates(&[]).expect("cargo tree runs offline");
    // 156 crates when issue 15 was filed; fewer than half of them
    assert!(lib.len() < 78, "{} crates: {lib:?}", lib.len());
    assert!(
        lib.len() * 2 < full.len(),
        "{} of {}",
        lib.len(),
        full.len()
    );
    for heavy in [
        "clap",
        "tokio",
        "hyper",
        "indicatif",
        "rayon",
        "ignore",
        "owo-colors",
        "textwrap",
    ] {
        assert!(
            !lib.iter().any(|c| c.split(' ').next() == Some(heavy)),
            "{heavy} is in the library's tree"
        );
    }
    // the full build does have them: the check above looks at the right tree
    assert!(full.iter().any(|c| c.starts_with("clap ")));
}
