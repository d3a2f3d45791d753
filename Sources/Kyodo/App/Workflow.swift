import Foundation
import HTTP
import SQLite

/// A state of one workflow: an enum per feature, stored by its raw value.
public protocol WorkflowState: RawRepresentable, Hashable, Sendable where RawValue == String {}
/// An action of one workflow: an enum per feature; a URL naming anything else is a 404.
public protocol WorkflowAction: RawRepresentable, Hashable, Sendable, CaseIterable where RawValue == String {}

/// How a transition is taken: by a plain button (the generic transition endpoint), or only through
/// a form of its own that collects and checks what the transition needs (a decision's amount).
public enum TransitionEntry: Sendable {
    case button
    case form
}

/// One generic lifecycle engine for every record that moves through states. `take` runs the whole
/// step inside one write transaction (BEGIN IMMEDIATE, or a savepoint inside one): load the record
/// → who may → guards (which may read the database) → the state change, conditional on the state
/// it was loaded in and required to change exactly one row → history → audit → the transition's
/// side effects. Two conflicting requests cannot both commit: the second sees the new state and
/// gets a 409. A refused step changes nothing.
public struct Workflow<Record: Sendable, State: WorkflowState, Action: WorkflowAction>: Sendable {
    public typealias Guard = @Sendable (Record, Database, Date) throws -> String?

    public struct Transition: Sendable {
        public let action: Action
        public let from: Set<State>
        public let to: State
        /// Message key of the button that takes it.
        public let labelKey: String
        public let commentRequired: Bool
        public let entry: TransitionEntry
        public let allowed: @Sendable (Principal, Record) -> Bool
        /// Each returns the message key explaining why the transition cannot be taken now, or nil.
        public let guards: [Guard]
        /// Irreversible or far-reaching: asked for on a confirmation page of its own first
        /// (`confirm.<recordType>.<action>` says what will happen and whom it affects).
        public let confirm: Bool

        public init(_ action: Action, from: Set<State>, to: State, labelKey: String, commentRequired: Bool = false,
                    entry: TransitionEntry = .button, confirm: Bool = false,
                    allowed: @escaping @Sendable (Principal, Record) -> Bool, guards: [Guard] = []) {
            self.action = action
            self.from = from
            self.to = to
            self.labelKey = labelKey
            self.commentRequired = commentRequired
            self.entry = entry
            self.allowed = allowed
            self.guards = guards
            self.confirm = confirm
        }
    }

    public let recordType: String
    public let transitions: [Transition]
    /// Loads the record by id inside the transaction (the feature's store).
    public let load: @Sendable (Database, Int64) throws -> Record?
    public let state: @Sendable (Record) -> State
    public let id: @Sendable (Record) -> Int64
    /// `UPDATE … SET state = to WHERE id = ? AND state = from` (the feature's store); returns the
    /// number of rows changed.
    public let setState: @Sendable (Database, Int64, _ from: State, _ to: State, Date) throws -> Int
    /// Whom a step concerns, for in-app notifications (the person taking it is left out): the
    /// record's title and page, and the users to tell. nil: nobody.
    public typealias Notice = (users: [Int64], title: String, href: String)
    public let notify: (@Sendable (Database, Record, Transition) throws -> Notice?)?

    public init(recordType: String, transitions: [Transition], load: @escaping @Sendable (Database, Int64) throws -> Record?,
                state: @escaping @Sendable (Record) -> State, id: @escaping @Sendable (Record) -> Int64,
                setState: @escaping @Sendable (Database, Int64, State, State, Date) throws -> Int,
                notify: (@Sendable (Database, Record, Transition) throws -> Notice?)? = nil) {
        self.recordType = recordType
        self.transitions = transitions
        self.load = load
        self.state = state
        self.id = id
        self.setState = setState
        self.notify = notify
    }

    /// The transitions this person may take now, for the record page.
    public func available(to principal: Principal, on record: Record) -> [Transition] {
        transitions.filter { $0.from.contains(state(record)) && $0.allowed(principal, record) }
    }

    /// Those taken by a plain button on the record page.
    public func buttons(for principal: Principal, on record: Record) -> [Transition] {
        available(to: principal, on: record).filter { $0.entry == .button }
    }

    public enum Refusal: Error, Equatable {
        /// No such record, or the person may not take the action → 404 (they learn nothing).
        case notAllowed
        /// Not from the record's current state, or the state changed under us → 409.
        case notFromThisState
        /// A guard failed; the message key says why → 409.
        case guardFailed(String)
        /// A comment is required and none was given → 422.
        case commentRequired
        /// The transition has a form of its own and was asked for by a plain button → 404.
        case needsItsForm
    }

    /// Takes `action` on record `recordID` inside one transaction on `db` and returns the record
    /// as loaded and the transition taken. `effects` runs last, in the same transaction; it may
    /// throw to undo everything.
    @discardableResult
    public func take(_ action: Action, id recordID: Int64, by principal: Principal, actor: AuditActor, comment: String = "",
                     entry: TransitionEntry, in db: Database, now: Date,
                     effects: (Database, Record, Transition) throws -> Void = { _, _, _ in }) throws -> (Record, Transition) {
        try db.transaction { db in
            guard let record = try load(db, recordID) else { throw Refusal.notAllowed }
            let current = state(record)
            let named = transitions.filter { $0.action == action }
            guard named.contains(where: { $0.allowed(principal, record) }) else { throw Refusal.notAllowed }
            guard let transition = named.first(where: { $0.from.contains(current) }) else { throw Refusal.notFromThisState }
            guard transition.allowed(principal, record) else { throw Refusal.notAllowed }
            if transition.entry == .form && entry == .button { throw Refusal.needsItsForm }
            for check in transition.guards { if let reason = try check(record, db, now) { throw Refusal.guardFailed(reason) } }
            let text = comment.trimmingCharacters(in: .whitespacesAndNewlines)
            if transition.commentRequired && text.isEmpty { throw Refusal.commentRequired }
            guard try setState(db, recordID, current, transition.to, now) == 1 else { throw Refusal.notFromThisState }
            try WorkflowStore.record(db, recordType: recordType, recordID: recordID, action: action.rawValue, from: current.rawValue,
                                     to: transition.to.rawValue, actor: actor, comment: text, now: now)
            var after: [String: AuditValue] = ["status": .string(transition.to.rawValue)]
            if !text.isEmpty { after["comment"] = .string(text) }
            try Audit.record(db, actor, action: "\(recordType).\(action.rawValue)", recordType: recordType, recordID: recordID,
                             before: ["status": .string(current.rawValue)], after: after, now: now)
            try effects(db, record, transition)
            if let notice = try notify?(db, record, transition) {
                try NotificationStore.notify(db, users: notice.users.filter { $0 != actor.userID }, kind: "\(recordType).\(action.rawValue)",
                                             title: notice.title, detail: text, href: notice.href, now: now)
            }
            return (record, transition)
        }
    }
}
