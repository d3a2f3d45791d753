import Foundation
import Testing
@testable import Kyodo

@Suite struct DirectoryTests {
    @Test func privateFields_neverAppearOnPublicPages_searchResults_orOpenData() throws {
        let app = try TestApp()
        let id = try app.createOrganisation("ひみつを守る会", kana: "ひみつをまもるかい", summary: "非公開の活動内容ゼブラ", trackRecord: "公開の実績キリン",
                                            publicFields: ["track_record"]) { o in
            o.contactName = "担当者ハヤブサ"; o.phone = "045-999-8888"; o.email = "private@hayabusa.example.jp"
            o.address = "青葉市秘密町9-9-9"; o.representativeName = "代表者フクロウ"; o.website = "https://hidden.example.jp"
        }
        let secrets = ["担当者ハヤブサ", "045-999-8888", "private@hayabusa.example.jp", "青葉市秘密町", "代表者フクロウ", "非公開の活動内容ゼブラ", "hidden.example.jp"]
        let pages = [try app.get("/organisations/\(id)"), try app.get("/organisations"), try app.get("/organisations?q=%E3%81%B2%E3%81%BF%E3%81%A4"),
                     try app.get("/open-data/organisations.csv"), try app.get("/open-data/organisations.json")]
        for page in pages {
            #expect(page.status == 200)
            #expect(page.body.contains("ひみつを守る会"))
            for secret in secrets { #expect(!page.body.contains(secret), "\(secret) leaked") }
        }
        #expect(pages[0].body.contains("公開の実績キリン"))
        // A private summary does not make the organisation findable.
        #expect(try app.get("/organisations?q=%E3%82%BC%E3%83%96%E3%83%A9").body.contains("条件に合う団体はありません")) // ゼブラ
        #expect(try app.get("/organisations?q=%E6%B4%BB%E5%8B%95%E5%86%85%E5%AE%B9%E3%82%BC").body.contains("条件に合う団体はありません")) // 活動内容ゼ
        #expect(try app.get("/organisations?q=%E3%82%AD%E3%83%AA%E3%83%B3").body.contains("ひみつを守る会")) // キリン (public)
        // Members and staff see everything, marked private.
        try app.createUser("staff@example.jp", roles: [.staff])
        let staff = app.browser()
        try staff.signIn("staff@example.jp", "correct-horse-battery")
        let full = try staff.get("/organisations/\(id)")
        #expect(full.body.contains("担当者ハヤブサ") && full.body.contains("非公開"))
    }

    @Test func search_findsJapaneseAndLatin_withTrigramAndShortFallback() throws {
        let app = try TestApp()
        try app.createOrganisation("子育て支援ネットワーク", kana: "こそだてしえんねっとわーく", summary: "協働で子育てを応援します")
        try app.createOrganisation("Aoba Green Network", kana: "あおばぐりーんねっとわーく", summary: "Tree planting volunteers")
        try app.createOrganisation("里山の会", kana: "さとやまのかい", summary: "森林の保全")
        func names(_ q: String) throws -> [String] {
            let body = try app.get("/organisations?q=" + q.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!).body
            return ["子育て支援ネットワーク", "Aoba Green Network", "里山の会"].filter { body.contains($0) }
        }
        #expect(try names("子育て") == ["子育て支援ネットワーク"])
        #expect(try names("協働") == ["子育て支援ネットワーク"]) // two characters: LIKE fallback
        #expect(try names("network") == ["Aoba Green Network"]) // case-insensitive
        #expect(try names("planting") == ["Aoba Green Network"])
        #expect(try names("ねっとわーく") == ["子育て支援ネットワーク", "Aoba Green Network"])
        #expect(try names("里山") == ["里山の会"])
        #expect(try names("子育て 応援") == ["子育て支援ネットワーク"])
        #expect(try names("\"OR") == []) // FTS syntax is just text
    }

    @Test func search_ranksStrongerMatchesFirst() throws {
        let app = try TestApp()
        try app.createOrganisation("いちどの会", kana: "あ", summary: "まちづくりの話")
        try app.createOrganisation("まちづくり研究会", kana: "い", summary: "まちづくり、まちづくり、まちづくりの実践")
        let body = try app.get("/organisations?q=%E3%81%BE%E3%81%A1%E3%81%A5%E3%81%8F%E3%82%8A").body
        let strong = try #require(body.range(of: "まちづくり研究会")), weak = try #require(body.range(of: "いちどの会"))
        #expect(strong.lowerBound < weak.lowerBound)
    }

    @Test func filters_sort_pagination_inactive_andEmptyState() throws {
        let app = try TestApp()
        for i in 1...60 {
            try app.createOrganisation("団体\(i)", kana: "だんたい" + String(UnicodeScalar(0x3042 + i)!), kind: i % 2 == 0 ? .npo : .voluntary,
                                       fields: [i % 3 == 0 ? 7 : 3], district: i % 4 == 0 ? "kita" : "chuo")
        }
        try app.createOrganisation("休んでいる会", kana: "やすんでいるかい", status: .inactive)
        try app.createOrganisation("地区非公開の会", kana: "ちくひこうかい", district: "kita", publicFields: [])
        let all = try app.get("/organisations")
        #expect(all.body.contains("全61件中 1〜50件を表示"))
        #expect(try app.get("/organisations?page=2").body.contains("全61件中 51〜61件を表示"))
        #expect(try app.get("/organisations?page=999").body.contains("51〜61件"))
        #expect(!all.body.contains("休んでいる会"))
        #expect(try app.get("/organisations?inactive=1&q=%E4%BC%91%E3%82%93").body.contains("休んでいる会"))
        #expect(try app.get("/organisations?kind=npo").body.contains("全31件中")) // 30 + the one without a public district
        #expect(try app.get("/organisations?field=7").body.contains("全20件中"))
        // The district filter only matches organisations that publish their district.
        #expect(try app.get("/organisations?district=kita").body.contains("全15件中"))
        let kana = try app.get("/organisations?sort=kana").body
        #expect(kana.range(of: "団体1<")!.lowerBound < kana.range(of: "団体2<")!.lowerBound)
        #expect(try app.get("/organisations?q=%E5%AD%98%E5%9C%A8%E3%81%97%E3%81%AA%E3%81%84").body.contains("条件に合う団体はありません"))
    }

    @Test func staffCSV_roundTripsJapaneseAndSpecialCharacters() throws {
        let app = try TestApp()
        try app.createUser("staff@example.jp", roles: [.staff])
        try app.createOrganisation("カンマ, \"引用\" の会", kana: "かんまのかい", status: .pending, summary: "一行目\r\n二行目, \"続き\"")
        let staff = app.browser()
        try staff.signIn("staff@example.jp", "correct-horse-battery")
        let csv = try staff.get("/staff/organisations.csv")
        #expect(csv.status == 200)
        #expect(Array(csv.body.utf8).starts(with: [0xEF, 0xBB, 0xBF]))
        let rows = CSVParser.parse(String(csv.body.dropFirst()))
        #expect(rows[0].prefix(3) == ["団体番号", "団体名", "団体名（ふりがな）"])
        #expect(rows[1][1] == "カンマ, \"引用\" の会")
        #expect(rows[1][15] == "一行目\r\n二行目, \"続き\"")
        #expect(rows[1][4] == "申請中")
        #expect(csv.body.hasSuffix("\r\n"))
        let english = try staff.get("/staff/organisations.csv?lang=en")
        #expect(CSVParser.parse(String(english.body.dropFirst()))[0].prefix(2) == ["No.", "Name"])
        #expect(try app.get("/staff/organisations.csv").status == 303)
    }

    @Test func openDataJSON_hasPublicFieldsOnly() throws {
        let app = try TestApp()
        try app.createOrganisation("公開の会", kana: "こうかいのかい", summary: "公開の説明") { $0.phone = "045-111-2222" }
        try app.createOrganisation("申請中の会", kana: "しんせいちゅう", status: .pending)
        let json = try app.get("/open-data/organisations.json")
        #expect(json.header("Content-Type") == "application/json; charset=utf-8")
        let records = try #require(try JSONSerialization.jsonObject(with: Data(json.body.utf8)) as? [[String: Any]])
        #expect(records.count == 1)
        #expect(records[0]["名称"] as? String == "公開の会")
        #expect(records[0]["概要"] as? String == "公開の説明")
        #expect(records[0]["電話番号"] is NSNull)
    }
}

/// RFC 4180 reader for checking exports.
enum CSVParser {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" { if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false } }
                else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\r\n" || c == "\n" { row.append(field); rows.append(row); row = []; field = "" }
            else { field.append(c) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}

/// Public pages are cached for anonymous visitors; every change to what they show must appear at once.
@Suite struct PublicPageCacheTests {
    @Test func cachedPages_followEveryChange() throws {
        let app = try TestApp()
        let user = try app.createUser("a@example.jp")
        let id = try app.createOrganisation("変わる前の会", kana: "かわるまえ", member: user)
        #expect(try app.get("/organisations").body.contains("変わる前の会"))
        #expect(try app.get("/organisations/\(id)").body.contains("変わる前の会"))
        let browser = app.browser()
        try browser.signIn("a@example.jp", "correct-horse-battery")
        try browser.get("/organisations/\(id)/edit")
        try browser.post("/organisations/\(id)/edit", registrationForm(["name": "変わった後の会"]))
        #expect(try app.get("/organisations").body.contains("変わった後の会"))
        #expect(try app.get("/organisations/\(id)").body.contains("変わった後の会"))
        try browser.get("/organisations/\(id)/documents")
        try browser.postMultipart("/organisations/\(id)/documents", [("kind", "articles"), ("public", "1")], files: [("file", "会則.pdf", DocumentTests.pdf)])
        #expect(try app.get("/organisations/\(id)").body.contains("会則.pdf"))
        // Signed-in and flash-carrying views are never served from the cache.
        #expect(try browser.get("/organisations").body.contains("site-tools__user"))
        // Each language has its own copy.
        #expect(try app.get("/organisations?lang=en").htmlLang == "en")
        #expect(try app.get("/organisations", headers: ["Accept-Language": "ja"]).htmlLang == "ja")
    }
}
