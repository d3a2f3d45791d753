import Foundation
import SQLite

extension GrantStore {
    /// What the staff list of a call shows above its table: how many applications are in each
    /// state and the totals requested and granted (one query, whatever the number of applications).
    public static func tally(_ db: Database, callID: Int64) throws -> (counts: [GrantApplication.Status: Int], requested: Yen, granted: Yen) {
        var counts: [GrantApplication.Status: Int] = [:]
        var requested: Int64 = 0, granted: Int64 = 0
        for row in try db.query("""
            SELECT status, count(*) AS n, coalesce(sum(requested_amount), 0) AS requested, coalesce(sum(granted_amount), 0) AS granted
            FROM grant_application WHERE call_id = ? AND status <> 'draft' GROUP BY status
            """, [callID]) {
            if let status = GrantApplication.Status(rawValue: try row.get("status")) { counts[status] = try row.get("n") }
            // Each amount is at most 1兆円 and a call has far fewer than 9 million applications: no overflow.
            requested = min(Yen.max, requested + (try row.get("requested", as: Int64.self)))
            granted = min(Yen.max, granted + (try row.get("granted", as: Int64.self)))
        }
        return (counts, Yen(requested) ?? .zero, Yen(granted) ?? .zero)
    }

    /// Applications to a call past the draft stage, oldest first: all of them, or a page of those
    /// in `status`.
    /// `withTotals` adds the budget totals (the CSV); list pages never show them, and computing
    /// them for every row before sorting was most of the staff list's time.
    public static func summaries(_ db: Database, callID: Int64, status: GrantApplication.Status? = nil,
                                 limit: Int = -1, offset: Int = 0, withTotals: Bool = false) throws -> [GrantSummary] {
        // Totals are held at 1兆円 so a sum can always be read as money (each line already is).
        let totals = withTotals ? """
                min(coalesce((SELECT sum(amount) FROM grant_budget_line l WHERE l.application_id = a.id
                              AND l.direction = 'income'), 0), 1000000000000) AS income,
                min(coalesce((SELECT sum(amount) FROM grant_budget_line l WHERE l.application_id = a.id
                              AND l.direction = 'expense'), 0), 1000000000000) AS expense,
                min(coalesce((SELECT sum(amount) FROM grant_budget_line l WHERE l.application_id = a.id
                              AND l.direction = 'expense' AND l.eligible = 1), 0), 1000000000000) AS eligible
            """ : "NULL AS income, NULL AS expense, NULL AS eligible"
        return try db.query("""
            SELECT a.id, a.organisation_id, o.name AS organisation_name, a.status, a.project_title, a.requested_amount,
                a.granted_amount, \(totals)
            FROM grant_application a JOIN organisation o ON o.id = a.organisation_id
            WHERE a.call_id = ? AND a.status <> 'draft' AND (? IS NULL OR a.status = ?) ORDER BY a.id LIMIT ? OFFSET ?
            """, [callID, status?.rawValue, status?.rawValue, limit, offset]).map { row in
            GrantSummary(id: try row.get("id"), organisationID: try row.get("organisation_id"),
                         organisationName: try row.get("organisation_name"),
                         status: GrantApplication.Status(rawValue: try row.get("status")) ?? .draft,
                         projectTitle: try row.get("project_title"), requested: try row.optional("requested_amount"),
                         granted: try row.optional("granted_amount"),
                         totals: withTotals ? GrantSummary.Totals(income: try row.get("income"), expense: try row.get("expense"),
                                                                  eligibleExpense: try row.get("eligible")) : nil)
        }
    }
}
