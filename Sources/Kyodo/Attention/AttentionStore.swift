import Foundation
import SQLite

/// "What is due for whom, when": every deadline computed from the records themselves (never
/// copied), one query per kind of work, for the dashboards. Dates are YYYY-MM-DD (Tokyo).
public enum AttentionStore {
    public struct Item: Sendable {
        /// Message key of what is to be done.
        public let kind: String
        public let title: String
        public let href: String
        /// The day it is due, if it has one.
        public let due: String?
    }

    static func items(_ db: Database, _ kind: String, _ sql: String, _ values: [any SQLBindable]) throws -> [Item] {
        try db.query(sql, values).map {
            Item(kind: kind, title: try $0.get("title"), href: try $0.get("href"), due: try $0.optional("due"))
        }
    }

    /// Days after submission the office's completeness check is expected within.
    static let checkDays = 14
    /// Days after a project ends its report is due (seed 003: 30 days).
    static let reportDays = 30
    /// Days the members have to confirm minutes sent to them.
    static let minutesDays = 7
    /// When the members' confirmation of minutes `m` is due: a week after they were sent.
    static let minutesDue = """
        (SELECT date(max(e.occurred_at), '+9 hours', '+\(minutesDays) days') FROM workflow_event e
         WHERE e.record_type = 'minutes' AND e.record_id = m.id AND e.to_state = 'confirming')
        """

    /// How far ahead an agreement's end is shown to the office.
    static let endingDays = 60

    /// An agreement in force's next reporting date (seed 004: the agreement states when each
    /// report is due); those in the past are not shown, as the report itself is not tracked here.
    static func nextReport(_ db: Database, _ kind: String, where condition: String, _ values: [any SQLBindable], today: String)
        throws -> [Item]
    {
        try items(db, kind, """
            SELECT a.title || '：' || d.what AS title, '/agreements/' || a.id AS href, d.due_on AS due
            FROM agreement a JOIN agreement_report_date d ON d.agreement_id = a.id
            WHERE a.status = 'in_force' AND \(condition)
              AND d.due_on = (SELECT min(x.due_on) FROM agreement_report_date x WHERE x.agreement_id = a.id AND x.due_on >= ?)
            """, values + [today])
    }

    /// The office: applications and proposals to check, returns unanswered, reports to accept,
    /// rounds running, agreements to conclude, minutes with the members.
    public static func office(_ db: Database, today: String) throws -> [Item] {
        try items(db, "attention.office.check", """
            SELECT a.project_title || '（' || o.name || '）' AS title, '/applications/' || a.id AS href,
                date(a.submitted_at, '+9 hours', '+\(checkDays) days') AS due
            FROM grant_application a JOIN organisation o ON o.id = a.organisation_id WHERE a.status = 'submitted'
            """, [])
            + items(db, "attention.office.returned", """
                SELECT a.project_title || '（' || o.name || '）' AS title, '/applications/' || a.id AS href, a.resubmit_by AS due
                FROM grant_application a JOIN organisation o ON o.id = a.organisation_id WHERE a.status = 'returned'
                """, [])
            + items(db, "attention.office.proposal", """
                SELECT p.title || '（' || o.name || '）' AS title, '/proposals/' || p.id AS href,
                    date(p.submitted_at, '+9 hours', '+\(checkDays) days') AS due
                FROM proposal p JOIN organisation o ON o.id = p.organisation_id WHERE p.status = 'submitted'
                """, [])
            + items(db, "attention.office.opinions", """
                SELECT p.title || '（' || o.name || '）' AS title, '/proposals/' || p.id AS href, p.opinion_due AS due
                FROM proposal p JOIN organisation o ON o.id = p.organisation_id WHERE p.status = 'consultation'
                """, [])
            + items(db, "attention.office.report", """
                SELECT a.project_title || '（' || o.name || '）' AS title, '/applications/' || a.id || '/report' AS href, NULL AS due
                FROM grant_application a JOIN organisation o ON o.id = a.organisation_id WHERE a.status = 'approved' AND a.report_status = 'submitted'
                """, [])
            + items(db, "attention.office.round", """
                SELECT c.title AS title, '/staff/rounds/' || r.id AS href, r.due_on AS due
                FROM review_round r JOIN call c ON c.id = r.call_id WHERE r.status = 'open'
                """, [])
            + items(db, "attention.office.conclude", """
                SELECT a.title AS title, '/agreements/' || a.id AS href, a.period_from AS due FROM agreement a WHERE a.status = 'city_confirmed'
                """, [])
            + items(db, "attention.office.ending", """
                SELECT a.title AS title, '/agreements/' || a.id AS href, a.period_to AS due FROM agreement a
                WHERE a.status = 'in_force' AND a.period_to IS NOT NULL AND a.period_to <= date(?, '+\(endingDays) days')
                """, [today])
            + items(db, "attention.office.minutes", """
                SELECT m.fiscal_year || '年度 第' || m.number || '回' AS title, '/staff/meetings/' || m.id || '/minutes' AS href,
                    CASE n.status WHEN 'confirming' THEN \(minutesDue) END AS due
                FROM minutes n JOIN council_meeting m ON m.id = n.meeting_id WHERE n.status IN ('confirming', 'approved')
                """, [])
    }

    /// A department: opinions to give, agreements to confirm for the city, sheets to fill.
    public static func department(_ db: Database, departmentID: Int64, today: String) throws -> [Item] {
        try items(db, "attention.department.opinion", """
            SELECT p.title || '（' || o.name || '）' AS title, '/proposals/' || p.id AS href, p.opinion_due AS due
            FROM proposal p JOIN organisation o ON o.id = p.organisation_id
            JOIN proposal_department pd ON pd.proposal_id = p.id AND pd.department_id = ?
            WHERE p.status = 'consultation'
              AND NOT EXISTS (SELECT 1 FROM proposal_opinion op WHERE op.proposal_id = p.id AND op.department_id = pd.department_id)
            """, [departmentID])
            + items(db, "attention.department.confirm", """
                SELECT a.title AS title, '/agreements/' || a.id AS href, a.period_from AS due
                FROM agreement a WHERE a.status = 'org_confirmed' AND a.department_id = ?
                """, [departmentID])
            + nextReport(db, "attention.department.report", where: "a.department_id = ?", [departmentID], today: today)
            + items(db, "attention.department.sheet", """
                SELECT p.title AS title, '/proposals/' || p.id || '/pre-confirmation' AS href, NULL AS due
                FROM proposal p JOIN proposal_department pd ON pd.proposal_id = p.id AND pd.department_id = ?
                WHERE p.status = 'selected'
                  AND NOT EXISTS (SELECT 1 FROM pre_confirmation s WHERE s.source_type = 'proposal' AND s.source_id = p.id AND s.side = 'city'
                                  AND s.status = 'submitted')
                """, [departmentID])
    }

    /// A council member: items to score and minutes to confirm.
    public static func council(_ db: Database, memberID: Int64) throws -> [Item] {
        try items(db, "attention.council.score", """
            SELECT i.title AS title, '/review/items/' || i.id AS href, r.due_on AS due
            FROM review_item i JOIN review_round r ON r.id = i.round_id
            JOIN review_round_member rm ON rm.round_id = r.id AND rm.member_id = ?
            WHERE r.status = 'open'
              AND NOT EXISTS (SELECT 1 FROM review_recusal x WHERE x.item_id = i.id AND x.member_id = rm.member_id)
              AND NOT EXISTS (SELECT 1 FROM review v WHERE v.item_id = i.id AND v.member_id = rm.member_id AND v.status = 'submitted')
            """, [memberID])
            + items(db, "attention.council.minutes", """
                SELECT m.fiscal_year || '年度 第' || m.number || '回' AS title, '/council/meetings/' || m.id || '/minutes/review' AS href,
                    \(minutesDue) AS due
                FROM minutes n JOIN council_meeting m ON m.id = n.meeting_id
                JOIN meeting_attendance t ON t.meeting_id = m.id AND t.member_id = ? AND t.present = 1
                WHERE n.status = 'confirming'
                  AND NOT EXISTS (SELECT 1 FROM minutes_confirmation c WHERE c.meeting_id = m.id AND c.member_id = t.member_id)
                """, [memberID])
    }

    /// An organisation's members: drafts before the deadline, returns to fix, reports due,
    /// agreements to confirm, retrospectives to write.
    public static func organisations(_ db: Database, userID: Int64, today: String) throws -> [Item] {
        let mine = "(SELECT organisation_id FROM organisation_member WHERE user_id = ? AND accepted = 1)"
        return try items(db, "attention.org.draft", """
            SELECT CASE a.project_title WHEN '' THEN c.title ELSE a.project_title END AS title, '/applications/' || a.id || '/edit' AS href,
                date(c.closes_at, '+9 hours') AS due
            FROM grant_application a JOIN call c ON c.id = a.call_id
            WHERE a.status = 'draft' AND c.status = 'open' AND a.organisation_id IN \(mine)
            """, [userID])
            + items(db, "attention.org.returned", """
                SELECT a.project_title AS title, '/applications/' || a.id AS href, a.resubmit_by AS due
                FROM grant_application a WHERE a.status = 'returned' AND a.organisation_id IN \(mine)
                """, [userID])
            + items(db, "attention.org.proposalDraft", """
                SELECT CASE p.title WHEN '' THEN c.title ELSE p.title END AS title, '/proposals/' || p.id || '/edit' AS href,
                    date(c.closes_at, '+9 hours') AS due
                FROM proposal p JOIN call c ON c.id = p.call_id WHERE p.status = 'draft' AND c.status = 'open' AND p.organisation_id IN \(mine)
                """, [userID])
            + items(db, "attention.org.proposalReturned", """
                SELECT p.title AS title, '/proposals/' || p.id AS href, p.resubmit_by AS due
                FROM proposal p WHERE p.status = 'returned' AND p.organisation_id IN \(mine)
                """, [userID])
            + items(db, "attention.org.report", """
                SELECT a.project_title AS title, '/applications/' || a.id || '/report' AS href,
                    CASE WHEN a.project_end_on IS NOT NULL THEN date(a.project_end_on, '+\(reportDays) days') END AS due
                FROM grant_application a
                WHERE a.status = 'approved' AND a.report_status IN ('none', 'returned') AND a.organisation_id IN \(mine)
                """, [userID])
            + items(db, "attention.org.agreement", """
                SELECT a.title AS title, '/agreements/' || a.id AS href, a.period_from AS due
                FROM agreement a WHERE a.status = 'negotiating' AND a.organisation_id IN \(mine)
                """, [userID])
            + nextReport(db, "attention.org.agreementReport", where: "a.organisation_id IN \(mine)", [userID], today: today)
            + items(db, "attention.org.retrospective", """
                SELECT a.title AS title, '/agreements/' || a.id || '/evaluation' AS href, a.period_to AS due
                FROM agreement a WHERE a.status IN ('in_force', 'completed') AND a.organisation_id IN \(mine)
                  AND NOT EXISTS (SELECT 1 FROM retrospective_sheet s WHERE s.agreement_id = a.id AND s.stage = 'final'
                                  AND s.side = 'organisation' AND s.status = 'submitted')
                """, [userID])
    }
}
