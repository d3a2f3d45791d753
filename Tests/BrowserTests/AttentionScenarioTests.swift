import Foundation
import Kyodo
import Testing

/// The "needs your attention" dashboards in a real browser, with JavaScript on and off, over the
/// demo city: the office returns an application; the organisation lands on its dashboard after
/// signing in, follows the returned application from there, fixes and resubmits it; its count
/// drops, and the office's list of returns waiting for an answer is empty again.
@Suite(.serialized) struct AttentionScenarioTests {
    static func startApp() throws -> (App, String, Void) {
        let (app, directory) = try RegistrationScenarioTests.makeApp()
        _ = try app.services.database.write { try DemoData.load(into: $0, services: app.services) }
        try app.start()
        return (app, directory, ())
    }

    @Test(arguments: [true, false])
    func returnedApplication_fromTheDashboard_fixedAndResubmitted(javascript: Bool) throws {
        try ScenarioRun.run("attention", javascript: javascript, start: Self.startApp) { b, base, _ in
            try scenario(b, base: base)
        }
    }

    /// The number in a dashboard section's heading.
    private func count(_ b: WebDriver, section: String) throws -> Int? {
        let source = try b.pageSource()
        guard let heading = source.range(of: ">\(section) <span class=\"tag\">") else { return nil }
        return Int(source[heading.upperBound...].prefix { $0.isNumber })
    }

    private func scenario(_ b: WebDriver, base: String) throws {
        let title = "ふれあいサロン拡充事業"
        // The office returns the submitted application with a reason.
        try b.signIn(base, "kyodo@aoba.example.jp", DemoData.password)
        #expect(try b.currentURL().hasSuffix("/attention"))
        let officeBefore = try count(b, section: "事務局")
        try b.click("a[href='/applications/11']")
        try b.waitFor("#f-comment-return")
        try b.type("#f-comment-return", "事業費の内訳に講師謝金の単価を書いてください。")
        try b.click("button[formaction$='/transitions/return']")
        try b.waitFor(".flash")
        try b.open(base + "/attention")
        #expect(try b.text("main").contains("差し戻した申請（再提出待ち）"))
        try b.signOut()

        // The organisation signs in to its dashboard, where the return stands out, and follows it.
        try b.signIn(base, "npo@aoba.example.jp", DemoData.password)
        #expect(try b.currentURL().hasSuffix("/attention"))
        let main = try b.text("main")
        #expect(main.contains("修正して再提出する申請") && main.contains(title))
        let orgBefore = try #require(try count(b, section: "団体"))
        try b.click(".attention a[href='/applications/11']")
        try b.waitFor("form[action$='/transitions/resubmit']")
        #expect(try b.text("main").contains("事業費の内訳に講師謝金の単価を書いてください。"))
        try b.open(base + "/applications/11/edit")
        try b.type("#f-content", "（講師謝金：1回 10,000円 × 12回）")
        try b.click("form[action$='/edit'] button[type='submit']")
        try b.waitFor(".flash")
        try b.open(base + "/applications/11")
        try b.click("form[action$='/transitions/resubmit'] button")
        try b.waitFor(".flash")
        try b.open(base + "/attention")
        #expect(try count(b, section: "団体") == orgBefore - 1)
        #expect(!(try b.text("main")).contains("修正して再提出する申請"))
        try b.signOut()

        // The office's returns list is empty again; the application waits for its check as before.
        try b.signIn(base, "kyodo@aoba.example.jp", DemoData.password)
        let office = try b.text("main")
        #expect(!office.contains("差し戻した申請（再提出待ち）") && office.contains(title))
        #expect(try count(b, section: "事務局") == officeBefore)
        try b.signOut()
    }
}
