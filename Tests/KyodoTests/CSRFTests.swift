import Testing
@testable import Kyodo

/// Every state-changing request needs the form's `_csrf` token; without it nothing is written.
@Suite struct CSRFTests {
    @Test func signedInPost_withoutOrWithWrongToken_is403_andWritesNothing() throws {
        let app = try TestApp()
        try app.createUser("a@example.jp", name: "元の名前")
        let browser = app.browser()
        try browser.signIn("a@example.jp", "correct-horse-battery")
        let eventsBefore = try app.count("SELECT count(*) FROM audit_event")
        for token in ["", "wrong-token", "x"] {
            let response = try browser.post("/account", [("displayName", "乗っ取り"), ("email", "evil@example.jp"), ("locale", "en")], csrf: token)
            #expect(response.status == 403)
            #expect(response.body.contains("フォームの有効期限が切れたか"))
        }
        #expect(try app.count("SELECT count(*) FROM user_account WHERE display_name = '元の名前' AND email = 'a@example.jp'") == 1)
        #expect(try app.count("SELECT count(*) FROM audit_event") == eventsBefore)
        try browser.get("/account")
        #expect(try browser.post("/account", [("displayName", "新しい名前"), ("email", "a@example.jp"), ("locale", "ja")]).status == 303)
        #expect(try app.count("SELECT count(*) FROM user_account WHERE display_name = '新しい名前'") == 1)
    }

    @Test func anonymousPost_needsTheTokenOfItsOwnBrowser() throws {
        let app = try TestApp()
        try app.createUser("a@example.jp")
        let victim = app.browser()
        try victim.get("/login")
        let attacker = app.browser()
        try attacker.get("/login")
        let stolen = try #require(Browser.csrfToken(attacker.lastPage!))
        let forged = try victim.post("/login", [("email", "a@example.jp"), ("password", "correct-horse-battery")], csrf: stolen)
        #expect(forged.status == 403)
        #expect(try app.count("SELECT count(*) FROM sign_in_attempt") == 0)
        #expect(try victim.post("/login", [("email", "a@example.jp"), ("password", "correct-horse-battery")]).status == 303)
    }

    @Test func tokenFromAnotherSession_isRefused() throws {
        let app = try TestApp()
        try app.createUser("a@example.jp")
        try app.createUser("b@example.jp")
        let a = app.browser(), b = app.browser()
        try a.signIn("a@example.jp", "correct-horse-battery")
        try b.signIn("b@example.jp", "correct-horse-battery")
        try b.get("/account")
        let bToken = try #require(Browser.csrfToken(b.lastPage!))
        #expect(try a.post("/logout", [], csrf: bToken).status == 403)
    }

    @Test func everyPostFormInTemplates_includesTheCSRFPartial() throws {
        let root = TestApp.packageRoot + "/Templates"
        for path in TemplateFiles.all(root) {
            let text = try String(contentsOfFile: root + "/" + path, encoding: .utf8)
            var rest = Substring(text)
            while let form = rest.range(of: "<form") {
                let end = rest[form.lowerBound...].range(of: "</form>")?.upperBound ?? rest.endIndex
                let tag = rest[form.lowerBound..<end]
                if tag.contains("method=\"post\"") {
                    #expect(tag.contains("{{> partials/csrf}}"), "a POST form in \(path) lacks {{> partials/csrf}}")
                }
                rest = rest[end...]
            }
        }
    }
}

import Foundation
enum TemplateFiles {
    static func all(_ root: String) -> [String] {
        (FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []).filter { $0.hasSuffix(".html") }
    }
}
