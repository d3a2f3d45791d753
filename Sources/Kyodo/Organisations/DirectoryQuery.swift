import Foundation
import SQLite

/// The directory listing and search, for the public (listed organisations, public fields only)
/// and for staff (every state).
public enum DirectoryQuery {
    public struct Filter: Sendable {
        public var text = ""
        public var kind: OrganisationKind?
        public var field: Int?
        public var district: String?
        public var sort = Sort.kana
        public var includeInactive = false
        /// Staff only: one state, or every state when nil.
        public var status: OrganisationStatus?
        public var staff = false
        public init() {}
    }

    public enum Sort: String, Sendable { case kana, newest }

    public struct Entry: Sendable {
        public let organisation: Organisation
        public let fieldCodes: [Int]
    }

    public static func count(_ db: Database, _ filter: Filter) throws -> Int {
        let (from, conditions, values) = clauses(filter)
        return try db.scalar("SELECT count(*) FROM \(from) WHERE \(conditions)", values, as: Int.self) ?? 0
    }

    public static func page(_ db: Database, _ filter: Filter, limit: Int, offset: Int) throws -> [Entry] {
        let (from, conditions, values) = clauses(filter)
        let order: String
        if from.contains("organisation_search") { order = "s.rank, o.name_kana, o.id" }
        else if filter.sort == .newest { order = "o.created_at DESC, o.id DESC" }
        else { order = "o.name_kana, o.id" }
        let sql = """
            SELECT \(OrganisationStore.columns),
                   (SELECT group_concat(field_code) FROM organisation_activity_field f WHERE f.organisation_id = o.id) AS field_codes
            FROM \(from) WHERE \(conditions) ORDER BY \(order) LIMIT ? OFFSET ?
            """
        return try db.query(sql, values + [limit, offset]).map { row in
            let codes = (try row.optional("field_codes", as: String.self) ?? "").split(separator: ",").compactMap { Int($0) }
            var org = try OrganisationStore.organisation(row)
            org.activityFields = codes
            return Entry(organisation: org, fieldCodes: codes)
        }
    }

    /// Search terms split at spaces (ASCII or full-width). Terms of three characters or more use
    /// the trigram index; shorter ones (trigram cannot match them) fall back to LIKE.
    static func terms(_ text: String) -> (fts: [String], like: [String]) {
        let words = text.replacingOccurrences(of: "\u{3000}", with: " ").split(separator: " ").map(String.init)
        return (words.filter { $0.count >= 3 }, words.filter { $0.count < 3 })
    }

    private static func clauses(_ f: Filter) -> (String, String, [any SQLBindable]) {
        var from = "organisation o"
        var conditions: [String] = []
        var values: [any SQLBindable] = []
        let (fts, like) = terms(f.text)
        if !fts.isEmpty {
            // Each term as a quoted phrase, so FTS5 operators typed by a user are just text.
            let match = fts.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " AND ")
            from = "(SELECT rowid AS id, rank FROM organisation_search WHERE organisation_search MATCH ?) s JOIN organisation o ON o.id = s.id"
            values.append(match)
        }
        for term in like {
            let pattern = "%" + AuditStore.escapeLike(term) + "%"
            conditions.append("""
                (o.name LIKE ? ESCAPE '\\' OR o.name_kana LIKE ? ESCAPE '\\'
                 OR (instr(o.public_fields, ',summary,') > 0 AND o.summary LIKE ? ESCAPE '\\')
                 OR (instr(o.public_fields, ',track_record,') > 0 AND o.track_record LIKE ? ESCAPE '\\'))
                """)
            values += [pattern, pattern, pattern, pattern]
        }
        if f.staff {
            if let status = f.status { conditions.append("o.status = ?"); values.append(status.rawValue) }
        } else {
            conditions.append(f.includeInactive ? "o.status IN ('active', 'inactive')" : "o.status = 'active'")
        }
        if let kind = f.kind { conditions.append("o.kind = ?"); values.append(kind.rawValue) }
        if let field = f.field {
            conditions.append("EXISTS (SELECT 1 FROM organisation_activity_field af WHERE af.organisation_id = o.id AND af.field_code = ?)")
            values.append(field)
        }
        if let district = f.district {
            // The public may only filter on a district the organisation has made public.
            conditions.append(f.staff ? "o.district_code = ?" : "o.district_code = ? AND instr(o.public_fields, ',district,') > 0")
            values.append(district)
        }
        return (from, conditions.isEmpty ? "1" : conditions.joined(separator: " AND "), values)
    }
}
