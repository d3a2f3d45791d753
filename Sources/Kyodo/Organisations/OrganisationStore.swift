import Foundation
import SQLite

/// The only place with SQL for `organisation` and its activity fields.
public enum OrganisationStore {
    static let columns = """
        o.id, o.name, o.name_kana, o.kind, o.representative_name, o.contact_name, o.email, o.phone, o.address, o.postal_code, o.district_code,
        o.founded_on, o.member_count, o.annual_budget, o.summary, o.track_record, o.website, o.public_fields, o.status,
        o.return_reason, o.created_at, o.updated_at
        """

    public static func find(_ db: Database, id: Int64) throws -> Organisation? {
        guard let row = try db.first("SELECT \(columns) FROM organisation o WHERE o.id = ?", [id]) else { return nil }
        var org = try organisation(row)
        org.activityFields = try db.query("SELECT field_code FROM organisation_activity_field WHERE organisation_id = ? ORDER BY field_code", [id])
            .map { try $0.get("field_code") }
        return org
    }

    @discardableResult
    public static func insert(_ db: Database, _ org: Organisation, now: Date) throws -> Int64 {
        try db.execute("""
            INSERT INTO organisation (name, name_kana, kind, representative_name, contact_name, email, phone, address, district_code,
                founded_on, member_count, annual_budget, summary, track_record, website, public_fields, postal_code, status, created_at,
                updated_at, verified_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, values(org) + [org.status.rawValue, now, now, org.status == .active ? now : nil])
        let id = db.lastInsertRowID
        try setActivityFields(db, id: id, org.activityFields)
        return id
    }

    public static func update(_ db: Database, _ org: Organisation, now: Date) throws {
        try db.execute("""
            UPDATE organisation SET name = ?, name_kana = ?, kind = ?, representative_name = ?, contact_name = ?, email = ?, phone = ?,
                address = ?, district_code = ?, founded_on = ?, member_count = ?, annual_budget = ?, summary = ?, track_record = ?,
                website = ?, public_fields = ?, postal_code = ?, updated_at = ? WHERE id = ?
            """, values(org) + [now, org.id])
        try setActivityFields(db, id: org.id, org.activityFields)
    }

    /// The workflow's state change: only from `from`; returns the rows changed (0 or 1). Any
    /// earlier return reason is cleared (a return sets its own afterwards).
    public static func setStatus(_ db: Database, id: Int64, from: OrganisationStatus, to status: OrganisationStatus, now: Date) throws -> Int {
        try db.execute("""
            UPDATE organisation SET status = ?, return_reason = '', updated_at = ?,
                verified_at = CASE WHEN ? = 'active' AND verified_at IS NULL THEN ? ELSE verified_at END
            WHERE id = ? AND status = ?
            """, [status.rawValue, now, status.rawValue, now, id, from.rawValue])
        return db.changes
    }

    public static func setReturnReason(_ db: Database, id: Int64, _ reason: String) throws {
        try db.execute("UPDATE organisation SET return_reason = ? WHERE id = ?", [reason, id])
    }

    static func setActivityFields(_ db: Database, id: Int64, _ codes: [Int]) throws {
        try db.execute("DELETE FROM organisation_activity_field WHERE organisation_id = ?", [id])
        for code in Set(codes).sorted() {
            try db.execute("INSERT INTO organisation_activity_field (organisation_id, field_code) VALUES (?, ?)", [id, code])
        }
    }

    private static func values(_ o: Organisation) -> [any SQLBindable] {
        [o.name, o.nameKana, o.kind.rawValue, o.representativeName, o.contactName, o.email, o.phone, o.address, o.districtCode,
         o.foundedOn, o.memberCount, o.annualBudget, o.summary, o.trackRecord, o.website, OrganisationField.encode(o.publicFields),
         o.postalCode]
    }

    static func organisation(_ row: Row) throws -> Organisation {
        var o = Organisation()
        o.id = try row.get("id")
        o.name = try row.get("name")
        o.nameKana = try row.get("name_kana")
        o.kind = OrganisationKind(rawValue: try row.get("kind")) ?? .other
        o.representativeName = try row.get("representative_name")
        o.contactName = try row.get("contact_name")
        o.email = try row.get("email")
        o.phone = try row.get("phone")
        o.address = try row.get("address")
        o.postalCode = try row.get("postal_code")
        o.districtCode = try row.optional("district_code")
        o.foundedOn = try row.optional("founded_on")
        o.memberCount = try row.optional("member_count")
        o.annualBudget = try row.optional("annual_budget")
        o.summary = try row.get("summary")
        o.trackRecord = try row.get("track_record")
        o.website = try row.get("website")
        o.publicFields = OrganisationField.decode(try row.get("public_fields"))
        o.status = OrganisationStatus(rawValue: try row.get("status")) ?? .pending
        o.returnReason = try row.get("return_reason")
        o.createdAt = try row.get("created_at")
        o.updatedAt = try row.get("updated_at")
        return o
    }

    /// Reference lists for forms and filters.
    /// Registered organisations by name (active and inactive), for choosing one in a form.
    public static func activeNames(_ db: Database) throws -> [(id: Int64, name: String)] {
        try db.query("SELECT id, name FROM organisation WHERE status IN ('active', 'inactive') ORDER BY sort_kana, id LIMIT 2000")
            .map { (try $0.get("id"), try $0.get("name")) }
    }

    public static func activityFields(_ db: Database) throws -> [(code: Int, ja: String, en: String)] {
        try db.query("SELECT code, name_ja, name_en FROM activity_field ORDER BY code").map { (try $0.get("code"), try $0.get("name_ja"), try $0.get("name_en")) }
    }

    public static func districts(_ db: Database) throws -> [(code: String, ja: String, en: String)] {
        try db.query("SELECT code, name_ja, name_en FROM district ORDER BY sort_order").map { (try $0.get("code"), try $0.get("name_ja"), try $0.get("name_en")) }
    }

    /// Audit view of a profile: every field, so a save records exactly what changed.
    static func auditFields(_ o: Organisation) -> [String: AuditValue] {
        ["name": .string(o.name), "name_kana": .string(o.nameKana), "kind": .string(o.kind.rawValue),
         "representative_name": .string(o.representativeName), "contact_name": .string(o.contactName), "email": .string(o.email),
         "phone": .string(o.phone), "address": .string(o.address), "postal_code": .string(o.postalCode), "district": AuditValue(o.districtCode),
         "founded_on": AuditValue(o.foundedOn), "member_count": AuditValue(o.memberCount), "annual_budget": AuditValue(o.annualBudget),
         "summary": .string(o.summary), "track_record": .string(o.trackRecord), "website": .string(o.website),
         "activity_fields": .string(o.activityFields.sorted().map(String.init).joined(separator: ",")),
         "public_fields": .string(o.publicFields.sorted().joined(separator: ","))]
    }
}
