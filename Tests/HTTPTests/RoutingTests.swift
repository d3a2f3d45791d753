import HTTP
import Testing

/// The router and request decoding, both without sockets and through a live server.
@Suite struct RoutingTests {
    private func router() -> Router {
        var r = Router()
        r.get("/organisations/:id") { _ in .text("show") }
        r.get("/organisations/new") { _ in .text("new") }
        r.post("/organisations/:id") { _ in .text("update") }
        r.get("/files/*rest") { _ in .text("rest") }
        return r
    }

    @Test func match_bindsNamedParameters() {
        guard case .found(let route, let params) = router().match(method: "GET", segments: ["organisations", "42"]) else {
            Issue.record("no match"); return
        }
        #expect(route.pattern == "/organisations/:id")
        #expect(params["id"] == "42")
    }

    @Test func match_literalBeatsParameter() {
        guard case .found(let route, _) = router().match(method: "GET", segments: ["organisations", "new"]) else {
            Issue.record("no match"); return
        }
        #expect(route.pattern == "/organisations/new")
    }

    @Test func match_restParameterTakesRemainingSegments() {
        guard case .found(_, let params) = router().match(method: "GET", segments: ["files", "a", "b.txt"]) else {
            Issue.record("no match"); return
        }
        #expect(params["rest"] == "a/b.txt")
    }

    @Test func match_wrongMethodListsAllowed() {
        guard case .methodNotAllowed(let allow) = router().match(method: "DELETE", segments: ["organisations", "1"]) else {
            Issue.record("expected 405"); return
        }
        #expect(allow == ["GET", "POST", "HEAD", "OPTIONS"])
    }

    @Test func match_unknownPathIsNotFound() {
        guard case .notFound = router().match(method: "GET", segments: ["nothing"]) else { Issue.record("expected 404"); return }
    }

    @Test func typedParameter_badValueIs400() throws {
        let server = try TestServer()
        defer { server.stop() }
        #expect(try server.exchange(request("GET", "/items/12")).text == "item 12")
        let bad = try server.exchange(request("GET", "/items/twelve"))
        #expect(bad.status == 400)
        #expect(bad.text.contains("Invalid value for id"))
        #expect(try server.exchange(request("GET", "/items/99999999999999999999")).status == 400)
    }

    @Test func percentEncodedJapanesePath_isDecoded() throws {
        let server = try TestServer()
        defer { server.stop() }
        // /団体/市民活動 encoded as a browser sends it.
        let response = try server.exchange(request("GET", "/%E5%9B%A3%E4%BD%93/%E5%B8%82%E6%B0%91%E6%B4%BB%E5%8B%95"))
        #expect(response.text == "団体 市民活動")
    }

    @Test func query_keepsRepeatedKeysInOrder_andDecodesPlus() throws {
        let server = try TestServer()
        defer { server.stop() }
        let response = try server.exchange(request("GET", "/query?field=b&q=%E5%8D%94%E5%83%8D+NPO&field=a&empty="))
        #expect(response.text == "field=b|q=協働 NPO|field=a|empty=")
    }

    @Test func urlencodedForm_keepsRepeatedKeysInOrder() throws {
        let server = try TestServer()
        defer { server.stop() }
        let body = "name=%E5%9B%A3%E4%BD%93&kind=npo&field=2&field=1&note=a%26b%3Dc"
        let response = try server.exchange(request("POST", "/form", headers: ["Content-Type: application/x-www-form-urlencoded"], body: body))
        #expect(response.text == "name=団体|kind=npo|field=2|field=1|note=a&b=c")
    }

    @Test func form_withWrongContentType_is415() throws {
        let server = try TestServer()
        defer { server.stop() }
        #expect(try server.exchange(request("POST", "/form", headers: ["Content-Type: application/json"], body: "{}")).status == 415)
    }

    @Test func form_withMalformedEncoding_is400() throws {
        let server = try TestServer()
        defer { server.stop() }
        let response = try server.exchange(request("POST", "/form", headers: ["Content-Type: application/x-www-form-urlencoded"], body: "a=%E5%9B"))
        #expect(response.status == 400)
    }

    @Test func cookies_areParsedFromAllCookieHeaders() throws {
        let server = try TestServer()
        defer { server.stop() }
        let response = try server.exchange(request("GET", "/cookies", headers: ["Cookie: lang=ja; session=\"abc\"", "Cookie: theme=dark; lang=en"]))
        #expect(response.text == "lang=ja|session=abc|theme=dark")
    }

    @Test func setCookie_hasSafeDefaults() {
        let cookie = SetCookie(name: "kyodo_session", value: "xyz", maxAge: 3600, secure: true)
        #expect(cookie.headerValue == "kyodo_session=xyz; Path=/; Max-Age=3600; HttpOnly; Secure; SameSite=Lax")
    }
}
