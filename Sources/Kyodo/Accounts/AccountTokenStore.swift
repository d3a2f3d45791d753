import Crypto
import Foundation
import SQLite

/// Single-use, time-limited links (invitations, password resets). Stored hashed, used once.
public enum AccountTokenStore {
    public enum Purpose: String, Sendable {
        case invitation
        case passwordReset = "password_reset"

        var lifetime: TimeInterval {
            switch self {
            case .invitation: 7 * 24 * 3600
            case .passwordReset: 3600
            }
        }
    }

    /// Issues a token; earlier unused ones for the same user and purpose stop working.
    public static func issue(_ db: Database, purpose: Purpose, userID: Int64, createdBy: Int64?, now: Date) throws -> String {
        try db.execute("UPDATE account_token SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL",
                       [now, userID, purpose.rawValue])
        let token = SecureToken.generate()
        try db.execute("""
            INSERT INTO account_token (token_hash, purpose, user_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
            """, [SecureToken.hash(token), purpose.rawValue, userID, createdBy, now, now.addingTimeInterval(purpose.lifetime)])
        return token
    }

    /// The user a valid (unused, unexpired) token is for.
    public static func userID(_ db: Database, token: String, purpose: Purpose, now: Date) throws -> Int64? {
        try db.scalar("""
            SELECT user_id FROM account_token WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?
            """, [SecureToken.hash(token), purpose.rawValue, now], as: Int64.self)
    }

    /// Marks the token used; false if it was already used or expired (a second tab, a replay).
    public static func consume(_ db: Database, token: String, purpose: Purpose, now: Date) throws -> Bool {
        try db.execute("""
            UPDATE account_token SET used_at = ? WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?
            """, [now, SecureToken.hash(token), purpose.rawValue, now])
        return db.changes == 1
    }
}
