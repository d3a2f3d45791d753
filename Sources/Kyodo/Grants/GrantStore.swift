import Foundation
import SQLite

/// The only place with SQL for grant applications and their budget lines.
public enum GrantStore {
    static let columns = """
        id, call_id, organisation_id, status, project_title, purpose, content, beneficiaries, place, schedule, requested_amount,
        granted_amount, conditions, revision, resubmit_by
        """

    public static func find(_ db: Database, id: Int64) throws -> GrantApplication? {
        guard let row = try db.first("SELECT \(columns) FROM grant_application WHERE id = ?", [id]) else { return nil }
        var a = try application(row)
        a.budget = try db.query("SELECT direction, category, amount, eligible, note FROM grant_budget_line WHERE application_id = ? ORDER BY direction DESC, position",
                                [id]).map {
            GrantApplication.BudgetLine(direction: .init(rawValue: try $0.get("direction")) ?? .expense, category: try $0.get("category"),
                                        amount: try $0.get("amount"), eligible: try $0.get("eligible"), note: try $0.get("note"))
        }
        return a
    }

    /// The applications of every organisation the user is a member of, with the call's title and
    /// the organisation's name, newest first (one query however many organisations).
    public static func forMember(_ db: Database, userID: Int64)
        throws -> [(id: Int64, projectTitle: String, callTitle: String, fiscalYear: Int, organisation: String, status: GrantApplication.Status)] {
        try db.query("""
            SELECT a.id, a.project_title, c.title AS call_title, c.fiscal_year, o.name AS organisation_name, a.status
            FROM grant_application a JOIN call c ON c.id = a.call_id JOIN organisation o ON o.id = a.organisation_id
            WHERE a.organisation_id IN (SELECT organisation_id FROM organisation_member WHERE user_id = ? AND accepted = 1)
            ORDER BY a.id DESC
            """, [userID]).map {
            (try $0.get("id"), try $0.get("project_title"), try $0.get("call_title"), try $0.get("fiscal_year"),
             try $0.get("organisation_name"), GrantApplication.Status(rawValue: try $0.get("status")) ?? .draft)
        }
    }

    /// The organisation's live (not withdrawn) application to a call, if any.
    public static func existing(_ db: Database, callID: Int64, organisationID: Int64) throws -> Int64? {
        try db.scalar("SELECT id FROM grant_application WHERE call_id = ? AND organisation_id = ? AND status <> 'withdrawn'",
                      [callID, organisationID], as: Int64.self)
    }

    public static func create(_ db: Database, callID: Int64, organisationID: Int64, now: Date) throws -> Int64 {
        try db.execute("INSERT INTO grant_application (call_id, organisation_id, created_at, updated_at) VALUES (?, ?, ?, ?)",
                       [callID, organisationID, now, now])
        return db.lastInsertRowID
    }

    /// Saves the editable fields and budget lines if the application is still editable and still at
    /// `a.revision`; returns false (nothing written) when it is not.
    @discardableResult
    public static func update(_ db: Database, _ a: GrantApplication, now: Date) throws -> Bool {
        try db.execute("""
            UPDATE grant_application SET project_title = ?, purpose = ?, content = ?, beneficiaries = ?, place = ?, schedule = ?,
                requested_amount = ?, updated_at = ?, revision = revision + 1
            WHERE id = ? AND revision = ? AND status IN ('draft', 'returned')
            """, [a.projectTitle, a.purpose, a.content, a.beneficiaries, a.place, a.schedule, a.requestedAmount, now, a.id, a.revision])
        guard db.changes == 1 else { return false }
        try db.execute("DELETE FROM grant_budget_line WHERE application_id = ?", [a.id])
        for (i, line) in a.budget.enumerated() {
            try db.execute("INSERT INTO grant_budget_line (application_id, direction, position, category, amount, eligible, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           [a.id, line.direction.rawValue, i + 1, line.category, line.amount, line.eligible, line.note])
        }
        return true
    }

    /// The workflow's state change: only from `from`; returns the rows changed (0 or 1).
    public static func setStatus(_ db: Database, id: Int64, from: GrantApplication.Status, to status: GrantApplication.Status,
                                 now: Date) throws -> Int {
        try db.execute("""
            UPDATE grant_application SET status = ?, updated_at = ?,
                submitted_at = CASE WHEN ? = 'submitted' THEN ? ELSE submitted_at END
            WHERE id = ? AND status = ?
            """, [status.rawValue, now, status.rawValue, now, id, from.rawValue])
        return db.changes
    }

    /// For demo data and tests: sets the state without the workflow.
    static func forceStatus(_ db: Database, id: Int64, _ status: GrantApplication.Status, now: Date) throws {
        try db.execute("UPDATE grant_application SET status = ?, updated_at = ? WHERE id = ?", [status.rawValue, now, id])
    }

    public static func setResubmitBy(_ db: Database, id: Int64, _ day: String?) throws {
        try db.execute("UPDATE grant_application SET resubmit_by = ? WHERE id = ?", [day, id])
    }

    /// The application with its call and the names of its attachments: what the workflow checks.
    public static func findCase(_ db: Database, id: Int64) throws -> GrantCase? {
        guard let a = try find(db, id: id), let call = try CallStore.find(db, id: a.callID) else { return nil }
        return GrantCase(application: a, call: call, attachmentNames: Set(try GrantAttachmentStore.list(db, applicationID: id).map(\.name)),
                         reviewers: try ReviewStore.reviewerUserIDs(db, recordType: "application", recordID: id))
    }

    /// Whether the application may still be changed by its organisation, read inside a write so a
    /// file cannot be added after a submission that committed a moment before.
    public static func isEditable(_ db: Database, id: Int64) throws -> Bool {
        try db.scalar("SELECT status IN ('draft', 'returned') FROM grant_application WHERE id = ?", [id], as: Bool.self) ?? false
    }

    /// Records the granted amount and conditions of a 交付決定.
    public static func recordGrant(_ db: Database, id: Int64, amount: Yen, conditions: String, now: Date) throws {
        try db.execute("UPDATE grant_application SET granted_amount = ?, conditions = ?, updated_at = ? WHERE id = ?", [amount, conditions, now, id])
    }

    /// Everything granted so far under a call, against its budget ceiling.
    public static func grantedTotal(_ db: Database, callID: Int64) throws -> Yen {
        // Each amount is at most 1兆円 (schema CHECK); SQLite's sum() reports integer overflow as an
        // error, and a total past the bound reads as the bound, which blocks further grants.
        let total = try db.scalar("SELECT coalesce(sum(granted_amount), 0) FROM grant_application WHERE call_id = ? AND status = 'approved'",
                                  [callID], as: Int64.self) ?? 0
        return Yen(min(total, Yen.max)) ?? .zero
    }

    /// Approved grants of calls whose results are published: what open data publishes, and (for
    /// one organisation) its public page's record of grants.
    public static func publishedResults(_ db: Database, organisationID: Int64? = nil) throws
        -> [(callID: Int64, call: String, fiscalYear: Int, organisation: String, title: String, granted: Yen?, settled: Yen?)] {
        try db.query("""
            SELECT c.id AS call_id, c.title AS call_title, c.fiscal_year, o.name AS organisation, a.project_title, a.granted_amount,
                CASE WHEN a.report_status = 'settled' THEN a.settled_amount END AS settled
            FROM grant_application a JOIN call c ON c.id = a.call_id JOIN organisation o ON o.id = a.organisation_id
            WHERE a.status = 'approved' AND c.status IN ('published', 'archived') AND (?1 IS NULL OR a.organisation_id = ?1)
            ORDER BY c.fiscal_year DESC, c.id, a.id
            """, [organisationID]).map {
            (try $0.get("call_id"), try $0.get("call_title"), try $0.get("fiscal_year"), try $0.get("organisation"),
             try $0.get("project_title"), try $0.optional("granted_amount"), try $0.optional("settled"))
        }
    }

    static func application(_ row: Row) throws -> GrantApplication {
        var a = GrantApplication()
        a.id = try row.get("id"); a.callID = try row.get("call_id"); a.organisationID = try row.get("organisation_id")
        a.status = GrantApplication.Status(rawValue: try row.get("status")) ?? .draft
        a.projectTitle = try row.get("project_title"); a.purpose = try row.get("purpose"); a.content = try row.get("content")
        a.beneficiaries = try row.get("beneficiaries"); a.place = try row.get("place"); a.schedule = try row.get("schedule")
        a.requestedAmount = try row.optional("requested_amount")
        a.grantedAmount = try row.optional("granted_amount")
        a.conditions = try row.get("conditions")
        a.revision = try row.get("revision")
        a.resubmitBy = try row.optional("resubmit_by")
        return a
    }

    static func auditFields(_ a: GrantApplication) -> [String: AuditValue] {
        ["project_title": .string(a.projectTitle), "purpose": .string(a.purpose), "content": .string(a.content),
         "beneficiaries": .string(a.beneficiaries), "place": .string(a.place), "schedule": .string(a.schedule),
         "requested_amount": AuditValue(a.requestedAmount),
         "budget": .string(a.budget.map { "\($0.direction.rawValue):\($0.category)=\($0.amount)\($0.eligible ? "" : "*")" }.joined(separator: "; "))]
    }

    /// Applications past their draft (the demo attaches their documents).
    static func submittedIDs(_ db: Database) throws -> [Int64] {
        try db.query("SELECT id FROM grant_application WHERE status <> 'draft' ORDER BY id").map { try $0.get("id") }
    }
}
