import Foundation

/// A person who can sign in.
public struct User: Sendable {
    public var id: Int64
    public var email: String
    public var displayName: String
    public var preferredLocale: String
    /// The department's name (担当課), for display.
    public var department: String?
    public var departmentID: Int64?
    public var isActive: Bool
    public var hasPassword: Bool
    public var roles: Set<Role>
    public var createdAt: Date

    /// How the audit trail names this person, kept as it was at the time.
    public var auditLabel: String { "\(displayName) <\(email)>" }
}

/// Who is making a request: a signed-in user with roles and organisation memberships, or the public.
public struct Principal: Sendable {
    public let user: User?
    /// Organisation id → the user's role in it.
    public let memberships: [Int64: MemberRole]
    /// The app itself, acting on a schedule (e.g. opening a call at its opening time).
    public var isSystem = false
    /// Review rounds this council member is assigned to (filled by the reviews feature).
    public var reviewAssignments: Set<Int64> = []
    /// Organisations this council member may not score: linked to them, or a declared conflict
    /// of interest (filled by the reviews feature).
    public var recusedOrganisations: Set<Int64> = []

    public init(user: User?, memberships: [Int64: MemberRole], isSystem: Bool = false,
                reviewAssignments: Set<Int64> = [], recusedOrganisations: Set<Int64> = []) {
        self.user = user
        self.memberships = memberships
        self.isSystem = isSystem
        self.reviewAssignments = reviewAssignments
        self.recusedOrganisations = recusedOrganisations
    }

    public static let anonymous = Principal(user: nil, memberships: [:])
    public static let system = Principal(user: nil, memberships: [:], isSystem: true)

    public var isSignedIn: Bool { user != nil }
    public func has(_ role: Role) -> Bool { user?.roles.contains(role) ?? false }
    public func hasAny(_ roles: Set<Role>) -> Bool { !(user?.roles.isDisjoint(with: roles) ?? true) }
    public var isOrganisationMember: Bool { !memberships.isEmpty }
    /// 事務局 or 管理者: the office side that sees everything in the workflow.
    public var isOffice: Bool { hasAny([.staff, .admin]) || isSystem }
    /// 担当課: the department a department-staff account belongs to.
    public var department: String? { has(.department) ? user?.department : nil }
    public var departmentID: Int64? { has(.department) ? user?.departmentID : nil }
    /// A council member who may score in `round`: assigned to it and not recused from `organisation`.
    public func mayScore(round: Int64, organisation: Int64) -> Bool {
        has(.council) && reviewAssignments.contains(round) && !recusedOrganisations.contains(organisation)
    }
}
