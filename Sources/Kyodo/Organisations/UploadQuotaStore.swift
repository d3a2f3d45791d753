import SQLite

/// How much an organisation has uploaded: its documents and the files attached to its applications
/// and reports (the only SQL for this sum). Checked inside the write that adds a file, so two uploads
/// at once cannot both pass the quota.
enum UploadQuotaStore {
    static func used(_ db: Database, organisationID: Int64) throws -> Int {
        try db.scalar("""
            SELECT coalesce((SELECT sum(size) FROM organisation_document WHERE organisation_id = ?), 0)
                 + coalesce((SELECT sum(t.size) FROM grant_attachment t JOIN grant_application a ON a.id = t.application_id
                             WHERE a.organisation_id = ?), 0)
            """, [organisationID, organisationID], as: Int.self) ?? 0
    }
}

/// The quota would be passed; carries what is left for the message.
struct UploadQuotaExceeded: Error {
    let used: Int
    let quota: Int
}

extension UploadQuotaStore {
    /// Throws `UploadQuotaExceeded` when `adding` bytes would pass the organisation's quota.
    static func check(_ db: Database, organisationID: Int64, adding: Int, quota: Int) throws {
        let used = try used(db, organisationID: organisationID)
        guard used + adding <= quota else { throw UploadQuotaExceeded(used: used, quota: quota) }
    }
}
