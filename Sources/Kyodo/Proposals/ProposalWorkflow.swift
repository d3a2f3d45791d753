import Foundation
import Templating

/// What can be done to a proposal.
enum ProposalAction: String, WorkflowAction {
    case submit, resubmit, `return`, consult, review, select, reject, withdraw, conclude, start, report, evaluate,
        complete
}

/// 下書き → 提出 (差戻し ⇄ 提出) → 担当課協議 → 公開審査 → 採択 | 不採択 → 協定締結 → 実施中 → 実績報告 → 事後評価 → 完了;
/// 取下げ until decided.
enum ProposalWorkflow {
    typealias Flow = Workflow<ProposalCase, Proposal.Status, ProposalAction>
    static let member: @Sendable (Principal, ProposalCase) -> Bool = { p, x in ProposalPolicy.isMember(p, x.proposal) }
    static let office: @Sendable (Principal, ProposalCase) -> Bool = { p, _ in p.isOffice }

    /// A returned proposal may be resubmitted until the end of the date the office set; otherwise
    /// the call's deadline holds.
    static func pastDeadline(_ x: ProposalCase, now: Date) -> Bool {
        if x.proposal.status == .returned, let by = x.proposal.resubmitBy, let day = DateInput.parse(by) {
            return now >= JapaneseCalendar.startOfDay(day).addingTimeInterval(86_400)
        }
        return x.call.status != .open || now >= x.call.closesAt
    }

    /// Every reason the proposal cannot be submitted now, as message keys (the page lists all).
    static func problems(_ x: ProposalCase, now: Date) -> [String] {
        let p = x.proposal
        var keys: [String] = []
        if pastDeadline(x, now: now) { keys.append("application.check.deadline") }
        if p.title.isEmpty || p.localIssue.isEmpty || p.purpose.isEmpty || p.content.isEmpty || p.expectedEffect.isEmpty
        {
            keys.append("proposal.check.required")
        }
        if p.form == nil || p.domain == nil { keys.append("proposal.check.form") }
        if p.roleOrganisation.isEmpty || p.roleCity.isEmpty { keys.append("proposal.check.roles") }
        if p.periodFrom == nil || p.periodTo == nil { keys.append("proposal.check.period") }
        if p.departments.isEmpty { keys.append("proposal.check.departments") }
        if !p.budget.contains(where: { $0.direction == .expense }) { keys.append("application.check.noExpense") }
        if p.income != p.expense { keys.append("application.check.unbalanced") }
        if let max = x.call.maxAmount, let asked = p.requestedAmount, asked > max {
            keys.append("application.check.overMaximum")
        }
        return keys
    }

    static let submitGuard: Flow.Guard = { x, _, now in problems(x, now: now).first }

    /// 公開審査 starts when every partner department has given its opinion (read inside the transaction).
    static let opinionsIn: Flow.Guard = { x, db, _ in
        try ProposalStore.missingOpinions(db, proposalID: x.proposal.id) > 0 ? "proposal.check.opinionsMissing" : nil
    }

    /// The council's pre-evaluation (公開審査 scoring) comes before the decision, as for grants.
    static let evaluated: Flow.Guard = { x, db, _ in
        try ReviewStore.underEvaluation(db, recordType: "proposal", recordID: x.proposal.id, stages: [.pre])
            ? "proposal.check.underEvaluation" : nil
    }

    static let workflow = Flow(
        recordType: "proposal",
        transitions: [
            .init(
                .submit, from: [.draft], to: .submitted, labelKey: "proposal.action.submit", allowed: member,
                guards: [submitGuard]),
            .init(
                .resubmit, from: [.returned], to: .submitted, labelKey: "proposal.action.resubmit", allowed: member,
                guards: [submitGuard]),
            .init(
                .return, from: [.submitted], to: .returned, labelKey: "proposal.action.return", commentRequired: true,
                allowed: office),
            .init(
                .consult, from: [.submitted], to: .consultation, labelKey: "proposal.action.consult", allowed: office),
            .init(
                .review, from: [.consultation], to: .review, labelKey: "proposal.action.review", allowed: office,
                guards: [opinionsIn]),
            // Taken only through the decision form, which records the council's result and conditions or reason.
            .init(
                .select, from: [.review], to: .selected, labelKey: "proposal.action.select", entry: .form,
                allowed: office,
                guards: [evaluated]),
            .init(
                .reject, from: [.review], to: .rejected, labelKey: "proposal.action.reject", commentRequired: true,
                entry: .form,
                allowed: office, guards: [evaluated]),
            .init(
                .withdraw, from: [.draft, .submitted, .returned, .consultation, .review], to: .withdrawn,
                labelKey: "proposal.action.withdraw", confirm: true, allowed: member),
            .init(.conclude, from: [.selected], to: .agreement, labelKey: "proposal.action.conclude", allowed: office),
            .init(.start, from: [.agreement], to: .inProgress, labelKey: "proposal.action.start", allowed: office),
            .init(
                .report, from: [.inProgress], to: .reported, labelKey: "proposal.action.report", commentRequired: true,
                allowed: member),
            .init(.evaluate, from: [.reported], to: .evaluation, labelKey: "proposal.action.evaluate", allowed: office),
            .init(
                .complete, from: [.evaluation], to: .completed, labelKey: "proposal.action.complete", allowed: office),
        ],
        load: { db, id in try ProposalStore.findCase(db, id: id) },
        state: { $0.proposal.status },
        id: { $0.proposal.id },
        setState: { db, id, from, to, now in try ProposalStore.setStatus(db, id: id, from: from, to: to, now: now) },
        // The organisation's steps tell the office; the office's tell the organisation, and consultation the departments too.
        notify: { db, x, t in
            let p = x.proposal
            var users = [.submit, .resubmit, .withdraw, .report].contains(t.action)
                ? try NotificationStore.office(db) : try NotificationStore.members(db, organisationID: p.organisationID)
            if t.action == .consult { users += try NotificationStore.departmentStaff(db, departmentIDs: p.departmentIDs) }
            return (users, p.title, "/proposals/\(p.id)")
        })
}
