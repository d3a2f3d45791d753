import Foundation
import SQLite
import Templating

/// Demo agreements: this year's selected proposal concluded and in force (public), last year's
/// completed project's agreement, and a grant's agreement under negotiation in its second version.
extension DemoData {
    static func seedAgreements(_ db: Database, services: AppServices) throws -> Int {
        let now = services.now()
        let system = AuditActor.system("kyodo seed-demo")
        func sheets(_ type: String, _ id: Int64, organisation: String, city: String) throws {
            for (side, purpose) in [(PreConfirmation.Side.organisation, organisation), (.city, city)] {
                var sheet = PreConfirmation(side: side)
                sheet.answers = [
                    "purpose": purpose, "target": "事業の対象地区の住民",
                    "contribution": side == .organisation ? "担い手と運営のノウハウ" : "会場と広報",
                    "concerns": "参加者の安全確保", "sharing": "月1回の定例打合せとメール",
                ]
                sheet.submitted = true
                _ = try AgreementStore.saveSheet(db, sourceType: type, sourceID: id, sheet, now: now)
            }
        }
        @discardableResult
        func agreement(
            _ type: String, _ id: Int64, steps: [(AgreementAction, Agreement.Status, Agreement.Status)],
            revise: ((inout Agreement) -> Void)? = nil
        ) throws -> Int64 {
            guard let source = try AgreementSource.load(db, type: type, id: id) else { return 0 }
            var a = Agreement()
            a.sourceType = type; a.sourceID = id; a.organisationID = source.organisationID;
            a.departmentID = source.departments.first?.id
            a.title = source.title; a.periodFrom = source.periodFrom ?? "2026-06-01";
            a.periodTo = source.periodTo ?? "2027-03-15"
            a.text = [
                "purpose": source.purpose, "content": source.content,
                "role_organisation": source.roleOrganisation.isEmpty ? "事業の企画と運営" : source.roleOrganisation,
                "role_department": source.roleCity.isEmpty ? "会場の確保と広報" : source.roleCity,
                "role_office": "協働の進行管理と相談対応",
                "risk": "事業の実施に伴う事故の責任は、その原因を生じさせた者が負う。", "insurance": "乙は、参加者を対象とする傷害保険に加入する。",
                "reporting": "乙は、事業の終了後30日以内に実績報告書を甲に提出する。", "disclosure": "甲は、この協定及び事業の成果を公開することができる。",
                "ownership": "事業により生じた成果物の著作権は、甲乙の共有とする。", "termination": "甲又は乙が協定に違反したときは、相手方は協定を解除できる。",
                "amendment": "協定の内容は、甲乙の協議により変更できる。", "consultation": "この協定に定めのない事項は、甲乙が協議して定める。",
            ]
            let total = source.expenseTotal
            let cityShare = total.times(1, over: 2) ?? .zero
            a.costs = [.init(item: "事業費", organisation: total.subtracting(cityShare) ?? .zero, city: cityShare)]
            a.reportDates = [.init(dueOn: a.periodTo ?? "2027-03-15", what: "実績報告書")]
            a.id = try AgreementStore.insert(db, a, now: now)
            try AgreementStore.saveVersion(db, id: a.id, version: 1, a.snapshot, now: now)
            try Audit.record(
                db, system, action: "agreement.create", recordType: "agreement", recordID: a.id,
                after: AgreementStore.auditFields(a), now: now)
            if let revise {
                var next = a
                revise(&next)
                next.version = 2
                _ = try AgreementStore.update(db, next, now: now)
                try AgreementStore.saveVersion(db, id: a.id, version: 2, next.snapshot, now: now)
            }
            for (action, from, to) in steps {
                _ = try AgreementStore.setStatus(db, id: a.id, from: from, to: to, now: now)
                try WorkflowStore.record(
                    db, recordType: "agreement", recordID: a.id, action: action.rawValue, from: from.rawValue,
                    to: to.rawValue,
                    actor: system, comment: "", now: now)
                if action == .confirmOrganisation {
                    try AgreementStore.stampConfirmation(db, id: a.id, side: .organisation, by: "団体代表者", now: now)
                }
                if action == .confirmCity {
                    try AgreementStore.stampConfirmation(db, id: a.id, side: .city, by: "担当課長", now: now)
                }
            }
            return a.id
        }
        let toForce: [(AgreementAction, Agreement.Status, Agreement.Status)] = [
            (.negotiate, .draft, .negotiating), (.confirmOrganisation, .negotiating, .orgConfirmed),
            (.confirmCity, .orgConfirmed, .cityConfirmed),
            (.conclude, .cityConfirmed, .inForce),
        ]
        let selected = try ProposalStore.published(db, fiscalYear: nil)
        var count = 0
        for s in selected where s.status == .selected || s.status == .completed {
            try sheets("proposal", s.id, organisation: "買い物に困る高齢者を支える", city: "高齢者の見守りと買い物支援")
            let id = try agreement(
                "proposal", s.id,
                steps: s.status == .completed ? toForce + [(.complete, .inForce, .completed)] : toForce)
            if s.status == .completed { try seedEvaluation(db, agreementID: id, now: now) }
            count += 1
        }
        // A grant's agreement under negotiation, in its second version (the city's share changed).
        if let grant = try db.scalar(
            "SELECT id FROM grant_application WHERE status = 'approved' ORDER BY id LIMIT 1", as: Int64.self)
        {
            try sheets("application", grant, organisation: "子育て中の親子の居場所", city: "子育て家庭の孤立防止")
            try agreement("application", grant, steps: [(.negotiate, .draft, .negotiating)]) { next in
                next.text["content"] = (next.text["content"] ?? "") + "\n公民館に加えて、児童館でも開催する。"
                next.reportDates.append(.init(dueOn: next.periodFrom ?? "2026-06-01", what: "事業計画の詳細"))
            }
            count += 1
        }
        return count
    }

    /// The completed project's evaluation: both retrospectives, the joint sheet, remarks, published.
    static func seedEvaluation(_ db: Database, agreementID: Int64, now: Date) throws {
        let texts: [PreConfirmation.Side: (ratings: [Int], note: String)] = [
            .organisation: ([4, 3, 3, 2, 4, 3, 4], "竹林整備は計画どおり進み、親子の参加も多かった。経費の負担は団体側にやや重かった。"),
            .city: ([4, 3, 4, 4, 4, 3, 4], "里山の景観が目に見えて回復した。広報は市報とSNSで十分に行えた。"),
        ]
        for (side, answers) in texts {
            var sheet = Retrospective(side: side)
            for (item, rating) in zip(Evaluation.retrospectiveItems, answers.ratings) {
                sheet.answers[item] = .init(rating: rating, text: answers.note)
            }
            sheet.submitted = true
            _ = try EvaluationStore.saveSheet(db, agreementID: agreementID, stage: .final, sheet, now: now)
        }
        let checks = Evaluation.checklistItems.enumerated().map {
            i, item -> (item: String, answer: Evaluation.Answer?, note: String) in
            (item, i % 7 == 3 ? .partly : .yes, "")
        }
        try EvaluationStore.saveChecks(db, agreementID: agreementID, checks, by: "kyodo seed-demo", now: now)
        try EvaluationStore.setRemarks(
            db, agreementID: agreementID, stage: .final,
            "双方の評価はおおむね一致した。経費分担の見直しを次年度の協定に反映することが望ましい。")
        _ = try EvaluationStore.setStatus(
            db, agreementID: agreementID, stage: .final, from: .draft, to: .published, now: now)
        try WorkflowStore.record(
            db, recordType: "evaluation_final", recordID: agreementID, action: "publish", from: "draft",
            to: "published",
            actor: .system("kyodo seed-demo"), comment: "", now: now)
    }
}
