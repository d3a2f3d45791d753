import Foundation
import SQLite

/// The only place with SQL for reports (columns of `grant_application`, `grant_actual_line`).
public enum GrantReportStore {
    public static func find(_ db: Database, applicationID: Int64) throws -> GrantReport {
        var r = GrantReport(applicationID: applicationID)
        if let row = try db.first("SELECT report_status, project_end_on, outcomes, settled_amount FROM grant_application WHERE id = ?", [applicationID]) {
            r.status = GrantReport.Status(rawValue: try row.get("report_status")) ?? .none
            r.projectEndOn = try row.optional("project_end_on")
            r.outcomes = try row.get("outcomes")
            r.settledAmount = try row.optional("settled_amount")
        }
        r.actuals = try db.query("SELECT direction, category, amount, eligible, note FROM grant_actual_line WHERE application_id = ? ORDER BY direction DESC, position",
                                 [applicationID]).map {
            GrantApplication.BudgetLine(direction: .init(rawValue: try $0.get("direction")) ?? .expense, category: try $0.get("category"),
                                        amount: try $0.get("amount"), eligible: try $0.get("eligible"), note: try $0.get("note"))
        }
        return r
    }

    public static func save(_ db: Database, _ r: GrantReport, now: Date) throws {
        try db.execute("UPDATE grant_application SET project_end_on = ?, outcomes = ?, updated_at = ? WHERE id = ?",
                       [r.projectEndOn, r.outcomes, now, r.applicationID])
        try db.execute("DELETE FROM grant_actual_line WHERE application_id = ?", [r.applicationID])
        for (i, line) in r.actuals.enumerated() {
            try db.execute("INSERT INTO grant_actual_line (application_id, direction, position, category, amount, eligible, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           [r.applicationID, line.direction.rawValue, i + 1, line.category, line.amount, line.eligible, line.note])
        }
    }

    /// The workflow's state change: only from `from`; returns the rows changed (0 or 1).
    public static func setStatus(_ db: Database, applicationID: Int64, from: GrantReport.Status, to status: GrantReport.Status,
                                 now: Date) throws -> Int {
        try db.execute("UPDATE grant_application SET report_status = ?, updated_at = ? WHERE id = ? AND report_status = ?",
                       [status.rawValue, now, applicationID, from.rawValue])
        return db.changes
    }

    public static func setSettled(_ db: Database, applicationID: Int64, _ amount: Yen) throws {
        try db.execute("UPDATE grant_application SET settled_amount = ? WHERE id = ?", [amount, applicationID])
    }

    public static func status(_ db: Database, applicationID: Int64) throws -> GrantReport.Status? {
        try db.scalar("SELECT report_status FROM grant_application WHERE id = ?", [applicationID], as: String.self)
            .flatMap(GrantReport.Status.init(rawValue:))
    }

    /// For tests: a report in a given state, without the workflow.
    static func forceStatus(_ db: Database, applicationID: Int64, _ status: GrantReport.Status) throws {
        try db.execute("UPDATE grant_application SET report_status = ? WHERE id = ?", [status.rawValue, applicationID])
    }

    /// For demo data: a report already settled.
    static func forceSettled(_ db: Database, applicationID: Int64, _ amount: Yen, now: Date) throws {
        try db.execute("UPDATE grant_application SET report_status = 'settled', settled_amount = ?, updated_at = ? WHERE id = ?",
                       [amount, now, applicationID])
    }
}
