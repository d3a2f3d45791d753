import HTTP
import Testing

/// Malformed and ambiguous requests: each gets 400 and a closed connection, and none reaches a
/// handler (RFC 9112 §6.3, §11.2).
@Suite struct SmugglingTests {
    static let cases: [(String, String)] = [
        ("Content-Length with Transfer-Encoding",
         "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
        ("differing duplicate Content-Length",
         "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"),
        ("differing Content-Length list", "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5, 6\r\n\r\nhello!"),
        ("signed Content-Length", "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: +5\r\n\r\nhello"),
        ("transfer coding other than chunked", "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\n"),
        ("chunked not alone", "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"),
        ("chunked twice", "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
        ("Transfer-Encoding in HTTP/1.0", "POST /echo HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
        ("obs-fold", "GET /hello HTTP/1.1\r\nHost: t\r\nX-A: one\r\n two\r\n\r\n"),
        ("bare LF ending the request line", "GET /hello HTTP/1.1\nHost: t\r\n\r\n"),
        ("bare LF ending a field", "GET /hello HTTP/1.1\r\nHost: t\nX-A: b\r\n\r\n"),
        ("bare CR inside a field value", "GET /hello HTTP/1.1\r\nHost: t\r\nX-A: a\rb\r\n\r\n"),
        ("bare CR in the request line", "GET /hello\r HTTP/1.1\r\nHost: t\r\n\r\n"),
        ("non-token character in method", "GE(T /hello HTTP/1.1\r\nHost: t\r\n\r\n"),
        ("non-token character in field name", "GET /hello HTTP/1.1\r\nHost: t\r\nX@A: b\r\n\r\n"),
        ("space in field name", "GET /hello HTTP/1.1\r\nHost: t\r\nX A: b\r\n\r\n"),
        ("space before the colon", "GET /hello HTTP/1.1\r\nHost: t\r\nX-A : b\r\n\r\n"),
        ("invalid chunk size", "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"),
        ("empty chunk size", "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n\r\nhello\r\n0\r\n\r\n"),
        ("chunk size overflow", "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff1\r\nx\r\n0\r\n\r\n"),
        ("chunk data without CRLF", "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n"),
        ("NUL in a field value", "GET /hello HTTP/1.1\r\nHost: t\r\nX-A: a\u{0}b\r\n\r\n"),
        ("NUL in the target", "GET /hel\u{0}lo HTTP/1.1\r\nHost: t\r\n\r\n"),
        ("encoded NUL in the path", "GET /items/%00 HTTP/1.1\r\nHost: t\r\n\r\n"),
        ("authority-form target", "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com\r\n\r\n"),
        ("asterisk-form with GET", "GET * HTTP/1.1\r\nHost: t\r\n\r\n"),
        ("missing Host", "GET /hello HTTP/1.1\r\n\r\n"),
        ("two Host fields", "GET /hello HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
        ("double space in request line", "GET  /hello HTTP/1.1\r\nHost: t\r\n\r\n"),
        ("lowercase version", "GET /hello http/1.1\r\nHost: t\r\n\r\n"),
        ("bad percent-encoding in path", "GET /items/%zz HTTP/1.1\r\nHost: t\r\n\r\n"),
    ]

    @Test(arguments: cases.indices)
    func rejects_malformedRequest_with400AndClose(_ index: Int) throws {
        let (name, raw) = Self.cases[index]
        let server = try TestServer()
        defer { server.stop() }
        let c = try server.client()
        try c.send(raw)
        let response = try c.readResponse()
        #expect(response.status == 400, "\(name)")
        #expect(response.header("Connection") == "close", "\(name)")
        #expect(c.isClosedByPeer(), "\(name)")
        #expect(server.calls == 0, "\(name) reached a handler")
    }

    @Test func rejects_smuggledSecondRequest_neverReachesHandler() throws {
        let server = try TestServer()
        defer { server.stop() }
        let c = try server.client()
        try c.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\nTransfer-Encoding: chunked\r\n\r\n" +
                   "0\r\n\r\nGET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try c.readResponse().status == 400)
        #expect(c.isClosedByPeer())
        #expect(server.calls == 0)
    }

    @Test func unsupportedVersion_is505() throws {
        let server = try TestServer()
        defer { server.stop() }
        #expect(try server.exchange("GET /hello HTTP/2.0\r\nHost: t\r\n\r\n").status == 505)
    }

    @Test func garbage_neitherCrashesNorHangs() throws {
        let server = try TestServer()
        defer { server.stop() }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let bytes = (0..<Int.random(in: 1...300, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let c = try server.client(timeout: 2)
            try? c.send(bytes + Array("\r\n\r\n".utf8))
            _ = try? c.readResponse()
        }
        #expect(try server.exchange(request("GET", "/hello")).status == 200)
    }
}
