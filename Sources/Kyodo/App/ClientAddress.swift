import Glibc
import HTTP

/// An address range (`10.0.0.0/8`, `::1/128`, or one address) for `--trusted-proxy`.
public struct CIDR: Sendable, Equatable {
    let bytes: [UInt8]
    let prefix: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard let first = parts.first, let address = Self.bytes(first) else { return nil }
        let bits = address.count * 8
        if parts.count == 2 {
            guard let p = Int(parts[1]), (0...bits).contains(p) else { return nil }
            prefix = p
        } else {
            prefix = bits
        }
        bytes = address
    }

    /// The address's bytes (4 or 16), an IPv4-mapped IPv6 address as IPv4; nil if not an address.
    static func bytes(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let all = withUnsafeBytes(of: &v6) { Array($0) }
        if all.prefix(10).allSatisfy({ $0 == 0 }) && all[10] == 0xFF && all[11] == 0xFF { return Array(all.suffix(4)) }
        return all
    }

    public func contains(_ address: String) -> Bool {
        guard let other = Self.bytes(address), other.count == bytes.count else { return false }
        var remaining = prefix
        for (a, b) in zip(bytes, other) where remaining > 0 {
            let bits = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if a & mask != b & mask { return false }
            remaining -= bits
        }
        return true
    }
}

enum ClientAddress {
    /// The client's address: the connection's peer, or — when the peer is a trusted proxy — the
    /// nearest address in `X-Forwarded-For` that is not itself a trusted proxy (read from the right:
    /// a client can put anything at the left of the header, only the proxies' own entries count).
    static func of(_ request: Request, trusting proxies: [CIDR]) -> String {
        let peer = request.remoteAddress
        guard !proxies.isEmpty, proxies.contains(where: { $0.contains(peer) }),
              let header = request.headers["X-Forwarded-For"] else { return peer }
        let hops = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() {
            guard CIDR.bytes(hop) != nil else { return peer }
            if !proxies.contains(where: { $0.contains(hop) }) { return hop }
        }
        return hops.first ?? peer
    }
}
