import Foundation
import SQLite

extension GrantStore {
    /// Every application to a call past the draft stage, oldest first.
    public static func summaries(_ db: Database, callID: Int64) throws -> [GrantSummary] {
        // Totals are held at 1兆円 so a sum can always be read as money (each line already is).
        try db.query("""
            SELECT a.id, a.organisation_id, o.name AS organisation_name, a.status, a.project_title, a.requested_amount,
                a.granted_amount,
                min(coalesce((SELECT sum(amount) FROM grant_budget_line l WHERE l.application_id = a.id
                              AND l.direction = 'income'), 0), 1000000000000) AS income,
                min(coalesce((SELECT sum(amount) FROM grant_budget_line l WHERE l.application_id = a.id
                              AND l.direction = 'expense'), 0), 1000000000000) AS expense,
                min(coalesce((SELECT sum(amount) FROM grant_budget_line l WHERE l.application_id = a.id
                              AND l.direction = 'expense' AND l.eligible = 1), 0), 1000000000000) AS eligible
            FROM grant_application a JOIN organisation o ON o.id = a.organisation_id
            WHERE a.call_id = ? AND a.status <> 'draft' ORDER BY a.id
            """, [callID]).map { row in
            GrantSummary(id: try row.get("id"), organisationID: try row.get("organisation_id"),
                         organisationName: try row.get("organisation_name"),
                         status: GrantApplication.Status(rawValue: try row.get("status")) ?? .draft,
                         projectTitle: try row.get("project_title"), requested: try row.optional("requested_amount"),
                         granted: try row.optional("granted_amount"), income: try row.get("income"),
                         expense: try row.get("expense"), eligibleExpense: try row.get("eligible"))
        }
    }
}
