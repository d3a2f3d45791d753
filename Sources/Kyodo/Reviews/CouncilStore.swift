import Foundation
import SQLite

/// The only place with SQL for council members and their linked organisations.
public enum CouncilStore {
    static let columns = "id, user_id, name, name_kana, affiliation, category, position, term_from, term_to"

    public static func all(_ db: Database) throws -> [CouncilMember] {
        var members = try db.query(
            """
            SELECT \(columns) FROM council_member
            ORDER BY CASE position WHEN 'chair' THEN 0 WHEN 'vice_chair' THEN 1 ELSE 2 END, term_to DESC, name, id
            """
        ).map(member)
        var links: [Int64: [Int64]] = [:]
        for row in try db.query(
            "SELECT member_id, organisation_id FROM council_member_organisation ORDER BY organisation_id")
        {
            links[try row.get("member_id"), default: []].append(try row.get("organisation_id"))
        }
        for i in members.indices { members[i].organisationIDs = links[members[i].id] ?? [] }
        return members
    }

    public static func find(_ db: Database, id: Int64) throws -> CouncilMember? {
        guard var m = try db.first("SELECT \(columns) FROM council_member WHERE id = ?", [id]).map(member) else {
            return nil
        }
        m.organisationIDs = try organisations(db, memberID: id)
        return m
    }

    /// The council member a user account is, if any.
    public static func find(_ db: Database, userID: Int64) throws -> CouncilMember? {
        guard var m = try db.first("SELECT \(columns) FROM council_member WHERE user_id = ?", [userID]).map(member)
        else { return nil }
        m.organisationIDs = try organisations(db, memberID: m.id)
        return m
    }

    static func organisations(_ db: Database, memberID: Int64) throws -> [Int64] {
        try db.query(
            "SELECT organisation_id FROM council_member_organisation WHERE member_id = ? ORDER BY organisation_id",
            [memberID]
        )
        .map { try $0.get("organisation_id") }
    }

    @discardableResult
    public static func insert(_ db: Database, _ m: CouncilMember, now: Date) throws -> Int64 {
        try db.execute(
            """
            INSERT INTO council_member (user_id, name, name_kana, affiliation, category, position, term_from, term_to, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                m.userID, m.name, m.nameKana, m.affiliation, m.category.rawValue, m.position.rawValue, m.termFrom,
                m.termTo, now, now,
            ])
        let id = db.lastInsertRowID
        try setOrganisations(db, id: id, m.organisationIDs)
        return id
    }

    public static func update(_ db: Database, _ m: CouncilMember, now: Date) throws {
        try db.execute(
            """
            UPDATE council_member SET user_id = ?, name = ?, name_kana = ?, affiliation = ?, category = ?, position = ?, term_from = ?,
                term_to = ?, updated_at = ? WHERE id = ?
            """,
            [
                m.userID, m.name, m.nameKana, m.affiliation, m.category.rawValue, m.position.rawValue, m.termFrom,
                m.termTo, now, m.id,
            ])
        try setOrganisations(db, id: m.id, m.organisationIDs)
    }

    private static func setOrganisations(_ db: Database, id: Int64, _ organisations: [Int64]) throws {
        try db.execute("DELETE FROM council_member_organisation WHERE member_id = ?", [id])
        for org in Set(organisations).sorted() {
            try db.execute(
                "INSERT INTO council_member_organisation (member_id, organisation_id) VALUES (?, ?)", [id, org])
        }
    }

    /// Accounts holding the council role, for linking a member record to one.
    public static func councilAccounts(_ db: Database) throws -> [(id: Int64, name: String, email: String)] {
        try db.query(
            """
            SELECT u.id, u.display_name, u.email FROM user_account u JOIN user_role r ON r.user_id = u.id AND r.role = 'council'
            ORDER BY u.display_name, u.id
            """
        ).map { (try $0.get("id"), try $0.get("display_name"), try $0.get("email")) }
    }

    static func member(_ row: Row) throws -> CouncilMember {
        var m = CouncilMember()
        m.id = try row.get("id"); m.userID = try row.optional("user_id"); m.name = try row.get("name");
        m.nameKana = try row.get("name_kana")
        m.affiliation = try row.get("affiliation")
        m.category = CouncilMember.Category(rawValue: try row.get("category")) ?? .public
        m.position = CouncilMember.Position(rawValue: try row.get("position")) ?? .member
        m.termFrom = try row.get("term_from"); m.termTo = try row.get("term_to")
        return m
    }

    static func auditFields(_ m: CouncilMember) -> [String: AuditValue] {
        [
            "user": AuditValue(m.userID), "name": .string(m.name), "name_kana": .string(m.nameKana),
            "affiliation": .string(m.affiliation), "category": .string(m.category.rawValue),
            "position": .string(m.position.rawValue), "term": .string("\(m.termFrom)〜\(m.termTo)"),
            "organisations": .string(m.organisationIDs.sorted().map(String.init).joined(separator: ",")),
        ]
    }
}
