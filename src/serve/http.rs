//! The review server's HTTP layer: hyper (HTTP/1.1) on tokio.
//!
//! Every connection is one small task, so stalled or idle clients hold memory of a few KiB and
//! never a worker. The bounds, all enforced here:
//! - a connection cap ([`ServeConfig::max_connections`]): past it, new connections are closed
//!   on arrival;
//! - the request head within [`ServeConfig::head_seconds`] (answered 408 after, with the socket kept aside
//!   for that answer), at most [`MAX_HEAD_BYTES`] (431), one request per connection;
//! - the whole request, body included, within [`ServeConfig::request_seconds`] of the
//!   connection's arrival (408);
//! - the bodies held at once under twice [`ServeConfig::max_request_bytes`] (a request waits for
//!   its share until its deadline, then 503);
//! - at most [`ServeConfig::threads`] lint jobs at once, each on a blocking thread, under the
//!   per-input limits of the library;
//! - an overall cap per connection (the deadline plus the longest a job may take), after
//!   which it is dropped whatever it is doing.

use super::ServeConfig;
use super::app::{self, Head, Resp, Route};
use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;
use tokio::time::{Instant, timeout_at};

/// Longest request head (request line and headers).
pub const MAX_HEAD_BYTES: usize = 16 * 1024;
/// Bodies over the limit are read and dropped up to this size (so the browser receives the
/// answer instead of a reset connection); beyond it the connection is closed.
const DRAIN_LIMIT: u64 = 512 * 1024 * 1024;
/// Longest a lint job may wait for a free slot and run.
const JOB_SECONDS: u64 = 300;

/// What every connection shares.
struct Shared {
    cfg: Arc<ServeConfig>,
    addr: SocketAddr,
    /// Lint jobs running.
    jobs: Semaphore,
    /// KiB of request bodies held in memory.
    body_kib: Semaphore,
}

/// Accept connections until the process ends.
pub(super) async fn serve(
    listener: std::net::TcpListener,
    cfg: Arc<ServeConfig>,
    addr: SocketAddr,
) {
    let listener = match listener
        .set_nonblocking(true)
        .and_then(|()| tokio::net::TcpListener::from_std(listener))
    {
        Ok(l) => l,
        Err(e) => {
            eprintln!("jixiao-lint serve: cannot listen: {e}");
            return;
        }
    };
    let budget_kib = (cfg.max_request_bytes.saturating_mul(2) / 1024)
        .clamp(1024, Semaphore::MAX_PERMITS as u64) as usize;
    let shared = Arc::new(Shared {
        jobs: Semaphore::new(cfg.threads.max(1)),
        body_kib: Semaphore::new(budget_kib),
        cfg: Arc::clone(&cfg),
        addr,
    });
    let connections = Arc::new(Semaphore::new(cfg.max_connections.max(1)));
    loop {
        let stream = match listener.accept().await {
            Ok((s, _)) => s,
            Err(_) => {
                // (out of file descriptors and the like: wait, do not spin)
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Ok(permit) = Arc::clone(&connections).try_acquire_owned() else {
            drop(stream);
            continue;
        };
        let shared = Arc::clone(&shared);
        tokio::spawn(async move {
            connection(stream, shared).await;
            drop(permit);
        });
    }
}

async fn connection(stream: tokio::net::TcpStream, shared: Arc<Shared>) {
    let arrived = Instant::now();
    let deadline = arrived + Duration::from_secs(shared.cfg.request_seconds.max(1));
    // a second handle on the socket answers 408 when hyper gives up on a slow head
    let Ok(std_stream) = stream.into_std() else {
        return;
    };
    let spare = std_stream.try_clone().ok();
    let Ok(stream) = tokio::net::TcpStream::from_std(std_stream) else {
        return;
    };
    let lang = shared.cfg.lang;
    let cfg = Arc::clone(&shared.cfg);
    let svc = service_fn(move |req: hyper::Request<Incoming>| {
        let shared = Arc::clone(&shared);
        async move { Ok::<_, Infallible>(to_hyper(respond(req, shared, deadline).await)) }
    });
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(Duration::from_secs(cfg.head_seconds.max(1)))
        .keep_alive(false)
        .max_buf_size(MAX_HEAD_BYTES);
    let conn = builder.serve_connection(TokioIo::new(stream), svc);
    let cap = deadline + Duration::from_secs(JOB_SECONDS + 10);
    match timeout_at(cap, conn).await {
        Ok(Err(e)) if e.is_timeout() => {
            if let Some(s) = spare {
                write_now(s, &app::timed_out(&cfg, lang));
            }
        }
        _ => {}
    }
}

/// Write a small response on a socket hyper has let go of (non-blocking: a client that does
/// not read it loses it).
fn write_now(mut s: std::net::TcpStream, r: &Resp) {
    use std::io::Write;
    let mut out = format!("HTTP/1.1 {} Request Timeout\r\n", r.status);
    for (k, v) in &r.headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        r.body.len()
    ));
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(&r.body);
    let _ = s.write_all(&bytes);
    let _ = s.shutdown(std::net::Shutdown::Both);
}

fn to_hyper(r: Resp) -> hyper::Response<Full<Bytes>> {
    let mut b = hyper::Response::builder().status(r.status);
    for (k, v) in &r.headers {
        // values are ours; a line break would split the header block
        let v: String = v.chars().filter(|c| !c.is_control()).collect();
        b = b.header(*k, v);
    }
    b = b.header("Connection", "close");
    b.body(Full::new(Bytes::from(r.body))).unwrap_or_else(|_| {
        let mut r = hyper::Response::new(Full::new(Bytes::new()));
        *r.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
        r
    })
}

fn head_of(req: &hyper::Request<Incoming>) -> Head {
    Head {
        method: req.method().as_str().to_string(),
        target: req
            .uri()
            .path_and_query()
            .map_or_else(|| req.uri().path().to_string(), |p| p.as_str().to_string()),
        headers: req
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_ascii_lowercase(),
                    String::from_utf8_lossy(v.as_bytes()).trim().to_string(),
                )
            })
            .collect(),
    }
}

async fn respond(req: hyper::Request<Incoming>, shared: Arc<Shared>, deadline: Instant) -> Resp {
    let head = head_of(&req);
    let cfg = &shared.cfg;
    let lang = match app::route(&head, cfg, shared.addr) {
        Route::Answer(r) => return r,
        Route::Check(lang) => lang,
    };
    let body = req.into_body();
    let Some(n) = app::declared_length(&head) else {
        return app::interrupted(lang);
    };
    if n > cfg.max_request_bytes {
        if !app::expects_continue(&head) {
            drain(body, n.min(DRAIN_LIMIT), deadline).await;
        }
        return app::too_big(cfg, Some(n), lang);
    }
    // this body's share of the memory for bodies, waited for until the deadline
    let kib = u32::try_from(n / 1024 + 1).unwrap_or(u32::MAX);
    let Ok(Ok(share)) = timeout_at(deadline, shared.body_kib.acquire_many(kib)).await else {
        return app::busy(lang);
    };
    let bytes = match timeout_at(deadline, Limited::new(body, n as usize).collect()).await {
        Err(_) => return app::timed_out(cfg, lang),
        Ok(Err(_)) => return app::interrupted(lang),
        Ok(Ok(c)) => c.to_bytes(),
    };
    if bytes.len() as u64 != n {
        return app::interrupted(lang);
    }
    let job_deadline = Instant::now() + Duration::from_secs(JOB_SECONDS);
    let Ok(Ok(job)) = timeout_at(job_deadline, shared.jobs.acquire()).await else {
        return app::busy(lang);
    };
    let cfg2 = Arc::clone(cfg);
    let task = tokio::task::spawn_blocking(move || {
        let r = app::check(&head, &bytes, &cfg2, lang);
        drop(bytes);
        release_memory();
        if let Some(f) = cfg2.after_job {
            f();
        }
        r
    });
    let resp = match timeout_at(job_deadline, task).await {
        Ok(Ok(r)) => r,
        _ => app::internal(lang),
    };
    drop(job);
    drop(share);
    resp
}

/// Read and drop up to `limit` bytes of a body, until the deadline.
async fn drain(mut body: Incoming, limit: u64, deadline: Instant) {
    let mut seen = 0u64;
    while seen < limit {
        match timeout_at(deadline, body.frame()).await {
            Ok(Some(Ok(f))) => {
                if let Some(d) = f.data_ref() {
                    seen += d.len() as u64;
                }
            }
            _ => return,
        }
    }
}

/// Give freed memory back to the system after a request (a large upload's buffers).
fn release_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory of the C allocator.
    unsafe {
        unsafe extern "C" {
            fn malloc_trim(pad: usize) -> i32;
        }
        malloc_trim(0);
    }
}
