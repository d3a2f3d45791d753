import Foundation
import SQLite

/// The only place with SQL for meeting material files.
public enum MaterialStore {
    public struct Material: Sendable {
        public let id: Int64
        public let meetingID: Int64
        public let title: String
        public let filename: String
        public let contentType: String
        public let size: Int
        public let sha256: String
        public let isPublic: Bool
    }

    public static func list(_ db: Database, meetingID: Int64, includePrivate: Bool) throws -> [Material] {
        try db.query(
            """
            SELECT id, meeting_id, title, filename, content_type, size, sha256, is_public FROM meeting_material
            WHERE meeting_id = ? AND (is_public = 1 OR ?) ORDER BY id
            """, [meetingID, includePrivate]
        ).map(material)
    }

    public static func find(_ db: Database, id: Int64, meetingID: Int64) throws -> Material? {
        try db.first(
            "SELECT id, meeting_id, title, filename, content_type, size, sha256, is_public FROM meeting_material WHERE id = ? AND meeting_id = ?",
            [id, meetingID]
        ).map(material)
    }

    @discardableResult
    public static func insert(
        _ db: Database, meetingID: Int64, title: String, filename: String, contentType: String, size: Int,
        sha256: String,
        isPublic: Bool, uploadedBy: Int64?, now: Date
    ) throws -> Int64 {
        try db.execute(
            """
            INSERT INTO meeting_material (meeting_id, title, filename, content_type, size, sha256, is_public, uploaded_by, uploaded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [meetingID, title, filename, contentType, size, sha256, isPublic, uploadedBy, now])
        return db.lastInsertRowID
    }

    public static func delete(_ db: Database, id: Int64) throws {
        try db.execute("DELETE FROM meeting_material WHERE id = ?", [id])
    }

    static func material(_ row: Row) throws -> Material {
        Material(
            id: try row.get("id"), meetingID: try row.get("meeting_id"), title: try row.get("title"),
            filename: try row.get("filename"),
            contentType: try row.get("content_type"), size: try row.get("size"), sha256: try row.get("sha256"),
            isPublic: try row.get("is_public"))
    }
}
