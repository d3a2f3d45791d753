import Foundation
import Testing
@testable import Kyodo

@Suite struct PasswordFlowTests {
    @Test func changePassword_requiresCurrent_vetsNew_andSignsOutEverywhere() throws {
        let app = try TestApp()
        try app.createUser("a@example.jp")
        let here = app.browser(), elsewhere = app.browser()
        try here.signIn("a@example.jp", "correct-horse-battery")
        try elsewhere.signIn("a@example.jp", "correct-horse-battery")
        try here.get("/account/password")
        let wrongCurrent = try here.post("/account/password", [("current", "nope"), ("password", "new-long-passphrase"), ("confirm", "new-long-passphrase")])
        #expect(wrongCurrent.status == 422)
        #expect(wrongCurrent.body.contains("現在のパスワードが正しくありません"))
        let short = try here.post("/account/password", [("current", "correct-horse-battery"), ("password", "short"), ("confirm", "short")])
        #expect(short.body.contains("パスワードは10文字以上にしてください"))
        let common = try here.post("/account/password", [("current", "correct-horse-battery"), ("password", "1234567890"), ("confirm", "1234567890")])
        #expect(common.body.contains("よく使われている"))
        let mismatch = try here.post("/account/password", [("current", "correct-horse-battery"), ("password", "new-long-passphrase"), ("confirm", "other-long-passphrase")])
        #expect(mismatch.body.contains("一致しません"))
        let ok = try here.post("/account/password", [("current", "correct-horse-battery"), ("password", "new-long-passphrase"), ("confirm", "new-long-passphrase")])
        #expect(ok.status == 303)
        #expect(try here.get("/account").status == 200)
        #expect(try elsewhere.get("/account").status == 303)
        #expect(try app.browser().signIn("a@example.jp", "correct-horse-battery").status == 422)
        #expect(try app.browser().signIn("a@example.jp", "new-long-passphrase").status == 303)
        #expect(try app.count("SELECT count(*) FROM audit_event WHERE action = 'user.password_change'") == 1)
    }

    @Test func resetRequest_answersTheSameForUnknownAddresses() throws {
        let app = try TestApp()
        try app.createUser("known@example.jp")
        let browser = app.browser()
        try browser.get("/password-reset")
        let known = try browser.post("/password-reset", [("email", "known@example.jp")])
        try browser.get("/password-reset")
        let unknown = try browser.post("/password-reset", [("email", "nobody@example.jp")])
        #expect(known.status == unknown.status)
        #expect(strip(known.body) == strip(unknown.body))
        #expect(try app.count("SELECT count(*) FROM outbox") == 1)
        #expect(try app.count("SELECT count(*) FROM outbox WHERE to_address = 'known@example.jp'") == 1)
    }

    @Test func resetLink_worksOnce_andExpiresAfterAnHour() throws {
        let app = try TestApp()
        try app.createUser("a@example.jp")
        let browser = app.browser()
        try browser.signIn("a@example.jp", "correct-horse-battery")
        let stale = app.browser()
        stale.cookies = browser.cookies
        try browser.get("/password-reset")
        try browser.post("/password-reset", [("email", "a@example.jp")])
        let link = try lastLink(app, prefix: "/password-reset/")
        #expect(try browser.get(link).status == 200)
        let done = try browser.post(link, [("password", "reset-passphrase-1"), ("confirm", "reset-passphrase-1")])
        #expect(done.status == 303)
        #expect(done.header("Location") == "/login")
        #expect(try stale.get("/account").status == 303) // sessions ended by the reset
        #expect(try browser.get(link).status == 404)
        #expect(try app.browser().signIn("a@example.jp", "reset-passphrase-1").status == 303)

        try browser.get("/password-reset")
        try browser.post("/password-reset", [("email", "a@example.jp")])
        let second = try lastLink(app, prefix: "/password-reset/")
        app.clock.advance(by: 3601)
        #expect(try browser.get(second).status == 404)
    }

    @Test func invitation_setsPassword_signsIn_andIsSingleUse() throws {
        let app = try TestApp()
        try app.createUser("admin@example.jp", roles: [.admin])
        let admin = app.browser()
        try admin.signIn("admin@example.jp", "correct-horse-battery")
        try admin.get("/admin/users/new")
        let invalid = try admin.post("/admin/users", [("email", "bad"), ("displayName", ""), ("department", "")])
        #expect(invalid.status == 422)
        #expect(invalid.body.contains("役割を1つ以上選んでください"))
        let invited = try admin.post("/admin/users", [("email", "iin@example.jp"), ("displayName", "委員 一"), ("roles", "council"), ("department", "")])
        #expect(invited.status == 303)
        let link = try lastLink(app, prefix: "/invitations/")
        let person = app.browser()
        #expect(try person.get(link).body.contains("iin@example.jp"))
        let accepted = try person.post(link, [("displayName", "委員 一郎"), ("password", "council-passphrase"), ("confirm", "council-passphrase")])
        #expect(accepted.status == 303)
        #expect(try person.get("/account").body.contains("委員 一郎"))
        #expect(try app.browser().get(link).status == 404)
        let roles = try app.services.database.read { try UserStore.find($0, email: "iin@example.jp")?.roles }
        #expect(roles == [.council])
    }

    @Test func invitation_expiresAfterSevenDays() throws {
        let app = try TestApp()
        try app.createUser("admin@example.jp", roles: [.admin])
        let admin = app.browser()
        try admin.signIn("admin@example.jp", "correct-horse-battery")
        try admin.get("/admin/users/new")
        try admin.post("/admin/users", [("email", "late@example.jp"), ("displayName", "遅い 人"), ("roles", "staff"), ("department", "")])
        let link = try lastLink(app, prefix: "/invitations/")
        app.clock.advance(by: 7 * 24 * 3600 + 1)
        #expect(try app.browser().get(link).status == 404)
    }

    private func lastLink(_ app: TestApp, prefix: String) throws -> String {
        let body = try app.services.database.read { try Outbox.latest($0, limit: 1).first?.body } ?? ""
        let range = try #require(body.range(of: prefix))
        return String(body[range.lowerBound...].prefix { !$0.isWhitespace })
    }

    private func strip(_ html: String) -> String {
        // Per-request values (request id, CSRF token) differ; the rest must be identical.
        html.replacing(/value="[^"]*"/, with: "").replacing(/[0-9a-f]{6}-\d-[0-9a-z]+/, with: "")
    }
}
