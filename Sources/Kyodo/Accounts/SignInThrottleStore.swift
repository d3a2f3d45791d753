import Foundation
import SQLite

/// Slows password guessing without letting anyone lock someone else out. Failures are counted per
/// account *and* client address: from the fifth failure in an hour (since the pair's last success)
/// that pair waits 1, 2, 4, 8, then at most 15 minutes after its latest failure. Guesses from one
/// address therefore never lock the owner signing in from another, and guesses at other accounts
/// never lock an account. Each attempt is reserved inside a write transaction before the password
/// is checked, so concurrent guesses are counted one by one and none slips past the limit.
public enum SignInThrottle {
    public static let window: TimeInterval = 3600
    public static let freeFailures = 5
    public static let maxDelay: TimeInterval = 15 * 60

    /// The wait that `failures` failures in the window impose after the latest one.
    public static func delay(afterFailures failures: Int) -> TimeInterval {
        guard failures >= freeFailures else { return 0 }
        let doublings = min(failures - freeFailures, 10)
        return min(60 * pow(2, Double(doublings)), maxDelay)
    }

    /// When the pair must wait, the time the wait ends.
    public static func lockedUntil(_ db: Database, email: String, address: String, now: Date) throws -> Date? {
        let since = now.addingTimeInterval(-window)
        guard let row = try db.first("""
            SELECT count(*) AS failures, max(attempted_at) AS latest FROM sign_in_attempt
            WHERE email = ? AND client_address = ? AND succeeded = 0 AND attempted_at > ?
              AND attempted_at > coalesce((SELECT max(attempted_at) FROM sign_in_attempt
                                           WHERE email = ? AND client_address = ? AND succeeded = 1), '')
            """, [email, address, since, email, address]) else { return nil }
        let failures: Int = try row.get("failures")
        guard failures >= freeFailures, let latest: Date = try row.optional("latest") else { return nil }
        let until = latest.addingTimeInterval(delay(afterFailures: failures))
        return until > now ? until : nil
    }

    /// Failures at one account from all addresses together before browsers it does not know wait.
    public static let accountWideFreeFailures = 20

    /// Guesses spread over many addresses: when an account has had this many failures in the
    /// window from everywhere, a browser that never signed in to it waits, doubling per failure
    /// (the owner's known browser does not: `knownDevice`).
    public static func accountWideUntil(_ db: Database, email: String, now: Date) throws -> Date? {
        guard let row = try db.first("""
            SELECT count(*) AS failures, max(attempted_at) AS latest FROM sign_in_attempt
            WHERE email = ? AND succeeded = 0 AND attempted_at > ?
            """, [email, now.addingTimeInterval(-window)]) else { return nil }
        let failures: Int = try row.get("failures")
        guard failures >= accountWideFreeFailures, let latest: Date = try row.optional("latest") else { return nil }
        let until = latest.addingTimeInterval(delay(afterFailures: failures - accountWideFreeFailures + freeFailures))
        return until > now ? until : nil
    }

    /// Inside one write transaction: nil and no attempt when the pair (or, for an unknown browser,
    /// the account) must wait; otherwise an attempt counted as a failure until `recordSuccess`
    /// says otherwise.
    public static func reserve(_ db: Database, email: String, address: String, knownDevice: Bool = false, now: Date) throws
        -> (attempt: Int64?, lockedUntil: Date?)
    {
        if let until = try lockedUntil(db, email: email, address: address, now: now) { return (nil, until) }
        if !knownDevice, let until = try accountWideUntil(db, email: email, now: now) { return (nil, until) }
        try db.execute("INSERT INTO sign_in_attempt (email, client_address, attempted_at, succeeded) VALUES (?, ?, ?, 0)",
                       [email, address, now])
        return (db.lastInsertRowID, nil)
    }

    /// The reserved attempt succeeded: the pair starts afresh.
    public static func recordSuccess(_ db: Database, attempt: Int64, now: Date) throws {
        try db.execute("UPDATE sign_in_attempt SET succeeded = 1 WHERE id = ?", [attempt])
        // Old attempts are only needed for the window; keep the table small.
        try db.execute("DELETE FROM sign_in_attempt WHERE attempted_at < ?", [now.addingTimeInterval(-24 * 3600)])
    }

    /// Attempts older than a day say nothing any more (the window is an hour); the maintenance job removes them.
    public static func deleteOld(_ db: Database, now: Date) throws -> Int {
        try db.execute("DELETE FROM sign_in_attempt WHERE attempted_at < ?", [now.addingTimeInterval(-24 * 3600)])
        return db.changes
    }
}
