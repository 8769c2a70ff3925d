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

/// Functions of the library and the command line over `limit` code lines (blank and comment
/// lines left out, as clippy counts) with no `// Long by design:` reason just above them:
/// (file, line, name, length).
fn long_without_reason(text: &str, limit: usize) -> Vec<(usize, String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        let t = l.trim_start();
        // test modules are not library code
        if t.starts_with("#[cfg(test)]") {
            break;
        }
        let is_fn = ["fn ", "pub fn ", "pub(crate) fn ", "pub(super) fn "]
            .iter()
            .any(|p| t.starts_with(p));
        if !is_fn || t.ends_with(';') {
            i += 1;
            continue;
        }
        let indent = &l[..l.len() - t.len()];
        let close = format!("{indent}}}");
        let Some(end) = (i..lines.len()).find(|&k| lines[k] == close) else {
            i += 1;
            continue;
        };
        let code = lines[i..=end]
            .iter()
            .filter(|x| {
                let x = x.trim();
                !x.is_empty() && !x.starts_with("//")
            })
            .count();
        let reason = lines[..i]
            .iter()
            .rev()
            .take_while(|x| {
                let x = x.trim_start();
                x.starts_with("//") || x.starts_with("#[")
            })
            .any(|x| x.contains("// Long by design:"));
        if code > limit && !reason {
            let name = t.split('(').next().unwrap_or(t).to_string();
            out.push((i + 1, name, code));
        }
        i += 1;
    }
    out
}

#[test]
fn no_long_function_without_a_reason() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    let mut long = Vec::new();
    for f in files {
        for (line, name, n) in long_without_reason(&std::fs::read_to_string(&f).unwrap(), 80) {
            long.push(format!("{}:{line} {name} ({n} lines)", f.display()));
        }
    }
    assert!(
        long.is_empty(),
        "functions over 80 lines need a `// Long by design:` reason above them (or a split):\n{}",
        long.join("\n")
    );
}

#[test]
fn the_length_check_counts_code_lines() {
    let body = "    x += 1;\n".repeat(85);
    let f = format!("fn long() {{\n{body}}}\n");
    assert_eq!(long_without_reason(&f, 80).len(), 1);
    let with = format!("// Long by design: one pass.\n{f}");
    assert!(long_without_reason(&with, 80).is_empty());
    let short = format!("fn short() {{\n{}}}\n", "    // note\n\n".repeat(90));
    assert!(long_without_reason(&short, 80).is_empty());
}

/// The files of the public API: the modules `lib.rs` declares `pub` (not hidden) and their `pub`
/// submodules, and the figure types the model re-exports.
fn public_files() -> Vec<std::path::PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = vec![src.join("figure/mod.rs"), src.join("figure/interval.rs")];
    let mut todo = vec![(src.join("lib.rs"), src.clone())];
    while let Some((file, dir)) = todo.pop() {
        let text = std::fs::read_to_string(&file).unwrap();
        let mut hidden = false;
        for line in text.lines() {
            let l = line.trim();
            if l == "#[doc(hidden)]" {
                hidden = true;
                continue;
            }
            if let Some(name) = l.strip_prefix("pub mod ").and_then(|r| r.strip_suffix(';'))
                && !hidden
            {
                let (flat, nested) = (
                    dir.join(format!("{name}.rs")),
                    dir.join(name).join("mod.rs"),
                );
                if flat.exists() {
                    todo.push((flat.clone(), dir.join(name)));
                    out.push(flat);
                } else {
                    todo.push((nested.clone(), dir.join(name)));
                    out.push(nested);
                }
            }
            if !l.starts_with("#[") {
                hidden = false;
            }
        }
    }
    out
}

/// `pub` items (not `pub(crate)`) of a source whose doc comment holds no example.
fn items_without_example(text: &str) -> Vec<String> {
    let body = text.split("#[cfg(test)]\nmod tests").next().unwrap_or(text);
    let lines: Vec<&str> = body.lines().collect();
    let kinds = [
        "fn ",
        "const fn ",
        "struct ",
        "enum ",
        "const ",
        "trait ",
        "type ",
        "static ",
    ];
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(rest) = line.trim_start().strip_prefix("pub ") else {
            continue;
        };
        // (a macro's pattern or expansion is not an item)
        if !kinds.iter().any(|k| rest.starts_with(k)) || rest.contains('$') {
            continue;
        }
        let block: Vec<&&str> = lines[..i]
            .iter()
            .rev()
            .take_while(|l| {
                let t = l.trim_start();
                t.starts_with("///") || t.starts_with("#[") || t.starts_with("//")
            })
            .collect();
        // (an item hidden from the documentation is not in the API listing)
        let hidden = block.iter().any(|l| l.trim() == "#[doc(hidden)]");
        if !hidden && !block.iter().any(|l| l.contains("```")) {
            out.push(format!("{}: {}", i + 1, line.trim()));
        }
    }
    out
}

#[test]
fn every_public_item_has_an_example() {
    let files = public_files();
    assert!(files.len() >= 15, "{files:?}");
    let mut missing = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for m in items_without_example(&text) {
            missing.push(format!("{}:{m}", f.display()));
        }
    }
    assert!(
        missing.is_empty(),
        "public items without an example:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_example_check_sees_a_missing_example() {
    let text = "/// Documented.\n///\n/// ```\n/// assert!(true);\n/// ```\npub fn a() {}\n\n\
                /// Documented, no example.\npub fn b() {}\n\npub(crate) fn c() {}\n";
    let missing = items_without_example(text);
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert!(missing[0].contains("pub fn b()"));
}
