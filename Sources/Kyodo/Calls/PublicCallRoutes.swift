import HTTP
import Templating

/// The public side: calls open now (with time left), and each call's rules and criteria —
/// published from the moment it opens (transparency: criteria are public before anyone applies).
enum PublicCallRoutes {
    static func register(in routes: inout RouteTable) {
        routes.get("/calls", .anyone, listCalls)
        routes.get("/calls/:id", .publicRecord(CallPolicy.view), showCall)
    }

    static func listCalls(_ c: RequestContext) throws -> Response {
        let (open, past) = try c.services.database.read { db in
            (try CallStore.list(db, statuses: [.open]), try CallStore.list(db, statuses: [.closed, .reviewing, .published, .archived]))
        }
        let (filter, year) = YearFilter.make(c, years: (open + past).map(\.fiscalYear), action: "/calls")
        let shown = { (calls: [Call]) in calls.filter { year == nil || $0.fiscalYear == year }.map { CallCard($0, c) } }
        return try c.render(PublicCallsPage(open: shown(open), past: shown(past), yearFilter: filter))
    }

    static func showCall(_ c: RequestContext) throws -> Response {
        let call = try c.record(Call.self)
        var filter = ThemeStore.Filter()
        filter.statuses = [.published]
        filter.callID = call.id
        let (organisation, themes, existing) = try c.services.database.read { db in
            (try c.currentOrganisationID.flatMap { try OrganisationStore.find(db, id: $0) },
             call.kind == .proposal ? try ThemeStore.list(db, filter) : [],
             // An organisation that has applied sees its application, not a second "apply".
             try c.currentOrganisationID.flatMap { try GrantStore.existing(db, callID: call.id, organisationID: $0) })
        }
        let open = call.status == .open && c.now < call.closesAt && organisation != nil
        return try c.render(CallPage(call: CallDetail(call, c), canApply: open && call.kind == .grant && existing == nil,
                                     existingApplication: call.kind == .grant ? existing : nil, organisationName: organisation?.name ?? "",
                                     canPropose: open && call.kind == .proposal,
                                     themes: themes.map { .init(id: $0.id, title: "\($0.title)（\($0.departmentName)）") }))
    }
}
