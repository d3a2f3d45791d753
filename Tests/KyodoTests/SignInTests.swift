import Foundation
import HTTP
import SQLite
import Testing
@testable import Kyodo

@Suite struct SignInTests {
    @Test func signIn_withRightPassword_opensAccount_wrongPasswordIs422() throws {
        let app = try TestApp()
        try app.createUser("hanako@example.jp", roles: [.staff])
        let browser = app.browser()
        let wrong = try browser.signIn("hanako@example.jp", "not-the-password")
        #expect(wrong.status == 422)
        #expect(wrong.body.contains("メールアドレスまたはパスワードが正しくありません"))
        #expect(wrong.body.contains("value=\"hanako@example.jp\""))
        #expect(!wrong.body.contains("not-the-password"))
        let right = try browser.signIn("Hanako@Example.jp ", "correct-horse-battery")
        #expect(right.status == 303)
        #expect(right.header("Location") == "/attention") // the first page after signing in: what needs doing
        let account = try browser.get("/account")
        #expect(account.status == 200)
        #expect(account.body.contains("hanako@example.jp"))
        #expect(try app.count("SELECT count(*) FROM audit_event WHERE action = 'user.sign_in'") == 1)
        #expect(try app.count("SELECT count(*) FROM audit_event WHERE action = 'user.sign_in_failed'") == 1)
    }

    @Test func protectedPage_sendsAnonymousToSignIn_andBackAfterwards() throws {
        let app = try TestApp()
        try app.createUser("a@example.jp")
        let browser = app.browser()
        let redirect = try browser.get("/account/password")
        #expect(redirect.status == 303)
        #expect(redirect.header("Location") == "/login?next=%2Faccount%2Fpassword")
        try browser.get("/login?next=%2Faccount%2Fpassword")
        let signedIn = try browser.post("/login", [("email", "a@example.jp"), ("password", "correct-horse-battery"), ("next", "/account/password")])
        #expect(signedIn.header("Location") == "/account/password")
    }

    @Test func next_cannotPointToAnotherSite() {
        #expect(SignInRoutes.safeNext("//evil.example/") == "/")
        #expect(SignInRoutes.safeNext("https://evil.example/") == "/")
        #expect(SignInRoutes.safeNext("/\\evil.example") == "/")
        #expect(SignInRoutes.safeNext("/calls?page=2") == "/calls?page=2")
        // Found on main: browsers drop the tab and go to //evil.example.
        #expect(SignInRoutes.safeNext("/\t/evil.example") == "/" && SignInRoutes.safeNext("/\n/evil.example") == "/")
        #expect(SignInRoutes.safeNext("/ /evil.example") == "/" && SignInRoutes.safeNext("/\u{7F}/x") == "/")
    }

    @Test func signIn_withTabbedNext_landsOnTheSite() throws {
        let app = try TestApp()
        try app.createUser("a@example.jp")
        let browser = app.browser()
        try browser.get("/login?next=/%09/evil.example")
        let r = try browser.post("/login", [("email", "a@example.jp"), ("password", "correct-horse-battery"), ("next", "/\t/evil.example")])
        #expect(r.status == 303 && r.header("Location") == "/")
    }

    @Test func sessionCookie_isHttpOnlyLax_andSecureWhenConfigured() throws {
        let app = try TestApp(configure: { $0.secureCookies = true })
        try app.createUser("a@example.jp")
        let response = try app.browser().signIn("a@example.jp", "correct-horse-battery")
        let cookie = try #require(response.headers("Set-Cookie").first { $0.hasPrefix("kyodo_session=") })
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Secure"))
        let plain = try TestApp()
        try plain.createUser("a@example.jp")
        let insecure = try plain.browser().signIn("a@example.jp", "correct-horse-battery")
        #expect(insecure.headers("Set-Cookie").first { $0.hasPrefix("kyodo_session=") }?.contains("Secure") == false)
    }

    @Test func cookieFromBeforeSignIn_isNotValidAfter() throws {
        let app = try TestApp()
        try app.createUser("a@example.jp")
        let browser = app.browser()
        browser.cookies["kyodo_session"] = "planted-by-an-attacker-aaaaaaaaaaaaaaaaaaaaaa"
        try browser.signIn("a@example.jp", "correct-horse-battery")
        let issued = try #require(browser.cookies["kyodo_session"])
        #expect(issued != "planted-by-an-attacker-aaaaaaaaaaaaaaaaaaaaaa")
        // Signing in again issues yet another id; the first one still belongs to its own session only.
        let second = app.browser()
        try second.signIn("a@example.jp", "correct-horse-battery")
        #expect(second.cookies["kyodo_session"] != issued)
        let attacker = app.browser()
        attacker.cookies["kyodo_session"] = "planted-by-an-attacker-aaaaaaaaaaaaaaaaaaaaaa"
        #expect(try attacker.get("/account").status == 303)
    }

    @Test func sessionCannotBeUsedAfterSignOut() throws {
        let app = try TestApp()
        try app.createUser("a@example.jp")
        let browser = app.browser()
        try browser.signIn("a@example.jp", "correct-horse-battery")
        let token = try #require(browser.cookies["kyodo_session"])
        try browser.get("/account")
        let out = try browser.post("/logout", [])
        #expect(out.status == 303)
        #expect(browser.cookies["kyodo_session"] == nil)
        let replay = app.browser()
        replay.cookies["kyodo_session"] = token
        #expect(try replay.get("/account").status == 303)
        #expect(try app.count("SELECT count(*) FROM session") == 0)
    }

    @Test func session_expiresAfterEightIdleHours() throws {
        let app = try TestApp()
        try app.createUser("a@example.jp")
        let browser = app.browser()
        try browser.signIn("a@example.jp", "correct-horse-battery")
        app.clock.advance(by: 7.5 * 3600)
        #expect(try browser.get("/account").status == 200) // activity refreshes the idle timer
        app.clock.advance(by: 7.5 * 3600)
        #expect(try browser.get("/account").status == 200)
        app.clock.advance(by: 8 * 3600 + 1)
        #expect(try browser.get("/account").status == 303)
    }

    @Test func session_expiresAfterSevenDaysEvenWhenActive() throws {
        let app = try TestApp()
        try app.createUser("a@example.jp")
        let browser = app.browser()
        try browser.signIn("a@example.jp", "correct-horse-battery")
        for _ in 0..<23 {
            app.clock.advance(by: 7 * 3600)
            #expect(try browser.get("/account").status == 200)
        }
        app.clock.advance(by: 7 * 3600 + 1) // 168 hours and a second after sign-in
        #expect(try browser.get("/account").status == 303)
    }

    @Test func throttling_startsAtSixthFailure_andTheWaitDoubles() throws {
        let app = try TestApp()
        try app.createUser("a@example.jp")
        let browser = app.browser()
        for _ in 0..<5 { #expect(try browser.signIn("a@example.jp", "wrong-password-1").status == 422) }
        let locked = try browser.signIn("a@example.jp", "correct-horse-battery")
        #expect(locked.status == 429)
        #expect(locked.body.contains("一時的にログインを停止しています"))
        #expect(browser.cookies["kyodo_session"] == nil)
        app.clock.advance(by: 59)
        #expect(try browser.signIn("a@example.jp", "correct-horse-battery").status == 429)
        app.clock.advance(by: 2)
        // A sixth wrong password doubles the wait to two minutes.
        #expect(try browser.signIn("a@example.jp", "wrong-password-1").status == 422)
        app.clock.advance(by: 119)
        #expect(try browser.signIn("a@example.jp", "correct-horse-battery").status == 429)
        app.clock.advance(by: 2)
        #expect(try browser.signIn("a@example.jp", "correct-horse-battery").status == 303)
        #expect(SignInThrottle.delay(afterFailures: 20) == 15 * 60)
    }

    @Test func successfulSignIn_resetsTheFailureCount() throws {
        let app = try TestApp()
        try app.createUser("a@example.jp")
        let browser = app.browser()
        for _ in 0..<4 { try browser.signIn("a@example.jp", "wrong-password-1") }
        #expect(try browser.signIn("a@example.jp", "correct-horse-battery").status == 303)
        let other = app.browser()
        for _ in 0..<4 { #expect(try other.signIn("a@example.jp", "wrong-password-1").status == 422) }
        #expect(try other.signIn("a@example.jp", "correct-horse-battery").status == 303)
    }

    /// Found by the abuse review: failures locked the account for everyone, and twenty from one
    /// address locked everyone behind it. Now only the guessing pair waits.
    @Test func guessesCannotLockSomeoneElseOut() throws {
        let app = try TestApp()
        try app.createUser("victim@example.jp")
        let browser = app.browser()
        for i in 0..<20 { try browser.signIn("guess\(i)@example.jp", "wrong-password-1") }
        #expect(try browser.signIn("victim@example.jp", "correct-horse-battery").status == 303)
        // The same account guessed at from another address: the owner here is not held up.
        try app.services.database.write { [app] db in
            for _ in 0..<10 {
                _ = try SignInThrottle.reserve(db, email: "victim@example.jp", address: "203.0.113.9", now: app.services.now())
            }
        }
        #expect(try app.browser().signIn("victim@example.jp", "correct-horse-battery").status == 303)
        let now = app.services.now()
        let guesserWaits = try app.services.database.read { db in
            try SignInThrottle.lockedUntil(db, email: "victim@example.jp", address: "203.0.113.9", now: now)
        }
        #expect(guesserWaits != nil)
    }

    @Test func concurrentGuesses_areCountedOneByOne() throws {
        let app = try TestApp()
        try app.createUser("a@example.jp")
        let browsers = try (0..<16).map { _ -> Browser in
            let b = app.browser()
            try b.get("/login")
            return b
        }
        let box = UncheckedBox(browsers)
        let results = LockedArray()
        DispatchQueue.concurrentPerform(iterations: browsers.count) { i in
            results.append((try? box.value[i].post("/login", [("email", "a@example.jp"), ("password", "wrong-\(i)-password")]).status) ?? -1)
        }
        // Exactly five were checked; the rest waited.
        #expect(results.values.filter { $0 == 422 }.count == 5 && results.values.filter { $0 == 429 }.count == 11)
    }

    @Test func weakerHash_isUpgradedAtSignIn() throws {
        let app = try TestApp(configure: { $0.passwordIterations = 2_000 })
        let old = PasswordHasherShim.hash("correct-horse-battery", iterations: 1_000)
        let id = try app.services.database.write { [app] in
            try UserStore.create($0, email: "old@example.jp", displayName: "旧", roles: [], passwordHash: old, now: app.services.now())
        }
        try app.browser().signIn("old@example.jp", "correct-horse-battery")
        let stored = try app.services.database.read { try UserStore.passwordHash($0, userID: id) }
        #expect(stored?.hasPrefix("pbkdf2-sha256$2000$") == true)
    }

    @Test func deactivatedUser_cannotSignIn_andLosesSessions() throws {
        let app = try TestApp()
        let id = try app.createUser("a@example.jp")
        let browser = app.browser()
        try browser.signIn("a@example.jp", "correct-horse-battery")
        try app.services.database.write { [app] in try UserStore.setActive($0, userID: id, active: false, now: app.services.now()) }
        #expect(try browser.get("/account").status == 303)
        #expect(try app.browser().signIn("a@example.jp", "correct-horse-battery").status == 422)
    }
}

import Crypto
enum PasswordHasherShim {
    static func hash(_ password: String, iterations: Int) -> String { PasswordHasher(iterations: iterations).hash(password) }
}
