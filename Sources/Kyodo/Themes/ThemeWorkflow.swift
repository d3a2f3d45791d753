import Foundation

enum ThemeAction: String, WorkflowAction {
    case publish, close, reopen
}

/// 下書き → 公開 (the office publishes what a department drafted) → 終了 (by the office or the
/// department, when the theme no longer takes proposals); the office may reopen a closed theme.
enum ThemeWorkflow {
    static let office: @Sendable (Principal, Theme) -> Bool = { p, _ in p.isOffice }
    static let owner: @Sendable (Principal, Theme) -> Bool = { p, t in p.isOffice || ThemePolicy.isOwnDepartment(p, t) }

    /// A theme goes public only when it says what it is about.
    static let complete: Workflow<Theme, Theme.Status, ThemeAction>.Guard = { t, _, _ in
        t.localIssue.isEmpty || t.wanted.isEmpty || t.fields.isEmpty ? "theme.check.incomplete" : nil
    }

    static let workflow = Workflow<Theme, Theme.Status, ThemeAction>(
        recordType: "theme",
        transitions: [
            .init(
                .publish, from: [.draft], to: .published, labelKey: "theme.action.publish", allowed: office,
                guards: [complete]),
            .init(.close, from: [.published], to: .closed, labelKey: "theme.action.close", allowed: owner),
            .init(.reopen, from: [.closed], to: .published, labelKey: "theme.action.reopen", allowed: office),
        ],
        load: { db, id in try ThemeStore.find(db, id: id) },
        state: { $0.status },
        id: { $0.id },
        setState: { db, id, from, to, now in try ThemeStore.setStatus(db, id: id, from: from, to: to, now: now) })
}
