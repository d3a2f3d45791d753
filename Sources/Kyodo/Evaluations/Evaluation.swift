import Foundation

/// The joint evaluation of a collaboration project: both sides' retrospectives, the office's
/// remarks and its publication, and the 25-item evaluation sheet.
public enum Evaluation {
    /// 中間 / 最終 (事業終了時).
    public enum Stage: String, Sendable, CaseIterable {
        case mid, final
        public var messageKey: String { "evaluation.stage.\(rawValue)" }
    }

    public enum Status: String, Sendable, CaseIterable, WorkflowState {
        case draft, published
    }

    /// The retrospective's items, each answered with a rating 1–4 and text.
    public static let retrospectiveItems = [
        "achievement", "roles", "communication", "costs", "effect", "improve", "handover",
    ]

    /// 協働事業の評価シート (関市協働のまちづくり指針 資料2): 計画段階 9, 実施段階 6, 成果把握 5, 事業改善 5.
    public static let checklistGroups: [(group: String, count: Int)] = [
        ("plan", 9), ("run", 6), ("result", 5), ("improve", 5),
    ]
    public static var checklistItems: [String] {
        checklistGroups.flatMap { g in (1...g.count).map { "\(g.group)\($0)" } }
    }

    public enum Answer: String, Sendable, CaseIterable {
        case yes, partly, no
        public var messageKey: String { "evaluation.answer.\(rawValue)" }
        /// はい 2, 一部 1, いいえ 0.
        public var points: Int { self == .yes ? 2 : self == .partly ? 1 : 0 }
    }
}

/// One side's retrospective sheet.
public struct Retrospective: Sendable {
    public struct Answer: Sendable, Equatable {
        public var rating: Int?
        public var text: String
    }

    public var side: PreConfirmation.Side
    public var answers: [String: Answer] = [:]
    public var submitted = false

    public init(side: PreConfirmation.Side) { self.side = side }
}

/// Everything of one agreement's evaluation at one stage, as the page needs it.
public struct EvaluationCase: Sendable {
    public var agreement: AgreementCase
    public var stage: Evaluation.Stage
    public var status: Evaluation.Status
    public var remarks: String
    public var publishedAt: Date?
    public var sheets: [Retrospective]
    /// Item → (answer, note).
    public var checks: [String: (answer: Evaluation.Answer?, note: String)]

    public var bothSubmitted: Bool { sheets.filter(\.submitted).count == 2 }
}
