import Foundation
import HTTP
import SQLite

/// An application with the call it answers: what the submit checks need.
public struct GrantCase: Sendable {
    public let application: GrantApplication
    public let call: Call
    /// Names of the attachments present (as the call lists them).
    public var attachmentNames: Set<String> = []
}

/// 下書き → 提出 → 差戻し ⇄ 提出 → 受付 (later: 交付決定/不交付, reports, settlement); 取下げ until decided.
enum GrantWorkflow {
    static let member: @Sendable (Principal, GrantCase) -> Bool = { p, g in p.memberships[g.application.organisationID] != nil }
    static let office: @Sendable (Principal, GrantCase) -> Bool = { p, _ in p.isOffice }

    /// Every reason the application cannot be submitted now, as message keys (the page lists all).
    static func problems(_ g: GrantCase, now: Date) -> [String] {
        let a = g.application, call = g.call
        var keys: [String] = []
        if call.status != .open || now >= call.closesAt { keys.append("application.check.deadline") }
        if a.projectTitle.isEmpty || a.purpose.isEmpty || a.content.isEmpty { keys.append("application.check.required") }
        if !a.budget.contains(where: { $0.direction == .expense }) { keys.append("application.check.noExpense") }
        if a.income != a.expense { keys.append("application.check.unbalanced") }
        if !call.requiredAttachments.allSatisfy(g.attachmentNames.contains) { keys.append("application.check.attachments") }
        guard let requested = a.requestedAmount, requested > .zero else { return keys + ["application.check.requested"] }
        if let max = call.maxAmount, requested > max { keys.append("application.check.overMaximum") }
        if requested > call.subsidyLimit(eligibleExpense: a.eligibleExpense) { keys.append("application.check.overRate") }
        return keys
    }

    /// Transitions with a form of their own; the page does not offer them as plain buttons.
    static let decisions: Set<String> = ["approve", "reject"]

    static let submitGuard: @Sendable (GrantCase, Date) -> String? = { g, now in problems(g, now: now).first }

    static let workflow = Workflow<GrantCase>(
        recordType: "application",
        transitions: [
            .init("submit", from: ["draft"], to: "submitted", labelKey: "application.action.submit", allowed: member, guards: [submitGuard]),
            .init("resubmit", from: ["returned"], to: "submitted", labelKey: "application.action.resubmit", allowed: member, guards: [submitGuard]),
            .init("return", from: ["submitted"], to: "returned", labelKey: "application.action.return", commentRequired: true, allowed: office),
            .init("accept", from: ["submitted"], to: "accepted", labelKey: "application.action.accept", allowed: office),
            // Taken through the decision form, which checks the amount against the budget ceiling.
            .init("approve", from: ["accepted"], to: "approved", labelKey: "application.action.approve", allowed: office),
            .init("reject", from: ["accepted"], to: "rejected", labelKey: "application.action.reject", commentRequired: true, allowed: office),
            .init("withdraw", from: ["draft", "submitted", "returned", "accepted"], to: "withdrawn", labelKey: "application.action.withdraw", allowed: member),
        ],
        state: { $0.application.status.rawValue },
        id: { $0.application.id })
}
