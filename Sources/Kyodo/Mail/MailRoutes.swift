import Foundation
import HTTP
import Templating

/// `/admin/mail`: the outbox as the office needs to see it — what waits (and why: the last error
/// and the next try), what failed (sent again with one button), what went out — and which mail
/// server is configured.
enum MailRoutes {
    static func register(in routes: inout RouteTable) {
        routes.get("/admin/mail", .roles([.admin]), show)
        routes.post("/admin/mail/:id/retry", .roles([.admin]), retry)
    }

    static func show(_ c: RequestContext) throws -> Response {
        let state = Outbox.State(rawValue: c.request.query["state"] ?? "") ?? .queued
        let (entries, counts) = try c.services.database.read { db in
            (try Outbox.entries(db, state: state), try Outbox.counts(db))
        }
        let tabs = [Outbox.State.queued, .failed, .sent].map {
            MailQueuePage.Tab(
                label: c.t("mail.state.\($0.rawValue)"), href: "/admin/mail?state=\($0.rawValue)",
                count: counts[$0] ?? 0, current: $0 == state)
        }
        return try c.render(
            MailQueuePage(
                server: c.services.config.smtp?.redacted ?? "", from: c.services.config.mailFrom, state: state.rawValue,
                tabs: tabs,
                entries: entries.map {
                    .init(
                        id: $0.id, to: $0.to, subject: $0.subject, createdAt: $0.createdAt, sentAt: $0.sentAt,
                        failedAt: $0.failedAt,
                        nextAttemptAt: $0.nextAttemptAt, attempts: $0.attempts, lastError: $0.lastError ?? "")
                }))
    }

    static func retry(_ c: RequestContext) throws -> Response {
        let id = try c.request.parameters.require("id", as: Int64.self)
        let queued = try c.services.database.write { db -> Bool in
            guard try Outbox.retry(db, id: id) else { return false }
            try Audit.record(db, c.actor, action: "mail.retry", recordType: "outbox", recordID: id, now: c.now)
            return true
        }
        guard queued else { throw HTTPError(.notFound) }
        return c.redirect(to: "/admin/mail?state=failed", flash: "mail.flash.retried")
    }
}

/// `mail/queue`: one tab of the outbox.
struct MailQueuePage: PageView {
    struct Tab: TemplateView {
        let label: String
        let href: String
        let count: Int
        let current: Bool
        static let fields = Fields<Tab>([
            "label": .text(\.label), "href": .text(\.href), "count": .int(\.count), "current": .bool(\.current),
        ])
    }

    struct Entry: TemplateView {
        let id: Int64
        let to: String
        let subject: String
        let createdAt: Date
        let sentAt: Date?
        let failedAt: Date?
        let nextAttemptAt: Date?
        let attempts: Int
        let lastError: String
        static let fields = Fields<Entry>([
            "id": .int { Int($0.id) }, "to": .text(\.to), "subject": .text(\.subject), "createdAt": .date(\.createdAt),
            "sentAt": .date(\.sentAt), "failedAt": .date(\.failedAt), "nextAttemptAt": .date(\.nextAttemptAt),
            "attempts": .int(\.attempts), "lastError": .text(\.lastError),
        ])
    }

    static let templates = ["mail/queue"]
    var template: String { "mail/queue" }
    let server: String
    let from: String
    let state: String
    let tabs: [Tab]
    let entries: [Entry]
    static let fields = Fields<MailQueuePage>([
        "server": .text(\.server), "from": .text(\.from), "tabs": .list(\.tabs), "entries": .list(\.entries),
        "hasEntries": .bool { !$0.entries.isEmpty },
    ])
}
