import Foundation
import HTTP
import Templating

/// The office schedules meetings (第N回), keeps their agenda and attendance, and cancels them.
enum MeetingRoutes {
    static func register(in routes: inout RouteTable) {
        routes.get("/staff/meetings", .roles([.staff, .admin]), list)
        routes.post("/staff/meetings", .roles([.staff, .admin]), create)
        routes.get("/staff/meetings/:id", .record(MeetingPolicy.office), show)
        routes.post("/staff/meetings/:id", .record(MeetingPolicy.office), update)
        routes.post("/staff/meetings/:id/transitions/:action", .record(MeetingPolicy.office), transition)
    }

    static let textFields = [
        "fiscalYear", "number", "date", "startTime", "endTime", "place", "isPublic", "closedReason", "observers",
        "others",
    ]

    static func fields(_ c: RequestContext, members: [CouncilMember]) -> [FieldView] {
        let year = JapaneseCalendar.fiscalYear(of: JapaneseCalendar.tokyo(c.now))
        return [
            FieldView(
                "fiscalYear", label: c.t("call.fiscalYear"),
                kind: .select((year - 1...year + 1).map { (String($0), c.format("fiscalYear", .int($0))) }),
                required: true),
            FieldView("number", label: c.t("meeting.number"), kind: .input(type: "number"), required: true),
            FieldView("date", label: c.t("meeting.date"), kind: .input(type: "date"), required: true),
            FieldView("startTime", label: c.t("meeting.startTime"), kind: .input(type: "time"), required: true),
            FieldView("endTime", label: c.t("meeting.endTime"), kind: .input(type: "time"), required: true),
            FieldView("place", label: c.t("meeting.place"), required: true),
            FieldView(
                "isPublic", label: c.t("meeting.openness"),
                kind: .select([("1", c.t("meeting.public")), ("0", c.t("meeting.closed"))])),
            FieldView(
                "closedReason", label: c.t("meeting.closedReason"), kind: .textarea,
                hint: c.t("meeting.closedReasonHint")),
            FieldView(
                "observers", label: c.t("meeting.observers"), kind: .textarea, hint: c.t("meeting.observersHint")),
            FieldView("others", label: c.t("meeting.others"), kind: .textarea, hint: c.t("meeting.othersHint")),
            FieldView(
                "present", label: c.t("meeting.attendance"), kind: .checkboxes(members.map { (String($0.id), $0.name) })
            ),
        ]
    }

    static func time(_ text: String) -> (Int, Int)? {
        let parts = Normalize.digits(text).split(separator: ":").compactMap { Int($0) }
        guard parts.count >= 2, (0...23).contains(parts[0]), (0...59).contains(parts[1]) else { return nil }
        return (parts[0], parts[1])
    }

    /// Reads the form into `base`; nil (errors next to the fields) when something is wrong.
    static func read(
        _ form: inout FormState, agenda: [AgendaRow], into base: Meeting, members: [CouncilMember], rounds: Set<Int64>,
        _ c: RequestContext
    ) -> Meeting? {
        var m = base
        m.fiscalYear = form.integer("fiscalYear", in: 2000...2100, required: true, c) ?? m.fiscalYear
        m.number = form.integer("number", in: 1...99, required: true, c) ?? m.number
        let day = form.date("date", required: true, c)
        let start = time(form["startTime"]), end = time(form["endTime"])
        if start == nil { form.add("startTime", c.t("proposal.error.time")) }
        if end == nil { form.add("endTime", c.t("proposal.error.time")) }
        if let day, let start, let end {
            let midnight = JapaneseCalendar.startOfDay(day)
            m.startsAt = midnight.addingTimeInterval(Double(start.0 * 3600 + start.1 * 60))
            m.endsAt = midnight.addingTimeInterval(Double(end.0 * 3600 + end.1 * 60))
            if m.endsAt <= m.startsAt { form.add("endTime", c.t("meeting.error.endBeforeStart")) }
        }
        m.place = form.text("place", max: 200, required: true, c) ?? ""
        m.isPublic = form["isPublic"] != "0"
        m.closedReason = form.text("closedReason", max: 2_000, c) ?? ""
        // A closed meeting publishes why (information-disclosure ordinance).
        if !m.isPublic && m.closedReason.isEmpty { form.add("closedReason", c.t("meeting.error.closedReason")) }
        m.observers = form.text("observers", max: 2_000, c) ?? ""
        m.others = form.text("others", max: 2_000, c) ?? ""
        let kept = agenda.filter { !$0.title.isEmpty }
        m.agenda = kept.map { String($0.title.prefix(300)) }
        m.agendaRounds = [:]
        for (i, row) in kept.enumerated() {
            guard !row.round.isEmpty else { continue }
            if let id = Int64(row.round), rounds.contains(id) {
                m.agendaRounds[i + 1] = id
            } else {
                form.add("agenda", c.t("form.error.choice"))
            }
        }
        let present = Set((form.lists["present"] ?? []).compactMap { Int64($0) })
        m.attendance = Dictionary(
            members.map { ($0.id, present.contains($0.id)) }, uniquingKeysWith: { first, _ in first })
        return form.isValid ? m : nil
    }

    struct AgendaRow {
        var title: String
        var round: String
    }

    static func agenda(_ data: FormData) -> [AgendaRow] {
        (1...30).compactMap { n in
            data["agenda\(n)"].map {
                AgendaRow(
                    title: $0.trimmingCharacters(in: .whitespacesAndNewlines), round: data["agenda\(n)Round"] ?? "")
            }
        }
    }

    /// Agenda inputs: the rows so far plus blank ones, each with the review rounds it may take up.
    static func agendaInputs(
        _ rows: [AgendaRow], _ c: RequestContext, minimum: Int
    ) throws -> [StaffMeetingPage.AgendaInput] {
        let rounds = try c.services.database.read { try MeetingStore.roundChoices($0) }
        let choices =
            [("", c.t("meeting.noRound"))]
            + rounds.map { (String($0.id), "\($0.label)（\(c.t("review.stage.\($0.stage)"))）") }
        return (rows + Array(repeating: AgendaRow(title: "", round: ""), count: max(2, minimum - rows.count)))
            .enumerated().map { i, row in
                .init(
                    number: i + 1, title: row.title,
                    rounds: choices.enumerated().map {
                        .init(
                            value: $0.element.0, label: $0.element.1, selected: $0.element.0 == row.round,
                            optionID: "f-agenda\(i + 1)Round-\($0.offset)")
                    })
            }
    }

    static func roundIDs(_ c: RequestContext) throws -> Set<Int64> {
        Set(try c.services.database.read { try MeetingStore.roundChoices($0) }.map(\.id))
    }

    static func listPage(
        _ c: RequestContext, _ form: FormState, agenda: [AgendaRow] = [], status: HTTPStatus = .ok
    ) throws -> Response {
        let (meetings, members, minutes) = try c.services.database.read { db in
            (
                try MeetingStore.list(db, fiscalYear: nil), try CouncilStore.all(db),
                try MeetingStore.publishedMinutes(db)
            )
        }
        return try c.render(
            StaffMeetingsPage(
                form: c.formView(form, fields(c, members: members)),
                meetings: meetings.map { MeetingCard($0, c, hasMinutes: minutes.contains($0.id)) },
                agenda: try agendaInputs(agenda, c, minimum: 4)), status: status)
    }

    static func list(_ c: RequestContext) throws -> Response {
        var form = FormState()
        let year = JapaneseCalendar.fiscalYear(of: JapaneseCalendar.tokyo(c.now))
        let next =
            try c.services.database.read { try MeetingStore.list($0, fiscalYear: year) }.map(\.number).max().map {
                $0 + 1
            } ?? 1
        form.values = [
            "fiscalYear": String(year), "number": String(next), "startTime": "14:00", "endTime": "16:00",
            "isPublic": "1",
            "observers": c.t("meeting.observersDefault"),
        ]
        return try listPage(c, form)
    }

    static func create(_ c: RequestContext) throws -> Response {
        let data = try c.request.form()
        var form = FormState(data, fields: textFields, lists: ["present"])
        let members = try c.services.database.read { try CouncilStore.all($0) }
        guard let m = read(&form, agenda: agenda(data), into: Meeting(), members: members, rounds: try roundIDs(c), c)
        else {
            return try listPage(c, form, agenda: agenda(data), status: .unprocessableContent)
        }
        let id = try c.services.database.write { db -> Int64 in
            let id = try MeetingStore.insert(db, m, now: c.now)
            try Audit.record(
                db, c.actor, action: "meeting.create", recordType: "meeting", recordID: id,
                after: [
                    "fiscal_year": AuditValue(m.fiscalYear), "number": AuditValue(m.number), "place": .string(m.place),
                ], now: c.now)
            return id
        }
        return c.redirect(to: "/staff/meetings/\(id)", flash: "meeting.flash.created")
    }

    static func page(
        _ c: RequestContext, _ x: MeetingCase, _ form: FormState, agenda: [AgendaRow], status: HTTPStatus = .ok
    ) throws -> Response {
        let (events, materials) = try c.services.database.read { db in
            (
                try WorkflowStore.timeline(db, recordType: "meeting", recordID: x.meeting.id),
                try MaterialStore.list(db, meetingID: x.meeting.id, includePrivate: true)
            )
        }
        return try c.render(
            StaffMeetingPage(
                form: c.formView(form, fields(c, members: x.members)),
                meeting: MeetingCard(x.meeting, c, hasMinutes: x.minutes.publishedAt != nil),
                agenda: try agendaInputs(agenda, c, minimum: agenda.count + 2),
                actions: MeetingWorkflow.workflow.buttons(for: c.principal, on: x).map {
                    ActionButton(action: $0.action.rawValue, label: c.t($0.labelKey), comment: $0.commentRequired)
                },
                minutesStatus: c.t(x.minutes.status.messageKey), materials: MaterialRoutes.items(materials),
                timeline: TimelinePanel.data(events, c)),
            status: status)
    }

    static func show(_ c: RequestContext) throws -> Response {
        let x = try c.record(MeetingCase.self)
        return try page(
            c, x, formValues(x.meeting),
            agenda: x.meeting.agenda.enumerated().map {
                AgendaRow(title: $0.element, round: x.meeting.agendaRounds[$0.offset + 1].map(String.init) ?? "")
            })
    }

    /// The meeting form filled with the meeting as saved.
    static func formValues(_ m: Meeting) -> FormState {
        var form = FormState()
        let start = JapaneseCalendar.tokyo(m.startsAt), end = JapaneseCalendar.tokyo(m.endsAt)
        form.values = [
            "fiscalYear": String(m.fiscalYear), "number": String(m.number), "date": DateInput.format(start),
            "startTime": String(format: "%02d:%02d", start.hour, start.minute),
            "endTime": String(format: "%02d:%02d", end.hour, end.minute),
            "place": m.place, "isPublic": m.isPublic ? "1" : "0", "closedReason": m.closedReason,
            "observers": m.observers,
            "others": m.others,
        ]
        form.lists["present"] = m.presentMembers.map(String.init)
        return form
    }

    static func update(_ c: RequestContext) throws -> Response {
        let x = try c.record(MeetingCase.self)
        let data = try c.request.form()
        var form = FormState(data, fields: textFields, lists: ["present"])
        guard let m = read(&form, agenda: agenda(data), into: x.meeting, members: x.members, rounds: try roundIDs(c), c)
        else {
            return try page(c, x, form, agenda: agenda(data), status: .unprocessableContent)
        }
        try c.services.database.write { db in
            try MeetingStore.update(db, m, now: c.now)
            try Audit.record(
                db, c.actor, action: "meeting.update", recordType: "meeting", recordID: m.id,
                before: [
                    "place": .string(x.meeting.place), "agenda": .string(x.meeting.agenda.joined(separator: "; ")),
                ],
                after: ["place": .string(m.place), "agenda": .string(m.agenda.joined(separator: "; "))], now: c.now)
        }
        return c.redirect(to: "/staff/meetings/\(m.id)", flash: "meeting.flash.saved")
    }

    static func transition(_ c: RequestContext) throws -> Response {
        let x = try c.record(MeetingCase.self)
        let action = try MeetingWorkflow.workflow.action(c)
        try MeetingWorkflow.workflow.take(
            action, id: x.meeting.id, comment: FormState(try c.request.form(), fields: ["comment"])["comment"], c)
        return c.redirect(to: "/staff/meetings/\(x.meeting.id)", flash: "meeting.flash.cancelled")
    }
}
