import Templating

/// Template data for `partials/history.html`, the change history any record page can include.
enum HistoryPanel {
    static func data(_ events: [AuditStore.Event], _ c: RequestContext) -> TemplateValue {
        let words = AuditWords(c)
        return .list(events.reversed().map { event in
            let fields = Set(event.before.keys).union(event.after.keys).sorted()
            return [
                "at": .date(event.occurredAt),
                "actor": .string(words.actor(event.actorLabel)),
                "action": .string(actionLabel(event.action, c)),
                "changes": .list(fields.map { field in
                    ["field": .string(fieldLabel(field, c)),
                     "before": .string(words.value(field, event.before[field], recordType: event.recordType)),
                     "after": .string(words.value(field, event.after[field], recordType: event.recordType))]
                }),
            ]
        })
    }

    /// A readable name for an action, falling back to its code for actions without one yet.
    static func actionLabel(_ action: String, _ c: RequestContext) -> String {
        let key = "audit.action.\(action)"
        let text = c.t(key)
        return text == key ? action : text
    }

    static func fieldLabel(_ field: String, _ c: RequestContext) -> String {
        let key = "audit.field.\(field)"
        let text = c.t(key)
        return text == key ? field : text
    }
}
