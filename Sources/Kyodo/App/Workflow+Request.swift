import Foundation
import HTTP
import SQLite

extension Workflow {
    /// Takes `action` on record `id` for the person making the request, in one write transaction,
    /// answering a refusal the same way everywhere: not theirs (or no such record) 404, wrong or
    /// changed state 409 (a real conflict), a guard 422 with its reason and a missing comment 422
    /// (what the person can fix: a handler may catch these and show its page again with the message
    /// next to the button and what was typed), a form-only transition asked for by a button 404.
    @discardableResult
    func take(_ action: Action, id: Int64, comment: String = "", entry: TransitionEntry = .button, _ c: RequestContext,
              effects: (Database, Record, Transition) throws -> Void = { _, _, _ in }) throws -> (Record, Transition) {
        try askToConfirm(action, id: id, entry: entry, c)
        do {
            return try c.services.database.write { db in
                try take(action, id: id, by: c.principal, actor: c.actor, comment: comment, entry: entry, in: db, now: c.now,
                         effects: effects)
            }
        } catch let refusal as Refusal {
            switch refusal {
            case .notAllowed, .needsItsForm: throw HTTPError(.notFound)
            case .notFromThisState: throw HTTPError(.conflict, message: c.t("workflow.error.state"))
            case .guardFailed(let key): throw HTTPError(.unprocessableContent, message: c.t(key))
            case .commentRequired: throw HTTPError(.unprocessableContent, message: c.t("workflow.error.comment"))
            }
        }
    }

    /// A transition marked `confirm` is first answered with its confirmation page (everything the
    /// form sent, carried in hidden fields, and `confirmed=1`), when the person may take it now;
    /// anyone else gets the usual refusal from `take`.
    /// Its guards are asked first: a step that would be refused says why at once, not after a confirmation.
    func askToConfirm(_ action: Action, id: Int64, entry: TransitionEntry, _ c: RequestContext) throws {
        let candidates = transitions.filter { $0.action == action && $0.confirm && !($0.entry == .form && entry == .button) }
        guard !candidates.isEmpty, (try c.request.form())["confirmed"] != "1" else { return }
        let now = c.now
        let ready = try c.services.database.read { db -> Transition? in
            guard let record = try load(db, id),
                  let transition = candidates.first(where: { $0.from.contains(state(record)) && $0.allowed(c.principal, record) })
            else { return nil }
            for check in transition.guards where try check(record, db, now) != nil { return nil }
            return transition
        }
        guard let transition = ready else { return }
        throw EarlyResponse(try ConfirmationPage.response(c, recordType: recordType, action: action.rawValue,
                                                          label: c.t(transition.labelKey)))
    }

    /// The action named in the URL's `:action`, or 404.
    func action(_ c: RequestContext) throws -> Action {
        guard let action = Action(rawValue: try c.request.parameters.require("action", as: String.self)) else {
            throw HTTPError(.notFound)
        }
        return action
    }
}

/// A refusal the person can fix (422), caught by a record page to show it next to the action.
func fixableRefusal(_ error: Error) -> String? {
    guard let e = error as? HTTPError, e.status == .unprocessableContent else { return nil }
    return e.message
}
