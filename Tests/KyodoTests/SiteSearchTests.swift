import Foundation
import Testing
@testable import Kyodo

@Suite struct SiteSearchTests {
    private func search(_ app: TestApp, _ q: String, _ extra: String = "") throws -> String {
        let encoded = q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? q
        return try app.get("/search?q=\(encoded)\(extra)").body
    }

    @Test func findsEachKind_byKanjiKanaAndShortQueries_andNothingPrivate() throws {
        let app = try TestApp(seed: true)
        // Each kind by a word of its own (three or more characters: the trigram index).
        #expect(try search(app, "子育てネットワーク").contains("/organisations/1"))
        #expect(try search(app, "公益活動事業補助金").contains("/calls/"))
        #expect(try search(app, "公園を親子と地域").contains("/themes/"))
        #expect(try search(app, "移動販売").contains("/proposals/"))
        #expect(try search(app, "竹林整備").contains("/agreements/"))
        #expect(try search(app, "経費分担の見直し").contains("/evaluation"))
        #expect(try search(app, "評価の観点").contains("/minutes/1"))
        // A reading finds the name: あおば → 青葉.
        let reading = try search(app, "あおばだい")
        #expect(reading.contains("青葉台地区自治会連合会"))
        // Two characters and one: the scan below the trigram index.
        let two = try search(app, "協定")
        #expect(two.contains("<mark>協定</mark>") && two.contains("/minutes/1"))
        #expect(try search(app, "森").contains("みどりの森を守る会"))
        // Filters: kind and fiscal year.
        let onlyCalls = try search(app, "公益活動", "&kind=call")
        #expect(onlyCalls.contains("/calls/") && !onlyCalls.contains("/organisations/"))
        // Never a draft, a private field or a member's name.
        #expect(!(try search(app, "花壇ボランティア")).contains("/themes/")) // the parks department's draft theme
        #expect(try search(app, "子育て世代の防災").contains("見つかりませんでした")) // a draft proposal
        try app.services.database.write { db in
            try db.execute("UPDATE organisation SET summary = '秘密の活動内容XYZ', public_fields = ',representative_name,' WHERE id = 3")
        }
        #expect(try search(app, "秘密の活動内容").contains("見つかりませんでした"))
        #expect(try search(app, "みどりの森を守る会").contains("/organisations/3")) // the name itself stays public
        for name in try app.services.database.read({ try CouncilStore.all($0) }).map(\.name) {
            let family = String(name.split(separator: " ").first ?? "")
            #expect(!(try search(app, name)).contains("/minutes/"), "\(name)")
            #expect(!(try search(app, family + "委員")).contains("/minutes/"), "\(family)")
        }
        // A change is in the index at once (triggers): publishing the draft theme makes it findable.
        try app.services.database.write { try $0.execute("UPDATE theme SET status = 'published' WHERE title LIKE '%花壇%'") }
        #expect(try search(app, "花壇ボランティア").contains("/themes/"))
        // Crawlers: the sitemap lists the public records, robots.txt keeps them out of the signed-in areas.
        let sitemap = try app.get("/sitemap.xml").body
        #expect(sitemap.contains("/minutes/1</loc>") && sitemap.contains("/organisations/1</loc>") && !sitemap.contains("/staff/"))
        #expect(try app.get("/robots.txt").body.contains("Disallow: /staff/"))
        // A page that is not there offers the search.
        #expect(try app.get("/no-such-page").body.contains("action=\"/search\""))
    }
}

@Suite struct RawErrorPageTests {
    @Test func anOverlongAddress_getsTheLocalisedErrorPage_notPlainText() throws {
        let app = try TestApp()
        let response = try app.get("/search?q=" + String(repeating: "a", count: 10_000))
        #expect(response.status == 414)
        #expect(response.header("Content-Type")?.hasPrefix("text/html") == true)
        #expect(response.body.contains("アドレスが長すぎます") && response.body.contains("The address is too long") && response.body.contains("href=\"/\""))
    }
}
