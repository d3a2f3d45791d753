import Foundation
import SQLite

/// The only place with SQL of the open-data pages' own: when each dataset last changed.
enum OpenDataStore {
    static let lastChangeQueries: [String: String] = [
        "organisations": "SELECT max(updated_at) FROM organisation WHERE status IN ('active', 'inactive')",
        "calls": "SELECT max(updated_at) FROM call WHERE status <> 'draft'",
        "proposals": "SELECT max(decided_at) FROM proposal WHERE decided_at IS NOT NULL",
        "agreements": "SELECT max(updated_at) FROM agreement WHERE status IN ('in_force', 'completed')",
        "grant-results": "SELECT max(updated_at) FROM call WHERE status IN ('published', 'archived')",
        "review-aggregates": "SELECT max(closed_at) FROM review_round WHERE status = 'closed'",
        "council-meetings": "SELECT max(updated_at) FROM council_meeting",
        "minutes": "SELECT max(published_at) FROM minutes WHERE published_snapshot IS NOT NULL",
    ]

    static func lastChange(_ db: Database, _ dataset: String) throws -> Date? {
        guard let sql = lastChangeQueries[dataset] else { return nil }
        return try db.scalar(sql, as: Date.self)
    }
}
