/// Decisions taken from a parsed head: body framing, persistence, Expect. This is where request
/// smuggling is refused (RFC 9112 §6.1, §6.3).
enum HeadSemantics {
    /// RFC 3986 §3.2.2–3.2.3: reg-name or IPv4 (unreserved, pct-encoded, sub-delims) or an IP literal
    /// in brackets, then an optional port of digits up to 65535. Empty is allowed (§3.2).
    static func isValidHost(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard !bytes.isEmpty else { return true }
        var hostEnd = bytes.count
        if bytes[0] == UInt8(ascii: "[") {
            guard let close = bytes.firstIndex(of: UInt8(ascii: "]")), close > 1 else { return false }
            let literal = bytes[1..<close]
            guard literal.allSatisfy({ isHex($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") }) else { return false }
            hostEnd = close + 1
            guard hostEnd == bytes.count || bytes[hostEnd] == UInt8(ascii: ":") else { return false }
        } else if let colon = bytes.lastIndex(of: UInt8(ascii: ":")) {
            hostEnd = colon
        }
        let name = bytes[..<hostEnd]
        if bytes[0] != UInt8(ascii: "[") {
            guard !name.isEmpty, name.allSatisfy({ b in
                isHex(b) || (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || "-._~%!$&'()*+,;=".utf8.contains(b)
            }) else { return false }
        }
        guard hostEnd < bytes.count else { return true }
        let port = bytes[(hostEnd + 1)...]
        guard port.count <= 5, port.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        return port.isEmpty || (Int(String(decoding: port, as: UTF8.self)) ?? 70_000) <= 65_535
    }

    private static func isHex(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x66) }

    static func apply(to head: inout RequestHead) throws(HTTPParseError) {
        let headers = head.headers
        // RFC 9112 §3.2: an HTTP/1.1 request carries exactly one Host, and a Host that is not a valid
        // uri-host [":" port] is a 400.
        let hosts = headers.values(for: "Host")
        if head.isHTTP11, hosts.count != 1 { throw .malformed("Host") }
        if hosts.count > 1 || !hosts.allSatisfy(isValidHost) { throw .malformed("Host") }

        let transferEncodings = headers.values(for: "Transfer-Encoding")
        let lengths = headers.values(for: "Content-Length")
        if !transferEncodings.isEmpty {
            // §6.1: both headers at once is a smuggling signature; refuse rather than pick one.
            guard lengths.isEmpty else { throw .malformed("Content-Length with Transfer-Encoding") }
            // §6.1: HTTP/1.0 has no chunked coding; a TE there cannot be trusted.
            guard head.isHTTP11 else { throw .malformed("Transfer-Encoding in HTTP/1.0") }
            let codings = transferEncodings
                .flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
                .map { $0.trimmingASCIIWhitespace() }
            guard codings.count == 1, codings[0].caseInsensitiveEquals("chunked") else {
                throw .malformed("transfer coding")
            }
            head.framing = .chunked
        } else if !lengths.isEmpty {
            head.framing = .length(try contentLength(lengths))
        }
        if head.isHTTP11 {
            head.keepAlive = !headers.hasToken("close", in: "Connection")
        } else {
            head.keepAlive = headers.hasToken("keep-alive", in: "Connection")
        }
        if let expect = headers["Expect"], expect.caseInsensitiveEquals("100-continue"), head.isHTTP11 {
            head.expectsContinue = true
        }
    }

    /// §6.3: a list of identical values is one length; differing values are an error.
    private static func contentLength(_ values: [String]) throws(HTTPParseError) -> Int {
        var result: Int?
        for raw in values.flatMap({ $0.split(separator: ",", omittingEmptySubsequences: false) }) {
            let digits = raw.trimmingASCIIWhitespace()
            guard !digits.isEmpty, digits.utf8.count <= 18, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                  let n = Int(digits)
            else { throw .malformed("Content-Length") }
            if let result, result != n { throw .malformed("differing Content-Length") }
            result = n
        }
        guard let result else { throw .malformed("Content-Length") }
        return result
    }
}
