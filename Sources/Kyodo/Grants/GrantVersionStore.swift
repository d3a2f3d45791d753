import Foundation
import SQLite

/// Submitted versions of applications (the only SQL for `grant_application_version`).
public enum GrantVersionStore {
    public struct Change: Sendable, Equatable {
        public let field: String
        public let before: String
        public let after: String
    }

    /// Keeps the application as submitted now; returns its version number.
    @discardableResult
    public static func snapshot(_ db: Database, _ a: GrantApplication, attachments: [String], now: Date) throws -> Int {
        let version = (try db.scalar("SELECT max(version) FROM grant_application_version WHERE application_id = ?", [a.id], as: Int.self) ?? 0) + 1
        var fields = GrantStore.auditFields(a)
        fields["attachments"] = .string(attachments.sorted().joined(separator: "; "))
        try db.execute("INSERT INTO grant_application_version (application_id, version, snapshot_json, created_at) VALUES (?, ?, ?, ?)",
                       [a.id, version, JSON.object(fields), now])
        return version
    }

    /// What changed between the last two submitted versions (empty when there is only one).
    public static func latestChanges(_ db: Database, applicationID: Int64) throws -> (version: Int, changes: [Change])? {
        let rows = try db.query("SELECT version, snapshot_json FROM grant_application_version WHERE application_id = ? ORDER BY version DESC LIMIT 2",
                                [applicationID])
        guard rows.count == 2 else { return nil }
        let newer = JSON.parseObject(try rows[0].get("snapshot_json")), older = JSON.parseObject(try rows[1].get("snapshot_json"))
        let changes = Set(newer.keys).union(older.keys).sorted().compactMap { key -> Change? in
            let before = older[key]?.display ?? "", after = newer[key]?.display ?? ""
            return before == after ? nil : Change(field: key, before: before, after: after)
        }
        return (try rows[0].get("version"), changes)
    }
}
