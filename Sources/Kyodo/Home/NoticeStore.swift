import Foundation
import SQLite

/// The only place with SQL for `notice`.
public enum NoticeStore {
    /// Published notices, newest first.
    public static func latest(_ db: Database, limit: Int, now: Date = Date()) throws -> [Notice] {
        try db.query("""
            SELECT id, title, body, title_en, body_en, published_at FROM notice
            WHERE published_at <= ? ORDER BY published_at DESC, id DESC LIMIT ?
            """, [now, limit]).map { row in
            Notice(id: try row.get("id"), title: try row.get("title"), body: try row.get("body"),
                   titleEnglish: try row.optional("title_en"), bodyEnglish: try row.optional("body_en"),
                   publishedAt: try row.get("published_at"))
        }
    }

    @discardableResult
    public static func insert(_ db: Database, title: String, body: String, titleEnglish: String? = nil,
                              bodyEnglish: String? = nil, publishedAt: Date) throws -> Int64 {
        try db.execute("""
            INSERT INTO notice (title, body, title_en, body_en, published_at, created_at) VALUES (?, ?, ?, ?, ?, ?)
            """, [title, body, titleEnglish, bodyEnglish, publishedAt, Date()])
        return db.lastInsertRowID
    }

    public static func count(_ db: Database) throws -> Int {
        try db.scalar("SELECT count(*) FROM notice", as: Int.self) ?? 0
    }
}
