import Foundation
import Templating

/// `audit/index`: the audit trail, filtered, a page at a time, with its CSV.
struct AuditPage: PageView {
    struct Event: TemplateView {
        let at: Date
        let actor: String
        let action: String
        let record: String
        let changes: String
        let address: String
        static let fields = Fields<Event>([
            "at": .date(\.at), "actor": .text(\.actor), "action": .text(\.action), "record": .text(\.record),
            "changes": .text(\.changes), "address": .text(\.address),
        ])
    }

    static let templates = ["audit/index"]
    var template: String { "audit/index" }
    let form: FormView
    let pagination: PaginationView
    let csvHref: String
    let events: [Event]
    static let fields = Fields<AuditPage>(Fields.form(\.form) + [
        ("pagination", .view(\.pagination)), ("csvHref", .text(\.csvHref)), ("events", .list(\.events)),
        ("hasEvents", .bool { !$0.events.isEmpty }),
    ])
}
