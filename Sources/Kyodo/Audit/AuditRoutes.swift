import Foundation
import HTTP
import Templating

/// `/admin/audit`: the whole trail with filters (actor, record, action, dates), pagination and a
/// CSV export of the same selection.
enum AuditRoutes {
    static let perPage = 50
    static let csvLimit = 100_000

    static func register(in routes: inout RouteTable) {
        routes.get("/admin/audit", .roles([.admin]), listEvents)
        routes.get("/admin/audit.csv", .roles([.admin]), exportEvents)
    }

    /// Reads the filters from the query; bad values become form errors rather than being ignored.
    static func filter(_ c: RequestContext) -> (AuditStore.Filter, FormState) {
        var form = FormState(c.request.query, fields: ["actor", "recordType", "recordID", "action", "from", "to"])
        var filter = AuditStore.Filter()
        filter.actor = form["actor"]
        filter.recordType = form["recordType"]
        filter.action = form["action"]
        if !form["recordID"].isEmpty {
            if let id = Int64(form["recordID"]) { filter.recordID = id } else { form.add("recordID", c.t("audit.error.recordID")) }
        }
        for (field, isEnd) in [("from", false), ("to", true)] where !form[field].isEmpty {
            guard let day = DateInput.parse(form[field]) else { form.add(field, c.t("form.error.date")); continue }
            // Dates are Tokyo calendar days; "to" includes the whole of that day.
            let start = JapaneseCalendar.startOfDay(day)
            if isEnd { filter.until = start.addingTimeInterval(24 * 3600) } else { filter.from = start }
        }
        return (filter, form)
    }

    static func listEvents(_ c: RequestContext) throws -> Response {
        let (filter, form) = filter(c)
        let (total, events, actions, types) = try c.services.database.read { db in
            let total = form.isValid ? try AuditStore.count(db, filter) : 0
            let page = Pagination(c.request, perPage: perPage, total: total)
            let events = form.isValid ? try AuditStore.search(db, filter, limit: perPage, offset: page.offset) : []
            return (total, events, try AuditStore.actions(db), try AuditStore.recordTypes(db))
        }
        let page = Pagination(c.request, perPage: perPage, total: total)
        let fields = [
            FieldView("actor", label: c.t("audit.actor")),
            FieldView("recordType", label: c.t("audit.recordType"),
                      kind: .select([("", c.t("form.any"))] + types.map { ($0, recordTypeLabel($0, c)) })),
            FieldView("recordID", label: c.t("audit.recordID"), kind: .input(type: "text")),
            FieldView("action", label: c.t("audit.action"), kind: .select([("", c.t("form.any"))] + actions.map { ($0, HistoryPanel.actionLabel($0, c)) })),
            FieldView("from", label: c.t("audit.from"), kind: .input(type: "date")),
            FieldView("to", label: c.t("audit.to"), kind: .input(type: "date")),
        ]
        let words = AuditWords(c)
        return try c.render(AuditPage(
            form: c.formView(form, fields), pagination: page.view(c.request),
            csvHref: "/admin/audit.csv" + (c.request.target.firstIndex(of: "?").map { String(c.request.target[$0...]) } ?? ""),
            events: events.map { e in
                .init(at: e.occurredAt, actor: words.actor(e.actorLabel), action: HistoryPanel.actionLabel(e.action, c),
                      record: e.recordID.map { "\(recordTypeLabel(e.recordType, c)) #\($0)" } ?? recordTypeLabel(e.recordType, c),
                      changes: changes(e, words, c), address: e.clientAddress)
            }), status: form.isValid ? .ok : .unprocessableContent)
    }

    static func exportEvents(_ c: RequestContext) throws -> Response {
        let (filter, form) = filter(c)
        guard form.isValid else { throw HTTPError(.badRequest, message: form.errors.map(\.message).joined(separator: " ")) }
        let events = try c.services.database.read { try AuditStore.search($0, filter, limit: csvLimit, offset: 0) }
        let header = ["audit.csv.id", "audit.csv.time", "audit.actor", "audit.action", "audit.recordType", "audit.recordID",
                      "audit.csv.before", "audit.csv.after", "audit.csv.requestID", "audit.csv.address"].map { c.t($0) }
        let words = AuditWords(c)
        let rows = events.map { e in
            [String(e.id), ISO8601Local.tokyo(e.occurredAt), words.actor(e.actorLabel), HistoryPanel.actionLabel(e.action, c),
             recordTypeLabel(e.recordType, c), e.recordID.map(String.init) ?? "",
             words.summary(e.before, recordType: e.recordType), words.summary(e.after, recordType: e.recordType),
             e.requestID, e.clientAddress]
        }
        return CSV.response(CSV.document(header: header, rows: rows), filename: "audit.csv")
    }

    static func changes(_ e: AuditStore.Event, _ words: AuditWords, _ c: RequestContext) -> String {
        Set(e.before.keys).union(e.after.keys).sorted().map { key in
            "\(HistoryPanel.fieldLabel(key, c)): \(words.value(key, e.before[key], recordType: e.recordType)) → "
                + words.value(key, e.after[key], recordType: e.recordType)
        }.joined(separator: c.locale == "ja" ? "、" : "; ")
    }

    /// A kind of record by name (「申請」 not `application`).
    static func recordTypeLabel(_ type: String, _ c: RequestContext) -> String {
        let key = "audit.recordType.\(type)"
        let text = c.t(key)
        return text == key ? type : text
    }
}

/// `YYYY-MM-DD` from a date input.
enum DateInput {
    static func parse(_ text: String) -> JapaneseCalendar.Day? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        let day = JapaneseCalendar.Day(year: y, month: m, day: d)
        // Reject 31 February and the like: the day must survive a round trip.
        guard JapaneseCalendar.tokyo(JapaneseCalendar.startOfDay(day)) == day else { return nil }
        return day
    }

    /// YYYY-MM-DD, as stored and as `<input type="date">` shows it.
    static func format(_ day: JapaneseCalendar.Day) -> String { String(format: "%04d-%02d-%02d", day.year, day.month, day.day) }
}

/// `2025-04-01 09:30:00` in Tokyo time, for exports read by people.
enum ISO8601Local {
    static func tokyo(_ date: Date) -> String {
        let d = JapaneseCalendar.tokyo(date)
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) % 60
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", d.year, d.month, d.day, d.hour, d.minute, seconds < 0 ? seconds + 60 : seconds)
    }
}
