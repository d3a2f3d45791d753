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
    let maxAmount: Yen?
    /// A collaboration-proposal call (協働事業提案) rather than a grant round.
    let isProposal: Bool

    init(_ call: Call, _ c: RequestContext) {
        maxAmount = call.maxAmount
        isProposal = call.kind == .proposal
        id = call.id; title = call.title; kind = c.t(call.kind.messageKey); status = c.t(call.status.messageKey)
        isOpen = call.status == .open; resultsPublished = call.status == .published || call.status == .archived
        fiscalYear = call.fiscalYear; opensAt = call.opensAt; closesAt = call.closesAt; timeLeft = Self.timeLeft(call, c)
    }

    /// 締切まであと3日 / 5 hours left / 締切済み.
    static func timeLeft(_ call: Call, _ c: RequestContext) -> String {
        guard call.status == .open else { return "" }
        let seconds = call.closesAt.timeIntervalSince(c.now)
        if seconds <= 0 { return c.t("call.timeLeft.closed") }
        if seconds < 86_400 { return c.t("call.timeLeft.hours", [String(max(1, Int((seconds / 3600).rounded(.up))))]) }
        return c.t("call.timeLeft.days", [String(Int((seconds / 86_400).rounded(.up)))])
    }

    static let fields = Fields<CallCard>([
        "id": .int { Int($0.id) }, "title": .text(\.title), "kind": .text(\.kind), "status": .text(\.status),
        "isOpen": .bool(\.isOpen), "resultsPublished": .bool(\.resultsPublished), "fiscalYear": .int(\.fiscalYear),
        "opensAt": .date(\.opensAt), "closesAt": .date(\.closesAt), "timeLeft": .text(\.timeLeft),
        "maxAmount": .yen(\.maxAmount), "isProposal": .bool(\.isProposal),
    ])
}

/// `calls/index`: calls open now and past ones.
struct PublicCallsPage: PageView {
    static let templates = ["calls/index"]
    var template: String { "calls/index" }
    let open: [CallCard]
    let past: [CallCard]
    let yearFilter: YearFilter
    static let fields = Fields<PublicCallsPage>([
        "open": .list(\.open), "hasOpen": .bool { !$0.open.isEmpty }, "past": .list(\.past), "hasPast": .bool { !$0.past.isEmpty },
        "yearFilter": .view(\.yearFilter),
    ])
}

/// `calls/staff-index`: every call, for the office.
struct StaffCallsPage: PageView {
    static let templates = ["calls/staff-index"]
    var template: String { "calls/staff-index" }
    let calls: [CallCard]
    let yearFilter: YearFilter
    static let fields = Fields<StaffCallsPage>(["calls": .list(\.calls), "hasCalls": .bool { !$0.calls.isEmpty },
                                                "yearFilter": .view(\.yearFilter)])
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
            "granted": .yen(\.granted),
        ])
    }

    static let templates = ["applications/results"]
    var template: String { "applications/results" }
    let call: CallCard
    let results: [Result]
    let total: Yen
    /// The council's pre-evaluation: each item's aggregate and opinion (no individual scores).
    let criteria: [String]
    let review: [AggregateView]
    static let fields = Fields<ResultsPage>([
        "call": .view(\.call), "results": .list(\.results), "hasResults": .bool { !$0.results.isEmpty }, "total": .yen(\.total),
        "criteria": .texts(\.criteria), "review": .list(\.review), "hasReview": .bool { !$0.review.isEmpty },
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
            "requested": .yen(\.requested), "granted": .yen(\.granted),
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
        ("counts", .list(\.counts)), ("requestedTotal", .yen(\.requestedTotal)), ("grantedTotal", .yen(\.grantedTotal)),
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
    let yearFilter: YearFilter
    static let fields = Fields<MyApplicationsPage>([
        "applications": .list(\.applications), "hasApplications": .bool { !$0.applications.isEmpty },
        "yearFilter": .view(\.yearFilter),
    ])
}

/// A call with its rules, as `calls/details.html` shows it on the public and the staff page.
struct CallDetail: TemplateView {
    struct Criterion: TemplateView {
        let name: String
        let description: String
        let weight: Int
        let scale: String
        let share: String
        static let fields = Fields<Criterion>([
            "name": .text(\.name), "description": .text(\.description), "weight": .int(\.weight), "scale": .text(\.scale),
            "share": .text(\.share),
        ])
    }

    let card: CallCard
    let description: String
    let budgetCeiling: Yen?
    let maxAmount: Yen?
    let rate: String
    let eligible: [String]
    let attachments: [String]
    let criteria: [Criterion]

    init(_ call: Call, _ c: RequestContext) {
        card = CallCard(call, c)
        description = call.description; budgetCeiling = call.budgetCeiling; maxAmount = call.maxAmount
        rate = "\(call.rateNumerator)/\(call.rateDenominator)"
        eligible = call.eligibleKinds.map { c.t($0.messageKey) }
        attachments = call.requiredAttachments
        // Weights are 1–100 (the form's bound), so the sum and the shares stay small.
        let total = call.criteria.reduce(0) { $0 + $1.weight }
        criteria = call.criteria.map { k in
            .init(name: k.name, description: k.description, weight: k.weight, scale: "\(k.scaleMin)–\(k.scaleMax)",
                  share: total > 0 ? "\(k.weight * 100 / total)%" : "")
        }
    }

    static let fields = Fields<CallDetail>([
        "id": .int { Int($0.card.id) }, "title": .text(\.card.title), "kind": .text(\.card.kind), "status": .text(\.card.status),
        "isOpen": .bool(\.card.isOpen), "resultsPublished": .bool(\.card.resultsPublished), "fiscalYear": .int(\.card.fiscalYear),
        "opensAt": .date(\.card.opensAt), "closesAt": .date(\.card.closesAt), "timeLeft": .text(\.card.timeLeft),
        "description": .text(\.description), "budgetCeiling": .yen(\.budgetCeiling), "maxAmount": .yen(\.maxAmount),
        "rate": .text(\.rate), "eligible": .texts(\.eligible), "attachments": .texts(\.attachments), "criteria": .list(\.criteria),
        "hasCriteria": .bool { !$0.criteria.isEmpty }, "isProposal": .bool(\.card.isProposal),
    ])
}

/// `calls/show`: a call's rules for the public, and the way to apply.
struct CallPage: PageView {
    static let templates = ["calls/show"]
    var template: String { "calls/show" }
    let call: CallDetail
    let canApply: Bool
    /// The current organisation's application to this call, if it has one.
    let existingApplication: Int64?
    let organisationName: String
    /// A proposal call: a free proposal may be started; the themes published under it may be answered.
    let canPropose: Bool
    let themes: [ThemePage.CallLink]
    static let fields = Fields<CallPage>([
        "call": .view(\.call), "canApply": .bool(\.canApply), "organisationName": .text(\.organisationName),
        "existingApplication": .int { $0.existingApplication.map(Int.init) },
        "canPropose": .bool(\.canPropose), "themes": .list(\.themes),
    ])
}

/// `calls/staff-show`: a call for the office, with its state buttons, timeline and history.
struct StaffCallPage: PageView {
    struct Action: TemplateView {
        let action: String
        let label: String
        static let fields = Fields<Action>(["action": .text(\.action), "label": .text(\.label)])
    }

    static let templates = ["calls/staff-show"]
    var template: String { "calls/staff-show" }
    struct Round: TemplateView {
        let id: Int64
        let label: String
        let dueOn: String
        static let fields = Fields<Round>(["id": .int { Int($0.id) }, "label": .text(\.label), "dueOn": .text(\.dueOn)])
    }

    let call: CallDetail
    let editable: Bool
    /// The council's review rounds on this call.
    let rounds: [Round]
    let actions: [Action]
    /// The shared panels.
    let timeline: TemplateValue
    let history: TemplateValue
    static let fields = Fields<StaffCallPage>([
        "call": .view(\.call), "editable": .bool(\.editable), "rounds": .list(\.rounds), "actions": .list(\.actions),
        "timeline": .value(\.timeline), "history": .value(\.history),
    ])
}

/// `calls/form`: a new call or a draft's rules, with a row of fields per criterion.
struct CallFormPage: PageView {
    struct CriterionRow: TemplateView {
        let number: Int
        let name: FieldWidget?
        let description: FieldWidget?
        let weight: FieldWidget?
        let min: FieldWidget?
        let max: FieldWidget?
        static let fields = Fields<CriterionRow>([
            "number": .int(\.number), "name": .view(\.name), "description": .view(\.description), "weight": .view(\.weight),
            "min": .view(\.min), "max": .view(\.max),
        ])
    }

    struct CallRef: TemplateView {
        let id: Int64
        let title: String
        static let fields = Fields<CallRef>(["id": .int { Int($0.id) }, "title": .text(\.title)])
    }

    static let templates = ["calls/form"]
    var template: String { "calls/form" }
    let form: FormView
    let criteriaRows: [CriterionRow]
    let call: CallRef?
    let action: String
    static let fields = Fields<CallFormPage>(Fields.form(\.form) + [
        ("criteriaRows", .list(\.criteriaRows)), ("call", .view(\.call)), ("action", .text(\.action)),
    ])
}
