import HTTP
import Testing

/// RFC 9112 §3.2: the Host header is validated; §3.2.2: absolute-form targets are accepted.
@Suite struct HostAndTargetTests {
    @Test(arguments: ["a b", "a/b", "user@host", "host:99999", "host:80x", "[::1", "host:1:2", "ex\u{00E9}.jp"])
    func invalidHost_is400(host: String) throws {
        let server = try TestServer()
        defer { server.stop() }
        #expect(try server.exchange("GET /hello HTTP/1.1\r\nHost: \(host)\r\n\r\n").status == 400)
    }

    @Test(arguments: ["example.jp", "example.jp:8080", "127.0.0.1:80", "[::1]:8080", "[::1]", "a-b.example_x.jp", ""])
    func validHost_isServed(host: String) throws {
        let server = try TestServer()
        defer { server.stop() }
        #expect(try server.exchange("GET /hello HTTP/1.1\r\nHost: \(host)\r\n\r\n").status == 200)
    }

    @Test func twoHosts_are400() throws {
        let server = try TestServer()
        defer { server.stop() }
        #expect(try server.exchange("GET /hello HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n").status == 400)
        #expect(try server.exchange("GET /hello HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n").status == 400)
    }

    @Test func absoluteForm_isServedAsItsPath() throws {
        let server = try TestServer()
        defer { server.stop() }
        let r = try server.exchange("GET http://example.jp/hello HTTP/1.1\r\nHost: example.jp\r\n\r\n")
        #expect(r.status == 200 && r.text == "hello")
        #expect(try server.exchange("GET HTTPS://example.jp:8443/hello?x=1 HTTP/1.1\r\nHost: example.jp\r\n\r\n").status == 200)
        #expect(try server.exchange("GET example.jp:80 HTTP/1.1\r\nHost: example.jp\r\n\r\n").status == 400)
        #expect(try server.exchange("GET http:///hello HTTP/1.1\r\nHost: x\r\n\r\n").status == 400)
    }
}
