import HTTP
import Templating

/// Editing a profile (members and the office), with each field's public/private switch; every
/// save is audited, and the history panel shows what changed. A returned registration is
/// corrected here and sent back to the office.
enum ProfileRoutes {
    static func register(in routes: inout RouteTable) {
        routes.get("/organisations/:id/edit", .record(OrganisationPolicy.edit), showEditForm)
        routes.post("/organisations/:id/edit", .record(OrganisationPolicy.edit), updateProfile)
        routes.post("/organisations/:id/resubmit", .record(OrganisationPolicy.edit), resubmit)
        routes.post("/organisations/:id/activity", .record(OrganisationPolicy.activity), changeActivity)
    }

    static func page(_ c: RequestContext, _ org: Organisation, _ form: FormState, status: HTTPStatus = .ok) throws -> Response {
        let history = try c.services.database.read { try AuditStore.history($0, recordType: "organisation", recordID: org.id) }
        return try c.render(ProfilePage(
            form: c.formView(form, try OrganisationForm.fields(c)),
            org: .init(id: org.id, name: org.name, status: c.t(org.status.messageKey), returned: org.status == .returned,
                       returnReason: org.returnReason, active: org.status == .active, inactive: org.status == .inactive),
            canChangeActivity: OrganisationPolicy.canChangeActivity(c.principal, org), history: HistoryPanel.data(history, c)),
            status: status)
    }

    static func showEditForm(_ c: RequestContext) throws -> Response {
        let org = try c.record(Organisation.self)
        return try page(c, org, OrganisationForm(org).state)
    }

    static func updateProfile(_ c: RequestContext) throws -> Response {
        let org = try c.record(Organisation.self)
        let (form, validated) = try OrganisationForm.submitted(c, into: org)
        guard let updated = validated else { return try page(c, org, form, status: .unprocessableContent) }
        try c.services.database.write { db in
            try OrganisationStore.update(db, updated, now: c.now)
            try Audit.record(db, c.actor, action: "organisation.update", recordType: "organisation", recordID: org.id,
                             before: OrganisationStore.auditFields(org), after: OrganisationStore.auditFields(updated), now: c.now)
        }
        return c.redirect(to: "/organisations/\(org.id)/edit", flash: "organisation.flash.saved")
    }

    /// 差戻し → 申請中: the corrected registration goes back to the office.
    static func resubmit(_ c: RequestContext) throws -> Response {
        let org = try c.record(Organisation.self)
        try OrganisationWorkflow.perform(.resubmit, on: org, c)
        return c.redirect(to: "/organisations/\(org.id)", flash: "registration.flash.submitted")
    }

    /// 休止 and back to 登録済: kept, hidden from the default directory view.
    static func changeActivity(_ c: RequestContext) throws -> Response {
        let org = try c.record(Organisation.self)
        try OrganisationWorkflow.perform(org.status == .inactive ? .reactivate : .deactivate, on: org, c)
        return c.redirect(to: "/organisations/\(org.id)/edit", flash: "organisation.flash.saved")
    }
}
