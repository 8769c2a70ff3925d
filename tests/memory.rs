//! Memory in proportion to the input (issue 14): linting an ordinary report takes under four
//! bytes of memory beyond the input per input byte, measured as the peak of live heap bytes
//! (a counting allocator around the system one: what the linter asks for, independent of how
//! an allocator keeps pages), from reading the bytes to rendering the JSON report.
//!
//! One test function: the counter is global, so the measurements run one after another.

use jixiao_lint::lint::{Options, lint_owned_bytes};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(n: usize) {
    let now = LIVE.fetch_add(n, Ordering::Relaxed) + n;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            // (a moving realloc holds both blocks for a moment: counted as the larger one, as
            // the allocator's own accounting does)
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Bytes of memory beyond the input's own, at the peak, per input byte.
fn extra_per_byte(text: &str) -> f64 {
    let opts = Options::default();
    let bytes = text.as_bytes().to_vec();
    let n = bytes.len();
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let r = lint_owned_bytes("report.txt", bytes, &opts);
    let json = serde_json::to_string(&r.to_json()).unwrap();
    let peak = PEAK.load(Ordering::Relaxed);
    assert!(json.starts_with('{'));
    drop((r, json));
    // the input's bytes are counted in the peak (they become the text): what is beyond them
    (peak.saturating_sub(base) as f64 - n as f64) / n as f64
}

#[test]
fn ordinary_reports_take_under_four_bytes_per_input_byte() {
    let seeds = [
        include_str!("../examples/003_a54991f576d2d3e5.txt"),
        include_str!("../examples/000_6b82af8dce66ba41.txt"),
    ];
    // lazily built tables (lexicons, folding) are made once per process, not per input
    for s in seeds {
        extra_per_byte(s);
    }
    for s in seeds {
        for copies in [1, 20, 100] {
            let text = s.repeat(copies);
            let extra = extra_per_byte(&text);
            eprintln!(
                "{} bytes: {extra:.2} bytes beyond the input per byte",
                text.len()
            );
            assert!(
                extra < 4.0,
                "{} bytes took {extra:.2} extra bytes per input byte",
                text.len()
            );
        }
    }
    // and the measure measures: a lint that kept a second copy of its text would show it
    let text = seeds[0].repeat(20);
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let copy = text.clone();
    assert!(PEAK.load(Ordering::Relaxed) - base >= text.len());
    drop(copy);
}
