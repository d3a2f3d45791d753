import Foundation
import Kyodo
import Testing

/// A grant round in a real browser: an organisation drafts and submits, is returned, fixes and
/// resubmits; staff accept and approve, publish the results, and the public results page shows it.
@Suite(.serialized) struct ApplicationScenarioTests {
    static func startApp() throws -> (App, String, callID: Int64) {
        let (app, directory) = try RegistrationScenarioTests.startApp()
        let hash = app.services.passwords.hash("member-passphrase")
        let callID = try app.services.database.write { db -> Int64 in
            let rep = try UserStore.create(db, email: "rep@example.jp", displayName: "山田 花子", roles: [], passwordHash: hash, now: Date())
            var org = Organisation()
            org.name = "NPO法人 ブラウザ申請の会"; org.nameKana = "ぶらうざしんせいのかい"; org.kind = .npo; org.status = .active
            org.representativeName = "山田 花子"; org.activityFields = [13]
            let orgID = try OrganisationStore.insert(db, org, now: Date())
            try MemberStore.add(db, organisationID: orgID, userID: rep, role: .representative, now: Date())
            var call = Call()
            call.title = "令和8年度 公益活動事業補助金"; call.status = .open; call.maxAmount = 500_000; call.budgetCeiling = 3_000_000
            call.opensAt = Date().addingTimeInterval(-86_400); call.closesAt = Date().addingTimeInterval(30 * 86_400); call.eligibleKinds = [.npo]
            call.criteria = [.init(name: "公益性", description: "", weight: 1, scaleMin: 1, scaleMax: 5)]
            return try CallStore.insert(db, call, now: Date())
        }
        return (app, directory, callID)
    }

    @Test(arguments: [true, false])
    func draftSubmitReturnResubmitApprovePublish(javascript: Bool) throws {
        try ScenarioRun.run("application", javascript: javascript, start: Self.startApp) { b, base, callID in
            try scenario(b, base: base, callID: callID)
        }
    }

    private func saveDraft(_ b: WebDriver, requested: String) throws {
        try b.type("#f-projectTitle", "子育てひろば出張事業")
        try b.type("#f-purpose", "孤立しがちな親子の居場所をつくる")
        try b.type("#f-content", "公民館で月2回ひろばを開く")
        try b.type("input[name='inc1Category']", "自己資金")
        try b.type("input[name='inc1Amount']", "400000")
        try b.type("input[name='inc2Category']", "補助金")
        try b.type("input[name='inc2Amount']", "400000")
        try b.type("input[name='exp1Category']", "講師謝金")
        try b.type("input[name='exp1Amount']", "800000")
        try b.type("#f-requestedAmount", requested)
        try b.click("form[action$='/edit'] button[type='submit']")
        try b.waitFor(".flash")
    }

    private func act(_ b: WebDriver, _ base: String, _ action: String, comment: String? = nil) throws {
        try b.open(base + "/applications/1")
        if let comment { try b.type("#f-comment-\(action)", comment) }
        // 差戻し is the second button of the 形式審査 form, which 受付 submits by default.
        try b.click(action == "return" ? "button[formaction$='/transitions/return']" : "form[action$='/transitions/\(action)'] button")
        try b.waitFor(".flash")
    }

    private func scenario(_ b: WebDriver, base: String, callID: Int64) throws {
        // The organisation drafts and submits.
        try b.signIn(base, "rep@example.jp", "member-passphrase")
        try b.open(base + "/calls/\(callID)")
        try b.click("form.apply button")
        try b.waitFor("#f-projectTitle")
        try saveDraft(b, requested: "400000")
        try act(b, base, "submit")
        #expect(try b.pageSource().contains("提出済み"))
        try b.signOut()

        // Staff return it with a reason.
        try b.signIn(base, "office@example.jp", "office-passphrase")
        try act(b, base, "return", comment: "講師の見積書の金額を確認してください。")
        try b.signOut()

        // The organisation sees why, fixes it and resubmits.
        try b.signIn(base, "rep@example.jp", "member-passphrase")
        try b.open(base + "/applications/1")
        #expect(try b.pageSource().contains("講師の見積書の金額を確認してください。"))
        try b.open(base + "/applications/1/edit")
        try b.type("#f-requestedAmount", "350000")
        try b.click("form[action$='/edit'] button[type='submit']")
        try b.waitFor(".flash")
        try act(b, base, "resubmit")
        try b.signOut()

        // Staff accept, approve within the budget, and publish the results.
        try b.signIn(base, "office@example.jp", "office-passphrase")
        #expect(try { try b.open(base + "/applications/1"); return try b.pageSource().contains("前回の提出からの変更") }())
        try b.open(base + "/applications/1")
        for item in ["form", "budget", "attachments", "eligibility"] {
            try b.click("form[action$='/transitions/accept'] input[value='\(item)']")
        }
        try b.click("form[action$='/transitions/accept'] button[type='submit']")
        try b.waitFor(".flash")
        try b.open(base + "/applications/1")
        try b.type("#f-grantedAmount", "350000")
        try b.click("form[action$='/decision'] input[value='approve'] ~ .form__actions button")
        try b.waitFor(".flash")
        for action in ["close", "review", "publish"] {
            try b.open(base + "/staff/calls/\(callID)")
            // Closing and publishing ask first, on a page of their own.
            try b.takeStep("form[action$='/transitions/\(action)'] button", confirming: action != "review")
        }
        try b.signOut()

        // The public results page shows the grant.
        try b.open(base + "/calls/\(callID)/results")
        try b.waitFor("table")
        let results = try b.text("table")
        #expect(results.contains("NPO法人 ブラウザ申請の会") && results.contains("子育てひろば出張事業") && results.contains("350,000"))
    }
}
