import Foundation

/// 協定書 / 協働事業確認書: what the city and an organisation agree on for a collaboration project,
/// as data — parties, clauses, cost sharing, reporting dates — with every version kept.
public struct Agreement: Sendable {
    /// 起案 → 協議中 → 団体確認 → 市確認 → 締結 → 終了 | 解除.
    public enum Status: String, Sendable, CaseIterable, WorkflowState {
        case draft, negotiating
        case orgConfirmed = "org_confirmed"
        case cityConfirmed = "city_confirmed"
        case inForce = "in_force"
        case completed, terminated
        public var messageKey: String { "agreement.status.\(rawValue)" }
        /// In force or done: the agreement is public.
        public var isPublic: Bool { self == .inForce || self == .completed }
    }

    /// The clauses in the order the document numbers them (第1条 …); each is a column of its own.
    public static let clauses = [
        "purpose", "content", "role_organisation", "role_department", "role_office", "risk", "insurance",
        "reporting", "disclosure", "ownership", "termination", "amendment", "consultation",
    ]

    public struct Cost: Sendable, Equatable, Codable {
        public var item: String
        public var organisation: Yen
        public var city: Yen
    }

    public struct ReportDate: Sendable, Equatable, Codable {
        public var dueOn: String
        public var what: String
    }

    public var id: Int64 = 0
    public var sourceType = "proposal"
    public var sourceID: Int64 = 0
    public var organisationID: Int64 = 0
    public var organisationName = ""
    public var departmentID: Int64?
    public var departmentName: String?
    public var status = Status.draft
    public var version = 1
    public var title = ""
    public var periodFrom: String?
    public var periodTo: String?
    /// Clause key → text.
    public var text: [String: String] = [:]
    public var costs: [Cost] = []
    public var reportDates: [ReportDate] = []
    public var orgConfirmedBy: String?
    public var orgConfirmedAt: Date?
    public var cityConfirmedBy: String?
    public var cityConfirmedAt: Date?
    public var voidedNote = ""
    public var concludedAt: Date?
    public var revision = 0

    public init() {}

    public subscript(clause: String) -> String { text[clause] ?? "" }

    public var organisationTotal: Yen { Yen.total(costs.map(\.organisation)) }
    public var cityTotal: Yen { Yen.total(costs.map(\.city)) }
    public var total: Yen { Yen.total([organisationTotal, cityTotal]) }

    /// The city side may still change the text (after 締結 a change is an amendment).
    public var isEditable: Bool { status != .completed && status != .terminated }

    /// The text as a version keeps it.
    public var snapshot: Snapshot {
        Snapshot(
            title: title, periodFrom: periodFrom ?? "", periodTo: periodTo ?? "", text: text, costs: costs,
            reportDates: reportDates)
    }

    public struct Snapshot: Sendable, Codable, Equatable {
        public var title: String
        public var periodFrom: String
        public var periodTo: String
        public var text: [String: String]
        public var costs: [Cost]
        public var reportDates: [ReportDate]
    }
}

extension Yen: Codable {
    public init(from decoder: Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(Int64.self)
        guard let y = Yen(raw) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "yen out of range"))
        }
        self = y
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(int)
    }
}

/// 事前確認シート: one side's answers before the agreement is drafted.
public struct PreConfirmation: Sendable {
    public enum Side: String, Sendable, CaseIterable {
        case organisation, city
        public var messageKey: String { "preconfirm.side.\(rawValue)" }
    }

    public static let items = ["purpose", "target", "contribution", "concerns", "sharing"]

    public var side: Side
    public var answers: [String: String] = [:]
    public var submitted = false

    public init(side: Side) { self.side = side }
}
