//! The jixiao-lint command line: a thin layer over the library.

use clap::{Parser, Subcommand, ValueEnum};
use jixiao_lint::diagnostic::Lang;
use jixiao_lint::lint::{self, FileResult, Options};
use jixiao_lint::render;
use jixiao_lint::rules;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

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
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Zh,
    En,
}

#[derive(Subcommand)]
enum Cmd {
    /// Lint files or folders ('-' reads standard input).
    Check {
        /// Files or folders (recursive).
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Only these rules (names, codes or groups, comma-separated).
        #[arg(long, value_delimiter = ',')]
        select: Vec<String>,
        /// Never these rules (names, codes or groups, comma-separated).
        #[arg(long, value_delimiter = ',')]
        ignore: Vec<String>,
        /// Configuration file.
        #[arg(long)]
        config: Option<PathBuf>,
        /// Message language (default: the configuration's, else zh).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
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
    /// Show the report model extracted from a file (no rules run).
    Extract {
        /// The file.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
    },
}

const TEXT_EXTS: &[&str] = &[
    "txt", "md", "markdown", "text", "html", "htm", "docx", "xlsx", "pdf", "doc", "xls", "wps",
    "et", "ods", "odt",
];

fn collect(path: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    if depth > 64 {
        return;
    }
    if path.is_dir() {
        let Ok(rd) = std::fs::read_dir(path) else {
            out.push(path.to_path_buf());
            return;
        };
        let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for e in entries {
            let is_link = std::fs::symlink_metadata(&e)
                .map(|m| m.file_type().is_symlink())
                .unwrap_or(false);
            if is_link && e.is_dir() {
                continue;
            }
            if e.is_dir() {
                collect(&e, out, depth + 1);
            } else if e
                .extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| TEXT_EXTS.contains(&x.to_ascii_lowercase().as_str()))
            {
                out.push(e);
            }
        }
    } else {
        out.push(path.to_path_buf());
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.cmd {
        Cmd::Check {
            paths,
            format,
            select,
            ignore,
            config,
            lang,
        } => {
            let cfg_path = match config {
                Some(c) => Some(c),
                None => std::env::current_dir()
                    .ok()
                    .and_then(|d| jixiao_lint::config::Config::find_upward(&d)),
            };
            let cfg = match &cfg_path {
                Some(p) => match jixiao_lint::config::Config::load(p) {
                    Ok(c) => c,
                    Err(e) => {
                        eprintln!("jixiao-lint: configuration error: {e}");
                        return ExitCode::from(2);
                    }
                },
                None => jixiao_lint::config::Config::default(),
            };
            let lang = match lang {
                Some(LangArg::Zh) => Lang::Zh,
                Some(LangArg::En) => Lang::En,
                None => cfg.lang.unwrap_or_default(),
            };
            for r in select.iter().chain(ignore.iter()) {
                let known = rules::find(r).is_some()
                    || ["budget", "scoring", "hygiene", "all"].contains(&r.as_str());
                if !known {
                    eprintln!("jixiao-lint: unknown rule or group '{r}' (see `jixiao-lint rules`)");
                    return ExitCode::from(2);
                }
            }
            let base = Options {
                lang,
                select,
                ignore,
                ..Default::default()
            };
            if paths.is_empty() {
                eprintln!(
                    "jixiao-lint: no input (give files or folders, or '-' for standard input)"
                );
                return ExitCode::from(2);
            }
            let mut files = Vec::new();
            for p in &paths {
                if p.as_os_str() == "-" {
                    files.push(p.clone());
                } else {
                    collect(p, &mut files, 0);
                }
            }
            let results: Vec<FileResult> = files
                .iter()
                .map(|p| {
                    let opts = cfg.options_for(p, &base);
                    if p.as_os_str() == "-" {
                        let mut buf = Vec::new();
                        match std::io::stdin()
                            .take(lint::MAX_FILE_BYTES)
                            .read_to_end(&mut buf)
                        {
                            Ok(_) => lint::lint_bytes("-", &buf, &opts),
                            Err(e) => err_result("-", format!("cannot read standard input: {e}")),
                        }
                    } else {
                        lint::lint_path(p, &opts)
                    }
                })
                .collect();
            let out = match format {
                Format::Json => {
                    let mut s = serde_json::to_string_pretty(&render::json::render(&results))
                        .unwrap_or_default();
                    s.push('\n');
                    s
                }
                Format::Human => {
                    render::human::render(&results, lang, std::io::stdout().is_terminal())
                }
            };
            let _ = std::io::stdout().write_all(out.as_bytes());
            let s = render::summarize(&results);
            if s.errors > 0 {
                ExitCode::from(1)
            } else if s.unreadable > 0 {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            }
        }
        Cmd::Rules { format } => {
            let reg = rules::registry();
            match format {
                Format::Json => {
                    let v: Vec<_> = reg
                        .iter()
                        .map(|(m, _)| serde_json::json!({"code": m.code, "name": m.name, "group": m.group, "severity": m.severity.as_str(), "summary": m.summary}))
                        .collect();
                    println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
                }
                Format::Human => {
                    for (m, _) in reg {
                        println!(
                            "{:<6} {:<28} {:<8} {}",
                            m.code,
                            m.name,
                            m.severity.as_str(),
                            m.summary
                        );
                    }
                }
            }
            ExitCode::SUCCESS
        }
        Cmd::Explain { rule } => match rules::find(&rule) {
            Some(m) => {
                println!(
                    "{} ({}) — default severity {}\n",
                    m.name, m.code, m.severity
                );
                for line in m.doc.lines() {
                    println!("{}", line.strip_prefix(' ').unwrap_or(line));
                }
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("jixiao-lint: unknown rule '{rule}' (see `jixiao-lint rules`)");
                ExitCode::from(2)
            }
        },
        Cmd::Extract { file, format: _ } => match lint::read_text(&file) {
            Ok(text) => {
                let src = jixiao_lint::source::SourceFile::new(file.display().to_string(), text);
                let report = jixiao_lint::extract::extract_text(&src);
                println!(
                    "{}",
                    serde_json::to_string_pretty(&report).unwrap_or_default()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("jixiao-lint: {}: {e}", file.display());
                ExitCode::from(2)
            }
        },
    }
}

fn err_result(path: &str, e: String) -> FileResult {
    FileResult {
        path: path.into(),
        format: "text",
        error: Some(e),
        diagnostics: Vec::new(),
        source: None,
        report: None,
    }
}
