import HTTP
import Templating

/// The public directory (`/organisations`) and each organisation's public page.
enum DirectoryRoutes {
    static let perPage = 50

    static func register(in routes: inout RouteTable) {
        routes.get("/organisations", .anyone, listOrganisations)
        routes.get("/organisations/:id", .anyone, showOrganisation)
    }

    /// Filters from the query string; unknown values are ignored rather than failing the page.
    static func filter(_ c: RequestContext, staff: Bool) -> DirectoryQuery.Filter {
        let q = c.request.query
        var f = DirectoryQuery.Filter()
        f.staff = staff
        f.text = String((q["q"] ?? "").trimmingCharacters(in: .whitespaces).prefix(100))
        f.kind = q["kind"].flatMap(OrganisationKind.init(rawValue:))
        f.field = q["field"].flatMap(Int.init)
        f.district = q["district"].flatMap { $0.isEmpty ? nil : $0 }
        f.sort = q["sort"].flatMap(DirectoryQuery.Sort.init(rawValue:)) ?? .kana
        f.includeInactive = q["inactive"] == "1"
        f.status = q["status"].flatMap(OrganisationStatus.init(rawValue:))
        return f
    }

    static func filterFields(_ c: RequestContext, _ view: OrganisationView, staff: Bool) -> [FieldView] {
        var fields = [
            FieldView("q", label: c.t("directory.search"), kind: .input(type: "search"), hint: c.t("directory.searchHint")),
            FieldView("kind", label: c.t("organisation.kind"), kind: .select([("", c.t("form.any"))] + OrganisationKind.allCases.map { ($0.rawValue, c.t($0.messageKey)) })),
            FieldView("field", label: c.t("organisation.fields"), kind: .select([("", c.t("form.any"))] + view.fieldNames.keys.sorted().map { (String($0), view.fieldNames[$0] ?? "") })),
            FieldView("district", label: c.t("organisation.district"), kind: .select([("", c.t("form.any"))] + view.districts.map { ($0.code, $0.name) })),
            FieldView("sort", label: c.t("directory.sort"), kind: .select([("kana", c.t("directory.sort.kana")), ("newest", c.t("directory.sort.newest"))])),
        ]
        if staff {
            fields.append(FieldView("status", label: c.t("organisation.status"), kind: .select([("", c.t("form.any"))] + OrganisationStatus.allCases.map { ($0.rawValue, c.t($0.messageKey)) })))
        } else {
            fields.append(FieldView("inactive", label: c.t("directory.options"), kind: .checkboxes([("1", c.t("directory.includeInactive"))])))
        }
        return fields
    }

    static func listOrganisations(_ c: RequestContext) throws -> Response {
        try c.services.publicPages.page(c, generationOf: "organisation") { try list(c, staff: false, template: "organisations/index") }
    }

    /// The listing shared by the public directory and the staff list.
    static func list(_ c: RequestContext, staff: Bool, template: String) throws -> Response {
        let f = filter(c, staff: staff)
        let view = try OrganisationView(c)
        let (total, entries) = try c.services.database.read { db -> (Int, [DirectoryQuery.Row]) in
            let total = try DirectoryQuery.count(db, f)
            let page = Pagination(c.request, perPage: perPage, total: total)
            return (total, try DirectoryQuery.rows(db, f, limit: perPage, offset: page.offset))
        }
        let pagination = Pagination(c.request, perPage: perPage, total: total)
        let form = FormState(c.request.query, fields: ["q", "kind", "field", "district", "sort", "status"], lists: ["inactive"])
        let query = c.request.target.firstIndex(of: "?").map { String(c.request.target[$0...]) } ?? ""
        return try c.render(DirectoryPage(
            template: template, form: c.formView(form, filterFields(c, view, staff: staff)),
            organisations: entries.map { view.card($0, status: staff ? c.t($0.status.messageKey) : "") },
            pagination: pagination.view(c.request), csvHref: "/staff/organisations.csv" + query, query: f.text))
    }

    static func showOrganisation(_ c: RequestContext) throws -> Response {
        try c.services.publicPages.page(c, generationOf: "organisation") { try renderOrganisation(c) }
    }

    static func renderOrganisation(_ c: RequestContext) throws -> Response {
        let org = try OrganisationPolicy.load(c)
        let full = OrganisationPolicy.canSeePrivateFields(c.principal, org)
        let (documents, proposals, themes, evaluations, grants, agreements) = try c.services.database.read { db in
            (try DocumentStore.list(db, organisationID: org.id, includePrivate: full), try ProposalStore.published(db, organisationID: org.id),
             org.status == .active ? try ThemeStore.open(db, inFields: org.activityFields) : [],
             try EvaluationStore.published(db, organisationID: org.id), try GrantStore.publishedResults(db, organisationID: org.id),
             try AgreementStore.published(db, organisationID: org.id))
        }
        return try c.render(OrganisationPage(org: try OrganisationView(c).profile(org, full: full),
                                             canEdit: OrganisationPolicy.canEdit(c.principal, org), full: full,
                                             documents: documents.map { DocumentRoutes.item($0, c) },
                                             proposals: proposals.map { ProposalRow($0, c) },
                                             themes: themes.map { .init(id: $0.id, title: "\($0.title)（\($0.department)）") },
                                             evaluations: evaluations.map { .init(id: $0.agreementID, title: $0.title) },
                                             grants: grants.map {
                                                 .init(callID: $0.callID, call: $0.call, fiscalYear: $0.fiscalYear, title: $0.title,
                                                       granted: $0.granted, settled: $0.settled)
                                             },
                                             agreements: agreements.map {
                                                 .init(id: $0.id, title: $0.title, periodFrom: $0.periodFrom ?? "", periodTo: $0.periodTo ?? "",
                                                       status: c.t($0.status.messageKey))
                                             }))
    }
}
