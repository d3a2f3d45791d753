import Foundation
import Templating

/// An application as every grant page shows it (summary, budget, the call it answers).
struct ApplicationView: TemplateView {
    struct Line: TemplateView {
        let category: String
        let amount: Yen
        let eligible: Bool
        let note: String
        static let fields = Fields<Line>([
            "category": .text(\.category), "amount": .yen(\.amount), "eligible": .bool(\.eligible), "note": .text(\.note),
        ])
    }

    let application: GrantApplication
    let status: String
    let limit: Yen
    let rate: String
    let call: CallCard

    init(_ g: GrantCase, _ c: RequestContext) {
        application = g.application
        status = c.t(g.application.status.messageKey)
        limit = g.call.subsidyLimit(eligibleExpense: g.application.eligibleExpense)
        rate = "\(g.call.rateNumerator)/\(g.call.rateDenominator)"
        call = CallCard(g.call, c)
    }

    private static func lines(_ a: GrantApplication, _ d: GrantApplication.BudgetLine.Direction) -> [Line] {
        a.budget.filter { $0.direction == d }.map { .init(category: $0.category, amount: $0.amount, eligible: $0.eligible, note: $0.note) }
    }

    static let fields = Fields<ApplicationView>([
        "id": .int { Int($0.application.id) }, "status": .text(\.status), "editable": .bool(\.application.isEditable),
        "approved": .bool { $0.application.status == .approved },
        "projectTitle": .text(\.application.projectTitle), "purpose": .text(\.application.purpose),
        "content": .text(\.application.content), "beneficiaries": .text(\.application.beneficiaries),
        "place": .text(\.application.place), "schedule": .text(\.application.schedule),
        "requestedAmount": .yen(\.application.requestedAmount), "grantedAmount": .yen(\.application.grantedAmount),
        "conditions": .text(\.application.conditions),
        "income": .list { lines($0.application, .income) }, "expense": .list { lines($0.application, .expense) },
        "incomeTotal": .yen(\.application.income), "expenseTotal": .yen(\.application.expense),
        "eligibleTotal": .yen(\.application.eligibleExpense), "limit": .yen(\.limit), "rate": .text(\.rate),
        "call": .view(\.call),
    ])
}

/// An attached file, and the names the call asks for (with whether each is still missing).
struct AttachmentItem: TemplateView {
    let id: Int64
    let name: String
    let filename: String
    let size: String
    static let fields = Fields<AttachmentItem>([
        "id": .int { Int($0.id) }, "name": .text(\.name), "filename": .text(\.filename), "size": .text(\.size),
    ])
}

struct AttachmentName: TemplateView {
    let value: String
    let missing: Bool
    var selected = false
    static let fields = Fields<AttachmentName>(["value": .text(\.value), "missing": .bool(\.missing), "selected": .bool(\.selected)])
}

/// `applications/show`: the application, what stops its submission, the office's forms.
struct ApplicationPage: PageView {
    struct OrganisationRef: TemplateView {
        let id: Int64
        let name: String
        static let fields = Fields<OrganisationRef>(["id": .int { Int($0.id) }, "name": .text(\.name)])
    }

    struct Change: TemplateView {
        let field: String
        let before: String
        let after: String
        static let fields = Fields<Change>(["field": .text(\.field), "before": .text(\.before), "after": .text(\.after)])
    }

    struct Changes: TemplateView {
        let version: Int
        let items: [Change]
        static let fields = Fields<Changes>(["version": .int(\.version), "items": .list(\.items), "none": .bool { $0.items.isEmpty }])
    }

    struct Decision: TemplateView {
        let ceiling: Yen?
        let granted: Yen
        let remaining: Yen?
        let grantedAmount: String
        let conditions: String
        let reason: String
        let amountError: String?
        let reasonError: String?
        static let fields = Fields<Decision>([
            "ceiling": .yen(\.ceiling), "granted": .yen(\.granted), "remaining": .yen(\.remaining),
            "grantedAmount": .text(\.grantedAmount), "conditions": .text(\.conditions), "reason": .text(\.reason),
            "amountError": .text(\.amountError), "reasonError": .text(\.reasonError),
        ])
    }

    struct CheckItem: TemplateView {
        let value: String
        let label: String
        let checked: Bool
        static let fields = Fields<CheckItem>(["value": .text(\.value), "label": .text(\.label), "checked": .bool(\.checked)])
    }

    /// 形式審査: the checklist with 受け付ける and 差し戻す as the two buttons of one form.
    struct Review: TemplateView {
        let checklistItems: [CheckItem]
        let commentValue: String
        let resubmitValue: String
        let checkError: String?
        let commentError: String?
        let resubmitError: String?
        let actionError: String?
        let acceptLabel: String
        let returnLabel: String
        static let fields = Fields<Review>([
            "checklistItems": .list(\.checklistItems), "commentValue": .text(\.commentValue), "resubmitValue": .text(\.resubmitValue),
            "checkError": .text(\.checkError), "commentError": .text(\.commentError), "resubmitError": .text(\.resubmitError),
            "actionError": .text(\.actionError), "acceptLabel": .text(\.acceptLabel), "returnLabel": .text(\.returnLabel),
        ])
    }

    struct Action: TemplateView {
        let action: String
        let label: String
        let comment: Bool
        let checklist: Bool
        let resubmission: Bool
        let checklistItems: [CheckItem]
        let commentValue: String
        let resubmitValue: String
        let checkError: String?
        let commentError: String?
        let resubmitError: String?
        /// Why the action was refused (a guard: something to fix first).
        let actionError: String?
        static let fields = Fields<Action>([
            "action": .text(\.action), "label": .text(\.label), "comment": .bool(\.comment), "checklist": .bool(\.checklist),
            "resubmission": .bool(\.resubmission), "checklistItems": .list(\.checklistItems), "commentValue": .text(\.commentValue),
            "resubmitValue": .text(\.resubmitValue), "checkError": .text(\.checkError), "commentError": .text(\.commentError),
            "resubmitError": .text(\.resubmitError), "actionError": .text(\.actionError),
        ])
    }

    static let templates = ["applications/show"]
    var template: String { "applications/show" }
    let application: ApplicationView
    let organisation: OrganisationRef
    let problems: [String]
    let changes: Changes?
    let decision: Decision?
    let review: Review?
    let actions: [Action]
    let errors: [FormView.Problem]
    let attachments: [AttachmentItem]
    let attachmentNames: [AttachmentName]
    /// The shared timeline panel.
    let timeline: TemplateValue
    /// The office's reason, unconfirmed items and resubmission date when it is returned.
    var returnReason: String? = nil

    static let fields = Fields<ApplicationPage>([
        "application": .view(\.application), "organisation": .view(\.organisation), "problems": .texts(\.problems),
        "changes": .view(\.changes), "decision": .view(\.decision), "review": .view(\.review), "actions": .list(\.actions),
        "errors": .list(\.errors),
        "hasErrors": .bool { !$0.errors.isEmpty }, "attachments": .list(\.attachments), "attachmentNames": .list(\.attachmentNames),
        "timeline": .value(\.timeline), "returnReason": .text(\.returnReason),
    ])
}

/// `applications/edit`: the draft form with its budget rows and attachments.
struct ApplicationEditPage: PageView {
    static let templates = ["applications/edit"]
    var template: String { "applications/edit" }
    let form: FormView
    let application: ApplicationView
    /// The budget row inputs, shared with the report form (`budget-inputs.html`).
    let incomeRows: TemplateValue
    let expenseRows: TemplateValue
    let revision: Int
    let attachments: [AttachmentItem]
    let attachmentNames: [AttachmentName]
    /// Why an upload was refused (wrong type, too large, over the quota), shown by the file input.
    var attachmentError: String? = nil
    static let fields = Fields<ApplicationEditPage>(Fields.form(\.form) + [
        ("application", .view(\.application)), ("incomeRows", .value(\.incomeRows)), ("expenseRows", .value(\.expenseRows)),
        ("revision", .int(\.revision)), ("attachments", .list(\.attachments)), ("attachmentNames", .list(\.attachmentNames)),
        ("attachmentError", .text(\.attachmentError)),
    ])
}

/// `applications/report`: 実施報告 and 額の確定.
struct ReportPage: PageView {
    struct Report: TemplateView {
        let status: String
        let editable: Bool
        let outcomes: String
        let endOn: String
        let due: Date?
        let actualEligible: Yen
        let limit: Yen
        let granted: Yen?
        let settled: Yen?
        let expense: [ApplicationView.Line]
        static let fields = Fields<Report>([
            "status": .text(\.status), "editable": .bool(\.editable), "outcomes": .text(\.outcomes), "endOn": .text(\.endOn),
            "due": .date(\.due), "actualEligible": .yen(\.actualEligible), "limit": .yen(\.limit),
            "granted": .yen(\.granted), "settled": .yen(\.settled), "expense": .list(\.expense),
        ])
    }

    struct Action: TemplateView {
        let action: String
        let label: String
        let comment: Bool
        static let fields = Fields<Action>(["action": .text(\.action), "label": .text(\.label), "comment": .bool(\.comment)])
    }

    static let templates = ["applications/report"]
    var template: String { "applications/report" }
    let application: ApplicationView
    let report: Report
    let incomeRows: TemplateValue
    let expenseRows: TemplateValue
    let files: [AttachmentItem]
    let errors: [FormView.Problem]
    let actions: [Action]
    let timeline: TemplateValue
    static let fields = Fields<ReportPage>([
        "application": .view(\.application), "report": .view(\.report), "incomeRows": .value(\.incomeRows),
        "expenseRows": .value(\.expenseRows), "files": .list(\.files), "errors": .list(\.errors), "hasErrors": .bool { !$0.errors.isEmpty },
        "actions": .list(\.actions), "timeline": .value(\.timeline),
    ])
}

/// `applications/print`: the A4 print of an application.
struct PrintPage: PageView {
    struct Applicant: TemplateView {
        let name: String
        let representative: String
        let address: String
        static let fields = Fields<Applicant>(["name": .text(\.name), "representative": .text(\.representative), "address": .text(\.address)])
    }

    static let templates = ["applications/print"]
    var template: String { "applications/print" }
    let application: ApplicationView
    let organisation: Applicant
    let printedAt: Date
    static let fields = Fields<PrintPage>(["application": .view(\.application), "organisation": .view(\.organisation), "printedAt": .date(\.printedAt)])
}
