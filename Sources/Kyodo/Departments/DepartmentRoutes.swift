import HTTP
import Templating

/// 管理者: the city's departments (担当課). Department staff accounts are assigned to one of them on
/// the account page; themes and proposals name them as partners.
enum DepartmentRoutes {
    static func register(in routes: inout RouteTable) {
        routes.get("/admin/departments", .roles([.admin]), list)
        routes.post("/admin/departments", .roles([.admin]), create)
        routes.get("/admin/departments/:id", .roles([.admin]), show)
        routes.post("/admin/departments/:id", .roles([.admin]), update)
    }

    static func fields(_ c: RequestContext) -> [FieldView] {
        [
            FieldView("name", label: c.t("department.name"), required: true, hint: c.t("department.nameHint")),
            FieldView("section", label: c.t("department.section")),
            FieldView("contact", label: c.t("department.contact"), hint: c.t("department.contactHint")),
        ]
    }

    static func listPage(_ c: RequestContext, _ form: FormState, status: HTTPStatus = .ok) throws -> Response {
        let rows = try c.services.database.read { try DepartmentStore.withStaffCounts($0) }
        return try c.render(
            DepartmentsPage(
                form: c.formView(form, fields(c)),
                departments: rows.map { d, n in
                    .init(id: d.id, name: d.name, section: d.section, contact: d.contact, staff: n)
                }), status: status)
    }

    static func list(_ c: RequestContext) throws -> Response { try listPage(c, FormState()) }

    /// Reads the form into `base`; nil (errors in the form) when something is wrong.
    static func read(_ form: inout FormState, into base: Department, _ c: RequestContext) throws -> Department? {
        var d = base
        d.name = form.text("name", max: 100, required: true, c) ?? ""
        d.section = form.text("section", max: 100, c) ?? ""
        d.contact = form.text("contact", max: 300, c) ?? ""
        if form.error(for: "name") == nil,
            let other = try c.services.database.read({ try DepartmentStore.find($0, name: d.name) }),
            other.id != base.id
        {
            form.add("name", c.t("department.error.nameTaken"))
        }
        return form.isValid ? d : nil
    }

    static func create(_ c: RequestContext) throws -> Response {
        var form = FormState(try c.request.form(), fields: ["name", "section", "contact"])
        guard let d = try read(&form, into: Department(), c) else {
            return try listPage(c, form, status: .unprocessableContent)
        }
        try c.services.database.write { db in
            let id = try DepartmentStore.insert(db, d, now: c.now)
            try Audit.record(
                db, c.actor, action: "department.create", recordType: "department", recordID: id,
                after: DepartmentStore.auditFields(d), now: c.now)
        }
        return c.redirect(to: "/admin/departments", flash: "department.flash.created")
    }

    static func load(_ c: RequestContext) throws -> Department {
        let id = try c.request.parameters.require("id", as: Int64.self)
        guard let d = try c.services.database.read({ try DepartmentStore.find($0, id: id) }) else {
            throw HTTPError(.notFound)
        }
        return d
    }

    static func page(
        _ c: RequestContext, _ d: Department, _ form: FormState, status: HTTPStatus = .ok
    ) throws -> Response {
        let history = try c.services.database.read {
            try AuditStore.history($0, recordType: "department", recordID: d.id)
        }
        return try c.render(
            DepartmentPage(
                form: c.formView(form, fields(c)), id: d.id, name: d.name,
                history: HistoryPanel.data(history, c)), status: status)
    }

    static func show(_ c: RequestContext) throws -> Response {
        let d = try load(c)
        var form = FormState()
        form.values = ["name": d.name, "section": d.section, "contact": d.contact]
        return try page(c, d, form)
    }

    static func update(_ c: RequestContext) throws -> Response {
        let before = try load(c)
        var form = FormState(try c.request.form(), fields: ["name", "section", "contact"])
        guard let d = try read(&form, into: before, c) else {
            return try page(c, before, form, status: .unprocessableContent)
        }
        try c.services.database.write { db in
            try DepartmentStore.update(db, d, now: c.now)
            try Audit.record(
                db, c.actor, action: "department.update", recordType: "department", recordID: d.id,
                before: DepartmentStore.auditFields(before), after: DepartmentStore.auditFields(d), now: c.now)
        }
        return c.redirect(to: "/admin/departments/\(d.id)", flash: "department.flash.saved")
    }
}
