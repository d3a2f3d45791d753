import HTTP

/// Who may see and fill a project's evaluation: its two parties fill their own retrospective and
/// the joint sheet; the office adds remarks and publishes; once published, everyone reads it.
/// Neither side reads the other's retrospective before both are in.
enum EvaluationPolicy {
    static func load(_ c: RequestContext) throws -> EvaluationCase? {
        guard let x = try AgreementPolicy.loadAgreement(c) else { return nil }
        // A form names its stage in a field; a page in the query (?stage=mid), the final one by default.
        let text = c.request.method == "GET" ? c.request.query["stage"] : try c.request.form()["stage"]
        let stage = Evaluation.Stage(rawValue: text ?? "") ?? .final
        return try c.services.database.read { try EvaluationStore.load($0, agreement: x, stage: stage) }
    }

    /// Evaluation starts once the agreement is in force.
    static func isOpen(_ e: EvaluationCase) -> Bool { [.inForce, .completed].contains(e.agreement.agreement.status) }

    static let view = RecordRule.record("evaluation.view", load: load) { p, e in
        e.status == .published || (isOpen(e) && AgreementPolicy.isParty(p, e.agreement.source))
    }
    static let party = RecordRule.record("evaluation.party", load: load) { p, e in
        isOpen(e) && AgreementPolicy.isParty(p, e.agreement.source)
    }
    static let office = RecordRule.record("evaluation.office", load: load) { p, e in isOpen(e) && p.isOffice }
}

enum EvaluationAction: String, WorkflowAction {
    case publish
}

/// An evaluation is published by the office once both retrospectives are in.
enum EvaluationWorkflow {
    typealias Flow = Workflow<EvaluationCase, Evaluation.Status, EvaluationAction>

    /// One engine per stage: the record is the agreement, the history says which stage.
    static func workflow(_ stage: Evaluation.Stage) -> Flow {
        Flow(
            recordType: "evaluation_\(stage.rawValue)",
            transitions: [
                .init(
                    .publish, from: [.draft], to: .published, labelKey: "evaluation.publish",
                    allowed: { p, _ in p.isOffice },
                    guards: [{ e, _, _ in e.bothSubmitted ? nil : "evaluation.error.notBoth" }])
            ],
            load: { db, id in
                guard let a = try AgreementStore.find(db, id: id),
                    let s = try AgreementSource.load(db, type: a.sourceType, id: a.sourceID)
                else {
                    return nil
                }
                return try EvaluationStore.load(db, agreement: AgreementCase(agreement: a, source: s), stage: stage)
            },
            state: { $0.status },
            id: { $0.agreement.agreement.id },
            setState: { db, id, from, to, now in
                try EvaluationStore.setStatus(db, agreementID: id, stage: stage, from: from, to: to, now: now)
            })
    }
}
