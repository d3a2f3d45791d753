/// A staff-side role; one user may hold several. Organisation membership (代表/編集) is per
/// organisation and comes from the organisations feature.
public enum Role: String, Sendable, CaseIterable, Hashable, Comparable {
    /// 管理者: accounts, roles, the audit trail.
    case admin
    /// 事務局: the collaboration office that runs calls, checks applications, prepares the council.
    case staff
    /// 担当課: a city department partnering in a project.
    case department
    /// 委員: a member of the citizens' council.
    case council

    public var messageKey: String { "role.\(rawValue)" }

    /// Display order: the order of the cases above.
    private var rank: Int {
        switch self {
        case .admin: 0
        case .staff: 1
        case .department: 2
        case .council: 3
        }
    }

    public static func < (a: Role, b: Role) -> Bool { a.rank < b.rank }
}

/// A person's place in one organisation.
public enum MemberRole: String, Sendable, CaseIterable {
    /// 代表: may invite and remove members and hand over the role.
    case representative
    /// 編集: may edit the organisation's profile and applications.
    case editor
}
