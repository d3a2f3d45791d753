import Foundation
import HTTP
import SQLite

/// Who may see and do what with meetings and minutes. Meetings are public (date, place, agenda,
/// how to observe); the minutes with real speakers are the office's and, from 委員確認 on, the
/// attending members'; the public reads only what was published, anonymised.
enum MeetingPolicy {
    static func load(_ db: Database, id: Int64) throws -> MeetingCase? {
        guard let meeting = try MeetingStore.find(db, id: id) else { return nil }
        return MeetingCase(
            meeting: meeting, minutes: try MeetingStore.minutes(db, meetingID: id), members: try CouncilStore.all(db),
            recusals: try MeetingStore.agendaRecusals(db, meeting))
    }

    static func load(_ c: RequestContext) throws -> MeetingCase? {
        let id = try c.request.parameters.require("id", as: Int64.self)
        return try c.services.database.read { try load($0, id: id) }
    }

    /// The council member this person is, if they attended the meeting.
    static func attendingMember(_ p: Principal, _ x: MeetingCase) -> CouncilMember? {
        guard p.has(.council), let user = p.user?.id, let m = x.members.first(where: { $0.userID == user }),
            x.meeting.attendance[m.id] == true
        else { return nil }
        return m
    }

    static func canReadDraft(_ p: Principal, _ x: MeetingCase) -> Bool {
        p.isOffice || (attendingMember(p, x) != nil && x.minutes.status != .draft)
    }

    static let meeting = RecordRule.record("meeting.view", load: load) { _, _ in true }
    static let office = RecordRule.record("meeting.office", load: load) { p, _ in p.isOffice }
    static let review = RecordRule.record("minutes.review", load: load, allow: canReadDraft)
    static let publishedMinutes = RecordRule.record(
        "minutes.published",
        load: { c in
            let id = try c.request.parameters.require("id", as: Int64.self)
            return try c.services.database.read { db -> (Meeting, PublishedMinutes)? in
                guard let m = try MeetingStore.find(db, id: id), let p = try MeetingStore.published(db, meetingID: id)
                else { return nil }
                return (m, p)
            }
        }
    ) { _, _ in true }
}

enum MeetingAction: String, WorkflowAction {
    case cancel
}

enum MinutesAction: String, WorkflowAction {
    case send, approve, publish, correct
}

enum MeetingWorkflow {
    static let workflow = Workflow<MeetingCase, Meeting.Status, MeetingAction>(
        recordType: "meeting",
        transitions: [
            .init(
                .cancel, from: [.scheduled], to: .cancelled, labelKey: "meeting.action.cancel", commentRequired: true,
                allowed: { p, _ in p.isOffice })
        ],
        load: { db, id in try MeetingPolicy.load(db, id: id) },
        state: { $0.meeting.status },
        id: { $0.meeting.id },
        setState: { db, id, from, to, now in try MeetingStore.setStatus(db, id: id, from: from, to: to, now: now) })
}

/// 下書き → 委員確認 → 確定 → 公開; a correction takes published minutes back to 下書き (the published
/// text stays until they are published again). 委員確認 cannot be skipped.
enum MinutesWorkflow {
    typealias Flow = Workflow<MeetingCase, Minutes.Status, MinutesAction>
    static let office: @Sendable (Principal, MeetingCase) -> Bool = { p, _ in p.isOffice }

    static let workflow = Flow(
        recordType: "minutes",
        transitions: [
            .init(
                .send, from: [.draft], to: .confirming, labelKey: "minutes.action.send", allowed: office,
                guards: [
                    { x, _, _ in
                        x.minutes.statements.isEmpty ? "minutes.error.empty" : nil
                    }
                ]),
            .init(
                .approve, from: [.confirming], to: .approved, labelKey: "minutes.action.approve", allowed: office,
                guards: [
                    { x, _, _ in
                        x.meeting.presentMembers.allSatisfy { x.minutes.confirmations[$0] != nil }
                            ? nil : "minutes.error.unconfirmed"
                    }
                ]),
            .init(
                .publish, from: [.approved], to: .published, labelKey: "minutes.action.publish", allowed: office,
                guards: [
                    { x, _, _ in
                        Anonymiser.findings(Anonymiser.blocks(x.minutes), members: x.members).isEmpty
                            ? nil : "minutes.error.names"
                    }
                ]),
            .init(
                .correct, from: [.published], to: .draft, labelKey: "minutes.action.correct", commentRequired: true,
                allowed: office),
        ],
        load: { db, id in try MeetingPolicy.load(db, id: id) },
        state: { $0.minutes.status },
        id: { $0.meeting.id },
        setState: { db, id, from, to, now in
            try MeetingStore.setMinutesStatus(db, meetingID: id, from: from, to: to, now: now)
        })
}
