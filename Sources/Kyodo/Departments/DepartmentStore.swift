import Foundation
import SQLite

/// The only place with SQL for departments.
public enum DepartmentStore {
    public static func all(_ db: Database) throws -> [Department] {
        try db.query("SELECT id, name, section, contact FROM department ORDER BY name, id").map(department)
    }

    /// With the number of staff accounts in each, for the admin list.
    public static func withStaffCounts(_ db: Database) throws -> [(Department, Int)] {
        try db.query(
            """
            SELECT d.id, d.name, d.section, d.contact, (SELECT count(*) FROM user_account u WHERE u.department_id = d.id) AS staff
            FROM department d ORDER BY d.name, d.id
            """
        ).map { (try department($0), try $0.get("staff")) }
    }

    public static func find(_ db: Database, id: Int64) throws -> Department? {
        try db.first("SELECT id, name, section, contact FROM department WHERE id = ?", [id]).map(department)
    }

    public static func find(_ db: Database, name: String) throws -> Department? {
        try db.first("SELECT id, name, section, contact FROM department WHERE name = ?", [name]).map(department)
    }

    /// The department of that name, created if there is none (for `create-user --department`).
    public static func findOrCreate(_ db: Database, name: String, now: Date) throws -> Int64 {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if let existing = try find(db, name: trimmed) { return existing.id }
        return try insert(db, Department(name: trimmed), now: now)
    }

    @discardableResult
    public static func insert(_ db: Database, _ d: Department, now: Date) throws -> Int64 {
        try db.execute(
            "INSERT INTO department (name, section, contact, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
            [d.name, d.section, d.contact, now, now])
        return db.lastInsertRowID
    }

    public static func update(_ db: Database, _ d: Department, now: Date) throws {
        try db.execute(
            "UPDATE department SET name = ?, section = ?, contact = ?, updated_at = ? WHERE id = ?",
            [d.name, d.section, d.contact, now, d.id])
    }

    static func department(_ row: Row) throws -> Department {
        Department(
            id: try row.get("id"), name: try row.get("name"), section: try row.get("section"),
            contact: try row.get("contact"))
    }

    static func auditFields(_ d: Department) -> [String: AuditValue] {
        ["name": .string(d.name), "section": .string(d.section), "contact": .string(d.contact)]
    }
}
