//! Where Dragnet may send data on a bureau's say-so (its webhook): public addresses only. A bureau
//! is outside the operator's trust, so an address inside the operator's networks (a cloud's
//! metadata service, a database, this machine) is refused when registered, and again at each
//! delivery, after the name is resolved, so that a name which resolves inside (or comes to) is
//! never reached. The operator may allow private networks (a relay beside the server, tests).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// Whether `address` is reachable on the public internet: not loopback, private, link-local,
/// shared (carrier NAT), multicast, reserved, documentation or benchmarking space, nor an IPv6
/// form of one of those.
pub fn is_public(address: IpAddr) -> bool {
    match address {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(a: Ipv4Addr) -> bool {
    let [x, y, z, _] = a.octets();
    !(a.is_unspecified()
        || a.is_loopback()
        || a.is_private()
        || a.is_link_local()
        || a.is_broadcast()
        || a.is_multicast()
        || a.is_documentation()
        || x == 0
        || x >= 240
        || (x == 100 && (64..128).contains(&y))
        || (x == 192 && y == 0 && z == 0)
        || (x == 198 && (18..20).contains(&y)))
}

fn is_public_v6(a: Ipv6Addr) -> bool {
    if let Some(v4) = a.to_ipv4_mapped() {
        return is_public_v4(v4);
    }
    let s = a.segments();
    let embedded = |high: u16, low: u16| Ipv4Addr::new((high >> 8) as u8, high as u8, (low >> 8) as u8, low as u8);
    // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 address that is where they lead.
    if s[0] == 0x64 && s[1] == 0xff9b && s[2..6] == [0, 0, 0, 0] {
        return is_public_v4(embedded(s[6], s[7]));
    }
    if s[0] == 0x2002 {
        return is_public_v4(embedded(s[1], s[2]));
    }
    // Only global unicast (2000::/3) is public; within it, the IETF's protocol assignments
    // (2001::/23: Teredo, benchmarking, ORCHID…) and documentation (2001:db8::/32, 3fff::/20) are not.
    (s[0] & 0xe000) == 0x2000
        && !(s[0] == 0x2001 && s[1] < 0x0200)
        && !(s[0] == 0x2001 && s[1] == 0x0db8)
        && (s[0] & 0xfff0) != 0x3ff0
}

/// Host names that name the inside of a network whatever they resolve to.
pub fn is_internal_name(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    if host.starts_with('.') || host.contains("..") {
        return true;
    }
    host == "localhost"
        || ["localhost", "local", "internal", "intranet", "lan", "home.arpa", "corp"]
            .iter()
            .any(|suffix| host.ends_with(&format!(".{suffix}")))
        || !host.contains('.')
}

/// A resolver for the webhook client that answers public addresses only: a name that resolves to
/// none is an error, so the connection is never made.
#[derive(Debug, Clone, Copy)]
pub struct PublicOnly;

impl reqwest::dns::Resolve for PublicOnly {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_string();
        Box::pin(async move {
            let addresses = public_addresses(&host).await?;
            Ok(Box::new(addresses.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// The public addresses `host` resolves to; an error naming the first inside one when it has no
/// other.
pub async fn public_addresses(host: &str) -> Result<Vec<SocketAddr>, Box<dyn std::error::Error + Send + Sync>> {
    if is_internal_name(host) {
        return Err(format!("{host} names an internal host").into());
    }
    resolved_public(host).await
}

/// What `host` resolves to that is public, whatever its name says.
async fn resolved_public(host: &str) -> Result<Vec<SocketAddr>, Box<dyn std::error::Error + Send + Sync>> {
    let resolved: Vec<SocketAddr> = tokio::net::lookup_host((host, 0)).await?.collect();
    let public: Vec<SocketAddr> = resolved.iter().copied().filter(|a| is_public(a.ip())).collect();
    match (public.is_empty(), resolved.first()) {
        (false, _) => Ok(public),
        (true, Some(inside)) => Err(format!("{host} resolves to {}, an internal address", inside.ip()).into()),
        (true, None) => Err(format!("{host} resolves to no address").into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inside_addresses_are_not_public() {
        for inside in [
            "127.0.0.1",
            "10.0.0.1",
            "172.16.5.4",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "224.0.0.1",
            "255.255.255.255",
            "198.18.0.1",
            "::1",
            "::",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "fd00::1",
            "fe80::1",
            "64:ff9b::a00:1",
            "2002:c0a8:101::1",
            "::127.0.0.1",
            "2001:2::1",
            "64:ff9b:1::a00:1",
            "::ffff:0:7f00:1",
            "2001:0:4136:e378:8000:63bf:80ff:fffe",
            "100::1",
            "3fff::1",
            "5f00::1",
            "2001:10::1",
            "2001:20::1",
            "2001:db8::1",
        ] {
            assert!(!is_public(inside.parse().unwrap()), "{inside}");
        }
        for outside in
            ["8.8.8.8", "185.45.1.1", "2a00:1450:4001::1", "64:ff9b::808:808", "2001:4860::8888", "2606:4700::1"]
        {
            assert!(is_public(outside.parse().unwrap()), "{outside}");
        }
    }

    #[test]
    fn internal_names_are_refused_by_name() {
        for name in ["localhost", "metadata.google.internal", "db.local", "printer", "x.localhost.", ".vm", "a..b"] {
            assert!(is_internal_name(name), "{name}");
        }
        assert!(!is_internal_name("ncb.example.fr"));
    }

    #[tokio::test]
    async fn a_name_that_resolves_inside_is_refused_by_what_it_resolves_to() {
        // `localhost` resolves through the system's resolver to 127.0.0.1 on every machine: what a
        // bureau's own name pointed inside would do.
        let err = resolved_public("localhost").await.unwrap_err().to_string();
        assert!(err.contains("resolves to") && err.contains("internal address"), "{err}");
        let err = public_addresses("localhost").await.unwrap_err().to_string();
        assert!(err.contains("internal host"), "{err}");
    }
}
