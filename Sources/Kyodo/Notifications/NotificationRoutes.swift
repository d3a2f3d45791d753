import Foundation
import HTTP
import Templating

/// The bell's list: what happened to the records a person works on, newest first; opening one
/// marks it read; all can be marked read at once.
enum NotificationRoutes {
    static func register(in routes: inout RouteTable) {
        routes.get("/notifications", .signedIn, list)
        routes.post("/notifications/read-all", .signedIn, readAll)
        routes.post("/notifications/:id/read", .signedIn, open)
    }

    static func list(_ c: RequestContext) throws -> Response {
        let user = try c.requireUser()
        let items = try c.services.database.read { try NotificationStore.list($0, userID: user.id) }
        return try c.render(NotificationsPage(items: items.map {
            .init(id: $0.id, what: HistoryPanel.actionLabel($0.kind, c), title: $0.title, at: $0.createdAt, read: $0.read)
        }))
    }

    static func open(_ c: RequestContext) throws -> Response {
        let user = try c.requireUser()
        let id = try c.request.parameters.require("id", as: Int64.self)
        guard let href = try c.services.database.write({ try NotificationStore.markRead($0, id: id, userID: user.id, now: c.now) }) else {
            throw HTTPError(.notFound)
        }
        return c.redirect(to: href)
    }

    static func readAll(_ c: RequestContext) throws -> Response {
        let user = try c.requireUser()
        try c.services.database.write { try NotificationStore.markAllRead($0, userID: user.id, now: c.now) }
        return c.redirect(to: "/notifications", flash: "notification.flash.allRead")
    }
}

/// `notifications/index`: the person's notifications.
struct NotificationsPage: PageView {
    struct Item: TemplateView {
        let id: Int64
        let what: String
        let title: String
        let at: Date
        let read: Bool
        static let fields = Fields<Item>([
            "id": .int { Int($0.id) }, "what": .text(\.what), "title": .text(\.title), "at": .date(\.at), "read": .bool(\.read),
        ])
    }

    static let templates = ["notifications/index"]
    var template: String { "notifications/index" }
    let items: [Item]
    static let fields = Fields<NotificationsPage>(["items": .list(\.items), "hasUnread": .bool { $0.items.contains { !$0.read } }])
}
