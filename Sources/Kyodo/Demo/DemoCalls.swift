import Foundation
import SQLite
import Templating

/// Demo calls, one in each state, with applications: two years ago's round finished, last
/// year's with results published and amounts settled, this year's first round under review, a
/// closed proposal call, this year's second round open (one draft, one submitted), and next
/// year's in preparation.
extension DemoData {
    static let criteria: [Call.Criterion] = [
        .init(name: "公益性", description: "不特定多数の市民の利益につながるか", weight: 3, scaleMin: 1, scaleMax: 5),
        .init(name: "必要性", description: "地域の課題やニーズに応えているか", weight: 2, scaleMin: 1, scaleMax: 5),
        .init(name: "実現性", description: "計画・体制・予算が実行可能か", weight: 2, scaleMin: 1, scaleMax: 5),
        .init(name: "協働の効果", description: "市と協働することで相乗効果が期待できるか", weight: 2, scaleMin: 1, scaleMax: 5),
        .init(name: "発展性", description: "将来の自立や広がりが見込めるか", weight: 1, scaleMin: 1, scaleMax: 5),
    ]

    static func seedCalls(_ db: Database, services: AppServices) throws -> Int {
        let now = services.now()
        let year = JapaneseCalendar.fiscalYear(of: JapaneseCalendar.tokyo(now))
        func day(_ y: Int, _ m: Int, _ d: Int, _ h: Int) -> Date { JapaneseCalendar.startOfDay(.init(year: y, month: m, day: d, hour: h)) }
        func make(_ title: String, _ fy: Int, _ kind: Call.Kind, _ status: Call.Status, opens: Date, closes: Date) throws -> Int64 {
            var c = Call()
            c.kind = kind; c.fiscalYear = fy; c.status = status
            c.title = "\(JapaneseCalendar.japaneseFiscalYear(fy)) \(title)"
            c.description = kind == .grant ? "市民活動団体が行う公益的な事業に対し、経費の一部を補助します。1団体1事業まで申請できます。"
                                           : "市の各課が示すテーマに対し、団体から協働事業の提案を募集します。"
            c.opensAt = opens; c.closesAt = closes
            c.budgetCeiling = yen(3_000_000); c.maxAmount = yen(500_000); c.rateNumerator = 1; c.rateDenominator = 2
            c.eligibleKinds = [.npo, .voluntary, .volunteer, .neighbourhood]
            c.requiredAttachments = kind == .grant ? ["事業計画書", "収支予算書"] : []
            c.criteria = criteria
            let id = try CallStore.insert(db, c, now: now)
            try Audit.record(db, .system("kyodo seed-demo"), action: "call.create", recordType: "call", recordID: id, after: CallStore.auditFields(c), now: now)
            return id
        }
        _ = try make("公益活動事業補助金", year - 2, .grant, .archived, opens: day(year - 2, 4, 1, 9), closes: day(year - 2, 5, 30, 17))
        let published = try make("公益活動事業補助金", year - 1, .grant, .published, opens: day(year - 1, 4, 1, 9), closes: day(year - 1, 5, 30, 17))
        let reviewing = try make("公益活動事業補助金（一次募集）", year, .grant, .reviewing, opens: day(year, 4, 1, 9), closes: day(year, 5, 30, 17))
        _ = try make("協働事業提案（行政提示型テーマ）", year, .proposal, .closed, opens: day(year, 6, 1, 9), closes: day(year, 7, 31, 17))
        let open = try make("公益活動事業補助金（二次募集）", year, .grant, .open, opens: now.addingTimeInterval(-7 * 86_400), closes: now.addingTimeInterval(21 * 86_400))
        _ = try make("公益活動事業補助金", year + 1, .grant, .draft, opens: day(year + 1, 4, 1, 9), closes: day(year + 1, 5, 29, 17))

        // Last year's round: six approved (two already settled), one rejected.
        let projects = ["子育てひろば出張事業", "見守りパトロール強化事業", "里山の森づくり体験会", "高齢者の買い物支援事業", "やさしい日本語防災講座",
                        "子ども食堂の学習支援", "地域スポーツ交流会"]
        for (i, project) in projects.enumerated() {
            let requested = [400_000, 300_000, 250_000, 500_000, 200_000, 350_000, 450_000][i]
            let status: GrantApplication.Status = i == 6 ? .rejected : .approved
            let id = try seedApplication(db, callID: published, organisationID: Int64([1, 2, 3, 4, 5, 7, 9][i]), project: project,
                                         requested: requested, status: status, now: now)
            if status == .approved { try GrantStore.recordGrant(db, id: id, amount: yen(requested - (i == 3 ? 100_000 : 0)), conditions: "", now: now) }
            if i < 2 { try GrantReportStore.forceSettled(db, applicationID: id, yen(requested - 20_000), now: now) }
        }
        for (i, org) in [1, 4, 2].enumerated() {
            try seedApplication(db, callID: reviewing, organisationID: Int64(org), project: ["親子の防災キャンプ", "配食ボランティア養成講座", "空き家活用ワークショップ"][i],
                                requested: [300_000, 200_000, 150_000][i], status: .accepted, now: now)
        }
        try seedApplication(db, callID: open, organisationID: 4, project: "ふれあいサロン拡充事業", requested: 250_000, status: .submitted, now: now)
        try seedApplication(db, callID: open, organisationID: 7, project: "", requested: nil, status: .draft, now: now)
        try seedAttachments(db, services: services, now: now)
        return 6
    }

    /// Every application past its draft has the two required attachments (a small PDF), so a
    /// demo return can be fixed and resubmitted as a real one would.
    static func seedAttachments(_ db: Database, services: AppServices, now: Date) throws {
        try services.files.prepare()
        let temporary = services.files.temporaryDirectory + "/demo-\(UUID().uuidString).pdf"
        try Data("%PDF-1.4\n%demo\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)
            .write(to: URL(fileURLWithPath: temporary))
        let size = (try? FileManager.default.attributesOfItem(atPath: temporary)[.size] as? Int) ?? 0
        let sha = try services.files.keep(temporary)
        for id in try GrantStore.submittedIDs(db) {
            for (name, file) in [("事業計画書", "事業計画書.pdf"), ("収支予算書", "収支予算書.pdf")] {
                try GrantAttachmentStore.insert(db, applicationID: id, name: name, filename: file, contentType: "application/pdf",
                                                size: size, sha256: sha, uploadedBy: nil, now: now)
            }
        }
    }

    /// An application with a balanced budget: half own funds, half the grant.
    @discardableResult
    static func seedApplication(_ db: Database, callID: Int64, organisationID: Int64, project: String, requested: Int?,
                                status: GrantApplication.Status, now: Date) throws -> Int64 {
        let id = try GrantStore.create(db, callID: callID, organisationID: organisationID, now: now)
        guard var a = try GrantStore.find(db, id: id) else { return id }
        a.projectTitle = project
        if let requested {
            a.purpose = "地域の課題に取り組むため"; a.content = "\(project)を実施する"; a.requestedAmount = yen(requested)
            a.budget = [.init(direction: .income, category: "自己資金", amount: yen(requested), eligible: true, note: ""),
                        .init(direction: .income, category: "補助金", amount: yen(requested), eligible: true, note: ""),
                        .init(direction: .expense, category: "講師謝金・会場費", amount: yen(requested * 2), eligible: true, note: "")]
        }
        try GrantStore.update(db, a, now: now)
        try GrantStore.forceStatus(db, id: id, status, now: now)
        try Audit.record(db, .system("kyodo seed-demo"), action: "application.create", recordType: "application", recordID: id,
                         after: GrantStore.auditFields(a).merging(["status": .string(status.rawValue)]) { _, n in n }, now: now)
        return id
    }

    /// Demo amounts are small constants, always in range.
    static func yen(_ n: Int) -> Yen { Yen(n) ?? .zero }
}
