import Foundation
import Testing
@testable import Kyodo

@Suite struct EvaluationTests {
    @Test func checklist_has25ItemsInFourGroups() {
        #expect(Evaluation.checklistItems.count == 25)
        #expect(Evaluation.checklistGroups.map(\.count) == [9, 6, 5, 5])
        #expect(Evaluation.checklistItems.first == "plan1" && Evaluation.checklistItems.last == "improve5")
    }

    /// An agreement in force between みどりの会 and the parks department.
    private func setUp() throws -> (TestApp, Browser, Browser, Browser, Browser) {
        let app = try TestApp()
        let repID = try app.createUser("rep@example.jp")
        let org = try app.createOrganisation("みどりの会", member: repID)
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
            try db.execute("INSERT INTO proposal_department (proposal_id, department_id) VALUES (?, ?)", [id, parks])
            try ProposalStore.forceStatus(db, id: id, .selected, now: now)
            var a = Agreement()
            a.sourceID = id; a.organisationID = org; a.departmentID = parks; a.title = "公園で親子ひろば"
            let aid = try AgreementStore.insert(db, a, now: now)
            try AgreementStore.forceStatus(db, id: aid, .inForce, now: now)
        }
        func signedIn(_ email: String) throws -> Browser {
            let b = app.browser()
            try b.signIn(email, "correct-horse-battery")
            return b
        }
        return (
            app, try signedIn("rep@example.jp"), try signedIn("kouen@example.jp"), try signedIn("staff@example.jp"),
            try signedIn("bunka@example.jp")
        )
    }

    static func sheet(_ ratings: [Int], note: String, submit: Bool) -> [(String, String)] {
        var fields = [("stage", "final"), ("intent", submit ? "submit" : "draft")]
        for (item, rating) in zip(Evaluation.retrospectiveItems, ratings) {
            fields += [("\(item)Rating", String(rating)), ("\(item)Text", "\(note)（\(item)）")]
        }
        return fields
    }

    @Test func retrospectives_blindUntilBoth_differencesMarked_thenPublished() throws {
        let (app, rep, parks, staff, culture) = try setUp()
        #expect(try culture.get("/agreements/1/evaluation").status == 404)
        #expect(try app.get("/agreements/1/evaluation").status == 404)
        try rep.get("/agreements/1/evaluation")
        let incomplete = try rep.post("/agreements/1/retrospective", Self.sheet([4, 4], note: "団体の所感", submit: true))
        #expect(incomplete.status == 422 && incomplete.body.contains("団体の所感（achievement）"))
        #expect(
            try rep.post("/agreements/1/retrospective", Self.sheet([4, 4, 3, 3, 4, 2, 3], note: "団体の所感", submit: true))
                .status == 303)
        // The department does not see the organisation's answers before submitting its own.
        let before = try parks.get("/agreements/1/evaluation")
        #expect(!before.body.contains("団体の所感") && before.body.contains("提出済み"))
        try staff.get("/agreements/1/evaluation")
        #expect(try staff.post("/agreements/1/evaluation/transitions/publish", [("stage", "final")]).status == 422)
        try parks.get("/agreements/1/evaluation")
        #expect(
            try parks.post(
                "/agreements/1/retrospective", Self.sheet([4, 2, 3, 1, 4, 2, 3], note: "市の所感", submit: true)
            ).status == 303)
        // Side by side: roles (4 vs 2) and costs (3 vs 1) far apart, nothing else differs.
        let both = try rep.get("/agreements/1/evaluation")
        #expect(both.body.contains("団体の所感（roles）") && both.body.contains("市の所感（roles）"))
        #expect(both.body.components(separatedBy: "2段階以上の差</span>").count - 1 == 2)
        #expect(both.body.components(separatedBy: "class=\"changed\"").count - 1 == 2)
        #expect(
            try rep.post("/agreements/1/retrospective", Self.sheet([1, 1, 1, 1, 1, 1, 1], note: "書き換え", submit: true))
                .status == 409)

        // The joint sheet: 25 checks, scored per group.
        try rep.get("/agreements/1/evaluation")
        var checks: [(String, String)] = [("stage", "final")]
        for item in Evaluation.checklistItems {
            checks.append((item, item.hasPrefix("plan") ? "yes" : item.hasPrefix("run") ? "partly" : "no"))
        }
        checks.append(("plan1Note", "目的は協定書に明記"))
        #expect(try rep.post("/agreements/1/checklist", checks).status == 303)
        let scored = try parks.get("/agreements/1/evaluation")
        #expect(
            scored.body.contains("計画段階 18 / 18") && scored.body.contains("実施段階 6 / 12")
                && scored.body.contains("成果把握 0 / 10"))

        // The office's remarks and publication; then everyone reads it, and the organisation's page links it.
        try staff.get("/agreements/1/evaluation")
        #expect(
            try staff.post("/agreements/1/evaluation/remarks", [("stage", "final"), ("remarks", "役割分担の認識に差があった")])
                .status == 303)
        #expect(try staff.post("/agreements/1/evaluation/transitions/publish", [("stage", "final")]).status == 303)
        let published = try app.get("/agreements/1/evaluation")
        #expect(
            published.status == 200 && published.body.contains("役割分担の認識に差があった") && published.body.contains("目的は協定書に明記"))
        #expect(try app.get("/organisations/1").body.contains("/agreements/1/evaluation"))
        // The next proposal drafted by the organisation shows what this project handed over.
        try app.services.database.write { db in
            let id = try ProposalStore.create(db, callID: 1, organisationID: 1, theme: nil, now: app.services.now())
            #expect(id == 2)
        }
        let next = try rep.get("/proposals/2/edit")
        #expect(next.body.contains("これまでの協働事業からの改善点・引継ぎ") && next.body.contains("団体の所感（handover）"))
        let theme = try parks.get("/staff/themes/new")
        #expect(theme.body.contains("市の所感（improve）"))
        try rep.get("/agreements/1/evaluation")
        #expect(try rep.post("/agreements/1/checklist", checks).status == 409)
    }
}
