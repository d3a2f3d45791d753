import Crypto
import Foundation
import SQLite

/// Server-side sessions. The cookie holds 32 random bytes; the table holds only their SHA-256,
/// so a leaked database copy cannot be turned into a signed-in browser.
public enum SessionStore {
    public static let idleLimit: TimeInterval = 8 * 3600
    public static let absoluteLimit: TimeInterval = 7 * 24 * 3600
    /// Refresh `last_seen_at` at most this often, so reading pages does not write on every request.
    static let touchInterval: TimeInterval = 300

    public struct Active: Sendable {
        public let tokenHash: String
        public let userID: Int64
        public let csrfToken: String
        /// The organisation a member chose to act for.
        public let currentOrganisationID: Int64?
        let lastSeenAt: Date
    }

    /// Creates a session and returns the token for the cookie.
    public static func create(_ db: Database, userID: Int64, clientAddress: String, now: Date) throws -> (token: String, csrf: String) {
        let token = SecureToken.generate()
        let csrf = SecureToken.generate()
        try db.execute("""
            INSERT INTO session (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, client_address)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [SecureToken.hash(token), userID, csrf, now, now, now.addingTimeInterval(absoluteLimit), clientAddress])
        return (token, csrf)
    }

    /// The live session for a cookie token: not past its absolute limit, not idle too long, and
    /// belonging to an active user.
    public static func find(_ db: Database, token: String, now: Date) throws -> Active? {
        guard let row = try db.first("""
            SELECT s.token_hash, s.user_id, s.csrf_token, s.current_organisation_id, s.last_seen_at FROM session s
            JOIN user_account u ON u.id = s.user_id
            WHERE s.token_hash = ? AND s.expires_at > ? AND s.last_seen_at > ? AND u.is_active = 1
            """, [SecureToken.hash(token), now, now.addingTimeInterval(-idleLimit)]) else { return nil }
        return Active(tokenHash: try row.get("token_hash"), userID: try row.get("user_id"),
                      csrfToken: try row.get("csrf_token"), currentOrganisationID: try row.optional("current_organisation_id"),
                      lastSeenAt: try row.get("last_seen_at"))
    }

    static func needsTouch(_ session: Active, now: Date) -> Bool {
        now.timeIntervalSince(session.lastSeenAt) >= touchInterval
    }

    public static func touch(_ db: Database, tokenHash: String, now: Date) throws {
        try db.execute("UPDATE session SET last_seen_at = ? WHERE token_hash = ?", [now, tokenHash])
    }

    public static func setCurrentOrganisation(_ db: Database, tokenHash: String, organisationID: Int64) throws {
        try db.execute("UPDATE session SET current_organisation_id = ? WHERE token_hash = ?", [organisationID, tokenHash])
    }

    public static func delete(_ db: Database, tokenHash: String) throws {
        try db.execute("DELETE FROM session WHERE token_hash = ?", [tokenHash])
    }

    /// Signs a user out everywhere, optionally keeping the session they are using.
    public static func deleteAll(_ db: Database, userID: Int64, except keep: String? = nil) throws {
        try db.execute("DELETE FROM session WHERE user_id = ? AND token_hash <> ?", [userID, keep ?? ""])
    }

    @discardableResult
    public static func deleteExpired(_ db: Database, now: Date) throws -> Int {
        try db.execute("DELETE FROM session WHERE expires_at <= ? OR last_seen_at <= ?", [now, now.addingTimeInterval(-idleLimit)])
        return db.changes
    }
}
