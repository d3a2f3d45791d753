import Foundation
import HTTP
import SQLite

/// Housekeeping the scheduler runs every few hours: expired sessions, sign-in attempts too old to
/// count, upload temp files older than an hour (no upload takes that long, so none is in flight),
/// stored files no record refers to any more, and delivered mail past the retention setting.
/// Failed and waiting mail is never removed.
enum Maintenance {
    struct Result: Equatable, CustomStringConvertible {
        var sessions = 0
        var signInAttempts = 0
        var temporaryFiles = 0
        var mails = 0
        var files = 0
        var description: String {
            "removed \(sessions) expired sessions, \(signInAttempts) old sign-in attempts, "
                + "\(temporaryFiles) upload temp files, \(mails) delivered mails, \(files) unreferenced files"
        }
    }

    @discardableResult
    static func run(_ services: AppServices, now: Date) throws -> Result {
        var result = Result()
        let retention = Double(services.config.mailRetentionDays) * 86_400
        try services.database.write { db in
            result.sessions = try SessionStore.deleteExpired(db, now: now)
            result.signInAttempts = try SignInThrottle.deleteOld(db, now: now)
            result.mails = try Outbox.purgeDelivered(db, before: now.addingTimeInterval(-retention))
        }
        result.temporaryFiles = services.files.sweepTemporary(olderThan: now.addingTimeInterval(-3600))
        // Files are shared by content: one goes only when no row names it any more.
        let referenced = try services.database.read { try FileReferenceStore.referenced($0) }
        result.files = services.files.sweepUnreferenced(keeping: referenced, olderThan: now.addingTimeInterval(-3600))
        if result != Result() { Log.info("maintenance: \(result)") }
        return result
    }
}
