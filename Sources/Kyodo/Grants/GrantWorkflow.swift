import Foundation
import HTTP
import SQLite
import Templating

/// An application with the call it answers: what the submit checks need.
public struct GrantCase: Sendable {
    public let application: GrantApplication
    public let call: Call
    /// Names of the attachments present (as the call lists them).
    public var attachmentNames: Set<String> = []
    /// Council members' accounts that score it (not recused): they read it as the material of their review.
    public var reviewers: Set<Int64> = []
}

/// What can be done to an application.
enum GrantAction: String, WorkflowAction {
    case submit, resubmit, `return`, accept, approve, reject, withdraw
}

/// 下書き → 提出 → 差戻し ⇄ 提出 → 受付 → 交付決定/不交付; 取下げ until decided.
enum GrantWorkflow {
    static let member: @Sendable (Principal, GrantCase) -> Bool = { p, g in GrantPolicy.isMember(p, g.application) }
    static let office: @Sendable (Principal, GrantCase) -> Bool = { p, g in GrantPolicy.canReview(p, g.application) }

    /// A returned application may be resubmitted until the end of the date the office set, even
    /// after the call's deadline; otherwise the call's deadline holds.
    static func pastDeadline(_ g: GrantCase, now: Date) -> Bool {
        if g.application.status == .returned, let by = g.application.resubmitBy, let day = DateInput.parse(by) {
            return now >= JapaneseCalendar.startOfDay(day).addingTimeInterval(86_400)
        }
        return g.call.status != .open || now >= g.call.closesAt
    }

    /// Every reason the application cannot be submitted now, as message keys (the page lists all).
    static func problems(_ g: GrantCase, now: Date) -> [String] {
        let a = g.application, call = g.call
        var keys: [String] = []
        if pastDeadline(g, now: now) { keys.append("application.check.deadline") }
        if a.projectTitle.isEmpty || a.purpose.isEmpty || a.content.isEmpty { keys.append("application.check.required") }
        if !a.budget.contains(where: { $0.direction == .expense }) { keys.append("application.check.noExpense") }
        if a.income != a.expense { keys.append("application.check.unbalanced") }
        if !call.requiredAttachments.allSatisfy(g.attachmentNames.contains) { keys.append("application.check.attachments") }
        guard let requested = a.requestedAmount, requested > .zero else { return keys + ["application.check.requested"] }
        if let max = call.maxAmount, requested > max { keys.append("application.check.overMaximum") }
        if requested > call.subsidyLimit(eligibleExpense: a.eligibleExpense) { keys.append("application.check.overRate") }
        return keys
    }

    static let submitGuard: Workflow<GrantCase, GrantApplication.Status, GrantAction>.Guard = { g, _, now in problems(g, now: now).first }

    /// 事前評価 sits between 受付 and 交付決定: while a council round scores the application, the
    /// decision waits (read inside the decision's transaction).
    static let evaluated: Workflow<GrantCase, GrantApplication.Status, GrantAction>.Guard = { g, db, _ in
        try ReviewStore.underEvaluation(db, recordType: "application", recordID: g.application.id, stages: [.pre])
            ? "application.check.underEvaluation" : nil
    }

    static let workflow = Workflow<GrantCase, GrantApplication.Status, GrantAction>(
        recordType: "application",
        transitions: [
            .init(.submit, from: [.draft], to: .submitted, labelKey: "application.action.submit", allowed: member, guards: [submitGuard]),
            .init(.resubmit, from: [.returned], to: .submitted, labelKey: "application.action.resubmit", allowed: member,
                  guards: [submitGuard]),
            .init(.return, from: [.submitted], to: .returned, labelKey: "application.action.return", commentRequired: true,
                  allowed: office),
            .init(.accept, from: [.submitted], to: .accepted, labelKey: "application.action.accept", allowed: office),
            // Taken only through the decision form, which records the amount and checks the budget ceiling.
            .init(.approve, from: [.accepted], to: .approved, labelKey: "application.action.approve", entry: .form, allowed: office,
                  guards: [evaluated]),
            .init(.reject, from: [.accepted], to: .rejected, labelKey: "application.action.reject", commentRequired: true,
                  entry: .form, confirm: true, allowed: office, guards: [evaluated]),
            .init(.withdraw, from: [.draft, .submitted, .returned, .accepted], to: .withdrawn, labelKey: "application.action.withdraw",
                  confirm: true, allowed: member),
        ],
        load: { db, id in try GrantStore.findCase(db, id: id) },
        state: { $0.application.status },
        id: { $0.application.id },
        setState: { db, id, from, to, now in try GrantStore.setStatus(db, id: id, from: from, to: to, now: now) },
        // A submission tells the office; the office's steps tell the organisation.
        notify: { db, g, t in
            let a = g.application
            let users = [.submit, .resubmit, .withdraw].contains(t.action)
                ? try NotificationStore.office(db) : try NotificationStore.members(db, organisationID: a.organisationID)
            return (users, a.projectTitle.isEmpty ? g.call.title : a.projectTitle, "/applications/\(a.id)")
        })
}
