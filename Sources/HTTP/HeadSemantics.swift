/// Decisions taken from a parsed head: body framing, persistence, Expect. This is where request
/// smuggling is refused (RFC 9112 §6.1, §6.3).
enum HeadSemantics {
    static func apply(to head: inout RequestHead) throws(HTTPParseError) {
        let headers = head.headers
        // RFC 9112 §3.2: an HTTP/1.1 request carries exactly one Host.
        if head.isHTTP11, headers.values(for: "Host").count != 1 { throw .malformed("Host") }

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
