import Foundation
import HTTP
import SQLite
import Testing
@testable import Kyodo

/// The shared workflow engine, on a toy lifecycle and on organisations over HTTP.
@Suite struct WorkflowTests {
    struct Item: Sendable { let id: Int64; let state: String; let deadline: Date }

    static let staffOnly: @Sendable (Principal, Item) -> Bool = { p, _ in p.has(.staff) }
    static let workflow = Workflow<Item>(
        recordType: "item",
        transitions: [
            .init("submit", from: ["draft"], to: "submitted", labelKey: "x", allowed: { p, _ in p.isSignedIn },
                  guards: [{ item, now in now < item.deadline ? nil : "call.error.closed" }]),
            .init("return", from: ["submitted"], to: "draft", labelKey: "x", commentRequired: true, allowed: staffOnly),
            .init("accept", from: ["submitted"], to: "accepted", labelKey: "x", allowed: staffOnly),
        ],
        state: { $0.state }, id: { $0.id })

    static func principal(_ roles: Set<Role>) -> Principal {
        Principal(user: User(id: 1, email: "a@example.jp", displayName: "A", preferredLocale: "ja", department: nil, isActive: true,
                             hasPassword: true, roles: roles, createdAt: Date()), memberships: [:])
    }

    private func events(_ app: TestApp) throws -> Int { try app.count("SELECT count(*) FROM workflow_event") }

    @Test func refusals_changeNothing() throws {
        let app = try TestApp()
        let future = Date().addingTimeInterval(3600), past = Date().addingTimeInterval(-1)
        let staff = Self.principal([.staff]), member = Self.principal([])
        var applied = 0
        func attempt(_ action: String, _ item: Item, _ p: Principal, comment: String = "") throws {
            try app.services.database.write { db in
                try Self.workflow.perform(action, on: item, by: p, actor: .system(), comment: comment, in: db, now: Date()) { _, _ in applied += 1 }
            }
        }
        #expect(throws: Workflow<Item>.Refusal.notFromThisState) { try attempt("accept", Item(id: 1, state: "draft", deadline: future), staff) }
        #expect(throws: Workflow<Item>.Refusal.notAllowed) { try attempt("accept", Item(id: 1, state: "submitted", deadline: future), member) }
        #expect(throws: Workflow<Item>.Refusal.notAllowed) { try attempt("nonsense", Item(id: 1, state: "draft", deadline: future), staff) }
        #expect(throws: Workflow<Item>.Refusal.guardFailed("call.error.closed")) { try attempt("submit", Item(id: 1, state: "draft", deadline: past), member) }
        #expect(throws: Workflow<Item>.Refusal.commentRequired) { try attempt("return", Item(id: 1, state: "submitted", deadline: future), staff, comment: "  ") }
        #expect(applied == 0)
        #expect(try events(app) == 0)
        #expect(try app.count("SELECT count(*) FROM audit_event") == 0)
    }

    @Test func transition_writesStateHistoryAndAudit_inOneTransaction() throws {
        let app = try TestApp()
        try app.services.database.write { try $0.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, state TEXT)"); try $0.execute("INSERT INTO item VALUES (1, 'submitted')") }
        let item = Item(id: 1, state: "submitted", deadline: Date())
        try app.services.database.write { db in
            try Self.workflow.perform("return", on: item, by: Self.principal([.staff]), actor: .system("職員"), comment: "予算書を添付してください", in: db, now: Date()) { db, t in
                try db.execute("UPDATE item SET state = ? WHERE id = 1", [t.to])
            }
        }
        #expect(try app.count("SELECT count(*) FROM item WHERE state = 'draft'") == 1)
        let timeline = try app.services.database.read { try WorkflowStore.timeline($0, recordType: "item", recordID: 1) }
        #expect(timeline.count == 1 && timeline[0].from == "submitted" && timeline[0].to == "draft" && timeline[0].comment == "予算書を添付してください")
        #expect(try app.count("SELECT count(*) FROM audit_event WHERE action = 'item.return'") == 1)

        // A failure while applying rolls back the history too.
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try app.services.database.write { db in
                try Self.workflow.perform("accept", on: Item(id: 1, state: "submitted", deadline: Date()), by: Self.principal([.staff]),
                                          actor: .system(), comment: "", in: db, now: Date()) { _, _ in throw Boom() }
            }
        }
        #expect(try events(app) == 1)
        #expect(throws: DatabaseError.self) { try app.services.database.write { try $0.execute("DELETE FROM workflow_event") } }
    }

    @Test func available_listsOnlyWhatThisPersonMayDoNow() {
        let item = Item(id: 1, state: "submitted", deadline: Date())
        #expect(Self.workflow.available(to: Self.principal([.staff]), on: item).map(\.action) == ["return", "accept"])
        #expect(Self.workflow.available(to: Self.principal([]), on: item).isEmpty)
    }

    @Test func organisationReview_showsTheTimeline_andRefusesIllegalTransitions() throws {
        let app = try TestApp()
        try app.createUser("staff@example.jp", roles: [.staff])
        let owner = try app.createUser("owner@example.jp")
        let id = try app.createOrganisation("経過の会", status: .pending, member: owner)
        let staff = app.browser()
        try staff.signIn("staff@example.jp", "correct-horse-battery")
        try staff.get("/staff/organisations/\(id)")
        try staff.post("/staff/organisations/\(id)/return", [("reason", "会則を添付してください。")])
        let member = app.browser()
        try member.signIn("owner@example.jp", "correct-horse-battery")
        try member.get("/organisations/\(id)/edit")
        #expect(try member.post("/organisations/\(id)/resubmit", []).status == 303)
        #expect(try member.post("/organisations/\(id)/resubmit", []).status == 409)
        #expect(try member.post("/organisations/\(id)/activity", []).status == 409) // pending: it cannot be made inactive
        let page = try staff.get("/staff/organisations/\(id)")
        #expect(page.body.contains("手続きの経過") && page.body.contains("会則を添付してください。") && page.body.contains("再申請"))
        #expect(try app.count("SELECT count(*) FROM workflow_event WHERE record_id = ?", [id]) == 2)
    }
}
