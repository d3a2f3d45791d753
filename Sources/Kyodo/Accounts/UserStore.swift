import Foundation
import SQLite

/// The only place with SQL for `user_account` and `user_role`.
public enum UserStore {
    static let columns = """
        id, email, display_name, preferred_locale, department_id,
        (SELECT name FROM department d WHERE d.id = user_account.department_id) AS department, is_active,
        password_hash IS NOT NULL AS has_password, created_at
        """

    public static func find(_ db: Database, id: Int64) throws -> User? {
        guard let row = try db.first("SELECT \(columns) FROM user_account WHERE id = ?", [id]) else { return nil }
        return try user(row, roles: roles(db, userID: id))
    }

    public static func find(_ db: Database, email: String) throws -> User? {
        guard let row = try db.first("SELECT \(columns) FROM user_account WHERE email = ?", [normalize(email)]) else { return nil }
        return try user(row, roles: roles(db, userID: try row.get("id")))
    }

    /// Lower-cased and trimmed: addresses are compared case-insensitively.
    /// Addresses typed with a Japanese input method (ＮＰＯ＠ａｏｂａ．ｊｐ) become ASCII (NFKC), then lower case.
    public static func normalize(_ email: String) -> String {
        email.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    public static func passwordHash(_ db: Database, userID: Int64) throws -> String? {
        try db.scalar("SELECT password_hash FROM user_account WHERE id = ?", [userID], as: String.self)
    }

    @discardableResult
    public static func create(_ db: Database, email: String, displayName: String, roles: Set<Role>, department: String? = nil,
                              passwordHash: String? = nil, locale: String = "ja", now: Date) throws -> Int64 {
        try db.execute("""
            INSERT INTO user_account (email, display_name, password_hash, preferred_locale, department_id, created_at, updated_at,
                password_changed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [normalize(email), displayName, passwordHash, locale, try departmentID(db, department, now: now), now, now,
                  passwordHash == nil ? nil : now])
        let id = db.lastInsertRowID
        try setRoles(db, userID: id, roles: roles)
        return id
    }

    public static func setRoles(_ db: Database, userID: Int64, roles: Set<Role>) throws {
        try db.execute("DELETE FROM user_role WHERE user_id = ?", [userID])
        for role in roles.sorted() {
            try db.execute("INSERT INTO user_role (user_id, role) VALUES (?, ?)", [userID, role.rawValue])
        }
    }

    public static func setPassword(_ db: Database, userID: Int64, hash: String, now: Date) throws {
        try db.execute("UPDATE user_account SET password_hash = ?, password_changed_at = ?, updated_at = ? WHERE id = ?",
                       [hash, now, now, userID])
    }

    public static func updateProfile(_ db: Database, userID: Int64, displayName: String, email: String, locale: String,
                                     department: String?, now: Date) throws {
        try db.execute("""
            UPDATE user_account SET display_name = ?, email = ?, preferred_locale = ?, department_id = ?, updated_at = ? WHERE id = ?
            """, [displayName, normalize(email), locale, try departmentID(db, department, now: now), now, userID])
    }

    /// A department named by name (the admin form's choice, `create-user --department`): the
    /// department record's id, created if new.
    static func departmentID(_ db: Database, _ name: String?, now: Date) throws -> Int64? {
        guard let name, !name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return try DepartmentStore.findOrCreate(db, name: name, now: now)
    }

    public static func setActive(_ db: Database, userID: Int64, active: Bool, now: Date) throws {
        try db.execute("UPDATE user_account SET is_active = ?, updated_at = ? WHERE id = ?", [active, now, userID])
    }

    /// Everyone, for the admin list: staff-side accounts first, then by name.
    public static func all(_ db: Database) throws -> [User] {
        let rows = try db.query("SELECT \(columns) FROM user_account ORDER BY is_active DESC, display_name, id")
        var rolesByUser: [Int64: Set<Role>] = [:]
        for row in try db.query("SELECT user_id, role FROM user_role") {
            if let role = Role(rawValue: try row.get("role")) { rolesByUser[try row.get("user_id"), default: []].insert(role) }
        }
        return try rows.map { try user($0, roles: rolesByUser[try $0.get("id")] ?? []) }
    }

    static func roles(_ db: Database, userID: Int64) throws -> Set<Role> {
        Set(try db.query("SELECT role FROM user_role WHERE user_id = ?", [userID]).compactMap { Role(rawValue: try $0.get("role")) })
    }

    static func user(_ row: Row, roles: Set<Role>) throws -> User {
        User(id: try row.get("id"), email: try row.get("email"), displayName: try row.get("display_name"),
             preferredLocale: try row.get("preferred_locale"), department: try row.optional("department"),
             departmentID: try row.optional("department_id"),
             isActive: try row.get("is_active"), hasPassword: try row.get("has_password"), roles: roles,
             createdAt: try row.get("created_at"))
    }

    public static func count(_ db: Database) throws -> Int {
        try db.scalar("SELECT count(*) FROM user_account", as: Int.self) ?? 0
    }

    /// Active accounts holding the admin role (at least one must remain).
    public static func activeAdminCount(_ db: Database) throws -> Int {
        try db.scalar("""
            SELECT count(*) FROM user_role r JOIN user_account u ON u.id = r.user_id WHERE r.role = 'admin' AND u.is_active = 1
            """, as: Int.self) ?? 0
    }
}
