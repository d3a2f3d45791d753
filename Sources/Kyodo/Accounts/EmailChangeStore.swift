import Crypto
import Foundation
import SQLite

/// The only place with SQL for pending e-mail changes: single-use links (stored hashed) valid for a day.
enum EmailChangeStore {
    static let lifetime: TimeInterval = 24 * 3600

    /// A new link for the user; earlier unused ones stop working.
    static func issue(_ db: Database, userID: Int64, newEmail: String, now: Date) throws -> String {
        try db.execute("UPDATE email_change SET used_at = ? WHERE user_id = ? AND used_at IS NULL", [now, userID])
        let token = SecureToken.generate()
        try db.execute("""
            INSERT INTO email_change (token_hash, user_id, new_email, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
            """, [SecureToken.hash(token), userID, newEmail, now, now.addingTimeInterval(lifetime)])
        return token
    }

    /// The change a valid link stands for.
    static func pending(_ db: Database, token: String, now: Date) throws -> (userID: Int64, email: String)? {
        guard let row = try db.first("""
            SELECT user_id, new_email FROM email_change WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?
            """, [SecureToken.hash(token), now]) else { return nil }
        return (try row.get("user_id"), try row.get("new_email"))
    }

    /// Uses the link; false if it was used, replaced or expired meanwhile.
    static func consume(_ db: Database, token: String, now: Date) throws -> Bool {
        try db.execute("UPDATE email_change SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
                       [now, SecureToken.hash(token), now])
        return db.changes == 1
    }

    static func setEmail(_ db: Database, userID: Int64, email: String, now: Date) throws {
        try db.execute("UPDATE user_account SET email = ?, updated_at = ? WHERE id = ?", [email, now, userID])
    }
}
