import Foundation
import HTTP
import SQLite

enum OrganisationAction: String, WorkflowAction {
    case verify, `return`, resubmit, deactivate, reactivate
}

/// 団体の登録状況: 申請中 → 登録済, or 差戻し (with a reason) → 申請中 again; 登録済 ⇄ 休止.
enum OrganisationWorkflow {
    static let workflow = Workflow<Organisation, OrganisationStatus, OrganisationAction>(
        recordType: "organisation",
        transitions: [
            .init(.verify, from: [.pending, .returned], to: .active, labelKey: "review.verify",
                  allowed: { p, _ in OrganisationPolicy.canVerify(p) }),
            .init(.return, from: [.pending], to: .returned, labelKey: "review.return", commentRequired: true,
                  allowed: { p, _ in OrganisationPolicy.canVerify(p) }),
            .init(.resubmit, from: [.returned], to: .pending, labelKey: "organisation.resubmit",
                  allowed: { p, o in OrganisationPolicy.canEdit(p, o) }),
            .init(.deactivate, from: [.active], to: .inactive, labelKey: "organisation.deactivate", confirm: true,
                  allowed: { p, o in OrganisationPolicy.canChangeActivity(p, o) }),
            .init(.reactivate, from: [.inactive], to: .active, labelKey: "organisation.reactivate",
                  allowed: { p, o in OrganisationPolicy.canChangeActivity(p, o) }),
        ],
        load: { db, id in try OrganisationStore.find(db, id: id) },
        state: { $0.status },
        id: { $0.id },
        setState: { db, id, from, to, now in try OrganisationStore.setStatus(db, id: id, from: from, to: to, now: now) })

    /// Takes `action` on the organisation and tells whoever should know, in one transaction.
    static func perform(_ action: OrganisationAction, on org: Organisation, comment: String = "", _ c: RequestContext) throws {
        try workflow.take(action, id: org.id, comment: comment, c) { db, fresh, _ in
            switch action {
            case .verify:
                try StaffOrganisationRoutes.notifyMembers(db, c, fresh, subject: "mail.verified.subject", body: "mail.verified.body", extra: "")
            case .return:
                try OrganisationStore.setReturnReason(db, id: fresh.id, comment)
                try StaffOrganisationRoutes.notifyMembers(db, c, fresh, subject: "mail.returned.subject", body: "mail.returned.body",
                                                          extra: comment)
            case .resubmit: try RegistrationRoutes.notifyOffice(db, c, name: fresh.name)
            case .deactivate, .reactivate: break
            }
        }
    }
}
