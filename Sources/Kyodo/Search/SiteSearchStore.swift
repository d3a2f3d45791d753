import Foundation
import SQLite

/// The only place with SQL for the site search index (kept by triggers, see migration 0027).
public enum SiteSearchStore {
    public struct Hit: Sendable {
        public let kind: String
        public let title: String
        public let body: String
        public let fiscalYear: Int?
        public let url: String
    }

    /// The kinds in the order the page groups them.
    public static let kinds = ["organisation", "call", "theme", "proposal", "agreement", "evaluation", "minutes"]

    static func conditions(_ text: String, kind: String?, fiscalYear: Int?) -> (String, [any SQLBindable])? {
        let (fts, like) = DirectoryQuery.terms(text)
        guard !fts.isEmpty || !like.isEmpty else { return nil }
        var where_: [String] = []
        var values: [any SQLBindable] = []
        if !fts.isEmpty {
            // Each term a quoted phrase: FTS5 operators typed by a visitor are just text.
            where_.append("site_search MATCH ?")
            values.append(DirectoryQuery.match(fts))
        }
        for term in like {
            // One or two characters: trigram cannot match them, so a scan (the index is public text only).
            where_.append("(title LIKE ? ESCAPE '\\' OR body LIKE ? ESCAPE '\\' OR reading LIKE ? ESCAPE '\\' OR reading LIKE ? ESCAPE '\\')")
            let pattern = "%" + AuditStore.escapeLike(term) + "%"
            let reading = "%" + AuditStore.escapeLike(DirectoryQuery.variants(term).last ?? term) + "%"
            values += [pattern, pattern, pattern, reading]
        }
        if let kind { where_.append("kind = ?"); values.append(kind) }
        if let fiscalYear { where_.append("fiscal_year = ?"); values.append(fiscalYear) }
        return (where_.joined(separator: " AND "), values)
    }

    /// Every public record's address, for the sitemap.
    public static func urls(_ db: Database) throws -> [String] {
        try db.query("SELECT url FROM site_search ORDER BY rowid LIMIT 50000").map { try $0.get("url") }
    }

    /// Counts per kind for the query (ignoring the kind filter).
    public static func counts(_ db: Database, text: String, fiscalYear: Int?) throws -> [String: Int] {
        guard let (condition, values) = conditions(text, kind: nil, fiscalYear: fiscalYear) else { return [:] }
        var out: [String: Int] = [:]
        for row in try db.query("SELECT kind, count(*) AS n FROM site_search WHERE \(condition) GROUP BY kind", values) {
            out[try row.get("kind")] = try row.get("n")
        }
        return out
    }

    /// Matching records, best first; at most `limit` of each kind.
    public static func search(_ db: Database, text: String, kind: String?, fiscalYear: Int?, limit: Int) throws -> [Hit] {
        guard let (condition, values) = conditions(text, kind: kind, fiscalYear: fiscalYear) else { return [] }
        let ranked = DirectoryQuery.terms(text).fts.isEmpty ? "0" : "rank"
        return try db.query("""
            SELECT kind, title, body, fiscal_year, url FROM (
                SELECT kind, title, body, fiscal_year, url, row_number() OVER (PARTITION BY kind ORDER BY \(ranked), rowid DESC) AS n
                FROM site_search WHERE \(condition))
            WHERE n <= ? ORDER BY kind, n
            """, values + [limit]).map {
            Hit(kind: try $0.get("kind"), title: try $0.get("title"), body: try $0.get("body"),
                fiscalYear: try $0.optional("fiscal_year"), url: try $0.get("url"))
        }
    }
}
