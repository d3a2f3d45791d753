import Foundation
import HTTP
import SQLite
import Testing
@testable import Kyodo

/// The shared workflow engine, on a toy lifecycle and on organisations over HTTP.
@Suite struct WorkflowTests {
    struct Item: Sendable { let id: Int64; let state: ItemState; let deadline: Date }
    enum ItemState: String, WorkflowState { case draft, submitted, accepted }
    enum ItemAction: String, WorkflowAction { case submit, `return`, accept, decide }
    typealias Flow = Workflow<Item, ItemState, ItemAction>

    static let staffOnly: @Sendable (Principal, Item) -> Bool = { p, _ in p.has(.staff) }
    static let workflow = Flow(
        recordType: "item",
        transitions: [
            .init(.submit, from: [.draft], to: .submitted, labelKey: "x", allowed: { p, _ in p.isSignedIn },
                  guards: [{ item, _, now in now < item.deadline ? nil : "call.error.closed" }]),
            .init(.return, from: [.submitted], to: .draft, labelKey: "x", commentRequired: true, allowed: staffOnly),
            .init(.accept, from: [.submitted], to: .accepted, labelKey: "x", allowed: staffOnly),
            .init(.decide, from: [.submitted], to: .accepted, labelKey: "x", entry: .form, allowed: staffOnly),
        ],
        load: { db, id in
            try db.first("SELECT id, state, deadline FROM item WHERE id = ?", [id]).map {
                Item(id: try $0.get("id"), state: ItemState(rawValue: try $0.get("state")) ?? .draft, deadline: try $0.get("deadline"))
            }
        },
        state: { $0.state }, id: { $0.id },
        setState: { db, id, from, to, _ in
            try db.execute("UPDATE item SET state = ? WHERE id = ? AND state = ?", [to.rawValue, id, from.rawValue])
            return db.changes
        })

    static func principal(_ roles: Set<Role>) -> Principal {
        Principal(user: User(id: 1, email: "a@example.jp", displayName: "A", preferredLocale: "ja", department: nil, isActive: true,
                             hasPassword: true, roles: roles, createdAt: Date()), memberships: [:])
    }

    private func events(_ app: TestApp) throws -> Int { try app.count("SELECT count(*) FROM workflow_event") }

    private func items(_ app: TestApp, _ rows: [(ItemState, Date)]) throws {
        try app.services.database.write { db in
            try db.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, state TEXT, deadline TEXT)")
            for (i, row) in rows.enumerated() { try db.execute("INSERT INTO item VALUES (?, ?, ?)", [Int64(i + 1), row.0.rawValue, row.1]) }
        }
    }

    @Test func refusals_changeNothing() throws {
        let app = try TestApp()
        let future = Date().addingTimeInterval(3600), past = Date().addingTimeInterval(-1)
        // 1: draft, 2: submitted, 3: draft past its deadline
        try items(app, [(.draft, future), (.submitted, future), (.draft, past)])
        let staff = Self.principal([.staff]), member = Self.principal([])
        var applied = 0
        func attempt(_ action: ItemAction, _ id: Int64, _ p: Principal, comment: String = "", entry: TransitionEntry = .button) throws {
            try app.services.database.write { db in
                try Self.workflow.take(action, id: id, by: p, actor: .system(), comment: comment, entry: entry, in: db, now: Date()) { _, _, _ in
                    applied += 1
                }
            }
        }
        #expect(throws: Flow.Refusal.notFromThisState) { try attempt(.accept, 1, staff) }
        #expect(throws: Flow.Refusal.notAllowed) { try attempt(.accept, 2, member) }
        #expect(throws: Flow.Refusal.notAllowed) { try attempt(.accept, 99, staff) }
        #expect(throws: Flow.Refusal.guardFailed("call.error.closed")) { try attempt(.submit, 3, member) }
        #expect(throws: Flow.Refusal.commentRequired) { try attempt(.return, 2, staff, comment: "  ") }
        #expect(throws: Flow.Refusal.needsItsForm) { try attempt(.decide, 2, staff) }
        #expect(applied == 0)
        #expect(try events(app) == 0)
        #expect(try app.count("SELECT count(*) FROM audit_event") == 0)
        #expect(try app.count("SELECT count(*) FROM item WHERE state = 'submitted'") == 1)
        try attempt(.decide, 2, staff, entry: .form)
        #expect(try applied == 1 && (app.count("SELECT count(*) FROM item WHERE state = 'accepted'")) == 1)
    }

    /// The state change is conditional on the state the record was loaded in: a change made
    /// between load and write (here by a guard, standing in for another writer) makes it a 409.
    @Test func stateChangedUnderneath_isAConflict_andNothingIsWritten() throws {
        let app = try TestApp()
        try items(app, [(.submitted, Date().addingTimeInterval(3600))])
        let racing = Flow(recordType: "item", transitions: [
            .init(.accept, from: [.submitted], to: .accepted, labelKey: "x", allowed: Self.staffOnly, guards: [{ _, db, _ in
                try db.execute("UPDATE item SET state = 'draft' WHERE id = 1")
                return nil
            }]),
        ], load: Self.workflow.load, state: Self.workflow.state, id: Self.workflow.id, setState: Self.workflow.setState)
        #expect(throws: Flow.Refusal.notFromThisState) {
            try app.services.database.write { db in
                try racing.take(.accept, id: 1, by: Self.principal([.staff]), actor: .system(), entry: .button, in: db, now: Date())
            }
        }
        #expect(try events(app) == 0 && (app.count("SELECT count(*) FROM item WHERE state = 'submitted'")) == 1)
    }

    @Test func transition_writesStateHistoryAndAudit_inOneTransaction() throws {
        let app = try TestApp()
        try items(app, [(.submitted, Date())])
        try app.services.database.write { db in
            try Self.workflow.take(.return, id: 1, by: Self.principal([.staff]), actor: .system("職員"), comment: "予算書を添付してください",
                                   entry: .button, in: db, now: Date())
        }
        #expect(try app.count("SELECT count(*) FROM item WHERE state = 'draft'") == 1)
        let timeline = try app.services.database.read { try WorkflowStore.timeline($0, recordType: "item", recordID: 1) }
        #expect(timeline.count == 1 && timeline[0].from == "submitted" && timeline[0].to == "draft" && timeline[0].comment == "予算書を添付してください")
        #expect(try app.count("SELECT count(*) FROM audit_event WHERE action = 'item.return'") == 1)

        // A failing side effect rolls back the state change and the history too.
        try app.services.database.write { try $0.execute("UPDATE item SET state = 'submitted'") }
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try app.services.database.write { db in
                try Self.workflow.take(.accept, id: 1, by: Self.principal([.staff]), actor: .system(), entry: .button, in: db,
                                       now: Date()) { _, _, _ in throw Boom() }
            }
        }
        #expect(try events(app) == 1 && (app.count("SELECT count(*) FROM item WHERE state = 'submitted'")) == 1)
        #expect(throws: DatabaseError.self) { try app.services.database.write { try $0.execute("DELETE FROM workflow_event") } }
    }

    @Test func available_listsOnlyWhatThisPersonMayDoNow() {
        let item = Item(id: 1, state: .submitted, deadline: Date())
        #expect(Self.workflow.available(to: Self.principal([.staff]), on: item).map(\.action) == [.return, .accept, .decide])
        #expect(Self.workflow.buttons(for: Self.principal([.staff]), on: item).map(\.action) == [.return, .accept])
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
