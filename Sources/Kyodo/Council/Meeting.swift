import Foundation

/// 市民協働推進会議: one meeting (第N回 in a fiscal year), its agenda and attendance.
public struct Meeting: Sendable {
    public enum Status: String, Sendable, CaseIterable, WorkflowState {
        case scheduled, cancelled
        public var messageKey: String { "meeting.status.\(rawValue)" }
    }

    public var id: Int64 = 0
    public var fiscalYear = 2026
    public var number = 1
    public var startsAt = Date(timeIntervalSince1970: 0)
    public var endsAt = Date(timeIntervalSince1970: 0)
    public var place = ""
    public var isPublic = true
    public var closedReason = ""
    public var observers = ""
    public var others = ""
    public var status = Status.scheduled
    public var sequence = 0
    public var agenda: [String] = []
    /// Agenda position → the review round the item takes up.
    public var agendaRounds: [Int: Int64] = [:]
    /// Member id → present.
    public var attendance: [Int64: Bool] = [:]
    public var updatedAt = Date(timeIntervalSince1970: 0)

    public init() {}

    public var presentMembers: [Int64] { attendance.filter(\.value).map(\.key).sorted() }
}

/// 会議録: what was said, by whom (internally), per agenda item.
public struct Minutes: Sendable {
    /// 下書き → 委員確認 → 確定 → 公開 (a correction goes back to 下書き and is published again).
    public enum Status: String, Sendable, CaseIterable, WorkflowState {
        case draft, confirming, approved, published
        public var messageKey: String { "minutes.status.\(rawValue)" }
    }

    /// Who spoke, as recorded.
    public enum Speaker: Sendable, Equatable {
        case member(Int64)
        case chair, viceChair, office
        case department(String)
        case organisation(String)

        var kind: String {
            switch self {
            case .member: "member"
            case .chair: "chair"
            case .viceChair: "vice_chair"
            case .office: "office"
            case .department: "department"
            case .organisation: "organisation"
            }
        }
    }

    public struct Statement: Sendable, Equatable {
        public var id: Int64 = 0
        public var agendaPosition: Int
        public var speaker: Speaker
        public var text: String
    }

    public var meetingID: Int64 = 0
    public var status = Status.draft
    public var revision = 0
    public var publishedAt: Date?
    /// Agenda position → 要旨.
    public var summaries: [Int: String] = [:]
    public var statements: [Statement] = []
    /// Member id → letter, as assigned when first published.
    public var pseudonyms: [Int64: String] = [:]
    /// Member id → comment, for the members who have confirmed.
    public var confirmations: [Int64: String] = [:]

    public init() {}
}

/// A meeting with its minutes and the council's members: what the pages and workflows need.
public struct MeetingCase: Sendable {
    public var meeting: Meeting
    public var minutes: Minutes
    public var members: [CouncilMember]
    /// Agenda position → the recusals of the review round it takes up.
    public var recusals: [Int: [(memberID: Int64, item: String)]] = [:]

    /// Attending members recused on an agenda item: they appear in the minutes even if silent.
    public var recusedAttendees: [Int64] {
        recusals.keys.sorted().flatMap { recusals[$0] ?? [] }.map(\.memberID).filter { meeting.attendance[$0] == true }
    }
}

/// The minutes as published: labels instead of speakers, names replaced — all the public reads.
public struct PublishedMinutes: Sendable, Codable {
    public struct Statement: Sendable, Codable {
        public var id: Int64
        public var speaker: String
        public var text: String
    }

    public struct Item: Sendable, Codable {
        public var title: String
        public var summary: String
        public var statements: [Statement]
        /// Recusals of the round the item took up, anonymised ("委員C: 利益相反のため審議に加わらず").
        public var notes: [String]?
    }

    public var items: [Item]
}
