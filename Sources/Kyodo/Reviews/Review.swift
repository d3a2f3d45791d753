import Foundation

/// One round of council scoring over a call's items at one stage.
public struct ReviewRound: Sendable {
    /// 事前 / 中間 / 事後.
    public enum Stage: String, Sendable, CaseIterable {
        case pre, mid, post
        public var messageKey: String { "review.stage.\(rawValue)" }
    }

    public enum Status: String, Sendable, CaseIterable, WorkflowState {
        case open, closed
        public var messageKey: String { "review.roundStatus.\(rawValue)" }
    }

    public var id: Int64 = 0
    public var callID: Int64 = 0
    public var stage = Stage.pre
    public var dueOn = ""
    public var status = Status.open
    public var closedReason = ""
    public var closedAt: Date?
    public var memberIDs: [Int64] = []

    public init() {}
}

/// What is scored in a round: an application or a proposal.
public struct ReviewItem: Sendable {
    public var id: Int64 = 0
    public var roundID: Int64 = 0
    public var recordType = "application"
    public var recordID: Int64 = 0
    public var organisationID: Int64 = 0
    public var title = ""
    /// The council's opinion (意見), recorded by the office.
    public var opinion = ""

    public init() {}

    /// The page of the scored record.
    public var href: String { recordType == "proposal" ? "/proposals/\(recordID)" : "/applications/\(recordID)" }
}

/// One member's scoring of one item.
public struct Review: Sendable {
    public enum Status: String, Sendable, CaseIterable, WorkflowState {
        case draft, submitted
    }

    /// 採択 / 条件付き採択 / 不採択.
    public enum Recommendation: String, Sendable, CaseIterable {
        case select, conditional, reject
        public var messageKey: String { "review.recommendation.\(rawValue)" }
    }

    public struct Score: Sendable, Equatable {
        /// The call criterion's position (1-based).
        public var position: Int
        public var score: Int
        public var comment: String
    }

    public var id: Int64 = 0
    public var itemID: Int64 = 0
    public var memberID: Int64 = 0
    public var status = Status.draft
    public var recommendation: Recommendation?
    public var comment = ""
    public var scores: [Score] = []

    public init() {}
}

/// A member left out of an item, and why.
public struct Recusal: Sendable {
    public var itemID: Int64
    public var memberID: Int64
    public var memberName: String
    public var automatic: Bool
    public var reason: String
    public var recordedAt: Date
}
