import Foundation
import SQLite

/// Reading the audit trail: a record's history, and the filtered, paginated admin list.
public enum AuditStore {
    public struct Event: Sendable {
        public let id: Int64
        public let occurredAt: Date
        public let actorUserID: Int64?
        public let actorLabel: String
        public let action: String
        public let recordType: String
        public let recordID: Int64?
        public let before: [String: AuditValue]
        public let after: [String: AuditValue]
        public let requestID: String
        public let clientAddress: String
    }

    public struct Filter: Sendable {
        public var actor = ""
        public var recordType = ""
        public var recordID: Int64?
        public var action = ""
        public var from: Date?
        /// Exclusive end.
        public var until: Date?
        public init() {}
    }

    static let columns = "id, occurred_at, actor_user_id, actor_label, action, record_type, record_id, before_json, after_json, request_id, client_address"

    /// Everything that happened to one record, oldest first.
    /// Appends one event (the trail is append-only: a trigger refuses UPDATE and DELETE).
    static func insert(_ db: Database, _ actor: AuditActor, action: String, recordType: String, recordID: Int64?,
                       before: [String: AuditValue], after: [String: AuditValue], now: Date) throws {
        try db.execute("""
            INSERT INTO audit_event (occurred_at, actor_user_id, actor_label, action, record_type, record_id,
                                     before_json, after_json, request_id, client_address)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [now, actor.userID, actor.label, action, recordType, recordID,
                  before.isEmpty ? nil : JSON.object(before), after.isEmpty ? nil : JSON.object(after),
                  actor.requestID, actor.clientAddress])
    }

    public static func history(_ db: Database, recordType: String, recordID: Int64) throws -> [Event] {
        try db.query("SELECT \(columns) FROM audit_event WHERE record_type = ? AND record_id = ? ORDER BY id",
                     [recordType, recordID]).map(event)
    }

    public static func count(_ db: Database, _ filter: Filter) throws -> Int {
        let (clause, values) = whereClause(filter)
        return try db.scalar("SELECT count(*) FROM audit_event \(clause)", values, as: Int.self) ?? 0
    }

    /// Newest first.
    public static func search(_ db: Database, _ filter: Filter, limit: Int, offset: Int) throws -> [Event] {
        let (clause, values) = whereClause(filter)
        return try db.query("SELECT \(columns) FROM audit_event \(clause) ORDER BY id DESC LIMIT ? OFFSET ?",
                            values + [limit, offset]).map(event)
    }

    public static func actions(_ db: Database) throws -> [String] {
        try db.query("SELECT DISTINCT action FROM audit_event ORDER BY action").map { try $0.get("action") }
    }

    public static func recordTypes(_ db: Database) throws -> [String] {
        try db.query("SELECT DISTINCT record_type FROM audit_event ORDER BY record_type").map { try $0.get("record_type") }
    }

    private static func whereClause(_ f: Filter) -> (String, [any SQLBindable]) {
        var conditions: [String] = []
        var values: [any SQLBindable] = []
        if !f.actor.isEmpty { conditions.append("actor_label LIKE ? ESCAPE '\\'"); values.append("%" + escapeLike(f.actor) + "%") }
        if !f.recordType.isEmpty { conditions.append("record_type = ?"); values.append(f.recordType) }
        if let id = f.recordID { conditions.append("record_id = ?"); values.append(id) }
        if !f.action.isEmpty { conditions.append("action = ?"); values.append(f.action) }
        if let from = f.from { conditions.append("occurred_at >= ?"); values.append(from) }
        if let until = f.until { conditions.append("occurred_at < ?"); values.append(until) }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), values)
    }

    static func escapeLike(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }

    private static func event(_ row: Row) throws -> Event {
        Event(id: try row.get("id"), occurredAt: try row.get("occurred_at"), actorUserID: try row.optional("actor_user_id"),
              actorLabel: try row.get("actor_label"), action: try row.get("action"), recordType: try row.get("record_type"),
              recordID: try row.optional("record_id"),
              before: (try row.optional("before_json", as: String.self)).map(JSON.parseObject) ?? [:],
              after: (try row.optional("after_json", as: String.self)).map(JSON.parseObject) ?? [:],
              requestID: try row.get("request_id"), clientAddress: try row.get("client_address"))
    }
}
