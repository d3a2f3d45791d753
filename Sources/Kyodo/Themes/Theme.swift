import Foundation

/// 行政提示テーマ: a department's local issue it wants a partner for. Drafted by the department,
/// published by the office into the list of collaborable work; proposals may answer it.
public struct Theme: Sendable {
    /// 下書き → 公開 → 終了 (closed themes stay readable).
    public enum Status: String, Sendable, CaseIterable, WorkflowState {
        case draft, published, closed
        public var messageKey: String { "theme.status.\(rawValue)" }
    }

    public var id: Int64 = 0
    public var departmentID: Int64 = 0
    /// The department's name, read with the theme.
    public var departmentName = ""
    /// The proposal call it belongs to, if any (it may stand alone).
    public var callID: Int64?
    public var fiscalYear = 2025
    public var status = Status.draft
    public var title = ""
    /// 地域課題.
    public var localIssue = ""
    /// What the department wants from a partner.
    public var wanted = ""
    public var expectedOutcome = ""
    public var budgetFrame: Yen?
    /// YYYY-MM-DD.
    public var periodFrom: String?
    public var periodTo: String?
    public var contact = ""
    public var districtCode: String?
    /// Activity field codes: what matches it with organisations.
    public var fields: [Int] = []
    public var publishedAt: Date?

    public init() {}

    /// Published or closed: on the public list.
    public var isPublic: Bool { status != .draft }
}
