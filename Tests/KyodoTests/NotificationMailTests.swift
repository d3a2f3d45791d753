import Foundation
import Templating
import Testing

@testable import Kyodo

/// Notifications become mail by each person's choice (at once, a daily digest, none), once each;
/// the maintenance job removes what is no longer needed and nothing else.
@Suite struct NotificationMailTests {
    /// 07:00 and 08:30 in Tokyo on the day after `now`.
    static func tomorrow(_ now: Date, hour: Double) -> Date {
        let day = JapaneseCalendar.tokyo(now)
        return JapaneseCalendar.startOfDay(.init(year: day.year, month: day.month, day: day.day)).addingTimeInterval(
            86_400 + hour * 3600)
    }

    @Test func aWorkflowStep_isMailedAtOnce_withTheReason_andOnlyOnce() throws {
        let app = try TestApp(seed: true)
        let staff = app.browser()
        try staff.signIn("kyodo@aoba.example.jp", DemoData.password)
        let id = try app.count("SELECT id FROM grant_application WHERE project_title = 'ふれあいサロン拡充事業'")
        try staff.get("/applications/\(id)")
        #expect(try staff.post("/applications/\(id)/transitions/return", [("comment", "見積書を添付してください")]).status == 303)
        #expect(try app.count("SELECT count(*) FROM outbox") == 0)  // the demo's own history is not mailed
        let queued = try NotificationMailer.run(app.services, now: app.services.now())
        #expect(queued >= 1)
        let mails =
            "SELECT count(*) FROM outbox WHERE to_address = 'npo@aoba.example.jp' AND subject LIKE '%申請の差戻し%ふれあいサロン拡充事業%'"
        #expect(try app.count(mails) == 1)
        #expect(try app.count("SELECT count(*) FROM outbox WHERE body LIKE '%見積書を添付してください%/applications/\(id)%'") == 1)
        #expect(try app.count("SELECT count(*) FROM outbox WHERE to_address = 'kyodo@aoba.example.jp'") == 0)  // not the actor
        try NotificationMailer.run(app.services, now: app.services.now())
        #expect(try app.count(mails) == 1)
    }

    @Test func preferences_immediateDigestAndOff_areHonoured_andTheDigestGoesOncePerDay() throws {
        let app = try TestApp()
        let now = app.services.now()
        let soon = try app.createUser("soon@example.jp", name: "すぐ 受信")
        let daily = try app.createUser("daily@example.jp", name: "まとめ 受信")
        let quiet = try app.createUser("quiet@example.jp", name: "受け取らない 人")
        // The digest choice is made on the account page like any other setting.
        let b = app.browser()
        try b.signIn("daily@example.jp", "correct-horse-battery")
        let page = try b.get("/account")
        #expect(page.body.contains("1日1回まとめて受け取る"))
        #expect(
            try b.post(
                "/account",
                [
                    ("displayName", "まとめ 受信"), ("email", "daily@example.jp"), ("locale", "ja"),
                    ("mailPreference", "digest"),
                ]
            ).status == 303)
        #expect(
            try b.post(
                "/account",
                [
                    ("displayName", "まとめ 受信"), ("email", "daily@example.jp"), ("locale", "ja"),
                    ("mailPreference", "weekly"),
                ]
            ).status == 422)
        try app.services.database.write { db in
            try MailQueueStore.setPreference(db, userID: quiet, "off")
            for title in ["一つ目の申請", "二つ目の申請"] {
                try NotificationStore.notify(
                    db, users: [soon, daily, quiet], kind: "application.submit", title: title,
                    href: "/applications/1", now: now)
            }
        }
        // 07:00 the next day: the immediate person has two mails, the others none yet.
        try NotificationMailer.run(app.services, now: Self.tomorrow(now, hour: 7))
        #expect(try app.count("SELECT count(*) FROM outbox WHERE to_address = 'soon@example.jp'") == 2)
        #expect(
            try app.count("SELECT count(*) FROM outbox WHERE to_address IN ('daily@example.jp', 'quiet@example.jp')")
                == 0)
        // 08:30: one digest listing both; running again that day sends nothing more.
        try NotificationMailer.run(app.services, now: Self.tomorrow(now, hour: 8.5))
        try NotificationMailer.run(app.services, now: Self.tomorrow(now, hour: 9))
        #expect(try app.count("SELECT count(*) FROM outbox WHERE to_address = 'daily@example.jp'") == 1)
        #expect(
            try app.count(
                """
                SELECT count(*) FROM outbox WHERE to_address = 'daily@example.jp' AND subject LIKE '%（2件）'
                  AND body LIKE '%一つ目の申請%' AND body LIKE '%二つ目の申請%'
                """) == 1)
        // A notification read in the app before the digest is left out of it.
        try app.services.database.write { db in
            try NotificationStore.notify(
                db, users: [daily], kind: "application.submit", title: "読んだ申請", href: "/a", now: now)
            try NotificationStore.notify(
                db, users: [daily], kind: "application.submit", title: "未読の申請", href: "/b", now: now)
            try db.execute("UPDATE notification SET read_at = ? WHERE title = '読んだ申請'", [now])
        }
        try NotificationMailer.run(app.services, now: Self.tomorrow(now, hour: 32))
        #expect(
            try app.count("SELECT count(*) FROM outbox WHERE to_address = 'daily@example.jp' AND body LIKE '%未読の申請%'")
                == 1)
        #expect(try app.count("SELECT count(*) FROM outbox WHERE body LIKE '%読んだ申請%' AND body NOT LIKE '%未読の申請%'") == 0)
        // "Off" never mails, and the notifications stay in the app.
        #expect(try app.count("SELECT count(*) FROM outbox WHERE to_address = 'quiet@example.jp'") == 0)
        #expect(try app.count("SELECT count(*) FROM notification WHERE user_id = \(quiet)") == 2)
        #expect(try app.count("SELECT count(*) FROM notification WHERE mailed_at IS NULL") == 0)
    }

    @Test func englishSpeakers_getEnglishMail() throws {
        let app = try TestApp()
        let id = try app.createUser("en@example.jp", name: "Alex Smith")
        try app.services.database.write { db in
            try db.execute("UPDATE user_account SET preferred_locale = 'en' WHERE id = ?", [id])
            try NotificationStore.notify(
                db, users: [id], kind: "application.return", title: "Park clean-up", detail: "Add the quote",
                href: "/applications/3", now: app.services.now())
        }
        try NotificationMailer.run(app.services, now: app.services.now())
        #expect(
            try app.count(
                """
                SELECT count(*) FROM outbox WHERE to_address = 'en@example.jp' AND subject LIKE '[Civic Collaboration Portal]%Park clean-up'
                  AND body LIKE 'Dear Alex Smith,%Add the quote%/applications/3%'
                """) == 1)
    }

    @Test func maintenance_removesOnlyWhatIsNoLongerNeeded() throws {
        let app = try TestApp()
        let now = app.services.now()
        let user = try app.createUser("m@example.jp")
        let old = now.addingTimeInterval(-100 * 86_400)
        try app.services.database.write { db in
            for (token, seen) in [("expired", now.addingTimeInterval(-9 * 3600)), ("live", now)] {
                try db.execute(
                    """
                    INSERT INTO session (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)
                    VALUES (?, ?, 'x', ?, ?, ?)
                    """, [token, user, seen, seen, now.addingTimeInterval(86_400)])
            }
            for at in [now.addingTimeInterval(-2 * 86_400), now] {
                try db.execute(
                    "INSERT INTO sign_in_attempt (email, client_address, attempted_at, succeeded) VALUES ('m@example.jp', '1', ?, 0)",
                    [at])
            }
            try Outbox.enqueue(db, to: "a@example.jp", subject: "old sent", body: "", now: old)
            try Outbox.enqueue(db, to: "b@example.jp", subject: "recent sent", body: "", now: now)
            try Outbox.enqueue(db, to: "c@example.jp", subject: "old failed", body: "", now: old)
            try Outbox.enqueue(db, to: "d@example.jp", subject: "old waiting", body: "", now: old)
            try db.execute("UPDATE outbox SET sent_at = created_at WHERE subject LIKE '%sent'")
            try db.execute("UPDATE outbox SET failed_at = created_at WHERE subject = 'old failed'")
        }
        let temporary = app.services.files.temporaryDirectory
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        FileManager.default.createFile(
            atPath: temporary + "/stale", contents: Data("x".utf8),
            attributes: [.modificationDate: now.addingTimeInterval(-7200)])
        FileManager.default.createFile(atPath: temporary + "/in-flight", contents: Data("x".utf8))
        let result = try Maintenance.run(app.services, now: now)
        #expect(result == .init(sessions: 1, signInAttempts: 1, temporaryFiles: 1, mails: 1, files: 0))
        #expect(try app.count("SELECT count(*) FROM session") == 1)
        #expect(
            try app.count("SELECT group_concat(subject, ',') = 'recent sent,old failed,old waiting' FROM outbox") == 1)
        #expect(FileManager.default.fileExists(atPath: temporary + "/in-flight"))
        #expect(!FileManager.default.fileExists(atPath: temporary + "/stale"))
    }
}
