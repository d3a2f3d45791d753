import HTTP
import Templating

/// What is published about a grant round: the results page once the call reaches 結果公表
/// (organisation, project, granted amount), the staff CSV of applications, and the A4 print view.
enum GrantResultsRoutes {
    static func register(in routes: inout RouteTable) {
        routes.get("/calls/:id/results", .anyone, showResults)
        routes.get("/staff/calls/:id/applications.csv", .roles([.staff, .admin]), exportApplications)
        routes.get("/applications/:id/print", .record(GrantPolicy.view), printApplication)
    }

    static func showResults(_ c: RequestContext) throws -> Response {
        let id = try c.request.parameters.require("id", as: Int64.self)
        let (call, approved, review) = try c.services.database.read { db -> (Call?, [GrantSummary], [(ReviewAggregate, ReviewItem)]) in
            guard let call = try CallStore.find(db, id: id), call.status == .published || call.status == .archived else { return (nil, [], []) }
            let approved = try GrantStore.summaries(db, callID: id).filter { $0.status == .approved }
            // The council's pre-evaluation, as aggregates only: never a member's scores or name.
            let round = try ReviewStore.latestClosed(db, callID: id, stage: .pre)
            let review = try round.map { r -> [(ReviewAggregate, ReviewItem)] in
                var full = r
                full.memberIDs = try ReviewStore.round(db, id: r.id)?.memberIDs ?? []
                return try ReviewRoundRoutes.aggregates(db, round: full, call: call)
            } ?? []
            return (call, approved, review)
        }
        // Results are public only from 結果公表 on (transparency, without early leaks).
        guard let call else { throw HTTPError(.notFound) }
        return try c.render(ResultsPage(
            call: CallCard(call, c),
            results: approved.map { .init(organisation: $0.organisationName, organisationID: $0.organisationID, project: $0.projectTitle,
                                          granted: $0.granted) },
            total: Yen.total(approved.compactMap(\.granted)),
            criteria: call.criteria.map { "\($0.name)（×\($0.weight)）" }, review: review.map { AggregateView($0.0, item: $0.1) }))
    }

    static func exportApplications(_ c: RequestContext) throws -> Response {
        let id = try c.request.parameters.require("id", as: Int64.self)
        let rows = try c.services.database.read { db -> [[String]] in
            try GrantStore.summaries(db, callID: id, withTotals: true).map { a in
                [String(a.id), a.organisationName, a.projectTitle, c.t(a.status.messageKey),
                 a.requested?.description ?? "", a.granted?.description ?? "", a.totals?.income.description ?? "", a.totals?.expense.description ?? "",
                 a.totals?.eligibleExpense.description ?? ""]
            }
        }
        let header = ["application.csv.id", "organisation.name", "application.projectTitle", "application.status", "application.requestedAmount",
                      "application.grantedAmount", "application.incomeTitle", "application.expenseTitle", "application.eligible"].map { c.t($0) }
        return CSV.response(CSV.document(header: header, rows: rows), filename: "applications-\(id).csv")
    }

    static func printApplication(_ c: RequestContext) throws -> Response {
        let g = try GrantRoutes.load(c)
        let org = try c.services.database.read { try OrganisationStore.find($0, id: g.application.organisationID) }
        return try c.render(PrintPage(
            application: ApplicationView(g, c),
            organisation: .init(name: org?.name ?? "", representative: org?.representativeName ?? "", address: org?.address ?? ""),
            printedAt: c.now))
    }
}
