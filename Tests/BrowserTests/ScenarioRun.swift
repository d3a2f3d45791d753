import Foundation
import Kyodo

/// Runs a browser scenario against a fresh app: a browser that fails to start or loses an element
/// under a loaded CI machine gets one more try with a fresh app and browser; a wrong page still
/// fails through #expect. A failed attempt leaves a screenshot named `name` in test-output/.
enum ScenarioRun {
    static func run<Fixture>(
        _ name: String, javascript: Bool, start: () throws -> (App, String, Fixture),
        _ scenario: (WebDriver, String, Fixture) throws -> Void
    ) throws {
        for attempt in 1...2 {
            let (app, directory, fixture) = try start()
            defer { app.stop(); try? FileManager.default.removeItem(atPath: directory) }
            do {
                let browser = try WebDriver(javascript: javascript)
                defer { browser.quit() }
                do {
                    try scenario(browser, "http://127.0.0.1:\(app.port)", fixture)
                    return
                } catch {
                    try? browser.screenshot(
                        to: RegistrationScenarioTests.outputDirectory
                            + "/failure-\(name)-js-\(javascript)-\(attempt).png")
                    throw error
                }
            } catch  where attempt == 1 {
                FileHandle.standardError.write(Data("\(name) scenario attempt 1 failed: \(error); retrying\n".utf8))
            }
        }
    }
}

extension WebDriver {
    /// Signs in through the login form, in Japanese, and waits for the signed-in header.
    func signIn(_ base: String, _ email: String, _ password: String) throws {
        try open(base + "/login?lang=ja")
        try type("#f-email", email)
        try type("#f-password", password)
        try click("form[action='/login'] button[type='submit']")
        try waitFor(".site-tools__user")
    }

    /// Clicks a workflow step's button; when the step asks for confirmation on a page of its own,
    /// checks that page says what will happen and confirms. Waits for the flash of the step taken.
    func takeStep(_ css: String, confirming: Bool) throws {
        try click(css)
        if confirming {
            try waitFor(".confirm button[type='submit']")
            try click(".confirm button[type='submit']")
        }
        try waitFor(".flash")
    }

    func signOut() throws {
        try click(".site-tools__signout button")
        try waitFor(".site-tools__signin")
    }
}
