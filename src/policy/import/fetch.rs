//! The live policy: `check --policy-doc https://…` fetches the page users read.
//!
//! Only a URL given on the command line is fetched (a committed config comes from pull
//! requests in CI and must not make CI fetch internal addresses), over HTTPS unless the caller
//! allows plain HTTP, with limits on size ([`MAX_DOCUMENT_BYTES`]), redirects
//! ([`MAX_REDIRECTS`], never from HTTPS down to HTTP) and time ([`TIMEOUT`]). A response body is
//! never quoted in an error: the status code and the client's reason are all that is said.

use std::time::Duration;

use super::{ImportError, MAX_DOCUMENT_BYTES};

/// Redirects followed before giving up.
pub const MAX_REDIRECTS: u32 = 5;
/// The whole exchange (connect, TLS, headers, body) must end within this.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// Whether a `--policy-doc` value is a URL rather than a file.
pub fn is_url(source: &str) -> bool {
    let lower = source.get(..8).unwrap_or(source).to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// The document at `url`, as bytes.
pub(super) fn fetch(url: &str, allow_http: bool) -> Result<Vec<u8>, ImportError> {
    let fail = |message: String| ImportError::Fetch {
        url: redacted(url),
        message,
    };
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("https://") || allow_http && lower.starts_with("http://")) {
        return Err(fail(
            "only https:// addresses are fetched (pass --allow-http for a plain http:// one)"
                .into(),
        ));
    }
    let authority = url.split_once("://").map_or("", |(_, rest)| {
        rest.split(['/', '?', '#']).next().unwrap_or("")
    });
    if authority.contains('@') {
        return Err(fail(
            "the address carries a user name or password; permaudit does not send credentials"
                .into(),
        ));
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .https_only(!allow_http)
        .max_redirects(MAX_REDIRECTS)
        .timeout_global(Some(TIMEOUT))
        .http_status_as_error(false)
        .user_agent(concat!("permaudit/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut response = agent.get(url).call().map_err(|e| fail(describe(&e)))?;
    let status = response.status();
    if !status.is_success() {
        return Err(fail(format!(
            "the server answered HTTP {}{}",
            status.as_u16(),
            status
                .canonical_reason()
                .map_or(String::new(), |r| format!(" {r}"))
        )));
    }
    response
        .body_mut()
        .with_config()
        .limit(MAX_DOCUMENT_BYTES as u64)
        .read_to_vec()
        .map_err(|e| fail(describe(&e)))
}

/// The address without a user name or password, for messages.
fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..end].rfind('@') {
        Some(at) => format!("{scheme}://…@{}", &rest[at + 1..]),
        None => url.to_owned(),
    }
}

/// What went wrong, in words that never include the response body.
fn describe(e: &ureq::Error) -> String {
    match e {
        ureq::Error::BodyExceedsLimit(_) => {
            format!("the document is larger than {MAX_DOCUMENT_BYTES} bytes")
        }
        ureq::Error::TooManyRedirects => {
            format!("more than {MAX_REDIRECTS} redirects")
        }
        ureq::Error::RequireHttpsOnly(_) => {
            "a redirect leads to a plain http:// address; only https:// is fetched".into()
        }
        ureq::Error::Timeout(_) => format!("no complete answer within {} s", TIMEOUT.as_secs()),
        ureq::Error::HostNotFound => "the host name does not resolve (offline?)".into(),
        ureq::Error::ConnectionFailed => "cannot connect to the server (offline?)".into(),
        ureq::Error::Io(io) => format!("network error: {}", io.kind()),
        other => format!("cannot fetch the document: {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_unless_allowed_and_no_credentials() {
        assert!(is_url("https://example.com/p"));
        assert!(is_url("HTTP://example.com/p"));
        assert!(!is_url("policy.md"));
        let err = fetch("http://127.0.0.1:9/p", false)
            .unwrap_err()
            .to_string();
        assert!(err.contains("only https://"), "{err}");
        let err = fetch("https://user:pw@127.0.0.1:9/p", false)
            .unwrap_err()
            .to_string();
        assert!(err.contains("user name or password"), "{err}");
        assert!(!err.contains("pw@"), "{err}");
    }
}
