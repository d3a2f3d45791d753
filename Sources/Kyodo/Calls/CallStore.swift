import Foundation
import SQLite

/// The only place with SQL for calls and their criteria, eligible kinds and attachments.
public enum CallStore {
    static let columns = "id, kind, fiscal_year, title, description, opens_at, closes_at, budget_ceiling, max_amount, rate_numerator, rate_denominator, status"

    public static func find(_ db: Database, id: Int64) throws -> Call? {
        guard let row = try db.first("SELECT \(columns) FROM call WHERE id = ?", [id]) else { return nil }
        var call = try self.call(row)
        call.criteria = try db.query("SELECT name, description, weight, scale_min, scale_max FROM call_criterion WHERE call_id = ? ORDER BY position", [id]).map {
            Call.Criterion(name: try $0.get("name"), description: try $0.get("description"), weight: try $0.get("weight"),
                           scaleMin: try $0.get("scale_min"), scaleMax: try $0.get("scale_max"))
        }
        call.eligibleKinds = try db.query("SELECT kind FROM call_eligible_kind WHERE call_id = ? ORDER BY kind", [id]).compactMap {
            OrganisationKind(rawValue: try $0.get("kind"))
        }
        call.requiredAttachments = try db.query("SELECT name FROM call_attachment WHERE call_id = ? ORDER BY position", [id]).map { try $0.get("name") }
        return call
    }

    /// Calls in the given states, soonest deadline first.
    public static func list(_ db: Database, statuses: [Call.Status]) throws -> [Call] {
        let marks = statuses.map { _ in "?" }.joined(separator: ", ")
        return try db.query("SELECT \(columns) FROM call WHERE status IN (\(marks)) ORDER BY fiscal_year DESC, closes_at, id",
                            statuses.map(\.rawValue)).map(call)
    }

    @discardableResult
    public static func insert(_ db: Database, _ c: Call, now: Date) throws -> Int64 {
        try db.execute("""
            INSERT INTO call (kind, fiscal_year, title, description, opens_at, closes_at, budget_ceiling, max_amount, rate_numerator,
                              rate_denominator, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, values(c) + [c.status.rawValue, now, now])
        let id = db.lastInsertRowID
        try replaceRules(db, id: id, c)
        return id
    }

    public static func update(_ db: Database, _ c: Call, now: Date) throws {
        try db.execute("""
            UPDATE call SET kind = ?, fiscal_year = ?, title = ?, description = ?, opens_at = ?, closes_at = ?, budget_ceiling = ?,
                            max_amount = ?, rate_numerator = ?, rate_denominator = ?, updated_at = ? WHERE id = ?
            """, values(c) + [now, c.id])
        try replaceRules(db, id: c.id, c)
    }

    /// The workflow's state change: only from `from`; returns the rows changed (0 or 1).
    public static func setStatus(_ db: Database, id: Int64, from: Call.Status, to status: Call.Status, now: Date) throws -> Int {
        try db.execute("UPDATE call SET status = ?, updated_at = ? WHERE id = ? AND status = ?", [status.rawValue, now, id, from.rawValue])
        return db.changes
    }

    private static func replaceRules(_ db: Database, id: Int64, _ c: Call) throws {
        try db.execute("DELETE FROM call_criterion WHERE call_id = ?", [id])
        for (i, k) in c.criteria.enumerated() {
            try db.execute("INSERT INTO call_criterion (call_id, position, name, description, weight, scale_min, scale_max) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           [id, i + 1, k.name, k.description, k.weight, k.scaleMin, k.scaleMax])
        }
        try db.execute("DELETE FROM call_eligible_kind WHERE call_id = ?", [id])
        for kind in Set(c.eligibleKinds.map(\.rawValue)).sorted() {
            try db.execute("INSERT INTO call_eligible_kind (call_id, kind) VALUES (?, ?)", [id, kind])
        }
        try db.execute("DELETE FROM call_attachment WHERE call_id = ?", [id])
        for (i, name) in c.requiredAttachments.enumerated() {
            try db.execute("INSERT INTO call_attachment (call_id, position, name) VALUES (?, ?, ?)", [id, i + 1, name])
        }
    }

    private static func values(_ c: Call) -> [any SQLBindable] {
        [c.kind.rawValue, c.fiscalYear, c.title, c.description, c.opensAt, c.closesAt, c.budgetCeiling, c.maxAmount, c.rateNumerator, c.rateDenominator]
    }

    static func call(_ row: Row) throws -> Call {
        var c = Call()
        c.id = try row.get("id")
        c.kind = Call.Kind(rawValue: try row.get("kind")) ?? .grant
        c.fiscalYear = try row.get("fiscal_year")
        c.title = try row.get("title")
        c.description = try row.get("description")
        c.opensAt = try row.get("opens_at")
        c.closesAt = try row.get("closes_at")
        c.budgetCeiling = try row.optional("budget_ceiling")
        c.maxAmount = try row.optional("max_amount")
        c.rateNumerator = try row.get("rate_numerator")
        c.rateDenominator = try row.get("rate_denominator")
        c.status = Call.Status(rawValue: try row.get("status")) ?? .draft
        return c
    }

    /// Audit view: every rule, so a save records exactly what changed.
    static func auditFields(_ c: Call) -> [String: AuditValue] {
        ["kind": .string(c.kind.rawValue), "fiscal_year": AuditValue(c.fiscalYear), "title": .string(c.title), "description": .string(c.description),
         "opens_at": .string(ISO8601.format(c.opensAt)), "closes_at": .string(ISO8601.format(c.closesAt)),
         "budget_ceiling": AuditValue(c.budgetCeiling), "max_amount": AuditValue(c.maxAmount), "rate": .string("\(c.rateNumerator)/\(c.rateDenominator)"),
         "criteria": .string(c.criteria.map { "\($0.name)×\($0.weight) (\($0.scaleMin)–\($0.scaleMax))" }.joined(separator: "; ")),
         "eligible_kinds": .string(c.eligibleKinds.map(\.rawValue).sorted().joined(separator: ",")),
         "attachments": .string(c.requiredAttachments.joined(separator: "; "))]
    }
}
