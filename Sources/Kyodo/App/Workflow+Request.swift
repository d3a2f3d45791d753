import Foundation
import HTTP
import SQLite

extension Workflow {
    /// Takes `action` for the person making the request, in one write transaction, answering a
    /// refusal the same way everywhere: wrong state 409, not theirs to take 404, guard 409 with
    /// its reason, missing comment 422. `check` runs first inside the transaction, for rules
    /// that need the database (e.g. the budget left under a call).
    func take(_ action: String, on record: Record, comment: String = "", _ c: RequestContext,
              check: (Database) throws -> Void = { _ in }, apply: (Database, Transition) throws -> Void) throws {
        do {
            try c.services.database.write { db in
                try check(db)
                try perform(action, on: record, by: c.principal, actor: c.actor, comment: comment, in: db, now: c.now, apply: apply)
            }
        } catch let refusal as Refusal {
            switch refusal {
            case .notFromThisState: throw HTTPError(.conflict, message: c.t("workflow.error.state"))
            case .notAllowed: throw HTTPError(.notFound)
            case .guardFailed(let key): throw HTTPError(.conflict, message: c.t(key))
            case .commentRequired: throw HTTPError(.unprocessableContent, message: c.t("workflow.error.comment"))
            }
        }
    }
}
