import Foundation
import HTTP
import Templating

/// The city side of a proposal: each partner department's opinion (担当課協議), the presentation
/// slot of 公開審査, and the office's decision (採択 with conditions / 不採択 with reason), recorded
/// with the council's result until the reviews feature scores proposals.
enum ProposalReviewRoutes {
    static func register(in routes: inout RouteTable) {
        routes.post("/proposals/:id/opinion", .record(ProposalPolicy.opinion), saveOpinion)
        routes.post("/proposals/:id/presentation", .record(ProposalPolicy.decide), savePresentation)
        routes.post("/proposals/:id/decision", .record(ProposalPolicy.decide), decide)
    }

    static func opinionFields(_ c: RequestContext) -> [FieldView] {
        [
            FieldView(
                "verdict", label: c.t("opinion.verdict"),
                kind: .select(
                    [("", c.t("form.choose"))]
                        + ProposalOpinion.Verdict.allCases.map { ($0.rawValue, c.t($0.messageKey)) }),
                required: true),
            FieldView("reasons", label: c.t("opinion.reasons"), kind: .textarea, required: true),
            FieldView("changes", label: c.t("opinion.changes"), kind: .textarea, hint: c.t("opinion.changesHint")),
        ]
    }

    static func presentationFields(_ c: RequestContext) -> [FieldView] {
        [
            FieldView("date", label: c.t("proposal.presentationDate"), kind: .input(type: "date"), required: true),
            FieldView("time", label: c.t("proposal.presentationTime"), kind: .input(type: "time"), required: true),
            FieldView("place", label: c.t("proposal.presentationPlace"), required: true),
            FieldView("order", label: c.t("proposal.presentationOrder"), kind: .input(type: "number")),
        ]
    }

    static func decisionFields(_ c: RequestContext) -> [FieldView] {
        [
            FieldView(
                "decision", label: c.t("proposal.decision"),
                kind: .select([
                    ("", c.t("form.choose")), ("select", c.t("proposal.action.select")),
                    ("reject", c.t("proposal.action.reject")),
                ]),
                required: true),
            FieldView(
                "councilResult", label: c.t("proposal.councilResult"), kind: .textarea, required: true,
                hint: c.t("proposal.councilResultHint")),
            FieldView(
                "conditions", label: c.t("proposal.conditionsOrReason"), kind: .textarea,
                hint: c.t("proposal.conditionsHint")),
        ]
    }

    /// HH:MM in Tokyo time.
    static func time(_ date: Date) -> String {
        let d = JapaneseCalendar.tokyo(date)
        return String(format: "%02d:%02d", d.hour, d.minute)
    }

    static func saveOpinion(_ c: RequestContext) throws -> Response {
        let x = try c.record(ProposalCase.self)
        guard let own = c.principal.departmentID else { throw HTTPError(.notFound) }
        var form = FormState(try c.request.form(), fields: ["verdict", "reasons", "changes"])
        let verdict = form.choice("verdict", ProposalOpinion.Verdict.self, c)
        let reasons = form.text("reasons", max: 4_000, required: true, c)
        let changes = form.text("changes", max: 4_000, c) ?? ""
        if verdict == .conditional && changes.isEmpty { form.add("changes", c.t("opinion.error.changesRequired")) }
        guard form.isValid, let verdict, let reasons else {
            return try ProposalRoutes.page(
                c, x, entered: .init(form: "opinion", state: form), status: .unprocessableContent)
        }
        try c.services.database.write { db in
            // The state is read again inside the write: an opinion cannot land after consultation ended.
            guard try ProposalStore.status(db, id: x.proposal.id) == .consultation else {
                throw HTTPError(.conflict, message: c.t("opinion.error.closed"))
            }
            try ProposalStore.saveOpinion(
                db, proposalID: x.proposal.id, departmentID: own, verdict: verdict, reasons: reasons,
                changes: changes, actor: c.actor, now: c.now)
            try Audit.record(
                db, c.actor, action: "proposal.opinion", recordType: "proposal", recordID: x.proposal.id,
                after: [
                    "department": .int(own), "verdict": .string(verdict.rawValue), "reasons": .string(reasons),
                    "changes": .string(changes),
                ], now: c.now)
        }
        return c.redirect(to: "/proposals/\(x.proposal.id)", flash: "opinion.flash.saved")
    }

    static func savePresentation(_ c: RequestContext) throws -> Response {
        let x = try c.record(ProposalCase.self)
        var form = FormState(try c.request.form(), fields: ["date", "time", "place", "order"])
        let day = form.date("date", required: true, c)
        let place = form.text("place", max: 200, required: true, c)
        let order = form.integer("order", in: 1...999, c)
        var at: Date?
        let parts = Normalize.digits(form["time"]).split(separator: ":").compactMap { Int($0) }
        if form["time"].isEmpty {
            form.add("time", c.t("form.error.required"))
        } else if parts.count >= 2, (0...23).contains(parts[0]), (0...59).contains(parts[1]) {
            at = day.map { JapaneseCalendar.startOfDay($0).addingTimeInterval(Double(parts[0] * 3600 + parts[1] * 60)) }
        } else {
            form.add("time", c.t("proposal.error.time"))
        }
        guard form.isValid, let at, let place else {
            return try ProposalRoutes.page(
                c, x, entered: .init(form: "presentation", state: form), status: .unprocessableContent)
        }
        try c.services.database.write { db in
            guard let status = try ProposalStore.status(db, id: x.proposal.id),
                status == .consultation || status == .review
            else {
                throw HTTPError(.conflict, message: c.t("workflow.error.state"))
            }
            try ProposalStore.setPresentation(db, id: x.proposal.id, at: at, place: place, order: order, now: c.now)
            try Audit.record(
                db, c.actor, action: "proposal.presentation", recordType: "proposal", recordID: x.proposal.id,
                before: [
                    "presentation_at": AuditValue(x.proposal.presentationAt.map(ISO8601Local.tokyo)),
                    "place": .string(x.proposal.presentationPlace),
                ],
                after: [
                    "presentation_at": .string(ISO8601Local.tokyo(at)), "place": .string(place),
                    "order": AuditValue(order),
                ],
                now: c.now)
        }
        return c.redirect(to: "/proposals/\(x.proposal.id)", flash: "proposal.flash.scheduled")
    }

    static func decide(_ c: RequestContext) throws -> Response {
        let x = try c.record(ProposalCase.self)
        var form = FormState(try c.request.form(), fields: ["decision", "councilResult", "conditions"])
        let decision = form["decision"]
        if decision != "select" && decision != "reject" { form.add("decision", c.t("form.error.choice")) }
        let result = form.text("councilResult", max: 4_000, required: true, c)
        let conditions = form.text("conditions", max: 4_000, c) ?? ""
        if decision == "reject" && conditions.isEmpty { form.add("conditions", c.t("proposal.error.reasonRequired")) }
        guard form.isValid, let result, let action = ProposalAction(rawValue: decision) else {
            return try ProposalRoutes.page(
                c, x, entered: .init(form: "decision", state: form), status: .unprocessableContent)
        }
        let comment =
            action == .reject
            ? conditions
            : (conditions.isEmpty ? result : result + "\n" + c.t("proposal.conditions") + ": " + conditions)
        try ProposalWorkflow.workflow.take(action, id: x.proposal.id, comment: comment, entry: .form, c) { db, _, _ in
            try ProposalStore.recordDecision(
                db, id: x.proposal.id, councilResult: result, conditions: conditions, now: c.now)
        }
        return c.redirect(to: "/proposals/\(x.proposal.id)", flash: "proposal.flash.decided")
    }
}
