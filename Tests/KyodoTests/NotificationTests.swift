import Foundation
import Testing
@testable import Kyodo

@Suite struct NotificationTests {
    @Test func workflowSteps_notifyThoseConcerned_andTheBellCounts() throws {
        let app = try TestApp(seed: true)
        let staff = app.browser(), npo = app.browser(), other = app.browser()
        try staff.signIn("kyodo@aoba.example.jp", DemoData.password)
        try npo.signIn("npo@aoba.example.jp", DemoData.password)
        try other.signIn("hidamari@aoba.example.jp", DemoData.password)
        #expect(!(try staff.get("/attention")).body.contains("お知らせ <span class=\"tag tag--alert\">"))
        // The office returns the NPO's submitted application: the NPO's members are told, nobody else.
        let id = try #require(try app.services.database.read {
            try $0.scalar("SELECT id FROM grant_application WHERE project_title = 'ふれあいサロン拡充事業'", as: Int64.self)
        })
        try staff.get("/applications/\(id)")
        #expect(try staff.post("/applications/\(id)/transitions/return", [("comment", "見積書を添付してください")]).status == 303)
        let bell = try npo.get("/attention")
        #expect(bell.body.contains("お知らせ <span class=\"tag tag--alert\">1件</span>"))
        let list = try npo.get("/notifications")
        #expect(list.body.contains("申請の差戻し") && list.body.contains("ふれあいサロン拡充事業") && list.body.contains("未読"))
        #expect(!(try other.get("/notifications")).body.contains("ふれあいサロン拡充事業"))
        #expect(!(try staff.get("/notifications")).body.contains("申請の差戻し")) // the actor is not told of their own step
        // Opening it leads to the application and marks it read; another person cannot open it.
        let notification = try #require(try app.services.database.read {
            try $0.scalar("SELECT id FROM notification WHERE kind = 'application.return'", as: Int64.self)
        })
        try other.get("/notifications")
        #expect(try other.post("/notifications/\(notification)/read", []).status == 404)
        try npo.get("/notifications")
        #expect(try npo.post("/notifications/\(notification)/read", []).header("Location") == "/applications/\(id)")
        #expect(!(try npo.get("/attention")).body.contains("お知らせ <span class=\"tag tag--alert\">"))
        // The organisation's own step (withdrawing) tells the office.
        try npo.get("/applications/\(id)")
        #expect(try npo.post("/applications/\(id)/transitions/withdraw", [("confirmed", "1")]).status == 303)
        #expect(try staff.get("/notifications").body.contains("申請の取下げ"))
        #expect(try staff.post("/notifications/read-all", []).status == 303)
        #expect(try app.count("SELECT count(*) FROM notification WHERE user_id = (SELECT id FROM user_account WHERE email = 'kyodo@aoba.example.jp') AND read_at IS NULL") == 0)
    }
}
