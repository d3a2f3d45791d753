import Glibc
import HTTP
import Testing

/// Every limit at its boundary: the limit passes, one byte (or field) more fails with its status.
@Suite struct LimitTests {
    @Test func requestLine_atLimit_passes_overLimit_is414() throws {
        let server = try TestServer()
        defer { server.stop() }
        let fixed = "GET /hello?p= HTTP/1.1".utf8.count
        let atLimit = "GET /hello?p=" + String(repeating: "a", count: 8192 - fixed) + " HTTP/1.1"
        #expect(atLimit.utf8.count == 8192)
        #expect(try server.exchange(atLimit + "\r\nHost: t\r\n\r\n").status == 200)
        let over = "GET /hello?p=" + String(repeating: "a", count: 8193 - fixed) + " HTTP/1.1"
        let c = try server.client()
        try c.send(over + "\r\nHost: t\r\n\r\n")
        let response = try c.readResponse()
        #expect(response.status == 414)
        #expect(response.header("Connection") == "close")
        #expect(c.isClosedByPeer())
    }

    @Test func requestLine_overLimit_isRefusedBeforeItEnds() throws {
        let server = try TestServer()
        defer { server.stop() }
        let c = try server.client()
        try c.send("GET /" + String(repeating: "a", count: 9000))
        #expect(try c.readResponse().status == 414)
    }

    /// The header section counts every field line with its CRLF, not the request line or the
    /// blank line that ends it.
    private func headers(totalling bytes: Int) -> String {
        let host = "Host: t\r\n"
        let padName = "X-Pad: "
        let pad = String(repeating: "p", count: bytes - host.utf8.count - padName.utf8.count - 2)
        return host + padName + pad + "\r\n"
    }

    @Test func headerSection_atLimit_passes_overLimit_is431() throws {
        let server = try TestServer()
        defer { server.stop() }
        #expect(try server.exchange("GET /hello HTTP/1.1\r\n" + headers(totalling: 32 * 1024) + "\r\n").status == 200)
        let c = try server.client()
        try c.send("GET /hello HTTP/1.1\r\n" + headers(totalling: 32 * 1024 + 1) + "\r\n")
        let response = try c.readResponse()
        #expect(response.status == 431)
        #expect(response.header("Connection") == "close")
    }

    @Test func headerCount_atLimit_passes_overLimit_is431() throws {
        let server = try TestServer()
        defer { server.stop() }
        let fields = (1...99).map { "X-F\($0): v\r\n" }.joined()
        #expect(try server.exchange("GET /hello HTTP/1.1\r\nHost: t\r\n" + fields + "\r\n").status == 200)
        #expect(try server.exchange("GET /hello HTTP/1.1\r\nHost: t\r\n" + fields + "X-Last: v\r\n\r\n").status == 431)
    }

    @Test func body_atLimit_passes_overLimit_is413() throws {
        let server = try TestServer()
        defer { server.stop() }
        let limit = 1024 * 1024
        let ok = try server.exchange(request("POST", "/echo", body: String(repeating: "b", count: limit)))
        #expect(ok.status == 200)
        #expect(ok.body.count == limit)
        let c = try server.client()
        try c.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: \(limit + 1)\r\n\r\n")
        let response = try c.readResponse()
        #expect(response.status == 413)
        #expect(response.header("Connection") == "close")
        #expect(server.calls == 1)
    }

    @Test func chunkedBody_overLimit_is413() throws {
        let server = try TestServer(limits: { $0.maxBodyBytes = 10 })
        defer { server.stop() }
        let ok = try server.exchange("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n12345\r\n5\r\n67890\r\n0\r\n\r\n")
        #expect(ok.text == "1234567890")
        let over = try server.exchange("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n12345\r\n6\r\n678901\r\n0\r\n\r\n")
        #expect(over.status == 413)
    }

    @Test func routeOverride_raisesBodyLimitForThatRouteOnly() throws {
        let server = try TestServer(limits: { $0.maxBodyBytes = 100 }, extraRoutes: { router in
            router.post("/big", options: RouteOptions(maxBodyBytes: 1000)) { request in .text("\(request.body.count)") }
        })
        defer { server.stop() }
        let body = String(repeating: "x", count: 1000)
        #expect(try server.exchange(request("POST", "/big", body: body)).text == "1000")
        #expect(try server.exchange(request("POST", "/big", body: body + "x")).status == 413)
        #expect(try server.exchange(request("POST", "/echo", body: String(body.prefix(101)))).status == 413)
    }

    @Test func headerReadDeadline_answers408AndCloses() throws {
        let server = try TestServer(limits: { $0.headerReadTimeout = 0.3 })
        defer { server.stop() }
        let c = try server.client()
        try c.send("GET /hello HTTP/1.1\r\nHost: t\r\n")
        let response = try c.readResponse()
        #expect(response.status == 408)
        #expect(c.isClosedByPeer())
    }

    @Test func bodyReadDeadline_answers408AndCloses() throws {
        let server = try TestServer(limits: { $0.bodyReadTimeout = 0.3 })
        defer { server.stop() }
        let c = try server.client()
        try c.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\n12")
        #expect(try c.readResponse().status == 408)
        #expect(server.calls == 0)
    }

    /// A body trickled in slower than the minimum rate is cut off with 408 long before the whole-body deadline.
    @Test func aTrickledBody_isCutOffAtTheMinimumRate() throws {
        let server = try TestServer(limits: { $0.bodyReadTimeout = 60; $0.minBodyBytesPerSecond = 1000; $0.bodyRateGrace = 0.5 })
        defer { server.stop() }
        let c = try server.client(timeout: 10)
        try c.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\n")
        for _ in 0..<3 {
            try c.send("0123456789")
            usleep(200_000)
        }
        // 408 from the rate, not a hang until the 60-second deadline (the client gives up after 10 s).
        #expect(try c.readResponse().status == 408)
        #expect(server.calls == 0)
        // A body at a decent pace is unaffected.
        let fast = try server.client()
        try fast.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 4000\r\n\r\n" + String(repeating: "x", count: 4000))
        #expect(try fast.readResponse().status == 200)
    }

    @Test func idleKeepAlive_isClosedQuietlyAfterTimeout() throws {
        let server = try TestServer(limits: { $0.idleTimeout = 0.3 })
        defer { server.stop() }
        let c = try server.client()
        try c.send(request("GET", "/hello"))
        #expect(try c.readResponse().status == 200)
        #expect(c.isClosedByPeer())
    }

    @Test func maxConnections_extraConnectionGets503NotAHang() throws {
        let server = try TestServer(limits: { $0.maxConnections = 3 })
        defer { server.stop() }
        let open = try (0..<3).map { _ in try server.client() }
        for c in open {
            try c.send(request("GET", "/hello"))
            #expect(try c.readResponse().status == 200)
        }
        let extra = try server.client()
        let refused = try extra.readResponse()
        #expect(refused.status == 503)
        #expect(extra.isClosedByPeer())
        // The admitted ones keep working, and a slot frees up when one closes.
        try open[0].send(request("GET", "/hello"))
        #expect(try open[0].readResponse().status == 200)
    }

    /// Found by the abuse review: one client could take every connection. Now its extra ones get a
    /// 503 while a client from another address is served; a slot frees when one closes.
    @Test func perAddressLimit_refusesTheGreedyClient_only() throws {
        let server = try TestServer(limits: { $0.maxConnectionsPerAddress = 3 })
        defer { server.stop() }
        let open = try (0..<3).map { _ in try server.client() }
        for c in open {
            try c.send(request("GET", "/hello"))
            #expect(try c.readResponse().status == 200)
        }
        let extra = try server.client()
        #expect(try extra.readResponse().status == 503)
        // Another address (127.0.0.2 is loopback too) is unaffected.
        let other = try server.client(from: "127.0.0.2")
        try other.send(request("GET", "/hello"))
        #expect(try other.readResponse().status == 200)
        shutdown(open[0].fd, Int32(SHUT_RDWR)) // the server sees the end and frees the slot
        usleep(100_000)
        let again = try server.client()
        try again.send(request("GET", "/hello"))
        #expect(try again.readResponse().status == 200)
    }
}
