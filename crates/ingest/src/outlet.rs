//! Outlet names from URLs.

/// Host prefixes that name a server rather than the outlet.
const SERVER_PREFIXES: [&str; 5] = ["www.", "m.", "amp.", "mobile.", "www1."];

/// The host of an `http(s)` URL, lower-cased, without user info or port.
pub(crate) fn host(url: &str) -> Option<String> {
    let (scheme, rest) = url.trim().split_once("://")?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?;
    let host_port = authority.rsplit('@').next()?;
    let host = host_port
        .split(':')
        .next()?
        .trim_end_matches('.')
        .to_ascii_lowercase();
    let valid = host.contains('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    valid.then_some(host)
}

/// Outlet name from a URL: the host without a server prefix (`www.example-herald.com` →
/// `example-herald.com`).
pub(crate) fn from_url(url: &str) -> Option<String> {
    let host = host(url)?;
    let name = SERVER_PREFIXES
        .iter()
        .find_map(|p| host.strip_prefix(p))
        .unwrap_or(&host);
    Some(name.to_string())
}

/// True when the text is an absolute `http(s)` URL with a host.
pub(crate) fn is_url(text: &str) -> bool {
    !text.chars().any(char::is_whitespace) && host(text).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlet_from_host() {
        assert_eq!(
            from_url("https://www.example-herald.com/a/b?c=1").as_deref(),
            Some("example-herald.com")
        );
        assert_eq!(
            from_url("http://user@News.Example.ORG:8080/").as_deref(),
            Some("news.example.org")
        );
        assert_eq!(from_url("ftp://example.org/x"), None);
        assert_eq!(from_url("https://localhost/x"), None);
        assert!(is_url("https://m.example.net/story"));
        assert!(!is_url("https://example.net/a story"));
    }
}
