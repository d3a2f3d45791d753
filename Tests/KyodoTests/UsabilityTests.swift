import Foundation
import Testing
@testable import Kyodo

/// What new users stumbled on: each a page that now says what it should.
@Suite struct UsabilityTests {
    @Test func aCallInPreparation_cannotBeSavedWithAPastStart() throws {
        let app = try TestApp()
        try app.createUser("staff@example.jp", roles: [.staff])
        let b = app.browser()
        try b.signIn("staff@example.jp", "correct-horse-battery")
        try b.get("/staff/calls/new")
        let past = CallForm.inputText(app.services.now().addingTimeInterval(-3600))
        let refused = try b.post("/staff/calls", CallTests.form(["opensAt": past]))
        #expect(refused.status == 422 && refused.body.contains("受付開始日時が過ぎています"))
        #expect(refused.body.contains("value=\"\(past)\"")) // what was typed stays
        #expect(try app.count("SELECT count(*) FROM call") == 0)
    }

    @Test func aReturnedApplication_saysWhyAtTheTop() throws {
        let app = try TestApp(seed: true)
        let staff = app.browser()
        try staff.signIn("kyodo@aoba.example.jp", DemoData.password)
        try staff.get("/applications/11")
        #expect(try staff.post("/applications/11/transitions/return", [("comment", "見積書を添付してください"), ("checked", "form")]).status == 303)
        let npo = app.browser()
        try npo.signIn("npo@aoba.example.jp", DemoData.password)
        let page = try npo.get("/applications/11").body
        let notice = try #require(page.range(of: "市民協働推進課からの差戻し"))
        let history = try #require(page.range(of: "id=\"timeline", options: .backwards) ?? page.range(of: "timeline", options: .backwards))
        #expect(notice.lowerBound < history.lowerBound)
        let top = String(page[notice.lowerBound...].prefix(600))
        #expect(top.contains("見積書を添付してください") && top.contains("収支予算が整合している")) // an unconfirmed item
    }

    @Test func theCompletenessChecklist_isShownOnce_withBothButtons() throws {
        let app = try TestApp(seed: true)
        let staff = app.browser()
        try staff.signIn("kyodo@aoba.example.jp", DemoData.password)
        let page = try staff.get("/applications/11").body
        #expect(page.components(separatedBy: "value=\"eligibility\"").count == 2)
        #expect(page.contains("formaction=\"/applications/11/transitions/return\""))
        // Returning without a reason keeps the ticks and says what is missing, in the same form.
        let refused = try staff.post("/applications/11/transitions/return", [("checked", "form"), ("checked", "budget")])
        #expect(refused.status == 422 && refused.body.contains("value=\"budget\" checked") && refused.body.contains("f-comment-return-error"))
        #expect(refused.body.components(separatedBy: "value=\"eligibility\"").count == 2)
    }

    @Test func callsAndMyApplications_filterByFiscalYear() throws {
        let app = try TestApp(seed: true)
        let all = try app.get("/calls").body
        #expect(all.contains("すべての年度") && all.contains("令和7年度 公益活動事業補助金"))
        let fy2026 = try app.get("/calls?year=2026").body
        #expect(!fy2026.contains("令和7年度 公益活動事業補助金") && fy2026.contains("<option value=\"2026\" selected>"))
        #expect(try app.get("/calls?year=1999").body.contains("令和7年度 公益活動事業補助金")) // unknown: all years
        let npo = app.browser()
        try npo.signIn("npo@aoba.example.jp", DemoData.password)
        let mine = try npo.get("/my/applications?year=2025").body
        #expect(mine.contains("子育てひろば出張事業") && !mine.contains("ふれあいサロン拡充事業"))
        let staff = app.browser()
        try staff.signIn("kyodo@aoba.example.jp", DemoData.password)
        #expect(!(try staff.get("/staff/calls?year=2026")).body.contains("令和7年度 公益活動事業補助金"))
    }

    @Test func anUntitledDraft_stillHasAPageTitle() throws {
        let app = try TestApp(seed: true)
        let b = app.browser()
        try b.signIn("hidamari@aoba.example.jp", DemoData.password)
        let page = try b.get("/applications/12").body
        #expect(page.contains("<title>（事業名未入力） | 市民協働ポータル | 青葉市</title>"))
    }
}

@Suite struct JapaneseInputTests {
    @Test func readings_areStoredInHiragana_whicheverWayTyped() {
        #expect(Normalize.kana("ｱｵﾊﾞ") == "あおば")
        #expect(Normalize.kana("アオバ　スポーツクラブ") == "あおば すぽーつくらぶ")
        #expect(Normalize.kana(" あおば ") == "あおば")
        #expect(Normalize.isKana(Normalize.kana("ｱｵﾊﾞ")))
    }

    @Test func theDirectory_sortsByReading_withoutLegalForms_andFindsKanaInEitherScript() throws {
        let app = try TestApp()
        try app.createOrganisation("NPO法人 わかば会", kana: "えぬぴーおーほうじん わかばかい")
        try app.createOrganisation("いろは会", kana: "いろはかい")
        try app.createOrganisation("株式会社 あさひ", kana: "かぶしきがいしゃあさひ")
        let page = try app.get("/organisations").body
        let order = ["株式会社 あさひ", "いろは会", "NPO法人 わかば会"].compactMap { page.range(of: $0)?.lowerBound }
        #expect(order.count == 3 && order == order.sorted())
        // Katakana and half-width queries find the hiragana reading; so does a one-letter one.
        #expect(try app.get("/organisations?q=" + "イロハ".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!).body.contains("いろは会"))
        #expect(try app.get("/organisations?q=" + "ﾜｶﾊﾞ".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!).body.contains("わかば会"))
        #expect(try app.get("/search?q=" + "アサ".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!).body.contains("株式会社 あさひ"))
    }

    @Test func aFullWidthAddress_signsIn() throws {
        let app = try TestApp()
        try app.createUser("npo@aoba.example.jp")
        let b = app.browser()
        try b.get("/login")
        let response = try b.post("/login", [("email", "ＮＰＯ＠ａｏｂａ．ｅｘａｍｐｌｅ．ｊｐ"), ("password", "correct-horse-battery")])
        #expect(response.status == 303 && response.header("Location") == "/attention")
    }
}

@Suite struct AuditInWordsTests {
    /// No raw key, enum value or UTC timestamp: labels, names, 和暦 and 「自動処理」.
    @Test func historyAndAudit_speakThePeoplesLanguage() throws {
        let app = try TestApp(seed: true)
        try app.services.database.write { db in
            try Audit.record(db, .system("schedule"), action: "organisation.update", recordType: "organisation", recordID: 1,
                             before: ["district": .string("chuo"), "status": .string("pending"), "closes_at": .string("2027-01-29T08:00:00.000Z")],
                             after: ["district": .string("kita"), "status": .string("active"), "closes_at": .string("2027-01-31T08:00:00.000Z")],
                             now: app.services.now())
        }
        let admin = app.browser()
        try admin.signIn("admin@aoba.example.jp", DemoData.password)
        let page = try admin.get("/admin/audit?recordType=organisation&recordID=1").body
        #expect(page.contains("地区: 中央地区 → 北部地区"), "\(page)")
        #expect(page.contains("令和9年1月29日 17:00") && !page.contains("2027-01-29T08:00"))
        #expect(page.contains("自動処理") && !page.contains(">schedule<"))
        #expect(page.contains("状態: 申請中 → ") && !page.contains("pending"))
        let csv = try admin.get("/admin/audit.csv?recordType=organisation&recordID=1").body
        #expect(csv.contains("地区: 北部地区") && csv.contains("自動処理") && !csv.contains("\"kita\""))
    }
}

@Suite struct PostalCodeTests {
    @Test func theRegistrationForm_startsTheAddressWithTheCity() throws {
        let app = try TestApp()
        #expect(try app.get("/organisations/new").body.contains("value=\"青葉市\""))
    }

    @Test func postalCodes_acceptWhatPeopleType_andRefuseTheRest() {
        #expect(OrganisationForm.postalCode("〒123-4567") == "123-4567")
        #expect(OrganisationForm.postalCode("１２３－４５６７") == "123-4567")
        #expect(OrganisationForm.postalCode("1234567") == "123-4567")
        #expect(OrganisationForm.postalCode("123-456") == nil && OrganisationForm.postalCode("abc-defg") == nil)
    }
}
