//! The review server under load on loopback (bounded in count and time): stalled and slow
//! clients, many uploads at once, deadlines (408), the connection cap, duplicate `Host`, and
//! memory after bomb uploads (release build, the server in a child process).

mod common;

use common::SEED_003;
use jixiao_lint::serve::{ServeConfig, Server};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

fn start(cfg: ServeConfig) -> String {
    let server = Server::bind(ServeConfig { port: 0, ..cfg }).expect("bind");
    let addr = server.addr().to_string();
    std::thread::spawn(move || server.run());
    addr
}

fn multipart(name: &str, data: &[u8]) -> (String, Vec<u8>) {
    let boundary = "----loadTestBoundary";
    let mut b = Vec::new();
    write!(
        b,
        "--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .unwrap();
    b.extend_from_slice(data);
    write!(b, "\r\n--{boundary}--\r\n").unwrap();
    (format!("multipart/form-data; boundary={boundary}"), b)
}

/// One raw request; the whole answer (the server closes every connection).
fn raw(addr: &str, head: &str, body: &[u8]) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

fn upload(addr: &str, name: &str, data: &[u8]) -> String {
    let (ct, body) = multipart(name, data);
    raw(
        addr,
        &format!(
            "POST /api/check HTTP/1.1\r\nHost: {addr}\r\nContent-Type: {ct}\r\nContent-Length: {}\r\n\r\n",
            body.len()
        ),
        &body,
    )
}

fn get(addr: &str, path: &str) -> String {
    raw(
        addr,
        &format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n"),
        b"",
    )
}

/// A connection that sent half a head and waits.
fn stalled_head(addr: &str) -> TcpStream {
    let mut s = TcpStream::connect(addr).unwrap();
    s.write_all(b"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        .unwrap();
    s
}

/// A connection that sent its head and ten bytes of a 100,000-byte body, and waits.
fn stalled_body(addr: &str) -> TcpStream {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "POST /api/check HTTP/1.1\r\nHost: {addr}\r\nContent-Type: multipart/form-data; boundary=z\r\nContent-Length: 100000\r\n\r\n0123456789"
    )
    .unwrap();
    s
}

fn answer(mut s: TcpStream) -> String {
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn a_normal_request_is_answered_within_a_second_under_load() {
    let addr = start(ServeConfig {
        threads: 2,
        head_seconds: 4,
        request_seconds: 6,
        ..Default::default()
    });
    // 100 stalled connections: half stopped in their head, half in their body
    let stalled: Vec<TcpStream> = (0..100)
        .map(|i| {
            if i % 2 == 0 {
                stalled_head(&addr)
            } else {
                stalled_body(&addr)
            }
        })
        .collect();
    std::thread::sleep(Duration::from_millis(200));
    // 50 uploads at once
    let uploads: Vec<_> = (0..50)
        .map(|i| {
            let addr = addr.clone();
            std::thread::spawn(move || upload(&addr, &format!("u{i}.txt"), SEED_003.as_bytes()))
        })
        .collect();
    // meanwhile a person opens the page and checks a report
    let t = Instant::now();
    let page = get(&addr, "/");
    let page_time = t.elapsed();
    assert!(
        page.starts_with("HTTP/1.1 200"),
        "{}",
        &page[..page.len().min(200)]
    );
    assert!(
        page_time < Duration::from_secs(1),
        "page took {page_time:?}"
    );
    let t = Instant::now();
    let health = get(&addr, "/healthz");
    assert!(health.starts_with("HTTP/1.1 200"));
    assert!(t.elapsed() < Duration::from_secs(1), "{:?}", t.elapsed());
    let t = Instant::now();
    let mine = upload(&addr, "mine.txt", SEED_003.as_bytes());
    let upload_time = t.elapsed();
    assert!(
        mine.starts_with("HTTP/1.1 200"),
        "{}",
        &mine[..mine.len().min(300)]
    );
    assert!(mine.contains("\"errors\":1"));
    // (the upload waits behind the 50 in the two lint slots: in a release build that is
    // milliseconds, in a debug build the linting itself is slower)
    let limit = if cfg!(debug_assertions) { 10 } else { 1 };
    assert!(
        upload_time < Duration::from_secs(limit),
        "upload took {upload_time:?}"
    );
    for u in uploads {
        let r = u.join().unwrap();
        assert!(r.starts_with("HTTP/1.1 200"), "{}", &r[..r.len().min(300)]);
        assert!(
            r.contains("\"errors\":1"),
            "each upload gets its own result"
        );
    }
    // the stalled ones are answered 408 at their deadline, and closed
    let t = Instant::now();
    let answers: Vec<String> = stalled.into_iter().map(answer).collect();
    assert!(t.elapsed() < Duration::from_secs(10), "{:?}", t.elapsed());
    for (i, a) in answers.iter().enumerate() {
        assert!(a.starts_with("HTTP/1.1 408"), "stalled {i}: {a:?}");
    }
    assert!(
        answers[0].contains("10 秒") || answers[0].contains("秒内"),
        "{}",
        answers[0]
    );
}

#[test]
fn the_connection_cap_closes_extra_connections_and_recovers() {
    let addr = start(ServeConfig {
        max_connections: 20,
        head_seconds: 2,
        ..Default::default()
    });
    let idle: Vec<TcpStream> = (0..20).map(|_| stalled_head(&addr)).collect();
    std::thread::sleep(Duration::from_millis(200));
    // the 21st is closed on arrival (no answer, no wait)
    let t = Instant::now();
    let extra = get(&addr, "/healthz");
    assert_eq!(extra, "", "over the cap: closed");
    assert!(t.elapsed() < Duration::from_secs(1));
    // the idle ones reach their head deadline; then the server answers again
    for s in idle {
        assert!(answer(s).starts_with("HTTP/1.1 408"));
    }
    std::thread::sleep(Duration::from_millis(100));
    assert!(get(&addr, "/healthz").starts_with("HTTP/1.1 200"));
}

#[test]
fn a_slow_body_gets_408_and_duplicate_hosts_400() {
    let addr = start(ServeConfig {
        request_seconds: 2,
        lang: jixiao_lint::Lang::En,
        ..Default::default()
    });
    let t = Instant::now();
    let a = answer(stalled_body(&addr));
    assert!(a.starts_with("HTTP/1.1 408"), "{a}");
    assert!(a.contains("within 2 s"), "{a}");
    assert!(t.elapsed() >= Duration::from_millis(1500) && t.elapsed() < Duration::from_secs(5));
    // two Host headers (a proxy and the client disagreeing): refused, whichever comes first
    for hosts in [
        format!("Host: {addr}\r\nHost: evil.example"),
        format!("Host: evil.example\r\nHost: {addr}"),
        format!("Host: {addr}\r\nHost: {addr}"),
    ] {
        let r = raw(&addr, &format!("GET / HTTP/1.1\r\n{hosts}\r\n\r\n"), b"");
        assert!(r.starts_with("HTTP/1.1 400"), "{r}");
    }
    let r = raw(&addr, "GET / HTTP/1.1\r\n\r\n", b"");
    assert!(r.starts_with("HTTP/1.1 400"), "no Host: {r}");
    // two Content-Length headers are not an upload
    let r = raw(
        &addr,
        &format!(
            "POST /api/check HTTP/1.1\r\nHost: {addr}\r\nContent-Type: multipart/form-data; boundary=z\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc"
        ),
        b"",
    );
    assert!(
        r.starts_with("HTTP/1.1 400") || r.starts_with("HTTP/1.1 411"),
        "{r}"
    );
}

/// Resident memory of a process, from /proc (Linux).
fn rss_mb(pid: u32) -> u64 {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    s.lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
        .unwrap_or(0)
        / 1024
}

#[test]
#[cfg(target_os = "linux")]
#[cfg_attr(debug_assertions, ignore = "release build only")]
fn bomb_uploads_leave_the_server_up_and_its_memory_at_baseline() {
    use std::io::BufRead;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao-lint"))
        .args(["serve", "--port", "0", "--lang", "en"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let stderr = child.stderr.take().unwrap();
    // the server is stopped however the test ends
    struct Kill(std::process::Child);
    impl Drop for Kill {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let _guard = Kill(child);
    let mut line = String::new();
    std::io::BufReader::new(stderr)
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .expect("the server prints its address")
        .to_string();
    // baseline: after one ordinary upload
    assert!(upload(&addr, "seed.txt", SEED_003.as_bytes()).starts_with("HTTP/1.1 200"));
    std::thread::sleep(Duration::from_millis(300));
    let base = rss_mb(pid);
    let ods_repeats = String::from(
        "<office:document-content xmlns:office=\"o\" xmlns:table=\"t\" xmlns:text=\"x\"><office:body><office:spreadsheet><table:table table:name=\"S\"><table:table-row table:number-rows-repeated=\"6000\"><table:table-cell table:number-columns-repeated=\"16384\"><text:p>1</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>",
    );
    let bombs: Vec<(&str, Vec<u8>)> = vec![
        ("bomb.docx", common::zip_bomb_docx()),
        (
            "repeats.ods",
            common::zip(&[
                (
                    "mimetype",
                    "application/vnd.oasis.opendocument.spreadsheet".into(),
                ),
                ("content.xml", ods_repeats),
            ]),
        ),
        (
            "tabs.txt",
            format!("{}1\n", "\t".repeat(20_000))
                .repeat(950)
                .into_bytes(),
        ),
        (
            "spaces.txt",
            format!("{}1\n", "1  ".repeat(6600))
                .repeat(950)
                .into_bytes(),
        ),
    ];
    let mut peak = 0;
    for (name, data) in &bombs {
        let r = upload(&addr, name, data);
        assert!(
            r.starts_with("HTTP/1.1 200"),
            "{name}: {}",
            &r[..r.len().min(300)]
        );
        std::thread::sleep(Duration::from_millis(500));
        let now = rss_mb(pid);
        peak = peak.max(now);
        eprintln!("after {name}: {now} MB (baseline {base} MB)");
        assert!(
            now <= base + 32,
            "{name}: {now} MB resident after the request, baseline {base} MB"
        );
    }
    // still serving
    assert!(upload(&addr, "seed.txt", SEED_003.as_bytes()).contains("\"errors\":1"));
}
