import Foundation
import HTTP
import Templating

/// A report and the application it belongs to.
public struct ReportCase: Sendable {
    public let grant: GrantCase
    public let report: GrantReport
}

/// 実施報告 → 受理 (or 差戻し) → 額の確定, on the workflow engine. The organisation reports what it
/// spent and achieved; the office accepts it and settles the amount:
/// min(交付決定額, 補助率 × 実績の補助対象経費), rounded down to the yen.
enum ReportAction: String, WorkflowAction {
    case submit, `return`, accept, settle
}

enum GrantReportRoutes {
    static let member: @Sendable (Principal, ReportCase) -> Bool = { p, r in
        GrantPolicy.isMember(p, r.grant.application) && r.grant.application.status == .approved
    }
    static let office: @Sendable (Principal, ReportCase) -> Bool = { p, r in GrantPolicy.canReview(p, r.grant.application) }

    static let workflow = Workflow<ReportCase, GrantReport.Status, ReportAction>(
        recordType: "report",
        transitions: [
            .init(.submit, from: [.none, .returned], to: .submitted, labelKey: "report.action.submit", allowed: member, guards: [{ r, _, _ in
                if r.report.projectEndOn == nil { return "report.check.endDate" }
                if r.report.outcomes.isEmpty { return "report.check.outcomes" }
                return r.report.actuals.contains { $0.direction == .expense } ? nil : "report.check.actuals"
            }]),
            .init(.return, from: [.submitted], to: .returned, labelKey: "report.action.return", commentRequired: true, allowed: office),
            .init(.accept, from: [.submitted], to: .accepted, labelKey: "report.action.accept", allowed: office),
            // 事後評価 sits between 実施報告 and 額の確定: the amount is settled once the council's round is over.
            .init(.settle, from: [.accepted], to: .settled, labelKey: "report.action.settle", allowed: office, guards: [{ r, db, _ in
                try ReviewStore.underEvaluation(db, recordType: "application", recordID: r.grant.application.id, stages: [.post])
                    ? "report.check.underEvaluation" : nil
            }]),
        ],
        load: { db, id in
            guard let g = try GrantStore.findCase(db, id: id) else { return nil }
            return ReportCase(grant: g, report: try GrantReportStore.find(db, applicationID: id))
        },
        state: { $0.report.status },
        id: { $0.grant.application.id },
        setState: { db, id, from, to, now in try GrantReportStore.setStatus(db, applicationID: id, from: from, to: to, now: now) })

    /// Report photos and files are kept with the application's attachments under this name.
    static let fileName = "実施報告"

    static func register(in routes: inout RouteTable, services: AppServices) {
        routes.get("/applications/:id/report", .record(GrantPolicy.report), showReport)
        routes.post("/applications/:id/report", .record(GrantPolicy.writeReport), saveReport)
        routes.post("/applications/:id/report/files", .record(GrantPolicy.writeReport), options: GrantAttachmentRoutes.uploadOptions(services),
                    addFile)
        routes.post("/applications/:id/report/transitions/:action", .record(GrantPolicy.report), transition)
    }

    static func addFile(_ c: RequestContext) throws -> Response {
        let r = try load(c)
        guard editable(r, c) else { throw HTTPError(.conflict, message: c.t("report.error.notEditable")) }
        try GrantAttachmentRoutes.store(c, applicationID: r.grant.application.id, name: fileName) { db in
            guard let fresh = try GrantReportStore.status(db, applicationID: r.grant.application.id), fresh == .none || fresh == .returned else {
                throw HTTPError(.conflict, message: c.t("report.error.notEditable"))
            }
        }
        return c.redirect(to: "/applications/\(r.grant.application.id)/report", flash: "document.flash.uploaded")
    }

    static func load(_ c: RequestContext) throws -> ReportCase { try c.record(ReportCase.self) }

    static func editable(_ r: ReportCase, _ c: RequestContext) -> Bool { GrantPolicy.canWriteReport(c.principal, r.report, of: r.grant.application) }

    static func page(_ c: RequestContext, _ r: ReportCase, _ budget: BudgetRows, outcomes: String, endOn: String, errors: FormState = FormState(),
                     status: HTTPStatus = .ok) throws -> Response {
        let a = r.grant.application, call = r.grant.call
        let actualEligible = r.report.actualEligibleExpense
        let (timeline, files) = try c.services.database.read { db in
            (try WorkflowStore.timeline(db, recordType: "report", recordID: a.id),
             try GrantAttachmentStore.list(db, applicationID: a.id).filter { $0.name == fileName })
        }
        return try c.render(ReportPage(
            application: ApplicationView(r.grant, c),
            report: .init(status: c.t(r.report.status.messageKey), editable: editable(r, c), outcomes: outcomes, endOn: endOn,
                          due: r.report.dueOn.map { JapaneseCalendar.startOfDay($0) }, actualEligible: actualEligible,
                          limit: call.subsidyLimit(eligibleExpense: actualEligible), granted: a.grantedAmount, settled: r.report.settledAmount,
                          expense: r.report.actuals.filter { $0.direction == .expense }.map {
                              .init(category: $0.category, amount: $0.amount, eligible: $0.eligible, note: $0.note)
                          }),
            incomeRows: budget.view(.income, errors), expenseRows: budget.view(.expense, errors),
            files: GrantAttachmentRoutes.items(files), errors: errors.errors.map { .init(field: $0.field, message: $0.message) },
            actions: workflow.buttons(for: c.principal, on: r).map { .init(action: $0.action.rawValue, label: c.t($0.labelKey), comment: $0.commentRequired) },
            timeline: TimelinePanel.data(timeline, c)), status: status)
    }

    static func showReport(_ c: RequestContext) throws -> Response {
        let r = try load(c)
        let budget = BudgetRows(r.report.actuals.isEmpty ? r.grant.application.budget : r.report.actuals)
        return try page(c, r, budget, outcomes: r.report.outcomes, endOn: r.report.projectEndOn ?? "")
    }

    static func saveReport(_ c: RequestContext) throws -> Response {
        let r = try load(c)
        guard editable(r, c) else { throw HTTPError(.conflict, message: c.t("report.error.notEditable")) }
        let data = try c.request.form()
        let budget = BudgetRows(data)
        var errors = FormState()
        for (field, key) in budget.errors { errors.add(field, c.t(key)) }
        let endText = Normalize.digits(data["projectEndOn"] ?? "").trimmingCharacters(in: .whitespaces)
        let end = endText.isEmpty ? nil : DateInput.parse(endText)
        if !endText.isEmpty && end == nil { errors.add("projectEndOn", c.t("form.error.date")) }
        let outcomes = (data["outcomes"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard errors.isValid else { return try page(c, r, budget, outcomes: outcomes, endOn: endText, errors: errors, status: .unprocessableContent) }
        var report = r.report
        report.actuals = budget.lines
        report.outcomes = outcomes
        report.projectEndOn = end.map { String(format: "%04d-%02d-%02d", $0.year, $0.month, $0.day) }
        try c.services.database.write { db in
            // Checked again inside the write: a report submitted a moment ago is not changed after it.
            guard let fresh = try GrantReportStore.status(db, applicationID: report.applicationID), fresh == .none || fresh == .returned else {
                throw HTTPError(.conflict, message: c.t("report.error.notEditable"))
            }
            try GrantReportStore.save(db, report, now: c.now)
            try Audit.record(db, c.actor, action: "report.update", recordType: "report", recordID: r.grant.application.id,
                             after: ["outcomes": .string(outcomes), "project_end_on": AuditValue(report.projectEndOn),
                                     "actual_eligible_expense": AuditValue(report.actualEligibleExpense)], now: c.now)
        }
        return c.redirect(to: "/applications/\(r.grant.application.id)/report", flash: "application.flash.saved")
    }

    static func transition(_ c: RequestContext) throws -> Response {
        let r = try load(c)
        let action = try workflow.action(c)
        let comment = try c.request.form()["comment"] ?? ""
        try workflow.take(action, id: r.grant.application.id, comment: comment, c) { db, fresh, t in
            guard t.to == .settled else { return }
            let settled = GrantReport.settlement(granted: fresh.grant.application.grantedAmount ?? .zero, call: fresh.grant.call,
                                                 actualEligible: fresh.report.actualEligibleExpense)
            try GrantReportStore.setSettled(db, applicationID: fresh.grant.application.id, settled)
        }
        return c.redirect(to: "/applications/\(r.grant.application.id)/report", flash: "application.flash.moved")
    }
}
