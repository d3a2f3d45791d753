import Foundation
import SQLite

/// The only place with SQL for themes and their activity fields.
public enum ThemeStore {
    static let columns = """
        t.id, t.department_id, d.name AS department_name, t.call_id, t.fiscal_year, t.status, t.title, t.local_issue, t.wanted,
        t.expected_outcome, t.budget_frame, t.period_from, t.period_to, t.contact, t.district_code, t.published_at
        """
    static let from = "theme t JOIN department d ON d.id = t.department_id"

    public static func find(_ db: Database, id: Int64) throws -> Theme? {
        guard let row = try db.first("SELECT \(columns) FROM \(from) WHERE t.id = ?", [id]) else { return nil }
        var t = try theme(row)
        t.fields = try db.query("SELECT field_code FROM theme_field WHERE theme_id = ? ORDER BY field_code", [id]).map {
            try $0.get("field_code")
        }
        return t
    }

    /// What the lists filter by; nil means any.
    public struct Filter: Sendable {
        public var statuses: [Theme.Status] = [.published, .closed]
        public var departmentID: Int64?
        public var field: Int?
        public var fiscalYear: Int?
        public var callID: Int64?
    }

    /// Themes matching the filter, open ones first, newest year first; fields read in one more query.
    public static func list(_ db: Database, _ f: Filter) throws -> [Theme] {
        var conditions = ["t.status IN (" + f.statuses.map { _ in "?" }.joined(separator: ", ") + ")"]
        var values: [any SQLBindable] = f.statuses.map(\.rawValue)
        if let d = f.departmentID { conditions.append("t.department_id = ?"); values.append(d) }
        if let y = f.fiscalYear { conditions.append("t.fiscal_year = ?"); values.append(y) }
        if let call = f.callID { conditions.append("t.call_id = ?"); values.append(call) }
        if let field = f.field {
            conditions.append("EXISTS (SELECT 1 FROM theme_field tf WHERE tf.theme_id = t.id AND tf.field_code = ?)")
            values.append(field)
        }
        var themes = try db.query(
            """
            SELECT \(columns) FROM \(from) WHERE \(conditions.joined(separator: " AND "))
            ORDER BY t.status = 'closed', t.fiscal_year DESC, t.id DESC LIMIT 500
            """, values
        ).map(theme)
        guard !themes.isEmpty else { return themes }
        var fields: [Int64: [Int]] = [:]
        let ids = themes.map(\.id)
        for row in try db.query(
            "SELECT theme_id, field_code FROM theme_field WHERE theme_id IN (\(ids.map { _ in "?" }.joined(separator: ", "))) ORDER BY field_code",
            ids as [any SQLBindable])
        {
            fields[try row.get("theme_id"), default: []].append(try row.get("field_code"))
        }
        for i in themes.indices { themes[i].fields = fields[themes[i].id] ?? [] }
        return themes
    }

    /// Fiscal years that have public themes, newest first (the year filter's choices).
    public static func years(_ db: Database) throws -> [Int] {
        try db.query("SELECT DISTINCT fiscal_year FROM theme WHERE status <> 'draft' ORDER BY fiscal_year DESC").map {
            try $0.get("fiscal_year")
        }
    }

    /// Published themes working in any of `fields`: what an organisation in those fields may answer.
    public static func open(
        _ db: Database, inFields fields: [Int]
    ) throws -> [(id: Int64, title: String, department: String)] {
        guard !fields.isEmpty else { return [] }
        return try db.query(
            """
            SELECT DISTINCT t.id, t.title, d.name AS department_name FROM theme t JOIN department d ON d.id = t.department_id
            JOIN theme_field tf ON tf.theme_id = t.id
            WHERE t.status = 'published' AND tf.field_code IN (\(fields.map { _ in "?" }.joined(separator: ", ")))
            ORDER BY t.id DESC LIMIT 20
            """, fields as [any SQLBindable]
        ).map { (try $0.get("id"), try $0.get("title"), try $0.get("department_name")) }
    }

    /// A possible partner for a theme: an active organisation working in its fields.
    public struct Match: Sendable {
        public let id: Int64
        public let name: String
        public let districtCode: String?
        public let sharedFields: Int
        /// Approved grants and selected proposals so far.
        public let collaborations: Int
    }

    /// Active organisations working in the theme's fields, those in its district and sharing more
    /// fields first; at most `limit`.
    public static func matches(_ db: Database, theme t: Theme, limit: Int = 20) throws -> [Match] {
        guard !t.fields.isEmpty else { return [] }
        let marks = t.fields.map { _ in "?" }.joined(separator: ", ")
        var values: [any SQLBindable] = t.fields
        values += [t.districtCode, t.districtCode, limit]
        return try db.query(
            """
            SELECT o.id, o.name, o.district_code, count(*) AS shared,
                (SELECT count(*) FROM grant_application g WHERE g.organisation_id = o.id AND g.status = 'approved')
                + (SELECT count(*) FROM proposal p WHERE p.organisation_id = o.id
                   AND p.status IN ('selected', 'agreement', 'in_progress', 'reported', 'evaluation', 'completed')) AS collaborations
            FROM organisation o JOIN organisation_activity_field f ON f.organisation_id = o.id
            WHERE o.status = 'active' AND f.field_code IN (\(marks))
            GROUP BY o.id
            ORDER BY (? IS NOT NULL AND o.district_code = ?) DESC, shared DESC, o.sort_kana, o.id LIMIT ?
            """, values
        ).map {
            Match(
                id: try $0.get("id"), name: try $0.get("name"), districtCode: try $0.optional("district_code"),
                sharedFields: try $0.get("shared"), collaborations: try $0.get("collaborations"))
        }
    }

    @discardableResult
    public static func insert(_ db: Database, _ t: Theme, now: Date) throws -> Int64 {
        try db.execute(
            """
            INSERT INTO theme (department_id, call_id, fiscal_year, status, title, local_issue, wanted, expected_outcome, budget_frame,
                period_from, period_to, contact, district_code, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, values(t) + [now, now])
        let id = db.lastInsertRowID
        try setFields(db, id: id, t.fields)
        return id
    }

    public static func update(_ db: Database, _ t: Theme, now: Date) throws {
        try db.execute(
            """
            UPDATE theme SET department_id = ?, call_id = ?, fiscal_year = ?, status = ?, title = ?, local_issue = ?, wanted = ?,
                expected_outcome = ?, budget_frame = ?, period_from = ?, period_to = ?, contact = ?, district_code = ?, updated_at = ?
            WHERE id = ? AND status <> 'closed'
            """, values(t) + [now, t.id])
        try setFields(db, id: t.id, t.fields)
    }

    private static func values(_ t: Theme) -> [any SQLBindable] {
        [
            t.departmentID, t.callID, t.fiscalYear, t.status.rawValue, t.title, t.localIssue, t.wanted,
            t.expectedOutcome, t.budgetFrame,
            t.periodFrom, t.periodTo, t.contact, t.districtCode,
        ]
    }

    private static func setFields(_ db: Database, id: Int64, _ fields: [Int]) throws {
        try db.execute("DELETE FROM theme_field WHERE theme_id = ?", [id])
        for code in Set(fields).sorted() {
            try db.execute("INSERT INTO theme_field (theme_id, field_code) VALUES (?, ?)", [id, code])
        }
    }

    /// The workflow's state change: only from `from`; returns the rows changed (0 or 1).
    public static func setStatus(
        _ db: Database, id: Int64, from: Theme.Status, to status: Theme.Status, now: Date
    ) throws -> Int {
        try db.execute(
            """
            UPDATE theme SET status = ?, updated_at = ?, published_at = CASE WHEN ? = 'published' THEN coalesce(published_at, ?) ELSE published_at END
            WHERE id = ? AND status = ?
            """, [status.rawValue, now, status.rawValue, now, id, from.rawValue])
        return db.changes
    }

    static func theme(_ row: Row) throws -> Theme {
        var t = Theme()
        t.id = try row.get("id"); t.departmentID = try row.get("department_id");
        t.departmentName = try row.get("department_name")
        t.callID = try row.optional("call_id"); t.fiscalYear = try row.get("fiscal_year")
        t.status = Theme.Status(rawValue: try row.get("status")) ?? .draft
        t.title = try row.get("title"); t.localIssue = try row.get("local_issue"); t.wanted = try row.get("wanted")
        t.expectedOutcome = try row.get("expected_outcome"); t.budgetFrame = try row.optional("budget_frame")
        t.periodFrom = try row.optional("period_from"); t.periodTo = try row.optional("period_to");
        t.contact = try row.get("contact")
        t.districtCode = try row.optional("district_code"); t.publishedAt = try row.optional("published_at")
        return t
    }

    static func auditFields(_ t: Theme) -> [String: AuditValue] {
        [
            "department": AuditValue(t.departmentID), "call": AuditValue(t.callID),
            "fiscal_year": AuditValue(t.fiscalYear),
            "title": .string(t.title), "local_issue": .string(t.localIssue), "wanted": .string(t.wanted),
            "expected_outcome": .string(t.expectedOutcome), "budget_frame": AuditValue(t.budgetFrame),
            "period": .string("\(t.periodFrom ?? "")〜\(t.periodTo ?? "")"), "contact": .string(t.contact),
            "district": AuditValue(t.districtCode),
            "fields": .string(t.fields.sorted().map(String.init).joined(separator: ",")),
        ]
    }
}
