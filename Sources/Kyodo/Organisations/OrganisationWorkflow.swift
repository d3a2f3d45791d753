import Foundation
import HTTP
import SQLite

/// 団体の登録状況: 申請中 → 登録済, or 差戻し (with a reason) → 申請中 again; 登録済 ⇄ 休止.
enum OrganisationWorkflow {
    static let workflow = Workflow<Organisation>(
        recordType: "organisation",
        transitions: [
            .init("verify", from: ["pending", "returned"], to: "active", labelKey: "review.verify",
                  allowed: { p, _ in OrganisationPolicy.canVerify(p) }),
            .init("return", from: ["pending"], to: "returned", labelKey: "review.return", commentRequired: true,
                  allowed: { p, _ in OrganisationPolicy.canVerify(p) }),
            .init("resubmit", from: ["returned"], to: "pending", labelKey: "organisation.resubmit",
                  allowed: { p, o in OrganisationPolicy.canEdit(p, o) }),
            .init("deactivate", from: ["active"], to: "inactive", labelKey: "organisation.deactivate",
                  allowed: { p, o in OrganisationPolicy.canChangeActivity(p, o) }),
            .init("reactivate", from: ["inactive"], to: "active", labelKey: "organisation.reactivate",
                  allowed: { p, o in OrganisationPolicy.canChangeActivity(p, o) }),
        ],
        state: { $0.status.rawValue },
        id: { $0.id })

    /// Takes `action` on the organisation and tells whoever should know, in one transaction.
    static func perform(_ action: String, on org: Organisation, comment: String = "", _ c: RequestContext) throws {
        try workflow.take(action, on: org, comment: comment, c) { db, transition in
            let status = OrganisationStatus(rawValue: transition.to) ?? .pending
            try OrganisationStore.setStatus(db, id: org.id, status, reason: action == "return" ? comment : "", now: c.now)
            switch action {
            case "verify": try StaffOrganisationRoutes.notifyMembers(db, c, org, subject: "mail.verified.subject", body: "mail.verified.body", extra: "")
            case "return": try StaffOrganisationRoutes.notifyMembers(db, c, org, subject: "mail.returned.subject", body: "mail.returned.body", extra: comment)
            case "resubmit": try RegistrationRoutes.notifyOffice(db, c, name: org.name)
            default: break
            }
        }
    }
}
