import Foundation
import HTTP
import Testing
@testable import Kyodo

/// `--trusted-proxy`: X-Forwarded-For is believed only from the configured proxies, read from the
/// right, so a client cannot choose the address its sign-in failures are counted against.
@Suite struct TrustedProxyTests {
    static func request(from peer: String, forwarded: String?) throws -> Request {
        try Request(method: "GET", target: "/", headers: HTTPHeaders(forwarded.map { [("X-Forwarded-For", $0)] } ?? []),
                    remoteAddress: peer)
    }

    @Test func ranges_matchIPv4AndIPv6_andMappedAddresses() throws {
        let ten = try #require(CIDR("10.0.0.0/8"))
        #expect(ten.contains("10.1.2.3") && !ten.contains("11.0.0.1") && ten.contains("::ffff:10.9.9.9"))
        let v6 = try #require(CIDR("fd00::/8"))
        #expect(v6.contains("fd12::1") && !v6.contains("fe80::1") && !v6.contains("10.0.0.1"))
        #expect(CIDR("127.0.0.1")?.contains("127.0.0.1") == true && CIDR("127.0.0.1")?.contains("127.0.0.2") == false)
        #expect(CIDR("10.0.0.0/33") == nil && CIDR("not-an-address") == nil)
    }

    @Test func theForwardedAddress_isBelievedOnlyFromAProxy() throws {
        let proxies = [try #require(CIDR("10.0.0.0/8"))]
        // From the proxy: the nearest untrusted hop, not what the client wrote at the left.
        #expect(ClientAddress.of(try Self.request(from: "10.0.0.5", forwarded: "1.1.1.1, 203.0.113.7"), trusting: proxies) == "203.0.113.7")
        #expect(ClientAddress.of(try Self.request(from: "10.0.0.5", forwarded: "203.0.113.7, 10.0.0.9"), trusting: proxies) == "203.0.113.7")
        // From anyone else, or without proxies configured: the peer.
        #expect(ClientAddress.of(try Self.request(from: "198.51.100.1", forwarded: "203.0.113.7"), trusting: proxies) == "198.51.100.1")
        #expect(ClientAddress.of(try Self.request(from: "10.0.0.5", forwarded: "203.0.113.7"), trusting: []) == "10.0.0.5")
        // Garbage in the header: the peer, never the garbage.
        #expect(ClientAddress.of(try Self.request(from: "10.0.0.5", forwarded: "<script>"), trusting: proxies) == "10.0.0.5")
    }

    @Test func signInFailures_areCountedAgainstTheClientBehindTheProxy() throws {
        let app = try TestApp { $0.trustedProxies = [CIDR("127.0.0.1")].compactMap { $0 } }
        try app.createUser("a@example.jp")
        let b = app.browser()
        try b.get("/login")
        let form = "email=a%40example.jp&password=wrong&_csrf=" + (Browser.csrfToken(try b.get("/login")) ?? "")
        let response = try HTTPClient(port: app.port).send("POST", "/login", headers: b.cookieHeader.merging(
            ["Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": "203.0.113.9"]) { a, _ in a }, body: form)
        #expect(response.status == 422)
        #expect(try app.count("SELECT count(*) FROM sign_in_attempt WHERE client_address = '203.0.113.9'") == 1)
    }
}

/// Guesses spread over many addresses slow down unknown browsers, never the owner's known one.
@Suite struct SpreadGuessTests {
    @Test func manyAddresses_slowUnknownBrowsers_notTheOwnersBrowser() throws {
        let app = try TestApp { $0.trustedProxies = [CIDR("127.0.0.1")].compactMap { $0 } }
        try app.createUser("owner@example.jp")
        let owner = app.browser()
        #expect(try owner.signIn("owner@example.jp", "correct-horse-battery").status == 303)
        #expect(owner.cookies["kyodo_device"] != nil)
        try owner.get("/")
        try owner.post("/logout", [])
        func attempt(_ b: Browser, from address: String, password: String) throws -> HTTPClient.Response {
            let token = Browser.csrfToken(try b.get("/login")) ?? ""
            let body = "email=owner%40example.jp&password=\(password)&_csrf=\(token)"
            return try HTTPClient(port: app.port).send("POST", "/login", headers: b.cookieHeader.merging(
                ["Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": address]) { a, _ in a }, body: body)
        }
        // Twenty wrong guesses, each from another address: no pair reaches its own limit.
        let attacker = app.browser()
        for i in 0..<SignInThrottle.accountWideFreeFailures {
            #expect(try attempt(attacker, from: "198.51.100.\(i + 1)", password: "guess\(i)").status == 422)
        }
        // A browser that never signed in to the account now waits, even with the right password…
        let stranger = app.browser()
        #expect(try attempt(stranger, from: "203.0.113.50", password: "correct-horse-battery").status == 429)
        // …the owner's own browser does not.
        #expect(try attempt(owner, from: "192.0.2.7", password: "correct-horse-battery").status == 303)
        // A forged device cookie is no key.
        let forger = app.browser()
        forger.cookies["kyodo_device"] = "1700000000.forged"
        #expect(try attempt(forger, from: "203.0.113.51", password: "correct-horse-battery").status == 429)
    }
}
