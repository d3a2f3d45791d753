import Foundation
import Templating

/// A call as lists show it. The fiscal year is a number; templates format it with `{{fiscalYear …}}`.
struct CallCard: TemplateView {
    let id: Int64
    let title: String
    let kind: String
    let status: String
    let isOpen: Bool
    let resultsPublished: Bool
    let fiscalYear: Int
    let opensAt: Date
    let closesAt: Date
    let timeLeft: String

    init(_ call: Call, _ c: RequestContext) {
        id = call.id; title = call.title; kind = c.t(call.kind.messageKey); status = c.t(call.status.messageKey)
        isOpen = call.status == .open; resultsPublished = call.status == .published || call.status == .archived
        fiscalYear = call.fiscalYear; opensAt = call.opensAt; closesAt = call.closesAt; timeLeft = CallView.timeLeft(call, c)
    }

    static let fields = Fields<CallCard>([
        "id": .int { Int($0.id) }, "title": .text(\.title), "kind": .text(\.kind), "status": .text(\.status),
        "isOpen": .bool(\.isOpen), "resultsPublished": .bool(\.resultsPublished), "fiscalYear": .int(\.fiscalYear),
        "opensAt": .date(\.opensAt), "closesAt": .date(\.closesAt), "timeLeft": .text(\.timeLeft),
    ])
}

/// `calls/index`: calls open now and past ones.
struct PublicCallsPage: PageView {
    static let templates = ["calls/index"]
    var template: String { "calls/index" }
    let open: [CallCard]
    let past: [CallCard]
    static let fields = Fields<PublicCallsPage>([
        "open": .list(\.open), "hasOpen": .bool { !$0.open.isEmpty }, "past": .list(\.past), "hasPast": .bool { !$0.past.isEmpty },
    ])
}

/// `calls/staff-index`: every call, for the office.
struct StaffCallsPage: PageView {
    static let templates = ["calls/staff-index"]
    var template: String { "calls/staff-index" }
    let calls: [CallCard]
    static let fields = Fields<StaffCallsPage>(["calls": .list(\.calls), "hasCalls": .bool { !$0.calls.isEmpty }])
}

/// `applications/results`: what was granted under a call, public from 結果公表 on.
struct ResultsPage: PageView {
    struct Result: TemplateView {
        let organisation: String
        let organisationID: Int64
        let project: String
        let granted: Yen?
        static let fields = Fields<Result>([
            "organisation": .text(\.organisation), "organisationID": .int { Int($0.organisationID) }, "project": .text(\.project),
            "granted": .int { $0.granted?.int },
        ])
    }

    static let templates = ["applications/results"]
    var template: String { "applications/results" }
    let call: CallCard
    let results: [Result]
    let total: Yen
    static let fields = Fields<ResultsPage>([
        "call": .view(\.call), "results": .list(\.results), "hasResults": .bool { !$0.results.isEmpty }, "total": .int { $0.total.int },
    ])
}

/// `applications/staff-index`: a call's applications for the office, a page at a time.
struct ApplicationListPage: PageView {
    struct Row: TemplateView {
        let id: Int64
        let title: String
        let organisation: String
        let status: String
        let requested: Yen?
        let granted: Yen?
        static let fields = Fields<Row>([
            "id": .int { Int($0.id) }, "title": .text(\.title), "organisation": .text(\.organisation), "status": .text(\.status),
            "requested": .int { $0.requested?.int }, "granted": .int { $0.granted?.int },
        ])
    }

    struct Count: TemplateView {
        let status: String
        let count: Int
        let code: String
        static let fields = Fields<Count>(["status": .text(\.status), "count": .int(\.count), "code": .text(\.code)])
    }

    static let templates = ["applications/staff-index"]
    var template: String { "applications/staff-index" }
    let form: FormView
    let call: CallCard
    let applications: [Row]
    let counts: [Count]
    let requestedTotal: Yen
    let grantedTotal: Yen
    let pagination: PaginationView

    static let fields = Fields<ApplicationListPage>(Fields.form(\.form) + [
        ("call", .view(\.call)), ("applications", .list(\.applications)), ("hasApplications", .bool { !$0.applications.isEmpty }),
        ("counts", .list(\.counts)), ("requestedTotal", .int { $0.requestedTotal.int }), ("grantedTotal", .int { $0.grantedTotal.int }),
        ("pagination", .view(\.pagination)),
    ])
}

/// `applications/mine`: the applications of every organisation the user works for.
struct MyApplicationsPage: PageView {
    struct Row: TemplateView {
        let id: Int64
        let title: String
        let call: String
        let status: String
        static let fields = Fields<Row>(["id": .int { Int($0.id) }, "title": .text(\.title), "call": .text(\.call), "status": .text(\.status)])
    }

    static let templates = ["applications/mine"]
    var template: String { "applications/mine" }
    let applications: [Row]
    static let fields = Fields<MyApplicationsPage>([
        "applications": .list(\.applications), "hasApplications": .bool { !$0.applications.isEmpty },
    ])
}
