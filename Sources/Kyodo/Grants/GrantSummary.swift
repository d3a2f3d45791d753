import Foundation
import SQLite

/// One application as the staff list, the CSV and the results page show it: its organisation's
/// name and (when asked for, for the CSV) its budget totals come from the same query, so no list
/// makes a query per row.
public struct GrantSummary: Sendable {
    public let id: Int64
    public let organisationID: Int64
    public let organisationName: String
    public let status: GrantApplication.Status
    public let projectTitle: String
    public let requested: Yen?
    public let granted: Yen?
    /// Only when asked for (`withTotals`): never a 0 that means "not loaded".
    public let totals: Totals?

    public struct Totals: Sendable {
        public let income: Yen
        public let expense: Yen
        public let eligibleExpense: Yen
    }
}
