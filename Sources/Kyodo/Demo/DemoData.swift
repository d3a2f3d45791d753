import Foundation
import SQLite
import Templating

/// Demo data for `kyodo seed-demo`: what a city office would have after a year of use. Each
/// feature adds its part here; all of it goes in one transaction.
public enum DemoData {
    public struct AlreadySeeded: Error, CustomStringConvertible {
        public var description: String { "the database already has data; seed-demo only fills an empty database" }
    }

    /// The password of every demo account (shown in the README; never use it for real data).
    public static let password = "aoba-demo-2025"

    /// Loads everything; returns a one-line summary.
    public static func load(into db: Database, services: AppServices) throws -> String {
        guard try NoticeStore.count(db) == 0, try UserStore.count(db) == 0 else {
            throw AlreadySeeded()
        }
        let hash = services.passwords.hash(password)
        let users = try seedUsers(db, services: services, passwordHash: hash)
        let organisations = try seedOrganisations(db, services: services, passwordHash: hash)
        let calls = try seedCalls(db, services: services)
        let proposals = try seedProposals(db, services: services)
        let council = try seedReviews(db, services: services, passwordHash: hash)
        let agreements = try seedAgreements(db, services: services)
        let meetings = try seedMeetings(db, services: services)
        let notices = try seedNotices(db)
        // The demo's history has notifications; they are not news to mail to the demo addresses.
        try MailQueueStore.markAllMailed(db, now: services.now())
        return "\(users + 6) accounts (password \(password)), \(organisations) organisations, \(calls + 2) calls, \(proposals) proposals, "
            + "\(council) council members, \(agreements) agreements, \(meetings) meetings, \(notices) notices"
    }

    /// One account per staff-side role, with the names a city office would have.
    static func seedUsers(_ db: Database, services: AppServices, passwordHash hash: String) throws -> Int {
        let people: [(String, String, Set<Role>, String?)] = [
            ("admin@aoba.example.jp", "管理 太郎", [.admin, .staff], nil),
            ("kyodo@aoba.example.jp", "協働 花子", [.staff], nil),
            ("kouen@aoba.example.jp", "公園 一郎", [.department], "公園緑地課"),
            ("kosodate@aoba.example.jp", "子育 さくら", [.department], "子育て支援課"),
            ("sato@aoba.example.jp", "佐藤 恵子", [.council], nil),
            ("suzuki@aoba.example.jp", "鈴木 健", [.council], nil),
            ("takahashi@aoba.example.jp", "高橋 美穂", [.council], nil),
        ]
        let now = services.now()
        for (email, name, roles, department) in people {
            let id = try UserStore.create(db, email: email, displayName: name, roles: roles, department: department, passwordHash: hash, now: now)
            try Audit.record(db, .system("kyodo seed-demo"), action: "user.create", recordType: "user", recordID: id,
                             after: ["email": .string(email), "display_name": .string(name),
                                     "roles": .string(roles.sorted().map(\.rawValue).joined(separator: ","))], now: now)
        }
        return people.count
    }

    /// Notices across fiscal year 2025 (令和7年度) and into 2026, as the office posted them.
    static func seedNotices(_ db: Database) throws -> Int {
        let items: [(String, String, String, String, (Int, Int, Int))] = [
            ("令和7年度 公益活動事業補助金の募集を開始しました", "募集期間は5月30日（金）17時までです。申請前に募集要項をご確認ください。",
             "FY2025 public-interest activity grant: applications open", "Applications close on 30 May at 17:00. Please read the call guidelines first.", (2025, 4, 1)),
            ("市民活動団体の登録更新のお願い", "登録内容に変更がある団体は、6月末までに登録情報を更新してください。",
             "Please update your organisation's registration", "Organisations whose details have changed should update them by the end of June.", (2025, 4, 15)),
            ("第1回 市民協働推進会議を開催します", "6月12日（木）14時から、市役所本庁舎3階 第1会議室で開催します。傍聴できます。",
             "1st Civic Collaboration Council meeting", "12 June, 14:00, City Hall 3F Meeting Room 1. Open to the public.", (2025, 5, 20)),
            ("協働事業提案（行政提示型テーマ）を公開しました", "公園の利活用、子育て支援など、各課が協働したいテーマを掲載しています。",
             "Department themes for collaboration proposals published", "Themes from departments, such as park use and child-rearing support, are now listed.", (2025, 7, 1)),
            ("公益活動事業補助金の審査結果を公表しました", "審査の結果、9件の申請のうち6件の交付を決定しました。",
             "Grant review results published", "Six of nine applications were approved.", (2025, 7, 25)),
            ("協働のまちづくり講座（全3回）参加者募集", "NPOの運営や協働の進め方を学ぶ講座です。10月4日から毎週土曜日、市民活動センターで開催します。",
             "Course on collaborative community-building (3 sessions)", "Saturdays from 4 October at the Civic Activity Centre.", (2025, 9, 1)),
            ("年末年始の窓口休業のお知らせ", "12月29日（月）から1月3日（土）まで、市民協働推進課の窓口は休業します。",
             "Office closed over the New Year", "The office is closed from 29 December to 3 January.", (2025, 12, 10)),
            ("令和7年度 協働事業の実施報告書の提出について", "事業が終了した団体は、終了後30日以内に実施報告書を提出してください。",
             "FY2025 project reports due", "Organisations whose projects have ended must submit a report within 30 days.", (2026, 2, 2)),
            ("令和8年度 公益活動事業補助金の募集予定", "4月上旬に募集を開始する予定です。説明会を3月21日（土）に開催します。",
             "FY2026 grant call coming", "The call opens in early April. An information session will be held on 21 March.", (2026, 3, 2)),
        ]
        for (title, body, titleEn, bodyEn, day) in items {
            let at = JapaneseCalendar.startOfDay(JapaneseCalendar.Day(year: day.0, month: day.1, day: day.2, hour: 9))
            try NoticeStore.insert(db, title: title, body: body, titleEnglish: titleEn, bodyEnglish: bodyEn, publishedAt: at)
        }
        return items.count
    }
}
