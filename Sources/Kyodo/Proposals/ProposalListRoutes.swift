import HTTP
import Templating

/// Lists of proposals: a department's inbox, the office's list per call (and its CSV), and the
/// public list of selected proposals per fiscal year.
enum ProposalListRoutes {
    static func register(in routes: inout RouteTable) {
        routes.get("/department/proposals", .roles([.department]), departmentInbox)
        routes.get("/staff/calls/:id/proposals", .roles([.staff, .admin]), listForCall)
        routes.get("/staff/calls/:id/proposals.csv", .roles([.staff, .admin]), exportForCall)
        routes.get("/proposals", .anyone, listPublished)
    }

    static func departmentInbox(_ c: RequestContext) throws -> Response {
        guard let own = c.principal.departmentID else {
            return try c.render(DepartmentProposalsPage(department: "", toGive: [], others: []))
        }
        let rows = try c.services.database.read { try ProposalStore.forDepartment($0, departmentID: own) }.map {
            ProposalRow($0, c)
        }
        return try c.render(
            DepartmentProposalsPage(
                department: c.principal.department ?? "",
                toGive: rows.filter { $0.summary.status == .consultation && !$0.summary.opinionGiven },
                others: rows.filter { !($0.summary.status == .consultation && !$0.summary.opinionGiven) }))
    }

    static let perPage = 50

    static func listForCall(_ c: RequestContext) throws -> Response {
        let callID = try c.request.parameters.require("id", as: Int64.self)
        let filter = c.request.query["status"].flatMap(Proposal.Status.init(rawValue:))
        let (call, tally) = try c.services.database.read { db in
            (try CallStore.find(db, id: callID), try ProposalStore.tally(db, callID: callID))
        }
        guard let call else { throw HTTPError(.notFound) }
        let total = filter.map { tally[$0] ?? 0 } ?? tally.values.reduce(0, +)
        let pagination = Pagination(c.request, perPage: perPage, total: total)
        let rows = try c.services.database.read {
            try ProposalStore.forCall($0, callID: callID, status: filter, limit: perPage, offset: pagination.offset)
        }
        var form = FormState()
        form.values["status"] = filter?.rawValue ?? ""
        let statusField = FieldView(
            "status", label: c.t("application.status"),
            kind: .select(
                [("", c.t("form.any"))]
                    + Proposal.Status.allCases.filter { $0 != .draft }.map { ($0.rawValue, c.t($0.messageKey)) }))
        return try c.render(
            StaffProposalsPage(
                form: c.formView(form, [statusField]), call: CallCard(call, c),
                proposals: rows.map { ProposalRow($0, c) },
                counts: Proposal.Status.allCases.compactMap { s in
                    guard let n = tally[s], n > 0 else { return nil }
                    return .init(status: c.t(s.messageKey), count: n, code: s.rawValue)
                },
                pagination: pagination.view(c.request)))
    }

    static func exportForCall(_ c: RequestContext) throws -> Response {
        let callID = try c.request.parameters.require("id", as: Int64.self)
        let rows = try c.services.database.read { db -> [ProposalStore.Summary] in
            guard try CallStore.find(db, id: callID) != nil else { throw HTTPError(.notFound) }
            return try ProposalStore.forCall(db, callID: callID, status: nil, limit: 100_000, offset: 0)
        }
        let header = [
            "application.csv.id", "organisation.name", "proposal.title", "application.status", "proposal.kind",
            "proposal.formLabel", "proposal.departments", "proposal.periodFrom", "proposal.periodTo",
            "proposal.requestedAmount",
        ]
        .map { c.t($0) }
        let lines = rows.map { s -> [String] in
            [
                String(s.id), s.organisation, s.title, c.t(s.status.messageKey),
                c.t(s.themeID == nil ? "proposal.free" : "proposal.themed"),
                s.form.map { c.t($0.messageKey) } ?? "", s.departments, s.periodFrom ?? "", s.periodTo ?? "",
                s.requested?.description ?? "",
            ]
        }
        return CSV.response(CSV.document(header: header, rows: lines), filename: "proposals-\(callID).csv")
    }

    static func listPublished(_ c: RequestContext) throws -> Response {
        var form = FormState(c.request.query, fields: ["year"])
        let year = Int(form["year"])
        if year == nil { form.values["year"] = "" }
        let (rows, years) = try c.services.database.read { db in
            (try ProposalStore.published(db, fiscalYear: year), try ProposalStore.publishedYears(db))
        }
        let field = FieldView(
            "year", label: c.t("call.fiscalYear"),
            kind: .select([("", c.t("form.any"))] + years.map { (String($0), c.format("fiscalYear", .int($0))) }))
        return try c.render(
            PublicProposalsPage(form: c.formView(form, [field]), proposals: rows.map { ProposalRow($0, c) }))
    }
}
