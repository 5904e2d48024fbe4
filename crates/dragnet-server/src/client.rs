//! Who is on the other end of a call: the client's address, and whether it came over HTTPS. The
//! forwarding headers a reverse proxy adds (`X-Forwarded-For`, `X-Forwarded-Proto`) are believed
//! only from a proxy the operator named as trusted; from anyone else they are text a client wrote.

use std::net::IpAddr;

use axum::http::HeaderMap;
use axum::http::request::Parts;

/// The proxies whose forwarding headers are believed: addresses or networks (`10.0.0.0/8`,
/// `fd00::/8`). None by default: the connection's peer is the client.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies {
    networks: Vec<(IpAddr, u8)>,
}

impl TrustedProxies {
    /// A comma-separated list of addresses and networks, as `--trusted-proxies` takes it.
    pub fn parse(text: &str) -> Result<TrustedProxies, String> {
        let mut networks = Vec::new();
        for item in text.split(',').map(str::trim).filter(|item| !item.is_empty()) {
            let (address, bits) = match item.split_once('/') {
                Some((address, bits)) => (address, Some(bits)),
                None => (item, None),
            };
            let address: IpAddr =
                address.parse().map_err(|_| format!("{item:?} is not an IP address or network (10.0.0.0/8)"))?;
            let most = if address.is_ipv4() { 32 } else { 128 };
            let bits =
                match bits {
                    None => most,
                    Some(bits) => bits.parse::<u8>().ok().filter(|b| *b <= most).ok_or_else(|| {
                        format!("{item:?}: the network's prefix is a number of bits from 0 to {most}")
                    })?,
                };
            networks.push((address, bits));
        }
        Ok(TrustedProxies { networks })
    }

    pub fn is_empty(&self) -> bool {
        self.networks.is_empty()
    }

    pub fn trusts(&self, address: IpAddr) -> bool {
        let address = canonical(address);
        self.networks.iter().any(|(network, bits)| within(address, canonical(*network), *bits))
    }
}

/// An IPv4 address written as IPv6 (`::ffff:10.0.0.1`) is that IPv4 address.
fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, IpAddr::V4),
        v4 => v4,
    }
}

fn within(address: IpAddr, network: IpAddr, bits: u8) -> bool {
    let (a, n, width) = match (address, network) {
        (IpAddr::V4(a), IpAddr::V4(n)) => (u128::from(u32::from(a)), u128::from(u32::from(n)), 32),
        (IpAddr::V6(a), IpAddr::V6(n)) => (u128::from(a), u128::from(n), 128),
        _ => return false,
    };
    let shift = width - u32::from(bits);
    shift >= width || (a >> shift) == (n >> shift)
}

/// The client of one call, as far as it can be known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Client {
    /// The client's address: the connection's peer, or, behind trusted proxies, the last address
    /// in `X-Forwarded-For` that is not one of them. `None` for a router driven without a socket.
    pub address: Option<IpAddr>,
    /// Whether the client reached Dragnet over HTTPS, as a trusted proxy says.
    pub https: bool,
}

impl Client {
    /// The client of a call with these `headers` from `peer`.
    pub fn of(headers: &HeaderMap, peer: Option<IpAddr>, proxies: &TrustedProxies) -> Client {
        let Some(peer) = peer.map(canonical) else { return Client { address: None, https: false } };
        if !proxies.trusts(peer) {
            return Client { address: Some(peer), https: false };
        }
        // Each proxy appends the address it was called from: read from the right, past our own
        // proxies. An entry that is not an address ends the reading there: what lies to its left
        // was written by someone no proxy vouches for, so the nearest proxy is the client.
        let forwarded: Vec<Option<IpAddr>> = headers
            .get_all("x-forwarded-for")
            .iter()
            .map(|value| value.to_str().unwrap_or(""))
            .flat_map(|value| value.split(','))
            .map(|item| forwarded_address(item.trim()).map(canonical))
            .collect();
        let mut address = peer;
        for entry in forwarded.iter().rev() {
            match entry {
                Some(hop) if proxies.trusts(*hop) => address = *hop,
                Some(client) => {
                    address = *client;
                    break;
                }
                None => break,
            }
        }
        let https = headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .is_some_and(|proto| proto.trim().eq_ignore_ascii_case("https"));
        Client { address: Some(address), https }
    }

    /// The client of a request's `parts`, its peer from the connection `serve` gives.
    pub fn of_parts(parts: &Parts, proxies: &TrustedProxies) -> Client {
        Client::of(&parts.headers, peer(&parts.extensions), proxies)
    }

    /// The key a client's calls are limited by: its address, an IPv6 one by its /64 (the network a
    /// single subscriber is given, where it may pick any address).
    pub fn limit_key(&self) -> Option<String> {
        self.address.map(|address| match address {
            IpAddr::V4(v4) => v4.to_string(),
            IpAddr::V6(v6) => {
                let segments = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", segments[0], segments[1], segments[2], segments[3])
            }
        })
    }

    /// Whether the client is this machine (a page asked for on `localhost` over plain HTTP).
    pub fn is_local(&self) -> bool {
        self.address.is_none_or(|a| a.is_loopback())
    }
}

impl axum::extract::FromRequestParts<crate::AppState> for Client {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &crate::AppState) -> Result<Self, Self::Rejection> {
        Ok(Client::of_parts(parts, &state.proxies))
    }
}

/// Where the public reaches this service, for the links of the public API: the configured public
/// URL, or else the `Host` the call named if it reads as a host name or address (with its port),
/// over HTTPS if a trusted proxy says so.
pub fn base_url(public_url: Option<&str>, headers: &HeaderMap, client: &Client) -> String {
    if let Some(url) = public_url {
        return url.trim_end_matches('/').to_string();
    }
    let host = headers.get(axum::http::header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
    let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']');
    let host = if !host.is_empty() && host.len() <= 255 && host.chars().all(plain) { host } else { "localhost" };
    format!("{}://{host}", if client.https { "https" } else { "http" })
}

/// An address as proxies write it in `X-Forwarded-For`: bare, or with a port (`10.0.0.1:443`,
/// `[2001:db8::1]:443`).
fn forwarded_address(item: &str) -> Option<IpAddr> {
    if let Ok(address) = item.parse::<IpAddr>() {
        return Some(address);
    }
    if let Ok(socket) = item.parse::<std::net::SocketAddr>() {
        return Some(socket.ip());
    }
    item.strip_prefix('[').and_then(|rest| rest.strip_suffix(']')).and_then(|inner| inner.parse().ok())
}

/// The peer address `serve` records for each connection.
pub fn peer(extensions: &axum::http::Extensions) -> Option<IpAddr> {
    extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>().map(|info| info.0.ip())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn forwarding_headers_are_believed_from_trusted_proxies_only() {
        let proxies = TrustedProxies::parse("10.0.0.0/8, ::1").unwrap();
        let forged = headers(&[("x-forwarded-for", "203.0.113.9"), ("x-forwarded-proto", "https")]);
        let direct = Client::of(&forged, Some("198.51.100.7".parse().unwrap()), &proxies);
        assert_eq!(direct, Client { address: Some("198.51.100.7".parse().unwrap()), https: false });
        let proxied = Client::of(&forged, Some("10.1.2.3".parse().unwrap()), &proxies);
        assert_eq!(proxied, Client { address: Some("203.0.113.9".parse().unwrap()), https: true });
        // A client that writes its own X-Forwarded-For ahead of the proxy's gains nothing.
        let chained = headers(&[("x-forwarded-for", "1.2.3.4, 203.0.113.9, 10.9.9.9")]);
        let client = Client::of(&chained, Some("::ffff:10.1.2.3".parse().unwrap()), &proxies);
        assert_eq!(client.address, Some("203.0.113.9".parse().unwrap()));
        // An entry that does not read ends the reading: the client cannot hide behind it.
        for (odd, nearest) in [("8.8.8.1, unknown", "10.1.2.3"), ("8.8.8.1, garbage, 10.9.9.9", "10.9.9.9")] {
            let client = Client::of(&headers(&[("x-forwarded-for", odd)]), Some("10.1.2.3".parse().unwrap()), &proxies);
            assert_eq!(client.address, Some(nearest.parse().unwrap()), "{odd}");
        }
        let ported = headers(&[("x-forwarded-for", "8.8.8.1, 5.5.5.5:4444")]);
        let client = Client::of(&ported, Some("10.1.2.3".parse().unwrap()), &proxies);
        assert_eq!(client.address, Some("5.5.5.5".parse().unwrap()), "a port is read past");
        assert!(TrustedProxies::parse("10.0.0.0/33").is_err() && TrustedProxies::parse("proxy").is_err());
        assert!(TrustedProxies::parse("0.0.0.0/0").unwrap().trusts("8.8.8.8".parse().unwrap()));
    }

    #[test]
    fn links_name_only_a_host() {
        let client = Client { address: None, https: false };
        let evil = headers(&[("host", "evil.example/<script>")]);
        assert_eq!(base_url(None, &evil, &client), "http://localhost");
        let fine = headers(&[("host", "notices.example.org:8443")]);
        assert_eq!(base_url(None, &fine, &Client { https: true, ..client }), "https://notices.example.org:8443");
        assert_eq!(base_url(Some("https://n.example/"), &evil, &client), "https://n.example");
    }

    #[test]
    fn an_ipv6_client_is_limited_by_its_network() {
        let none = TrustedProxies::default();
        let a = Client::of(&HeaderMap::new(), Some("2001:db8:1:2::1".parse().unwrap()), &none);
        let b = Client::of(&HeaderMap::new(), Some("2001:db8:1:2:ffff::9".parse().unwrap()), &none);
        assert_eq!(a.limit_key(), b.limit_key());
        assert_eq!(a.limit_key().unwrap(), "2001:db8:1:2::/64");
    }
}
