//! Criterion benchmarks: figure parsing, table extraction, narrative extraction, and the full
//! lint of each seed, with the command line's allocator. Run with `cargo bench`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jixiao_lint::internals::CharStream;
use jixiao_lint::internals::{cells, narrative, selfeval};
use jixiao_lint::lint::{Options, lint_text};
use jixiao_lint::source::SourceFile;
use std::hint::black_box;

// the allocator the command line ships with (library users keep their own)
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SEED_003: &str = include_str!("../tests/fixtures/003_a54991f576d2d3e5.txt");
const SEED_000: &str = include_str!("../tests/fixtures/000_6b82af8dce66ba41.txt");

fn benches(c: &mut Criterion) {
    let mut g = c.benchmark_group("figures");
    let line = "2020年全年总收入587.65万元，比上年637.32万元减少49.67万元，下降7.8%，其中40余万元、1.5万余人次、三千元。";
    g.throughput(Throughput::Bytes(line.len() as u64));
    g.bench_function("scan_figures", |b| {
        b.iter(|| {
            let mut s = CharStream::new();
            s.push_range(line, 0, line.len());
            black_box(jixiao_lint::internals::figure::scan_figures(&s))
        })
    });
    g.finish();

    for (name, text) in [("seed_003", SEED_003), ("seed_000", SEED_000)] {
        let mut g = c.benchmark_group(name);
        g.throughput(Throughput::Bytes(text.len() as u64));
        let src = SourceFile::new(name, text);
        g.bench_function("tables", |b| {
            b.iter(|| {
                let rows: Vec<_> = (0..src.line_count())
                    .map(|l| cells::split_line(&src, l))
                    .collect();
                black_box(selfeval::extract_tables(&src, &rows))
            })
        });
        let rows: Vec<_> = (0..src.line_count())
            .map(|l| cells::split_line(&src, l))
            .collect();
        let tl = selfeval::extract_tables(&src, &rows).table_lines;
        g.bench_function("narrative", |b| {
            b.iter(|| black_box(narrative::extract_facts(&src, &tl)))
        });
        g.bench_function("full_lint", |b| {
            b.iter(|| black_box(lint_text(name, text, &Options::default())))
        });
        g.finish();
    }
}

criterion_group!(benches_group, benches);
criterion_main!(benches_group);
