import Foundation
import SQLite

/// The only place with SQL for `organisation_document`.
public enum DocumentStore {
    public enum Kind: String, Sendable, CaseIterable {
        case articles, activityReport = "activity_report", financialStatement = "financial_statement"
        public var messageKey: String { "document.kind.\(rawValue)" }
    }

    public struct Document: Sendable {
        public let id: Int64
        public let organisationID: Int64
        public let kind: Kind
        public let fiscalYear: Int?
        public let filename: String
        public let contentType: String
        public let size: Int
        public let sha256: String
        public let isPublic: Bool
        public let uploadedAt: Date
    }

    static let columns = "id, organisation_id, kind, fiscal_year, filename, content_type, size, sha256, is_public, uploaded_at"

    public static func list(_ db: Database, organisationID: Int64, includePrivate: Bool) throws -> [Document] {
        try db.query("""
            SELECT \(columns) FROM organisation_document WHERE organisation_id = ? \(includePrivate ? "" : "AND is_public = 1")
            ORDER BY fiscal_year DESC, kind, id DESC
            """, [organisationID]).map(document)
    }

    public static func find(_ db: Database, id: Int64, organisationID: Int64) throws -> Document? {
        try db.first("SELECT \(columns) FROM organisation_document WHERE id = ? AND organisation_id = ?", [id, organisationID]).map(document)
    }

    @discardableResult
    public static func insert(_ db: Database, organisationID: Int64, kind: Kind, fiscalYear: Int?, filename: String, contentType: String,
                              size: Int, sha256: String, isPublic: Bool, uploadedBy: Int64?, now: Date) throws -> Int64 {
        try db.execute("""
            INSERT INTO organisation_document (organisation_id, kind, fiscal_year, filename, content_type, size, sha256, is_public, uploaded_by, uploaded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [organisationID, kind.rawValue, fiscalYear, filename, contentType, size, sha256, isPublic, uploadedBy, now])
        return db.lastInsertRowID
    }

    public static func delete(_ db: Database, id: Int64) throws {
        try db.execute("DELETE FROM organisation_document WHERE id = ?", [id])
    }

    public static func setPublic(_ db: Database, id: Int64, _ isPublic: Bool) throws {
        try db.execute("UPDATE organisation_document SET is_public = ? WHERE id = ?", [isPublic, id])
    }

    private static func document(_ row: Row) throws -> Document {
        Document(id: try row.get("id"), organisationID: try row.get("organisation_id"), kind: Kind(rawValue: try row.get("kind")) ?? .articles,
                 fiscalYear: try row.optional("fiscal_year"), filename: try row.get("filename"), contentType: try row.get("content_type"),
                 size: try row.get("size"), sha256: try row.get("sha256"), isPublic: try row.get("is_public"), uploadedAt: try row.get("uploaded_at"))
    }
}
