import Foundation
import SQLite

/// The only place with SQL for `organisation_member`.
public enum MemberStore {
    public struct Member: Sendable {
        public let userID: Int64
        public let name: String
        public let email: String
        public let role: MemberRole
        public let joined: Bool
    }

    public static func add(_ db: Database, organisationID: Int64, userID: Int64, role: MemberRole, now: Date) throws {
        try db.execute("INSERT INTO organisation_member (organisation_id, user_id, role, created_at) VALUES (?, ?, ?, ?)",
                       [organisationID, userID, role.rawValue, now])
    }

    public static func remove(_ db: Database, organisationID: Int64, userID: Int64) throws {
        try db.execute("DELETE FROM organisation_member WHERE organisation_id = ? AND user_id = ?", [organisationID, userID])
    }

    /// Makes `userID` the representative and the previous one an editor.
    public static func handOver(_ db: Database, organisationID: Int64, to userID: Int64) throws {
        try db.execute("UPDATE organisation_member SET role = 'editor' WHERE organisation_id = ? AND role = 'representative'", [organisationID])
        try db.execute("UPDATE organisation_member SET role = 'representative' WHERE organisation_id = ? AND user_id = ?", [organisationID, userID])
    }

    public static func members(_ db: Database, organisationID: Int64) throws -> [Member] {
        try db.query("""
            SELECT m.user_id, m.role, u.display_name, u.email, u.password_hash IS NOT NULL AS joined
            FROM organisation_member m JOIN user_account u ON u.id = m.user_id
            WHERE m.organisation_id = ? ORDER BY m.role = 'representative' DESC, u.display_name
            """, [organisationID]).map {
            Member(userID: try $0.get("user_id"), name: try $0.get("display_name"), email: try $0.get("email"),
                   role: MemberRole(rawValue: try $0.get("role")) ?? .editor, joined: try $0.get("joined"))
        }
    }

    public static func memberships(_ db: Database, userID: Int64) throws -> [Int64: MemberRole] {
        var result: [Int64: MemberRole] = [:]
        for row in try db.query("SELECT organisation_id, role FROM organisation_member WHERE user_id = ?", [userID]) {
            result[try row.get("organisation_id")] = MemberRole(rawValue: try row.get("role")) ?? .editor
        }
        return result
    }

    /// The organisations a user belongs to, for the switcher.
    public static func organisations(_ db: Database, userID: Int64) throws -> [(id: Int64, name: String, status: OrganisationStatus, role: MemberRole)] {
        try db.query("""
            SELECT o.id, o.name, o.status, m.role FROM organisation_member m JOIN organisation o ON o.id = m.organisation_id
            WHERE m.user_id = ? ORDER BY o.name_kana
            """, [userID]).map {
            (try $0.get("id"), try $0.get("name"), OrganisationStatus(rawValue: try $0.get("status")) ?? .pending,
             MemberRole(rawValue: try $0.get("role")) ?? .editor)
        }
    }

    /// Addresses to tell about a decision on the organisation (its members).
    public static func emails(_ db: Database, organisationID: Int64) throws -> [String] {
        try db.query("SELECT u.email FROM organisation_member m JOIN user_account u ON u.id = m.user_id WHERE m.organisation_id = ?",
                     [organisationID]).map { try $0.get("email") }
    }
}
