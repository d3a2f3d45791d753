import Foundation
import Kyodo
import Testing

/// Council scoring in a real browser, with JavaScript on and off: the office opens a round, two
/// members score, one declares a conflict, the office closes the round and sees the ranking,
/// records the council's opinion and publishes the results, which show the aggregate and opinion.
@Suite(.serialized) struct ReviewScenarioTests {
    static func startApp() throws -> (App, String, callID: Int64) {
        let (app, directory) = try RegistrationScenarioTests.startApp()
        let hash = app.services.passwords.hash("council-passphrase")
        let callID = try app.services.database.write { db -> Int64 in
            let now = Date()
            var call = Call()
            call.title = "令和8年度 公益活動事業補助金"; call.status = .reviewing; call.eligibleKinds = [.npo]
            call.opensAt = now.addingTimeInterval(-30 * 86_400); call.closesAt = now.addingTimeInterval(-86_400)
            call.criteria = [
                .init(name: "公益性", description: "市民全体の利益になるか", weight: 3, scaleMin: 1, scaleMax: 5),
                .init(name: "実現性", description: "計画が実行できるか", weight: 2, scaleMin: 1, scaleMax: 5),
            ]
            let callID = try CallStore.insert(db, call, now: now)
            for (i, name) in ["NPO法人 ブラウザ評価の会", "ブラウザ子ども会"].enumerated() {
                var org = Organisation()
                org.name = name; org.nameKana = "ぶらうざ\(i)"; org.kind = .npo; org.status = .active;
                org.activityFields = [13]
                let orgID = try OrganisationStore.insert(db, org, now: now)
                let id = try GrantStore.create(db, callID: callID, organisationID: orgID, now: now)
                if var g = try GrantStore.find(db, id: id) {
                    g.projectTitle = ["子育てひろば", "こども食堂"][i]
                    try GrantStore.update(db, g, now: now)
                }
                _ = try GrantStore.setStatus(db, id: id, from: .draft, to: .accepted, now: now)
            }
            for (email, name) in [("a", "委員 甲"), ("b", "委員 乙"), ("c", "委員 丙")] {
                let user = try UserStore.create(
                    db, email: "\(email)@council.example.jp", displayName: name, roles: [.council], passwordHash: hash,
                    now: now)
                var m = CouncilMember()
                m.userID = user; m.name = name; m.category = .academic; m.termFrom = "2020-04-01";
                m.termTo = "2099-03-31"
                try CouncilStore.insert(db, m, now: now)
            }
            return callID
        }
        return (app, directory, callID)
    }

    @Test(arguments: [true, false])
    func twoScoreOneRecusesOfficeClosesAndPublishes(javascript: Bool) throws {
        try ScenarioRun.run("review", javascript: javascript, start: Self.startApp) { b, base, callID in
            try scenario(b, base: base, callID: callID)
        }
    }

    private func score(_ b: WebDriver, _ base: String, item: Int, _ first: Int, _ second: Int) throws {
        try b.open(base + "/review/items/\(item)")
        try b.click("#f-score1-\(first)")
        try b.click("#f-score2-\(second)")
        try b.click("#f-recommendation option[value='select']")
        try b.click("button[name='intent'][value='submit']")
        try b.waitFor(".flash")
    }

    private func scenario(_ b: WebDriver, base: String, callID: Int64) throws {
        // The office opens the pre-evaluation round for every member in term.
        try b.signIn(base, "office@example.jp", "office-passphrase")
        try b.open(base + "/staff/calls/\(callID)/rounds/new")
        try b.type("#f-dueOn", ProposalScenarioTests.date("2099", "0131"))
        try b.click("form[action$='/rounds'] button[type='submit']")
        try b.waitFor(".flash")
        try b.signOut()

        // Members A and B score both items; member C declares a conflict on the first and scores the second.
        try b.signIn(base, "a@council.example.jp", "council-passphrase")
        try score(b, base, item: 1, 5, 4)
        try score(b, base, item: 2, 3, 3)
        try b.signOut()
        try b.signIn(base, "b@council.example.jp", "council-passphrase")
        try score(b, base, item: 1, 4, 4)
        try score(b, base, item: 2, 2, 2)
        try b.signOut()
        try b.signIn(base, "c@council.example.jp", "council-passphrase")
        try b.open(base + "/review")
        try b.click("form[action='/review/items/1/conflict'] ~ summary, details summary")
        try b.type("#f-reason-1", "申請団体の理事を務めている")
        try b.click("form[action='/review/items/1/conflict'] button")
        try b.waitFor(".flash")
        #expect(try b.pageSource().contains("利益相反のため除外"))
        try score(b, base, item: 2, 3, 2)
        try b.signOut()

        // The office closes the round, sees the ranking, records the opinion and publishes the results.
        try b.signIn(base, "office@example.jp", "office-passphrase")
        try b.open(base + "/staff/rounds/1")
        try b.click("form[action$='/transitions/close'] button")
        try b.waitFor(".flash")
        let ranking = try b.text(".table-scroll")
        #expect(ranking.contains("子育てひろば") && ranking.contains("4.30") && ranking.contains("2.53"))
        try b.type("#f-opinion1", "子育て家庭の孤立防止に有効である")
        try b.click("form[action$='/opinions'] button")
        try b.waitFor(".flash")
        try b.open(base + "/staff/calls/\(callID)")
        try b.takeStep("form[action$='/transitions/publish'] button", confirming: true)
        try b.signOut()

        // The public results page: the aggregate and the opinion, no member's name.
        try b.open(base + "/calls/\(callID)/results")
        try b.waitFor("#review-title")
        let page = try b.pageSource()
        #expect(page.contains("4.30") && page.contains("子育て家庭の孤立防止に有効である"))
        #expect(!page.contains("委員 甲") && !page.contains("申請団体の理事を務めている"))
    }
}
