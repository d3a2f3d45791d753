import Foundation
import SQLite

/// Mail to send. For now it waits in `outbox`; the notifications feature will deliver it.
public enum Outbox {
    public struct Message: Sendable {
        public let id: Int64
        public let to: String
        public let subject: String
        public let body: String
        public let createdAt: Date
    }

    public static func enqueue(_ db: Database, to: String, subject: String, body: String, now: Date) throws {
        try db.execute("INSERT INTO outbox (to_address, subject, body, created_at) VALUES (?, ?, ?, ?)", [to, subject, body, now])
    }

    public static func latest(_ db: Database, limit: Int = 100) throws -> [Message] {
        try db.query("SELECT id, to_address, subject, body, created_at FROM outbox ORDER BY id DESC LIMIT ?", [limit]).map {
            Message(id: try $0.get("id"), to: try $0.get("to_address"), subject: try $0.get("subject"),
                    body: try $0.get("body"), createdAt: try $0.get("created_at"))
        }
    }
}
