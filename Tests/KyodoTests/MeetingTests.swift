import Foundation
import Testing
@testable import Kyodo

@Suite struct MeetingTests {
    struct World {
        let app: TestApp
        let staff: Browser
        let sato: Browser
        let suzuki: Browser
    }

    /// Two council members with accounts (and kana), the office, and 第3回 with both attending.
    private func setUp() throws -> World {
        let app = try TestApp()
        try app.createUser("staff@example.jp", roles: [.staff])
        let satoUser = try app.createUser("sato@example.jp", roles: [.council])
        let suzukiUser = try app.createUser("suzuki@example.jp", roles: [.council])
        let now = app.services.now()
        try app.services.database.write { db in
            for (user, name, kana) in [(satoUser, "佐藤 恵子", "さとう けいこ"), (suzukiUser, "鈴木 健", "すずき けん")] {
                var m = CouncilMember()
                m.userID = user; m.name = name; m.nameKana = kana; m.termFrom = "2020-04-01"; m.termTo = "2099-03-31"
                try CouncilStore.insert(db, m, now: now)
            }
        }
        func signedIn(_ email: String) throws -> Browser {
            let b = app.browser()
            try b.signIn(email, "correct-horse-battery")
            return b
        }
        let w = World(
            app: app, staff: try signedIn("staff@example.jp"), sato: try signedIn("sato@example.jp"),
            suzuki: try signedIn("suzuki@example.jp"))
        try w.staff.get("/staff/meetings")
        let closedWithoutReason = try w.staff.post("/staff/meetings", Self.meeting(isPublic: "0", reason: ""))
        #expect(closedWithoutReason.status == 422 && closedWithoutReason.body.contains("非公開とする理由"))
        #expect(try w.staff.post("/staff/meetings", Self.meeting(isPublic: "1", reason: "")).status == 303)
        return w
    }

    static func meeting(isPublic: String, reason: String) -> [(String, String)] {
        [
            ("fiscalYear", "2026"), ("number", "3"), ("date", "2026-12-10"), ("startTime", "14:00"),
            ("endTime", "16:00"), ("place", "市役所 第1会議室"),
            ("isPublic", isPublic), ("closedReason", reason), ("observers", "傍聴席10席"), ("others", "事務局2名"),
            ("present", "1"), ("present", "2"),
            ("agenda1", "協働事業提案の審査について"), ("agenda2", "その他"),
        ]
    }

    /// 鈴木 speaks first, then 佐藤 (the chair speaks as 会長); 佐藤's name is typed inside a statement.
    static func statements(satoFirst: Bool = false) -> [(String, String)] {
        let rows: [(String, String, String)] = [
            ("1", "chair", "それでは議事に入ります。"),
            ("1", satoFirst ? "member:1" : "member:2", "協定の内容について、役割分担を明確にすべきです。"),
            ("1", satoFirst ? "member:2" : "member:1", "佐藤委員の意見に賛成します。さとう けいこ委員からも補足をお願いします。"),
            ("2", "office", "次回は2月に開催します。"),
        ]
        var fields: [(String, String)] = [("summary1", "協働事業提案の審査方法を協議した。"), ("summary2", "")]
        for (i, r) in rows.enumerated() {
            fields += [
                ("s\(i + 1)Agenda", r.0), ("s\(i + 1)Speaker", r.1), ("s\(i + 1)Name", ""), ("s\(i + 1)Text", r.2),
            ]
        }
        return fields
    }

    private func move(_ w: World, _ action: String, _ fields: [(String, String)] = []) throws -> HTTPClient.Response {
        try w.staff.get("/staff/meetings/1/minutes")
        return try w.staff.post("/staff/meetings/1/minutes/transitions/\(action)", fields)
    }

    private func confirmAll(_ w: World) throws {
        for member in [w.sato, w.suzuki] {
            try member.get("/council/meetings/1/minutes/review")
            #expect(try member.post("/council/meetings/1/minutes/confirm", [("comment", "")]).status == 303)
        }
    }

    /// Every public response about the meeting, for searching the bytes.
    private func publicBytes(_ w: World) throws -> [String: String] {
        var out: [String: String] = [:]
        for path in [
            "/council/meetings", "/council/meetings/1", "/minutes/1", "/minutes/search?q=協定", "/minutes/search?q=役割",
            "/council/meetings.ics", "/council/meetings?year=2026",
        ] {
            out[path] = try w.app.get(path).body
        }
        return out
    }

    @Test func minutes_needTheMembersConfirmation_areAnonymised_andStayAnonymousWhenCorrected() throws {
        let w = try setUp()
        try w.staff.get("/staff/meetings/1/minutes")
        #expect(try w.staff.post("/staff/meetings/1/minutes", Self.statements()).status == 303)
        // The flagged name, shown to staff.
        let editor = try w.staff.get("/staff/meetings/1/minutes")
        #expect(editor.body.contains("本文に委員の氏名が含まれています") && editor.body.contains("発言3：佐藤 恵子"))
        // 委員確認 cannot be skipped.
        #expect(try move(w, "publish").status == 409)
        #expect(try move(w, "approve").status == 409)
        #expect(try move(w, "send").status == 303)
        // Members read the draft with real names, staff may not approve before both confirm.
        #expect(try w.sato.get("/council/meetings/1/minutes/review").body.contains("鈴木 健"))
        #expect(try w.app.get("/council/meetings/1/minutes/review").status == 303)  // sign in first
        try w.sato.get("/council/meetings/1/minutes/review")
        #expect(try w.sato.post("/council/meetings/1/minutes/confirm", [("comment", "")]).status == 303)
        let early = try move(w, "approve")
        #expect(early.status == 422 && early.body.contains("すべての委員の確認") && early.body.contains("f-action-"))
        try w.suzuki.get("/council/meetings/1/minutes/review")
        #expect(try w.suzuki.post("/council/meetings/1/minutes/confirm", [("comment", "表現を一部修正してください")]).status == 303)
        #expect(try move(w, "approve").status == 303)
        let named = try move(w, "publish")
        #expect(named.status == 422 && named.body.contains("氏名が含まれています"))
        try w.staff.get("/staff/meetings/1/minutes")
        #expect(try w.staff.post("/staff/meetings/1/minutes/anonymise", []).status == 303)
        #expect(try move(w, "publish").status == 303)

        // 鈴木 spoke first: 委員A; 佐藤: 委員B, also where her name was typed. No name or kana anywhere public.
        var pages = try publicBytes(w)
        let minutes = pages["/minutes/1"] ?? ""
        #expect(
            minutes.contains("委員A") && minutes.contains("委員B") && minutes.contains("会長")
                && minutes.contains("委員Bの意見に賛成します"))
        #expect((pages["/minutes/search?q=協定"] ?? "").contains("<mark>協定</mark>"))
        for (path, body) in pages {
            for name in ["佐藤", "鈴木", "恵子", "さとう", "すずき", "けいこ"] {
                #expect(!body.contains(name), "\(path) shows \(name)")
            }
        }
        // Searching for a name finds nothing (the page repeats only what the visitor typed).
        for name in ["佐藤", "すずき", "恵子"] {
            #expect(try w.app.get("/minutes/search?q=\(name)").body.contains("0件"), "\(name)")
        }
        let letters = try w.app.services.database.read { try MeetingStore.minutes($0, meetingID: 1).pseudonyms }
        #expect(letters == [2: "A", 1: "B"])

        // A correction: 佐藤 now first in the text; the letters do not change when published again.
        #expect(try move(w, "correct", [("comment", "")]).status == 422)
        #expect(try move(w, "correct", [("comment", "発言順の誤り")]).status == 303)
        #expect(try w.app.get("/minutes/1").status == 200)  // the published text stays while corrected
        try w.staff.get("/staff/meetings/1/minutes")
        #expect(
            try w.staff.post(
                "/staff/meetings/1/minutes",
                Self.statements(satoFirst: true).map {
                    $0.0 == "s3Text" ? ($0.0, "委員Bの意見に賛成します。") : $0
                }
            ).status == 303)
        #expect(try move(w, "send").status == 303)
        try confirmAll(w)
        #expect(try move(w, "approve").status == 303)
        #expect(try move(w, "publish").status == 303)
        #expect(
            try w.app.services.database.read { try MeetingStore.minutes($0, meetingID: 1).pseudonyms } == [
                2: "A", 1: "B",
            ])
        pages = try publicBytes(w)
        let republished = pages["/minutes/1"] ?? ""
        // Now 佐藤 (委員B) speaks before 鈴木 (委員A).
        let b = republished.range(of: "<dt id=\"s")
        #expect(b != nil && republished.contains("委員B</dt><dd class=\"prewrap\">協定の内容について"))
        for (path, body) in pages { #expect(!body.contains("佐藤") && !body.contains("鈴木"), "\(path) after correction") }
    }

    @Test func recusalsOfTheRoundAnItemTakesUp_appearOnIt_anonymised() throws {
        let w = try setUp()
        // A round in which 鈴木 (member 2, silent at the meeting) is recused from an application.
        try w.app.services.database.write { db in
            let now = w.app.services.now()
            var call = Call()
            call.title = "補助金"; call.opensAt = now; call.closesAt = now.addingTimeInterval(3600)
            let callID = try CallStore.insert(db, call, now: now)
            let org = try OrganisationStore.insert(
                db,
                {
                    var o = Organisation(); o.name = "ひまわりの会"; o.nameKana = "ひまわり"; return o
                }(), now: now)
            guard var suzuki = try CouncilStore.find(db, id: 2) else { return }
            suzuki.organisationIDs = [org]
            var item = ReviewItem()
            item.recordID = 1; item.organisationID = org; item.title = "子育てひろば（ひまわりの会）"
            _ = try ReviewStore.open(
                db, callID: callID, stage: .pre, dueOn: "2099-01-01", members: [suzuki], items: [item], reason: "関与",
                now: now)
        }
        try w.staff.get("/staff/meetings/1")
        #expect(
            try w.staff.post("/staff/meetings/1", Self.meeting(isPublic: "1", reason: "") + [("agenda1Round", "1")])
                .status == 303)
        try w.staff.get("/staff/meetings/1/minutes")
        #expect(
            try w.staff.post(
                "/staff/meetings/1/minutes",
                [
                    ("summary1", ""), ("summary2", ""), ("s1Agenda", "1"), ("s1Speaker", "member:1"),
                    ("s1Name", ""), ("s1Text", "評価の結果を確認しました。"),
                ]
            ).status == 303)
        #expect(try move(w, "send").status == 303)
        #expect(try w.sato.get("/council/meetings/1/minutes/review").body.contains("鈴木 健は、子育てひろば（ひまわりの会）について利益相反"))
        try confirmAll(w)
        #expect(try move(w, "approve").status == 303)
        #expect(try move(w, "publish").status == 303)
        let minutes = try w.app.get("/minutes/1").body
        // 佐藤 spoke first (委員A); the silent, recused 鈴木 is 委員B.
        #expect(minutes.contains("委員Bは、子育てひろば（ひまわりの会）について利益相反のため審議に加わっていません") && !minutes.contains("鈴木"))
    }

    @Test func materials_publicOrForTheCouncilOnly() throws {
        let w = try setUp()
        // The home page names the next meeting.
        let home = try w.app.get("/")
        #expect(home.body.contains("次回の会議") && home.body.contains("/council/meetings/1"))
        let pdf = Array("%PDF-1.4\n%資料\n".utf8)
        try w.staff.get("/staff/meetings/1")
        #expect(
            try w.staff.postMultipart(
                "/staff/meetings/1/materials", [("title", "次第"), ("public", "1")],
                files: [("file", "shidai.pdf", pdf)]
            ).status == 303)
        try w.staff.get("/staff/meetings/1")
        #expect(
            try w.staff.postMultipart(
                "/staff/meetings/1/materials", [("title", "審査資料（委員限り）")],
                files: [("file", "shinsa.pdf", pdf)]
            ).status == 303)
        try w.staff.get("/staff/meetings/1")
        let missing = try w.staff.postMultipart(
            "/staff/meetings/1/materials", [("title", "")], files: [("file", "x.exe", [0x4D, 0x5A])])
        #expect(missing.status == 422 && missing.body.contains("入力してください"))
        let page = try w.app.get("/council/meetings/1")
        #expect(page.body.contains("次第") && !page.body.contains("審査資料"))
        #expect(try w.app.get("/council/meetings/1/materials/1").status == 200)
        #expect(try w.app.get("/council/meetings/1/materials/2").status == 404)
        #expect(try w.sato.get("/council/meetings/1/materials/2").status == 200)
        #expect(try w.sato.get("/council/meetings/1").body.contains("審査資料"))
    }

    @Test func theCalendarFeed_isValidICalendar_withTokyoTimes_andTracksChanges() throws {
        let w = try setUp()
        let ics = try w.app.get("/council/meetings.ics")
        #expect(ics.header("Content-Type")?.hasPrefix("text/calendar") == true)
        #expect(
            ics.body.contains("BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo")
                && ics.body.contains("DTSTART;TZID=Asia/Tokyo:20261210T140000"))
        #expect(ics.body.contains("SEQUENCE:0") && ics.body.contains("STATUS:CONFIRMED"))
        // A standard parser reads it, with the local time right.
        let file = w.app.directory + "/meetings.ics"
        try ics.body.write(toFile: file, atomically: true, encoding: .utf8)
        let script = """
            import sys, icalendar
            cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
            for e in cal.walk('VEVENT'):
                s = e.decoded('DTSTART')
                print(e.get('UID'), s.strftime('%Y-%m-%d %H:%M'), s.utcoffset(), e.get('STATUS'), e.get('SEQUENCE'))
            """
        let parsed = try Self.run("/usr/bin/python3", ["-c", script, file])
        #expect(parsed.contains("2026-12-10 14:00 9:00:00 CONFIRMED 0"), "\(parsed)")
        // A change bumps SEQUENCE; a cancellation says so.
        try w.staff.get("/staff/meetings/1")
        #expect(
            try w.staff.post(
                "/staff/meetings/1",
                Self.meeting(isPublic: "1", reason: "").map { $0.0 == "place" ? ($0.0, "市民活動センター") : $0 }
            ).status == 303)
        try w.staff.get("/staff/meetings/1")
        #expect(try w.staff.post("/staff/meetings/1/transitions/cancel", [("comment", "台風のため")]).status == 303)
        let after = try w.app.get("/council/meetings.ics")
        #expect(
            after.body.contains("SEQUENCE:2") && after.body.contains("STATUS:CANCELLED")
                && after.body.contains("LOCATION:市民活動センター"))
        #expect(after.body.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 75 })
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
