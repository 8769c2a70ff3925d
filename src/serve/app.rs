//! The review server's application: routes, the Host/Origin policy, and the check of an
//! upload. Plain functions of a request's head and body (no sockets), so each answer can be
//! tested without a network; the messages a person reads are chosen here, in both languages.

use super::ServeConfig;
use super::multipart::{Part, multipart_boundary, parse_multipart};
use super::page::page;
use crate::diagnostic::Lang;
use crate::lang::tr;
use crate::lint::{self, FileResult};
use crate::render;
use std::net::SocketAddr;

/// The head of a request.
pub(crate) struct Head {
    pub method: String,
    /// Path and query.
    pub target: String,
    /// Headers, names lower-cased, in order (repeated names kept).
    pub headers: Vec<(String, String)>,
}

impl Head {
    /// The value of a header sent once; `None` when absent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    fn count(&self, name: &str) -> usize {
        self.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .count()
    }
}

/// One response; every response closes its connection.
pub(crate) struct Resp {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
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

fn json_response(status: u16, v: &serde_json::Value) -> Resp {
    Resp::new(
        status,
        "application/json; charset=utf-8",
        serde_json::to_vec(v).unwrap_or_default(),
    )
}

pub(crate) fn error_json(status: u16, message: String) -> Resp {
    json_response(status, &serde_json::json!({"ok": false, "error": message}))
}

/// What the HTTP layer does with a request.
pub(crate) enum Route {
    /// Answer at once.
    Answer(Resp),
    /// Read the body of an upload (within the limits), then [`check`] it, in this language.
    Check(Lang),
}

/// `Host` (and `Origin`, when sent) must name this server: refuses DNS-rebinding pages. A POST
/// must not come from another site: `Origin: null` (sandboxed frames, data: URLs) and
/// `Sec-Fetch-Site: cross-site` are refused. A request with two `Host` (or `Origin`) headers
/// is refused: which one a proxy or browser meant cannot be known.
fn same_host(req: &Head, addr: SocketAddr) -> bool {
    if req.count("host") != 1 || req.count("origin") > 1 {
        return false;
    }

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
    let host_ok = req.header("Host").is_some_and(ok_host);
    let origin_ok = match req.header("Origin") {
        None => true,
        Some("null") => !post,
        Some(o) => o
            .strip_prefix("http://")
            .is_some_and(|rest| ok_host(rest.trim_end_matches('/'))),
    };
    let site_ok = !post
        || req.header("Sec-Fetch-Site").is_none_or(|s| {
            s.eq_ignore_ascii_case("same-origin") || s.eq_ignore_ascii_case("none")
        });
    host_ok && origin_ok && site_ok
}

/// Route a request by its head.
pub(crate) fn route(req: &Head, cfg: &ServeConfig, addr: SocketAddr) -> Route {
    if req.count("host") != 1 {
        // (RFC 9112: exactly one Host; with two, which one a proxy meant cannot be known)
        return Route::Answer(error_json(
            400,
            "a request needs exactly one Host header".into(),
        ));
    }
    if !same_host(req, addr) {
        return Route::Answer(error_json(
            403,
            "this server answers only pages it served itself (Host/Origin mismatch)".into(),
        ));
    }
    let (path, query) = req.target.split_once('?').unwrap_or((&req.target, ""));
    let lang = if query.split('&').any(|kv| kv == "lang=en") {
        Lang::En
    } else if query.split('&').any(|kv| kv == "lang=zh") {
        Lang::Zh
    } else {
        cfg.lang
    };
    Route::Answer(match (req.method.as_str(), path) {
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
        ("POST", "/api/check") => return upload_head(req, cfg, lang),
        (_, "/" | "/api/check" | "/healthz") => error_json(
            405,
            tr!("不支持这种请求方式", "method not allowed").render(lang),
        ),
        _ => error_json(
            404,
            tr!("没有这个页面", "not found").render(lang),
        ),
    })
}

/// The checks of an upload's head: multipart, a declared length.
fn upload_head(req: &Head, cfg: &ServeConfig, lang: Lang) -> Route {
    if req
        .header("Content-Type")
        .and_then(multipart_boundary)
        .is_none()
    {
        return Route::Answer(error_json(
            415,
            tr!(
                "请通过页面上传文件（需要 multipart/form-data 格式）。",
                "send the files as multipart/form-data"
            )
            .render(lang),
        ));
    }
    if req.header("Transfer-Encoding").is_some() || declared_length(req).is_none() {
        return Route::Answer(error_json(
            411,
            "send the upload with a Content-Length".into(),
        ));
    }
    let _ = cfg;
    Route::Check(lang)
}

/// The declared `Content-Length` (sent once, a number).
pub(crate) fn declared_length(req: &Head) -> Option<u64> {
    if req.count("content-length") != 1 {
        return None;
    }
    req.header("Content-Length")?.trim().parse().ok()
}

/// The client waits for `100 Continue` before sending the body.
pub(crate) fn expects_continue(req: &Head) -> bool {
    req.header("Expect")
        .is_some_and(|v| v.eq_ignore_ascii_case("100-continue"))
}

/// 413: the upload is over the request limit.
pub(crate) fn too_big(cfg: &ServeConfig, n: Option<u64>, lang: Lang) -> Resp {
    let limit = cfg.max_request_bytes;
    let size = n.map(|n| format!("{} MB", lint::megabytes(n)));
    error_json(
        413,
        match size {
            Some(size) => tr!(
                "上传的文件合计 {size}，超过了一次上传 {limit} MB 的上限。请减少文件数量后分批上传。",
                "the upload ({size}) is over the limit of {limit} MB per request; upload fewer files at a time",
                size = &size,
                limit = &lint::megabytes(limit),
            ),
            None => tr!(
                "上传的文件合计，超过了一次上传 {limit} MB 的上限。请减少文件数量后分批上传。",
                "the upload is over the limit of {limit} MB per request; upload fewer files at a time",
                limit = &lint::megabytes(limit),
            ),
        }
        .render(lang),
    )
}

/// 400: the body ended before its declared length.
pub(crate) fn interrupted(lang: Lang) -> Resp {
    error_json(
        400,
        tr!(
            "上传中断，没有收到完整的文件，请重试。",
            "the upload was interrupted; please try again"
        )
        .render(lang),
    )
}

/// 408: the request did not arrive in time.
pub(crate) fn timed_out(cfg: &ServeConfig, lang: Lang) -> Resp {
    error_json(
        408,
        tr!(
            "上传太慢，{s} 秒内没有收到完整的请求，请重试。",
            "the request did not arrive within {s} s; please try again",
            s = &cfg.request_seconds,
        )
        .render(lang),
    )
}

/// 503: too many uploads at once.
pub(crate) fn busy(lang: Lang) -> Resp {
    error_json(
        503,
        tr!(
            "正在检查的文件太多，请稍后重试。",
            "too many uploads are being checked; please try again shortly"
        )
        .render(lang),
    )
    .with_header("Retry-After", "5")
}

/// 500: the check failed inside (a bug); the server goes on.
pub(crate) fn internal(lang: Lang) -> Resp {
    error_json(
        500,
        tr!(
            "检查时出现内部错误，请把文件报告给开发者。",
            "internal error while checking; please report the file"
        )
        .render(lang),
    )
}

/// Check the files of an upload's body.
// Long by design: the upload endpoint's steps (parse, limit, lint, answer); each may end the
// request.
pub(crate) fn check(req: &Head, body: &[u8], cfg: &ServeConfig, lang: Lang) -> Resp {
    let Some(boundary) = req.header("Content-Type").and_then(multipart_boundary) else {
        return internal(lang);
    };
    let parts = match parse_multipart(body, &boundary, cfg.max_files + 8) {
        Ok(p) => p,
        Err(e) => {
            return error_json(
                400,
                tr!(
                    "上传的数据不完整或格式不对（{e}），请重试。",
                    "the upload is damaged ({e}); please try again",
                    e = &e,
                )
                .render(lang),
            );
        }
    };
    let files: Vec<&Part> = parts.iter().filter(|p| p.filename.is_some()).collect();
    if files.is_empty() {
        return error_json(
            400,
            tr!(
                "没有收到文件，请选择要检查的报告文件。",
                "no file received; choose the report files to check"
            )
            .render(lang),
        );
    }
    if files.len() > cfg.max_files {
        return error_json(
            413,
            tr!(
                "一次最多检查 {max} 个文件，这次上传了 {n} 个。",
                "at most {max} files per upload ({n} sent)",
                max = &cfg.max_files,
                n = &files.len(),
            )
            .render(lang),
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
                    crate::error::InputError::too_large(data.len() as u64, cfg.max_file_bytes),
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
                "error": r.error.as_ref().map(|e| e.localized(lang)),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_reduced_to_their_last_component() {
        assert_eq!(safe_name("C:\\Users\\a\\报告.docx", 0), "报告.docx");
        assert_eq!(safe_name("../../etc/passwd", 0), "passwd");
        assert_eq!(safe_name("..", 2), "upload-3");
        assert_eq!(safe_name("a\u{0}b\nc.txt", 0), "abc.txt");
        assert_eq!(safe_name("invoice\u{202e}txt.exe", 0), "invoicetxt.exe");
    }

    #[test]
    fn sizes_in_mb_round_up() {
        assert_eq!(lint::megabytes(20 * 1024 * 1024), "20");
        assert_eq!(lint::megabytes(1024 * 1024 + 1), "1.1");
    }
}
