//! PDF through `pdftotext -layout -enc UTF-8` (Debian packages poppler-utils and poppler-data),
//! with a time limit. Pages become `第N页` locations.

use super::Converted;
use crate::error::{InputError, InputErrorKind as K};
use crate::source::Origin;
use crate::source::decode::Limits;
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How to get pdftotext, for error messages.
pub const INSTALL_HINT: &str = "install poppler: `apt-get install poppler-utils poppler-data` (Debian/Ubuntu), `brew install poppler` (macOS)";

/// Convert a PDF by running pdftotext on it. The bytes go through a pipe (`fd://0`), so
/// nothing is written to disk; a pdftotext too old for `fd://` gets a temporary file instead.
pub fn read_pdf(bytes: &[u8], limits: &Limits) -> Result<Converted, InputError> {
    let text = match run_pdftotext(Input::Pipe(bytes), limits)? {
        Some(text) => text,
        None => {
            let dir = std::env::temp_dir();
            let path = dir.join(format!("jixiao-{}-{}.pdf", std::process::id(), unique()));
            std::fs::write(&path, bytes).map_err(|e| {
                InputError::new(K::Pdf, format!("cannot stage the PDF for pdftotext: {e}"))
            })?;
            let result = run_pdftotext(Input::File(&path), limits);
            let _ = std::fs::remove_file(&path);
            // (a file is always readable to pdftotext: `None` cannot come back)
            result?.unwrap_or_default()
        }
    };
    if text.trim().is_empty() {
        return Err(InputError::new(
            K::NoTextLayer,
            "no text layer: the PDF is scanned images and needs OCR before it can be checked",
        ));
    }
    let mut out = Converted {
        text: String::new(),
        origins: Vec::new(),
        notes: Vec::new(),
    };
    for (i, page) in text.split('\u{c}').enumerate() {
        if page.trim().is_empty() && i > 0 {
            continue;
        }
        let s = out.text.len();
        out.text.push_str(page.trim_end_matches('\n'));
        out.text.push('\n');
        out.origins.push(Origin {
            start: s,
            end: out.text.len(),
            location: format!("第{}页", i + 1),
        });
    }
    Ok(out)
}

fn unique() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

enum Input<'a> {
    Pipe(&'a [u8]),
    File(&'a std::path::Path),
}

/// Why pdftotext could not be started.
fn spawn_error(e: std::io::Error) -> InputError {
    if e.kind() == std::io::ErrorKind::NotFound {
        InputError::new(
            K::NeedsPdftotext,
            format!("reading PDF needs pdftotext, which is not installed: {INSTALL_HINT}"),
        )
    } else {
        InputError::new(K::Pdf, format!("cannot run pdftotext: {e}"))
    }
}

/// The PDF's text is over the limit (`limit` bytes).
fn text_over(limit: u64) -> InputError {
    InputError::new(
        K::PdfTextOverLimit,
        format!(
            "the PDF's text is over the limit of {} MB",
            limit / (1024 * 1024)
        ),
    )
}

/// Read pdftotext's stderr on its own thread while it runs (a full pipe would stop it): the
/// first 4 KiB are kept for the message, the rest is read and dropped.
fn drain_stderr(stderr: Option<std::process::ChildStderr>) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut kept = Vec::new();
        if let Some(mut e) = stderr {
            let _ = (&mut e).take(4096).read_to_end(&mut kept);
            let _ = std::io::copy(&mut e, &mut std::io::sink());
        }
        String::from_utf8_lossy(&kept).into_owned()
    })
}

// Long by design: runs pdftotext with both pipes drained and a deadline; every step shares the
// child process.
/// `None`: this pdftotext cannot read from a pipe (older than `fd://` support), as its own
/// error output says; the caller stages the bytes in a file.
fn run_pdftotext(input: Input, limits: &Limits) -> Result<Option<String>, InputError> {
    let piped = matches!(input, Input::Pipe(_));
    let mut cmd = Command::new("pdftotext");
    cmd.args(["-layout", "-enc", "UTF-8"]);
    match input {
        Input::Pipe(_) => cmd.arg("fd://0").stdin(Stdio::piped()),
        Input::File(p) => cmd.arg(p).stdin(Stdio::null()),
    };
    let mut child = cmd
        .arg("-")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(spawn_error)?;
    // the PDF is written from its own thread: pdftotext may start writing before it has read
    // everything, and both pipes must keep moving
    let writer = match (input, child.stdin.take()) {
        (Input::Pipe(bytes), Some(mut stdin)) => {
            let bytes = bytes.to_vec();
            Some(std::thread::spawn(move || {
                use std::io::Write;
                let _ = stdin.write_all(&bytes);
            }))
        }
        _ => None,
    };
    let mut stdout = child
        .stdout
        .take()
        .ok_or_else(|| InputError::new(K::Pdf, "pdftotext gave no output"))?;
    let limit = limits.max_entry_bytes;
    // both pipes are drained while pdftotext runs: a full stderr pipe (warnings on every page)
    // would otherwise stop it; stdout is capped while it is read
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = (&mut stdout).take(limit + 1).read_to_end(&mut buf);
        buf
    });
    let err_reader = drain_stderr(child.stderr.take());
    let start = Instant::now();
    let mut text: Option<Vec<u8>> = None;
    let mut reader = Some(reader);
    let stop = |child: &mut std::process::Child| {
        let _ = child.kill();
        let _ = child.wait();
    };
    let status = loop {
        if reader.as_ref().is_some_and(|r| r.is_finished()) {
            let buf = reader.take().map(|r| r.join().unwrap_or_default());
            if buf.as_ref().is_some_and(|b| b.len() as u64 > limit) {
                stop(&mut child);
                return Err(text_over(limit));
            }
            text = buf;
        }
        match child.try_wait() {
            Ok(Some(s)) => break s,
            Ok(None) if start.elapsed() > Duration::from_secs(limits.converter_seconds) => {
                stop(&mut child);
                return Err(InputError::new(
                    K::Pdf,
                    format!(
                        "pdftotext took longer than {} s and was stopped",
                        limits.converter_seconds
                    ),
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(InputError::new(K::Pdf, format!("pdftotext failed: {e}"))),
        }
    };
    let buf = match (text, reader) {
        (Some(b), _) => b,
        (None, Some(r)) => r.join().unwrap_or_default(),
        (None, None) => Vec::new(),
    };
    let err = err_reader.join().unwrap_or_default();
    if let Some(w) = writer {
        let _ = w.join();
    }
    if buf.len() as u64 > limit {
        return Err(text_over(limit));
    }
    if !status.success() {
        if piped && (err.contains("fd://") || err.contains("Couldn't open file")) {
            return Ok(None);
        }
        let why = match err.trim() {
            "" => format!("pdftotext ended with {status}"),
            e => e.to_string(),
        };
        return Err(InputError::new(
            K::Pdf,
            format!("pdftotext could not read the PDF: {why}"),
        ));
    }
    String::from_utf8(buf)
        .map(Some)
        .map_err(|_| InputError::new(K::Pdf, "pdftotext output is not UTF-8"))
}
