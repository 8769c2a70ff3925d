//! The layering of the library: no import circle between its top-level modules (source →
//! extract → model → rules → diagnostics → render, with the engine, configuration and
//! baselines between the rules and the renderers). Read from the `crate::` paths of the
//! sources, comments and test modules left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Top-level modules re-exported under another's name (`pub use model::facts`).
const ALIASES: &[(&str, &str)] = &[("facts", "model")];

fn top_of(rel: &Path) -> Option<String> {
    let first = rel
        .components()
        .next()?
        .as_os_str()
        .to_string_lossy()
        .into_owned();
    let top = first.strip_suffix(".rs").unwrap_or(&first).to_string();
    (top != "lib" && top != "main").then_some(top)
}

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// `crate::name` references of a source, outside comments and its test module.
fn references(text: &str) -> BTreeSet<String> {
    let body = text.split("#[cfg(test)]").next().unwrap_or(text);
    let mut out = BTreeSet::new();
    for line in body.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            let after = &rest[i + 7..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                let name = ALIASES
                    .iter()
                    .find(|(a, _)| *a == name)
                    .map_or(name.clone(), |(_, t)| t.to_string());
                out.insert(name);
            }
            rest = after;
        }
    }
    out
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in files {
        let Some(top) = top_of(f.strip_prefix(&src).unwrap()) else {
            continue;
        };
        let refs = references(&std::fs::read_to_string(&f).unwrap());
        let e = g.entry(top.clone()).or_default();
        e.extend(refs.into_iter().filter(|r| *r != top));
    }
    g
}

/// The modules `from` reaches.
fn reach(g: &BTreeMap<String, BTreeSet<String>>, from: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from.to_string()];
    while let Some(x) = stack.pop() {
        for y in g.get(&x).into_iter().flatten() {
            if seen.insert(y.clone()) {
                stack.push(y.clone());
            }
        }
    }
    seen
}

#[test]
fn no_import_circle_between_top_level_modules() {
    let g = graph();
    assert!(g.len() >= 10, "{g:?}");
    let circles: Vec<(String, String)> = g
        .iter()
        .flat_map(|(a, bs)| bs.iter().map(move |b| (a.clone(), b.clone())))
        .filter(|(a, b)| reach(&g, b).contains(a))
        .collect();
    assert!(
        circles.is_empty(),
        "import circles (a → b → … → a): {circles:?}"
    );
}

#[test]
fn the_circle_check_sees_a_circle() {
    // the detector itself: a made-up pair of modules naming each other
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    g.entry("a".into()).or_default().insert("b".into());
    g.entry("b".into()).or_default().insert("a".into());
    assert!(reach(&g, "b").contains("a"));
    assert_eq!(
        references("use crate::lint::X; // crate::render\nlet y = crate::facts::Z;"),
        ["lint", "model"].iter().map(|s| s.to_string()).collect()
    );
}

#[test]
fn the_engine_reads_no_renderer_and_rules_read_the_model_only() {
    let g = graph();
    assert!(!reach(&g, "lint").contains("render"), "{:?}", g["lint"]);
    let rules = &g["rules"];
    for banned in ["extract", "lint", "render", "config", "serve"] {
        assert!(!rules.contains(banned), "rules → {banned}: {rules:?}");
    }
}
