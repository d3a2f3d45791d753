import Foundation
import Testing
@testable import Kyodo

/// Found on main: a pending organisation's representative could add any existing account (staff
/// included) as a member without consent and read its real name; a hand-over racing a removal
/// could leave an organisation without a representative.
@Suite struct MemberConsentTests {
    @Test func existingAccount_isInvited_notAdded_andItsNameStaysPrivate() throws {
        let app = try TestApp()
        let rep = try app.createUser("rep@example.jp")
        let id = try app.createOrganisation("まだ審査中の会", status: .pending, member: rep)
        let staffID = try app.createUser("staff@example.jp", roles: [.staff], name: "職員 本名")
        let b = app.browser()
        try b.signIn("rep@example.jp", "correct-horse-battery")
        try b.get("/organisations/\(id)/members")
        #expect(try b.post("/organisations/\(id)/members", [("name", "だれか"), ("email", "staff@example.jp")]).status == 303)
        let page = try b.get("/organisations/\(id)/members")
        #expect(!page.body.contains("職員 本名") && page.body.contains("だれか") && page.body.contains("返事待ち"))
        #expect(try app.services.database.read { try MemberStore.memberships($0, userID: staffID)[id] } == nil)
        // The representative cannot hand the role to someone who has not said yes.
        #expect(try b.post("/organisations/\(id)/members/\(staffID)/representative", []).status == 409)

        let invited = app.browser()
        try invited.signIn("staff@example.jp", "correct-horse-battery")
        let mine = try invited.get("/my/organisations")
        #expect(mine.body.contains("まだ審査中の会") && mine.body.contains("参加する"))
        #expect(try invited.post("/my/organisations/\(id)/decline", []).status == 303)
        #expect(try app.count("SELECT count(*) FROM organisation_member WHERE user_id = ?", [staffID]) == 0)
        try invited.get("/my/organisations")
        #expect(try invited.post("/my/organisations/\(id)/accept", []).status == 404)

        try b.get("/organisations/\(id)/members")
        #expect(try b.post("/organisations/\(id)/members", [("name", "だれか"), ("email", "staff@example.jp")]).status == 303)
        try invited.get("/my/organisations")
        #expect(try invited.post("/my/organisations/\(id)/accept", []).status == 303)
        #expect(try app.services.database.read { try MemberStore.memberships($0, userID: staffID)[id] } == .editor)
        #expect(try b.get("/organisations/\(id)/members").body.contains("職員 本名")) // now a member, by their own choice
    }

    @Test func handOverAndRemoval_atOnce_alwaysLeaveOneRepresentative() throws {
        for _ in 0..<5 {
            let app = try TestApp()
            let rep = try app.createUser("rep@example.jp")
            let id = try app.createOrganisation("会", member: rep)
            let editor = try app.createUser("editor@example.jp")
            try app.services.database.write { [app] in try MemberStore.add($0, organisationID: id, userID: editor, role: .editor, now: app.services.now()) }
            let a = app.browser(), b = app.browser()
            try a.signIn("rep@example.jp", "correct-horse-battery")
            try b.signIn("rep@example.jp", "correct-horse-battery")
            try a.get("/organisations/\(id)/members")
            try b.get("/organisations/\(id)/members")
            let box = UncheckedBox((a, b))
            let results = LockedArray()
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                let path = "/organisations/\(id)/members/\(editor)/" + (i == 0 ? "representative" : "remove")
                results.append((try? (i == 0 ? box.value.0 : box.value.1).post(path, []).status) ?? -1)
            }
            // Whichever wins, the other is refused (409, or 403/404 once the person or their role is gone).
            #expect(results.values.allSatisfy { (300..<500).contains($0) } && results.values.contains(303))
            #expect(try app.count("SELECT count(*) FROM organisation_member WHERE organisation_id = ? AND role = 'representative'", [id]) == 1)
        }
    }
}
