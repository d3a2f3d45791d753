import Foundation
import SQLite

/// The only place with SQL for proposals, their partner departments, budget lines and opinions.
public enum ProposalStore {
    static let columns = """
        p.id, p.call_id, p.organisation_id, o.name AS organisation_name, p.theme_id, p.status, p.title, p.local_issue, p.purpose,
        p.content, p.expected_effect, p.form, p.domain, p.role_organisation, p.role_city, p.period_from, p.period_to,
        p.requested_amount, p.opinion_due, p.presentation_at, p.presentation_place, p.presentation_order, p.council_result,
        p.conditions, p.revision, p.resubmit_by, p.submitted_at, p.decided_at
        """
    static let from = "proposal p JOIN organisation o ON o.id = p.organisation_id"

    public static func find(_ db: Database, id: Int64) throws -> Proposal? {
        guard let row = try db.first("SELECT \(columns) FROM \(from) WHERE p.id = ?", [id]) else { return nil }
        var p = try proposal(row)
        p.budget = try db.query(
            """
            SELECT direction, category, amount, eligible, note FROM proposal_budget_line WHERE proposal_id = ? ORDER BY direction DESC, position
            """, [id]
        ).map {
            Proposal.BudgetLine(
                direction: .init(rawValue: try $0.get("direction")) ?? .expense, category: try $0.get("category"),
                amount: try $0.get("amount"), eligible: try $0.get("eligible"), note: try $0.get("note"))
        }
        p.departments = try db.query(
            """
            SELECT d.id, d.name, d.section, d.contact FROM proposal_department pd JOIN department d ON d.id = pd.department_id
            WHERE pd.proposal_id = ? ORDER BY d.name
            """, [id]
        ).map(DepartmentStore.department)
        return p
    }

    /// The proposal with its call, its theme's title and the opinions given so far.
    public static func findCase(_ db: Database, id: Int64) throws -> ProposalCase? {
        guard let p = try find(db, id: id), let call = try CallStore.find(db, id: p.callID) else { return nil }
        let theme = try p.themeID.flatMap {
            try db.scalar("SELECT title FROM theme WHERE id = ?", [$0], as: String.self)
        }
        return ProposalCase(
            proposal: p, call: call, opinions: try opinions(db, proposalID: id), themeTitle: theme,
            reviewers: try ReviewStore.reviewerUserIDs(db, recordType: "proposal", recordID: id))
    }

    public static func opinions(_ db: Database, proposalID: Int64) throws -> [ProposalOpinion] {
        try db.query(
            """
            SELECT o.department_id, d.name, o.verdict, o.reasons, o.changes, o.author_label, o.recorded_at
            FROM proposal_opinion o JOIN department d ON d.id = o.department_id WHERE o.proposal_id = ? ORDER BY d.name
            """, [proposalID]
        ).map {
            ProposalOpinion(
                departmentID: try $0.get("department_id"), departmentName: try $0.get("name"),
                verdict: .init(rawValue: try $0.get("verdict")) ?? .infeasible, reasons: try $0.get("reasons"),
                changes: try $0.get("changes"), authorLabel: try $0.get("author_label"),
                recordedAt: try $0.get("recorded_at"))
        }
    }

    /// The organisation's draft under this call for this theme (or free), if one is open: a second
    /// click on "start" leads to it instead of a second draft.
    public static func openDraft(_ db: Database, callID: Int64, organisationID: Int64, themeID: Int64?) throws -> Int64?
    {
        try db.scalar(
            """
            SELECT id FROM proposal WHERE call_id = ? AND organisation_id = ? AND theme_id IS ? AND status = 'draft' ORDER BY id LIMIT 1
            """, [callID, organisationID, themeID], as: Int64.self)
    }

    public static func create(
        _ db: Database, callID: Int64, organisationID: Int64, theme: Theme?, now: Date
    ) throws -> Int64 {
        try db.execute(
            """
            INSERT INTO proposal (call_id, organisation_id, theme_id, title, local_issue, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [callID, organisationID, theme?.id, "", theme?.localIssue ?? "", now, now])
        let id = db.lastInsertRowID
        // A theme's department is the natural partner; the organisation may add others.
        if let theme {
            try db.execute(
                "INSERT INTO proposal_department (proposal_id, department_id) VALUES (?, ?)", [id, theme.departmentID])
        }
        return id
    }

    /// Saves the editable fields, budget lines and departments if the proposal is still editable and
    /// still at `p.revision`; false (nothing written) when it is not.
    @discardableResult
    public static func update(_ db: Database, _ p: Proposal, now: Date) throws -> Bool {
        try db.execute(
            """
            UPDATE proposal SET title = ?, local_issue = ?, purpose = ?, content = ?, expected_effect = ?, form = ?, domain = ?,
                role_organisation = ?, role_city = ?, period_from = ?, period_to = ?, requested_amount = ?, updated_at = ?,
                revision = revision + 1
            WHERE id = ? AND revision = ? AND status IN ('draft', 'returned')
            """,
            [
                p.title, p.localIssue, p.purpose, p.content, p.expectedEffect, p.form?.rawValue, p.domain?.rawValue,
                p.roleOrganisation,
                p.roleCity, p.periodFrom, p.periodTo, p.requestedAmount, now, p.id, p.revision,
            ])
        guard db.changes == 1 else { return false }
        try db.execute("DELETE FROM proposal_budget_line WHERE proposal_id = ?", [p.id])
        for (i, line) in p.budget.enumerated() {
            try db.execute(
                """
                INSERT INTO proposal_budget_line (proposal_id, direction, position, category, amount, eligible, note) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [p.id, line.direction.rawValue, i + 1, line.category, line.amount, line.eligible, line.note])
        }
        try db.execute("DELETE FROM proposal_department WHERE proposal_id = ?", [p.id])
        for id in Set(p.departmentIDs).sorted() {
            try db.execute("INSERT INTO proposal_department (proposal_id, department_id) VALUES (?, ?)", [p.id, id])
        }
        return true
    }

    /// The workflow's state change: only from `from`; returns the rows changed (0 or 1).
    public static func setStatus(
        _ db: Database, id: Int64, from: Proposal.Status, to status: Proposal.Status, now: Date
    ) throws -> Int {
        try db.execute(
            """
            UPDATE proposal SET status = ?, updated_at = ?,
                submitted_at = CASE WHEN ? = 'submitted' THEN ? ELSE submitted_at END,
                decided_at = CASE WHEN ? IN ('selected', 'rejected') THEN ? ELSE decided_at END
            WHERE id = ? AND status = ?
            """, [status.rawValue, now, status.rawValue, now, status.rawValue, now, id, from.rawValue])
        return db.changes
    }

    /// For demo data and tests: sets the state without the workflow.
    static func forceStatus(_ db: Database, id: Int64, _ status: Proposal.Status, now: Date) throws {
        try db.execute("UPDATE proposal SET status = ?, updated_at = ? WHERE id = ?", [status.rawValue, now, id])
    }

    public static func status(_ db: Database, id: Int64) throws -> Proposal.Status? {
        try db.scalar("SELECT status FROM proposal WHERE id = ?", [id], as: String.self).flatMap(
            Proposal.Status.init(rawValue:))
    }

    public static func setResubmitBy(_ db: Database, id: Int64, _ day: String?) throws {
        try db.execute("UPDATE proposal SET resubmit_by = ? WHERE id = ?", [day, id])
    }

    public static func setOpinionDue(_ db: Database, id: Int64, _ day: String?) throws {
        try db.execute("UPDATE proposal SET opinion_due = ? WHERE id = ?", [day, id])
    }

    public static func setPresentation(
        _ db: Database, id: Int64, at: Date?, place: String, order: Int?, now: Date
    ) throws {
        try db.execute(
            "UPDATE proposal SET presentation_at = ?, presentation_place = ?, presentation_order = ?, updated_at = ? WHERE id = ?",
            [at, place, order, now, id])
    }

    public static func recordDecision(
        _ db: Database, id: Int64, councilResult: String, conditions: String, now: Date
    ) throws {
        try db.execute(
            "UPDATE proposal SET council_result = ?, conditions = ?, updated_at = ? WHERE id = ?",
            [councilResult, conditions, now, id])
    }

    /// A department's opinion, replacing its earlier one while consultation lasts.
    public static func saveOpinion(
        _ db: Database, proposalID: Int64, departmentID: Int64, verdict: ProposalOpinion.Verdict, reasons: String,
        changes: String, actor: AuditActor, now: Date
    ) throws {
        try db.execute(
            """
            INSERT INTO proposal_opinion (proposal_id, department_id, verdict, reasons, changes, author_user_id, author_label, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (proposal_id, department_id) DO UPDATE SET verdict = excluded.verdict, reasons = excluded.reasons,
                changes = excluded.changes, author_user_id = excluded.author_user_id, author_label = excluded.author_label,
                recorded_at = excluded.recorded_at
            """, [proposalID, departmentID, verdict.rawValue, reasons, changes, actor.userID, actor.label, now])
    }

    /// Partner departments that have not given their opinion yet.
    public static func missingOpinions(_ db: Database, proposalID: Int64) throws -> Int {
        try db.scalar(
            """
            SELECT count(*) FROM proposal_department pd WHERE pd.proposal_id = ?
            AND NOT EXISTS (SELECT 1 FROM proposal_opinion o WHERE o.proposal_id = pd.proposal_id AND o.department_id = pd.department_id)
            """, [proposalID], as: Int.self) ?? 0
    }

    /// One row of a list: enough for a table, no budget lines.
    public struct Summary: Sendable {
        public let id: Int64
        public let title: String
        public let organisation: String
        public let callTitle: String
        public let status: Proposal.Status
        public let requested: Yen?
        public let departments: String
        public let themeID: Int64?
        public let form: Proposal.Form?
        public let periodFrom: String?
        public let periodTo: String?
        public let opinionDue: String?
        /// For a department's inbox: whether its own opinion is in.
        public let opinionGiven: Bool
        public let fiscalYear: Int
    }

    static let summaryColumns = """
        p.id, p.title, o.name AS organisation_name, c.title AS call_title, c.fiscal_year, p.status, p.requested_amount, p.theme_id, p.form,
        p.period_from, p.period_to, p.opinion_due,
        (SELECT group_concat(name, '・') FROM (SELECT d.name FROM proposal_department pd JOIN department d ON d.id = pd.department_id
            WHERE pd.proposal_id = p.id ORDER BY d.name)) AS departments
        """
    static let summaryFrom =
        "proposal p JOIN organisation o ON o.id = p.organisation_id JOIN call c ON c.id = p.call_id"

    static func summary(_ row: Row, opinionGiven: Bool = false) throws -> Summary {
        Summary(
            id: try row.get("id"), title: try row.get("title"), organisation: try row.get("organisation_name"),
            callTitle: try row.get("call_title"), status: Proposal.Status(rawValue: try row.get("status")) ?? .draft,
            requested: try row.optional("requested_amount"), departments: try row.optional("departments") ?? "",
            themeID: try row.optional("theme_id"),
            form: (try row.optional("form") as String?).flatMap(Proposal.Form.init(rawValue:)),
            periodFrom: try row.optional("period_from"), periodTo: try row.optional("period_to"),
            opinionDue: try row.optional("opinion_due"), opinionGiven: opinionGiven,
            fiscalYear: try row.get("fiscal_year"))
    }

    /// The proposals of every organisation the user is a member of, newest first.
    public static func forMember(_ db: Database, userID: Int64) throws -> [Summary] {
        try db.query(
            """
            SELECT \(summaryColumns) FROM \(summaryFrom)
            WHERE p.organisation_id IN (SELECT organisation_id FROM organisation_member WHERE user_id = ? AND accepted = 1)
            ORDER BY p.id DESC
            """, [userID]
        ).map { try summary($0) }
    }

    /// Submitted proposals naming the department (never drafts), consultation first, by due date.
    public static func forDepartment(_ db: Database, departmentID: Int64) throws -> [Summary] {
        try db.query(
            """
            SELECT \(summaryColumns), EXISTS (SELECT 1 FROM proposal_opinion op WHERE op.proposal_id = p.id AND op.department_id = ?) AS given
            FROM \(summaryFrom) JOIN proposal_department mine ON mine.proposal_id = p.id AND mine.department_id = ?
            WHERE p.status NOT IN ('draft')
            ORDER BY p.status <> 'consultation', p.opinion_due IS NULL, p.opinion_due, p.id DESC LIMIT 500
            """, [departmentID, departmentID]
        ).map { try summary($0, opinionGiven: try $0.get("given")) }
    }

    /// Counts per state for one call (drafts left out: they are the organisations' own).
    public static func tally(_ db: Database, callID: Int64) throws -> [Proposal.Status: Int] {
        var counts: [Proposal.Status: Int] = [:]
        for row in try db.query(
            "SELECT status, count(*) AS n FROM proposal WHERE call_id = ? AND status <> 'draft' GROUP BY status",
            [callID])
        {
            if let s = Proposal.Status(rawValue: try row.get("status")) { counts[s] = try row.get("n") }
        }
        return counts
    }

    /// One call's proposals for the office, optionally in one state; paginated.
    public static func forCall(
        _ db: Database, callID: Int64, status: Proposal.Status?, limit: Int, offset: Int
    ) throws -> [Summary] {
        var values: [any SQLBindable] = [callID]
        var condition = "p.status <> 'draft'"
        if let status { condition = "p.status = ?"; values.append(status.rawValue) }
        values += [limit, offset]
        return try db.query(
            """
            SELECT \(summaryColumns) FROM \(summaryFrom) WHERE p.call_id = ? AND \(condition) ORDER BY p.submitted_at, p.id LIMIT ? OFFSET ?
            """, values
        ).map { try summary($0) }
    }

    /// Selected proposals (and those past selection) for the public list, by the call's fiscal year.
    public static func published(_ db: Database, fiscalYear: Int?) throws -> [Summary] {
        var values: [any SQLBindable] = []
        var condition = ""
        if let fiscalYear { condition = "AND c.fiscal_year = ?"; values.append(fiscalYear) }
        return try db.query(
            """
            SELECT \(summaryColumns) FROM \(summaryFrom)
            WHERE p.status IN ('selected', 'agreement', 'in_progress', 'reported', 'evaluation', 'completed') \(condition)
            ORDER BY c.fiscal_year DESC, p.decided_at DESC, p.id DESC LIMIT 500
            """, values
        ).map { try summary($0) }
    }

    /// One organisation's selected proposals (and those past selection), newest first.
    public static func published(_ db: Database, organisationID: Int64) throws -> [Summary] {
        try db.query(
            """
            SELECT \(summaryColumns) FROM \(summaryFrom)
            WHERE p.organisation_id = ? AND p.status IN ('selected', 'agreement', 'in_progress', 'reported', 'evaluation', 'completed')
            ORDER BY c.fiscal_year DESC, p.id DESC LIMIT 100
            """, [organisationID]
        ).map { try summary($0) }
    }

    /// Fiscal years with published proposals, newest first.
    public static func publishedYears(_ db: Database) throws -> [Int] {
        try db.query(
            """
            SELECT DISTINCT c.fiscal_year FROM proposal p JOIN call c ON c.id = p.call_id
            WHERE p.status IN ('selected', 'agreement', 'in_progress', 'reported', 'evaluation', 'completed') ORDER BY c.fiscal_year DESC
            """
        ).map { try $0.get("fiscal_year") }
    }

    static func proposal(_ row: Row) throws -> Proposal {
        var p = Proposal()
        p.id = try row.get("id"); p.callID = try row.get("call_id"); p.organisationID = try row.get("organisation_id")
        p.organisationName = try row.get("organisation_name"); p.themeID = try row.optional("theme_id")
        p.status = Proposal.Status(rawValue: try row.get("status")) ?? .draft
        p.title = try row.get("title"); p.localIssue = try row.get("local_issue"); p.purpose = try row.get("purpose")
        p.content = try row.get("content"); p.expectedEffect = try row.get("expected_effect")
        p.form = (try row.optional("form") as String?).flatMap(Proposal.Form.init(rawValue:))
        p.domain = (try row.optional("domain") as String?).flatMap(Proposal.Domain.init(rawValue:))
        p.roleOrganisation = try row.get("role_organisation"); p.roleCity = try row.get("role_city")
        p.periodFrom = try row.optional("period_from"); p.periodTo = try row.optional("period_to")
        p.requestedAmount = try row.optional("requested_amount"); p.opinionDue = try row.optional("opinion_due")
        p.presentationAt = try row.optional("presentation_at"); p.presentationPlace = try row.get("presentation_place")
        p.presentationOrder = try row.optional("presentation_order"); p.councilResult = try row.get("council_result")
        p.conditions = try row.get("conditions"); p.revision = try row.get("revision");
        p.resubmitBy = try row.optional("resubmit_by")
        p.submittedAt = try row.optional("submitted_at"); p.decidedAt = try row.optional("decided_at")
        return p
    }

    static func auditFields(_ p: Proposal) -> [String: AuditValue] {
        [
            "title": .string(p.title), "local_issue": .string(p.localIssue), "purpose": .string(p.purpose),
            "content": .string(p.content),
            "expected_effect": .string(p.expectedEffect), "form": AuditValue(p.form?.rawValue),
            "domain": AuditValue(p.domain?.rawValue),
            "role_organisation": .string(p.roleOrganisation), "role_city": .string(p.roleCity),
            "period": .string("\(p.periodFrom ?? "")〜\(p.periodTo ?? "")"),
            "requested_amount": AuditValue(p.requestedAmount),
            "departments": .string(p.departments.map(\.name).sorted().joined(separator: "、")),
            "budget": .string(
                p.budget.map { "\($0.direction.rawValue):\($0.category)=\($0.amount)" }.joined(separator: "; ")),
        ]
    }
}
