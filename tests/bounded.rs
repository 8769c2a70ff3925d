//! Bounded by construction: each hostile input of issue 14, generated here (nothing binary is
//! committed), is checked by the release binary in a child process whose peak resident memory
//! (`wait4`'s `ru_maxrss`) and time are asserted; each ends with a clear per-file error or its
//! normal findings, and a batch holding all of them completes.
//!
//! Release build only (debug builds are 10–30× slower and larger):
//! `cargo test --release --test bounded`.
#![cfg(unix)]

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const MB: u64 = 1024 * 1024;

/// One test at a time: a test building its inputs must not inflate another's measurement,
/// and the time limits assume the machine is not shared with another child.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}
/// The ceiling for any input under the limits.
const MAX_RSS: u64 = 512 * MB;

struct Run {
    code: i32,
    rss: u64,
    secs: f64,
    stdout: String,
}

/// Run the binary with `args` (stdin from `stdin` when given), at most `limit` seconds, and
/// measure its peak resident memory.
fn run(args: &[&str], stdin: Option<&Path>, limit: u64) -> Run {
    let dir = tempdir();
    let out = dir.join("stdout");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jixiao-lint"));
    cmd.args(args)
        .env("JIXIAO_LANG", "en")
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::fs::File::create(dir.join("stderr")).unwrap());
    match stdin {
        Some(p) => cmd.stdin(std::fs::File::open(p).unwrap()),
        None => cmd.stdin(Stdio::null()),
    };
    // The child's peak is read from wait4; a spawned child starts as a copy (or a borrower) of
    // this process's memory, whose high-water mark the kernel carries into the child's. Reset
    // this process's mark to its current (small) size first: what is measured is then the
    // child's own peak, or this process's current size if that were larger (an upper bound).
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    unsafe {
        // (freed buffers of earlier inputs go back to the system first)
        libc::malloc_trim(0);
    }
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let t = Instant::now();
    let child = cmd.spawn().unwrap();
    let pid = child.id() as libc::pid_t;
    // a watchdog kills the child past its time (the assertion below then fails)
    let done = Arc::new(AtomicBool::new(false));
    let d2 = done.clone();
    let dog = std::thread::spawn(move || {
        let end = Instant::now() + Duration::from_secs(limit + 5);
        while !d2.load(Ordering::SeqCst) {
            if Instant::now() > end {
                unsafe { libc::kill(pid, libc::SIGKILL) };
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    });
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    done.store(true, Ordering::SeqCst);
    dog.join().unwrap();
    assert_eq!(r, pid, "wait4");
    std::mem::forget(child);
    let secs = t.elapsed().as_secs_f64();
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    Run {
        code,
        rss: usage.ru_maxrss as u64 * 1024,
        secs,
        stdout: std::fs::read_to_string(&out).unwrap_or_default(),
    }
}

fn tempdir() -> PathBuf {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let d = std::env::temp_dir().join(format!(
        "jixiao-bounded-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn zip_deflated(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, body) in entries {
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(body.len() > u32::MAX as usize / 2);
        w.start_file(*name, opts).unwrap();
        w.write_all(body).unwrap();
    }
    w.finish().unwrap().into_inner()
}

const ODS_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:spreadsheet><table:table table:name=\"S\">";
const ODS_TAIL: &str =
    "</table:table></office:spreadsheet></office:body></office:document-content>";

fn ods(content: &[u8]) -> Vec<u8> {
    zip_deflated(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet".as_slice(),
        ),
        ("content.xml", content),
    ])
}

fn xlsx(sheet_rows: &str, shared: &str) -> Vec<u8> {
    let wb = "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
    let rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
    let sheet = format!(
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>{sheet_rows}</sheetData></worksheet>"
    );
    let sst = format!(
        "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">{shared}</sst>"
    );
    zip_deflated(&[
        ("[Content_Types].xml", b"<Types/>".as_slice()),
        ("xl/workbook.xml", wb.as_bytes()),
        ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ("xl/sharedStrings.xml", sst.as_bytes()),
    ])
}

/// A PDF of `pages` pages that all show the same content stream of `line` repeated.
fn pdf_pages(pages: usize, line: &str, lines: usize) -> Vec<u8> {
    let mut content = String::from("BT /F1 8 Tf 20 780 Td 10 TL\n");
    for _ in 0..lines {
        content += &format!("({line}) '\n");
    }
    content += "ET";
    let mut objs: Vec<String> = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".into(),
        String::new(), // pages, below
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>".into(),
    ];
    let first_page = objs.len() + 1;
    let kids: Vec<String> = (0..pages)
        .map(|i| format!("{} 0 R", first_page + i))
        .collect();
    objs[1] = format!(
        "<< /Type /Pages /Kids [{}] /Count {pages} >>",
        kids.join(" ")
    );
    for _ in 0..pages {
        objs.push(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>".into(),
        );
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A hostile input: file name, a generator of its bytes (built only when it is used, so the
/// test process stays small), and what the JSON result must say: an error containing this
/// text, or "" for a normal result.
type Input = (&'static str, fn() -> Vec<u8>, &'static str);

fn inputs() -> Vec<Input> {
    vec![
        // .ods: one row repeated 6,000 times holding one cell repeated 16,384 times
        (
            "repeats.ods",
            || {
                ods(format!(
                "{ODS_HEAD}<table:table-row table:number-rows-repeated=\"6000\"><table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"float\" office:value=\"1\"><text:p>1</text:p></table:table-cell></table:table-row>{ODS_TAIL}"
            ).as_bytes())
            },
            "more than 500000 cells",
        ),
        // .ods: empty space repeated without end is only a position
        (
            "empty-space.ods",
            || {
                ods(format!(
                "{ODS_HEAD}<table:table-row><table:table-cell><text:p>收入</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated=\"1048000\"><table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row>{ODS_TAIL}"
            ).as_bytes())
            },
            "",
        ),
        // .ods: one 100,000-character cell repeated 2,000 times (each cut at 32,767 characters)
        (
            "big-cell.ods",
            || {
                ods(format!(
                "{ODS_HEAD}<table:table-row table:number-rows-repeated=\"2000\"><table:table-cell><text:p>{}</text:p></table:table-cell></table:table-row>{ODS_TAIL}",
                "项".repeat(100_000)
            ).as_bytes())
            },
            "over the limit of 64 MB",
        ),
        // .ods: content.xml holding a 100 MB comment (100 KB packed; the test process stays small, since a spawned child starts with its high-water mark)
        (
            "comment.ods",
            || {
                let mut c = ODS_HEAD.as_bytes().to_vec();
                c.extend_from_slice(b"<!--");
                c.resize(c.len() + 100 * MB as usize, b'x');
                c.extend_from_slice(b"-->");
                c.extend_from_slice(ODS_TAIL.as_bytes());
                ods(&c)
            },
            "over the limit of 67108864 bytes",
        ),
        // .xlsx: one 1 MB shared string used by 200 cells
        (
            "shared.xlsx",
            || {
                let rows: String = (1..=200)
                    .map(|r| format!("<row r=\"{r}\"><c r=\"A{r}\" t=\"s\"><v>0</v></c></row>"))
                    .collect();
                // (varied characters, so the entry packs like text, not like a zip bomb)
                let mut x = 12345u32;
                let big: String = (0..MB / 3)
                    .map(|_| {
                        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                        char::from_u32(0x4E00 + (x >> 16) % 2000).unwrap()
                    })
                    .collect();
                xlsx(&rows, &format!("<si><t>{big}</t></si>"))
            },
            "",
        ),
        // .xlsx: one cell at column XFD in each of 20,000 rows
        (
            "far-column.xlsx",
            || {
                let rows: String = (1..=20_000)
                    .map(|r| format!("<row r=\"{r}\"><c r=\"XFD{r}\"><v>{r}</v></c></row>"))
                    .collect();
                xlsx(&rows, "")
            },
            "",
        ),
        // .xls: two cells at far corners of each of 20 sheets (calamine would build them dense)
        ("corners.xls", corners_xls, "more than 4000000 cells"),
        // plain text inside the 64 MiB limit
        (
            "spaces.txt",
            || {
                format!("{}1\n", "1  ".repeat(6600))
                    .repeat(3000)
                    .into_bytes()
            },
            "",
        ),
        (
            "tabs.txt",
            || {
                format!("{}1\n", "\t".repeat(20_000))
                    .repeat(3000)
                    .into_bytes()
            },
            "",
        ),
        // 50,000 suppression markers, each before a sentence
        (
            "markers.md",
            || {
                "<!-- jixiao-lint: ignore change-rate -->\n会议费当年开支 1.99 万元，比上年 1.42 万元减少 0.57 万元。\n\n"
                .repeat(50_000)
                .into_bytes()
            },
            "",
        ),
    ]
}

/// An .xls (a compound file with a Workbook stream) whose 20 sheets each hold a cell at A1 and
/// one at IV65536.
fn corners_xls() -> Vec<u8> {
    let rec = |kind: u16, data: &[u8]| {
        let mut v = kind.to_le_bytes().to_vec();
        v.extend_from_slice(&(data.len() as u16).to_le_bytes());
        v.extend_from_slice(data);
        v
    };
    let number = |row: u16, col: u16| {
        let mut d = row.to_le_bytes().to_vec();
        d.extend_from_slice(&col.to_le_bytes());
        d.extend_from_slice(&[0, 0]);
        d.extend_from_slice(&1f64.to_le_bytes());
        rec(0x0203, &d)
    };
    let mut stream = rec(0x0809, &[0; 16]);
    stream.extend(rec(0x000A, &[]));
    for _ in 0..20 {
        stream.extend(rec(0x0809, &[0; 16]));
        stream.extend(number(0, 0));
        stream.extend(number(65_535, 255));
        stream.extend(rec(0x000A, &[]));
    }
    let mut cf = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    cf.create_stream("/Workbook")
        .unwrap()
        .write_all(&stream)
        .unwrap();
    cf.flush().unwrap();
    cf.into_inner().into_inner()
}

fn json_files(stdout: &str) -> Vec<serde_json::Value> {
    let v: serde_json::Value = serde_json::from_str(stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", &stdout[..stdout.len().min(300)]));
    v["files"].as_array().cloned().unwrap_or_default()
}

fn check_one(dir: &Path, name: &str, bytes: Vec<u8>, want: &str, secs: f64) -> Run {
    let path = dir.join(name);
    std::fs::write(&path, &bytes).unwrap();
    let size = bytes.len();
    drop(bytes);
    let p = path.to_str().unwrap();
    let r = run(&["check", "--format", "json", p], None, secs as u64);
    let files = json_files(&r.stdout);
    assert_eq!(files.len(), 1, "{name}");
    let err = files[0]["error"].as_str().unwrap_or("");
    if want.is_empty() {
        assert!(err.is_empty(), "{name}: unexpected error {err}");
    } else {
        assert!(err.contains(want), "{name}: error {err:?}, wanted {want:?}");
    }
    assert!(
        r.rss < MAX_RSS,
        "{name}: peak memory {} MB (limit {} MB)",
        r.rss / MB,
        MAX_RSS / MB
    );
    assert!(r.secs < secs, "{name}: {:.1} s (limit {secs} s)", r.secs);
    eprintln!(
        "{name}: {} bytes, {:.2} s, {} MB, exit {}",
        size,
        r.secs,
        r.rss / MB,
        r.code
    );
    std::fs::remove_file(&path).unwrap();
    r
}

#[test]
#[cfg_attr(debug_assertions, ignore = "release build only")]
fn every_hostile_input_within_time_and_memory() {
    let _one = serial();
    let dir = tempdir();
    for (name, make, want) in inputs() {
        check_one(&dir, name, make(), want, 15.0);
    }
}

#[test]
#[cfg_attr(debug_assertions, ignore = "release build only")]
fn a_pdf_with_more_text_than_the_limit() {
    let _one = serial();
    if Command::new("pdftotext").arg("-v").output().is_err() {
        // CI installs poppler-utils; without it the PDF is a clear "needs pdftotext" error
        let dir = tempdir();
        check_one(&dir, "x.pdf", pdf_pages(1, "x", 1), "pdftotext", 15.0);
        return;
    }
    let dir = tempdir();
    // 10,000 pages sharing one content stream of 70 lines of 100 characters: 70 MB of text
    let pdf = pdf_pages(10_000, &"8".repeat(100), 70);
    check_one(&dir, "wordy.pdf", pdf, "over the limit of 64 MB", 40.0);
}

#[test]
#[cfg_attr(debug_assertions, ignore = "release build only")]
fn special_files_and_standard_input() {
    let _one = serial();
    // a device on the command line is refused, not read without end
    let r = run(&["check", "--format", "json", "/dev/zero"], None, 5);
    let files = json_files(&r.stdout);
    let err = files[0]["error"].as_str().unwrap_or("");
    assert!(err.contains("not a regular file"), "{err}");
    assert!(
        r.secs < 5.0 && r.rss < 64 * MB,
        "{:.1} s {} MB",
        r.secs,
        r.rss / MB
    );
    // a FIFO with no writer does not block
    let dir = tempdir();
    let fifo = dir.join("pipe.txt");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let r = run(
        &["check", "--format", "json", fifo.to_str().unwrap()],
        None,
        5,
    );
    let err = json_files(&r.stdout)[0]["error"]
        .as_str()
        .unwrap_or("")
        .to_string();
    assert!(err.contains("not a regular file"), "{err}");
    assert!(r.secs < 5.0);
    // standard input over the limit is an error, not a silent cut
    let big = dir.join("big.txt");
    std::fs::write(&big, "收入1万元。\n".repeat(5_000_000)).unwrap();
    let r = run(&["check", "--format", "json", "-"], Some(&big), 10);
    let err = json_files(&r.stdout)[0]["error"]
        .as_str()
        .unwrap_or("")
        .to_string();
    assert!(err.contains("over the limit"), "{err}");
    assert!(r.rss < 256 * MB, "{} MB", r.rss / MB);
}

#[test]
#[cfg_attr(debug_assertions, ignore = "release build only")]
fn the_batch_around_hostile_inputs_completes() {
    let _one = serial();
    // every hostile input and the seed in one run: the seed's findings are all there, each
    // hostile input has its own result, and the whole run stays under the ceiling
    let dir = tempdir();
    let mut names = Vec::new();
    for (name, make, _) in inputs() {
        std::fs::write(dir.join(name), make()).unwrap();
        names.push(name);
    }
    // (the inputs are on disk and their buffers freed before the child starts)
    std::fs::write(dir.join("seed.txt"), common::SEED_003).unwrap();
    let r = run(
        &["check", "--format", "json", dir.to_str().unwrap()],
        None,
        60,
    );
    let files = json_files(&r.stdout);
    assert_eq!(files.len(), names.len() + 1);
    let seed = files
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("seed.txt"))
        .unwrap();
    assert_eq!(seed["diagnostics"].as_array().unwrap().len(), 3);
    assert!(
        r.rss < MAX_RSS,
        "batch peak memory {} MB (limit {} MB)",
        r.rss / MB,
        MAX_RSS / MB
    );
    assert_eq!(r.code, 1, "findings in the seed: exit 1");
}
