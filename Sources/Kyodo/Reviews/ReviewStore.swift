import Foundation
import SQLite

/// The only place with SQL for review rounds, items, reviews, scores and recusals.
public enum ReviewStore {
    // MARK: Rounds

    public static func round(_ db: Database, id: Int64) throws -> ReviewRound? {
        guard
            let row = try db.first(
                "SELECT id, call_id, stage, due_on, status, closed_reason, closed_at FROM review_round WHERE id = ?",
                [id])
        else { return nil }
        var r = try round(row)
        r.memberIDs = try db.query(
            "SELECT member_id FROM review_round_member WHERE round_id = ? ORDER BY member_id", [id]
        )
        .map { try $0.get("member_id") }
        return r
    }

    public static func rounds(_ db: Database, callID: Int64) throws -> [ReviewRound] {
        try db.query(
            "SELECT id, call_id, stage, due_on, status, closed_reason, closed_at FROM review_round WHERE call_id = ? ORDER BY id",
            [callID]
        ).map(round)
    }

    static func round(_ row: Row) throws -> ReviewRound {
        var r = ReviewRound()
        r.id = try row.get("id"); r.callID = try row.get("call_id")
        r.stage = ReviewRound.Stage(rawValue: try row.get("stage")) ?? .pre
        r.dueOn = try row.get("due_on"); r.status = ReviewRound.Status(rawValue: try row.get("status")) ?? .open
        r.closedReason = try row.get("closed_reason"); r.closedAt = try row.optional("closed_at")
        return r
    }

    /// Opens a round over `items` for `members`; members linked to an item's organisation are
    /// recused from it at once (automatic recusal). Returns the round's id.
    public static func open(
        _ db: Database, callID: Int64, stage: ReviewRound.Stage, dueOn: String, members: [CouncilMember],
        items: [ReviewItem], reason: String, now: Date
    ) throws -> Int64 {
        try db.execute(
            "INSERT INTO review_round (call_id, stage, due_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
            [callID, stage.rawValue, dueOn, now, now])
        let id = db.lastInsertRowID
        for m in members {
            try db.execute("INSERT INTO review_round_member (round_id, member_id) VALUES (?, ?)", [id, m.id])
        }
        for item in items {
            try db.execute(
                """
                INSERT INTO review_item (round_id, record_type, record_id, organisation_id, title) VALUES (?, ?, ?, ?, ?)
                """, [id, item.recordType, item.recordID, item.organisationID, item.title])
            let itemID = db.lastInsertRowID
            for m in members where m.organisationIDs.contains(item.organisationID) {
                try recuse(db, itemID: itemID, memberID: m.id, automatic: true, reason: reason, now: now)
            }
        }
        return id
    }

    public static func setRoundStatus(
        _ db: Database, id: Int64, from: ReviewRound.Status, to: ReviewRound.Status, now: Date
    ) throws -> Int {
        try db.execute(
            """
            UPDATE review_round SET status = ?, updated_at = ?, closed_at = CASE WHEN ? = 'closed' THEN ? ELSE NULL END
            WHERE id = ? AND status = ?
            """, [to.rawValue, now, to.rawValue, now, id, from.rawValue])
        return db.changes
    }

    public static func setClosedReason(_ db: Database, id: Int64, _ reason: String) throws {
        try db.execute("UPDATE review_round SET closed_reason = ? WHERE id = ?", [reason, id])
    }

    // MARK: Items

    public static func items(_ db: Database, roundID: Int64) throws -> [ReviewItem] {
        try db.query(
            "SELECT id, round_id, record_type, record_id, organisation_id, title, opinion FROM review_item WHERE round_id = ? ORDER BY id",
            [roundID]
        ).map(item)
    }

    public static func item(_ db: Database, id: Int64) throws -> ReviewItem? {
        try db.first(
            "SELECT id, round_id, record_type, record_id, organisation_id, title, opinion FROM review_item WHERE id = ?",
            [id]
        ).map(item)
    }

    static func item(_ row: Row) throws -> ReviewItem {
        var i = ReviewItem()
        i.id = try row.get("id"); i.roundID = try row.get("round_id"); i.recordType = try row.get("record_type")
        i.recordID = try row.get("record_id"); i.organisationID = try row.get("organisation_id");
        i.title = try row.get("title")
        i.opinion = try row.get("opinion")
        return i
    }

    public static func setOpinion(_ db: Database, itemID: Int64, _ opinion: String) throws {
        try db.execute("UPDATE review_item SET opinion = ? WHERE id = ?", [opinion, itemID])
    }

    // MARK: Reviews

    /// Every review in a round with its scores (two queries), for the aggregate.
    public static func reviews(_ db: Database, roundID: Int64) throws -> [Review] {
        var reviews = try db.query(
            """
            SELECT r.id, r.item_id, r.member_id, r.status, r.recommendation, r.comment FROM review r
            JOIN review_item i ON i.id = r.item_id WHERE i.round_id = ? ORDER BY r.id
            """, [roundID]
        ).map(review)
        var scores: [Int64: [Review.Score]] = [:]
        for row in try db.query(
            """
            SELECT s.review_id, s.position, s.score, s.comment FROM review_score s JOIN review r ON r.id = s.review_id
            JOIN review_item i ON i.id = r.item_id WHERE i.round_id = ? ORDER BY s.position
            """, [roundID])
        {
            scores[try row.get("review_id"), default: []].append(
                .init(
                    position: try row.get("position"), score: try row.get("score"),
                    comment: try row.get("comment")))
        }
        for i in reviews.indices { reviews[i].scores = scores[reviews[i].id] ?? [] }
        return reviews
    }

    /// One member's review of one item, if they have saved one.
    public static func review(_ db: Database, itemID: Int64, memberID: Int64) throws -> Review? {
        guard
            var r = try db.first(
                "SELECT id, item_id, member_id, status, recommendation, comment FROM review WHERE item_id = ? AND member_id = ?",
                [itemID, memberID]
            ).map(review)
        else { return nil }
        r.scores = try db.query(
            "SELECT position, score, comment FROM review_score WHERE review_id = ? ORDER BY position", [r.id]
        ).map {
            .init(position: try $0.get("position"), score: try $0.get("score"), comment: try $0.get("comment"))
        }
        return r
    }

    static func review(_ row: Row) throws -> Review {
        var r = Review()
        r.id = try row.get("id"); r.itemID = try row.get("item_id"); r.memberID = try row.get("member_id")
        r.status = Review.Status(rawValue: try row.get("status")) ?? .draft
        r.recommendation = (try row.optional("recommendation") as String?).flatMap(
            Review.Recommendation.init(rawValue:))
        r.comment = try row.get("comment")
        return r
    }

    /// Saves a draft (creating the review on first save); false when it is already submitted.
    @discardableResult
    public static func saveDraft(_ db: Database, _ r: Review, now: Date) throws -> Int64? {
        try db.execute(
            """
            INSERT INTO review (item_id, member_id, recommendation, comment, updated_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (item_id, member_id) DO UPDATE SET recommendation = excluded.recommendation, comment = excluded.comment,
                updated_at = excluded.updated_at WHERE review.status = 'draft'
            """, [r.itemID, r.memberID, r.recommendation?.rawValue, r.comment, now])
        guard db.changes == 1,
            let id = try db.scalar(
                "SELECT id FROM review WHERE item_id = ? AND member_id = ? AND status = 'draft'",
                [r.itemID, r.memberID], as: Int64.self)
        else { return nil }
        try db.execute("DELETE FROM review_score WHERE review_id = ?", [id])
        for s in r.scores {
            try db.execute(
                "INSERT INTO review_score (review_id, position, score, comment) VALUES (?, ?, ?, ?)",
                [id, s.position, s.score, s.comment])
        }
        return id
    }

    public static func setReviewStatus(
        _ db: Database, id: Int64, from: Review.Status, to: Review.Status, now: Date
    ) throws -> Int {
        try db.execute(
            """
            UPDATE review SET status = ?, updated_at = ?, submitted_at = CASE WHEN ? = 'submitted' THEN ? ELSE submitted_at END
            WHERE id = ? AND status = ?
            """, [to.rawValue, now, to.rawValue, now, id, from.rawValue])
        return db.changes
    }

    public static func findReview(_ db: Database, id: Int64) throws -> Review? {
        guard let row = try db.first("SELECT item_id, member_id FROM review WHERE id = ?", [id]) else { return nil }
        return try review(db, itemID: try row.get("item_id"), memberID: try row.get("member_id"))
    }

    // MARK: Recusals

    public static func recuse(
        _ db: Database, itemID: Int64, memberID: Int64, automatic: Bool, reason: String, now: Date
    ) throws {
        try db.execute(
            """
            INSERT INTO review_recusal (item_id, member_id, automatic, reason, recorded_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (item_id, member_id) DO NOTHING
            """, [itemID, memberID, automatic, reason, now])
        // A declared conflict withdraws whatever draft the member had started.
        try db.execute(
            "DELETE FROM review WHERE item_id = ? AND member_id = ? AND status = 'draft'", [itemID, memberID])
    }

    public static func recusals(_ db: Database, roundID: Int64) throws -> [Recusal] {
        try db.query(
            """
            SELECT x.item_id, x.member_id, m.name, x.automatic, x.reason, x.recorded_at FROM review_recusal x
            JOIN review_item i ON i.id = x.item_id JOIN council_member m ON m.id = x.member_id WHERE i.round_id = ? ORDER BY x.item_id, m.name
            """, [roundID]
        ).map {
            Recusal(
                itemID: try $0.get("item_id"), memberID: try $0.get("member_id"), memberName: try $0.get("name"),
                automatic: try $0.get("automatic"), reason: try $0.get("reason"), recordedAt: try $0.get("recorded_at"))
        }
    }

    public static func isRecused(_ db: Database, itemID: Int64, memberID: Int64) throws -> Bool {
        try db.scalar(
            "SELECT count(*) FROM review_recusal WHERE item_id = ? AND member_id = ?", [itemID, memberID], as: Int.self)
            ?? 0 > 0
    }

    /// Whether every assigned, non-recused member has submitted every item of the round.
    public static func allSubmitted(_ db: Database, roundID: Int64) throws -> Bool {
        let missing =
            try db.scalar(
                """
                SELECT count(*) FROM review_item i JOIN review_round_member rm ON rm.round_id = i.round_id
                WHERE i.round_id = ?
                  AND NOT EXISTS (SELECT 1 FROM review_recusal x WHERE x.item_id = i.id AND x.member_id = rm.member_id)
                  AND NOT EXISTS (SELECT 1 FROM review r WHERE r.item_id = i.id AND r.member_id = rm.member_id AND r.status = 'submitted')
                """, [roundID], as: Int.self) ?? 0
        return missing == 0
    }

    // MARK: A member's queue

    /// Every item of every round the member is assigned to, with their own progress.
    public struct QueueEntry: Sendable {
        public let item: ReviewItem
        public let callTitle: String
        public let stage: ReviewRound.Stage
        public let dueOn: String
        public let roundOpen: Bool
        public let status: Review.Status?
        public let recused: Bool
    }

    public static func queue(_ db: Database, memberID: Int64) throws -> [QueueEntry] {
        try db.query(
            """
            SELECT i.id, i.round_id, i.record_type, i.record_id, i.organisation_id, i.title, i.opinion, c.title AS call_title, rr.stage, rr.due_on,
                rr.status AS round_status, r.status AS review_status,
                EXISTS (SELECT 1 FROM review_recusal x WHERE x.item_id = i.id AND x.member_id = ?) AS recused
            FROM review_round_member rm JOIN review_round rr ON rr.id = rm.round_id JOIN call c ON c.id = rr.call_id
            JOIN review_item i ON i.round_id = rr.id LEFT JOIN review r ON r.item_id = i.id AND r.member_id = rm.member_id
            WHERE rm.member_id = ? ORDER BY rr.status = 'closed', rr.due_on, i.id LIMIT 1000
            """, [memberID, memberID]
        ).map {
            QueueEntry(
                item: try item($0), callTitle: try $0.get("call_title"),
                stage: ReviewRound.Stage(rawValue: try $0.get("stage")) ?? .pre,
                dueOn: try $0.get("due_on"), roundOpen: (try $0.get("round_status") as String) == "open",
                status: (try $0.optional("review_status") as String?).flatMap(Review.Status.init(rawValue:)),
                recused: try $0.get("recused"))
        }
    }

    /// Accounts of the council members who score this record in some round and are not recused
    /// from it: they may read it (the material of their review), read-only.
    public static func reviewerUserIDs(_ db: Database, recordType: String, recordID: Int64) throws -> Set<Int64> {
        Set(
            try db.query(
                """
                SELECT DISTINCT m.user_id FROM review_item i JOIN review_round_member rm ON rm.round_id = i.round_id
                JOIN council_member m ON m.id = rm.member_id
                WHERE i.record_type = ? AND i.record_id = ? AND m.user_id IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM review_recusal x WHERE x.item_id = i.id AND x.member_id = rm.member_id)
                """, [recordType, recordID]
            ).map { try $0.get("user_id") as Int64 })
    }

    /// Whether an open round of one of `stages` scores this record: its decision waits for the
    /// council (事前評価 before 交付決定, 事後評価 before 額の確定).
    public static func underEvaluation(
        _ db: Database, recordType: String, recordID: Int64, stages: [ReviewRound.Stage]
    ) throws -> Bool {
        let marks = stages.map { _ in "?" }.joined(separator: ", ")
        var values: [any SQLBindable] = [recordType, recordID]
        values += stages.map(\.rawValue)
        return try db.scalar(
            """
            SELECT count(*) FROM review_item i JOIN review_round r ON r.id = i.round_id
            WHERE i.record_type = ? AND i.record_id = ? AND r.status = 'open' AND r.stage IN (\(marks))
            """, values, as: Int.self) ?? 0 > 0
    }

    /// The latest closed round of a stage for a call, for the public results.
    public static func latestClosed(_ db: Database, callID: Int64, stage: ReviewRound.Stage) throws -> ReviewRound? {
        try db.first(
            """
            SELECT id, call_id, stage, due_on, status, closed_reason, closed_at FROM review_round
            WHERE call_id = ? AND stage = ? AND status = 'closed' ORDER BY id DESC LIMIT 1
            """, [callID, stage.rawValue]
        ).map(round)
    }
}
