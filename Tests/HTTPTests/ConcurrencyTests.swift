import Glibc
import HTTP
import Testing

/// Slow clients, slow handlers and many idle connections must not stall anyone else.
@Suite struct ConcurrencyTests {
    @Test func slowClient_doesNotDelayAnotherClient() throws {
        let server = try TestServer()
        defer { server.stop() }
        let slow = try server.client()
        let bytes = Array(request("GET", "/items/5").utf8)
        // A slowloris: a byte at a time, with other clients served between every byte.
        for (i, byte) in bytes.enumerated() {
            try slow.send([byte])
            if i < 6 {
                usleep(250_000)
                let other = try server.client(timeout: 2)
                try other.send(request("GET", "/hello"))
                #expect(try other.readResponse().text == "hello")
            }
        }
        #expect(try slow.readResponse().text == "item 5")
    }

    @Test func slowHandler_doesNotDelayAnotherRequest() throws {
        let server = try TestServer()
        defer { server.stop() }
        let slow = try server.client()
        try slow.send(request("GET", "/slow"))
        usleep(50_000)
        let fast = try server.client(timeout: 2)
        try fast.send(request("GET", "/hello"))
        #expect(try fast.readResponse().text == "hello")
        // The slow handler sleeps a full second, so its answer cannot be there yet.
        var byte: UInt8 = 0
        #expect(recv(slow.fd, &byte, 1, Int32(MSG_DONTWAIT)) < 0)
        #expect(try slow.readResponse().text == "slow")
    }

    @Test func thousandIdleConnections_stayOpen_whileNewRequestIsServed() throws {
        let server = try TestServer(limits: { $0.maxConnectionsPerAddress = 0 }) // every client here is 127.0.0.1
        defer { server.stop() }
        var idle: [RawClient] = []
        for _ in 0..<1000 {
            let c = try server.client()
            try c.send(request("GET", "/hello"))
            _ = try c.readResponse()
            idle.append(c)
        }
        let fresh = try server.client(timeout: 2)
        try fresh.send(request("GET", "/items/1"))
        #expect(try fresh.readResponse().text == "item 1")
        var alive = 0
        for c in idle {
            try c.send(request("GET", "/hello"))
            if (try? c.readResponse().status) == 200 { alive += 1 }
        }
        #expect(alive == 1000)
    }

    @Test func manyConcurrentRequests_allAnswered() throws {
        let server = try TestServer()
        defer { server.stop() }
        let clients = try (0..<64).map { _ in try server.client() }
        for round in 0..<10 {
            for (i, c) in clients.enumerated() { try c.send(request("GET", "/items/\(round * 100 + i)")) }
            for (i, c) in clients.enumerated() { #expect(try c.readResponse().text == "item \(round * 100 + i)") }
        }
    }
}
