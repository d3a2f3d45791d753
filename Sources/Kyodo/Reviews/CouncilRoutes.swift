import HTTP
import Templating

/// The office keeps the council's members: who they are, their term, whether chair or vice-chair,
/// the account they sign in with, and the organisations they belong to or advise (the source of
/// automatic recusals).
enum CouncilRoutes {
    static func register(in routes: inout RouteTable) {
        routes.get("/staff/council", .roles([.staff, .admin]), list)
        routes.post("/staff/council", .roles([.staff, .admin]), create)
        routes.get("/staff/council/:id", .roles([.staff, .admin]), show)
        routes.post("/staff/council/:id", .roles([.staff, .admin]), update)
    }

    static let textFields = ["name", "nameKana", "affiliation", "category", "position", "termFrom", "termTo", "user"]

    static func fields(_ c: RequestContext) throws -> [FieldView] {
        let (accounts, organisations) = try c.services.database.read { db in
            (try CouncilStore.councilAccounts(db), try OrganisationStore.activeNames(db))
        }
        return [
            FieldView("name", label: c.t("council.name"), required: true),
            FieldView("nameKana", label: c.t("council.nameKana"), hint: c.t("council.nameKanaHint")),
            FieldView("affiliation", label: c.t("council.affiliation"), hint: c.t("council.affiliationHint")),
            FieldView(
                "category", label: c.t("council.category"),
                kind: .select(CouncilMember.Category.allCases.map { ($0.rawValue, c.t($0.messageKey)) }), required: true
            ),
            FieldView(
                "position", label: c.t("council.position"),
                kind: .select(CouncilMember.Position.allCases.map { ($0.rawValue, c.t($0.messageKey)) }), required: true
            ),
            FieldView("termFrom", label: c.t("council.termFrom"), kind: .input(type: "date"), required: true),
            FieldView("termTo", label: c.t("council.termTo"), kind: .input(type: "date"), required: true),
            FieldView(
                "user", label: c.t("council.account"),
                kind: .select(
                    [("", c.t("council.noAccount"))] + accounts.map { (String($0.id), "\($0.name) <\($0.email)>") }),
                hint: c.t("council.accountHint")),
            FieldView(
                "organisations", label: c.t("council.organisations"),
                kind: .checkboxes(organisations.map { (String($0.id), $0.name) }),
                hint: c.t("council.organisationsHint")),
        ]
    }

    static func listPage(_ c: RequestContext, _ form: FormState, status: HTTPStatus = .ok) throws -> Response {
        let members = try c.services.database.read { try CouncilStore.all($0) }
        let today = DateInput.format(JapaneseCalendar.tokyo(c.now))
        return try c.render(
            CouncilPage(
                form: c.formView(form, try fields(c)),
                members: members.map { m in
                    .init(
                        id: m.id, name: m.name, affiliation: m.affiliation, category: c.t(m.category.messageKey),
                        position: c.t(m.position.messageKey),
                        termFrom: m.termFrom, termTo: m.termTo, inTerm: m.inTerm(today), linked: m.userID != nil,
                        conflicts: m.organisationIDs.count)
                }), status: status)
    }

    static func list(_ c: RequestContext) throws -> Response {
        var form = FormState()
        form.values = [
            "category": CouncilMember.Category.academic.rawValue, "position": CouncilMember.Position.member.rawValue,
        ]
        return try listPage(c, form)
    }

    /// Reads the form into `base`; nil (errors next to the fields) when something is wrong.
    static func read(_ form: inout FormState, into base: CouncilMember, _ c: RequestContext) throws -> CouncilMember? {
        var m = base
        m.name = form.text("name", max: 100, required: true, c) ?? ""
        m.nameKana = form.text("nameKana", max: 100, c) ?? ""
        m.affiliation = form.text("affiliation", max: 200, c) ?? ""
        m.category = form.choice("category", CouncilMember.Category.self, c) ?? m.category
        m.position = form.choice("position", CouncilMember.Position.self, c) ?? m.position
        let from = form.date("termFrom", required: true, c), to = form.date("termTo", required: true, c)
        if let from, let to {
            m.termFrom = DateInput.format(from); m.termTo = DateInput.format(to)
            if m.termTo < m.termFrom { form.add("termTo", c.t("form.error.periodOrder")) }
        }
        let accounts = try c.services.database.read { try CouncilStore.councilAccounts($0) }
        if form["user"].isEmpty {
            m.userID = nil
        } else if let id = Int64(form["user"]), accounts.contains(where: { $0.id == id }) {
            m.userID = id
            let taken = try c.services.database.read { try CouncilStore.find($0, userID: id) }
            if let taken, taken.id != base.id { form.add("user", c.t("council.error.accountTaken")) }
        } else {
            form.add("user", c.t("form.error.choice"))
        }
        m.organisationIDs = (form.lists["organisations"] ?? []).compactMap { Int64($0) }
        return form.isValid ? m : nil
    }

    static func create(_ c: RequestContext) throws -> Response {
        var form = FormState(try c.request.form(), fields: textFields, lists: ["organisations"])
        guard let m = try read(&form, into: CouncilMember(), c) else {
            return try listPage(c, form, status: .unprocessableContent)
        }
        try c.services.database.write { db in
            let id = try CouncilStore.insert(db, m, now: c.now)
            try Audit.record(
                db, c.actor, action: "council.create", recordType: "council_member", recordID: id,
                after: CouncilStore.auditFields(m), now: c.now)
        }
        return c.redirect(to: "/staff/council", flash: "council.flash.created")
    }

    static func load(_ c: RequestContext) throws -> CouncilMember {
        let id = try c.request.parameters.require("id", as: Int64.self)
        guard let m = try c.services.database.read({ try CouncilStore.find($0, id: id) }) else {
            throw HTTPError(.notFound)
        }
        return m
    }

    static func page(
        _ c: RequestContext, _ m: CouncilMember, _ form: FormState, status: HTTPStatus = .ok
    ) throws -> Response {
        let history = try c.services.database.read {
            try AuditStore.history($0, recordType: "council_member", recordID: m.id)
        }
        return try c.render(
            CouncilMemberPage(
                form: c.formView(form, try fields(c)), id: m.id, name: m.name,
                history: HistoryPanel.data(history, c)), status: status)
    }

    static func show(_ c: RequestContext) throws -> Response {
        let m = try load(c)
        var form = FormState()
        form.values = [
            "name": m.name, "nameKana": m.nameKana, "affiliation": m.affiliation, "category": m.category.rawValue,
            "position": m.position.rawValue,
            "termFrom": m.termFrom, "termTo": m.termTo, "user": m.userID.map(String.init) ?? "",
        ]
        form.lists["organisations"] = m.organisationIDs.map(String.init)
        return try page(c, m, form)
    }

    static func update(_ c: RequestContext) throws -> Response {
        let before = try load(c)
        var form = FormState(try c.request.form(), fields: textFields, lists: ["organisations"])
        guard let m = try read(&form, into: before, c) else {
            return try page(c, before, form, status: .unprocessableContent)
        }
        try c.services.database.write { db in
            try CouncilStore.update(db, m, now: c.now)
            try Audit.record(
                db, c.actor, action: "council.update", recordType: "council_member", recordID: m.id,
                before: CouncilStore.auditFields(before), after: CouncilStore.auditFields(m), now: c.now)
        }
        return c.redirect(to: "/staff/council/\(m.id)", flash: "council.flash.saved")
    }
}
