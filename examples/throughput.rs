//! Throughput over a generated corpus: N reports made by varying the seeds' figures (so they
//! contain findings), linted on every core with JSON output, as `check --format json` does.
//!
//! `cargo run --release --example throughput -- [N] [DIR]` (defaults: 10000, target/throughput)

use jixiao_lint::Severity;
use jixiao_lint::lint::{Options, lint_path};
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::Instant;

#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SEEDS: [&str; 2] = [
    include_str!("003_a54991f576d2d3e5.txt"),
    include_str!("000_6b82af8dce66ba41.txt"),
];

/// A deterministic variation of a seed: some figures shifted so that findings come and go.
fn vary(i: usize) -> String {
    let seed = SEEDS[i % 2];
    let a = 100 + (i * 7919) % 200; // 1.00 … 2.99
    let b = 4000 + (i * 104729) % 1000; // 400.0 … 499.9
    seed.replacen("1.99 万元", &format!("{}.{:02} 万元", a / 100, a % 100), 1)
        .replacen("458.5 万元", &format!("{}.{} 万元", b / 10, b % 10), 1)
        .replacen(
            "\t98\t",
            if i.is_multiple_of(5) {
                "\t97\t"
            } else {
                "\t98\t"
            },
            1,
        )
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|x| x.parse().ok()).unwrap_or(10_000);
    let dir = PathBuf::from(
        args.get(2)
            .cloned()
            .unwrap_or_else(|| "target/throughput".into()),
    );
    std::fs::create_dir_all(&dir).expect("create the corpus folder");
    let mut paths = Vec::with_capacity(n);
    let mut bytes = 0u64;
    for i in 0..n {
        let p = dir.join(format!("r{i:05}.txt"));
        let text = vary(i);
        bytes += text.len() as u64;
        if !p.exists() {
            std::fs::write(&p, &text).expect("write a report");
        }
        paths.push(p);
    }
    let opts = Options::default();
    let t = Instant::now();
    // each file rendered on its worker and its source dropped there, as the command line does
    let chunks: Vec<(String, usize, usize)> = paths
        .par_iter()
        .map(|p| {
            let r = lint_path(p, &opts);
            let count = |s: Severity| r.diagnostics.iter().filter(|d| d.severity == s).count();
            let (e, w) = (count(Severity::Error), count(Severity::Warning));
            (r.to_json().to_string(), e, w)
        })
        .collect();
    let (mut errors, mut warnings) = (0, 0);
    let mut texts = Vec::with_capacity(chunks.len());
    for (c, e, w) in chunks {
        errors += e;
        warnings += w;
        texts.push(c);
    }
    let json = format!("[{}]", texts.join(","));
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{n} reports, {:.1} MB in {:.2} s on {} threads: {:.1} MB/s, {:.0} reports/s ({} errors, {} warnings, {} bytes of JSON)",
        bytes as f64 / 1e6,
        secs,
        rayon::current_num_threads(),
        bytes as f64 / 1e6 / secs,
        n as f64 / secs,
        errors,
        warnings,
        json.len()
    );
}
