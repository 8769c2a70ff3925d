//! The jixiao-lint command line: the allocator, then the library's `cli::main`.

#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    jixiao_lint::cli::main()
}
