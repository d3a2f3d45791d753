import Foundation
import Kyodo
import Testing

/// Minutes in a real browser, with JavaScript on and off: the office drafts 第3回's minutes with
/// named speakers, both attending members confirm, the office approves and publishes; an anonymous
/// visitor reads 委員A and 委員B and finds the minutes by searching for 協定.
@Suite(.serialized) struct MinutesScenarioTests {
    static func startApp() throws -> (App, String, Int64) {
        let (app, directory) = try RegistrationScenarioTests.startApp()
        let hash = app.services.passwords.hash("council-passphrase")
        let meetingID = try app.services.database.write { db -> Int64 in
            let now = Date()
            var ids: [Int64] = []
            for (email, name) in [("sato", "佐藤 恵子"), ("suzuki", "鈴木 健")] {
                let user = try UserStore.create(
                    db, email: "\(email)@council.example.jp", displayName: name, roles: [.council], passwordHash: hash,
                    now: now)
                var m = CouncilMember()
                m.userID = user; m.name = name; m.termFrom = "2020-04-01"; m.termTo = "2099-03-31"
                ids.append(try CouncilStore.insert(db, m, now: now))
            }
            var meeting = Meeting()
            meeting.fiscalYear = 2026; meeting.number = 3; meeting.startsAt = now.addingTimeInterval(-86_400)
            meeting.endsAt = now.addingTimeInterval(-86_400 + 7_200); meeting.place = "市役所 第1会議室";
            meeting.agenda = ["協定書の様式について"]
            meeting.attendance = Dictionary(ids.map { ($0, true) }, uniquingKeysWith: { first, _ in first })
            return try MeetingStore.insert(db, meeting, now: now)
        }
        return (app, directory, meetingID)
    }

    @Test(arguments: [true, false])
    func draftConfirmPublishReadAndSearch(javascript: Bool) throws {
        try ScenarioRun.run("minutes", javascript: javascript, start: Self.startApp) { b, base, id in
            try scenario(b, base: base, id: id)
        }
    }

    private func act(_ b: WebDriver, _ base: String, _ id: Int64, _ action: String) throws {
        try b.open(base + "/staff/meetings/\(id)/minutes")
        try b.click("form[action$='/minutes/transitions/\(action)'] button")
        try b.waitFor(".flash")
    }

    private func scenario(_ b: WebDriver, base: String, id: Int64) throws {
        // The office drafts the minutes with the real speakers.
        try b.signIn(base, "office@example.jp", "office-passphrase")
        try b.open(base + "/staff/meetings/\(id)/minutes")
        try b.type("#f-summary1", "協定書の様式について協議した。")
        try b.click("#f-s1Speaker option[value='chair']")
        try b.type("#f-s1Text", "協定書の様式について説明をお願いします。")
        try b.click("#f-s2Speaker option[value='member:2']")
        try b.type("#f-s2Text", "協定の経費負担は表にまとめるべきです。")
        try b.click("#f-s3Speaker option[value='member:1']")
        try b.type("#f-s3Text", "成果の権利帰属も明記してください。")
        try b.click("form[action$='/minutes'] .form__actions button")
        try b.waitFor(".flash")
        try act(b, base, id, "send")
        try b.signOut()

        // Both members confirm.
        for email in ["sato", "suzuki"] {
            try b.signIn(base, "\(email)@council.example.jp", "council-passphrase")
            try b.open(base + "/council/meetings/\(id)/minutes/review")
            try b.click("form[action$='/minutes/confirm'] button")
            try b.waitFor(".flash")
            try b.signOut()
        }

        // The office approves and publishes.
        try b.signIn(base, "office@example.jp", "office-passphrase")
        try act(b, base, id, "approve")
        try act(b, base, id, "publish")
        try b.signOut()

        // An anonymous visitor reads the anonymised minutes and finds them by searching for 協定.
        try b.open(base + "/minutes/\(id)?lang=ja")
        try b.waitFor("dl.minutes")
        let minutes = try b.text("main")
        #expect(minutes.contains("委員A") && minutes.contains("委員B") && minutes.contains("会長"))
        #expect(!minutes.contains("佐藤") && !minutes.contains("鈴木"))
        try b.open(base + "/minutes/search?lang=ja")
        try b.type("#f-q", "協定")
        try b.click("form[role='search'] button")
        try b.waitFor("mark")
        #expect(try b.text("mark") == "協定")
        try b.click(".card a")
        try b.waitFor("dl.minutes")
        #expect(try b.currentURL().contains("/minutes/\(id)"))
    }
}
