import HTTP
import SQLite
import Templating

/// 事務局's side: every organisation in every state, the verification queue (登録済 or 差戻し
/// with a reason), counter registrations, and the CSV export of the filtered list.
enum StaffOrganisationRoutes {
    static let office: Access = .roles([.staff, .admin])

    static func register(in routes: inout RouteTable) {
        routes.get("/staff/organisations", office, listOrganisations)
        routes.get("/staff/organisations.csv", office, exportOrganisations)
        routes.get("/staff/organisations/new", office, showCounterForm)
        routes.post("/staff/organisations", office, registerAtCounter)
        routes.get("/staff/organisations/:id", .record(OrganisationPolicy.review), showReview)
        routes.post("/staff/organisations/:id/verify", .record(OrganisationPolicy.review), verify)
        routes.post("/staff/organisations/:id/return", .record(OrganisationPolicy.review), returnRegistration)
    }

    static func listOrganisations(_ c: RequestContext) throws -> Response {
        try DirectoryRoutes.list(c, staff: true, template: "organisations/staff-index")
    }

    static func exportOrganisations(_ c: RequestContext) throws -> Response {
        let filter = DirectoryRoutes.filter(c, staff: true)
        let view = try OrganisationView(c)
        let entries = try c.services.database.read { try DirectoryQuery.page($0, filter, limit: 100_000, offset: 0) }
        let header = (OpenDataRoutes.columnKeys + ["organisation.registeredAt"]).map { c.t($0) }
        let rows = entries.map { e -> [String] in
            let o = e.organisation
            return [String(o.id), o.name, o.nameKana, c.t(o.kind.messageKey), c.t(o.status.messageKey),
                    o.activityFields.compactMap { view.fieldNames[$0] }.joined(separator: "・"), o.representativeName, o.contactName, o.email,
                    o.phone, o.address, o.districtCode.flatMap { view.districtNames[$0] } ?? "", o.foundedOn ?? "",
                    o.memberCount.map(String.init) ?? "", o.annualBudget.map(String.init) ?? "", o.summary, o.trackRecord, o.website,
                    ISO8601Local.tokyo(o.createdAt)]
        }
        return CSV.response(CSV.document(header: header, rows: rows), filename: c.t("organisation.csvName") + ".csv")
    }

    static func reviewPage(_ c: RequestContext, _ org: Organisation, _ form: FormState, status: HTTPStatus = .ok) throws -> Response {
        let (members, history, timeline) = try c.services.database.read { db in
            (try MemberStore.members(db, organisationID: org.id), try AuditStore.history(db, recordType: "organisation", recordID: org.id),
             try WorkflowStore.timeline(db, recordType: "organisation", recordID: org.id))
        }
        let reason = FieldView("reason", label: c.t("review.reason"), kind: .textarea, required: true, hint: c.t("review.reasonHint"))
        return try c.render(ReviewPage(
            form: c.formView(form, [reason]), org: try OrganisationView(c).profile(org, full: true),
            canDecide: org.status == .pending || org.status == .returned,
            members: members.map { .init(name: $0.name, email: $0.email, role: c.t("member.role.\($0.role.rawValue)")) },
            history: HistoryPanel.data(history, c), timeline: TimelinePanel.data(timeline, c)), status: status)
    }

    static func showReview(_ c: RequestContext) throws -> Response {
        try reviewPage(c, try c.record(Organisation.self), FormState())
    }

    static func verify(_ c: RequestContext) throws -> Response {
        try OrganisationWorkflow.perform(.verify, on: try c.record(Organisation.self), c)
        return c.redirect(to: "/staff/organisations?status=pending", flash: "review.flash.verified")
    }

    static func returnRegistration(_ c: RequestContext) throws -> Response {
        let org = try c.record(Organisation.self)
        let form = FormState(try c.request.form(), fields: ["reason"])
        do {
            try OrganisationWorkflow.perform(.return, on: org, comment: form["reason"], c)
        } catch let error as HTTPError where error.status == .unprocessableContent {
            var shown = form
            shown.add("reason", c.t("review.error.reasonRequired"))
            return try reviewPage(c, org, shown, status: .unprocessableContent)
        }
        return c.redirect(to: "/staff/organisations?status=pending", flash: "review.flash.returned")
    }

    static func notifyMembers(_ db: Database, _ c: RequestContext, _ org: Organisation, subject: String, body: String, extra: String) throws {
        for email in try MemberStore.emails(db, organisationID: org.id) {
            try Outbox.enqueue(db, to: email, subject: c.t(subject),
                               body: c.t(body, [org.name, extra, "\(c.services.config.baseURL)/organisations/\(org.id)"]), now: c.now)
        }
    }

    static func counterFields(_ c: RequestContext) -> [FieldView] {
        [FieldView("accountName", label: c.t("counter.representativeAccountName"), autocomplete: "off"),
         FieldView("accountEmail", label: c.t("counter.representativeEmail"), kind: .input(type: "email"), hint: c.t("counter.representativeEmailHint"))]
    }

    static func counterPage(_ c: RequestContext, _ form: FormState, status: HTTPStatus = .ok) throws -> Response {
        return try c.render(RegistrationPage(template: "organisations/counter",
                                             form: c.formView(form, try OrganisationForm.fields(c) + counterFields(c)), needsAccount: false),
                            status: status)
    }

    static func showCounterForm(_ c: RequestContext) throws -> Response {
        var form = FormState()
        form.lists["public"] = Array(OrganisationField.defaultPublic)
        form.values["address"] = OrganisationForm.addressPrefill(c)
        return try counterPage(c, form)
    }

    /// A paper application from the counter: registered as 登録済 at once (the office has checked
    /// it), with the representative invited by mail when an address is given.
    static func registerAtCounter(_ c: RequestContext) throws -> Response {
        var (form, validated) = try OrganisationForm.submitted(c, into: Organisation(), extra: ["accountName", "accountEmail"])
        let email = form["accountEmail"]
        if !email.isEmpty {
            AccountValidation.email(&form, "accountEmail", c)
            if form["accountName"].isEmpty { form.add("accountName", c.t("account.error.nameRequired")) }
        }
        guard form.isValid, var org = validated else { return try counterPage(c, form, status: .unprocessableContent) }
        org.status = .active
        let id = try c.services.database.write { db -> Int64 in
            let id = try OrganisationStore.insert(db, org, now: c.now)
            try Audit.record(db, c.actor, action: "organisation.register_at_counter", recordType: "organisation", recordID: id,
                             after: OrganisationStore.auditFields(org).merging(["status": "active"]) { _, n in n }, now: c.now)
            if !email.isEmpty {
                try MemberRoutes.addMember(db, c, org: org.withID(id), email: email, name: form["accountName"], role: .representative)
            }
            return id
        }
        return c.redirect(to: "/staff/organisations/\(id)", flash: "counter.flash.registered")
    }
}

extension Organisation {
    func withID(_ id: Int64) -> Organisation {
        var copy = self
        copy.id = id
        return copy
    }
}
