import Foundation
import Templating
import Testing
@testable import Kyodo

/// What was found on main around the grant lifecycle: a decision taken without its form,
/// check-then-write races, a resubmission date that did nothing, forms that lost input.
@Suite struct GrantRaceTests {
    /// An open call (max ¥500,000, rate 1/2, ceiling ¥1,000,000), an NPO with a representative,
    /// a saved draft ready to submit, and a staff account.
    private func setUp() throws -> (TestApp, Browser, callID: Int64) {
        let app = try TestApp()
        let rep = try app.createUser("rep@example.jp")
        try app.createOrganisation("申請する会", member: rep)
        try app.createUser("staff@example.jp", roles: [.staff])
        var call = Call()
        call.title = "補助金"; call.status = .open; call.maxAmount = 500_000; call.budgetCeiling = 1_000_000
        call.opensAt = app.services.now().addingTimeInterval(-86_400); call.closesAt = app.services.now().addingTimeInterval(10 * 86_400)
        call.eligibleKinds = [.npo]
        let callID = try app.services.database.write { [app] in try CallStore.insert($0, call, now: app.services.now()) }
        let b = app.browser()
        try b.signIn("rep@example.jp", "correct-horse-battery")
        try b.get("/calls/\(callID)")
        try b.post("/calls/\(callID)/applications", [])
        try b.get("/applications/1/edit")
        try b.post("/applications/1/edit", GrantTests.draft(requested: "400000"))
        return (app, b, callID)
    }

    private func signedIn(_ app: TestApp, _ email: String, page: String) throws -> Browser {
        let b = app.browser()
        try b.signIn(email, "correct-horse-battery")
        try b.get(page)
        return b
    }

    private func status(_ app: TestApp) throws -> GrantApplication.Status? {
        try app.services.database.read { try GrantStore.find($0, id: 1)?.status }
    }

    /// Runs every request at once, each on its own thread and connection.
    private func together(_ requests: [() throws -> Int]) -> [Int] {
        let results = LockedArray()
        // Each browser is used by one thread only; the box only carries them across.
        let box = UncheckedBox(requests)
        DispatchQueue.concurrentPerform(iterations: requests.count) { i in results.append((try? box.value[i]()) ?? -1) }
        return results.values.sorted()
    }

    @Test func approve_throughTheGenericEndpoint_isRefused() throws {
        let (app, b, _) = try setUp()
        try b.get("/applications/1")
        try b.post("/applications/1/transitions/submit", [])
        let staff = try signedIn(app, "staff@example.jp", page: "/applications/1")
        #expect(try staff.post("/applications/1/transitions/accept", GrantRoutes.checklist.map { ("checked", $0) }).status == 303)
        try staff.get("/applications/1")
        #expect(try staff.post("/applications/1/transitions/approve", []).status == 404)
        #expect(try staff.post("/applications/1/transitions/reject", [("comment", "理由")]).status == 404)
        #expect(try staff.post("/applications/1/transitions/nonsense", []).status == 404)
        #expect(try status(app) == .accepted)
        #expect(try app.services.database.read { try GrantStore.find($0, id: 1)?.grantedAmount } == nil)
    }

    @Test func doubleSubmit_from8Clients_onlyOneWins() throws {
        let (app, _, _) = try setUp()
        let clients = try (0..<8).map { _ in try signedIn(app, "rep@example.jp", page: "/applications/1") }
        let codes = together(clients.map { c in { try c.post("/applications/1/transitions/submit", []).status } })
        #expect(codes == [303] + Array(repeating: 409, count: 7))
        #expect(try app.count("SELECT count(*) FROM workflow_event WHERE record_type = 'application' AND action = 'submit'") == 1)
        #expect(try app.count("SELECT count(*) FROM grant_application_version WHERE application_id = 1") == 1)
    }

    @Test func withdrawAndApprove_atOnce_onlyOneCommits() throws {
        let (app, b, _) = try setUp()
        try b.get("/applications/1")
        try b.post("/applications/1/transitions/submit", [])
        let staff = try signedIn(app, "staff@example.jp", page: "/applications/1")
        try staff.post("/applications/1/transitions/accept", GrantRoutes.checklist.map { ("checked", $0) })
        let members = try (0..<4).map { _ in try signedIn(app, "rep@example.jp", page: "/applications/1") }
        let office = try (0..<4).map { _ in try signedIn(app, "staff@example.jp", page: "/applications/1") }
        let codes = together(members.map { m in { try m.post("/applications/1/transitions/withdraw", [("confirmed", "1")]).status } }
                             + office.map { s in { try s.post("/applications/1/decision", [("decision", "approve"), ("grantedAmount", "300000")]).status } })
        #expect(codes.filter { $0 == 303 }.count == 1 && codes.filter { $0 == 409 }.count == 7)
        let history = try app.services.database.read { try WorkflowStore.timeline($0, recordType: "application", recordID: 1) }
        let decisive = history.map(\.action).filter { $0 == "withdraw" || $0 == "approve" }
        #expect(decisive.count == 1)
        let final = try #require(try app.services.database.read { try GrantStore.find($0, id: 1) })
        #expect(final.status == .withdrawn ? final.grantedAmount == nil : final.grantedAmount == 300_000)
    }

    @Test func attachment_afterSubmission_isRefused() throws {
        let (app, b, _) = try setUp()
        try b.get("/applications/1/edit")
        let uploader = try signedIn(app, "rep@example.jp", page: "/applications/1/edit") // form opened before submitting
        try b.get("/applications/1")
        #expect(try b.post("/applications/1/transitions/submit", []).status == 303)
        let late = try uploader.postMultipart("/applications/1/attachments", [("name", "その他")], files: [("file", "a.pdf", DocumentTests.pdf)])
        #expect(late.status == 409)
        #expect(try app.count("SELECT count(*) FROM grant_attachment") == 0)
    }

    @Test func staleDraftSave_is409_withInputKept_andNothingLost() throws {
        let (app, b, _) = try setUp()
        let first = try signedIn(app, "rep@example.jp", page: "/applications/1/edit")
        try b.get("/applications/1/edit")
        var mine = GrantTests.draft(requested: "300000")
        mine[0] = ("projectTitle", "先に保存した題名")
        #expect(try b.post("/applications/1/edit", mine + [("revision", "1")]).status == 303)
        var theirs = GrantTests.draft(requested: "200000")
        theirs[0] = ("projectTitle", "後から保存しようとした題名")
        let r = try first.post("/applications/1/edit", theirs + [("revision", "1")])
        #expect(r.status == 409 && r.body.contains("別の画面で保存されました") && r.body.contains("後から保存しようとした題名"))
        #expect(try app.services.database.read { try GrantStore.find($0, id: 1)?.projectTitle } == "先に保存した題名")
        // The re-shown form carries the new revision, so saving it again is deliberate and works.
        #expect(r.body.contains("name=\"revision\" value=\"2\""))
        let audit = try app.count("SELECT count(*) FROM audit_event WHERE action = 'application.update'")
        #expect(audit == 2) // the setUp save and the first one here; none for the refused one
    }

    @Test func returnedApplication_canBeResubmittedUntilItsDate_afterTheCallDeadline() throws {
        let (app, b, _) = try setUp()
        try b.get("/applications/1")
        try b.post("/applications/1/transitions/submit", [])
        let staff = try signedIn(app, "staff@example.jp", page: "/applications/1")
        let due = JapaneseCalendar.tokyo(app.services.now().addingTimeInterval(20 * 86_400))
        let dueText = String(format: "%04d-%02d-%02d", due.year, due.month, due.day)
        let bad = try staff.post("/applications/1/transitions/return", [("comment", "見積書を添付してください"), ("resubmitBy", "2020-01-01")])
        #expect(bad.status == 422 && bad.body.contains("見積書を添付してください") && bad.body.contains("value=\"2020-01-01\""))
        #expect(try staff.post("/applications/1/transitions/return", [("comment", "見積書を添付してください"), ("resubmitBy", dueText)]).status == 303)
        app.clock.advance(by: 15 * 86_400) // past the call's deadline, before the resubmission date
        let late = try signedIn(app, "rep@example.jp", page: "/applications/1")
        let page = try #require(late.lastPage)
        #expect(page.body.contains("再提出") && !page.body.contains("締切を過ぎています"))
        #expect(try late.post("/applications/1/transitions/resubmit", []).status == 303)
        #expect(try status(app) == .submitted)
    }

    @Test func checklistAndDecisionForms_keepInputOnError() throws {
        let (app, b, _) = try setUp()
        try b.get("/applications/1")
        try b.post("/applications/1/transitions/submit", [])
        let staff = try signedIn(app, "staff@example.jp", page: "/applications/1")
        let partial = try staff.post("/applications/1/transitions/accept", [("checked", "form"), ("checked", "budget")])
        #expect(partial.status == 422 && partial.body.contains("エラー") && partial.body.contains("value=\"budget\" checked"))
        try staff.post("/applications/1/transitions/accept", GrantRoutes.checklist.map { ("checked", $0) })
        try staff.get("/applications/1")
        let bad = try staff.post("/applications/1/decision", [("decision", "approve"), ("grantedAmount", "たくさん"), ("conditions", "報告書を提出すること")])
        #expect(bad.status == 422 && bad.body.contains("value=\"たくさん\"") && bad.body.contains("報告書を提出すること"))
        #expect(bad.body.contains("href=\"#f-grantedAmount\"") && bad.body.contains("id=\"f-grantedAmount\""))
        let huge = try staff.post("/applications/1/decision", [("decision", "approve"), ("grantedAmount", "99999999999999999999")])
        #expect(huge.status == 422)
        #expect(try app.get("/healthz").status == 200)
        #expect(try status(app) == .accepted)
    }
}

final class UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// Results gathered from several threads.
final class LockedArray: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Int] = []
    func append(_ v: Int) { lock.lock(); items.append(v); lock.unlock() }
    var values: [Int] { lock.lock(); defer { lock.unlock() }; return items }
}

/// Found on main: a race on a unique index surfaced as a 500.
@Suite struct UniqueRaceTests {
    @Test func twoRegistrations_withTheSameAccountEmail_atOnce_neverFail() throws {
        let app = try TestApp()
        let browsers = try (0..<6).map { _ in
            let b = app.browser()
            try b.get("/organisations/new")
            return b
        }
        let box = UncheckedBox(browsers)
        let results = LockedArray()
        DispatchQueue.concurrentPerform(iterations: browsers.count) { i in
            let form = registrationForm(["name": "同時に登録する会\(i)", "accountEmail": "same@example.jp"])
            results.append((try? box.value[i].post("/organisations", form).status) ?? -1)
        }
        let codes = results.values
        #expect(codes.allSatisfy { $0 < 500 && $0 > 0 }, "\(codes)")
        #expect(codes.filter { $0 == 303 }.count == 1)
        #expect(try app.count("SELECT count(*) FROM user_account WHERE email = 'same@example.jp'") == 1)
    }
}
