import HTTP
import SQLite
import Templating

/// 交付決定 (with the granted amount and conditions) or 不交付 (with a reason): the only way to the
/// `approve` and `reject` transitions, which the workflow marks as taken through this form. The
/// amounts granted under a call may never exceed its budget ceiling; the check runs inside the same
/// write transaction as the decision, so two decisions at once cannot both slip under it.
enum GrantDecisionRoutes {
    static func register(in routes: inout RouteTable) {
        routes.post("/applications/:id/decision", .record(GrantPolicy.decide), decide)
    }

    /// The ceiling would be passed; carries what is left, for the message next to the amount.
    struct OverCeiling: Error { let remaining: Yen }

    static func decide(_ c: RequestContext) throws -> Response {
        let g = try GrantRoutes.load(c)
        var form = FormState(try c.request.form(), fields: ["decision", "grantedAmount", "conditions", "reason"])
        guard let decision = GrantAction(rawValue: form["decision"]), decision == .approve || decision == .reject else {
            throw HTTPError(.badRequest, message: c.t("application.error.decision"))
        }
        var amount = Yen.zero
        if decision == .approve {
            if let n = form.yen("grantedAmount", c) {
                if n == .zero { form.add("grantedAmount", c.t("application.error.grantedAmount")) }
                else if n > (g.application.requestedAmount ?? .zero) { form.add("grantedAmount", c.t("application.error.overRequested")) }
                amount = n
            } else {
                form.add("grantedAmount", c.t("application.error.grantedAmount"))
            }
        } else if form["reason"].isEmpty {
            form.add("reason", c.t("workflow.error.comment"))
        }
        func again(_ status: HTTPStatus) throws -> Response {
            try GrantRoutes.page(c, g, entered: .init(action: decision.rawValue, form: form), status: status)
        }
        guard form.isValid else { return try again(.unprocessableContent) }
        do {
            try GrantWorkflow.workflow.take(decision, id: g.application.id, comment: decision == .reject ? form["reason"] : form["conditions"],
                                            entry: .form, c) { db, fresh, _ in
                guard decision == .approve else { return }
                if let ceiling = fresh.call.budgetCeiling {
                    let remaining = ceiling.remaining(after: try GrantStore.grantedTotal(db, callID: fresh.call.id))
                    guard amount <= remaining else { throw OverCeiling(remaining: remaining) }
                }
                try GrantStore.recordGrant(db, id: fresh.application.id, amount: amount, conditions: form["conditions"], now: c.now)
            }
        } catch let over as OverCeiling {
            form.add("grantedAmount", c.t("application.error.overCeiling", [NumberFormat.yen(over.remaining.int)]))
            return try again(.conflict)
        }
        return c.redirect(to: "/applications/\(g.application.id)", flash: "application.flash.decided")
    }

    /// What the decision panel shows staff: how much of the budget is left, and what was typed.
    static func panel(_ g: GrantCase, _ c: RequestContext, entered: GrantRoutes.ActionEntry?) throws -> ApplicationPage.Decision? {
        guard GrantPolicy.canDecide(c.principal, g.application), g.application.status == .accepted else { return nil }
        let granted = try c.services.database.read { try GrantStore.grantedTotal($0, callID: g.call.id) }
        let form = entered?.form ?? FormState()
        return .init(ceiling: g.call.budgetCeiling, granted: granted, remaining: g.call.budgetCeiling.map { $0.remaining(after: granted) },
                     grantedAmount: entered != nil ? form["grantedAmount"] : g.application.requestedAmount?.description ?? "",
                     conditions: form["conditions"], reason: form["reason"], amountError: form.error(for: "grantedAmount"),
                     reasonError: form.error(for: "reason"))
    }
}
