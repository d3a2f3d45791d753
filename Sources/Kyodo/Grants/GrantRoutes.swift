import HTTP
import Templating

/// Grant applications: an organisation member starts one for their current organisation, saves
/// drafts, submits when every check passes; the office returns it with reasons or accepts it.
enum GrantRoutes {
    static func register(in routes: inout RouteTable) {
        routes.post("/calls/:id/applications", .organisationMember, startApplication)
        routes.get("/applications/:id", .record(GrantPolicy.view), showApplication)
        routes.get("/applications/:id/edit", .record(GrantPolicy.edit), showEditForm)
        routes.post("/applications/:id/edit", .record(GrantPolicy.edit), saveDraft)
        routes.post("/applications/:id/transitions/:action", .record(GrantPolicy.view), transition)
        routes.get("/my/applications", .organisationMember, listMine)
        routes.get("/staff/calls/:id/applications", .roles([.staff, .admin]), listForCall)
    }

    /// The application the route's rule loaded and allowed.
    static func load(_ c: RequestContext) throws -> GrantCase { try c.record(GrantCase.self) }

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
            // Checked again inside the write: two quick clicks must lead to one application.
            if let existing = try GrantStore.existing(db, callID: call.id, organisationID: org.id) { return existing }
            let id = try GrantStore.create(db, callID: call.id, organisationID: org.id, now: c.now)
            try Audit.record(db, c.actor, action: "application.create", recordType: "application", recordID: id,
                             after: ["call": .int(call.id), "organisation": .int(org.id)], now: c.now)
            return id
        }
        return c.redirect(to: "/applications/\(id)/edit", flash: "application.flash.started")
    }

    static func showApplication(_ c: RequestContext) throws -> Response { try page(c, try load(c)) }

    /// The application page; `entered` re-shows what was typed into a checklist, return or decision
    /// form that could not be taken, with its errors.
    static func page(_ c: RequestContext, _ g: GrantCase, entered: ActionEntry? = nil, status: HTTPStatus = .ok) throws -> Response {
        let (timeline, org, attachments, changes) = try c.services.database.read { db in
            (try WorkflowStore.timeline(db, recordType: "application", recordID: g.application.id),
             try OrganisationStore.find(db, id: g.application.organisationID),
             try GrantAttachmentStore.list(db, applicationID: g.application.id),
             GrantPolicy.canCompareVersions(c.principal, g.application)
                ? try GrantVersionStore.latestChanges(db, applicationID: g.application.id) : nil)
        }
        let problems = g.application.isEditable ? GrantWorkflow.problems(g, now: c.now) : []
        let form = entered?.form ?? FormState()
        let buttons = GrantWorkflow.workflow.buttons(for: c.principal, on: g)
        // 受付 and 差戻し share one 形式審査 form: the checklist once, two buttons.
        let reviewing = Set(buttons.map(\.action)).isSuperset(of: checklistActions)
        let review: ApplicationPage.Review? = reviewing ? {
            let mine = entered.map { checklistActions.map(\.rawValue).contains($0.action) } ?? false
            let ticked = Set(mine ? form.lists["checked"] ?? [] : [])
            return .init(
                checklistItems: checklist.map { .init(value: $0, label: c.t("checklist.\($0)"), checked: ticked.contains($0)) },
                commentValue: mine ? form["comment"] : "", resubmitValue: mine ? form["resubmitBy"] : "",
                checkError: mine ? form.error(for: "checked-accept") ?? form.error(for: "checked-return") : nil,
                commentError: mine ? form.error(for: "comment-return") : nil,
                resubmitError: mine ? form.error(for: "resubmitBy-return") : nil,
                actionError: mine ? form.error(for: "action-accept") ?? form.error(for: "action-return") : nil,
                acceptLabel: c.t("application.action.accept"), returnLabel: c.t("application.action.return"))
        }() : nil
        let actions = buttons.filter { !reviewing || !checklistActions.contains($0.action) }.map { t -> ApplicationPage.Action in
            let mine = entered?.action == t.action.rawValue
            let ticked = Set(mine ? form.lists["checked"] ?? [] : [])
            let name = t.action.rawValue
            return .init(action: name, label: c.t(t.labelKey), comment: t.commentRequired, checklist: checklistActions.contains(t.action),
                         resubmission: t.action == .return,
                         checklistItems: checklist.map { .init(value: $0, label: c.t("checklist.\($0)"), checked: ticked.contains($0)) },
                         commentValue: mine ? form["comment"] : "", resubmitValue: mine ? form["resubmitBy"] : "",
                         checkError: mine ? form.error(for: "checked-\(name)") : nil,
                         commentError: mine ? form.error(for: "comment-\(name)") : nil,
                         resubmitError: mine ? form.error(for: "resubmitBy-\(name)") : nil,
                         actionError: mine ? form.error(for: "action-\(name)") : nil)
        }
        return try c.render(ApplicationPage(
            application: ApplicationView(g, c),
            organisation: .init(id: g.application.organisationID, name: org?.name ?? ""),
            problems: problems.map { c.t($0) },
            changes: changes.map { v in
                .init(version: v.version, items: v.changes.map { .init(field: HistoryPanel.fieldLabel($0.field, c), before: $0.before, after: $0.after) })
            },
            decision: try GrantDecisionRoutes.panel(g, c, entered: entered), review: review, actions: actions,
            errors: form.errors.map { .init(field: $0.field, message: $0.message) },
            attachments: GrantAttachmentRoutes.items(attachments), attachmentNames: GrantAttachmentRoutes.names(g, attachments),
            timeline: TimelinePanel.data(timeline, c),
            // A returned application says first why, what is unconfirmed and by when (the return's comment holds all three).
            returnReason: g.application.status == .returned ? timeline.last(where: { $0.action == "return" })?.comment : nil),
            status: status)
    }

    /// The draft form; `attachment` re-shows a refused upload's name and reason by the file input.
    static func formPage(_ c: RequestContext, _ g: GrantCase, _ form: GrantForm, status: HTTPStatus = .ok,
                         attachment: (name: String, error: String)? = nil) throws -> Response {
        let attachments = try c.services.database.read { try GrantAttachmentStore.list($0, applicationID: g.application.id) }
        let names = GrantAttachmentRoutes.names(g, attachments).map {
            AttachmentName(value: $0.value, missing: $0.missing, selected: $0.value == attachment?.name)
        }
        return try c.render(ApplicationEditPage(
            form: c.formView(form.state, GrantForm.fields(c)), application: ApplicationView(g, c),
            incomeRows: form.rows(.income), expenseRows: form.rows(.expense), revision: form.revision ?? g.application.revision,
            attachments: GrantAttachmentRoutes.items(attachments), attachmentNames: names, attachmentError: attachment?.error),
            status: status)
    }

    /// The application, if its organisation may still change it; 409 once it is submitted.
    static func editable(_ c: RequestContext) throws -> GrantCase {
        let g = try load(c)
        guard GrantPolicy.canEdit(c.principal, g.application) else {
            throw HTTPError(.conflict, message: c.t("application.error.notEditable"))
        }
        return g
    }

    static func showEditForm(_ c: RequestContext) throws -> Response {
        let g = try editable(c)
        return try formPage(c, g, GrantForm(g.application))
    }

    static func saveDraft(_ c: RequestContext) throws -> Response {
        let g = try editable(c)
        var form = GrantForm(try c.request.form())
        guard var updated = form.validate(into: g.application, c) else { return try formPage(c, g, form, status: .unprocessableContent) }
        // The revision the form was loaded at: a save based on an older copy must not overwrite a newer one.
        if let revision = form.revision { updated.revision = revision }
        let saved = try c.services.database.write { db -> Bool in
            guard let before = try GrantStore.find(db, id: updated.id), try GrantStore.update(db, updated, now: c.now) else { return false }
            try Audit.record(db, c.actor, action: "application.update", recordType: "application", recordID: updated.id,
                             before: GrantStore.auditFields(before), after: GrantStore.auditFields(updated), now: c.now)
            return true
        }
        guard saved else {
            // Keep everything the user typed; they decide what to keep after looking at the other save.
            form.state.add("projectTitle", c.t("application.error.staleEdit"))
            let fresh = try c.services.database.read { try GrantStore.findCase($0, id: g.application.id) } ?? g
            form.revision = fresh.application.revision
            return try formPage(c, fresh, form, status: .conflict)
        }
        return c.redirect(to: "/applications/\(updated.id)/edit", flash: "application.flash.saved")
    }

    /// 形式審査: what staff confirm before accepting; unticked items go into a return's reasons.
    static let checklist = ["form", "budget", "attachments", "eligibility"]
    static let checklistActions: Set<GrantAction> = [.accept, .return]

    /// What was typed into one of the page's action forms, for showing it again with its errors.
    struct ActionEntry {
        var action: String
        var form: FormState
    }

    static func transition(_ c: RequestContext) throws -> Response {
        let g = try load(c)
        let action = try GrantWorkflow.workflow.action(c)
        var form = FormState(try c.request.form(), fields: ["comment", "resubmitBy"], lists: ["checked"])
        var comment = form["comment"]
        var resubmitBy: String?
        if checklistActions.contains(action) && GrantPolicy.canReview(c.principal, g.application) {
            let name = action.rawValue
            let ticked = Set(form.lists["checked"] ?? [])
            let missing = checklist.filter { !ticked.contains($0) }
            if action == .accept && !missing.isEmpty { form.add("checked-\(name)", c.t("checklist.error.incomplete")) }
            if action == .return {
                if comment.isEmpty { form.add("comment-\(name)", c.t("workflow.error.comment")) }
                resubmitBy = form.dayFromToday("resubmitBy", error: "resubmitBy-\(name)", message: "checklist.error.resubmitDate", c)
                var lines = [comment]
                if !missing.isEmpty {
                    lines.append(c.t("checklist.unconfirmed") + ": " + missing.map { c.t("checklist.\($0)") }.joined(separator: "、"))
                }
                if let day = resubmitBy {
                    lines.append(c.t("checklist.resubmitBy") + ": " + c.format("date", .string(day)))
                }
                comment = lines.joined(separator: "\n")
            }
            guard form.isValid else {
                return try page(c, g, entered: ActionEntry(action: name, form: form), status: .unprocessableContent)
            }
        }
        do {
            try GrantWorkflow.workflow.take(action, id: g.application.id, comment: comment, c) { db, fresh, t in
                if t.to == .submitted {
                    // Every submission is kept as sent (as read inside this transaction), for the completeness check.
                    let names = try GrantAttachmentStore.list(db, applicationID: fresh.application.id).map { "\($0.name): \($0.filename)" }
                    try GrantVersionStore.snapshot(db, fresh.application, attachments: names, now: c.now)
                }
                if t.action == .return { try GrantStore.setResubmitBy(db, id: fresh.application.id, resubmitBy) }
            }
        } catch {
            // What the person can fix comes back on the application's page, next to the button, with what they typed.
            guard let message = fixableRefusal(error) else { throw error }
            form.add("action-\(action.rawValue)", message)
            return try page(c, g, entered: ActionEntry(action: action.rawValue, form: form), status: .unprocessableContent)
        }
        return c.redirect(to: "/applications/\(g.application.id)", flash: "application.flash.moved")
    }

    static func listMine(_ c: RequestContext) throws -> Response {
        let user = try c.requireUser()
        let several = c.principal.memberships.count > 1
        let all = try c.services.database.read { try GrantStore.forMember($0, userID: user.id) }
        let (filter, year) = YearFilter.make(c, years: all.map(\.fiscalYear), action: "/my/applications")
        let rows = all.filter { year == nil || $0.fiscalYear == year }.map { a in
            MyApplicationsPage.Row(id: a.id, title: a.projectTitle.isEmpty ? c.t("application.untitled") : a.projectTitle,
                                   call: several ? "\(a.callTitle)（\(a.organisation)）" : a.callTitle, status: c.t(a.status.messageKey))
        }
        return try c.render(MyApplicationsPage(applications: rows, yearFilter: filter))
    }

    static let perPage = 50

    static func listForCall(_ c: RequestContext) throws -> Response {
        let callID = try c.request.parameters.require("id", as: Int64.self)
        let filter = c.request.query["status"].flatMap(GrantApplication.Status.init(rawValue:))
        let (call, tally) = try c.services.database.read { db in (try CallStore.find(db, id: callID), try GrantStore.tally(db, callID: callID)) }
        guard let call else { throw HTTPError(.notFound) }
        let total = filter.map { tally.counts[$0] ?? 0 } ?? tally.counts.values.reduce(0, +)
        let pagination = Pagination(c.request, perPage: perPage, total: total)
        let shown = try c.services.database.read {
            try GrantStore.summaries($0, callID: callID, status: filter, limit: perPage, offset: pagination.offset)
        }
        let counts = GrantApplication.Status.allCases.compactMap { status -> ApplicationListPage.Count? in
            guard let n = tally.counts[status], n > 0 else { return nil }
            return .init(status: c.t(status.messageKey), count: n, code: status.rawValue)
        }
        var form = FormState()
        form.values["status"] = filter?.rawValue ?? ""
        let statusField = FieldView("status", label: c.t("application.status"), kind: .select([("", c.t("form.any"))]
            + GrantApplication.Status.allCases.filter { $0 != .draft }.map { ($0.rawValue, c.t($0.messageKey)) }))
        return try c.render(ApplicationListPage(
            form: c.formView(form, [statusField]), call: CallCard(call, c),
            applications: shown.map { .init(id: $0.id, title: $0.projectTitle, organisation: $0.organisationName,
                                            status: c.t($0.status.messageKey), requested: $0.requested, granted: $0.granted) },
            counts: counts, requestedTotal: tally.requested, grantedTotal: tally.granted, pagination: pagination.view(c.request)))
    }
}
