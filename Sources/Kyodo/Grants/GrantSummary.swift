import Foundation
import SQLite

/// One application as the staff list, the CSV and the results page show it: its organisation's
/// name and its budget totals come from the same query, so no total reads 0 for lines that were
/// never loaded and no list makes a query per row.
public struct GrantSummary: Sendable {
    public let id: Int64
    public let organisationID: Int64
    public let organisationName: String
    public let status: GrantApplication.Status
    public let projectTitle: String
    public let requested: Yen?
    public let granted: Yen?
    public let income: Yen
    public let expense: Yen
    public let eligibleExpense: Yen
}
