import Foundation
import SQLite

/// Slows password guessing: 5 failures for one account, or 20 from one address, within 15
/// minutes lock that account or address for 15 minutes. A success clears the account's count.
public enum SignInThrottle {
    public static let window: TimeInterval = 15 * 60
    public static let accountLimit = 5
    public static let addressLimit = 20

    /// When the account or address is locked, the time the lock ends.
    public static func lockedUntil(_ db: Database, email: String, address: String, now: Date) throws -> Date? {
        try db.query("""
            SELECT locked_until FROM sign_in_lock
            WHERE ((scope = 'account' AND key = ?) OR (scope = 'address' AND key = ?)) AND locked_until > ?
            ORDER BY locked_until DESC LIMIT 1
            """, [email, address, now]).first.map { try $0.get("locked_until") }
    }

    public static func recordFailure(_ db: Database, email: String, address: String, now: Date) throws {
        try db.execute("INSERT INTO sign_in_attempt (email, client_address, attempted_at, succeeded) VALUES (?, ?, ?, 0)",
                       [email, address, now])
        let since = now.addingTimeInterval(-window)
        let accountFailures = try db.scalar("""
            SELECT count(*) FROM sign_in_attempt WHERE email = ? AND succeeded = 0 AND attempted_at > ?
              AND attempted_at > coalesce((SELECT max(attempted_at) FROM sign_in_attempt WHERE email = ? AND succeeded = 1), '')
              AND attempted_at > coalesce((SELECT max(locked_until) FROM sign_in_lock WHERE scope = 'account' AND key = ?), '')
            """, [email, since, email, email], as: Int.self) ?? 0
        if accountFailures >= accountLimit { try lock(db, scope: "account", key: email, now: now) }
        let addressFailures = try db.scalar("""
            SELECT count(*) FROM sign_in_attempt WHERE client_address = ? AND succeeded = 0 AND attempted_at > ?
              AND attempted_at > coalesce((SELECT max(locked_until) FROM sign_in_lock WHERE scope = 'address' AND key = ?), '')
            """, [address, since, address], as: Int.self) ?? 0
        if addressFailures >= addressLimit { try lock(db, scope: "address", key: address, now: now) }
    }

    public static func recordSuccess(_ db: Database, email: String, address: String, now: Date) throws {
        try db.execute("INSERT INTO sign_in_attempt (email, client_address, attempted_at, succeeded) VALUES (?, ?, ?, 1)",
                       [email, address, now])
        // Old attempts are only needed for the window; keep the table small.
        try db.execute("DELETE FROM sign_in_attempt WHERE attempted_at < ?", [now.addingTimeInterval(-24 * 3600)])
    }

    private static func lock(_ db: Database, scope: String, key: String, now: Date) throws {
        try db.execute("""
            INSERT INTO sign_in_lock (scope, key, locked_until) VALUES (?, ?, ?)
            ON CONFLICT (scope, key) DO UPDATE SET locked_until = excluded.locked_until
            """, [scope, key, now.addingTimeInterval(window)])
    }
}
