import Templating

/// Template data for `partials/timeline.html`: a record's state transitions, newest first.
enum TimelinePanel {
    static func data(_ events: [WorkflowStore.Event], _ c: RequestContext) -> TemplateValue {
        .list(events.reversed().map { e in
            ["at": .date(e.occurredAt), "actor": .string(AuditWords.actor(e.actorLabel, c)),
             "action": .string(HistoryPanel.actionLabel("\(e.recordType).\(e.action)", c)), "comment": .string(e.comment)]
        })
    }
}
