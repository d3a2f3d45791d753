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

    /// Queues a mail. The address and subject become header lines when the mail is sent, so any line
    /// break or other control character in them (a name typed with CR LF) is replaced by a space:
    /// a header can never be injected through a name.
    public static func enqueue(_ db: Database, to: String, subject: String, body: String, now: Date) throws {
        try db.execute("INSERT INTO outbox (to_address, subject, body, created_at) VALUES (?, ?, ?, ?)",
                       [headerSafe(to), headerSafe(subject), body, now])
    }

    /// Mails with this subject sent to `to` since `since`: for limits on mail anyone can trigger.
    public static func recentCount(_ db: Database, to: String, subject: String, since: Date) throws -> Int {
        try db.scalar("SELECT count(*) FROM outbox WHERE to_address = ? AND subject = ? AND created_at > ?",
                      [headerSafe(to), headerSafe(subject), since], as: Int.self) ?? 0
    }

    static func headerSafe(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{2028}" || $0 == "\u{2029}" ? " " : Character($0) })
    }

    public static func latest(_ db: Database, limit: Int = 100) throws -> [Message] {
        try db.query("SELECT id, to_address, subject, body, created_at FROM outbox ORDER BY id DESC LIMIT ?", [limit]).map {
            Message(id: try $0.get("id"), to: try $0.get("to_address"), subject: try $0.get("subject"),
                    body: try $0.get("body"), createdAt: try $0.get("created_at"))
        }
    }
}
