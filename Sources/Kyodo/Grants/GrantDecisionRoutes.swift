import HTTP
import Templating

/// 交付決定 (with the granted amount and conditions) or 不交付 (with a reason). The amounts
/// granted under a call may never exceed its budget ceiling; the check runs inside the same
/// write transaction as the decision, so two decisions at once cannot both slip under it.
enum GrantDecisionRoutes {
    static func register(in routes: inout RouteTable) {
        routes.post("/applications/:id/decision", .roles([.staff, .admin]), decide)
    }

    static func decide(_ c: RequestContext) throws -> Response {
        let g = try GrantRoutes.load(c)
        let form = FormState(try c.request.form(), fields: ["decision", "grantedAmount", "conditions", "reason"])
        let decision = form["decision"]
        guard decision == "approve" || decision == "reject" else { throw HTTPError(.badRequest, message: c.t("application.error.decision")) }
        var amount = Yen.zero
        if decision == "approve" {
            guard case .success(let n)? = Yen.parse(form["grantedAmount"]), n > .zero else {
                throw HTTPError(.unprocessableContent, message: c.t("application.error.grantedAmount"))
            }
            guard n <= (g.application.requestedAmount ?? .zero) else { throw HTTPError(.unprocessableContent, message: c.t("application.error.overRequested")) }
            amount = n
        }
        try GrantWorkflow.workflow.take(decision, on: g, comment: decision == "reject" ? form["reason"] : form["conditions"], c, check: { db in
            guard decision == "approve", let ceiling = g.call.budgetCeiling else { return }
            let remaining = ceiling.remaining(after: try GrantStore.grantedTotal(db, callID: g.call.id))
            guard amount <= remaining else {
                throw HTTPError(.conflict, message: c.t("application.error.overCeiling", [NumberFormat.yen(remaining.int)]))
            }
        }) { db, t in
            try GrantStore.setStatus(db, id: g.application.id, GrantApplication.Status(rawValue: t.to) ?? .accepted, now: c.now)
            if decision == "approve" {
                try GrantStore.recordGrant(db, id: g.application.id, amount: amount, conditions: form["conditions"], now: c.now)
            }
        }
        return c.redirect(to: "/applications/\(g.application.id)", flash: "application.flash.decided")
    }

    /// What the decision panel shows staff: how much of the budget is left.
    static func panel(_ g: GrantCase, _ c: RequestContext) throws -> TemplateValue {
        guard c.principal.isOffice, g.application.status == .accepted else { return .null }
        let granted = try c.services.database.read { try GrantStore.grantedTotal($0, callID: g.call.id) }
        return ["ceiling": TemplateValue(g.call.budgetCeiling), "granted": TemplateValue(granted),
                "remaining": TemplateValue(g.call.budgetCeiling.map { $0.remaining(after: granted) }),
                "requested": TemplateValue(g.application.requestedAmount)]
    }
}
