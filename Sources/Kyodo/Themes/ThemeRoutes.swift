import HTTP
import Templating

/// Themes (行政提示テーマ): departments draft them, the office publishes them into the public list
/// of collaborable work, organisations answer them with proposals.
enum ThemeRoutes {
    static func register(in routes: inout RouteTable) {
        routes.get("/themes", .anyone, listPublic)
        routes.get("/themes/:id", .publicRecord(ThemePolicy.view), show)
        routes.get("/staff/themes", .roles([.staff, .admin, .department]), listManaged)
        routes.get("/staff/themes/new", .roles([.staff, .admin, .department]), newForm)
        routes.post("/staff/themes", .roles([.staff, .admin, .department]), create)
        routes.get("/themes/:id/edit", .record(ThemePolicy.edit), editForm)
        routes.post("/themes/:id/edit", .record(ThemePolicy.edit), update)
        routes.post("/themes/:id/transitions/:action", .record(ThemePolicy.edit), transition)
    }

    static func listPublic(_ c: RequestContext) throws -> Response {
        var form = FormState(c.request.query, fields: ["department", "field", "year"])
        var filter = ThemeStore.Filter()
        filter.departmentID = Int64(form["department"])
        filter.field = Int(form["field"])
        filter.fiscalYear = Int(form["year"])
        let (themes, departments, years) = try c.services.database.read { db in
            (try ThemeStore.list(db, filter), try DepartmentStore.all(db), try ThemeStore.years(db))
        }
        // Values that name nothing are ignored (an old bookmark), and shown as "any".
        if filter.departmentID == nil { form.values["department"] = "" }
        if filter.field == nil { form.values["field"] = "" }
        if filter.fiscalYear == nil { form.values["year"] = "" }
        let names = try OrganisationView(c)
        let fields = [
            FieldView(
                "department", label: c.t("theme.department"),
                kind: .select([("", c.t("form.any"))] + departments.map { (String($0.id), $0.name) })),
            FieldView(
                "field", label: c.t("theme.field"),
                kind: .select(
                    [("", c.t("form.any"))] + names.fieldNames.sorted { $0.key < $1.key }.map { (String($0.key), $0.value) }
                )),
            FieldView(
                "year", label: c.t("call.fiscalYear"),
                kind: .select([("", c.t("form.any"))] + years.map { (String($0), c.format("fiscalYear", .int($0))) })),
        ]
        return try c.render(
            ThemesPage(form: c.formView(form, fields), themes: themes.map { ThemeCard($0, c, names: names) }))
    }

    static func listManaged(_ c: RequestContext) throws -> Response {
        var filter = ThemeStore.Filter()
        filter.statuses = Theme.Status.allCases
        if !c.principal.isOffice {
            // A department account sees its own department's themes; one with no department, none.
            guard let own = c.principal.departmentID else {
                return try c.render(StaffThemesPage(themes: [], canDraft: false))
            }
            filter.departmentID = own
        }
        let themes = try c.services.database.read { try ThemeStore.list($0, filter) }
        let names = try OrganisationView(c)
        return try c.render(
            StaffThemesPage(
                themes: themes.map { ThemeCard($0, c, names: names) }, canDraft: ThemePolicy.canDraft(c.principal)))
    }

    static func show(_ c: RequestContext) throws -> Response { try page(c, try c.record(Theme.self)) }

    static func page(_ c: RequestContext, _ t: Theme, refused: RefusedStep? = nil, status: HTTPStatus = .ok) throws -> Response {
        let insider = c.principal.isOffice || ThemePolicy.isOwnDepartment(c.principal, t)
        let showMatches = ThemePolicy.canSeeMatches(c.principal, t)
        let organisationID = t.status == .published ? c.currentOrganisationID : nil
        let (call, matches, openCalls, organisation, events) = try c.services.database.read { db in
            (
                try t.callID.flatMap { try CallStore.find(db, id: $0) },
                showMatches ? try ThemeStore.matches(db, theme: t) : [],
                organisationID == nil
                    ? []
                    : try CallStore.list(db, statuses: [.open]).filter { $0.kind == .proposal && c.now < $0.closesAt },
                try organisationID.flatMap { try OrganisationStore.find(db, id: $0) },
                insider ? try WorkflowStore.timeline(db, recordType: "theme", recordID: t.id) : []
            )
        }
        let names = try OrganisationView(c)
        // A theme attached to a call is answered under that call; a standalone one under any open proposal call.
        let proposeUnder = openCalls.filter { t.callID == nil || $0.id == t.callID }.map {
            ThemePage.CallLink(id: $0.id, title: $0.title)
        }
        return try c.render(
            ThemePage(
                theme: ThemeCard(t, c, names: names),
                call: call.flatMap { $0.isPublic ? ThemePage.CallLink(id: $0.id, title: $0.title) : nil },
                canEdit: ThemePolicy.canEdit(c.principal, t),
                actions: ThemeWorkflow.workflow.buttons(for: c.principal, on: t).map {
                    ActionButton(action: $0.action.rawValue, label: c.t($0.labelKey), comment: $0.commentRequired)
                }.marking(refused),
                showMatches: showMatches,
                matches: matches.map {
                    .init(
                        id: $0.id, name: $0.name, district: $0.districtCode.flatMap { names.districtNames[$0] },
                        shared: $0.sharedFields, collaborations: $0.collaborations)
                },
                proposeUnder: organisation?.status == .active ? proposeUnder : [],
                organisationName: organisation?.name ?? "",
                timeline: insider ? .some(TimelinePanel.data(events, c)) : .none), status: status)
    }

    static func formPage(
        _ c: RequestContext, _ form: ThemeForm, id: Int64?, title: String, status: HTTPStatus = .ok
    ) throws -> Response {
        let choices = try ThemeForm.Choices(c)
        let department = Int64(form.state["department"]) ?? c.principal.departmentID
        let handovers =
            try department.map { d in
                try c.services.database.read { try EvaluationStore.handovers($0, departmentID: d) }
            } ?? []
        return try c.render(
            ThemeFormPage(
                form: c.formView(form.state, ThemeForm.fields(c, choices)), id: id, title: title,
                handovers: HandoverView.list(handovers, c)), status: status)
    }

    static func newForm(_ c: RequestContext) throws -> Response {
        guard ThemePolicy.canDraft(c.principal) else {
            throw HTTPError(.forbidden, message: c.t("theme.error.noDepartment"))
        }
        var t = Theme()
        t.fiscalYear = JapaneseCalendar.fiscalYear(of: JapaneseCalendar.tokyo(c.now))
        var form = ThemeForm(t)
        form.state.values["department"] = ""
        return try formPage(c, form, id: nil, title: "")
    }

    static func create(_ c: RequestContext) throws -> Response {
        guard ThemePolicy.canDraft(c.principal) else {
            throw HTTPError(.forbidden, message: c.t("theme.error.noDepartment"))
        }
        var form = ThemeForm(try c.request.form())
        let choices = try ThemeForm.Choices(c)
        guard let t = form.validate(into: Theme(), choices, c) else {
            return try formPage(c, form, id: nil, title: "", status: .unprocessableContent)
        }
        let id = try c.services.database.write { db -> Int64 in
            let id = try ThemeStore.insert(db, t, now: c.now)
            try Audit.record(
                db, c.actor, action: "theme.create", recordType: "theme", recordID: id,
                after: ThemeStore.auditFields(t), now: c.now)
            return id
        }
        return c.redirect(to: "/themes/\(id)", flash: "theme.flash.created")
    }

    static func editable(_ c: RequestContext) throws -> Theme {
        let t = try c.record(Theme.self)
        guard ThemePolicy.canEdit(c.principal, t) else {
            throw HTTPError(.conflict, message: c.t("theme.error.closed"))
        }
        return t
    }

    static func editForm(_ c: RequestContext) throws -> Response {
        let t = try editable(c)
        return try formPage(c, ThemeForm(t), id: t.id, title: t.title)
    }

    static func update(_ c: RequestContext) throws -> Response {
        let before = try editable(c)
        var form = ThemeForm(try c.request.form())
        let choices = try ThemeForm.Choices(c)
        guard let t = form.validate(into: before, choices, c) else {
            return try formPage(c, form, id: before.id, title: before.title, status: .unprocessableContent)
        }
        try c.services.database.write { db in
            try ThemeStore.update(db, t, now: c.now)
            try Audit.record(
                db, c.actor, action: "theme.update", recordType: "theme", recordID: t.id,
                before: ThemeStore.auditFields(before), after: ThemeStore.auditFields(t), now: c.now)
        }
        return c.redirect(to: "/themes/\(t.id)", flash: "theme.flash.saved")
    }

    static func transition(_ c: RequestContext) throws -> Response {
        let t = try c.record(Theme.self)
        let action = try ThemeWorkflow.workflow.action(c)
        let form = FormState(try c.request.form(), fields: ["comment"])
        do {
            try ThemeWorkflow.workflow.take(action, id: t.id, comment: form["comment"], c)
        } catch {
            // Something to fix first (a field the public page needs): back to the theme, next to the button.
            guard let message = fixableRefusal(error) else { throw error }
            return try page(c, t, refused: RefusedStep(action: action.rawValue, message: message, comment: form["comment"]),
                            status: .unprocessableContent)
        }
        return c.redirect(to: "/themes/\(t.id)", flash: "theme.flash.\(action.rawValue)")
    }
}
