//! The review server over real HTTP on loopback: results, limits, bad uploads, isolation of
//! concurrent requests, and the Host check.

mod common;

use common::{SEED_000, SEED_003};
use jixiao_lint::serve::{ServeConfig, Server};
use serde_json::Value;
use std::io::Write;

fn start(max_file: u64, max_request: u64) -> String {
    let server = Server::bind(ServeConfig {
        port: 0,
        max_file_bytes: max_file,
        max_request_bytes: max_request,
        threads: 4,
        ..Default::default()
    })
    .expect("bind");
    let url = server.url();
    std::thread::spawn(move || server.run());
    url
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(std::time::Duration::from_secs(60)))
        .build()
        .into()
}

fn multipart(files: &[(&str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "----jixiaoTestBoundary7MA4YWxk";
    let mut b = Vec::new();
    for (name, data) in files {
        write!(
            b,
            "--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .unwrap();
        b.extend_from_slice(data);
        b.extend_from_slice(b"\r\n");
    }
    write!(b, "--{boundary}--\r\n").unwrap();
    (format!("multipart/form-data; boundary={boundary}"), b)
}

fn post(url: &str, files: &[(&str, &[u8])]) -> (u16, Value) {
    post_to(&format!("{url}api/check"), files)
}

fn post_to(endpoint: &str, files: &[(&str, &[u8])]) -> (u16, Value) {
    let (ct, body) = multipart(files);
    let mut r = agent()
        .post(endpoint)
        .header("Content-Type", &ct)
        .send(&body[..])
        .expect("request");
    let status = r.status().as_u16();
    let text = r
        .body_mut()
        .with_config()
        .limit(100 << 20)
        .read_to_string()
        .unwrap();
    (status, serde_json::from_str(&text).expect("json answer"))
}

#[test]
fn seed_upload_returns_the_report_and_the_json_of_check() {
    let url = start(20 << 20, 100 << 20);
    let (status, v) = post(&url, &[("003 自评报告.txt", SEED_003.as_bytes())]);
    assert_eq!(status, 200);
    assert_eq!(v["ok"], true);
    assert_eq!(v["summary"]["errors"], 1);
    assert_eq!(v["summary"]["warnings"], 2);
    let diags = v["json"]["files"][0]["diagnostics"].as_array().unwrap();
    let cli = jixiao_lint::lint::lint_text("x", SEED_003, &Default::default());
    assert_eq!(diags.len(), cli.diagnostics.len());
    assert_eq!(v["json"]["files"][0]["path"], "003 自评报告.txt");
    let html = v["html"].as_str().unwrap();
    assert!(html.contains("JX105"), "report names the rule");
    assert!(
        html.contains("<mark class=\"hl p error\""),
        "finding highlighted"
    );
    assert!(
        html.contains("class=\"total\">98<"),
        "总分 read from the table"
    );
}

#[test]
fn the_page_is_served_in_chinese_and_english() {
    let url = start(20 << 20, 100 << 20);
    let mut r = agent().get(&url).call().unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let csp = r
        .headers()
        .get("content-security-policy")
        .and_then(|h| h.to_str().ok())
        .unwrap_or("")
        .to_string();
    assert!(csp.contains("default-src 'none'"), "{csp}");
    let page = r.body_mut().read_to_string().unwrap();
    assert!(page.contains("绩效自评报告检查"));
    assert!(page.contains("下载检查结果（HTML）"));
    let en = agent()
        .get(format!("{url}?lang=en"))
        .call()
        .unwrap()
        .body_mut()
        .read_to_string()
        .unwrap();
    assert!(en.contains("Download the report (HTML)"));
    let (_, v) = post_to(
        &format!("{url}api/check?lang=en"),
        &[("a.txt", SEED_003.as_bytes())],
    );
    assert_eq!(v["ok"], true);
    let html = v["html"].as_str().unwrap();
    assert!(html.contains("<html lang=\"en\">") && html.contains("Findings"));
    let (_, v) = post_to(&format!("{url}api/check?lang=en"), &[]);
    assert_eq!(
        v["error"],
        "no file received; choose the report files to check"
    );
}

#[test]
fn bad_uploads_get_clear_messages_and_the_server_keeps_serving() {
    let url = start(1 << 20, 8 << 20);
    // binary noise (a fixed pseudo-random sequence)
    let mut x: u32 = 0x1234_5678;
    let noise: Vec<u8> = (0..64 * 1024)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 24) as u8
        })
        .collect();
    // a zip bomb dressed as .docx
    let bomb = common::zip_bomb_docx();
    assert!(
        bomb.len() < 1 << 20,
        "the bomb itself is under the file limit"
    );
    let oversized = vec![b'a'; (1 << 20) + 10];
    let (status, v) = post(
        &url,
        &[
            ("noise.bin", &noise),
            ("bomb.docx", &bomb),
            ("big.txt", &oversized),
            ("003.txt", SEED_003.as_bytes()),
        ],
    );
    assert_eq!(status, 200);
    let files = v["files"].as_array().unwrap();
    let err = |i: usize| files[i]["error"].as_str().unwrap_or("").to_string();
    assert!(err(0).contains("无法识别文件内容"), "{}", err(0));
    assert!(err(1).contains("压缩炸弹"), "{}", err(1));
    assert!(err(2).contains("超过了 1 MB 的上限"), "{}", err(2));
    assert!(files[3]["error"].is_null());
    assert_eq!(files[3]["findings"], 3, "the good file is still checked");
    assert_eq!(v["summary"]["unreadable"], 3);
    let html = v["html"].as_str().unwrap();
    assert_eq!(
        html.matches("class=\"unreadable\" role=\"alert\"").count(),
        3
    );

    // the whole request over the limit: 413 with a message, body drained
    let huge = vec![b'b'; 9 << 20];
    let (status, v) = post(&url, &[("huge.txt", &huge)]);
    assert_eq!(status, 413);
    assert!(
        v["error"]
            .as_str()
            .unwrap()
            .contains("超过了一次上传 8 MB 的上限"),
        "{v}"
    );
    // not multipart, no files, damaged body
    let r = agent()
        .post(format!("{url}api/check"))
        .header("Content-Type", "text/plain")
        .send("hello")
        .unwrap();
    assert_eq!(r.status().as_u16(), 415);
    let (status, v) = post(&url, &[]);
    assert_eq!(status, 400);
    assert!(v["error"].as_str().unwrap().contains("没有收到文件"));
    let mut r = agent()
        .post(format!("{url}api/check"))
        .header("Content-Type", "multipart/form-data; boundary=zz")
        .send("--zz\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a\"\r\n\r\ncut")
        .unwrap();
    assert_eq!(r.status().as_u16(), 400);
    assert!(r.body_mut().read_to_string().unwrap().contains("不完整"));
    // and it still serves
    let (status, v) = post(&url, &[("000.txt", SEED_000.as_bytes())]);
    assert_eq!(status, 200);
    assert_eq!(v["ok"], true);
}

#[test]
fn concurrent_uploads_do_not_mix() {
    let url = start(20 << 20, 100 << 20);
    let variants: Vec<(String, String)> = (0..12)
        .map(|i| {
            let (base, text) = if i % 2 == 0 {
                ("000", SEED_000.to_string())
            } else {
                ("003", SEED_003.to_string())
            };
            // every third upload carries an extra slip of its own
            let text = if i % 3 == 0 {
                text.replacen("减少", "增加", 1)
            } else {
                text
            };
            (format!("{base}-{i}.txt"), text)
        })
        .collect();
    let expected: Vec<usize> = variants
        .iter()
        .map(|(n, t)| {
            jixiao_lint::lint::lint_text(n, t, &Default::default())
                .diagnostics
                .len()
        })
        .collect();
    let handles: Vec<_> = variants
        .iter()
        .cloned()
        .map(|(n, t)| {
            let url = url.clone();
            std::thread::spawn(move || post(&url, &[(&n, t.as_bytes())]))
        })
        .collect();
    for ((h, (name, _)), want) in handles.into_iter().zip(&variants).zip(&expected) {
        let (status, v) = h.join().unwrap();
        assert_eq!(status, 200);
        let files = v["json"]["files"].as_array().unwrap();
        assert_eq!(files.len(), 1, "only this request's file");
        assert_eq!(files[0]["path"], name.as_str());
        assert_eq!(
            files[0]["diagnostics"].as_array().unwrap().len(),
            *want,
            "{name}"
        );
        let html = v["html"].as_str().unwrap();
        assert!(html.contains(name.as_str()));
        for (other, _) in &variants {
            if other != name {
                assert!(
                    !html.contains(other.as_str()),
                    "{name} report mentions {other}"
                );
            }
        }
    }
}

#[test]
fn foreign_hosts_and_origins_are_refused() {
    let url = start(20 << 20, 100 << 20);
    let addr = url.trim_start_matches("http://").trim_end_matches('/');
    let raw = |req: String| -> String {
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        s.write_all(req.as_bytes()).unwrap();
        let mut out = String::new();
        std::io::Read::read_to_string(&mut s, &mut out).unwrap();
        out
    };
    let r = raw("GET / HTTP/1.1\r\nHost: attacker.example:80\r\nConnection: close\r\n\r\n".into());
    assert!(r.starts_with("HTTP/1.1 403"), "{r}");
    let r = raw(format!(
        "GET / HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://attacker.example\r\nConnection: close\r\n\r\n"
    ));
    assert!(r.starts_with("HTTP/1.1 403"), "{r}");
    let r = raw(format!(
        "GET / HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    ));
    assert!(r.starts_with("HTTP/1.1 200"), "{r}");
    let r = raw(format!(
        "DELETE /api/check HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    ));
    assert!(r.starts_with("HTTP/1.1 405"), "{r}");
    // a POST from another site (sandboxed frame, data: URL) is refused
    let r = raw(format!(
        "POST /api/check HTTP/1.1\r\nHost: {addr}\r\nOrigin: null\r\nContent-Type: multipart/form-data; boundary=z\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    ));
    assert!(r.starts_with("HTTP/1.1 403"), "{r}");
    let r = raw(format!(
        "POST /api/check HTTP/1.1\r\nHost: {addr}\r\nSec-Fetch-Site: cross-site\r\nContent-Type: multipart/form-data; boundary=z\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    ));
    assert!(r.starts_with("HTTP/1.1 403"), "{r}");
}

#[test]
fn absurd_lengths_and_stalled_clients_do_not_stop_the_server() {
    let url = start(1 << 20, 2 << 20);
    let addr = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    // a declared petabyte, then the connection closes: no allocation of that size, no abort
    for path in ["/healthz", "/api/check"] {
        let mut s = std::net::TcpStream::connect(&addr).unwrap();
        let _ = write!(
            s,
            "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: multipart/form-data; boundary=z\r\nContent-Length: 1000000000000000\r\n\r\nabc"
        );
        drop(s);
    }
    // over the limit with Expect: 100-continue: refused at once, no 100 Continue
    let mut s = std::net::TcpStream::connect(&addr).unwrap();
    write!(
        s,
        "POST /api/check HTTP/1.1\r\nHost: {addr}\r\nContent-Type: multipart/form-data; boundary=z\r\nContent-Length: 5000000\r\nExpect: 100-continue\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    std::io::Read::read_to_string(&mut s, &mut out).unwrap();
    assert!(out.starts_with("HTTP/1.1 413"), "{out}");
    // a client that sends half a head and stalls holds one worker, not the server
    let _stalled: Vec<_> = (0..2)
        .map(|_| {
            let mut s = std::net::TcpStream::connect(&addr).unwrap();
            let _ = s.write_all(b"POST /api/check HTTP/1.1\r\nHost: x");
            s
        })
        .collect();
    let (status, v) = post(&url, &[("003.txt", SEED_003.as_bytes())]);
    assert_eq!(status, 200);
    assert_eq!(v["summary"]["errors"], 1);
    // a head over 16 KiB
    let mut s = std::net::TcpStream::connect(&addr).unwrap();
    let _ = write!(
        s,
        "GET / HTTP/1.1\r\nHost: {addr}\r\nX-Big: {}\r\n\r\n",
        "a".repeat(20_000)
    );
    let mut out = String::new();
    let _ = std::io::Read::read_to_string(&mut s, &mut out);
    assert!(out.starts_with("HTTP/1.1 431"), "{out}");
}
