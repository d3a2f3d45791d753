import Foundation
import SQLite
import Templating

/// Demo calls: last year's grant round with its results published, and this year's open one.
extension DemoData {
    static func seedCalls(_ db: Database, services: AppServices) throws -> Int {
        let now = services.now()
        let thisYear = JapaneseCalendar.fiscalYear(of: JapaneseCalendar.tokyo(now))
        let criteria: [Call.Criterion] = [
            .init(name: "公益性", description: "不特定多数の市民の利益につながるか", weight: 3, scaleMin: 1, scaleMax: 5),
            .init(name: "必要性", description: "地域の課題やニーズに応えているか", weight: 2, scaleMin: 1, scaleMax: 5),
            .init(name: "実現性", description: "計画・体制・予算が実行可能か", weight: 2, scaleMin: 1, scaleMax: 5),
            .init(name: "協働の効果", description: "市と協働することで相乗効果が期待できるか", weight: 2, scaleMin: 1, scaleMax: 5),
            .init(name: "発展性", description: "将来の自立や広がりが見込めるか", weight: 1, scaleMin: 1, scaleMax: 5),
        ]
        func make(_ year: Int, opens: Date, closes: Date, status: Call.Status) -> Call {
            var c = Call()
            c.kind = .grant; c.fiscalYear = year; c.status = status
            c.title = "\(JapaneseCalendar.japaneseFiscalYear(year)) 公益活動事業補助金"
            c.description = "市民活動団体が行う公益的な事業に対し、経費の一部を補助します。1団体1事業まで申請できます。"
            c.opensAt = opens; c.closesAt = closes
            c.budgetCeiling = 3_000_000; c.maxAmount = 500_000; c.rateNumerator = 1; c.rateDenominator = 2
            c.eligibleKinds = [.npo, .voluntary, .volunteer, .neighbourhood]
            c.requiredAttachments = ["事業計画書", "収支予算書", "団体の規約・定款"]
            c.criteria = criteria
            return c
        }
        let past = make(thisYear - 1, opens: JapaneseCalendar.startOfDay(.init(year: thisYear - 1, month: 4, day: 1, hour: 9)),
                        closes: JapaneseCalendar.startOfDay(.init(year: thisYear - 1, month: 5, day: 30, hour: 17)), status: .published)
        let current = make(thisYear, opens: now.addingTimeInterval(-7 * 86_400), closes: now.addingTimeInterval(21 * 86_400), status: .open)
        for call in [past, current] {
            let id = try CallStore.insert(db, call, now: now)
            try Audit.record(db, .system("kyodo seed-demo"), action: "call.create", recordType: "call", recordID: id, after: CallStore.auditFields(call), now: now)
        }
        return 2
    }
}
