import Foundation
import Testing
@testable import Kyodo

@Suite struct ReminderTests {
    @Test func steps_onKnownDates() {
        #expect(ReminderJob.step(due: "2026-12-10", today: "2026-12-01") == nil)
        #expect(ReminderJob.step(due: "2026-12-08", today: "2026-12-01") == .week)
        #expect(ReminderJob.step(due: "2026-12-02", today: "2026-12-01") == .day)
        #expect(ReminderJob.step(due: "2026-12-01", today: "2026-12-01") == .day)
        #expect(ReminderJob.step(due: "2026-11-30", today: "2026-12-01") == .overdue)
        // Across the fiscal year and a month boundary, in Tokyo days.
        #expect(ReminderJob.step(due: "2027-04-01", today: "2027-03-31") == .day)
    }

    @Test func eachReminder_isSentOnce_perPersonDeadlineAndStep() throws {
        let app = try TestApp(seed: true)
        let now = app.services.now()
        let tokyo = DateFormatter()
        tokyo.timeZone = TimeZone(identifier: "Asia/Tokyo")
        tokyo.dateFormat = "yyyy-MM-dd"
        func day(_ offset: Int) -> String { tokyo.string(from: now.addingTimeInterval(Double(offset) * 86_400)) }
        // A returned application to resubmit within five days.
        try app.services.database.write { db in
            try db.execute("UPDATE grant_application SET status = 'returned', resubmit_by = ? WHERE project_title = 'ふれあいサロン拡充事業'", [day(5)])
        }
        let mails = "SELECT count(*) FROM outbox WHERE to_address = 'npo@aoba.example.jp' AND subject LIKE '%ふれあいサロン拡充事業%'"
        func remind(_ at: Date) throws {
            try ReminderJob.run(app.services, now: at)
            try NotificationMailer.run(app.services, now: at)
        }
        try remind(now)
        #expect(try app.count(mails) == 1)
        #expect(try app.count("SELECT count(*) FROM outbox WHERE subject LIKE '【期限まで1週間】%ふれあいサロン拡充事業' AND body LIKE '%期限：令和%'") >= 1)
        // Running again (or after a restart) sends nothing twice.
        try remind(now)
        #expect(try app.count(mails) == 1)
        // The next step is a new reminder; the bell shows it.
        try remind(now.addingTimeInterval(4 * 86_400))
        #expect(try app.count(mails) == 2)
        let b = app.browser()
        try b.signIn("npo@aoba.example.jp", DemoData.password)
        #expect(try b.get("/notifications").body.contains("期限は明日"))
    }
}
