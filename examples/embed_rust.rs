//! The smallest embedding: lint a file, print each finding in English (the findings are built
//! once; `render` picks the language). `cargo run --example embed_rust -- report.docx`
use jixiao_lint::{Lang, Options, lint_path};

fn main() {
    let path = std::env::args().nth(1).expect("a report");
    let r = lint_path(std::path::Path::new(&path), &Options::default());
    for d in &r.diagnostics {
        let at = d
            .start
            .map(|p| format!("{}:{}", p.line, p.column))
            .unwrap_or_default();
        println!("{at} {} {}", d.code, d.message.render(Lang::En));
    }
}
