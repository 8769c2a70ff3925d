//! Lint one file N times on one thread: a steady workload for profilers
//! (`valgrind --tool=callgrind target/release/examples/lint_loop FILE 50`).

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
    let n: usize = args.get(2).and_then(|x| x.parse().ok()).unwrap_or(1000);
    let text = std::fs::read_to_string(path).expect("readable UTF-8 file");
    let opts = Options::default();
    let mut findings = 0;
    let start = std::time::Instant::now();
    for _ in 0..n {
        findings += lint_text(path, &text, &opts).diagnostics.len();
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{n} × {} bytes: {:.3} ms per lint, {:.1} MB/s, {findings} findings",
        text.len(),
        secs * 1000.0 / n as f64,
        (text.len() * n) as f64 / secs / 1e6
    );
}
