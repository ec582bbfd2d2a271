//! Security: response headers, the bearer-token check and token generation.

use crate::error::{Failure, ServerError};
use crate::state::Shared;
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderValue};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

/// The Content-Security-Policy of every response: no scripts, styles from our own files only.
pub const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
     base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Adds the security headers to every response.
pub(crate) async fn headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    res
}

/// Lets a request through only when its `Host` names the loopback interface, so that
/// a web page on another site cannot reach a loopback server by rebinding its own
/// domain name to 127.0.0.1.
pub(crate) async fn loopback_host(req: Request, next: Next) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| req.uri().host())
        .unwrap_or("");
    if is_loopback_host(host) {
        next.run(req).await
    } else {
        crate::api::failure(Failure::new(
            StatusCode::MISDIRECTED_REQUEST,
            "this server answers only to localhost, 127.0.0.1 or [::1]; start it with --allow-remote to serve other host names",
        ))
    }
}

/// True for `localhost`, `127.x.x.x` and `[::1]`, with or without a port.
fn is_loopback_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Lets a request through only with `Authorization: Bearer <token>`.
pub(crate) async fn require_token(
    State(state): State<Shared>,
    req: Request,
    next: Next,
) -> Response {
    if bearer_matches(req.headers(), &state.token) {
        next.run(req).await
    } else {
        let mut res = crate::api::failure(Failure::new(
            StatusCode::UNAUTHORIZED,
            "this endpoint needs the header `Authorization: Bearer <token>` with the server's token",
        ));
        res.headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        res
    }
}

/// True when the headers carry `Bearer <token>`, compared in constant time.
fn bearer_matches(headers: &HeaderMap, token: &str) -> bool {
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    given.is_some_and(|g| {
        g.len() == token.len()
            && g.bytes()
                .zip(token.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0
    })
}

/// A fresh random token: 32 hex digits (128 bits) from the operating system.
pub(crate) fn random_token() -> Result<String, ServerError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| ServerError::Random(e.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_auth(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_str(value).unwrap_or(HeaderValue::from_static("")),
        );
        h
    }

    #[test]
    fn bearer_needs_the_exact_token() {
        assert!(bearer_matches(&with_auth("Bearer s3cret"), "s3cret"));
        assert!(!bearer_matches(&with_auth("Bearer s3cre"), "s3cret"));
        assert!(!bearer_matches(&with_auth("Bearer s3cret2"), "s3cret"));
        assert!(!bearer_matches(&with_auth("Basic s3cret"), "s3cret"));
        assert!(!bearer_matches(&HeaderMap::new(), "s3cret"));
    }

    #[test]
    fn only_loopback_host_names_pass() {
        for ok in [
            "localhost",
            "LOCALHOST:8080",
            "127.0.0.1:8080",
            "127.1.2.3",
            "[::1]:80",
            "[::1]",
        ] {
            assert!(is_loopback_host(ok), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:8080",
            "localhost.evil.example",
            "10.0.0.1",
            "",
            "[::2]",
        ] {
            assert!(!is_loopback_host(bad), "{bad}");
        }
    }

    #[test]
    fn random_tokens_differ() {
        let (a, b) = (random_token(), random_token());
        assert!(matches!((&a, &b), (Ok(x), Ok(y)) if x != y && x.len() == 32));
    }
}
