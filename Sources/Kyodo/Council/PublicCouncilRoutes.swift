import Foundation
import HTTP
import Templating

/// What everyone may read of the council: meetings by fiscal year, each meeting's page, the
/// published minutes (anonymised), the iCalendar feed of meetings and the minutes search.
/// Nothing here reads a member's name: attendance is a count, minutes come from their published,
/// anonymised text.
enum PublicCouncilRoutes {
    static func register(in routes: inout RouteTable) {
        routes.get("/council/meetings", .anyone, list)
        routes.get("/council/meetings.ics", .anyone, calendar)
        routes.get("/council/meetings/:id", .publicRecord(MeetingPolicy.meeting), show)
        routes.get("/minutes/search", .anyone, search)
        routes.get("/minutes/:id", .publicRecord(MeetingPolicy.publishedMinutes), minutes)
    }

    static func list(_ c: RequestContext) throws -> Response {
        var form = FormState(c.request.query, fields: ["year"])
        let (years, published) = try c.services.database.read { db in
            (try MeetingStore.years(db), try MeetingStore.publishedMinutes(db))
        }
        let year = Int(form["year"]) ?? years.first
        form.values["year"] = year.map(String.init) ?? ""
        let meetings = try c.services.database.read { try MeetingStore.list($0, fiscalYear: year ?? 0) }
        let field = FieldView(
            "year", label: c.t("call.fiscalYear"),
            kind: .select(years.map { (String($0), c.format("fiscalYear", .int($0))) }))
        return try c.render(
            PublicMeetingsPage(
                form: c.formView(form, [field]),
                meetings: meetings.map { MeetingCard($0, c, hasMinutes: published.contains($0.id)) }))
    }

    static func show(_ c: RequestContext) throws -> Response {
        let x = try c.record(MeetingCase.self)
        let materials = try c.services.database.read {
            try MaterialStore.list(
                $0, meetingID: x.meeting.id, includePrivate: MaterialRoutes.mayReadPrivate(c.principal))
        }
        return try c.render(
            PublicMeetingPage(
                meeting: MeetingCard(x.meeting, c, hasMinutes: x.minutes.publishedAt != nil), others: x.meeting.others,
                materials: MaterialRoutes.items(materials)))
    }

    static func minutes(_ c: RequestContext) throws -> Response {
        let (meeting, published) = try c.record((Meeting, PublishedMinutes).self)
        let publishedAt = try c.services.database.read {
            try MeetingStore.minutes($0, meetingID: meeting.id).publishedAt
        }
        return try c.render(
            PublicMinutesPage(
                meeting: MeetingCard(meeting, c, hasMinutes: true),
                items: published.items.enumerated().map { i, item in
                    .init(
                        number: i + 1, title: item.title, summary: item.summary,
                        statements: item.statements.map { .init(id: $0.id, speaker: $0.speaker, text: $0.text) },
                        notes: item.notes ?? [])
                },
                publishedAt: publishedAt))
    }

    static func calendar(_ c: RequestContext) throws -> Response {
        let meetings = try c.services.database.read { try MeetingStore.list($0, fiscalYear: nil) }
        let base = c.services.config.baseURL
        let host = base.split(separator: "/").dropFirst().first.map(String.init) ?? "kyodo"
        let events = meetings.map { m in
            ICalendar.Event(
                uid: "meeting-\(m.id)@\(host)", sequence: m.sequence, start: m.startsAt, end: m.endsAt,
                summary: c.t("meeting.title", [c.format("fiscalYear", .int(m.fiscalYear)), String(m.number)]),
                location: m.place, description: m.agenda.joined(separator: "\n"),
                url: "\(base)/council/meetings/\(m.id)",
                cancelled: m.status == .cancelled, stamp: m.updatedAt)
        }
        var response = Response(
            status: .ok, contentType: "text/calendar; charset=utf-8",
            body: Array(ICalendar.document(events, name: c.t("meeting.calendarName")).utf8))
        response.headers.set("Content-Disposition", "inline; filename=\"council-meetings.ics\"")
        return response
    }

    static func search(_ c: RequestContext) throws -> Response {
        var form = FormState(c.request.query, fields: ["q", "year", "speaker"])
        let query = form.text("q", max: 100, c) ?? ""
        let year = Int(form["year"])
        let (hits, years, speakers) = try c.services.database.read { db in
            (
                try MeetingStore.search(db, text: query, fiscalYear: year, speaker: form["speaker"]),
                try MeetingStore.years(db),
                try MeetingStore.searchSpeakers(db)
            )
        }
        let term = query.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" }).first.map(String.init) ?? ""
        let fields = [
            FieldView("q", label: c.t("minutes.searchLabel")),
            FieldView(
                "year", label: c.t("call.fiscalYear"),
                kind: .select([("", c.t("form.any"))] + years.map { (String($0), c.format("fiscalYear", .int($0))) })),
            FieldView(
                "speaker", label: c.t("minutes.speaker"),
                kind: .select([("", c.t("form.any"))] + speakers.map { ($0, $0) })),
        ]
        if year == nil { form.values["year"] = "" }
        return try c.render(
            MinutesSearchPage(
                form: c.formView(form, fields), query: query,
                hits: hits.map { h in
                    // The statement around the first term, the term itself marked by the template.
                    let (before, match, after) = snippet(h.text, term)
                    return .init(
                        meetingID: h.meetingID, statementID: h.statementID,
                        meeting: c.t("meeting.title", [c.format("fiscalYear", .int(h.fiscalYear)), String(h.number)]),
                        speaker: h.speaker,
                        before: before, match: match, after: after)
                }))
    }

    /// Up to 40 characters either side of the first occurrence of `term`.
    static func snippet(_ text: String, _ term: String) -> (String, String, String) {
        guard !term.isEmpty, let r = text.range(of: term) else { return (String(text.prefix(80)), "", "") }
        let before = text[..<r.lowerBound].suffix(40), after = text[r.upperBound...].prefix(40)
        return ((before.count == 40 ? "…" : "") + before, String(text[r]), after + (after.count == 40 ? "…" : ""))
    }
}
