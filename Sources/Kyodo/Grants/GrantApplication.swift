import Foundation

/// 補助金交付申請: one organisation's application to one grant call.
public struct GrantApplication: Sendable {
    public enum Status: String, Sendable, CaseIterable, WorkflowState {
        case draft, submitted, returned, accepted, approved, rejected, withdrawn
        public var messageKey: String { "application.status.\(rawValue)" }
    }

    public struct BudgetLine: Sendable, Equatable {
        public enum Direction: String, Sendable { case income, expense }
        public var direction: Direction
        public var category: String
        public var amount: Yen
        /// An expense that counts towards the subsidy (補助対象経費).
        public var eligible: Bool
        public var note: String

        public init(direction: Direction, category: String, amount: Yen, eligible: Bool, note: String) {
            self.direction = direction
            self.category = category
            self.amount = amount
            self.eligible = eligible
            self.note = note
        }
    }

    public var id: Int64 = 0
    public var callID: Int64 = 0
    public var organisationID: Int64 = 0
    public var status = Status.draft
    public var projectTitle = ""
    public var purpose = ""
    public var content = ""
    public var beneficiaries = ""
    public var place = ""
    public var schedule = ""
    public var requestedAmount: Yen?
    /// Set by 交付決定.
    public var grantedAmount: Yen?
    public var conditions = ""
    public var budget: [BudgetLine] = []
    /// Bumped on every saved draft (optimistic concurrency for the edit form).
    public var revision = 0
    /// Set by a return: resubmission is open until the end of this day (YYYY-MM-DD, Tokyo).
    public var resubmitBy: String?

    public init() {}

    public var income: Yen { Yen.total(budget.filter { $0.direction == .income }.map(\.amount)) }
    public var expense: Yen { Yen.total(budget.filter { $0.direction == .expense }.map(\.amount)) }
    public var eligibleExpense: Yen { Yen.total(budget.filter { $0.direction == .expense && $0.eligible }.map(\.amount)) }

    /// The organisation may still change it.
    public var isEditable: Bool { status == .draft || status == .returned }
}

extension Call {
    /// rate × eligible expenses, rounded down to the yen (補助率 e.g. 1/2).
    /// A rate the form could not have saved (denominator 0) allows nothing rather than trapping.
    public func subsidyLimit(eligibleExpense: Yen) -> Yen { eligibleExpense.times(rateNumerator, over: rateDenominator) ?? .zero }
}
