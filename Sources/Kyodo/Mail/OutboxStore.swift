import Foundation
import SQLite

/// Mail to send: it waits in `outbox` until `MailDelivery` hands it to the SMTP server. The only
/// place with SQL for the outbox.
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

    // MARK: Delivery

    public struct Pending: Sendable {
        public let id: Int64
        public let to: String
        public let subject: String
        public let body: String
        public let messageID: String
        public let attempts: Int
        public let createdAt: Date
    }

    /// Takes up to `limit` messages that are due and leases them for `lease` seconds (so a second
    /// sender, or this one after a crash, leaves them alone until then); gives each a Message-ID
    /// once, kept for its retries.
    static func lease(_ db: Database, now: Date, limit: Int, lease: Double, domain: String) throws -> [Pending] {
        let rows = try db.query("""
            SELECT id, to_address, subject, body, message_id, attempts, created_at FROM outbox
            WHERE sent_at IS NULL AND failed_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
            ORDER BY id LIMIT ?
            """, [now, limit])
        var pending: [Pending] = []
        for row in rows {
            let id: Int64 = try row.get("id")
            let messageID = try row.optional("message_id", as: String.self) ?? "\(UUID().uuidString.lowercased())@\(domain)"
            try db.execute("UPDATE outbox SET message_id = ?, next_attempt_at = ? WHERE id = ?",
                           [messageID, now.addingTimeInterval(lease), id])
            pending.append(Pending(id: id, to: try row.get("to_address"), subject: try row.get("subject"), body: try row.get("body"),
                                   messageID: messageID, attempts: try row.get("attempts"), createdAt: try row.get("created_at")))
        }
        return pending
    }

    static func markSent(_ db: Database, id: Int64, now: Date) throws {
        try db.execute("UPDATE outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL, next_attempt_at = NULL WHERE id = ?",
                       [now, id])
    }

    /// A failed attempt: tried again at `next`, or marked failed when `next` is nil.
    static func markAttempt(_ db: Database, id: Int64, error: String, next: Date?, now: Date) throws {
        try db.execute("""
            UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?,
                failed_at = CASE WHEN ? IS NULL THEN ? END WHERE id = ?
            """, [String(error.prefix(500)), next, next, now, id])
    }

    /// Queues a failed message again (from /admin/mail); false when it was not failed.
    static func retry(_ db: Database, id: Int64) throws -> Bool {
        try db.execute("UPDATE outbox SET failed_at = NULL, next_attempt_at = NULL WHERE id = ? AND failed_at IS NOT NULL", [id])
        return db.changes == 1
    }

    public enum State: String, Sendable { case queued, sent, failed }

    public struct Entry: Sendable {
        public let id: Int64
        public let to: String
        public let subject: String
        public let createdAt: Date
        public let sentAt: Date?
        public let failedAt: Date?
        public let nextAttemptAt: Date?
        public let attempts: Int
        public let lastError: String?
    }

    static func entries(_ db: Database, state: State, limit: Int = 200) throws -> [Entry] {
        let condition = switch state {
        case .queued: "sent_at IS NULL AND failed_at IS NULL ORDER BY id"
        case .sent: "sent_at IS NOT NULL ORDER BY sent_at DESC, id DESC"
        case .failed: "failed_at IS NOT NULL ORDER BY failed_at DESC, id DESC"
        }
        return try db.query("""
            SELECT id, to_address, subject, created_at, sent_at, failed_at, next_attempt_at, attempts, last_error FROM outbox
            WHERE \(condition) LIMIT ?
            """, [limit]).map {
            Entry(id: try $0.get("id"), to: try $0.get("to_address"), subject: try $0.get("subject"), createdAt: try $0.get("created_at"),
                  sentAt: try $0.optional("sent_at"), failedAt: try $0.optional("failed_at"),
                  nextAttemptAt: try $0.optional("next_attempt_at"), attempts: try $0.get("attempts"),
                  lastError: try $0.optional("last_error"))
        }
    }

    /// Messages per state, for the queue page's tabs.
    static func counts(_ db: Database) throws -> [State: Int] {
        let row = try db.first("""
            SELECT count(*) FILTER (WHERE sent_at IS NULL AND failed_at IS NULL) AS queued,
                count(*) FILTER (WHERE sent_at IS NOT NULL) AS sent, count(*) FILTER (WHERE failed_at IS NOT NULL) AS failed
            FROM outbox
            """)
        return [.queued: try row?.get("queued") ?? 0, .sent: try row?.get("sent") ?? 0, .failed: try row?.get("failed") ?? 0]
    }

    /// Removes delivered mail sent before `before` (the retention setting); returns how many.
    static func purgeDelivered(_ db: Database, before: Date) throws -> Int {
        try db.execute("DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < ?", [before])
        return db.changes
    }
}
