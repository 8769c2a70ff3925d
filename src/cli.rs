//! The command line (feature `cli`): a table of subcommands, each a function over the library.
//! `src/main.rs` holds only the allocator and calls [`main`]. Living in the library, the
//! command line reaches the crate's internals without making them public.

use crate::diagnostic::Lang;
use crate::lang::tr;
use crate::lint::{self, FileResult, Options};
use crate::render;
use crate::rules;
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Freed pages go back to the system at once rather than after mimalloc's default 10 ms: a
/// batch's peak resident memory then follows the live memory (about a quarter lower on a
/// 1.7 MB report), and the review server, idle between requests, keeps no upload's memory.
/// Measured cost: none within noise (the corpus and a 1.7 MB report, 10 runs each).
fn purge_freed_pages_at_once() {
    #[cfg(feature = "mimalloc")]
    // SAFETY: reading and setting an allocator option before any thread starts.
    // `mi_option_purge_delay` is not exported by libmimalloc-sys: it comes just before
    // `mi_option_use_numa_nodes` in mimalloc.h (v2 and v3); it is changed only when it holds
    // one of its documented defaults (10 ms in v2, 1000 ms in v3, the one built here), so a
    // renumbered option is left alone.
    unsafe {
        let purge_delay = libmimalloc_sys::mi_option_use_numa_nodes - 1;
        if matches!(libmimalloc_sys::mi_option_get(purge_delay), 10 | 1000) {
            libmimalloc_sys::mi_option_set(purge_delay, 0);
        }
    }
}

/// Hand the memory freed by a review-server check back to the system.
fn return_freed_memory() {
    #[cfg(feature = "mimalloc")]
    // SAFETY: a collection of the calling thread's heap and of abandoned memory.
    unsafe {
        libmimalloc_sys::mi_collect(true);
    }
}

#[derive(Parser)]
#[command(
    name = "jixiao-lint",
    version,
    about = "Consistency checks for Chinese budget performance self-evaluation reports (绩效自评报告)"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    Human,
    /// One line per finding.
    Concise,
    Json,
    Sarif,
    Github,
    Junit,
    Rdjson,
    Html,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ColorArg {
    /// In colour on a terminal, unless NO_COLOR is set.
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Zh,
    En,
}

impl LangArg {
    fn lang(self) -> Lang {
        match self {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

// parsed once per run; boxing the large variant buys nothing
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum Cmd {
    /// Lint files or folders ('-' reads standard input).
    Check(CheckArgs),
    /// Start the review page on this computer: drop report files in a browser and read the
    /// findings in place (listens on 127.0.0.1 only).
    Serve(ServeArgs),
    /// List the rules.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
    },
    /// Show a rule's documentation.
    Explain {
        /// Rule name or code.
        rule: String,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff; `jixiao-lint man > jixiao-lint.1`).
    Man,
    /// Show the report model extracted from a file (no rules run).
    Extract {
        /// The file.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
    },
}

/// The options of `check`.
#[derive(clap::Args)]
struct CheckArgs {
    /// Files or folders (recursive; default: the current folder).
    paths: Vec<PathBuf>,
    /// Output format (also spelled --output-format, as ruff does).
    #[arg(
        long,
        visible_alias = "output-format",
        value_enum,
        default_value = "human"
    )]
    format: Format,
    /// Colours in the human output.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorArg,
    /// Exit 0 even when there are findings (an unreadable file is still exit 2).
    #[arg(long)]
    exit_zero: bool,
    /// The name standard input ('-') is reported under and configured by.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<PathBuf>,
    /// Only these rules (names, codes or groups, comma-separated).
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// Never these rules (names, codes or groups, comma-separated).
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// Configuration file for every input (default: the nearest jixiao.toml upward from each file).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record today's findings in this baseline file (and exit 0).
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Apply the unambiguous typo suggestions to text inputs (.txt, .md, .html), then report
    /// what is left. Files keep their encoding and line endings; documents (.docx, .xlsx,
    /// PDF …) are never written.
    #[arg(long)]
    fix: bool,
    /// Show the edits --fix would make as a diff, without writing (exit 1 when there is one).
    #[arg(long, conflicts_with = "fix")]
    diff: bool,
    /// List every fix made (or, with --diff, available) on standard error.
    #[arg(long)]
    show_fixes: bool,
    /// Write the report to this file instead of standard output.
    #[arg(long, short = 'o')]
    output: Option<PathBuf>,
    /// Exit with status 1 when there is any warning.
    #[arg(long)]
    deny_warnings: bool,
    /// Exit with status 1 when there are more than N warnings.
    #[arg(long, value_name = "N")]
    max_warnings: Option<usize>,
    /// Print the findings only: no info-level findings and no summary line.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Print counts per severity and per rule (to standard error for machine formats).
    #[arg(long)]
    statistics: bool,
    /// Only lint files matching these globs (when walking folders).
    #[arg(long, value_delimiter = ',')]
    include: Vec<String>,
    /// Skip files matching these globs (when walking folders).
    #[arg(long, value_delimiter = ',')]
    exclude: Vec<String>,
    /// Message language (default: the configuration's, else zh).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
}

/// The options of `serve`.
#[derive(clap::Args)]
struct ServeArgs {
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// Loopback address to listen on (127.0.0.1 or ::1).
    #[arg(long, default_value = "127.0.0.1")]
    host: std::net::IpAddr,
    /// Largest accepted file, in MB.
    #[arg(long, value_name = "MB", default_value_t = 20)]
    max_file_mb: u64,
    /// Largest accepted upload (all files together), in MB.
    #[arg(long, value_name = "MB", default_value_t = 100)]
    max_upload_mb: u64,
    /// Page and message language (default: the configuration's, else zh).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// Configuration file (default: jixiao.toml found upward from the working directory).
    #[arg(long)]
    config: Option<PathBuf>,
}

const TEXT_EXTS: &[&str] = &[
    "txt", "md", "markdown", "text", "html", "htm", "docx", "xlsx", "pdf", "doc", "xls", "wps",
    "et", "ods", "odt",
];

/// Files under a folder, in a stable order, honouring .gitignore/.ignore files (also outside
/// git repositories), hidden files skipped, symlinks not followed.
fn walk(
    root: &Path,
    include: Option<&globset::GlobSet>,
    exclude: Option<&globset::GlobSet>,
    out: &mut Vec<PathBuf>,
) {
    let walker = ignore::WalkBuilder::new(root)
        .standard_filters(true)
        .require_git(false)
        .follow_links(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker.flatten() {
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let p = entry.path();
        let rel = p.strip_prefix(root).unwrap_or(p);
        let ext_ok = p
            .extension()
            .and_then(|x| x.to_str())
            .is_some_and(|x| TEXT_EXTS.contains(&x.to_ascii_lowercase().as_str()));
        let inc_ok = match include {
            Some(g) => g.is_match(rel) || g.is_match(p),
            None => ext_ok,
        };
        if !inc_ok || exclude.is_some_and(|g| g.is_match(rel) || g.is_match(p)) {
            continue;
        }
        if is_own_report(p) {
            continue;
        }
        out.push(p.to_path_buf());
    }
}

/// A review page jixiao-lint wrote (its generator tag in the first kilobytes): found in a
/// folder being checked, it is a report, not a report to check.
fn is_own_report(p: &Path) -> bool {
    let html = p
        .extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| matches!(x.to_ascii_lowercase().as_str(), "html" | "htm"));
    if !html {
        return false;
    }
    let mut head = Vec::with_capacity(4096);
    let read = std::fs::File::open(p).and_then(|f| f.take(4096).read_to_end(&mut head));
    read.is_ok()
        && memchr::memmem::find(&head, b"<meta name=\"generator\" content=\"jixiao-lint").is_some()
}

fn pretty(v: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

/// No transparent huge pages for this process: with them the allocator's every touched 2 MiB
/// region is resident, which tripled the memory of an ordinary report (seed 003 × 100:
/// 62 → 29 MB) at no measured gain in speed.
fn no_transparent_huge_pages() {
    #[cfg(target_os = "linux")]
    {
        const PR_SET_THP_DISABLE: i32 = 41;
        unsafe extern "C" {
            fn prctl(option: i32, ...) -> i32;
        }
        // SAFETY: prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0) only sets a flag of this process.
        unsafe {
            prctl(PR_SET_THP_DISABLE, 1u64, 0u64, 0u64, 0u64);
        }
    }
}

/// Run the command line on the process's arguments (the binary's whole `main`).
pub fn main() -> ExitCode {
    no_transparent_huge_pages();
    purge_freed_pages_at_once();
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.cmd {
        Cmd::Check(a) => check(a),
        Cmd::Serve(a) => serve(a),
        Cmd::Rules { format } => list_rules(format),
        Cmd::Completions { shell } => completions(shell),
        Cmd::Man => man_page(),
        Cmd::Explain { rule } => explain(&rule),
        Cmd::Extract { file, format: _ } => extract(&file),
    }
}

/// `check`: lint files and folders, render the findings, exit 0, 1 or 2.
// Long by design: the check subcommand's steps in order (inputs, configuration, lint, render,
// write, exit code); each may end the run.
fn check(a: CheckArgs) -> ExitCode {
    let explicit_config = a.config.clone();
    let Some((cfg, lang)) = config_and_lang(a.config, a.lang) else {
        return ExitCode::from(2);
    };
    let Some(base) = base_options(lang, a.select, a.ignore) else {
        return ExitCode::from(2);
    };
    // (as ruff and oxlint do: no path is the current folder)
    let paths = if a.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        a.paths
    };
    // the files this run writes: never an input, never linted when a folder holds them
    let written: Vec<&PathBuf> = a.output.iter().chain(a.write_baseline.iter()).collect();
    let files = match input_files(&paths, (&a.include, &a.exclude), &written) {
        Ok(f) => f,
        Err(code) => return code,
    };
    let progress =
        (a.format == Format::Human && files.len() >= 50 && std::io::stderr().is_terminal())
            .then(|| indicatif::ProgressBar::new(files.len() as u64));
    let base_line = match read_baseline(a.baseline.as_deref()) {
        Ok(b) => b,
        Err(code) => return code,
    };
    let color = use_color(a.color, a.output.is_none());
    let stdin_name = a
        .stdin_filename
        .as_ref()
        .map_or_else(|| "-".to_string(), |p| p.display().to_string());
    // each file's configuration and project root (`--config` for all; else the nearest
    // jixiao.toml upward from the file, as ruff finds it, else the one of the current
    // folder): overrides match, and baselines and SARIF fingerprint, from that root
    let projects = match projects_of(
        &files,
        a.stdin_filename.as_deref(),
        explicit_config.as_deref(),
        &cfg,
    ) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("jixiao-lint: {}", config_error(&e, lang));
            return ExitCode::from(2);
        }
    };
    let roots: Vec<PathBuf> = projects.iter().map(|(_, r)| r.clone()).collect();
    let linter = Linter {
        projects: &projects,
        stdin_filename: a.stdin_filename.as_deref(),
        stdin_name: &stdin_name,
        base: &base,
        baseline: base_line.as_ref(),
        quiet: a.quiet,
        progress: progress.as_ref(),
    };
    let lint_one = |i: usize, p: &PathBuf| linter.lint(i, p);
    if a.fix || a.diff {
        match fix_files(&files, &lint_one, a.diff, a.show_fixes) {
            Err(code) => return code,
            Ok(edited) if a.diff => {
                return ExitCode::from(u8::from(edited > 0 && !a.exit_zero));
            }
            Ok(_) => {}
        }
    }
    // JSON and human output are rendered file by file on the worker threads, so a large
    // batch never holds every decoded document at once
    let streaming = a.write_baseline.is_none()
        && matches!(
            a.format,
            Format::Json | Format::Human | Format::Concise | Format::Html
        );
    let mut summary = render::Summary::default();
    let mut per_rule = render::RuleCounts::new();
    let out = if streaming {
        render_streaming(
            &files,
            &lint_one,
            (a.format, lang, color, a.quiet),
            (&mut summary, &mut per_rule),
        )
    } else {
        match render_collected(
            &files,
            &lint_one,
            (a.format, lang, color),
            (a.write_baseline.as_deref(), &roots),
            (&mut summary, &mut per_rule),
        ) {
            Ok(out) => out,
            Err(code) => return code,
        }
    };
    if let Some(pb) = progress {
        pb.finish_and_clear();
    }
    if let Err(code) = write_report(
        &out,
        a.output.as_deref(),
        a.statistics.then_some((&summary, &per_rule, lang)),
        a.format,
    ) {
        return code;
    }
    check_exit_code(&summary, a.exit_zero, a.deny_warnings, a.max_warnings)
}

/// `serve`: the review page on this computer.
fn serve(a: ServeArgs) -> ExitCode {
    let ServeArgs {
        port,
        host,
        max_file_mb,
        max_upload_mb,
        lang,
        config,
    } = a;
    let Some((cfg, lang)) = config_and_lang(config, lang) else {
        return ExitCode::from(2);
    };
    let mb = |n: u64| n.saturating_mul(1024 * 1024);
    let serve_cfg = crate::serve::ServeConfig {
        host,
        port,
        max_file_bytes: mb(max_file_mb).min(lint::MAX_FILE_BYTES),
        max_request_bytes: mb(max_upload_mb.max(max_file_mb)),
        lang,
        options: cfg.options_for(Path::new("upload"), &Options::default()),
        after_job: Some(return_freed_memory),
        ..Default::default()
    };
    match crate::serve::Server::bind(serve_cfg) {
        Ok(server) => {
            let url = server.url();
            let hello = tr!(
                "jixiao-lint 审阅页面：{url} （仅本机可访问，按 Ctrl+C 退出）",
                "jixiao-lint review page: {url} (this computer only; Ctrl+C to stop)",
                url = &url,
            );
            eprintln!("{}", hello.render(lang));
            server.run();
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("jixiao-lint: {e}");
            ExitCode::from(2)
        }
    }
}

/// `rules`: the rule catalogue.
fn list_rules(format: Format) -> ExitCode {
    let reg = rules::registry();
    match format {
        Format::Json => {
            let v: Vec<_> = reg
                .iter()
                .map(|(m, _)| serde_json::json!({"code": m.code, "name": m.name, "group": m.group, "severity": m.severity.as_str(), "summary": m.summary, "title_zh": m.title_zh}))
                .collect();
            listing(&(serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"))
        }
        _ => {
            let mut t = String::new();
            for (m, _) in reg {
                t += &format!(
                    "{:<6} {:<28} {:<8} {}\n",
                    m.code,
                    m.name,
                    m.severity.as_str(),
                    m.summary
                );
            }
            listing(&t)
        }
    }
}

/// `completions`: a shell completion script.
fn completions(shell: clap_complete::Shell) -> ExitCode {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "jixiao-lint", &mut out);
    listing(&String::from_utf8_lossy(&out))
}

/// `man`: the manual page (the top page, then each subcommand's synopsis, description and
/// options).
fn man_page() -> ExitCode {
    // the top page, then each subcommand's synopsis, description and options
    let mut out = Vec::new();
    let cmd = Cli::command();
    let mut rendered = clap_mangen::Man::new(cmd.clone()).render(&mut out);
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        if rendered.is_err() {
            break;
        }
        let name = format!("jixiao-lint {}", sub.get_name());
        out.extend_from_slice(format!(".SH \"{}\"\n", name.to_uppercase()).as_bytes());
        let man = clap_mangen::Man::new(sub.clone().bin_name(&name).display_name(&name));
        rendered = man
            .render_synopsis_section(&mut out)
            .and_then(|()| man.render_description_section(&mut out))
            .and_then(|()| man.render_options_section(&mut out));
    }
    match rendered {
        Ok(()) => listing(&String::from_utf8_lossy(&out)),
        Err(e) => {
            eprintln!("jixiao-lint: {e}");
            ExitCode::from(2)
        }
    }
}

/// `explain`: a rule's documentation.
fn explain(rule: &str) -> ExitCode {
    match rules::find(rule) {
        Some(m) => {
            let mut t = format!(
                "{} ({}) — default severity {}\n\n",
                m.name, m.code, m.severity
            );
            for line in m.doc.lines() {
                t += line.strip_prefix(' ').unwrap_or(line);
                t.push('\n');
            }
            listing(&t)
        }
        None => {
            eprintln!("jixiao-lint: unknown rule '{rule}' (see `jixiao-lint rules`)");
            ExitCode::from(2)
        }
    }
}

/// `extract`: the report model read from a file, as JSON.
fn extract(file: &Path) -> ExitCode {
    match lint::read_text(file) {
        Ok(text) => {
            let src = crate::source::SourceFile::new(file.display().to_string(), text);
            let report = crate::extract::extract_text_with_frames(&src);
            listing(&(serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"))
        }
        Err(e) => {
            eprintln!("jixiao-lint: {}: {e}", file.display());
            ExitCode::from(2)
        }
    }
}

/// Write to standard output. A reader that went away (`| head`) ends the output quietly; any
/// other failure (a full disk) is an error with its reason.
fn emit(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Print a listing (`rules`, `explain`, `extract`): exit 0, or 2 when standard output fails.
fn listing(text: &str) -> ExitCode {
    match emit(text) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("jixiao-lint: cannot write to standard output: {e}");
            ExitCode::from(2)
        }
    }
}

/// `--fix` / `--diff`: each text input's unambiguous edits written (atomically, in its
/// encoding) or shown as a diff; documents refused with a message. Returns how many files have
/// edits; `Err` with the exit code when a write failed.
fn fix_files(
    files: &[PathBuf],
    lint_one: &(dyn Fn(usize, &PathBuf) -> FileResult + Sync),
    diff_only: bool,
    show: bool,
) -> Result<usize, ExitCode> {
    use crate::fix;
    let mut edited = 0;
    let mut out = std::io::stdout().lock();
    for (i, p) in files.iter().enumerate() {
        if p.as_os_str() == "-" {
            eprintln!("jixiao-lint: --fix and --diff do not apply to standard input");
            continue;
        }
        let r = lint_one(i, p);
        let edits = fix::edits(&r);
        if edits.is_empty() {
            continue;
        }
        if r.format != "text" {
            let kind = fix::binary_kind(&r.path).unwrap_or(r.format);
            eprintln!(
                "jixiao-lint: {}",
                fix::FixError::Binary(r.path.clone(), kind)
            );
            continue;
        }
        let Some(src) = &r.source else { continue };
        if show {
            for e in &edits {
                let at = src.line_col(e.span.offset);
                eprintln!(
                    "{}:{}:{}: {} → {} ({})",
                    r.path,
                    at.line,
                    at.column,
                    e.before.trim(),
                    e.after.trim(),
                    e.codes.join(", ")
                );
            }
        }
        if diff_only {
            let _ = write!(out, "{}", fix::diff(&r.path, src.text(), &edits));
            edited += 1;
            continue;
        }
        let written = std::fs::read(p)
            .map_err(|e| fix::FixError::Io(r.path.clone(), e.to_string()))
            .and_then(|bytes| fix::apply(&r.path, &bytes, src.text(), &edits))
            .and_then(|bytes| {
                crate::atomic::write(p, &bytes)
                    .map_err(|e| fix::FixError::Io(r.path.clone(), format!("cannot write: {e}")))
            });
        match written {
            Ok(()) => edited += 1,
            Err(e @ fix::FixError::Io(..)) => {
                eprintln!("jixiao-lint: {e}");
                return Err(ExitCode::from(2));
            }
            Err(e) => eprintln!("jixiao-lint: {e}"),
        }
    }
    if !diff_only && edited > 0 {
        eprintln!("jixiao-lint: fixed {edited} file(s)");
    }
    Ok(edited)
}

type Project = (std::sync::Arc<crate::config::Config>, PathBuf);

/// The configuration and project root of each file: `explicit` (`--config`) for all; else
/// the nearest jixiao.toml upward from the file's folder (each file read once), else `cwd_cfg`
/// (the current folder's, or the defaults) with the current folder as root.
fn projects_of(
    files: &[PathBuf],
    stdin_filename: Option<&Path>,
    explicit: Option<&Path>,
    cwd_cfg: &crate::config::Config,
) -> Result<Vec<Project>, crate::config::ConfigError> {
    use crate::config::Config;
    use std::sync::Arc;
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let fallback = Arc::new(cwd_cfg.clone());
    if let Some(path) = explicit {
        let root = cwd
            .join(path)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| cwd.clone());
        return Ok(vec![(fallback, root); files.len()]);
    }
    let mut loaded: std::collections::HashMap<PathBuf, Arc<Config>> = Default::default();
    let mut out = Vec::with_capacity(files.len());
    for f in files {
        let name = match (f.as_os_str() == "-", stdin_filename) {
            (true, Some(n)) => n,
            (true, None) => Path::new("."),
            _ => f.as_path(),
        };
        match Config::find_for(name, &cwd) {
            Some(cp) => {
                let c = match loaded.get(&cp) {
                    Some(c) => c.clone(),
                    None => {
                        let c = Arc::new(Config::load(&cp)?);
                        loaded.insert(cp.clone(), c.clone());
                        c
                    }
                };
                let root = cp
                    .parent()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| cwd.clone());
                out.push((c, root));
            }
            None => out.push((fallback.clone(), cwd.clone())),
        }
    }
    Ok(out)
}

/// The configuration (`--config`, else jixiao.toml found upward, else defaults) and the message
/// language (`--lang`, else the configuration's, else zh). `None` after reporting a bad file.
fn config_and_lang(
    config: Option<PathBuf>,
    lang: Option<LangArg>,
) -> Option<(crate::config::Config, Lang)> {
    let path = config.or_else(|| {
        std::env::current_dir()
            .ok()
            .and_then(|d| crate::config::Config::find_upward(&d))
    });
    let cfg = match &path {
        Some(p) => match crate::config::Config::load(p) {
            Ok(c) => c,
            Err(e) => {
                // (the file that failed may be the one naming the language: the flag's, else zh)
                let lang = lang.map_or(Lang::default(), LangArg::lang);
                eprintln!("jixiao-lint: {}", config_error(&e, lang));
                return None;
            }
        },
        None => crate::config::Config::default(),
    };
    let lang = lang.map_or(cfg.lang.unwrap_or_default(), LangArg::lang);
    Some((cfg, lang))
}

/// `configuration error: jixiao.toml:2:1: …` in `lang`.
fn config_error(e: &crate::config::ConfigError, lang: Lang) -> String {
    let e = e.localized(lang);
    tr!("配置文件有误：{e}", "configuration error: {e}", e = &e).render(lang)
}

/// One file's rendered output.
enum Chunk {
    Text(String),
    Html(render::html::FileSection),
}

fn err_result(path: &str, e: crate::error::InputError) -> FileResult {
    FileResult::failed(path, "text", e)
}

/// The files to lint: each path given, folders walked (with the include and exclude globs);
/// a file this run writes is refused as an input and skipped in a folder.
fn input_files(
    paths: &[PathBuf],
    (include, exclude): (&[String], &[String]),
    written: &[&PathBuf],
) -> Result<Vec<PathBuf>, ExitCode> {
    let globs = |list: &[String]| -> Result<Option<globset::GlobSet>, String> {
        if list.is_empty() {
            return Ok(None);
        }
        let mut b = globset::GlobSetBuilder::new();
        for g in list {
            b.add(globset::Glob::new(g).map_err(|e| format!("bad glob '{g}': {e}"))?);
        }
        b.build().map(Some).map_err(|e| e.to_string())
    };
    let (inc, exc) = match (globs(include), globs(exclude)) {
        (Ok(i), Ok(e)) => (i, e),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("jixiao-lint: {e}");
            return Err(ExitCode::from(2));
        }
    };
    let mut files = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" || !p.is_dir() {
            if let Some(w) = written
                .iter()
                .find(|w| p.as_os_str() != "-" && crate::atomic::same_file(p, w))
            {
                eprintln!(
                    "jixiao-lint: {} is both an input and the file to write; refusing to overwrite it",
                    w.display()
                );
                return Err(ExitCode::from(2));
            }
            files.push(p.clone());
        } else {
            let mut found = Vec::new();
            walk(p, inc.as_ref(), exc.as_ref(), &mut found);
            // (an earlier run's report in the folder is not an input)
            found.retain(|f| !written.iter().any(|w| crate::atomic::same_file(f, w)));
            files.extend(found);
        }
    }
    Ok(files)
}

/// The baseline to subtract, when one is given.
fn read_baseline(baseline: Option<&Path>) -> Result<Option<crate::baseline::Baseline>, ExitCode> {
    match baseline {
        Some(path) => match std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))
            .and_then(|t| crate::baseline::Baseline::parse(&t).map_err(|e| e.to_string()))
        {
            Ok(b) => Ok(Some(b)),
            Err(e) => {
                eprintln!("jixiao-lint: baseline {}: {e}", path.display());
                Err(ExitCode::from(2))
            }
        },
        None => Ok(None),
    }
}

/// A linted file's result, by index and path (the worker threads call it).
type LintOne<'a> = dyn Fn(usize, &PathBuf) -> FileResult + Sync + 'a;

/// JSON and human output rendered file by file on the worker threads, so a large batch never
/// holds every decoded document at once; the counts are added up as the chunks come back.
fn render_streaming(
    files: &[PathBuf],
    lint_one: &LintOne,
    (format, lang, color, quiet): (Format, Lang, bool, bool),
    (summary, per_rule): (&mut render::Summary, &mut render::RuleCounts),
) -> String {
    let chunks: Vec<(Chunk, render::Summary, render::RuleCounts)> = files
        .par_iter()
        .enumerate()
        .map(|(i, p)| {
            let r = lint_one(i, p);
            let chunk = match format {
                Format::Json => Chunk::Text(render::json::file_chunk(&r)),
                Format::Html => Chunk::Html(render::html::file_section(&r, i, lang)),
                Format::Concise => Chunk::Text(render::concise::render_file(&r, lang)),
                _ => Chunk::Text(render::human::render_file(&r, lang, color)),
            };
            let one = std::slice::from_ref(&r);
            (chunk, render::summarize(one), render::rule_counts(&r))
        })
        .collect();
    let mut texts = Vec::with_capacity(chunks.len());
    let mut sections = Vec::new();
    for (c, s, rc) in chunks {
        summary.add(&s);
        for (k, v) in rc {
            let e = per_rule.entry(k).or_default();
            for i in 0..3 {
                e[i] += v[i];
            }
        }
        match c {
            Chunk::Text(t) => texts.push(t),
            Chunk::Html(h) => sections.push(h),
        }
    }
    match format {
        Format::Json => render::json::assemble(&texts, summary),
        Format::Html => render::html::assemble(&sections, lang),
        _ => {
            let mut h: String = texts.concat();
            if !quiet {
                h.push_str(&render::summary_line(summary, lang));
            }
            h
        }
    }
}

/// Output that needs every result at once (SARIF, JUnit, GitHub …), or the baseline written
/// from them (`Err(exit code)` then: the run ends there).
fn render_collected(
    files: &[PathBuf],
    lint_one: &LintOne,
    (format, lang, color): (Format, Lang, bool),
    (write_baseline, roots): (Option<&Path>, &[PathBuf]),
    (summary, per_rule): (&mut render::Summary, &mut render::RuleCounts),
) -> Result<String, ExitCode> {
    let results: Vec<FileResult> = files
        .par_iter()
        .enumerate()
        .map(|(i, p)| {
            let mut r = lint_one(i, p);
            // renderers need the source (for lines and columns), not the model
            r.report = None;
            r
        })
        .collect();
    if let Some(path) = write_baseline {
        let b = crate::baseline::Baseline::from_results(&results, roots);
        let text = serde_json::to_string_pretty(&b).unwrap_or_default() + "\n";
        if let Err(e) = crate::atomic::write(path, text.as_bytes()) {
            eprintln!("jixiao-lint: cannot write {}: {e}", path.display());
            return Err(ExitCode::from(2));
        }
        eprintln!(
            "jixiao-lint: recorded {} findings in {}",
            b.findings.iter().map(|e| e.count).sum::<usize>(),
            path.display()
        );
        return Err(ExitCode::SUCCESS);
    }
    *summary = render::summarize(&results);
    for r in &results {
        for (k, v) in render::rule_counts(r) {
            let e = per_rule.entry(k).or_default();
            for i in 0..3 {
                e[i] += v[i];
            }
        }
    }
    Ok(match format {
        Format::Sarif => pretty(&render::sarif::render_with_roots(&results, roots)),
        Format::Rdjson => pretty(&render::rdjson::render(&results)),
        Format::Junit => render::junit::render(&results),
        Format::Github => {
            let (ann, sum) = render::github::render(&results);
            if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY") {
                let _ = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)
                    .and_then(|mut f| f.write_all(sum.as_bytes()));
            }
            ann
        }
        Format::Json => pretty(&render::json::render(&results)),
        Format::Html => render::html::render(&results, lang),
        Format::Human => render::human::render(&results, lang, color),
        Format::Concise => render::concise::render(&results, lang),
    })
}

/// Write the report (to `--output` atomically, else standard output) and the statistics.
fn write_report(
    out: &str,
    output: Option<&Path>,
    statistics: Option<(&render::Summary, &render::RuleCounts, Lang)>,
    format: Format,
) -> Result<(), ExitCode> {
    let failed = match output {
        Some(path) => crate::atomic::write(path, out.as_bytes())
            .err()
            .map(|e| format!("cannot write {}: {e}", path.display())),
        None => emit(out)
            .err()
            .map(|e| format!("cannot write to standard output: {e}")),
    };
    if let Some(e) = failed {
        eprintln!("jixiao-lint: {e}");
        return Err(ExitCode::from(2));
    }
    if let Some((summary, per_rule, lang)) = statistics {
        let st = render::statistics_from(summary, per_rule, lang);
        if format == Format::Human && output.is_none() {
            if let Err(e) = emit(&st) {
                eprintln!("jixiao-lint: cannot write to standard output: {e}");
                return Err(ExitCode::from(2));
            }
        } else {
            eprint!("{st}");
        }
    }
    Ok(())
}

/// 2 when a file could not be read (unless findings decide 1 first), 1 for errors or too many
/// warnings, else 0; `--exit-zero` keeps only the 2.
fn check_exit_code(
    s: &render::Summary,
    exit_zero: bool,
    deny_warnings: bool,
    max_warnings: Option<usize>,
) -> ExitCode {
    let too_many_warnings =
        (deny_warnings && s.warnings > 0) || max_warnings.is_some_and(|m| s.warnings > m);
    if s.unreadable > 0 && (exit_zero || (s.errors == 0 && !too_many_warnings)) {
        ExitCode::from(2)
    } else if !exit_zero && (s.errors > 0 || too_many_warnings) {
        ExitCode::from(1)
    } else if s.unreadable > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

/// The options every file starts from; `None` (after saying why) when a selected or ignored
/// name names no rule or group.
fn base_options(lang: Lang, select: Vec<String>, ignore: Vec<String>) -> Option<Options> {
    for r in select.iter().chain(ignore.iter()) {
        if !rules::is_selector(r) {
            eprintln!("jixiao-lint: unknown rule or group '{r}' (see `jixiao-lint rules`)");
            return None;
        }
    }
    Some(Options {
        lang,
        select,
        ignore,
        ..Default::default()
    })
}

/// Colours in the human output: asked for, or a terminal on standard output without NO_COLOR.
fn use_color(arg: ColorArg, to_stdout: bool) -> bool {
    match arg {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            to_stdout
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// What linting one file of a `check` run needs: its configuration and project root, the
/// base options, the baseline, and the progress bar.
struct Linter<'a> {
    projects: &'a [Project],
    stdin_filename: Option<&'a Path>,
    stdin_name: &'a str,
    base: &'a Options,
    baseline: Option<&'a crate::baseline::Baseline>,
    quiet: bool,
    progress: Option<&'a indicatif::ProgressBar>,
}

impl Linter<'_> {
    /// Lint file `i` (`-` is standard input), subtract the baseline, drop info findings when
    /// quiet.
    fn lint(&self, i: usize, p: &Path) -> FileResult {
        let stdin = p.as_os_str() == "-";
        let (file_cfg, root) = &self.projects[i];
        let opts = match (self.stdin_filename, stdin) {
            (Some(name), true) => file_cfg.options_for(name, self.base),
            _ => file_cfg.options_for(p, self.base),
        };
        let mut r = if stdin {
            match lint::read_stdin(std::io::stdin().lock()) {
                Ok(buf) => lint::lint_owned_bytes(self.stdin_name, buf, &opts),
                Err(e) => err_result(self.stdin_name, e.within("standard input")),
            }
        } else {
            lint::lint_path(p, &opts)
        };
        if let Some(b) = self.baseline {
            b.apply(std::slice::from_mut(&mut r), std::slice::from_ref(root));
        }
        if self.quiet {
            r.diagnostics
                .retain(|d| d.severity >= crate::Severity::Warning);
        }
        if let Some(pb) = self.progress {
            pb.inc(1);
        }
        r
    }
}
