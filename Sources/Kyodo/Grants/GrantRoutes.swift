import HTTP
import Templating

/// Grant applications: an organisation member starts one for their current organisation, saves
/// drafts, submits when every check passes; the office returns it with reasons or accepts it.
enum GrantRoutes {
    static func register(in routes: inout RouteTable) {
        routes.post("/calls/:id/applications", .organisationMember, startApplication)
        routes.get("/applications/:id", .signedIn, showApplication)
        routes.get("/applications/:id/edit", .signedIn, showEditForm)
        routes.post("/applications/:id/edit", .signedIn, saveDraft)
        routes.post("/applications/:id/transitions/:action", .signedIn, transition)
        routes.get("/my/applications", .organisationMember, listMine)
        routes.get("/staff/calls/:id/applications", .roles([.staff, .admin]), listForCall)
    }

    /// The application and its call, or 404 for anyone but its organisation and the office.
    static func load(_ c: RequestContext) throws -> GrantCase {
        let id = try c.request.parameters.require("id", as: Int64.self)
        guard let found = try c.services.database.read({ db -> GrantCase? in
            guard let a = try GrantStore.find(db, id: id), let call = try CallStore.find(db, id: a.callID) else { return nil }
            return GrantCase(application: a, call: call, attachmentNames: Set(try GrantAttachmentStore.list(db, applicationID: id).map(\.name)))
        }), c.principal.memberships[found.application.organisationID] != nil || c.principal.isOffice else { throw HTTPError(.notFound) }
        return found
    }

    static func startApplication(_ c: RequestContext) throws -> Response {
        let callID = try c.request.parameters.require("id", as: Int64.self)
        guard let orgID = c.currentOrganisationID else { throw HTTPError(.forbidden) }
        let (call, org, existing) = try c.services.database.read { db in
            (try CallStore.find(db, id: callID), try OrganisationStore.find(db, id: orgID), try GrantStore.existing(db, callID: callID, organisationID: orgID))
        }
        guard let call, call.isPublic, call.kind == .grant, let org else { throw HTTPError(.notFound) }
        if let existing { return c.redirect(to: "/applications/\(existing)/edit") }
        guard call.status == .open, c.now < call.closesAt else { throw HTTPError(.conflict, message: c.t("application.check.deadline")) }
        guard org.status == .active else { throw HTTPError(.conflict, message: c.t("application.error.notVerified")) }
        guard call.eligibleKinds.contains(org.kind) else { throw HTTPError(.conflict, message: c.t("application.error.notEligible")) }
        let id = try c.services.database.write { db -> Int64 in
            let id = try GrantStore.create(db, callID: call.id, organisationID: org.id, now: c.now)
            try Audit.record(db, c.actor, action: "application.create", recordType: "application", recordID: id,
                             after: ["call": .int(call.id), "organisation": .int(org.id)], now: c.now)
            return id
        }
        return c.redirect(to: "/applications/\(id)/edit", flash: "application.flash.started")
    }

    static func view(_ g: GrantCase, _ c: RequestContext) -> TemplateValue {
        let a = g.application
        func lines(_ d: GrantApplication.BudgetLine.Direction) -> TemplateValue {
            .list(a.budget.filter { $0.direction == d }.map {
                ["category": .string($0.category), "amount": TemplateValue($0.amount), "eligible": .bool($0.eligible), "note": .string($0.note)]
            })
        }
        return [
            "id": .int(Int(a.id)), "status": .string(c.t(a.status.messageKey)), "editable": .bool(a.isEditable),
            "approved": .bool(a.status == .approved),
            "projectTitle": .string(a.projectTitle), "purpose": .string(a.purpose), "content": .string(a.content),
            "beneficiaries": .string(a.beneficiaries), "place": .string(a.place), "schedule": .string(a.schedule),
            "requestedAmount": TemplateValue(a.requestedAmount), "grantedAmount": TemplateValue(a.grantedAmount), "conditions": .string(a.conditions),
            "income": lines(.income), "expense": lines(.expense),
            "incomeTotal": TemplateValue(a.income), "expenseTotal": TemplateValue(a.expense), "eligibleTotal": TemplateValue(a.eligibleExpense),
            "limit": TemplateValue(g.call.subsidyLimit(eligibleExpense: a.eligibleExpense)), "rate": .string("\(g.call.rateNumerator)/\(g.call.rateDenominator)"),
            "call": CallView.summary(g.call, c).merging(["maxAmount": TemplateValue(g.call.maxAmount)]),
        ]
    }

    static func showApplication(_ c: RequestContext) throws -> Response {
        let g = try load(c)
        let (timeline, org) = try c.services.database.read { db in
            (try WorkflowStore.timeline(db, recordType: "application", recordID: g.application.id), try OrganisationStore.find(db, id: g.application.organisationID))
        }
        let problems = g.application.isEditable ? GrantWorkflow.problems(g, now: c.now) : []
        let (attachments, changes) = try c.services.database.read { db in
            (try GrantAttachmentStore.list(db, applicationID: g.application.id),
             c.principal.isOffice ? try GrantVersionStore.latestChanges(db, applicationID: g.application.id) : nil)
        }
        return try c.render("applications/show", GrantAttachmentRoutes.view(g, attachments, c).merging([
            "changes": changes.map { v in
                ["version": .int(v.version), "items": .list(v.changes.map { ch in
                    ["field": .string(HistoryPanel.fieldLabel(ch.field, c)), "before": .string(ch.before), "after": .string(ch.after)]
                }), "none": .bool(v.changes.isEmpty)]
            } ?? .null,
            "application": view(g, c),
            "organisation": ["id": .int(Int(g.application.organisationID)), "name": .string(org?.name ?? "")],
            "problems": .list(problems.map { .string(c.t($0)) }),
            "decision": try GrantDecisionRoutes.panel(g, c),
            "actions": .list(GrantWorkflow.workflow.available(to: c.principal, on: g).filter { !GrantWorkflow.decisions.contains($0.action) }.map {
                ["action": .string($0.action), "label": .string(c.t($0.labelKey)), "comment": .bool($0.commentRequired),
                 "checklist": .bool(checklistActions.contains($0.action)), "resubmission": .bool($0.action == "return")]
            }),
            "checklistItems": .list(checklist.map { ["value": .string($0), "label": .string(c.t("checklist.\($0)"))] }),
            "timeline": TimelinePanel.data(timeline, c),
        ]) { _, n in n })
    }

    static func formPage(_ c: RequestContext, _ g: GrantCase, _ form: GrantForm, status: HTTPStatus = .ok) throws -> Response {
        let attachments = try c.services.database.read { try GrantAttachmentStore.list($0, applicationID: g.application.id) }
        return try c.render("applications/edit", c.form(form.state, GrantForm.fields(c)).merging([
            "application": view(g, c), "incomeRows": form.rows(.income), "expenseRows": form.rows(.expense),
        ].merging(GrantAttachmentRoutes.view(g, attachments, c)) { _, n in n }) { _, n in n }, status: status)
    }

    static func editable(_ c: RequestContext) throws -> GrantCase {
        let g = try load(c)
        guard c.principal.memberships[g.application.organisationID] != nil else { throw HTTPError(.notFound) }
        guard g.application.isEditable else { throw HTTPError(.conflict, message: c.t("application.error.notEditable")) }
        return g
    }

    static func showEditForm(_ c: RequestContext) throws -> Response {
        let g = try editable(c)
        return try formPage(c, g, GrantForm(g.application))
    }

    static func saveDraft(_ c: RequestContext) throws -> Response {
        let g = try editable(c)
        var form = GrantForm(try c.request.form())
        guard let updated = form.validate(into: g.application, c) else { return try formPage(c, g, form, status: .unprocessableContent) }
        try c.services.database.write { db in
            try GrantStore.update(db, updated, now: c.now)
            try Audit.record(db, c.actor, action: "application.update", recordType: "application", recordID: updated.id,
                             before: GrantStore.auditFields(g.application), after: GrantStore.auditFields(updated), now: c.now)
        }
        return c.redirect(to: "/applications/\(updated.id)/edit", flash: "application.flash.saved")
    }

    /// 形式審査: what staff confirm before accepting; unticked items go into a return's reasons.
    static let checklist = ["form", "budget", "attachments", "eligibility"]
    static let checklistActions: Set<String> = ["accept", "return"]

    static func transition(_ c: RequestContext) throws -> Response {
        let g = try load(c)
        let action = try c.request.parameters.require("action", as: String.self)
        let data = (try? c.request.form()) ?? FormData()
        var comment = (data["comment"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if checklistActions.contains(action) && c.principal.isOffice {
            let ticked = Set(data.all("checked"))
            let missing = checklist.filter { !ticked.contains($0) }
            if action == "accept" && !missing.isEmpty { throw HTTPError(.unprocessableContent, message: c.t("checklist.error.incomplete")) }
            if action == "return" && !comment.isEmpty {
                var lines = [comment]
                if !missing.isEmpty { lines.append(c.t("checklist.unconfirmed") + ": " + missing.map { c.t("checklist.\($0)") }.joined(separator: "、")) }
                if let date = data["resubmitBy"], let day = DateInput.parse(date) {
                    lines.append(c.t("checklist.resubmitBy") + ": " + (c.locale == "ja" ? JapaneseCalendar.japaneseDate(day) : JapaneseCalendar.englishDate(day)))
                }
                comment = lines.joined(separator: "\n")
            }
        }
        try GrantWorkflow.workflow.take(action, on: g, comment: comment, c) { db, t in
            try GrantStore.setStatus(db, id: g.application.id, GrantApplication.Status(rawValue: t.to) ?? .draft, now: c.now)
            if t.to == "submitted" {
                // Every submission is kept as sent, for the completeness check's comparison.
                let names = try GrantAttachmentStore.list(db, applicationID: g.application.id).map { "\($0.name): \($0.filename)" }
                try GrantVersionStore.snapshot(db, g.application, attachments: names, now: c.now)
            }
        }
        return c.redirect(to: "/applications/\(g.application.id)", flash: "application.flash.moved")
    }

    static func listMine(_ c: RequestContext) throws -> Response {
        let rows = try c.services.database.read { db -> [TemplateValue] in
            try c.principal.memberships.keys.sorted().flatMap { orgID in
                try GrantStore.forOrganisation(db, organisationID: orgID).map { a -> TemplateValue in
                    let call = try CallStore.find(db, id: a.callID)
                    return ["id": .int(Int(a.id)), "title": .string(a.projectTitle.isEmpty ? c.t("application.untitled") : a.projectTitle),
                            "call": .string(call?.title ?? ""), "status": .string(c.t(a.status.messageKey))]
                }
            }
        }
        return try c.render("applications/mine", ["applications": .list(rows), "hasApplications": .bool(!rows.isEmpty)])
    }

    static func listForCall(_ c: RequestContext) throws -> Response {
        let callID = try c.request.parameters.require("id", as: Int64.self)
        let (call, applications) = try c.services.database.read { db in
            (try CallStore.find(db, id: callID), try GrantStore.summaries(db, callID: callID))
        }
        guard let call else { throw HTTPError(.notFound) }
        let counts = GrantApplication.Status.allCases.compactMap { status -> TemplateValue? in
            let n = applications.filter { $0.status == status }.count
            return n == 0 ? nil : ["status": .string(c.t(status.messageKey)), "count": .int(n), "code": .string(status.rawValue)]
        }
        let filter = c.request.query["status"].flatMap(GrantApplication.Status.init(rawValue:))
        let shown = applications.filter { filter == nil || $0.status == filter }
        var form = FormState()
        form.values["status"] = filter?.rawValue ?? ""
        return try c.render("applications/staff-index", c.form(form, [
            FieldView("status", label: c.t("application.status"), kind: .select([("", c.t("form.any"))] + GrantApplication.Status.allCases.filter { $0 != .draft }.map { ($0.rawValue, c.t($0.messageKey)) })),
        ]).merging([
            "call": CallView.summary(call, c),
            "grantedTotal": TemplateValue(Yen.total(applications.compactMap(\.granted))),
            "applications": .list(shown.map { a in
                ["id": .int(Int(a.id)), "title": .string(a.projectTitle), "organisation": .string(a.organisationName),
                 "status": .string(c.t(a.status.messageKey)), "requested": TemplateValue(a.requested), "granted": TemplateValue(a.granted)]
            }),
            "counts": .list(counts), "hasApplications": .bool(!shown.isEmpty),
            "requestedTotal": TemplateValue(Yen.total(applications.compactMap(\.requested))),
        ]) { _, n in n })
    }
}
