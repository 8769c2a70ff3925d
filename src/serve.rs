//! `jixiao-lint serve`: a local review page.
//!
//! The HTTP layer is our own and small: one request per connection, a 16 KiB head, a declared
//! `Content-Length`, 30 s I/O timeouts, fixed-size buffers when an oversized body is drained.
//!
//! A person drops or chooses report files; the page posts them (multipart/form-data) to
//! `POST /api/check`, which lints them in memory and answers with the HTML report and the JSON
//! of `check --format json`. Nothing is stored on the server: every request carries its own
//! files and gets its own answer, so concurrent uploads cannot mix. The server listens on a
//! loopback address only and refuses requests whose `Host` is not that address (a page on the
//! web cannot reach it through DNS rebinding).

use crate::diagnostic::Lang;
use crate::lint::{self, FileResult, Options};
use crate::render;
use std::io::{BufRead, Read, Write};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

/// Settings of the review server.
#[derive(Clone, Debug)]
pub struct ServeConfig {
    /// Loopback address to listen on.
    pub host: IpAddr,
    /// Port (0 picks a free one).
    pub port: u16,
    /// Largest accepted file, in bytes.
    pub max_file_bytes: u64,
    /// Largest accepted request (all files together), in bytes.
    pub max_request_bytes: u64,
    /// Most files in one upload.
    pub max_files: usize,
    /// Worker threads answering requests.
    pub threads: usize,
    /// Page and message language.
    pub lang: Lang,
    /// Lint options.
    pub options: Options,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            host: IpAddr::from([127, 0, 0, 1]),
            port: 8080,
            max_file_bytes: 20 * 1024 * 1024,
            max_request_bytes: 100 * 1024 * 1024,
            max_files: 50,
            threads: std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 8)),
            lang: Lang::Zh,
            options: Options::default(),
        }
    }
}

/// A bound review server.
pub struct Server {
    listener: std::net::TcpListener,
    addr: SocketAddr,
    cfg: Arc<ServeConfig>,
}

/// Bodies larger than the limit are read and dropped up to this size (with a fixed buffer), so
/// the browser receives the answer instead of a reset connection; beyond it the connection is
/// closed.
const DRAIN_LIMIT: u64 = 512 * 1024 * 1024;
/// Longest request head (request line and headers).
const MAX_HEAD_BYTES: usize = 16 * 1024;
/// A connection that sends or accepts nothing for this long is dropped.
const IO_TIMEOUT: Duration = Duration::from_secs(30);

impl Server {
    /// Bind the address. Only loopback addresses are accepted.
    pub fn bind(cfg: ServeConfig) -> Result<Server, String> {
        if !cfg.host.is_loopback() {
            return Err(format!(
                "{} is not a loopback address: the review page serves this computer only (use 127.0.0.1 or ::1)",
                cfg.host
            ));
        }
        let listener = std::net::TcpListener::bind(SocketAddr::new(cfg.host, cfg.port))
            .map_err(|e| format!("cannot listen on {}:{}: {e}", cfg.host, cfg.port))?;
        let addr = listener
            .local_addr()
            .map_err(|e| format!("the server has no address: {e}"))?;
        Ok(Server {
            listener,
            addr,
            cfg: Arc::new(cfg),
        })
    }

    /// The address actually bound (with the port chosen when 0 was asked).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The page's address.
    pub fn url(&self) -> String {
        match self.addr.ip() {
            IpAddr::V6(ip) => format!("http://[{ip}]:{}/", self.addr.port()),
            IpAddr::V4(ip) => format!("http://{ip}:{}/", self.addr.port()),
        }
    }

    /// Answer requests until the process ends: each worker accepts a connection, reads one
    /// request, answers it and closes the connection.
    pub fn run(self) {
        let listener = Arc::new(self.listener);
        let workers: Vec<_> = (0..self.cfg.threads.max(1))
            .map(|_| {
                let listener = Arc::clone(&listener);
                let cfg = Arc::clone(&self.cfg);
                let addr = self.addr;
                std::thread::spawn(move || {
                    loop {
                        let Ok((stream, _)) = listener.accept() else {
                            std::thread::sleep(Duration::from_millis(50));
                            continue;
                        };
                        // a panic in one request must not take the worker down
                        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                            serve_connection(stream, &cfg, addr)
                        }));
                        if r.is_err() {
                            eprintln!(
                                "jixiao-lint serve: internal error while answering a request"
                            );
                        }
                    }
                })
            })
            .collect();
        for w in workers {
            let _ = w.join();
        }
    }
}

/// One HTTP request: its head parsed, its body still on the connection.
struct Request {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    conn: std::io::BufReader<std::net::TcpStream>,
}

/// One response; every response closes its connection.
struct Resp {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Resp {
    fn new(status: u16, content_type: &str, body: Vec<u8>) -> Resp {
        Resp {
            status,
            headers: vec![
                ("Content-Type", content_type.to_string()),
                ("X-Content-Type-Options", "nosniff".into()),
                ("Cache-Control", "no-store".into()),
                ("Referrer-Policy", "no-referrer".into()),
                ("X-Frame-Options", "SAMEORIGIN".into()),
            ],
            body,
        }
    }
    fn with_header(mut self, name: &'static str, value: &str) -> Resp {
        self.headers.push((name, value.to_string()));
        self
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        411 => "Length Required",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        431 => "Request Header Fields Too Large",
        _ => "Error",
    }
}

fn write_response(stream: &mut std::net::TcpStream, r: &Resp, head_only: bool) {
    let mut head = format!("HTTP/1.1 {} {}\r\n", r.status, reason(r.status));
    for (k, v) in &r.headers {
        // values are ours; a line break would split the header block
        let v: String = v.chars().filter(|c| !c.is_control()).collect();
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        r.body.len()
    ));
    let _ = stream.write_all(head.as_bytes());
    if !head_only {
        let _ = stream.write_all(&r.body);
    }
    let _ = stream.flush();
}

/// Method, target and headers (names lower-cased) of a request.
type Head = (String, String, Vec<(String, String)>);

/// Read the request head: at most [`MAX_HEAD_BYTES`], with the I/O timeout.
fn read_head(conn: &mut std::io::BufReader<std::net::TcpStream>) -> Result<Head, u16> {
    let mut head = Vec::new();
    loop {
        let mut line = Vec::new();
        let n = (&mut *conn)
            .take((MAX_HEAD_BYTES - head.len().min(MAX_HEAD_BYTES)) as u64 + 1)
            .read_until(b'\n', &mut line)
            .map_err(|_| 400u16)?;
        if n == 0 {
            return Err(400);
        }
        if head.len() + line.len() > MAX_HEAD_BYTES {
            return Err(431);
        }
        let blank = line == b"\r\n" || line == b"\n";
        head.extend_from_slice(&line);
        if blank {
            break;
        }
    }
    let text = String::from_utf8_lossy(&head);
    let mut lines = text.lines();
    let first = lines.next().ok_or(400u16)?;
    let mut parts = first.split(' ');
    let (Some(method), Some(target), Some(version)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(400);
    };
    if !version.starts_with("HTTP/1.") || method.is_empty() || !target.starts_with('/') {
        return Err(400);
    }
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Ok((method.to_string(), target.to_string(), headers))
}

fn serve_connection(stream: std::net::TcpStream, cfg: &ServeConfig, addr: SocketAddr) {
    let _ = stream.set_read_timeout(Some(IO_TIMEOUT));
    let _ = stream.set_write_timeout(Some(IO_TIMEOUT));
    let Ok(mut out) = stream.try_clone() else {
        return;
    };
    let mut conn = std::io::BufReader::with_capacity(64 * 1024, stream);
    match read_head(&mut conn) {
        Ok((method, target, headers)) => {
            let mut req = Request {
                method,
                target,
                headers,
                conn,
            };
            let head_only = req.method == "HEAD";
            let resp = handle(&mut req, cfg, addr);
            write_response(&mut out, &resp, head_only);
        }
        Err(status) => {
            let r = error_json(status, format!("malformed request ({})", reason(status)));
            write_response(&mut out, &r, false);
        }
    }
    let _ = out.shutdown(std::net::Shutdown::Write);
}

fn json_response(status: u16, v: &serde_json::Value) -> Resp {
    Resp::new(
        status,
        "application/json; charset=utf-8",
        serde_json::to_vec(v).unwrap_or_default(),
    )
}

fn error_json(status: u16, message: String) -> Resp {
    json_response(status, &serde_json::json!({"ok": false, "error": message}))
}

fn header_value<'a>(req: &'a Request, name: &str) -> Option<&'a str> {
    req.headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// `Host` (and `Origin`, when sent) must name this server: refuses DNS-rebinding pages. A POST
/// must not come from another site: `Origin: null` (sandboxed frames, data: URLs) and
/// `Sec-Fetch-Site: cross-site` are refused.
fn same_host(req: &Request, addr: SocketAddr) -> bool {
    let port = addr.port();
    let ok_host = |h: &str| {
        let h = h.trim().to_ascii_lowercase();
        let mut names = vec![
            format!("127.0.0.1:{port}"),
            format!("localhost:{port}"),
            format!("[::1]:{port}"),
            format!("{}:{port}", addr.ip()),
            format!("[{}]:{port}", addr.ip()),
        ];
        if port == 80 {
            // browsers leave the default port out
            names.extend(["127.0.0.1".into(), "localhost".into(), "[::1]".into()]);
        }
        names.contains(&h)
    };
    let post = req.method == "POST";
    let host_ok = header_value(req, "Host").is_some_and(ok_host);
    let origin_ok = match header_value(req, "Origin") {
        None => true,
        Some("null") => !post,
        Some(o) => o
            .strip_prefix("http://")
            .is_some_and(|rest| ok_host(rest.trim_end_matches('/'))),
    };
    let site_ok = !post
        || header_value(req, "Sec-Fetch-Site").is_none_or(|s| {
            s.eq_ignore_ascii_case("same-origin") || s.eq_ignore_ascii_case("none")
        });
    host_ok && origin_ok && site_ok
}

fn handle(req: &mut Request, cfg: &ServeConfig, addr: SocketAddr) -> Resp {
    let zh = cfg.lang == Lang::Zh;
    if !same_host(req, addr) {
        return error_json(
            403,
            "this server answers only pages it served itself (Host/Origin mismatch)".into(),
        );
    }
    let url = req.target.clone();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let lang = if query.split('&').any(|kv| kv == "lang=en") {
        Lang::En
    } else if query.split('&').any(|kv| kv == "lang=zh") {
        Lang::Zh
    } else {
        cfg.lang
    };
    match (req.method.as_str(), path) {
        ("GET" | "HEAD", "/") => Resp::new(
            200,
            "text/html; charset=utf-8",
            page(cfg, lang).into_bytes(),
        )
        .with_header(
            "Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; frame-src blob:; img-src data: blob:; form-action 'self'; base-uri 'none'",
        ),
        ("GET" | "HEAD", "/healthz") => {
            Resp::new(200, "text/plain; charset=utf-8", b"ok\n".to_vec())
        }
        ("POST", "/api/check") => check(req, cfg, lang),
        (_, "/" | "/api/check" | "/healthz") => error_json(
            405,
            if zh {
                "不支持这种请求方式".into()
            } else {
                "method not allowed".into()
            },
        ),
        _ => error_json(
            404,
            if zh {
                "没有这个页面".into()
            } else {
                "not found".into()
            },
        ),
    }
}

/// Read the body within the limit. A declared length over the limit is refused at once when
/// the client waits for `100 Continue` (it never sends the body), else the body is drained with
/// a fixed buffer (up to [`DRAIN_LIMIT`]) so the browser reads the 413.
fn read_body(req: &mut Request, cfg: &ServeConfig, lang: Lang) -> Result<Vec<u8>, Resp> {
    let limit = cfg.max_request_bytes;
    let too_big = |n: Option<u64>| {
        let size = n.map(|n| format!("{} MB", lint::megabytes(n)));
        error_json(
            413,
            match lang {
                Lang::Zh => format!(
                    "上传的文件合计{}，超过了一次上传 {} MB 的上限。请减少文件数量后分批上传。",
                    size.map(|s| format!(" {s}")).unwrap_or_default(),
                    lint::megabytes(limit)
                ),
                Lang::En => format!(
                    "the upload{} is over the limit of {} MB per request; upload fewer files at a time",
                    size.map(|s| format!(" ({s})")).unwrap_or_default(),
                    lint::megabytes(limit)
                ),
            },
        )
    };
    if header_value(req, "Transfer-Encoding").is_some() {
        return Err(error_json(
            411,
            "send the upload with a Content-Length".into(),
        ));
    }
    let Some(n) = header_value(req, "Content-Length").and_then(|v| v.parse::<u64>().ok()) else {
        return Err(error_json(
            411,
            "send the upload with a Content-Length".into(),
        ));
    };
    let expects_continue =
        header_value(req, "Expect").is_some_and(|v| v.eq_ignore_ascii_case("100-continue"));
    if n > limit {
        if !expects_continue {
            let _ = std::io::copy(
                &mut (&mut req.conn).take(n.min(DRAIN_LIMIT)),
                &mut std::io::sink(),
            );
        }
        return Err(too_big(Some(n)));
    }
    if expects_continue {
        let _ = req
            .conn
            .get_mut()
            .write_all(b"HTTP/1.1 100 Continue\r\n\r\n");
    }
    let mut body = Vec::with_capacity(n as usize);
    match (&mut req.conn).take(n).read_to_end(&mut body) {
        Ok(_) if body.len() as u64 == n => Ok(body),
        _ => Err(error_json(
            400,
            match lang {
                Lang::Zh => "上传中断，没有收到完整的文件，请重试。".into(),
                Lang::En => "the upload was interrupted; please try again".into(),
            },
        )),
    }
}

fn check(req: &mut Request, cfg: &ServeConfig, lang: Lang) -> Resp {
    let zh = lang == Lang::Zh;
    let boundary = header_value(req, "Content-Type").and_then(multipart_boundary);
    let Some(boundary) = boundary else {
        return error_json(
            415,
            if zh {
                "请通过页面上传文件（需要 multipart/form-data 格式）。".into()
            } else {
                "send the files as multipart/form-data".into()
            },
        );
    };
    let body = match read_body(req, cfg, lang) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let parts = match parse_multipart(&body, &boundary, cfg.max_files + 8) {
        Ok(p) => p,
        Err(e) => {
            return error_json(
                400,
                if zh {
                    format!("上传的数据不完整或格式不对（{e}），请重试。")
                } else {
                    format!("the upload is damaged ({e}); please try again")
                },
            );
        }
    };
    let files: Vec<&Part> = parts.iter().filter(|p| p.filename.is_some()).collect();
    if files.is_empty() {
        return error_json(
            400,
            if zh {
                "没有收到文件，请选择要检查的报告文件。".into()
            } else {
                "no file received; choose the report files to check".into()
            },
        );
    }
    if files.len() > cfg.max_files {
        return error_json(
            413,
            if zh {
                format!(
                    "一次最多检查 {} 个文件，这次上传了 {} 个。",
                    cfg.max_files,
                    files.len()
                )
            } else {
                format!(
                    "at most {} files per upload ({} sent)",
                    cfg.max_files,
                    files.len()
                )
            },
        );
    }
    let mut opts = cfg.options.clone();
    opts.lang = lang;
    let results: Vec<FileResult> = files
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let name = safe_name(p.filename.as_deref().unwrap_or(""), i);
            let data = &body[p.data.clone()];
            if data.len() as u64 > cfg.max_file_bytes {
                return FileResult::failed(
                    &name,
                    "text",
                    format!(
                        "file is {} bytes, over the limit of {} bytes",
                        data.len(),
                        cfg.max_file_bytes
                    ),
                );
            }
            lint::lint_bytes(&name, data, &opts)
        })
        .collect();
    let summary = render::summarize(&results);
    let html = render::html::render(&results, lang);
    let mut stripped = results;
    for r in &mut stripped {
        r.report = None;
    }
    let json = render::json::render(&stripped);
    let files_brief: Vec<serde_json::Value> = stripped
        .iter()
        .map(|r| {
            serde_json::json!({
                "path": r.path,
                "error": r.error.as_ref().map(|e| lint::localize_error(e, lang)),
                "findings": r.diagnostics.len(),
            })
        })
        .collect();
    json_response(
        200,
        &serde_json::json!({
            "ok": true,
            "summary": {
                "files": summary.files,
                "errors": summary.errors,
                "warnings": summary.warnings,
                "infos": summary.infos,
                "unreadable": summary.unreadable,
            },
            "files": files_brief,
            "html": html,
            "json": json,
        }),
    )
}

/// A name safe to show and to use in a download: the last path component, no controls.
fn safe_name(raw: &str, index: usize) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = base
        .chars()
        .filter(|c| {
            // controls and bidirectional overrides (a name must not be able to disguise itself)
            !c.is_control()
                && !matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .take(200)
        .collect();
    let clean = clean.trim().to_string();
    if clean.is_empty() || clean == "." || clean == ".." {
        format!("upload-{}", index + 1)
    } else {
        clean
    }
}

/// One part of a multipart body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    /// Form field name.
    pub name: String,
    /// File name, for file parts.
    pub filename: Option<String>,
    /// The bytes, as a range of the body.
    pub data: std::ops::Range<usize>,
}

/// The boundary of a `multipart/form-data` content type.
pub fn multipart_boundary(content_type: &str) -> Option<String> {
    let mut it = content_type.split(';');
    let kind = it.next()?.trim();
    if !kind.eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    for p in it {
        let Some((k, v)) = p.split_once('=') else {
            continue;
        };
        if k.trim().eq_ignore_ascii_case("boundary") {
            let v = v.trim().trim_matches('"');
            if !v.is_empty() && v.len() <= 200 {
                return Some(v.to_string());
            }
        }
    }
    None
}

/// Split a `multipart/form-data` body (RFC 7578). At most `max_parts` parts; part headers at
/// most 16 KiB.
pub fn parse_multipart(body: &[u8], boundary: &str, max_parts: usize) -> Result<Vec<Part>, String> {
    let delim = format!("--{boundary}");
    let delim = delim.as_bytes();
    let next_delim = format!("\r\n--{boundary}");
    let finder = memchr::memmem::Finder::new(next_delim.as_bytes());
    let mut pos = match memchr::memmem::find(body, delim) {
        Some(p) => p + delim.len(),
        None => return Err("no boundary".into()),
    };
    let mut parts = Vec::new();
    loop {
        if body[pos..].starts_with(b"--") {
            return Ok(parts);
        }
        // transport padding, then CRLF
        while pos < body.len() && (body[pos] == b' ' || body[pos] == b'\t') {
            pos += 1;
        }
        if !body[pos..].starts_with(b"\r\n") {
            return Err("malformed boundary line".into());
        }
        pos += 2;
        if parts.len() >= max_parts {
            return Err(format!("more than {max_parts} parts"));
        }
        let head_end =
            memchr::memmem::find(&body[pos..body.len().min(pos + 16 * 1024)], b"\r\n\r\n")
                .ok_or("part headers missing or too long")?;
        let head = String::from_utf8_lossy(&body[pos..pos + head_end]);
        let data_start = pos + head_end + 4;
        let data_len = finder
            .find(&body[data_start..])
            .ok_or("the upload ends inside a file")?;
        let (mut name, mut filename) = (String::new(), None);
        for line in head.split("\r\n") {
            let Some((k, v)) = line.split_once(':') else {
                continue;
            };
            if !k.trim().eq_ignore_ascii_case("content-disposition") {
                continue;
            }
            for (pk, pv) in disposition_params(v) {
                match pk.as_str() {
                    "name" => name = pv,
                    "filename" => filename = Some(pv),
                    _ => {}
                }
            }
        }
        parts.push(Part {
            name,
            filename,
            data: data_start..data_start + data_len,
        });
        pos = data_start + data_len + next_delim.len();
    }
}

/// `form-data; name="x"; filename="a b.docx"` → [(name, x), (filename, a b.docx)]. Browsers
/// escape `"` as `%22` and line breaks as `%0A`/`%0D` in file names.
fn disposition_params(v: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let chars: Vec<char> = v.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        // key
        while i < chars.len() && (chars[i] == ';' || chars[i].is_whitespace()) {
            i += 1;
        }
        let ks = i;
        while i < chars.len() && chars[i] != '=' && chars[i] != ';' {
            i += 1;
        }
        let key: String = chars[ks..i]
            .iter()
            .collect::<String>()
            .trim()
            .to_ascii_lowercase();
        if i >= chars.len() || chars[i] == ';' {
            continue;
        }
        i += 1; // '='
        let mut val = String::new();
        if i < chars.len() && chars[i] == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' && i + 1 < chars.len() {
                    i += 1;
                }
                val.push(chars[i]);
                i += 1;
            }
            i += 1;
        } else {
            while i < chars.len() && chars[i] != ';' {
                val.push(chars[i]);
                i += 1;
            }
            val = val.trim().to_string();
        }
        let val = val
            .replace("%22", "\"")
            .replace("%0A", " ")
            .replace("%0D", " ");
        out.push((key, val));
    }
    out
}

/// The upload page.
pub fn page(cfg: &ServeConfig, lang: Lang) -> String {
    let (t, hint, choose, dl_html, dl_json, busy, too_big, other_lang) = match lang {
        Lang::Zh => (
            "绩效自评报告检查",
            "把报告文件拖到这里，或点击选择文件（.docx、.xlsx、.pdf、.txt，可多选）",
            "选择文件",
            "下载检查结果（HTML）",
            "下载检查结果（JSON）",
            "正在检查，请稍候……",
            "以下文件超过 {max} MB 的上限，没有上传：",
            "<a href=\"/?lang=en\">English</a>",
        ),
        Lang::En => (
            "Self-evaluation report check",
            "Drop report files here, or click to choose (.docx, .xlsx, .pdf, .txt; several at once)",
            "Choose files",
            "Download the report (HTML)",
            "Download the findings (JSON)",
            "Checking…",
            "These files are over the limit of {max} MB and were not uploaded:",
            "<a href=\"/?lang=zh\">中文</a>",
        ),
    };
    let summary_tpl = match lang {
        Lang::Zh => {
            "共 {files} 个文件：{errors} 个错误，{warnings} 个警告，{infos} 条提示{unreadable}"
        }
        Lang::En => {
            "{files} file(s): {errors} error(s), {warnings} warning(s), {infos} info(s){unreadable}"
        }
    };
    let unreadable_tpl = match lang {
        Lang::Zh => "，{n} 个文件无法读取",
        Lang::En => ", {n} unreadable",
    };
    let network_err = match lang {
        Lang::Zh => "无法连接检查服务，请确认 jixiao-lint serve 仍在运行。",
        Lang::En => "cannot reach the checking service; is jixiao-lint serve still running?",
    };
    let js = |v: &str| {
        serde_json::to_string(v)
            .unwrap_or_default()
            .replace("</", "<\\/")
    };
    PAGE.replace("{lang}", if lang == Lang::Zh { "zh-CN" } else { "en" })
        .replace("{title}", t)
        .replace("{hint}", hint)
        .replace("{choose}", choose)
        .replace("{dl_html}", dl_html)
        .replace("{dl_json}", dl_json)
        .replace("{busy:json}", &js(busy))
        .replace(
            "{too_big:json}",
            &js(&too_big.replace("{max}", &lint::megabytes(cfg.max_file_bytes))),
        )
        .replace("{summary_tpl:json}", &js(summary_tpl))
        .replace("{unreadable_tpl:json}", &js(unreadable_tpl))
        .replace("{network_err:json}", &js(network_err))
        .replace(
            "{too_big_total:json}",
            &js(&match lang {
                Lang::Zh => format!(
                    "这些文件合计 {{n}} MB，超过了一次上传 {} MB 的上限，请分批上传。",
                    lint::megabytes(cfg.max_request_bytes)
                ),
                Lang::En => format!(
                    "these files add up to {{n}} MB, over the limit of {} MB per upload; upload fewer at a time",
                    lint::megabytes(cfg.max_request_bytes)
                ),
            }),
        )
        .replace("{other_lang}", other_lang)
        .replace("{max_file}", &cfg.max_file_bytes.to_string())
        .replace("{max_request}", &cfg.max_request_bytes.to_string())
        .replace("{api_lang}", if lang == Lang::Zh { "zh" } else { "en" })
        .replace("{version}", env!("CARGO_PKG_VERSION"))
}

const PAGE: &str = r##"<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;font-size:15px;color:#222;background:#eef1f5;display:flex;flex-direction:column;min-height:100vh}
header{display:flex;align-items:baseline;gap:1em;padding:.8em 1.2em;background:#24405e;color:#fff}
header h1{font-size:1.3em;margin:0;flex:1}
header a{color:#cfe0f5}
#drop{margin:1em 1.2em;padding:1.6em;border:2px dashed #7a8fa6;border-radius:6px;background:#fff;text-align:center;cursor:pointer}
#drop.over{background:#e8f2ff;border-color:#1e63b5}
#drop p{margin:.3em 0}
label.choose{display:inline-block;margin-top:.4em;padding:.35em 1.2em;background:#24405e;color:#fff;border-radius:4px;cursor:pointer;position:relative}
label.choose input{position:absolute;left:0;top:0;width:1px;height:1px;opacity:0}
label.choose:focus-within{outline:2px solid #f0c000}
#status{margin:0 1.2em;min-height:1.5em}
#message{margin:0 1.2em;padding:.6em 1em;background:#fde2e1;color:#a11;border-radius:4px;white-space:pre-line}
#message[hidden]{display:none}
#result{display:flex;flex-direction:column;flex:1;margin:0 1.2em 1em}
#result[hidden]{display:none}
.bar{display:flex;gap:1em;align-items:center;margin:.5em 0}
.bar a{padding:.3em .9em;background:#24405e;color:#fff;border-radius:4px;text-decoration:none}
#summary{flex:1;font-weight:bold}
#report{flex:1;min-height:75vh;width:100%;border:1px solid #ccd;background:#fff}
footer{color:#667;font-size:.8em;padding:.5em 1.2em}
</style>
</head>
<body>
<header><h1>{title}</h1>{other_lang}</header>
<div id="drop" tabindex="0" role="button">
<p><strong>{hint}</strong></p>
<p><label class="choose"><input id="files" name="files" type="file" multiple accept=".docx,.xlsx,.xls,.ods,.pdf,.txt,.md,.htm,.html,.text">{choose}</label></p>
</div>
<div id="status" aria-live="polite"></div>
<div id="message" role="alert" hidden></div>
<div id="result" hidden>
<div class="bar"><span id="summary"></span><a id="dl-html" download="jixiao-report.html">{dl_html}</a><a id="dl-json" download="jixiao-report.json">{dl_json}</a></div>
<iframe id="report" title="{title}" sandbox="allow-scripts allow-modals"></iframe>
</div>
<footer>jixiao-lint {version}</footer>
<script>
(function(){
  var MAX_FILE = {max_file}, MAX_REQUEST = {max_request};
  var input = document.getElementById('files'), drop = document.getElementById('drop');
  var status = document.getElementById('status'), msg = document.getElementById('message');
  var result = document.getElementById('result'), frame = document.getElementById('report');
  var urls = [], seq = 0;
  function say(text){ msg.textContent = text; msg.hidden = !text; }
  function mb(n){ return (Math.ceil(n * 10 / 1048576) / 10).toString(); }
  function upload(list){
    say('');
    result.hidden = true;
    var ok = [], big = [];
    for (var i = 0; i < list.length; i++) {
      if (list[i].size > MAX_FILE) big.push(list[i].name + '（' + mb(list[i].size) + ' MB）'); else ok.push(list[i]);
    }
    if (big.length) say({too_big:json} + ' ' + big.join('，'));
    if (!ok.length) return;
    var total = ok.reduce(function(n, f){ return n + f.size; }, 0);
    if (total > MAX_REQUEST) { say((big.length ? msg.textContent + '\n' : '') + {too_big_total:json}.replace('{n}', mb(total))); return; }
    var mine = ++seq;
    var fd = new FormData();
    ok.forEach(function(f){ fd.append('files', f, f.name); });
    status.textContent = {busy:json};
    fetch('/api/check?lang={api_lang}', {method:'POST', body: fd}).then(function(r){
      return r.json().catch(function(){ return {ok:false, error:'HTTP ' + r.status}; });
    }).then(function(data){
      if (mine !== seq) return; // a later upload owns the page now
      status.textContent = '';
      if (!data.ok) { say((big.length ? msg.textContent + '\n' : '') + data.error); return; }
      var s = data.summary;
      document.getElementById('summary').textContent = {summary_tpl:json}
        .replace('{files}', s.files).replace('{errors}', s.errors).replace('{warnings}', s.warnings)
        .replace('{infos}', s.infos).replace('{unreadable}', s.unreadable ? {unreadable_tpl:json}.replace('{n}', s.unreadable) : '');
      var bad = data.files.filter(function(f){ return f.error; });
      if (bad.length) say((big.length ? msg.textContent + '\n' : '') + bad.map(function(f){ return f.path + '：' + f.error; }).join('\n'));
      urls.forEach(function(u){ URL.revokeObjectURL(u); }); urls = [];
      var html = URL.createObjectURL(new Blob([data.html], {type:'text/html;charset=utf-8'}));
      var json = URL.createObjectURL(new Blob([JSON.stringify(data.json, null, 2) + '\n'], {type:'application/json'}));
      urls.push(html, json);
      var base = ok.length === 1 ? ok[0].name.replace(/\.[^.]*$/, '') + '-检查结果' : 'jixiao-report';
      var a = document.getElementById('dl-html'); a.href = html; a.download = base + '.html';
      var b = document.getElementById('dl-json'); b.href = json; b.download = base + '.json';
      frame.src = html;
      result.hidden = false;
    }).catch(function(){ if (mine !== seq) return; status.textContent = ''; say({network_err:json}); });
  }
  input.addEventListener('change', function(){ if (input.files.length) upload(input.files); input.value = ''; });
  drop.addEventListener('click', function(ev){ if (ev.target === drop || ev.target.tagName === 'P' || ev.target.tagName === 'STRONG') input.click(); });
  drop.addEventListener('keydown', function(ev){ if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); input.click(); } });
  ['dragenter','dragover'].forEach(function(t){ drop.addEventListener(t, function(ev){ ev.preventDefault(); drop.classList.add('over'); }); });
  ['dragleave','drop'].forEach(function(t){ drop.addEventListener(t, function(ev){ ev.preventDefault(); drop.classList.remove('over'); }); });
  drop.addEventListener('drop', function(ev){ if (ev.dataTransfer && ev.dataTransfer.files.length) upload(ev.dataTransfer.files); });
})();
</script>
</body>
</html>
"##;

#[cfg(test)]
mod tests {
    use super::*;

    fn body(parts: &[(&str, Option<&str>, &[u8])]) -> Vec<u8> {
        let mut b = Vec::new();
        for (name, file, data) in parts {
            b.extend_from_slice(b"--XyZ\r\nContent-Disposition: form-data; name=\"");
            b.extend_from_slice(name.as_bytes());
            b.push(b'"');
            if let Some(f) = file {
                b.extend_from_slice(b"; filename=\"");
                b.extend_from_slice(f.as_bytes());
                b.push(b'"');
            }
            b.extend_from_slice(b"\r\nContent-Type: application/octet-stream\r\n\r\n");
            b.extend_from_slice(data);
            b.extend_from_slice(b"\r\n");
        }
        b.extend_from_slice(b"--XyZ--\r\n");
        b
    }

    #[test]
    fn multipart_round_trip_keeps_bytes_and_names() {
        let data: &[u8] = b"a\r\n--Xy not the boundary\r\n\x00\xff";
        let b = body(&[
            ("files", Some("自评报告 %22终稿%22.txt"), data),
            ("note", None, b"x"),
        ]);
        let p = parse_multipart(&b, "XyZ", 10).unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].filename.as_deref(), Some("自评报告 \"终稿\".txt"));
        assert_eq!(&b[p[0].data.clone()], data);
        assert_eq!(p[1].name, "note");
        assert_eq!(p[1].filename, None);
    }

    #[test]
    fn multipart_rejects_truncated_and_excess() {
        let b = body(&[("files", Some("a.txt"), b"hello")]);
        assert!(parse_multipart(&b[..b.len() - 12], "XyZ", 10).is_err());
        assert!(parse_multipart(b"garbage", "XyZ", 10).is_err());
        let many = body(&[("a", None, b"1"), ("b", None, b"2"), ("c", None, b"3")]);
        assert!(parse_multipart(&many, "XyZ", 2).is_err());
        assert_eq!(parse_multipart(&many, "XyZ", 3).unwrap().len(), 3);
    }

    #[test]
    fn boundary_from_content_type() {
        assert_eq!(
            multipart_boundary("multipart/form-data; boundary=----WebKitFormBoundaryAb1"),
            Some("----WebKitFormBoundaryAb1".into())
        );
        assert_eq!(
            multipart_boundary("Multipart/Form-Data; charset=utf-8; boundary=\"q r\""),
            Some("q r".into())
        );
        assert_eq!(multipart_boundary("application/json"), None);
        assert_eq!(
            multipart_boundary("multipart/form-data; odd; boundary=x"),
            Some("x".into())
        );
    }

    #[test]
    fn names_are_reduced_to_their_last_component() {
        assert_eq!(safe_name("C:\\Users\\a\\报告.docx", 0), "报告.docx");
        assert_eq!(safe_name("../../etc/passwd", 0), "passwd");
        assert_eq!(safe_name("..", 2), "upload-3");
        assert_eq!(safe_name("a\u{0}b\nc.txt", 0), "abc.txt");
        assert_eq!(safe_name("invoice\u{202e}txt.exe", 0), "invoicetxt.exe");
    }

    #[test]
    fn only_loopback_addresses_bind() {
        let cfg = ServeConfig {
            host: IpAddr::from([0, 0, 0, 0]),
            port: 0,
            ..Default::default()
        };
        assert!(Server::bind(cfg).err().unwrap().contains("loopback"));
    }

    #[test]
    fn sizes_in_mb_round_up() {
        assert_eq!(lint::megabytes(20 * 1024 * 1024), "20");
        assert_eq!(lint::megabytes(1024 * 1024 + 1), "1.1");
    }
}
