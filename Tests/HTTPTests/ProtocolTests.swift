import HTTP
import Testing

/// RFC 9112 behaviour over real sockets: persistence, pipelining, 100-continue, HEAD, OPTIONS.
@Suite struct ProtocolTests {
    @Test func keepAlive_reusesOneConnection() throws {
        let server = try TestServer()
        defer { server.stop() }
        let c = try server.client()
        for _ in 0..<5 {
            try c.send(request("GET", "/hello"))
            let response = try c.readResponse()
            #expect(response.text == "hello")
            #expect(response.header("Connection") == "keep-alive")
        }
    }

    @Test func connectionClose_isHonoured() throws {
        let server = try TestServer()
        defer { server.stop() }
        let c = try server.client()
        try c.send(request("GET", "/hello", headers: ["Connection: close"]))
        let response = try c.readResponse()
        #expect(response.status == 200)
        #expect(response.header("Connection") == "close")
        #expect(c.isClosedByPeer())
    }

    @Test func http10_closesUnlessKeepAliveAsked() throws {
        let server = try TestServer()
        defer { server.stop() }
        let plain = try server.client()
        try plain.send("GET /hello HTTP/1.0\r\n\r\n")
        #expect(try plain.readResponse().text == "hello")
        #expect(plain.isClosedByPeer())
        let kept = try server.client()
        try kept.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        #expect(try kept.readResponse().header("Connection") == "keep-alive")
        try kept.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        #expect(try kept.readResponse().status == 200)
    }

    @Test func pipelinedRequests_areAnsweredInOrder() throws {
        let server = try TestServer()
        defer { server.stop() }
        let c = try server.client()
        // The slow one first: a server that answered out of order would send "item 2" first.
        try c.send(request("GET", "/slow") + request("GET", "/items/2") + request("POST", "/echo", body: "three") + request("GET", "/hello"))
        #expect(try c.readResponse().text == "slow")
        #expect(try c.readResponse().text == "item 2")
        #expect(try c.readResponse().text == "three")
        #expect(try c.readResponse().text == "hello")
    }

    @Test func expectContinue_sends100ThenReadsBody() throws {
        let server = try TestServer()
        defer { server.stop() }
        let c = try server.client()
        try c.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
        #expect(try c.readResponse().status == 100)
        try c.send("hello")
        #expect(try c.readResponse().text == "hello")
    }

    @Test func expectContinue_overLimit_gets413Without100() throws {
        let server = try TestServer(limits: { $0.maxBodyBytes = 10 })
        defer { server.stop() }
        let c = try server.client()
        try c.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 11\r\nExpect: 100-continue\r\n\r\n")
        #expect(try c.readResponse().status == 413)
    }

    @Test func head_hasGetHeadersWithoutBody() throws {
        let server = try TestServer()
        defer { server.stop() }
        let c = try server.client()
        try c.send("HEAD /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        let head = try c.readResponse(head: true)
        #expect(head.status == 200)
        #expect(head.header("Content-Length") == "5")
        // If a body had been sent, it would be read as the next response's status line.
        try c.send(request("GET", "/items/7"))
        #expect(try c.readResponse().text == "item 7")
    }

    @Test func options_andWrongMethod_reportAllow() throws {
        let server = try TestServer()
        defer { server.stop() }
        let options = try server.exchange(request("OPTIONS", "/hello"))
        #expect(options.status == 204)
        #expect(options.header("Allow") == "GET, HEAD, OPTIONS")
        let wrong = try server.exchange(request("DELETE", "/hello"))
        #expect(wrong.status == 405)
        #expect(wrong.header("Allow") == "GET, HEAD, OPTIONS")
        #expect(try server.exchange("OPTIONS * HTTP/1.1\r\nHost: t\r\n\r\n").status == 204)
    }

    @Test func everyResponse_hasDateAndContentLength() throws {
        let server = try TestServer()
        defer { server.stop() }
        for target in ["/hello", "/missing", "/boom", "/conflict", "/static/css/app.css"] {
            let response = try server.exchange(request("GET", target))
            #expect(response.header("Date")?.hasSuffix("GMT") == true, "\(target)")
            #expect(response.header("Content-Length") == String(response.body.count), "\(target)")
        }
    }

    @Test func chunkedBody_withExtensionsAndTrailers_isDecoded() throws {
        let server = try TestServer()
        defer { server.stop() }
        let response = try server.exchange("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: Chunked\r\n\r\n" +
            "3;name=value\r\nabc\r\nA\r\n0123456789\r\n0\r\nX-Checksum: 1\r\n\r\n")
        #expect(response.text == "abc0123456789")
    }

    @Test func bodyArrivingByteByByte_isAssembled() throws {
        let server = try TestServer()
        defer { server.stop() }
        let c = try server.client()
        for byte in Array(request("POST", "/echo", body: "slow body").utf8) { try c.send([byte]) }
        #expect(try c.readResponse().text == "slow body")
    }

    @Test func listensOnIPv6Loopback() throws {
        let server = try TestServer(host: "::1")
        defer { server.stop() }
        let c = try RawClient(port: server.port, host: "::1")
        try c.send(request("GET", "/hello"))
        #expect(try c.readResponse().text == "hello")
    }

    @Test func portZero_picksAndReportsAFreePort() throws {
        let a = try TestServer()
        let b = try TestServer()
        defer { a.stop(); b.stop() }
        #expect(a.port > 0 && b.port > 0 && a.port != b.port)
    }
}
