import Foundation
import SQLite

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
            INSERT INTO workflow_event (record_type, record_id, action, from_state, to_state, actor_user_id, actor_label, comment,
                occurred_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [recordType, recordID, action, from, to, actor.userID, actor.label, comment, now])
    }

    /// A record's transitions, oldest first.
    public static func timeline(_ db: Database, recordType: String, recordID: Int64) throws -> [Event] {
        try db.query("""
            SELECT record_type, action, from_state, to_state, actor_label, comment, occurred_at FROM workflow_event
            WHERE record_type = ? AND record_id = ? ORDER BY id
            """, [recordType, recordID]).map {
            Event(recordType: try $0.get("record_type"), action: try $0.get("action"), from: try $0.get("from_state"),
                  to: try $0.get("to_state"), actorLabel: try $0.get("actor_label"), comment: try $0.get("comment"),
                  occurredAt: try $0.get("occurred_at"))
        }
    }
}
