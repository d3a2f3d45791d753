import Foundation
import SQLite
import Templating

/// 実施報告: what was actually spent and achieved, and 額の確定 — the settled amount.
public struct GrantReport: Sendable {
    public enum Status: String, Sendable, WorkflowState { case none, submitted, returned, accepted, settled
        public var messageKey: String { "report.status.\(rawValue)" }
    }

    public var applicationID: Int64
    public var status = Status.none
    /// YYYY-MM-DD.
    public var projectEndOn: String?
    public var outcomes = ""
    public var actuals: [GrantApplication.BudgetLine] = []
    public var settledAmount: Yen?

    public var actualEligibleExpense: Yen { Yen.total(actuals.filter { $0.direction == .expense && $0.eligible }.map(\.amount)) }

    /// Default due date: 30 days after the project ends.
    public var dueOn: JapaneseCalendar.Day? {
        guard let end = projectEndOn, let day = DateInput.parse(end) else { return nil }
        return JapaneseCalendar.tokyo(JapaneseCalendar.startOfDay(day).addingTimeInterval(30 * 86_400))
    }

    /// settled = min(granted, rate × actual eligible expenses), rounded down to the yen.
    public static func settlement(granted: Yen, call: Call, actualEligible: Yen) -> Yen {
        min(granted, call.subsidyLimit(eligibleExpense: actualEligible))
    }
}
