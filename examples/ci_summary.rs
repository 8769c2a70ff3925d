//! A CI step that consumes `jixiao-lint check --format json` and fails the build on errors,
//! printing one line per rule. Run:
//! `jixiao-lint check --format json examples/ | cargo run --example ci_summary`.

use std::collections::BTreeMap;
use std::io::Read;

fn main() {
    let mut input = String::new();
    if std::io::stdin().read_to_string(&mut input).is_err() {
        eprintln!("cannot read standard input");
        std::process::exit(2);
    }
    let v: serde_json::Value = match serde_json::from_str(&input) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("not jixiao-lint JSON: {e}");
            std::process::exit(2);
        }
    };
    let mut per_rule: BTreeMap<String, usize> = BTreeMap::new();
    for f in v["files"].as_array().into_iter().flatten() {
        if let Some(e) = f["error"].as_str() {
            println!("{}: unreadable: {e}", f["path"].as_str().unwrap_or("?"));
        }
        for d in f["diagnostics"].as_array().into_iter().flatten() {
            let key = format!(
                "{} {}",
                d["code"].as_str().unwrap_or(""),
                d["rule"].as_str().unwrap_or("")
            );
            *per_rule.entry(key).or_default() += 1;
            println!(
                "{}:{}:{}: {} {}",
                f["path"].as_str().unwrap_or("?"),
                d["line"],
                d["column"],
                d["severity"].as_str().unwrap_or(""),
                d["message"].as_str().unwrap_or("")
            );
        }
    }
    for (rule, n) in &per_rule {
        println!("{n:>4}  {rule}");
    }
    let errors = v["summary"]["errors"].as_u64().unwrap_or(0);
    if errors > 0 {
        eprintln!("{errors} error(s): failing the build");
        std::process::exit(1);
    }
}
