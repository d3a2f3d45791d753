import Foundation
import Testing
@testable import Kyodo

@Suite struct ThemeTests {
    static let theme: [(String, String)] = [
        ("title", "公園を子育て世代の居場所に"), ("fiscalYear", "2026"), ("call", ""), ("localIssue", "平日の公園が使われていない"),
        ("wanted", "親子向けの催しを企画・運営できる団体"), ("expectedOutcome", "利用者の増加"), ("budgetFrame", "50万"),
        ("periodFrom", "2026-06-01"), ("periodTo", "2027-02-28"), ("contact", "内線1234"), ("district", ""),
        ("fields", "13"), ("fields", "3"),
    ]

    @Test func departments_areRecords_keptByTheAdmin() throws {
        let app = try TestApp()
        try app.createUser("admin@example.jp", roles: [.admin])
        let b = app.browser()
        try b.signIn("admin@example.jp", "correct-horse-battery")
        try b.get("/admin/departments")
        #expect(
            try b.post("/admin/departments", [("name", "公園緑地課"), ("section", "公園係"), ("contact", "内線1234")]).status
                == 303)
        try b.get("/admin/departments")
        let duplicate = try b.post("/admin/departments", [("name", "公園緑地課"), ("section", ""), ("contact", "")])
        #expect(duplicate.status == 422 && duplicate.body.contains("同じ名前の担当課"))
        let empty = try b.post("/admin/departments", [("name", ""), ("section", "係"), ("contact", "")])
        #expect(empty.status == 422 && empty.body.contains("value=\"係\""))
        // The account form offers the departments; a department-staff account belongs to one.
        let invite = try b.get("/admin/users/new")
        #expect(invite.body.contains("<option value=\"公園緑地課\""))
        #expect(
            try b.post(
                "/admin/users",
                [
                    ("email", "kouen@example.jp"), ("displayName", "公園 一郎"), ("roles", "department"),
                    ("department", "公園緑地課"),
                ]
            ).status == 303)
        let user = try #require(try app.services.database.read { try UserStore.find($0, email: "kouen@example.jp") })
        let parks = try #require(try app.services.database.read { try DepartmentStore.find($0, name: "公園緑地課") })
        #expect(user.departmentID == parks.id && user.department == "公園緑地課")
        try b.get("/admin/users/new")
        let unknown = try b.post(
            "/admin/users",
            [("email", "x@example.jp"), ("displayName", "X"), ("roles", "department"), ("department", "架空課")])
        #expect(unknown.status == 422)
        // A rename follows the accounts.
        try b.get("/admin/departments/\(parks.id)")
        #expect(
            try b.post("/admin/departments/\(parks.id)", [("name", "公園みどり課"), ("section", ""), ("contact", "")]).status
                == 303)
        #expect(
            try app.services.database.read { try UserStore.find($0, email: "kouen@example.jp")?.department } == "公園みどり課"
        )
    }

    @Test func department_drafts_officePublishes_publicFilters_andClosedStaysReadable() throws {
        let app = try TestApp()
        try app.createUser("kouen@example.jp", roles: [.department], department: "公園緑地課")
        try app.createUser("kosodate@example.jp", roles: [.department], department: "子育て支援課")
        try app.createUser("staff@example.jp", roles: [.staff])
        try app.createOrganisation("子育ての会", fields: [13])
        let dept = app.browser()
        try dept.signIn("kouen@example.jp", "correct-horse-battery")
        try dept.get("/staff/themes/new")
        let missing = try dept.post("/staff/themes", Self.theme.map { $0.0 == "title" ? ("title", "") : $0 })
        #expect(missing.status == 422 && missing.body.contains("平日の公園が使われていない"))
        #expect(try dept.post("/staff/themes", Self.theme).status == 303)
        let theme = try #require(try app.services.database.read { try ThemeStore.find($0, id: 1) })
        #expect(
            theme.departmentName == "公園緑地課" && theme.budgetFrame == 500_000 && theme.fields == [3, 13]
                && theme.status == .draft)

        // A draft is the department's and the office's only.
        #expect(try app.get("/themes/1").status == 404)
        let other = app.browser()
        try other.signIn("kosodate@example.jp", "correct-horse-battery")
        #expect(try other.get("/themes/1").status == 404)
        #expect(try other.get("/themes/1/edit").status == 404)
        #expect(try dept.get("/themes/1").body.contains("公園を子育て世代の居場所に"))
        // The department cannot publish; the office can.
        #expect(try dept.post("/themes/1/transitions/publish", []).status == 404)
        let staff = app.browser()
        try staff.signIn("staff@example.jp", "correct-horse-battery")
        let page = try staff.get("/themes/1")
        #expect(page.body.contains("子育ての会"))  // a possible partner working in the theme's fields
        #expect(try staff.post("/themes/1/transitions/publish", []).status == 303)

        #expect(!(try app.get("/themes/1").body.contains("手続きの経過")))  // the workflow history is the city side's
        let list = try app.get("/themes")
        #expect(list.body.contains("公園を子育て世代の居場所に") && list.body.contains("公園緑地課"))
        #expect(try app.get("/themes?field=13").body.contains("公園を子育て世代の居場所に"))
        #expect(!(try app.get("/themes?field=7").body.contains("公園を子育て世代の居場所に")))
        #expect(!(try app.get("/themes?year=2025").body.contains("公園を子育て世代の居場所に")))
        #expect(try app.get("/themes?department=999&year=abc").status == 200)

        try dept.get("/themes/1")
        #expect(try dept.post("/themes/1/transitions/close", []).status == 303)
        let closed = try app.get("/themes/1")
        #expect(closed.status == 200 && closed.body.contains("受付を終了しました"))
        #expect(try app.get("/themes").body.contains("受付終了"))
        #expect(try dept.get("/themes/1/edit").status == 409)
    }

    @Test func publishing_anIncompleteTheme_isRefusedWithItsReason() throws {
        let app = try TestApp()
        try app.createUser("staff@example.jp", roles: [.staff])
        try app.createUser("kouen@example.jp", roles: [.department], department: "公園緑地課")
        let parks = try #require(try app.services.database.read { try DepartmentStore.find($0, name: "公園緑地課") }).id
        let b = app.browser()
        try b.signIn("staff@example.jp", "correct-horse-battery")
        try b.get("/staff/themes/new")
        // The office chooses the department.
        let noDepartment = try b.post("/staff/themes", Self.theme)
        #expect(noDepartment.status == 422)
        #expect(
            try b.post("/staff/themes", Self.theme.filter { $0.0 != "fields" } + [("department", String(parks))]).status
                == 303)
        try b.get("/themes/1")
        let refused = try b.post("/themes/1/transitions/publish", [])
        #expect(refused.status == 422 && refused.body.contains("活動分野を入力してから公開"))
        // On the theme's own page, next to the button — not a dead end.
        #expect(refused.body.contains("id=\"f-action-publish-error\"") && refused.body.contains("/themes/1/transitions/publish"))
    }
}
