import Foundation
import SQLite
import Templating

/// Demo departments, themes and proposals: the parks department's theme with an NPO's answer in
/// 担当課協議 (one of its two departments has given its opinion), a selected free proposal, last
/// year's completed one answering last year's theme, a draft theme, and an open proposal call.
extension DemoData {
    static func seedProposals(_ db: Database, services: AppServices) throws -> Int {
        let now = services.now()
        let year = JapaneseCalendar.fiscalYear(of: JapaneseCalendar.tokyo(now))
        let system = AuditActor.system("kyodo seed-demo")
        func day(_ y: Int, _ m: Int, _ d: Int) -> String { DateInput.format(.init(year: y, month: m, day: d)) }
        func department(_ name: String, _ section: String, _ contact: String) throws -> Int64 {
            let id = try DepartmentStore.findOrCreate(db, name: name, now: now)
            try DepartmentStore.update(db, Department(id: id, name: name, section: section, contact: contact), now: now)
            return id
        }
        let parks = try department("公園緑地課", "公園管理係", "045-200-3101（本庁舎4階）")
        let childcare = try department("子育て支援課", "子育て支援係", "045-200-3201（本庁舎2階）")
        let environment = try department("環境政策課", "環境保全係", "045-200-3301（本庁舎5階）")
        let welfare = try department("高齢福祉課", "地域支援係", "045-200-3401（本庁舎2階）")

        // Calls: last year's proposal round (finished) and one open all year round; this year's themed round exists already.
        func call(_ title: String, _ fy: Int, _ status: Call.Status, opens: Date, closes: Date) throws -> Int64 {
            var c = Call()
            c.kind = .proposal; c.fiscalYear = fy; c.status = status;
            c.title = "\(JapaneseCalendar.japaneseFiscalYear(fy)) \(title)"
            c.description = "市民活動団体から、市と協働して取り組む事業の提案を募集します。行政提示テーマへの提案と自由提案のどちらもできます。"
            c.opensAt = opens; c.closesAt = closes; c.maxAmount = yen(1_000_000); c.criteria = criteria
            return try CallStore.insert(db, c, now: now)
        }
        func at(_ y: Int, _ m: Int, _ d: Int) -> Date {
            JapaneseCalendar.startOfDay(.init(year: y, month: m, day: d, hour: 9))
        }
        let lastYear = try call("協働事業提案", year - 1, .archived, opens: at(year - 1, 6, 1), closes: at(year - 1, 7, 31))
        let thisYear =
            try CallStore.list(db, statuses: [.closed]).first { $0.kind == .proposal && $0.fiscalYear == year }?.id
            ?? lastYear
        let open = try call(
            "協働事業提案（随時募集）", year, .open, opens: now.addingTimeInterval(-14 * 86_400),
            closes: now.addingTimeInterval(60 * 86_400))

        func theme(
            _ dept: Int64, _ call: Int64?, _ fy: Int, _ status: Theme.Status, _ title: String, _ issue: String,
            _ wanted: String,
            _ outcome: String, _ budget: Int, _ fields: [Int], district: String? = nil
        ) throws -> Int64 {
            var t = Theme()
            t.departmentID = dept; t.callID = call; t.fiscalYear = fy; t.title = title; t.localIssue = issue;
            t.wanted = wanted
            t.expectedOutcome = outcome; t.budgetFrame = yen(budget); t.fields = fields; t.districtCode = district;
            t.status = .draft
            t.periodFrom = day(fy, 7, 1); t.periodTo = day(fy + 1, 3, 15); t.contact = "公園・協働担当"
            let id = try ThemeStore.insert(db, t, now: now)
            try Audit.record(
                db, system, action: "theme.create", recordType: "theme", recordID: id, after: ThemeStore.auditFields(t),
                now: now)
            if status != .draft {
                try move("theme", id, "publish", "draft", "published") {
                    _ = try ThemeStore.setStatus(db, id: id, from: .draft, to: .published, now: now)
                }
            }
            if status == .closed {
                try move("theme", id, "close", "published", "closed") {
                    _ = try ThemeStore.setStatus(db, id: id, from: .published, to: .closed, now: now)
                }
            }
            return id
        }
        func move(
            _ type: String, _ id: Int64, _ action: String, _ from: String, _ to: String, comment: String = "",
            _ change: () throws -> Void
        ) throws {
            try change()
            try WorkflowStore.record(
                db, recordType: type, recordID: id, action: action, from: from, to: to, actor: system, comment: comment,
                now: now)
        }
        let parksTheme = try theme(
            parks, thisYear, year, .published, "公園を親子と地域の居場所に",
            "市内の街区公園の多くは平日の利用が少なく、子育て中の親子が気軽に集える場所が不足しています。",
            "公園を会場に、親子や地域住民が集う催しを企画・運営できる団体。", "平日の公園利用者の増加、親子の孤立の防止。",
            800_000, [3, 13])
        _ = try theme(
            childcare, nil, year, .published, "産前産後の家庭を支える仕組みづくり",
            "核家族化により、出産前後に頼れる人がいない家庭が増えています。", "家事支援や訪問を担うボランティアを組織できる団体。",
            "産後うつの予防、地域での見守りの広がり。", 1_200_000, [1, 13])
        let satoyama = try theme(
            environment, lastYear, year - 1, .closed, "里山の保全と環境学習",
            "西部丘陵の里山で手入れが行き届かず、竹林の拡大が進んでいます。", "保全作業と子ども向け環境学習を継続して行える団体。",
            "里山の景観回復、環境学習の参加者数。", 600_000, [7, 2], district: "nishi")
        _ = try theme(
            parks, nil, year, .draft, "公園の花壇ボランティアの育成", "花壇の維持管理の担い手が高齢化しています。",
            "花壇づくりの講習と担い手の募集を行える団体。", "花壇ボランティアの登録者数。", 300_000, [3, 7])

        func proposal(
            _ call: Int64, _ org: Int64, _ theme: Int64?, _ title: String, _ issue: String, _ form: Proposal.Form,
            _ domain: Proposal.Domain, _ departments: [Int64], _ fy: Int, _ amount: Int
        ) throws -> Int64 {
            let id = try ProposalStore.create(db, callID: call, organisationID: org, theme: nil, now: now)
            var p = try ProposalStore.find(db, id: id) ?? Proposal()
            p.themeID = theme; p.title = title; p.localIssue = issue
            p.purpose = "地域の課題に、団体の経験と市の資源を持ち寄って取り組みます。"
            p.content = "年間を通じて月2回の活動を行い、参加者の声をもとに内容を改善します。"
            p.expectedEffect = "参加者同士のつながりが生まれ、活動が地域に定着します。"
            p.form = form; p.domain = domain; p.roleOrganisation = "企画、当日の運営、参加者への広報"
            p.roleCity = "会場の確保、市の広報紙での周知、関係機関との調整"
            p.periodFrom = day(fy, 7, 1); p.periodTo = day(fy + 1, 3, 15); p.requestedAmount = yen(amount)
            p.departments = try departments.compactMap { try DepartmentStore.find(db, id: $0) }
            p.budget = [
                .init(direction: .income, category: "市の負担金", amount: yen(amount), eligible: true, note: ""),
                .init(direction: .income, category: "自己資金", amount: yen(amount / 4), eligible: true, note: ""),
                .init(direction: .expense, category: "講師謝金・人件費", amount: yen(amount), eligible: true, note: ""),
                .init(direction: .expense, category: "消耗品費", amount: yen(amount / 4), eligible: true, note: ""),
            ]
            try ProposalStore.update(db, p, now: now)
            if let theme { try db.execute("UPDATE proposal SET theme_id = ? WHERE id = ?", [theme, id]) }
            try Audit.record(
                db, system, action: "proposal.create", recordType: "proposal", recordID: id,
                after: ProposalStore.auditFields(p), now: now)
            return id
        }
        func walk(_ id: Int64, _ steps: [(String, Proposal.Status, Proposal.Status, String)]) throws {
            for (action, from, to, comment) in steps {
                try move("proposal", id, action, from.rawValue, to.rawValue, comment: comment) {
                    _ = try ProposalStore.setStatus(db, id: id, from: from, to: to, now: now)
                }
            }
        }
        let toConsultation: [(String, Proposal.Status, Proposal.Status, String)] = [
            ("submit", .draft, .submitted, ""), ("consult", .submitted, .consultation, "意見の提出期限: 協議資料を参照"),
        ]
        let toSelected =
            toConsultation + [
                ("review", .consultation, .review, ""),
                ("select", .review, .selected, "地域の課題に合い、役割分担が明確である。"),
            ]

        // The NPO's answer to the parks theme, in consultation with two departments; parks has answered.
        let answer = try proposal(
            thisYear, 1, parksTheme, "公園deあおばっこひろば", "平日の公園に親子の居場所がなく、孤立しがちな家庭がある。",
            .commission, .equal, [parks, childcare], year, 600_000)
        try walk(answer, toConsultation)
        try ProposalStore.setOpinionDue(
            db, id: answer, DateInput.format(JapaneseCalendar.tokyo(now.addingTimeInterval(10 * 86_400))))
        try ProposalStore.saveOpinion(
            db, proposalID: answer, departmentID: parks, verdict: .conditional,
            reasons: "公園の平日利用を増やすという課題に合っています。", changes: "遊具点検日を避けて日程を組んでください。",
            actor: .system("公園 一郎（公園緑地課）"), now: now)
        // A selected free proposal.
        let selected = try proposal(
            thisYear, 4, nil, "移動販売と見守りを組み合わせた買い物支援", "坂の多い東部地区で、高齢者の買い物が難しくなっている。",
            .cooperation, .organisationLed, [welfare], year, 900_000)
        try walk(selected, toSelected)
        try ProposalStore.saveOpinion(
            db, proposalID: selected, departmentID: welfare, verdict: .feasible,
            reasons: "地域包括ケアの方針に合い、見守りの効果も期待できます。", changes: "", actor: .system("高齢福祉課"), now: now)
        try ProposalStore.setPresentation(
            db, id: selected, at: at(year, 9, 12).addingTimeInterval(5 * 3600), place: "市役所本庁舎3階 第1会議室",
            order: 1, now: now)
        try ProposalStore.recordDecision(
            db, id: selected, councilResult: "全委員が採択を適当とした。", conditions: "事業の実績を四半期ごとに報告すること。",
            now: now)
        // Last year's, answering last year's theme, completed.
        let completed = try proposal(
            lastYear, 3, satoyama, "里山の竹林整備と親子自然教室", "西部丘陵の竹林が広がり、里山の景観が失われつつある。",
            .commission, .organisationLed, [environment], year - 1, 500_000)
        try walk(
            completed,
            toSelected + [
                ("conclude", .selected, .agreement, ""), ("start", .agreement, .inProgress, ""),
                ("report", .inProgress, .reported, "竹林整備12回、自然教室6回（延べ240人）。"),
                ("evaluate", .reported, .evaluation, ""), ("complete", .evaluation, .completed, ""),
            ])
        // A draft under the open call, the NPO's own.
        _ = try proposal(
            open, 1, nil, "子育て世代の防災ワークショップ", "乳幼児のいる家庭の災害への備えが進んでいない。", .cosponsor, .equal,
            [childcare], year, 200_000)
        return 4
    }
}
