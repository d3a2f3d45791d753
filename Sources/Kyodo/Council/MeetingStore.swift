import Foundation
import SQLite

/// The only place with SQL for council meetings, their minutes and the minutes search index.
public enum MeetingStore {
    static let columns = """
        id, fiscal_year, number, starts_at, ends_at, place, is_public, closed_reason, observers, others, status, sequence, updated_at
        """

    public static func find(_ db: Database, id: Int64) throws -> Meeting? {
        guard var m = try db.first("SELECT \(columns) FROM council_meeting WHERE id = ?", [id]).map(meeting) else {
            return nil
        }
        for row in try db.query(
            "SELECT position, title, round_id FROM meeting_agenda_item WHERE meeting_id = ? ORDER BY position", [id])
        {
            m.agenda.append(try row.get("title"))
            if let round: Int64 = try row.optional("round_id") { m.agendaRounds[m.agenda.count] = round }
        }
        for row in try db.query("SELECT member_id, present FROM meeting_attendance WHERE meeting_id = ?", [id]) {
            m.attendance[try row.get("member_id")] = try row.get("present")
        }
        return m
    }

    /// Meetings of a fiscal year (or all), in order; no agenda or attendance.
    public static func list(_ db: Database, fiscalYear: Int?) throws -> [Meeting] {
        if let fiscalYear {
            return try db.query(
                "SELECT \(columns) FROM council_meeting WHERE fiscal_year = ? ORDER BY starts_at", [fiscalYear]
            ).map(meeting)
        }
        return try db.query("SELECT \(columns) FROM council_meeting ORDER BY starts_at DESC LIMIT 500").map(meeting)
    }

    /// The next scheduled meeting from `now`, if any.
    public static func next(_ db: Database, now: Date) throws -> Meeting? {
        try db.first(
            "SELECT \(columns) FROM council_meeting WHERE status = 'scheduled' AND ends_at >= ? ORDER BY starts_at LIMIT 1",
            [now]
        ).map(meeting)
    }

    /// Meetings whose minutes were published most recently.
    public static func latestMinutes(_ db: Database, limit: Int) throws -> [Meeting] {
        try db.query(
            """
            SELECT \(columns.split(separator: ",").map { "m." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", "))
            FROM council_meeting m JOIN minutes n ON n.meeting_id = m.id WHERE n.published_snapshot IS NOT NULL
            ORDER BY n.published_at DESC LIMIT ?
            """, [limit]
        ).map(meeting)
    }

    /// The meetings with their agenda and attendance filled in, in two more queries whatever their number.
    public static func withDetails(_ db: Database, _ meetings: [Meeting]) throws -> [Meeting] {
        var agenda: [Int64: [String]] = [:], attendance: [Int64: [Int64: Bool]] = [:]
        for row in try db.query("SELECT meeting_id, title FROM meeting_agenda_item ORDER BY meeting_id, position") {
            agenda[try row.get("meeting_id"), default: []].append(try row.get("title"))
        }
        for row in try db.query("SELECT meeting_id, member_id, present FROM meeting_attendance") {
            attendance[try row.get("meeting_id"), default: [:]][try row.get("member_id")] = try row.get("present")
        }
        return meetings.map { m in
            var m = m
            m.agenda = agenda[m.id] ?? []
            m.attendance = attendance[m.id] ?? [:]
            return m
        }
    }

    public static func years(_ db: Database) throws -> [Int] {
        try db.query("SELECT DISTINCT fiscal_year FROM council_meeting ORDER BY fiscal_year DESC").map {
            try $0.get("fiscal_year")
        }
    }

    /// Which meetings have published minutes.
    public static func publishedMinutes(_ db: Database) throws -> Set<Int64> {
        Set(
            try db.query("SELECT meeting_id FROM minutes WHERE published_snapshot IS NOT NULL").map {
                try $0.get("meeting_id")
            })
    }

    static func meeting(_ row: Row) throws -> Meeting {
        var m = Meeting()
        m.id = try row.get("id"); m.fiscalYear = try row.get("fiscal_year"); m.number = try row.get("number")
        m.startsAt = try row.get("starts_at"); m.endsAt = try row.get("ends_at"); m.place = try row.get("place")
        m.isPublic = try row.get("is_public"); m.closedReason = try row.get("closed_reason");
        m.observers = try row.get("observers")
        m.others = try row.get("others"); m.status = Meeting.Status(rawValue: try row.get("status")) ?? .scheduled
        m.sequence = try row.get("sequence"); m.updatedAt = try row.get("updated_at")
        return m
    }

    @discardableResult
    public static func insert(_ db: Database, _ m: Meeting, now: Date) throws -> Int64 {
        try db.execute(
            """
            INSERT INTO council_meeting (fiscal_year, number, starts_at, ends_at, place, is_public, closed_reason, observers, others, created_at,
                updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                m.fiscalYear, m.number, m.startsAt, m.endsAt, m.place, m.isPublic, m.closedReason, m.observers,
                m.others, now, now,
            ])
        let id = db.lastInsertRowID
        try db.execute("INSERT INTO minutes (meeting_id, updated_at) VALUES (?, ?)", [id, now])
        try replaceDetails(db, id: id, m)
        return id
    }

    /// Saves the meeting; every change bumps the calendar SEQUENCE.
    public static func update(_ db: Database, _ m: Meeting, now: Date) throws {
        try db.execute(
            """
            UPDATE council_meeting SET fiscal_year = ?, number = ?, starts_at = ?, ends_at = ?, place = ?, is_public = ?, closed_reason = ?,
                observers = ?, others = ?, sequence = sequence + 1, updated_at = ? WHERE id = ?
            """,
            [
                m.fiscalYear, m.number, m.startsAt, m.endsAt, m.place, m.isPublic, m.closedReason, m.observers,
                m.others, now, m.id,
            ])
        try replaceDetails(db, id: m.id, m)
    }

    private static func replaceDetails(_ db: Database, id: Int64, _ m: Meeting) throws {
        try db.execute("DELETE FROM meeting_agenda_item WHERE meeting_id = ?", [id])
        for (i, title) in m.agenda.enumerated() {
            try db.execute(
                "INSERT INTO meeting_agenda_item (meeting_id, position, title, round_id) VALUES (?, ?, ?, ?)",
                [id, i + 1, title, m.agendaRounds[i + 1]])
        }
        try db.execute("DELETE FROM meeting_attendance WHERE meeting_id = ?", [id])
        for (member, present) in m.attendance.sorted(by: { $0.key < $1.key }) {
            try db.execute(
                "INSERT INTO meeting_attendance (meeting_id, member_id, present) VALUES (?, ?, ?)",
                [id, member, present])
        }
    }

    public static func setStatus(
        _ db: Database, id: Int64, from: Meeting.Status, to: Meeting.Status, now: Date
    ) throws -> Int {
        try db.execute(
            "UPDATE council_meeting SET status = ?, sequence = sequence + 1, updated_at = ? WHERE id = ? AND status = ?",
            [to.rawValue, now, id, from.rawValue])
        return db.changes
    }

    /// Every review round, for linking an agenda item to one.
    public static func roundChoices(_ db: Database) throws -> [(id: Int64, label: String, stage: String)] {
        try db.query(
            "SELECT r.id, c.title, r.stage FROM review_round r JOIN call c ON c.id = r.call_id ORDER BY r.id DESC LIMIT 200"
        ).map {
            (try $0.get("id"), try $0.get("title"), try $0.get("stage"))
        }
    }

    /// The recusals of the rounds taken up by a meeting's agenda: position → (member, item title).
    public static func agendaRecusals(_ db: Database, _ m: Meeting) throws -> [Int: [(memberID: Int64, item: String)]] {
        var out: [Int: [(memberID: Int64, item: String)]] = [:]
        for (position, round) in m.agendaRounds {
            let titles = Dictionary(
                try ReviewStore.items(db, roundID: round).map { ($0.id, $0.title) },
                uniquingKeysWith: { first, _ in first })
            out[position] = try ReviewStore.recusals(db, roundID: round).map { ($0.memberID, titles[$0.itemID] ?? "") }
        }
        return out
    }

    // MARK: Minutes

    public static func minutes(_ db: Database, meetingID: Int64) throws -> Minutes {
        var m = Minutes()
        m.meetingID = meetingID
        if let row = try db.first(
            "SELECT status, revision, published_at FROM minutes WHERE meeting_id = ?", [meetingID])
        {
            m.status = Minutes.Status(rawValue: try row.get("status")) ?? .draft
            m.revision = try row.get("revision"); m.publishedAt = try row.optional("published_at")
        }
        for row in try db.query("SELECT position, summary FROM minutes_summary WHERE meeting_id = ?", [meetingID]) {
            m.summaries[try row.get("position")] = try row.get("summary")
        }
        m.statements = try db.query(
            """
            SELECT id, agenda_position, speaker_kind, member_id, speaker_name, text FROM minutes_statement WHERE meeting_id = ?
            ORDER BY agenda_position, position
            """, [meetingID]
        ).map { row in
            let name: String = try row.get("speaker_name")
            let speaker: Minutes.Speaker
            switch try row.get("speaker_kind") as String {
            case "member": speaker = .member(try row.optional("member_id") ?? 0)
            case "chair": speaker = .chair
            case "vice_chair": speaker = .viceChair
            case "department": speaker = .department(name)
            case "organisation": speaker = .organisation(name)
            default: speaker = .office
            }
            return Minutes.Statement(
                id: try row.get("id"), agendaPosition: try row.get("agenda_position"), speaker: speaker,
                text: try row.get("text"))
        }
        for row in try db.query("SELECT member_id, letter FROM minutes_pseudonym WHERE meeting_id = ?", [meetingID]) {
            m.pseudonyms[try row.get("member_id")] = try row.get("letter")
        }
        for row in try db.query("SELECT member_id, comment FROM minutes_confirmation WHERE meeting_id = ?", [meetingID])
        {
            m.confirmations[try row.get("member_id")] = try row.get("comment")
        }
        return m
    }

    /// Saves the text if the minutes are still a draft at `revision`; false otherwise.
    public static func saveMinutes(
        _ db: Database, meetingID: Int64, revision: Int, summaries: [Int: String], statements: [Minutes.Statement],
        now: Date
    ) throws -> Bool {
        try db.execute(
            "UPDATE minutes SET revision = revision + 1, updated_at = ? WHERE meeting_id = ? AND revision = ? AND status = 'draft'",
            [now, meetingID, revision])
        guard db.changes == 1 else { return false }
        try db.execute("DELETE FROM minutes_summary WHERE meeting_id = ?", [meetingID])
        for (position, summary) in summaries.sorted(by: { $0.key < $1.key }) where !summary.isEmpty {
            try db.execute(
                "INSERT INTO minutes_summary (meeting_id, position, summary) VALUES (?, ?, ?)",
                [meetingID, position, summary])
        }
        try replaceStatements(db, meetingID: meetingID, statements)
        return true
    }

    public static func replaceStatements(_ db: Database, meetingID: Int64, _ statements: [Minutes.Statement]) throws {
        try db.execute("DELETE FROM minutes_statement WHERE meeting_id = ?", [meetingID])
        for (i, s) in statements.enumerated() {
            var member: Int64?
            var name = ""
            switch s.speaker {
            case .member(let id): member = id
            case .department(let n), .organisation(let n): name = n
            default: break
            }
            try db.execute(
                """
                INSERT INTO minutes_statement (meeting_id, agenda_position, position, speaker_kind, member_id, speaker_name, text)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [meetingID, s.agendaPosition, i + 1, s.speaker.kind, member, name, s.text])
        }
    }

    public static func setMinutesStatus(
        _ db: Database, meetingID: Int64, from: Minutes.Status, to: Minutes.Status, now: Date
    ) throws -> Int {
        try db.execute(
            """
            UPDATE minutes SET status = ?, updated_at = ?, published_at = CASE WHEN ? = 'published' THEN ? ELSE published_at END
            WHERE meeting_id = ? AND status = ?
            """, [to.rawValue, now, to.rawValue, now, meetingID, from.rawValue])
        return db.changes
    }

    public static func clearConfirmations(_ db: Database, meetingID: Int64) throws {
        try db.execute("DELETE FROM minutes_confirmation WHERE meeting_id = ?", [meetingID])
    }

    public static func confirm(_ db: Database, meetingID: Int64, memberID: Int64, comment: String, now: Date) throws {
        try db.execute(
            """
            INSERT INTO minutes_confirmation (meeting_id, member_id, comment, confirmed_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (meeting_id, member_id) DO UPDATE SET comment = excluded.comment, confirmed_at = excluded.confirmed_at
            """, [meetingID, memberID, comment, now])
    }

    /// Keeps the pseudonyms (only adds new ones); with a snapshot, stores it as the published text
    /// and rebuilds the meeting's search rows from it.
    public static func publish(
        _ db: Database, meetingID: Int64, pseudonyms: [Int64: String], snapshot: PublishedMinutes?
    ) throws {
        for (member, letter) in pseudonyms.sorted(by: { $0.key < $1.key }) {
            try db.execute(
                "INSERT INTO minutes_pseudonym (meeting_id, member_id, letter) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                [meetingID, member, letter])
        }
        guard let snapshot else { return }
        let json = String(decoding: try JSONEncoder.sorted.encode(snapshot), as: UTF8.self)
        try db.execute("UPDATE minutes SET published_snapshot = ? WHERE meeting_id = ?", [json, meetingID])
        let rows = snapshot.items.flatMap(\.statements).map { (statementID: $0.id, speaker: $0.speaker, text: $0.text) }
        try unpublishSearch(db, meetingID: meetingID)
        for row in rows {
            try db.execute(
                "INSERT INTO minutes_search (meeting_id, statement_id, speaker, text) VALUES (?, ?, ?, ?)",
                [meetingID, row.statementID, row.speaker, row.text])
        }
    }

    /// The minutes as last published, if ever.
    public static func published(_ db: Database, meetingID: Int64) throws -> PublishedMinutes? {
        guard
            let json = try db.scalar(
                "SELECT published_snapshot FROM minutes WHERE meeting_id = ?", [meetingID], as: String.self)
        else { return nil }
        return try? JSONDecoder().decode(PublishedMinutes.self, from: Data(json.utf8))
    }

    public static func unpublishSearch(_ db: Database, meetingID: Int64) throws {
        try db.execute("DELETE FROM minutes_search WHERE meeting_id = ?", [meetingID])
    }

    /// Published statements matching every term: trigram for terms of three or more characters, LIKE for shorter ones.
    public static func search(
        _ db: Database, text: String, fiscalYear: Int?, speaker: String?
    ) throws
        -> [(meetingID: Int64, statementID: Int64, speaker: String, text: String, fiscalYear: Int, number: Int)]
    {
        let (fts, like) = DirectoryQuery.terms(text)
        guard !fts.isEmpty || !like.isEmpty else { return [] }
        var conditions: [String] = []
        var values: [any SQLBindable] = []
        if !fts.isEmpty {
            conditions.append("s.rowid IN (SELECT rowid FROM minutes_search WHERE minutes_search MATCH ?)")
            values.append(
                fts.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " AND "))
        }
        for term in like {
            conditions.append("s.text LIKE ? ESCAPE '\\'"); values.append("%" + AuditStore.escapeLike(term) + "%")
        }
        if let fiscalYear { conditions.append("m.fiscal_year = ?"); values.append(fiscalYear) }
        if let speaker, !speaker.isEmpty { conditions.append("s.speaker = ?"); values.append(speaker) }
        return try db.query(
            """
            SELECT s.meeting_id, s.statement_id, s.speaker, s.text, m.fiscal_year, m.number FROM minutes_search s
            JOIN council_meeting m ON m.id = s.meeting_id WHERE \(conditions.joined(separator: " AND "))
            ORDER BY m.starts_at DESC, s.statement_id LIMIT 200
            """, values
        ).map {
            (
                try $0.get("meeting_id"), try $0.get("statement_id"), try $0.get("speaker"), try $0.get("text"),
                try $0.get("fiscal_year"),
                try $0.get("number")
            )
        }
    }

    /// The speaker labels that occur in published minutes, for the search filter.
    public static func searchSpeakers(_ db: Database) throws -> [String] {
        try db.query("SELECT DISTINCT speaker FROM minutes_search ORDER BY speaker").map { try $0.get("speaker") }
    }
}
