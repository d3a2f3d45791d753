import HTTP
import Templating

/// 事務局's calls: create and edit a draft (rules freeze once it opens), move it through its
/// states, see its progress and history.
enum CallRoutes {
    static let office: Access = .roles([.staff, .admin])

    static func register(in routes: inout RouteTable) {
        routes.get("/staff/calls", office, listCalls)
        routes.get("/staff/calls/new", office, showNewForm)
        routes.post("/staff/calls", office, createCall)
        routes.get("/staff/calls/:id", .record(CallPolicy.manage), showCall)
        routes.get("/staff/calls/:id/edit", .record(CallPolicy.manage), showEditForm)
        routes.post("/staff/calls/:id/edit", .record(CallPolicy.manage), updateCall)
        routes.post("/staff/calls/:id/transitions/:action", .record(CallPolicy.manage), transition)
    }

    static func load(_ c: RequestContext) throws -> Call { try c.record(Call.self) }

    static func listCalls(_ c: RequestContext) throws -> Response {
        let calls = try c.services.database.read { try CallStore.list($0, statuses: Call.Status.allCases) }
        let (filter, year) = YearFilter.make(c, years: calls.map(\.fiscalYear), action: "/staff/calls")
        return try c.render(StaffCallsPage(calls: calls.filter { year == nil || $0.fiscalYear == year }.map { CallCard($0, c) },
                                           yearFilter: filter))
    }

    static func formPage(_ c: RequestContext, _ form: FormState, call: Call?, status: HTTPStatus = .ok) throws -> Response {
        let view = c.formView(form, CallForm.fields(c))
        let rows = (1...CallForm.criterionRows).map { i in
            CallFormPage.CriterionRow(number: i, name: view.fields["c\(i)Name"], description: view.fields["c\(i)Description"],
                                      weight: view.fields["c\(i)Weight"], min: view.fields["c\(i)Min"], max: view.fields["c\(i)Max"])
        }
        return try c.render(CallFormPage(form: view, criteriaRows: rows, call: call.map { .init(id: $0.id, title: $0.title) },
                                         action: call.map { "/staff/calls/\($0.id)/edit" } ?? "/staff/calls"), status: status)
    }

    static func showNewForm(_ c: RequestContext) throws -> Response {
        var form = FormState()
        form.values = ["kind": "grant", "fiscalYear": String(JapaneseCalendar.fiscalYear(of: JapaneseCalendar.tokyo(c.now))), "rate": "1/2"]
        for i in 1...CallForm.criterionRows { form.values["c\(i)Weight"] = "1"; form.values["c\(i)Min"] = "1"; form.values["c\(i)Max"] = "5" }
        form.lists["eligible"] = OrganisationKind.allCases.map(\.rawValue)
        return try formPage(c, form, call: nil)
    }

    static func createCall(_ c: RequestContext) throws -> Response {
        var form = CallForm(try c.request.form())
        guard let call = form.validate(into: Call(), c) else { return try formPage(c, form.state, call: nil, status: .unprocessableContent) }
        let id = try c.services.database.write { db -> Int64 in
            let id = try CallStore.insert(db, call, now: c.now)
            try Audit.record(db, c.actor, action: "call.create", recordType: "call", recordID: id, after: CallStore.auditFields(call), now: c.now)
            return id
        }
        return c.redirect(to: "/staff/calls/\(id)", flash: "call.flash.saved")
    }

    static func showEditForm(_ c: RequestContext) throws -> Response {
        let call = try load(c)
        guard call.isEditable else { throw HTTPError(.conflict, message: c.t("call.error.frozen")) }
        return try formPage(c, CallForm(call).state, call: call)
    }

    static func updateCall(_ c: RequestContext) throws -> Response {
        let call = try load(c)
        guard call.isEditable else { throw HTTPError(.conflict, message: c.t("call.error.frozen")) }
        var form = CallForm(try c.request.form())
        guard let updated = form.validate(into: call, c) else { return try formPage(c, form.state, call: call, status: .unprocessableContent) }
        try c.services.database.write { db in
            // Re-checked inside the write: the schedule may have opened it meanwhile.
            guard try CallStore.find(db, id: call.id)?.isEditable == true else { throw HTTPError(.conflict, message: c.t("call.error.frozen")) }
            try CallStore.update(db, updated, now: c.now)
            try Audit.record(db, c.actor, action: "call.update", recordType: "call", recordID: call.id,
                             before: CallStore.auditFields(call), after: CallStore.auditFields(updated), now: c.now)
        }
        return c.redirect(to: "/staff/calls/\(call.id)", flash: "call.flash.saved")
    }

    static func showCall(_ c: RequestContext) throws -> Response {
        let call = try load(c)
        let (history, timeline, rounds) = try c.services.database.read { db in
            (try AuditStore.history(db, recordType: "call", recordID: call.id), try WorkflowStore.timeline(db, recordType: "call", recordID: call.id),
             try ReviewStore.rounds(db, callID: call.id))
        }
        return try c.render(StaffCallPage(
            call: CallDetail(call, c), editable: call.isEditable,
            rounds: rounds.map { .init(id: $0.id, label: "\(c.t($0.stage.messageKey)) ・ \(c.t($0.status.messageKey))", dueOn: $0.dueOn) },
            actions: CallWorkflow.workflow.buttons(for: c.principal, on: call).map { .init(action: $0.action.rawValue, label: c.t($0.labelKey)) },
            timeline: TimelinePanel.data(timeline, c), history: HistoryPanel.data(history, c)))
    }

    static func transition(_ c: RequestContext) throws -> Response {
        let call = try load(c)
        let action = try CallWorkflow.workflow.action(c)
        let comment = try c.request.form()["comment"] ?? ""
        try CallWorkflow.workflow.take(action, id: call.id, comment: comment, c)
        return c.redirect(to: "/staff/calls/\(call.id)", flash: "call.flash.moved")
    }
}
