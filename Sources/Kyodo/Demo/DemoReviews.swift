import Foundation
import SQLite
import Templating

/// Demo council: seven members (会長 and 副会長 among them, one advising an applicant), last
/// year's grant round pre-evaluated with a closed round, its aggregates and opinions on the public
/// results page, and this year's round open with some members done and one automatic recusal.
extension DemoData {
    static func seedReviews(_ db: Database, services: AppServices, passwordHash: String) throws -> Int {
        let now = services.now()
        let year = JapaneseCalendar.fiscalYear(of: JapaneseCalendar.tokyo(now))
        let system = AuditActor.system("kyodo seed-demo")
        // Three council accounts exist already (sato, suzuki, takahashi); four more join them.
        for (email, name) in [("tanaka", "田中 正"), ("ito", "伊藤 由紀"), ("watanabe", "渡辺 大輔"), ("yamamoto", "山本 千尋")] {
            _ = try UserStore.create(
                db, email: "\(email)@aoba.example.jp", displayName: name, roles: [.council], passwordHash: passwordHash,
                now: now)
        }
        let people: [(String, String, String, CouncilMember.Category, CouncilMember.Position, [Int64])] = [
            ("sato", "佐藤 恵子", "青葉大学 地域政策学部 教授", .academic, .chair, []),
            ("suzuki", "鈴木 健", "青葉市社会福祉協議会", .npo, .viceChair, [4]),  // advises NPO法人 ささえあい青葉
            ("takahashi", "高橋 美穂", "", .public, .member, []),
            ("tanaka", "田中 正", "青葉台地区自治会連合会", .related, .member, [2]),
            ("ito", "伊藤 由紀", "青葉学院大学 准教授", .academic, .member, []),
            ("watanabe", "渡辺 大輔", "", .public, .member, []),
            ("yamamoto", "山本 千尋", "NPO法人 青葉市民活動サポート", .npo, .member, []),
        ]
        var members: [CouncilMember] = []
        for (email, name, affiliation, category, position, organisations) in people {
            var m = CouncilMember()
            m.userID = try UserStore.find(db, email: "\(email)@aoba.example.jp")?.id
            m.name = name; m.affiliation = affiliation; m.category = category; m.position = position
            m.termFrom = DateInput.format(.init(year: year - 1, month: 4, day: 1));
            m.termTo = DateInput.format(.init(year: year + 1, month: 3, day: 31))
            m.organisationIDs = organisations
            m.id = try CouncilStore.insert(db, m, now: now)
            try Audit.record(
                db, system, action: "council.create", recordType: "council_member", recordID: m.id,
                after: CouncilStore.auditFields(m), now: now)
            members.append(m)
        }

        func scoreAll(_ round: Int64, criteria: Int, by scorers: [CouncilMember], seed: Int) throws {
            for (i, item) in try ReviewStore.items(db, roundID: round).enumerated() {
                for (j, m) in scorers.enumerated()
                where !(try ReviewStore.isRecused(db, itemID: item.id, memberID: m.id)) {
                    var r = Review()
                    r.itemID = item.id; r.memberID = m.id
                    r.recommendation = (i + j + seed) % 5 == 0 ? .conditional : .select
                    r.comment = "事業の目的は明確で、地域の課題に応えている。"
                    r.scores = (1...criteria).map { k in
                        .init(position: k, score: 2 + (i * 3 + j * 2 + k + seed) % 4, comment: "")
                    }
                    guard let id = try ReviewStore.saveDraft(db, r, now: now) else { continue }
                    _ = try ReviewStore.setReviewStatus(db, id: id, from: .draft, to: .submitted, now: now)
                    try WorkflowStore.record(
                        db, recordType: "review", recordID: id, action: "submit", from: "draft", to: "submitted",
                        actor: .system(m.name), comment: "", now: now)
                }
            }
        }
        let calls = try CallStore.list(db, statuses: [.published, .reviewing])
        let criteria = DemoData.criteria.count
        // Last year's round: all seven scored the seven applications before the decision; closed, with opinions.
        if let last = calls.first(where: { $0.kind == .grant && $0.status == .published }) {
            let items = try GrantStore.summaries(db, callID: last.id).map { a -> ReviewItem in
                var item = ReviewItem()
                item.recordID = a.id; item.organisationID = a.organisationID;
                item.title = "\(a.projectTitle)（\(a.organisationName)）"
                return item
            }
            let round = try ReviewStore.open(
                db, callID: last.id, stage: .pre, dueOn: DateInput.format(.init(year: year - 1, month: 6, day: 20)),
                members: members, items: items, reason: "申請団体に所属・関与しているため", now: now)
            try scoreAll(round, criteria: criteria, by: members, seed: 1)
            _ = try ReviewStore.setRoundStatus(db, id: round, from: .open, to: .closed, now: now)
            try WorkflowStore.record(
                db, recordType: "review_round", recordID: round, action: "close", from: "open", to: "closed",
                actor: system,
                comment: "", now: now)
            let opinions = [
                "子育て家庭の孤立防止に有効であり、継続的な実施を期待する。", "地域ぐるみの見守りとして評価できる。",
                "環境学習との連携をさらに進められたい。", "支援を必要とする高齢者への周知方法を工夫されたい。",
                "外国にルーツのある住民への情報提供として意義が大きい。", "学習支援の担い手の確保に留意されたい。",
                "参加者の広がりに課題があり、今回は見送りが適当である。",
            ]
            for (item, opinion) in zip(try ReviewStore.items(db, roundID: round), opinions) {
                try ReviewStore.setOpinion(db, itemID: item.id, opinion)
            }
        }
        // This year's first round: open, three members done, the vice-chair recused from his NPO's application.
        if let current = calls.first(where: { $0.kind == .grant && $0.status == .reviewing }) {
            let items = try GrantStore.summaries(db, callID: current.id).filter { $0.status == .accepted }.map {
                a -> ReviewItem in
                var item = ReviewItem()
                item.recordID = a.id; item.organisationID = a.organisationID;
                item.title = "\(a.projectTitle)（\(a.organisationName)）"
                return item
            }
            let due = DateInput.format(JapaneseCalendar.tokyo(now.addingTimeInterval(14 * 86_400)))
            let round = try ReviewStore.open(
                db, callID: current.id, stage: .pre, dueOn: due, members: members, items: items,
                reason: "申請団体に所属・関与しているため", now: now)
            try scoreAll(round, criteria: criteria, by: [members[1], members[2], members[4]], seed: 2)
        }
        return members.count
    }
}
