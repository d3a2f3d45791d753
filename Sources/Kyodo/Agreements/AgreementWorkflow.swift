import Foundation

enum AgreementAction: String, WorkflowAction {
    case negotiate
    case confirmOrganisation = "confirm-organisation"
    case confirmCity = "confirm-city"
    case conclude, complete, terminate, revise
}

/// 起案 → 協議中 → 団体確認 → 市確認 → 締結 → 終了 | 解除. An edit after a confirmation (or after 締結)
/// is `revise`: back to 協議中, the confirmations void, a new version.
enum AgreementWorkflow {
    typealias Flow = Workflow<AgreementCase, Agreement.Status, AgreementAction>
    static let office: @Sendable (Principal, AgreementCase) -> Bool = { p, _ in p.isOffice }
    static let member: @Sendable (Principal, AgreementCase) -> Bool = { p, x in AgreementPolicy.isMember(p, x.source) }
    static let city: @Sendable (Principal, AgreementCase) -> Bool = { p, x in AgreementPolicy.isCity(p, x.source) }

    /// Every reason the text cannot be confirmed yet, as message keys.
    static func problems(_ x: AgreementCase) -> [String] {
        let a = x.agreement
        var keys: [String] = []
        if a.title.isEmpty || a["purpose"].isEmpty || a["content"].isEmpty { keys.append("agreement.check.required") }
        if a.periodFrom == nil || a.periodTo == nil { keys.append("agreement.check.period") }
        if a.costs.isEmpty { keys.append("agreement.check.costs") }
        // The shares must cover the project's planned expenses exactly.
        if x.source.expenseTotal > .zero && a.total != x.source.expenseTotal {
            keys.append("agreement.check.costTotal")
        }
        return keys
    }

    static let complete: Flow.Guard = { x, _, _ in problems(x).first }

    static let workflow = Flow(
        recordType: "agreement",
        transitions: [
            .init(
                .negotiate, from: [.draft], to: .negotiating, labelKey: "agreement.action.negotiate", allowed: office),
            .init(
                .confirmOrganisation, from: [.negotiating], to: .orgConfirmed,
                labelKey: "agreement.action.confirmOrganisation",
                allowed: member, guards: [complete]),
            .init(
                .confirmCity, from: [.orgConfirmed], to: .cityConfirmed, labelKey: "agreement.action.confirmCity",
                allowed: city,
                guards: [complete]),
            .init(
                .conclude, from: [.cityConfirmed], to: .inForce, labelKey: "agreement.action.conclude", allowed: office),
            .init(.complete, from: [.inForce], to: .completed, labelKey: "agreement.action.complete", allowed: office),
            .init(
                .terminate, from: [.negotiating, .orgConfirmed, .cityConfirmed, .inForce], to: .terminated,
                labelKey: "agreement.action.terminate", commentRequired: true, allowed: office),
            // Taken only by saving a changed text (the edit form).
            .init(
                .revise, from: [.orgConfirmed, .cityConfirmed, .inForce], to: .negotiating,
                labelKey: "agreement.action.revise",
                entry: .form, allowed: city),
        ],
        load: { db, id in
            guard let a = try AgreementStore.find(db, id: id),
                let s = try AgreementSource.load(db, type: a.sourceType, id: a.sourceID)
            else {
                return nil
            }
            return AgreementCase(agreement: a, source: s)
        },
        state: { $0.agreement.status },
        id: { $0.agreement.id },
        setState: { db, id, from, to, now in try AgreementStore.setStatus(db, id: id, from: from, to: to, now: now) },
        // Every step concerns both parties.
        notify: { db, x, _ in
            let users = try NotificationStore.members(db, organisationID: x.agreement.organisationID) + NotificationStore.office(db)
                + NotificationStore.departmentStaff(db, departmentIDs: x.agreement.departmentID.map { [$0] } ?? [])
            return (users, x.agreement.title, "/agreements/\(x.agreement.id)")
        })
}
