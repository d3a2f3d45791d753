import Foundation
import SQLite

/// The only place with SQL for in-app notifications, and for finding who a step concerns.
public enum NotificationStore {
    public struct Notification: Sendable {
        public let id: Int64
        public let kind: String
        public let title: String
        public let href: String
        public let createdAt: Date
        public let read: Bool
    }

    /// Notifies each user once (the actor is left out by the caller).
    /// `detail` is a line for the mail (a return's reason, a deadline).
    public static func notify(_ db: Database, users: [Int64], kind: String, title: String, detail: String = "", href: String,
                              now: Date) throws {
        for user in Set(users).sorted() {
            try db.execute("INSERT INTO notification (user_id, kind, title, detail, href, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                           [user, kind, title, detail, href, now])
        }
    }

    public static func unread(_ db: Database, userID: Int64) throws -> Int {
        try db.scalar("SELECT count(*) FROM notification WHERE user_id = ? AND read_at IS NULL", [userID], as: Int.self) ?? 0
    }

    public static func list(_ db: Database, userID: Int64, limit: Int = 100) throws -> [Notification] {
        try db.query("SELECT id, kind, title, href, created_at, read_at IS NOT NULL AS read FROM notification WHERE user_id = ? ORDER BY id DESC LIMIT ?",
                     [userID, limit]).map {
            Notification(id: try $0.get("id"), kind: try $0.get("kind"), title: try $0.get("title"), href: try $0.get("href"),
                         createdAt: try $0.get("created_at"), read: try $0.get("read"))
        }
    }

    /// Marks one read and returns where it leads; nil when it is not the user's.
    public static func markRead(_ db: Database, id: Int64, userID: Int64, now: Date) throws -> String? {
        try db.execute("UPDATE notification SET read_at = coalesce(read_at, ?) WHERE id = ? AND user_id = ?", [now, id, userID])
        return try db.scalar("SELECT href FROM notification WHERE id = ? AND user_id = ?", [id, userID], as: String.self)
    }

    public static func markAllRead(_ db: Database, userID: Int64, now: Date) throws {
        try db.execute("UPDATE notification SET read_at = ? WHERE user_id = ? AND read_at IS NULL", [now, userID])
    }

    // MARK: Who a step concerns

    /// Active office staff (事務局 and 管理者).
    public static func office(_ db: Database) throws -> [Int64] {
        try db.query("""
            SELECT DISTINCT u.id FROM user_account u JOIN user_role r ON r.user_id = u.id AND r.role IN ('staff', 'admin') WHERE u.is_active = 1
            """).map { try $0.get("id") }
    }

    /// An organisation's members who have accepted.
    public static func members(_ db: Database, organisationID: Int64) throws -> [Int64] {
        try db.query("SELECT user_id FROM organisation_member WHERE organisation_id = ? AND accepted = 1", [organisationID]).map { try $0.get("user_id") }
    }

    /// Active staff of these departments.
    public static func departmentStaff(_ db: Database, departmentIDs: [Int64]) throws -> [Int64] {
        guard !departmentIDs.isEmpty else { return [] }
        return try db.query("""
            SELECT id FROM user_account WHERE is_active = 1 AND department_id IN (\(departmentIDs.map { _ in "?" }.joined(separator: ", ")))
            """, departmentIDs as [any SQLBindable]).map { try $0.get("id") }
    }
}
