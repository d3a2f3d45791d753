import Foundation
import HTTP
import Testing
@testable import Kyodo

@Suite struct AppShellTests {
    @Test func home_isJapaneseByDefault_withSecurityHeaders() throws {
        let app = try TestApp(seed: true)
        let home = try app.get("/")
        #expect(home.status == 200)
        #expect(home.htmlLang == "ja")
        #expect(home.body.contains("市民協働ポータル"))
        #expect(home.body.contains("令和8年3月2日")) // a seeded notice, dated in the Japanese era
        let csp = try #require(home.header("Content-Security-Policy"))
        #expect(csp.contains("script-src 'self'") && csp.contains("style-src 'self'") && !csp.contains("unsafe-inline"))
        #expect(csp.contains("frame-ancestors 'none'"))
        #expect(home.header("X-Content-Type-Options") == "nosniff")
        #expect(home.header("Referrer-Policy") == "same-origin")
        // No inline style or script: the only script is a file (the unsaved-input guard), allowed by 'self'.
        #expect(!home.body.contains("style=\"") && !home.body.contains("<script>"))
        #expect(home.body.components(separatedBy: "<script").count - 1 == home.body.components(separatedBy: "<script src=\"/static/").count - 1)
    }

    @Test func locale_fromQueryThenCookieThenAcceptLanguage() throws {
        let app = try TestApp()
        let asked = try app.get("/?lang=en")
        #expect(asked.htmlLang == "en")
        #expect(asked.headers("Set-Cookie").contains { $0.hasPrefix("lang=en;") })
        #expect(try app.get("/", headers: ["Cookie": "lang=en"]).htmlLang == "en")
        #expect(try app.get("/", headers: ["Accept-Language": "en-GB,en;q=0.9,ja;q=0.5"]).htmlLang == "en")
        #expect(try app.get("/", headers: ["Accept-Language": "fr, ja;q=0.8, en;q=0.7"]).htmlLang == "ja")
        #expect(try app.get("/", headers: ["Accept-Language": "fr"]).htmlLang == "ja")
        // The explicit choice wins over the cookie, and an unknown language is ignored.
        #expect(try app.get("/?lang=ja", headers: ["Cookie": "lang=en"]).htmlLang == "ja")
        #expect(try app.get("/?lang=xx", headers: ["Cookie": "lang=en"]).htmlLang == "en")
    }

    @Test func languageSwitch_keepsPathAndQuery() throws {
        let app = try TestApp()
        let page = try app.get("/?page=2&q=%E5%8D%94%E5%83%8D")
        #expect(page.body.contains("href=\"/?page=2&amp;q=%E5%8D%94%E5%83%8D&amp;lang=en\""))
    }

    @Test func notFound_inBothLanguages() throws {
        let app = try TestApp()
        let ja = try app.get("/no/such/page")
        #expect(ja.status == 404)
        #expect(ja.htmlLang == "ja")
        #expect(ja.body.contains("ページが見つかりません"))
        #expect(ja.header("Content-Security-Policy") != nil)
        let en = try app.get("/no/such/page?lang=en")
        #expect(en.status == 404)
        #expect(en.htmlLang == "en")
        #expect(en.body.contains("Page not found"))
    }

    @Test func methodNotAllowed_isAPageWithAllow() throws {
        let app = try TestApp()
        let response = try HTTPClient(port: app.port).send("POST", "/healthz")
        #expect(response.status == 405)
        #expect(response.header("Allow") == "GET, HEAD, OPTIONS")
        #expect(response.body.contains("この方法ではアクセスできません"))
    }

    @Test(arguments: [400, 403, 404, 405, 409, 413, 422, 500])
    func errorPages_renderInBothLanguages(_ code: Int) throws {
        let app = try TestApp()
        for locale in ["ja", "en"] {
            let request = try Request(method: "GET", target: "/x?lang=\(locale)", requestID: "req-123")
            let response = ErrorPages.render(try RequestContext(request: request, services: app.services), HTTPError(HTTPStatus(code), message: "detail <b>"))
            let html = String(decoding: { if case .bytes(let b) = response.body { return b } else { return [] } }(), as: UTF8.self)
            #expect(response.status.code == code)
            #expect(html.contains("<html lang=\"\(locale)\">"))
            #expect(html.contains(app.services.templates.catalog(locale)!.text("error.\(code).title")!))
            if code >= 500 {
                #expect(html.contains("req-123"))
                #expect(!html.contains("detail"))
            } else {
                #expect(html.contains("detail &lt;b&gt;"))
            }
        }
    }

    @Test func healthz_checksTheDatabase() throws {
        let app = try TestApp()
        let ok = try app.get("/healthz")
        #expect(ok.status == 200)
        #expect(ok.body == "ok")
        #expect(ok.header("Cache-Control") == "no-store")
    }

    @Test func staticFiles_areServedFromPublic() throws {
        let app = try TestApp()
        let css = try app.get("/static/css/site.css")
        #expect(css.status == 200)
        #expect(css.header("Content-Type") == "text/css; charset=utf-8")
        #expect(try app.get("/static/../Package.swift").status == 404)
    }

    @Test func catalogs_haveTheSameKeys() throws {
        let app = try TestApp()
        let ja = try #require(app.services.templates.catalog("ja")).messages.keys
        let en = try #require(app.services.templates.catalog("en")).messages.keys
        #expect(Set(ja).subtracting(en).sorted() == [], "keys only in ja.txt")
        #expect(Set(en).subtracting(ja).sorted() == [], "keys only in en.txt")
    }
}
