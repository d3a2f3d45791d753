import Foundation
import HTTP
import Templating

/// The joint evaluation of a collaboration project: each side's retrospective, compared once both
/// are in (differences marked, rating gaps of 2 or more highlighted), the office's remarks and
/// publication, and the 25-item evaluation sheet filled jointly, with per-group scores.
enum EvaluationRoutes {
    static func register(in routes: inout RouteTable) {
        routes.get("/agreements/:id/evaluation", .publicRecord(EvaluationPolicy.view), show)
        routes.post("/agreements/:id/retrospective", .record(EvaluationPolicy.party), saveRetrospective)
        routes.post("/agreements/:id/checklist", .record(EvaluationPolicy.party), saveChecklist)
        routes.post("/agreements/:id/evaluation/remarks", .record(EvaluationPolicy.office), saveRemarks)
        routes.post("/agreements/:id/evaluation/transitions/:action", .record(EvaluationPolicy.office), transition)
    }

    static func side(_ c: RequestContext, _ e: EvaluationCase) -> PreConfirmation.Side? {
        PreConfirmationRoutes.side(c.principal, e.agreement.source)
    }

    static func options(_ selected: String, _ values: [(String, String)], prefix: String) -> [FieldWidget.Option] {
        values.enumerated().map { i, v in
            .init(value: v.0, label: v.1, selected: v.0 == selected, optionID: "\(prefix)-\(i)")
        }
    }

    static func page(
        _ c: RequestContext, _ e: EvaluationCase, form: FormState? = nil, status: HTTPStatus = .ok
    ) throws -> Response {
        let party = AgreementPolicy.isParty(c.principal, e.agreement.source)
        let mySide = party ? side(c, e) : nil
        let own = e.sheets.first { $0.side == mySide }
        let org = e.sheets.first { $0.side == .organisation }, city = e.sheets.first { $0.side == .city }
        let ratings = [("", c.t("form.choose"))] + (1...4).map { (String($0), c.t("evaluation.rating.\($0)")) }
        let state = form ?? FormState()
        let inputs = Evaluation.retrospectiveItems.map { item -> EvaluationPage.Input in
            let saved = own?.answers[item]
            let rating = form != nil ? state["\(item)Rating"] : saved?.rating.map(String.init) ?? ""
            return .init(
                item: item, label: c.t("evaluation.item.\(item)"),
                options: options(rating, ratings, prefix: "f-\(item)Rating"),
                text: form != nil ? state["\(item)Text"] : saved?.text ?? "", error: state.error(for: "\(item)Rating"))
        }
        // Neither side reads the other's answers before both are in.
        let compared =
            e.bothSubmitted
            ? Evaluation.retrospectiveItems.map { item -> EvaluationPage.Compared in
                let a = org?.answers[item], b = city?.answers[item]
                let gap = abs((a?.rating ?? 0) - (b?.rating ?? 0))
                return .init(
                    label: c.t("evaluation.item.\(item)"), organisationRating: a?.rating,
                    organisationText: a?.text ?? "",
                    cityRating: b?.rating, cityText: b?.text ?? "", differs: a?.rating != b?.rating, farApart: gap >= 2)
            } : []
        let answers = [("", c.t("form.choose"))] + Evaluation.Answer.allCases.map { ($0.rawValue, c.t($0.messageKey)) }
        let groups = Evaluation.checklistGroups.map { g -> EvaluationPage.Group in
            let checks = (1...g.count).map { n -> EvaluationPage.Check in
                let item = "\(g.group)\(n)"
                let saved = e.checks[item]
                return .init(
                    item: item, number: n, label: c.t("evaluation.check.\(item)"),
                    options: options(saved?.answer?.rawValue ?? "", answers, prefix: "f-\(item)"),
                    answer: saved?.answer.map { c.t($0.messageKey) } ?? "", note: saved?.note ?? "")
            }
            let score = (1...g.count).reduce(0) { $0 + (e.checks["\(g.group)\($1)"]?.answer?.points ?? 0) }
            return .init(name: c.t("evaluation.group.\(g.group)"), score: score, maximum: g.count * 2, checks: checks)
        }
        return try c.render(
            EvaluationPage(
                id: e.agreement.agreement.id, title: e.agreement.agreement.title, stage: c.t(e.stage.messageKey),
                stageCode: e.stage.rawValue,
                stages: Evaluation.Stage.allCases.map {
                    .init(code: $0.rawValue, label: c.t($0.messageKey), current: $0 == e.stage)
                },
                published: e.status == .published, publishedAt: e.publishedAt, party: party,
                office: c.principal.isOffice,
                side: mySide.map { c.t($0.messageKey) }, organisationSubmitted: org?.submitted ?? false,
                citySubmitted: city?.submitted ?? false,
                canFill: mySide != nil && !(own?.submitted ?? false) && e.status == .draft, inputs: inputs,
                compared: compared, remarks: e.remarks,
                groups: groups, canPublish: c.principal.isOffice && e.status == .draft && e.bothSubmitted,
                errors: state.errors.map { .init(field: $0.field, message: $0.message) }), status: status)
    }

    static func show(_ c: RequestContext) throws -> Response { try page(c, try c.record(EvaluationCase.self)) }

    static func back(_ e: EvaluationCase) -> String {
        "/agreements/\(e.agreement.agreement.id)/evaluation?stage=\(e.stage.rawValue)"
    }

    static func saveRetrospective(_ c: RequestContext) throws -> Response {
        let e = try c.record(EvaluationCase.self)
        guard let mySide = side(c, e) else { throw HTTPError(.notFound) }
        let items = Evaluation.retrospectiveItems
        var form = FormState(try c.request.form(), fields: items.flatMap { ["\($0)Rating", "\($0)Text"] } + ["intent"])
        let submitting = form["intent"] == "submit"
        var sheet = Retrospective(side: mySide)
        for item in items {
            let rating = form.integer("\(item)Rating", in: 1...4, required: submitting, c)
            let text = form.text("\(item)Text", max: 4_000, c) ?? ""
            sheet.answers[item] = .init(rating: rating, text: text)
        }
        sheet.submitted = submitting
        guard form.isValid else { return try page(c, e, form: form, status: .unprocessableContent) }
        try c.services.database.write { db in
            guard
                try EvaluationStore.saveSheet(
                    db, agreementID: e.agreement.agreement.id, stage: e.stage, sheet, now: c.now)
            else {
                throw HTTPError(.conflict, message: c.t("evaluation.error.submitted"))
            }
            try Audit.record(
                db, c.actor, action: submitting ? "retrospective.submit" : "retrospective.save",
                recordType: "agreement",
                recordID: e.agreement.agreement.id,
                after: ["stage": .string(e.stage.rawValue), "side": .string(mySide.rawValue)],
                now: c.now)
        }
        return c.redirect(to: back(e), flash: submitting ? "evaluation.flash.submitted" : "evaluation.flash.saved")
    }

    static func saveChecklist(_ c: RequestContext) throws -> Response {
        let e = try c.record(EvaluationCase.self)
        let items = Evaluation.checklistItems
        var form = FormState(try c.request.form(), fields: items + items.map { "\($0)Note" })
        var checks: [(item: String, answer: Evaluation.Answer?, note: String)] = []
        for item in items {
            let answer = form[item].isEmpty ? nil : form.choice(item, Evaluation.Answer.self, c)
            checks.append((item, answer, form.text("\(item)Note", max: 1_000, c) ?? ""))
        }
        guard form.isValid else { return try page(c, e, status: .unprocessableContent) }
        guard e.status == .draft else { throw HTTPError(.conflict, message: c.t("evaluation.error.published")) }
        try c.services.database.write { db in
            try EvaluationStore.saveChecks(
                db, agreementID: e.agreement.agreement.id, checks, by: c.actor.label, now: c.now)
            try Audit.record(
                db, c.actor, action: "evaluation.checklist", recordType: "agreement",
                recordID: e.agreement.agreement.id,
                after: [
                    "answers": .string(checks.map { "\($0.item)=\($0.answer?.rawValue ?? "-")" }.joined(separator: ","))
                ], now: c.now)
        }
        return c.redirect(to: back(e) + "#checklist", flash: "evaluation.flash.checklist")
    }

    static func saveRemarks(_ c: RequestContext) throws -> Response {
        let e = try c.record(EvaluationCase.self)
        var form = FormState(try c.request.form(), fields: ["remarks"])
        guard let remarks = form.text("remarks", max: 4_000, c) else {
            return try page(c, e, form: form, status: .unprocessableContent)
        }
        try c.services.database.write { db in
            try EvaluationStore.setRemarks(db, agreementID: e.agreement.agreement.id, stage: e.stage, remarks)
            try Audit.record(
                db, c.actor, action: "evaluation.remarks", recordType: "agreement", recordID: e.agreement.agreement.id,
                before: ["remarks": .string(e.remarks)], after: ["remarks": .string(remarks)], now: c.now)
        }
        return c.redirect(to: back(e), flash: "evaluation.flash.remarks")
    }

    static func transition(_ c: RequestContext) throws -> Response {
        let e = try c.record(EvaluationCase.self)
        let flow = EvaluationWorkflow.workflow(e.stage)
        let action = try flow.action(c)
        try c.services.database.write {
            try EvaluationStore.ensure($0, agreementID: e.agreement.agreement.id, stage: e.stage)
        }
        try flow.take(action, id: e.agreement.agreement.id, c)
        return c.redirect(to: back(e), flash: "evaluation.flash.published")
    }
}
