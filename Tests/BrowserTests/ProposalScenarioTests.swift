import Foundation
import Kyodo
import Testing

/// Collaboration proposals in a real browser, with JavaScript on and off: a department drafts a
/// theme, staff publish it, an NPO answers it, the department records its opinion, staff select
/// the proposal, and the public list of selected projects shows it.
@Suite(.serialized) struct ProposalScenarioTests {
    static func startApp() throws -> (App, String, callID: Int64) {
        let (app, directory) = try RegistrationScenarioTests.startApp()
        let member = app.services.passwords.hash("member-passphrase")
        let department = app.services.passwords.hash("department-passphrase")
        let callID = try app.services.database.write { db -> Int64 in
            let rep = try UserStore.create(
                db, email: "rep@example.jp", displayName: "山田 花子", roles: [], passwordHash: member, now: Date())
            _ = try UserStore.create(
                db, email: "kouen@example.jp", displayName: "公園 一郎", roles: [.department], department: "公園緑地課",
                passwordHash: department, now: Date())
            var org = Organisation()
            org.name = "NPO法人 ブラウザ協働の会"; org.nameKana = "ぶらうざきょうどうのかい"; org.kind = .npo; org.status = .active
            org.representativeName = "山田 花子"; org.activityFields = [3, 13]
            let orgID = try OrganisationStore.insert(db, org, now: Date())
            try MemberStore.add(db, organisationID: orgID, userID: rep, role: .representative, now: Date())
            var call = Call()
            call.kind = .proposal; call.title = "令和8年度 協働事業提案"; call.status = .open; call.fiscalYear = 2026
            call.opensAt = Date().addingTimeInterval(-86_400); call.closesAt = Date().addingTimeInterval(30 * 86_400)
            return try CallStore.insert(db, call, now: Date())
        }
        return (app, directory, callID)
    }

    @Test(arguments: [true, false])
    func themeAnsweredOpinionSelectedPublished(javascript: Bool) throws {
        try ScenarioRun.run("proposal", javascript: javascript, start: Self.startApp) { b, base, callID in
            try scenario(b, base: base, callID: callID)
        }
    }

    /// Keystrokes for `<input type="date">`: headless Chromium lays it out as mm/dd/yyyy whatever
    /// `--lang` says, and each part moves on to the next once full.
    static func date(_ year: String, _ monthDay: String) -> String { monthDay + year }

    private func act(
        _ b: WebDriver, _ base: String, _ path: String, _ action: String, fill: [(String, String)] = []
    ) throws {
        try b.open(base + path)
        for (css, text) in fill { try b.type(css, text) }
        try b.click("form[action$='/transitions/\(action)'] button")
        try b.waitFor(".flash")
    }

    private func scenario(_ b: WebDriver, base: String, callID: Int64) throws {
        // The parks department drafts a theme under the call.
        try b.signIn(base, "kouen@example.jp", "department-passphrase")
        try b.open(base + "/staff/themes/new")
        try b.type("#f-title", "公園を親子の居場所に")
        try b.click("#f-call option[value='\(callID)']")
        try b.type("#f-localIssue", "平日の公園が使われていない")
        try b.type("#f-wanted", "親子向けの催しを企画できる団体")
        try b.click("input[name='fields'][value='13']")
        try b.click("form[action='/staff/themes'] button[type='submit']")
        try b.waitFor(".flash")
        try b.signOut()

        // The office publishes it.
        try b.signIn(base, "office@example.jp", "office-passphrase")
        try act(b, base, "/themes/1", "publish")
        try b.signOut()
        try b.open(base + "/themes")
        #expect(try b.pageSource().contains("公園を親子の居場所に"))

        // The NPO answers it and submits.
        try b.signIn(base, "rep@example.jp", "member-passphrase")
        try b.open(base + "/themes/1")
        try b.click("form.apply button")
        try b.waitFor("#f-title")
        try b.type("#f-title", "公園で親子ひろば")
        try b.type("#f-purpose", "親子の居場所をつくる")
        try b.type("#f-content", "月2回、公園で親子ひろばを開く")
        try b.type("#f-expectedEffect", "孤立する親子が減る")
        try b.click("#f-form option[value='commission']")
        try b.click("#f-domain option[value='equal']")
        try b.type("#f-roleOrganisation", "企画と運営")
        try b.type("#f-roleCity", "会場の提供と広報")
        try b.type("#f-periodFrom", Self.date("2026", "0601"))
        try b.type("#f-periodTo", Self.date("2027", "0228"))
        try b.type("input[name='inc1Category']", "市の負担")
        try b.type("input[name='inc1Amount']", "300000")
        try b.type("input[name='exp1Category']", "講師謝金")
        try b.type("input[name='exp1Amount']", "300000")
        try b.type("#f-requestedAmount", "300000")
        try b.click("form[action$='/edit'] button[type='submit']")
        try b.waitFor(".flash")
        try act(b, base, "/proposals/1", "submit")
        #expect(try b.pageSource().contains("提出済み"))
        try b.signOut()

        // The office starts the consultation with the department.
        try b.signIn(base, "office@example.jp", "office-passphrase")
        try b.open(base + "/proposals/1")
        try b.type("#f-opinionDue-consult", Self.date("2099", "0131"))
        try b.click("form[action$='/transitions/consult'] button")
        try b.waitFor(".flash")
        try b.signOut()

        // The department finds it in its inbox and gives its opinion.
        try b.signIn(base, "kouen@example.jp", "department-passphrase")
        try b.open(base + "/department/proposals")
        #expect(try b.pageSource().contains("公園で親子ひろば"))
        try b.open(base + "/proposals/1")
        try b.click("#f-verdict option[value='feasible']")
        try b.type("#f-reasons", "公園の利用促進に合う")
        try b.click("form[action$='/opinion'] button")
        try b.waitFor(".flash")
        try b.signOut()

        // The office moves it to public review and selects it.
        try b.signIn(base, "office@example.jp", "office-passphrase")
        try act(b, base, "/proposals/1", "review")
        try b.open(base + "/proposals/1")
        #expect(try b.pageSource().contains("公園の利用促進に合う"))
        try b.click("#f-decision option[value='select']")
        try b.type("#f-councilResult", "地域課題に合っている")
        try b.click("form[action$='/decision'] button")
        try b.waitFor(".flash")
        try b.signOut()

        // The public list of selected projects shows it.
        try b.open(base + "/proposals")
        try b.waitFor(".cards")
        let list = try b.text(".cards")
        #expect(list.contains("公園で親子ひろば") && list.contains("NPO法人 ブラウザ協働の会") && list.contains("公園緑地課"))
    }
}
