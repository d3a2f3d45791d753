import Foundation
import Testing
@testable import Kyodo

@Suite struct AgreementTests {
    struct World {
        let app: TestApp
        let rep: Browser
        let staff: Browser
        let parks: Browser
        let culture: Browser
    }

    /// A selected proposal of みどりの会 with the parks department as partner (expenses ¥400,000).
    private func setUp() throws -> World {
        let app = try TestApp()
        let repID = try app.createUser("rep@example.jp")
        let org = try app.createOrganisation("みどりの会", member: repID) {
            $0.email = "secret-contact@example.jp"; $0.phone = "045-999-0000"
        }
        try app.createUser("staff@example.jp", roles: [.staff])
        try app.createUser("kouen@example.jp", roles: [.department], department: "公園緑地課")
        try app.createUser("bunka@example.jp", roles: [.department], department: "文化振興課")
        let now = app.services.now()
        try app.services.database.write { db in
            var call = Call()
            call.kind = .proposal; call.title = "協働事業提案"; call.status = .published
            call.opensAt = now.addingTimeInterval(-30 * 86_400); call.closesAt = now.addingTimeInterval(-86_400)
            let callID = try CallStore.insert(db, call, now: now)
            let parks = try DepartmentStore.findOrCreate(db, name: "公園緑地課", now: now)
            let id = try ProposalStore.create(db, callID: callID, organisationID: org, theme: nil, now: now)
            guard var p = try ProposalStore.find(db, id: id) else { return }
            p.title = "公園で親子ひろば"; p.purpose = "親子の居場所をつくる"; p.content = "月2回ひろばを開く"
            p.roleOrganisation = "企画と運営"; p.roleCity = "会場の提供"; p.periodFrom = "2026-06-01"; p.periodTo = "2027-02-28"
            p.departments = [Department(id: parks, name: "公園緑地課")]
            p.budget = [
                .init(direction: .expense, category: "講師謝金", amount: 300_000, eligible: true, note: ""),
                .init(direction: .expense, category: "消耗品費", amount: 100_000, eligible: true, note: ""),
            ]
            try ProposalStore.update(db, p, now: now)
            try ProposalStore.forceStatus(db, id: id, .selected, now: now)
        }
        func signedIn(_ email: String) throws -> Browser {
            let b = app.browser()
            try b.signIn(email, "correct-horse-battery")
            return b
        }
        return World(
            app: app, rep: try signedIn("rep@example.jp"), staff: try signedIn("staff@example.jp"),
            parks: try signedIn("kouen@example.jp"), culture: try signedIn("bunka@example.jp"))
    }

    static func sheet(_ purpose: String, submit: Bool) -> [(String, String)] {
        [
            ("purpose", purpose), ("target", "乳幼児と保護者"), ("contribution", "人手"), ("concerns", "雨天時"),
            ("sharing", "月1回の打合せ"),
            ("intent", submit ? "submit" : "draft"),
        ]
    }

    /// Both sheets in (the purposes differ), then the office drafts the agreement.
    private func drafted(_ w: World) throws {
        try w.rep.get("/proposals/1/pre-confirmation")
        #expect(try w.rep.post("/proposals/1/pre-confirmation", Self.sheet("親子の居場所づくり", submit: true)).status == 303)
        // One side's answers stay hidden until both are in; drafting waits for both.
        let half = try w.parks.get("/proposals/1/pre-confirmation")
        #expect(!half.body.contains("親子の居場所づくり") && half.body.contains("提出済み"))
        try w.staff.get("/proposals/1/pre-confirmation")
        #expect(try w.staff.post("/agreements", [("sourceType", "proposal"), ("sourceID", "1")]).status == 409)
        try w.parks.get("/proposals/1/pre-confirmation")
        let empty = try w.parks.post("/proposals/1/pre-confirmation", [("purpose", ""), ("intent", "submit")])
        #expect(empty.status == 422)
        #expect(try w.parks.post("/proposals/1/pre-confirmation", Self.sheet("公園の平日利用の促進", submit: true)).status == 303)
        let both = try w.rep.get("/proposals/1/pre-confirmation")
        #expect(both.body.contains("親子の居場所づくり") && both.body.contains("公園の平日利用の促進"))
        #expect(both.body.components(separatedBy: "違いあり").count - 1 == 1)  // only the purpose differs
        #expect(try w.rep.post("/proposals/1/pre-confirmation", Self.sheet("変更", submit: true)).status == 409)
        try w.staff.get("/proposals/1/pre-confirmation")
        #expect(try w.staff.post("/agreements", [("sourceType", "proposal"), ("sourceID", "1")]).status == 303)
    }

    static func edit(cityShare: String, organisationShare: String, purpose: String = "親子の居場所をつくる") -> [(String, String)]
    {
        var fields: [(String, String)] = [
            ("revision", ""), ("title", "公園で親子ひろば"), ("periodFrom", "2026-06-01"), ("periodTo", "2027-02-28"),
            ("department", "1"),
        ]
        for clause in Agreement.clauses {
            fields.append((clause, clause == "purpose" ? purpose : clause == "content" ? "月2回ひろばを開く" : ""))
        }
        fields += [
            ("cost1Item", "講師謝金"), ("cost1Organisation", organisationShare), ("cost1City", cityShare),
            ("cost2Item", "消耗品費"), ("cost2Organisation", "100000"), ("cost2City", "0"),
            ("report1Due", "2026-10-31"), ("report1What", "中間報告"),
        ]
        return fields.filter { $0.0 != "revision" }
    }

    @Test func drafting_confirming_voidingByAnEdit_andTheVersionDiff() throws {
        let w = try setUp()
        try drafted(w)
        let agreement = try #require(try w.app.services.database.read { try AgreementStore.find($0, id: 1) })
        #expect(
            agreement.title == "公園で親子ひろば" && agreement.total == 400_000 && agreement.costs.count == 2
                && agreement.departmentID == 1)

        // Visible to its parties only while a draft.
        #expect(try w.culture.get("/agreements/1").status == 404)
        #expect(try w.app.get("/agreements/1").status == 404)
        #expect(try w.parks.get("/agreements/1").status == 200)
        #expect(try w.rep.get("/agreements/1/edit").status == 404)  // the city side edits the text

        try w.staff.get("/agreements/1")
        #expect(try w.staff.post("/agreements/1/transitions/negotiate", []).status == 303)
        // A cost table that no longer adds up cannot be confirmed.
        try w.parks.get("/agreements/1/edit")
        #expect(
            try w.parks.post("/agreements/1/edit", Self.edit(cityShare: "200000", organisationShare: "200000")).status
                == 303)
        try w.rep.get("/agreements/1")
        let refused = try w.rep.post("/agreements/1/transitions/confirm-organisation", [])
        #expect(refused.status == 422 && refused.body.contains("一致していません") && refused.body.contains("f-action-"))
        try w.parks.get("/agreements/1/edit")
        #expect(
            try w.parks.post("/agreements/1/edit", Self.edit(cityShare: "200000", organisationShare: "100000")).status
                == 303)
        try w.rep.get("/agreements/1")
        #expect(try w.rep.post("/agreements/1/transitions/confirm-organisation", []).status == 303)
        #expect(try w.rep.get("/agreements/1").body.contains("団体確認済み"))

        // An edit after the confirmation voids it, visibly, and makes a new version.
        try w.parks.get("/agreements/1/edit")
        #expect(
            try w.parks.post(
                "/agreements/1/edit",
                Self.edit(
                    cityShare: "200000", organisationShare: "100000",
                    purpose: "親子と地域の居場所をつくる")
            ).status == 303)
        let voided = try #require(try w.app.services.database.read { try AgreementStore.find($0, id: 1) })
        #expect(voided.status == .negotiating && voided.orgConfirmedAt == nil && voided.version == 4)
        #expect(try w.rep.get("/agreements/1").body.contains("確認は取り消されました"))
        let diff = try w.staff.get("/agreements/1/versions?from=3&to=4")
        #expect(diff.body.contains("<del>親子の居場所をつくる</del>") && diff.body.contains("<ins>親子と地域の居場所をつくる</ins>"))
        #expect(diff.body.contains("変更のある項目: 1件"))
        let costDiff = try w.staff.get("/agreements/1/versions?from=1&to=4")
        #expect(costDiff.body.contains("¥300,000") && costDiff.body.contains("¥200,000"))

        // Both confirm again; the office concludes; the agreement is public, without contact data.
        try w.rep.get("/agreements/1")
        #expect(try w.rep.post("/agreements/1/transitions/confirm-organisation", []).status == 303)
        try w.parks.get("/agreements/1")
        #expect(try w.parks.post("/agreements/1/transitions/confirm-city", []).status == 303)
        try w.staff.get("/agreements/1")
        #expect(try w.staff.post("/agreements/1/transitions/conclude", []).status == 303)
        #expect(try w.app.services.database.read { try ProposalStore.status($0, id: 1) } == .agreement)  // the project follows
        let publicPage = try w.app.get("/agreements/1")
        #expect(publicPage.status == 200 && publicPage.body.contains("公園で親子ひろば") && publicPage.body.contains("第1条"))
        #expect(!publicPage.body.contains("secret-contact@example.jp") && !publicPage.body.contains("045-999-0000"))
        #expect(try w.app.get("/agreements").body.contains("公園で親子ひろば"))
        let print = try w.app.get("/agreements/1/print")
        #expect(
            print.status == 200 && print.body.contains("協働事業に関する協定書") && print.body.contains("みどりの会")
                && print.body.contains("公園緑地課") && print.body.contains("第2条") && print.body.contains("¥400,000"))
        // After 締結 a change is an amendment: back to negotiation, a new version.
        try w.staff.get("/agreements/1/edit")
        #expect(
            try w.staff.post("/agreements/1/edit", Self.edit(cityShare: "250000", organisationShare: "50000")).status
                == 303)
        #expect(try w.app.services.database.read { try AgreementStore.find($0, id: 1)?.status } == .negotiating)
        #expect(try w.app.get("/agreements/1").status == 404)
    }

    @Test func theRevisingTransition_isNotAButton_andTerminationNeedsAReason() throws {
        let w = try setUp()
        try drafted(w)
        try w.staff.get("/agreements/1")
        try w.staff.post("/agreements/1/transitions/negotiate", [])
        try w.rep.get("/agreements/1")
        #expect(try w.rep.post("/agreements/1/transitions/confirm-organisation", []).status == 303)
        try w.staff.get("/agreements/1")
        #expect(try w.staff.post("/agreements/1/transitions/revise", []).status == 404)  // only by saving a changed text
        #expect(try w.staff.post("/agreements/1/transitions/terminate", [("comment", "")]).status == 422)
        #expect(try w.staff.post("/agreements/1/transitions/terminate", [("comment", "団体の解散のため")]).status == 303)
        // A terminated agreement frees the proposal for a new one.
        try w.staff.get("/proposals/1/pre-confirmation")
        #expect(try w.staff.post("/agreements", [("sourceType", "proposal"), ("sourceID", "1")]).status == 303)
        #expect(try w.app.count("SELECT count(*) FROM agreement") == 2)
    }
}
