import Foundation
import HTTP
import SQLite

enum CallAction: String, WorkflowAction {
    case open, close, review, publish, archive
}

/// 準備中 → 公開 → 締切 → 審査中 → 結果公表 → 終了. Opening and closing also happen by themselves
/// at the call's set times (`CallScheduler`).
enum CallWorkflow {
    static let office: @Sendable (Principal, Call) -> Bool = { p, c in CallPolicy.canManage(p, c) }

    static let workflow = Workflow<Call, Call.Status, CallAction>(
        recordType: "call",
        transitions: [
            .init(.open, from: [.draft], to: .open, labelKey: "call.action.open", allowed: office,
                  guards: [{ c, _, _ in c.criteria.isEmpty ? "call.error.noCriteria" : nil }]),
            .init(.close, from: [.open], to: .closed, labelKey: "call.action.close", confirm: true, allowed: office),
            .init(.review, from: [.closed], to: .reviewing, labelKey: "call.action.review", allowed: office),
            .init(.publish, from: [.reviewing], to: .published, labelKey: "call.action.publish", confirm: true, allowed: office),
            .init(.archive, from: [.published], to: .archived, labelKey: "call.action.archive", allowed: office),
        ],
        load: { db, id in try CallStore.find(db, id: id) },
        state: { $0.status },
        id: { $0.id },
        setState: { db, id, from, to, now in try CallStore.setStatus(db, id: id, from: from, to: to, now: now) })
}

/// Opens calls whose opening time has come and closes those past their deadline, as the system.
public enum CallScheduler {
    /// Returns how many calls changed state.
    @discardableResult
    public static func tick(_ services: AppServices, now: Date) throws -> Int {
        try services.database.write { db -> Int in
            var changed = 0
            for summary in try CallStore.list(db, statuses: [.draft, .open]) {
                guard let call = try CallStore.find(db, id: summary.id) else { continue }
                let action: CallAction
                if call.status == .draft && call.opensAt <= now && call.closesAt > now { action = .open }
                else if call.status == .open && call.closesAt <= now { action = .close }
                else { continue }
                do {
                    try CallWorkflow.workflow.take(action, id: call.id, by: .system, actor: .system("schedule"), entry: .button, in: db, now: now)
                    changed += 1
                } catch is Workflow<Call, Call.Status, CallAction>.Refusal {
                    // A draft that is not ready (no criteria) stays a draft; staff see why on its page.
                    continue
                }
            }
            return changed
        }
    }
}
