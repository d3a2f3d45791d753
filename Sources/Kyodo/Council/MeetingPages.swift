import Foundation
import Templating

/// A meeting as lists and pages show it (no member names: attendance is a count).
struct MeetingCard: TemplateView {
    let meeting: Meeting
    let status: String
    let hasMinutes: Bool

    init(_ m: Meeting, _ c: RequestContext, hasMinutes: Bool) {
        meeting = m
        status = c.t(m.status.messageKey)
        self.hasMinutes = hasMinutes
    }

    static let fields = Fields<MeetingCard>([
        "id": .int { Int($0.meeting.id) }, "number": .int(\.meeting.number), "fiscalYear": .int(\.meeting.fiscalYear),
        "startsAt": .date(\.meeting.startsAt), "endsAt": .date(\.meeting.endsAt), "place": .text(\.meeting.place),
        "isPublic": .bool(\.meeting.isPublic), "closedReason": .text(\.meeting.closedReason),
        "observers": .text(\.meeting.observers),
        "cancelled": .bool { $0.meeting.status == .cancelled }, "status": .text(\.status),
        "agenda": .texts(\.meeting.agenda),
        "present": .int { $0.meeting.presentMembers.count }, "hasMinutes": .bool(\.hasMinutes),
    ])
}

/// `council/staff-index`: every meeting for the office, and the form scheduling one.
struct StaffMeetingsPage: PageView {
    static let templates = ["council/staff-index"]
    var template: String { "council/staff-index" }
    let form: FormView
    let meetings: [MeetingCard]
    let agenda: [StaffMeetingPage.AgendaInput]
    static let fields = Fields<StaffMeetingsPage>(
        Fields.form(\.form) + [("meetings", .list(\.meetings)), ("agenda", .list(\.agenda))])
}

/// `council/staff-meeting`: one meeting's details, agenda and attendance for the office.
struct StaffMeetingPage: PageView {
    struct AgendaInput: TemplateView {
        let number: Int
        let title: String
        /// The review rounds the item may take up, the chosen one selected.
        let rounds: [FieldWidget.Option]
        static let fields = Fields<AgendaInput>([
            "number": .int(\.number), "title": .text(\.title), "rounds": .list(\.rounds),
        ])
    }

    static let templates = ["council/staff-meeting"]
    var template: String { "council/staff-meeting" }
    let form: FormView
    let meeting: MeetingCard
    let agenda: [AgendaInput]
    let actions: [ActionButton]
    let minutesStatus: String
    let materials: [MaterialItem]
    let timeline: TemplateValue
    static let fields = Fields<StaffMeetingPage>(
        Fields.form(\.form) + [
            ("meeting", .view(\.meeting)), ("agenda", .list(\.agenda)), ("actions", .list(\.actions)),
            ("minutesStatus", .text(\.minutesStatus)),
            ("materials", .list(\.materials)), ("timeline", .value(\.timeline)),
        ])
}

/// `council/minutes-edit`: the office drafts the minutes — summaries and statements with real speakers.
struct MinutesEditPage: PageView {
    struct Summary: TemplateView {
        let position: Int
        let title: String
        let summary: String
        static let fields = Fields<Summary>([
            "position": .int(\.position), "title": .text(\.title), "summary": .text(\.summary),
        ])
    }

    struct Row: TemplateView {
        let number: Int
        let agendaOptions: [FieldWidget.Option]
        let speakerOptions: [FieldWidget.Option]
        let name: String
        let text: String
        let flagged: [String]
        let error: String?
        static let fields = Fields<Row>([
            "number": .int(\.number), "agendaOptions": .list(\.agendaOptions),
            "speakerOptions": .list(\.speakerOptions), "name": .text(\.name),
            "text": .text(\.text), "flagged": .texts(\.flagged), "error": .text(\.error),
        ])
    }

    struct Confirmation: TemplateView {
        let name: String
        let confirmed: Bool
        let comment: String
        static let fields = Fields<Confirmation>([
            "name": .text(\.name), "confirmed": .bool(\.confirmed), "comment": .text(\.comment),
        ])
    }

    static let templates = ["council/minutes-edit"]
    var template: String { "council/minutes-edit" }
    let meeting: MeetingCard
    let status: String
    let editable: Bool
    let summaries: [Summary]
    let rows: [Row]
    let revision: Int
    let findings: [String]
    let confirmations: [Confirmation]
    let actions: [ActionButton]
    let published: Bool
    let errors: [FormView.Problem]
    let timeline: TemplateValue
    static let fields = Fields<MinutesEditPage>([
        "meeting": .view(\.meeting), "status": .text(\.status), "editable": .bool(\.editable),
        "summaries": .list(\.summaries),
        "rows": .list(\.rows), "revision": .int(\.revision), "findings": .texts(\.findings),
        "hasFindings": .bool { !$0.findings.isEmpty },
        "confirmations": .list(\.confirmations), "actions": .list(\.actions), "published": .bool(\.published),
        "errors": .list(\.errors),
        "hasErrors": .bool { !$0.errors.isEmpty }, "timeline": .value(\.timeline),
    ])
}

/// `council/minutes-review`: an attending member reads the draft (real speakers) and confirms or comments.
struct MinutesReviewPage: PageView {
    static let templates = ["council/minutes-review"]
    var template: String { "council/minutes-review" }
    let meeting: MeetingCard
    let status: String
    let items: [MinutesView.Item]
    let canConfirm: Bool
    let confirmed: Bool
    let comment: String
    static let fields = Fields<MinutesReviewPage>([
        "meeting": .view(\.meeting), "status": .text(\.status), "items": .list(\.items),
        "canConfirm": .bool(\.canConfirm),
        "confirmed": .bool(\.confirmed), "comment": .text(\.comment),
    ])
}

/// Minutes as read: per agenda item the summary and the statements with their speaker labels.
enum MinutesView {
    struct Statement: TemplateView {
        let id: Int64
        let speaker: String
        let text: String
        static let fields = Fields<Statement>([
            "id": .int { Int($0.id) }, "speaker": .text(\.speaker), "text": .text(\.text),
        ])
    }

    struct Item: TemplateView {
        let number: Int
        let title: String
        let summary: String
        let statements: [Statement]
        /// Who did not take part in the item (recusals of the review round it took up).
        let notes: [String]
        static let fields = Fields<Item>([
            "number": .int(\.number), "title": .text(\.title), "summary": .text(\.summary),
            "statements": .list(\.statements), "notes": .texts(\.notes),
        ])
    }
}

/// `council/index`: the meetings of a fiscal year, for everyone.
struct PublicMeetingsPage: PageView {
    static let templates = ["council/index"]
    var template: String { "council/index" }
    let form: FormView
    let meetings: [MeetingCard]
    static let fields = Fields<PublicMeetingsPage>(Fields.form(\.form) + [("meetings", .list(\.meetings))])
}

/// `council/meeting`: one meeting for everyone: when, where, agenda, how to observe.
struct PublicMeetingPage: PageView {
    static let templates = ["council/meeting"]
    var template: String { "council/meeting" }
    let meeting: MeetingCard
    let others: String
    let materials: [MaterialItem]
    static let fields = Fields<PublicMeetingPage>([
        "meeting": .view(\.meeting), "others": .text(\.others), "materials": .list(\.materials),
    ])
}

/// `council/minutes`: published minutes, anonymised.
struct PublicMinutesPage: PageView {
    static let templates = ["council/minutes"]
    var template: String { "council/minutes" }
    let meeting: MeetingCard
    let items: [MinutesView.Item]
    let publishedAt: Date?
    static let fields = Fields<PublicMinutesPage>([
        "meeting": .view(\.meeting), "items": .list(\.items), "publishedAt": .date(\.publishedAt),
    ])
}

/// `council/search`: statements of published minutes matching the query, the term highlighted.
struct MinutesSearchPage: PageView {
    struct Hit: TemplateView {
        let meetingID: Int64
        let statementID: Int64
        let meeting: String
        let speaker: String
        let before: String
        let match: String
        let after: String
        static let fields = Fields<Hit>([
            "meetingID": .int { Int($0.meetingID) }, "statementID": .int { Int($0.statementID) },
            "meeting": .text(\.meeting),
            "speaker": .text(\.speaker), "before": .text(\.before), "match": .text(\.match), "after": .text(\.after),
        ])
    }

    static let templates = ["council/search"]
    var template: String { "council/search" }
    let form: FormView
    let query: String
    let hits: [Hit]
    static let fields = Fields<MinutesSearchPage>(
        Fields.form(\.form) + [
            ("query", .text(\.query)), ("hits", .list(\.hits)),
            ("count", .int { $0.hits.count }),
        ])
}
