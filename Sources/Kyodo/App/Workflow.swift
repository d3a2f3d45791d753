import Foundation
import HTTP
import SQLite

/// One generic lifecycle engine for every record that moves through states (organisations now;
/// calls, applications, proposals, agreements and minutes later). A workflow lists transitions;
/// each says from which states it may be taken, who may take it, what must hold first (guards)
/// and whether a comment is required. Taking one writes the state change, a `workflow_event`
/// row and an audit event in one transaction; a refused one changes nothing.
public struct Workflow<Record: Sendable>: Sendable {
    public struct Transition: Sendable {
        public let action: String
        public let from: Set<String>
        public let to: String
        /// Message key of the button that takes it.
        public let labelKey: String
        public let commentRequired: Bool
        public let allowed: @Sendable (Principal, Record) -> Bool
        /// Each returns the message key explaining why the transition cannot be taken now, or nil.
        public let guards: [@Sendable (Record, Date) -> String?]

        public init(_ action: String, from: Set<String>, to: String, labelKey: String, commentRequired: Bool = false,
                    allowed: @escaping @Sendable (Principal, Record) -> Bool, guards: [@Sendable (Record, Date) -> String?] = []) {
            self.action = action
            self.from = from
            self.to = to
            self.labelKey = labelKey
            self.commentRequired = commentRequired
            self.allowed = allowed
            self.guards = guards
        }
    }

    public let recordType: String
    public let transitions: [Transition]
    /// The record's current state.
    public let state: @Sendable (Record) -> String
    public let id: @Sendable (Record) -> Int64

    public init(recordType: String, transitions: [Transition], state: @escaping @Sendable (Record) -> String,
                id: @escaping @Sendable (Record) -> Int64) {
        self.recordType = recordType
        self.transitions = transitions
        self.state = state
        self.id = id
    }

    /// The transitions this person may take now, for the record page's buttons.
    public func available(to principal: Principal, on record: Record) -> [Transition] {
        transitions.filter { $0.from.contains(state(record)) && $0.allowed(principal, record) }
    }

    public enum Refusal: Error, Equatable {
        /// Not a transition of this workflow, or not from the record's current state → 409.
        case notFromThisState
        /// The person may not take it → 404 (they learn nothing about the record).
        case notAllowed
        /// A guard failed; the message key says why → 409.
        case guardFailed(String)
        /// A comment is required and none was given → 422.
        case commentRequired
    }

    /// Checks and takes `action`. `apply` writes the record's new state; it runs inside the same
    /// transaction as the history and audit rows.
    @discardableResult
    public func perform(_ action: String, on record: Record, by principal: Principal, actor: AuditActor, comment: String,
                        in db: Database, now: Date, apply: (Database, Transition) throws -> Void) throws -> Transition {
        let current = state(record)
        guard let transition = transitions.first(where: { $0.action == action && $0.from.contains(current) }) else {
            throw transitions.contains(where: { $0.action == action && $0.allowed(principal, record) }) ? Refusal.notFromThisState : Refusal.notAllowed
        }
        guard transition.allowed(principal, record) else { throw Refusal.notAllowed }
        for check in transition.guards { if let reason = check(record, now) { throw Refusal.guardFailed(reason) } }
        let text = comment.trimmingCharacters(in: .whitespacesAndNewlines)
        if transition.commentRequired && text.isEmpty { throw Refusal.commentRequired }
        try db.transaction { db in
            try apply(db, transition)
            try WorkflowStore.record(db, recordType: recordType, recordID: id(record), action: action, from: current, to: transition.to,
                                     actor: actor, comment: text, now: now)
            var after: [String: AuditValue] = ["status": .string(transition.to)]
            if !text.isEmpty { after["comment"] = .string(text) }
            try Audit.record(db, actor, action: "\(recordType).\(action)", recordType: recordType, recordID: id(record),
                             before: ["status": .string(current)], after: after, now: now)
        }
        return transition
    }
}

/// The only place with SQL for `workflow_event`.
public enum WorkflowStore {
    public struct Event: Sendable {
        public let recordType: String
        public let action: String
        public let from: String
        public let to: String
        public let actorLabel: String
        public let comment: String
        public let occurredAt: Date
    }

    static func record(_ db: Database, recordType: String, recordID: Int64, action: String, from: String, to: String,
                       actor: AuditActor, comment: String, now: Date) throws {
        try db.execute("""
            INSERT INTO workflow_event (record_type, record_id, action, from_state, to_state, actor_user_id, actor_label, comment, occurred_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [recordType, recordID, action, from, to, actor.userID, actor.label, comment, now])
    }

    /// A record's transitions, oldest first.
    public static func timeline(_ db: Database, recordType: String, recordID: Int64) throws -> [Event] {
        try db.query("""
            SELECT record_type, action, from_state, to_state, actor_label, comment, occurred_at FROM workflow_event
            WHERE record_type = ? AND record_id = ? ORDER BY id
            """, [recordType, recordID]).map {
            Event(recordType: try $0.get("record_type"), action: try $0.get("action"), from: try $0.get("from_state"), to: try $0.get("to_state"),
                  actorLabel: try $0.get("actor_label"), comment: try $0.get("comment"), occurredAt: try $0.get("occurred_at"))
        }
    }
}
