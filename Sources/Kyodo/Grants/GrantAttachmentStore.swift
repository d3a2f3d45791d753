import Foundation
import SQLite

/// The only place with SQL for `grant_attachment`.
public enum GrantAttachmentStore {
    public struct Attachment: Sendable {
        public let id: Int64
        public let name: String
        public let filename: String
        public let contentType: String
        public let size: Int
        public let sha256: String
        public let uploadedAt: Date
    }

    public static func list(_ db: Database, applicationID: Int64) throws -> [Attachment] {
        try db.query("SELECT id, name, filename, content_type, size, sha256, uploaded_at FROM grant_attachment WHERE application_id = ? ORDER BY id",
                     [applicationID]).map(attachment)
    }

    public static func find(_ db: Database, id: Int64, applicationID: Int64) throws -> Attachment? {
        try db.first("SELECT id, name, filename, content_type, size, sha256, uploaded_at FROM grant_attachment WHERE id = ? AND application_id = ?",
                     [id, applicationID]).map(attachment)
    }

    @discardableResult
    public static func insert(_ db: Database, applicationID: Int64, name: String, filename: String, contentType: String, size: Int,
                              sha256: String, uploadedBy: Int64?, now: Date) throws -> Int64 {
        try db.execute("""
            INSERT INTO grant_attachment (application_id, name, filename, content_type, size, sha256, uploaded_by, uploaded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [applicationID, name, filename, contentType, size, sha256, uploadedBy, now])
        return db.lastInsertRowID
    }

    public static func delete(_ db: Database, id: Int64) throws {
        try db.execute("DELETE FROM grant_attachment WHERE id = ?", [id])
    }

    private static func attachment(_ row: Row) throws -> Attachment {
        Attachment(id: try row.get("id"), name: try row.get("name"), filename: try row.get("filename"), contentType: try row.get("content_type"),
                   size: try row.get("size"), sha256: try row.get("sha256"), uploadedAt: try row.get("uploaded_at"))
    }
}
