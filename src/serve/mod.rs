//! `jixiao-lint serve`: a local review page.
//!
//! A person drops or chooses report files; the page posts them (multipart/form-data) to
//! `POST /api/check`, which lints them in memory and answers with the HTML report and the JSON
//! of `check --format json`. Nothing is stored on the server: every request carries its own
//! files and gets its own answer, so concurrent uploads cannot mix. The server listens on a
//! loopback address only and refuses requests whose `Host` is not that address (a page on the
//! web cannot reach it through DNS rebinding).
//!
//! Layers: `http` (hyper on tokio: connections, deadlines, caps), `app` (routes, the Host
//! policy, the check itself; plain functions of a request's head and body), `multipart`
//! (upload bodies) and `page` (the HTML page).
//!
//! Bounds: one request per connection; the head must arrive within 10 s and the whole request
//! within 60 s (408 after; both configurable); at most [`ServeConfig::max_connections`] connections are open
//! (others are closed at once), at most [`ServeConfig::threads`] lint jobs run, and the bodies
//! held in memory together stay under twice the request limit (a request that cannot get its
//! share in time is answered 503). Idle and stalled clients cost a small task each, never a
//! worker.

mod app;
pub(crate) mod http;
pub(crate) mod multipart;
pub(crate) mod page;

use crate::diagnostic::Lang;
use crate::lint::Options;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// Settings of the review server.
///
/// ```
/// let cfg = jixiao_lint::serve::ServeConfig::default();
/// assert!(cfg.host.is_loopback());
/// assert_eq!(cfg.port, 8080);
/// ```
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
    /// Lint jobs running at once.
    pub threads: usize,
    /// Connections open at once (stalled ones included); more are closed on arrival.
    pub max_connections: usize,
    /// Time allowed to receive a request's head, in seconds.
    pub head_seconds: u64,
    /// Time allowed to receive a whole request (head and body), in seconds.
    pub request_seconds: u64,
    /// Page and message language.
    pub lang: Lang,
    /// Lint options.
    pub options: Options,
    /// Called on the lint thread after each check: a program with its own allocator hands
    /// freed memory back to the system here (the command line does so for mimalloc).
    pub after_job: Option<fn()>,
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
            max_connections: 512,
            head_seconds: 10,
            request_seconds: 60,
            lang: Lang::Zh,
            options: Options::default(),
            after_job: None,
        }
    }
}

/// A bound review server.
///
/// ```
/// use jixiao_lint::serve::{ServeConfig, Server};
/// let server = Server::bind(ServeConfig { port: 0, ..ServeConfig::default() }).expect("a free loopback port");
/// assert!(server.url().starts_with("http://127.0.0.1:"));
/// ```
pub struct Server {
    listener: std::net::TcpListener,
    addr: SocketAddr,
    cfg: Arc<ServeConfig>,
}

/// Why the review server cannot start.
///
/// ```
/// use jixiao_lint::serve::{ServeConfig, ServeError, Server};
/// let cfg = ServeConfig { host: "0.0.0.0".parse().unwrap(), port: 0, ..ServeConfig::default() };
/// assert!(matches!(Server::bind(cfg), Err(ServeError::NotLoopback(_))));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    /// The address is not a loopback address: the page serves this computer only.
    #[error(
        "{0} is not a loopback address: the review page serves this computer only (use 127.0.0.1 or ::1)"
    )]
    NotLoopback(IpAddr),
    /// The address cannot be listened on (in use, not permitted).
    #[error("cannot listen on {0}: {1}")]
    Listen(SocketAddr, String),
}

impl Server {
    /// Bind the address. Only loopback addresses are accepted.
    ///
    /// ```
    /// let s = jixiao_lint::serve::Server::bind(jixiao_lint::serve::ServeConfig { port: 0, ..Default::default() }).unwrap();
    /// assert_ne!(s.addr().port(), 0);
    /// ```
    pub fn bind(cfg: ServeConfig) -> Result<Server, ServeError> {
        if !cfg.host.is_loopback() {
            return Err(ServeError::NotLoopback(cfg.host));
        }
        let at = SocketAddr::new(cfg.host, cfg.port);
        let listener =
            std::net::TcpListener::bind(at).map_err(|e| ServeError::Listen(at, e.to_string()))?;
        let addr = listener
            .local_addr()
            .map_err(|e| ServeError::Listen(at, e.to_string()))?;
        Ok(Server {
            listener,
            addr,
            cfg: Arc::new(cfg),
        })
    }

    /// The address actually bound (with the port chosen when 0 was asked).
    ///
    /// ```
    /// let s = jixiao_lint::serve::Server::bind(jixiao_lint::serve::ServeConfig { port: 0, ..Default::default() }).unwrap();
    /// assert!(s.addr().ip().is_loopback());
    /// ```
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The page's address.
    ///
    /// ```
    /// let s = jixiao_lint::serve::Server::bind(jixiao_lint::serve::ServeConfig { port: 0, ..Default::default() }).unwrap();
    /// assert_eq!(s.url(), format!("http://127.0.0.1:{}/", s.addr().port()));
    /// ```
    pub fn url(&self) -> String {
        match self.addr.ip() {
            IpAddr::V6(ip) => format!("http://[{ip}]:{}/", self.addr.port()),
            IpAddr::V4(ip) => format!("http://{ip}:{}/", self.addr.port()),
        }
    }

    /// Answer requests until the process ends.
    ///
    /// ```no_run
    /// let server = jixiao_lint::serve::Server::bind(jixiao_lint::serve::ServeConfig { port: 0, ..Default::default() }).unwrap();
    /// eprintln!("open {}", server.url());
    /// server.run(); // answers until the process ends
    /// ```
    pub fn run(self) {
        let rt = match tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .max_blocking_threads(self.cfg.threads.max(1) + 1)
            .enable_all()
            .build()
        {
            Ok(rt) => rt,
            Err(e) => {
                eprintln!("jixiao-lint serve: cannot start: {e}");
                return;
            }
        };
        rt.block_on(http::serve(self.listener, self.cfg, self.addr));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_addresses_bind() {
        let cfg = ServeConfig {
            host: IpAddr::from([0, 0, 0, 0]),
            port: 0,
            ..Default::default()
        };
        let e = Server::bind(cfg).err().unwrap();
        assert!(matches!(e, ServeError::NotLoopback(_)));
        assert!(e.to_string().contains("loopback"), "{e}");
    }
}
