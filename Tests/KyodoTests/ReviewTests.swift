import Foundation
import Testing
@testable import Kyodo

@Suite struct ReviewArithmeticTests {
    private func review(_ item: Int64, _ member: Int64, _ scores: [Int], submitted: Bool = true) -> Review {
        var r = Review()
        r.itemID = item; r.memberID = member; r.status = submitted ? .submitted : .draft; r.recommendation = .select
        r.scores = scores.enumerated().map { .init(position: $0.offset + 1, score: $0.element, comment: "") }
        return r
    }

    @Test func weightedMean_total_spread_andCriterionMeans_onKnownValues() {
        // Weights 3 and 2: member A (5, 4) → 23/5 = 4.6; member B (3, 3) → 15/5 = 3.0; a draft does not count.
        let a = ReviewAggregate(
            itemID: 1, weights: [3, 2],
            reviews: [review(1, 1, [5, 4]), review(1, 2, [3, 3]), review(1, 3, [1, 1], submitted: false)],
            recusals: 1)
        #expect(a.scorers == 2 && a.recusals == 1 && a.total == 38)
        #expect(abs((a.weightedMean ?? 0) - 3.8) < 1e-9 && a.minimum == 3.0 && abs((a.maximum ?? 0) - 4.6) < 1e-9)
        #expect(abs((a.standardDeviation ?? 0) - 0.8) < 1e-9)
        #expect(a.criterionMeans.count == 2 && a.criterionMeans[0] == 4.0 && a.criterionMeans[1] == 3.5)
        #expect(ReviewAggregate.format(a.weightedMean) == "3.80")
        let nobody = ReviewAggregate(itemID: 2, weights: [3, 2], reviews: [], recusals: 0)
        #expect(nobody.weightedMean == nil && nobody.scorers == 0 && ReviewAggregate.format(nobody.weightedMean) == "—")
    }

    @Test func ties_shareARank_andTheNextRankSkips() {
        let items = [
            ReviewAggregate(itemID: 1, weights: [1], reviews: [review(1, 1, [4])], recusals: 0),
            ReviewAggregate(itemID: 2, weights: [1], reviews: [review(2, 1, [5])], recusals: 0),
            ReviewAggregate(itemID: 3, weights: [1], reviews: [review(3, 1, [4])], recusals: 0),
            ReviewAggregate(itemID: 4, weights: [1], reviews: [], recusals: 1),
            ReviewAggregate(itemID: 5, weights: [1], reviews: [review(5, 1, [2])], recusals: 0),
        ]
        let ranked = ReviewAggregate.ranked(items)
        #expect(ranked.map(\.itemID) == [2, 1, 3, 5, 4])
        #expect(ranked.map(\.rank) == [1, 2, 2, 4, nil])
    }
}

@Suite struct ReviewTests {
    struct World {
        let app: TestApp
        let staff: Browser
        let a: Browser
        let b: Browser
        let c: Browser
        let call: Int64
    }

    /// A grant call with two criteria (weights 3 and 2) and three accepted applications from three
    /// organisations; three council members, member C linked to the second organisation.
    private func setUp() throws -> World {
        let app = try TestApp()
        try app.createUser("staff@example.jp", roles: [.staff])
        for name in ["a", "b", "c"] {
            try app.createUser("\(name)@council.example.jp", roles: [.council], name: "委員\(name.uppercased())")
        }
        let now = app.services.now()
        var call = Call()
        call.title = "令和8年度 公益活動事業補助金"; call.status = .reviewing; call.eligibleKinds = [.npo]
        call.opensAt = now.addingTimeInterval(-10 * 86_400); call.closesAt = now.addingTimeInterval(-86_400)
        call.criteria = [
            .init(name: "公益性", description: "市民全体の利益になるか", weight: 3, scaleMin: 1, scaleMax: 5),
            .init(name: "実現性", description: "計画が実行できるか", weight: 2, scaleMin: 1, scaleMax: 5),
        ]
        let callID = try app.services.database.write { try CallStore.insert($0, call, now: now) }
        for (i, name) in ["ひまわりの会", "さくらの会", "つばきの会"].enumerated() {
            let org = try app.createOrganisation(name, kana: "かい\(i)")
            try app.services.database.write { db in
                let id = try GrantStore.create(db, callID: callID, organisationID: org, now: now)
                guard var g = try GrantStore.find(db, id: id) else { return }
                g.projectTitle = "事業\(i + 1)"
                try GrantStore.update(db, g, now: now)
                try GrantStore.forceStatus(db, id: id, .accepted, now: now)
            }
        }
        func signedIn(_ email: String) throws -> Browser {
            let browser = app.browser()
            try browser.signIn(email, "correct-horse-battery")
            return browser
        }
        return World(
            app: app, staff: try signedIn("staff@example.jp"), a: try signedIn("a@council.example.jp"),
            b: try signedIn("b@council.example.jp"), c: try signedIn("c@council.example.jp"), call: callID)
    }

    /// The office registers the three members (C advises the second organisation) and opens a pre-evaluation round.
    private func openRound(_ w: World) throws {
        try w.staff.get("/staff/council")
        for (i, name) in ["a", "b", "c"].enumerated() {
            let user = try #require(
                try w.app.services.database.read { try UserStore.find($0, email: "\(name)@council.example.jp") })
            var fields = [
                ("name", "委員\(name.uppercased())"), ("affiliation", ""), ("category", "academic"),
                ("position", i == 0 ? "chair" : "member"),
                ("termFrom", "2025-04-01"), ("termTo", "2099-03-31"), ("user", String(user.id)),
            ]
            if name == "c" { fields.append(("organisations", "2")) }
            #expect(try w.staff.post("/staff/council", fields).status == 303)
            try w.staff.get("/staff/council")
        }
        let bad = try w.staff.post(
            "/staff/council",
            [
                ("name", "委員X"), ("category", "public"), ("position", "member"), ("termFrom", "2026-04-01"),
                ("termTo", "2025-03-31"), ("user", ""),
            ])
        #expect(bad.status == 422 && bad.body.contains("委員X"))
        let form = try w.staff.get("/staff/calls/\(w.call)/rounds/new")
        #expect(form.body.contains("事業1（ひまわりの会）") && form.body.contains("checked"))
        #expect(
            try w.staff.post(
                "/staff/calls/\(w.call)/rounds",
                [
                    ("stage", "pre"), ("dueOn", "2099-01-31"), ("members", "1"), ("members", "2"),
                    ("members", "3"),
                ]
            ).status == 303)
    }

    private func score(
        _ b: Browser, item: Int, _ s1: String, _ s2: String, comment: String, submit: Bool
    ) throws -> HTTPClient.Response {
        try b.get("/review/items/\(item)")
        return try b.post(
            "/review/items/\(item)",
            [
                ("score1", s1), ("score2", s2), ("comment1", comment), ("comment2", ""),
                ("recommendation", "select"), ("comment", comment), ("intent", submit ? "submit" : "draft"),
            ])
    }

    @Test func scoringIsBlind_conflictsExclude_andTheRankingFollowsTheWeights() throws {
        let w = try setUp()
        try openRound(w)
        // C advises the second organisation: excluded automatically, its scoring form is not there for C.
        #expect(try w.c.get("/review/items/2").status == 404)
        #expect(try w.c.get("/review").body.contains("利益相反のため除外"))
        #expect(try w.c.get("/applications/2").status == 404)
        #expect(try w.c.get("/applications/1").status == 200)  // the material of an item C scores

        // A scores item 1 with a comment nobody else may read.
        let secret = "Aだけが知る所見XYZ"
        #expect(try score(w.a, item: 1, "5", "4", comment: secret, submit: false).status == 303)
        #expect(try score(w.a, item: 1, "5", "4", comment: secret, submit: true).status == 303)
        // B, before and after submitting, never meets A's scores or words; nor does C.
        for page in ["/review", "/review/items/1", "/applications/1"] {
            #expect(!(try w.b.get(page).body.contains(secret)), "\(page) shows A's comment to B")
        }
        let incomplete = try score(w.b, item: 1, "3", "", comment: "Bの所見", submit: true)
        #expect(incomplete.status == 422 && incomplete.body.contains("Bの所見"))
        #expect(try score(w.b, item: 1, "3", "3", comment: "Bの所見", submit: true).status == 303)
        #expect(!(try w.b.get("/review/items/1").body.contains(secret)))
        #expect(!(try w.c.get("/review/items/1").body.contains(secret)))
        // The office sees progress, not scores, while the round is open.
        let open = try w.staff.get("/staff/rounds/1")
        #expect(open.body.contains("2 / 3") && !open.body.contains(secret) && open.body.contains("申請団体に所属・関与しているため"))
        #expect(try w.staff.get("/staff/rounds/1/results.csv").status == 409)

        // Submitted means locked.
        #expect(try score(w.a, item: 1, "1", "1", comment: "書き換え", submit: true).status == 409)
        // C declares a conflict on item 3 and is left out of it.
        try w.c.get("/review")
        #expect(try w.c.post("/review/items/3/conflict", [("reason", "理事を務めている")]).status == 303)
        #expect(try w.c.get("/review/items/3").status == 404)
        #expect(try score(w.c, item: 1, "4", "4", comment: "Cの所見", submit: true).status == 303)
        #expect(try score(w.a, item: 2, "4", "4", comment: "", submit: true).status == 303)
        #expect(try score(w.b, item: 2, "4", "4", comment: "", submit: true).status == 303)
        #expect(try score(w.a, item: 3, "2", "2", comment: "", submit: true).status == 303)

        // Closing waits for B on item 3, unless the office gives a reason.
        try w.staff.get("/staff/rounds/1")
        #expect(try w.staff.post("/staff/rounds/1/transitions/close", []).status == 422)
        let noReason = try w.staff.post("/staff/rounds/1/transitions/close-early", [("comment", "")])
        #expect(noReason.status == 422)
        #expect(try w.staff.post("/staff/rounds/1/transitions/close-early", [("comment", "B委員が欠席のため")]).status == 303)

        // Item 1: A 23/5 = 4.60, B 3.00, C 20/5 = 4.00 → 3.87; item 2: 4.00 (C recused); item 3: 2.00 (C declared).
        let ranking = try w.staff.get("/staff/rounds/1")
        #expect(ranking.body.contains("4.00") && ranking.body.contains("3.87") && ranking.body.contains("2.00"))
        #expect(ranking.body.contains("B委員が欠席のため") && ranking.body.contains("理事を務めている"))
        func order(_ body: String) -> [String] {
            ["事業1", "事業2", "事業3"].sorted {
                (body.range(of: $0)?.lowerBound ?? body.endIndex) < (body.range(of: $1)?.lowerBound ?? body.endIndex)
            }
        }
        #expect(order(ranking.body.components(separatedBy: "ranking-title").last ?? "") == ["事業2", "事業1", "事業3"])
        #expect(
            order(
                try w.staff.get("/staff/rounds/1?sort=title").body.components(separatedBy: "ranking-title").last ?? "")
                == ["事業1", "事業2", "事業3"])
        let csv = try w.staff.get("/staff/rounds/1/results.csv")
        let lines = csv.body.components(separatedBy: "\r\n")
        #expect(
            lines.count >= 4 && lines[1].hasPrefix("1,事業2") && lines[2].hasPrefix("2,事業1")
                && lines[3].hasPrefix("3,事業3"))
        #expect(lines[2].contains("3.87") && lines[2].contains("4.60") && lines[2].contains(",3,0,"))

        // Opinions, then publication with the results: aggregates and opinions, never a member's name or words.
        try w.staff.get("/staff/rounds/1")
        #expect(
            try w.staff.post(
                "/staff/rounds/1/opinions", [("opinion1", "地域の子育てに資する"), ("opinion2", ""), ("opinion3", "")]
            ).status == 303)
        try w.app.services.database.write {
            try $0.execute("UPDATE call SET status = 'published' WHERE id = ?", [w.call])
        }
        let results = try w.app.get("/calls/\(w.call)/results")
        #expect(results.status == 200 && results.body.contains("3.87") && results.body.contains("地域の子育てに資する"))
        for leak in [secret, "Bの所見", "委員A", "委員B", "委員C", "理事を務めている"] {
            #expect(!results.body.contains(leak), "results show \(leak)")
        }
    }

    @Test func reopenWithReason_outOfTermRefused_andClosedRoundsAreFinal() throws {
        let w = try setUp()
        try openRound(w)
        #expect(try score(w.a, item: 1, "5", "5", comment: "", submit: true).status == 303)
        try w.staff.get("/staff/rounds/1")
        #expect(try w.staff.post("/staff/rounds/1/reopen", [("review", "1"), ("comment", "")]).status == 422)
        #expect(try w.staff.post("/staff/rounds/1/reopen", [("review", "1"), ("comment", "点数の記入誤りの申出")]).status == 303)
        #expect(try score(w.a, item: 1, "4", "5", comment: "", submit: false).status == 303)
        let history = try w.app.count(
            "SELECT count(*) FROM workflow_event WHERE record_type = 'review' AND action = 'reopen' AND comment = ?",
            ["点数の記入誤りの申出"])
        #expect(history == 1)
        // A member whose term has ended can no longer score.
        try w.app.services.database.write {
            try $0.execute(
                "UPDATE council_member SET term_from = '2019-04-01', term_to = '2020-03-31' WHERE name = '委員B'")
        }
        #expect(try score(w.b, item: 1, "3", "3", comment: "", submit: false).status == 409)
        #expect(try w.b.get("/review/items/1").body.contains("任期外のため評価できません"))
        // Nor may the office assign them to a new round.
        try w.staff.get("/staff/calls/\(w.call)/rounds/new")
        #expect(
            try w.staff.post(
                "/staff/calls/\(w.call)/rounds", [("stage", "post"), ("dueOn", "2099-01-31"), ("members", "2")]
            ).status == 422)
        // 事前評価 sits between 受付 and 交付決定: the decision waits for the round.
        try w.staff.get("/applications/3")
        let early = try w.staff.post("/applications/3/decision", [("decision", "reject"), ("reason", "予算の都合")])
        #expect(early.status == 422 && early.body.contains("事前評価が終わるまで"))
        // Once closed, nothing changes any more.
        try w.staff.get("/staff/rounds/1")
        #expect(try w.staff.post("/staff/rounds/1/transitions/close-early", [("comment", "期限のため")]).status == 303)
        #expect(try score(w.c, item: 1, "3", "3", comment: "", submit: true).status == 409)
        #expect(try w.staff.post("/staff/rounds/1/reopen", [("review", "1"), ("comment", "再度")]).status == 409)
        try w.staff.get("/applications/3")
        #expect(
            try w.staff.post("/applications/3/decision", [("decision", "reject"), ("reason", "予算の都合"), ("confirmed", "1")]).status
                == 303)
    }
}

@Suite struct ProposalReviewTests {
    @Test func proposalsInPublicReview_areScored_andTheDecisionWaitsForTheRound() throws {
        let app = try TestApp()
        try app.createUser("staff@example.jp", roles: [.staff])
        let memberUser = try app.createUser("m@council.example.jp", roles: [.council])
        let other = try app.createUser("o@council.example.jp", roles: [.council])
        let org = try app.createOrganisation("提案の会")
        let now = app.services.now()
        var call = Call()
        call.kind = .proposal; call.title = "協働事業提案"; call.status = .reviewing
        call.opensAt = now.addingTimeInterval(-10 * 86_400); call.closesAt = now.addingTimeInterval(-86_400)
        call.criteria = [.init(name: "協働の効果", description: "", weight: 1, scaleMin: 1, scaleMax: 5)]
        try app.services.database.write { db in
            let callID = try CallStore.insert(db, call, now: now)
            let id = try ProposalStore.create(db, callID: callID, organisationID: org, theme: nil, now: now)
            try db.execute("UPDATE proposal SET title = '公園で親子ひろば' WHERE id = ?", [id])
            try ProposalStore.forceStatus(db, id: id, .review, now: now)
            for (user, name, links) in [(memberUser, "委員M", [Int64]()), (other, "委員O", [org])] {
                var m = CouncilMember()
                m.userID = user; m.name = name; m.termFrom = "2020-04-01"; m.termTo = "2099-03-31";
                m.organisationIDs = links
                try CouncilStore.insert(db, m, now: now)
            }
        }
        let staff = app.browser(), member = app.browser(), linked = app.browser()
        try staff.signIn("staff@example.jp", "correct-horse-battery")
        try member.signIn("m@council.example.jp", "correct-horse-battery")
        try linked.signIn("o@council.example.jp", "correct-horse-battery")
        #expect(try member.get("/proposals/1").status == 404)  // not scoring it yet
        let form = try staff.get("/staff/calls/1/rounds/new")
        #expect(form.body.contains("公園で親子ひろば（提案の会）"))
        #expect(
            try staff.post(
                "/staff/calls/1/rounds",
                [("stage", "pre"), ("dueOn", "2099-01-31"), ("members", "1"), ("members", "2")]
            ).status == 303)
        // The scoring member reads the whole proposal; the one linked to the organisation does not.
        let material = try member.get("/proposals/1")
        #expect(material.status == 200 && material.body.contains("公園で親子ひろば"))
        #expect(try linked.get("/proposals/1").status == 404)
        #expect(try linked.get("/review/items/1").status == 404)
        try staff.get("/proposals/1")
        let early = try staff.post(
            "/proposals/1/decision", [("decision", "select"), ("councilResult", "適当"), ("conditions", "")])
        #expect(early.status == 422 && early.body.contains("評価が終わるまで"))
    }
}
