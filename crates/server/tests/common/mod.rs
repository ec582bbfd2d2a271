//! Shared test helpers: starting a server and a minimal HTTP/1.1 client.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::time::Duration;
use storyline_server::{ServeOptions, Server, CSP};

/// Starts a server on a free loopback port over `db` (kept alive by `keep`) and returns
/// its address.
pub fn start<K: Send + 'static>(db: PathBuf, token: &str, keep: K) -> SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    let token = token.to_string();
    std::thread::spawn(move || {
        let _keep = keep;
        let runtime = tokio::runtime::Runtime::new().expect("runtime");
        runtime.block_on(async {
            let mut opts = ServeOptions::new(db);
            opts.addr = "127.0.0.1:0".parse().expect("addr");
            opts.token = Some(token);
            let server = Server::bind(opts).await.expect("bind");
            tx.send(server.local_addr()).expect("send addr");
            server.run(std::future::pending()).await.expect("run");
        });
    });
    rx.recv_timeout(Duration::from_secs(60))
        .expect("server started")
}

/// Fetches a page and checks it is 200 HTML with the security headers, no script and
/// no inline style.
pub fn page(addr: SocketAddr, path: &str) -> Response {
    let res = request(addr, "GET", path, &[], b"");
    assert_eq!(res.status, 200, "{path}: {}", res.body);
    assert_eq!(res.header("content-security-policy"), Some(CSP), "{path}");
    assert_eq!(res.header("x-content-type-options"), Some("nosniff"));
    assert!(res
        .header("content-type")
        .is_some_and(|c| c.starts_with("text/html")));
    assert!(!res.body.contains("<script"), "{path} has a script");
    assert!(!res.body.contains(" style="), "{path} has an inline style");
    res
}

/// A parsed HTTP response.
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

/// Decodes a chunked body.
fn unchunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = raw.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&raw[..eol]).expect("chunk size");
        let size = usize::from_str_radix(size.split(';').next().unwrap_or("").trim(), 16)
            .expect("hex chunk size");
        if size == 0 {
            break;
        }
        out.extend_from_slice(&raw[eol + 2..eol + 2 + size]);
        raw = &raw[eol + 2 + size + 2..];
    }
    out
}

/// Sends one request (with `Host: localhost` unless `headers` name one) and reads the
/// whole response (the connection is closed after it).
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Response {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .expect("timeout");
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("host")) {
        head.push_str("Host: localhost\r\n");
    }
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).expect("write head");
    // The server may answer (413) and close before reading all of a large body.
    let mut writer = stream.try_clone().expect("clone");
    let body = body.to_vec();
    let sender = std::thread::spawn(move || {
        let _ = writer.write_all(&body);
    });
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let _ = sender.join();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no response head: {:?}", String::from_utf8_lossy(&raw)));
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let rest = &raw[split + 4..];
    let chunked = headers
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    let body = if chunked {
        unchunk(rest)
    } else {
        rest.to_vec()
    };
    Response {
        status,
        headers,
        body: String::from_utf8(body).expect("utf-8 body"),
    }
}
