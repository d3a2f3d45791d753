import Foundation

/// 募集: one round of a grant programme or collaboration-proposal call in one fiscal year.
public struct Call: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case grant, proposal
        public var messageKey: String { "call.kind.\(rawValue)" }
    }

    /// 準備中 → 公開 → 締切 → 審査中 → 結果公表 → 終了.
    public enum Status: String, Sendable, CaseIterable, WorkflowState {
        case draft, open, closed, reviewing, published, archived
        public var messageKey: String { "call.status.\(rawValue)" }
    }

    public struct Criterion: Sendable, Equatable {
        public var name: String
        public var description: String
        public var weight: Int
        public var scaleMin: Int
        public var scaleMax: Int

        public init(name: String, description: String, weight: Int, scaleMin: Int, scaleMax: Int) {
            self.name = name
            self.description = description
            self.weight = weight
            self.scaleMin = scaleMin
            self.scaleMax = scaleMax
        }
    }

    public var id: Int64 = 0
    public var kind = Kind.grant
    public var fiscalYear = 2025
    public var title = ""
    public var description = ""
    public var opensAt = Date(timeIntervalSince1970: 0)
    public var closesAt = Date(timeIntervalSince1970: 0)
    public var budgetCeiling: Yen?
    public var maxAmount: Yen?
    /// 補助率, e.g. 1/2.
    public var rateNumerator = 1
    public var rateDenominator = 2
    public var status = Status.draft
    public var criteria: [Criterion] = []
    public var eligibleKinds: [OrganisationKind] = []
    public var requiredAttachments: [String] = []

    public init() {}

    /// Rules may change only before the call opens.
    public var isEditable: Bool { status == .draft }
    /// Published to everyone once it has opened.
    public var isPublic: Bool { status != .draft }
}
