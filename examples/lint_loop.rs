//! Lint on one thread, text already in memory: the one-core speed of the linter itself
//! (extraction and rules; no file reading, decoding or output).
//!
//! `cargo run --release --example lint_loop -- FILE N` lints one file N times (a steady
//! workload for profilers: `valgrind --tool=callgrind target/release/examples/lint_loop FILE 50`);
//! `cargo run --release --example lint_loop -- DIR` lints every file of a folder once (for
//! example the corpus the `throughput` example writes to target/throughput).

use jixiao_lint::lint::{Options, lint_text};

#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args
        .get(1)
        .map(String::as_str)
        .unwrap_or("examples/003_a54991f576d2d3e5.txt");
    let opts = Options::default();
    let meta = std::fs::metadata(path).expect("a file or folder");
    let (texts, n): (Vec<(String, String)>, usize) = if meta.is_dir() {
        let mut v: Vec<(String, String)> = std::fs::read_dir(path)
            .expect("readable folder")
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let p = e.path();
                let t = std::fs::read_to_string(&p).ok()?;
                Some((p.display().to_string(), t))
            })
            .collect();
        v.sort();
        (v, 1)
    } else {
        let n: usize = args.get(2).and_then(|x| x.parse().ok()).unwrap_or(1000);
        let text = std::fs::read_to_string(path).expect("readable UTF-8 file");
        (vec![(path.to_string(), text)], n)
    };
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum::<usize>() * n;
    let lints = texts.len() * n;
    let mut findings = 0;
    let start = std::time::Instant::now();
    for _ in 0..n {
        for (name, text) in &texts {
            findings += lint_text(name, text, &opts).diagnostics.len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{lints} lints, {bytes} bytes: {:.3} ms per lint, {:.1} MB/s, {findings} findings",
        secs * 1000.0 / lints as f64,
        bytes as f64 / secs / 1e6
    );
}
