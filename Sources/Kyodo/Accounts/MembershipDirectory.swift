import SQLite

/// Where organisation memberships come from when a user signs in. The organisations feature
/// owns the table; until it exists nobody is a member of anything.
enum MembershipDirectory {
    static func memberships(_ db: Database, userID: Int64) throws -> [Int64: MemberRole] {
        [:]
    }
}
