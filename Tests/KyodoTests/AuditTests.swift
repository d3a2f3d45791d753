import Foundation
import SQLite
import Testing
@testable import Kyodo

@Suite struct AuditTests {
    @Test func auditRows_cannotBeUpdatedOrDeleted() throws {
        let app = try TestApp()
        try app.services.database.write { try Audit.record($0, .system(), action: "test.event", recordType: "test", recordID: 1, now: Date()) }
        #expect(throws: DatabaseError.self) { try app.services.database.write { try $0.execute("UPDATE audit_event SET action = 'forged'") } }
        #expect(throws: DatabaseError.self) { try app.services.database.write { try $0.execute("DELETE FROM audit_event") } }
        #expect(try app.count("SELECT count(*) FROM audit_event WHERE action = 'test.event'") == 1)
    }

    @Test func record_storesOnlyChangedFields() throws {
        let app = try TestApp()
        try app.services.database.write {
            try Audit.record($0, .system(), action: "x.update", recordType: "x", recordID: 7,
                             before: ["name": "旧", "kind": "npo", "count": 3], after: ["name": "新", "kind": "npo", "count": 4], now: Date())
        }
        let event = try #require(try app.services.database.read { try AuditStore.history($0, recordType: "x", recordID: 7).first })
        #expect(event.before == ["name": "旧", "count": 3])
        #expect(event.after == ["name": "新", "count": 4])
    }

    @Test func roleChange_isAudited_withBeforeAndAfter_andShownInHistory() throws {
        let app = try TestApp()
        try app.createUser("admin@example.jp", roles: [.admin])
        let staffID = try app.createUser("staff@example.jp", roles: [.staff])
        let admin = app.browser()
        try admin.signIn("admin@example.jp", "correct-horse-battery")
        try admin.get("/admin/users/\(staffID)")
        let saved = try admin.post("/admin/users/\(staffID)", [("roles", "staff"), ("roles", "council"), ("department", ""), ("active", "1")])
        #expect(saved.status == 303)
        let event = try #require(try app.services.database.read { try AuditStore.history($0, recordType: "user", recordID: staffID).last })
        #expect(event.action == "user.roles_change")
        #expect(event.before["roles"] == "staff" && event.after["roles"] == "staff,council")
        #expect(event.actorLabel.contains("admin@example.jp"))
        let page = try admin.get("/admin/users/\(staffID)")
        #expect(page.body.contains("役割・状態の変更"))
        #expect(page.body.contains("staff,council"))
    }

    @Test func lastAdmin_cannotBeDemoted() throws {
        let app = try TestApp()
        let adminID = try app.createUser("admin@example.jp", roles: [.admin])
        let admin = app.browser()
        try admin.signIn("admin@example.jp", "correct-horse-battery")
        try admin.get("/admin/users/\(adminID)")
        let refused = try admin.post("/admin/users/\(adminID)", [("roles", "staff"), ("department", ""), ("active", "1")])
        #expect(refused.status == 409)
        #expect(refused.body.contains("有効な管理者が1人もいなくなる"))
        #expect(try app.count("SELECT count(*) FROM user_role WHERE role = 'admin'") == 1)
    }

    @Test func passwordNeverAppears_inAnyTable_logLine_orAuditRow() throws {
        let logPath = NSTemporaryDirectory() + "kyodo-access-\(UUID().uuidString).log"
        let secret = "Sekret-Passphrase-Zebra-42"
        let logFD = open(logPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        defer { close(logFD); unlink(logPath) }
        let app = try TestApp(configure: { $0.accessLog = true; $0.accessLogDescriptor = logFD })
        try app.createUser("admin@example.jp", roles: [.admin])
        let admin = app.browser()
        try admin.signIn("admin@example.jp", "correct-horse-battery")
        try admin.get("/admin/users/new")
        try admin.post("/admin/users", [("email", "p@example.jp"), ("displayName", "P"), ("roles", "staff"), ("department", "")])
        let body = try app.services.database.read { try Outbox.latest($0, limit: 1).first?.body } ?? ""
        let link = String(body[body.range(of: "/invitations/")!.lowerBound...].prefix { !$0.isWhitespace })
        let person = app.browser()
        try person.get(link)
        try person.post(link, [("displayName", "P"), ("password", secret), ("confirm", secret)])
        try app.browser().signIn("p@example.jp", secret + "-wrong")
        try app.browser().signIn("p@example.jp", secret)
        try person.get("/account/password")
        try person.post("/account/password", [("current", secret), ("password", secret + "-2"), ("confirm", secret + "-2")])
        usleep(100_000) // the access log is flushed once per event-loop turn
        let dump = try app.services.database.read { db -> String in
            var text = ""
            for table in try db.query("SELECT name FROM sqlite_master WHERE type = 'table'") {
                let name: String = try table.get("name")
                for row in try db.query("SELECT * FROM \"\(name)\"") { text += row.values.map { "\($0)" }.joined(separator: "|") + "\n" }
            }
            return text
        }
        #expect(dump.contains("p@example.jp"))
        #expect(!dump.contains(secret))
        let log = try String(contentsOfFile: logPath, encoding: .utf8)
        #expect(log.contains("POST /login"))
        #expect(!log.contains(secret))
        let raw = try Data(contentsOf: URL(fileURLWithPath: app.services.config.databasePath + "-wal")) + Data(contentsOf: URL(fileURLWithPath: app.services.config.databasePath))
        #expect(raw.range(of: Data(secret.utf8)) == nil)
    }

    @Test func adminAudit_filtersPaginatesAndExportsCSV() throws {
        let app = try TestApp()
        try app.createUser("admin@example.jp", roles: [.admin], name: "管理 太郎")
        try app.services.database.write { db in
            for i in 1...60 {
                try Audit.record(db, AuditActor(userID: nil, label: "職員 \(i % 2 == 0 ? "A" : "B")", requestID: "r\(i)", clientAddress: "127.0.0.1"),
                                 action: "organisation.update", recordType: "organisation", recordID: Int64(i),
                                 before: ["name": "旧, \"名\""], after: ["name": "新\n名"], now: Date(timeIntervalSince1970: 1_743_465_600 + Double(i) * 86400))
            }
        }
        let admin = app.browser()
        try admin.signIn("admin@example.jp", "correct-horse-battery")
        let all = try admin.get("/admin/audit?action=organisation.update")
        #expect(all.body.contains("全60件中 1〜50件を表示"))
        let page2 = try admin.get("/admin/audit?action=organisation.update&page=2")
        #expect(page2.body.contains("全60件中 51〜60件を表示"))
        let byActor = try admin.get("/admin/audit?actor=%E8%81%B7%E5%93%A1+A&action=organisation.update")
        #expect(byActor.body.contains("全30件中"))
        let byRecord = try admin.get("/admin/audit?recordType=organisation&recordID=7")
        #expect(byRecord.body.contains("全1件中"))
        // 2025-04-01 + 10 days … + 12 days (Tokyo dates) is three events.
        let byDate = try admin.get("/admin/audit?from=2025-04-11&to=2025-04-13&action=organisation.update")
        #expect(byDate.body.contains("全3件中"))
        let badDate = try admin.get("/admin/audit?from=2025-02-31")
        #expect(badDate.status == 422)
        let csv = try admin.get("/admin/audit.csv?recordType=organisation&recordID=7")
        #expect(csv.header("Content-Type") == "text/csv; charset=utf-8")
        #expect(csv.header("Content-Disposition")?.contains("attachment") == true)
        let bytes = Array(csv.body.utf8)
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(csv.body.dropFirst())
        #expect(text.hasPrefix("記録番号,日時,操作者,操作,対象の種類,対象ID,変更前,変更後,受付番号,接続元\r\n"))
        // Field labels and values in words (the name with its comma and quotes kept intact by the quoting).
        #expect(text.contains("\"団体名: 旧, \"\"名\"\"\""), "\(text)")
        #expect(!text.contains("organisation,") && text.contains(",団体,"))
        #expect(text.hasSuffix("\r\n"))
        let english = try admin.get("/admin/audit.csv?recordID=7&lang=en")
        #expect(english.body.dropFirst().hasPrefix("No.,Time,By,Action"))
    }

    @Test func devOutbox_existsOnlyInDevelopment() throws {
        let production = try TestApp()
        #expect(try production.get("/dev/outbox").status == 404)
        let development = try TestApp(configure: { $0.development = true })
        let page = try development.get("/dev/outbox")
        #expect(page.status == 200)
        #expect(page.body.contains("送信待ちメール"))
    }
}
