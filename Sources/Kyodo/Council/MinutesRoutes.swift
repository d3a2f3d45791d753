import Foundation
import HTTP
import Templating

/// The minutes: the office drafts them with the real speakers, attending members confirm or
/// comment (委員確認), the office approves (確定) and publishes (公開) — anonymised, names in the
/// text flagged first and replaced in one click.
enum MinutesRoutes {
    static func register(in routes: inout RouteTable) {
        routes.get("/staff/meetings/:id/minutes", .record(MeetingPolicy.office), edit)
        routes.post("/staff/meetings/:id/minutes", .record(MeetingPolicy.office), save)
        routes.post("/staff/meetings/:id/minutes/anonymise", .record(MeetingPolicy.office), anonymise)
        routes.post("/staff/meetings/:id/minutes/transitions/:action", .record(MeetingPolicy.office), transition)
        routes.get("/council/meetings/:id/minutes/review", .record(MeetingPolicy.review), review)
        routes.post("/council/meetings/:id/minutes/confirm", .record(MeetingPolicy.review), confirm)
    }

    static let maxStatements = 300
    static let blankRows = 3

    /// The speaker choices: the fixed roles, then every attending member by name (the office's view).
    static func speakerOptions(_ x: MeetingCase, _ c: RequestContext) -> [(String, String)] {
        [
            ("chair", c.t("minutes.speaker.chair")), ("vice_chair", c.t("minutes.speaker.vice_chair")),
            ("office", c.t("minutes.speaker.office")),
            ("department", c.t("minutes.speaker.department")), ("organisation", c.t("minutes.speaker.organisation")),
        ]
            + x.members.filter { x.meeting.attendance[$0.id] == true }.map { ("member:\($0.id)", $0.name) }
    }

    static func code(_ s: Minutes.Speaker) -> String {
        if case .member(let id) = s { return "member:\(id)" }
        return s.kind
    }

    static func name(_ s: Minutes.Speaker) -> String {
        switch s {
        case .department(let n), .organisation(let n): n
        default: ""
        }
    }

    static func page(
        _ c: RequestContext, _ x: MeetingCase,
        rows entered: [(agenda: String, speaker: String, name: String, text: String)]? = nil,
        summaries entered2: [Int: String]? = nil, errors: FormState = FormState(), refused: RefusedStep? = nil,
        status: HTTPStatus = .ok
    ) throws -> Response {
        let events = try c.services.database.read {
            try WorkflowStore.timeline($0, recordType: "minutes", recordID: x.meeting.id)
        }
        let findings = Anonymiser.findings(Anonymiser.blocks(x.minutes), members: x.members)
        let flaggedByStatement = Dictionary(
            findings.map { ($0.statement, $0.members.map(\.name)) }, uniquingKeysWith: { first, _ in first })
        let agendaOptions = x.meeting.agenda.enumerated().map {
            (String($0.offset + 1), "\($0.offset + 1). \($0.element)")
        }
        let speakers = speakerOptions(x, c)
        let saved = x.minutes.statements.map {
            (agenda: String($0.agendaPosition), speaker: code($0.speaker), name: name($0.speaker), text: $0.text)
        }
        let ids = x.minutes.statements.map(\.id)
        let rows =
            (entered ?? saved)
            + Array(
                repeating: (agenda: agendaOptions.first?.0 ?? "1", speaker: "", name: "", text: ""), count: blankRows)
        func options(_ list: [(String, String)], _ chosen: String, _ prefix: String) -> [FieldWidget.Option] {
            list.enumerated().map {
                .init(
                    value: $0.element.0, label: $0.element.1, selected: $0.element.0 == chosen,
                    optionID: "\(prefix)-\($0.offset)")
            }
        }
        let summaries = entered2 ?? x.minutes.summaries
        return try c.render(
            MinutesEditPage(
                meeting: MeetingCard(x.meeting, c, hasMinutes: x.minutes.publishedAt != nil),
                status: c.t(x.minutes.status.messageKey),
                editable: x.minutes.status == .draft,
                summaries: x.meeting.agenda.enumerated().map {
                    .init(position: $0.offset + 1, title: $0.element, summary: summaries[$0.offset + 1] ?? "")
                },
                rows: rows.enumerated().map { i, r in
                    .init(
                        number: i + 1, agendaOptions: options(agendaOptions, r.agenda, "f-s\(i + 1)Agenda"),
                        speakerOptions: options([("", c.t("form.choose"))] + speakers, r.speaker, "f-s\(i + 1)Speaker"),
                        name: r.name, text: r.text,
                        flagged: entered == nil && i < ids.count ? flaggedByStatement[ids[i]] ?? [] : [],
                        error: errors.error(for: "s\(i + 1)Speaker"))
                },
                revision: x.minutes.revision,
                findings: findings.map { f in
                    let place =
                        f.statement < 0
                        ? c.t("minutes.summaryOf", [String(-f.statement)])
                        : c.t(
                            "minutes.statementNumber",
                            [String((ids.firstIndex(of: f.statement) ?? 0) + 1)])
                    return place + "：" + f.members.map(\.name).joined(separator: "、")
                },
                confirmations: x.members.filter { x.meeting.attendance[$0.id] == true }.map {
                    .init(
                        name: $0.name, confirmed: x.minutes.confirmations[$0.id] != nil,
                        comment: x.minutes.confirmations[$0.id] ?? "")
                },
                actions: MinutesWorkflow.workflow.buttons(for: c.principal, on: x).map {
                    ActionButton(action: $0.action.rawValue, label: c.t($0.labelKey), comment: $0.commentRequired)
                }.marking(refused),
                published: x.minutes.publishedAt != nil,
                errors: errors.errors.map { .init(field: $0.field, message: $0.message) },
                timeline: TimelinePanel.data(events, c)), status: status)
    }

    static func edit(_ c: RequestContext) throws -> Response { try page(c, try c.record(MeetingCase.self)) }

    static func save(_ c: RequestContext) throws -> Response {
        let x = try c.record(MeetingCase.self)
        let data = try c.request.form()
        var errors = FormState()
        var rows: [(agenda: String, speaker: String, name: String, text: String)] = []
        var i = 1
        while i <= maxStatements, data["s\(i)Text"] != nil {
            let row = (
                agenda: data["s\(i)Agenda"] ?? "1", speaker: data["s\(i)Speaker"] ?? "",
                name: String((data["s\(i)Name"] ?? "").trimmingCharacters(in: .whitespaces).prefix(100)),
                text: String((data["s\(i)Text"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(8_000))
            )
            if !(row.speaker.isEmpty && row.text.isEmpty) { rows.append(row) }
            i += 1
        }
        var summaries: [Int: String] = [:]
        for position in x.meeting.agenda.indices.map({ $0 + 1 }) {
            summaries[position] = String(
                (data["summary\(position)"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(8_000))
        }
        let attending = Set(x.members.filter { x.meeting.attendance[$0.id] == true }.map(\.id))
        var statements: [Minutes.Statement] = []
        for (n, row) in rows.enumerated() {
            let agenda = Int(row.agenda).flatMap { (1...max(1, x.meeting.agenda.count)).contains($0) ? $0 : nil }
            var speaker: Minutes.Speaker?
            switch row.speaker {
            case "chair": speaker = .chair
            case "vice_chair": speaker = .viceChair
            case "office": speaker = .office
            case "department": speaker = .department(row.name)
            case "organisation": speaker = .organisation(row.name)
            default:
                if row.speaker.hasPrefix("member:"), let id = Int64(row.speaker.dropFirst(7)), attending.contains(id) {
                    speaker = .member(id)
                }
            }
            if speaker == nil || agenda == nil { errors.add("s\(n + 1)Speaker", c.t("minutes.error.speaker")) }
            if row.text.isEmpty { errors.add("s\(n + 1)Speaker", c.t("minutes.error.text")) }
            if let speaker, let agenda, !row.text.isEmpty {
                statements.append(.init(agendaPosition: agenda, speaker: speaker, text: row.text))
            }
        }
        guard errors.isValid else {
            return try page(c, x, rows: rows, summaries: summaries, errors: errors, status: .unprocessableContent)
        }
        let revision = Int(data["revision"] ?? "") ?? x.minutes.revision
        let saved = try c.services.database.write { db -> Bool in
            guard
                try MeetingStore.saveMinutes(
                    db, meetingID: x.meeting.id, revision: revision, summaries: summaries, statements: statements,
                    now: c.now)
            else { return false }
            try Audit.record(
                db, c.actor, action: "minutes.update", recordType: "minutes", recordID: x.meeting.id,
                after: ["statements": AuditValue(statements.count)], now: c.now)
            return true
        }
        guard saved else {
            errors.add(
                "s1Speaker", c.t(x.minutes.status == .draft ? "application.error.staleEdit" : "minutes.error.notDraft"))
            let fresh = try MeetingPolicy.load(c) ?? x
            return try page(c, fresh, rows: rows, summaries: summaries, errors: errors, status: .conflict)
        }
        return c.redirect(to: "/staff/meetings/\(x.meeting.id)/minutes", flash: "minutes.flash.saved")
    }

    /// Replaces every member name found in the text with the pseudonym they have (or will get at publication).
    static func anonymise(_ c: RequestContext) throws -> Response {
        let x = try c.record(MeetingCase.self)
        guard x.minutes.status == .draft || x.minutes.status == .approved else {
            throw HTTPError(.conflict, message: c.t("minutes.error.notDraft"))
        }
        try c.services.database.write { db in
            let fresh = try MeetingStore.minutes(db, meetingID: x.meeting.id)
            var pseudonyms = Anonymiser.pseudonyms(existing: fresh.pseudonyms, statements: fresh.statements)
            // A member named in the text who never speaks still gets a letter, after the speakers.
            for m in x.members
            where pseudonyms[m.id] == nil
                && Anonymiser.findings(Anonymiser.blocks(fresh), members: [m]).isEmpty == false
            {
                pseudonyms = Anonymiser.pseudonyms(
                    existing: pseudonyms, statements: [.init(agendaPosition: 1, speaker: .member(m.id), text: "")])
            }
            let statements = fresh.statements.map { s -> Minutes.Statement in
                var t = s
                t.text = Anonymiser.replacingNames(s.text, members: x.members, pseudonyms: pseudonyms, c)
                return t
            }
            let summaries = fresh.summaries.mapValues {
                Anonymiser.replacingNames($0, members: x.members, pseudonyms: pseudonyms, c)
            }
            try MeetingStore.replaceStatements(db, meetingID: x.meeting.id, statements)
            for (position, summary) in summaries {
                try db.execute(
                    "UPDATE minutes_summary SET summary = ? WHERE meeting_id = ? AND position = ?",
                    [summary, x.meeting.id, position])
            }
            // The letters used in the text are the ones publication will use.
            try MeetingStore.publish(db, meetingID: x.meeting.id, pseudonyms: pseudonyms, snapshot: nil)
            try Audit.record(
                db, c.actor, action: "minutes.anonymise", recordType: "minutes", recordID: x.meeting.id, after: [:],
                now: c.now)
        }
        return c.redirect(to: "/staff/meetings/\(x.meeting.id)/minutes", flash: "minutes.flash.anonymised")
    }

    /// The anonymised minutes as the public will read them.
    static func published(_ x: MeetingCase, pseudonyms: [Int64: String], _ c: RequestContext) -> PublishedMinutes {
        PublishedMinutes(
            items: x.meeting.agenda.enumerated().map { i, title in
                let position = i + 1
                return .init(
                    title: title,
                    summary: Anonymiser.replacingNames(
                        x.minutes.summaries[position] ?? "", members: x.members, pseudonyms: pseudonyms, c),
                    statements: x.minutes.statements.filter { $0.agendaPosition == position }.map {
                        .init(
                            id: $0.id, speaker: Anonymiser.label($0.speaker, pseudonyms: pseudonyms, c),
                            text: Anonymiser.replacingNames($0.text, members: x.members, pseudonyms: pseudonyms, c))
                    },
                    notes: notes(x, position: position) { Anonymiser.label(.member($0), pseudonyms: pseudonyms, c) }.map
                    { c.t("minutes.recused", $0) })
            })
    }

    /// The recusals of the round an agenda item took up, for attending members: [who, which item].
    static func notes(_ x: MeetingCase, position: Int, name: (Int64) -> String) -> [[String]] {
        (x.recusals[position] ?? []).filter { x.meeting.attendance[$0.memberID] == true }.map {
            [name($0.memberID), $0.item]
        }
    }

    static func transition(_ c: RequestContext) throws -> Response {
        let x = try c.record(MeetingCase.self)
        let action = try MinutesWorkflow.workflow.action(c)
        let comment = FormState(try c.request.form(), fields: ["comment"])["comment"]
        do {
            try MinutesWorkflow.workflow.take(action, id: x.meeting.id, comment: comment, c) { db, fresh, t in
                switch t.action {
                case .send: try MeetingStore.clearConfirmations(db, meetingID: fresh.meeting.id)
                case .publish:
                    let pseudonyms = Anonymiser.pseudonyms(for: fresh)
                    try MeetingStore.publish(
                        db, meetingID: fresh.meeting.id, pseudonyms: pseudonyms,
                        snapshot: published(fresh, pseudonyms: pseudonyms, c))
                default: break
                }
            }
        } catch {
            // Confirmations still missing, a name left in a statement: back to the minutes, next to the button.
            guard let message = fixableRefusal(error) else { throw error }
            return try page(c, x, refused: RefusedStep(action: action.rawValue, message: message, comment: comment),
                            status: .unprocessableContent)
        }
        return c.redirect(to: "/staff/meetings/\(x.meeting.id)/minutes", flash: "minutes.flash.moved")
    }

    static func items(_ x: MeetingCase, _ c: RequestContext) -> [MinutesView.Item] {
        let names = Dictionary(x.members.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        return x.meeting.agenda.enumerated().map { i, title in
            .init(
                number: i + 1, title: title, summary: x.minutes.summaries[i + 1] ?? "",
                statements: x.minutes.statements.filter { $0.agendaPosition == i + 1 }.map { s in
                    let speaker: String
                    if case .member(let id) = s.speaker {
                        speaker = names[id] ?? ""
                    } else {
                        speaker = Anonymiser.label(s.speaker, pseudonyms: [:], c)
                    }
                    return .init(id: s.id, speaker: speaker, text: s.text)
                },
                notes: notes(x, position: i + 1) { names[$0] ?? "" }.map { c.t("minutes.recused", $0) })
        }
    }

    static func review(_ c: RequestContext) throws -> Response {
        let x = try c.record(MeetingCase.self)
        let member = MeetingPolicy.attendingMember(c.principal, x)
        return try c.render(
            MinutesReviewPage(
                meeting: MeetingCard(x.meeting, c, hasMinutes: x.minutes.publishedAt != nil),
                status: c.t(x.minutes.status.messageKey),
                items: items(x, c), canConfirm: member != nil && x.minutes.status == .confirming,
                confirmed: member.map { x.minutes.confirmations[$0.id] != nil } ?? false,
                comment: member.flatMap { x.minutes.confirmations[$0.id] } ?? ""))
    }

    static func confirm(_ c: RequestContext) throws -> Response {
        let x = try c.record(MeetingCase.self)
        guard let member = MeetingPolicy.attendingMember(c.principal, x) else { throw HTTPError(.notFound) }
        var form = FormState(try c.request.form(), fields: ["comment"])
        let comment = form.text("comment", max: 4_000, c) ?? ""
        try c.services.database.write { db in
            guard try MeetingStore.minutes(db, meetingID: x.meeting.id).status == .confirming else {
                throw HTTPError(.conflict, message: c.t("minutes.error.notConfirming"))
            }
            try MeetingStore.confirm(db, meetingID: x.meeting.id, memberID: member.id, comment: comment, now: c.now)
            try Audit.record(
                db, c.actor, action: "minutes.confirm", recordType: "minutes", recordID: x.meeting.id,
                after: ["member": .int(member.id), "comment": .string(comment)], now: c.now)
        }
        return c.redirect(to: "/council/meetings/\(x.meeting.id)/minutes/review", flash: "minutes.flash.confirmed")
    }
}
