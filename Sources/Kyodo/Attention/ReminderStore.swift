import Foundation
import SQLite

/// The only place with SQL for reminders: who may be reminded of what, and what was sent.
enum ReminderStore {
    struct Person {
        let id: Int64
        let locale: String
        let office: Bool
        let departmentID: Int64?
        let councilMemberID: Int64?
        let organisationMember: Bool
    }

    /// Every active account that can sign in, with what it works on.
    static func people(_ db: Database) throws -> [Person] {
        try db.query("""
            SELECT u.id, u.preferred_locale,
                EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role IN ('staff', 'admin')) AS office,
                CASE WHEN EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role = 'department') THEN u.department_id END AS department_id,
                CASE WHEN EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role = 'council')
                     THEN (SELECT id FROM council_member m WHERE m.user_id = u.id) END AS member_id,
                EXISTS (SELECT 1 FROM organisation_member m WHERE m.user_id = u.id AND m.accepted = 1) AS member
            FROM user_account u WHERE u.is_active = 1 AND u.password_hash IS NOT NULL ORDER BY u.id
            """).map {
            Person(id: try $0.get("id"), locale: try $0.get("preferred_locale"),
                   office: try $0.get("office"), departmentID: try $0.optional("department_id"), councilMemberID: try $0.optional("member_id"),
                   organisationMember: try $0.get("member"))
        }
    }

    /// Records a reminder; false when it was sent before (nothing written).
    static func record(_ db: Database, userID: Int64, item: String, dueOn: String, step: String, now: Date) throws -> Bool {
        try db.execute("INSERT INTO reminder_sent (user_id, item, due_on, step, sent_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                       [userID, item, dueOn, step, now])
        return db.changes == 1
    }
}
