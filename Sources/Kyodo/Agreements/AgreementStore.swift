import Foundation
import SQLite

/// The only place with SQL for agreements, their costs, reporting dates, versions and the
/// pre-confirmation sheets.
public enum AgreementStore {
    static let columns = """
        a.id, a.source_type, a.source_id, a.organisation_id, o.name AS organisation_name, a.department_id, d.name AS department_name,
        a.status, a.version, a.title, a.period_from, a.period_to, a.org_confirmed_by, a.org_confirmed_at, a.city_confirmed_by,
        a.city_confirmed_at, a.voided_note, a.concluded_at, a.revision,
        """ + Agreement.clauses.map { "a.\($0)" }.joined(separator: ", ")
    static let from =
        "agreement a JOIN organisation o ON o.id = a.organisation_id LEFT JOIN department d ON d.id = a.department_id"

    public static func find(_ db: Database, id: Int64) throws -> Agreement? {
        guard let row = try db.first("SELECT \(columns) FROM \(from) WHERE a.id = ?", [id]) else { return nil }
        var a = try agreement(row)
        a.costs = try db.query(
            "SELECT item, organisation_amount, city_amount FROM agreement_cost WHERE agreement_id = ? ORDER BY position",
            [id]
        ).map {
            Agreement.Cost(
                item: try $0.get("item"), organisation: try $0.get("organisation_amount"),
                city: try $0.get("city_amount"))
        }
        a.reportDates = try db.query(
            "SELECT due_on, what FROM agreement_report_date WHERE agreement_id = ? ORDER BY due_on, position", [id]
        ).map {
            Agreement.ReportDate(dueOn: try $0.get("due_on"), what: try $0.get("what"))
        }
        return a
    }

    /// The live (not terminated) agreement of a proposal or grant, if any.
    public static func existing(_ db: Database, sourceType: String, sourceID: Int64) throws -> Int64? {
        try db.scalar(
            "SELECT id FROM agreement WHERE source_type = ? AND source_id = ? AND status <> 'terminated'",
            [sourceType, sourceID],
            as: Int64.self)
    }

    @discardableResult
    public static func insert(_ db: Database, _ a: Agreement, now: Date) throws -> Int64 {
        try db.execute(
            """
            INSERT INTO agreement (source_type, source_id, organisation_id, department_id, title, period_from, period_to, \
            \(Agreement.clauses.joined(separator: ", ")), created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, \(Agreement.clauses.map { _ in "?" }.joined(separator: ", ")), ?, ?)
            """,
            [a.sourceType, a.sourceID, a.organisationID, a.departmentID, a.title, a.periodFrom, a.periodTo]
                + Agreement.clauses.map { a[$0] } + [now, now])
        let id = db.lastInsertRowID
        try replaceLines(db, id: id, a)
        return id
    }

    /// Saves the text if the agreement is still at `a.revision`; false (nothing written) otherwise.
    public static func update(_ db: Database, _ a: Agreement, now: Date) throws -> Bool {
        try db.execute(
            """
            UPDATE agreement SET title = ?, period_from = ?, period_to = ?, department_id = ?, \
            \(Agreement.clauses.map { "\($0) = ?" }.joined(separator: ", ")), version = ?, updated_at = ?, revision = revision + 1
            WHERE id = ? AND revision = ?
            """,
            [a.title, a.periodFrom, a.periodTo, a.departmentID] + Agreement.clauses.map { a[$0] } + [
                a.version, now, a.id, a.revision,
            ])
        guard db.changes == 1 else { return false }
        try replaceLines(db, id: a.id, a)
        return true
    }

    private static func replaceLines(_ db: Database, id: Int64, _ a: Agreement) throws {
        try db.execute("DELETE FROM agreement_cost WHERE agreement_id = ?", [id])
        for (i, c) in a.costs.enumerated() {
            try db.execute(
                "INSERT INTO agreement_cost (agreement_id, position, item, organisation_amount, city_amount) VALUES (?, ?, ?, ?, ?)",
                [id, i + 1, c.item, c.organisation, c.city])
        }
        try db.execute("DELETE FROM agreement_report_date WHERE agreement_id = ?", [id])
        for (i, r) in a.reportDates.enumerated() {
            try db.execute(
                "INSERT INTO agreement_report_date (agreement_id, position, due_on, what) VALUES (?, ?, ?, ?)",
                [id, i + 1, r.dueOn, r.what])
        }
    }

    /// The workflow's state change, with the confirmation stamps each step sets or clears.
    public static func setStatus(
        _ db: Database, id: Int64, from: Agreement.Status, to: Agreement.Status, now: Date
    ) throws -> Int {
        try db.execute(
            """
            UPDATE agreement SET status = ?, updated_at = ?,
                concluded_at = CASE WHEN ? = 'in_force' THEN ? ELSE concluded_at END,
                org_confirmed_at = CASE WHEN ? = 'negotiating' THEN NULL ELSE org_confirmed_at END,
                org_confirmed_by = CASE WHEN ? = 'negotiating' THEN NULL ELSE org_confirmed_by END,
                city_confirmed_at = CASE WHEN ? = 'negotiating' THEN NULL ELSE city_confirmed_at END,
                city_confirmed_by = CASE WHEN ? = 'negotiating' THEN NULL ELSE city_confirmed_by END
            WHERE id = ? AND status = ?
            """,
            [to.rawValue, now, to.rawValue, now, to.rawValue, to.rawValue, to.rawValue, to.rawValue, id, from.rawValue])
        return db.changes
    }

    public static func stampConfirmation(
        _ db: Database, id: Int64, side: PreConfirmation.Side, by label: String, now: Date
    ) throws {
        let column = side == .organisation ? "org" : "city"
        try db.execute(
            "UPDATE agreement SET \(column)_confirmed_by = ?, \(column)_confirmed_at = ? WHERE id = ?",
            [label, now, id])
    }

    public static func setVoidedNote(_ db: Database, id: Int64, _ note: String) throws {
        try db.execute("UPDATE agreement SET voided_note = ? WHERE id = ?", [note, id])
    }

    /// For demo data and tests: sets the state without the workflow.
    static func forceStatus(_ db: Database, id: Int64, _ status: Agreement.Status, now: Date) throws {
        try db.execute("UPDATE agreement SET status = ?, updated_at = ? WHERE id = ?", [status.rawValue, now, id])
    }

    // MARK: Versions

    public static func saveVersion(
        _ db: Database, id: Int64, version: Int, _ snapshot: Agreement.Snapshot, now: Date
    ) throws {
        let json = String(decoding: try JSONEncoder.sorted.encode(snapshot), as: UTF8.self)
        try db.execute(
            """
            INSERT INTO agreement_version (agreement_id, version, snapshot, saved_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (agreement_id, version) DO UPDATE SET snapshot = excluded.snapshot, saved_at = excluded.saved_at
            """, [id, version, json, now])
    }

    public static func versions(
        _ db: Database, id: Int64
    ) throws -> [(version: Int, savedAt: Date, snapshot: Agreement.Snapshot?)] {
        try db.query(
            "SELECT version, snapshot, saved_at FROM agreement_version WHERE agreement_id = ? ORDER BY version", [id]
        ).map {
            let text: String = try $0.get("snapshot")
            return (
                try $0.get("version"), try $0.get("saved_at"),
                try? JSONDecoder().decode(Agreement.Snapshot.self, from: Data(text.utf8))
            )
        }
    }

    // MARK: Pre-confirmation

    public static func sheets(_ db: Database, sourceType: String, sourceID: Int64) throws -> [PreConfirmation] {
        try db.query(
            """
            SELECT side, purpose, target, contribution, concerns, sharing, status FROM pre_confirmation WHERE source_type = ? AND source_id = ?
            """, [sourceType, sourceID]
        ).compactMap { row in
            guard let side = PreConfirmation.Side(rawValue: try row.get("side")) else { return nil }
            var sheet = PreConfirmation(side: side)
            for item in PreConfirmation.items { sheet.answers[item] = try row.get(item) }
            sheet.submitted = (try row.get("status") as String) == "submitted"
            return sheet
        }
    }

    /// Saves one side's sheet; false when that side has already submitted it.
    public static func saveSheet(
        _ db: Database, sourceType: String, sourceID: Int64, _ sheet: PreConfirmation, now: Date
    ) throws -> Bool {
        try db.execute(
            """
            INSERT INTO pre_confirmation (source_type, source_id, side, purpose, target, contribution, concerns, sharing, status, updated_at,
                submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (source_type, source_id, side) DO UPDATE SET purpose = excluded.purpose, target = excluded.target,
                contribution = excluded.contribution, concerns = excluded.concerns, sharing = excluded.sharing, status = excluded.status,
                updated_at = excluded.updated_at, submitted_at = excluded.submitted_at
            WHERE pre_confirmation.status = 'draft'
            """,
            [sourceType, sourceID, sheet.side.rawValue] + PreConfirmation.items.map { sheet.answers[$0] ?? "" }
                + [sheet.submitted ? "submitted" : "draft", now, sheet.submitted ? now : nil])
        return db.changes == 1
    }

    /// One organisation's agreements in force (and completed), for its public page.
    public static func published(_ db: Database, organisationID: Int64) throws -> [Agreement] {
        try db.query("""
            SELECT \(columns) FROM \(from) WHERE a.status IN ('in_force', 'completed') AND a.organisation_id = ?
            ORDER BY a.concluded_at DESC, a.id DESC
            """, [organisationID]).map(agreement)
    }

    /// Agreements in force (and completed), newest first, for the public list.
    public static func published(_ db: Database) throws -> [Agreement] {
        var list = try db.query(
            "SELECT \(columns) FROM \(from) WHERE a.status IN ('in_force', 'completed') ORDER BY a.concluded_at DESC, a.id DESC LIMIT 500"
        ).map(agreement)
        // Their cost lines in one more query (the open data shows each one's totals).
        var costs: [Int64: [Agreement.Cost]] = [:]
        for row in try db.query("""
            SELECT c.agreement_id, c.item, c.organisation_amount, c.city_amount FROM agreement_cost c JOIN agreement a ON a.id = c.agreement_id
            WHERE a.status IN ('in_force', 'completed') ORDER BY c.agreement_id, c.position
            """) {
            costs[try row.get("agreement_id"), default: []].append(
                .init(item: try row.get("item"), organisation: try row.get("organisation_amount"), city: try row.get("city_amount")))
        }
        for i in list.indices { list[i].costs = costs[list[i].id] ?? [] }
        return list
    }

    static func agreement(_ row: Row) throws -> Agreement {
        var a = Agreement()
        a.id = try row.get("id"); a.sourceType = try row.get("source_type"); a.sourceID = try row.get("source_id")
        a.organisationID = try row.get("organisation_id"); a.organisationName = try row.get("organisation_name")
        a.departmentID = try row.optional("department_id"); a.departmentName = try row.optional("department_name")
        a.status = Agreement.Status(rawValue: try row.get("status")) ?? .draft
        a.version = try row.get("version"); a.title = try row.get("title")
        a.periodFrom = try row.optional("period_from"); a.periodTo = try row.optional("period_to")
        for clause in Agreement.clauses { a.text[clause] = try row.get(clause) }
        a.orgConfirmedBy = try row.optional("org_confirmed_by"); a.orgConfirmedAt = try row.optional("org_confirmed_at")
        a.cityConfirmedBy = try row.optional("city_confirmed_by");
        a.cityConfirmedAt = try row.optional("city_confirmed_at")
        a.voidedNote = try row.get("voided_note"); a.concludedAt = try row.optional("concluded_at");
        a.revision = try row.get("revision")
        return a
    }

    static func auditFields(_ a: Agreement) -> [String: AuditValue] {
        var fields: [String: AuditValue] = [
            "title": .string(a.title), "period": .string("\(a.periodFrom ?? "")〜\(a.periodTo ?? "")"),
            "version": AuditValue(a.version),
            "costs": .string(a.costs.map { "\($0.item)=\($0.organisation)/\($0.city)" }.joined(separator: "; ")),
            "reports": .string(a.reportDates.map { "\($0.dueOn) \($0.what)" }.joined(separator: "; ")),
        ]
        for clause in Agreement.clauses { fields[clause] = .string(a[clause]) }
        return fields
    }
}

extension JSONEncoder {
    /// Keys in a fixed order, so equal snapshots are equal bytes.
    static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }
}
