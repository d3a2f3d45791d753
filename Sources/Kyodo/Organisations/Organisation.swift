import Foundation

/// 団体: a civic organisation as the city registers it.
public struct Organisation: Sendable {
    public var id: Int64 = 0
    public var name = ""
    public var nameKana = ""
    public var kind = OrganisationKind.voluntary
    public var representativeName = ""
    public var contactName = ""
    public var email = ""
    public var phone = ""
    public var address = ""
    /// 〒123-4567, stored as 123-4567 (empty when not given).
    public var postalCode = ""
    public var districtCode: String?
    /// A calendar date, `YYYY-MM-DD`.
    public var foundedOn: String?
    public var memberCount: Int?
    public var annualBudget: Int?
    public var summary = ""
    public var trackRecord = ""
    public var website = ""
    public var activityFields: [Int] = []
    public var publicFields: Set<String> = OrganisationField.defaultPublic
    public var status = OrganisationStatus.pending
    public var returnReason = ""
    public var createdAt = Date(timeIntervalSince1970: 0)
    public var updatedAt = Date(timeIntervalSince1970: 0)

    public init() {}

    public func isPublic(_ field: String) -> Bool { publicFields.contains(field) }

    /// Shown in the public directory (休止 only with the filter).
    public var isListed: Bool { status == .active || status == .inactive }
}

/// 申請中 → 登録済 (or 差戻し → 申請中 again) → 休止 and back.
public enum OrganisationStatus: String, Sendable, CaseIterable, WorkflowState {
    case pending, returned, active, inactive
    public var messageKey: String { "organisation.status.\(rawValue)" }
}

/// The kinds the city's registration form offers.
public enum OrganisationKind: String, Sendable, CaseIterable {
    case npo, voluntary, volunteer, neighbourhood, publicInterest = "public_interest", company, university, other
    public var messageKey: String { "organisation.kind.\(rawValue)" }
}

/// The profile fields that have a public/private switch, in form order.
public enum OrganisationField {
    public static let flaggable = ["representative_name", "contact_name", "email", "phone", "address", "district",
                                   "founded_on", "member_count", "annual_budget", "summary", "track_record", "website"]
    /// Contact person, phone, address and email stay private unless the organisation opts in.
    public static let defaultPublic: Set<String> = ["representative_name", "district", "founded_on", "member_count",
                                                    "annual_budget", "summary", "track_record", "website"]

    static func encode(_ fields: Set<String>) -> String { "," + fields.sorted().joined(separator: ",") + "," }
    static func decode(_ text: String) -> Set<String> { Set(text.split(separator: ",").map(String.init)) }
}
