import Foundation

/// A person who can sign in.
public struct User: Sendable {
    public var id: Int64
    public var email: String
    public var displayName: String
    public var preferredLocale: String
    public var department: String?
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

    public init(user: User?, memberships: [Int64: MemberRole], isSystem: Bool = false) {
        self.user = user
        self.memberships = memberships
        self.isSystem = isSystem
    }

    public static let anonymous = Principal(user: nil, memberships: [:])
    public static let system = Principal(user: nil, memberships: [:], isSystem: true)

    public var isSignedIn: Bool { user != nil }
    public func has(_ role: Role) -> Bool { user?.roles.contains(role) ?? false }
    public func hasAny(_ roles: Set<Role>) -> Bool { !(user?.roles.isDisjoint(with: roles) ?? true) }
    public var isOrganisationMember: Bool { !memberships.isEmpty }
    /// 事務局 or 管理者: the office side that sees everything in the workflow.
    public var isOffice: Bool { hasAny([.staff, .admin]) || isSystem }
}
