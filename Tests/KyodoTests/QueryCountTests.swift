import Foundation
import Testing
@testable import Kyodo

/// List pages run a fixed number of SQL statements whatever their length (no query per row), and
/// routes that never look at the visitor skip the session lookup. Counted per request by the
/// server (`X-Kyodo-Statements`, on in tests).
@Suite struct QueryCountTests {
    private func statements(_ r: HTTPClient.Response) -> Int { Int(r.header("X-Kyodo-Statements") ?? "") ?? -1 }

    /// A call with `n` submitted applications from `n` organisations; returns the staff browser.
    private func city(applications n: Int) throws -> (TestApp, Browser, Browser) {
        let app = try TestApp()
        try app.createUser("staff@example.jp", roles: [.staff])
        let rep = try app.createUser("rep@example.jp")
        var call = Call()
        call.title = "募集"; call.status = .open; call.eligibleKinds = [.npo]
        call.opensAt = app.services.now().addingTimeInterval(-86_400); call.closesAt = app.services.now().addingTimeInterval(86_400)
        let callID = try app.services.database.write { [app] in try CallStore.insert($0, call, now: app.services.now()) }
        for i in 0..<n {
            let org = try app.createOrganisation("団体\(i)", kana: "だんたい\(i)", member: rep)
            try app.services.database.write { [app] db in
                let id = try GrantStore.create(db, callID: callID, organisationID: org, now: app.services.now())
                guard var a = try GrantStore.find(db, id: id) else { return }
                a.projectTitle = "事業\(i)"; a.requestedAmount = 100_000
                a.budget = [.init(direction: .expense, category: "費目", amount: 200_000, eligible: true, note: "")]
                try GrantStore.update(db, a, now: app.services.now())
                try GrantStore.forceStatus(db, id: id, .submitted, now: app.services.now())
            }
        }
        // As many published themes and selected proposals under a proposal call, all naming one department.
        try app.createUser("dept@example.jp", roles: [.department], department: "公園緑地課")
        call.kind = .proposal
        try app.services.database.write { [app] db in
            let now = app.services.now()
            let proposalCall = try CallStore.insert(db, call, now: now)
            let parks = try DepartmentStore.findOrCreate(db, name: "公園緑地課", now: now)
            for i in 0..<n {
                var t = Theme()
                t.departmentID = parks; t.title = "テーマ\(i)"; t.fiscalYear = 2026; t.status = .published; t.fields = [3, 13]
                try ThemeStore.insert(db, t, now: now)
                let id = try ProposalStore.create(db, callID: proposalCall, organisationID: Int64(i + 1), theme: nil, now: now)
                try db.execute("INSERT INTO proposal_department (proposal_id, department_id) VALUES (?, ?)", [id, parks])
                try ProposalStore.forceStatus(db, id: id, i % 2 == 0 ? .selected : .consultation, now: now)
            }
        }
        let staff = app.browser(), member = app.browser()
        try staff.signIn("staff@example.jp", "correct-horse-battery")
        try member.signIn("rep@example.jp", "correct-horse-battery")
        return (app, staff, member)
    }

    @Test func listPages_runTheSameNumberOfStatements_for2And30Rows() throws {
        let (small, smallStaff, smallMember) = try city(applications: 2)
        let (large, largeStaff, largeMember) = try city(applications: 30)
        defer { _ = (small, large) }
        for path in ["/organisations", "/staff/organisations", "/staff/calls/1/applications", "/staff/calls/1/applications.csv",
                     "/calls", "/staff/calls"] {
            let a = statements(try smallStaff.get(path)), b = statements(try largeStaff.get(path))
            #expect(a > 0 && a == b, "\(path): \(a) statements for 2 rows, \(b) for 30")
        }
        for path in ["/themes", "/staff/themes", "/proposals", "/staff/calls/2/proposals", "/staff/calls/2/proposals.csv", "/organisations/1"] {
            let a = statements(try smallStaff.get(path)), b = statements(try largeStaff.get(path))
            #expect(a > 0 && a == b, "\(path): \(a) statements for 2 rows, \(b) for 30")
        }
        let smallDept = small.browser(), largeDept = large.browser()
        try smallDept.signIn("dept@example.jp", "correct-horse-battery")
        try largeDept.signIn("dept@example.jp", "correct-horse-battery")
        let a = statements(try smallDept.get("/department/proposals")), b = statements(try largeDept.get("/department/proposals"))
        #expect(a > 0 && a == b, "/department/proposals: \(a) statements for 2 rows, \(b) for 30")
        for path in ["/my/applications", "/my/organisations", "/my/proposals"] {
            let a = statements(try smallMember.get(path)), b = statements(try largeMember.get(path))
            #expect(a > 0 && a == b, "\(path): \(a) statements for 2 rows, \(b) for 30")
        }
    }

    @Test func staticFilesAndHealth_skipTheSessionLookup() throws {
        let (app, staff, _) = try city(applications: 1)
        let anonymous = try app.get("/healthz")
        let signedIn = try staff.get("/healthz")
        #expect(statements(anonymous) == statements(signedIn) && statements(anonymous) > 0)
        #expect(statements(try staff.get("/static/css/site.css")) == 0)
        // An ordinary page does look the session up.
        #expect(statements(try staff.get("/calls")) > statements(try app.get("/calls")))
    }
}
