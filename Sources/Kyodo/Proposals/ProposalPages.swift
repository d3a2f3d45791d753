import Foundation
import Templating

/// A proposal as every proposal page shows it.
struct ProposalView: TemplateView {
    let proposal: Proposal
    let status: String
    let formName: String?
    let domainName: String?
    let callTitle: String
    let themeTitle: String?

    init(_ x: ProposalCase, _ c: RequestContext) {
        proposal = x.proposal
        status = c.t(x.proposal.status.messageKey)
        formName = x.proposal.form.map { c.t($0.messageKey) }
        domainName = x.proposal.domain.map { c.t($0.messageKey) }
        callTitle = x.call.title
        themeTitle = x.themeTitle
    }

    private static func lines(_ p: Proposal, _ d: Proposal.BudgetLine.Direction) -> [ApplicationView.Line] {
        p.budget.filter { $0.direction == d }.map {
            .init(category: $0.category, amount: $0.amount, eligible: $0.eligible, note: $0.note)
        }
    }

    static let fields = Fields<ProposalView>([
        "id": .int { Int($0.proposal.id) }, "title": .text(\.proposal.title), "status": .text(\.status),
        "statusCode": .text(\.proposal.status.rawValue), "editable": .bool(\.proposal.isEditable),
        "organisation": .text(\.proposal.organisationName), "organisationID": .int { Int($0.proposal.organisationID) },
        "callID": .int { Int($0.proposal.callID) }, "callTitle": .text(\.callTitle),
        "themeID": .int { $0.proposal.themeID.map(Int.init) }, "themeTitle": .text(\.themeTitle),
        "localIssue": .text(\.proposal.localIssue), "purpose": .text(\.proposal.purpose),
        "content": .text(\.proposal.content),
        "expectedEffect": .text(\.proposal.expectedEffect), "form": .text(\.formName), "domain": .text(\.domainName),
        "roleOrganisation": .text(\.proposal.roleOrganisation), "roleCity": .text(\.proposal.roleCity),
        "periodFrom": .text(\.proposal.periodFrom), "periodTo": .text(\.proposal.periodTo),
        "requestedAmount": .yen(\.proposal.requestedAmount),
        "departments": .texts { $0.proposal.departments.map(\.name) },
        "income": .list { lines($0.proposal, .income) }, "expense": .list { lines($0.proposal, .expense) },
        "incomeTotal": .yen(\.proposal.income), "expenseTotal": .yen(\.proposal.expense),
        "opinionDue": .text(\.proposal.opinionDue), "presentationAt": .date(\.proposal.presentationAt),
        "presentationPlace": .text(\.proposal.presentationPlace),
        "presentationOrder": .int(\.proposal.presentationOrder),
        "councilResult": .text(\.proposal.councilResult), "conditions": .text(\.proposal.conditions),
        "decidedAt": .date(\.proposal.decidedAt), "submittedAt": .date(\.proposal.submittedAt),
        "published": .bool { $0.proposal.status.isPublished },
    ])
}

/// `proposals/show`: the proposal; for the city side the opinions and the office's forms.
struct ProposalPage: PageView {
    struct Action: TemplateView {
        let action: String
        let label: String
        let comment: Bool
        let commentValue: String
        let commentError: String?
        /// 差戻し: the date until which it may be sent again.
        let resubmission: Bool
        let resubmitValue: String
        let resubmitError: String?
        /// 担当課協議: the date the departments' opinions are due.
        let opinionDue: Bool
        let dueValue: String
        let dueError: String?
        /// Why the step was refused (something to fix first).
        var actionError: String? = nil
        static let fields = Fields<Action>([
            "action": .text(\.action), "label": .text(\.label), "comment": .bool(\.comment),
            "commentValue": .text(\.commentValue),
            "commentError": .text(\.commentError), "resubmission": .bool(\.resubmission),
            "resubmitValue": .text(\.resubmitValue),
            "resubmitError": .text(\.resubmitError), "opinionDue": .bool(\.opinionDue), "dueValue": .text(\.dueValue),
            "dueError": .text(\.dueError), "actionError": .text(\.actionError),
        ])
    }

    struct Opinion: TemplateView {
        let department: String
        let verdict: String
        let verdictCode: String
        let reasons: String
        let changes: String
        let author: String
        let at: Date
        static let fields = Fields<Opinion>([
            "department": .text(\.department), "verdict": .text(\.verdict), "verdictCode": .text(\.verdictCode),
            "reasons": .text(\.reasons), "changes": .text(\.changes), "author": .text(\.author), "at": .date(\.at),
        ])
    }

    static let templates = ["proposals/show"]
    var template: String { "proposals/show" }
    let proposal: ProposalView
    let insider: Bool
    let problems: [String]
    let actions: [Action]
    let showOpinions: Bool
    let opinions: [Opinion]
    let awaiting: [String]
    /// The department's own opinion form, while consultation lasts.
    let opinionForm: FormView?
    let presentationForm: FormView?
    let decisionForm: FormView?
    let errors: [FormView.Problem]
    let timeline: TemplateValue?

    static let fields = Fields<ProposalPage>([
        "proposal": .view(\.proposal), "insider": .bool(\.insider), "problems": .texts(\.problems),
        "actions": .list(\.actions),
        "showOpinions": .bool(\.showOpinions), "opinions": .list(\.opinions), "awaiting": .texts(\.awaiting),
        "canGiveOpinion": .bool { $0.opinionForm != nil }, "opinionFields": .keyed { $0.opinionForm?.fields ?? [:] },
        "canSchedule": .bool { $0.presentationForm != nil },
        "presentationFields": .keyed { $0.presentationForm?.fields ?? [:] },
        "canDecide": .bool { $0.decisionForm != nil }, "decisionFields": .keyed { $0.decisionForm?.fields ?? [:] },
        "errors": .list(\.errors), "hasErrors": .bool { !$0.errors.isEmpty },
        "timeline": .value { $0.timeline ?? .null }, "hasTimeline": .bool { $0.timeline != nil },
    ])
}

/// `proposals/edit`: the draft form with its budget rows.
struct ProposalEditPage: PageView {
    static let templates = ["proposals/edit"]
    var template: String { "proposals/edit" }
    let form: FormView
    let proposal: ProposalView
    let incomeRows: TemplateValue
    let expenseRows: TemplateValue
    let revision: Int
    /// What the organisation's earlier projects handed over (published evaluations).
    let handovers: [HandoverView]
    static let fields = Fields<ProposalEditPage>(
        Fields.form(\.form) + [
            ("proposal", .view(\.proposal)), ("incomeRows", .value(\.incomeRows)),
            ("expenseRows", .value(\.expenseRows)),
            ("revision", .int(\.revision)), ("handovers", .list(\.handovers)),
            ("hasHandovers", .bool { !$0.handovers.isEmpty }),
        ])
}

/// One proposal in a list.
struct ProposalRow: TemplateView {
    let summary: ProposalStore.Summary
    let status: String
    let form: String?
    let overdue: Bool

    init(_ s: ProposalStore.Summary, _ c: RequestContext) {
        summary = s
        status = c.t(s.status.messageKey)
        form = s.form.map { c.t($0.messageKey) }
        let today = DateInput.format(JapaneseCalendar.tokyo(c.now))
        overdue = s.status == .consultation && !s.opinionGiven && (s.opinionDue.map { $0 < today } ?? false)
    }

    static let fields = Fields<ProposalRow>([
        "id": .int { Int($0.summary.id) }, "title": .text(\.summary.title),
        "organisation": .text(\.summary.organisation),
        "call": .text(\.summary.callTitle), "status": .text(\.status), "requested": .yen(\.summary.requested),
        "departments": .text(\.summary.departments), "themed": .bool { $0.summary.themeID != nil },
        "form": .text(\.form),
        "periodFrom": .text(\.summary.periodFrom), "periodTo": .text(\.summary.periodTo),
        "opinionDue": .text(\.summary.opinionDue),
        "opinionGiven": .bool(\.summary.opinionGiven), "consultation": .bool { $0.summary.status == .consultation },
        "overdue": .bool(\.overdue), "fiscalYear": .int(\.summary.fiscalYear),
    ])
}

/// `proposals/mine`: an organisation's proposals, the open proposal calls and the open themes in its fields.
struct MyProposalsPage: PageView {
    static let templates = ["proposals/mine"]
    var template: String { "proposals/mine" }
    let proposals: [ProposalRow]
    let calls: [ThemePage.CallLink]
    let organisationName: String
    let themes: [ThemePage.CallLink]
    static let fields = Fields<MyProposalsPage>([
        "proposals": .list(\.proposals), "calls": .list(\.calls), "organisationName": .text(\.organisationName),
        "themes": .list(\.themes),
    ])
}

/// `proposals/department`: a department's inbox, opinions to give first with their due dates.
struct DepartmentProposalsPage: PageView {
    static let templates = ["proposals/department"]
    var template: String { "proposals/department" }
    let department: String
    let toGive: [ProposalRow]
    let others: [ProposalRow]
    static let fields = Fields<DepartmentProposalsPage>([
        "department": .text(\.department), "toGive": .list(\.toGive), "others": .list(\.others),
    ])
}

/// `proposals/staff-index`: one call's proposals for the office, with state counts.
struct StaffProposalsPage: PageView {
    struct Count: TemplateView {
        let status: String
        let count: Int
        let code: String
        static let fields = Fields<Count>(["status": .text(\.status), "count": .int(\.count), "code": .text(\.code)])
    }

    static let templates = ["proposals/staff-index"]
    var template: String { "proposals/staff-index" }
    let form: FormView
    let call: CallCard
    let proposals: [ProposalRow]
    let counts: [Count]
    let pagination: PaginationView
    static let fields = Fields<StaffProposalsPage>(
        Fields.form(\.form) + [
            ("call", .view(\.call)), ("proposals", .list(\.proposals)), ("counts", .list(\.counts)),
            ("pagination", .view(\.pagination)),
        ])
}

/// `proposals/index`: the public list of selected proposals per fiscal year.
struct PublicProposalsPage: PageView {
    static let templates = ["proposals/index"]
    var template: String { "proposals/index" }
    let form: FormView
    let proposals: [ProposalRow]
    static let fields = Fields<PublicProposalsPage>(
        Fields.form(\.form) + [
            ("proposals", .list(\.proposals)),
            ("count", .int { $0.proposals.count }),
        ])
}

/// `proposals/print`: the A4 print in the paper 様式 style.
struct ProposalPrintPage: PageView {
    static let templates = ["proposals/print"]
    var template: String { "proposals/print" }
    let proposal: ProposalView
    let representative: String
    let address: String
    let printedAt: Date
    static let fields = Fields<ProposalPrintPage>([
        "proposal": .view(\.proposal), "representative": .text(\.representative), "address": .text(\.address),
        "printedAt": .date(\.printedAt),
    ])
}
