import Foundation
import Testing
@testable import Kyodo

@Suite struct ProposalTests {
    struct World {
        let app: TestApp
        let rep: Browser
        let staff: Browser
        let parks: Browser
        let childcare: Browser
        let culture: Browser
        let call: Int64
        let parksID: Int64
        let childcareID: Int64
    }

    /// An open proposal call, a published parks theme, an NPO with a representative, the office and
    /// three departments' staff.
    private func setUp() throws -> World {
        let app = try TestApp()
        let repID = try app.createUser("rep@example.jp")
        try app.createOrganisation("みどりの会", fields: [3, 7], member: repID)
        try app.createUser("staff@example.jp", roles: [.staff])
        try app.createUser("kouen@example.jp", roles: [.department], department: "公園緑地課")
        try app.createUser("kosodate@example.jp", roles: [.department], department: "子育て支援課")
        try app.createUser("bunka@example.jp", roles: [.department], department: "文化振興課")
        var call = Call()
        call.kind = .proposal; call.title = "令和8年度 協働事業提案"; call.status = .open; call.fiscalYear = 2026
        call.opensAt = app.services.now().addingTimeInterval(-86_400);
        call.closesAt = app.services.now().addingTimeInterval(10 * 86_400)
        let now = app.services.now()
        let (callID, parksID, childcareID) = try app.services.database.write { db -> (Int64, Int64, Int64) in
            let id = try CallStore.insert(db, call, now: now)
            let parks = try DepartmentStore.findOrCreate(db, name: "公園緑地課", now: now)
            let childcare = try DepartmentStore.findOrCreate(db, name: "子育て支援課", now: now)
            var t = Theme()
            t.departmentID = parks; t.callID = id; t.fiscalYear = 2026; t.title = "公園を子育て世代の居場所に"; t.status = .published
            t.localIssue = "平日の公園が使われていない"; t.wanted = "催しの企画"; t.fields = [3]
            try ThemeStore.insert(db, t, now: now)
            return (id, parks, childcare)
        }
        func signedIn(_ email: String) throws -> Browser {
            let b = app.browser()
            try b.signIn(email, "correct-horse-battery")
            return b
        }
        return World(
            app: app, rep: try signedIn("rep@example.jp"), staff: try signedIn("staff@example.jp"),
            parks: try signedIn("kouen@example.jp"),
            childcare: try signedIn("kosodate@example.jp"), culture: try signedIn("bunka@example.jp"), call: callID,
            parksID: parksID, childcareID: childcareID)
    }

    static func draft(departments: [Int64]) -> [(String, String)] {
        [
            ("title", "公園で親子ひろば"), ("localIssue", "平日の公園が使われていない"), ("purpose", "親子の居場所をつくる"),
            ("content", "月2回、公園で親子ひろばを開く"), ("expectedEffect", "孤立する親子が減る"), ("form", "commission"),
            ("domain", "equal"),
            ("roleOrganisation", "企画と運営"), ("roleCity", "会場の提供と広報"), ("periodFrom", "2026-06-01"),
            ("periodTo", "2027-02-28"),
            ("requestedAmount", "300000"), ("inc1Category", "市の負担"), ("inc1Amount", "300000"), ("inc2Category", "自己資金"),
            ("inc2Amount", "100000"), ("exp1Category", "講師謝金"), ("exp1Amount", "400000"), ("exp1Eligible", "1"),
        ]
            + departments.map { ("departments", String($0)) }
    }

    private func status(_ w: World, _ id: Int64 = 1) throws -> Proposal.Status? {
        try w.app.services.database.read { try ProposalStore.status($0, id: id) }
    }

    /// Answering the theme through to a submitted proposal naming both departments.
    private func submitted(_ w: World) throws {
        let themePage = try w.rep.get("/themes/1")
        #expect(themePage.body.contains("このテーマに提案する"))
        #expect(try w.rep.post("/calls/\(w.call)/proposals", [("theme", "1")]).status == 303)
        // A second click leads to the same draft.
        try w.rep.get("/themes/1")
        #expect(
            try w.rep.post("/calls/\(w.call)/proposals", [("theme", "1")]).header("Location") == "/proposals/1/edit")
        let edit = try w.rep.get("/proposals/1/edit")
        #expect(edit.body.contains("平日の公園が使われていない"))  // the theme's local issue, carried over
        let prefilled = try #require(try w.app.services.database.read { try ProposalStore.find($0, id: 1) })
        #expect(prefilled.departmentIDs == [w.parksID] && prefilled.themeID == 1)
        #expect(try w.rep.post("/proposals/1/edit", Self.draft(departments: [w.parksID, w.childcareID])).status == 303)
        try w.rep.get("/proposals/1")
        #expect(try w.rep.post("/proposals/1/transitions/submit", []).status == 303)
        #expect(try status(w) == .submitted)
    }

    @Test func submit_listsEveryMissingPart_andRefusesUntilComplete() throws {
        let w = try setUp()
        try w.rep.get("/calls/\(w.call)")
        #expect(try w.rep.post("/calls/\(w.call)/proposals", []).status == 303)
        let page = try w.rep.get("/proposals/1")
        #expect(page.body.contains("協働の形態と協働の領域を選んでください") && page.body.contains("協働を希望する担当課を選んでください"))
        let refused = try w.rep.post("/proposals/1/transitions/submit", [])
        #expect(refused.status == 422 && refused.body.contains("id=\"f-action-submit-error\""))
        try w.rep.get("/proposals/1/edit")
        let bad = try w.rep.post(
            "/proposals/1/edit",
            Self.draft(departments: [w.parksID]).map {
                $0.0 == "periodTo" ? ("periodTo", "2026-01-01") : $0.0 == "form" ? ("form", "bribery") : $0
            })
        #expect(bad.status == 422 && bad.body.contains("終了日は開始日より後") && bad.body.contains("value=\"公園で親子ひろば\""))
        #expect(try status(w) == .draft)
    }

    @Test func twoDepartments_giveOpinions_officeSelects_andThePublicSeesTheSummary() throws {
        let w = try setUp()
        // The organisation's public page (now in the anonymous page cache) lists the open theme in its fields.
        let before = try w.app.get("/organisations/1")
        #expect(before.body.contains("公園を子育て世代の居場所に") && !before.body.contains("公園で親子ひろば"))
        try submitted(w)
        // Returned for correction, then sent again.
        try w.staff.get("/proposals/1")
        let noComment = try w.staff.post("/proposals/1/transitions/return", [("comment", "")])
        #expect(noComment.status == 422)
        #expect(try w.staff.post("/proposals/1/transitions/return", [("comment", "予算の内訳を詳しく")]).status == 303)
        try w.rep.get("/proposals/1")
        #expect(try w.rep.post("/proposals/1/transitions/resubmit", []).status == 303)

        // Consultation needs a due date.
        try w.staff.get("/proposals/1")
        let noDue = try w.staff.post("/proposals/1/transitions/consult", [("opinionDue", "")])
        #expect(noDue.status == 422 && noDue.body.contains("入力してください"))
        #expect(try w.staff.post("/proposals/1/transitions/consult", [("opinionDue", "2099-01-31")]).status == 303)

        // Each partner department's inbox lists it; a department not named never sees it.
        #expect(try w.parks.get("/department/proposals").body.contains("公園で親子ひろば"))
        #expect(try w.childcare.get("/department/proposals").body.contains("公園で親子ひろば"))
        #expect(!(try w.culture.get("/department/proposals").body.contains("公園で親子ひろば")))
        #expect(try w.culture.get("/proposals/1").status == 404)
        #expect(try w.culture.post("/proposals/1/opinion", [("verdict", "feasible"), ("reasons", "x")]).status == 404)

        try w.parks.get("/proposals/1")
        let noChanges = try w.parks.post(
            "/proposals/1/opinion", [("verdict", "conditional"), ("reasons", "土日は利用者が多い"), ("changes", "")])
        #expect(noChanges.status == 422 && noChanges.body.contains("土日は利用者が多い"))
        #expect(
            try w.parks.post(
                "/proposals/1/opinion",
                [
                    ("verdict", "conditional"), ("reasons", "土日は利用者が多い"),
                    ("changes", "平日の開催に限る"),
                ]
            ).status == 303)
        // Public review waits for every partner department.
        try w.staff.get("/proposals/1")
        let early = try w.staff.post("/proposals/1/transitions/review", [])
        #expect(early.status == 422 && early.body.contains("すべての担当課の意見"))
        try w.childcare.get("/proposals/1")
        #expect(
            try w.childcare.post(
                "/proposals/1/opinion", [("verdict", "feasible"), ("reasons", "子育て支援の方針に合う"), ("changes", "")]
            ).status == 303)
        let sideBySide = try w.staff.get("/proposals/1")
        #expect(
            sideBySide.body.contains("修正があれば実施可能") && sideBySide.body.contains("実施可能")
                && sideBySide.body.contains("平日の開催に限る"))
        #expect(try w.staff.post("/proposals/1/transitions/review", []).status == 303)

        // The presentation slot, then the decision through its form only.
        try w.staff.get("/proposals/1")
        let badTime = try w.staff.post(
            "/proposals/1/presentation", [("date", "2026-08-01"), ("time", "25:00"), ("place", "市役所"), ("order", "1")])
        #expect(badTime.status == 422)
        #expect(
            try w.staff.post(
                "/proposals/1/presentation",
                [
                    ("date", "2026-08-01"), ("time", "13:30"), ("place", "市役所 会議室"),
                    ("order", "2"),
                ]
            ).status == 303)
        #expect(try w.staff.post("/proposals/1/transitions/select", []).status == 404)
        let noReason = try w.staff.post(
            "/proposals/1/decision", [("decision", "reject"), ("councilResult", "効果が不明"), ("conditions", "")])
        #expect(noReason.status == 422 && noReason.body.contains("効果が不明"))
        #expect(try status(w) == .review)
        #expect(
            try w.staff.post(
                "/proposals/1/decision",
                [
                    ("decision", "select"), ("councilResult", "地域課題に合っている"),
                    ("conditions", "平日開催とすること"),
                ]
            ).status == 303)
        #expect(try status(w) == .selected)
        // Withdrawal is over once decided.
        try w.rep.get("/proposals/1")
        #expect(try w.rep.post("/proposals/1/transitions/withdraw", []).status == 409)

        // The organisation's public record of collaboration shows it: the cached page went stale with the selection.
        #expect(try w.app.get("/organisations/1").body.contains("公園で親子ひろば"))
        // The public: the summary, never the opinions or the council's deliberation.
        let list = try w.app.get("/proposals?year=2026")
        #expect(list.body.contains("公園で親子ひろば") && list.body.contains("みどりの会"))
        let publicPage = try w.app.get("/proposals/1")
        #expect(publicPage.status == 200 && publicPage.body.contains("委託") && publicPage.body.contains("300,000"))
        #expect(!publicPage.body.contains("平日の開催に限る") && !publicPage.body.contains("地域課題に合っている"))
        #expect(!publicPage.body.contains("/proposals/1/print") && !publicPage.body.contains("手続きの経過"))
        #expect(try w.app.get("/proposals/1/print").status == 303)  // sign in first

        // The rest of the lifecycle, each step by its side.
        for (browser, action) in [(w.staff, "conclude"), (w.staff, "start")] {
            try browser.get("/proposals/1")
            #expect(try browser.post("/proposals/1/transitions/\(action)", []).status == 303)
        }
        try w.rep.get("/proposals/1")
        #expect(try w.rep.post("/proposals/1/transitions/report", [("comment", "")]).status == 422)
        #expect(try w.rep.post("/proposals/1/transitions/report", [("comment", "24回開催、延べ600人")]).status == 303)
        for action in ["evaluate", "complete"] {
            try w.staff.get("/proposals/1")
            #expect(try w.staff.post("/proposals/1/transitions/\(action)", []).status == 303)
        }
        #expect(try status(w) == .completed)
        let history = try w.staff.get("/proposals/1")
        #expect(history.body.contains("担当課協議の開始") && history.body.contains("採択") && history.body.contains("24回開催"))
    }

    @Test func visibility_draftsAreTheOrganisations_andNothingLeaksBeforeSelection() throws {
        let w = try setUp()
        try w.rep.get("/calls/\(w.call)")
        try w.rep.post("/calls/\(w.call)/proposals", [])
        try w.rep.get("/proposals/1/edit")
        try w.rep.post("/proposals/1/edit", Self.draft(departments: [w.parksID]))
        // A draft: only its organisation.
        #expect(try w.staff.get("/proposals/1").status == 404)
        #expect(try w.parks.get("/proposals/1").status == 404)
        #expect(try w.app.get("/proposals/1").status == 404)
        try w.rep.get("/proposals/1")
        try w.rep.post("/proposals/1/transitions/submit", [])
        // Submitted: the office and the named department, not the public nor another department.
        #expect(try w.staff.get("/proposals/1").status == 200)
        #expect(try w.parks.get("/proposals/1").status == 200)
        #expect(try w.childcare.get("/proposals/1").status == 404)
        #expect(try w.app.get("/proposals/1").status == 404)
        #expect(!(try w.app.get("/proposals").body.contains("公園で親子ひろば")))
        // Another organisation's member learns nothing either.
        let otherID = try w.app.createUser("other@example.jp")
        try w.app.createOrganisation("別の会", member: otherID)
        let other = w.app.browser()
        try other.signIn("other@example.jp", "correct-horse-battery")
        #expect(try other.get("/proposals/1").status == 404)
        #expect(try other.get("/proposals/1/edit").status == 404)
    }

    @Test func staffList_counts_csv_andPrint() throws {
        let w = try setUp()
        try submitted(w)
        let list = try w.staff.get("/staff/calls/\(w.call)/proposals")
        #expect(list.body.contains("公園で親子ひろば") && list.body.contains("提出済み 1"))
        #expect(try w.staff.get("/staff/calls/\(w.call)/proposals?status=selected").body.contains("この募集への提案はまだありません"))
        let csv = try w.staff.get("/staff/calls/\(w.call)/proposals.csv")
        #expect(
            Array(csv.body.utf8).starts(with: [0xEF, 0xBB, 0xBF]) && csv.body.contains("\r\n")
                && csv.body.contains("公園緑地課・子育て支援課"))
        let print = try w.rep.get("/proposals/1/print")
        #expect(
            print.status == 200 && print.body.contains("協働事業提案書") && print.body.contains("代表 太郎")
                && print.body.contains("print.css"))
        #expect(try w.parks.get("/proposals/1/print").status == 200)
        // The organisation's own list, and the themes in its fields.
        let mine = try w.rep.get("/my/proposals")
        #expect(mine.body.contains("公園で親子ひろば") && mine.body.contains("公園を子育て世代の居場所に"))
    }
}
