import HTTP
import Templating

/// Proposals: an organisation member starts one under an open proposal call (free, or answering a
/// theme), saves drafts and submits it; the office returns it or sends it to the partner
/// departments; the lifecycle goes on through the workflow.
enum ProposalRoutes {
    static func register(in routes: inout RouteTable) {
        routes.post("/calls/:id/proposals", .organisationMember, start)
        routes.get("/proposals/:id", .publicRecord(ProposalPolicy.view), show)
        routes.get("/proposals/:id/edit", .record(ProposalPolicy.edit), editForm)
        routes.post("/proposals/:id/edit", .record(ProposalPolicy.edit), save)
        routes.post("/proposals/:id/transitions/:action", .record(ProposalPolicy.insider), transition)
        routes.get("/proposals/:id/print", .record(ProposalPolicy.insider), print)
        routes.get("/my/proposals", .organisationMember, listMine)
    }

    static func start(_ c: RequestContext) throws -> Response {
        let callID = try c.request.parameters.require("id", as: Int64.self)
        guard let orgID = c.currentOrganisationID else { throw HTTPError(.forbidden) }
        let themeID = try c.request.form()["theme"].flatMap { $0.isEmpty ? nil : $0 }.map { raw -> Int64 in
            guard let id = Int64(raw) else { throw HTTPError(.badRequest) }
            return id
        }
        let (call, org, theme) = try c.services.database.read { db in
            (
                try CallStore.find(db, id: callID), try OrganisationStore.find(db, id: orgID),
                try themeID.flatMap { try ThemeStore.find(db, id: $0) }
            )
        }
        guard let call, call.isPublic, call.kind == .proposal, let org else { throw HTTPError(.notFound) }
        if themeID != nil {
            guard let theme, theme.isPublic else { throw HTTPError(.notFound) }
            guard theme.status == .published else { throw HTTPError(.conflict, message: c.t("theme.error.closed")) }
            guard theme.callID == nil || theme.callID == call.id else {
                throw HTTPError(.conflict, message: c.t("proposal.error.otherCall"))
            }
        }
        guard call.status == .open, c.now < call.closesAt else {
            throw HTTPError(.conflict, message: c.t("application.check.deadline"))
        }
        guard org.status == .active else { throw HTTPError(.conflict, message: c.t("application.error.notVerified")) }
        guard call.eligibleKinds.isEmpty || call.eligibleKinds.contains(org.kind) else {
            throw HTTPError(.conflict, message: c.t("application.error.notEligible"))
        }
        let id = try c.services.database.write { db -> Int64 in
            // Checked inside the write: two quick clicks lead to one draft.
            if let existing = try ProposalStore.openDraft(
                db, callID: call.id, organisationID: org.id, themeID: theme?.id)
            {
                return existing
            }
            let id = try ProposalStore.create(db, callID: call.id, organisationID: org.id, theme: theme, now: c.now)
            try Audit.record(
                db, c.actor, action: "proposal.create", recordType: "proposal", recordID: id,
                after: ["call": .int(call.id), "organisation": .int(org.id), "theme": AuditValue(theme?.id)], now: c.now
            )
            return id
        }
        return c.redirect(to: "/proposals/\(id)/edit", flash: "proposal.flash.started")
    }

    static func show(_ c: RequestContext) throws -> Response { try page(c, try c.record(ProposalCase.self)) }

    /// What was typed into one of the page's forms (an action, the opinion, the slot, the decision),
    /// to show it again with its errors.
    struct Entry {
        var form: String
        var state: FormState
    }

    static func page(
        _ c: RequestContext, _ x: ProposalCase, entered: Entry? = nil, status: HTTPStatus = .ok
    ) throws -> Response {
        let p = x.proposal, principal = c.principal
        let insider = ProposalPolicy.isInsider(principal, p) || ProposalPolicy.isReviewer(principal, x)
        let events =
            insider
            ? try c.services.database.read { try WorkflowStore.timeline($0, recordType: "proposal", recordID: p.id) }
            : []
        let state = entered?.state ?? FormState()
        let actions =
            insider
            ? ProposalWorkflow.workflow.buttons(for: principal, on: x).map { t -> ProposalPage.Action in
                let name = t.action.rawValue, mine = entered?.form == name
                return .init(
                    action: name, label: c.t(t.labelKey), comment: t.commentRequired || t.action == .consult,
                    commentValue: mine ? state["comment"] : "",
                    commentError: mine ? state.error(for: "comment-\(name)") : nil,
                    resubmission: t.action == .return, resubmitValue: mine ? state["resubmitBy"] : "",
                    resubmitError: mine ? state.error(for: "resubmitBy-\(name)") : nil,
                    opinionDue: t.action == .consult, dueValue: mine ? state["opinionDue"] : "",
                    dueError: mine ? state.error(for: "opinionDue-\(name)") : nil,
                    actionError: mine ? state.error(for: "action-\(name)") : nil)
            } : []
        let showOpinions = ProposalPolicy.canReadOpinions(principal, p)
        let given = Set(x.opinions.map(\.departmentID))
        func form(_ name: String, _ fields: [FieldView], initial: FormState) -> FormView {
            c.formView(entered?.form == name ? state : initial, fields)
        }
        var opinionForm: FormView?
        if ProposalPolicy.canGiveOpinion(principal, p), let own = principal.departmentID {
            var initial = FormState()
            if let mine = x.opinions.first(where: { $0.departmentID == own }) {
                initial.values = ["verdict": mine.verdict.rawValue, "reasons": mine.reasons, "changes": mine.changes]
            }
            opinionForm = form("opinion", ProposalReviewRoutes.opinionFields(c), initial: initial)
        }
        var presentationForm: FormView?, decisionForm: FormView?
        if ProposalPolicy.canDecide(principal, p) && (p.status == .consultation || p.status == .review) {
            var initial = FormState()
            initial.values = [
                "date": p.presentationAt.map { DateInput.format(JapaneseCalendar.tokyo($0)) } ?? "",
                "time": p.presentationAt.map { ProposalReviewRoutes.time($0) } ?? "", "place": p.presentationPlace,
                "order": p.presentationOrder.map(String.init) ?? "",
            ]
            presentationForm = form("presentation", ProposalReviewRoutes.presentationFields(c), initial: initial)
        }
        if ProposalPolicy.canDecide(principal, p) && p.status == .review {
            decisionForm = form("decision", ProposalReviewRoutes.decisionFields(c), initial: FormState())
        }
        return try c.render(
            ProposalPage(
                proposal: ProposalView(x, c), insider: insider,
                problems: insider && p.isEditable ? ProposalWorkflow.problems(x, now: c.now).map { c.t($0) } : [],
                actions: actions, showOpinions: showOpinions,
                opinions: showOpinions
                    ? x.opinions.map {
                        .init(
                            department: $0.departmentName, verdict: c.t($0.verdict.messageKey),
                            verdictCode: $0.verdict.rawValue,
                            reasons: $0.reasons, changes: $0.changes, author: $0.authorLabel, at: $0.recordedAt)
                    } : [],
                awaiting: showOpinions && p.status == .consultation
                    ? p.departments.filter { !given.contains($0.id) }.map(\.name) : [],
                opinionForm: opinionForm, presentationForm: presentationForm, decisionForm: decisionForm,
                errors: state.errors.map { .init(field: $0.field, message: $0.message) },
                timeline: insider ? .some(TimelinePanel.data(events, c)) : .none), status: status)
    }

    static func editable(_ c: RequestContext) throws -> ProposalCase {
        let x = try c.record(ProposalCase.self)
        guard ProposalPolicy.canEdit(c.principal, x.proposal) else {
            throw HTTPError(.conflict, message: c.t("proposal.error.notEditable"))
        }
        return x
    }

    static func formPage(
        _ c: RequestContext, _ x: ProposalCase, _ form: ProposalForm, status: HTTPStatus = .ok
    ) throws -> Response {
        let (departments, handovers) = try c.services.database.read { db in
            (try DepartmentStore.all(db), try EvaluationStore.handovers(db, organisationID: x.proposal.organisationID))
        }
        return try c.render(
            ProposalEditPage(
                form: c.formView(form.state, ProposalForm.fields(c, departments: departments)),
                proposal: ProposalView(x, c),
                incomeRows: form.rows(.income), expenseRows: form.rows(.expense),
                revision: form.revision ?? x.proposal.revision,
                handovers: HandoverView.list(handovers, c)), status: status)
    }

    static func editForm(_ c: RequestContext) throws -> Response {
        let x = try editable(c)
        return try formPage(c, x, ProposalForm(x.proposal))
    }

    static func save(_ c: RequestContext) throws -> Response {
        let x = try editable(c)
        var form = ProposalForm(try c.request.form())
        let departments = try c.services.database.read { try DepartmentStore.all($0) }
        guard var updated = form.validate(into: x.proposal, departments: departments, c) else {
            return try formPage(c, x, form, status: .unprocessableContent)
        }
        // The revision the form was loaded at: a save based on an older copy must not overwrite a newer one.
        if let revision = form.revision { updated.revision = revision }
        let saved = try c.services.database.write { db -> Bool in
            guard let before = try ProposalStore.find(db, id: updated.id),
                try ProposalStore.update(db, updated, now: c.now)
            else { return false }
            try Audit.record(
                db, c.actor, action: "proposal.update", recordType: "proposal", recordID: updated.id,
                before: ProposalStore.auditFields(before), after: ProposalStore.auditFields(updated), now: c.now)
            return true
        }
        guard saved else {
            // Keep everything the user typed; they decide what to keep after looking at the other save.
            form.state.add("title", c.t("application.error.staleEdit"))
            let fresh = try c.services.database.read { try ProposalStore.findCase($0, id: x.proposal.id) } ?? x
            form.revision = fresh.proposal.revision
            return try formPage(c, fresh, form, status: .conflict)
        }
        return c.redirect(to: "/proposals/\(updated.id)/edit", flash: "application.flash.saved")
    }

    static func transition(_ c: RequestContext) throws -> Response {
        let x = try c.record(ProposalCase.self)
        let action = try ProposalWorkflow.workflow.action(c)
        let name = action.rawValue
        var form = FormState(try c.request.form(), fields: ["comment", "resubmitBy", "opinionDue"])
        var comment = form["comment"]
        var resubmitBy: String?, opinionDue: String?
        // The form is checked only for someone who may take the step now; anyone else gets the
        // workflow's refusal (404 / 409) without learning what the form would have needed.
        let mayTake = ProposalWorkflow.workflow.buttons(for: c.principal, on: x).contains { $0.action == action }
        if mayTake && action == .return {
            if comment.isEmpty { form.add("comment-\(name)", c.t("workflow.error.comment")) }
            resubmitBy = form.dayFromToday("resubmitBy", error: "resubmitBy-\(name)", message: "checklist.error.resubmitDate", c)
            if let day = resubmitBy {
                comment += "\n" + c.t("checklist.resubmitBy") + ": " + c.format("date", .string(day))
            }
        }
        if mayTake && action == .consult {
            opinionDue = form.dayFromToday("opinionDue", error: "opinionDue-\(name)", message: "proposal.error.dueDate", c)
            if opinionDue == nil && form.error(for: "opinionDue-\(name)") == nil {
                form.add("opinionDue-\(name)", c.t("form.error.required"))
            }
            if let day = opinionDue {
                comment =
                    c.t("proposal.opinionDue") + ": " + c.format("date", .string(day))
                    + (comment.isEmpty ? "" : "\n" + comment)
            }
        }
        if mayTake
            && ProposalWorkflow.workflow.transitions.first(where: { $0.action == action })?.commentRequired == true
            && comment.isEmpty && form.error(for: "comment-\(name)") == nil
        {
            form.add("comment-\(name)", c.t("workflow.error.comment"))
        }
        guard form.isValid else {
            return try page(c, x, entered: Entry(form: name, state: form), status: .unprocessableContent)
        }
        do {
            try ProposalWorkflow.workflow.take(action, id: x.proposal.id, comment: comment, c) { db, _, t in
                if t.action == .return { try ProposalStore.setResubmitBy(db, id: x.proposal.id, resubmitBy) }
                if t.action == .consult { try ProposalStore.setOpinionDue(db, id: x.proposal.id, opinionDue) }
            }
        } catch {
            // Something to fix first (missing parts, opinions still to come): back to the page, next to the button.
            guard let message = fixableRefusal(error) else { throw error }
            form.add("action-\(name)", message)
            return try page(c, x, entered: Entry(form: name, state: form), status: .unprocessableContent)
        }
        return c.redirect(to: "/proposals/\(x.proposal.id)", flash: "application.flash.moved")
    }

    static func print(_ c: RequestContext) throws -> Response {
        let x = try c.record(ProposalCase.self)
        let org = try c.services.database.read { try OrganisationStore.find($0, id: x.proposal.organisationID) }
        return try c.render(
            ProposalPrintPage(
                proposal: ProposalView(x, c), representative: org?.representativeName ?? "",
                address: org?.address ?? "", printedAt: c.now))
    }

    static func listMine(_ c: RequestContext) throws -> Response {
        let user = try c.requireUser()
        let orgID = c.currentOrganisationID
        let (rows, calls, org) = try c.services.database.read { db in
            (
                try ProposalStore.forMember(db, userID: user.id),
                try CallStore.list(db, statuses: [.open]).filter { $0.kind == .proposal && c.now < $0.closesAt },
                try orgID.flatMap { try OrganisationStore.find(db, id: $0) }
            )
        }
        // Until notifications exist, new themes in the organisation's fields show here.
        let themes =
            try org.map { o in try c.services.database.read { try ThemeStore.open($0, inFields: o.activityFields) } }
            ?? []
        return try c.render(
            MyProposalsPage(
                proposals: rows.map { ProposalRow($0, c) },
                calls: org?.status == .active ? calls.map { .init(id: $0.id, title: $0.title) } : [],
                organisationName: org?.name ?? "",
                themes: themes.map { .init(id: $0.id, title: "\($0.title)（\($0.department)）") }))
    }
}
