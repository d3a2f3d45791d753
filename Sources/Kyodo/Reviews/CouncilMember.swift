import Foundation

/// 市民協働推進会議 委員: a council member, linked to a user account with the council role.
public struct CouncilMember: Sendable {
    /// 学識経験者 / NPO・団体 / 公募市民 / 関係団体.
    public enum Category: String, Sendable, CaseIterable {
        case academic, npo, `public`, related
        public var messageKey: String { "council.category.\(rawValue)" }
    }

    /// 会長 / 副会長 / 委員.
    public enum Position: String, Sendable, CaseIterable {
        case member, chair
        case viceChair = "vice_chair"
        public var messageKey: String { "council.position.\(rawValue)" }
    }

    public var id: Int64 = 0
    public var userID: Int64?
    public var name = ""
    /// For detecting the name in minutes' text (a reading typed instead of kanji).
    public var nameKana = ""
    public var affiliation = ""
    public var category = Category.public
    public var position = Position.member
    /// YYYY-MM-DD, both days included.
    public var termFrom = ""
    public var termTo = ""
    /// Organisations the member belongs to or advises: they never score those.
    public var organisationIDs: [Int64] = []

    public init() {}

    /// Whether `day` (YYYY-MM-DD) falls within the term.
    public func inTerm(_ day: String) -> Bool { termFrom <= day && day <= termTo }
}
