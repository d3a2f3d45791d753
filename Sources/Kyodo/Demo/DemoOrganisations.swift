import Foundation
import SQLite

/// Demo organisations: twelve groups of the kinds a city registers, mostly 登録済, one waiting for
/// review and one inactive, with member accounts for two of them.
extension DemoData {
    struct DemoOrganisation {
        let name: String, kana: String, kind: OrganisationKind, fields: [Int], district: String
        let representative: String, founded: String, members: Int, budget: Int
        let summary: String, track: String
        var status = OrganisationStatus.active
    }

    static let organisations: [DemoOrganisation] = [
        DemoOrganisation(name: "NPO法人 あおば子育てネットワーク", kana: "あおばこそだてねっとわーく", kind: .npo, fields: [1, 13], district: "chuo",
                         representative: "山田 花子", founded: "2012-06-01", members: 48, budget: 3_200_000,
                         summary: "乳幼児の親子が気軽に集える子育てひろばを運営し、子育て中の保護者同士のつながりづくりを支援しています。",
                         track: "子育てひろば「あおばっこ」の運営（週4日）、産前産後の家事支援、子育て講座の開催。"),
        DemoOrganisation(name: "青葉台地区自治会連合会", kana: "あおばだいちくじちかいれんごうかい", kind: .neighbourhood, fields: [3, 9], district: "aobadai",
                         representative: "佐々木 正夫", founded: "1978-04-01", members: 1_240, budget: 5_600_000,
                         summary: "地区内12自治会の連絡調整、防犯パトロール、夏祭りなど地域行事の運営を行っています。",
                         track: "見守り防犯パトロール（毎月）、地区防災訓練、青葉台夏祭り。"),
        DemoOrganisation(name: "みどりの森を守る会", kana: "みどりのもりをまもるかい", kind: .voluntary, fields: [7, 2], district: "nishi",
                         representative: "田中 誠", founded: "2005-10-10", members: 35, budget: 420_000,
                         summary: "西部丘陵の里山で、下草刈りや間伐、自然観察会を行い、豊かな森を次の世代に引き継ぎます。",
                         track: "里山保全作業（月2回）、親子自然観察会、市立小学校の環境学習への協力。"),
        DemoOrganisation(name: "NPO法人 ささえあい青葉", kana: "ささえあいあおば", kind: .npo, fields: [1, 3], district: "higashi",
                         representative: "鈴木 和子", founded: "2009-03-15", members: 62, budget: 8_900_000,
                         summary: "高齢者の買い物支援や配食サービス、地域のサロン活動を通じて、住み慣れた地域での暮らしを支えます。",
                         track: "配食サービス（年間約12,000食）、ふれあいサロン、移動支援ボランティアの養成。"),
        DemoOrganisation(name: "青葉国際交流ボランティアの会", kana: "あおばこくさいこうりゅうぼらんてぃあのかい", kind: .volunteer, fields: [11, 2], district: "chuo",
                         representative: "グエン・ティ・ラン", founded: "2016-07-01", members: 27, budget: 350_000,
                         summary: "外国にルーツのある住民のための日本語教室と生活相談、多文化交流イベントを行っています。",
                         track: "日本語教室（毎週土曜）、やさしい日本語による防災講座、多文化交流フェスタ。"),
        DemoOrganisation(name: "公益財団法人 青葉文化振興財団", kana: "あおばぶんかしんこうざいだん", kind: .publicInterest, fields: [6], district: "chuo",
                         representative: "高木 宏", founded: "1991-04-01", members: 12, budget: 45_000_000,
                         summary: "市民文化会館の自主事業や、市民の文化芸術活動への助成を行っています。",
                         track: "青葉市民音楽祭、子どものための舞台芸術鑑賞事業。"),
        DemoOrganisation(name: "こども食堂 ひだまり", kana: "こどもしょくどう ひだまり", kind: .voluntary, fields: [13, 1], district: "minami",
                         representative: "井上 由美", founded: "2018-09-01", members: 22, budget: 600_000,
                         summary: "月2回、地域の子どもと大人が一緒に食卓を囲むこども食堂を開いています。学習支援も行っています。",
                         track: "こども食堂（月2回・平均60食）、夏休み学習会。"),
        DemoOrganisation(name: "青葉まちづくり協働研究会", kana: "あおばまちづくりきょうどうけんきゅうかい", kind: .university, fields: [3, 19], district: "kita",
                         representative: "小林 直樹", founded: "2014-04-01", members: 15, budget: 800_000,
                         summary: "大学と市民が協働で、空き家の活用や商店街の活性化について調査・提案を行っています。",
                         track: "空き家活用ワークショップ、商店街来街者調査、協働事業の評価支援。"),
        DemoOrganisation(name: "NPO法人 青葉スポーツクラブ", kana: "あおばすぽーつくらぶ", kind: .npo, fields: [6, 13], district: "midorigaoka",
                         representative: "中村 健太", founded: "2007-05-20", members: 310, budget: 12_000_000,
                         summary: "子どもから高齢者まで、誰もが身近な地域でスポーツを楽しめる総合型地域スポーツクラブです。",
                         track: "サッカー・卓球・健康体操教室、障がいのある方とのスポーツ交流会。"),
        DemoOrganisation(name: "株式会社 青葉地域エネルギー", kana: "かぶしきがいしゃ あおばちいきえねるぎー", kind: .company, fields: [7, 16], district: "kita",
                         representative: "松本 亮", founded: "2019-11-01", members: 8, budget: 30_000_000,
                         summary: "公共施設の屋根を活用した市民出資の太陽光発電と、環境学習の出前授業を行っています。",
                         track: "市民共同発電所3か所、小中学校での環境出前授業（年20回）。"),
        DemoOrganisation(name: "防災ボランティア 青葉ネット", kana: "ぼうさいぼらんてぃあ あおばねっと", kind: .volunteer, fields: [8, 9], district: "higashi",
                         representative: "加藤 美紀", founded: "2011-06-11", members: 54, budget: 250_000,
                         summary: "災害時の避難所運営支援と、平常時の防災講座・訓練を行っています。",
                         track: "避難所運営ゲーム（HUG）講座、地区防災マップづくり。", status: .pending),
        DemoOrganisation(name: "青葉手話サークル", kana: "あおばしゅわさーくる", kind: .voluntary, fields: [1, 10], district: "minami",
                         representative: "山本 聡", founded: "1995-04-01", members: 18, budget: 90_000,
                         summary: "手話の学習会と、聴覚障がいのある方との交流を続けています。",
                         track: "手話学習会（毎週水曜）、市のイベントでの手話通訳協力。", status: .inactive),
    ]

    /// Organisations with their member accounts; returns how many organisations.
    static func seedOrganisations(_ db: Database, services: AppServices, passwordHash: String) throws -> Int {
        let now = services.now()
        let yamada = try UserStore.create(db, email: "npo@aoba.example.jp", displayName: "山田 花子", roles: [], passwordHash: passwordHash, now: now)
        let inoue = try UserStore.create(db, email: "hidamari@aoba.example.jp", displayName: "井上 由美", roles: [], passwordHash: passwordHash, now: now)
        for (index, d) in organisations.enumerated() {
            var org = Organisation()
            org.name = d.name; org.nameKana = d.kana; org.kind = d.kind; org.activityFields = d.fields; org.districtCode = d.district
            org.representativeName = d.representative; org.foundedOn = d.founded; org.memberCount = d.members; org.annualBudget = d.budget
            org.summary = d.summary; org.trackRecord = d.track; org.status = d.status
            org.contactName = d.representative
            org.phone = String(format: "045-%03d-%04d", 200 + index, 1000 + index * 37)
            org.email = "info\(index + 1)@example.jp"
            org.address = "青葉市\(["中央", "青葉台", "西町", "東町", "本町", "文化町", "南町", "北町", "緑が丘", "北町", "東町", "南町"][index])\(index + 1)-\(index + 2)-\(index + 3)"
            let id = try OrganisationStore.insert(db, org, now: now)
            try Audit.record(db, .system("kyodo seed-demo"), action: "organisation.register", recordType: "organisation", recordID: id,
                             after: OrganisationStore.auditFields(org), now: now)
            if index == 0 || index == 3 { try MemberStore.add(db, organisationID: id, userID: yamada, role: index == 0 ? .representative : .editor, now: now) }
            if index == 6 { try MemberStore.add(db, organisationID: id, userID: inoue, role: .representative, now: now) }
        }
        return organisations.count
    }
}
