import Foundation
import SQLite

/// The only place with SQL for turning notifications into mail: which are not yet mailed, whose
/// they are and how that person wants to hear of them.
enum MailQueueStore {
    struct Unmailed {
        let id: Int64
        let userID: Int64
        let kind: String
        let title: String
        let detail: String
        let href: String
        let read: Bool
        let email: String
        let name: String
        let locale: String
        let preference: String
    }

    /// Notifications not yet mailed, oldest first, at most `limit` (the next run takes the rest).
    static func unmailed(_ db: Database, limit: Int = 2_000) throws -> [Unmailed] {
        try db.query(
            """
            SELECT n.id, n.user_id, n.kind, n.title, n.detail, n.href, n.read_at IS NOT NULL AS read,
                u.email, u.display_name, u.preferred_locale, u.mail_preference
            FROM notification n JOIN user_account u ON u.id = n.user_id
            WHERE n.mailed_at IS NULL ORDER BY n.id LIMIT ?
            """, [limit]
        ).map {
            Unmailed(
                id: try $0.get("id"), userID: try $0.get("user_id"), kind: try $0.get("kind"),
                title: try $0.get("title"),
                detail: try $0.get("detail"), href: try $0.get("href"), read: try $0.get("read"),
                email: try $0.get("email"),
                name: try $0.get("display_name"), locale: try $0.get("preferred_locale"),
                preference: try $0.get("mail_preference"))
        }
    }

    static func hasUnmailed(_ db: Database) throws -> Bool {
        try db.scalar("SELECT EXISTS (SELECT 1 FROM notification WHERE mailed_at IS NULL)", as: Bool.self) ?? false
    }

    static func markMailed(_ db: Database, ids: [Int64], now: Date) throws {
        for id in ids { try db.execute("UPDATE notification SET mailed_at = ? WHERE id = ?", [now, id]) }
    }

    static func markAllMailed(_ db: Database, now: Date) throws {
        try db.execute("UPDATE notification SET mailed_at = ? WHERE mailed_at IS NULL", [now])
    }

    /// Records today's digest for a person; false when it went out already.
    static func recordDigest(_ db: Database, userID: Int64, day: String, now: Date) throws -> Bool {
        try db.execute(
            "INSERT INTO mail_digest (user_id, day, sent_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            [userID, day, now])
        return db.changes == 1
    }

    static func preference(_ db: Database, userID: Int64) throws -> String {
        try db.scalar("SELECT mail_preference FROM user_account WHERE id = ?", [userID], as: String.self) ?? "immediate"
    }

    static func setPreference(_ db: Database, userID: Int64, _ preference: String) throws {
        try db.execute("UPDATE user_account SET mail_preference = ? WHERE id = ?", [preference, userID])
    }
}
