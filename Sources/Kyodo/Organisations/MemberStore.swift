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
        /// An existing account invited but not yet accepted: no access, and the name shown is the
        /// one the organisation typed, never the account's own.
        public let invited: Bool
    }

    /// `accepted: false` adds an invitation the person must accept (for an account that existed).
    public static func add(_ db: Database, organisationID: Int64, userID: Int64, role: MemberRole, now: Date,
                           accepted: Bool = true, invitedName: String = "") throws {
        try db.execute("""
            INSERT INTO organisation_member (organisation_id, user_id, role, created_at, accepted, invited_name)
            VALUES (?, ?, ?, ?, ?, ?)
            """, [organisationID, userID, role.rawValue, now, accepted, invitedName])
    }

    /// Removes a member who is not the representative; false when there is no such member (or they
    /// became the representative meanwhile), so an organisation never loses its representative.
    public static func remove(_ db: Database, organisationID: Int64, userID: Int64) throws -> Bool {
        try db.execute("DELETE FROM organisation_member WHERE organisation_id = ? AND user_id = ? AND role <> 'representative'",
                       [organisationID, userID])
        return db.changes == 1
    }

    /// Makes `userID` (an accepted editor) the representative and the previous one an editor;
    /// false, with nothing changed, when `userID` is not an accepted editor (any more).
    public static func handOver(_ db: Database, organisationID: Int64, to userID: Int64) throws -> Bool {
        guard try db.scalar("""
            SELECT count(*) FROM organisation_member WHERE organisation_id = ? AND user_id = ? AND role = 'editor' AND accepted = 1
            """, [organisationID, userID], as: Int.self) == 1 else { return false }
        try db.execute("UPDATE organisation_member SET role = 'editor' WHERE organisation_id = ? AND role = 'representative'",
                       [organisationID])
        try db.execute("UPDATE organisation_member SET role = 'representative' WHERE organisation_id = ? AND user_id = ?",
                       [organisationID, userID])
        return db.changes == 1
    }

    /// The invited person says yes or no; false when there was no open invitation.
    public static func answer(_ db: Database, organisationID: Int64, userID: Int64, accept: Bool) throws -> Bool {
        if accept {
            try db.execute("UPDATE organisation_member SET accepted = 1 WHERE organisation_id = ? AND user_id = ? AND accepted = 0",
                           [organisationID, userID])
        } else {
            try db.execute("DELETE FROM organisation_member WHERE organisation_id = ? AND user_id = ? AND accepted = 0",
                           [organisationID, userID])
        }
        return db.changes == 1
    }

    /// Organisations that invited this user and wait for an answer.
    public static func invitations(_ db: Database, userID: Int64) throws -> [(id: Int64, name: String, role: MemberRole)] {
        try db.query("""
            SELECT o.id, o.name, m.role FROM organisation_member m JOIN organisation o ON o.id = m.organisation_id
            WHERE m.user_id = ? AND m.accepted = 0 ORDER BY o.sort_kana
            """, [userID]).map { (try $0.get("id"), try $0.get("name"), MemberRole(rawValue: try $0.get("role")) ?? .editor) }
    }

    /// Whether the user is a member or invited (for "already a member" on the invite form).
    public static func isMemberOrInvited(_ db: Database, organisationID: Int64, userID: Int64) throws -> Bool {
        try db.scalar("SELECT count(*) FROM organisation_member WHERE organisation_id = ? AND user_id = ?",
                      [organisationID, userID], as: Int.self) == 1
    }

    public static func members(_ db: Database, organisationID: Int64) throws -> [Member] {
        try db.query("""
            SELECT m.user_id, m.role, CASE WHEN m.accepted = 1 THEN u.display_name ELSE m.invited_name END AS display_name,
                u.email, u.password_hash IS NOT NULL AND m.accepted = 1 AS joined, m.accepted = 0 AS invited
            FROM organisation_member m JOIN user_account u ON u.id = m.user_id
            WHERE m.organisation_id = ? ORDER BY m.role = 'representative' DESC, display_name
            """, [organisationID]).map {
            Member(userID: try $0.get("user_id"), name: try $0.get("display_name"), email: try $0.get("email"),
                   role: MemberRole(rawValue: try $0.get("role")) ?? .editor, joined: try $0.get("joined"), invited: try $0.get("invited"))
        }
    }

    /// The organisations the user acts for (accepted memberships only).
    public static func memberships(_ db: Database, userID: Int64) throws -> [Int64: MemberRole] {
        var result: [Int64: MemberRole] = [:]
        for row in try db.query("SELECT organisation_id, role FROM organisation_member WHERE user_id = ? AND accepted = 1", [userID]) {
            result[try row.get("organisation_id")] = MemberRole(rawValue: try row.get("role")) ?? .editor
        }
        return result
    }

    /// The organisations a user belongs to, for the switcher.
    public static func organisations(_ db: Database, userID: Int64) throws -> [(id: Int64, name: String, status: OrganisationStatus, role: MemberRole)] {
        try db.query("""
            SELECT o.id, o.name, o.status, m.role FROM organisation_member m JOIN organisation o ON o.id = m.organisation_id
            WHERE m.user_id = ? AND m.accepted = 1 ORDER BY o.sort_kana
            """, [userID]).map {
            (try $0.get("id"), try $0.get("name"), OrganisationStatus(rawValue: try $0.get("status")) ?? .pending,
             MemberRole(rawValue: try $0.get("role")) ?? .editor)
        }
    }

    /// Addresses to tell about a decision on the organisation (its accepted members).
    public static func emails(_ db: Database, organisationID: Int64) throws -> [String] {
        try db.query("""
            SELECT u.email FROM organisation_member m JOIN user_account u ON u.id = m.user_id
            WHERE m.organisation_id = ? AND m.accepted = 1
            """, [organisationID]).map { try $0.get("email") }
    }
}
