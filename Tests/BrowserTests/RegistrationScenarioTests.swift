import Foundation
import Kyodo
import Testing

/// Scenarios in a real headless Chromium: a person registers an organisation, staff verify it,
/// the public finds it in the directory — with JavaScript on and off (every page works without).
@Suite(.serialized) struct RegistrationScenarioTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let outputDirectory = packageRoot + "/test-output"

    /// An app (not started) on a free port with a fresh database in a temp directory, as the browser
    /// scenarios run it: strict templates, fast hashes, no background jobs.
    static func makeApp() throws -> (App, String) {
        let directory = NSTemporaryDirectory() + "kyodo-browser-" + UUID().uuidString
        var config = AppConfig()
        config.port = 0
        config.databasePath = directory + "/kyodo.db"
        config.dataDirectory = directory + "/data"
        config.resourceRoot = packageRoot
        config.accessLog = false
        config.strictTemplates = true
        config.passwordIterations = 1_000
        config.reminders = false
        config.mailJobs = false
        return (try App(config: config), directory)
    }

    /// The app on a free port with a fresh database and one office account.
    static func startApp() throws -> (App, String) {
        let (app, directory) = try makeApp()
        let hash = app.services.passwords.hash("office-passphrase")
        try app.services.database.write { db in
            _ = try UserStore.create(db, email: "office@example.jp", displayName: "協働 花子", roles: [.staff], passwordHash: hash, now: Date())
        }
        try app.start()
        return (app, directory)
    }

    @Test(arguments: [true, false])
    func registerVerifyAndFind(javascript: Bool) throws {
        try ScenarioRun.run("registration", javascript: javascript, start: { let (app, dir) = try Self.startApp(); return (app, dir, ()) }) { b, base, _ in
            try scenario(b, base: base, javascript: javascript)
        }
    }

    private func scenario(_ b: WebDriver, base: String, javascript: Bool) throws {
        let name = "NPO法人 ブラウザ協働テスト\(javascript ? "甲" : "乙")"
        // 1. A person registers their organisation and account in one form.
        try b.open(base + "/organisations/new?lang=ja")
        try b.type("#f-name", name)
        try b.type("#f-nameKana", "ぶらうざきょうどうてすと")
        try b.click("#f-kind option[value='npo']")
        try b.click("input[name='fields'][value='3']")
        try b.type("#f-representativeName", "山田 花子")
        try b.type("#f-phone", "０４５－１２３－４５６７")
        try b.click("#f-district option[value='chuo']")
        try b.type("#f-summary", "ブラウザから登録した、まちづくりの団体です。")
        try b.type("#f-accountName", "山田 花子")
        try b.type("#f-accountEmail", "hanako-\(javascript)@example.jp")
        try b.type("#f-password", "browser-passphrase")
        try b.type("#f-confirm", "browser-passphrase")
        try b.click("form[action='/organisations'] button[type='submit']")
        try b.waitFor(".flash")
        #expect(try b.text(".flash").contains("登録を申請しました"))
        #expect(try b.pageSource().contains("申請中"))
        try b.click(".site-tools__signout button")
        try b.waitFor(".site-tools__signin")

        // 2. The office verifies it from the queue.
        try b.open(base + "/login")
        try b.type("#f-email", "office@example.jp")
        try b.type("#f-password", "office-passphrase")
        try b.click("form[action='/login'] button[type='submit']")
        try b.waitFor(".site-tools__user")
        try b.open(base + "/staff/organisations?status=pending")
        try b.click("table a[href^='/staff/organisations/']")
        try b.waitFor("form[action$='/verify']")
        try b.click("form[action$='/verify'] button")
        try b.waitFor(".flash")
        try b.click(".site-tools__signout button")
        try b.waitFor(".site-tools__signin")

        // 3. The public directory lists it, and part of its Japanese name finds it.
        try b.open(base + "/organisations")
        #expect(try b.pageSource().contains(name))
        try b.type("#f-q", "ブラウザ協働")
        try b.click("form[role='search'] button[type='submit']")
        // The result page has the same elements as the directory: wait for the new address.
        try b.waitForURL(containing: "q=")
        try b.waitFor(".count")
        #expect(try b.text(".cards").contains(name))
        #expect(try b.text(".count").contains("全1件中"))
        try b.screenshot(to: RegistrationScenarioTests.outputDirectory + "/directory-js-\(javascript ? "on" : "off").png")
    }
}
