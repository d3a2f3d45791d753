import Foundation
import SQLite

/// The only place with SQL for retrospectives, evaluation publication and the evaluation sheet.
public enum EvaluationStore {
    public static func load(_ db: Database, agreement: AgreementCase, stage: Evaluation.Stage) throws -> EvaluationCase
    {
        let id = agreement.agreement.id
        let row = try db.first(
            "SELECT status, remarks, published_at FROM evaluation WHERE agreement_id = ? AND stage = ?",
            [id, stage.rawValue])
        var sheets: [Retrospective] = []
        for sheetRow in try db.query(
            "SELECT side, status FROM retrospective_sheet WHERE agreement_id = ? AND stage = ? ORDER BY side",
            [id, stage.rawValue])
        {
            guard let side = PreConfirmation.Side(rawValue: try sheetRow.get("side")) else { continue }
            var sheet = Retrospective(side: side)
            sheet.submitted = (try sheetRow.get("status") as String) == "submitted"
            sheets.append(sheet)
        }
        for answer in try db.query(
            "SELECT side, item, rating, text FROM retrospective_answer WHERE agreement_id = ? AND stage = ?",
            [id, stage.rawValue])
        {
            guard let i = sheets.firstIndex(where: { $0.side.rawValue == (try? answer.get("side") as String) }) else {
                continue
            }
            sheets[i].answers[try answer.get("item")] = .init(
                rating: try answer.optional("rating"), text: try answer.get("text"))
        }
        var checks: [String: (answer: Evaluation.Answer?, note: String)] = [:]
        for check in try db.query("SELECT item, answer, note FROM evaluation_check WHERE agreement_id = ?", [id]) {
            checks[try check.get("item")] = (
                (try check.optional("answer") as String?).flatMap(Evaluation.Answer.init(rawValue:)),
                try check.get("note")
            )
        }
        return EvaluationCase(
            agreement: agreement, stage: stage,
            status: (try row?.get("status") as String?).flatMap(Evaluation.Status.init(rawValue:)) ?? .draft,
            remarks: try row?.get("remarks") ?? "", publishedAt: try row?.optional("published_at"), sheets: sheets,
            checks: checks)
    }

    /// Saves one side's sheet; false when that side has already submitted it.
    public static func saveSheet(
        _ db: Database, agreementID: Int64, stage: Evaluation.Stage, _ sheet: Retrospective, now: Date
    ) throws -> Bool {
        try db.execute(
            """
            INSERT INTO retrospective_sheet (agreement_id, stage, side, status, updated_at, submitted_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (agreement_id, stage, side) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at,
                submitted_at = excluded.submitted_at WHERE retrospective_sheet.status = 'draft'
            """,
            [
                agreementID, stage.rawValue, sheet.side.rawValue, sheet.submitted ? "submitted" : "draft", now,
                sheet.submitted ? now : nil,
            ])
        guard db.changes == 1 else { return false }
        try db.execute(
            "DELETE FROM retrospective_answer WHERE agreement_id = ? AND stage = ? AND side = ?",
            [agreementID, stage.rawValue, sheet.side.rawValue])
        for (item, answer) in sheet.answers.sorted(by: { $0.key < $1.key }) {
            try db.execute(
                "INSERT INTO retrospective_answer (agreement_id, stage, side, item, rating, text) VALUES (?, ?, ?, ?, ?, ?)",
                [agreementID, stage.rawValue, sheet.side.rawValue, item, answer.rating, answer.text])
        }
        return true
    }

    public static func ensure(_ db: Database, agreementID: Int64, stage: Evaluation.Stage) throws {
        try db.execute(
            "INSERT INTO evaluation (agreement_id, stage) VALUES (?, ?) ON CONFLICT DO NOTHING",
            [agreementID, stage.rawValue])
    }

    public static func setRemarks(_ db: Database, agreementID: Int64, stage: Evaluation.Stage, _ remarks: String) throws
    {
        try ensure(db, agreementID: agreementID, stage: stage)
        try db.execute(
            "UPDATE evaluation SET remarks = ? WHERE agreement_id = ? AND stage = ?",
            [remarks, agreementID, stage.rawValue])
    }

    /// The workflow's state change: the evaluation row of (agreement, stage), keyed by an id made of both.
    public static func setStatus(
        _ db: Database, agreementID: Int64, stage: Evaluation.Stage, from: Evaluation.Status, to: Evaluation.Status,
        now: Date
    ) throws -> Int {
        try ensure(db, agreementID: agreementID, stage: stage)
        try db.execute(
            """
            UPDATE evaluation SET status = ?, published_at = CASE WHEN ? = 'published' THEN ? ELSE published_at END
            WHERE agreement_id = ? AND stage = ? AND status = ?
            """, [to.rawValue, to.rawValue, now, agreementID, stage.rawValue, from.rawValue])
        return db.changes
    }

    public static func saveChecks(
        _ db: Database, agreementID: Int64, _ checks: [(item: String, answer: Evaluation.Answer?, note: String)],
        by label: String, now: Date
    ) throws {
        for c in checks {
            try db.execute(
                """
                INSERT INTO evaluation_check (agreement_id, item, answer, note, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (agreement_id, item) DO UPDATE SET answer = excluded.answer, note = excluded.note, updated_by = excluded.updated_by,
                    updated_at = excluded.updated_at
                """, [agreementID, c.item, c.answer?.rawValue, c.note, label, now])
        }
    }

    public static func isPublished(_ db: Database, agreementID: Int64, stage: Evaluation.Stage = .final) throws -> Bool
    {
        try db.scalar(
            "SELECT status = 'published' FROM evaluation WHERE agreement_id = ? AND stage = ?",
            [agreementID, stage.rawValue],
            as: Bool.self) ?? false
    }

    /// What earlier projects handed over: both sides' 改善すべき点 and 次年度への引継ぎ from published
    /// final evaluations, of an organisation's projects or a department's; newest first.
    public struct Handover: Sendable {
        public let title: String
        public let side: String
        public let item: String
        public let text: String
    }

    public static func handovers(
        _ db: Database, organisationID: Int64? = nil, departmentID: Int64? = nil
    ) throws -> [Handover] {
        let (column, value): (String, Int64) =
            organisationID.map { ("a.organisation_id", $0) } ?? ("a.department_id", departmentID ?? -1)
        return try db.query(
            """
            SELECT a.title, r.side, r.item, r.text FROM evaluation e JOIN agreement a ON a.id = e.agreement_id
            JOIN retrospective_answer r ON r.agreement_id = e.agreement_id AND r.stage = e.stage
            WHERE e.status = 'published' AND e.stage = 'final' AND \(column) = ? AND r.item IN ('improve', 'handover') AND r.text <> ''
            ORDER BY e.published_at DESC, a.id DESC, r.item, r.side LIMIT 12
            """, [value]
        ).map {
            Handover(
                title: try $0.get("title"), side: try $0.get("side"), item: try $0.get("item"), text: try $0.get("text")
            )
        }
    }

    /// Published final evaluations of an organisation's projects, for its public page.
    public static func published(
        _ db: Database, organisationID: Int64
    ) throws -> [(agreementID: Int64, title: String, publishedAt: Date)] {
        try db.query(
            """
            SELECT a.id, a.title, e.published_at FROM evaluation e JOIN agreement a ON a.id = e.agreement_id
            WHERE a.organisation_id = ? AND e.status = 'published' ORDER BY e.published_at DESC LIMIT 50
            """, [organisationID]
        ).map { (try $0.get("id"), try $0.get("title"), try $0.get("published_at")) }
    }
}
